-- The report's functions pin their search_path: pg_catalog first, then
-- this extension's schema, then the schema the scorecard extension (the
-- types and aggregates) was installed into, then pg_temp.  That schema is
-- only known now, so the paths written above are completed here.
DO $$
DECLARE
	types_schema text := (
		SELECT pg_catalog.quote_ident(n.nspname)
		FROM pg_catalog.pg_extension e JOIN pg_catalog.pg_namespace n ON n.oid = e.extnamespace
		WHERE e.extname = 'scorecard');
	f regprocedure;
BEGIN
	IF types_schema IN ('pg_catalog', 'scorecard') THEN
		RETURN;
	END IF;
	FOR f IN
		SELECT p.oid FROM pg_catalog.pg_proc p
		JOIN pg_catalog.pg_depend d ON d.classid = 'pg_catalog.pg_proc'::pg_catalog.regclass
			AND d.objid = p.oid AND d.deptype = 'e'
		JOIN pg_catalog.pg_extension e ON e.oid = d.refobjid AND e.extname = 'scorecard_report'
		WHERE p.proconfig IS NOT NULL
	LOOP
		EXECUTE pg_catalog.format('ALTER ROUTINE %s SET search_path = pg_catalog, scorecard, %s, pg_temp',
			f, types_schema);
	END LOOP;
END $$;
