/*
 * band_test.c
 *		Unit tests of status band sets: parsing, canonical text, holes and
 *		overlaps rejected with the range named, the light of a shortfall at
 *		each boundary, and the tolerance form as a band set.
 */
#include "tap.h"
#include "band_core.h"

#define SET3 "green: shortfall <= 1; yellow: 1 < shortfall <= 3; red: shortfall > 3"

/* Canonical text of s, or "!" followed by the detail when it is refused. */
static const char *
canon(const char *s)
{
	static char buf[BAND_TEXT_LEN + BAND_DETAIL_LEN];
	char		detail[BAND_DETAIL_LEN];
	BandSet		b;

	if (!band_set_parse(s, &b, detail, sizeof(detail)))
	{
		snprintf(buf, sizeof(buf), "!%s", detail);
		return buf;
	}
	band_set_format(&b, buf, sizeof(buf));
	return buf;
}

/* Light name of a shortfall in the band set s (which must be valid). */
static const char *
light(const char *s, double shortfall)
{
	char		detail[BAND_DETAIL_LEN];
	BandSet		b;

	if (!band_set_parse(s, &b, detail, sizeof(detail)))
		return "invalid";
	return traffic_light_name(band_set_light(&b, shortfall));
}

/* Valid sets read back canonically, in any order and spelling. */
static void
test_canonical(void)
{
	ok_str(canon(SET3), SET3, "the canonical text reads back as itself");
	ok_str(canon("RED: 3<shortfall ; Yellow: 1 < shortfall <= 3;green:shortfall<=1;"),
		   SET3, "any order, case and spacing, a trailing ;");
	ok_str(canon("green: 0 <= shortfall < 1.5; yellow: 1.5 <= shortfall < 3; red: shortfall >= 3"),
		   "green: shortfall < 1.5; yellow: 1.5 <= shortfall < 3; red: shortfall >= 3",
		   "exclusive upper bounds");
	ok_str(canon("yellow: shortfall <= 2; red: shortfall > 2"),
		   "yellow: shortfall <= 2; red: shortfall > 2", "no green band");
	ok_str(canon("red: shortfall >= 0"), "red: shortfall >= 0", "one band for everything");
	ok_str(canon("green: shortfall = 0; yellow: 0 < shortfall <= 0.5; red: shortfall > 0.5"),
		   "green: shortfall = 0; yellow: 0 < shortfall <= 0.5; red: shortfall > 0.5",
		   "a band of one point");
	ok_str(canon("yellow: shortfall < 0.000015; red: 1.5E-5 <= shortfall"),
		   "yellow: shortfall < 1.5e-05; red: shortfall >= 1.5e-05",
		   "bounds outside 1e-4 to 1e16 in exponent form, which reads back");
	ok_str(canon("yellow: shortfall < 1.5e-05; red: shortfall >= 1.5e-05"),
		   "yellow: shortfall < 1.5e-05; red: shortfall >= 1.5e-05", "the exponent form reads back");
	ok_str(canon("yellow: shortfall <= 1e400; red: shortfall > 1e400"),
		   "!Expected a number not below 0 at \"1e400; red: shortfall > 1e400\".", "no bound beyond float8");
}

/* Holes, overlaps and malformed sets are refused, naming the range. */
static void
test_refused(void)
{
	ok_str(canon("green: shortfall <= 1; yellow: 1.5 < shortfall <= 3; red: shortfall > 3"),
		   "!No band covers 1 < shortfall <= 1.5.", "a hole between green and yellow");
	ok_str(canon("green: shortfall < 1; yellow: 1 < shortfall <= 3; red: shortfall > 3"),
		   "!No band covers shortfall = 1.", "a hole of one point");
	ok_str(canon("green: shortfall <= 1; yellow: 1 <= shortfall <= 3; red: shortfall > 3"),
		   "!The bands green and yellow both cover shortfall = 1.", "an overlap of one point");
	ok_str(canon("green: shortfall <= 2; yellow: 1 < shortfall <= 3; red: shortfall > 3"),
		   "!The bands green and yellow both cover 1 < shortfall <= 2.", "an overlap of a range");
	ok_str(canon("green: shortfall <= 1; yellow: 1 < shortfall <= 3"),
		   "!No band covers shortfall > 3.", "nothing beyond 3");
	ok_str(canon("yellow: 0.5 < shortfall <= 3; red: shortfall > 3"),
		   "!No band covers shortfall <= 0.5.", "nothing from 0");
	ok_str(canon("green: shortfall <= 1; red: 1 < shortfall <= 3; yellow: shortfall > 3"),
		   "!The band red (1 < shortfall <= 3) is below the band yellow (shortfall > 3): the lights go green, yellow, red as the shortfall grows, each once.",
		   "lights out of order");
	ok_str(canon("yellow: shortfall <= 1; yellow: 1 < shortfall <= 3; red: shortfall > 3"),
		   "!The band yellow (shortfall <= 1) is below the band yellow (1 < shortfall <= 3): the lights go green, yellow, red as the shortfall grows, each once.",
		   "a light twice");
	ok_str(canon("green: 3 < shortfall <= 1; red: shortfall > 1"),
		   "!The band green covers no shortfall (3 < shortfall <= 1).", "an empty band");
	ok_str(canon("green: shortfall <= -1; red: shortfall > -1"),
		   "!Expected a number not below 0 at \"-1; red: shortfall > -1\".", "a negative bound");
	ok_str(canon("blue: shortfall <= 1"),
		   "!Expected a light (green, yellow or red) at \"blue: shortfall <= 1\".", "an unknown light");
	ok_str(canon("green shortfall <= 1"),
		   "!Expected \":\" after the light at \"shortfall <= 1\".", "no colon");
	ok_str(canon(""), "!Expected a light (green, yellow or red) at the end.", "empty text");
	ok_str(canon("green: shortfall <= 1, red: shortfall > 1"),
		   "!Expected \";\" between bands at \", red: shortfall > 1\".", "a comma between bands");
	ok_str(canon("green: shortfall <= 1; yellow: 1 < shortfall <= 2; red: 2 < shortfall <= 3; red: shortfall > 3"),
		   "!Expected the end (at most three bands: green, yellow, red) at \"red: shortfall > 3\".",
		   "four bands");
	ok_str(canon("green: shortfall <= inf; red: shortfall > inf"),
		   "!Expected a number not below 0 at \"inf; red: shortfall > inf\".", "no infinity");
}

/* The light at and around each boundary. */
static void
test_lights(void)
{
	ok_str(light(SET3, 0.0), "green", "0 is green");
	ok_str(light(SET3, 1.0), "green", "exactly at x = 1 is green");
	ok_str(light(SET3, 1.01), "yellow", "just above x is yellow");
	ok_str(light(SET3, 3.0), "yellow", "exactly at y = 3 is yellow");
	ok_str(light(SET3, 3.01), "red", "just above y is red");
	ok_str(light(SET3, 3.0000000000000004), "yellow", "3 with float noise is 3 (compared cleaned)");
	ok_str(light("green: shortfall < 1.5; yellow: 1.5 <= shortfall < 3; red: shortfall >= 3", 1.5),
		   "yellow", "an included lower bound");
	ok_str(light("green: shortfall < 1.5; yellow: 1.5 <= shortfall < 3; red: shortfall >= 3", 3.0),
		   "red", "an excluded upper bound");
}

/* The tolerance form is the set yellow up to it (included), red beyond. */
static void
test_tolerance(void)
{
	BandSet		b;
	char		buf[BAND_TEXT_LEN];

	band_set_of_tolerance(5.0, &b);
	band_set_format(&b, buf, sizeof(buf));
	ok_str(buf, "yellow: shortfall <= 5; red: shortfall > 5", "tolerance 5 as a band set");
	for (double s = 0.0; s <= 12.0; s += 0.25)
		ok(band_set_light(&b, s) == target_light_for_shortfall(s, 5.0),
		   "tolerance 5, shortfall %g: the band set gives the tolerance's light", s);
	band_set_of_tolerance(0.1 + 0.2, &b);
	ok(band_set_light(&b, 0.3) == LIGHT_YELLOW, "tolerance 0.1 + 0.2 cleaned: 0.3 is within it");
}

/* Status with a band set: met is green whatever the set says. */
static void
test_status(void)
{
	Target		t = {.measure = MEASURE_GROWTH, .cmp = CMP_GE, .lo = 7.0};
	BandSet		b;
	char		detail[BAND_DETAIL_LEN];

	band_set_parse("red: shortfall >= 0", &b, detail, sizeof(detail));
	ok(target_status_banded(&t, 7.0, 7.0, false, 0, NULL, &b, 1) == LIGHT_GREEN,
	   "met is green under an all-red set");
	ok(target_status_banded(&t, 7.0, 6.96, false, 0, NULL, &b, 1) == LIGHT_GREEN,
	   "6.96 published at 1 decimal is 7.0: met");
	ok(target_status_banded(&t, 7.0, 6.94, false, 0, NULL, &b, 1) == LIGHT_RED,
	   "6.94 published is 6.9: red");
	band_set_parse(SET3, &b, detail, sizeof(detail));
	ok(target_status_banded(&t, 7.0, 6.0, false, 0, NULL, &b, 1) == LIGHT_GREEN,
	   "growth 6.0 against 7: 1 point behind, green");
	ok(target_status_banded(&t, 7.0, 5.9, false, 0, NULL, &b, 1) == LIGHT_YELLOW,
	   "growth 5.9: 1.1 points behind, yellow");
	ok(target_status_banded(&t, 7.0, 4.0, false, 0, NULL, &b, 1) == LIGHT_YELLOW,
	   "growth 4.0: 3 points behind, yellow");
	ok(target_status_banded(&t, 7.0, 3.9, false, 0, NULL, &b, 1) == LIGHT_RED,
	   "growth 3.9: 3.1 points behind, red");
}

int
main(void)
{
	test_canonical();
	test_refused();
	test_lights();
	test_tolerance();
	test_status();
	return tap_done();
}
