-- The assessment state and its aggregates.  Values are checked against hand
-- computations in comments, or against a plain-SQL formula in the same query.
SET search_path = scorecard, public;

-- The issue's example: 15 of 20, 30 of 30, and a not-applicable item of
-- weight 50.  Normalised: (15 + 30) / (20 + 30) x 100 = 90.  Geometric:
-- 100 x 0.75^(20/50) x 1^(30/50) = 100 x 0.75^0.4 = 89.130123 (0.75^0.4 =
-- exp(0.4 x ln 0.75) = exp(-0.115073) = 0.891301).
CREATE TEMP TABLE ex (points float8, weight float8);
INSERT INTO ex VALUES (15, 20), (30, 30), (NULL, 50);
SELECT weighted_score(points, weight),
	100 * sum(points) / sum(weight) FILTER (WHERE points IS NOT NULL) AS plain_sql
FROM ex;
SELECT assessment_points(a) AS points, assessment_weight(a) AS weight,
	assessment_weight_all(a) AS weight_all, assessment_total(a) AS total,
	assessment_score(a) AS score, round(assessment_geometric(a)::numeric, 6) AS geometric,
	assessment_applicable(a) AS applicable, assessment_missing(a) AS missing,
	assessment_vetoes(a) AS vetoes, assessment_vetoed(a) AS vetoed,
	assessment_grade(a) AS grade
FROM (SELECT assess(points, weight) AS a FROM ex) s;

-- Items of one table, with bonus, deduction and veto rows (kind column).
CREATE TEMP TABLE items (unit text, indicator text, kind text, points float8, weight float8);
INSERT INTO items VALUES
	-- A: 18/20 + 25/30 + 40/50 = 83 of 100; bonus 3 + 6 = 9, deduction 2.
	('A', 'gdp', 'score', 18, 20), ('A', 'tax', 'score', 25, 30),
	('A', 'env', 'score', 40, 50),
	('A', 'award', 'bonus', 3, NULL), ('A', 'pilot', 'bonus', 6, NULL),
	('A', 'late report', 'deduction', 2, NULL),
	-- B: full points everywhere, but a veto applies (points 1).
	('B', 'gdp', 'score', 20, 20), ('B', 'tax', 'score', 30, 30),
	('B', 'env', 'score', 50, 50), ('B', 'safety', 'veto', 1, NULL),
	-- C: a veto that does not apply (0), a not-applicable item, a zero.
	('C', 'gdp', 'score', 10, 20), ('C', 'tax', 'score', NULL, 30),
	('C', 'env', 'score', 0, 50), ('C', 'safety', 'veto', 0, NULL),
	-- D: nothing applies.
	('D', 'gdp', 'score', NULL, 40), ('D', 'tax', 'score', NULL, 60);
CREATE TEMP TABLE states AS
SELECT unit, assess(points, weight, kind) AS a FROM items GROUP BY unit;

-- A: score 83 + 9 - 2 = 90 (优秀); bonus capped at 5: 83 + 5 - 2 = 86 (良好);
--    deduction capped at 1: 83 + 9 - 1 = 91; total 83 + 9 - 2 = 90.
-- B: 100, but vetoed: 不合格 whatever the points.
-- C: 10 / (20 + 50) x 100 = 14.285714 (不合格), one missing, a zero item
--    makes the geometric mean 0.
-- D: no item applies: score, geometric and grade NULL; weight_all 100.
SELECT unit, assessment_total(a) AS total,
	round(assessment_score(a)::numeric, 6) AS score,
	round(assessment_score(a, bonus_cap => 5)::numeric, 6) AS capped_bonus,
	round(assessment_score(a, deduction_cap => 1)::numeric, 6) AS capped_deduction,
	assessment_bonus(a) AS bonus, assessment_bonus(a, 5) AS bonus_5,
	assessment_deduction(a) AS deduction,
	assessment_grade(a) AS grade, assessment_grade(a, bonus_cap => 5) AS grade_capped,
	assessment_vetoed(a) AS vetoed, assessment_applicable(a) AS applicable,
	assessment_missing(a) AS missing, assessment_weight_all(a) AS weight_all
FROM states ORDER BY unit;

-- Geometric mean against its plain-SQL formula over the applicable items:
-- 100 x exp(sum(w ln(p / w)) / sum(w)); for A by hand
-- 100 x 0.9^0.2 x (5/6)^0.3 x 0.8^0.5 + 9 - 2 = 100 x 0.979148 x 0.946772
-- x 0.894427 + 7 = 82.916149 + 7 = 89.916149.
SELECT round(assessment_geometric(a)::numeric, 6) AS geometric,
	(SELECT round((100 * exp(sum(weight * ln(points / weight)) / sum(weight))
		+ 9 - 2)::numeric, 6) FROM items WHERE unit = 'A' AND kind = 'score') AS plain_sql
FROM states WHERE unit = 'A';
SELECT unit, assessment_geometric(a) FROM states WHERE unit IN ('C', 'D') ORDER BY unit;

-- Custom bands, best first; a veto gives the last label.
SELECT unit, assessment_grade(a, '{A,B,C,D,E}', '{95,85,75,60}') AS grade
FROM states ORDER BY unit;

-- weighted_score per unit against the plain-SQL formula (score items).
SELECT unit, round(weighted_score(points, weight)::numeric, 6) AS weighted_score,
	round((100 * sum(points) / sum(weight) FILTER (WHERE points IS NOT NULL))::numeric, 6) AS plain_sql
FROM items WHERE kind = 'score' GROUP BY unit ORDER BY unit;

-- No rows at all: NULL.
SELECT assess(points, weight) IS NULL AS assess_null,
	weighted_score(points, weight) IS NULL AS weighted_null
FROM ex WHERE false;

-- rollup: states of parts merge to the state of the whole.
SELECT round(assessment_score(r)::numeric, 6) AS score,
	round(assessment_score(w)::numeric, 6) AS score_whole,
	assessment_total(r) = assessment_total(w) AS same_total,
	assessment_weight_all(r) = assessment_weight_all(w) AS same_weight_all,
	round(assessment_geometric(r)::numeric, 9) = round(assessment_geometric(w)::numeric, 9) AS same_geometric,
	(assessment_applicable(r), assessment_missing(r), assessment_vetoes(r)) AS counts,
	(assessment_applicable(w), assessment_missing(w), assessment_vetoes(w)) AS counts_whole
FROM (SELECT rollup(a) AS r FROM states) p,
	(SELECT assess(points, weight, kind) AS w FROM items) q;
-- plain SQL: (18+25+40+20+30+50+10+0) / (100+100+70) x 100 + 9 - 2
SELECT round((100.0 * 193 / 270 + 7)::numeric, 6) AS by_hand;
SELECT rollup(a) IS NULL AS rollup_of_nothing FROM states WHERE false;
SELECT assessment_score(rollup(a)) FROM (VALUES (NULL::assessment), (NULL)) v(a);

-- Text form: reads back bit-exactly, also for values with long expansions
-- (0.1 + 0.2, 1/3, a subnormal).
CREATE TEMP TABLE odd AS
SELECT assess(p, w) AS a FROM (VALUES (0.1::float8, 0.3::float8), (0.2, 1.0 / 3),
	(5e-324, 1e-300)) v(p, w);
SELECT a::text::assessment::text = a::text AS same_text,
	assessment_points(a::text::assessment) = 0.1::float8 + 0.2::float8 + 5e-324 AS same_points,
	assessment_weight(a::text::assessment) = assessment_weight(a) AS same_weight
FROM odd;
SELECT '(points=45,weight=50,weight_all=100,bonus=0,deduction=0,log_sum=-5.753641449035618,applicable=2,missing=1,vetoes=0,zeros=0)'::assessment;
SELECT assessment_score(' ( points = 1 , weight=2,weight_all=2,bonus=0,deduction=0,log_sum=-1.3862943611198906,applicable=1,missing=0,vetoes=0,zeros=0 ) '::assessment);

-- Binary files go to this server's data directory: checkouts testing at
-- the same time each have their own server, and never share a file.
SELECT current_setting('data_directory') || '/scorecard_assess_regress.bin' AS binfile \gset
-- Binary form: COPY out and in again gives the same state.
CREATE TEMP TABLE bin_in (unit text, a assessment);
COPY states TO :'binfile' (FORMAT binary);
COPY bin_in FROM :'binfile' (FORMAT binary);
SELECT count(*) AS same FROM states s JOIN bin_in b USING (unit) WHERE s.a::text = b.a::text;

-- Binary receive checks what text input checks: a state sent by
-- assessment_send with its "missing" count (bytes 57..64) set to -1 is
-- refused when COPY reads it back (in the list of errors below).
CREATE TEMP TABLE bin_bad (a assessment);
COPY (SELECT overlay(assessment_send(a) PLACING '\xffffffffffffffff'::bytea FROM 57 FOR 8)
	FROM states WHERE unit = 'A') TO :'binfile' (FORMAT binary);
SELECT length(assessment_send(a)) AS send_bytes FROM states WHERE unit = 'A';

-- Called outside an aggregate, the transition and combine functions leave
-- their input alone.  With a 0 of 50 added: 45 / 100 = 45; merged with
-- itself: 90 points; with 10 of 10 added: (45 + 10) / (50 + 10) = 91.666667.
CREATE TEMP TABLE one AS SELECT assess(points, weight) AS a FROM ex;
SELECT assessment_score(assess_trans(a, 0, 50)) AS with_zero, assessment_score(a) AS input,
	assessment_points(assess_combine(a, a)) AS doubled, assessment_points(a) AS input_points,
	round(weighted_score_final(weighted_score_trans(a, 10, 10))::numeric, 6) AS plus_one
FROM one;
SELECT a::text = (SELECT assess(points, weight)::text FROM ex) AS unchanged FROM one;

-- Bad input: each a clear error with its SQLSTATE, and nothing changes.
\i sql/fixtures/err_function.sql
SELECT replace(q, :'binfile', '<binfile>') AS query, pg_temp.err(q) AS error
FROM (VALUES
	($q$SELECT assess(p, w) FROM (VALUES (1::float8, -2::float8)) v(p, w)$q$),
	($q$SELECT assess(p, w) FROM (VALUES (1::float8, 'NaN'::float8)) v(p, w)$q$),
	($q$SELECT assess(p, w) FROM (VALUES (NULL::float8, -2::float8)) v(p, w)$q$),
	($q$SELECT assess(p, w) FROM (VALUES (1::float8, NULL::float8)) v(p, w)$q$),
	($q$SELECT assess(p, w) FROM (VALUES (-1::float8, 2::float8)) v(p, w)$q$),
	($q$SELECT assess(p, w) FROM (VALUES ('NaN'::float8, 2::float8)) v(p, w)$q$),
	($q$SELECT assess(p, w, 'extra') FROM (VALUES (1::float8, 2::float8)) v(p, w)$q$),
	($q$SELECT assess(p, w, NULL) FROM (VALUES (1::float8, 2::float8)) v(p, w)$q$),
	($q$SELECT assess(p, w, 'bonus') FROM (VALUES (-1::float8, 2::float8)) v(p, w)$q$),
	($q$SELECT assess(p, w, 'veto') FROM (VALUES ('NaN'::float8, 2::float8)) v(p, w)$q$),
	($q$SELECT assess(p, w, 'veto') FROM (VALUES (-1::float8, 2::float8)) v(p, w)$q$),
	($q$SELECT weighted_score(p, w) FROM (VALUES (1::float8, -2::float8)) v(p, w)$q$),
	($q$SELECT weighted_score(p, w) FROM (VALUES (1::float8, 'Infinity'::float8)) v(p, w)$q$),
	($q$SELECT weighted_score(p, w) FROM (VALUES (1::float8, NULL::float8)) v(p, w)$q$),
	($q$SELECT weighted_score(p, w) FROM (VALUES ('NaN'::float8, 1::float8)) v(p, w)$q$),
	($q$SELECT assessment_score(a, bonus_cap => -1) FROM one$q$),
	($q$SELECT assessment_score(a, deduction_cap => 'NaN') FROM one$q$),
	($q$SELECT assessment_grade(a, '{A,B,C}', '{60,80}') FROM one$q$),
	($q$SELECT assessment_grade(a, '{A,B}', '{80,60}') FROM one$q$),
	(format('COPY bin_bad FROM %L (FORMAT binary)', :'binfile')),
	($q$SELECT 'points=1'::assessment$q$),
	($q$SELECT '(points=1,weight=1,weight_all=1,bonus=0,deduction=0,log_sum=0,applicable=1,missing=0,vetoes=0)'::assessment$q$),
	($q$SELECT '(points=1,weight=1,weight_all=1,bonus=0,deduction=0,log_sum=0,applicable=1,missing=-1,vetoes=0,zeros=0)'::assessment$q$),
	($q$SELECT '(points=1,weight=1,weight_all=1,bonus=0,deduction=0,log_sum=0,applicable=0,missing=0,vetoes=0,zeros=0)'::assessment$q$),
	($q$SELECT '(points=1,weight=-1,weight_all=1,bonus=0,deduction=0,log_sum=0,applicable=1,missing=0,vetoes=0,zeros=0)'::assessment$q$),
	($q$SELECT '(points=NaN,weight=1,weight_all=1,bonus=0,deduction=0,log_sum=0,applicable=1,missing=0,vetoes=0,zeros=0)'::assessment$q$),
	($q$SELECT '(points=1,weight=1,weight_all=1,bonus=0,deduction=0,log_sum=0,applicable=1,missing=0,vetoes=0,zeros=2)'::assessment$q$),
	($q$SELECT '(points=1,weight=1,weight_all=1,bonus=0,deduction=0,log_sum=0,applicable=1,missing=0,vetoes=0,zeros=0) x'::assessment$q$)
) v(q);
