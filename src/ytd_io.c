/*
 * ytd_io.c
 *		fmgr glue for the ytd type's text and binary input and output.
 *		Allocation and error reporting, shared with the aggregates and
 *		accessors, are in ytd_glue.c.
 */
#include "postgres.h"

#include "fmgr.h"
#include "libpq/pqformat.h"
#include "utils/builtins.h"

#include "ytd_glue.h"

/* Build a state from checked readings, reporting errors against input. */
static Ytd *
ytd_from_readings(const YtdHead *head, const YtdReading *r, const char *input)
{
	int			base,
				nyears;
	Ytd		   *s;
	YtdStatus	st;

	ytd_readings_range(r, head->nreadings, &base, &nyears);
	s = ytd_alloc(head->kind, base, nyears, false);
	st = ytd_build(s, head, r, head->nreadings, false);
	if (st == YTD_WIDEN)
	{
		pfree(s);
		s = ytd_alloc(head->kind, base, nyears, true);
		st = ytd_build(s, head, r, head->nreadings, true);
	}
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
/*
 * Binary input: kind, flags, as-of, count, then the months.  Format 2
 * (flags with YTD_EXACT): a scale byte, then per month its number, a byte
 * YtdWhat and for YTD_DEC the 160-bit sum (int32 high, int64 middle, int64
 * low word), for YTD_FLT a float8.  Format 1 (0.1.0, 0.2.0): (month, float8)
 * pairs, each read as the decimal of its shortest text.
 */
Datum
ytd_recv(PG_FUNCTION_ARGS)
{
	StringInfo	buf = (StringInfo) PG_GETARG_POINTER(0);
	YtdHead		head = {0};
	int			kind = pq_getmsgbyte(buf);
	int			flags = pq_getmsgbyte(buf);
	int			scale = 0;
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
	if (flags & YTD_EXACT)
	{
		scale = pq_getmsgbyte(buf);
		if (scale > YTD_MAX_SCALE)
			bad_binary("The scale must be from 0 to 18.");
	}
	if (head.nreadings < 0 ||
		head.nreadings > (buf->len - buf->cursor) / ((flags & YTD_EXACT) ? 5 : 12))
		bad_binary("The reading count does not match the length of the message.");
	head.kind = (YtdKind) kind;
	head.has_asof = (flags & YTD_HAS_ASOF) != 0;
	head.scale = scale;
	r = palloc0(sizeof(YtdReading) * Max(head.nreadings, 1));
	for (int i = 0; i < head.nreadings; i++)
	{
		if (buf->len - buf->cursor < ((flags & YTD_EXACT) ? 5 : 12))
			bad_binary("The reading count does not match the length of the message.");
		r[i].month = pq_getmsgint(buf, 4);
		if (!(flags & YTD_EXACT))
		{
			ytd_i128	n;
			int			k;

			r[i].value = pq_getmsgfloat8(buf);
			if (ytd_decimal(r[i].value, 0, &n, &k))
			{
				r[i].what = YTD_DEC;
				r[i].units = n;
				r[i].carry = n < 0 ? -1 : 0;
				r[i].scale = (uint8) k;
			}
			else
				r[i].what = YTD_FLT;
			continue;
		}
		r[i].what = pq_getmsgbyte(buf);
		r[i].scale = (uint8) scale;
		if (buf->len - buf->cursor < (r[i].what == YTD_DEC ? 20 : r[i].what == YTD_FLT ? 8 : 0))
			bad_binary("The reading count does not match the length of the message.");
		if (r[i].what == YTD_DEC)
		{
			uint64		mid,
						lo;

			r[i].carry = (int32) pq_getmsgint(buf, 4);
			mid = pq_getmsgint64(buf);
			lo = pq_getmsgint64(buf);
			r[i].units = (ytd_i128) (((ytd_u128) mid << 64) | lo);
		}
		else if (r[i].what == YTD_FLT)
			r[i].value = pq_getmsgfloat8(buf);
	}
	if (ytd_check_readings(r, head.nreadings, detail, sizeof(detail)) != YTD_OK)
		bad_binary(detail);
	PG_RETURN_POINTER(ytd_from_readings(&head, r, ""));
}

PG_FUNCTION_INFO_V1(ytd_send);
/* Binary output: format 2, the months in order, as ytd_recv reads them. */
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
	pq_sendbyte(&buf, s->scale);
	for (int i = 0; i < n; i++)
	{
		pq_sendint32(&buf, r[i].month);
		pq_sendbyte(&buf, r[i].what);
		if (r[i].what == YTD_DEC)
		{
			pq_sendint32(&buf, r[i].carry);
			pq_sendint64(&buf, (int64) (uint64) ((ytd_u128) r[i].units >> 64));
			pq_sendint64(&buf, (int64) (uint64) (ytd_u128) r[i].units);
		}
		else if (r[i].what == YTD_FLT)
			pq_sendfloat8(&buf, r[i].value);
	}
	PG_RETURN_BYTEA_P(pq_endtypsend(&buf));
}
