-- Loading readings from CSV with nothing lost.
--
--   SELECT scorecard.begin_load();              -- this session's staging table
--   \copy reading_staging (indicator, unit, month, value, reported_growth, source)
--         FROM 'readings.csv' WITH (FORMAT csv, HEADER true)
--   SELECT * FROM scorecard.check_readings();   -- the bad rows, if any (loads nothing)
--   SELECT * FROM scorecard.load_readings();    -- all rows or none
--
-- The staging table is a temporary table of the session (pg_temp), so
-- loads from different sessions never see each other's rows, and rows a
-- failed load leaves behind stay in that session until begin_load() or the
-- session's end.  Every column is text, so COPY itself never rejects a row:
-- the checks below report each bad row with its line and reason.  Lines
-- are those of the file, the header being line 1 (header => false for a
-- file without one): a quoted field spanning several lines counts them.  A
-- row whose figure differs from the revision in force becomes a new
-- revision; a row equal to it is skipped, so loading the same file twice
-- changes nothing.

-- Create (or empty) this session's staging table pg_temp.reading_staging.
CREATE FUNCTION begin_load() RETURNS regclass LANGUAGE plpgsql VOLATILE
SET search_path = pg_catalog, scorecard, pg_temp AS $$
BEGIN
	IF pg_catalog.to_regclass('pg_temp.reading_staging') IS NULL THEN
		CREATE TEMP TABLE reading_staging (
			seq bigserial PRIMARY KEY,
			indicator text,
			unit text,
			month text,
			value text,
			reported_growth text,
			source text
		);
	ELSE
		TRUNCATE pg_temp.reading_staging RESTART IDENTITY;
	END IF;
	RETURN 'pg_temp.reading_staging'::pg_catalog.regclass;
END $$;
COMMENT ON FUNCTION begin_load() IS 'create or empty this session''s staging table pg_temp.reading_staging (all text: COPY the CSV file into it)';

-- This session's staging table, or 55000 with the recipe when there is none.
CREATE FUNCTION staging_table() RETURNS regclass LANGUAGE plpgsql STABLE
SET search_path = pg_catalog, scorecard, pg_temp AS $$
DECLARE
	t regclass := pg_catalog.to_regclass('pg_temp.reading_staging');
BEGIN
	IF t IS NULL THEN
		RAISE EXCEPTION 'no staging table in this session'
			USING ERRCODE = 'object_not_in_prerequisite_state',
			      HINT = 'SELECT scorecard.begin_load(); then COPY the file into reading_staging.';
	END IF;
	RETURN t;
END $$;
COMMENT ON FUNCTION staging_table() IS 'this session''s staging table; 55000 when begin_load() has not made one';

-- text -> float8 or NULL when it is not a finite number.
CREATE FUNCTION staging_float(s text) RETURNS float8 LANGUAGE plpgsql IMMUTABLE PARALLEL SAFE
SET search_path = pg_catalog, pg_temp AS $$
DECLARE v float8;
BEGIN
	IF s IS NULL OR pg_catalog.btrim(s) = '' THEN RETURN NULL; END IF;
	v := pg_catalog.btrim(s)::pg_catalog.float8;
	IF v = 'NaN'::float8 OR pg_catalog.abs(v) = 'Infinity'::float8 THEN RETURN NULL; END IF;
	RETURN v;
EXCEPTION WHEN others THEN
	RETURN NULL;
END $$;
COMMENT ON FUNCTION staging_float(text) IS 'a staged text as a finite float8, or NULL';

-- text -> first day of a month or NULL: accepts 2024-03, 2024-03-01, 2024/03.
CREATE FUNCTION staging_month(s text) RETURNS date LANGUAGE plpgsql IMMUTABLE PARALLEL SAFE
SET search_path = pg_catalog, pg_temp AS $$
DECLARE
	t text := pg_catalog.replace(pg_catalog.btrim(s), '/', '-');
BEGIN
	IF t IS NULL OR t !~ '^\d{4}-\d{1,2}(-\d{1,2})?$' THEN RETURN NULL; END IF;
	IF t ~ '^\d{4}-\d{1,2}$' THEN
		RETURN pg_catalog.make_date(pg_catalog.split_part(t, '-', 1)::int, pg_catalog.split_part(t, '-', 2)::int, 1);
	END IF;
	RETURN t::pg_catalog.date;
EXCEPTION WHEN others THEN
	RETURN NULL;
END $$;
COMMENT ON FUNCTION staging_month(text) IS 'a staged month (2024-03, 2024-03-01, 2024/03) as a date, or NULL';

-- The staged rows in file order with their file line, the indicator and
-- unit they name, and the parsed month, value and growth.  An indicator is
-- named by its code or, failing that, by its id (a code equal to another
-- indicator's id means the indicator with that code).  A row's line is the
-- line after the previous row's last line: 1 + the newlines inside the
-- previous rows' fields, after the header's line.
CREATE FUNCTION staged_readings(header boolean DEFAULT true)
RETURNS TABLE (line bigint, indicator text, unit text, month text, value text, reported_growth text,
	source text, indicator_id int, unit_id text, m date, v float8, g float8)
LANGUAGE plpgsql STABLE
SET search_path = pg_catalog, scorecard, pg_temp AS $$
BEGIN
	PERFORM staging_table();
	RETURN QUERY
	WITH st AS (
		SELECT s.*, pg_catalog.concat(s.indicator, s.unit, s.month, s.value, s.reported_growth, s.source) AS raw
		FROM pg_temp.reading_staging s
	), n AS (
		SELECT st.*, 1 + pg_catalog.length(st.raw) - pg_catalog.length(pg_catalog.replace(st.raw, E'\n', '')) AS lines
		FROM st
	)
	SELECT (CASE WHEN header THEN 2 ELSE 1 END
	        + coalesce(pg_catalog.sum(n.lines) OVER (ORDER BY n.seq ROWS BETWEEN UNBOUNDED PRECEDING AND 1 PRECEDING), 0))::bigint,
	       n.indicator, n.unit, n.month, n.value, n.reported_growth, n.source,
	       coalesce(ic.indicator_id, ii.indicator_id), u.unit_id,
	       -- the common forms parsed here (a plain decimal of up to 300
	       -- characters is well inside the float8 range); the rest, and every
	       -- bad value, by the staging_* functions, whose subtransactions and
	       -- pinned search_path cost per call
	       CASE WHEN f.mt !~ '^\d{4}-\d{1,2}$' THEN staging_month(n.month)
	            WHEN pg_catalog.split_part(f.mt, '-', 1)::int >= 1
	                 AND pg_catalog.split_part(f.mt, '-', 2)::int BETWEEN 1 AND 12
	            THEN pg_catalog.make_date(pg_catalog.split_part(f.mt, '-', 1)::int, pg_catalog.split_part(f.mt, '-', 2)::int, 1)
	       END,
	       CASE WHEN coalesce(f.vt, '') = '' THEN NULL
	            WHEN pg_catalog.length(f.vt) <= 300 AND f.vt ~ '^[+-]?(\d+(\.\d*)?|\.\d+)$' THEN f.vt::pg_catalog.float8
	            ELSE staging_float(n.value) END,
	       CASE WHEN coalesce(f.gt, '') = '' THEN NULL
	            WHEN pg_catalog.length(f.gt) <= 300 AND f.gt ~ '^[+-]?(\d+(\.\d*)?|\.\d+)$' THEN f.gt::pg_catalog.float8
	            ELSE staging_float(n.reported_growth) END
	FROM n
	CROSS JOIN LATERAL (SELECT pg_catalog.replace(pg_catalog.btrim(n.month), '/', '-') AS mt,
	                           pg_catalog.btrim(n.value) AS vt, pg_catalog.btrim(n.reported_growth) AS gt) f
	LEFT JOIN indicator ic ON ic.code = pg_catalog.btrim(n.indicator)
	LEFT JOIN indicator ii ON ii.indicator_id::text = pg_catalog.btrim(n.indicator)
	LEFT JOIN unit u ON u.unit_id = pg_catalog.btrim(n.unit)
	ORDER BY n.seq;
END $$;
COMMENT ON FUNCTION staged_readings(boolean) IS 'the staged rows with file line, indicator (by code, else id), unit and parsed values';

-- The bad rows of the staging table: line (as in the file), the text of the
-- row and every reason it cannot load.  Empty when all rows are good.
CREATE FUNCTION check_readings(header boolean DEFAULT true)
RETURNS TABLE (line bigint, indicator text, unit text, month text, value text, reason text)
LANGUAGE sql STABLE
SET search_path = pg_catalog, scorecard, pg_temp AS $$
	WITH d AS (
		SELECT k.*, pg_catalog.min(k.line) OVER (PARTITION BY k.indicator_id, k.unit_id, k.m) AS first_line
		FROM staged_readings(header) k
	), r AS (
		SELECT d.line, d.indicator, d.unit, d.month, d.value, x.reason, x.ord
		FROM d, LATERAL (VALUES
			(1, CASE WHEN d.indicator IS NULL OR pg_catalog.btrim(d.indicator) = '' THEN 'indicator is missing'
			         WHEN d.indicator_id IS NULL THEN pg_catalog.format('unknown indicator "%s"', d.indicator) END),
			(2, CASE WHEN d.unit IS NULL OR pg_catalog.btrim(d.unit) = '' THEN 'unit is missing'
			         WHEN d.unit_id IS NULL THEN pg_catalog.format('unknown unit "%s"', d.unit)
			         WHEN pg_catalog.row_security_active('scorecard.reading'::pg_catalog.regclass)
			              AND d.unit_id NOT IN (SELECT visible_units())
			              THEN pg_catalog.format('unit "%s" is not one you may load (row-level security)', d.unit_id) END),
			(3, CASE WHEN d.month IS NULL OR pg_catalog.btrim(d.month) = '' THEN 'month is missing'
			         WHEN d.m IS NULL THEN pg_catalog.format('month "%s" is not a date (expected YYYY-MM or YYYY-MM-01)', d.month)
			         WHEN d.m <> pg_catalog.date_trunc('month', d.m::timestamp)::date
			              THEN pg_catalog.format('month "%s" is not the first day of a month', d.month)
			         WHEN d.m NOT BETWEEN '2000-01-01'::date AND '2100-12-01'::date
			              THEN pg_catalog.format('month "%s" is out of range', d.month) END),
			(4, CASE WHEN d.value IS NULL OR pg_catalog.btrim(d.value) = '' THEN 'value is missing'
			         WHEN d.v IS NULL THEN pg_catalog.format('value "%s" is not a finite number', d.value) END),
			(5, CASE WHEN d.reported_growth IS NOT NULL AND pg_catalog.btrim(d.reported_growth) <> ''
			              AND d.g IS NULL
			         THEN pg_catalog.format('reported growth "%s" is not a finite number', d.reported_growth) END),
			(6, CASE WHEN d.indicator_id IS NOT NULL AND d.unit_id IS NOT NULL AND d.m IS NOT NULL
			              AND d.line <> d.first_line
			         THEN pg_catalog.format('same indicator, unit and month as line %s', d.first_line) END)
		) AS x(ord, reason)
		WHERE x.reason IS NOT NULL
	)
	SELECT r.line, r.indicator, r.unit, r.month, r.value, pg_catalog.string_agg(r.reason, '; ' ORDER BY r.ord)
	FROM r GROUP BY r.line, r.indicator, r.unit, r.month, r.value
	ORDER BY r.line
$$;
COMMENT ON FUNCTION check_readings(boolean) IS 'bad rows of this session''s reading_staging with file line and reason; empty if all can load';

-- The plan lock.  Loads and runs take turns on one lock: an EXCLUSIVE lock
-- on the table scorecard_lock.plan_lock, held to the end of the
-- transaction.  It lives in a schema of its own that no role but its owner
-- may use, because any role with USAGE on a schema can lock that schema's
-- tables without any privilege on them (PREPARE p AS DELETE FROM t takes
-- ROW EXCLUSIVE on t when parsed; privileges are checked only when it is
-- executed) and so hold off whoever needs a conflicting lock there.  No
-- other role can name this table, and the functions that reach a table by
-- its oid take at most ACCESS SHARE, which EXCLUSIVE does not wait for.  So
-- loads and runs never need a lock on a table of schema scorecard that
-- conflicts with ROW EXCLUSIVE; only take_plan_lock() takes this one.
-- Created once (a DO block: update scripts run the install parts again);
-- CREATE SCHEMA fails if another role made a schema of that name first.
DO $$
BEGIN
	IF NOT EXISTS (
		SELECT 1 FROM pg_catalog.pg_namespace n
		JOIN pg_catalog.pg_depend d ON d.classid OPERATOR(pg_catalog.=) 'pg_catalog.pg_namespace'::pg_catalog.regclass
			AND d.objid OPERATOR(pg_catalog.=) n.oid AND d.deptype OPERATOR(pg_catalog.=) 'e'
		JOIN pg_catalog.pg_extension e ON e.oid OPERATOR(pg_catalog.=) d.refobjid
			AND e.extname OPERATOR(pg_catalog.=) 'scorecard_plan'
		WHERE n.nspname OPERATOR(pg_catalog.=) 'scorecard_lock')
	THEN
		CREATE SCHEMA scorecard_lock;
		CREATE TABLE scorecard_lock.plan_lock ();
	END IF;
END $$;
REVOKE ALL ON SCHEMA scorecard_lock FROM PUBLIC;
REVOKE ALL ON TABLE scorecard_lock.plan_lock FROM PUBLIC;
COMMENT ON SCHEMA scorecard_lock IS 'the plan lock of scorecard_plan; no role but its owner may use it';
COMMENT ON TABLE scorecard_lock.plan_lock IS 'loads and runs take turns on an EXCLUSIVE lock on this table (scorecard.take_plan_lock)';

-- Take the plan lock for a load (kind 'load') or a run ('run'), to the end
-- of the transaction.  It decides by privilege, never by the locks a
-- session holds: a load needs INSERT on scorecard.reading (on some of its
-- columns at least), a run INSERT on scorecard.assessment_run, held by the
-- role the session acts as: the role of SET ROLE, else the session user.
-- (current_user is this function's owner here, SECURITY DEFINER being how
-- it reaches the lock; the caller's current_user is not known to it.  A
-- role acting through another's SECURITY DEFINER function is judged as the
-- session's role.)  A load waits as long as lock_timeout allows; a run as
-- long as scorecard.run_lock_timeout does (a duration as for lock_timeout;
-- unset: 10min; 0: no limit).  Both then fail with 55P03, nothing done.
CREATE FUNCTION take_plan_lock(kind text) RETURNS void LANGUAGE plpgsql VOLATILE SECURITY DEFINER
SET search_path = pg_catalog, pg_temp AS $$
DECLARE
	acting name := CASE WHEN pg_catalog.current_setting('role') OPERATOR(pg_catalog.=) 'none' THEN session_user
		ELSE pg_catalog.current_setting('role')::name END;
	what text := CASE kind WHEN 'load' THEN 'load_readings' WHEN 'run' THEN 'run_assessment' END;
	wait text := CASE kind WHEN 'run' THEN coalesce(nullif(pg_catalog.btrim(
		pg_catalog.current_setting('scorecard.run_lock_timeout', true)), ''), '10min')
		ELSE pg_catalog.current_setting('lock_timeout') END;
	old_wait text := pg_catalog.current_setting('lock_timeout');
BEGIN
	IF what IS NULL THEN
		RAISE EXCEPTION 'take_plan_lock: kind must be ''load'' or ''run'', not %', coalesce(pg_catalog.quote_literal(kind), 'NULL')
			USING ERRCODE = 'invalid_parameter_value';
	END IF;
	IF NOT (CASE kind WHEN 'load' THEN pg_catalog.has_any_column_privilege(acting, 'scorecard.reading', 'INSERT')
	                  ELSE pg_catalog.has_table_privilege(acting, 'scorecard.assessment_run', 'INSERT') END) THEN
		RAISE EXCEPTION '%: role % may not %', what, acting,
			CASE kind WHEN 'load' THEN 'load readings' ELSE 'run assessments' END
			USING ERRCODE = 'insufficient_privilege',
			      DETAIL = CASE kind WHEN 'load' THEN 'Loading needs INSERT on scorecard.reading.'
			               ELSE 'A run needs INSERT on scorecard.assessment_run (and the other privileges of the README''s recipe).' END;
	END IF;
	BEGIN
		PERFORM pg_catalog.set_config('lock_timeout', wait, true);
	EXCEPTION WHEN invalid_parameter_value THEN
		RAISE EXCEPTION 'run_assessment: scorecard.run_lock_timeout "%" is not a duration', wait
			USING ERRCODE = 'invalid_parameter_value',
			      HINT = 'Set it as lock_timeout is set: SET scorecard.run_lock_timeout = ''30s'' (0: no limit).';
	END;
	BEGIN
		LOCK TABLE scorecard_lock.plan_lock IN EXCLUSIVE MODE;
	EXCEPTION WHEN lock_not_available THEN
		RAISE EXCEPTION '%: another run or load is in progress', what
			USING ERRCODE = 'lock_not_available',
			      DETAIL = pg_catalog.format('It waited %s (%s) for the plan lock, which runs and loads take in turn; nothing was done.',
			               wait, CASE kind WHEN 'run' THEN 'scorecard.run_lock_timeout' ELSE 'lock_timeout' END),
			      HINT = CASE kind WHEN 'run' THEN 'Try again when it has finished, or wait longer: SET scorecard.run_lock_timeout = ''30min'' (0: no limit).'
			             ELSE 'Try again when it has finished, or wait longer (lock_timeout, 0: no limit).' END;
	END;
	PERFORM pg_catalog.set_config('lock_timeout', old_wait, true);
END $$;
COMMENT ON FUNCTION take_plan_lock(text) IS 'take the plan lock (loads and runs in turn) for a load or a run, for a role that may do it; a run waits up to scorecard.run_lock_timeout (default 10min)';

-- Load this session's staging table into reading: all rows or none.
-- Raises 22P02 with every bad row in the detail (and loads nothing) if any
-- row is bad; else inserts new readings (revision 1) and corrections (next
-- revision), skips rows equal to the revision in force, empties the staging
-- table and returns the counts.  Loads are serialised by the plan lock
-- (take_plan_lock), taken before the rows in force are read, so
-- under READ COMMITTED the comparison sees every load committed before;
-- under REPEATABLE READ or SERIALIZABLE the transaction's snapshot is older
-- than the lock, so the load refuses (0A000) rather than compare a
-- correction with stale rows.
CREATE FUNCTION load_readings(header boolean DEFAULT true, recorded_at timestamptz DEFAULT pg_catalog.now(),
		OUT inserted bigint, OUT revised bigint, OUT unchanged bigint)
LANGUAGE plpgsql VOLATILE
SET search_path = pg_catalog, scorecard, pg_temp AS $$
DECLARE
	bad text;
	nbad bigint;
BEGIN
	IF pg_catalog.current_setting('transaction_isolation') <> 'read committed' THEN
		RAISE EXCEPTION 'load_readings runs under READ COMMITTED only, not %',
			pg_catalog.upper(pg_catalog.current_setting('transaction_isolation'))
			USING ERRCODE = 'feature_not_supported',
			      DETAIL = 'This transaction''s snapshot predates the load''s lock: a correction would be compared with readings as they were, not as they are.',
			      HINT = 'Load in a READ COMMITTED transaction (the default); nothing was loaded.';
	END IF;
	SELECT pg_catalog.count(*), pg_catalog.string_agg(pg_catalog.format('line %s: %s', c.line, c.reason), E'\n' ORDER BY c.line)
	INTO nbad, bad
	FROM check_readings(header) c;
	IF nbad > 0 THEN
		RAISE EXCEPTION '% bad row(s) in reading_staging, nothing loaded', nbad
			USING ERRCODE = 'invalid_text_representation', DETAIL = bad,
			      HINT = 'Fix the rows (SELECT * FROM scorecard.check_readings() lists them) and load again.';
	END IF;

	-- Serialise loads (and exclude runs) so revisions stay consecutive: the
	-- plan lock, the only lock loads wait for (the INSERT's ROW EXCLUSIVE
	-- on reading conflicts with no other load's or run's), so loads queue
	-- and never deadlock, even in a transaction that has inserted already.
	-- The statement below takes its snapshot after it.
	PERFORM take_plan_lock('load');
	WITH s AS (
		SELECT k.indicator_id, k.unit_id, k.m AS month, k.v AS value, k.g AS reported_growth,
		       nullif(pg_catalog.btrim(k.source), '') AS source
		FROM staged_readings(header) k
	), cur AS (
		SELECT DISTINCT ON (r.indicator_id, r.unit_id, r.month)
		       r.indicator_id, r.unit_id, r.month, r.value, r.reported_growth, r.revision
		FROM reading r
		JOIN (SELECT DISTINCT s.indicator_id, s.unit_id, s.month FROM s) k USING (indicator_id, unit_id, month)
		ORDER BY r.indicator_id, r.unit_id, r.month, r.revision DESC
	), j AS (
		SELECT s.*, cur.revision AS cur_revision,
		       cur.revision IS NOT NULL AND cur.value = s.value
		       AND cur.reported_growth IS NOT DISTINCT FROM s.reported_growth AS same
		FROM s LEFT JOIN cur USING (indicator_id, unit_id, month)
	), ins AS (
		INSERT INTO reading (indicator_id, unit_id, month, value, reported_growth, revision, recorded_at, source)
		SELECT j.indicator_id, j.unit_id, j.month, j.value, j.reported_growth,
		       coalesce(j.cur_revision, 0) + 1, load_readings.recorded_at, j.source
		FROM j WHERE NOT j.same
		RETURNING revision
	)
	SELECT pg_catalog.count(*) FILTER (WHERE revision = 1), pg_catalog.count(*) FILTER (WHERE revision > 1),
	       (SELECT pg_catalog.count(*) FROM j WHERE j.same)
	INTO inserted, revised, unchanged
	FROM ins;
	DELETE FROM pg_temp.reading_staging;
END $$;
COMMENT ON FUNCTION load_readings(boolean, timestamptz) IS 'load this session''s reading_staging into reading, all rows or none; corrections become new revisions; READ COMMITTED only';

-- The readings in force: the latest revision of each indicator x unit x
-- month recorded at or before recorded_as_of (NULL: the latest of all),
-- optionally only the months from_month..through_month.  Linear: a reading
-- is in force unless a later revision exists, looked up among the few
-- corrected readings (index reading_revised) instead of sorting them all.
-- PL/pgSQL, not SQL: PostgreSQL would inline a SQL function into the
-- calling query after Citus has decided that the query reads no
-- distributed table, and Citus then refuses it ("parameterized queries for
-- SQL functions referencing distributed tables are not supported"); a SQL
-- function that is not inlined cannot be planned on Citus either ("could
-- not create distributed plan").  PL/pgSQL plans its query with the
-- arguments' values.  indicator_state, where the caller's plan matters,
-- writes the same rule out in its own query (keep the two alike).
CREATE FUNCTION readings(recorded_as_of timestamptz DEFAULT NULL, from_month date DEFAULT NULL,
		through_month date DEFAULT NULL)
RETURNS SETOF reading LANGUAGE plpgsql STABLE PARALLEL SAFE ROWS 100000
SET search_path = pg_catalog, scorecard, pg_temp AS $$
BEGIN
	RETURN QUERY
	SELECT r.* FROM reading r
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
COMMENT ON FUNCTION readings(timestamptz, date, date) IS 'latest revision of each reading, as recorded at recorded_as_of (NULL: now), optionally of the months from_month..through_month';

CREATE VIEW reading_current WITH (security_invoker = true) AS
	SELECT indicator_id, unit_id, month, value, reported_growth, revision, recorded_at, source
	FROM scorecard.readings(NULL::timestamptz);
COMMENT ON VIEW reading_current IS 'latest revision of each reading';

