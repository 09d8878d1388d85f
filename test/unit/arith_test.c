/*
 * arith_test.c
 *		Unit tests of the bureau's arithmetic (arith_core.c) and interim
 *		schedules (schedule_core.c), on numbers worked by hand.
 */
#include "arith_core.h"
#include "schedule_core.h"
#include "tap.h"

#include <stdlib.h>

#define M(y, m) ((y) * 12 + (m) - 1)

/* A state parsed from text (NULL on failure). */
static Ytd *
parse(const char *s)
{
	YtdReading r[64];
	YtdHead		h;
	char		detail[YTD_DETAIL_LEN];
	int			base,
				n;
	Ytd		   *y;

	if (ytd_parse(s, &h, r, 64, detail, sizeof(detail)) != YTD_OK)
		return NULL;
	ytd_readings_range(r, h.nreadings, &base, &n);
	y = calloc(1, YTD_SIZE(n, true));	/* wide: holds any sums */
	ytd_build(y, &h, r, h.nreadings, true);
	return y;
}

/* A target parsed from text. */
static Target
target(const char *s)
{
	Target		t;
	char		detail[TARGET_DETAIL_LEN];

	target_parse(s, &t, detail, sizeof(detail));
	return t;
}

/* Contribution and pull: parts a +2, b +3, c -3 of a total 100 -> 102. */
static void
test_contribution(void)
{
	double		v,
				sum_c = 0,
				sum_p = 0;
	double		part[3][2] = {{12, 10}, {33, 30}, {57, 60}};

	for (int i = 0; i < 3; i++)
	{
		ok(arith_contribution(part[i][0], part[i][1], 102, 100, &v), "contribution of part %d", i);
		sum_c += v;
		ok(arith_pull(part[i][0], part[i][1], 100, &v), "pull of part %d", i);
		sum_p += v;
	}
	ok(arith_contribution(33, 30, 102, 100, &v) && v == 150, "3 of a change of 2 is 150%%");
	ok_near(sum_c, 100, 1e-12, "contributions of parts that add up sum to 100");
	ok_near(sum_p, 2, 1e-12, "pulls sum to the total's growth, 2%%");
	ok(!arith_contribution(12, 10, 100, 100, &v), "no contribution when the total did not change");
	ok(!arith_pull(12, 10, 0, &v), "no pull on a zero base");
	ok(arith_pull_comparable(30, 120, 8, &v) && v == 2, "comparable price: share 25%% x growth 8%% = 2 points");
	ok(!arith_pull_comparable(30, 0, 8, &v), "no comparable pull without a base total");
}

/* The example: A = 1000, C_6 = 480, X_6 = 504, g = 7%. */
static void
test_required(void)
{
	double		v;
	Target		g7 = target("growth >= 7%");
	Target		lvl = target("level >= 1100");
	Target		share = target("share >= 22%");

	ok(arith_required_growth(1000, 480, 504, 1070, &v), "required growth defined in June");
	ok_near(v, (566.0 / 520.0 - 1) * 100, 1e-12, "r = 566 / 520 - 1");
	ok_near(v, 8.846153846153846, 1e-9, "r = 8.846%%");
	ok(!arith_required_growth(1000, 1000, 1050, 1070, &v), "nothing of last year remains: NULL");
	ok(arith_required_growth(1000, 480, 1100, 1070, &v) && v < -100, "a goal already passed needs less than -100%%");
	ok(arith_projection(1000, 480, 504, &v) && v == 504 + 520 * 1.05, "projection 504 + 520 x 1.05 = 1050");
	ok(!arith_projection(1000, 0, 504, &v), "no projection on a zero base");
	ok(arith_goal(&g7, 1000, &v) && fabs(v - 1070) < 1e-9, "goal of growth >= 7%% on 1000 is 1070");
	ok(arith_goal(&lvl, 1000, &v) && v == 1100, "goal of a level target is its level");
	ok(!arith_goal(&share, 1000, &v), "a share target has no annual goal");
}

/* The same on a state: June 2024 against 2023 (A = 1000, C_6 = 480). */
static void
test_required_state(void)
{
	Ytd		   *s = parse("monthly{2023-01:80,2023-02:80,2023-03:80,2023-04:80,2023-05:80,"
						  "2023-06:80,2023-07:80,2023-08:80,2023-09:100,2023-10:100,2023-11:80,"
						  "2023-12:80,2024-01:84,2024-02:84,2024-03:84,2024-04:84,2024-05:84,2024-06:84}");
	double		v;

	ok(ytd_annual_prior_of(s, M(2024, 6), &v) && v == 1000, "A = 1000");
	ok(ytd_required_growth_of(s, M(2024, 6), 1070, &v), "required growth from the state");
	ok_near(v, 8.846153846153846, 1e-9, "r = 8.846%% from the state");
	ok(ytd_projection_of(s, M(2024, 6), &v) && fabs(v - 1050) < 1e-9, "projection 1050");
	ok(ytd_projected_growth_of(s, M(2024, 6), &v) && fabs(v - 5) < 1e-9, "projected growth 5%%");
	{
		Target		g7 = target("growth >= 7%");
		Target		l1100 = target("level >= 1100");
		Target		l1000 = target("level >= 1000");
		Target		rel = target("growth > reference");
		bool		met;

		ok(ytd_required_growth_for(s, M(2024, 6), &g7, &v) && fabs(v - 8.846153846153846) < 1e-9,
		   "toward growth >= 7%%: 8.846%%");
		ok(ytd_required_growth_for(s, M(2024, 6), &l1100, &v) && fabs(v - (596.0 / 520.0 - 1) * 100) < 1e-9,
		   "toward level >= 1100: 596 / 520 - 1");
		ok(!ytd_required_growth_for(s, M(2024, 6), &rel, &v), "a relative target: NULL");
		ok(ytd_projection_met_of(s, M(2024, 6), &g7, &met) && !met, "projection +5%% misses growth >= 7%%");
		ok(ytd_projection_met_of(s, M(2024, 6), &l1000, &met) && met, "projection 1050 meets level >= 1000");
		ok(!ytd_projection_met_of(s, M(2024, 6), &rel, &met), "no verdict on a relative target");
	}
	ok(!ytd_required_growth_of(s, M(2024, 7), 1070, &v), "July 2024 missing: NULL");
	ok(!ytd_required_growth_of(s, M(2023, 12), 1070, &v), "December: NULL");
	free(s);
}

/* Average growth, the month's own growth, the change since last month. */
static void
test_spans(void)
{
	Ytd		   *s = parse("monthly{2022-01:100,2022-02:200,2023-01:110,2023-02:220,2024-01:121,2024-02:242}");
	Ytd		   *c = parse("cumulative{2023-01:100,2023-02:210,2024-01:105,2024-02:225}");
	Ytd		   *jf = parse("monthly{2023-01:100,2023-02:100,2023-03:100,2024-02:210,2024-03:90}");
	double		v;

	ok(arith_avg_growth(121, 100, 2, &v) && fabs(v - 10) < 1e-12, "121 over 100 in two years: 10%% a year");
	ok(!arith_avg_growth(121, 0, 2, &v) && !arith_avg_growth(-1, 100, 2, &v), "no average on a zero base or a negative value");
	ok(ytd_avg_growth_of(s, M(2024, 2), 2, &v) && fabs(v - 10) < 1e-12, "two-year average of 1-2月: 363 over 300 = 10%%");
	ok(ytd_avg_growth_of(s, M(2024, 2), 1, &v) && fabs(v - 10) < 1e-12, "one year is the growth");
	ok(!ytd_avg_growth_of(s, M(2024, 2), 3, &v), "three years need four years of readings");
	ok(!ytd_avg_growth_of(s, M(2024, 2), 100000, &v), "an absurd span is NULL, not an overflow");
	ok(ytd_month_growth_of(c, M(2024, 2), &v) && fabs(v - (120.0 / 110.0 - 1) * 100) < 1e-12,
	   "month's growth from cumulative readings: 120 over 110");
	ok(ytd_month_growth_of(c, M(2024, 1), &v) && fabs(v - 5) < 1e-12, "January's growth 5%%");
	ok(!ytd_month_growth_of(jf, M(2024, 2), &v), "no month growth for a February standing for January too");
	ok(ytd_growth_change_of(c, M(2024, 2), &v) && fabs(v - ((225.0 / 210.0 - 1) * 100 - 5)) < 1e-12,
	   "change since January: 7.14%% - 5%%");
	ok(!ytd_growth_change_of(c, M(2024, 1), &v), "January has no previous month");
	ok(!ytd_growth_change_of(jf, M(2024, 2), &v), "1-2月 reported together has no previous");
	ok(ytd_growth_change_of(jf, M(2024, 3), &v) && fabs(v - (0 - 5)) < 1e-12,
	   "March against 1-2月: 0%% - 5%%");
	free(s);
	free(c);
	free(jf);
}

/* Last year's seasonal shape and schedules. */
static void
test_schedules(void)
{
	Ytd		   *s = parse("monthly{2023-02:200,2023-03:100,2023-04:100,2023-05:100,2023-06:100,2023-07:100,"
						  "2023-08:100,2023-09:100,2023-10:50,2023-11:50,2023-12:0,2024-03:1}");
	double		share[12],
				v;
	bool		has[12];
	char		detail[SCHEDULE_DETAIL_LEN];
	double		plan[12] = {0, 0, 0.1, 0.1, 0.2, 0.3, 0.3, 0.5, 0.6, 0.7, 0.9, 1};
	bool		all[12] = {1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1};

	ok(ytd_seasonal_shape(s, M(2024, 5), share, has), "last year's shape");
	ok(!has[0] && has[1] && share[1] == 0.2, "January unknown (1-2月), S(2) = 200 / 1000");
	ok(has[5] && fabs(share[5] - 0.6) < 1e-12 && share[11] == 1, "S(6) = 600 / 1000, S(12) = 1");
	ok(schedule_check(plan, all, 12, detail, sizeof(detail)) == SCHEDULE_OK, "a project plan checks");
	ok(schedule_share(plan, all, 6, &v) && v == 0.3, "30%% due by June");
	ok(schedule_check(plan, all, 11, detail, sizeof(detail)) == SCHEDULE_LENGTH, "11 shares are refused");
	plan[5] = 30;
	ok(schedule_check(plan, all, 12, detail, sizeof(detail)) == SCHEDULE_RANGE, "a share of 30 is refused");
	ok_str(detail, "The share of month 6 is 30; shares are fractions of the annual target from 0 to 1 (30% by June is 0.3).",
		   "the detail names the month");
	ok(!schedule_share(share, has, 1, &v), "no share in a month without one");
	free(s);
	s = parse("monthly{2023-01:-10,2023-02:30,2023-03:30,2023-04:30,2023-05:30,2023-06:30,"
			  "2023-07:30,2023-08:30,2023-09:30,2023-10:30,2023-11:30,2023-12:-90,2024-01:1}");
	ok(ytd_seasonal_shape(s, M(2024, 1), share, has), "a shape with negative months");
	ok(!has[0] && has[1] && share[1] == 0.1, "January's -10 / 200 is no share; February 20 / 200");
	ok(!has[10] && has[11] && share[11] == 1, "November's 290 / 200 is no share; December 1");
	free(s);
}

/* Share of units growing. */
static void
test_share_growing(void)
{
	double		v;

	ok(arith_is_growing(0.1) && !arith_is_growing(0) && !arith_is_growing(-0.1), "growing means above zero");
	ok(arith_share_growing(4, 3, &v) && v == 75, "3 of 4 units growing: 75%%");
	ok(!arith_share_growing(0, 0, &v), "no unit counted: NULL");
}

int
main(void)
{
	test_contribution();
	test_required();
	test_required_state();
	test_spans();
	test_schedules();
	test_share_growing();
	return tap_done();
}
