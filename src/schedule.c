/*
 * schedule.c
 *		fmgr glue that builds interim schedules (schedule_fixed_months).
 *		The share a schedule sets at an as-of date, and the schedule gap
 *		and status judged against it, are in progress.c.
 */
#include "postgres.h"

#include "catalog/pg_type.h"
#include "fmgr.h"
#include "utils/array.h"
#include "utils/builtins.h"

#include "schedule_core.h"

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
