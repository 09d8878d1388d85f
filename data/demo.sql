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
