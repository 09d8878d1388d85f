/*
 * rules_test.c
 *		Property tests of the scoring rules over random targets, actuals and
 *		methods: a met target never scores below a missed one; points never
 *		fall as the actual improves; a range never scores above its weight;
 *		the published precision is applied the same way by met, gap, status
 *		and points.  Plus hand-worked values of the rounding.
 */
#include <math.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "score_core.h"
#include "tap.h"

#define ROUNDS 200000

/* Uniform double in [lo, hi). */
static double
uniform(double lo, double hi)
{
	return lo + (hi - lo) * ((double) rand() / ((double) RAND_MAX + 1.0));
}

/* A threshold: often zero or a small integer, else a random number of either sign. */
static double
random_threshold(void)
{
	switch (rand() % 4)
	{
		case 0:
			return 0.0;
		case 1:
			return (double) (rand() % 21 - 10);
		default:
			return uniform(-50, 50);
	}
}

/* A random valid target (not relative). */
static Target
random_target(void)
{
	Target		t = {0};

	t.measure = 1 + rand() % 4;
	t.cmp = 1 + rand() % 6;
	t.lo = random_threshold();
	if (t.cmp == CMP_BETWEEN)
	{
		double		b = random_threshold();

		t.hi = fmax(t.lo, b);
		t.lo = fmin(t.lo, b);
	}
	return t;
}

/* An actual near the target's threshold, near zero, or anywhere. */
static double
random_actual(const Target *t)
{
	switch (rand() % 4)
	{
		case 0:
			return t->lo + uniform(-2, 2);
		case 1:
			return uniform(-1, 1);
		case 2:
			return (double) (rand() % 41 - 20) / 4.0;
		default:
			return uniform(-100, 100);
	}
}

typedef enum Method
{
	M_RATIO,
	M_THRESHOLD,
	M_EFFICACY,
	M_BANDED,
	M_COUNT
} Method;

/* Parameters of one scoring method, drawn at random. */
typedef struct Scoring
{
	Method		method;
	double		weight,
				floor_share,
				cap_share,
				miss_share;
	double		sat,
				dis;			/* efficacy */
	double		std[SCORE_BANDS];	/* banded */
	int			dir;
} Scoring;

/*
 * Random parameters; efficacy and banded standards run in the target's
 * direction (they judge the actual, so they must agree with the target).
 */
static Scoring
random_scoring(const Target *t, bool one_sided)
{
	Scoring		s = {0};
	int			sign = target_lower_is_better(t) ? -1 : 1;
	double		step = uniform(0.1, 5);

	s.method = one_sided ? rand() % M_COUNT : rand() % 2;
	s.weight = uniform(0, 20);
	s.floor_share = uniform(0, 1.3);
	s.cap_share = s.floor_share + uniform(0, 0.5);
	s.miss_share = uniform(0, 1);
	s.sat = t->lo;
	s.dis = t->lo - sign * uniform(0.5, 20);
	for (int k = 0; k < SCORE_BANDS; k++)
		s.std[k] = t->lo - sign * k * step;
	s.dir = sign;
	return s;
}

/* Points of the figure published to decimals under the scoring s. */
static double
points(const Target *t, const Scoring *s, double actual, int decimals)
{
	double		fig = target_published(actual, decimals);

	switch (s->method)
	{
		case M_RATIO:
			return score_ratio_target(t, t->lo, actual, decimals, s->weight,
									  s->floor_share, s->cap_share);
		case M_THRESHOLD:
			return score_threshold(target_met_at(t, t->lo, actual, decimals),
								   s->weight, s->miss_share);
		case M_EFFICACY:
			return score_efficacy(fig, s->sat, s->dis, s->weight, true);
		case M_BANDED:
			return score_banded(fig, s->std, s->dir, s->weight);
		default:
			return NAN;
	}
}

/* Whether a is at least as good as b for the target (one-sided or range). */
static bool
at_least_as_good(const Target *t, double a, double b)
{
	if (t->cmp == CMP_BETWEEN || t->cmp == CMP_EQ)
	{
		double		hi = t->cmp == CMP_EQ ? t->lo : t->hi;

		/* on one side of the range, nearer to it is better */
		if (a <= t->lo && b <= t->lo)
			return a >= b;
		if (a >= hi && b >= hi)
			return a <= b;
		return (a >= t->lo && a <= hi);
	}
	return target_lower_is_better(t) ? a <= b : a >= b;
}

/* Met never scores below missed; more of the good thing never scores less. */
static void
test_order_properties(void)
{
	int			met_below = 0,
				not_monotone = 0,
				range_over = 0,
				nan_points = 0,
				pairs = 0;

	srand(20241127);
	for (int i = 0; i < ROUNDS; i++)
	{
		Target		t = random_target();
		bool		one_sided = !target_no_overachievement(&t);
		Scoring		s = random_scoring(&t, one_sided);
		int			d = rand() % 3 == 0 ? TARGET_FULL_PRECISION : rand() % 4;
		double		a = random_actual(&t),
					b = random_actual(&t);
		double		pa = points(&t, &s, a, d),
					pb = points(&t, &s, b, d);
		bool		ma = target_met_at(&t, t.lo, a, d),
					mb = target_met_at(&t, t.lo, b, d);

		if (isnan(pa) || isnan(pb))
			nan_points++;
		if (ma && !mb && pa < pb)
		{
			if (met_below++ < 3)
				printf("# %s met at %g scores %g below missed %g at %g (method %d)\n",
					   target_cmp_name(t.cmp), a, pa, pb, b, s.method);
		}
		if (at_least_as_good(&t, target_published(a, d), target_published(b, d)))
		{
			pairs++;
			if (pa < pb)
			{
				if (not_monotone++ < 3)
					printf("# %s %g: %g scores %g, worse %g scores %g (method %d)\n",
						   target_cmp_name(t.cmp), t.lo, a, pa, b, pb, s.method);
			}
		}
		if (!one_sided && (pa > s.weight || pb > s.weight))
			range_over++;
	}
	ok(nan_points == 0, "no method gives NaN points for finite actuals");
	ok(met_below == 0, "%d random targets, actuals and methods: met never scores below missed", ROUNDS);
	ok(not_monotone == 0, "points never fall as the actual improves (%d ordered pairs)", pairs);
	ok(range_over == 0, "a range or = target never scores above its weight");
}

/*
 * The published precision is applied the same way everywhere: two actuals
 * that publish to the same figure get the same met, gap, status and points,
 * and those equal the values computed from the figure at full precision.
 */
static void
test_precision_consistency(void)
{
	int			differ = 0,
				status_met = 0;

	srand(7);
	for (int i = 0; i < ROUNDS; i++)
	{
		Target		t = random_target();
		bool		one_sided = !target_no_overachievement(&t);
		Scoring		s = random_scoring(&t, one_sided);
		int			d = rand() % 4;
		/* a figure at d decimals, and actuals that publish to it */
		double		fig = target_published(t.lo + (double) (rand() % 41 - 20) * pow(10, -d), d);
		double		x = fig + uniform(-0.49, 0.49) * pow(10, -d);
		double		y = fig + uniform(-1e-12, 1e-12);
		TrafficLight lx,
					ly,
					lf;

		if (target_published(x, d) != target_published(y, d))
			continue;
		lx = target_status_at(&t, t.lo, x, false, 0, false, 0, d);
		ly = target_status_at(&t, t.lo, y, false, 0, false, 0, d);
		lf = target_eval_status(&t, t.lo, target_published(x, d), false, 0, false, 0);
		if (target_met_at(&t, t.lo, x, d) != target_met_at(&t, t.lo, y, d) ||
			target_met_at(&t, t.lo, x, d) != target_eval_met(&t, t.lo, target_published(x, d)) ||
			target_gap_at(&t, t.lo, x, d) != target_gap_at(&t, t.lo, y, d) ||
			lx != ly || lx != lf ||
			points(&t, &s, x, d) != points(&t, &s, y, d) ||
			points(&t, &s, x, d) != points(&t, &s, target_published(x, d), TARGET_FULL_PRECISION))
		{
			if (differ++ < 3)
				printf("# %s %g at %d decimals: %.17g and %.17g judged differently\n",
					   target_cmp_name(t.cmp), t.lo, d, x, y);
		}
		if ((lx == LIGHT_GREEN) != target_met_at(&t, t.lo, x, d))
			status_met++;
	}
	ok(differ == 0, "actuals publishing to the same figure get the same met, gap, status and points");
	ok(status_met == 0, "status is green exactly when met at the published precision");
}

/* Rounding half away from zero, worked by hand and against decimal halves. */
static void
test_published(void)
{
	int			bad = 0,
				not_monotone = 0;
	double		prev = -INFINITY;

	ok(target_published((1061.0 / 1000 - 1) * 100, 1) == 6.1, "1000 to 1061 is 6.1%% at 0.1");
	ok(target_published((10030.0 / 10000 - 1) * 100, 1) == 0.3, "10000 to 10030 is 0.3%% at 0.1");
	ok(target_published(80.36 - 80.23, 2) == 0.13, "80.23 to 80.36 is 0.13 at 0.01");
	ok(target_published(2.675, 2) == 2.68, "2.675 (just below in binary) is 2.68");
	ok(target_published(-2.5, 0) == -3.0, "-2.5 is -3: half away from zero");
	ok(target_published(0.0004, 3) == 0.0 && target_published(0.0005, 3) == 0.001,
	   "0.0004 is 0.000 and 0.0005 is 0.001");
	ok(target_published(1e20, 2) == 1e20, "beyond 15 digits nothing to round");
	ok(target_published(7.25, TARGET_FULL_PRECISION) == 7.25, "full precision leaves it");
	ok(target_clean((18.0 / 20 - 1) * 100) == -10.0, "-9.999999999999998 cleans to -10");

	/* k + 0.5 units of the last decimal rounds to k + 1 units (away from 0) */
	srand(11);
	for (int i = 0; i < ROUNDS; i++)
	{
		long long	k = rand() % 1000000;
		int			d = rand() % 5;
		const char *sign = rand() % 2 ? "-" : "";
		char		buf[64];
		double		half,
					want;

		snprintf(buf, sizeof(buf), "%s%lld.5e-%d", sign, k, d);
		half = strtod(buf, NULL);
		snprintf(buf, sizeof(buf), "%s%llde-%d", sign, k + 1, d);
		want = strtod(buf, NULL);
		if (target_published(half, d) != want)
		{
			if (bad++ < 3)
				printf("# %.17g at %d decimals gives %.17g, want %.17g\n", half, d,
					   target_published(half, d), want);
		}
	}
	ok(bad == 0, "%d decimal halves round away from zero", ROUNDS);
	for (int i = 0; i <= 20000; i++)
	{
		double		x = -10 + i * 0.001,
					p = target_published(x, 2);

		if (p < prev)
			not_monotone++;
		prev = p;
	}
	ok(not_monotone == 0, "published figures never decrease as the value grows");
}

/* target_clean as the text gives it: strtod of printf's "%.11e". */
static double
clean_by_text(double x)
{
	char		buf[40];

	if (!isfinite(x) || x == 0.0)
		return x;
	snprintf(buf, sizeof(buf), "%.11e", x);
	return strtod(buf, NULL);
}

/* 10^p moved by ulps units in the last place */
static double
exp10_near(int p, int ulps)
{
	char		buf[16];
	double		x;

	snprintf(buf, sizeof(buf), "1e%d", p);
	x = strtod(buf, NULL);
	for (; ulps > 0; ulps--)
		x = nextafter(x, INFINITY);
	for (; ulps < 0; ulps++)
		x = nextafter(x, 0.0);
	return x;
}

static uint64_t clean_seed = 88172645463325252ULL;

static uint64_t
clean_next(void)
{
	clean_seed ^= clean_seed << 13;
	clean_seed ^= clean_seed >> 7;
	clean_seed ^= clean_seed << 17;
	return clean_seed;
}

/*
 * target_clean's fast path gives the same double as the text, bit for bit:
 * figures as the plan has them (gaps, points, their float noise), values
 * on 12-digit halves and around powers of ten, and any bit pattern.
 */
static void
test_clean(void)
{
	int			bad = 0;
	long		n = 0;

	for (int i = 0; i < 20 * ROUNDS; i++)
	{
		uint64_t	r = clean_next();
		double		x,
					got,
					want;

		switch (i % 6)
		{
			case 0:				/* a difference of two published figures */
				x = (double) (r % 2000000) / 100 - (double) ((r >> 24) % 2000000) / 1000;
				break;
			case 1:				/* a ratio in points: done / target - time progress */
				x = ((double) (r % 100000 + 1) / (double) ((r >> 20) % 100000 + 1)
					 - (double) ((r >> 40) % 12 + 1) / 12) * 100;
				break;
			case 2:				/* a 12-digit half, and a neighbour or two */
				{
					char		buf[64];

					snprintf(buf, sizeof(buf), "%lld5e%d", (long long) (r % 900000000000ULL + 100000000000ULL),
							 (int) ((r >> 45) % 60) - 40);
					x = nextafter(strtod(buf, NULL), (r >> 62) ? INFINITY : -INFINITY);
					if ((r >> 61) & 1)
						x = strtod(buf, NULL);
				}
				break;
			case 3:				/* around a power of ten */
				x = exp10_near((int) (r % 70) - 35, (int) ((r >> 8) % 9) - 4);
				break;
			case 4:				/* any finite bit pattern */
				memcpy(&x, &r, sizeof(x));
				if (!isfinite(x))
					continue;
				break;
			default:			/* any magnitude the fast path takes, and beyond */
				x = ldexp((double) (r >> 11) / 9007199254740992.0 + 0.5, (int) ((r >> 3) % 260) - 130);
				break;
		}
		if ((r >> 63) & 1)
			x = -x;
		n++;
		got = target_clean(x);
		want = clean_by_text(x);
		if (memcmp(&got, &want, sizeof(double)) != 0 && bad++ < 3)
			printf("# %.17g cleans to %.17g, the text to %.17g\n", x, target_clean(x), clean_by_text(x));
	}
	ok(bad == 0, "%ld values clean to the double of their 12-digit text", n);
	bad = 0;
	for (int d = 0; d <= 22; d++)
		if (pow(10.0, d) != exp10_near(d, 0))
			bad++;
	ok(bad == 0, "pow(10, d) is the exact power for d <= 22, as the published figure's table");
	ok(target_clean(-0.0) == 0.0 && signbit(target_clean(-0.0)), "-0 stays -0");
	ok(target_clean(0.2000000000000002) == 0.2 && target_clean(999999999999.5) == 1e12,
	   "noise cleans away; 999999999999.5 rounds to 1e12");
}

/* The scoring rule, worked by hand. */
static void
test_rule_examples(void)
{
	Target		le10 = {.measure = MEASURE_LEVEL, .cmp = CMP_LE, .lo = 10};
	Target		g3 = {.measure = MEASURE_GROWTH, .cmp = CMP_LE, .lo = 3};
	Target		range = {.measure = MEASURE_GROWTH, .cmp = CMP_BETWEEN, .lo = 6, .hi = 8};
	Target		l20 = {.measure = MEASURE_LEVEL, .cmp = CMP_GE, .lo = 20};
	Target		p;

	ok(score_ratio_target(&le10, 10, 0, -1, 10, 0, 1.2) == 12.0, "level <= 10 at 0 earns the cap, 12");
	ok(score_ratio_target(&le10, 10, 0, -1, 10, 0, 1.0) == 10.0, "with cap 1, the full weight");
	ok(score_ratio_target(&g3, 3, -0.5, -1, 10, 0, 1.2) == 12.0, "growth <= 3%% at -0.5 earns the cap");
	/* 8 / 12 x 10 */
	ok_near(score_ratio_target(&range, 6, 12, -1, 10, 0, 1.2), 20.0 / 3.0, 1e-12,
			"12 against 6..8 is 8/12 of the weight");
	ok(score_ratio_target(&range, 6, 7, -1, 10, 0, 1.2) == 10.0, "inside the range: the weight, no more");
	p = target_prorate(&l20, 11.0 / 12.0);
	ok_near(p.lo, 20.0 * 11.0 / 12.0, 1e-12, "level >= 20 prorates to 18.33 in November");
	ok(target_eval_status(&l20, 20, 18, true, 1.0, true, 10) == LIGHT_YELLOW,
	   "90%% done at the year's end, 10-point tolerance: yellow");
	ok(target_light_for_shortfall(10.0, 10.0) == LIGHT_YELLOW &&
	   target_light_for_shortfall(10.000001, 10.0) == LIGHT_RED,
	   "the tolerance boundary is inclusive");
}

int
main(void)
{
	test_rule_examples();
	test_published();
	test_clean();
	test_order_properties();
	test_precision_consistency();
	return tap_done();
}
