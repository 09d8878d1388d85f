/*
 * target_text.c
 *		Parsing, validation, canonical formatting and ordering of targets.
 *
 * Pure C: no PostgreSQL headers.  The grammar, case-insensitive and
 * tolerant of spacing:
 *
 *		target  := measure op operand | measure "between" num unit "and" num unit
 *		measure := level | growth | share | change | fall
 *		op      := >= | > | <= | < | = | (the Unicode signs for >= and <=)
 *		operand := num unit | "reference"
 *		unit    := "" for level, "%" for growth and share, "pp" for change
 *
 * The bureau's notation is read as its ASCII equivalent first (see
 * notation_map): full-width digits, signs, % and spaces; the words 增长 and
 * 增速 (growth), 比重 and 占比 (share), 提高 (change), 下降 (fall) and
 * 个百分点 (pp).  A fall is a negative growth (or change, in pp): "fall >=
 * 5%" is stored and printed as "growth <= -5%".
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

/*
 * The bureau's notation and its ASCII equivalents.  Every replacement is
 * no longer than what it replaces, so the mapped text fits in the input's
 * length.  Words become keywords, signs become ASCII signs.
 */
static const struct
{
	const char *from;
	const char *to;
}			notation_map[] = {
	{"\xE2\x89\xA5", ">="},		/* U+2265 >= */
	{"\xE2\xA9\xBE", ">="},		/* U+2A7E slanted >= */
	{"\xE2\x89\xA4", "<="},		/* U+2264 <= */
	{"\xE2\xA9\xBD", "<="},		/* U+2A7D slanted <= */
	{"\xEF\xBC\x9E", ">"},		/* U+FF1E full-width > */
	{"\xEF\xBC\x9C", "<"},		/* U+FF1C full-width < */
	{"\xEF\xBC\x9D", "="},		/* U+FF1D full-width = */
	{"\xEF\xBC\x85", "%"},		/* U+FF05 full-width % */
	{"\xEF\xBC\x8E", "."},		/* U+FF0E full-width full stop */
	{"\xEF\xBC\x8B", "+"},		/* U+FF0B full-width + */
	{"\xEF\xBC\x8D", "-"},		/* U+FF0D full-width - */
	{"\xE2\x88\x92", "-"},		/* U+2212 minus sign */
	{"\xE3\x80\x80", " "},		/* U+3000 ideographic space */
	{"增长", "growth"},
	{"增速", "growth"},
	{"比重", "share"},
	{"占比", "share"},
	{"提高", "change"},
	{"下降", "fall"},
	{"个百分点", "pp"},
	{"百分点", "pp"},
};

#define NOTATION_MAX 256		/* longest input mapped, in bytes */

/* Text in the bureau's notation mapped to ASCII, with where each byte came from. */
typedef struct Mapped
{
	char		ascii[NOTATION_MAX];
	short		from[NOTATION_MAX]; /* offset in the input of each byte */
} Mapped;

/* Append to m at *n the ASCII text to, which stands for the input at offset. */
static void
mapped_put(Mapped *m, size_t *n, const char *to, size_t offset)
{
	for (; *to; to++, (*n)++)
	{
		m->ascii[*n] = *to;
		m->from[*n] = (short) offset;
	}
}

/*
 * Map the bureau's notation in s to ASCII; full-width digits U+FF10..U+FF19
 * are read as 0..9.  Returns false when s is too long.  Bytes not in the map
 * are copied unchanged.
 */
static bool
notation_to_ascii(const char *s, Mapped *m)
{
	size_t		n = 0,
				i = 0,
				slen = strlen(s);

	if (slen >= NOTATION_MAX)
		return false;
	while (s[i])
	{
		const unsigned char *u = (const unsigned char *) s + i;
		size_t		used = 0;

		if (u[0] == 0xEF && u[1] == 0xBC && u[2] >= 0x90 && u[2] <= 0x99)
		{
			char		digit[2] = {(char) ('0' + (u[2] - 0x90)), '\0'};

			mapped_put(m, &n, digit, i);
			used = 3;
		}
		for (size_t k = 0; used == 0 && k < sizeof(notation_map) / sizeof(notation_map[0]); k++)
		{
			size_t		len = strlen(notation_map[k].from);

			if (strncmp(s + i, notation_map[k].from, len) == 0)
			{
				mapped_put(m, &n, notation_map[k].to, i);
				used = len;
			}
		}
		if (used == 0)
		{
			m->ascii[n] = s[i];
			m->from[n++] = (short) i;
			used = 1;
		}
		i += used;
	}
	m->ascii[n] = '\0';
	m->from[n] = (short) slen;
	return true;
}

/* Whether s has a byte outside ASCII (so may use the bureau's notation). */
static bool
has_non_ascii(const char *s)
{
	for (; *s; s++)
		if ((unsigned char) *s >= 0x80)
			return true;
	return false;
}

/* Read the measure keyword; "fall" reads as growth with *fall set. */
static TargetStatus
scan_measure(Scanner *sc, Target *t, bool *fall)
{
	for (int m = MEASURE_LEVEL; m <= MEASURE_CHANGE; m++)
	{
		if (scan_word(sc, measure_names[m]))
		{
			t->measure = (uint8_t) m;
			return TARGET_OK;
		}
	}
	if (scan_word(sc, "fall"))
	{
		t->measure = MEASURE_GROWTH;
		*fall = true;
		return TARGET_OK;
	}
	return fail(sc, TARGET_SYNTAX,
				"A target starts with a measure: level, growth (增长, 增速), share (比重, 占比), change (提高) or fall (下降), as in \"growth >= 7%%\".");
}

/* Read the comparator: a sign or the word between. */
static TargetStatus
scan_cmp(Scanner *sc, Target *t)
{
	const char *p = sc->p;

	if (strncmp(p, ">=", 2) == 0)
		t->cmp = CMP_GE, sc->p += 2;
	else if (strncmp(p, "<=", 2) == 0)
		t->cmp = CMP_LE, sc->p += 2;
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
					"After the measure comes a comparison: >=, >, <=, <, = or between, as in \"growth >= 7%%\".");
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
		return fail(sc, TARGET_SYNTAX,
					"Expected a number, such as 7 or 0.5, as in \"growth >= 7%%\" or \"change >= 0.5pp\".");
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
	/* below the float8 range (7e-400): as PostgreSQL's float8 input, refused */
	if (errno == ERANGE && *v == 0.0)
		return fail(sc, TARGET_NONFINITE,
					"A threshold must be zero or within the float8 range; this one would read as 0.");
	if (*v == 0.0)
		*v = 0.0;				/* no negative zero */
	sc->p = p;
	return TARGET_OK;
}

/*
 * Read the unit after a number and check that it fits the measure.  A fall
 * is a growth in % or, when its first unit is pp, a change.
 */
static TargetStatus
scan_unit(Scanner *sc, Target *t, bool fall, bool first)
{
	const char *got;

	scan_skip_ws(sc);
	if (*sc->p == '%')
		got = "%", sc->p++;
	else if (scan_word(sc, "pp"))
		got = "pp";
	else
		got = "";
	if (fall && first && strcmp(got, "pp") == 0)
		t->measure = MEASURE_CHANGE;
	if (strcmp(got, unit_names[t->measure]) == 0)
		return TARGET_OK;
	if (fall)
		return fail(sc, TARGET_SYNTAX,
					"A fall is in %% (growth) or in percentage points (change), e.g. \"下降 >= 5%%\" or \"fall >= 0.5pp\".");
	if (t->measure == MEASURE_LEVEL)
		return fail(sc, TARGET_SYNTAX,
					"A level threshold is a plain number with no unit, e.g. \"level >= 100\".");
	if (t->measure == MEASURE_CHANGE)
		return fail(sc, TARGET_SYNTAX,
					"A change threshold is in percentage points, e.g. \"change >= 0.5pp\" or \"提高 >= 0.5个百分点\".");
	return fail(sc, TARGET_SYNTAX, "A %s threshold is in %%, e.g. \"%s >= 7%%\".",
				measure_names[t->measure], measure_names[t->measure]);
}

/* Read a number followed by its unit. */
static TargetStatus
scan_quantity(Scanner *sc, Target *t, double *v, bool fall, bool first)
{
	TargetStatus st;

	scan_skip_ws(sc);
	if ((st = scan_number(sc, v)) != TARGET_OK)
		return st;
	return scan_unit(sc, t, fall, first);
}

/*
 * Turn a fall into the growth (or change) it means: "fall >= 5%" is
 * "growth <= -5%", "fall between 2% and 5%" is "growth between -5% and -2%".
 */
static void
fall_to_growth(Target *t)
{
	static const uint8_t mirror[] = {0, CMP_LE, CMP_LT, CMP_GE, CMP_GT, CMP_EQ, CMP_BETWEEN};
	double		lo = t->lo;

	t->cmp = mirror[t->cmp];
	if (t->cmp == CMP_BETWEEN)
	{
		t->lo = -t->hi;
		t->hi = -lo;
	}
	else
		t->lo = -lo;
}

/*
 * Parse ASCII text (the bureau's notation already mapped: orig is the input
 * and m the mapping, or NULL when the input was ASCII).
 */
static TargetStatus
parse_ascii(const char *s, Target *t, char *detail, size_t len,
			const char *orig, const Mapped *m)
{
	Scanner		sc = {s, detail, len};
	TargetStatus st;
	bool		fall = false;
	char		excerpt[48];

	memset(t, 0, sizeof(*t));
	scan_skip_ws(&sc);
	if ((st = scan_measure(&sc, t, &fall)) != TARGET_OK)
		return st;
	scan_skip_ws(&sc);
	if ((st = scan_cmp(&sc, t)) != TARGET_OK)
		return st;
	scan_skip_ws(&sc);
	if (t->cmp == CMP_BETWEEN)
	{
		if ((st = scan_quantity(&sc, t, &t->lo, fall, true)) != TARGET_OK)
			return st;
		scan_skip_ws(&sc);
		if (!scan_word(&sc, "and"))
			return fail(&sc, TARGET_SYNTAX,
						"A between target reads \"growth between 6%% and 8%%\".");
		if ((st = scan_quantity(&sc, t, &t->hi, fall, false)) != TARGET_OK)
			return st;
	}
	else if (scan_word(&sc, "reference"))
	{
		if (fall)
			return fail(&sc, TARGET_SYNTAX,
						"A fall compares with numbers only; against a reference write \"growth < reference\".");
		t->relative = 1;
	}
	else if ((st = scan_quantity(&sc, t, &t->lo, fall, true)) != TARGET_OK)
		return st;
	scan_skip_ws(&sc);
	if (*sc.p != '\0')
	{
		/* quote the input as typed, not as mapped */
		Scanner		rest = {m ? orig + m->from[sc.p - s] : sc.p, NULL, 0};

		return fail(&sc, TARGET_SYNTAX, "Unexpected text after the target: \"%s\".",
					scan_excerpt(&rest, excerpt, sizeof(excerpt)));
	}
	if (fall)
		fall_to_growth(t);
	return target_validate(t, detail, len);
}

TargetStatus
target_parse(const char *s, Target *t, char *detail, size_t len)
{
	Mapped		m;

	if (!has_non_ascii(s))
		return parse_ascii(s, t, detail, len, s, NULL);
	if (!notation_to_ascii(s, &m))
	{
		memset(t, 0, sizeof(*t));
		scan_detail(&(Scanner) {"", detail, len},
					"A target is at most %d bytes long.", NOTATION_MAX - 1);
		return TARGET_SYNTAX;
	}
	return parse_ascii(m.ascii, t, detail, len, s, &m);
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
