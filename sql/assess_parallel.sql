-- Parallel plans (Partial and Finalize Aggregate) give the same answers as
-- serial ones, and a rollup of stored partial states equals one aggregate
-- over all rows.  Points and weights are integers, so every sum but the
-- geometric log sum is exact in float8 whatever the order of addition.
SET search_path = scorecard, public;

CREATE TABLE public.pitems AS
SELECT i % 12 AS unit, i AS indicator,
	CASE WHEN i % 3 = 0 THEN 'score' WHEN i % 97 = 0 THEN 'bonus'
		WHEN i % 89 = 0 THEN 'deduction' WHEN i % 1009 = 0 THEN 'veto'
		ELSE 'score' END AS kind,
	CASE WHEN i % 17 = 0 THEN NULL ELSE (i * 7) % 11 END::float8 AS points,
	(10 + i % 5)::float8 AS weight
FROM generate_series(1, 60000) i;
ANALYZE pitems;

-- Serial answers.
SET max_parallel_workers_per_gather = 0;
CREATE TEMP TABLE serial AS
SELECT unit, assess(points, weight, kind) AS a, weighted_score(points, weight) AS ws
FROM pitems GROUP BY unit;
CREATE TEMP TABLE serial_all AS
SELECT assess(points, weight, kind) AS a, weighted_score(points, weight) AS ws FROM pitems;

-- Forced parallel plans.
SET max_parallel_workers_per_gather = 2;
SET parallel_setup_cost = 0;
SET parallel_tuple_cost = 0;
SET min_parallel_table_scan_size = 0;
SET parallel_leader_participation = off;
EXPLAIN (COSTS OFF)
SELECT assess(points, weight, kind), weighted_score(points, weight) FROM pitems;
EXPLAIN (COSTS OFF)
SELECT unit, assess(points, weight, kind), weighted_score(points, weight)
FROM pitems GROUP BY unit;

CREATE TEMP TABLE par AS
SELECT unit, assess(points, weight, kind) AS a, weighted_score(points, weight) AS ws
FROM pitems GROUP BY unit;
CREATE TEMP TABLE par_all AS
SELECT assess(points, weight, kind) AS a, weighted_score(points, weight) AS ws FROM pitems;

-- Every unit equal: exact for sums and counts, 9 decimals for the geometric.
SELECT count(*) AS units,
	count(*) FILTER (WHERE s.ws = p.ws
		AND assessment_score(s.a) = assessment_score(p.a)
		AND assessment_total(s.a) = assessment_total(p.a)
		AND assessment_weight_all(s.a) = assessment_weight_all(p.a)
		AND assessment_bonus(s.a) = assessment_bonus(p.a)
		AND assessment_deduction(s.a) = assessment_deduction(p.a)
		AND (assessment_applicable(s.a), assessment_missing(s.a), assessment_vetoes(s.a))
			= (assessment_applicable(p.a), assessment_missing(p.a), assessment_vetoes(p.a))
		AND round(assessment_geometric(s.a)::numeric, 9) = round(assessment_geometric(p.a)::numeric, 9)
		AND assessment_grade(s.a) = assessment_grade(p.a)) AS equal
FROM serial s JOIN par p USING (unit);
SELECT s.ws = p.ws AS same_weighted_score,
	assessment_score(s.a) = assessment_score(p.a) AS same_score,
	(assessment_applicable(s.a), assessment_missing(s.a), assessment_vetoes(s.a))
		= (assessment_applicable(p.a), assessment_missing(p.a), assessment_vetoes(p.a)) AS same_counts
FROM serial_all s, par_all p;

-- The result against plain SQL over the same rows.
SELECT round(ws::numeric, 9) AS weighted_score,
	(SELECT round((100 * sum(points) / sum(weight) FILTER (WHERE points IS NOT NULL))::numeric, 9)
	 FROM pitems) AS plain_sql
FROM par_all;

-- Partial states stored per (unit, block of indicators), e.g. shipped from
-- shards as text, then merged with rollup (itself run in parallel).
CREATE TABLE public.pstates AS
SELECT unit, indicator / 5000 AS block, assess(points, weight, kind)::text AS state
FROM pitems GROUP BY unit, indicator / 5000;
ANALYZE pstates;
EXPLAIN (COSTS OFF)
SELECT rollup(state::assessment) FROM pstates;
SELECT count(*) AS units,
	count(*) FILTER (WHERE assessment_score(r) = assessment_score(s.a)
		AND assessment_total(r) = assessment_total(s.a)
		AND (assessment_applicable(r), assessment_missing(r), assessment_vetoes(r))
			= (assessment_applicable(s.a), assessment_missing(s.a), assessment_vetoes(s.a))
		AND round(assessment_geometric(r)::numeric, 9) = round(assessment_geometric(s.a)::numeric, 9)) AS equal
FROM (SELECT unit, rollup(state::assessment) AS r FROM pstates GROUP BY unit) q
JOIN serial s USING (unit);
SELECT assessment_score(rollup(state::assessment)) = (SELECT assessment_score(a) FROM serial_all) AS same_all
FROM pstates;

RESET max_parallel_workers_per_gather;
RESET parallel_setup_cost;
RESET parallel_tuple_cost;
RESET min_parallel_table_scan_size;
RESET parallel_leader_participation;
DROP TABLE public.pitems, public.pstates;
