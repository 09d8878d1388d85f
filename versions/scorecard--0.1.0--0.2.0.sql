-- scorecard 0.1.0 -> 0.2.0: the plan model becomes its own extension.
--
-- In 0.1.0 one extension, scorecard (schema scorecard), held the types and
-- the plan model.  0.2.0 splits them: scorecard keeps the types, functions
-- and aggregates (relocatable, no tables); scorecard_plan holds the plan
-- model.  This script detaches the plan model's tables, sequences, views and
-- functions from scorecard, data untouched; then
--     CREATE EXTENSION scorecard_plan VERSION '0.1.0';  -- adopts them
--     ALTER EXTENSION scorecard_plan UPDATE;            -- to 0.2.0
-- (README, "Versions and upgrades").  The types stay in schema scorecard.
-- The Makefile appends the functions, aggregates, operators, casts and
-- comments of src/sql/*.sql as the install script creates them (CREATE OR
-- REPLACE, or only when new: scripts/update_parts.awk).
\echo Use "ALTER EXTENSION scorecard UPDATE TO '0.2.0'" to load this file. \quit

ALTER EXTENSION scorecard DROP FUNCTION scorecard.check_readings(boolean);
ALTER EXTENSION scorecard DROP FUNCTION scorecard.indicator_state(date,timestamp with time zone);
ALTER EXTENSION scorecard DROP FUNCTION scorecard.latest_month(timestamp with time zone);
ALTER EXTENSION scorecard DROP FUNCTION scorecard.load_readings(boolean,timestamp with time zone);
ALTER EXTENSION scorecard DROP FUNCTION scorecard.progress(date,timestamp with time zone);
ALTER EXTENSION scorecard DROP FUNCTION scorecard.progress_city(date,timestamp with time zone);
ALTER EXTENSION scorecard DROP FUNCTION scorecard.reading_no_update();
ALTER EXTENSION scorecard DROP FUNCTION scorecard.readings(timestamp with time zone);
ALTER EXTENSION scorecard DROP PROCEDURE scorecard.run_assessment(integer,date,timestamp with time zone);
ALTER EXTENSION scorecard DROP FUNCTION scorecard.run_assessment_lock_key();
ALTER EXTENSION scorecard DROP FUNCTION scorecard.staging_float(text);
ALTER EXTENSION scorecard DROP FUNCTION scorecard.staging_month(text);
ALTER EXTENSION scorecard DROP FUNCTION scorecard.task_progress(date);
ALTER EXTENSION scorecard DROP FUNCTION scorecard.unit_assessment(date,timestamp with time zone);
ALTER EXTENSION scorecard DROP FUNCTION scorecard.unit_peer_group(text);
ALTER EXTENSION scorecard DROP FUNCTION scorecard.unit_scores(date,timestamp with time zone);
ALTER EXTENSION scorecard DROP SEQUENCE scorecard.assessment_run_run_id_seq;
ALTER EXTENSION scorecard DROP SEQUENCE scorecard.reading_staging_seq_seq;
ALTER EXTENSION scorecard DROP TABLE scorecard.action;
ALTER EXTENSION scorecard DROP TABLE scorecard.assessment_run;
ALTER EXTENSION scorecard DROP TABLE scorecard.assessment_run_item;
ALTER EXTENSION scorecard DROP TABLE scorecard.assessment_run_progress;
ALTER EXTENSION scorecard DROP TABLE scorecard.assessment_run_unit;
ALTER EXTENSION scorecard DROP TABLE scorecard.indicator;
ALTER EXTENSION scorecard DROP TABLE scorecard.plan_target;
ALTER EXTENSION scorecard DROP TABLE scorecard.reading;
ALTER EXTENSION scorecard DROP TABLE scorecard.reading_staging;
ALTER EXTENSION scorecard DROP TABLE scorecard.task;
ALTER EXTENSION scorecard DROP TABLE scorecard.unit;
ALTER EXTENSION scorecard DROP VIEW scorecard.assessment_run_ranking;
ALTER EXTENSION scorecard DROP VIEW scorecard.progress_city_latest;
ALTER EXTENSION scorecard DROP VIEW scorecard.progress_latest;
ALTER EXTENSION scorecard DROP VIEW scorecard.reading_current;
ALTER EXTENSION scorecard DROP VIEW scorecard.task_progress_current;
ALTER EXTENSION scorecard DROP VIEW scorecard.unit_assessment_latest;
ALTER EXTENSION scorecard DROP VIEW scorecard.unit_scores_latest;

DO $$
BEGIN
	RAISE WARNING 'the plan model (schema scorecard) is now outside extension scorecard'
		USING HINT = 'Run CREATE EXTENSION scorecard_plan VERSION ''0.1.0''; then ALTER EXTENSION scorecard_plan UPDATE; to make it the scorecard_plan extension.';
END $$;

-- from src/sql/10_target.sql
DO $update$ BEGIN EXECUTE $ddl$CREATE TYPE target$ddl$;
EXCEPTION WHEN duplicate_object OR duplicate_function THEN NULL;  -- it exists: kept
END $update$;
CREATE OR REPLACE FUNCTION target_in(cstring) RETURNS target
	AS 'MODULE_PATHNAME' LANGUAGE C IMMUTABLE STRICT PARALLEL SAFE;
CREATE OR REPLACE FUNCTION target_out(target) RETURNS cstring
	AS 'MODULE_PATHNAME' LANGUAGE C IMMUTABLE STRICT PARALLEL SAFE;
CREATE OR REPLACE FUNCTION target_recv(internal) RETURNS target
	AS 'MODULE_PATHNAME' LANGUAGE C IMMUTABLE STRICT PARALLEL SAFE;
CREATE OR REPLACE FUNCTION target_send(target) RETURNS bytea
	AS 'MODULE_PATHNAME' LANGUAGE C IMMUTABLE STRICT PARALLEL SAFE;
DO $update$ BEGIN EXECUTE $ddl$CREATE TYPE target (
	INPUT = target_in,
	OUTPUT = target_out,
	RECEIVE = target_recv,
	SEND = target_send,
	INTERNALLENGTH = 24,
	ALIGNMENT = double,
	STORAGE = plain
)$ddl$;
EXCEPTION WHEN duplicate_object OR duplicate_function THEN NULL;  -- it exists: kept
END $update$;
COMMENT ON TYPE target IS 'a plan target: growth >= 7%, level >= 100, share >= 22%, change >= 0.5pp, growth between 6% and 8%, growth > reference';
CREATE OR REPLACE FUNCTION target_cmp(target, target) RETURNS int4
	AS 'MODULE_PATHNAME' LANGUAGE C IMMUTABLE STRICT PARALLEL SAFE;
CREATE OR REPLACE FUNCTION target_eq(target, target) RETURNS bool
	AS 'MODULE_PATHNAME' LANGUAGE C IMMUTABLE STRICT PARALLEL SAFE;
CREATE OR REPLACE FUNCTION target_ne(target, target) RETURNS bool
	AS 'MODULE_PATHNAME' LANGUAGE C IMMUTABLE STRICT PARALLEL SAFE;
CREATE OR REPLACE FUNCTION target_lt(target, target) RETURNS bool
	AS 'MODULE_PATHNAME' LANGUAGE C IMMUTABLE STRICT PARALLEL SAFE;
CREATE OR REPLACE FUNCTION target_le(target, target) RETURNS bool
	AS 'MODULE_PATHNAME' LANGUAGE C IMMUTABLE STRICT PARALLEL SAFE;
CREATE OR REPLACE FUNCTION target_gt(target, target) RETURNS bool
	AS 'MODULE_PATHNAME' LANGUAGE C IMMUTABLE STRICT PARALLEL SAFE;
CREATE OR REPLACE FUNCTION target_ge(target, target) RETURNS bool
	AS 'MODULE_PATHNAME' LANGUAGE C IMMUTABLE STRICT PARALLEL SAFE;
CREATE OR REPLACE FUNCTION target_hash(target) RETURNS int4
	AS 'MODULE_PATHNAME' LANGUAGE C IMMUTABLE STRICT PARALLEL SAFE;
CREATE OR REPLACE FUNCTION target_hash_extended(target, int8) RETURNS int8
	AS 'MODULE_PATHNAME' LANGUAGE C IMMUTABLE STRICT PARALLEL SAFE;
DO $update$ BEGIN EXECUTE $ddl$CREATE OPERATOR = (LEFTARG = target, RIGHTARG = target, PROCEDURE = target_eq,
	COMMUTATOR = =, NEGATOR = <>, RESTRICT = eqsel, JOIN = eqjoinsel, HASHES, MERGES)$ddl$;
EXCEPTION WHEN duplicate_object OR duplicate_function THEN NULL;  -- it exists: kept
END $update$;
DO $update$ BEGIN EXECUTE $ddl$CREATE OPERATOR <> (LEFTARG = target, RIGHTARG = target, PROCEDURE = target_ne,
	COMMUTATOR = <>, NEGATOR = =, RESTRICT = neqsel, JOIN = neqjoinsel)$ddl$;
EXCEPTION WHEN duplicate_object OR duplicate_function THEN NULL;  -- it exists: kept
END $update$;
DO $update$ BEGIN EXECUTE $ddl$CREATE OPERATOR < (LEFTARG = target, RIGHTARG = target, PROCEDURE = target_lt,
	COMMUTATOR = >, NEGATOR = >=, RESTRICT = scalarltsel, JOIN = scalarltjoinsel)$ddl$;
EXCEPTION WHEN duplicate_object OR duplicate_function THEN NULL;  -- it exists: kept
END $update$;
DO $update$ BEGIN EXECUTE $ddl$CREATE OPERATOR <= (LEFTARG = target, RIGHTARG = target, PROCEDURE = target_le,
	COMMUTATOR = >=, NEGATOR = >, RESTRICT = scalarlesel, JOIN = scalarlejoinsel)$ddl$;
EXCEPTION WHEN duplicate_object OR duplicate_function THEN NULL;  -- it exists: kept
END $update$;
DO $update$ BEGIN EXECUTE $ddl$CREATE OPERATOR > (LEFTARG = target, RIGHTARG = target, PROCEDURE = target_gt,
	COMMUTATOR = <, NEGATOR = <=, RESTRICT = scalargtsel, JOIN = scalargtjoinsel)$ddl$;
EXCEPTION WHEN duplicate_object OR duplicate_function THEN NULL;  -- it exists: kept
END $update$;
DO $update$ BEGIN EXECUTE $ddl$CREATE OPERATOR >= (LEFTARG = target, RIGHTARG = target, PROCEDURE = target_ge,
	COMMUTATOR = <=, NEGATOR = <, RESTRICT = scalargesel, JOIN = scalargejoinsel)$ddl$;
EXCEPTION WHEN duplicate_object OR duplicate_function THEN NULL;  -- it exists: kept
END $update$;
DO $update$ BEGIN EXECUTE $ddl$CREATE OPERATOR CLASS target_ops DEFAULT FOR TYPE target USING btree AS
	OPERATOR 1 <, OPERATOR 2 <=, OPERATOR 3 =, OPERATOR 4 >=, OPERATOR 5 >,
	FUNCTION 1 target_cmp(target, target)$ddl$;
EXCEPTION WHEN duplicate_object OR duplicate_function THEN NULL;  -- it exists: kept
END $update$;
DO $update$ BEGIN EXECUTE $ddl$CREATE OPERATOR CLASS target_hash_ops DEFAULT FOR TYPE target USING hash AS
	OPERATOR 1 =,
	FUNCTION 1 target_hash(target),
	FUNCTION 2 target_hash_extended(target, int8)$ddl$;
EXCEPTION WHEN duplicate_object OR duplicate_function THEN NULL;  -- it exists: kept
END $update$;
CREATE OR REPLACE FUNCTION target_measure(target) RETURNS text
	AS 'MODULE_PATHNAME' LANGUAGE C IMMUTABLE STRICT PARALLEL SAFE;
COMMENT ON FUNCTION target_measure(target) IS 'level, growth, share or change';
CREATE OR REPLACE FUNCTION target_comparator(target) RETURNS text
	AS 'MODULE_PATHNAME' LANGUAGE C IMMUTABLE STRICT PARALLEL SAFE;
COMMENT ON FUNCTION target_comparator(target) IS '>=, >, <=, <, = or between';
CREATE OR REPLACE FUNCTION target_unit(target) RETURNS text
	AS 'MODULE_PATHNAME' LANGUAGE C IMMUTABLE STRICT PARALLEL SAFE;
COMMENT ON FUNCTION target_unit(target) IS 'unit of the threshold: empty for level, % for growth and share, pp for change';
CREATE OR REPLACE FUNCTION target_threshold(target) RETURNS float8
	AS 'MODULE_PATHNAME' LANGUAGE C IMMUTABLE STRICT PARALLEL SAFE;
COMMENT ON FUNCTION target_threshold(target) IS 'the threshold (lower bound of between); NULL for relative targets';
CREATE OR REPLACE FUNCTION target_threshold_upper(target) RETURNS float8
	AS 'MODULE_PATHNAME' LANGUAGE C IMMUTABLE STRICT PARALLEL SAFE;
COMMENT ON FUNCTION target_threshold_upper(target) IS 'upper bound of a between target, else NULL';
CREATE OR REPLACE FUNCTION target_is_relative(target) RETURNS boolean
	AS 'MODULE_PATHNAME' LANGUAGE C IMMUTABLE STRICT PARALLEL SAFE;
CREATE OR REPLACE FUNCTION target_higher_is_better(target) RETURNS boolean
	AS 'MODULE_PATHNAME' LANGUAGE C IMMUTABLE STRICT PARALLEL SAFE;
CREATE OR REPLACE FUNCTION target_met(target, float8) RETURNS boolean
	AS 'MODULE_PATHNAME', 'target_met_fn' LANGUAGE C IMMUTABLE STRICT PARALLEL SAFE;
CREATE OR REPLACE FUNCTION target_met(target, float8, float8) RETURNS boolean
	AS 'MODULE_PATHNAME', 'target_met_fn' LANGUAGE C IMMUTABLE PARALLEL SAFE;
CREATE OR REPLACE FUNCTION target_gap(target, float8) RETURNS float8
	AS 'MODULE_PATHNAME', 'target_gap_fn' LANGUAGE C IMMUTABLE STRICT PARALLEL SAFE;
CREATE OR REPLACE FUNCTION target_gap(target, float8, float8) RETURNS float8
	AS 'MODULE_PATHNAME', 'target_gap_fn' LANGUAGE C IMMUTABLE PARALLEL SAFE;
CREATE OR REPLACE FUNCTION target_attainment(target, float8) RETURNS float8
	AS 'MODULE_PATHNAME', 'target_attainment_fn' LANGUAGE C IMMUTABLE STRICT PARALLEL SAFE;
CREATE OR REPLACE FUNCTION target_attainment(target, float8, float8) RETURNS float8
	AS 'MODULE_PATHNAME', 'target_attainment_fn' LANGUAGE C IMMUTABLE PARALLEL SAFE;
COMMENT ON FUNCTION target_met(target, float8) IS 'whether the actual value meets the target';
COMMENT ON FUNCTION target_gap(target, float8) IS 'signed gap in the target''s unit, positive means ahead';
COMMENT ON FUNCTION target_attainment(target, float8) IS 'attainment ratio (1 = on target), NULL where undefined';
CREATE OR REPLACE FUNCTION time_progress(as_of date, basis text DEFAULT 'month') RETURNS float8
	AS 'MODULE_PATHNAME', 'time_progress_fn' LANGUAGE C IMMUTABLE STRICT PARALLEL SAFE;
CREATE OR REPLACE FUNCTION time_progress(as_of date, basis text, period_start date) RETURNS float8
	AS 'MODULE_PATHNAME', 'time_progress_fn' LANGUAGE C IMMUTABLE STRICT PARALLEL SAFE;
COMMENT ON FUNCTION time_progress(date, text) IS 'share of the calendar year elapsed at as_of (序时进度): month (default) or day basis';

-- from src/sql/15_casts.sql
DO $update$ BEGIN EXECUTE $ddl$CREATE CAST (text AS target) WITH INOUT AS IMPLICIT$ddl$;
EXCEPTION WHEN duplicate_object OR duplicate_function THEN NULL;  -- it exists: kept
END $update$;
COMMENT ON CAST (text AS target) IS 'a target from its text form (implicit: string parameters, JDBC setString)';
DO $update$ BEGIN EXECUTE $ddl$CREATE CAST (varchar AS target) WITH INOUT AS IMPLICIT$ddl$;
EXCEPTION WHEN duplicate_object OR duplicate_function THEN NULL;  -- it exists: kept
END $update$;
COMMENT ON CAST (varchar AS target) IS 'a target from its text form (implicit: string parameters, JDBC setString)';

-- from src/sql/20_ytd.sql
DO $update$ BEGIN EXECUTE $ddl$CREATE TYPE ytd$ddl$;
EXCEPTION WHEN duplicate_object OR duplicate_function THEN NULL;  -- it exists: kept
END $update$;
CREATE OR REPLACE FUNCTION ytd_in(cstring) RETURNS ytd
	AS 'MODULE_PATHNAME' LANGUAGE C IMMUTABLE STRICT PARALLEL SAFE;
CREATE OR REPLACE FUNCTION ytd_out(ytd) RETURNS cstring
	AS 'MODULE_PATHNAME' LANGUAGE C IMMUTABLE STRICT PARALLEL SAFE;
CREATE OR REPLACE FUNCTION ytd_recv(internal) RETURNS ytd
	AS 'MODULE_PATHNAME' LANGUAGE C IMMUTABLE STRICT PARALLEL SAFE;
CREATE OR REPLACE FUNCTION ytd_send(ytd) RETURNS bytea
	AS 'MODULE_PATHNAME' LANGUAGE C IMMUTABLE STRICT PARALLEL SAFE;
DO $update$ BEGIN EXECUTE $ddl$CREATE TYPE ytd (
	INPUT = ytd_in,
	OUTPUT = ytd_out,
	RECEIVE = ytd_recv,
	SEND = ytd_send,
	INTERNALLENGTH = VARIABLE,
	ALIGNMENT = double,
	STORAGE = extended
)$ddl$;
EXCEPTION WHEN duplicate_object OR duplicate_function THEN NULL;  -- it exists: kept
END $update$;
COMMENT ON TYPE ytd IS 'readings of one group by month (monthly, cumulative or rate), e.g. monthly{2023-01:100,2023-02:250.5}';
CREATE OR REPLACE FUNCTION ytd_kind(ytd) RETURNS text
	AS 'MODULE_PATHNAME' LANGUAGE C IMMUTABLE STRICT PARALLEL SAFE;
COMMENT ON FUNCTION ytd_kind(ytd) IS 'monthly, cumulative or rate';
CREATE OR REPLACE FUNCTION ytd_monthly_trans(ytd, date, float8) RETURNS ytd
	AS 'MODULE_PATHNAME' LANGUAGE C IMMUTABLE PARALLEL SAFE;
CREATE OR REPLACE FUNCTION ytd_cumulative_trans(ytd, date, float8) RETURNS ytd
	AS 'MODULE_PATHNAME' LANGUAGE C IMMUTABLE PARALLEL SAFE;
CREATE OR REPLACE FUNCTION ytd_rate_trans(ytd, date, float8) RETURNS ytd
	AS 'MODULE_PATHNAME' LANGUAGE C IMMUTABLE PARALLEL SAFE;
CREATE OR REPLACE FUNCTION ytd_kind_trans(ytd, date, float8, text) RETURNS ytd
	AS 'MODULE_PATHNAME' LANGUAGE C IMMUTABLE PARALLEL SAFE;
CREATE OR REPLACE FUNCTION ytd_asof_trans(ytd, date, float8, date) RETURNS ytd
	AS 'MODULE_PATHNAME' LANGUAGE C IMMUTABLE PARALLEL SAFE;
CREATE OR REPLACE FUNCTION ytd_combine(ytd, ytd) RETURNS ytd
	AS 'MODULE_PATHNAME' LANGUAGE C IMMUTABLE STRICT PARALLEL SAFE;
CREATE OR REPLACE FUNCTION ytd_growth_final(ytd) RETURNS float8
	AS 'MODULE_PATHNAME' LANGUAGE C IMMUTABLE PARALLEL SAFE;
CREATE OR REPLACE FUNCTION ytd_value_final(ytd) RETURNS float8
	AS 'MODULE_PATHNAME' LANGUAGE C IMMUTABLE PARALLEL SAFE;
CREATE OR REPLACE AGGREGATE ytd_agg(period date, value float8) (
	SFUNC = ytd_monthly_trans, STYPE = ytd,
	COMBINEFUNC = ytd_combine, PARALLEL = SAFE);
COMMENT ON AGGREGATE ytd_agg(date, float8) IS 'state of monthly readings (flows and stocks); rows of one month add up';
CREATE OR REPLACE AGGREGATE ytd_cumulative_agg(period date, value float8) (
	SFUNC = ytd_cumulative_trans, STYPE = ytd,
	COMBINEFUNC = ytd_combine, PARALLEL = SAFE);
COMMENT ON AGGREGATE ytd_cumulative_agg(date, float8) IS 'state of cumulative January-to-month readings (1-N月); rows of one month add up';
CREATE OR REPLACE AGGREGATE ytd_rate_agg(period date, value float8) (
	SFUNC = ytd_rate_trans, STYPE = ytd,
	COMBINEFUNC = ytd_combine, PARALLEL = SAFE);
COMMENT ON AGGREGATE ytd_rate_agg(date, float8) IS 'state of a rate: one reading per month, never added';
CREATE OR REPLACE AGGREGATE ytd_agg(period date, value float8, kind text) (
	SFUNC = ytd_kind_trans, STYPE = ytd,
	COMBINEFUNC = ytd_combine, PARALLEL = SAFE);
COMMENT ON AGGREGATE ytd_agg(date, float8, text) IS 'state of readings whose kind (monthly, cumulative or rate) is given per row; kinds must not mix';
CREATE OR REPLACE AGGREGATE rollup(ytd) (
	SFUNC = ytd_combine, STYPE = ytd,
	COMBINEFUNC = ytd_combine, PARALLEL = SAFE);
COMMENT ON AGGREGATE rollup(ytd) IS 'merge ytd states (e.g. counties into a city)';
CREATE OR REPLACE FUNCTION ytd_value(state ytd, as_of date) RETURNS float8
	AS 'MODULE_PATHNAME' LANGUAGE C IMMUTABLE STRICT PARALLEL SAFE;
COMMENT ON FUNCTION ytd_value(ytd, date) IS 'year-to-date value: sum of January..month (or the cumulative reading)';
CREATE OR REPLACE FUNCTION ytd_prior(state ytd, as_of date) RETURNS float8
	AS 'MODULE_PATHNAME' LANGUAGE C IMMUTABLE STRICT PARALLEL SAFE;
COMMENT ON FUNCTION ytd_prior(ytd, date) IS 'year-to-date value of the same months a year before';
CREATE OR REPLACE FUNCTION ytd_growth(state ytd, as_of date) RETURNS float8
	AS 'MODULE_PATHNAME' LANGUAGE C IMMUTABLE STRICT PARALLEL SAFE;
COMMENT ON FUNCTION ytd_growth(ytd, date) IS 'year-on-year growth of the year-to-date value, in %';
CREATE OR REPLACE FUNCTION ytd_level(state ytd, as_of date) RETURNS float8
	AS 'MODULE_PATHNAME' LANGUAGE C IMMUTABLE STRICT PARALLEL SAFE;
COMMENT ON FUNCTION ytd_level(ytd, date) IS 'level at the month (stock indicators and rates)';
CREATE OR REPLACE FUNCTION ytd_month_value(state ytd, as_of date) RETURNS float8
	AS 'MODULE_PATHNAME' LANGUAGE C IMMUTABLE STRICT PARALLEL SAFE;
COMMENT ON FUNCTION ytd_month_value(ytd, date) IS 'value of the month alone: the reading, or cum(m) - cum(m-1) for cumulative readings; NULL for a February standing for January too';
CREATE OR REPLACE FUNCTION ytd_level_growth(state ytd, as_of date) RETURNS float8
	AS 'MODULE_PATHNAME' LANGUAGE C IMMUTABLE STRICT PARALLEL SAFE;
COMMENT ON FUNCTION ytd_level_growth(ytd, date) IS 'growth in % of the level at the month over the same month a year before';
CREATE OR REPLACE FUNCTION ytd_change(state ytd, as_of date) RETURNS float8
	AS 'MODULE_PATHNAME' LANGUAGE C IMMUTABLE STRICT PARALLEL SAFE;
COMMENT ON FUNCTION ytd_change(ytd, date) IS 'change of a rate from the same month a year before, in percentage points';
CREATE OR REPLACE FUNCTION ytd_missing(state ytd, as_of date, measure text DEFAULT 'value') RETURNS date[]
	AS 'MODULE_PATHNAME' LANGUAGE C IMMUTABLE STRICT PARALLEL SAFE;
COMMENT ON FUNCTION ytd_missing(ytd, date, text) IS 'first days of the months that keep the comparison from being made (measure value or level)';
CREATE OR REPLACE AGGREGATE ytd_growth(period date, value float8, as_of date) (
	SFUNC = ytd_asof_trans, STYPE = ytd, FINALFUNC = ytd_growth_final,
	COMBINEFUNC = ytd_combine, PARALLEL = SAFE);
COMMENT ON AGGREGATE ytd_growth(date, float8, date) IS 'year-on-year growth in % of the year-to-date value of monthly readings';
CREATE OR REPLACE AGGREGATE ytd_value(period date, value float8, as_of date) (
	SFUNC = ytd_asof_trans, STYPE = ytd, FINALFUNC = ytd_value_final,
	COMBINEFUNC = ytd_combine, PARALLEL = SAFE);
COMMENT ON AGGREGATE ytd_value(date, float8, date) IS 'year-to-date value of monthly readings';

-- from src/sql/30_score.sql
CREATE OR REPLACE FUNCTION score_proportional(attainment float8, weight float8,
		floor_share float8 DEFAULT 0, cap_share float8 DEFAULT 1) RETURNS float8
	AS 'MODULE_PATHNAME', 'score_proportional_fn' LANGUAGE C IMMUTABLE STRICT PARALLEL SAFE;
COMMENT ON FUNCTION score_proportional(float8, float8, float8, float8) IS 'weight x attainment, the attainment clamped to [floor_share, cap_share] (cap 1.2 rewards over-achievement)';
CREATE OR REPLACE FUNCTION score_met(met boolean, weight float8,
		miss_share float8 DEFAULT 0) RETURNS float8
	AS 'MODULE_PATHNAME', 'score_threshold_fn' LANGUAGE C IMMUTABLE STRICT PARALLEL SAFE;
COMMENT ON FUNCTION score_met(boolean, float8, float8) IS 'threshold scoring from a met flag: the full weight when met, miss_share x weight otherwise';
CREATE OR REPLACE FUNCTION score_rank(rank bigint, n bigint, weight float8,
		floor_share float8 DEFAULT 0.6) RETURNS float8
	AS 'MODULE_PATHNAME', 'score_rank_fn' LANGUAGE C IMMUTABLE STRICT PARALLEL SAFE;
COMMENT ON FUNCTION score_rank(bigint, bigint, float8, float8) IS 'rank 1 of n earns the weight, rank n floor_share x weight, linear between; pass rank() OVER (...) and count(*) OVER ()';

-- from src/sql/32_published.sql
CREATE OR REPLACE FUNCTION target_met(t target, actual float8, reference float8, decimals int) RETURNS boolean
	AS 'MODULE_PATHNAME', 'target_met_fn' LANGUAGE C IMMUTABLE PARALLEL SAFE;
CREATE OR REPLACE FUNCTION target_gap(t target, actual float8, reference float8, decimals int) RETURNS float8
	AS 'MODULE_PATHNAME', 'target_gap_fn' LANGUAGE C IMMUTABLE PARALLEL SAFE;
CREATE OR REPLACE FUNCTION target_attainment(t target, actual float8, reference float8, decimals int) RETURNS float8
	AS 'MODULE_PATHNAME', 'target_attainment_fn' LANGUAGE C IMMUTABLE PARALLEL SAFE;
COMMENT ON FUNCTION target_met(target, float8, float8, int) IS 'whether the figure published to decimals (round half away from zero) meets the target';
COMMENT ON FUNCTION target_gap(target, float8, float8, int) IS 'signed gap of the figure published to decimals, in the target''s unit';
COMMENT ON FUNCTION target_attainment(target, float8, float8, int) IS 'attainment ratio of the figure published to decimals, NULL where undefined';
CREATE OR REPLACE FUNCTION round_published(value float8, decimals int) RETURNS float8
	AS 'MODULE_PATHNAME', 'round_published_fn' LANGUAGE C IMMUTABLE PARALLEL SAFE;
COMMENT ON FUNCTION round_published(float8, int) IS 'the figure as published: value to 15 significant digits, rounded half away from zero to decimals (NULL decimals: unchanged)';
CREATE OR REPLACE FUNCTION target_prorated(t target, progress float8) RETURNS target
	AS 'MODULE_PATHNAME', 'target_prorated_fn' LANGUAGE C IMMUTABLE STRICT PARALLEL SAFE;
COMMENT ON FUNCTION target_prorated(target, float8) IS 'the time-prorated target (序时目标): a level target''s threshold(s) times progress; other targets unchanged';
CREATE OR REPLACE FUNCTION target_fits(t target, nature text) RETURNS boolean
	AS 'MODULE_PATHNAME', 'target_fits_fn' LANGUAGE C IMMUTABLE STRICT PARALLEL SAFE;
COMMENT ON FUNCTION target_fits(target, text) IS 'whether the target''s measure fits an indicator of this nature: flow and stock growth or level; rate level, share or change; task level';
CREATE OR REPLACE FUNCTION target_check_fits(t target, nature text) RETURNS boolean
	AS 'MODULE_PATHNAME', 'target_check_fits_fn' LANGUAGE C IMMUTABLE STRICT PARALLEL SAFE;
COMMENT ON FUNCTION target_check_fits(target, text) IS 'true when target_fits, else a check_violation error naming the measures that fit (for CHECK constraints)';
CREATE OR REPLACE FUNCTION target_schedule_gap(t target, actual float8, as_of date,
		basis text DEFAULT 'month', decimals int DEFAULT NULL) RETURNS float8
	AS 'MODULE_PATHNAME', 'target_schedule_gap_fn' LANGUAGE C IMMUTABLE PARALLEL SAFE;
COMMENT ON FUNCTION target_schedule_gap(target, float8, date, text, int) IS 'points of an annual level target ahead of time progress, on the figure published to decimals (NULL if not a level target)';
CREATE OR REPLACE FUNCTION target_status(t target, actual float8, as_of date,
		flow boolean DEFAULT false, reference float8 DEFAULT NULL,
		tolerance float8 DEFAULT NULL, basis text DEFAULT 'month',
		decimals int DEFAULT NULL) RETURNS text
	AS 'MODULE_PATHNAME', 'target_status_fn' LANGUAGE C IMMUTABLE PARALLEL SAFE;
COMMENT ON FUNCTION target_status(target, float8, date, boolean, float8, float8, text, int) IS 'green, yellow (shortfall within the tolerance, boundary included) or red, on the figure published to decimals; level targets of flows are judged against time progress';
CREATE OR REPLACE FUNCTION score_ratio(t target, actual float8, weight float8,
		floor_share float8 DEFAULT 0, cap_share float8 DEFAULT 1,
		decimals int DEFAULT NULL) RETURNS float8
	AS 'MODULE_PATHNAME', 'score_ratio_fn' LANGUAGE C IMMUTABLE PARALLEL SAFE;
COMMENT ON FUNCTION score_ratio(target, float8, float8, float8, float8, int) IS 'proportional score of the figure published to decimals: weight x attainment within [floor_share, cap_share]; a met lower-is-better target at or below zero earns the cap, a range earns at most its weight';
CREATE OR REPLACE FUNCTION score_threshold(t target, actual float8, weight float8,
		miss_share float8 DEFAULT 0, decimals int DEFAULT NULL) RETURNS float8
	AS 'MODULE_PATHNAME', 'score_threshold_target_fn' LANGUAGE C IMMUTABLE PARALLEL SAFE;
COMMENT ON FUNCTION score_threshold(target, float8, float8, float8, int) IS 'the full weight when the figure published to decimals meets the target, miss_share x weight otherwise';
CREATE OR REPLACE FUNCTION score_banded(actual float8, standards float8[], weight float8,
		decimals int DEFAULT NULL) RETURNS float8
	AS 'MODULE_PATHNAME', 'score_banded_fn' LANGUAGE C IMMUTABLE PARALLEL SAFE;
COMMENT ON FUNCTION score_banded(float8, float8[], float8, int) IS 'SOE banded efficacy coefficient (功效系数法) of the figure published to decimals: standards {excellent,good,average,low,poor}, descending = higher is better, ascending = lower is better';
CREATE OR REPLACE FUNCTION score_efficacy(actual float8, satisfactory float8, disallowed float8,
		weight float8 DEFAULT 100, clamped boolean DEFAULT true, decimals int DEFAULT NULL) RETURNS float8
	AS 'MODULE_PATHNAME', 'score_efficacy_fn' LANGUAGE C IMMUTABLE PARALLEL SAFE;
COMMENT ON FUNCTION score_efficacy(float8, float8, float8, float8, boolean, int) IS 'on the figure published to decimals: statistical efficacy coefficient 60 + 40 x (actual - disallowed) / (satisfactory - disallowed), scaled to weight/100; clamped to [60, 100] by default';

-- from src/sql/40_assess.sql
DO $update$ BEGIN EXECUTE $ddl$CREATE TYPE assessment$ddl$;
EXCEPTION WHEN duplicate_object OR duplicate_function THEN NULL;  -- it exists: kept
END $update$;
CREATE OR REPLACE FUNCTION assessment_in(cstring) RETURNS assessment
	AS 'MODULE_PATHNAME' LANGUAGE C IMMUTABLE STRICT PARALLEL SAFE;
CREATE OR REPLACE FUNCTION assessment_out(assessment) RETURNS cstring
	AS 'MODULE_PATHNAME' LANGUAGE C IMMUTABLE STRICT PARALLEL SAFE;
CREATE OR REPLACE FUNCTION assessment_recv(internal) RETURNS assessment
	AS 'MODULE_PATHNAME' LANGUAGE C IMMUTABLE STRICT PARALLEL SAFE;
CREATE OR REPLACE FUNCTION assessment_send(assessment) RETURNS bytea
	AS 'MODULE_PATHNAME' LANGUAGE C IMMUTABLE STRICT PARALLEL SAFE;
DO $update$ BEGIN EXECUTE $ddl$CREATE TYPE assessment (
	INPUT = assessment_in,
	OUTPUT = assessment_out,
	RECEIVE = assessment_recv,
	SEND = assessment_send,
	INTERNALLENGTH = 80,
	ALIGNMENT = double,
	STORAGE = plain
)$ddl$;
EXCEPTION WHEN duplicate_object OR duplicate_function THEN NULL;  -- it exists: kept
END $update$;
COMMENT ON TYPE assessment IS 'state of the assess aggregate: sums of points and weights, bonus, deduction, counts of applicable, missing and vetoed items';
CREATE OR REPLACE FUNCTION assess_trans(assessment, float8, float8) RETURNS assessment
	AS 'MODULE_PATHNAME' LANGUAGE C IMMUTABLE PARALLEL SAFE;
CREATE OR REPLACE FUNCTION assess_trans(assessment, float8, float8, text) RETURNS assessment
	AS 'MODULE_PATHNAME' LANGUAGE C IMMUTABLE PARALLEL SAFE;
CREATE OR REPLACE FUNCTION weighted_score_trans(assessment, float8, float8) RETURNS assessment
	AS 'MODULE_PATHNAME' LANGUAGE C IMMUTABLE PARALLEL SAFE;
CREATE OR REPLACE FUNCTION assess_combine(assessment, assessment) RETURNS assessment
	AS 'MODULE_PATHNAME' LANGUAGE C IMMUTABLE PARALLEL SAFE;
CREATE OR REPLACE FUNCTION weighted_score_final(assessment) RETURNS float8
	AS 'MODULE_PATHNAME' LANGUAGE C IMMUTABLE PARALLEL SAFE;
CREATE OR REPLACE AGGREGATE assess(points float8, weight float8) (
	SFUNC = assess_trans,
	STYPE = assessment,
	COMBINEFUNC = assess_combine,
	PARALLEL = SAFE
);
CREATE OR REPLACE AGGREGATE assess(points float8, weight float8, kind text) (
	SFUNC = assess_trans,
	STYPE = assessment,
	COMBINEFUNC = assess_combine,
	PARALLEL = SAFE
);
COMMENT ON AGGREGATE assess(float8, float8) IS 'combine one unit''s score items (NULL points: not applicable) into an assessment';
COMMENT ON AGGREGATE assess(float8, float8, text) IS 'combine one unit''s items of kind score, bonus, deduction or veto into an assessment';
CREATE OR REPLACE AGGREGATE rollup(assessment) (
	SFUNC = assess_combine,
	STYPE = assessment,
	COMBINEFUNC = assess_combine,
	PARALLEL = SAFE
);
COMMENT ON AGGREGATE rollup(assessment) IS 'merge assessment states, as if aggregated over all their rows';
CREATE OR REPLACE AGGREGATE weighted_score(points float8, weight float8) (
	SFUNC = weighted_score_trans,
	STYPE = assessment,
	FINALFUNC = weighted_score_final,
	COMBINEFUNC = assess_combine,
	PARALLEL = SAFE
);
COMMENT ON AGGREGATE weighted_score(float8, float8) IS '100 x sum(points) / sum(weight) over the rows whose points are not NULL';
CREATE OR REPLACE FUNCTION assessment_points(assessment) RETURNS float8
	AS 'MODULE_PATHNAME' LANGUAGE C IMMUTABLE STRICT PARALLEL SAFE;
COMMENT ON FUNCTION assessment_points(assessment) IS 'sum of the points of the applicable score items';
CREATE OR REPLACE FUNCTION assessment_weight(assessment) RETURNS float8
	AS 'MODULE_PATHNAME' LANGUAGE C IMMUTABLE STRICT PARALLEL SAFE;
COMMENT ON FUNCTION assessment_weight(assessment) IS 'sum of the weights of the applicable score items';
CREATE OR REPLACE FUNCTION assessment_weight_all(assessment) RETURNS float8
	AS 'MODULE_PATHNAME' LANGUAGE C IMMUTABLE STRICT PARALLEL SAFE;
COMMENT ON FUNCTION assessment_weight_all(assessment) IS 'sum of the weights of all score items, applicable or not';
CREATE OR REPLACE FUNCTION assessment_applicable(assessment) RETURNS bigint
	AS 'MODULE_PATHNAME' LANGUAGE C IMMUTABLE STRICT PARALLEL SAFE;
CREATE OR REPLACE FUNCTION assessment_missing(assessment) RETURNS bigint
	AS 'MODULE_PATHNAME' LANGUAGE C IMMUTABLE STRICT PARALLEL SAFE;
COMMENT ON FUNCTION assessment_missing(assessment) IS 'number of score items with NULL points (not applicable)';
CREATE OR REPLACE FUNCTION assessment_vetoes(assessment) RETURNS bigint
	AS 'MODULE_PATHNAME' LANGUAGE C IMMUTABLE STRICT PARALLEL SAFE;
CREATE OR REPLACE FUNCTION assessment_vetoed(assessment) RETURNS boolean
	AS 'MODULE_PATHNAME' LANGUAGE C IMMUTABLE STRICT PARALLEL SAFE;
COMMENT ON FUNCTION assessment_vetoed(assessment) IS 'whether a veto item (一票否决) applied';
CREATE OR REPLACE FUNCTION assessment_bonus(a assessment, cap float8 DEFAULT NULL) RETURNS float8
	AS 'MODULE_PATHNAME' LANGUAGE C IMMUTABLE PARALLEL SAFE;
CREATE OR REPLACE FUNCTION assessment_deduction(a assessment, cap float8 DEFAULT NULL) RETURNS float8
	AS 'MODULE_PATHNAME' LANGUAGE C IMMUTABLE PARALLEL SAFE;
COMMENT ON FUNCTION assessment_bonus(assessment, float8) IS 'bonus points, at most cap';
COMMENT ON FUNCTION assessment_deduction(assessment, float8) IS 'deduction points (a positive number), at most cap';
CREATE OR REPLACE FUNCTION assessment_total(a assessment, bonus_cap float8 DEFAULT NULL,
		deduction_cap float8 DEFAULT NULL) RETURNS float8
	AS 'MODULE_PATHNAME' LANGUAGE C IMMUTABLE PARALLEL SAFE;
COMMENT ON FUNCTION assessment_total(assessment, float8, float8) IS 'raw total: points of the applicable items + capped bonus - capped deduction';
CREATE OR REPLACE FUNCTION assessment_score(a assessment, bonus_cap float8 DEFAULT NULL,
		deduction_cap float8 DEFAULT NULL) RETURNS float8
	AS 'MODULE_PATHNAME' LANGUAGE C IMMUTABLE PARALLEL SAFE;
COMMENT ON FUNCTION assessment_score(assessment, float8, float8) IS '100 x points / applicable weight + capped bonus - capped deduction; NULL when no item applies';
CREATE OR REPLACE FUNCTION assessment_geometric(a assessment, bonus_cap float8 DEFAULT NULL,
		deduction_cap float8 DEFAULT NULL) RETURNS float8
	AS 'MODULE_PATHNAME' LANGUAGE C IMMUTABLE PARALLEL SAFE;
COMMENT ON FUNCTION assessment_geometric(assessment, float8, float8) IS '100 x weighted geometric mean of points/weight + capped bonus - capped deduction';
CREATE OR REPLACE FUNCTION score_grade(score float8,
		labels text[] DEFAULT '{优秀,良好,合格,不合格}',
		thresholds float8[] DEFAULT '{90,80,60}') RETURNS text
	AS 'MODULE_PATHNAME' LANGUAGE C IMMUTABLE STRICT PARALLEL SAFE;
COMMENT ON FUNCTION score_grade(float8, text[], float8[]) IS 'label of the first band whose threshold the score reaches (best first); the last label below all';
CREATE OR REPLACE FUNCTION assessment_grade(a assessment,
		labels text[] DEFAULT '{优秀,良好,合格,不合格}',
		thresholds float8[] DEFAULT '{90,80,60}',
		bonus_cap float8 DEFAULT NULL, deduction_cap float8 DEFAULT NULL) RETURNS text
	AS 'MODULE_PATHNAME' LANGUAGE C IMMUTABLE PARALLEL SAFE;
COMMENT ON FUNCTION assessment_grade(assessment, text[], float8[], float8, float8) IS 'grade of assessment_score; the lowest grade when a veto applied';

-- from src/sql/50_arith.sql
CREATE OR REPLACE FUNCTION contribution(part float8, part_prior float8, total float8, total_prior float8)
	RETURNS float8 AS 'MODULE_PATHNAME', 'contribution_fn' LANGUAGE C IMMUTABLE STRICT PARALLEL SAFE;
COMMENT ON FUNCTION contribution(float8, float8, float8, float8) IS 'contribution (贡献率) in %: (part - part_prior) / (total - total_prior) x 100; NULL when the total did not change';
CREATE OR REPLACE FUNCTION pull(part float8, part_prior float8, total_prior float8)
	RETURNS float8 AS 'MODULE_PATHNAME', 'pull_fn' LANGUAGE C IMMUTABLE STRICT PARALLEL SAFE;
COMMENT ON FUNCTION pull(float8, float8, float8) IS 'pull (拉动) in percentage points: (part - part_prior) / total_prior x 100; NULL when total_prior is not positive';
CREATE OR REPLACE FUNCTION pull_comparable(part_base float8, total_base float8, part_growth float8)
	RETURNS float8 AS 'MODULE_PATHNAME', 'pull_comparable_fn' LANGUAGE C IMMUTABLE STRICT PARALLEL SAFE;
COMMENT ON FUNCTION pull_comparable(float8, float8, float8) IS 'pull in points from comparable-price growth: part_base / total_base x part_growth (base-period share x growth)';
CREATE OR REPLACE FUNCTION required_growth(annual_prior float8, ytd_prior float8, ytd float8, growth_target float8)
	RETURNS float8 AS 'MODULE_PATHNAME', 'required_growth_fn' LANGUAGE C IMMUTABLE STRICT PARALLEL SAFE;
COMMENT ON FUNCTION required_growth(float8, float8, float8, float8) IS 'growth in % the remaining months need (倒排): (A x (1 + g) - X_N) / (A - C_N) - 1; NULL when nothing of last year remains';
CREATE OR REPLACE FUNCTION projection(annual_prior float8, ytd_prior float8, ytd float8)
	RETURNS float8 AS 'MODULE_PATHNAME', 'projection_fn' LANGUAGE C IMMUTABLE STRICT PARALLEL SAFE;
COMMENT ON FUNCTION projection(float8, float8, float8) IS 'year-end value at the year-to-date pace: X_N + (A - C_N) x (1 + g_ytd)';
CREATE OR REPLACE FUNCTION avg_growth(value float8, base float8, years int)
	RETURNS float8 AS 'MODULE_PATHNAME', 'avg_growth_fn' LANGUAGE C IMMUTABLE STRICT PARALLEL SAFE;
COMMENT ON FUNCTION avg_growth(float8, float8, int) IS 'average yearly growth in %: ((value / base)^(1/years) - 1) x 100';
CREATE OR REPLACE FUNCTION ytd_contribution(part ytd, total ytd, as_of date) RETURNS float8
	AS 'MODULE_PATHNAME' LANGUAGE C IMMUTABLE STRICT PARALLEL SAFE;
COMMENT ON FUNCTION ytd_contribution(ytd, ytd, date) IS 'contribution in % of the part''s year-to-date change to the total''s (total: a state or rollup(state) OVER (...))';
CREATE OR REPLACE FUNCTION ytd_pull(part ytd, total ytd, as_of date) RETURNS float8
	AS 'MODULE_PATHNAME' LANGUAGE C IMMUTABLE STRICT PARALLEL SAFE;
COMMENT ON FUNCTION ytd_pull(ytd, ytd, date) IS 'pull in points of the part''s year-to-date change on the total''s growth';
CREATE OR REPLACE FUNCTION ytd_annual_prior(state ytd, as_of date) RETURNS float8
	AS 'MODULE_PATHNAME' LANGUAGE C IMMUTABLE STRICT PARALLEL SAFE;
COMMENT ON FUNCTION ytd_annual_prior(ytd, date) IS 'last year''s January-December value (A)';
CREATE OR REPLACE FUNCTION ytd_required_growth(state ytd, as_of date, t target) RETURNS float8
	AS 'MODULE_PATHNAME' LANGUAGE C IMMUTABLE STRICT PARALLEL SAFE;
COMMENT ON FUNCTION ytd_required_growth(ytd, date, target) IS 'growth in % the remaining months need to reach a growth target or an annual level target; NULL in December and for other targets';
CREATE OR REPLACE FUNCTION ytd_projection(state ytd, as_of date) RETURNS float8
	AS 'MODULE_PATHNAME' LANGUAGE C IMMUTABLE STRICT PARALLEL SAFE;
COMMENT ON FUNCTION ytd_projection(ytd, date) IS 'year-end value if the remaining months grow as the year to date: X_N + (A - C_N) x (1 + g_ytd)';
CREATE OR REPLACE FUNCTION ytd_projected_growth(state ytd, as_of date) RETURNS float8
	AS 'MODULE_PATHNAME' LANGUAGE C IMMUTABLE STRICT PARALLEL SAFE;
COMMENT ON FUNCTION ytd_projected_growth(ytd, date) IS 'growth in % of the year-end projection over last year''s annual value';
CREATE OR REPLACE FUNCTION ytd_projection_met(state ytd, as_of date, t target) RETURNS boolean
	AS 'MODULE_PATHNAME' LANGUAGE C IMMUTABLE STRICT PARALLEL SAFE;
COMMENT ON FUNCTION ytd_projection_met(ytd, date, target) IS 'whether the year-end projection meets a growth or annual level target; NULL for other targets';
CREATE OR REPLACE FUNCTION ytd_avg_growth(state ytd, as_of date, years int DEFAULT 2) RETURNS float8
	AS 'MODULE_PATHNAME' LANGUAGE C IMMUTABLE STRICT PARALLEL SAFE;
COMMENT ON FUNCTION ytd_avg_growth(ytd, date, int) IS 'average yearly growth in % of the same year-to-date months over years years (两年平均增速: years = 2, needs three years of readings)';
CREATE OR REPLACE FUNCTION ytd_month_growth(state ytd, as_of date) RETURNS float8
	AS 'MODULE_PATHNAME' LANGUAGE C IMMUTABLE STRICT PARALLEL SAFE;
COMMENT ON FUNCTION ytd_month_growth(ytd, date) IS 'the month''s own growth in % (当月增速) from monthly or cumulative readings; NULL for a February standing for January too';
CREATE OR REPLACE FUNCTION ytd_growth_change(state ytd, as_of date) RETURNS float8
	AS 'MODULE_PATHNAME' LANGUAGE C IMMUTABLE STRICT PARALLEL SAFE;
COMMENT ON FUNCTION ytd_growth_change(ytd, date) IS 'points the year-to-date growth rose since the previous month (比1-(N-1)月); NULL in January and for 1-2月 reported together';
CREATE OR REPLACE FUNCTION ytd_seasonal_schedule(state ytd, as_of date) RETURNS float8[]
	AS 'MODULE_PATHNAME' LANGUAGE C IMMUTABLE STRICT PARALLEL SAFE;
COMMENT ON FUNCTION ytd_seasonal_schedule(ytd, date) IS 'last year''s seasonal shape as a schedule: S(m) = C_m / A for m = 1..12 (NULL for months without a figure)';
CREATE OR REPLACE FUNCTION share_growing_trans(int8[], float8) RETURNS int8[]
	AS 'MODULE_PATHNAME' LANGUAGE C IMMUTABLE PARALLEL SAFE;
CREATE OR REPLACE FUNCTION share_growing_combine(int8[], int8[]) RETURNS int8[]
	AS 'MODULE_PATHNAME' LANGUAGE C IMMUTABLE STRICT PARALLEL SAFE;
CREATE OR REPLACE FUNCTION share_growing_final(int8[]) RETURNS float8
	AS 'MODULE_PATHNAME' LANGUAGE C IMMUTABLE STRICT PARALLEL SAFE;
COMMENT ON FUNCTION share_growing_trans(int8[], float8) IS 'transition of share_growing: count a unit''s growth';
COMMENT ON FUNCTION share_growing_combine(int8[], int8[]) IS 'combine of share_growing: add the counts';
COMMENT ON FUNCTION share_growing_final(int8[]) IS 'final of share_growing: % of the counted units growing';
CREATE OR REPLACE AGGREGATE share_growing(growth float8) (
	SFUNC = share_growing_trans, STYPE = int8[], INITCOND = '{0,0}',
	FINALFUNC = share_growing_final, COMBINEFUNC = share_growing_combine, PARALLEL = SAFE);
COMMENT ON AGGREGATE share_growing(float8) IS 'share of units growing (增长面) in %: growths above zero among the non-NULL ones';

-- from src/sql/60_schedule.sql
CREATE OR REPLACE FUNCTION schedule_progress(schedule float8[], as_of date) RETURNS float8
	AS 'MODULE_PATHNAME' LANGUAGE C IMMUTABLE STRICT PARALLEL SAFE;
COMMENT ON FUNCTION schedule_progress(float8[], date) IS 'share of the annual target a schedule asks for by the end of the as-of month (in place of time_progress)';
CREATE OR REPLACE FUNCTION target_schedule_gap(t target, actual float8, as_of date, schedule float8[],
		decimals int DEFAULT NULL) RETURNS float8
	AS 'MODULE_PATHNAME', 'target_schedule_gap_sched' LANGUAGE C IMMUTABLE PARALLEL SAFE;
COMMENT ON FUNCTION target_schedule_gap(target, float8, date, float8[], int) IS 'points of an annual level target ahead of a schedule, on the figure published to decimals (NULL if not a level target or no share that month)';
CREATE OR REPLACE FUNCTION target_status(t target, actual float8, as_of date, schedule float8[],
		reference float8 DEFAULT NULL, tolerance float8 DEFAULT NULL, decimals int DEFAULT NULL) RETURNS text
	AS 'MODULE_PATHNAME', 'target_status_sched' LANGUAGE C IMMUTABLE PARALLEL SAFE;
COMMENT ON FUNCTION target_status(target, float8, date, float8[], float8, float8, int) IS 'green, yellow or red on the figure published to decimals, with level targets judged against a schedule (m/12 when schedule is NULL); others on met and gap';

-- from src/sql/95_comments.sql
COMMENT ON FUNCTION target_in(cstring) IS 'text input of target: growth >= 7%, level >= 100, share >= 22%, change >= 0.5pp, growth between 6% and 8%, growth > reference';
COMMENT ON FUNCTION target_out(target) IS 'canonical text of a target (reads back to an equal value)';
COMMENT ON FUNCTION target_recv(internal) IS 'binary input of target: measure, comparator, relative flag (one byte each), lower and upper threshold (float8)';
COMMENT ON FUNCTION target_send(target) IS 'binary output of target (see target_recv)';
COMMENT ON FUNCTION target_eq(target, target) IS 'targets are equal: same measure, comparator, relative flag and thresholds';
COMMENT ON FUNCTION target_ne(target, target) IS 'targets differ';
COMMENT ON FUNCTION target_lt(target, target) IS 'target sorts before another (by measure, comparator, thresholds)';
COMMENT ON FUNCTION target_le(target, target) IS 'target sorts before or equals another';
COMMENT ON FUNCTION target_gt(target, target) IS 'target sorts after another';
COMMENT ON FUNCTION target_ge(target, target) IS 'target sorts after or equals another';
COMMENT ON FUNCTION target_cmp(target, target) IS 'btree comparison of targets: -1, 0 or 1';
COMMENT ON FUNCTION target_hash(target) IS 'hash of a target (hash indexes, hash joins, GROUP BY)';
COMMENT ON FUNCTION target_hash_extended(target, bigint) IS 'seeded 64-bit hash of a target (hash partitioning)';
COMMENT ON FUNCTION target_higher_is_better(target) IS 'true for >=, > and between targets, false for <= and <; NULL for =';
COMMENT ON FUNCTION target_is_relative(target) IS 'true when the target compares against a reference value passed at evaluation (growth > reference)';
COMMENT ON FUNCTION target_met(target, float8, float8) IS 'whether a relative target is met by actual against the reference value (NULL if either is NULL)';
COMMENT ON FUNCTION target_gap(target, float8, float8) IS 'signed gap of a relative target against the reference value, positive = ahead';
COMMENT ON FUNCTION target_attainment(target, float8, float8) IS 'attainment ratio (完成率) of a relative target against the reference value; NULL where undefined';
COMMENT ON FUNCTION time_progress(date, text, date) IS 'share of a one-year period starting at period_start elapsed at as_of, by month (default) or day; 1 after the period ends';
COMMENT ON FUNCTION ytd_in(cstring) IS 'text input of ytd: kind, optional @as-of date, readings in month order, e.g. monthly{2023-01:100,2023-02:250.5}';
COMMENT ON FUNCTION ytd_out(ytd) IS 'text of a ytd state: readings in month order, each in the shortest form that reads back to the same double';
COMMENT ON FUNCTION ytd_recv(internal) IS 'binary input of ytd: kind, flags, as-of day, reading count, then (month day, value) pairs';
COMMENT ON FUNCTION ytd_send(ytd) IS 'binary output of ytd (see ytd_recv)';
COMMENT ON FUNCTION ytd_monthly_trans(ytd, date, float8) IS 'transition of ytd_agg: adds a monthly reading to the state';
COMMENT ON FUNCTION ytd_cumulative_trans(ytd, date, float8) IS 'transition of ytd_cumulative_agg: adds a cumulative (January to month) reading';
COMMENT ON FUNCTION ytd_rate_trans(ytd, date, float8) IS 'transition of ytd_rate_agg: records a rate reading (one per month)';
COMMENT ON FUNCTION ytd_kind_trans(ytd, date, float8, text) IS 'transition of ytd_agg(period, value, kind): adds a reading of the named kind (monthly, cumulative, rate)';
COMMENT ON FUNCTION ytd_asof_trans(ytd, date, float8, date) IS 'transition of the one-step ytd_growth and ytd_value aggregates: adds a monthly reading and records the as-of date';
COMMENT ON FUNCTION ytd_combine(ytd, ytd) IS 'combine function of the ytd aggregates and of rollup(ytd): merges two states';
COMMENT ON FUNCTION ytd_growth_final(ytd) IS 'final function of the one-step ytd_growth aggregate: growth at the recorded as-of date';
COMMENT ON FUNCTION ytd_value_final(ytd) IS 'final function of the one-step ytd_value aggregate: year-to-date value at the recorded as-of date';
COMMENT ON FUNCTION assessment_in(cstring) IS 'text input of assessment: (points=..,weight=..,weight_all=..,bonus=..,deduction=..,log_sum=..,applicable=..,missing=..,vetoes=..,zeros=..)';
COMMENT ON FUNCTION assessment_out(assessment) IS 'text of an assessment state naming every field, doubles in the shortest form that reads back exactly';
COMMENT ON FUNCTION assessment_recv(internal) IS 'binary input of assessment: six float8 sums, four int8 counts';
COMMENT ON FUNCTION assessment_send(assessment) IS 'binary output of assessment (see assessment_recv)';
COMMENT ON FUNCTION assess_trans(assessment, float8, float8) IS 'transition of assess(points, weight): adds a score item';
COMMENT ON FUNCTION assess_trans(assessment, float8, float8, text) IS 'transition of assess(points, weight, kind): adds a score, bonus, deduction or veto item';
COMMENT ON FUNCTION assess_combine(assessment, assessment) IS 'combine function of assess, weighted_score and rollup(assessment): merges two states';
COMMENT ON FUNCTION weighted_score_trans(assessment, float8, float8) IS 'transition of weighted_score: adds a score item';
COMMENT ON FUNCTION weighted_score_final(assessment) IS 'final function of weighted_score: 100 x points / applicable weight';
COMMENT ON FUNCTION assessment_applicable(assessment) IS 'number of score items with points (applicable)';
COMMENT ON FUNCTION assessment_vetoes(assessment) IS 'number of veto items that applied (一票否决)';

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
