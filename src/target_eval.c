/*
 * target_eval.c
 *		Evaluating a target against an actual value: met, gap, attainment,
 *		schedule gap, traffic-light status, and the time progress they use.
 *
 * Pure C: no PostgreSQL headers.
 */
#include "target_core.h"

#include <math.h>
#include <string.h>
#include <strings.h>

/* Default tolerances; see README "Status". */
#define TOL_SCHEDULE_POINTS 5.0 /* prorated: points of the annual target */
#define TOL_RATE_POINTS 1.0		/* growth, share, change: percentage points */
#define TOL_LEVEL_SHARE 0.05	/* other level targets: 5% of the threshold */

bool
target_lower_is_better(const Target *t)
{
	return t->cmp == CMP_LE || t->cmp == CMP_LT;
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
 * Attainment (完成率) is a ratio that reads "1 = exactly on target".  For
 * higher-is-better targets it is actual / threshold, for lower-is-better
 * threshold / actual; with negative thresholds (a fall no deeper than -2%)
 * the roles swap so that a larger ratio is still better.  Where the ratio
 * would divide by zero or compare numbers of opposite sign it is undefined.
 */
bool
target_eval_attainment(const Target *t, double thr, double actual, double *result)
{
	bool		lower = target_lower_is_better(t);

	if (t->cmp == CMP_BETWEEN)
		thr = t->lo;
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
	return true;
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
	return true;
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

TrafficLight
target_eval_status(const Target *t, double thr, double actual,
				   bool prorate, double progress,
				   bool has_tolerance, double tolerance)
{
	double		gap;
	bool		scheduled = prorate &&
		target_eval_schedule_gap(t, thr, actual, progress, &gap);

	if (!has_tolerance)
		tolerance = target_default_tolerance(t, thr, scheduled);
	if (!scheduled)
	{
		if (target_eval_met(t, thr, actual))
			return LIGHT_GREEN;
		gap = target_eval_gap(t, thr, actual);
		/* not met with a zero gap (a strict > at the threshold) is behind */
		if (gap >= 0.0)
			gap = -0.0;
	}
	if (gap >= 0.0 && scheduled)
		return LIGHT_GREEN;
	return (-gap < tolerance) ? LIGHT_YELLOW : LIGHT_RED;
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
