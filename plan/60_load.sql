-- Loading readings from CSV with nothing lost.
--
--   \copy scorecard.reading_staging (indicator, unit, month, value, reported_growth, source)
--         FROM 'readings.csv' WITH (FORMAT csv, HEADER true)
--   SELECT * FROM scorecard.check_readings();   -- the bad rows, if any (loads nothing)
--   SELECT * FROM scorecard.load_readings();    -- all rows or none
--
-- Every column of the staging table is text, so COPY itself never rejects a
-- row: the checks below report each bad row with its line and reason.  Lines
-- are counted as in the file, the header being line 1 (pass header => false
-- for a file without one).  A row whose figure differs from the latest
-- revision already loaded becomes a new revision; a row equal to it is
-- skipped, so loading the same file twice changes nothing.

CREATE TABLE reading_staging (
	seq bigserial PRIMARY KEY,
	indicator text,
	unit text,
	month text,
	value text,
	reported_growth text,
	source text
);
COMMENT ON TABLE reading_staging IS 'COPY readings here (all text), then call load_readings()';

-- text -> float8 or NULL when it is not a finite number.
CREATE FUNCTION staging_float(s text) RETURNS float8 LANGUAGE plpgsql IMMUTABLE PARALLEL SAFE AS $$
DECLARE v float8;
BEGIN
	IF s IS NULL OR btrim(s) = '' THEN RETURN NULL; END IF;
	v := btrim(s)::float8;
	IF v = 'NaN' OR abs(v) = 'Infinity' THEN RETURN NULL; END IF;
	RETURN v;
EXCEPTION WHEN others THEN
	RETURN NULL;
END $$;

-- text -> first day of a month or NULL: accepts 2024-03, 2024-03-01, 2024/03.
CREATE FUNCTION staging_month(s text) RETURNS date LANGUAGE plpgsql IMMUTABLE PARALLEL SAFE AS $$
DECLARE d date;
BEGIN
	IF s IS NULL OR btrim(s) !~ '^\d{4}[-/]\d{1,2}([-/]\d{1,2})?$' THEN RETURN NULL; END IF;
	IF btrim(s) ~ '^\d{4}[-/]\d{1,2}$' THEN
		d := to_date(btrim(s), 'YYYY-MM');
		IF to_char(d, 'FMMM') <> ltrim(split_part(replace(btrim(s), '/', '-'), '-', 2), '0') THEN
			RETURN NULL;
		END IF;
		RETURN d;
	END IF;
	d := replace(btrim(s), '/', '-')::date;
	RETURN d;
EXCEPTION WHEN others THEN
	RETURN NULL;
END $$;

-- The bad rows of the staging table: line (as in the file), the text of the
-- row and every reason it cannot load.  Empty when all rows are good.
CREATE FUNCTION check_readings(header boolean DEFAULT true)
RETURNS TABLE (line bigint, indicator text, unit text, month text, value text, reason text)
LANGUAGE sql STABLE PARALLEL SAFE
SET search_path = pg_catalog, scorecard, pg_temp AS $$
	WITH s AS (
		SELECT row_number() OVER (ORDER BY seq) + CASE WHEN header THEN 1 ELSE 0 END AS line,
		       st.*, staging_month(st.month) AS m, staging_float(st.value) AS v
		FROM reading_staging st
	), k AS (
		SELECT s.*,
		       (SELECT i.indicator_id FROM indicator i
		        WHERE i.code = btrim(s.indicator) OR i.indicator_id::text = btrim(s.indicator)) AS ind,
		       (SELECT u.unit_id FROM unit u WHERE u.unit_id = btrim(s.unit)) AS uid
		FROM s
	), d AS (
		SELECT k.*, min(k.line) OVER (PARTITION BY k.ind, k.uid, k.m) AS first_line
		FROM k
	), r AS (
		SELECT d.line, d.indicator, d.unit, d.month, d.value, x.reason, x.ord
		FROM d, LATERAL (VALUES
			(1, CASE WHEN d.indicator IS NULL OR btrim(d.indicator) = '' THEN 'indicator is missing'
			         WHEN d.ind IS NULL THEN format('unknown indicator "%s"', d.indicator) END),
			(2, CASE WHEN d.unit IS NULL OR btrim(d.unit) = '' THEN 'unit is missing'
			         WHEN d.uid IS NULL THEN format('unknown unit "%s"', d.unit) END),
			(3, CASE WHEN d.month IS NULL OR btrim(d.month) = '' THEN 'month is missing'
			         WHEN d.m IS NULL THEN format('month "%s" is not a date (expected YYYY-MM or YYYY-MM-01)', d.month)
			         WHEN d.m <> date_trunc('month', d.m)::date THEN format('month "%s" is not the first day of a month', d.month)
			         WHEN d.m NOT BETWEEN '2000-01-01' AND '2100-12-01' THEN format('month "%s" is out of range', d.month) END),
			(4, CASE WHEN d.value IS NULL OR btrim(d.value) = '' THEN 'value is missing'
			         WHEN d.v IS NULL THEN format('value "%s" is not a finite number', d.value) END),
			(5, CASE WHEN d.reported_growth IS NOT NULL AND btrim(d.reported_growth) <> ''
			              AND staging_float(d.reported_growth) IS NULL
			         THEN format('reported growth "%s" is not a finite number', d.reported_growth) END),
			(6, CASE WHEN d.ind IS NOT NULL AND d.uid IS NOT NULL AND d.m IS NOT NULL AND d.line <> d.first_line
			         THEN format('same indicator, unit and month as line %s', d.first_line) END)
		) AS x(ord, reason)
		WHERE x.reason IS NOT NULL
	)
	SELECT r.line, r.indicator, r.unit, r.month, r.value, string_agg(r.reason, '; ' ORDER BY r.ord)
	FROM r GROUP BY r.line, r.indicator, r.unit, r.month, r.value
	ORDER BY r.line
$$;
COMMENT ON FUNCTION check_readings(boolean) IS 'bad rows of reading_staging with line and reason; empty if all can load';

-- Load the staging table into reading: all rows or none.  Raises 22P02 with
-- every bad row in the detail (and loads nothing) if any row is bad; else
-- inserts new readings (revision 1) and corrections (next revision), skips
-- rows equal to the latest revision, empties the staging table and returns
-- the counts.
CREATE FUNCTION load_readings(header boolean DEFAULT true, recorded_at timestamptz DEFAULT now(),
		OUT inserted bigint, OUT revised bigint, OUT unchanged bigint)
LANGUAGE plpgsql VOLATILE
SET search_path = pg_catalog, scorecard, pg_temp AS $$
DECLARE
	bad text;
	nbad bigint;
BEGIN
	LOCK TABLE reading_staging IN EXCLUSIVE MODE;
	SELECT count(*), string_agg(format('line %s: %s', c.line, c.reason), E'\n' ORDER BY c.line)
	INTO nbad, bad
	FROM check_readings(header) c;
	IF nbad > 0 THEN
		RAISE EXCEPTION '% bad row(s) in reading_staging, nothing loaded', nbad
			USING ERRCODE = 'invalid_text_representation', DETAIL = bad,
			      HINT = 'Fix the rows (SELECT * FROM scorecard.check_readings() lists them) and load again.';
	END IF;

	-- Serialise loads of the same readings so revisions stay consecutive.
	LOCK TABLE reading IN SHARE ROW EXCLUSIVE MODE;
	WITH s AS (
		SELECT i.indicator_id, btrim(st.unit) AS unit_id, staging_month(st.month) AS month,
		       staging_float(st.value) AS value, staging_float(st.reported_growth) AS reported_growth,
		       nullif(btrim(st.source), '') AS source
		FROM reading_staging st
		JOIN indicator i ON i.code = btrim(st.indicator) OR i.indicator_id::text = btrim(st.indicator)
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
	SELECT count(*) FILTER (WHERE revision = 1), count(*) FILTER (WHERE revision > 1),
	       (SELECT count(*) FROM j WHERE j.same)
	INTO inserted, revised, unchanged
	FROM ins;
	DELETE FROM reading_staging;
END $$;
COMMENT ON FUNCTION load_readings(boolean, timestamptz) IS 'load reading_staging into reading, all rows or none; corrections become new revisions';

-- The readings in force: the latest revision of each indicator x unit x
-- month recorded at or before recorded_as_of (NULL: the latest of all).
-- PL/pgSQL, not SQL: with reading distributed by Citus, a query with a
-- parameter inside a SQL function cannot be planned ("could not create
-- distributed plan"), while PL/pgSQL passes its parameters' values.
CREATE FUNCTION readings(recorded_as_of timestamptz DEFAULT NULL)
RETURNS SETOF reading LANGUAGE plpgsql STABLE PARALLEL SAFE
SET search_path = pg_catalog, scorecard, pg_temp AS $$
BEGIN
	RETURN QUERY
	SELECT DISTINCT ON (r.indicator_id, r.unit_id, r.month) r.*
	FROM reading r
	WHERE recorded_as_of IS NULL OR r.recorded_at <= recorded_as_of
	ORDER BY r.indicator_id, r.unit_id, r.month, r.revision DESC;
END $$;
COMMENT ON FUNCTION readings(timestamptz) IS 'latest revision of each reading, as recorded at recorded_as_of (NULL: now)';

CREATE VIEW reading_current AS
	SELECT indicator_id, unit_id, month, value, reported_growth, revision, recorded_at, source
	FROM readings(NULL);
COMMENT ON VIEW reading_current IS 'latest revision of each reading';

