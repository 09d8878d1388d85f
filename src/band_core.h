/*
 * band_core.h
 *		Status band sets: which light a shortfall behind a target gets.
 *
 * A band set gives each light the range of shortfalls it covers, as
 * bureaus publish them:
 *
 *		green: shortfall <= 1; yellow: 1 < shortfall <= 3; red: shortfall > 3
 *
 * The shortfall is how far a target not met is behind, in the unit of the
 * gap its status is judged on (points of time progress, percentage points,
 * the target's unit), never below 0.  A valid set covers every shortfall
 * from 0 up exactly once: no hole, no overlap; the lights appear at most
 * once each, in the order green, yellow, red.  Being met (or at or ahead of
 * time progress) is green whatever the set says.
 *
 * The bounds of a set may instead be percentages of the target's
 * threshold, each written "x% of target":
 *
 *		green: shortfall <= 1% of target; yellow: 1% of target < shortfall
 *		<= 5% of target; red: shortfall > 5% of target
 *
 * Such a set is checked for cover as written (the percentages) and judges
 * a shortfall after band_set_scaled() has turned each bound x into
 * x * unit / 100, where the unit is the threshold's absolute value (100
 * when the shortfall is in points of time progress, which are already
 * percentages of the annual target).  A set is written one way: a bound 0
 * is the same in both; any other bound without "% of target" beside one
 * with it is refused.
 *
 * Pure C: no PostgreSQL headers.
 */
#ifndef BAND_CORE_H
#define BAND_CORE_H

#include <stdbool.h>
#include <stddef.h>

#include "target_core.h"

#define BAND_MAX 3
/* Longest canonical text of a band set, and of an error detail. */
#define BAND_TEXT_LEN 320
#define BAND_DETAIL_LEN 384

typedef struct Band
{
	TrafficLight light;
	double		lo;				/* lower bound, >= 0 */
	double		hi;				/* upper bound, INFINITY when unbounded */
	bool		lo_incl;		/* lo itself is in the band */
	bool		hi_incl;		/* hi itself is in the band (false when unbounded) */
} Band;

typedef struct BandSet
{
	int			n;
	Band		band[BAND_MAX];	/* in order of their lower bounds */
	bool		percent;		/* the bounds are % of the target's threshold */
} BandSet;

/*
 * Parse and validate a band set's text.  On failure returns false and
 * writes a sentence saying what is wrong (the range left uncovered or
 * covered twice, or what was expected where) into detail.
 */
extern bool band_set_parse(const char *s, BandSet *b, char *detail, size_t len);

/* The canonical text of a valid band set (reads back to the same set). */
extern void band_set_format(const BandSet *b, char *buf, size_t len);

/* The band set of a single tolerance: yellow up to it (included), red beyond. */
extern void band_set_of_tolerance(double tolerance, BandSet *b);

/* The light of a shortfall (>= 0) in a valid band set, compared cleaned. */
extern TrafficLight band_set_light(const BandSet *b, double shortfall);

/*
 * The set b in the unit of the shortfall: a set in percent of the
 * threshold with each bound x made x * unit / 100 (cleaned; unit is the
 * threshold's absolute value, or 100 for points of time progress); any
 * other set as it is.  The result is not checked for cover: at a unit of 0
 * every bound is 0, the bands between empty.
 */
extern void band_set_scaled(const BandSet *b, double unit, BandSet *out);

#endif
