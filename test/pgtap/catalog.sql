-- pgTAP: the extensions' catalog promises (schemas, types, shippable
-- functions, no table in the types extension).  The database has
-- scorecard_report, which brought scorecard_plan, which brought scorecard
-- (CASCADE) into its own schema scorecard, not public.
SET search_path = scorecard, public;
SELECT plan(11);
-- Functions that read or write tables and so cannot be immutable: none in
-- the types extension (the plan model's are in scorecard_plan).
CREATE TEMP TABLE volatile_ok (name text);
-- The extension's functions and aggregates, procedures aside.
CREATE TEMP VIEW ext_function AS
	SELECT p.oid, p.oid::regprocedure::text AS signature, p.provolatile,
	       p.proparallel, p.proname
	FROM pg_proc p
	JOIN pg_depend d ON d.classid = 'pg_proc'::regclass AND d.objid = p.oid
	JOIN pg_extension e ON d.refclassid = 'pg_extension'::regclass
		AND d.refobjid = e.oid AND e.extname = 'scorecard'
	WHERE p.prokind <> 'p';

SELECT has_schema('scorecard', 'the plan model''s schema exists');
SELECT has_type('scorecard', 'target', 'the target type is where CASCADE installed scorecard: schema scorecard');
SELECT has_function('scorecard', 'target_met', ARRAY['target', 'double precision']);
SELECT has_function('scorecard', 'time_progress', ARRAY['date', 'text']);
SELECT has_table('scorecard', 'reading', 'the plan model has its tables');
-- The types extension is what every node of a cluster installs: no table,
-- no view, no sequence, and it can be moved to another schema.
SELECT is_empty($$
	SELECT c.oid::regclass FROM pg_class c
	JOIN pg_depend d ON d.classid = 'pg_class'::regclass AND d.objid = c.oid AND d.deptype = 'e'
	JOIN pg_extension e ON e.oid = d.refobjid AND e.extname = 'scorecard'
$$, 'scorecard creates no table, view or sequence');
SELECT ok((SELECT extrelocatable FROM pg_extension WHERE extname = 'scorecard'), 'scorecard is relocatable');

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
