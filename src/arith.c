/*
 * arith.c
 *		fmgr glue for the bureau's arithmetic: contribution and pull,
 *		required growth and the year-end projection, average growth over
 *		several years, the month's own growth and the change since the
 *		previous month, on numbers and on ytd states.
 *
 * The formulas are in arith_core.c; a result that cannot be computed is
 * NULL, as for the other ytd accessors.
 */
#include "postgres.h"

#include "catalog/pg_type.h"
#include "fmgr.h"
#include "utils/array.h"
#include "utils/date.h"

#include "arith_core.h"
#include "scorecard.h"
#include "ytd_glue.h"

/* Return v as float8, or NULL when the computation gave none. */
#define RETURN_IF(okay, v) \
	do { if (!(okay)) PG_RETURN_NULL(); PG_RETURN_FLOAT8(v); } while (0)

/* A flow's state argument (rates are refused: their months do not add). */
static Ytd *
flow_arg(FunctionCallInfo fcinfo, int n, const char *fn)
{
	Ytd		   *s = PG_GETARG_YTD(n);

	ytd_need_flow(s, fn);
	return s;
}

/* The as-of month of argument n. */
static int32
month_arg(FunctionCallInfo fcinfo, int n)
{
	return ytd_date_month(PG_GETARG_DATEADT(n));
}

typedef bool (*FlowCalc) (const Ytd *s, int32_t month, double *result);

/* calc on a flow's state (argument 0) as of argument 1, or NULL. */
static Datum
flow_result(FunctionCallInfo fcinfo, const char *fn, FlowCalc calc)
{
	Ytd		   *s = flow_arg(fcinfo, 0, fn);
	double		v = 0;

	RETURN_IF(calc(s, month_arg(fcinfo, 1), &v), v);
}

/* A number of years of at least 1. */
static int
years_arg(FunctionCallInfo fcinfo, int n)
{
	int32		years = PG_GETARG_INT32(n);

	if (years < 1)
		ereport(ERROR,
				(errcode(ERRCODE_INVALID_PARAMETER_VALUE),
				 errmsg("average growth needs at least one year, not %d", years),
				 errdetail("The average is taken over the years between the figure and its base.")));
	return years;
}

PG_FUNCTION_INFO_V1(contribution_fn);
/* contribution(part, part_prior, total, total_prior): % of the total's change. */
Datum
contribution_fn(PG_FUNCTION_ARGS)
{
	double		v = 0;

	RETURN_IF(arith_contribution(PG_GETARG_FLOAT8(0), PG_GETARG_FLOAT8(1),
								 PG_GETARG_FLOAT8(2), PG_GETARG_FLOAT8(3), &v), v);
}

PG_FUNCTION_INFO_V1(pull_fn);
/* pull(part, part_prior, total_prior): pp of the total's growth. */
Datum
pull_fn(PG_FUNCTION_ARGS)
{
	double		v = 0;

	RETURN_IF(arith_pull(PG_GETARG_FLOAT8(0), PG_GETARG_FLOAT8(1),
						 PG_GETARG_FLOAT8(2), &v), v);
}

PG_FUNCTION_INFO_V1(pull_comparable_fn);
/* pull_comparable(part_base, total_base, part_growth): share x growth. */
Datum
pull_comparable_fn(PG_FUNCTION_ARGS)
{
	double		v = 0;

	RETURN_IF(arith_pull_comparable(PG_GETARG_FLOAT8(0), PG_GETARG_FLOAT8(1),
									PG_GETARG_FLOAT8(2), &v), v);
}

PG_FUNCTION_INFO_V1(required_growth_fn);
/* required_growth(annual_prior, ytd_prior, ytd, growth_target in %). */
Datum
required_growth_fn(PG_FUNCTION_ARGS)
{
	double		annual = PG_GETARG_FLOAT8(0);
	double		v = 0;

	RETURN_IF(arith_required_growth(annual, PG_GETARG_FLOAT8(1), PG_GETARG_FLOAT8(2),
									annual * (1.0 + PG_GETARG_FLOAT8(3) / 100.0), &v), v);
}

PG_FUNCTION_INFO_V1(projection_fn);
/* projection(annual_prior, ytd_prior, ytd): year end at the ytd pace. */
Datum
projection_fn(PG_FUNCTION_ARGS)
{
	double		v = 0;

	RETURN_IF(arith_projection(PG_GETARG_FLOAT8(0), PG_GETARG_FLOAT8(1),
							   PG_GETARG_FLOAT8(2), &v), v);
}

PG_FUNCTION_INFO_V1(avg_growth_fn);
/* avg_growth(value, base, years): average yearly growth in %. */
Datum
avg_growth_fn(PG_FUNCTION_ARGS)
{
	double		v = 0;
	int			years = years_arg(fcinfo, 2);

	RETURN_IF(arith_avg_growth(PG_GETARG_FLOAT8(0), PG_GETARG_FLOAT8(1), years, &v), v);
}

PG_FUNCTION_INFO_V1(ytd_contribution);
/* ytd_contribution(part, total, as_of): % of the total's ytd change. */
Datum
ytd_contribution(PG_FUNCTION_ARGS)
{
	Ytd		   *part = flow_arg(fcinfo, 0, "ytd_contribution");
	Ytd		   *total = flow_arg(fcinfo, 1, "ytd_contribution");
	double		v = 0;

	RETURN_IF(ytd_contribution_of(part, total, month_arg(fcinfo, 2), &v), v);
}

PG_FUNCTION_INFO_V1(ytd_pull);
/* ytd_pull(part, total, as_of): pp of the total's ytd growth. */
Datum
ytd_pull(PG_FUNCTION_ARGS)
{
	Ytd		   *part = flow_arg(fcinfo, 0, "ytd_pull");
	Ytd		   *total = flow_arg(fcinfo, 1, "ytd_pull");
	double		v = 0;

	RETURN_IF(ytd_pull_of(part, total, month_arg(fcinfo, 2), &v), v);
}

PG_FUNCTION_INFO_V1(ytd_annual_prior);
/* ytd_annual_prior(state, as_of): last year's January-December total. */
Datum
ytd_annual_prior(PG_FUNCTION_ARGS)
{
	return flow_result(fcinfo, "ytd_annual_prior", ytd_annual_prior_of);
}

PG_FUNCTION_INFO_V1(ytd_required_growth);
/* ytd_required_growth(state, as_of, target): toward a growth or level target. */
Datum
ytd_required_growth(PG_FUNCTION_ARGS)
{
	Ytd		   *s = flow_arg(fcinfo, 0, "ytd_required_growth");
	double		v = 0;

	RETURN_IF(ytd_required_growth_for(s, month_arg(fcinfo, 1), PG_GETARG_TARGET(2), &v), v);
}

PG_FUNCTION_INFO_V1(ytd_projection);
/* ytd_projection(state, as_of): the year-end value at the ytd pace. */
Datum
ytd_projection(PG_FUNCTION_ARGS)
{
	return flow_result(fcinfo, "ytd_projection", ytd_projection_of);
}

PG_FUNCTION_INFO_V1(ytd_projected_growth);
/* ytd_projected_growth(state, as_of): growth of the projection over last year. */
Datum
ytd_projected_growth(PG_FUNCTION_ARGS)
{
	return flow_result(fcinfo, "ytd_projected_growth", ytd_projected_growth_of);
}

PG_FUNCTION_INFO_V1(ytd_projection_met);
/* ytd_projection_met(state, as_of, target): whether the projection meets it. */
Datum
ytd_projection_met(PG_FUNCTION_ARGS)
{
	Ytd		   *s = flow_arg(fcinfo, 0, "ytd_projection_met");
	bool		met;

	if (!ytd_projection_met_of(s, month_arg(fcinfo, 1), PG_GETARG_TARGET(2), &met))
		PG_RETURN_NULL();
	PG_RETURN_BOOL(met);
}

PG_FUNCTION_INFO_V1(ytd_avg_growth);
/* ytd_avg_growth(state, as_of, years): average growth of the same months. */
Datum
ytd_avg_growth(PG_FUNCTION_ARGS)
{
	Ytd		   *s = flow_arg(fcinfo, 0, "ytd_avg_growth");
	int			years = years_arg(fcinfo, 2);
	double		v = 0;

	RETURN_IF(ytd_avg_growth_of(s, month_arg(fcinfo, 1), years, &v), v);
}

PG_FUNCTION_INFO_V1(ytd_month_growth);
/* ytd_month_growth(state, as_of): the month's own growth (当月增速). */
Datum
ytd_month_growth(PG_FUNCTION_ARGS)
{
	return flow_result(fcinfo, "ytd_month_growth", ytd_month_growth_of);
}

PG_FUNCTION_INFO_V1(ytd_growth_change);
/* ytd_growth_change(state, as_of): pp since the previous month's ytd growth. */
Datum
ytd_growth_change(PG_FUNCTION_ARGS)
{
	return flow_result(fcinfo, "ytd_growth_change", ytd_growth_change_of);
}

PG_FUNCTION_INFO_V1(ytd_seasonal_schedule);
/* ytd_seasonal_schedule(state, as_of): last year's C_m / A, m = 1..12. */
Datum
ytd_seasonal_schedule(PG_FUNCTION_ARGS)
{
	Ytd		   *s = flow_arg(fcinfo, 0, "ytd_seasonal_schedule");
	double		share[12];
	bool		has[12];
	Datum		elems[12];
	bool		nulls[12];
	int			dims[1] = {12};
	int			lbs[1] = {1};

	if (!ytd_seasonal_shape(s, month_arg(fcinfo, 1), share, has))
		PG_RETURN_NULL();
	for (int m = 0; m < 12; m++)
	{
		elems[m] = Float8GetDatum(share[m]);
		nulls[m] = !has[m];
	}
	PG_RETURN_ARRAYTYPE_P(construct_md_array(elems, nulls, 1, dims, lbs, FLOAT8OID,
											 sizeof(float8), FLOAT8PASSBYVAL,
											 TYPALIGN_DOUBLE));
}
