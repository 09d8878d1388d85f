-- ytd_parallel: a forced parallel plan (Partial and Finalize Aggregate)
-- gives the same answers as the serial plan.
SET search_path = scorecard, public;

-- 20 indicators x 50 units x 24 months, integer values (exact sums in any order).
CREATE TABLE par_readings AS
SELECT 'i' || i AS ind, 'u' || u AS unit, make_date(2023 + (m - 1) / 12, 1 + (m - 1) % 12, 1 + (i * u) % 28) AS period,
	((i * 7919 + u * 104729 + m * 13) % 1000 + 1)::float8 AS value
FROM generate_series(1, 20) i, generate_series(1, 50) u, generate_series(1, 24) m;
ANALYZE par_readings;

-- plan_has(query, pattern): whether its EXPLAIN has a matching line.
\i sql/fixtures/plan_has.sql

\set q 'SELECT ind, unit, ytd_growth(period, value, ''2024-09-30'') AS g1, ytd_value(period, value, ''2024-09-30'') AS v1, ytd_agg(period, value)::text AS s, ytd_growth(ytd_agg(period, value), ''2024-06-30'') AS g2 FROM par_readings GROUP BY ind, unit'
\set r 'SELECT ind, rollup(s) AS city FROM par_states GROUP BY ind'

SET max_parallel_workers_per_gather = 0;
CREATE TABLE serial AS :q;
CREATE TABLE par_states AS SELECT ind, unit, ytd_agg(period, value) AS s FROM par_readings GROUP BY ind, unit;
ANALYZE par_states;
CREATE TABLE serial_rollup AS SELECT ind, city::text FROM (:r) x;
SELECT pg_temp.plan_has(:'q', '%Partial%') AS serial_partial;

SET parallel_setup_cost = 0;
SET parallel_tuple_cost = 0;
SET min_parallel_table_scan_size = 0;
SET max_parallel_workers_per_gather = 2;
SELECT pg_temp.plan_has(:'q', '%Finalize%Aggregate%') AS finalize,
	pg_temp.plan_has(:'q', '%Partial%Aggregate%') AS partial,
	pg_temp.plan_has(:'q', '%Gather%') AS gather,
	pg_temp.plan_has(:'q', '%Workers Launched: 2%', 'ANALYZE, COSTS OFF, TIMING OFF') AS two_workers;
CREATE TABLE parallel AS :q;
SELECT pg_temp.plan_has(:'r', '%Finalize%Aggregate%') AS rollup_finalize,
	pg_temp.plan_has(:'r', '%Partial%Aggregate%') AS rollup_partial;
CREATE TABLE parallel_rollup AS SELECT ind, city::text FROM (:r) x;

-- Same rows both ways, and the growth checked against the plain-SQL formula.
SELECT (SELECT count(*) FROM serial) AS groups,
	(SELECT count(*) FROM (SELECT * FROM serial EXCEPT SELECT * FROM parallel) d) AS only_serial,
	(SELECT count(*) FROM (SELECT * FROM parallel EXCEPT SELECT * FROM serial) d) AS only_parallel,
	(SELECT count(*) FROM (SELECT * FROM serial_rollup EXCEPT SELECT * FROM parallel_rollup) d) AS rollup_diff,
	(SELECT count(*) FROM parallel_rollup) AS rollups;
SELECT count(*) AS groups, count(*) FILTER (WHERE round(p.g1::numeric, 10) = round(((f.cur / f.pri - 1) * 100)::numeric, 10)) AS equal_formula
FROM parallel p JOIN (
	SELECT ind, unit,
		sum(value) FILTER (WHERE period BETWEEN '2024-01-01' AND '2024-09-30') AS cur,
		sum(value) FILTER (WHERE period BETWEEN '2023-01-01' AND '2023-09-30') AS pri
	FROM par_readings GROUP BY ind, unit) f USING (ind, unit);
-- The rollup of the units' stored states equals the aggregate over the rows.
SELECT count(*) AS inds, count(*) FILTER (WHERE r.city = a.s::text) AS equal
FROM parallel_rollup r JOIN (SELECT ind, ytd_agg(period, value) s FROM par_readings GROUP BY ind) a USING (ind);

-- Partial states that cannot merge in place (ytd_combine's general path):
-- groups whose rows have 0 to 3 decimals (states of different scales meet)
-- and groups whose month sums outgrow 64 bits (narrow meets wide), four
-- rows a month.  The parallel states equal the serial ones, and the
-- year-to-date value equals the exact numeric sum of the readings' texts.
CREATE TABLE mix_readings AS
SELECT u, make_date(2023 + (m - 1) / 12, 1 + (m - 1) % 12, d) AS period,
	CASE WHEN u % 5 = 0 THEN CASE WHEN d = 4 THEN 0.125 ELSE 4e15 END
		ELSE (((u * 7919 + m * 13 + d * 104729) % 100000)::numeric / 10::numeric ^ ((u + m + d) % 4))::float8 END AS value
FROM generate_series(1, 200) u, generate_series(1, 24) m, generate_series(1, 4) d;
ANALYZE mix_readings;
\set mq 'SELECT u, ytd_agg(period, value)::text AS s, ytd_value(period, value, ''2024-09-30'') AS v FROM mix_readings GROUP BY u'
SET max_parallel_workers_per_gather = 0;
CREATE TABLE mix_serial AS :mq;
SET max_parallel_workers_per_gather = 2;
SELECT pg_temp.plan_has(:'mq', '%Partial%Aggregate%') AS mix_partial;
CREATE TABLE mix_parallel AS :mq;
SELECT count(*) AS groups, count(*) FILTER (WHERE p.s = s.s AND p.v = s.v) AS equal_serial,
	count(*) FILTER (WHERE p.s LIKE '%inexact%') AS inexact
FROM mix_parallel p JOIN mix_serial s USING (u);
SELECT count(*) AS groups, count(*) FILTER (WHERE ytd_value(p.s::ytd, '2024-09-30', 3) = round(e.exact, 3)::float8) AS equal_exact
FROM mix_parallel p JOIN (
	SELECT u, sum(value::text::numeric) AS exact FROM mix_readings
	WHERE period BETWEEN '2024-01-01' AND '2024-09-30' GROUP BY u) e USING (u);

-- The one-step state holds the as-of year and the year before from its
-- first row: an empty year so held does not count toward the 200-year
-- span (readings of 1830 to 2029 as of 2030: no error, NULL as before).
SELECT ytd_value(p, v, '2030-06-30') IS NULL AS value_null,
	ytd_growth(p, v, '2030-06-30') IS NULL AS growth_null
FROM (VALUES ('2029-03-01'::date, 1.0::float8), ('1830-01-01', 2), ('2028-03-01', 4)) r(p, v);
