-- The monthly progress report (调度通报) as one self-contained HTML document:
-- progress_report_html(as_of) returns the whole page (inline CSS and SVG,
-- nothing fetched from a network), in Chinese, with every label taken from
-- the data and every text value escaped, of any area unit (nation,
-- province, city, county) with its child units and departments.  It computes
-- progress() once and passes its rows to every section; the sections read
-- the plan model's data functions (report_ranking, report_lagging, ...,
-- plan/85_report.sql), unit_scores_of(), indicator_state() and the stored
-- assessment runs, so a pg_cron job can store it and any client can save it.
-- This is the extension scorecard_report: the rendering (HTML, CSS) apart
-- from the plan model, so that a change of style is no plan-model version.
-- report_escape and report_css_string, called for every cell, are not
-- pinned: their bodies are SQL-standard (RETURN), bound to their objects
-- when they are created, and they inline into their callers.

-- Text made safe inside HTML element content and attribute values; the
-- bidirectional embeddings, overrides and isolates (U+202A-U+202E,
-- U+2066-U+2069), which would reorder what follows them on the page (a
-- name that shows another figure or unit), are shown as visible escapes
-- ([U+202E]) instead.
CREATE OR REPLACE FUNCTION report_escape(s text) RETURNS text
LANGUAGE sql IMMUTABLE PARALLEL SAFE
RETURN pg_catalog.replace(pg_catalog.replace(pg_catalog.replace(pg_catalog.replace(pg_catalog.replace(
	pg_catalog.replace(pg_catalog.replace(pg_catalog.replace(pg_catalog.replace(pg_catalog.replace(
	pg_catalog.replace(pg_catalog.replace(pg_catalog.replace(pg_catalog.replace(
	s, '&', '&amp;'), '<', '&lt;'), '>', '&gt;'), '"', '&quot;'), '''', '&#39;'),
	U&'\202A', '[U+202A]'), U&'\202B', '[U+202B]'), U&'\202C', '[U+202C]'), U&'\202D', '[U+202D]'),
	U&'\202E', '[U+202E]'), U&'\2066', '[U+2066]'), U&'\2067', '[U+2067]'), U&'\2068', '[U+2068]'),
	U&'\2069', '[U+2069]');
COMMENT ON FUNCTION report_escape(text) IS 'text escaped for HTML content and attribute values (& < > " ''), bidirectional controls U+202A-U+202E and U+2066-U+2069 shown as [U+202E]';

-- Text made safe inside a double-quoted CSS string in a style element:
-- backslash, quote, < and line breaks as CSS escapes; the bidirectional
-- controls shown as [U+202E], as report_escape does.
CREATE OR REPLACE FUNCTION report_css_string(s text) RETURNS text
LANGUAGE sql IMMUTABLE PARALLEL SAFE
RETURN pg_catalog.replace(pg_catalog.replace(pg_catalog.replace(pg_catalog.replace(pg_catalog.replace(
	pg_catalog.replace(pg_catalog.replace(pg_catalog.replace(pg_catalog.replace(pg_catalog.replace(
	pg_catalog.replace(pg_catalog.replace(pg_catalog.replace(pg_catalog.replace(
	s, '\', '\5c '), '"', '\22 '), '<', '\3c '), E'\n', '\a '), E'\r', '\d '),
	U&'\202A', '[U+202A]'), U&'\202B', '[U+202B]'), U&'\202C', '[U+202C]'), U&'\202D', '[U+202D]'),
	U&'\202E', '[U+202E]'), U&'\2066', '[U+2066]'), U&'\2067', '[U+2067]'), U&'\2068', '[U+2068]'),
	U&'\2069', '[U+2069]');
COMMENT ON FUNCTION report_css_string(text) IS 'text escaped for a double-quoted CSS string inside a style element (\ " < and line breaks), bidirectional controls shown as [U+202E]';

-- A status band set in words, for the report's notes: each light with
-- the shortfalls it covers, bounds in the unit given (' 个百分点', ' 亿元')
-- or, for a set in percent of the target, as 目标值的 x%.  It reads the
-- canonical text (status_bands()), whose forms are few:
--   绿：落后不超过 1 个百分点；黄：落后超过 1 个百分点、不超过 3 个百分点；红：落后超过 3 个百分点
CREATE OR REPLACE FUNCTION report_band_bound_zh(bound text, unit_zh text) RETURNS text
LANGUAGE sql IMMUTABLE PARALLEL SAFE
SET search_path = pg_catalog, pg_temp AS $$
	SELECT CASE WHEN bound LIKE '%\% of target' THEN '目标值的 ' || pg_catalog.replace(bound, '% of target', '') || '%'
	            WHEN bound = '0' THEN ' 0'
	            ELSE ' ' || bound || coalesce(unit_zh, '') END
$$;
COMMENT ON FUNCTION report_band_bound_zh(text, text) IS 'a bound of a status band set''s canonical text in words: the number with the unit given, or 目标值的 x% for a bound in percent of the target';

CREATE OR REPLACE FUNCTION report_bands_zh(bands text, unit_zh text) RETURNS text
LANGUAGE sql IMMUTABLE PARALLEL SAFE
SET search_path = pg_catalog, scorecard, pg_temp AS $$
	SELECT pg_catalog.string_agg(
	         CASE m[1] WHEN 'green' THEN '绿' WHEN 'yellow' THEN '黄' ELSE '红' END || '：'
	         || CASE
	              WHEN one[1] = '<=' THEN '落后不超过' || report_band_bound_zh(one[2], unit_zh)
	              WHEN one[1] = '<' THEN '落后不足' || report_band_bound_zh(one[2], unit_zh)
	              WHEN one[1] = '=' THEN '落后恰为' || report_band_bound_zh(one[2], unit_zh)
	              WHEN one[1] = '>=' AND one[2] = '0' THEN '凡未达到'
	              WHEN one[1] = '>=' THEN '落后达到' || report_band_bound_zh(one[2], unit_zh) || ' 及以上'
	              WHEN one[1] = '>' THEN '落后超过' || report_band_bound_zh(one[2], unit_zh)
	              ELSE '落后' || CASE two[2] WHEN '<' THEN '超过' ELSE '达到' END || report_band_bound_zh(two[1], unit_zh)
	                   || '、' || CASE two[3] WHEN '<=' THEN '不超过' ELSE '不足' END || report_band_bound_zh(two[4], unit_zh)
	            END,
	         '；' ORDER BY b.o)
	FROM pg_catalog.regexp_split_to_table(status_bands(bands), '; ') WITH ORDINALITY b(band, o)
	CROSS JOIN LATERAL pg_catalog.regexp_match(b.band, '^(green|yellow|red): (.*)$') m
	LEFT JOIN LATERAL pg_catalog.regexp_match(m[2], '^shortfall (<=|<|=|>=|>) (.+)$') one ON true
	LEFT JOIN LATERAL pg_catalog.regexp_match(m[2], '^(.+) (<=|<) shortfall (<=|<) (.+)$') two ON true
$$;
COMMENT ON FUNCTION report_bands_zh(text, text) IS 'a status band set in words (绿：落后不超过 1 个百分点；...), bounds in the unit given or as 目标值的 x%';

-- Section 1: the area unit's targets by action (its rows of prog, the
-- progress() rows of the report; NULL: computed here), with status colours, figures at
-- published precision (a share, level or change at the precision it is
-- judged at, progress's decimals: 19.97% against > 20%, not 20.0%) and,
-- for flows with level targets, a bar of the
-- annual target done against the time-progress mark.  Where rounding
-- decides (the published figure equals the threshold and the target is
-- strict, 20.0% against > 20%, or the figure is met only as rounded),
-- the rule and the figure to two more decimals are shown.  A target whose
-- status a band set of its own, its indicator's or the plan's judged
-- (progress()'s status_bands; NULL: the default tolerances of the
-- legend) carries a note mark 注N beside its status, and the notes below
-- the table give each set in words (report_bands_zh), in the unit of the
-- gap it judged: points, points of time progress, the target's unit.
CREATE OR REPLACE FUNCTION report_city_targets_html(as_of date, area_id text, prog progress_row[] DEFAULT NULL) RETURNS text
LANGUAGE sql STABLE PARALLEL SAFE
SET search_path = pg_catalog, scorecard, pg_temp AS $$
	WITH p AS (
		SELECT p.*, a.name_zh AS action_zh, t.reference_indicator_id, ri.name_zh AS ref_zh,
		       -- the target judged: the version in force (progress()'s), and the
		       -- target as first set when it was adjusted
		       p.target::target AS tgt, t.target AS first_tgt,
		       i.nature AS nat, report_value_decimals(i) AS vdec, report_growth_decimals(i) AS gdec
		FROM unnest(coalesce(prog, ARRAY(SELECT p FROM progress(as_of) p))) p
		JOIN indicator i ON i.indicator_id = p.indicator_id
		JOIN plan_target t ON t.indicator_id = p.indicator_id AND t.unit_id = p.unit_id AND t.year = p.year
		LEFT JOIN indicator ri ON ri.indicator_id = t.reference_indicator_id
		LEFT JOIN action a ON a.action_id = p.action_id
		WHERE p.unit_id = area_id
	), r AS (
		SELECT p.*,
		       row_number() OVER (PARTITION BY p.action_id ORDER BY p.indicator_id) AS n_in_action,
		       dense_rank() OVER (ORDER BY p.action_id NULLS LAST) AS action_no,
		       p.schedule_gap IS NOT NULL AND target_threshold(p.tgt) > 0
		         AND target_higher_is_better(p.tgt) AS bar,
		       row_number() OVER (ORDER BY p.action_id NULLS LAST, p.indicator_id) AS pos,
		       -- the band set that judged the status, in words in the unit of its gap
		       CASE WHEN p.status IS NOT NULL AND p.status_bands IS NOT NULL THEN
		            report_bands_zh(p.status_bands,
		                            CASE WHEN target_measure(p.tgt) <> 'level' OR p.measure_unit = '%' THEN ' 个百分点'
		                                 WHEN p.schedule_gap IS NOT NULL THEN ' 个百分点（序时进度）'
		                                 ELSE ' ' || nullif(p.measure_unit, '') END)
		       END AS band_words
		FROM p
	), notes AS (
		-- one note per set in words, numbered in the order of the table
		SELECT n.band_words, n.inds, row_number() OVER (ORDER BY n.first_pos) AS k
		FROM (SELECT r.band_words, pg_catalog.min(r.pos) AS first_pos,
		             pg_catalog.string_agg(report_escape(r.indicator_zh), '、' ORDER BY r.pos) AS inds
		      FROM r WHERE r.band_words IS NOT NULL GROUP BY r.band_words) n
	)
	SELECT '<div class="tw"><table class="targets"><thead><tr><th class="n">序号</th><th>指标</th><th>年度目标</th>'
	    || '<th>数据期</th><th class="num">累计值</th><th class="num">增速/变化</th>'
	    || '<th class="prog">完成进度（竖线为序时进度）</th><th>状态</th></tr></thead><tbody>'
	    || coalesce(string_agg(
	        CASE WHEN r.n_in_action = 1 THEN
	            '<tr class="action"><td colspan="8">'
	            || report_numeral_zh(r.action_no::int)
	            || '、' || report_escape(coalesce(r.action_zh, '其他')) || '</td></tr>'
	        ELSE '' END
	        || '<tr data-indicator="' || r.indicator_id || '" data-status="' || coalesce(r.status, 'none') || '">'
	        || '<td class="n">' || r.indicator_id || '</td>'
	        || '<td class="name">' || report_escape(r.indicator_zh) || '</td>'
	        || '<td>' || report_escape(report_target_zh(r.tgt, r.measure_unit, r.ref_zh))
	        || CASE WHEN r.target_since IS NOT NULL THEN
	                '<div class="adj">调整后目标（自' || pg_catalog.to_char(r.target_since, 'FMMM月FMDD日') || '起；原目标：'
	                || report_escape(report_target_zh(r.first_tgt, r.measure_unit, r.ref_zh)) || '）</div>'
	           ELSE '' END || '</td>'
	        || '<td class="dm">' || coalesce(CASE WHEN extract(month FROM r.data_month) = 1 THEN '1月'
	                                   ELSE '1-' || extract(month FROM r.data_month) || '月' END, '—') || '</td>'
	        || '<td class="num">' || coalesce(report_escape(report_figure(r.value, CASE WHEN target_measure(r.tgt) IN ('share', 'level')
	                                                                                  THEN coalesce(r.decimals, r.vdec) ELSE r.vdec END)
	                                          || CASE WHEN r.measure_unit = '%' THEN '%' ELSE ' ' || r.measure_unit END), '—') || '</td>'
	        || '<td class="num">' || coalesce(CASE WHEN target_measure(r.tgt) = 'change'
	                                               THEN report_figure(r.actual, coalesce(r.decimals, r.vdec)) || ' 个百分点'
	                                               ELSE report_figure(r.growth, r.gdec) || '%' END, '—') || '</td>'
	        || '<td class="prog">' || CASE
	             WHEN r.bar THEN
	                 '<div class="bar" data-fill="' || round(least(greatest(r.value / target_threshold(r.tgt), 0), 1)::numeric, 4)
	                 || '" data-mark="' || round(r.time_progress::numeric, 4) || '">'
	                 || '<div class="fill ' || coalesce(r.status, 'none') || '" style="width:'
	                 || round(100 * least(greatest(r.value / target_threshold(r.tgt), 0), 1)::numeric, 2) || '%"></div>'
	                 || '<div class="mark" style="left:' || round(100 * r.time_progress::numeric, 2) || '%"></div></div>'
	                 || '<span class="pct">' || report_percent(r.value::numeric / target_threshold(r.tgt)::numeric, 1) || '%</span>'
	             WHEN r.attainment IS NOT NULL THEN '<span class="att">完成率 ' || report_percent(r.attainment::numeric, 1) || '%</span>'
	             WHEN r.met IS NOT NULL THEN '<span class="att">' || CASE WHEN r.met THEN '已达标' ELSE '未达标' END || '</span>'
	             ELSE '<span class="att muted">' || report_escape(CASE WHEN r.data_month IS NULL THEN '本年暂无数据' ELSE '数据不全' END) || '</span>'
	           END
	        || CASE WHEN r.met IS NOT NULL AND NOT target_is_relative(r.tgt)
	                     AND r.actual_published::numeric = target_threshold(r.tgt)::numeric
	                     AND (target_comparator(r.tgt) IN ('>', '<')
	                          OR (target_comparator(r.tgt) = '>=' AND r.actual < target_threshold(r.tgt))
	                          OR (target_comparator(r.tgt) = '<=' AND r.actual > target_threshold(r.tgt)))
	                THEN '<div class="why">按“' || report_escape(report_target_zh(r.tgt, r.measure_unit, r.ref_zh)) || '”判定：发布数'
	                     || report_escape(report_actual_zh(r.tgt, r.actual_published, r.measure_unit, true, r.vdec, r.gdec))
	                     || '（未修约 ' || report_escape(report_actual_zh(r.tgt, r.actual, r.measure_unit, true, r.vdec + 2, r.gdec + 2))
	                     || '）' || CASE WHEN r.met THEN '达到' ELSE '未达到' END || '目标</div>'
	                ELSE '' END
	        || '</td>'
	        || '<td class="st"><span class="chip ' || coalesce(r.status, 'none') || '">' || report_status_zh(r.status) || '</span>'
	        || coalesce('<sup class="bref">注' || nt.k || '</sup>', '') || '</td></tr>',
	        '' ORDER BY r.action_id NULLS LAST, r.indicator_id), '')
	    || '</tbody></table></div>'
	    || coalesce((SELECT '<div class="bandnotes"><p class="legend">以下目标不按上述默认容差，按预警区间判定（落后：未达到目标或序时进度的差距）：</p>'
	                        || pg_catalog.string_agg('<p class="bandnote"><sup class="bref">注' || n.k || '</sup>'
	                                                 || report_escape(n.band_words) || '。<span class="inds">（' || n.inds || '）</span></p>',
	                                                 '' ORDER BY n.k)
	                        || '</div>'
	                 FROM notes n HAVING pg_catalog.count(*) > 0), '')
	FROM r LEFT JOIN notes nt ON nt.band_words = r.band_words
$$;
COMMENT ON FUNCTION report_city_targets_html(date, text, progress_row[]) IS 'report section: the area unit''s targets by action with status, figures and progress bars (HTML)';

-- Section 2: the child unit x indicator matrix, each cell the unit's
-- figure on the indicator (growth for growth targets, the value otherwise)
-- coloured by its status, and each unit's count of red, yellow and green
-- items (prog as in section 1).
CREATE OR REPLACE FUNCTION report_matrix_html(as_of date, area_id text, prog progress_row[] DEFAULT NULL) RETURNS text
LANGUAGE sql STABLE PARALLEL SAFE
SET search_path = pg_catalog, scorecard, pg_temp AS $$
	WITH mi AS (
		SELECT * FROM report_main_indicators(as_of, area_id)
	), cu AS (
		SELECT u.unit_id, u.name_zh, u.sort_order FROM unit u
		WHERE u.parent_id = area_id AND u.kind IN (SELECT k.kind FROM unit_kind k WHERE NOT k.is_department)
		  AND EXISTS (SELECT 1 FROM plan_target t WHERE t.unit_id = u.unit_id AND t.year = extract(year FROM as_of))
	), p AS (
		SELECT p.* FROM unnest(coalesce(prog, ARRAY(SELECT p FROM progress(as_of) p))) p JOIN cu USING (unit_id)
	), cell AS (
		SELECT cu.unit_id, mi.indicator_id, p.status,
		       report_target_zh(p.target::target, mi.measure_unit,
		                        (SELECT name_zh FROM indicator WHERE indicator_id = mi.reference_indicator_id)) AS target,
		       report_actual_zh(p.target::target, p.actual, mi.measure_unit, false, mi.vdec, mi.gdec) AS fig,
		       p.target IS NOT NULL AS has_target
		FROM cu CROSS JOIN mi
		LEFT JOIN p ON p.unit_id = cu.unit_id AND p.indicator_id = mi.indicator_id
	), rowhtml AS (
		SELECT cu.unit_id, cu.sort_order,
		       '<tr><th class="unit">' || report_escape(cu.name_zh) || '</th>'
		       || string_agg('<td class="cell ' || CASE WHEN NOT c.has_target THEN 'na' ELSE coalesce(c.status, 'none') END
		                     || '" data-unit="' || report_escape(c.unit_id) || '" data-indicator="' || c.indicator_id
		                     || '" data-status="' || coalesce(c.status, 'none') || '"'
		                     || coalesce(' title="' || report_escape(c.target) || '"', '') || '>'
		                     || coalesce(report_escape(c.fig), CASE WHEN c.has_target THEN '—' ELSE '' END) || '</td>',
		                     '' ORDER BY c.indicator_id)
		       || '<td class="cnt red">' || count(*) FILTER (WHERE c.status = 'red') || '</td>'
		       || '<td class="cnt yellow">' || count(*) FILTER (WHERE c.status = 'yellow') || '</td>'
		       || '<td class="cnt green">' || count(*) FILTER (WHERE c.status = 'green') || '</td></tr>' AS h
		FROM cu JOIN cell c USING (unit_id)
		GROUP BY cu.unit_id, cu.sort_order, cu.name_zh
	)
	SELECT '<div class="tw"><table class="matrix"><thead><tr><th class="unit corner">'
	    || (SELECT report_escape(l.children_zh) FROM report_area_labels(area_id) l) || '</th>'
	    || coalesce((SELECT string_agg('<th class="ind"><div>' || report_escape(mi.name_zh) || '</div></th>', '' ORDER BY mi.indicator_id) FROM mi), '')
	    || '<th class="cnt">红</th><th class="cnt">黄</th><th class="cnt">绿</th></tr>'
	    || '<tr class="tgt"><th class="unit">' || (SELECT report_escape(l.whole_zh) FROM report_area_labels(area_id) l) || '目标</th>'
	    || coalesce((SELECT string_agg('<td>' || report_escape(report_target_zh(mi.city_target, mi.measure_unit,
	                              (SELECT name_zh FROM indicator WHERE indicator_id = mi.reference_indicator_id))) || '</td>',
	                          '' ORDER BY mi.indicator_id) FROM mi), '')
	    || '<td colspan="3"></td></tr></thead><tbody>'
	    || coalesce((SELECT string_agg(h, '' ORDER BY sort_order, unit_id) FROM rowhtml), '')
	    || '</tbody></table></div>'
$$;
COMMENT ON FUNCTION report_matrix_html(date, text, progress_row[]) IS 'report section: child unit x main indicator matrix coloured by status, from the report''s progress() rows (HTML)';

-- Section 3: a ranking as an HTML table (rank change: ↑ up, ↓ down);
-- peers_zh heads the units' column (NULL: the names of the peer group's
-- kinds among the children, from unit_kind).
CREATE OR REPLACE FUNCTION report_ranking_html(as_of date, area_id text, peers text, peers_zh text DEFAULT NULL,
	prog progress_row[] DEFAULT NULL, prev_scores unit_score_row[] DEFAULT NULL) RETURNS text
LANGUAGE sql STABLE PARALLEL SAFE
SET search_path = pg_catalog, scorecard, pg_temp AS $$
	SELECT '<div class="tw"><table class="rank" data-peers="' || report_escape(peers) || '"><thead><tr><th class="n">名次</th><th>'
	    || report_escape(coalesce(peers_zh, (SELECT string_agg(DISTINCT k.name_zh, '、') FROM unit u JOIN unit_kind k ON k.kind = u.kind
	                                          WHERE u.parent_id = area_id AND k.peer_group = peers)))
	    || '</th><th class="num">得分</th><th>等次</th><th>较上月</th><th>未达标指标</th></tr></thead><tbody>'
	    || coalesce(string_agg('<tr data-unit="' || report_escape(r.unit_id) || '"><td class="n">' || coalesce(r.rank::text, '—')
	        || '</td><td class="name">' || report_escape(r.unit_zh) || '</td>'
	        || '<td class="num">' || coalesce(report_figure(r.score, 2), '—') || '</td>'
	        || '<td><span class="grade g' || coalesce(report_escape(r.grade), '') || '">' || coalesce(report_escape(r.grade), '—') || '</span></td>'
	        || '<td class="delta">' || CASE WHEN r.prior_rank IS NULL OR r.rank IS NULL THEN '<span class="muted">—</span>'
	                                       WHEN r.prior_rank > r.rank THEN '<span class="up">↑' || (r.prior_rank - r.rank) || '</span>'
	                                       WHEN r.prior_rank < r.rank THEN '<span class="down">↓' || (r.rank - r.prior_rank) || '</span>'
	                                       ELSE '<span class="muted">持平</span>' END || '</td>'
	        || '<td class="unmet">' || coalesce(report_escape(r.unmet), '<span class="muted">全部达标</span>') || '</td></tr>',
	        '' ORDER BY r.rank, r.unit_id), '<tr><td colspan="6" class="muted">无考核对象</td></tr>')
	    || '</tbody></table></div>'
	    || '<p class="note">名次：' || coalesce(report_escape(min(r.source)), '—')
	    || coalesce('；较上月：与' || report_escape(min(r.prior_source)) || '的名次比较',
	                CASE WHEN extract(month FROM as_of) > 1 THEN '；较上月：上月未存考核结果，不比较名次' END, '') || '。</p>'
	FROM report_ranking(as_of, area_id, peers, prog, prev_scores) r
$$;
COMMENT ON FUNCTION report_ranking_html(date, text, text, text, progress_row[], unit_score_row[]) IS 'report section: a ranking with score, grade and rank change (HTML)';

-- Section 4: contribution and pull as an HTML table, one pair of columns
-- per flow; a bar in each contribution cell shows its share.
CREATE OR REPLACE FUNCTION report_contribution_html(as_of date, area_id text, states indicator_state_row[] DEFAULT NULL) RETURNS text
LANGUAGE sql STABLE PARALLEL SAFE
SET search_path = pg_catalog, scorecard, pg_temp AS $$
	WITH c AS (
		SELECT * FROM report_contribution(as_of, area_id, states)
	), ind AS (
		SELECT DISTINCT c.indicator_id, c.indicator_zh, c.data_month, c.total, c.total_prior FROM c
	), l AS (
		SELECT * FROM report_area_labels(area_id)
	), u AS (
		-- one row per unit, its cells in indicator order (one pass over c)
		SELECT c.unit_id, c.unit_zh, un.sort_order,
		       string_agg('<td class="num c' || CASE WHEN c.contribution < 0 THEN ' neg' ELSE '' END || '">'
		                  || coalesce('<span class="cbar" style="width:'
		                              || round(least(greatest(c.contribution, 0), 100)::numeric, 1) || '%"></span>'
		                              || report_figure(c.contribution, 1), '—') || '</td>'
		                  || '<td class="num' || CASE WHEN c.pull < 0 THEN ' neg' ELSE '' END || '">'
		                  || coalesce(report_figure(c.pull, 2), '—') || '</td>',
		                  '' ORDER BY c.indicator_id) AS cells
		FROM c JOIN unit un USING (unit_id)
		GROUP BY c.unit_id, c.unit_zh, un.sort_order
	)
	SELECT CASE WHEN NOT EXISTS (SELECT 1 FROM ind) THEN '<p class="muted">本期无可计算的主要流量指标。</p>' ELSE
	    '<div class="tw"><table class="contrib"><thead><tr><th class="unit" rowspan="2">' || (SELECT report_escape(l.children_zh) FROM l) || '</th>'
	    || (SELECT string_agg('<th colspan="2" class="grp">' || report_escape(ind.indicator_zh)
	                          || '<br><span class="sub">' || (SELECT report_escape(l.whole_zh) FROM l) || ' 1-' || extract(month FROM ind.data_month) || '月 '
	                          || coalesce(report_percent(ind.total::numeric / nullif(ind.total_prior, 0)::numeric - 1::numeric, 1) || '%', '—')
	                          || '</span></th>', '' ORDER BY ind.indicator_id) FROM ind)
	    || '</tr><tr>'
	    || (SELECT string_agg('<th class="num">贡献率%</th><th class="num">拉动(点)</th>', '' ORDER BY ind.indicator_id) FROM ind)
	    || '</tr></thead><tbody>'
	    || (SELECT string_agg('<tr><th class="unit">' || report_escape(u.unit_zh) || '</th>' || u.cells || '</tr>',
	                          '' ORDER BY u.sort_order, u.unit_id) FROM u)
	    || '</tbody></table></div>'
	    || (SELECT '<p class="note">贡献率 = 该' || report_escape(l.children_zh) || '累计增量 ÷ ' || report_escape(l.whole_zh) || '累计增量 × 100；拉动 = 该'
	               || report_escape(l.children_zh) || '累计增量 ÷ ' || report_escape(l.whole_zh) || '上年同期累计值 × 100（百分点）。各'
	               || report_escape(l.children_zh) || '拉动之和等于' || report_escape(l.whole_zh) || '累计增速，贡献率之和为 100。</p>' FROM l)
	END
$$;
COMMENT ON FUNCTION report_contribution_html(date, text, indicator_state_row[]) IS 'report section: contribution and pull of each county-level unit to the city''s growth of the main flows (HTML)';

-- Section 5: the lagging list as two HTML tables (prog as in report_lagging).
CREATE OR REPLACE FUNCTION report_lagging_html(as_of date, area_id text, prog progress_row[] DEFAULT NULL) RETURNS text
LANGUAGE sql STABLE PARALLEL SAFE
SET search_path = pg_catalog, scorecard, pg_temp AS $$
	WITH l AS (SELECT * FROM report_lagging(as_of, area_id, prog))
	SELECT '<h3>落后指标</h3><div class="tw"><table class="lag lagt"><thead><tr><th>状态</th><th>指标</th><th>单位</th><th>所属行动</th><th>目标与进度</th><th>责任单位</th></tr></thead><tbody>'
	    || coalesce((SELECT string_agg('<tr><td><span class="chip ' || l.status || '">' || report_status_zh(l.status) || '</span></td>'
	                   || '<td class="name">' || report_escape(l.item) || '</td><td>' || report_escape(l.unit_zh) || '</td>'
	                   || '<td>' || coalesce(report_escape(l.action_zh), '') || '</td>'
	                   || '<td>' || coalesce(report_escape(l.detail), '') || '</td><td>' || coalesce(report_escape(l.responsible), '—') || '</td></tr>',
	                   '' ORDER BY l.ord) FROM l WHERE l.kind = '指标'),
	                '<tr><td colspan="6" class="muted">无落后指标</td></tr>')
	    || '</tbody></table></div><h3>滞后项目与任务</h3><div class="tw"><table class="lag lagk"><thead><tr><th>状态</th><th>项目/任务</th><th>类别</th>'
	    || '<th>所属行动</th><th>进度</th><th>截止日期</th><th>责任单位</th><th>责任人</th><th>责任科室</th></tr></thead><tbody>'
	    || coalesce((SELECT string_agg('<tr><td><span class="chip ' || l.status || '">' || report_status_zh(l.status) || '</span></td>'
	                   || '<td class="name">' || report_escape(l.item) || '</td><td>' || report_escape(l.kind) || '</td>'
	                   || '<td>' || coalesce(report_escape(l.action_zh), '') || '</td><td>' || coalesce(report_escape(l.detail), '') || '</td>'
	                   || '<td>' || coalesce(pg_catalog.to_char(l.due_date, 'YYYY-MM-DD'), '') || '</td>'
	                   || '<td>' || coalesce(report_escape(l.responsible), '—') || '</td>'
	                   || '<td>' || coalesce(report_escape(l.lead_person), '—') || '</td>'
	                   || '<td>' || coalesce(report_escape(l.section), '—') || '</td></tr>',
	                   '' ORDER BY l.ord) FROM l WHERE l.kind <> '指标'),
	                '<tr><td colspan="9" class="muted">无滞后项目</td></tr>')
	    || '</tbody></table></div>'
$$;
COMMENT ON FUNCTION report_lagging_html(date, text, progress_row[]) IS 'report section: the lagging list (HTML)';

-- Section 7: the data review (统计数据审核) of the as-of month: the findings
-- data_review gives of the area unit and its child units (their peers are
-- each other; a child's own children are not read), in Chinese, with the
-- figure found and what it was compared with; the findings of the year's
-- earlier months counted below (of the as-of year only: from_month, where
-- the review also covers the year before).
-- PARALLEL UNSAFE: its exception block starts a subtransaction, which no
-- parallel query allows (in a worker or in the leader while it runs).
CREATE OR REPLACE FUNCTION report_review_html(as_of date, area_id text) RETURNS text
LANGUAGE plpgsql STABLE PARALLEL UNSAFE
SET search_path = pg_catalog, scorecard, pg_temp AS $$
BEGIN
	RETURN (
		WITH f AS (
			SELECT x.*, x.month = pg_catalog.date_trunc('month', as_of)::date AS this_month
			FROM data_review(as_of, NULL, ARRAY[area_id], with_children => true,
			                 from_month => pg_catalog.date_trunc('year', as_of::timestamp)::date) x
		)
		SELECT '<div class="tw"><table class="lag review"><thead><tr><th>级别</th><th>单位</th><th>指标</th><th>审核规则</th><th>说明</th></tr></thead><tbody>'
		    || coalesce((SELECT string_agg('<tr><td><span class="chip ' || CASE f.severity WHEN 'error' THEN 'red' WHEN 'warning' THEN 'yellow' ELSE 'none' END || '">'
		                   || CASE f.severity WHEN 'error' THEN '错误' WHEN 'warning' THEN '疑问' ELSE '提示' END || '</span></td>'
		                   || '<td>' || report_escape(f.unit_zh) || '</td><td class="name">' || report_escape(f.indicator_zh) || '</td>'
		                   || '<td>' || CASE f.rule WHEN 'cumulative_falls' THEN '累计值回落' WHEN 'parent_vs_children' THEN '上下级不衔接'
		                                            WHEN 'peer_outlier' THEN '增速偏离同级' WHEN 'month_jump' THEN '月度值突变'
		                                            WHEN 'reported_vs_computed' THEN '发布增速与测算不符' ELSE '缺报月份' END || '</td>'
		                   || '<td>' || CASE f.rule
		                        WHEN 'cumulative_falls' THEN '累计值 ' || report_figure(f.figure, 2) || ' 低于上期 ' || report_figure(f.compared_with, 2)
		                        WHEN 'parent_vs_children' THEN '本级 ' || report_figure(f.figure, 2) || '，下级合计 ' || report_figure(f.compared_with, 2) || '（相差超过 1%）'
		                        WHEN 'peer_outlier' THEN '累计增速 ' || report_figure(f.figure, 1) || '%，同级中位数 ' || report_figure(f.compared_with, 1) || '%（偏离超过 3 倍稳健标准差）'
		                        WHEN 'month_jump' THEN '本月 ' || report_figure(f.figure, 2) || '，上月 ' || report_figure(f.compared_with, 2) || '（超过 3 倍或不足三分之一）'
		                        WHEN 'reported_vs_computed' THEN '发布增速 ' || report_figure(f.figure, 1) || '%，按数值测算 ' || report_figure(f.compared_with, 1) || '%（相差超过 2 个百分点）'
		                        ELSE '本月无数据，上年同月 ' || report_figure(f.compared_with, 2) END || '</td></tr>',
		                   '' ORDER BY f.severity = 'info', f.severity = 'warning', f.indicator_id, f.unit_id, f.rule)
		                 FROM f WHERE f.this_month),
		                '<tr><td colspan="5" class="muted">本月数据未发现问题</td></tr>')
		    || '</tbody></table></div>'
		    || coalesce((SELECT '<p class="note">本年此前各月另有 ' || pg_catalog.count(*) || ' 条审核发现（scorecard.data_review）。</p>'
		                 FROM f WHERE NOT f.this_month HAVING pg_catalog.count(*) > 0), '')
	);
-- a figure beyond the float8 range (bounds raised to 1e308) stops the
-- review, not the report
EXCEPTION WHEN numeric_value_out_of_range THEN
	RETURN '<p class="muted">数据审核未能进行：有数值超出可计算范围（' || report_escape(SQLERRM) || '）。</p>';
END $$;
COMMENT ON FUNCTION report_review_html(date, text) IS 'report section: the data review (统计数据审核) of the area unit and its child units in the as-of month (HTML)';

-- Section 6: one small SVG line chart per main indicator: the growth month
-- by month (solid, joining the months with a figure, so quarterly figures
-- join quarter to quarter; its latest figure labelled), the target (dashed
-- red), the twelve months of the year on the horizontal axis.
CREATE OR REPLACE FUNCTION report_charts_html(as_of date, area_id text, states indicator_state_row[] DEFAULT NULL) RETURNS text
LANGUAGE sql STABLE PARALLEL SAFE
SET search_path = pg_catalog, scorecard, pg_temp AS $$
	WITH s AS (
		SELECT * FROM report_growth_series(as_of, area_id, states)
	), rng AS (
		-- the vertical range: the figures, the targets and zero, padded
		SELECT s.indicator_id,
		       least(0, min(s.growth), min(s.target)) AS lo0, greatest(0, max(s.growth), max(s.target)) AS hi0
		FROM s GROUP BY s.indicator_id
	), sc AS (
		SELECT r.indicator_id, r.lo0 - 0.12 * greatest(r.hi0 - r.lo0, 1) AS lo,
		       r.hi0 + 0.12 * greatest(r.hi0 - r.lo0, 1) AS hi,
		       -- a tick step of 1, 2 or 5 times a power of ten, about four ticks
		       (SELECT min(st) FROM unnest(ARRAY[1, 2, 5, 10]) m,
		               LATERAL (SELECT m * power(10, floor(log(greatest(r.hi0 - r.lo0, 1) * 1.24 / 4)))::float8 AS st) x
		        WHERE st >= greatest(r.hi0 - r.lo0, 1) * 1.24 / 5) AS step
		FROM rng r
	), pt AS (
		-- chart area: x 34..262, y 14..122 in a 270 x 146 view box
		SELECT s.*, 34 + (s.month - 0.5) * 19 AS x,
		       122 - (s.growth - sc.lo) / (sc.hi - sc.lo) * 108 AS y,
		       122 - (s.target - sc.lo) / (sc.hi - sc.lo) * 108 AS ty,
		       s.month = max(s.month) FILTER (WHERE s.growth IS NOT NULL) OVER (PARTITION BY s.indicator_id) AS last
		FROM s JOIN sc USING (indicator_id)
	), chart AS (
		SELECT mi.indicator_id, mi.name_zh, mi.measure_unit, mi.city_target, sc.lo, sc.hi, sc.step,
		       (SELECT bool_or(s.source = 'reported') FROM s WHERE s.indicator_id = mi.indicator_id) AS reported,
		       (SELECT name_zh FROM indicator WHERE indicator_id = mi.reference_indicator_id) AS ref_zh,
		       (SELECT 'M' || substr(string_agg('L' || round(pt.x::numeric, 1) || ' ' || round(pt.y::numeric, 1), ' ' ORDER BY pt.month), 2)
		        FROM pt WHERE pt.indicator_id = mi.indicator_id AND pt.growth IS NOT NULL) AS path,
		       (SELECT 'M' || substr(string_agg('L' || round(pt.x::numeric, 1) || ' ' || round(pt.ty::numeric, 1), ' ' ORDER BY pt.month), 2)
		        FROM pt WHERE pt.indicator_id = mi.indicator_id AND pt.target IS NOT NULL) AS tpath,
		       (SELECT string_agg('<circle cx="' || round(pt.x::numeric, 1) || '" cy="' || round(pt.y::numeric, 1) || '" r="2.6"/>', '' ORDER BY pt.month)
		        FROM pt WHERE pt.indicator_id = mi.indicator_id AND pt.growth IS NOT NULL) AS dots,
		       (SELECT '<text class="last" x="' || round(least(pt.x, 246)::numeric, 1) || '" y="' || round((pt.y - 6)::numeric, 1) || '" text-anchor="middle">'
		               || report_figure(pt.growth, mi.gdec) || '</text>'
		        FROM pt WHERE pt.indicator_id = mi.indicator_id AND pt.last) AS lastlabel,
		       (SELECT CASE WHEN target_higher_is_better(mi.city_target) THEN pt.growth >= pt.target ELSE pt.growth <= pt.target END
		        FROM pt WHERE pt.indicator_id = mi.indicator_id AND pt.last) AS on_target,
		       (SELECT string_agg('<line class="grid" x1="34" x2="262" y1="' || yy || '" y2="' || yy || '"/>'
		                          || '<text class="ax" x="30" y="' || (yy + 3) || '" text-anchor="end">' || v || '</text>', '')
		        FROM (SELECT round((122 - (k * sc.step - sc.lo) / (sc.hi - sc.lo) * 108)::numeric, 1) AS yy,
		                     (k * sc.step)::numeric::text AS v
		              FROM generate_series(ceil(sc.lo / sc.step)::int, floor(sc.hi / sc.step)::int) k) t) AS grid
		FROM report_main_indicators(as_of, area_id) mi JOIN sc ON sc.indicator_id = mi.indicator_id
	)
	SELECT coalesce(string_agg(
	    '<figure class="chart" data-indicator="' || c.indicator_id || '"><figcaption><b>' || report_escape(c.name_zh) || '</b>'
	    || '<span>目标：' || report_escape(report_target_zh(c.city_target, c.measure_unit, c.ref_zh)) || '</span>'
	    || CASE WHEN c.reported THEN '<span class="src">增速为公布数</span>' ELSE '' END || '</figcaption>'
	    || '<svg viewBox="0 0 270 146" width="270" height="146" role="img" aria-label="' || report_escape(c.name_zh) || '累计增速">'
	    || coalesce(c.grid, '')
	    || CASE WHEN c.lo < 0 AND c.hi > 0 THEN '<line class="zero" x1="34" x2="262" y1="' || round((122 + c.lo / (c.hi - c.lo) * 108)::numeric, 1)
	                                             || '" y2="' || round((122 + c.lo / (c.hi - c.lo) * 108)::numeric, 1) || '"/>' ELSE '' END
	    || (SELECT string_agg('<text class="ax" x="' || (34 + (m - 0.5) * 19) || '" y="138" text-anchor="middle">' || m || '</text>', '')
	        FROM generate_series(1, 12) m)
	    || coalesce('<path class="target" d="' || c.tpath || '"/>', '')
	    || coalesce('<path class="line' || CASE WHEN c.on_target THEN ' ok' ELSE ' behind' END || '" d="' || c.path || '"/>', '')
	    || coalesce('<g class="dots' || CASE WHEN c.on_target THEN ' ok' ELSE ' behind' END || '">' || c.dots || '</g>', '')
	    || coalesce(c.lastlabel, '')
	    || '</svg></figure>', '' ORDER BY c.indicator_id), '<p class="muted">本期无增速类主要指标。</p>')
	FROM chart c
$$;
COMMENT ON FUNCTION report_charts_html(date, text, indicator_state_row[]) IS 'report section: a small SVG line chart of the ytd growth month by month against its target per main indicator (HTML)';

-- The style sheet of the report (inline in the document).
CREATE OR REPLACE FUNCTION report_css() RETURNS text
LANGUAGE sql IMMUTABLE PARALLEL SAFE
SET search_path = pg_catalog, pg_temp AS $css$
	SELECT $$
*{box-sizing:border-box}
body{margin:0;background:#eef0f3;color:#1f2328;font:14px/1.55 "Noto Sans CJK SC","Noto Sans SC","Source Han Sans SC","PingFang SC","Microsoft YaHei","WenQuanYi Zen Hei",sans-serif}
main{max-width:1180px;margin:0 auto;background:#fff;padding:28px 40px 40px}
header.doc{text-align:center;border-bottom:3px double #b71c1c;padding-bottom:14px;margin-bottom:18px}
header.doc .org{color:#b71c1c;font-size:30px;font-weight:700;letter-spacing:4px}
header.doc .sub{color:#555;margin-top:6px}
.kpis{display:flex;flex-wrap:wrap;gap:12px;margin:0 0 10px}
.kpi{flex:1 1 120px;min-width:0;border:1px solid #d8dde3;border-radius:6px;padding:10px 14px;border-top:5px solid #607d8b}
.kpi b{display:block;font-size:28px;line-height:1.2}
.kpi.green{border-top-color:#188038}.kpi.yellow{border-top-color:#e8a600}.kpi.red{border-top-color:#c5221f}.kpi.none{border-top-color:#9aa0a6}
.kpi.tp{border-top-color:#1a4f8b}
h2{font-size:20px;color:#1a4f8b;border-left:6px solid #1a4f8b;padding-left:10px;margin:30px 0 12px}
h3{font-size:16px;margin:16px 0 8px;color:#333}
table{border-collapse:collapse;width:100%;font-size:13px}
th,td{border:1px solid #d8dde3;padding:5px 7px;vertical-align:middle}
thead th{background:#f1f3f6;font-weight:600}
td.num,th.num{text-align:right;font-variant-numeric:tabular-nums;white-space:nowrap}
td.n,th.n{text-align:center;width:3.4em;color:#555;white-space:nowrap}
td.name{font-weight:600}
tr.action td{background:#e8eef6;color:#1a4f8b;font-weight:700}
.chip{display:inline-block;white-space:nowrap;min-width:2.6em;text-align:center;border-radius:10px;padding:0 8px;font-weight:700;font-size:12px}
.chip.green{background:#188038;color:#fff}.chip.yellow{background:#f9c31f;color:#3c2a00}.chip.red{background:#c5221f;color:#fff}.chip.none{background:#e8eaed;color:#5f6368}
td.prog{width:260px;white-space:nowrap}
.bar{position:relative;display:inline-block;vertical-align:middle;width:170px;height:14px;background:#e8eaed;border-radius:2px}
.bar .fill{position:absolute;left:0;top:0;bottom:0;border-radius:2px 0 0 2px}
.fill.green{background:#188038}.fill.yellow{background:#e8a600}.fill.red{background:#c5221f}.fill.none{background:#9aa0a6}
.bar .mark{position:absolute;top:-4px;bottom:-4px;width:2px;margin-left:-1px;background:#1a1a1a}
.pct{display:inline-block;width:4.2em;text-align:right;margin-left:6px;font-variant-numeric:tabular-nums}
.att{color:#333}.muted{color:#8a9199}
table.matrix{table-layout:fixed}
table.matrix th.unit{width:118px;text-align:left;white-space:nowrap}
table.matrix th.ind{height:150px;vertical-align:bottom;padding:6px 2px}
table.matrix th.ind div{writing-mode:vertical-rl;margin:0 auto;font-size:13px;line-height:1.25}
table.matrix tr.tgt td{font-size:11px;color:#555;text-align:center;background:#fafbfc;padding:3px 1px}
table.matrix td.cell{text-align:center;font-variant-numeric:tabular-nums;font-size:12.5px;padding:6px 1px;height:32px}
td.cell.green{background:#81c995}td.cell.yellow{background:#fdd663}td.cell.red{background:#f28b82}td.cell.none{background:#f1f3f4;color:#8a9199}td.cell.na{background:#fff}
th.cnt,td.cnt{width:34px;text-align:center;font-weight:700}
td.cnt.red{color:#c5221f}td.cnt.yellow{color:#b07d00}td.cnt.green{color:#188038}
.legend{font-size:12.5px;color:#555;margin:6px 0}
.legend i{display:inline-block;width:14px;height:12px;vertical-align:-1px;margin:0 4px 0 10px}
.legend i.green{background:#188038}.legend i.yellow{background:#f9c31f}.legend i.red{background:#c5221f}.legend i.none{background:#e8eaed}
.legend svg.key{display:inline-block;vertical-align:middle;margin:0 4px 0 10px}
.why{font-size:11.5px;color:#8a3c00;white-space:normal}
.adj{font-size:11.5px;color:#555;white-space:normal}
td.st{white-space:nowrap}
sup.bref{font-size:10.5px;color:#1a4f8b;font-weight:700;margin-left:3px;vertical-align:super;line-height:0}
.bandnotes{margin:8px 0 0}.bandnotes p.legend{margin:4px 0}
.bandnote{font-size:12.5px;color:#333;margin:3px 0;padding-left:2.6em;text-indent:-2.6em;overflow-wrap:anywhere}
.bandnote sup.bref{display:inline-block;width:2.3em;text-indent:0;margin-left:0;vertical-align:baseline;line-height:inherit}
.bandnote .inds{color:#666}
.tw{max-width:100%}
.rankwrap{display:flex;gap:20px;align-items:flex-start}.rankwrap>div{flex:1;min-width:0}.rankwrap>div:first-child{flex:1.3}
table.rank th,table.rank td.name,table.rank td.delta,table.rank td .grade{white-space:nowrap}
table.rank td.unmet{font-size:12px;color:#444}
.grade{font-weight:700}.g优秀{color:#188038}.g良好{color:#1a4f8b}.g合格{color:#8a6d00}.g不合格{color:#c5221f}
.up{color:#188038;font-weight:700}.down{color:#c5221f;font-weight:700}
table.contrib th.grp{text-align:center;font-size:13px}
table.contrib .sub{font-weight:400;color:#555;font-size:12px}
table.contrib th.unit{text-align:left;white-space:nowrap;background:#fff;font-weight:600}
table.contrib td.c{position:relative}
.cbar{position:absolute;left:0;top:4px;bottom:4px;background:#dce7f5;z-index:-1}
table.contrib td.c{z-index:0}
td.neg{color:#c5221f}
.note{font-size:12px;color:#666;margin:6px 0}
table.lag td{font-size:12.5px}
table.lag td.name{min-width:8em}td.dm{white-space:nowrap}table.lagk td:nth-child(6),table.lag th{white-space:nowrap}
.charts{display:grid;grid-template-columns:repeat(auto-fill,minmax(250px,1fr));gap:12px}
figure.chart{margin:0;border:1px solid #d8dde3;border-radius:6px;padding:8px 6px 2px}
figure.chart figcaption{font-size:13px;padding:0 4px}
figure.chart figcaption span{display:block;font-size:11.5px;color:#666}
figure.chart svg{display:block;width:100%;height:auto}
svg .grid{stroke:#e3e6ea;stroke-width:1}
svg .zero{stroke:#9aa0a6;stroke-width:1}
svg .ax{font-size:9px;fill:#6b7280}
svg .target{fill:none;stroke:#c5221f;stroke-width:1.5;stroke-dasharray:5 3}
svg .line{fill:none;stroke-width:2.2}
svg .line.ok{stroke:#1a4f8b}svg .line.behind{stroke:#e8710a}
svg .dots.ok{fill:#1a4f8b}svg .dots.behind{fill:#e8710a}
svg .last{font-size:11px;font-weight:700;fill:#1f2328}
footer{margin-top:28px;font-size:12px;color:#777;border-top:1px solid #ddd;padding-top:8px}
@media screen and (max-width:1000px){.rankwrap{display:block}.rankwrap>div+div{margin-top:12px}}
@media screen and (max-width:760px){
main{padding:14px 12px 24px}
header.doc .org{font-size:21px;letter-spacing:1px}
h2{font-size:17px;margin:22px 0 10px}
.kpi{flex:1 1 30%;padding:8px 10px}.kpi b{font-size:22px}
.tw{overflow-x:auto;-webkit-overflow-scrolling:touch}
table.targets{min-width:900px}table.targets td.name{min-width:8em}table.rank{min-width:520px}table.lag.lagt{min-width:720px}table.lag.lagk{min-width:980px}
table.matrix{table-layout:auto;width:auto;min-width:100%}table.matrix td.cell{min-width:3.4em;padding:6px 3px}
table.contrib{width:auto;min-width:100%}table.contrib td{white-space:nowrap}
th,td{padding:4px 5px}thead th{white-space:nowrap}
}
@page{size:A4 portrait;margin:14mm 12mm 16mm;@bottom-right{content:"第 " counter(page) " 页，共 " counter(pages) " 页";font-size:9pt;color:#555}}
@page{@bottom-left{font-size:9pt;color:#555}}
@media print{
body{background:#fff;font-size:11px}main{padding:0;max-width:none}
header.doc .org{font-size:22px}
h2{font-size:15px;margin:16px 0 8px}h2,h3,p.legend{break-after:avoid}
.bandnote{font-size:10px;break-inside:avoid}
.kpi b{font-size:20px}
table{font-size:10px}thead{display:table-header-group}tr{break-inside:avoid}
th,td{padding:3px 4px}
td.prog{width:auto}.bar{width:90px}
.rankwrap{display:block}
table.matrix th.ind{height:auto}table.matrix td.cell{font-size:9.5px}
table.lag td{font-size:9.5px}table.contrib th,table.contrib td{padding:2px 3px;font-size:9px}
figure{break-inside:avoid}.charts{grid-template-columns:repeat(3,1fr)}
*{-webkit-print-color-adjust:exact;print-color-adjust:exact}
}
$$
$css$;
COMMENT ON FUNCTION report_css() IS 'the report''s inline style sheet';

-- The whole report of an area unit (nation, province, city, county): a
-- title with the unit, year and as-of month, the counts of green, yellow
-- and red targets, then the six sections: its targets, its child units x
-- main indicators, the rankings of each peer group of its children (area
-- units, then departments; labels from unit_kind), their contribution, the
-- lagging list, the charts, the data review.  progress() of the month's
-- end is computed once, for the unit and the units under it, and each
-- section is given the rows it reads.  The rank change is against
-- the ranking published the month before (its stored run), none without
-- one.  as_of: any day of the month
-- reported on; area_id: the area unit by its id or Chinese name (unit_key;
-- default: the top one, the first of
-- the smallest level).  The as-of date and the page number print in the
-- page margin (@page, in the document's own style element).  PARALLEL
-- UNSAFE as report_review_html, which it calls.  No JIT in any section:
-- their plans are costed on arrays and functions, not on the rows they
-- read, and compiling them took longer than running them
-- (docs/benchmarks.md).  Generic plans: a custom plan would copy the rows
-- and states it passes on (prog, lag, states) into each statement as a
-- constant (docs/development.md, "How the plan model stays linear").
CREATE OR REPLACE FUNCTION progress_report_html(as_of date, area_id text DEFAULT NULL) RETURNS text
LANGUAGE plpgsql STABLE PARALLEL UNSAFE
SET search_path = pg_catalog, scorecard, pg_temp
SET plan_cache_mode = force_generic_plan
SET jit = off AS $$
DECLARE
	d date;
	c unit;
	lab record;
	y int;
	m int;
	tp float8;
	n_green int; n_yellow int; n_red int; n_none int; n_all int;
	latest date;
	prog progress_row[];
	lag progress_row[];
	states indicator_state_row[];
	-- the unit and its children: the rows and states the sections but the
	-- lagging list read
	near text[];
	ranks text := '';
	g record;
	has_children boolean;
BEGIN
	IF as_of IS NULL THEN
		RAISE EXCEPTION 'progress_report_html: as_of must not be null'
			USING ERRCODE = 'null_value_not_allowed';
	END IF;
	IF NOT isfinite(as_of) THEN
		RAISE EXCEPTION 'progress_report_html: as_of must be a finite date'
			USING ERRCODE = 'datetime_field_overflow';
	END IF;
	SELECT u.* INTO c FROM unit u JOIN unit_kind k ON k.kind = u.kind
	WHERE NOT k.is_department AND (area_id IS NULL OR u.unit_id = (SELECT unit_key(area_id)))
	ORDER BY k.level, u.sort_order, u.unit_id LIMIT 1;
	IF NOT FOUND THEN
		RAISE EXCEPTION 'progress_report_html: %', CASE WHEN area_id IS NULL THEN 'the plan has no area unit'
		                                                ELSE quote_literal(area_id) || ' is not an area unit' END
			USING ERRCODE = CASE WHEN area_id IS NULL THEN 'no_data_found' ELSE 'invalid_parameter_value' END,
			      DETAIL = CASE WHEN area_id IS NULL THEN 'The plan has no area unit (a unit whose kind is not a department).'
			                    ELSE 'The report is of an area unit (nation, province, city, county...); the plan has no such unit, or it is a department.' END;
	END IF;
	SELECT * INTO lab FROM report_area_labels(c.unit_id);
	has_children := EXISTS (SELECT 1 FROM unit u JOIN unit_kind k ON k.kind = u.kind
	                        WHERE u.parent_id = c.unit_id AND NOT k.is_department);
	d := report_month_end(as_of);
	y := extract(year FROM d);
	m := extract(month FROM d);
	tp := time_progress(d);
	latest := latest_month();

	-- the one computation of the states and of progress() every section
	-- reads, of the unit and the units below it only (the states of
	-- states_below's subtree, which hold every figure those targets read):
	-- the states of the unit and its children for the contribution and
	-- the charts, progress() judged on them.  Each section is given the
	-- rows it reads: prog, the unit's and its children's (targets, matrix,
	-- rankings, the counts below); lag, those and the red and yellow rows
	-- of the units under it (the lagging list reads no others).
	-- (progress() of the latest month is read from the dashboards' stored
	-- snapshot while it is current: stored_progress).  The arrays are
	-- filtered with unnest in the select list, which passes each row on
	-- whole: in FROM, every row of every target would be taken apart into
	-- a table first and the few kept formed again (0.81 of the report's
	-- time at 3,000 counties).
	states := indicator_state_rows(d, NULL, states_below(c.unit_id, y));
	near := ARRAY(SELECT c.unit_id UNION ALL SELECT u.unit_id FROM unit u WHERE u.parent_id = c.unit_id);
	lag := stored_progress(d, c.unit_id);
	IF lag IS NULL THEN
		lag := ARRAY(SELECT p FROM progress_of_states(d, states, NULL, c.unit_id) p
		             WHERE p.unit_id = ANY (near) OR p.status IN ('red', 'yellow'));
	ELSE
		lag := ARRAY(SELECT x.p FROM (SELECT unnest(lag) AS p) x
		             WHERE (x.p).unit_id = ANY (near) OR (x.p).status IN ('red', 'yellow'));
	END IF;
	prog := ARRAY(SELECT x.p FROM (SELECT unnest(lag) AS p) x WHERE (x.p).unit_id = ANY (near));
	states := ARRAY(SELECT x.s FROM (SELECT unnest(states) AS s) x WHERE (x.s).unit_id = ANY (near));

	SELECT count(*) FILTER (WHERE p.status = 'green'), count(*) FILTER (WHERE p.status = 'yellow'),
	       count(*) FILTER (WHERE p.status = 'red'), count(*) FILTER (WHERE p.status IS NULL), count(*)
	INTO n_green, n_yellow, n_red, n_none, n_all
	FROM unnest(prog) p WHERE p.unit_id = c.unit_id;

	-- one ranking per peer group of the children: area units first, then departments
	FOR g IN
		SELECT k.peer_group, bool_or(k.is_department) AS dep
		FROM unit u JOIN unit_kind k ON k.kind = u.kind
		WHERE u.parent_id = c.unit_id
		GROUP BY k.peer_group
		ORDER BY bool_or(k.is_department), min(k.level), k.peer_group
	LOOP
		ranks := ranks || '<div><h3>' || report_escape(CASE WHEN g.dep THEN lab.departments_zh ELSE lab.children_zh END) || '</h3>'
			|| coalesce(report_ranking_html(d, c.unit_id, g.peer_group,
			                                CASE WHEN g.dep THEN lab.departments_zh ELSE lab.children_zh END, prog),
			            '<p class="muted">无</p>') || '</div>';
	END LOOP;

	RETURN '<!DOCTYPE html><html lang="zh-CN"><head><meta charset="utf-8">'
		|| '<meta name="viewport" content="width=device-width, initial-scale=1">'
		|| '<title>' || report_escape(c.name_zh) || y || '年主要目标任务推进情况（截至' || m || '月）</title>'
		|| '<style>' || report_css()
		|| '@page{@bottom-left{content:"' || report_css_string(c.name_zh) || y || '年主要目标任务推进情况通报　数据截至 '
		|| pg_catalog.to_char(d, 'YYYY-MM-DD') || '"}}'
		|| '</style></head><body><main>'
		|| '<header class="doc"><div class="org">' || report_escape(c.name_zh) || y || '年主要目标任务推进情况通报</div>'
		|| '<div class="sub">数据截至 ' || y || ' 年 ' || m || ' 月　·　序时进度 ' || report_figure(100 * tp, 1) || '%'
		|| CASE WHEN n_all = 0 THEN '　·　<span class="muted">本年没有目标</span>'
		        WHEN latest IS NULL OR latest < pg_catalog.date_trunc('month', d) THEN '　·　<span class="muted">本月读数尚未齐全</span>' ELSE '' END
		|| '</div></header>'
		|| '<section class="kpis">'
		|| '<div class="kpi tp"><b>' || report_figure(100 * tp, 1) || '%</b>序时进度（' || m || '/12）</div>'
		|| '<div class="kpi"><b>' || n_all || '</b>' || report_escape(lab.whole_zh) || '目标（项）</div>'
		|| '<div class="kpi green"><b>' || n_green || '</b>绿：达到序时或目标</div>'
		|| '<div class="kpi yellow"><b>' || n_yellow || '</b>黄：略有落后</div>'
		|| '<div class="kpi red"><b>' || n_red || '</b>红：明显落后</div>'
		|| '<div class="kpi none"><b>' || n_none || '</b>本年暂无数据</div>'
		|| '</section>'
		|| '<h2>一、' || report_escape(lab.whole_zh) || '主要目标完成情况</h2>'
		|| '<p class="legend">状态：<i class="sw green"></i>绿：达到目标或序时进度<i class="sw yellow"></i>黄：落后不足容差（增速、比重、变化类 1 个百分点；按序时考核的总量类 5 个百分点序时进度；其他总量类目标值的 5%）'
		|| '<i class="sw red"></i>红：明显落后<i class="sw none"></i>无数据。进度条为年度目标完成比例，竖线为序时进度。</p>'
		|| coalesce(report_city_targets_html(d, c.unit_id, prog), '<p class="muted">无</p>')
		|| '<h2>二、各' || report_escape(lab.children_zh) || '主要指标完成情况</h2>'
		|| '<p class="legend">单元格为各' || report_escape(lab.children_zh) || '累计增速（总量类为累计值），颜色为对照本地目标的状态：'
		|| '<i style="background:#81c995"></i>绿<i style="background:#fdd663"></i>黄<i style="background:#f28b82"></i>红'
		|| '<i style="background:#f1f3f4"></i>无数据；空白：无此目标。</p>'
		|| CASE WHEN has_children THEN coalesce(report_matrix_html(d, c.unit_id, prog), '<p class="muted">无</p>')
		        ELSE '<p class="muted">无下级单位</p>' END
		|| '<h2>三、考核排名</h2><p class="legend">等次：<span class="grade g优秀">优秀</span>、<span class="grade g良好">良好</span>、'
		|| '<span class="grade g合格">合格</span>、<span class="grade g不合格">不合格</span>；较上月：<span class="up">↑</span>上升、'
		|| '<span class="down">↓</span>下降。</p><div class="rankwrap">'
		|| CASE WHEN ranks = '' THEN '<p class="muted">无下级单位</p>' ELSE ranks END || '</div>'
		|| '<h2>四、各' || report_escape(lab.children_zh) || '对' || report_escape(lab.whole_zh) || '增长的贡献</h2>'
		|| '<p class="legend">单元格底色条的长度为贡献率；红字为负值。</p>'
		|| CASE WHEN has_children THEN coalesce(report_contribution_html(d, c.unit_id, states), '<p class="muted">无</p>')
		        ELSE '<p class="muted">无下级单位</p>' END
		|| '<h2>五、滞后清单</h2>' || coalesce(report_lagging_html(d, c.unit_id, lag), '<p class="muted">无</p>')
		|| '<h2>六、主要指标累计增速走势</h2>'
		|| '<p class="legend">' || report_escape(lab.whole_zh) || ' 1 月至各月累计增速（%）：'
		|| '<svg class="key" viewBox="0 0 28 10" width="28" height="10"><path class="line ok" d="M1 5H27"/></svg>达到目标'
		|| '<svg class="key" viewBox="0 0 28 10" width="28" height="10"><path class="line behind" d="M1 5H27"/></svg>低于目标'
		|| '<svg class="key" viewBox="0 0 28 10" width="28" height="10"><path class="target" d="M1 5H27"/></svg>目标'
		|| '；季度指标只有季末数据。横轴为月份。</p>'
		|| '<div class="charts">' || coalesce(report_charts_html(d, c.unit_id, states), '<p class="muted">无</p>') || '</div>'
		|| '<h2>七、数据审核</h2>'
		|| '<p class="legend">本月' || report_escape(lab.whole_zh) || '及各' || report_escape(lab.children_zh)
		|| '数据的审核发现：累计值回落、上下级不衔接、增速偏离同级、月度值突变、发布增速与测算不符、缺报月份（规则见 scorecard.data_review）。'
		|| '<span class="chip red">错误</span>须核实更正，<span class="chip yellow">疑问</span>请核实，<span class="chip none">提示</span>供参考；不影响考核。</p>'
		|| coalesce(report_review_html(d, c.unit_id), '<p class="muted">无</p>')
		|| '<footer>本通报由 scorecard_report 在数据库内生成，数据截至 '
		|| pg_catalog.to_char(d, 'YYYY-MM-DD') || '。增速以统计部门发布数为准，未发布时按累计值计算。</footer>'
		|| '</main></body></html>';
END $$;
COMMENT ON FUNCTION progress_report_html(date, text) IS 'the monthly progress report (调度通报) of an area unit at the as-of month as one self-contained HTML document: its targets, its child units x main indicators, rankings, contribution and pull, lagging list, growth charts';
