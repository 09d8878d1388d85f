-- Huge but finite inputs: sums that would overflow raise 22003 or give
-- NULL, never infinity, NaN or a wrong finite answer.
SET search_path = scorecard, public;

-- A year-to-date sum of two finite months that overflows is not a value:
-- NULL, and so is the growth computed from it (not 2/inf - 1 = -100%).
SELECT ytd_value(s, '2023-02-01') IS NULL AS value_null,
       ytd_growth(s, '2024-02-01') IS NULL AS growth_null,
       ytd_value(s, '2024-02-01') AS value_2024          -- 1 + 1
FROM (SELECT 'monthly{2023-01:1e308,2023-02:1e308,2024-01:1,2024-02:1}'::ytd s) q;

-- Assessment sums that leave the float8 range: 22003, not a state that
-- cannot be read back.
SELECT assess(1, 1e307);            -- log term 1e307 * ln(1e-307) = -inf
\echo :LAST_ERROR_SQLSTATE
SELECT weighted_score(p, w) FROM (VALUES (1e308::float8, 1e308::float8), (1e308, 1e308)) v(p, w);
\echo :LAST_ERROR_SQLSTATE
SELECT assess(b, 0, 'bonus') FROM (VALUES (1e308::float8), (1e308)) v(b);
\echo :LAST_ERROR_SQLSTATE
-- Merging counts past int8 is refused, so a veto cannot wrap away.
SELECT rollup(a) FROM (VALUES
	('(points=0,weight=0,weight_all=0,bonus=0,deduction=0,log_sum=0,applicable=0,missing=0,vetoes=9223372036854775807,zeros=0)'::assessment),
	('(points=0,weight=0,weight_all=0,bonus=0,deduction=0,log_sum=0,applicable=0,missing=0,vetoes=1,zeros=0)')) v(a);
\echo :LAST_ERROR_SQLSTATE

-- A sign change whose product underflows is still a sign change: NULL.
SELECT target_attainment('growth >= 1e-200%', -1e-200) IS NULL AS sign_change_null;

-- Standards far apart: differences computed without overflow.
-- 1e308 lies between good (-1e308, 0.8) and excellent (1.7e308, 1.0):
-- 20 x (0.8 + (1e308 + 1e308) / (1.7e308 + 1e308) x 0.2) = 18.962963.
SELECT round(score_banded(1e308, '{1.7e308,-1e308,-1.2e308,-1.4e308,-1.6e308}', 20)::numeric, 6) AS banded;
-- Actual at the satisfactory value: 60 + 40 x 1 = 100.
SELECT score_efficacy(1e308, 1e308, -1e308) AS efficacy;
