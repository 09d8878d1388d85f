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
SET search_path = scorecard, public;
\echo '== loading the plan (actions, units, indicators, targets, task lists)'
\i data/plan.sql
\echo '== generating and loading readings'
\i data/generate.sql
CALL run_assessment(2024);
SELECT as_of FROM assessment_run ORDER BY finished_at DESC LIMIT 1 \gset
-- The previous month's run too, as a monthly pg_cron job would have stored
-- it: the reports compare the ranks with it (较上月).
SELECT (date_trunc('month', :'as_of'::date) - interval '1 day')::date AS prior_as_of \gset
SELECT extract(year FROM :'prior_as_of'::date) = 2024 AS has_prior \gset
\if :has_prior
CALL run_assessment(2024, :'prior_as_of');
\endif

\pset footer off
\pset null ''
-- Cells wrap so that every table fits 120 columns (psql counts a CJK
-- character as two columns).
\pset format wrapped
\pset columns 120
SELECT u.name_zh AS city, extract(year FROM :'as_of'::date) AS year,
       extract(month FROM :'as_of'::date) AS month,
       report_figure(100 * time_progress(:'as_of'::date), 1) AS tp
FROM unit u WHERE u.kind = 'city' ORDER BY u.sort_order LIMIT 1 \gset
\echo
\echo :city :year 年主要目标完成情况（截至 :month 月，序时进度 :tp %；完成率、较序时单位为 %）
SELECT count(*) AS 目标数,
       count(*) FILTER (WHERE status = 'green') AS 绿,
       count(*) FILTER (WHERE status = 'yellow') AS 黄,
       count(*) FILTER (WHERE status = 'red') AS 红,
       count(*) FILTER (WHERE status IS NULL) AS 无数据,
       count(*) FILTER (WHERE met) AS 已达标
FROM progress_city(:'as_of');

SELECT p.indicator_zh AS 指标,
       -- ≥ and ≤ are of ambiguous width (two columns in some CJK terminals)
       replace(replace(report_target_zh(p.target::target, p.measure_unit, ri.name_zh), '≥', '>='), '≤', '<=') AS 目标,
       CASE WHEN extract(month FROM p.data_month) = 1 THEN '1月'
            WHEN p.data_month IS NOT NULL THEN '1-' || extract(month FROM p.data_month) || '月' END AS 数据期,
       report_figure(p.value, report_decimals(p.measure_unit))
         || CASE WHEN p.measure_unit = '%' THEN '%' ELSE p.measure_unit END AS 累计值,
       CASE WHEN target_measure(p.target::target) = 'change' THEN report_figure(p.actual, 1) || '点'
            ELSE report_figure(p.growth, 1) END AS "增速%",
       round(100 * p.attainment::numeric, 1) AS 完成率,
       round(p.schedule_gap::numeric, 1) AS 较序时,
       CASE p.met WHEN true THEN '是' WHEN false THEN '否' END AS 达标,
       CASE WHEN p.status IS NOT NULL THEN report_status_zh(p.status) END AS 状态
FROM progress_city(:'as_of') p
JOIN unit c ON c.kind = 'city'
JOIN plan_target t ON t.indicator_id = p.indicator_id AND t.unit_id = c.unit_id
                  AND t.year = extract(year FROM :'as_of'::date)
LEFT JOIN indicator ri ON ri.indicator_id = t.reference_indicator_id
ORDER BY p.indicator_id;

\echo
\echo 县市区考核排名（截至 :month 月；较上月：与上月考核的名次比较）
SELECT r.rank AS 名次, r.unit_zh AS 县市区, report_figure(r.score, 2) AS 得分, r.grade AS 等次,
       CASE WHEN r.prior_rank = r.rank THEN '持平' WHEN r.prior_rank > r.rank THEN '升' || (r.prior_rank - r.rank)
            WHEN r.prior_rank < r.rank THEN '降' || (r.rank - r.prior_rank) ELSE '' END AS 较上月,
       coalesce(r.unmet, '全部达标') AS 未达标指标
FROM unit c, report_ranking(:'as_of', c.unit_id, 'county') r
WHERE c.kind = 'city'
ORDER BY r.rank, r.unit_id;

\echo
\echo 市直部门考核排名（以全市数据考核其负责指标）
SELECT r.rank AS 名次, r.unit_zh AS 部门, report_figure(r.score, 2) AS 得分, r.grade AS 等次,
       CASE WHEN r.prior_rank = r.rank THEN '持平' WHEN r.prior_rank > r.rank THEN '升' || (r.prior_rank - r.rank)
            WHEN r.prior_rank < r.rank THEN '降' || (r.rank - r.prior_rank) ELSE '' END AS 较上月,
       coalesce(r.unmet, '全部达标') AS 未达标指标
FROM unit c, report_ranking(:'as_of', c.unit_id, 'department') r
WHERE c.kind = 'city'
ORDER BY r.rank, r.unit_id;

\echo
\echo 项目清单（截至 :as_of ）
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
\echo 主要指标县市区贡献率、拉动与位次（截至 :as_of ）
SELECT indicator_zh AS 指标, unit_zh AS 县市区, to_char(data_month, 'YYYY-MM') AS 数据月,
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
SELECT indicator_zh AS 指标, target AS 目标, round(growth::numeric, 1) AS "累计增速%",
       round(month_growth::numeric, 1) AS "当月增速%", round(growth_change::numeric, 1) AS "比上月(点)",
       round(required_growth::numeric, 1) AS "剩余月份需增%",
       CASE hard_to_reach WHEN true THEN '是' WHEN false THEN '否' END AS "难度大(>100%)",
       round(projection::numeric, 1) AS 按当前进度全年, measure_unit AS 单位,
       CASE projection_met WHEN true THEN '是' WHEN false THEN '否' END AS 可完成
FROM progress_arith(:'as_of')
WHERE unit_kind = 'city' AND nature = 'flow' AND required_growth IS NOT NULL
ORDER BY indicator_id;

\echo
\echo 主要流量指标增长面（增速为正的县市区占比）
SELECT indicator_zh AS 指标, round(share_growing(growth)::numeric, 1) AS "增长面%", count(growth) AS 县市区
FROM progress(:'as_of') WHERE indicator_id IN (2, 13, 14, 15, 16) AND unit_kind IN ('district', 'county_city', 'county')
GROUP BY indicator_id, indicator_zh ORDER BY indicator_id;

\echo
\echo 进度滞后清单（最严重的前 20 项，截至 :as_of ）
SELECT CASE kind WHEN 'target' THEN '指标' ELSE '任务' END AS 类别, item_zh AS 事项, unit_zh AS 单位,
       responsible_unit_zh AS 责任单位, lead_person AS 责任人, report_status_zh(status) AS 状态,
       round(behind::numeric, 1) AS 滞后,
       CASE behind_unit WHEN 'points of schedule' THEN '点(序时)' WHEN 'pp' THEN '个百分点'
                        WHEN 'days overdue' THEN '天(逾期)' ELSE behind_unit END AS 滞后单位, months AS 连续月数,
       to_char(since, 'YYYY-MM') AS 起始
FROM lagging_list(:'as_of') LIMIT 20;
