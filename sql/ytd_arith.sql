-- The bureau's arithmetic: contribution and pull, required growth and the
-- year-end projection, growth over other spans, interim schedules and the
-- share of units growing.  Every expected value is worked out by hand in
-- the comments or compared with an independent plain-SQL formula.
SET search_path = scorecard, public;
SET extra_float_digits = 0;
\set SHOW_CONTEXT never

-- Retail sales of three counties, January-March.  A: 100 a month in 2023
-- (300), 110 in 2024 (330, +30); B: 200 (600) -> 190 (570, -30); C: 100
-- (300) -> 120 (360, +60).  The city: 1200 -> 1260, +60, growth 5%.
-- Contributions (贡献率): A 30/60 = 50%, B -50%, C 100%; they sum to 100.
-- Pulls (拉动): A 30/1200 = 2.5 points, B -2.5, C 5; they sum to 5 = growth.
CREATE TABLE sales (unit text, period date, value float8);
INSERT INTO sales
SELECT u, make_date(y, m, 1), CASE WHEN y = 2023 THEN v0 ELSE v1 END
FROM (VALUES ('A', 100, 110), ('B', 200, 190), ('C', 100, 120)) c(u, v0, v1),
	generate_series(2023, 2024) y, generate_series(1, 3) m;

-- Two-state form: the part's state and the city's, rolled up in a subquery.
WITH part AS (SELECT unit, ytd_agg(period, value) AS s FROM sales GROUP BY unit),
city AS (SELECT rollup(s) AS s FROM part)
SELECT p.unit, ytd_contribution(p.s, c.s, '2024-03-31') AS contribution,
       ytd_pull(p.s, c.s, '2024-03-31') AS pull
FROM part p, city c ORDER BY p.unit;

-- Window form: the total from rollup(state) OVER (PARTITION BY ...), and
-- the sums checked against the city's growth computed with plain SQL.
WITH part AS (SELECT 'retail' AS ind, unit, ytd_agg(period, value) AS s FROM sales GROUP BY unit),
w AS (
	SELECT ind, unit, ytd_contribution(s, rollup(s) OVER (PARTITION BY ind), '2024-03-31') AS c,
	       ytd_pull(s, rollup(s) OVER (PARTITION BY ind), '2024-03-31') AS p
	FROM part),
plain AS (
	SELECT (sum(value) FILTER (WHERE period >= '2024-01-01') / sum(value) FILTER (WHERE period < '2024-01-01') - 1) * 100 AS growth
	FROM sales)
SELECT round(sum(c)::numeric, 9) AS contributions, round(sum(p)::numeric, 9) AS pulls,
       round(plain.growth::numeric, 9) AS city_growth,
       abs(sum(p) - plain.growth) < 1e-9 AS pulls_are_growth
FROM w, plain GROUP BY plain.growth;

-- A running total in the window works too (rollup is an ordinary
-- aggregate there): A, then A + B, then all three, as of March 2024.
SELECT unit, ytd_value(rollup(s) OVER (ORDER BY unit), '2024-03-31') AS running
FROM (SELECT unit, ytd_agg(period, value) AS s FROM sales GROUP BY unit) p ORDER BY unit;

-- On numbers: the same figures, and a total that did not change (NULL).
SELECT contribution(330, 300, 1260, 1200) AS a_50, pull(570, 600, 1200) AS b_minus_2_5,
       contribution(10, 0, 100, 100) AS unchanged_null, pull(10, 0, 0) AS zero_base_null;
-- Comparable prices: A's base-period share 300/1200 = 25% x its growth 8%
-- = 2 points; the contribution is pull / city growth x 100 = 2 / 5 = 40%.
SELECT pull_comparable(300, 1200, 8) AS pull_2, pull_comparable(300, 1200, 8) / 5 * 100 AS contribution_40;

-- Required growth (倒排), the issue's example: A = 1000, C_6 = 480,
-- X_6 = 504, g = 7%: r = (1070 - 504) / (1000 - 480) - 1 = 566 / 520 - 1
-- = 8.846%.
SELECT round(required_growth(1000, 480, 504, 7)::numeric, 3) AS r_8_846;
-- The same from a state: 2023 months 80 x 8, 100, 100, 80, 80 (A = 1000,
-- C_6 = 480); 2024 84 a month to June (X_6 = 504, +5%).
CREATE TABLE plan_year (period date, value float8);
INSERT INTO plan_year
SELECT make_date(2023, m, 1), (ARRAY[80, 80, 80, 80, 80, 80, 80, 80, 100, 100, 80, 80])[m]
FROM generate_series(1, 12) m
UNION ALL SELECT make_date(2024, m, 1), 84 FROM generate_series(1, 6) m;
-- r for growth >= 7%: 8.846%; for level >= 1100: 596 / 520 - 1 = 14.615%;
-- for level >= 2000: 1496 / 520 - 1 = 187.692% (beyond a 100% bound);
-- a share target has no annual goal (NULL).  Projection at the pace
-- (+5%): 504 + 520 x 1.05 = 1050, growth 5%: meets growth >= 4.9% and
-- level >= 1040, not growth >= 7%.
SELECT ytd_annual_prior(s, '2024-06-30') AS a_1000,
       round(ytd_required_growth(s, '2024-06-30', 'growth >= 7%')::numeric, 3) AS r_8_846,
       round(ytd_required_growth(s, '2024-06-30', 'level >= 1100')::numeric, 3) AS r_14_615,
       round(ytd_required_growth(s, '2024-06-30', 'level >= 2000')::numeric, 3) AS r_187_692,
       ytd_required_growth(s, '2024-06-30', 'share >= 22%') AS share_null,
       round(ytd_projection(s, '2024-06-30')::numeric, 9) AS p_1050,
       round(ytd_projected_growth(s, '2024-06-30')::numeric, 9) AS pg_5,
       ytd_projection_met(s, '2024-06-30', 'growth >= 7%') AS meets_7,
       ytd_projection_met(s, '2024-06-30', 'growth >= 4.9%') AS meets_4_9,
       ytd_projection_met(s, '2024-06-30', 'level >= 1040') AS meets_1040
FROM (SELECT ytd_agg(period, value) AS s FROM plan_year) x;
-- December has no remaining months: NULL (2023 as of December).
SELECT ytd_required_growth(s, '2023-12-31', 'growth >= 7%') AS december_null
FROM (SELECT ytd_agg(period, value) AS s FROM plan_year) x;

-- Two-year average growth (两年平均增速) from three years of readings:
-- January-February 100 + 200 = 300 in 2022, 330 in 2023, 363 in 2024:
-- (363 / 300)^(1/2) - 1 = 1.1 - 1 = 10%.  Three years need four: NULL.
CREATE TABLE three_years (period date, value float8);
INSERT INTO three_years VALUES ('2022-01-01', 100), ('2022-02-01', 200), ('2023-01-01', 110),
	('2023-02-01', 220), ('2024-01-01', 121), ('2024-02-01', 242);
SELECT round(ytd_avg_growth(s, '2024-02-29')::numeric, 9) AS two_year_10,
       round(ytd_avg_growth(s, '2024-02-29', 1)::numeric, 9) AS one_year_10,
       ytd_avg_growth(s, '2024-02-29', 3) AS three_years_null,
       round(avg_growth(363, 300, 2)::numeric, 9) AS numbers_10,
       ytd_reading_count
FROM (SELECT ytd_agg(period, value) AS s FROM three_years) x,
	LATERAL (SELECT count(*) AS ytd_reading_count FROM three_years) c;
SELECT ytd_avg_growth(ytd_agg(period, value), '2024-02-29', 0) FROM three_years;

-- The month's own growth (当月增速) from cumulative readings: February
-- 2024 is 225 - 105 = 120 against 210 - 100 = 110: +9.0909%; January
-- 105 / 100: +5%.  The change of the year-to-date growth since January:
-- 225 / 210 - 1 = 7.1429% less 5% = +2.1429 points; January compares with
-- 2023's whole-year growth, which this state does not hold: NULL.
SELECT round(ytd_month_growth(s, '2024-02-01')::numeric, 4) AS feb_9_0909,
       round(ytd_month_growth(s, '2024-01-01')::numeric, 4) AS jan_5,
       round(ytd_growth_change(s, '2024-02-01')::numeric, 4) AS change_2_1429,
       ytd_growth_change(s, '2024-01-01') AS january_null
FROM (SELECT 'cumulative{2023-01:100,2023-02:210,2024-01:105,2024-02:225}'::ytd AS s) x;
-- January and February reported together (no January 2024 figure): the
-- February figure has no month growth, and its change compares with 2023's
-- whole-year growth, not held here: NULL; March's growth (300 / 300 = 0%)
-- changes by -5 points from 1-2月 (210 / 200).
SELECT ytd_month_growth(s, '2024-02-01') AS feb_null, ytd_growth_change(s, '2024-02-01') AS feb_change_null,
       round(ytd_growth_change(s, '2024-03-01')::numeric, 9) AS march_minus_5,
       round(ytd_month_growth(s, '2024-03-01')::numeric, 9) AS march_month_minus_10
FROM (SELECT 'monthly{2023-01:100,2023-02:100,2023-03:100,2024-02:210,2024-03:90}'::ytd AS s) x;
-- The first period of a year against the previous year's whole year, as
-- the bulletin sentence of issue 23 writes it: "1-2月增长5.3%，比上年全年
-- 回落0.4个百分点".  Cumulative readings: 2022 whole year 1000, 2023 whole
-- year 1057 (+5.7%); 1-2月 2023 200, 2024 210.6 (+5.3%, no January
-- figures): the change is 5.3 - 5.7 = -0.4 points.  With a January of its
-- own (2023 100, 2024 104: +4%), January compares with the whole year
-- (4 - 5.7 = -1.7) and February with January (5.3 - 4 = +1.3).
SELECT round(ytd_growth(s, '2024-02-29')::numeric, 9) AS growth_1_2,
       round(ytd_growth(s, '2023-12-31')::numeric, 9) AS whole_2023,
       round(ytd_growth_change(s, '2024-02-29')::numeric, 9) AS change_minus_0_4
FROM (SELECT 'cumulative{2022-12:1000,2023-02:200,2023-12:1057,2024-02:210.6}'::ytd AS s) x;
SELECT round(ytd_growth_change(s, '2024-01-31')::numeric, 9) AS january_minus_1_7,
       round(ytd_growth_change(s, '2024-02-29')::numeric, 9) AS february_plus_1_3
FROM (SELECT 'cumulative{2022-12:1000,2023-01:100,2023-02:200,2023-12:1057,2024-01:104,2024-02:210.6}'::ytd AS s) x;
-- Rates do not add up.
SELECT ytd_contribution('rate{2024-01:1}'::ytd, 'rate{2024-01:2}'::ytd, '2024-01-01');

-- Interim schedules: a project plan with 30% by June, against a level
-- target of 100.  By June, 24 done is 6 points behind the schedule (red
-- beyond the default 5-point tolerance), 27 is 3 behind (yellow), 31
-- ahead (green).  Linear time progress (6/12) would make 31 red (19 behind).
SELECT schedule_progress('{0,0,0.1,0.1,0.2,0.3,0.3,0.5,0.6,0.7,0.9,1}', '2024-06-15') AS june_0_3,
       target_schedule_gap('level >= 100', 24, '2024-06-30', '{0,0,0.1,0.1,0.2,0.3,0.3,0.5,0.6,0.7,0.9,1}'::float8[]) AS gap_minus_6,
       target_status('level >= 100', 24, '2024-06-30', '{0,0,0.1,0.1,0.2,0.3,0.3,0.5,0.6,0.7,0.9,1}'::float8[]) AS at_24,
       target_status('level >= 100', 27, '2024-06-30', '{0,0,0.1,0.1,0.2,0.3,0.3,0.5,0.6,0.7,0.9,1}'::float8[]) AS at_27,
       target_status('level >= 100', 31, '2024-06-30', '{0,0,0.1,0.1,0.2,0.3,0.3,0.5,0.6,0.7,0.9,1}'::float8[]) AS at_31,
       target_status('level >= 100', 31, '2024-06-30', flow => true) AS linear_31;
-- Without a schedule the new form is the linear one (m/12: 44 of 100 by
-- June is 6 points behind: red, as with flow => true); growth targets are
-- judged on met and gap whatever the schedule; a relative target takes
-- the reference (7.5 > 7: green).
SELECT target_status('level >= 100', 44, '2024-06-30', NULL::float8[]) AS no_schedule,
       target_status('level >= 100', 44, '2024-06-30', flow => true) AS linear,
       target_status('growth >= 7%', 6.5, '2024-06-30', '{0,0,0.1,0.1,0.2,0.3,0.3,0.5,0.6,0.7,0.9,1}'::float8[]) AS growth_yellow,
       target_status('growth > reference', 7.5, '2024-06-30', NULL::float8[], 7) AS relative_green;
-- Judged as published: 24.96 done by June against the 30% schedule is
-- 5.04 points behind, red; published to one decimal it is 25.0, 5 points
-- behind: yellow (the 5-point tolerance's boundary is yellow).
SELECT target_status('level >= 100', 24.96, '2024-06-30', '{0,0,0.1,0.1,0.2,0.3,0.3,0.5,0.6,0.7,0.9,1}'::float8[]) AS full_red,
       target_status('level >= 100', 24.96, '2024-06-30', '{0,0,0.1,0.1,0.2,0.3,0.3,0.5,0.6,0.7,0.9,1}'::float8[],
                     decimals => 1) AS published_yellow,
       round(target_schedule_gap('level >= 100', 24.96, '2024-06-30', '{0,0,0.1,0.1,0.2,0.3,0.3,0.5,0.6,0.7,0.9,1}'::float8[])::numeric, 9) AS full_gap,
       round(target_schedule_gap('level >= 100', 24.96, '2024-06-30', '{0,0,0.1,0.1,0.2,0.3,0.3,0.5,0.6,0.7,0.9,1}'::float8[],
                                 1)::numeric, 9) AS published_gap;
SELECT target_status('level >= 100', 24.96, '2024-06-30', NULL::float8[], decimals => -1);
\echo :LAST_ERROR_SQLSTATE
-- Last year's seasonal shape S(m) = C_m / A (plan_year: 80 / 1000 by
-- January, 480 / 1000 by June) as a schedule: 504 done of a 1070 target
-- by June is 504 / 1070 - 0.48 = -0.897 points behind it.
SELECT ytd_seasonal_schedule(s, '2024-06-30') AS shape,
       schedule_progress(ytd_seasonal_schedule(s, '2024-06-30'), '2024-06-30') AS june_0_48,
       round(target_schedule_gap('level >= 1070', 504, '2024-06-30', ytd_seasonal_schedule(s, '2024-06-30'))::numeric, 3) AS gap
FROM (SELECT ytd_agg(period, value) AS s FROM plan_year) x;
-- A January reported with February leaves January without a share (NULL);
-- cumulative 1-2月 2 of a year's 8 is 0.25 by February.
SELECT schedule_progress(ytd_seasonal_schedule('cumulative{2023-02:2,2023-12:8}'::ytd, '2024-01-01'), '2024-01-31') AS jan_null,
       schedule_progress(ytd_seasonal_schedule('cumulative{2023-02:2,2023-12:8}'::ytd, '2024-01-01'), '2024-02-29') AS feb_0_25;
-- Bad schedules are refused with the reason.
SELECT schedule_progress('{0.1,0.2}', '2024-06-30');
SELECT schedule_progress('{0,0,0.1,0.1,0.2,30,0.3,0.5,0.6,0.7,0.9,1}', '2024-06-30');
SELECT schedule_progress('{{0,0,0.1,0.1,0.2,0.3},{0.3,0.5,0.6,0.7,0.9,1}}', '2024-06-30');

-- Share of units growing (增长面): A and C grow, B falls: 2 of 3 = 66.67%;
-- a NULL growth is not counted; nothing counted gives NULL.
SELECT round(share_growing(g)::numeric, 4) AS two_of_three, share_growing(NULL::float8) AS none
FROM (SELECT ytd_growth(ytd_agg(period, value), '2024-03-31') AS g FROM sales GROUP BY unit
      UNION ALL SELECT NULL) x;
-- In a parallel plan (partial states combined) it equals the plain count.
CREATE TABLE many AS SELECT i AS unit, (i % 7) - 3.0 AS g FROM generate_series(1, 100000) i;
ANALYZE many;
SET parallel_setup_cost = 0; SET parallel_tuple_cost = 0; SET min_parallel_table_scan_size = 0;
SET max_parallel_workers_per_gather = 2;
EXPLAIN (COSTS OFF) SELECT share_growing(g) FROM many;
SELECT share_growing(g) = 100.0 * count(*) FILTER (WHERE g > 0) / count(*) AS same FROM many;
RESET parallel_setup_cost; RESET parallel_tuple_cost; RESET min_parallel_table_scan_size;
RESET max_parallel_workers_per_gather;
-- A forged state is refused.
SELECT share_growing_final('{1,5}');
DROP TABLE sales, plan_year, three_years, many;
