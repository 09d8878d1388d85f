/*
 * target_eval.c
 *		Evaluating a target against an actual value: met, gap, attainment,
 *		schedule gap, traffic-light status, and the time progress they use.
 *
 * Pure C: no PostgreSQL headers.
 */
#include "target_core.h"
#include "band_core.h"
#include "float_text.h"

#include <math.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <strings.h>

/* Default tolerances; see docs/reference.md "Time progress and schedules". */
#define TOL_SCHEDULE_POINTS 5.0 /* prorated: points of the annual target */
#define TOL_RATE_POINTS 1.0		/* growth, share, change: percentage points */
#define TOL_LEVEL_SHARE 0.05	/* other level targets: 5% of the threshold */

bool
target_lower_is_better(const Target *t)
{
	return t->cmp == CMP_LE || t->cmp == CMP_LT;
}

/* Whether decimals is a published precision or TARGET_FULL_PRECISION. */
bool
target_check_decimals(int decimals)
{
	return decimals >= TARGET_FULL_PRECISION && decimals <= TARGET_MAX_DECIMALS;
}

/*
 * Round half away from zero to decimals, as the bureaus publish.  The
 * figure is first taken to 15 significant digits (all a float8 carries
 * reliably, so 6.099999999999994 reads 6.10000000000000 and 1.0049999999999999
 * reads 1.00500000000000), then rounded in decimal, so a half is a half.
 */
double
target_published(double x, int decimals)
{
	char		buf[40];
	int			exp10,
				keep;
	long long	n = 0;
	double		scale,
				y,
				frac;

	if (decimals < 0 || !isfinite(x) || x == 0.0)
		return x;

	/*
	 * Fast path: far from a half (more than 1e-6 of the last decimal) and
	 * small enough (below 1e6 units, where the 15-digit step moves it by
	 * less than 1e-8 units), plain arithmetic decides the same way.  n /
	 * 10^d is then the double nearest the decimal, as strtod gives it.
	 */
	/* pow() gives these exactly too, at a call's cost */
	scale = decimals <= FLOAT_EXACT_P10_MAX ? float_exact_p10[decimals] : pow(10.0, decimals);
	y = fabs(x) * scale;
	frac = y - floor(y);
	if (y < 1e6 && fabs(frac - 0.5) > 1e-6)
	{
		y = frac > 0.5 ? floor(y) + 1.0 : floor(y);
		return y == 0.0 ? 0.0 : copysign(y / scale, x);
	}

	snprintf(buf, sizeof(buf), "%.14e", fabs(x));	/* d.dddddddddddddde+XX */
	exp10 = atoi(buf + 17);
	keep = exp10 + 1 + decimals;	/* digits kept, from the first */
	if (keep >= 15)
		return copysign(strtod(buf, NULL), x);
	if (keep < 0)
		return 0.0;
	for (int i = 0; i < keep; i++)
		n = n * 10 + (buf[i == 0 ? 0 : i + 1] - '0');
	if (buf[keep == 0 ? 0 : keep + 1] >= '5')
		n++;
	if (n == 0)
		return 0.0;
	snprintf(buf, sizeof(buf), "%llde-%d", n, decimals);
	return copysign(strtod(buf, NULL), x);
}

/*
 * x to 12 significant digits, so float noise cannot decide a comparison:
 * the double strtod reads from printf's "%.11e" of x.
 */
double
target_clean(double x)
{
	char		buf[40];
	double		a,
				y,
				n;
	int			k;

	if (!isfinite(x) || x == 0.0)
		return x;

	/*
	 * Fast path, the same double without the text: the 12 digits are |x| *
	 * 10^k rounded to an integer n, 10^11 <= n < 10^12.  With 10^|k| exact
	 * (|k| <= 22), y is that product correctly rounded, within 2^-13 of it
	 * below 10^12; in the range and more than 1e-3 from a half, y rounds to
	 * the n printf prints, and n / 10^k (or n * 10^-k) is one correctly
	 * rounded operation on exact operands, the double strtod reads.  An
	 * exponent log10 misjudges puts y out of the range: the text then.
	 */
	a = fabs(x);
	k = 11 - (int) floor(log10(a));
	if (k >= -FLOAT_EXACT_P10_MAX && k <= FLOAT_EXACT_P10_MAX)
	{
		y = k >= 0 ? a * float_exact_p10[k] : a / float_exact_p10[-k];
		n = floor(y);
		if (y >= 1e11 + 1.0 && y < 1e12 - 1.0 && fabs(y - n - 0.5) > 1e-3)
		{
			if (y - n > 0.5)
				n += 1.0;
			return copysign(k >= 0 ? n / float_exact_p10[k] : n * float_exact_p10[-k], x);
		}
	}
	snprintf(buf, sizeof(buf), "%.11e", x);
	return strtod(buf, NULL);
}

bool
target_eval_met(const Target *t, double thr, double actual)
{
	switch ((TargetCmp) t->cmp)
	{
		case CMP_GE:
			return actual >= thr;
		case CMP_GT:
			return actual > thr;
		case CMP_LE:
			return actual <= thr;
		case CMP_LT:
			return actual < thr;
		case CMP_EQ:
			return actual == thr;
		case CMP_BETWEEN:
			return actual >= t->lo && actual <= t->hi;
	}
	return false;
}

double
target_eval_gap(const Target *t, double thr, double actual)
{
	switch ((TargetCmp) t->cmp)
	{
		case CMP_GE:
		case CMP_GT:
			return actual - thr;
		case CMP_LE:
		case CMP_LT:
			return thr - actual;
		case CMP_EQ:
			return actual == thr ? 0.0 : -fabs(actual - thr);
		case CMP_BETWEEN:
			/* the margin to the nearer bound: negative outside the range */
			return fmin(actual - t->lo, t->hi - actual);
	}
	return 0.0;
}

/*
 * Attainment (完成率) of a one-sided comparison: actual / threshold for
 * higher-is-better, threshold / actual for lower-is-better; with negative
 * thresholds (a fall no deeper than -2%) the roles swap so that a larger
 * ratio is still better.  Where the ratio would divide by zero or compare
 * numbers of opposite sign it is undefined.
 */
static bool
one_sided_ratio(bool lower, double thr, double actual, double *result)
{
	if (thr == 0.0 || (actual != 0.0 && (actual < 0.0) != (thr < 0.0)))
		return false;
	if (lower == (thr > 0.0))
	{
		/* lower-is-better with a positive threshold, or higher with negative */
		if (actual == 0.0)
			return false;
		*result = thr / actual;
	}
	else
		*result = actual / thr;
	/* a ratio beyond the float8 range (1e300 against 1e-300) is undefined too */
	return isfinite(*result);
}

/*
 * Attainment reads "1 = exactly on target".  A range (between, and = as the
 * range [t, t]) is attained inside, 1; outside it is the ratio to the
 * nearer bound, below 1: a range is never over-achieved.
 */
bool
target_eval_attainment(const Target *t, double thr, double actual, double *result)
{
	double		lo = thr,
				hi = t->cmp == CMP_BETWEEN ? t->hi : thr;

	if (t->cmp == CMP_BETWEEN)
		lo = t->lo;
	if (t->cmp != CMP_BETWEEN && t->cmp != CMP_EQ)
		return one_sided_ratio(target_lower_is_better(t), thr, actual, result);
	if (actual < lo)
		return one_sided_ratio(false, lo, actual, result);
	if (actual > hi)
		return one_sided_ratio(true, hi, actual, result);
	*result = 1.0;
	return true;
}

/* Whether the figure published to decimals meets the target. */
bool
target_met_at(const Target *t, double thr, double actual, int decimals)
{
	return target_eval_met(t, thr, target_published(actual, decimals));
}

/*
 * Gap of the figure published to decimals; at a published precision the
 * difference is cleaned of float noise (7.2 - 7 is 0.2, not 0.2000000000000002).
 */
double
target_gap_at(const Target *t, double thr, double actual, int decimals)
{
	double		gap = target_eval_gap(t, thr, target_published(actual, decimals));

	return decimals < 0 ? gap : target_clean(gap);
}

/* Attainment of the figure published to decimals. */
bool
target_attainment_at(const Target *t, double thr, double actual, int decimals,
					 double *result)
{
	return target_eval_attainment(t, thr, target_published(actual, decimals), result);
}

/*
 * Scoring attainment of a one-sided target, defined everywhere: the ratio,
 * or its limit where the ratio divides by zero or changes sign (a
 * lower-is-better target at or below zero is met beyond any ratio:
 * +infinity); against a threshold of zero there is no ratio, so met is 1
 * and missed 0.
 */
static double
one_sided_attainment(bool lower, bool met, double thr, double actual)
{
	if (thr == 0.0)
		return met ? 1.0 : 0.0;
	if (lower == (thr > 0.0))
	{
		/* the ratio is thr / actual: limit +infinity on the good side of 0 */
		if (lower ? actual <= 0.0 : actual >= 0.0)
			return INFINITY;
		return thr / actual;
	}
	return actual / thr;
}

/* Scoring attainment of a range: 1 inside, the ratio to the nearer bound outside. */
static double
range_attainment(double lo, double hi, double actual)
{
	if (actual < lo)
		return one_sided_attainment(false, false, lo, actual);
	if (actual > hi)
		return one_sided_attainment(true, false, hi, actual);
	return 1.0;
}

double
target_score_attainment(const Target *t, double thr, double actual)
{
	if (t->cmp == CMP_BETWEEN)
		return range_attainment(t->lo, t->hi, actual);
	if (t->cmp == CMP_EQ)
		return range_attainment(thr, thr, actual);
	return one_sided_attainment(target_lower_is_better(t),
								target_eval_met(t, thr, actual), thr, actual);
}

bool
target_no_overachievement(const Target *t)
{
	return t->cmp == CMP_BETWEEN || t->cmp == CMP_EQ;
}

bool
target_eval_schedule_gap(const Target *t, double thr, double actual,
						 double progress, double *points)
{
	double		done;

	if (t->measure != MEASURE_LEVEL || t->relative)
		return false;
	if (t->cmp == CMP_BETWEEN)
		thr = t->lo;
	if (thr <= 0.0)
		return false;
	done = actual / thr;
	if (target_lower_is_better(t))
		*points = (progress - done) * 100.0;
	else
		*points = (done - progress) * 100.0;
	/* beyond the float8 range (an actual of 1e308 against 0.5): no figure */
	return isfinite(*points);
}

bool
target_schedule_gap_at(const Target *t, double actual, double progress,
					   int decimals, double *points)
{
	double		fig = target_published(actual, decimals);

	if (isnan(fig) || !target_eval_schedule_gap(t, t->lo, fig, progress, points))
		return false;
	if (decimals >= 0)
		*points = target_clean(*points);
	return true;
}

Target
target_prorate(const Target *t, double progress)
{
	Target		p = *t;

	if (t->measure == MEASURE_LEVEL && !t->relative)
	{
		p.lo = t->lo * progress;
		p.hi = t->hi * progress;
		if (p.lo == 0.0)
			p.lo = 0.0;
		if (p.hi == 0.0)
			p.hi = 0.0;
	}
	return p;
}

unsigned
target_measures_for_nature(const char *nature)
{
	const unsigned level = 1u << MEASURE_LEVEL,
				growth = 1u << MEASURE_GROWTH,
				share = 1u << MEASURE_SHARE,
				change = 1u << MEASURE_CHANGE;

	if (strcmp(nature, "flow") == 0 || strcmp(nature, "stock") == 0)
		return growth | level;
	if (strcmp(nature, "rate") == 0)
		return level | share | change;
	if (strcmp(nature, "task") == 0)
		return level;
	return 0;
}

void
target_measures_text(unsigned measures, char *buf, size_t len)
{
	static const int order[] = {MEASURE_GROWTH, MEASURE_LEVEL, MEASURE_SHARE, MEASURE_CHANGE};
	int			count = 0,
				seen = 0;
	size_t		n = 0;

	buf[0] = '\0';
	for (int i = 0; i < 4; i++)
		count += (measures >> order[i]) & 1;
	for (int i = 0; i < 4 && n < len; i++)
	{
		if (!((measures >> order[i]) & 1))
			continue;
		seen++;
		n += snprintf(buf + n, len - n, "%s%s",
					  seen == 1 ? "" : (seen == count ? " or " : ", "),
					  target_measure_name(order[i]));
	}
}

double
target_default_tolerance(const Target *t, double thr, bool prorated)
{
	if (prorated)
		return TOL_SCHEDULE_POINTS;
	if (t->measure != MEASURE_LEVEL)
		return TOL_RATE_POINTS;
	if (t->cmp == CMP_BETWEEN)
		thr = t->lo;
	return TOL_LEVEL_SHARE * fabs(thr);
}

bool
target_check_tolerance(double tolerance)
{
	/* NaN fails the comparison */
	return tolerance >= 0.0 && !isinf(tolerance);
}

TrafficLight
target_light_for_shortfall(double shortfall, double tolerance)
{
	return target_clean(shortfall) <= target_clean(tolerance) ? LIGHT_YELLOW : LIGHT_RED;
}

/*
 * Green when met (or at or ahead of time progress when prorated); else
 * yellow when the shortfall is within the tolerance, boundary included,
 * red beyond it: the band set of the tolerance (band_set_of_tolerance).
 */
TrafficLight
target_status_at(const Target *t, double thr, double actual,
				 bool prorate, double progress,
				 bool has_tolerance, double tolerance, int decimals)
{
	return target_status_banded(t, thr, actual, prorate, progress,
								has_tolerance ? &tolerance : NULL, NULL, decimals);
}

/*
 * Green when met (or at or ahead of time progress when prorated); else the
 * light of the band the shortfall falls in: of bands when given, else of
 * the tolerance (*tolerance, else the default).  Everything is judged on
 * the figure published to decimals.
 */
TrafficLight
target_status_banded(const Target *t, double thr, double actual,
					 bool prorate, double progress, const double *tolerance,
					 const BandSet *bands, int decimals)
{
	double		fig = target_published(actual, decimals);
	double		gap;
	bool		scheduled = prorate &&
		target_eval_schedule_gap(t, thr, fig, progress, &gap);
	BandSet		own;

	if (bands == NULL)
	{
		band_set_of_tolerance(tolerance ? *tolerance
							  : target_default_tolerance(t, thr, scheduled), &own);
		bands = &own;
	}
	else if (bands->percent)
	{
		/*
		 * Bounds in percent of the threshold: points of time progress are
		 * already percentages of the annual target; other gaps are in the
		 * target's unit, a percentage of |threshold| (of the lower bound of
		 * a between target, as the default tolerance takes).
		 */
		band_set_scaled(bands, scheduled ? 100.0
						: fabs(t->cmp == CMP_BETWEEN ? t->lo : thr), &own);
		bands = &own;
	}
	/* compared cleaned: 18 of 20 at the year's end is -10 points, not -9.999999999999998 */
	if (scheduled)
		return target_clean(gap) >= 0.0 ? LIGHT_GREEN : band_set_light(bands, -gap);
	if (target_eval_met(t, thr, fig))
		return LIGHT_GREEN;
	gap = target_gap_at(t, thr, actual, decimals);
	/* not met with a zero gap (a strict > at the threshold) is behind by 0 */
	return band_set_light(bands, gap < 0.0 ? -gap : 0.0);
}

/* Status at full precision. */
TrafficLight
target_eval_status(const Target *t, double thr, double actual,
				   bool prorate, double progress,
				   bool has_tolerance, double tolerance)
{
	return target_status_at(t, thr, actual, prorate, progress, has_tolerance,
							tolerance, TARGET_FULL_PRECISION);
}

const char *
traffic_light_name(TrafficLight l)
{
	static const char *const names[] = {"green", "yellow", "red"};

	return names[l];
}

bool
progress_basis_parse(const char *s, ProgressBasis *basis)
{
	if (strcasecmp(s, "month") == 0 || strcasecmp(s, "months") == 0)
		*basis = BASIS_MONTH;
	else if (strcasecmp(s, "day") == 0 || strcasecmp(s, "days") == 0)
		*basis = BASIS_DAY;
	else
		return false;
	return true;
}

/*
 * On the month basis the as-of month counts as elapsed, whatever its day:
 * the statistics bureau's "1-5月" figures are the as-of-May figures.  On the
 * day basis the as-of day itself counts, so the last day of the period is 1.
 */
bool
time_progress_share(ProgressBasis basis,
					int start_y, int start_m, int32_t start_day, int32_t end_day,
					int asof_y, int asof_m, int32_t asof_day, double *share)
{
	double		s;

	if (asof_day < start_day)
		return false;
	if (basis == BASIS_MONTH)
		s = ((asof_y - start_y) * 12 + (asof_m - start_m) + 1) / 12.0;
	else
		s = (double) (asof_day - start_day + 1) / (double) (end_day - start_day);
	*share = s > 1.0 ? 1.0 : s;
	return true;
}
