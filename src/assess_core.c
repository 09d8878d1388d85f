/*
 * assess_core.c
 *		Arithmetic of the assessment state, its accessors, and its text
 *		form, which reads back bit-exactly.
 *
 * Pure C: no PostgreSQL headers.  The text form lists every field by name:
 *
 *		(points=45,weight=50,weight_all=100,bonus=0,deduction=0,
 *		 log_sum=-5.7536,applicable=2,missing=1,vetoes=0,zeros=0)
 *
 * (on one line), doubles in the shortest %g form strtod reads back exactly.
 */
#include "assess_core.h"
#include "float_text.h"
#include "scan.h"

#include <errno.h>
#include <inttypes.h>
#include <math.h>
#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#define N_DOUBLES 6
#define N_COUNTS 4

static const char *const double_names[N_DOUBLES] = {
	"points", "weight", "weight_all", "bonus", "deduction", "log_sum"
};
static const char *const count_names[N_COUNTS] = {
	"applicable", "missing", "vetoes", "zeros"
};
static const char *const kind_names[] = {"score", "bonus", "deduction", "veto"};

static AssessStatus fail(char *detail, size_t len, AssessStatus st, const char *fmt,...)
			__attribute__((format(printf, 4, 5)));

/* Record a failure's detail sentence and return the status. */
static AssessStatus
fail(char *detail, size_t len, AssessStatus st, const char *fmt,...)
{
	va_list		ap;

	va_start(ap, fmt);
	vsnprintf(detail, len, fmt, ap);
	va_end(ap);
	scan_trim_utf8(detail);
	return st;
}

/* The doubles of a state, in text order. */
static double *
double_field(Assessment *a, int i)
{
	double	   *f[N_DOUBLES] = {&a->points, &a->weight, &a->weight_all,
	&a->bonus, &a->deduction, &a->log_sum};

	return f[i];
}

/* The counts of a state, in text order. */
static int64_t *
count_field(Assessment *a, int i)
{
	int64_t    *f[N_COUNTS] = {&a->applicable, &a->missing, &a->vetoes, &a->zeros};

	return f[i];
}

/* Parse an item kind name of the given length. */
bool
assess_kind_parse(const char *s, size_t len, AssessKind *kind)
{
	for (int k = KIND_SCORE; k <= KIND_VETO; k++)
	{
		if (strlen(kind_names[k]) == len && memcmp(s, kind_names[k], len) == 0)
		{
			*kind = (AssessKind) k;
			return true;
		}
	}
	return false;
}

/* Points of an item: finite, not below zero. */
static bool
points_ok(double p)
{
	return p >= 0.0 && isfinite(p);
}

/*
 * Whether every sum of the state is still a finite number.  log_sum is not
 * one of them: it only serves the geometric mean, which reports its own
 * overflow (log_sum NaN), so a state whose arithmetic sums are finite is
 * never refused because of it.
 */
static bool
sums_finite(const Assessment *a)
{
	return isfinite(a->points) && isfinite(a->weight_all) &&
		isfinite(a->bonus) && isfinite(a->deduction);
}

/* Add weight x ln(points/weight) to log_sum; NaN (sticky) once out of range. */
static void
add_log_term(Assessment *a, double points, double weight)
{
	double		ratio = points / weight;

	/*
	 * ln(p/w) as 0.1.0 computed it, so stored states keep their bits; ln p -
	 * ln w only where the ratio itself overflows or underflows and its
	 * logarithm does not.
	 */
	double		term = weight * (isfinite(ratio) && ratio > 0 ? log(ratio) :
								 log(points) - log(weight));

	a->log_sum += term;
	if (!isfinite(a->log_sum))
		a->log_sum = NAN;
}

/* A score item with points: sums, counts and the geometric sum. */
static AssessStatus
add_score(Assessment *a, double points, double weight)
{
	Assessment	before = *a;

	if (!points_ok(points))
		return ASSESS_POINTS;
	if (weight == 0.0 && points > 0.0)
		return ASSESS_ZERO_WEIGHT;
	a->points += points;
	a->weight += weight;
	a->weight_all += weight;
	a->applicable++;
	if (weight > 0.0)
	{
		if (points == 0.0)
			a->zeros++;
		else
			add_log_term(a, points, weight);
	}
	if (sums_finite(a))
		return ASSESS_OK;
	*a = before;
	return ASSESS_OVERFLOW;
}

/* Add one row of any kind; on failure the state is unchanged. */
AssessStatus
assess_add(Assessment *a, AssessKind kind, bool has_points, double points,
		   bool has_weight, double weight)
{
	if (kind == KIND_SCORE)
	{
		if ((has_points || has_weight) &&
			!(has_weight && weight >= 0.0 && isfinite(weight)))
			return ASSESS_WEIGHT;
		if (has_points)
			return add_score(a, points, weight);
		a->missing++;
		a->weight_all += has_weight ? weight : 0.0;
		return isfinite(a->weight_all) ? ASSESS_OK : ASSESS_OVERFLOW;
	}
	if (!has_points)
		return ASSESS_OK;
	if (!points_ok(points))
		return ASSESS_POINTS;
	if (kind == KIND_VETO)
		a->vetoes += (points != 0.0);
	else if (kind == KIND_BONUS)
		a->bonus += points;
	else
		a->deduction += points;
	return sums_finite(a) ? ASSESS_OK : ASSESS_OVERFLOW;
}

/* Add one score row without the geometric sums (weighted_score). */
AssessStatus
assess_add_plain(Assessment *a, bool has_points, double points, double weight)
{
	if (!(weight >= 0.0 && isfinite(weight)))
		return ASSESS_WEIGHT;
	a->weight_all += weight;
	if (!has_points)
	{
		a->missing++;
		return isfinite(a->weight_all) ? ASSESS_OK : ASSESS_OVERFLOW;
	}
	if (!points_ok(points) || (weight == 0.0 && points > 0.0))
	{
		a->weight_all -= weight;
		return points_ok(points) ? ASSESS_ZERO_WEIGHT : ASSESS_POINTS;
	}
	a->points += points;
	a->weight += weight;
	a->applicable++;
	/* weight sums a subset of weight_all's terms, so it is finite too */
	return isfinite(a->points) && isfinite(a->weight_all) ? ASSESS_OK : ASSESS_OVERFLOW;
}

/* Add state b into state a, field by field, refusing overflow. */
AssessStatus
assess_merge(Assessment *a, const Assessment *b)
{
	a->points += b->points;
	a->weight += b->weight;
	a->weight_all += b->weight_all;
	a->bonus += b->bonus;
	a->deduction += b->deduction;
	a->log_sum += b->log_sum;
	if (!isfinite(a->log_sum))
		a->log_sum = NAN;
	if (__builtin_add_overflow(a->applicable, b->applicable, &a->applicable) ||
		__builtin_add_overflow(a->missing, b->missing, &a->missing) ||
		__builtin_add_overflow(a->vetoes, b->vetoes, &a->vetoes) ||
		__builtin_add_overflow(a->zeros, b->zeros, &a->zeros))
		return ASSESS_OVERFLOW;
	return sums_finite(a) && isfinite(a->weight) ? ASSESS_OK : ASSESS_OVERFLOW;
}

/* Check the invariants of a state read from text or binary. */
AssessStatus
assess_validate(const Assessment *a, char *detail, size_t len)
{
	Assessment	c = *a;

	for (int i = 0; i < N_DOUBLES; i++)
	{
		double		v = *double_field(&c, i);

		/* log_sum may be NaN: a geometric term was out of range */
		if (!isfinite(v) && !(i == N_DOUBLES - 1 && isnan(v) && a->applicable > 0))
			return fail(detail, len, ASSESS_CORRUPT, "Field \"%s\" is not a finite number.",
						double_names[i]);
		if (i < N_DOUBLES - 1 && v < 0.0)
			return fail(detail, len, ASSESS_CORRUPT, "Field \"%s\" is negative.",
						double_names[i]);
	}
	for (int i = 0; i < N_COUNTS; i++)
		if (*count_field(&c, i) < 0)
			return fail(detail, len, ASSESS_CORRUPT, "Count \"%s\" is negative.",
						count_names[i]);
	if (a->weight > a->weight_all)
		return fail(detail, len, ASSESS_CORRUPT,
					"The applicable weight exceeds the weight of all items.");
	if (a->weight == 0.0 && a->points > 0.0)
		return fail(detail, len, ASSESS_CORRUPT,
					"Points are above 0 although the applicable weight is 0.");
	if (a->zeros > a->applicable)
		return fail(detail, len, ASSESS_CORRUPT,
					"More items have zero points than apply.");
	if (a->applicable == 0 && (a->points != 0.0 || a->weight != 0.0 || a->log_sum != 0.0))
		return fail(detail, len, ASSESS_CORRUPT,
					"Points, weight and log_sum must be 0 when no item applies.");
	return ASSESS_OK;
}

/* Write the text form of a state. */
void
assess_format(const Assessment *a, char *buf, size_t len)
{
	Assessment	c = *a;
	size_t		n = 0;
	char		num[32];

	n += snprintf(buf + n, len - n, "(");
	for (int i = 0; i < N_DOUBLES; i++)
	{
		float_text(*double_field(&c, i), num, sizeof(num));
		n += snprintf(buf + n, len - n, "%s=%s,", double_names[i], num);
	}
	for (int i = 0; i < N_COUNTS; i++)
		n += snprintf(buf + n, len - n, "%s=%" PRId64 "%s", count_names[i],
					  *count_field(&c, i), i < N_COUNTS - 1 ? "," : ")");
}

/* Skip white space. */
static const char *
skip_ws(const char *p)
{
	while (*p == ' ' || *p == '\t' || *p == '\n' || *p == '\r')
		p++;
	return p;
}

/* Expect "name=" at *p; advance past it. */
static bool
expect_key(const char **p, const char *name)
{
	size_t		n = strlen(name);
	const char *q = skip_ws(*p);

	if (strncmp(q, name, n) != 0)
		return false;
	q = skip_ws(q + n);
	if (*q != '=')
		return false;
	*p = skip_ws(q + 1);
	return true;
}

/* Expect the separator c (',' or ')') after a value. */
static bool
expect_char(const char **p, char c)
{
	const char *q = skip_ws(*p);

	if (*q != c)
		return false;
	*p = q + 1;
	return true;
}

/* Parse and validate the text form of a state. */
AssessStatus
assess_parse(const char *s, Assessment *a, char *detail, size_t len)
{
	const char *p = s;
	char	   *end;

	memset(a, 0, sizeof(*a));
	if (!expect_char(&p, '('))
		return fail(detail, len, ASSESS_SYNTAX, "The value must start with \"(\".");
	for (int i = 0; i < N_DOUBLES + N_COUNTS; i++)
	{
		const char *name = i < N_DOUBLES ? double_names[i] : count_names[i - N_DOUBLES];
		char		sep = i < N_DOUBLES + N_COUNTS - 1 ? ',' : ')';

		if (!expect_key(&p, name))
			return fail(detail, len, ASSESS_SYNTAX, "Expected \"%s=\" at \"%s\".", name, p);
		errno = 0;
		if (i < N_DOUBLES)
			*double_field(a, i) = strtod(p, &end);
		else
			*count_field(a, i - N_DOUBLES) = strtoll(p, &end, 10);
		/* underflow to a subnormal is fine; overflow fails validation */
		if (end == p || (i >= N_DOUBLES && errno == ERANGE))
			return fail(detail, len, ASSESS_SYNTAX, "Field \"%s\" is not a valid number.", name);
		p = end;
		if (!expect_char(&p, sep))
			return fail(detail, len, ASSESS_SYNTAX, "Expected \"%c\" after field \"%s\".", sep, name);
	}
	if (*skip_ws(p) != '\0')
		return fail(detail, len, ASSESS_SYNTAX, "Unexpected text after \")\".");
	return assess_validate(a, detail, len);
}

/* Bonus points after the cap. */
double
assess_bonus(const Assessment *a, double cap)
{
	return fmin(a->bonus, cap);
}

/* Deduction points after the cap. */
double
assess_deduction(const Assessment *a, double cap)
{
	return fmin(a->deduction, cap);
}

/* 100 x points / applicable weight; ASSESS_EMPTY when no weight applies. */
AssessStatus
assess_normalised(const Assessment *a, double *score)
{
	if (!(a->weight > 0.0))
		return ASSESS_EMPTY;
	*score = 100.0 * a->points / a->weight;
	return isfinite(*score) ? ASSESS_OK : ASSESS_OVERFLOW;
}

/* 100 x weighted geometric mean of points/weight; 0 with a zero item. */
AssessStatus
assess_geometric(const Assessment *a, double *score)
{
	if (!(a->weight > 0.0))
		return ASSESS_EMPTY;
	if (a->zeros > 0)
	{
		*score = 0.0;
		return ASSESS_OK;
	}
	*score = 100.0 * exp(a->log_sum / a->weight);
	return isfinite(*score) ? ASSESS_OK : ASSESS_OVERFLOW;
}

/* A score or total plus bonus minus deduction, refusing a non-finite result. */
AssessStatus
assess_adjust(double base, double bonus, double deduction, double *out)
{
	/* bonus and deduction are not negative: their difference cannot overflow */
	*out = base + (bonus - deduction);
	return isfinite(*out) ? ASSESS_OK : ASSESS_OVERFLOW;
}
