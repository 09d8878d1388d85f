/*
 * target_text.c
 *		Parsing, validation, canonical formatting and ordering of targets.
 *
 * Pure C: no PostgreSQL headers.  The grammar, case-insensitive and
 * tolerant of spacing:
 *
 *		target  := measure op operand [stretch] | measure "between" num unit "and" num unit
 *		stretch := [","] "stretch" num unit	(a >=, >, <= or < target: see TARGET_STRETCH)
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
 *
 * Text in the bureau's notation (any byte outside ASCII) may also be worded
 * as plans write it (see parse_target):
 *
 *		target  := [measure] [op] operand [suffix] | measure (alone: rises, falls)
 *		operand := num [unit] | num [unit] "~" num unit | words "growth"
 *		suffix  := 以上 | 及以上 (>=) | 以内 | 以下 (<=) | 左右 (about: >=)
 *		stretch := ("、" | "，" | ",") 力争 [measure] num [unit] [suffix]
 *
 * with the comparisons in words (不低于, 不少于, 达到, ≧: >=; 不高于, 不超过,
 * 控制在, ≦: <=; 高于, 超过: >; 低于, 少于: <), 新增 (level), a unit of
 * measure after the number (100家, 50亿元: a level), no comparison meaning
 * >= (增长7%: growth >= 7%), no measure meaning share for %, change for
 * 个百分点 and level otherwise, and a reference named by its growth
 * (增速高于经济增速: growth > reference).  The unit of measure is read and
 * checked, not stored (target_parse_unit).
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
 * Words of the bureau's notation read as tokens no one types: a control
 * byte and a letter (only text mapped from the notation holds them).
 */
#define TOKEN_MARK '\x1F'
#define TOKEN_AT_LEAST "\x1F" "G"	/* 以上: the figure or more */
#define TOKEN_AT_MOST "\x1F" "L"	/* 以内, 以下: the figure or less */
#define TOKEN_ABOUT "\x1F" "A"		/* 左右: about the figure, read as >= */
#define TOKEN_STRETCH "\x1F" "S"	/* 力争: strive for (the stretch figure) */
#define TOKEN_ZERO "\x1F" "Z"		/* 清零, 杜绝: level = 0 */

/*
 * The bureau's notation and its ASCII equivalents.  Every replacement is
 * no longer than what it replaces; a word's is put between spaces (so
 * 比重提高 reads "share change"), which at most doubles the length.  Words
 * become keywords, signs become ASCII signs.
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
	/* plans' wording: comparisons, suffixes and words that add nothing */
	{"\xE2\x89\xA7", ">="},		/* U+2267 >= over = */
	{"\xE2\x89\xA6", "<="},		/* U+2266 <= over = */
	{"\xEF\xBD\x9E", "~"},		/* U+FF5E full-width tilde: a range */
	{"至", "~"},
	{"到", "~"},
	{"不低于", ">="},
	{"不少于", ">="},
	{"不小于", ">="},
	{"达到", ">="},
	{"达", ">="},
	{"不高于", "<="},
	{"不超过", "<="},
	{"不多于", "<="},
	{"不大于", "<="},
	{"控制在", "<="},
	{"高于", ">"},
	{"超过", ">"},
	{"多于", ">"},
	{"大于", ">"},
	{"低于", "<"},
	{"少于", "<"},
	{"小于", "<"},
	{"及以上", TOKEN_AT_LEAST},
	{"以上", TOKEN_AT_LEAST},
	{"及以下", TOKEN_AT_MOST},
	{"以下", TOKEN_AT_MOST},
	{"以内", TOKEN_AT_MOST},
	{"左右", TOKEN_ABOUT},
	{"清零", TOKEN_ZERO},
	{"杜绝", TOKEN_ZERO},
	{"新增", "level"},
	{"提升", "change"},
	{"确保", ""},
	{"力争", TOKEN_STRETCH},
	{"\xE3\x80\x81", ","},		/* U+3001 enumeration comma */
	{"\xEF\xBC\x8C", ","},		/* U+FF0C full-width comma */
	{"\xEF\xBC\x9B", ";"},		/* U+FF1B full-width semicolon */
	{"同比", ""},
	{"比上年", ""},
	{"较上年", ""},
	{"持续", ""},
	{"全年", ""},
	{"动态", ""},
};

#define NOTATION_MAX 256		/* longest input mapped, in bytes */

/* Text in the bureau's notation mapped to ASCII, with where each byte came from. */
typedef struct Mapped
{
	char		ascii[2 * NOTATION_MAX];
	short		from[2 * NOTATION_MAX]; /* offset in the input of each byte */
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
				bool		word = (notation_map[k].to[0] >= 'a' &&
									notation_map[k].to[0] <= 'z') ||
					notation_map[k].to[0] == TOKEN_MARK;

				mapped_put(m, &n, word ? " " : "", i);
				mapped_put(m, &n, notation_map[k].to, i);
				mapped_put(m, &n, word ? " " : "", i);
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

#define MEASURE_DETAIL "A target starts with a measure: level, growth (增长, 增速), share (比重, 占比), change (提高) or fall (下降), as in \"growth >= 7%%\"."

/* What was written after a number: nothing, %, pp, or a unit of measure. */
typedef enum UnitKind
{
	UNIT_NONE = 0,
	UNIT_PERCENT,
	UNIT_PP,
	UNIT_WORD					/* 家, 亿元: a level's unit of measure */
} UnitKind;

typedef struct Unit
{
	UnitKind	kind;
	const char *word;			/* UNIT_WORD: where it starts in the text */
	size_t		wordlen;		/* UNIT_WORD: its length in bytes */
} Unit;

#define UNIT_WORD_MAX 24		/* longest unit of measure, in bytes (8 characters) */

/* The state of one parse. */
typedef struct Parse
{
	Scanner		sc;
	Target	   *t;
	const char *s;				/* the (mapped) text being parsed */
	const char *orig;			/* the input as typed */
	const Mapped *m;			/* the mapping, or NULL for ASCII input */
	bool		bureau;			/* the bureau's notation: plans' wording read */
	bool		has_measure;	/* a measure word was written */
	bool		fall;			/* the measure is a fall */
	bool		share_word;		/* 比重 before 提高 or 下降: a share that changes */
	bool		has_cmp;		/* a comparison was written before the number */
	bool		named;			/* a name came before a sign or number, not a measure */
	Unit		unit;			/* the unit written after the (last) number */
} Parse;

/* The input as typed of the mapped span [from, to), cut to fit buf. */
static const char *
typed_span(const Parse *ps, const char *from, const char *to, char *buf, size_t len)
{
	size_t		a = ps->m ? (size_t) ps->m->from[from - ps->s] : (size_t) (from - ps->s);
	size_t		b = ps->m ? (size_t) ps->m->from[to - ps->s] : (size_t) (to - ps->s);
	size_t		n = b - a < len - 1 ? b - a : len - 1;

	memcpy(buf, ps->orig + a, n);
	buf[n] = '\0';
	scan_trim_utf8(buf);
	return buf;
}

/* Whether c may be part of a comparison sign. */
static bool
is_sign(char c)
{
	return c == '>' || c == '<' || c == '=' || c == '!';
}

/* Read a measure keyword; "fall" reads as growth with ps->fall set. */
static bool
scan_measure_word(Parse *ps)
{
	for (int m = MEASURE_LEVEL; m <= MEASURE_CHANGE; m++)
	{
		if (scan_word(&ps->sc, measure_names[m]))
		{
			ps->t->measure = (uint8_t) m;
			ps->fall = false;
			return ps->has_measure = true;
		}
	}
	if (scan_word(&ps->sc, "fall"))
	{
		ps->t->measure = MEASURE_GROWTH;
		return ps->fall = ps->has_measure = true;
	}
	return false;
}

/*
 * In the bureau's notation, skip the indicator's name where a plan writes
 * it (数字经济增长15%以上, 新增高新技术企业100家以上): characters outside
 * ASCII followed by a measure, a comparison, a number or 清零.  A name
 * followed by a comparison or a number sets ps->named: the figure must then
 * carry a unit of measure (有进出口实绩企业超过600家), so that a word
 * mistyped for a measure (增加 >= 7%) is refused, not read as a share.
 */
static void
skip_name(Parse *ps)
{
	Scanner		probe;
	bool		measure = false;

	scan_skip_ws(&ps->sc);
	if (!ps->bureau || (unsigned char) *ps->sc.p < 0x80)
		return;
	for (probe.p = ps->sc.p; (unsigned char) *probe.p >= 0x80; probe.p++);
	scan_skip_ws(&probe);
	for (int m = MEASURE_LEVEL; m <= MEASURE_CHANGE; m++)
		measure |= scan_word(&(Scanner) {.p = probe.p}, measure_names[m]);
	measure |= scan_word(&(Scanner) {.p = probe.p}, "fall");
	if (measure || (probe.p[0] == TOKEN_MARK && probe.p[1] == 'Z'))
		ps->sc.p = probe.p;
	else if ((*probe.p >= '0' && *probe.p <= '9') ||
			 (*probe.p && strchr("+-.", *probe.p)) || is_sign(*probe.p))
	{
		/* only a count may follow a bare name: see parse_target */
		ps->sc.p = probe.p;
		ps->named = true;
	}
}

/*
 * Read the measure.  In the bureau's notation the measure may be left out
 * (ps->has_measure false) or follow the indicator's name, 新增 (a level)
 * may be followed by the measure proper (新增…比重22%以上: a share), and a
 * share may rise or fall (比重提高0.5个百分点: a change).
 */
static TargetStatus
scan_measure(Parse *ps)
{
	Scanner    *sc = &ps->sc;
	Target	   *t = ps->t;

	skip_name(ps);
	if (scan_measure_word(ps) && ps->bureau)
	{
		skip_name(ps);
		if (t->measure == MEASURE_LEVEL && !ps->fall)
			(void) scan_measure_word(ps);
	}
	if (ps->bureau && t->measure == MEASURE_SHARE)
	{
		scan_skip_ws(sc);
		if (scan_word(sc, "change"))
			t->measure = MEASURE_CHANGE, ps->share_word = true;
		else if (scan_word(sc, "fall"))
			t->measure = MEASURE_GROWTH, ps->fall = ps->share_word = true;
	}
	if (ps->has_measure || ps->bureau || is_sign(*sc->p))
		return TARGET_OK;
	return fail(sc, TARGET_SYNTAX, MEASURE_DETAIL);
}

/*
 * Read the comparator: a sign or the word between.  A sign written out of
 * order or twice (=>, =<, ≥=, > =, ==) is refused with its fix.  In the
 * bureau's notation the comparator may be left out (ps->has_cmp false).
 */
static TargetStatus
scan_cmp(Parse *ps)
{
	Scanner    *sc = &ps->sc;
	Target	   *t = ps->t;
	const char *p = sc->p;
	const char *q = p;
	char		sign[8] = "",
				typed[48];
	size_t		n = 0;
	bool		gt = false,
				lt = false,
				bad = false;

	/* the run of sign characters, spaces between them included */
	while (is_sign(*q) || (*q == ' ' && is_sign(q[strspn(q, " ")])))
	{
		if (*q != ' ' && n < sizeof(sign) - 1)
			sign[n++] = *q;
		gt |= *q == '>';
		lt |= *q == '<';
		bad |= *q == '!';
		q++;
	}
	sign[n] = '\0';
	if (n > 0)
	{
		static const char *const signs[] = {NULL, ">=", ">", "<=", "<", "="};

		for (int c = CMP_GE; c <= CMP_EQ; c++)
		{
			if (strcmp(sign, signs[c]) == 0 && (n == 1 || q - p == 2))
			{
				t->cmp = (uint8_t) c;
				sc->p = q;
				ps->has_cmp = true;
				return TARGET_OK;
			}
		}
		typed_span(ps, p, q, typed, sizeof(typed));
		if (!bad && gt != lt)
			return fail(sc, TARGET_SYNTAX,
						"The comparison \"%s\" is written \"%s\" (%s), as in \"%s\".",
						typed, gt ? ">=" : "<=", gt ? "≥" : "≤",
						gt ? "growth >= 7%" : "level <= 10");
		if (!bad && !gt && !lt)
			return fail(sc, TARGET_SYNTAX,
						"The comparison \"%s\" is written \"=\", as in \"level = 0\".", typed);
		return fail(sc, TARGET_SYNTAX,
					"The comparison \"%s\" is not one a target makes: write >=, >, <=, <, = or between, as in \"growth >= 7%%\".",
					typed);
	}
	if (scan_word(sc, "between"))
	{
		t->cmp = CMP_BETWEEN;
		ps->has_cmp = true;
		return TARGET_OK;
	}
	if (ps->bureau)
		return TARGET_OK;
	return fail(sc, TARGET_SYNTAX,
				"After the measure comes a comparison: >=, >, <=, <, = or between, as in \"growth >= 7%%\".");
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
 * Read what is written after a number: %, pp or, in the bureau's notation,
 * a unit of measure (the characters up to the next ASCII byte or word of
 * the notation: 家, 亿元, 万美元).
 */
static TargetStatus
scan_unit(Parse *ps, Unit *u)
{
	Scanner    *sc = &ps->sc;
	const char *p;

	memset(u, 0, sizeof(*u));
	scan_skip_ws(sc);
	if (*sc->p == '%')
		u->kind = UNIT_PERCENT, sc->p++;
	else if (scan_word(sc, "pp"))
		u->kind = UNIT_PP;
	else if (ps->bureau && (unsigned char) *sc->p >= 0x80)
	{
		for (p = sc->p; (unsigned char) *p >= 0x80; p++);
		if (p - sc->p > UNIT_WORD_MAX)
			return fail(sc, TARGET_SYNTAX,
						"A unit of measure after the number is at most 8 characters, as in \"新增100家以上\".");
		u->kind = UNIT_WORD;
		u->word = sc->p;
		u->wordlen = p - sc->p;
		sc->p = p;
	}
	return TARGET_OK;
}

/*
 * Check that a unit fits the measure, and settle the measure where the text
 * left it to the unit: with no measure word, % is a share, pp a change and
 * anything else a level; a fall is a growth in % or, when its first unit is
 * pp, a change.
 */
static TargetStatus
check_unit(Parse *ps, const Unit *u, bool first)
{
	Scanner    *sc = &ps->sc;
	Target	   *t = ps->t;
	static const UnitKind fits[] = {0, UNIT_NONE, UNIT_PERCENT, UNIT_PERCENT, UNIT_PP};
	char		word[UNIT_WORD_MAX + 1];

	if (!ps->has_measure && first)
		t->measure = u->kind == UNIT_PERCENT ? MEASURE_SHARE :
			u->kind == UNIT_PP ? MEASURE_CHANGE : MEASURE_LEVEL;
	if (ps->fall && first && u->kind == UNIT_PP)
		t->measure = MEASURE_CHANGE;
	if (u->kind == fits[t->measure] ||
		(t->measure == MEASURE_LEVEL && u->kind == UNIT_WORD))
		return TARGET_OK;
	if (u->kind == UNIT_WORD)
	{
		memcpy(word, u->word, u->wordlen);
		word[u->wordlen] = '\0';
		return fail(sc, TARGET_SYNTAX,
					"A %s threshold is in %s, not in %s: a unit of measure follows the figure of a level target, as in \"新增100家以上\".",
					ps->fall ? "fall" : measure_names[t->measure],
					t->measure == MEASURE_CHANGE ? "percentage points (个百分点)" : "%", word);
	}
	if (ps->fall)
		return fail(sc, TARGET_SYNTAX,
					"A fall is in %% (growth) or in percentage points (change), e.g. \"下降 >= 5%%\" or \"fall >= 0.5pp\".");
	if (t->measure == MEASURE_LEVEL && ps->bureau)
		return fail(sc, TARGET_SYNTAX,
					"A level threshold is a number, alone or with its unit of measure, e.g. \"level >= 100\" or \"新增100家以上\".");
	if (t->measure == MEASURE_LEVEL)
		return fail(sc, TARGET_SYNTAX,
					"A level threshold is a plain number with no unit, e.g. \"level >= 100\".");
	if (t->measure == MEASURE_CHANGE)
		return fail(sc, TARGET_SYNTAX,
					"A change threshold is in percentage points, e.g. \"change >= 0.5pp\" or \"提高 >= 0.5个百分点\".");
	return fail(sc, TARGET_SYNTAX, "A %s threshold is in %%, e.g. \"%s >= 7%%\".",
				measure_names[t->measure], measure_names[t->measure]);
}

/* Whether two units are written the same. */
static bool
unit_equal(const Unit *a, const Unit *b)
{
	return a->kind == b->kind && a->wordlen == b->wordlen &&
		(a->kind != UNIT_WORD || memcmp(a->word, b->word, a->wordlen) == 0);
}

/* Read a number followed by its unit, and check the unit. */
static TargetStatus
scan_quantity(Parse *ps, double *v, bool first)
{
	TargetStatus st;

	scan_skip_ws(&ps->sc);
	if ((st = scan_number(&ps->sc, v)) != TARGET_OK)
		return st;
	if ((st = scan_unit(ps, &ps->unit)) != TARGET_OK)
		return st;
	return check_unit(ps, &ps->unit, first);
}

/*
 * Read a figure in the bureau's notation: a number and its unit, or a range
 * "6～8%" (the first unit may be left out: the second's) that makes the
 * comparison a between.
 */
static TargetStatus
scan_figure(Parse *ps)
{
	Scanner    *sc = &ps->sc;
	Target	   *t = ps->t;
	TargetStatus st;
	Unit		first;

	scan_skip_ws(sc);
	if ((st = scan_number(sc, &t->lo)) != TARGET_OK)
		return st;
	if ((st = scan_unit(ps, &first)) != TARGET_OK)
		return st;
	scan_skip_ws(sc);
	if (*sc->p != '~')
	{
		ps->unit = first;
		return check_unit(ps, &first, true);
	}
	if (ps->has_cmp)
		return fail(sc, TARGET_SYNTAX,
					"A range has no comparison before it: write \"增长6%%～8%%\" or \"growth between 6%% and 8%%\".");
	sc->p++;
	t->cmp = CMP_BETWEEN;
	ps->has_cmp = true;
	scan_skip_ws(sc);
	if ((st = scan_number(sc, &t->hi)) != TARGET_OK)
		return st;
	if ((st = scan_unit(ps, &ps->unit)) != TARGET_OK)
		return st;
	if (first.kind != UNIT_NONE && !unit_equal(&first, &ps->unit))
		return fail(sc, TARGET_SYNTAX,
					"Both ends of a range are in the same unit, as in \"增长6%%～8%%\" or \"6～8%%\".");
	if ((st = check_unit(ps, &ps->unit, true)) != TARGET_OK)
		return st;
	return check_unit(ps, &ps->unit, false);
}

/*
 * A reference named by its growth, in the bureau's notation: the name (no
 * digits, signs or %) then 增速 or 增长, as in 增速高于经济增速.  The
 * name is not kept: the plan says which indicator is the reference.
 */
static bool
scan_named_reference(Parse *ps)
{
	Scanner    *sc = &ps->sc;
	size_t		n = strlen(sc->p);

	while (n > 0 && sc->p[n - 1] == ' ')
		n--;
	if (n < 6 || strncasecmp(sc->p + n - 6, "growth", 6) != 0)
		return false;
	for (size_t i = 0; i < n - 6; i++)
		if (strchr("0123456789%~<>=" "\x1F", sc->p[i]))
			return false;
	sc->p += n;
	return true;
}

/*
 * The comparison of a suffix (以上, 以内, 左右) in the bureau's notation, or
 * 0 when there is none.  左右 (about) reads as >=: an assessment counts a
 * figure about the target as met when it reaches the figure.
 */
static int
scan_suffix(Scanner *sc)
{
	int			cmp;

	scan_skip_ws(sc);
	if (sc->p[0] != TOKEN_MARK)
		return 0;
	switch (sc->p[1])
	{
		case 'G':
		case 'A':
			cmp = CMP_GE;
			break;
		case 'L':
			cmp = CMP_LE;
			break;
		default:
			return 0;
	}
	sc->p += 2;
	return cmp;
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
	{
		t->lo = -lo;
		t->hi = (t->flags & TARGET_STRETCH) ? -t->hi : 0.0;
	}
}

/*
 * A measure written alone, in the bureau's notation: 增长 (growth > 0%),
 * 提高 (change > 0pp), 下降 (growth < 0%; a share's: change < 0pp).
 */
static TargetStatus
bare_measure(Parse *ps)
{
	Target	   *t = ps->t;

	if (t->measure == MEASURE_LEVEL || t->measure == MEASURE_SHARE)
		return fail(&ps->sc, TARGET_SYNTAX,
					"A %s target needs a figure, as in \"%s\".", measure_names[t->measure],
					t->measure == MEASURE_LEVEL ? "新增100家以上" : "比重22%以上");
	if (ps->fall && ps->share_word)
		t->measure = MEASURE_CHANGE;
	t->cmp = CMP_GT;			/* a fall > 0 is turned into growth < 0 */
	ps->has_cmp = true;
	return TARGET_OK;
}

/*
 * The stretch figure after a target, if any: ", stretch 8%" (确保增长7%、
 * 力争8%; the measure may be written again, 力争增长8%, and a suffix that
 * agrees, 力争8%以上).  It is kept in hi with TARGET_STRETCH set.
 */
static TargetStatus
scan_stretch(Parse *ps)
{
	Scanner    *sc = &ps->sc;
	Target	   *t = ps->t;
	const char *start = sc->p;
	uint8_t		measure = t->measure;
	bool		fall = ps->fall;
	TargetStatus st;
	int			suffix;

	scan_skip_ws(sc);
	if (*sc->p == ',' || *sc->p == ';')
		sc->p++;
	scan_skip_ws(sc);
	if (!scan_word(sc, "stretch") &&
		!(ps->bureau && sc->p[0] == TOKEN_MARK && sc->p[1] == 'S' && (sc->p += 2)))
	{
		sc->p = start;
		return TARGET_OK;
	}
	if (t->cmp == CMP_BETWEEN || t->cmp == CMP_EQ || t->relative)
		return fail(sc, TARGET_SYNTAX,
					"A stretch figure (力争) goes with a target of >=, >, <= or <, as in \"growth >= 7%% stretch 8%%\".");
	scan_skip_ws(sc);
	if (ps->bureau && scan_measure_word(ps) && (t->measure != measure || ps->fall != fall))
		return fail(sc, TARGET_SYNTAX,
					"The stretch figure (力争) measures what the target measures, as in \"确保增长7%%、力争8%%\".");
	t->measure = measure;
	ps->fall = fall;
	if ((st = scan_quantity(ps, &t->hi, false)) != TARGET_OK)
		return st;
	if (ps->bureau && (suffix = scan_suffix(sc)) != 0 && suffix != t->cmp)
		return fail(sc, TARGET_SYNTAX,
					"The stretch figure (力争) compares as the target does; keep one comparison, as in \"确保增长7%%以上、力争8%%\".");
	t->flags |= TARGET_STRETCH;
	return TARGET_OK;
}

/*
 * Parse ASCII text s (the bureau's notation already mapped: orig is the
 * input and m the mapping, or NULL when the input was ASCII).  The unit
 * written after the number is left in ps->unit.
 */
static TargetStatus
parse_target(Parse *ps, const char *s, const char *orig, const Mapped *m)
{
	Scanner    *sc = &ps->sc;
	Target	   *t = ps->t;
	TargetStatus st;
	char		excerpt[48];
	int			suffix;

	memset(t, 0, sizeof(*t));
	ps->s = sc->p = s;
	ps->orig = orig;
	ps->m = m;
	ps->bureau = m != NULL;
	skip_name(ps);
	if (ps->bureau && sc->p[0] == TOKEN_MARK && sc->p[1] == 'S')
	{
		/* a target marked 力争 alone (确保 none) is read as its figure */
		sc->p += 2;
		skip_name(ps);
	}
	if (ps->bureau && sc->p[0] == TOKEN_MARK && sc->p[1] == 'Z')
	{
		/* 清零, 杜绝: none at all (零就业家庭动态清零, 杜绝重特大事故) */
		for (sc->p += 2, scan_skip_ws(sc); (unsigned char) *sc->p >= 0x80; sc->p++);
		t->measure = MEASURE_LEVEL;
		t->cmp = CMP_EQ;
		ps->has_measure = ps->has_cmp = true;
		goto end;
	}
	if ((st = scan_measure(ps)) != TARGET_OK)
		return st;
	scan_skip_ws(sc);
	if ((st = scan_cmp(ps)) != TARGET_OK)
		return st;
	scan_skip_ws(sc);
	if (ps->bureau && ps->has_measure && !ps->has_cmp && *sc->p == '\0')
	{
		if ((st = bare_measure(ps)) != TARGET_OK)
			return st;
	}
	else if (t->cmp == CMP_BETWEEN)
	{
		if ((st = scan_quantity(ps, &t->lo, true)) != TARGET_OK)
			return st;
		scan_skip_ws(sc);
		if (!scan_word(sc, "and"))
			return fail(sc, TARGET_SYNTAX,
						"A between target reads \"growth between 6%% and 8%%\".");
		if ((st = scan_quantity(ps, &t->hi, false)) != TARGET_OK)
			return st;
	}
	else if (scan_word(sc, "reference") || (ps->bureau && scan_named_reference(ps)))
	{
		if (ps->fall)
			return fail(sc, TARGET_SYNTAX,
						"A fall compares with numbers only; against a reference write \"growth < reference\".");
		if (!ps->has_measure)
			t->measure = MEASURE_GROWTH;
		if (!ps->has_cmp)
			return fail(sc, TARGET_SYNTAX,
						"A relative target says how it compares, as in \"增速高于经济增速\" or \"growth > reference\".");
		t->relative = 1;
	}
	else if (ps->bureau)
	{
		if (!ps->has_measure && !ps->has_cmp &&
			!(*sc->p >= '0' && *sc->p <= '9') && !(*sc->p && strchr("+-.", *sc->p)))
			return fail(sc, TARGET_SYNTAX, MEASURE_DETAIL);
		if ((st = scan_figure(ps)) != TARGET_OK)
			return st;
	}
	else if ((st = scan_quantity(ps, &t->lo, true)) != TARGET_OK)
		return st;
	if (ps->bureau && (suffix = scan_suffix(sc)) != 0)
	{
		if (t->cmp == CMP_BETWEEN || t->relative)
			return fail(sc, TARGET_SYNTAX,
						"以上, 以内 and 左右 follow a single figure, as in \"增长7%%以上\".");
		if (ps->has_cmp && t->cmp != suffix)
			return fail(sc, TARGET_SYNTAX,
						"The comparison is written twice, once as %s and once as %s; keep one, as in \"增长7%%以上\" or \"增长 >= 7%%\".",
						cmp_names[t->cmp], cmp_names[suffix]);
		t->cmp = (uint8_t) suffix;
		ps->has_cmp = true;
	}
	if (ps->named && !ps->has_measure && ps->unit.kind != UNIT_WORD)
		return fail(sc, TARGET_SYNTAX, MEASURE_DETAIL);
	if (!ps->has_cmp)
		t->cmp = CMP_GE;		/* a plan's figure is a floor: 增长7% */
	if ((st = scan_stretch(ps)) != TARGET_OK)
		return st;
end:
	scan_skip_ws(sc);
	if (*sc->p != '\0')
	{
		/* quote the input as typed, not as mapped */
		Scanner		rest = {m ? orig + m->from[sc->p - s] : sc->p, NULL, 0};

		return fail(sc, TARGET_SYNTAX, "Unexpected text after the target: \"%s\".",
					scan_excerpt(&rest, excerpt, sizeof(excerpt)));
	}
	if (ps->fall)
		fall_to_growth(t);
	return target_validate(t, sc->detail, sc->len);
}

/* Parse s (ASCII or the bureau's notation) with ps->sc's detail buffer. */
static TargetStatus
parse_text(const char *s, Parse *ps)
{
	Mapped		m;

	if (!has_non_ascii(s))
		return parse_target(ps, s, s, NULL);
	if (!notation_to_ascii(s, &m))
	{
		memset(ps->t, 0, sizeof(*ps->t));
		scan_detail(&ps->sc, "A target is at most %d bytes long.", NOTATION_MAX - 1);
		return TARGET_SYNTAX;
	}
	return parse_target(ps, m.ascii, s, &m);
}

TargetStatus
target_parse(const char *s, Target *t, char *detail, size_t len)
{
	Parse		ps = {.sc = {s, detail, len}, .t = t};

	return parse_text(s, &ps);
}

TargetStatus
target_parse_unit(const char *s, Target *t, char *unit, size_t unitlen,
				  char *detail, size_t len)
{
	Parse		ps = {.sc = {s, detail, len}, .t = t};
	TargetStatus st = parse_text(s, &ps);

	unit[0] = '\0';
	if (st != TARGET_OK)
		return st;
	switch (ps.unit.kind)
	{
		case UNIT_NONE:
			break;
		case UNIT_PERCENT:
			snprintf(unit, unitlen, "%%");
			break;
		case UNIT_PP:
			snprintf(unit, unitlen, "pp");
			break;
		case UNIT_WORD:
			snprintf(unit, unitlen, "%.*s", (int) ps.unit.wordlen, ps.unit.word);
			scan_trim_utf8(unit);
			break;
	}
	return TARGET_OK;
}


TargetStatus
target_validate(Target *t, char *detail, size_t len)
{
	Scanner		sc = {"", detail, len};

	if (t->measure < MEASURE_LEVEL || t->measure > MEASURE_CHANGE ||
		t->cmp < CMP_GE || t->cmp > CMP_BETWEEN || t->relative > 1 ||
		(t->flags & ~TARGET_STRETCH) || t->pad[0] | t->pad[1] | t->pad[2] | t->pad[3])
		return fail(&sc, TARGET_CORRUPT, "The measure, comparison or flags are out of range.");
	if (!isfinite(t->lo) || !isfinite(t->hi))
		return fail(&sc, TARGET_NONFINITE, "A threshold must be a finite number.");
	if (t->relative && (t->cmp == CMP_BETWEEN || t->lo != 0.0 || t->hi != 0.0))
		return fail(&sc, TARGET_CORRUPT,
					"A relative target compares with one reference and holds no threshold.");
	if ((t->flags & TARGET_STRETCH) && (t->cmp == CMP_BETWEEN || t->cmp == CMP_EQ || t->relative))
		return fail(&sc, TARGET_CORRUPT, "Only a target of >=, >, <= or < has a stretch figure.");
	if ((t->flags & TARGET_STRETCH) &&
		!(target_lower_is_better(t) ? t->hi < t->lo : t->hi > t->lo))
		return fail(&sc, TARGET_BOUNDS,
					"The stretch figure (力争) must be beyond the committed one (确保) in the good direction: %s for a target of %s.",
					target_lower_is_better(t) ? "lower" : "higher", cmp_names[t->cmp]);
	if (t->cmp != CMP_BETWEEN && !(t->flags & TARGET_STRETCH) && t->hi != 0.0)
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
	else if (t->flags & TARGET_STRETCH)
	{
		float_text(t->hi, hi, sizeof(hi));
		snprintf(buf, len, "%s %s %s%s stretch %s%s", m, cmp_names[t->cmp], lo, u, hi, u);
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
	if (a->flags != b->flags)
		return a->flags < b->flags ? -1 : 1;
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

bool
target_unit_fits(const char *written, const char *indicator_unit)
{
	size_t		n;

	if (written[0] == '\0' || strcmp(written, "%") == 0 || strcmp(written, "pp") == 0)
		return true;
	while (*indicator_unit == ' ')
		indicator_unit++;
	n = strlen(indicator_unit);
	while (n > 0 && indicator_unit[n - 1] == ' ')
		n--;
	return n == strlen(written) && strncmp(written, indicator_unit, n) == 0;
}
