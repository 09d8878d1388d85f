-- Bounds (issue 19): the loader refuses absurd magnitudes, far months and
-- figures that are not decimals (the plan's owner may relax the bounds in
-- plan_setting); one county's absurd readings never break progress(), a
-- run or the report for the others, and nothing stored is infinite; a far
-- month never moves the latest month the views show; runs refuse what
-- would store an empty or infinite run.
SET client_min_messages = warning;
CREATE EXTENSION IF NOT EXISTS scorecard_plan;
CREATE EXTENSION IF NOT EXISTS scorecard_report;
SET search_path = scorecard, public;
\set SHOW_CONTEXT never
TRUNCATE action, unit, indicator, plan_target, reading, task, assessment_run, plan_setting CASCADE;
INSERT INTO action VALUES (1, '行动一', 'action one', NULL);
INSERT INTO unit (unit_id, name_zh, name_en, kind, parent_id, sort_order) VALUES
	('c', '市', 'City', 'city', NULL, 0), ('a', '甲县', 'County A', 'county', 'c', 1),
	('b', '乙县', 'County B', 'county', 'c', 2);
-- gdp and new firms (flows), the counties with last-twelve-month GDP over
-- 100 (derived), rural income against urban income (a relative target).
INSERT INTO indicator (indicator_id, code, action_id, name_zh, name_en, nature, measure_unit,
		derived_from, derived_threshold) VALUES
	(1, 'gdp', 1, '地区生产总值', 'GDP', 'flow', '亿元', NULL, NULL),
	(2, 'firms', 1, '新增企业', 'new firms', 'flow', '家', NULL, NULL),
	(3, 'big', 1, 'GDP超百亿县', 'counties over 100', 'stock', '个', 1, 100),
	(4, 'rural', 1, '农村居民收入', 'rural income', 'flow', '元', NULL, NULL),
	(5, 'urban', 1, '城镇居民收入', 'urban income', 'flow', '元', NULL, NULL);
INSERT INTO plan_target (indicator_id, unit_id, year, target, weight, reference_indicator_id) VALUES
	(1, 'c', 2024, 'growth >= 5%', 10, NULL), (1, 'a', 2024, 'growth >= 5%', 10, NULL),
	(1, 'b', 2024, 'growth >= 5%', 10, NULL),
	(2, 'c', 2024, 'level >= 20', 10, NULL), (2, 'a', 2024, 'level >= 10', 10, NULL),
	(2, 'b', 2024, 'level >= 10', 10, NULL),
	(3, 'c', 2024, 'level >= 1', 10, NULL),
	(4, 'a', 2024, 'growth >= reference', 10, 5), (4, 'b', 2024, 'growth >= reference', 10, 5);
-- Monthly readings January 2023 to September 2024: gdp a 10 then 11, b 20
-- then 21 a month; firms a 1, b 2; rural a 100 then 106, b 100 then 104;
-- urban 100 then 105.
INSERT INTO reading (indicator_id, unit_id, month, value, recorded_at)
SELECT v.indicator_id, v.unit_id, m::date, CASE WHEN m < '2024-01-01' THEN v.y23 ELSE v.y24 END, '2024-10-10'
FROM (VALUES (1, 'a', 10, 11), (1, 'b', 20, 21), (2, 'a', 1, 1), (2, 'b', 2, 2),
	(4, 'a', 100, 106), (4, 'b', 100, 104), (5, 'a', 100, 105), (5, 'b', 100, 105)) v(indicator_id, unit_id, y23, y24)
CROSS JOIN generate_series('2023-01-01'::date, '2024-09-01', '1 month') m;
CALL run_assessment(2024) \gset
SELECT latest_as_of();

-- The settings in force: the defaults while plan_setting has no row.
SELECT * FROM plan_setting_in_force;

-- 1. The loader refuses a value beyond 1e15 in magnitude, a reported
-- growth beyond 1e5 %, a hexadecimal figure, a month after the current
-- one, a month before 2019 (five years before the first year with
-- targets); keys are trimmed of a BOM, tabs and no-break spaces (lines 5
-- and 6 load), and a zero-width space inside a key is named.  (The current
-- month in the messages is replaced by YYYY-MM, or not shown.)
SELECT begin_load();
INSERT INTO reading_staging (indicator, unit, month, value, reported_growth) VALUES
	('gdp', 'a', '2023-12', '1e308', NULL),
	('gdp', 'b', '2024-05', '21', '1e300'),
	('firms', 'a', '2024-05', '0x10', NULL),
	('gdp', 'b', '2100-12', '1', NULL),
	(E'\ufeffgdp', E'a\t', '2024-01', '11', NULL),
	(E'\tgdp\u00a0', E'\u00a0b\u3000', E'2024-02\u200b', E' 21\ufeff', NULL),
	(E'gd\u200bp', 'a', '2024-02', '11', NULL),
	('gdp', 'a', '2018-12', '1', NULL),
	('gdp', 'a', '2019-01', '-1e15', '-1e5');
SELECT line, staging_visible(indicator) AS indicator, unit,
	regexp_replace(reason, 'current month, \d{4}-\d{2}', 'current month, YYYY-MM') AS reason
FROM check_readings(header => false);
SELECT line, indicator, unit, month, value, indicator_id, unit_id, m, v FROM staged_readings(header => false) WHERE line IN (5, 6);
SELECT count(*) AS readings FROM reading;
\set VERBOSITY terse
SELECT * FROM load_readings(header => false);
\set VERBOSITY default
\echo :LAST_ERROR_SQLSTATE
SELECT count(*) AS readings_unchanged FROM reading;
-- A decimal with an exponent still loads; hexadecimal, inf and nan never.
SELECT staging_float(' 1e3 ') AS decimal, staging_float('0x10') AS hex, staging_float('-0X1p4') AS hex_exponent,
	staging_float('inf') AS inf, staging_float('1e400') AS overflow;
-- The trim takes the vertical tab and never a letter: E'\v' is no escape
-- of PostgreSQL's but the letter v, which the set written out before 0.3.0
-- held, so that "12v" loaded as 12 and a key lost a final v.
SELECT staging_trim(E'\x0b12\x0b') AS vertical_tab, staging_trim('vgdpv') AS letters_kept,
	staging_float('12v') AS not_a_figure;

-- 2. The plan's owner raises the bound: a county loads gdp 1e308 for
-- 2023-12 and 2024-09.  County b's rows of progress() and of the run are
-- those of before, figures to the last bit.
CREATE TEMP TABLE b_before AS SELECT * FROM progress('2024-09-30') WHERE unit_id = 'b';
CREATE TEMP TABLE b_run_before AS
	SELECT i.indicator_id, i.actual, i.attainment, i.points FROM assessment_run_item i WHERE i.unit_id = 'b';
INSERT INTO plan_setting (value_bound, growth_bound) VALUES (1.7976931348623157e308, 1e300);
SELECT * FROM plan_setting_in_force;
SELECT begin_load();
INSERT INTO reading_staging (indicator, unit, month, value) VALUES
	('gdp', 'a', '2023-12', '1e308'), ('gdp', 'a', '2024-09', '1e308');
SELECT * FROM load_readings(header => false);
-- progress() works; county a's figures are finite.  The city counts both
-- counties as over 100: a's last twelve months (1e308 + 1e308 + 33 - 90)
-- leave the float8 range, not the count.  The city's September adds a's
-- 1e308 (beyond the decimals a ytd state holds exactly) to b's readings:
-- a sum not known exactly, so no figure for the city, with a note.
SELECT unit_id, indicator_id, value, growth, actual, met, note FROM progress('2024-09-30')
WHERE indicator_id IN (1, 3) ORDER BY unit_id, indicator_id;
SELECT count(*) AS b_rows_changed FROM (
	(SELECT * FROM b_before EXCEPT SELECT * FROM progress('2024-09-30') WHERE unit_id = 'b')
	UNION ALL (SELECT * FROM progress('2024-09-30') WHERE unit_id = 'b' EXCEPT SELECT * FROM b_before)) x;
-- The run and the report work.
CALL run_assessment(2024) \gset
SELECT count(*) AS b_items_changed FROM (
	SELECT i.indicator_id, i.actual, i.attainment, i.points FROM assessment_run_item i WHERE i.unit_id = 'b'
	EXCEPT SELECT * FROM b_run_before) x;
SELECT length(progress_report_html('2024-09-30', 'c')) > 1000 AS report_made;

-- 3. County a's rural income: a reported growth of 1e300 % against urban
-- income's 1e-300 % (stored as a loader with the bound raised would store
-- it).  Its attainment, 1e600, is no float8: NULL, with a note, in
-- progress() and in the stored run; b's items are as before.
INSERT INTO reading (indicator_id, unit_id, month, value, reported_growth, revision, recorded_at) VALUES
	(4, 'a', '2024-09-01', 106, 1e300, 2, '2024-10-11'), (5, 'a', '2024-09-01', 105, 1e-300, 2, '2024-10-11');
SELECT unit_id, actual, reference, met, gap, attainment, note FROM progress('2024-09-30') WHERE indicator_id = 4 ORDER BY unit_id;
CALL run_assessment(2024) \gset
SELECT unit_id, actual, reference, met, attainment, points FROM assessment_run_item WHERE indicator_id = 4 ORDER BY unit_id;
SELECT count(*) AS b_items_changed FROM (
	SELECT i.indicator_id, i.actual, i.attainment, i.points FROM assessment_run_item i WHERE i.unit_id = 'b'
	EXCEPT SELECT * FROM b_run_before) x;
-- Nothing stored is infinite.
SELECT (SELECT count(*) FROM assessment_run_item WHERE 'Infinity' IN (abs(actual), abs(reference), abs(attainment), abs(points)))
     + (SELECT count(*) FROM assessment_run_progress WHERE 'Infinity' IN (abs(value), abs(growth), abs(actual), abs(gap), abs(attainment), abs(time_progress)))
     + (SELECT count(*) FROM assessment_run_unit WHERE 'Infinity' IN (abs(total), abs(score), abs(weight), abs(applicable_weight)))
	AS infinite_figures;
DELETE FROM reading WHERE revision = 2;
DELETE FROM reading WHERE value = 1e308;
DELETE FROM plan_setting;

-- 4. A far month never moves the latest month the views show.  Allowed by
-- the owner, a county loads gdp for 2100-12: latest_as_of() stays
-- 2024-09-30 and the latest views keep their rows; so it does for a
-- reading of 2099 stored directly (as before the loader refused them) and
-- with a target of 2100 (then the current month bounds it).
CREATE TEMP TABLE latest_before AS SELECT (SELECT count(*) FROM progress_latest) AS progress,
	(SELECT count(*) FROM unit_assessment_latest) AS assessment;
SELECT * FROM latest_before;
INSERT INTO plan_setting (future_months) VALUES (true);
SELECT begin_load();
INSERT INTO reading_staging (indicator, unit, month, value) VALUES ('gdp', 'b', '2100-12', '1');
SELECT * FROM load_readings(header => false);
INSERT INTO reading (indicator_id, unit_id, month, value) VALUES (1, 'a', '2099-01-01', 5);
SELECT latest_as_of(), (SELECT count(*) FROM progress_latest) AS progress,
	(SELECT count(*) FROM unit_assessment_latest) AS assessment;
INSERT INTO plan_target (indicator_id, unit_id, year, target) VALUES (1, 'b', 2100, 'growth >= 5%');
SELECT latest_as_of();
SELECT latest_as_of('2024-10-10 12:00') AS as_recorded_then;
DELETE FROM plan_target WHERE year = 2100;
DELETE FROM reading WHERE month >= '2099-01-01';
DELETE FROM plan_setting;

-- 5. Runs.  An infinite as-of date: 22008.  An explicit as-of date with a
-- recorded_as_of before any reading: P0002, and the published run of that
-- date stays.  A year with readings but no targets: P0002, no run.
CALL run_assessment(2024, 'infinity');
\echo :LAST_ERROR_SQLSTATE
CALL run_assessment(2024, '2024-06-30') \gset
SELECT as_of, readings_used, readings_digest FROM assessment_run WHERE as_of = '2024-06-30' \gset before_
CALL run_assessment(2024, '2024-06-30', '2024-01-01');
\echo :LAST_ERROR_SQLSTATE
SELECT readings_used = :before_readings_used AND readings_digest = :'before_readings_digest' AS published_run_kept,
	(SELECT count(*) FROM assessment_run_unit u WHERE u.run_id = r.run_id) AS units
FROM assessment_run r WHERE as_of = '2024-06-30';
CALL run_assessment(2023);
\echo :LAST_ERROR_SQLSTATE
SELECT count(*) AS runs_of_2023 FROM assessment_run WHERE year = 2023;

-- 6. Types.  A threshold below the float8 range is refused as one above
-- it is (22003).  (Gaps and attainments out of range: sql/overflow.sql.)
SELECT 'growth >= 7e-400%'::target;
\echo :LAST_ERROR_SQLSTATE
SELECT 'growth >= 7e400%'::target;
\echo :LAST_ERROR_SQLSTATE
SELECT 'level >= 5e-324'::target AS subnormal, 'growth >= 0e-400%'::target AS zero;
-- A ytd state spans at most 200 years: the 28 bytes of
-- 'monthly{0001-01:1,9999-12:1}' would make a state of 1 MB (54000).
SELECT 'monthly{0001-01:1,9999-12:1}'::ytd;
\echo :LAST_ERROR_SQLSTATE
SELECT pg_column_size('monthly{1900-01:1,2099-12:1}'::ytd) AS size_of_200_years;
SELECT ytd_agg(m, 1) FROM (VALUES ('1900-01-01'::date), ('2100-01-01')) v(m);
\echo :LAST_ERROR_SQLSTATE
SELECT rollup(s) FROM (VALUES ('monthly{1900-01:1}'::ytd), ('monthly{2100-01:1}')) v(s);
\echo :LAST_ERROR_SQLSTATE

-- 7. Two counties' readings of 1e308 for the same month (the bound raised):
-- the city's roll-up would leave the float8 range.  It is NULL with a
-- note, not an error for everyone; the counties' own figures stand, and
-- the run and the report work.
INSERT INTO plan_setting (value_bound) VALUES (1.7976931348623157e308);
SELECT begin_load();
INSERT INTO reading_staging (indicator, unit, month, value) VALUES
	('gdp', 'a', '2024-09', '1e308'), ('gdp', 'b', '2024-09', '1e308');
SELECT * FROM load_readings(header => false);
SELECT unit_id, value, growth, met, note FROM progress('2024-09-30') WHERE indicator_id = 1 ORDER BY unit_id;
SELECT unit_id, actual FROM progress('2024-09-30') WHERE indicator_id = 3;
CALL run_assessment(2024) \gset
SELECT unit_id, actual, points FROM assessment_run_item
WHERE indicator_id = 1 AND run_id = (SELECT max(run_id) FROM assessment_run) ORDER BY unit_id;
SELECT length(progress_report_html('2024-09-30', 'c')) > 1000 AS report_made;
DELETE FROM reading WHERE value = 1e308;
DELETE FROM plan_setting;

-- 8. One reading of 1e307 new firms (a level target, drawn as a bar in the
-- report): the report's share of the target done, 100 x 1e307 / 20, is
-- computed in numeric, not as an overflowing float8.  (The city's sum of
-- 1e307 and b's readings is not known exactly: no figure.)
INSERT INTO plan_setting (value_bound) VALUES (1e307);
SELECT begin_load();
INSERT INTO reading_staging (indicator, unit, month, value) VALUES ('firms', 'a', '2024-09', '1e307');
SELECT * FROM load_readings(header => false);
SELECT unit_id, value, schedule_gap, status FROM progress('2024-09-30') WHERE indicator_id = 2 ORDER BY unit_id;
SELECT length(progress_report_html('2024-09-30', 'c')) > 1000 AS report_made;
DELETE FROM reading WHERE value = 1e307;
DELETE FROM plan_setting;

-- 9. Tiny figures within the default bounds: county a loads gdp 1e-320 for
-- September 2024 (so small that 0.01 of it, or a ratio to it, leaves the
-- float8 range) and the city its own gdp of 0 against its counties' 1e-320
-- and 21.  The review runs for everyone: a's month jump (1e-320 is below
-- a third of August's 11) with its ratio computed in numeric, and the
-- city's 0 against its children's sum in words (no percentage of 0; it
-- was a division by zero).
SELECT begin_load();
INSERT INTO reading_staging (indicator, unit, month, value) VALUES ('gdp', 'a', '2024-09', '1e-320'), ('gdp', 'c', '2024-09', '0');
SELECT * FROM load_readings(header => false);
SELECT unit_id, rule, detail FROM data_review('2024-09-30') WHERE indicator_id = 1 AND month = '2024-09-01' ORDER BY 1, 2;
SELECT count(*) > 0 AS review_runs FROM data_review_latest;
DELETE FROM reading WHERE indicator_id = 1 AND month = '2024-09-01' AND (unit_id = 'c' OR revision > 1);

-- 10. Figures near the float8 limit, where the plan's owner raised the
-- bound to 1.7e308: county a loads gdp 1.7e308 for August 2024 and 1e307
-- for September, b 1.7e308 for September, the city its own 1 for
-- September; and the city its own 1.7e308 new firms for September, where
-- a and b have 1 and 2.  A's year to date, the city's children's sum of
-- gdp and 3 x 1.7e308 would all leave the float8 range.  The review runs
-- for everyone, in the load (its WARNING lists the findings) and alone:
-- the three month jumps, with ratios in numeric (1.7e308 / 11 = 1.55e307,
-- 1e307 / 1.7e308 = 0.0588, 1.7e308 / 21 = 8.10e306), no gdp sum compared
-- (no parent_vs_children for the city's gdp, no growth), and the city's
-- firms against its children's 3: (1.7e308 - 3) / 1.7e308 = 100% of its
-- value, in numeric; the report is made.
INSERT INTO plan_setting (value_bound) VALUES (1.7e308);
SELECT begin_load();
INSERT INTO reading_staging (indicator, unit, month, value) VALUES
	('gdp', 'a', '2024-08', '1.7e308'), ('gdp', 'a', '2024-09', '1e307'),
	('gdp', 'b', '2024-09', '1.7e308'), ('gdp', 'c', '2024-09', '1'), ('firms', 'c', '2024-09', '1.7e308');
SELECT * FROM load_readings(header => false);
SELECT indicator_id, unit_id, month, rule, detail FROM data_review('2024-09-30')
WHERE indicator_id IN (1, 2) AND month >= '2024-08-01' ORDER BY 1, 2, 3, 4;
SELECT length(progress_report_html('2024-09-30', 'c')) > 1000 AS report_made;
DELETE FROM reading WHERE indicator_id IN (1, 2) AND month >= '2024-08-01' AND (unit_id = 'c' OR revision > 1);
DELETE FROM plan_setting;
