/*
 * band_test.c
 *		Unit tests of status band sets: parsing, canonical text, holes and
 *		overlaps rejected with the range named, the light of a shortfall at
 *		each boundary, the tolerance form as a band set, and sets in
 *		percent of the target's threshold.
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

#define PCT3 "green: shortfall <= 1% of target; yellow: 1% of target < shortfall <= 5% of target; red: shortfall > 5% of target"

/* Light of a shortfall in the set s (valid) scaled to unit. */
static const char *
light_at(const char *s, double shortfall, double unit)
{
	char		detail[BAND_DETAIL_LEN];
	BandSet		b,
				scaled;

	if (!band_set_parse(s, &b, detail, sizeof(detail)))
		return "invalid";
	band_set_scaled(&b, unit, &scaled);
	return traffic_light_name(band_set_light(&scaled, shortfall));
}

/* Sets in percent of the threshold: text, refusals, scaling. */
static void
test_percent(void)
{
	BandSet		b,
				scaled;
	char		detail[BAND_DETAIL_LEN];
	char		buf[BAND_TEXT_LEN];

	ok_str(canon(PCT3), PCT3, "a set in percent reads back as itself");
	ok_str(canon("red: 5 % OF TARGET < shortfall; yellow: shortfall<=5%of target"),
		   "yellow: shortfall <= 5% of target; red: shortfall > 5% of target",
		   "any order, case and spacing");
	ok_str(canon("green: shortfall = 0; yellow: 0 < shortfall <= 2.5% of target; red: shortfall > 2.5% of target"),
		   "green: shortfall = 0; yellow: 0 < shortfall <= 2.5% of target; red: shortfall > 2.5% of target",
		   "a bound 0 is bare in a set in percent");
	ok_str(canon("green: shortfall = 0% of target; red: shortfall > 0"),
		   "green: shortfall = 0; red: shortfall > 0", "bounds all 0: in either form the same set");
	ok_str(canon("yellow: shortfall <= 120% of target; red: shortfall > 120% of target"),
		   "yellow: shortfall <= 120% of target; red: shortfall > 120% of target", "beyond 100%%");
	band_set_parse(PCT3, &b, detail, sizeof(detail));
	ok(b.percent, "the set is flagged in percent");
	band_set_parse(SET3, &b, detail, sizeof(detail));
	ok(!b.percent, "a set in units is not");

	ok_str(canon("yellow: shortfall <= 5%; red: shortfall > 5%"),
		   "!Expected \"of target\" after \"%\" (a bound in percent of the target's threshold; percentage points take no \"%\") at \"; red: shortfall > 5%\".",
		   "a bare %% is refused: points take none");
	ok_str(canon("yellow: shortfall <= 5% of the target; red: shortfall > 5% of target"),
		   "!Expected \"of target\" after \"%\" (a bound in percent of the target's threshold; percentage points take no \"%\") at \"the target; red: shortfall > 5% of targe\".",
		   "only \"of target\"");
	ok_str(canon("green: shortfall <= 1; yellow: 1 < shortfall <= 5% of target; red: shortfall > 5% of target"),
		   "!The bounds 1 and 5% of target are written two ways: every bound of a set is in the target's units, or every one in percent of its threshold (\"x% of target\").",
		   "units and percent mixed");
	ok_str(canon("green: shortfall <= 1% of target; yellow: 1.5% of target < shortfall <= 5% of target; red: shortfall > 5% of target"),
		   "!No band covers 1% of target < shortfall <= 1.5% of target.", "a hole, named in percent");
	ok_str(canon("green: shortfall <= 2% of target; yellow: 1% of target < shortfall <= 5% of target; red: shortfall > 5% of target"),
		   "!The bands green and yellow both cover 1% of target < shortfall <= 2% of target.",
		   "an overlap, named in percent");
	ok_str(canon("yellow: shortfall <= 5% of target"),
		   "!No band covers shortfall > 5% of target.", "nothing beyond 5%%");

	/*
	 * Scaled by hand: 1% and 5% of 7 (a growth target of 7%) are 0.07 and
	 * 0.35 points; of 200 (a level target) 2 and 10; of -4 (growth < -4%)
	 * 0.04 and 0.2.
	 */
	band_set_parse(PCT3, &b, detail, sizeof(detail));
	band_set_scaled(&b, 7.0, &scaled);
	band_set_format(&scaled, buf, sizeof(buf));
	ok_str(buf, "green: shortfall <= 0.07; yellow: 0.07 < shortfall <= 0.35; red: shortfall > 0.35",
		   "scaled to 7: 0.07 and 0.35, no float noise");
	ok_str(light_at(PCT3, 0.07, 7.0), "green", "7: 0.07 behind is green (1%%, included)");
	ok_str(light_at(PCT3, 0.08, 7.0), "yellow", "7: 0.08 behind is yellow");
	ok_str(light_at(PCT3, 0.35, 7.0), "yellow", "7: 0.35 behind is yellow (5%%, included)");
	ok_str(light_at(PCT3, 0.36, 7.0), "red", "7: 0.36 behind is red");
	ok_str(light_at(PCT3, 2.0, 200.0), "green", "200: 2 behind (1%%) is green");
	ok_str(light_at(PCT3, 10.0, 200.0), "yellow", "200: 10 behind (5%%) is yellow");
	ok_str(light_at(PCT3, 10.5, 200.0), "red", "200: 10.5 behind is red");
	ok_str(light_at(PCT3, 0.2, 4.0), "yellow", "|-4|: 0.2 behind (5%%) is yellow");
	ok_str(light_at(PCT3, 0.0, 0.0), "green", "threshold 0: 0 behind is green");
	ok_str(light_at(PCT3, 0.01, 0.0), "red", "threshold 0: any shortfall is red");
	ok_str(light_at(SET3, 2.0, 7.0), "yellow", "a set in units is not scaled");
	ok_str(light_at(PCT3, 5.0, 100.0), "yellow", "unit 100 (points): 5 points is 5%%, yellow");
	ok_str(light_at(PCT3, 5.01, 100.0), "red", "unit 100: 5.01 points is red");
}

/* Status with a set in percent: of the threshold, or of the annual target in points. */
static void
test_percent_status(void)
{
	Target		g = {.measure = MEASURE_GROWTH, .cmp = CMP_GE, .lo = 7.0};
	Target		l = {.measure = MEASURE_LEVEL, .cmp = CMP_GE, .lo = 1200.0};
	Target		w = {.measure = MEASURE_LEVEL, .cmp = CMP_BETWEEN, .lo = 80.0, .hi = 90.0};
	BandSet		b;
	char		detail[BAND_DETAIL_LEN];

	band_set_parse("green: shortfall <= 10% of target; yellow: 10% of target < shortfall <= 30% of target; red: shortfall > 30% of target",
				   &b, detail, sizeof(detail));
	/* growth >= 7%: 10% of 7 is 0.7 points, 30% is 2.1 points */
	ok(target_status_banded(&g, 7.0, 6.3, false, 0, NULL, &b, 1) == LIGHT_GREEN,
	   "growth 6.3 against 7: 0.7 behind, 10%%, green");
	ok(target_status_banded(&g, 7.0, 6.2, false, 0, NULL, &b, 1) == LIGHT_YELLOW,
	   "growth 6.2: 0.8 behind, yellow");
	ok(target_status_banded(&g, 7.0, 4.9, false, 0, NULL, &b, 1) == LIGHT_YELLOW,
	   "growth 4.9: 2.1 behind, 30%%, yellow");
	ok(target_status_banded(&g, 7.0, 4.8, false, 0, NULL, &b, 1) == LIGHT_RED,
	   "growth 4.8: 2.2 behind, red");
	/* level >= 1200 not prorated: 10% is 120, 30% is 360 */
	ok(target_status_banded(&l, 1200.0, 1080.0, false, 0, NULL, &b, -1) == LIGHT_GREEN,
	   "level 1080 against 1200: 120 behind, green");
	ok(target_status_banded(&l, 1200.0, 840.0, false, 0, NULL, &b, -1) == LIGHT_YELLOW,
	   "level 840: 360 behind, yellow");
	ok(target_status_banded(&l, 1200.0, 839.0, false, 0, NULL, &b, -1) == LIGHT_RED,
	   "level 839: 361 behind, red");
	/*
	 * Prorated at 6/12: 588 of 1200 is 49% done, 1 point behind 50%, green;
	 * 480 is 40%, 10 points, green; 468 is 39%, 11 points, yellow; 240 is
	 * 20%, 30 points, yellow; 228 is 19%, 31 points, red.
	 */
	ok(target_status_banded(&l, 1200.0, 588.0, true, 0.5, NULL, &b, -1) == LIGHT_GREEN,
	   "prorated: 1 point behind, green");
	ok(target_status_banded(&l, 1200.0, 480.0, true, 0.5, NULL, &b, -1) == LIGHT_GREEN,
	   "prorated: 10 points behind (10%% of the annual target), green");
	ok(target_status_banded(&l, 1200.0, 468.0, true, 0.5, NULL, &b, -1) == LIGHT_YELLOW,
	   "prorated: 11 points behind, yellow");
	ok(target_status_banded(&l, 1200.0, 240.0, true, 0.5, NULL, &b, -1) == LIGHT_YELLOW,
	   "prorated: 30 points behind, yellow");
	ok(target_status_banded(&l, 1200.0, 228.0, true, 0.5, NULL, &b, -1) == LIGHT_RED,
	   "prorated: 31 points behind, red");
	/* between 80 and 90: percent of the lower bound, 10% is 8, 30% is 24 */
	ok(target_status_banded(&w, 80.0, 72.0, false, 0, NULL, &b, -1) == LIGHT_GREEN,
	   "between 80 and 90, 72: 8 behind, green");
	ok(target_status_banded(&w, 80.0, 71.0, false, 0, NULL, &b, -1) == LIGHT_YELLOW,
	   "between 80 and 90, 71: 9 behind, yellow");
	ok(target_status_banded(&w, 80.0, 114.0, false, 0, NULL, &b, -1) == LIGHT_YELLOW,
	   "between 80 and 90, 114: 24 beyond 90, 30%% of the lower bound 80, yellow");
	ok(target_status_banded(&w, 80.0, 115.0, false, 0, NULL, &b, -1) == LIGHT_RED,
	   "between 80 and 90, 115: 25 beyond 90, red");
}

int
main(void)
{
	test_canonical();
	test_refused();
	test_lights();
	test_tolerance();
	test_status();
	test_percent();
	test_percent_status();
	return tap_done();
}
