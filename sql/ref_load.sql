-- The CSV loader: a file with bad rows loads nothing and reports each bad
-- row with its line (the header is line 1) and reason; a good file loads;
-- loading it again changes nothing; a correction becomes a new revision and
-- the old one stays, visible as of its recorded time.
\i sql/fixtures/plan_session.sql
\i sql/fixtures/load_plan.sql

-- This session's staging table.
SELECT begin_load();

-- Line 4 names an unknown indicator; line 5 a month that is not a month and
-- a value that is not a number; line 6 repeats line 2's key; line 7 a growth
-- that is not a number.
COPY reading_staging (indicator, unit, month, value, reported_growth, source) FROM stdin WITH (FORMAT csv, HEADER true);
indicator,unit,month,value,reported_growth,source
sales,a,2024-01,10,,bureau
sales,a,2024-02,11,,bureau
retail,a,2024-03,12,,bureau
sales,a,2024-13,abc,,bureau
sales,a,2024-01-01,10,,bureau
2,a,2024-01,100,n/a,bureau
2,x,2024-01-15,,,bureau
\.
SELECT * FROM check_readings();
SELECT * FROM load_readings();
SELECT count(*) AS readings FROM reading;
SELECT count(*) AS staged FROM reading_staging;   -- kept for fixing

-- The good rows alone load, recorded at a given time.
SELECT begin_load();   -- empties it
COPY reading_staging (indicator, unit, month, value, reported_growth, source) FROM stdin WITH (FORMAT csv, HEADER true);
indicator,unit,month,value,reported_growth,source
sales,a,2024-01,10,,bureau
sales,a,2024-02,11,,bureau
gdp,a,2024-03-01,100,5.2,bureau
\.
SELECT * FROM check_readings();
SELECT * FROM load_readings(recorded_at => '2024-04-10 09:00+00');
SELECT count(*) AS staged FROM reading_staging;

-- The same file again: nothing new.
COPY reading_staging (indicator, unit, month, value, reported_growth, source) FROM stdin WITH (FORMAT csv, HEADER true);
indicator,unit,month,value,reported_growth,source
sales,a,2024-01,10,,bureau
sales,a,2024-02,11,,bureau
gdp,a,2024-03-01,100,5.2,bureau
\.
SELECT * FROM load_readings(recorded_at => '2024-04-11 09:00+00');

-- A correction of February and of GDP's reported growth: new revisions.
COPY reading_staging (indicator, unit, month, value, reported_growth, source) FROM stdin WITH (FORMAT csv, HEADER true);
indicator,unit,month,value,reported_growth,source
sales,a,2024-02,11.5,,bureau (revised)
gdp,a,2024-03,100,5.4,bureau (revised)
\.
SELECT * FROM load_readings(recorded_at => '2024-05-10 09:00+00');
SELECT indicator_id, unit_id, month, value, reported_growth, revision, recorded_at, source
FROM reading ORDER BY indicator_id, month, revision;
-- In force now: the latest revisions.
SELECT indicator_id, month, value, reported_growth, revision FROM reading_current ORDER BY 1, 2;
-- As recorded on 1 May: the first figures.
SELECT indicator_id, month, value, reported_growth, revision FROM readings('2024-05-01 00:00+00') ORDER BY 1, 2;
-- As recorded before anything was loaded: nothing.
SELECT count(*) FROM readings('2024-01-01 00:00+00');

-- One load of every kind of row, counted by hand against the rows in force
-- (sales January 10 revision 1, February 11.5 revision 2, GDP March 100
-- with 5.4 revision 2): January 10 again is unchanged; February 12 and
-- March's GDP without a reported growth (NULL is not 5.4) are revision 3;
-- sales April and GDP February are new (revision 1): 2 inserted, 2
-- revised, 1 unchanged, and 4 rows recorded at 2024-05-20.
SELECT begin_load();
COPY reading_staging (indicator, unit, month, value, reported_growth, source) FROM stdin WITH (FORMAT csv, HEADER true);
indicator,unit,month,value,reported_growth,source
sales,a,2024-01,10,,bureau
sales,a,2024-02,12,,bureau
gdp,a,2024-03,100,,bureau
sales,a,2024-04,13,,bureau
gdp,a,2024-02,90,,bureau
\.
SELECT * FROM load_readings(recorded_at => '2024-05-20 09:00+00');
SELECT indicator_id, month, value, reported_growth, revision FROM reading
WHERE recorded_at = '2024-05-20 09:00+00' ORDER BY 1, 2;

-- A file without a header counts its first row as line 1.
COPY reading_staging (indicator, unit, month, value) FROM stdin WITH (FORMAT csv);
sales,a,2024-03,x
\.
SELECT line, reason FROM check_readings(header => false);
SELECT * FROM load_readings(header => false);

-- An indicator is named by its code first, then by its id: indicator 3's
-- code is "1", so "1" means indicator 3, not indicator 1 (whose code is
-- "sales"); "2" is no code, so it is indicator 2's id.  Before, a code equal
-- to another indicator's id failed with "more than one row returned".
INSERT INTO indicator (indicator_id, code, name_zh, name_en, nature) VALUES (3, '1', '指标三', 'indicator three', 'flow');
SELECT begin_load();
COPY reading_staging (indicator, unit, month, value) FROM stdin WITH (FORMAT csv);
1,a,2024-06,30
2,a,2024-06,20
sales,a,2024-06,10
\.
SELECT * FROM check_readings(header => false);
SELECT * FROM load_readings(header => false);
SELECT indicator_id, value FROM reading WHERE month = '2024-06-01' ORDER BY indicator_id;

-- Lines are the file's (the header is line 1): the quoted source of the
-- row on line 3 spans lines 3-5, so the bad month is on line 6; the row
-- with the bad value "x" starts on line 7 and its source ends on line 8,
-- so "oops" is on line 9.  (Counting records would say 4, 5 and 6.)
SELECT begin_load();
COPY reading_staging (indicator, unit, month, value, reported_growth, source) FROM stdin WITH (FORMAT csv, HEADER true);
indicator,unit,month,value,reported_growth,source
sales,a,2024-07,1,,one line
sales,a,2024-08,2,,"three
lines
here"
sales,a,2024-13,3,,bad month
sales,a,2024-10,x,,"bad value, two
lines"
sales,a,2024-11,oops,,bad value again
\.
SELECT line, reason FROM check_readings();

-- Month and number forms, parsed in the query (common forms) or by the
-- staging_* functions (the rest): 2024/3 and " 2024-03 " are March; 2024-00
-- and 0000-01 are not months; 1e3 is 1000, +.5 is 0.5, 1e400 is not finite.
SELECT begin_load();
INSERT INTO reading_staging (indicator, unit, month, value, reported_growth) VALUES
	('sales', 'a', '2024/3', ' 1e3 ', '+.5'), ('gdp', 'a', ' 2024-03 ', '-7.', NULL),
	('sales', 'a', '2024-00', '1', '1e400'), ('gdp', 'a', '0000-01', '.25', '');
SELECT line, m, v, g FROM staged_readings(header => false);
SELECT line, reason FROM check_readings(header => false);

-- Without begin_load() in this session: a clear error, not a missing relation.
\c
SET client_min_messages = warning;
SET search_path = scorecard, public;
SELECT * FROM check_readings();
SELECT * FROM load_readings();

-- Under REPEATABLE READ or SERIALIZABLE the load refuses (0A000) and loads
-- nothing: its snapshot would predate its lock (test/suites/concurrency.sh
-- shows the correction it would have dropped).
SELECT begin_load();
INSERT INTO reading_staging (indicator, unit, month, value) VALUES ('sales', 'a', '2024-12', '5');
BEGIN ISOLATION LEVEL REPEATABLE READ;
SELECT * FROM load_readings(header => false);
ROLLBACK;
BEGIN ISOLATION LEVEL SERIALIZABLE;
SELECT * FROM load_readings(header => false);
ROLLBACK;
SELECT count(*) AS december_readings FROM reading WHERE month = '2024-12-01';
SELECT * FROM load_readings(header => false);   -- READ COMMITTED: loads
SELECT count(*) AS staged FROM reading_staging;

-- What names an indicator: its code, else its id, else its Chinese name
-- when that is one indicator's; a unit: its id, else its Chinese name when
-- that is one unit's.  Indicator 4's Chinese name is "gdp", indicator 2's
-- code, so "gdp" is indicator 2; unit x's Chinese name is "a", unit a's id,
-- so "a" is unit a; 乙县 names both b and b2, so it names no unit.
-- By hand, line by line (no header): 1 指标三 = indicator 3 (its Chinese
-- name), 甲县 = a; 2 gdp = 2, a = a; 3 零售 = 1, 乙县 = none; 4 "3" = 3
-- (its id: no code "3"), 丙县 = b3; 5 four = 4 (its code), x = x; 6 某 =
-- none, 某 = none.
INSERT INTO unit (unit_id, name_zh, name_en, kind, parent_id) VALUES
	('b', '乙县', 'County B', 'county', 'c'), ('b2', '乙县', 'County B2', 'county', 'c'),
	('x', 'a', 'County X', 'county', 'c'), ('b3', '丙县', 'County B3', 'county', 'c');
INSERT INTO indicator (indicator_id, code, name_zh, name_en, nature) VALUES (4, 'four', 'gdp', 'four', 'flow');
SELECT begin_load();
INSERT INTO reading_staging (indicator, unit, month, value) VALUES
	('指标三', '甲县', '2024-05', '1'), ('gdp', 'a', '2024-05', '2'), ('零售', '乙县', '2024-05', '3'),
	('3', '丙县', '2024-05', '4'), ('four', 'x', '2024-05', '5'), ('某', '某', '2024-05', '6');
SELECT line, indicator, unit, indicator_id, unit_id FROM staged_readings(header => false);
TRUNCATE action, unit, indicator, plan_target, reading, task, assessment_run CASCADE;
