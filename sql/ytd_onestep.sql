-- ytd_onestep: the one-step ytd_growth and ytd_value give exactly the figures
-- of the exact decimal sums, computed here another way: numeric sums of
-- each reading's shortest text (value::text::numeric), rounded once to
-- float8.  Serial in memory, sorted, spilled to disk and forced parallel
-- alike (the ways a faster state handling could go wrong: states of many
-- groups, grown, widened, merged from workers).
SET search_path = scorecard, public;

-- plan_has(query, pattern): whether its EXPLAIN has a matching line.
\i sql/fixtures/plan_has.sql

-- 3,000 groups (700 kB of states) x 24 months, 2023-01 to 2024-12, two
-- readings a month of tenths and hundredths whose float8 sums are not the
-- decimal sums; group g % 10 = 3 also has readings of 2019 (a state grown beyond two years),
-- g % 10 = 7 readings of 4e17 (sums beyond 64 bits: the wide layout), and
-- every 50th row has a NULL period, value or as-of date (skipped).
CREATE TABLE st_readings AS
SELECT g, make_date(2023 + m / 12, m % 12 + 1, 1 + (g + r) % 28) AS period,
	CASE WHEN g % 10 = 7 AND r = 1 THEN 4e17::float8
		ELSE ((g * 37 + m * 11 + r * 5) % 1000) / 10.0::float8 + ((g + m) % 7) / 100.0::float8 END AS value
FROM generate_series(1, 3000) g, generate_series(0, 23) m, generate_series(1, 2) r
UNION ALL
SELECT g, make_date(2019, 6, 1), 0.3 FROM generate_series(3, 3000, 10) g;
INSERT INTO st_readings SELECT g, NULL, 1.5 FROM generate_series(1, 3000, 50) g;
INSERT INTO st_readings SELECT g, '2024-02-01', NULL FROM generate_series(2, 3000, 50) g;
-- a reading with a NULL as-of date is skipped too (as_of below is a column)
ALTER TABLE st_readings ADD COLUMN as_of date DEFAULT '2024-09-30';
UPDATE st_readings SET as_of = NULL WHERE g % 50 = 4 AND period = make_date(2024, 3, 1 + (g + 1) % 28);
ANALYZE st_readings;

-- The figures from numeric sums of the readings' decimals (rows with a
-- NULL skipped as the aggregate skips them), at three as-of months (any
-- day of a month stands for the whole month).
CREATE TABLE st_expected AS
SELECT g, a.as_of,
	(f.cur::float8 / f.pri::float8 - 1) * 100 AS growth,
	f.cur::float8 AS value,
	(f.fcur / f.fpri - 1) * 100 AS float8_growth
FROM (SELECT as_of, date_trunc('month', as_of) + interval '1 month' AS month_end
		FROM (VALUES (date '2024-01-15'), ('2024-09-30'), ('2024-12-31')) v(as_of)) a,
	LATERAL (SELECT g,
		sum(value::text::numeric) FILTER (WHERE period >= date_trunc('year', a.as_of) AND period < a.month_end) AS cur,
		sum(value::text::numeric) FILTER (WHERE period >= date_trunc('year', a.as_of) - interval '1 year' AND period < a.month_end - interval '1 year') AS pri,
		sum(value) FILTER (WHERE period >= date_trunc('year', a.as_of) AND period < a.month_end) AS fcur,
		sum(value) FILTER (WHERE period >= date_trunc('year', a.as_of) - interval '1 year' AND period < a.month_end - interval '1 year') AS fpri
	FROM st_readings WHERE period IS NOT NULL AND value IS NOT NULL
		AND (st_readings.as_of IS NOT NULL OR a.as_of <> '2024-09-30')
	GROUP BY g) f;

-- The aggregates at those as-of months; as_of is the column for 2024-09-30
-- (with its NULLs), a constant otherwise.
CREATE FUNCTION pg_temp.figures() RETURNS TABLE (g int, as_of date, growth float8, value float8)
LANGUAGE sql AS $$
	SELECT g, date '2024-09-30', ytd_growth(period, value, as_of), ytd_value(period, value, as_of)
	FROM st_readings GROUP BY g
	UNION ALL
	SELECT g, date '2024-01-15', ytd_growth(period, value, '2024-01-15'), ytd_value(period, value, '2024-01-15')
	FROM st_readings GROUP BY g
	UNION ALL
	SELECT g, date '2024-12-31', ytd_growth(period, value, '2024-12-31'), ytd_value(period, value, '2024-12-31')
	FROM st_readings GROUP BY g $$;

-- Groups whose figures are not bit for bit those of the numeric sums.
CREATE FUNCTION pg_temp.wrong(plan text) RETURNS TABLE (plan text, groups bigint, wrong_growth bigint, wrong_value bigint)
LANGUAGE sql AS $$
	SELECT plan, count(*),
		count(*) FILTER (WHERE f.growth IS DISTINCT FROM e.growth),
		count(*) FILTER (WHERE f.value IS DISTINCT FROM e.value)
	FROM pg_temp.figures() f FULL JOIN st_expected e USING (g, as_of) $$;

-- The test has teeth: float8 sums give other growths for many groups,
-- and the wide and grown groups are there.
SELECT count(*) FILTER (WHERE growth IS DISTINCT FROM float8_growth) > 1000 AS float8_differs,
	count(DISTINCT g) FILTER (WHERE g % 10 = 7 AND value > 4e18) = 300 AS wide_groups,
	(SELECT count(DISTINCT g) FROM st_readings WHERE period < '2023-01-01') = 300 AS grown_groups
FROM st_expected;

SET max_parallel_workers_per_gather = 0;
SET work_mem = '64MB';
SELECT * FROM pg_temp.wrong('serial, in memory');

-- Spilled to disk: the hash table's batches each start a new aggregate
-- context; and sorted groups (a context reset per group).
SET work_mem = '64kB';
SELECT * FROM pg_temp.wrong('serial, sorted');
SET enable_sort = off;
SELECT * FROM pg_temp.wrong('serial, spilled');
SELECT pg_temp.plan_has('SELECT g, ytd_growth(period, value, as_of) FROM st_readings GROUP BY g', '%Disk Usage%', 'ANALYZE, COSTS OFF, TIMING OFF') AS spilled;
RESET enable_sort;
SET work_mem = '64MB';

-- Forced parallel: partial states serialized, merged by the combine function.
SET parallel_setup_cost = 0;
SET parallel_tuple_cost = 0;
SET min_parallel_table_scan_size = 0;
SET max_parallel_workers_per_gather = 2;
SELECT * FROM pg_temp.wrong('parallel');
SELECT pg_temp.plan_has('SELECT g, ytd_growth(period, value, as_of) FROM st_readings GROUP BY g', '%Partial%Aggregate%') AS partial,
	pg_temp.plan_has('SELECT g, ytd_growth(period, value, as_of) FROM st_readings GROUP BY g', '%Finalize%Aggregate%') AS finalize;
-- every group in one: the combine function merges workers' states of all groups
SELECT ytd_growth(period, value, '2024-09-30') = (sum(value::text::numeric) FILTER (WHERE period BETWEEN '2024-01-01' AND '2024-09-30')::float8
	/ sum(value::text::numeric) FILTER (WHERE period BETWEEN '2023-01-01' AND '2023-09-30')::float8 - 1) * 100 AS all_groups_exact
FROM st_readings WHERE period IS NOT NULL AND value IS NOT NULL;
RESET parallel_setup_cost;
RESET parallel_tuple_cost;
RESET min_parallel_table_scan_size;
RESET max_parallel_workers_per_gather;
RESET work_mem;

-- One-step and two-step agree.
SELECT count(*) AS groups,
	count(*) FILTER (WHERE ytd_growth(s, '2024-12-31') IS NOT DISTINCT FROM g1) AS same_growth
FROM (SELECT g, ytd_agg(period, value) AS s, ytd_growth(period, value, '2024-12-31') AS g1
	FROM st_readings GROUP BY g) x;

-- Errors and NULLs: an as-of date in another month, a non-finite reading;
-- all rows NULL gives NULL.
SELECT ytd_growth(period, value, as_of) FROM (VALUES (date '2024-01-01', 1.0::float8, date '2024-01-31'), ('2024-02-01', 2, '2024-02-29')) v(period, value, as_of);
SELECT ytd_value(period, value, '2024-01-31') FROM (VALUES (date '2024-01-01', 'infinity'::float8)) v(period, value);
SELECT ytd_growth(period, value, '2024-01-31') IS NULL AS all_null FROM (VALUES (NULL::date, 1.0::float8)) v(period, value);
