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

-- The same at a published precision: decimals is the number of decimals the
-- figure is published to (NULL: full precision); the actual is rounded half
-- away from zero first.  reference is NULL for targets that are not relative.
CREATE FUNCTION target_met(t target, actual float8, reference float8, decimals int) RETURNS boolean
	AS 'MODULE_PATHNAME', 'target_met_fn' LANGUAGE C IMMUTABLE PARALLEL SAFE;
CREATE FUNCTION target_gap(t target, actual float8, reference float8, decimals int) RETURNS float8
	AS 'MODULE_PATHNAME', 'target_gap_fn' LANGUAGE C IMMUTABLE PARALLEL SAFE;
CREATE FUNCTION target_attainment(t target, actual float8, reference float8, decimals int) RETURNS float8
	AS 'MODULE_PATHNAME', 'target_attainment_fn' LANGUAGE C IMMUTABLE PARALLEL SAFE;
COMMENT ON FUNCTION target_met(target, float8, float8, int) IS 'whether the figure published to decimals (round half away from zero) meets the target';
COMMENT ON FUNCTION target_gap(target, float8, float8, int) IS 'signed gap of the figure published to decimals, in the target''s unit';
COMMENT ON FUNCTION target_attainment(target, float8, float8, int) IS 'attainment ratio of the figure published to decimals, NULL where undefined';

CREATE FUNCTION round_published(value float8, decimals int) RETURNS float8
	AS 'MODULE_PATHNAME', 'round_published_fn' LANGUAGE C IMMUTABLE PARALLEL SAFE;
COMMENT ON FUNCTION round_published(float8, int) IS 'the figure as published: value to 15 significant digits, rounded half away from zero to decimals (NULL decimals: unchanged)';

CREATE FUNCTION target_prorated(t target, progress float8) RETURNS target
	AS 'MODULE_PATHNAME', 'target_prorated_fn' LANGUAGE C IMMUTABLE STRICT PARALLEL SAFE;
COMMENT ON FUNCTION target_prorated(target, float8) IS 'the time-prorated target (序时目标): a level target''s threshold(s) times progress; other targets unchanged';

CREATE FUNCTION target_fits(t target, nature text) RETURNS boolean
	AS 'MODULE_PATHNAME', 'target_fits_fn' LANGUAGE C IMMUTABLE STRICT PARALLEL SAFE;
COMMENT ON FUNCTION target_fits(target, text) IS 'whether the target''s measure fits an indicator of this nature: flow and stock growth or level; rate level, share or change; task level';
CREATE FUNCTION target_check_fits(t target, nature text) RETURNS boolean
	AS 'MODULE_PATHNAME', 'target_check_fits_fn' LANGUAGE C IMMUTABLE STRICT PARALLEL SAFE;
COMMENT ON FUNCTION target_check_fits(target, text) IS 'true when target_fits, else a check_violation error naming the measures that fit (for CHECK constraints)';

CREATE FUNCTION time_progress(as_of date, basis text DEFAULT 'month') RETURNS float8
	AS 'MODULE_PATHNAME', 'time_progress_fn' LANGUAGE C IMMUTABLE STRICT PARALLEL SAFE;
CREATE FUNCTION time_progress(as_of date, basis text, period_start date) RETURNS float8
	AS 'MODULE_PATHNAME', 'time_progress_fn' LANGUAGE C IMMUTABLE STRICT PARALLEL SAFE;
COMMENT ON FUNCTION time_progress(date, text) IS 'share of the calendar year elapsed at as_of (序时进度): month (default) or day basis';

CREATE FUNCTION target_schedule_gap(t target, actual float8, as_of date,
		basis text DEFAULT 'month', decimals int DEFAULT NULL) RETURNS float8
	AS 'MODULE_PATHNAME', 'target_schedule_gap_fn' LANGUAGE C IMMUTABLE PARALLEL SAFE;
COMMENT ON FUNCTION target_schedule_gap(target, float8, date, text, int) IS 'points of an annual level target ahead of time progress, on the figure published to decimals (NULL if not a level target)';

CREATE FUNCTION target_status(t target, actual float8, as_of date,
		flow boolean DEFAULT false, reference float8 DEFAULT NULL,
		tolerance float8 DEFAULT NULL, basis text DEFAULT 'month',
		decimals int DEFAULT NULL) RETURNS text
	AS 'MODULE_PATHNAME', 'target_status_fn' LANGUAGE C IMMUTABLE PARALLEL SAFE;
COMMENT ON FUNCTION target_status(target, float8, date, boolean, float8, float8, text, int) IS 'green, yellow (shortfall within the tolerance, boundary included) or red, on the figure published to decimals; level targets of flows are judged against time progress';
