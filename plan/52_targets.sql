-- Targets changed mid-year (调整目标): the versions of a target, the one in
-- force at a date, and the function that records a change.  The table,
-- target_adjustment, is in state/schema.sql.

-- Adjustments fill in their indicator's nature as plan_target rows do.
-- (a statement of a DO block: see "Citus" in plan/update/before.sql)
DO $trigger$
BEGIN
	CREATE OR REPLACE TRIGGER target_adjustment_fill_nature BEFORE INSERT OR UPDATE OF indicator_id ON target_adjustment
		FOR EACH ROW EXECUTE FUNCTION plan_target_fill_nature();
END $trigger$;

-- A recorded adjustment is history: what a run judged must stay readable.
-- A wrong one is corrected by a later adjustment (or, with the target,
-- deleted by the plan's owner).
CREATE OR REPLACE FUNCTION target_adjustment_kept() RETURNS trigger LANGUAGE plpgsql
SET search_path = pg_catalog, scorecard, pg_temp AS $$
BEGIN
	RAISE EXCEPTION 'a target adjustment is kept as recorded'
		USING ERRCODE = 'restrict_violation',
		      DETAIL = pg_catalog.format('The adjustment of indicator %s, unit %s, in force from %s, may have been judged by runs and reports.',
		               OLD.indicator_id, OLD.unit_id, pg_catalog.to_char(OLD.effective_from, 'YYYY-MM-DD')),
		      HINT = 'Record a new adjustment with scorecard.adjust_target(...).';
END $$;
COMMENT ON FUNCTION target_adjustment_kept() IS 'trigger: refuses to change a recorded target adjustment (23001)';
-- (a statement of a DO block: see "Citus" in plan/update/before.sql)
DO $trigger$
BEGIN
	CREATE OR REPLACE TRIGGER target_adjustment_kept BEFORE UPDATE ON target_adjustment
		FOR EACH ROW EXECUTE FUNCTION target_adjustment_kept();
END $trigger$;

-- The adjusted targets in force at as_of (as recorded at recorded_as_of:
-- NULL, every adjustment), one row per target that has one: the latest
-- adjustment of the as-of year in force by then, and its version (1 is the
-- target as first set, n after n - 1 adjustments).  Targets without an
-- adjustment in force have no row: their plan_target target is version 1.
CREATE OR REPLACE FUNCTION target_adjustments_in_force(as_of date, recorded_as_of timestamptz DEFAULT NULL)
RETURNS TABLE (indicator_id int, unit_id text, year int, target target, version int, effective_from date)
LANGUAGE sql STABLE PARALLEL SAFE ROWS 100
SET search_path = pg_catalog, scorecard, pg_temp AS $$
	SELECT DISTINCT ON (a.indicator_id, a.unit_id) a.indicator_id, a.unit_id, a.year, a.target,
	       (1 + pg_catalog.count(*) OVER (PARTITION BY a.indicator_id, a.unit_id))::int, a.effective_from
	FROM target_adjustment a
	WHERE a.year = extract(year FROM as_of)::int AND a.effective_from <= as_of
	  AND (recorded_as_of IS NULL OR a.recorded_at <= recorded_as_of)
	ORDER BY a.indicator_id, a.unit_id, a.effective_from DESC
$$;
COMMENT ON FUNCTION target_adjustments_in_force(date, timestamptz) IS 'the adjusted targets in force at as_of (as recorded at recorded_as_of), with their version (2 and on) and effective date; a target without one is its plan_target target, version 1';

-- Every version of every target, for BI tools and the report: version 1
-- (the target as first set, from 1 January) and each adjustment, with the
-- day before the next version as effective_until.
CREATE OR REPLACE VIEW target_version WITH (security_invoker = true) AS
	SELECT v.indicator_id, v.unit_id, v.year, v.version, v.target::text AS target, v.effective_from,
	       (pg_catalog.lead(v.effective_from) OVER w - 1) AS effective_until, v.reason, v.recorded_by::text AS recorded_by, v.recorded_at
	FROM (SELECT t.indicator_id, t.unit_id, t.year, 1 AS version, t.target,
	             pg_catalog.make_date(t.year, 1, 1) AS effective_from,
	             NULL::text AS reason, NULL::text AS recorded_by, NULL::timestamptz AS recorded_at
	      FROM scorecard.plan_target t
	      UNION ALL
	      SELECT a.indicator_id, a.unit_id, a.year,
	             (1 + pg_catalog.row_number() OVER (PARTITION BY a.indicator_id, a.unit_id, a.year ORDER BY a.effective_from))::int,
	             a.target, a.effective_from, a.reason, a.recorded_by::text, a.recorded_at
	      FROM scorecard.target_adjustment a) v
	WINDOW w AS (PARTITION BY v.indicator_id, v.unit_id, v.year ORDER BY v.version);
COMMENT ON VIEW target_version IS 'every version of every target: 1 as first set (from 1 January), then each adjustment (调整目标), with the dates it was in force';
COMMENT ON COLUMN target_version.indicator_id IS 'indicator';
COMMENT ON COLUMN target_version.unit_id IS 'unit the target belongs to';
COMMENT ON COLUMN target_version.year IS 'plan year';
COMMENT ON COLUMN target_version.target IS 'the target of this version, as text';
COMMENT ON COLUMN target_version.reason IS 'why it was changed (NULL for version 1)';
COMMENT ON COLUMN target_version.recorded_by IS 'the role that recorded the adjustment (NULL for version 1)';
COMMENT ON COLUMN target_version.recorded_at IS 'when the adjustment was recorded (NULL for version 1)';
COMMENT ON COLUMN target_version.version IS '1: the target as first set (plan_target); n: after n - 1 adjustments';
COMMENT ON COLUMN target_version.effective_from IS 'first day in force';
COMMENT ON COLUMN target_version.effective_until IS 'last day in force (NULL: to the year''s end)';

-- Record a target changed mid-year: from effective_from on (after 1
-- January of year, within it) the target of indicator x unit in year is
-- target_text, in the bureau's wording or canonical form, checked as the
-- import checks it (its unit of measure against the indicator's, its
-- measure against the indicator's nature; a relative target stays
-- relative).  Returns the new version.  The same adjustment again changes
-- nothing and returns its version; another target on a date that already
-- has one is refused (23505): adjustments are history, kept as recorded.
CREATE OR REPLACE FUNCTION adjust_target(indicator text, unit text, year int, target_text text,
		effective_from date, reason text DEFAULT NULL) RETURNS int
LANGUAGE plpgsql VOLATILE
SET search_path = pg_catalog, scorecard, pg_temp AS $$
DECLARE
	iid int := indicator_key(indicator);
	uid text := unit_key(unit);
	base plan_target;
	tgt target;
	old target_adjustment;
	v_unit text;
BEGIN
	SELECT * INTO base FROM plan_target t
	WHERE t.indicator_id = iid AND t.unit_id = uid AND t.year = adjust_target.year;
	IF NOT FOUND THEN
		RAISE EXCEPTION 'adjust_target: % has no target for % in % to adjust', unit, indicator, year
			USING ERRCODE = 'foreign_key_violation',
			      DETAIL = 'An adjustment changes a target of the plan (scorecard.plan_target) from a date on.',
			      HINT = 'Set the year''s target first (the import''s targets file, or INSERT INTO scorecard.plan_target).';
	END IF;
	IF effective_from IS NULL OR effective_from <= pg_catalog.make_date(year, 1, 1)
	   OR effective_from > pg_catalog.make_date(year, 12, 31) THEN
		RAISE EXCEPTION 'adjust_target: effective date % is not after 1 January % and within that year',
			coalesce(pg_catalog.to_char(effective_from, 'YYYY-MM-DD'), 'NULL'), year
			USING ERRCODE = 'invalid_parameter_value',
			      DETAIL = 'From 1 January the target is the one first set; change that one (plan_target) instead.';
	END IF;
	tgt := target_text::target;
	SELECT i.measure_unit INTO v_unit FROM scorecard.indicator i WHERE i.indicator_id = iid;
	PERFORM target_check_unit(target_text, v_unit);
	IF target_is_relative(tgt) <> target_is_relative(base.target) THEN
		RAISE EXCEPTION 'adjust_target: % is % relative target, the target it adjusts (%) is %', target_text,
			CASE WHEN target_is_relative(tgt) THEN 'a' ELSE 'not a' END, base.target,
			CASE WHEN target_is_relative(base.target) THEN 'one' ELSE 'not' END
			USING ERRCODE = 'invalid_parameter_value',
			      DETAIL = 'A relative target is judged against its reference indicator, set with the target (plan_target.reference_indicator_id).';
	END IF;
	SELECT * INTO old FROM target_adjustment a
	WHERE a.indicator_id = iid AND a.unit_id = uid AND a.year = adjust_target.year
	  AND a.effective_from = adjust_target.effective_from;
	IF FOUND AND old.target::text = tgt::text THEN
		NULL;   -- recorded already: nothing changes
	ELSIF FOUND THEN
		RAISE EXCEPTION 'adjust_target: the target of % for % in force from % is % already', unit, indicator,
			pg_catalog.to_char(effective_from, 'YYYY-MM-DD'), old.target
			USING ERRCODE = 'unique_violation',
			      DETAIL = 'Adjustments are kept as recorded.',
			      HINT = 'Record the correction from a later date.';
	ELSE
		INSERT INTO target_adjustment (indicator_id, unit_id, year, effective_from, target, indicator_nature, reason)
		VALUES (iid, uid, year, effective_from, tgt, base.indicator_nature, reason);
	END IF;
	-- the version in force from that date, as everything else counts it
	RETURN (SELECT v.version FROM target_adjustments_in_force(adjust_target.effective_from) v
	        WHERE v.indicator_id = iid AND v.unit_id = uid);
END $$;
COMMENT ON FUNCTION adjust_target(text, text, int, text, date, text) IS 'record a target changed mid-year (调整目标): indicator x unit x year is target_text from effective_from on; returns its version (the same call again changes nothing)';
