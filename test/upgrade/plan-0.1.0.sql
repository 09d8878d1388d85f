-- A small plan in the shape of scorecard 0.1.0's plan model (schema
-- scorecard), for test/suites/upgrade.sh: a city and two counties, a flow
-- with a growth target, a rate with a change target, a lower-is-better
-- flow with a level budget, readings for the first half of 2023 and 2024
-- (one corrected: a second revision), a project, and an assessment run.
SET search_path = scorecard, public;
INSERT INTO unit (unit_id, name_zh, name_en, kind, parent_id, sort_order) VALUES
	('sy', '邵阳市', 'Shaoyang', 'city', NULL, 0),
	('a', '甲县', 'County A', 'county', 'sy', 1),
	('b', '乙县', 'County B', 'county', 'sy', 2);
INSERT INTO action (action_id, name_zh, name_en, lead_unit_id) VALUES
	(1, '扩大内需', 'Domestic demand', 'sy');
INSERT INTO indicator (indicator_id, code, action_id, name_zh, name_en, measure_unit, nature,
		higher_is_better, additive) VALUES
	(1, 'retail', 1, '社会消费品零售总额', 'Retail sales', '亿元', 'flow', true, true),
	(2, 'urban', 1, '城镇化率', 'Urbanisation rate', '%', 'rate', true, false),
	(3, 'accidents', 1, '安全事故', 'Accidents', '起', 'flow', false, true);
INSERT INTO plan_target (indicator_id, unit_id, year, target, weight, scoring) VALUES
	(1, 'sy', 2024, 'growth >= 7%', 0, 'ratio'),
	(1, 'a', 2024, 'growth >= 7%', 50, 'ratio'),
	(1, 'b', 2024, 'growth >= 6.5%', 50, 'threshold'),
	(2, 'a', 2024, 'change >= 0.5pp', 30, 'ratio'),
	(2, 'b', 2024, 'change >= 0.5pp', 30, 'ratio'),
	(3, 'a', 2024, 'level <= 10', 20, 'threshold'),
	(3, 'b', 2024, 'level <= 10', 20, 'threshold');
INSERT INTO reading (indicator_id, unit_id, month, value, reported_growth, recorded_at)
SELECT 1, u, make_date(y, m, 1), base * (1 + (m - 1) * 0.03) * CASE WHEN y = 2024 THEN g ELSE 1 END,
	NULL, '2024-07-10 09:00+08'
FROM (VALUES ('a', 20.0, 1.082), ('b', 30.0, 1.051)) c(u, base, g),
	generate_series(2023, 2024) y, generate_series(1, 6) m;
INSERT INTO reading (indicator_id, unit_id, month, value, recorded_at) VALUES
	(2, 'a', '2023-06-01', 48.25, '2024-07-10 09:00+08'), (2, 'a', '2024-06-01', 49.05, '2024-07-10 09:00+08'),
	(2, 'b', '2023-06-01', 51.5, '2024-07-10 09:00+08'), (2, 'b', '2024-06-01', 51.75, '2024-07-10 09:00+08');
-- Accidents, every month of 2024 to June: 3 in county a, 13 in county b.
INSERT INTO reading (indicator_id, unit_id, month, value, recorded_at)
SELECT 3, u, make_date(2024, m, 1), v[m], '2024-07-10 09:00+08'
FROM (VALUES ('a', '{1,0,1,0,1,0}'::float8[]), ('b', '{2,3,2,2,2,2}')) c(u, v), generate_series(1, 6) m;
-- The bureau corrects county b's June retail figure: revision 2.
INSERT INTO reading (indicator_id, unit_id, month, value, revision, recorded_at, source) VALUES
	(1, 'b', '2024-06-01', 36.5, 2, '2024-07-20 09:00+08', 'correction');
INSERT INTO task (task_id, action_id, kind, name_zh, name_en, responsible_unit_id, lead_person, section,
		year, start_date, due_date, status, planned_investment, completed_investment) VALUES
	('P1', 1, 'project', '商贸中心', 'Trade centre', 'a', '张三', '一', 2024, '2024-01-01', '2024-12-31',
	 'in_progress', 10, 4.5);
CALL run_assessment(2024, '2024-06-30');
