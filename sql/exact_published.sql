-- Published figures are exact (issue 19): twelve counties' January figures
-- in cents whose exact city growth is 7.05%.  Summed in float8 the city's
-- growth was 7.0499999999999785 or 7.050000000000001 depending on the plan
-- (published 7.0 or 7.1); the exact sums give 7.05, published 7.1 and met
-- against growth >= 7.1%, under every plan and order.
\i sql/fixtures/plan_session.sql
TRUNCATE action, unit, indicator, plan_target, reading, task, assessment_run CASCADE;
INSERT INTO unit (unit_id, name_zh, name_en, kind, parent_id)
SELECT 'c', '市', 'City', 'city', NULL
UNION ALL SELECT 'k' || i, '县' || i, 'County ' || i, 'county', 'c' FROM generate_series(1, 12) i;
INSERT INTO indicator (indicator_id, code, name_zh, name_en, nature, growth_decimals)
VALUES (1, 'gdp', '地区生产总值', 'GDP', 'flow', 1);
INSERT INTO plan_target (indicator_id, unit_id, year, target, weight, scoring)
VALUES (1, 'c', 2024, 'growth >= 7.1%', 10, 'ratio');
CREATE TEMP TABLE cents (i int, m date, v numeric);
INSERT INTO cents SELECT i, '2023-01-01', v / 100.0 FROM unnest(ARRAY[2269968, 4254287, 6775615,
	6659047, 8430000, 1451929, 2891163, 7636114, 6838472, 9318072, 4761367, 2395966]) WITH ORDINALITY a(v, i);
INSERT INTO cents SELECT i, '2024-01-01', v / 100.0 FROM unnest(ARRAY[7322954, 9331152, 4771130,
	7067519, 6119181, 6482745, 3971367, 2632032, 1492252, 3056442, 2638365, 13286442]) WITH ORDINALITY a(v, i);
INSERT INTO reading (indicator_id, unit_id, month, value, source)
SELECT 1, 'k' || i, m, v::float8, 'bureau' FROM cents;

-- The exact growth in plain numeric: 7.05%, published 7.1.
SELECT sum(v) FILTER (WHERE m = '2024-01-01') AS y2024, sum(v) FILTER (WHERE m = '2023-01-01') AS y2023,
	round(100 * (sum(v) FILTER (WHERE m = '2024-01-01') / sum(v) FILTER (WHERE m = '2023-01-01') - 1), 4) AS exact_growth
FROM cents;

-- In float8, the order decides (what 0.2.0 published).
SELECT (a24 / a23 - 1) * 100 AS float8_in_order, (d24 / d23 - 1) * 100 AS float8_reversed FROM
	(SELECT sum(v::float8 ORDER BY i) FILTER (WHERE m = '2024-01-01') a24,
	        sum(v::float8 ORDER BY i) FILTER (WHERE m = '2023-01-01') a23,
	        sum(v::float8 ORDER BY i DESC) FILTER (WHERE m = '2024-01-01') d24,
	        sum(v::float8 ORDER BY i DESC) FILTER (WHERE m = '2023-01-01') d23 FROM cents) x;

-- The states: rolled up in either order, the same text and figures.
SELECT rollup(s ORDER BY i)::text = rollup(s ORDER BY i DESC)::text AS same_state,
	rollup(s ORDER BY i)::text AS city,
	ytd_growth(rollup(s ORDER BY i), '2024-01-31', 1) AS asc_1,
	ytd_growth(rollup(s ORDER BY i DESC), '2024-01-31', 1) AS desc_1,
	ytd_growth(rollup(s ORDER BY i DESC), '2024-01-31', 2) AS desc_2
FROM (SELECT i, ytd_agg(m, v::float8) s FROM cents GROUP BY i) c;

-- progress() for the city: the default plan, no hash joins, forced
-- parallel plans, and the readings in reverse order.
CREATE TEMP TABLE seen (plan text, actual_published float8, met boolean, status text, points float8);
INSERT INTO seen SELECT 'default', actual_published, met, status, NULL FROM progress('2024-01-31') WHERE unit_id = 'c';
SET enable_hashjoin = off;
INSERT INTO seen SELECT 'no hash join', actual_published, met, status, NULL FROM progress('2024-01-31') WHERE unit_id = 'c';
RESET enable_hashjoin;
SET parallel_setup_cost = 0; SET parallel_tuple_cost = 0; SET min_parallel_table_scan_size = 0;
INSERT INTO seen SELECT 'parallel', actual_published, met, status, NULL FROM progress('2024-01-31') WHERE unit_id = 'c';
RESET parallel_setup_cost; RESET parallel_tuple_cost; RESET min_parallel_table_scan_size;
INSERT INTO seen SELECT 'unit_scores', actual_published, met, NULL, points FROM unit_scores('2024-01-31') WHERE unit_id = 'c';
SELECT plan, actual_published, met, status, points FROM seen ORDER BY plan;

-- Sums beyond 64 bits: the state turns wide (144-bit sums), exact still,
-- and narrow and wide states roll up together in either order.
SELECT s::text, pg_column_size(s) AS bytes, ytd_value(s, '2024-01-31', 0) AS published
FROM (SELECT ytd_agg(p, v) s FROM (VALUES ('2024-01-01'::date, 9e18::float8), ('2024-01-01', 9e18),
	('2024-01-01', 0.5), ('2023-01-01', 1)) r(p, v)) x;
SELECT rollup(s ORDER BY n)::text AS narrow_first, rollup(s ORDER BY n DESC)::text AS wide_first
FROM (VALUES (1, 'monthly{2023-01:0.25,2024-01:1.5}'::ytd), (2, 'monthly{2024-01:170000000000000000000}'::ytd)) v(n, s);

-- figure_numeric, the published figure as an exact decimal for BI tools,
-- is round_published's rule in numeric: the two agree on 40,000 figures
-- near rounding halves (k + 0.5 at decimals 0 to 3, with float8 noise of
-- either sign) and on 105 others of every size; NaN and infinity give NULL.
SELECT count(*) AS figures,
       count(*) FILTER (WHERE figure_numeric(v, d)::float8 IS DISTINCT FROM round_published(v, d)) AS disagree
FROM (SELECT (k + 0.5) / 10 ^ d + s * 1e-13 * (k % 7) AS v, d
      FROM generate_series(-2500, 2499) k, generate_series(0, 3) d, (VALUES (1), (-1)) n(s)
      UNION ALL
      SELECT 10 ^ e * 1.2345678901234, d FROM generate_series(-6, 14) e, generate_series(0, 4) d) x;
SELECT figure_numeric(313.69000000000005, NULL) AS noise_dropped, figure_numeric(103.47897766463608, 2) AS score,
       figure_numeric(2.5, 0) AS half_up, figure_numeric(-2.5, 0) AS half_down,
       figure_numeric('NaN', 1) AS nan, figure_numeric('-Infinity', 1) AS inf;
