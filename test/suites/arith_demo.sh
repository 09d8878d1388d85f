#!/usr/bin/env bash
# The bureau's arithmetic on the demo plan (data/), checked against plain
# SQL over the reading table: for every additive flow whose city figure is
# the roll-up of its counties, the counties' contributions to the city's
# year-to-date growth sum to 100 and their pulls to the city's growth (to
# 1e-9), and each county's contribution and pull equals the plain-SQL one,
# both from the accessors (indicator_state, window rollup) and in the
# progress_arith view.  Runs on the test server.
set -uo pipefail
TOP=$(cd "$(dirname "$0")/../.." && pwd)
export PATH=/usr/lib/postgresql/15/bin:$PATH PGCLIENTENCODING=UTF8
source "$TOP/test/tap.sh"
db=scorecard_arith_demo
AS_OF=2024-11-30
cleanup() { psql -X -q -d postgres -c "SET client_min_messages = warning" -c "DROP DATABASE IF EXISTS $db" >/dev/null; }
trap cleanup EXIT
cleanup
q() { psql -X -q -At -v ON_ERROR_STOP=1 -d $db -c "SET search_path = scorecard, public" -c "$1"; }
cd "$TOP"
psql -X -q -d postgres -c "CREATE DATABASE $db" >/dev/null &&
	psql -X -q -v ON_ERROR_STOP=1 -d $db -v last_month=2024-11-01 -c "SET client_min_messages = warning" \
		-c "CREATE EXTENSION scorecard_plan CASCADE" -c "SET search_path = scorecard, public" \
		-f data/plan.sql -f data/generate.sql >/dev/null
ok $? "demo plan and readings to November 2024 load"

# Two figures equal to 1e-9 (relative above 1), or both NULL.
q "CREATE FUNCTION public.near(a float8, b float8) RETURNS boolean LANGUAGE sql IMMUTABLE AS
	'SELECT coalesce(abs(a - b) <= 1e-9 * greatest(1, abs(b)), a IS NULL AND b IS NULL)'"

# Plain SQL: the latest revision of each reading; the additive flows whose
# city has no readings of its own; their latest month with readings in
# 2024; each county's year-to-date value and the same a year before (the
# sum of January..month of monthly readings, or the cumulative reading).
q "CREATE TABLE plain AS
WITH r AS (
	SELECT DISTINCT ON (indicator_id, unit_id, month) indicator_id, unit_id, month, value
	FROM reading ORDER BY indicator_id, unit_id, month, revision DESC
), f AS (
	SELECT i.indicator_id, i.reporting FROM indicator i
	WHERE i.nature = 'flow' AND i.additive
	  AND NOT EXISTS (SELECT 1 FROM reading x WHERE x.indicator_id = i.indicator_id AND x.unit_id = 'shaoyang')
), m AS (
	SELECT f.indicator_id, f.reporting, max(r.month) AS dm
	FROM f JOIN r USING (indicator_id)
	WHERE r.month BETWEEN '2024-01-01' AND '$AS_OF'
	GROUP BY f.indicator_id, f.reporting
), part AS (
	SELECT m.indicator_id, m.dm, r.unit_id,
	       sum(r.value) FILTER (WHERE CASE m.reporting WHEN 'monthly'
	                 THEN r.month BETWEEN date_trunc('year', m.dm) AND m.dm ELSE r.month = m.dm END) AS x,
	       sum(r.value) FILTER (WHERE CASE m.reporting WHEN 'monthly'
	                 THEN r.month BETWEEN date_trunc('year', m.dm) - interval '1 year' AND m.dm - interval '1 year'
	                 ELSE r.month = m.dm - interval '1 year' END) AS p
	FROM m JOIN r USING (indicator_id) JOIN unit u USING (unit_id)
	WHERE u.parent_id = 'shaoyang' AND u.kind <> 'department'
	GROUP BY m.indicator_id, m.dm, r.unit_id
)
SELECT part.*, t.x_city, t.p_city,
       (part.x - part.p) / nullif(t.x_city - t.p_city, 0) * 100 AS contribution,
       (part.x - part.p) / nullif(t.p_city, 0) * 100 AS pull,
       (t.x_city / nullif(t.p_city, 0) - 1) * 100 AS city_growth
FROM part JOIN (SELECT indicator_id, sum(x) AS x_city, sum(p) AS p_city FROM part GROUP BY indicator_id) t
	USING (indicator_id)"
ok $? "plain-SQL contributions and pulls computed"
flows=$(q "SELECT string_agg(DISTINCT indicator_id::text, ',') FROM plain")
nflows=$(q "SELECT count(DISTINCT indicator_id) FROM plain WHERE contribution IS NOT NULL")
echo "# additive flows rolled up from the counties: $flows ($nflows with a city total that changed)"
[ "$nflows" -ge 10 ]; ok $? "at least 10 additive flows to check (got $nflows)"

# The extension: the counties' states from indicator_state, the city's as
# their rollup() over a window.
q "CREATE TABLE ext AS
SELECT s.indicator_id, s.unit_id,
       ytd_contribution(s.state, rollup(s.state) OVER w, p.dm) AS contribution,
       ytd_pull(s.state, rollup(s.state) OVER w, p.dm) AS pull,
       ytd_growth(rollup(s.state) OVER w, p.dm) AS city_growth
FROM indicator_state('$AS_OF') s
JOIN unit u ON u.unit_id = s.unit_id AND u.parent_id = 'shaoyang' AND u.kind <> 'department'
JOIN (SELECT DISTINCT indicator_id, dm FROM plain) p USING (indicator_id)
WINDOW w AS (PARTITION BY s.indicator_id)"
ok $? "contributions and pulls from the accessors with a window rollup"

bad=$(q "SELECT string_agg(indicator_id || ': ' || c, '; ') FROM (
	SELECT indicator_id, sum(contribution) AS c FROM ext GROUP BY indicator_id
	HAVING count(contribution) > 0 AND NOT abs(sum(contribution) - 100) <= 1e-9) x")
checked=$(q "SELECT count(DISTINCT indicator_id) FROM ext WHERE contribution IS NOT NULL")
[ -z "$bad" ] && [ "$checked" -ge 10 ]
ok $? "per flow the counties' contributions sum to 100 (to 1e-9; $checked flows)${bad:+: $bad}"

bad=$(q "SELECT string_agg(e.indicator_id || ': ' || e.pulls || ' vs ' || p.g, '; ') FROM (
	SELECT indicator_id, sum(pull) AS pulls FROM ext GROUP BY indicator_id) e
	JOIN (SELECT DISTINCT indicator_id, city_growth AS g FROM plain) p USING (indicator_id)
	WHERE NOT abs(e.pulls - p.g) <= 1e-9")
checked=$(q "SELECT count(DISTINCT indicator_id) FROM ext WHERE pull IS NOT NULL")
[ -z "$bad" ] && [ "$checked" -ge 10 ]
ok $? "per flow the pulls sum to the city's growth computed in plain SQL (to 1e-9; $checked flows)${bad:+: $bad}"

rows=$(q "SELECT count(*) FROM plain p FULL JOIN ext e USING (indicator_id, unit_id)")
bad=$(q "SELECT count(*) FROM plain p FULL JOIN ext e USING (indicator_id, unit_id)
	WHERE NOT near(e.contribution, p.contribution) OR NOT near(e.pull, p.pull)")
[ "$bad" = 0 ]; ok $? "each county's contribution and pull equals the plain-SQL one ($rows county x flow, $bad differ)"

# The progress_arith view shows the same for the counties' targets.
rows=$(q "SELECT count(*) FROM progress_arith('$AS_OF') a JOIN plain p USING (indicator_id, unit_id)")
bad=$(q "SELECT count(*) FROM progress_arith('$AS_OF') a JOIN plain p USING (indicator_id, unit_id)
	WHERE NOT near(a.contribution, p.contribution) OR NOT near(a.pull, p.pull)")
[ "$rows" -gt 0 ] && [ "$bad" = 0 ]
ok $? "progress_arith: contribution and pull of $rows county targets equal the plain-SQL ones ($bad differ)"

# Ranks: within each indicator and peer group, ranks run 1.. with ties on
# equal published figures only (checked against rank() in plain SQL over
# the actual rounded half away from zero to the precision progress reports
# it at, its decimals column; full precision where that is NULL).
bad=$(q "SELECT count(*) FROM progress_arith('$AS_OF') a
	JOIN (SELECT indicator_id, unit_id,
	             rank() OVER (PARTITION BY indicator_id, parent_id, unit_peer_group(unit_kind)
	                          ORDER BY CASE WHEN i.higher_is_better THEN -coalesce(round(p.actual::numeric, p.decimals), p.actual::numeric)
	                                        ELSE coalesce(round(p.actual::numeric, p.decimals), p.actual::numeric) END) AS rk
	      FROM progress('$AS_OF') p JOIN unit USING (unit_id) JOIN indicator i USING (indicator_id)
	      WHERE p.actual IS NOT NULL) r USING (indicator_id, unit_id)
	WHERE a.rank IS DISTINCT FROM r.rk::int")
[ "$bad" = 0 ]; ok $? "ranks equal rank() over the published figures in plain SQL ($bad differ)"


# rank_prior and two_year_growth, each against the function it comes from:
# rank_prior is unit_ranks() of the end of the previous month; a flow's
# computed two_year_growth is avg_growth of its year-to-date value over the
# year-to-date value two years before (ytd_prior of indicator_state() a year
# earlier, of the unit the target is judged on).  As recorded now and at a
# time before the revisions below; first with no reading of 2022 (every such
# two_year_growth NULL), then with 2022's readings and revisions.
check_prior() {
	local label=$1 rec=$2 min_growths=$3 rows bad growths
	rows=$(q "SELECT count(rank_prior) FROM progress_arith('$AS_OF', $rec)")
	bad=$(q "SELECT count(*) FROM progress_arith('$AS_OF', $rec) a
		LEFT JOIN unit_ranks('2024-10-31', $rec) r USING (indicator_id, unit_id)
		WHERE a.rank_prior IS DISTINCT FROM r.rank")
	[ "$bad" = 0 ] && [ "$rows" -ge 100 ]
	ok $? "$label: rank_prior is unit_ranks() of 2024-10-31 ($rows ranked, $bad differ)"
	growths=$(q "SELECT count(two_year_growth) FROM progress_arith('$AS_OF', $rec)")
	bad=$(q "SELECT count(*) FROM progress_arith('$AS_OF', $rec) a
		JOIN plan_target t ON t.indicator_id = a.indicator_id AND t.unit_id = a.unit_id AND t.year = a.year
		JOIN unit u ON u.unit_id = a.unit_id
		LEFT JOIN indicator_state('$AS_OF', $rec) s ON s.indicator_id = a.indicator_id
			AND s.unit_id = CASE WHEN t.judged_on = 'area' THEN u.parent_id ELSE a.unit_id END
		LEFT JOIN indicator_state('2023-11-30', $rec) o ON o.indicator_id = a.indicator_id
			AND o.unit_id = CASE WHEN t.judged_on = 'area' THEN u.parent_id ELSE a.unit_id END
		WHERE a.nature = 'flow' AND a.growth_source IS DISTINCT FROM 'reported'
		  AND a.two_year_growth IS DISTINCT FROM avg_growth(ytd_value(s.state, a.data_month),
		      ytd_prior(o.state, (a.data_month - interval '1 year')::date), 2)")
	[ "$bad" = 0 ] && [ "$growths" -ge "$min_growths" ]
	ok $? "$label: two_year_growth of computed flows from indicator_state a year earlier ($growths figures, $bad differ)"
}
check_prior "no reading of 2022" NULL 0
is "$(q "SELECT count(two_year_growth) FROM progress_arith('$AS_OF') WHERE growth_source = 'computed'")" 0 \
	"no reading of 2022: no two_year_growth of a computed growth"

# 2022: 2023's readings a year earlier, 8% lower, recorded in 2023; then
# revisions recorded on 2024-12-28 (after every reading of the demo) of
# November 2022 and of October 2024 for three counties and the city, and
# no October 2024 readings of three additive flows for one county (the
# city's roll-up of October is then incomplete).
q "INSERT INTO reading (indicator_id, unit_id, month, value, reported_growth, revision, recorded_at, source)
SELECT DISTINCT ON (indicator_id, unit_id, month) indicator_id, unit_id, (month - interval '1 year')::date,
       round((value * 0.92)::numeric, 2)::float8, reported_growth, 1, '2023-03-01', 'arith_demo: 2022'
FROM reading WHERE month < '2024-01-01' ORDER BY indicator_id, unit_id, month, revision DESC;
INSERT INTO reading (indicator_id, unit_id, month, value, reported_growth, revision, recorded_at, source)
SELECT indicator_id, unit_id, month, round((value * 1.07 + 1)::numeric, 2)::float8, reported_growth, revision + 1,
       '2024-12-28', 'arith_demo: revision'
FROM (SELECT DISTINCT ON (indicator_id, unit_id, month) * FROM reading
      WHERE month IN ('2022-11-01', '2022-05-01', '2024-10-01') AND unit_id IN ('xinshao', 'beita', 'dongkou', 'shaoyang')
      ORDER BY indicator_id, unit_id, month, revision DESC) r;
DELETE FROM reading WHERE unit_id = 'longhui' AND month = '2024-10-01' AND indicator_id IN (
	SELECT indicator_id FROM indicator WHERE nature = 'flow' AND additive ORDER BY indicator_id LIMIT 3)" >/dev/null
ok $? "readings of 2022, revisions recorded on 2024-12-28, a county without October's readings"
check_prior "with 2022" NULL 100
check_prior "with 2022, as recorded before the revisions" "'2024-12-27 12:00+00'" 100
changed=$(q "SELECT count(*) FROM progress_arith('$AS_OF') a JOIN progress_arith('$AS_OF', '2024-12-27 12:00+00') b
	USING (indicator_id, unit_id) WHERE a.growth_source = 'computed'
	AND (a.two_year_growth IS DISTINCT FROM b.two_year_growth OR a.rank_prior IS DISTINCT FROM b.rank_prior)")
[ "$changed" -gt 0 ]; ok $? "the revisions change two_year_growth or rank_prior of $changed rows (the case above is not vacuous)"

# Plain SQL: a county's two_year_growth of a monthly flow with every month
# read, ((Jan..month of 2024) / (Jan..month of 2022))^(1/2) - 1, in %.
bad=$(q "WITH r AS (
	SELECT DISTINCT ON (indicator_id, unit_id, month) indicator_id, unit_id, month, value
	FROM reading ORDER BY indicator_id, unit_id, month, revision DESC
), y AS (
	SELECT a.indicator_id, a.unit_id, a.two_year_growth,
	       sum(r.value) FILTER (WHERE r.month BETWEEN date_trunc('year', a.data_month) AND a.data_month) AS x,
	       count(*) FILTER (WHERE r.month BETWEEN date_trunc('year', a.data_month) AND a.data_month) AS nx,
	       sum(r.value) FILTER (WHERE r.month BETWEEN date_trunc('year', a.data_month) - interval '2 years'
	                            AND a.data_month - interval '2 years') AS p,
	       count(*) FILTER (WHERE r.month BETWEEN date_trunc('year', a.data_month) - interval '2 years'
	                        AND a.data_month - interval '2 years') AS np,
	       extract(month FROM a.data_month) AS m
	FROM progress_arith('$AS_OF') a
	JOIN indicator i ON i.indicator_id = a.indicator_id AND i.reporting = 'monthly'
	JOIN plan_target t ON t.indicator_id = a.indicator_id AND t.unit_id = a.unit_id AND t.year = 2024 AND t.judged_on = 'own'
	JOIN r ON r.indicator_id = a.indicator_id AND r.unit_id = a.unit_id
	WHERE a.nature = 'flow' AND a.growth_source = 'computed' AND a.unit_kind <> 'department'
	GROUP BY a.indicator_id, a.unit_id, a.two_year_growth, a.data_month
)
SELECT count(*) || ' of ' || (SELECT count(*) FROM y WHERE nx = m AND np = m) FROM y
WHERE nx = m AND np = m AND NOT near(two_year_growth, (power(x / p, 0.5) - 1) * 100)")
checked=${bad#* of }
[ "${bad%% of *}" = 0 ] && [ "$checked" -ge 50 ]
ok $? "two_year_growth of the counties' monthly flows equals the plain-SQL one ($bad differ)"

echo "1..$n"
exit $failed
