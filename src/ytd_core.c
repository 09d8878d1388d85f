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
#include <string.h>

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
ytd_init(Ytd *s, YtdKind kind, int base_year, int nyears)
{
	int32_t		vl = s->vl_len_;

	memset(s, 0, YTD_SIZE(nyears));
	s->vl_len_ = vl;
	s->kind = (uint8_t) kind;
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
	ytd_init(dst, (YtdKind) src->kind, base, nyears);
	dst->flags = src->flags;
	dst->asof = src->asof;
	if (src->nyears > 0)
		memcpy(&dst->years[src->base_year - base], src->years,
			   (size_t) src->nyears * sizeof(YtdYear));
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
	for (int yi = 0; yi < src->nyears; yi++)
	{
		const YtdYear *y = &src->years[yi];
		int32_t		first = (src->base_year + yi) * 12;

		for (int m = 0; m < 12; m++)
		{
			YtdStatus	st;

			if (!(y->mask & (1u << m)))
				continue;
			if ((st = ytd_add(dst, first + m, y->v[m])) != YTD_OK)
				return st;
		}
	}
	return YTD_OK;
}

int
ytd_readings(const Ytd *s, YtdReading *out)
{
	int			n = 0;

	for (int yi = 0; yi < s->nyears; yi++)
		for (int m = 0; m < 12; m++)
			if (s->years[yi].mask & (1u << m))
			{
				out[n].month = (s->base_year + yi) * 12 + m;
				out[n].value = s->years[yi].v[m];
				n++;
			}
	return n;
}

int
ytd_reading_count(const Ytd *s)
{
	int			n = 0;

	for (int yi = 0; yi < s->nyears; yi++)
		n += __builtin_popcount(s->years[yi].mask);
	return n;
}

/* Whether month m (a month number) has a reading. */
static bool
has(const Ytd *s, int32_t m)
{
	if (m < 0 || !ytd_covers(s, m))
		return false;
	return (s->years[m / 12 - s->base_year].mask & (1u << (m % 12))) != 0;
}

/* The reading of month m, which has one. */
static double
at(const Ytd *s, int32_t m)
{
	return s->years[m / 12 - s->base_year].v[m % 12];
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

/* Year-to-date value of the year of month, if its months are covered. */
static bool
value_at(const Ytd *s, int32_t month, double *v)
{
	double		sum = 0.0;

	if (s->kind != YTD_MONTHLY)
	{
		if (!has(s, month))
			return false;
		*v = at(s, month);
		return true;
	}
	for (int32_t m = month - month % 12; m <= month; m++)
	{
		if (!month_covered(s, month, m))
			return false;
		if (has(s, m))
			sum += at(s, m);
	}
	*v = sum;
	return isfinite(sum);		/* finite months may still overflow the sum */
}

bool
ytd_value_of(const Ytd *s, int32_t month, double *v)
{
	return value_at(s, month, v);
}

bool
ytd_level_of(const Ytd *s, int32_t month, double *v)
{
	if (!has(s, month))
		return false;
	*v = at(s, month);
	return true;
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

	if (!has(s, month))
		return false;
	if (s->kind == YTD_RATE)
	{
		*v = at(s, month);
		return true;
	}
	if (s->kind == YTD_MONTHLY)
	{
		if (m == 1 && !has(s, month - 1))
			return false;		/* February standing for January too */
		*v = at(s, month);
		return true;
	}
	if (m == 0)
	{
		*v = at(s, month);
		return true;
	}
	if (!has(s, month - 1))
		return false;
	*v = at(s, month) - at(s, month - 1);
	return isfinite(*v);
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
	double		cur,
				prior;

	if (!ytd_level_of(s, month, &cur) || !ytd_level_of(s, month - 12, &prior))
		return false;
	*pp = cur - prior;
	return isfinite(*pp);
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
