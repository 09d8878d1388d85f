-- Any hierarchy: a province, its cities, their counties (data/province.sql,
-- 3 cities x 4 counties).  Every roll-up must equal sums computed here in
-- plain SQL over the counties' readings; a parent with a figure of its own
-- keeps it; an incomplete roll-up is NULL with a note; departments are
-- judged on their own readings or on their area's; ranks are among units of
-- one kind under one parent; the views of one month share one as_of.
\i sql/fixtures/plan_session.sql
SET extra_float_digits = 0;
TRUNCATE action, unit, indicator, plan_target, reading, task, assessment_run CASCADE;
\i data/province.sql
SELECT kind, count(*) AS units FROM unit GROUP BY kind ORDER BY min(sort_order);

-- The counties under each unit, found without recursion: a city's are its
-- children, the province's its grandchildren.
CREATE TEMP TABLE leaf_of AS
SELECT c.parent_id AS unit_id, c.unit_id AS leaf FROM unit c WHERE c.kind = 'county'
UNION ALL
SELECT m.parent_id, c.unit_id FROM unit c JOIN unit m ON m.unit_id = c.parent_id WHERE c.kind = 'county';
-- Plain-SQL figures at November 2024 of every additive indicator for every
-- unit above the counties: monthly flows sum January-November; cumulative
-- flows and stocks take November's figure; the same a year before.
CREATE TEMP VIEW plain AS
SELECT l.unit_id, r.indicator_id,
       sum(r.value) FILTER (WHERE CASE WHEN r.indicator_id <= 16 THEN r.month BETWEEN '2024-01-01' AND '2024-11-01'
                                       ELSE r.month = '2024-11-01' END) AS value,
       sum(r.value) FILTER (WHERE CASE WHEN r.indicator_id <= 16 THEN r.month BETWEEN '2023-01-01' AND '2023-11-01'
                                       ELSE r.month = '2023-11-01' END) AS prior
FROM leaf_of l JOIN reading r ON r.unit_id = l.leaf
WHERE r.indicator_id <= 32
GROUP BY l.unit_id, r.indicator_id;
CREATE TEMP VIEW compared AS
SELECT p.unit_id, p.indicator_id, p.value AS plain_value, v.value AS view_value,
       p.prior AS plain_prior, v.prior AS view_prior, v.computed_growth, v.note,
       abs(v.value - p.value) <= 1e-9 * abs(p.value) AND abs(v.prior - p.prior) <= 1e-9 * abs(p.prior)
       AND abs(v.computed_growth - 100 * (p.value / p.prior - 1)) <= 1e-9 AS same
FROM plain p LEFT JOIN progress('2024-11-30') v USING (unit_id, indicator_id);

-- 4 units (3 cities, the province) x 32 additive indicators, all equal.
SELECT count(*) AS compared, count(*) FILTER (WHERE same) AS equal,
       count(*) FILTER (WHERE unit_id = 'p') AS province_rows
FROM compared;
-- One of them by hand: the province's indicator 1 is the sum of its 12 counties.
SELECT (SELECT round(value::numeric, 4) FROM progress('2024-11-30') WHERE unit_id = 'p' AND indicator_id = 1) AS province,
       (SELECT round(sum(value)::numeric, 4) FROM progress('2024-11-30') WHERE unit_id LIKE 'c%k%' AND indicator_id = 1) AS sum_of_counties,
       (SELECT round(sum(value)::numeric, 4) FROM progress('2024-11-30') WHERE unit_id IN ('c001', 'c002', 'c003') AND indicator_id = 1) AS sum_of_cities;
-- Rates are not additive: every unit shows its own reading of November.
SELECT count(*) AS rate_rows,
       count(*) FILTER (WHERE abs(p.value - r.value) < 1e-9) AS own_figure
FROM progress('2024-11-30') p
JOIN reading r ON r.unit_id = p.unit_id AND r.indicator_id = p.indicator_id AND r.month = '2024-11-01'
WHERE p.indicator_id > 32;
-- Every roll-up is marked so.
SELECT rolled_up, count(*) FROM indicator_state('2024-11-30') GROUP BY rolled_up ORDER BY 1;

-- A city that reports a figure of its own keeps it (1000 a month for
-- indicator 1: 11000 to November, 11000 a year before), and the province
-- adds it to the other two cities' roll-ups.
INSERT INTO reading (indicator_id, unit_id, month, value, recorded_at)
SELECT 1, 'c002', m::date, 1000, '2025-01-10' FROM generate_series('2023-01-01'::date, '2024-12-01', '1 month') m;
SELECT unit_id, value, prior, computed_growth FROM progress('2024-11-30')
WHERE unit_id = 'c002' AND indicator_id = 1;
SELECT round(p.value::numeric, 4) AS province,
       round((11000 + (SELECT sum(plain_value) FROM compared WHERE unit_id IN ('c001', 'c003') AND indicator_id = 1))::numeric, 4) AS c002_own_plus_others
FROM progress('2024-11-30') p WHERE p.unit_id = 'p' AND p.indicator_id = 1;

-- A county without November's reading of indicator 2: its city's roll-up
-- is not made (3 of 4 counties report for November), nor the province's
-- (2 of 3 cities have a figure); no partial sum, a note instead.
DELETE FROM reading WHERE unit_id = 'c003k02' AND indicator_id = 2 AND month = '2024-11-01';
SELECT unit_id, data_month, value, met, status, note FROM progress('2024-11-30')
WHERE indicator_id = 2 AND unit_id IN ('c003k02', 'c003', 'p', 'pd1', 'c001') ORDER BY unit_id;
SELECT unit_id, state IS NULL AS no_state, rolled_up, note FROM indicator_state('2024-11-30')
WHERE indicator_id = 2 AND unit_id IN ('c003', 'p') ORDER BY unit_id;

-- Departments: pd1 is judged on the province's figures (judged_on area):
-- its rows equal the province's; pd2 on its own readings of indicator 6
-- (100 + month, +8 in 2024): 1254 against 1166 to November, +7.5472%.
SELECT d.unit_id, d.indicator_id, d.value = a.value AS same_value, d.growth = a.growth AS same_growth
FROM progress('2024-11-30') d JOIN progress('2024-11-30') a ON a.unit_id = 'p' AND a.indicator_id = d.indicator_id
WHERE d.unit_id = 'pd1' AND d.indicator_id <> 2 ORDER BY 2;
SELECT unit_id, indicator_id, value, prior, round(growth::numeric, 4) AS growth, met
FROM progress('2024-11-30') WHERE unit_id = 'pd2';

-- Ranks: among the units of one peer group under one parent (the counties
-- of each city 1..4, the cities 1..3, the province's departments 1..2).
SELECT u.parent_id, a.peer_group, array_agg(a.rank ORDER BY a.rank) AS ranks
FROM unit_assessment('2024-11-30') a JOIN unit u USING (unit_id)
GROUP BY u.parent_id, a.peer_group ORDER BY 1, 2;
-- rank scoring (every fifth indicator) counts the county's peers only: 4
SELECT DISTINCT s.indicator_id, count(*) OVER (PARTITION BY s.indicator_id, u.parent_id) AS peers
FROM unit_scores('2024-11-30') s JOIN unit u USING (unit_id)
WHERE s.scoring = 'rank' AND u.parent_id = 'c001' ORDER BY 1;

-- One as-of date: the latest month is December 2024; every view of it and
-- the run without an as-of date say 2024-12-31.
CALL run_assessment(2024) \gset
SELECT latest_month(), latest_as_of(),
       (SELECT DISTINCT as_of FROM progress_latest) AS progress_latest,
       (SELECT DISTINCT as_of FROM progress_city_latest) AS progress_city_latest,
       (SELECT DISTINCT as_of FROM unit_scores_latest) AS unit_scores_latest,
       (SELECT DISTINCT as_of FROM unit_assessment_latest) AS unit_assessment_latest,
       (SELECT DISTINCT as_of FROM assessment_run_ranking) AS assessment_run_ranking;
SELECT count(*) AS joined FROM progress_latest p JOIN assessment_run_ranking r USING (unit_id, as_of);
-- The top of the hierarchy: the province's 40 targets.
SELECT count(*) AS rows, count(DISTINCT unit_id) AS units, min(unit_id) AS unit FROM progress_city('2024-11-30');

-- Kinds are data: a township level under a county, a new kind.
INSERT INTO unit_kind (kind, level, peer_group, name_zh, name_en) VALUES ('street', 5, 'township', '街道', 'street');
INSERT INTO unit (unit_id, name_zh, name_en, kind, parent_id) VALUES
	('t1', '甲镇', 'Town A', 'township', 'c001k01'), ('t2', '乙街道', 'Street B', 'street', 'c001k01');
SELECT u.unit_id, k.level, k.peer_group FROM unit u JOIN unit_kind k USING (kind) WHERE u.parent_id = 'c001k01';
-- Readings of the townships (1 a month for indicator 3) do not change the
-- county's figure: it has readings of its own and keeps them.
INSERT INTO reading (indicator_id, unit_id, month, value, recorded_at)
SELECT 3, t, m::date, 1, '2025-01-10'
FROM unnest(ARRAY['t1', 't2']) t, generate_series('2023-01-01'::date, '2024-12-01', '1 month') m;
SELECT abs(p.value - (SELECT sum(value) FROM reading WHERE unit_id = 'c001k01' AND indicator_id = 3
                      AND month BETWEEN '2024-01-01' AND '2024-11-01')) < 1e-9 AS county_keeps_own,
       (SELECT ytd_value(state, data_month) FROM indicator_state('2024-11-30') WHERE unit_id = 't1' AND indicator_id = 3) AS township_t1
FROM progress('2024-11-30') p WHERE p.unit_id = 'c001k01' AND p.indicator_id = 3;
-- An unknown kind is refused.
INSERT INTO unit (unit_id, name_zh, name_en, kind, parent_id) VALUES ('x', 'x', 'x', 'hamlet', 'c001k01');

TRUNCATE action, unit, indicator, plan_target, reading, task, assessment_run CASCADE;
