/*
 * target_text.c
 *		Parsing, validation, canonical formatting and ordering of targets.
 *
 * Pure C: no PostgreSQL headers.  The grammar, case-insensitive and
 * tolerant of spacing:
 *
 *		target  := measure op operand | measure "between" num unit "and" num unit
 *		measure := level | growth | share | change
 *		op      := >= | > | <= | < | = | (the Unicode signs for >= and <=)
 *		operand := num unit | "reference"
 *		unit    := "" for level, "%" for growth and share, "pp" for change
 */
#include "target_core.h"
#include "float_text.h"
#include "scan.h"

#include <errno.h>
#include <math.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <strings.h>

static const char *const measure_names[] = {NULL, "level", "growth", "share", "change"};
static const char *const cmp_names[] = {NULL, ">=", ">", "<=", "<", "=", "between"};
static const char *const unit_names[] = {NULL, "", "%", "%", "pp"};

/* Record a failure's detail sentence and return the status. */
#define fail(sc, st, ...) (scan_detail((sc), __VA_ARGS__), (st))

/* Read the measure keyword. */
static TargetStatus
scan_measure(Scanner *sc, Target *t)
{
	for (int m = MEASURE_LEVEL; m <= MEASURE_CHANGE; m++)
	{
		if (scan_word(sc, measure_names[m]))
		{
			t->measure = (uint8_t) m;
			return TARGET_OK;
		}
	}
	return fail(sc, TARGET_SYNTAX,
				"A target starts with a measure: level, growth, share or change.");
}

/* Read the comparator: symbols, Unicode signs, or the word between. */
static TargetStatus
scan_cmp(Scanner *sc, Target *t)
{
	const char *p = sc->p;

	if (strncmp(p, ">=", 2) == 0 || strncmp(p, "\xE2\x89\xA5", 3) == 0)
		t->cmp = CMP_GE, sc->p += (p[0] == '>') ? 2 : 3;
	else if (strncmp(p, "<=", 2) == 0 || strncmp(p, "\xE2\x89\xA4", 3) == 0)
		t->cmp = CMP_LE, sc->p += (p[0] == '<') ? 2 : 3;
	else if (p[0] == '>')
		t->cmp = CMP_GT, sc->p += 1;
	else if (p[0] == '<')
		t->cmp = CMP_LT, sc->p += 1;
	else if (p[0] == '=')
		t->cmp = CMP_EQ, sc->p += 1;
	else if (scan_word(sc, "between"))
		t->cmp = CMP_BETWEEN;
	else
		return fail(sc, TARGET_SYNTAX,
					"After the measure comes a comparison: >=, >, <=, <, = or between.");
	return TARGET_OK;
}

/* Read a number with optional sign, decimals and exponent, or nan/inf words. */
static TargetStatus
scan_number(Scanner *sc, double *v)
{
	const char *s = sc->p;
	const char *p = s;
	char		buf[64];
	char	   *end;

	if (*p == '+' || *p == '-')
		p++;
	if (scan_word(&(Scanner) {.p = p}, "nan") ||
		scan_word(&(Scanner) {.p = p}, "inf") ||
		scan_word(&(Scanner) {.p = p}, "infinity"))
		return fail(sc, TARGET_NONFINITE, "A threshold must be a finite number.");
	if (!((*p >= '0' && *p <= '9') || (*p == '.' && p[1] >= '0' && p[1] <= '9')))
		return fail(sc, TARGET_SYNTAX, "Expected a number, such as 7 or 0.5.");
	while (*p >= '0' && *p <= '9')
		p++;
	if (*p == '.')
		for (p++; *p >= '0' && *p <= '9'; p++);
	if ((*p == 'e' || *p == 'E') &&
		((p[1] >= '0' && p[1] <= '9') ||
		 ((p[1] == '+' || p[1] == '-') && p[2] >= '0' && p[2] <= '9')))
		for (p += 2; *p >= '0' && *p <= '9'; p++);
	if ((size_t) (p - s) >= sizeof(buf))
		return fail(sc, TARGET_SYNTAX, "A threshold has at most 60 characters.");
	memcpy(buf, s, p - s);
	buf[p - s] = '\0';
	errno = 0;
	*v = strtod(buf, &end);
	if (errno == ERANGE && fabs(*v) > 1.0)
		return fail(sc, TARGET_NONFINITE, "A threshold must be a finite number.");
	if (*v == 0.0)
		*v = 0.0;				/* no negative zero */
	sc->p = p;
	return TARGET_OK;
}

/* Read the unit after a number and check that it fits the measure. */
static TargetStatus
scan_unit(Scanner *sc, const Target *t)
{
	const char *want = unit_names[t->measure];
	const char *got;

	scan_skip_ws(sc);
	if (*sc->p == '%')
		got = "%", sc->p++;
	else if (scan_word(sc, "pp"))
		got = "pp";
	else
		got = "";
	if (strcmp(got, want) == 0)
		return TARGET_OK;
	if (t->measure == MEASURE_LEVEL)
		return fail(sc, TARGET_SYNTAX,
					"A level threshold is a plain number with no unit, e.g. \"level >= 100\".");
	if (t->measure == MEASURE_CHANGE)
		return fail(sc, TARGET_SYNTAX,
					"A change threshold is in percentage points, e.g. \"change >= 0.5pp\".");
	return fail(sc, TARGET_SYNTAX, "A %s threshold is in %%, e.g. \"%s >= 7%%\".",
				measure_names[t->measure], measure_names[t->measure]);
}

/* Read a number followed by its unit. */
static TargetStatus
scan_quantity(Scanner *sc, const Target *t, double *v)
{
	TargetStatus st;

	scan_skip_ws(sc);
	if ((st = scan_number(sc, v)) != TARGET_OK)
		return st;
	return scan_unit(sc, t);
}

TargetStatus
target_parse(const char *s, Target *t, char *detail, size_t len)
{
	Scanner		sc = {s, detail, len};
	TargetStatus st;
	char		excerpt[48];

	memset(t, 0, sizeof(*t));
	scan_skip_ws(&sc);
	if ((st = scan_measure(&sc, t)) != TARGET_OK)
		return st;
	scan_skip_ws(&sc);
	if ((st = scan_cmp(&sc, t)) != TARGET_OK)
		return st;
	scan_skip_ws(&sc);
	if (t->cmp == CMP_BETWEEN)
	{
		if ((st = scan_quantity(&sc, t, &t->lo)) != TARGET_OK)
			return st;
		scan_skip_ws(&sc);
		if (!scan_word(&sc, "and"))
			return fail(&sc, TARGET_SYNTAX,
						"A between target reads \"growth between 6%% and 8%%\".");
		if ((st = scan_quantity(&sc, t, &t->hi)) != TARGET_OK)
			return st;
	}
	else if (scan_word(&sc, "reference"))
		t->relative = 1;
	else if ((st = scan_quantity(&sc, t, &t->lo)) != TARGET_OK)
		return st;
	scan_skip_ws(&sc);
	if (*sc.p != '\0')
		return fail(&sc, TARGET_SYNTAX, "Unexpected text after the target: \"%s\".",
					scan_excerpt(&sc, excerpt, sizeof(excerpt)));
	return target_validate(t, detail, len);
}

TargetStatus
target_validate(Target *t, char *detail, size_t len)
{
	Scanner		sc = {"", detail, len};

	if (t->measure < MEASURE_LEVEL || t->measure > MEASURE_CHANGE ||
		t->cmp < CMP_GE || t->cmp > CMP_BETWEEN || t->relative > 1 ||
		t->pad[0] | t->pad[1] | t->pad[2] | t->pad[3] | t->pad[4])
		return fail(&sc, TARGET_CORRUPT, "The measure, comparison or flags are out of range.");
	if (!isfinite(t->lo) || !isfinite(t->hi))
		return fail(&sc, TARGET_NONFINITE, "A threshold must be a finite number.");
	if (t->relative && (t->cmp == CMP_BETWEEN || t->lo != 0.0 || t->hi != 0.0))
		return fail(&sc, TARGET_CORRUPT,
					"A relative target compares with one reference and holds no threshold.");
	if (t->cmp != CMP_BETWEEN && t->hi != 0.0)
		return fail(&sc, TARGET_CORRUPT, "Only a between target has an upper bound.");
	if (t->cmp == CMP_BETWEEN && t->lo > t->hi)
		return fail(&sc, TARGET_BOUNDS,
					"The lower bound of a between target must not exceed the upper bound.");
	if (t->lo == 0.0)
		t->lo = 0.0;
	if (t->hi == 0.0)
		t->hi = 0.0;
	return TARGET_OK;
}

void
target_format(const Target *t, char *buf, size_t len)
{
	const char *m = measure_names[t->measure];
	const char *u = unit_names[t->measure];
	char		lo[32],
				hi[32];

	if (t->relative)
	{
		snprintf(buf, len, "%s %s reference", m, cmp_names[t->cmp]);
		return;
	}
	float_text(t->lo, lo, sizeof(lo));
	if (t->cmp == CMP_BETWEEN)
	{
		float_text(t->hi, hi, sizeof(hi));
		snprintf(buf, len, "%s between %s%s and %s%s", m, lo, u, hi, u);
	}
	else
		snprintf(buf, len, "%s %s %s%s", m, cmp_names[t->cmp], lo, u);
}

int
target_compare(const Target *a, const Target *b)
{
	if (a->measure != b->measure)
		return a->measure < b->measure ? -1 : 1;
	if (a->cmp != b->cmp)
		return a->cmp < b->cmp ? -1 : 1;
	if (a->relative != b->relative)
		return a->relative < b->relative ? -1 : 1;
	if (a->lo != b->lo)
		return a->lo < b->lo ? -1 : 1;
	if (a->hi != b->hi)
		return a->hi < b->hi ? -1 : 1;
	return 0;
}

const char *
target_measure_name(int measure)
{
	return measure_names[measure];
}

const char *
target_cmp_name(int cmp)
{
	return cmp_names[cmp];
}

const char *
target_unit_name(int measure)
{
	return unit_names[measure];
}
