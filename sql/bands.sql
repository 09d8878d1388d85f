-- Status band sets: target_status with a band set at each boundary, sets
-- with a hole or an overlap refused, and progress() under the band set in
-- force (the target's, else the indicator's, else the plan's, else the
-- default tolerances).  Every status below is worked by hand in the
-- comment before it.
\i sql/fixtures/plan_session.sql
SET extra_float_digits = 0;
TRUNCATE action, unit, indicator, plan_target, reading, task, assessment_run, plan_setting CASCADE;

-- The set used throughout: x = 1, y = 3, both upper bounds included.
\set bands '\'green: shortfall <= 1; yellow: 1 < shortfall <= 3; red: shortfall > 3\''

-- Canonical text: any order, case and spacing read as the same set.
SELECT status_bands('RED: 3 < shortfall; Yellow: 1<shortfall<=3; green: shortfall <= 1;') = :bands AS same_set;
SELECT status_bands('green: 0 <= shortfall < 1.5; yellow: 1.5 <= shortfall < 3; red: shortfall >= 3');

-- The light of a shortfall: 1 (x) green, 1.1 yellow, 3 (y) yellow, 3.1 red.
SELECT s AS shortfall, status_band(:bands, s) AS light
FROM unnest(ARRAY[0, 1, 1.1, 3, 3.1]::float8[]) s;

-- A growth target in points, published to 1 decimal, growth >= 7%:
--   6.0: 1.0 behind, exactly x: green;   5.9: 1.1 behind, just above x: yellow;
--   4.0: 3.0 behind, exactly y: yellow;  3.9: 3.1 behind, just above y: red;
--   7.0 and 8.5: met: green;  6.96 publishes as 7.0: met, green.
SELECT a AS growth, target_status('growth >= 7%', a, '2024-05-31', :bands, decimals => 1) AS status
FROM unnest(ARRAY[6.0, 5.9, 4.0, 3.9, 7.0, 8.5, 6.96]::float8[]) a;

-- A level target of a flow against time progress, level >= 1200, at the
-- end of June (6/12 = 50% of the year, 600 due):
--   588 is 49%: 1 point behind, exactly x: green;
--   586.8 is 48.9%: 1.1 points behind: yellow;
--   564 is 47%: 3 points behind, exactly y: yellow;
--   562.8 is 46.9%: 3.1 points behind: red;
--   600 is 50%, on schedule: green.
SELECT a AS actual,
       target_status('level >= 1200', a, '2024-06-30', :bands, flow => true) AS by_flow,
       target_status('level >= 1200', a, '2024-06-30', :bands, NULL::float8[]) AS by_schedule_m12,
       target_status('level >= 1200', a, '2024-06-30', flow => true) AS by_default
FROM unnest(ARRAY[588, 586.8, 564, 562.8, 600]::float8[]) a;
-- by_default: the default tolerance of 5 points makes all four behind yellow.

-- A schedule (the share due by the end of each month) that asks for 40%
-- by June: 600 is 50% of the year, 10 points ahead: green; 456 is 38%, 2
-- points behind: yellow; 444 is 37%, 3 points behind (y): yellow; 442.8 is
-- 36.9%, 3.1 behind: red.
SELECT a AS actual,
       target_status('level >= 1200', a, '2024-06-30', :bands,
                     '{0.05, 0.1, 0.15, 0.2, 0.3, 0.4, 0.5, 0.6, 0.7, 0.8, 0.9, 1}'::float8[]) AS by_schedule
FROM unnest(ARRAY[600, 456, 444, 442.8]::float8[]) a;

-- The tolerance form is the band set 'yellow: shortfall <= tol; red:
-- shortfall > tol': growth 5.9 against 7% is 1.1 behind, over a tolerance
-- of 1: red both ways; 6.0 is 1.0 behind: yellow both ways (met is green,
-- so the set needs no green band).
SELECT a AS growth,
       target_status('growth >= 7%', a, '2024-05-31', tolerance => 1, decimals => 1) AS by_tolerance,
       target_status('growth >= 7%', a, '2024-05-31', 'yellow: shortfall <= 1; red: shortfall > 1', decimals => 1) AS by_bands
FROM unnest(ARRAY[6.0, 5.9]::float8[]) a;
-- A NULL band set is the default tolerance (1 point for growth): 6.0 is
-- yellow, 5.9 red, as without bands.
SELECT target_status('growth >= 7%', 6.0, '2024-05-31', NULL::text, decimals => 1) AS null_6_0,
       target_status('growth >= 7%', 5.9, '2024-05-31', NULL::text, decimals => 1) AS null_5_9,
       target_status('growth >= 7%', 5.9, '2024-05-31', decimals => 1) AS no_bands_5_9;

-- Refused: a hole between 1 and 1.5, a hole at 1 alone, an overlap at 1,
-- an overlap from 1 to 2, nothing beyond 3, lights out of order.
SELECT status_bands('green: shortfall <= 1; yellow: 1.5 < shortfall <= 3; red: shortfall > 3');
\echo :LAST_ERROR_SQLSTATE
SELECT status_bands('green: shortfall < 1; yellow: 1 < shortfall <= 3; red: shortfall > 3');
\echo :LAST_ERROR_SQLSTATE
SELECT status_bands('green: shortfall <= 1; yellow: 1 <= shortfall <= 3; red: shortfall > 3');
\echo :LAST_ERROR_SQLSTATE
SELECT target_status('growth >= 7%', 5.0, '2024-05-31', 'green: shortfall <= 2; yellow: 1 < shortfall <= 3; red: shortfall > 3');
\echo :LAST_ERROR_SQLSTATE
SELECT status_bands('green: shortfall <= 1; yellow: 1 < shortfall <= 3');
\echo :LAST_ERROR_SQLSTATE
SELECT status_bands('green: shortfall <= 1; red: 1 < shortfall <= 3; yellow: shortfall > 3');
\echo :LAST_ERROR_SQLSTATE
SELECT status_bands('green: shortfall <= 1 red: shortfall > 1');
\echo :LAST_ERROR_SQLSTATE
SELECT status_band(:bands, -1);
\echo :LAST_ERROR_SQLSTATE

-- A set in percent of the target's threshold, x% of target for each bound.
\set pct '\'green: shortfall <= 10% of target; yellow: 10% of target < shortfall <= 30% of target; red: shortfall > 30% of target\''
SELECT status_bands('red: 30 % OF TARGET < shortfall; yellow: 10% of target<shortfall<=30%of target; green: shortfall <= 10% of target') = :pct AS same_set;
SELECT status_bands('green: shortfall = 0; yellow: 0 < shortfall <= 5% of target; red: shortfall > 5% of target');

-- growth >= 7%: 10% of 7 is 0.7 points, 30% is 2.1 points:
--   6.3: 0.7 behind (x): green;   6.2: 0.8 behind: yellow;
--   4.9: 2.1 behind (y): yellow;  4.8: 2.2 behind: red.
SELECT a AS growth, target_status('growth >= 7%', a, '2024-05-31', :pct, decimals => 1) AS status
FROM unnest(ARRAY[6.3, 6.2, 4.9, 4.8]::float8[]) a;

-- level >= 1200 judged on its gap: 10% of 1200 is 120, 30% is 360:
--   1080: 120 behind: green; 1079: 121: yellow; 840: 360: yellow; 839: red.
-- Judged against time progress at the end of June (600 due) the shortfall
-- is in points of the annual target, so x% of target is x points:
--   480 is 40%: 10 points behind: green; 468 is 39%, 11: yellow;
--   240 is 20%, 30: yellow; 228 is 19%, 31: red.
SELECT a AS actual, target_status('level >= 1200', a, '2024-06-30', :pct) AS on_gap
FROM unnest(ARRAY[1080, 1079, 840, 839]::float8[]) a;
SELECT a AS actual, target_status('level >= 1200', a, '2024-06-30', :pct, flow => true) AS by_flow
FROM unnest(ARRAY[480, 468, 240, 228]::float8[]) a;

-- status_band takes the threshold (its absolute value) for such a set:
-- 10% and 30% of |-7| are 0.7 and 2.1: 0.7 green, 0.71 yellow, 2.1
-- yellow, 2.11 red; a set in units ignores it: 2 in :bands is yellow.
SELECT s AS shortfall, status_band(:pct, s, -7) AS light
FROM unnest(ARRAY[0.7, 0.71, 2.1, 2.11]::float8[]) s;
SELECT status_band(:bands, 2, 1000) AS units_ignore_threshold;

-- Refused: such a set without a threshold, a bare "%" (points take none),
-- bounds written both ways, a hole named in percent.
SELECT status_band(:pct, 1);
\echo :LAST_ERROR_SQLSTATE
SELECT status_bands('yellow: shortfall <= 5%; red: shortfall > 5%');
\echo :LAST_ERROR_SQLSTATE
SELECT status_bands('green: shortfall <= 1; yellow: 1 < shortfall <= 5% of target; red: shortfall > 5% of target');
\echo :LAST_ERROR_SQLSTATE
SELECT status_bands('green: shortfall <= 1% of target; yellow: 2% of target < shortfall');
\echo :LAST_ERROR_SQLSTATE

-- The plan model: a city, four counties; sales (growth >= 7% for a and b)
-- and investment (level >= 1200 for the four, judged against time
-- progress: at the end of March 3/12 = 25%, 300 due).
INSERT INTO unit (unit_id, name_zh, name_en, kind, parent_id, sort_order) VALUES
	('c', '市', 'City', 'city', NULL, 0),
	('a', '甲县', 'County A', 'county', 'c', 1),
	('b', '乙县', 'County B', 'county', 'c', 2),
	('e', '丙县', 'County E', 'county', 'c', 3),
	('f', '丁县', 'County F', 'county', 'c', 4);
INSERT INTO indicator (indicator_id, code, name_zh, name_en, nature) VALUES
	(1, 'sales', '零售', 'retail sales', 'flow'),
	(2, 'invest', '投资', 'investment', 'flow');
INSERT INTO reading (indicator_id, unit_id, month, value, recorded_at) VALUES
	-- sales a: 60+60+80 = 200 -> 70+70+71 = 211, +5.5%: 1.5 points behind 7%
	(1, 'a', '2023-01-01', 60, '2024-04-10'), (1, 'a', '2023-02-01', 60, '2024-04-10'),
	(1, 'a', '2023-03-01', 80, '2024-04-10'), (1, 'a', '2024-01-01', 70, '2024-04-10'),
	(1, 'a', '2024-02-01', 70, '2024-04-10'), (1, 'a', '2024-03-01', 71, '2024-04-10'),
	-- sales b: 30+30+40 = 100 -> 35+35+36.2 = 106.2, +6.2%: 0.8 behind
	(1, 'b', '2023-01-01', 30, '2024-04-10'), (1, 'b', '2023-02-01', 30, '2024-04-10'),
	(1, 'b', '2023-03-01', 40, '2024-04-10'), (1, 'b', '2024-01-01', 35, '2024-04-10'),
	(1, 'b', '2024-02-01', 35, '2024-04-10'), (1, 'b', '2024-03-01', 36.2, '2024-04-10'),
	-- investment 2024 to March: a 288 = 24% (1 point behind 25%), b 286.8
	-- = 23.9% (1.1), e 264 = 22% (3), f 262.8 = 21.9% (3.1)
	(2, 'a', '2024-01-01', 100, '2024-04-10'), (2, 'a', '2024-02-01', 100, '2024-04-10'),
	(2, 'a', '2024-03-01', 88, '2024-04-10'),
	(2, 'b', '2024-01-01', 100, '2024-04-10'), (2, 'b', '2024-02-01', 100, '2024-04-10'),
	(2, 'b', '2024-03-01', 86.8, '2024-04-10'),
	(2, 'e', '2024-01-01', 100, '2024-04-10'), (2, 'e', '2024-02-01', 100, '2024-04-10'),
	(2, 'e', '2024-03-01', 64, '2024-04-10'),
	(2, 'f', '2024-01-01', 100, '2024-04-10'), (2, 'f', '2024-02-01', 100, '2024-04-10'),
	(2, 'f', '2024-03-01', 62.8, '2024-04-10');
INSERT INTO plan_target (indicator_id, unit_id, year, target, weight) VALUES
	(1, 'a', 2024, 'growth >= 7%', 10), (1, 'b', 2024, 'growth >= 7%', 10),
	(2, 'a', 2024, 'level >= 1200', 10), (2, 'b', 2024, 'level >= 1200', 10),
	(2, 'e', 2024, 'level >= 1200', 10), (2, 'f', 2024, 'level >= 1200', 10);

-- An invalid set is refused where it is stored, with the same error.
UPDATE indicator SET status_bands = 'green: shortfall <= 1; yellow: 1.5 < shortfall <= 3; red: shortfall > 3'
WHERE indicator_id = 1;
\echo :LAST_ERROR_SQLSTATE
INSERT INTO plan_setting (status_bands) VALUES ('yellow: shortfall <= 2; yellow: 2 < shortfall');
\echo :LAST_ERROR_SQLSTATE

-- 1. No set anywhere: the defaults.  Sales a, 1.5 behind, over 1 point: red;
-- sales b, 0.8: yellow.  Investment: 1, 1.1, 3, 3.1 points, all within
-- 5: yellow.  status_bands is NULL: the defaults.
SELECT indicator_id, unit_id, actual_published, schedule_gap, status, status_bands
FROM progress('2024-03-31') ORDER BY indicator_id, unit_id;

-- 2. The plan's set 'yellow: shortfall <= 2; red: shortfall > 2':
-- sales a 1.5: yellow; b 0.8: yellow; investment a 1, b 1.1: yellow;
-- e 3, f 3.1: red.
INSERT INTO plan_setting (status_bands) VALUES ('yellow: shortfall <= 2; red: shortfall > 2');
SELECT status_bands FROM plan_setting_in_force;
SELECT indicator_id, unit_id, status FROM progress('2024-03-31') ORDER BY indicator_id, unit_id;

-- 3. The indicators' sets: sales 'green: shortfall <= 1.5; yellow: 1.5 <
-- shortfall <= 3; red: shortfall > 3' (a 1.5, exactly x: green; b 0.8:
-- green); investment :bands (a 1 = x: green; b 1.1: yellow; e 3 = y:
-- yellow; f 3.1: red).
UPDATE indicator SET status_bands = 'green: shortfall <= 1.5; yellow: 1.5 < shortfall <= 3; red: shortfall > 3'
WHERE indicator_id = 1;
UPDATE indicator SET status_bands = :bands WHERE indicator_id = 2;
SELECT indicator_id, unit_id, status FROM progress('2024-03-31') ORDER BY indicator_id, unit_id;

-- 4. Sales a's own set 'green: shortfall < 1.5; yellow: 1.5 <= shortfall
-- <= 3; red: shortfall > 3': 1.5 is now yellow; b keeps its indicator's
-- (green).  Investment f's own set 'red: shortfall >= 0' (3.1: red) and e's
-- 'green: shortfall <= 5; red: shortfall > 5' (3: green).
UPDATE plan_target SET status_bands = 'green: shortfall < 1.5; yellow: 1.5 <= shortfall <= 3; red: shortfall > 3'
WHERE indicator_id = 1 AND unit_id = 'a';
UPDATE plan_target SET status_bands = 'red: shortfall >= 0' WHERE indicator_id = 2 AND unit_id = 'f';
UPDATE plan_target SET status_bands = 'green: shortfall <= 5; red: shortfall > 5' WHERE indicator_id = 2 AND unit_id = 'e';
-- status_bands says which set judged each row: a's own, b's indicator's,
-- investment a and b the indicator's (:bands), e's and f's own.
SELECT indicator_id, unit_id, status, status_bands FROM progress('2024-03-31') ORDER BY indicator_id, unit_id;

-- The lagging list follows progress(): yellow sales a and investment b,
-- red investment f (red first).
SELECT kind, item_id, unit_id, status FROM lagging_list('2024-03-31');

-- 5. Back, one level at a time: without the targets' sets the indicators'
-- (as in 3), without those the plan's (as in 2), without it the defaults
-- (as in 1).
UPDATE plan_target SET status_bands = NULL;
SELECT indicator_id, unit_id, status FROM progress('2024-03-31') ORDER BY indicator_id, unit_id;
UPDATE indicator SET status_bands = NULL;
SELECT indicator_id, unit_id, status FROM progress('2024-03-31') ORDER BY indicator_id, unit_id;
DELETE FROM plan_setting;
SELECT indicator_id, unit_id, status FROM progress('2024-03-31') ORDER BY indicator_id, unit_id;

-- 6. Sets in percent of the target.  Sales: 20% of 7 is 1.4 points, 50%
-- is 3.5: a 1.5 behind: yellow; b 0.8: green.  Investment, judged against
-- time progress, in points of the annual target: 1% of target is 1 point,
-- 3% is 3, the same lights as :bands in 3 (a 1: green; b 1.1: yellow; e
-- 3: yellow; f 3.1: red).
UPDATE indicator SET status_bands = 'green: shortfall <= 20% of target; yellow: 20% of target < shortfall <= 50% of target; red: shortfall > 50% of target'
WHERE indicator_id = 1;
UPDATE indicator SET status_bands = 'green: shortfall <= 1% of target; yellow: 1% of target < shortfall <= 3% of target; red: shortfall > 3% of target'
WHERE indicator_id = 2;
SELECT indicator_id, unit_id, status FROM progress('2024-03-31') ORDER BY indicator_id, unit_id;

-- Leave the plan tables empty for the files that follow.
TRUNCATE action, unit, indicator, plan_target, reading, task, assessment_run, plan_setting CASCADE;
