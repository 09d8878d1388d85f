/*
 * target_fuzz.c
 *		libFuzzer target for the target parser: any input either fails with
 *		a detail or parses to a valid target whose canonical text reads back
 *		equal, and target_parse_unit reads the same; the same input as a
 *		status band set either fails with a detail or is a valid set whose
 *		canonical text reads back as the same set (in the same form: units or
 *		percent of the target).  Build and run with
 *		`make fuzz`.
 */
#include <math.h>
#include <stdlib.h>
#include <string.h>

#include "band_core.h"
#include "target_core.h"

int			LLVMFuzzerTestOneInput(const unsigned char *data, size_t size);

/* How many bands of b hold the shortfall s. */
static int
bands_holding(const BandSet *b, double s)
{
	int			n = 0;

	for (int k = 0; k < b->n; k++)
	{
		const Band *c = &b->band[k];

		n += (s > c->lo || (s == c->lo && c->lo_incl)) &&
			(s < c->hi || (s == c->hi && c->hi_incl));
	}
	return n;
}

/* s as a band set: refused with a detail, or read back from its canonical text. */
static void
check_bands(const char *s)
{
	BandSet		a,
				b;
	char		detail[BAND_DETAIL_LEN];
	char		text[BAND_TEXT_LEN],
				text2[BAND_TEXT_LEN];

	if (!band_set_parse(s, &a, detail, sizeof(detail)))
	{
		if (detail[0] == '\0')
			abort();
		return;
	}
	band_set_format(&a, text, sizeof(text));
	if (!band_set_parse(text, &b, detail, sizeof(detail)) || a.n != b.n ||
		a.percent != b.percent)
		abort();
	for (int k = 0; k < a.n; k++)
		if (a.band[k].light != b.band[k].light || a.band[k].lo != b.band[k].lo ||
			a.band[k].hi != b.band[k].hi || a.band[k].lo_incl != b.band[k].lo_incl ||
			a.band[k].hi_incl != b.band[k].hi_incl)
			abort();
	band_set_format(&b, text2, sizeof(text2));
	if (strcmp(text, text2) != 0)
		abort();
	/* each bound, and a point inside each band, is in exactly one band */
	for (int k = 0; k < a.n; k++)
	{
		const Band *c = &a.band[k];

		if (bands_holding(&a, c->lo) != 1 ||
			(!isinf(c->hi) && bands_holding(&a, c->hi) != 1) ||
			bands_holding(&a, isinf(c->hi) ? c->lo + 1.0 : c->lo + (c->hi - c->lo) / 2) != 1)
			abort();
	}
}

/* One fuzz input: parse, and check the round trip of what parses. */
int
LLVMFuzzerTestOneInput(const unsigned char *data, size_t size)
{
	char	   *s = malloc(size + 1);
	char		detail[TARGET_DETAIL_LEN];
	char		detail2[TARGET_DETAIL_LEN];
	char		text[TARGET_TEXT_LEN];
	char		unit[TARGET_UNIT_LEN];
	Target		a,
				b,
				c;
	TargetStatus st;

	memcpy(s, data, size);
	s[size] = '\0';
	/* target_parse_unit reads exactly what target_parse reads */
	st = target_parse(s, &a, detail, sizeof(detail));
	if (target_parse_unit(s, &c, unit, sizeof(unit), detail2, sizeof(detail2)) != st ||
		(st == TARGET_OK && target_compare(&a, &c) != 0) ||
		(st != TARGET_OK && strcmp(detail, detail2) != 0))
		abort();
	if (st == TARGET_OK)
	{
		target_format(&a, text, sizeof(text));
		if (target_parse(text, &b, detail, sizeof(detail)) != TARGET_OK ||
			target_compare(&a, &b) != 0)
			abort();
	}
	else if (detail[0] == '\0')
		abort();
	check_bands(s);
	free(s);
	return 0;
}
