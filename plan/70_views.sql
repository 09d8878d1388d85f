-- Views and set-returning functions over the reference schema, for analysts
-- and BI tools: every column is a standard type (targets shown as text).
-- The functions take the as-of date and, optionally, an as-recorded time
-- (NULL: the latest revision of every reading); the *_latest views call
-- them at the latest month with readings.

-- Under row-level security, the units the current role sees, as an array
-- (to read each one's rows by index); else NULL: every unit.
CREATE OR REPLACE FUNCTION units_seen() RETURNS text[]
LANGUAGE sql STABLE PARALLEL SAFE
SET search_path = pg_catalog, scorecard, pg_temp AS $$
	SELECT CASE WHEN pg_catalog.row_security_active('scorecard.reading'::pg_catalog.regclass)
	            THEN ARRAY(SELECT visible_units()) END
$$;
COMMENT ON FUNCTION units_seen() IS 'under row-level security, the units the current role sees as an array; else NULL (every unit)';

-- The latest month (first day) with a reading from since to before (not
-- included; NULL: no bound) recorded by recorded_as_of (NULL: ever), of
-- units (NULL: every unit; units_seen() for the role's).  A month has a
-- reading in force as recorded at a time when any of its revisions was
-- recorded by then (a later revision replaces one, never removes it), so
-- any revision counts: the index reading_month gives it from its end, not
-- a pass over the readings in force.  Of given units, each unit's latest
-- month from the index reading_unit_month: from reading_month's end, a
-- county's role would pass every hidden unit's readings of the latest
-- months first (0.9 s at 3,000 counties, against 3 ms).  The bounds are
-- written as coalesces, not ORs, so that a generic plan keeps them as the
-- index's.  PL/pgSQL for Citus: as a SQL function with a pinned
-- search_path (never inlined) its query over a distributed reading could
-- not be planned ("could not create distributed plan"); PL/pgSQL passes
-- the values.
CREATE OR REPLACE FUNCTION latest_reading_month(since date, before date, recorded_as_of timestamptz, units text[])
RETURNS date
LANGUAGE plpgsql STABLE PARALLEL SAFE
SET search_path = pg_catalog, scorecard, pg_temp
SET plan_cache_mode = force_custom_plan AS $$
BEGIN
	IF units IS NOT NULL THEN
		RETURN (SELECT pg_catalog.max(m.month)
		        FROM pg_catalog.unnest(units) v(unit_id)
		        CROSS JOIN LATERAL (
		            SELECT pg_catalog.max(r.month) AS month FROM reading r
		            WHERE r.unit_id = v.unit_id
		              AND r.month >= coalesce(since, '-infinity'::date) AND r.month < coalesce(before, 'infinity'::date)
		              AND (recorded_as_of IS NULL OR r.recorded_at <= recorded_as_of)) m);
	END IF;
	RETURN (SELECT pg_catalog.max(r.month) FROM reading r
	        WHERE r.month >= coalesce(since, '-infinity'::date) AND r.month < coalesce(before, 'infinity'::date)
	          AND (recorded_as_of IS NULL OR r.recorded_at <= recorded_as_of));
END $$;
COMMENT ON FUNCTION latest_reading_month(date, date, timestamptz, text[]) IS 'latest month with a reading from since to before (excluded; NULL: no bound) recorded by recorded_as_of (NULL: ever), of units (NULL: all), by index';

-- The month the readings reach (first day), or NULL when there are none:
-- the latest month with readings (latest_reading_month, of the units the
-- role sees) that is after neither the current month (nor, as recorded at
-- recorded_as_of, that time's month) nor December of the last year with
-- targets (of those units).  So a reading of a far month (stored before
-- the loader refused them, or allowed by plan_setting.future_months) never
-- moves everyone's views to a month without data or targets.  year: the
-- latest month of that year instead (the default as-of date of a run of
-- it), bounded by its December, not by the years with targets.  Under
-- row-level security the last year with targets is read by the index
-- plan_target_unit_year, per visible unit.
CREATE OR REPLACE FUNCTION latest_month(recorded_as_of timestamptz DEFAULT NULL, year int DEFAULT NULL) RETURNS date
LANGUAGE plpgsql STABLE PARALLEL SAFE
SET search_path = pg_catalog, scorecard, pg_temp AS $$
DECLARE
	seen text[] := units_seen();
	last_year int := coalesce(year, CASE WHEN seen IS NULL THEN (SELECT pg_catalog.max(t.year) FROM plan_target t)
	                                     ELSE (SELECT pg_catalog.max(t.year) FROM plan_target t WHERE t.unit_id = ANY (seen)) END);
	cap date := LEAST(pg_catalog.date_trunc('month', CURRENT_DATE::timestamp)::date,
		pg_catalog.date_trunc('month', recorded_as_of)::date, pg_catalog.make_date(last_year, 12, 1));
	january date := CASE WHEN year IS NOT NULL THEN pg_catalog.make_date(year, 1, 1) END;
BEGIN
	RETURN latest_reading_month(january, (cap + interval '1 month')::date, recorded_as_of, seen);
END $$;
COMMENT ON FUNCTION latest_month(timestamptz, int) IS 'first day of the latest month with readings (as recorded at recorded_as_of; of year when given), not after the current month nor December of the last year with targets (of year)';

-- The as-of date of the *_latest views and of a run without one: the last
-- day of the latest month with readings, so that every view of one month
-- reports the same as_of.
CREATE OR REPLACE FUNCTION latest_as_of(recorded_as_of timestamptz DEFAULT NULL) RETURNS date
LANGUAGE sql STABLE PARALLEL SAFE
SET search_path = pg_catalog, scorecard, pg_temp AS $$
	SELECT (latest_month(recorded_as_of) + interval '1 month - 1 day')::date
$$;
COMMENT ON FUNCTION latest_as_of(timestamptz) IS 'last day of the latest month with readings: the as_of of the *_latest views';

-- The top area units: the area units (not departments) without a parent
-- (the city in the demo, the province in a province's plan).  An array,
-- so that a filter on it reaches a stored table's index
-- (progress_city_latest).
CREATE OR REPLACE FUNCTION top_area_units() RETURNS text[]
LANGUAGE sql STABLE PARALLEL SAFE
SET search_path = pg_catalog, scorecard, pg_temp AS $$
	SELECT coalesce(pg_catalog.array_agg(u.unit_id ORDER BY u.unit_id), '{}')
	FROM unit u JOIN unit_kind k ON k.kind = u.kind
	WHERE u.parent_id IS NULL AND NOT k.is_department
$$;
COMMENT ON FUNCTION top_area_units() IS 'the area units without a parent (the city in the demo), as an array';

-- The area units (not departments) reachable from a top unit, with the
-- path of their ancestors, the parent first.  A function of its own, not a
-- recursive CTE inside indicator_state: Citus cannot plan a recursive CTE
-- in a query that also reads the distributed readings ("recursive CTEs are
-- only supported when they contain a filter on the distribution column"),
-- while it runs this query alone, over reference tables.
CREATE OR REPLACE FUNCTION area_tree() RETURNS TABLE (unit_id text, parent_id text, path text[])
LANGUAGE sql STABLE PARALLEL SAFE
SET search_path = pg_catalog, scorecard, pg_temp AS $$
	WITH RECURSIVE tree AS (
		SELECT u.unit_id, u.parent_id, ARRAY[]::text[] AS path
		FROM unit u WHERE u.unit_id = ANY (top_area_units())
		UNION ALL
		SELECT u.unit_id, u.parent_id, t.unit_id || t.path
		FROM tree t JOIN unit u ON u.parent_id = t.unit_id JOIN unit_kind k ON k.kind = u.kind
		WHERE NOT k.is_department
	)
	SELECT tree.unit_id, tree.parent_id, tree.path FROM tree
$$;
COMMENT ON FUNCTION area_tree() IS 'area units reachable from a top unit, with the path of their ancestors (parent first)';

-- The units a computation limited to below covers (units_below), as an
-- array for a plan's constant: NULL when that is every unit (no limit to
-- check per row), none for an unknown unit.
CREATE OR REPLACE FUNCTION units_scope(below text) RETURNS text[]
LANGUAGE sql STABLE PARALLEL SAFE
SET search_path = pg_catalog, scorecard, pg_temp AS $$
	SELECT CASE WHEN below IS NOT NULL THEN (
		SELECT CASE WHEN pg_catalog.count(*) < (SELECT pg_catalog.count(*) FROM unit)
		            THEN coalesce(pg_catalog.array_agg(b.u), '{}') END
		FROM units_below(below) b(u)) END
$$;
COMMENT ON FUNCTION units_scope(text) IS 'the units of below''s subtree as an array; NULL when that is every unit or below is NULL';

-- The unit whose subtree holds the states that the targets of below and
-- of the units under it are judged on in a year: below, or its parent
-- where a target of below itself is judged on its parent's figure
-- (judged_on 'area'; NULL, all units, for a top unit's, or for no below).
CREATE OR REPLACE FUNCTION states_below(below text, year int) RETURNS text
LANGUAGE sql STABLE PARALLEL SAFE
SET search_path = pg_catalog, scorecard, pg_temp AS $$
	SELECT CASE WHEN EXISTS (SELECT 1 FROM plan_target t
	                         WHERE t.unit_id = below AND t.year = states_below.year AND t.judged_on = 'area')
	            THEN (SELECT u.parent_id FROM unit u WHERE u.unit_id = below)
	            ELSE below END
$$;
COMMENT ON FUNCTION states_below(text, int) IS 'the unit whose subtree''s states judge the targets of below and the units under it in a year: below, or its parent where a target of below is judged on its area';

-- Whether an indicator's level targets are judged against time progress
-- (序时进度): those of flows and task counts reported more often than once
-- a year.  progress() judges status and schedule gap by it, and
-- unit_scores_of scores against the time-prorated target by it.  Unpinned
-- so that it inlines: its body is SQL-standard, bound to its objects when
-- it was created.
CREATE OR REPLACE FUNCTION indicator_prorated(nature text, frequency text) RETURNS boolean
LANGUAGE sql IMMUTABLE PARALLEL SAFE
RETURN nature IN ('flow', 'task') AND frequency <> 'annual';
COMMENT ON FUNCTION indicator_prorated(text, text) IS 'whether an indicator''s level targets are judged against time progress (序时进度): flows and task counts not reported annually';

-- The year-to-date state of every indicator x unit at an as-of date: from
-- the unit's own readings, or, for an additive indicator and an area unit
-- without readings of its own, the roll-up of its child units' figures (a
-- province from its cities, a city from its counties; departments are
-- never rolled up).  A roll-up is made only when every child area unit has
-- a figure for the same data month (its own or, recursively, a roll-up);
-- otherwise the state is NULL and note says how many of how many child
-- units report: a partial sum is never shown as the parent's figure.  A
-- roll-up whose readings could add up beyond the float8 range (readings
-- of 1e308, past the plan's bounds) is NULL with a note too, rather than
-- an error for everyone.  data_month: the latest month of the as-of year with a reading at or
-- before the as-of date (quarterly and annual indicators report at quarter
-- ends and in December); reported_growth: the growth published with it.
--
-- Cost: linear in the readings of the two years and the units.  Each own
-- state climbs the hierarchy (one row per ancestor, from the unit's path of
-- ancestors: no recursion over states) up to, not including, the nearest
-- ancestor with a figure of its own (found once per parent unit and
-- indicator, not per state), and so does each "hole" (an area unit at the
-- bottom of the hierarchy without a figure); an ancestor reached by a hole
-- is incomplete (holes are looked for only under indicators that some unit
-- at the bottom lacks).
-- Planned as the recipe in docs/development.md ("How the plan model stays
-- linear") says: PL/pgSQL with custom plans, no JIT, no merge joins, no sorts.
CREATE OR REPLACE FUNCTION indicator_state(as_of date, recorded_as_of timestamptz DEFAULT NULL,
	below text DEFAULT NULL)
RETURNS TABLE (indicator_id int, unit_id text, state ytd, data_month date,
	reported_growth float8, rolled_up boolean, note text)
LANGUAGE plpgsql STABLE PARALLEL SAFE ROWS 100000
SET search_path = pg_catalog, scorecard, pg_temp
SET plan_cache_mode = force_custom_plan
SET jit = off
SET enable_mergejoin = off
SET enable_sort = off AS $$
#variable_conflict use_column
DECLARE
	year_start date := pg_catalog.date_trunc('year', as_of)::date;
	-- the units whose states are computed: below and every unit under it
	-- (a subtree holds whatever its roll-ups read), or all (NULL); a
	-- query of its own, as area_tree() is for Citus
	scope text[] := units_scope(below);
BEGIN
	RETURN QUERY
	WITH tree AS (
		-- area units (not departments) reachable from a top unit, with the
		-- path of their ancestors, the parent first
		SELECT a.unit_id, a.parent_id, a.path FROM area_tree() a
		WHERE scope IS NULL OR a.unit_id = ANY (scope)
	), bottom AS (
		-- area units without child area units
		SELECT t.unit_id, t.path FROM tree t
		WHERE NOT EXISTS (SELECT 1 FROM tree c WHERE c.parent_id = t.unit_id)
	), own AS (
		SELECT r.indicator_id, r.unit_id,
		       ytd_agg(r.month, r.value, CASE WHEN i.nature = 'rate' THEN 'rate' ELSE i.reporting END) AS state,
		       max(r.month) FILTER (WHERE r.month >= year_start) AS data_month,
		       -- the latest reported growth of the year and its month, as
		       -- {days since 2000, growth} (an array's max: hash-aggregable)
		       max(ARRAY[(r.month - DATE '2000-01-01')::float8, r.reported_growth])
		            FILTER (WHERE r.month >= year_start AND r.reported_growth IS NOT NULL) AS growth,
		       bool_and(i.additive) AS additive,
		       -- the largest reading: no month of the state is larger
		       max(abs(r.value)) AS mag
		-- readings(recorded_as_of, a year before year_start, as_of), written
		-- out (the same rule; test/suites/one_rule.sh checks it alike): Citus must see reading in
		-- the query it plans, and refuses a SQL function that PostgreSQL
		-- inlines afterwards ("parameterized queries for SQL functions
		-- referencing distributed tables are not supported")
		FROM reading r
		JOIN indicator i ON i.indicator_id = r.indicator_id
		WHERE (recorded_as_of IS NULL OR r.recorded_at <= recorded_as_of)
		  AND r.month >= (year_start - interval '1 year')::date AND r.month <= as_of
		  AND (scope IS NULL OR r.unit_id = ANY (scope))
		  AND NOT EXISTS (
			SELECT 1 FROM reading n
			WHERE n.revision > 1
			  AND n.indicator_id = r.indicator_id AND n.unit_id = r.unit_id AND n.month = r.month
			  AND n.revision > r.revision
			  AND (recorded_as_of IS NULL OR n.recorded_at <= recorded_as_of))
		GROUP BY r.indicator_id, r.unit_id
	), seeds AS NOT MATERIALIZED (
		-- what climbs the hierarchy: the states of additive indicators of
		-- area units, and holes (a unit at the bottom without a figure, only
		-- for indicators that some unit at the bottom lacks)
		SELECT o.indicator_id, o.unit_id AS origin_id, t.path, o.state, o.data_month, false AS hole, o.mag
		FROM own o JOIN tree t ON t.unit_id = o.unit_id
		WHERE o.additive
		UNION ALL
		SELECT i.indicator_id, b.unit_id, b.path, NULL, NULL, true, NULL::float8
		FROM bottom b
		CROSS JOIN (SELECT o.indicator_id FROM own o LEFT JOIN bottom b ON b.unit_id = o.unit_id
		            WHERE o.additive GROUP BY o.indicator_id
		            HAVING count(b.unit_id) < (SELECT count(*) FROM bottom)) i
		WHERE NOT EXISTS (SELECT 1 FROM own o WHERE o.indicator_id = i.indicator_id AND o.unit_id = b.unit_id)
	), stops AS (
		-- for each parent area unit and additive indicator: how many steps
		-- up from it (1: itself) the nearest area unit with a figure of its
		-- own is, where a climb through it stops.  One row per parent,
		-- ancestor and indicator owned there: linear in the units and
		-- indicators, whatever the number of states below them.
		SELECT o.indicator_id, x.unit_id, min(a.k) AS d
		FROM tree x
		CROSS JOIN LATERAL unnest(pg_catalog.array_prepend(x.unit_id, x.path)) WITH ORDINALITY a(unit_id, k)
		JOIN own o ON o.unit_id = a.unit_id AND o.additive
		WHERE x.unit_id IN (SELECT t.parent_id FROM tree t)
		GROUP BY o.indicator_id, x.unit_id
	), risky AS (
		-- the ancestors whose roll-up could leave the float8 range (and
		-- raise an error for everyone): where the largest readings of the
		-- states reaching them add up to 1.5e308 or more (the limit is
		-- 1.797e308).  Only states with a reading beyond 1e290 are looked
		-- at (none within the plan's bounds): all the others, one per unit,
		-- add up to less than 1e307.
		SELECT s.indicator_id, a.unit_id
		FROM seeds s
		LEFT JOIN stops st ON st.indicator_id = s.indicator_id AND st.unit_id = s.path[1]
		CROSS JOIN LATERAL unnest(s.path) WITH ORDINALITY a(unit_id, k)
		WHERE s.mag > 1e290::float8 AND (st.d IS NULL OR a.k < st.d)
		GROUP BY s.indicator_id, a.unit_id
		HAVING sum(s.mag / 1e10::float8) >= 1.5e298::float8
	), rolled AS (
		-- each ancestor below the nearest one with a figure of its own (k
		-- steps up from the seed: its parent, path[1], is 1 step): the
		-- roll-up of what reaches it (none where it is risky)
		SELECT s.indicator_id, a.unit_id, rollup(s.state) FILTER (WHERE rk.unit_id IS NULL) AS state,
		       count(*) FILTER (WHERE s.hole) AS holes, count(s.state) AS states,
		       count(s.data_month) AS dated, min(s.data_month) AS first_month, max(s.data_month) AS last_month,
		       bool_or(rk.unit_id IS NOT NULL) AS out_of_range
		FROM seeds s
		LEFT JOIN stops st ON st.indicator_id = s.indicator_id AND st.unit_id = s.path[1]
		CROSS JOIN LATERAL unnest(s.path) WITH ORDINALITY a(unit_id, k)
		LEFT JOIN risky rk ON rk.indicator_id = s.indicator_id AND rk.unit_id = a.unit_id
		WHERE st.d IS NULL OR a.k < st.d
		GROUP BY s.indicator_id, a.unit_id
	), complete AS (
		-- (in a subtree, the climbs go on above its top unit: those
		-- ancestors' partial roll-ups are not its units')
		SELECT rd.*, rd.holes = 0 AND NOT rd.out_of_range
		             AND (rd.dated = 0 OR (rd.dated = rd.states AND rd.first_month = rd.last_month)) AS ok
		FROM rolled rd
		WHERE rd.states > 0 AND (scope IS NULL OR rd.unit_id = ANY (scope))
	), figure AS (
		SELECT o.indicator_id, o.unit_id, o.data_month FROM own o
		UNION ALL
		SELECT c.indicator_id, c.unit_id, c.first_month FROM complete c WHERE c.ok
	), reporting AS (
		-- for a parent whose roll-up is incomplete: its child area units, and
		-- those with a figure for the latest data month among them
		SELECT c.indicator_id, c.unit_id, count(*) AS children,
		       count(*) FILTER (WHERE f.data_month = c.last_month
		                        OR (c.last_month IS NULL AND f.indicator_id IS NOT NULL)) AS reporting
		FROM complete c
		JOIN tree ch ON ch.parent_id = c.unit_id
		LEFT JOIN figure f ON f.indicator_id = c.indicator_id AND f.unit_id = ch.unit_id
		WHERE NOT c.ok
		GROUP BY c.indicator_id, c.unit_id
	)
	SELECT o.indicator_id, o.unit_id, o.state, o.data_month,
	       CASE WHEN o.growth[1] = o.data_month - DATE '2000-01-01' THEN o.growth[2] END, false, NULL::text
	FROM own o
	UNION ALL
	SELECT c.indicator_id, c.unit_id,
	       CASE WHEN c.ok THEN c.state END,
	       CASE WHEN c.ok THEN c.first_month END,
	       NULL::float8, true,
	       CASE WHEN c.out_of_range THEN 'roll-up out of range: the child units'' readings add up beyond the float8 range'
	            WHEN NOT c.ok THEN pg_catalog.format('roll-up incomplete: %s of %s child units report%s',
	            rp.reporting, rp.children,
	            CASE WHEN c.last_month IS NOT NULL THEN ' for ' || pg_catalog.to_char(c.last_month, 'YYYY-MM') ELSE '' END) END
	FROM complete c
	LEFT JOIN reporting rp ON rp.indicator_id = c.indicator_id AND rp.unit_id = c.unit_id;
END $$;
COMMENT ON FUNCTION indicator_state(date, timestamptz, text) IS 'ytd state of each indicator x unit at as_of (of below and the units under it; NULL: all): own readings, or the roll-up of the child units when every one reports (else NULL and a note)';

-- indicator_state()'s rows as one array, for the functions that take the
-- states computed once (progress_of_states, the report's sections).
CREATE OR REPLACE FUNCTION indicator_state_rows(as_of date, recorded_as_of timestamptz DEFAULT NULL,
	below text DEFAULT NULL)
RETURNS indicator_state_row[]
LANGUAGE sql STABLE PARALLEL SAFE
SET search_path = pg_catalog, scorecard, pg_temp AS $$
	SELECT ARRAY(SELECT (x.indicator_id, x.unit_id, x.state, x.data_month, x.reported_growth, x.rolled_up, x.note)::indicator_state_row
	             FROM indicator_state(as_of, recorded_as_of, below) x)
$$;
COMMENT ON FUNCTION indicator_state_rows(date, timestamptz, text) IS 'the rows of indicator_state() as one array';

-- Progress of every target of the as-of year, per indicator x unit.
--   value: year-to-date value (flows) or level at the month (stocks, rates);
--   prior: the same a year before; computed_growth: % from the readings;
--   reported_growth: % the bureau published; growth: the one shown
--   (reported if published, else computed), growth_source says which;
--   change_pp: change of a rate in points; actual: what the target is
--   judged on; reference: the reference indicator's growth (relative
--   targets); decimals: the published precision the target is judged at
--   (growth_decimals for growth, else decimals; NULL: 2 for rates),
--   actual_published: the actual at that precision;
--   met, gap, attainment, time_progress, schedule_gap (level targets of
--   flows), status (green/yellow/red; NULL without data) of the published
--   figure, by the band set in force (the target's status_bands, else the
--   indicator's, else the plan's, else the default tolerances), which
--   status_bands shows (NULL: the defaults); note.  time_progress is the share of the target's schedule
--   (target_schedule, else indicator_schedule: shares, or last year's
--   seasonal shape) at the data month where it has one, else m/12; level
--   targets of flows are judged against it (schedule_gap, status), and
--   scored against it (unit_scores); schedule says which: shares,
--   seasonal, seasonal (no shape) (no figures a year before: m/12) or
--   linear (m/12).
-- A target judged_on 'area' (a department's, usually) is judged on the
-- figure of the target unit's parent, the area it serves.  Derived
-- indicators (counties with GDP over a threshold) count the child area
-- units whose last-twelve-month value exceeds it; task indicators count the
-- tasks linked to them completed by the as-of date.  Every join is on keys
-- (hash joins), so the cost grows linearly with targets and states.
-- Planned as the recipe in docs/development.md ("How the plan model stays
-- linear") says: PL/pgSQL with custom plans, no JIT, no merge joins, no nested
-- loops.
-- It returns rows of the type progress_row (a PL/pgSQL function's OUT
-- column could not share the argument's name, as_of), named in the final
-- SELECT as there (test/suites/one_rule.sh checks the names and order).
-- progress_of_states judges the states given (indicator_state_rows of the
-- same as_of and recorded_as_of), so that a caller that also reads the
-- states (the report) computes them once; given NULL it computes them,
-- as progress() asks it to (an empty array is judged as no states).
-- below limits it to the targets of that unit and the units under it (a
-- report of a county need not judge the nation): its rows are those of
-- progress() for these units, judged on the states of states_below's
-- subtree, which holds every figure they read (a parent's roll-up reads
-- its children only).

CREATE OR REPLACE FUNCTION progress_of_states(as_of date, state_rows indicator_state_row[],
	recorded_as_of timestamptz DEFAULT NULL, below text DEFAULT NULL)
RETURNS SETOF progress_row
LANGUAGE plpgsql STABLE PARALLEL SAFE ROWS 100000
SET search_path = pg_catalog, scorecard, pg_temp
SET plan_cache_mode = force_custom_plan
SET jit = off
SET enable_mergejoin = off
SET enable_nestloop = off AS $$
#variable_conflict use_column
DECLARE
	-- the plan's band set, read once (a constant of the custom plan)
	plan_bands text := (SELECT ps.status_bands FROM plan_setting ps WHERE ps.only_row);
	-- the units whose targets are judged: below and those under it, or all
	scope text[] := units_scope(below);
BEGIN
	RETURN QUERY
	WITH states AS (
		-- the states given, or (NULL) computed here: read from
		-- indicator_state's result in place, where an array of them would
		-- be built, copied into the plan and taken apart again
		SELECT * FROM unnest(state_rows)
		UNION ALL
		SELECT * FROM indicator_state(as_of, recorded_as_of, states_below(below, extract(year FROM as_of)::int))
		WHERE state_rows IS NULL
	), adjusted AS (
		-- the targets changed mid-year, as in force at the as-of date
		SELECT * FROM target_adjustments_in_force(as_of, recorded_as_of)
	), targets AS NOT MATERIALIZED (
		-- the targets of the as-of year in force at the as-of date (the
		-- version judged), with the unit whose figure each is judged on (a
		-- department's area)
		SELECT t.indicator_id, t.unit_id, t.year, coalesce(v.target, t.target) AS target, t.weight,
		       t.reference_indicator_id, coalesce(v.version, 1) AS target_version, v.effective_from AS target_since,
		       t.status_bands AS target_bands,
		       CASE WHEN t.judged_on = 'area' THEN tu.parent_id ELSE t.unit_id END AS judged_unit_id
		FROM plan_target t
		JOIN unit tu ON tu.unit_id = t.unit_id
		LEFT JOIN adjusted v ON v.indicator_id = t.indicator_id AND v.unit_id = t.unit_id
		WHERE t.year = extract(year FROM as_of)::int AND (scope IS NULL OR t.unit_id = ANY (scope))
	), inputs AS (
		-- each target with its indicator, its state and its schedule
		SELECT t.indicator_id, t.unit_id, t.judged_unit_id, t.target, t.target_version, t.target_since,
		       t.weight, t.reference_indicator_id,
		       i.nature, i.frequency, i.derived_from, i.derived_threshold,
		       i.decimals AS value_decimals, i.growth_decimals,
		       s.state, s.data_month, s.reported_growth, s.note AS state_note,
		       -- the band set in force: the target's, the indicator's, the
		       -- plan's (NULL: the default tolerances)
		       coalesce(t.target_bands, i.status_bands, plan_bands) AS bands,
		       coalesce(ts.shares, isc.shares) AS shares, coalesce(ts.seasonal, isc.seasonal) AS seasonal
		FROM targets t
		JOIN indicator i ON i.indicator_id = t.indicator_id
		LEFT JOIN states s ON s.indicator_id = t.indicator_id AND s.unit_id = t.judged_unit_id
		-- the target's schedule, else the indicator's (75_arith.sql)
		LEFT JOIN target_schedule ts ON ts.indicator_id = t.indicator_id AND ts.unit_id = t.unit_id
			AND ts.year = t.year
		LEFT JOIN indicator_schedule isc ON ts.indicator_id IS NULL AND isc.indicator_id = t.indicator_id
			AND isc.year = t.year
	), state_figures AS (
		-- the figures of the state at its data month, full precision
		SELECT n.*,
		       CASE WHEN n.nature = 'flow' THEN ytd_value(n.state, n.data_month)
		            ELSE ytd_level(n.state, n.data_month) END AS state_value,
		       CASE WHEN n.nature = 'flow' THEN ytd_prior(n.state, n.data_month)
		            ELSE ytd_level(n.state, (n.data_month - interval '1 year')::date) END AS prior,
		       CASE n.nature WHEN 'flow' THEN ytd_growth(n.state, n.data_month)
		                     WHEN 'stock' THEN ytd_level_growth(n.state, n.data_month) END AS computed_growth,
		       CASE WHEN n.nature = 'rate' THEN ytd_change(n.state, n.data_month) END AS change_pp,
		       -- the schedule in force: shares, or last year's seasonal shape
		       CASE WHEN n.seasonal AND n.nature = 'flow' THEN ytd_seasonal_schedule(n.state, n.data_month)
		            WHEN NOT n.seasonal THEN n.shares END AS schedule_shares
		FROM inputs n
		-- a fence (here and in judged): each expression is evaluated once
		-- per target, where the planner would copy it into every use above
		OFFSET 0
	), derived_counts AS (
		-- derived: child units whose last twelve months exceed the threshold
		SELECT t.indicator_id, t.unit_id, min(s.data_month) AS data_month,
		       -- in numeric: the sum of two finite float8 values may overflow
		       count(*) FILTER (WHERE ytd_value(s.state, s.data_month)::numeric
		                        + ytd_value(s.state, make_date(extract(year FROM s.data_month)::int - 1, 12, 1))::numeric
		                        - ytd_prior(s.state, s.data_month)::numeric > di.derived_threshold::numeric)::float8 AS value,
		       bool_and(ytd_value(s.state, s.data_month) IS NOT NULL AND ytd_prior(s.state, s.data_month) IS NOT NULL
		                AND ytd_value(s.state, make_date(extract(year FROM s.data_month)::int - 1, 12, 1)) IS NOT NULL) AS complete
		FROM targets t
		JOIN indicator di ON di.indicator_id = t.indicator_id   -- not inputs, which is read once
		JOIN unit c ON c.parent_id = t.judged_unit_id
		JOIN unit_kind ck ON ck.kind = c.kind AND NOT ck.is_department
		JOIN states s ON s.indicator_id = di.derived_from AND s.unit_id = c.unit_id
		WHERE di.derived_from IS NOT NULL
		GROUP BY t.indicator_id, t.unit_id
	), task_counts AS (
		-- task indicators: tasks done by the as-of date
		SELECT tk.indicator_id,
		       count(*) FILTER (WHERE tk.status = 'done' AND tk.completed_on <= as_of)::float8 AS value
		FROM task tk
		WHERE tk.year = extract(year FROM as_of)::int AND tk.indicator_id IS NOT NULL
		GROUP BY tk.indicator_id
	), reference_states AS (
		-- the states of the reference indicators of relative targets (few:
		-- hashed, where all the states would be)
		SELECT s.* FROM states s
		WHERE s.indicator_id IN (SELECT pt.reference_indicator_id FROM plan_target pt
		                         WHERE pt.year = extract(year FROM as_of)::int)
	), values_of AS (
		-- the value and the growth shown, whatever the indicator's kind
		SELECT f.*,
		       CASE WHEN f.derived_from IS NOT NULL THEN dc.data_month
		            WHEN f.nature = 'task' THEN pg_catalog.date_trunc('month', as_of::timestamp)::date
		            ELSE f.data_month END AS judged_month,
		       CASE WHEN f.derived_from IS NOT NULL THEN CASE WHEN dc.complete THEN dc.value END
		            WHEN f.nature = 'task' THEN coalesce(tc.value, 0)
		            ELSE f.state_value END AS value,
		       coalesce(f.reported_growth, f.computed_growth) AS growth,
		       CASE WHEN f.reported_growth IS NOT NULL THEN 'reported'
		            WHEN f.computed_growth IS NOT NULL THEN 'computed' END AS growth_source
		FROM state_figures f
		LEFT JOIN derived_counts dc ON dc.indicator_id = f.indicator_id AND dc.unit_id = f.unit_id
		LEFT JOIN task_counts tc ON tc.indicator_id = f.indicator_id AND f.nature = 'task'
	), judged AS (
		-- what the target is judged on, at which precision, against what
		SELECT v.*,
		       CASE target_measure(v.target)
		            WHEN 'growth' THEN v.growth
		            WHEN 'change' THEN v.change_pp
		            ELSE v.value END AS actual,
		       -- the published precision: growth at growth_decimals, the rest at
		       -- decimals (NULL: 2 for rates, full precision for the others)
		       CASE WHEN target_measure(v.target) = 'growth' THEN v.growth_decimals
		            ELSE coalesce(v.value_decimals, CASE WHEN v.nature = 'rate' THEN 2 END) END AS decimals,
		       -- the figure as published, exact: the state's exact decimal
		       -- sums rounded half away from zero at the precision (NULL, and
		       -- actual is used: not from a state, reported growth, full
		       -- precision, or a month not held as a decimal)
		       CASE WHEN v.state IS NULL OR v.derived_from IS NOT NULL OR v.nature = 'task' THEN NULL
		            WHEN target_measure(v.target) = 'growth' THEN
		                 CASE WHEN v.reported_growth IS NOT NULL OR v.growth_decimals IS NULL THEN NULL
		                      WHEN v.nature = 'flow' THEN ytd_growth(v.state, v.data_month, v.growth_decimals)
		                      WHEN v.nature = 'stock' THEN ytd_level_growth(v.state, v.data_month, v.growth_decimals) END
		            WHEN v.value_decimals IS NULL AND v.nature <> 'rate' THEN NULL
		            WHEN target_measure(v.target) = 'change' THEN
		                 CASE WHEN v.nature = 'rate' THEN ytd_change(v.state, v.data_month, coalesce(v.value_decimals, 2)) END
		            WHEN v.nature = 'flow' THEN ytd_value(v.state, v.data_month, v.value_decimals)
		            ELSE ytd_level(v.state, v.data_month, coalesce(v.value_decimals, 2)) END AS exact_published,
		       coalesce(rs.reported_growth,
		                CASE WHEN ri.nature = 'flow' THEN ytd_growth(rs.state, rs.data_month)
		                     ELSE ytd_level_growth(rs.state, rs.data_month) END) AS reference,
		       -- level targets of flows and task counts are judged against
		       -- time progress (the schedule's, or m/12)
		       indicator_prorated(v.nature, v.frequency) AS prorated
		FROM values_of v
		LEFT JOIN indicator ri ON ri.indicator_id = v.reference_indicator_id
		LEFT JOIN reference_states rs ON rs.indicator_id = v.reference_indicator_id AND rs.unit_id = v.judged_unit_id
		OFFSET 0
	), published AS (
		-- the figure met, gap, attainment and status are of: the exact
		-- published figure, else the actual (rounded by each judgement)
		SELECT j.*, coalesce(j.exact_published, j.actual) AS figure
		FROM judged j
	)
	-- the columns of progress_row, in its order, each named as there
	SELECT p.indicator_id AS indicator_id, i.code AS code, i.action_id AS action_id,
	       i.name_zh AS indicator_zh, i.name_en AS indicator_en, i.measure_unit AS measure_unit,
	       i.nature AS nature, p.unit_id AS unit_id, u.name_zh AS unit_zh, u.kind AS unit_kind,
	       extract(year FROM as_of)::int AS year, as_of AS as_of, p.judged_month AS data_month,
	       p.target::text AS target, p.weight AS weight, p.value AS value, p.prior AS prior,
	       p.computed_growth AS computed_growth, p.reported_growth AS reported_growth,
	       p.growth AS growth, p.growth_source AS growth_source, p.change_pp AS change_pp,
	       p.actual AS actual, p.decimals AS decimals,
	       round_published(p.figure, p.decimals) AS actual_published,
	       -- the reference is NULL for targets that are not relative
	       p.reference AS reference,
	       target_met(p.target, p.figure, p.reference, p.decimals) AS met,
	       target_gap(p.target, p.figure, p.reference, p.decimals) AS gap,
	       target_attainment(p.target, p.figure, p.reference, p.decimals) AS attainment,
	       CASE WHEN p.schedule_shares IS NOT NULL AND p.judged_month IS NOT NULL
	            THEN schedule_progress(p.schedule_shares, p.judged_month)
	            ELSE time_progress(coalesce(p.judged_month, as_of)) END AS time_progress,
	       CASE WHEN p.prorated AND p.schedule_shares IS NOT NULL
	            THEN target_schedule_gap(p.target, p.figure, p.judged_month, p.schedule_shares, p.decimals)
	            WHEN p.prorated THEN target_schedule_gap(p.target, p.figure, p.judged_month, decimals => p.decimals)
	       END AS schedule_gap,
	       CASE WHEN p.prorated AND p.schedule_shares IS NOT NULL
	            THEN target_status(p.target, p.figure, p.judged_month, p.bands, p.schedule_shares, p.reference, decimals => p.decimals)
	            ELSE target_status(p.target, p.figure, p.judged_month, p.bands, flow => p.prorated,
	                               reference => p.reference, decimals => p.decimals) END AS status,
	       CASE WHEN p.state IS NULL AND p.state_note IS NOT NULL THEN p.state_note
	            WHEN p.judged_month IS NULL AND i.jan_feb_combined AND extract(month FROM as_of)::int = 1
	            THEN 'January is reported with February (1-2月)'
	            WHEN p.judged_month IS NULL THEN format('no reading in %s yet', extract(year FROM as_of))
	            WHEN p.actual IS NULL AND p.derived_from IS NOT NULL THEN 'a unit''s figures are incomplete'
	            -- no month missing: a sum or ratio of the readings leaves
	            -- the float8 range (a reading of 1e308)
	            WHEN p.actual IS NULL AND p.state IS NOT NULL THEN
	                 coalesce('missing months: ' || nullif(array_to_string(
	                     ytd_missing(p.state, p.judged_month, CASE WHEN p.nature = 'flow' THEN 'value' ELSE 'level' END), ', '), ''),
	                     'figure out of range: the readings are too large to compute it')
	            WHEN p.actual IS NULL THEN 'no comparable figure'
	            WHEN target_is_relative(p.target) AND p.reference IS NULL THEN 'reference indicator has no figure'
	            -- the gap or attainment of finite figures leaves the float8
	            -- range (1.7e308 against -1e308; 1e300 against 1e-300): NULL,
	            -- said here (an attainment is NULL by rule only against a
	            -- threshold of zero or of the other sign)
	            WHEN target_gap(p.target, p.actual, p.reference, p.decimals) IS NULL
	                 OR (target_attainment(p.target, p.actual, p.reference, p.decimals) IS NULL
	                     AND pg_catalog.sign(round_published(p.actual, p.decimals))
	                         * pg_catalog.sign(coalesce(p.reference, target_threshold(p.target))) = 1::float8)
	            THEN 'gap or attainment out of range: the figures are too far apart to compare'
	       END AS note,
	       CASE WHEN p.schedule_shares IS NOT NULL THEN CASE WHEN p.seasonal THEN 'seasonal' ELSE 'shares' END
	            WHEN p.seasonal THEN 'seasonal (no shape)' ELSE 'linear' END AS schedule,
	       p.target_version AS target_version, p.target_since AS target_since,
	       p.bands AS status_bands
	FROM published p
	JOIN indicator i ON i.indicator_id = p.indicator_id
	JOIN unit u ON u.unit_id = p.unit_id
	ORDER BY u.sort_order, p.unit_id, p.indicator_id;
END $$;
COMMENT ON FUNCTION progress_of_states(date, indicator_state_row[], timestamptz, text) IS 'progress() judged on the states given (indicator_state_rows of the same as_of and recorded_as_of; NULL: computed here), of the targets of below and the units under it (NULL: all)';

CREATE OR REPLACE FUNCTION progress(as_of date, recorded_as_of timestamptz DEFAULT NULL)
RETURNS SETOF progress_row
LANGUAGE sql STABLE PARALLEL SAFE ROWS 100000
SET search_path = pg_catalog, scorecard, pg_temp AS $$
	SELECT * FROM progress_of_states(as_of, NULL, recorded_as_of)
$$;
COMMENT ON FUNCTION progress(date, timestamptz) IS 'progress of every target of the as-of year per indicator x unit (ytd value and growth, target, met, gap, attainment, time progress, status)';

-- The progress of the top of the hierarchy: the rows of the area units
-- without a parent (the city in the demo, the province in a province's
-- plan), from their own readings or the roll-up of their child units, with
-- the action's name.
CREATE OR REPLACE FUNCTION progress_city(as_of date, recorded_as_of timestamptz DEFAULT NULL)
RETURNS TABLE (indicator_id int, action_id int, action_zh text, indicator_zh text, indicator_en text,
	measure_unit text, data_month date, target text, value float8, growth float8,
	growth_source text, actual float8, decimals int, actual_published float8, reference float8,
	met boolean, gap float8,
	attainment float8, time_progress float8, schedule_gap float8, status text, note text,
	unit_id text)
LANGUAGE sql STABLE PARALLEL SAFE ROWS 10000
SET search_path = pg_catalog, scorecard, pg_temp AS $$
	SELECT p.indicator_id, p.action_id, a.name_zh, p.indicator_zh, p.indicator_en, p.measure_unit,
	       p.data_month, p.target, p.value, p.growth, p.growth_source, p.actual, p.decimals,
	       p.actual_published, p.reference,
	       p.met, p.gap, p.attainment, p.time_progress, p.schedule_gap, p.status, p.note, p.unit_id
	FROM progress(as_of, recorded_as_of) p
	JOIN unit u ON u.unit_id = p.unit_id
	LEFT JOIN action a ON a.action_id = p.action_id
	-- (a scalar subquery: computed once, not for every row of progress())
	WHERE p.unit_id = ANY ((SELECT top_area_units())::text[])
	ORDER BY u.sort_order, p.unit_id, p.indicator_id
$$;
COMMENT ON FUNCTION progress_city(date, timestamptz) IS 'progress of the top area units'' targets (the city in the demo: its readings or the roll-up of its child units)';

-- Task lists against time progress: investment completion (completed /
-- planned) against the share of the task's span (start to due date)
-- elapsed at the as-of date, and overdue tasks (due before the as-of date
-- and not done).  Investment figures are the task list's current ones.
CREATE OR REPLACE FUNCTION task_progress(as_of date)
RETURNS TABLE (task_id text, action_id int, action_zh text, kind text, name_zh text,
	responsible_unit_id text, responsible_unit_zh text, lead_person text, section text,
	due_date date, status text, completed_on date, planned_investment numeric,
	completed_investment numeric, investment_completion numeric, time_progress numeric,
	ahead_of_schedule numeric, overdue boolean, days_overdue int)
LANGUAGE sql STABLE PARALLEL SAFE
SET search_path = pg_catalog, scorecard, pg_temp AS $$
	SELECT t.task_id, t.action_id, a.name_zh, t.kind, t.name_zh, t.responsible_unit_id, u.name_zh,
	       t.lead_person, t.section, t.due_date, t.status, t.completed_on,
	       t.planned_investment, t.completed_investment,
	       round(t.completed_investment / nullif(t.planned_investment, 0), 4),
	       tp.p,
	       round(t.completed_investment / nullif(t.planned_investment, 0), 4) - tp.p,
	       t.status <> 'done' AND t.due_date < as_of,
	       CASE WHEN t.status <> 'done' AND t.due_date < as_of THEN as_of - t.due_date END
	FROM task t
	JOIN action a ON a.action_id = t.action_id
	JOIN unit u ON u.unit_id = t.responsible_unit_id
	CROSS JOIN LATERAL (
		SELECT round(least(1, greatest(0,
			(as_of - coalesce(t.start_date, make_date(t.year, 1, 1)) + 1)::numeric
			/ nullif(t.due_date - coalesce(t.start_date, make_date(t.year, 1, 1)) + 1, 0))), 4) AS p
	) tp
	ORDER BY t.action_id, t.task_id
$$;
COMMENT ON FUNCTION task_progress(date) IS 'tasks with investment completion against time progress, and overdue flags';

-- The peer group of a unit kind (unit_kind.peer_group): units of one peer
-- group under one parent are ranked together.
CREATE OR REPLACE FUNCTION unit_peer_group(kind text) RETURNS text
LANGUAGE sql STABLE PARALLEL SAFE
SET search_path = pg_catalog, scorecard, pg_temp AS $$
	SELECT k.peer_group FROM unit_kind k WHERE k.kind = unit_peer_group.kind
$$;
COMMENT ON FUNCTION unit_peer_group(text) IS 'peer group of a unit kind (districts, county-level cities and counties: county)';

-- Points per indicator for every unit with weighted targets, on the figure
-- published at the target's precision (decimals), from the rows of
-- progress() given (unit_scores gives those of an as-of date; a run gives
-- the rows it stores, so that it computes progress once).  Level targets
-- of flows and task counts (not annual ones) are scored against the
-- time-prorated target (序时目标, target_prorated at the data month's time
-- progress) unless year_end is true: then against the whole year's
-- target, as at the year's end.  scored_target is the target scored
-- against; met and attainment are of it.  ratio: score_ratio (weight x
-- attainment within [floor, cap], by the scoring rule of docs/reference.md:
-- defined at zero and across it, ranges capped at the weight); threshold:
-- full weight if met, floor x weight if not; efficacy: score_efficacy with
-- {satisfactory, disallowed}; banded: score_banded with five standards;
-- rank: score_rank among the units with a figure of the same peer group
-- under the same parent (the counties of one city), on the published
-- figure.  No figure: NULL points, the item not applicable (its weight is
-- redistributed by assess()).  Ranks are computed over the indicators
-- that some unit scores by rank only, on narrow rows; the fences (OFFSET
-- 0) evaluate the prorated target and its judgement once per row.
-- Planned as the recipe in docs/development.md ("How the plan model stays
-- linear") says: PL/pgSQL with generic plans (its argument, the rows, is
-- not copied into the plan as a constant), no JIT, no merge joins, no
-- nested loops.

CREATE OR REPLACE FUNCTION unit_scores_of(progress_rows progress_row[], year_end boolean DEFAULT false)
RETURNS SETOF unit_score_row
LANGUAGE plpgsql STABLE PARALLEL SAFE ROWS 10000
SET search_path = pg_catalog, scorecard, pg_temp
SET plan_cache_mode = force_generic_plan
SET jit = off
SET enable_mergejoin = off
SET enable_nestloop = off AS $$
#variable_conflict use_column
DECLARE
	-- once, not per row: whether row-level security hides some units
	all_units boolean := sees_all_units();
BEGIN
	RETURN QUERY
	WITH p AS (
		-- the columns used below only: this CTE is read three times
		SELECT p.indicator_id, p.unit_id, p.unit_zh, p.indicator_zh, p.target, p.weight, p.actual,
		       p.decimals, p.actual_published, p.reference,
		       t.scoring, t.score_floor, t.score_cap, t.score_params,
		       i.higher_is_better, u.parent_id, k.peer_group AS peers,
		       CASE WHEN j.prorated THEN target_prorated(j.judged, p.time_progress) ELSE j.judged END AS tgt,
		       -- what the scale and baseline parameters are multiplied by:
		       -- time progress where the level target is prorated, as it is
		       CASE WHEN j.prorated AND target_measure(j.judged) = 'level' THEN p.time_progress ELSE 1 END AS param_scale
		FROM unnest(progress_rows) p
		JOIN plan_target t ON t.indicator_id = p.indicator_id AND t.unit_id = p.unit_id AND t.year = p.year
		JOIN indicator i ON i.indicator_id = p.indicator_id
		JOIN unit u ON u.unit_id = p.unit_id
		JOIN unit_kind k ON k.kind = u.kind
		CROSS JOIN LATERAL (
			-- the target judged: the version in force, progress()'s (its text
			-- read only for an adjusted target), and whether it is scored
			-- against time progress (level targets of flows and task counts)
			SELECT CASE WHEN p.target_version = 1 THEN t.target ELSE p.target::target END AS judged,
			       NOT year_end AND indicator_prorated(p.nature, i.frequency) AS prorated) j
		WHERE t.weight OPERATOR(pg_catalog.>) 0
		OFFSET 0
	), ranked AS (
		-- the plan model's one rank (unit_ranks_of), over the indicators
		-- that some unit scores by rank only; the rows taken from the array
		-- whole (unnest in the select list), not taken apart into columns
		-- and formed again
		SELECT r.indicator_id, r.unit_id, r.rank AS rk, r.peers AS n
		FROM unit_ranks_of(ARRAY(SELECT x.pr FROM (SELECT unnest(progress_rows) AS pr) x
		                         WHERE (x.pr).indicator_id IN (SELECT q.indicator_id FROM p q WHERE q.scoring = 'rank'))) r
	), r AS (
		SELECT p.*,
		       -- judged on the published figure (exact, issue 19)
		       target_met(p.tgt, p.actual_published, p.reference, p.decimals) AS met_s,
		       target_attainment(p.tgt, p.actual_published, p.reference, p.decimals) AS att_s,
		       target_is_relative(p.tgt) AS relative,
		       rk.rk, rk.n
		FROM p
		LEFT JOIN ranked rk ON rk.indicator_id = p.indicator_id AND rk.unit_id = p.unit_id
		OFFSET 0
	)
	SELECT r.unit_id, r.unit_zh, r.indicator_id, r.indicator_zh, r.target, r.tgt::text, r.scoring, r.weight,
	       r.actual, r.decimals, r.actual_published, r.reference, r.met_s, r.att_s,
	       CASE WHEN r.actual IS NULL OR (r.relative AND r.reference IS NULL) THEN NULL
	            WHEN r.scoring = 'threshold' OR (r.scoring = 'ratio' AND r.relative)
	                 THEN CASE WHEN r.met_s THEN r.weight ELSE r.score_floor * r.weight END
	            WHEN r.scoring = 'ratio'
	                 THEN score_ratio(r.tgt, r.actual_published, r.weight, r.score_floor, r.score_cap, r.decimals)
	            WHEN r.scoring = 'efficacy'
	                 THEN score_efficacy(r.actual_published, r.score_params[1], r.score_params[2], r.weight, true, r.decimals)
	            WHEN r.scoring = 'banded'
	                 THEN score_banded(r.actual_published, r.score_params, r.weight, r.decimals)
	            -- a rank among the units row-level security lets the role see
	            -- would pass for the rank among all: refused
	            WHEN r.scoring = 'rank' AND NOT all_units
	                 THEN peers_hidden('rank scoring')
	            WHEN r.scoring = 'rank'
	                 THEN score_rank(r.rk, r.n, r.weight, r.score_floor)
	            WHEN r.scoring = 'scale'
	                 THEN score_scale(r.actual, r.score_params[1] * r.param_scale,
	                                  r.score_params[2] * r.param_scale, r.weight, r.decimals)
	            WHEN r.scoring = 'baseline'
	                 THEN score_baseline(r.actual, r.score_params[1] * r.param_scale, target_threshold(r.tgt),
	                                     r.weight, r.score_floor, r.score_cap, r.decimals)
	       END
	FROM r
	ORDER BY r.unit_id, r.indicator_id;
END $$;
COMMENT ON FUNCTION unit_scores_of(progress_row[], boolean) IS 'assessment points per unit x indicator of the given progress() rows, by each target''s scoring method (see unit_scores)';

CREATE OR REPLACE FUNCTION unit_scores(as_of date, recorded_as_of timestamptz DEFAULT NULL,
		year_end boolean DEFAULT false)
RETURNS SETOF unit_score_row
LANGUAGE sql STABLE PARALLEL SAFE ROWS 10000
SET search_path = pg_catalog, scorecard, pg_temp AS $$
	SELECT s.* FROM unit_scores_of(ARRAY(SELECT p FROM progress(as_of, recorded_as_of) p), year_end) s
$$;
COMMENT ON FUNCTION unit_scores(date, timestamptz, boolean) IS 'assessment points per unit x indicator by each target''s scoring method, on the published figure; level targets of flows against the time-prorated target unless year_end';

-- Assessment per unit of the given unit_scores() rows: points, weights,
-- total, normalised score (100 x points / applicable weight), grade (优秀
-- >= 90, 良好 >= 80, 合格 >= 60, 不合格) and rank among the units of its
-- peer group under its parent.  Generic plans, as unit_scores_of.
CREATE OR REPLACE FUNCTION unit_assessment_of(scores unit_score_row[])
RETURNS SETOF unit_assessment_row
LANGUAGE plpgsql STABLE PARALLEL SAFE ROWS 10000
SET search_path = pg_catalog, scorecard, pg_temp
SET plan_cache_mode = force_generic_plan
SET jit = off
SET enable_mergejoin = off
SET enable_nestloop = off AS $$
#variable_conflict use_column
DECLARE
	all_units boolean := sees_all_units();
BEGIN
	RETURN QUERY
	WITH a AS (
		SELECT s.unit_id, assess(s.points, s.weight) AS a, count(*) AS items
		FROM unnest(scores) s
		GROUP BY s.unit_id
	)
	SELECT a.unit_id AS unit_id, u.name_zh AS unit_zh, u.kind AS unit_kind, k.peer_group AS peer_group,
	       a.items::int AS items, assessment_applicable(a.a)::int AS applicable,
	       assessment_weight_all(a.a) AS weight, assessment_weight(a.a) AS applicable_weight,
	       assessment_total(a.a) AS total, assessment_score(a.a) AS score, assessment_grade(a.a) AS grade,
	       -- NULL where row-level security hides some peers
	       CASE WHEN all_units THEN
	       rank() OVER (PARTITION BY u.parent_id, k.peer_group ORDER BY assessment_score(a.a) DESC NULLS LAST)::int END AS rank
	FROM a JOIN unit u ON u.unit_id = a.unit_id
	JOIN unit_kind k ON k.kind = u.kind
	ORDER BY k.is_department, k.level NULLS LAST, u.parent_id NULLS FIRST, k.peer_group, rank,
	         u.sort_order, a.unit_id;
END $$;
COMMENT ON FUNCTION unit_assessment_of(unit_score_row[]) IS 'weighted assessment per unit of the given unit_scores() rows: total, normalised score, grade, rank (see unit_assessment)';

-- Assessment per unit at an as-of date; year_end as in unit_scores.
CREATE OR REPLACE FUNCTION unit_assessment(as_of date, recorded_as_of timestamptz DEFAULT NULL,
		year_end boolean DEFAULT false)
RETURNS SETOF unit_assessment_row
LANGUAGE sql STABLE PARALLEL SAFE ROWS 10000
SET search_path = pg_catalog, scorecard, pg_temp AS $$
	SELECT a.* FROM unit_assessment_of(ARRAY(SELECT s FROM unit_scores(as_of, recorded_as_of, year_end) s)) a
$$;
COMMENT ON FUNCTION unit_assessment(date, timestamptz, boolean) IS 'weighted assessment per unit: total, normalised score, grade, rank (year_end: level targets of flows against the whole year, see unit_scores)';

-- The published figure of a row of progress() as an exact decimal, the
-- one figure that ranks, comparisons and the views' actual_num read:
-- actual_published at the indicator's precision (figure_numeric at its
-- decimals), or the
-- actual rounded half away from zero to digits decimals when digits is
-- given, so that figures published alike compare equal.  Unpinned so that
-- it inlines: its body is SQL-standard, bound to its objects when it was
-- created, so no search_path applies when it runs.
CREATE OR REPLACE FUNCTION published_figure(actual float8, actual_published float8, decimals int,
		digits int DEFAULT NULL) RETURNS numeric
LANGUAGE sql IMMUTABLE PARALLEL SAFE
RETURN CASE WHEN digits IS NOT NULL THEN figure_numeric(actual, digits)
            ELSE figure_numeric(actual_published, decimals) END;
COMMENT ON FUNCTION published_figure(float8, float8, int, int) IS 'the published figure of a progress() row as a decimal: actual_published at decimals, or the actual rounded half away from zero to digits';

-- Views at the latest month with readings, as of its last day
-- (latest_as_of(), the as_of a run of that month records), for BI tools.
-- Each has the as_of column, so that views of one month join on it.  Every
-- view runs with the rights of the role that queries it (security_invoker),
-- so row-level security applies through it as through the tables.
-- The figures a BI tool shows are also given as exact decimals at their
-- published precision (figure_numeric; the *_num columns), beside the
-- full-precision float8 columns analysts compute with.  The views BI tools
-- read most (progress_latest, progress_city_latest, unit_scores_latest,
-- unit_assessment_latest, progress_arith_latest, lagging_list_latest,
-- data_review_latest) are served from the stored snapshot when it is
-- current (plan/78_snapshot.sql); this one computes.
CREATE OR REPLACE VIEW task_progress_latest WITH (security_invoker = true) AS
	SELECT d.as_of, t.* FROM (SELECT scorecard.latest_as_of() AS as_of) d CROSS JOIN LATERAL scorecard.task_progress(d.as_of) t;
COMMENT ON VIEW task_progress_latest IS 'task_progress(as_of) at the last day of the latest month with readings';
