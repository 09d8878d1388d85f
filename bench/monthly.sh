#!/usr/bin/env bash
# A month's corrections at scale: every reading of November 2024 in force in
# the province of make bench-plan, times 1.01, staged, checked and loaded
# (check_readings, load_readings: one revision per reading, 122,409 at
# 3,000 counties), in a transaction rolled back; the load's steps as it
# says them (its NOTICEs: the staged rows checked, recorded, the data
# review); against the typed INSERT of the same rows, already parsed, into
# reading itself (its keys, indexes, foreign keys and triggers: the least
# any load of them costs), also rolled back.  REPS runs (default 3) per
# size, medians; the sizes of PLAN_BENCH_SIZES (default "100 1000 3000"),
# the databases of make bench-plan on the private server planbench (made
# when missing).
#
#   make bench-monthly
#   PLAN_BENCH_SIZES=3000 REPS=1 bash bench/monthly.sh
source "$(dirname "$0")/../scripts/common.sh"
source "$TOP/bench/lib.sh"
REPS=${REPS:-3}
SIZES=${PLAN_BENCH_SIZES:-100 1000 3000}
ensure_packages
build_install
bash "$TOP/scripts/pgserver.sh" start planbench >/dev/null
eval "$(bash "$TOP/scripts/pgserver.sh" env planbench)"
out=$(mktemp)
trap 'rm -f "$out"' EXIT
# The median of the ms the load's NOTICE lines containing $1 say, in $out.
step() { grep -F 'scorecard load:' "$out" | grep -F "$1" | sed -E 's/.*\(([0-9]+) ms\).*/\1/' | median; }
printf '%-8s %8s %9s %9s %11s %11s %10s %13s %11s %7s\n' counties rows "check ms" "load ms" "  checked" \
	"  recorded" "  review" "check+load" "insert ms" ratio
for n in $SIZES; do
	prepare_province "$n"
	for _ in $(seq "$REPS"); do
		cat <<'SQL'
SET search_path = scorecard, public;
SET client_min_messages = notice;
BEGIN;
SELECT begin_load();
INSERT INTO reading_staging (indicator, unit, month, value)
SELECT indicator_id::text, unit_id, to_char(month, 'YYYY-MM'), (value * 1.01)::text FROM reading_current WHERE month = '2024-11-01';
\timing on
\echo @check
SELECT count(*) FROM check_readings();
\echo @load
SELECT * FROM load_readings();
\timing off
ROLLBACK;
BEGIN;
CREATE TEMP TABLE typed ON COMMIT DROP AS
SELECT indicator_id, unit_id, month, value * 1.01 AS value, revision + 1 AS revision FROM reading_current WHERE month = '2024-11-01';
\timing on
\echo @insert
INSERT INTO reading (indicator_id, unit_id, month, value, revision, recorded_at, loaded_by, loaded_at)
SELECT indicator_id, unit_id, month, value, revision, now(), current_user, now() FROM typed;
\timing off
ROLLBACK;
SQL
	done | psql -X -q -v ON_ERROR_STOP=1 -d "plan_bench_$n" >"$out" 2>&1
	rows=$(grep -F 'scorecard load:' "$out" | grep -oE '[0-9]+ revised' | head -1 | cut -d' ' -f1)
	awk -v n="$n" -v rows="$rows" -v c="$(timed_median check "$out")" -v l="$(timed_median load "$out")" -v s1="$(step 'staged rows checked')" \
		-v s2="$(step ' unchanged (')" -v s3="$(step 'data review of')" -v i="$(timed_median insert "$out")" 'BEGIN {
		printf "%-8d %8d %9.0f %9.0f %11.0f %11.0f %10.0f %13.0f %11.0f %6.2fx\n", n, rows, c, l, s1, s2, s3, c + l, i, (c + l) / i }'
done
