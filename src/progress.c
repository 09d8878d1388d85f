/*
 * progress.c
 *		fmgr glue for time progress (序时进度) and what is judged against it:
 *		the share of the year due at an as-of date, by a basis (m/12 or
 *		days) or by an interim schedule, and both forms of
 *		target_schedule_gap and the four of target_status (by a tolerance or
 *		a band set).  The forms of each function share one helper and differ
 *		only in where the share comes from and where their arguments are;
 *		the rules are in target_eval.c, band_core.c and schedule_core.c.
 */
#include "postgres.h"

#include "catalog/pg_type.h"
#include "fmgr.h"
#include "utils/array.h"
#include "utils/builtins.h"
#include "utils/date.h"
#include "utils/datetime.h"

#include "schedule_core.h"
#include "scorecard.h"

/* Where a call's time progress comes from. */
typedef enum ProgressFrom
{
	FROM_BASIS,					/* the share of the year elapsed: month or day */
	FROM_SCHEDULE				/* an interim schedule's share of the month */
} ProgressFrom;

/* The source argument of a call, read and checked. */
typedef struct ProgressSource
{
	ProgressFrom from;
	ProgressBasis basis;		/* FROM_BASIS: month (also for NULL) or day */
	ArrayType  *schedule;		/* FROM_SCHEDULE: the shares; NULL for m/12 */
} ProgressSource;

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

/* The calendar month (1..12) of a finite date. */
static int
month_of(DateADT d)
{
	int			y,
				m,
				day;

	if (DATE_NOT_FINITE(d))
		ereport(ERROR,
				(errcode(ERRCODE_DATETIME_VALUE_OUT_OF_RANGE),
				 errmsg("schedule progress needs a finite as-of date")));
	j2date(d + POSTGRES_EPOCH_JDATE, &y, &m, &day);
	return m;
}

/*
 * The share a schedule array sets for the month of as_of; false where the
 * month has none.  The array is checked whole, so a bad schedule raises an
 * error at every date.
 */
static bool
scheduled_share(ArrayType *arr, DateADT as_of, double *share)
{
	Datum	   *elems;
	bool	   *nulls;
	int			n;
	double		v[SCHEDULE_MONTHS];
	bool		has[SCHEDULE_MONTHS];
	char		detail[SCHEDULE_DETAIL_LEN];
	ScheduleStatus st = SCHEDULE_LENGTH;

	if (ARR_NDIM(arr) > 1)
		n = -1;
	else
	{
		deconstruct_array(arr, FLOAT8OID, sizeof(float8), FLOAT8PASSBYVAL,
						  TYPALIGN_DOUBLE, &elems, &nulls, &n);
		for (int i = 0; i < n && i < SCHEDULE_MONTHS; i++)
		{
			has[i] = !nulls[i];
			v[i] = nulls[i] ? 0.0 : DatumGetFloat8(elems[i]);
		}
	}
	if (n < 0)
		snprintf(detail, sizeof(detail), "A schedule is a one-dimensional array of 12 shares.");
	else
		st = schedule_check(v, has, n, detail, sizeof(detail));
	if (st != SCHEDULE_OK)
		ereport(ERROR,
				(errcode(ERRCODE_INVALID_PARAMETER_VALUE),
				 errmsg("invalid schedule"),
				 errdetail("%s", detail)));
	return schedule_share(v, has, month_of(as_of), share);
}

/* Argument n as the source of time progress (a basis or a schedule; NULL: the default). */
static ProgressSource
source_arg(FunctionCallInfo fcinfo, ProgressFrom from, int n)
{
	ProgressSource src = {from, BASIS_MONTH, NULL};

	if (PG_ARGISNULL(n))
		return src;
	if (from == FROM_BASIS)
		src.basis = basis_arg(PG_GETARG_TEXT_PP(n));
	else
		src.schedule = PG_GETARG_ARRAYTYPE_P(n);
	return src;
}

/* The time progress in force at as_of; false where a schedule has none that month. */
static bool
source_share(const ProgressSource *src, DateADT as_of, double *share)
{
	if (src->from == FROM_BASIS)
	{
		*share = progress_share(as_of, src->basis, false, 0);
		return true;
	}
	if (src->schedule != NULL)
		return scheduled_share(src->schedule, as_of, share);
	*share = month_of(as_of) / 12.0;
	return true;
}

/* The tolerance argument n, or false when it is NULL (the default). */
static bool
tolerance_arg(FunctionCallInfo fcinfo, int n, double *tolerance)
{
	if (PG_ARGISNULL(n))
		return false;
	*tolerance = PG_GETARG_FLOAT8(n);
	if (!target_check_tolerance(*tolerance))
		ereport(ERROR,
				(errcode(ERRCODE_INVALID_PARAMETER_VALUE),
				 errmsg("status tolerance must be a finite number not below zero"),
				 errdetail("The tolerance is how far behind still counts as yellow, in the unit of the gap; NULL means the default.")));
	return true;
}

/*
 * target_schedule_gap(target, actual, as_of, source, decimals), whatever the
 * source of time progress: points ahead of it on the figure published to
 * decimals; NULL for targets not prorated or where a schedule has no share.
 */
static Datum
schedule_gap_call(FunctionCallInfo fcinfo, ProgressFrom from)
{
	double		share,
				points;
	int			decimals = decimals_arg(fcinfo, 4);
	ProgressSource src;

	for (int i = 0; i < 4; i++)
		if (PG_ARGISNULL(i))
			PG_RETURN_NULL();
	src = source_arg(fcinfo, from, 3);
	if (!source_share(&src, PG_GETARG_DATEADT(2), &share) ||
		!target_schedule_gap_at(PG_GETARG_TARGET(0), PG_GETARG_FLOAT8(1), share,
								decimals, &points))
		PG_RETURN_NULL();
	PG_RETURN_FLOAT8(points);
}

/* Where the arguments of a form of target_status are (-1: none). */
typedef struct StatusArgs
{
	int			source;			/* basis or schedule */
	int			reference;
	int			tolerance;
	int			bands;
	int			decimals;
} StatusArgs;

/*
 * target_status(target, actual, as_of, ...) in any form, whatever the
 * source of time progress: green, yellow or red on the figure published to
 * decimals, level targets judged against time progress when prorate; by
 * the band set when the form has one and it is not NULL, else by the
 * tolerance, else by the defaults.  A bad tolerance or band set is an error
 * even where the result would be NULL (NaN actual, no reference).
 */
static Datum
status_call(FunctionCallInfo fcinfo, ProgressFrom from, const StatusArgs *a, bool prorate)
{
	Target	   *t;
	double		thr,
				actual,
				share = 0.0,
				tolerance = 0.0;
	bool		has_tol = false,
				has_bands = false;
	BandSet		bands;
	ProgressSource src;

	if (PG_ARGISNULL(0) || PG_ARGISNULL(1) || PG_ARGISNULL(2))
		PG_RETURN_NULL();
	if (a->tolerance >= 0)
		has_tol = tolerance_arg(fcinfo, a->tolerance, &tolerance);
	if (a->bands >= 0)
		has_bands = bands_arg(fcinfo, a->bands, &bands);
	if (!target_call_args(fcinfo, a->reference, &t, &thr, &actual))
		PG_RETURN_NULL();
	src = source_arg(fcinfo, from, a->source);
	if (prorate && !source_share(&src, PG_GETARG_DATEADT(2), &share))
		PG_RETURN_NULL();
	PG_RETURN_TEXT_P(cstring_to_text(traffic_light_name(
		target_status_banded(t, thr, actual, prorate, share,
							 has_tol ? &tolerance : NULL, has_bands ? &bands : NULL,
							 decimals_arg(fcinfo, a->decimals)))));
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

PG_FUNCTION_INFO_V1(schedule_progress);
/* schedule_progress(schedule, as_of): the share due by the as-of month. */
Datum
schedule_progress(PG_FUNCTION_ARGS)
{
	double		share;

	if (!scheduled_share(PG_GETARG_ARRAYTYPE_P(0), PG_GETARG_DATEADT(1), &share))
		PG_RETURN_NULL();
	PG_RETURN_FLOAT8(share);
}

PG_FUNCTION_INFO_V1(target_schedule_gap_fn);
/* target_schedule_gap(target, actual, as_of, basis, decimals): against the share of the year elapsed. */
Datum
target_schedule_gap_fn(PG_FUNCTION_ARGS)
{
	return schedule_gap_call(fcinfo, FROM_BASIS);
}

PG_FUNCTION_INFO_V1(target_schedule_gap_sched);
/* target_schedule_gap(target, actual, as_of, schedule, decimals): against a schedule. */
Datum
target_schedule_gap_sched(PG_FUNCTION_ARGS)
{
	return schedule_gap_call(fcinfo, FROM_SCHEDULE);
}

PG_FUNCTION_INFO_V1(target_status_fn);
/*
 * target_status(target, actual, as_of, flow, reference, tolerance, basis,
 * decimals): level targets of flow indicators judged against the share of
 * the year elapsed.
 */
Datum
target_status_fn(PG_FUNCTION_ARGS)
{
	static const StatusArgs a = {6, 4, 5, -1, 7};

	if (PG_ARGISNULL(3))
		PG_RETURN_NULL();
	return status_call(fcinfo, FROM_BASIS, &a, PG_GETARG_BOOL(3));
}

PG_FUNCTION_INFO_V1(target_status_sched);
/*
 * target_status(target, actual, as_of, schedule, reference, tolerance,
 * decimals): level targets judged against the schedule (m/12 when it is NULL).
 */
Datum
target_status_sched(PG_FUNCTION_ARGS)
{
	static const StatusArgs a = {3, 4, 5, -1, 6};

	return status_call(fcinfo, FROM_SCHEDULE, &a, true);
}

PG_FUNCTION_INFO_V1(target_status_bands_fn);
/*
 * target_status(target, actual, as_of, bands, flow, reference, basis,
 * decimals): the flow form judged by a band set (NULL: the default
 * tolerances).
 */
Datum
target_status_bands_fn(PG_FUNCTION_ARGS)
{
	static const StatusArgs a = {6, 5, -1, 3, 7};

	if (PG_ARGISNULL(4))
		PG_RETURN_NULL();
	return status_call(fcinfo, FROM_BASIS, &a, PG_GETARG_BOOL(4));
}

PG_FUNCTION_INFO_V1(target_status_sched_bands);
/*
 * target_status(target, actual, as_of, bands, schedule, reference,
 * decimals): the schedule form judged by a band set (NULL: the default
 * tolerances).
 */
Datum
target_status_sched_bands(PG_FUNCTION_ARGS)
{
	static const StatusArgs a = {4, 5, -1, 3, 6};

	return status_call(fcinfo, FROM_SCHEDULE, &a, true);
}
