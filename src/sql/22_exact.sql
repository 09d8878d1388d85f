-- Published figures exact (issue 19): the accessors at a published
-- precision.  Each rounds the exact decimal figure of the state's sums
-- (readings as the decimals their shortest text shows) half away from zero
-- to decimals (0 to 18) and returns the double nearest to that decimal;
-- NULL where the figure is NULL at full precision, and where a month it
-- needs is not held as an exact decimal (ytd_inexact names those).

CREATE FUNCTION ytd_value(state ytd, as_of date, decimals int) RETURNS float8
	AS 'MODULE_PATHNAME', 'ytd_value_pub_fn' LANGUAGE C IMMUTABLE STRICT PARALLEL SAFE;
COMMENT ON FUNCTION ytd_value(ytd, date, int) IS 'year-to-date value as published: the exact sum rounded half away from zero to decimals';
CREATE FUNCTION ytd_prior(state ytd, as_of date, decimals int) RETURNS float8
	AS 'MODULE_PATHNAME', 'ytd_prior_pub_fn' LANGUAGE C IMMUTABLE STRICT PARALLEL SAFE;
COMMENT ON FUNCTION ytd_prior(ytd, date, int) IS 'year-to-date value a year before as published: the exact sum rounded half away from zero to decimals';
CREATE FUNCTION ytd_growth(state ytd, as_of date, decimals int) RETURNS float8
	AS 'MODULE_PATHNAME', 'ytd_growth_pub_fn' LANGUAGE C IMMUTABLE STRICT PARALLEL SAFE;
COMMENT ON FUNCTION ytd_growth(ytd, date, int) IS 'year-on-year growth in % as published: the exact ratio of the sums rounded half away from zero to decimals';
CREATE FUNCTION ytd_level(state ytd, as_of date, decimals int) RETURNS float8
	AS 'MODULE_PATHNAME', 'ytd_level_pub_fn' LANGUAGE C IMMUTABLE STRICT PARALLEL SAFE;
COMMENT ON FUNCTION ytd_level(ytd, date, int) IS 'level at the month as published: the exact sum rounded half away from zero to decimals';
CREATE FUNCTION ytd_level_growth(state ytd, as_of date, decimals int) RETURNS float8
	AS 'MODULE_PATHNAME', 'ytd_level_growth_pub_fn' LANGUAGE C IMMUTABLE STRICT PARALLEL SAFE;
COMMENT ON FUNCTION ytd_level_growth(ytd, date, int) IS 'growth in % of the level as published: the exact ratio rounded half away from zero to decimals';
CREATE FUNCTION ytd_change(state ytd, as_of date, decimals int) RETURNS float8
	AS 'MODULE_PATHNAME', 'ytd_change_pub_fn' LANGUAGE C IMMUTABLE STRICT PARALLEL SAFE;
COMMENT ON FUNCTION ytd_change(ytd, date, int) IS 'change of a rate in points as published: the exact difference rounded half away from zero to decimals';
CREATE FUNCTION ytd_inexact(state ytd, as_of date, measure text DEFAULT 'value') RETURNS date[]
	AS 'MODULE_PATHNAME' LANGUAGE C IMMUTABLE STRICT PARALLEL SAFE;
COMMENT ON FUNCTION ytd_inexact(ytd, date, text) IS 'first days of the months a figure needs whose sums are not held as exact decimals (readings with more than 18 decimals or of 1.7e20 or more); the published accessors are NULL for them';
