/*
 * ytd_io.c
 *		fmgr glue for the ytd type: text and binary input and output, and
 *		the error reporting shared with the aggregates.
 */
#include "postgres.h"

#include "fmgr.h"
#include "libpq/pqformat.h"
#include "utils/builtins.h"
#include "utils/date.h"

#include "ytd.h"

StaticAssertDecl(sizeof(YtdYear) == 104, "a year of the ytd state is 104 bytes");
StaticAssertDecl(offsetof(Ytd, years) == 16, "the ytd header is 16 bytes");

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

Ytd *
ytd_alloc(YtdKind kind, int base, int nyears)
{
	Ytd		   *s = palloc(YTD_SIZE(nyears));

	SET_VARSIZE(s, YTD_SIZE(nyears));
	ytd_init(s, kind, base, nyears);
	return s;
}

/* Build a state from checked readings, reporting errors against input. */
static Ytd *
ytd_from_readings(const YtdHead *head, const YtdReading *r, const char *input)
{
	int			base,
				nyears;
	Ytd		   *s;
	YtdStatus	st;

	ytd_readings_range(r, head->nreadings, &base, &nyears);
	s = ytd_alloc(head->kind, base, nyears);
	st = ytd_build(s, head, r, head->nreadings);
	ytd_report(st, input, "Readings must be finite numbers.");
	return s;
}

PG_FUNCTION_INFO_V1(ytd_in);
/* Text input: parse, check and build. */
Datum
ytd_in(PG_FUNCTION_ARGS)
{
	char	   *str = PG_GETARG_CSTRING(0);
	int			maxr = ytd_text_max_readings(str);
	YtdReading *r = palloc(sizeof(YtdReading) * maxr);
	YtdHead		head;
	char		detail[YTD_DETAIL_LEN];

	ytd_report(ytd_parse(str, &head, r, maxr, detail, sizeof(detail)), str, detail);
	PG_RETURN_POINTER(ytd_from_readings(&head, r, str));
}

PG_FUNCTION_INFO_V1(ytd_out);
/* Text output: the canonical form, which reads back to the same bytes. */
Datum
ytd_out(PG_FUNCTION_ARGS)
{
	Ytd		   *s = PG_GETARG_YTD(0);
	size_t		len = ytd_text_len(s);
	char	   *buf = palloc(len);

	ytd_format(s, buf, len);
	PG_RETURN_CSTRING(buf);
}

/* Raise the binary-format error with a detail sentence. */
static void
bad_binary(const char *detail)
{
	ytd_report(YTD_CORRUPT, "", detail);
}

PG_FUNCTION_INFO_V1(ytd_recv);
/* Binary input: kind, flags, as-of, count, then (month, value) pairs. */
Datum
ytd_recv(PG_FUNCTION_ARGS)
{
	StringInfo	buf = (StringInfo) PG_GETARG_POINTER(0);
	YtdHead		head = {0};
	int			kind = pq_getmsgbyte(buf);
	int			flags = pq_getmsgbyte(buf);
	YtdReading *r;
	char		detail[YTD_DETAIL_LEN];
	int32		month;

	head.asof = pq_getmsgint(buf, 4);
	head.nreadings = pq_getmsgint(buf, 4);
	if (kind < YTD_MONTHLY || kind > YTD_RATE)
		bad_binary("The kind must be 1 (monthly), 2 (cumulative) or 3 (rate).");
	if ((flags & ~YTD_FLAGS_ALL) != 0 || (!(flags & YTD_HAS_ASOF) && head.asof != 0))
		bad_binary("The flags hold an unknown bit, or an as-of date without its flag.");
	if ((flags & YTD_HAS_ASOF) && !ytd_day_month(head.asof, &month))
		bad_binary("The as-of date must fall in the years 1 to 9999.");
	if (head.nreadings < 0 || head.nreadings > (buf->len - buf->cursor) / 12)
		bad_binary("The reading count does not match the length of the message.");
	head.kind = (YtdKind) kind;
	head.has_asof = (flags & YTD_HAS_ASOF) != 0;
	r = palloc(sizeof(YtdReading) * Max(head.nreadings, 1));
	for (int i = 0; i < head.nreadings; i++)
	{
		r[i].month = pq_getmsgint(buf, 4);
		r[i].value = pq_getmsgfloat8(buf);
	}
	if (ytd_check_readings(r, head.nreadings, detail, sizeof(detail)) != YTD_OK)
		bad_binary(detail);
	PG_RETURN_POINTER(ytd_from_readings(&head, r, ""));
}

PG_FUNCTION_INFO_V1(ytd_send);
/* Binary output: the readings in month order, as ytd_recv reads them. */
Datum
ytd_send(PG_FUNCTION_ARGS)
{
	Ytd		   *s = PG_GETARG_YTD(0);
	YtdReading *r = palloc(sizeof(YtdReading) * Max(ytd_reading_count(s), 1));
	int			n = ytd_readings(s, r);
	StringInfoData buf;

	pq_begintypsend(&buf);
	pq_sendbyte(&buf, s->kind);
	pq_sendbyte(&buf, s->flags);
	pq_sendint32(&buf, s->asof);
	pq_sendint32(&buf, n);
	for (int i = 0; i < n; i++)
	{
		pq_sendint32(&buf, r[i].month);
		pq_sendfloat8(&buf, r[i].value);
	}
	PG_RETURN_BYTEA_P(pq_endtypsend(&buf));
}

PG_FUNCTION_INFO_V1(ytd_kind);
/* The kind of readings a state holds: monthly, cumulative or rate. */
Datum
ytd_kind(PG_FUNCTION_ARGS)
{
	PG_RETURN_TEXT_P(cstring_to_text(ytd_kind_name(PG_GETARG_YTD(0)->kind)));
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
