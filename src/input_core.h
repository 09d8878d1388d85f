/*
 * input_core.h
 *		Reading the months and figures people type into a bureau's files:
 *		2024-7, 2024/07, 2024.07, 2024年7月, 202407 or a date inside the
 *		month; 1,234.5 with thousands separators; full-width digits and
 *		signs; stray BOMs, tabs and no-break spaces around them.
 *
 * Pure C: no PostgreSQL headers, so it reads, unit-tests and fuzzes on its
 * own; src/input.c is the fmgr glue.
 */
#ifndef INPUT_CORE_H
#define INPUT_CORE_H

#include <stdbool.h>
#include <stddef.h>

typedef enum InputStatus
{
	INPUT_OK = 0,
	INPUT_EMPTY,				/* nothing but white space */
	INPUT_SYNTAX,				/* not a month, or not a decimal number */
	INPUT_RANGE					/* a month outside 1..9999, a figure beyond float8 */
} InputStatus;

#define INPUT_DETAIL_LEN 200	/* room for a failure's detail sentence */
#define INPUT_MAX 200			/* longest text read, in bytes */

/*
 * The month a text names: *year (1..9999) and *month (1..12).  On failure
 * the detail sentence says what was expected.
 */
extern InputStatus input_month(const char *s, int *year, int *month,
							   char *detail, size_t len);

/*
 * The decimal number a text writes: sign, digits with optional thousands
 * separators, a fraction and an exponent; never hex, infinity or NaN.
 * *value is the float8 nearest to it.  A number whose magnitude is beyond
 * float8's, or a nonzero one that would round to zero, is INPUT_RANGE.
 */
extern InputStatus input_figure(const char *s, double *value,
								char *detail, size_t len);

/*
 * Copy s to out (of INPUT_MAX bytes) as plain ASCII where it can: full-width
 * forms U+FF01..U+FF5E become their ASCII characters, the ideographic space,
 * no-break spaces, tabs and line breaks become spaces, and a byte-order mark
 * (U+FEFF) goes; leading and trailing spaces are trimmed.  Returns false when
 * s is too long.
 */
extern bool input_normalise(const char *s, char *out);

#endif
