-- Whether the data review computes a ratio num / den in float8: both
-- magnitudes within 1e-150 to 1e150 (num may be 0), so that the ratio (and
-- 100 times it) can neither overflow nor underflow, an error for everyone
-- reading the review.  Figures beyond, which a county can load within the
-- bounds (1e-320), get their ratio in numeric or none.  Unpinned so that
-- it inlines: its body is SQL-standard, bound to its objects when it was
-- created.
CREATE OR REPLACE FUNCTION review_ratio_fits(num float8, den float8) RETURNS boolean
LANGUAGE sql IMMUTABLE PARALLEL SAFE
RETURN (num = 0 OR pg_catalog.abs(num) BETWEEN 1e-150::float8 AND 1e150::float8)
   AND pg_catalog.abs(den) BETWEEN 1e-150::float8 AND 1e150::float8;
COMMENT ON FUNCTION review_ratio_fits(float8, float8) IS 'whether the data review computes num / den in float8: both magnitudes within 1e-150 to 1e150 (num may be 0)';

-- Whether the data review adds a figure into a sum (a year-to-date, the
-- children's sum a parent is compared with): below 1e290 in magnitude, so
-- that no sum of them (up to 1e15 figures) leaves the float8 range, an
-- error for everyone reading the review.  Figures beyond are past the
-- plan's bounds unless its owner raised them (value_bound); a sum that
-- would take one is not computed, and the rules that read it find nothing
-- there.  Unpinned so that it inlines, as review_ratio_fits.
CREATE OR REPLACE FUNCTION review_summable(v float8) RETURNS boolean
LANGUAGE sql IMMUTABLE PARALLEL SAFE
RETURN pg_catalog.abs(v) < 1e290::float8;
COMMENT ON FUNCTION review_summable(float8) IS 'whether the data review adds the figure into a sum: below 1e290 in magnitude';

-- The data review (统计数据审核): what a bureau checks in the readings
-- before it publishes them.  data_review(as_of) lists findings over the
-- readings in force (readings(recorded_as_of, ...)) of the as-of year and
-- the year before, up to the as-of date; each finding names the unit, the
-- indicator, the month, the rule, its severity (error, warning or info),
-- the figure found and what it was compared with, and a sentence.  A
-- finding never blocks anything: it is for the people who check the data.
-- The rules and their thresholds (every comparison is strict: a figure
-- exactly at a threshold is no finding):
--
--   cumulative_falls (error): an indicator reported cumulatively
--     (indicator.reporting = 'cumulative', flows: January-to-month values)
--     whose value is below the previous reading of the same year (the
--     previous month's, or the previous quarter's for a quarterly one).
--     figure: the value; compared_with: the previous reading's.
--   parent_vs_children (warning, 上下级衔接): an area unit with a reading
--     of its own of an additive flow (indicator.additive, nature 'flow')
--     whose value differs from the sum of its child area units' readings of
--     the same month by more than 1% of its own value; only when every
--     child area unit (area_tree(): departments are never summed) has a
--     reading of its own that month.  figure: the parent's value;
--     compared_with: the children's sum (of their readings as decimals,
--     15 significant digits: exact, whatever the order of the rows).
--   peer_outlier (warning): a unit whose year-to-date growth at a month of
--     the as-of year is far from its peers' (the units of the same
--     unit_kind.peer_group under the same parent, the unit included):
--     |growth - median| > 3 x 1.4826 x MAD, where MAD is the median of the
--     peers' absolute deviations from their median (1.4826 x MAD estimates
--     the standard deviation of normal data, so the bound is about three
--     of them).  Median and MAD, not mean and standard deviation, because
--     they are robust to the outlier itself: one wild figure moves a mean
--     and inflates a standard deviation enough to hide itself among five or
--     six counties, while it barely moves a median or a MAD.  Only with at
--     least 5 peers with a growth that month, and a MAD above zero (when
--     more than half the peers share one growth there is no spread to
--     measure against).  figure: the unit's growth in %; compared_with:
--     the peers' median.
--   month_jump (warning): an indicator reported monthly whose reading is
--     more than 3 times, or less than a third of, the same unit's reading
--     of the previous calendar month (both positive).  figure: the value;
--     compared_with: the previous month's.
--   reported_vs_computed (warning): a reading of the as-of year whose
--     reported_growth is more than 2 points from the growth its levels
--     give, where the same month a year before has a reading.
--     figure: the reported growth; compared_with: the computed one.
--   missing_month (info): a month of the as-of year, up to the as-of date,
--     without a reading of an indicator x unit that has one for the same
--     month a year before.  figure: NULL; compared_with: the year-before
--     reading.
--
-- Year-to-date growth (peer_outlier, reported_vs_computed), in % of the
-- figure a year before (which must be positive): flows reported
-- cumulatively compare the month's value with the same month's a year
-- before; flows reported monthly compare the sums of January to the month
-- over the months read in both years (a month read in only one year is
-- left out of both sums; missing_month names it); stocks compare the
-- month's level with the level a year before.  Rates and tasks have no
-- growth here.
--
-- Respects row-level security as it is: the readings are read as the
-- caller (SECURITY INVOKER), so a county sees findings of its own readings
-- only; a role that does not see every unit (sees_all_units()) gets no
-- peer_outlier or parent_vs_children findings, which compare a unit with
-- others it may not see (a median of the visible peers would pass for
-- the median of all).
-- units: review only these units (NULL: all), as the loader does for the
-- units it loaded: the findings of these units and of their parents (and
-- of their children, with_children, as the report lists them), over the
-- readings of these units, their parents, their siblings (their peers) and
-- their children (the sums a parent is compared with), no others; a rule
-- that would need other units' readings finds nothing there (a parent's
-- peers, a child's children).
-- from_month: only the findings of that month and after (NULL: all), and
-- indicators: only those of these indicators (NULL: all), as the loader
-- asks for what it loaded: the same findings as without them, less the
-- others.  Only the readings the rules compare with are read: the month
-- before each listed one, the same months a year before, the year of
-- indicators reported cumulatively and every month of flows reported
-- monthly (their year-to-date sums); the growths, peers' medians and
-- children's sums of the months before are not computed.
-- Cost: linear in the readings of the two years (joins on keys, groupings
-- and window functions over them; of the readings, only those of
-- cumulative indicators and the paired months of flows reported monthly
-- are sorted; no lookup per row).  Planned as the
-- recipe in docs/development.md ("How the plan model stays linear") says:
-- PL/pgSQL with custom plans, no JIT, no merge joins, no nested loops.
CREATE OR REPLACE FUNCTION data_review(as_of date, recorded_as_of timestamptz DEFAULT NULL, units text[] DEFAULT NULL,
	with_children boolean DEFAULT false, from_month date DEFAULT NULL, indicators int[] DEFAULT NULL)
RETURNS TABLE (unit_id text, unit_zh text, indicator_id int, indicator_zh text, month date,
	rule text, severity text, figure float8, compared_with float8, detail text)
LANGUAGE plpgsql STABLE PARALLEL SAFE ROWS 1000
SET search_path = pg_catalog, scorecard, pg_temp
SET plan_cache_mode = force_custom_plan
SET jit = off
SET enable_mergejoin = off
SET enable_nestloop = off AS $$
#variable_conflict use_column
DECLARE
	year_start date := pg_catalog.date_trunc('year', as_of)::date;
	prev_start date := (pg_catalog.date_trunc('year', as_of) - interval '1 year')::date;
	-- the first month whose findings are listed (in date arithmetic: a
	-- date beyond the timestamp range, or infinity, is no error)
	listed_from date := CASE WHEN NOT pg_catalog.isfinite(from_month) THEN greatest(from_month, prev_start)
	                         ELSE greatest(pg_catalog.make_date(extract(year FROM from_month)::int,
	                                                            extract(month FROM from_month)::int, 1),
	                                       prev_start) END;
	-- listed_from, or as_of's month if later (then nothing is listed: the
	-- readings of as_of's month are read for nothing): a date of the
	-- timestamp range, for the bounds below
	read_from date := least(listed_from, pg_catalog.date_trunc('month', as_of::timestamp)::date);
	-- the first month read for the previous calendar month's reading
	-- (month_jump), and for a reading's previous one of the same year
	-- (cumulative_falls: from the start of the first listed month's year)
	jump_from date := (read_from - interval '1 month')::date;
	lag_from date := pg_catalog.date_trunc('year', read_from::timestamp)::date;
	-- the first month read a year before the listed ones (pair,
	-- missing_month), and the indicators whose readings are read further
	-- back: those reported cumulatively (from lag_from) and flows reported
	-- monthly (every month, for their year-to-date sums); once, so that
	-- the readings not read are left in the scan, before any join, and the
	-- rules below read them by name (r.cumulative, r.summed)
	year_before_from date := (read_from - interval '1 year')::date;
	cumulative_ids int[] := ARRAY(SELECT i.indicator_id FROM indicator i WHERE i.reporting = 'cumulative');
	summed_ids int[] := ARRAY(SELECT i.indicator_id FROM indicator i WHERE i.nature = 'flow' AND i.reporting = 'monthly');
	-- once, not per row: whether row-level security hides some units
	all_units boolean := sees_all_units();
BEGIN
	RETURN QUERY
	WITH asked AS MATERIALIZED (
		SELECT x.unit_id, u.parent_id FROM pg_catalog.unnest(units) x(unit_id) JOIN unit u ON u.unit_id = x.unit_id
	), focus AS MATERIALIZED (
		-- the units whose findings are listed: those asked for, their
		-- parents, and with_children their children
		SELECT a.unit_id FROM asked a
		UNION
		SELECT a.parent_id FROM asked a WHERE a.parent_id IS NOT NULL
		UNION
		SELECT c.unit_id FROM unit c WHERE with_children AND c.parent_id IN (SELECT a.unit_id FROM asked a)
	), scope AS MATERIALIZED (
		-- the units whose readings are read: those asked for, their parents,
		-- their siblings and their children
		-- (a semi-join each: the siblings of 3,000 counties of one city are
		-- its 3,000 counties, not 3,000 x 3,000 rows to make distinct)
		SELECT a.unit_id FROM asked a
		UNION
		SELECT a.parent_id FROM asked a WHERE a.parent_id IS NOT NULL
		UNION
		SELECT s.unit_id FROM unit s WHERE s.parent_id IN (SELECT a.parent_id FROM asked a)
		UNION
		SELECT c.unit_id FROM unit c WHERE c.parent_id IN (SELECT a.unit_id FROM asked a)
	), r AS MATERIALIZED (
		-- the readings in force of the two years that the rules below read
		-- (not sorted: each rule sorts only the readings it reads in
		-- order, or none).  The rule of readings(), written out as in
		-- indicator_state (test/suites/one_rule.sh checks the copies
		-- alike), so that only these readings are kept, not every row of
		-- the two years as readings() returns them.
		SELECT x.indicator_id, x.unit_id, x.month, x.value, x.reported_growth,
		       i.reporting, i.nature, i.additive,
		       x.indicator_id = ANY (cumulative_ids) AS cumulative, x.indicator_id = ANY (summed_ids) AS summed
		FROM reading x
		JOIN indicator i ON i.indicator_id = x.indicator_id
		WHERE (recorded_as_of IS NULL OR x.recorded_at <= recorded_as_of)
		  AND x.month >= prev_start AND x.month <= as_of
		  AND (units IS NULL OR x.unit_id IN (SELECT s.unit_id FROM scope s))
		  AND (indicators IS NULL OR x.indicator_id = ANY (indicators))
		  AND NOT EXISTS (
			SELECT 1 FROM reading n
			WHERE n.revision > 1
			  AND n.indicator_id = x.indicator_id AND n.unit_id = x.unit_id AND n.month = x.month
			  AND n.revision > x.revision
			  AND (recorded_as_of IS NULL OR n.recorded_at <= recorded_as_of))
		  -- what the rules read: the months listed and the one before
		  -- (month_jump); a year before the months listed (pair,
		  -- missing_month); from the start of the first listed month's
		  -- year, indicators reported cumulatively (cumulative_falls); every
		  -- month of flows reported monthly (their year-to-date sums)
		  -- (a year before read_from, not listed_from: they differ only when
		  -- nothing is listed)
		  AND (x.month >= jump_from
		       OR (x.month < year_start AND x.month >= year_before_from)
		       OR (x.indicator_id = ANY (cumulative_ids) AND x.month >= lag_from)
		       OR x.indicator_id = ANY (summed_ids))
	), cumulative AS (
		-- readings of indicators reported cumulatively, with the previous
		-- reading of the same indicator x unit among those from lag_from
		-- (a previous reading before it is of an earlier year than the
		-- month's: no cumulative_falls)
		SELECT c.indicator_id, c.unit_id, c.month, c.value,
		       pg_catalog.lag(c.month) OVER w AS prev_month,
		       pg_catalog.lag(c.value) OVER w AS prev_value
		FROM r c
		WHERE c.cumulative AND c.month >= lag_from
		WINDOW w AS (PARTITION BY c.indicator_id, c.unit_id ORDER BY c.month)
	), tree AS MATERIALIZED (
		SELECT a.unit_id, a.parent_id FROM area_tree() a
	), pair AS (
		-- readings of the as-of year with the same month's a year before:
		-- of the months listed, and every month of flows reported monthly
		-- (their year-to-date sums)
		SELECT c.indicator_id, c.unit_id, c.month, c.value, c.reported_growth,
		       c.summed, p.value AS prior_value
		FROM r c
		JOIN r p ON p.indicator_id = c.indicator_id AND p.unit_id = c.unit_id
		        AND p.month = (c.month - interval '1 year')::date
		-- (p.month < year_start follows from the rest: said, it leaves out
		-- the as-of year's readings before the join, all of them when the
		-- year before has none)
		WHERE c.month >= year_start AND c.nature IN ('flow', 'stock') AND p.month < year_start
		  AND (c.month >= listed_from OR c.summed)
	), ytd AS (
		-- flows reported monthly: the sums of the paired months from
		-- January (a sum with a figure of 1e290 or more is NULL:
		-- review_summable); the others: the month's figures (no sort)
		SELECT p.indicator_id, p.unit_id, p.month, p.reported_growth,
		       CASE WHEN pg_catalog.bool_and(review_summable(p.value)) OVER w
		            THEN pg_catalog.sum(CASE WHEN review_summable(p.value) THEN p.value END) OVER w END AS cur,
		       CASE WHEN pg_catalog.bool_and(review_summable(p.prior_value)) OVER w
		            THEN pg_catalog.sum(CASE WHEN review_summable(p.prior_value) THEN p.prior_value END) OVER w END AS prior
		FROM pair p
		WHERE p.summed
		WINDOW w AS (PARTITION BY p.indicator_id, p.unit_id ORDER BY p.month)
		UNION ALL
		SELECT p.indicator_id, p.unit_id, p.month, p.reported_growth, p.value, p.prior_value
		FROM pair p
		WHERE NOT p.summed
	), growth AS MATERIALIZED (
		SELECT y.indicator_id, y.unit_id, y.month, y.reported_growth,
		       (y.cur / y.prior - 1::float8) * 100::float8 AS growth
		FROM ytd y
		-- (figures whose ratio float8 cannot hold get no growth here)
		WHERE y.prior > 0::float8 AND review_ratio_fits(y.cur, y.prior)
		  AND y.month >= listed_from
	), peer AS MATERIALIZED (
		SELECT g.indicator_id, g.unit_id, g.month, g.growth, u.parent_id, k.peer_group
		FROM growth g
		JOIN unit u ON u.unit_id = g.unit_id
		JOIN unit_kind k ON k.kind = u.kind
		WHERE u.parent_id IS NOT NULL
	), med AS (
		SELECT p.indicator_id, p.parent_id, p.peer_group, p.month, pg_catalog.count(*) AS n,
		       pg_catalog.percentile_cont(0.5::float8) WITHIN GROUP (ORDER BY p.growth) AS median
		FROM peer p
		GROUP BY p.indicator_id, p.parent_id, p.peer_group, p.month
		HAVING pg_catalog.count(*) >= 5
	), mad AS (
		SELECT m.indicator_id, m.parent_id, m.peer_group, m.month, m.n, m.median,
		       pg_catalog.percentile_cont(0.5::float8) WITHIN GROUP (ORDER BY pg_catalog.abs(p.growth - m.median)) AS mad
		FROM med m
		JOIN peer p ON p.indicator_id = m.indicator_id AND p.parent_id = m.parent_id
		           AND p.peer_group = m.peer_group AND p.month = m.month
		GROUP BY m.indicator_id, m.parent_id, m.peer_group, m.month, m.n, m.median
	), children AS (
		-- how many child area units each area unit has
		SELECT t.parent_id, pg_catalog.count(*) AS n
		FROM tree t WHERE t.parent_id IS NOT NULL
		GROUP BY t.parent_id
	), child_sum AS (
		-- the sum of the children's readings as decimals (15 significant
		-- digits, as figures are published), exact: the same whatever
		-- order the rows come in (a float8 sum's last digits depend on
		-- it); none where a child's figure is 1e290 or more
		-- (review_summable)
		SELECT c.indicator_id, t.parent_id, c.month,
		       pg_catalog.sum(CASE WHEN review_summable(c.value) THEN c.value::numeric END)::float8 AS total,
		       pg_catalog.count(*) AS n
		FROM r c JOIN tree t ON t.unit_id = c.unit_id
		WHERE c.nature = 'flow' AND c.additive AND t.parent_id IS NOT NULL AND c.month >= listed_from
		GROUP BY c.indicator_id, t.parent_id, c.month
		HAVING pg_catalog.bool_and(review_summable(c.value))
	), finding AS (
		-- (the names in the first branch, not a column list: Citus's
		-- planning of CTEs loses a column list)
		SELECT c.unit_id AS unit_id, c.indicator_id AS indicator_id, c.month AS month, 'cumulative_falls' AS rule,
		       'error' AS severity, c.value AS figure, c.prev_value AS compared_with,
		       pg_catalog.format('cumulative value %s is below %s of %s',
		           c.value, c.prev_value, pg_catalog.to_char(c.prev_month, 'YYYY-MM')) AS detail
		FROM cumulative c
		WHERE c.month >= listed_from
		  AND pg_catalog.date_trunc('year', c.prev_month) = pg_catalog.date_trunc('year', c.month)
		  AND c.value < c.prev_value
		UNION ALL
		SELECT p.unit_id, p.indicator_id, p.month, 'parent_vs_children', 'warning', p.value, s.total,
		       CASE WHEN p.value = 0::float8
		            THEN pg_catalog.format('own figure is 0, the sum of its %s child units %s', s.n, s.total)
		            ELSE pg_catalog.format('own figure differs from the sum of its %s child units by %s%% of its value (more than 1%%)',
		                 s.n, CASE WHEN review_ratio_fits(p.value - s.total, p.value)
		                           THEN pg_catalog.round((pg_catalog.abs(p.value - s.total) / pg_catalog.abs(p.value) * 100::float8)::numeric, 2)::text
		                           -- a ratio beyond float8 (a figure near 1e-300): in numeric
		                           ELSE pg_catalog.btrim(pg_catalog.to_char(pg_catalog.abs(p.value::numeric - s.total::numeric)
		                                / pg_catalog.abs(p.value::numeric) * 100, '9.99EEEE')) END) END
		FROM r p
		JOIN tree pt ON pt.unit_id = p.unit_id
		JOIN child_sum s ON s.indicator_id = p.indicator_id AND s.parent_id = p.unit_id AND s.month = p.month
		JOIN children k ON k.parent_id = p.unit_id AND k.n = s.n
		WHERE all_units AND p.nature = 'flow' AND p.additive AND p.month >= listed_from
		  -- (0.01 x a figure below about 1e-321 leaves float8: such a figure
		  -- is compared as 0)
		  AND pg_catalog.abs(p.value - s.total) > CASE WHEN pg_catalog.abs(p.value) >= 1e-300::float8
		                                              THEN 0.01::float8 * pg_catalog.abs(p.value) ELSE 0::float8 END
		UNION ALL
		SELECT p.unit_id, p.indicator_id, p.month, 'peer_outlier', 'warning', p.growth, d.median,
		       pg_catalog.format('year-to-date growth %s%% is %s robust standard deviations (1.4826 x MAD %s) from the median %s%% of %s peers (more than 3)',
		           pg_catalog.round(p.growth::numeric, 2),
		           CASE WHEN review_ratio_fits(pg_catalog.abs(p.growth - d.median), 1.4826::float8 * d.mad)
		                THEN pg_catalog.round((pg_catalog.abs(p.growth - d.median) / (1.4826::float8 * d.mad))::numeric, 1)::text
		                -- a ratio beyond float8 (a growth near 1e302 against a
		                -- MAD near 1e-14): in numeric
		                ELSE pg_catalog.btrim(pg_catalog.to_char(pg_catalog.abs(p.growth::numeric - d.median::numeric)
		                     / (1.4826 * d.mad::numeric), '9.99EEEE')) END,
		           pg_catalog.round(d.mad::numeric, 2), pg_catalog.round(d.median::numeric, 2), d.n)
		FROM peer p
		JOIN mad d ON d.indicator_id = p.indicator_id AND d.parent_id = p.parent_id
		          AND d.peer_group = p.peer_group AND d.month = p.month
		WHERE all_units AND d.mad > 0::float8
		  AND pg_catalog.abs(p.growth - d.median) > 3::float8 * 1.4826::float8 * d.mad
		UNION ALL
		SELECT c.unit_id, c.indicator_id, c.month, 'month_jump', 'warning', c.value, c.prev_value,
		       pg_catalog.format('%s is %s times the previous month''s %s (bounds: a third to 3 times)',
		           c.value, CASE WHEN NOT review_ratio_fits(c.value, c.prev_value)
		                         -- a ratio beyond float8 (a figure near 1e-300): in numeric
		                         THEN pg_catalog.btrim(pg_catalog.to_char(c.value::numeric / c.prev_value::numeric, '9.99EEEE'))
		                         WHEN c.value / c.prev_value < 1e9::float8
		                         THEN pg_catalog.round((c.value / c.prev_value)::numeric, 2)::text
		                         ELSE (c.value / c.prev_value)::text END, c.prev_value)
		FROM (
			-- the reading of the calendar month before: the previous one
			-- when there is one (months are distinct), no sort
			SELECT c.unit_id, c.indicator_id, c.month, c.value, p.value AS prev_value
			FROM r c
			JOIN r p ON p.indicator_id = c.indicator_id AND p.unit_id = c.unit_id
			        AND p.month = (c.month - interval '1 month')::date
			-- (p.reporting = 'monthly' follows from the join: said, the
			-- hash holds only readings of indicators reported monthly)
			WHERE c.reporting = 'monthly' AND c.month >= listed_from
			  AND p.reporting = 'monthly' AND p.month >= jump_from
		) c
		WHERE c.value > 0::float8 AND c.prev_value > 0::float8
		  -- (3 x a figure above 6e307 leaves float8: such pairs in numeric)
		  AND CASE WHEN review_ratio_fits(c.value, c.prev_value)
		           THEN c.value > 3::float8 * c.prev_value OR 3::float8 * c.value < c.prev_value
		           ELSE c.value::numeric > 3 * c.prev_value::numeric OR 3 * c.value::numeric < c.prev_value::numeric END
		UNION ALL
		SELECT g.unit_id, g.indicator_id, g.month, 'reported_vs_computed', 'warning', g.reported_growth, g.growth,
		       pg_catalog.format('reported growth %s%% is %s points from the %s%% the levels give (more than 2)',
		           g.reported_growth, pg_catalog.round(pg_catalog.abs(g.reported_growth - g.growth)::numeric, 2),
		           pg_catalog.round(g.growth::numeric, 2))
		FROM growth g
		WHERE g.reported_growth IS NOT NULL
		  AND pg_catalog.abs(g.reported_growth - g.growth) > 2::float8
		UNION ALL
		SELECT p.unit_id, p.indicator_id, (p.month + interval '1 year')::date, 'missing_month', 'info', NULL::float8, p.value,
		       pg_catalog.format('no reading; %s has one (%s)', pg_catalog.to_char(p.month, 'YYYY-MM'), p.value)
		FROM r p
		WHERE p.month < year_start AND (p.month + interval '1 year')::date <= as_of
		  AND (p.month + interval '1 year')::date >= listed_from
		  AND NOT EXISTS (SELECT 1 FROM r c
		                  WHERE c.indicator_id = p.indicator_id AND c.unit_id = p.unit_id
		                    -- (implied by the outer condition; said here too, the
		                    -- anti-join hashes only the months listed of the as-of
		                    -- year)
		                    AND c.month = (p.month + interval '1 year')::date AND c.month >= listed_from
		                    AND c.month >= year_start)
	)
	SELECT f.unit_id, u.name_zh, f.indicator_id, i.name_zh, f.month, f.rule, f.severity,
	       f.figure, f.compared_with, f.detail
	FROM finding f
	JOIN unit u ON u.unit_id = f.unit_id
	JOIN indicator i ON i.indicator_id = f.indicator_id
	WHERE units IS NULL OR f.unit_id IN (SELECT x.unit_id FROM focus x)
	ORDER BY f.indicator_id, u.sort_order, f.unit_id, f.month, f.rule;
END $$;
COMMENT ON FUNCTION data_review(date, timestamptz, text[], boolean, date, int[]) IS 'data review (统计数据审核) of the readings in force of the as-of year and the year before (of the units given, their parents and with_children their children, or all; of from_month on, of the indicators given): cumulative_falls, parent_vs_children, peer_outlier, month_jump, reported_vs_computed, missing_month, with figures and severity';

-- The data review of a load (load_readings, unless plan_setting.review_on_load
-- is off): the findings of the units and indicators it loaded from the
-- first month it loaded to the end of the last (and their parents' sums
-- against their children, 上下级衔接), said in a WARNING that lists the
-- first 5 (a load's message stays short; the hint's query lists them
-- all); with block, findings of severity error refuse the load (22000;
-- the transaction's load is rolled back with it).  Returns how many
-- findings there are.
CREATE OR REPLACE FUNCTION load_review(units text[], indicators int[], first_month date, last_month date,
	block boolean DEFAULT false)
RETURNS bigint
LANGUAGE plpgsql VOLATILE
SET search_path = pg_catalog, scorecard, pg_temp AS $$
DECLARE
	d date := (pg_catalog.date_trunc('month', last_month) + interval '1 month - 1 day')::date;
	n bigint;
	nerr bigint;
	listing text;
	ask text := pg_catalog.format('SELECT * FROM scorecard.data_review(%L, units => %L)', pg_catalog.to_char(d, 'YYYY-MM-DD'), units);
BEGIN
	-- A figure beyond the float8 range (bounds the plan's owner raised to
	-- 1e308) stops the review, never the load.
	BEGIN
		WITH found AS MATERIALIZED (
			SELECT x.*, pg_catalog.row_number() OVER (ORDER BY x.severity = 'info', x.severity = 'warning',
			                                              x.indicator_id, x.unit_id, x.month, x.rule) AS k
			FROM data_review(d, NULL, units, from_month => first_month, indicators => indicators) x
			WHERE x.unit_id = ANY (units) OR x.rule = 'parent_vs_children'
		)
		SELECT pg_catalog.count(*), pg_catalog.count(*) FILTER (WHERE f.severity = 'error'),
		       pg_catalog.string_agg(pg_catalog.format('%s %s %s %s (%s): %s', f.unit_zh, f.indicator_zh,
		           pg_catalog.to_char(f.month, 'YYYY-MM'), f.rule, f.severity, f.detail), E'\n' ORDER BY f.k)
		           FILTER (WHERE f.k <= 5)
		INTO n, nerr, listing
		FROM found f;
	EXCEPTION WHEN numeric_value_out_of_range THEN
		RAISE WARNING 'scorecard load: the data review could not run: %', SQLERRM
			USING DETAIL = 'A figure of the loaded units or of those they are compared with leaves the float8 range; the load goes on.',
			      HINT = ask || ' runs the review alone.';
		RETURN NULL;
	END;
	IF n > 5 THEN
		listing := listing || pg_catalog.format(E'\n... and %s more', n - 5);
	END IF;
	IF block AND nerr > 0 THEN
		RAISE EXCEPTION 'load_readings: the data review finds % error(s) in the loaded readings; nothing loaded', nerr
			USING ERRCODE = 'data_exception', DETAIL = listing,
			      HINT = 'Correct the readings, or let the plan''s owner set plan_setting.review_on_load to warn; ' || ask || ' lists the findings.';
	ELSIF n > 0 THEN
		RAISE WARNING 'scorecard load: the data review finds % issue(s) in the loaded units (% errors)', n, nerr
			USING DETAIL = listing, HINT = ask || ' lists them; they do not block the load.';
	END IF;
	RETURN n;
END $$;
COMMENT ON FUNCTION load_review(text[], int[], date, date, boolean) IS 'the data review of a load: a WARNING listing the findings of the units and indicators loaded, or with block an error on findings of severity error';
