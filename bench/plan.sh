#!/usr/bin/env bash
# The plan model at scale (make bench-plan; not part of make test or make
# bench).  For 100, 300, 1,000 and 3,000 counties (10 to a city, under one
# province; data/province.sql: 40 indicators x 24 months each) it times
# progress(), the top unit's progress (progress_city), unit_assessment()
# and run_assessment() at 2024-11-30, the HTML report of the province
# (progress_report_html, its ratio to progress() alone): with the runs of
# October and November stored, and with none (deleted in a transaction
# rolled back after the timing), progress_arith() and lagging_list() (their
# ratios to progress() alone), one county's page of progress_latest served
# from the stored snapshot (refresh_snapshot() first; bench-dashboard
# measures pages under concurrent readers), one county's report (which
# computes that county's subtree only), and the bare grouping
#     SELECT indicator_id, unit_id, ytd_agg(month, value) FROM reading
#     WHERE month <= '2024-11-01' GROUP BY 1, 2
# over the same readings.  Each figure is the median of ROUNDS rounds
# (default 3) of REPS runs (default 3) after a warm-up, the queries taking
# turns within a round, so that a busy machine slows them alike; ratios are
# to the bare grouping of the same round.  Settings for every query:
# work_mem 64MB, no JIT, up to 2 parallel workers.  After the table, each
# ratio against its goal (issue 24): run <= 5x bare, arithmetic and
# lagging list <= 1.5x progress, report <= 2x progress, a page < 20 ms.
#
#   make bench-plan
#   PLAN_BENCH_SIZES="100 300" make bench-plan     # a quick look
#
# One database per size on the private server `planbench`, kept between
# runs and rebuilt when the plan model's or the report's install script
# changes.
source "$(dirname "$0")/../scripts/common.sh"
source "$TOP/bench/lib.sh"

REPS=${REPS:-3}
ROUNDS=${ROUNDS:-3}
SIZES=${PLAN_BENCH_SIZES:-100 300 1000 3000}
plan_bench_defaults

ensure_packages
build_install
bash "$TOP/scripts/pgserver.sh" start planbench
eval "$(bash "$TOP/scripts/pgserver.sh" env planbench)"

# Median wall time in ms of the report of unit $2 (default p, the
# province) run REPS times after a warm-up, in a transaction that first
# runs $1 (and is rolled back).
report_ms() {
	local pre=$1 area=${2:-p} f
	f=$(mktemp)
	{
		echo "SET search_path = scorecard, public; SET client_min_messages = warning; $SETTINGS"
		echo "BEGIN; $pre"
		echo '\timing on'
		for _ in $(seq 0 "$REPS"); do echo "SELECT octet_length(progress_report_html('$AS_OF', '$area'));"; done
		echo '\timing off'
		echo 'ROLLBACK;'
	} | psql -X -q -At -v ON_ERROR_STOP=1 2>&1 | grep -E '^Time:' | tail -n +2 | awk '{print $2}' >"$f"
	median <"$f"
	rm -f "$f"
}

# Medians in ms of a run (CALL run_assessment, $1) made REPS times after a
# warm-up: its wall time, then the two steps its NOTICEs time, computing
# (progress, scores, units) and storing (the run's rows, with their
# foreign-key checks, and the replaced run's deletion), "wall compute store".
run_ms() {
	local sql=$1 f
	f=$(mktemp)
	{
		echo "SET search_path = scorecard, public; SET client_min_messages = notice; $SETTINGS"
		echo '\timing on'
		for _ in $(seq 0 "$REPS"); do echo "$sql;"; done
	} | psql -X -q -v ON_ERROR_STOP=1 2>&1 | grep -E '^Time:|units computed \(|stored as run' >"$f"
	echo "$(grep -E '^Time:' "$f" | tail -n +2 | awk '{print $2}' | median)" \
		"$(grep 'units computed (' "$f" | tail -n +2 | sed 's/.*(\([0-9]*\) ms)$/\1/' | median)" \
		"$(grep 'stored as run' "$f" | tail -n +2 | sed 's/.*(\([0-9]*\) ms)$/\1/' | median)"
	rm -f "$f"
}

declare -A med
first_per_reading=
goals=
printf '%-8s %6s %10s %9s %18s %18s %18s %18s %12s %22s %22s %22s %22s %8s %17s\n' counties units readings "bare ms" \
	"progress ms (x)" "parent ms (x)" "assessment ms (x)" "run ms (x)" "us/reading" \
	"report ms (x progress)" "no runs ms (x progress)" "arith ms (x progress)" "lagging ms (x progress)" "page ms" \
	"county report ms"
for n in $SIZES; do
	prepare_province "$n"
	export PGDATABASE=plan_bench_$n
	units=$(psql -X -qAt -c "SELECT count(*) FROM scorecard.unit")
	readings=$(psql -X -qAt -c "SELECT count(*) FROM scorecard.reading WHERE month <= '$AS_OF'")
	declare -A runs=()
	# the report's previous month: a stored October run
	[ "$(psql -X -qAt -c "SELECT count(*) FROM scorecard.assessment_run WHERE as_of = '2024-10-31'")" -gt 0 ] ||
		psql -X -q -c "SET client_min_messages = warning" -c "CALL scorecard.run_assessment(2024, '2024-10-31')" >/dev/null
	# a county's page: the snapshot of the latest month made current
	psql -X -q -c "SET client_min_messages = warning" -c "SELECT scorecard.refresh_snapshot()" >/dev/null
	county=$(psql -X -qAt -c "SELECT min(unit_id) FROM scorecard.unit WHERE kind = 'county'")
	for _ in $(seq "$ROUNDS"); do
		runs[bare]+=" $(bench_ms "$BARE" "$SETTINGS")"
		runs[progress]+=" $(bench_ms "SELECT * FROM progress('$AS_OF')" "$SETTINGS")"
		runs[parent]+=" $(bench_ms "SELECT * FROM progress_city('$AS_OF')" "$SETTINGS")"
		runs[assess]+=" $(bench_ms "SELECT * FROM unit_assessment('$AS_OF')" "$SETTINGS")"
		read -r wall compute store <<<"$(run_ms "CALL run_assessment(2024, '$AS_OF')")"
		runs[run]+=" $wall"; runs[compute]+=" $compute"; runs[store]+=" $store"
		runs[report]+=" $(report_ms "")"
		runs[noruns]+=" $(report_ms "DELETE FROM assessment_run;")"
		runs[arith]+=" $(bench_ms "SELECT * FROM progress_arith('$AS_OF')" "$SETTINGS")"
		runs[lagging]+=" $(bench_ms "SELECT * FROM lagging_list('$AS_OF')" "$SETTINGS")"
		runs[page]+=" $(bench_ms "SELECT * FROM progress_latest WHERE unit_id = '$county'" "$SETTINGS")"
		runs[creport]+=" $(report_ms "" "$county")"
	done
	for k in bare progress parent assess run compute store report noruns arith lagging page creport; do med[$k]=$(echo "${runs[$k]}" | median); done
	awk -v n="$n" -v u="$units" -v r="$readings" -v b="${med[bare]}" -v p="${med[progress]}" \
		-v c="${med[parent]}" -v a="${med[assess]}" -v x="${med[run]}" -v h="${med[report]}" -v z="${med[noruns]}" \
		-v m="${med[arith]}" -v l="${med[lagging]}" -v g="${med[page]}" -v cr="${med[creport]}" 'BEGIN {
		printf "%-8d %6d %10d %9.0f %11.0f (%4.1f) %11.0f (%4.1f) %11.0f (%4.1f) %11.0f (%4.1f) %12.3f %15.0f (%4.1f) %15.0f (%4.1f) %15.0f (%4.1f) %15.0f (%4.1f) %8.1f %17.0f\n",
			n, u, r, b, p, p / b, c, c / b, a, a / b, x, x / b, 1000 * p / r, h, h / p, z, z / p, m, m / p, l, l / p, g, cr }'
	# each ratio against its goal (issue 24), printed after the table
	goals+=$(awk -v n="$n" -v b="${med[bare]}" -v p="${med[progress]}" -v x="${med[run]}" -v h="${med[report]}" \
		-v z="${med[noruns]}" -v m="${med[arith]}" -v l="${med[lagging]}" -v pg="${med[page]}" \
		-v xc="${med[compute]}" -v xs="${med[store]}" 'function g(what, v, goal, of) {
		printf "%-8d %-26s %5.1fx %-9s (goal <= %.1fx): %s\n", n, what, v, of, goal, v <= goal ? "met" : "NOT met" }
		BEGIN {
		g("run_assessment", x / b, 5, "bare")
		printf "%-8d %-26s %5.1fx bare computing, %.1fx bare storing\n", n, "  of which (its NOTICEs)", xc / b, xs / b
		g("progress_arith", m / p, 1.5, "progress")
		g("lagging_list", l / p, 1.5, "progress"); g("report, runs stored", h / p, 2, "progress")
		g("report, no runs", z / p, 2, "progress")
		printf "%-8d %-26s %5.1f ms           (goal <  20 ms): %s\n", n, "a county'"'"'s page", pg, pg < 20 ? "met" : "NOT met" }')$'\n'
	per_reading=$(awk -v p="${med[progress]}" -v r="$readings" 'BEGIN {print p / r}')
	first_per_reading=${first_per_reading:-$per_reading}
	first_n=${first_n:-$n}
done
printf '\n%s' "$goals"
awk -v a="$first_per_reading" -v b="$per_reading" -v f="$first_n" -v l="$n" \
	'BEGIN {printf "progress time per reading at %d counties / at %d counties: %.2f\n", l, f, b / a}'
