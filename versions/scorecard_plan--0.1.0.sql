-- scorecard_plan 0.1.0: the plan model as scorecard 0.1.0 created it, adopted.
--
-- There was no scorecard_plan 0.1.0 release: in 0.1.0 the plan model lived
-- inside extension scorecard.  After ALTER EXTENSION scorecard UPDATE TO
-- '0.2.0' has detached it (data untouched), this script makes those
-- existing objects members of scorecard_plan, creating nothing; then
-- ALTER EXTENSION scorecard_plan UPDATE brings them to the current version.
-- In a database without them it fails and changes nothing: there,
-- CREATE EXTENSION scorecard_plan (no VERSION) installs a new plan model.
\echo Use "CREATE EXTENSION scorecard_plan VERSION '0.1.0'" to load this file. \quit

DO $$
DECLARE
	owner_ext name := (
		SELECT e.extname FROM pg_catalog.pg_depend d
		JOIN pg_catalog.pg_extension e ON e.oid = d.refobjid
		WHERE d.classid = 'pg_catalog.pg_class'::pg_catalog.regclass
			AND d.objid = pg_catalog.to_regclass('scorecard.reading')
			AND d.refclassid = 'pg_catalog.pg_extension'::pg_catalog.regclass
			AND d.deptype = 'e');
BEGIN
	IF pg_catalog.to_regclass('scorecard.reading') IS NULL THEN
		RAISE EXCEPTION 'there is no plan model of scorecard 0.1.0 to adopt'
			USING ERRCODE = 'object_not_in_prerequisite_state',
			DETAIL = 'Version 0.1.0 of scorecard_plan adopts the tables scorecard 0.1.0 created in schema scorecard; table scorecard.reading does not exist.',
			HINT = 'Use CREATE EXTENSION scorecard_plan without VERSION to install a new plan model.';
	END IF;
	IF owner_ext IS NOT NULL THEN
		RAISE EXCEPTION 'the plan model still belongs to extension %', owner_ext
			USING ERRCODE = 'object_not_in_prerequisite_state',
			DETAIL = 'Table scorecard.reading is a member of extension ' || owner_ext || '.',
			HINT = 'Run ALTER EXTENSION scorecard UPDATE TO ''0.2.0'' first.';
	END IF;
END $$;

ALTER EXTENSION scorecard_plan ADD FUNCTION scorecard.check_readings(boolean);
ALTER EXTENSION scorecard_plan ADD FUNCTION scorecard.indicator_state(date,timestamp with time zone);
ALTER EXTENSION scorecard_plan ADD FUNCTION scorecard.latest_month(timestamp with time zone);
ALTER EXTENSION scorecard_plan ADD FUNCTION scorecard.load_readings(boolean,timestamp with time zone);
ALTER EXTENSION scorecard_plan ADD FUNCTION scorecard.progress(date,timestamp with time zone);
ALTER EXTENSION scorecard_plan ADD FUNCTION scorecard.progress_city(date,timestamp with time zone);
ALTER EXTENSION scorecard_plan ADD FUNCTION scorecard.reading_no_update();
ALTER EXTENSION scorecard_plan ADD FUNCTION scorecard.readings(timestamp with time zone);
ALTER EXTENSION scorecard_plan ADD PROCEDURE scorecard.run_assessment(integer,date,timestamp with time zone);
ALTER EXTENSION scorecard_plan ADD FUNCTION scorecard.run_assessment_lock_key();
ALTER EXTENSION scorecard_plan ADD FUNCTION scorecard.staging_float(text);
ALTER EXTENSION scorecard_plan ADD FUNCTION scorecard.staging_month(text);
ALTER EXTENSION scorecard_plan ADD FUNCTION scorecard.task_progress(date);
ALTER EXTENSION scorecard_plan ADD FUNCTION scorecard.unit_assessment(date,timestamp with time zone);
ALTER EXTENSION scorecard_plan ADD FUNCTION scorecard.unit_peer_group(text);
ALTER EXTENSION scorecard_plan ADD FUNCTION scorecard.unit_scores(date,timestamp with time zone);
ALTER EXTENSION scorecard_plan ADD SEQUENCE scorecard.assessment_run_run_id_seq;
ALTER EXTENSION scorecard_plan ADD SEQUENCE scorecard.reading_staging_seq_seq;
ALTER EXTENSION scorecard_plan ADD TABLE scorecard.action;
ALTER EXTENSION scorecard_plan ADD TABLE scorecard.assessment_run;
ALTER EXTENSION scorecard_plan ADD TABLE scorecard.assessment_run_item;
ALTER EXTENSION scorecard_plan ADD TABLE scorecard.assessment_run_progress;
ALTER EXTENSION scorecard_plan ADD TABLE scorecard.assessment_run_unit;
ALTER EXTENSION scorecard_plan ADD TABLE scorecard.indicator;
ALTER EXTENSION scorecard_plan ADD TABLE scorecard.plan_target;
ALTER EXTENSION scorecard_plan ADD TABLE scorecard.reading;
ALTER EXTENSION scorecard_plan ADD TABLE scorecard.reading_staging;
ALTER EXTENSION scorecard_plan ADD TABLE scorecard.task;
ALTER EXTENSION scorecard_plan ADD TABLE scorecard.unit;
ALTER EXTENSION scorecard_plan ADD VIEW scorecard.assessment_run_ranking;
ALTER EXTENSION scorecard_plan ADD VIEW scorecard.progress_city_latest;
ALTER EXTENSION scorecard_plan ADD VIEW scorecard.progress_latest;
ALTER EXTENSION scorecard_plan ADD VIEW scorecard.reading_current;
ALTER EXTENSION scorecard_plan ADD VIEW scorecard.task_progress_current;
ALTER EXTENSION scorecard_plan ADD VIEW scorecard.unit_assessment_latest;
ALTER EXTENSION scorecard_plan ADD VIEW scorecard.unit_scores_latest;

-- Their rows are the user's data: pg_dump dumps them (as 0.1.0 did).
SELECT pg_catalog.pg_extension_config_dump('scorecard.action', '');
SELECT pg_catalog.pg_extension_config_dump('scorecard.unit', '');
SELECT pg_catalog.pg_extension_config_dump('scorecard.indicator', '');
SELECT pg_catalog.pg_extension_config_dump('scorecard.plan_target', '');
SELECT pg_catalog.pg_extension_config_dump('scorecard.reading', '');
SELECT pg_catalog.pg_extension_config_dump('scorecard.task', '');
SELECT pg_catalog.pg_extension_config_dump('scorecard.assessment_run', '');
SELECT pg_catalog.pg_extension_config_dump('scorecard.assessment_run_run_id_seq', '');
SELECT pg_catalog.pg_extension_config_dump('scorecard.assessment_run_unit', '');
SELECT pg_catalog.pg_extension_config_dump('scorecard.assessment_run_item', '');
SELECT pg_catalog.pg_extension_config_dump('scorecard.assessment_run_progress', '');
