-- Issue 23 items 4, 7 and 8, each worked by hand.
SET extra_float_digits = 0;

-- Item 8: the schedule gap on a published figure has no float noise.
-- 62.14 of 100 at the end of June (6/12 = 50%) is 62.14 - 50 = 12.14
-- points ahead, by either overload, as target_gap gives 12.14.
SET extra_float_digits = 3;
SELECT target_schedule_gap('level >= 100', 62.14, '2024-06-30', decimals => 2) AS by_basis,
       target_schedule_gap('level >= 100', 62.14, '2024-06-30',
           ARRAY[.1,.2,.3,.4,.45,.5,.6,.7,.8,.9,.95,1]::float8[], 2) AS by_schedule,
       target_gap('level >= 50', 62.14, NULL, 2) AS gap;
SET extra_float_digits = 0;

-- Item 4: fixed months.  1,200 a year with January fixed at 200 and
-- December at 150: the other 10 months share 850, 85 each.  Cumulative:
-- 200, 285, 370, 455, 540, 625, 710, 795, 880, 965, 1050, 1200 of 1200.
SELECT m, s, round((s * 1200)::numeric, 9) AS cumulative_amount
FROM unnest(schedule_fixed_months(1200, ARRAY[1, 12], ARRAY[200, 150])) WITH ORDINALITY AS x(s, m);
-- 100 with nothing fixed: 100 / 12 = 8.33 (units of the figures' last
-- decimal, here 1: 8 each, and the 4 left over go to months 9 to 12):
-- 8, 16, ..., 64, 73, 82, 91, 100.
SELECT string_agg(round((s * 100)::numeric, 9)::text, ' ' ORDER BY m)
FROM unnest(schedule_fixed_months(100, '{}', '{}')) WITH ORDINALITY AS x(s, m);
-- 10.5 with March fixed at 0.25: 10.25 over 11 months, in hundredths 1025
-- = 11 x 93 + 2, so months 11 and 12 get 0.94, the others 0.93; the
-- twelve add up to 10.5 exactly (share 12 is 1).
SELECT string_agg(round((s * 10.5)::numeric, 9)::text, ' ' ORDER BY m)
FROM unnest(schedule_fixed_months(10.5, ARRAY[3], ARRAY[0.25])) WITH ORDINALITY AS x(s, m);
-- every month fixed: they must add up to the annual figure
-- (twelve 1s of 12: month m's share is m/12)
SELECT string_agg(round((s * 12)::numeric, 9)::text, ' ' ORDER BY m)
FROM unnest(schedule_fixed_months(12, ARRAY[1,2,3,4,5,6,7,8,9,10,11,12], ARRAY[1,1,1,1,1,1,1,1,1,1,1,1])) WITH ORDINALITY AS x(s, m);
-- errors: more than the year, a month twice, month 13, lengths, NULL
SELECT schedule_fixed_months(100, ARRAY[1, 2], ARRAY[60, 50]);
SELECT schedule_fixed_months(100, ARRAY[1, 1], ARRAY[10, 10]);
SELECT schedule_fixed_months(100, ARRAY[13], ARRAY[10]);
SELECT schedule_fixed_months(100, ARRAY[1, 2], ARRAY[10]);
SELECT schedule_fixed_months(100, ARRAY[1], ARRAY[NULL]::float8[]);
SELECT schedule_fixed_months(0, '{}', '{}');
SELECT schedule_fixed_months(12, ARRAY[1,2,3,4,5,6,7,8,9,10,11,12], ARRAY[1,1,1,1,1,1,1,1,1,1,1,2]);
-- the plan model's schedule check accepts what it makes
SELECT schedule_progress(schedule_fixed_months(1200, ARRAY[1, 12], ARRAY[200, 150]), '2024-06-15') * 1200 AS due_by_june;

-- Item 7: the 0-10 scale.  Growth, red threshold 5%, goal 7%: 5 scores
-- 10/3, 7 scores 20/3, so a point of growth is worth 5/3: 6 scores 5,
-- 8 scores 20/3 + 5/3 = 25/3, 9 scores 10, 3 scores 10/3 - 2 x 5/3 = 0,
-- 2 would score -5/3 and is clamped to 0.
SELECT a, round(score_scale(a, 5, 7)::numeric, 6) AS scale
FROM unnest(ARRAY[2, 3, 5, 6, 7, 8, 9]::float8[]) a;
-- lower is better: accidents, red 10, goal 6: 8 scores 5, 6 scores 20/3,
-- 2 scores 20/3 + 4 x (10/3) / 4 = 10, 12 scores 10/3 - 2 x (10/3) / 4 = 5/3
SELECT a, round(score_scale(a, 10, 6)::numeric,6) AS scale
FROM unnest(ARRAY[2, 6, 8, 12]::float8[]) a;
-- weighted (20 points: half of the scale is 10 points), on the published
-- figure (5.96 published to 1 decimal is 6.0: 5 of 10, 10 points of 20),
-- and other fixed points (red 0, goal 10: 6 of 5..7 is 5)
SELECT score_scale(6, 5, 7, 20) AS weighted, score_scale(5.96, 5, 7, 20, 1) AS published,
       score_scale(6, 5, 7, red_points => 0, goal_points => 10) AS zero_to_ten;
SELECT score_scale(6, 5, 5);
SELECT score_scale(6, 5, 7, red_points => 7, goal_points => 6);
SELECT score_scale(NULL, 5, 7) IS NULL AS null_actual;

-- Baseline progress: baseline 100, goal 120, actual 110 is halfway (0.5);
-- lower is better: baseline 50, goal 40, actual 45 is 0.5, 55 is -0.5;
-- at the goal 1; goal = baseline: NULL.
SELECT baseline_progress(110, 100, 120) AS up, baseline_progress(45, 50, 40) AS down,
       baseline_progress(55, 50, 40) AS worse, baseline_progress(40, 50, 40) AS at_goal,
       baseline_progress(1, 5, 5) IS NULL AS undefined;
-- scored: weight 20 x 0.5 = 10; beyond the goal capped at 1 (20), worse
-- than the baseline floored at 0; with cap 1.2, 130 of 100..120 is 1.5 -> 1.2 x 20 = 24
SELECT score_baseline(110, 100, 120, 20) AS half, score_baseline(130, 100, 120, 20) AS capped,
       score_baseline(90, 100, 120, 20) AS floored, score_baseline(130, 100, 120, 20, 0, 1.2) AS cap_12;
SELECT baseline_progress(1, 'infinity', 5);
