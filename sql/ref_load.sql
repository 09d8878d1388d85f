-- The CSV loader: a file with bad rows loads nothing and reports each bad
-- row with its line (the header is line 1) and reason; a good file loads;
-- loading it again changes nothing; a correction becomes a new revision and
-- the old one stays, visible as of its recorded time.
SET client_min_messages = warning;
CREATE EXTENSION IF NOT EXISTS scorecard_plan;
SET search_path = scorecard, public;
TRUNCATE action, unit, indicator, plan_target, reading, reading_staging, task, assessment_run CASCADE;
INSERT INTO unit (unit_id, name_zh, name_en, kind, parent_id) VALUES
	('c', '市', 'City', 'city', NULL), ('a', '甲县', 'County A', 'county', 'c');
INSERT INTO indicator (indicator_id, code, name_zh, name_en, nature) VALUES
	(1, 'sales', '零售', 'retail sales', 'flow'), (2, 'gdp', '地区生产总值', 'GDP', 'flow');

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
TRUNCATE reading_staging;
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

-- A file without a header counts its first row as line 1.
COPY reading_staging (indicator, unit, month, value) FROM stdin WITH (FORMAT csv);
sales,a,2024-03,x
\.
SELECT line, reason FROM check_readings(header => false);
SELECT * FROM load_readings(header => false);
TRUNCATE action, unit, indicator, plan_target, reading, reading_staging, task, assessment_run CASCADE;
