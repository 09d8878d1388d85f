
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
