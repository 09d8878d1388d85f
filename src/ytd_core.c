/*
 * ytd_core.c
 *		The year-to-date state: calendar, adding readings, merging and the
 *		accessors' arithmetic.  Pure C: no PostgreSQL headers.
 *
 * Coverage rules (when a comparison can be made, as of month M of year Y):
 *	- year-to-date value of monthly readings: every month 1..M of the year has
 *	  a reading, except that a missing January beside a present February is
 *	  the January-February convention (the February figure covers both) and
 *	  not a gap;
 *	- year-to-date value of cumulative readings: month M has a reading (it
 *	  already covers January..M);
 *	- level (stocks and rates): month M has a reading.
 * A comparison needs the rule to hold in Y and in Y-1.
 */
#include "ytd_core.h"

#include <math.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "common/shortest_dec.h"

#define P10(n) ((ytd_i128) n##ULL)
#define E19 ((ytd_i128) 10000000000000000000ULL)
const ytd_i128 ytd_p10x[39] = {
	P10(1), P10(10), P10(100), P10(1000), P10(10000), P10(100000), P10(1000000),
	P10(10000000), P10(100000000), P10(1000000000), P10(10000000000),
	P10(100000000000), P10(1000000000000), P10(10000000000000),
	P10(100000000000000), P10(1000000000000000), P10(10000000000000000),
	P10(100000000000000000), P10(1000000000000000000), E19,
	E19 * 10, E19 * 100, E19 * 1000, E19 * 10000, E19 * 100000, E19 * 1000000,
	E19 * 10000000, E19 * 100000000, E19 * 1000000000, E19 * 10000000000,
	E19 * 100000000000, E19 * 1000000000000, E19 * 10000000000000,
	E19 * 100000000000000, E19 * 1000000000000000, E19 * 10000000000000000,
	E19 * 100000000000000000, E19 * 1000000000000000000, E19 * E19
};

/* 2^127 / 10^18, the largest magnitude held as a decimal (about 1.7e20). */
#define DEC_LIMIT (((ytd_u128) 1 << 127) / (ytd_u128) ytd_p10x[YTD_MAX_SCALE])

bool
ytd_decimal_ok(ytd_u128 mag, int k)
{
	if (k < 0 || k > YTD_MAX_SCALE)
		return false;
	/* mag x 10^-k < DEC_LIMIT, i.e. mag < DEC_LIMIT x 10^k (no overflow: <= 2^127) */
	return mag / (ytd_u128) ytd_p10x[k] < DEC_LIMIT;
}

/*
 * The slow path of ytd_decimal: the shortest digits (Ryu, as float8out)
 * m x 10^e; held if they need at most YTD_MAX_SCALE decimals and are below
 * DEC_LIMIT.  Trailing zeros are dropped, so k is the fewest decimals.
 */
bool
ytd_decimal_slow(double x, ytd_i128 *n, int *k)
{
	char		buf[DOUBLE_SHORTEST_DECIMAL_LEN];
	const char *p = buf;
	ytd_u128	m = 0;
	int			e = 0,
				digits = 0;
	bool		neg = false,
				frac = false;

	if (!isfinite(x))
		return false;
	double_to_shortest_decimal_buf(x, buf);
	if (*p == '-')
		neg = true, p++;
	for (; (*p >= '0' && *p <= '9') || *p == '.'; p++)
	{
		if (*p == '.')
			frac = true;
		else if (digits++ < 30)
		{
			m = m * 10 + (ytd_u128) (*p - '0');
			e -= frac;
		}
	}
	if (*p == 'e')
		e += atoi(p + 1);
	while (m != 0 && m % 10 == 0)
		m /= 10, e++;
	if (m == 0)
		e = 0;
	if (e > 0)
	{
		if (e > 21)
			return false;
		m *= (ytd_u128) ytd_p10x[e];	/* m < 10^17: below 10^38 */
		e = 0;
	}
	if (!ytd_decimal_ok(m, -e))
		return false;
	*n = neg ? -(ytd_i128) m : (ytd_i128) m;
	*k = -e;
	return true;
}

bool
ytd_acc_mul10(int32_t *carry, ytd_i128 *units, int d)
{
	bool		neg = *carry < 0;
	ytd_u128	lo = (ytd_u128) *units;
	uint64_t	hi = (uint64_t) (int64_t) *carry;
	uint64_t	p = (uint64_t) ytd_p10x[d];
	ytd_u128	t0,
				t1,
				t2;
	uint64_t	l0,
				l1,
				l2;

	if (d == 0)
		return true;
	if (neg)
	{
		/* negate the 192-bit two's complement value hi:lo */
		lo = ~lo + 1;
		hi = ~hi + (lo == 0);
	}
	l0 = (uint64_t) lo;
	l1 = (uint64_t) (lo >> 64);
	l2 = hi;
	t0 = (ytd_u128) l0 * p;
	t1 = (ytd_u128) l1 * p + (t0 >> 64);
	t2 = (ytd_u128) l2 * p + (t1 >> 64);
	if (t2 > (ytd_u128) INT32_MAX)
		return false;
	lo = ((ytd_u128) (uint64_t) t1 << 64) | (uint64_t) t0;
	hi = (uint64_t) t2;
	if (neg)
	{
		lo = ~lo + 1;
		hi = ~hi + (lo == 0);
	}
	*units = (ytd_i128) lo;
	*carry = (int32_t) (int64_t) hi;
	return true;
}

int
ytd_dec_text(ytd_i128 units, int scale, char *buf, size_t len)
{
	char		tmp[48];
	int			n = 0,
				o = 0;
	ytd_u128	mag = units < 0 ? -(ytd_u128) units : (ytd_u128) units;

	do
	{
		tmp[n++] = (char) ('0' + (int) (mag % 10));
		mag /= 10;
	} while (mag != 0 || n <= scale);
	if (units < 0 && o < (int) len - 1)
		buf[o++] = '-';
	while (n > 0 && o < (int) len - 1)
	{
		if (n == scale)
			buf[o++] = '.';
		buf[o++] = tmp[--n];
	}
	buf[o] = '\0';
	return o;
}

double
ytd_dec_to_double(ytd_i128 units, int scale)
{
	char		buf[64];
	int			n;

	if (units > -((ytd_i128) 1 << 53) && units < ((ytd_i128) 1 << 53))
		return (double) (int64_t) units / float_exact_p10[scale];
	/* strtod rounds correctly */
	n = ytd_dec_text(units, 0, buf, sizeof(buf) - 8);
	snprintf(buf + n, sizeof(buf) - n, "e-%d", scale);
	return strtod(buf, NULL);
}

bool
ytd_rescale(Ytd *s, int k)
{
	int			d = k - s->scale;

	if (d <= 0)
		return true;
	if (!YTD_IS_WIDE(s))
	{
		int64_t		p = (int64_t) ytd_p10x[d];
		int64_t		r;

		/* all or nothing: check every sum first */
		for (int yi = 0; yi < s->nyears; yi++)
		{
			YtdYearN   *y = (YtdYearN *) ytd_masks(s, yi);

			for (int m = 0; m < 12; m++)
				if ((y->mk.mask & ~(y->mk.flt | y->mk.inexact) & (1u << m)) &&
					__builtin_mul_overflow(y->units[m], p, &r))
					return false;
		}
		for (int yi = 0; yi < s->nyears; yi++)
		{
			YtdYearN   *y = (YtdYearN *) ytd_masks(s, yi);

			for (int m = 0; m < 12; m++)
				if (y->mk.mask & ~(y->mk.flt | y->mk.inexact) & (1u << m))
					y->units[m] *= p;
		}
		s->scale = (uint8_t) k;
		return true;
	}
	for (int yi = 0; yi < s->nyears; yi++)
	{
		YtdYear    *y = &s->years[yi];

		for (int m = 0; m < 12; m++)
		{
			uint16_t	bit = (uint16_t) (1u << m);
			int32_t		c = y->carry[m];

			if (!(y->mk.mask & bit) || ((y->mk.flt | y->mk.inexact) & bit))
				continue;
			if (!ytd_acc_mul10(&c, &y->units[m], d) || c != (int16_t) c)
				ytd_make_inexact(s, yi, m);		/* beyond 144 bits */
			else
				y->carry[m] = (int16_t) c;
		}
	}
	s->scale = (uint8_t) k;
	return true;
}

void
ytd_make_inexact(Ytd *s, int yi, int m)
{
	YtdMasks   *mk = ytd_masks(s, yi);
	uint16_t	bit = (uint16_t) (1u << m);

	mk->mask |= bit;
	mk->inexact |= bit;
	mk->flt &= (uint16_t) ~bit;
	if (YTD_IS_WIDE(s))
	{
		s->years[yi].carry[m] = 0;
		s->years[yi].units[m] = 0;
	}
	else
		((YtdYearN *) mk)->units[m] = 0;
}

void
ytd_widen_into(Ytd *dst, const Ytd *src)
{
	int32_t		vl = dst->vl_len_;

	memcpy(dst, src, offsetof(Ytd, years));
	dst->vl_len_ = vl;
	dst->flags |= YTD_WIDE;
	for (int yi = 0; yi < src->nyears; yi++)
	{
		const YtdYearN *n = (const YtdYearN *) ytd_masks(src, yi);
		YtdYear    *w = &dst->years[yi];

		memset(w, 0, sizeof(*w));
		w->mk = n->mk;
		for (int m = 0; m < 12; m++)
		{
			if (n->mk.flt & (1u << m))
				memcpy(&w->units[m], &n->units[m], sizeof(double));
			else
			{
				w->units[m] = n->units[m];
				w->carry[m] = n->units[m] < 0 ? -1 : 0;
			}
		}
	}
}

/* Keep a float8 in month m of year yi, which has no reading yet. */
static void
set_flt(Ytd *s, int yi, int m, double v)
{
	YtdMasks   *mk = ytd_masks(s, yi);

	mk->mask |= (uint16_t) (1u << m);
	mk->flt |= (uint16_t) (1u << m);
	if (YTD_IS_WIDE(s))
	{
		s->years[yi].carry[m] = 0;
		s->years[yi].units[m] = 0;
		memcpy(&s->years[yi].units[m], &v, sizeof(double));
	}
	else
		memcpy(&((YtdYearN *) mk)->units[m], &v, sizeof(double));
}

/* The float8 kept in a flt month. */
static double
get_flt(const Ytd *s, int yi, int m)
{
	double		v;

	if (YTD_IS_WIDE(s))
		memcpy(&v, &s->years[yi].units[m], sizeof(double));
	else
		memcpy(&v, &((const YtdYearN *) ytd_masks(s, yi))->units[m], sizeof(double));
	return v;
}

/* Add a decimal sum carry:units at s's scale to month m of year yi (no flt, inexact). */
static YtdStatus
add_dec(Ytd *s, int yi, int m, int32_t carry, ytd_i128 units)
{
	YtdMasks   *mk = ytd_masks(s, yi);

	if (!YTD_IS_WIDE(s))
	{
		YtdYearN   *y = (YtdYearN *) mk;
		int64_t		r;

		if (!ytd_acc_fits(carry, units) || units < INT64_MIN || units > INT64_MAX ||
			__builtin_add_overflow(y->units[m], (int64_t) units, &r))
			return YTD_WIDEN;
		y->units[m] = r;
		mk->mask |= (uint16_t) (1u << m);
		return YTD_OK;
	}
	mk->mask |= (uint16_t) (1u << m);
	ytd_acc_add(s, yi, m, carry, units);
	return YTD_OK;
}

YtdStatus
ytd_add_slow(Ytd *s, int32_t month, double value)
{
	int			yi = month / 12 - s->base_year;
	YtdMasks   *mk = ytd_masks(s, yi);
	int			m = month % 12;
	uint16_t	bit = (uint16_t) (1u << m);
	ytd_i128	n;
	int			k;
	bool		dec;

	if (!isfinite(value))
		return YTD_NONFINITE;
	dec = ytd_decimal(value, 0, &n, &k);
	/* the scale counts every decimal reading */
	if (dec && !ytd_rescale(s, k))
		return YTD_WIDEN;
	if (!(mk->mask & bit))
	{
		if (!dec)
		{
			set_flt(s, yi, m, value);
			return YTD_OK;
		}
		n *= ytd_p10x[s->scale - k];
		return add_dec(s, yi, m, n < 0 ? -1 : 0, n);
	}
	if (dec && !((mk->flt | mk->inexact) & bit))
	{
		n *= ytd_p10x[s->scale - k];
		return add_dec(s, yi, m, n < 0 ? -1 : 0, n);
	}
	ytd_make_inexact(s, yi, m);
	return YTD_OK;
}

YtdStatus
ytd_add_sum(Ytd *s, const YtdReading *r)
{
	int			yi = r->month / 12 - s->base_year;
	YtdMasks   *mk = ytd_masks(s, yi);
	int			m = r->month % 12;
	uint16_t	bit = (uint16_t) (1u << m);
	bool		had = (mk->mask & bit) != 0;
	int32_t		carry = r->carry;
	ytd_i128	units = r->units;

	if (had && s->kind == YTD_RATE)
		return YTD_RATE_ADDED;
	if (r->what == YTD_DEC)
	{
		if (!ytd_rescale(s, r->scale))
			return YTD_WIDEN;
		if (!ytd_acc_mul10(&carry, &units, s->scale - r->scale) || carry != (int16_t) carry)
		{
			if (!YTD_IS_WIDE(s))
				return YTD_WIDEN;
			ytd_make_inexact(s, yi, m);
			return YTD_OK;
		}
		if (mk->inexact & bit)
			return YTD_OK;		/* stays inexact */
		if (mk->flt & bit)
		{
			ytd_make_inexact(s, yi, m);		/* a non-decimal and more */
			return YTD_OK;
		}
		return add_dec(s, yi, m, carry, units);
	}
	if (r->what == YTD_FLT && !had)
	{
		if (!isfinite(r->value))
			return YTD_NONFINITE;
		set_flt(s, yi, m, r->value);
		return YTD_OK;
	}
	ytd_make_inexact(s, yi, m);
	return YTD_OK;
}

void
ytd_month_sum(const Ytd *s, int32_t month, YtdReading *r)
{
	int			yi = month / 12 - s->base_year;
	const YtdMasks *y = ytd_masks(s, yi);
	int			m = month % 12;
	uint16_t	bit = (uint16_t) (1u << m);

	memset(r, 0, sizeof(*r));
	r->month = month;
	r->scale = s->scale;
	if (y->inexact & bit)
	{
		r->what = YTD_INEXACT;
		r->value = NAN;
	}
	else if (y->flt & bit)
	{
		r->what = YTD_FLT;
		r->value = get_flt(s, yi, m);
	}
	else
	{
		r->what = YTD_DEC;
		if (YTD_IS_WIDE(s))
		{
			r->carry = s->years[yi].carry[m];
			r->units = s->years[yi].units[m];
		}
		else
		{
			r->units = ((const YtdYearN *) y)->units[m];
			r->carry = r->units < 0 ? -1 : 0;
		}
		r->value = ytd_acc_fits(r->carry, r->units) ?
			ytd_dec_to_double(r->units, s->scale) : NAN;
	}
}

YtdStatus
ytd_from_v1(Ytd *dst, const YtdV1 *v1, bool wide)
{
	ytd_init(dst, (YtdKind) v1->kind, v1->base_year, v1->nyears, wide);
	dst->flags |= v1->flags & YTD_HAS_ASOF;
	dst->asof = v1->asof;
	for (int yi = 0; yi < v1->nyears; yi++)
		for (int m = 0; m < 12; m++)
			if (v1->years[yi].mask & (1u << m))
			{
				YtdStatus	st = ytd_add(dst, (v1->base_year + yi) * 12 + m, v1->years[yi].v[m]);

				if (st == YTD_WIDEN)
					return st;
			}
	return YTD_OK;
}

static const char *const kind_names[] = {NULL, "monthly", "cumulative", "rate"};

/* Days from 1970-01-01 to 2000-01-01, the origin of our day numbers. */
#define UNIX_TO_2000 10957

void
ytd_day_to_ym(int32_t day, int *year, int *month)
{
	int64_t		z = (int64_t) day + UNIX_TO_2000 + 719468;
	int64_t		era = (z >= 0 ? z : z - 146096) / 146097;
	int64_t		doe = z - era * 146097;
	int64_t		yoe = (doe - doe / 1460 + doe / 36524 - doe / 146096) / 365;
	int64_t		doy = doe - (365 * yoe + yoe / 4 - yoe / 100);
	int64_t		mp = (5 * doy + 2) / 153;
	int			m = (int) (mp < 10 ? mp + 3 : mp - 9);

	*year = (int) (yoe + era * 400 + (m <= 2));
	*month = m;
}

int32_t
ytd_ym_to_day(int year, int month, int mday)
{
	int64_t		y = year - (month <= 2);
	int64_t		era = (y >= 0 ? y : y - 399) / 400;
	int64_t		yoe = y - era * 400;
	int64_t		doy = (153 * (month > 2 ? month - 3 : month + 9) + 2) / 5 + mday - 1;
	int64_t		doe = yoe * 365 + yoe / 4 - yoe / 100 + doy;

	return (int32_t) (era * 146097 + doe - 719468 - UNIX_TO_2000);
}

bool
ytd_day_month_fill(YtdMonthCache *c, int32_t day, int32_t *month)
{
	int32_t		m;

	if (!ytd_day_month(day, &m))
		return false;
	c->first = ytd_ym_to_day(m / 12, m % 12 + 1, 1);
	c->last = ytd_ym_to_day((m + 1) / 12, (m + 1) % 12 + 1, 1) - 1;
	c->month = m;
	*month = m;
	return true;
}

const char *
ytd_kind_name(int kind)
{
	return kind_names[kind];
}

bool
ytd_kind_parse(const char *s, size_t len, YtdKind *kind)
{
	for (int k = YTD_MONTHLY; k <= YTD_RATE; k++)
	{
		if (strlen(kind_names[k]) == len && memcmp(s, kind_names[k], len) == 0)
		{
			*kind = (YtdKind) k;
			return true;
		}
	}
	return false;
}

void
ytd_init(Ytd *s, YtdKind kind, int base_year, int nyears, bool wide)
{
	int32_t		vl = s->vl_len_;

	memset(s, 0, YTD_SIZE(nyears, wide));
	s->vl_len_ = vl;
	s->kind = (uint8_t) kind;
	s->flags = YTD_EXACT | (wide ? YTD_WIDE : 0);
	s->nyears = (uint16_t) nyears;
	s->base_year = nyears > 0 ? base_year : 0;
}

void
ytd_grown_range(const Ytd *s, int32_t month, int *base, int *nyears)
{
	int			y = month / 12;
	int			lo = s->nyears > 0 && s->base_year < y ? s->base_year : y;
	int			hi = s->nyears > 0 && s->base_year + s->nyears - 1 > y ?
		s->base_year + s->nyears - 1 : y;

	*base = lo;
	*nyears = hi - lo + 1;
}

void
ytd_copy_into(Ytd *dst, const Ytd *src, int base, int nyears)
{
	ytd_init(dst, (YtdKind) src->kind, base, nyears, YTD_IS_WIDE(src));
	dst->flags = src->flags;
	dst->asof = src->asof;
	dst->scale = src->scale;
	if (src->nyears > 0)
		memcpy(ytd_masks(dst, src->base_year - base), src->years,
			   YTD_SIZE(src->nyears, YTD_IS_WIDE(src)) - offsetof(Ytd, years));
}

bool
ytd_held_range(const Ytd *s, int *base, int *nyears)
{
	int			lo = -1,
				hi = -1;

	for (int yi = 0; yi < s->nyears; yi++)
		if (ytd_masks(s, yi)->mask != 0)
		{
			if (lo < 0)
				lo = yi;
			hi = yi;
		}
	if (lo < 0)
		return false;
	*base = s->base_year + lo;
	*nyears = hi - lo + 1;
	return true;
}

void
ytd_copy_held(Ytd *dst, const Ytd *src)
{
	size_t		ysize = YTD_IS_WIDE(src) ? sizeof(YtdYear) : sizeof(YtdYearN);

	dst->flags = src->flags;
	dst->asof = src->asof;
	dst->scale = src->scale;
	for (int y = dst->base_year; y < dst->base_year + dst->nyears; y++)
		if (y >= src->base_year && y < src->base_year + src->nyears)
			memcpy(ytd_masks(dst, y - dst->base_year), ytd_masks(src, y - src->base_year), ysize);
}

YtdStatus
ytd_set_asof(Ytd *s, int32_t day)
{
	int32_t		had,
				now;

	if (!(s->flags & YTD_HAS_ASOF))
	{
		if (!ytd_day_month(day, &now))
			return YTD_DATE_RANGE;
		s->flags |= YTD_HAS_ASOF;
		s->asof = day;
		return YTD_OK;
	}
	if (s->asof == day)
		return YTD_OK;
	if (!ytd_day_month(s->asof, &had) || !ytd_day_month(day, &now))
		return YTD_DATE_RANGE;
	return had == now ? YTD_OK : YTD_ASOF_MIX;
}

YtdStatus
ytd_merge_check(const Ytd *a, const Ytd *b, int *base, int *nyears)
{
	int			lo,
				hi;

	if (a->kind != b->kind)
		return YTD_KIND_MIX;
	if ((a->flags & YTD_HAS_ASOF) != (b->flags & YTD_HAS_ASOF))
		return YTD_ASOF_MIX;
	if ((a->flags & YTD_HAS_ASOF) && a->asof != b->asof)
	{
		int32_t		ma,
					mb;

		if (!ytd_day_month(a->asof, &ma) || !ytd_day_month(b->asof, &mb) || ma != mb)
			return YTD_ASOF_MIX;
	}
	if (a->nyears == 0 || b->nyears == 0)
	{
		const Ytd  *c = a->nyears ? a : b;

		*base = c->base_year;
		*nyears = c->nyears;
		return YTD_OK;
	}
	lo = a->base_year < b->base_year ? a->base_year : b->base_year;
	hi = a->base_year + a->nyears > b->base_year + b->nyears ?
		a->base_year + a->nyears : b->base_year + b->nyears;
	*base = lo;
	*nyears = hi - lo;
	return *nyears > YTD_MAX_SPAN ? YTD_SPAN : YTD_OK;
}

YtdStatus
ytd_merge_into(Ytd *dst, const Ytd *src)
{
	if (!ytd_rescale(dst, src->scale))
		return YTD_WIDEN;
	for (int yi = 0; yi < src->nyears; yi++)
	{
		const YtdMasks *y = ytd_masks(src, yi);
		int32_t		first = (src->base_year + yi) * 12;

		for (int m = 0; m < 12; m++)
		{
			YtdReading	r;
			YtdStatus	st;

			if (!(y->mask & (1u << m)))
				continue;
			ytd_month_sum(src, first + m, &r);
			if ((st = ytd_add_sum(dst, &r)) != YTD_OK)
				return st;
		}
	}
	return YTD_OK;
}

/*
 * The common merge in place: two narrow states of one scale whose months
 * are all decimals, dst covering src's years.  All or nothing: the sums
 * are checked for 64-bit overflow before any is written.
 */
bool
ytd_merge_fast(Ytd *dst, const Ytd *src)
{
	int			off = src->base_year - dst->base_year;

	if (YTD_IS_WIDE(dst) || YTD_IS_WIDE(src) || dst->scale != src->scale ||
		dst->kind != src->kind)
		return false;
	if (src->nyears == 0)
		return true;
	if (off < 0 || off + src->nyears > dst->nyears)
		return false;
	for (int yi = 0; yi < src->nyears; yi++)
	{
		const YtdYearN *b = (const YtdYearN *) ytd_masks(src, yi);
		const YtdYearN *a = (const YtdYearN *) ytd_masks(dst, yi + off);
		int64_t		r;

		if (b->mk.mask == 0)
			continue;
		if ((b->mk.flt | b->mk.inexact) != 0 ||
			((a->mk.flt | a->mk.inexact) & b->mk.mask) != 0 ||
			(dst->kind == YTD_RATE && (a->mk.mask & b->mk.mask) != 0))
			return false;
		for (int m = 0; m < 12; m++)
			if (__builtin_add_overflow(a->units[m], b->units[m], &r))
				return false;
	}
	for (int yi = 0; yi < src->nyears; yi++)
	{
		const YtdYearN *b = (const YtdYearN *) ytd_masks(src, yi);
		YtdYearN   *a = (YtdYearN *) ytd_masks(dst, yi + off);

		if (b->mk.mask == 0)
			continue;
		/* absent months hold 0, so every month adds */
		for (int m = 0; m < 12; m++)
			a->units[m] += b->units[m];
		a->mk.mask |= b->mk.mask;
	}
	return true;
}

int
ytd_readings(const Ytd *s, YtdReading *out)
{
	int			n = 0;

	for (int yi = 0; yi < s->nyears; yi++)
		for (int m = 0; m < 12; m++)
			if (ytd_masks(s, yi)->mask & (1u << m))
				ytd_month_sum(s, (s->base_year + yi) * 12 + m, &out[n++]);
	return n;
}

int
ytd_reading_count(const Ytd *s)
{
	int			n = 0;

	for (int yi = 0; yi < s->nyears; yi++)
		n += __builtin_popcount(ytd_masks(s, yi)->mask);
	return n;
}

/* Whether month m (a month number) has a reading. */
static bool
has(const Ytd *s, int32_t m)
{
	if (m < 0 || !ytd_covers(s, m))
		return false;
	return (ytd_masks(s, m / 12 - s->base_year)->mask & (1u << (m % 12))) != 0;
}

/* The sum of month m, which has a reading. */
static void
at(const Ytd *s, int32_t m, YtdReading *r)
{
	ytd_month_sum(s, m, r);
}

/* The double of an exact figure; false if it has none (inexact, too large). */
static bool
num_double(const YtdReading *r, double *v)
{
	if (r->what == YTD_FLT)
		*v = r->value;
	else if (r->what == YTD_DEC && ytd_acc_fits(r->carry, r->units))
		*v = r->value;
	else
		return false;
	return isfinite(*v);
}

/* Whether the month is covered for the year-to-date value (see the top). */
static bool
month_covered(const Ytd *s, int32_t month, int32_t m)
{
	if (has(s, m))
		return true;
	/* January-February convention: February's figure covers January. */
	return m % 12 == 0 && month % 12 >= 1 && has(s, m + 1);
}

/*
 * Year-to-date value of the year of month, if its months are covered, as
 * an exact sum: a decimal; with flt months a float8 (the double of the
 * decimal months' exact sum plus the flt months' values in month order:
 * not exact, but the same whatever the order of the rows); inexact if a
 * month is.
 */
static bool
value_num(const Ytd *s, int32_t month, YtdReading *v)
{
	int			nflt = 0;
	double		fsum = 0.0;

	if (s->kind != YTD_MONTHLY)
	{
		if (!has(s, month))
			return false;
		at(s, month, v);
		return true;
	}
	if (!YTD_IS_WIDE(s) && month >= 0 && ytd_covers(s, month))
	{
		/* the common case: a narrow year of decimal months, summed at once */
		const YtdYearN *y = (const YtdYearN *) ytd_masks(s, month / 12 - s->base_year);
		int			mm = month % 12;
		uint16_t	need = (uint16_t) ((2u << mm) - 1);
		uint16_t	covered = y->mk.mask | (mm >= 1 && (y->mk.mask & 2) ? 1 : 0);

		if ((covered & need) != need)
			return false;
		if (((y->mk.flt | y->mk.inexact) & need) == 0)
		{
			ytd_i128	sum = 0;

			/* absent months hold 0 */
			for (int m = 0; m <= mm; m++)
				sum += y->units[m];
			memset(v, 0, sizeof(*v));
			v->month = month;
			v->scale = s->scale;
			v->what = YTD_DEC;
			v->units = sum;
			v->carry = sum < 0 ? -1 : 0;
			v->value = ytd_dec_to_double(sum, s->scale);
			return true;
		}
	}
	memset(v, 0, sizeof(*v));
	v->month = month;
	v->scale = s->scale;
	for (int32_t m = month - month % 12; m <= month; m++)
	{
		YtdReading	r;

		if (!month_covered(s, month, m))
			return false;
		if (!has(s, m))
			continue;
		at(s, m, &r);
		if (r.what == YTD_INEXACT)
			v->what = YTD_INEXACT;
		else if (r.what == YTD_FLT)
		{
			nflt++;
			fsum += r.value;
		}
		else
		{
			/* add the 160-bit sums */
			ytd_u128	a = (ytd_u128) v->units;
			ytd_u128	t = a + (ytd_u128) r.units;

			v->carry += r.carry + (t < a);
			v->units = (ytd_i128) t;
		}
	}
	if (v->what == YTD_DEC)
		v->value = ytd_acc_fits(v->carry, v->units) ?
			ytd_dec_to_double(v->units, s->scale) : NAN;
	if (v->what == YTD_DEC && nflt > 0)
	{
		v->what = YTD_FLT;
		v->value = v->units == 0 && v->carry == 0 ? fsum : v->value + fsum;
	}
	return true;
}

/* Year-to-date value of the year of month as a double. */
static bool
value_at(const Ytd *s, int32_t month, double *v)
{
	YtdReading	r;

	return value_num(s, month, &r) && num_double(&r, v);
}

bool
ytd_value_of(const Ytd *s, int32_t month, double *v)
{
	return value_at(s, month, v);
}

bool
ytd_level_of(const Ytd *s, int32_t month, double *v)
{
	YtdReading	r;

	if (!has(s, month))
		return false;
	at(s, month, &r);
	return num_double(&r, v);
}

/* The difference of two exact figures, as a double. */
static bool
diff_double(const YtdReading *a, const YtdReading *b, double *v)
{
	double		x,
				y;

	if (a->what == YTD_DEC && b->what == YTD_DEC &&
		ytd_acc_fits(a->carry, a->units) && ytd_acc_fits(b->carry, b->units))
	{
		ytd_i128	d;

		if (!__builtin_sub_overflow(a->units, b->units, &d))
		{
			*v = ytd_dec_to_double(d, a->scale);
			return true;
		}
	}
	if (!num_double(a, &x) || !num_double(b, &y))
		return false;
	*v = x - y;
	return isfinite(*v);
}

/*
 * The value of the month alone: a rate's or a monthly reading (except a
 * February that, with no January, covers both), or for cumulative
 * readings cum(m) - cum(m-1), and cum(January) for January.
 */
bool
ytd_month_value_of(const Ytd *s, int32_t month, double *v)
{
	int			m = month % 12;
	YtdReading	a,
				b;

	if (!has(s, month))
		return false;
	if (s->kind == YTD_RATE)
		return ytd_level_of(s, month, v);
	if (s->kind == YTD_MONTHLY)
	{
		if (m == 1 && !has(s, month - 1))
			return false;		/* February standing for January too */
		return ytd_level_of(s, month, v);
	}
	if (m == 0)
		return ytd_level_of(s, month, v);
	if (!has(s, month - 1))
		return false;
	at(s, month, &a);
	at(s, month - 1, &b);
	return diff_double(&a, &b, v);
}

bool
ytd_pct(double cur, double base, double *pct)
{
	if (!(base > 0.0))
		return false;
	*pct = (cur / base - 1.0) * 100.0;
	return isfinite(*pct);
}

bool
ytd_growth_of(const Ytd *s, int32_t month, double *pct)
{
	double		cur,
				prior;

	if (!value_at(s, month, &cur) || !value_at(s, month - 12, &prior))
		return false;
	return ytd_pct(cur, prior, pct);
}

bool
ytd_level_growth_of(const Ytd *s, int32_t month, double *pct)
{
	double		cur,
				prior;

	if (!ytd_level_of(s, month, &cur) || !ytd_level_of(s, month - 12, &prior))
		return false;
	return ytd_pct(cur, prior, pct);
}

bool
ytd_change_of(const Ytd *s, int32_t month, double *pp)
{
	YtdReading	a,
				b;

	if (!has(s, month) || !has(s, month - 12))
		return false;
	at(s, month, &a);
	at(s, month - 12, &b);
	return diff_double(&a, &b, pp);
}

/* --- Published figures: exact decimal rounding -------------------------- */

/* The double of q x 10^-decimals. */
static double
pub_double(ytd_i128 q, int decimals)
{
	return ytd_dec_to_double(q, decimals);
}

/* Round units x 10^-scale half away from zero to decimals. */
static bool
round_dec(ytd_i128 units, int scale, int decimals, double *v)
{
	ytd_u128	mag,
				p,
				q,
				r;

	if (decimals >= scale)
	{
		*v = ytd_dec_to_double(units, scale);
		return true;
	}
	mag = units < 0 ? -(ytd_u128) units : (ytd_u128) units;
	p = (ytd_u128) ytd_p10x[scale - decimals];
	q = mag / p;
	r = mag % p;
	if (r >= p - r)
		q++;
	*v = pub_double(units < 0 ? -(ytd_i128) q : (ytd_i128) q, decimals);
	return true;
}

bool
ytd_round_ratio(ytd_i128 num, ytd_i128 den, int decimals, bool pct, double *v)
{
	ytd_u128	a = num < 0 ? -(ytd_u128) num : (ytd_u128) num;
	ytd_u128	p = (ytd_u128) den;
	ytd_u128	q,
				r;
	int			digits = decimals + (pct ? 2 : 0);
	const ytd_u128 qmax = (((ytd_u128) 1 << 127) - 1) / 10;

	if (den <= 0 || p >= ((ytd_u128) 1 << 123) || decimals < 0 || decimals > YTD_MAX_SCALE)
		return false;
	q = a / p;
	r = a % p;
	for (int i = 0; i < digits; i++)
	{
		if (q > qmax)
			return false;
		r *= 10;				/* r < p < 2^123: no overflow */
		q = q * 10 + r / p;
		r %= p;
	}
	if (r >= p - r)
		q++;
	*v = pub_double(num < 0 ? -(ytd_i128) q : (ytd_i128) q, decimals);
	return true;
}

/* An exact decimal that fits in 128 bits; why = 1 when it is not one. */
static bool
exact(const YtdReading *r, int *why)
{
	if (r->what == YTD_DEC && ytd_acc_fits(r->carry, r->units))
		return true;
	if (why)
		*why = 1;
	return false;
}

bool
ytd_value_pub(const Ytd *s, int32_t month, int decimals, double *v, int *why)
{
	YtdReading	r;

	if (why)
		*why = 0;
	if (!value_num(s, month, &r) || !exact(&r, why))
		return false;
	return round_dec(r.units, s->scale, decimals, v);
}

bool
ytd_level_pub(const Ytd *s, int32_t month, int decimals, double *v, int *why)
{
	YtdReading	r;

	if (why)
		*why = 0;
	if (!has(s, month))
		return false;
	at(s, month, &r);
	if (!exact(&r, why))
		return false;
	return round_dec(r.units, s->scale, decimals, v);
}

/* Growth in % of cur over prior (exact decimals of one scale), rounded. */
static bool
growth_pub(const YtdReading *cur, const YtdReading *prior, int decimals, double *v, int *why)
{
	ytd_i128	d;

	if (!exact(cur, why) || !exact(prior, why))
		return false;
	if (prior->units <= 0)
		return false;			/* no growth over a zero or negative base */
	if (__builtin_sub_overflow(cur->units, prior->units, &d) ||
		!ytd_round_ratio(d, prior->units, decimals, true, v))
	{
		if (why)
			*why = 1;
		return false;
	}
	return true;
}

bool
ytd_growth_pub(const Ytd *s, int32_t month, int decimals, double *v, int *why)
{
	YtdReading	cur,
				prior;

	if (why)
		*why = 0;
	if (!value_num(s, month, &cur) || !value_num(s, month - 12, &prior))
		return false;
	return growth_pub(&cur, &prior, decimals, v, why);
}

bool
ytd_level_growth_pub(const Ytd *s, int32_t month, int decimals, double *v, int *why)
{
	YtdReading	cur,
				prior;

	if (why)
		*why = 0;
	if (!has(s, month) || !has(s, month - 12))
		return false;
	at(s, month, &cur);
	at(s, month - 12, &prior);
	return growth_pub(&cur, &prior, decimals, v, why);
}

bool
ytd_change_pub(const Ytd *s, int32_t month, int decimals, double *v, int *why)
{
	YtdReading	cur,
				prior;
	ytd_i128	d;

	if (why)
		*why = 0;
	if (!has(s, month) || !has(s, month - 12))
		return false;
	at(s, month, &cur);
	at(s, month - 12, &prior);
	if (!exact(&cur, why) || !exact(&prior, why))
		return false;
	if (__builtin_sub_overflow(cur.units, prior.units, &d))
	{
		if (why)
			*why = 1;
		return false;
	}
	return round_dec(d, s->scale, decimals, v);
}

/* Whether month m has a reading whose sum is not an exact decimal. */
static bool
not_exact(const Ytd *s, int32_t m)
{
	YtdReading	r;

	if (!has(s, m))
		return false;
	at(s, m, &r);
	return !(r.what == YTD_DEC && ytd_acc_fits(r.carry, r.units));
}

int
ytd_inexact_months(const Ytd *s, int32_t month, bool level, int32_t *out)
{
	int			n = 0;

	for (int32_t y = month - 12; y <= month; y += 12)
	{
		int32_t		from = (level || s->kind != YTD_MONTHLY) ? y : y - y % 12;

		for (int32_t m = from; m <= y; m++)
			if (m >= 12 * YTD_MIN_YEAR && not_exact(s, m))
				out[n++] = m;
	}
	return n;
}

/* Append the missing months of one year to out; returns the new count. */
static int
missing_in_year(const Ytd *s, int32_t month, bool level, int32_t *out, int n)
{
	if (level || s->kind != YTD_MONTHLY)
	{
		if (month >= 12 * YTD_MIN_YEAR && !has(s, month))
			out[n++] = month;
		return n;
	}
	for (int32_t m = month - month % 12; m <= month; m++)
		if (m >= 12 * YTD_MIN_YEAR && !month_covered(s, month, m))
			out[n++] = m;
	return n;
}

int
ytd_missing_months(const Ytd *s, int32_t month, bool level, int32_t *out)
{
	int			n = missing_in_year(s, month - 12, level, out, 0);

	return missing_in_year(s, month, level, out, n);
}
