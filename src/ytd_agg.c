/*
 * ytd_agg.c
 *		fmgr glue for the ytd aggregates: the transition functions and the
 *		combine function (also rollup's transition).  The final functions
 *		of the one-step aggregates are in ytd_access.c; allocation and
 *		error reporting in ytd_glue.c.
 *
 * The state is a plain varlena of type ytd.  Inside an aggregate a
 * transition function updates it in place and returns the same pointer, so
 * a row costs no palloc.  A new state is allocated only on the group's
 * first row, when a reading falls in a year outside its range and when a
 * month's sum outgrows 64 bits (the wide layout); nodeAgg copies each new
 * value into the aggregate context once.  ytd_combine merges in place
 * where two narrow states of one scale and layout merge without overflow
 * (ytd_merge_fast checks first), else into a copy, so that an overflow can
 * start over wide.
 */
#include "postgres.h"

#include "fmgr.h"
#include "utils/builtins.h"
#include "utils/date.h"
#include "utils/float.h"

#include "ytd_glue.h"

/*
 * The state to update: the argument itself in an aggregate, else a copy.
 * ours: the state was made by a transition function (never a stored
 * value), so it is a plain 4-byte-header varlena and needs no detoasting.
 */
static Ytd *
state_arg(FunctionCallInfo fcinfo, bool ours)
{
	if (PG_ARGISNULL(0))
		return NULL;
	if (AggCheckCallContext(fcinfo, NULL))
		return ours ? (Ytd *) PG_GETARG_POINTER(0) : PG_GETARG_YTD(0);
	return ytd_current((struct varlena *) PG_DETOAST_DATUM_COPY(PG_GETARG_DATUM(0)));
}

/* A copy of s with room for the years base..base+nyears-1. */
static Ytd *
grow(const Ytd *s, int base, int nyears)
{
	Ytd		   *g = ytd_alloc((YtdKind) s->kind, base, nyears, YTD_IS_WIDE(s));

	ytd_copy_into(g, s, base, nyears);
	return g;
}

/* Detail for two kinds that cannot share a state. */
static void
report_kind_mix(int a, int b)
{
	char		detail[YTD_DETAIL_LEN];

	snprintf(detail, sizeof(detail),
			 "A state holds readings of one kind; here %s and %s readings meet.",
			 ytd_kind_name(a), ytd_kind_name(b));
	ytd_report(YTD_KIND_MIX, "", detail);
}

/* The month of the last period seen: rows come in runs of one month. */
static YtdMonthCache period_cache = {1, 0, 0};

/* The month of a period, or the error naming it. */
static inline int32
period_month(DateADT period)
{
	int32		month;

	if (likely(ytd_day_month_cached(&period_cache, period, &month)))
		return month;
	return ytd_date_month(period);
}

/*
 * s without its empty first and last years (a one-step state may hold an
 * empty as-of year), a copy; s itself if it has none.
 */
static Ytd *
drop_empty_years(Ytd *s)
{
	int			base,
				nyears;
	Ytd		   *t;

	if (!ytd_held_range(s, &base, &nyears) ||
		(base == s->base_year && nyears == s->nyears))
		return s;
	t = ytd_alloc((YtdKind) s->kind, base, nyears, YTD_IS_WIDE(s));
	ytd_copy_held(t, s);
	return t;
}

/*
 * Add one reading to the state (allocated or grown when needed).  asof:
 * the one-step aggregates' as-of month, or -1; if their first reading
 * falls in the as-of year or the year before, the state holds both (the
 * years the final function reads), so that the other does not grow it.
 * Empty years never make a state refuse a reading for its span.
 */
static Ytd *
add_reading(Ytd *s, YtdKind kind, DateADT period, float8 value, int32 asof)
{
	int32		month = period_month(period);
	YtdStatus	st;

	if (s == NULL)
	{
		int			lo = month / 12,
					hi = month / 12;

		if (asof >= 0 && (month / 12 == asof / 12 || month / 12 == asof / 12 - 1))
		{
			lo = Max(asof / 12 - 1, YTD_MIN_YEAR);
			hi = asof / 12;
		}
		s = ytd_alloc(kind, lo, hi - lo + 1, false);
	}
	else if (s->kind != kind)
		report_kind_mix(s->kind, kind);
	else if (!ytd_covers(s, month))
	{
		int			base,
					nyears;

		ytd_grown_range(s, month, &base, &nyears);
		if (nyears > YTD_MAX_SPAN)
		{
			/* a one-step state's empty as-of years do not count */
			s = drop_empty_years(s);
			ytd_grown_range(s, month, &base, &nyears);
		}
		if (nyears > YTD_MAX_SPAN)
		{
			char		detail[YTD_DETAIL_LEN];

			snprintf(detail, sizeof(detail),
					 "A state spans at most %d years, first to last; year %04d would make it span %04d to %04d.",
					 YTD_MAX_SPAN, month / 12, base, base + nyears - 1);
			ytd_report(YTD_SPAN, "", detail);
		}
		s = grow(s, base, nyears);
	}
	if (unlikely(!isfinite(value)))
		ytd_report(YTD_NONFINITE, float8out_internal(value),
				   "Readings must be finite numbers.");
	st = ytd_add(s, month, value);
	if (unlikely(st == YTD_WIDEN))
	{
		/* a sum beyond 64 bits: the wide layout from now on */
		s = ytd_widen(s);
		st = ytd_add(s, month, value);
	}
	if (unlikely(st != YTD_OK))
	{
		char		detail[YTD_DETAIL_LEN];

		snprintf(detail, sizeof(detail),
				 st == YTD_RATE_ADDED ?
				 "Month %04d-%02d has a second reading of a rate." :
				 "The sum of month %04d-%02d overflows.",
				 month / 12, month % 12 + 1);
		ytd_report(st, float8out_internal(value), detail);
	}
	return s;
}

/* Shared body of the transition functions; rows with a NULL are skipped. */
static Datum
trans(FunctionCallInfo fcinfo, YtdKind kind)
{
	Ytd		   *s;

	if (PG_ARGISNULL(1) || PG_ARGISNULL(2))
	{
		if (PG_ARGISNULL(0))
			PG_RETURN_NULL();
		PG_RETURN_DATUM(PG_GETARG_DATUM(0));
	}
	s = add_reading(state_arg(fcinfo, true), kind, PG_GETARG_DATEADT(1), PG_GETARG_FLOAT8(2), -1);
	PG_RETURN_POINTER(s);
}

PG_FUNCTION_INFO_V1(ytd_monthly_trans);
/* ytd_agg(period, value): monthly readings. */
Datum
ytd_monthly_trans(PG_FUNCTION_ARGS)
{
	return trans(fcinfo, YTD_MONTHLY);
}

PG_FUNCTION_INFO_V1(ytd_cumulative_trans);
/* ytd_cumulative_agg(period, value): January-to-month readings. */
Datum
ytd_cumulative_trans(PG_FUNCTION_ARGS)
{
	return trans(fcinfo, YTD_CUMULATIVE);
}

PG_FUNCTION_INFO_V1(ytd_rate_trans);
/* ytd_rate_agg(period, value): one rate reading per month. */
Datum
ytd_rate_trans(PG_FUNCTION_ARGS)
{
	return trans(fcinfo, YTD_RATE);
}

PG_FUNCTION_INFO_V1(ytd_kind_trans);
/* ytd_agg(period, value, kind): the kind named on each row. */
Datum
ytd_kind_trans(PG_FUNCTION_ARGS)
{
	text	   *t;
	YtdKind		kind;

	if (PG_ARGISNULL(3))
		ereport(ERROR,
				(errcode(ERRCODE_NULL_VALUE_NOT_ALLOWED),
				 errmsg("ytd kind must not be null"),
				 errdetail("The kind is monthly, cumulative or rate.")));
	t = PG_GETARG_TEXT_PP(3);
	if (!ytd_kind_parse(VARDATA_ANY(t), VARSIZE_ANY_EXHDR(t), &kind))
		ereport(ERROR,
				(errcode(ERRCODE_INVALID_PARAMETER_VALUE),
				 errmsg("invalid ytd kind: \"%s\"", text_to_cstring(t)),
				 errdetail("The kind is monthly, cumulative or rate.")));
	return trans(fcinfo, kind);
}

PG_FUNCTION_INFO_V1(ytd_asof_trans);
/* One-step aggregates (period, value, as_of): monthly readings and as-of. */
Datum
ytd_asof_trans(PG_FUNCTION_ARGS)
{
	Ytd		   *s;
	int32		asof;
	YtdStatus	st;

	if (PG_ARGISNULL(1) || PG_ARGISNULL(2) || PG_ARGISNULL(3))
	{
		if (PG_ARGISNULL(0))
			PG_RETURN_NULL();
		PG_RETURN_DATUM(PG_GETARG_DATUM(0));
	}
	s = state_arg(fcinfo, true);
	/* a new state holds the years the final function reads (or the error below) */
	if (s != NULL || !ytd_day_month(PG_GETARG_DATEADT(3), &asof))
		asof = -1;
	s = add_reading(s, YTD_MONTHLY, PG_GETARG_DATEADT(1), PG_GETARG_FLOAT8(2), asof);
	st = ytd_set_asof(s, PG_GETARG_DATEADT(3));
	if (unlikely(st != YTD_OK))
		ytd_report(st, DatumGetCString(DirectFunctionCall1(date_out, PG_GETARG_DATUM(3))),
				   st == YTD_ASOF_MIX ?
				   "The rows of one group give as-of dates in different months." :
				   "Periods and as-of dates must fall in the years 1 to 9999.");
	PG_RETURN_POINTER(s);
}

PG_FUNCTION_INFO_V1(ytd_combine);
/* Combine function and rollup transition: merge the second state in. */
Datum
ytd_combine(PG_FUNCTION_ARGS)
{
	Ytd		   *a = state_arg(fcinfo, false);
	Ytd		   *b = PG_GETARG_YTD(1);
	int			base,
				nyears;
	YtdStatus	st = ytd_merge_check(a, b, &base, &nyears);

	if (st == YTD_SPAN)
	{
		/* a one-step state's empty as-of years do not count */
		a = drop_empty_years(a);
		b = drop_empty_years(b);
		st = ytd_merge_check(a, b, &base, &nyears);
	}
	if (st == YTD_KIND_MIX)
		report_kind_mix(a->kind, b->kind);
	if (st == YTD_SPAN)
		ytd_report(st, "", "The states merged would span more years than a state may.");
	if (st != YTD_OK)
		ytd_report(st, "", "The states merged give as-of dates in different months.");
	/* the common case: in place, so nodeAgg keeps the state without a copy */
	if (ytd_merge_fast(a, b))
		PG_RETURN_POINTER(a);
	if (YTD_IS_WIDE(b) && !YTD_IS_WIDE(a))
		a = ytd_widen(a);
	if (base != a->base_year || nyears != a->nyears)
		a = grow(a, base, nyears);
	if (!YTD_IS_WIDE(a))
	{
		/* merge into a copy: a sum beyond 64 bits means starting over wide */
		Ytd		   *c = grow(a, base, nyears);

		st = ytd_merge_into(c, b);
		if (st == YTD_WIDEN)
		{
			pfree(c);
			c = ytd_widen(a);
			st = ytd_merge_into(c, b);
		}
		a = c;
	}
	else
		st = ytd_merge_into(a, b);
	if (st != YTD_OK)
		ytd_report(st, "",
				   st == YTD_RATE_ADDED ?
				   "Two states hold a reading of a rate for the same month." :
				   "The sum of a month overflows.");
	PG_RETURN_POINTER(a);
}
