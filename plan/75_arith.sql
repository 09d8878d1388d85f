-- The bureau's arithmetic over the plan model: interim schedules of
-- targets, rank and its change (位次), contribution and pull (贡献率, 拉动),
-- required growth and the year-end projection (倒排), warning streaks from
-- stored assessment runs and the list of items behind schedule (进度滞后
-- 清单).  Functions over progress() and the assessment_run tables; the
-- *_latest views call them at the latest month with readings.


-- The end of the month before as_of's, or NULL in January (ranks and
-- changes compare within the plan year).
CREATE OR REPLACE FUNCTION previous_month_end(as_of date) RETURNS date
LANGUAGE sql IMMUTABLE STRICT PARALLEL SAFE
SET search_path = pg_catalog, scorecard, pg_temp AS $$
	SELECT CASE WHEN extract(month FROM as_of)::int > 1
	            THEN (pg_catalog.date_trunc('month', as_of::timestamp) - interval '1 day')::date END
$$;
COMMENT ON FUNCTION previous_month_end(date) IS 'last day of the month before as_of''s, NULL in January';

-- Rank (位次) of every unit of the given progress() rows among its peers
-- (same parent, same peer group) on an indicator, in the indicator's
-- direction, on the published figure (published_figure), so that figures
-- published alike share a rank.  The one rank of the plan model:
-- unit_ranks, progress_arith and rank scoring (unit_scores_of) read it.
-- Units without a figure are not ranked, nor any for a role that does not
-- see every unit (sees_all_units(), asked once: a scalar subquery): a rank
-- among the visible peers would be wrong.  The published figure is
-- computed once per row, behind a fence (OFFSET 0): inlined, it would be
-- computed again in the sort key, the rank, the count and the output (a
-- float8 to numeric conversion each; 1.2 s against 1.0 s for the 132,046
-- targets of 3,000 counties).
CREATE OR REPLACE FUNCTION unit_ranks_of(progress_rows progress_row[], digits int DEFAULT NULL)
RETURNS TABLE (indicator_id int, unit_id text, parent_id text, peer_group text,
	actual float8, published numeric, rank int, peers int)
LANGUAGE sql STABLE PARALLEL SAFE ROWS 10000
SET search_path = pg_catalog, scorecard, pg_temp AS $$
	WITH figures AS (
		SELECT p.indicator_id, p.unit_id, u.parent_id, k.peer_group, p.actual,
		       published_figure(p.actual, p.actual_published, p.decimals, digits) AS published,
		       i.higher_is_better
		FROM unnest(progress_rows) p
		JOIN unit u ON u.unit_id = p.unit_id
		JOIN unit_kind k ON k.kind = u.kind
		JOIN indicator i ON i.indicator_id = p.indicator_id
		OFFSET 0
	)
	SELECT f.indicator_id, f.unit_id, f.parent_id, f.peer_group, f.actual, f.published,
	       CASE WHEN f.published IS NOT NULL AND (SELECT sees_all_units()) THEN
	            pg_catalog.rank() OVER (PARTITION BY f.indicator_id, f.parent_id, f.peer_group
	                         ORDER BY CASE WHEN f.higher_is_better THEN -f.published ELSE f.published END
	                         NULLS LAST)::int END AS rank,
	       pg_catalog.count(f.published) OVER (PARTITION BY f.indicator_id, f.parent_id, f.peer_group)::int AS peers
	FROM figures f
$$;
COMMENT ON FUNCTION unit_ranks_of(progress_row[], int) IS 'rank (位次) of each unit of the given progress() rows among its peers (same parent and peer group) on the published figure (ties share a rank); see unit_ranks';

-- Rank (位次) at an as-of date: unit_ranks_of over the rows of progress().
CREATE OR REPLACE FUNCTION unit_ranks(as_of date, recorded_as_of timestamptz DEFAULT NULL, digits int DEFAULT NULL)
RETURNS TABLE (indicator_id int, unit_id text, parent_id text, peer_group text,
	actual float8, published numeric, rank int, peers int)
LANGUAGE sql STABLE PARALLEL SAFE ROWS 10000
SET search_path = pg_catalog, scorecard, pg_temp AS $$
	SELECT r.* FROM unit_ranks_of(ARRAY(SELECT p FROM progress(as_of, recorded_as_of) p), digits) r
$$;
COMMENT ON FUNCTION unit_ranks(date, timestamptz, int) IS 'rank (位次) of each unit among its peers (same parent and peer group) on the published figure (at the indicator''s precision, or rounded to digits decimals; ties share a rank)';

-- Progress with the bureau's arithmetic, per indicator x unit with a
-- target.  published: the published figure (published_figure); growth and
-- gap as in progress(); rank and peers (unit_ranks_of), rank_prior (at the
-- end of the previous month of the same year), rank_change (places up,
-- 提升 n 位); parent_published and gap_to_parent (in the target's unit,
-- when the parent's target has the same measure); contribution and pull
-- of the unit's year-to-date change to its parent's (additive flows);
-- month_growth (当月增速), growth_change (points since the previous month,
-- 比1-(N-1)月; for 1月 or 1-2月 since the previous year's whole year,
-- 比上年全年); two_year_growth (两年平均增速 of the same months, from the
-- year-to-date value two years before); required_growth (% the remaining
-- months need for a growth or annual level target of a flow; for a target
-- that rewards lower figures, the most they may grow) and hard_to_reach
-- (the need is above bound %, or for lower-is-better targets a fall deeper
-- than bound %); projection and projected_growth at the year-to-date pace
-- and projection_met; schedule: the schedule in force (shares, seasonal or
-- linear), time_progress, schedule_gap and status judged against it (by
-- progress(), whose rows these are).
-- Where the row's growth is the one the bureau reported with the reading
-- (growth_source 'reported': 可比价 figures the levels cannot give),
-- growth_change and two_year_growth are of the reported growths too (of
-- the previous period's reading, of December's for the first period of
-- the year, of the same month a year before; NULL with a note where that
-- reading reported none) and month_growth is NULL (a month's growth needs
-- levels); reported_minus_computed is the reported growth less the one
-- the readings give, named in growth_note when it is more than
-- reported_bound points.
-- PL/pgSQL for Citus, as latest_month: its query over a distributed
-- reading cannot be planned with the parameters of a SQL function, and
-- with custom plans the values are constants (a year without readings
-- before last prunes its pass).
CREATE OR REPLACE FUNCTION progress_arith(as_of date, recorded_as_of timestamptz DEFAULT NULL,
		digits int DEFAULT NULL, bound float8 DEFAULT 100, reported_bound float8 DEFAULT 2)
RETURNS SETOF progress_arith_row
LANGUAGE plpgsql STABLE PARALLEL SAFE
SET search_path = pg_catalog, scorecard, pg_temp
SET plan_cache_mode = force_custom_plan
SET jit = off
SET enable_nestloop = off
SET enable_mergejoin = off AS $$
DECLARE
	-- whether any reading of the year before last was recorded (of the
	-- units the role sees): without one, every ytd_prior of that year is
	-- NULL and its states are not computed (an index probe, where the
	-- states are a pass over the readings)
	year_before_last boolean := latest_reading_month(
		pg_catalog.make_date(extract(year FROM as_of)::int - 2, 1, 1),
		pg_catalog.make_date(extract(year FROM as_of)::int - 1, 1, 1), recorded_as_of, units_seen()) IS NOT NULL;
BEGIN
	RETURN QUERY
	WITH st AS MATERIALIZED (
		-- the states at as_of once, for progress and for the contributions
		SELECT indicator_state_rows(as_of, recorded_as_of) AS state_rows
	), computed AS MATERIALIZED (
		-- progress() once (of those states), for its rows and for their
		-- ranks; read from a function scan, so that the planner expects
		-- its rows; its columns, not one composite whose fields would be
		-- taken apart one by one (each a walk along the row)
		SELECT p.* FROM st CROSS JOIN LATERAL progress_of_states(as_of, st.state_rows, recorded_as_of) p
	), ranks AS (
		SELECT r.indicator_id, r.unit_id, r.published, r.rank, r.peers
		FROM unit_ranks_of(ARRAY(SELECT c::progress_row FROM computed c), digits) r
	), ranked AS MATERIALIZED (
		-- the keys and figures the arithmetic below reads, narrow: the
		-- wide rows of computed are read once, at the end
		SELECT c.indicator_id, c.unit_id, c.nature, c.data_month, c.target, c.growth_source,
		       u.parent_id, k.is_department, i.additive, rk.published, rk.rank, rk.peers,
		       -- the unit whose figure the target is judged on (a department's area)
		       CASE WHEN t.judged_on = 'area' THEN u.parent_id ELSE c.unit_id END AS judged_unit_id
		FROM computed c
		JOIN plan_target t ON t.indicator_id = c.indicator_id AND t.unit_id = c.unit_id AND t.year = c.year
		JOIN unit u ON u.unit_id = c.unit_id
		JOIN unit_kind k ON k.kind = u.kind
		JOIN indicator i ON i.indicator_id = c.indicator_id
		LEFT JOIN ranks rk ON rk.indicator_id = c.indicator_id AND rk.unit_id = c.unit_id
	), states AS (
		-- an array's unnest is estimated at a few rows: the joins are kept
		-- off nested loops (quadratic in the targets) by the SET clauses
		SELECT s.indicator_id, s.unit_id, s.state FROM st CROSS JOIN LATERAL unnest(st.state_rows) s
	), states_year_before AS (
		-- a year earlier: the states reach back to the year before last,
		-- read only for two_year_growth of computed flows (ytd_prior of the
		-- year before last), when a reading of that year was recorded
		SELECT s.indicator_id, s.unit_id, s.state
		FROM indicator_state((as_of - interval '1 year')::date, recorded_as_of) s
		WHERE year_before_last
	), ranks_month_before AS MATERIALIZED (
		-- materialised: a function scan inside a nested loop is run again per row
		SELECT p.indicator_id, p.unit_id, p.rank FROM unit_ranks(previous_month_end(as_of), recorded_as_of, digits) p
	), with_states AS MATERIALIZED (
		-- the arithmetic of each row's states, narrow (read twice below)
		SELECT r.indicator_id, r.unit_id, r.judged_unit_id, r.parent_id, r.nature, r.data_month,
		       r.growth_source, r.published, r.rank, r.peers,
		       prior.rank AS rank_prior, pp.published AS parent_published,
		       CASE WHEN target_measure(r.target::target) = target_measure(pp.target::target)
		            THEN r.published - pp.published END AS gap_to_parent,
		       CASE WHEN r.nature = 'flow' AND r.additive
		            THEN ytd_contribution(own.state, par.state, r.data_month) END AS contribution,
		       CASE WHEN r.nature = 'flow' AND r.additive THEN ytd_pull(own.state, par.state, r.data_month) END AS pull,
		       CASE WHEN r.growth_source = 'reported' THEN NULL
		            WHEN r.nature = 'flow' THEN ytd_month_growth(own.state, r.data_month) END AS month_growth,
		       -- of computed growths (reported ones: below)
		       CASE WHEN r.growth_source = 'reported' THEN NULL
		            WHEN r.nature = 'flow' THEN ytd_growth_change(own.state, r.data_month) END AS computed_growth_change,
		       CASE WHEN r.growth_source = 'reported' THEN NULL
		            WHEN r.nature = 'flow' THEN avg_growth(ytd_value(own.state, r.data_month),
		            ytd_prior(old.state, (r.data_month - interval '1 year')::date), 2) END AS computed_two_year_growth,
		       CASE WHEN r.nature = 'flow'
		            THEN ytd_required_growth(own.state, r.data_month, r.target::target) END AS required_growth,
		       CASE WHEN r.nature = 'flow' THEN ytd_projection(own.state, r.data_month) END AS projection,
		       CASE WHEN r.nature = 'flow' THEN ytd_projected_growth(own.state, r.data_month) END AS projected_growth,
		       CASE WHEN r.nature = 'flow'
		            THEN ytd_projection_met(own.state, r.data_month, r.target::target) END AS projection_met
		FROM ranked r
		LEFT JOIN states own ON own.indicator_id = r.indicator_id AND own.unit_id = r.judged_unit_id
		LEFT JOIN states_year_before old ON old.indicator_id = r.indicator_id AND old.unit_id = r.judged_unit_id
		-- contribution and pull: an area unit's own figure to its parent's
		LEFT JOIN states par ON par.indicator_id = r.indicator_id AND par.unit_id = r.parent_id
			AND r.judged_unit_id = r.unit_id AND NOT r.is_department
		LEFT JOIN ranks_month_before prior ON prior.indicator_id = r.indicator_id AND prior.unit_id = r.unit_id
		LEFT JOIN ranked pp ON pp.indicator_id = r.indicator_id AND pp.unit_id = r.parent_id
	), reported_keys AS MATERIALIZED (
		-- the indicators, judged units and data months of the rows showing
		-- a reported growth (none: the readings below are not read)
		SELECT DISTINCT w.indicator_id, w.judged_unit_id AS unit_id, w.data_month
		FROM with_states w
		WHERE w.growth_source = 'reported'
	), reported_before AS (
		-- per key, of the readings as recorded at recorded_as_of: the latest
		-- revision of the latest month before the data month in the year,
		-- or of December of the year before (the first period's whole
		-- year), and the latest revision of the same month a year before.
		-- A hash join and one pass, no lookup per row: the max of
		-- {days since 2000, revision, reported growth} arrays (a month and
		-- revision are one reading: the growth never decides).  Grouped by
		-- reading's own unit_id: Citus then computes each group on the
		-- worker of its shard, where it cannot split a max() of arrays
		-- ("no matching oid for function: max")
		SELECT r.indicator_id, r.unit_id, k.data_month,
		       pg_catalog.max(ARRAY[(r.month - DATE '2000-01-01')::float8, r.revision::float8, r.reported_growth])
		            FILTER (WHERE r.month >= pg_catalog.make_date(extract(year FROM k.data_month)::int, 1, 1)
		                    OR r.month = pg_catalog.make_date(extract(year FROM k.data_month)::int - 1, 12, 1)) AS before,
		       pg_catalog.max(ARRAY[r.revision::float8, r.reported_growth])
		            FILTER (WHERE r.month = (k.data_month - interval '1 year')::date) AS year_ago
		FROM reported_keys k
		JOIN reading r ON r.indicator_id = k.indicator_id AND r.unit_id = k.unit_id
		WHERE (recorded_as_of IS NULL OR r.recorded_at <= recorded_as_of)
		  AND r.month >= (k.data_month - interval '1 year')::date AND r.month < k.data_month
		GROUP BY r.indicator_id, r.unit_id, k.data_month
	), with_reported AS (
		-- each row of progress() with its arithmetic, and for a reported
		-- growth the reported growths it is compared with
		SELECT c.*, w.parent_id, w.published, w.rank, w.rank_prior, w.peers, w.parent_published,
		       w.gap_to_parent, w.contribution, w.pull, w.month_growth, w.computed_growth_change,
		       w.computed_two_year_growth, w.required_growth, w.projection, w.projected_growth,
		       w.projection_met,
		       DATE '2000-01-01' + rb.before[1]::int AS period_before, rb.before[3] AS growth_before,
		       rb.year_ago[2] AS growth_year_ago,
		       CASE WHEN c.growth_source = 'reported' THEN c.growth - c.computed_growth END AS reported_minus_computed
		FROM computed c
		JOIN with_states w ON w.indicator_id = c.indicator_id AND w.unit_id = c.unit_id
		LEFT JOIN reported_before rb ON w.growth_source = 'reported' AND rb.indicator_id = w.indicator_id
			AND rb.unit_id = w.judged_unit_id AND rb.data_month = w.data_month
	)
	SELECT w.indicator_id AS indicator_id, w.code AS code, w.indicator_zh AS indicator_zh,
	       w.measure_unit AS measure_unit, w.nature AS nature, w.unit_id AS unit_id, w.unit_zh AS unit_zh,
	       w.unit_kind AS unit_kind, w.parent_id AS parent_id, w.year AS year, w.as_of AS as_of,
	       w.data_month AS data_month, w.target AS target, w.actual AS actual, w.published AS published,
	       w.rank AS rank, w.rank_prior AS rank_prior, w.rank_prior - w.rank AS rank_change,
	       w.peers AS peers, w.parent_published AS parent_published, w.gap_to_parent AS gap_to_parent,
	       w.growth AS growth, w.gap AS gap, w.contribution AS contribution, w.pull AS pull,
	       w.month_growth AS month_growth,
	       CASE WHEN w.growth_source = 'reported' THEN w.growth - w.growth_before
	            ELSE w.computed_growth_change END AS growth_change,
	       CASE WHEN w.growth_source = 'reported'
	            THEN avg_growth((1 + w.growth / 100) * (1 + w.growth_year_ago / 100), 1, 2)
	            ELSE w.computed_two_year_growth END AS two_year_growth,
	       w.required_growth AS required_growth,
	       CASE WHEN target_higher_is_better(w.target::target) THEN w.required_growth > bound
	            ELSE w.required_growth < -bound END AS hard_to_reach,
	       w.projection AS projection, w.projected_growth AS projected_growth,
	       w.projection_met AS projection_met,
	       -- the schedule progress() judged by, and its judgement
	       w.schedule AS schedule, w.time_progress AS time_progress, w.schedule_gap AS schedule_gap,
	       w.status AS status, w.growth_source AS growth_source,
	       w.reported_minus_computed AS reported_minus_computed,
	       nullif(pg_catalog.concat_ws('; ',
	           CASE WHEN pg_catalog.abs(w.reported_minus_computed) > reported_bound
	                THEN pg_catalog.format('reported growth %s%% differs from the %s%% the readings give by %s points',
	                     pg_catalog.round(w.growth::numeric, 2), pg_catalog.round(w.computed_growth::numeric, 2),
	                     pg_catalog.round(w.reported_minus_computed::numeric, 2)) END,
	           CASE WHEN w.growth_source = 'reported' AND w.growth_before IS NULL
	                THEN CASE WHEN w.period_before IS NULL THEN 'growth_change: no reading of the previous period'
	                          ELSE pg_catalog.format('growth_change: the reading of %s reported no growth',
	                               pg_catalog.to_char(w.period_before, 'YYYY-MM')) END END,
	           CASE WHEN w.growth_source = 'reported' AND w.nature = 'flow'
	                THEN 'month_growth: not given by reported year-to-date growths' END,
	           CASE WHEN w.growth_source = 'reported' AND w.growth_year_ago IS NULL
	                THEN 'two_year_growth: the reading a year before reported no growth' END), '') AS growth_note,
	       w.decimals AS decimals
	FROM with_reported w
	ORDER BY w.indicator_id, w.parent_id NULLS FIRST, w.rank NULLS LAST, w.unit_id;
END $$;
COMMENT ON FUNCTION progress_arith(date, timestamptz, int, float8, float8) IS 'progress with rank and rank change (位次), gap to the parent, contribution and pull (贡献率, 拉动), month growth, change since last month, required growth and projection (倒排), status against the target''s schedule; of reported growths where the row shows one, with the gap to the recomputed growth';

-- Warning streaks from stored assessment runs: for each unit x indicator
-- red or yellow in the latest monthly run at or before as_of (the last run
-- of each month counts), the number of consecutive months it has been red
-- or yellow and since when, and of those the consecutive red months.  A
-- month without a run ends a streak.  below: of that unit and the units
-- under it only (units_below; NULL: all), as a report of a county reads
-- them, without the stored rows of every other unit.  Unpinned so that it
-- inlines, and a filter on unit_id (one unit's page of
-- warning_streaks_latest) reaches the stored rows' key: every window is
-- per unit (its body is SQL-standard, bound to its objects when it was
-- created, as published_figure's).
CREATE OR REPLACE FUNCTION warning_streaks(as_of date, below text DEFAULT NULL)
RETURNS TABLE (unit_id text, unit_zh text, indicator_id int, indicator_zh text, status text,
	months int, since date, red_months int, run_as_of date)
LANGUAGE sql STABLE PARALLEL SAFE
BEGIN ATOMIC
	WITH runs AS (
		SELECT DISTINCT ON (pg_catalog.date_trunc('month', r.as_of::timestamp)) r.run_id, r.as_of,
		       (extract(year FROM r.as_of) * 12 + extract(month FROM r.as_of))::int AS mi
		FROM scorecard.assessment_run r
		WHERE r.as_of <= warning_streaks.as_of AND r.finished_at IS NOT NULL
		ORDER BY pg_catalog.date_trunc('month', r.as_of::timestamp), r.as_of DESC, r.run_id DESC
	), last AS (
		SELECT * FROM runs ORDER BY as_of DESC LIMIT 1
	), st AS (
		SELECT p.unit_id, p.indicator_id, runs.mi, runs.as_of, p.status
		FROM runs JOIN scorecard.assessment_run_progress p USING (run_id)
		WHERE p.status IN ('red', 'yellow')
		  AND (below IS NULL OR p.unit_id IN (SELECT scorecard.units_below(below)))
	), g AS (
		-- months in a row: the month index less the row number is constant,
		-- over the red-or-yellow months and over the red ones
		SELECT st.*,
		       st.mi - pg_catalog.row_number() OVER (PARTITION BY st.unit_id, st.indicator_id ORDER BY st.mi)::int AS warn_grp,
		       CASE WHEN st.status = 'red' THEN st.mi - pg_catalog.row_number() OVER (
		            PARTITION BY st.unit_id, st.indicator_id, st.status = 'red' ORDER BY st.mi)::int END AS red_grp
		FROM st
	), n AS (
		SELECT g.*,
		       pg_catalog.count(*) OVER (PARTITION BY g.unit_id, g.indicator_id, g.warn_grp)::int AS months,
		       pg_catalog.min(g.as_of) OVER (PARTITION BY g.unit_id, g.indicator_id, g.warn_grp) AS first_as_of,
		       CASE WHEN g.red_grp IS NOT NULL THEN
		            pg_catalog.count(*) OVER (PARTITION BY g.unit_id, g.indicator_id, g.red_grp)::int ELSE 0 END AS red_months
		FROM g
	)
	SELECT n.unit_id, u.name_zh, n.indicator_id, i.name_zh, n.status, n.months,
	       pg_catalog.date_trunc('month', n.first_as_of::timestamp)::date, n.red_months, n.as_of
	FROM n
	JOIN last ON last.mi = n.mi
	JOIN scorecard.unit u ON u.unit_id = n.unit_id
	JOIN scorecard.indicator i ON i.indicator_id = n.indicator_id
	ORDER BY n.months DESC, n.status = 'yellow', n.unit_id, n.indicator_id;
END;
COMMENT ON FUNCTION warning_streaks(date, text) IS 'units x indicators red or yellow in the latest monthly run (of below and the units under it; NULL: all): consecutive months red or yellow, since when, consecutive months red';

-- The list of items behind schedule (进度滞后清单), worst first: targets red
-- or yellow at as_of, judged against their schedules as in
-- progress_arith (behind: points behind the schedule for prorated
-- level targets of flows, else the gap in the target's unit) with their
-- warning streak; responsible: a department for its own target, else the
-- department(s) holding a target on the indicator (牵头部门; lead persons
-- are recorded on tasks only); tasks overdue (red, behind in days; since
-- the day after the due date, in as many calendar months as that day's
-- month to as_of's)
-- or with investment completion below their time progress (yellow, behind
-- in points), with their responsible unit and lead person (under
-- row-level security, those of the units the role may see, as for the
-- targets).  Red first, then the longest streak, then the furthest behind.
-- lagging_list_of judges the progress() rows given (the report passes the
-- rows it computed once), of the units below (units_below; NULL: all);
-- lagging_list those of as_of.
CREATE OR REPLACE FUNCTION lagging_list_of(as_of date, progress_rows progress_row[], recorded_as_of timestamptz DEFAULT NULL,
	below text DEFAULT NULL)
RETURNS TABLE (kind text, item_id text, item_zh text, unit_id text, unit_zh text,
	responsible_unit_id text, responsible_unit_zh text, lead_person text, status text,
	behind float8, behind_unit text, months int, since date)
LANGUAGE sql STABLE PARALLEL SAFE
SET search_path = pg_catalog, scorecard, pg_temp AS $$
	WITH ws AS MATERIALIZED (
		SELECT * FROM warning_streaks(as_of, below)
	), dep AS MATERIALIZED (
		-- the departments holding a target on each indicator of the year
		SELECT dt.indicator_id,
		       pg_catalog.string_agg(du.unit_id, ',' ORDER BY du.sort_order, du.unit_id) AS unit_ids,
		       pg_catalog.string_agg(du.name_zh, '、' ORDER BY du.sort_order, du.unit_id) AS names
		FROM plan_target dt JOIN unit du ON du.unit_id = dt.unit_id
		JOIN unit_kind dk ON dk.kind = du.kind AND dk.is_department
		WHERE dt.year = extract(year FROM as_of)::int
		GROUP BY dt.indicator_id
	), t AS (
		SELECT 'target'::text AS kind, p.indicator_id::text AS item_id, p.indicator_zh AS item_zh,
		       p.unit_id, p.unit_zh,
		       CASE WHEN k.is_department THEN p.unit_id ELSE d.unit_ids END AS responsible_unit_id,
		       CASE WHEN k.is_department THEN p.unit_zh ELSE d.names END AS responsible_unit_zh,
		       NULL::text AS lead_person, p.status,
		       CASE WHEN p.schedule_gap IS NOT NULL THEN -p.schedule_gap ELSE -p.gap END AS behind,
		       CASE WHEN p.schedule_gap IS NOT NULL THEN 'points of schedule'
		            WHEN target_measure(p.target::target) = 'level' THEN p.measure_unit
		            ELSE 'pp' END AS behind_unit,
		       ws.months, ws.since
		FROM unnest(progress_rows) p
		JOIN unit_kind k ON k.kind = p.unit_kind
		LEFT JOIN dep d ON d.indicator_id = p.indicator_id
		LEFT JOIN ws ON ws.unit_id = p.unit_id AND ws.indicator_id = p.indicator_id
		WHERE p.status IN ('red', 'yellow')
		  AND (below IS NULL OR p.unit_id IN (SELECT units_below(below)))
	), k AS (
		SELECT 'task'::text, tp.task_id, tp.name_zh, tp.responsible_unit_id, tp.responsible_unit_zh,
		       tp.responsible_unit_id, tp.responsible_unit_zh, tp.lead_person,
		       CASE WHEN tp.overdue THEN 'red' ELSE 'yellow' END,
		       CASE WHEN tp.overdue THEN tp.days_overdue::float8
		            ELSE -100 * tp.ahead_of_schedule::float8 END,
		       CASE WHEN tp.overdue THEN 'days overdue' ELSE 'points of schedule' END,
		       -- an overdue task has been behind since its due date
		       CASE WHEN tp.overdue THEN ((extract(year FROM as_of) - extract(year FROM tp.due_date + 1)) * 12
		            + extract(month FROM as_of) - extract(month FROM tp.due_date + 1))::int + 1 END,
		       CASE WHEN tp.overdue THEN tp.due_date + 1 END
		FROM task_progress(as_of) tp
		WHERE (tp.overdue OR (tp.status <> 'done' AND tp.ahead_of_schedule < 0))
		  -- under row-level security, the tasks of the units the role may see
		  AND (NOT pg_catalog.row_security_active('scorecard.plan_target'::pg_catalog.regclass)
		       OR tp.responsible_unit_id IN (SELECT scorecard.visible_units()))
		  AND (below IS NULL OR tp.responsible_unit_id IN (SELECT units_below(below)))
	)
	SELECT * FROM (SELECT * FROM t UNION ALL SELECT * FROM k) l
	ORDER BY l.status = 'yellow', l.months DESC NULLS LAST, l.behind DESC NULLS LAST, l.kind, l.item_id, l.unit_id
$$;
COMMENT ON FUNCTION lagging_list_of(date, progress_row[], timestamptz, text) IS 'of the given progress() rows (of below and the units under it; NULL: all): items behind schedule (进度滞后清单), worst first: red or yellow targets with responsible departments and warning streak, overdue or lagging tasks with responsible unit and lead person';

CREATE OR REPLACE FUNCTION lagging_list(as_of date, recorded_as_of timestamptz DEFAULT NULL)
RETURNS TABLE (kind text, item_id text, item_zh text, unit_id text, unit_zh text,
	responsible_unit_id text, responsible_unit_zh text, lead_person text, status text,
	behind float8, behind_unit text, months int, since date)
LANGUAGE sql STABLE PARALLEL SAFE
SET search_path = pg_catalog, scorecard, pg_temp AS $$
	SELECT l.* FROM lagging_list_of(as_of, ARRAY(SELECT p FROM progress(as_of, recorded_as_of) p), recorded_as_of) l
$$;
COMMENT ON FUNCTION lagging_list(date, timestamptz) IS 'items behind schedule (进度滞后清单), worst first: red or yellow targets with responsible departments and warning streak, overdue or lagging tasks with responsible unit and lead person';

CREATE OR REPLACE VIEW warning_streaks_latest WITH (security_invoker = true) AS
	SELECT d.as_of, w.* FROM (SELECT scorecard.latest_as_of() AS as_of) d
	CROSS JOIN LATERAL scorecard.warning_streaks(d.as_of) w;
COMMENT ON VIEW warning_streaks_latest IS 'warning_streaks(as_of) at the last day of the latest month with readings';
-- The views' columns.
COMMENT ON COLUMN warning_streaks_latest.unit_id IS 'unit';
COMMENT ON COLUMN warning_streaks_latest.unit_zh IS 'unit name';
COMMENT ON COLUMN warning_streaks_latest.indicator_id IS 'indicator';
COMMENT ON COLUMN warning_streaks_latest.indicator_zh IS 'indicator name';
COMMENT ON COLUMN warning_streaks_latest.status IS 'status in the latest run: red or yellow';
COMMENT ON COLUMN warning_streaks_latest.months IS 'consecutive months red or yellow, up to the latest run';
COMMENT ON COLUMN warning_streaks_latest.since IS 'first month of the streak';
COMMENT ON COLUMN warning_streaks_latest.red_months IS 'consecutive months red, up to the latest run';
COMMENT ON COLUMN warning_streaks_latest.run_as_of IS 'as-of date of the latest run';
