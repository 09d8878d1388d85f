-- Functions of the target type (the type itself: src/sql/state/types.sql).

-- Accessors.
CREATE OR REPLACE FUNCTION target_measure(target) RETURNS text
	AS 'MODULE_PATHNAME' LANGUAGE C IMMUTABLE STRICT PARALLEL SAFE;
COMMENT ON FUNCTION target_measure(target) IS 'level, growth, share or change';
CREATE OR REPLACE FUNCTION target_comparator(target) RETURNS text
	AS 'MODULE_PATHNAME' LANGUAGE C IMMUTABLE STRICT PARALLEL SAFE;
COMMENT ON FUNCTION target_comparator(target) IS '>=, >, <=, <, = or between';
CREATE OR REPLACE FUNCTION target_unit(target) RETURNS text
	AS 'MODULE_PATHNAME' LANGUAGE C IMMUTABLE STRICT PARALLEL SAFE;
COMMENT ON FUNCTION target_unit(target) IS 'unit of the threshold: empty for level, % for growth and share, pp for change';
CREATE OR REPLACE FUNCTION target_threshold(target) RETURNS float8
	AS 'MODULE_PATHNAME' LANGUAGE C IMMUTABLE STRICT PARALLEL SAFE;
COMMENT ON FUNCTION target_threshold(target) IS 'the threshold (lower bound of between); NULL for relative targets';
CREATE OR REPLACE FUNCTION target_threshold_upper(target) RETURNS float8
	AS 'MODULE_PATHNAME' LANGUAGE C IMMUTABLE STRICT PARALLEL SAFE;
COMMENT ON FUNCTION target_threshold_upper(target) IS 'upper bound of a between target, else NULL';
-- The unit of measure written in a target text (新增100家以上: 家) is read
-- and checked, not stored: the plan checks it against the indicator's.
CREATE OR REPLACE FUNCTION target_unit_of_text(text) RETURNS text
	AS 'MODULE_PATHNAME' LANGUAGE C IMMUTABLE STRICT PARALLEL SAFE;
COMMENT ON FUNCTION target_unit_of_text(text) IS 'the unit written after a target text''s number: a unit of measure as written (家, 亿元), % or pp (个百分点),  when none; errors as target input';
CREATE OR REPLACE FUNCTION target_check_unit(target_text text, indicator_unit text) RETURNS boolean
	AS 'MODULE_PATHNAME' LANGUAGE C IMMUTABLE STRICT PARALLEL SAFE;
COMMENT ON FUNCTION target_check_unit(text, text) IS 'true when the unit of measure written in the target text is the indicator''s (or none, % or pp), else a check_violation (23514) saying what to write';
CREATE OR REPLACE FUNCTION target_is_relative(target) RETURNS boolean
	AS 'MODULE_PATHNAME' LANGUAGE C IMMUTABLE STRICT PARALLEL SAFE;
CREATE OR REPLACE FUNCTION target_higher_is_better(target) RETURNS boolean
	AS 'MODULE_PATHNAME' LANGUAGE C IMMUTABLE STRICT PARALLEL SAFE;

CREATE OR REPLACE FUNCTION target_stretch(target) RETURNS float8
	AS 'MODULE_PATHNAME' LANGUAGE C IMMUTABLE STRICT PARALLEL SAFE;
COMMENT ON FUNCTION target_stretch(target) IS 'the stretch figure (力争) of a target with a committed (确保) and a stretch figure, else NULL';

-- Evaluation against an actual value (and a reference for relative targets).
CREATE OR REPLACE FUNCTION target_met(target, float8) RETURNS boolean
	AS 'MODULE_PATHNAME', 'target_met_fn' LANGUAGE C IMMUTABLE STRICT PARALLEL SAFE;
CREATE OR REPLACE FUNCTION target_met(target, float8, float8) RETURNS boolean
	AS 'MODULE_PATHNAME', 'target_met_fn' LANGUAGE C IMMUTABLE PARALLEL SAFE;
CREATE OR REPLACE FUNCTION target_gap(target, float8) RETURNS float8
	AS 'MODULE_PATHNAME', 'target_gap_fn' LANGUAGE C IMMUTABLE STRICT PARALLEL SAFE;
CREATE OR REPLACE FUNCTION target_gap(target, float8, float8) RETURNS float8
	AS 'MODULE_PATHNAME', 'target_gap_fn' LANGUAGE C IMMUTABLE PARALLEL SAFE;
CREATE OR REPLACE FUNCTION target_attainment(target, float8) RETURNS float8
	AS 'MODULE_PATHNAME', 'target_attainment_fn' LANGUAGE C IMMUTABLE STRICT PARALLEL SAFE;
CREATE OR REPLACE FUNCTION target_attainment(target, float8, float8) RETURNS float8
	AS 'MODULE_PATHNAME', 'target_attainment_fn' LANGUAGE C IMMUTABLE PARALLEL SAFE;
COMMENT ON FUNCTION target_met(target, float8) IS 'whether the actual value meets the target';
COMMENT ON FUNCTION target_gap(target, float8) IS 'signed gap in the target''s unit, positive means ahead';
COMMENT ON FUNCTION target_attainment(target, float8) IS 'attainment ratio (1 = on target), NULL where undefined';

-- The same at a published precision: decimals is the number of decimals the
-- figure is published to (NULL: full precision); the actual is rounded half
-- away from zero first.  reference is NULL for targets that are not relative.
CREATE OR REPLACE FUNCTION target_met(t target, actual float8, reference float8, decimals int) RETURNS boolean
	AS 'MODULE_PATHNAME', 'target_met_fn' LANGUAGE C IMMUTABLE PARALLEL SAFE;
CREATE OR REPLACE FUNCTION target_gap(t target, actual float8, reference float8, decimals int) RETURNS float8
	AS 'MODULE_PATHNAME', 'target_gap_fn' LANGUAGE C IMMUTABLE PARALLEL SAFE;
CREATE OR REPLACE FUNCTION target_attainment(t target, actual float8, reference float8, decimals int) RETURNS float8
	AS 'MODULE_PATHNAME', 'target_attainment_fn' LANGUAGE C IMMUTABLE PARALLEL SAFE;
COMMENT ON FUNCTION target_met(target, float8, float8, int) IS 'whether the figure published to decimals (round half away from zero) meets the target';
COMMENT ON FUNCTION target_gap(target, float8, float8, int) IS 'signed gap of the figure published to decimals, in the target''s unit';
COMMENT ON FUNCTION target_attainment(target, float8, float8, int) IS 'attainment ratio of the figure published to decimals, NULL where undefined';

CREATE OR REPLACE FUNCTION target_prorated(t target, progress float8) RETURNS target
	AS 'MODULE_PATHNAME', 'target_prorated_fn' LANGUAGE C IMMUTABLE STRICT PARALLEL SAFE;
COMMENT ON FUNCTION target_prorated(target, float8) IS 'the time-prorated target (序时目标): a level target''s threshold(s) times progress; other targets unchanged';

CREATE OR REPLACE FUNCTION target_fits(t target, nature text) RETURNS boolean
	AS 'MODULE_PATHNAME', 'target_fits_fn' LANGUAGE C IMMUTABLE STRICT PARALLEL SAFE;
COMMENT ON FUNCTION target_fits(target, text) IS 'whether the target''s measure fits an indicator of this nature: flow and stock growth or level; rate level, share or change; task level';
CREATE OR REPLACE FUNCTION target_check_fits(t target, nature text) RETURNS boolean
	AS 'MODULE_PATHNAME', 'target_check_fits_fn' LANGUAGE C IMMUTABLE STRICT PARALLEL SAFE;
COMMENT ON FUNCTION target_check_fits(target, text) IS 'true when target_fits, else a check_violation error naming the measures that fit (for CHECK constraints)';

CREATE OR REPLACE FUNCTION time_progress(as_of date, basis text DEFAULT 'month') RETURNS float8
	AS 'MODULE_PATHNAME', 'time_progress_fn' LANGUAGE C IMMUTABLE STRICT PARALLEL SAFE;
CREATE OR REPLACE FUNCTION time_progress(as_of date, basis text, period_start date) RETURNS float8
	AS 'MODULE_PATHNAME', 'time_progress_fn' LANGUAGE C IMMUTABLE STRICT PARALLEL SAFE;
COMMENT ON FUNCTION time_progress(date, text) IS 'share of the calendar year elapsed at as_of (序时进度): month (default) or day basis';

-- Status against time progress: level targets of flows are judged against
-- the share of the year elapsed (basis month or day) or against a schedule
-- (src/sql/60_schedule.sql); others on met and gap.
CREATE OR REPLACE FUNCTION target_schedule_gap(t target, actual float8, as_of date,
		basis text DEFAULT 'month', decimals int DEFAULT NULL) RETURNS float8
	AS 'MODULE_PATHNAME', 'target_schedule_gap_fn' LANGUAGE C IMMUTABLE PARALLEL SAFE;
COMMENT ON FUNCTION target_schedule_gap(target, float8, date, text, int) IS 'points of an annual level target ahead of time progress, on the figure published to decimals (NULL if not a level target)';

CREATE OR REPLACE FUNCTION target_status(t target, actual float8, as_of date,
		flow boolean DEFAULT false, reference float8 DEFAULT NULL,
		tolerance float8 DEFAULT NULL, basis text DEFAULT 'month',
		decimals int DEFAULT NULL) RETURNS text
	AS 'MODULE_PATHNAME', 'target_status_fn' LANGUAGE C IMMUTABLE PARALLEL SAFE;
COMMENT ON FUNCTION target_status(target, float8, date, boolean, float8, float8, text, int) IS 'green, yellow (shortfall within the tolerance, boundary included) or red, on the figure published to decimals; level targets of flows are judged against time progress';

CREATE OR REPLACE FUNCTION target_schedule_gap(t target, actual float8, as_of date, schedule float8[],
		decimals int DEFAULT NULL) RETURNS float8
	AS 'MODULE_PATHNAME', 'target_schedule_gap_sched' LANGUAGE C IMMUTABLE PARALLEL SAFE;
COMMENT ON FUNCTION target_schedule_gap(target, float8, date, float8[], int) IS 'points of an annual level target ahead of a schedule, on the figure published to decimals (NULL if not a level target or no share that month)';

CREATE OR REPLACE FUNCTION target_status(t target, actual float8, as_of date, schedule float8[],
		reference float8 DEFAULT NULL, tolerance float8 DEFAULT NULL, decimals int DEFAULT NULL) RETURNS text
	AS 'MODULE_PATHNAME', 'target_status_sched' LANGUAGE C IMMUTABLE PARALLEL SAFE;
COMMENT ON FUNCTION target_status(target, float8, date, float8[], float8, float8, int) IS 'green, yellow or red on the figure published to decimals, with level targets judged against a schedule (m/12 when schedule is NULL); others on met and gap';

-- Status band sets (src/band_core.c): each light's range of shortfalls,
-- 'green: shortfall <= 1; yellow: 1 < shortfall <= 3; red: shortfall > 3',
-- covering every shortfall from 0 up once, its bounds in the target's
-- units or all in percent of its threshold ('yellow: shortfall <= 5% of
-- target; red: shortfall > 5% of target').  The forms of target_status
-- with bands take the set as fourth argument (NULL: the default
-- tolerances); the tolerance forms above are the set 'yellow: shortfall <=
-- tol; red: shortfall > tol'.
CREATE OR REPLACE FUNCTION status_bands(bands text) RETURNS text
	AS 'MODULE_PATHNAME', 'status_bands_fn' LANGUAGE C IMMUTABLE STRICT PARALLEL SAFE;
COMMENT ON FUNCTION status_bands(text) IS 'the canonical text of a status band set; 22023 naming the range a set leaves uncovered or covers twice';

CREATE OR REPLACE FUNCTION status_band(bands text, shortfall float8) RETURNS text
	AS 'MODULE_PATHNAME', 'status_band_fn' LANGUAGE C IMMUTABLE STRICT PARALLEL SAFE;
COMMENT ON FUNCTION status_band(text, float8) IS 'the light (green, yellow, red) of a shortfall (not below 0) in a status band set (22023 for a set in percent of the target: it needs the threshold)';

CREATE OR REPLACE FUNCTION status_band(bands text, shortfall float8, threshold float8) RETURNS text
	AS 'MODULE_PATHNAME', 'status_band_threshold_fn' LANGUAGE C IMMUTABLE STRICT PARALLEL SAFE;
COMMENT ON FUNCTION status_band(text, float8, float8) IS 'the light (green, yellow, red) of a shortfall (not below 0) in a status band set, bounds in percent of the target taken of the threshold''s absolute value';

CREATE OR REPLACE FUNCTION target_status(t target, actual float8, as_of date, bands text,
		flow boolean DEFAULT false, reference float8 DEFAULT NULL, basis text DEFAULT 'month',
		decimals int DEFAULT NULL) RETURNS text
	AS 'MODULE_PATHNAME', 'target_status_bands_fn' LANGUAGE C IMMUTABLE PARALLEL SAFE;
COMMENT ON FUNCTION target_status(target, float8, date, text, boolean, float8, text, int) IS 'green when met (level targets of flows: at or ahead of time progress), else the light of the band set''s band the shortfall falls in (NULL bands: the default tolerances), on the figure published to decimals';

CREATE OR REPLACE FUNCTION target_status(t target, actual float8, as_of date, bands text, schedule float8[],
		reference float8 DEFAULT NULL, decimals int DEFAULT NULL) RETURNS text
	AS 'MODULE_PATHNAME', 'target_status_sched_bands' LANGUAGE C IMMUTABLE PARALLEL SAFE;
COMMENT ON FUNCTION target_status(target, float8, date, text, float8[], float8, int) IS 'green when met (level targets: at or ahead of the schedule, m/12 when NULL), else the light of the band set''s band the shortfall falls in (NULL bands: the default tolerances), on the figure published to decimals';
