/*
 * schedule.c
 *		fmgr glue for interim schedules: the share due at an as-of date,
 *		and the schedule gap and traffic-light status of a target judged
 *		against a schedule in place of m/12.
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

PG_FUNCTION_INFO_V1(target_schedule_gap_sched);
/*
 * target_schedule_gap(target, actual, as_of, schedule, decimals): points
 * ahead of the schedule, on the figure published to decimals.
 */
Datum
target_schedule_gap_sched(PG_FUNCTION_ARGS)
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
	if (!scheduled_share(PG_GETARG_ARRAYTYPE_P(3), PG_GETARG_DATEADT(2), &share) ||
		!target_schedule_gap_at(t, actual, share, decimals, &points))
		PG_RETURN_NULL();
	PG_RETURN_FLOAT8(points);
}

/* The tolerance argument n, or false when it is NULL (the default). */
static bool
tolerance_arg(FunctionCallInfo fcinfo, int n, double *tolerance)
{
	if (PG_ARGISNULL(n))
		return false;
	*tolerance = PG_GETARG_FLOAT8(n);
	if (!(*tolerance >= 0.0) || isinf(*tolerance))
		ereport(ERROR,
				(errcode(ERRCODE_INVALID_PARAMETER_VALUE),
				 errmsg("status tolerance must be a finite number not below zero")));
	return true;
}

/* The time progress in force: the schedule's share (argument n), or m/12 without one. */
static bool
progress_arg(FunctionCallInfo fcinfo, int n, DateADT as_of, double *share)
{
	if (!PG_ARGISNULL(n))
		return scheduled_share(PG_GETARG_ARRAYTYPE_P(n), as_of, share);
	*share = month_of(as_of) / 12.0;
	return true;
}

/*
 * The status of target_status's schedule forms: the schedule is argument
 * schedarg and the reference the next one, decimals argument 6; judged
 * with bands when given, else with the tolerance of argument tolarg (-1:
 * none), else the defaults.
 */
static Datum
sched_status_of_call(FunctionCallInfo fcinfo, int schedarg, int tolarg, const BandSet *bands)
{
	Target	   *t;
	double		thr,
				actual,
				share,
				tolerance = 0.0;
	bool		has_tol = false;

	if (PG_ARGISNULL(0) || PG_ARGISNULL(1) || PG_ARGISNULL(2))
		PG_RETURN_NULL();
	t = PG_GETARG_TARGET(0);
	actual = PG_GETARG_FLOAT8(1);
	if (tolarg >= 0)
		has_tol = tolerance_arg(fcinfo, tolarg, &tolerance);
	if (t->relative && PG_ARGISNULL(schedarg + 1))
		PG_RETURN_NULL();
	thr = t->relative ? PG_GETARG_FLOAT8(schedarg + 1) : t->lo;
	if (isnan(actual) || isnan(thr) ||
		!progress_arg(fcinfo, schedarg, PG_GETARG_DATEADT(2), &share))
		PG_RETURN_NULL();
	PG_RETURN_TEXT_P(cstring_to_text(traffic_light_name(
		target_status_banded(t, thr, actual, true, share, has_tol ? &tolerance : NULL,
							 bands, decimals_arg(fcinfo, 6)))));
}

PG_FUNCTION_INFO_V1(target_status_sched);
/*
 * target_status(target, actual, as_of, schedule, reference, tolerance,
 * decimals): green, yellow or red on the figure published to decimals, with
 * level targets judged against the schedule (against m/12 when schedule is
 * NULL); others on met and gap.
 */
Datum
target_status_sched(PG_FUNCTION_ARGS)
{
	return sched_status_of_call(fcinfo, 3, 5, NULL);
}

PG_FUNCTION_INFO_V1(target_status_sched_bands);
/*
 * target_status(target, actual, as_of, bands, schedule, reference,
 * decimals): the same judged with a band set (NULL: the default tolerances).
 */
Datum
target_status_sched_bands(PG_FUNCTION_ARGS)
{
	BandSet		bands;
	bool		has_bands = bands_arg(fcinfo, 3, &bands);

	return sched_status_of_call(fcinfo, 4, -1, has_bands ? &bands : NULL);
}

/* The elements of a one-dimensional array without NULLs, or an error naming it. */
static int
array_elements(ArrayType *arr, Oid type, int16 len, bool byval, char align,
			   const char *name, Datum **elems)
{
	bool	   *nulls;
	int			n;

	if (ARR_NDIM(arr) > 1)
		ereport(ERROR,
				(errcode(ERRCODE_INVALID_PARAMETER_VALUE),
				 errmsg("%s must be a one-dimensional array", name)));
	deconstruct_array(arr, type, len, byval, align, elems, &nulls, &n);
	for (int i = 0; i < n; i++)
		if (nulls[i])
			ereport(ERROR,
					(errcode(ERRCODE_NULL_VALUE_NOT_ALLOWED),
					 errmsg("%s must not contain NULL", name)));
	return n;
}

PG_FUNCTION_INFO_V1(schedule_fixed_months_fn);
/*
 * schedule_fixed_months(annual, months, amounts): the 12 cumulative shares
 * of an annual figure whose fixed months have the given amounts and whose
 * other months share the rest evenly (schedule_core.h).
 */
Datum
schedule_fixed_months_fn(PG_FUNCTION_ARGS)
{
	Datum	   *m_elems,
			   *a_elems;
	int			nm,
				na,
				months[SCHEDULE_MONTHS];
	double		amounts[SCHEDULE_MONTHS],
				share[SCHEDULE_MONTHS];
	Datum		out[SCHEDULE_MONTHS];
	char		detail[SCHEDULE_DETAIL_LEN];

	nm = array_elements(PG_GETARG_ARRAYTYPE_P(1), INT4OID, sizeof(int32), true,
						TYPALIGN_INT, "months", &m_elems);
	na = array_elements(PG_GETARG_ARRAYTYPE_P(2), FLOAT8OID, sizeof(float8), FLOAT8PASSBYVAL,
						TYPALIGN_DOUBLE, "amounts", &a_elems);
	if (nm != na)
		ereport(ERROR,
				(errcode(ERRCODE_INVALID_PARAMETER_VALUE),
				 errmsg("%d fixed months and %d amounts", nm, na),
				 errdetail("Each fixed month has one amount, in the same order.")));
	if (nm > SCHEDULE_MONTHS)
		ereport(ERROR,
				(errcode(ERRCODE_INVALID_PARAMETER_VALUE),
				 errmsg("%d fixed months", nm),
				 errdetail("A year has 12 months.")));
	for (int i = 0; i < nm; i++)
	{
		months[i] = DatumGetInt32(m_elems[i]);
		amounts[i] = DatumGetFloat8(a_elems[i]);
	}
	if (schedule_fixed_months(PG_GETARG_FLOAT8(0), months, amounts, nm, share,
							  detail, sizeof(detail)) != SCHEDULE_OK)
		ereport(ERROR,
				(errcode(ERRCODE_INVALID_PARAMETER_VALUE),
				 errmsg("cannot spread the annual figure over the months"),
				 errdetail("%s", detail)));
	for (int i = 0; i < SCHEDULE_MONTHS; i++)
		out[i] = Float8GetDatum(share[i]);
	PG_RETURN_ARRAYTYPE_P(construct_array(out, SCHEDULE_MONTHS, FLOAT8OID, sizeof(float8),
										  FLOAT8PASSBYVAL, TYPALIGN_DOUBLE));
}
