-- Comments on what the concept files leave without one, so \df+ and BI
-- tools' metadata explain every object (test/pgtap/comments.sql).
COMMENT ON FUNCTION target_in(cstring) IS 'text input of target: growth >= 7%, level >= 100, share >= 22%, change >= 0.5pp, growth between 6% and 8%, growth > reference';
COMMENT ON FUNCTION target_out(target) IS 'canonical text of a target (reads back to an equal value)';
COMMENT ON FUNCTION target_recv(internal) IS 'binary input of target: measure, comparator, relative flag (one byte each), lower and upper threshold (float8)';
COMMENT ON FUNCTION target_send(target) IS 'binary output of target (see target_recv)';
COMMENT ON FUNCTION target_eq(target, target) IS 'targets are equal: same measure, comparator, relative flag and thresholds';
COMMENT ON FUNCTION target_ne(target, target) IS 'targets differ';
COMMENT ON FUNCTION target_lt(target, target) IS 'target sorts before another (by measure, comparator, thresholds)';
COMMENT ON FUNCTION target_le(target, target) IS 'target sorts before or equals another';
COMMENT ON FUNCTION target_gt(target, target) IS 'target sorts after another';
COMMENT ON FUNCTION target_ge(target, target) IS 'target sorts after or equals another';
COMMENT ON FUNCTION target_cmp(target, target) IS 'btree comparison of targets: -1, 0 or 1';
COMMENT ON FUNCTION target_hash(target) IS 'hash of a target (hash indexes, hash joins, GROUP BY)';
COMMENT ON FUNCTION target_hash_extended(target, bigint) IS 'seeded 64-bit hash of a target (hash partitioning)';
COMMENT ON FUNCTION target_higher_is_better(target) IS 'true for >=, > and between targets, false for <= and <; NULL for =';
COMMENT ON FUNCTION target_is_relative(target) IS 'true when the target compares against a reference value passed at evaluation (growth > reference)';
COMMENT ON FUNCTION target_met(target, float8, float8) IS 'whether a relative target is met by actual against the reference value (NULL if either is NULL)';
COMMENT ON FUNCTION target_gap(target, float8, float8) IS 'signed gap of a relative target against the reference value, positive = ahead';
COMMENT ON FUNCTION target_attainment(target, float8, float8) IS 'attainment ratio (完成率) of a relative target against the reference value; NULL where undefined';
COMMENT ON FUNCTION time_progress(date, text, date) IS 'share of a one-year period starting at period_start elapsed at as_of, by month (default) or day; 1 after the period ends';

COMMENT ON FUNCTION ytd_in(cstring) IS 'text input of ytd: kind, optional @as-of date, readings in month order, e.g. monthly{2023-01:100,2023-02:250.5}';
COMMENT ON FUNCTION ytd_out(ytd) IS 'text of a ytd state: each month''s exact decimal sum in month order (inexact: not known; a lone non-decimal reading in the shortest form that reads back to the same double)';
COMMENT ON FUNCTION ytd_recv(internal) IS 'binary input of ytd: kind, flags, as-of day, reading count, then format 2 (flag 2): scale and per month (month number, what, 160-bit sum or float8); format 1 (0.1.0, 0.2.0): (month number, float8) pairs';
COMMENT ON FUNCTION ytd_send(ytd) IS 'binary output of ytd (see ytd_recv)';
COMMENT ON FUNCTION ytd_monthly_trans(ytd, date, float8) IS 'transition of ytd_agg: adds a monthly reading to the state';
COMMENT ON FUNCTION ytd_cumulative_trans(ytd, date, float8) IS 'transition of ytd_cumulative_agg: adds a cumulative (January to month) reading';
COMMENT ON FUNCTION ytd_rate_trans(ytd, date, float8) IS 'transition of ytd_rate_agg: records a rate reading (one per month)';
COMMENT ON FUNCTION ytd_kind_trans(ytd, date, float8, text) IS 'transition of ytd_agg(period, value, kind): adds a reading of the named kind (monthly, cumulative, rate)';
COMMENT ON FUNCTION ytd_asof_trans(ytd, date, float8, date) IS 'transition of the one-step ytd_growth and ytd_value aggregates: adds a monthly reading and records the as-of date';
COMMENT ON FUNCTION ytd_combine(ytd, ytd) IS 'combine function of the ytd aggregates and of rollup(ytd): merges two states';
COMMENT ON FUNCTION ytd_growth_final(ytd) IS 'final function of the one-step ytd_growth aggregate: growth at the recorded as-of date';
COMMENT ON FUNCTION ytd_value_final(ytd) IS 'final function of the one-step ytd_value aggregate: year-to-date value at the recorded as-of date';

COMMENT ON FUNCTION assessment_in(cstring) IS 'text input of assessment: (points=..,weight=..,weight_all=..,bonus=..,deduction=..,log_sum=..,applicable=..,missing=..,vetoes=..,zeros=..)';
COMMENT ON FUNCTION assessment_out(assessment) IS 'text of an assessment state naming every field, doubles in the shortest form that reads back exactly';
COMMENT ON FUNCTION assessment_recv(internal) IS 'binary input of assessment: six float8 sums, four int8 counts';
COMMENT ON FUNCTION assessment_send(assessment) IS 'binary output of assessment (see assessment_recv)';
COMMENT ON FUNCTION assess_trans(assessment, float8, float8) IS 'transition of assess(points, weight): adds a score item';
COMMENT ON FUNCTION assess_trans(assessment, float8, float8, text) IS 'transition of assess(points, weight, kind): adds a score, bonus, deduction or veto item';
COMMENT ON FUNCTION assess_combine(assessment, assessment) IS 'combine function of assess, weighted_score and rollup(assessment): merges two states';
COMMENT ON FUNCTION weighted_score_trans(assessment, float8, float8) IS 'transition of weighted_score: adds a score item';
COMMENT ON FUNCTION weighted_score_final(assessment) IS 'final function of weighted_score: 100 x points / applicable weight';
COMMENT ON FUNCTION assessment_applicable(assessment) IS 'number of score items with points (applicable)';
COMMENT ON FUNCTION assessment_vetoes(assessment) IS 'number of veto items that applied (一票否决)';
