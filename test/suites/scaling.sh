#!/usr/bin/env bash
# Linear at scale, checked cheaply in make test: the generated province
# (data/province.sql) at 20 and at 80 counties, 4 times the readings; each
# function that runs over the readings or the targets must take at most
# 2 x 4 = 8 times as long at 80 as at 20 (a cost that grows with the square
# of the units takes 16 times as long; the margin is for a busy machine).  Medians of 5 runs after a
# warm-up, with the settings of make bench-plan.  This guards the plans the
# planner switches pinned in those functions choose (a nested loop over
# all targets, say), not their speed: make bench-plan measures that.  The
# load of a quarter's corrections is timed with hash and merge joins off
# (see load_ms).
# Runs on the test server.
set -uo pipefail
TOP=$(cd "$(dirname "$0")/../.." && pwd)
export PATH=/usr/lib/postgresql/15/bin:$PATH PGCLIENTENCODING=UTF8
source "$TOP/test/tap.sh"
source "$TOP/bench/lib.sh"
REPS=5
AS_OF=2024-11-30
SETTINGS="SET work_mem = '64MB'; SET jit = off; SET max_parallel_workers_per_gather = 2;"
cleanup() { for size in 20 80; do psql -X -q -d postgres -c "SET client_min_messages = warning" -c "DROP DATABASE IF EXISTS scorecard_scale_$size" >/dev/null; done; }
trap cleanup EXIT
cleanup

declare -A ms readings
queries="progress indicator_state unit_assessment progress_arith lagging_list run_assessment load_readings stored_progress"
# Median ms of a CALL run REPS times after a warm-up.
call_ms() {
	{
		echo "SET search_path = scorecard, public; SET client_min_messages = warning; $SETTINGS"
		echo '\timing on'
		for _ in $(seq 0 "$REPS"); do echo "$1;"; done
	} | psql -X -q -v ON_ERROR_STOP=1 2>&1 | grep -E '^Time:' | tail -n +2 | awk '{print $2}' | median
}
# Median ms of load_readings of a quarter's corrections (September to
# November's readings times 1.01, staged and loaded without the data
# review, in a transaction rolled back), REPS times after a warm-up, with
# hash and merge joins off: the plans an estimate of one staged row can
# choose (reading_intake has no statistics).  A join that recomputes the
# revisions in force for each staged row is quadratic: about 11 x at 80
# counties (a load of 120,000 rows stalled for minutes at 3,000:
# docs/benchmarks.md).  A quarter, not a month, so that the square shows
# above the fixed costs.
load_ms() {
	{
		echo "SET search_path = scorecard, public; SET client_min_messages = error; $SETTINGS"
		echo "SET enable_hashjoin = off; SET enable_mergejoin = off;"
		for _ in $(seq 0 "$REPS"); do
			echo "BEGIN; DELETE FROM plan_setting; INSERT INTO plan_setting (review_on_load) VALUES ('off'); SELECT begin_load();"
			echo "INSERT INTO reading_staging (indicator, unit, month, value)
				SELECT indicator_id::text, unit_id, to_char(month, 'YYYY-MM'), (value * 1.01)::text
				FROM reading_current WHERE month BETWEEN '2024-09-01' AND '2024-11-01';"
			echo '\timing on'
			echo "SELECT revised FROM load_readings();"
			echo '\timing off'
			echo "ROLLBACK;"
		done
	} | psql -X -q -v ON_ERROR_STOP=1 2>&1 | grep -E '^Time:' | tail -n +2 | awk '{print $2}' | median
}
for size in 20 80; do
	db=scorecard_scale_$size
	psql -X -q -d postgres -c "CREATE DATABASE $db" >/dev/null
	(cd "$TOP" && psql -X -q -v ON_ERROR_STOP=1 -d $db -v cities=$((size / 10)) -v counties=10 \
		-c "SET client_min_messages = warning" -c "CREATE EXTENSION scorecard_plan CASCADE" \
		-c "SET search_path = scorecard, public" -f data/province.sql -c "VACUUM ANALYZE" >/dev/null)
	ok $? "the generated province with $size counties loads"
	export PGDATABASE=$db
	readings[$size]=$(psql -X -qAt -c "SELECT count(*) FROM scorecard.reading WHERE month <= '$AS_OF'")
	for f in $queries; do
		if [ "$f" = run_assessment ]; then
			ms[$f,$size]=$(call_ms "CALL run_assessment(2024, '$AS_OF')")
		elif [ "$f" = load_readings ]; then
			ms[$f,$size]=$(load_ms)
		elif [ "$f" = stored_progress ]; then
			# the snapshot's rows of the top unit's subtree (the report's)
			psql -X -q -c "SELECT scorecard.refresh_snapshot()" >/dev/null
			ms[$f,$size]=$(bench_ms "SELECT cardinality(stored_progress(latest_as_of(), (top_area_units())[1]))" "$SETTINGS")
			# the same rows as a bare array, its baseline (it reads nothing else)
			ms[bare_snapshot,$size]=$(bench_ms "SELECT cardinality(ARRAY(SELECT p FROM progress_snapshot p))" "$SETTINGS")
		else
			ms[$f,$size]=$(bench_ms "SELECT * FROM $f('$AS_OF')" "$SETTINGS")
		fi
	done
done
# The run's digest reads every reading of two years in one scan, which
# gets parallel workers only as a function's RETURN QUERY (a SELECT INTO
# runs its Gather without them): with parallel plans made free, its plan
# launches workers (docs/development.md, "How the plan model stays linear").
workers=$(psql -X -q -At -c "SET client_min_messages = notice" -c "LOAD 'auto_explain'" -c "SET auto_explain.log_min_duration = 0" \
	-c "SET auto_explain.log_nested_statements = on" -c "SET auto_explain.log_analyze = on" \
	-c "SET auto_explain.log_level = notice" -c "SET max_parallel_workers_per_gather = 2" \
	-c "SET parallel_setup_cost = 0" -c "SET parallel_tuple_cost = 0" -c "SET min_parallel_table_scan_size = 0" \
	-c "SELECT readings_used > 0 FROM scorecard.readings_digest(NULL, '2023-01-01', '$AS_OF', 2024)" 2>&1 |
	sed -n '/Query Text: SELECT pg_catalog.count/,/NOTICE/p' | grep -o 'Workers Launched: [0-9]*')
[[ "$workers" =~ ^Workers\ Launched:\ [1-9] ]]
ok $? "readings_digest's scan runs with parallel workers at 80 counties ($workers)"
# The last year with targets (latest_month(): every *_latest view computed
# live) comes from the index's end, not a pass over every target.
plan=$(psql -X -q -At -c "EXPLAIN (COSTS OFF) SELECT pg_catalog.max(t.year) FROM scorecard.plan_target t")
grep -q 'Index Only Scan Backward using plan_target_year' <<<"$plan"
s=$?; ok $s "the last year with targets is read from the index plan_target_year"; [ $s = 0 ] || echo "$plan" | diag
# One unit's page of warning_streaks_latest: warning_streaks inlines, and
# the filter reaches the scan of the stored progress rows (by the key of
# the run and the unit on a larger table), not the whole list of streaks.
plan=$(psql -X -q -At -c "EXPLAIN (COSTS OFF) SELECT * FROM scorecard.warning_streaks_latest WHERE unit_id = 'c001k01'")
! grep -q 'Function Scan on warning_streaks' <<<"$plan" && grep -A1 'on assessment_run_progress' <<<"$plan" | grep -q "unit_id = 'c001k01'"
s=$?; ok $s "one unit's warning_streaks_latest: the filter on the unit reaches the scan of the stored progress rows"; [ $s = 0 ] || echo "$plan" | diag
# The rank (unit_ranks_of) computes each row's published figure once, and
# rank scoring (unit_scores_of) takes the rows it ranks from the array
# whole: the plans of their statements, logged as the functions run.
plans=$(psql -X -q -At -c "SET client_min_messages = notice" -c "LOAD 'auto_explain'" -c "SET auto_explain.log_min_duration = 0" \
	-c "SET auto_explain.log_nested_statements = on" -c "SET auto_explain.log_verbose = on" -c "SET auto_explain.log_level = notice" \
	-c "SELECT count(*) FROM scorecard.unit_scores('$AS_OF')" 2>&1)
# (each plan taken whole before it is searched: grep -q ends a pipe early)
rank_plan=$(grep -A40 'Query Text: *$' <<<"$plans" | grep 'Sort Key: f.indicator_id, f.parent_id, f.peer_group')
grep -q 'THEN (- f.published) ELSE f.published END' <<<"$rank_plan"
s=$?; ok $s "unit_ranks_of sorts on the published figure computed once per row"; [ $s = 0 ] || echo "$rank_plan" | diag
scores_plan=$(sed -n '/Query Text: WITH p AS/,/NOTICE/p' <<<"$plans" | grep -e 'ProjectSet' -e 'Function Scan on pg_catalog.unnest')
grep -q 'ProjectSet' <<<"$scores_plan" && ! grep -q 'Function Scan on pg_catalog.unnest pr' <<<"$scores_plan"
s=$?; ok $s "unit_scores_of takes the rows it ranks from the array whole (unnest in the select list)"
[ $s = 0 ] || cut -c1-120 <<<"$scores_plan" | diag
# No statement of a refresh, the assessment or the report is planned with
# the rows it passes on (an array of every target's) as a constant: a
# custom plan copies such a constant over and over (about 100 ms a
# reference at 3,000 counties; docs/development.md, "How the plan model
# stays linear").  The exceptions: the states progress_of_states is given
# (its custom plans, generic ones judged 12-24% slower) and the rows a run
# inserts (run_assessment reads the distributed readings itself, which
# Citus plans only with the values).  The VERBOSE plans, in a transaction
# rolled back: an empty edit makes the snapshot stale, so that the refresh
# computes.
plans=$(psql -X -q -At -c "SET client_min_messages = notice" -c "CREATE EXTENSION IF NOT EXISTS scorecard_report" -c "BEGIN" \
	-c "LOAD 'auto_explain'" -c "SET auto_explain.log_min_duration = 0" -c "SET auto_explain.log_nested_statements = on" \
	-c "SET auto_explain.log_verbose = on" -c "SET auto_explain.log_level = notice" \
	-c "UPDATE scorecard.indicator SET name_en = name_en WHERE false" \
	-c "SELECT 'refreshed: ' || (scorecard.refresh_snapshot()).refreshed" -c "SELECT count(*) FROM scorecard.unit_assessment('$AS_OF')" \
	-c "SELECT octet_length(scorecard.progress_report_html('$AS_OF'))" -c "ROLLBACK" 2>&1)
# The report filters its arrays of every target's rows and states with
# unnest in the select list (each row passed on whole), not in FROM (every
# row taken apart into a table, the few kept formed again).
filter_plans=$(sed -n -e '/Query Text: states := ARRAY/,/NOTICE/p' -e '/Query Text: prog := ARRAY/,/NOTICE/p' <<<"$plans" |
	grep -e 'Query Text' -e 'ProjectSet' -e 'Function Scan on pg_catalog.unnest')
[ "$(grep -c 'Query Text' <<<"$filter_plans")" = 2 ] && [ "$(grep -c 'ProjectSet' <<<"$filter_plans")" = 2 ] &&
	! grep -q 'Function Scan on pg_catalog.unnest' <<<"$filter_plans"
s=$?; ok $s "the report filters its arrays with unnest in the select list (rows passed on whole)"
[ $s = 0 ] || cut -c1-120 <<<"$filter_plans" | diag
consts=$(grep -oE "\)\"\}'::[a-z_.]+\[\]" <<<"$plans" | grep -v 'indicator_state_row' | sort | uniq -c)
grep -q 'refreshed: true' <<<"$plans" && [ -z "$consts" ]
s=$?; ok $s "a refresh, the assessment and the report plan no statement with their rows as a constant"
[ $s = 0 ] || { echo "$consts"; grep -E 'ERROR|refreshed' <<<"$plans" | head -5; } | diag
unset PGDATABASE
ratio=$(awk -v a="${readings[20]}" -v b="${readings[80]}" 'BEGIN {printf "%.2f", b / a}')
for f in $queries; do
	awk -v a="${ms[$f,20]}" -v b="${ms[$f,80]}" -v r="$ratio" 'BEGIN {exit !(a ~ /^[0-9.]+$/ && b ~ /^[0-9.]+$/ && a > 0 && b / a <= 2 * r)}'
	ok $? "$f at 80 counties takes $(awk -v a="${ms[$f,20]}" -v b="${ms[$f,80]}" 'BEGIN {printf "%.1f ms, %.2f x", b, b / a}') its time at 20 (${ms[$f,20]} ms) for $ratio x the readings (at most 2 x that)"
done
awk -v a="${ms[bare_snapshot,80]}" -v b="${ms[stored_progress,80]}" 'BEGIN {exit !(a ~ /^[0-9.]+$/ && b ~ /^[0-9.]+$/ && a > 0 && b <= 3 * a)}'
ok $? "stored_progress at 80 counties takes ${ms[stored_progress,80]} ms, at most 3 x the bare array of the snapshot's rows (${ms[bare_snapshot,80]} ms)"
echo "1..$n"
exit $failed
