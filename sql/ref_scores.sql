-- The plan model scores as an assessment office signs (issue 10): targets
-- that fit their indicator, figures judged at the published precision,
-- lower-is-better targets met at zero, ranges, and level targets of flows
-- scored mid-year against the time-prorated target.  Numbers by hand below.
\i sql/fixtures/plan_session.sql
SET extra_float_digits = 0;
TRUNCATE action, unit, indicator, plan_target, reading, task, assessment_run CASCADE;

\i sql/fixtures/city_units.sql
INSERT INTO indicator (indicator_id, code, action_id, name_zh, name_en, nature, higher_is_better,
	reporting, additive, decimals) VALUES
	(1, 'sales', 1, '零售', 'retail sales', 'flow', true, 'cumulative', true, NULL),
	(2, 'accidents', 1, '事故', 'accidents', 'flow', false, 'monthly', true, 0),
	(3, 'urban', 1, '城镇化率', 'urbanisation rate', 'rate', true, 'monthly', false, NULL),
	(4, 'exports', 1, '出口', 'exports', 'flow', true, 'cumulative', true, NULL),
	(5, 'projects', 1, '民生实事', 'livelihood projects', 'flow', true, 'monthly', true, 0);

-- 6. A target must fit its indicator: share on a flow, growth on a rate are
-- refused with the measures that fit (23514); the nature is filled in from
-- the indicator, and a wrong one given explicitly breaks the foreign key.
INSERT INTO plan_target (indicator_id, unit_id, year, target) VALUES (1, 'a', 2024, 'share >= 22%');
INSERT INTO plan_target (indicator_id, unit_id, year, target) VALUES (3, 'c', 2024, 'growth >= 7%');
INSERT INTO plan_target (indicator_id, unit_id, year, target, indicator_nature) VALUES (1, 'a', 2024, 'growth >= 7%', 'stock');
SELECT count(*) AS targets FROM plan_target;

-- Readings as of November 2024 (cumulative: January to November).
-- sales a 1000 -> 1061: 6.099999999999994% in float8, 6.1 published;
-- sales b 10000 -> 10030: 0.29999999999998916%, 0.3 published;
-- urbanisation (city) 80.23 -> 80.36: +0.12999999999999545 points in
-- float8, exactly +0.13 from the decimals (since 0.3.0), 0.13 published;
-- exports a 100 -> 112: +12%; accidents 2024 January-November: a none,
-- b 12 (one a month, two in November); livelihood projects done (city): one
-- a month January-October, none in November: 10.
INSERT INTO reading (indicator_id, unit_id, month, value, recorded_at) VALUES
	(1, 'a', '2023-11-01', 1000, '2024-12-05'), (1, 'a', '2024-11-01', 1061, '2024-12-05'),
	(1, 'b', '2023-11-01', 10000, '2024-12-05'), (1, 'b', '2024-11-01', 10030, '2024-12-05'),
	(3, 'c', '2023-11-01', 80.23, '2024-12-05'), (3, 'c', '2024-11-01', 80.36, '2024-12-05'),
	(4, 'a', '2023-11-01', 100, '2024-12-05'), (4, 'a', '2024-11-01', 112, '2024-12-05');
INSERT INTO reading (indicator_id, unit_id, month, value, recorded_at)
SELECT 2, u, make_date(2024, m, 1), CASE WHEN u = 'a' THEN 0 WHEN m = 11 THEN 2 ELSE 1 END, '2024-12-05'
FROM unnest(ARRAY['a', 'b']) u, generate_series(1, 11) m;
INSERT INTO reading (indicator_id, unit_id, month, value, recorded_at)
SELECT 5, 'c', make_date(2024, m, 1), CASE WHEN m <= 10 THEN 1 ELSE 0 END, '2024-12-05'
FROM generate_series(1, 11) m;

INSERT INTO plan_target (indicator_id, unit_id, year, target, weight, scoring, score_floor, score_cap) VALUES
	(1, 'a', 2024, 'growth >= 6.1%', 10, 'ratio', 0, 1.2),
	(1, 'b', 2024, '增长 >= 0.3％', 10, 'threshold', 0, 1),
	(3, 'c', 2024, '提高 >= 0.13个百分点', 10, 'threshold', 0, 1),
	(2, 'a', 2024, 'level <= 10', 10, 'ratio', 0, 1.2),
	(2, 'b', 2024, 'level <= 10', 10, 'ratio', 0, 1.2),
	(4, 'a', 2024, 'growth between 6% and 8%', 10, 'ratio', 0, 1.2);
-- the department is judged on the city's figure (judged_on 'area')
INSERT INTO plan_target (indicator_id, unit_id, year, target, weight, scoring, score_floor, score_cap, judged_on)
	VALUES (5, 'd', 2024, 'level >= 20', 10, 'ratio', 0, 1.2, 'area');
SELECT indicator_id, unit_id, target, indicator_nature FROM plan_target ORDER BY 1, 2;

-- An indicator cannot change its nature under targets that would not fit:
-- the new nature cascades to the targets and the check refuses it.
UPDATE indicator SET nature = 'rate', reporting = 'monthly' WHERE indicator_id = 1;
SELECT nature FROM indicator WHERE indicator_id = 1;

-- 2. Progress at the published precision: growth to 0.1 (growth_decimals
-- 1), the rate to 0.01 (decimals NULL on a rate), counts to 0 decimals.
-- sales a: 6.1 meets growth >= 6.1%, gap 0, attainment 1, green; sales b:
-- 0.3 meets 0.3%; urbanisation: 0.13 meets change >= 0.13pp.
-- 3. exports a: 12% is outside 6..8, 4 points above: red; attainment to
-- the nearer bound 8/12 = 0.6667.
-- 5. Livelihood projects (department d on the city's 10): 10 of 20 done at
-- 11/12 = 91.67% of the year: (0.5 - 0.9167) x 100 = -41.67 points, red.
SELECT unit_id AS u, indicator_id AS i, target, actual, decimals, actual_published AS published, met,
       round(gap::numeric, 4) AS gap, round(attainment::numeric, 4) AS attain,
       round(schedule_gap::numeric, 2) AS sched, status
FROM progress('2024-11-30') ORDER BY 1, 2;

-- 1, 3, 4. Points as of November (level targets of flows prorated by 11/12):
-- sales a: 6.1 / 6.1 = 1 x 10 = 10 (at full precision 9.99999999999999);
-- sales b: met at 0.3, threshold 10 (at full precision missed: 0);
-- urbanisation c: met, 10;
-- accidents a: none against level <= 10 x 11/12 = 9.1667: met at zero, the
--   cap 1.2 x 10 = 12 (it was the floor, 0, when 10/0 was undefined);
-- accidents b: 12 against 9.1667: 9.1667/12 = 0.763889 x 10 = 7.638889;
-- exports a: 12% against 6..8: 8/12 x 10 = 6.666667 (not 12/6, capped 12);
-- livelihood d: 10 against 20 x 11/12 = 18.3333: 10/18.3333 = 0.545455 x 10
--   = 5.454545 (against the whole year 10/20 x 10 = 5).
SELECT unit_id AS u, indicator_id AS i, target, scored_target, scoring, actual_published AS published, met,
       round(attainment::numeric, 6) AS attain, round(points::numeric, 6) AS points
FROM unit_scores('2024-11-30') ORDER BY 1, 2;
-- The year-end switch: everything against the whole year's targets.
SELECT unit_id AS u, indicator_id AS i, scored_target, met, round(points::numeric, 6) AS points
FROM unit_scores('2024-11-30', year_end => true) WHERE indicator_id IN (2, 5) ORDER BY 1, 2;

-- Each run records which rule it used.
CALL run_assessment(2024, '2024-11-30') \gset
SELECT as_of, level_targets, (SELECT round(points::numeric, 6) FROM assessment_run_item
                              WHERE unit_id = 'd' AND indicator_id = 5) AS d_points
FROM assessment_run;
CALL run_assessment(2024, '2024-11-30', year_end => true) \gset
SELECT as_of, level_targets, (SELECT round(points::numeric, 6) FROM assessment_run_item
                              WHERE unit_id = 'd' AND indicator_id = 5) AS d_points
FROM assessment_run;
-- An item is the score of a progress row of its run (its one key): each
-- of the run's items has its progress row (as many as the weighted
-- targets of unit_scores above); an item of no progress row is refused
-- (23503); deleting a progress row deletes its item, and deleting the
-- run deletes the rest.
SELECT count(*) AS items, count(p.run_id) AS with_progress_row,
       (SELECT count(*) FROM unit_scores('2024-11-30')) AS scored
FROM assessment_run_item i LEFT JOIN assessment_run_progress p USING (run_id, unit_id, indicator_id);
DO $$
DECLARE
	c text;
BEGIN
	INSERT INTO assessment_run_item
	SELECT run_id, unit_id, 99, target, scoring, weight, actual, reference, met, attainment, points
	FROM assessment_run_item WHERE unit_id = 'd' AND indicator_id = 5;
EXCEPTION WHEN others THEN
	GET STACKED DIAGNOSTICS c = CONSTRAINT_NAME;
	RAISE INFO 'refused: % (%)', SQLSTATE, c;
END $$;
DELETE FROM assessment_run_progress WHERE unit_id = 'd' AND indicator_id = 5;
SELECT count(*) AS d5_items FROM assessment_run_item WHERE unit_id = 'd' AND indicator_id = 5;
DELETE FROM assessment_run;
SELECT (SELECT count(*) FROM assessment_run_progress) AS progress_rows, (SELECT count(*) FROM assessment_run_item) AS items;

-- The scale and baseline methods (issue 23 item 7), worked by hand.
-- sales a, scale {5, 7}: 6.1 published scores 10/3 + 1.1 x 5/3 = 31/6 of
-- 10 = 5.166667 points of 10.  livelihood d, baseline {5}: the target and
-- the baseline prorated by 11/12 (18.3333 and 4.5833): (10 - 55/12) /
-- (220/12 - 55/12) = 65/165 = 0.393939 x 10 = 3.939394; at year end,
-- (10 - 5) / (20 - 5) = 1/3 x 10 = 3.333333.
UPDATE plan_target SET scoring = 'scale', score_params = '{5,7}' WHERE unit_id = 'a' AND indicator_id = 1;
UPDATE plan_target SET scoring = 'baseline', score_params = '{5}' WHERE unit_id = 'd' AND indicator_id = 5;
SELECT unit_id AS u, indicator_id AS i, scoring, round(points::numeric, 6) AS points
FROM unit_scores('2024-11-30') WHERE (unit_id, indicator_id) IN (('a', 1), ('d', 5)) ORDER BY 1, 2;
SELECT unit_id AS u, indicator_id AS i, scoring, round(points::numeric, 6) AS points
FROM unit_scores('2024-11-30', year_end => true) WHERE (unit_id, indicator_id) IN (('a', 1), ('d', 5)) ORDER BY 1, 2;
-- each needs its parameters
UPDATE plan_target SET score_params = '{5}' WHERE unit_id = 'a' AND indicator_id = 1;
UPDATE plan_target SET score_params = NULL WHERE unit_id = 'd' AND indicator_id = 5;

TRUNCATE action, unit, indicator, plan_target, reading, task, assessment_run CASCADE;
