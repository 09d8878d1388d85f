-- The assess and weighted_score aggregates over the assessment state (the
-- type: src/sql/state/types.sql) and its accessors.

-- Aggregate support.
CREATE OR REPLACE FUNCTION assess_trans(assessment, float8, float8) RETURNS assessment
	AS 'MODULE_PATHNAME' LANGUAGE C IMMUTABLE PARALLEL SAFE;
CREATE OR REPLACE FUNCTION assess_trans(assessment, float8, float8, text) RETURNS assessment
	AS 'MODULE_PATHNAME' LANGUAGE C IMMUTABLE PARALLEL SAFE;
CREATE OR REPLACE FUNCTION weighted_score_trans(assessment, float8, float8) RETURNS assessment
	AS 'MODULE_PATHNAME' LANGUAGE C IMMUTABLE PARALLEL SAFE;
CREATE OR REPLACE FUNCTION assess_combine(assessment, assessment) RETURNS assessment
	AS 'MODULE_PATHNAME' LANGUAGE C IMMUTABLE PARALLEL SAFE;
CREATE OR REPLACE FUNCTION weighted_score_final(assessment) RETURNS float8
	AS 'MODULE_PATHNAME' LANGUAGE C IMMUTABLE PARALLEL SAFE;

CREATE OR REPLACE AGGREGATE assess(points float8, weight float8) (
	SFUNC = assess_trans,
	STYPE = assessment,
	COMBINEFUNC = assess_combine,
	PARALLEL = SAFE
);
CREATE OR REPLACE AGGREGATE assess(points float8, weight float8, kind text) (
	SFUNC = assess_trans,
	STYPE = assessment,
	COMBINEFUNC = assess_combine,
	PARALLEL = SAFE
);
COMMENT ON AGGREGATE assess(float8, float8) IS 'combine one unit''s score items (NULL points: not applicable) into an assessment';
COMMENT ON AGGREGATE assess(float8, float8, text) IS 'combine one unit''s items of kind score, bonus, deduction or veto into an assessment';

CREATE OR REPLACE AGGREGATE rollup(assessment) (
	SFUNC = assess_combine,
	STYPE = assessment,
	COMBINEFUNC = assess_combine,
	PARALLEL = SAFE
);
COMMENT ON AGGREGATE rollup(assessment) IS 'merge assessment states, as if aggregated over all their rows';

CREATE OR REPLACE AGGREGATE weighted_score(points float8, weight float8) (
	SFUNC = weighted_score_trans,
	STYPE = assessment,
	FINALFUNC = weighted_score_final,
	COMBINEFUNC = assess_combine,
	PARALLEL = SAFE
);
COMMENT ON AGGREGATE weighted_score(float8, float8) IS '100 x sum(points) / sum(weight) over the rows whose points are not NULL';

-- Accessors.  Caps: NULL (the default) means no cap.
CREATE OR REPLACE FUNCTION assessment_points(assessment) RETURNS float8
	AS 'MODULE_PATHNAME' LANGUAGE C IMMUTABLE STRICT PARALLEL SAFE;
COMMENT ON FUNCTION assessment_points(assessment) IS 'sum of the points of the applicable score items';
CREATE OR REPLACE FUNCTION assessment_weight(assessment) RETURNS float8
	AS 'MODULE_PATHNAME' LANGUAGE C IMMUTABLE STRICT PARALLEL SAFE;
COMMENT ON FUNCTION assessment_weight(assessment) IS 'sum of the weights of the applicable score items';
CREATE OR REPLACE FUNCTION assessment_weight_all(assessment) RETURNS float8
	AS 'MODULE_PATHNAME' LANGUAGE C IMMUTABLE STRICT PARALLEL SAFE;
COMMENT ON FUNCTION assessment_weight_all(assessment) IS 'sum of the weights of all score items, applicable or not';
CREATE OR REPLACE FUNCTION assessment_applicable(assessment) RETURNS bigint
	AS 'MODULE_PATHNAME' LANGUAGE C IMMUTABLE STRICT PARALLEL SAFE;
CREATE OR REPLACE FUNCTION assessment_missing(assessment) RETURNS bigint
	AS 'MODULE_PATHNAME' LANGUAGE C IMMUTABLE STRICT PARALLEL SAFE;
COMMENT ON FUNCTION assessment_missing(assessment) IS 'number of score items with NULL points (not applicable)';
CREATE OR REPLACE FUNCTION assessment_vetoes(assessment) RETURNS bigint
	AS 'MODULE_PATHNAME' LANGUAGE C IMMUTABLE STRICT PARALLEL SAFE;
CREATE OR REPLACE FUNCTION assessment_vetoed(assessment) RETURNS boolean
	AS 'MODULE_PATHNAME' LANGUAGE C IMMUTABLE STRICT PARALLEL SAFE;
COMMENT ON FUNCTION assessment_vetoed(assessment) IS 'whether a veto item (一票否决) applied';

CREATE OR REPLACE FUNCTION assessment_bonus(a assessment, cap float8 DEFAULT NULL) RETURNS float8
	AS 'MODULE_PATHNAME' LANGUAGE C IMMUTABLE PARALLEL SAFE;
CREATE OR REPLACE FUNCTION assessment_deduction(a assessment, cap float8 DEFAULT NULL) RETURNS float8
	AS 'MODULE_PATHNAME' LANGUAGE C IMMUTABLE PARALLEL SAFE;
COMMENT ON FUNCTION assessment_bonus(assessment, float8) IS 'bonus points, at most cap';
COMMENT ON FUNCTION assessment_deduction(assessment, float8) IS 'deduction points (a positive number), at most cap';

CREATE OR REPLACE FUNCTION assessment_total(a assessment, bonus_cap float8 DEFAULT NULL,
		deduction_cap float8 DEFAULT NULL) RETURNS float8
	AS 'MODULE_PATHNAME' LANGUAGE C IMMUTABLE PARALLEL SAFE;
COMMENT ON FUNCTION assessment_total(assessment, float8, float8) IS 'raw total: points of the applicable items + capped bonus - capped deduction';
CREATE OR REPLACE FUNCTION assessment_score(a assessment, bonus_cap float8 DEFAULT NULL,
		deduction_cap float8 DEFAULT NULL) RETURNS float8
	AS 'MODULE_PATHNAME' LANGUAGE C IMMUTABLE PARALLEL SAFE;
COMMENT ON FUNCTION assessment_score(assessment, float8, float8) IS '100 x points / applicable weight + capped bonus - capped deduction; NULL when no item applies';
CREATE OR REPLACE FUNCTION assessment_geometric(a assessment, bonus_cap float8 DEFAULT NULL,
		deduction_cap float8 DEFAULT NULL) RETURNS float8
	AS 'MODULE_PATHNAME' LANGUAGE C IMMUTABLE PARALLEL SAFE;
COMMENT ON FUNCTION assessment_geometric(assessment, float8, float8) IS '100 x weighted geometric mean of points/weight + capped bonus - capped deduction';

-- Grades.
CREATE OR REPLACE FUNCTION score_grade(score float8,
		labels text[] DEFAULT '{优秀,良好,合格,不合格}',
		thresholds float8[] DEFAULT '{90,80,60}') RETURNS text
	AS 'MODULE_PATHNAME' LANGUAGE C IMMUTABLE STRICT PARALLEL SAFE;
COMMENT ON FUNCTION score_grade(float8, text[], float8[]) IS 'label of the first band whose threshold the score reaches (best first); the last label below all';
CREATE OR REPLACE FUNCTION assessment_grade(a assessment,
		labels text[] DEFAULT '{优秀,良好,合格,不合格}',
		thresholds float8[] DEFAULT '{90,80,60}',
		bonus_cap float8 DEFAULT NULL, deduction_cap float8 DEFAULT NULL) RETURNS text
	AS 'MODULE_PATHNAME' LANGUAGE C IMMUTABLE PARALLEL SAFE;
COMMENT ON FUNCTION assessment_grade(assessment, text[], float8[], float8, float8) IS 'grade of assessment_score; the lowest grade when a veto applied';
