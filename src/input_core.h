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

/*
 * The staging loader's reading of a staged field (plan/60_load.sql), one
 * definition for the whole loader.  The field is first trimmed of what
 * input_staging_trim removes.
 *
 * input_staged_month: a month as 2024-03 or 2024/3 (the first day of it) or
 * a date 2024-03-15 (that day, so that the loader can say it is not the
 * first of its month); then, when fallback is true and those forms do not
 * read, what input_month reads (the first day of that month).  *day is the
 * day of the month.  False when nothing reads, or the date is not one of
 * the calendar.
 *
 * input_staged_figure: a plain decimal number (digits, an optional point
 * and exponent, as PostgreSQL's float8 input reads it: a subnormal
 * magnitude is read, an overflow or a nonzero underflow to zero is not);
 * then, when fallback is true and that does not read, what input_figure
 * reads (1,234.5, full-width digits).  False when nothing reads.
 */
extern bool input_staged_month(const char *s, size_t len, bool fallback,
							   int *year, int *month, int *day);
extern bool input_staged_figure(const char *s, size_t len, bool fallback,
								double *value);

/*
 * The part of s (len bytes) left after trimming both ends of the characters
 * the loader trims from a staged field: ASCII white space (space, tab, line
 * ends, vertical tab, form feed) and, when s is UTF-8 (utf8), U+00A0,
 * U+202F, U+3000, U+FEFF, U+200B..U+200D, U+2060 and U+2000..U+200A (in
 * another encoding their bytes may end another character).  Sets *start
 * and returns the length of what is left.
 */
extern size_t input_staging_trim(const char *s, size_t len, bool utf8, size_t *start);

#endif
