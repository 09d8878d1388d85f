
-- (scripts/update_obsolete.sql) The functions, procedures and aggregates
-- of extension scorecard that this update script did not create or
-- replace are those the install parts no longer have: a signature that
-- changed, a function that went.  Written by this script: its pg_proc row
-- was written by this transaction (xmin) after ALTER EXTENSION wrote the
-- extension's new version, just before running this script (cmin; an
-- update over several versions runs several scripts in one transaction).  They are dropped, aggregates first, without CASCADE: an object
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
		WHERE e.extname OPERATOR(pg_catalog.=) 'scorecard'
		  AND NOT (pg_catalog.age(p.xmin) OPERATOR(pg_catalog.<=) 0
		           AND p.cmin::text::bigint OPERATOR(pg_catalog.>) e.cmin::text::bigint)
		ORDER BY p.prokind OPERATOR(pg_catalog.=) 'a' DESC, p.oid
	LOOP
		RAISE NOTICE 'dropping %, which this version no longer has', f;
		EXECUTE pg_catalog.format('DROP ROUTINE %s', f);
	END LOOP;
END $obsolete$;
