/*
 * ytd_core.h
 *		The year-to-date state: readings of one group by month, and the pure
 *		computation on it: adding readings, merging, the accessors'
 *		arithmetic, and the text form.
 *
 * Nothing here depends on PostgreSQL, so it can be unit-tested on its own;
 * src/ytd_glue.c (allocation, errors), ytd_io.c, ytd_agg.c and
 * ytd_access.c are the fmgr glue.
 *
 * Layout (format 2, since 0.3.0; a varlena; sizes in bytes):
 *		header	24	length word, kind, flags, year count, base year, as-of day,
 *					scale, padding
 *		years	narrow: 104 each, three 12-bit month masks (padded to 8) and 12
 *					int64 sums; two years take 24 + 2 * 104 = 232 bytes, as
 *					format 1's 224 a 256-byte chunk (hash aggregation keeps one
 *					per group: memory, not arithmetic, is what a larger state
 *					costs);
 *				wide (YTD_WIDE): 224 each, the masks, 12 int16 carries and
 *					12 int128 sums, once a narrow state's sums outgrow 64 bits
 *					(the glue widens it on YTD_WIDEN and redoes the step).
 * Each month's sum is exact: a count of units of 10^-scale (wide: held in 144
 * bits, units and carry for the bits above 128), so the sum of the readings is
 * the same whatever order they arrive in or how states are merged.  A
 * reading is below 2^127 units, so the carry cannot overflow below 32,768
 * readings a month of the largest size (2^79 readings of 1e15 at 4
 * decimals); if it would, the month becomes inexact rather than wrong.  A
 * reading is the decimal its shortest text shows (float8out's digits); the
 * state's scale is the largest number of decimals among its readings (at
 * most YTD_MAX_SCALE), and the sums are rescaled when a reading with more
 * decimals arrives.  A reading whose decimal has more than YTD_MAX_SCALE
 * decimals or is about 1.7e20 or more is not held as a decimal: alone in
 * its month it is kept as a float8 (flt), with others the month's sum is
 * unknown (inexact); figures that depend on such a month are NULL where an
 * exact figure is asked for.  Absent months hold 0 so that equal states
 * of one layout have equal bytes.
 *
 * Format 1 (0.1.0 and 0.2.0, flags without YTD_EXACT): a 16-byte header and
 * years of 104 bytes, a 12-bit mask and 12 float8 sums (YtdV1 below).
 * Values stored so are converted on reading (ytd_from_v1): each month's
 * sum becomes the decimal of its shortest text.
 *
 * Dates are day numbers counted from 2000-01-01 (PostgreSQL's DateADT);
 * months are numbered year * 12 + (month - 1).
 */
#ifndef YTD_CORE_H
#define YTD_CORE_H

#include <math.h>
#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>

#include "float_text.h"

#define likely_ytd(x) __builtin_expect(!!(x), 1)

typedef enum YtdKind
{
	YTD_MONTHLY = 1,			/* the value of each month (flows and stocks) */
	YTD_CUMULATIVE = 2,			/* the value from January to the month */
	YTD_RATE = 3				/* a rate: one reading per month, not added */
} YtdKind;

#define YTD_HAS_ASOF	0x01	/* the one-step aggregates' as-of date is set */
#define YTD_EXACT		0x02	/* format 2: exact decimal sums (else format 1) */
#define YTD_WIDE		0x04	/* format 2, wide layout: 144-bit sums */
#define YTD_FLAGS_ALL	(YTD_HAS_ASOF | YTD_EXACT | YTD_WIDE)

#define YTD_MAX_SCALE	18		/* decimals a state holds exactly */

/*
 * A 128-bit integer aligned as a double: a varlena is only 8-aligned, and
 * the compiler must not assume 16 (PostgreSQL's int128 does the same).
 */
typedef __int128 ytd_i128 __attribute__((aligned(8)));
typedef unsigned __int128 ytd_u128;

#define YTD_MIN_YEAR	1
#define YTD_MAX_YEAR	9999
/* Years a state may span, first to last (its size grows with the span). */
#define YTD_MAX_SPAN	200

/* The masks that start a year of either layout. */
typedef struct YtdMasks
{
	uint16_t	mask;			/* bit m-1 set: month m has a reading */
	uint16_t	flt;			/* month m holds one non-decimal reading, in f(units) */
	uint16_t	inexact;		/* month m's sum is unknown (a non-decimal among several) */
	uint16_t	pad;
} YtdMasks;

/* A year of the narrow layout: 64-bit sums (the common case). */
typedef struct YtdYearN
{
	YtdMasks	mk;
	int64_t		units[12];		/* each month's sum in units of 10^-scale */
} YtdYearN;

/* A year of the wide layout (YTD_WIDE): 144-bit sums. */
typedef struct YtdYear
{
	YtdMasks	mk;
	int16_t		carry[12];		/* bits 128 and up of each month's sum */
	ytd_i128	units[12];		/* each month's sum in units of 10^-scale (low 128 bits) */
} YtdYear;

typedef struct Ytd
{
	int32_t		vl_len_;		/* varlena length word (do not touch) */
	uint8_t		kind;			/* YtdKind */
	uint8_t		flags;			/* YTD_HAS_ASOF, YTD_EXACT */
	uint16_t	nyears;			/* years held, from base_year */
	int32_t		base_year;		/* first year held (0 when empty) */
	int32_t		asof;			/* as-of day number if YTD_HAS_ASOF, else 0 */
	uint8_t		scale;			/* decimals of the units */
	uint8_t		pad[7];
	YtdYear		years[];
} Ytd;

#define YTD_SIZE(nyears, wide) (offsetof(Ytd, years) + \
	(size_t) (nyears) * ((wide) ? sizeof(YtdYear) : sizeof(YtdYearN)))

/* Whether a state has the wide layout. */
#define YTD_IS_WIDE(s) (((s)->flags & YTD_WIDE) != 0)

/* The masks of year yi (from base_year) of either layout. */
static inline YtdMasks *
ytd_masks(const Ytd *s, int yi)
{
	return (YtdMasks *) ((char *) s->years +
						 (size_t) yi * (YTD_IS_WIDE(s) ? sizeof(YtdYear) : sizeof(YtdYearN)));
}

/* Format 1 (0.1.0, 0.2.0): float8 sums; read only, see ytd_from_v1. */
typedef struct YtdYearV1
{
	uint16_t	mask;
	uint16_t	pad[3];
	double		v[12];
} YtdYearV1;

typedef struct YtdV1
{
	int32_t		vl_len_;
	uint8_t		kind;
	uint8_t		flags;			/* YTD_HAS_ASOF only */
	uint16_t	nyears;
	int32_t		base_year;
	int32_t		asof;
	YtdYearV1	years[];
} YtdV1;

#define YTD_V1_SIZE(nyears) (offsetof(YtdV1, years) + (size_t) (nyears) * sizeof(YtdYearV1))

typedef enum YtdStatus
{
	YTD_OK = 0,
	YTD_SYNTAX,					/* malformed text */
	YTD_NONFINITE,				/* NaN or infinite reading, or overflow */
	YTD_DATE_RANGE,				/* a date outside years 1..9999 */
	YTD_RATE_ADDED,				/* two readings of a rate for one month */
	YTD_KIND_MIX,				/* states or rows of different kinds */
	YTD_ASOF_MIX,				/* different as-of months in one group */
	YTD_CORRUPT,				/* binary value with impossible fields */
	YTD_SPAN,					/* readings more than YTD_MAX_SPAN years apart */
	YTD_WIDEN					/* a narrow state must be made wide first (ytd_widen_into) */
} YtdStatus;

#define YTD_DETAIL_LEN 200

/* What a reading (or a month's sum) is. */
typedef enum YtdWhat
{
	YTD_DEC = 0,				/* the decimal units x 10^-scale (with carry) */
	YTD_FLT = 1,				/* one reading that is not a decimal held: value */
	YTD_INEXACT = 2				/* a sum whose value is not known */
} YtdWhat;

/*
 * One reading, or one month's sum: month number and value.  value is the
 * float8 (the nearest to the decimal for YTD_DEC); a decimal is units x
 * 10^-scale, units 160 bits (carry above the low 128).
 */
typedef struct YtdReading
{
	int32_t		month;
	uint8_t		what;			/* YtdWhat */
	uint8_t		scale;			/* decimals of units (YTD_DEC) */
	int32_t		carry;
	ytd_i128	units;
	double		value;
} YtdReading;

/* Powers of ten as 128-bit integers (as double: float_exact_p10). */
extern const ytd_i128 ytd_p10x[39];

/*
 * The decimal a float8 stands for (its shortest text) as n x 10^-k with
 * 0 <= k <= YTD_MAX_SCALE and |n x 10^-k| < 2^127 / 10^18 (about 1.7e20);
 * false if it has none (too many decimals, too large, not finite).  hint: a number of decimals
 * to try first (the state's scale).  Inline for the common case, as it
 * runs per row: n = round(x * 10^k) with |n| < 2^52 and n / 10^k == x
 * (one correctly rounded division) proves that n x 10^-k reads back to x,
 * and as the rounding interval of x is narrower than 10^-k there is no
 * other such decimal, so n x 10^-k is the value of x's shortest text.
 */
extern bool ytd_decimal_slow(double x, ytd_i128 *n, int *k);

/* Whether n x 10^-k is held as a decimal: k <= 18, |n x 10^-k| < 2^127 / 10^18. */
extern bool ytd_decimal_ok(ytd_u128 mag, int k);

static inline bool
ytd_decimal(double x, int hint, ytd_i128 *n, int *k)
{
	double		y = x * float_exact_p10[hint];

	if (y > -4503599627370496.0 && y < 4503599627370496.0)
	{
		int64_t		c = (int64_t) (y < 0 ? y - 0.5 : y + 0.5);

		if ((double) c / float_exact_p10[hint] == x)
		{
			*n = c;
			*k = hint;
			return true;
		}
	}
	return ytd_decimal_slow(x, n, k);
}

/*
 * Raise a state's scale to at least k, rescaling every sum; false (and the
 * state unchanged) if a narrow state's sums would not fit 64 bits.
 */
extern bool ytd_rescale(Ytd *s, int k);

/* Make month m of year yi inexact: its sum is not known. */
extern void ytd_make_inexact(Ytd *s, int yi, int m);

/* The wide copy of a narrow state, into memory of YTD_SIZE(src->nyears, true). */
extern void ytd_widen_into(Ytd *dst, const Ytd *src);

/* Add carry:units to month m of wide year yi (inexact if the carry overflows). */
static inline void
ytd_acc_add(Ytd *s, int yi, int m, int32_t carry, ytd_i128 units)
{
	YtdYear    *y = &s->years[yi];
	ytd_u128	a = (ytd_u128) y->units[m];
	ytd_u128	r = a + (ytd_u128) units;
	int32_t		c = y->carry[m] + carry + (r < a);

	y->units[m] = (ytd_i128) r;
	if (likely_ytd(c == (int16_t) c))
		y->carry[m] = (int16_t) c;
	else
		ytd_make_inexact(s, yi, m);
}

/* Multiply 160-bit carry:units by 10^d (0 <= d <= 19); false on overflow. */
extern bool ytd_acc_mul10(int32_t *carry, ytd_i128 *units, int d);

/* Whether 160-bit carry:units fits in 128 bits. */
static inline bool
ytd_acc_fits(int32_t carry, ytd_i128 units)
{
	return carry == (units < 0 ? -1 : 0);
}

/* The double nearest to units x 10^-scale (correctly rounded). */
extern double ytd_dec_to_double(ytd_i128 units, int scale);

/* Write units x 10^-scale in full (at least scale decimals when padded). */
extern int	ytd_dec_text(ytd_i128 units, int scale, char *buf, size_t len);

/* Calendar: day number (from 2000-01-01) to year and month, and back. */
extern void ytd_day_to_ym(int32_t day, int *year, int *month);
extern int32_t ytd_ym_to_day(int year, int month, int mday);

#define YTD_MIN_DAY (-730119)	/* 0001-01-01 */
#define YTD_MAX_DAY 2921939		/* 9999-12-31 */

/*
 * Month number of a day, or false if outside years 1..9999.  Inline and in
 * unsigned 32-bit arithmetic (divisions by constants), as it runs per row.
 */
static inline bool
ytd_day_month(int32_t day, int32_t *month)
{
	uint32_t	z,
				era,
				doe,
				yoe,
				doy,
				mp,
				m;

	if (day < YTD_MIN_DAY || day > YTD_MAX_DAY)
		return false;
	z = (uint32_t) (day + 10957 + 719468);
	era = z / 146097;
	doe = z - era * 146097;
	yoe = (doe - doe / 1460 + doe / 36524 - doe / 146096) / 365;
	doy = doe - (365 * yoe + yoe / 4 - yoe / 100);
	mp = (5 * doy + 2) / 153;
	m = mp < 10 ? mp + 3 : mp - 9;
	*month = (int32_t) ((yoe + era * 400 + (m <= 2)) * 12 + m - 1);
	return true;
}

/*
 * The month of the last day looked up and the days it spans: rows come
 * in runs of one month, so a range check replaces the calendar per row.
 */
typedef struct YtdMonthCache
{
	int32_t		first;			/* first day of the month cached */
	int32_t		last;			/* its last day (first > last: empty) */
	int32_t		month;			/* its month number */
} YtdMonthCache;

extern bool ytd_day_month_fill(YtdMonthCache *c, int32_t day, int32_t *month);

/* ytd_day_month through a cache (initialised { 1, 0, 0 }). */
static inline bool
ytd_day_month_cached(YtdMonthCache *c, int32_t day, int32_t *month)
{
	if (likely_ytd(day >= c->first && day <= c->last))
	{
		*month = c->month;
		return true;
	}
	return ytd_day_month_fill(c, day, month);
}

extern const char *ytd_kind_name(int kind);
extern bool ytd_kind_parse(const char *s, size_t len, YtdKind *kind);

/* Initialise a state of nyears years from base_year (memory of YTD_SIZE). */
extern void ytd_init(Ytd *s, YtdKind kind, int base_year, int nyears, bool wide);

/* Whether a state holds month m. */
static inline bool
ytd_covers(const Ytd *s, int32_t month)
{
	int			y = month / 12;

	return y >= s->base_year && y < s->base_year + s->nyears;
}

/* The years a state would need to hold month m too. */
extern void ytd_grown_range(const Ytd *s, int32_t month, int *base, int *nyears);

/*
 * The years from the first to the last that hold a reading (a one-step
 * aggregate's state may hold an empty as-of year); false if none does.
 */
extern bool ytd_held_range(const Ytd *s, int *base, int *nyears);

/* Copy the years of src that dst's range holds into dst (initialised, src's layout). */
extern void ytd_copy_held(Ytd *dst, const Ytd *src);

/* Copy src into dst, which has room for base..base+nyears-1 in src's layout. */
extern void ytd_copy_into(Ytd *dst, const Ytd *src, int base, int nyears);

/*
 * Add a reading to a state that covers its month: its decimal to the
 * month's exact sum (rescaling the state if it has more decimals), or, if
 * it has none, as a float8 alone in its month (else the month is inexact).
 * A rate takes one reading a month.  Inline, as it runs per row.
 */
extern YtdStatus ytd_add_slow(Ytd *s, int32_t month, double value);

static inline YtdStatus
ytd_add(Ytd *s, int32_t month, double value)
{
	int			yi = month / 12 - s->base_year;
	YtdMasks   *mk = ytd_masks(s, yi);
	int			m = month % 12;
	uint16_t	bit = (uint16_t) (1u << m);
	ytd_i128	n;
	int			k;

	if ((mk->mask & bit) && s->kind == YTD_RATE)
		return YTD_RATE_ADDED;
	if (likely_ytd(!((mk->flt | mk->inexact) & bit) && ytd_decimal(value, s->scale, &n, &k)))
	{
		ytd_i128	u = n;

		if (k > s->scale && !ytd_rescale(s, k))
			return YTD_WIDEN;
		if (k < s->scale)
			u *= ytd_p10x[s->scale - k];
		if (!YTD_IS_WIDE(s))
		{
			YtdYearN   *y = (YtdYearN *) mk;
			int64_t		r;

			if (u < INT64_MIN || u > INT64_MAX ||
				__builtin_add_overflow(y->units[m], (int64_t) u, &r))
				return YTD_WIDEN;
			y->units[m] = r;
			mk->mask |= bit;
			return YTD_OK;
		}
		mk->mask |= bit;
		ytd_acc_add(s, yi, m, u < 0 ? -1 : 0, u);
		return YTD_OK;
	}
	return ytd_add_slow(s, month, value);
}

/*
 * Add a month's sum (of another state, or read) to month month of s.  For
 * this and ytd_add, YTD_WIDEN: a narrow state cannot hold the sum; redo on
 * its wide copy (ytd_widen_into).  The state may have been rescaled.
 */
extern YtdStatus ytd_add_sum(Ytd *s, const YtdReading *r);

/* Convert a format-1 value into memory of YTD_SIZE(v1->nyears, wide). */
extern YtdStatus ytd_from_v1(Ytd *dst, const YtdV1 *v1, bool wide);

/* The sum of month month (which has a reading) as a YtdReading. */
extern void ytd_month_sum(const Ytd *s, int32_t month, YtdReading *r);

/* Record the as-of day of a one-step aggregate; it must fall in one month. */
extern YtdStatus ytd_set_asof(Ytd *s, int32_t day);

/* Check that two states can merge, and the years the merge needs. */
extern YtdStatus ytd_merge_check(const Ytd *a, const Ytd *b, int *base, int *nyears);

/* Add every reading of src into dst, which covers src's years. */
extern YtdStatus ytd_merge_into(Ytd *dst, const Ytd *src);
/* (YTD_WIDEN: dst is partly merged; merge into a wide copy of it as it was.) */

/*
 * Merge src into dst in place where both are narrow, of one scale and
 * kind, hold only decimal months, dst covers src's years and no sum
 * overflows; false (dst unchanged) otherwise: then ytd_merge_into.  The
 * result is that of ytd_merge_into.
 */
extern bool ytd_merge_fast(Ytd *dst, const Ytd *src);

/* Readings in month order; returns how many were written (n <= 12*nyears). */
extern int	ytd_readings(const Ytd *s, YtdReading *out);
extern int	ytd_reading_count(const Ytd *s);

/* Check a list of readings: increasing months, years 1..9999, finite values. */
extern YtdStatus ytd_check_readings(const YtdReading *r, int n, char *detail, size_t len);

/* The years a list of checked readings spans. */
extern void ytd_readings_range(const YtdReading *r, int n, int *base, int *nyears);

/*
 * Text form: kind, optional "@" as-of date, then the readings in month
 * order: "monthly{2023-01:100,2023-02:250.5}", "rate@2024-09-30{}".
 * ytd_parse_head reads the kind, as-of and the number of readings so the
 * caller can size the state; ytd_parse_body fills the readings.
 */
typedef struct YtdHead
{
	YtdKind		kind;
	bool		has_asof;
	int32_t		asof;
	int			nreadings;
	int			scale;			/* the state's scale at least (binary input) */
} YtdHead;

extern YtdStatus ytd_parse(const char *str, YtdHead *head, YtdReading *r, int maxr,
						   char *detail, size_t len);

/* Upper bound on the number of readings the text can hold. */
extern int	ytd_text_max_readings(const char *str);

/* Build a state from checked readings into memory of YTD_SIZE(nyears, wide);
 * YTD_WIDEN: build it wide. */
extern YtdStatus ytd_build(Ytd *s, const YtdHead *head, const YtdReading *r, int n, bool wide);

/* Length bound of the text form, and the text itself. */
extern size_t ytd_text_len(const Ytd *s);
extern void ytd_format(const Ytd *s, char *buf, size_t len);


/*
 * Accessors.  month is the as-of month number.  They return false where the
 * result is NULL: months missing, or a zero or negative base.
 */
extern bool ytd_value_of(const Ytd *s, int32_t month, double *v);
extern bool ytd_level_of(const Ytd *s, int32_t month, double *v);
extern bool ytd_month_value_of(const Ytd *s, int32_t month, double *v);
extern bool ytd_growth_of(const Ytd *s, int32_t month, double *pct);
extern bool ytd_level_growth_of(const Ytd *s, int32_t month, double *pct);
extern bool ytd_change_of(const Ytd *s, int32_t month, double *pp);

/*
 * Published figures: the exact decimal figure rounded half away from zero
 * to decimals (0..YTD_MAX_SCALE) and returned as the nearest double.  False
 * where the double accessor's figure is NULL, and where a month it needs is
 * not held as a decimal (flt, inexact) or the exact figure is out of range;
 * *why (if not NULL) is then 1 for "not exact", 0 otherwise.
 */
extern bool ytd_value_pub(const Ytd *s, int32_t month, int decimals, double *v, int *why);
extern bool ytd_level_pub(const Ytd *s, int32_t month, int decimals, double *v, int *why);
extern bool ytd_growth_pub(const Ytd *s, int32_t month, int decimals, double *v, int *why);
extern bool ytd_level_growth_pub(const Ytd *s, int32_t month, int decimals, double *v, int *why);
extern bool ytd_change_pub(const Ytd *s, int32_t month, int decimals, double *v, int *why);

/* Round num / den (den > 0) half away from zero to decimals of a %
 * (pct: x 100 first); false when out of range. */
extern bool ytd_round_ratio(ytd_i128 num, ytd_i128 den, int decimals, bool pct, double *v);

/* Months whose sums are not held exactly among those a figure needs. */
extern int	ytd_inexact_months(const Ytd *s, int32_t month, bool level, int32_t *out);

/* Growth in % of cur over base; false for a zero or negative base. */
extern bool ytd_pct(double cur, double base, double *pct);

/*
 * Months that keep the comparison of month with the same month a year
 * before from being made, both years, in order; returns how many (<= 24).
 * level: compare the month's level (stocks, rates) rather than the
 * year-to-date value.
 */
extern int	ytd_missing_months(const Ytd *s, int32_t month, bool level, int32_t *out);

#endif
