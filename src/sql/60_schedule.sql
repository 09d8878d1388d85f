-- Interim schedules: time progress other than m/12.  A schedule is 12
-- cumulative shares of the annual target (0..1), one per month; NULL where
-- a month has none.  ytd_seasonal_schedule(state, as_of) gives last year's.

CREATE OR REPLACE FUNCTION schedule_progress(schedule float8[], as_of date) RETURNS float8
	AS 'MODULE_PATHNAME' LANGUAGE C IMMUTABLE STRICT PARALLEL SAFE;
COMMENT ON FUNCTION schedule_progress(float8[], date) IS 'share of the annual target a schedule asks for by the end of the as-of month (in place of time_progress)';

-- A schedule from fixed months: a plan that fixes some months (a large
-- January, a known December) and spreads the rest of the annual figure
-- evenly over the others; added exactly, so the twelfth share is 1.
CREATE OR REPLACE FUNCTION schedule_fixed_months(annual float8, months int[], amounts float8[]) RETURNS float8[]
	AS 'MODULE_PATHNAME', 'schedule_fixed_months_fn' LANGUAGE C IMMUTABLE STRICT PARALLEL SAFE;
COMMENT ON FUNCTION schedule_fixed_months(float8, int[], float8[]) IS 'the 12 cumulative shares of an annual figure whose fixed months have the given amounts and whose other months share the rest evenly (exact decimal arithmetic; share 12 is 1)';
