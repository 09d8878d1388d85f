/*
 * ytd_access.c
 *		fmgr glue for the accessors of a ytd state and the final functions
 *		of the one-step aggregates.
 *
 * Every accessor takes the as-of date; any date inside a month stands for
 * that month.  A result that cannot be computed (months missing, a zero or
 * negative base) is NULL; ytd_missing says which months are missing.
 */
#include "postgres.h"

#include "catalog/pg_type.h"
#include "fmgr.h"
#include "utils/array.h"
#include "utils/builtins.h"
#include "utils/date.h"

#include "ytd_glue.h"

typedef bool (*YtdCalc) (const Ytd *s, int32_t month, double *result);

/* Refuse a state whose kind the accessor cannot read. */
static void
refuse_kind(const Ytd *s, const char *fn, const char *why, const char *hint)
{
	ereport(ERROR,
			(errcode(ERRCODE_INVALID_PARAMETER_VALUE),
			 errmsg("%s is not defined for ytd states of kind %s", fn,
					ytd_kind_name(s->kind)),
			 errdetail("%s", why),
			 errhint("%s", hint)));
}

/* Levels need one reading per month: monthly (stocks) or rates. */
static void
need_level(const Ytd *s, const char *fn)
{
	if (s->kind == YTD_CUMULATIVE)
		refuse_kind(s, fn, "Cumulative readings give January-to-month totals, not levels.",
					"Use ytd_value and ytd_growth for cumulative readings.");
}

/* The kinds ytd_level_growth takes, both forms: levels, not rates. */
static void
need_level_growth(const Ytd *s)
{
	need_level(s, "ytd_level_growth");
	if (s->kind == YTD_RATE)
		refuse_kind(s, "ytd_level_growth", "Rates compare in percentage points.",
					"Use ytd_change for rates.");
}

/* The kind ytd_change takes, both forms: a rate. */
static void
need_rate(const Ytd *s)
{
	if (s->kind != YTD_RATE)
		refuse_kind(s, "ytd_change", "ytd_change compares rates in percentage points.",
					"Build the state with ytd_rate_agg, or use ytd_growth or ytd_level_growth.");
}

/* Months (year * 12 + month - 1; at most 26) as an array of their first days. */
static ArrayType *
month_days(const int32 *months, int n)
{
	Datum		days[26];

	for (int i = 0; i < n; i++)
		days[i] = DateADTGetDatum(ytd_ym_to_day(months[i] / 12, months[i] % 12 + 1, 1));
	return construct_array(days, n, DATEOID, sizeof(DateADT), true, TYPALIGN_INT);
}

/* Return calc's result as float8, or NULL. */
static Datum
result(FunctionCallInfo fcinfo, YtdCalc calc, const Ytd *s, int32 month)
{
	double		v;

	if (!calc(s, month, &v))
		PG_RETURN_NULL();
	PG_RETURN_FLOAT8(v);
}

/* The same year-to-date value a year before. */
static bool
prior_of(const Ytd *s, int32_t month, double *v)
{
	return ytd_value_of(s, month - 12, v);
}

PG_FUNCTION_INFO_V1(ytd_kind);
/* The kind of readings a state holds: monthly, cumulative or rate. */
Datum
ytd_kind(PG_FUNCTION_ARGS)
{
	PG_RETURN_TEXT_P(cstring_to_text(ytd_kind_name(PG_GETARG_YTD(0)->kind)));
}

PG_FUNCTION_INFO_V1(ytd_value);
/* Year-to-date value: sum of January..month, or the cumulative reading. */
Datum
ytd_value(PG_FUNCTION_ARGS)
{
	Ytd		   *s = PG_GETARG_YTD(0);

	ytd_need_flow(s, "ytd_value");
	return result(fcinfo, ytd_value_of, s, ytd_date_month(PG_GETARG_DATEADT(1)));
}

PG_FUNCTION_INFO_V1(ytd_prior);
/* The year-to-date value of the same months a year before. */
Datum
ytd_prior(PG_FUNCTION_ARGS)
{
	Ytd		   *s = PG_GETARG_YTD(0);

	ytd_need_flow(s, "ytd_prior");
	return result(fcinfo, prior_of, s, ytd_date_month(PG_GETARG_DATEADT(1)));
}

PG_FUNCTION_INFO_V1(ytd_growth);
/* Year-on-year growth in % of the year-to-date value. */
Datum
ytd_growth(PG_FUNCTION_ARGS)
{
	Ytd		   *s = PG_GETARG_YTD(0);

	ytd_need_flow(s, "ytd_growth");
	return result(fcinfo, ytd_growth_of, s, ytd_date_month(PG_GETARG_DATEADT(1)));
}

PG_FUNCTION_INFO_V1(ytd_level);
/* The level at the month (stocks and rates). */
Datum
ytd_level(PG_FUNCTION_ARGS)
{
	Ytd		   *s = PG_GETARG_YTD(0);

	need_level(s, "ytd_level");
	return result(fcinfo, ytd_level_of, s, ytd_date_month(PG_GETARG_DATEADT(1)));
}

PG_FUNCTION_INFO_V1(ytd_month_value);
/* The value of the month alone (for cumulative readings cum(m) - cum(m-1)). */
Datum
ytd_month_value(PG_FUNCTION_ARGS)
{
	Ytd		   *s = PG_GETARG_YTD(0);

	return result(fcinfo, ytd_month_value_of, s, ytd_date_month(PG_GETARG_DATEADT(1)));
}

PG_FUNCTION_INFO_V1(ytd_level_growth);
/* Growth in % of the level at the month over the same month a year before. */
Datum
ytd_level_growth(PG_FUNCTION_ARGS)
{
	Ytd		   *s = PG_GETARG_YTD(0);

	need_level_growth(s);
	return result(fcinfo, ytd_level_growth_of, s, ytd_date_month(PG_GETARG_DATEADT(1)));
}

PG_FUNCTION_INFO_V1(ytd_change);
/* Difference in percentage points of a rate from the same month a year before. */
Datum
ytd_change(PG_FUNCTION_ARGS)
{
	Ytd		   *s = PG_GETARG_YTD(0);

	need_rate(s);
	return result(fcinfo, ytd_change_of, s, ytd_date_month(PG_GETARG_DATEADT(1)));
}

/* Whether ytd_missing's measure argument asks about levels. */
static bool
measure_is_level(text *t)
{
	char	   *m = text_to_cstring(t);

	if (strcmp(m, "level") == 0)
		return true;
	if (strcmp(m, "value") != 0)
		ereport(ERROR,
				(errcode(ERRCODE_INVALID_PARAMETER_VALUE),
				 errmsg("invalid ytd measure: \"%s\"", m),
				 errdetail("The measure is value (year-to-date) or level (the month alone).")));
	return false;
}

typedef bool (*YtdPub) (const Ytd *s, int32_t month, int decimals, double *v, int *why);

/* Return pub's figure at decimals (0..18) as float8, or NULL. */
static Datum
pub_result(FunctionCallInfo fcinfo, YtdPub pub, const Ytd *s, int32 month)
{
	int32		decimals = PG_GETARG_INT32(2);
	double		v;

	if (decimals < 0 || decimals > YTD_MAX_SCALE)
		ereport(ERROR,
				(errcode(ERRCODE_INVALID_PARAMETER_VALUE),
				 errmsg("decimals must be from 0 to %d: %d", YTD_MAX_SCALE, decimals),
				 errdetail("A figure is published to at most %d decimals.", YTD_MAX_SCALE)));
	if (!pub(s, month, decimals, &v, NULL))
		PG_RETURN_NULL();
	PG_RETURN_FLOAT8(v);
}

/* The published value a year before. */
static bool
prior_pub(const Ytd *s, int32_t month, int decimals, double *v, int *why)
{
	return ytd_value_pub(s, month - 12, decimals, v, why);
}

PG_FUNCTION_INFO_V1(ytd_value_pub_fn);
/* ytd_value(state, as_of, decimals): the year-to-date value as published. */
Datum
ytd_value_pub_fn(PG_FUNCTION_ARGS)
{
	Ytd		   *s = PG_GETARG_YTD(0);

	ytd_need_flow(s, "ytd_value");
	return pub_result(fcinfo, ytd_value_pub, s, ytd_date_month(PG_GETARG_DATEADT(1)));
}

PG_FUNCTION_INFO_V1(ytd_prior_pub_fn);
/* ytd_prior(state, as_of, decimals): the prior year-to-date value as published. */
Datum
ytd_prior_pub_fn(PG_FUNCTION_ARGS)
{
	Ytd		   *s = PG_GETARG_YTD(0);

	ytd_need_flow(s, "ytd_prior");
	return pub_result(fcinfo, prior_pub, s, ytd_date_month(PG_GETARG_DATEADT(1)));
}

PG_FUNCTION_INFO_V1(ytd_growth_pub_fn);
/* ytd_growth(state, as_of, decimals): growth in % as published. */
Datum
ytd_growth_pub_fn(PG_FUNCTION_ARGS)
{
	Ytd		   *s = PG_GETARG_YTD(0);

	ytd_need_flow(s, "ytd_growth");
	return pub_result(fcinfo, ytd_growth_pub, s, ytd_date_month(PG_GETARG_DATEADT(1)));
}

PG_FUNCTION_INFO_V1(ytd_level_pub_fn);
/* ytd_level(state, as_of, decimals): the level as published. */
Datum
ytd_level_pub_fn(PG_FUNCTION_ARGS)
{
	Ytd		   *s = PG_GETARG_YTD(0);

	need_level(s, "ytd_level");
	return pub_result(fcinfo, ytd_level_pub, s, ytd_date_month(PG_GETARG_DATEADT(1)));
}

PG_FUNCTION_INFO_V1(ytd_level_growth_pub_fn);
/* ytd_level_growth(state, as_of, decimals): growth of the level as published. */
Datum
ytd_level_growth_pub_fn(PG_FUNCTION_ARGS)
{
	Ytd		   *s = PG_GETARG_YTD(0);

	need_level_growth(s);
	return pub_result(fcinfo, ytd_level_growth_pub, s, ytd_date_month(PG_GETARG_DATEADT(1)));
}

PG_FUNCTION_INFO_V1(ytd_change_pub_fn);
/* ytd_change(state, as_of, decimals): change of a rate in points as published. */
Datum
ytd_change_pub_fn(PG_FUNCTION_ARGS)
{
	Ytd		   *s = PG_GETARG_YTD(0);

	need_rate(s);
	return pub_result(fcinfo, ytd_change_pub, s, ytd_date_month(PG_GETARG_DATEADT(1)));
}

PG_FUNCTION_INFO_V1(ytd_inexact);
/* The first days of the months a figure needs that are not exact decimals. */
Datum
ytd_inexact(PG_FUNCTION_ARGS)
{
	Ytd		   *s = PG_GETARG_YTD(0);
	int32		month = ytd_date_month(PG_GETARG_DATEADT(1));
	bool		level = measure_is_level(PG_GETARG_TEXT_PP(2)) || s->kind == YTD_RATE;
	int32		months[26];
	int			n = ytd_inexact_months(s, month, level, months);

	PG_RETURN_ARRAYTYPE_P(month_days(months, n));
}

PG_FUNCTION_INFO_V1(ytd_missing);
/* The first days of the months that keep the comparison from being made. */
Datum
ytd_missing(PG_FUNCTION_ARGS)
{
	Ytd		   *s = PG_GETARG_YTD(0);
	int32		month = ytd_date_month(PG_GETARG_DATEADT(1));
	bool		level = measure_is_level(PG_GETARG_TEXT_PP(2)) || s->kind == YTD_RATE;
	int32		months[24];
	int			n = ytd_missing_months(s, month, level, months);

	PG_RETURN_ARRAYTYPE_P(month_days(months, n));
}

/* The as-of month of a one-step aggregate's state. */
static int32
state_asof_month(const Ytd *s)
{
	int32		month = 0;

	if (!(s->flags & YTD_HAS_ASOF) || !ytd_day_month(s->asof, &month))
		ereport(ERROR,
				(errcode(ERRCODE_INVALID_PARAMETER_VALUE),
				 errmsg("ytd state has no as-of date"),
				 errdetail("Only the one-step aggregates record an as-of date in their state.")));
	return month;
}

PG_FUNCTION_INFO_V1(ytd_growth_final);
/* Final function of the one-step ytd_growth(period, value, as_of). */
Datum
ytd_growth_final(PG_FUNCTION_ARGS)
{
	Ytd		   *s;

	if (PG_ARGISNULL(0))
		PG_RETURN_NULL();
	s = PG_GETARG_YTD(0);
	return result(fcinfo, ytd_growth_of, s, state_asof_month(s));
}

PG_FUNCTION_INFO_V1(ytd_value_final);
/* Final function of the one-step ytd_value(period, value, as_of). */
Datum
ytd_value_final(PG_FUNCTION_ARGS)
{
	Ytd		   *s;

	if (PG_ARGISNULL(0))
		PG_RETURN_NULL();
	s = PG_GETARG_YTD(0);
	return result(fcinfo, ytd_value_of, s, state_asof_month(s));
}
