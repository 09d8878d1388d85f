#!/usr/bin/env bash
# The CSV loader and row-level security at 100 and 3,000 units: a file of
# units x 10 indicators x 12 months staged with begin_load(), then
# check_readings(), load_readings(), the same file again (all unchanged),
# and count(*) of the readings as a superuser, a city role and a county role
# under enable_unit_security().  Then, against the goal of issue 24 (the
# loader within 2x of a plain insert): REPS times (default 3) in the same
# session, check_readings() + load_readings() of the staged file into an
# empty reading table against a typed INSERT INTO t SELECT of the same rows
# (already parsed: int, text, date, float8) into a plain table with
# reading's primary key; medians, and their ratio against 2x.  Beside it,
# the same typed insert into a table of reading's own shape (LIKE reading
# INCLUDING ALL: its keys, indexes and checks, and its two foreign keys),
# the least any load into reading costs.
# LOAD_UNITS: the sizes (default "100 3000").  LOAD_REVIEW: the plan's
# review_on_load for the loads (default warn, the default of a plan; off
# measures the loader without its data review).  Uses PGHOST/PGPORT from the
# environment; works in its own database scorecard_bench_load (dropped at
# the end).
set -euo pipefail
source "$(dirname "$0")/lib.sh"
db=scorecard_bench_load
LOAD_REPS=${REPS:-3}

# ms of the statement that \timing reports after the line "@$1".
ms() { awk -v k="@$1" '$0 == k { f = 1; next } f && /^Time:/ { print $2; exit }' "$2"; }

out=$(mktemp)
trap 'rm -f "$out"; psql -X -q -d postgres -c "DROP DATABASE IF EXISTS $db" >/dev/null 2>&1' EXIT
for units in ${LOAD_UNITS:-100 3000}; do
	psql -X -q -d postgres -c "SET client_min_messages = warning" -c "DROP DATABASE IF EXISTS $db" \
		-c "DROP ROLE IF EXISTS bench_county" -c "DROP ROLE IF EXISTS bench_city" -c "CREATE DATABASE $db" \
		-c "CREATE ROLE bench_county" -c "CREATE ROLE bench_city" >/dev/null
	{ cat <<'SQL'
SET client_min_messages = warning;
CREATE EXTENSION scorecard_plan CASCADE;
SET search_path = scorecard, public;
INSERT INTO unit VALUES ('c', '市', 'City', 'city', NULL);
INSERT INTO unit SELECT 'u' || g, 'u' || g, 'u' || g, 'county', 'c' FROM generate_series(1, :units) g;
INSERT INTO indicator (indicator_id, code, name_zh, name_en, nature) SELECT g, 'i' || g, 'i', 'i', 'flow' FROM generate_series(1, 10) g;
INSERT INTO plan_setting (review_on_load) VALUES (:'review');
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
SELECT disable_unit_security();
-- against a typed insert of the same rows into a table with the same keys
CREATE TABLE typed (LIKE reading INCLUDING DEFAULTS, PRIMARY KEY (indicator_id, unit_id, month, revision));
CREATE TABLE typed_like (LIKE reading INCLUDING ALL, FOREIGN KEY (indicator_id) REFERENCES indicator,
	FOREIGN KEY (unit_id) REFERENCES unit);
CREATE TEMP TABLE typed_file AS SELECT substr(indicator, 2)::int AS indicator_id, unit AS unit_id,
	(month || '-01')::date AS month, value::float8 AS value FROM file;
SQL
	for r in $(seq 1 "$LOAD_REPS"); do
		cat <<SQL
SELECT begin_load();
INSERT INTO reading_staging (indicator, unit, month, value) SELECT * FROM file;
TRUNCATE reading, typed, typed_like;
CHECKPOINT;
\timing on
\echo @rcheck $r
SELECT count(*) FROM check_readings();
\echo @rload $r
SELECT * FROM load_readings();
\echo @typed $r
INSERT INTO typed (indicator_id, unit_id, month, value) SELECT * FROM typed_file;
\echo @tlike $r
INSERT INTO typed_like (indicator_id, unit_id, month, value) SELECT * FROM typed_file;
\timing off
SQL
	done; } | psql -X -q -v ON_ERROR_STOP=1 -d $db -v units="$units" -v review="${LOAD_REVIEW:-warn}" >"$out" 2>&1
	printf '%5s units, %6s rows: check %8s ms, load %8s ms, again (unchanged) %8s ms; count(*) superuser %6s ms, city %6s ms, county %6s ms\n' \
		"$units" $((units * 120)) "$(ms check "$out")" "$(ms load "$out")" "$(ms reload "$out")" \
		"$(ms superuser "$out")" "$(ms city "$out")" "$(ms county "$out")"
	awk -v u="$units" -v c="$(timed_median rcheck "$out")" -v l="$(timed_median rload "$out")" -v t="$(timed_median typed "$out")" \
		-v tl="$(timed_median tlike "$out")" -v r="$LOAD_REPS" -v rv="${LOAD_REVIEW:-warn}" 'BEGIN {
		printf "%5s units, %6d rows, review_on_load %s, medians of %d: check %8.1f ms + load %8.1f ms = %8.1f ms;", u, u * 120, rv, r, c, l, c + l
		printf " typed INSERT ... SELECT %8.1f ms: %5.2fx (goal 2x: %s);", t, (c + l) / t, ((c + l) / t <= 2) ? "met" : "not met"
		printf " into reading'"'"'s shape %8.1f ms: %5.2fx\n", tl, (c + l) / tl }'
	# issue 24 item 3: check_readings + load_readings within 2x of the typed INSERT
	bench_goal "check + load / typed INSERT ... SELECT, $units units" \
		"$(awk -v c="$(timed_median rcheck "$out")" -v l="$(timed_median rload "$out")" -v t="$(timed_median typed "$out")" 'BEGIN { printf "%.4f", (c + l) / t }')" "<=" 2.00
	# the same into a table of reading's shape (its keys, indexes and foreign
	# keys: the lead's reading of "the same keys")
	bench_goal "check + load / typed INSERT into reading's shape, $units units, review_on_load ${LOAD_REVIEW:-warn}" \
		"$(awk -v c="$(timed_median rcheck "$out")" -v l="$(timed_median rload "$out")" -v t="$(timed_median tlike "$out")" 'BEGIN { printf "%.4f", (c + l) / t }')" "<=" 2.00
	psql -X -q -d $db -c "DROP OWNED BY bench_county, bench_city" >/dev/null
done
psql -X -q -d postgres -c "DROP DATABASE IF EXISTS $db" -c "DROP ROLE IF EXISTS bench_county" -c "DROP ROLE IF EXISTS bench_city" >/dev/null
