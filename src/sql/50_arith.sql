
-- The figure as published: every published figure, status and score rounds
-- through this rule (half away from zero at the indicator's decimals).
CREATE OR REPLACE FUNCTION round_published(value float8, decimals int) RETURNS float8
	AS 'MODULE_PATHNAME', 'round_published_fn' LANGUAGE C IMMUTABLE PARALLEL SAFE;
COMMENT ON FUNCTION round_published(float8, int) IS 'the figure as published: value to 15 significant digits, rounded half away from zero to decimals (NULL decimals: unchanged)';

-- The same figure as an exact decimal, for the views BI tools read: a
-- float8 shows its noise (313.69000000000005) and psqlODBC through
-- LibreOffice reads it in single precision.  round_published's rule in
-- numeric: 15 significant digits, half away from zero at decimals (NULL
-- decimals: the 15 digits, trailing zeros dropped); NULL for NaN and
-- infinity.  Unpinned so that it inlines into the views: its body is
-- SQL-standard, bound to its objects when it was created.
CREATE OR REPLACE FUNCTION figure_numeric(value float8, decimals int) RETURNS numeric
LANGUAGE sql IMMUTABLE PARALLEL SAFE
RETURN CASE WHEN value OPERATOR(pg_catalog.=) 'NaN'::pg_catalog.float8
                 OR pg_catalog.abs(value) OPERATOR(pg_catalog.=) 'Infinity'::pg_catalog.float8 THEN NULL
            WHEN decimals IS NULL THEN pg_catalog.trim_scale(value::pg_catalog.numeric)
            ELSE pg_catalog.round(value::pg_catalog.numeric, decimals) END;
COMMENT ON FUNCTION figure_numeric(float8, int) IS 'round_published(value, decimals) as an exact numeric (NULL decimals: 15 significant digits, trailing zeros dropped; NaN and infinity: NULL)';

-- The bureau's arithmetic (贡献率, 拉动, 倒排, 两年平均, 当月增速, 增长面):
-- formulas on numbers, and accessors of flow ytd states.  NULL where the
-- figure cannot be computed (months missing, a base not positive, a total
-- that did not change).  Growths in %, pulls and changes in points.

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
COMMENT ON FUNCTION ytd_growth_change(ytd, date) IS 'points the year-to-date growth rose since the previous month (比1-(N-1)月); for the first period of a year (1月, or 1-2月 reported together) since the previous year''s whole-year growth (比上年全年)';
CREATE OR REPLACE FUNCTION ytd_seasonal_schedule(state ytd, as_of date) RETURNS float8[]
	AS 'MODULE_PATHNAME' LANGUAGE C IMMUTABLE STRICT PARALLEL SAFE;
COMMENT ON FUNCTION ytd_seasonal_schedule(ytd, date) IS 'last year''s seasonal shape as a schedule: S(m) = C_m / A for m = 1..12 (NULL for months without a figure)';

-- Share of units growing (增长面): state {units with a growth, units growing}.
-- The transition is STRICT: a NULL growth is skipped (not counted), and a
-- NULL state, which only a direct call can pass, gives NULL.
CREATE OR REPLACE FUNCTION share_growing_trans(int8[], float8) RETURNS int8[]
	AS 'MODULE_PATHNAME' LANGUAGE C IMMUTABLE STRICT PARALLEL SAFE;
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
