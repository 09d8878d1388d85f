-- check_readings then load_readings check a file once: the load takes the
-- rows check_readings checked (kept in pg_temp.reading_checked) while they
-- hold.  What shows which rows a load took: the checked rows edited by
-- hand to 99 after the check.  Taken as checked, 99 loads; checked again,
-- the staged value does.  Any change of the staged rows (UPDATE, INSERT,
-- DELETE, TRUNCATE, COPY), of the plan (a code, a bound), a trigger
-- disabled, a child table, another role or header, a rolled-back check,
-- or a table of checked rows dropped or without one row per staged row
-- makes the load check them again; check_readings itself always checks.
\i sql/fixtures/plan_session.sql
\i sql/fixtures/load_plan.sql
-- stage a file of one reading of indicator 1 and check it; edit the
-- checked value to 99; the readings of indicator 1 so far
SELECT begin_load();
CREATE FUNCTION pg_temp.stage(v text) RETURNS void LANGUAGE sql AS $$
	SELECT scorecard.begin_load();
	INSERT INTO pg_temp.reading_staging (indicator, unit, month, value) VALUES ('sales', 'a', '2024-01', v);
	SELECT count(*) FROM scorecard.check_readings(header => false);
$$;
CREATE FUNCTION pg_temp.edit_checked() RETURNS void LANGUAGE sql AS $$
	UPDATE pg_temp.reading_checked SET v = 99;
$$;
CREATE FUNCTION pg_temp.values_of_1() RETURNS text LANGUAGE sql AS $$
	SELECT string_agg(value || ' r' || revision, ', ' ORDER BY revision) FROM scorecard.reading WHERE indicator_id = 1 AND unit_id = 'a';
$$;

-- 1. Unchanged since the check: the load takes the checked rows (99).
SELECT pg_temp.stage('10');
SELECT pg_temp.edit_checked();
SELECT * FROM load_readings(header => false);
SELECT pg_temp.values_of_1();   -- 99 r1

-- 2. Checked again after each kind of change: the staged value loads.
-- An UPDATE (11):
SELECT pg_temp.stage('10');
SELECT pg_temp.edit_checked();
UPDATE reading_staging SET value = '11';
SELECT * FROM load_readings(header => false);
SELECT pg_temp.values_of_1();   -- 99 r1, 11 r2
-- an INSERT (12, and GDP 5):
SELECT pg_temp.stage('12');
SELECT pg_temp.edit_checked();
INSERT INTO reading_staging (indicator, unit, month, value) VALUES ('gdp', 'a', '2024-01', '5');
SELECT * FROM load_readings(header => false);
SELECT pg_temp.values_of_1();   -- 99 r1, 11 r2, 12 r3
-- a DELETE of no row (a statement that changes nothing counts too; 13):
SELECT pg_temp.stage('13');
SELECT pg_temp.edit_checked();
DELETE FROM reading_staging WHERE false;
SELECT * FROM load_readings(header => false);
-- a TRUNCATE and a row staged again, in the check's transaction (14):
BEGIN;
SELECT pg_temp.stage('13');
SELECT pg_temp.edit_checked();
TRUNCATE reading_staging;
INSERT INTO reading_staging (indicator, unit, month, value) VALUES ('sales', 'a', '2024-01', '14');
SELECT * FROM load_readings(header => false);
COMMIT;
-- a COPY (15, and GDP February 6):
SELECT pg_temp.stage('15');
SELECT pg_temp.edit_checked();
COPY reading_staging (indicator, unit, month, value) FROM stdin WITH (FORMAT csv);
gdp,a,2024-02,6
\.
SELECT * FROM load_readings(header => false);
-- the trigger disabled, then the value updated (16):
SELECT pg_temp.stage('15');
SELECT pg_temp.edit_checked();
ALTER TABLE reading_staging DISABLE TRIGGER reading_staging_changed;
UPDATE reading_staging SET value = '16';
SELECT * FROM load_readings(header => false);
-- (begin_load gives the table its trigger back)
SELECT pg_temp.stage('16');
SELECT tgenabled FROM pg_trigger WHERE tgrelid = 'pg_temp.reading_staging'::regclass;
-- a child table of the staging table, whose rows no trigger sees (17):
SELECT pg_temp.stage('17');
SELECT pg_temp.edit_checked();
CREATE TEMP TABLE staging_child () INHERITS (reading_staging);
SELECT * FROM load_readings(header => false);
DROP TABLE staging_child;
-- a check rolled back (18):
SELECT begin_load();
INSERT INTO reading_staging (indicator, unit, month, value) VALUES ('sales', 'a', '2024-01', '18');
BEGIN;
SELECT * FROM check_readings(header => false);
SELECT pg_temp.edit_checked();
ROLLBACK;
SELECT * FROM load_readings(header => false);
-- another header (19):
SELECT pg_temp.stage('19');
SELECT pg_temp.edit_checked();
SELECT * FROM load_readings(header => true);
-- the table of checked rows dropped (20), or with a row more than staged (21):
SELECT pg_temp.stage('20');
DROP TABLE reading_checked;
SELECT * FROM load_readings(header => false);
SELECT pg_temp.stage('21');
SELECT pg_temp.edit_checked();
INSERT INTO reading_checked SELECT * FROM reading_checked;
SELECT * FROM load_readings(header => false);
-- another role (which may load: INSERT on reading_intake; 22):
CREATE ROLE load_checked_loader;
GRANT USAGE ON SCHEMA scorecard TO load_checked_loader;
GRANT SELECT ON ALL TABLES IN SCHEMA scorecard TO load_checked_loader;
GRANT INSERT ON reading_intake TO load_checked_loader;
SELECT pg_temp.stage('22');
GRANT ALL ON TABLE pg_temp.reading_staging, pg_temp.reading_checked TO load_checked_loader;
SELECT pg_temp.edit_checked();
SET ROLE load_checked_loader;
SELECT * FROM load_readings(header => false);
RESET ROLE;
SELECT pg_temp.values_of_1();   -- 99 r1, 11 r2 ... 22 r13

-- 3. A change of the plan after the check: checked again.  Indicator 1's
-- code renamed: "sales" is unknown, and nothing loads (22P02, the line).
SELECT pg_temp.stage('23');
UPDATE indicator SET code = 'sales-renamed' WHERE indicator_id = 1;
SELECT * FROM load_readings(header => false);
UPDATE indicator SET code = 'sales' WHERE indicator_id = 1;
-- The value bound lowered to 10: the load names the line (22P02), as
-- check_readings does.
SELECT pg_temp.stage('23');
INSERT INTO plan_setting (value_bound) VALUES (10);
SELECT * FROM load_readings(header => false);
SELECT line, reason FROM check_readings(header => false);
DELETE FROM plan_setting;
-- check_readings after the plan is fixed sees the fix: unit b unknown,
-- then added, then the row loads.
SELECT begin_load();
INSERT INTO reading_staging (indicator, unit, month, value) VALUES ('sales', 'b', '2024-01', '1');
SELECT line, reason FROM check_readings(header => false);
INSERT INTO unit (unit_id, name_zh, name_en, kind, parent_id) VALUES ('b', '乙县', 'County B', 'county', 'c');
SELECT line, reason FROM check_readings(header => false);
SELECT * FROM load_readings(header => false);
SELECT pg_temp.values_of_1();   -- as before: ... 22 r13

-- 4. A check that finds bad rows: the load fails with them, and keeps
-- failing until the rows change; then the fixed row loads (24).
SELECT pg_temp.stage('x');
SELECT * FROM load_readings(header => false);
SELECT * FROM load_readings(header => false);
UPDATE reading_staging SET value = '24';
SELECT * FROM load_readings(header => false);

-- 5. A read-only transaction: check_readings lists the bad rows (it keeps
-- nothing for a load, which could not run there).
SELECT begin_load();
INSERT INTO reading_staging (indicator, unit, month, value) VALUES ('sales', 'a', '2024-01', 'y');
BEGIN READ ONLY;
SELECT * FROM check_readings(header => false);
COMMIT;

-- 6. A staging table without the trigger (as made before 0.3.0): checked
-- at every load (25); begin_load gives it the trigger.
DROP TABLE reading_staging, reading_checked;
CREATE TEMP TABLE reading_staging (seq bigserial PRIMARY KEY, indicator text, unit text, month text,
	value text, reported_growth text, source text);
INSERT INTO reading_staging (indicator, unit, month, value) VALUES ('sales', 'a', '2024-01', '25');
SELECT * FROM check_readings(header => false);
SELECT pg_temp.edit_checked();
SELECT * FROM load_readings(header => false);
SELECT begin_load();
SELECT tgname, tgenabled FROM pg_trigger WHERE tgrelid = 'pg_temp.reading_staging'::regclass;
SELECT pg_temp.values_of_1();   -- ... 22 r13, 24 r14, 25 r15

REVOKE ALL ON ALL TABLES IN SCHEMA scorecard FROM load_checked_loader;
REVOKE ALL ON SCHEMA scorecard FROM load_checked_loader;
TRUNCATE action, unit, indicator, plan_target, reading, task, assessment_run CASCADE;
DROP ROLE load_checked_loader;
