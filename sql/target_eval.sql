-- Evaluating targets: met, gap, attainment, time progress, schedule gap,
-- status.  Expected values are worked out by hand in the comments.
SET search_path = scorecard, public;

-- The brief's examples.
-- 5.2% growth against growth >= 7%: gap 5.2 - 7 = -1.8 pp, attainment 5.2/7.
SELECT target_met('growth >= 7%', 5.2) AS met,
       round(target_gap('growth >= 7%', 5.2)::numeric, 10) AS gap,
       round(target_attainment('growth >= 7%', 5.2)::numeric, 6) AS attainment; -- 0.742857
-- level = 0 with 0 is met; gap 0; attainment 1: exactly on target (an =
-- target is the range [0, 0]; inside a range nothing is divided).
SELECT target_met('level = 0', 0) AS met, target_gap('level = 0', 0) AS gap,
       target_attainment('level = 0', 0) AS attainment;
-- level = 0 with 2: not met, 2 away.
SELECT target_met('level = 0', 2) AS met, target_gap('level = 0', 2) AS gap;
-- growth < 0% with -3: met, gap 0 - (-3) = +3.
SELECT target_met('growth < 0%', -3) AS met, target_gap('growth < 0%', -3) AS gap;
-- growth < 0% with exactly 0: not met (strict), gap 0.
SELECT target_met('growth < 0%', 0) AS met, target_gap('growth < 0%', 0) AS gap;

-- 45.2% of an annual flow target at the end of May: time progress 5/12 =
-- 41.67%, so 45.2 - 41.67 = 3.53 points ahead, green.
SELECT round(time_progress('2024-05-31')::numeric, 6) AS progress,        -- 0.416667
       round(target_schedule_gap('level >= 100', 45.2, '2024-05-31')::numeric, 1) AS ahead,
       target_status('level >= 100', 45.2, '2024-05-31', flow => true) AS status;
-- The same share of a 2000 target (904 done) gives the same 3.5 points.
SELECT round(target_schedule_gap('level >= 2000', 904, '2024-05-31')::numeric, 1) AS ahead;

-- An independent formula over many actuals: for >= the gap is actual - t,
-- for <= it is t - actual, and met is the comparison itself.
SELECT count(*) AS n,
       count(*) FILTER (WHERE target_met('growth >= 7%', a) = (a >= 7)) AS met_ge,
       count(*) FILTER (WHERE target_gap('growth >= 7%', a) = a - 7) AS gap_ge,
       count(*) FILTER (WHERE target_met('level <= 10', a) = (a <= 10)) AS met_le,
       count(*) FILTER (WHERE target_gap('level <= 10', a) = 10 - a) AS gap_le,
       count(*) FILTER (WHERE target_met('level > 600', a) = (a > 600)) AS met_gt,
       count(*) FILTER (WHERE target_met('change >= 0.5pp', a) = (a >= 0.5)) AS met_change
FROM (SELECT (i - 500) / 7.0::float8 AS a FROM generate_series(0, 1000) i) s;

-- Between: margin to the nearer bound, negative outside; attainment 1
-- inside, outside the ratio to the nearer bound (9: 8/9, 5: 5/6), never
-- above 1.
SELECT a, target_met('growth between 6% and 8%', a) AS met,
       target_gap('growth between 6% and 8%', a) AS gap,     -- 7:1, 6.5:0.5, 9:-1, 5:-1, 6:0
       round(target_attainment('growth between 6% and 8%', a)::numeric, 6) AS att -- 1, 1, 0.888889, 0.833333, 1
FROM unnest(ARRAY[7, 6.5, 9, 5, 6]::float8[]) a;

-- Attainment in both directions and with negative thresholds.
SELECT t, a, round(target_attainment(t::target, a)::numeric, 6) AS attainment
FROM (VALUES
	('level >= 100', 45.2),    -- 0.452
	('level >= 100', 0),       -- 0
	('level >= 100', -5),      -- NULL: sign change
	('level <= 10', 4),        -- 10/4 = 2.5
	('level <= 10', 12),       -- 10/12 = 0.833333
	('level <= 10', 0),        -- NULL: nothing to divide by
	('growth >= -2%', -1),     -- a fall of 1 against at most 2: -2/-1 = 2
	('growth >= -2%', -4),     -- -2/-4 = 0.5
	('growth >= -2%', 1),      -- NULL: sign change
	('growth <= -5%', -10),    -- deeper fall than asked: -10/-5 = 2
	('growth <= -5%', 0),      -- 0
	('growth <= -5%', 3),      -- NULL: sign change
	('growth >= 0%', 3),       -- NULL: zero threshold
	('level = 50', 40)         -- 40/50 = 0.8
) v(t, a);

-- Relative targets take the reference at evaluation time.
-- Rural income growth 6.1% against urban 5.0%: met, 1.1 pp ahead.
SELECT target_met('growth > reference', 6.1, 5.0) AS met,
       round(target_gap('growth > reference', 6.1, 5.0)::numeric, 10) AS gap,
       round(target_attainment('growth > reference', 6.1, 5.0)::numeric, 6) AS att, -- 1.22
       target_met('growth > reference', 4.0, 5.0) AS behind,
       target_met('growth > reference', 6.1, NULL) IS NULL AS null_reference;
-- A fixed target ignores a reference passed to it.
SELECT target_met('growth >= 7%', 7.5, 100) AS met;
-- A relative target without a reference argument is a mistake: 22023.
SELECT target_met('growth > reference', 6.1);
\echo :LAST_ERROR_SQLSTATE

-- NULL and NaN actuals give NULL, not an error.
SELECT target_met('growth >= 7%', NULL) IS NULL AS met_null,
       target_gap('growth >= 7%', NULL) IS NULL AS gap_null,
       target_attainment('growth >= 7%', 'NaN') IS NULL AS nan_null,
       target_status('growth >= 7%', NULL, '2024-05-31') IS NULL AS status_null;

-- Time progress.  Month basis: the as-of month counts, whatever its day.
SELECT d, round(time_progress(d)::numeric, 6) AS by_month,
       round(time_progress(d, 'day')::numeric, 6) AS by_day
FROM unnest(ARRAY['2024-01-01', '2024-05-15', '2024-05-31', '2023-05-31',
                  '2024-12-31']::date[]) d;
-- by_month: 1/12 = 0.083333, 5/12, 5/12, 5/12, 1.
-- by_day: 1/366 = 0.002732; 2024 is a leap year: 31+29+31+30+15 = 136/366 =
-- 0.371585; 152/366 = 0.415301; 2023: 151/365 = 0.413699; 366/366 = 1.
-- A period starting in July: end of September is 3/12; past its end, 1.
SELECT round(time_progress('2024-09-30', 'month', '2024-07-01')::numeric, 6) AS q3,
       time_progress('2026-01-31', 'month', '2024-01-01') AS clamped,
       round(time_progress('2024-07-31', 'day', '2024-07-01')::numeric, 6) AS july; -- 31/365
-- Errors: an unknown basis, an as-of date before the period, infinity.
SELECT time_progress('2024-05-31', 'week');
\echo :LAST_ERROR_SQLSTATE
SELECT time_progress('2024-06-30', 'month', '2024-07-01');
\echo :LAST_ERROR_SQLSTATE
SELECT time_progress('infinity');
\echo :LAST_ERROR_SQLSTATE

-- Status of prorated flow level targets (default tolerance 5 points):
-- at the end of May 41.67% is due.
SELECT a, target_status('level >= 100', a, '2024-05-31', flow => true) AS status
FROM unnest(ARRAY[45.2, 41.7, 38, 36.7, 30]::float8[]) a;
-- 45.2: +3.5 green; 41.7: +0.03 green; 38: -3.67 yellow; 36.7: -4.97 yellow;
-- 30: -11.67 red.
-- A tolerance of 2 points turns 38 red; the day basis moves the schedule.
SELECT target_status('level >= 100', 38, '2024-05-31', flow => true, tolerance => 2) AS tol2,
       target_status('level >= 100', 41.6, '2024-05-31', flow => true, basis => 'day') AS by_day;
-- 41.6 vs 41.53 (152/366) by day: green.
-- A budget (level <= 10 accidents) prorated: 3 by May is 30% used against
-- 41.67% of the year: green; 5 is 50%: 8.3 points over, red.
SELECT target_status('level <= 10', 3, '2024-05-31', flow => true) AS three,
       target_status('level <= 10', 5, '2024-05-31', flow => true) AS five;
-- Growth targets of flows are not prorated: met green, within 1 pp yellow.
SELECT a, target_status('growth >= 7%', a, '2024-05-31', flow => true) AS status
FROM unnest(ARRAY[7.3, 6.5, 5.2]::float8[]) a;
-- 7.3 green; 6.5 (-0.5) yellow; 5.2 (-1.8) red.
-- Stocks are not prorated; level tolerance is 5% of the threshold (30 of 600).
SELECT a, target_status('level > 600', a, '2024-05-31') AS status
FROM unnest(ARRAY[620, 600, 580, 560]::float8[]) a;
-- 620 green; 600 not met (strict) yellow; 580 (-20) yellow; 560 (-40) red.
-- level = 0: zero tolerance, so anything but 0 is red, prorated or not.
SELECT target_status('level = 0', 0, '2024-05-31', true) AS zero,
       target_status('level = 0', 1, '2024-05-31', true) AS one;
-- Relative targets need the reference; without it the status is unknown.
SELECT target_status('growth > reference', 6.1, '2024-05-31', reference => 5.0) AS ahead,
       target_status('growth > reference', 4.5, '2024-05-31', reference => 5.0) AS close,
       target_status('growth > reference', 6.1, '2024-05-31') IS NULL AS unknown;
-- A negative tolerance is an error: 22023.
SELECT target_status('growth >= 7%', 5, '2024-05-31', tolerance => -1);
\echo :LAST_ERROR_SQLSTATE
-- Both forms check the tolerance first, so a bad one is an error even where
-- the status would be NULL (a NaN actual, a relative target without its
-- reference) and whatever the source of time progress: 22023.
SELECT target_status('level >= 100', 'NaN', '2024-05-31', true, tolerance => -1);
\echo :LAST_ERROR_SQLSTATE
SELECT target_status('growth > reference', 6.1, '2024-05-31', false, tolerance => 'NaN');
\echo :LAST_ERROR_SQLSTATE
SELECT target_status('level >= 100', 'NaN', '2024-05-31', NULL::float8[], tolerance => -1);
\echo :LAST_ERROR_SQLSTATE
SELECT target_status('growth > reference', 6.1, '2024-05-31', NULL::float8[], tolerance => 'Infinity');
\echo :LAST_ERROR_SQLSTATE
