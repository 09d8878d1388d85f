-- ytd_parallel: a forced parallel plan (Partial and Finalize Aggregate)
-- gives the same answers as the serial plan.
SET search_path = scorecard, public;

-- 20 indicators x 50 units x 24 months, integer values (exact sums in any order).
CREATE TABLE par_readings AS
SELECT 'i' || i AS ind, 'u' || u AS unit, make_date(2023 + (m - 1) / 12, 1 + (m - 1) % 12, 1 + (i * u) % 28) AS period,
	((i * 7919 + u * 104729 + m * 13) % 1000 + 1)::float8 AS value
FROM generate_series(1, 20) i, generate_series(1, 50) u, generate_series(1, 24) m;
ANALYZE par_readings;

-- Whether the EXPLAIN of a query has a line matching a pattern.
CREATE FUNCTION pg_temp.plan_has(q text, pat text, opts text DEFAULT 'COSTS OFF')
RETURNS boolean LANGUAGE plpgsql AS $$
DECLARE
	l text;
BEGIN
	FOR l IN EXECUTE 'EXPLAIN (' || opts || ') ' || q LOOP
		IF l LIKE pat THEN
			RETURN true;
		END IF;
	END LOOP;
	RETURN false;
END $$;

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
