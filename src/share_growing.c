/*
 * share_growing.c
 *		fmgr glue for the share_growing(growth) aggregate (增长面): the % of
 *		the units with a growth whose growth is above zero.
 *
 * The state is a built-in int8[] of two counts, {units with a growth,
 * units growing}, so it ships as text and binary like any array; the
 * transition and combine functions update it in place inside an aggregate.
 */
#include "postgres.h"

#include "catalog/pg_type.h"
#include "common/int.h"
#include "fmgr.h"
#include "utils/array.h"

#include "arith_core.h"

/* The two counts of a state, checked (a caller may pass any int8[]). */
static int64 *
counts(ArrayType *a)
{
	int64	   *c = NULL;

	if (ARR_NDIM(a) == 1 && ARR_DIMS(a)[0] == 2 && !ARR_HASNULL(a) &&
		ARR_ELEMTYPE(a) == INT8OID)
		c = (int64 *) ARR_DATA_PTR(a);
	if (c == NULL || c[1] < 0 || c[1] > c[0])
		ereport(ERROR,
				(errcode(ERRCODE_INVALID_PARAMETER_VALUE),
				 errmsg("invalid share_growing state"),
				 errdetail("The state is an array of two counts: units with a growth, and units growing, no more than the first.")));
	return c;
}

/* The state argument n, updated in place inside an aggregate, else copied. */
static ArrayType *
state_arg(FunctionCallInfo fcinfo, int n)
{
	if (AggCheckCallContext(fcinfo, NULL))
		return PG_GETARG_ARRAYTYPE_P(n);
	return PG_GETARG_ARRAYTYPE_P_COPY(n);
}

PG_FUNCTION_INFO_V1(share_growing_trans);
/* Count a unit's growth (STRICT: a NULL growth is skipped; NaN is not counted). */
Datum
share_growing_trans(PG_FUNCTION_ARGS)
{
	ArrayType  *a = state_arg(fcinfo, 0);
	int64	   *c = counts(a);

	if (!isnan(PG_GETARG_FLOAT8(1)))
	{
		c[0]++;
		if (arith_is_growing(PG_GETARG_FLOAT8(1)))
			c[1]++;
	}
	PG_RETURN_ARRAYTYPE_P(a);
}

PG_FUNCTION_INFO_V1(share_growing_combine);
/* Add the second state's counts into the first. */
Datum
share_growing_combine(PG_FUNCTION_ARGS)
{
	ArrayType  *a = state_arg(fcinfo, 0);
	int64	   *c = counts(a);
	int64	   *d = counts(PG_GETARG_ARRAYTYPE_P(1));

	if (pg_add_s64_overflow(c[0], d[0], &c[0]) || pg_add_s64_overflow(c[1], d[1], &c[1]))
		ereport(ERROR,
				(errcode(ERRCODE_NUMERIC_VALUE_OUT_OF_RANGE),
				 errmsg("share_growing count out of range")));
	PG_RETURN_ARRAYTYPE_P(a);
}

PG_FUNCTION_INFO_V1(share_growing_final);
/* The % of counted units growing, or NULL when none was counted. */
Datum
share_growing_final(PG_FUNCTION_ARGS)
{
	int64	   *c = counts(PG_GETARG_ARRAYTYPE_P(0));
	double		pct;

	if (!arith_share_growing(c[0], c[1], &pct))
		PG_RETURN_NULL();
	PG_RETURN_FLOAT8(pct);
}
