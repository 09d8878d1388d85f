-- scorecard_plan install script, built by concatenating plan/*.sql in order.
\echo Use "CREATE EXTENSION scorecard_plan CASCADE" to load this file. \quit
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
-- Reference schema: actions, units, indicators, targets, readings, task lists.
-- Optional: every function works on any user table; these tables are for
-- users who start from nothing.  Their rows are user data, kept by pg_dump
-- (pg_extension_config_dump).  Constraint names read as the rule broken.

-- The plan's actions (八大行动).
CREATE TABLE action (
	action_id int PRIMARY KEY,
	name_zh text NOT NULL,
	name_en text NOT NULL,
	lead_unit_id text,
	CONSTRAINT action_id_is_positive CHECK (action_id > 0)
);
COMMENT ON TABLE action IS 'actions of the plan (八大行动)';

-- Units: the city, its county-level units (districts, county-level cities,
-- counties) and departments; parent_id makes the hierarchy.
CREATE TABLE unit (
	unit_id text PRIMARY KEY,
	name_zh text NOT NULL,
	name_en text NOT NULL,
	kind text NOT NULL,
	parent_id text,
	central_city boolean NOT NULL DEFAULT false,
	sort_order int NOT NULL DEFAULT 0,
	CONSTRAINT unit_kind_is_known CHECK (kind IN ('city', 'district', 'county_city', 'county', 'department')),
	CONSTRAINT unit_parent_is_known FOREIGN KEY (parent_id) REFERENCES unit (unit_id),
	CONSTRAINT unit_is_not_its_own_parent CHECK (parent_id IS DISTINCT FROM unit_id),
	CONSTRAINT unit_city_has_no_parent CHECK ((kind = 'city') = (parent_id IS NULL))
);
COMMENT ON TABLE unit IS 'city, counties, districts and departments; parent_id is the hierarchy';

ALTER TABLE action ADD CONSTRAINT action_lead_unit_is_known
	FOREIGN KEY (lead_unit_id) REFERENCES unit (unit_id);

-- Indicators.  nature: flow (adds up over months), stock (a level at a
-- month), rate (a share or ratio, never added), task (counted from the task
-- list).  reporting: monthly values or cumulative January-to-month values.
-- additive: the values of the units add up to their parent's (the city's
-- figure is the roll-up of its counties when it has no readings of its own).
-- derived_from/derived_threshold: the number of units whose last-twelve-month
-- value of another indicator exceeds a threshold (counties with GDP > 200 亿).
CREATE TABLE indicator (
	indicator_id int PRIMARY KEY,
	code text NOT NULL,
	action_id int,
	name_zh text NOT NULL,
	name_en text NOT NULL,
	measure_unit text NOT NULL DEFAULT '',
	nature text NOT NULL,
	frequency text NOT NULL DEFAULT 'monthly',
	higher_is_better boolean NOT NULL DEFAULT true,
	reporting text NOT NULL DEFAULT 'monthly',
	jan_feb_combined boolean NOT NULL DEFAULT false,
	additive boolean NOT NULL DEFAULT true,
	derived_from int,
	derived_threshold float8,
	CONSTRAINT indicator_code_is_unique UNIQUE (code),
	CONSTRAINT indicator_action_is_known FOREIGN KEY (action_id) REFERENCES action (action_id),
	CONSTRAINT indicator_nature_is_flow_stock_rate_or_task CHECK (nature IN ('flow', 'stock', 'rate', 'task')),
	CONSTRAINT indicator_frequency_is_monthly_quarterly_or_annual CHECK (frequency IN ('monthly', 'quarterly', 'annual')),
	CONSTRAINT indicator_reporting_is_monthly_or_cumulative CHECK (reporting IN ('monthly', 'cumulative')),
	CONSTRAINT indicator_cumulative_only_for_flows CHECK (reporting = 'monthly' OR nature = 'flow'),
	CONSTRAINT indicator_derived_from_is_known FOREIGN KEY (derived_from) REFERENCES indicator (indicator_id),
	CONSTRAINT indicator_derived_needs_threshold CHECK ((derived_from IS NULL) = (derived_threshold IS NULL))
);
COMMENT ON TABLE indicator IS 'indicators: nature flow/stock/rate/task, frequency, direction, monthly or cumulative reporting';

-- Targets per indicator x unit x year.  scoring: how the assessment scores
-- it (ratio: weight x attainment clamped to [score_floor, score_cap];
-- threshold: full weight if met, score_floor x weight otherwise; efficacy:
-- statistical efficacy coefficient with score_params {satisfactory,
-- disallowed}; banded: SOE banded efficacy with five standards in
-- score_params; rank: by rank among the units, score_floor x weight last).
-- A relative target (growth > reference) names its reference indicator.
CREATE TABLE plan_target (
	indicator_id int NOT NULL,
	unit_id text NOT NULL,
	year int NOT NULL,
	target target NOT NULL,
	weight float8 NOT NULL DEFAULT 0,
	scoring text NOT NULL DEFAULT 'ratio',
	score_floor float8 NOT NULL DEFAULT 0,
	score_cap float8 NOT NULL DEFAULT 1.2,
	score_params float8[],
	reference_indicator_id int,
	note text,
	PRIMARY KEY (indicator_id, unit_id, year),
	CONSTRAINT plan_target_indicator_is_known FOREIGN KEY (indicator_id) REFERENCES indicator (indicator_id),
	CONSTRAINT plan_target_unit_is_known FOREIGN KEY (unit_id) REFERENCES unit (unit_id),
	CONSTRAINT plan_target_reference_indicator_is_known FOREIGN KEY (reference_indicator_id) REFERENCES indicator (indicator_id),
	CONSTRAINT plan_target_year_is_plausible CHECK (year BETWEEN 2000 AND 2100),
	CONSTRAINT plan_target_weight_is_not_negative CHECK (weight >= 0::float8 AND weight < 'Infinity'::float8),
	CONSTRAINT plan_target_scoring_is_known CHECK (scoring IN ('ratio', 'threshold', 'efficacy', 'banded', 'rank')),
	CONSTRAINT plan_target_score_floor_not_above_cap CHECK (score_floor >= 0::float8 AND score_floor <= score_cap),
	CONSTRAINT plan_target_efficacy_needs_two_params CHECK (scoring <> 'efficacy' OR coalesce(pg_catalog.cardinality(score_params), 0) = 2),
	CONSTRAINT plan_target_banded_needs_five_params CHECK (scoring <> 'banded' OR coalesce(pg_catalog.cardinality(score_params), 0) = 5),
	CONSTRAINT plan_target_relative_needs_reference_indicator
		CHECK (target_is_relative(target) = (reference_indicator_id IS NOT NULL))
);
COMMENT ON TABLE plan_target IS 'targets per indicator x unit x year, with weight and scoring method';

-- Readings.  value: the month's value (reporting monthly) or the January-to-
-- month value (reporting cumulative); for January-February combined
-- indicators the first reading of a year is February's.  reported_growth: the
-- year-to-date growth in % the statistics bureau publishes, when it does.
-- A correction is a new revision; rows are never updated.
CREATE TABLE reading (
	indicator_id int NOT NULL,
	unit_id text NOT NULL,
	month date NOT NULL,
	value float8 NOT NULL,
	reported_growth float8,
	revision int NOT NULL DEFAULT 1,
	recorded_at timestamptz NOT NULL DEFAULT pg_catalog.now(),
	source text,
	PRIMARY KEY (indicator_id, unit_id, month, revision),
	CONSTRAINT reading_indicator_is_known FOREIGN KEY (indicator_id) REFERENCES indicator (indicator_id),
	CONSTRAINT reading_unit_is_known FOREIGN KEY (unit_id) REFERENCES unit (unit_id),
	CONSTRAINT reading_month_is_first_day CHECK (month = pg_catalog.date_trunc('month', month::timestamp)::date),
	CONSTRAINT reading_month_is_plausible CHECK (month BETWEEN '2000-01-01' AND '2100-12-01'),
	CONSTRAINT reading_value_is_finite CHECK (value <> 'NaN'::float8 AND pg_catalog.abs(value) <> 'Infinity'::float8),
	CONSTRAINT reading_reported_growth_is_finite CHECK (reported_growth <> 'NaN'::float8 AND pg_catalog.abs(reported_growth) <> 'Infinity'::float8),
	CONSTRAINT reading_revision_is_positive CHECK (revision >= 1)
);
COMMENT ON TABLE reading IS 'monthly or cumulative readings per indicator x unit x month, with revisions';

CREATE FUNCTION reading_no_update() RETURNS trigger LANGUAGE plpgsql
SET search_path = pg_catalog, scorecard, pg_temp AS $$
BEGIN
	RAISE EXCEPTION 'readings are never changed in place'
		USING ERRCODE = 'object_not_in_prerequisite_state',
		      HINT = 'Load the corrected figure as a new revision (scorecard.load_readings), the old one stays.';
END $$;
CREATE TRIGGER reading_no_update BEFORE UPDATE ON reading
	FOR EACH ROW EXECUTE FUNCTION reading_no_update();

-- Task lists (清单管理): projects (with investment), tasks and policies of
-- each action.  indicator_id links a task to the indicator it counts for
-- (the 20 livelihood projects of indicator 36).
CREATE TABLE task (
	task_id text PRIMARY KEY,
	action_id int NOT NULL,
	kind text NOT NULL,
	name_zh text NOT NULL,
	name_en text,
	responsible_unit_id text NOT NULL,
	lead_person text,
	section text,
	indicator_id int,
	year int NOT NULL,
	start_date date,
	due_date date NOT NULL,
	status text NOT NULL DEFAULT 'not_started',
	completed_on date,
	planned_investment numeric,
	completed_investment numeric,
	CONSTRAINT task_action_is_known FOREIGN KEY (action_id) REFERENCES action (action_id),
	CONSTRAINT task_responsible_unit_is_known FOREIGN KEY (responsible_unit_id) REFERENCES unit (unit_id),
	CONSTRAINT task_indicator_is_known FOREIGN KEY (indicator_id) REFERENCES indicator (indicator_id),
	CONSTRAINT task_kind_is_project_task_or_policy CHECK (kind IN ('project', 'task', 'policy')),
	CONSTRAINT task_status_is_known CHECK (status IN ('not_started', 'in_progress', 'done', 'suspended')),
	CONSTRAINT task_done_has_completion_date CHECK ((status = 'done') = (completed_on IS NOT NULL)),
	CONSTRAINT task_due_not_before_start CHECK (start_date IS NULL OR due_date >= start_date),
	CONSTRAINT task_investment_is_not_negative CHECK (planned_investment >= 0::numeric AND completed_investment >= 0::numeric),
	CONSTRAINT task_investment_only_for_projects CHECK (kind = 'project' OR (planned_investment IS NULL AND completed_investment IS NULL))
);
COMMENT ON TABLE task IS 'projects, tasks and policies of each action (清单), with responsible unit, lead person, section, due date, status, investment';

CREATE INDEX reading_unit_month ON reading (unit_id, month);
CREATE INDEX plan_target_unit_year ON plan_target (unit_id, year);
CREATE INDEX task_action ON task (action_id);

SELECT pg_catalog.pg_extension_config_dump('scorecard.action', '');
SELECT pg_catalog.pg_extension_config_dump('scorecard.unit', '');
SELECT pg_catalog.pg_extension_config_dump('scorecard.indicator', '');
SELECT pg_catalog.pg_extension_config_dump('scorecard.plan_target', '');
SELECT pg_catalog.pg_extension_config_dump('scorecard.reading', '');
SELECT pg_catalog.pg_extension_config_dump('scorecard.task', '');
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

CREATE TABLE unit_access (
	role_name name NOT NULL,
	unit_id text NOT NULL,
	PRIMARY KEY (role_name, unit_id),
	CONSTRAINT unit_access_unit_is_known FOREIGN KEY (unit_id) REFERENCES unit (unit_id) ON DELETE CASCADE
);
COMMENT ON TABLE unit_access IS 'which units a role (and its members) may see and load under row-level security; a unit covers the units below it';
SELECT pg_catalog.pg_extension_config_dump('scorecard.unit_access', '');

-- The units the current role may see: those granted to it or to a role it
-- is a member of, and every unit below them.  Policies use it as an
-- uncorrelated subquery, so it runs once per query, not once per row.
CREATE FUNCTION visible_units() RETURNS SETOF text LANGUAGE sql STABLE PARALLEL SAFE
SET search_path = pg_catalog, scorecard, pg_temp AS $$
	WITH RECURSIVE v(unit_id) AS (
		SELECT a.unit_id FROM unit_access a
		JOIN pg_catalog.pg_roles r ON r.rolname OPERATOR(pg_catalog.=) a.role_name
		WHERE pg_catalog.pg_has_role(r.oid, 'USAGE')
		UNION
		SELECT u.unit_id FROM unit u JOIN v ON u.parent_id = v.unit_id
	)
	SELECT v.unit_id FROM v
$$;
COMMENT ON FUNCTION visible_units() IS 'units the current role may see under row-level security: those granted in unit_access and the units below them';

-- The tables with a unit column that row-level security restricts.
CREATE FUNCTION unit_secured_tables() RETURNS SETOF regclass LANGUAGE sql STABLE PARALLEL SAFE
SET search_path = pg_catalog, scorecard, pg_temp AS $$
	SELECT t::pg_catalog.regclass FROM pg_catalog.unnest(ARRAY['scorecard.reading', 'scorecard.plan_target',
		'scorecard.assessment_run_unit', 'scorecard.assessment_run_item', 'scorecard.assessment_run_progress']) t
$$;
COMMENT ON FUNCTION unit_secured_tables() IS 'the tables enable_unit_security() puts under row-level security by unit_id';

-- Turn row-level security on: a policy unit_access on each table of
-- unit_secured_tables() lets a role read and write the rows of its units.
CREATE FUNCTION enable_unit_security() RETURNS void LANGUAGE plpgsql VOLATILE
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
END $$;
COMMENT ON FUNCTION enable_unit_security() IS 'put readings, targets and run results under row-level security per unit (unit_access)';

-- Turn it off again (drop the policies).
CREATE FUNCTION disable_unit_security() RETURNS void LANGUAGE plpgsql VOLATILE
SET search_path = pg_catalog, scorecard, pg_temp AS $$
DECLARE
	t regclass;
BEGIN
	FOR t IN SELECT unit_secured_tables() LOOP
		EXECUTE pg_catalog.format('DROP POLICY IF EXISTS unit_access ON %s', t);
		EXECUTE pg_catalog.format('ALTER TABLE %s DISABLE ROW LEVEL SECURITY', t);
	END LOOP;
END $$;
COMMENT ON FUNCTION disable_unit_security() IS 'remove the row-level security of enable_unit_security()';

-- Give a role a unit (and the units below it) and the privileges to read
-- everything and load readings: USAGE on the schemas, SELECT on the tables
-- and views, INSERT on reading, and UPDATE on reading, which only lets
-- load_readings lock the table (the reading_no_update trigger refuses
-- every update).
CREATE FUNCTION grant_unit_access(role regrole, unit text) RETURNS void LANGUAGE plpgsql VOLATILE
SET search_path = pg_catalog, scorecard, pg_temp AS $$
DECLARE
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
	EXECUTE pg_catalog.format('GRANT SELECT ON ALL TABLES IN SCHEMA scorecard TO %s', role);
	EXECUTE pg_catalog.format('GRANT INSERT, UPDATE ON scorecard.reading TO %s', role);
END $$;
COMMENT ON FUNCTION grant_unit_access(regrole, text) IS 'let a role see and load the readings, targets and run results of a unit and the units below it';

-- Take a unit away from a role (its privileges on the tables stay).
CREATE FUNCTION revoke_unit_access(role regrole, unit text) RETURNS void LANGUAGE sql VOLATILE
SET search_path = pg_catalog, scorecard, pg_temp AS $$
	DELETE FROM scorecard.unit_access a
	WHERE a.role_name = (SELECT r.rolname FROM pg_catalog.pg_roles r WHERE r.oid OPERATOR(pg_catalog.=) role)
	  AND a.unit_id = unit
$$;
COMMENT ON FUNCTION revoke_unit_access(regrole, text) IS 'remove a unit from a role''s access';
-- Loading readings from CSV with nothing lost.
--
--   SELECT scorecard.begin_load();              -- this session's staging table
--   \copy reading_staging (indicator, unit, month, value, reported_growth, source)
--         FROM 'readings.csv' WITH (FORMAT csv, HEADER true)
--   SELECT * FROM scorecard.check_readings();   -- the bad rows, if any (loads nothing)
--   SELECT * FROM scorecard.load_readings();    -- all rows or none
--
-- The staging table is a temporary table of the session (pg_temp), so
-- loads from different sessions never see each other's rows, and rows a
-- failed load leaves behind stay in that session until begin_load() or the
-- session's end.  Every column is text, so COPY itself never rejects a row:
-- the checks below report each bad row with its line and reason.  Lines
-- are those of the file, the header being line 1 (header => false for a
-- file without one): a quoted field spanning several lines counts them.  A
-- row whose figure differs from the revision in force becomes a new
-- revision; a row equal to it is skipped, so loading the same file twice
-- changes nothing.

-- Create (or empty) this session's staging table pg_temp.reading_staging.
CREATE FUNCTION begin_load() RETURNS regclass LANGUAGE plpgsql VOLATILE
SET search_path = pg_catalog, scorecard, pg_temp AS $$
BEGIN
	IF pg_catalog.to_regclass('pg_temp.reading_staging') IS NULL THEN
		CREATE TEMP TABLE reading_staging (
			seq bigserial PRIMARY KEY,
			indicator text,
			unit text,
			month text,
			value text,
			reported_growth text,
			source text
		);
	ELSE
		TRUNCATE pg_temp.reading_staging RESTART IDENTITY;
	END IF;
	RETURN 'pg_temp.reading_staging'::pg_catalog.regclass;
END $$;
COMMENT ON FUNCTION begin_load() IS 'create or empty this session''s staging table pg_temp.reading_staging (all text: COPY the CSV file into it)';

-- This session's staging table, or 55000 with the recipe when there is none.
CREATE FUNCTION staging_table() RETURNS regclass LANGUAGE plpgsql STABLE
SET search_path = pg_catalog, scorecard, pg_temp AS $$
DECLARE
	t regclass := pg_catalog.to_regclass('pg_temp.reading_staging');
BEGIN
	IF t IS NULL THEN
		RAISE EXCEPTION 'no staging table in this session'
			USING ERRCODE = 'object_not_in_prerequisite_state',
			      HINT = 'SELECT scorecard.begin_load(); then COPY the file into reading_staging.';
	END IF;
	RETURN t;
END $$;
COMMENT ON FUNCTION staging_table() IS 'this session''s staging table; 55000 when begin_load() has not made one';

-- text -> float8 or NULL when it is not a finite number.
CREATE FUNCTION staging_float(s text) RETURNS float8 LANGUAGE plpgsql IMMUTABLE PARALLEL SAFE
SET search_path = pg_catalog, pg_temp AS $$
DECLARE v float8;
BEGIN
	IF s IS NULL OR pg_catalog.btrim(s) = '' THEN RETURN NULL; END IF;
	v := pg_catalog.btrim(s)::float8;
	IF v = 'NaN'::float8 OR pg_catalog.abs(v) = 'Infinity'::float8 THEN RETURN NULL; END IF;
	RETURN v;
EXCEPTION WHEN others THEN
	RETURN NULL;
END $$;
COMMENT ON FUNCTION staging_float(text) IS 'a staged text as a finite float8, or NULL';

-- text -> first day of a month or NULL: accepts 2024-03, 2024-03-01, 2024/03.
CREATE FUNCTION staging_month(s text) RETURNS date LANGUAGE plpgsql IMMUTABLE PARALLEL SAFE
SET search_path = pg_catalog, pg_temp AS $$
DECLARE
	t text := pg_catalog.replace(pg_catalog.btrim(s), '/', '-');
	y int;
	m int;
BEGIN
	IF t IS NULL OR t !~ '^\d{4}-\d{1,2}(-\d{1,2})?$' THEN RETURN NULL; END IF;
	IF t ~ '^\d{4}-\d{1,2}$' THEN
		y := pg_catalog.split_part(t, '-', 1)::int;
		m := pg_catalog.split_part(t, '-', 2)::int;
		RETURN pg_catalog.make_date(y, m, 1);
	END IF;
	RETURN t::date;
EXCEPTION WHEN others THEN
	RETURN NULL;
END $$;
COMMENT ON FUNCTION staging_month(text) IS 'a staged month (2024-03, 2024-03-01, 2024/03) as a date, or NULL';

-- The staged rows in file order with their file line, the indicator and
-- unit they name, and the parsed month, value and growth.  An indicator is
-- named by its code or, failing that, by its id (a code equal to another
-- indicator's id means the indicator with that code).  A row's line is the
-- line after the previous row's last line: 1 + the newlines inside the
-- previous rows' fields, after the header's line.
CREATE FUNCTION staged_readings(header boolean DEFAULT true)
RETURNS TABLE (line bigint, indicator text, unit text, month text, value text, reported_growth text,
	source text, indicator_id int, unit_id text, m date, v float8, g float8)
LANGUAGE plpgsql STABLE
SET search_path = pg_catalog, scorecard, pg_temp AS $$
BEGIN
	PERFORM staging_table();
	RETURN QUERY
	WITH st AS (
		SELECT s.*, pg_catalog.concat(s.indicator, s.unit, s.month, s.value, s.reported_growth, s.source) AS raw
		FROM pg_temp.reading_staging s
	), n AS (
		SELECT st.*, 1 + pg_catalog.length(st.raw) - pg_catalog.length(pg_catalog.replace(st.raw, E'\n', '')) AS lines
		FROM st
	)
	SELECT (CASE WHEN header THEN 2 ELSE 1 END
	        + coalesce(pg_catalog.sum(n.lines) OVER (ORDER BY n.seq ROWS BETWEEN UNBOUNDED PRECEDING AND 1 PRECEDING), 0))::bigint,
	       n.indicator, n.unit, n.month, n.value, n.reported_growth, n.source,
	       coalesce(ic.indicator_id, ii.indicator_id), u.unit_id,
	       staging_month(n.month), staging_float(n.value), staging_float(n.reported_growth)
	FROM n
	LEFT JOIN indicator ic ON ic.code = pg_catalog.btrim(n.indicator)
	LEFT JOIN indicator ii ON ii.indicator_id::text = pg_catalog.btrim(n.indicator)
	LEFT JOIN unit u ON u.unit_id = pg_catalog.btrim(n.unit)
	ORDER BY n.seq;
END $$;
COMMENT ON FUNCTION staged_readings(boolean) IS 'the staged rows with file line, indicator (by code, else id), unit and parsed values';

-- The bad rows of the staging table: line (as in the file), the text of the
-- row and every reason it cannot load.  Empty when all rows are good.
CREATE FUNCTION check_readings(header boolean DEFAULT true)
RETURNS TABLE (line bigint, indicator text, unit text, month text, value text, reason text)
LANGUAGE sql STABLE
SET search_path = pg_catalog, scorecard, pg_temp AS $$
	WITH d AS (
		SELECT k.*, pg_catalog.min(k.line) OVER (PARTITION BY k.indicator_id, k.unit_id, k.m) AS first_line
		FROM staged_readings(header) k
	), r AS (
		SELECT d.line, d.indicator, d.unit, d.month, d.value, x.reason, x.ord
		FROM d, LATERAL (VALUES
			(1, CASE WHEN d.indicator IS NULL OR pg_catalog.btrim(d.indicator) = '' THEN 'indicator is missing'
			         WHEN d.indicator_id IS NULL THEN pg_catalog.format('unknown indicator "%s"', d.indicator) END),
			(2, CASE WHEN d.unit IS NULL OR pg_catalog.btrim(d.unit) = '' THEN 'unit is missing'
			         WHEN d.unit_id IS NULL THEN pg_catalog.format('unknown unit "%s"', d.unit)
			         WHEN pg_catalog.row_security_active('scorecard.reading'::pg_catalog.regclass)
			              AND d.unit_id NOT IN (SELECT visible_units())
			              THEN pg_catalog.format('unit "%s" is not one you may load (row-level security)', d.unit_id) END),
			(3, CASE WHEN d.month IS NULL OR pg_catalog.btrim(d.month) = '' THEN 'month is missing'
			         WHEN d.m IS NULL THEN pg_catalog.format('month "%s" is not a date (expected YYYY-MM or YYYY-MM-01)', d.month)
			         WHEN d.m <> pg_catalog.date_trunc('month', d.m::timestamp)::date
			              THEN pg_catalog.format('month "%s" is not the first day of a month', d.month)
			         WHEN d.m NOT BETWEEN '2000-01-01'::date AND '2100-12-01'::date
			              THEN pg_catalog.format('month "%s" is out of range', d.month) END),
			(4, CASE WHEN d.value IS NULL OR pg_catalog.btrim(d.value) = '' THEN 'value is missing'
			         WHEN d.v IS NULL THEN pg_catalog.format('value "%s" is not a finite number', d.value) END),
			(5, CASE WHEN d.reported_growth IS NOT NULL AND pg_catalog.btrim(d.reported_growth) <> ''
			              AND d.g IS NULL
			         THEN pg_catalog.format('reported growth "%s" is not a finite number', d.reported_growth) END),
			(6, CASE WHEN d.indicator_id IS NOT NULL AND d.unit_id IS NOT NULL AND d.m IS NOT NULL
			              AND d.line <> d.first_line
			         THEN pg_catalog.format('same indicator, unit and month as line %s', d.first_line) END)
		) AS x(ord, reason)
		WHERE x.reason IS NOT NULL
	)
	SELECT r.line, r.indicator, r.unit, r.month, r.value, pg_catalog.string_agg(r.reason, '; ' ORDER BY r.ord)
	FROM r GROUP BY r.line, r.indicator, r.unit, r.month, r.value
	ORDER BY r.line
$$;
COMMENT ON FUNCTION check_readings(boolean) IS 'bad rows of this session''s reading_staging with file line and reason; empty if all can load';

-- Load this session's staging table into reading: all rows or none.
-- Raises 22P02 with every bad row in the detail (and loads nothing) if any
-- row is bad; else inserts new readings (revision 1) and corrections (next
-- revision), skips rows equal to the revision in force, empties the staging
-- table and returns the counts.  Loads are serialised by a SHARE ROW
-- EXCLUSIVE lock on reading taken before the rows in force are read, so
-- under READ COMMITTED the comparison sees every load committed before;
-- under REPEATABLE READ or SERIALIZABLE the transaction's snapshot is older
-- than the lock, so the load refuses (0A000) rather than compare a
-- correction with stale rows.
CREATE FUNCTION load_readings(header boolean DEFAULT true, recorded_at timestamptz DEFAULT pg_catalog.now(),
		OUT inserted bigint, OUT revised bigint, OUT unchanged bigint)
LANGUAGE plpgsql VOLATILE
SET search_path = pg_catalog, scorecard, pg_temp AS $$
DECLARE
	bad text;
	nbad bigint;
BEGIN
	IF pg_catalog.current_setting('transaction_isolation') <> 'read committed' THEN
		RAISE EXCEPTION 'load_readings runs under READ COMMITTED only, not %',
			pg_catalog.upper(pg_catalog.current_setting('transaction_isolation'))
			USING ERRCODE = 'feature_not_supported',
			      DETAIL = 'This transaction''s snapshot predates the load''s lock: a correction would be compared with readings as they were, not as they are.',
			      HINT = 'Load in a READ COMMITTED transaction (the default); nothing was loaded.';
	END IF;
	SELECT pg_catalog.count(*), pg_catalog.string_agg(pg_catalog.format('line %s: %s', c.line, c.reason), E'\n' ORDER BY c.line)
	INTO nbad, bad
	FROM check_readings(header) c;
	IF nbad > 0 THEN
		RAISE EXCEPTION '% bad row(s) in reading_staging, nothing loaded', nbad
			USING ERRCODE = 'invalid_text_representation', DETAIL = bad,
			      HINT = 'Fix the rows (SELECT * FROM scorecard.check_readings() lists them) and load again.';
	END IF;

	-- Serialise loads (and exclude runs, which hold SHARE) so revisions stay
	-- consecutive; the statements below take their snapshots after it.
	LOCK TABLE reading IN SHARE ROW EXCLUSIVE MODE;
	WITH s AS (
		SELECT k.indicator_id, k.unit_id, k.m AS month, k.v AS value, k.g AS reported_growth,
		       nullif(pg_catalog.btrim(k.source), '') AS source
		FROM staged_readings(header) k
	), cur AS (
		SELECT DISTINCT ON (r.indicator_id, r.unit_id, r.month)
		       r.indicator_id, r.unit_id, r.month, r.value, r.reported_growth, r.revision
		FROM reading r
		JOIN (SELECT DISTINCT s.indicator_id, s.unit_id, s.month FROM s) k USING (indicator_id, unit_id, month)
		ORDER BY r.indicator_id, r.unit_id, r.month, r.revision DESC
	), j AS (
		SELECT s.*, cur.revision AS cur_revision,
		       cur.revision IS NOT NULL AND cur.value = s.value
		       AND cur.reported_growth IS NOT DISTINCT FROM s.reported_growth AS same
		FROM s LEFT JOIN cur USING (indicator_id, unit_id, month)
	), ins AS (
		INSERT INTO reading (indicator_id, unit_id, month, value, reported_growth, revision, recorded_at, source)
		SELECT j.indicator_id, j.unit_id, j.month, j.value, j.reported_growth,
		       coalesce(j.cur_revision, 0) + 1, load_readings.recorded_at, j.source
		FROM j WHERE NOT j.same
		RETURNING revision
	)
	SELECT pg_catalog.count(*) FILTER (WHERE revision = 1), pg_catalog.count(*) FILTER (WHERE revision > 1),
	       (SELECT pg_catalog.count(*) FROM j WHERE j.same)
	INTO inserted, revised, unchanged
	FROM ins;
	DELETE FROM pg_temp.reading_staging;
END $$;
COMMENT ON FUNCTION load_readings(boolean, timestamptz) IS 'load this session''s reading_staging into reading, all rows or none; corrections become new revisions; READ COMMITTED only';

-- The readings in force: the latest revision of each indicator x unit x
-- month recorded at or before recorded_as_of (NULL: the latest of all).
CREATE FUNCTION readings(recorded_as_of timestamptz DEFAULT NULL)
RETURNS SETOF reading LANGUAGE sql STABLE PARALLEL SAFE
SET search_path = pg_catalog, scorecard, pg_temp AS $$
	SELECT DISTINCT ON (r.indicator_id, r.unit_id, r.month) r.*
	FROM reading r
	WHERE recorded_as_of IS NULL OR r.recorded_at <= recorded_as_of
	ORDER BY r.indicator_id, r.unit_id, r.month, r.revision DESC
$$;
COMMENT ON FUNCTION readings(timestamptz) IS 'latest revision of each reading, as recorded at recorded_as_of (NULL: now)';

CREATE VIEW reading_current WITH (security_invoker = true) AS
	SELECT indicator_id, unit_id, month, value, reported_growth, revision, recorded_at, source
	FROM scorecard.readings(NULL::timestamptz);
COMMENT ON VIEW reading_current IS 'latest revision of each reading';

-- Views and set-returning functions over the reference schema, for analysts
-- and BI tools: every column is a standard type (targets shown as text).
-- The functions take the as-of date and, optionally, an as-recorded time
-- (NULL: the latest revision of every reading); the *_latest views call
-- them at the latest month with readings.

-- The month the readings reach (first day), or NULL when there are none.
CREATE FUNCTION latest_month(recorded_as_of timestamptz DEFAULT NULL) RETURNS date
LANGUAGE sql STABLE PARALLEL SAFE
SET search_path = pg_catalog, scorecard, pg_temp AS $$
	SELECT pg_catalog.max(month) FROM reading
	WHERE recorded_as_of IS NULL OR recorded_at <= recorded_as_of
$$;

-- The year-to-date state of every indicator x unit at an as-of date, from
-- the unit's own readings, or for an additive indicator of a unit without
-- readings of its own, the roll-up of its child units' states (the city
-- from its counties).  data_month: the latest month of the as-of year with a
-- reading at or before the as-of date (quarterly and annual indicators
-- report at quarter ends and in December); reported_growth: the growth
-- published with that reading.
CREATE FUNCTION indicator_state(as_of date, recorded_as_of timestamptz DEFAULT NULL)
RETURNS TABLE (indicator_id int, unit_id text, state ytd, data_month date,
	reported_growth float8, rolled_up boolean)
LANGUAGE sql STABLE PARALLEL SAFE
SET search_path = pg_catalog, scorecard, pg_temp AS $$
	WITH r AS (
		SELECT r.*, CASE WHEN i.nature = 'rate' THEN 'rate' ELSE i.reporting END AS kind,
		       i.additive
		FROM readings(recorded_as_of) r JOIN indicator i USING (indicator_id)
		WHERE r.month <= as_of
		  AND r.month >= make_date(extract(year FROM as_of)::int - 1, 1, 1)
	), own AS (
		SELECT r.indicator_id, r.unit_id, ytd_agg(r.month, r.value, r.kind) AS state,
		       max(r.month) FILTER (WHERE r.month >= pg_catalog.date_trunc('year', as_of::timestamp)) AS data_month,
		       bool_and(r.additive) AS additive
		FROM r GROUP BY r.indicator_id, r.unit_id
	), own_growth AS (
		SELECT o.indicator_id, o.unit_id, o.state, o.data_month, r.reported_growth, false AS rolled_up
		FROM own o
		LEFT JOIN r ON r.indicator_id = o.indicator_id AND r.unit_id = o.unit_id AND r.month = o.data_month
	), rolled AS (
		SELECT o.indicator_id, u.parent_id AS unit_id, rollup(o.state) AS state,
		       CASE WHEN count(o.data_month) = count(*) THEN min(o.data_month) END AS data_month,
		       NULL::float8 AS reported_growth, true AS rolled_up
		FROM own o JOIN unit u ON u.unit_id = o.unit_id AND u.kind <> 'department'
		WHERE o.additive AND u.parent_id IS NOT NULL
		  AND NOT EXISTS (SELECT 1 FROM own p WHERE p.indicator_id = o.indicator_id AND p.unit_id = u.parent_id)
		GROUP BY o.indicator_id, u.parent_id
	)
	SELECT * FROM own_growth
	UNION ALL
	SELECT * FROM rolled
$$;
COMMENT ON FUNCTION indicator_state(date, timestamptz) IS 'ytd state of each indicator x unit at as_of (own readings, or the roll-up of the child units)';

-- Progress of every target of the as-of year, per indicator x unit.
--   value: year-to-date value (flows) or level at the month (stocks, rates);
--   prior: the same a year before; computed_growth: % from the readings;
--   reported_growth: % the bureau published; growth: the one shown
--   (reported if published, else computed), growth_source says which;
--   change_pp: change of a rate in points; actual: what the target is
--   judged on; reference: the reference indicator's growth (relative
--   targets); met, gap, attainment, time_progress, schedule_gap (level
--   targets of flows), status (green/yellow/red; NULL without data), note.
-- Derived indicators (counties with GDP over a threshold) count the child
-- units whose last-twelve-month value exceeds it; task indicators count the
-- tasks linked to them completed by the as-of date.
CREATE FUNCTION progress(as_of date, recorded_as_of timestamptz DEFAULT NULL)
RETURNS TABLE (indicator_id int, code text, action_id int, indicator_zh text, indicator_en text,
	measure_unit text, nature text, unit_id text, unit_zh text, unit_kind text, year int,
	as_of date, data_month date, target text, weight float8, value float8, prior float8,
	computed_growth float8, reported_growth float8, growth float8, growth_source text,
	change_pp float8, actual float8, reference float8, met boolean, gap float8, attainment float8,
	time_progress float8, schedule_gap float8, status text, note text)
LANGUAGE sql STABLE PARALLEL SAFE
SET search_path = pg_catalog, scorecard, pg_temp AS $$
	WITH s AS (
		SELECT * FROM indicator_state(as_of, recorded_as_of)
	), base AS (
		SELECT t.indicator_id, t.unit_id, ev.unit_id AS eu, t.target, t.weight, t.reference_indicator_id,
		       i.nature, i.frequency, i.derived_from, i.derived_threshold,
		       s.state, s.data_month, s.reported_growth AS rep
		FROM plan_target t
		JOIN indicator i USING (indicator_id)
		JOIN unit tu ON tu.unit_id = t.unit_id
		-- a department's target is judged on the figure of the area it serves
		CROSS JOIN LATERAL (SELECT CASE WHEN tu.kind = 'department' THEN tu.parent_id
		                                ELSE tu.unit_id END AS unit_id) ev
		LEFT JOIN s ON s.indicator_id = t.indicator_id AND s.unit_id = ev.unit_id
		WHERE t.year = extract(year FROM as_of)::int
	), m AS (
		SELECT b.*,
		       CASE WHEN b.nature = 'flow' THEN ytd_value(b.state, b.data_month)
		            ELSE ytd_level(b.state, b.data_month) END AS v,
		       CASE WHEN b.nature = 'flow' THEN ytd_prior(b.state, b.data_month)
		            ELSE ytd_level(b.state, (b.data_month - interval '1 year')::date) END AS pv,
		       CASE b.nature WHEN 'flow' THEN ytd_growth(b.state, b.data_month)
		                     WHEN 'stock' THEN ytd_level_growth(b.state, b.data_month) END AS cg,
		       CASE WHEN b.nature = 'rate' THEN ytd_change(b.state, b.data_month) END AS ch
		FROM base b
	), d AS (
		-- derived: child units whose last twelve months exceed the threshold
		SELECT b.indicator_id, b.unit_id, min(s.data_month) AS data_month,
		       count(*) FILTER (WHERE ytd_value(s.state, s.data_month)
		                        + ytd_value(s.state, make_date(extract(year FROM s.data_month)::int - 1, 12, 1))
		                        - ytd_prior(s.state, s.data_month) > b.derived_threshold)::float8 AS v,
		       bool_and(ytd_value(s.state, s.data_month) IS NOT NULL AND ytd_prior(s.state, s.data_month) IS NOT NULL
		                AND ytd_value(s.state, make_date(extract(year FROM s.data_month)::int - 1, 12, 1)) IS NOT NULL) AS complete
		FROM base b
		JOIN unit c ON c.parent_id = b.eu AND c.kind <> 'department'
		JOIN s ON s.indicator_id = b.derived_from AND s.unit_id = c.unit_id
		WHERE b.derived_from IS NOT NULL
		GROUP BY b.indicator_id, b.unit_id
	), k AS (
		-- task indicators: tasks done by the as-of date
		SELECT b.indicator_id, b.unit_id,
		       count(*) FILTER (WHERE tk.status = 'done' AND tk.completed_on <= as_of)::float8 AS v
		FROM base b JOIN task tk ON tk.indicator_id = b.indicator_id AND tk.year = extract(year FROM as_of)::int
		WHERE b.nature = 'task'
		GROUP BY b.indicator_id, b.unit_id
	), a AS (
		SELECT m.*,
		       CASE WHEN m.derived_from IS NOT NULL THEN d.data_month
		            WHEN m.nature = 'task' THEN pg_catalog.date_trunc('month', as_of::timestamp)::date
		            ELSE m.data_month END AS dm,
		       CASE WHEN m.derived_from IS NOT NULL THEN CASE WHEN d.complete THEN d.v END
		            WHEN m.nature = 'task' THEN coalesce(k.v, 0)
		            ELSE m.v END AS val,
		       coalesce(m.rep, m.cg) AS gr,
		       CASE WHEN m.rep IS NOT NULL THEN 'reported' WHEN m.cg IS NOT NULL THEN 'computed' END AS gsrc
		FROM m
		LEFT JOIN d ON d.indicator_id = m.indicator_id AND d.unit_id = m.unit_id
		LEFT JOIN k ON k.indicator_id = m.indicator_id AND k.unit_id = m.unit_id
	), e AS (
		SELECT a.*,
		       CASE target_measure(a.target)
		            WHEN 'growth' THEN a.gr
		            WHEN 'change' THEN a.ch
		            ELSE a.val END AS act,
		       (SELECT coalesce(rs.reported_growth,
		                        CASE WHEN ri.nature = 'flow' THEN ytd_growth(rs.state, rs.data_month)
		                             ELSE ytd_level_growth(rs.state, rs.data_month) END)
		        FROM s rs JOIN indicator ri ON ri.indicator_id = rs.indicator_id
		        WHERE rs.indicator_id = a.reference_indicator_id AND rs.unit_id = a.eu) AS ref
		FROM a
	)
	SELECT e.indicator_id, i.code, i.action_id, i.name_zh, i.name_en, i.measure_unit, i.nature,
	       e.unit_id, u.name_zh, u.kind, extract(year FROM as_of)::int, as_of, e.dm,
	       e.target::text, e.weight, e.val, e.pv, e.cg, e.rep, e.gr, e.gsrc, e.ch, e.act, e.ref,
	       CASE WHEN target_is_relative(e.target) THEN target_met(e.target, e.act, e.ref)
	            ELSE target_met(e.target, e.act) END,
	       CASE WHEN target_is_relative(e.target) THEN target_gap(e.target, e.act, e.ref)
	            ELSE target_gap(e.target, e.act) END,
	       CASE WHEN target_is_relative(e.target) THEN target_attainment(e.target, e.act, e.ref)
	            ELSE target_attainment(e.target, e.act) END,
	       time_progress(coalesce(e.dm, as_of)),
	       CASE WHEN e.nature IN ('flow', 'task') AND e.frequency <> 'annual'
	            THEN target_schedule_gap(e.target, e.act, e.dm) END,
	       target_status(e.target, e.act, e.dm, flow => e.nature IN ('flow', 'task') AND e.frequency <> 'annual',
	                     reference => e.ref),
	       CASE WHEN e.dm IS NULL AND i.jan_feb_combined AND extract(month FROM as_of)::int = 1
	            THEN 'January is reported with February (1-2月)'
	            WHEN e.dm IS NULL THEN format('no reading in %s yet', extract(year FROM as_of))
	            WHEN e.act IS NULL AND e.derived_from IS NOT NULL THEN 'a unit''s figures are incomplete'
	            WHEN e.act IS NULL AND e.state IS NOT NULL THEN
	                 'missing months: ' || coalesce(array_to_string(
	                     ytd_missing(e.state, e.dm, CASE WHEN e.nature = 'flow' THEN 'value' ELSE 'level' END), ', '), '')
	            WHEN e.act IS NULL THEN 'no comparable figure'
	            WHEN target_is_relative(e.target) AND e.ref IS NULL THEN 'reference indicator has no figure'
	       END
	FROM e
	JOIN indicator i ON i.indicator_id = e.indicator_id
	JOIN unit u ON u.unit_id = e.unit_id
	ORDER BY u.sort_order, e.unit_id, e.indicator_id
$$;
COMMENT ON FUNCTION progress(date, timestamptz) IS 'progress of every target of the as-of year per indicator x unit (ytd value and growth, target, met, gap, attainment, time progress, status)';

-- The city's progress: the same rows for the city (its own readings, or the
-- roll-up of its counties), with the action's name.
CREATE FUNCTION progress_city(as_of date, recorded_as_of timestamptz DEFAULT NULL)
RETURNS TABLE (indicator_id int, action_id int, action_zh text, indicator_zh text, indicator_en text,
	measure_unit text, data_month date, target text, value float8, growth float8,
	growth_source text, actual float8, reference float8, met boolean, gap float8,
	attainment float8, time_progress float8, schedule_gap float8, status text, note text)
LANGUAGE sql STABLE PARALLEL SAFE
SET search_path = pg_catalog, scorecard, pg_temp AS $$
	SELECT p.indicator_id, p.action_id, a.name_zh, p.indicator_zh, p.indicator_en, p.measure_unit,
	       p.data_month, p.target, p.value, p.growth, p.growth_source, p.actual, p.reference,
	       p.met, p.gap, p.attainment, p.time_progress, p.schedule_gap, p.status, p.note
	FROM progress(as_of, recorded_as_of) p
	LEFT JOIN action a ON a.action_id = p.action_id
	WHERE p.unit_kind = 'city'
	ORDER BY p.indicator_id
$$;
COMMENT ON FUNCTION progress_city(date, timestamptz) IS 'progress of the city''s targets (the city''s readings or the roll-up of its counties)';

-- Task lists against time progress: investment completion (completed /
-- planned) against the share of the task's span (start to due date)
-- elapsed at the as-of date, and overdue tasks (due before the as-of date
-- and not done).  Investment figures are the task list's current ones.
CREATE FUNCTION task_progress(as_of date)
RETURNS TABLE (task_id text, action_id int, action_zh text, kind text, name_zh text,
	responsible_unit_id text, responsible_unit_zh text, lead_person text, section text,
	due_date date, status text, completed_on date, planned_investment numeric,
	completed_investment numeric, investment_completion numeric, time_progress numeric,
	ahead_of_schedule numeric, overdue boolean, days_overdue int)
LANGUAGE sql STABLE PARALLEL SAFE
SET search_path = pg_catalog, scorecard, pg_temp AS $$
	SELECT t.task_id, t.action_id, a.name_zh, t.kind, t.name_zh, t.responsible_unit_id, u.name_zh,
	       t.lead_person, t.section, t.due_date, t.status, t.completed_on,
	       t.planned_investment, t.completed_investment,
	       round(t.completed_investment / nullif(t.planned_investment, 0), 4),
	       tp.p,
	       round(t.completed_investment / nullif(t.planned_investment, 0), 4) - tp.p,
	       t.status <> 'done' AND t.due_date < as_of,
	       CASE WHEN t.status <> 'done' AND t.due_date < as_of THEN as_of - t.due_date END
	FROM task t
	JOIN action a ON a.action_id = t.action_id
	JOIN unit u ON u.unit_id = t.responsible_unit_id
	CROSS JOIN LATERAL (
		SELECT round(least(1, greatest(0,
			(as_of - coalesce(t.start_date, make_date(t.year, 1, 1)) + 1)::numeric
			/ nullif(t.due_date - coalesce(t.start_date, make_date(t.year, 1, 1)) + 1, 0))), 4) AS p
	) tp
	ORDER BY t.action_id, t.task_id
$$;
COMMENT ON FUNCTION task_progress(date) IS 'tasks with investment completion against time progress, and overdue flags';

-- Units are ranked among their peers: the county-level units (districts,
-- county-level cities, counties), the departments, the city.
CREATE FUNCTION unit_peer_group(kind text) RETURNS text
LANGUAGE sql IMMUTABLE PARALLEL SAFE AS $$
	SELECT CASE WHEN kind IN ('district', 'county_city', 'county') THEN 'county' ELSE kind END
$$;

-- Points per indicator for every unit with weighted targets.  ratio:
-- score_ratio (weight x attainment within [floor, cap]; where attainment is
-- undefined, e.g. a growth of the wrong sign, the floor); threshold: full
-- weight if met, floor x weight if not; efficacy: score_efficacy with
-- {satisfactory, disallowed}; banded: score_banded with five standards;
-- rank: score_rank among the units of the peer group with a figure.  No figure: NULL points,
-- the item not applicable (its weight is redistributed by assess()).
CREATE FUNCTION unit_scores(as_of date, recorded_as_of timestamptz DEFAULT NULL)
RETURNS TABLE (unit_id text, unit_zh text, indicator_id int, indicator_zh text, target text,
	scoring text, weight float8, actual float8, reference float8, met boolean,
	attainment float8, points float8)
LANGUAGE sql STABLE PARALLEL SAFE
SET search_path = pg_catalog, scorecard, pg_temp AS $$
	WITH p AS (
		SELECT p.*, t.target AS tgt, t.scoring, t.score_floor, t.score_cap, t.score_params,
		       i.higher_is_better, unit_peer_group(p.unit_kind) AS peers
		FROM progress(as_of, recorded_as_of) p
		JOIN plan_target t ON t.indicator_id = p.indicator_id AND t.unit_id = p.unit_id AND t.year = p.year
		JOIN indicator i ON i.indicator_id = p.indicator_id
		WHERE t.weight > 0
	), r AS (
		SELECT p.*,
		       rank() OVER (PARTITION BY p.indicator_id, p.peers ORDER BY
		                    CASE WHEN p.higher_is_better THEN -p.actual ELSE p.actual END) AS rk,
		       count(p.actual) OVER (PARTITION BY p.indicator_id, p.peers) AS n
		FROM p
	)
	SELECT r.unit_id, r.unit_zh, r.indicator_id, r.indicator_zh, r.target, r.scoring, r.weight,
	       r.actual, r.reference, r.met, r.attainment,
	       CASE WHEN r.actual IS NULL OR (target_is_relative(r.tgt) AND r.reference IS NULL) THEN NULL
	            WHEN r.scoring = 'threshold' OR (r.scoring = 'ratio' AND target_is_relative(r.tgt))
	                 THEN CASE WHEN r.met THEN r.weight ELSE r.score_floor * r.weight END
	            WHEN r.scoring = 'ratio'
	                 THEN coalesce(score_ratio(r.tgt, r.actual, r.weight, r.score_floor, r.score_cap),
	                               r.score_floor * r.weight)
	            WHEN r.scoring = 'efficacy'
	                 THEN score_efficacy(r.actual, r.score_params[1], r.score_params[2], r.weight)
	            WHEN r.scoring = 'banded'
	                 THEN score_banded(r.actual, r.score_params, r.weight)
	            WHEN r.scoring = 'rank'
	                 THEN score_rank(r.rk, r.n, r.weight, r.score_floor)
	       END
	FROM r
	ORDER BY r.unit_id, r.indicator_id
$$;
COMMENT ON FUNCTION unit_scores(date, timestamptz) IS 'assessment points per unit x indicator by each target''s scoring method';

-- Assessment per unit: points, weights, total, normalised score (100 x
-- points / applicable weight), grade (优秀 >= 90, 良好 >= 80, 合格 >= 60,
-- 不合格) and rank among the units of its peer group.
CREATE FUNCTION unit_assessment(as_of date, recorded_as_of timestamptz DEFAULT NULL)
RETURNS TABLE (unit_id text, unit_zh text, unit_kind text, peer_group text, items bigint, applicable bigint,
	weight float8, applicable_weight float8, total float8, score float8, grade text, rank bigint)
LANGUAGE sql STABLE PARALLEL SAFE
SET search_path = pg_catalog, scorecard, pg_temp AS $$
	WITH a AS (
		SELECT s.unit_id, assess(s.points, s.weight) AS a, count(*) AS items
		FROM unit_scores(as_of, recorded_as_of) s
		GROUP BY s.unit_id
	)
	SELECT a.unit_id, u.name_zh, u.kind, unit_peer_group(u.kind), a.items, assessment_applicable(a.a),
	       assessment_weight_all(a.a), assessment_weight(a.a),
	       assessment_total(a.a), assessment_score(a.a), assessment_grade(a.a),
	       rank() OVER (PARTITION BY unit_peer_group(u.kind) ORDER BY assessment_score(a.a) DESC NULLS LAST)
	FROM a JOIN unit u USING (unit_id)
	ORDER BY unit_peer_group(u.kind) = 'department', 12, u.sort_order
$$;
COMMENT ON FUNCTION unit_assessment(date, timestamptz) IS 'weighted assessment per unit: total, normalised score, grade, rank';

-- Views at the latest month with readings, for BI tools.  Every view runs
-- with the rights of the role that queries it (security_invoker), so
-- row-level security applies through it as through the tables.
CREATE VIEW progress_latest WITH (security_invoker = true) AS
	SELECT * FROM scorecard.progress(scorecard.latest_month());
CREATE VIEW progress_city_latest WITH (security_invoker = true) AS
	SELECT * FROM scorecard.progress_city(scorecard.latest_month());
CREATE VIEW task_progress_current WITH (security_invoker = true) AS
	SELECT * FROM scorecard.task_progress(current_date);
CREATE VIEW unit_scores_latest WITH (security_invoker = true) AS
	SELECT * FROM scorecard.unit_scores(scorecard.latest_month());
CREATE VIEW unit_assessment_latest WITH (security_invoker = true) AS
	SELECT * FROM scorecard.unit_assessment(scorecard.latest_month());
COMMENT ON VIEW progress_latest IS 'progress(latest_month()): every target''s progress at the latest month with readings';
COMMENT ON VIEW progress_city_latest IS 'progress_city(latest_month()): the city''s targets at the latest month with readings';
COMMENT ON VIEW task_progress_current IS 'task_progress(current_date): tasks against time progress today';
COMMENT ON VIEW unit_scores_latest IS 'unit_scores(latest_month()): points per unit x indicator at the latest month with readings';
COMMENT ON VIEW unit_assessment_latest IS 'unit_assessment(latest_month()): assessment per unit at the latest month with readings';
-- Scheduled assessment runs: run_assessment(year, as_of) materialises the
-- assessment (per unit and per unit x indicator) and the progress report at
-- one as-of date into result tables, with a record of when it ran and on
-- which data.  Running it again for the same year and as-of date replaces
-- that run.  Runs never overlap: the procedure holds a transaction-level
-- advisory lock (key pair 20241 / 1, see run_assessment_lock_key) and
-- refuses to start while another run holds it.

CREATE TABLE assessment_run (
	run_id bigserial PRIMARY KEY,
	year int NOT NULL,
	as_of date NOT NULL,
	recorded_as_of timestamptz,
	data_recorded_through timestamptz,
	readings_used bigint NOT NULL,
	readings_digest text NOT NULL,
	started_at timestamptz NOT NULL,
	finished_at timestamptz,
	run_by text NOT NULL DEFAULT current_user,
	CONSTRAINT assessment_run_once_per_year_and_as_of UNIQUE (year, as_of),
	CONSTRAINT assessment_run_as_of_in_year CHECK (extract(year FROM as_of) OPERATOR(pg_catalog.=) year)
);
COMMENT ON TABLE assessment_run IS 'one row per assessment run: year, as-of date, data used (count, digest, latest recorded time), when';

CREATE TABLE assessment_run_unit (
	run_id bigint NOT NULL REFERENCES assessment_run ON DELETE CASCADE,
	unit_id text NOT NULL REFERENCES unit,
	peer_group text NOT NULL,
	items bigint NOT NULL,
	applicable bigint,
	weight float8,
	applicable_weight float8,
	total float8,
	score float8,
	grade text,
	rank bigint,
	PRIMARY KEY (run_id, unit_id)
);
COMMENT ON TABLE assessment_run_unit IS 'assessment per unit of a run: total, normalised score, grade, rank';

CREATE TABLE assessment_run_item (
	run_id bigint NOT NULL REFERENCES assessment_run ON DELETE CASCADE,
	unit_id text NOT NULL REFERENCES unit,
	indicator_id int NOT NULL REFERENCES indicator,
	target text NOT NULL,
	scoring text NOT NULL,
	weight float8 NOT NULL,
	actual float8,
	reference float8,
	met boolean,
	attainment float8,
	points float8,
	PRIMARY KEY (run_id, unit_id, indicator_id)
);
COMMENT ON TABLE assessment_run_item IS 'points per unit x indicator of a run';

CREATE TABLE assessment_run_progress (
	run_id bigint NOT NULL REFERENCES assessment_run ON DELETE CASCADE,
	unit_id text NOT NULL REFERENCES unit,
	indicator_id int NOT NULL REFERENCES indicator,
	data_month date,
	target text NOT NULL,
	value float8,
	growth float8,
	growth_source text,
	actual float8,
	met boolean,
	gap float8,
	attainment float8,
	time_progress float8,
	status text,
	PRIMARY KEY (run_id, unit_id, indicator_id)
);
COMMENT ON TABLE assessment_run_progress IS 'the progress report of a run, per indicator x unit';

SELECT pg_catalog.pg_extension_config_dump('scorecard.assessment_run', '');
SELECT pg_catalog.pg_extension_config_dump('scorecard.assessment_run_run_id_seq', '');
SELECT pg_catalog.pg_extension_config_dump('scorecard.assessment_run_unit', '');
SELECT pg_catalog.pg_extension_config_dump('scorecard.assessment_run_item', '');
SELECT pg_catalog.pg_extension_config_dump('scorecard.assessment_run_progress', '');

-- The run lock: run_assessment locks this table in EXCLUSIVE mode.  LOCK
-- TABLE in that mode needs UPDATE, DELETE or TRUNCATE on it, so granting
-- UPDATE on it is what makes a role able to run (and so to block) runs.
CREATE TABLE assessment_run_lock ();
COMMENT ON TABLE assessment_run_lock IS 'run_assessment holds an EXCLUSIVE lock on it; UPDATE on it is the right to run assessments (and hold one off)';

-- The plan's tables in SHARE mode for the rest of the transaction, for a
-- run that holds the run lock (and only then: it checks pg_locks).  SHARE
-- needs UPDATE on each table; a run needs only SELECT on them, so this
-- takes the locks with its owner's rights.  It reads nothing and returns
-- nothing.
CREATE FUNCTION lock_for_run() RETURNS void LANGUAGE plpgsql VOLATILE SECURITY DEFINER
SET search_path = pg_catalog, pg_temp AS $$
BEGIN
	IF NOT EXISTS (
		SELECT 1 FROM pg_catalog.pg_locks l
		WHERE l.locktype OPERATOR(pg_catalog.=) 'relation'
		  AND l.relation OPERATOR(pg_catalog.=) 'scorecard.assessment_run_lock'::pg_catalog.regclass
		  AND l.pid OPERATOR(pg_catalog.=) pg_catalog.pg_backend_pid()
		  AND l.mode OPERATOR(pg_catalog.=) 'ExclusiveLock' AND l.granted)
	THEN
		RAISE EXCEPTION 'lock_for_run: this transaction does not hold the run lock'
			USING ERRCODE = 'insufficient_privilege',
			      HINT = 'Only run_assessment calls it, after LOCK TABLE scorecard.assessment_run_lock IN EXCLUSIVE MODE.';
	END IF;
	LOCK TABLE scorecard.reading, scorecard.plan_target, scorecard.indicator, scorecard.unit,
		scorecard.task, scorecard.action IN SHARE MODE;
END $$;
COMMENT ON FUNCTION lock_for_run() IS 'for run_assessment: lock the plan''s tables in SHARE mode once the run lock is held';

CREATE PROCEDURE run_assessment(year int, as_of date DEFAULT NULL,
		recorded_as_of timestamptz DEFAULT NULL)
LANGUAGE plpgsql
SET search_path = pg_catalog, scorecard, pg_temp AS $$
DECLARE
	d date;
	rid bigint;
	n bigint;
	digest text;
	through timestamptz;
BEGIN
	IF year IS NULL OR year NOT BETWEEN 2000 AND 2100 THEN
		RAISE EXCEPTION 'run_assessment: year % is out of range', year
			USING ERRCODE = 'invalid_parameter_value';
	END IF;
	IF as_of IS NOT NULL AND extract(year FROM as_of)::int <> year THEN
		RAISE EXCEPTION 'run_assessment: as-of date % is not in year %', as_of, year
			USING ERRCODE = 'invalid_parameter_value';
	END IF;
	BEGIN
		LOCK TABLE assessment_run_lock IN EXCLUSIVE MODE NOWAIT;
	EXCEPTION WHEN lock_not_available THEN
		RAISE EXCEPTION 'run_assessment: another run is in progress'
			USING ERRCODE = 'lock_not_available',
			      HINT = 'Runs never overlap; try again when it has finished.';
	END;
	-- A run made by a role that sees only some units would store figures
	-- of those units alone as the assessment of all.
	IF pg_catalog.row_security_active('scorecard.reading'::pg_catalog.regclass)
	   AND EXISTS (SELECT 1 FROM unit u WHERE u.unit_id NOT IN (SELECT visible_units())) THEN
		RAISE EXCEPTION 'run_assessment: role % does not see every unit''s readings', current_user
			USING ERRCODE = 'insufficient_privilege',
			      DETAIL = 'Row-level security limits it to some units; a run assesses all of them.',
			      HINT = 'Run assessments as a role with access to the city (scorecard.grant_unit_access(role, city)).';
	END IF;
	PERFORM lock_for_run();

	-- From here on no write to the plan's tables commits until the run does.
	-- Default as-of date: the end of the latest month with readings in the year.
	d := coalesce(as_of, (
		SELECT (pg_catalog.max(r.month) + '1 month - 1 day'::interval)::date
		FROM readings(recorded_as_of) r
		WHERE r.month >= pg_catalog.make_date(year, 1, 1) AND r.month < pg_catalog.make_date(year + 1, 1, 1)));
	IF d IS NULL THEN
		RAISE EXCEPTION 'run_assessment: no readings in % to assess', year
			USING ERRCODE = 'no_data_found';
	END IF;

	SELECT pg_catalog.count(*),
	       pg_catalog.md5(coalesce(pg_catalog.string_agg(pg_catalog.format('%s|%s|%s|%s|%s', r.indicator_id, r.unit_id,
	           r.month, r.revision, r.value), ',' ORDER BY r.indicator_id, r.unit_id, r.month), '')),
	       pg_catalog.max(r.recorded_at)
	INTO n, digest, through
	FROM readings(recorded_as_of) r
	WHERE r.month <= d AND r.month >= pg_catalog.make_date(year - 1, 1, 1);

	DELETE FROM assessment_run ar WHERE ar.year = run_assessment.year AND ar.as_of = d;
	INSERT INTO assessment_run (year, as_of, recorded_as_of, data_recorded_through, readings_used,
		readings_digest, started_at)
	VALUES (year, d, recorded_as_of, through, n, digest, pg_catalog.clock_timestamp())
	RETURNING run_id INTO rid;

	INSERT INTO assessment_run_item
	SELECT rid, s.unit_id, s.indicator_id, s.target, s.scoring, s.weight, s.actual, s.reference,
	       s.met, s.attainment, s.points
	FROM unit_scores(d, recorded_as_of) s;

	INSERT INTO assessment_run_unit
	SELECT rid, a.unit_id, a.peer_group, a.items, a.applicable, a.weight, a.applicable_weight, a.total, a.score,
	       a.grade, a.rank
	FROM unit_assessment(d, recorded_as_of) a;

	INSERT INTO assessment_run_progress
	SELECT rid, p.unit_id, p.indicator_id, p.data_month, p.target, p.value, p.growth, p.growth_source,
	       p.actual, p.met, p.gap, p.attainment, p.time_progress, p.status
	FROM progress(d, recorded_as_of) p;

	UPDATE assessment_run SET finished_at = pg_catalog.clock_timestamp() WHERE run_id = rid;
END $$;
COMMENT ON PROCEDURE run_assessment(int, date, timestamptz) IS 'materialise the assessment and progress of a year at an as-of date (default: the end of the latest month with readings in that year) from one consistent state of the data; replaces an earlier run of the same as-of; never overlaps with itself';

-- Runs with their ranking, for BI tools.
CREATE VIEW assessment_run_ranking WITH (security_invoker = true) AS
	SELECT r.run_id, r.year, r.as_of, r.finished_at, u.unit_id, un.name_zh AS unit_zh,
	       u.peer_group, u.total, u.score, u.grade, u.rank
	FROM assessment_run r
	JOIN assessment_run_unit u USING (run_id)
	JOIN unit un USING (unit_id);
COMMENT ON VIEW assessment_run_ranking IS 'each run''s units with total, score, grade and rank within the peer group';
-- The plan model's functions pin their search_path: pg_catalog first, then
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
		JOIN pg_catalog.pg_extension e ON e.oid = d.refobjid AND e.extname = 'scorecard_plan'
		WHERE p.proconfig IS NOT NULL
	LOOP
		EXECUTE pg_catalog.format('ALTER ROUTINE %s SET search_path = pg_catalog, scorecard, %s, pg_temp',
			f, types_schema);
	END LOOP;
END $$;
