/*
 * assess_core.h
 *		The assessment state: one unit's indicator points combined, its
 *		arithmetic, its accessors and its text form.
 *
 * Nothing here depends on PostgreSQL; src/assess.c is the fmgr glue.
 */
#ifndef ASSESS_CORE_H
#define ASSESS_CORE_H

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>

/*
 * Fixed-size, 80 bytes, no padding.  Every field is a sum or a count, so two
 * states merge by adding field by field.
 */
typedef struct Assessment
{
	double		points;			/* points of applicable score items */
	double		weight;			/* weights of applicable score items */
	double		weight_all;		/* weights of all score items, incl. NULL points */
	double		bonus;			/* bonus points, before the cap */
	double		deduction;		/* deduction points (positive), before the cap */
	double		log_sum;		/* sum of weight x ln(points/weight), points > 0;
								 * NaN once a term is out of range */
	int64_t		applicable;		/* score items with points */
	int64_t		missing;		/* score items with NULL points */
	int64_t		vetoes;			/* veto items that applied */
	int64_t		zeros;			/* applicable items with 0 points, weight > 0 */
} Assessment;

/* What a row of assess(points, weight, kind) is. */
typedef enum AssessKind
{
	KIND_SCORE = 0,
	KIND_BONUS,
	KIND_DEDUCTION,
	KIND_VETO
} AssessKind;

typedef enum AssessStatus
{
	ASSESS_OK = 0,
	ASSESS_WEIGHT,				/* weight negative, NaN, infinite or NULL */
	ASSESS_POINTS,				/* points negative, NaN or infinite */
	ASSESS_SYNTAX,				/* malformed text */
	ASSESS_CORRUPT,				/* impossible field values */
	ASSESS_OVERFLOW,			/* a sum, count or result out of range */
	ASSESS_EMPTY,				/* no item applies: no score */
	ASSESS_ZERO_WEIGHT			/* points > 0 on a score item of weight 0 */
} AssessStatus;

#define ASSESS_DETAIL_LEN 200
#define ASSESS_TEXT_LEN 512

/* Parse a kind name ('score', 'bonus', 'deduction', 'veto'). */
extern bool assess_kind_parse(const char *s, size_t len, AssessKind *kind);

/*
 * Add one row.  has_points/has_weight say whether the values are non-NULL.
 * On a rejected row the state is unchanged; on ASSESS_OVERFLOW (a sum no
 * longer finite) the caller must raise an error and drop the state.
 */
extern AssessStatus assess_add(Assessment *a, AssessKind kind,
							   bool has_points, double points,
							   bool has_weight, double weight);

/* Add one score row without the geometric sums (the weighted_score path). */
extern AssessStatus assess_add_plain(Assessment *a, bool has_points, double points,
									 double weight);

/* a += b, field by field; ASSESS_OVERFLOW if a sum or count overflows. */
extern AssessStatus assess_merge(Assessment *a, const Assessment *b);

/* Check the invariants every state holds (text input and binary receive). */
extern AssessStatus assess_validate(const Assessment *a, char *detail, size_t len);

/* Write the text form; reads back bit-exactly with assess_parse. */
extern void assess_format(const Assessment *a, char *buf, size_t len);

/* Parse the text form and validate it. */
extern AssessStatus assess_parse(const char *s, Assessment *a, char *detail, size_t len);

/* Bonus and deduction after their caps (INFINITY: no cap). */
extern double assess_bonus(const Assessment *a, double cap);
extern double assess_deduction(const Assessment *a, double cap);

/*
 * Normalised score out of 100: ASSESS_EMPTY when no item applies,
 * ASSESS_OVERFLOW when it is not a finite number.
 */
extern AssessStatus assess_normalised(const Assessment *a, double *score);

/*
 * Weighted geometric mean of points/weight, out of 100: ASSESS_EMPTY when
 * no item applies, ASSESS_OVERFLOW when a term of it was out of range (the
 * state keeps log_sum NaN then; every other figure stays usable).
 */
extern AssessStatus assess_geometric(const Assessment *a, double *score);

/* base + bonus - deduction into *out; ASSESS_OVERFLOW when not finite. */
extern AssessStatus assess_adjust(double base, double bonus, double deduction,
								  double *out);


#endif
