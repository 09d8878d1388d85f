-- Published precision: the evaluation and scoring functions that take the
-- number of decimals a figure is published to (NULL: full precision), the
-- prorated target and the measure-fits-nature check.

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

CREATE FUNCTION score_ratio(t target, actual float8, weight float8,
		floor_share float8 DEFAULT 0, cap_share float8 DEFAULT 1,
		decimals int DEFAULT NULL) RETURNS float8
	AS 'MODULE_PATHNAME', 'score_ratio_fn' LANGUAGE C IMMUTABLE PARALLEL SAFE;
COMMENT ON FUNCTION score_ratio(target, float8, float8, float8, float8, int) IS 'proportional score of the figure published to decimals: weight x attainment within [floor_share, cap_share]; a met lower-is-better target at or below zero earns the cap, a range earns at most its weight';
CREATE FUNCTION score_threshold(t target, actual float8, weight float8,
		miss_share float8 DEFAULT 0, decimals int DEFAULT NULL) RETURNS float8
	AS 'MODULE_PATHNAME', 'score_threshold_target_fn' LANGUAGE C IMMUTABLE PARALLEL SAFE;
COMMENT ON FUNCTION score_threshold(target, float8, float8, float8, int) IS 'the full weight when the figure published to decimals meets the target, miss_share x weight otherwise';
CREATE FUNCTION score_banded(actual float8, standards float8[], weight float8,
		decimals int DEFAULT NULL) RETURNS float8
	AS 'MODULE_PATHNAME', 'score_banded_fn' LANGUAGE C IMMUTABLE PARALLEL SAFE;
COMMENT ON FUNCTION score_banded(float8, float8[], float8, int) IS 'SOE banded efficacy coefficient (功效系数法) of the figure published to decimals: standards {excellent,good,average,low,poor}, descending = higher is better, ascending = lower is better';
CREATE FUNCTION score_efficacy(actual float8, satisfactory float8, disallowed float8,
		weight float8 DEFAULT 100, clamped boolean DEFAULT true, decimals int DEFAULT NULL) RETURNS float8
	AS 'MODULE_PATHNAME', 'score_efficacy_fn' LANGUAGE C IMMUTABLE PARALLEL SAFE;
COMMENT ON FUNCTION score_efficacy(float8, float8, float8, float8, boolean, int) IS 'on the figure published to decimals: statistical efficacy coefficient 60 + 40 x (actual - disallowed) / (satisfactory - disallowed), scaled to weight/100; clamped to [60, 100] by default';
