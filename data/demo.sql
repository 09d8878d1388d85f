-- The demo: the 2024 plan loaded into the reference schema (data/plan.sql),
-- readings from January 2023 generated and loaded through the CSV loader
-- (data/generate.sql), an assessment run, and two reports as of the latest
-- month: the city's progress on its 38 targets and the county ranking.
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

\pset footer off
\pset null ''
\echo
\echo '邵阳市 2024 八大行动 主要目标进度 / Shaoyang 2024 plan: city progress as of' :as_of
SELECT :'as_of'::date AS as_of,
       round(100 * time_progress(:'as_of'::date)::numeric, 1) AS "序时进度 %",
       count(*) AS targets,
       count(*) FILTER (WHERE met) AS met,
       count(*) FILTER (WHERE status = 'green') AS green,
       count(*) FILTER (WHERE status = 'yellow') AS yellow,
       count(*) FILTER (WHERE status = 'red') AS red,
       count(*) FILTER (WHERE status IS NULL) AS "no data"
FROM progress_city(:'as_of');

SELECT indicator_id AS "#", action_id AS act, indicator_zh AS 指标, target AS 目标,
       to_char(data_month, 'YYYY-MM') AS 数据月,
       round(value::numeric, 1) AS 累计值, measure_unit AS 单位,
       round(growth::numeric, 1) AS "增速%",
       left(growth_source, 4) AS src,
       round(actual::numeric, 2) AS actual, round(reference::numeric, 1) AS ref,
       CASE met WHEN true THEN 'yes' WHEN false THEN 'no' END AS met,
       round(gap::numeric, 2) AS gap,
       round(100 * attainment::numeric, 1) AS "完成率%",
       round(schedule_gap::numeric, 1) AS "vs 序时",
       status, note
FROM progress_city(:'as_of');

\echo
\echo '县市区考核排名 / county ranking (weighted assessment of 14 indicators) as of' :as_of
SELECT u.rank AS 名次, n.name_zh AS 县市区, round(u.total::numeric, 2) AS 得分,
       round(u.weight::numeric, 0) AS 总权重, round(u.score::numeric, 2) AS "百分制",
       u.grade AS 等次,
       (SELECT count(*) FROM assessment_run_item i WHERE i.run_id = r.run_id AND i.unit_id = u.unit_id AND i.met) AS 达标,
       u.items AS 指标数,
       (SELECT string_agg(i.indicator_id::text, ',' ORDER BY i.indicator_id) FROM assessment_run_item i
        WHERE i.run_id = r.run_id AND i.unit_id = u.unit_id AND NOT i.met) AS "未达标指标 #"
FROM assessment_run r JOIN assessment_run_unit u USING (run_id) JOIN unit n USING (unit_id)
WHERE r.as_of = :'as_of'::date AND u.peer_group = 'county'
ORDER BY u.rank, u.unit_id;

\echo
\echo '市直部门考核排名 / department ranking (on the city''s figures of their indicators) as of' :as_of
SELECT u.rank AS 名次, n.name_zh AS 部门, round(u.total::numeric, 2) AS 得分,
       round(u.weight::numeric, 0) AS 总权重, round(u.score::numeric, 2) AS "百分制",
       u.grade AS 等次, u.applicable AS 可评指标, u.items AS 指标数,
       (SELECT string_agg(i.indicator_id::text, ',' ORDER BY i.indicator_id) FROM assessment_run_item i
        WHERE i.run_id = r.run_id AND i.unit_id = u.unit_id AND NOT i.met) AS "未达标指标 #"
FROM assessment_run r JOIN assessment_run_unit u USING (run_id) JOIN unit n USING (unit_id)
WHERE r.as_of = :'as_of'::date AND u.peer_group = 'department'
ORDER BY u.rank, u.unit_id;

\echo
\echo '项目清单 / task lists as of' :as_of
SELECT action_zh AS 行动, kind, count(*) AS tasks,
       count(*) FILTER (WHERE status = 'done') AS done,
       count(*) FILTER (WHERE overdue) AS overdue,
       round(100 * sum(completed_investment) / nullif(sum(planned_investment), 0), 1) AS "投资完成%"
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
\echo '主要指标县市区贡献率、拉动与位次 / counties: contribution, pull, rank and its change as of' :as_of
SELECT indicator_zh AS 指标, unit_zh AS 县市区, to_char(data_month, 'YYYY-MM') AS 数据月,
       published AS "增速%", rank AS 位次,
       CASE WHEN rank_change > 0 THEN '提升' || rank_change || '位'
            WHEN rank_change < 0 THEN '下降' || -rank_change || '位' WHEN rank_change = 0 THEN '持平' END AS 位次变化,
       gap_to_parent AS "比全市",
       round(contribution::numeric, 1) AS "贡献率%", round(pull::numeric, 2) AS "拉动pp"
FROM progress_arith(:'as_of')
WHERE indicator_id IN (2, 13, 14) AND unit_kind <> 'department' AND parent_id IS NOT NULL
ORDER BY indicator_id, rank, unit_id;

\echo
\echo '全市主要流量指标倒排 / the city: growth needed in the remaining months and the year-end projection'
SELECT indicator_zh AS 指标, target AS 目标, round(growth::numeric, 1) AS "累计增速%",
       round(month_growth::numeric, 1) AS "当月增速%", round(growth_change::numeric, 1) AS "比上月pp",
       round(required_growth::numeric, 1) AS "剩余月份需增%", hard_to_reach AS "难度大(>100%)",
       round(projection::numeric, 1) AS 按当前进度全年, measure_unit AS 单位, projection_met AS 可完成
FROM progress_arith(:'as_of')
WHERE unit_kind = 'city' AND nature = 'flow' AND required_growth IS NOT NULL
ORDER BY indicator_id;

\echo
\echo '增长面 / share of counties growing (growth above zero) on the main flows'
SELECT indicator_zh AS 指标, round(share_growing(growth)::numeric, 1) AS "增长面%", count(growth) AS 县市区
FROM progress(:'as_of') WHERE indicator_id IN (2, 13, 14, 15, 16) AND unit_kind IN ('district', 'county_city', 'county')
GROUP BY indicator_id, indicator_zh ORDER BY indicator_id;

\echo
\echo '进度滞后清单 / items behind schedule, worst first (first 20) as of' :as_of
SELECT CASE kind WHEN 'target' THEN '指标' ELSE '任务' END AS 类别, item_zh AS 事项, unit_zh AS 单位,
       responsible_unit_zh AS 责任单位, lead_person AS 责任人, status,
       round(behind::numeric, 1) AS 滞后, behind_unit AS 单位_, months AS 连续月数,
       to_char(since, 'YYYY-MM') AS 起始
FROM lagging_list(:'as_of') LIMIT 20;
