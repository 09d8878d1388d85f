-- Answers of every function on inputs whose answers are not meant to change,
-- one "label|answer" line each (floats rounded to 9 decimals, errors as
-- their SQLSTATE).  Made once with the 0.1.0 library (fixtures-0.1.0/
-- answers.txt) and compared by test/suites/upgrade.sh with the current
-- library's answers after ALTER EXTENSION ... UPDATE.
-- Left out on purpose (deliberate fixes under way, issue 10): range targets'
-- gap, attainment and scores; zero actuals and sign changes of lower-is-
-- better targets; actuals within rounding of a threshold; status exactly at
-- a tolerance boundary; assessment sums near overflow (issue 9).
-- Needs fx_target, fx_ytd and fx_assessment (values.sql).
CREATE FUNCTION pg_temp.answer(expr text) RETURNS text LANGUAGE plpgsql AS $$
DECLARE
	r text;
	typ text;
BEGIN
	EXECUTE format('SELECT pg_typeof(x)::text FROM (SELECT %s AS x) s', expr) INTO typ;
	IF typ = 'double precision' THEN
		EXECUTE format('SELECT round(x::numeric, 9)::text FROM (SELECT %s AS x) s', expr) INTO r;
	ELSE
		EXECUTE format('SELECT x::text FROM (SELECT %s AS x) s', expr) INTO r;
	END IF;
	RETURN coalesce(r, 'NULL');
EXCEPTION WHEN OTHERS THEN
	RETURN 'ERROR ' || SQLSTATE;
END $$;

WITH t(id, actual) AS (VALUES
	(1, 5.2), (1, 9.5), (2, 45.2), (2, 150), (3, 20), (3, 25), (4, 0.2), (4, 1), (5, 0), (5, 3),
	(6, -2), (6, 1.5), (9, 20), (9, 50), (10, 5), (11, 1), (12, -2), (12, 0), (13, 1e13)
), calls(label, expr) AS (
	SELECT format('target %s %s', t.id, format(f, 'v', t.actual)), format(f, format('(SELECT v FROM fx_target WHERE id = %s)', t.id), t.actual)
	FROM t, unnest(ARRAY['target_met(%s, %s)', 'target_gap(%s, %s)',
		'target_status(%s, %s, ''2024-05-31'')', 'target_status(%s, %s, ''2024-05-31'', flow => true)',
		'target_schedule_gap(%s, %s, ''2024-05-31'')', 'score_threshold(%s, %s, 10)']) f
	UNION ALL
	SELECT format('target %s %s', t.id, format(f, 'v', t.actual)), format(f, format('(SELECT v FROM fx_target WHERE id = %s)', t.id), t.actual)
	FROM t, unnest(ARRAY['target_attainment(%s, %s)', 'score_ratio(%s, %s, 10)', 'score_ratio(%s, %s, 10, 0.6, 1.2)']) f
	WHERE t.id NOT IN (5, 6) AND t.actual <> 0
	UNION ALL
	SELECT format('target %s %s', x.id, format(f, 'v')), format(f, format('(SELECT v FROM fx_target WHERE id = %s)', x.id))
	FROM generate_series(1, 14) x(id), unnest(ARRAY['%s::text', 'target_measure(%s)', 'target_comparator(%s)',
		'target_threshold(%s)', 'target_threshold_upper(%s)', 'target_unit(%s)', 'target_is_relative(%s)',
		'target_higher_is_better(%s)', 'target_hash(%s)', 'target_hash_extended(%s, 7)']) f
	UNION ALL
	SELECT 'target 8 relative ' || format(f, 'v'), format(f, '(SELECT v FROM fx_target WHERE id = 8)')
	FROM unnest(ARRAY['target_met(%s, 6, 5)', 'target_gap(%s, 6, 5)', 'target_attainment(%s, 6, 5)',
		'target_met(%s, 4, 5)', 'target_met(%s, 6)']) f
	UNION ALL
	SELECT 'target order', '(SELECT string_agg(id::text, '','' ORDER BY v, id) FROM fx_target)'
	UNION ALL
	SELECT 'time_progress ' || f, f FROM unnest(ARRAY['time_progress(''2024-05-31'')',
		'time_progress(''2024-05-31'', ''day'')', 'time_progress(''2024-05-31'', ''month'', ''2023-07-01'')']) f
	UNION ALL
	SELECT format('ytd %s %s', y.id, format(f, 'v', quote_literal(d))), format(f, format('(SELECT v FROM fx_ytd WHERE id = %s)', y.id), quote_literal(d))
	FROM generate_series(1, 5) y(id), unnest(ARRAY['2024-01-31', '2024-02-29', '2024-03-31', '2024-06-30', '2024-09-30']) d,
		unnest(ARRAY['ytd_value(%s, %s)', 'ytd_prior(%s, %s)', 'ytd_growth(%s, %s)', 'ytd_level(%s, %s)',
		'ytd_level_growth(%s, %s)', 'ytd_change(%s, %s)', 'ytd_month_value(%s, %s)', 'ytd_missing(%s, %s)',
		'ytd_missing(%s, %s, ''level'')']) f
	UNION ALL
	SELECT format('ytd %s %s', y.id, format(f, 'v')), format(f, format('(SELECT v FROM fx_ytd WHERE id = %s)', y.id))
	FROM generate_series(1, 5) y(id), unnest(ARRAY['%s::text', 'ytd_kind(%s)']) f
	UNION ALL
	SELECT 'ytd rollup', '(SELECT rollup(v)::text FROM fx_ytd WHERE id IN (1, 4))'
	UNION ALL
	SELECT 'ytd one-step ' || f, format('(SELECT %s FROM (VALUES (''2023-01-01''::date, 10::float8),
		(''2023-02-01'', 20), (''2024-01-01'', 12), (''2024-02-01'', 21)) r(p, v))', f)
	FROM unnest(ARRAY['ytd_growth(p, v, ''2024-02-29'')', 'ytd_value(p, v, ''2024-02-29'')',
		'ytd_agg(p, v, ''monthly'')::text']) f
	UNION ALL
	SELECT format('assessment %s %s', a.id, format(f, 'v')), format(f, format('(SELECT v FROM fx_assessment WHERE id = %s)', a.id))
	FROM generate_series(1, 3) a(id), unnest(ARRAY['%s::text', 'assessment_score(%s)',
		'assessment_score(%s, bonus_cap => 2, deduction_cap => 0.5)', 'assessment_total(%s)',
		'assessment_geometric(%s)', 'assessment_grade(%s)', 'assessment_grade(%s, ''{A,B,C}'', ''{85,70}'')',
		'assessment_points(%s)', 'assessment_weight(%s)', 'assessment_weight_all(%s)', 'assessment_bonus(%s, NULL)',
		'assessment_deduction(%s, NULL)', 'assessment_applicable(%s)', 'assessment_missing(%s)',
		'assessment_vetoes(%s)', 'assessment_vetoed(%s)']) f
	UNION ALL
	SELECT 'assessment rollup', '(SELECT rollup(v)::text FROM fx_assessment WHERE id IN (1, 3))'
	UNION ALL
	SELECT 'weighted_score', '(SELECT weighted_score(p, w) FROM (VALUES (15::float8, 20::float8), (30, 30), (NULL, 50)) r(p, w))'
	UNION ALL
	SELECT 'score ' || f, f FROM unnest(ARRAY['score_proportional(0.9, 10)', 'score_proportional(1.3, 10, 0, 1.2)',
		'score_met(true, 10)', 'score_met(false, 10, 0.5)', 'score_banded(85, ''{100,90,80,70,60}'', 10)',
		'score_banded(3, ''{2,4,7,10,15}'', 10)', 'score_efficacy(75, 100, 50)', 'score_efficacy(75, 100, 50, 10, false)',
		'score_rank(3, 12, 10)', 'score_grade(85)', 'score_grade(59.5)']) f
)
SELECT label || '|' || pg_temp.answer(expr) FROM calls ORDER BY label;
