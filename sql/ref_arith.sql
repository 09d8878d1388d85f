-- The bureau's arithmetic over the plan model: rank and its change on the
-- published figure (with a tie), gap to the parent, contribution and pull,
-- required growth and projection, a schedule, warning streaks from runs and
-- the lagging list, on a small plan whose numbers are worked out by hand.
\i sql/fixtures/plan_session.sql
SET extra_float_digits = 0;
TRUNCATE action, unit, indicator, plan_target, reading, task, assessment_run CASCADE;

-- Every column of the new views is of a standard type.
SELECT table_name, count(*) AS columns,
       count(*) FILTER (WHERE data_type NOT IN ('integer', 'bigint', 'numeric', 'double precision',
                        'text', 'date', 'boolean', 'timestamp with time zone')) AS other_types
FROM information_schema.columns
WHERE table_schema = 'scorecard'
  AND table_name IN ('progress_arith_latest', 'warning_streaks_latest', 'lagging_list_latest')
GROUP BY table_name ORDER BY table_name;

INSERT INTO unit (unit_id, name_zh, name_en, kind, parent_id, sort_order) VALUES
	('c', '市', 'City', 'city', NULL, 0),
	('a', '甲县', 'County A', 'county', 'c', 1),
	('b', '乙县', 'County B', 'county', 'c', 2),
	('e', '丙县', 'County E', 'county', 'c', 3),
	('d', '某局', 'A department', 'department', 'c', 4);
INSERT INTO action VALUES (1, '行动一', 'action one', 'd');
INSERT INTO indicator (indicator_id, code, action_id, name_zh, name_en, nature, frequency,
	higher_is_better, reporting, additive) VALUES
	(1, 'sales', 1, '零售', 'retail sales', 'flow', 'monthly', true, 'monthly', true),
	(2, 'invest', 1, '投资', 'investment', 'flow', 'monthly', true, 'monthly', true),
	(3, 'accidents', 1, '事故', 'accidents', 'flow', 'monthly', false, 'monthly', true);
-- The department's target is judged on the city's figure (judged_on area).
INSERT INTO plan_target (indicator_id, unit_id, year, target, weight, judged_on) VALUES
	(1, 'c', 2024, 'growth >= 5%', 0, 'own'), (1, 'a', 2024, 'growth >= 5%', 10, 'own'),
	(1, 'b', 2024, 'growth >= 5%', 10, 'own'), (1, 'e', 2024, 'growth >= 5%', 10, 'own'),
	(1, 'd', 2024, 'growth >= 5%', 10, 'area'), (2, 'a', 2024, 'level >= 100', 10, 'own'),
	(3, 'a', 2024, 'growth < 0%', 10, 'own'), (3, 'e', 2024, 'growth < 0%', 10, 'own');

-- Sales.  2022 and 2023: a and e 100 a month, b 200 a month (a all of
-- 2023, A = 1200).
-- 2024 January, February, March: a 105.08, 105, 100; b 209.84, 210, 210;
-- e 103, 103, 124.
--   as of February: a 210.08 / 200 = +5.04%, b 419.84 / 400 = +4.96%,
--     e 206 / 200 = +3.0%: published 5.0, 5.0, 3.0: a and b share rank 1,
--     e is 3rd;
--   as of March: a 310.08 / 300 = +3.36% (3.4), b 629.84 / 600 = +4.973%
--     (5.0), e 330 / 300 = +10% (10.0): e 1st (up 2), b 2nd (down 1), a
--     3rd (down 2).  The city (their roll-up): 1200 -> 1269.92, +69.92,
--     +5.8267% (5.8): gaps to it -2.4, -0.8, +4.2 points.
--   contributions as of March: a 10.08 / 69.92 = 14.416%, b 29.84 / 69.92
--     = 42.677%, e 30 / 69.92 = 42.906%, summing to 100; pulls a 10.08 /
--     1200 = 0.84, b 2.4867, e 2.5 points, summing to 5.8267.
--   two-year average growth (same months, 2022 = 2023): a (310.08 /
--     300)^(1/2) - 1 = 1.6661%, b (629.84 / 600)^(1/2) - 1 = 2.4565%, e
--     (330 / 300)^(1/2) - 1 = 4.8809%, the city (1269.92 / 1200)^(1/2) - 1
--     = 2.8721%.
--   a's required growth for growth >= 5% (goal 1260): (1260 - 310.08) /
--     (1200 - 300) - 1 = 5.547%; projection 310.08 + 900 x 310.08 / 300 =
--     1240.32 (+3.36%), short of the target.
INSERT INTO reading (indicator_id, unit_id, month, value)
SELECT 1, u, make_date(y, m, 1), v FROM (VALUES ('a', 100), ('b', 200), ('e', 100)) x(u, v),
	generate_series(2022, 2023) y, generate_series(1, 3) m
UNION ALL SELECT 1, 'a', make_date(2023, m, 1), 100 FROM generate_series(4, 12) m
UNION ALL SELECT 1, u, make_date(2024, m, 1), (ARRAY[v1, v2, v3])[m]
FROM (VALUES ('a', 105.08, 105, 100), ('b', 209.84, 210, 210), ('e', 103, 103, 124)) x(u, v1, v2, v3),
	generate_series(1, 3) m;
-- Investment of a: 10, 3, 2 by March = 15 of a level target of 100, with
-- a schedule of 15% by March: on schedule (green), where linear time
-- progress (25%) puts it 10 points behind (red).
INSERT INTO reading (indicator_id, unit_id, month, value) VALUES
	(2, 'a', '2024-01-01', 10), (2, 'a', '2024-02-01', 3), (2, 'a', '2024-03-01', 2);
INSERT INTO target_schedule VALUES (2, 'a', 2024, '{0.05,0.1,0.15,0.3,0.4,0.5,0.6,0.7,0.8,0.9,0.95,1}', false);
-- Accidents (lower is better, growth < 0%): 10 a month in 2023 in a and e
-- (A = 120, C_3 = 30); 2024 5 a month in e (X_3 = 15, -50%): the rest of
-- the year may grow at most (120 - 15) / 90 - 1 = 16.667%; 50 a month in a
-- (X_3 = 150, +400%, red every month): (120 - 150) / 90 - 1 = -133.333%,
-- a fall deeper than 100% (hard to reach).
INSERT INTO reading (indicator_id, unit_id, month, value)
SELECT 3, u, make_date(2023, m, 1), 10 FROM unnest(ARRAY['a', 'e']) u, generate_series(1, 12) m
UNION ALL SELECT 3, u, make_date(2024, m, 1), CASE u WHEN 'a' THEN 50 ELSE 5 END
FROM unnest(ARRAY['a', 'e']) u, generate_series(1, 3) m;

SELECT unit_id, published, rank, peers FROM unit_ranks('2024-02-29') WHERE indicator_id = 1 ORDER BY unit_id;
SELECT unit_id, actual::numeric(10, 4) AS actual, published, rank, rank_prior, rank_change, peers,
       parent_published, gap_to_parent, round(contribution::numeric, 3) AS contribution,
       round(pull::numeric, 4) AS pull
FROM progress_arith('2024-03-31') WHERE indicator_id = 1 ORDER BY rank NULLS LAST, unit_id;
SELECT unit_id, round(two_year_growth::numeric, 4) AS two_year_growth
FROM progress_arith('2024-03-31') WHERE indicator_id = 1 AND unit_kind <> 'department' ORDER BY unit_id;
-- The sums, against the city's growth computed from the readings in plain SQL.
SELECT round(sum(p.contribution)::numeric, 9) AS contributions,
       abs(sum(p.pull) - (sum(r.v24) / sum(r.v23) - 1) * 100) < 1e-9 AS pulls_sum_to_growth
FROM progress_arith('2024-03-31') p,
	(SELECT sum(value) FILTER (WHERE month BETWEEN '2024-01-01' AND '2024-03-01') AS v24,
	        sum(value) FILTER (WHERE month BETWEEN '2023-01-01' AND '2023-03-01') AS v23
	 FROM reading WHERE indicator_id = 1) r
WHERE p.indicator_id = 1 AND p.unit_kind = 'county';
SELECT indicator_id, unit_id, round(required_growth::numeric, 3) AS required_growth, hard_to_reach,
       round(projection::numeric, 2) AS projection, round(projected_growth::numeric, 2) AS projected_growth,
       projection_met
FROM progress_arith('2024-03-31') WHERE (indicator_id = 1 AND unit_id = 'a') OR indicator_id = 3
ORDER BY indicator_id, unit_id;
-- Ranks are on the figure as published, at each indicator's precision:
-- with sales growth published to two decimals, a's 5.04% and b's 4.96% no
-- longer tie (a 1st, b 2nd, e 3.00% 3rd); digits => 1 gives the one-decimal
-- figures and the tie back.
BEGIN;
UPDATE indicator SET growth_decimals = 2 WHERE indicator_id = 1;
SELECT unit_id, published, rank, peers FROM unit_ranks('2024-02-29') WHERE indicator_id = 1 AND unit_id IN ('a', 'b', 'e') ORDER BY unit_id;
SELECT unit_id, published, rank FROM unit_ranks('2024-02-29', digits => 1) WHERE indicator_id = 1 AND unit_id IN ('a', 'b', 'e') ORDER BY unit_id;
ROLLBACK;
-- The schedule's status is judged as published too: with March's
-- investment corrected to 1.6 (14.6 of 100 by March against the schedule's
-- 15%: 0.4 points behind, yellow), published without decimals it is 15:
-- on schedule, green.
BEGIN;
INSERT INTO reading (indicator_id, unit_id, month, value, revision) VALUES (2, 'a', '2024-03-01', 1.6, 2);
SELECT published, round(schedule_gap::numeric, 9) AS schedule_gap, status FROM progress_arith('2024-03-31') WHERE indicator_id = 2;
UPDATE indicator SET decimals = 0 WHERE indicator_id = 2;
SELECT published, round(schedule_gap::numeric, 9) AS schedule_gap, status FROM progress_arith('2024-03-31') WHERE indicator_id = 2;
ROLLBACK;
-- The schedule in place of m/12, in progress() as in progress_arith: 15 of
-- 100 by March against the schedule's 15% is green; judged on m/12 (25%)
-- it would be 10 points behind, red.
SELECT target_status(p.target::target, p.actual, p.data_month, flow => true) AS linear_status,
       p.schedule AS progress_schedule, p.time_progress AS progress_time, p.schedule_gap AS progress_gap,
       p.status AS progress_status,
       a.schedule, a.time_progress, a.schedule_gap, a.status
FROM progress('2024-03-31') p JOIN progress_arith('2024-03-31') a USING (indicator_id, unit_id)
WHERE indicator_id = 2;
-- And it is scored against the same schedule (序时目标): level >= 15 by
-- March, 15 done: attainment 1, the full 10 points (against m/12's
-- level >= 25 it would be 15 / 25 x 10 = 6).
SELECT scored_target, attainment, points FROM unit_scores('2024-03-31') WHERE indicator_id = 2;
-- A schedule for every target of the indicator (30% by March): the
-- target's own still comes first (green); without it the indicator's
-- applies, and 15 done is 15 points behind (red).
INSERT INTO indicator_schedule VALUES (2, 2024, '{0.1,0.2,0.3,0.4,0.5,0.6,0.7,0.8,0.9,1,1,1}', false);
SELECT schedule, time_progress, schedule_gap, status FROM progress_arith('2024-03-31') WHERE indicator_id = 2;
DELETE FROM target_schedule WHERE indicator_id = 2;
SELECT schedule, time_progress, schedule_gap, status FROM progress_arith('2024-03-31') WHERE indicator_id = 2;
DELETE FROM indicator_schedule;
-- Last year's seasonal shape: with 2023 investment of 10 a month (A = 120,
-- S(3) = 30 / 120 = 0.25), 15 done of 100 is 10 points behind (red).
INSERT INTO reading (indicator_id, unit_id, month, value)
SELECT 2, 'a', make_date(2023, m, 1), 10 FROM generate_series(1, 12) m;
INSERT INTO target_schedule VALUES (2, 'a', 2024, NULL, true);
SELECT schedule, time_progress, schedule_gap, status FROM progress_arith('2024-03-31') WHERE indicator_id = 2;
UPDATE target_schedule SET shares = '{0.05,0.1,0.15,0.3,0.4,0.5,0.6,0.7,0.8,0.9,0.95,1}', seasonal = false
WHERE indicator_id = 2;
-- Shares outside 0..1 are refused by the table.
INSERT INTO target_schedule VALUES (1, 'a', 2024, '{5,10,20,30,40,50,60,70,80,90,95,100}', false);

-- Warning streaks from monthly runs (January, February, March), judged on
-- the growth as published (to 0.1%, issue 10).  January: a +5.08% (5.1)
-- green, b +4.92% (4.9) yellow, e +3% red; February: a green, b +4.96%
-- (5.0: met) green, e red; March: a +3.36% (3.4) red, b +4.97% (5.0)
-- green, e green.  As of March: a red for 1 month; b and e are not listed.
-- a's accidents are red for 3 months since January.  c and d (+4.48%,
-- +4.49%: 4.5, yellow; March +5.83%: green) are not either.  Runs store
-- progress()'s status, judged against each target's schedule: a's
-- investment (10, 13, 15 of 100 against its schedule's 5%, 10%, 15%) is
-- green every month and not listed (against m/12, 1/12, 2/12, 3/12, it
-- would be green, 3.67 points behind (yellow), then 10 behind (red)).
CALL run_assessment(2024, '2024-01-31') \gset
CALL run_assessment(2024, '2024-02-29') \gset
CALL run_assessment(2024, '2024-03-31') \gset
SELECT unit_id, indicator_id, status, months, since, red_months, run_as_of
FROM warning_streaks('2024-03-31') ORDER BY unit_id, indicator_id;
-- As of February: c and d yellow 2 months, e red 2 months (2 of them red);
-- b, green in February, is not listed.
SELECT unit_id, indicator_id, status, months, since, red_months
FROM warning_streaks('2024-02-29') WHERE indicator_id = 1 ORDER BY unit_id;
-- A month without a run ends a streak: without January, c has 1 month as
-- of February, since February.
DELETE FROM assessment_run WHERE as_of = '2024-01-31';
SELECT unit_id, status, months, since FROM warning_streaks('2024-02-29') WHERE unit_id = 'c';
CALL run_assessment(2024, '2024-01-31') \gset

-- Tasks: one overdue (due 29 February, not done: 31 days overdue at 31
-- March), one project with 10 of 100 invested where 91 of its 366 days
-- (24.86%) have passed: 14.86 points behind; one on time.
INSERT INTO task (task_id, action_id, kind, name_zh, responsible_unit_id, lead_person, year,
	start_date, due_date, status, planned_investment, completed_investment) VALUES
	('t1', 1, 'task', '改革任务', 'd', '张三', 2024, '2024-01-01', '2024-02-29', 'in_progress', NULL, NULL),
	('t2', 1, 'project', '重点项目', 'a', '李四', 2024, '2024-01-01', '2024-12-31', 'in_progress', 100, 10),
	('t3', 1, 'project', '另一项目', 'b', '王五', 2024, '2024-01-01', '2024-12-31', 'in_progress', 100, 50);
-- The lagging list as of March, worst first: red before yellow, then the
-- longest streak, then the furthest behind: a's accidents (red, 400
-- points above a fall, 3 months, no department), the overdue task (red, 31
-- days, since 1 March: 1 month), a's sales (red, 1.6 points behind: 3.4%
-- as published against 5%, 1 month); the project (yellow, 14.86 points, no
-- streak).  b's sales (5.0% as published) meet the target and a's
-- investment is on schedule: neither is listed.  The department holding a sales target is
-- responsible for the counties' sales.
SELECT kind, item_id, unit_id, responsible_unit_id, lead_person, status,
       round(behind::numeric, 3) AS behind, behind_unit, months, since
FROM lagging_list('2024-03-31');
