
-- Scoring methods: the points an indicator earns out of its weight.
-- A NULL or NaN actual gives NULL points (the item does not apply).

CREATE FUNCTION score_proportional(attainment float8, weight float8,
		floor_share float8 DEFAULT 0, cap_share float8 DEFAULT 1) RETURNS float8
	AS 'MODULE_PATHNAME', 'score_proportional_fn' LANGUAGE C IMMUTABLE STRICT PARALLEL SAFE;
COMMENT ON FUNCTION score_proportional(float8, float8, float8, float8) IS 'weight x attainment, the attainment clamped to [floor_share, cap_share] (cap 1.2 rewards over-achievement)';

CREATE FUNCTION score_ratio(t target, actual float8, weight float8,
		floor_share float8 DEFAULT 0, cap_share float8 DEFAULT 1,
		decimals int DEFAULT NULL) RETURNS float8
	AS 'MODULE_PATHNAME', 'score_ratio_fn' LANGUAGE C IMMUTABLE PARALLEL SAFE;
COMMENT ON FUNCTION score_ratio(target, float8, float8, float8, float8, int) IS 'proportional score of the figure published to decimals: weight x attainment within [floor_share, cap_share]; a met lower-is-better target at or below zero earns the cap, a range earns at most its weight';

CREATE FUNCTION score_met(met boolean, weight float8,
		miss_share float8 DEFAULT 0) RETURNS float8
	AS 'MODULE_PATHNAME', 'score_threshold_fn' LANGUAGE C IMMUTABLE STRICT PARALLEL SAFE;
CREATE FUNCTION score_threshold(t target, actual float8, weight float8,
		miss_share float8 DEFAULT 0, decimals int DEFAULT NULL) RETURNS float8
	AS 'MODULE_PATHNAME', 'score_threshold_target_fn' LANGUAGE C IMMUTABLE PARALLEL SAFE;
COMMENT ON FUNCTION score_met(boolean, float8, float8) IS 'threshold scoring from a met flag: the full weight when met, miss_share x weight otherwise';
COMMENT ON FUNCTION score_threshold(target, float8, float8, float8, int) IS 'the full weight when the figure published to decimals meets the target, miss_share x weight otherwise';

CREATE FUNCTION score_banded(actual float8, standards float8[], weight float8,
		decimals int DEFAULT NULL) RETURNS float8
	AS 'MODULE_PATHNAME', 'score_banded_fn' LANGUAGE C IMMUTABLE PARALLEL SAFE;
COMMENT ON FUNCTION score_banded(float8, float8[], float8, int) IS 'SOE banded efficacy coefficient (功效系数法) of the figure published to decimals: standards {excellent,good,average,low,poor}, descending = higher is better, ascending = lower is better';

CREATE FUNCTION score_efficacy(actual float8, satisfactory float8, disallowed float8,
		weight float8 DEFAULT 100, clamped boolean DEFAULT true, decimals int DEFAULT NULL) RETURNS float8
	AS 'MODULE_PATHNAME', 'score_efficacy_fn' LANGUAGE C IMMUTABLE PARALLEL SAFE;
COMMENT ON FUNCTION score_efficacy(float8, float8, float8, float8, boolean, int) IS 'on the figure published to decimals: statistical efficacy coefficient 60 + 40 x (actual - disallowed) / (satisfactory - disallowed), scaled to weight/100; clamped to [60, 100] by default';

CREATE FUNCTION score_rank(rank bigint, n bigint, weight float8,
		floor_share float8 DEFAULT 0.6) RETURNS float8
	AS 'MODULE_PATHNAME', 'score_rank_fn' LANGUAGE C IMMUTABLE STRICT PARALLEL SAFE;
COMMENT ON FUNCTION score_rank(bigint, bigint, float8, float8) IS 'rank 1 of n earns the weight, rank n floor_share x weight, linear between; pass rank() OVER (...) and count(*) OVER ()';
