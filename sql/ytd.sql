-- ytd: the year-to-date state, its aggregates and accessors.
-- Expected values are worked out by hand (in comments) or compared with an
-- independent plain-SQL formula in the same query.
SET search_path = scorecard, public;
\set SHOW_CONTEXT never

-- Readings: retail sales (a flow) of three counties, a stock, a rate.
CREATE TABLE readings (ind text, unit text, period date, value float8);
-- County A: 2023 month m = 100 + 10(m-1); 2024 month m = that + 10.
-- Periods are mid-month dates (the 15th) in 2023 and month ends in 2024.
INSERT INTO readings
SELECT 'retail', 'A', make_date(y, m, CASE WHEN y = 2023 THEN 15 ELSE 1 END)
		+ CASE WHEN y = 2024 THEN interval '1 month' - interval '1 day' ELSE interval '0' END,
	100 + 10 * (m - 1) + CASE WHEN y = 2024 THEN 10 ELSE 0 END
FROM generate_series(2023, 2024) y, generate_series(1, 12) m;
-- County B: 50 every month of both years, on the 1st.
INSERT INTO readings
SELECT 'retail', 'B', make_date(y, m, 1), 50
FROM generate_series(2023, 2024) y, generate_series(1, 12) m;
-- County C: two rows per month (two sources), 7 and 3, on the 10th and 20th.
INSERT INTO readings
SELECT 'retail', 'C', make_date(y, m, d), CASE d WHEN 10 THEN 7 ELSE 3 END
FROM generate_series(2023, 2024) y, generate_series(1, 12) m, unnest(ARRAY[10, 20]) d;
-- A NULL value and a NULL period are skipped, like sum().
INSERT INTO readings VALUES ('retail', 'A', '2024-03-05', NULL), ('retail', 'A', NULL, 1000);

-- Text form of county A's state, and its size (two years: 24 + 2 * 104 bytes).
SELECT ytd_agg(period, value) AS a, pg_column_size(ytd_agg(period, value)) AS bytes
FROM readings WHERE unit = 'A';

-- Hand-worked: as of 2024-03, A: 2024 = 110+120+130 = 360, 2023 = 100+110+120 = 330,
-- growth = 360/330 - 1 = 9.0909090909%.  As of 2024-09: 2023 = 900 + 10*36 = 1260,
-- 2024 = 1260 + 90 = 1350, growth = 7.1428571429%.
SELECT ytd_value(s, '2024-03-31') AS v_mar, ytd_prior(s, '2024-03-01') AS p_mar,
	round(ytd_growth(s, '2024-03-15')::numeric, 10) AS g_mar,
	ytd_value(s, '2024-09-30') AS v_sep, ytd_prior(s, '2024-09-30') AS p_sep,
	round(ytd_growth(s, '2024-09-30')::numeric, 10) AS g_sep
FROM (SELECT ytd_agg(period, value) s FROM readings WHERE unit = 'A') q;

-- Every as-of month of 2024, every county: accessors against the plain-SQL
-- formula (sum() FILTER over the two periods, divided).
WITH s AS (
	SELECT unit, ytd_agg(period, value) s FROM readings GROUP BY unit
), f AS (
	SELECT r.unit, m,
		sum(value) FILTER (WHERE period >= '2024-01-01' AND period < make_date(2024, m, 1) + interval '1 month') AS cur,
		sum(value) FILTER (WHERE period >= '2023-01-01' AND period < make_date(2023, m, 1) + interval '1 month') AS pri
	FROM readings r, generate_series(1, 12) m GROUP BY r.unit, m
)
SELECT count(*) AS checked,
	count(*) FILTER (WHERE ytd_value(s.s, make_date(2024, m, 1)) = cur
		AND ytd_prior(s.s, make_date(2024, m, 28)) = pri
		AND round(ytd_growth(s.s, make_date(2024, m, 1))::numeric, 10)
			= round(((cur / pri - 1) * 100)::numeric, 10)) AS equal
FROM s JOIN f USING (unit);

-- One-step aggregates equal the two-step form and the formula, per group.
SELECT unit,
	round(ytd_growth(period, value, '2024-09-30')::numeric, 10) AS one_step,
	round(ytd_growth(ytd_agg(period, value), '2024-09-30')::numeric, 10) AS two_step,
	round(((sum(value) FILTER (WHERE period BETWEEN '2024-01-01' AND '2024-09-30')
		/ sum(value) FILTER (WHERE period BETWEEN '2023-01-01' AND '2023-09-30') - 1) * 100)::numeric, 10) AS formula,
	ytd_value(period, value, '2024-09-01') AS value_one_step
FROM readings GROUP BY unit ORDER BY unit;

-- Rollup of the three county states equals the aggregate over their rows
-- (integer values, so the sums are exact whatever the order).
CREATE TABLE county_states AS
SELECT unit, ytd_agg(period, value) AS s FROM readings GROUP BY unit;
SELECT (SELECT rollup(s) FROM county_states)::text = (SELECT ytd_agg(period, value) FROM readings)::text AS rollup_equal,
	ytd_value((SELECT rollup(s) FROM county_states), '2024-09-30') AS city_sep;
-- city as of 2024-09: A 1350 + B 9*50 + C 9*10 = 1890.

-- Zero rows, and rows that are all NULL, give NULL.
SELECT ytd_agg(period, value) IS NULL AS none, ytd_growth(period, value, '2024-01-01') IS NULL AS none1
FROM readings WHERE false;
SELECT ytd_agg(period, value) IS NULL AS all_null FROM readings WHERE value IS NULL;

-- January-February convention: 2024 has no January, February = Jan+Feb.
-- 2023: Jan 100, Feb 120, Mar 130; 2024: Feb 250, Mar 140.
-- As of 2024-02: 250 / 220 - 1 = 13.6363636364%; as of 2024-03: 390 / 350 - 1 = 11.4285714286%.
-- As of 2024-01 January is missing in 2024.
SELECT m, ytd_value(s, d) AS value, ytd_prior(s, d) AS prior,
	round(ytd_growth(s, d)::numeric, 10) AS growth, ytd_missing(s, d) AS missing
FROM (SELECT 'monthly{2023-01:100,2023-02:120,2023-03:130,2024-02:250,2024-03:140}'::ytd s) q,
	generate_series(1, 3) m, make_date(2024, m, 1) d;
-- Both years combined: not a gap either (as of 2024-02: 260 / 220 - 1 = 18.1818181818%).
SELECT round(ytd_growth('monthly{2023-02:220,2024-02:260}', '2024-02-01')::numeric, 10) AS growth,
	ytd_missing('monthly{2023-02:220,2024-02:260}', '2024-02-01') AS missing;
-- January and February both missing: both are gaps.
SELECT ytd_growth(s, '2024-03-01'), ytd_missing(s, '2024-03-01')
FROM (SELECT 'monthly{2023-01:1,2023-02:1,2023-03:1,2024-03:1}'::ytd s) q;

-- A missing month in one year only: 2023 lacks May.  Before May the
-- comparison is made (as of April: 2024 = 4*11 = 44, 2023 = 4*10 = 40, 10%).
SELECT m, round(ytd_growth(s, make_date(2024, m, 1))::numeric, 10) AS growth,
	ytd_missing(s, make_date(2024, m, 1)) AS missing,
	ytd_value(s, make_date(2024, m, 1)) AS value, ytd_prior(s, make_date(2024, m, 1)) AS prior
FROM (SELECT ytd_agg(make_date(y, m, 1), CASE y WHEN 2023 THEN 10 ELSE 11 END) s
	  FROM generate_series(2023, 2024) y, generate_series(1, 6) m
	  WHERE NOT (y = 2023 AND m = 5)) q, generate_series(4, 6) m;

-- A zero or negative base gives NULL, not infinity.
SELECT ytd_growth('monthly{2023-01:0,2024-01:5}', '2024-01-01') AS zero_base,
	ytd_growth('monthly{2023-01:-4,2024-01:5}', '2024-01-01') AS negative_base,
	ytd_growth('monthly{2023-01:4,2024-01:-5}', '2024-01-01') AS negative_now;
-- negative_now: -5/4 - 1 = -225%.

-- Leap years: 2024-02-29 is February; as of 2025-02-28 February is compared
-- with February 2024 (Jan 10 + Feb 30 = 40 against Jan 10 + Feb 20 = 30: 33.33%).
SELECT ytd_agg(p, v)::text AS s,
	round(ytd_growth(ytd_agg(p, v), '2025-02-28')::numeric, 10) AS growth,
	ytd_value(ytd_agg(p, v), '2024-02-29') AS feb_2024
FROM (VALUES ('2024-01-31'::date, 10::float8), ('2024-02-29', 20),
	  ('2025-01-01', 10), ('2025-02-28', 30)) r(p, v);

-- Stocks: the level at the month against the same month a year before.
-- Deposits: Sep 2023 = 800 + 200 (two banks), Sep 2024 = 900 + 250: 1150/1000 - 1 = 15%.
SELECT ytd_level(s, '2024-09-30') AS level, ytd_level(s, '2023-09-01') AS level_before,
	round(ytd_level_growth(s, '2024-09-30')::numeric, 10) AS growth,
	ytd_level(s, '2024-08-01') AS aug, ytd_missing(s, '2024-08-01', 'level') AS missing
FROM (SELECT ytd_agg(p, v) s FROM (VALUES ('2023-09-30'::date, 800::float8), ('2023-09-30', 200),
	  ('2024-09-30', 900), ('2024-09-30', 250), ('2024-08-31', 1100)) r(p, v)) q;

-- Rates: one reading per month, compared in percentage points.
-- Urbanisation: Sep 2023 61.2, Sep 2024 61.9: +0.7pp.
SELECT s, ytd_level(s, '2024-09-01') AS level,
	round(ytd_change(s, '2024-09-01')::numeric, 10) AS change_pp,
	ytd_change(s, '2024-10-01') AS oct, ytd_missing(s, '2024-10-01') AS missing
FROM (SELECT ytd_rate_agg(p, v) s FROM (VALUES ('2023-09-01'::date, 61.2::float8),
	  ('2024-09-15', 61.9)) r(p, v)) q;
-- A second reading of a rate for one month cannot be added.
SELECT ytd_rate_agg(p, v) FROM (VALUES ('2024-09-01'::date, 61.2::float8), ('2024-09-30', 61.9)) r(p, v);
\echo :LAST_ERROR_SQLSTATE
SELECT rollup(s) FROM (VALUES ('rate{2024-09:61.2}'::ytd), ('rate{2024-09:70}')) r(s);
\echo :LAST_ERROR_SQLSTATE
SELECT ytd_value('rate{2024-09:61.2}', '2024-09-01');
\echo :LAST_ERROR_SQLSTATE
SELECT ytd_change('monthly{2024-09:61.2}', '2024-09-01');
\echo :LAST_ERROR_SQLSTATE
SELECT ytd_level('cumulative{2024-09:61.2}', '2024-09-01');
\echo :LAST_ERROR_SQLSTATE

-- Cumulative readings (1-N月), with January missing (reported with February).
-- Built from county A's monthly rows; the growth must equal the monthly one.
CREATE TABLE cumulative AS
SELECT period, sum(value) OVER (PARTITION BY extract(year FROM period) ORDER BY period) AS value
FROM readings WHERE unit = 'A' AND period IS NOT NULL AND value IS NOT NULL;
DELETE FROM cumulative WHERE extract(month FROM period) = 1;
SELECT m, ytd_value(c, d) AS value, ytd_prior(c, d) AS prior,
	round(ytd_growth(c, d)::numeric, 10) = round(ytd_growth(a, d)::numeric, 10) AS same_growth,
	ytd_missing(c, d) AS missing
FROM (SELECT ytd_cumulative_agg(period, value) c FROM cumulative) q1,
	(SELECT ytd_agg(period, value) a FROM readings WHERE unit = 'A') q2,
	generate_series(1, 3) m, make_date(2024, m, 1) d;
-- As of 2024-02: 110+120 = 230 against 100+110 = 210; as of 2024-03: 360 against 330.
-- The value of each month alone (当月值) from the cumulative readings equals
-- county A's monthly reading, except January (missing) and February, which
-- stands for January too: both NULL.
SELECT m, ytd_month_value(c, make_date(2024, m, 1)) AS from_cumulative,
	ytd_month_value(a, make_date(2024, m, 1)) AS monthly
FROM (SELECT ytd_cumulative_agg(period, value) c FROM cumulative) q1,
	(SELECT ytd_agg(period, value) a FROM readings WHERE unit = 'A') q2,
	generate_series(1, 4) m;
-- Cumulative rows of several units for the same month add up: 230 + 20.
SELECT ytd_value(ytd_cumulative_agg(p, v), '2024-02-01')
FROM (VALUES ('2024-02-29'::date, 230::float8), ('2024-02-01', 20)) r(p, v);

-- Mixing kinds in one state is an error.
SELECT ytd_agg(p, v, k) FROM (VALUES ('2024-01-01'::date, 1::float8, 'monthly'),
	('2024-02-01', 2, 'cumulative')) r(p, v, k);
\echo :LAST_ERROR_SQLSTATE
SELECT rollup(s) FROM (VALUES ('monthly{2024-01:1}'::ytd), ('cumulative{2024-02:2}')) r(s);
\echo :LAST_ERROR_SQLSTATE
SELECT ytd_agg(p, v, 'weekly') FROM (VALUES ('2024-01-01'::date, 1::float8)) r(p, v);
\echo :LAST_ERROR_SQLSTATE
SELECT ytd_agg(p, v, k)::text FROM (VALUES ('2024-01-01'::date, 1::float8, 'rate'),
	('2024-02-01', 2, 'rate')) r(p, v, k);
-- The one-step aggregates need one as-of month per group.
SELECT ytd_growth(p, v, a) FROM (VALUES ('2024-01-01'::date, 1::float8, '2024-09-01'::date),
	('2024-02-01', 2, '2024-10-01')) r(p, v, a);
\echo :LAST_ERROR_SQLSTATE
SELECT ytd_growth(p, v, a) FROM (VALUES ('2023-01-01'::date, 1::float8, '2024-01-01'::date),
	('2024-01-01', 2, '2024-01-31')) r(p, v, a);

-- Non-finite readings and dates outside years 1..9999 are rejected.
SELECT ytd_agg(p, v) FROM (VALUES ('2024-01-01'::date, 'infinity'::float8)) r(p, v);
\echo :LAST_ERROR_SQLSTATE
SELECT ytd_agg(p, v) FROM (VALUES ('2024-01-01'::date, 'NaN'::float8)) r(p, v);
\echo :LAST_ERROR_SQLSTATE
-- Readings too large to hold as exact decimals (1.7e20 and up) make their
-- month's sum unknown: no error, and no figure from it.
SELECT ytd_agg(p, v) FROM (VALUES ('2024-01-01'::date, 1e308::float8), ('2024-01-02', 1e308)) r(p, v);
\echo :LAST_ERROR_SQLSTATE
SELECT ytd_agg(p, v) FROM (VALUES ('infinity'::date, 1::float8)) r(p, v);
\echo :LAST_ERROR_SQLSTATE
SELECT ytd_value('monthly{}', '10000-01-01');
\echo :LAST_ERROR_SQLSTATE
SELECT ytd_missing('monthly{2024-01:1}', '2024-01-01', 'growth');
\echo :LAST_ERROR_SQLSTATE

-- Outside an aggregate the transition function does not change its input.
SELECT s, ytd_monthly_trans(s, '2024-01-20', 5) AS added
FROM (SELECT 'monthly{2024-01:1}'::ytd s) q;

-- The state stays 232 bytes over two years however many rows it takes.
SELECT count(*) AS rows, pg_column_size(ytd_agg(make_date(2023 + i % 2, 1 + i % 12, 1), i)) AS bytes
FROM generate_series(1, 100000) i;

-- States shipped as text (as Citus ships partial states) and rolled up give
-- the same city state as the aggregate over the rows.
SELECT rollup(s::text::ytd)::text = (SELECT ytd_agg(period, value) FROM readings)::text AS via_text
FROM county_states;
-- The kind named per row builds the same state as the dedicated aggregates.
SELECT (SELECT ytd_agg(period, value, 'cumulative') FROM cumulative)::text
	= (SELECT ytd_cumulative_agg(period, value) FROM cumulative)::text AS same_cumulative,
	ytd_kind((SELECT ytd_cumulative_agg(period, value) FROM cumulative)) AS kind;
-- As a window aggregate: the running state after each month of county B
-- in 2024 (50 a month), read as of that month.
SELECT period, ytd_value(ytd_agg(period, value) OVER (ORDER BY period), period) AS running
FROM readings WHERE unit = 'B' AND period >= '2024-01-01' AND period < '2024-04-01';
-- ytd_level_growth is not defined for rates, which compare in points.
SELECT ytd_level_growth('rate{2023-09:61.2,2024-09:61.9}', '2024-09-01');
\echo :LAST_ERROR_SQLSTATE

-- Every ytd function is IMMUTABLE and PARALLEL SAFE (postgres_fdw and Citus
-- ship only immutable functions), and every aggregate has a combine function.
SELECT count(*) AS functions,
	count(*) FILTER (WHERE provolatile = 'i' AND proparallel = 's') AS immutable_parallel_safe
FROM pg_proc WHERE pronamespace = (SELECT extnamespace FROM pg_extension WHERE extname = 'scorecard') AND (proname LIKE 'ytd%' OR (proname = 'rollup' AND proargtypes[0] = 'ytd'::regtype));
SELECT count(*) AS aggregates, count(*) FILTER (WHERE aggcombinefn <> 0) AS with_combine
FROM pg_aggregate a JOIN pg_proc p ON p.oid = a.aggfnoid
WHERE pronamespace = (SELECT extnamespace FROM pg_extension WHERE extname = 'scorecard') AND (proname LIKE 'ytd%' OR (proname = 'rollup' AND proargtypes[0] = 'ytd'::regtype));
