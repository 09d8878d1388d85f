#!/usr/bin/env bash
# The CSV loader and row-level security at 100 and 3,000 units: a file of
# units x 10 indicators x 12 months staged with begin_load(), then
# check_readings(), load_readings(), the same file again (all unchanged),
# and count(*) of the readings as a superuser, a city role and a county role
# under enable_unit_security().  Uses PGHOST/PGPORT from the environment;
# works in its own database scorecard_bench_load (dropped at the end).
set -euo pipefail
source "$(dirname "$0")/lib.sh"
db=scorecard_bench_load

# ms of the statement that \timing reports after the line "@$1".
ms() { awk -v k="@$1" '$0 == k { f = 1; next } f && /^Time:/ { print $2; exit }' "$2"; }

out=$(mktemp)
trap 'rm -f "$out"; psql -X -q -d postgres -c "DROP DATABASE IF EXISTS $db" >/dev/null 2>&1' EXIT
for units in 100 3000; do
	psql -X -q -d postgres -c "SET client_min_messages = warning" -c "DROP DATABASE IF EXISTS $db" \
		-c "DROP ROLE IF EXISTS bench_county" -c "DROP ROLE IF EXISTS bench_city" -c "CREATE DATABASE $db" \
		-c "CREATE ROLE bench_county" -c "CREATE ROLE bench_city" >/dev/null
	psql -X -q -v ON_ERROR_STOP=1 -d $db -v units="$units" >"$out" 2>&1 <<'SQL'
SET client_min_messages = warning;
CREATE EXTENSION scorecard_plan CASCADE;
SET search_path = scorecard, public;
INSERT INTO unit VALUES ('c', '市', 'City', 'city', NULL);
INSERT INTO unit SELECT 'u' || g, 'u' || g, 'u' || g, 'county', 'c' FROM generate_series(1, :units) g;
INSERT INTO indicator (indicator_id, code, name_zh, name_en, nature) SELECT g, 'i' || g, 'i', 'i', 'flow' FROM generate_series(1, 10) g;
CREATE TEMP TABLE file AS SELECT 'i' || i AS indicator, 'u' || u AS unit, '2024-' || m AS month, (u * i + m)::text AS value
	FROM generate_series(1, :units) u, generate_series(1, 10) i, generate_series(1, 12) m;
SELECT begin_load();
INSERT INTO reading_staging (indicator, unit, month, value) SELECT * FROM file;
\timing on
\echo @check
SELECT count(*) FROM check_readings();
\echo @load
SELECT * FROM load_readings();
\timing off
-- The baseline: the same rows typed by a plain INSERT ... SELECT into a
-- table with the same keys (reading's columns, defaults, checks, indexes).
CREATE TEMP TABLE typed (LIKE reading INCLUDING DEFAULTS INCLUDING CONSTRAINTS INCLUDING INDEXES);
\timing on
\echo @typed
INSERT INTO typed (indicator_id, unit_id, month, value)
SELECT i.indicator_id, f.unit, (f.month || '-01')::date, f.value::float8 FROM file f JOIN indicator i ON i.code = f.indicator;
\timing off
SELECT begin_load();
INSERT INTO reading_staging (indicator, unit, month, value) SELECT * FROM file;
\timing on
\echo @reload
SELECT * FROM load_readings();
\timing off
SELECT enable_unit_security();
SELECT grant_unit_access('bench_county', 'u1'), grant_unit_access('bench_city', 'c');
\timing on
\echo @superuser
SELECT count(*) FROM reading;
SET ROLE bench_city;
\echo @city
SELECT count(*) FROM reading;
RESET ROLE;
SET ROLE bench_county;
\echo @county
SELECT count(*) FROM reading;
RESET ROLE;
SQL
	printf '%5s units, %6s rows: check %8s ms, load %8s ms, again (unchanged) %8s ms, typed INSERT %8s ms; count(*) superuser %6s ms, city %6s ms, county %6s ms\n' \
		"$units" $((units * 120)) "$(ms check "$out")" "$(ms load "$out")" "$(ms reload "$out")" "$(ms typed "$out")" \
		"$(ms superuser "$out")" "$(ms city "$out")" "$(ms county "$out")"
	# issue 24 item 3: check_readings + load_readings within 2x of the typed INSERT
	bench_goal "check + load / typed INSERT ... SELECT, $units units" \
		"$(awk -v c="$(ms check "$out")" -v l="$(ms load "$out")" -v t="$(ms typed "$out")" 'BEGIN { printf "%.4f", (c + l) / t }')" "<=" 2.00
	psql -X -q -d $db -c "DROP OWNED BY bench_county, bench_city" >/dev/null
done
psql -X -q -d postgres -c "DROP DATABASE IF EXISTS $db" -c "DROP ROLE IF EXISTS bench_county" -c "DROP ROLE IF EXISTS bench_city" >/dev/null
