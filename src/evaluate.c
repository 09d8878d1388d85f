/*
 * evaluate.c
 *		fmgr glue for evaluating targets: met, gap, attainment, time
 *		progress, schedule gap and traffic-light status.
 */
#include "postgres.h"

#include "fmgr.h"
#include "utils/builtins.h"
#include "utils/date.h"
#include "utils/datetime.h"

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
 * Common argument handling of met/gap/attainment: NULL target or actual
 * gives NULL; a NaN actual is treated as unknown as well.  refarg is the
 * position of the reference argument.
 */
static bool
eval_args(FunctionCallInfo fcinfo, int refarg, Target **t, double *thr, double *actual)
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

	if (!eval_args(fcinfo, 2, &t, &thr, &actual))
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

	if (!eval_args(fcinfo, 2, &t, &thr, &actual))
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

	if (!eval_args(fcinfo, 2, &t, &thr, &actual) ||
		!target_attainment_at(t, thr, actual, decimals_arg(fcinfo, 3), &r))
		PG_RETURN_NULL();
	PG_RETURN_FLOAT8(r);
}

/* Parse a basis argument or raise an error. */
static ProgressBasis
basis_arg(text *arg)
{
	char	   *s = text_to_cstring(arg);
	ProgressBasis basis;

	if (!progress_basis_parse(s, &basis))
		ereport(ERROR,
				(errcode(ERRCODE_INVALID_PARAMETER_VALUE),
				 errmsg("unknown time progress basis: \"%s\"", s),
				 errdetail("The basis is \"month\" (the default) or \"day\".")));
	return basis;
}

/* Share of the 12 months from start (default 1 January of as_of's year). */
static double
progress_share(DateADT as_of, ProgressBasis basis, bool has_start, DateADT start)
{
	int			ay,
				am,
				ad,
				sy,
				sm,
				sd;
	double		share;

	if (DATE_NOT_FINITE(as_of) || (has_start && DATE_NOT_FINITE(start)))
		ereport(ERROR,
				(errcode(ERRCODE_DATETIME_VALUE_OUT_OF_RANGE),
				 errmsg("time progress needs finite dates")));
	j2date(as_of + POSTGRES_EPOCH_JDATE, &ay, &am, &ad);
	if (!has_start)
		start = date2j(ay, 1, 1) - POSTGRES_EPOCH_JDATE;
	j2date(start + POSTGRES_EPOCH_JDATE, &sy, &sm, &sd);
	if (!time_progress_share(basis, sy, sm, start,
							 date2j(sy + 1, sm, sd) - POSTGRES_EPOCH_JDATE,
							 ay, am, as_of, &share))
		ereport(ERROR,
				(errcode(ERRCODE_INVALID_PARAMETER_VALUE),
				 errmsg("as-of date %s is before the period starts on %s",
						DatumGetCString(DirectFunctionCall1(date_out, DateADTGetDatum(as_of))),
						DatumGetCString(DirectFunctionCall1(date_out, DateADTGetDatum(start)))),
				 errdetail("Time progress is measured from the start of the period.")));
	return share;
}

PG_FUNCTION_INFO_V1(time_progress_fn);
/* time_progress(as_of [, basis [, period_start]]): share of the year elapsed. */
Datum
time_progress_fn(PG_FUNCTION_ARGS)
{
	ProgressBasis basis = BASIS_MONTH;
	bool		has_start = PG_NARGS() > 2;

	if (PG_NARGS() > 1)
		basis = basis_arg(PG_GETARG_TEXT_PP(1));
	PG_RETURN_FLOAT8(progress_share(PG_GETARG_DATEADT(0), basis, has_start,
									has_start ? PG_GETARG_DATEADT(2) : 0));
}

PG_FUNCTION_INFO_V1(target_schedule_gap_fn);
/*
 * target_schedule_gap(target, actual, as_of, basis, decimals): points of the
 * annual level target ahead of time progress, on the figure published to
 * decimals; NULL for targets not prorated.
 */
Datum
target_schedule_gap_fn(PG_FUNCTION_ARGS)
{
	Target	   *t;
	double		actual,
				share,
				points;
	int			decimals = decimals_arg(fcinfo, 4);

	for (int i = 0; i < 4; i++)
		if (PG_ARGISNULL(i))
			PG_RETURN_NULL();
	t = PG_GETARG_TARGET(0);
	actual = PG_GETARG_FLOAT8(1);
	share = progress_share(PG_GETARG_DATEADT(2), basis_arg(PG_GETARG_TEXT_PP(3)), false, 0);
	if (!target_schedule_gap_at(t, actual, share, decimals, &points))
		PG_RETURN_NULL();
	PG_RETURN_FLOAT8(points);
}

/*
 * Argument n as a band set: false when it is NULL (the default bands);
 * an invalid set raises 22023 with the core's sentence as detail.
 */
bool
bands_arg(FunctionCallInfo fcinfo, int n, BandSet *bands)
{
	char	   *s;
	char		detail[BAND_DETAIL_LEN];

	if (PG_ARGISNULL(n))
		return false;
	s = text_to_cstring(PG_GETARG_TEXT_PP(n));
	if (!band_set_parse(s, bands, detail, sizeof(detail)))
		ereport(ERROR,
				(errcode(ERRCODE_INVALID_PARAMETER_VALUE),
				 errmsg("invalid status band set: \"%s\"", s),
				 errdetail("%s", detail),
				 errhint("Write each light's shortfalls, e.g. \"green: shortfall <= 1; yellow: 1 < shortfall <= 3; red: shortfall > 3\".")));
	pfree(s);
	return true;
}

/*
 * The status of target_status's flow forms: flow is argument flowarg and
 * the reference the next one, basis argument 6 and decimals argument 7;
 * judged with bands when given, else with the tolerance of argument tolarg
 * (-1: none), else the defaults.
 */
static Datum
status_of_call(FunctionCallInfo fcinfo, int flowarg, int tolarg, const BandSet *bands)
{
	Target	   *t;
	double		thr,
				actual,
				tolerance = 0.0,
				share = 0.0;
	bool		flow,
				has_tol = tolarg >= 0 && !PG_ARGISNULL(tolarg);
	ProgressBasis basis = BASIS_MONTH;

	if (PG_ARGISNULL(0) || PG_ARGISNULL(1) || PG_ARGISNULL(2) || PG_ARGISNULL(flowarg))
		PG_RETURN_NULL();
	if (!eval_args(fcinfo, flowarg + 1, &t, &thr, &actual))
		PG_RETURN_NULL();
	flow = PG_GETARG_BOOL(flowarg);
	if (has_tol)
	{
		tolerance = PG_GETARG_FLOAT8(tolarg);
		if (!(tolerance >= 0.0) || isinf(tolerance))
			ereport(ERROR,
					(errcode(ERRCODE_INVALID_PARAMETER_VALUE),
					 errmsg("status tolerance must be a finite number not below zero")));
	}
	if (!PG_ARGISNULL(6))
		basis = basis_arg(PG_GETARG_TEXT_PP(6));
	if (flow)
		share = progress_share(PG_GETARG_DATEADT(2), basis, false, 0);
	PG_RETURN_TEXT_P(cstring_to_text(traffic_light_name(
		target_status_banded(t, thr, actual, flow, share, has_tol ? &tolerance : NULL,
							 bands, decimals_arg(fcinfo, 7)))));
}

PG_FUNCTION_INFO_V1(target_status_fn);
/*
 * target_status(target, actual, as_of, flow, reference, tolerance, basis,
 * decimals): green, yellow or red.  Level targets of flow indicators are judged against
 * time progress; all others on met and gap.
 */
Datum
target_status_fn(PG_FUNCTION_ARGS)
{
	return status_of_call(fcinfo, 3, 5, NULL);
}

PG_FUNCTION_INFO_V1(target_status_bands_fn);
/*
 * target_status(target, actual, as_of, bands, flow, reference, basis,
 * decimals): the same judged with a band set (NULL: the default tolerances).
 */
Datum
target_status_bands_fn(PG_FUNCTION_ARGS)
{
	BandSet		bands;
	bool		has_bands = bands_arg(fcinfo, 3, &bands);

	return status_of_call(fcinfo, 4, -1, has_bands ? &bands : NULL);
}

PG_FUNCTION_INFO_V1(status_bands_fn);
/* status_bands(text): the canonical text of a valid band set. */
Datum
status_bands_fn(PG_FUNCTION_ARGS)
{
	BandSet		bands;
	char		buf[BAND_TEXT_LEN];

	bands_arg(fcinfo, 0, &bands);
	band_set_format(&bands, buf, sizeof(buf));
	PG_RETURN_TEXT_P(cstring_to_text(buf));
}

PG_FUNCTION_INFO_V1(status_band_fn);
/* status_band(bands, shortfall): the light of a shortfall in a band set. */
Datum
status_band_fn(PG_FUNCTION_ARGS)
{
	BandSet		bands;
	double		shortfall = PG_GETARG_FLOAT8(1);

	bands_arg(fcinfo, 0, &bands);
	if (!(shortfall >= 0.0))
		ereport(ERROR,
				(errcode(ERRCODE_INVALID_PARAMETER_VALUE),
				 errmsg("a shortfall must be a number not below zero, not %g", shortfall),
				 errdetail("The shortfall is how far a target not met is behind; being met or ahead is green.")));
	PG_RETURN_TEXT_P(cstring_to_text(traffic_light_name(band_set_light(&bands, shortfall))));
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
