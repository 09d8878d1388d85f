-- The demo: the 2024 plan loaded into the reference schema (data/plan.sql),
-- readings from January 2023 generated and loaded through the CSV loader
-- (data/generate.sql), an assessment run, and the terminal report as of the
-- latest month (the city's targets, the county and department rankings, the
-- task lists), in Chinese and at most 120 columns wide; scripts/demo.sh then
-- writes the HTML report (scorecard.progress_report_html) to a file.
-- Run by scripts/demo.sh with psql from the checkout's top directory.
\set ON_ERROR_STOP on
SET client_min_messages = warning;
CREATE EXTENSION IF NOT EXISTS scorecard_plan CASCADE;
CREATE EXTENSION IF NOT EXISTS scorecard_report;
-- The plan's schema and the types' (scorecard as well, where CASCADE put
-- them), and not public: no schema that other roles may be granted CREATE on
-- belongs on a superuser's path (a look-alike there can capture any call).
SELECT pg_catalog.quote_ident(n.nspname) AS types_schema
FROM pg_catalog.pg_extension e JOIN pg_catalog.pg_namespace n ON n.oid OPERATOR(pg_catalog.=) e.extnamespace
WHERE e.extname OPERATOR(pg_catalog.=) 'scorecard' \gset
SET search_path = scorecard, :types_schema;
\echo '== loading the plan (actions, units, indicators, targets, task lists)'
\i data/plan.sql
\echo '== generating and loading readings'
-- The loader's own answers (rows loaded, revised) are not part of the report.
\o /dev/null
\i data/generate.sql
CALL run_assessment(2024);
\o
SELECT as_of FROM assessment_run ORDER BY finished_at DESC LIMIT 1 \gset
-- The previous month's run too, as a monthly pg_cron job would have stored
-- it: the reports compare the ranks with it (较上月).
SELECT (date_trunc('month', :'as_of'::date) - interval '1 day')::date AS prior_as_of \gset
SELECT extract(year FROM :'prior_as_of'::date) = 2024 AS has_prior \gset
\if :has_prior
CALL run_assessment(2024, :'prior_as_of') \gset prior_
\endif

\pset footer off
\pset null ''
-- Cells wrap so that every table fits 120 columns (psql counts a CJK
-- character as two columns).
\pset format wrapped
\pset columns 120
-- Names are never broken: a list of names (未达标指标) is laid out on lines
-- of at most w display columns (a CJK character takes two), broken only
-- between names; a column of names is padded to one width, so that psql,
-- which narrows the column whose widest value is furthest above its
-- average, narrows another column first.
CREATE FUNCTION pg_temp.dw(s text) RETURNS int LANGUAGE sql IMMUTABLE
RETURN char_length(s) + (octet_length(s) - char_length(s)) / 2;
CREATE FUNCTION pg_temp.wrap_list(s text, sep text, w int) RETURNS text LANGUAGE plpgsql IMMUTABLE AS $$
DECLARE
	out text := ''; line text := ''; item text;
BEGIN
	IF s IS NULL THEN RETURN NULL; END IF;
	FOREACH item IN ARRAY string_to_array(s, sep) LOOP
		IF line <> '' AND pg_temp.dw(line || sep || item) > w THEN
			out := out || line || sep || E'\n';
			line := item;
		ELSE
			line := CASE WHEN line = '' THEN item ELSE line || sep || item END;
		END IF;
	END LOOP;
	RETURN out || line;
END $$;
CREATE FUNCTION pg_temp.pad(s text, w int) RETURNS text LANGUAGE sql IMMUTABLE
RETURN s || repeat(' ', greatest(w - pg_temp.dw(s), 0));
SELECT u.name_zh AS city, extract(year FROM :'as_of'::date) AS year,
       extract(month FROM :'as_of'::date) AS month,
       report_figure(100 * time_progress(:'as_of'::date), 1) AS tp
FROM unit u WHERE u.kind = 'city' ORDER BY u.sort_order LIMIT 1 \gset
\echo
SELECT format('%s%s年主要目标完成情况（截至%s月，序时进度 %s%%）', :'city', :'year', :'month', :'tp') AS title_city \gset
\echo :title_city
SELECT count(*) AS 目标数,
       count(*) FILTER (WHERE status = 'green') AS 绿,
       count(*) FILTER (WHERE status = 'yellow') AS 黄,
       count(*) FILTER (WHERE status = 'red') AS 红,
       count(*) FILTER (WHERE status IS NULL) AS 无数据,
       count(*) FILTER (WHERE met) AS 已达标
FROM progress_city(:'as_of');

SELECT pg_temp.pad(p.indicator_zh, max(pg_temp.dw(p.indicator_zh)) OVER ()) AS 指标,
       -- ≥ and ≤ are of ambiguous width (two columns in some CJK terminals)
       -- a relative target's reference on a line of its own (its name unbroken)
       regexp_replace(replace(replace(report_target_zh(p.target::target, p.measure_unit, ri.name_zh), '≥', '>='), '≤', '<='),
                      '^(增速(高于|不低于|低于|不高于))(.{9,})$', E'\\1\n\\3') AS 目标,
       CASE WHEN extract(month FROM p.data_month) = 1 THEN '1月'
            WHEN p.data_month IS NOT NULL THEN '1-' || extract(month FROM p.data_month) || '月' END AS 数据期,
       -- a share or level at the precision it is judged at (19.97%, not 20.0%)
       report_figure(p.value, CASE WHEN target_measure(p.target::target) IN ('share', 'level')
                                   THEN coalesce(p.decimals, report_value_decimals(i)) ELSE report_value_decimals(i) END)
         || CASE WHEN p.measure_unit = '%' THEN '%' ELSE p.measure_unit END AS 累计值,
       CASE WHEN target_measure(p.target::target) = 'change' THEN report_figure(p.actual, coalesce(p.decimals, 1)) || '点'
            ELSE report_figure(p.growth, report_growth_decimals(i)) END AS "增速%",
       CASE p.met WHEN true THEN '是' WHEN false THEN '否' END AS 达标,
       CASE WHEN p.status IS NOT NULL THEN report_status_zh(p.status) END AS 状态
FROM progress_city(:'as_of') p
JOIN indicator i ON i.indicator_id = p.indicator_id
JOIN unit c ON c.kind = 'city'
JOIN plan_target t ON t.indicator_id = p.indicator_id AND t.unit_id = c.unit_id
                  AND t.year = extract(year FROM :'as_of'::date)
LEFT JOIN indicator ri ON ri.indicator_id = t.reference_indicator_id
ORDER BY p.indicator_id;
-- Where rounding decides (the published figure, which the target is judged
-- on, equals the threshold of a strict target or meets one only as
-- rounded): the rule and the figure unrounded.
\pset tuples_only on
\pset format unaligned
SELECT '注：' || p.indicator_zh || '按「' || replace(replace(report_target_zh(p.target::target, p.measure_unit), '≥', '>='), '≤', '<=')
       || '」判定：发布数 ' || report_actual_zh(p.target::target, p.actual_published, p.measure_unit, true, p.decimals, p.decimals)
       || '（未修约 ' || report_actual_zh(p.target::target, p.actual, p.measure_unit, true, p.decimals + 2, p.decimals + 2) || '）'
       || CASE WHEN p.met THEN '达到' ELSE '未达到' END || '目标。'
FROM progress_city(:'as_of') p
WHERE p.met IS NOT NULL AND NOT target_is_relative(p.target::target) AND p.decimals IS NOT NULL
  AND p.actual_published::numeric = target_threshold(p.target::target)::numeric
  AND (target_comparator(p.target::target) IN ('>', '<')
       OR (target_comparator(p.target::target) = '>=' AND p.actual < target_threshold(p.target::target))
       OR (target_comparator(p.target::target) = '<=' AND p.actual > target_threshold(p.target::target)))
ORDER BY p.indicator_id;
\pset tuples_only off
\pset format wrapped

\echo
\echo 县市区考核排名（截至 :month 月；较上月：与上月考核的名次比较）
SELECT r.rank AS 名次, pg_temp.pad(r.unit_zh, max(pg_temp.dw(r.unit_zh)) OVER ()) AS 县市区, report_figure(r.score, 2) AS 得分, r.grade AS 等次,
       CASE WHEN r.prior_rank = r.rank THEN '持平' WHEN r.prior_rank > r.rank THEN '升' || (r.prior_rank - r.rank)
            WHEN r.prior_rank < r.rank THEN '降' || (r.rank - r.prior_rank) ELSE '' END AS 较上月,
       coalesce(pg_temp.wrap_list(r.unmet, '、', 60), '全部达标') AS 未达标指标
FROM unit c, report_ranking(:'as_of', c.unit_id, 'county') r
WHERE c.kind = 'city'
ORDER BY r.rank, r.unit_id;

\echo
\echo 市直部门考核排名（以全市数据考核其负责指标）
SELECT r.rank AS 名次, pg_temp.pad(r.unit_zh, max(pg_temp.dw(r.unit_zh)) OVER ()) AS 部门, report_figure(r.score, 2) AS 得分, r.grade AS 等次,
       CASE WHEN r.prior_rank = r.rank THEN '持平' WHEN r.prior_rank > r.rank THEN '升' || (r.prior_rank - r.rank)
            WHEN r.prior_rank < r.rank THEN '降' || (r.rank - r.prior_rank) ELSE '' END AS 较上月,
       coalesce(pg_temp.wrap_list(r.unmet, '、', 60), '全部达标') AS 未达标指标
FROM unit c, report_ranking(:'as_of', c.unit_id, 'department') r
WHERE c.kind = 'city'
ORDER BY r.rank, r.unit_id;

SELECT format('项目清单（截至 %s）', :'as_of') AS title_tasks,
       format('主要指标县市区贡献率、拉动与位次（截至 %s）', :'as_of') AS title_arith,
       format('进度滞后清单（最严重的前 20 项，截至 %s）', :'as_of') AS title_lagging \gset
\echo
\echo :title_tasks
SELECT action_zh AS 行动,
       CASE kind WHEN 'project' THEN '项目' WHEN 'task' THEN '任务' ELSE '政策' END AS 类别,
       count(*) AS 数量,
       count(*) FILTER (WHERE status = 'done') AS 已完成,
       count(*) FILTER (WHERE overdue) AS 逾期,
       report_figure(100 * sum(completed_investment)::float8 / nullif(sum(planned_investment), 0)::float8, 1) AS "投资完成%"
FROM task_progress(:'as_of')
GROUP BY action_id, action_zh, kind ORDER BY action_id, kind;

-- The bureau's arithmetic (issue 11): monthly runs from January so that
-- warning streaks have a history (the latest run is made again last).
\o /dev/null
SELECT format('CALL run_assessment(2024, %L)', (make_date(2024, m, 1) + interval '1 month - 1 day')::date)
FROM generate_series(1, extract(month FROM :'as_of'::date)::int - 1) m \gexec
CALL run_assessment(2024, :'as_of');
\o

\echo
\echo :title_arith
SELECT pg_temp.pad(indicator_zh, max(pg_temp.dw(indicator_zh)) OVER ()) AS 指标,
       pg_temp.pad(unit_zh, max(pg_temp.dw(unit_zh)) OVER ()) AS 县市区, to_char(data_month, 'YYYY-MM') AS 数据月,
       published AS "增速%", rank AS 位次,
       CASE WHEN rank_change > 0 THEN '提升' || rank_change || '位'
            WHEN rank_change < 0 THEN '下降' || -rank_change || '位' WHEN rank_change = 0 THEN '持平' END AS 位次变化,
       gap_to_parent AS "比全市",
       round(contribution::numeric, 1) AS "贡献率%", round(pull::numeric, 2) AS "拉动(点)"
FROM progress_arith(:'as_of')
WHERE indicator_id IN (2, 13, 14) AND unit_kind <> 'department' AND parent_id IS NOT NULL
ORDER BY indicator_id, rank, unit_id;

\echo
\echo 全市主要流量指标倒排（剩余月份所需增速与全年预计）
-- 剩余月份: the growth the remaining months need (至少), or for a target
-- that rewards lower figures the most they may grow (至多); 难度大 when
-- the need is above 100% (a fall deeper than 100% for the latter).
SELECT pg_temp.pad(indicator_zh, max(pg_temp.dw(indicator_zh)) OVER ()) AS 指标,
       replace(replace(report_target_zh(target::target, measure_unit), '≥', '>='), '≤', '<=') AS 目标,
       round(growth::numeric, 1) AS "累计%",
       round(month_growth::numeric, 1) AS "当月%", round(growth_change::numeric, 1) AS 比上月,
       CASE WHEN target_higher_is_better(target::target) THEN '至少 ' ELSE '至多 ' END
         || round(required_growth::numeric, 1) || '%' || CASE WHEN hard_to_reach THEN '，难度大' ELSE '' END AS 剩余月份需增,
       round(projection::numeric, 1) || measure_unit AS 按当前进度全年,
       CASE projection_met WHEN true THEN '是' WHEN false THEN '否' END AS 可完成
FROM progress_arith(:'as_of')
WHERE unit_kind = 'city' AND nature = 'flow' AND required_growth IS NOT NULL
ORDER BY indicator_id;

\echo
\echo 主要流量指标增长面（增速为正的县市区占比）
SELECT indicator_zh AS 指标, round(share_growing(growth)::numeric, 1) AS "增长面%", count(growth) AS 县市区数
FROM progress(:'as_of') WHERE indicator_id IN (2, 13, 14, 15, 16) AND unit_kind IN ('district', 'county_city', 'county')
GROUP BY indicator_id, indicator_zh ORDER BY indicator_id;

\echo
\echo :title_lagging
-- 责任单位 with the lead person of a task in brackets (targets have none);
-- 滞后 with its unit; 连续: months behind in a row.
SELECT CASE kind WHEN 'target' THEN '指标' ELSE '任务' END AS 类别,
       pg_temp.pad(item_zh, max(pg_temp.dw(item_zh)) OVER ()) AS 事项,
       pg_temp.pad(unit_zh, max(pg_temp.dw(unit_zh)) OVER ()) AS 单位,
       pg_temp.wrap_list(responsible_unit_zh || coalesce('（' || lead_person || '）', ''), '、', 20) AS "责任单位（责任人）",
       report_status_zh(status) AS 状态,
       round(behind::numeric, 1) || CASE behind_unit WHEN 'points of schedule' THEN '点(序时)' WHEN 'pp' THEN '个百分点'
                        WHEN 'days overdue' THEN '天(逾期)' ELSE behind_unit END AS 滞后,
       months || '个月' AS 连续
FROM (SELECT * FROM lagging_list(:'as_of') LIMIT 20) l;
