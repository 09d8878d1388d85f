-- More ytd values for the 0.2.0 fixtures (test/upgrade/make_fixtures.sh
-- 0.2.0): states whose float sums depend on the order of summation, as
-- 0.2.0 stored them.  The twelve counties' January figures (cents) are the
-- example of issue 19: exact city growth 7.05%.
CREATE TABLE fx_ytd_sum (id int PRIMARY KEY, v ytd);
CREATE TEMP TABLE fx_cents (i int, p date, v float8);
INSERT INTO fx_cents SELECT i, '2023-01-01', v / 100::float8 FROM unnest(ARRAY[2269968, 4254287, 6775615,
	6659047, 8430000, 1451929, 2891163, 7636114, 6838472, 9318072, 4761367, 2395966]) WITH ORDINALITY a(v, i);
INSERT INTO fx_cents SELECT i, '2024-01-01', v / 100::float8 FROM unnest(ARRAY[7322954, 9331152, 4771130,
	7067519, 6119181, 6482745, 3971367, 2632032, 1492252, 3056442, 2638365, 13286442]) WITH ORDINALITY a(v, i);
-- 1: the city, counties rolled up in order; 2: in reverse order
INSERT INTO fx_ytd_sum SELECT 1, rollup(s ORDER BY i) FROM (SELECT i, ytd_agg(p, v) s FROM fx_cents GROUP BY i) c;
INSERT INTO fx_ytd_sum SELECT 2, rollup(s ORDER BY i DESC) FROM (SELECT i, ytd_agg(p, v) s FROM fx_cents GROUP BY i) c;
-- 3: one county's state; 4: cumulative with a one-step as-of
INSERT INTO fx_ytd_sum SELECT 3, ytd_agg(p, v) FROM fx_cents WHERE i = 5;
INSERT INTO fx_ytd_sum VALUES (4, 'cumulative{2023-03:0.1,2023-06:-2.5e-7,2024-03:123456789.125}');
-- 5: a month of readings 0.1 + 0.2 + 0.3, -0 and 1e-300
INSERT INTO fx_ytd_sum SELECT 5, ytd_agg(p, v ORDER BY n) FROM (VALUES (1, '2023-01-01'::date, 0.1::float8),
	(2, '2023-01-01', 0.2), (3, '2023-01-01', 0.3), (4, '2023-02-01', -0::float8), (5, '2024-01-01', 1e-300)) r(n, p, v);
