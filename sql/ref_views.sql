-- Progress, derived and relative targets, task progress, assessment and
-- run_assessment on a small plan whose numbers are checked by hand below.
\i sql/fixtures/plan_session.sql
SET extra_float_digits = 0;
TRUNCATE action, unit, indicator, plan_target, reading, task, assessment_run CASCADE;

-- Every column of the views a BI tool reads is of a standard type.
SELECT table_name, count(*) AS columns,
       count(*) FILTER (WHERE data_type NOT IN ('integer', 'bigint', 'numeric', 'double precision',
                        'text', 'date', 'boolean', 'timestamp with time zone')) AS other_types
FROM information_schema.columns
WHERE table_schema = 'scorecard'
  AND table_name IN (SELECT table_name FROM information_schema.views WHERE table_schema = 'scorecard')
GROUP BY table_name ORDER BY table_name;

\i sql/fixtures/city_units.sql
INSERT INTO indicator (indicator_id, code, action_id, name_zh, name_en, nature, frequency,
	higher_is_better, reporting, additive, derived_from, derived_threshold) VALUES
	(1, 'sales', 1, '零售', 'retail sales', 'flow', 'monthly', true, 'monthly', true, NULL, NULL),
	(2, 'gdp', 1, '生产总值', 'GDP', 'flow', 'quarterly', true, 'cumulative', true, NULL, NULL),
	(3, 'income', 1, '人均收入', 'income per head', 'flow', 'quarterly', true, 'cumulative', false, NULL, NULL),
	(4, 'firms', 1, '企业', 'enterprises', 'stock', 'monthly', true, 'monthly', true, NULL, NULL),
	(5, 'big', 1, '大县', 'counties with GDP over 100', 'stock', 'annual', true, 'monthly', false, 2, 100),
	(6, 'accidents', 1, '事故', 'accidents', 'flow', 'monthly', false, 'monthly', true, NULL, NULL),
	(7, 'share', 1, '比重', 'a share', 'rate', 'monthly', true, 'monthly', false, NULL, NULL),
	(8, 'projects', 1, '实事', 'projects done', 'task', 'monthly', true, 'monthly', true, NULL, NULL);

INSERT INTO reading (indicator_id, unit_id, month, value, reported_growth, recorded_at) VALUES
	-- sales, monthly: a 2023 Q1 = 10+10+20 = 40, 2024 Q1 = 11+12+21 = 44 (+10%);
	-- b 2023 = 5+5+10 = 20, 2024 = 5+5+8 = 18 (-10%); city = 60 -> 62 (+3.3333%)
	(1, 'a', '2023-01-01', 10, NULL, '2024-04-10'), (1, 'a', '2023-02-01', 10, NULL, '2024-04-10'),
	(1, 'a', '2023-03-01', 20, NULL, '2024-04-10'), (1, 'a', '2024-01-01', 11, NULL, '2024-04-10'),
	(1, 'a', '2024-02-01', 12, NULL, '2024-04-10'), (1, 'a', '2024-03-01', 21, NULL, '2024-04-10'),
	(1, 'b', '2023-01-01', 5, NULL, '2024-04-10'), (1, 'b', '2023-02-01', 5, NULL, '2024-04-10'),
	(1, 'b', '2023-03-01', 10, NULL, '2024-04-10'), (1, 'b', '2024-01-01', 5, NULL, '2024-04-10'),
	(1, 'b', '2024-02-01', 5, NULL, '2024-04-10'), (1, 'b', '2024-03-01', 8, NULL, '2024-04-10'),
	-- GDP, cumulative quarterly: a 100 -> 110 (+10%), year 2023 500, so the
	-- last twelve months 110 + 500 - 100 = 510 > 100; b 50 -> 51 (+2%
	-- computed, 1.5% reported), last twelve months 51 + 90 - 50 = 91
	(2, 'a', '2023-03-01', 100, NULL, '2024-04-10'), (2, 'a', '2023-12-01', 500, NULL, '2024-04-10'),
	(2, 'a', '2024-03-01', 110, NULL, '2024-04-10'),
	(2, 'b', '2023-03-01', 50, NULL, '2024-04-10'), (2, 'b', '2023-12-01', 90, NULL, '2024-04-10'),
	(2, 'b', '2024-03-01', 51, 1.5, '2024-04-10'),
	-- income per head: a 1000 -> 1080 (+8%), b 1000 -> 1050 (+5%)
	(3, 'a', '2023-03-01', 1000, NULL, '2024-04-10'), (3, 'a', '2024-03-01', 1080, NULL, '2024-04-10'),
	(3, 'b', '2023-03-01', 1000, NULL, '2024-04-10'), (3, 'b', '2024-03-01', 1050, NULL, '2024-04-10'),
	-- enterprises (stock): a 200 -> 230 (+15%)
	(4, 'a', '2023-03-01', 200, NULL, '2024-04-10'), (4, 'a', '2024-03-01', 230, NULL, '2024-04-10'),
	-- accidents: a 3+3+4 = 10 -> 2+3+3 = 8 (-20%)
	(6, 'a', '2023-01-01', 3, NULL, '2024-04-10'), (6, 'a', '2023-02-01', 3, NULL, '2024-04-10'),
	(6, 'a', '2023-03-01', 4, NULL, '2024-04-10'), (6, 'a', '2024-01-01', 2, NULL, '2024-04-10'),
	(6, 'a', '2024-02-01', 3, NULL, '2024-04-10'), (6, 'a', '2024-03-01', 3, NULL, '2024-04-10'),
	-- the city's share: 20.0 -> 20.6 (+0.6 points)
	(7, 'c', '2023-03-01', 20.0, NULL, '2024-04-10'), (7, 'c', '2024-03-01', 20.6, NULL, '2024-04-10');

INSERT INTO plan_target (indicator_id, unit_id, year, target, weight, scoring, score_floor, score_cap,
	score_params, reference_indicator_id) VALUES
	(1, 'c', 2024, 'growth >= 7%', 0, 'threshold', 0, 1, NULL, NULL),
	(5, 'c', 2024, 'level >= 1', 0, 'threshold', 0, 1, NULL, NULL),
	(7, 'c', 2024, 'change >= 0.5pp', 0, 'threshold', 0, 1, NULL, NULL),
	(8, 'c', 2024, 'level >= 2', 0, 'threshold', 0, 1, NULL, NULL),
	(1, 'a', 2024, 'growth >= 7%', 50, 'ratio', 0, 1.2, NULL, NULL),
	(1, 'b', 2024, 'growth >= 7%', 50, 'ratio', 0, 1.2, NULL, NULL),
	(2, 'a', 2024, 'growth >= 8%', 20, 'rank', 0.6, 1, NULL, NULL),
	(2, 'b', 2024, 'growth >= 8%', 20, 'rank', 0.6, 1, NULL, NULL),
	(3, 'a', 2024, 'growth > reference', 30, 'threshold', 0, 1, NULL, 2),
	(3, 'b', 2024, 'growth > reference', 30, 'threshold', 0, 1, NULL, 2),
	(4, 'a', 2024, 'level >= 220', 0, 'ratio', 0, 1.2, NULL, NULL),
	(6, 'a', 2024, 'growth < 0%', 10, 'threshold', 0, 1, NULL, NULL),
	-- a department, judged on the city's figure (judged_on area, below)
	(1, 'd', 2024, 'growth >= 7%', 10, 'threshold', 0, 1, NULL, NULL);
UPDATE plan_target SET judged_on = 'area' WHERE unit_id = 'd';

INSERT INTO task (task_id, action_id, kind, name_zh, responsible_unit_id, lead_person, section,
	indicator_id, year, start_date, due_date, status, completed_on, planned_investment, completed_investment) VALUES
	('p1', 1, 'project', '项目一', 'd', '甲', '一科', 8, 2024, '2024-01-01', '2024-12-31', 'done', '2024-02-15', 10, 10),
	('p2', 1, 'project', '项目二', 'd', '乙', '一科', 8, 2024, '2024-01-01', '2024-12-31', 'in_progress', NULL, 20, 4),
	('t1', 1, 'task', '任务一', 'a', '丙', '二科', NULL, 2024, '2024-01-01', '2024-02-29', 'in_progress', NULL, NULL, NULL);

-- Progress at the end of March 2024, every indicator x unit with a target.
-- sales a: 44 vs 40, +10%, attainment 10/7 = 1.4286, gap +3;
-- sales b: 18 vs 20, -10%, gap -17, attainment undefined (sign change);
-- sales city (roll-up of a and b): 62 vs 60, +3.3333%, published to 0.1 as
-- 3.3: gap 3.3 - 7 = -3.7, attainment 3.3/7 = 0.4714, red;
-- GDP b: computed +2%, reported 1.5% shown; income a: +8% vs GDP a +10%, not met, gap -2;
-- income b: +5% vs GDP b 1.5% (reported), met, gap +3.5; enterprises a: 230, +15%,
-- 230/220 = 1.0455; accidents a: -20%, met, gap +20; share: +0.6 points, gap +0.1;
-- big counties: 1 (a's 510, not b's 91); projects done by 31 March: 1 of 2,
-- 50% of the target against 25% of the year: schedule gap +25.
-- department d's sales target: the city's figure, as the city's row.
SELECT unit_id AS u, indicator_id AS i, data_month, target, round(value::numeric, 4) AS value,
       round(prior::numeric, 4) AS prior, round(computed_growth::numeric, 4) AS computed,
       reported_growth AS reported, round(growth::numeric, 4) AS growth, growth_source AS src,
       round(change_pp::numeric, 4) AS change, round(actual::numeric, 4) AS actual,
       round(reference::numeric, 4) AS ref, met, round(gap::numeric, 4) AS gap,
       round(attainment::numeric, 4) AS attain, round(time_progress::numeric, 4) AS tp,
       round(schedule_gap::numeric, 4) AS sched, status, note
FROM progress('2024-03-31');

-- The city view: the same city rows.
SELECT indicator_id, action_zh, round(value::numeric, 4) AS value, round(actual::numeric, 4) AS actual,
       met, status
FROM progress_city('2024-03-31');

-- Independent check of the roll-up: the city's year-to-date growth of sales
-- from the readings by plain SQL.
SELECT round(((sum(value) FILTER (WHERE month >= '2024-01-01'))
              / (sum(value) FILTER (WHERE month < '2024-01-01')) - 1)::numeric * 100, 4) AS plain_sql,
       (SELECT round(growth::numeric, 4) FROM progress('2024-03-31') WHERE unit_id = 'c' AND indicator_id = 1) AS view
FROM reading WHERE indicator_id = 1 AND month <= '2024-03-01';

-- Before the year's first reading: no data, a note, no status (GDP marked
-- January-February combined for the moment, to see its note).
UPDATE indicator SET jan_feb_combined = true WHERE indicator_id = 2;
SELECT unit_id, indicator_id, data_month, value, met, status, note
FROM progress('2024-01-31') WHERE indicator_id IN (2, 3) ORDER BY 1, 2;
UPDATE indicator SET jan_feb_combined = false WHERE indicator_id = 2;

-- Tasks at 31 March 2024 (day basis of each task's span):
-- p1 done, 10/10 = 1; p2 4/20 = 0.2 against 91/366 = 0.2486 -> -0.0486;
-- t1 due 29 February, not done: overdue by 31 days.
SELECT task_id, status, investment_completion, time_progress, ahead_of_schedule, overdue, days_overdue
FROM task_progress('2024-03-31');

-- Points: a: sales min(1.2, 10/7) x 50 = 60; GDP rank 1 of 2 = 20; income
-- not met 0; accidents met 10 -> 90 of weight 110, score 100 x 90/110 = 81.8182 (良好).
-- b: sales growth of the wrong sign, -10/7 below the floor: 0; GDP rank 2 of 2 = 0.6 x 20 = 12;
-- income met 30 -> 42 of 100, score 42 (不合格).
-- d (department, ranked among departments): the city's 3.3333% misses 7%: 0 of 10.
SELECT unit_id, indicator_id, scoring, weight, round(actual::numeric, 4) AS actual, met,
       round(points::numeric, 4) AS points
FROM unit_scores('2024-03-31');
SELECT unit_id, peer_group, items, applicable, weight, applicable_weight, round(total::numeric, 4) AS total,
       round(score::numeric, 4) AS score, grade, rank
FROM unit_assessment('2024-03-31');

-- A correction of a's March sales (21 -> 25, recorded later): a's growth
-- becomes (11+12+25)/40 - 1 = 20%; as recorded before it, still 10%.
INSERT INTO reading (indicator_id, unit_id, month, value, revision, recorded_at)
	VALUES (1, 'a', '2024-03-01', 25, 2, '2024-04-20');
SELECT (SELECT round(growth::numeric, 4) FROM progress('2024-03-31') WHERE unit_id = 'a' AND indicator_id = 1) AS now,
       (SELECT round(growth::numeric, 4) FROM progress('2024-03-31', '2024-04-15') WHERE unit_id = 'a' AND indicator_id = 1) AS before;

-- run_assessment: twice for the same as-of date gives one run, with the
-- figures of unit_assessment; a different as-of date is another run.
-- (After the correction the city's sales grow 66/60 - 1 = 10%: department
-- d now meets its target, 100.)
CALL run_assessment(2024, '2024-03-31') \gset
CALL run_assessment(2024, '2024-03-31') \gset call_
-- The CALL returns the run it stored and its counts (issue 24), each
-- against a count of its own: the run just stored, the targets of 2024,
-- the weighted ones (scored), their units, and the readings in force of
-- 2023-01 to 2024-03 (one per indicator, unit and month).
SELECT :call_run_id = (SELECT max(run_id) FROM assessment_run WHERE as_of = '2024-03-31') AS is_the_stored_run,
       :call_targets AS targets, :call_targets = (SELECT count(*) FROM plan_target WHERE year = 2024) AS all_targets,
       :call_scores AS scores, :call_scores = (SELECT count(*) FROM plan_target WHERE year = 2024 AND weight > 0) AS weighted,
       :call_units AS units, :call_units = (SELECT count(DISTINCT unit_id) FROM plan_target WHERE year = 2024 AND weight > 0) AS their_units,
       :call_readings AS readings, :call_readings = (SELECT count(*) FROM (SELECT DISTINCT indicator_id, unit_id, month FROM reading
                                     WHERE month BETWEEN '2023-01-01' AND '2024-03-31') r) AS in_force;
SELECT count(*) AS runs, min(readings_used) AS readings_used, bool_and(finished_at >= started_at) AS finished
FROM assessment_run;
SELECT u.unit_id, u.peer_group, round(u.score::numeric, 4) AS score, u.grade, u.rank,
       round(u.score::numeric, 4) = round(a.score::numeric, 4) AS same_as_view
FROM assessment_run r JOIN assessment_run_unit u USING (run_id)
JOIN unit_assessment('2024-03-31') a USING (unit_id) ORDER BY u.peer_group, u.rank;
SELECT count(*) AS items FROM assessment_run_item;

-- The run's readings digest (0.3.0: the sum of reading_hash) changes when
-- any reading's value, revision, month or unit changes, and when two
-- readings swap their values, with as many readings used; it does not
-- change when the same readings are stored in another order.  Each change
-- is made, the run re-made and its digest read, then undone.
SELECT readings_digest AS digest, readings_used AS used FROM assessment_run WHERE as_of = '2024-03-31' \gset run_
CREATE FUNCTION pg_temp.digest_after(change text) RETURNS text LANGUAGE plpgsql AS $$
DECLARE
	d text;
	-- from PL/pgSQL a CALL passes a variable for each INOUT parameter
	rid bigint; n_targets bigint; n_scores bigint; n_units bigint; n_readings bigint;
BEGIN
	BEGIN
		EXECUTE change;
		CALL scorecard.run_assessment(2024, '2024-03-31', NULL, false, rid, n_targets, n_scores, n_units, n_readings);
		SELECT r.readings_used || ' ' || r.readings_digest INTO d FROM scorecard.assessment_run r WHERE r.as_of = '2024-03-31';
		RAISE EXCEPTION 'undo';
	EXCEPTION WHEN raise_exception THEN
		RETURN d;
	END;
END $$;
SELECT c.what, pg_temp.digest_after(c.change) = :'run_used' || ' ' || :'run_digest' AS same_digest,
       split_part(pg_temp.digest_after(c.change), ' ', 1) = :'run_used' AS same_count
FROM (VALUES
	('nothing', 'SELECT 1'),
	('another order', 'CREATE TEMP TABLE r0 AS SELECT * FROM scorecard.reading; DELETE FROM scorecard.reading;
	  INSERT INTO scorecard.reading SELECT * FROM r0 ORDER BY indicator_id DESC, unit_id DESC, month DESC, revision DESC'),
	('a value', 'UPDATE scorecard.reading SET value = value + 1 WHERE (indicator_id, unit_id, month) = (1, ''b'', ''2024-02-01'')'),
	('a revision', 'UPDATE scorecard.reading SET revision = revision + 1 WHERE (indicator_id, unit_id, month) = (1, ''b'', ''2024-02-01'')'),
	('a month', 'UPDATE scorecard.reading SET month = ''2023-06-01'' WHERE (indicator_id, unit_id, month) = (1, ''b'', ''2024-02-01'')'),
	('a unit', 'UPDATE scorecard.reading SET unit_id = ''c'' WHERE (indicator_id, unit_id, month) = (1, ''b'', ''2024-02-01'')'),
	('two values swapped', 'UPDATE scorecard.reading r SET value = o.value FROM scorecard.reading o
	  WHERE (r.indicator_id, r.month) = (1, ''2024-02-01'') AND (o.indicator_id, o.month) = (1, ''2024-02-01'')
	    AND ((r.unit_id, o.unit_id) = (''a'', ''b'') OR (r.unit_id, o.unit_id) = (''b'', ''a''))')
) c(what, change);
SET search_path = public;   -- as a scheduled job calls it
-- default as-of: end of the latest month, 2024-03-31: still one run
CALL scorecard.run_assessment(2024) \gset
SELECT count(*) AS progress_rows FROM scorecard.progress_latest;
SET search_path = scorecard, public;
CALL run_assessment(2024, '2024-02-29') \gset
SELECT year, as_of FROM assessment_run ORDER BY as_of;
CALL run_assessment(2024, '2023-12-31');
CALL run_assessment(NULL);

-- The default as-of date is the end of the latest month with readings in
-- the year asked for: with a January 2025 reading present, 2024 still runs
-- as of 2024-03-31 (its data end in March), not 2024-12-31; 2025 as of
-- 2025-01-31 (with a target of 2025: a year without any refuses).
INSERT INTO reading (indicator_id, unit_id, month, value, recorded_at) VALUES (1, 'a', '2025-01-01', 12, '2025-02-10');
INSERT INTO plan_target (indicator_id, unit_id, year, target) VALUES (1, 'a', 2025, 'growth >= 5%');
CALL run_assessment(2024) \gset
CALL run_assessment(2025) \gset
SELECT year, as_of FROM assessment_run ORDER BY as_of;
DELETE FROM reading WHERE month = '2025-01-01';
DELETE FROM plan_target WHERE year = 2025;
DELETE FROM assessment_run WHERE year = 2025;
-- A year without readings has no default as-of date: P0002.
CALL run_assessment(2026);
\echo :LAST_ERROR_SQLSTATE

-- The plan lock (scorecard_lock.plan_lock) is a table only the
-- extension's owner can name; take_plan_lock() takes it for a role that
-- may load (INSERT on reading_intake) or run (INSERT on assessment_run),
-- judged as the role the session acts as (here the role of SET ROLE).
-- test/suites/locks.sh drives it from several sessions.
CREATE ROLE regress_scorecard_nobody;
GRANT USAGE ON SCHEMA scorecard TO regress_scorecard_nobody;
GRANT SELECT ON ALL TABLES IN SCHEMA scorecard TO regress_scorecard_nobody;
SET ROLE regress_scorecard_nobody;
BEGIN;
LOCK TABLE scorecard_lock.plan_lock IN EXCLUSIVE MODE NOWAIT;
ROLLBACK;
SELECT scorecard.take_plan_lock('load');
SELECT scorecard.take_plan_lock('run');
RESET ROLE;
GRANT INSERT (indicator_id, unit_id, month, value, reported_growth, source) ON reading_intake TO regress_scorecard_nobody;
SET ROLE regress_scorecard_nobody;
BEGIN;
SELECT scorecard.take_plan_lock('load');   -- INSERT on reading_intake: it may load
SELECT scorecard.take_plan_lock('run');    -- and still not run
ROLLBACK;
RESET ROLE;
BEGIN;
SELECT take_plan_lock('run');   -- the superuser
SELECT mode, granted FROM pg_locks
WHERE pid = pg_backend_pid() AND relation = 'scorecard_lock.plan_lock'::regclass;
ROLLBACK;
SELECT take_plan_lock('unload');
REVOKE ALL ON ALL TABLES IN SCHEMA scorecard FROM regress_scorecard_nobody;
REVOKE ALL ON SCHEMA scorecard FROM regress_scorecard_nobody;
DROP ROLE regress_scorecard_nobody;

-- A run computes progress once and scores its rows (before 0.2.0's
-- rewrite: three times, through unit_scores, unit_assessment and its
-- progress report), and indicator_state once with it.
BEGIN;
SET LOCAL track_functions = 'all';
CALL run_assessment(2024, '2024-03-31') \gset
SELECT funcname, calls FROM pg_stat_xact_user_functions
WHERE schemaname = 'scorecard' AND funcname IN ('progress', 'indicator_state', 'unit_scores_of',
	'unit_assessment_of', 'unit_scores', 'unit_assessment') ORDER BY 1;
-- The run's items and units are those unit_scores and unit_assessment
-- give at the same date: no row differs.
SELECT (SELECT count(*) FROM (
	SELECT unit_id, indicator_id, target, scoring, weight, actual, reference, met, attainment, points
	FROM assessment_run_item WHERE run_id = (SELECT max(run_id) FROM assessment_run)
	EXCEPT SELECT unit_id, indicator_id, target, scoring, weight, actual, reference, met, attainment, points
	FROM unit_scores('2024-03-31')) x) AS items_differing,
       (SELECT count(*) FROM (
	SELECT unit_id, peer_group, items, applicable, weight, applicable_weight, total, score, grade, rank
	FROM assessment_run_unit WHERE run_id = (SELECT max(run_id) FROM assessment_run)
	EXCEPT SELECT unit_id, peer_group, items, applicable, weight, applicable_weight, total, score, grade, rank
	FROM unit_assessment('2024-03-31')) x) AS units_differing,
       (SELECT count(*) FROM assessment_run_item WHERE run_id = (SELECT max(run_id) FROM assessment_run)) AS items;
ROLLBACK;

-- A rank counts every peer with a figure, whatever their own scoring
-- method: with a's GDP target scored by threshold (10% against 8%: met,
-- 20 points), b's GDP (1.5%) is still ranked 2 of 2: 0.6 x 20 = 12
-- points (ranked among the rank-scored units alone it would be 1 of 1: 20).
BEGIN;
UPDATE plan_target SET scoring = 'threshold' WHERE indicator_id = 2 AND unit_id = 'a';
SELECT unit_id, scoring, round(points::numeric, 4) AS points
FROM unit_scores('2024-03-31') WHERE indicator_id = 2 ORDER BY 1;
ROLLBACK;

TRUNCATE action, unit, indicator, plan_target, reading, task, assessment_run CASCADE;
