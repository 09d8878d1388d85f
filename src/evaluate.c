/*
 * evaluate.c
 *		fmgr glue for evaluating targets: met, gap, attainment, the
 *		published figure, prorating and the fit of a measure to an
 *		indicator.  Time progress and what is judged against it (schedule
 *		gap, status) are in progress.c.
 */
#include "postgres.h"

#include <math.h>

#include "fmgr.h"
#include "utils/builtins.h"

#include "scorecard.h"

/*
 * The threshold in force for a call: the target's own, or the reference
 * passed as argument refarg.  Returns false when the result is NULL (a
 * relative target with a NULL reference).  A relative target called without
 * any reference argument is a mistake in the query, so it raises an error.
 */
static bool
threshold_for_call(FunctionCallInfo fcinfo, const Target *t, int refarg, double *thr)
{
	if (!t->relative)
	{
		*thr = t->lo;
		return true;
	}
	if (PG_NARGS() <= refarg)
		ereport(ERROR,
				(errcode(ERRCODE_INVALID_PARAMETER_VALUE),
				 errmsg("target \"%s %s reference\" needs a reference value",
						target_measure_name(t->measure), target_cmp_name(t->cmp)),
				 errhint("Pass the value to compare with as the third argument.")));
	if (PG_ARGISNULL(refarg))
		return false;
	*thr = PG_GETARG_FLOAT8(refarg);
	if (isnan(*thr))
		return false;
	return true;
}

/*
 * Argument n as a published precision (number of decimals); absent or NULL
 * means full precision.
 */
int
decimals_arg(FunctionCallInfo fcinfo, int n)
{
	int32		d;

	if (PG_NARGS() <= n || PG_ARGISNULL(n))
		return TARGET_FULL_PRECISION;
	d = PG_GETARG_INT32(n);
	if (d < 0 || !target_check_decimals(d))
		ereport(ERROR,
				(errcode(ERRCODE_INVALID_PARAMETER_VALUE),
				 errmsg("precision must be between 0 and %d decimals, not %d",
						TARGET_MAX_DECIMALS, d),
				 errdetail("The precision is the number of decimals a figure is published to, e.g. 1 for growth in %%, 2 for rates; NULL means full precision.")));
	return d;
}

/*
 * Common argument handling of met/gap/attainment/status: NULL target or
 * actual gives NULL; a NaN actual is treated as unknown as well.  refarg is
 * the position of the reference argument.
 */
bool
target_call_args(FunctionCallInfo fcinfo, int refarg, Target **t, double *thr, double *actual)
{
	if (PG_ARGISNULL(0) || PG_ARGISNULL(1))
		return false;
	*t = PG_GETARG_TARGET(0);
	*actual = PG_GETARG_FLOAT8(1);
	if (isnan(*actual))
		return false;
	return threshold_for_call(fcinfo, *t, refarg, thr);
}

PG_FUNCTION_INFO_V1(target_met_fn);
/* Whether the actual value meets the target. */
Datum
target_met_fn(PG_FUNCTION_ARGS)
{
	Target	   *t;
	double		thr,
				actual;

	if (!target_call_args(fcinfo, 2, &t, &thr, &actual))
		PG_RETURN_NULL();
	PG_RETURN_BOOL(target_met_at(t, thr, actual, decimals_arg(fcinfo, 3)));
}

PG_FUNCTION_INFO_V1(target_gap_fn);
/* Signed gap in the target's unit: positive means ahead; NULL beyond the float8 range. */
Datum
target_gap_fn(PG_FUNCTION_ARGS)
{
	Target	   *t;
	double		thr,
				actual,
				gap;

	if (!target_call_args(fcinfo, 2, &t, &thr, &actual))
		PG_RETURN_NULL();
	gap = target_gap_at(t, thr, actual, decimals_arg(fcinfo, 3));
	/* a difference beyond the float8 range (1.7e308 - -1e308) is no figure */
	if (!isfinite(gap))
		PG_RETURN_NULL();
	PG_RETURN_FLOAT8(gap);
}

PG_FUNCTION_INFO_V1(target_attainment_fn);
/* Attainment ratio (1 = on target); NULL where undefined. */
Datum
target_attainment_fn(PG_FUNCTION_ARGS)
{
	Target	   *t;
	double		thr,
				actual,
				r;

	if (!target_call_args(fcinfo, 2, &t, &thr, &actual) ||
		!target_attainment_at(t, thr, actual, decimals_arg(fcinfo, 3), &r))
		PG_RETURN_NULL();
	PG_RETURN_FLOAT8(r);
}

PG_FUNCTION_INFO_V1(round_published_fn);
/* round_published(value, decimals): the figure as published. */
Datum
round_published_fn(PG_FUNCTION_ARGS)
{
	if (PG_ARGISNULL(0))
		PG_RETURN_NULL();
	PG_RETURN_FLOAT8(target_published(PG_GETARG_FLOAT8(0), decimals_arg(fcinfo, 1)));
}

PG_FUNCTION_INFO_V1(target_prorated_fn);
/* target_prorated(target, progress): a level target scaled to time progress. */
Datum
target_prorated_fn(PG_FUNCTION_ARGS)
{
	Target	   *t = PG_GETARG_TARGET(0);
	double		progress = PG_GETARG_FLOAT8(1);
	Target	   *result;

	if (!(progress >= 0.0 && progress <= 1.0))
		ereport(ERROR,
				(errcode(ERRCODE_INVALID_PARAMETER_VALUE),
				 errmsg("time progress must be between 0 and 1, not %g", progress),
				 errdetail("Time progress is the share of the period elapsed, as time_progress() gives it.")));
	result = (Target *) palloc(sizeof(Target));
	*result = target_prorate(t, progress);
	PG_RETURN_POINTER(result);
}

/* The measures that fit an indicator nature, or an error for an unknown one. */
static unsigned
nature_measures(text *arg, char **nature)
{
	unsigned	m;

	*nature = text_to_cstring(arg);
	m = target_measures_for_nature(*nature);
	if (m == 0)
		ereport(ERROR,
				(errcode(ERRCODE_INVALID_PARAMETER_VALUE),
				 errmsg("unknown indicator nature: \"%s\"", *nature),
				 errdetail("The nature is flow, stock, rate or task.")));
	return m;
}

PG_FUNCTION_INFO_V1(target_fits_fn);
/* target_fits(target, nature): whether the target's measure fits the nature. */
Datum
target_fits_fn(PG_FUNCTION_ARGS)
{
	char	   *nature;
	unsigned	m = nature_measures(PG_GETARG_TEXT_PP(1), &nature);

	PG_RETURN_BOOL((m >> PG_GETARG_TARGET(0)->measure) & 1);
}

PG_FUNCTION_INFO_V1(target_check_fits_fn);
/*
 * target_check_fits(target, nature): true when the measure fits, else a
 * check_violation naming the measures that do (for CHECK constraints).
 */
Datum
target_check_fits_fn(PG_FUNCTION_ARGS)
{
	Target	   *t = PG_GETARG_TARGET(0);
	char	   *nature;
	unsigned	m = nature_measures(PG_GETARG_TEXT_PP(1), &nature);
	char		fit[64],
				buf[TARGET_TEXT_LEN];

	if ((m >> t->measure) & 1)
		PG_RETURN_BOOL(true);
	target_measures_text(m, fit, sizeof(fit));
	target_format(t, buf, sizeof(buf));
	ereport(ERROR,
			(errcode(ERRCODE_CHECK_VIOLATION),
			 errmsg("target \"%s\" does not fit a %s indicator", buf, nature),
			 errdetail("A target on a %s indicator measures %s, not %s.",
					   nature, fit, target_measure_name(t->measure))));
	PG_RETURN_BOOL(false);
}
