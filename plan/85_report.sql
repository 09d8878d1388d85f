-- The data of the monthly progress report (调度通报): the label helpers
-- (a target, a figure, a status in Chinese words at published precision)
-- and the rows each section of the report shows (report_area_labels,
-- report_main_indicators, report_ranking, report_contribution,
-- report_lagging, report_growth_series), of any area unit (nation,
-- province, city, county) with its child units and departments.  The HTML
-- rendering is the extension scorecard_report (report/*.sql), so that a
-- change of its style is no change of the plan model; the terminal report
-- of the demo uses the label helpers too.  (This file sorts before
-- 90_search_path so that its functions' pinned search_path gets the types'
-- schema at install time.)
-- The label helpers, called for every cell, are not pinned: their bodies are
-- SQL-standard (RETURN), bound to their objects when they are created, so no
-- search_path applies when they run, and they inline into their callers
-- (a pinned function switches search_path at every call: 40 us a cell).

-- A number in Chinese numerals, as the report numbers its actions:
-- 一 ... 十, 十一, 二十, 九十九, 一百, 一百零一, 一百一十, 一千零一十,
-- 一万零一, 十万, 一亿零一 (a 零 stands for each run of zero digits between
-- others, also across 万 and 亿; 十 to 十九 without the leading 一).
CREATE OR REPLACE FUNCTION report_numeral_zh(n int) RETURNS text
LANGUAGE plpgsql IMMUTABLE STRICT PARALLEL SAFE
SET search_path = pg_catalog, pg_temp AS $$
DECLARE
	digit text[] := ARRAY['一', '二', '三', '四', '五', '六', '七', '八', '九'];
	place text[] := ARRAY['千', '百', '十', ''];
	big text[] := ARRAY['', '万', '亿'];
	v bigint := abs(n::bigint);
	g int := 1;          -- the group of four digits: 1 units, 2 万, 3 亿
	low int := NULL;     -- the group below the current one, once one is written
	chunk int;
	d int;
	part text;
	gap boolean;
	s text := '';
BEGIN
	IF n = 0 THEN
		RETURN '零';
	END IF;
	WHILE v > 0 LOOP
		chunk := v % 10000;
		v := v / 10000;
		IF chunk > 0 THEN
			part := '';
			gap := false;
			FOR i IN 1 .. 4 LOOP
				d := chunk / (ARRAY[1000, 100, 10, 1])[i] % 10;
				IF d = 0 THEN
					gap := part <> '';
				ELSE
					part := part || CASE WHEN gap THEN '零' ELSE '' END || digit[d] || place[i];
					gap := false;
				END IF;
			END LOOP;
			-- a zero between this group and the written ones below it
			s := part || big[g] || CASE WHEN low IS NOT NULL AND low < 1000 THEN '零' ELSE '' END || s;
			low := chunk;
		ELSIF low IS NOT NULL THEN
			low := 0;
		END IF;
		g := g + 1;
	END LOOP;
	IF s LIKE '一十%' THEN
		s := substr(s, 2);
	END IF;
	RETURN CASE WHEN n < 0 THEN '负' ELSE '' END || s;
END $$;
COMMENT ON FUNCTION report_numeral_zh(int) IS 'a number in Chinese numerals (一, 十一, 二十, 一百零一, 一万零一), as the report numbers its actions';

-- Decimals a figure is published with: one for percentages and points, two
-- for amounts in 亿元 or 万元, none for counts and other units.
CREATE OR REPLACE FUNCTION report_decimals(measure_unit text) RETURNS int
LANGUAGE sql IMMUTABLE PARALLEL SAFE
RETURN CASE WHEN measure_unit IN ('%', 'pp', '个百分点') THEN 1
            WHEN measure_unit IN ('亿元', '万元') THEN 2
            ELSE 0 END;
COMMENT ON FUNCTION report_decimals(text) IS 'decimals a figure in this unit is published with (1 for %, 2 for 亿元/万元, else 0)';

-- A figure at its published precision, as text; NULL stays NULL.
CREATE OR REPLACE FUNCTION report_figure(v float8, decimals int) RETURNS text
LANGUAGE sql IMMUTABLE PARALLEL SAFE
RETURN CASE WHEN v IS NULL OR v = 'NaN' OR abs(v) = 'Infinity' THEN NULL
            ELSE pg_catalog.round(v::numeric, decimals)::text END;
COMMENT ON FUNCTION report_figure(float8, int) IS 'a figure rounded to the decimals it is published with, as text';

-- A ratio as a percentage at decimals, as text, computed in numeric: 100 x
-- a finite float8 may leave the float8 range.  NULL (and NaN, infinity)
-- give NULL.
CREATE OR REPLACE FUNCTION report_percent(v numeric, decimals int) RETURNS text
LANGUAGE sql IMMUTABLE PARALLEL SAFE
RETURN CASE WHEN v IS NULL OR v = 'NaN'::numeric OR abs(v) = 'Infinity'::numeric THEN NULL
            ELSE pg_catalog.round(v * 100::numeric, decimals)::text END;
COMMENT ON FUNCTION report_percent(numeric, int) IS 'a ratio as a percentage rounded to decimals, as text (computed in numeric)';

-- A traffic-light status in Chinese: 绿, 黄, 红; no status (no data): 无数据.
CREATE OR REPLACE FUNCTION report_status_zh(status text) RETURNS text
LANGUAGE sql IMMUTABLE PARALLEL SAFE
RETURN CASE status WHEN 'green' THEN '绿' WHEN 'yellow' THEN '黄' WHEN 'red' THEN '红'
                   ELSE '无数据' END;
COMMENT ON FUNCTION report_status_zh(text) IS 'status in Chinese: green 绿, yellow 黄, red 红, NULL 无数据';

-- The unit a target's figures are printed with: %, 个百分点, or the
-- indicator's unit of measure for a level.
CREATE OR REPLACE FUNCTION report_unit_zh(t target, measure_unit text) RETURNS text
LANGUAGE sql IMMUTABLE PARALLEL SAFE
RETURN CASE target_measure(t) WHEN 'growth' THEN '%' WHEN 'share' THEN '%' WHEN 'change' THEN ' 个百分点'
            ELSE coalesce(nullif(' ' || measure_unit, ' '), '') END;
COMMENT ON FUNCTION report_unit_zh(target, text) IS 'the unit a target''s figures print with in Chinese: %, 个百分点, or the unit of measure';

-- A target in Chinese words: 增长 ≥ 7%, ≥ 100 家, 比上年提高 ≥ 0.5 个百分点,
-- 增速高于城镇居民人均可支配收入增速 (a relative target names its reference),
-- 确保增长 ≥ 7%，力争 8% (a committed and a stretch figure).
CREATE OR REPLACE FUNCTION report_target_zh(t target, measure_unit text, reference_zh text DEFAULT NULL) RETURNS text
LANGUAGE sql IMMUTABLE PARALLEL SAFE
RETURN CASE
	WHEN target_is_relative(t) THEN
		'增速' || CASE target_comparator(t) WHEN '>' THEN '高于' WHEN '>=' THEN '不低于'
		                                  WHEN '<' THEN '低于' WHEN '<=' THEN '不高于' ELSE target_comparator(t) END
		|| coalesce(reference_zh, '参照指标') || '增速'
	WHEN target_measure(t) = 'growth' AND target_comparator(t) = '<' AND target_threshold(t) = 0 THEN '下降'
	WHEN target_measure(t) = 'change' AND target_comparator(t) = '>' AND target_threshold(t) = 0 THEN '比上年提高'
	ELSE CASE WHEN target_stretch(t) IS NULL THEN ''
	          WHEN target_measure(t) IN ('growth', 'change') THEN '确保' ELSE '确保 ' END
	     || CASE target_measure(t) WHEN 'growth' THEN '增长 ' WHEN 'change' THEN '比上年提高 ' ELSE '' END
	     || CASE WHEN target_comparator(t) = 'between'
	             THEN target_threshold(t)::numeric::text || '～' || target_threshold_upper(t)::numeric::text
	             ELSE CASE target_comparator(t) WHEN '>=' THEN '≥' WHEN '<=' THEN '≤' ELSE target_comparator(t) END
	                  || ' ' || target_threshold(t)::numeric::text END
	     || report_unit_zh(t, measure_unit)
	     || coalesce('，力争 ' || target_stretch(t)::numeric::text || report_unit_zh(t, measure_unit), '')
	END;
COMMENT ON FUNCTION report_target_zh(target, text, text) IS 'a target in Chinese words, with the unit of measure and the reference indicator''s name';

-- The published precision of an indicator's figures: the indicator's own
-- decimals and growth_decimals when set, else report_decimals() of its unit
-- for values and one decimal for growth.
CREATE OR REPLACE FUNCTION report_value_decimals(ind indicator) RETURNS int
LANGUAGE sql IMMUTABLE PARALLEL SAFE
RETURN coalesce(ind.decimals, report_decimals(ind.measure_unit));
COMMENT ON FUNCTION report_value_decimals(indicator) IS 'decimals of an indicator''s values: its decimals column if set, else by unit';

CREATE OR REPLACE FUNCTION report_growth_decimals(ind indicator) RETURNS int
LANGUAGE sql IMMUTABLE PARALLEL SAFE
RETURN coalesce(ind.growth_decimals, 1);
COMMENT ON FUNCTION report_growth_decimals(indicator) IS 'decimals of an indicator''s growth: its growth_decimals column if set, else 1';

-- The figure a target is judged on, as published, in words: a growth with
-- growth_decimals and %, a share with %, a change in 个百分点, a level with
-- its unit (with_unit => false: levels and changes bare, for the compact
-- matrix cells).  decimals NULL: by the unit (report_decimals).
CREATE OR REPLACE FUNCTION report_actual_zh(t target, actual float8, measure_unit text, with_unit boolean DEFAULT true,
	decimals int DEFAULT NULL, growth_decimals int DEFAULT 1)
RETURNS text
LANGUAGE sql IMMUTABLE PARALLEL SAFE
RETURN CASE target_measure(t)
	WHEN 'growth' THEN report_figure(actual, growth_decimals) || '%'
	WHEN 'share' THEN report_figure(actual, coalesce(decimals, 1)) || '%'
	WHEN 'change' THEN report_figure(actual, coalesce(decimals, 1)) || CASE WHEN with_unit THEN ' 个百分点' ELSE '' END
	ELSE report_figure(actual, coalesce(decimals, report_decimals(measure_unit)))
	     || CASE WHEN with_unit AND measure_unit <> '' THEN ' ' || measure_unit ELSE '' END
	END;
COMMENT ON FUNCTION report_actual_zh(target, float8, text, boolean, int, int) IS 'the figure a target is judged on, at published precision, with % / 个百分点 / the unit';

-- The last day of the as-of month: every part of the report is as of it.
CREATE OR REPLACE FUNCTION report_month_end(as_of date) RETURNS date
LANGUAGE sql IMMUTABLE PARALLEL SAFE
RETURN (pg_catalog.date_trunc('month', as_of) + interval '1 month - 1 day')::date;
COMMENT ON FUNCTION report_month_end(date) IS 'last day of the month of as_of';

-- The words the report names an area unit's levels with, from unit_kind
-- (no kind is written in the code): whole_zh the unit's own level (全市,
-- 全省: 全 and a one-character kind name, else the kind name), children_zh
-- its child area units' kinds (县, or 区、县级市、县 for several kinds, in
-- the order of the children), departments_zh its departments (市直部门:
-- the one-character kind name, 直 and the department kind's name).
CREATE OR REPLACE FUNCTION report_area_labels(area_id text)
RETURNS TABLE (whole_zh text, children_zh text, departments_zh text)
LANGUAGE sql STABLE PARALLEL SAFE
SET search_path = pg_catalog, scorecard, pg_temp AS $$
	SELECT CASE WHEN char_length(k.name_zh) = 1 THEN '全' || k.name_zh ELSE k.name_zh END,
	       coalesce((SELECT string_agg(c.name_zh, '、' ORDER BY c.first, c.name_zh) FROM (
	                     SELECT ck.name_zh, min(cu.sort_order) AS first
	                     FROM unit cu JOIN unit_kind ck ON ck.kind = cu.kind AND NOT ck.is_department
	                     WHERE cu.parent_id = u.unit_id GROUP BY ck.name_zh) c), '下级单位'),
	       coalesce((SELECT CASE WHEN char_length(k.name_zh) = 1 THEN k.name_zh || '直' ELSE '' END
	                        || string_agg(DISTINCT dk.name_zh, '、')
	                 FROM unit du JOIN unit_kind dk ON dk.kind = du.kind AND dk.is_department
	                 WHERE du.parent_id = u.unit_id), '部门')
	FROM unit u JOIN unit_kind k ON k.kind = u.kind
	WHERE u.unit_id = area_id
$$;
COMMENT ON FUNCTION report_area_labels(text) IS 'the report''s words for an area unit''s level (全市), its child units'' kinds (区、县级市、县) and its departments (市直部门), from unit_kind';

-- The main indicators: those the area unit has decomposed to its child
-- units (a target of the as-of year for the unit and for at least one of
-- its child units that are not departments).
CREATE OR REPLACE FUNCTION report_main_indicators(as_of date, area_id text)
RETURNS TABLE (indicator_id int, name_zh text, nature text, measure_unit text, additive boolean,
	higher_is_better boolean, city_target target, reference_indicator_id int, vdec int, gdec int)
LANGUAGE sql STABLE PARALLEL SAFE
SET search_path = pg_catalog, scorecard, pg_temp AS $$
	SELECT i.indicator_id, i.name_zh, i.nature, i.measure_unit, i.additive, i.higher_is_better,
	       coalesce(v.target, ct.target), ct.reference_indicator_id, report_value_decimals(i), report_growth_decimals(i)
	FROM indicator i
	JOIN plan_target ct ON ct.indicator_id = i.indicator_id AND ct.unit_id = area_id
	                   AND ct.year = extract(year FROM as_of)
	-- the version in force at the as-of date
	LEFT JOIN target_adjustments_in_force(as_of) v ON v.indicator_id = ct.indicator_id AND v.unit_id = ct.unit_id
	WHERE EXISTS (SELECT 1 FROM plan_target t JOIN unit u ON u.unit_id = t.unit_id
	              WHERE t.indicator_id = i.indicator_id AND t.year = ct.year
	                AND u.parent_id = area_id AND u.kind IN (SELECT k.kind FROM unit_kind k WHERE NOT k.is_department))
	ORDER BY i.indicator_id
$$;
COMMENT ON FUNCTION report_main_indicators(date, text) IS 'indicators the area unit has decomposed to its child units in the as-of year';

-- The assessment ranking of a peer group (unit_kind.peer_group: 'county',
-- 'city', 'department'...) among the area unit's children at the as-of
-- month: from the stored run of that month if there is one (the ranking as
-- published; source names the run by its date), else computed from prog
-- (the progress() rows of as_of; NULL: computed here) by unit_scores_of and
-- unit_assessment_of; with the rank a month before, from the stored run of
-- the previous month if there is one (the ranking published then), else
-- from prev_scores when given (unit_scores() of the previous month's end:
-- a ranking nobody published, so never computed unasked; none in
-- January).  unmet: the names of the weighted targets not met as
-- scored (unit_score_row.met, which a run stores: a level target of a flow
-- against its time-prorated target, 序时目标), from the run or the scores.
CREATE OR REPLACE FUNCTION report_ranking(as_of date, area_id text, peers text,
	prog progress_row[] DEFAULT NULL, prev_scores unit_score_row[] DEFAULT NULL)
RETURNS TABLE (unit_id text, unit_zh text, score float8, total float8, grade text, rank bigint,
	source text, prior_rank bigint, prior_source text, unmet text)
LANGUAGE sql STABLE PARALLEL SAFE
SET search_path = pg_catalog, scorecard, pg_temp
-- hash joins: the planner takes an array's rows for ten and would
-- rescan them once per unit; no JIT, as the recipe in docs/development.md
-- says for a function that turns a method off
SET enable_nestloop = off
SET jit = off AS $$
	WITH run AS (
		SELECT r.run_id, r.as_of FROM assessment_run r
		WHERE r.year = extract(year FROM report_ranking.as_of)
		  AND pg_catalog.date_trunc('month', r.as_of) = pg_catalog.date_trunc('month', report_ranking.as_of)
		ORDER BY r.as_of DESC, r.run_id DESC LIMIT 1
	), scores AS MATERIALIZED (
		-- the month's scores, when no run of it is stored, of the peers
		-- ranked here only: a unit's points depend on its own rows and on
		-- those of its peers (same parent, same peer group), no others
		SELECT ARRAY(SELECT s FROM unit_scores_of(ARRAY(
		           SELECT p FROM unnest(coalesce(prog, ARRAY(SELECT p FROM progress(as_of) p))) p
		           JOIN unit u ON u.unit_id = p.unit_id JOIN unit_kind k ON k.kind = u.kind
		           WHERE u.parent_id = area_id AND k.peer_group = peers)) s) AS rows
		WHERE NOT EXISTS (SELECT 1 FROM run)
	), cur AS (
		SELECT u.unit_id, n.name_zh AS unit_zh, u.score, u.total, u.grade, u.rank,
		       '本月考核运行（' || pg_catalog.to_char(run.as_of, 'YYYY-MM-DD') || '）' AS src
		FROM run JOIN assessment_run_unit u ON u.run_id = run.run_id JOIN unit n ON n.unit_id = u.unit_id
		WHERE u.peer_group = peers AND n.parent_id = area_id
		UNION ALL
		SELECT a.unit_id, a.unit_zh, a.score, a.total, a.grade, a.rank, '按本月数据计算'
		FROM scores CROSS JOIN LATERAL unit_assessment_of(scores.rows) a
		JOIN unit u ON u.unit_id = a.unit_id
		WHERE a.peer_group = peers AND u.parent_id = area_id
	), prev_run AS (
		SELECT r.run_id, r.as_of FROM assessment_run r
		WHERE r.year = extract(year FROM report_ranking.as_of)
		  AND pg_catalog.date_trunc('month', r.as_of) = pg_catalog.date_trunc('month', report_ranking.as_of) - interval '1 month'
		ORDER BY r.as_of DESC, r.run_id DESC LIMIT 1
	), prev AS (
		SELECT u.unit_id, u.rank, '上月考核运行（' || pg_catalog.to_char(pr.as_of, 'YYYY-MM-DD') || '）' AS src
		FROM prev_run pr JOIN assessment_run_unit u ON u.run_id = pr.run_id
		WHERE u.peer_group = peers
		UNION ALL
		SELECT a.unit_id, a.rank, '按上月数据计算'
		FROM unit_assessment_of(prev_scores) a
		WHERE NOT EXISTS (SELECT 1 FROM prev_run) AND extract(month FROM as_of) > 1
		  AND a.peer_group = peers
	), unmet AS (
		SELECT i.unit_id, string_agg(ind.name_zh, '、' ORDER BY i.indicator_id) AS names
		FROM run JOIN assessment_run_item i ON i.run_id = run.run_id
		JOIN indicator ind ON ind.indicator_id = i.indicator_id
		WHERE i.weight > 0 AND NOT i.met
		GROUP BY i.unit_id
		UNION ALL
		SELECT s.unit_id, string_agg(s.indicator_zh, '、' ORDER BY s.indicator_id)
		FROM scores CROSS JOIN LATERAL unnest(scores.rows) s
		WHERE s.weight > 0 AND NOT s.met
		GROUP BY s.unit_id
	)
	SELECT c.unit_id, c.unit_zh, c.score, c.total, c.grade, c.rank, c.src, pv.rank, pv.src, um.names
	FROM cur c
	JOIN unit u ON u.unit_id = c.unit_id
	LEFT JOIN prev pv ON pv.unit_id = c.unit_id
	LEFT JOIN unmet um ON um.unit_id = c.unit_id
	ORDER BY c.rank, u.sort_order, c.unit_id
$$;
COMMENT ON FUNCTION report_ranking(date, text, text, progress_row[], unit_score_row[]) IS 'ranking of a peer group of the area unit''s children (the month''s stored run, else computed from the progress rows given) with score, grade, the previous month''s rank and the names of unmet targets';


-- Each county-level unit's contribution to (贡献率, % of the city's
-- increase) and pull on (拉动, percentage points of the city's growth) the
-- city's year-to-date growth, for the main additive flows with growth
-- targets: contribution() = (part - part_prior) / (total - total_prior) x
-- 100 and pull() = (part - part_prior) / total_prior x 100 of the types
-- extension, from ytd_value and ytd_prior of the states at the city's data
-- month.  states: indicator_state(as_of)'s rows (those of the area unit
-- and its children suffice; NULL: computed here).
CREATE OR REPLACE FUNCTION report_contribution(as_of date, area_id text, states indicator_state_row[] DEFAULT NULL)
RETURNS TABLE (indicator_id int, indicator_zh text, unit_id text, unit_zh text, data_month date,
	part float8, part_prior float8, total float8, total_prior float8, contribution float8, pull float8)
LANGUAGE sql STABLE PARALLEL SAFE
SET search_path = pg_catalog, scorecard, pg_temp AS $$
	WITH mi AS (
		SELECT * FROM report_main_indicators(as_of, area_id) m
		WHERE m.nature = 'flow' AND m.additive AND m.higher_is_better
		  AND target_measure(m.city_target) = 'growth'
	), s AS (
		SELECT s.* FROM unnest(coalesce(states, indicator_state_rows(as_of))) s JOIN mi USING (indicator_id)
	), tot AS (
		SELECT s.indicator_id, s.data_month, ytd_value(s.state, s.data_month) AS v, ytd_prior(s.state, s.data_month) AS pv
		FROM s WHERE s.unit_id = area_id
	)
	SELECT mi.indicator_id, mi.name_zh, u.unit_id, u.name_zh, t.data_month,
	       ytd_value(s.state, t.data_month), ytd_prior(s.state, t.data_month), t.v, t.pv,
	       contribution(ytd_value(s.state, t.data_month), ytd_prior(s.state, t.data_month), t.v, t.pv),
	       pull(ytd_value(s.state, t.data_month), ytd_prior(s.state, t.data_month), t.pv)
	FROM mi
	JOIN tot t ON t.indicator_id = mi.indicator_id
	JOIN unit u ON u.parent_id = area_id AND u.kind IN (SELECT k.kind FROM unit_kind k WHERE NOT k.is_department)
	LEFT JOIN s ON s.indicator_id = mi.indicator_id AND s.unit_id = u.unit_id
	ORDER BY mi.indicator_id, u.sort_order, u.unit_id
$$;
COMMENT ON FUNCTION report_contribution(date, text, indicator_state_row[]) IS 'each county-level unit''s contribution (%) to and pull (points) on the city''s ytd growth of the main flows';

-- The lagging list of the report: exactly the rows of lagging_list(as_of)
-- (the one definition of what is behind, under the caller's row-level
-- security) whose unit is the city or below it (its below), in its order, with what
-- the report shows beside them: the action, the target and the current
-- figure (targets) or the overdue days and investment (tasks), the task's
-- section and due date.  prog: the progress() rows of as_of, at least
-- those of the area unit and the units under it (NULL: computed here);
-- the report passes those it computed once.
CREATE OR REPLACE FUNCTION report_lagging(as_of date, area_id text, prog progress_row[] DEFAULT NULL)
RETURNS TABLE (ord bigint, kind text, item text, unit_zh text, action_zh text, status text, detail text,
	responsible text, lead_person text, section text, due_date date)
LANGUAGE sql STABLE PARALLEL SAFE
SET search_path = pg_catalog, scorecard, pg_temp
-- hash joins and no JIT, as in report_ranking
SET enable_nestloop = off
SET jit = off AS $$
	WITH l AS (
		SELECT l.*
		FROM lagging_list_of(as_of, coalesce(prog, ARRAY(SELECT p FROM progress(as_of) p)), below => area_id)
			WITH ORDINALITY AS l(kind, item_id, item_zh, unit_id, unit_zh, responsible_unit_id,
			responsible_unit_zh, lead_person, status, behind, behind_unit, months, since, ord)
	)
	SELECT l.ord,
	       CASE WHEN l.kind = 'target' THEN '指标' WHEN tp.kind = 'project' THEN '项目' WHEN tp.kind = 'task' THEN '任务' ELSE '政策' END,
	       l.item_zh, l.unit_zh, coalesce(a.name_zh, tp.action_zh), l.status,
	       CASE WHEN l.kind = 'target' THEN
	            report_target_zh(p.target::target, p.measure_unit, ri.name_zh) || '；当前 '
	            || coalesce(report_actual_zh(p.target::target, p.actual, p.measure_unit, true,
	                                         report_value_decimals(ii), report_growth_decimals(ii)), '—')
	            || coalesce('，落后序时 ' || report_figure(-p.schedule_gap, 1) || ' 个百分点', '')
	       ELSE
	            CASE WHEN tp.overdue THEN '逾期 ' || tp.days_overdue || ' 天未完成'
	                 ELSE '投资完成 ' || report_figure(100 * tp.investment_completion::float8, 1) || '%，序时 '
	                      || report_figure(100 * tp.time_progress::float8, 1) || '%' END
	            || '（' || CASE tp.status WHEN 'not_started' THEN '未开工' WHEN 'in_progress' THEN '在建'
	                                      WHEN 'suspended' THEN '暂停' ELSE '已完成' END || '）'
	       END,
	       l.responsible_unit_zh, l.lead_person, tp.section, tp.due_date
	FROM l
	-- the targets in the list: red or yellow (lagging_list_of's rule)
	LEFT JOIN (SELECT p.* FROM unnest(coalesce(prog, ARRAY(SELECT p FROM progress(as_of) p))) p
	           WHERE p.status IN ('red', 'yellow')) p
	       ON l.kind = 'target' AND p.indicator_id::text = l.item_id AND p.unit_id = l.unit_id
	LEFT JOIN indicator ii ON ii.indicator_id = p.indicator_id
	LEFT JOIN plan_target t ON t.indicator_id = p.indicator_id AND t.unit_id = p.unit_id AND t.year = p.year
	LEFT JOIN indicator ri ON ri.indicator_id = t.reference_indicator_id
	LEFT JOIN action a ON a.action_id = p.action_id
	LEFT JOIN task_progress(as_of) tp ON l.kind = 'task' AND tp.task_id = l.item_id
	ORDER BY l.ord
$$;
COMMENT ON FUNCTION report_lagging(date, text, progress_row[]) IS 'the rows of lagging_list(as_of) of the area unit and the units below it, in its order, with action, target and current figure, or overdue days and investment, section and due date';

-- The area unit's year-to-date growth of a main indicator month by month,
-- from January to the as-of month, of one kind for the whole series
-- (source): the growths the bureau published with the unit's readings
-- when it published any this year (NULL in a month without one), else
-- computed from the state (NULL where the months are not covered:
-- quarterly figures appear at quarter ends); a chart never switches
-- between the two.  target: the threshold, or for a relative target the
-- reference indicator's growth that month (of its own kind).  states as in
-- report_contribution.
CREATE OR REPLACE FUNCTION report_growth_series(as_of date, area_id text, states indicator_state_row[] DEFAULT NULL)
RETURNS TABLE (indicator_id int, month int, growth float8, target float8, source text)
LANGUAGE sql STABLE PARALLEL SAFE
SET search_path = pg_catalog, scorecard, pg_temp AS $$
	WITH mi AS (
		SELECT * FROM report_main_indicators(as_of, area_id) m
		WHERE m.nature IN ('flow', 'stock') AND target_measure(m.city_target) = 'growth'
	), s AS (
		SELECT s.indicator_id, s.state, i.nature FROM unnest(coalesce(states, indicator_state_rows(as_of))) s
		JOIN indicator i ON i.indicator_id = s.indicator_id
		WHERE s.unit_id = area_id
		  AND s.indicator_id IN (SELECT mi.indicator_id FROM mi UNION SELECT mi.reference_indicator_id FROM mi)
	), rep AS (
		-- the unit's current readings of the year (reading_current: its
		-- filters reach the table)
		SELECT r.indicator_id, r.month, r.reported_growth
		FROM reading_current r
		WHERE r.unit_id = area_id AND r.month >= pg_catalog.date_trunc('year', as_of) AND r.month <= as_of
	), kind AS (
		-- reported when the bureau published any growth of the year
		SELECT s.indicator_id,
		       CASE WHEN EXISTS (SELECT 1 FROM rep WHERE rep.indicator_id = s.indicator_id AND rep.reported_growth IS NOT NULL)
		            THEN 'reported' ELSE 'computed' END AS source
		FROM s
	), g AS (
		SELECT s.indicator_id, mo, kind.source,
		       CASE WHEN kind.source = 'reported' THEN rep.reported_growth
		            WHEN s.nature = 'flow' THEN ytd_growth(s.state, make_date(extract(year FROM as_of)::int, mo, 1))
		            ELSE ytd_level_growth(s.state, make_date(extract(year FROM as_of)::int, mo, 1)) END AS growth
		FROM s JOIN kind ON kind.indicator_id = s.indicator_id
		CROSS JOIN generate_series(1, extract(month FROM as_of)::int) mo
		LEFT JOIN rep ON rep.indicator_id = s.indicator_id
		             AND rep.month = make_date(extract(year FROM as_of)::int, mo, 1)
	)
	SELECT mi.indicator_id, g.mo, g.growth,
	       CASE WHEN target_is_relative(mi.city_target) THEN rg.growth ELSE target_threshold(mi.city_target) END,
	       g.source
	FROM mi
	JOIN g ON g.indicator_id = mi.indicator_id
	LEFT JOIN g rg ON rg.indicator_id = mi.reference_indicator_id AND rg.mo = g.mo
	ORDER BY mi.indicator_id, g.mo
$$;
COMMENT ON FUNCTION report_growth_series(date, text, indicator_state_row[]) IS 'the area unit''s ytd growth of each main indicator with a growth target, month by month, with its target (or reference growth), all reported or all computed (source)';
