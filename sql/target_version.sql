-- Targets changed mid-year (调整目标): adjust_target records a new version
-- from its effective date; progress, scores, runs and the report judge the
-- version in force at the as-of date and say which; the history stays.
-- Worked by hand:
--   GDP (亿元, growth at 1 decimal), every month of 2023 and January to
--   October 2024: county a 10 then 11 (+10%), county b 20 then 21 (+5%),
--   the city c their roll-up, 30 then 32 (+6.666...%, published 6.7).
--   c: growth >= 6% (met, green); from 1 July growth >= 7% (6.7 is 0.3
--   short: yellow, within the 1-point tolerance of growth targets); from 1
--   October growth >= 6.5% (met again).
--   b: growth >= 5% (5.0: met); from 15 July growth >= 5.5% (not met).
SET client_min_messages = warning;
CREATE EXTENSION IF NOT EXISTS scorecard_report CASCADE;
SET search_path = scorecard, public;
SET extra_float_digits = 0;
\set SHOW_CONTEXT never
TRUNCATE action, unit, indicator, plan_target, reading, task, assessment_run CASCADE;

INSERT INTO unit (unit_id, name_zh, kind, parent_id, sort_order) VALUES
	('c', '市', 'city', NULL, 0), ('a', '甲县', 'county', 'c', 1), ('b', '乙县', 'county', 'c', 2);
INSERT INTO action (action_id, name_zh) VALUES (1, '行动一');
INSERT INTO indicator (indicator_id, code, action_id, name_zh, nature, frequency, higher_is_better,
	reporting, additive, measure_unit, decimals, growth_decimals) VALUES
	(1, 'gdp', 1, '地区生产总值', 'flow', 'monthly', true, 'monthly', true, '亿元', 2, 1);
INSERT INTO plan_target (indicator_id, unit_id, year, target, weight) VALUES
	(1, 'c', 2024, 'growth >= 6%', 0), (1, 'a', 2024, 'growth >= 9%', 10), (1, 'b', 2024, 'growth >= 5%', 10);
INSERT INTO reading (indicator_id, unit_id, month, value)
SELECT 1, u.unit_id, m::date, CASE WHEN m < '2024-01-01' THEN u.v2023 ELSE u.v2024 END
FROM (VALUES ('a', 10, 11), ('b', 20, 21)) u(unit_id, v2023, v2024)
CROSS JOIN generate_series('2023-01-01'::date, '2024-10-01', '1 month') m;
CREATE TEMP TABLE before_adjusting AS SELECT clock_timestamp() AS at;

-- Record the changes, naming the indicator and units by code and Chinese
-- name and writing the targets in the bureau's words; each returns the
-- version it makes.
SELECT adjust_target('gdp', '市', 2024, '增长7%以上', '2024-07-01', '年中调整');
SELECT adjust_target('地区生产总值', 'b', 2024, '增速不低于5.5%', '2024-07-15');
SELECT adjust_target('gdp', 'c', 2024, 'growth >= 6.5%', '2024-10-01', '第二次调整');
-- The same adjustment again changes nothing and says its version.
SELECT adjust_target('gdp', '市', 2024, 'growth >= 7%', '2024-07-01');
SELECT count(*) AS adjustments FROM target_adjustment;

-- Every version, with the days it was in force.
SELECT unit_id, version, target, effective_from, effective_until, reason
FROM target_version ORDER BY unit_id, version;

-- The version in force at each as-of date is the one judged: c green at the
-- end of June, yellow 0.3 short of 7% at the end of July, met again at the
-- end of October; b met on 10 July (its change is from the 15th), 0.5
-- short (yellow) at the end of July.
SELECT as_of, unit_id, target, target_version, target_since, actual_published, met, gap, status
FROM progress('2024-06-30') UNION ALL
SELECT as_of, unit_id, target, target_version, target_since, actual_published, met, gap, status
FROM progress('2024-07-10') UNION ALL
SELECT as_of, unit_id, target, target_version, target_since, actual_published, met, gap, status
FROM progress('2024-07-31') UNION ALL
SELECT as_of, unit_id, target, target_version, target_since, actual_published, met, gap, status
FROM progress('2024-10-31')
ORDER BY 1, 2;

-- As recorded before the changes were recorded: the targets as first set.
SELECT unit_id, target, target_version
FROM progress('2024-07-31', (SELECT at FROM before_adjusting)) ORDER BY unit_id;

-- Scores are of the version in force (b's points at the end of July are of
-- growth >= 5.5%, which 5.0 does not meet).
SELECT unit_id, target, scored_target, met FROM unit_scores('2024-07-31') ORDER BY unit_id;

-- A run stores the version it judged.
CALL run_assessment(2024, '2024-07-31') \gset
SELECT p.unit_id, p.target, p.target_version, p.target_since, i.target AS scored
FROM assessment_run_progress p LEFT JOIN assessment_run_item i USING (run_id, unit_id, indicator_id)
ORDER BY p.unit_id;

-- The report prints the version judged and the target as first set.
SELECT (regexp_matches(report_city_targets_html('2024-07-31', 'c'), '<div class="adj">[^<]*</div>'))[1] AS adjusted;
SELECT report_city_targets_html('2024-06-30', 'c') LIKE '%class="adj"%' AS adjusted_in_june;

-- Refused, each with nothing changed: a target of no unit or year, a date
-- not after 1 January or in another year, another target on a recorded
-- date, a unit of measure not the indicator's, a relative target for an
-- absolute one, an unknown unit; a recorded adjustment is not changed.
SELECT adjust_target('gdp', 'c', 2023, '增长6%以上', '2023-08-01');
\echo :LAST_ERROR_SQLSTATE
SELECT adjust_target('gdp', 'c', 2024, '增长6%以上', '2024-01-01');
\echo :LAST_ERROR_SQLSTATE
SELECT adjust_target('gdp', 'c', 2024, '增长6%以上', '2025-02-01');
\echo :LAST_ERROR_SQLSTATE
SELECT adjust_target('gdp', 'c', 2024, '增长8%以上', '2024-07-01');
\echo :LAST_ERROR_SQLSTATE
SELECT adjust_target('gdp', 'c', 2024, '新增100家以上', '2024-08-01');
\echo :LAST_ERROR_SQLSTATE
SELECT adjust_target('gdp', 'c', 2024, 'growth > reference', '2024-08-01');
\echo :LAST_ERROR_SQLSTATE
SELECT adjust_target('gdp', '丙县', 2024, '增长6%以上', '2024-08-01');
\echo :LAST_ERROR_SQLSTATE
SELECT adjust_target('gdp', 'c', 2024, '增长6%以', '2024-08-01');
\echo :LAST_ERROR_SQLSTATE
UPDATE target_adjustment SET reason = 'rewritten' WHERE unit_id = 'b';
\echo :LAST_ERROR_SQLSTATE
SELECT count(*) AS adjustments, count(*) FILTER (WHERE reason = 'rewritten') AS rewritten FROM target_adjustment;

-- A target deleted takes its versions with it.
DELETE FROM plan_target WHERE unit_id = 'b';
SELECT unit_id, count(*) FROM target_adjustment GROUP BY unit_id ORDER BY unit_id;
TRUNCATE action, unit, indicator, plan_target, reading, task, assessment_run CASCADE;
