-- Before the hand-written part of an update of scorecard_plan (the
-- Makefile puts this file there): drop the plan model's re-creatable
-- objects, its views, functions, procedures and the triggers that run its
-- functions.  The re-creatable parts (plan/*.sql) create them again at the
-- end of the update exactly as a fresh install does.  Nothing is dropped
-- with CASCADE: an object that something outside this set depends on (a
-- policy of enable_unit_security(), a user's view or function) is kept and
-- replaced in place (CREATE OR REPLACE).  The privileges of the objects
-- that had any granted or revoked (a BI role's SELECT on a view) are kept
-- for plan/update/after.sql, which gives them back at the end.
--
-- Citus.  On a cluster (docs/distributed.md) reading is distributed and the
-- plan's tables are reference tables.  Citus sends the text of a statement
-- on such a table (ALTER TABLE, CREATE INDEX, CREATE or DROP TRIGGER) to
-- their shards, and at the top of an extension script a statement's text
-- is the whole script, which the shards refuse ("cannot insert multiple
-- commands into a prepared statement").  So those statements, in the
-- hand-written part of an update and in plan/*.sql, are statements of DO
-- blocks, whose statements each have their own text.  The triggers of the
-- shards are left to Citus, which drops and creates them with their
-- table's (below).  A trigger the coordinator creates on such a table is
-- created on the workers too, so their functions must be there first: the
-- workers are updated before the coordinator (docs/distributed.md), and
-- the coordinator's statements on those tables, which Citus then sends to
-- the workers' copies, find them changed already (IF NOT EXISTS; a
-- constraint or policy dropped IF EXISTS and added again).
DO $drop$
DECLARE
	ext oid := (SELECT e.oid FROM pg_catalog.pg_extension e WHERE e.extname OPERATOR(pg_catalog.=) 'scorecard_plan');
	objs jsonb;
	todo text[];
	kept text[];
	stmt text;
	rel pg_catalog.regclass;
	shard boolean;
	-- Citus is installed: its shards are known
	citus boolean := pg_catalog.to_regprocedure('pg_catalog.relation_is_a_known_shard(pg_catalog.regclass)') IS NOT NULL;
	dropped boolean;
BEGIN
	-- triggers on any table whose function is the extension's, but a
	-- Citus shard's: Citus drops and creates those with the trigger of
	-- the distributed or reference table (on the coordinator), and a shard
	-- whose trigger a node dropped itself would keep none
	-- (docs/distributed.md)
	FOR stmt, rel IN
		SELECT pg_catalog.format('DROP TRIGGER %I ON %s', t.tgname, t.tgrelid::pg_catalog.regclass), t.tgrelid
		FROM pg_catalog.pg_trigger t
		JOIN pg_catalog.pg_depend d ON d.classid OPERATOR(pg_catalog.=) 'pg_catalog.pg_proc'::pg_catalog.regclass
			AND d.objid OPERATOR(pg_catalog.=) t.tgfoid AND d.deptype OPERATOR(pg_catalog.=) 'e'
			AND d.refobjid OPERATOR(pg_catalog.=) ext
		WHERE NOT t.tgisinternal
	LOOP
		shard := false;
		IF citus THEN
			EXECUTE 'SELECT pg_catalog.relation_is_a_known_shard($1)' INTO shard USING rel;
		END IF;
		CONTINUE WHEN shard;
		EXECUTE stmt;
	END LOOP;
	-- views and routines: what drops them, their privileges
	SELECT pg_catalog.jsonb_agg(pg_catalog.jsonb_build_object('stmt', o.stmt, 'kind', o.kind, 'name', o.name,
		'acl', o.acl::text[]) ORDER BY o.ord, o.stmt) INTO objs FROM (
		SELECT 1 AS ord, pg_catalog.format('DROP VIEW %s', c.oid::pg_catalog.regclass) AS stmt,
		       'TABLE' AS kind, c.oid::pg_catalog.regclass::text AS name, c.relacl AS acl
		FROM pg_catalog.pg_class c
		JOIN pg_catalog.pg_depend d ON d.classid OPERATOR(pg_catalog.=) 'pg_catalog.pg_class'::pg_catalog.regclass
			AND d.objid OPERATOR(pg_catalog.=) c.oid
		WHERE d.deptype OPERATOR(pg_catalog.=) 'e' AND d.refobjid OPERATOR(pg_catalog.=) ext
			AND c.relkind OPERATOR(pg_catalog.=) 'v'
		UNION ALL
		SELECT 2, pg_catalog.format('DROP ROUTINE %s', p.oid::pg_catalog.regprocedure),
		       'ROUTINE', p.oid::pg_catalog.regprocedure::text, p.proacl
		FROM pg_catalog.pg_proc p
		JOIN pg_catalog.pg_depend d ON d.classid OPERATOR(pg_catalog.=) 'pg_catalog.pg_proc'::pg_catalog.regclass
			AND d.objid OPERATOR(pg_catalog.=) p.oid
		WHERE d.deptype OPERATOR(pg_catalog.=) 'e' AND d.refobjid OPERATOR(pg_catalog.=) ext
	) o;
	objs := coalesce(objs, '[]');
	-- the privileges to restore, for this transaction only
	PERFORM pg_catalog.set_config('scorecard.update_acl', coalesce((
		SELECT pg_catalog.jsonb_agg(x.o OPERATOR(pg_catalog.-) 'stmt')
		FROM pg_catalog.jsonb_array_elements(objs) x(o)
		WHERE pg_catalog.jsonb_typeof(x.o OPERATOR(pg_catalog.->) 'acl') OPERATOR(pg_catalog.=) 'array'), '[]')::text, true);
	-- Drop what nothing else depends on, again and again until nothing
	-- more can go (a view before the function it calls, in any order).
	SELECT pg_catalog.array_agg(x.o OPERATOR(pg_catalog.->>) 'stmt') INTO todo
	FROM pg_catalog.jsonb_array_elements(objs) x(o);
	LOOP
		kept := '{}';
		dropped := false;
		FOREACH stmt IN ARRAY coalesce(todo, '{}') LOOP
			BEGIN
				EXECUTE stmt;
				dropped := true;
			EXCEPTION WHEN dependent_objects_still_exist THEN
				kept := kept OPERATOR(pg_catalog.||) stmt;
			END;
		END LOOP;
		todo := kept;
		EXIT WHEN NOT dropped OR pg_catalog.cardinality(todo) OPERATOR(pg_catalog.=) 0;
	END LOOP;
	IF pg_catalog.cardinality(todo) OPERATOR(pg_catalog.>) 0 THEN
		RAISE NOTICE 'kept, as objects outside extension scorecard_plan depend on them (replaced in place): %',
			pg_catalog.array_to_string(todo, '; ');
	END IF;
END $drop$;
