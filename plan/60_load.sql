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

-- Create (or empty) this session's staging table pg_temp.reading_staging,
-- with what check_readings keeps for load_readings: the table of checked
-- rows pg_temp.reading_checked and the trigger reading_staging_changed,
-- which forgets them whenever a statement changes the staged rows
-- (staged_rows_checked says why).
CREATE OR REPLACE FUNCTION begin_load() RETURNS regclass LANGUAGE plpgsql VOLATILE
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
	IF NOT staging_trigger_in_place() THEN
		-- (a staging table made before 0.3.0 has none; one changed since
		-- is made again)
		IF EXISTS (SELECT 1 FROM pg_catalog.pg_trigger t
		           WHERE t.tgrelid = 'pg_temp.reading_staging'::pg_catalog.regclass
		             AND t.tgname = 'reading_staging_changed') THEN
			DROP TRIGGER reading_staging_changed ON pg_temp.reading_staging;
		END IF;
		CREATE TRIGGER reading_staging_changed
			AFTER INSERT OR UPDATE OR DELETE OR TRUNCATE ON pg_temp.reading_staging
			FOR EACH STATEMENT EXECUTE FUNCTION scorecard.staging_changed();
		-- fired whatever session_replication_role says
		ALTER TABLE pg_temp.reading_staging ENABLE ALWAYS TRIGGER reading_staging_changed;
	END IF;
	PERFORM checked_rows_table();
	TRUNCATE pg_temp.reading_checked;
	PERFORM pg_catalog.set_config('scorecard.staging_checked', '', false);
	RETURN 'pg_temp.reading_staging'::pg_catalog.regclass;
END $$;
COMMENT ON FUNCTION begin_load() IS 'create or empty this session''s staging table pg_temp.reading_staging (all text: COPY the CSV file into it)';

-- For the trigger reading_staging_changed: the staged rows changed, so
-- the rows check_readings checked are no longer theirs.
CREATE OR REPLACE FUNCTION staging_changed() RETURNS trigger LANGUAGE plpgsql VOLATILE
SET search_path = pg_catalog, pg_temp AS $$
BEGIN
	PERFORM pg_catalog.set_config('scorecard.staging_checked', '', false);
	RETURN NULL;
END $$;
COMMENT ON FUNCTION staging_changed() IS 'trigger of pg_temp.reading_staging: forget the rows check_readings checked (every statement that changes the staged rows)';

-- Whether this session's staging table has the trigger reading_staging_changed
-- as begin_load makes it: after every INSERT, UPDATE (of any column),
-- DELETE and TRUNCATE statement, without a WHEN condition, enabled always;
-- and no parent or child table (a partition's or a child's rows can be
-- written without it).
CREATE OR REPLACE FUNCTION staging_trigger_in_place() RETURNS boolean LANGUAGE sql STABLE
SET search_path = pg_catalog, pg_temp AS $$
	SELECT EXISTS (
		SELECT 1 FROM pg_catalog.pg_trigger t
		WHERE t.tgrelid OPERATOR(pg_catalog.=) pg_catalog.to_regclass('pg_temp.reading_staging')
		  AND t.tgname OPERATOR(pg_catalog.=) 'reading_staging_changed'
		  AND t.tgfoid OPERATOR(pg_catalog.=) 'scorecard.staging_changed()'::pg_catalog.regprocedure
		  -- statement-level, AFTER, INSERT | DELETE | UPDATE | TRUNCATE
		  AND t.tgtype OPERATOR(pg_catalog.=) (4 OPERATOR(pg_catalog.+) 8 OPERATOR(pg_catalog.+) 16
		                                     OPERATOR(pg_catalog.+) 32)::pg_catalog.int2
		  AND t.tgenabled OPERATOR(pg_catalog.=) 'A'
		  AND t.tgqual IS NULL
		  AND pg_catalog.cardinality(t.tgattr::pg_catalog.int2[]) OPERATOR(pg_catalog.=) 0)
	   -- rows written through a parent or into a child table fire no
	   -- trigger of this table's
	   AND NOT EXISTS (SELECT 1 FROM pg_catalog.pg_inherits i
	                   WHERE pg_catalog.to_regclass('pg_temp.reading_staging')::pg_catalog.oid
	                         OPERATOR(pg_catalog.=) ANY (ARRAY[i.inhrelid, i.inhparent]))
$$;
COMMENT ON FUNCTION staging_trigger_in_place() IS 'whether pg_temp.reading_staging has the trigger begin_load gives it (reading_staging_changed, on every change, enabled always) and no parent or child table';

-- This session's table of checked rows, pg_temp.reading_checked (made
-- here when missing): staged_check's rows of the staged rows as last
-- checked.
CREATE OR REPLACE FUNCTION checked_rows_table() RETURNS regclass LANGUAGE plpgsql VOLATILE
SET search_path = pg_catalog, scorecard, pg_temp AS $$
BEGIN
	IF pg_catalog.to_regclass('pg_temp.reading_checked') IS NULL THEN
		CREATE TEMP TABLE reading_checked (
			line bigint, indicator text, unit text, month text, value text, reason text,
			indicator_id int, unit_id text, m date, v float8, g float8, source text);
	END IF;
	RETURN 'pg_temp.reading_checked'::pg_catalog.regclass;
END $$;
COMMENT ON FUNCTION checked_rows_table() IS 'this session''s table of checked staged rows, pg_temp.reading_checked (created when missing)';

-- This session's staging table, or 55000 with the recipe when there is none.
CREATE OR REPLACE FUNCTION staging_table() RETURNS regclass LANGUAGE plpgsql STABLE
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

-- The plan's settings in force: plan_setting's row where it sets a value,
-- else the default.  The defaults are written here only.
CREATE OR REPLACE VIEW plan_setting_in_force WITH (security_invoker = true) AS
	SELECT coalesce(s.value_bound, 1e15::float8) AS value_bound,
	       coalesce(s.growth_bound, 1e5::float8) AS growth_bound,
	       coalesce(s.future_months, false) AS future_months,
	       coalesce(s.years_before_targets, 5) AS years_before_targets,
	       s.status_bands AS status_bands,
	       coalesce(s.review_on_load, 'warn') AS review_on_load
	FROM (VALUES (true)) one(k)
	LEFT JOIN scorecard.plan_setting s ON s.only_row;
COMMENT ON VIEW plan_setting_in_force IS 'the plan''s settings in force: plan_setting''s values, else the defaults (value_bound 1e15, growth_bound 1e5 %, future_months false, years_before_targets 5, review_on_load warn)';
COMMENT ON COLUMN plan_setting_in_force.value_bound IS 'the loader refuses a value beyond plus or minus this (default 1e15)';
COMMENT ON COLUMN plan_setting_in_force.growth_bound IS 'the loader refuses a reported growth beyond plus or minus this, in % (default 1e5)';
COMMENT ON COLUMN plan_setting_in_force.future_months IS 'whether the loader accepts months after the current month (default false)';
COMMENT ON COLUMN plan_setting_in_force.years_before_targets IS 'the loader refuses months before January of the first target year less this many years (default 5)';
COMMENT ON COLUMN plan_setting_in_force.status_bands IS 'the plan''s status band set, for targets whose indicator and itself have none (default NULL: the tolerances 5 points of time progress, 1 point, 5% of the threshold)';
COMMENT ON COLUMN plan_setting_in_force.review_on_load IS 'what load_readings does with the data review of the units it loaded: off, warn (default) or block';
GRANT SELECT ON plan_setting_in_force TO PUBLIC;

-- The characters a key or figure of a staged row is trimmed of: spaces,
-- tabs and line ends, no-break spaces (U+00A0, U+202F), the ideographic
-- space (U+3000), the byte order mark (U+FEFF, which a UTF-8 file with BOM
-- puts before its first field), zero-width spaces and joiners (U+200B to
-- U+200D, U+2060) and the other spaces of U+2000 to U+200A: the set of
-- staged_text (C, input_core.c), which staged_readings calls.
CREATE OR REPLACE FUNCTION staging_trim(s text) RETURNS text LANGUAGE sql IMMUTABLE PARALLEL SAFE
SET search_path = pg_catalog, scorecard, pg_temp AS $$
	SELECT staged_text(s)
$$;
COMMENT ON FUNCTION staging_trim(text) IS 'a staged field without the spaces, tabs, no-break spaces, BOM and zero-width characters around it';

-- A staged text for a message: the characters that cannot be seen (control
-- characters, no-break and zero-width spaces, the BOM, bidirectional
-- marks) named as <U+XXXX>, so that "gdp" and "gdp<U+200B>" differ on screen.
CREATE OR REPLACE FUNCTION staging_visible(s text) RETURNS text LANGUAGE sql IMMUTABLE PARALLEL SAFE
SET search_path = pg_catalog, pg_temp AS $$
	SELECT pg_catalog.string_agg(CASE WHEN x.c ~ E'[\\x01-\\x1f\\x7f-\\x9f\u00a0\u00ad\u2000-\u200f\u2028-\u202f\u205f-\u206f\u3000\ufeff]'
	                                  THEN pg_catalog.format('<U+%s>', pg_catalog.upper(pg_catalog.lpad(pg_catalog.to_hex(pg_catalog.ascii(x.c)), 4, '0')))
	                                  ELSE x.c END, '' ORDER BY x.i)
	FROM pg_catalog.regexp_split_to_table(s, '') WITH ORDINALITY x(c, i)
$$;
COMMENT ON FUNCTION staging_visible(text) IS 'a staged text with its invisible characters named as <U+XXXX>, for messages';

-- text -> float8 or NULL when it is not a finite decimal number (digits,
-- an optional point and exponent: no hexadecimal 0x10, no inf or nan).
-- The rule is the loader's, in C (staged_figure without its
-- fallback to parse_figure's forms).
CREATE OR REPLACE FUNCTION staging_float(s text) RETURNS float8 LANGUAGE sql IMMUTABLE PARALLEL SAFE
SET search_path = pg_catalog, scorecard, pg_temp AS $$
	SELECT staged_figure(s, false)
$$;
COMMENT ON FUNCTION staging_float(text) IS 'a staged text as a finite float8 if it is a decimal number, or NULL';

-- text -> a date or NULL: 2024-03 and 2024/03 (the first day of the
-- month), 2024-03-15 (that day).  The rule is the loader's, in C
-- (staged_month without its fallback to parse_month's forms).
CREATE OR REPLACE FUNCTION staging_month(s text) RETURNS date LANGUAGE sql IMMUTABLE PARALLEL SAFE
SET search_path = pg_catalog, scorecard, pg_temp AS $$
	SELECT staged_month(s, false)
$$;
COMMENT ON FUNCTION staging_month(text) IS 'a staged month (2024-03, 2024-03-01, 2024/03) as a date, or NULL';

-- The staged rows in file order with their file line, the indicator and
-- unit they name, and the parsed month, value and growth.  Every field is
-- given trimmed (of the characters staging_trim removes).  An indicator is
-- named by its code or, failing that, by its id (a code equal to another
-- indicator's id means the indicator with that code), or by its Chinese
-- name; a unit by its id or Chinese name (a name only when it is one
-- unit's).  Months and figures are read by staged_month and staged_figure
-- (C): the plain forms, then those of parse_month and parse_figure
-- (2024年7月, 2024.07, 1,234.5).  A row's line is the
-- line after the previous row's last line: 1 + the newlines inside the
-- previous rows' fields, after the header's line.
CREATE OR REPLACE FUNCTION staged_readings(header boolean DEFAULT true)
RETURNS TABLE (line bigint, indicator text, unit text, month text, value text, reported_growth text,
	source text, indicator_id int, unit_id text, m date, v float8, g float8)
LANGUAGE plpgsql STABLE
SET search_path = pg_catalog, scorecard, pg_temp AS $$
BEGIN
	PERFORM staging_table();
	RETURN QUERY
	WITH n AS (
		-- each field trimmed once (OFFSET 0: the subquery is not merged
		-- into the joins below, which would trim a key again in each of them)
		SELECT s.seq, staged_text(s.indicator) AS indicator, staged_text(s.unit) AS unit,
		       staged_text(s.month) AS month, staged_text(s.value) AS value,
		       staged_text(s.reported_growth) AS reported_growth, staged_text(s.source) AS source,
		       -- a newline is one byte: counting bytes counts them without
		       -- decoding characters
		       1 + pg_catalog.octet_length(x.raw) - pg_catalog.octet_length(pg_catalog.replace(x.raw, E'\n', '')) AS lines
		FROM pg_temp.reading_staging s,
		     LATERAL (SELECT pg_catalog.concat(s.indicator, s.unit, s.month, s.value, s.reported_growth, s.source) AS raw) x
		OFFSET 0
	), ind AS (
		-- what names an indicator, one row per name: its code, else its id,
		-- else its Chinese name when that is one indicator's (resolve_unit
		-- in 62_import.sql lists the candidates of an ambiguous one)
		SELECT DISTINCT ON (k.name) k.name, k.indicator_id
		FROM (SELECT i.code AS name, i.indicator_id, 1 AS rank FROM indicator i
		      UNION ALL
		      SELECT i.indicator_id::text, i.indicator_id, 2 FROM indicator i
		      UNION ALL
		      SELECT i.name_zh, pg_catalog.min(i.indicator_id), 3 FROM indicator i
		      GROUP BY i.name_zh HAVING pg_catalog.count(*) = 1) k
		ORDER BY k.name, k.rank
	), unt AS (
		-- what names a unit: its id, else its Chinese name when that is
		-- one unit's
		SELECT DISTINCT ON (k.name) k.name, k.unit_id
		FROM (SELECT x.unit_id AS name, x.unit_id, 1 AS rank FROM unit x
		      UNION ALL
		      SELECT x.name_zh, pg_catalog.min(x.unit_id), 2 FROM unit x
		      GROUP BY x.name_zh HAVING pg_catalog.count(*) = 1) k
		ORDER BY k.name, k.rank
	)
	SELECT (CASE WHEN header THEN 2 ELSE 1 END
	        + coalesce(pg_catalog.sum(n.lines) OVER (ORDER BY n.seq ROWS BETWEEN UNBOUNDED PRECEDING AND 1 PRECEDING), 0))::bigint,
	       n.indicator, n.unit, n.month, n.value, n.reported_growth, n.source,
	       ind.indicator_id, unt.unit_id,
	       -- one C function per field (input_core.c): the plain forms, then
	       -- what parse_month and parse_figure read
	       staged_month(n.month, true), staged_figure(n.value, true), staged_figure(n.reported_growth, true)
	FROM n
	LEFT JOIN ind ON ind.name = n.indicator
	LEFT JOIN unt ON unt.name = n.unit
	ORDER BY n.seq;
END $$;
COMMENT ON FUNCTION staged_readings(boolean) IS 'the staged rows, trimmed, with file line, indicator (by code, else id), unit and parsed values';

-- The bounds a reading must keep, as in force now: the current month, the
-- earliest month (January of the first year with targets, less
-- years_before_targets; NULL without targets), the bounds of a value and of
-- a reported growth, and whether months after the current one are allowed.
-- SECURITY DEFINER so that the earliest month is the plan's, not that of
-- the targets row-level security shows the caller; it reads only settings
-- and one minimum, and takes no argument.  check_readings and
-- record_readings judge every reading by it and by reading_breaks_bounds.
CREATE OR REPLACE FUNCTION plan_bounds(OUT this_month date, OUT earliest date, OUT value_bound float8,
	OUT growth_bound float8, OUT future_months boolean, OUT years_before_targets int)
LANGUAGE sql STABLE SECURITY DEFINER
SET search_path = pg_catalog, pg_temp AS $$
	SELECT pg_catalog.date_trunc('month', CURRENT_DATE::timestamp)::date,
	       pg_catalog.make_date((SELECT pg_catalog.min(t.year) FROM scorecard.plan_target t)
	                            OPERATOR(pg_catalog.-) c.years_before_targets, 1, 1),
	       c.value_bound, c.growth_bound, c.future_months, c.years_before_targets
	FROM scorecard.plan_setting_in_force c
$$;
COMMENT ON FUNCTION plan_bounds() IS 'the bounds in force for a reading: current month, earliest month, value and reported-growth bounds, whether future months are allowed';

-- Which bound a reading breaks: 'future' (a month after the current one,
-- unless allowed), 'early' (before the earliest month), 'value' or
-- 'growth' (beyond its bound in magnitude); NULL when it keeps them all.
-- The one rule both check_readings and record_readings apply.
CREATE OR REPLACE FUNCTION reading_breaks_bounds(m date, v float8, g float8, this_month date, earliest date,
	value_bound float8, growth_bound float8, future_months boolean) RETURNS text
LANGUAGE sql IMMUTABLE PARALLEL SAFE
RETURN CASE WHEN m OPERATOR(pg_catalog.>) this_month AND NOT future_months THEN 'future'
            WHEN m OPERATOR(pg_catalog.<) earliest THEN 'early'
            WHEN pg_catalog.abs(v) OPERATOR(pg_catalog.>) value_bound THEN 'value'
            WHEN pg_catalog.abs(g) OPERATOR(pg_catalog.>) growth_bound THEN 'growth' END;
COMMENT ON FUNCTION reading_breaks_bounds(date, float8, float8, date, date, float8, float8, boolean) IS 'which of the plan''s bounds a reading breaks (future, early, value, growth), or NULL';

-- Every staged row with the reasons it cannot load ('' when it can) and
-- what load_readings stores of it, in one pass over staged_readings: each
-- rule is a column of one projection (no loop, no subquery per row), and
-- a key staged twice is found by hashing the keys, not by sorting the rows.
-- Besides the form of each field, the plan's settings
-- (plan_setting_in_force) bound what loads: a value's and a reported
-- growth's magnitude (value_bound, growth_bound); months after the current
-- month (unless future_months); months before January of the first year
-- with targets less years_before_targets (no bound while there are no
-- targets).  Invisible characters inside a key are named (<U+200B>).
-- check_readings lists the rows with a reason; load_readings loads the
-- rows when none has one.
CREATE OR REPLACE FUNCTION staged_check(header boolean DEFAULT true)
RETURNS TABLE (line bigint, indicator text, unit text, month text, value text, reason text,
	indicator_id int, unit_id text, m date, v float8, g float8, source text)
LANGUAGE sql STABLE
SET search_path = pg_catalog, scorecard, pg_temp AS $$
	WITH cfg AS (
		SELECT * FROM plan_bounds()
	), k AS MATERIALIZED (
		SELECT * FROM staged_readings(header)
	), dup AS (
		-- the keys staged more than once, with their first line (hashed:
		-- no sort of the staged rows)
		SELECT k.indicator_id, k.unit_id, k.m, pg_catalog.min(k.line) AS first_line
		FROM k WHERE k.indicator_id IS NOT NULL AND k.unit_id IS NOT NULL AND k.m IS NOT NULL
		GROUP BY k.indicator_id, k.unit_id, k.m HAVING pg_catalog.count(*) > 1
	), d AS (
		SELECT k.*, dup.first_line
		FROM k LEFT JOIN dup ON dup.indicator_id = k.indicator_id AND dup.unit_id = k.unit_id AND dup.m = k.m
	), r AS (
		-- every rule a column of one pass, its reasons joined in the rules'
		-- order (concat_ws skips the rules a row keeps)
		SELECT d.line, d.indicator, d.unit, d.month, d.value, d.indicator_id, d.unit_id, d.m, d.v, d.g, d.source,
		       pg_catalog.concat_ws('; ',
			CASE WHEN d.indicator IS NULL OR d.indicator = '' THEN 'indicator is missing'
			     WHEN d.indicator_id IS NULL THEN pg_catalog.format('unknown indicator "%s"', staging_visible(d.indicator)) END,
			CASE WHEN d.unit IS NULL OR d.unit = '' THEN 'unit is missing'
			     WHEN d.unit_id IS NULL THEN pg_catalog.format('unknown unit "%s"', staging_visible(d.unit))
			     WHEN pg_catalog.row_security_active('scorecard.reading'::pg_catalog.regclass)
			          AND d.unit_id NOT IN (SELECT visible_units())
			          THEN pg_catalog.format('unit "%s" is not one you may load (row-level security)', d.unit_id) END,
			CASE WHEN d.month IS NULL OR d.month = '' THEN 'month is missing'
			     WHEN d.m IS NULL THEN pg_catalog.format('month "%s" is not a date (expected YYYY-MM or YYYY-MM-01)', staging_visible(d.month))
			     WHEN d.m <> pg_catalog.date_trunc('month', d.m::timestamp)::date
			          THEN pg_catalog.format('month "%s" is not the first day of a month', d.month)
			     WHEN d.m NOT BETWEEN '2000-01-01'::date AND '2100-12-01'::date
			          THEN pg_catalog.format('month "%s" is out of range', d.month)
			     WHEN reading_breaks_bounds(d.m, NULL, NULL, cfg.this_month, cfg.earliest, NULL, NULL, cfg.future_months) = 'future'
			          THEN pg_catalog.format('month "%s" is after the current month, %s (the plan''s owner may allow it: scorecard.plan_setting.future_months)',
			                                 d.month, pg_catalog.to_char(cfg.this_month, 'YYYY-MM'))
			     WHEN reading_breaks_bounds(d.m, NULL, NULL, cfg.this_month, cfg.earliest, NULL, NULL, cfg.future_months) = 'early'
			          THEN pg_catalog.format('month "%s" is before %s, %s years before the first year with targets (scorecard.plan_setting.years_before_targets)',
			                                 d.month, pg_catalog.to_char(cfg.earliest, 'YYYY-MM'), cfg.years_before_targets) END,
			CASE WHEN d.value IS NULL OR d.value = '' THEN 'value is missing'
			     WHEN d.v IS NULL THEN pg_catalog.format('value "%s" is not a finite number', staging_visible(d.value))
			     WHEN reading_breaks_bounds(NULL, d.v, NULL, NULL, NULL, cfg.value_bound, NULL, true) = 'value'
			          THEN pg_catalog.format('value "%s" is beyond the bound of %s in magnitude (scorecard.plan_setting.value_bound)',
			                                 d.value, cfg.value_bound) END,
			CASE WHEN d.reported_growth IS NULL OR d.reported_growth = '' THEN NULL
			     WHEN d.g IS NULL
			     THEN pg_catalog.format('reported growth "%s" is not a finite number', staging_visible(d.reported_growth))
			     WHEN reading_breaks_bounds(NULL, NULL, d.g, NULL, NULL, NULL, cfg.growth_bound, true) = 'growth'
			          THEN pg_catalog.format('reported growth "%s" is beyond the bound of %s%% in magnitude (scorecard.plan_setting.growth_bound)',
			                                 d.reported_growth, cfg.growth_bound) END,
			CASE WHEN d.line <> d.first_line
			     THEN pg_catalog.format('same indicator, unit and month as line %s', d.first_line) END) AS reason
		FROM d, cfg
	)
	SELECT r.line, r.indicator, r.unit, r.month, r.value, r.reason, r.indicator_id, r.unit_id, r.m, r.v, r.g, r.source
	FROM r
$$;
COMMENT ON FUNCTION staged_check(boolean) IS 'every staged row with the reasons it cannot load ('''' when it can) and its parsed indicator, unit, month, value and growth: what check_readings lists and load_readings loads';

-- What a check's rows were checked against, so that a load takes them
-- only while it holds: the header; the role; the plan's data
-- (current_data_version(), which every change of units, indicators,
-- targets, settings and readings moves); the current month (what is a
-- future month); the units the role may load where row-level security
-- applies to it; and the table of checked rows itself (dropped and made
-- again, or emptied, it is another).  NULL, never equal to a mark, for a
-- role that cannot read the data's version.
CREATE OR REPLACE FUNCTION staging_check_mark(header boolean) RETURNS text LANGUAGE sql STABLE
SET search_path = pg_catalog, scorecard, pg_temp AS $$
	SELECT CASE WHEN pg_catalog.has_table_privilege('scorecard.plan_data_version', 'SELECT') THEN
	       pg_catalog.concat_ws(' ', header, current_user, current_data_version(),
	           pg_catalog.date_trunc('month', CURRENT_DATE::timestamp)::date,
	           pg_catalog.to_regclass('pg_temp.reading_checked')::oid,
	           pg_catalog.pg_relation_filenode(pg_catalog.to_regclass('pg_temp.reading_checked')),
	           CASE WHEN pg_catalog.row_security_active('scorecard.reading'::pg_catalog.regclass)
	                THEN pg_catalog.md5(ARRAY(SELECT u FROM visible_units() u ORDER BY 1)::text) END) END
$$;
COMMENT ON FUNCTION staging_check_mark(boolean) IS 'for staged_rows_checked: what a check was made against (header, role, the data''s version, the month, the units the role may load, the table of checked rows)';

-- Make pg_temp.reading_checked hold staged_check's rows of the staged rows
-- as they are now.  check_readings checks them (reuse false); load_readings
-- (reuse true) takes the rows checked last when they still hold, and
-- then returns true: so check_readings then load_readings check the file
-- once.  They hold while no statement changed the staged rows since (the
-- trigger reading_staging_changed, which begin_load gives the staging
-- table, forgets them at once: staging_trigger_in_place), nothing they
-- were checked against changed (staging_check_mark), the check's
-- transaction committed (a rolled-back one takes its mark, a setting,
-- with it), and there is one checked row per staged row.  A change that
-- gets past all these is a change of the session's own temporary tables
-- by hand (a rule, a child table, rows of reading_checked edited): the
-- load then records what reading_checked holds, still under the bounds,
-- foreign keys and row-level security in force (record_readings).
CREATE OR REPLACE FUNCTION staged_rows_checked(header boolean, reuse boolean DEFAULT true) RETURNS boolean
LANGUAGE plpgsql VOLATILE
SET search_path = pg_catalog, scorecard, pg_temp AS $$
DECLARE
	mark text;
BEGIN
	PERFORM staging_table();
	PERFORM checked_rows_table();
	IF reuse AND pg_catalog.current_setting('scorecard.staging_checked', true) = staging_check_mark(header)
	   AND staging_trigger_in_place()
	   AND (SELECT pg_catalog.count(*) FROM pg_temp.reading_checked)
	       = (SELECT pg_catalog.count(*) FROM pg_temp.reading_staging) THEN
		RETURN true;
	END IF;
	PERFORM pg_catalog.set_config('scorecard.staging_checked', '', false);
	TRUNCATE pg_temp.reading_checked;
	INSERT INTO pg_temp.reading_checked SELECT * FROM staged_check(header);
	-- (after the TRUNCATE: the table's file is part of the mark)
	mark := staging_check_mark(header);
	PERFORM pg_catalog.set_config('scorecard.staging_checked', coalesce(mark, ''), false);
	RETURN false;
END $$;
COMMENT ON FUNCTION staged_rows_checked(boolean, boolean) IS 'for check_readings (reuse false) and load_readings: staged_check''s rows of the staged rows in pg_temp.reading_checked; with reuse, those of the last check while they hold (then true)';

-- The bad rows of the staging table: line (as in the file), the text of the
-- row (trimmed) and every reason it cannot load (staged_check).  Empty
-- when all rows are good.  The rows checked are kept for load_readings
-- (staged_rows_checked); in a read-only transaction, which cannot keep
-- them, they are checked and listed only.
CREATE OR REPLACE FUNCTION check_readings(header boolean DEFAULT true)
RETURNS TABLE (line bigint, indicator text, unit text, month text, value text, reason text)
LANGUAGE plpgsql VOLATILE
SET search_path = pg_catalog, scorecard, pg_temp AS $$
BEGIN
	IF pg_catalog.current_setting('transaction_read_only')::boolean THEN
		RETURN QUERY
		SELECT c.line, c.indicator, c.unit, c.month, c.value, c.reason
		FROM staged_check(check_readings.header) c
		WHERE c.reason <> ''
		ORDER BY c.line;
		RETURN;
	END IF;
	PERFORM staged_rows_checked(check_readings.header, reuse => false);
	RETURN QUERY
	SELECT c.line, c.indicator, c.unit, c.month, c.value, c.reason
	FROM pg_temp.reading_checked c
	WHERE c.reason <> ''
	ORDER BY c.line;
END $$;
COMMENT ON FUNCTION check_readings(boolean) IS 'bad rows of this session''s reading_staging with file line and reason (form, the plan''s bounds, months); empty if all can load';


-- Take the plan lock for a load (kind 'load') or a run ('run'), to the end
-- of the transaction.  It decides by privilege, never by the locks a
-- session holds: a load needs INSERT on (columns of) reading_intake, the
-- way into reading, a run INSERT on scorecard.assessment_run, held by the
-- role the session acts as: the role of SET ROLE, else the session user.
-- (current_user is this function's owner here, SECURITY DEFINER being how
-- it reaches the lock; the caller's current_user is not known to it.  A
-- role acting through another's SECURITY DEFINER function is judged as the
-- session's role.)  A load waits as long as lock_timeout allows; a run as
-- long as scorecard.run_lock_timeout does (a duration as for lock_timeout;
-- unset: 10min; 0: no limit).  Both then fail with 55P03, nothing done.
CREATE OR REPLACE FUNCTION take_plan_lock(kind text) RETURNS void LANGUAGE plpgsql VOLATILE SECURITY DEFINER
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
	IF NOT (CASE kind WHEN 'load' THEN pg_catalog.has_any_column_privilege(acting, 'scorecard.reading_intake', 'INSERT')
	                  ELSE pg_catalog.has_table_privilege(acting, 'scorecard.assessment_run', 'INSERT') END) THEN
		RAISE EXCEPTION '%: role % may not %', what, acting,
			CASE kind WHEN 'load' THEN 'load readings' ELSE 'run assessments' END
			USING ERRCODE = 'insufficient_privilege',
			      DETAIL = CASE kind WHEN 'load' THEN 'Loading needs INSERT on scorecard.reading_intake (grant_unit_access grants it).'
			               ELSE 'A run needs INSERT on scorecard.assessment_run (and on the tables of its results).' END;
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

-- Whether a role may backdate a load: the owner of the plan's tables
-- (scorecard.reading), a role with its privileges (a member that inherits
-- them) or a superuser.
CREATE OR REPLACE FUNCTION may_backdate(role name) RETURNS boolean LANGUAGE sql STABLE PARALLEL SAFE
SET search_path = pg_catalog, pg_temp AS $$
	SELECT pg_catalog.pg_has_role(role, c.relowner, 'USAGE')
	FROM pg_catalog.pg_class c WHERE c.oid OPERATOR(pg_catalog.=) 'scorecard.reading'::pg_catalog.regclass
$$;
COMMENT ON FUNCTION may_backdate(name) IS 'whether a role may backdate a load: the owner of scorecard.reading, a role with its privileges, or a superuser';

-- For load_readings: move this transaction's rows of reading_intake into
-- reading.  Once it holds the load lock it reads the clock: that is every
-- row's recorded_at and loaded_at (recorded_at is backdate instead when
-- given, which every row's loader must be allowed: may_backdate).  A row
-- becomes the next revision after the one in force, or is skipped when
-- equal to it.  SECURITY DEFINER, as loaders hold no privilege on reading
-- but SELECT; it reads only reading and reading_intake, whose rows its
-- caller could insert (row-level security checked their units there).
CREATE OR REPLACE FUNCTION record_readings(backdate timestamptz,
		OUT inserted bigint, OUT revised bigint, OUT unchanged bigint)
LANGUAGE plpgsql VOLATILE SECURITY DEFINER
SET search_path = pg_catalog, pg_temp
SET plan_cache_mode = force_custom_plan AS $$
DECLARE
	ts timestamptz;
	who name;
	bad bigint;
	bad_rows text;
	total bigint;
BEGIN
	inserted := 0; revised := 0; unchanged := 0;
	-- nothing to load: no lock (a role that may not load cannot delay one)
	IF NOT EXISTS (SELECT 1 FROM scorecard.reading_intake i
	               WHERE i.xact OPERATOR(pg_catalog.=) pg_catalog.pg_current_xact_id()) THEN
		RETURN;
	END IF;
	SELECT i.loaded_by INTO who FROM scorecard.reading_intake i
	WHERE i.xact OPERATOR(pg_catalog.=) pg_catalog.pg_current_xact_id()
	  AND backdate IS NOT NULL AND NOT scorecard.may_backdate(i.loaded_by)
	LIMIT 1;
	IF FOUND THEN
		RAISE EXCEPTION 'only the plan''s owner may backdate a load, not role %', who
			USING ERRCODE = 'insufficient_privilege',
			      DETAIL = 'A reading''s recorded_at is the server''s clock when it is loaded; stored runs are re-made from it.',
			      HINT = 'Load without recorded_at; nothing was loaded.';
	END IF;

	-- Serialise loads (and exclude runs) so revisions stay consecutive: the
	-- plan lock, the only lock loads wait for (the INSERT's ROW EXCLUSIVE
	-- on reading conflicts with no other load's or run's), so loads queue
	-- and never deadlock, even in a transaction that has inserted already.
	-- The statements below take their snapshots after it, and the clock
	-- read after it is later than every run made before the load and
	-- earlier than every run made after.
	-- A snapshot older than the lock would compare with stale rows in force
	-- (load_readings says the same to those who go through it).
	IF pg_catalog.current_setting('transaction_isolation') OPERATOR(pg_catalog.<>) 'read committed' THEN
		RAISE EXCEPTION 'record_readings runs under READ COMMITTED only, not %',
			pg_catalog.upper(pg_catalog.current_setting('transaction_isolation'))
			USING ERRCODE = 'feature_not_supported',
			      HINT = 'Load in a READ COMMITTED transaction (the default); nothing was loaded.';
	END IF;
	PERFORM scorecard.take_plan_lock('load');
	-- Rows inserted into reading_intake directly have not been through
	-- check_readings: they keep the plan's bounds too, or nothing loads.
	-- (The same pass counts the rows to load: those not inserted below are
	-- the unchanged ones.)
	SELECT pg_catalog.count(*) FILTER (WHERE x.broken IS NOT NULL),
	       pg_catalog.string_agg(pg_catalog.format('%s %s %s: %s', i.indicator_id, i.unit_id,
	           pg_catalog.to_char(i.month, 'YYYY-MM'), x.broken), '; ' ORDER BY i.indicator_id, i.unit_id, i.month)
	           FILTER (WHERE x.broken IS NOT NULL),
	       pg_catalog.count(*)
	INTO bad, bad_rows, total
	FROM scorecard.reading_intake i, scorecard.plan_bounds() b,
	     LATERAL (SELECT scorecard.reading_breaks_bounds(i.month, i.value, i.reported_growth, b.this_month, b.earliest,
	                  b.value_bound, b.growth_bound, b.future_months) AS broken) x
	WHERE i.xact OPERATOR(pg_catalog.=) pg_catalog.pg_current_xact_id();
	IF bad OPERATOR(pg_catalog.>) 0 THEN
		RAISE EXCEPTION 'record_readings: % readings break the plan''s bounds; nothing was loaded', bad
			USING ERRCODE = 'check_violation',
			      DETAIL = pg_catalog.left(bad_rows, 2000) || ' (future: after the current month; early: before the plan''s first year less years_before_targets; value, growth: beyond their bound).',
			      HINT = 'Load through check_readings and load_readings, which name each row''s reason; the plan''s owner sets the bounds in scorecard.plan_setting.';
	END IF;
	ts := pg_catalog.clock_timestamp();
	IF backdate OPERATOR(pg_catalog.>) ts THEN
		RAISE EXCEPTION 'recorded_at % is in the future', backdate
			USING ERRCODE = 'invalid_parameter_value',
			      DETAIL = 'A load can be recorded as of now or, by the plan''s owner, as of a past time.';
	END IF;
	-- (the trigger plan_readings_written leaves the count to this function)
	PERFORM pg_catalog.set_config('scorecard.recording_readings', 'on', true);
	-- Each staged row set beside the revisions of its key and inserted
	-- unless equal to the one in force; the rows not inserted are the
	-- unchanged ones (total, counted above, less those inserted).  Why a
	-- window over a UNION ALL, not a join of the staged rows with the
	-- revisions in force: reading_intake has no statistics, the planner
	-- takes a load for one row, and a join it plans for one row may
	-- recompute its inner side for every row (a load of 120,000 rows
	-- stalled for minutes).  Here the staged rows meet the revisions in a
	-- sort, linear in the load whatever the estimate; the revisions are
	-- found by their keys, an index probe per key at worst.  (A LATERAL
	-- probe per row is refused by Citus.)
	WITH side_by_side AS (
		SELECT r.indicator_id, r.unit_id, r.month, r.value, r.reported_growth, r.revision,
		       NULL::text AS source, NULL::name AS loaded_by, false AS staged
		FROM scorecard.reading r
		JOIN (SELECT DISTINCT k.indicator_id, k.unit_id, k.month FROM scorecard.reading_intake k
		      WHERE k.xact OPERATOR(pg_catalog.=) pg_catalog.pg_current_xact_id()) k USING (indicator_id, unit_id, month)
		UNION ALL
		SELECT s.indicator_id, s.unit_id, s.month, s.value, s.reported_growth, NULL::int,
		       s.source, s.loaded_by, true
		FROM scorecard.reading_intake s
		WHERE s.xact OPERATOR(pg_catalog.=) pg_catalog.pg_current_xact_id()
	), paired AS (
		-- the first row of each key is the revision in force, if any
		SELECT x.*, pg_catalog.first_value(x.revision) OVER w AS cur_revision,
		       pg_catalog.first_value(x.value) OVER w AS cur_value,
		       pg_catalog.first_value(x.reported_growth) OVER w AS cur_growth
		FROM side_by_side x
		WINDOW w AS (PARTITION BY x.indicator_id, x.unit_id, x.month ORDER BY x.staged, x.revision DESC)
	), ins AS (
		INSERT INTO scorecard.reading (indicator_id, unit_id, month, value, reported_growth, revision,
			recorded_at, source, loaded_by, loaded_at)
		SELECT s.indicator_id, s.unit_id, s.month, s.value, s.reported_growth,
		       coalesce(s.cur_revision, 0) OPERATOR(pg_catalog.+) 1, coalesce(backdate, ts), s.source, s.loaded_by, ts
		FROM paired s
		WHERE s.staged
		  AND NOT (s.cur_revision IS NOT NULL AND s.cur_value OPERATOR(pg_catalog.=) s.value
		           AND s.cur_growth IS NOT DISTINCT FROM s.reported_growth)
		RETURNING revision
	)
	SELECT pg_catalog.count(*) FILTER (WHERE revision OPERATOR(pg_catalog.=) 1),
	       pg_catalog.count(*) FILTER (WHERE revision OPERATOR(pg_catalog.>) 1)
	INTO inserted, revised
	FROM ins;
	PERFORM pg_catalog.set_config('scorecard.recording_readings', '', true);
	unchanged := total OPERATOR(pg_catalog.-) inserted OPERATOR(pg_catalog.-) revised;
	-- the stored snapshot (plan/78_snapshot.sql) no longer shows the data
	IF inserted OPERATOR(pg_catalog.+) revised OPERATOR(pg_catalog.>) 0 THEN
		PERFORM scorecard.plan_data_change();
	END IF;
	-- this load's rows, and rows a loader inserted and committed without
	-- loading them
	DELETE FROM scorecard.reading_intake;
END $$;
COMMENT ON FUNCTION record_readings(timestamptz) IS 'for load_readings: move this transaction''s reading_intake rows into reading with the server''s revision, recorded_at (the clock once the load lock is held; backdate for the plan''s owner) and loaded_by';

-- Load this session's staging table into reading: all rows or none.
-- Raises 22P02 with every bad row in the detail (and loads nothing) if any
-- row is bad; else inserts new readings (revision 1) and corrections (next
-- revision), skips rows equal to the revision in force, empties the staging
-- table and returns the counts.  Loads are serialised by the plan lock
-- (take_plan_lock), taken before the rows in force are read, so
-- under READ COMMITTED the comparison sees every load committed before;
-- under REPEATABLE READ or SERIALIZABLE the transaction's snapshot is older
-- than the lock, so the load refuses (0A000) rather than compare a
-- correction with stale rows.  recorded_at: NULL, the server's clock once
-- the load holds its lock; a past time only for the plan's owner
-- (may_backdate), and the rows keep who loaded them and when.
CREATE OR REPLACE FUNCTION load_readings(header boolean DEFAULT true, recorded_at timestamptz DEFAULT NULL,
		OUT inserted bigint, OUT revised bigint, OUT unchanged bigint)
LANGUAGE plpgsql VOLATILE
SET search_path = pg_catalog, scorecard, pg_temp AS $$
DECLARE
	bad text;
	nbad bigint;
	-- what was loaded, for the data review: its units, indicators, last month
	units text[];
	inds int[];
	first_month date;
	last_month date;
	review text := (SELECT s.review_on_load FROM plan_setting_in_force s);
	-- what the load is doing, as run_assessment says it (80_run.sql)
	started timestamptz := pg_catalog.clock_timestamp();
	-- whether the rows check_readings checked were loaded as checked
	reused boolean;
BEGIN
	IF pg_catalog.current_setting('transaction_isolation') <> 'read committed' THEN
		RAISE EXCEPTION 'load_readings runs under READ COMMITTED only, not %',
			pg_catalog.upper(pg_catalog.current_setting('transaction_isolation'))
			USING ERRCODE = 'feature_not_supported',
			      DETAIL = 'This transaction''s snapshot predates the load''s lock: a correction would be compared with readings as they were, not as they are.',
			      HINT = 'Load in a READ COMMITTED transaction (the default); nothing was loaded.';
	END IF;
	IF load_readings.recorded_at IS NOT NULL AND NOT may_backdate(current_user) THEN
		RAISE EXCEPTION 'only the plan''s owner may backdate a load, not role %', current_user
			USING ERRCODE = 'insufficient_privilege',
			      DETAIL = 'A reading''s recorded_at is the server''s clock when it is loaded; stored runs are re-made from it.',
			      HINT = 'Load without recorded_at; nothing was loaded.';
	END IF;
	PERFORM staging_table();
	PERFORM pg_catalog.set_config('application_name', 'scorecard load: checking the staged rows', true);
	-- The staged rows checked (staged_rows_checked: once, when
	-- check_readings checked them and nothing changed since) go into
	-- reading_intake, as this role (row-level security checks their units
	-- there as on reading), only when none of them has a reason not to load.
	reused := staged_rows_checked(header);
	WITH k AS NOT MATERIALIZED (
		SELECT * FROM pg_temp.reading_checked
	), b AS (
		SELECT pg_catalog.count(*) AS n,
		       pg_catalog.string_agg(pg_catalog.format('line %s: %s', k.line, k.reason), E'\n' ORDER BY k.line) AS detail
		FROM k WHERE k.reason <> ''
	), ins AS (
		INSERT INTO reading_intake (indicator_id, unit_id, month, value, reported_growth, source)
		SELECT k.indicator_id, k.unit_id, k.m, k.v, k.g, nullif(k.source, '')
		FROM k WHERE (SELECT b.n FROM b) = 0
		RETURNING 1
	)
	SELECT b.n, b.detail, w.units, w.inds, w.first_month, w.last_month INTO nbad, bad, units, inds, first_month, last_month
	FROM b, (SELECT pg_catalog.count(*) FROM ins) i,
	     -- the distinct units and indicators hashed, then sorted (a few
	     -- thousand), not every staged row sorted twice
	     (SELECT (SELECT pg_catalog.array_agg(x.unit_id ORDER BY x.unit_id)
	              FROM (SELECT DISTINCT k.unit_id FROM k WHERE review <> 'off') x) AS units,
	             (SELECT pg_catalog.array_agg(x.indicator_id ORDER BY x.indicator_id)
	              FROM (SELECT DISTINCT k.indicator_id FROM k WHERE review <> 'off') x) AS inds,
	             pg_catalog.min(k.m) AS first_month, pg_catalog.max(k.m) AS last_month
	      FROM k WHERE review <> 'off') w;
	IF nbad > 0 THEN
		RAISE EXCEPTION '% bad row(s) in reading_staging, nothing loaded', nbad
			USING ERRCODE = 'invalid_text_representation', DETAIL = bad,
			      HINT = 'Fix the rows (SELECT * FROM scorecard.check_readings() lists them) and load again.';
	END IF;

	-- record_readings takes the load lock and writes this transaction's
	-- rows of reading_intake into reading with the server's revision and
	-- recorded_at.
	RAISE NOTICE 'scorecard load: staged rows checked (% ms)%', run_step_ms(started),
		CASE WHEN reused THEN ', as check_readings checked them: unchanged since' ELSE '' END;
	started := pg_catalog.clock_timestamp();
	PERFORM pg_catalog.set_config('application_name', 'scorecard load: waiting for the plan lock and recording', true);
	SELECT r.inserted, r.revised, r.unchanged INTO inserted, revised, unchanged
	FROM record_readings(load_readings.recorded_at) r;
	DELETE FROM pg_temp.reading_staging;
	RAISE NOTICE 'scorecard load: % inserted, % revised, % unchanged (% ms)', inserted, revised, unchanged, run_step_ms(started);
	IF review <> 'off' AND inserted + revised > 0 THEN
		PERFORM pg_catalog.set_config('application_name', 'scorecard load: reviewing the loaded units', true);
		started := pg_catalog.clock_timestamp();
		PERFORM load_review(units, inds, first_month, last_month, review = 'block');
		RAISE NOTICE 'scorecard load: data review of % units (% ms)', pg_catalog.cardinality(units), run_step_ms(started);
	END IF;
END $$;
COMMENT ON FUNCTION load_readings(boolean, timestamptz) IS 'load this session''s reading_staging into reading, all rows or none; corrections become new revisions; READ COMMITTED only';

-- The readings in force: the latest revision of each indicator x unit x
-- month recorded at or before recorded_as_of (NULL: the latest of all),
-- optionally only the months from_month..through_month and the units given
-- (units: the data review of some units).  Linear: a reading
-- is in force unless a later revision exists, looked up among the few
-- corrected readings (index reading_revised) instead of sorting them all.
-- PL/pgSQL, not SQL: PostgreSQL would inline a SQL function into the
-- calling query after Citus has decided that the query reads no
-- distributed table, and Citus then refuses it ("parameterized queries for
-- SQL functions referencing distributed tables are not supported"); a SQL
-- function that is not inlined cannot be planned on Citus either ("could
-- not create distributed plan").  PL/pgSQL plans its query with the
-- arguments' values.  indicator_state, data_review and readings_digest,
-- where the caller's plan matters, write the same rule out in their own
-- queries, and the view reading_current writes out readings(NULL)
-- (test/suites/one_rule.sh checks each copy alike).
CREATE OR REPLACE FUNCTION readings(recorded_as_of timestamptz DEFAULT NULL, from_month date DEFAULT NULL,
		through_month date DEFAULT NULL, units text[] DEFAULT NULL)
RETURNS SETOF reading LANGUAGE plpgsql STABLE PARALLEL SAFE ROWS 100000
SET search_path = pg_catalog, scorecard, pg_temp
SET plan_cache_mode = force_custom_plan AS $$
BEGIN
	RETURN QUERY
	SELECT r.* FROM reading r
	WHERE (recorded_as_of IS NULL OR r.recorded_at <= recorded_as_of)
	  AND (from_month IS NULL OR r.month >= from_month)
	  AND (through_month IS NULL OR r.month <= through_month)
	  AND (units IS NULL OR r.unit_id = ANY (units))
	  AND NOT EXISTS (
		SELECT 1 FROM reading n
		WHERE n.revision > 1
		  AND n.indicator_id = r.indicator_id AND n.unit_id = r.unit_id AND n.month = r.month
		  AND n.revision > r.revision
		  AND (recorded_as_of IS NULL OR n.recorded_at <= recorded_as_of));
END $$;
COMMENT ON FUNCTION readings(timestamptz, date, date, text[]) IS 'latest revision of each reading, as recorded at recorded_as_of (NULL: now), optionally of the months from_month..through_month and of the units given';

-- The readings in force now, readings(NULL) as a plain view: its rule
-- written out (test/suites/one_rule.sh checks the two equal), so that a
-- filter on the view (a unit's readings, a month's) reaches the table and
-- its indexes, where the function's rows would all be computed first.
CREATE OR REPLACE VIEW reading_current WITH (security_invoker = true) AS
	SELECT r.indicator_id, r.unit_id, r.month, r.value, r.reported_growth, r.revision, r.recorded_at, r.source
	FROM scorecard.reading r
	WHERE NOT EXISTS (
		SELECT 1 FROM scorecard.reading n
		WHERE n.revision > 1
		  AND n.indicator_id = r.indicator_id AND n.unit_id = r.unit_id AND n.month = r.month
		  AND n.revision > r.revision);
COMMENT ON VIEW reading_current IS 'latest revision of each reading';
