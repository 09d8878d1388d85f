-- scorecard_plan 0.1.0 -> 0.2.0: the plan model's objects as scorecard 0.1.0
-- left them become what CREATE EXTENSION scorecard_plan 0.2.0 creates.
-- (test/suites/upgrade.sh compares the result with a fresh install.)
\echo Use "ALTER EXTENSION scorecard_plan UPDATE TO '0.2.0'" to load this file. \quit

-- pg_catalog first in every pinned search_path (0.1.0 had scorecard first).
ALTER FUNCTION scorecard.reading_no_update() SET search_path = pg_catalog, scorecard, pg_temp;
ALTER FUNCTION scorecard.check_readings(boolean) SET search_path = pg_catalog, scorecard, pg_temp;
ALTER FUNCTION scorecard.load_readings(boolean, timestamptz) SET search_path = pg_catalog, scorecard, pg_temp;
ALTER FUNCTION scorecard.readings(timestamptz) SET search_path = pg_catalog, scorecard, pg_temp;
ALTER FUNCTION scorecard.latest_month(timestamptz) SET search_path = pg_catalog, scorecard, pg_temp;
ALTER FUNCTION scorecard.indicator_state(date, timestamptz) SET search_path = pg_catalog, scorecard, pg_temp;
ALTER FUNCTION scorecard.progress(date, timestamptz) SET search_path = pg_catalog, scorecard, pg_temp;
ALTER FUNCTION scorecard.progress_city(date, timestamptz) SET search_path = pg_catalog, scorecard, pg_temp;
ALTER FUNCTION scorecard.task_progress(date) SET search_path = pg_catalog, scorecard, pg_temp;
ALTER FUNCTION scorecard.unit_scores(date, timestamptz) SET search_path = pg_catalog, scorecard, pg_temp;
ALTER FUNCTION scorecard.unit_assessment(date, timestamptz) SET search_path = pg_catalog, scorecard, pg_temp;
ALTER PROCEDURE scorecard.run_assessment(int, date, timestamptz) SET search_path = pg_catalog, scorecard, pg_temp;
