-- The plan model's persistent schema: every table, index, sequence, seed
-- row and row type of scorecard_plan, in one place.  Created once by CREATE
-- EXTENSION and changed only by the hand-written part of an update script
-- (versions/); the functions, views, triggers, comments and grants of the
-- other plan/*.sql files are re-created by every install and every update
-- (docs/development.md "Versions and upgrades").
--
-- Actions, units, indicators, targets, readings, task lists.  Optional:
-- every function works on any user table; these tables are for users who
-- start from nothing.  Their rows are user data, kept by pg_dump
-- (pg_extension_config_dump).  Constraint names read as the rule broken.

-- The plan's actions (八大行动).
CREATE TABLE action (
	action_id int PRIMARY KEY,
	name_zh text NOT NULL,
	name_en text,
	lead_unit_id text,
	CONSTRAINT action_id_is_positive CHECK (action_id > 0)
);
COMMENT ON TABLE action IS 'actions of the plan (八大行动)';

-- Unit kinds are data: a kind has a level (1 the top: a nation; larger is
-- lower: province, city, county, township), or no level for departments,
-- which sit at the level of the unit they belong to.  peer_group: units of
-- the same peer group under the same parent are ranked together (districts,
-- county-level cities and counties are all 'county').  The kinds below come
-- with the extension (predefined); add others with INSERT.
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
COMMENT ON TABLE unit_kind IS 'kinds of unit: level (1 the top; NULL for departments), peer group for ranking, department or area';
COMMENT ON COLUMN unit_kind.level IS '1 for the top level (nation), larger for lower levels; NULL for departments';
COMMENT ON COLUMN unit_kind.peer_group IS 'units of one peer group under one parent are ranked together';
COMMENT ON COLUMN unit_kind.is_department IS 'departments are judged, never rolled up into their parent';
COMMENT ON COLUMN unit_kind.predefined IS 'true for the kinds the extension brings (pg_dump keeps only the others)';
INSERT INTO unit_kind (kind, level, peer_group, is_department, name_zh, name_en, predefined) VALUES
	('nation', 1, 'nation', false, '国家', 'nation', true),
	('province', 2, 'province', false, '省', 'province', true),
	('city', 3, 'city', false, '市', 'prefecture-level city', true),
	('district', 4, 'county', false, '区', 'district', true),
	('county_city', 4, 'county', false, '县级市', 'county-level city', true),
	('county', 4, 'county', false, '县', 'county', true),
	('township', 5, 'township', false, '乡镇', 'township', true),
	('department', NULL, 'department', true, '部门', 'department', true);

-- Units: a hierarchy of any depth through parent_id (a top unit has none):
-- nation, provinces, cities, counties, townships, and departments at any
-- level (a department's parent is the unit it belongs to and serves).
CREATE TABLE unit (
	unit_id text PRIMARY KEY,
	name_zh text NOT NULL,
	name_en text,
	kind text NOT NULL,
	parent_id text,
	central_city boolean NOT NULL DEFAULT false,
	sort_order int NOT NULL DEFAULT 0,
	CONSTRAINT unit_kind_is_known FOREIGN KEY (kind) REFERENCES unit_kind (kind),
	CONSTRAINT unit_parent_is_known FOREIGN KEY (parent_id) REFERENCES unit (unit_id),
	CONSTRAINT unit_is_not_its_own_parent CHECK (parent_id IS DISTINCT FROM unit_id)
);
COMMENT ON TABLE unit IS 'units of any hierarchy (nation to township, departments at any level); parent_id is the hierarchy';

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
	name_en text,
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
	CONSTRAINT indicator_derived_needs_threshold CHECK ((derived_from IS NULL) = (derived_threshold IS NULL)),
	status_bands text,
	CONSTRAINT indicator_status_bands_are_valid CHECK (status_bands IS NULL OR status_bands(status_bands) IS NOT NULL)
);
COMMENT ON TABLE indicator IS 'indicators: nature flow/stock/rate/task, frequency, direction, monthly or cumulative reporting';
COMMENT ON COLUMN indicator.decimals IS 'published precision of the value (level, share, rate, change in pp) in decimals; NULL: 2 for rates, else full precision';
COMMENT ON COLUMN indicator.growth_decimals IS 'published precision of its growth in %, in decimals (default 1: growth to 0.1%)';
COMMENT ON COLUMN indicator.status_bands IS 'the status band set of its targets (status_bands() text), unless a target has its own; NULL: the plan''s';


-- Targets per indicator x unit x year.  scoring: how the assessment scores
-- it (ratio: weight x attainment clamped to [score_floor, score_cap];
-- threshold: full weight if met, score_floor x weight otherwise; efficacy:
-- statistical efficacy coefficient with score_params {satisfactory,
-- disallowed}; banded: SOE banded efficacy with five standards in
-- score_params; rank: by rank among the units, score_floor x weight last;
-- scale: the 0-10 scale with score_params {red threshold, goal}; baseline:
-- weight x (actual - baseline) / (target - baseline) clamped to
-- [score_floor, score_cap], score_params {baseline}; for level targets of
-- flows mid-year the red threshold, goal and baseline are prorated as the
-- target is).
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
	CONSTRAINT plan_target_scoring_is_known CHECK (scoring IN ('ratio', 'threshold', 'efficacy', 'banded', 'rank', 'scale', 'baseline')),
	CONSTRAINT plan_target_score_floor_not_above_cap CHECK (score_floor >= 0::float8 AND score_floor <= score_cap),
	CONSTRAINT plan_target_efficacy_needs_two_params CHECK (scoring <> 'efficacy' OR coalesce(pg_catalog.cardinality(score_params), 0) = 2),
	CONSTRAINT plan_target_banded_needs_five_params CHECK (scoring <> 'banded' OR coalesce(pg_catalog.cardinality(score_params), 0) = 5),
	CONSTRAINT plan_target_relative_needs_reference_indicator
		CHECK (target_is_relative(target) = (reference_indicator_id IS NOT NULL)),
	CONSTRAINT plan_target_judged_on_own_or_area CHECK (judged_on IN ('own', 'area')),
	CONSTRAINT plan_target_scale_needs_two_params CHECK (scoring <> 'scale' OR coalesce(pg_catalog.cardinality(score_params), 0) = 2),
	CONSTRAINT plan_target_baseline_needs_one_param CHECK (scoring <> 'baseline' OR coalesce(pg_catalog.cardinality(score_params), 0) = 1),
	status_bands text,
	CONSTRAINT plan_target_status_bands_are_valid CHECK (status_bands IS NULL OR status_bands(status_bands) IS NOT NULL)
);
COMMENT ON TABLE plan_target IS 'targets per indicator x unit x year, with weight and scoring method';
COMMENT ON COLUMN plan_target.judged_on IS 'own: the unit''s own figure (readings or roll-up); area: the figure of its parent, the area a department serves';
COMMENT ON COLUMN plan_target.status_bands IS 'the status band set of this target (status_bands() text); NULL: the indicator''s, else the plan''s';
COMMENT ON COLUMN plan_target.indicator_nature IS 'the indicator''s nature, kept equal to it by plan_target_nature_is_the_indicators (filled in when omitted): the measure must fit it';

-- Targets changed mid-year (调整目标): each adjustment is a new version of a
-- plan_target's target, in force from its effective date (after 1 January
-- of the target's year, in that year) on; the plan_target row keeps the
-- target as first set (version 1) and the adjustments are kept, never
-- changed (a correction is a new adjustment), so that every run and report
-- can say which version it judged.
CREATE TABLE target_adjustment (
	indicator_id int NOT NULL,
	unit_id text NOT NULL,
	year int NOT NULL,
	effective_from date NOT NULL,
	target target NOT NULL,
	indicator_nature text NOT NULL,
	reason text,
	recorded_by name NOT NULL DEFAULT CURRENT_USER,
	recorded_at timestamptz NOT NULL DEFAULT pg_catalog.now(),
	PRIMARY KEY (indicator_id, unit_id, year, effective_from),
	CONSTRAINT target_adjustment_target_is_known FOREIGN KEY (indicator_id, unit_id, year)
		REFERENCES plan_target (indicator_id, unit_id, year) ON DELETE CASCADE,
	CONSTRAINT target_adjustment_nature_is_the_indicators FOREIGN KEY (indicator_id, indicator_nature)
		REFERENCES indicator (indicator_id, nature) ON UPDATE CASCADE,
	CONSTRAINT target_adjustment_measure_fits_indicator CHECK (target_check_fits(target, indicator_nature)),
	CONSTRAINT target_adjustment_effective_within_its_year
		CHECK (effective_from > pg_catalog.make_date(year, 1, 1) AND effective_from <= pg_catalog.make_date(year, 12, 31))
);
COMMENT ON TABLE target_adjustment IS 'targets changed mid-year (调整目标): a new version of a plan_target''s target from effective_from on; kept, never changed (see adjust_target)';
COMMENT ON COLUMN target_adjustment.effective_from IS 'the first day the adjusted target is in force (after 1 January of year, within it)';
COMMENT ON COLUMN target_adjustment.reason IS 'why the target was changed (the document that changed it)';
COMMENT ON COLUMN target_adjustment.recorded_by IS 'the role that recorded the adjustment';
COMMENT ON COLUMN target_adjustment.recorded_at IS 'when the adjustment was recorded: progress as recorded at an earlier time does not see it';


-- Readings.  value: the month's value (reporting monthly) or the January-to-
-- month value (reporting cumulative); for January-February combined
-- indicators the first reading of a year is February's.  reported_growth: the
-- year-to-date growth in % the statistics bureau publishes, when it does.
-- A correction is a new revision; rows are never updated: nobody but the
-- table's owner holds UPDATE (privileges, not a trigger, keep it so; the
-- one trigger, plan_readings_written, counts the owner's statements as
-- changes of the data: see docs/distributed.md).  Nobody but the owner holds
-- INSERT either: loaders write through load_readings (reading_intake,
-- below), so revision, recorded_at, loaded_by and loaded_at are the
-- server's.  loaded_by and loaded_at are NULL for rows the owner wrote
-- directly, and for rows written before 0.3.0.
CREATE TABLE reading (
	indicator_id int NOT NULL,
	unit_id text NOT NULL,
	month date NOT NULL,
	value float8 NOT NULL,
	reported_growth float8,
	revision int NOT NULL DEFAULT 1,
	recorded_at timestamptz NOT NULL DEFAULT pg_catalog.now(),
	source text,
	loaded_by name,
	loaded_at timestamptz,
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
COMMENT ON COLUMN reading.recorded_at IS 'when the reading entered the record: the server''s clock once load_readings held its lock (then equal to loaded_at), or a time the plan''s owner chose (a backdated load, or a row written directly)';
COMMENT ON COLUMN reading.source IS 'where the loader says the figure comes from (the CSV''s source column)';
COMMENT ON COLUMN reading.loaded_by IS 'the role whose load_readings wrote the row (NULL: written directly by the owner, or before 0.3.0)';
COMMENT ON COLUMN reading.loaded_at IS 'when load_readings wrote the row, by the server''s clock (NULL: written directly by the owner, or before 0.3.0)';

REVOKE UPDATE ON reading FROM PUBLIC;

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

-- Readings on their way into reading.  load_readings inserts the staged
-- rows here as the calling role (under row-level security the policy
-- unit_access checks each row's unit against visible_units(), as on
-- reading); record_readings() then moves this transaction's rows into
-- reading with the server's revision, recorded_at and loaded_at, and
-- loaded_by taken from here.  Loaders hold INSERT on the figure columns of
-- this table (grant_unit_access), not on reading; loaded_by and xact are
-- the server's (defaults no loader may override).  A row is of use only to
-- the transaction that inserts it (a load moves its own transaction's rows
-- and deletes them; rows committed without a load are never moved), so
-- the table is UNLOGGED: a load writes no WAL for rows it deletes before it
-- commits, and a crash, which empties the table, loses nothing a load
-- needs (reading itself is logged as ever).
CREATE UNLOGGED TABLE reading_intake (
	indicator_id int NOT NULL,
	unit_id text NOT NULL,
	month date NOT NULL,
	value float8 NOT NULL,
	reported_growth float8,
	source text,
	loaded_by name NOT NULL DEFAULT CURRENT_USER,
	xact xid8 NOT NULL DEFAULT pg_catalog.pg_current_xact_id()
);
COMMENT ON TABLE reading_intake IS 'readings on their way into reading: a loader inserts them (row-level security checks the unit), load_readings moves them with the server''s revision and recorded_at';
COMMENT ON COLUMN reading_intake.loaded_by IS 'the role that inserted the row (the default; loaders may not set it)';
COMMENT ON COLUMN reading_intake.xact IS 'the inserting transaction (the default; loaders may not set it): a load moves only its own transaction''s rows';

CREATE INDEX reading_unit_month ON reading (unit_id, month);
-- The latest month with readings (latest_month(), every *_latest view
-- computed live, the report's note) from the index's end, not a pass over
-- every reading.
CREATE INDEX reading_month ON reading (month);
-- The few corrected readings, so that the latest revision is found without
-- sorting every reading (readings()).
CREATE INDEX reading_revised ON reading (indicator_id, unit_id, month) WHERE revision > 1;
CREATE INDEX unit_parent ON unit (parent_id);
CREATE INDEX plan_target_unit_year ON plan_target (unit_id, year);
-- The last year with targets (latest_month(), so every *_latest view
-- computed live and every run without an as-of date) from the index's
-- end, not a pass over every target.
CREATE INDEX plan_target_year ON plan_target (year);
CREATE INDEX task_action ON task (action_id);

SELECT pg_catalog.pg_extension_config_dump('scorecard.unit_kind', 'WHERE NOT predefined');
SELECT pg_catalog.pg_extension_config_dump('scorecard.action', '');
SELECT pg_catalog.pg_extension_config_dump('scorecard.unit', '');
SELECT pg_catalog.pg_extension_config_dump('scorecard.indicator', '');
SELECT pg_catalog.pg_extension_config_dump('scorecard.plan_target', '');
SELECT pg_catalog.pg_extension_config_dump('scorecard.target_adjustment', '');
SELECT pg_catalog.pg_extension_config_dump('scorecard.reading', '');
SELECT pg_catalog.pg_extension_config_dump('scorecard.task', '');

-- The plan's settings: what the plan's owner (the owner of these tables,
-- or a superuser) decides for everyone; every role reads them, nobody else
-- writes them.  At most one row (its key is always true); a missing row or
-- a NULL column means the default, which plan_setting_in_force
-- (60_load.sql) shows.  pg_dump keeps the row.
CREATE TABLE plan_setting (
	only_row boolean PRIMARY KEY DEFAULT true,
	value_bound float8,
	growth_bound float8,
	future_months boolean,
	years_before_targets int,
	CONSTRAINT plan_setting_has_one_row CHECK (only_row),
	CONSTRAINT plan_setting_value_bound_is_positive_and_finite
		CHECK (value_bound > 0::float8 AND value_bound < 'Infinity'::float8),
	CONSTRAINT plan_setting_growth_bound_is_positive_and_finite
		CHECK (growth_bound > 0::float8 AND growth_bound < 'Infinity'::float8),
	CONSTRAINT plan_setting_years_before_targets_between_0_and_100 CHECK (years_before_targets BETWEEN 0 AND 100),
	status_bands text,
	CONSTRAINT plan_setting_status_bands_are_valid CHECK (status_bands IS NULL OR status_bands(status_bands) IS NOT NULL),
	review_on_load text,
	CONSTRAINT plan_setting_review_on_load_is_off_warn_or_block CHECK (review_on_load IN ('off', 'warn', 'block'))
);
COMMENT ON TABLE plan_setting IS 'the plan''s settings, one row, written by the plan''s owner only (no row or NULL: the default, see plan_setting_in_force)';
COMMENT ON COLUMN plan_setting.value_bound IS 'largest magnitude of a reading''s value the loader accepts (NULL: 1e15)';
COMMENT ON COLUMN plan_setting.growth_bound IS 'largest magnitude of a reported growth in % the loader accepts (NULL: 1e5, a thousand-fold rise)';
COMMENT ON COLUMN plan_setting.future_months IS 'whether the loader accepts readings of months after the current month (NULL: false)';
COMMENT ON COLUMN plan_setting.years_before_targets IS 'how many years before the first year with targets the loader accepts readings from (NULL: 5)';
COMMENT ON COLUMN plan_setting.review_on_load IS 'what load_readings does with the data review of the units it loaded: off, warn (a WARNING listing the findings) or block (errors refuse the load) (NULL: warn)';
COMMENT ON COLUMN plan_setting.status_bands IS 'the status band set of every target whose indicator and itself have none (status_bands() text; NULL: the default tolerances 5 points, 1 point, 5%)';
GRANT SELECT ON plan_setting TO PUBLIC;
SELECT pg_catalog.pg_extension_config_dump('scorecard.plan_setting', '');

-- Which units a role may see and load (row-level security: plan/55_access.sql).
CREATE TABLE unit_access (
	role_name name NOT NULL,
	unit_id text NOT NULL,
	PRIMARY KEY (role_name, unit_id),
	CONSTRAINT unit_access_unit_is_known FOREIGN KEY (unit_id) REFERENCES unit (unit_id) ON DELETE CASCADE
);
COMMENT ON TABLE unit_access IS 'which units a role (and its members) may see and load under row-level security; a unit covers the units below it';
SELECT pg_catalog.pg_extension_config_dump('scorecard.unit_access', '');

-- Interim schedules: a target (target_schedule) or every target of an
-- indicator (indicator_schedule) judged against time progress other than
-- m/12.  shares: 12 cumulative shares of the annual target (0..1, NULL for
-- a month without one), e.g. a project plan with 30% by June; seasonal:
-- last year's shape S(m) = C_m / A of the unit's own figures.
CREATE TABLE target_schedule (
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
);
COMMENT ON TABLE target_schedule IS 'interim schedule of a target: 12 cumulative shares of the annual target, or last year''s seasonal shape (seasonal); used in place of m/12';
COMMENT ON COLUMN target_schedule.indicator_id IS 'indicator of the target';
COMMENT ON COLUMN target_schedule.unit_id IS 'unit of the target';
COMMENT ON COLUMN target_schedule.year IS 'year of the target';
COMMENT ON COLUMN target_schedule.shares IS 'cumulative share of the annual target due by the end of each month, 0..1 (NULL: no share that month)';
COMMENT ON COLUMN target_schedule.seasonal IS 'true: the schedule is last year''s seasonal shape S(m) = C_m / A';
SELECT pg_catalog.pg_extension_config_dump('scorecard.target_schedule', '');

-- The same for every target of an indicator in a year (a target's own
-- schedule, if it has one, comes first).
CREATE TABLE indicator_schedule (
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
);
COMMENT ON TABLE indicator_schedule IS 'interim schedule of every target of an indicator in a year (a target_schedule row overrides it)';
COMMENT ON COLUMN indicator_schedule.indicator_id IS 'indicator';
COMMENT ON COLUMN indicator_schedule.year IS 'plan year';
COMMENT ON COLUMN indicator_schedule.shares IS 'cumulative share of the annual target due by the end of each month, 0..1 (NULL: no share that month)';
COMMENT ON COLUMN indicator_schedule.seasonal IS 'true: each unit''s last-year seasonal shape S(m) = C_m / A';
SELECT pg_catalog.pg_extension_config_dump('scorecard.indicator_schedule', '');

-- Assessment runs (run_assessment, plan/80_run.sql): what each run read and
-- what it found, kept until the same year and as-of date is run again.
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
	level_targets text NOT NULL DEFAULT 'prorated',
	CONSTRAINT assessment_run_once_per_year_and_as_of UNIQUE (year, as_of),
	CONSTRAINT assessment_run_level_targets_prorated_or_full_year CHECK (level_targets IN ('prorated', 'full_year')),
	CONSTRAINT assessment_run_as_of_in_year CHECK (extract(year FROM as_of) OPERATOR(pg_catalog.=) year)
);
COMMENT ON TABLE assessment_run IS 'one row per assessment run: year, as-of date, data used (count, digest, latest recorded time), when';
COMMENT ON COLUMN assessment_run.level_targets IS 'how level targets of flows were scored: prorated (against the time-prorated target, 序时目标, the default) or full_year (against the whole year''s target, run_assessment(..., year_end => true))';

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
	target_version int,
	target_since date,
	PRIMARY KEY (run_id, unit_id, indicator_id)
);
COMMENT ON COLUMN assessment_run_progress.target_version IS 'the version of the target judged: 1 as first set, n after n - 1 adjustments (target_adjustment)';
COMMENT ON COLUMN assessment_run_progress.target_since IS 'the effective date of the adjusted target judged (NULL: the target as first set)';
COMMENT ON TABLE assessment_run_progress IS 'the progress report of a run, per indicator x unit';

-- An item is the score of a progress row of its run (the same unit and
-- indicator): one key to that row, which is of a known run, unit and
-- indicator, rather than three keys of its own, each checked row by row
-- on every item a run stores.  Deleting a run deletes its progress rows,
-- and they their items.
CREATE TABLE assessment_run_item (
	run_id bigint NOT NULL,
	unit_id text NOT NULL,
	indicator_id int NOT NULL,
	target text NOT NULL,
	scoring text NOT NULL,
	weight float8 NOT NULL,
	actual float8,
	reference float8,
	met boolean,
	attainment float8,
	points float8,
	PRIMARY KEY (run_id, unit_id, indicator_id),
	CONSTRAINT assessment_run_item_is_of_a_progress_row FOREIGN KEY (run_id, unit_id, indicator_id)
		REFERENCES assessment_run_progress (run_id, unit_id, indicator_id) ON DELETE CASCADE
);
COMMENT ON TABLE assessment_run_item IS 'points per unit x indicator of a run';

SELECT pg_catalog.pg_extension_config_dump('scorecard.assessment_run', '');
SELECT pg_catalog.pg_extension_config_dump('scorecard.assessment_run_run_id_seq', '');
SELECT pg_catalog.pg_extension_config_dump('scorecard.assessment_run_unit', '');
SELECT pg_catalog.pg_extension_config_dump('scorecard.assessment_run_item', '');
SELECT pg_catalog.pg_extension_config_dump('scorecard.assessment_run_progress', '');

-- The plan lock.  Loads and runs take turns on one lock: an EXCLUSIVE lock
-- on the table scorecard_lock.plan_lock, held to the end of the
-- transaction.  It lives in a schema of its own that no role but its owner
-- may use, because any role with USAGE on a schema can lock that schema's
-- tables without any privilege on them (PREPARE p AS DELETE FROM t takes
-- ROW EXCLUSIVE on t when parsed; privileges are checked only when it is
-- executed) and so hold off whoever needs a conflicting lock there.  No
-- other role can name this table, and the functions that reach a table by
-- its oid take at most ACCESS SHARE, which EXCLUSIVE does not wait for.  So
-- loads and runs never need a lock on a table of schema scorecard that
-- conflicts with ROW EXCLUSIVE; only take_plan_lock() (plan/60_load.sql)
-- takes this one.  CREATE SCHEMA fails if another role made a schema of
-- that name first.
CREATE SCHEMA scorecard_lock;
CREATE TABLE scorecard_lock.plan_lock ();
REVOKE ALL ON SCHEMA scorecard_lock FROM PUBLIC;
REVOKE ALL ON TABLE scorecard_lock.plan_lock FROM PUBLIC;
COMMENT ON SCHEMA scorecard_lock IS 'the plan lock of scorecard_plan; no role but its owner may use it';
COMMENT ON TABLE scorecard_lock.plan_lock IS 'loads and runs take turns on an EXCLUSIVE lock on this table (scorecard.take_plan_lock)';

-- Row types of the functions that return or pass whole rows.
CREATE TYPE progress_row AS (indicator_id int, code text, action_id int, indicator_zh text, indicator_en text,
	measure_unit text, nature text, unit_id text, unit_zh text, unit_kind text, year int,
	as_of date, data_month date, target text, weight float8, value float8, prior float8,
	computed_growth float8, reported_growth float8, growth float8, growth_source text,
	change_pp float8, actual float8, decimals int, actual_published float8, reference float8,
	met boolean, gap float8, attainment float8,
	time_progress float8, schedule_gap float8, status text, note text, schedule text,
	target_version int, target_since date, status_bands text);
COMMENT ON TYPE progress_row IS 'a row of progress(): one target of the as-of year (indicator x unit)';
CREATE TYPE unit_score_row AS (unit_id text, unit_zh text, indicator_id int, indicator_zh text, target text,
	scored_target text, scoring text, weight float8, actual float8, decimals int,
	actual_published float8, reference float8, met boolean, attainment float8, points float8);
COMMENT ON TYPE unit_score_row IS 'a row of unit_scores(): the points of one unit x indicator';
CREATE TYPE unit_assessment_row AS (unit_id text, unit_zh text, unit_kind text, peer_group text,
	items int, applicable int, weight float8, applicable_weight float8, total float8, score float8,
	grade text, rank int);
COMMENT ON TYPE unit_assessment_row IS 'a row of unit_assessment(): the weighted assessment of one unit';
CREATE TYPE progress_arith_row AS (indicator_id int, code text, indicator_zh text, measure_unit text,
	nature text, unit_id text, unit_zh text, unit_kind text, parent_id text, year int, as_of date,
	data_month date, target text, actual float8, published numeric, rank int, rank_prior int,
	rank_change int, peers int, parent_published numeric, gap_to_parent numeric, growth float8,
	gap float8, contribution float8, pull float8, month_growth float8, growth_change float8,
	two_year_growth float8, required_growth float8, hard_to_reach boolean, projection float8,
	projected_growth float8, projection_met boolean, schedule text, time_progress float8,
	schedule_gap float8, status text, growth_source text, reported_minus_computed float8,
	growth_note text, decimals int);
COMMENT ON TYPE progress_arith_row IS 'a row of progress_arith(): one target of the as-of year with the bureau''s arithmetic';
-- A row of indicator_state() as a type, so that the report computes the
-- states once and passes them (an array of these) to the sections that
-- read them (report_contribution, report_growth_series).
CREATE TYPE indicator_state_row AS (indicator_id int, unit_id text, state ytd, data_month date,
	reported_growth float8, rolled_up boolean, note text);
COMMENT ON TYPE indicator_state_row IS 'a row of indicator_state(): the year-to-date state of one indicator x unit';

-- Dashboards read stored results (plan/78_snapshot.sql): the progress,
-- scores and assessment of the latest month as computed once, with the
-- version of the plan's data they were computed from.  plan_data_version
-- counts changes to what progress depends on (each load that wrote a
-- reading, each statement on the plan's tables or on reading) in two
-- rows: loads, the changes of transactions that hold the plan lock, and
-- edits, the others' (plan_data_change); the data's version is their
-- sum.  Two rows, so that a load never waits for an edit's count, nor a
-- transaction that edited and then waits for the plan lock deadlocks
-- with its holder.  A snapshot of another
-- version is stale, and the *_latest views then compute live.  Neither
-- is dumped: a restored database starts stale and computes live until
-- refresh_snapshot().
CREATE TABLE plan_data_version (
	counter text PRIMARY KEY,
	version bigint NOT NULL DEFAULT 0,
	changed_at timestamptz,
	CONSTRAINT plan_data_version_counter_is_known CHECK (counter IN ('loads', 'edits'))
);
INSERT INTO plan_data_version (counter) VALUES ('loads'), ('edits');
COMMENT ON TABLE plan_data_version IS 'the version of the data progress() reads, the sum of its rows: counts loads and changes to the plan''s tables';
COMMENT ON COLUMN plan_data_version.counter IS 'loads: changes of transactions that hold the plan lock (loads that wrote a reading); edits: the others'' (statements on the plan''s tables or on reading)';
-- The statements on the stored runs (assessment_run,
-- assessment_run_progress), one row each: the warning streaks the lagging
-- list shows read them, and its stored rows are of their count
-- (runs_version()).  Rows, not a counter: two runs under REPEATABLE READ
-- would conflict on a counter's row (40001), and a row's id, not
-- committed in order, could not say what a reader saw.  Rows are never
-- deleted (a count that went back could meet a stored list's again).
-- Not dumped.
CREATE TABLE run_change (
	change_id bigserial PRIMARY KEY,
	changed_at timestamptz NOT NULL DEFAULT pg_catalog.now()
);
COMMENT ON TABLE run_change IS 'one row per statement on assessment_run and assessment_run_progress: their count is the stored runs'' version (runs_version())';
COMMENT ON COLUMN plan_data_version.version IS 'incremented by each change the counter counts';
COMMENT ON COLUMN plan_data_version.changed_at IS 'when the version last changed (the changing transaction''s start)';

CREATE TABLE snapshot_state (
	only_row boolean PRIMARY KEY DEFAULT true,
	as_of date,
	data_version bigint,
	computed_at timestamptz,
	computed_month date,
	run_id bigint,
	arith_computed_at timestamptz,
	lagging_runs_version bigint,
	lagging_computed_at timestamptz,
	review_computed_at timestamptz,
	CONSTRAINT snapshot_state_has_one_row CHECK (only_row)
);
INSERT INTO snapshot_state DEFAULT VALUES;
COMMENT ON TABLE snapshot_state IS 'what the stored snapshot (progress_snapshot, unit_score_snapshot, unit_assessment_snapshot, progress_arith_snapshot, lagging_list_snapshot, data_review_snapshot) holds';
COMMENT ON COLUMN snapshot_state.only_row IS 'always true: the table has one row';
COMMENT ON COLUMN snapshot_state.as_of IS 'the as-of date of the snapshot (latest_as_of() when it was computed)';
COMMENT ON COLUMN snapshot_state.data_version IS 'the data''s version it was computed from (current_data_version()); another version: stale';
COMMENT ON COLUMN snapshot_state.computed_at IS 'when it was computed (the computing transaction''s start)';
COMMENT ON COLUMN snapshot_state.computed_month IS 'the current month when it was computed (latest_as_of() moves with the calendar)';
COMMENT ON COLUMN snapshot_state.run_id IS 'the assessment run that stored it, NULL when refresh_snapshot() did';
COMMENT ON COLUMN snapshot_state.arith_computed_at IS 'when the stored arithmetic (progress_arith_snapshot) was computed (the computing transaction''s start); NULL: none stored for the snapshot (a run''s snapshot holds none)';
COMMENT ON COLUMN snapshot_state.lagging_runs_version IS 'the stored runs'' version (runs_version()) lagging_list_snapshot was computed at; NULL: none stored for the snapshot';
COMMENT ON COLUMN snapshot_state.lagging_computed_at IS 'when the stored lagging list was computed (the computing transaction''s start)';
COMMENT ON COLUMN snapshot_state.review_computed_at IS 'when the stored data review (data_review_snapshot) was computed (the computing transaction''s start); NULL: none stored for the snapshot (a run''s snapshot holds none)';

CREATE TABLE progress_snapshot OF progress_row (PRIMARY KEY (unit_id, indicator_id));
COMMENT ON TABLE progress_snapshot IS 'progress() at the snapshot''s as-of date (snapshot_state), as progress_latest serves it';
CREATE TABLE unit_score_snapshot OF unit_score_row (PRIMARY KEY (unit_id, indicator_id));
COMMENT ON TABLE unit_score_snapshot IS 'unit_scores() at the snapshot''s as-of date, as unit_scores_latest serves it';
CREATE TABLE unit_assessment_snapshot OF unit_assessment_row (PRIMARY KEY (unit_id));
COMMENT ON TABLE unit_assessment_snapshot IS 'unit_assessment() at the snapshot''s as-of date, as unit_assessment_latest serves it';
CREATE TABLE progress_arith_snapshot OF progress_arith_row (PRIMARY KEY (unit_id, indicator_id));
COMMENT ON TABLE progress_arith_snapshot IS 'progress_arith() at the snapshot''s as-of date (when snapshot_state.arith_computed_at is set), as progress_arith_latest serves it';
CREATE TABLE lagging_list_snapshot (
	kind text NOT NULL,
	item_id text NOT NULL,
	item_zh text,
	unit_id text,
	unit_zh text,
	responsible_unit_id text,
	responsible_unit_zh text,
	lead_person text,
	status text,
	behind float8,
	behind_unit text,
	months int,
	since date,
	position bigint PRIMARY KEY
);
CREATE INDEX lagging_list_snapshot_unit ON lagging_list_snapshot (unit_id);
COMMENT ON TABLE lagging_list_snapshot IS 'lagging_list_of() of the snapshot''s progress rows (when snapshot_state.lagging_runs_version is the runs'' version), in its order (position), as lagging_list_latest serves it';
CREATE TABLE data_review_snapshot (
	unit_id text,
	unit_zh text,
	indicator_id int,
	indicator_zh text,
	month date,
	rule text,
	severity text,
	figure float8,
	compared_with float8,
	detail text,
	position bigint PRIMARY KEY
);
CREATE INDEX data_review_snapshot_unit ON data_review_snapshot (unit_id);
COMMENT ON TABLE data_review_snapshot IS 'data_review() at the snapshot''s as-of date (when snapshot_state.review_computed_at is set), in its order (position), as data_review_latest serves it';
