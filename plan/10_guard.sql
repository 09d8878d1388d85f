-- Install guard ("Security Considerations for Extension Scripts").  The
-- plan model's schema is fixed (scorecard); CREATE EXTENSION creates it
-- when it is missing but silently uses one that already exists.  Whoever
-- can create objects in a schema on the install path, or on the pinned
-- search_path of the plan's functions (pg_catalog, scorecard, the types'
-- schema, pg_temp), can place a better-matching function or operator there
-- and have it run by the superuser who installs or later calls the plan.
-- So the install refuses (42501) when:
--   * schema scorecard existed before and holds objects (the install would
--     mix them with its own, or bind its constraints to them);
--   * a role that is not a superuser owns schema scorecard or the types'
--     schema, or may CREATE in either (PUBLIC included; the owner of
--     public in PG 15, pg_database_owner, is the database's owner);
--   * the types' schema holds a function or operator owned by a role that
--     is not a superuser (planted earlier, say, by a database owner).
-- Safe recipe: install scorecard into a schema only superusers can write:
--   CREATE SCHEMA scorecard_types;   -- as a superuser
--   CREATE EXTENSION scorecard SCHEMA scorecard_types;
--   CREATE EXTENSION scorecard_plan;
DO $guard$
DECLARE
	plan_nsp oid := (SELECT n.oid FROM pg_catalog.pg_namespace n WHERE n.nspname OPERATOR(pg_catalog.=) 'scorecard');
	types_nsp oid := (SELECT e.extnamespace FROM pg_catalog.pg_extension e
	                  WHERE e.extname OPERATOR(pg_catalog.=) 'scorecard');
	nsp oid;
	who text;
	objs text;
BEGIN
	-- Objects already in scorecard (nothing of this extension exists yet).
	-- When scorecard itself was installed there, its own (superuser-owned)
	-- objects are expected; anything owned by another role is not.
	SELECT pg_catalog.string_agg(o.what, ', ') INTO objs FROM (
		SELECT pg_catalog.format('relation %s', c.relname) AS what, c.relowner AS owner
		FROM pg_catalog.pg_class c WHERE c.relnamespace OPERATOR(pg_catalog.=) plan_nsp
		UNION ALL SELECT pg_catalog.format('function %s', p.oid::pg_catalog.regprocedure), p.proowner
		FROM pg_catalog.pg_proc p WHERE p.pronamespace OPERATOR(pg_catalog.=) plan_nsp
		UNION ALL SELECT pg_catalog.format('operator %s', o.oid::pg_catalog.regoperator), o.oprowner
		FROM pg_catalog.pg_operator o WHERE o.oprnamespace OPERATOR(pg_catalog.=) plan_nsp
		UNION ALL SELECT pg_catalog.format('type %s', t.typname), t.typowner
		FROM pg_catalog.pg_type t WHERE t.typnamespace OPERATOR(pg_catalog.=) plan_nsp
		UNION ALL SELECT pg_catalog.format('collation %s', c.collname), c.collowner
		FROM pg_catalog.pg_collation c WHERE c.collnamespace OPERATOR(pg_catalog.=) plan_nsp
		UNION ALL SELECT pg_catalog.format('conversion %s', c.conname), c.conowner
		FROM pg_catalog.pg_conversion c WHERE c.connamespace OPERATOR(pg_catalog.=) plan_nsp
		UNION ALL SELECT pg_catalog.format('operator family %s', f.opfname), f.opfowner
		FROM pg_catalog.pg_opfamily f WHERE f.opfnamespace OPERATOR(pg_catalog.=) plan_nsp
		UNION ALL SELECT pg_catalog.format('text search configuration %s', t.cfgname), t.cfgowner
		FROM pg_catalog.pg_ts_config t WHERE t.cfgnamespace OPERATOR(pg_catalog.=) plan_nsp
		UNION ALL SELECT pg_catalog.format('text search dictionary %s', t.dictname), t.dictowner
		FROM pg_catalog.pg_ts_dict t WHERE t.dictnamespace OPERATOR(pg_catalog.=) plan_nsp
		UNION ALL SELECT pg_catalog.format('statistics object %s', s.stxname), s.stxowner
		FROM pg_catalog.pg_statistic_ext s WHERE s.stxnamespace OPERATOR(pg_catalog.=) plan_nsp
		UNION ALL SELECT pg_catalog.format('extension %s', e.extname), e.extowner
		FROM pg_catalog.pg_extension e WHERE e.extnamespace OPERATOR(pg_catalog.=) plan_nsp
		  AND e.extname OPERATOR(pg_catalog.<>) ALL (ARRAY['scorecard', 'scorecard_plan'])
	) o
	WHERE plan_nsp OPERATOR(pg_catalog.<>) types_nsp
	   OR NOT (SELECT r.rolsuper FROM pg_catalog.pg_roles r WHERE r.oid OPERATOR(pg_catalog.=) o.owner);
	IF objs IS NOT NULL THEN
		RAISE EXCEPTION 'schema scorecard already holds objects: %', objs
			USING ERRCODE = 'insufficient_privilege',
			      DETAIL = 'scorecard_plan installs only into a schema it creates or an empty one only superusers can write: existing objects could capture its calls.',
			      HINT = 'Drop or rename the schema scorecard (after checking who made it), then CREATE EXTENSION scorecard_plan again.';
	END IF;

	-- Roles other than superusers that own or may create in either schema.
	FOREACH nsp IN ARRAY ARRAY[plan_nsp, types_nsp] LOOP
		SELECT pg_catalog.string_agg(r.rolname, ', ' ORDER BY r.rolname) INTO who
		FROM pg_catalog.pg_roles r, pg_catalog.pg_namespace n
		WHERE n.oid OPERATOR(pg_catalog.=) nsp AND NOT r.rolsuper
		  -- the owner of public in PG 15: stands for the database owner, who
		  -- is checked as herself below
		  AND r.rolname OPERATOR(pg_catalog.<>) 'pg_database_owner'
		  AND (r.oid OPERATOR(pg_catalog.=) n.nspowner
		       OR pg_catalog.has_schema_privilege(r.oid, n.oid, 'CREATE'));
		IF who IS NOT NULL THEN
			RAISE EXCEPTION 'schema % can be written by roles that are not superusers: %',
				(SELECT n.nspname FROM pg_catalog.pg_namespace n WHERE n.oid OPERATOR(pg_catalog.=) nsp), who
				USING ERRCODE = 'insufficient_privilege',
				      DETAIL = 'The plan''s functions search this schema; a function or operator created there could run with the rights of whoever installs or calls them.',
				      HINT = 'Install scorecard into a schema only superusers can write: CREATE SCHEMA scorecard_types; CREATE EXTENSION scorecard SCHEMA scorecard_types; CREATE EXTENSION scorecard_plan; (and give schema scorecard, if it exists, to a superuser).';
		END IF;
	END LOOP;

	-- Functions and operators planted in the types' schema earlier.
	SELECT pg_catalog.string_agg(o.what, ', ') INTO objs FROM (
		SELECT pg_catalog.format('function %s', p.oid::pg_catalog.regprocedure) AS what
		FROM pg_catalog.pg_proc p JOIN pg_catalog.pg_roles r ON r.oid OPERATOR(pg_catalog.=) p.proowner
		WHERE p.pronamespace OPERATOR(pg_catalog.=) types_nsp AND NOT r.rolsuper
		UNION ALL SELECT pg_catalog.format('operator %s', o.oid::pg_catalog.regoperator)
		FROM pg_catalog.pg_operator o JOIN pg_catalog.pg_roles r ON r.oid OPERATOR(pg_catalog.=) o.oprowner
		WHERE o.oprnamespace OPERATOR(pg_catalog.=) types_nsp AND NOT r.rolsuper
	) o;
	IF objs IS NOT NULL THEN
		RAISE EXCEPTION 'the schema of extension scorecard holds functions or operators of roles that are not superusers: %', objs
			USING ERRCODE = 'insufficient_privilege',
			      DETAIL = 'The plan''s functions search this schema; these could capture their calls.',
			      HINT = 'Install scorecard into a schema only superusers can write: CREATE SCHEMA scorecard_types; CREATE EXTENSION scorecard SCHEMA scorecard_types; CREATE EXTENSION scorecard_plan;';
	END IF;
END $guard$;
