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
-- The unit of measure written in a target text (新增100家以上: 家) is read
-- and checked, not stored: the plan checks it against the indicator's.
CREATE FUNCTION target_unit_of_text(text) RETURNS text
	AS 'MODULE_PATHNAME' LANGUAGE C IMMUTABLE STRICT PARALLEL SAFE;
COMMENT ON FUNCTION target_unit_of_text(text) IS 'the unit written after a target text''s number: a unit of measure as written (家, 亿元), % or pp (个百分点),  when none; errors as target input';
CREATE FUNCTION target_check_unit(target_text text, indicator_unit text) RETURNS boolean
	AS 'MODULE_PATHNAME' LANGUAGE C IMMUTABLE STRICT PARALLEL SAFE;
COMMENT ON FUNCTION target_check_unit(text, text) IS 'true when the unit of measure written in the target text is the indicator''s (or none, % or pp), else a check_violation (23514) saying what to write';
CREATE FUNCTION target_is_relative(target) RETURNS boolean
	AS 'MODULE_PATHNAME' LANGUAGE C IMMUTABLE STRICT PARALLEL SAFE;
CREATE FUNCTION target_higher_is_better(target) RETURNS boolean
	AS 'MODULE_PATHNAME' LANGUAGE C IMMUTABLE STRICT PARALLEL SAFE;

CREATE FUNCTION target_stretch(target) RETURNS float8
	AS 'MODULE_PATHNAME' LANGUAGE C IMMUTABLE STRICT PARALLEL SAFE;
COMMENT ON FUNCTION target_stretch(target) IS 'the stretch figure (力争) of a target with a committed (确保) and a stretch figure, else NULL';

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

-- target_schedule_gap and target_status: src/sql/32_published.sql.
