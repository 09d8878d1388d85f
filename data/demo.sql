-- The demo: the 38 targets of the 2024 plan for the whole city, evaluated
-- against the illustrative actuals of data/actuals-2024-09.csv.
-- Run by scripts/demo.sh with psql; :as_of is set by the caller.
-- Level targets of flow indicators are judged against time progress, except
-- those reported only once a year, whose interim figures say little.
\set ON_ERROR_STOP on
SET client_min_messages = warning;
CREATE EXTENSION IF NOT EXISTS scorecard;
SET search_path = scorecard, public;

DROP TABLE IF EXISTS demo_target, demo_actual;
CREATE TABLE demo_target (
	no int PRIMARY KEY, action int NOT NULL, name_zh text NOT NULL,
	name_en text NOT NULL, target target NOT NULL,
	nature text NOT NULL CHECK (nature IN ('flow', 'stock', 'rate')),
	frequency text NOT NULL, unit text NOT NULL);
CREATE TABLE demo_actual (
	no int PRIMARY KEY REFERENCES demo_target, actual float8 NOT NULL,
	reference float8, note text);
\copy demo_target FROM 'data/targets-2024.csv' WITH (FORMAT csv, HEADER true)
\copy demo_actual FROM 'data/actuals-2024-09.csv' WITH (FORMAT csv, HEADER true)

\pset footer off
\pset null '-'
\echo
\echo '邵阳市 2024 八大行动 主要目标 / Shaoyang 2024 plan: the 38 targets, city level'
SELECT :'as_of'::date AS as_of,
       round(100 * time_progress(:'as_of'::date)::numeric, 1) AS "time progress %",
       count(*) AS targets,
       count(*) FILTER (WHERE target_met(t.target, a.actual, a.reference)) AS met
FROM demo_target t JOIN demo_actual a USING (no);

SELECT t.no AS "#", t.action AS act, t.name_zh AS indicator, t.target::text AS target,
       a.actual, a.reference AS ref,
       CASE target_met(t.target, a.actual, a.reference) WHEN true THEN 'yes' ELSE 'no' END AS met,
       round(target_gap(t.target, a.actual, a.reference)::numeric, 2) AS gap,
       round(100 * target_attainment(t.target, a.actual, a.reference)::numeric, 1) AS "attain %",
       CASE WHEN t.nature = 'flow' AND t.frequency <> 'annual' THEN
           round(target_schedule_gap(t.target, a.actual, :'as_of'::date)::numeric, 1)
       END AS "vs schedule",
       target_status(t.target, a.actual, :'as_of'::date, flow => t.nature = 'flow' AND t.frequency <> 'annual',
                     reference => a.reference) AS status
FROM demo_target t JOIN demo_actual a USING (no)
ORDER BY t.no;

SELECT target_status(t.target, a.actual, :'as_of'::date, flow => t.nature = 'flow' AND t.frequency <> 'annual',
                     reference => a.reference) AS status, count(*) AS targets
FROM demo_target t JOIN demo_actual a USING (no)
GROUP BY 1 ORDER BY array_position(ARRAY['green', 'yellow', 'red'], min(target_status(t.target, a.actual, :'as_of'::date, flow => t.nature = 'flow' AND t.frequency <> 'annual', reference => a.reference)));
