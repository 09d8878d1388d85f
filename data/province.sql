-- A generated three-level plan: a province, :cities cities, :counties
-- counties in each city, two provincial departments; 40 indicators, a
-- target for every one of them at every area unit, readings of every
-- county for January 2023 to December 2024.  For the hierarchy test
-- (sql/ref_hierarchy.sql) and the plan benchmark (bench/plan.sh).
--
--   psql -v cities=3 -v counties=4 -f data/province.sql   (defaults 3 and 4)
--
-- Deterministic: setseed() then random() in one serial statement per
-- table, rows generated in a fixed order.  Invented figures.
--
-- Indicators: 1-16 monthly flows, 17-24 flows reported cumulatively
-- (January-to-month), 25-32 stocks (all additive: counties add up to their
-- city, cities to the province, which have no readings of their own), 33-40
-- rates (not additive: every area unit reports its own).  Department pd1 is
-- judged on the province's figures (judged_on area), pd2 on readings of its
-- own for indicator 6 (judged_on own).
\if :{?cities}
\else
\set cities 3
\endif
\if :{?counties}
\else
\set counties 4
\endif
SET max_parallel_workers_per_gather = 0;   -- one order of random() calls

INSERT INTO action VALUES (1, '发展', 'development', NULL);
INSERT INTO unit (unit_id, name_zh, name_en, kind, parent_id, sort_order)
SELECT 'p', '某省', 'The Province', 'province', NULL, 0
UNION ALL
SELECT format('c%s', lpad(c::text, 3, '0')), format('第%s市', c), format('City %s', c), 'city', 'p', c
FROM generate_series(1, :cities) c
UNION ALL
SELECT format('c%sk%s', lpad(c::text, 3, '0'), lpad(k::text, 2, '0')), format('第%s市第%s县', c, k),
       format('County %s of city %s', k, c), 'county', format('c%s', lpad(c::text, 3, '0')), 1000 * c + k
FROM generate_series(1, :cities) c, generate_series(1, :counties) k
UNION ALL
SELECT 'pd1', '省发展和改革委员会', 'Provincial Development and Reform Commission', 'department', 'p', 100000
UNION ALL
SELECT 'pd2', '省统计局', 'Provincial Statistics Bureau', 'department', 'p', 100001;

INSERT INTO indicator (indicator_id, code, action_id, name_zh, name_en, measure_unit, nature,
	frequency, higher_is_better, reporting, additive)
SELECT i, format('i%s', i), 1, format('指标%s', i), format('indicator %s', i),
       CASE WHEN i <= 32 THEN '亿元' ELSE '%' END,
       CASE WHEN i <= 24 THEN 'flow' WHEN i <= 32 THEN 'stock' ELSE 'rate' END,
       'monthly', i % 10 <> 7,
       CASE WHEN i BETWEEN 17 AND 24 THEN 'cumulative' ELSE 'monthly' END,
       i <= 32
FROM generate_series(1, 40) i;

-- Every county: size (its share of the province), growth offset.
SELECT setseed(0.4242) \g /dev/null
CREATE TEMP TABLE gen_county AS
SELECT u.unit_id, 0.5 + random() AS size, 4 * (random() - 0.5) AS offset_pp
FROM (SELECT unit_id FROM unit WHERE kind = 'county' ORDER BY unit_id) u;

-- Readings, in (unit, indicator, month) order: a flow's month = base x size
-- x season x (1 + growth in 2024) x noise; cumulative ones are sums of those
-- months; a stock grows smoothly; a rate moves by a yearly change.
SELECT setseed(0.1717) \g /dev/null
INSERT INTO reading (indicator_id, unit_id, month, value, recorded_at, source)
SELECT g.indicator_id, g.unit_id, g.month,
       CASE WHEN g.indicator_id BETWEEN 17 AND 24
            THEN round(sum(g.v) OVER (PARTITION BY g.unit_id, g.indicator_id, extract(year FROM g.month)
                                      ORDER BY g.month)::numeric, 4)::float8
            ELSE g.v END,
       '2025-01-10', 'generated'
FROM (
	SELECT c.unit_id, i AS indicator_id, m.month,
	       round((CASE WHEN i <= 24
	                   THEN (10 + i) * c.size * (1 + 0.2 * cos(2 * pi() * extract(month FROM m.month) / 12))
	                        * CASE WHEN m.month >= '2024-01-01' THEN 1 + (5 + c.offset_pp + (i % 5)) / 100 ELSE 1 END
	                        * (0.97 + 0.06 * random())
	                   WHEN i <= 32
	                   THEN (100 + i) * c.size * (1 + (6 + c.offset_pp) / 100 * ((m.month - '2023-01-01'::date) / 365.25))
	                        * (0.995 + 0.01 * random())
	                   ELSE 20 + i + c.offset_pp + 0.05 * ((m.month - '2023-01-01'::date) / 30.44) + 0.1 * random()
	              END)::numeric, 4)::float8 AS v
	FROM (SELECT unit_id, size, offset_pp FROM gen_county ORDER BY unit_id) c
	CROSS JOIN generate_series(1, 40) i
	CROSS JOIN LATERAL (SELECT generate_series('2023-01-01'::date, '2024-12-01', '1 month')::date AS month) m
	ORDER BY c.unit_id, i, m.month
) g;

-- Rates of the cities and the province (their own figures).
SELECT setseed(0.2929) \g /dev/null
INSERT INTO reading (indicator_id, unit_id, month, value, recorded_at, source)
SELECT i, u.unit_id, m.month,
       round((20 + i + 0.05 * ((m.month - '2023-01-01'::date) / 30.44) + 0.1 * random())::numeric, 4)::float8,
       '2025-01-10', 'generated'
FROM (SELECT unit_id FROM unit WHERE kind IN ('province', 'city') ORDER BY unit_id) u
CROSS JOIN generate_series(33, 40) i
CROSS JOIN LATERAL (SELECT generate_series('2023-01-01'::date, '2024-12-01', '1 month')::date AS month) m
ORDER BY u.unit_id, i, m.month;

-- The statistics bureau's own figure for indicator 6 (say, its survey).
INSERT INTO reading (indicator_id, unit_id, month, value, recorded_at, source)
SELECT 6, 'pd2', m::date, 100 + extract(month FROM m) + CASE WHEN m >= '2024-01-01' THEN 8 ELSE 0 END,
       '2025-01-10', 'generated'
FROM generate_series('2023-01-01'::date, '2024-12-01', '1 month') m;

-- Targets: flows growth >= 6% (ratio; every fifth by rank, every seventh
-- lower-is-better growth < 0%... as threshold), stocks level >= 95% of the
-- prior December's generated level, rates change >= 0.2pp; weights 2.5 each
-- (a county's or a city's 40 targets weigh 100); the province's weigh 0.
INSERT INTO plan_target (indicator_id, unit_id, year, target, weight, scoring, score_floor, score_cap, note)
SELECT i, u.unit_id, 2024,
       CASE WHEN i % 10 = 7 AND i <= 32 THEN 'growth < 10%'
            WHEN i <= 24 THEN 'growth >= 6%'
            WHEN i <= 32 THEN 'growth >= 5%'
            ELSE 'change >= 0.2pp' END::target,
       CASE WHEN u.kind = 'province' THEN 0 ELSE 2.5 END,
       CASE WHEN i % 10 = 7 THEN 'threshold' WHEN i % 5 = 0 THEN 'rank' ELSE 'ratio' END,
       CASE WHEN i % 5 = 0 AND i % 10 <> 7 THEN 0.6 ELSE 0 END,
       CASE WHEN i % 10 = 7 THEN 1 WHEN i % 5 = 0 THEN 1 ELSE 1.2 END,
       'generated'
FROM (SELECT unit_id, kind FROM unit WHERE kind <> 'department') u
CROSS JOIN generate_series(1, 40) i;
INSERT INTO plan_target (indicator_id, unit_id, year, target, weight, scoring, note, judged_on)
SELECT i, 'pd1', 2024, 'growth >= 6%'::target, 20, 'threshold', 'judged on the province''s figure', 'area'
FROM generate_series(1, 5) i
UNION ALL
SELECT 6, 'pd2', 2024, 'growth >= 6%', 20, 'threshold', 'judged on its own readings', 'own';
RESET max_parallel_workers_per_gather;
ANALYZE unit, indicator, plan_target, reading;
