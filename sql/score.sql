-- Scoring methods: every value checked against a hand computation in the
-- "want" column; "ok" compares the rounded result with it.
SET search_path = scorecard, public;

-- Proportional: weight x attainment clamped to [floor, cap].
SELECT label, round(got::numeric, 6) AS got, want, round(got::numeric, 6) = want AS ok
FROM (VALUES
	-- 10 x 0.9
	('plain',            score_proportional(0.9, 10),              9.0),
	-- 1.1 clamped to the default cap 1
	('default cap',      score_proportional(1.1, 10),              10.0),
	-- 1.3 clamped to the cap 1.2: 10 x 1.2
	('cap 1.2',          score_proportional(1.3, 10, 0, 1.2),      12.0),
	-- 1.15 under the cap 1.2: 10 x 1.15
	('under cap',        score_proportional(1.15, 10, 0, 1.2),     11.5),
	-- 0.3 raised to the floor 0.5: 10 x 0.5
	('floor',            score_proportional(0.3, 10, 0.5, 1.2),    5.0),
	-- weight 0 earns 0
	('zero weight',      score_proportional(0.8, 0),               0.0)
) v(label, got, want);

SELECT score_proportional(NULL, 10) IS NULL AS null_attainment,
	score_proportional('NaN', 10) IS NULL AS nan_attainment;

-- Proportional from a target: attainment as target_attainment computes it.
SELECT label, round(got::numeric, 6) AS got, want, round(got::numeric, 6) = want AS ok
FROM (VALUES
	-- 6 / 8 = 0.75; x 10
	('growth 6 of 8',    score_ratio('growth >= 8%', 6, 10),              7.5),
	-- 130 / 100 = 1.3, capped at 1.2; x 20
	('level over cap',   score_ratio('level >= 100', 130, 20, 0, 1.2),    24.0),
	-- lower is better: 50 / 80 = 0.625; x 10
	('lower, missed',    score_ratio('level <= 50', 80, 10),              6.25),
	-- lower is better: 50 / 40 = 1.25, capped at 1.2; x 10
	('lower, beaten',    score_ratio('level <= 50', 40, 10, 0, 1.2),      12.0),
	-- 20 / 100 = 0.2, raised to the floor 0.4; x 10
	('floor',            score_ratio('level >= 100', 20, 10, 0.4, 1),     4.0)
) v(label, got, want);

-- Where the attainment ratio is undefined the scoring rule still gives
-- points (see sql/score_rules.sql): growth >= 0% met at 3 has no ratio, met
-- earns the weight, 10; growth >= 5% at -2 is the ratio -2 / 5 = -0.4,
-- clamped to the floor 0.  A NULL actual gives NULL.
SELECT score_ratio('growth >= 0%', 3, 10) AS zero_threshold,
	score_ratio('growth >= 5%', -2, 10) AS sign_change,
	score_ratio('growth >= 5%', NULL, 10) IS NULL AS null_actual;

-- Threshold: the full weight when met, miss_share of it otherwise; from a
-- met flag (score_met) or from a target and an actual (score_threshold).
SELECT label, round(got::numeric, 6) AS got, want, round(got::numeric, 6) = want AS ok
FROM (VALUES
	('met',                 score_met(true, 10),                                 10.0),
	('missed',              score_met(false, 10),                                0.0),
	-- 10 x 0.5
	('missed, share',       score_met(false, 10, 0.5),                           5.0),
	-- actual exactly on the threshold meets >=
	('level on threshold',  score_threshold('level >= 100', 100, 8),             8.0),
	-- 8 x 0.25
	('level just missed',   score_threshold('level >= 100', 99.9, 8, 0.25),     2.0),
	-- lower is better: 4 <= 5 met
	('lower met',           score_threshold('level <= 5', 4, 6),                 6.0),
	-- lower is better: 6 > 5 missed, 6 x 0.5
	('lower missed',        score_threshold('level <= 5', 6, 6, 0.5),            3.0)
) v(label, got, want);

-- Banded efficacy coefficient (SOE 功效系数法).  Coefficients 1.0, 0.8,
-- 0.6, 0.4, 0.2 for excellent, good, average, low, poor.  Between band
-- standard S_k (c_k) and the next better S_{k-1} (c_{k-1}):
--   points = weight x (c_k + (actual - S_k) / (S_{k-1} - S_k) x (c_{k-1} - c_k))
-- Higher is better, standards {100, 90, 80, 70, 60}, weight 20:
SELECT label, round(got::numeric, 6) AS got, want, round(got::numeric, 6) = want AS ok
FROM (VALUES
	-- at excellent: the full weight
	('on excellent',   score_banded(100, '{100,90,80,70,60}', 20),   20.0),
	-- above excellent: the full weight
	('above excellent', score_banded(120, '{100,90,80,70,60}', 20),  20.0),
	-- good band: 0.8 + (95 - 90) / (100 - 90) x 0.2 = 0.9; x 20
	('good band',      score_banded(95, '{100,90,80,70,60}', 20),    18.0),
	-- exactly on good: 0.8 x 20
	('on good',        score_banded(90, '{100,90,80,70,60}', 20),    16.0),
	-- low band: 0.4 + (72 - 70) / (80 - 70) x 0.2 = 0.44; x 20
	('low band',       score_banded(72, '{100,90,80,70,60}', 20),    8.8),
	-- poor band: 0.2 + (65 - 60) / (70 - 60) x 0.2 = 0.3; x 20
	('poor band',      score_banded(65, '{100,90,80,70,60}', 20),    6.0),
	-- exactly on poor: 0.2 x 20
	('on poor',        score_banded(60, '{100,90,80,70,60}', 20),    4.0),
	-- below poor: zero
	('below poor',     score_banded(59.99, '{100,90,80,70,60}', 20), 0.0),
	-- uneven standards {25, 20, 12, 5, 0}: 16 is in the average band,
	-- 0.6 + (16 - 12) / (20 - 12) x 0.2 = 0.7; x 10
	('uneven',         score_banded(16, '{25,20,12,5,0}', 10),       7.0)
) v(label, got, want);

-- Lower is better: standards ascending {2, 4, 7, 10, 15} (excellent 2 ...
-- poor 15), weight 10.  The same formula with the roles of the bounds kept:
SELECT label, round(got::numeric, 6) AS got, want, round(got::numeric, 6) = want AS ok
FROM (VALUES
	-- better than excellent: the full weight
	('below excellent', score_banded(1, '{2,4,7,10,15}', 10),    10.0),
	('on excellent',    score_banded(2, '{2,4,7,10,15}', 10),    10.0),
	-- good band: 0.8 + (3 - 4) / (2 - 4) x 0.2 = 0.9; x 10
	('good band',       score_banded(3, '{2,4,7,10,15}', 10),    9.0),
	-- exactly average: 0.6 x 10
	('on average',      score_banded(7, '{2,4,7,10,15}', 10),    6.0),
	-- poor band: 0.2 + (12 - 15) / (10 - 15) x 0.2 = 0.32; x 10
	('poor band',       score_banded(12, '{2,4,7,10,15}', 10),   3.2),
	('on poor',         score_banded(15, '{2,4,7,10,15}', 10),   2.0),
	-- worse than poor: zero
	('worse than poor', score_banded(15.5, '{2,4,7,10,15}', 10), 0.0)
) v(label, got, want);

SELECT score_banded(NULL, '{100,90,80,70,60}', 20) IS NULL AS null_actual,
	score_banded('NaN', '{100,90,80,70,60}', 20) IS NULL AS nan_actual;

-- Statistical efficacy coefficient: 60 + 40 x (x - disallowed) /
-- (satisfactory - disallowed), out of 100 scaled to the weight.
SELECT label, round(got::numeric, 6) AS got, want, round(got::numeric, 6) = want AS ok
FROM (VALUES
	-- (75 - 50) / (100 - 50) = 0.5: 60 + 20
	('midway',           score_efficacy(75, 100, 50),               80.0),
	('on satisfactory',  score_efficacy(100, 100, 50),              100.0),
	('on disallowed',    score_efficacy(50, 100, 50),               60.0),
	-- above satisfactory, clamped (the default): 100
	('above, clamped',   score_efficacy(120, 100, 50),              100.0),
	-- unclamped: 60 + 40 x 70 / 50 = 116
	('above, unclamped', score_efficacy(120, 100, 50, 100, false),  116.0),
	-- below disallowed, clamped: 60
	('below, clamped',   score_efficacy(40, 100, 50),               60.0),
	-- unclamped: 60 + 40 x (-10 / 50) = 52
	('below, unclamped', score_efficacy(40, 100, 50, 100, false),   52.0),
	-- lower is better (satisfactory 2 < disallowed 10): (4 - 10) / (2 - 10)
	-- = 0.75: 60 + 30
	('lower is better',  score_efficacy(4, 2, 10),                  90.0),
	-- lower, worse than disallowed, clamped
	('lower, worse',     score_efficacy(12, 2, 10),                 60.0),
	-- weight 15: 80 x 15 / 100
	('weight 15',        score_efficacy(75, 100, 50, 15),           12.0)
) v(label, got, want);

-- Rank scoring: rank 1 earns the weight, rank n floor_share x weight.
SELECT label, round(got::numeric, 6) AS got, want, round(got::numeric, 6) = want AS ok
FROM (VALUES
	('first of 5',          score_rank(1, 5, 10),        10.0),
	-- 10 x 0.6 (default floor)
	('last of 5',           score_rank(5, 5, 10),        6.0),
	-- 10 x (1 - 2/4 x 0.4)
	('third of 5',          score_rank(3, 5, 10),        8.0),
	-- 10 x (1 - 1/4 x 0.5)
	('second, floor 0.5',   score_rank(2, 5, 10, 0.5),   8.75),
	-- a single peer earns the full weight
	('n = 1',               score_rank(1, 1, 10),        10.0)
) v(label, got, want);

-- As a window function's input; ties share a rank.  Higher is better:
-- values 9, 7, 7, 5, 3 rank 1, 2, 2, 4, 5 and earn 10 x (1 - (r-1)/4 x 0.4):
-- 10, 9, 9, 7, 6.  Lower is better: order ascending, 3 first.
SELECT county, x,
	score_rank(rank() OVER (ORDER BY x DESC), count(*) OVER (), 10) AS higher,
	score_rank(rank() OVER (ORDER BY x), count(*) OVER (), 10) AS lower
FROM (VALUES ('a', 9), ('b', 7), ('c', 7), ('d', 5), ('e', 3)) v(county, x)
ORDER BY county;

-- Grades from bands: default 优秀 >= 90, 良好 >= 80, 合格 >= 60, 不合格.
SELECT s, score_grade(s) AS grade, score_grade(s, '{A,B,C}', '{85,70}') AS custom
FROM unnest('{100,90,89.999,80,79.9,60,59.99,0,-5}'::float8[]) s;
SELECT score_grade(NULL) IS NULL AS null_score,
	score_grade(50, '{pass}', '{}') AS single_band;

-- Bad arguments: each a clear error with its SQLSTATE.
\i sql/fixtures/err_function.sql
SELECT q AS query, pg_temp.err(q) AS error
FROM (VALUES
	($q$SELECT score_proportional(0.9, -1)$q$),
	($q$SELECT score_proportional(0.9, 'NaN')$q$),
	($q$SELECT score_proportional(0.9, 'Infinity')$q$),
	($q$SELECT score_proportional(0.9, 10, 0.5, 0.4)$q$),
	($q$SELECT score_proportional(0.9, 10, -0.1, 1)$q$),
	($q$SELECT score_proportional(0.9, 10, 0, 'NaN')$q$),
	($q$SELECT score_ratio('growth > reference', 5, 10)$q$),
	($q$SELECT score_ratio('level >= 100', 90, -3)$q$),
	($q$SELECT score_met(true, 'NaN')$q$),
	($q$SELECT score_met(false, 10, 1.5)$q$),
	($q$SELECT score_threshold('growth >= reference', 5, 10)$q$),
	($q$SELECT score_banded(80, '{100,90,90,70,60}', 10)$q$),
	($q$SELECT score_banded(80, '{100,90,95,70,60}', 10)$q$),
	($q$SELECT score_banded(80, '{100,90,80,70}', 10)$q$),
	($q$SELECT score_banded(80, '{100,90,NULL,70,60}', 10)$q$),
	($q$SELECT score_banded(80, '{100,90,NaN,70,60}', 10)$q$),
	($q$SELECT score_banded(80, '{{100,90,80,70,60}}', 10)$q$),
	($q$SELECT score_banded(80, '{100,90,80,70,60}', -10)$q$),
	($q$SELECT score_efficacy(5, 5, 5)$q$),
	($q$SELECT score_efficacy(5, 'NaN', 0)$q$),
	($q$SELECT score_efficacy(5, 10, 0, 'NaN')$q$),
	($q$SELECT score_rank(1, 0, 10)$q$),
	($q$SELECT score_rank(0, 5, 10)$q$),
	($q$SELECT score_rank(6, 5, 10)$q$),
	($q$SELECT score_rank(1, 5, 10, 1.5)$q$),
	($q$SELECT score_rank(1, 5, -10)$q$),
	($q$SELECT score_grade(75, '{A,B,C}', '{70,85}')$q$),
	($q$SELECT score_grade(75, '{A,B}', '{85,70}')$q$),
	($q$SELECT score_grade(75, '{A,B,C}', '{85,85}')$q$),
	($q$SELECT score_grade(75, '{A,NULL,C}', '{85,70}')$q$),
	($q$SELECT score_grade('NaN')$q$)
) v(q);
