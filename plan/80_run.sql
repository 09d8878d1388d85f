-- Scheduled assessment runs: run_assessment(year, as_of) materialises the
-- assessment (per unit and per unit x indicator) and the progress report at
-- one as-of date into result tables, with a record of when it ran and on
-- which data.  Running it again for the same year and as-of date replaces
-- that run.  Runs never overlap: a run takes the plan lock (take_plan_lock)
-- and waits its turn behind another run or a load.


-- Milliseconds since started, for the NOTICEs of a long call's steps.
CREATE OR REPLACE FUNCTION run_step_ms(started timestamptz) RETURNS bigint
LANGUAGE sql VOLATILE PARALLEL SAFE
SET search_path = pg_catalog, scorecard, pg_temp AS $$
	SELECT round(date_part('epoch', clock_timestamp() - started) * 1000)::bigint
$$;
COMMENT ON FUNCTION run_step_ms(timestamptz) IS 'milliseconds since started (the NOTICEs of the steps of runs and loads)';

-- The 64-bit hash of a reading that a run's digest sums (readings_digest):
-- the hash of the value seeded with that of the revision, seeded with that
-- of the month (days since 2000-01-01), seeded with that of the unit,
-- seeded with the indicator, so that each column is mixed into the next
-- (a value moved to another reading changes the sum); no text formatting.
-- Unpinned so that it inlines (as published_figure): its body is
-- SQL-standard, bound to its objects when it was created.
CREATE OR REPLACE FUNCTION reading_hash(indicator_id int, unit_id text, month date, revision int, value float8)
RETURNS bigint
LANGUAGE sql IMMUTABLE PARALLEL SAFE
RETURN pg_catalog.hashfloat8extended(value, pg_catalog.hashint4extended(revision,
	pg_catalog.hashint4extended(month OPERATOR(pg_catalog.-) DATE '2000-01-01',
	pg_catalog.hashtextextended(unit_id, indicator_id))));
COMMENT ON FUNCTION reading_hash(int, text, date, int, float8) IS 'the 64-bit hash of a reading that a run''s readings_digest sums (order-free)';

-- What a run records of the readings it used: how many and their digest,
-- the latest recorded_at and how many are of year, of
-- the readings in force (readings(recorded_as_of, from_month,
-- through_month)).  The digest is free of order (a sum, no sort): the md5
-- of the count and the sum of each reading's reading_hash, which mixes
-- every column into the next, so that values swapped between readings
-- change it, with no text formatting (0.3.0; runs stored before keep the
-- digest of their time, over formatted text).  PL/pgSQL with custom
-- plans whatever the caller's plan_cache_mode, as readings(), so that
-- Citus plans its query with the arguments' values;
-- the rule of the readings in force written out (test/suites/one_rule.sh
-- checks it alike), so that each reading is read once, where readings()
-- would keep every row of the two years.  Its one row comes by RETURN
-- QUERY, not SELECT INTO, so that the scan has parallel workers (see "How
-- the plan model stays linear" in docs/development.md).
CREATE OR REPLACE FUNCTION readings_digest(recorded_as_of timestamptz, from_month date, through_month date, year int)
RETURNS TABLE (readings_used bigint, digest text, recorded_through timestamptz, of_year bigint)
LANGUAGE plpgsql STABLE PARALLEL SAFE ROWS 1
SET search_path = pg_catalog, scorecard, pg_temp
SET plan_cache_mode = force_custom_plan AS $$
BEGIN
	RETURN QUERY
	SELECT pg_catalog.count(*),
	       pg_catalog.md5(pg_catalog.concat(pg_catalog.count(*), ':', coalesce(pg_catalog.sum(reading_hash(
	           r.indicator_id, r.unit_id, r.month, r.revision, r.value)), 0))),
	       pg_catalog.max(r.recorded_at),
	       pg_catalog.count(*) FILTER (WHERE r.month >= pg_catalog.make_date(year, 1, 1))
	FROM reading r
	WHERE (recorded_as_of IS NULL OR r.recorded_at <= recorded_as_of)
	  AND (from_month IS NULL OR r.month >= from_month)
	  AND (through_month IS NULL OR r.month <= through_month)
	  AND NOT EXISTS (
		SELECT 1 FROM reading n
		WHERE n.revision > 1
		  AND n.indicator_id = r.indicator_id AND n.unit_id = r.unit_id AND n.month = r.month
		  AND n.revision > r.revision
		  AND (recorded_as_of IS NULL OR n.recorded_at <= recorded_as_of));
END $$;
COMMENT ON FUNCTION readings_digest(timestamptz, date, date, int) IS 'what a run records of the readings in force it used: their count, order-free digest, latest recorded_at and count of the year';

-- A run (see the comment at the top).  What it stored comes back as the
-- row of its INOUT parameters: run_id and its counts (progress rows,
-- scored items, units, readings used).  They come last, with defaults, so
-- a CALL need not give them (CALL run_assessment(2024, '2024-11-30')).
CREATE OR REPLACE PROCEDURE run_assessment(year int, as_of date DEFAULT NULL,
		recorded_as_of timestamptz DEFAULT NULL, year_end boolean DEFAULT false,
		INOUT run_id bigint DEFAULT NULL, INOUT targets bigint DEFAULT NULL, INOUT scores bigint DEFAULT NULL,
		INOUT units bigint DEFAULT NULL, INOUT readings bigint DEFAULT NULL)
LANGUAGE plpgsql
SET search_path = pg_catalog, scorecard, pg_temp
SET datestyle = 'ISO, YMD'
SET extra_float_digits = 1 AS $$
DECLARE
	d date;
	rid bigint;
	n bigint;
	digest text;
	through timestamptz;
	prog progress_row[];
	score_rows unit_score_row[];
	unit_rows unit_assessment_row[];
	stored bigint;
	all_units boolean;
	n_year bigint;
	data_version bigint;
	-- the data as they are now (no recorded_as_of given): the dashboards'
	-- figures
	as_now boolean := recorded_as_of IS NULL;
	-- what the run is doing, for the NOTICEs and for other sessions
	-- (application_name in pg_stat_activity, this call's only: a SET clause
	-- restores it when the procedure returns)
	task text := pg_catalog.format('scorecard run %s', year);
	started timestamptz := pg_catalog.clock_timestamp();
BEGIN
	IF year IS NULL OR year NOT BETWEEN 2000 AND 2100 THEN
		RAISE EXCEPTION 'run_assessment: year % is out of range', year
			USING ERRCODE = 'invalid_parameter_value';
	END IF;
	IF as_of IS NOT NULL AND NOT pg_catalog.isfinite(as_of) THEN
		RAISE EXCEPTION 'run_assessment: as-of date % is not a finite date', as_of
			USING ERRCODE = 'datetime_field_overflow',
			      DETAIL = 'A run is made as of a day of its year.',
			      HINT = 'Give a date such as 2024-09-30, or NULL for the end of the latest month with readings.';
	END IF;
	IF as_of IS NOT NULL AND extract(year FROM as_of)::int <> year THEN
		RAISE EXCEPTION 'run_assessment: as-of date % is not in year %', as_of, year
			USING ERRCODE = 'invalid_parameter_value';
	END IF;
	-- Runs and loads take turns: the plan lock, waited for up to
	-- scorecard.run_lock_timeout (then 55P03).
	PERFORM pg_catalog.set_config('application_name', task || ': waiting for the plan lock', true);
	PERFORM take_plan_lock('run');
	RAISE NOTICE '%: plan lock taken (% ms)', task, run_step_ms(started);
	started := pg_catalog.clock_timestamp();
	PERFORM pg_catalog.set_config('application_name', task || ': computing progress, scores and units', true);

	-- The data as recorded now (or at the recorded_as_of given, if earlier),
	-- stored with the run: every reading committed before the lock has an
	-- earlier recorded_at, and every later one a later (loads read the clock
	-- once they hold their lock; only the plan's owner backdates), so the
	-- run re-made at its recorded_as_of reads the same readings.
	recorded_as_of := least(coalesce(recorded_as_of, pg_catalog.clock_timestamp()), pg_catalog.clock_timestamp());
	-- Under REPEATABLE READ or SERIALIZABLE the snapshot predates the lock:
	-- a load that committed in between is invisible, and later than every
	-- load the snapshot sees (loads are serialised), so the latest time the
	-- snapshot sees bounds what the run reads.
	IF pg_catalog.current_setting('transaction_isolation') <> 'read committed' THEN
		recorded_as_of := least(recorded_as_of,
			(SELECT pg_catalog.max(greatest(r.recorded_at, r.loaded_at)) FROM reading r));
	END IF;

	-- One state: every table the run depends on (reading, plan_target,
	-- indicator, unit, unit_kind, target_schedule, indicator_schedule,
	-- task, action, and unit_access through the policies) is read by this
	-- one statement, whose functions are all STABLE and so share its
	-- snapshot: under READ COMMITTED the statement's, taken after the plan
	-- lock (every load committed before is in it, and none commits until
	-- the run does); under REPEATABLE READ and SERIALIZABLE the
	-- transaction's.  No lock is taken on those tables beyond ACCESS SHARE:
	-- any role with USAGE on schema scorecard can hold ROW EXCLUSIVE on
	-- them (a PREPAREd DELETE locks when parsed), which SHARE locks would
	-- wait for.  The MATERIALIZED steps are computed once each: the as-of
	-- date (default: the end of the latest month with readings in the
	-- year, latest_month(recorded_as_of, year); a month after the current
	-- one, or after recorded_as_of's, allowed by
	-- plan_setting.future_months or stored before the loader refused it,
	-- is never the default), the count and digest of the readings used
	-- (and how many are of the year), progress once, the scores and the
	-- units' assessment from its rows (the digest: readings_digest).
	WITH a AS MATERIALIZED (
		SELECT coalesce(as_of, (latest_month(recorded_as_of, year) + '1 month - 1 day'::interval)::date) AS d,
		       sees_all_units() AS all_units,
		       -- the data's version, for the snapshot (plan/78_snapshot.sql)
		       current_data_version() AS data_version
	), g AS MATERIALIZED (
		SELECT r.readings_used AS n, r.digest, r.recorded_through AS through, r.of_year AS n_year
		FROM a CROSS JOIN LATERAL readings_digest(recorded_as_of, pg_catalog.make_date(year - 1, 1, 1), a.d, year) r
		WHERE a.d IS NOT NULL AND a.all_units
	), p AS MATERIALIZED (
		SELECT ARRAY(SELECT p FROM progress(a.d, recorded_as_of) p) AS prog
		FROM a, g WHERE a.d IS NOT NULL AND a.all_units AND g.n_year > 0
	), s AS MATERIALIZED (
		SELECT ARRAY(SELECT s FROM unit_scores_of(p.prog, coalesce(year_end, false)) s) AS scores
		FROM p
	)
	SELECT a.d, a.all_units, g.n, g.digest, g.through, g.n_year, p.prog, s.scores,
	       ARRAY(SELECT u FROM unit_assessment_of(s.scores) u), a.data_version
	INTO d, all_units, n, digest, through, n_year, prog, score_rows, unit_rows, data_version
	FROM a LEFT JOIN g ON true LEFT JOIN p ON true LEFT JOIN s ON true;
	-- A run made by a role that sees only some units would store figures
	-- of those units alone as the assessment of all (unit_access as of the
	-- run's snapshot).
	IF NOT all_units THEN
		RAISE EXCEPTION 'run_assessment: role % does not see every unit''s readings', current_user
			USING ERRCODE = 'insufficient_privilege',
			      DETAIL = 'Row-level security limits it to some units; a run assesses all of them.',
			      HINT = 'Run assessments as a role with access to the city (scorecard.grant_unit_access(role, city)).';
	END IF;
	IF d IS NULL THEN
		RAISE EXCEPTION 'run_assessment: no readings in % to assess', year
			USING ERRCODE = 'no_data_found';
	END IF;
	-- An explicit as-of date needs readings of the year up to it too, as
	-- recorded at recorded_as_of (in force then): a run on none would
	-- replace a published run with an empty one.
	IF n_year = 0 THEN
		RAISE EXCEPTION 'run_assessment: no readings in % up to % to assess%', year, d,
			CASE WHEN recorded_as_of IS NOT NULL THEN pg_catalog.format(' as recorded at %s', recorded_as_of) ELSE '' END
			USING ERRCODE = 'no_data_found',
			      DETAIL = 'A run on no readings would replace the run of that date with an empty one; nothing was changed.';
	END IF;
	IF NOT EXISTS (SELECT 1 FROM plan_target t WHERE t.year = run_assessment.year) THEN
		RAISE EXCEPTION 'run_assessment: no targets in % to assess', year
			USING ERRCODE = 'no_data_found',
			      DETAIL = 'A run assesses the year''s targets; without any it would store a run of no units. Nothing was changed.',
			      HINT = 'Load the year''s targets into scorecard.plan_target first.';
	END IF;

	RAISE NOTICE '%: as of %, % readings, % targets, % scores, % units computed (% ms)', task, d, n,
		pg_catalog.cardinality(prog), pg_catalog.cardinality(score_rows), pg_catalog.cardinality(unit_rows), run_step_ms(started);
	started := pg_catalog.clock_timestamp();
	PERFORM pg_catalog.set_config('application_name', task || ': storing', true);
	DELETE FROM assessment_run ar WHERE ar.year = run_assessment.year AND ar.as_of = d;
	BEGIN
		INSERT INTO assessment_run (year, as_of, recorded_as_of, data_recorded_through, readings_used,
			readings_digest, started_at, level_targets)
		VALUES (year, d, recorded_as_of, through, n, digest, pg_catalog.clock_timestamp(),
		        CASE WHEN coalesce(year_end, false) THEN 'full_year' ELSE 'prorated' END)
		RETURNING assessment_run.run_id INTO rid;
	EXCEPTION WHEN unique_violation THEN
		-- only under REPEATABLE READ or SERIALIZABLE: a run of that date
		-- committed while this one waited, after its snapshot
		RAISE EXCEPTION 'run_assessment: another run as of % committed after this transaction''s snapshot', d
			USING ERRCODE = 'serialization_failure',
			      DETAIL = pg_catalog.format('This run waited for it under %s and cannot see it to replace it; nothing was stored.',
			               pg_catalog.upper(pg_catalog.current_setting('transaction_isolation'))),
			      HINT = 'Retry the transaction, or run under READ COMMITTED (the default), where a run replaces the one it waited for.';
	END;

	INSERT INTO assessment_run_unit
	SELECT rid, a.unit_id, a.peer_group, a.items, a.applicable, a.weight, a.applicable_weight, a.total, a.score,
	       a.grade, a.rank
	FROM unnest(unit_rows) a;

	INSERT INTO assessment_run_progress (run_id, unit_id, indicator_id, data_month, target, value, growth,
		growth_source, actual, met, gap, attainment, time_progress, status, target_version, target_since)
	SELECT rid, p.unit_id, p.indicator_id, p.data_month, p.target, p.value, p.growth, p.growth_source,
	       p.actual, p.met, p.gap, p.attainment, p.time_progress, p.status, p.target_version, p.target_since
	FROM unnest(prog) p;

	-- after the progress rows: each item is of one of them
	INSERT INTO assessment_run_item
	SELECT rid, s.unit_id, s.indicator_id, s.target, s.scoring, s.weight, s.actual, s.reference,
	       s.met, s.attainment, s.points
	FROM unnest(score_rows) s;

	UPDATE assessment_run ar SET finished_at = pg_catalog.clock_timestamp() WHERE ar.run_id = rid;
	RAISE NOTICE '%: stored as run % (% ms)', task, rid, run_step_ms(started);
	-- A run of the latest month, as the data are now and prorated, is what
	-- the dashboards show: stored as the snapshot (no second computation),
	-- by a role that may write it, under READ COMMITTED (under the other
	-- levels two runs that both wrote it could not both commit; a
	-- refresh_snapshot() then stores it).
	IF as_now AND NOT coalesce(year_end, false) AND d = latest_as_of()
	   AND pg_catalog.current_setting('transaction_isolation') = 'read committed'
	   AND pg_catalog.has_table_privilege('scorecard.progress_snapshot', 'INSERT, DELETE') THEN
		started := pg_catalog.clock_timestamp();
		-- (an assignment, a simple expression: its plan does not take the
		-- rows as constants, as PERFORM's would)
		stored := snapshot_store(d, data_version, prog, score_rows, unit_rows, rid);
		RAISE NOTICE '%: stored as the dashboards'' snapshot of % (% ms)', task, d, run_step_ms(started);
	END IF;
	run_id := rid;
	targets := pg_catalog.cardinality(prog);
	scores := pg_catalog.cardinality(score_rows);
	units := pg_catalog.cardinality(unit_rows);
	readings := n;
END $$;
COMMENT ON PROCEDURE run_assessment(int, date, timestamptz, boolean, bigint, bigint, bigint, bigint, bigint) IS 'materialise the assessment and progress of a year at an as-of date (default: the end of the latest month with readings in that year) from one consistent state of the data; level targets of flows against the time-prorated target unless year_end (recorded in level_targets); replaces an earlier run of the same as-of; never overlaps with itself; returns the run id and its counts (progress rows, scored items, units, readings used)';

-- Runs with their ranking, for BI tools.
CREATE OR REPLACE VIEW assessment_run_ranking WITH (security_invoker = true) AS
	SELECT r.run_id, r.year, r.as_of, r.finished_at, u.unit_id, un.name_zh AS unit_zh,
	       u.peer_group, u.total, u.score, u.grade, u.rank::int AS rank,
	       figure_numeric(u.total, 2) AS total_num, figure_numeric(u.score, 2) AS score_num
	FROM assessment_run r
	JOIN assessment_run_unit u USING (run_id)
	JOIN unit un USING (unit_id);
COMMENT ON VIEW assessment_run_ranking IS 'each run''s units with total, score, grade and rank within the peer group';
