-- Reported and computed growths are not mixed in one row or one chart
-- (issue 23 item 1).  Worked by hand, from the issue's example and a
-- bulletin's first-period sentence ("1-2月增长5.3%，比上年全年回落0.4个百分点"):
--   indicator 1 (cumulative readings, growth published with them):
--     2023: Feb 400 (no growth published), Apr 1000, May 1250 (5.0%),
--           Dec 3000 (5.7%, the whole year);
--     2024: Feb 410 (5.3%), Apr 961 (4.7%), May 1215 (4.0%).
--     The levels' own growths: Feb 410 / 400 = +2.5%, Apr 961 / 1000 =
--     -3.9%, May 1215 / 1250 = -2.8%.
--     1-2月: change 5.3 - 5.7 = -0.4 (against December's whole year);
--       reported less computed 5.3 - 2.5 = 2.8 points (> 2: noted); no
--       two-year growth (February 2023 published none).
--     1-4月: change 4.7 - 5.3 = -0.6; 4.7 - (-3.9) = 8.6 points.
--     1-5月: change 4.0 - 4.7 = -0.7 (the levels would say -2.8 - (-3.9)
--       = +1.1); 4.0 - (-2.8) = 6.8 points; two-year average
--       sqrt(1.040 x 1.050) - 1 = 4.4988%.
--     month growth: NULL (reported year-to-date growths do not give it).
--   indicator 2 (monthly readings, no growth published): 100 a month in
--     2023, 110 in 2024: computed as before, +10% every month, change 0.
--   indicator 3: March 2024 published no growth, April 3.0%: no change
--     (NULL, noted).
SET client_min_messages = warning;
CREATE EXTENSION IF NOT EXISTS scorecard_report CASCADE;
SET search_path = scorecard, public;
SET extra_float_digits = 0;
TRUNCATE action, unit, indicator, plan_target, reading, task, assessment_run CASCADE;

INSERT INTO unit (unit_id, name_zh, kind, parent_id, sort_order) VALUES
	('c', '市', 'city', NULL, 0), ('a', '甲县', 'county', 'c', 1);
INSERT INTO action (action_id, name_zh) VALUES (1, '行动一');
INSERT INTO indicator (indicator_id, code, action_id, name_zh, nature, frequency, higher_is_better,
	reporting, additive, measure_unit, growth_decimals) VALUES
	(1, 'gdp', 1, '地区生产总值', 'flow', 'monthly', true, 'cumulative', false, '亿元', 1),
	(2, 'retail', 1, '社会消费品零售总额', 'flow', 'monthly', true, 'monthly', false, '亿元', 1),
	(3, 'invest', 1, '固定资产投资', 'flow', 'monthly', true, 'cumulative', false, '亿元', 1);
INSERT INTO plan_target (indicator_id, unit_id, year, target, weight) VALUES
	(1, 'c', 2024, 'growth >= 5%', 0), (2, 'c', 2024, 'growth >= 5%', 0), (3, 'c', 2024, 'growth >= 5%', 0),
	(1, 'a', 2024, 'growth >= 5%', 10), (2, 'a', 2024, 'growth >= 5%', 10);
INSERT INTO reading (indicator_id, unit_id, month, value, reported_growth) VALUES
	(1, 'c', '2023-02-01', 400, NULL), (1, 'c', '2023-04-01', 1000, NULL), (1, 'c', '2023-05-01', 1250, 5.0),
	(1, 'c', '2023-12-01', 3000, 5.7),
	(1, 'c', '2024-02-01', 410, 5.3), (1, 'c', '2024-04-01', 961, 4.7), (1, 'c', '2024-05-01', 1215, 4.0),
	(3, 'c', '2023-03-01', 300, NULL), (3, 'c', '2023-04-01', 400, NULL),
	(3, 'c', '2024-03-01', 310, NULL), (3, 'c', '2024-04-01', 412, 3.0);
INSERT INTO reading (indicator_id, unit_id, month, value)
SELECT 2, 'c', m::date, CASE WHEN m < '2024-01-01' THEN 100 ELSE 110 END
FROM generate_series('2023-01-01'::date, '2024-05-01', '1 month') m;

-- Each as-of month's row of the city: growth, its source, the change and
-- the two-year growth of the same kind, and what is noted.
SELECT p.as_of, p.code, p.growth, p.growth_source, round(p.growth_change::numeric, 4) AS growth_change,
       p.month_growth, round(p.two_year_growth::numeric, 4) AS two_year_growth,
       round(p.reported_minus_computed::numeric, 4) AS reported_minus_computed, p.growth_note
FROM (SELECT * FROM progress_arith('2024-02-29') UNION ALL SELECT * FROM progress_arith('2024-04-30')
      UNION ALL SELECT * FROM progress_arith('2024-05-31')) p
WHERE p.unit_id = 'c' AND p.code = 'gdp'
ORDER BY p.as_of;

-- Computed rows are as before: monthly readings, +10% each month, no note.
SELECT code, growth_source, round(growth::numeric, 4) AS growth, round(growth_change::numeric, 4) AS growth_change,
       round(month_growth::numeric, 4) AS month_growth, reported_minus_computed, growth_note
FROM progress_arith('2024-05-31') WHERE unit_id = 'c' AND code = 'retail';

-- A previous period without a published growth: no change, and why.
SELECT code, growth, growth_change, growth_note
FROM progress_arith('2024-04-30') WHERE unit_id = 'c' AND code = 'invest';

-- A smaller bound notes smaller differences; a larger one none.
SELECT (SELECT growth_note FROM progress_arith('2024-05-31', reported_bound => 10) WHERE unit_id = 'c' AND code = 'gdp') AS bound_10,
       (SELECT growth_note LIKE 'reported growth 4.00% differs%' FROM progress_arith('2024-05-31', reported_bound => 6) WHERE unit_id = 'c' AND code = 'gdp') AS bound_6;

-- The chart's series is of one kind: the published growths (NULL in the
-- months without one) for GDP, computed for retail sales.
SELECT indicator_id, month, growth, source FROM report_growth_series('2024-05-31', 'c')
WHERE indicator_id IN (1, 2) ORDER BY indicator_id, month;
-- Corrections recorded later (revision 2): April 2024 published 4.9%
-- instead of 4.7%, May 2023 5.2% instead of 5.0%.  As of 2024-05-31 the
-- change is 4.0 - 4.9 = -0.9 and the two-year growth sqrt(1.040 x 1.052)
-- - 1; as recorded before the corrections, -0.7 and sqrt(1.040 x 1.050)
-- - 1 as above.
SELECT clock_timestamp() AS before_corrections \gset
INSERT INTO reading (indicator_id, unit_id, month, value, reported_growth, revision, recorded_at) VALUES
	(1, 'c', '2024-04-01', 961, 4.9, 2, clock_timestamp() + interval '1 second'),
	(1, 'c', '2023-05-01', 1250, 5.2, 2, clock_timestamp() + interval '1 second');
SELECT round(p.growth_change::numeric, 4) = -0.9 AS change_corrected,
       round(p.two_year_growth::numeric, 4) = round((sqrt(1.040 * 1.052) - 1) * 100, 4) AS two_year_corrected,
       round(b.growth_change::numeric, 4) = -0.7 AS change_as_recorded_before,
       round(b.two_year_growth::numeric, 4) = round((sqrt(1.040 * 1.050) - 1) * 100, 4) AS two_year_as_recorded_before
FROM progress_arith('2024-05-31') p
JOIN progress_arith('2024-05-31', :'before_corrections') b USING (indicator_id, unit_id)
WHERE p.unit_id = 'c' AND p.code = 'gdp';
TRUNCATE action, unit, indicator, plan_target, reading, task, assessment_run CASCADE;
