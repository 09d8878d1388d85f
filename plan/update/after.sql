-- At the end of an update of scorecard_plan (the Makefile puts this file
-- there): the privileges of the re-created objects that had any granted or
-- revoked before the update (plan/update/before.sql kept them) are set
-- back as they were, so the update keeps a BI role's SELECT on a view and
-- an administrator's REVOKE on a function.
DO $acl$
DECLARE
	o jsonb;
	owner oid;
	g record;
BEGIN
	FOR o IN SELECT x.o FROM pg_catalog.jsonb_array_elements(
			pg_catalog.current_setting('scorecard.update_acl', true)::jsonb) x(o) LOOP
		owner := CASE o OPERATOR(pg_catalog.->>) 'kind'
			WHEN 'TABLE' THEN (SELECT c.relowner FROM pg_catalog.pg_class c
				WHERE c.oid OPERATOR(pg_catalog.=) pg_catalog.to_regclass(o OPERATOR(pg_catalog.->>) 'name'))
			WHEN 'ROUTINE' THEN (SELECT p.proowner FROM pg_catalog.pg_proc p
				WHERE p.oid OPERATOR(pg_catalog.=) pg_catalog.to_regprocedure(o OPERATOR(pg_catalog.->>) 'name')) END;
		CONTINUE WHEN owner IS NULL;  -- gone in this version
		EXECUTE pg_catalog.format('REVOKE ALL ON %s %s FROM PUBLIC', o OPERATOR(pg_catalog.->>) 'kind', o OPERATOR(pg_catalog.->>) 'name');
		FOR g IN
			SELECT a.grantee, a.privilege_type, a.is_grantable
			FROM pg_catalog.jsonb_array_elements_text(o OPERATOR(pg_catalog.->) 'acl') e(item),
			     pg_catalog.aclexplode(ARRAY[e.item::pg_catalog.aclitem]) a
			WHERE a.grantee OPERATOR(pg_catalog.<>) owner
		LOOP
			EXECUTE pg_catalog.format('GRANT %s ON %s %s TO %s%s', g.privilege_type, o OPERATOR(pg_catalog.->>) 'kind',
				o OPERATOR(pg_catalog.->>) 'name',
				CASE WHEN g.grantee OPERATOR(pg_catalog.=) 0 THEN 'PUBLIC' ELSE pg_catalog.quote_ident(pg_catalog.pg_get_userbyid(g.grantee)) END,
				CASE WHEN g.is_grantable THEN ' WITH GRANT OPTION' ELSE '' END);
		END LOOP;
	END LOOP;
END $acl$;
