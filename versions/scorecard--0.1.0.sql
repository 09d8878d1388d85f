-- scorecard install script, built by concatenating src/sql/*.sql in order.
\echo Use "CREATE EXTENSION scorecard" to load this file. \quit

-- The target type: a target specification such as 'growth >= 7%'.

CREATE TYPE target;

CREATE FUNCTION target_in(cstring) RETURNS target
	AS 'MODULE_PATHNAME' LANGUAGE C IMMUTABLE STRICT PARALLEL SAFE;
CREATE FUNCTION target_out(target) RETURNS cstring
	AS 'MODULE_PATHNAME' LANGUAGE C IMMUTABLE STRICT PARALLEL SAFE;
CREATE FUNCTION target_recv(internal) RETURNS target
	AS 'MODULE_PATHNAME' LANGUAGE C IMMUTABLE STRICT PARALLEL SAFE;
CREATE FUNCTION target_send(target) RETURNS bytea
	AS 'MODULE_PATHNAME' LANGUAGE C IMMUTABLE STRICT PARALLEL SAFE;

CREATE TYPE target (
	INPUT = target_in,
	OUTPUT = target_out,
	RECEIVE = target_recv,
	SEND = target_send,
	INTERNALLENGTH = 24,
	ALIGNMENT = double,
	STORAGE = plain
);
COMMENT ON TYPE target IS 'a plan target: growth >= 7%, level >= 100, share >= 22%, change >= 0.5pp, growth between 6% and 8%, growth > reference';

-- Ordering and hashing, so targets can be grouped, sorted and made unique.
CREATE FUNCTION target_cmp(target, target) RETURNS int4
	AS 'MODULE_PATHNAME' LANGUAGE C IMMUTABLE STRICT PARALLEL SAFE;
CREATE FUNCTION target_eq(target, target) RETURNS bool
	AS 'MODULE_PATHNAME' LANGUAGE C IMMUTABLE STRICT PARALLEL SAFE;
CREATE FUNCTION target_ne(target, target) RETURNS bool
	AS 'MODULE_PATHNAME' LANGUAGE C IMMUTABLE STRICT PARALLEL SAFE;
CREATE FUNCTION target_lt(target, target) RETURNS bool
	AS 'MODULE_PATHNAME' LANGUAGE C IMMUTABLE STRICT PARALLEL SAFE;
CREATE FUNCTION target_le(target, target) RETURNS bool
	AS 'MODULE_PATHNAME' LANGUAGE C IMMUTABLE STRICT PARALLEL SAFE;
CREATE FUNCTION target_gt(target, target) RETURNS bool
	AS 'MODULE_PATHNAME' LANGUAGE C IMMUTABLE STRICT PARALLEL SAFE;
CREATE FUNCTION target_ge(target, target) RETURNS bool
	AS 'MODULE_PATHNAME' LANGUAGE C IMMUTABLE STRICT PARALLEL SAFE;
CREATE FUNCTION target_hash(target) RETURNS int4
	AS 'MODULE_PATHNAME' LANGUAGE C IMMUTABLE STRICT PARALLEL SAFE;
CREATE FUNCTION target_hash_extended(target, int8) RETURNS int8
	AS 'MODULE_PATHNAME' LANGUAGE C IMMUTABLE STRICT PARALLEL SAFE;

CREATE OPERATOR = (LEFTARG = target, RIGHTARG = target, PROCEDURE = target_eq,
	COMMUTATOR = =, NEGATOR = <>, RESTRICT = eqsel, JOIN = eqjoinsel, HASHES, MERGES);
CREATE OPERATOR <> (LEFTARG = target, RIGHTARG = target, PROCEDURE = target_ne,
	COMMUTATOR = <>, NEGATOR = =, RESTRICT = neqsel, JOIN = neqjoinsel);
CREATE OPERATOR < (LEFTARG = target, RIGHTARG = target, PROCEDURE = target_lt,
	COMMUTATOR = >, NEGATOR = >=, RESTRICT = scalarltsel, JOIN = scalarltjoinsel);
CREATE OPERATOR <= (LEFTARG = target, RIGHTARG = target, PROCEDURE = target_le,
	COMMUTATOR = >=, NEGATOR = >, RESTRICT = scalarlesel, JOIN = scalarlejoinsel);
CREATE OPERATOR > (LEFTARG = target, RIGHTARG = target, PROCEDURE = target_gt,
	COMMUTATOR = <, NEGATOR = <=, RESTRICT = scalargtsel, JOIN = scalargtjoinsel);
CREATE OPERATOR >= (LEFTARG = target, RIGHTARG = target, PROCEDURE = target_ge,
	COMMUTATOR = <=, NEGATOR = <, RESTRICT = scalargesel, JOIN = scalargejoinsel);

CREATE OPERATOR CLASS target_ops DEFAULT FOR TYPE target USING btree AS
	OPERATOR 1 <, OPERATOR 2 <=, OPERATOR 3 =, OPERATOR 4 >=, OPERATOR 5 >,
	FUNCTION 1 target_cmp(target, target);
CREATE OPERATOR CLASS target_hash_ops DEFAULT FOR TYPE target USING hash AS
	OPERATOR 1 =,
	FUNCTION 1 target_hash(target),
	FUNCTION 2 target_hash_extended(target, int8);

-- Accessors.
CREATE FUNCTION target_measure(target) RETURNS text
	AS 'MODULE_PATHNAME' LANGUAGE C IMMUTABLE STRICT PARALLEL SAFE;
COMMENT ON FUNCTION target_measure(target) IS 'level, growth, share or change';
CREATE FUNCTION target_comparator(target) RETURNS text
	AS 'MODULE_PATHNAME' LANGUAGE C IMMUTABLE STRICT PARALLEL SAFE;
COMMENT ON FUNCTION target_comparator(target) IS '>=, >, <=, <, = or between';
CREATE FUNCTION target_unit(target) RETURNS text
	AS 'MODULE_PATHNAME' LANGUAGE C IMMUTABLE STRICT PARALLEL SAFE;
COMMENT ON FUNCTION target_unit(target) IS 'unit of the threshold: empty for level, % for growth and share, pp for change';
CREATE FUNCTION target_threshold(target) RETURNS float8
	AS 'MODULE_PATHNAME' LANGUAGE C IMMUTABLE STRICT PARALLEL SAFE;
COMMENT ON FUNCTION target_threshold(target) IS 'the threshold (lower bound of between); NULL for relative targets';
CREATE FUNCTION target_threshold_upper(target) RETURNS float8
	AS 'MODULE_PATHNAME' LANGUAGE C IMMUTABLE STRICT PARALLEL SAFE;
COMMENT ON FUNCTION target_threshold_upper(target) IS 'upper bound of a between target, else NULL';
CREATE FUNCTION target_is_relative(target) RETURNS boolean
	AS 'MODULE_PATHNAME' LANGUAGE C IMMUTABLE STRICT PARALLEL SAFE;
CREATE FUNCTION target_higher_is_better(target) RETURNS boolean
	AS 'MODULE_PATHNAME' LANGUAGE C IMMUTABLE STRICT PARALLEL SAFE;

-- Evaluation against an actual value (and a reference for relative targets).
CREATE FUNCTION target_met(target, float8) RETURNS boolean
	AS 'MODULE_PATHNAME', 'target_met_fn' LANGUAGE C IMMUTABLE STRICT PARALLEL SAFE;
CREATE FUNCTION target_met(target, float8, float8) RETURNS boolean
	AS 'MODULE_PATHNAME', 'target_met_fn' LANGUAGE C IMMUTABLE PARALLEL SAFE;
CREATE FUNCTION target_gap(target, float8) RETURNS float8
	AS 'MODULE_PATHNAME', 'target_gap_fn' LANGUAGE C IMMUTABLE STRICT PARALLEL SAFE;
CREATE FUNCTION target_gap(target, float8, float8) RETURNS float8
	AS 'MODULE_PATHNAME', 'target_gap_fn' LANGUAGE C IMMUTABLE PARALLEL SAFE;
CREATE FUNCTION target_attainment(target, float8) RETURNS float8
	AS 'MODULE_PATHNAME', 'target_attainment_fn' LANGUAGE C IMMUTABLE STRICT PARALLEL SAFE;
CREATE FUNCTION target_attainment(target, float8, float8) RETURNS float8
	AS 'MODULE_PATHNAME', 'target_attainment_fn' LANGUAGE C IMMUTABLE PARALLEL SAFE;
COMMENT ON FUNCTION target_met(target, float8) IS 'whether the actual value meets the target';
COMMENT ON FUNCTION target_gap(target, float8) IS 'signed gap in the target''s unit, positive means ahead';
COMMENT ON FUNCTION target_attainment(target, float8) IS 'attainment ratio (1 = on target), NULL where undefined';

CREATE FUNCTION time_progress(as_of date, basis text DEFAULT 'month') RETURNS float8
	AS 'MODULE_PATHNAME', 'time_progress_fn' LANGUAGE C IMMUTABLE STRICT PARALLEL SAFE;
CREATE FUNCTION time_progress(as_of date, basis text, period_start date) RETURNS float8
	AS 'MODULE_PATHNAME', 'time_progress_fn' LANGUAGE C IMMUTABLE STRICT PARALLEL SAFE;
COMMENT ON FUNCTION time_progress(date, text) IS 'share of the calendar year elapsed at as_of (序时进度): month (default) or day basis';

CREATE FUNCTION target_schedule_gap(t target, actual float8, as_of date,
		basis text DEFAULT 'month') RETURNS float8
	AS 'MODULE_PATHNAME', 'target_schedule_gap_fn' LANGUAGE C IMMUTABLE STRICT PARALLEL SAFE;
COMMENT ON FUNCTION target_schedule_gap(target, float8, date, text) IS 'points of an annual level target ahead of time progress (NULL if not a level target)';

CREATE FUNCTION target_status(t target, actual float8, as_of date,
		flow boolean DEFAULT false, reference float8 DEFAULT NULL,
		tolerance float8 DEFAULT NULL, basis text DEFAULT 'month') RETURNS text
	AS 'MODULE_PATHNAME', 'target_status_fn' LANGUAGE C IMMUTABLE PARALLEL SAFE;
COMMENT ON FUNCTION target_status(target, float8, date, boolean, float8, float8, text) IS 'green, yellow or red; level targets of flows are judged against time progress';

-- Year-to-date growth (累计增速): the ytd state, its aggregates and accessors.

CREATE TYPE ytd;

CREATE FUNCTION ytd_in(cstring) RETURNS ytd
	AS 'MODULE_PATHNAME' LANGUAGE C IMMUTABLE STRICT PARALLEL SAFE;
CREATE FUNCTION ytd_out(ytd) RETURNS cstring
	AS 'MODULE_PATHNAME' LANGUAGE C IMMUTABLE STRICT PARALLEL SAFE;
CREATE FUNCTION ytd_recv(internal) RETURNS ytd
	AS 'MODULE_PATHNAME' LANGUAGE C IMMUTABLE STRICT PARALLEL SAFE;
CREATE FUNCTION ytd_send(ytd) RETURNS bytea
	AS 'MODULE_PATHNAME' LANGUAGE C IMMUTABLE STRICT PARALLEL SAFE;

CREATE TYPE ytd (
	INPUT = ytd_in,
	OUTPUT = ytd_out,
	RECEIVE = ytd_recv,
	SEND = ytd_send,
	INTERNALLENGTH = VARIABLE,
	ALIGNMENT = double,
	STORAGE = extended
);
COMMENT ON TYPE ytd IS 'readings of one group by month (monthly, cumulative or rate), e.g. monthly{2023-01:100,2023-02:250.5}';

CREATE FUNCTION ytd_kind(ytd) RETURNS text
	AS 'MODULE_PATHNAME' LANGUAGE C IMMUTABLE STRICT PARALLEL SAFE;
COMMENT ON FUNCTION ytd_kind(ytd) IS 'monthly, cumulative or rate';

-- Transition and combine functions (not strict: rows with a NULL are skipped).
CREATE FUNCTION ytd_monthly_trans(ytd, date, float8) RETURNS ytd
	AS 'MODULE_PATHNAME' LANGUAGE C IMMUTABLE PARALLEL SAFE;
CREATE FUNCTION ytd_cumulative_trans(ytd, date, float8) RETURNS ytd
	AS 'MODULE_PATHNAME' LANGUAGE C IMMUTABLE PARALLEL SAFE;
CREATE FUNCTION ytd_rate_trans(ytd, date, float8) RETURNS ytd
	AS 'MODULE_PATHNAME' LANGUAGE C IMMUTABLE PARALLEL SAFE;
CREATE FUNCTION ytd_kind_trans(ytd, date, float8, text) RETURNS ytd
	AS 'MODULE_PATHNAME' LANGUAGE C IMMUTABLE PARALLEL SAFE;
CREATE FUNCTION ytd_asof_trans(ytd, date, float8, date) RETURNS ytd
	AS 'MODULE_PATHNAME' LANGUAGE C IMMUTABLE PARALLEL SAFE;
CREATE FUNCTION ytd_combine(ytd, ytd) RETURNS ytd
	AS 'MODULE_PATHNAME' LANGUAGE C IMMUTABLE STRICT PARALLEL SAFE;
CREATE FUNCTION ytd_growth_final(ytd) RETURNS float8
	AS 'MODULE_PATHNAME' LANGUAGE C IMMUTABLE PARALLEL SAFE;
CREATE FUNCTION ytd_value_final(ytd) RETURNS float8
	AS 'MODULE_PATHNAME' LANGUAGE C IMMUTABLE PARALLEL SAFE;

CREATE AGGREGATE ytd_agg(period date, value float8) (
	SFUNC = ytd_monthly_trans, STYPE = ytd,
	COMBINEFUNC = ytd_combine, PARALLEL = SAFE);
COMMENT ON AGGREGATE ytd_agg(date, float8) IS 'state of monthly readings (flows and stocks); rows of one month add up';

CREATE AGGREGATE ytd_cumulative_agg(period date, value float8) (
	SFUNC = ytd_cumulative_trans, STYPE = ytd,
	COMBINEFUNC = ytd_combine, PARALLEL = SAFE);
COMMENT ON AGGREGATE ytd_cumulative_agg(date, float8) IS 'state of cumulative January-to-month readings (1-N月); rows of one month add up';

CREATE AGGREGATE ytd_rate_agg(period date, value float8) (
	SFUNC = ytd_rate_trans, STYPE = ytd,
	COMBINEFUNC = ytd_combine, PARALLEL = SAFE);
COMMENT ON AGGREGATE ytd_rate_agg(date, float8) IS 'state of a rate: one reading per month, never added';

CREATE AGGREGATE ytd_agg(period date, value float8, kind text) (
	SFUNC = ytd_kind_trans, STYPE = ytd,
	COMBINEFUNC = ytd_combine, PARALLEL = SAFE);
COMMENT ON AGGREGATE ytd_agg(date, float8, text) IS 'state of readings whose kind (monthly, cumulative or rate) is given per row; kinds must not mix';

CREATE AGGREGATE rollup(ytd) (
	SFUNC = ytd_combine, STYPE = ytd,
	COMBINEFUNC = ytd_combine, PARALLEL = SAFE);
COMMENT ON AGGREGATE rollup(ytd) IS 'merge ytd states (e.g. counties into a city)';

-- Accessors.  NULL where the months are not covered or the base is not positive.
CREATE FUNCTION ytd_value(state ytd, as_of date) RETURNS float8
	AS 'MODULE_PATHNAME' LANGUAGE C IMMUTABLE STRICT PARALLEL SAFE;
COMMENT ON FUNCTION ytd_value(ytd, date) IS 'year-to-date value: sum of January..month (or the cumulative reading)';
CREATE FUNCTION ytd_prior(state ytd, as_of date) RETURNS float8
	AS 'MODULE_PATHNAME' LANGUAGE C IMMUTABLE STRICT PARALLEL SAFE;
COMMENT ON FUNCTION ytd_prior(ytd, date) IS 'year-to-date value of the same months a year before';
CREATE FUNCTION ytd_growth(state ytd, as_of date) RETURNS float8
	AS 'MODULE_PATHNAME' LANGUAGE C IMMUTABLE STRICT PARALLEL SAFE;
COMMENT ON FUNCTION ytd_growth(ytd, date) IS 'year-on-year growth of the year-to-date value, in %';
CREATE FUNCTION ytd_level(state ytd, as_of date) RETURNS float8
	AS 'MODULE_PATHNAME' LANGUAGE C IMMUTABLE STRICT PARALLEL SAFE;
COMMENT ON FUNCTION ytd_level(ytd, date) IS 'level at the month (stock indicators and rates)';
CREATE FUNCTION ytd_month_value(state ytd, as_of date) RETURNS float8
	AS 'MODULE_PATHNAME' LANGUAGE C IMMUTABLE STRICT PARALLEL SAFE;
COMMENT ON FUNCTION ytd_month_value(ytd, date) IS 'value of the month alone: the reading, or cum(m) - cum(m-1) for cumulative readings; NULL for a February standing for January too';
CREATE FUNCTION ytd_level_growth(state ytd, as_of date) RETURNS float8
	AS 'MODULE_PATHNAME' LANGUAGE C IMMUTABLE STRICT PARALLEL SAFE;
COMMENT ON FUNCTION ytd_level_growth(ytd, date) IS 'growth in % of the level at the month over the same month a year before';
CREATE FUNCTION ytd_change(state ytd, as_of date) RETURNS float8
	AS 'MODULE_PATHNAME' LANGUAGE C IMMUTABLE STRICT PARALLEL SAFE;
COMMENT ON FUNCTION ytd_change(ytd, date) IS 'change of a rate from the same month a year before, in percentage points';
CREATE FUNCTION ytd_missing(state ytd, as_of date, measure text DEFAULT 'value') RETURNS date[]
	AS 'MODULE_PATHNAME' LANGUAGE C IMMUTABLE STRICT PARALLEL SAFE;
COMMENT ON FUNCTION ytd_missing(ytd, date, text) IS 'first days of the months that keep the comparison from being made (measure value or level)';

-- One-step aggregates for the common query.
CREATE AGGREGATE ytd_growth(period date, value float8, as_of date) (
	SFUNC = ytd_asof_trans, STYPE = ytd, FINALFUNC = ytd_growth_final,
	COMBINEFUNC = ytd_combine, PARALLEL = SAFE);
COMMENT ON AGGREGATE ytd_growth(date, float8, date) IS 'year-on-year growth in % of the year-to-date value of monthly readings';
CREATE AGGREGATE ytd_value(period date, value float8, as_of date) (
	SFUNC = ytd_asof_trans, STYPE = ytd, FINALFUNC = ytd_value_final,
	COMBINEFUNC = ytd_combine, PARALLEL = SAFE);
COMMENT ON AGGREGATE ytd_value(date, float8, date) IS 'year-to-date value of monthly readings';

-- Scoring methods: the points an indicator earns out of its weight.
-- A NULL or NaN actual gives NULL points (the item does not apply).

CREATE FUNCTION score_proportional(attainment float8, weight float8,
		floor_share float8 DEFAULT 0, cap_share float8 DEFAULT 1) RETURNS float8
	AS 'MODULE_PATHNAME', 'score_proportional_fn' LANGUAGE C IMMUTABLE STRICT PARALLEL SAFE;
COMMENT ON FUNCTION score_proportional(float8, float8, float8, float8) IS 'weight x attainment, the attainment clamped to [floor_share, cap_share] (cap 1.2 rewards over-achievement)';

CREATE FUNCTION score_ratio(t target, actual float8, weight float8,
		floor_share float8 DEFAULT 0, cap_share float8 DEFAULT 1) RETURNS float8
	AS 'MODULE_PATHNAME', 'score_ratio_fn' LANGUAGE C IMMUTABLE STRICT PARALLEL SAFE;
COMMENT ON FUNCTION score_ratio(target, float8, float8, float8, float8) IS 'proportional score from target_attainment(t, actual); NULL where attainment is undefined';

CREATE FUNCTION score_met(met boolean, weight float8,
		miss_share float8 DEFAULT 0) RETURNS float8
	AS 'MODULE_PATHNAME', 'score_threshold_fn' LANGUAGE C IMMUTABLE STRICT PARALLEL SAFE;
CREATE FUNCTION score_threshold(t target, actual float8, weight float8,
		miss_share float8 DEFAULT 0) RETURNS float8
	AS 'MODULE_PATHNAME', 'score_threshold_target_fn' LANGUAGE C IMMUTABLE STRICT PARALLEL SAFE;
COMMENT ON FUNCTION score_met(boolean, float8, float8) IS 'threshold scoring from a met flag: the full weight when met, miss_share x weight otherwise';
COMMENT ON FUNCTION score_threshold(target, float8, float8, float8) IS 'the full weight when target_met(t, actual), miss_share x weight otherwise';

CREATE FUNCTION score_banded(actual float8, standards float8[], weight float8) RETURNS float8
	AS 'MODULE_PATHNAME', 'score_banded_fn' LANGUAGE C IMMUTABLE STRICT PARALLEL SAFE;
COMMENT ON FUNCTION score_banded(float8, float8[], float8) IS 'SOE banded efficacy coefficient (功效系数法): standards {excellent,good,average,low,poor}, descending = higher is better, ascending = lower is better';

CREATE FUNCTION score_efficacy(actual float8, satisfactory float8, disallowed float8,
		weight float8 DEFAULT 100, clamped boolean DEFAULT true) RETURNS float8
	AS 'MODULE_PATHNAME', 'score_efficacy_fn' LANGUAGE C IMMUTABLE STRICT PARALLEL SAFE;
COMMENT ON FUNCTION score_efficacy(float8, float8, float8, float8, boolean) IS 'statistical efficacy coefficient 60 + 40 x (actual - disallowed) / (satisfactory - disallowed), scaled to weight/100; clamped to [60, 100] by default';

CREATE FUNCTION score_rank(rank bigint, n bigint, weight float8,
		floor_share float8 DEFAULT 0.6) RETURNS float8
	AS 'MODULE_PATHNAME', 'score_rank_fn' LANGUAGE C IMMUTABLE STRICT PARALLEL SAFE;
COMMENT ON FUNCTION score_rank(bigint, bigint, float8, float8) IS 'rank 1 of n earns the weight, rank n floor_share x weight, linear between; pass rank() OVER (...) and count(*) OVER ()';

-- The assessment state: one unit's indicator points combined.

CREATE TYPE assessment;

CREATE FUNCTION assessment_in(cstring) RETURNS assessment
	AS 'MODULE_PATHNAME' LANGUAGE C IMMUTABLE STRICT PARALLEL SAFE;
CREATE FUNCTION assessment_out(assessment) RETURNS cstring
	AS 'MODULE_PATHNAME' LANGUAGE C IMMUTABLE STRICT PARALLEL SAFE;
CREATE FUNCTION assessment_recv(internal) RETURNS assessment
	AS 'MODULE_PATHNAME' LANGUAGE C IMMUTABLE STRICT PARALLEL SAFE;
CREATE FUNCTION assessment_send(assessment) RETURNS bytea
	AS 'MODULE_PATHNAME' LANGUAGE C IMMUTABLE STRICT PARALLEL SAFE;

CREATE TYPE assessment (
	INPUT = assessment_in,
	OUTPUT = assessment_out,
	RECEIVE = assessment_recv,
	SEND = assessment_send,
	INTERNALLENGTH = 80,
	ALIGNMENT = double,
	STORAGE = plain
);
COMMENT ON TYPE assessment IS 'state of the assess aggregate: sums of points and weights, bonus, deduction, counts of applicable, missing and vetoed items';

-- Aggregate support.
CREATE FUNCTION assess_trans(assessment, float8, float8) RETURNS assessment
	AS 'MODULE_PATHNAME' LANGUAGE C IMMUTABLE PARALLEL SAFE;
CREATE FUNCTION assess_trans(assessment, float8, float8, text) RETURNS assessment
	AS 'MODULE_PATHNAME' LANGUAGE C IMMUTABLE PARALLEL SAFE;
CREATE FUNCTION weighted_score_trans(assessment, float8, float8) RETURNS assessment
	AS 'MODULE_PATHNAME' LANGUAGE C IMMUTABLE PARALLEL SAFE;
CREATE FUNCTION assess_combine(assessment, assessment) RETURNS assessment
	AS 'MODULE_PATHNAME' LANGUAGE C IMMUTABLE PARALLEL SAFE;
CREATE FUNCTION weighted_score_final(assessment) RETURNS float8
	AS 'MODULE_PATHNAME' LANGUAGE C IMMUTABLE PARALLEL SAFE;

CREATE AGGREGATE assess(points float8, weight float8) (
	SFUNC = assess_trans,
	STYPE = assessment,
	COMBINEFUNC = assess_combine,
	PARALLEL = SAFE
);
CREATE AGGREGATE assess(points float8, weight float8, kind text) (
	SFUNC = assess_trans,
	STYPE = assessment,
	COMBINEFUNC = assess_combine,
	PARALLEL = SAFE
);
COMMENT ON AGGREGATE assess(float8, float8) IS 'combine one unit''s score items (NULL points: not applicable) into an assessment';
COMMENT ON AGGREGATE assess(float8, float8, text) IS 'combine one unit''s items of kind score, bonus, deduction or veto into an assessment';

CREATE AGGREGATE rollup(assessment) (
	SFUNC = assess_combine,
	STYPE = assessment,
	COMBINEFUNC = assess_combine,
	PARALLEL = SAFE
);
COMMENT ON AGGREGATE rollup(assessment) IS 'merge assessment states, as if aggregated over all their rows';

CREATE AGGREGATE weighted_score(points float8, weight float8) (
	SFUNC = weighted_score_trans,
	STYPE = assessment,
	FINALFUNC = weighted_score_final,
	COMBINEFUNC = assess_combine,
	PARALLEL = SAFE
);
COMMENT ON AGGREGATE weighted_score(float8, float8) IS '100 x sum(points) / sum(weight) over the rows whose points are not NULL';

-- Accessors.  Caps: NULL (the default) means no cap.
CREATE FUNCTION assessment_points(assessment) RETURNS float8
	AS 'MODULE_PATHNAME' LANGUAGE C IMMUTABLE STRICT PARALLEL SAFE;
COMMENT ON FUNCTION assessment_points(assessment) IS 'sum of the points of the applicable score items';
CREATE FUNCTION assessment_weight(assessment) RETURNS float8
	AS 'MODULE_PATHNAME' LANGUAGE C IMMUTABLE STRICT PARALLEL SAFE;
COMMENT ON FUNCTION assessment_weight(assessment) IS 'sum of the weights of the applicable score items';
CREATE FUNCTION assessment_weight_all(assessment) RETURNS float8
	AS 'MODULE_PATHNAME' LANGUAGE C IMMUTABLE STRICT PARALLEL SAFE;
COMMENT ON FUNCTION assessment_weight_all(assessment) IS 'sum of the weights of all score items, applicable or not';
CREATE FUNCTION assessment_applicable(assessment) RETURNS bigint
	AS 'MODULE_PATHNAME' LANGUAGE C IMMUTABLE STRICT PARALLEL SAFE;
CREATE FUNCTION assessment_missing(assessment) RETURNS bigint
	AS 'MODULE_PATHNAME' LANGUAGE C IMMUTABLE STRICT PARALLEL SAFE;
COMMENT ON FUNCTION assessment_missing(assessment) IS 'number of score items with NULL points (not applicable)';
CREATE FUNCTION assessment_vetoes(assessment) RETURNS bigint
	AS 'MODULE_PATHNAME' LANGUAGE C IMMUTABLE STRICT PARALLEL SAFE;
CREATE FUNCTION assessment_vetoed(assessment) RETURNS boolean
	AS 'MODULE_PATHNAME' LANGUAGE C IMMUTABLE STRICT PARALLEL SAFE;
COMMENT ON FUNCTION assessment_vetoed(assessment) IS 'whether a veto item (一票否决) applied';

CREATE FUNCTION assessment_bonus(a assessment, cap float8 DEFAULT NULL) RETURNS float8
	AS 'MODULE_PATHNAME' LANGUAGE C IMMUTABLE PARALLEL SAFE;
CREATE FUNCTION assessment_deduction(a assessment, cap float8 DEFAULT NULL) RETURNS float8
	AS 'MODULE_PATHNAME' LANGUAGE C IMMUTABLE PARALLEL SAFE;
COMMENT ON FUNCTION assessment_bonus(assessment, float8) IS 'bonus points, at most cap';
COMMENT ON FUNCTION assessment_deduction(assessment, float8) IS 'deduction points (a positive number), at most cap';

CREATE FUNCTION assessment_total(a assessment, bonus_cap float8 DEFAULT NULL,
		deduction_cap float8 DEFAULT NULL) RETURNS float8
	AS 'MODULE_PATHNAME' LANGUAGE C IMMUTABLE PARALLEL SAFE;
COMMENT ON FUNCTION assessment_total(assessment, float8, float8) IS 'raw total: points of the applicable items + capped bonus - capped deduction';
CREATE FUNCTION assessment_score(a assessment, bonus_cap float8 DEFAULT NULL,
		deduction_cap float8 DEFAULT NULL) RETURNS float8
	AS 'MODULE_PATHNAME' LANGUAGE C IMMUTABLE PARALLEL SAFE;
COMMENT ON FUNCTION assessment_score(assessment, float8, float8) IS '100 x points / applicable weight + capped bonus - capped deduction; NULL when no item applies';
CREATE FUNCTION assessment_geometric(a assessment, bonus_cap float8 DEFAULT NULL,
		deduction_cap float8 DEFAULT NULL) RETURNS float8
	AS 'MODULE_PATHNAME' LANGUAGE C IMMUTABLE PARALLEL SAFE;
COMMENT ON FUNCTION assessment_geometric(assessment, float8, float8) IS '100 x weighted geometric mean of points/weight + capped bonus - capped deduction';

-- Grades.
CREATE FUNCTION score_grade(score float8,
		labels text[] DEFAULT '{优秀,良好,合格,不合格}',
		thresholds float8[] DEFAULT '{90,80,60}') RETURNS text
	AS 'MODULE_PATHNAME' LANGUAGE C IMMUTABLE STRICT PARALLEL SAFE;
COMMENT ON FUNCTION score_grade(float8, text[], float8[]) IS 'label of the first band whose threshold the score reaches (best first); the last label below all';
CREATE FUNCTION assessment_grade(a assessment,
		labels text[] DEFAULT '{优秀,良好,合格,不合格}',
		thresholds float8[] DEFAULT '{90,80,60}',
		bonus_cap float8 DEFAULT NULL, deduction_cap float8 DEFAULT NULL) RETURNS text
	AS 'MODULE_PATHNAME' LANGUAGE C IMMUTABLE PARALLEL SAFE;
COMMENT ON FUNCTION assessment_grade(assessment, text[], float8[], float8, float8) IS 'grade of assessment_score; the lowest grade when a veto applied';
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
	CONSTRAINT plan_target_weight_is_not_negative CHECK (weight >= 0 AND weight < 'Infinity'),
	CONSTRAINT plan_target_scoring_is_known CHECK (scoring IN ('ratio', 'threshold', 'efficacy', 'banded', 'rank')),
	CONSTRAINT plan_target_score_floor_not_above_cap CHECK (score_floor >= 0 AND score_floor <= score_cap),
	CONSTRAINT plan_target_efficacy_needs_two_params CHECK (scoring <> 'efficacy' OR coalesce(cardinality(score_params), 0) = 2),
	CONSTRAINT plan_target_banded_needs_five_params CHECK (scoring <> 'banded' OR coalesce(cardinality(score_params), 0) = 5),
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
	recorded_at timestamptz NOT NULL DEFAULT now(),
	source text,
	PRIMARY KEY (indicator_id, unit_id, month, revision),
	CONSTRAINT reading_indicator_is_known FOREIGN KEY (indicator_id) REFERENCES indicator (indicator_id),
	CONSTRAINT reading_unit_is_known FOREIGN KEY (unit_id) REFERENCES unit (unit_id),
	CONSTRAINT reading_month_is_first_day CHECK (month = date_trunc('month', month)::date),
	CONSTRAINT reading_month_is_plausible CHECK (month BETWEEN '2000-01-01' AND '2100-12-01'),
	CONSTRAINT reading_value_is_finite CHECK (value <> 'NaN' AND abs(value) <> 'Infinity'),
	CONSTRAINT reading_reported_growth_is_finite CHECK (reported_growth <> 'NaN' AND abs(reported_growth) <> 'Infinity'),
	CONSTRAINT reading_revision_is_positive CHECK (revision >= 1)
);
COMMENT ON TABLE reading IS 'monthly or cumulative readings per indicator x unit x month, with revisions';

CREATE FUNCTION reading_no_update() RETURNS trigger LANGUAGE plpgsql
SET search_path = scorecard, pg_catalog, pg_temp AS $$
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
	CONSTRAINT task_investment_is_not_negative CHECK (planned_investment >= 0 AND completed_investment >= 0),
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
-- Loading readings from CSV with nothing lost.
--
--   \copy scorecard.reading_staging (indicator, unit, month, value, reported_growth, source)
--         FROM 'readings.csv' WITH (FORMAT csv, HEADER true)
--   SELECT * FROM scorecard.check_readings();   -- the bad rows, if any (loads nothing)
--   SELECT * FROM scorecard.load_readings();    -- all rows or none
--
-- Every column of the staging table is text, so COPY itself never rejects a
-- row: the checks below report each bad row with its line and reason.  Lines
-- are counted as in the file, the header being line 1 (pass header => false
-- for a file without one).  A row whose figure differs from the latest
-- revision already loaded becomes a new revision; a row equal to it is
-- skipped, so loading the same file twice changes nothing.

CREATE TABLE reading_staging (
	seq bigserial PRIMARY KEY,
	indicator text,
	unit text,
	month text,
	value text,
	reported_growth text,
	source text
);
COMMENT ON TABLE reading_staging IS 'COPY readings here (all text), then call load_readings()';

-- text -> float8 or NULL when it is not a finite number.
CREATE FUNCTION staging_float(s text) RETURNS float8 LANGUAGE plpgsql IMMUTABLE PARALLEL SAFE AS $$
DECLARE v float8;
BEGIN
	IF s IS NULL OR btrim(s) = '' THEN RETURN NULL; END IF;
	v := btrim(s)::float8;
	IF v = 'NaN' OR abs(v) = 'Infinity' THEN RETURN NULL; END IF;
	RETURN v;
EXCEPTION WHEN others THEN
	RETURN NULL;
END $$;

-- text -> first day of a month or NULL: accepts 2024-03, 2024-03-01, 2024/03.
CREATE FUNCTION staging_month(s text) RETURNS date LANGUAGE plpgsql IMMUTABLE PARALLEL SAFE AS $$
DECLARE d date;
BEGIN
	IF s IS NULL OR btrim(s) !~ '^\d{4}[-/]\d{1,2}([-/]\d{1,2})?$' THEN RETURN NULL; END IF;
	IF btrim(s) ~ '^\d{4}[-/]\d{1,2}$' THEN
		d := to_date(btrim(s), 'YYYY-MM');
		IF to_char(d, 'FMMM') <> ltrim(split_part(replace(btrim(s), '/', '-'), '-', 2), '0') THEN
			RETURN NULL;
		END IF;
		RETURN d;
	END IF;
	d := replace(btrim(s), '/', '-')::date;
	RETURN d;
EXCEPTION WHEN others THEN
	RETURN NULL;
END $$;

-- The bad rows of the staging table: line (as in the file), the text of the
-- row and every reason it cannot load.  Empty when all rows are good.
CREATE FUNCTION check_readings(header boolean DEFAULT true)
RETURNS TABLE (line bigint, indicator text, unit text, month text, value text, reason text)
LANGUAGE sql STABLE PARALLEL SAFE
SET search_path = scorecard, pg_catalog, pg_temp AS $$
	WITH s AS (
		SELECT row_number() OVER (ORDER BY seq) + CASE WHEN header THEN 1 ELSE 0 END AS line,
		       st.*, staging_month(st.month) AS m, staging_float(st.value) AS v
		FROM reading_staging st
	), k AS (
		SELECT s.*,
		       (SELECT i.indicator_id FROM indicator i
		        WHERE i.code = btrim(s.indicator) OR i.indicator_id::text = btrim(s.indicator)) AS ind,
		       (SELECT u.unit_id FROM unit u WHERE u.unit_id = btrim(s.unit)) AS uid
		FROM s
	), d AS (
		SELECT k.*, min(k.line) OVER (PARTITION BY k.ind, k.uid, k.m) AS first_line
		FROM k
	), r AS (
		SELECT d.line, d.indicator, d.unit, d.month, d.value, x.reason, x.ord
		FROM d, LATERAL (VALUES
			(1, CASE WHEN d.indicator IS NULL OR btrim(d.indicator) = '' THEN 'indicator is missing'
			         WHEN d.ind IS NULL THEN format('unknown indicator "%s"', d.indicator) END),
			(2, CASE WHEN d.unit IS NULL OR btrim(d.unit) = '' THEN 'unit is missing'
			         WHEN d.uid IS NULL THEN format('unknown unit "%s"', d.unit) END),
			(3, CASE WHEN d.month IS NULL OR btrim(d.month) = '' THEN 'month is missing'
			         WHEN d.m IS NULL THEN format('month "%s" is not a date (expected YYYY-MM or YYYY-MM-01)', d.month)
			         WHEN d.m <> date_trunc('month', d.m)::date THEN format('month "%s" is not the first day of a month', d.month)
			         WHEN d.m NOT BETWEEN '2000-01-01' AND '2100-12-01' THEN format('month "%s" is out of range', d.month) END),
			(4, CASE WHEN d.value IS NULL OR btrim(d.value) = '' THEN 'value is missing'
			         WHEN d.v IS NULL THEN format('value "%s" is not a finite number', d.value) END),
			(5, CASE WHEN d.reported_growth IS NOT NULL AND btrim(d.reported_growth) <> ''
			              AND staging_float(d.reported_growth) IS NULL
			         THEN format('reported growth "%s" is not a finite number', d.reported_growth) END),
			(6, CASE WHEN d.ind IS NOT NULL AND d.uid IS NOT NULL AND d.m IS NOT NULL AND d.line <> d.first_line
			         THEN format('same indicator, unit and month as line %s', d.first_line) END)
		) AS x(ord, reason)
		WHERE x.reason IS NOT NULL
	)
	SELECT r.line, r.indicator, r.unit, r.month, r.value, string_agg(r.reason, '; ' ORDER BY r.ord)
	FROM r GROUP BY r.line, r.indicator, r.unit, r.month, r.value
	ORDER BY r.line
$$;
COMMENT ON FUNCTION check_readings(boolean) IS 'bad rows of reading_staging with line and reason; empty if all can load';

-- Load the staging table into reading: all rows or none.  Raises 22P02 with
-- every bad row in the detail (and loads nothing) if any row is bad; else
-- inserts new readings (revision 1) and corrections (next revision), skips
-- rows equal to the latest revision, empties the staging table and returns
-- the counts.
CREATE FUNCTION load_readings(header boolean DEFAULT true, recorded_at timestamptz DEFAULT now(),
		OUT inserted bigint, OUT revised bigint, OUT unchanged bigint)
LANGUAGE plpgsql VOLATILE
SET search_path = scorecard, pg_catalog, pg_temp AS $$
DECLARE
	bad text;
	nbad bigint;
BEGIN
	LOCK TABLE reading_staging IN EXCLUSIVE MODE;
	SELECT count(*), string_agg(format('line %s: %s', c.line, c.reason), E'\n' ORDER BY c.line)
	INTO nbad, bad
	FROM check_readings(header) c;
	IF nbad > 0 THEN
		RAISE EXCEPTION '% bad row(s) in reading_staging, nothing loaded', nbad
			USING ERRCODE = 'invalid_text_representation', DETAIL = bad,
			      HINT = 'Fix the rows (SELECT * FROM scorecard.check_readings() lists them) and load again.';
	END IF;

	-- Serialise loads of the same readings so revisions stay consecutive.
	LOCK TABLE reading IN SHARE ROW EXCLUSIVE MODE;
	WITH s AS (
		SELECT i.indicator_id, btrim(st.unit) AS unit_id, staging_month(st.month) AS month,
		       staging_float(st.value) AS value, staging_float(st.reported_growth) AS reported_growth,
		       nullif(btrim(st.source), '') AS source
		FROM reading_staging st
		JOIN indicator i ON i.code = btrim(st.indicator) OR i.indicator_id::text = btrim(st.indicator)
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
	SELECT count(*) FILTER (WHERE revision = 1), count(*) FILTER (WHERE revision > 1),
	       (SELECT count(*) FROM j WHERE j.same)
	INTO inserted, revised, unchanged
	FROM ins;
	DELETE FROM reading_staging;
END $$;
COMMENT ON FUNCTION load_readings(boolean, timestamptz) IS 'load reading_staging into reading, all rows or none; corrections become new revisions';

-- The readings in force: the latest revision of each indicator x unit x
-- month recorded at or before recorded_as_of (NULL: the latest of all).
CREATE FUNCTION readings(recorded_as_of timestamptz DEFAULT NULL)
RETURNS SETOF reading LANGUAGE sql STABLE PARALLEL SAFE
SET search_path = scorecard, pg_catalog, pg_temp AS $$
	SELECT DISTINCT ON (r.indicator_id, r.unit_id, r.month) r.*
	FROM reading r
	WHERE recorded_as_of IS NULL OR r.recorded_at <= recorded_as_of
	ORDER BY r.indicator_id, r.unit_id, r.month, r.revision DESC
$$;
COMMENT ON FUNCTION readings(timestamptz) IS 'latest revision of each reading, as recorded at recorded_as_of (NULL: now)';

CREATE VIEW reading_current AS
	SELECT indicator_id, unit_id, month, value, reported_growth, revision, recorded_at, source
	FROM readings(NULL);
COMMENT ON VIEW reading_current IS 'latest revision of each reading';

-- Views and set-returning functions over the reference schema, for analysts
-- and BI tools: every column is a standard type (targets shown as text).
-- The functions take the as-of date and, optionally, an as-recorded time
-- (NULL: the latest revision of every reading); the *_latest views call
-- them at the latest month with readings.

-- The month the readings reach (first day), or NULL when there are none.
CREATE FUNCTION latest_month(recorded_as_of timestamptz DEFAULT NULL) RETURNS date
LANGUAGE sql STABLE PARALLEL SAFE
SET search_path = scorecard, pg_catalog, pg_temp AS $$
	SELECT max(month) FROM reading
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
SET search_path = scorecard, pg_catalog, pg_temp AS $$
	WITH r AS (
		SELECT r.*, CASE WHEN i.nature = 'rate' THEN 'rate' ELSE i.reporting END AS kind,
		       i.additive
		FROM readings(recorded_as_of) r JOIN indicator i USING (indicator_id)
		WHERE r.month <= as_of
		  AND r.month >= make_date(extract(year FROM as_of)::int - 1, 1, 1)
	), own AS (
		SELECT r.indicator_id, r.unit_id, ytd_agg(r.month, r.value, r.kind) AS state,
		       max(r.month) FILTER (WHERE r.month >= date_trunc('year', as_of)) AS data_month,
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
SET search_path = scorecard, pg_catalog, pg_temp AS $$
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
		WHERE t.year = extract(year FROM as_of)
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
		FROM base b JOIN task tk ON tk.indicator_id = b.indicator_id AND tk.year = extract(year FROM as_of)
		WHERE b.nature = 'task'
		GROUP BY b.indicator_id, b.unit_id
	), a AS (
		SELECT m.*,
		       CASE WHEN m.derived_from IS NOT NULL THEN d.data_month
		            WHEN m.nature = 'task' THEN date_trunc('month', as_of)::date
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
	       CASE WHEN e.dm IS NULL AND i.jan_feb_combined AND extract(month FROM as_of) = 1
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
SET search_path = scorecard, pg_catalog, pg_temp AS $$
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
SET search_path = scorecard, pg_catalog, pg_temp AS $$
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
SET search_path = scorecard, pg_catalog, pg_temp AS $$
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
SET search_path = scorecard, pg_catalog, pg_temp AS $$
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

-- Views at the latest month with readings, for BI tools.
CREATE VIEW progress_latest AS SELECT * FROM progress(latest_month());
CREATE VIEW progress_city_latest AS SELECT * FROM progress_city(latest_month());
CREATE VIEW task_progress_current AS SELECT * FROM task_progress(current_date);
CREATE VIEW unit_scores_latest AS SELECT * FROM unit_scores(latest_month());
CREATE VIEW unit_assessment_latest AS SELECT * FROM unit_assessment(latest_month());
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
	CONSTRAINT assessment_run_as_of_in_year CHECK (extract(year FROM as_of) = year)
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

-- The advisory lock key pair run_assessment holds (pg_locks shows it as
-- classid 20241, objid 1).
CREATE FUNCTION run_assessment_lock_key() RETURNS int[]
	LANGUAGE sql IMMUTABLE PARALLEL SAFE AS $$ SELECT ARRAY[20241, 1] $$;

CREATE PROCEDURE run_assessment(year int, as_of date DEFAULT NULL,
		recorded_as_of timestamptz DEFAULT NULL)
LANGUAGE plpgsql
SET search_path = scorecard, pg_catalog, pg_temp AS $$
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
	-- Default as-of date: the end of the latest month with readings in the year.
	d := coalesce(as_of, (date_trunc('month', least(latest_month(recorded_as_of),
	                       make_date(year, 12, 1))) + interval '1 month - 1 day')::date);
	IF d IS NULL THEN
		RAISE EXCEPTION 'run_assessment: no readings to assess'
			USING ERRCODE = 'no_data_found';
	END IF;
	IF extract(year FROM d) <> year THEN
		RAISE EXCEPTION 'run_assessment: as-of date % is not in year %', d, year
			USING ERRCODE = 'invalid_parameter_value';
	END IF;
	IF NOT pg_try_advisory_xact_lock(20241, 1) THEN
		RAISE EXCEPTION 'run_assessment: another run is in progress'
			USING ERRCODE = 'lock_not_available',
			      HINT = 'Runs never overlap; try again when it has finished.';
	END IF;

	SELECT count(*), md5(coalesce(string_agg(format('%s|%s|%s|%s|%s', r.indicator_id, r.unit_id, r.month,
	                                     r.revision, r.value), ',' ORDER BY r.indicator_id, r.unit_id, r.month), '')),
	       max(r.recorded_at)
	INTO n, digest, through
	FROM readings(recorded_as_of) r
	WHERE r.month <= d AND r.month >= make_date(year - 1, 1, 1);

	DELETE FROM assessment_run ar WHERE ar.year = run_assessment.year AND ar.as_of = d;
	INSERT INTO assessment_run (year, as_of, recorded_as_of, data_recorded_through, readings_used,
		readings_digest, started_at)
	VALUES (year, d, recorded_as_of, through, n, digest, clock_timestamp())
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

	UPDATE assessment_run SET finished_at = clock_timestamp() WHERE run_id = rid;
END $$;
COMMENT ON PROCEDURE run_assessment(int, date, timestamptz) IS 'materialise the assessment and progress of a year at an as-of date (default: the latest month with readings); replaces an earlier run of the same as-of; never overlaps with itself';

-- Runs with their ranking, for BI tools.
CREATE VIEW assessment_run_ranking AS
	SELECT r.run_id, r.year, r.as_of, r.finished_at, u.unit_id, un.name_zh AS unit_zh,
	       u.peer_group, u.total, u.score, u.grade, u.rank
	FROM assessment_run r
	JOIN assessment_run_unit u USING (run_id)
	JOIN unit un USING (unit_id);
