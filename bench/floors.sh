#!/usr/bin/env bash
# What two of issue 24's ratio goals cost by construction (make
# bench-floors; not part of make test or make bench).  On the provinces of
# bench-plan (FLOOR_SIZES, default "1000 3000" counties; server planbench),
# with the settings of bench-plan, it times:
#   - the bare grouping of bench-plan (the run's baseline);
#   - progress() at 2024-11-30 and at the end of the month before: what
#     progress_arith must compute at least for the rank change (位次变化)
#     against the previous month, whatever else it does;
#   - the rows of the run of 2024-11-30 stored again under a new run id
#     (progress rows, items and units: what run_assessment inserts), with
#     the tables' foreign-key triggers and without them
#     (session_replication_role = replica, a superuser's setting: the
#     server here is private), and the delete of that run (the cascade to
#     its rows, which a run that replaces it makes), each in a transaction
#     rolled back.
# Then, per size: the foreign keys' share of storing a run's rows, the
# least a run can cost against the bare grouping (progress() and the
# foreign keys' checks alone: nothing scored, nothing else stored, no
# run replaced), and the least progress_arith can cost against progress()
# (the two months).
# Medians of REPS runs (default 3) after a warm-up.
#
#   make bench-floors
#   FLOOR_SIZES=1000 make bench-floors
source "$(dirname "$0")/../scripts/common.sh"
source "$TOP/bench/lib.sh"

REPS=${REPS:-3}
SIZES=${FLOOR_SIZES:-1000 3000}
plan_bench_defaults
PREV=2024-10-31

ensure_packages
build_install
bash "$TOP/scripts/pgserver.sh" start planbench
eval "$(bash "$TOP/scripts/pgserver.sh" env planbench)"

# Median ms of the statements after each "@t" but the first (the warm-up)
# in the output of a script read from standard input.
rolled_back_ms() {
	local f
	f=$(mktemp)
	psql -X -q -At -v ON_ERROR_STOP=1 >"$f" 2>&1 || { cat "$f" >&2; rm -f "$f"; return 1; }
	awk '$1 == "@t" { n++; f = (n > 1); next } f && /^Time:/ { print $2; f = 0 }' "$f" | median
	rm -f "$f"
}

# The script that stores the run's rows again ($1: settings before it),
# REPS + 1 times, each in a transaction rolled back; the timed statement
# is the three inserts (one statement: a function in pg_temp).
store_script() {
	local pre=$1
	cat <<SQL
SET search_path = scorecard, public; SET client_min_messages = warning; $SETTINGS $pre
CREATE FUNCTION pg_temp.store_again(src bigint) RETURNS bigint LANGUAGE plpgsql AS \$\$
DECLARE rid bigint;
BEGIN
	INSERT INTO assessment_run (year, as_of, readings_used, readings_digest, started_at)
	VALUES (2024, '2024-06-30', 0, '', now()) RETURNING run_id INTO rid;
	INSERT INTO assessment_run_unit
	SELECT rid, unit_id, peer_group, items, applicable, weight, applicable_weight, total, score, grade, rank
	FROM assessment_run_unit WHERE run_id = src;
	INSERT INTO assessment_run_progress
	SELECT rid, unit_id, indicator_id, data_month, target, value, growth, growth_source, actual, met, gap,
	       attainment, time_progress, status, target_version, target_since
	FROM assessment_run_progress WHERE run_id = src;
	INSERT INTO assessment_run_item
	SELECT rid, unit_id, indicator_id, target, scoring, weight, actual, reference, met, attainment, points
	FROM assessment_run_item WHERE run_id = src;
	RETURN rid;
END \$\$;
SQL
	for _ in $(seq 0 "$REPS"); do
		echo "BEGIN;"
		echo '\echo @t'
		echo '\timing on'
		echo "SELECT pg_temp.store_again($RUN) > 0;"
		echo '\timing off'
		echo "ROLLBACK;"
	done
}

# The delete of the run (and by cascade its rows), REPS + 1 times, rolled back.
delete_script() {
	echo "SET search_path = scorecard, public; $SETTINGS"
	for _ in $(seq 0 "$REPS"); do
		echo "BEGIN;"
		echo '\echo @t'
		echo '\timing on'
		echo "DELETE FROM assessment_run WHERE run_id = $RUN;"
		echo '\timing off'
		echo "ROLLBACK;"
	done
}

for n in $SIZES; do prepare_province "$n"; done
printf '%-8s %9s %12s %12s %14s %14s %10s %11s %11s %12s\n' counties "bare ms" "progress ms" "previous ms" \
	"store+FK ms" "store-FK ms" "FK share" "delete ms" "run floor" "arith floor"
for n in $SIZES; do
	export PGDATABASE=plan_bench_$n
	RUN=$(psql -X -q -At -c "SELECT run_id FROM scorecard.assessment_run WHERE as_of = '$AS_OF'")
	if [ -z "$RUN" ]; then
		psql -X -q -c "SET client_min_messages = warning" -c "CALL scorecard.run_assessment(2024, '$AS_OF')" >/dev/null
		RUN=$(psql -X -q -At -c "SELECT run_id FROM scorecard.assessment_run WHERE as_of = '$AS_OF'")
	fi
	bare=$(bench_ms "$BARE" "$SETTINGS")
	prog=$(bench_ms "SELECT * FROM progress('$AS_OF')" "$SETTINGS")
	prev=$(bench_ms "SELECT * FROM progress('$PREV')" "$SETTINGS")
	with_fk=$(store_script "" | rolled_back_ms)
	without_fk=$(store_script "SET session_replication_role = replica;" | rolled_back_ms)
	del=$(delete_script | rolled_back_ms)
	awk -v n="$n" -v b="$bare" -v p="$prog" -v q="$prev" -v w="$with_fk" -v o="$without_fk" -v d="$del" 'BEGIN {
		printf "%-8d %9.0f %12.0f %12.0f %14.0f %14.0f %9.0f%% %11.0f %10.1fx %11.2fx\n",
			n, b, p, q, w, o, 100 * (w - o) / w, d, (p + w - o) / b, (p + q) / p
	}'
done
echo "FK share: the share of the foreign keys' checks in storing a run's rows, (store+FK - store-FK) / store+FK."
echo "delete: the cascade of a run's delete to its rows (a run replacing one of its as-of date makes it)."
echo "run floor: (progress + those checks) / bare, with nothing scored and nothing else stored; the goal is 5x."
echo "arith floor: (progress + progress of the month before) / progress; the goal is 1.5x."
