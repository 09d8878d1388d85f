-- scorecard 0.1.0 -> 0.2.0: the plan model becomes its own extension.
--
-- In 0.1.0 one extension, scorecard (schema scorecard), held the types and
-- the plan model.  0.2.0 splits them: scorecard keeps the types, functions
-- and aggregates (relocatable, no tables); scorecard_plan holds the plan
-- model.  This script detaches the plan model's tables, sequences, views and
-- functions from scorecard, data untouched; then
--     CREATE EXTENSION scorecard_plan VERSION '0.1.0';  -- adopts them
--     ALTER EXTENSION scorecard_plan UPDATE;            -- to 0.2.0
-- (README, "Versions and upgrades").  The types stay in schema scorecard.
\echo Use "ALTER EXTENSION scorecard UPDATE TO '0.2.0'" to load this file. \quit

ALTER EXTENSION scorecard DROP FUNCTION scorecard.check_readings(boolean);
ALTER EXTENSION scorecard DROP FUNCTION scorecard.indicator_state(date,timestamp with time zone);
ALTER EXTENSION scorecard DROP FUNCTION scorecard.latest_month(timestamp with time zone);
ALTER EXTENSION scorecard DROP FUNCTION scorecard.load_readings(boolean,timestamp with time zone);
ALTER EXTENSION scorecard DROP FUNCTION scorecard.progress(date,timestamp with time zone);
ALTER EXTENSION scorecard DROP FUNCTION scorecard.progress_city(date,timestamp with time zone);
ALTER EXTENSION scorecard DROP FUNCTION scorecard.reading_no_update();
ALTER EXTENSION scorecard DROP FUNCTION scorecard.readings(timestamp with time zone);
ALTER EXTENSION scorecard DROP PROCEDURE scorecard.run_assessment(integer,date,timestamp with time zone);
ALTER EXTENSION scorecard DROP FUNCTION scorecard.run_assessment_lock_key();
ALTER EXTENSION scorecard DROP FUNCTION scorecard.staging_float(text);
ALTER EXTENSION scorecard DROP FUNCTION scorecard.staging_month(text);
ALTER EXTENSION scorecard DROP FUNCTION scorecard.task_progress(date);
ALTER EXTENSION scorecard DROP FUNCTION scorecard.unit_assessment(date,timestamp with time zone);
ALTER EXTENSION scorecard DROP FUNCTION scorecard.unit_peer_group(text);
ALTER EXTENSION scorecard DROP FUNCTION scorecard.unit_scores(date,timestamp with time zone);
ALTER EXTENSION scorecard DROP SEQUENCE scorecard.assessment_run_run_id_seq;
ALTER EXTENSION scorecard DROP SEQUENCE scorecard.reading_staging_seq_seq;
ALTER EXTENSION scorecard DROP TABLE scorecard.action;
ALTER EXTENSION scorecard DROP TABLE scorecard.assessment_run;
ALTER EXTENSION scorecard DROP TABLE scorecard.assessment_run_item;
ALTER EXTENSION scorecard DROP TABLE scorecard.assessment_run_progress;
ALTER EXTENSION scorecard DROP TABLE scorecard.assessment_run_unit;
ALTER EXTENSION scorecard DROP TABLE scorecard.indicator;
ALTER EXTENSION scorecard DROP TABLE scorecard.plan_target;
ALTER EXTENSION scorecard DROP TABLE scorecard.reading;
ALTER EXTENSION scorecard DROP TABLE scorecard.reading_staging;
ALTER EXTENSION scorecard DROP TABLE scorecard.task;
ALTER EXTENSION scorecard DROP TABLE scorecard.unit;
ALTER EXTENSION scorecard DROP VIEW scorecard.assessment_run_ranking;
ALTER EXTENSION scorecard DROP VIEW scorecard.progress_city_latest;
ALTER EXTENSION scorecard DROP VIEW scorecard.progress_latest;
ALTER EXTENSION scorecard DROP VIEW scorecard.reading_current;
ALTER EXTENSION scorecard DROP VIEW scorecard.task_progress_current;
ALTER EXTENSION scorecard DROP VIEW scorecard.unit_assessment_latest;
ALTER EXTENSION scorecard DROP VIEW scorecard.unit_scores_latest;

DO $$
BEGIN
	RAISE WARNING 'the plan model (schema scorecard) is now outside extension scorecard'
		USING HINT = 'Run CREATE EXTENSION scorecard_plan VERSION ''0.1.0''; then ALTER EXTENSION scorecard_plan UPDATE; to make it the scorecard_plan extension.';
END $$;
