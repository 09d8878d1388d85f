-- pgTAP: what postgres_fdw and Citus need to ship the aggregates.  Every
-- aggregate and each of its support functions IMMUTABLE and PARALLEL SAFE
-- (postgres_fdw ships only immutable functions, whatever other functions of
-- the extension write data); state types real types, not internal, with
-- immutable text and binary I/O (Citus ships partial states as text).
SET search_path = scorecard, public;
SELECT plan(6);

CREATE TEMP VIEW ext_aggregate AS
	SELECT a.*
	FROM pg_aggregate a
	JOIN pg_depend d ON d.classid = 'pg_proc'::regclass AND d.objid = a.aggfnoid
	JOIN pg_extension e ON d.refclassid = 'pg_extension'::regclass
		AND d.refobjid = e.oid AND e.extname = 'scorecard';

-- Support functions of the aggregates and I/O functions of the types.
CREATE TEMP VIEW ext_support AS
	SELECT a.aggfnoid::regprocedure::text AS owner, f.fn::regprocedure AS fn
	FROM ext_aggregate a,
		LATERAL (VALUES (a.aggfnoid), (a.aggtransfn), (a.aggcombinefn), (a.aggfinalfn),
			(a.aggserialfn), (a.aggdeserialfn)) f(fn)
	WHERE f.fn <> 0
	UNION ALL
	SELECT t.oid::regtype::text, f.fn::regprocedure
	FROM pg_type t
	JOIN pg_depend d ON d.classid = 'pg_type'::regclass AND d.objid = t.oid
	JOIN pg_extension e ON d.refclassid = 'pg_extension'::regclass
		AND d.refobjid = e.oid AND e.extname = 'scorecard',
		LATERAL (VALUES (t.typinput), (t.typoutput), (t.typreceive), (t.typsend)) f(fn)
	WHERE f.fn <> 0;

SELECT is_empty($$
	SELECT s.owner || ': ' || s.fn::text FROM ext_support s JOIN pg_proc p ON p.oid = s.fn
	WHERE p.provolatile <> 'i'
$$, 'aggregates, their support functions and the types'' I/O are IMMUTABLE');
SELECT is_empty($$
	SELECT s.owner || ': ' || s.fn::text FROM ext_support s JOIN pg_proc p ON p.oid = s.fn
	WHERE p.proparallel <> 's'
$$, 'aggregates, their support functions and the types'' I/O are PARALLEL SAFE');
SELECT is_empty($$
	SELECT aggfnoid::regprocedure::text FROM ext_aggregate
	WHERE aggtranstype = 'internal'::regtype
$$, 'no aggregate keeps an internal state (states are real types)');
SELECT is_empty($$
	SELECT aggfnoid::regprocedure::text FROM ext_aggregate a
	JOIN pg_type t ON t.oid = a.aggtranstype
	WHERE t.typreceive = 0 OR t.typsend = 0
$$, 'every state type has binary send and receive');
SELECT is_empty($$
	SELECT aggfnoid::regprocedure::text FROM ext_aggregate
	WHERE aggkind <> 'n'
$$, 'every aggregate is a normal aggregate (ordered-set ones do not combine)');
SELECT is_empty($$
	SELECT t.oid::regtype::text
	FROM pg_type t
	JOIN pg_depend d ON d.classid = 'pg_type'::regclass AND d.objid = t.oid
	JOIN pg_extension e ON d.refclassid = 'pg_extension'::regclass
		AND d.refobjid = e.oid AND e.extname = 'scorecard'
	WHERE t.typtype = 'b' AND (t.typreceive = 0 OR t.typsend = 0)
$$, 'every base type of scorecard has binary send and receive');

SELECT * FROM finish();
