/*
 * ytd_text.c
 *		The text form of the year-to-date state, the checks every state
 *		passes (text and binary input alike), and building a state from
 *		readings.  Pure C: no PostgreSQL headers.
 *
 *		ytd     := kind [ "@" date ] "{" [ reading { "," reading } ] "}"
 *		kind    := monthly | cumulative | rate
 *		reading := YYYY-MM ":" number		(months strictly increasing)
 *		date    := YYYY-MM-DD
 *
 * White space is allowed between tokens.  A number stands for the decimal
 * it shows (exactly, if it has at most YTD_MAX_SCALE decimals and is below
 * about 1.7e20; else for the nearest double): the output writes each
 * month's exact sum without trailing zeros ("100.5"), a
 * month whose sum is not known as "inexact", and a non-decimal reading
 * alone in its month in the shortest form that reads back to the same
 * double.  The texts 0.1.0 and 0.2.0 wrote (float sums in their shortest
 * form) read as the decimals they show.
 */
#include "ytd_core.h"
#include "float_text.h"
#include "scan.h"

#include <errno.h>
#include <math.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

/* Record a failure's detail sentence and return the status. */
#define fail(sc, st, ...) (scan_detail((sc), __VA_ARGS__), (st))

/* Read an unsigned decimal integer of 1..maxd digits. */
static bool
scan_int(Scanner *sc, int maxd, int *v)
{
	int			n = 0;

	*v = 0;
	while (*sc->p >= '0' && *sc->p <= '9' && n < maxd)
		*v = *v * 10 + (*sc->p++ - '0'), n++;
	return n > 0 && !(*sc->p >= '0' && *sc->p <= '9');
}

/* Days in a month of the proleptic Gregorian calendar. */
static int
month_days(int y, int m)
{
	static const int days[] = {31, 28, 31, 30, 31, 30, 31, 31, 30, 31, 30, 31};
	bool		leap = (y % 4 == 0 && y % 100 != 0) || y % 400 == 0;

	return days[m - 1] + (m == 2 && leap);
}

/* Read YYYY-MM into a month number. */
static YtdStatus
scan_month(Scanner *sc, int32_t *month)
{
	int			y,
				m;

	if (!scan_int(sc, 4, &y) || *sc->p++ != '-' || !scan_int(sc, 2, &m))
		return fail(sc, YTD_SYNTAX, "A month is written YYYY-MM, e.g. 2024-09.");
	if (y < YTD_MIN_YEAR || m < 1 || m > 12)
		return fail(sc, YTD_SYNTAX, "A month is written YYYY-MM with a year from 1 to 9999 and a month from 01 to 12.");
	*month = y * 12 + (m - 1);
	return YTD_OK;
}

/* Read YYYY-MM-DD into a day number. */
static YtdStatus
scan_date(Scanner *sc, int32_t *day)
{
	int32_t		month;
	int			d;
	YtdStatus	st;

	if ((st = scan_month(sc, &month)) != YTD_OK)
		return st;
	if (*sc->p++ != '-' || !scan_int(sc, 2, &d) ||
		d < 1 || d > month_days(month / 12, month % 12 + 1))
		return fail(sc, YTD_SYNTAX, "The as-of date is written YYYY-MM-DD, e.g. 2024-09-30.");
	*day = ytd_ym_to_day(month / 12, month % 12 + 1, d);
	return YTD_OK;
}

/*
 * The exact decimal of the number text p..end (digits, point, exponent):
 * units x 10^-k with the fewest decimals.
 * False if it is not held as a decimal (see ytd_decimal_ok).
 */
static bool
text_decimal(const char *p, const char *end, ytd_i128 *units, int *k)
{
	ytd_u128	m = 0;
	int			e = 0,
				sig = 0;
	bool		neg = false,
				frac = false;

	if (p < end && (*p == '-' || *p == '+'))
		neg = (*p++ == '-');
	for (; p < end && ((*p >= '0' && *p <= '9') || *p == '.'); p++)
	{
		if (*p == '.')
		{
			frac = true;
			continue;
		}
		if (m == 0 && *p == '0')
		{
			e -= frac;
			continue;
		}
		if (++sig > 38)
			return false;
		m = m * 10 + (ytd_u128) (*p - '0');
		e -= frac;
	}
	if (p < end && (*p == 'e' || *p == 'E'))
	{
		long		x = strtol(p + 1, NULL, 10);

		if (x > 60 || x < -400)
			return false;
		e += (int) x;
	}
	while (e < 0 && m != 0 && m % 10 == 0)
		m /= 10, e++;			/* the fewest decimals: "1.50" is 1.5 */
	if (m == 0 && e < -YTD_MAX_SCALE)
		e = -YTD_MAX_SCALE;
	if (e > 0)
	{
		if (e > 38 || (m != 0 && m > (ytd_u128) ytd_p10x[38] / (ytd_u128) ytd_p10x[e]))
			return false;
		m *= (ytd_u128) ytd_p10x[e];
		e = 0;
	}
	if (!ytd_decimal_ok(m, -e))
		return false;
	*units = neg ? -(ytd_i128) m : (ytd_i128) m;
	*k = -e;
	return true;
}

/* Read a number (or "inexact"); NaN, infinities and overflow are out of range. */
static YtdStatus
scan_number(Scanner *sc, YtdReading *r)
{
	char	   *end;
	double		v;
	int			k;

	if (strncmp(sc->p, "inexact", 7) == 0)
	{
		sc->p += 7;
		r->what = YTD_INEXACT;
		r->value = 0;
		return YTD_OK;
	}
	if (!((*sc->p >= '0' && *sc->p <= '9') || *sc->p == '-' || *sc->p == '+' ||
		  *sc->p == '.' || *sc->p == 'n' || *sc->p == 'N' || *sc->p == 'i' || *sc->p == 'I'))
		return fail(sc, YTD_SYNTAX, "Expected a number after the month, such as 2024-09:125.5.");
	errno = 0;
	v = strtod(sc->p, &end);
	if (end == sc->p)
		return fail(sc, YTD_SYNTAX, "Expected a number after the month, such as 2024-09:125.5.");
	if (!isfinite(v) || (errno == ERANGE && fabs(v) > 1.0))
		return fail(sc, YTD_NONFINITE, "Readings must be finite numbers.");
	for (const char *c = sc->p; c < end; c++)
		if (!((*c >= '0' && *c <= '9') || *c == '.' || *c == 'e' || *c == 'E' ||
			  *c == '-' || *c == '+'))
			return fail(sc, YTD_SYNTAX, "Readings are decimal numbers, such as 2024-09:125.5.");
	r->value = v;
	if (text_decimal(sc->p, end, &r->units, &k))
	{
		r->what = YTD_DEC;
		r->scale = (uint8_t) k;
		r->carry = r->units < 0 ? -1 : 0;
	}
	else
		r->what = YTD_FLT;
	sc->p = end;
	return YTD_OK;
}

/* Read the kind word and an optional as-of date. */
static YtdStatus
scan_head(Scanner *sc, YtdHead *head)
{
	const char *w;
	YtdStatus	st;

	scan_skip_ws(sc);
	for (w = sc->p; *sc->p >= 'a' && *sc->p <= 'z'; sc->p++);
	if (!ytd_kind_parse(w, sc->p - w, &head->kind))
		return fail(sc, YTD_SYNTAX, "A ytd value starts with its kind: monthly, cumulative or rate.");
	scan_skip_ws(sc);
	if (*sc->p == '@')
	{
		sc->p++;
		scan_skip_ws(sc);
		if ((st = scan_date(sc, &head->asof)) != YTD_OK)
			return st;
		head->has_asof = true;
		scan_skip_ws(sc);
	}
	if (*sc->p++ != '{')
		return fail(sc, YTD_SYNTAX, "The readings follow the kind in braces, e.g. monthly{2024-01:10,2024-02:12}.");
	return YTD_OK;
}

/* Read one "YYYY-MM:number" reading. */
static YtdStatus
scan_reading(Scanner *sc, YtdReading *r)
{
	YtdStatus	st;

	scan_skip_ws(sc);
	if ((st = scan_month(sc, &r->month)) != YTD_OK)
		return st;
	scan_skip_ws(sc);
	if (*sc->p++ != ':')
		return fail(sc, YTD_SYNTAX, "A reading is written YYYY-MM:value, e.g. 2024-09:125.5.");
	scan_skip_ws(sc);
	memset(&r->what, 0, sizeof(*r) - offsetof(YtdReading, what));
	return scan_number(sc, r);
}

int
ytd_text_max_readings(const char *str)
{
	int			n = 1;

	for (; *str; str++)
		n += (*str == ':');
	return n;
}

YtdStatus
ytd_parse(const char *str, YtdHead *head, YtdReading *r, int maxr,
		  char *detail, size_t len)
{
	Scanner		sc = {str, detail, len};
	YtdStatus	st;
	char		excerpt[48];

	memset(head, 0, sizeof(*head));
	if ((st = scan_head(&sc, head)) != YTD_OK)
		return st;
	scan_skip_ws(&sc);
	while (*sc.p != '}')
	{
		if (head->nreadings > 0 && *sc.p++ != ',')
			return fail(&sc, YTD_SYNTAX, "Readings are separated by commas and end with \"}\".");
		if (head->nreadings >= maxr)
			return fail(&sc, YTD_SYNTAX, "Too many readings.");
		if ((st = scan_reading(&sc, &r[head->nreadings])) != YTD_OK)
			return st;
		head->nreadings++;
		scan_skip_ws(&sc);
	}
	sc.p++;
	scan_skip_ws(&sc);
	if (*sc.p != '\0')
		return fail(&sc, YTD_SYNTAX, "Unexpected text after the readings: \"%s\".",
					scan_excerpt(&sc, excerpt, sizeof(excerpt)));
	return ytd_check_readings(r, head->nreadings, detail, len);
}

YtdStatus
ytd_check_readings(const YtdReading *r, int n, char *detail, size_t len)
{
	Scanner		sc = {"", detail, len};

	for (int i = 0; i < n; i++)
	{
		if (r[i].month < 12 * YTD_MIN_YEAR || r[i].month >= 12 * (YTD_MAX_YEAR + 1))
			return fail(&sc, YTD_DATE_RANGE, "Months must fall in the years 1 to 9999.");
		if (r[i].what == YTD_FLT && !isfinite(r[i].value))
			return fail(&sc, YTD_NONFINITE, "Readings must be finite numbers.");
		if (r[i].what > YTD_INEXACT || (r[i].what == YTD_DEC && r[i].scale > YTD_MAX_SCALE))
			return fail(&sc, YTD_SYNTAX, "A reading is a decimal of at most 18 decimals, a float8 or inexact.");
		if (i > 0 && r[i].month <= r[i - 1].month)
			return fail(&sc, YTD_SYNTAX, "Months must be in increasing order, each at most once.");
	}
	if (n > 0 && r[n - 1].month / 12 - r[0].month / 12 >= YTD_MAX_SPAN)
		return fail(&sc, YTD_SPAN, "A state spans at most %d years, first to last; these readings span %04d to %04d.",
					YTD_MAX_SPAN, r[0].month / 12, r[n - 1].month / 12);
	return YTD_OK;
}

void
ytd_readings_range(const YtdReading *r, int n, int *base, int *nyears)
{
	*base = n > 0 ? r[0].month / 12 : 0;
	*nyears = n > 0 ? r[n - 1].month / 12 - r[0].month / 12 + 1 : 0;
}

YtdStatus
ytd_build(Ytd *s, const YtdHead *head, const YtdReading *r, int n, bool wide)
{
	int			base,
				nyears;

	ytd_readings_range(r, n, &base, &nyears);
	ytd_init(s, head->kind, base, nyears, wide);
	if (head->has_asof)
	{
		s->flags |= YTD_HAS_ASOF;
		s->asof = head->asof;
	}
	if (!ytd_rescale(s, head->scale))
		return YTD_WIDEN;
	for (int i = 0; i < n; i++)
	{
		YtdStatus	st = ytd_add_sum(s, &r[i]);

		if (st != YTD_OK)
			return st;
	}
	return YTD_OK;
}

size_t
ytd_text_len(const Ytd *s)
{
	/* kind, "@YYYY-MM-DD", braces, and per reading "YYYY-MM:" number "," */
	return 16 + 12 + 2 + (size_t) ytd_reading_count(s) * (8 + 64 + 1) + 1;
}

void
ytd_format(const Ytd *s, char *buf, size_t len)
{
	char	   *p = buf;
	char	   *end = buf + len;
	bool		first = true;

	p += snprintf(p, end - p, "%s", ytd_kind_name(s->kind));
	if (s->flags & YTD_HAS_ASOF)
	{
		int			y,
					m;
		int32_t		d0;

		ytd_day_to_ym(s->asof, &y, &m);
		d0 = ytd_ym_to_day(y, m, 1);
		p += snprintf(p, end - p, "@%04d-%02d-%02d", y, m, (int) (s->asof - d0) + 1);
	}
	p += snprintf(p, end - p, "{");
	for (int yi = 0; yi < s->nyears; yi++)
		for (int m = 0; m < 12; m++)
		{
			char		num[64];
			YtdReading	r;

			if (!(ytd_masks(s, yi)->mask & (1u << m)))
				continue;
			ytd_month_sum(s, (s->base_year + yi) * 12 + m, &r);
			if (r.what == YTD_DEC && ytd_acc_fits(r.carry, r.units))
			{
				/* the exact sum, without trailing zeros */
				int			l = ytd_dec_text(r.units, s->scale, num, sizeof(num));

				if (s->scale > 0)
				{
					while (num[l - 1] == '0')
						num[--l] = '\0';
					if (num[l - 1] == '.')
						num[--l] = '\0';
				}
			}
			else if (r.what == YTD_FLT)
				float_text(r.value, num, sizeof(num));
			else
				strcpy(num, "inexact");		/* or a sum beyond 128 bits */
			p += snprintf(p, end - p, "%s%04d-%02d:%s", first ? "" : ",",
						  s->base_year + yi, m + 1, num);
			first = false;
		}
	snprintf(p, end - p, "}");
}
