-- Scores an assessment office can sign (issue 10): lower-is-better targets
-- at zero and across zero, the published precision, ranges, the prorated
-- target (序时目标), inclusive tolerance boundaries, the measures that fit an
-- indicator, and the bureau's notation.  Every expected value is worked out
-- by hand in the comment above it, or by an independent SQL formula.
SET search_path = scorecard, public;

-- 1. Lower-is-better at zero and across zero.
-- level <= 10: at 0 the ratio 10 / 0 is unbounded, so a met target earns
-- the cap: 1 x 10 = 10 (default cap 1), 1.2 x 10 = 12 with cap 1.2.  At 3
-- the ratio 10 / 3 = 3.33 also passes the cap: 12.  At 12 (missed)
-- 10 / 12 x 10 = 8.333333.  growth <= 3% at -0.5 is met across zero: the cap.
SELECT label, round(got::numeric, 6) AS got, want, round(got::numeric, 6) = want AS ok
FROM (VALUES
	('level <= 10 at 0',            score_ratio('level <= 10', 0, 10),                10.0),
	('level <= 10 at 0, cap 1.2',   score_ratio('level <= 10', 0, 10, 0, 1.2),        12.0),
	('level <= 10 at 3, cap 1.2',   score_ratio('level <= 10', 3, 10, 0, 1.2),        12.0),
	('level <= 10 at 12',           score_ratio('level <= 10', 12, 10),               8.333333),
	('growth <= 3% at -0.5',        score_ratio('growth <= 3%', -0.5, 10),            10.0),
	('growth <= 3% at -0.5, 1.2',   score_ratio('growth <= 3%', -0.5, 10, 0, 1.2),    12.0),
	-- 3 / 4 x 10 = 7.5
	('growth <= 3% at 4',           score_ratio('growth <= 3%', 4, 10),               7.5),
	-- a fall of at least 2%: -1 is half of it, -1 / -2 x 10 = 5
	('growth <= -2% at -1',         score_ratio('growth <= -2%', -1, 10),             5.0),
	-- rising 1% is the ratio 1 / -2 = -0.5, below the floor 0.4: 0.4 x 10
	('growth <= -2% at 1, floor',   score_ratio('growth <= -2%', 1, 10, 0.4, 1),      4.0),
	-- a fall of no more than 2%: -4 is twice as deep, -2 / -4 x 10 = 5
	('growth >= -2% at -4',         score_ratio('growth >= -2%', -4, 10),             5.0),
	-- 0 and any rise meet it beyond any ratio: the cap, 1.2 x 10
	('growth >= -2% at 0, cap 1.2', score_ratio('growth >= -2%', 0, 10, 0, 1.2),      12.0),
	-- threshold zero: no ratio; met earns the weight, missed the floor
	('growth < 0% at -7',           score_ratio('growth < 0%', -7, 10, 0, 1.2),       10.0),
	('growth < 0% at 0',            score_ratio('growth < 0%', 0, 10, 0.3, 1.2),      3.0),
	-- threshold scoring and the efficacy coefficient at zero: 0 accidents
	-- against satisfactory 2, disallowed 10: (0 - 10) / (2 - 10) = 1.25,
	-- clamped to 1: 100; 3 accidents: 60 + 40 x 7 / 8 = 95
	('threshold level <= 10 at 0',  score_threshold('level <= 10', 0, 10),            10.0),
	('efficacy at 0',               score_efficacy(0, 2, 10),                         100.0),
	('efficacy at 3',               score_efficacy(3, 2, 10),                         95.0)
) v(label, got, want);

-- More of the good thing never scores less: level <= 10 from 20 down to -5
-- in steps of 0.5 (lower is better), and growth >= -2% from -10 up to 5
-- (higher is better), every method on the same actuals.
WITH s AS (
	SELECT 20 - i * 0.5::float8 AS a, i FROM generate_series(0, 50) i
), p AS (
	SELECT i, score_ratio('level <= 10', a, 10, 0, 1.2) AS r,
	       score_threshold('level <= 10', a, 10) AS t,
	       score_efficacy(a, 2, 10, 10) AS e,
	       score_banded(a, '{2,4,7,10,15}', 10) AS b
	FROM s
)
SELECT count(*) AS steps,
       count(*) FILTER (WHERE r >= lag_r AND t >= lag_t AND e >= lag_e AND b >= lag_b) AS never_less
FROM (SELECT *, lag(r) OVER w AS lag_r, lag(t) OVER w AS lag_t, lag(e) OVER w AS lag_e,
             lag(b) OVER w AS lag_b FROM p WINDOW w AS (ORDER BY i)) x
WHERE lag_r IS NOT NULL;
WITH s AS (
	SELECT -10 + i * 0.25::float8 AS a, i FROM generate_series(0, 60) i
), p AS (
	SELECT i, score_ratio('growth >= -2%', a, 10, 0, 1.2) AS r,
	       score_threshold('growth >= -2%', a, 10) AS t
	FROM s
)
SELECT count(*) AS steps,
       count(*) FILTER (WHERE r >= lag_r AND t >= lag_t) AS never_less
FROM (SELECT *, lag(r) OVER w AS lag_r, lag(t) OVER w AS lag_t FROM p WINDOW w AS (ORDER BY i)) x
WHERE lag_r IS NOT NULL;

-- 2. The published precision.  Year-to-date growth from 1000 to 1061 is
-- 6.099999999999994 in float8; published to 0.1 it is 6.1 and meets
-- growth >= 6.1%.  10000 to 10030 is 0.29999999999998916, published 0.3.
-- An urbanisation rate from 80.23 to 80.36 changes by 0.12999999999999545,
-- published to 0.01 it is 0.13 and meets change >= 0.13pp.
WITH g AS (
	SELECT (1061::float8 / 1000 - 1) * 100 AS g61, (10030::float8 / 10000 - 1) * 100 AS g03,
	       80.36::float8 - 80.23::float8 AS c13
)
SELECT target_met('growth >= 6.1%', g61) AS full_61, target_met('growth >= 6.1%', g61, NULL, 1) AS pub_61,
       round_published(g61, 1) AS fig_61,
       target_met('growth >= 0.3%', g03) AS full_03, target_met('growth >= 0.3%', g03, NULL, 1) AS pub_03,
       target_met('change >= 0.13pp', c13) AS full_13, target_met('change >= 0.13pp', c13, NULL, 2) AS pub_13,
       round_published(c13, 2) AS fig_13
FROM g;
-- Gap, attainment, status and points of the same figures judged as
-- published: gap 6.1 - 6.1 = 0, attainment 6.1 / 6.1 = 1, green, the full
-- weight 10 by ratio and by threshold; at full precision the gap is
-- negative, the status yellow and the threshold method gives 0.
WITH g AS (SELECT (1061::float8 / 1000 - 1) * 100 AS a)
SELECT target_gap('growth >= 6.1%', a, NULL, 1) AS gap, target_attainment('growth >= 6.1%', a, NULL, 1) AS att,
       target_status('growth >= 6.1%', a, '2024-11-30', decimals => 1) AS status,
       score_ratio('growth >= 6.1%', a, 10, decimals => 1) AS ratio,
       score_threshold('growth >= 6.1%', a, 10, decimals => 1) AS threshold,
       target_gap('growth >= 6.1%', a) < 0 AS full_gap_negative,
       target_status('growth >= 6.1%', a, '2024-11-30') AS full_status,
       score_threshold('growth >= 6.1%', a, 10) AS full_threshold
FROM g;
-- The published gap is the difference as published: 7.2 - 7 = 0.2 (float8
-- arithmetic gives 0.20000000000000018).
SELECT target_gap('growth >= 7%', 7.2, NULL, 1) AS pub_gap, target_gap('growth >= 7%', 7.2) AS full_gap;
-- Round half away from zero: 2.675 -> 2.68 (its float8 is just below the
-- half), 1.005 -> 1.01, 0.125 -> 0.13, -2.5 -> -3, 2.5 -> 3, -0.04 -> 0 at
-- 1 decimal, 123456.5 -> 123457; banded and efficacy score the figure:
-- 89.95 published to 0.1 is 90.0, on the good standard: 0.8 x 20 = 16
-- (unrounded, 0.8 - 0.05 / 10 x 0.2 = 0.799 x 20 = 15.98); 2.04 accidents
-- published as 2.0 meet the satisfactory 2: 100 (unrounded 60 + 40 x
-- (2.04 - 10) / (2 - 10) = 99.8).
SELECT round_published(2.675, 2) AS a, round_published(1.005, 2) AS b, round_published(0.125, 2) AS c,
       round_published(-2.5, 0) AS d, round_published(2.5, 0) AS e, round_published(-0.04, 1) AS f,
       round_published(123456.5, 0) AS g, round_published(7.25, NULL) AS full,
       score_banded(89.95, '{100,90,80,70,60}', 20, 1) AS banded_pub,
       round(score_banded(89.95, '{100,90,80,70,60}', 20)::numeric, 6) AS banded_full,
       score_efficacy(2.04, 2, 10, 100, true, 1) AS efficacy_pub,
       round(score_efficacy(2.04, 2, 10)::numeric, 6) AS efficacy_full;
-- An independent formula: PostgreSQL's numeric keeps 15 significant digits
-- of a float8 and its round() rounds half away from zero, so
-- round(x::numeric, d) is the published figure.  Over 20,000 values at 0..3
-- decimals, including exact halves, and 40,000 values of sin() at 0..7:
SELECT count(*) AS n,
       count(*) FILTER (WHERE round_published(x, d) = round(x::numeric, d)::float8) AS same
FROM (SELECT (i - 10000) / 8.0::float8 * pow(10, -d) * 3 AS x, d
      FROM generate_series(0, 4999) i, generate_series(0, 3) d) s;
SELECT count(*) AS n,
       count(*) FILTER (WHERE round_published(x, d) = round(x::numeric, d)::float8) AS same
FROM (SELECT sin(i) * pow(10, i % 9 - 2) AS x, d
      FROM generate_series(1, 5000) i, generate_series(0, 7) d) s;
-- A precision out of range is an error.
SELECT target_met('growth >= 7%', 7, NULL, 16);
\echo :LAST_ERROR_SQLSTATE
SELECT round_published(7, -1);
\echo :LAST_ERROR_SQLSTATE

-- 3. Ranges.  12% against growth between 6% and 8% is above the range:
-- the ratio to the nearer bound 8 / 12 x 10 = 6.666667, never the 12 / 6
-- over-achievement.  Inside (7%) the full weight 10 even with cap 1.2; at
-- 3% half the lower bound: 3 / 6 x 10 = 5.  level = 100 at 120: 100 / 120
-- x 10 = 8.333333; at 80: 8.
SELECT label, round(got::numeric, 6) AS got, want, round(got::numeric, 6) = want AS ok
FROM (VALUES
	('12 above 6..8',    score_ratio('growth between 6% and 8%', 12, 10, 0, 1.2), 6.666667),
	('7 inside 6..8',    score_ratio('growth between 6% and 8%', 7, 10, 0, 1.2),  10.0),
	('8 on the bound',   score_ratio('growth between 6% and 8%', 8, 10, 0, 1.2),  10.0),
	('3 below 6..8',     score_ratio('growth between 6% and 8%', 3, 10, 0, 1.2),  5.0),
	('= 100 at 120',     score_ratio('level = 100', 120, 10, 0, 1.2),             8.333333),
	('= 100 at 80',      score_ratio('level = 100', 80, 10, 0, 1.2),              8.0),
	-- a floor above 1 cannot lift a range over its weight
	('floor 1.1, 12',    score_ratio('growth between 6% and 8%', 12, 10, 1.1, 1.2), 10.0)
) v(label, got, want);
-- A range never scores above its weight, and falls with the distance to the
-- nearer bound: from 2% to 14% in steps of 0.1.
WITH s AS (
	SELECT 2 + i * 0.1::float8 AS a FROM generate_series(0, 120) i
), p AS (
	SELECT a, score_ratio('growth between 6% and 8%', a, 10, 0, 1.2) AS pts FROM s
)
SELECT count(*) AS n, max(pts) AS most,
       count(*) FILTER (WHERE a < 6 AND pts < 10) + count(*) FILTER (WHERE a > 8 AND pts < 10)
         + count(*) FILTER (WHERE a BETWEEN 6 AND 8 AND pts = 10) AS as_expected
FROM p;

-- 4. The time-prorated target (序时目标).  As of November, time progress is
-- 11/12; level >= 20 prorates to 20 x 11 / 12 = 18.333333; 10 done scores
-- 10 / 18.333333 x 10 = 5.454545 against it (against the whole year 10 / 20
-- x 10 = 5).  Growth targets are not prorated.
SELECT target_prorated('level >= 20', time_progress('2024-11-30')) AS prorated,
       round(score_ratio(target_prorated('level >= 20', time_progress('2024-11-30')), 10, 10)::numeric, 6) AS mid_year,
       score_ratio('level >= 20', 10, 10) AS year_end,
       target_prorated('level between 10 and 20', 0.5) AS range_half,
       target_prorated('growth >= 7%', 0.5) AS growth_unchanged;
SELECT target_prorated('level >= 20', 1.5);
\echo :LAST_ERROR_SQLSTATE

-- 5. Tolerance boundaries are inclusive and computed the same way on every
-- path.  18 of a level target of 20 at the year's end is 90% done against
-- 100% time progress: 10 points behind (float8 arithmetic gives
-- -9.999999999999998; shortfall and tolerance are compared to 12
-- significant digits); with a tolerance of 10 points, yellow; with 9.99, red.
SELECT round(target_schedule_gap('level >= 20', 18, '2024-12-31')::numeric, 9) AS points,
       target_status('level >= 20', 18, '2024-12-31', flow => true, tolerance => 10) AS tol_10,
       target_status('level >= 20', 18, '2024-12-31', flow => true, tolerance => 9.99) AS tol_9_99;
-- Not prorated: 90 against level >= 100 is 10 behind; tolerance 10: yellow.
-- Default tolerances at their boundary: 95 against level >= 100 is 5% of
-- the threshold behind (yellow); 6% against growth >= 7% is 1 point behind
-- (yellow); 5.9% is beyond it (red).  At half the year 9 of 20 is 45%
-- against 50%: 5 points, the default schedule tolerance (yellow).
SELECT target_status('level >= 100', 90, '2024-06-30', tolerance => 10) AS level_tol_10,
       target_status('level >= 100', 95, '2024-06-30') AS level_default,
       target_status('growth >= 7%', 6, '2024-06-30') AS growth_1pp,
       target_status('growth >= 7%', 5.9, '2024-06-30') AS growth_1_1pp,
       target_status('level >= 20', 9, '2024-06-30', flow => true) AS schedule_5;
-- Published to 0.1: 6.05 rounds to 6.1, 0.9 behind: yellow; 5.95 rounds to
-- 6.0 (not 5.9): 1 behind, yellow; 5.94 rounds to 5.9: red.
SELECT target_status('growth >= 7%', 6.05, '2024-06-30', decimals => 1) AS a,
       target_status('growth >= 7%', 5.95, '2024-06-30', decimals => 1) AS b,
       target_status('growth >= 7%', 5.94, '2024-06-30', decimals => 1) AS c;

-- 6. The measures that fit an indicator's nature: growth and level for
-- flows and stocks; level, share and change for rates; level for tasks.
SELECT n.nature, string_agg(m.measure, ', ' ORDER BY m.measure) FILTER (WHERE target_fits(m.t, n.nature)) AS fits
FROM (VALUES ('flow'), ('stock'), ('rate'), ('task')) n(nature),
     (VALUES ('level', 'level >= 1'::target), ('growth', 'growth >= 7%'), ('share', 'share >= 22%'),
             ('change', 'change >= 0.5pp')) m(measure, t)
GROUP BY n.nature ORDER BY n.nature;
SELECT target_check_fits('share >= 22%', 'flow');
\echo :LAST_ERROR_SQLSTATE
SELECT target_check_fits('growth >= 7%', 'rate');
\echo :LAST_ERROR_SQLSTATE
SELECT target_fits('level >= 1', 'ratio');
\echo :LAST_ERROR_SQLSTATE

-- 7. The bureau's notation: full-width ％ and digits, ≥ ≤ ⩾ ⩽, full-width
-- signs and spaces, and the words; the output is canonical.  下降 is a
-- fall: 下降 >= 5% is growth <= -5% (a fall of at least 5%), 下降 <= 5% is
-- growth >= -5% (a fall of at most 5%), in 个百分点 it is a change.
SELECT v AS typed, v::target AS canonical
FROM (VALUES ('growth >= 7％'), ('增长 >= 7%'), ('增速≥７％'), ('比重 >= 22%'), ('占比 ⩾ ２２．５％'),
             ('提高 >= 0.5个百分点'), ('提高 ≥ 0.13 百分点'), ('下降 >= 5%'), ('下降 <= 5%'), ('下降 > 0%'),
             ('下降 between 2% and 5%'), ('下降 >= 0.5个百分点'), ('level　≤　10'), ('增长 ＞ －２％'),
             ('level ＝ 0')) t(v);
-- Errors say what was expected.
SELECT '增长 >= 7'::target;
\echo :LAST_ERROR_SQLSTATE
SELECT '增加 >= 7%'::target;
\echo :LAST_ERROR_SQLSTATE
SELECT '提高 >= 0.5%'::target;
\echo :LAST_ERROR_SQLSTATE
SELECT '下降 >= 5'::target;
\echo :LAST_ERROR_SQLSTATE
SELECT '下降 > reference'::target;
\echo :LAST_ERROR_SQLSTATE
SELECT '增长 >= 7％ 以下'::target;
\echo :LAST_ERROR_SQLSTATE
SELECT '下降 between 5% and 2%'::target;
\echo :LAST_ERROR_SQLSTATE
