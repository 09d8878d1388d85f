
-- Scoring methods: the points an indicator earns out of its weight.
-- A NULL or NaN actual gives NULL points (the item does not apply).

CREATE OR REPLACE FUNCTION score_proportional(attainment float8, weight float8,
		floor_share float8 DEFAULT 0, cap_share float8 DEFAULT 1) RETURNS float8
	AS 'MODULE_PATHNAME', 'score_proportional_fn' LANGUAGE C IMMUTABLE STRICT PARALLEL SAFE;
COMMENT ON FUNCTION score_proportional(float8, float8, float8, float8) IS 'weight x attainment, the attainment clamped to [floor_share, cap_share] (cap 1.2 rewards over-achievement)';

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

CREATE OR REPLACE FUNCTION score_met(met boolean, weight float8,
		miss_share float8 DEFAULT 0) RETURNS float8
	AS 'MODULE_PATHNAME', 'score_threshold_fn' LANGUAGE C IMMUTABLE STRICT PARALLEL SAFE;
COMMENT ON FUNCTION score_met(boolean, float8, float8) IS 'threshold scoring from a met flag: the full weight when met, miss_share x weight otherwise';

CREATE OR REPLACE FUNCTION score_rank(rank bigint, n bigint, weight float8,
		floor_share float8 DEFAULT 0.6) RETURNS float8
	AS 'MODULE_PATHNAME', 'score_rank_fn' LANGUAGE C IMMUTABLE STRICT PARALLEL SAFE;
COMMENT ON FUNCTION score_rank(bigint, bigint, float8, float8) IS 'rank 1 of n earns the weight, rank n floor_share x weight, linear between; pass rank() OVER (...) and count(*) OVER ()';

-- Scoring forms other products use: a 0-10 scale between a red threshold
-- and a goal, and baseline progress (the share of the way from a baseline
-- to the goal), each for higher- and lower-is-better figures alike.  The
-- defaults are float8 / float8, which only pg_catalog's operator matches
-- exactly: in an extension script the schema of the install is on the
-- path, and a numeric / int there would match 10.0 / 3 better.
CREATE OR REPLACE FUNCTION score_scale(actual float8, red float8, goal float8, weight float8 DEFAULT 10,
		decimals int DEFAULT NULL, red_points float8 DEFAULT 10::float8 / 3::float8, goal_points float8 DEFAULT 20::float8 / 3::float8) RETURNS float8
	AS 'MODULE_PATHNAME', 'score_scale_fn' LANGUAGE C IMMUTABLE PARALLEL SAFE;
COMMENT ON FUNCTION score_scale(float8, float8, float8, float8, int, float8, float8) IS '0-10 scale of the figure published to decimals: the red threshold scores red_points (10/3), the goal goal_points (20/3), linear between and beyond, clamped to 0..10; scaled to weight/10 (lower is better when goal < red)';

CREATE OR REPLACE FUNCTION baseline_progress(actual float8, baseline float8, goal float8, decimals int DEFAULT NULL) RETURNS float8
	AS 'MODULE_PATHNAME', 'baseline_progress_fn' LANGUAGE C IMMUTABLE PARALLEL SAFE;
COMMENT ON FUNCTION baseline_progress(float8, float8, float8, int) IS '(actual - baseline) / (goal - baseline) of the figure published to decimals: 1 at the goal, 0 at the baseline, negative when worse (lower is better when goal < baseline); NULL when goal = baseline';

CREATE OR REPLACE FUNCTION score_baseline(actual float8, baseline float8, goal float8, weight float8 DEFAULT 100,
		floor_share float8 DEFAULT 0, cap_share float8 DEFAULT 1, decimals int DEFAULT NULL) RETURNS float8
	AS 'MODULE_PATHNAME', 'score_baseline_fn' LANGUAGE C IMMUTABLE PARALLEL SAFE;
COMMENT ON FUNCTION score_baseline(float8, float8, float8, float8, float8, float8, int) IS 'weight x baseline_progress of the figure published to decimals, clamped to [floor_share, cap_share] (0 and 1 by default)';
