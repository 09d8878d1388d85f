-- Row-level security per unit (optional: off until enable_unit_security()).
-- unit_access lists which units a role may see and load; access to a unit
-- covers the units below it (the city: every unit).  With row-level
-- security on, every role that is not a superuser, the tables' owner or
-- BYPASSRLS sees through the tables and every view (all security_invoker)
-- only the readings, targets and run results of its units, and loads only
-- their readings.
--
--   SELECT scorecard.enable_unit_security();
--   SELECT scorecard.grant_unit_access('analyst_beita', 'beita');     -- a county
--   SELECT scorecard.grant_unit_access('analyst_city', 'shaoyang');   -- the city: all


-- A unit and every unit below it (its subtree: area units and
-- departments): what access to the unit covers, what a report of it
-- reads, and the scope a computation limited to it covers.
CREATE OR REPLACE FUNCTION units_below(root text) RETURNS SETOF text
LANGUAGE sql STABLE PARALLEL SAFE
SET search_path = pg_catalog, scorecard, pg_temp AS $$
	WITH RECURSIVE s(unit_id) AS (
		SELECT u.unit_id FROM unit u WHERE u.unit_id = root
		UNION
		SELECT u.unit_id FROM unit u JOIN s ON u.parent_id = s.unit_id
	)
	SELECT s.unit_id FROM s
$$;
COMMENT ON FUNCTION units_below(text) IS 'the unit and every unit below it (area units and departments)';

-- The units the current role may see: those granted to it or to a role it
-- is a member of, and every unit below them.  Policies use it as an
-- uncorrelated subquery, so it runs once per query, not once per row.
CREATE OR REPLACE FUNCTION visible_units() RETURNS SETOF text LANGUAGE sql STABLE PARALLEL SAFE
SET search_path = pg_catalog, scorecard, pg_temp AS $$
	SELECT DISTINCT b.unit_id
	FROM unit_access a
	JOIN pg_catalog.pg_roles r ON r.rolname OPERATOR(pg_catalog.=) a.role_name
	CROSS JOIN LATERAL units_below(a.unit_id) b(unit_id)
	WHERE pg_catalog.pg_has_role(r.oid, 'USAGE')
$$;
COMMENT ON FUNCTION visible_units() IS 'units the current role may see under row-level security: those granted in unit_access and the units below them';

-- Whether the current role sees every unit's rows: always where row-level
-- security does not apply to it (superusers, the tables' owner, BYPASSRLS,
-- or security off).  Figures over peers (ranks) and runs need it.
CREATE OR REPLACE FUNCTION sees_all_units() RETURNS boolean LANGUAGE sql STABLE PARALLEL SAFE
SET search_path = pg_catalog, scorecard, pg_temp AS $$
	SELECT NOT pg_catalog.row_security_active('scorecard.reading'::pg_catalog.regclass)
	    OR NOT EXISTS (SELECT 1 FROM unit u WHERE u.unit_id NOT IN (SELECT visible_units()))
$$;
COMMENT ON FUNCTION sees_all_units() IS 'whether row-level security leaves the current role every unit''s rows';

-- For a figure over peers some of which row-level security hides from the
-- current role: raise 42501 rather than rank among the visible ones.
CREATE OR REPLACE FUNCTION peers_hidden(what text) RETURNS float8 LANGUAGE plpgsql STABLE PARALLEL SAFE
SET search_path = pg_catalog, scorecard, pg_temp AS $$
BEGIN
	RAISE EXCEPTION '% needs every unit of the peer group, and role % does not see them all', what, current_user
		USING ERRCODE = 'insufficient_privilege',
		      DETAIL = 'Row-level security hides some units; a rank among the visible ones would be presented as the rank among all.',
		      HINT = 'Read the stored run (scorecard.assessment_run_item, scorecard.assessment_run_ranking), computed over every unit.';
END $$;
COMMENT ON FUNCTION peers_hidden(text) IS 'raise 42501: a figure over peers that row-level security hides from the current role';

-- The tables with a unit column that row-level security restricts.
CREATE OR REPLACE FUNCTION unit_secured_tables() RETURNS SETOF regclass LANGUAGE sql STABLE PARALLEL SAFE
SET search_path = pg_catalog, scorecard, pg_temp AS $$
	SELECT t::pg_catalog.regclass FROM pg_catalog.unnest(ARRAY['scorecard.reading', 'scorecard.plan_target',
		'scorecard.target_schedule', 'scorecard.assessment_run_unit', 'scorecard.assessment_run_item',
		'scorecard.assessment_run_progress', 'scorecard.reading_intake', 'scorecard.target_adjustment',
		'scorecard.progress_snapshot', 'scorecard.unit_score_snapshot', 'scorecard.unit_assessment_snapshot',
		'scorecard.progress_arith_snapshot', 'scorecard.lagging_list_snapshot', 'scorecard.data_review_snapshot']) t
$$;
COMMENT ON FUNCTION unit_secured_tables() IS 'the tables enable_unit_security() puts under row-level security by unit_id';

-- The stored results that hold what a role limited to some units may not
-- read: the arithmetic its parents' figures (parent_published,
-- contribution, pull), the lagging list the departments holding targets
-- on an indicator, the data review its peers' median growths and its
-- parents' figures.  Besides their units', a restrictive policy every_unit
-- for a role that sees every unit (arith_snapshot_is_served,
-- lagging_snapshot_is_served, review_snapshot_is_served).
CREATE OR REPLACE FUNCTION whole_plan_snapshots() RETURNS SETOF regclass LANGUAGE sql STABLE PARALLEL SAFE
SET search_path = pg_catalog, scorecard, pg_temp AS $$
	SELECT t::pg_catalog.regclass FROM pg_catalog.unnest(ARRAY['scorecard.progress_arith_snapshot',
		'scorecard.lagging_list_snapshot', 'scorecard.data_review_snapshot']) t
$$;
COMMENT ON FUNCTION whole_plan_snapshots() IS 'the stored results served only to roles that see every unit (policy every_unit)';

-- Put the policy every_unit on each of whole_plan_snapshots().
CREATE OR REPLACE FUNCTION restrict_whole_plan_snapshots() RETURNS void LANGUAGE plpgsql VOLATILE
SET search_path = pg_catalog, scorecard, pg_temp AS $$
DECLARE
	t regclass;
BEGIN
	FOR t IN SELECT whole_plan_snapshots() LOOP
		EXECUTE pg_catalog.format('DROP POLICY IF EXISTS every_unit ON %s', t);
		-- (a scalar subquery: asked once per statement, not per row)
		EXECUTE pg_catalog.format('CREATE POLICY every_unit ON %s AS RESTRICTIVE '
			'USING ((SELECT scorecard.sees_all_units())) WITH CHECK ((SELECT scorecard.sees_all_units()))', t);
	END LOOP;
END $$;
COMMENT ON FUNCTION restrict_whole_plan_snapshots() IS 'put the policy every_unit on the stored arithmetic, lagging list and data review: their rows for roles that see every unit (enable_unit_security)';

-- Turn row-level security on: a policy unit_access on each table of
-- unit_secured_tables() lets a role read and write the rows of its units.
CREATE OR REPLACE FUNCTION enable_unit_security() RETURNS void LANGUAGE plpgsql VOLATILE
SET search_path = pg_catalog, scorecard, pg_temp AS $$
DECLARE
	t regclass;
BEGIN
	FOR t IN SELECT unit_secured_tables() LOOP
		EXECUTE pg_catalog.format('ALTER TABLE %s ENABLE ROW LEVEL SECURITY', t);
		EXECUTE pg_catalog.format('DROP POLICY IF EXISTS unit_access ON %s', t);
		EXECUTE pg_catalog.format('CREATE POLICY unit_access ON %s '
			'USING (unit_id IN (SELECT scorecard.visible_units())) '
			'WITH CHECK (unit_id IN (SELECT scorecard.visible_units()))', t);
	END LOOP;
	PERFORM scorecard.restrict_whole_plan_snapshots();
	-- unit_access itself: a role reads its own grants (and those of the
	-- roles whose privileges it has), which is all visible_units() reads;
	-- no other role's name or units.  Only the owner writes it.
	ALTER TABLE scorecard.unit_access ENABLE ROW LEVEL SECURITY;
	DROP POLICY IF EXISTS own_grants ON scorecard.unit_access;
	CREATE POLICY own_grants ON scorecard.unit_access FOR SELECT
		USING (EXISTS (SELECT 1 FROM pg_catalog.pg_roles r
		               WHERE r.rolname OPERATOR(pg_catalog.=) role_name AND pg_catalog.pg_has_role(r.oid, 'USAGE')));
END $$;
COMMENT ON FUNCTION enable_unit_security() IS 'put readings, targets and run results under row-level security per unit (unit_access)';

-- An update made with row-level security on (it enabled it on
-- whole_plan_snapshots()) gives the tables
-- their policy here, once sees_all_units() exists again.
DO $policy$
BEGIN
	IF (SELECT c.relrowsecurity FROM pg_catalog.pg_class c
	    WHERE c.oid OPERATOR(pg_catalog.=) 'scorecard.progress_arith_snapshot'::pg_catalog.regclass) THEN
		PERFORM scorecard.restrict_whole_plan_snapshots();
	END IF;
END $policy$;

-- Turn it off again (drop the policies).
CREATE OR REPLACE FUNCTION disable_unit_security() RETURNS void LANGUAGE plpgsql VOLATILE
SET search_path = pg_catalog, scorecard, pg_temp AS $$
DECLARE
	t regclass;
BEGIN
	FOR t IN SELECT unit_secured_tables() LOOP
		EXECUTE pg_catalog.format('DROP POLICY IF EXISTS unit_access ON %s', t);
		EXECUTE pg_catalog.format('ALTER TABLE %s DISABLE ROW LEVEL SECURITY', t);
	END LOOP;
	FOR t IN SELECT whole_plan_snapshots() LOOP
		EXECUTE pg_catalog.format('DROP POLICY IF EXISTS every_unit ON %s', t);
	END LOOP;
	DROP POLICY IF EXISTS own_grants ON scorecard.unit_access;
	ALTER TABLE scorecard.unit_access DISABLE ROW LEVEL SECURITY;
END $$;
COMMENT ON FUNCTION disable_unit_security() IS 'remove the row-level security of enable_unit_security()';

-- Give a role a unit (and the units below it) and the privileges to read
-- and load: USAGE on the schemas, SELECT on the tables and views (of
-- assessment_run only the columns that say which runs exist: who ran them
-- and a count and digest of every unit's readings are the owner's), and
-- INSERT on the figure columns of reading_intake, the way into reading
-- through load_readings (no privilege on reading beyond SELECT: revision,
-- recorded_at and loaded_by are the server's, and readings are never
-- changed in place).
CREATE OR REPLACE FUNCTION grant_unit_access(role regrole, unit text) RETURNS void LANGUAGE plpgsql VOLATILE
SET search_path = pg_catalog, scorecard, pg_temp AS $$
DECLARE
	t regclass;
	types_schema text := (
		SELECT n.nspname FROM pg_catalog.pg_extension e
		JOIN pg_catalog.pg_namespace n ON n.oid OPERATOR(pg_catalog.=) e.extnamespace
		WHERE e.extname OPERATOR(pg_catalog.=) 'scorecard');
BEGIN
	IF NOT EXISTS (SELECT 1 FROM scorecard.unit u WHERE u.unit_id = unit) THEN
		RAISE EXCEPTION 'grant_unit_access: unknown unit "%"', unit
			USING ERRCODE = 'foreign_key_violation';
	END IF;
	INSERT INTO scorecard.unit_access (role_name, unit_id)
	VALUES ((SELECT r.rolname FROM pg_catalog.pg_roles r WHERE r.oid OPERATOR(pg_catalog.=) role), unit)
	ON CONFLICT DO NOTHING;
	EXECUTE pg_catalog.format('GRANT USAGE ON SCHEMA scorecard, %I TO %s', types_schema, role);
	FOR t IN SELECT c.oid::pg_catalog.regclass FROM pg_catalog.pg_class c
	         WHERE c.relnamespace OPERATOR(pg_catalog.=) 'scorecard'::pg_catalog.regnamespace
	           AND c.relkind OPERATOR(pg_catalog.=) ANY (ARRAY['r', 'v', 'p', 'm', 'f']::pg_catalog."char"[])
	           AND c.oid OPERATOR(pg_catalog.<>) 'scorecard.assessment_run'::pg_catalog.regclass
	LOOP
		EXECUTE pg_catalog.format('GRANT SELECT ON %s TO %s', t, role);
	END LOOP;
	EXECUTE pg_catalog.format('GRANT SELECT (run_id, year, as_of, recorded_as_of, started_at, finished_at, level_targets) '
		'ON scorecard.assessment_run TO %s', role);
	EXECUTE pg_catalog.format('GRANT INSERT (indicator_id, unit_id, month, value, reported_growth, source) '
		'ON scorecard.reading_intake TO %s', role);
END $$;
COMMENT ON FUNCTION grant_unit_access(regrole, text) IS 'let a role see and load the readings, targets and run results of a unit and the units below it';

-- Take a unit away from a role (its privileges on the tables stay).
CREATE OR REPLACE FUNCTION revoke_unit_access(role regrole, unit text) RETURNS void LANGUAGE plpgsql VOLATILE
SET search_path = pg_catalog, scorecard, pg_temp AS $$
DECLARE
	rname name := (SELECT r.rolname FROM pg_catalog.pg_roles r WHERE r.oid OPERATOR(pg_catalog.=) role);
BEGIN
	DELETE FROM scorecard.unit_access a
	WHERE a.role_name OPERATOR(pg_catalog.=) rname AND a.unit_id OPERATOR(pg_catalog.=) unit;
	-- a role left without units may no longer load (nor take the load lock)
	IF NOT EXISTS (SELECT 1 FROM scorecard.unit_access a WHERE a.role_name OPERATOR(pg_catalog.=) rname) THEN
		EXECUTE pg_catalog.format('REVOKE INSERT ON scorecard.reading_intake FROM %s', role);
	END IF;
END $$;
COMMENT ON FUNCTION revoke_unit_access(regrole, text) IS 'remove a unit from a role''s access; a role left with no unit loses the right to load';
