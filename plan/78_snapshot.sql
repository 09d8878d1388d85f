-- Dashboards from stored results.  What BI tools read most (a unit's page of
-- progress_latest, unit_scores_latest, the ranking of
-- unit_assessment_latest, progress_arith_latest, lagging_list_latest,
-- data_review_latest) is
-- served from a snapshot of the latest month (progress_snapshot,
-- unit_score_snapshot, unit_assessment_snapshot, progress_arith_snapshot,
-- lagging_list_snapshot, data_review_snapshot; state in
-- plan/state/schema.sql), so that one unit's page costs what its rows
-- cost, not what the plan costs.  The snapshot is current while the
-- data's version (current_data_version()) has not moved since it was
-- computed (every load that wrote a reading, every statement on the plan's
-- tables and its owner's on reading move it) and the calendar month is
-- the one it was computed in; otherwise the views compute live, so that a
-- reader never sees figures older than the last committed load, and
-- computed_at says which: the snapshot's time, or the reading
-- transaction's.  refresh_snapshot() makes it current (a pg_cron job
-- every few minutes: a no-op while current); a run of the latest month
-- stores the rows it computed (without the arithmetic and the data
-- review, which the next refresh adds).  The lagging list is stored too
-- (lagging_list_snapshot), current while the snapshot is and the stored
-- runs, whose warning streaks it shows, have not changed since (their own
-- count, runs_version()).  Row-level security holds on the stored rows as
-- on the tables (unit_secured_tables); the arithmetic, the lagging list
-- and the data review are for roles that see every unit
-- (whole_plan_snapshots).

-- Count a change to the data progress() reads: the snapshot computed
-- before it is stale (a load, record_readings; a statement on a plan
-- table, plan_data_changed, or on reading, plan_readings_written).  A
-- transaction that holds the plan lock (a load, or one that loaded or ran
-- before it changed the plan) counts into loads, any other into edits.
-- So only a holder of the plan lock writes the loads row, and no holder
-- writes the edits row: a load never waits for an edit's row, and a
-- transaction that edited and then waits for the plan lock is never
-- waited for by its holder (no deadlock either way round).
CREATE OR REPLACE FUNCTION plan_data_change() RETURNS void LANGUAGE plpgsql VOLATILE
SET search_path = pg_catalog, pg_temp AS $$
DECLARE
	coordinator boolean := true;
BEGIN
	-- On a Citus worker (the trigger of a shard) nothing counts: only the
	-- coordinator's version is read, and a row held on every worker could
	-- make two edits wait for each other across them (docs/distributed.md)
	IF pg_catalog.to_regprocedure('pg_catalog.citus_is_coordinator()') IS NOT NULL THEN
		EXECUTE 'SELECT pg_catalog.citus_is_coordinator()' INTO coordinator;
	END IF;
	IF coordinator THEN
		UPDATE scorecard.plan_data_version v SET version = v.version OPERATOR(pg_catalog.+) 1, changed_at = pg_catalog.now()
		WHERE v.counter OPERATOR(pg_catalog.=) CASE WHEN EXISTS (
			SELECT 1 FROM pg_catalog.pg_locks l
			JOIN pg_catalog.pg_class c ON c.oid OPERATOR(pg_catalog.=) l.relation
			JOIN pg_catalog.pg_namespace n ON n.oid OPERATOR(pg_catalog.=) c.relnamespace
			WHERE l.locktype OPERATOR(pg_catalog.=) 'relation' AND l.pid OPERATOR(pg_catalog.=) pg_catalog.pg_backend_pid()
			  AND l.granted AND l.mode OPERATOR(pg_catalog.=) 'ExclusiveLock'
			  AND n.nspname OPERATOR(pg_catalog.=) 'scorecard_lock' AND c.relname OPERATOR(pg_catalog.=) 'plan_lock')
		THEN 'loads' ELSE 'edits' END;
	END IF;
END $$;
COMMENT ON FUNCTION plan_data_change() IS 'count a change to the data progress() reads in plan_data_version (into loads under the plan lock, else edits; the stored snapshot is then stale)';

-- The data's version: the sum of plan_data_version's counters, which only
-- grow, so that it moves with every change either counts.
CREATE OR REPLACE FUNCTION current_data_version() RETURNS bigint
LANGUAGE sql STABLE PARALLEL SAFE
SET search_path = pg_catalog, pg_temp AS $$
	SELECT pg_catalog.sum(v.version)::bigint FROM scorecard.plan_data_version v
$$;
COMMENT ON FUNCTION current_data_version() IS 'the version of the data progress() reads: the sum of plan_data_version''s counters';

-- The stored runs' version: how many statements on assessment_run and
-- assessment_run_progress (what warning_streaks reads) were committed, as
-- the caller's snapshot sees them (run_change's rows).
CREATE OR REPLACE FUNCTION runs_version() RETURNS bigint
LANGUAGE sql STABLE PARALLEL SAFE
SET search_path = pg_catalog, pg_temp AS $$
	SELECT pg_catalog.count(*) FROM scorecard.run_change
$$;
COMMENT ON FUNCTION runs_version() IS 'the version of the stored runs (the warning streaks read them): the count of statements on them (run_change)';

-- The trigger of the run tables: a row of run_change per statement.
-- SECURITY DEFINER: the roles that run need no privilege on run_change.
CREATE OR REPLACE FUNCTION plan_runs_changed() RETURNS trigger LANGUAGE plpgsql
SECURITY DEFINER
SET search_path = pg_catalog, pg_temp AS $$
BEGIN
	INSERT INTO scorecard.run_change DEFAULT VALUES;
	RETURN NULL;
END $$;
COMMENT ON FUNCTION plan_runs_changed() IS 'trigger: counts a statement on the stored runs (run_change, runs_version)';
REVOKE EXECUTE ON FUNCTION plan_runs_changed() FROM PUBLIC;
DO $trigger$
DECLARE
	t text;
BEGIN
	FOREACH t IN ARRAY ARRAY['assessment_run', 'assessment_run_progress'] LOOP
		EXECUTE pg_catalog.format('CREATE OR REPLACE TRIGGER plan_runs_changed AFTER INSERT OR UPDATE OR DELETE '
			'ON scorecard.%I FOR EACH STATEMENT EXECUTE FUNCTION scorecard.plan_runs_changed()', t);
		EXECUTE pg_catalog.format('CREATE OR REPLACE TRIGGER plan_runs_truncated AFTER TRUNCATE '
			'ON scorecard.%I FOR EACH STATEMENT EXECUTE FUNCTION scorecard.plan_runs_changed()', t);
	END LOOP;
END $trigger$;

-- The trigger of the plan's tables.  SECURITY DEFINER: the roles that change
-- the plan need no privilege on plan_data_version.
CREATE OR REPLACE FUNCTION plan_data_changed() RETURNS trigger LANGUAGE plpgsql
SECURITY DEFINER
SET search_path = pg_catalog, pg_temp AS $$
BEGIN
	PERFORM scorecard.plan_data_change();
	RETURN NULL;
END $$;
COMMENT ON FUNCTION plan_data_changed() IS 'trigger: counts a statement on a table progress() reads (plan_data_change)';
-- (a trigger function of the owner's, not a tool of others': a role could
-- attach it to a table of its own and hold or move the data's version)
REVOKE EXECUTE ON FUNCTION plan_data_changed() FROM PUBLIC;

-- The tables progress(), the scores and the assessment read besides the
-- readings (whose loads count themselves: record_readings).  Two triggers
-- each, TRUNCATE apart: Citus creates a trigger on the shards of a
-- reference or distributed table only if TRUNCATE is not among its events,
-- and on a cluster it is the trigger of the coordinator's shard of a
-- reference table that counts a statement on it (docs/distributed.md).
DO $$
DECLARE
	t text;
BEGIN
	FOREACH t IN ARRAY ARRAY['action', 'unit_kind', 'unit', 'indicator', 'plan_target', 'target_adjustment',
	                         'target_schedule', 'indicator_schedule', 'task', 'plan_setting'] LOOP
		EXECUTE pg_catalog.format('CREATE OR REPLACE TRIGGER plan_data_changed AFTER INSERT OR UPDATE OR DELETE '
			'ON scorecard.%I FOR EACH STATEMENT EXECUTE FUNCTION scorecard.plan_data_changed()', t);
		EXECUTE pg_catalog.format('CREATE OR REPLACE TRIGGER plan_data_truncated AFTER TRUNCATE '
			'ON scorecard.%I FOR EACH STATEMENT EXECUTE FUNCTION scorecard.plan_data_changed()', t);
	END LOOP;
END $$;

-- Statements on reading that no load makes: its owner's UPDATE, DELETE,
-- TRUNCATE and INSERT of rows (a load counts itself, record_readings, and
-- only when it wrote a reading: a load of unchanged rows leaves the
-- snapshot current).  Without them a reading changed in place would leave
-- the snapshot current and the dashboards showing the former figure.
-- record_readings marks its insert with scorecard.recording_readings;
-- only roles that may insert into reading (its owner) could set it.  (On
-- Citus the trigger fires on the shards, not on the coordinator: see
-- docs/distributed.md.)
CREATE OR REPLACE FUNCTION plan_readings_written() RETURNS trigger LANGUAGE plpgsql
SECURITY DEFINER
SET search_path = pg_catalog, pg_temp AS $$
BEGIN
	IF TG_OP OPERATOR(pg_catalog.<>) 'INSERT'
	   OR pg_catalog.current_setting('scorecard.recording_readings', true) IS DISTINCT FROM 'on' THEN
		PERFORM scorecard.plan_data_change();
	END IF;
	RETURN NULL;
END $$;
COMMENT ON FUNCTION plan_readings_written() IS 'trigger: counts a statement on reading (plan_data_change), but record_readings'' insert, which counts itself';
REVOKE EXECUTE ON FUNCTION plan_readings_written() FROM PUBLIC;
-- (statements of a DO block: see "Citus" in plan/update/before.sql;
-- TRUNCATE apart, as for the plan's tables above)
DO $trigger$
BEGIN
	CREATE OR REPLACE TRIGGER plan_readings_written AFTER INSERT OR UPDATE OR DELETE ON scorecard.reading
		FOR EACH STATEMENT EXECUTE FUNCTION scorecard.plan_readings_written();
	CREATE OR REPLACE TRIGGER plan_readings_truncated AFTER TRUNCATE ON scorecard.reading
		FOR EACH STATEMENT EXECUTE FUNCTION scorecard.plan_readings_written();
END $trigger$;

-- Whether the stored snapshot is current: computed from the data as they
-- are (the same current_data_version()) in the current calendar month (which
-- latest_as_of() depends on).
CREATE OR REPLACE FUNCTION snapshot_is_current() RETURNS boolean
LANGUAGE sql STABLE PARALLEL SAFE
SET search_path = pg_catalog, scorecard, pg_temp AS $$
	SELECT coalesce(s.data_version = current_data_version()
	                AND s.computed_month = pg_catalog.date_trunc('month', CURRENT_DATE::timestamp)::date, false)
	FROM snapshot_state s
$$;
COMMENT ON FUNCTION snapshot_is_current() IS 'whether the stored snapshot was computed from the data as they are, this calendar month';

-- Replace the stored snapshot with the rows given, computed at as_of from
-- current_data_version() version (read in the statement that computed them).
-- One writer at a time: it holds the snapshot_state row (a refresh takes it
-- once it has computed, a run while it holds the plan lock); readers go on
-- reading the rows being replaced until it commits.  The stored arithmetic is then not the
-- snapshot's (arith_computed_at NULL; its rows are left for refresh_snapshot()
-- to replace, not deleted by a run), nor the stored lagging list
-- (lagging_runs_version NULL), nor the stored data review
-- (review_computed_at NULL).  Generic plans: a custom plan would copy the
-- rows into each statement as a constant (docs/development.md, "How the
-- plan model stays linear"), as in refresh_snapshot and run_assessment.
CREATE OR REPLACE FUNCTION snapshot_store(as_of date, version bigint, prog progress_row[],
	scores unit_score_row[], units unit_assessment_row[], run_id bigint DEFAULT NULL) RETURNS bigint
LANGUAGE plpgsql VOLATILE
SET search_path = pg_catalog, scorecard, pg_temp
SET plan_cache_mode = force_generic_plan AS $$
DECLARE
	n bigint;
BEGIN
	PERFORM 1 FROM snapshot_state FOR UPDATE;
	DELETE FROM progress_snapshot;
	DELETE FROM unit_score_snapshot;
	DELETE FROM unit_assessment_snapshot;
	INSERT INTO progress_snapshot SELECT p.* FROM unnest(prog) p;
	GET DIAGNOSTICS n = ROW_COUNT;
	INSERT INTO unit_score_snapshot SELECT s.* FROM unnest(scores) s;
	INSERT INTO unit_assessment_snapshot SELECT u.* FROM unnest(units) u;
	UPDATE snapshot_state s SET as_of = snapshot_store.as_of, data_version = version, computed_at = pg_catalog.now(),
		computed_month = pg_catalog.date_trunc('month', CURRENT_DATE::timestamp)::date, run_id = snapshot_store.run_id,
		arith_computed_at = NULL, lagging_runs_version = NULL, lagging_computed_at = NULL, review_computed_at = NULL;
	RETURN n;
END $$;
COMMENT ON FUNCTION snapshot_store(date, bigint, progress_row[], unit_score_row[], unit_assessment_row[], bigint) IS 'replace the stored snapshot with the given progress, score and assessment rows (refresh_snapshot, run_assessment)';

-- Refuse (42501) to store the snapshot for a role that row-level security
-- limits to some units: it would be computed from them and served to all.
CREATE OR REPLACE FUNCTION snapshot_writer_sees_all(what text) RETURNS void
LANGUAGE plpgsql STABLE PARALLEL SAFE
SET search_path = pg_catalog, scorecard, pg_temp AS $$
BEGIN
	IF NOT sees_all_units() THEN
		RAISE EXCEPTION '%: role % does not see every unit''s readings', what, current_user
			USING ERRCODE = 'insufficient_privilege',
			      DETAIL = 'Row-level security limits it to some units; the snapshot is served to every role.',
			      HINT = 'Refresh as the plan''s owner (a pg_cron job), or as a role with access to the top unit.';
	END IF;
END $$;
COMMENT ON FUNCTION snapshot_writer_sees_all(text) IS 'raise 42501 where row-level security limits the role to some units: a stored snapshot is served to all (refresh_snapshot)';

-- Make the stored snapshot current: compute progress, the scores, the
-- assessment, the arithmetic (progress_arith), the lagging list
-- (lagging_list_of) and the data review (data_review) at latest_as_of()
-- once, and store them; only the arithmetic, the lagging list and the
-- review when the snapshot is current without them (a run's), or only the
-- lagging list when the stored runs changed since it was stored; nothing
-- when all are current (so a scheduled job may call it every few
-- minutes).  The review is computed in a statement of its own, after the
-- rest, with the data's version again: an error there (none is known: the
-- review is written to run on any figure within the bounds) leaves the
-- review live with a WARNING, and the rest of the dashboards stored.  It computes before it takes the
-- snapshot_state row, in one statement that reads the data's version (and
-- the runs') too, and holds the row only to store: a run of the latest
-- month, which stores its rows as the snapshot while it holds the plan
-- lock (and loads wait for it), waits for a store, not for a computation.
-- Under the row it stores what it computed only where nothing as new was
-- stored meanwhile (by another refresh or a run), and the arithmetic, the
-- lagging list and the review only with the snapshot of the version and
-- as-of date they were computed at.  A load committed meanwhile leaves the new
-- snapshot stale, never wrong; so does a run for the lagging list, which
-- is stored with the runs' version it read.  The role must see every unit
-- (a snapshot of some units would be served to all) and may write the
-- snapshot tables (the plan's owner, or whom it granted them).
CREATE OR REPLACE FUNCTION refresh_snapshot(OUT as_of date, OUT targets bigint, OUT computed_at timestamptz,
	OUT refreshed boolean)
LANGUAGE plpgsql VOLATILE
SET search_path = pg_catalog, scorecard, pg_temp
SET plan_cache_mode = force_generic_plan AS $$
DECLARE
	d date;
	v bigint;
	-- the runs' version the lagging list was computed at
	rv bigint;
	prog progress_row[];
	scores unit_score_row[];
	units unit_assessment_row[];
	arith progress_arith_row[];
	lag lagging_list_snapshot[];
	review data_review_snapshot[];
	-- the data's version the review was computed at
	review_v bigint;
	this_month date := pg_catalog.date_trunc('month', CURRENT_DATE::timestamp)::date;
	st snapshot_state;
	-- whether this call computed progress (else at most the arithmetic,
	-- the lagging list and the review)
	computed boolean := false;
BEGIN
	PERFORM snapshot_writer_sees_all('refresh_snapshot');
	refreshed := false;
	SELECT s.* INTO st FROM snapshot_state s;
	IF NOT snapshot_is_current() THEN
		WITH a AS MATERIALIZED (
			SELECT latest_as_of() AS d, current_data_version() AS v, runs_version() AS rv
		), p AS MATERIALIZED (
			SELECT ARRAY(SELECT p FROM progress(a.d) p) AS prog FROM a WHERE a.d IS NOT NULL
		), s AS MATERIALIZED (
			SELECT ARRAY(SELECT s FROM unit_scores_of(p.prog) s) AS scores FROM p
		)
		SELECT a.d, a.v, a.rv, p.prog, s.scores, ARRAY(SELECT u FROM unit_assessment_of(s.scores) u),
		       -- (none without a month with readings: stored empty)
		       CASE WHEN a.d IS NULL THEN '{}' ELSE ARRAY(SELECT r FROM progress_arith(a.d) r) END,
		       CASE WHEN a.d IS NULL THEN '{}' ELSE ARRAY(SELECT ROW(l.*)::lagging_list_snapshot
		                                                  FROM lagging_list_of(a.d, p.prog) WITH ORDINALITY l) END
		INTO d, v, rv, prog, scores, units, arith, lag
		FROM a LEFT JOIN p ON true LEFT JOIN s ON true;
		computed := true;
	ELSIF st.arith_computed_at IS NULL OR st.review_computed_at IS NULL
	      OR st.lagging_runs_version IS DISTINCT FROM runs_version() THEN
		-- a run's snapshot, or runs since: what it lacks (of the version
		-- it is current at; NULL: not computed).  The lagging list lists
		-- the stored progress rows: none where a load or an edit committed
		-- since the test above made the snapshot stale (stored_progress()
		-- would give no rows; the version read here then stores nothing)
		SELECT s.as_of, current_data_version(), runs_version(),
		       CASE WHEN s.arith_computed_at IS NOT NULL THEN NULL WHEN s.as_of IS NULL THEN '{}'
		            ELSE ARRAY(SELECT r FROM progress_arith(s.as_of) r) END,
		       CASE WHEN s.lagging_runs_version IS NOT DISTINCT FROM runs_version() OR NOT snapshot_is_current() THEN NULL
		            WHEN s.as_of IS NULL THEN '{}'
		            ELSE ARRAY(SELECT ROW(l.*)::lagging_list_snapshot
		                       FROM lagging_list_of(s.as_of, stored_progress(s.as_of)) WITH ORDINALITY l) END
		INTO d, v, rv, arith, lag
		FROM snapshot_state s;
	END IF;
	IF v IS NOT NULL AND (computed OR st.review_computed_at IS NULL) THEN
		BEGIN
			SELECT current_data_version(),
			       CASE WHEN d IS NULL THEN '{}' ELSE ARRAY(SELECT ROW(f.*)::data_review_snapshot
			                                                FROM data_review(d) WITH ORDINALITY f) END
			INTO review_v, review;
		EXCEPTION WHEN data_exception THEN
			RAISE WARNING 'refresh_snapshot: the data review could not be stored: %', SQLERRM
				USING DETAIL = 'data_review_latest reviews live until a refresh stores it; the other views are served as stored.',
				      HINT = pg_catalog.format('SELECT * FROM scorecard.data_review(%L) gives the error alone.', d);
		END;
	END IF;
	IF v IS NOT NULL THEN
		SELECT s.* INTO st FROM snapshot_state s FOR UPDATE;
		IF computed AND (st.data_version IS NULL OR st.data_version < v OR st.computed_month IS DISTINCT FROM this_month) THEN
			PERFORM snapshot_store(d, v, coalesce(prog, '{}'), coalesce(scores, '{}'), coalesce(units, '{}'));
			SELECT s.* INTO st FROM snapshot_state s;
			refreshed := true;
		END IF;
		-- the same snapshot as they were computed of
		IF st.data_version = v AND st.as_of IS NOT DISTINCT FROM d AND st.computed_month = this_month THEN
			IF st.arith_computed_at IS NULL AND arith IS NOT NULL THEN
				DELETE FROM progress_arith_snapshot;
				INSERT INTO progress_arith_snapshot SELECT r.* FROM unnest(arith) r;
				UPDATE snapshot_state SET arith_computed_at = pg_catalog.now();
				refreshed := true;
			END IF;
			IF st.review_computed_at IS NULL AND review IS NOT NULL AND review_v = v THEN
				DELETE FROM data_review_snapshot;
				INSERT INTO data_review_snapshot SELECT f.* FROM unnest(review) f;
				UPDATE snapshot_state SET review_computed_at = pg_catalog.now();
				refreshed := true;
			END IF;
			-- (a count of committed rows: a later computation's is not
			-- smaller, and one stored meanwhile that saw more runs is kept)
			IF lag IS NOT NULL AND (st.lagging_runs_version IS NULL OR st.lagging_runs_version < rv) THEN
				DELETE FROM lagging_list_snapshot;
				INSERT INTO lagging_list_snapshot SELECT l.* FROM unnest(lag) l;
				UPDATE snapshot_state SET lagging_runs_version = rv, lagging_computed_at = pg_catalog.now();
				refreshed := true;
			END IF;
		END IF;
	END IF;
	SELECT s.as_of, s.computed_at INTO refresh_snapshot.as_of, refresh_snapshot.computed_at FROM snapshot_state s;
	targets := (SELECT pg_catalog.count(*) FROM progress_snapshot);
END $$;
COMMENT ON FUNCTION refresh_snapshot() IS 'make the stored snapshot of the latest month current (progress, scores, assessment, arithmetic, lagging list and data review computed once, before it takes the snapshot''s row); a no-op when all are current';

-- The views: the snapshot's rows while it is current, else computed live
-- at latest_as_of() (the same rows, as of now).  A filter on unit_id reaches
-- the snapshot's primary key; the live branch runs only when the snapshot
-- is not current (a one-time filter).  Like a run's, the stored rows are
-- computed over every unit, and a role that row-level security limits to
-- some units reads its units' rows as computed (docs/security.md): a rank
-- among all its peers, a department's target judged on its area's figure.
CREATE OR REPLACE VIEW progress_latest WITH (security_invoker = true) AS
	SELECT p.indicator_id, p.code, p.action_id, p.indicator_zh, p.indicator_en, p.measure_unit, p.nature,
	       p.unit_id, p.unit_zh, p.unit_kind, p.year, p.as_of, p.data_month, p.target, p.weight, p.value,
	       p.prior, p.computed_growth, p.reported_growth, p.growth, p.growth_source, p.change_pp, p.actual,
	       p.decimals, p.actual_published, p.reference, p.met, p.gap, p.attainment, p.time_progress,
	       p.schedule_gap, p.status, p.note, p.schedule, p.target_version, p.target_since, p.status_bands,
	       figure_numeric(p.value, i.decimals) AS value_num,
	       figure_numeric(p.growth, i.growth_decimals) AS growth_num,
	       figure_numeric(p.change_pp, coalesce(i.decimals, 2)) AS change_num,
	       published_figure(p.actual, p.actual_published, p.decimals) AS actual_num,
	       figure_numeric(p.gap, p.decimals) AS gap_num,
	       p.computed_at
	FROM (
		SELECT s.*, st.computed_at FROM scorecard.progress_snapshot s CROSS JOIN scorecard.snapshot_state st
		WHERE scorecard.snapshot_is_current()
		UNION ALL
		SELECT l.*, pg_catalog.now() FROM scorecard.progress(scorecard.latest_as_of()) l
		WHERE NOT scorecard.snapshot_is_current()
	) p
	JOIN scorecard.indicator i ON i.indicator_id = p.indicator_id;
COMMENT ON VIEW progress_latest IS 'progress(as_of) at the last day of the latest month with readings (from the stored snapshot while it is current)';

CREATE OR REPLACE VIEW unit_scores_latest WITH (security_invoker = true) AS
	SELECT s.as_of, s.unit_id, s.unit_zh, s.indicator_id, s.indicator_zh, s.target, s.scored_target, s.scoring,
	       s.weight, s.actual, s.decimals, s.actual_published, s.reference, s.met, s.attainment, s.points,
	       published_figure(s.actual, s.actual_published, s.decimals) AS actual_num,
	       figure_numeric(s.points, 2) AS points_num,
	       s.computed_at
	FROM (
		SELECT st.as_of, s.*, st.computed_at FROM scorecard.unit_score_snapshot s CROSS JOIN scorecard.snapshot_state st
		WHERE scorecard.snapshot_is_current()
		UNION ALL
		SELECT d.as_of, l.*, pg_catalog.now()
		FROM (SELECT scorecard.latest_as_of() AS as_of) d CROSS JOIN LATERAL scorecard.unit_scores(d.as_of) l
		WHERE NOT scorecard.snapshot_is_current()
	) s;
COMMENT ON VIEW unit_scores_latest IS 'unit_scores(as_of) at the last day of the latest month with readings (from the stored snapshot while it is current)';

CREATE OR REPLACE VIEW unit_assessment_latest WITH (security_invoker = true) AS
	SELECT a.as_of, a.unit_id, a.unit_zh, a.unit_kind, a.peer_group, a.items, a.applicable, a.weight,
	       a.applicable_weight, a.total, a.score, a.grade, a.rank,
	       figure_numeric(a.total, 2) AS total_num, figure_numeric(a.score, 2) AS score_num,
	       a.computed_at
	FROM (
		SELECT st.as_of, s.*, st.computed_at FROM scorecard.unit_assessment_snapshot s CROSS JOIN scorecard.snapshot_state st
		WHERE scorecard.snapshot_is_current()
		UNION ALL
		SELECT d.as_of, l.*, pg_catalog.now()
		FROM (SELECT scorecard.latest_as_of() AS as_of) d CROSS JOIN LATERAL scorecard.unit_assessment(d.as_of) l
		WHERE NOT scorecard.snapshot_is_current()
	) a;
COMMENT ON VIEW unit_assessment_latest IS 'unit_assessment(as_of) at the last day of the latest month with readings (from the stored snapshot while it is current)';
COMMENT ON COLUMN progress_latest.decimals IS 'published precision (decimals) the target is judged at: the indicator''s growth_decimals for growth, else its decimals (NULL: 2 for rates, full precision)';
COMMENT ON COLUMN progress_latest.schedule IS 'the time progress the target is judged against: shares or seasonal (its schedule), seasonal (no shape) (a seasonal schedule without last year''s figures: m/12) or linear (m/12)';
COMMENT ON COLUMN progress_latest.target_version IS 'the version of the target judged: 1 as first set, n after n - 1 adjustments (target_adjustment, adjust_target)';
COMMENT ON COLUMN progress_latest.target_since IS 'the first day of the adjusted target judged (NULL: the target as first set)';
COMMENT ON COLUMN progress_latest.status_bands IS 'the status band set status is judged by: the target''s, else the indicator''s, else the plan''s (NULL: the default tolerances)';
COMMENT ON COLUMN progress_latest.actual_published IS 'the actual as published: rounded half away from zero to decimals; met, gap, attainment and status are of this figure';
COMMENT ON COLUMN unit_scores_latest.scored_target IS 'the target scored against: the time-prorated target (序时目标) for level targets of flows and task counts, else the target';
COMMENT ON COLUMN unit_scores_latest.decimals IS 'published precision (decimals) the target is judged at';
COMMENT ON COLUMN unit_scores_latest.actual_published IS 'the actual as published (rounded half away from zero to decimals); met, attainment and points are of this figure';

-- The stored snapshot's rows of below and the units under it (NULL: all)
-- when it holds as_of's (current, computed at that as-of date): the rows
-- progress_of_states(as_of, NULL, NULL, below) would compute (the report,
-- which then judges no targets of its own); else NULL.  STABLE: in the
-- caller's snapshot, as the caller's other statements.
CREATE OR REPLACE FUNCTION stored_progress(as_of date, below text DEFAULT NULL) RETURNS progress_row[]
LANGUAGE plpgsql STABLE PARALLEL SAFE
SET search_path = pg_catalog, scorecard, pg_temp AS $$
DECLARE
	-- once, not per row: the units of below's subtree (NULL: all)
	scope text[] := units_scope(below);
BEGIN
	IF NOT snapshot_is_current() OR (SELECT st.as_of FROM snapshot_state st) IS DISTINCT FROM stored_progress.as_of THEN
		RETURN NULL;
	END IF;
	RETURN ARRAY(SELECT p::progress_row FROM progress_snapshot p WHERE scope IS NULL OR p.unit_id = ANY (scope));
END $$;
COMMENT ON FUNCTION stored_progress(date, text) IS 'the stored snapshot''s progress rows of below and the units under it (NULL: all) when it is current at as_of, else NULL';

-- The rows progress_latest serves (the snapshot's while it is current,
-- else progress() at latest_as_of()) as one array, for a function that
-- judges progress rows: lagging_list_latest lists them without computing
-- progress again.
CREATE OR REPLACE FUNCTION progress_latest_rows() RETURNS progress_row[]
LANGUAGE sql STABLE PARALLEL SAFE
SET search_path = pg_catalog, scorecard, pg_temp AS $$
	SELECT coalesce(stored_progress(latest_as_of()), ARRAY(SELECT p FROM progress(latest_as_of()) p))
$$;
COMMENT ON FUNCTION progress_latest_rows() IS 'the progress() rows at latest_as_of() as one array: the stored snapshot''s while it is current (stored_progress), else computed';

-- progress_city() at latest_as_of(), of progress_latest's rows: from the
-- snapshot while it is current (the filter on top_area_units() reaches
-- its primary key).  The same selection as progress_city()'s
-- (test/suites/snapshot.sh checks them equal).
CREATE OR REPLACE VIEW progress_city_latest WITH (security_invoker = true) AS
	SELECT p.as_of, p.indicator_id, p.action_id, a.name_zh AS action_zh, p.indicator_zh, p.indicator_en,
	       p.measure_unit, p.data_month, p.target, p.value, p.growth, p.growth_source, p.actual, p.decimals,
	       p.actual_published, p.reference, p.met, p.gap, p.attainment, p.time_progress, p.schedule_gap,
	       p.status, p.note, p.unit_id, p.value_num, p.growth_num, p.actual_num, p.gap_num, p.computed_at
	FROM scorecard.progress_latest p
	JOIN scorecard.unit u ON u.unit_id = p.unit_id
	LEFT JOIN scorecard.action a ON a.action_id = p.action_id
	-- (a function call, not a scalar subquery as in progress_city(): a
	-- filter with a subquery does not reach the snapshot's index)
	WHERE p.unit_id = ANY (scorecard.top_area_units())
	ORDER BY u.sort_order, p.unit_id, p.indicator_id;
COMMENT ON VIEW progress_city_latest IS 'progress_city(as_of) at the last day of the latest month with readings (from the stored snapshot while it is current)';
COMMENT ON COLUMN progress_city_latest.computed_at IS 'when the figures were computed: the snapshot''s time, or the reading transaction''s';

-- Whether a stored part of the snapshot for roles that see every unit
-- (whole_plan_snapshots(): the arithmetic, the lagging list, the data
-- review) is served to the current role: the snapshot is current, the
-- part is stored of it (stored, the part's own test), and the role sees
-- every unit.
CREATE OR REPLACE FUNCTION whole_plan_part_is_served(stored boolean) RETURNS boolean
LANGUAGE plpgsql STABLE PARALLEL SAFE
SET search_path = pg_catalog, scorecard, pg_temp AS $$
BEGIN
	RETURN snapshot_is_current() AND coalesce(stored, false) AND sees_all_units();
END $$;
COMMENT ON FUNCTION whole_plan_part_is_served(boolean) IS 'whether a stored part of the snapshot for roles that see every unit is served to the current role: the snapshot is current, the part is stored of it (stored), and the role sees every unit';

-- Whether lagging_list_latest serves the stored lagging list to the
-- current role: the snapshot is current, the list was stored of it at the
-- stored runs' version (warning streaks), and the role sees every unit
-- (the list names the departments holding targets on an indicator, which
-- a role limited to some units may not read; such a role computes it
-- live from its own rows, as cheap as they are few).
CREATE OR REPLACE FUNCTION lagging_snapshot_is_served() RETURNS boolean
LANGUAGE plpgsql STABLE PARALLEL SAFE
SET search_path = pg_catalog, scorecard, pg_temp AS $$
BEGIN
	RETURN whole_plan_part_is_served((SELECT st.lagging_runs_version = runs_version() FROM snapshot_state st));
END $$;
COMMENT ON FUNCTION lagging_snapshot_is_served() IS 'whether lagging_list_latest serves the stored lagging list to the current role: the snapshot is current, the list is of it and of the stored runs as they are, and the role sees every unit';

-- lagging_list() at latest_as_of(), in its order (position): the stored
-- rows while they are served (lagging_snapshot_is_served; a filter on
-- unit_id reaches lagging_list_snapshot's index), else computed live of
-- progress_latest's rows (the warning streaks and the tasks read as they
-- are).
CREATE OR REPLACE VIEW lagging_list_latest WITH (security_invoker = true) AS
	WITH g AS MATERIALIZED (SELECT scorecard.lagging_snapshot_is_served() AS served)
	SELECT l.as_of, l.kind, l.item_id, l.item_zh, l.unit_id, l.unit_zh, l.responsible_unit_id, l.responsible_unit_zh,
	       l.lead_person, l.status, l.behind, l.behind_unit, l.months, l.since, l.computed_at
	FROM (
		SELECT st.as_of, s.*, st.lagging_computed_at AS computed_at
		FROM scorecard.lagging_list_snapshot s CROSS JOIN scorecard.snapshot_state st
		WHERE (SELECT g.served FROM g)
		UNION ALL
		SELECT d.as_of, l.*, pg_catalog.now()
		FROM (SELECT scorecard.latest_as_of() AS as_of) d
		CROSS JOIN LATERAL scorecard.lagging_list_of(d.as_of, scorecard.progress_latest_rows()) WITH ORDINALITY l
		WHERE NOT (SELECT g.served FROM g)
	) l
	ORDER BY l.position;
COMMENT ON VIEW lagging_list_latest IS 'lagging_list(as_of), items behind schedule (进度滞后清单), at the last day of the latest month with readings, worst first (from the stored snapshot while it holds it, to a role that sees every unit)';
COMMENT ON COLUMN progress_city_latest.decimals IS 'published precision (decimals) the target is judged at';
COMMENT ON COLUMN progress_city_latest.actual_published IS 'the actual as published (rounded half away from zero to decimals); met, gap, attainment and status are of this figure';
COMMENT ON COLUMN lagging_list_latest.kind IS 'target or task';
COMMENT ON COLUMN lagging_list_latest.item_id IS 'indicator id or task id';
COMMENT ON COLUMN lagging_list_latest.item_zh IS 'indicator or task name';
COMMENT ON COLUMN lagging_list_latest.unit_id IS 'unit behind (the target''s unit, or the task''s responsible unit)';
COMMENT ON COLUMN lagging_list_latest.unit_zh IS 'its name';
COMMENT ON COLUMN lagging_list_latest.responsible_unit_id IS 'responsible unit(s), comma-separated: the department(s) with a target on the indicator, or the task''s';
COMMENT ON COLUMN lagging_list_latest.responsible_unit_zh IS 'their names';
COMMENT ON COLUMN lagging_list_latest.lead_person IS 'lead person (tasks)';
COMMENT ON COLUMN lagging_list_latest.status IS 'red or yellow';
COMMENT ON COLUMN lagging_list_latest.behind IS 'how far behind, in behind_unit';
COMMENT ON COLUMN lagging_list_latest.behind_unit IS 'pp, points of schedule, the measure unit, or days overdue';
COMMENT ON COLUMN lagging_list_latest.months IS 'months behind in a row (warning streak, or since the due date)';
COMMENT ON COLUMN lagging_list_latest.since IS 'first day of being behind';

-- Whether progress_arith_latest serves the stored arithmetic to the
-- current role: the snapshot is current and holds the arithmetic, and the
-- role sees every unit.  Unlike a unit's own figures and rank, which the
-- other views serve to its role as a run does, the arithmetic holds its
-- parent's figures (parent_published, gap_to_parent, contribution, pull),
-- which a role limited to some units may not read: such a role computes
-- it live, from what it sees, and a policy keeps the table from it
-- (enable_unit_security).
CREATE OR REPLACE FUNCTION arith_snapshot_is_served() RETURNS boolean
LANGUAGE plpgsql STABLE PARALLEL SAFE
SET search_path = pg_catalog, scorecard, pg_temp AS $$
BEGIN
	RETURN whole_plan_part_is_served((SELECT st.arith_computed_at IS NOT NULL FROM snapshot_state st));
END $$;
COMMENT ON FUNCTION arith_snapshot_is_served() IS 'whether progress_arith_latest serves the stored arithmetic to the current role: the snapshot is current, holds it, and the role sees every unit';

-- progress_arith() at latest_as_of(): the stored rows while they are
-- served (arith_snapshot_is_served, computed once for both branches),
-- else computed live.
CREATE OR REPLACE VIEW progress_arith_latest WITH (security_invoker = true) AS
	WITH g AS MATERIALIZED (SELECT scorecard.arith_snapshot_is_served() AS served)
	SELECT p.indicator_id, p.code, p.indicator_zh, p.measure_unit, p.nature, p.unit_id, p.unit_zh, p.unit_kind,
	       p.parent_id, p.year, p.as_of, p.data_month, p.target, p.actual, p.published, p.rank, p.rank_prior,
	       p.rank_change, p.peers, p.parent_published, p.gap_to_parent, p.growth, p.gap, p.contribution, p.pull,
	       p.month_growth, p.growth_change, p.two_year_growth, p.required_growth, p.hard_to_reach, p.projection,
	       p.projected_growth, p.projection_met, p.schedule, p.time_progress, p.schedule_gap, p.status,
	       p.growth_source, p.reported_minus_computed, p.growth_note, p.decimals,
	       figure_numeric(p.growth, i.growth_decimals) AS growth_num,
	       figure_numeric(p.gap, p.decimals) AS gap_num,
	       p.computed_at
	FROM (
		SELECT s.*, st.arith_computed_at AS computed_at FROM scorecard.progress_arith_snapshot s CROSS JOIN scorecard.snapshot_state st
		WHERE (SELECT g.served FROM g)
		UNION ALL
		SELECT l.*, pg_catalog.now()
		FROM (SELECT scorecard.latest_as_of() AS as_of) d CROSS JOIN LATERAL scorecard.progress_arith(d.as_of) l
		WHERE NOT (SELECT g.served FROM g)
	) p
	JOIN scorecard.indicator i ON i.indicator_id = p.indicator_id;
COMMENT ON VIEW progress_arith_latest IS 'progress_arith(as_of) at the last day of the latest month with readings (from the stored snapshot while it holds it, to a role that sees every unit)';
COMMENT ON COLUMN progress_arith_latest.indicator_id IS 'indicator';
COMMENT ON COLUMN progress_arith_latest.code IS 'indicator code';
COMMENT ON COLUMN progress_arith_latest.indicator_zh IS 'indicator name';
COMMENT ON COLUMN progress_arith_latest.measure_unit IS 'unit of measure of the indicator';
COMMENT ON COLUMN progress_arith_latest.nature IS 'flow, stock, rate or task';
COMMENT ON COLUMN progress_arith_latest.unit_id IS 'unit the target belongs to';
COMMENT ON COLUMN progress_arith_latest.unit_zh IS 'unit name';
COMMENT ON COLUMN progress_arith_latest.unit_kind IS 'kind of unit (unit_kind)';
COMMENT ON COLUMN progress_arith_latest.parent_id IS 'the unit''s parent (its total for contribution and pull)';
COMMENT ON COLUMN progress_arith_latest.year IS 'plan year';
COMMENT ON COLUMN progress_arith_latest.data_month IS 'latest month of the year with a reading';
COMMENT ON COLUMN progress_arith_latest.target IS 'the target, as text';
COMMENT ON COLUMN progress_arith_latest.actual IS 'what the target is judged on (growth, level, share or change)';
COMMENT ON COLUMN progress_arith_latest.published IS 'the actual as published: at the indicator''s precision (progress''s actual_published)';
COMMENT ON COLUMN progress_arith_latest.rank IS 'rank (位次) among the peers on the published figure; ties share a rank';
COMMENT ON COLUMN progress_arith_latest.rank_prior IS 'rank at the end of the previous month of the same year';
COMMENT ON COLUMN progress_arith_latest.rank_change IS 'places gained since the previous month (提升 n 位; negative: fell)';
COMMENT ON COLUMN progress_arith_latest.peers IS 'units ranked in the peer group';
COMMENT ON COLUMN progress_arith_latest.parent_published IS 'the parent''s published figure on the same indicator';
COMMENT ON COLUMN progress_arith_latest.gap_to_parent IS 'published minus the parent''s, in the target''s unit (比全市高/低)';
COMMENT ON COLUMN progress_arith_latest.growth IS 'year-to-date growth in % (reported if published, else computed)';
COMMENT ON COLUMN progress_arith_latest.gap IS 'signed gap to the target, positive means ahead';
COMMENT ON COLUMN progress_arith_latest.contribution IS 'contribution (贡献率) in % of the unit''s year-to-date change to its parent''s (additive flows)';
COMMENT ON COLUMN progress_arith_latest.pull IS 'pull (拉动) in points of the unit''s year-to-date change on its parent''s growth';
COMMENT ON COLUMN progress_arith_latest.month_growth IS 'the month''s own growth in % (当月增速)';
COMMENT ON COLUMN progress_arith_latest.two_year_growth IS 'average yearly growth in % over two years of the same months (两年平均增速)';
COMMENT ON COLUMN progress_arith_latest.growth_change IS 'points the year-to-date growth moved since the previous month (for 1月 or 1-2月: since the previous year''s whole-year growth)';
COMMENT ON COLUMN progress_arith_latest.required_growth IS 'growth in % the remaining months need to reach the target (倒排); for lower-is-better targets the most they may grow';
COMMENT ON COLUMN progress_arith_latest.hard_to_reach IS 'required growth beyond the bound (or a fall deeper than it for lower-is-better targets)';
COMMENT ON COLUMN progress_arith_latest.projection IS 'year-end value at the year-to-date pace';
COMMENT ON COLUMN progress_arith_latest.projected_growth IS 'growth in % of the projection over last year''s total';
COMMENT ON COLUMN progress_arith_latest.projection_met IS 'whether the projection meets the target';
COMMENT ON COLUMN progress_arith_latest.schedule IS 'time progress used: shares, seasonal or linear';
COMMENT ON COLUMN progress_arith_latest.time_progress IS 'share of the annual target due by the data month (the schedule''s, else m/12)';
COMMENT ON COLUMN progress_arith_latest.schedule_gap IS 'points of a level target of a flow ahead of its schedule';
COMMENT ON COLUMN progress_arith_latest.status IS 'green, yellow or red, against the schedule';
COMMENT ON COLUMN progress_arith_latest.decimals IS 'the precision the target is judged at (progress()''s decimals)';
COMMENT ON COLUMN progress_arith_latest.growth_source IS 'reported (the growth published with the reading) or computed (from the readings): growth_change and two_year_growth are of the same kind';
COMMENT ON COLUMN progress_arith_latest.reported_minus_computed IS 'a reported growth less the growth the readings give, in points';
COMMENT ON COLUMN progress_arith_latest.growth_note IS 'why a figure of a reported growth is missing, and a reported growth more than 2 points from the computed one';

-- Whether data_review_latest serves the stored data review to the current
-- role: the snapshot is current and holds the review, and the role sees
-- every unit (a finding compares a unit with its peers' median growth and
-- a parent with its children's sum, which a role limited to some units
-- may not read; such a role reviews live what it sees).
CREATE OR REPLACE FUNCTION review_snapshot_is_served() RETURNS boolean
LANGUAGE plpgsql STABLE PARALLEL SAFE
SET search_path = pg_catalog, scorecard, pg_temp AS $$
BEGIN
	RETURN whole_plan_part_is_served((SELECT st.review_computed_at IS NOT NULL FROM snapshot_state st));
END $$;
COMMENT ON FUNCTION review_snapshot_is_served() IS 'whether data_review_latest serves the stored data review to the current role: the snapshot is current, holds it, and the role sees every unit';

-- The review at the latest month with readings (latest_as_of()), for BI
-- tools and the people who check the data, in its order (position): the
-- stored rows while they are served (review_snapshot_is_served; a filter
-- on unit_id reaches data_review_snapshot's index), else reviewed live.
CREATE OR REPLACE VIEW data_review_latest WITH (security_invoker = true) AS
	WITH g AS MATERIALIZED (SELECT scorecard.review_snapshot_is_served() AS served)
	SELECT f.as_of, f.unit_id, f.unit_zh, f.indicator_id, f.indicator_zh, f.month, f.rule, f.severity, f.figure,
	       f.compared_with, f.detail, f.computed_at
	FROM (
		SELECT st.as_of, s.*, st.review_computed_at AS computed_at
		FROM scorecard.data_review_snapshot s CROSS JOIN scorecard.snapshot_state st
		WHERE (SELECT g.served FROM g)
		UNION ALL
		SELECT d.as_of, r.*, pg_catalog.now()
		FROM (SELECT scorecard.latest_as_of() AS as_of) d
		CROSS JOIN LATERAL scorecard.data_review(d.as_of) WITH ORDINALITY r
		WHERE NOT (SELECT g.served FROM g)
	) f
	ORDER BY f.position;
COMMENT ON VIEW data_review_latest IS 'data_review(as_of) at the last day of the latest month with readings: findings of the data review (统计数据审核) (from the stored snapshot while it holds it, to a role that sees every unit)';
COMMENT ON COLUMN data_review_latest.unit_id IS 'unit of the finding (scorecard.unit)';
COMMENT ON COLUMN data_review_latest.indicator_id IS 'indicator of the finding (scorecard.indicator)';
COMMENT ON COLUMN data_review_latest.month IS 'month of the finding (first day): the reading found, or the month without one';
COMMENT ON COLUMN data_review_latest.rule IS 'the rule: cumulative_falls, parent_vs_children, peer_outlier, month_jump, reported_vs_computed or missing_month';
COMMENT ON COLUMN data_review_latest.severity IS 'error (cumulative_falls), warning or info (missing_month)';
COMMENT ON COLUMN data_review_latest.figure IS 'the figure found: the value (cumulative_falls, parent_vs_children, month_jump), the growth in % (peer_outlier), the reported growth (reported_vs_computed); NULL for missing_month';
COMMENT ON COLUMN data_review_latest.compared_with IS 'what it was compared with: the previous reading, the children''s sum, the peers'' median growth, the computed growth, or the reading a year before (missing_month)';
COMMENT ON COLUMN data_review_latest.detail IS 'the finding in a sentence, with the rule''s threshold';
