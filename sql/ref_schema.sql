-- Reference schema: what cannot be right is rejected with a message that
-- names the rule, and leaves the data unchanged.
SET client_min_messages = warning;
CREATE EXTENSION IF NOT EXISTS scorecard_plan;
-- the report's rendering too: its unpinned escaping helpers are listed below
CREATE EXTENSION IF NOT EXISTS scorecard_report;
SET search_path = scorecard, public;
TRUNCATE action, unit, indicator, plan_target, reading, task, assessment_run CASCADE;

INSERT INTO unit (unit_id, name_zh, name_en, kind, parent_id) VALUES
	('c', '市', 'City', 'city', NULL),
	('a', '甲县', 'County A', 'county', 'c');
INSERT INTO action VALUES (1, '行动一', 'action one', NULL);
INSERT INTO indicator (indicator_id, code, action_id, name_zh, name_en, nature) VALUES
	(1, 'sales', 1, '零售', 'retail sales', 'flow');

-- Readings: an unknown indicator, an unknown unit, a month that is not a
-- month, a value that is not a number, an update in place by a role that
-- may load readings.
INSERT INTO reading (indicator_id, unit_id, month, value, recorded_at) VALUES (99, 'a', '2024-01-01', 1, '2024-02-10 09:00+00');
INSERT INTO reading (indicator_id, unit_id, month, value, recorded_at) VALUES (1, 'x', '2024-01-01', 1, '2024-02-10 09:00+00');
INSERT INTO reading (indicator_id, unit_id, month, value, recorded_at) VALUES (1, 'a', '2024-01-15', 1, '2024-02-10 09:00+00');
INSERT INTO reading (indicator_id, unit_id, month, value, recorded_at) VALUES (1, 'a', '2024-01-01', 'NaN', '2024-02-10 09:00+00');
INSERT INTO reading (indicator_id, unit_id, month, value, recorded_at) VALUES (1, 'a', '2024-01-01', 'Infinity', '2024-02-10 09:00+00');
INSERT INTO reading (indicator_id, unit_id, month, value, recorded_at) VALUES (1, 'a', '2024-01-01', 10, '2024-02-10 09:00+00');
INSERT INTO reading (indicator_id, unit_id, month, value, recorded_at) VALUES (1, 'a', '2024-01-01', 11, '2024-02-10 09:00+00');  -- same revision
-- Nobody but the table's owner holds UPDATE: a loader granted SELECT and
-- INSERT cannot change a reading in place (42501), and nothing changes.
CREATE ROLE regress_scorecard_loader;
GRANT USAGE ON SCHEMA scorecard TO regress_scorecard_loader;
GRANT SELECT, INSERT ON reading TO regress_scorecard_loader;
SET ROLE regress_scorecard_loader;
UPDATE reading SET value = 12;
RESET ROLE;
SELECT has_table_privilege('public', 'scorecard.reading', 'UPDATE') AS public_may_update;
-- (its two triggers, TRUNCATE apart, count the owner's statements for the
-- snapshot; they keep nothing from anyone)
SELECT tgname AS triggers FROM pg_trigger WHERE tgrelid = 'scorecard.reading'::regclass AND NOT tgisinternal ORDER BY 1;
REVOKE ALL ON reading FROM regress_scorecard_loader;
REVOKE ALL ON SCHEMA scorecard FROM regress_scorecard_loader;
DROP ROLE regress_scorecard_loader;
SELECT indicator_id, unit_id, month, value, revision FROM reading;

-- Targets: a negative weight, an unknown scoring method, a relative target
-- without its reference indicator, efficacy without its two parameters.
INSERT INTO plan_target (indicator_id, unit_id, year, target, weight) VALUES (1, 'a', 2024, 'growth >= 7%', -1);
INSERT INTO plan_target (indicator_id, unit_id, year, target, scoring) VALUES (1, 'a', 2024, 'growth >= 7%', 'magic');
INSERT INTO plan_target (indicator_id, unit_id, year, target) VALUES (1, 'a', 2024, 'growth > reference');
INSERT INTO plan_target (indicator_id, unit_id, year, target, scoring) VALUES (1, 'a', 2024, 'growth >= 7%', 'efficacy');
INSERT INTO plan_target (indicator_id, unit_id, year, target) VALUES (1, 'a', 2024, 'growth >= 7pp');
INSERT INTO plan_target (indicator_id, unit_id, year, target, weight) VALUES (1, 'a', 2024, 'growth >= 7%', 10);
SELECT indicator_id, unit_id, year, target, weight, scoring FROM plan_target;

-- Units, indicators and tasks.
INSERT INTO unit (unit_id, name_zh, name_en, kind, parent_id) VALUES ('b', '乙县', 'County B', 'village', 'c');
INSERT INTO unit (unit_id, name_zh, name_en, kind, parent_id) VALUES ('b', '乙县', 'County B', 'county', 'nowhere');
INSERT INTO indicator (indicator_id, code, name_zh, name_en, nature) VALUES (2, 'x', 'x', 'x', 'sum');
INSERT INTO indicator (indicator_id, code, name_zh, name_en, nature, reporting) VALUES (2, 'x', 'x', 'x', 'stock', 'cumulative');
INSERT INTO task (task_id, action_id, kind, name_zh, responsible_unit_id, year, due_date, status)
	VALUES ('t1', 1, 'task', '任务', 'a', 2024, '2024-12-31', 'done');
INSERT INTO task (task_id, action_id, kind, name_zh, responsible_unit_id, year, due_date, planned_investment)
	VALUES ('t1', 1, 'task', '任务', 'a', 2024, '2024-12-31', 5);
INSERT INTO task (task_id, action_id, kind, name_zh, responsible_unit_id, year, due_date, planned_investment, completed_investment)
	VALUES ('t1', 1, 'project', '项目', 'a', 2024, '2024-12-31', 5, -1);
SELECT count(*) AS tasks FROM task;

-- The tables' rows are kept by pg_dump.
SELECT c.relname FROM pg_extension e, unnest(e.extconfig) x(oid) JOIN pg_class c ON c.oid = x.oid
WHERE e.extname = 'scorecard_plan' ORDER BY 1;

-- Rights: every view runs with the invoker's rights (row-level security
-- applies through it); the SECURITY DEFINER functions are record_readings and take_plan_lock;
-- every function of the plan pins a search_path with pg_catalog first,
-- but published_figure, warning_streaks and the report's label helpers (report_escape
-- ...), left unpinned so
-- they inline into their callers: their bodies are SQL-standard (BEGIN
-- ATOMIC, RETURN), bound to their objects when they were created, so no
-- search_path applies when they run.
SELECT c.relname AS view_without_security_invoker FROM pg_class c
WHERE c.relnamespace = 'scorecard'::regnamespace AND c.relkind = 'v'
  AND NOT coalesce(c.reloptions @> '{security_invoker=true}', false);
SELECT p.oid::regprocedure AS security_definer FROM pg_proc p
WHERE p.pronamespace = 'scorecard'::regnamespace AND p.prosecdef ORDER BY p.oid::regprocedure::text;
SELECT p.oid::regprocedure AS unpinned FROM pg_proc p
WHERE p.pronamespace = 'scorecard'::regnamespace
  AND NOT coalesce(p.proconfig[1] LIKE 'search_path=pg_catalog, %', false)
ORDER BY 1;
-- A function that turns a join or sort method off turns JIT off too: its
-- plans cost the disabled method's 1e10, and at the server's default
-- jit = on they would be JIT-compiled, about a second per call.
SELECT p.oid::regprocedure AS methods_off_jit_on FROM pg_proc p
WHERE p.pronamespace = 'scorecard'::regnamespace
  AND EXISTS (SELECT FROM unnest(p.proconfig) c WHERE c ~ '^enable_[a-z_]+=(off|false|no|0)$')
  AND NOT EXISTS (SELECT FROM unnest(p.proconfig) c WHERE c ~ '^jit=(off|false|no|0)$')
ORDER BY 1;

TRUNCATE action, unit, indicator, plan_target, reading, task, assessment_run CASCADE;
