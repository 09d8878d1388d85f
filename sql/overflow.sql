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
-- cannot be read back.  Only the geometric mean's term out of range (log
-- term 1e307 x ln(1e-307) = -7.07e309): the state stands, its score is
-- 100 x 1 / 1e307 = 1e-305, and only assessment_geometric raises 22003.
SELECT assessment_score(a) = 1e-305 AS score_1e_305, assessment_applicable(a) AS applicable,
       a::text::assessment::text = a::text AS reads_back
FROM (SELECT assess(1, 1e307) a) q;
SELECT assessment_geometric(assess(1, 1e307));
\echo :LAST_ERROR_SQLSTATE
-- The ratio 1e308 / 5e-324 overflows, its logarithm does not: the state is
-- fine, the mean 100 x exp(ln(1e308 / 5e-324)) is not.
SELECT assessment_applicable(assess(1e308, 5e-324)) AS applicable;
SELECT assessment_geometric(assess(1e308, 5e-324));
\echo :LAST_ERROR_SQLSTATE
-- Results out of range (the README promises 22003, never Infinity): the
-- score 100 x 1e308 / 1, a total 1e308 + bonus 1e308.
SELECT assessment_score(assess(1e308, 1));
\echo :LAST_ERROR_SQLSTATE
SELECT assessment_total(a) FROM (SELECT assess(p, w, k) a FROM (VALUES
	(1e308::float8, 1e308::float8, 'score'), (1e308, NULL, 'bonus')) v(p, w, k)) q;
\echo :LAST_ERROR_SQLSTATE
-- A finite score, 100 x 1e306 / 1 = 1e308, plus a bonus of 1e308: the
-- score is out of range (and says so: "score", not "total").
SELECT assessment_score(a) FROM (SELECT assess(p, w, k) a FROM (VALUES
	(1e306::float8, 1::float8, 'score'), (1e308, NULL, 'bonus')) v(p, w, k)) q;
\echo :LAST_ERROR_SQLSTATE
-- ... while a total that stays in range after the deduction is a number.
SELECT assessment_total(a) = 1e308 AS total_1e308 FROM (SELECT assess(p, w, k) a FROM (VALUES
	(1e308::float8, 1e308::float8, 'score'), (1e308, NULL, 'bonus'), (1e308, NULL, 'deduction')) v(p, w, k)) q;
-- Text and binary input hold the invariants the sums hold: weight <=
-- weight_all, no points without weight.
SELECT '(points=1,weight=2,weight_all=1,bonus=0,deduction=0,log_sum=0,applicable=1,missing=0,vetoes=0,zeros=0)'::assessment;
SELECT '(points=1,weight=0,weight_all=0,bonus=0,deduction=0,log_sum=0,applicable=1,missing=0,vetoes=0,zeros=0)'::assessment;
-- Binary files go to this server's data directory: checkouts testing at
-- the same time each have their own server, and never share a file.
SELECT current_setting('data_directory') || '/scorecard_overflow_regress.bin' AS binfile \gset
-- The same in binary: a good state with its weight (bytes 9..16) set to
-- 2.0, then with its weight and weight_all (bytes 9..24) set to 0.
CREATE TEMP TABLE bin_bad (a assessment);
COPY (SELECT overlay(assessment_send('(points=1,weight=1,weight_all=1,bonus=0,deduction=0,log_sum=0,applicable=1,missing=0,vetoes=0,zeros=0)')
	PLACING '\x4000000000000000'::bytea FROM 9 FOR 8)) TO :'binfile' (FORMAT binary);
COPY bin_bad FROM :'binfile' (FORMAT binary);
COPY (SELECT overlay(assessment_send('(points=1,weight=1,weight_all=1,bonus=0,deduction=0,log_sum=0,applicable=1,missing=0,vetoes=0,zeros=0)')
	PLACING '\x00000000000000000000000000000000'::bytea FROM 9 FOR 16)) TO :'binfile' (FORMAT binary);
COPY bin_bad FROM :'binfile' (FORMAT binary);
-- The unpatched bytes read back (so the two refusals are the patches').
COPY (SELECT assessment_send('(points=1,weight=1,weight_all=1,bonus=0,deduction=0,log_sum=0,applicable=1,missing=0,vetoes=0,zeros=0)'))
	TO :'binfile' (FORMAT binary);
COPY bin_bad FROM :'binfile' (FORMAT binary);
SELECT a::text FROM bin_bad;
-- A score item of weight 0 with points is refused by the aggregate too.
SELECT assess(5, 0);
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

-- Differences and ratios of finite figures beyond the float8 range are not
-- figures: NULL, never Infinity.  The gap 1.7e308 - (-1e308); the
-- attainment of a growth of 1e300 % against a reference of 1e-300 % (and
-- against a threshold of 1e-300 %); the schedule gap of 1e308 done of a
-- target of 0.5 (2e310 %).
SELECT target_gap('level >= -1e308', 1.7e308) IS NULL AS gap_null,
	target_gap('level <= -1e308', -1.7e308, NULL, 1) IS NOT NULL AS finite_gap_stays,
	target_attainment('growth >= reference', 1e300, 1e-300) IS NULL AS relative_attainment_null,
	target_attainment('growth >= 1e-300%', 1e300) IS NULL AS attainment_null,
	target_schedule_gap('level >= 0.5', 1e308, '2024-06-30') IS NULL AS schedule_gap_null,
	target_schedule_gap('level >= 0.5', 1e300, '2024-06-30', '{0.1,0.2,0.3,0.4,0.5,0.6,0.7,0.8,0.9,1,1,1}'::float8[]) AS schedule_gap_2e302;
-- Status still judges: met is met, however large.
SELECT target_status('level >= 0.5', 1e308, '2024-06-30', true) AS status;
-- Points are never Infinity: a weight near the float8 limit times the cap
-- of 120% raises 22003 (as the assessment accessors do).
SELECT score_proportional(2, 1.7e308, 0, 1.2);
\echo :LAST_ERROR_SQLSTATE
SELECT score_ratio('level >= 1', 2, 1.7e308, 0, 1.2);
\echo :LAST_ERROR_SQLSTATE
SELECT score_efficacy(1e308, 1, 0, 20, false);
\echo :LAST_ERROR_SQLSTATE
-- ... while the clamped efficacy score of the same actual is the cap.
SELECT score_efficacy(1e308, 1, 0, 20, true) AS clamped;
