-- pgTAP: the extension's catalog promises (schema, types, shippable functions).
SET search_path = scorecard, public;
SELECT plan(8);
-- Functions that read or write tables and so cannot be immutable: the
-- reference schema's loader, its views' functions and its trigger.
CREATE TEMP TABLE volatile_ok (name text);
INSERT INTO volatile_ok VALUES ('reading_no_update'), ('check_readings'), ('load_readings'),
	('readings'), ('progress'), ('progress_city'), ('derived_progress'), ('task_progress'),
	('unit_assessment'), ('unit_scores'), ('indicator_state'), ('latest_month');
-- The extension's functions and aggregates, procedures aside.
CREATE TEMP VIEW ext_function AS
	SELECT p.oid, p.oid::regprocedure::text AS signature, p.provolatile,
	       p.proparallel, p.proname
	FROM pg_proc p
	JOIN pg_depend d ON d.classid = 'pg_proc'::regclass AND d.objid = p.oid
	JOIN pg_extension e ON d.refclassid = 'pg_extension'::regclass
		AND d.refobjid = e.oid AND e.extname = 'scorecard'
	WHERE p.prokind <> 'p';

SELECT has_schema('scorecard');
SELECT has_type('scorecard', 'target', 'the target type exists');
SELECT has_function('scorecard', 'target_met', ARRAY['target', 'double precision']);
SELECT has_function('scorecard', 'time_progress', ARRAY['date', 'text']);

-- postgres_fdw ships only immutable functions, and parallel plans need
-- parallel-safe ones.
SELECT is_empty($$
	SELECT signature FROM ext_function
	WHERE provolatile <> 'i' AND proname NOT IN (SELECT name FROM volatile_ok)
$$, 'every function of scorecard is IMMUTABLE');
SELECT is_empty($$
	SELECT signature FROM ext_function
	WHERE proparallel <> 's' AND proname NOT IN (SELECT name FROM volatile_ok)
$$, 'every function of scorecard is PARALLEL SAFE');
SELECT is_empty($$
	SELECT signature FROM ext_function f JOIN pg_aggregate a ON a.aggfnoid = f.oid
	WHERE a.aggcombinefn = 0
$$, 'every aggregate of scorecard has a combine function');

SELECT throws_ok($$SELECT 'growth >= 7pp'::scorecard.target$$, '22P02',
	'invalid input syntax for type target: "growth >= 7pp"',
	'malformed target text raises 22P02');

SELECT * FROM finish();
