-- indicator_nature may be omitted: it is the indicator's.  (The constraints
-- do the checking; under Citus, where triggers on reference tables are off
-- by default, give it in the INSERT.)
CREATE OR REPLACE FUNCTION plan_target_fill_nature() RETURNS trigger LANGUAGE plpgsql
SET search_path = pg_catalog, scorecard, pg_temp AS $$
BEGIN
	IF NEW.indicator_nature IS NULL
	   OR (TG_OP = 'UPDATE' AND NEW.indicator_id IS DISTINCT FROM OLD.indicator_id
	       AND NEW.indicator_nature IS NOT DISTINCT FROM OLD.indicator_nature) THEN
		SELECT i.nature INTO NEW.indicator_nature FROM indicator i WHERE i.indicator_id = NEW.indicator_id;
	END IF;
	RETURN NEW;
END $$;
COMMENT ON FUNCTION plan_target_fill_nature() IS 'trigger: fills indicator_nature of plan_target and target_adjustment from the indicator when omitted (or when indicator_id changes)';
-- (a statement of a DO block: see "Citus" in plan/update/before.sql)
DO $trigger$
BEGIN
	CREATE OR REPLACE TRIGGER plan_target_fill_nature BEFORE INSERT OR UPDATE OF indicator_id ON plan_target
		FOR EACH ROW EXECUTE FUNCTION plan_target_fill_nature();
END $trigger$;
