
-- Scoring methods: the points an indicator earns out of its weight.
-- A NULL or NaN actual gives NULL points (the item does not apply).

CREATE FUNCTION score_proportional(attainment float8, weight float8,
		floor_share float8 DEFAULT 0, cap_share float8 DEFAULT 1) RETURNS float8
	AS 'MODULE_PATHNAME', 'score_proportional_fn' LANGUAGE C IMMUTABLE STRICT PARALLEL SAFE;
COMMENT ON FUNCTION score_proportional(float8, float8, float8, float8) IS 'weight x attainment, the attainment clamped to [floor_share, cap_share] (cap 1.2 rewards over-achievement)';

-- score_ratio, score_threshold, score_banded, score_efficacy: src/sql/32_published.sql.

CREATE FUNCTION score_met(met boolean, weight float8,
		miss_share float8 DEFAULT 0) RETURNS float8
	AS 'MODULE_PATHNAME', 'score_threshold_fn' LANGUAGE C IMMUTABLE STRICT PARALLEL SAFE;
COMMENT ON FUNCTION score_met(boolean, float8, float8) IS 'threshold scoring from a met flag: the full weight when met, miss_share x weight otherwise';

CREATE FUNCTION score_rank(rank bigint, n bigint, weight float8,
		floor_share float8 DEFAULT 0.6) RETURNS float8
	AS 'MODULE_PATHNAME', 'score_rank_fn' LANGUAGE C IMMUTABLE STRICT PARALLEL SAFE;
COMMENT ON FUNCTION score_rank(bigint, bigint, float8, float8) IS 'rank 1 of n earns the weight, rank n floor_share x weight, linear between; pass rank() OVER (...) and count(*) OVER ()';
