-- Install guard ("Security Considerations for Extension Scripts"), as the
-- plan model's (plan/10_guard.sql): the report's functions are created in
-- schema scorecard, which scorecard_plan made, and pin their search_path
-- to pg_catalog, scorecard, the types' schema and pg_temp.  Whoever can
-- create objects in either schema could place a better-matching function
-- or operator there and have it run by the superuser who installs or calls
-- the report.  So the install refuses (42501) when:
--   * schema scorecard is not the plan model's (scorecard_plan is missing);
--   * a role that is not a superuser owns schema scorecard or the types'
--     schema, or may CREATE in either (PUBLIC included);
--   * either schema holds a function or operator owned by a role that is
--     not a superuser (planted after the plan model was installed).
DO $guard$
DECLARE
	plan_nsp oid := (SELECT e.extnamespace FROM pg_catalog.pg_extension e
	                 WHERE e.extname OPERATOR(pg_catalog.=) 'scorecard_plan');
	types_nsp oid := (SELECT e.extnamespace FROM pg_catalog.pg_extension e
	                  WHERE e.extname OPERATOR(pg_catalog.=) 'scorecard');
	nsp oid;
	who text;
	objs text;
BEGIN
	IF plan_nsp IS NULL OR plan_nsp OPERATOR(pg_catalog.<>)
	   (SELECT n.oid FROM pg_catalog.pg_namespace n WHERE n.nspname OPERATOR(pg_catalog.=) 'scorecard') THEN
		RAISE EXCEPTION 'scorecard_report needs the plan model (scorecard_plan) in schema scorecard'
			USING ERRCODE = 'insufficient_privilege',
			      DETAIL = 'The report reads the plan model''s tables and functions in schema scorecard.',
			      HINT = 'CREATE EXTENSION scorecard_report CASCADE installs the plan model first.';
	END IF;

	-- Roles other than superusers that own or may create in either schema.
	FOREACH nsp IN ARRAY ARRAY[plan_nsp, types_nsp] LOOP
		SELECT pg_catalog.string_agg(r.rolname, ', ' ORDER BY r.rolname) INTO who
		FROM pg_catalog.pg_roles r, pg_catalog.pg_namespace n
		WHERE n.oid OPERATOR(pg_catalog.=) nsp AND NOT r.rolsuper
		  AND r.rolname OPERATOR(pg_catalog.<>) 'pg_database_owner'
		  AND (r.oid OPERATOR(pg_catalog.=) n.nspowner
		       OR pg_catalog.has_schema_privilege(r.oid, n.oid, 'CREATE'));
		IF who IS NOT NULL THEN
			RAISE EXCEPTION 'schema % can be written by roles that are not superusers: %',
				(SELECT n.nspname FROM pg_catalog.pg_namespace n WHERE n.oid OPERATOR(pg_catalog.=) nsp), who
				USING ERRCODE = 'insufficient_privilege',
				      DETAIL = 'The report''s functions search this schema; a function or operator created there could run with the rights of whoever installs or calls them.',
				      HINT = 'Give the schema to a superuser and revoke CREATE on it from other roles, then CREATE EXTENSION scorecard_report again.';
		END IF;
	END LOOP;

	-- Functions and operators planted in either schema.
	SELECT pg_catalog.string_agg(o.what, ', ') INTO objs FROM (
		SELECT pg_catalog.format('function %s', p.oid::pg_catalog.regprocedure) AS what
		FROM pg_catalog.pg_proc p JOIN pg_catalog.pg_roles r ON r.oid OPERATOR(pg_catalog.=) p.proowner
		WHERE p.pronamespace OPERATOR(pg_catalog.=) ANY (ARRAY[plan_nsp, types_nsp]) AND NOT r.rolsuper
		UNION ALL SELECT pg_catalog.format('operator %s', o.oid::pg_catalog.regoperator)
		FROM pg_catalog.pg_operator o JOIN pg_catalog.pg_roles r ON r.oid OPERATOR(pg_catalog.=) o.oprowner
		WHERE o.oprnamespace OPERATOR(pg_catalog.=) ANY (ARRAY[plan_nsp, types_nsp]) AND NOT r.rolsuper
	) o;
	IF objs IS NOT NULL THEN
		RAISE EXCEPTION 'schema scorecard or the schema of extension scorecard holds functions or operators of roles that are not superusers: %', objs
			USING ERRCODE = 'insufficient_privilege',
			      DETAIL = 'The report''s functions search these schemas; these could capture their calls.',
			      HINT = 'Drop them (after checking who made them), then CREATE EXTENSION scorecard_report again.';
	END IF;
END $guard$;
