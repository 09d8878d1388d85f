-- Comments on what the concept files leave without one, so \df+ and BI
-- tools' metadata explain every object (test/pgtap/comments.sql).
COMMENT ON FUNCTION target_higher_is_better(target) IS 'true for >=, > and between targets, false for <= and <; NULL for =';
COMMENT ON FUNCTION target_is_relative(target) IS 'true when the target compares against a reference value passed at evaluation (growth > reference)';
COMMENT ON FUNCTION target_met(target, float8, float8) IS 'whether a relative target is met by actual against the reference value (NULL if either is NULL)';
COMMENT ON FUNCTION target_gap(target, float8, float8) IS 'signed gap of a relative target against the reference value, positive = ahead';
COMMENT ON FUNCTION target_attainment(target, float8, float8) IS 'attainment ratio (完成率) of a relative target against the reference value; NULL where undefined';
COMMENT ON FUNCTION time_progress(date, text, date) IS 'share of a one-year period starting at period_start elapsed at as_of, by month (default) or day; 1 after the period ends';

COMMENT ON FUNCTION ytd_monthly_trans(ytd, date, float8) IS 'transition of ytd_agg: adds a monthly reading to the state';
COMMENT ON FUNCTION ytd_cumulative_trans(ytd, date, float8) IS 'transition of ytd_cumulative_agg: adds a cumulative (January to month) reading';
COMMENT ON FUNCTION ytd_rate_trans(ytd, date, float8) IS 'transition of ytd_rate_agg: records a rate reading (one per month)';
COMMENT ON FUNCTION ytd_kind_trans(ytd, date, float8, text) IS 'transition of ytd_agg(period, value, kind): adds a reading of the named kind (monthly, cumulative, rate)';
COMMENT ON FUNCTION ytd_asof_trans(ytd, date, float8, date) IS 'transition of the one-step ytd_growth and ytd_value aggregates: adds a monthly reading and records the as-of date';
COMMENT ON FUNCTION ytd_combine(ytd, ytd) IS 'combine function of the ytd aggregates and of rollup(ytd): merges two states';
COMMENT ON FUNCTION ytd_growth_final(ytd) IS 'final function of the one-step ytd_growth aggregate: growth at the recorded as-of date';
COMMENT ON FUNCTION ytd_value_final(ytd) IS 'final function of the one-step ytd_value aggregate: year-to-date value at the recorded as-of date';

COMMENT ON FUNCTION assess_trans(assessment, float8, float8) IS 'transition of assess(points, weight): adds a score item';
COMMENT ON FUNCTION assess_trans(assessment, float8, float8, text) IS 'transition of assess(points, weight, kind): adds a score, bonus, deduction or veto item';
COMMENT ON FUNCTION assess_combine(assessment, assessment) IS 'combine function of assess, weighted_score and rollup(assessment): merges two states';
COMMENT ON FUNCTION weighted_score_trans(assessment, float8, float8) IS 'transition of weighted_score: adds a score item';
COMMENT ON FUNCTION weighted_score_final(assessment) IS 'final function of weighted_score: 100 x points / applicable weight';
COMMENT ON FUNCTION assessment_applicable(assessment) IS 'number of score items with points (applicable)';
COMMENT ON FUNCTION assessment_vetoes(assessment) IS 'number of veto items that applied (一票否决)';
