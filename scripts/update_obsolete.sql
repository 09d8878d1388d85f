
-- (scripts/update_obsolete.sql) The functions, procedures and aggregates
-- of extension scorecard that this update did not create or replace (their
-- row of pg_proc was not written by this transaction) are those the
-- install parts no longer have: a signature that changed, a function that
-- went.  They are dropped, aggregates first, without CASCADE: an object
-- that still uses one stops the update and is named.
DO $obsolete$
DECLARE
	f regprocedure;
BEGIN
	FOR f IN
		SELECT p.oid FROM pg_catalog.pg_proc p
		JOIN pg_catalog.pg_depend d ON d.classid OPERATOR(pg_catalog.=) 'pg_catalog.pg_proc'::pg_catalog.regclass
			AND d.objid OPERATOR(pg_catalog.=) p.oid AND d.deptype OPERATOR(pg_catalog.=) 'e'
		JOIN pg_catalog.pg_extension e ON e.oid OPERATOR(pg_catalog.=) d.refobjid
		WHERE e.extname OPERATOR(pg_catalog.=) 'scorecard' AND pg_catalog.age(p.xmin) OPERATOR(pg_catalog.>) 0
		ORDER BY p.prokind OPERATOR(pg_catalog.=) 'a' DESC, p.oid
	LOOP
		RAISE NOTICE 'dropping %, which this version no longer has', f;
		EXECUTE pg_catalog.format('DROP ROUTINE %s', f);
	END LOOP;
END $obsolete$;
