/*
 * ytd_glue.c
 *		fmgr glue shared by the ytd type's I/O, aggregates and accessors
 *		(ytd_io.c, ytd_agg.c, ytd_access.c, arith.c): a stored value in
 *		the current format, allocation of the varlena, dates as months and
 *		the errors of the pure core's results (ytd_core.c).
 */
#include "postgres.h"

#include "fmgr.h"
#include "utils/builtins.h"
#include "utils/date.h"

#include "ytd_glue.h"

StaticAssertDecl(sizeof(YtdYear) == 224, "a wide year of the ytd state is 224 bytes");
StaticAssertDecl(sizeof(YtdYearN) == 104, "a narrow year of the ytd state is 104 bytes");
StaticAssertDecl(offsetof(Ytd, years) == 24, "the ytd header is 24 bytes");
StaticAssertDecl(sizeof(YtdYearV1) == 104, "a year of the format-1 ytd state is 104 bytes");
StaticAssertDecl(offsetof(YtdV1, years) == 16, "the format-1 ytd header is 16 bytes");

/*
 * The value in the current format: format-1 values (0.1.0 and 0.2.0 wrote
 * them; no YTD_EXACT flag) are converted, each month's float8 sum read as
 * the decimal of its shortest text.
 */
Ytd *
ytd_current(struct varlena *v)
{
	const YtdV1 *v1 = (const YtdV1 *) v;
	Ytd		   *s;

	if (((const Ytd *) v)->flags & YTD_EXACT)
		return (Ytd *) v;
	if (VARSIZE(v) != YTD_V1_SIZE(v1->nyears) || v1->kind < YTD_MONTHLY ||
		v1->kind > YTD_RATE || (v1->flags & ~YTD_HAS_ASOF) != 0)
		ytd_report(YTD_CORRUPT, "", "A stored ytd value has neither the current layout nor that of 0.1.0 and 0.2.0.");
	s = ytd_alloc((YtdKind) v1->kind, v1->base_year, v1->nyears, false);
	if (ytd_from_v1(s, v1, false) == YTD_WIDEN)
	{
		pfree(s);
		s = ytd_alloc((YtdKind) v1->kind, v1->base_year, v1->nyears, true);
		(void) ytd_from_v1(s, v1, true);
	}
	return s;
}

/* Raise the error that matches a core result; input names the offending value. */
void
ytd_report(YtdStatus st, const char *input, const char *detail)
{
	switch (st)
	{
		case YTD_OK:
			return;
		case YTD_SYNTAX:
			ereport(ERROR,
					(errcode(ERRCODE_INVALID_TEXT_REPRESENTATION),
					 errmsg("invalid input syntax for type ytd: \"%s\"", input),
					 errdetail("%s", detail)));
			break;
		case YTD_NONFINITE:
			ereport(ERROR,
					(errcode(ERRCODE_NUMERIC_VALUE_OUT_OF_RANGE),
					 *input ? errmsg("ytd reading out of range: \"%s\"", input) :
					 errmsg("ytd reading out of range"),
					 errdetail("%s", detail)));
			break;
		case YTD_DATE_RANGE:
			ereport(ERROR,
					(errcode(ERRCODE_DATETIME_VALUE_OUT_OF_RANGE),
					 errmsg("date out of range for ytd: \"%s\"", input),
					 errdetail("%s", detail)));
			break;
		case YTD_RATE_ADDED:
			ereport(ERROR,
					(errcode(ERRCODE_INVALID_PARAMETER_VALUE),
					 errmsg("rates cannot be added"),
					 errdetail("%s", detail),
					 errhint("Aggregate a rate with one reading per month per group, or roll up the values the rate is computed from.")));
			break;
		case YTD_KIND_MIX:
			ereport(ERROR,
					(errcode(ERRCODE_INVALID_PARAMETER_VALUE),
					 errmsg("cannot mix ytd kinds in one state"),
					 errdetail("%s", detail)));
			break;
		case YTD_ASOF_MIX:
			ereport(ERROR,
					(errcode(ERRCODE_INVALID_PARAMETER_VALUE),
					 errmsg("as_of must fall in one month for the whole group"),
					 errdetail("%s", detail)));
			break;
		case YTD_WIDEN:
			elog(ERROR, "ytd state not widened");	/* the glue widens first */
			break;
		case YTD_CORRUPT:
			ereport(ERROR,
					(errcode(ERRCODE_INVALID_BINARY_REPRESENTATION),
					 errmsg("invalid binary value for type ytd"),
					 errdetail("%s", detail)));
			break;
		case YTD_SPAN:
			ereport(ERROR,
					(errcode(ERRCODE_PROGRAM_LIMIT_EXCEEDED),
					 errmsg("ytd state would span more than %d years", YTD_MAX_SPAN),
					 errdetail("%s", detail),
					 errhint("Keep the readings of one state within %d years, first to last.", YTD_MAX_SPAN)));
			break;
	}
}

/* A new state of nyears years from base, in the current memory context. */
Ytd *
ytd_alloc(YtdKind kind, int base, int nyears, bool wide)
{
	Ytd		   *s = palloc(YTD_SIZE(nyears, wide));

	SET_VARSIZE(s, YTD_SIZE(nyears, wide));
	ytd_init(s, kind, base, nyears, wide);
	return s;
}

/* The wide copy of a narrow state, in the current memory context. */
Ytd *
ytd_widen(const Ytd *s)
{
	Ytd		   *w = palloc(YTD_SIZE(s->nyears, true));

	SET_VARSIZE(w, YTD_SIZE(s->nyears, true));
	ytd_widen_into(w, s);
	return w;
}

/* The month number of a date, or an error naming the date. */
int32
ytd_date_month(DateADT d)
{
	int32		month = 0;

	if (!ytd_day_month(d, &month))
		ytd_report(YTD_DATE_RANGE,
				   DatumGetCString(DirectFunctionCall1(date_out, DateADTGetDatum(d))),
				   "Periods and as-of dates must fall in the years 1 to 9999.");
	return month;
}

/* Year-to-date sums need flows: monthly or cumulative readings. */
void
ytd_need_flow(const Ytd *s, const char *fn)
{
	if (s->kind == YTD_RATE)
		ereport(ERROR,
				(errcode(ERRCODE_INVALID_PARAMETER_VALUE),
				 errmsg("rates cannot be added"),
				 errdetail("%s sums months, and a rate of several months is not their sum.", fn),
				 errhint("Use ytd_level or ytd_change for rates.")));
}
