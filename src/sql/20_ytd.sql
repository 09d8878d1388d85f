-- Year-to-date growth (累计增速): the ytd aggregates and accessors.  The
-- type ytd and its I/O functions are state (state/types.sql); the C is in
-- src/ytd_agg.c (transition, combine), src/ytd_access.c (accessors, final
-- functions) and src/ytd_glue.c (what they share).

CREATE OR REPLACE FUNCTION ytd_kind(ytd) RETURNS text
	AS 'MODULE_PATHNAME' LANGUAGE C IMMUTABLE STRICT PARALLEL SAFE;
COMMENT ON FUNCTION ytd_kind(ytd) IS 'monthly, cumulative or rate';

-- Transition functions (not strict: a row with a NULL month or value is
-- skipped), the combine function (strict: a group without rows leaves the
-- other state as it is) and the one-step aggregates' final functions.
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

-- Accessors.  NULL where the months are not covered or the base is not positive.
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

-- The accessors at a published precision.  Each rounds the exact decimal
-- figure of the state's sums (readings as the decimals their shortest text
-- shows) half away from zero to decimals (0 to 18) and returns the double
-- nearest to that decimal; NULL where the figure is NULL at full precision,
-- and where a month it needs is not held as an exact decimal (ytd_inexact
-- names those).

CREATE OR REPLACE FUNCTION ytd_value(state ytd, as_of date, decimals int) RETURNS float8
	AS 'MODULE_PATHNAME', 'ytd_value_pub_fn' LANGUAGE C IMMUTABLE STRICT PARALLEL SAFE;
COMMENT ON FUNCTION ytd_value(ytd, date, int) IS 'year-to-date value as published: the exact sum rounded half away from zero to decimals';
CREATE OR REPLACE FUNCTION ytd_prior(state ytd, as_of date, decimals int) RETURNS float8
	AS 'MODULE_PATHNAME', 'ytd_prior_pub_fn' LANGUAGE C IMMUTABLE STRICT PARALLEL SAFE;
COMMENT ON FUNCTION ytd_prior(ytd, date, int) IS 'year-to-date value a year before as published: the exact sum rounded half away from zero to decimals';
CREATE OR REPLACE FUNCTION ytd_growth(state ytd, as_of date, decimals int) RETURNS float8
	AS 'MODULE_PATHNAME', 'ytd_growth_pub_fn' LANGUAGE C IMMUTABLE STRICT PARALLEL SAFE;
COMMENT ON FUNCTION ytd_growth(ytd, date, int) IS 'year-on-year growth in % as published: the exact ratio of the sums rounded half away from zero to decimals';
CREATE OR REPLACE FUNCTION ytd_level(state ytd, as_of date, decimals int) RETURNS float8
	AS 'MODULE_PATHNAME', 'ytd_level_pub_fn' LANGUAGE C IMMUTABLE STRICT PARALLEL SAFE;
COMMENT ON FUNCTION ytd_level(ytd, date, int) IS 'level at the month as published: the exact sum rounded half away from zero to decimals';
CREATE OR REPLACE FUNCTION ytd_level_growth(state ytd, as_of date, decimals int) RETURNS float8
	AS 'MODULE_PATHNAME', 'ytd_level_growth_pub_fn' LANGUAGE C IMMUTABLE STRICT PARALLEL SAFE;
COMMENT ON FUNCTION ytd_level_growth(ytd, date, int) IS 'growth in % of the level as published: the exact ratio rounded half away from zero to decimals';
CREATE OR REPLACE FUNCTION ytd_change(state ytd, as_of date, decimals int) RETURNS float8
	AS 'MODULE_PATHNAME', 'ytd_change_pub_fn' LANGUAGE C IMMUTABLE STRICT PARALLEL SAFE;
COMMENT ON FUNCTION ytd_change(ytd, date, int) IS 'change of a rate in points as published: the exact difference rounded half away from zero to decimals';
CREATE OR REPLACE FUNCTION ytd_inexact(state ytd, as_of date, measure text DEFAULT 'value') RETURNS date[]
	AS 'MODULE_PATHNAME' LANGUAGE C IMMUTABLE STRICT PARALLEL SAFE;
COMMENT ON FUNCTION ytd_inexact(ytd, date, text) IS 'first days of the months a figure needs whose sums are not held as exact decimals (readings with more than 18 decimals or of 1.7e20 or more); the published accessors are NULL for them';

-- One-step aggregates for the common query.
CREATE OR REPLACE AGGREGATE ytd_growth(period date, value float8, as_of date) (
	SFUNC = ytd_asof_trans, STYPE = ytd, FINALFUNC = ytd_growth_final,
	COMBINEFUNC = ytd_combine, PARALLEL = SAFE);
COMMENT ON AGGREGATE ytd_growth(date, float8, date) IS 'year-on-year growth in % of the year-to-date value of monthly readings';
CREATE OR REPLACE AGGREGATE ytd_value(period date, value float8, as_of date) (
	SFUNC = ytd_asof_trans, STYPE = ytd, FINALFUNC = ytd_value_final,
	COMBINEFUNC = ytd_combine, PARALLEL = SAFE);
COMMENT ON AGGREGATE ytd_value(date, float8, date) IS 'year-to-date value of monthly readings';
