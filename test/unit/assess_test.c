/*
 * assess_test.c
 *		Unit tests of the assessment state (assess_core.c): row arithmetic,
 *		merging, accessors, and the text form's exact round trip.
 */
#include <math.h>
#include <stdlib.h>
#include <string.h>

#include "assess_core.h"
#include "tap.h"
#include "float_text.h"

/* Rows of the example: 15 of 20, 30 of 30, NULL of 50. */
static Assessment
example(void)
{
	Assessment	a = {0};

	assess_add(&a, KIND_SCORE, true, 15, true, 20);
	assess_add(&a, KIND_SCORE, true, 30, true, 30);
	assess_add(&a, KIND_SCORE, false, 0, true, 50);
	return a;
}

/* Row arithmetic and accessors. */
static void
test_rows(void)
{
	Assessment	a = example();
	double		s = 0;

	ok(assess_normalised(&a, &s) == ASSESS_OK && s == 90, "(15 + 30) / (20 + 30) x 100 = 90");
	ok(a.weight_all == 100 && a.applicable == 2 && a.missing == 1, "weights and counts");
	/* 100 x 0.75^0.4 = 89.130123 */
	ok(assess_geometric(&a, &s) == ASSESS_OK, "geometric defined");
	ok_near(s, 89.13012289830017, 1e-9, "geometric 100 x 0.75^0.4");
	assess_add(&a, KIND_BONUS, true, 7, false, 0);
	assess_add(&a, KIND_DEDUCTION, true, 3, false, 0);
	ok(assess_bonus(&a, 5) == 5 && assess_bonus(&a, INFINITY) == 7, "bonus capped at 5");
	ok(assess_deduction(&a, 1) == 1 && assess_deduction(&a, INFINITY) == 3, "deduction capped at 1");
	assess_add(&a, KIND_VETO, true, 0, false, 0);
	ok(a.vetoes == 0, "a veto with 0 points does not apply");
	assess_add(&a, KIND_VETO, true, 1, false, 0);
	ok(a.vetoes == 1, "a veto with 1 point applies");
	assess_add(&a, KIND_SCORE, true, 0, true, 10);
	ok(assess_geometric(&a, &s) == ASSESS_OK && s == 0, "a zero item makes the geometric mean 0");
}

/* Bad rows change nothing. */
static void
test_bad_rows(void)
{
	Assessment	a = example(),
				before = a;
	AssessKind	k;

	ok(assess_add(&a, KIND_SCORE, true, 1, true, -1) == ASSESS_WEIGHT, "negative weight");
	ok(assess_add(&a, KIND_SCORE, true, 1, true, NAN) == ASSESS_WEIGHT, "NaN weight");
	ok(assess_add(&a, KIND_SCORE, true, 1, false, 0) == ASSESS_WEIGHT, "NULL weight with points");
	ok(assess_add(&a, KIND_SCORE, true, -1, true, 1) == ASSESS_POINTS, "negative points");
	ok(assess_add(&a, KIND_BONUS, true, NAN, false, 0) == ASSESS_POINTS, "NaN bonus");
	ok(assess_add_plain(&a, true, INFINITY, 1) == ASSESS_POINTS, "infinite points, plain");
	ok(assess_add_plain(&a, true, 1, -2) == ASSESS_WEIGHT, "negative weight, plain");
	ok(memcmp(&a, &before, sizeof(a)) == 0, "the state is unchanged");
	ok(assess_kind_parse("veto", 4, &k) && k == KIND_VETO, "kind veto");
	ok(!assess_kind_parse("vet", 3, &k) && !assess_kind_parse("Veto", 4, &k), "unknown kinds");
}

/* Nothing applies: no score. */
static void
test_empty(void)
{
	Assessment	a = {0};
	double		s;

	assess_add(&a, KIND_SCORE, false, 0, true, 40);
	assess_add_plain(&a, false, 0, 60);
	ok(assess_normalised(&a, &s) == ASSESS_EMPTY && assess_geometric(&a, &s) == ASSESS_EMPTY,
	   "no applicable item: no score");
	ok(a.missing == 2 && a.weight_all == 100, "two missing, weight 100");
}

/* Merging two halves equals adding all rows. */
static void
test_merge(void)
{
	Assessment	all = {0},
				x = {0},
				y = {0};

	assess_add(&all, KIND_SCORE, true, 15, true, 20);
	assess_add(&all, KIND_SCORE, true, 30, true, 30);
	assess_add(&all, KIND_BONUS, true, 2, false, 0);
	assess_add(&x, KIND_SCORE, true, 15, true, 20);
	assess_add(&y, KIND_SCORE, true, 30, true, 30);
	assess_add(&y, KIND_BONUS, true, 2, false, 0);
	assess_merge(&x, &y);
	ok(memcmp(&x, &all, sizeof(x)) == 0, "merge equals one pass");
}

/* Text form reads back bit-exactly; bad text is rejected. */
static void
test_text(void)
{
	Assessment	a = example(),
				b;
	char		buf[ASSESS_TEXT_LEN],
				buf2[ASSESS_TEXT_LEN],
				detail[ASSESS_DETAIL_LEN];

	a.points += 0.1;
	a.bonus = 1.0 / 3;
	a.deduction = 5e-324;
	assess_format(&a, buf, sizeof(buf));
	ok(assess_parse(buf, &b, detail, sizeof(detail)) == ASSESS_OK, "parse own output: %s", buf);
	ok(memcmp(&a, &b, sizeof(a)) == 0, "bit-exact round trip");
	assess_format(&b, buf2, sizeof(buf2));
	ok_str(buf2, buf, "same text again");
	ok(assess_parse("(points=1)", &b, detail, sizeof(detail)) == ASSESS_SYNTAX, "truncated");
	ok(assess_parse("(points=1,weight=1,weight_all=1,bonus=0,deduction=0,log_sum=0,"
					"applicable=1,missing=0,vetoes=0,zeros=0)", &b, detail,
					sizeof(detail)) == ASSESS_OK, "a valid hand-written state");
	ok(assess_parse("(points=1,weight=1,weight_all=1,bonus=-1,deduction=0,log_sum=0,"
					"applicable=1,missing=0,vetoes=0,zeros=0)", &b, detail,
					sizeof(detail)) == ASSESS_CORRUPT, "negative bonus: %s", detail);
	ok(assess_parse("(points=1,weight=1,weight_all=inf,bonus=0,deduction=0,log_sum=0,"
					"applicable=1,missing=0,vetoes=0,zeros=0)", &b, detail,
					sizeof(detail)) == ASSESS_CORRUPT, "infinite weight: %s", detail);
	ok(assess_parse("(points=1,weight=1,weight_all=1,bonus=0,deduction=0,log_sum=0,"
					"applicable=99999999999999999999,missing=0,vetoes=0,zeros=0)", &b, detail,
					sizeof(detail)) == ASSESS_SYNTAX, "count overflow: %s", detail);
}

/* Results out of range: the accessor that overflows reports it, alone. */
static void
test_out_of_range(void)
{
	Assessment	a = {0},
				b = {0},
				c;
	double		s = 0;
	char		buf[ASSESS_TEXT_LEN],
				detail[ASSESS_DETAIL_LEN];

	/* 100 x 1e308 / 1 = 1e310: not a float8 */
	ok(assess_add(&a, KIND_SCORE, true, 1e308, true, 1) == ASSESS_OK, "1e308 of weight 1 is added");
	ok(assess_normalised(&a, &s) == ASSESS_OVERFLOW, "its score 1e310 is out of range");
	/* 1e308 + a bonus of 1e308 = 2e308 */
	ok(assess_adjust(1e308, 1e308, 0, &s) == ASSESS_OVERFLOW, "total 1e308 + 1e308 is out of range");
	ok(assess_adjust(1e308, 1e308, 1e308, &s) == ASSESS_OK && s == 1e308, "1e308 + 1e308 - 1e308 is not");

	/*
	 * 1e308 of weight 5e-324: sums finite (points 1e308, weight 5e-324); the
	 * ratio 1e308 / 5e-324 is not, but its logarithm is: 5e-324 x (ln 1e308 -
	 * ln 5e-324) is a subnormal, and the mean is 100 x exp(1453.6) = out of
	 * range; the score 100 x 1e308 / 5e-324 too.  Only they fail.
	 */
	ok(assess_add(&b, KIND_SCORE, true, 1e308, true, 5e-324) == ASSESS_OK,
	   "1e308 of weight 5e-324 is added");
	ok(b.points == 1e308 && b.weight == 5e-324 && isfinite(b.log_sum), "its sums are finite");
	ok(assess_geometric(&b, &s) == ASSESS_OVERFLOW, "its geometric mean is out of range");

	/* a weight of 1e308 with points 5e-324: the log term -1.45e311 overflows */
	c = (Assessment) {0};
	ok(assess_add(&c, KIND_SCORE, true, 5e-324, true, 1e308) == ASSESS_OK,
	   "5e-324 of weight 1e308 is added");
	ok(isnan(c.log_sum), "its geometric term is marked out of range (NaN)");
	ok(assess_geometric(&c, &s) == ASSESS_OVERFLOW, "the geometric mean says so");
	ok(assess_normalised(&c, &s) == ASSESS_OK && s == 100.0 * 5e-324 / 1e308,
	   "the normalised score is still there");
	assess_add(&c, KIND_SCORE, true, 1, true, 1);
	ok(isnan(c.log_sum) && c.applicable == 2, "the mark stays when more rows come");
	assess_format(&c, buf, sizeof(buf));
	ok(assess_parse(buf, &b, detail, sizeof(detail)) == ASSESS_OK && isnan(b.log_sum),
	   "the marked state reads back: %s", buf);
}

/* A weight of 0 carries no points; input holds the invariants the sums do. */
static void
test_invariants(void)
{
	Assessment	a = example(),
				before = a,
				b;
	char		detail[ASSESS_DETAIL_LEN];

	ok(assess_add(&a, KIND_SCORE, true, 5, true, 0) == ASSESS_ZERO_WEIGHT, "5 points of weight 0");
	ok(assess_add_plain(&a, true, 5, 0) == ASSESS_ZERO_WEIGHT, "5 points of weight 0, plain");
	ok(memcmp(&a, &before, sizeof(a)) == 0, "the state is unchanged");
	ok(assess_add(&a, KIND_SCORE, true, 0, true, 0) == ASSESS_OK, "0 points of weight 0 are fine");
	ok(assess_parse("(points=1,weight=2,weight_all=1,bonus=0,deduction=0,log_sum=0,"
					"applicable=1,missing=0,vetoes=0,zeros=0)", &b, detail,
					sizeof(detail)) == ASSESS_CORRUPT, "weight above weight_all: %s", detail);
	ok(assess_parse("(points=1,weight=0,weight_all=0,bonus=0,deduction=0,log_sum=0,"
					"applicable=1,missing=0,vetoes=0,zeros=0)", &b, detail,
					sizeof(detail)) == ASSESS_CORRUPT, "points with weight 0: %s", detail);
	ok(assess_parse("(points=1,weight=1,weight_all=1,bonus=0,deduction=0,log_sum=inf,"
					"applicable=1,missing=0,vetoes=0,zeros=0)", &b, detail,
					sizeof(detail)) == ASSESS_CORRUPT, "log_sum infinite: %s", detail);
	ok(assess_parse("(points=0,weight=0,weight_all=0,bonus=0,deduction=0,log_sum=nan,"
					"applicable=0,missing=0,vetoes=0,zeros=0)", &b, detail,
					sizeof(detail)) == ASSESS_CORRUPT, "log_sum NaN with nothing applicable: %s", detail);
}

/* Shortest exact double form. */
static void
test_doubles(void)
{
	double		xs[] = {0.1, 1.0 / 3, 90, -5.753641449035618, 5e-324, 1.7976931348623157e308};
	char		buf[32];

	for (size_t i = 0; i < sizeof(xs) / sizeof(xs[0]); i++)
	{
		float_text(xs[i], buf, sizeof(buf));
		ok(strtod(buf, NULL) == xs[i], "%s reads back", buf);
	}
	float_text(0.1, buf, sizeof(buf));
	ok_str(buf, "0.1", "0.1 in its shortest form");
}

int
main(void)
{
	test_rows();
	test_bad_rows();
	test_empty();
	test_merge();
	test_text();
	test_out_of_range();
	test_invariants();
	test_doubles();
	return tap_done();
}
