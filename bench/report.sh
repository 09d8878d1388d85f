#!/usr/bin/env bash
# Time progress_report_html at N county-level units (default 100 and 3000):
# the demo plan with its 12 counties, plus clones of 邵东市 (its targets and
# readings under new unit ids) up to N.  Runs on the server of PGHOST/PGPORT
# (make bench's), else on the demo server (make demo first); prints units,
# readings, the report's ms, the document's size and the ms of progress()
# alone (each timed after a warm-up call in the same session), and the
# ratio against its goal.
set -euo pipefail
TOP=$(cd "$(dirname "$0")/.." && pwd)
source "$TOP/bench/lib.sh"
[ -n "${PGHOST:-}" ] || eval "$(bash "$TOP/scripts/pgserver.sh" env demo)"
export PGCLIENTENCODING=UTF8
db=scorecard_report_scale
cd "$TOP"
for units in ${UNITS:-100 3000}; do
	psql -X -q -d postgres -c "SET client_min_messages = warning" -c "DROP DATABASE IF EXISTS $db" -c "CREATE DATABASE $db"
	psql -X -q -v ON_ERROR_STOP=1 -d $db -v last_month=2024-11-01 -c "SET client_min_messages = warning" \
		-c "CREATE EXTENSION scorecard_report CASCADE" -c "SET search_path = scorecard, public" \
		-f data/plan.sql -f data/generate.sql >/dev/null
	psql -X -q -v ON_ERROR_STOP=1 -d $db <<SQL
SET search_path = scorecard, public;
INSERT INTO unit (unit_id, name_zh, name_en, kind, parent_id, sort_order)
SELECT 'x' || i, '克隆县' || i, 'clone ' || i, 'county', 'shaoyang', 100 + i FROM generate_series(13, $units) i;
INSERT INTO plan_target (indicator_id, unit_id, year, target, weight, scoring, score_floor, score_cap, score_params, reference_indicator_id)
SELECT t.indicator_id, 'x' || i, t.year, t.target, t.weight, t.scoring, t.score_floor, t.score_cap, t.score_params, t.reference_indicator_id
FROM plan_target t, generate_series(13, $units) i WHERE t.unit_id = 'shaodong';
INSERT INTO reading (indicator_id, unit_id, month, value, reported_growth, revision, recorded_at)
SELECT r.indicator_id, 'x' || i, r.month, r.value * (1 + (i % 7) / 100.0), r.reported_growth, r.revision, r.recorded_at
FROM reading r, generate_series(13, $units) i WHERE r.unit_id = 'shaodong';
ANALYZE;
SQL
	readings=$(psql -X -q -At -d $db -c "SELECT count(*) FROM scorecard.reading")
	# one session: a warm-up call of each, then each timed once
	times=$(psql -X -q -At -d $db -c "SET search_path = scorecard, public" \
		-c "SELECT count(*) FROM progress('2024-11-30')" -c "SELECT octet_length(progress_report_html('2024-11-30'))" \
		-c '\timing on' -c "SELECT count(*) FROM progress('2024-11-30')" \
		-c "SELECT octet_length(progress_report_html('2024-11-30'))" | awk '/^Time:/ { printf "%s ", $2 } !/^Time:/ { b = $0 } END { print b }')
	read -r p_ms r_ms bytes <<<"$times"
	printf '%6d units  %8d readings  report %8.0f ms  %9d bytes  progress() %8.0f ms\n' "$units" "$readings" \
		"$r_ms" "$bytes" "$p_ms"
	# issue 24 item 2: the report within 2x of progress()
	bench_goal "progress_report_html / progress(), $units units" \
		"$(awk -v r="$r_ms" -v p="$p_ms" 'BEGIN { printf "%.4f", r / p }')" "<=" 2.00
done
[ -n "${KEEP:-}" ] || psql -X -q -d postgres -c "SET client_min_messages = warning" -c "DROP DATABASE IF EXISTS $db"
