-- Where CASCADE puts the types.  CREATE EXTENSION scorecard_plan CASCADE
-- creates scorecard (the types) first, in the first schema of the caller's
-- search_path, usually public (PostgreSQL hands a SCHEMA option on to the
-- extensions CASCADE creates, and otherwise takes that default).  The plan's
-- functions search the types' schema, and no qualification of the calls in
-- them stops a function or operator there from matching a call better than
-- the built-in (public.unnest(text[]) beats pg_catalog.unnest(anyarray),
-- *(float8, int) beats *(float8, float8) with a cast): a later GRANT CREATE
-- ON SCHEMA public would let its grantee run code as whoever calls the plan.
-- So when scorecard was created in this transaction (its pg_extension row as
-- new as ours: CASCADE, or both in one transaction) in another schema, and
-- this is an install (no member of scorecard_plan yet), scorecard moves into
-- schema scorecard, which the guard above checked and only superusers may
-- write.  The pinned search_path of the plan's functions then is pg_catalog,
-- scorecard, pg_temp (90_search_path.sql), and no grant on public reaches
-- them.  A scorecard created earlier (CREATE EXTENSION scorecard SCHEMA s, in
-- its own transaction) stays where it is.
DO $types$
BEGIN
	IF EXISTS (SELECT 1 FROM pg_catalog.pg_extension s, pg_catalog.pg_extension p
	           WHERE s.extname OPERATOR(pg_catalog.=) 'scorecard' AND p.extname OPERATOR(pg_catalog.=) 'scorecard_plan'
	             AND s.xmin OPERATOR(pg_catalog.=) p.xmin
	             AND s.extnamespace OPERATOR(pg_catalog.<>) p.extnamespace)
	   AND NOT EXISTS (SELECT 1 FROM pg_catalog.pg_depend d JOIN pg_catalog.pg_extension e
	                   ON e.oid OPERATOR(pg_catalog.=) d.refobjid
	                   WHERE d.refclassid OPERATOR(pg_catalog.=) 'pg_catalog.pg_extension'::pg_catalog.regclass
	                     AND d.deptype OPERATOR(pg_catalog.=) 'e' AND e.extname OPERATOR(pg_catalog.=) 'scorecard_plan')
	THEN
		ALTER EXTENSION scorecard SET SCHEMA scorecard;
	END IF;
END $types$;
