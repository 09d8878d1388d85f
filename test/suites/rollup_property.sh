#!/usr/bin/env bash
# Roll-up property suite (TAP): random hierarchies, one per seed of a fixed
# list, and every indicator x area unit of indicator_state() compared with
# figures computed here in plain SQL, level by level from the bottom.
#
#   bash test/suites/rollup_property.sh
#
# Each seed makes a top unit and up to 2 to 4 levels below it (random
# fan-out 1 to 4, some units without children above the lowest level,
# which may leave fewer levels), departments
# attached at random levels (two department kinds), four additive flows
# (three monthly, one cumulative) and a non-additive one, readings for
# 2023-2024: bottom units for the additive flows, some of them missing an
# indicator (holes) or stopping early (2024-10, 2024-05 or 2023-12:
# mismatched data months), some middle units with readings of their own
# (owners), departments for every indicator.  The expected figure of a unit
# is its own readings if it has any; else, for an additive indicator and a
# unit with child area units, the sum of its children's figures when every
# child has one for the same data month, else no state and the note
# "roll-up incomplete: X of Y child units report for YYYY-MM" (Y child area
# units; the month: the latest data month of the own figures below the unit
# that its roll-up would add, i.e. reached without passing a unit with a
# figure of its own; X of the children with a figure for that month; no
# month when none of those figures has one in the as-of year).  Checked at
# 2024-11-30 and 2024-06-30, every row: presence of a state, data_month,
# rolled_up, note, and ytd_value/ytd_prior at the data month against sums
# of the readings (no row where neither side has one).
#
# About 4% of the readings are corrected later (revision 2); a third check
# at 2024-11-30 is as recorded before the corrections.
#
# ROLLUP_BREAK=owners|holes|months|departments|revisions|recorded replaces
# indicator_state (or area_tree) in the test database by a copy with that
# rule removed (a climb never stops at a parent with its own figure; holes
# never block; mismatched months never block; departments count as child
# area units; every revision counts; readings recorded later count): the
# suite must then fail.
source "$(dirname "$0")/../../scripts/common.sh"
set +e

SEEDS=$(seq 1 20)
# as-of dates; with @, as recorded at a time before the corrections
AS_OFS="2024-11-30 2024-06-30 2024-11-30@2025-01-20"
SERVER=rollup_prop
DB=rollup_prop
BREAK=${ROLLUP_BREAK:-}

trap 'bash "$TOP/scripts/pgserver.sh" stop $SERVER >/dev/null 2>&1' EXIT

source "$TOP/test/tap.sh"

bash "$TOP/scripts/pgserver.sh" start $SERVER fresh >/dev/null || bail "cannot start server $SERVER"
eval "$(bash "$TOP/scripts/pgserver.sh" env $SERVER)"
q() { PGOPTIONS="-c search_path=scorecard,public -c client_min_messages=warning" psql -X -q -At -v ON_ERROR_STOP=1 -d $DB "$@"; }

psql -X -q -d postgres -c "CREATE DATABASE $DB" >/dev/null || bail "CREATE DATABASE"

# ---------------------------------------------------------------- set-up

q >/dev/null <<'SQL' || bail "set-up"
SET client_min_messages = warning;
CREATE EXTENSION scorecard_plan CASCADE;
SET search_path = scorecard, public;

-- Kinds of this suite's hierarchies (levels are data) and a second kind of
-- department beside the predefined one.
INSERT INTO unit_kind (kind, level, peer_group, is_department) VALUES
	('rp_l1', 1, 'rp_l1', false), ('rp_l2', 2, 'rp_l2', false), ('rp_l3', 3, 'rp_l3', false),
	('rp_l4', 4, 'rp_l4', false), ('rp_l5', 5, 'rp_l5', false), ('rp_office', NULL, 'rp_office', true);
INSERT INTO indicator (indicator_id, code, name_zh, name_en, nature, reporting, additive) VALUES
	(1, 'rp1', '流量1', 'flow 1', 'flow', 'monthly', true),
	(2, 'rp2', '流量2', 'flow 2', 'flow', 'monthly', true),
	(3, 'rp3', '流量3', 'flow 3', 'flow', 'monthly', true),
	(4, 'rp4', '累计流量', 'cumulative flow', 'flow', 'cumulative', true),
	(5, 'rp5', '人均', 'per capita (not additive)', 'flow', 'monthly', false);

-- The generator's own record of the area units: parent, depth (0 the top).
CREATE TABLE rp_area (unit_id text PRIMARY KEY, parent_id text, depth int NOT NULL);

-- Readings of one unit and indicator from 2023-01 to stop_month: a random
-- value a month (cumulative indicators: the running sum within the year).
CREATE FUNCTION rp_readings(u text, ind int, stop_month date) RETURNS void
LANGUAGE sql AS $$
	INSERT INTO scorecard.reading (indicator_id, unit_id, month, value, recorded_at)
	SELECT ind, u, m, CASE WHEN ind = 4 THEN sum(v) OVER (PARTITION BY date_trunc('year', m) ORDER BY m) ELSE v END,
	       '2025-01-10'
	FROM (SELECT m::date AS m, round((10 + 90 * random())::numeric, 2)::float8 AS v
	      FROM generate_series(date '2023-01-01', stop_month, interval '1 month') m) g;
	-- about 4% of the readings corrected later (revision 2)
	INSERT INTO scorecard.reading (indicator_id, unit_id, month, value, revision, recorded_at)
	SELECT r.indicator_id, r.unit_id, r.month, r.value + 7.5, 2, '2025-02-01'
	FROM (SELECT * FROM scorecard.reading r WHERE r.unit_id = u AND r.indicator_id = ind ORDER BY r.month) r
	WHERE random() < 0.04;
$$;

-- When a unit's readings stop: mostly December 2024, else a month before
-- the November as-of date, the month before June, or the end of 2023.
CREATE FUNCTION rp_stop() RETURNS date LANGUAGE sql AS $$
	SELECT CASE WHEN r < 0.80 THEN date '2024-12-01' WHEN r < 0.88 THEN date '2024-10-01'
	            WHEN r < 0.96 THEN date '2024-05-01' ELSE date '2023-12-01' END
	FROM (SELECT random() AS r) x
$$;

-- One random hierarchy and its readings (replacing the previous seed's).
CREATE FUNCTION rp_generate(seed int) RETURNS void LANGUAGE plpgsql AS $$
DECLARE
	levels int;
	p record;
	k int;
	ind int;
BEGIN
	DELETE FROM scorecard.reading;
	DELETE FROM scorecard.unit;
	DELETE FROM rp_area;
	PERFORM setseed(seed / 1000.0);
	levels := 2 + floor(random() * 3)::int;         -- levels below the top
	INSERT INTO rp_area VALUES ('t', NULL, 0);
	FOR d IN 1 .. levels LOOP
		FOR p IN SELECT a.unit_id FROM rp_area a WHERE a.depth = d - 1 ORDER BY a.unit_id LOOP
			CONTINUE WHEN d > 1 AND random() < 0.12;  -- a unit without children above the bottom
			FOR k IN 1 .. 1 + floor(random() * 4)::int LOOP
				INSERT INTO rp_area VALUES (p.unit_id || '.' || k, p.unit_id, d);
			END LOOP;
		END LOOP;
	END LOOP;
	INSERT INTO scorecard.unit (unit_id, name_zh, name_en, kind, parent_id, sort_order)
	SELECT a.unit_id, a.unit_id, a.unit_id, 'rp_l' || (a.depth + 1), a.parent_id, row_number() OVER (ORDER BY a.depth, a.unit_id)
	FROM rp_area a ORDER BY a.depth, a.unit_id;
	-- departments under area units of any level; readings for every indicator
	FOR p IN SELECT a.unit_id FROM rp_area a ORDER BY a.unit_id LOOP
		IF random() < 0.2 THEN
			INSERT INTO scorecard.unit (unit_id, name_zh, name_en, kind, parent_id)
			VALUES (p.unit_id || '.d', p.unit_id || '.d', p.unit_id || '.d',
			        CASE WHEN random() < 0.5 THEN 'department' ELSE 'rp_office' END, p.unit_id);
			FOR ind IN 1 .. 5 LOOP
				PERFORM rp_readings(p.unit_id || '.d', ind, date '2024-12-01');
			END LOOP;
		END IF;
	END LOOP;
	-- area units: the bottom ones report the additive flows (some do not,
	-- some stop early); others (owners) some of them; most report the
	-- non-additive one
	FOR p IN SELECT a.unit_id, NOT EXISTS (SELECT 1 FROM rp_area c WHERE c.parent_id = a.unit_id) AS bottom
	         FROM rp_area a ORDER BY a.unit_id LOOP
		FOR ind IN 1 .. 4 LOOP
			IF (p.bottom AND random() >= 0.06) OR (NOT p.bottom AND random() < 0.12) THEN
				PERFORM rp_readings(p.unit_id, ind, rp_stop());
			END IF;
		END LOOP;
		IF random() < 0.8 THEN
			PERFORM rp_readings(p.unit_id, 5, date '2024-12-01');
		END IF;
	END LOOP;
END $$;

-- The expected figure of every indicator x unit at as_of, from the readings
-- and rp_area only: own readings first, then the units of each depth from
-- the lowest up, each from its children's figures.  x_series holds each
-- figure's monthly values (sums of its children's for a roll-up); fm is the
-- latest data month of the own figures a roll-up would add (the month an
-- incomplete roll-up's note names).
CREATE FUNCTION rp_expect(as_of date, rec timestamptz) RETURNS void LANGUAGE plpgsql AS $$
DECLARE
	y0 date := date_trunc('year', as_of)::date;
	p0 date := (date_trunc('year', as_of) - interval '1 year')::date;
BEGIN
	DROP TABLE IF EXISTS x_series, x_fig, x_want;
	-- the revision in force (as recorded at rec)
	CREATE TEMP TABLE x_series AS
	SELECT DISTINCT ON (r.indicator_id, r.unit_id, r.month) r.indicator_id, r.unit_id, r.month, r.value
	FROM scorecard.reading r WHERE r.month >= p0 AND r.month <= as_of AND (rec IS NULL OR r.recorded_at <= rec)
	ORDER BY r.indicator_id, r.unit_id, r.month, r.revision DESC;
	CREATE TEMP TABLE x_fig AS
	SELECT s.indicator_id, s.unit_id, true AS has_state,
	       max(s.month) FILTER (WHERE s.month >= y0) AS dm, false AS rolled, NULL::text AS note,
	       max(s.month) FILTER (WHERE s.month >= y0) AS fm
	FROM x_series s GROUP BY s.indicator_id, s.unit_id;
	FOR d IN REVERSE (SELECT max(depth) FROM rp_area) - 1 .. 0 LOOP
		INSERT INTO x_fig
		SELECT g.indicator_id, g.unit_id, g.complete, CASE WHEN g.complete THEN g.last_dm END, true,
		       CASE WHEN NOT g.complete THEN format('roll-up incomplete: %s of %s child units report%s',
		            g.reporting, g.children, CASE WHEN g.fm IS NOT NULL THEN ' for ' || to_char(g.fm, 'YYYY-MM') ELSE '' END) END,
		       g.fm
		FROM (
			SELECT c.indicator_id, c.unit_id, count(*) AS children,
			       count(*) = count(*) FILTER (WHERE c.has_state)
			         AND count(DISTINCT coalesce(c.dm, 'infinity')) FILTER (WHERE c.has_state) = 1 AS complete,
			       max(c.dm) FILTER (WHERE c.has_state) AS last_dm, max(c.fm) AS fm,
			       count(*) FILTER (WHERE c.has_state AND c.dm IS NOT DISTINCT FROM c.max_fm) AS reporting,
			       count(c.child_row) AS child_rows
			FROM (
				SELECT i.indicator_id, p.unit_id, f.unit_id AS child_row, coalesce(f.has_state, false) AS has_state, f.dm, f.fm,
				       max(f.fm) OVER (PARTITION BY i.indicator_id, p.unit_id) AS max_fm
				FROM rp_area p
				JOIN rp_area ch ON ch.parent_id = p.unit_id
				CROSS JOIN scorecard.indicator i
				LEFT JOIN x_fig f ON f.indicator_id = i.indicator_id AND f.unit_id = ch.unit_id
				WHERE p.depth = d AND i.additive
				  AND NOT EXISTS (SELECT 1 FROM x_fig o WHERE o.indicator_id = i.indicator_id AND o.unit_id = p.unit_id)
			) c
			GROUP BY c.indicator_id, c.unit_id
		) g
		WHERE g.child_rows > 0;
		INSERT INTO x_series
		SELECT f.indicator_id, f.unit_id, s.month, sum(s.value)
		FROM x_fig f
		JOIN rp_area p ON p.unit_id = f.unit_id AND p.depth = d
		JOIN rp_area ch ON ch.parent_id = p.unit_id
		JOIN x_series s ON s.indicator_id = f.indicator_id AND s.unit_id = ch.unit_id
		WHERE f.rolled AND f.has_state
		GROUP BY f.indicator_id, f.unit_id, s.month;
	END LOOP;
	-- ytd value at the data month and prior at its month a year before:
	-- January..month sums (cumulative: the month's reading)
	CREATE TEMP TABLE x_want AS
	SELECT f.indicator_id, f.unit_id, f.has_state, f.dm, f.rolled, f.note,
	       CASE WHEN f.has_state AND f.dm IS NOT NULL THEN
	            CASE WHEN i.reporting = 'cumulative' THEN sum(s.value) FILTER (WHERE s.month = f.dm)
	                 ELSE sum(s.value) FILTER (WHERE s.month BETWEEN y0 AND f.dm) END END AS cur,
	       CASE WHEN f.has_state THEN
	            CASE WHEN i.reporting = 'cumulative' THEN sum(s.value) FILTER (WHERE s.month = pm.m)
	                 ELSE sum(s.value) FILTER (WHERE s.month BETWEEN p0 AND pm.m) END END AS pri
	FROM x_fig f
	JOIN scorecard.indicator i ON i.indicator_id = f.indicator_id
	CROSS JOIN LATERAL (SELECT (date_trunc('month', coalesce(f.dm, as_of)) - interval '1 year')::date AS m) pm
	LEFT JOIN x_series s ON s.indicator_id = f.indicator_id AND s.unit_id = f.unit_id
	GROUP BY f.indicator_id, f.unit_id, f.has_state, f.dm, f.rolled, f.note, i.reporting, pm.m;
END $$;

CREATE TABLE rp_result (seed int, as_of text, compared int, mismatched int, own int, rolled int,
	incomplete int, notes_compared int, notes_equal int, levels int, first_mismatches text);
CREATE TABLE rp_coverage (seed int, as_of text, what text, n int);
CREATE TABLE rp_subtree (seed int, as_of text, subtrees int, rows_compared bigint, mismatched bigint);

-- One seed at one as-of date: indicator_state against x_want.
-- label: as_of, or as_of@recorded_as_of
CREATE FUNCTION rp_check(seed int, label text) RETURNS void LANGUAGE plpgsql AS $$
DECLARE
	as_of date := split_part(label, '@', 1)::date;
	rec timestamptz := nullif(split_part(label, '@', 2), '')::timestamptz;
BEGIN
	PERFORM rp_expect(as_of, rec);
	DROP TABLE IF EXISTS x_got, x_cmp;
	CREATE TEMP TABLE x_got AS
	SELECT s.indicator_id, s.unit_id, s.state IS NOT NULL AS has_state, s.data_month AS dm, s.rolled_up AS rolled,
	       s.note, ytd_value(s.state, s.data_month) AS cur, ytd_prior(s.state, coalesce(s.data_month, as_of)) AS pri
	FROM scorecard.indicator_state(as_of, rec) s;
	CREATE TEMP TABLE x_cmp AS
	SELECT indicator_id, unit_id,
	       g.has_state IS NOT DISTINCT FROM w.has_state AND g.dm IS NOT DISTINCT FROM w.dm
	       AND g.rolled IS NOT DISTINCT FROM w.rolled AND g.note IS NOT DISTINCT FROM w.note
	       AND (g.cur IS NOT DISTINCT FROM w.cur OR abs(g.cur - w.cur) <= 1e-9 * abs(w.cur))
	       AND (g.pri IS NOT DISTINCT FROM w.pri OR abs(g.pri - w.pri) <= 1e-9 * abs(w.pri)) AS same,
	       format('%s', g) AS got, format('%s', w) AS want, w.note AS want_note, g.note AS got_note
	FROM x_got g FULL JOIN x_want w USING (indicator_id, unit_id);
	INSERT INTO rp_result
	SELECT seed, label, count(*), count(*) FILTER (WHERE NOT coalesce(same, false)),
	       (SELECT count(*) FROM x_want WHERE NOT rolled),
	       (SELECT count(*) FROM x_want WHERE rolled AND has_state),
	       (SELECT count(*) FROM x_want WHERE rolled AND NOT has_state),
	       count(*) FILTER (WHERE want_note IS NOT NULL),
	       count(*) FILTER (WHERE want_note IS NOT NULL AND got_note IS NOT DISTINCT FROM want_note),
	       (SELECT max(depth) + 1 FROM rp_area),
	       (SELECT string_agg(format('indicator %s unit %s: got %s, want %s', m.indicator_id, m.unit_id,
	                                 coalesce(m.got, 'no row'), coalesce(m.want, 'no row')), E'\n')
	        FROM (SELECT * FROM x_cmp WHERE NOT coalesce(same, false) ORDER BY indicator_id, unit_id LIMIT 5) m)
	FROM x_cmp;
	-- indicator_state limited to the subtree of each unit one or two levels
	-- down (below): its rows, exactly those of the whole computation for
	-- the units of that subtree
	DROP TABLE IF EXISTS x_full;
	CREATE TEMP TABLE x_full AS
	SELECT s.indicator_id, s.unit_id, s.state::text AS state, s.data_month, s.reported_growth, s.rolled_up, s.note
	FROM scorecard.indicator_state(as_of, rec) s;
	INSERT INTO rp_subtree
	SELECT seed, label, count(*), sum(c.n), sum(c.bad)
	FROM rp_area r
	CROSS JOIN LATERAL (
		WITH whole AS (
			SELECT f.* FROM x_full f WHERE f.unit_id IN (SELECT scorecard.units_below(r.unit_id))
		), part AS (
			SELECT s.indicator_id, s.unit_id, s.state::text, s.data_month, s.reported_growth, s.rolled_up, s.note
			FROM scorecard.indicator_state(as_of, rec, r.unit_id) s
		)
		SELECT (SELECT count(*) FROM whole) AS n,
		       (SELECT count(*) FROM (SELECT * FROM whole EXCEPT ALL SELECT * FROM part) x)
		       + (SELECT count(*) FROM (SELECT * FROM part EXCEPT ALL SELECT * FROM whole) x) AS bad
	) c
	WHERE r.depth IN (1, 2);
	-- which cases this seed exercised (from the expected figures and the data)
	INSERT INTO rp_coverage
	SELECT seed, label, c.what, c.n FROM (
		SELECT 'roll-up of roll-ups' AS what, count(*) AS n FROM x_want w
		WHERE w.rolled AND w.has_state AND EXISTS (
			SELECT 1 FROM rp_area ch JOIN x_want cw ON cw.unit_id = ch.unit_id AND cw.indicator_id = w.indicator_id
			WHERE ch.parent_id = w.unit_id AND cw.rolled AND cw.has_state)
		UNION ALL
		SELECT 'roll-up adding an owner''s own figure', count(*) FROM x_want w
		WHERE w.rolled AND w.has_state AND EXISTS (
			SELECT 1 FROM rp_area ch JOIN x_want cw ON cw.unit_id = ch.unit_id AND cw.indicator_id = w.indicator_id
			WHERE ch.parent_id = w.unit_id AND NOT cw.rolled AND EXISTS (SELECT 1 FROM rp_area g WHERE g.parent_id = ch.unit_id))
		UNION ALL
		SELECT 'owner keeping its figure over an incomplete level below', count(*) FROM x_want w
		JOIN scorecard.indicator i ON i.indicator_id = w.indicator_id AND i.additive
		WHERE NOT w.rolled AND EXISTS (
			SELECT 1 FROM rp_area ch WHERE ch.parent_id = w.unit_id AND NOT EXISTS (
				SELECT 1 FROM x_want cw WHERE cw.unit_id = ch.unit_id AND cw.indicator_id = w.indicator_id AND cw.has_state))
		UNION ALL
		SELECT 'incomplete: every child has a figure, data months differ', count(*) FROM x_want w
		WHERE w.rolled AND NOT w.has_state AND NOT EXISTS (
			SELECT 1 FROM rp_area ch WHERE ch.parent_id = w.unit_id AND NOT EXISTS (
				SELECT 1 FROM x_want cw WHERE cw.unit_id = ch.unit_id AND cw.indicator_id = w.indicator_id AND cw.has_state))
		UNION ALL
		SELECT 'incomplete: a child without a figure', count(*) FROM x_want w
		WHERE w.rolled AND NOT w.has_state AND EXISTS (
			SELECT 1 FROM rp_area ch WHERE ch.parent_id = w.unit_id AND NOT EXISTS (
				SELECT 1 FROM x_want cw WHERE cw.unit_id = ch.unit_id AND cw.indicator_id = w.indicator_id AND cw.has_state))
		UNION ALL
		SELECT 'incomplete two levels up (a child incomplete itself)', count(*) FROM x_want w
		WHERE w.rolled AND NOT w.has_state AND EXISTS (
			SELECT 1 FROM rp_area ch JOIN x_want cw ON cw.unit_id = ch.unit_id AND cw.indicator_id = w.indicator_id
			WHERE ch.parent_id = w.unit_id AND cw.rolled AND NOT cw.has_state)
		UNION ALL
		SELECT 'department with readings under an area unit', count(DISTINCT u.unit_id) FROM scorecard.unit u
		JOIN scorecard.unit_kind k ON k.kind = u.kind AND k.is_department
		UNION ALL
		SELECT 'complete roll-up of the cumulative indicator', count(*) FROM x_want w
		WHERE w.indicator_id = 4 AND w.rolled AND w.has_state
		UNION ALL
		SELECT 'not additive: a unit with children and no readings of its own, no roll-up', count(*) FROM rp_area a
		WHERE EXISTS (SELECT 1 FROM rp_area c WHERE c.parent_id = a.unit_id)
		  AND NOT EXISTS (SELECT 1 FROM x_want w WHERE w.unit_id = a.unit_id AND w.indicator_id = 5)
		UNION ALL
		SELECT 'area unit reading corrected (revision 2)', count(*) FROM scorecard.reading r
		JOIN rp_area a ON a.unit_id = r.unit_id WHERE r.revision = 2
		UNION ALL
		SELECT 'bottom unit above the lowest level', count(*) FROM rp_area a
		WHERE a.depth > 0 AND a.depth < (SELECT max(depth) FROM rp_area)
		  AND NOT EXISTS (SELECT 1 FROM rp_area c WHERE c.parent_id = a.unit_id)
	) c;
END $$;
SQL
check $? "set-up: five indicators (one cumulative, one not additive), kinds rp_l1..rp_l5 and rp_office as data"

if [ -n "$BREAK" ]; then
	fn='scorecard.indicator_state(date, timestamptz, text)'
	case $BREAK in
	owners) from='WHERE st.d IS NULL OR a.k < st.d' to='WHERE true' ;;
	holes) from='rd.holes = 0 AND' to='' ;;
	months) from='rd.first_month = rd.last_month' to='true' ;;
	departments) fn='scorecard.area_tree()' from='WHERE NOT k.is_department' to='WHERE true' ;;
	revisions) from='AND n.revision > r.revision' to='AND false' ;;
	recorded) from='(recorded_as_of IS NULL OR r.recorded_at <= recorded_as_of)' to='true' ;;
	*) bail "ROLLUP_BREAK: owners, holes, months, departments, revisions or recorded" ;;
	esac
	q -v fn="$fn" -v from="$from" -v to="$to" >/dev/null <<'SQL' || bail "cannot break $fn"
SELECT pg_catalog.strpos(pg_get_functiondef(:'fn'::regprocedure), :'from') > 0 AS found \gset
\if :found
SELECT replace(pg_get_functiondef(:'fn'::regprocedure), :'from', :'to') AS def \gset
:def
\else
SELECT 1 / 0;
\endif
SQL
	echo "# $fn broken on purpose: '$from' replaced by '$to'"
fi

# ---------------------------------------------------------------- the seeds

for seed in $SEEDS; do
	{
		echo "SET search_path = scorecard, public; SET max_parallel_workers_per_gather = 0;"
		echo "SELECT rp_generate($seed);"
		for d in $AS_OFS; do echo "SELECT rp_check($seed, '$d');"; done
	} | q >/dev/null || bail "seed $seed"
done

# One line per seed and as-of date; the first mismatches as diagnostics.
for d in $AS_OFS; do
	for seed in $SEEDS; do
		IFS='|' read -r compared mismatched own rolled incomplete levels <<<"$(q -c \
			"SELECT compared, mismatched, own, rolled, incomplete, levels FROM rp_result WHERE seed = $seed AND as_of = '$d'")"
		label="seed $seed ($levels levels), as of ${d/@/ as recorded at }: $compared indicator x unit states ($own own, $rolled roll-ups, $incomplete incomplete)"
		if [ "$mismatched" = 0 ] && [ "${rolled:-0}" -gt 0 ]; then
			ok "$label equal the plain-SQL figures"
		else
			not_ok "$label equal the plain-SQL figures ($mismatched differ)"
			q -c "SELECT first_mismatches FROM rp_result WHERE seed = $seed AND as_of = '$d'" | diag
		fi
	done
	IFS='|' read -r nc ne <<<"$(q -c "SELECT sum(notes_compared), sum(notes_equal) FROM rp_result WHERE as_of = '$d'")"
	[ "${nc:-0}" -gt 0 ] && [ "$nc" = "$ne" ]
	check $? "as of ${d/@/ as recorded at }: the notes of all $nc incomplete roll-ups read as expected ($ne equal)"
done

# indicator_state(as_of, recorded_as_of, below): the whole computation's
# rows of each subtree, whatever the hierarchy.
IFS='|' read -r subtrees rows bad <<<"$(q -c "SELECT sum(subtrees), sum(rows_compared), sum(mismatched) FROM rp_subtree")"
[ "${subtrees:-0}" -gt 0 ] && [ "${rows:-0}" -gt 0 ] && [ "$bad" = 0 ]
check $? "indicator_state of $subtrees subtrees (units one and two levels down, every seed and date): their $rows rows as in the whole ($bad differ)"

# The generator exercised every case (summed over the seeds and the three checks).
while IFS='|' read -r what total seeds; do
	[ "${total:-0}" -gt 0 ]
	check $? "coverage: $what ($total, in $seeds seeds)"
done < <(q -c "SELECT what, sum(n), count(DISTINCT seed) FILTER (WHERE n > 0) FROM rp_coverage GROUP BY what ORDER BY what")
levels=$(q -c "SELECT string_agg(DISTINCT levels::text, ',' ORDER BY levels::text) FROM rp_result")
[[ ",$levels," == *,3,4,5,* ]]
check $? "coverage: hierarchies of 3, 4 and 5 levels (got $levels)"

echo "1..$n"
[ "$failed" -eq 0 ]
