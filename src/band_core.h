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
 * Pure C: no PostgreSQL headers.
 */
#ifndef BAND_CORE_H
#define BAND_CORE_H

#include <stdbool.h>
#include <stddef.h>

#include "target_core.h"

#define BAND_MAX 3
/* Longest canonical text of a band set, and of an error detail. */
#define BAND_TEXT_LEN 192
#define BAND_DETAIL_LEN 256

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

#endif
