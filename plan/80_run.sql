-- Scheduled assessment runs: run_assessment(year, as_of) materialises the
-- assessment (per unit and per unit x indicator) and the progress report at
-- one as-of date into result tables, with a record of when it ran and on
-- which data.  Running it again for the same year and as-of date replaces
-- that run.  Runs never overlap: the procedure holds a transaction-level
-- advisory lock (key pair 20241 / 1, see run_assessment_lock_key) and
-- refuses to start while another run holds it.

CREATE TABLE assessment_run (
	run_id bigserial PRIMARY KEY,
	year int NOT NULL,
	as_of date NOT NULL,
	recorded_as_of timestamptz,
	data_recorded_through timestamptz,
	readings_used bigint NOT NULL,
	readings_digest text NOT NULL,
	started_at timestamptz NOT NULL,
	finished_at timestamptz,
	run_by text NOT NULL DEFAULT current_user,
	level_targets text NOT NULL DEFAULT 'prorated',
	CONSTRAINT assessment_run_once_per_year_and_as_of UNIQUE (year, as_of),
	CONSTRAINT assessment_run_level_targets_prorated_or_full_year CHECK (level_targets IN ('prorated', 'full_year')),
	CONSTRAINT assessment_run_as_of_in_year CHECK (extract(year FROM as_of) = year)
);
COMMENT ON TABLE assessment_run IS 'one row per assessment run: year, as-of date, data used (count, digest, latest recorded time), when';
COMMENT ON COLUMN assessment_run.level_targets IS 'how level targets of flows were scored: prorated (against the time-prorated target, 序时目标, the default) or full_year (against the whole year''s target, run_assessment(..., year_end => true))';

CREATE TABLE assessment_run_unit (
	run_id bigint NOT NULL REFERENCES assessment_run ON DELETE CASCADE,
	unit_id text NOT NULL REFERENCES unit,
	peer_group text NOT NULL,
	items bigint NOT NULL,
	applicable bigint,
	weight float8,
	applicable_weight float8,
	total float8,
	score float8,
	grade text,
	rank bigint,
	PRIMARY KEY (run_id, unit_id)
);
COMMENT ON TABLE assessment_run_unit IS 'assessment per unit of a run: total, normalised score, grade, rank';

CREATE TABLE assessment_run_item (
	run_id bigint NOT NULL REFERENCES assessment_run ON DELETE CASCADE,
	unit_id text NOT NULL REFERENCES unit,
	indicator_id int NOT NULL REFERENCES indicator,
	target text NOT NULL,
	scoring text NOT NULL,
	weight float8 NOT NULL,
	actual float8,
	reference float8,
	met boolean,
	attainment float8,
	points float8,
	PRIMARY KEY (run_id, unit_id, indicator_id)
);
COMMENT ON TABLE assessment_run_item IS 'points per unit x indicator of a run';

CREATE TABLE assessment_run_progress (
	run_id bigint NOT NULL REFERENCES assessment_run ON DELETE CASCADE,
	unit_id text NOT NULL REFERENCES unit,
	indicator_id int NOT NULL REFERENCES indicator,
	data_month date,
	target text NOT NULL,
	value float8,
	growth float8,
	growth_source text,
	actual float8,
	met boolean,
	gap float8,
	attainment float8,
	time_progress float8,
	status text,
	PRIMARY KEY (run_id, unit_id, indicator_id)
);
COMMENT ON TABLE assessment_run_progress IS 'the progress report of a run, per indicator x unit';

SELECT pg_catalog.pg_extension_config_dump('scorecard.assessment_run', '');
SELECT pg_catalog.pg_extension_config_dump('scorecard.assessment_run_run_id_seq', '');
SELECT pg_catalog.pg_extension_config_dump('scorecard.assessment_run_unit', '');
SELECT pg_catalog.pg_extension_config_dump('scorecard.assessment_run_item', '');
SELECT pg_catalog.pg_extension_config_dump('scorecard.assessment_run_progress', '');

-- The advisory lock key pair run_assessment holds (pg_locks shows it as
-- classid 20241, objid 1).
CREATE FUNCTION run_assessment_lock_key() RETURNS int[]
	LANGUAGE sql IMMUTABLE PARALLEL SAFE AS $$ SELECT ARRAY[20241, 1] $$;

CREATE PROCEDURE run_assessment(year int, as_of date DEFAULT NULL,
		recorded_as_of timestamptz DEFAULT NULL, year_end boolean DEFAULT false)
LANGUAGE plpgsql
SET search_path = pg_catalog, scorecard, pg_temp AS $$
DECLARE
	d date;
	rid bigint;
	n bigint;
	digest text;
	through timestamptz;
BEGIN
	IF year IS NULL OR year NOT BETWEEN 2000 AND 2100 THEN
		RAISE EXCEPTION 'run_assessment: year % is out of range', year
			USING ERRCODE = 'invalid_parameter_value';
	END IF;
	-- Default as-of date: the end of the latest month with readings in the year.
	d := coalesce(as_of, (date_trunc('month', least(latest_month(recorded_as_of),
	                       make_date(year, 12, 1))) + interval '1 month - 1 day')::date);
	IF d IS NULL THEN
		RAISE EXCEPTION 'run_assessment: no readings to assess'
			USING ERRCODE = 'no_data_found';
	END IF;
	IF extract(year FROM d) <> year THEN
		RAISE EXCEPTION 'run_assessment: as-of date % is not in year %', d, year
			USING ERRCODE = 'invalid_parameter_value';
	END IF;
	IF NOT pg_try_advisory_xact_lock(20241, 1) THEN
		RAISE EXCEPTION 'run_assessment: another run is in progress'
			USING ERRCODE = 'lock_not_available',
			      HINT = 'Runs never overlap; try again when it has finished.';
	END IF;

	SELECT count(*), md5(coalesce(string_agg(format('%s|%s|%s|%s|%s', r.indicator_id, r.unit_id, r.month,
	                                     r.revision, r.value), ',' ORDER BY r.indicator_id, r.unit_id, r.month), '')),
	       max(r.recorded_at)
	INTO n, digest, through
	FROM readings(recorded_as_of) r
	WHERE r.month <= d AND r.month >= make_date(year - 1, 1, 1);

	DELETE FROM assessment_run ar WHERE ar.year = run_assessment.year AND ar.as_of = d;
	INSERT INTO assessment_run (year, as_of, recorded_as_of, data_recorded_through, readings_used,
		readings_digest, started_at, level_targets)
	VALUES (year, d, recorded_as_of, through, n, digest, clock_timestamp(),
	        CASE WHEN coalesce(year_end, false) THEN 'full_year' ELSE 'prorated' END)
	RETURNING run_id INTO rid;

	INSERT INTO assessment_run_item
	SELECT rid, s.unit_id, s.indicator_id, s.target, s.scoring, s.weight, s.actual, s.reference,
	       s.met, s.attainment, s.points
	FROM unit_scores(d, recorded_as_of, coalesce(year_end, false)) s;

	INSERT INTO assessment_run_unit
	SELECT rid, a.unit_id, a.peer_group, a.items, a.applicable, a.weight, a.applicable_weight, a.total, a.score,
	       a.grade, a.rank
	FROM unit_assessment(d, recorded_as_of, coalesce(year_end, false)) a;

	INSERT INTO assessment_run_progress
	SELECT rid, p.unit_id, p.indicator_id, p.data_month, p.target, p.value, p.growth, p.growth_source,
	       p.actual, p.met, p.gap, p.attainment, p.time_progress, p.status
	FROM progress(d, recorded_as_of) p;

	UPDATE assessment_run SET finished_at = clock_timestamp() WHERE run_id = rid;
END $$;
COMMENT ON PROCEDURE run_assessment(int, date, timestamptz, boolean) IS 'materialise the assessment and progress of a year at an as-of date (default: the latest month with readings); level targets of flows against the time-prorated target unless year_end (recorded in level_targets); replaces an earlier run of the same as-of; never overlaps with itself';

-- Runs with their ranking, for BI tools.
CREATE VIEW assessment_run_ranking AS
	SELECT r.run_id, r.year, r.as_of, r.finished_at, u.unit_id, un.name_zh AS unit_zh,
	       u.peer_group, u.total, u.score, u.grade, u.rank
	FROM assessment_run r
	JOIN assessment_run_unit u USING (run_id)
	JOIN unit un USING (unit_id);
