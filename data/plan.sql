-- The 2024 plan as reference data: actions, units, indicators, targets
-- (city targets from targets-2024.md; county targets from a template, level
-- targets decomposed by the county's share of 2023 GDP; department targets:
-- the city's, with the department's weights) and task lists.
-- Run from the checkout's top directory (paths are relative).
--
-- The plan's files go through the import (plan/62_import.sql), as a
-- bureau's own files do with scripts/import.sh: staged, checked (every bad
-- row listed) and applied all or nothing; the staging columns below are
-- what import_columns() reads from each file's header.  The county and
-- department targets (derived from templates) and the task lists
-- (generated) follow in SQL.
SELECT begin_import() \g /dev/null
\copy pg_temp.import_unit (unit_id, name_zh, name_en, kind, parent, central_city, sort_order) FROM 'data/units.csv' WITH (FORMAT csv, HEADER true)
SELECT import_file_staged('unit', 'units.csv') \g /dev/null
\copy pg_temp.import_action (action_id, name_zh, name_en, lead_unit) FROM 'data/actions.csv' WITH (FORMAT csv, HEADER true)
SELECT import_file_staged('action', 'actions.csv') \g /dev/null
\copy pg_temp.import_indicator (indicator_id, code, action, name_zh, name_en, measure_unit, nature, frequency, higher_is_better, reporting, jan_feb_combined, additive, derived_from, derived_threshold) FROM 'data/indicators.csv' WITH (FORMAT csv, HEADER true)
SELECT import_file_staged('indicator', 'indicators.csv') \g /dev/null
\copy pg_temp.import_target (indicator, unit, year, target, weight, scoring, score_floor, score_cap, score_params, reference_indicator, note) FROM 'data/targets-city-2024.csv' WITH (FORMAT csv, HEADER true)
SELECT import_file_staged('target', 'targets-city-2024.csv') \g /dev/null
SELECT * FROM load_import() \g /dev/null

CREATE TEMP TABLE county_template (indicator_id int, target target, weight float8, scoring text,
	score_floor float8, score_cap float8, score_params float8[], reference_indicator_id int, decompose text);
\copy county_template FROM 'data/county-targets-2024.csv' WITH (FORMAT csv, HEADER true)
CREATE TEMP TABLE county_share (unit_id text, gdp_2023 float8, growth_offset float8);
\copy county_share FROM 'data/county-profile.csv' WITH (FORMAT csv, HEADER true)

INSERT INTO plan_target (indicator_id, unit_id, year, target, weight, scoring, score_floor,
	score_cap, score_params, reference_indicator_id, note)
SELECT t.indicator_id, s.unit_id, 2024,
       CASE WHEN t.decompose = 'share'
            THEN format('%s %s %s', target_measure(t.target), target_comparator(t.target),
                        ceil(target_threshold(t.target) * s.gdp_2023 / sum(s.gdp_2023) OVER (PARTITION BY t.indicator_id)))::target
            ELSE t.target END,
       t.weight, t.scoring, t.score_floor, t.score_cap, t.score_params, t.reference_indicator_id,
       CASE WHEN t.decompose = 'share' THEN 'city target decomposed by share of 2023 GDP'
            ELSE 'county target' END
FROM county_template t CROSS JOIN county_share s;

-- Departments are assessed (judged_on area) on the city's figures of the indicators their
-- action gives them (the city's target, the department's weight).
CREATE TEMP TABLE department_template (unit_id text, indicator_id int, weight float8, scoring text,
	score_floor float8, score_cap float8);
\copy department_template FROM 'data/department-targets-2024.csv' WITH (FORMAT csv, HEADER true)
INSERT INTO plan_target (indicator_id, unit_id, year, target, weight, scoring, score_floor,
	score_cap, reference_indicator_id, note, judged_on)
SELECT d.indicator_id, d.unit_id, c.year, c.target, d.weight, d.scoring, d.score_floor, d.score_cap,
       c.reference_indicator_id, 'city target, judged on the city''s figure', 'area'
FROM department_template d
JOIN plan_target c ON c.indicator_id = d.indicator_id AND c.unit_id = 'shaoyang' AND c.year = 2024;

-- Task lists (清单).  The plan names some projects; the others of each
-- "ten projects" list are numbered placeholders.  Status and investment are
-- illustrative, deterministic (md5 of the list and number), as of late 2024.
CREATE TEMP TABLE task_src (action_id int, kind text, list text, n int, names text[],
	unit_ids text[], section text, indicator_id int, due date, invest float8);
INSERT INTO task_src VALUES
	(1, 'project', '十大产业项目', 10, '{邵虹基板玻璃项目,湘中制药原料药生产基地,宝东原料药生产基地}',
	 '{shaodong,wugang,longhui,dongkou,xinshao,shaoyangxian,daxiang,shuangqing,beita,xinning}', '产业项目科', NULL, '2024-12-31', 30),
	(2, 'project', '十大技术攻关项目', 10, '{岳麓山工业创新中心邵阳区域分中心建设}',
	 '{kjj}', '高新技术科', NULL, '2024-12-31', 2),
	(3, 'project', '十大基础设施项目', 10, '{}', '{fgw,zjj}', '基础设施科', NULL, '2024-12-31', 40),
	(3, 'project', '十大促消费品牌项目', 10, '{}', '{swj}', '市场运行科', NULL, '2024-10-31', 5),
	(4, 'task', '改革任务', 8, '{要素市场化配置改革,国企改革深化提升行动,园区管理体制改革（“五好”园区建设）,营商环境“110”平台优化升级,拖欠民营企业账款专项清理,妨碍统一市场和公平竞争政策清理,国有资产与接待后勤体制“四合一”改革,“三个全覆盖”营商环境评价}',
	 '{fgw,gzw,fgw,zfb,gxj,scjgj,gzw,fgw}', '体改科', NULL, '2024-11-30', NULL),
	(5, 'policy', '惠企政策', 3, '{税费优惠“政策找人”,专精特新“小巨人”企业倍增工程,企业上市“金芙蓉”跃升行动}',
	 '{scjgj,gxj,fgw}', '企业服务科', NULL, '2024-12-31', NULL),
	(6, 'task', '区域共进任务', 2, '{承接产业转移示范区建设,县城综合承载能力提升}', '{fgw,zjj}', '区域发展科', NULL, '2024-12-31', NULL),
	(7, 'task', '安全守底任务', 3, '{保交楼专项借款项目交付,矿山“五化”治理,城市消防站建设两年行动}',
	 '{zjj,yjj,yjj}', '安全生产综合科', NULL, '2024-12-31', NULL),
	(8, 'project', '省定重点民生实事', 10, '{}', '{rsj,jyj,zjj}', '民生实事科', 36, '2024-12-31', 3),
	(8, 'project', '市定重点民生实事', 10, '{}', '{rsj,jyj,zjj}', '民生实事科', 36, '2024-12-31', 2);

INSERT INTO task (task_id, action_id, kind, name_zh, name_en, responsible_unit_id, lead_person,
	section, indicator_id, year, start_date, due_date, status, completed_on, planned_investment,
	completed_investment)
SELECT format('A%s-%s-%s', s.action_id, left(md5(s.list), 4), lpad(k::text, 2, '0')),
       s.action_id, s.kind,
       coalesce(s.names[k], format('%s 第%s项', s.list, k)),
       format('%s no. %s', s.list, k),
       s.unit_ids[1 + (k - 1) % cardinality(s.unit_ids)],
       CASE WHEN s.unit_ids[1 + (k - 1) % cardinality(s.unit_ids)] IN (SELECT unit_id FROM county_share)
            THEN '分管副县（市、区）长' ELSE '分管副局长' END,
       s.section, s.indicator_id, 2024, '2024-01-01',
       s.due - ((k % 3) * 61),
       x.status, CASE WHEN x.status = 'done' THEN s.due - ((k % 3) * 61) - (k % 20) END,
       CASE WHEN s.invest IS NOT NULL THEN round((s.invest * (0.5 + x.r))::numeric, 1) END,
       CASE WHEN s.invest IS NOT NULL THEN
            round((s.invest * (0.5 + x.r) * CASE WHEN x.status = 'done' THEN 1 ELSE 0.55 + 0.4 * x.r2 END)::numeric, 1) END
FROM task_src s
CROSS JOIN LATERAL generate_series(1, s.n) k
CROSS JOIN LATERAL (
	SELECT (('x' || substr(md5(s.list || k), 1, 3))::bit(12)::int & 1023)::float8 / 1023 AS r,
	       (('x' || substr(md5(k || s.list), 1, 3))::bit(12)::int & 1023)::float8 / 1023 AS r2
) y
CROSS JOIN LATERAL (
	SELECT y.r, y.r2,
	       CASE WHEN s.due - ((k % 3) * 61) <= '2024-11-30' AND y.r2 < 0.75 THEN 'done'
	            WHEN y.r2 > 0.93 THEN 'not_started'
	            ELSE 'in_progress' END AS status
) x;
