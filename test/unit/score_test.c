/*
 * score_test.c
 *		Unit tests of the pure scoring rules (score_core.c); every expected
 *		value is worked out by hand in the comment beside it.
 */
#include "schedule_core.h"
#include "score_core.h"
#include "tap.h"

static const double HIGH[SCORE_BANDS] = {100, 90, 80, 70, 60};
static const double LOW[SCORE_BANDS] = {2, 4, 7, 10, 15};

/* Argument checks. */
static void
test_checks(void)
{
	ok(score_check_weight(0) && score_check_weight(12.5), "weights 0 and 12.5 are valid");
	ok(!score_check_weight(-1) && !score_check_weight(NAN) && !score_check_weight(INFINITY),
	   "negative, NaN and infinite weights are not");
	ok(score_check_share(0) && score_check_share(1) && !score_check_share(1.01) &&
	   !score_check_share(NAN), "shares lie in [0, 1]");
	ok(score_check_floor_cap(0, 1.2) && score_check_floor_cap(0.5, 0.5), "floor <= cap");
	ok(!score_check_floor_cap(0.6, 0.5) && !score_check_floor_cap(-0.1, 1) &&
	   !score_check_floor_cap(0, NAN) && !score_check_floor_cap(NAN, 1),
	   "floor above cap, negative floor, NaN rejected");
}

/* Direction of standards. */
static void
test_direction(void)
{
	const double flat[SCORE_BANDS] = {100, 90, 90, 70, 60};
	const double zigzag[SCORE_BANDS] = {100, 90, 95, 70, 60};
	const double nan[SCORE_BANDS] = {100, 90, NAN, 70, 60};

	ok(score_banded_direction(HIGH) == 1, "descending standards: higher is better");
	ok(score_banded_direction(LOW) == -1, "ascending standards: lower is better");
	ok(score_banded_direction(flat) == 0, "equal standards are not strictly monotonic");
	ok(score_banded_direction(zigzag) == 0, "zigzag standards are not monotonic");
	ok(score_banded_direction(nan) == 0, "NaN standards are rejected");
}

/* The banded efficacy coefficient, both directions. */
static void
test_banded(void)
{
	ok_near(score_banded(100, HIGH, 1, 20), 20, 1e-12, "on excellent: full weight");
	ok_near(score_banded(150, HIGH, 1, 20), 20, 1e-12, "above excellent: full weight");
	/* 0.8 + (95 - 90) / 10 x 0.2 = 0.9 */
	ok_near(score_banded(95, HIGH, 1, 20), 18, 1e-12, "good band interpolates");
	ok_near(score_banded(90, HIGH, 1, 20), 16, 1e-12, "on good: 0.8");
	/* 0.4 + (72 - 70) / 10 x 0.2 = 0.44 */
	ok_near(score_banded(72, HIGH, 1, 20), 8.8, 1e-12, "low band interpolates");
	ok_near(score_banded(60, HIGH, 1, 20), 4, 1e-12, "on poor: 0.2");
	ok_near(score_banded(59.999, HIGH, 1, 20), 0, 0, "below poor: zero");
	/* lower is better: 0.8 + (3 - 4) / (2 - 4) x 0.2 = 0.9 */
	ok_near(score_banded(3, LOW, -1, 10), 9, 1e-12, "lower: good band");
	ok_near(score_banded(1, LOW, -1, 10), 10, 1e-12, "lower: better than excellent");
	/* 0.2 + (12 - 15) / (10 - 15) x 0.2 = 0.32 */
	ok_near(score_banded(12, LOW, -1, 10), 3.2, 1e-12, "lower: poor band");
	ok_near(score_banded(15, LOW, -1, 10), 2, 1e-12, "lower: on poor");
	ok_near(score_banded(15.01, LOW, -1, 10), 0, 0, "lower: worse than poor");
}

/* The other methods. */
static void
test_methods(void)
{
	ok_near(score_proportional(0.9, 10, 0, 1), 9, 1e-12, "proportional");
	ok_near(score_proportional(1.5, 10, 0, 1.2), 12, 1e-12, "proportional capped at 1.2");
	ok_near(score_proportional(0.2, 10, 0.4, 1.2), 4, 1e-12, "proportional floored at 0.4");
	ok_near(score_threshold(true, 8, 0.25), 8, 0, "threshold met");
	ok_near(score_threshold(false, 8, 0.25), 2, 1e-12, "threshold missed: 8 x 0.25");
	/* 60 + 40 x (75 - 50) / 50 = 80 */
	ok_near(score_efficacy(75, 100, 50, 100, true), 80, 1e-12, "efficacy midway");
	ok_near(score_efficacy(120, 100, 50, 100, true), 100, 1e-12, "efficacy clamped at 100");
	ok_near(score_efficacy(120, 100, 50, 100, false), 116, 1e-12, "efficacy unclamped 116");
	ok_near(score_efficacy(40, 100, 50, 100, true), 60, 1e-12, "efficacy clamped at 60");
	/* lower is better: (4 - 10) / (2 - 10) = 0.75 -> 90 */
	ok_near(score_efficacy(4, 2, 10, 100, true), 90, 1e-12, "efficacy lower is better");
	ok_near(score_efficacy(75, 100, 50, 15, true), 12, 1e-12, "efficacy scaled to weight 15");
	ok_near(score_rank(1, 5, 10, 0.6), 10, 0, "rank 1 of 5");
	ok_near(score_rank(5, 5, 10, 0.6), 6, 1e-12, "rank 5 of 5: floor");
	ok_near(score_rank(3, 5, 10, 0.6), 8, 1e-12, "rank 3 of 5: 10 x (1 - 0.5 x 0.4)");
	ok_near(score_rank(1, 1, 10, 0.6), 10, 0, "a single peer: full weight");
}

/* Grade bands. */
static void
test_grades(void)
{
	const double thr[3] = {90, 80, 60};
	const double bad[3] = {90, 90, 60};
	const double nan[2] = {90, NAN};

	ok(score_check_bands(thr, 3) && score_check_bands(thr, 0), "bands in order");
	ok(!score_check_bands(bad, 3) && !score_check_bands(nan, 2), "bands out of order or NaN");
	ok(score_grade_index(90, thr, 3) == 0, "90: first band");
	ok(score_grade_index(89.99, thr, 3) == 1, "89.99: second band");
	ok(score_grade_index(60, thr, 3) == 2, "60: third band");
	ok(score_grade_index(59.99, thr, 3) == 3, "59.99: last band");
	ok(score_grade_index(-1, thr, 0) == 0, "no thresholds: one band");
}

/* The 0-10 scale and baseline progress, worked by hand. */
static void
test_scale_baseline(void)
{
	double		p = 0;

	/* red 5, goal 7: 5/3 a point; 6 is 5, 8 is 25/3, 9 is 10, 2 clamps to 0 */
	ok_near(score_scale(6, 5, 7, SCORE_SCALE_RED, SCORE_SCALE_GOAL), 5.0, 1e-12, "scale: 6 of red 5, goal 7 is 5");
	ok_near(score_scale(8, 5, 7, SCORE_SCALE_RED, SCORE_SCALE_GOAL), 25.0 / 3, 1e-12, "scale: 8 is 25/3");
	ok_near(score_scale(9, 5, 7, SCORE_SCALE_RED, SCORE_SCALE_GOAL), 10.0, 1e-12, "scale: 9 is 10");
	ok(score_scale(20, 5, 7, SCORE_SCALE_RED, SCORE_SCALE_GOAL) == 10.0, "scale: capped at 10");
	ok(score_scale(2, 5, 7, SCORE_SCALE_RED, SCORE_SCALE_GOAL) == 0.0, "scale: clamped at 0");
	/* lower is better: red 10, goal 6; 8 is 5 */
	ok_near(score_scale(8, 10, 6, SCORE_SCALE_RED, SCORE_SCALE_GOAL), 5.0, 1e-12, "scale, lower is better: 8 of red 10, goal 6 is 5");
	ok(score_baseline_progress(110, 100, 120, &p) && p == 0.5, "baseline 100, goal 120: 110 is 0.5");
	ok(score_baseline_progress(55, 50, 40, &p) && p == -0.5, "baseline 50, goal 40: 55 is -0.5");
	ok(!score_baseline_progress(1, 5, 5, &p), "goal = baseline: undefined");
}

/* Schedules from fixed months, added exactly. */
static void
test_fixed_months(void)
{
	double		share[SCHEDULE_MONTHS];
	char		detail[SCHEDULE_DETAIL_LEN];
	int			m[] = {1, 12};
	double		a[] = {200, 150};
	int			m3[] = {3};
	double		a3[] = {0.25};

	/* 1200 with January 200 and December 150: 85 a month between */
	ok(schedule_fixed_months(1200, m, a, 2, share, detail, sizeof(detail)) == SCHEDULE_OK &&
	   share[0] == 200.0 / 1200 && share[1] == 285.0 / 1200 && share[10] == 1050.0 / 1200 && share[11] == 1.0,
	   "1200, January 200, December 150: 200, 285, ..., 1050, 1200");
	/* 10.5 with March 0.25: 1025 hundredths = 11 x 93 + 2; months 11, 12 get 94 */
	ok(schedule_fixed_months(10.5, m3, a3, 1, share, detail, sizeof(detail)) == SCHEDULE_OK &&
	   share[0] == 93.0 / 1050 && share[2] == 211.0 / 1050 && share[9] == 862.0 / 1050 &&
	   share[10] == 956.0 / 1050 && share[11] == 1.0,
	   "10.5, March 0.25: 0.93 a month, 0.94 in November and December, 10.5 in all");
	a[0] = 1100;
	ok(schedule_fixed_months(1200, m, a, 2, share, detail, sizeof(detail)) == SCHEDULE_FIXED &&
	   strstr(detail, "more than") != NULL, "fixed months above the annual figure: refused (%s)", detail);
	ok(schedule_fixed_months(1e-16, m, a, 0, share, detail, sizeof(detail)) == SCHEDULE_FIXED,
	   "an annual figure with more than 15 decimals: refused");
}

int
main(void)
{
	test_checks();
	test_direction();
	test_banded();
	test_methods();
	test_grades();
	test_scale_baseline();
	test_fixed_months();
	return tap_done();
}
