-- scorecard_plan 0.1.0 -> 0.2.0: the plan model's objects as scorecard 0.1.0
-- left them become what CREATE EXTENSION scorecard_plan 0.2.0 creates
-- (test/suites/upgrade.sh compares the result with a fresh install, object
-- by object).  This file is the hand-written part: the changes to tables
-- and rows, every stored row kept.  The Makefile builds the update script
-- around it (README "Versions and upgrades"): before it, the install guard
-- (plan/10_guard.sql) and the dropping of every view, function, procedure,
-- composite type and trigger of the extension (scripts/update_drop.sql);
-- after it, those objects, comments, grants, indexes and new tables
-- created from the install parts plan/*.sql (scripts/update_parts.awk).
\echo Use "ALTER EXTENSION scorecard_plan UPDATE TO '0.2.0'" to load this file. \quit

-- from plan/10_guard.sql
DO $guard$
DECLARE
	plan_nsp oid := (SELECT n.oid FROM pg_catalog.pg_namespace n WHERE n.nspname OPERATOR(pg_catalog.=) 'scorecard');
	types_nsp oid := (SELECT e.extnamespace FROM pg_catalog.pg_extension e
	                  WHERE e.extname OPERATOR(pg_catalog.=) 'scorecard');
	-- An update (ALTER EXTENSION scorecard_plan UPDATE runs this guard
	-- first) finds the extension's own objects in schema scorecard.
	updating boolean := EXISTS (
		SELECT 1 FROM pg_catalog.pg_depend d
		JOIN pg_catalog.pg_extension e ON e.oid OPERATOR(pg_catalog.=) d.refobjid
		WHERE d.refclassid OPERATOR(pg_catalog.=) 'pg_catalog.pg_extension'::pg_catalog.regclass
		  AND d.deptype OPERATOR(pg_catalog.=) 'e' AND e.extname OPERATOR(pg_catalog.=) 'scorecard_plan');
	nsp oid;
	who text;
	objs text;
BEGIN
	-- Objects already in scorecard (at an install nothing of this
	-- extension exists yet).  When scorecard itself was installed there, or
	-- at an update, the extensions' own (superuser-owned) objects are
	-- expected; anything owned by another role is not.
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
	WHERE (plan_nsp OPERATOR(pg_catalog.<>) types_nsp AND NOT updating)
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

-- (scripts/update_drop.sql) Drop the plan model's stateless objects: its
-- views, functions, procedures, standalone composite types and the
-- triggers that run its functions.  The install parts re-create them at
-- the end of this script exactly as a fresh install does.  Nothing is
-- dropped with CASCADE: an object that something outside this set depends
-- on (a policy of enable_unit_security(), a user's view or function) is
-- kept and replaced in place (CREATE OR REPLACE).  The privileges of the
-- objects that had any granted or revoked (a BI role's SELECT on a view)
-- are kept for scripts/update_acl.sql, which restores them at the end.
DO $drop$
DECLARE
	ext oid := (SELECT e.oid FROM pg_catalog.pg_extension e WHERE e.extname OPERATOR(pg_catalog.=) 'scorecard_plan');
	objs jsonb;
	todo text[];
	kept text[];
	stmt text;
	dropped boolean;
BEGIN
	-- triggers on any table whose function is the extension's
	FOR stmt IN
		SELECT pg_catalog.format('DROP TRIGGER %I ON %s', t.tgname, t.tgrelid::pg_catalog.regclass)
		FROM pg_catalog.pg_trigger t
		JOIN pg_catalog.pg_depend d ON d.classid OPERATOR(pg_catalog.=) 'pg_catalog.pg_proc'::pg_catalog.regclass
			AND d.objid OPERATOR(pg_catalog.=) t.tgfoid AND d.deptype OPERATOR(pg_catalog.=) 'e'
			AND d.refobjid OPERATOR(pg_catalog.=) ext
		WHERE NOT t.tgisinternal
	LOOP
		EXECUTE stmt;
	END LOOP;
	-- views, routines, composite types: what drops them, their privileges
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
		UNION ALL
		SELECT 3, pg_catalog.format('DROP TYPE %s', t.oid::pg_catalog.regtype),
		       'TYPE', t.oid::pg_catalog.regtype::text, t.typacl
		FROM pg_catalog.pg_type t
		JOIN pg_catalog.pg_class c ON c.oid OPERATOR(pg_catalog.=) t.typrelid
		JOIN pg_catalog.pg_depend d ON d.classid OPERATOR(pg_catalog.=) 'pg_catalog.pg_type'::pg_catalog.regclass
			AND d.objid OPERATOR(pg_catalog.=) t.oid
		WHERE d.deptype OPERATOR(pg_catalog.=) 'e' AND d.refobjid OPERATOR(pg_catalog.=) ext
			AND c.relkind OPERATOR(pg_catalog.=) 'c'
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

-- Hand-written part: tables and rows.

-- New tables come from the install parts (unit_access, the run lock), but
-- unit_kind is needed here already: unit kinds became data (a table with
-- the predefined kinds); unit.kind refers to it instead of a fixed list,
-- and a top unit need not be a city.
CREATE TABLE unit_kind (
	kind text PRIMARY KEY,
	level int,
	peer_group text NOT NULL,
	is_department boolean NOT NULL DEFAULT false,
	name_zh text NOT NULL DEFAULT '',
	name_en text NOT NULL DEFAULT '',
	predefined boolean NOT NULL DEFAULT false,
	CONSTRAINT unit_kind_level_only_for_areas CHECK (is_department = (level IS NULL)),
	CONSTRAINT unit_kind_level_is_positive CHECK (level >= 1)
);
INSERT INTO unit_kind (kind, level, peer_group, is_department, name_zh, name_en, predefined) VALUES
	('nation', 1, 'nation', false, '国家', 'nation', true),
	('province', 2, 'province', false, '省', 'province', true),
	('city', 3, 'city', false, '市', 'prefecture-level city', true),
	('district', 4, 'county', false, '区', 'district', true),
	('county_city', 4, 'county', false, '县级市', 'county-level city', true),
	('county', 4, 'county', false, '县', 'county', true),
	('township', 5, 'township', false, '乡镇', 'township', true),
	('department', NULL, 'department', true, '部门', 'department', true);
-- (0.1.0 allowed only city, district, county_city, county and department.)
ALTER TABLE unit
	DROP CONSTRAINT unit_kind_is_known,
	DROP CONSTRAINT unit_city_has_no_parent,
	ADD CONSTRAINT unit_kind_is_known FOREIGN KEY (kind) REFERENCES unit_kind (kind);

-- A target is judged on the unit's own figure (as in 0.1.0) or its area's.
ALTER TABLE plan_target
	ADD COLUMN judged_on text NOT NULL DEFAULT 'own',
	ADD CONSTRAINT plan_target_judged_on_own_or_area CHECK (judged_on IN ('own', 'area'));

-- The month check compares dates as timestamps without time zone (0.1.0
-- went through timestamptz, so through the session's time zone).
ALTER TABLE reading
	DROP CONSTRAINT reading_month_is_first_day,
	ADD CONSTRAINT reading_month_is_first_day CHECK (month = pg_catalog.date_trunc('month', month::timestamp)::date);

-- Staging is per session now (begin_load() makes a temporary table): the
-- shared staging table goes, with any rows staged and never loaded.
DROP TABLE reading_staging;

-- Published precision: an indicator's decimals and growth decimals (NULL
-- and 1, what a new indicator gets).
ALTER TABLE indicator
	ADD COLUMN decimals int,
	ADD COLUMN growth_decimals int NOT NULL DEFAULT 1,
	ADD CONSTRAINT indicator_id_and_nature_are_unique UNIQUE (indicator_id, nature),
	ADD CONSTRAINT indicator_decimals_between_0_and_15 CHECK (decimals BETWEEN 0 AND 15),
	ADD CONSTRAINT indicator_growth_decimals_between_0_and_15 CHECK (growth_decimals BETWEEN 0 AND 15);

-- A target's measure must fit its indicator's nature: the nature is kept
-- on the target (filled in from the indicator) and checked; a 0.1.0 target
-- that does not fit stops the update (22023 from target_check_fits, naming
-- the measures that fit).
ALTER TABLE plan_target ADD COLUMN indicator_nature text;
UPDATE plan_target t SET indicator_nature = i.nature FROM indicator i WHERE i.indicator_id = t.indicator_id;
ALTER TABLE plan_target
	ALTER COLUMN indicator_nature SET NOT NULL,
	ADD CONSTRAINT plan_target_nature_is_the_indicators FOREIGN KEY (indicator_id, indicator_nature)
		REFERENCES indicator (indicator_id, nature) ON UPDATE CASCADE,
	ADD CONSTRAINT plan_target_measure_fits_indicator CHECK (target_check_fits(target, indicator_nature));

-- How a run scored the level targets of flows: 0.1.0's runs scored them
-- against the whole year's target (full_year); new runs default to the
-- time-prorated target.
ALTER TABLE assessment_run
	ADD COLUMN level_targets text NOT NULL DEFAULT 'full_year',
	ADD CONSTRAINT assessment_run_level_targets_prorated_or_full_year CHECK (level_targets IN ('prorated', 'full_year'));
ALTER TABLE assessment_run ALTER COLUMN level_targets SET DEFAULT 'prorated';

-- from plan/50_schema.sql
DO $update$ BEGIN IF pg_catalog.to_regclass(pg_catalog.quote_ident(pg_catalog.current_schema()) OPERATOR(pg_catalog.||) '.action') IS NULL
THEN EXECUTE $ddl$CREATE TABLE action (
	action_id int PRIMARY KEY,
	name_zh text NOT NULL,
	name_en text NOT NULL,
	lead_unit_id text,
	CONSTRAINT action_id_is_positive CHECK (action_id > 0)
)$ddl$;
END IF; END $update$;  -- new only
COMMENT ON TABLE action IS 'actions of the plan (八大行动)';
DO $update$ BEGIN IF pg_catalog.to_regclass(pg_catalog.quote_ident(pg_catalog.current_schema()) OPERATOR(pg_catalog.||) '.unit_kind') IS NULL
THEN EXECUTE $ddl$CREATE TABLE unit_kind (
	kind text PRIMARY KEY,
	level int,
	peer_group text NOT NULL,
	is_department boolean NOT NULL DEFAULT false,
	name_zh text NOT NULL DEFAULT '',
	name_en text NOT NULL DEFAULT '',
	predefined boolean NOT NULL DEFAULT false,
	CONSTRAINT unit_kind_level_only_for_areas CHECK (is_department = (level IS NULL)),
	CONSTRAINT unit_kind_level_is_positive CHECK (level >= 1)
)$ddl$;
END IF; END $update$;  -- new only
COMMENT ON TABLE unit_kind IS 'kinds of unit: level (1 the top; NULL for departments), peer group for ranking, department or area';
COMMENT ON COLUMN unit_kind.level IS '1 for the top level (nation), larger for lower levels; NULL for departments';
COMMENT ON COLUMN unit_kind.peer_group IS 'units of one peer group under one parent are ranked together';
COMMENT ON COLUMN unit_kind.is_department IS 'departments are judged, never rolled up into their parent';
COMMENT ON COLUMN unit_kind.predefined IS 'true for the kinds the extension brings (pg_dump keeps only the others)';
DO $update$ BEGIN IF pg_catalog.to_regclass(pg_catalog.quote_ident(pg_catalog.current_schema()) OPERATOR(pg_catalog.||) '.unit') IS NULL
THEN EXECUTE $ddl$CREATE TABLE unit (
	unit_id text PRIMARY KEY,
	name_zh text NOT NULL,
	name_en text NOT NULL,
	kind text NOT NULL,
	parent_id text,
	central_city boolean NOT NULL DEFAULT false,
	sort_order int NOT NULL DEFAULT 0,
	CONSTRAINT unit_kind_is_known FOREIGN KEY (kind) REFERENCES unit_kind (kind),
	CONSTRAINT unit_parent_is_known FOREIGN KEY (parent_id) REFERENCES unit (unit_id),
	CONSTRAINT unit_is_not_its_own_parent CHECK (parent_id IS DISTINCT FROM unit_id)
)$ddl$;
END IF; END $update$;  -- new only
COMMENT ON TABLE unit IS 'units of any hierarchy (nation to township, departments at any level); parent_id is the hierarchy';
DO $update$ BEGIN IF pg_catalog.to_regclass(pg_catalog.quote_ident(pg_catalog.current_schema()) OPERATOR(pg_catalog.||) '.indicator') IS NULL
THEN EXECUTE $ddl$CREATE TABLE indicator (
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
	decimals int,
	growth_decimals int NOT NULL DEFAULT 1,
	CONSTRAINT indicator_code_is_unique UNIQUE (code),
	CONSTRAINT indicator_id_and_nature_are_unique UNIQUE (indicator_id, nature),
	CONSTRAINT indicator_decimals_between_0_and_15 CHECK (decimals BETWEEN 0 AND 15),
	CONSTRAINT indicator_growth_decimals_between_0_and_15 CHECK (growth_decimals BETWEEN 0 AND 15),
	CONSTRAINT indicator_action_is_known FOREIGN KEY (action_id) REFERENCES action (action_id),
	CONSTRAINT indicator_nature_is_flow_stock_rate_or_task CHECK (nature IN ('flow', 'stock', 'rate', 'task')),
	CONSTRAINT indicator_frequency_is_monthly_quarterly_or_annual CHECK (frequency IN ('monthly', 'quarterly', 'annual')),
	CONSTRAINT indicator_reporting_is_monthly_or_cumulative CHECK (reporting IN ('monthly', 'cumulative')),
	CONSTRAINT indicator_cumulative_only_for_flows CHECK (reporting = 'monthly' OR nature = 'flow'),
	CONSTRAINT indicator_derived_from_is_known FOREIGN KEY (derived_from) REFERENCES indicator (indicator_id),
	CONSTRAINT indicator_derived_needs_threshold CHECK ((derived_from IS NULL) = (derived_threshold IS NULL))
)$ddl$;
END IF; END $update$;  -- new only
COMMENT ON TABLE indicator IS 'indicators: nature flow/stock/rate/task, frequency, direction, monthly or cumulative reporting';
COMMENT ON COLUMN indicator.decimals IS 'published precision of the value (level, share, rate, change in pp) in decimals; NULL: 2 for rates, else full precision';
COMMENT ON COLUMN indicator.growth_decimals IS 'published precision of its growth in %, in decimals (default 1: growth to 0.1%)';
DO $update$ BEGIN IF pg_catalog.to_regclass(pg_catalog.quote_ident(pg_catalog.current_schema()) OPERATOR(pg_catalog.||) '.plan_target') IS NULL
THEN EXECUTE $ddl$CREATE TABLE plan_target (
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
	judged_on text NOT NULL DEFAULT 'own',
	indicator_nature text NOT NULL,
	PRIMARY KEY (indicator_id, unit_id, year),
	CONSTRAINT plan_target_nature_is_the_indicators FOREIGN KEY (indicator_id, indicator_nature)
		REFERENCES indicator (indicator_id, nature) ON UPDATE CASCADE,
	CONSTRAINT plan_target_measure_fits_indicator CHECK (target_check_fits(target, indicator_nature)),
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
		CHECK (target_is_relative(target) = (reference_indicator_id IS NOT NULL)),
	CONSTRAINT plan_target_judged_on_own_or_area CHECK (judged_on IN ('own', 'area'))
)$ddl$;
END IF; END $update$;  -- new only
COMMENT ON TABLE plan_target IS 'targets per indicator x unit x year, with weight and scoring method';
COMMENT ON COLUMN plan_target.judged_on IS 'own: the unit''s own figure (readings or roll-up); area: the figure of its parent, the area a department serves';
COMMENT ON COLUMN plan_target.indicator_nature IS 'the indicator''s nature, kept equal to it by plan_target_nature_is_the_indicators (filled in when omitted): the measure must fit it';
CREATE OR REPLACE FUNCTION plan_target_fill_nature() RETURNS trigger LANGUAGE plpgsql
SET search_path = pg_catalog, scorecard, pg_temp AS $$
BEGIN
	IF NEW.indicator_nature IS NULL
	   OR (TG_OP = 'UPDATE' AND NEW.indicator_id IS DISTINCT FROM OLD.indicator_id
	       AND NEW.indicator_nature IS NOT DISTINCT FROM OLD.indicator_nature) THEN
		SELECT i.nature INTO NEW.indicator_nature FROM indicator i WHERE i.indicator_id = NEW.indicator_id;
	END IF;
	RETURN NEW;
END $$;
COMMENT ON FUNCTION plan_target_fill_nature() IS 'trigger: fills plan_target.indicator_nature from the indicator when omitted (or when indicator_id changes)';
CREATE OR REPLACE TRIGGER plan_target_fill_nature BEFORE INSERT OR UPDATE OF indicator_id ON plan_target
	FOR EACH ROW EXECUTE FUNCTION plan_target_fill_nature();
DO $update$ BEGIN IF pg_catalog.to_regclass(pg_catalog.quote_ident(pg_catalog.current_schema()) OPERATOR(pg_catalog.||) '.reading') IS NULL
THEN EXECUTE $ddl$CREATE TABLE reading (
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
)$ddl$;
END IF; END $update$;  -- new only
COMMENT ON TABLE reading IS 'monthly or cumulative readings per indicator x unit x month, with revisions';
REVOKE UPDATE ON reading FROM PUBLIC;
DO $update$ BEGIN IF pg_catalog.to_regclass(pg_catalog.quote_ident(pg_catalog.current_schema()) OPERATOR(pg_catalog.||) '.task') IS NULL
THEN EXECUTE $ddl$CREATE TABLE task (
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
)$ddl$;
END IF; END $update$;  -- new only
COMMENT ON TABLE task IS 'projects, tasks and policies of each action (清单), with responsible unit, lead person, section, due date, status, investment';
DO $update$ BEGIN IF pg_catalog.to_regclass(pg_catalog.quote_ident(pg_catalog.current_schema()) OPERATOR(pg_catalog.||) '.reading_unit_month') IS NULL
THEN EXECUTE $ddl$CREATE INDEX reading_unit_month ON reading (unit_id, month)$ddl$;
END IF; END $update$;  -- new only
DO $update$ BEGIN IF pg_catalog.to_regclass(pg_catalog.quote_ident(pg_catalog.current_schema()) OPERATOR(pg_catalog.||) '.reading_revised') IS NULL
THEN EXECUTE $ddl$CREATE INDEX reading_revised ON reading (indicator_id, unit_id, month) WHERE revision > 1$ddl$;
END IF; END $update$;  -- new only
DO $update$ BEGIN IF pg_catalog.to_regclass(pg_catalog.quote_ident(pg_catalog.current_schema()) OPERATOR(pg_catalog.||) '.unit_parent') IS NULL
THEN EXECUTE $ddl$CREATE INDEX unit_parent ON unit (parent_id)$ddl$;
END IF; END $update$;  -- new only
DO $update$ BEGIN IF pg_catalog.to_regclass(pg_catalog.quote_ident(pg_catalog.current_schema()) OPERATOR(pg_catalog.||) '.plan_target_unit_year') IS NULL
THEN EXECUTE $ddl$CREATE INDEX plan_target_unit_year ON plan_target (unit_id, year)$ddl$;
END IF; END $update$;  -- new only
DO $update$ BEGIN IF pg_catalog.to_regclass(pg_catalog.quote_ident(pg_catalog.current_schema()) OPERATOR(pg_catalog.||) '.task_action') IS NULL
THEN EXECUTE $ddl$CREATE INDEX task_action ON task (action_id)$ddl$;
END IF; END $update$;  -- new only
SELECT pg_catalog.pg_extension_config_dump('scorecard.unit_kind', 'WHERE NOT predefined');
SELECT pg_catalog.pg_extension_config_dump('scorecard.action', '');
SELECT pg_catalog.pg_extension_config_dump('scorecard.unit', '');
SELECT pg_catalog.pg_extension_config_dump('scorecard.indicator', '');
SELECT pg_catalog.pg_extension_config_dump('scorecard.plan_target', '');
SELECT pg_catalog.pg_extension_config_dump('scorecard.reading', '');
SELECT pg_catalog.pg_extension_config_dump('scorecard.task', '');

-- from plan/55_access.sql
DO $update$ BEGIN IF pg_catalog.to_regclass(pg_catalog.quote_ident(pg_catalog.current_schema()) OPERATOR(pg_catalog.||) '.unit_access') IS NULL
THEN EXECUTE $ddl$CREATE TABLE unit_access (
	role_name name NOT NULL,
	unit_id text NOT NULL,
	PRIMARY KEY (role_name, unit_id),
	CONSTRAINT unit_access_unit_is_known FOREIGN KEY (unit_id) REFERENCES unit (unit_id) ON DELETE CASCADE
)$ddl$;
END IF; END $update$;  -- new only
COMMENT ON TABLE unit_access IS 'which units a role (and its members) may see and load under row-level security; a unit covers the units below it';
SELECT pg_catalog.pg_extension_config_dump('scorecard.unit_access', '');
CREATE OR REPLACE FUNCTION visible_units() RETURNS SETOF text LANGUAGE sql STABLE PARALLEL SAFE
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
CREATE OR REPLACE FUNCTION sees_all_units() RETURNS boolean LANGUAGE sql STABLE PARALLEL SAFE
SET search_path = pg_catalog, scorecard, pg_temp AS $$
	SELECT NOT pg_catalog.row_security_active('scorecard.reading'::pg_catalog.regclass)
	    OR NOT EXISTS (SELECT 1 FROM unit u WHERE u.unit_id NOT IN (SELECT visible_units()))
$$;
COMMENT ON FUNCTION sees_all_units() IS 'whether row-level security leaves the current role every unit''s rows';
CREATE OR REPLACE FUNCTION peers_hidden(what text) RETURNS float8 LANGUAGE plpgsql STABLE PARALLEL SAFE
SET search_path = pg_catalog, scorecard, pg_temp AS $$
BEGIN
	RAISE EXCEPTION '% needs every unit of the peer group, and role % does not see them all', what, current_user
		USING ERRCODE = 'insufficient_privilege',
		      DETAIL = 'Row-level security hides some units; a rank among the visible ones would be presented as the rank among all.',
		      HINT = 'Read the stored run (scorecard.assessment_run_item, scorecard.assessment_run_ranking), computed over every unit.';
END $$;
COMMENT ON FUNCTION peers_hidden(text) IS 'raise 42501: a figure over peers that row-level security hides from the current role';
CREATE OR REPLACE FUNCTION unit_secured_tables() RETURNS SETOF regclass LANGUAGE sql STABLE PARALLEL SAFE
SET search_path = pg_catalog, scorecard, pg_temp AS $$
	SELECT t::pg_catalog.regclass FROM pg_catalog.unnest(ARRAY['scorecard.reading', 'scorecard.plan_target',
		'scorecard.target_schedule', 'scorecard.assessment_run_unit', 'scorecard.assessment_run_item',
		'scorecard.assessment_run_progress']) t
$$;
COMMENT ON FUNCTION unit_secured_tables() IS 'the tables enable_unit_security() puts under row-level security by unit_id';
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
END $$;
COMMENT ON FUNCTION enable_unit_security() IS 'put readings, targets and run results under row-level security per unit (unit_access)';
CREATE OR REPLACE FUNCTION disable_unit_security() RETURNS void LANGUAGE plpgsql VOLATILE
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
CREATE OR REPLACE FUNCTION grant_unit_access(role regrole, unit text) RETURNS void LANGUAGE plpgsql VOLATILE
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
	EXECUTE pg_catalog.format('GRANT INSERT ON scorecard.reading TO %s', role);
END $$;
COMMENT ON FUNCTION grant_unit_access(regrole, text) IS 'let a role see and load the readings, targets and run results of a unit and the units below it';
CREATE OR REPLACE FUNCTION revoke_unit_access(role regrole, unit text) RETURNS void LANGUAGE sql VOLATILE
SET search_path = pg_catalog, scorecard, pg_temp AS $$
	DELETE FROM scorecard.unit_access a
	WHERE a.role_name = (SELECT r.rolname FROM pg_catalog.pg_roles r WHERE r.oid OPERATOR(pg_catalog.=) role)
	  AND a.unit_id = unit
$$;
COMMENT ON FUNCTION revoke_unit_access(regrole, text) IS 'remove a unit from a role''s access';

-- from plan/60_load.sql
CREATE OR REPLACE FUNCTION begin_load() RETURNS regclass LANGUAGE plpgsql VOLATILE
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
CREATE OR REPLACE FUNCTION staging_table() RETURNS regclass LANGUAGE plpgsql STABLE
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
CREATE OR REPLACE FUNCTION staging_float(s text) RETURNS float8 LANGUAGE plpgsql IMMUTABLE PARALLEL SAFE
SET search_path = pg_catalog, pg_temp AS $$
DECLARE v float8;
BEGIN
	IF s IS NULL OR pg_catalog.btrim(s) = '' THEN RETURN NULL; END IF;
	v := pg_catalog.btrim(s)::pg_catalog.float8;
	IF v = 'NaN'::float8 OR pg_catalog.abs(v) = 'Infinity'::float8 THEN RETURN NULL; END IF;
	RETURN v;
EXCEPTION WHEN others THEN
	RETURN NULL;
END $$;
COMMENT ON FUNCTION staging_float(text) IS 'a staged text as a finite float8, or NULL';
CREATE OR REPLACE FUNCTION staging_month(s text) RETURNS date LANGUAGE plpgsql IMMUTABLE PARALLEL SAFE
SET search_path = pg_catalog, pg_temp AS $$
DECLARE
	t text := pg_catalog.replace(pg_catalog.btrim(s), '/', '-');
BEGIN
	IF t IS NULL OR t !~ '^\d{4}-\d{1,2}(-\d{1,2})?$' THEN RETURN NULL; END IF;
	IF t ~ '^\d{4}-\d{1,2}$' THEN
		RETURN pg_catalog.make_date(pg_catalog.split_part(t, '-', 1)::int, pg_catalog.split_part(t, '-', 2)::int, 1);
	END IF;
	RETURN t::pg_catalog.date;
EXCEPTION WHEN others THEN
	RETURN NULL;
END $$;
COMMENT ON FUNCTION staging_month(text) IS 'a staged month (2024-03, 2024-03-01, 2024/03) as a date, or NULL';
CREATE OR REPLACE FUNCTION staged_readings(header boolean DEFAULT true)
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
	       -- the common forms parsed here (a plain decimal of up to 300
	       -- characters is well inside the float8 range); the rest, and every
	       -- bad value, by the staging_* functions, whose subtransactions and
	       -- pinned search_path cost per call
	       CASE WHEN f.mt !~ '^\d{4}-\d{1,2}$' THEN staging_month(n.month)
	            WHEN pg_catalog.split_part(f.mt, '-', 1)::int >= 1
	                 AND pg_catalog.split_part(f.mt, '-', 2)::int BETWEEN 1 AND 12
	            THEN pg_catalog.make_date(pg_catalog.split_part(f.mt, '-', 1)::int, pg_catalog.split_part(f.mt, '-', 2)::int, 1)
	       END,
	       CASE WHEN coalesce(f.vt, '') = '' THEN NULL
	            WHEN pg_catalog.length(f.vt) <= 300 AND f.vt ~ '^[+-]?(\d+(\.\d*)?|\.\d+)$' THEN f.vt::pg_catalog.float8
	            ELSE staging_float(n.value) END,
	       CASE WHEN coalesce(f.gt, '') = '' THEN NULL
	            WHEN pg_catalog.length(f.gt) <= 300 AND f.gt ~ '^[+-]?(\d+(\.\d*)?|\.\d+)$' THEN f.gt::pg_catalog.float8
	            ELSE staging_float(n.reported_growth) END
	FROM n
	CROSS JOIN LATERAL (SELECT pg_catalog.replace(pg_catalog.btrim(n.month), '/', '-') AS mt,
	                           pg_catalog.btrim(n.value) AS vt, pg_catalog.btrim(n.reported_growth) AS gt) f
	LEFT JOIN indicator ic ON ic.code = pg_catalog.btrim(n.indicator)
	LEFT JOIN indicator ii ON ii.indicator_id::text = pg_catalog.btrim(n.indicator)
	LEFT JOIN unit u ON u.unit_id = pg_catalog.btrim(n.unit)
	ORDER BY n.seq;
END $$;
COMMENT ON FUNCTION staged_readings(boolean) IS 'the staged rows with file line, indicator (by code, else id), unit and parsed values';
CREATE OR REPLACE FUNCTION check_readings(header boolean DEFAULT true)
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
CREATE OR REPLACE FUNCTION lock_for_load() RETURNS void LANGUAGE plpgsql VOLATILE SECURITY DEFINER
SET search_path = pg_catalog, pg_temp AS $$
BEGIN
	IF NOT EXISTS (
		SELECT 1 FROM pg_catalog.pg_locks l
		WHERE l.locktype OPERATOR(pg_catalog.=) 'relation'
		  AND l.relation OPERATOR(pg_catalog.=) 'scorecard.reading'::pg_catalog.regclass
		  AND l.pid OPERATOR(pg_catalog.=) pg_catalog.pg_backend_pid()
		  AND l.mode OPERATOR(pg_catalog.=) 'RowExclusiveLock' AND l.granted)
	THEN
		RAISE EXCEPTION 'lock_for_load: this transaction does not hold ROW EXCLUSIVE on scorecard.reading'
			USING ERRCODE = 'insufficient_privilege',
			      HINT = 'Only load_readings calls it, after LOCK TABLE scorecard.reading IN ROW EXCLUSIVE MODE (which needs INSERT on it).';
	END IF;
	LOCK TABLE scorecard.reading IN SHARE ROW EXCLUSIVE MODE;
END $$;
COMMENT ON FUNCTION lock_for_load() IS 'for load_readings: lock reading in SHARE ROW EXCLUSIVE mode once the caller holds ROW EXCLUSIVE (INSERT privilege)';
CREATE OR REPLACE FUNCTION load_readings(header boolean DEFAULT true, recorded_at timestamptz DEFAULT pg_catalog.now(),
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
	-- consecutive; the statements below take their snapshots after it.  The
	-- caller's own ROW EXCLUSIVE lock needs INSERT on reading; lock_for_load
	-- then takes SHARE ROW EXCLUSIVE, which would need UPDATE.
	LOCK TABLE reading IN ROW EXCLUSIVE MODE;
	PERFORM lock_for_load();
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
CREATE OR REPLACE FUNCTION readings(recorded_as_of timestamptz DEFAULT NULL, from_month date DEFAULT NULL,
		through_month date DEFAULT NULL)
RETURNS SETOF reading LANGUAGE plpgsql STABLE PARALLEL SAFE ROWS 100000
SET search_path = pg_catalog, scorecard, pg_temp AS $$
BEGIN
	RETURN QUERY
	SELECT r.* FROM reading r
	WHERE (recorded_as_of IS NULL OR r.recorded_at <= recorded_as_of)
	  AND (from_month IS NULL OR r.month >= from_month)
	  AND (through_month IS NULL OR r.month <= through_month)
	  AND NOT EXISTS (
		SELECT 1 FROM reading n
		WHERE n.revision > 1
		  AND n.indicator_id = r.indicator_id AND n.unit_id = r.unit_id AND n.month = r.month
		  AND n.revision > r.revision
		  AND (recorded_as_of IS NULL OR n.recorded_at <= recorded_as_of));
END $$;
COMMENT ON FUNCTION readings(timestamptz, date, date) IS 'latest revision of each reading, as recorded at recorded_as_of (NULL: now), optionally of the months from_month..through_month';
CREATE OR REPLACE VIEW reading_current WITH (security_invoker = true) AS
	SELECT indicator_id, unit_id, month, value, reported_growth, revision, recorded_at, source
	FROM scorecard.readings(NULL::timestamptz);
COMMENT ON VIEW reading_current IS 'latest revision of each reading';

-- from plan/70_views.sql
CREATE OR REPLACE FUNCTION latest_month(recorded_as_of timestamptz DEFAULT NULL) RETURNS date
LANGUAGE plpgsql STABLE PARALLEL SAFE
SET search_path = pg_catalog, scorecard, pg_temp AS $$
BEGIN
	RETURN (SELECT pg_catalog.max(r.month) FROM reading r
	        WHERE recorded_as_of IS NULL OR r.recorded_at <= recorded_as_of);
END $$;
COMMENT ON FUNCTION latest_month(timestamptz) IS 'first day of the latest month with readings (as recorded at recorded_as_of)';
CREATE OR REPLACE FUNCTION latest_as_of(recorded_as_of timestamptz DEFAULT NULL) RETURNS date
LANGUAGE sql STABLE PARALLEL SAFE
SET search_path = pg_catalog, scorecard, pg_temp AS $$
	SELECT (latest_month(recorded_as_of) + interval '1 month - 1 day')::date
$$;
COMMENT ON FUNCTION latest_as_of(timestamptz) IS 'last day of the latest month with readings: the as_of of the *_latest views';
CREATE OR REPLACE FUNCTION area_tree() RETURNS TABLE (unit_id text, parent_id text, path text[])
LANGUAGE sql STABLE PARALLEL SAFE
SET search_path = pg_catalog, scorecard, pg_temp AS $$
	WITH RECURSIVE tree AS (
		SELECT u.unit_id, u.parent_id, ARRAY[]::text[] AS path
		FROM unit u JOIN unit_kind k ON k.kind = u.kind
		WHERE u.parent_id IS NULL AND NOT k.is_department
		UNION ALL
		SELECT u.unit_id, u.parent_id, t.unit_id || t.path
		FROM tree t JOIN unit u ON u.parent_id = t.unit_id JOIN unit_kind k ON k.kind = u.kind
		WHERE NOT k.is_department
	)
	SELECT tree.unit_id, tree.parent_id, tree.path FROM tree
$$;
COMMENT ON FUNCTION area_tree() IS 'area units reachable from a top unit, with the path of their ancestors (parent first)';
CREATE OR REPLACE FUNCTION indicator_state(as_of date, recorded_as_of timestamptz DEFAULT NULL)
RETURNS TABLE (indicator_id int, unit_id text, state ytd, data_month date,
	reported_growth float8, rolled_up boolean, note text)
LANGUAGE plpgsql STABLE PARALLEL SAFE ROWS 100000
SET search_path = pg_catalog, scorecard, pg_temp
SET plan_cache_mode = force_custom_plan
SET jit = off
SET enable_mergejoin = off
SET enable_sort = off AS $$
#variable_conflict use_column
DECLARE
	year_start date := pg_catalog.date_trunc('year', as_of)::date;
BEGIN
	RETURN QUERY
	WITH tree AS (
		-- area units (not departments) reachable from a top unit, with the
		-- path of their ancestors, the parent first
		SELECT a.unit_id, a.parent_id, a.path FROM area_tree() a
	), bottom AS (
		-- area units without child area units
		SELECT t.unit_id, t.path FROM tree t
		WHERE NOT EXISTS (SELECT 1 FROM tree c WHERE c.parent_id = t.unit_id)
	), own AS (
		SELECT r.indicator_id, r.unit_id,
		       ytd_agg(r.month, r.value, CASE WHEN i.nature = 'rate' THEN 'rate' ELSE i.reporting END) AS state,
		       max(r.month) FILTER (WHERE r.month >= year_start) AS data_month,
		       -- the latest reported growth of the year and its month, as
		       -- {days since 2000, growth} (an array's max: hash-aggregable)
		       max(ARRAY[(r.month - DATE '2000-01-01')::float8, r.reported_growth])
		            FILTER (WHERE r.month >= year_start AND r.reported_growth IS NOT NULL) AS growth,
		       bool_and(i.additive) AS additive
		-- readings(recorded_as_of, a year before year_start, as_of), written
		-- out (the same rule, keep the two alike): Citus must see reading in
		-- the query it plans, and refuses a SQL function that PostgreSQL
		-- inlines afterwards ("parameterized queries for SQL functions
		-- referencing distributed tables are not supported")
		FROM reading r
		JOIN indicator i ON i.indicator_id = r.indicator_id
		WHERE (recorded_as_of IS NULL OR r.recorded_at <= recorded_as_of)
		  AND r.month >= (year_start - interval '1 year')::date AND r.month <= as_of
		  AND NOT EXISTS (
			SELECT 1 FROM reading n
			WHERE n.revision > 1
			  AND n.indicator_id = r.indicator_id AND n.unit_id = r.unit_id AND n.month = r.month
			  AND n.revision > r.revision
			  AND (recorded_as_of IS NULL OR n.recorded_at <= recorded_as_of))
		GROUP BY r.indicator_id, r.unit_id
	), seeds AS NOT MATERIALIZED (
		-- what climbs the hierarchy: the states of additive indicators of
		-- area units, and holes (a unit at the bottom without a figure, only
		-- for indicators that some unit at the bottom lacks)
		SELECT o.indicator_id, o.unit_id AS origin_id, t.path, o.state, o.data_month, false AS hole
		FROM own o JOIN tree t ON t.unit_id = o.unit_id
		WHERE o.additive
		UNION ALL
		SELECT i.indicator_id, b.unit_id, b.path, NULL, NULL, true
		FROM bottom b
		CROSS JOIN (SELECT o.indicator_id FROM own o LEFT JOIN bottom b ON b.unit_id = o.unit_id
		            WHERE o.additive GROUP BY o.indicator_id
		            HAVING count(b.unit_id) < (SELECT count(*) FROM bottom)) i
		WHERE NOT EXISTS (SELECT 1 FROM own o WHERE o.indicator_id = i.indicator_id AND o.unit_id = b.unit_id)
	), stops AS (
		-- for each parent area unit and additive indicator: how many steps
		-- up from it (1: itself) the nearest area unit with a figure of its
		-- own is, where a climb through it stops.  One row per parent,
		-- ancestor and indicator owned there: linear in the units and
		-- indicators, whatever the number of states below them.
		SELECT o.indicator_id, x.unit_id, min(a.k) AS d
		FROM tree x
		CROSS JOIN LATERAL unnest(pg_catalog.array_prepend(x.unit_id, x.path)) WITH ORDINALITY a(unit_id, k)
		JOIN own o ON o.unit_id = a.unit_id AND o.additive
		WHERE x.unit_id IN (SELECT t.parent_id FROM tree t)
		GROUP BY o.indicator_id, x.unit_id
	), rolled AS (
		-- each ancestor below the nearest one with a figure of its own (k
		-- steps up from the seed: its parent, path[1], is 1 step): the
		-- roll-up of what reaches it
		SELECT s.indicator_id, a.unit_id, rollup(s.state) AS state,
		       count(*) FILTER (WHERE s.hole) AS holes, count(s.state) AS states,
		       count(s.data_month) AS dated, min(s.data_month) AS first_month, max(s.data_month) AS last_month
		FROM seeds s
		LEFT JOIN stops st ON st.indicator_id = s.indicator_id AND st.unit_id = s.path[1]
		CROSS JOIN LATERAL unnest(s.path) WITH ORDINALITY a(unit_id, k)
		WHERE st.d IS NULL OR a.k < st.d
		GROUP BY s.indicator_id, a.unit_id
	), complete AS (
		SELECT rd.*, rd.holes = 0 AND (rd.dated = 0 OR (rd.dated = rd.states AND rd.first_month = rd.last_month)) AS ok
		FROM rolled rd
		WHERE rd.states > 0
	), figure AS (
		SELECT o.indicator_id, o.unit_id, o.data_month FROM own o
		UNION ALL
		SELECT c.indicator_id, c.unit_id, c.first_month FROM complete c WHERE c.ok
	), reporting AS (
		-- for a parent whose roll-up is incomplete: its child area units, and
		-- those with a figure for the latest data month among them
		SELECT c.indicator_id, c.unit_id, count(*) AS children,
		       count(*) FILTER (WHERE f.data_month = c.last_month
		                        OR (c.last_month IS NULL AND f.indicator_id IS NOT NULL)) AS reporting
		FROM complete c
		JOIN tree ch ON ch.parent_id = c.unit_id
		LEFT JOIN figure f ON f.indicator_id = c.indicator_id AND f.unit_id = ch.unit_id
		WHERE NOT c.ok
		GROUP BY c.indicator_id, c.unit_id
	)
	SELECT o.indicator_id, o.unit_id, o.state, o.data_month,
	       CASE WHEN o.growth[1] = o.data_month - DATE '2000-01-01' THEN o.growth[2] END, false, NULL::text
	FROM own o
	UNION ALL
	SELECT c.indicator_id, c.unit_id,
	       CASE WHEN c.ok THEN c.state END,
	       CASE WHEN c.ok THEN c.first_month END,
	       NULL::float8, true,
	       CASE WHEN NOT c.ok THEN pg_catalog.format('roll-up incomplete: %s of %s child units report%s',
	            rp.reporting, rp.children,
	            CASE WHEN c.last_month IS NOT NULL THEN ' for ' || pg_catalog.to_char(c.last_month, 'YYYY-MM') ELSE '' END) END
	FROM complete c
	LEFT JOIN reporting rp ON rp.indicator_id = c.indicator_id AND rp.unit_id = c.unit_id;
END $$;
COMMENT ON FUNCTION indicator_state(date, timestamptz) IS 'ytd state of each indicator x unit at as_of: own readings, or the roll-up of the child units when every one reports (else NULL and a note)';
DO $update$ BEGIN EXECUTE $ddl$CREATE TYPE progress_row AS (indicator_id int, code text, action_id int, indicator_zh text, indicator_en text,
	measure_unit text, nature text, unit_id text, unit_zh text, unit_kind text, year int,
	as_of date, data_month date, target text, weight float8, value float8, prior float8,
	computed_growth float8, reported_growth float8, growth float8, growth_source text,
	change_pp float8, actual float8, decimals int, actual_published float8, reference float8,
	met boolean, gap float8, attainment float8,
	time_progress float8, schedule_gap float8, status text, note text, schedule text)$ddl$;
EXCEPTION WHEN duplicate_object OR duplicate_function THEN NULL;  -- it exists: kept
END $update$;
COMMENT ON TYPE progress_row IS 'a row of progress(): one target of the as-of year (indicator x unit)';
CREATE OR REPLACE FUNCTION progress(as_of date, recorded_as_of timestamptz DEFAULT NULL)
RETURNS SETOF progress_row
LANGUAGE plpgsql STABLE PARALLEL SAFE ROWS 100000
SET search_path = pg_catalog, scorecard, pg_temp
SET plan_cache_mode = force_custom_plan
SET jit = off
SET enable_mergejoin = off
SET enable_nestloop = off AS $$
#variable_conflict use_column
BEGIN
	RETURN QUERY
	WITH s AS (
		SELECT * FROM indicator_state(as_of, recorded_as_of)
	), t AS NOT MATERIALIZED (
		SELECT t.*, CASE WHEN t.judged_on = 'area' THEN tu.parent_id ELSE t.unit_id END AS eu
		FROM plan_target t
		JOIN unit tu ON tu.unit_id = t.unit_id
		WHERE t.year = extract(year FROM as_of)::int
	), base AS (
		SELECT t.indicator_id, t.unit_id, t.eu, t.target, t.weight, t.reference_indicator_id,
		       i.nature, i.frequency, i.derived_from, i.derived_threshold,
		       i.decimals AS dec_v, i.growth_decimals AS dec_g,
		       s.state, s.data_month, s.reported_growth AS rep, s.note AS state_note,
		       coalesce(ts.shares, isc.shares) AS shares, coalesce(ts.seasonal, isc.seasonal) AS seasonal
		FROM t
		JOIN indicator i ON i.indicator_id = t.indicator_id
		LEFT JOIN s ON s.indicator_id = t.indicator_id AND s.unit_id = t.eu
		-- the target's schedule, else the indicator's (75_arith.sql)
		LEFT JOIN target_schedule ts ON ts.indicator_id = t.indicator_id AND ts.unit_id = t.unit_id
			AND ts.year = t.year
		LEFT JOIN indicator_schedule isc ON ts.indicator_id IS NULL AND isc.indicator_id = t.indicator_id
			AND isc.year = t.year
	), m AS (
		SELECT b.*,
		       CASE WHEN b.nature = 'flow' THEN ytd_value(b.state, b.data_month)
		            ELSE ytd_level(b.state, b.data_month) END AS v,
		       CASE WHEN b.nature = 'flow' THEN ytd_prior(b.state, b.data_month)
		            ELSE ytd_level(b.state, (b.data_month - interval '1 year')::date) END AS pv,
		       CASE b.nature WHEN 'flow' THEN ytd_growth(b.state, b.data_month)
		                     WHEN 'stock' THEN ytd_level_growth(b.state, b.data_month) END AS cg,
		       CASE WHEN b.nature = 'rate' THEN ytd_change(b.state, b.data_month) END AS ch,
		       -- the schedule in force: shares, or last year's seasonal shape
		       CASE WHEN b.seasonal AND b.nature = 'flow' THEN ytd_seasonal_schedule(b.state, b.data_month)
		            WHEN NOT b.seasonal THEN b.shares END AS sched
		FROM base b
		-- a fence (here and in e): each expression is evaluated once per
		-- target, where the planner would copy it into every use above
		OFFSET 0
	), d AS (
		-- derived: child units whose last twelve months exceed the threshold
		SELECT t.indicator_id, t.unit_id, min(s.data_month) AS data_month,
		       count(*) FILTER (WHERE ytd_value(s.state, s.data_month)
		                        + ytd_value(s.state, make_date(extract(year FROM s.data_month)::int - 1, 12, 1))
		                        - ytd_prior(s.state, s.data_month) > di.derived_threshold)::float8 AS v,
		       bool_and(ytd_value(s.state, s.data_month) IS NOT NULL AND ytd_prior(s.state, s.data_month) IS NOT NULL
		                AND ytd_value(s.state, make_date(extract(year FROM s.data_month)::int - 1, 12, 1)) IS NOT NULL) AS complete
		FROM t
		JOIN indicator di ON di.indicator_id = t.indicator_id   -- not base, which is read once
		JOIN unit c ON c.parent_id = t.eu
		JOIN unit_kind ck ON ck.kind = c.kind AND NOT ck.is_department
		JOIN s ON s.indicator_id = di.derived_from AND s.unit_id = c.unit_id
		WHERE di.derived_from IS NOT NULL
		GROUP BY t.indicator_id, t.unit_id
	), k AS (
		-- task indicators: tasks done by the as-of date
		SELECT tk.indicator_id,
		       count(*) FILTER (WHERE tk.status = 'done' AND tk.completed_on <= as_of)::float8 AS v
		FROM task tk
		WHERE tk.year = extract(year FROM as_of)::int AND tk.indicator_id IS NOT NULL
		GROUP BY tk.indicator_id
	), rs AS (
		-- the states of the reference indicators of relative targets (few:
		-- hashed, where all the states would be)
		SELECT s.* FROM s
		WHERE s.indicator_id IN (SELECT pt.reference_indicator_id FROM plan_target pt
		                         WHERE pt.year = extract(year FROM as_of)::int)
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
		LEFT JOIN k ON k.indicator_id = m.indicator_id AND m.nature = 'task'
	), e AS (
		SELECT a.*,
		       CASE target_measure(a.target)
		            WHEN 'growth' THEN a.gr
		            WHEN 'change' THEN a.ch
		            ELSE a.val END AS act,
		       -- the published precision: growth at growth_decimals, the rest at
		       -- decimals (NULL: 2 for rates, full precision for the others)
		       CASE WHEN target_measure(a.target) = 'growth' THEN a.dec_g
		            ELSE coalesce(a.dec_v, CASE WHEN a.nature = 'rate' THEN 2 END) END AS dec,
		       coalesce(rs.reported_growth,
		                CASE WHEN ri.nature = 'flow' THEN ytd_growth(rs.state, rs.data_month)
		                     ELSE ytd_level_growth(rs.state, rs.data_month) END) AS ref,
		       -- level targets of flows and task counts are judged against
		       -- time progress (the schedule's, or m/12)
		       a.nature IN ('flow', 'task') AND a.frequency <> 'annual' AS prorated
		FROM a
		LEFT JOIN indicator ri ON ri.indicator_id = a.reference_indicator_id
		LEFT JOIN rs ON rs.indicator_id = a.reference_indicator_id AND rs.unit_id = a.eu
		OFFSET 0
	)
	SELECT e.indicator_id, i.code, i.action_id, i.name_zh, i.name_en, i.measure_unit, i.nature,
	       e.unit_id, u.name_zh, u.kind, extract(year FROM as_of)::int, as_of, e.dm,
	       e.target::text, e.weight, e.val, e.pv, e.cg, e.rep, e.gr, e.gsrc, e.ch, e.act,
	       e.dec, round_published(e.act, e.dec), e.ref,
	       -- the reference is NULL for targets that are not relative
	       target_met(e.target, e.act, e.ref, e.dec),
	       target_gap(e.target, e.act, e.ref, e.dec),
	       target_attainment(e.target, e.act, e.ref, e.dec),
	       CASE WHEN e.sched IS NOT NULL AND e.dm IS NOT NULL THEN schedule_progress(e.sched, e.dm)
	            ELSE time_progress(coalesce(e.dm, as_of)) END,
	       CASE WHEN e.prorated AND e.sched IS NOT NULL
	            THEN target_schedule_gap(e.target, e.act, e.dm, e.sched, e.dec)
	            WHEN e.prorated THEN target_schedule_gap(e.target, e.act, e.dm, decimals => e.dec) END,
	       CASE WHEN e.prorated AND e.sched IS NOT NULL
	            THEN target_status(e.target, e.act, e.dm, e.sched, e.ref, decimals => e.dec)
	            ELSE target_status(e.target, e.act, e.dm, flow => e.prorated, reference => e.ref, decimals => e.dec) END,
	       CASE WHEN e.state IS NULL AND e.state_note IS NOT NULL THEN e.state_note
	            WHEN e.dm IS NULL AND i.jan_feb_combined AND extract(month FROM as_of)::int = 1
	            THEN 'January is reported with February (1-2月)'
	            WHEN e.dm IS NULL THEN format('no reading in %s yet', extract(year FROM as_of))
	            WHEN e.act IS NULL AND e.derived_from IS NOT NULL THEN 'a unit''s figures are incomplete'
	            WHEN e.act IS NULL AND e.state IS NOT NULL THEN
	                 'missing months: ' || coalesce(array_to_string(
	                     ytd_missing(e.state, e.dm, CASE WHEN e.nature = 'flow' THEN 'value' ELSE 'level' END), ', '), '')
	            WHEN e.act IS NULL THEN 'no comparable figure'
	            WHEN target_is_relative(e.target) AND e.ref IS NULL THEN 'reference indicator has no figure'
	       END,
	       CASE WHEN e.sched IS NOT NULL THEN CASE WHEN e.seasonal THEN 'seasonal' ELSE 'shares' END
	            WHEN e.seasonal THEN 'seasonal (no shape)' ELSE 'linear' END
	FROM e
	JOIN indicator i ON i.indicator_id = e.indicator_id
	JOIN unit u ON u.unit_id = e.unit_id
	ORDER BY u.sort_order, e.unit_id, e.indicator_id;
END $$;
COMMENT ON FUNCTION progress(date, timestamptz) IS 'progress of every target of the as-of year per indicator x unit (ytd value and growth, target, met, gap, attainment, time progress, status)';
CREATE OR REPLACE FUNCTION progress_city(as_of date, recorded_as_of timestamptz DEFAULT NULL)
RETURNS TABLE (indicator_id int, action_id int, action_zh text, indicator_zh text, indicator_en text,
	measure_unit text, data_month date, target text, value float8, growth float8,
	growth_source text, actual float8, decimals int, actual_published float8, reference float8,
	met boolean, gap float8,
	attainment float8, time_progress float8, schedule_gap float8, status text, note text,
	unit_id text)
LANGUAGE sql STABLE PARALLEL SAFE ROWS 10000
SET search_path = pg_catalog, scorecard, pg_temp AS $$
	SELECT p.indicator_id, p.action_id, a.name_zh, p.indicator_zh, p.indicator_en, p.measure_unit,
	       p.data_month, p.target, p.value, p.growth, p.growth_source, p.actual, p.decimals,
	       p.actual_published, p.reference,
	       p.met, p.gap, p.attainment, p.time_progress, p.schedule_gap, p.status, p.note, p.unit_id
	FROM progress(as_of, recorded_as_of) p
	JOIN unit u ON u.unit_id = p.unit_id AND u.parent_id IS NULL
	JOIN unit_kind k ON k.kind = u.kind AND NOT k.is_department
	LEFT JOIN action a ON a.action_id = p.action_id
	ORDER BY u.sort_order, p.unit_id, p.indicator_id
$$;
COMMENT ON FUNCTION progress_city(date, timestamptz) IS 'progress of the top area units'' targets (the city in the demo: its readings or the roll-up of its child units)';
CREATE OR REPLACE FUNCTION task_progress(as_of date)
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
CREATE OR REPLACE FUNCTION unit_peer_group(kind text) RETURNS text
LANGUAGE sql STABLE PARALLEL SAFE
SET search_path = pg_catalog, scorecard, pg_temp AS $$
	SELECT k.peer_group FROM unit_kind k WHERE k.kind = unit_peer_group.kind
$$;
COMMENT ON FUNCTION unit_peer_group(text) IS 'peer group of a unit kind (districts, county-level cities and counties: county)';
DO $update$ BEGIN EXECUTE $ddl$CREATE TYPE unit_score_row AS (unit_id text, unit_zh text, indicator_id int, indicator_zh text, target text,
	scored_target text, scoring text, weight float8, actual float8, decimals int,
	actual_published float8, reference float8, met boolean, attainment float8, points float8)$ddl$;
EXCEPTION WHEN duplicate_object OR duplicate_function THEN NULL;  -- it exists: kept
END $update$;
COMMENT ON TYPE unit_score_row IS 'a row of unit_scores(): the points of one unit x indicator';
CREATE OR REPLACE FUNCTION unit_scores_of(progress_rows progress_row[], year_end boolean DEFAULT false)
RETURNS SETOF unit_score_row
LANGUAGE plpgsql STABLE PARALLEL SAFE ROWS 10000
SET search_path = pg_catalog, scorecard, pg_temp
SET plan_cache_mode = force_custom_plan
SET jit = off
SET enable_mergejoin = off
SET enable_nestloop = off AS $$
#variable_conflict use_column
DECLARE
	-- once, not per row: whether row-level security hides some units
	all_units boolean := sees_all_units();
BEGIN
	RETURN QUERY
	WITH p AS (
		-- the columns used below only: this CTE is read three times
		SELECT p.indicator_id, p.unit_id, p.unit_zh, p.indicator_zh, p.target, p.weight, p.actual,
		       p.decimals, p.actual_published, p.reference,
		       t.scoring, t.score_floor, t.score_cap, t.score_params,
		       i.higher_is_better, u.parent_id, k.peer_group AS peers,
		       CASE WHEN NOT year_end AND p.nature IN ('flow', 'task') AND i.frequency <> 'annual'
		            THEN target_prorated(t.target, p.time_progress)
		            ELSE t.target END AS tgt
		FROM unnest(progress_rows) p
		JOIN plan_target t ON t.indicator_id = p.indicator_id AND t.unit_id = p.unit_id AND t.year = p.year
		JOIN indicator i ON i.indicator_id = p.indicator_id
		JOIN unit u ON u.unit_id = p.unit_id
		JOIN unit_kind k ON k.kind = u.kind
		WHERE t.weight OPERATOR(pg_catalog.>) 0
		OFFSET 0
	), ranked AS (
		SELECT p.indicator_id, p.unit_id,
		       rank() OVER w AS rk, count(p.actual) OVER (PARTITION BY p.indicator_id, p.parent_id, p.peers) AS n
		FROM p
		WHERE p.indicator_id IN (SELECT q.indicator_id FROM p q WHERE q.scoring = 'rank')
		WINDOW w AS (PARTITION BY p.indicator_id, p.parent_id, p.peers ORDER BY
		             CASE WHEN p.higher_is_better THEN -p.actual_published ELSE p.actual_published END)
	), r AS (
		SELECT p.*,
		       target_met(p.tgt, p.actual, p.reference, p.decimals) AS met_s,
		       target_attainment(p.tgt, p.actual, p.reference, p.decimals) AS att_s,
		       target_is_relative(p.tgt) AS relative,
		       rk.rk, rk.n
		FROM p
		LEFT JOIN ranked rk ON rk.indicator_id = p.indicator_id AND rk.unit_id = p.unit_id
		OFFSET 0
	)
	SELECT r.unit_id, r.unit_zh, r.indicator_id, r.indicator_zh, r.target, r.tgt::text, r.scoring, r.weight,
	       r.actual, r.decimals, r.actual_published, r.reference, r.met_s, r.att_s,
	       CASE WHEN r.actual IS NULL OR (r.relative AND r.reference IS NULL) THEN NULL
	            WHEN r.scoring = 'threshold' OR (r.scoring = 'ratio' AND r.relative)
	                 THEN CASE WHEN r.met_s THEN r.weight ELSE r.score_floor * r.weight END
	            WHEN r.scoring = 'ratio'
	                 THEN score_ratio(r.tgt, r.actual, r.weight, r.score_floor, r.score_cap, r.decimals)
	            WHEN r.scoring = 'efficacy'
	                 THEN score_efficacy(r.actual, r.score_params[1], r.score_params[2], r.weight, true, r.decimals)
	            WHEN r.scoring = 'banded'
	                 THEN score_banded(r.actual, r.score_params, r.weight, r.decimals)
	            -- a rank among the units row-level security lets the role see
	            -- would pass for the rank among all: refused
	            WHEN r.scoring = 'rank' AND NOT all_units
	                 THEN peers_hidden('rank scoring')
	            WHEN r.scoring = 'rank'
	                 THEN score_rank(r.rk, r.n, r.weight, r.score_floor)
	       END
	FROM r
	ORDER BY r.unit_id, r.indicator_id;
END $$;
COMMENT ON FUNCTION unit_scores_of(progress_row[], boolean) IS 'assessment points per unit x indicator of the given progress() rows, by each target''s scoring method (see unit_scores)';
CREATE OR REPLACE FUNCTION unit_scores(as_of date, recorded_as_of timestamptz DEFAULT NULL,
		year_end boolean DEFAULT false)
RETURNS SETOF unit_score_row
LANGUAGE sql STABLE PARALLEL SAFE ROWS 10000
SET search_path = pg_catalog, scorecard, pg_temp AS $$
	SELECT s.* FROM unit_scores_of(ARRAY(SELECT p FROM progress(as_of, recorded_as_of) p), year_end) s
$$;
COMMENT ON FUNCTION unit_scores(date, timestamptz, boolean) IS 'assessment points per unit x indicator by each target''s scoring method, on the published figure; level targets of flows against the time-prorated target unless year_end';
CREATE OR REPLACE FUNCTION unit_assessment_of(scores unit_score_row[])
RETURNS TABLE (unit_id text, unit_zh text, unit_kind text, peer_group text, items bigint, applicable bigint,
	weight float8, applicable_weight float8, total float8, score float8, grade text, rank bigint)
LANGUAGE plpgsql STABLE PARALLEL SAFE ROWS 10000
SET search_path = pg_catalog, scorecard, pg_temp
SET plan_cache_mode = force_custom_plan
SET jit = off
SET enable_mergejoin = off
SET enable_nestloop = off AS $$
#variable_conflict use_column
DECLARE
	all_units boolean := sees_all_units();
BEGIN
	RETURN QUERY
	WITH a AS (
		SELECT s.unit_id, assess(s.points, s.weight) AS a, count(*) AS items
		FROM unnest(scores) s
		GROUP BY s.unit_id
	)
	SELECT a.unit_id, u.name_zh, u.kind, k.peer_group, a.items, assessment_applicable(a.a),
	       assessment_weight_all(a.a), assessment_weight(a.a),
	       assessment_total(a.a), assessment_score(a.a), assessment_grade(a.a),
	       -- NULL where row-level security hides some peers
	       CASE WHEN all_units THEN
	       rank() OVER (PARTITION BY u.parent_id, k.peer_group ORDER BY assessment_score(a.a) DESC NULLS LAST) END
	FROM a JOIN unit u ON u.unit_id = a.unit_id
	JOIN unit_kind k ON k.kind = u.kind
	ORDER BY k.is_department, k.level NULLS LAST, u.parent_id NULLS FIRST, k.peer_group, 12, u.sort_order, a.unit_id;
END $$;
COMMENT ON FUNCTION unit_assessment_of(unit_score_row[]) IS 'weighted assessment per unit of the given unit_scores() rows: total, normalised score, grade, rank (see unit_assessment)';
CREATE OR REPLACE FUNCTION unit_assessment(as_of date, recorded_as_of timestamptz DEFAULT NULL,
		year_end boolean DEFAULT false)
RETURNS TABLE (unit_id text, unit_zh text, unit_kind text, peer_group text, items bigint, applicable bigint,
	weight float8, applicable_weight float8, total float8, score float8, grade text, rank bigint)
LANGUAGE sql STABLE PARALLEL SAFE ROWS 10000
SET search_path = pg_catalog, scorecard, pg_temp AS $$
	SELECT a.* FROM unit_assessment_of(ARRAY(SELECT s FROM unit_scores(as_of, recorded_as_of, year_end) s)) a
$$;
COMMENT ON FUNCTION unit_assessment(date, timestamptz, boolean) IS 'weighted assessment per unit: total, normalised score, grade, rank (year_end: level targets of flows against the whole year, see unit_scores)';
CREATE OR REPLACE VIEW progress_latest WITH (security_invoker = true) AS
	SELECT p.* FROM (SELECT scorecard.latest_as_of() AS as_of) d CROSS JOIN LATERAL scorecard.progress(d.as_of) p;
COMMENT ON VIEW progress_latest IS 'progress(as_of) at the last day of the latest month with readings';
CREATE OR REPLACE VIEW progress_city_latest WITH (security_invoker = true) AS
	SELECT d.as_of, p.* FROM (SELECT scorecard.latest_as_of() AS as_of) d CROSS JOIN LATERAL scorecard.progress_city(d.as_of) p;
COMMENT ON VIEW progress_city_latest IS 'progress_city(as_of) at the last day of the latest month with readings';
CREATE OR REPLACE VIEW task_progress_latest WITH (security_invoker = true) AS
	SELECT d.as_of, t.* FROM (SELECT scorecard.latest_as_of() AS as_of) d CROSS JOIN LATERAL scorecard.task_progress(d.as_of) t;
COMMENT ON VIEW task_progress_latest IS 'task_progress(as_of) at the last day of the latest month with readings';
CREATE OR REPLACE VIEW unit_scores_latest WITH (security_invoker = true) AS
	SELECT d.as_of, s.* FROM (SELECT scorecard.latest_as_of() AS as_of) d CROSS JOIN LATERAL scorecard.unit_scores(d.as_of) s;
COMMENT ON VIEW unit_scores_latest IS 'unit_scores(as_of) at the last day of the latest month with readings';
CREATE OR REPLACE VIEW unit_assessment_latest WITH (security_invoker = true) AS
	SELECT d.as_of, a.* FROM (SELECT scorecard.latest_as_of() AS as_of) d CROSS JOIN LATERAL scorecard.unit_assessment(d.as_of) a;
COMMENT ON VIEW unit_assessment_latest IS 'unit_assessment(as_of) at the last day of the latest month with readings';
COMMENT ON COLUMN progress_latest.as_of IS 'last day of the latest month with readings (latest_as_of())';
COMMENT ON COLUMN progress_city_latest.as_of IS 'last day of the latest month with readings (latest_as_of())';
COMMENT ON COLUMN task_progress_latest.as_of IS 'last day of the latest month with readings (latest_as_of())';
COMMENT ON COLUMN unit_scores_latest.as_of IS 'last day of the latest month with readings (latest_as_of())';
COMMENT ON COLUMN unit_assessment_latest.as_of IS 'last day of the latest month with readings (latest_as_of())';
COMMENT ON COLUMN progress_latest.decimals IS 'published precision (decimals) the target is judged at: the indicator''s growth_decimals for growth, else its decimals (NULL: 2 for rates, full precision)';
COMMENT ON COLUMN progress_latest.schedule IS 'the time progress the target is judged against: shares or seasonal (its schedule), seasonal (no shape) (a seasonal schedule without last year''s figures: m/12) or linear (m/12)';
COMMENT ON COLUMN progress_latest.actual_published IS 'the actual as published: rounded half away from zero to decimals; met, gap, attainment and status are of this figure';
COMMENT ON COLUMN progress_city_latest.decimals IS 'published precision (decimals) the target is judged at';
COMMENT ON COLUMN progress_city_latest.actual_published IS 'the actual as published (rounded half away from zero to decimals); met, gap, attainment and status are of this figure';
COMMENT ON COLUMN unit_scores_latest.scored_target IS 'the target scored against: the time-prorated target (序时目标) for level targets of flows and task counts, else the target';
COMMENT ON COLUMN unit_scores_latest.decimals IS 'published precision (decimals) the target is judged at';
COMMENT ON COLUMN unit_scores_latest.actual_published IS 'the actual as published (rounded half away from zero to decimals); met, attainment and points are of this figure';

-- from plan/75_arith.sql
DO $update$ BEGIN IF pg_catalog.to_regclass(pg_catalog.quote_ident(pg_catalog.current_schema()) OPERATOR(pg_catalog.||) '.target_schedule') IS NULL
THEN EXECUTE $ddl$CREATE TABLE target_schedule (
	indicator_id int NOT NULL,
	unit_id text NOT NULL,
	year int NOT NULL,
	shares float8[],
	seasonal boolean NOT NULL DEFAULT false,
	PRIMARY KEY (indicator_id, unit_id, year),
	CONSTRAINT target_schedule_target_is_known FOREIGN KEY (indicator_id, unit_id, year)
		REFERENCES plan_target (indicator_id, unit_id, year) ON DELETE CASCADE,
	CONSTRAINT target_schedule_is_shares_or_seasonal CHECK ((shares IS NULL) = seasonal),
	CONSTRAINT target_schedule_has_12_shares_from_0_to_1 CHECK (shares IS NULL OR
		(pg_catalog.array_ndims(shares) = 1 AND pg_catalog.cardinality(shares) = 12 AND 0 <= ALL (shares) AND 1 >= ALL (shares)))
)$ddl$;
END IF; END $update$;  -- new only
COMMENT ON TABLE target_schedule IS 'interim schedule of a target: 12 cumulative shares of the annual target, or last year''s seasonal shape (seasonal); used in place of m/12';
COMMENT ON COLUMN target_schedule.indicator_id IS 'indicator of the target';
COMMENT ON COLUMN target_schedule.unit_id IS 'unit of the target';
COMMENT ON COLUMN target_schedule.year IS 'year of the target';
COMMENT ON COLUMN target_schedule.shares IS 'cumulative share of the annual target due by the end of each month, 0..1 (NULL: no share that month)';
COMMENT ON COLUMN target_schedule.seasonal IS 'true: the schedule is last year''s seasonal shape S(m) = C_m / A';
SELECT pg_catalog.pg_extension_config_dump('scorecard.target_schedule', '');
DO $update$ BEGIN IF pg_catalog.to_regclass(pg_catalog.quote_ident(pg_catalog.current_schema()) OPERATOR(pg_catalog.||) '.indicator_schedule') IS NULL
THEN EXECUTE $ddl$CREATE TABLE indicator_schedule (
	indicator_id int NOT NULL,
	year int NOT NULL,
	shares float8[],
	seasonal boolean NOT NULL DEFAULT false,
	PRIMARY KEY (indicator_id, year),
	CONSTRAINT indicator_schedule_indicator_is_known FOREIGN KEY (indicator_id)
		REFERENCES indicator (indicator_id) ON DELETE CASCADE,
	CONSTRAINT indicator_schedule_is_shares_or_seasonal CHECK ((shares IS NULL) = seasonal),
	CONSTRAINT indicator_schedule_has_12_shares_from_0_to_1 CHECK (shares IS NULL OR
		(pg_catalog.array_ndims(shares) = 1 AND pg_catalog.cardinality(shares) = 12 AND 0 <= ALL (shares) AND 1 >= ALL (shares)))
)$ddl$;
END IF; END $update$;  -- new only
COMMENT ON TABLE indicator_schedule IS 'interim schedule of every target of an indicator in a year (a target_schedule row overrides it)';
COMMENT ON COLUMN indicator_schedule.indicator_id IS 'indicator';
COMMENT ON COLUMN indicator_schedule.year IS 'plan year';
COMMENT ON COLUMN indicator_schedule.shares IS 'cumulative share of the annual target due by the end of each month, 0..1 (NULL: no share that month)';
COMMENT ON COLUMN indicator_schedule.seasonal IS 'true: each unit''s last-year seasonal shape S(m) = C_m / A';
SELECT pg_catalog.pg_extension_config_dump('scorecard.indicator_schedule', '');
CREATE OR REPLACE FUNCTION previous_month_end(as_of date) RETURNS date
LANGUAGE sql IMMUTABLE STRICT PARALLEL SAFE
SET search_path = pg_catalog, scorecard, pg_temp AS $$
	SELECT CASE WHEN extract(month FROM as_of)::int > 1
	            THEN (pg_catalog.date_trunc('month', as_of::timestamp) - interval '1 day')::date END
$$;
COMMENT ON FUNCTION previous_month_end(date) IS 'last day of the month before as_of''s, NULL in January';
CREATE OR REPLACE FUNCTION unit_ranks(as_of date, recorded_as_of timestamptz DEFAULT NULL, digits int DEFAULT NULL)
RETURNS TABLE (indicator_id int, unit_id text, parent_id text, peer_group text,
	actual float8, published numeric, rank int, peers int)
LANGUAGE sql STABLE PARALLEL SAFE
SET search_path = pg_catalog, scorecard, pg_temp AS $$
	WITH p AS (
		SELECT p.indicator_id, p.unit_id, u.parent_id, unit_peer_group(u.kind) AS peer_group,
		       p.actual,
		       CASE WHEN digits IS NOT NULL THEN pg_catalog.round(p.actual::numeric, digits)
		            WHEN p.decimals IS NOT NULL THEN pg_catalog.round(p.actual_published::numeric, p.decimals)
		            ELSE p.actual_published::numeric END AS published, i.higher_is_better
		FROM progress(as_of, recorded_as_of) p
		JOIN unit u ON u.unit_id = p.unit_id
		JOIN indicator i ON i.indicator_id = p.indicator_id
	)
	SELECT p.indicator_id, p.unit_id, p.parent_id, p.peer_group, p.actual, p.published,
	       CASE WHEN p.published IS NOT NULL AND (SELECT sees_all_units()) THEN
	            pg_catalog.rank() OVER (PARTITION BY p.indicator_id, p.parent_id, p.peer_group
	                         ORDER BY CASE WHEN p.higher_is_better THEN -p.published ELSE p.published END
	                         NULLS LAST)::int END,
	       pg_catalog.count(p.published) OVER (PARTITION BY p.indicator_id, p.parent_id, p.peer_group)::int
	FROM p
$$;
COMMENT ON FUNCTION unit_ranks(date, timestamptz, int) IS 'rank (位次) of each unit among its peers (same parent and peer group) on the published figure (at the indicator''s precision, or rounded to digits decimals; ties share a rank)';
CREATE OR REPLACE FUNCTION progress_arith(as_of date, recorded_as_of timestamptz DEFAULT NULL,
		digits int DEFAULT NULL, bound float8 DEFAULT 100)
RETURNS TABLE (indicator_id int, code text, indicator_zh text, measure_unit text, nature text,
	unit_id text, unit_zh text, unit_kind text, parent_id text, year int, as_of date,
	data_month date, target text, actual float8, published numeric, rank int, rank_prior int,
	rank_change int, peers int, parent_published numeric, gap_to_parent numeric, growth float8,
	gap float8, contribution float8, pull float8, month_growth float8, growth_change float8,
	two_year_growth float8, required_growth float8, hard_to_reach boolean, projection float8, projected_growth float8,
	projection_met boolean, schedule text, time_progress float8, schedule_gap float8, status text)
LANGUAGE sql STABLE PARALLEL SAFE
SET search_path = pg_catalog, scorecard, pg_temp AS $$
	WITH p AS (
		SELECT p.*, u.parent_id, k.peer_group, k.is_department, i.higher_is_better,
		       i.additive, i.frequency,
		       CASE WHEN digits IS NOT NULL THEN pg_catalog.round(p.actual::numeric, digits)
		            WHEN p.decimals IS NOT NULL THEN pg_catalog.round(p.actual_published::numeric, p.decimals)
		            ELSE p.actual_published::numeric END AS pub,
		       -- the unit whose figure the target is judged on (a department's area)
		       CASE WHEN t.judged_on = 'area' THEN u.parent_id ELSE p.unit_id END AS eu
		FROM progress(as_of, recorded_as_of) p
		JOIN plan_target t ON t.indicator_id = p.indicator_id AND t.unit_id = p.unit_id AND t.year = p.year
		JOIN unit u ON u.unit_id = p.unit_id
		JOIN unit_kind k ON k.kind = u.kind
		JOIN indicator i ON i.indicator_id = p.indicator_id
	), s AS (
		SELECT * FROM indicator_state(as_of, recorded_as_of)
	), s_prev AS (
		-- a year earlier: the states reach back to the year before last
		SELECT * FROM indicator_state((as_of - interval '1 year')::date, recorded_as_of)
	), pr AS MATERIALIZED (
		-- materialised: a function scan inside a nested loop is run again per row
		SELECT * FROM unit_ranks(previous_month_end(as_of), recorded_as_of, digits)
	), r AS (
		SELECT p.*,
		       CASE WHEN p.pub IS NOT NULL AND (SELECT sees_all_units()) THEN
		            pg_catalog.rank() OVER (PARTITION BY p.indicator_id, p.parent_id, p.peer_group
		                         ORDER BY CASE WHEN p.higher_is_better THEN -p.pub ELSE p.pub END
		                         NULLS LAST)::int END AS rk,
		       pg_catalog.count(p.pub) OVER (PARTITION BY p.indicator_id, p.parent_id, p.peer_group)::int AS n
		FROM p
	), x AS (
		SELECT r.*, own.state, par.state AS parent_state, old.state AS old_state,
		       pr.rank AS rk_prior, pp.pub AS parent_pub, pp.target AS parent_target
		FROM r
		LEFT JOIN s own ON own.indicator_id = r.indicator_id AND own.unit_id = r.eu
		LEFT JOIN s_prev old ON old.indicator_id = r.indicator_id AND old.unit_id = r.eu
		-- contribution and pull: an area unit's own figure to its parent's
		LEFT JOIN s par ON par.indicator_id = r.indicator_id AND par.unit_id = r.parent_id
			AND r.eu = r.unit_id AND NOT r.is_department
		LEFT JOIN pr ON pr.indicator_id = r.indicator_id AND pr.unit_id = r.unit_id
		LEFT JOIN p pp ON pp.indicator_id = r.indicator_id AND pp.unit_id = r.parent_id
	)
	SELECT y.indicator_id, y.code, y.indicator_zh, y.measure_unit, y.nature, y.unit_id, y.unit_zh,
	       y.unit_kind, y.parent_id, y.year, y.as_of, y.data_month, y.target, y.actual, y.pub,
	       y.rk, y.rk_prior, y.rk_prior - y.rk, y.n, y.parent_pub,
	       CASE WHEN target_measure(y.target::target) = target_measure(y.parent_target::target)
	            THEN y.pub - y.parent_pub END,
	       y.growth, y.gap,
	       CASE WHEN y.nature = 'flow' AND y.additive THEN ytd_contribution(y.state, y.parent_state, y.data_month) END,
	       CASE WHEN y.nature = 'flow' AND y.additive THEN ytd_pull(y.state, y.parent_state, y.data_month) END,
	       CASE WHEN y.nature = 'flow' THEN ytd_month_growth(y.state, y.data_month) END,
	       CASE WHEN y.nature = 'flow' THEN ytd_growth_change(y.state, y.data_month) END,
	       CASE WHEN y.nature = 'flow' THEN avg_growth(ytd_value(y.state, y.data_month),
	            ytd_prior(y.old_state, (y.data_month - interval '1 year')::date), 2) END,
	       rq.r, CASE WHEN target_higher_is_better(y.target::target) THEN rq.r > bound ELSE rq.r < -bound END,
	       CASE WHEN y.nature = 'flow' THEN ytd_projection(y.state, y.data_month) END,
	       CASE WHEN y.nature = 'flow' THEN ytd_projected_growth(y.state, y.data_month) END,
	       CASE WHEN y.nature = 'flow' THEN ytd_projection_met(y.state, y.data_month, y.target::target) END,
	       -- the schedule progress() judged by, and its judgement
	       y.schedule, y.time_progress, y.schedule_gap, y.status
	FROM x y
	CROSS JOIN LATERAL (
		SELECT CASE WHEN y.nature = 'flow' THEN ytd_required_growth(y.state, y.data_month, y.target::target) END AS r
	) rq
	ORDER BY y.indicator_id, y.parent_id NULLS FIRST, y.rk NULLS LAST, y.unit_id
$$;
COMMENT ON FUNCTION progress_arith(date, timestamptz, int, float8) IS 'progress with rank and rank change (位次), gap to the parent, contribution and pull (贡献率, 拉动), month growth, change since last month, required growth and projection (倒排), and status against the target''s schedule';
CREATE OR REPLACE FUNCTION warning_streaks(as_of date)
RETURNS TABLE (unit_id text, unit_zh text, indicator_id int, indicator_zh text, status text,
	months int, since date, red_months int, run_as_of date)
LANGUAGE sql STABLE PARALLEL SAFE
SET search_path = pg_catalog, scorecard, pg_temp AS $$
	WITH runs AS (
		SELECT DISTINCT ON (pg_catalog.date_trunc('month', r.as_of::timestamp)) r.run_id, r.as_of,
		       (extract(year FROM r.as_of) * 12 + extract(month FROM r.as_of))::int AS mi
		FROM assessment_run r
		WHERE r.as_of <= warning_streaks.as_of AND r.finished_at IS NOT NULL
		ORDER BY pg_catalog.date_trunc('month', r.as_of::timestamp), r.as_of DESC, r.run_id DESC
	), last AS (
		SELECT * FROM runs ORDER BY as_of DESC LIMIT 1
	), st AS (
		SELECT p.unit_id, p.indicator_id, runs.mi, runs.as_of, p.status
		FROM runs JOIN assessment_run_progress p USING (run_id)
		WHERE p.status IN ('red', 'yellow')
	), g AS (
		-- months in a row: the month index less the row number is constant,
		-- over the red-or-yellow months and over the red ones
		SELECT st.*,
		       st.mi - pg_catalog.row_number() OVER (PARTITION BY st.unit_id, st.indicator_id ORDER BY st.mi)::int AS warn_grp,
		       CASE WHEN st.status = 'red' THEN st.mi - pg_catalog.row_number() OVER (
		            PARTITION BY st.unit_id, st.indicator_id, st.status = 'red' ORDER BY st.mi)::int END AS red_grp
		FROM st
	), n AS (
		SELECT g.*,
		       pg_catalog.count(*) OVER (PARTITION BY g.unit_id, g.indicator_id, g.warn_grp)::int AS months,
		       pg_catalog.min(g.as_of) OVER (PARTITION BY g.unit_id, g.indicator_id, g.warn_grp) AS first_as_of,
		       CASE WHEN g.red_grp IS NOT NULL THEN
		            pg_catalog.count(*) OVER (PARTITION BY g.unit_id, g.indicator_id, g.red_grp)::int ELSE 0 END AS red_months
		FROM g
	)
	SELECT n.unit_id, u.name_zh, n.indicator_id, i.name_zh, n.status, n.months,
	       pg_catalog.date_trunc('month', n.first_as_of::timestamp)::date, n.red_months, n.as_of
	FROM n
	JOIN last ON last.mi = n.mi
	JOIN unit u ON u.unit_id = n.unit_id
	JOIN indicator i ON i.indicator_id = n.indicator_id
	ORDER BY n.months DESC, n.status = 'yellow', n.unit_id, n.indicator_id
$$;
COMMENT ON FUNCTION warning_streaks(date) IS 'units x indicators red or yellow in the latest monthly run: consecutive months red or yellow, since when, consecutive months red';
CREATE OR REPLACE FUNCTION lagging_list(as_of date, recorded_as_of timestamptz DEFAULT NULL)
RETURNS TABLE (kind text, item_id text, item_zh text, unit_id text, unit_zh text,
	responsible_unit_id text, responsible_unit_zh text, lead_person text, status text,
	behind float8, behind_unit text, months int, since date)
LANGUAGE sql STABLE PARALLEL SAFE
SET search_path = pg_catalog, scorecard, pg_temp AS $$
	WITH ws AS MATERIALIZED (
		SELECT * FROM warning_streaks(as_of)
	), dep AS MATERIALIZED (
		-- the departments holding a target on each indicator of the year
		SELECT dt.indicator_id,
		       pg_catalog.string_agg(du.unit_id, ',' ORDER BY du.sort_order, du.unit_id) AS unit_ids,
		       pg_catalog.string_agg(du.name_zh, '、' ORDER BY du.sort_order, du.unit_id) AS names
		FROM plan_target dt JOIN unit du ON du.unit_id = dt.unit_id
		JOIN unit_kind dk ON dk.kind = du.kind AND dk.is_department
		WHERE dt.year = extract(year FROM as_of)::int
		GROUP BY dt.indicator_id
	), t AS (
		SELECT 'target'::text AS kind, p.indicator_id::text AS item_id, p.indicator_zh AS item_zh,
		       p.unit_id, p.unit_zh,
		       CASE WHEN k.is_department THEN p.unit_id ELSE d.unit_ids END AS responsible_unit_id,
		       CASE WHEN k.is_department THEN p.unit_zh ELSE d.names END AS responsible_unit_zh,
		       NULL::text AS lead_person, p.status,
		       CASE WHEN p.schedule_gap IS NOT NULL THEN -p.schedule_gap ELSE -p.gap END AS behind,
		       CASE WHEN p.schedule_gap IS NOT NULL THEN 'points of schedule'
		            WHEN target_measure(p.target::target) = 'level' THEN p.measure_unit
		            ELSE 'pp' END AS behind_unit,
		       ws.months, ws.since
		FROM progress_arith(as_of, recorded_as_of) p
		JOIN unit_kind k ON k.kind = p.unit_kind
		LEFT JOIN dep d ON d.indicator_id = p.indicator_id
		LEFT JOIN ws ON ws.unit_id = p.unit_id AND ws.indicator_id = p.indicator_id
		WHERE p.status IN ('red', 'yellow')
	), k AS (
		SELECT 'task'::text, tp.task_id, tp.name_zh, tp.responsible_unit_id, tp.responsible_unit_zh,
		       tp.responsible_unit_id, tp.responsible_unit_zh, tp.lead_person,
		       CASE WHEN tp.overdue THEN 'red' ELSE 'yellow' END,
		       CASE WHEN tp.overdue THEN tp.days_overdue::float8
		            ELSE -100 * tp.ahead_of_schedule::float8 END,
		       CASE WHEN tp.overdue THEN 'days overdue' ELSE 'points of schedule' END,
		       -- an overdue task has been behind since its due date
		       CASE WHEN tp.overdue THEN ((extract(year FROM as_of) - extract(year FROM tp.due_date + 1)) * 12
		            + extract(month FROM as_of) - extract(month FROM tp.due_date + 1))::int + 1 END,
		       CASE WHEN tp.overdue THEN tp.due_date + 1 END
		FROM task_progress(as_of) tp
		WHERE (tp.overdue OR (tp.status <> 'done' AND tp.ahead_of_schedule < 0))
		  -- under row-level security, the tasks of the units the role may see
		  AND (NOT pg_catalog.row_security_active('scorecard.plan_target'::pg_catalog.regclass)
		       OR tp.responsible_unit_id IN (SELECT scorecard.visible_units()))
	)
	SELECT * FROM (SELECT * FROM t UNION ALL SELECT * FROM k) l
	ORDER BY l.status = 'yellow', l.months DESC NULLS LAST, l.behind DESC NULLS LAST, l.kind, l.item_id, l.unit_id
$$;
COMMENT ON FUNCTION lagging_list(date, timestamptz) IS 'items behind schedule (进度滞后清单), worst first: red or yellow targets with responsible departments and warning streak, overdue or lagging tasks with responsible unit and lead person';
CREATE OR REPLACE VIEW progress_arith_latest WITH (security_invoker = true) AS
	SELECT p.* FROM (SELECT scorecard.latest_as_of() AS as_of) d
	CROSS JOIN LATERAL scorecard.progress_arith(d.as_of) p;
COMMENT ON VIEW progress_arith_latest IS 'progress_arith(as_of) at the last day of the latest month with readings';
CREATE OR REPLACE VIEW warning_streaks_latest WITH (security_invoker = true) AS
	SELECT d.as_of, w.* FROM (SELECT scorecard.latest_as_of() AS as_of) d
	CROSS JOIN LATERAL scorecard.warning_streaks(d.as_of) w;
COMMENT ON VIEW warning_streaks_latest IS 'warning_streaks(as_of) at the last day of the latest month with readings';
CREATE OR REPLACE VIEW lagging_list_latest WITH (security_invoker = true) AS
	SELECT d.as_of, l.* FROM (SELECT scorecard.latest_as_of() AS as_of) d
	CROSS JOIN LATERAL scorecard.lagging_list(d.as_of) l;
COMMENT ON VIEW lagging_list_latest IS 'lagging_list(as_of), items behind schedule (进度滞后清单), at the last day of the latest month with readings, worst first';
COMMENT ON COLUMN progress_arith_latest.indicator_id IS 'indicator';
COMMENT ON COLUMN progress_arith_latest.code IS 'indicator code';
COMMENT ON COLUMN progress_arith_latest.indicator_zh IS 'indicator name';
COMMENT ON COLUMN progress_arith_latest.measure_unit IS 'unit of measure of the indicator';
COMMENT ON COLUMN progress_arith_latest.nature IS 'flow, stock, rate or task';
COMMENT ON COLUMN progress_arith_latest.unit_id IS 'unit the target belongs to';
COMMENT ON COLUMN progress_arith_latest.unit_zh IS 'unit name';
COMMENT ON COLUMN progress_arith_latest.unit_kind IS 'kind of unit (unit_kind)';
COMMENT ON COLUMN progress_arith_latest.parent_id IS 'the unit''s parent (its total for contribution and pull)';
COMMENT ON COLUMN progress_arith_latest.year IS 'plan year';
COMMENT ON COLUMN progress_arith_latest.as_of IS 'as-of date';
COMMENT ON COLUMN progress_arith_latest.data_month IS 'latest month of the year with a reading';
COMMENT ON COLUMN progress_arith_latest.target IS 'the target, as text';
COMMENT ON COLUMN progress_arith_latest.actual IS 'what the target is judged on (growth, level, share or change)';
COMMENT ON COLUMN progress_arith_latest.published IS 'the actual as published: at the indicator''s precision (progress''s actual_published)';
COMMENT ON COLUMN progress_arith_latest.rank IS 'rank (位次) among the peers on the published figure; ties share a rank';
COMMENT ON COLUMN progress_arith_latest.rank_prior IS 'rank at the end of the previous month of the same year';
COMMENT ON COLUMN progress_arith_latest.rank_change IS 'places gained since the previous month (提升 n 位; negative: fell)';
COMMENT ON COLUMN progress_arith_latest.peers IS 'units ranked in the peer group';
COMMENT ON COLUMN progress_arith_latest.parent_published IS 'the parent''s published figure on the same indicator';
COMMENT ON COLUMN progress_arith_latest.gap_to_parent IS 'published minus the parent''s, in the target''s unit (比全市高/低)';
COMMENT ON COLUMN progress_arith_latest.growth IS 'year-to-date growth in % (reported if published, else computed)';
COMMENT ON COLUMN progress_arith_latest.gap IS 'signed gap to the target, positive means ahead';
COMMENT ON COLUMN progress_arith_latest.contribution IS 'contribution (贡献率) in % of the unit''s year-to-date change to its parent''s (additive flows)';
COMMENT ON COLUMN progress_arith_latest.pull IS 'pull (拉动) in points of the unit''s year-to-date change on its parent''s growth';
COMMENT ON COLUMN progress_arith_latest.month_growth IS 'the month''s own growth in % (当月增速)';
COMMENT ON COLUMN progress_arith_latest.two_year_growth IS 'average yearly growth in % over two years of the same months (两年平均增速)';
COMMENT ON COLUMN progress_arith_latest.growth_change IS 'points the year-to-date growth moved since the previous month';
COMMENT ON COLUMN progress_arith_latest.required_growth IS 'growth in % the remaining months need to reach the target (倒排); for lower-is-better targets the most they may grow';
COMMENT ON COLUMN progress_arith_latest.hard_to_reach IS 'required growth beyond the bound (or a fall deeper than it for lower-is-better targets)';
COMMENT ON COLUMN progress_arith_latest.projection IS 'year-end value at the year-to-date pace';
COMMENT ON COLUMN progress_arith_latest.projected_growth IS 'growth in % of the projection over last year''s total';
COMMENT ON COLUMN progress_arith_latest.projection_met IS 'whether the projection meets the target';
COMMENT ON COLUMN progress_arith_latest.schedule IS 'time progress used: shares, seasonal or linear';
COMMENT ON COLUMN progress_arith_latest.time_progress IS 'share of the annual target due by the data month (the schedule''s, else m/12)';
COMMENT ON COLUMN progress_arith_latest.schedule_gap IS 'points of a level target of a flow ahead of its schedule';
COMMENT ON COLUMN progress_arith_latest.status IS 'green, yellow or red, against the schedule';
COMMENT ON COLUMN warning_streaks_latest.as_of IS 'last day of the latest month with readings (latest_as_of())';
COMMENT ON COLUMN lagging_list_latest.as_of IS 'last day of the latest month with readings (latest_as_of())';
COMMENT ON COLUMN warning_streaks_latest.unit_id IS 'unit';
COMMENT ON COLUMN warning_streaks_latest.unit_zh IS 'unit name';
COMMENT ON COLUMN warning_streaks_latest.indicator_id IS 'indicator';
COMMENT ON COLUMN warning_streaks_latest.indicator_zh IS 'indicator name';
COMMENT ON COLUMN warning_streaks_latest.status IS 'status in the latest run: red or yellow';
COMMENT ON COLUMN warning_streaks_latest.months IS 'consecutive months red or yellow, up to the latest run';
COMMENT ON COLUMN warning_streaks_latest.since IS 'first month of the streak';
COMMENT ON COLUMN warning_streaks_latest.red_months IS 'consecutive months red, up to the latest run';
COMMENT ON COLUMN warning_streaks_latest.run_as_of IS 'as-of date of the latest run';
COMMENT ON COLUMN lagging_list_latest.kind IS 'target or task';
COMMENT ON COLUMN lagging_list_latest.item_id IS 'indicator id or task id';
COMMENT ON COLUMN lagging_list_latest.item_zh IS 'indicator or task name';
COMMENT ON COLUMN lagging_list_latest.unit_id IS 'unit behind (the target''s unit, or the task''s responsible unit)';
COMMENT ON COLUMN lagging_list_latest.unit_zh IS 'its name';
COMMENT ON COLUMN lagging_list_latest.responsible_unit_id IS 'responsible unit(s), comma-separated: the department(s) with a target on the indicator, or the task''s';
COMMENT ON COLUMN lagging_list_latest.responsible_unit_zh IS 'their names';
COMMENT ON COLUMN lagging_list_latest.lead_person IS 'lead person (tasks)';
COMMENT ON COLUMN lagging_list_latest.status IS 'red or yellow';
COMMENT ON COLUMN lagging_list_latest.behind IS 'how far behind, in behind_unit';
COMMENT ON COLUMN lagging_list_latest.behind_unit IS 'pp, points of schedule, the measure unit, or days overdue';
COMMENT ON COLUMN lagging_list_latest.months IS 'months behind in a row (warning streak, or since the due date)';
COMMENT ON COLUMN lagging_list_latest.since IS 'first day of being behind';

-- from plan/80_run.sql
DO $update$ BEGIN IF pg_catalog.to_regclass(pg_catalog.quote_ident(pg_catalog.current_schema()) OPERATOR(pg_catalog.||) '.assessment_run') IS NULL
THEN EXECUTE $ddl$CREATE TABLE assessment_run (
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
	level_targets text NOT NULL DEFAULT 'prorated',
	CONSTRAINT assessment_run_once_per_year_and_as_of UNIQUE (year, as_of),
	CONSTRAINT assessment_run_level_targets_prorated_or_full_year CHECK (level_targets IN ('prorated', 'full_year')),
	CONSTRAINT assessment_run_as_of_in_year CHECK (extract(year FROM as_of) OPERATOR(pg_catalog.=) year)
)$ddl$;
END IF; END $update$;  -- new only
COMMENT ON TABLE assessment_run IS 'one row per assessment run: year, as-of date, data used (count, digest, latest recorded time), when';
COMMENT ON COLUMN assessment_run.level_targets IS 'how level targets of flows were scored: prorated (against the time-prorated target, 序时目标, the default) or full_year (against the whole year''s target, run_assessment(..., year_end => true))';
DO $update$ BEGIN IF pg_catalog.to_regclass(pg_catalog.quote_ident(pg_catalog.current_schema()) OPERATOR(pg_catalog.||) '.assessment_run_unit') IS NULL
THEN EXECUTE $ddl$CREATE TABLE assessment_run_unit (
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
)$ddl$;
END IF; END $update$;  -- new only
COMMENT ON TABLE assessment_run_unit IS 'assessment per unit of a run: total, normalised score, grade, rank';
DO $update$ BEGIN IF pg_catalog.to_regclass(pg_catalog.quote_ident(pg_catalog.current_schema()) OPERATOR(pg_catalog.||) '.assessment_run_item') IS NULL
THEN EXECUTE $ddl$CREATE TABLE assessment_run_item (
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
)$ddl$;
END IF; END $update$;  -- new only
COMMENT ON TABLE assessment_run_item IS 'points per unit x indicator of a run';
DO $update$ BEGIN IF pg_catalog.to_regclass(pg_catalog.quote_ident(pg_catalog.current_schema()) OPERATOR(pg_catalog.||) '.assessment_run_progress') IS NULL
THEN EXECUTE $ddl$CREATE TABLE assessment_run_progress (
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
)$ddl$;
END IF; END $update$;  -- new only
COMMENT ON TABLE assessment_run_progress IS 'the progress report of a run, per indicator x unit';
SELECT pg_catalog.pg_extension_config_dump('scorecard.assessment_run', '');
SELECT pg_catalog.pg_extension_config_dump('scorecard.assessment_run_run_id_seq', '');
SELECT pg_catalog.pg_extension_config_dump('scorecard.assessment_run_unit', '');
SELECT pg_catalog.pg_extension_config_dump('scorecard.assessment_run_item', '');
SELECT pg_catalog.pg_extension_config_dump('scorecard.assessment_run_progress', '');
DO $update$ BEGIN IF pg_catalog.to_regclass(pg_catalog.quote_ident(pg_catalog.current_schema()) OPERATOR(pg_catalog.||) '.assessment_run_lock') IS NULL
THEN EXECUTE $ddl$CREATE TABLE assessment_run_lock ()$ddl$;
END IF; END $update$;  -- new only
COMMENT ON TABLE assessment_run_lock IS 'run_assessment holds an EXCLUSIVE lock on it; UPDATE on it is the right to run assessments (and hold one off)';
CREATE OR REPLACE FUNCTION lock_for_run() RETURNS void LANGUAGE plpgsql VOLATILE SECURITY DEFINER
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
CREATE OR REPLACE PROCEDURE run_assessment(year int, as_of date DEFAULT NULL,
		recorded_as_of timestamptz DEFAULT NULL, year_end boolean DEFAULT false)
LANGUAGE plpgsql
SET search_path = pg_catalog, scorecard, pg_temp
SET datestyle = 'ISO, YMD'
SET extra_float_digits = 1 AS $$
DECLARE
	d date;
	rid bigint;
	n bigint;
	digest text;
	through timestamptz;
	prog progress_row[];
	scores unit_score_row[];
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
	IF NOT sees_all_units() THEN
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
		FROM readings(recorded_as_of, pg_catalog.make_date(year, 1, 1), pg_catalog.make_date(year, 12, 1)) r));
	IF d IS NULL THEN
		RAISE EXCEPTION 'run_assessment: no readings in % to assess', year
			USING ERRCODE = 'no_data_found';
	END IF;

	-- The digest is free of order (a sum, no sort of the readings): the md5
	-- of the count and the sum of each reading's 64-bit hash (dates and
	-- numbers as text in the procedure's DateStyle and extra_float_digits).
	SELECT pg_catalog.count(*),
	       pg_catalog.md5(pg_catalog.concat(pg_catalog.count(*), ':', coalesce(pg_catalog.sum(pg_catalog.hashtextextended(
	           pg_catalog.format('%s|%s|%s|%s|%s', r.indicator_id, r.unit_id, r.month, r.revision, r.value), 0)), 0))),
	       pg_catalog.max(r.recorded_at)
	INTO n, digest, through
	FROM readings(recorded_as_of, pg_catalog.make_date(year - 1, 1, 1), d) r;

	DELETE FROM assessment_run ar WHERE ar.year = run_assessment.year AND ar.as_of = d;
	INSERT INTO assessment_run (year, as_of, recorded_as_of, data_recorded_through, readings_used,
		readings_digest, started_at, level_targets)
	VALUES (year, d, recorded_as_of, through, n, digest, pg_catalog.clock_timestamp(),
	        CASE WHEN coalesce(year_end, false) THEN 'full_year' ELSE 'prorated' END)
	RETURNING run_id INTO rid;

	-- progress once; the scores and the units' assessment from its rows
	prog := ARRAY(SELECT p FROM progress(d, recorded_as_of) p);
	scores := ARRAY(SELECT s FROM unit_scores_of(prog, coalesce(year_end, false)) s);

	INSERT INTO assessment_run_item
	SELECT rid, s.unit_id, s.indicator_id, s.target, s.scoring, s.weight, s.actual, s.reference,
	       s.met, s.attainment, s.points
	FROM unnest(scores) s;

	INSERT INTO assessment_run_unit
	SELECT rid, a.unit_id, a.peer_group, a.items, a.applicable, a.weight, a.applicable_weight, a.total, a.score,
	       a.grade, a.rank
	FROM unit_assessment_of(scores) a;

	INSERT INTO assessment_run_progress
	SELECT rid, p.unit_id, p.indicator_id, p.data_month, p.target, p.value, p.growth, p.growth_source,
	       p.actual, p.met, p.gap, p.attainment, p.time_progress, p.status
	FROM unnest(prog) p;

	UPDATE assessment_run SET finished_at = pg_catalog.clock_timestamp() WHERE run_id = rid;
END $$;
COMMENT ON PROCEDURE run_assessment(int, date, timestamptz, boolean) IS 'materialise the assessment and progress of a year at an as-of date (default: the end of the latest month with readings in that year) from one consistent state of the data; level targets of flows against the time-prorated target unless year_end (recorded in level_targets); replaces an earlier run of the same as-of; never overlaps with itself';
CREATE OR REPLACE VIEW assessment_run_ranking WITH (security_invoker = true) AS
	SELECT r.run_id, r.year, r.as_of, r.finished_at, u.unit_id, un.name_zh AS unit_zh,
	       u.peer_group, u.total, u.score, u.grade, u.rank
	FROM assessment_run r
	JOIN assessment_run_unit u USING (run_id)
	JOIN unit un USING (unit_id);
COMMENT ON VIEW assessment_run_ranking IS 'each run''s units with total, score, grade and rank within the peer group';

-- from plan/85_report.sql
CREATE OR REPLACE FUNCTION report_escape(s text) RETURNS text
LANGUAGE sql IMMUTABLE PARALLEL SAFE
RETURN pg_catalog.replace(pg_catalog.replace(pg_catalog.replace(pg_catalog.replace(pg_catalog.replace(
	s, '&', '&amp;'), '<', '&lt;'), '>', '&gt;'), '"', '&quot;'), '''', '&#39;');
COMMENT ON FUNCTION report_escape(text) IS 'text escaped for HTML content and attribute values (& < > " '')';
CREATE OR REPLACE FUNCTION report_decimals(measure_unit text) RETURNS int
LANGUAGE sql IMMUTABLE PARALLEL SAFE
RETURN CASE WHEN measure_unit IN ('%', 'pp', '个百分点') THEN 1
            WHEN measure_unit IN ('亿元', '万元') THEN 2
            ELSE 0 END;
COMMENT ON FUNCTION report_decimals(text) IS 'decimals a figure in this unit is published with (1 for %, 2 for 亿元/万元, else 0)';
CREATE OR REPLACE FUNCTION report_figure(v float8, decimals int) RETURNS text
LANGUAGE sql IMMUTABLE PARALLEL SAFE
RETURN CASE WHEN v IS NULL OR v = 'NaN' OR abs(v) = 'Infinity' THEN NULL
            ELSE pg_catalog.round(v::numeric, decimals)::text END;
COMMENT ON FUNCTION report_figure(float8, int) IS 'a figure rounded to the decimals it is published with, as text';
CREATE OR REPLACE FUNCTION report_status_zh(status text) RETURNS text
LANGUAGE sql IMMUTABLE PARALLEL SAFE
RETURN CASE status WHEN 'green' THEN '绿' WHEN 'yellow' THEN '黄' WHEN 'red' THEN '红'
                   ELSE '无数据' END;
COMMENT ON FUNCTION report_status_zh(text) IS 'status in Chinese: green 绿, yellow 黄, red 红, NULL 无数据';
CREATE OR REPLACE FUNCTION report_target_zh(t target, measure_unit text, reference_zh text DEFAULT NULL) RETURNS text
LANGUAGE sql IMMUTABLE PARALLEL SAFE
RETURN CASE
	WHEN target_is_relative(t) THEN
		'增速' || CASE target_comparator(t) WHEN '>' THEN '高于' WHEN '>=' THEN '不低于'
		                                  WHEN '<' THEN '低于' WHEN '<=' THEN '不高于' ELSE target_comparator(t) END
		|| coalesce(reference_zh, '参照指标') || '增速'
	WHEN target_measure(t) = 'growth' AND target_comparator(t) = '<' AND target_threshold(t) = 0 THEN '下降'
	WHEN target_measure(t) = 'change' AND target_comparator(t) = '>' AND target_threshold(t) = 0 THEN '比上年提高'
	ELSE CASE target_measure(t) WHEN 'growth' THEN '增长 ' WHEN 'change' THEN '比上年提高 ' ELSE '' END
	     || CASE WHEN target_comparator(t) = 'between'
	             THEN target_threshold(t)::numeric::text || '～' || target_threshold_upper(t)::numeric::text
	             ELSE CASE target_comparator(t) WHEN '>=' THEN '≥' WHEN '<=' THEN '≤' ELSE target_comparator(t) END
	                  || ' ' || target_threshold(t)::numeric::text END
	     || CASE target_measure(t) WHEN 'growth' THEN '%' WHEN 'share' THEN '%' WHEN 'change' THEN ' 个百分点'
	             ELSE coalesce(nullif(' ' || measure_unit, ' '), '') END
	END;
COMMENT ON FUNCTION report_target_zh(target, text, text) IS 'a target in Chinese words, with the unit of measure and the reference indicator''s name';
CREATE OR REPLACE FUNCTION report_value_decimals(ind indicator) RETURNS int
LANGUAGE sql STABLE PARALLEL SAFE
SET search_path = pg_catalog, scorecard, pg_temp AS $$
	SELECT coalesce((to_jsonb(ind) ->> 'decimals')::int, report_decimals(ind.measure_unit))
$$;
COMMENT ON FUNCTION report_value_decimals(indicator) IS 'decimals of an indicator''s values: its decimals column if the model has one and it is set, else by unit';
CREATE OR REPLACE FUNCTION report_growth_decimals(ind indicator) RETURNS int
LANGUAGE sql STABLE PARALLEL SAFE
SET search_path = pg_catalog, scorecard, pg_temp AS $$
	SELECT coalesce((to_jsonb(ind) ->> 'growth_decimals')::int, 1)
$$;
COMMENT ON FUNCTION report_growth_decimals(indicator) IS 'decimals of an indicator''s growth: its growth_decimals column if the model has one, else 1';
CREATE OR REPLACE FUNCTION report_actual_zh(t target, actual float8, measure_unit text, with_unit boolean DEFAULT true,
	decimals int DEFAULT NULL, growth_decimals int DEFAULT 1)
RETURNS text
LANGUAGE sql IMMUTABLE PARALLEL SAFE
RETURN CASE target_measure(t)
	WHEN 'growth' THEN report_figure(actual, growth_decimals) || '%'
	WHEN 'share' THEN report_figure(actual, coalesce(decimals, 1)) || '%'
	WHEN 'change' THEN report_figure(actual, coalesce(decimals, 1)) || CASE WHEN with_unit THEN ' 个百分点' ELSE '' END
	ELSE report_figure(actual, coalesce(decimals, report_decimals(measure_unit)))
	     || CASE WHEN with_unit AND measure_unit <> '' THEN ' ' || measure_unit ELSE '' END
	END;
COMMENT ON FUNCTION report_actual_zh(target, float8, text, boolean, int, int) IS 'the figure a target is judged on, at published precision, with % / 个百分点 / the unit';
CREATE OR REPLACE FUNCTION report_month_end(as_of date) RETURNS date
LANGUAGE sql IMMUTABLE PARALLEL SAFE
RETURN (pg_catalog.date_trunc('month', as_of) + interval '1 month - 1 day')::date;
COMMENT ON FUNCTION report_month_end(date) IS 'last day of the month of as_of';
CREATE OR REPLACE FUNCTION report_main_indicators(as_of date, city_id text)
RETURNS TABLE (indicator_id int, name_zh text, nature text, measure_unit text, additive boolean,
	higher_is_better boolean, city_target target, reference_indicator_id int, vdec int, gdec int)
LANGUAGE sql STABLE PARALLEL SAFE
SET search_path = pg_catalog, scorecard, pg_temp AS $$
	SELECT i.indicator_id, i.name_zh, i.nature, i.measure_unit, i.additive, i.higher_is_better,
	       ct.target, ct.reference_indicator_id, report_value_decimals(i), report_growth_decimals(i)
	FROM indicator i
	JOIN plan_target ct ON ct.indicator_id = i.indicator_id AND ct.unit_id = city_id
	                   AND ct.year = extract(year FROM as_of)
	WHERE EXISTS (SELECT 1 FROM plan_target t JOIN unit u ON u.unit_id = t.unit_id
	              WHERE t.indicator_id = i.indicator_id AND t.year = ct.year
	                AND u.parent_id = city_id AND u.kind IN (SELECT k.kind FROM unit_kind k WHERE NOT k.is_department))
	ORDER BY i.indicator_id
$$;
COMMENT ON FUNCTION report_main_indicators(date, text) IS 'indicators the city has decomposed to its county-level units in the as-of year';
CREATE OR REPLACE FUNCTION report_city_targets_html(as_of date, city_id text) RETURNS text
LANGUAGE sql STABLE PARALLEL SAFE
SET search_path = pg_catalog, scorecard, pg_temp AS $$
	WITH p AS (
		SELECT p.*, a.name_zh AS action_zh, t.reference_indicator_id, ri.name_zh AS ref_zh,
		       t.target AS tgt, i.nature AS nat, report_value_decimals(i) AS vdec, report_growth_decimals(i) AS gdec
		FROM progress(as_of) p
		JOIN indicator i ON i.indicator_id = p.indicator_id
		JOIN plan_target t ON t.indicator_id = p.indicator_id AND t.unit_id = p.unit_id AND t.year = p.year
		LEFT JOIN indicator ri ON ri.indicator_id = t.reference_indicator_id
		LEFT JOIN action a ON a.action_id = p.action_id
		WHERE p.unit_id = city_id
	), r AS (
		SELECT p.*,
		       row_number() OVER (PARTITION BY p.action_id ORDER BY p.indicator_id) AS n_in_action,
		       dense_rank() OVER (ORDER BY p.action_id NULLS LAST) AS action_no,
		       p.schedule_gap IS NOT NULL AND target_threshold(p.tgt) > 0
		         AND target_higher_is_better(p.tgt) AS bar
		FROM p
	)
	SELECT '<table class="targets"><thead><tr><th class="n">序号</th><th>指标</th><th>年度目标</th>'
	    || '<th>数据期</th><th class="num">累计值</th><th class="num">增速/变化</th>'
	    || '<th class="prog">完成进度（竖线为序时进度）</th><th>状态</th></tr></thead><tbody>'
	    || coalesce(string_agg(
	        CASE WHEN r.n_in_action = 1 THEN
	            '<tr class="action"><td colspan="8">'
	            || (ARRAY['一','二','三','四','五','六','七','八','九','十'])[r.action_no]
	            || '、' || report_escape(coalesce(r.action_zh, '其他')) || '</td></tr>'
	        ELSE '' END
	        || '<tr data-indicator="' || r.indicator_id || '" data-status="' || coalesce(r.status, 'none') || '">'
	        || '<td class="n">' || r.indicator_id || '</td>'
	        || '<td class="name">' || report_escape(r.indicator_zh) || '</td>'
	        || '<td>' || report_escape(report_target_zh(r.tgt, r.measure_unit, r.ref_zh)) || '</td>'
	        || '<td>' || coalesce(CASE WHEN extract(month FROM r.data_month) = 1 THEN '1月'
	                                   ELSE '1-' || extract(month FROM r.data_month) || '月' END, '—') || '</td>'
	        || '<td class="num">' || coalesce(report_escape(report_figure(r.value, r.vdec)
	                                          || CASE WHEN r.measure_unit = '%' THEN '%' ELSE ' ' || r.measure_unit END), '—') || '</td>'
	        || '<td class="num">' || coalesce(CASE WHEN target_measure(r.tgt) = 'change'
	                                               THEN report_figure(r.actual, r.vdec) || ' 个百分点'
	                                               ELSE report_figure(r.growth, r.gdec) || '%' END, '—') || '</td>'
	        || '<td class="prog">' || CASE
	             WHEN r.bar THEN
	                 '<div class="bar" data-fill="' || round(least(greatest(r.value / target_threshold(r.tgt), 0), 1)::numeric, 4)
	                 || '" data-mark="' || round(r.time_progress::numeric, 4) || '">'
	                 || '<div class="fill ' || coalesce(r.status, 'none') || '" style="width:'
	                 || round(100 * least(greatest(r.value / target_threshold(r.tgt), 0), 1)::numeric, 2) || '%"></div>'
	                 || '<div class="mark" style="left:' || round(100 * r.time_progress::numeric, 2) || '%"></div></div>'
	                 || '<span class="pct">' || report_figure(100 * r.value / target_threshold(r.tgt), 1) || '%</span>'
	             WHEN r.attainment IS NOT NULL THEN '<span class="att">完成率 ' || report_figure(100 * r.attainment, 1) || '%</span>'
	             WHEN r.met IS NOT NULL THEN '<span class="att">' || CASE WHEN r.met THEN '已达标' ELSE '未达标' END || '</span>'
	             ELSE '<span class="att muted">' || report_escape(CASE WHEN r.data_month IS NULL THEN '本年暂无数据' ELSE '数据不全' END) || '</span>'
	           END || '</td>'
	        || '<td><span class="chip ' || coalesce(r.status, 'none') || '">' || report_status_zh(r.status) || '</span></td></tr>',
	        '' ORDER BY r.action_id NULLS LAST, r.indicator_id), '')
	    || '</tbody></table>'
	FROM r
$$;
COMMENT ON FUNCTION report_city_targets_html(date, text) IS 'report section: the city''s targets by action with status, figures and progress bars (HTML)';
CREATE OR REPLACE FUNCTION report_matrix_html(as_of date, city_id text) RETURNS text
LANGUAGE sql STABLE PARALLEL SAFE
SET search_path = pg_catalog, scorecard, pg_temp AS $$
	WITH mi AS (
		SELECT * FROM report_main_indicators(as_of, city_id)
	), cu AS (
		SELECT u.unit_id, u.name_zh, u.sort_order FROM unit u
		WHERE u.parent_id = city_id AND u.kind IN (SELECT k.kind FROM unit_kind k WHERE NOT k.is_department)
		  AND EXISTS (SELECT 1 FROM plan_target t WHERE t.unit_id = u.unit_id AND t.year = extract(year FROM as_of))
	), p AS (
		SELECT p.* FROM progress(as_of) p JOIN cu USING (unit_id)
	), cell AS (
		SELECT cu.unit_id, mi.indicator_id, p.status,
		       report_target_zh(p.target::target, mi.measure_unit,
		                        (SELECT name_zh FROM indicator WHERE indicator_id = mi.reference_indicator_id)) AS target,
		       report_actual_zh(p.target::target, p.actual, mi.measure_unit, false, mi.vdec, mi.gdec) AS fig,
		       p.target IS NOT NULL AS has_target
		FROM cu CROSS JOIN mi
		LEFT JOIN p ON p.unit_id = cu.unit_id AND p.indicator_id = mi.indicator_id
	), rowhtml AS (
		SELECT cu.unit_id, cu.sort_order,
		       '<tr><th class="unit">' || report_escape(cu.name_zh) || '</th>'
		       || string_agg('<td class="cell ' || CASE WHEN NOT c.has_target THEN 'na' ELSE coalesce(c.status, 'none') END
		                     || '" data-unit="' || report_escape(c.unit_id) || '" data-indicator="' || c.indicator_id
		                     || '" data-status="' || coalesce(c.status, 'none') || '"'
		                     || coalesce(' title="' || report_escape(c.target) || '"', '') || '>'
		                     || coalesce(report_escape(c.fig), CASE WHEN c.has_target THEN '—' ELSE '' END) || '</td>',
		                     '' ORDER BY c.indicator_id)
		       || '<td class="cnt red">' || count(*) FILTER (WHERE c.status = 'red') || '</td>'
		       || '<td class="cnt yellow">' || count(*) FILTER (WHERE c.status = 'yellow') || '</td>'
		       || '<td class="cnt green">' || count(*) FILTER (WHERE c.status = 'green') || '</td></tr>' AS h
		FROM cu JOIN cell c USING (unit_id)
		GROUP BY cu.unit_id, cu.sort_order, cu.name_zh
	)
	SELECT '<table class="matrix"><thead><tr><th class="unit corner">县市区</th>'
	    || coalesce((SELECT string_agg('<th class="ind"><div>' || report_escape(mi.name_zh) || '</div></th>', '' ORDER BY mi.indicator_id) FROM mi), '')
	    || '<th class="cnt">红</th><th class="cnt">黄</th><th class="cnt">绿</th></tr>'
	    || '<tr class="tgt"><th class="unit">全市目标</th>'
	    || coalesce((SELECT string_agg('<td>' || report_escape(report_target_zh(mi.city_target, mi.measure_unit,
	                              (SELECT name_zh FROM indicator WHERE indicator_id = mi.reference_indicator_id))) || '</td>',
	                          '' ORDER BY mi.indicator_id) FROM mi), '')
	    || '<td colspan="3"></td></tr></thead><tbody>'
	    || coalesce((SELECT string_agg(h, '' ORDER BY sort_order, unit_id) FROM rowhtml), '')
	    || '</tbody></table>'
$$;
COMMENT ON FUNCTION report_matrix_html(date, text) IS 'report section: county x main indicator matrix coloured by status (HTML)';
CREATE OR REPLACE FUNCTION report_ranking(as_of date, city_id text, peers text)
RETURNS TABLE (unit_id text, unit_zh text, score float8, total float8, grade text, rank bigint,
	source text, prior_rank bigint, prior_source text, unmet text)
LANGUAGE sql STABLE PARALLEL SAFE
SET search_path = pg_catalog, scorecard, pg_temp AS $$
	WITH run AS (
		SELECT r.run_id FROM assessment_run r
		WHERE r.year = extract(year FROM report_ranking.as_of)
		  AND pg_catalog.date_trunc('month', r.as_of) = pg_catalog.date_trunc('month', report_ranking.as_of)
		ORDER BY r.as_of DESC, r.run_id DESC LIMIT 1
	), cur AS (
		SELECT u.unit_id, n.name_zh AS unit_zh, u.score, u.total, u.grade, u.rank,
		       '本月考核运行 #' || run.run_id AS src
		FROM run JOIN assessment_run_unit u ON u.run_id = run.run_id JOIN unit n ON n.unit_id = u.unit_id
		WHERE u.peer_group = peers AND n.parent_id = city_id
		UNION ALL
		SELECT a.unit_id, a.unit_zh, a.score, a.total, a.grade, a.rank, '按本月数据计算'
		FROM unit_assessment(as_of) a JOIN unit u ON u.unit_id = a.unit_id
		WHERE NOT EXISTS (SELECT 1 FROM run) AND a.peer_group = peers AND u.parent_id = city_id
	), prev_run AS (
		SELECT r.run_id FROM assessment_run r
		WHERE r.year = extract(year FROM report_ranking.as_of)
		  AND pg_catalog.date_trunc('month', r.as_of) = pg_catalog.date_trunc('month', report_ranking.as_of) - interval '1 month'
		ORDER BY r.as_of DESC, r.run_id DESC LIMIT 1
	), prev AS (
		SELECT u.unit_id, u.rank, '上月考核运行 #' || pr.run_id AS src
		FROM prev_run pr JOIN assessment_run_unit u ON u.run_id = pr.run_id
		WHERE u.peer_group = peers
		UNION ALL
		SELECT a.unit_id, a.rank, '按上月数据计算'
		FROM unit_assessment((pg_catalog.date_trunc('month', as_of) - interval '1 day')::date) a
		WHERE NOT EXISTS (SELECT 1 FROM prev_run) AND extract(month FROM as_of) > 1
		  AND a.peer_group = peers
	), unmet AS (
		SELECT i.unit_id, string_agg(ind.name_zh, '、' ORDER BY i.indicator_id) AS names
		FROM run JOIN assessment_run_item i ON i.run_id = run.run_id
		JOIN indicator ind ON ind.indicator_id = i.indicator_id
		WHERE i.weight > 0 AND NOT i.met
		GROUP BY i.unit_id
		UNION ALL
		SELECT p.unit_id, string_agg(p.indicator_zh, '、' ORDER BY p.indicator_id)
		FROM progress(as_of) p
		WHERE NOT EXISTS (SELECT 1 FROM run) AND p.weight > 0 AND NOT p.met
		GROUP BY p.unit_id
	)
	SELECT c.unit_id, c.unit_zh, c.score, c.total, c.grade, c.rank, c.src, pv.rank, pv.src, um.names
	FROM cur c
	JOIN unit u ON u.unit_id = c.unit_id
	LEFT JOIN prev pv ON pv.unit_id = c.unit_id
	LEFT JOIN unmet um ON um.unit_id = c.unit_id
	ORDER BY c.rank, u.sort_order, c.unit_id
$$;
COMMENT ON FUNCTION report_ranking(date, text, text) IS 'ranking of the city''s counties or departments (the month''s stored run, else computed) with score, grade, the previous month''s rank and the names of unmet targets';
CREATE OR REPLACE FUNCTION report_ranking_html(as_of date, city_id text, peers text) RETURNS text
LANGUAGE sql STABLE PARALLEL SAFE
SET search_path = pg_catalog, scorecard, pg_temp AS $$
	SELECT '<table class="rank" data-peers="' || report_escape(peers) || '"><thead><tr><th class="n">名次</th><th>'
	    || CASE peers WHEN 'county' THEN '县市区' ELSE '部门' END
	    || '</th><th class="num">得分</th><th>等次</th><th>较上月</th><th>未达标指标</th></tr></thead><tbody>'
	    || coalesce(string_agg('<tr data-unit="' || report_escape(r.unit_id) || '"><td class="n">' || coalesce(r.rank::text, '—')
	        || '</td><td class="name">' || report_escape(r.unit_zh) || '</td>'
	        || '<td class="num">' || coalesce(report_figure(r.score, 2), '—') || '</td>'
	        || '<td><span class="grade g' || coalesce(report_escape(r.grade), '') || '">' || coalesce(report_escape(r.grade), '—') || '</span></td>'
	        || '<td class="delta">' || CASE WHEN r.prior_rank IS NULL OR r.rank IS NULL THEN '<span class="muted">—</span>'
	                                       WHEN r.prior_rank > r.rank THEN '<span class="up">↑' || (r.prior_rank - r.rank) || '</span>'
	                                       WHEN r.prior_rank < r.rank THEN '<span class="down">↓' || (r.rank - r.prior_rank) || '</span>'
	                                       ELSE '<span class="muted">持平</span>' END || '</td>'
	        || '<td class="unmet">' || coalesce(report_escape(r.unmet), '<span class="muted">全部达标</span>') || '</td></tr>',
	        '' ORDER BY r.rank, r.unit_id), '<tr><td colspan="6" class="muted">无考核对象</td></tr>')
	    || '</tbody></table>'
	    || '<p class="note">名次：' || coalesce(report_escape(min(r.source)), '—')
	    || coalesce('；较上月：与' || report_escape(min(r.prior_source)) || '的名次比较', '') || '。</p>'
	FROM report_ranking(as_of, city_id, peers) r
$$;
COMMENT ON FUNCTION report_ranking_html(date, text, text) IS 'report section: a ranking with score, grade and rank change (HTML)';
CREATE OR REPLACE FUNCTION report_contribution(as_of date, city_id text)
RETURNS TABLE (indicator_id int, indicator_zh text, unit_id text, unit_zh text, data_month date,
	part float8, part_prior float8, total float8, total_prior float8, contribution float8, pull float8)
LANGUAGE sql STABLE PARALLEL SAFE
SET search_path = pg_catalog, scorecard, pg_temp AS $$
	WITH mi AS (
		SELECT * FROM report_main_indicators(as_of, city_id) m
		WHERE m.nature = 'flow' AND m.additive AND m.higher_is_better
		  AND target_measure(m.city_target) = 'growth'
	), s AS (
		SELECT s.* FROM indicator_state(as_of) s JOIN mi USING (indicator_id)
	), tot AS (
		SELECT s.indicator_id, s.data_month, ytd_value(s.state, s.data_month) AS v, ytd_prior(s.state, s.data_month) AS pv
		FROM s WHERE s.unit_id = city_id
	)
	SELECT mi.indicator_id, mi.name_zh, u.unit_id, u.name_zh, t.data_month,
	       ytd_value(s.state, t.data_month), ytd_prior(s.state, t.data_month), t.v, t.pv,
	       contribution(ytd_value(s.state, t.data_month), ytd_prior(s.state, t.data_month), t.v, t.pv),
	       pull(ytd_value(s.state, t.data_month), ytd_prior(s.state, t.data_month), t.pv)
	FROM mi
	JOIN tot t ON t.indicator_id = mi.indicator_id
	JOIN unit u ON u.parent_id = city_id AND u.kind IN (SELECT k.kind FROM unit_kind k WHERE NOT k.is_department)
	LEFT JOIN s ON s.indicator_id = mi.indicator_id AND s.unit_id = u.unit_id
	ORDER BY mi.indicator_id, u.sort_order, u.unit_id
$$;
COMMENT ON FUNCTION report_contribution(date, text) IS 'each county-level unit''s contribution (%) to and pull (points) on the city''s ytd growth of the main flows';
CREATE OR REPLACE FUNCTION report_contribution_html(as_of date, city_id text) RETURNS text
LANGUAGE sql STABLE PARALLEL SAFE
SET search_path = pg_catalog, scorecard, pg_temp AS $$
	WITH c AS (
		SELECT * FROM report_contribution(as_of, city_id)
	), ind AS (
		SELECT DISTINCT c.indicator_id, c.indicator_zh, c.data_month, c.total, c.total_prior FROM c
	), u AS (
		-- one row per unit, its cells in indicator order (one pass over c)
		SELECT c.unit_id, c.unit_zh, un.sort_order,
		       string_agg('<td class="num c' || CASE WHEN c.contribution < 0 THEN ' neg' ELSE '' END || '">'
		                  || coalesce('<span class="cbar" style="width:'
		                              || round(least(greatest(c.contribution, 0), 100)::numeric, 1) || '%"></span>'
		                              || report_figure(c.contribution, 1), '—') || '</td>'
		                  || '<td class="num' || CASE WHEN c.pull < 0 THEN ' neg' ELSE '' END || '">'
		                  || coalesce(report_figure(c.pull, 2), '—') || '</td>',
		                  '' ORDER BY c.indicator_id) AS cells
		FROM c JOIN unit un USING (unit_id)
		GROUP BY c.unit_id, c.unit_zh, un.sort_order
	)
	SELECT CASE WHEN NOT EXISTS (SELECT 1 FROM ind) THEN '<p class="muted">本期无可计算的主要流量指标。</p>' ELSE
	    '<table class="contrib"><thead><tr><th class="unit" rowspan="2">县市区</th>'
	    || (SELECT string_agg('<th colspan="2" class="grp">' || report_escape(ind.indicator_zh)
	                          || '<br><span class="sub">全市 1-' || extract(month FROM ind.data_month) || '月 '
	                          || coalesce(report_figure(100 * (ind.total / nullif(ind.total_prior, 0) - 1), 1) || '%', '—')
	                          || '</span></th>', '' ORDER BY ind.indicator_id) FROM ind)
	    || '</tr><tr>'
	    || (SELECT string_agg('<th class="num">贡献率%</th><th class="num">拉动(点)</th>', '' ORDER BY ind.indicator_id) FROM ind)
	    || '</tr></thead><tbody>'
	    || (SELECT string_agg('<tr><th class="unit">' || report_escape(u.unit_zh) || '</th>' || u.cells || '</tr>',
	                          '' ORDER BY u.sort_order, u.unit_id) FROM u)
	    || '</tbody></table>'
	    || '<p class="note">贡献率 = 该县市区累计增量 ÷ 全市累计增量 × 100；拉动 = 该县市区累计增量 ÷ 全市上年同期累计值 × 100（百分点）。各县市区拉动之和等于全市累计增速，贡献率之和为 100。</p>'
	END
$$;
COMMENT ON FUNCTION report_contribution_html(date, text) IS 'report section: contribution and pull of each county-level unit to the city''s growth of the main flows (HTML)';
CREATE OR REPLACE FUNCTION report_lagging(as_of date, city_id text)
RETURNS TABLE (kind text, item text, action_zh text, status text, detail text, responsible text,
	lead_person text, section text, due_date date, days_overdue int, behind float8)
LANGUAGE sql STABLE PARALLEL SAFE
SET search_path = pg_catalog, scorecard, pg_temp AS $$
	SELECT * FROM (
	SELECT '指标' AS kind, p.indicator_zh AS item, a.name_zh AS action_zh, p.status,
	       report_target_zh(p.target::target, p.measure_unit, ri.name_zh) || '；当前 '
	         || coalesce(report_actual_zh(p.target::target, p.actual, p.measure_unit, true,
	                                      report_value_decimals(ii), report_growth_decimals(ii)), '—')
	         || coalesce('，落后序时 ' || report_figure(-p.schedule_gap, 1) || ' 个百分点', ''),
	       coalesce((SELECT string_agg(du.name_zh, '、' ORDER BY du.sort_order)
	                 FROM plan_target dt JOIN unit du ON du.unit_id = dt.unit_id
	                 WHERE dt.indicator_id = p.indicator_id AND dt.year = p.year AND du.kind IN (SELECT k.kind FROM unit_kind k WHERE k.is_department)
	                   AND du.parent_id = city_id),
	                (SELECT lu.name_zh FROM unit lu WHERE lu.unit_id = a.lead_unit_id)) AS responsible,
	       NULL AS lead_person, NULL AS section, NULL::date AS due_date, NULL::int AS days_overdue,
	       coalesce(-p.schedule_gap, -p.gap) AS behind
	FROM progress(as_of) p
	JOIN indicator ii ON ii.indicator_id = p.indicator_id
	JOIN plan_target t ON t.indicator_id = p.indicator_id AND t.unit_id = p.unit_id AND t.year = p.year
	LEFT JOIN indicator ri ON ri.indicator_id = t.reference_indicator_id
	LEFT JOIN action a ON a.action_id = p.action_id
	WHERE p.unit_id = city_id AND p.status IN ('red', 'yellow')
	UNION ALL
	SELECT CASE tp.kind WHEN 'project' THEN '项目' WHEN 'task' THEN '任务' ELSE '政策' END,
	       tp.name_zh, tp.action_zh, CASE WHEN tp.overdue THEN 'red' ELSE 'yellow' END,
	       CASE WHEN tp.overdue THEN '逾期 ' || tp.days_overdue || ' 天未完成'
	            ELSE '投资完成 ' || report_figure(100 * tp.investment_completion::float8, 1) || '%，序时 '
	                 || report_figure(100 * tp.time_progress::float8, 1) || '%' END
	         || '（' || CASE tp.status WHEN 'not_started' THEN '未开工' WHEN 'in_progress' THEN '在建'
	                                   WHEN 'suspended' THEN '暂停' ELSE '已完成' END || '）',
	       tp.responsible_unit_zh, tp.lead_person, tp.section, tp.due_date, tp.days_overdue,
	       -100 * tp.ahead_of_schedule::float8
	FROM task_progress(report_month_end(as_of)) tp
	JOIN task tk ON tk.task_id = tp.task_id
	WHERE tk.year = extract(year FROM as_of) AND tp.status <> 'done'
	  AND (tp.overdue OR tp.ahead_of_schedule < 0)
	) l
	ORDER BY l.kind = '指标' DESC, l.status, l.days_overdue DESC NULLS LAST, l.behind DESC NULLS LAST, l.item
$$;
COMMENT ON FUNCTION report_lagging(date, text) IS 'the city''s targets behind (red, yellow) with responsible departments, and the tasks behind schedule with responsible unit and lead person';
CREATE OR REPLACE FUNCTION report_lagging_html(as_of date, city_id text) RETURNS text
LANGUAGE sql STABLE PARALLEL SAFE
SET search_path = pg_catalog, scorecard, pg_temp AS $$
	WITH l AS (SELECT *, row_number() OVER () AS ord FROM report_lagging(as_of, city_id))
	SELECT '<h3>落后指标</h3><table class="lag"><thead><tr><th>状态</th><th>指标</th><th>所属行动</th><th>目标与进度</th><th>责任单位</th></tr></thead><tbody>'
	    || coalesce((SELECT string_agg('<tr><td><span class="chip ' || l.status || '">' || report_status_zh(l.status) || '</span></td>'
	                   || '<td class="name">' || report_escape(l.item) || '</td><td>' || coalesce(report_escape(l.action_zh), '') || '</td>'
	                   || '<td>' || report_escape(l.detail) || '</td><td>' || coalesce(report_escape(l.responsible), '—') || '</td></tr>',
	                   '' ORDER BY l.ord) FROM l WHERE l.kind = '指标'),
	                '<tr><td colspan="5" class="muted">无落后指标</td></tr>')
	    || '</tbody></table><h3>滞后项目与任务</h3><table class="lag"><thead><tr><th>状态</th><th>项目/任务</th><th>类别</th>'
	    || '<th>所属行动</th><th>进度</th><th>截止日期</th><th>责任单位</th><th>责任人</th><th>责任科室</th></tr></thead><tbody>'
	    || coalesce((SELECT string_agg('<tr><td><span class="chip ' || l.status || '">' || report_status_zh(l.status) || '</span></td>'
	                   || '<td class="name">' || report_escape(l.item) || '</td><td>' || report_escape(l.kind) || '</td>'
	                   || '<td>' || coalesce(report_escape(l.action_zh), '') || '</td><td>' || report_escape(l.detail) || '</td>'
	                   || '<td>' || coalesce(pg_catalog.to_char(l.due_date, 'YYYY-MM-DD'), '') || '</td>'
	                   || '<td>' || coalesce(report_escape(l.responsible), '—') || '</td>'
	                   || '<td>' || coalesce(report_escape(l.lead_person), '—') || '</td>'
	                   || '<td>' || coalesce(report_escape(l.section), '—') || '</td></tr>',
	                   '' ORDER BY l.ord) FROM l WHERE l.kind <> '指标'),
	                '<tr><td colspan="9" class="muted">无滞后项目</td></tr>')
	    || '</tbody></table>'
$$;
COMMENT ON FUNCTION report_lagging_html(date, text) IS 'report section: the lagging list (HTML)';
CREATE OR REPLACE FUNCTION report_growth_series(as_of date, city_id text)
RETURNS TABLE (indicator_id int, month int, growth float8, target float8)
LANGUAGE sql STABLE PARALLEL SAFE
SET search_path = pg_catalog, scorecard, pg_temp AS $$
	WITH mi AS (
		SELECT * FROM report_main_indicators(as_of, city_id) m
		WHERE m.nature IN ('flow', 'stock') AND target_measure(m.city_target) = 'growth'
	), s AS (
		SELECT s.indicator_id, s.state, i.nature FROM indicator_state(as_of) s
		JOIN indicator i ON i.indicator_id = s.indicator_id
		WHERE s.unit_id = city_id
		  AND s.indicator_id IN (SELECT mi.indicator_id FROM mi UNION SELECT mi.reference_indicator_id FROM mi)
	), rep AS (
		SELECT r.indicator_id, r.month, r.reported_growth
		FROM readings(NULL, pg_catalog.date_trunc('year', as_of)::date, as_of) r
		WHERE r.unit_id = city_id AND r.month >= pg_catalog.date_trunc('year', as_of) AND r.month <= as_of
	), g AS (
		SELECT s.indicator_id, mo,
		       coalesce(rep.reported_growth,
		                CASE s.nature WHEN 'flow' THEN ytd_growth(s.state, make_date(extract(year FROM as_of)::int, mo, 1))
		                              ELSE ytd_level_growth(s.state, make_date(extract(year FROM as_of)::int, mo, 1)) END) AS growth
		FROM s CROSS JOIN generate_series(1, extract(month FROM as_of)::int) mo
		LEFT JOIN rep ON rep.indicator_id = s.indicator_id
		             AND rep.month = make_date(extract(year FROM as_of)::int, mo, 1)
	)
	SELECT mi.indicator_id, g.mo, g.growth,
	       CASE WHEN target_is_relative(mi.city_target) THEN rg.growth ELSE target_threshold(mi.city_target) END
	FROM mi
	JOIN g ON g.indicator_id = mi.indicator_id
	LEFT JOIN g rg ON rg.indicator_id = mi.reference_indicator_id AND rg.mo = g.mo
	ORDER BY mi.indicator_id, g.mo
$$;
COMMENT ON FUNCTION report_growth_series(date, text) IS 'the city''s ytd growth of each main indicator with a growth target, month by month, with its target (or reference growth)';
CREATE OR REPLACE FUNCTION report_charts_html(as_of date, city_id text) RETURNS text
LANGUAGE sql STABLE PARALLEL SAFE
SET search_path = pg_catalog, scorecard, pg_temp AS $$
	WITH s AS (
		SELECT * FROM report_growth_series(as_of, city_id)
	), rng AS (
		-- the vertical range: the figures, the targets and zero, padded
		SELECT s.indicator_id,
		       least(0, min(s.growth), min(s.target)) AS lo0, greatest(0, max(s.growth), max(s.target)) AS hi0
		FROM s GROUP BY s.indicator_id
	), sc AS (
		SELECT r.indicator_id, r.lo0 - 0.12 * greatest(r.hi0 - r.lo0, 1) AS lo,
		       r.hi0 + 0.12 * greatest(r.hi0 - r.lo0, 1) AS hi,
		       -- a tick step of 1, 2 or 5 times a power of ten, about four ticks
		       (SELECT min(st) FROM unnest(ARRAY[1, 2, 5, 10]) m,
		               LATERAL (SELECT m * power(10, floor(log(greatest(r.hi0 - r.lo0, 1) * 1.24 / 4)))::float8 AS st) x
		        WHERE st >= greatest(r.hi0 - r.lo0, 1) * 1.24 / 5) AS step
		FROM rng r
	), pt AS (
		-- chart area: x 34..262, y 14..122 in a 270 x 146 view box
		SELECT s.*, 34 + (s.month - 0.5) * 19 AS x,
		       122 - (s.growth - sc.lo) / (sc.hi - sc.lo) * 108 AS y,
		       122 - (s.target - sc.lo) / (sc.hi - sc.lo) * 108 AS ty,
		       s.month = max(s.month) FILTER (WHERE s.growth IS NOT NULL) OVER (PARTITION BY s.indicator_id) AS last
		FROM s JOIN sc USING (indicator_id)
	), chart AS (
		SELECT mi.indicator_id, mi.name_zh, mi.measure_unit, mi.city_target, sc.lo, sc.hi, sc.step,
		       (SELECT name_zh FROM indicator WHERE indicator_id = mi.reference_indicator_id) AS ref_zh,
		       (SELECT 'M' || substr(string_agg('L' || round(pt.x::numeric, 1) || ' ' || round(pt.y::numeric, 1), ' ' ORDER BY pt.month), 2)
		        FROM pt WHERE pt.indicator_id = mi.indicator_id AND pt.growth IS NOT NULL) AS path,
		       (SELECT 'M' || substr(string_agg('L' || round(pt.x::numeric, 1) || ' ' || round(pt.ty::numeric, 1), ' ' ORDER BY pt.month), 2)
		        FROM pt WHERE pt.indicator_id = mi.indicator_id AND pt.target IS NOT NULL) AS tpath,
		       (SELECT string_agg('<circle cx="' || round(pt.x::numeric, 1) || '" cy="' || round(pt.y::numeric, 1) || '" r="2.6"/>', '' ORDER BY pt.month)
		        FROM pt WHERE pt.indicator_id = mi.indicator_id AND pt.growth IS NOT NULL) AS dots,
		       (SELECT '<text class="last" x="' || round(least(pt.x, 246)::numeric, 1) || '" y="' || round((pt.y - 6)::numeric, 1) || '" text-anchor="middle">'
		               || report_figure(pt.growth, mi.gdec) || '</text>'
		        FROM pt WHERE pt.indicator_id = mi.indicator_id AND pt.last) AS lastlabel,
		       (SELECT CASE WHEN target_higher_is_better(mi.city_target) THEN pt.growth >= pt.target ELSE pt.growth <= pt.target END
		        FROM pt WHERE pt.indicator_id = mi.indicator_id AND pt.last) AS on_target,
		       (SELECT string_agg('<line class="grid" x1="34" x2="262" y1="' || yy || '" y2="' || yy || '"/>'
		                          || '<text class="ax" x="30" y="' || (yy + 3) || '" text-anchor="end">' || v || '</text>', '')
		        FROM (SELECT round((122 - (k * sc.step - sc.lo) / (sc.hi - sc.lo) * 108)::numeric, 1) AS yy,
		                     (k * sc.step)::numeric::text AS v
		              FROM generate_series(ceil(sc.lo / sc.step)::int, floor(sc.hi / sc.step)::int) k) t) AS grid
		FROM report_main_indicators(as_of, city_id) mi JOIN sc ON sc.indicator_id = mi.indicator_id
	)
	SELECT coalesce(string_agg(
	    '<figure class="chart" data-indicator="' || c.indicator_id || '"><figcaption><b>' || report_escape(c.name_zh) || '</b>'
	    || '<span>目标：' || report_escape(report_target_zh(c.city_target, c.measure_unit, c.ref_zh)) || '</span></figcaption>'
	    || '<svg viewBox="0 0 270 146" width="270" height="146" role="img" aria-label="' || report_escape(c.name_zh) || '累计增速">'
	    || coalesce(c.grid, '')
	    || CASE WHEN c.lo < 0 AND c.hi > 0 THEN '<line class="zero" x1="34" x2="262" y1="' || round((122 + c.lo / (c.hi - c.lo) * 108)::numeric, 1)
	                                             || '" y2="' || round((122 + c.lo / (c.hi - c.lo) * 108)::numeric, 1) || '"/>' ELSE '' END
	    || (SELECT string_agg('<text class="ax" x="' || (34 + (m - 0.5) * 19) || '" y="138" text-anchor="middle">' || m || '</text>', '')
	        FROM generate_series(1, 12) m)
	    || coalesce('<path class="target" d="' || c.tpath || '"/>', '')
	    || coalesce('<path class="line' || CASE WHEN c.on_target THEN ' ok' ELSE ' behind' END || '" d="' || c.path || '"/>', '')
	    || coalesce('<g class="dots' || CASE WHEN c.on_target THEN ' ok' ELSE ' behind' END || '">' || c.dots || '</g>', '')
	    || coalesce(c.lastlabel, '')
	    || '</svg></figure>', '' ORDER BY c.indicator_id), '<p class="muted">本期无增速类主要指标。</p>')
	FROM chart c
$$;
COMMENT ON FUNCTION report_charts_html(date, text) IS 'report section: a small SVG line chart of the ytd growth month by month against its target per main indicator (HTML)';
CREATE OR REPLACE FUNCTION report_css() RETURNS text
LANGUAGE sql IMMUTABLE PARALLEL SAFE
SET search_path = pg_catalog, pg_temp AS $css$
	SELECT $$
*{box-sizing:border-box}
body{margin:0;background:#eef0f3;color:#1f2328;font:14px/1.55 "Noto Sans CJK SC","Noto Sans SC","Source Han Sans SC","PingFang SC","Microsoft YaHei","WenQuanYi Zen Hei",sans-serif}
main{max-width:1180px;margin:0 auto;background:#fff;padding:28px 40px 40px}
header.doc{text-align:center;border-bottom:3px double #b71c1c;padding-bottom:14px;margin-bottom:18px}
header.doc .org{color:#b71c1c;font-size:30px;font-weight:700;letter-spacing:4px}
header.doc .sub{color:#555;margin-top:6px}
.kpis{display:flex;gap:12px;margin:0 0 10px}
.kpi{flex:1;border:1px solid #d8dde3;border-radius:6px;padding:10px 14px;border-top:5px solid #607d8b}
.kpi b{display:block;font-size:28px;line-height:1.2}
.kpi.green{border-top-color:#188038}.kpi.yellow{border-top-color:#e8a600}.kpi.red{border-top-color:#c5221f}.kpi.none{border-top-color:#9aa0a6}
.kpi.tp{border-top-color:#1a4f8b}
h2{font-size:20px;color:#1a4f8b;border-left:6px solid #1a4f8b;padding-left:10px;margin:30px 0 12px}
h3{font-size:16px;margin:16px 0 8px;color:#333}
table{border-collapse:collapse;width:100%;font-size:13px}
th,td{border:1px solid #d8dde3;padding:5px 7px;vertical-align:middle}
thead th{background:#f1f3f6;font-weight:600}
td.num,th.num{text-align:right;font-variant-numeric:tabular-nums;white-space:nowrap}
td.n,th.n{text-align:center;width:3.4em;color:#555;white-space:nowrap}
td.name{font-weight:600}
tr.action td{background:#e8eef6;color:#1a4f8b;font-weight:700}
.chip{display:inline-block;min-width:2.6em;text-align:center;border-radius:10px;padding:0 8px;font-weight:700;font-size:12px}
.chip.green{background:#188038;color:#fff}.chip.yellow{background:#f9c31f;color:#3c2a00}.chip.red{background:#c5221f;color:#fff}.chip.none{background:#e8eaed;color:#5f6368}
td.prog{width:260px;white-space:nowrap}
.bar{position:relative;display:inline-block;vertical-align:middle;width:170px;height:14px;background:#e8eaed;border-radius:2px}
.bar .fill{position:absolute;left:0;top:0;bottom:0;border-radius:2px 0 0 2px}
.fill.green{background:#188038}.fill.yellow{background:#e8a600}.fill.red{background:#c5221f}.fill.none{background:#9aa0a6}
.bar .mark{position:absolute;top:-4px;bottom:-4px;width:2px;margin-left:-1px;background:#1a1a1a}
.pct{display:inline-block;width:4.2em;text-align:right;margin-left:6px;font-variant-numeric:tabular-nums}
.att{color:#333}.muted{color:#8a9199}
table.matrix{table-layout:fixed}
table.matrix th.unit{width:118px;text-align:left;white-space:nowrap}
table.matrix th.ind{height:150px;vertical-align:bottom;padding:6px 2px}
table.matrix th.ind div{writing-mode:vertical-rl;margin:0 auto;font-size:13px;line-height:1.25;max-height:140px}
table.matrix tr.tgt td{font-size:11px;color:#555;text-align:center;background:#fafbfc;padding:3px 1px}
table.matrix td.cell{text-align:center;font-variant-numeric:tabular-nums;font-size:12.5px;padding:6px 1px;height:32px}
td.cell.green{background:#81c995}td.cell.yellow{background:#fdd663}td.cell.red{background:#f28b82}td.cell.none{background:#f1f3f4;color:#8a9199}td.cell.na{background:#fff}
th.cnt,td.cnt{width:34px;text-align:center;font-weight:700}
td.cnt.red{color:#c5221f}td.cnt.yellow{color:#b07d00}td.cnt.green{color:#188038}
.legend{font-size:12.5px;color:#555;margin:6px 0}
.legend i{display:inline-block;width:14px;height:12px;vertical-align:-1px;margin:0 4px 0 10px}
.rankwrap{display:flex;gap:20px;align-items:flex-start}.rankwrap>div{flex:1;min-width:0}.rankwrap>div:first-child{flex:1.3}
table.rank th,table.rank td.name,table.rank td.delta,table.rank td .grade{white-space:nowrap}
table.rank td.unmet{font-size:12px;color:#444}
.grade{font-weight:700}.g优秀{color:#188038}.g良好{color:#1a4f8b}.g合格{color:#8a6d00}.g不合格{color:#c5221f}
.up{color:#188038;font-weight:700}.down{color:#c5221f;font-weight:700}
table.contrib th.grp{text-align:center;font-size:13px}
table.contrib .sub{font-weight:400;color:#555;font-size:12px}
table.contrib th.unit{text-align:left;white-space:nowrap;background:#fff;font-weight:600}
table.contrib td.c{position:relative}
.cbar{position:absolute;left:0;top:4px;bottom:4px;background:#dce7f5;z-index:-1}
table.contrib td.c{z-index:0}
td.neg{color:#c5221f}
.note{font-size:12px;color:#666;margin:6px 0}
table.lag td{font-size:12.5px}
.charts{display:grid;grid-template-columns:repeat(4,1fr);gap:12px}
figure.chart{margin:0;border:1px solid #d8dde3;border-radius:6px;padding:8px 6px 2px}
figure.chart figcaption{font-size:13px;padding:0 4px}
figure.chart figcaption span{display:block;font-size:11.5px;color:#666}
figure.chart svg{display:block;width:100%;height:auto}
svg .grid{stroke:#e3e6ea;stroke-width:1}
svg .zero{stroke:#9aa0a6;stroke-width:1}
svg .ax{font-size:9px;fill:#6b7280}
svg .target{fill:none;stroke:#c5221f;stroke-width:1.5;stroke-dasharray:5 3}
svg .line{fill:none;stroke-width:2.2}
svg .line.ok{stroke:#1a4f8b}svg .line.behind{stroke:#e8710a}
svg .dots.ok{fill:#1a4f8b}svg .dots.behind{fill:#e8710a}
svg .last{font-size:11px;font-weight:700;fill:#1f2328}
footer{margin-top:28px;font-size:12px;color:#777;border-top:1px solid #ddd;padding-top:8px}
@media print{body{background:#fff}main{padding:0;max-width:none}h2{break-after:avoid}table,figure{break-inside:avoid}}
$$
$css$;
COMMENT ON FUNCTION report_css() IS 'the report''s inline style sheet';
CREATE OR REPLACE FUNCTION progress_report_html(as_of date, city_id text DEFAULT NULL) RETURNS text
LANGUAGE plpgsql STABLE PARALLEL SAFE
SET search_path = pg_catalog, scorecard, pg_temp AS $$
DECLARE
	d date;
	c unit;
	y int;
	m int;
	tp float8;
	n_green int; n_yellow int; n_red int; n_none int; n_all int;
	latest date;
BEGIN
	IF as_of IS NULL THEN
		RAISE EXCEPTION 'progress_report_html: as_of must not be null'
			USING ERRCODE = 'null_value_not_allowed';
	END IF;
	IF NOT isfinite(as_of) THEN
		RAISE EXCEPTION 'progress_report_html: as_of must be a finite date'
			USING ERRCODE = 'datetime_field_overflow';
	END IF;
	SELECT * INTO c FROM unit u
	WHERE u.kind = 'city' AND (city_id IS NULL OR u.unit_id = city_id)
	ORDER BY u.sort_order, u.unit_id LIMIT 1;
	IF NOT FOUND THEN
		RAISE EXCEPTION 'progress_report_html: % is not a city', coalesce(quote_literal(city_id), 'no unit')
			USING ERRCODE = CASE WHEN city_id IS NULL THEN 'no_data_found' ELSE 'invalid_parameter_value' END,
			      DETAIL = 'The report is of a unit of kind city; the plan has no such unit.';
	END IF;
	d := report_month_end(as_of);
	y := extract(year FROM d);
	m := extract(month FROM d);
	tp := time_progress(d);
	latest := latest_month();

	SELECT count(*) FILTER (WHERE p.status = 'green'), count(*) FILTER (WHERE p.status = 'yellow'),
	       count(*) FILTER (WHERE p.status = 'red'), count(*) FILTER (WHERE p.status IS NULL), count(*)
	INTO n_green, n_yellow, n_red, n_none, n_all
	FROM progress(d) p WHERE p.unit_id = c.unit_id;

	RETURN '<!DOCTYPE html><html lang="zh-CN"><head><meta charset="utf-8">'
		|| '<meta name="viewport" content="width=device-width, initial-scale=1">'
		|| '<title>' || report_escape(c.name_zh) || y || '年主要目标任务推进情况（截至' || m || '月）</title>'
		|| '<style>' || report_css() || '</style></head><body><main>'
		|| '<header class="doc"><div class="org">' || report_escape(c.name_zh) || y || '年主要目标任务推进情况通报</div>'
		|| '<div class="sub">数据截至 ' || y || ' 年 ' || m || ' 月　·　序时进度 ' || report_figure(100 * tp, 1) || '%'
		|| CASE WHEN n_all = 0 THEN '　·　<span class="muted">本年没有目标</span>'
		        WHEN latest IS NULL OR latest < pg_catalog.date_trunc('month', d) THEN '　·　<span class="muted">本月读数尚未齐全</span>' ELSE '' END
		|| '</div></header>'
		|| '<section class="kpis">'
		|| '<div class="kpi tp"><b>' || report_figure(100 * tp, 1) || '%</b>序时进度（' || m || '/12）</div>'
		|| '<div class="kpi"><b>' || n_all || '</b>全市目标（项）</div>'
		|| '<div class="kpi green"><b>' || n_green || '</b>绿：达到序时或目标</div>'
		|| '<div class="kpi yellow"><b>' || n_yellow || '</b>黄：略有落后</div>'
		|| '<div class="kpi red"><b>' || n_red || '</b>红：明显落后</div>'
		|| '<div class="kpi none"><b>' || n_none || '</b>本年暂无数据</div>'
		|| '</section>'
		|| '<h2>一、全市主要目标完成情况</h2>'
		|| '<p class="legend">绿：达到目标或序时进度；黄：落后不足容差（增速类 1 个百分点，总量类 5%）；红：明显落后。进度条为年度目标完成比例，竖线为序时进度。</p>'
		|| coalesce(report_city_targets_html(d, c.unit_id), '<p class="muted">无</p>')
		|| '<h2>二、各县市区主要指标完成情况</h2>'
		|| '<p class="legend">单元格为各县市区累计增速（总量类为累计值），颜色为对照本地目标的状态：'
		|| '<i style="background:#81c995"></i>绿<i style="background:#fdd663"></i>黄<i style="background:#f28b82"></i>红'
		|| '<i style="background:#f1f3f4"></i>无数据</p>'
		|| coalesce(report_matrix_html(d, c.unit_id), '<p class="muted">无</p>')
		|| '<h2>三、考核排名</h2><div class="rankwrap"><div><h3>县市区</h3>' || coalesce(report_ranking_html(d, c.unit_id, 'county'), '<p class="muted">无</p>')
		|| '</div><div><h3>市直部门</h3>' || coalesce(report_ranking_html(d, c.unit_id, 'department'), '<p class="muted">无</p>') || '</div></div>'
		|| '<h2>四、各县市区对全市增长的贡献</h2>' || coalesce(report_contribution_html(d, c.unit_id), '<p class="muted">无</p>')
		|| '<h2>五、滞后清单</h2>' || coalesce(report_lagging_html(d, c.unit_id), '<p class="muted">无</p>')
		|| '<h2>六、主要指标累计增速走势</h2>'
		|| '<p class="legend">实线为全市 1 月至各月累计增速（%），虚线为目标；季度指标只有季末数据。横轴为月份。</p>'
		|| '<div class="charts">' || coalesce(report_charts_html(d, c.unit_id), '<p class="muted">无</p>') || '</div>'
		|| '<footer>本通报由 scorecard_plan 在数据库内生成（scorecard.progress_report_html），截至 '
		|| pg_catalog.to_char(d, 'YYYY-MM-DD') || '。增速以统计部门发布数为准，未发布时按累计值计算。</footer>'
		|| '</main></body></html>';
END $$;
COMMENT ON FUNCTION progress_report_html(date, text) IS 'the monthly progress report (调度通报) at the as-of month as one self-contained HTML document: city targets, county matrix, rankings, contribution and pull, lagging list, growth charts';

-- from plan/90_search_path.sql
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

-- from plan/95_comments.sql
DO $$
DECLARE
	c record;
BEGIN
	FOR c IN
		WITH per_name(col, txt) AS (VALUES
			('indicator_id', 'indicator id (scorecard.indicator)'),
			('code', 'indicator code'),
			('action_id', 'action id (scorecard.action)'),
			('action_zh', 'action name (Chinese)'),
			('indicator_zh', 'indicator name (Chinese)'),
			('indicator_en', 'indicator name (English)'),
			('measure_unit', 'unit of measure of the indicator''s values (亿元, %, ...)'),
			('nature', 'flow, stock, rate or task'),
			('unit_id', 'unit id (scorecard.unit)'),
			('unit_zh', 'unit name (Chinese)'),
			('unit_kind', 'kind of unit: city, district, county_city, county, department'),
			('peer_group', 'the group the unit is ranked in: county, department or city'),
			('year', 'plan year'),
			('as_of', 'as-of date of the figures'),
			('data_month', 'month the figures reach (first day); NULL without data'),
			('target', 'the target, as text (growth >= 7%)'),
			('weight', 'weight of the target in the assessment'),
			('value', 'year-to-date value (flows), level (stocks and rates) or count'),
			('prior', 'the same figure a year before'),
			('computed_growth', 'year-on-year growth computed from the readings, %'),
			('reported_growth', 'year-on-year growth as the bureau published it, %'),
			('growth', 'growth shown: reported if published, else computed, %'),
			('growth_source', 'which growth is shown: reported or computed'),
			('change_pp', 'change of a rate from a year before, percentage points'),
			('actual', 'the figure the target is judged on, in the target''s unit'),
			('reference', 'the reference indicator''s growth (relative targets), else NULL'),
			('met', 'whether the target is met'),
			('gap', 'signed gap to the target in its unit, positive = ahead'),
			('attainment', 'attainment ratio (完成率), 1 = on target; NULL where undefined'),
			('time_progress', 'share of the year elapsed at the as-of date (序时进度)'),
			('schedule_gap', 'points of an annual level target ahead of time progress (flows), else NULL'),
			('status', 'green, yellow or red; NULL without data'),
			('note', 'what keeps a figure from being computed, if anything'),
			('scoring', 'scoring method: ratio, threshold, efficacy, banded or rank'),
			('points', 'points earned by the target (NULL: not applicable)'),
			('items', 'number of weighted targets'),
			('applicable', 'number of targets with points'),
			('applicable_weight', 'weight of the targets with points'),
			('total', 'raw total: points plus bonus minus deduction'),
			('score', 'score: 100 x points / applicable weight'),
			('grade', 'grade (优秀, 良好, 合格, 不合格)'),
			('rank', 'rank among the unit''s peers, 1 = best'),
			('run_id', 'assessment run id (scorecard.assessment_run)'),
			('finished_at', 'when the assessment run finished'),
			('month', 'month of the reading (first day)'),
			('revision', 'revision number of the reading, 1 = first published'),
			('recorded_at', 'when this revision was recorded'),
			('source', 'where the figure comes from'),
			('task_id', 'task id (scorecard.task)'),
			('kind', 'project, task or policy'),
			('name_zh', 'task name (Chinese)'),
			('responsible_unit_id', 'unit responsible for the task'),
			('responsible_unit_zh', 'name of the unit responsible (Chinese)'),
			('lead_person', 'person in charge'),
			('section', 'section of the plan the task belongs to'),
			('due_date', 'date the task is due'),
			('completed_on', 'date the task was completed'),
			('planned_investment', 'planned investment (projects)'),
			('completed_investment', 'investment completed so far (projects)'),
			('investment_completion', 'completed / planned investment'),
			('ahead_of_schedule', 'investment completion minus time progress'),
			('overdue', 'whether the task is past due and not done'),
			('days_overdue', 'days past the due date (not done)')
		), per_view(view, col, txt) AS (VALUES
			('reading_current', 'value', 'the reading''s value (monthly, or cumulative January to month)'),
			('reading_current', 'revision', 'revision in force (the latest)'),
			('task_progress_latest', 'status', 'not_started, in_progress, done or suspended'),
			('task_progress_latest', 'time_progress', 'share of the task''s time from start to due date elapsed at the as-of date'),
			('assessment_run_ranking', 'as_of', 'as-of date of the run')
		)
		SELECT cl.relname, a.attname, coalesce(v.txt, n.txt) AS txt
		FROM pg_catalog.pg_class cl
		JOIN pg_catalog.pg_attribute a ON a.attrelid = cl.oid AND a.attnum > 0 AND NOT a.attisdropped
		LEFT JOIN per_view v ON v.view = cl.relname AND v.col = a.attname
		LEFT JOIN per_name n ON n.col = a.attname
		WHERE cl.relnamespace = 'scorecard'::pg_catalog.regnamespace AND cl.relkind = 'v'
			AND coalesce(v.txt, n.txt) IS NOT NULL
	LOOP
		EXECUTE pg_catalog.format('COMMENT ON COLUMN scorecard.%I.%I IS %L', c.relname, c.attname, c.txt);
	END LOOP;
END $$;

-- (scripts/update_acl.sql) The privileges of the re-created objects that
-- had any granted or revoked before the update (scripts/update_drop.sql
-- kept them) are set back as they were: the update keeps a BI role's
-- SELECT on a view and an administrator's REVOKE on a function.
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
				WHERE p.oid OPERATOR(pg_catalog.=) pg_catalog.to_regprocedure(o OPERATOR(pg_catalog.->>) 'name'))
			WHEN 'TYPE' THEN (SELECT t.typowner FROM pg_catalog.pg_type t
				WHERE t.oid OPERATOR(pg_catalog.=) pg_catalog.to_regtype(o OPERATOR(pg_catalog.->>) 'name')) END;
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
