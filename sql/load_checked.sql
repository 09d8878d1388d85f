-- check_readings then load_readings check a file once: the load takes the
-- rows as check_readings checked them while no statement changed the staged
-- rows since.  What shows which rows a load took: an indicator's code
-- changed between the check and the load.  Taken as checked, "sales" is
-- still indicator 1; checked again, "sales" is an unknown indicator and
-- nothing loads.  Every change of the staged rows (UPDATE, INSERT, DELETE,
-- TRUNCATE, COPY), a trigger disabled, another role, another header or a
-- rolled-back check makes the load check them again.
\i sql/fixtures/plan_session.sql
TRUNCATE action, unit, indicator, plan_target, reading, task, assessment_run CASCADE;
INSERT INTO unit (unit_id, name_zh, name_en, kind, parent_id) VALUES
	('c', '市', 'City', 'city', NULL), ('a', '甲县', 'County A', 'county', 'c');
INSERT INTO indicator (indicator_id, code, name_zh, name_en, nature) VALUES
	(1, 'sales', '零售', 'retail sales', 'flow'), (2, 'gdp', '地区生产总值', 'GDP', 'flow');
-- stage the file of one reading; rename indicator 1's code
SELECT begin_load();
CREATE FUNCTION pg_temp.stage(v text) RETURNS void LANGUAGE sql AS $$
	SELECT scorecard.begin_load();
	INSERT INTO pg_temp.reading_staging (indicator, unit, month, value) VALUES ('sales', 'a', '2024-01', v);
$$;
CREATE FUNCTION pg_temp.rename_sales(code text) RETURNS void LANGUAGE sql AS $$
	UPDATE scorecard.indicator SET code = rename_sales.code WHERE indicator_id = 1;
$$;

-- 1. Unchanged since the check: loaded as checked (indicator 1, 10).
SELECT pg_temp.stage('10');
SELECT * FROM check_readings(header => false);
SELECT pg_temp.rename_sales('sales-renamed');
SELECT * FROM load_readings(header => false);
SELECT indicator_id, unit_id, month, value, revision FROM reading ORDER BY revision;
SELECT pg_temp.rename_sales('sales');

-- 2. A value updated after the check: checked again, the new value (11)
-- loads (revision 2), not the one checked (10 again would be unchanged).
SELECT pg_temp.stage('10');
SELECT * FROM check_readings(header => false);
UPDATE reading_staging SET value = '11';
SELECT * FROM load_readings(header => false);
SELECT indicator_id, value, revision FROM reading ORDER BY revision;

-- 3. Checked again after each kind of change: with the code renamed, the
-- rows checked again name an unknown indicator (22P02) and nothing loads.
-- An INSERT of a row:
SELECT pg_temp.stage('12');
SELECT * FROM check_readings(header => false);
INSERT INTO reading_staging (indicator, unit, month, value) VALUES ('gdp', 'a', '2024-01', '5');
SELECT pg_temp.rename_sales('sales-renamed');
SELECT * FROM load_readings(header => false);
SELECT pg_temp.rename_sales('sales');
-- a DELETE of none (a statement that changes nothing counts too):
SELECT pg_temp.stage('12');
SELECT * FROM check_readings(header => false);
DELETE FROM reading_staging WHERE false;
SELECT pg_temp.rename_sales('sales-renamed');
SELECT * FROM load_readings(header => false);
SELECT pg_temp.rename_sales('sales');
-- a TRUNCATE and the same row staged again, in the check's transaction:
BEGIN;
SELECT pg_temp.stage('12');
SELECT * FROM check_readings(header => false);
TRUNCATE reading_staging;
INSERT INTO reading_staging (indicator, unit, month, value) VALUES ('sales', 'a', '2024-01', '12');
SELECT pg_temp.rename_sales('sales-renamed');
SELECT * FROM load_readings(header => false);
ROLLBACK;
-- a COPY:
SELECT pg_temp.stage('12');
SELECT * FROM check_readings(header => false);
COPY reading_staging (indicator, unit, month, value) FROM stdin WITH (FORMAT csv);
gdp,a,2024-02,6
\.
SELECT pg_temp.rename_sales('sales-renamed');
SELECT * FROM load_readings(header => false);
SELECT pg_temp.rename_sales('sales');
-- the trigger disabled, then the value updated (the load sees no trigger
-- in place and checks again):
SELECT pg_temp.stage('12');
SELECT * FROM check_readings(header => false);
ALTER TABLE reading_staging DISABLE TRIGGER reading_staging_changed;
UPDATE reading_staging SET value = '13';
SELECT pg_temp.rename_sales('sales-renamed');
SELECT * FROM load_readings(header => false);
SELECT pg_temp.rename_sales('sales');
-- (begin_load gives the table its trigger back)
SELECT pg_temp.stage('12');
SELECT tgenabled FROM pg_trigger WHERE tgrelid = 'pg_temp.reading_staging'::regclass;
-- a check rolled back:
SELECT pg_temp.stage('12');
BEGIN;
SELECT * FROM check_readings(header => false);
ROLLBACK;
SELECT pg_temp.rename_sales('sales-renamed');
SELECT * FROM load_readings(header => false);
SELECT pg_temp.rename_sales('sales');
-- another header (the lines differ: line 2 with a header, 1 without):
SELECT pg_temp.stage('12');
SELECT * FROM check_readings(header => false);
SELECT pg_temp.rename_sales('sales-renamed');
SELECT * FROM load_readings(header => true);
SELECT pg_temp.rename_sales('sales');
-- another role (which may load: INSERT on reading_intake):
CREATE ROLE load_checked_loader;
GRANT USAGE ON SCHEMA scorecard TO load_checked_loader;
GRANT SELECT ON ALL TABLES IN SCHEMA scorecard TO load_checked_loader;
GRANT INSERT ON reading_intake TO load_checked_loader;
SELECT pg_temp.stage('12');
GRANT ALL ON TABLE pg_temp.reading_staging, pg_temp.reading_checked TO load_checked_loader;
SELECT * FROM check_readings(header => false);
SELECT pg_temp.rename_sales('sales-renamed');
SET ROLE load_checked_loader;
SELECT * FROM load_readings(header => false);
RESET ROLE;
SELECT pg_temp.rename_sales('sales');
SELECT indicator_id, value, revision FROM reading ORDER BY revision;

-- 4. A check that finds bad rows: the load fails with them, as checked,
-- and keeps failing until the rows change; then the fixed row loads.
SELECT pg_temp.stage('x');
SELECT * FROM check_readings(header => false);
SELECT * FROM load_readings(header => false);
SELECT * FROM load_readings(header => false);
UPDATE reading_staging SET value = '14';
SELECT * FROM load_readings(header => false);
SELECT indicator_id, value, revision FROM reading ORDER BY revision;

-- 5. A read-only transaction: check_readings lists the bad rows (it keeps
-- nothing for a load, which could not run there).
SELECT pg_temp.stage('y');
BEGIN READ ONLY;
SELECT * FROM check_readings(header => false);
COMMIT;

-- 6. A staging table without the trigger (as made before 0.3.0): checked
-- at every load; begin_load gives it the trigger.
DROP TABLE reading_staging, reading_checked;
CREATE TEMP TABLE reading_staging (seq bigserial PRIMARY KEY, indicator text, unit text, month text,
	value text, reported_growth text, source text);
INSERT INTO reading_staging (indicator, unit, month, value) VALUES ('sales', 'a', '2024-01', '15');
SELECT * FROM check_readings(header => false);
SELECT pg_temp.rename_sales('sales-renamed');
SELECT * FROM load_readings(header => false);
SELECT pg_temp.rename_sales('sales');
SELECT * FROM load_readings(header => false);
SELECT begin_load();
SELECT tgname, tgenabled FROM pg_trigger WHERE tgrelid = 'pg_temp.reading_staging'::regclass;
SELECT indicator_id, value, revision FROM reading ORDER BY revision;

-- 7. The plan's bounds are those in force when the load records the rows,
-- not when they were checked: a value bound lowered after the check to 10
-- stops the value 16 (check_violation, record_readings), and nothing loads.
SELECT pg_temp.stage('16');
SELECT * FROM check_readings(header => false);
INSERT INTO plan_setting (value_bound) VALUES (10);
SELECT * FROM load_readings(header => false);
DELETE FROM plan_setting;
SELECT * FROM load_readings(header => false);
SELECT indicator_id, value, revision FROM reading ORDER BY revision;

REVOKE ALL ON ALL TABLES IN SCHEMA scorecard FROM load_checked_loader;
REVOKE ALL ON SCHEMA scorecard FROM load_checked_loader;
TRUNCATE action, unit, indicator, plan_target, reading, task, assessment_run CASCADE;
DROP ROLE load_checked_loader;
