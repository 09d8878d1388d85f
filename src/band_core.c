/*
 * band_core.c
 *		Status band sets: parsing, validation, canonical text and the light
 *		of a shortfall (see band_core.h).
 *
 * Pure C: no PostgreSQL headers.
 */
#include "band_core.h"

#include <ctype.h>
#include <math.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <strings.h>

#include "float_text.h"

/* The text of a range of shortfalls. */
#define RANGE_LEN 128

/* The parser's position in the text, and the form of the bounds so far. */
typedef struct BandScan
{
	const char *p;
	int			form;			/* 0 none yet, 1 units, 2 percent of target */
	double		first;			/* the first bound not 0, which set the form */
} BandScan;

/* Skip white space; true when something is left. */
static bool
scan_more(BandScan *sc)
{
	while (isspace((unsigned char) *sc->p))
		sc->p++;
	return *sc->p != '\0';
}

/* Consume the word w (case-insensitive, not followed by a letter). */
static bool
scan_word(BandScan *sc, const char *w)
{
	size_t		n = strlen(w);

	scan_more(sc);
	if (strncasecmp(sc->p, w, n) != 0 || isalpha((unsigned char) sc->p[n]))
		return false;
	sc->p += n;
	return true;
}

/* Consume the character c. */
static bool
scan_char(BandScan *sc, char c)
{
	scan_more(sc);
	if (*sc->p != c)
		return false;
	sc->p++;
	return true;
}

/* Comparison operators of a band's condition. */
typedef enum BandOp
{
	OP_NONE = 0,
	OP_LT,
	OP_LE,
	OP_GT,
	OP_GE,
	OP_EQ
} BandOp;

/* Consume a comparison operator, or return OP_NONE. */
static BandOp
scan_op(BandScan *sc)
{
	scan_more(sc);
	if (sc->p[0] == '<' && sc->p[1] == '=')
		return sc->p += 2, OP_LE;
	if (sc->p[0] == '>' && sc->p[1] == '=')
		return sc->p += 2, OP_GE;
	if (sc->p[0] == '<')
		return sc->p++, OP_LT;
	if (sc->p[0] == '>')
		return sc->p++, OP_GT;
	if (sc->p[0] == '=')
		return sc->p++, OP_EQ;
	return OP_NONE;
}

/*
 * Consume a decimal number not below 0: digits, an optional point and
 * digits, an optional exponent (1e-5, as the canonical text writes bounds
 * outside 1e-4 to 1e16).  No sign, no hex, no inf or nan.
 */
static bool
scan_number(BandScan *sc, double *v)
{
	const char *s;
	char		buf[64];
	size_t		n;

	scan_more(sc);
	s = sc->p;
	while (isdigit((unsigned char) *sc->p))
		sc->p++;
	if (*sc->p == '.')
		sc->p++;
	while (isdigit((unsigned char) *sc->p))
		sc->p++;
	n = (size_t) (sc->p - s);
	if (n == 0 || (n == 1 && *s == '.'))
	{
		sc->p = s;
		return false;
	}
	if (*sc->p == 'e' || *sc->p == 'E')
	{
		const char *e = sc->p + 1;

		if (*e == '+' || *e == '-')
			e++;
		if (isdigit((unsigned char) *e))
		{
			while (isdigit((unsigned char) *e))
				e++;
			sc->p = e;
			n = (size_t) (sc->p - s);
		}
	}
	if (n >= sizeof(buf))
	{
		sc->p = s;
		return false;
	}
	memcpy(buf, s, n);
	buf[n] = '\0';
	*v = strtod(buf, NULL);
	if (!isfinite(*v))
	{
		sc->p = s;
		return false;
	}
	return true;
}

/* Write "what was expected at where" into detail; returns false. */
static bool
expected(const BandScan *sc, const char *what, char *detail, size_t len)
{
	if (*sc->p == '\0')
		snprintf(detail, len, "Expected %s at the end.", what);
	else
		snprintf(detail, len, "Expected %s at \"%.40s\".", what, sc->p);
	return false;
}

/* The text of a bound: its shortest form, "x% of target" in percent (0 bare). */
static void
bound_text(double v, bool pct, char *buf, size_t len)
{
	char		f[FLOAT_TEXT_LEN];

	float_text(v, f, sizeof(f));
	snprintf(buf, len, "%s%s", f, pct && v != 0.0 ? "% of target" : "");
}

/*
 * The text of the range of shortfalls from lo to hi (hi INFINITY:
 * unbounded), the bounds in percent of the target when pct.
 */
static void
range_text(double lo, bool lo_incl, double hi, bool hi_incl, bool pct,
		   char *buf, size_t len)
{
	char		l[FLOAT_TEXT_LEN + 16],
				h[FLOAT_TEXT_LEN + 16];

	bound_text(lo, pct, l, sizeof(l));
	if (isinf(hi))
		snprintf(buf, len, "shortfall %s %s", lo_incl ? ">=" : ">", l);
	else
	{
		bound_text(hi, pct, h, sizeof(h));
		if (lo == hi && lo_incl && hi_incl)
			snprintf(buf, len, "shortfall = %s", l);
		else if (lo == 0.0 && lo_incl)
			snprintf(buf, len, "shortfall %s %s", hi_incl ? "<=" : "<", h);
		else
			snprintf(buf, len, "%s %s shortfall %s %s", l, lo_incl ? "<=" : "<",
					 hi_incl ? "<=" : "<", h);
	}
}

/* The text of one band's range. */
static void
band_range_text(const Band *b, bool pct, char *buf, size_t len)
{
	range_text(b->lo, b->lo_incl, b->hi, b->hi_incl, pct, buf, len);
}

/*
 * After a bound v: an optional "% of target", which must agree with the
 * form of the set's other bounds (a bound 0 agrees with both).  False with
 * the detail written when "%" is not followed by "of target" or the forms
 * are mixed.
 */
static bool
scan_form(BandScan *sc, double v, char *detail, size_t len)
{
	bool		pct = false;
	int			form;

	if (scan_char(sc, '%'))
	{
		if (!scan_word(sc, "of") || !scan_word(sc, "target"))
			return expected(sc, "\"of target\" after \"%\" (a bound in percent of the target's threshold; percentage points take no \"%\")",
							detail, len);
		pct = true;
	}
	if (v == 0.0)
		return true;
	form = pct ? 2 : 1;
	if (sc->form == 0)
	{
		sc->form = form;
		sc->first = v;
	}
	else if (sc->form != form)
	{
		char		a[FLOAT_TEXT_LEN + 16],
					b[FLOAT_TEXT_LEN + 16];

		bound_text(sc->first, sc->form == 2, a, sizeof(a));
		bound_text(v, pct, b, sizeof(b));
		snprintf(detail, len, "The bounds %s and %s are written two ways: every bound of a set is in the target's units, or every one in percent of its threshold (\"x%% of target\").",
				 a, b);
		return false;
	}
	return true;
}

/*
 * Parse one band, "light: condition"; the condition is "shortfall OP x"
 * (OP one of <, <=, >, >=, =) or "x OP shortfall [OP y]" (OP < or <=).
 */
static bool
parse_band(BandScan *sc, Band *b, char *detail, size_t len)
{
	BandOp		op;
	double		v;

	if (scan_word(sc, "green"))
		b->light = LIGHT_GREEN;
	else if (scan_word(sc, "yellow"))
		b->light = LIGHT_YELLOW;
	else if (scan_word(sc, "red"))
		b->light = LIGHT_RED;
	else
		return expected(sc, "a light (green, yellow or red)", detail, len);
	if (!scan_char(sc, ':'))
		return expected(sc, "\":\" after the light", detail, len);
	b->lo = 0.0;
	b->lo_incl = true;
	b->hi = INFINITY;
	b->hi_incl = false;
	if (scan_number(sc, &v))
	{
		/* x < shortfall [<= y] */
		if (!scan_form(sc, v, detail, len))
			return false;
		op = scan_op(sc);
		if (op != OP_LT && op != OP_LE)
			return expected(sc, "\"<\" or \"<=\" after the lower bound", detail, len);
		b->lo = v;
		b->lo_incl = op == OP_LE;
		if (!scan_word(sc, "shortfall"))
			return expected(sc, "\"shortfall\"", detail, len);
		op = scan_op(sc);
		if (op == OP_NONE)
			return true;
		if (op != OP_LT && op != OP_LE)
			return expected(sc, "\"<\" or \"<=\" before the upper bound", detail, len);
		if (!scan_number(sc, &v))
			return expected(sc, "a number not below 0 (the upper bound)", detail, len);
		if (!scan_form(sc, v, detail, len))
			return false;
		b->hi = v;
		b->hi_incl = op == OP_LE;
		return true;
	}
	if (!scan_word(sc, "shortfall"))
		return expected(sc, "\"shortfall\" or a number not below 0", detail, len);
	op = scan_op(sc);
	if (op == OP_NONE)
		return expected(sc, "a comparison (<, <=, >, >= or =) after \"shortfall\"", detail, len);
	if (!scan_number(sc, &v))
		return expected(sc, "a number not below 0", detail, len);
	if (!scan_form(sc, v, detail, len))
		return false;
	switch (op)
	{
		case OP_LT:
		case OP_LE:
			b->hi = v;
			b->hi_incl = op == OP_LE;
			break;
		case OP_GT:
		case OP_GE:
			b->lo = v;
			b->lo_incl = op == OP_GE;
			break;
		default:
			b->lo = b->hi = v;
			b->hi_incl = true;
			break;
	}
	return true;
}

/* Whether band a starts before band b (lower bound, an included one first). */
static bool
starts_before(const Band *a, const Band *b)
{
	return a->lo < b->lo || (a->lo == b->lo && a->lo_incl && !b->lo_incl);
}

/*
 * Check that the bands, in order of their lower bounds, cover every
 * shortfall from 0 up once, and that the lights get no better as the
 * shortfall grows.
 */
static bool
check_cover(const BandSet *b, char *detail, size_t len)
{
	double		need = 0.0;		/* covered so far: [0, need) or [0, need] */
	bool		need_incl = true;	/* need itself is not covered yet */
	int			owner = -1;		/* the band that covers up to need */
	char		r[RANGE_LEN];

	for (int k = 0; k < b->n; k++)
	{
		const Band *c = &b->band[k];
		bool		after = c->lo > need || (c->lo == need && !c->lo_incl && need_incl);
		bool		before = c->lo < need || (c->lo == need && c->lo_incl && !need_incl);

		if (after)
		{
			range_text(need, need_incl, c->lo, !c->lo_incl, b->percent, r, sizeof(r));
			snprintf(detail, len, "No band covers %s.", r);
			return false;
		}
		if (before)
		{
			double		hi = need;
			bool		hi_incl = !need_incl;

			if (c->hi < need || (c->hi == need && !c->hi_incl))
				hi = c->hi, hi_incl = c->hi_incl;
			range_text(c->lo, c->lo_incl, hi, hi_incl, b->percent, r, sizeof(r));
			snprintf(detail, len, "The bands %s and %s both cover %s.",
					 traffic_light_name(b->band[owner].light),
					 traffic_light_name(c->light), r);
			return false;
		}
		if (k > 0 && c->light <= b->band[k - 1].light)
		{
			char		r2[RANGE_LEN];

			band_range_text(&b->band[k - 1], b->percent, r, sizeof(r));
			band_range_text(c, b->percent, r2, sizeof(r2));
			snprintf(detail, len, "The band %s (%s) is below the band %s (%s): the lights go green, yellow, red as the shortfall grows, each once.",
					 traffic_light_name(b->band[k - 1].light), r,
					 traffic_light_name(c->light), r2);
			return false;
		}
		need = c->hi;
		need_incl = !c->hi_incl;
		owner = k;
	}
	if (!isinf(need))
	{
		range_text(need, need_incl, INFINITY, false, b->percent, r, sizeof(r));
		snprintf(detail, len, "No band covers %s.", r);
		return false;
	}
	return true;
}

bool
band_set_parse(const char *s, BandSet *b, char *detail, size_t len)
{
	BandScan	sc = {s, 0, 0.0};

	b->n = 0;
	b->percent = false;
	for (;;)
	{
		Band		band;
		char		r[RANGE_LEN];

		if (b->n == BAND_MAX)
			return expected(&sc, "the end (at most three bands: green, yellow, red)", detail, len);
		if (!parse_band(&sc, &band, detail, len))
			return false;
		b->percent = sc.form == 2;
		if (band.lo > band.hi || (band.lo == band.hi && !(band.lo_incl && band.hi_incl)))
		{
			band_range_text(&band, b->percent, r, sizeof(r));
			snprintf(detail, len, "The band %s covers no shortfall (%s).",
					 traffic_light_name(band.light), r);
			return false;
		}
		/* insert in order of the lower bounds */
		{
			int			k = b->n++;

			while (k > 0 && starts_before(&band, &b->band[k - 1]))
			{
				b->band[k] = b->band[k - 1];
				k--;
			}
			b->band[k] = band;
		}
		if (!scan_char(&sc, ';'))
			break;
		if (!scan_more(&sc))
			break;				/* a trailing ";" */
	}
	if (scan_more(&sc))
		return expected(&sc, "\";\" between bands", detail, len);
	return check_cover(b, detail, len);
}

void
band_set_format(const BandSet *b, char *buf, size_t len)
{
	size_t		n = 0;

	buf[0] = '\0';
	for (int k = 0; k < b->n && n < len; k++)
	{
		char		r[RANGE_LEN];

		band_range_text(&b->band[k], b->percent, r, sizeof(r));
		n += snprintf(buf + n, len - n, "%s%s: %s", k ? "; " : "",
					  traffic_light_name(b->band[k].light), r);
	}
}

void
band_set_of_tolerance(double tolerance, BandSet *b)
{
	double		tol = target_clean(tolerance);

	b->n = 2;
	b->percent = false;
	b->band[0] = (Band) {LIGHT_YELLOW, 0.0, tol, true, true};
	b->band[1] = (Band) {LIGHT_RED, tol, INFINITY, false, false};
}

TrafficLight
band_set_light(const BandSet *b, double shortfall)
{
	double		s = target_clean(shortfall);

	for (int k = 0; k < b->n; k++)
	{
		const Band *c = &b->band[k];

		if ((s > c->lo || (s == c->lo && c->lo_incl)) &&
			(s < c->hi || (s == c->hi && c->hi_incl)))
			return c->light;
	}
	return LIGHT_RED;
}

/* A bound x in percent of the threshold as x * unit / 100, cleaned (0 stays 0). */
static double
scale_bound(double x, double unit)
{
	if (x == 0.0 || isinf(x))
		return x;
	/* x * unit first: 5% of 7 is 35 / 100, the double nearest 0.35 */
	return target_clean(x * unit / 100.0);
}

void
band_set_scaled(const BandSet *b, double unit, BandSet *out)
{
	*out = *b;
	if (!b->percent)
		return;
	out->percent = false;
	for (int k = 0; k < b->n; k++)
	{
		out->band[k].lo = scale_bound(b->band[k].lo, unit);
		out->band[k].hi = scale_bound(b->band[k].hi, unit);
	}
}
