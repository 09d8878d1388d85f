#!/usr/bin/env bash
# Published figures are exact (issue 19), property suite (TAP), on the test
# server (PGHOST/PGPORT):
#
#   bash test/suites/exact_property.sh
#
# 100,000 random flows: each a January 2023 and a January 2024 of 1 to 6
# readings (counties) with 0 to 4 decimals; three in four are built so that
# the exact growth is a half at one decimal (x.x5%) or one unit of the last
# decimal (0.0001) away from it.  100,000 random rates: a January 2023 and
# 2024 reading whose change is a half at two decimals (or 0.0001 from it).
# The published figures of the ytd accessors (state, as_of, decimals):
# growth at 1 and 2 decimals and the value at 2 (flows), change at 2 and
# the level (a share) at 1 (rates), must equal an exact computation in
# numeric here, rounded half away from zero with integer division:
# sign(n) x div(2|n| + d, 2d) for a ratio n / d.  Checked under a serial
# plan, a forced parallel plan (partial states merged), the readings in
# reverse order (ytd_agg(... ORDER BY value DESC)), the counties' states
# rolled up in reverse order, and without hash joins.
set -uo pipefail
TOP=$(cd "$(dirname "$0")/../.." && pwd)
export PATH=/usr/lib/postgresql/15/bin:$PATH PGCLIENTENCODING=UTF8
source "$TOP/test/tap.sh"
DB=sc_exact_prop
CASES=${EXACT_CASES:-100000}

q() { PGOPTIONS="-c search_path=scorecard,public -c client_min_messages=warning" psql -X -q -At -v ON_ERROR_STOP=1 -d $DB "$@"; }
cleanup() { psql -X -q -d postgres -c "SET client_min_messages = warning" -c "DROP DATABASE IF EXISTS $DB" >/dev/null; }
trap cleanup EXIT
cleanup
psql -X -q -d postgres -c "CREATE DATABASE $DB" >/dev/null || bail "CREATE DATABASE"

q >/dev/null <<SQL || bail "set-up"
CREATE EXTENSION scorecard;
SELECT setseed(0.19);
-- Flows: n readings a month below 10^e (2 to 11: at most 15 significant
-- digits); k: the growth's tenths; near: whether the
-- growth is made a half (k/10 + 0.05%), moved by delta (0 or +-0.0001).
CREATE TABLE fcase AS
SELECT c, 1 + floor(random() * 6)::int AS n, floor(random() * 200)::int - 50 AS k,
	2 + floor(random() * 10)::int AS e,
	random() < 0.75 AS near, (floor(random() * 3)::int - 1) * 0.0001 AS delta
FROM generate_series(1, $CASES) c;
CREATE TABLE fpart AS
SELECT f.c, i, y, round((random() * 10 ^ f.e)::numeric, floor(random() * 5)::int) AS v
FROM fcase f, generate_series(1, f.n) i, (VALUES (2023), (2024)) y(y);
-- the last 2024 reading makes the 2024 total the chosen one
WITH t AS (
	SELECT f.c, f.n, f.near, f.k, f.delta,
	       sum(p.v) FILTER (WHERE p.y = 2023) AS p23,
	       sum(p.v) FILTER (WHERE p.y = 2024 AND p.i < f.n) AS rest
	FROM fcase f JOIN fpart p USING (c) GROUP BY f.c, f.n, f.near, f.k, f.delta
)
UPDATE fpart p SET v = CASE WHEN t.near
	THEN round(t.p23 * (1 + (t.k / 10.0 + 0.05) / 100), 4) + t.delta - coalesce(t.rest, 0)
	ELSE p.v END
FROM t WHERE p.c = t.c AND p.y = 2024 AND p.i = t.n;
CREATE TABLE fr AS
SELECT c, i, make_date(y, 1, 1) AS m, v::float8 AS v FROM fpart;
-- the oracle: exact sums and half-away-from-zero rounding by integer division
CREATE TABLE fo AS
SELECT c, g1, g2, round(c24, 2)::float8 AS v2 FROM (
	SELECT c, c24, p23,
	       CASE WHEN p23 > 0 THEN sign(1000 * (c24 - p23)) * div(2 * abs(1000 * (c24 - p23)) + p23, 2 * p23) / 10 END::float8 AS g1,
	       CASE WHEN p23 > 0 THEN sign(10000 * (c24 - p23)) * div(2 * abs(10000 * (c24 - p23)) + p23, 2 * p23) / 100 END::float8 AS g2
	FROM (SELECT c, sum(v) FILTER (WHERE y = 2024) AS c24, sum(v) FILTER (WHERE y = 2023) AS p23
	      FROM fpart GROUP BY c) s) x;
-- Rates: one reading a month; the change a half at two decimals (or 0.0001 from it).
CREATE TABLE rcase AS
SELECT c, a, CASE WHEN random() < 0.75
	THEN a + (floor(random() * 2000) - 1000)::numeric / 100 + 0.005 + (floor(random() * 3) - 1)::numeric * 0.0001
	ELSE round((random() * 100)::numeric, floor(random() * 5)::int) END AS b
FROM (SELECT c, round((random() * 100)::numeric, floor(random() * 5)::int) AS a
      FROM generate_series(1, $CASES) c) x;
CREATE TABLE rr AS
SELECT c, '2023-01-01'::date AS m, a::float8 AS v FROM rcase
UNION ALL SELECT c, '2024-01-01', b::float8 FROM rcase;
CREATE TABLE ro AS SELECT c, round(b - a, 2)::float8 AS ch2, round(b, 1)::float8 AS s1 FROM rcase;
VACUUM ANALYZE fr; VACUUM ANALYZE fo; VACUUM ANALYZE rr; VACUUM ANALYZE ro;
SQL

read -r nf nr nearf <<<"$(q -F ' ' -c "SELECT (SELECT count(*) FROM fr), (SELECT count(*) FROM rr),
	(SELECT count(*) FROM fcase WHERE near)")"
[ "$nf" -gt 0 ] && [ "$nr" -eq $((2 * CASES)) ]
check $? "$CASES flows ($nf readings, $nearf built near a half) and $CASES rates"

# Mismatches of the flows' published figures against the oracle; $1: how
# the states are made.
SERIAL="SET max_parallel_workers_per_gather = 0;"
FORCED="SET max_parallel_workers_per_gather = 2; SET parallel_setup_cost = 0; SET parallel_tuple_cost = 0; SET min_parallel_table_scan_size = 0;"
flows() {
	echo "SELECT count(*) FILTER (WHERE ytd_growth(s.st, '2024-01-31', 1) IS DISTINCT FROM o.g1
		OR ytd_growth(s.st, '2024-01-31', 2) IS DISTINCT FROM o.g2
		OR ytd_value(s.st, '2024-01-31', 2) IS DISTINCT FROM o.v2) || ' of ' || count(*)
	FROM ($1) s(c, st) JOIN fo o USING (c)"
}
rates() {
	echo "SELECT count(*) FILTER (WHERE ytd_change(s.st, '2024-01-31', 2) IS DISTINCT FROM o.ch2
		OR ytd_level(s.st, '2024-01-31', 1) IS DISTINCT FROM o.s1) || ' of ' || count(*)
	FROM ($1) s(c, st) JOIN ro o USING (c)"
}
ONE="SELECT c, ytd_agg(m, v) FROM fr GROUP BY c"
REV="SELECT c, ytd_agg(m, v ORDER BY v DESC) FROM fr GROUP BY c"
ROLL="SELECT c, rollup(st ORDER BY i DESC) FROM (SELECT c, i, ytd_agg(m, v) st FROM fr GROUP BY c, i) x GROUP BY c"
RATE="SELECT c, ytd_rate_agg(m, v) FROM rr GROUP BY c"

explain=$(q -c "$FORCED" -c "EXPLAIN $ONE")
echo "$explain" | grep -q 'Partial' && echo "$explain" | grep -q 'Gather'
check $? "the forced plan aggregates in parallel (partial states merged)"

for plan in "serial|$SERIAL|$ONE" "forced parallel|$FORCED|$ONE" "readings in reverse order|$SERIAL|$REV" \
	"states rolled up in reverse order|$SERIAL|$ROLL" "no hash joins, parallel|$FORCED SET enable_hashjoin = off;|$ONE"; do
	IFS='|' read -r name set sql <<<"$plan"
	r=$(q -c "$set" -c "$(flows "$sql")")
	[ "${r%% *}" = 0 ] && [ "${r##* }" = "$CASES" ]
	check $? "flows, $name: published growth (1 and 2 decimals) and value equal the exact figures ($r differ)"
done
for plan in "serial|$SERIAL" "forced parallel|$FORCED" "no hash joins|$SERIAL SET enable_hashjoin = off;"; do
	IFS='|' read -r name set <<<"$plan"
	r=$(q -c "$set" -c "$(rates "$RATE")")
	[ "${r%% *}" = 0 ] && [ "${r##* }" = "$CASES" ]
	check $? "rates, $name: published change (2 decimals) and share (1 decimal) equal the exact figures ($r differ)"
done

# How hard the cases are: rounding the float8 growth of the same exact sums
# (15 significant digits, as round_published) misses some of them.
miss=$(q -c "$SERIAL" -c "SELECT count(*) FROM ($ONE) s(c, st) JOIN fo o USING (c)
	WHERE round_published(ytd_growth(s.st, '2024-01-31'), 1) IS DISTINCT FROM o.g1")
echo "# rounding the float8 growth of the same sums instead would miss $miss of $CASES flows"

# Every flow's state is the same under every plan (text of the exact sums).
r=$(q -c "$SERIAL" -c "SELECT count(*) FROM ($ONE) a(c, st) JOIN ($ROLL) b(c, st) USING (c) WHERE a.st::text <> b.st::text")
[ "$r" = 0 ]
check $? "the states read in order and rolled up in reverse order print the same ($r differ)"

echo "1..$n"
[ "$failed" -eq 0 ]
