-- Importing a bureau's own plan from its files: units, actions,
-- indicators, targets, task lists and readings, keyed by id, code or
-- Chinese name, with the targets as the bureau writes them.
--
--   SELECT scorecard.begin_import();            -- this session's staging tables
--   \copy pg_temp.import_unit (name_zh, kind, parent) FROM 'units.csv' WITH (FORMAT csv, HEADER true)
--   SELECT scorecard.import_file_staged('unit', 'units.csv');   -- file name and lines
--   ... the other files (readings into pg_temp.reading_staging, as begin_load) ...
--   SELECT * FROM scorecard.check_import();     -- every bad row of every file (loads nothing)
--   SELECT * FROM scorecard.load_import();      -- everything or nothing
--
-- scripts/import.sh does all of this for a folder (the columns from each
-- file's header, import_columns; the encoding detected).  Every staged
-- column is text, so COPY never rejects a row: the import lists each bad
-- row with its file, line and reason.  Rows are applied in the order
-- units, actions, indicators, targets, tasks, readings, each resolving its
-- keys against the plan as the rows before it leave it; check_import does
-- the same in a subtransaction it rolls back.  A row equal to the row
-- stored is left alone, so importing the same files again changes
-- nothing.  An empty cell means the column's default (plan_target's
-- score_cap 1.2, score_floor 0, weight 0, scoring ratio; an indicator's
-- nature flow, monthly reporting, higher is better, additive unless a
-- rate; a target's or an indicator's band set, 预警区间 or 状态区间,
-- none of its own).

-- Create (or empty) this session's staging tables, readings' included.
CREATE OR REPLACE FUNCTION begin_import() RETURNS void LANGUAGE plpgsql VOLATILE
SET search_path = pg_catalog, scorecard, pg_temp AS $$
BEGIN
	PERFORM begin_load();
	IF pg_catalog.to_regclass('pg_temp.import_unit') IS NOT NULL THEN
		DROP TABLE pg_temp.import_unit, pg_temp.import_action, pg_temp.import_indicator,
			pg_temp.import_target, pg_temp.import_task, pg_temp.import_problem, pg_temp.import_count,
			pg_temp.import_reading_file;
	END IF;
	CREATE TEMP TABLE import_unit (seq bigserial PRIMARY KEY, file text, line bigint,
		unit_id text, name_zh text, name_en text, kind text, parent text, central_city text, sort_order text);
	CREATE TEMP TABLE import_action (seq bigserial PRIMARY KEY, file text, line bigint,
		action_id text, name_zh text, name_en text, lead_unit text);
	CREATE TEMP TABLE import_indicator (seq bigserial PRIMARY KEY, file text, line bigint,
		indicator_id text, code text, name_zh text, name_en text, action text, measure_unit text,
		nature text, frequency text, higher_is_better text, reporting text, jan_feb_combined text,
		additive text, derived_from text, derived_threshold text, decimals text, growth_decimals text,
		status_bands text);
	CREATE TEMP TABLE import_target (seq bigserial PRIMARY KEY, file text, line bigint,
		indicator text, unit text, year text, target text, weight text, scoring text,
		score_floor text, score_cap text, score_params text, reference_indicator text,
		judged_on text, note text, effective_from text, status_bands text);
	CREATE TEMP TABLE import_task (seq bigserial PRIMARY KEY, file text, line bigint,
		task_id text, action text, kind text, name_zh text, name_en text, responsible_unit text,
		lead_person text, section text, indicator text, year text, start_date text, due_date text,
		status text, completed_on text, planned_investment text, completed_investment text);
	CREATE TEMP TABLE import_problem (file text, line bigint, reason text);
	CREATE TEMP TABLE import_count (what text PRIMARY KEY, ord int, inserted bigint, updated bigint, unchanged bigint);
	-- the readings' file, for the listing (reading_staging has no file column)
	CREATE TEMP TABLE import_reading_file (file text);
END $$;
COMMENT ON FUNCTION begin_import() IS 'create or empty this session''s import staging tables pg_temp.import_unit, import_action, import_indicator, import_target, import_task (and reading_staging, as begin_load)';

-- The columns a file's header names, for \copy: each header (Chinese or
-- English, as the templates write them) mapped to its staging column.
-- Raises 22023 naming the headers it does not know and the ones it does.
CREATE OR REPLACE FUNCTION import_columns(kind text, header text) RETURNS text LANGUAGE plpgsql STABLE
SET search_path = pg_catalog, scorecard, pg_temp AS $$
DECLARE
	cols text[];
	bad text[];
	known text;
BEGIN
	WITH h AS (
		SELECT x.i, pg_catalog.lower(pg_catalog.btrim(staging_trim(x.h), '"')) AS h
		FROM pg_catalog.regexp_split_to_table(header, ',') WITH ORDINALITY x(h, i)
	)
	SELECT pg_catalog.array_agg(m.col ORDER BY h.i) FILTER (WHERE m.col IS NOT NULL),
	       pg_catalog.array_agg(h.h ORDER BY h.i) FILTER (WHERE m.col IS NULL AND h.h <> '')
	INTO cols, bad
	FROM h LEFT JOIN import_header_words() m ON m.kind OPERATOR(pg_catalog.=) import_columns.kind
	                                        AND m.word OPERATOR(pg_catalog.=) h.h;
	IF bad IS NOT NULL OR cols IS NULL THEN
		SELECT pg_catalog.string_agg(m.word, ', ' ORDER BY m.ord) INTO known
		FROM import_header_words() m WHERE m.kind OPERATOR(pg_catalog.=) import_columns.kind;
		RAISE EXCEPTION 'unknown column(s) in the header of a % file: %', kind,
			coalesce(pg_catalog.array_to_string(bad, ', '), '(none)')
			USING ERRCODE = 'invalid_parameter_value',
			      DETAIL = pg_catalog.format('The columns a %s file may have are: %s.', kind, known),
			      HINT = 'Rename the column as the template in templates/ does, or remove it.';
	END IF;
	RETURN pg_catalog.array_to_string(cols, ', ');
END $$;
COMMENT ON FUNCTION import_columns(text, text) IS 'the staging columns a file''s header line names (Chinese or English headers), for \copy; 22023 naming unknown headers';

-- The header words of each kind of file and the staging column each fills.
CREATE OR REPLACE FUNCTION import_header_words() RETURNS TABLE (kind text, word text, col text, ord int)
LANGUAGE sql IMMUTABLE PARALLEL SAFE
SET search_path = pg_catalog, pg_temp AS $$
	SELECT v.kind, v.word, v.col, (v.ord)::int FROM (VALUES
	('unit', 'unit_id', 'unit_id', 1), ('unit', '编码', 'unit_id', 2), ('unit', '代码', 'unit_id', 3),
	('unit', 'name_zh', 'name_zh', 4), ('unit', '名称', 'name_zh', 5), ('unit', '单位', 'name_zh', 6), ('unit', '单位名称', 'name_zh', 7),
	('unit', 'name_en', 'name_en', 8), ('unit', '英文名称', 'name_en', 9),
	('unit', 'kind', 'kind', 10), ('unit', '类型', 'kind', 11),
	('unit', 'parent_id', 'parent', 12), ('unit', 'parent', 'parent', 13), ('unit', '上级', 'parent', 14), ('unit', '上级单位', 'parent', 15),
	('unit', 'central_city', 'central_city', 16), ('unit', '中心城区', 'central_city', 17),
	('unit', 'sort_order', 'sort_order', 18), ('unit', '排序', 'sort_order', 19),
	('action', 'action_id', 'action_id', 1), ('action', '编号', 'action_id', 2),
	('action', 'name_zh', 'name_zh', 3), ('action', '名称', 'name_zh', 4), ('action', '行动', 'name_zh', 5),
	('action', 'name_en', 'name_en', 6), ('action', '英文名称', 'name_en', 7),
	('action', 'lead_unit_id', 'lead_unit', 8), ('action', '牵头单位', 'lead_unit', 9),
	('indicator', 'indicator_id', 'indicator_id', 1), ('indicator', '编号', 'indicator_id', 2),
	('indicator', 'code', 'code', 3), ('indicator', '代码', 'code', 4),
	('indicator', 'name_zh', 'name_zh', 5), ('indicator', '名称', 'name_zh', 6), ('indicator', '指标', 'name_zh', 7), ('indicator', '指标名称', 'name_zh', 8),
	('indicator', 'name_en', 'name_en', 9), ('indicator', '英文名称', 'name_en', 10),
	('indicator', 'action_id', 'action', 11), ('indicator', '行动', 'action', 12),
	('indicator', 'measure_unit', 'measure_unit', 13), ('indicator', '计量单位', 'measure_unit', 14),
	('indicator', 'nature', 'nature', 15), ('indicator', '性质', 'nature', 16),
	('indicator', 'frequency', 'frequency', 17), ('indicator', '频率', 'frequency', 18),
	('indicator', 'higher_is_better', 'higher_is_better', 19), ('indicator', '方向', 'higher_is_better', 20),
	('indicator', 'reporting', 'reporting', 21), ('indicator', '报送', 'reporting', 22),
	('indicator', 'jan_feb_combined', 'jan_feb_combined', 23), ('indicator', '1-2月合并', 'jan_feb_combined', 24),
	('indicator', 'additive', 'additive', 25), ('indicator', '可加总', 'additive', 26),
	('indicator', 'derived_from', 'derived_from', 27), ('indicator', 'derived_threshold', 'derived_threshold', 28),
	('indicator', 'decimals', 'decimals', 29), ('indicator', '小数位', 'decimals', 30),
	('indicator', 'growth_decimals', 'growth_decimals', 31), ('indicator', '增速小数位', 'growth_decimals', 32),
	('indicator', 'status_bands', 'status_bands', 33), ('indicator', '预警区间', 'status_bands', 34), ('indicator', '状态区间', 'status_bands', 35),
	('target', 'indicator_id', 'indicator', 1), ('target', 'indicator', 'indicator', 2), ('target', '指标', 'indicator', 3),
	('target', 'unit_id', 'unit', 4), ('target', 'unit', 'unit', 5), ('target', '单位', 'unit', 6),
	('target', 'year', 'year', 7), ('target', '年度', 'year', 8),
	('target', 'target', 'target', 9), ('target', '目标', 'target', 10),
	('target', 'weight', 'weight', 11), ('target', '权重', 'weight', 12),
	('target', 'scoring', 'scoring', 13), ('target', '计分方法', 'scoring', 14),
	('target', 'score_floor', 'score_floor', 15), ('target', '保底', 'score_floor', 16),
	('target', 'score_cap', 'score_cap', 17), ('target', '封顶', 'score_cap', 18),
	('target', 'score_params', 'score_params', 19), ('target', '计分参数', 'score_params', 20),
	('target', 'reference_indicator_id', 'reference_indicator', 21), ('target', '参照指标', 'reference_indicator', 22),
	('target', 'judged_on', 'judged_on', 23), ('target', '考核口径', 'judged_on', 24),
	('target', 'note', 'note', 25), ('target', '备注', 'note', 26),
	('target', 'effective_from', 'effective_from', 27), ('target', '生效日期', 'effective_from', 28),
	('target', 'status_bands', 'status_bands', 29), ('target', '预警区间', 'status_bands', 30), ('target', '状态区间', 'status_bands', 31),
	('task', 'task_id', 'task_id', 1), ('task', '编号', 'task_id', 2),
	('task', 'action_id', 'action', 3), ('task', '行动', 'action', 4),
	('task', 'kind', 'kind', 5), ('task', '类型', 'kind', 6),
	('task', 'name_zh', 'name_zh', 7), ('task', '名称', 'name_zh', 8),
	('task', 'name_en', 'name_en', 9), ('task', '英文名称', 'name_en', 10),
	('task', 'responsible_unit_id', 'responsible_unit', 11), ('task', '责任单位', 'responsible_unit', 12),
	('task', 'lead_person', 'lead_person', 13), ('task', '责任人', 'lead_person', 14),
	('task', 'section', 'section', 15), ('task', '责任科室', 'section', 16),
	('task', 'indicator_id', 'indicator', 17), ('task', '指标', 'indicator', 18),
	('task', 'year', 'year', 19), ('task', '年度', 'year', 20),
	('task', 'start_date', 'start_date', 21), ('task', '开始日期', 'start_date', 22),
	('task', 'due_date', 'due_date', 23), ('task', '完成时限', 'due_date', 24),
	('task', 'status', 'status', 25), ('task', '状态', 'status', 26),
	('task', 'completed_on', 'completed_on', 27), ('task', '完成日期', 'completed_on', 28),
	('task', 'planned_investment', 'planned_investment', 29), ('task', '计划投资', 'planned_investment', 30),
	('task', 'completed_investment', 'completed_investment', 31), ('task', '完成投资', 'completed_investment', 32),
	('reading', 'indicator', 'indicator', 1), ('reading', 'indicator_id', 'indicator', 2), ('reading', '指标', 'indicator', 3),
	('reading', 'unit', 'unit', 4), ('reading', 'unit_id', 'unit', 5), ('reading', '单位', 'unit', 6),
	('reading', 'month', 'month', 7), ('reading', '月份', 'month', 8),
	('reading', 'value', 'value', 9), ('reading', '数值', 'value', 10),
	('reading', 'reported_growth', 'reported_growth', 11), ('reading', '增速', 'reported_growth', 12),
	('reading', 'source', 'source', 13), ('reading', '来源', 'source', 14)
	) v(kind, word, col, ord)
$$;
COMMENT ON FUNCTION import_header_words() IS 'the header words (English and Chinese) of each kind of import file and the staging column each fills';

-- After a \copy into a staging table: the file's name and each row's line
-- on the rows that have none yet (the header is line 1; a quoted field
-- spanning several lines counts them).
CREATE OR REPLACE FUNCTION import_file_staged(kind text, file text) RETURNS bigint LANGUAGE plpgsql VOLATILE
SET search_path = pg_catalog, scorecard, pg_temp AS $$
DECLARE
	n bigint;
BEGIN
	IF kind OPERATOR(pg_catalog.=) 'reading' THEN
		INSERT INTO pg_temp.import_reading_file VALUES (file);
		SELECT pg_catalog.count(*) INTO n FROM pg_temp.reading_staging;
		RETURN n;
	END IF;
	IF kind NOT IN ('unit', 'action', 'indicator', 'target', 'task') THEN
		RAISE EXCEPTION 'unknown kind of import file "%"', kind
			USING ERRCODE = 'invalid_parameter_value',
			      DETAIL = 'The kinds are unit, action, indicator, target, task and reading.';
	END IF;
	EXECUTE pg_catalog.format(
		'WITH r AS (SELECT s.seq, (SELECT pg_catalog.string_agg(e.value, %L) FROM pg_catalog.json_each_text(pg_catalog.row_to_json(s)) e) AS raw
		            FROM pg_temp.%I s WHERE s.file IS NULL),
		      l AS (SELECT r.seq, 2 + coalesce(pg_catalog.sum(1 + pg_catalog.length(r.raw) - pg_catalog.length(pg_catalog.replace(r.raw, %L, %L)))
		                          OVER (ORDER BY r.seq ROWS BETWEEN UNBOUNDED PRECEDING AND 1 PRECEDING), 0) AS line
		            FROM r)
		 UPDATE pg_temp.%I s SET file = %L, line = l.line FROM l WHERE l.seq = s.seq',
		'', 'import_' || kind, E'\n', '', 'import_' || kind, file);
	GET DIAGNOSTICS n = ROW_COUNT;
	RETURN n;
END $$;
COMMENT ON FUNCTION import_file_staged(text, text) IS 'after a \copy of a file into its staging table: set the file''s name and each new row''s line';

-- Edit distance between two texts, in characters (Levenshtein), for the
-- suggestions of the closest known names.
CREATE OR REPLACE FUNCTION text_distance(a text, b text) RETURNS int LANGUAGE plpgsql IMMUTABLE STRICT PARALLEL SAFE
SET search_path = pg_catalog, pg_temp AS $$
DECLARE
	x text[] := pg_catalog.regexp_split_to_array(a, '');
	y text[] := pg_catalog.regexp_split_to_array(b, '');
	m int := pg_catalog.cardinality(x);
	n int := pg_catalog.cardinality(y);
	prev int[];
	cur int[];
	i int;
	j int;
BEGIN
	IF m = 0 THEN RETURN n; END IF;
	IF n = 0 THEN RETURN m; END IF;
	prev := pg_catalog.array_agg(k ORDER BY k) FROM pg_catalog.generate_series(0, n) k;
	FOR i IN 1..m LOOP
		cur := ARRAY[i];
		FOR j IN 1..n LOOP
			cur := cur || LEAST(prev[j + 1] + 1, cur[j] + 1,
			                    prev[j] + CASE WHEN x[i] = y[j] THEN 0 ELSE 1 END);
		END LOOP;
		prev := cur;
	END LOOP;
	RETURN prev[n + 1];
END $$;
COMMENT ON FUNCTION text_distance(text, text) IS 'edit distance (Levenshtein) between two texts, counted in characters';

-- The up to three known names closest to a key (by text_distance, within
-- half the key's length, at least 1), as "did you mean A or B?", or ''.
CREATE OR REPLACE FUNCTION import_suggest(key text, names text[]) RETURNS text LANGUAGE sql STABLE PARALLEL SAFE
SET search_path = pg_catalog, scorecard, pg_temp AS $$
	SELECT coalesce('; did you mean ' || pg_catalog.string_agg(c.name, ' or ' ORDER BY c.d, c.name) || '?', '')
	FROM (SELECT d.name, d.d
	      FROM (SELECT DISTINCT n.name, text_distance(key, n.name) AS d
	            FROM pg_catalog.unnest(names) n(name) WHERE n.name <> '') d
	      WHERE d.d <= GREATEST(1, pg_catalog.length(key) / 2)
	      ORDER BY d.d, d.name LIMIT 3) c
$$;
COMMENT ON FUNCTION import_suggest(text, text[]) IS 'the up to three names closest to a key as "; did you mean A or B?", or empty';

-- A unit named by its id (its code) or its Chinese name: the unit's id,
-- or NULL and the reason (unknown, with the closest names; ambiguous,
-- with the candidates).  An id wins over a name.
CREATE OR REPLACE FUNCTION resolve_unit(key text, OUT unit_id text, OUT problem text) LANGUAGE plpgsql STABLE
SET search_path = pg_catalog, scorecard, pg_temp AS $$
DECLARE
	k text := staging_trim(key);
	n int;
BEGIN
	IF k IS NULL OR k = '' THEN problem := 'unit is missing'; RETURN; END IF;
	SELECT u.unit_id INTO unit_id FROM unit u WHERE u.unit_id OPERATOR(pg_catalog.=) k;
	IF FOUND THEN RETURN; END IF;
	SELECT pg_catalog.count(*), pg_catalog.min(u.unit_id),
	       pg_catalog.string_agg(pg_catalog.format('%s (id %s%s)', u.name_zh, u.unit_id,
	                             coalesce(', under ' || p.name_zh, '')), ', ' ORDER BY u.unit_id)
	INTO n, unit_id, problem
	FROM unit u LEFT JOIN unit p ON p.unit_id OPERATOR(pg_catalog.=) u.parent_id
	WHERE u.name_zh OPERATOR(pg_catalog.=) k;
	IF n = 1 THEN problem := NULL; RETURN; END IF;
	unit_id := NULL;
	IF n > 1 THEN
		problem := pg_catalog.format('unit "%s" is ambiguous: %s units have that name, %s; name it by its id', k, n, problem);
		RETURN;
	END IF;
	problem := pg_catalog.format('unknown unit "%s"', staging_visible(k))
		|| import_suggest(k, ARRAY(SELECT u.name_zh FROM unit u UNION ALL SELECT u.unit_id FROM unit u));
END $$;
COMMENT ON FUNCTION resolve_unit(text) IS 'a unit named by id or Chinese name: its id, or NULL and why (unknown with the closest names, or ambiguous with the candidates)';

-- A key that names no object, or names several: 22023 with the problem
-- resolve_unit or resolve_indicator found (the closest names, or the
-- candidates) and how the object is named; nothing when problem is NULL.
CREATE OR REPLACE FUNCTION key_refused(problem text, naming text) RETURNS void LANGUAGE plpgsql IMMUTABLE
SET search_path = pg_catalog, scorecard, pg_temp AS $$
BEGIN
	IF problem IS NOT NULL THEN
		RAISE EXCEPTION '%', problem USING ERRCODE = 'invalid_parameter_value', DETAIL = naming;
	END IF;
END $$;
COMMENT ON FUNCTION key_refused(text, text) IS 'raise 22023 with a key''s problem (unknown or ambiguous) and how the object is named; nothing when problem is NULL';

-- A unit's id from its id, code or Chinese name; 22023 when unknown or
-- ambiguous (the report and the runs name units this way).
CREATE OR REPLACE FUNCTION unit_key(key text) RETURNS text LANGUAGE plpgsql STABLE
SET search_path = pg_catalog, scorecard, pg_temp AS $$
DECLARE
	r record := resolve_unit(key);
BEGIN
	PERFORM key_refused(r.problem, 'A unit is named by its id (scorecard.unit.unit_id) or its Chinese name (name_zh).');
	RETURN r.unit_id;
END $$;
COMMENT ON FUNCTION unit_key(text) IS 'a unit''s id from its id or Chinese name; 22023 naming the closest names or the candidates';

-- An indicator named by its code, its id or its Chinese name (in that
-- order): its id, or NULL and the reason.
CREATE OR REPLACE FUNCTION resolve_indicator(key text, OUT indicator_id int, OUT problem text) LANGUAGE plpgsql STABLE
SET search_path = pg_catalog, scorecard, pg_temp AS $$
DECLARE
	k text := staging_trim(key);
	n int;
BEGIN
	IF k IS NULL OR k = '' THEN problem := 'indicator is missing'; RETURN; END IF;
	SELECT i.indicator_id INTO indicator_id FROM indicator i WHERE i.code OPERATOR(pg_catalog.=) k;
	IF FOUND THEN RETURN; END IF;
	SELECT i.indicator_id INTO indicator_id FROM indicator i WHERE i.indicator_id::text OPERATOR(pg_catalog.=) k;
	IF FOUND THEN RETURN; END IF;
	SELECT pg_catalog.count(*), pg_catalog.min(i.indicator_id),
	       pg_catalog.string_agg(pg_catalog.format('%s (id %s, code %s)', i.name_zh, i.indicator_id, i.code), ', ' ORDER BY i.indicator_id)
	INTO n, indicator_id, problem
	FROM indicator i WHERE i.name_zh OPERATOR(pg_catalog.=) k;
	IF n = 1 THEN problem := NULL; RETURN; END IF;
	indicator_id := NULL;
	IF n > 1 THEN
		problem := pg_catalog.format('indicator "%s" is ambiguous: %s indicators have that name, %s; name it by its code', k, n, problem);
		RETURN;
	END IF;
	problem := pg_catalog.format('unknown indicator "%s"', staging_visible(k))
		|| import_suggest(k, ARRAY(SELECT i.name_zh FROM indicator i UNION ALL SELECT i.code FROM indicator i));
END $$;
COMMENT ON FUNCTION resolve_indicator(text) IS 'an indicator named by code, id or Chinese name: its id, or NULL and why (unknown with the closest names, or ambiguous with the candidates)';

-- An indicator's id from its code, id or Chinese name; 22023 when unknown
-- or ambiguous (as unit_key for units).
CREATE OR REPLACE FUNCTION indicator_key(key text) RETURNS int LANGUAGE plpgsql STABLE
SET search_path = pg_catalog, scorecard, pg_temp AS $$
DECLARE
	r record := resolve_indicator(key);
BEGIN
	PERFORM key_refused(r.problem, 'An indicator is named by its code, its id or its Chinese name (name_zh).');
	RETURN r.indicator_id;
END $$;
COMMENT ON FUNCTION indicator_key(text) IS 'an indicator''s id from its code, id or Chinese name; 22023 naming the closest names or the candidates';

-- An action named by its number or its Chinese name: its id, or NULL and why.
CREATE OR REPLACE FUNCTION resolve_action(key text, OUT action_id int, OUT problem text) LANGUAGE plpgsql STABLE
SET search_path = pg_catalog, scorecard, pg_temp AS $$
DECLARE
	k text := staging_trim(key);
	n int;
BEGIN
	IF k IS NULL OR k = '' THEN problem := 'action is missing'; RETURN; END IF;
	SELECT a.action_id INTO action_id FROM action a WHERE a.action_id::text OPERATOR(pg_catalog.=) k;
	IF FOUND THEN RETURN; END IF;
	SELECT pg_catalog.count(*), pg_catalog.min(a.action_id) INTO n, action_id
	FROM action a WHERE a.name_zh OPERATOR(pg_catalog.=) k;
	IF n = 1 THEN RETURN; END IF;
	action_id := NULL;
	IF n > 1 THEN
		problem := pg_catalog.format('action "%s" is ambiguous: %s actions have that name; name it by its number', k, n);
		RETURN;
	END IF;
	problem := pg_catalog.format('unknown action "%s"', staging_visible(k))
		|| import_suggest(k, ARRAY(SELECT a.name_zh FROM action a));
END $$;
COMMENT ON FUNCTION resolve_action(text) IS 'an action named by number or Chinese name: its id, or NULL and why';

-- A word of a file in its canonical form: a unit kind by kind or Chinese
-- name, and the Chinese words of the indicator's and task's columns
-- (性质 流量/存量/比率/任务, 报送 当月/累计, ...).  NULL: the word is not
-- one of the domain's; import_words() lists them for the message.
CREATE OR REPLACE FUNCTION import_word(domain text, word text) RETURNS text LANGUAGE sql STABLE PARALLEL SAFE
SET search_path = pg_catalog, scorecard, pg_temp AS $$
	SELECT CASE WHEN domain = 'kind'
	            THEN (SELECT pg_catalog.min(k.kind) FROM unit_kind k
	                  WHERE k.kind OPERATOR(pg_catalog.=) pg_catalog.lower(word) OR k.name_zh OPERATOR(pg_catalog.=) word)
	            ELSE (SELECT w.canonical FROM import_words() w
	                  WHERE w.domain OPERATOR(pg_catalog.=) import_word.domain
	                    AND w.word OPERATOR(pg_catalog.=) pg_catalog.lower(import_word.word)) END
$$;
COMMENT ON FUNCTION import_word(text, text) IS 'a word of an import file (Chinese or English) in its canonical form, or NULL';

-- The words of each domain (English and Chinese) and their canonical form.
CREATE OR REPLACE FUNCTION import_words() RETURNS TABLE (domain text, word text, canonical text)
LANGUAGE sql IMMUTABLE PARALLEL SAFE
SET search_path = pg_catalog, pg_temp AS $$
	SELECT v.domain, v.word, v.canonical FROM (VALUES
	('boolean', 'true', 'true'), ('boolean', 't', 'true'), ('boolean', 'yes', 'true'), ('boolean', '1', 'true'), ('boolean', '是', 'true'),
	('boolean', 'false', 'false'), ('boolean', 'f', 'false'), ('boolean', 'no', 'false'), ('boolean', '0', 'false'), ('boolean', '否', 'false'),
	('direction', 'true', 'true'), ('direction', '越大越好', 'true'), ('direction', '正向', 'true'),
	('direction', 'false', 'false'), ('direction', '越小越好', 'false'), ('direction', '逆向', 'false'),
	('nature', 'flow', 'flow'), ('nature', '流量', 'flow'), ('nature', 'stock', 'stock'), ('nature', '存量', 'stock'),
	('nature', 'rate', 'rate'), ('nature', '比率', 'rate'), ('nature', 'task', 'task'), ('nature', '任务', 'task'),
	('frequency', 'monthly', 'monthly'), ('frequency', '月度', 'monthly'), ('frequency', 'quarterly', 'quarterly'),
	('frequency', '季度', 'quarterly'), ('frequency', 'annual', 'annual'), ('frequency', '年度', 'annual'),
	('reporting', 'monthly', 'monthly'), ('reporting', '当月', 'monthly'),
	('reporting', 'cumulative', 'cumulative'), ('reporting', '累计', 'cumulative'),
	('scoring', 'ratio', 'ratio'), ('scoring', '完成率', 'ratio'), ('scoring', 'threshold', 'threshold'), ('scoring', '达标', 'threshold'),
	('scoring', 'efficacy', 'efficacy'), ('scoring', '功效系数', 'efficacy'), ('scoring', 'banded', 'banded'), ('scoring', '分档功效系数', 'banded'),
	('scoring', 'rank', 'rank'), ('scoring', '排名', 'rank'), ('scoring', 'scale', 'scale'), ('scoring', '十分制', 'scale'),
	('scoring', 'baseline', 'baseline'), ('scoring', '基数', 'baseline'),
	('judged_on', 'own', 'own'), ('judged_on', '本级', 'own'), ('judged_on', 'area', 'area'), ('judged_on', '所在地区', 'area'),
	('task_kind', 'project', 'project'), ('task_kind', '项目', 'project'), ('task_kind', 'task', 'task'), ('task_kind', '任务', 'task'),
	('task_kind', 'policy', 'policy'), ('task_kind', '政策', 'policy'),
	('status', 'not_started', 'not_started'), ('status', '未启动', 'not_started'), ('status', 'in_progress', 'in_progress'),
	('status', '推进中', 'in_progress'), ('status', 'done', 'done'), ('status', '已完成', 'done'),
	('status', 'suspended', 'suspended'), ('status', '暂停', 'suspended')
	) v(domain, word, canonical)
$$;
COMMENT ON FUNCTION import_words() IS 'the words of each domain of an import file (English and Chinese) and their canonical form';

-- A word in canonical form, or the reason naming the words of its domain.
CREATE OR REPLACE FUNCTION import_word_problem(domain text, label text, word text) RETURNS text LANGUAGE sql STABLE PARALLEL SAFE
SET search_path = pg_catalog, scorecard, pg_temp AS $$
	SELECT pg_catalog.format('%s "%s" is not one of %s', label, staging_visible(word),
	       CASE WHEN domain = 'kind'
	            THEN (SELECT pg_catalog.string_agg(k.name_zh || ' (' || k.kind || ')', ', ' ORDER BY k.level NULLS LAST, k.kind) FROM unit_kind k)
	            ELSE (SELECT pg_catalog.string_agg(w.word, ', ') FROM import_words() w WHERE w.domain OPERATOR(pg_catalog.=) import_word_problem.domain) END)
$$;
COMMENT ON FUNCTION import_word_problem(text, text, text) IS 'the reason a word is not one of its domain''s, naming them';

-- A staged field as an integer (full-width digits and 2024年 read), or NULL.
CREATE OR REPLACE FUNCTION import_int(s text) RETURNS int LANGUAGE sql IMMUTABLE PARALLEL SAFE
SET search_path = pg_catalog, scorecard, pg_temp AS $$
	SELECT CASE WHEN f = pg_catalog.trunc(f) AND pg_catalog.abs(f) < 2e9::float8 THEN f::int END
	FROM (SELECT parse_figure(pg_catalog.regexp_replace(staging_trim(s), '年$', '')) AS f) x
$$;
COMMENT ON FUNCTION import_int(text) IS 'a staged field as an integer (full-width digits, a trailing 年 read), or NULL';

-- A staged date (2024-06-30, 2024/6/30, 2024.6.30, 2024年6月30日,
-- full-width digits), or NULL.
-- (PARALLEL UNSAFE: its exception block starts a subtransaction, which no
-- parallel query allows.)
CREATE OR REPLACE FUNCTION import_date(s text) RETURNS date LANGUAGE plpgsql IMMUTABLE PARALLEL UNSAFE
SET search_path = pg_catalog, scorecard, pg_temp AS $$
DECLARE
	t text := pg_catalog.regexp_replace(pg_catalog.translate(staging_trim(s), '/.年月０１２３４５６７８９', '----0123456789'), '日$', '');
BEGIN
	IF t !~ '^\d{4}-\d{1,2}-\d{1,2}$' THEN RETURN NULL; END IF;
	RETURN pg_catalog.make_date(pg_catalog.split_part(t, '-', 1)::int, pg_catalog.split_part(t, '-', 2)::int,
	                            pg_catalog.split_part(t, '-', 3)::int);
EXCEPTION WHEN datetime_field_overflow OR invalid_parameter_value OR numeric_value_out_of_range THEN
	RETURN NULL;
END $$;
COMMENT ON FUNCTION import_date(text) IS 'a staged date (2024-06-30, 2024/6/30, 2024年6月30日, full-width digits), or NULL';

-- Score parameters as written: {10,8,7,5,3}, 10,8,7,5,3 or 10、8、7、5、3.
CREATE OR REPLACE FUNCTION import_params(s text) RETURNS float8[] LANGUAGE sql IMMUTABLE PARALLEL SAFE
SET search_path = pg_catalog, scorecard, pg_temp AS $$
	SELECT CASE WHEN pg_catalog.bool_and(parse_figure(p) IS NOT NULL) THEN pg_catalog.array_agg(parse_figure(p) ORDER BY i) END
	FROM pg_catalog.regexp_split_to_table(pg_catalog.btrim(staging_trim(s), '{}（）()'), '[,，、;；]') WITH ORDINALITY x(p, i)
	WHERE staging_trim(s) <> ''
$$;
COMMENT ON FUNCTION import_params(text) IS 'score parameters as written ({10,8,7}, 10,8,7 or 10、8、7) as float8[], or NULL';

-- The message of the error a statement raises, with its detail and hint.
CREATE OR REPLACE FUNCTION import_error_text(msg text, detail text, hint text) RETURNS text LANGUAGE sql IMMUTABLE PARALLEL SAFE
SET search_path = pg_catalog, pg_temp AS $$
	SELECT msg || coalesce(': ' || pg_catalog.rtrim(nullif(detail, ''), '.'), '')
	           || coalesce(' (' || pg_catalog.rtrim(nullif(hint, ''), '.') || ')', '')
$$;
COMMENT ON FUNCTION import_error_text(text, text, text) IS 'an error''s message with its detail and hint, for an import''s row reasons';

-- What is wrong with a file's band set cell (预警区间, the text
-- status_bands() takes), or NULL: an empty cell is no set of its own (the
-- indicator's, the plan's or the defaults).
-- (PARALLEL UNSAFE: its exception block starts a subtransaction, which no
-- parallel query allows.)
CREATE OR REPLACE FUNCTION import_bands_problem(cell text) RETURNS text LANGUAGE plpgsql IMMUTABLE PARALLEL UNSAFE
SET search_path = pg_catalog, scorecard, pg_temp AS $$
DECLARE
	msg text; dtl text; hint text;
BEGIN
	PERFORM status_bands(nullif(staging_trim(cell), ''));
	RETURN NULL;
EXCEPTION WHEN invalid_parameter_value THEN
	GET STACKED DIAGNOSTICS msg = MESSAGE_TEXT, dtl = PG_EXCEPTION_DETAIL, hint = PG_EXCEPTION_HINT;
	RETURN 'band set (预警区间): ' || import_error_text(msg, dtl, hint);
END $$;
COMMENT ON FUNCTION import_bands_problem(text) IS 'what is wrong with an import file''s band set cell (预警区间, status_bands() text), or NULL when it is empty or valid';

-- Apply the staged files to the plan, in order (units, actions,
-- indicators, targets, tasks, then readings through check_readings and,
-- when load, load_readings), recording each bad row in
-- pg_temp.import_problem and the counts in pg_temp.import_count.  Bad
-- rows are skipped, so that the rows after them are checked against the
-- rest; the caller rolls back when any row is bad.
CREATE OR REPLACE FUNCTION import_apply(load boolean) RETURNS bigint LANGUAGE plpgsql VOLATILE
SET search_path = pg_catalog, scorecard, pg_temp AS $$
DECLARE
	s record;
	p text[];
	r record;
	id text;
	iid int;
	aid int;
	uid text;
	kind text;
	ins bigint; upd bigint; same bigint;
	before jsonb;
	after boolean;			-- the upsert wrote the row (a constant: Citus allows no other RETURNING here)
	seen jsonb;
	msg text; dtl text; hint text;
	v_target target;
	v_nature text;
	v_unit text;
	v_bands text;
	f float8;
	rf text;
BEGIN
	TRUNCATE pg_temp.import_problem, pg_temp.import_count;

	-- Units: identity first (the code, else the unit of that name, else a
	-- new unit whose id is its name), then the parents, which may be any
	-- unit of the plan or of the file.
	ins := 0; upd := 0; same := 0; seen := '{}';
	IF pg_catalog.to_regclass('pg_temp.import_unit_done') IS NULL THEN
		CREATE TEMP TABLE import_unit_done (seq bigint, unit_id text, parent text, file text, line bigint, before jsonb);
	END IF;
	TRUNCATE pg_temp.import_unit_done;
	FOR s IN SELECT * FROM pg_temp.import_unit ORDER BY seq LOOP
		p := '{}';
		id := staging_trim(s.unit_id);
		IF coalesce(staging_trim(s.name_zh), '') = '' THEN p := p || 'name (名称) is missing'::text; END IF;
		IF coalesce(id, '') = '' AND coalesce(staging_trim(s.name_zh), '') <> '' THEN
			r := resolve_unit(s.name_zh);
			id := coalesce(r.unit_id, CASE WHEN r.problem LIKE 'unknown%' THEN staging_trim(s.name_zh) END);
			IF id IS NULL THEN p := p || r.problem; END IF;
		END IF;
		kind := import_word('kind', staging_trim(s.kind));
		IF coalesce(staging_trim(s.kind), '') = '' THEN p := p || 'kind (类型) is missing'::text;
		ELSIF kind IS NULL THEN p := p || import_word_problem('kind', 'kind', staging_trim(s.kind)); END IF;
		IF coalesce(staging_trim(s.central_city), '') <> '' AND import_word('boolean', staging_trim(s.central_city)) IS NULL THEN
			p := p || import_word_problem('boolean', 'central_city', staging_trim(s.central_city));
		END IF;
		IF coalesce(staging_trim(s.sort_order), '') <> '' AND import_int(s.sort_order) IS NULL THEN
			p := p || pg_catalog.format('sort order "%s" is not a whole number', staging_visible(staging_trim(s.sort_order)));
		END IF;
		IF id IS NOT NULL AND seen ? id THEN
			p := p || pg_catalog.format('same unit as line %s%s', seen ->> id,
			                            CASE WHEN coalesce(staging_trim(s.unit_id), '') = ''
			                                 THEN ' (units of one name need a code each: fill 编码)' ELSE '' END);
		END IF;
		IF p = '{}' THEN
			seen := seen || pg_catalog.jsonb_build_object(id, s.line);
			SELECT pg_catalog.to_jsonb(u) INTO before FROM unit u WHERE u.unit_id OPERATOR(pg_catalog.=) id;
			BEGIN
				INSERT INTO unit AS u (unit_id, name_zh, name_en, kind, central_city, sort_order)
				VALUES (id, staging_trim(s.name_zh), nullif(staging_trim(s.name_en), ''), kind,
				        coalesce(import_word('boolean', staging_trim(s.central_city))::boolean, false),
				        coalesce(import_int(s.sort_order), s.seq::int))
				ON CONFLICT (unit_id) DO UPDATE SET name_zh = EXCLUDED.name_zh, name_en = EXCLUDED.name_en,
					kind = EXCLUDED.kind, central_city = EXCLUDED.central_city, sort_order = EXCLUDED.sort_order
				WHERE (u.name_zh, u.name_en, u.kind, u.central_city, u.sort_order)
				      IS DISTINCT FROM (EXCLUDED.name_zh, EXCLUDED.name_en, EXCLUDED.kind, EXCLUDED.central_city, EXCLUDED.sort_order);
				INSERT INTO pg_temp.import_unit_done VALUES (s.seq, id, staging_trim(s.parent), s.file, s.line, before);
			EXCEPTION WHEN others THEN
				GET STACKED DIAGNOSTICS msg = MESSAGE_TEXT, dtl = PG_EXCEPTION_DETAIL, hint = PG_EXCEPTION_HINT;
				p := p || import_error_text(msg, dtl, hint);
			END;
		END IF;
		IF p <> '{}' THEN
			INSERT INTO pg_temp.import_problem VALUES (s.file, s.line, pg_catalog.array_to_string(p, '; '));
		END IF;
	END LOOP;
	FOR s IN SELECT * FROM pg_temp.import_unit_done ORDER BY seq LOOP
		uid := NULL;
		IF coalesce(s.parent, '') <> '' THEN
			r := resolve_unit(s.parent);
			IF r.problem IS NOT NULL THEN
				INSERT INTO pg_temp.import_problem VALUES (s.file, s.line, 'parent: ' || r.problem);
				CONTINUE;
			END IF;
			uid := r.unit_id;
		END IF;
		BEGIN
			UPDATE unit u SET parent_id = uid WHERE u.unit_id OPERATOR(pg_catalog.=) s.unit_id
			  AND u.parent_id IS DISTINCT FROM uid;
		EXCEPTION WHEN others THEN
			GET STACKED DIAGNOSTICS msg = MESSAGE_TEXT, dtl = PG_EXCEPTION_DETAIL, hint = PG_EXCEPTION_HINT;
			INSERT INTO pg_temp.import_problem VALUES (s.file, s.line, 'parent: ' || import_error_text(msg, dtl, hint));
		END;
	END LOOP;
	SELECT pg_catalog.count(*) FILTER (WHERE d.before IS NULL),
	       pg_catalog.count(*) FILTER (WHERE d.before IS NOT NULL AND d.before OPERATOR(pg_catalog.<>) pg_catalog.to_jsonb(u)),
	       pg_catalog.count(*) FILTER (WHERE d.before OPERATOR(pg_catalog.=) pg_catalog.to_jsonb(u))
	INTO ins, upd, same
	FROM pg_temp.import_unit_done d JOIN unit u USING (unit_id);
	INSERT INTO pg_temp.import_count VALUES ('units', 1, ins, upd, same);

	-- Actions: by number (a new number when none is given and no action
	-- has the name).
	ins := 0; upd := 0; same := 0; seen := '{}';
	FOR s IN SELECT * FROM pg_temp.import_action ORDER BY seq LOOP
		p := '{}'; aid := NULL; uid := NULL;
		IF coalesce(staging_trim(s.name_zh), '') = '' THEN p := p || 'name (名称) is missing'::text; END IF;
		IF coalesce(staging_trim(s.action_id), '') <> '' THEN
			aid := import_int(s.action_id);
			IF aid IS NULL OR aid < 1 THEN
				p := p || pg_catalog.format('action number "%s" is not a positive whole number', staging_visible(staging_trim(s.action_id)));
			END IF;
		ELSIF coalesce(staging_trim(s.name_zh), '') <> '' THEN
			SELECT pg_catalog.min(a.action_id) INTO aid FROM action a WHERE a.name_zh OPERATOR(pg_catalog.=) staging_trim(s.name_zh);
			IF aid IS NULL THEN
				SELECT coalesce(pg_catalog.max(a.action_id), 0) + 1 INTO aid FROM action a;
			END IF;
		END IF;
		IF coalesce(staging_trim(s.lead_unit), '') <> '' THEN
			r := resolve_unit(s.lead_unit);
			IF r.problem IS NOT NULL THEN p := p || ('lead unit: ' || r.problem); END IF;
			uid := r.unit_id;
		END IF;
		IF aid IS NOT NULL AND seen ? aid::text THEN p := p || pg_catalog.format('same action as line %s', seen ->> aid::text); END IF;
		IF p = '{}' THEN
			seen := seen || pg_catalog.jsonb_build_object(aid::text, s.line);
			SELECT pg_catalog.to_jsonb(a) INTO before FROM action a WHERE a.action_id OPERATOR(pg_catalog.=) aid;
			BEGIN
				INSERT INTO action AS a (action_id, name_zh, name_en, lead_unit_id)
				VALUES (aid, staging_trim(s.name_zh), nullif(staging_trim(s.name_en), ''), uid)
				ON CONFLICT (action_id) DO UPDATE SET name_zh = EXCLUDED.name_zh, name_en = EXCLUDED.name_en,
					lead_unit_id = EXCLUDED.lead_unit_id
				WHERE (a.name_zh, a.name_en, a.lead_unit_id) IS DISTINCT FROM (EXCLUDED.name_zh, EXCLUDED.name_en, EXCLUDED.lead_unit_id)
				RETURNING true INTO after;
				IF before IS NULL THEN ins := ins + 1; ELSIF after IS NULL THEN same := same + 1; ELSE upd := upd + 1; END IF;
				after := NULL;
			EXCEPTION WHEN others THEN
				GET STACKED DIAGNOSTICS msg = MESSAGE_TEXT, dtl = PG_EXCEPTION_DETAIL, hint = PG_EXCEPTION_HINT;
				p := p || import_error_text(msg, dtl, hint);
			END;
		END IF;
		IF p <> '{}' THEN
			INSERT INTO pg_temp.import_problem VALUES (s.file, s.line, pg_catalog.array_to_string(p, '; '));
		END IF;
	END LOOP;
	INSERT INTO pg_temp.import_count VALUES ('actions', 2, ins, upd, same);

	-- Indicators: by id, else code, else the indicator of that name, else
	-- a new one (the next id; its code its name when none is given).
	ins := 0; upd := 0; same := 0; seen := '{}';
	FOR s IN SELECT * FROM pg_temp.import_indicator ORDER BY seq LOOP
		p := '{}'; iid := NULL; aid := NULL;
		IF coalesce(staging_trim(s.name_zh), '') = '' THEN p := p || 'name (名称) is missing'::text; END IF;
		IF coalesce(staging_trim(s.indicator_id), '') <> '' THEN
			iid := import_int(s.indicator_id);
			IF iid IS NULL THEN p := p || pg_catalog.format('indicator id "%s" is not a whole number', staging_visible(staging_trim(s.indicator_id))); END IF;
		ELSIF coalesce(staging_trim(s.code), '') <> '' THEN
			SELECT i.indicator_id INTO iid FROM indicator i WHERE i.code OPERATOR(pg_catalog.=) staging_trim(s.code);
		ELSIF coalesce(staging_trim(s.name_zh), '') <> '' THEN
			r := resolve_indicator(s.name_zh);
			iid := r.indicator_id;
			IF r.problem LIKE '%ambiguous%' THEN p := p || r.problem; END IF;
		END IF;
		IF iid IS NULL AND p = '{}' THEN
			SELECT coalesce(pg_catalog.max(i.indicator_id), 0) + 1 INTO iid FROM indicator i;
		END IF;
		IF coalesce(staging_trim(s.action), '') <> '' THEN
			r := resolve_action(s.action);
			IF r.problem IS NOT NULL THEN p := p || r.problem; END IF;
			aid := r.action_id;
		END IF;
		v_nature := coalesce(import_word('nature', nullif(staging_trim(s.nature), '')), 'flow');
		IF coalesce(staging_trim(s.nature), '') <> '' AND import_word('nature', staging_trim(s.nature)) IS NULL THEN
			p := p || import_word_problem('nature', 'nature (性质)', staging_trim(s.nature));
		END IF;
		IF coalesce(staging_trim(s.frequency), '') <> '' AND import_word('frequency', staging_trim(s.frequency)) IS NULL THEN
			p := p || import_word_problem('frequency', 'frequency (频率)', staging_trim(s.frequency));
		END IF;
		IF coalesce(staging_trim(s.reporting), '') <> '' AND import_word('reporting', staging_trim(s.reporting)) IS NULL THEN
			p := p || import_word_problem('reporting', 'reporting (报送)', staging_trim(s.reporting));
		END IF;
		IF coalesce(staging_trim(s.higher_is_better), '') <> '' AND import_word('direction', staging_trim(s.higher_is_better)) IS NULL THEN
			p := p || import_word_problem('direction', 'direction (方向)', staging_trim(s.higher_is_better));
		END IF;
		IF coalesce(staging_trim(s.jan_feb_combined), '') <> '' AND import_word('boolean', staging_trim(s.jan_feb_combined)) IS NULL THEN
			p := p || import_word_problem('boolean', 'jan_feb_combined', staging_trim(s.jan_feb_combined));
		END IF;
		IF coalesce(staging_trim(s.additive), '') <> '' AND import_word('boolean', staging_trim(s.additive)) IS NULL THEN
			p := p || import_word_problem('boolean', 'additive', staging_trim(s.additive));
		END IF;
		IF coalesce(staging_trim(s.decimals), '') <> '' AND import_int(s.decimals) IS NULL THEN
			p := p || pg_catalog.format('decimals "%s" is not a whole number', staging_visible(staging_trim(s.decimals)));
		END IF;
		IF coalesce(staging_trim(s.growth_decimals), '') <> '' AND import_int(s.growth_decimals) IS NULL THEN
			p := p || pg_catalog.format('growth decimals "%s" is not a whole number', staging_visible(staging_trim(s.growth_decimals)));
		END IF;
		msg := import_bands_problem(s.status_bands);
		IF msg IS NOT NULL THEN p := p || msg; END IF;
		v_bands := CASE WHEN msg IS NULL THEN status_bands(nullif(staging_trim(s.status_bands), '')) END;
		IF coalesce(staging_trim(s.derived_threshold), '') <> '' AND parse_figure(staging_trim(s.derived_threshold)) IS NULL THEN
			p := p || pg_catalog.format('derived_threshold "%s": %s', staging_visible(staging_trim(s.derived_threshold)),
			                            pg_catalog.rtrim(figure_error(staging_trim(s.derived_threshold)), '.'));
		END IF;
		IF iid IS NOT NULL AND seen ? iid::text THEN p := p || pg_catalog.format('same indicator as line %s', seen ->> iid::text); END IF;
		IF p = '{}' THEN
			seen := seen || pg_catalog.jsonb_build_object(iid::text, s.line);
			SELECT pg_catalog.to_jsonb(i) INTO before FROM indicator i WHERE i.indicator_id OPERATOR(pg_catalog.=) iid;
			BEGIN
				INSERT INTO indicator AS i (indicator_id, code, action_id, name_zh, name_en, measure_unit, nature,
					frequency, higher_is_better, reporting, jan_feb_combined, additive, decimals, growth_decimals, status_bands)
				VALUES (iid, coalesce(nullif(staging_trim(s.code), ''), before ->> 'code', staging_trim(s.name_zh)), aid,
					staging_trim(s.name_zh), nullif(staging_trim(s.name_en), ''), coalesce(staging_trim(s.measure_unit), ''), v_nature,
					coalesce(import_word('frequency', nullif(staging_trim(s.frequency), '')), 'monthly'),
					coalesce(import_word('direction', nullif(staging_trim(s.higher_is_better), ''))::boolean, true),
					coalesce(import_word('reporting', nullif(staging_trim(s.reporting), '')), 'monthly'),
					coalesce(import_word('boolean', nullif(staging_trim(s.jan_feb_combined), ''))::boolean, false),
					coalesce(import_word('boolean', nullif(staging_trim(s.additive), ''))::boolean, v_nature <> 'rate'),
					import_int(s.decimals), coalesce(import_int(s.growth_decimals), 1), v_bands)
				ON CONFLICT (indicator_id) DO UPDATE SET code = EXCLUDED.code, action_id = EXCLUDED.action_id,
					name_zh = EXCLUDED.name_zh, name_en = EXCLUDED.name_en, measure_unit = EXCLUDED.measure_unit,
					nature = EXCLUDED.nature, frequency = EXCLUDED.frequency, higher_is_better = EXCLUDED.higher_is_better,
					reporting = EXCLUDED.reporting, jan_feb_combined = EXCLUDED.jan_feb_combined,
					additive = EXCLUDED.additive, decimals = EXCLUDED.decimals, growth_decimals = EXCLUDED.growth_decimals,
					status_bands = EXCLUDED.status_bands
				WHERE (i.code, i.action_id, i.name_zh, i.name_en, i.measure_unit, i.nature, i.frequency, i.higher_is_better,
				       i.reporting, i.jan_feb_combined, i.additive, i.decimals, i.growth_decimals, i.status_bands)
				      IS DISTINCT FROM (EXCLUDED.code, EXCLUDED.action_id, EXCLUDED.name_zh, EXCLUDED.name_en,
				       EXCLUDED.measure_unit, EXCLUDED.nature, EXCLUDED.frequency, EXCLUDED.higher_is_better,
				       EXCLUDED.reporting, EXCLUDED.jan_feb_combined, EXCLUDED.additive, EXCLUDED.decimals, EXCLUDED.growth_decimals,
				       EXCLUDED.status_bands)
				RETURNING true INTO after;
				IF before IS NULL THEN ins := ins + 1; ELSIF after IS NULL THEN same := same + 1; ELSE upd := upd + 1; END IF;
				after := NULL;
			EXCEPTION WHEN others THEN
				GET STACKED DIAGNOSTICS msg = MESSAGE_TEXT, dtl = PG_EXCEPTION_DETAIL, hint = PG_EXCEPTION_HINT;
				p := p || import_error_text(msg, dtl, hint);
			END;
		END IF;
		IF p <> '{}' THEN
			INSERT INTO pg_temp.import_problem VALUES (s.file, s.line, pg_catalog.array_to_string(p, '; '));
		END IF;
	END LOOP;
	-- derived_from names another indicator, of the file or the plan
	FOR s IN SELECT * FROM pg_temp.import_indicator
	         WHERE coalesce(staging_trim(derived_from), '') <> '' OR coalesce(staging_trim(derived_threshold), '') <> ''
	         ORDER BY seq LOOP
		r := resolve_indicator(coalesce(nullif(staging_trim(s.indicator_id), ''), nullif(staging_trim(s.code), ''), s.name_zh));
		CONTINUE WHEN r.problem IS NOT NULL;
		iid := r.indicator_id;
		r := resolve_indicator(s.derived_from);
		IF r.problem IS NOT NULL THEN
			INSERT INTO pg_temp.import_problem VALUES (s.file, s.line, 'derived_from: ' || r.problem);
			CONTINUE;
		END IF;
		BEGIN
			UPDATE indicator i SET derived_from = r.indicator_id, derived_threshold = parse_figure(staging_trim(s.derived_threshold))
			WHERE i.indicator_id OPERATOR(pg_catalog.=) iid
			  AND (i.derived_from, i.derived_threshold) IS DISTINCT FROM (r.indicator_id, parse_figure(staging_trim(s.derived_threshold)));
		EXCEPTION WHEN others THEN
			GET STACKED DIAGNOSTICS msg = MESSAGE_TEXT, dtl = PG_EXCEPTION_DETAIL, hint = PG_EXCEPTION_HINT;
			INSERT INTO pg_temp.import_problem VALUES (s.file, s.line, import_error_text(msg, dtl, hint));
		END;
	END LOOP;
	INSERT INTO pg_temp.import_count VALUES ('indicators', 3, ins, upd, same);

	-- Targets: indicator x unit x year, the target as written (the
	-- bureau's wording), its unit of measure checked against the
	-- indicator's and its measure against the indicator's nature.
	ins := 0; upd := 0; same := 0; seen := '{}';
	FOR s IN SELECT * FROM pg_temp.import_target WHERE coalesce(staging_trim(effective_from), '') = '' ORDER BY seq LOOP
		p := '{}'; iid := NULL; uid := NULL; aid := NULL; v_target := NULL;
		r := resolve_indicator(s.indicator);
		IF r.problem IS NOT NULL THEN p := p || r.problem; END IF;
		iid := r.indicator_id;
		r := resolve_unit(s.unit);
		IF r.problem IS NOT NULL THEN p := p || r.problem; END IF;
		uid := r.unit_id;
		IF coalesce(staging_trim(s.year), '') = '' THEN p := p || 'year (年度) is missing'::text;
		ELSIF import_int(s.year) IS NULL THEN p := p || pg_catalog.format('year "%s" is not a year such as 2024', staging_visible(staging_trim(s.year)));
		END IF;
		IF coalesce(staging_trim(s.target), '') = '' THEN
			p := p || 'target (目标) is missing'::text;
		ELSE
			BEGIN
				v_target := staging_trim(s.target)::target;
			EXCEPTION WHEN others THEN
				GET STACKED DIAGNOSTICS msg = MESSAGE_TEXT, dtl = PG_EXCEPTION_DETAIL, hint = PG_EXCEPTION_HINT;
				p := p || import_error_text(msg, dtl, hint);
			END;
		END IF;
		IF v_target IS NOT NULL AND iid IS NOT NULL THEN
			SELECT i.nature, i.measure_unit INTO v_nature, v_unit FROM indicator i WHERE i.indicator_id OPERATOR(pg_catalog.=) iid;
			BEGIN
				PERFORM target_check_unit(staging_trim(s.target), v_unit);
			EXCEPTION WHEN others THEN
				GET STACKED DIAGNOSTICS msg = MESSAGE_TEXT, dtl = PG_EXCEPTION_DETAIL, hint = PG_EXCEPTION_HINT;
				p := p || import_error_text(msg, dtl, hint);
			END;
			BEGIN
				PERFORM target_check_fits(v_target, v_nature);
			EXCEPTION WHEN others THEN
				GET STACKED DIAGNOSTICS msg = MESSAGE_TEXT, dtl = PG_EXCEPTION_DETAIL, hint = PG_EXCEPTION_HINT;
				p := p || import_error_text(msg, dtl, hint);
			END;
		END IF;
		FOREACH rf IN ARRAY ARRAY['weight', 'score_floor', 'score_cap'] LOOP
			msg := staging_trim(CASE rf WHEN 'weight' THEN s.weight WHEN 'score_floor' THEN s.score_floor ELSE s.score_cap END);
			IF coalesce(msg, '') <> '' AND parse_figure(msg) IS NULL THEN
				p := p || pg_catalog.format('%s "%s": %s', rf, staging_visible(msg), pg_catalog.rtrim(figure_error(msg), '.'));
			END IF;
		END LOOP;
		IF coalesce(staging_trim(s.scoring), '') <> '' AND import_word('scoring', staging_trim(s.scoring)) IS NULL THEN
			p := p || import_word_problem('scoring', 'scoring (计分方法)', staging_trim(s.scoring));
		END IF;
		IF coalesce(staging_trim(s.judged_on), '') <> '' AND import_word('judged_on', staging_trim(s.judged_on)) IS NULL THEN
			p := p || import_word_problem('judged_on', 'judged_on (考核口径)', staging_trim(s.judged_on));
		END IF;
		IF coalesce(staging_trim(s.score_params), '') <> '' AND import_params(s.score_params) IS NULL THEN
			p := p || pg_catalog.format('score parameters "%s" are not numbers separated by commas', staging_visible(staging_trim(s.score_params)));
		END IF;
		msg := import_bands_problem(s.status_bands);
		IF msg IS NOT NULL THEN p := p || msg; END IF;
		v_bands := CASE WHEN msg IS NULL THEN status_bands(nullif(staging_trim(s.status_bands), '')) END;
		IF coalesce(staging_trim(s.reference_indicator), '') <> '' THEN
			r := resolve_indicator(s.reference_indicator);
			IF r.problem IS NOT NULL THEN p := p || ('reference indicator: ' || r.problem); END IF;
			aid := r.indicator_id;
		END IF;
		id := pg_catalog.concat_ws('/', iid, uid, import_int(s.year));
		IF iid IS NOT NULL AND uid IS NOT NULL AND import_int(s.year) IS NOT NULL AND seen ? id THEN
			p := p || pg_catalog.format('same indicator, unit and year as line %s', seen ->> id);
		END IF;
		IF p = '{}' THEN
			seen := seen || pg_catalog.jsonb_build_object(id, s.line);
			SELECT pg_catalog.to_jsonb(t) INTO before FROM plan_target t
			WHERE t.indicator_id OPERATOR(pg_catalog.=) iid AND t.unit_id OPERATOR(pg_catalog.=) uid
			  AND t.year OPERATOR(pg_catalog.=) import_int(s.year);
			BEGIN
				-- an empty cell: plan_target's default
				INSERT INTO plan_target AS t (indicator_id, unit_id, year, target, weight, scoring, score_floor, score_cap,
					score_params, reference_indicator_id, judged_on, note, indicator_nature, status_bands)
				VALUES (iid, uid, import_int(s.year), v_target,
					coalesce(parse_figure(nullif(staging_trim(s.weight), '')), 0),
					coalesce(import_word('scoring', nullif(staging_trim(s.scoring), '')), 'ratio'),
					coalesce(parse_figure(nullif(staging_trim(s.score_floor), '')), 0),
					coalesce(parse_figure(nullif(staging_trim(s.score_cap), '')), 1.2),
					import_params(s.score_params), aid,
					coalesce(import_word('judged_on', nullif(staging_trim(s.judged_on), '')), 'own'),
					nullif(staging_trim(s.note), ''), v_nature, v_bands)
				ON CONFLICT (indicator_id, unit_id, year) DO UPDATE SET target = EXCLUDED.target, weight = EXCLUDED.weight,
					scoring = EXCLUDED.scoring, score_floor = EXCLUDED.score_floor, score_cap = EXCLUDED.score_cap,
					score_params = EXCLUDED.score_params, reference_indicator_id = EXCLUDED.reference_indicator_id,
					judged_on = EXCLUDED.judged_on, note = EXCLUDED.note, status_bands = EXCLUDED.status_bands
				WHERE (t.target::text, t.weight, t.scoring, t.score_floor, t.score_cap, t.score_params,
				       t.reference_indicator_id, t.judged_on, t.note, t.status_bands)
				      IS DISTINCT FROM (EXCLUDED.target::text, EXCLUDED.weight, EXCLUDED.scoring, EXCLUDED.score_floor,
				       EXCLUDED.score_cap, EXCLUDED.score_params, EXCLUDED.reference_indicator_id, EXCLUDED.judged_on, EXCLUDED.note,
				       EXCLUDED.status_bands)
				RETURNING true INTO after;
				IF before IS NULL THEN ins := ins + 1; ELSIF after IS NULL THEN same := same + 1; ELSE upd := upd + 1; END IF;
				after := NULL;
			EXCEPTION WHEN others THEN
				GET STACKED DIAGNOSTICS msg = MESSAGE_TEXT, dtl = PG_EXCEPTION_DETAIL, hint = PG_EXCEPTION_HINT;
				p := p || import_error_text(msg, dtl, hint);
			END;
		END IF;
		IF p <> '{}' THEN
			INSERT INTO pg_temp.import_problem VALUES (s.file, s.line, pg_catalog.array_to_string(p, '; '));
		END IF;
	END LOOP;
	INSERT INTO pg_temp.import_count VALUES ('targets', 4, ins, upd, same);

	-- Targets changed mid-year: a targets row with an effective date
	-- (生效日期) is an adjustment of the year's target (adjust_target),
	-- which a row without one, or the plan, sets; the note is its reason.
	ins := 0; same := 0;
	FOR s IN SELECT * FROM pg_temp.import_target WHERE coalesce(staging_trim(effective_from), '') <> '' ORDER BY seq LOOP
		p := '{}';
		IF coalesce(staging_trim(s.weight), staging_trim(s.scoring), staging_trim(s.score_floor), staging_trim(s.score_cap),
		            staging_trim(s.score_params), staging_trim(s.reference_indicator), staging_trim(s.judged_on),
		            staging_trim(s.status_bands), '') <> '' THEN
			p := p || 'an adjustment (a row with 生效日期) changes the target only: give weight, scoring and the other columns on the year''s row without 生效日期'::text;
		ELSIF import_int(s.year) IS NULL THEN
			p := p || 'year (年度) is missing or not a year such as 2024'::text;
		ELSIF coalesce(staging_trim(s.target), '') = '' THEN
			p := p || 'target (目标) is missing'::text;
		ELSIF import_date(s.effective_from) IS NULL THEN
			p := p || pg_catalog.format('effective date (生效日期) "%s" is not a date such as 2024-07-01 or 2024年7月1日',
			                            staging_visible(staging_trim(s.effective_from)));
		ELSE
			BEGIN
				SELECT pg_catalog.count(*) INTO f FROM target_adjustment;
				PERFORM adjust_target(s.indicator, s.unit, import_int(s.year), staging_trim(s.target),
				                      import_date(s.effective_from), nullif(staging_trim(s.note), ''));
				IF (SELECT pg_catalog.count(*) FROM target_adjustment) > f THEN ins := ins + 1; ELSE same := same + 1; END IF;
			EXCEPTION WHEN others THEN
				GET STACKED DIAGNOSTICS msg = MESSAGE_TEXT, dtl = PG_EXCEPTION_DETAIL, hint = PG_EXCEPTION_HINT;
				p := p || import_error_text(pg_catalog.regexp_replace(msg, '^adjust_target: ', ''), dtl, hint);
			END;
		END IF;
		IF p <> '{}' THEN
			INSERT INTO pg_temp.import_problem VALUES (s.file, s.line, pg_catalog.array_to_string(p, '; '));
		END IF;
	END LOOP;
	IF ins + same > 0 THEN
		INSERT INTO pg_temp.import_count VALUES ('target adjustments', 5, ins, 0, same);
	END IF;

	-- Tasks: by number, else year and name (a new task's number is
	-- year-name).
	ins := 0; upd := 0; same := 0; seen := '{}';
	FOR s IN SELECT * FROM pg_temp.import_task ORDER BY seq LOOP
		p := '{}'; iid := NULL; uid := NULL; aid := NULL;
		IF coalesce(staging_trim(s.name_zh), '') = '' THEN p := p || 'name (名称) is missing'::text; END IF;
		r := resolve_action(s.action);
		IF r.problem IS NOT NULL THEN p := p || r.problem; END IF;
		aid := r.action_id;
		r := resolve_unit(s.responsible_unit);
		IF r.problem IS NOT NULL THEN p := p || ('responsible unit: ' || r.problem); END IF;
		uid := r.unit_id;
		IF coalesce(staging_trim(s.indicator), '') <> '' THEN
			r := resolve_indicator(s.indicator);
			IF r.problem IS NOT NULL THEN p := p || r.problem; END IF;
			iid := r.indicator_id;
		END IF;
		IF coalesce(staging_trim(s.year), '') = '' THEN p := p || 'year (年度) is missing'::text;
		ELSIF import_int(s.year) IS NULL THEN p := p || pg_catalog.format('year "%s" is not a year such as 2024', staging_visible(staging_trim(s.year)));
		END IF;
		IF coalesce(staging_trim(s.kind), '') <> '' AND import_word('task_kind', staging_trim(s.kind)) IS NULL THEN
			p := p || import_word_problem('task_kind', 'kind (类型)', staging_trim(s.kind));
		END IF;
		IF coalesce(staging_trim(s.status), '') <> '' AND import_word('status', staging_trim(s.status)) IS NULL THEN
			p := p || import_word_problem('status', 'status (状态)', staging_trim(s.status));
		END IF;
		IF coalesce(staging_trim(s.due_date), '') = '' THEN p := p || 'due date (完成时限) is missing'::text; END IF;
		FOREACH rf IN ARRAY ARRAY['start_date', 'due_date', 'completed_on'] LOOP
			msg := staging_trim(CASE rf WHEN 'start_date' THEN s.start_date WHEN 'due_date' THEN s.due_date ELSE s.completed_on END);
			IF coalesce(msg, '') <> '' AND import_date(msg) IS NULL THEN
				p := p || pg_catalog.format('%s "%s" is not a date such as 2024-06-30', rf, staging_visible(msg));
			END IF;
		END LOOP;
		FOREACH rf IN ARRAY ARRAY['planned_investment', 'completed_investment'] LOOP
			msg := staging_trim(CASE rf WHEN 'planned_investment' THEN s.planned_investment ELSE s.completed_investment END);
			IF coalesce(msg, '') <> '' AND parse_figure(msg) IS NULL THEN
				p := p || pg_catalog.format('%s "%s": %s', rf, staging_visible(msg), pg_catalog.rtrim(figure_error(msg), '.'));
			END IF;
		END LOOP;
		id := coalesce(nullif(staging_trim(s.task_id), ''), import_int(s.year) || '-' || staging_trim(s.name_zh));
		IF id IS NOT NULL AND seen ? id THEN p := p || pg_catalog.format('same task as line %s', seen ->> id); END IF;
		IF p = '{}' THEN
			seen := seen || pg_catalog.jsonb_build_object(id, s.line);
			SELECT pg_catalog.to_jsonb(t) INTO before FROM task t WHERE t.task_id OPERATOR(pg_catalog.=) id;
			BEGIN
				INSERT INTO task AS t (task_id, action_id, kind, name_zh, name_en, responsible_unit_id, lead_person, section,
					indicator_id, year, start_date, due_date, status, completed_on, planned_investment, completed_investment)
				VALUES (id, aid, coalesce(import_word('task_kind', nullif(staging_trim(s.kind), '')), 'task'),
					staging_trim(s.name_zh), nullif(staging_trim(s.name_en), ''), uid, nullif(staging_trim(s.lead_person), ''),
					nullif(staging_trim(s.section), ''), iid, import_int(s.year), import_date(s.start_date), import_date(s.due_date),
					coalesce(import_word('status', nullif(staging_trim(s.status), '')), 'not_started'), import_date(s.completed_on),
					parse_figure(nullif(staging_trim(s.planned_investment), ''))::numeric,
					parse_figure(nullif(staging_trim(s.completed_investment), ''))::numeric)
				ON CONFLICT (task_id) DO UPDATE SET action_id = EXCLUDED.action_id, kind = EXCLUDED.kind,
					name_zh = EXCLUDED.name_zh, name_en = EXCLUDED.name_en, responsible_unit_id = EXCLUDED.responsible_unit_id,
					lead_person = EXCLUDED.lead_person, section = EXCLUDED.section, indicator_id = EXCLUDED.indicator_id,
					year = EXCLUDED.year, start_date = EXCLUDED.start_date, due_date = EXCLUDED.due_date,
					status = EXCLUDED.status, completed_on = EXCLUDED.completed_on,
					planned_investment = EXCLUDED.planned_investment, completed_investment = EXCLUDED.completed_investment
				WHERE (t.action_id, t.kind, t.name_zh, t.name_en, t.responsible_unit_id, t.lead_person, t.section,
				       t.indicator_id, t.year, t.start_date, t.due_date, t.status, t.completed_on,
				       t.planned_investment, t.completed_investment)
				      IS DISTINCT FROM (EXCLUDED.action_id, EXCLUDED.kind, EXCLUDED.name_zh, EXCLUDED.name_en,
				       EXCLUDED.responsible_unit_id, EXCLUDED.lead_person, EXCLUDED.section, EXCLUDED.indicator_id,
				       EXCLUDED.year, EXCLUDED.start_date, EXCLUDED.due_date, EXCLUDED.status, EXCLUDED.completed_on,
				       EXCLUDED.planned_investment, EXCLUDED.completed_investment)
				RETURNING true INTO after;
				IF before IS NULL THEN ins := ins + 1; ELSIF after IS NULL THEN same := same + 1; ELSE upd := upd + 1; END IF;
				after := NULL;
			EXCEPTION WHEN others THEN
				GET STACKED DIAGNOSTICS msg = MESSAGE_TEXT, dtl = PG_EXCEPTION_DETAIL, hint = PG_EXCEPTION_HINT;
				p := p || import_error_text(msg, dtl, hint);
			END;
		END IF;
		IF p <> '{}' THEN
			INSERT INTO pg_temp.import_problem VALUES (s.file, s.line, pg_catalog.array_to_string(p, '; '));
		END IF;
	END LOOP;
	INSERT INTO pg_temp.import_count VALUES ('tasks', 6, ins, upd, same);

	-- Readings: keys by name resolved to ids (against the plan as the
	-- files above leave it), then the loader's own checks and load; none
	-- staged, nothing to do (on Citus an UPDATE of the session's staging
	-- table that reads the plan's reference tables is refused, so a plan
	-- without readings must not issue one).
	ins := 0; upd := 0; same := 0;
	IF EXISTS (SELECT 1 FROM pg_temp.reading_staging) THEN
		UPDATE pg_temp.reading_staging rs SET unit = ru.unit_id
		FROM (SELECT DISTINCT x.unit FROM pg_temp.reading_staging x) k
		CROSS JOIN LATERAL resolve_unit(k.unit) ru
		WHERE rs.unit OPERATOR(pg_catalog.=) k.unit AND ru.unit_id IS NOT NULL
		  AND ru.unit_id OPERATOR(pg_catalog.<>) staging_trim(rs.unit);
		UPDATE pg_temp.reading_staging rs SET indicator = ri.indicator_id::text
		FROM (SELECT DISTINCT x.indicator FROM pg_temp.reading_staging x) k
		CROSS JOIN LATERAL resolve_indicator(k.indicator) ri
		WHERE rs.indicator OPERATOR(pg_catalog.=) k.indicator AND ri.indicator_id IS NOT NULL
		  AND NOT EXISTS (SELECT 1 FROM indicator i WHERE i.code OPERATOR(pg_catalog.=) staging_trim(rs.indicator));
		-- months and figures as people type them (2024年7月, 1,234.5) in the
		-- loader's forms
		UPDATE pg_temp.reading_staging rs
		SET month = coalesce(pg_catalog.to_char(parse_month(staging_trim(rs.month)), 'YYYY-MM'), rs.month),
		    value = coalesce(parse_figure(staging_trim(rs.value))::text, rs.value),
		    reported_growth = coalesce(parse_figure(staging_trim(rs.reported_growth))::text, rs.reported_growth);
		SELECT pg_catalog.string_agg(f.file, ', ') INTO rf FROM pg_temp.import_reading_file f;
		INSERT INTO pg_temp.import_problem
		SELECT coalesce(rf, 'readings'), c.line,
		       pg_catalog.replace(pg_catalog.replace(c.reason,
		           pg_catalog.format('unknown unit "%s"', staging_visible(c.unit)), coalesce(ru.problem, '')),
		           pg_catalog.format('unknown indicator "%s"', staging_visible(c.indicator)), coalesce(ri.problem, ''))
		FROM (SELECT c.line, c.unit, c.indicator,
		             pg_catalog.replace(pg_catalog.replace(c.reason,
		                 pg_catalog.format('month "%s" is not a date (expected YYYY-MM or YYYY-MM-01)', staging_visible(c.month)),
		                 pg_catalog.format('month "%s": %s', staging_visible(c.month), pg_catalog.rtrim(month_error(c.month), '.'))),
		                 pg_catalog.format('value "%s" is not a finite number', staging_visible(c.value)),
		                 pg_catalog.format('value "%s": %s', staging_visible(c.value), pg_catalog.rtrim(figure_error(c.value), '.'))) AS reason
		      FROM check_readings() c) c
		CROSS JOIN LATERAL resolve_unit(c.unit) ru
		CROSS JOIN LATERAL resolve_indicator(c.indicator) ri;
		IF load AND NOT EXISTS (SELECT 1 FROM pg_temp.import_problem) THEN
			SELECT l.inserted, l.revised, l.unchanged INTO ins, upd, same FROM load_readings() l;
		ELSE
			SELECT pg_catalog.count(*) INTO ins FROM pg_temp.reading_staging;
		END IF;
	END IF;
	INSERT INTO pg_temp.import_count VALUES ('readings', 7, ins, upd, same);
	RETURN (SELECT pg_catalog.count(*) FROM pg_temp.import_problem);
END $$;
COMMENT ON FUNCTION import_apply(boolean) IS 'for check_import and load_import: apply the staged files in order, recording bad rows in pg_temp.import_problem and counts in pg_temp.import_count';

-- Every bad row of every staged file: file, line and reasons (empty when
-- all can load).  Loads nothing: the rows are applied in a subtransaction
-- (so that targets are checked against the units and indicators of the
-- files) and rolled back.
CREATE OR REPLACE FUNCTION check_import() RETURNS TABLE (file text, line bigint, reason text) LANGUAGE plpgsql VOLATILE
SET search_path = pg_catalog, scorecard, pg_temp AS $$
DECLARE
	bad jsonb;
BEGIN
	IF pg_catalog.to_regclass('pg_temp.import_problem') IS NULL THEN
		RAISE EXCEPTION 'no import staging tables in this session'
			USING ERRCODE = 'object_not_in_prerequisite_state',
			      HINT = 'SELECT scorecard.begin_import(); then COPY the files into them (scripts/import.sh does it).';
	END IF;
	BEGIN
		PERFORM import_apply(false);
		SELECT pg_catalog.jsonb_agg(pg_catalog.to_jsonb(p)) INTO bad FROM pg_temp.import_problem p;
		RAISE EXCEPTION USING ERRCODE = 'SCI01';
	EXCEPTION WHEN SQLSTATE 'SCI01' THEN
		NULL;
	END;
	RETURN QUERY
	SELECT x.file, x.line, x.reason
	FROM pg_catalog.jsonb_to_recordset(coalesce(bad, '[]')) x(file text, line bigint, reason text)
	ORDER BY x.file, x.line;
END $$;
COMMENT ON FUNCTION check_import() IS 'every bad row of the staged import files with file, line and reason (loads nothing); empty if all can load';

-- Import the staged files: everything or nothing.  Raises 22P02 with
-- every bad row in the detail when any row is bad; else the counts of each
-- kind of row (inserted, updated: a row that differed from the stored
-- one, or a reading's new revision; unchanged).
CREATE OR REPLACE FUNCTION load_import() RETURNS TABLE (what text, inserted bigint, updated bigint, unchanged bigint)
LANGUAGE plpgsql VOLATILE
SET search_path = pg_catalog, scorecard, pg_temp AS $$
DECLARE
	nbad bigint;
	bad text;
BEGIN
	IF pg_catalog.to_regclass('pg_temp.import_problem') IS NULL THEN
		RAISE EXCEPTION 'no import staging tables in this session'
			USING ERRCODE = 'object_not_in_prerequisite_state',
			      HINT = 'SELECT scorecard.begin_import(); then COPY the files into them (scripts/import.sh does it).';
	END IF;
	nbad := import_apply(true);
	IF nbad > 0 THEN
		SELECT pg_catalog.string_agg(pg_catalog.format('%s line %s: %s', p.file, p.line, p.reason), E'\n' ORDER BY p.file, p.line)
		INTO bad FROM pg_temp.import_problem p;
		RAISE EXCEPTION '% bad row(s) in the import files, nothing imported', nbad
			USING ERRCODE = 'invalid_text_representation', DETAIL = bad,
			      HINT = 'Fix the rows (SELECT * FROM scorecard.check_import() lists them) and import again.';
	END IF;
	RETURN QUERY SELECT c.what, c.inserted, c.updated, c.unchanged FROM pg_temp.import_count c ORDER BY c.ord;
END $$;
COMMENT ON FUNCTION load_import() IS 'import the staged files into the plan, everything or nothing (22P02 listing every bad row); counts per kind of row';

-- The last day of the month a text names, as people write months
-- (2024-7, 2024年7月, 2024.07, a date inside the month: parse_month), for
-- the functions that take an as-of date:
--   SELECT * FROM scorecard.progress(scorecard.month_end_of('2024年7月'));
--   CALL scorecard.run_assessment(2024, scorecard.month_end_of('2024年7月'));
-- 22007 with month_error's sentence when the text names no month.
CREATE OR REPLACE FUNCTION month_end_of(month text) RETURNS date LANGUAGE plpgsql IMMUTABLE STRICT PARALLEL SAFE
SET search_path = pg_catalog, scorecard, pg_temp AS $$
DECLARE
	m date := parse_month(month);
BEGIN
	IF m IS NULL THEN
		RAISE EXCEPTION 'month "%" is not a month', month
			USING ERRCODE = 'invalid_datetime_format', DETAIL = month_error(month),
			      HINT = 'Write a month as 2024-07, 2024/7, 2024年7月 or 2024.07.';
	END IF;
	RETURN (m + 31 - pg_catalog.date_part('day', m + 31)::int);
END $$;
COMMENT ON FUNCTION month_end_of(text) IS 'the last day of the month a text names (2024-7, 2024年7月, a date inside it), for as-of arguments; 22007 saying how to write one';
