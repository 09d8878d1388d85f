-- The data review (统计数据审核, data_review): a city c with six counties
-- k1..k6 (甲县..己县) and a department d (never summed into the city), two
-- additive flows, readings of 2023 and January to June 2024, reviewed at
-- 2024-06-30.  The first load (recorded 2024-07-10) carries ONE error of
-- each kind; the bureau's corrections (recorded 2024-07-20) put every one
-- right, so the review as recorded on 2024-07-10 finds the six and the
-- review of the readings in force finds none.  Every figure by hand:
--
-- Indicator 1, 工业产值 (output): cumulative (January-to-month values).
--   2023: every county 100 a month, so 100 x m at month m.
--   2024: k1..k6 110, 104, 116, 107, 113, 101 a month (x m): growths 10,
--   4, 16, 7, 13, 1 % every month.  c: its own readings, the counties'
--   sums, 600 x m (2023) and 651 x m (2024), growth 651/600 - 1 = 8.5 %,
--   reported 8.5 (January to March), 10.0 in May (1.5 points off: within
--   2; April's is an error, below).
--   Peers every month: growths 10, 4, 16, 7, 13, 1: median (7 + 10)/2 =
--   8.5, deviations 1.5, 4.5, 7.5, 1.5, 4.5, 7.5: MAD (4.5 + 4.5)/2 = 4.5,
--   bound 3 x 1.4826 x 4.5 = 20.0151, largest deviation 7.5: no outlier.
-- Indicator 2, 零售额 (sales): monthly values.
--   2023: k1..k6 10, 20, 30, 40, 50, 60 a month; c 210.
--   2024: 11, 20.8, 34.8, 42.8, 56.5, 60.6 a month (growths again 10, 4,
--   16, 7, 13, 1 %); c 226.5, but 228 in April (1.5 from the sum, within
--   1% of 228 = 2.28: no finding).
--
-- The errors of the first load and what the review finds:
--   cumulative_falls (error): k2's output for December 2023 is 1090
--     (should be 1200), below November's 1100.  (c's December, 7090, is
--     its counties' sum and does not fall.)
--   parent_vs_children (warning): c's sales for May 2024 are 230; its six
--     counties add up to 11 + 20.8 + 34.8 + 42.8 + 56.5 + 60.6 = 226.5;
--     3.5 / 230 = 1.52% of c's value, more than 1%.
--   peer_outlier (warning): k6's output for June 2024 is 900 (should be
--     606): growth 900 / 600 - 1 = 50%.  June's growths 10, 4, 16, 7, 13,
--     50: median (10 + 13)/2 = 11.5; deviations 1.5, 7.5, 4.5, 4.5, 1.5,
--     38.5: MAD (4.5 + 4.5)/2 = 4.5; 38.5 > 3 x 1.4826 x 4.5 = 20.0151
--     (38.5 / 6.6717 = 5.8 robust standard deviations).  The others are at
--     most 7.5 from the median.  (A mean and standard deviation would let
--     the outlier hide: mean 100/6 = 16.67, sample standard deviation
--     16.87, and 50 is only (50 - 16.67)/16.87 = 1.98 of them away.)
--   month_jump (warning): k1's sales for June 2024 are 3 (should be 11),
--     less than a third of May's 11 (3 / 11 = 0.27).  Its year-to-date
--     growth (55 + 3)/60 - 1 = -3.33% stays within its peers' June bound:
--     growths -3.33, 4, 16, 7, 13, 1, median (4 + 7)/2 = 5.5, deviations
--     8.83, 1.5, 10.5, 1.5, 7.5, 4.5, MAD (4.5 + 7.5)/2 = 6, bound 26.69.
--   reported_vs_computed (warning): c's output for April 2024 carries a
--     reported growth of 11.0; its levels give 2604 / 2400 - 1 = 8.5%:
--     2.5 points apart, more than 2.
--   missing_month (info): k3 has no sales reading for March 2024; March
--     2023 has one (30).  Without it c's March is not compared with its
--     counties (five of six report), and k3's growth leaves March out of
--     both years' sums (34.8 x 3 / 90 - 1 = 16% in April).  March's peers
--     are the five others: 10, 4, 7, 13, 1, median 7, MAD 3, bound 13.34.
SET client_min_messages = warning;
CREATE EXTENSION IF NOT EXISTS scorecard_report CASCADE;
SET search_path = scorecard, public;
SET extra_float_digits = 0;
TRUNCATE action, unit, indicator, plan_target, reading, task, assessment_run CASCADE;

INSERT INTO unit (unit_id, name_zh, kind, parent_id, sort_order) VALUES
	('c', '市', 'city', NULL, 0),
	('k1', '甲县', 'county', 'c', 1), ('k2', '乙县', 'county', 'c', 2), ('k3', '丙县', 'county', 'c', 3),
	('k4', '丁县', 'district', 'c', 4), ('k5', '戊县', 'county_city', 'c', 5), ('k6', '己县', 'county', 'c', 6),
	('d', '某局', 'department', 'c', 7);
INSERT INTO indicator (indicator_id, code, name_zh, nature, reporting, additive) VALUES
	(1, 'output', '工业产值', 'flow', 'cumulative', true),
	(2, 'sales', '零售额', 'flow', 'monthly', true);
INSERT INTO plan_target (indicator_id, unit_id, year, target) VALUES
	(1, 'c', 2024, 'growth >= 8%'), (2, 'c', 2024, 'growth >= 8%');

-- The first load, as the counties and the city sent it (errors included).
CREATE TEMP TABLE county (unit_id text, k int, out2024 float8, sales2024 float8);
INSERT INTO county VALUES ('k1', 1, 110, 11), ('k2', 2, 104, 20.8), ('k3', 3, 116, 34.8),
	('k4', 4, 107, 42.8), ('k5', 5, 113, 56.5), ('k6', 6, 101, 60.6);
INSERT INTO reading (indicator_id, unit_id, month, value, recorded_at)
SELECT 1, c.unit_id, m, CASE WHEN m < '2024-01-01' THEN 100 ELSE c.out2024 END * extract(month FROM m)::int, '2024-07-10'::timestamptz
FROM county c CROSS JOIN generate_series('2023-01-01'::date, '2024-06-01', '1 month') g(m)
UNION ALL
SELECT 2, c.unit_id, m, CASE WHEN m < '2024-01-01' THEN 10 * c.k ELSE c.sales2024 END, '2024-07-10'::timestamptz
FROM county c CROSS JOIN generate_series('2023-01-01'::date, '2024-06-01', '1 month') g(m);
UPDATE reading SET value = 1090 WHERE indicator_id = 1 AND unit_id = 'k2' AND month = '2023-12-01';
UPDATE reading SET value = 900 WHERE indicator_id = 1 AND unit_id = 'k6' AND month = '2024-06-01';
UPDATE reading SET value = 3 WHERE indicator_id = 2 AND unit_id = 'k1' AND month = '2024-06-01';
DELETE FROM reading WHERE indicator_id = 2 AND unit_id = 'k3' AND month = '2024-03-01';
-- The city's own: output the counties' sums as sent (so 7090 in December
-- 2023 and 4200 in June 2024), sales 210 and 226.5, April 228, May 230,
-- June 218.5 (its counties' sum with k1's 3); reported growths of output.
INSERT INTO reading (indicator_id, unit_id, month, value, reported_growth, recorded_at)
SELECT 1, 'c', r.month, sum(r.value),
       CASE WHEN r.month BETWEEN '2024-01-01' AND '2024-05-01'
            THEN CASE extract(month FROM r.month) WHEN 4 THEN 11.0 WHEN 5 THEN 10.0 ELSE 8.5 END END,
       '2024-07-10'::timestamptz
FROM reading r WHERE r.indicator_id = 1 GROUP BY r.month
UNION ALL
SELECT 2, 'c', m, CASE WHEN m < '2024-01-01' THEN 210 WHEN m = '2024-04-01' THEN 228
                       WHEN m = '2024-05-01' THEN 230 WHEN m = '2024-06-01' THEN 218.5 ELSE 226.5 END, NULL, '2024-07-10'::timestamptz
FROM generate_series('2023-01-01'::date, '2024-06-01', '1 month') g(m);
SELECT indicator_id, unit_id, month, value, reported_growth FROM reading
WHERE unit_id = 'c' AND month IN ('2023-12-01', '2024-03-01', '2024-04-01', '2024-05-01', '2024-06-01')
ORDER BY 1, 3;

-- The review of the first load finds the six errors, one of each rule,
-- with the figures worked out above.
SELECT unit_id, unit_zh, indicator_id, indicator_zh, month, rule, severity, figure, compared_with
FROM data_review('2024-06-30', '2024-07-10');
SELECT rule, detail FROM data_review('2024-06-30', '2024-07-10');

-- The review of some units (as the loader and the report ask for it) lists
-- what the whole review lists of those units and their parents (and with
-- with_children of their children), row for row.
SELECT u.unit_id,
       (SELECT count(*) FROM data_review('2024-06-30', '2024-07-10', ARRAY[u.unit_id])) AS findings,
       (SELECT array_agg(f::text ORDER BY f::text) FROM data_review('2024-06-30', '2024-07-10', ARRAY[u.unit_id]) f)
       IS NOT DISTINCT FROM
       (SELECT array_agg(f::text ORDER BY f::text) FROM data_review('2024-06-30', '2024-07-10') f
        WHERE f.unit_id IN (u.unit_id, u.parent_id)) AS same
FROM unit u ORDER BY u.sort_order;
SELECT (SELECT array_agg(f::text ORDER BY f::text) FROM data_review('2024-06-30', '2024-07-10', ARRAY['c'], with_children => true) f)
       = (SELECT array_agg(f::text ORDER BY f::text) FROM data_review('2024-06-30', '2024-07-10') f) AS city_and_children_same;
-- Several units at once, as a load of many units asks: their siblings are
-- read once however many of them share a parent.  By hand: the counties
-- k1..k6 and their parent c have all six findings; k1 and k6 four (k1's
-- month_jump, k6's peer_outlier, c's parent_vs_children and
-- reported_vs_computed); k6 and the department d three (k6's and c's two).
SELECT x.units, (SELECT count(*) FROM data_review('2024-06-30', '2024-07-10', x.units)) AS findings,
       (SELECT array_agg(f::text ORDER BY f::text) FROM data_review('2024-06-30', '2024-07-10', x.units) f)
       IS NOT DISTINCT FROM
       (SELECT array_agg(f::text ORDER BY f::text) FROM data_review('2024-06-30', '2024-07-10') f
        WHERE f.unit_id = ANY (x.units) OR f.unit_id = 'c') AS same
FROM (VALUES (ARRAY['k1', 'k2', 'k3', 'k4', 'k5', 'k6']), (ARRAY['k1', 'k6']), (ARRAY['k6', 'd'])) x(units);

-- The review from a month on, of some indicators (as the loader asks for
-- what it loaded), lists what the whole review lists of those months and
-- indicators, row for row: from every month of the two years (and from a
-- day within June: the month's findings), of each set of indicators, of
-- all units and of k1 and k6.
SELECT count(*) AS cases, count(*) FILTER (WHERE x.same) AS same, sum(x.findings) > 0 AS some_findings,
       count(*) FILTER (WHERE x.findings > 0 AND x.findings < x.all_months) > 0 AS some_left_out
FROM (
	SELECT (SELECT count(*) FROM data_review('2024-06-30', '2024-07-10', u.un, from_month => m.m, indicators => i.ind)) AS findings,
	       (SELECT count(*) FROM data_review('2024-06-30', '2024-07-10', u.un, indicators => i.ind)) AS all_months,
	       (SELECT array_agg(f::text ORDER BY f::text)
	        FROM data_review('2024-06-30', '2024-07-10', u.un, from_month => m.m, indicators => i.ind) f)
	       IS NOT DISTINCT FROM
	       (SELECT array_agg(f::text ORDER BY f::text) FROM data_review('2024-06-30', '2024-07-10', u.un) f
	        WHERE f.month >= date_trunc('month', m.m)::date AND (i.ind IS NULL OR f.indicator_id = ANY (i.ind))) AS same
	FROM (SELECT g::date FROM generate_series('2023-01-01'::date, '2024-07-01', '1 month') g
	      UNION ALL SELECT '2024-06-15') m(m),
	     (VALUES (NULL::int[]), (ARRAY[1]), (ARRAY[2]), (ARRAY[1, 2])) i(ind),
	     (VALUES (NULL::text[]), (ARRAY['k1', 'k6'])) u(un)) x;

-- From a month no finding reaches (past the timestamp range, infinity):
-- none, and no error; from -infinity: all of them.
SELECT (SELECT count(*) FROM data_review('2024-06-30', '2024-07-10', from_month => '300000-01-01')) AS far,
       (SELECT count(*) FROM data_review('2024-06-30', '2024-07-10', from_month => 'infinity')) AS infinite,
       (SELECT count(*) FROM data_review('2024-06-30', '2024-07-10', from_month => '-infinity'))
       = (SELECT count(*) FROM data_review('2024-06-30', '2024-07-10')) AS all_from_minus_infinity;
-- As of the last month of the timestamp range (December 294276): none,
-- and no error (no bound is computed past as_of's month).
SELECT count(*) AS last_month_of_range FROM data_review('294276-12-31', from_month => '294276-12-01');

-- The corrections: a new revision of each wrong reading, and k3's March.
INSERT INTO reading (indicator_id, unit_id, month, value, reported_growth, revision, recorded_at) VALUES
	(1, 'k2', '2023-12-01', 1200, NULL, 2, '2024-07-20'),
	(1, 'c', '2023-12-01', 7200, NULL, 2, '2024-07-20'),
	(1, 'k6', '2024-06-01', 606, NULL, 2, '2024-07-20'),
	(1, 'c', '2024-06-01', 3906, NULL, 2, '2024-07-20'),
	(1, 'c', '2024-04-01', 2604, 8.5, 2, '2024-07-20'),
	(2, 'k1', '2024-06-01', 11, NULL, 2, '2024-07-20'),
	(2, 'c', '2024-06-01', 226.5, NULL, 2, '2024-07-20'),
	(2, 'c', '2024-05-01', 226.5, NULL, 2, '2024-07-20'),
	(2, 'k3', '2024-03-01', 34.8, NULL, 1, '2024-07-20');

-- Clean data gives no finding of any rule: the readings in force, as the
-- view at the latest month (2024-06-30) shows them too.  April's 228
-- (within 1% of its counties' 226.5) and May's reported 10.0 (1.5 points
-- from 8.5) stay, below the thresholds.
SELECT rule, count(*) FROM data_review('2024-06-30') GROUP BY rule;
SELECT (SELECT latest_as_of()) AS latest_as_of, count(*) AS findings FROM data_review_latest;
-- Each rule alone on clean data: none of the six finds anything in the
-- corrected readings of either year (as of December 2023 the review reads
-- 2022, which has no readings, and 2023).
SELECT r.rule, count(f.rule) AS findings
FROM unnest(ARRAY['cumulative_falls', 'parent_vs_children', 'peer_outlier', 'month_jump',
                  'reported_vs_computed', 'missing_month']) r(rule)
LEFT JOIN (SELECT rule FROM data_review('2024-06-30') UNION ALL SELECT rule FROM data_review('2023-12-31')) f
       ON f.rule = r.rule
GROUP BY r.rule ORDER BY r.rule;

-- The loader reviews the units it loaded (plan_setting.review_on_load,
-- default warn): k1's sales for July 2024 loaded as 100, more than 3
-- times June's 11, load with a WARNING naming that month_jump; the
-- reading is loaded.
SELECT begin_load();
INSERT INTO reading_staging (indicator, unit, month, value) VALUES ('2', 'k1', '2024-07', '100');
SELECT inserted, revised, unchanged FROM load_readings(header => false);
SELECT value FROM reading_current WHERE indicator_id = 2 AND unit_id = 'k1' AND month = '2024-07-01';
-- With review_on_load = block, an error refuses the load (22000) and
-- nothing is loaded: k2's output for July 2024 loaded as 600, below its
-- cumulative June, 104 x 6 = 624 (cumulative_falls, an error).
INSERT INTO plan_setting (review_on_load) VALUES ('block');
SELECT begin_load();
INSERT INTO reading_staging (indicator, unit, month, value) VALUES ('1', 'k2', '2024-07', '600');
\set VERBOSITY terse
SELECT inserted FROM load_readings(header => false);
\set VERBOSITY default
\echo :LAST_ERROR_SQLSTATE
SELECT count(*) AS k2_july FROM reading WHERE indicator_id = 1 AND unit_id = 'k2' AND month = '2024-07-01';
-- A warning alone does not block: k1's sales of August 2024, 1000 (10
-- times July's 100), load with the WARNING, which lists the findings from
-- the month loaded on (not July's again).
SELECT begin_load();
INSERT INTO reading_staging (indicator, unit, month, value) VALUES ('2', 'k1', '2024-08', '1000');
SELECT inserted FROM load_readings(header => false);
-- review_on_load = off: no review.
UPDATE plan_setting SET review_on_load = 'off';
SELECT begin_load();
INSERT INTO reading_staging (indicator, unit, month, value) VALUES ('2', 'k1', '2024-09', '10000');
SELECT inserted FROM load_readings(header => false);
DELETE FROM plan_setting;

-- Figures far apart (readings stored past the bounds, or with the bounds
-- raised by the plan's owner): an indicator 3 reported cumulatively, June
-- 2023 and June 2024 only.  k1-k3 100 then 105 (growth
-- (105 / 100 - 1) x 100 = 5.000000000000004 in float8), k4 and k5 100 then
-- 105.00000000000003 (5.000000000000027, 26 units in the last place of 5,
-- 2^-50, above), k6 1e-150 then 1e150 (growth 1e302).  Median the middle
-- of the two, MAD 13 x 2^-50 = 1.1546e-14: k6 is an outlier by
-- (1e302 - 5) / (1.4826 x 1.1546e-14) = 5.84e315 robust standard
-- deviations, beyond float8, said in numeric (it was an overflow error
-- for everyone); the others are within the bound.
INSERT INTO indicator (indicator_id, code, name_zh, nature, reporting, additive) VALUES
	(3, 'far', '极值', 'flow', 'cumulative', false);
INSERT INTO reading (indicator_id, unit_id, month, value, recorded_at)
SELECT 3, u, m::date, CASE WHEN m = '2023-06-01' THEN CASE u WHEN 'k6' THEN 1e-150 ELSE 100 END
                           ELSE CASE WHEN u = 'k6' THEN 1e150 WHEN u IN ('k4', 'k5') THEN 105.00000000000003 ELSE 105 END END,
       '2024-07-10'::timestamptz
FROM unnest(ARRAY['k1', 'k2', 'k3', 'k4', 'k5', 'k6']) u CROSS JOIN unnest(ARRAY['2023-06-01', '2024-06-01']) m;
SELECT unit_id, rule, figure, substring(detail FROM ' is (\S+) robust') AS robust_sds
FROM data_review('2024-06-30') WHERE indicator_id = 3;

-- The children's sum a parent is compared with is exact, whatever order
-- the rows come in: k1..k6's June 2024 figures of an additive flow, 9.3,
-- 94.8, 9.3, 86.7, 0.5 and 39.3, add up to 239.9, which no order of
-- adding them as float8 gives (each gives 239.90000000000003 or
-- 239.89999999999998, by the last bits of each figure); c's 250 is 10.1
-- from it, 4.04% of 250.  The whole review and the review of June say the
-- same.
INSERT INTO indicator (indicator_id, code, name_zh, nature, reporting, additive) VALUES
	(4, 'sum', '加总', 'flow', 'monthly', true);
INSERT INTO reading (indicator_id, unit_id, month, value, recorded_at)
SELECT 4, u, '2024-06-01', v, '2024-07-10' FROM (VALUES ('k1', 9.3), ('k2', 94.8), ('k3', 9.3), ('k4', 86.7),
	('k5', 0.5), ('k6', 39.3), ('c', 250)) x(u, v);
SELECT w.unit_id, w.rule, w.figure, w.compared_with = 239.9::float8 AS exact_sum, w.detail,
       (SELECT array_agg(j.compared_with) FROM data_review('2024-06-30', from_month => '2024-06-01', indicators => ARRAY[4]) j)
       = ARRAY[w.compared_with] AS same_from_june
FROM data_review('2024-06-30') w WHERE w.indicator_id = 4;

TRUNCATE action, unit, indicator, plan_target, reading, task, assessment_run CASCADE;
