/*
 * target_core.h
 *		The target specification and its pure computation: parsing, the
 *		canonical text form, and evaluation against actual values.
 *
 * Nothing here depends on PostgreSQL, so it can be unit-tested and fuzzed
 * on its own; src/target.c, src/evaluate.c and src/progress.c are the fmgr
 * glue.
 */
#ifndef TARGET_CORE_H
#define TARGET_CORE_H

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>

typedef enum TargetMeasure
{
	MEASURE_LEVEL = 1,			/* the value itself */
	MEASURE_GROWTH = 2,			/* year-on-year growth, in % */
	MEASURE_SHARE = 3,			/* a value that is itself a %, in % */
	MEASURE_CHANGE = 4			/* difference from a year before, in pp */
} TargetMeasure;

typedef enum TargetCmp
{
	CMP_GE = 1,
	CMP_GT = 2,
	CMP_LE = 3,
	CMP_LT = 4,
	CMP_EQ = 5,
	CMP_BETWEEN = 6
} TargetCmp;

/* Fixed-size, 24 bytes; padding is always zero so bytes can be hashed. */
typedef struct Target
{
	uint8_t		measure;		/* TargetMeasure */
	uint8_t		cmp;			/* TargetCmp */
	uint8_t		relative;		/* 1: threshold is the caller's reference */
	uint8_t		flags;			/* TARGET_STRETCH (0 in 0.1.0 and 0.2.0 values) */
	uint8_t		pad[4];
	double		lo;				/* threshold (committed, 确保), or lower bound of between */
	double		hi;				/* upper bound of between, stretch figure (力争), else 0 */
} Target;

/*
 * A committed figure (确保, lo) and a stretch figure (力争, hi) for a >=, >,
 * <= or < target: met at the committed figure; proportional scoring gives
 * the full weight there and rewards progress toward the stretch up to the
 * cap.  The stretch lies beyond the committed figure in the good direction.
 */
#define TARGET_STRETCH 0x01

typedef enum TargetStatus
{
	TARGET_OK = 0,
	TARGET_SYNTAX,				/* malformed text */
	TARGET_NONFINITE,			/* NaN, infinite or overflowing threshold */
	TARGET_BOUNDS,				/* between with lower bound above upper */
	TARGET_CORRUPT				/* binary value with impossible fields */
} TargetStatus;

#define TARGET_DETAIL_LEN 200
#define TARGET_TEXT_LEN 128

/* Parse text into *t; on failure fill detail with a full sentence. */
extern TargetStatus target_parse(const char *s, Target *t, char *detail, size_t len);

/*
 * Parse as target_parse, and give the unit written after the number: "%",
 * "pp" (个百分点), a unit of measure as written ("家", "亿元") or "" (none).
 * The unit of measure is checked, not stored: see target_unit_fits.
 */
#define TARGET_UNIT_LEN 32
extern TargetStatus target_parse_unit(const char *s, Target *t, char *unit,
									  size_t unitlen, char *detail, size_t len);

/*
 * Whether the unit written after a target's number (from target_parse_unit)
 * fits an indicator measured in indicator_unit: no unit, % and pp always
 * do (the measure decides them); a unit of measure must be the indicator's
 * (spaces around it ignored).
 */
extern bool target_unit_fits(const char *written, const char *indicator_unit);

/* Check the invariants every target value holds; normalises -0 to 0. */
extern TargetStatus target_validate(Target *t, char *detail, size_t len);

/* Write the canonical text form (at most TARGET_TEXT_LEN bytes). */
extern void target_format(const Target *t, char *buf, size_t len);

/* Three-way order: measure, comparator, relative, lo, hi. */
extern int	target_compare(const Target *a, const Target *b);

extern const char *target_measure_name(int measure);
extern const char *target_cmp_name(int cmp);
extern const char *target_unit_name(int measure);

/* Whether the comparator rewards lower actual values. */
extern bool target_lower_is_better(const Target *t);

/*
 * Published precision.  decimals is the number of decimals a figure is
 * published to (0..TARGET_MAX_DECIMALS), or TARGET_FULL_PRECISION.  The
 * figure as published is the actual rounded half away from zero; every
 * evaluation and scoring rule that takes decimals judges that figure.
 */
#define TARGET_FULL_PRECISION (-1)
#define TARGET_MAX_DECIMALS 15

extern bool target_check_decimals(int decimals);

/* The figure as published: x rounded to decimals, half away from zero. */
extern double target_published(double x, int decimals);

/* x to 12 significant digits: arithmetic noise dropped before a comparison. */
extern double target_clean(double x);

/*
 * Evaluation.  thr is the threshold in force: t->lo, or the caller's
 * reference for relative targets.  Results that are undefined return false
 * from the function (the SQL result is NULL).  The actual is the figure as
 * judged (see target_published).
 */
extern bool target_eval_met(const Target *t, double thr, double actual);
extern double target_eval_gap(const Target *t, double thr, double actual);
extern bool target_eval_attainment(const Target *t, double thr, double actual,
								   double *result);

/* met, gap and attainment of the figure published to decimals. */
extern bool target_met_at(const Target *t, double thr, double actual, int decimals);
extern double target_gap_at(const Target *t, double thr, double actual, int decimals);
extern bool target_attainment_at(const Target *t, double thr, double actual,
								 int decimals, double *result);

/*
 * The attainment the proportional method scores, defined for every actual
 * (never NaN; may be +-infinity): the ratio where target_eval_attainment
 * defines it, else its limit (a lower-is-better target met at zero or across
 * zero: +infinity; a higher-is-better one missed across zero: the negative
 * ratio), 1 when met and 0 when missed against a threshold of zero.  It
 * never decreases as the actual moves in the good direction, is at least 1
 * when met and below 1 when missed.  Ranges and = targets: 1 inside,
 * outside the ratio to the nearer bound (never above 1).
 */
extern double target_score_attainment(const Target *t, double thr, double actual);

/* Whether a target's points are capped at its weight (between and =). */
extern bool target_no_overachievement(const Target *t);

/* Points ahead of time progress for a prorated level target (false: none). */
extern bool target_eval_schedule_gap(const Target *t, double thr, double actual,
									 double progress, double *points);

/*
 * Points ahead of time progress of the figure published to decimals (false:
 * not a prorated level target, or no figure), cleaned of float noise at a
 * published precision as target_gap_at is: what both target_schedule_gap
 * overloads (time progress by basis, or by a schedule) return.
 */
extern bool target_schedule_gap_at(const Target *t, double actual, double progress,
								   int decimals, double *points);

/* A level target's threshold(s) scaled by time progress (序时目标). */
extern Target target_prorate(const Target *t, double progress);

/*
 * Which measures fit an indicator of the given nature (flow, stock, rate,
 * task): a bit per TargetMeasure; 0 for an unknown nature.
 */
extern unsigned target_measures_for_nature(const char *nature);

/* The measures of a bit set as words: "growth or level". */
extern void target_measures_text(unsigned measures, char *buf, size_t len);

typedef enum TrafficLight
{
	LIGHT_GREEN = 0,
	LIGHT_YELLOW,
	LIGHT_RED
} TrafficLight;

/* Default tolerance, in the unit of the gap the status is judged on. */
extern double target_default_tolerance(const Target *t, double thr, bool prorated);

/* Whether a status tolerance is usable: a finite number not below zero. */
extern bool target_check_tolerance(double tolerance);

/* Yellow when the shortfall is within the tolerance (inclusive), else red. */
extern TrafficLight target_light_for_shortfall(double shortfall, double tolerance);

/* Status from met/gap, or from the schedule gap when prorated. */
extern TrafficLight target_eval_status(const Target *t, double thr, double actual,
									   bool prorate, double progress,
									   bool has_tolerance, double tolerance);

/* The same of the figure published to decimals. */
extern TrafficLight target_status_at(const Target *t, double thr, double actual,
									 bool prorate, double progress,
									 bool has_tolerance, double tolerance,
									 int decimals);

struct BandSet;

/*
 * The same with a band set (band_core.h): the light of the band the
 * shortfall falls in; without one (NULL), that of *tolerance, or of the
 * default tolerance when tolerance is NULL too.
 */
extern TrafficLight target_status_banded(const Target *t, double thr, double actual,
										 bool prorate, double progress,
										 const double *tolerance,
										 const struct BandSet *bands, int decimals);

extern const char *traffic_light_name(TrafficLight l);

/* Time progress: share of the 12-month period from start to as-of. */
typedef enum ProgressBasis
{
	BASIS_MONTH = 1,
	BASIS_DAY = 2
} ProgressBasis;

extern bool progress_basis_parse(const char *s, ProgressBasis *basis);

/*
 * Share of the period elapsed; dates as day numbers (any epoch) plus the
 * calendar fields the month basis needs.  Returns false if as_of is before
 * the start.  Clamped to 1 after the period ends.
 */
extern bool time_progress_share(ProgressBasis basis,
								int start_y, int start_m, int32_t start_day,
								int32_t end_day,
								int asof_y, int asof_m, int32_t asof_day,
								double *share);

#endif
