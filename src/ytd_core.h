/*
 * ytd_core.h
 *		The year-to-date state: readings of one group by month, and the pure
 *		computation on it: adding readings, merging, the accessors'
 *		arithmetic, and the text form.
 *
 * Nothing here depends on PostgreSQL, so it can be unit-tested on its own;
 * src/ytd_io.c and src/ytd_agg.c are the fmgr glue.
 *
 * Layout (a varlena; all sizes in bytes):
 *		header	16	length word, kind, flags, year count, base year, as-of day
 *		years	104 each: a 12-bit presence mask (padded to 8) and 12 float8
 * Two years of months take 16 + 2 * 104 = 224 bytes, whatever the number of
 * rows.  Absent months hold 0 so that equal states have equal bytes.
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

typedef enum YtdKind
{
	YTD_MONTHLY = 1,			/* the value of each month (flows and stocks) */
	YTD_CUMULATIVE = 2,			/* the value from January to the month */
	YTD_RATE = 3				/* a rate: one reading per month, not added */
} YtdKind;

#define YTD_HAS_ASOF	0x01	/* the one-step aggregates' as-of date is set */
#define YTD_FLAGS_ALL	YTD_HAS_ASOF

#define YTD_MIN_YEAR	1
#define YTD_MAX_YEAR	9999
/* Years a state may span, first to last (its size grows with the span). */
#define YTD_MAX_SPAN	200

typedef struct YtdYear
{
	uint16_t	mask;			/* bit m-1 set: month m has a reading */
	uint16_t	pad[3];
	double		v[12];			/* sum of the readings of each month */
} YtdYear;

typedef struct Ytd
{
	int32_t		vl_len_;		/* varlena length word (do not touch) */
	uint8_t		kind;			/* YtdKind */
	uint8_t		flags;			/* YTD_HAS_ASOF */
	uint16_t	nyears;			/* years held, from base_year */
	int32_t		base_year;		/* first year held (0 when empty) */
	int32_t		asof;			/* as-of day number if YTD_HAS_ASOF, else 0 */
	YtdYear		years[];
} Ytd;

#define YTD_SIZE(nyears) (offsetof(Ytd, years) + (size_t) (nyears) * sizeof(YtdYear))

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
	YTD_SPAN					/* readings more than YTD_MAX_SPAN years apart */
} YtdStatus;

#define YTD_DETAIL_LEN 200

/* One reading: month number and value. */
typedef struct YtdReading
{
	int32_t		month;
	double		value;
} YtdReading;

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

extern const char *ytd_kind_name(int kind);
extern bool ytd_kind_parse(const char *s, size_t len, YtdKind *kind);

/* Initialise a state of nyears years from base_year (memory of YTD_SIZE). */
extern void ytd_init(Ytd *s, YtdKind kind, int base_year, int nyears);

/* Whether a state holds month m. */
static inline bool
ytd_covers(const Ytd *s, int32_t month)
{
	int			y = month / 12;

	return y >= s->base_year && y < s->base_year + s->nyears;
}

/* The years a state would need to hold month m too. */
extern void ytd_grown_range(const Ytd *s, int32_t month, int *base, int *nyears);

/* Copy src into dst, which has room for base..base+nyears-1 (and covers src). */
extern void ytd_copy_into(Ytd *dst, const Ytd *src, int base, int nyears);

/*
 * Add a reading to a state that covers its month.  The first reading of a
 * month is assigned (so that -0 survives), later ones added; a rate takes
 * one reading a month.  Inline, as it runs per row.
 */
static inline YtdStatus
ytd_add(Ytd *s, int32_t month, double value)
{
	YtdYear    *y = &s->years[month / 12 - s->base_year];
	int			m = month % 12;
	uint16_t	bit = (uint16_t) (1u << m);

	if (!(y->mask & bit))
	{
		y->mask |= bit;
		y->v[m] = value;
		return YTD_OK;
	}
	if (s->kind == YTD_RATE)
		return YTD_RATE_ADDED;
	y->v[m] += value;
	return isinf(y->v[m]) ? YTD_NONFINITE : YTD_OK;
}

/* Record the as-of day of a one-step aggregate; it must fall in one month. */
extern YtdStatus ytd_set_asof(Ytd *s, int32_t day);

/* Check that two states can merge, and the years the merge needs. */
extern YtdStatus ytd_merge_check(const Ytd *a, const Ytd *b, int *base, int *nyears);

/* Add every reading of src into dst, which covers src's years. */
extern YtdStatus ytd_merge_into(Ytd *dst, const Ytd *src);

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
} YtdHead;

extern YtdStatus ytd_parse(const char *str, YtdHead *head, YtdReading *r, int maxr,
						   char *detail, size_t len);

/* Upper bound on the number of readings the text can hold. */
extern int	ytd_text_max_readings(const char *str);

/* Build a state from checked readings into memory of YTD_SIZE(nyears). */
extern YtdStatus ytd_build(Ytd *s, const YtdHead *head, const YtdReading *r, int n);

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
