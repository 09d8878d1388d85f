/*
 * tap.h
 *		A minimal TAP producer for the C unit tests.
 */
#ifndef TAP_H
#define TAP_H

#include <math.h>
#include <stdio.h>
#include <string.h>

static int	tap_n = 0;
static int	tap_failed = 0;

/* Report one assertion. */
#define ok(cond, ...) do { \
	tap_n++; \
	if (cond) printf("ok %d - ", tap_n); \
	else { printf("not ok %d - ", tap_n); tap_failed++; } \
	printf(__VA_ARGS__); printf("\n"); \
} while (0)

/* Two doubles equal within an absolute tolerance. */
#define ok_near(got, want, eps, ...) do { \
	double g_ = (got), w_ = (want); \
	ok(fabs(g_ - w_) <= (eps), __VA_ARGS__); \
	if (!(fabs(g_ - w_) <= (eps))) printf("#   got %.17g, want %.17g\n", g_, w_); \
} while (0)

/* Two strings equal. */
#define ok_str(got, want, ...) do { \
	const char *g_ = (got), *w_ = (want); \
	ok(strcmp(g_, w_) == 0, __VA_ARGS__); \
	if (strcmp(g_, w_) != 0) printf("#   got \"%s\", want \"%s\"\n", g_, w_); \
} while (0)

/* Print the plan and return the exit status. */
static inline int
tap_done(void)
{
	printf("1..%d\n", tap_n);
	return tap_failed ? 1 : 0;
}

#endif
