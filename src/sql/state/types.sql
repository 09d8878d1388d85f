-- The types of scorecard, each with its input and output functions and,
-- for target, its operators, operator classes and casts: what columns and
-- stored values depend on.  Created once by CREATE EXTENSION and changed
-- only by the hand-written part of an update script (versions/); every
-- other object of the extension is re-created from src/sql/*.sql by each
-- install and each update (docs/development.md "Versions and upgrades").

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
COMMENT ON FUNCTION target_in(cstring) IS 'text input of target: growth >= 7%, level >= 100, share >= 22%, change >= 0.5pp, growth between 6% and 8%, growth > reference';
COMMENT ON FUNCTION target_out(target) IS 'canonical text of a target (reads back to an equal value)';
COMMENT ON FUNCTION target_recv(internal) IS 'binary input of target: measure, comparator, relative flag (one byte each), lower and upper threshold (float8)';
COMMENT ON FUNCTION target_send(target) IS 'binary output of target (see target_recv)';
COMMENT ON FUNCTION target_cmp(target, target) IS 'btree comparison of targets: -1, 0 or 1';
COMMENT ON FUNCTION target_eq(target, target) IS 'targets are equal: same measure, comparator, relative flag and thresholds';
COMMENT ON FUNCTION target_ne(target, target) IS 'targets differ';
COMMENT ON FUNCTION target_lt(target, target) IS 'target sorts before another (by measure, comparator, thresholds)';
COMMENT ON FUNCTION target_le(target, target) IS 'target sorts before or equals another';
COMMENT ON FUNCTION target_gt(target, target) IS 'target sorts after another';
COMMENT ON FUNCTION target_ge(target, target) IS 'target sorts after or equals another';
COMMENT ON FUNCTION target_hash(target) IS 'hash of a target (hash indexes, hash joins, GROUP BY)';
COMMENT ON FUNCTION target_hash_extended(target, bigint) IS 'seeded 64-bit hash of a target (hash partitioning)';

-- Casts from text and varchar to target, so a target can be passed as a
-- string parameter: JDBC's setString sends varchar, and without an implicit
-- cast target_met(character varying, double precision) does not exist.
-- (PostGIS defines such casts for geometry.)  Through the type's text input,
-- so a bad string raises the same 22P02 as a bad literal.
CREATE CAST (text AS target) WITH INOUT AS IMPLICIT;
COMMENT ON CAST (text AS target) IS 'a target from its text form (implicit: string parameters, JDBC setString)';
CREATE CAST (varchar AS target) WITH INOUT AS IMPLICIT;
COMMENT ON CAST (varchar AS target) IS 'a target from its text form (implicit: string parameters, JDBC setString)';


-- Year-to-date readings by month (累计增速).

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
COMMENT ON FUNCTION ytd_in(cstring) IS 'text input of ytd: kind, optional @as-of date, readings in month order, e.g. monthly{2023-01:100,2023-02:250.5}';
COMMENT ON FUNCTION ytd_out(ytd) IS 'text of a ytd state: each month''s exact decimal sum in month order (inexact: not known; a lone non-decimal reading in the shortest form that reads back to the same double)';
COMMENT ON FUNCTION ytd_recv(internal) IS 'binary input of ytd: kind, flags, as-of day, reading count, then format 2 (flag 2): scale and per month (month number, what, 160-bit sum or float8); format 1 (0.1.0, 0.2.0): (month number, float8) pairs';
COMMENT ON FUNCTION ytd_send(ytd) IS 'binary output of ytd (see ytd_recv)';

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
COMMENT ON FUNCTION assessment_in(cstring) IS 'text input of assessment: (points=..,weight=..,weight_all=..,bonus=..,deduction=..,log_sum=..,applicable=..,missing=..,vetoes=..,zeros=..)';
COMMENT ON FUNCTION assessment_out(assessment) IS 'text of an assessment state naming every field, doubles in the shortest form that reads back exactly';
COMMENT ON FUNCTION assessment_recv(internal) IS 'binary input of assessment: six float8 sums, four int8 counts';
COMMENT ON FUNCTION assessment_send(assessment) IS 'binary output of assessment (see assessment_recv)';
