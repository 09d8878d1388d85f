/*
 * assess_test.c
 *		Unit tests of the assessment state (assess_core.c): row arithmetic,
 *		merging, accessors, and the text form's exact round trip.
 */
#include <stdlib.h>

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

	ok(assess_normalised(&a, &s) && s == 90, "(15 + 30) / (20 + 30) x 100 = 90");
	ok(a.weight_all == 100 && a.applicable == 2 && a.missing == 1, "weights and counts");
	/* 100 x 0.75^0.4 = 89.130123 */
	ok(assess_geometric(&a, &s), "geometric defined");
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
	ok(assess_geometric(&a, &s) && s == 0, "a zero item makes the geometric mean 0");
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
	ok(!assess_normalised(&a, &s) && !assess_geometric(&a, &s), "no applicable item: no score");
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
	test_doubles();
	return tap_done();
}
