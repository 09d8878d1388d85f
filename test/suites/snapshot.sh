#!/usr/bin/env bash
# Dashboards from stored results (issue 24 item 1, plan/78_snapshot.sql):
# progress_latest, progress_city_latest, unit_scores_latest,
# unit_assessment_latest, lagging_list_latest, progress_arith_latest and
# data_review_latest serve the stored snapshot while it is current and
# equal the live computation (progress(), progress_city(), unit_scores(),
# unit_assessment(), lagging_list(), progress_arith(), data_review() at
# latest_as_of()) after
# refreshes, runs, loads, corrections and target changes; a load or a
# change to the plan makes it stale and the views compute live (computed_at
# says which); a load committed while a refresh computes leaves it stale,
# not wrong; row-level security holds on the stored rows as on the live
# ones; a county role cannot refresh.  On the demo plan; runs on the test
# server.
set -uo pipefail
TOP=$(cd "$(dirname "$0")/../.." && pwd)
export PATH=/usr/lib/postgresql/15/bin:$PATH PGCLIENTENCODING=UTF8
source "$TOP/test/tap.sh"
source "$TOP/test/sessions.sh"
db=scorecard_snapshot
drop() {
	psql -X -q -d postgres -c "SET client_min_messages = warning" -c "DROP DATABASE IF EXISTS $db" \
		-c "DROP ROLE IF EXISTS snap_county" -c "DROP ROLE IF EXISTS snap_dept" -c "DROP ROLE IF EXISTS snap_city" >/dev/null
}
trap 'close_sessions 2>/dev/null; [ -n "${KEEP:-}" ] || drop' EXIT
drop
q() { psql -X -q -At -v ON_ERROR_STOP=1 -d $db -c "SET search_path = scorecard, public" -c "$1"; }
as() { psql -X -q -At -v ON_ERROR_STOP=1 -d $db -U "$1" -c "SET search_path = scorecard, public" -c "$2"; }
cd "$TOP"
psql -X -q -d postgres -c "CREATE DATABASE $db" -c "CREATE ROLE snap_county LOGIN" \
	-c "CREATE ROLE snap_dept LOGIN" -c "CREATE ROLE snap_city LOGIN" >/dev/null &&
	psql -X -q -v ON_ERROR_STOP=1 -d $db -v last_month=2024-11-01 -c "SET client_min_messages = warning" \
		-c "CREATE EXTENSION scorecard_report CASCADE" -c "SET search_path = scorecard, public" \
		-f data/plan.sql -f data/generate.sql >/dev/null
ok $? "demo plan and readings to November 2024 load"

# The views against the functions they stand for, row by row as text
# (every column but computed_at, in one order).
P="SELECT indicator_id, code, action_id, indicator_zh, indicator_en, measure_unit, nature, unit_id, unit_zh, unit_kind,
	year, as_of, data_month, target, weight, value, prior, computed_growth, reported_growth, growth, growth_source,
	change_pp, actual, decimals, actual_published, reference, met, gap, attainment, time_progress, schedule_gap,
	status, note, schedule, target_version, target_since, status_bands"
S="SELECT unit_id, unit_zh, indicator_id, indicator_zh, target, scored_target, scoring, weight, actual, decimals,
	actual_published, reference, met, attainment, points"
A="SELECT unit_id, unit_zh, unit_kind, peer_group, items, applicable, weight, applicable_weight, total, score, grade, rank"
C="SELECT indicator_id, action_id, action_zh, indicator_zh, indicator_en, measure_unit, data_month, target, value,
	growth, growth_source, actual, decimals, actual_published, reference, met, gap, attainment, time_progress,
	schedule_gap, status, note, unit_id"
L="SELECT kind, item_id, item_zh, unit_id, unit_zh, responsible_unit_id, responsible_unit_zh, lead_person, status,
	behind, behind_unit, months, since"
R="SELECT indicator_id, code, indicator_zh, measure_unit, nature, unit_id, unit_zh, unit_kind, parent_id, year, as_of,
	data_month, target, actual, published, rank, rank_prior, rank_change, peers, parent_published, gap_to_parent, growth,
	gap, contribution, pull, month_growth, growth_change, two_year_growth, required_growth, hard_to_reach, projection,
	projected_growth, projection_met, schedule, time_progress, schedule_gap, status, growth_source,
	reported_minus_computed, growth_note, decimals"
V="SELECT unit_id, unit_zh, indicator_id, indicator_zh, month, rule, severity, figure, compared_with, detail"
digest() { q "SELECT md5(string_agg(x::text, '|' ORDER BY x::text)) || ' ' || count(*) FROM ($1) x"; }
views_equal_live() { # views_equal_live LABEL
	local d
	d=$(q "SELECT latest_as_of()")
	is "$(digest "$P FROM progress_latest")" "$(digest "$P FROM progress('$d')")" "$1: progress_latest equals progress($d)"
	is "$(digest "$S FROM unit_scores_latest")" "$(digest "$S FROM unit_scores('$d')")" "$1: unit_scores_latest equals unit_scores($d)"
	is "$(digest "$A FROM unit_assessment_latest")" "$(digest "$A FROM unit_assessment('$d')")" \
		"$1: unit_assessment_latest equals unit_assessment($d)"
	is "$(digest "$C FROM progress_city_latest WHERE as_of = '$d'")" "$(digest "$C FROM progress_city('$d')")" \
		"$1: progress_city_latest equals progress_city($d)"
	is "$(digest "$L FROM lagging_list_latest WHERE as_of = '$d'")" "$(digest "$L FROM lagging_list('$d')")" \
		"$1: lagging_list_latest equals lagging_list($d)"
	is "$(q "$L FROM lagging_list_latest" | md5sum)" "$(q "$L FROM lagging_list('$d')" | md5sum)" \
		"$1: ... in its order (worst first)"
	is "$(digest "$R FROM progress_arith_latest")" "$(digest "$R FROM progress_arith('$d')")" \
		"$1: progress_arith_latest equals progress_arith($d)"
	is "$(q "$V FROM data_review_latest WHERE as_of = '$d'" | md5sum)" "$(q "$V FROM data_review('$d')" | md5sum)" \
		"$1: data_review_latest equals data_review($d), in its order"
}
# calls FUNCTION STATEMENT...: how many times the statements, in a
# transaction rolled back, called FUNCTION (track_functions; 0: what they
# read was served from the snapshot).
calls() {
	local f=$1 s args=()
	shift
	for s in "$@"; do args+=(-c "$s"); done
	psql -X -q -At -d $db -c "SET track_functions = 'all'" -c "BEGIN" "${args[@]}" \
		-c "SELECT coalesce(sum(calls), 0) FROM pg_stat_xact_user_functions WHERE schemaname = 'scorecard' AND funcname = '$f'" \
		-c "ROLLBACK" | tail -n 1
}
# served: reading a county's page, the ranking, the city's page and the
# lagging list computed progress how many times (0: served from the
# snapshot; else once for each of the four views read).
served() {
	calls progress_of_states "SELECT count(*) FROM scorecard.progress_latest WHERE unit_id = 'beita'" \
		"SELECT count(*) FROM scorecard.unit_assessment_latest" "SELECT count(*) FROM scorecard.progress_city_latest" \
		"SELECT count(*) FROM scorecard.lagging_list_latest"
}
# One county's page of progress_arith_latest, its lagging list, its
# findings of data_review_latest: how many times each called the function
# it stands for (0: served from the stored rows).
arith_calls() { calls progress_arith "SELECT count(*) FROM scorecard.progress_arith_latest WHERE unit_id = 'beita'"; }
lagging_calls() { calls lagging_list_of "SELECT count(*) FROM scorecard.lagging_list_latest WHERE unit_id = 'beita'"; }
review_calls() { calls data_review "SELECT count(*) FROM scorecard.data_review_latest WHERE unit_id = 'beita'"; }
current() { q "SELECT snapshot_is_current()"; }

# Nothing stored yet: the views compute, and say so (computed_at: now).
is "$(current)" "f" "a new plan has no current snapshot"
is "$(q "SELECT count(*) FILTER (WHERE computed_at = now()) = count(*) FROM progress_latest")" "t" \
	"without one, progress_latest is computed as it is read (computed_at = the reading transaction's time)"
views_equal_live "computed live"

# A refresh stores them; the views serve the stored rows, equal to live.
out=$(q "SELECT as_of || ' ' || targets || ' ' || refreshed FROM refresh_snapshot()")
is "$out" "$(q "SELECT latest_as_of() || ' ' || count(*) || ' true' FROM progress(latest_as_of())")" \
	"refresh_snapshot() stores the latest month's targets"
is "$(current)" "t" "the snapshot is then current"
is "$(served)" "0" "reading a county's page, the ranking, the city's page and the lagging list computes no progress: served from the snapshot"
is "$(q "SELECT arith_computed_at IS NOT NULL FROM snapshot_state")|$(arith_calls)" "t|0" \
	"the refresh stores the arithmetic too: a county's page of progress_arith_latest computes none"
is "$(q "SELECT lagging_runs_version = runs_version() FROM snapshot_state")|$(lagging_calls)" "t|0" \
	"... and the lagging list: a county's lagging list computes none"
is "$(q "SELECT count(*) FROM lagging_list_latest WHERE unit_id = 'beita'")" \
	"$(q "SELECT count(*) FROM lagging_list(latest_as_of()) WHERE unit_id = 'beita'")" \
	"a county's stored lagging list has the county's items of lagging_list()"
is "$(q "SELECT review_computed_at IS NOT NULL FROM snapshot_state")|$(review_calls)" "t|0" \
	"... and the data review: a county's findings compute none"
nrev=$(q "SELECT count(*) FROM data_review(latest_as_of())")
is "$([ "$nrev" -gt 0 ] && echo some)|$(q "SELECT count(*) FROM data_review_snapshot")|$(q "SELECT count(*) FROM data_review_latest WHERE unit_id = 'beita'")" \
	"some|$nrev|$(q "SELECT count(*) FROM data_review(latest_as_of()) WHERE unit_id = 'beita'")" \
	"the stored review has data_review()'s $nrev findings, and a county's are the county's of data_review()"
is "$(q "SELECT count(DISTINCT computed_at) || ' ' || bool_and(computed_at = (SELECT review_computed_at FROM snapshot_state)) FROM data_review_latest")" \
	"1 true" "data_review_latest says when the stored review was computed"
is "$(q "SELECT count(DISTINCT computed_at) || ' ' || bool_and(computed_at = (SELECT computed_at FROM snapshot_state)) FROM progress_latest")" \
	"1 true" "progress_latest says when the snapshot was computed"
views_equal_live "after refresh_snapshot()"
is "$(q "SELECT refreshed FROM refresh_snapshot()")" "f" "a second refresh_snapshot() does nothing: it is current"
# The report of the latest month reads the snapshot's progress rows
# (stored_progress) and judges no target: the same document as with the
# snapshot stale, which computes them.
report_md5() { # report_md5 AREA [stale]: md5 of the report, and how many times it called progress_of_states
	psql -X -q -At -d $db -c "SET track_functions = 'all'" -c "BEGIN" \
		${2:+-c "UPDATE scorecard.snapshot_state SET data_version = -1"} \
		-c "SELECT md5(scorecard.progress_report_html(scorecard.latest_as_of(), $1))" \
		-c "SELECT coalesce(sum(calls), 0) FROM pg_stat_xact_user_functions WHERE schemaname = 'scorecard' AND funcname = 'progress_of_states'" \
		-c "ROLLBACK" | tr '\n' ' '
}
for area in NULL "'beita'"; do
	stored=$(report_md5 "$area"); live=$(report_md5 "$area" stale)
	[ "${stored%% *}" = "${live%% *}" ] && [ "${stored#* }" = "0 " ] && [ "${live#* }" = "1 " ]
	ok $? "the report of $area from the snapshot is the report computed live (md5, progress_of_states calls: $stored; live: $live)"
done

# A load (a correction of a published reading) makes it stale: the views
# compute live, with the corrected figure.
v0=$(q "SELECT current_data_version()")
q "SELECT begin_load();
	INSERT INTO reading_staging (indicator, unit, month, value, source)
	SELECT r.indicator_id, r.unit_id, to_char(r.month, 'YYYY-MM'), (r.value * 1.5)::text, 'correction'
	FROM reading_current r WHERE r.unit_id = 'beita' AND r.month = '2024-11-01' ORDER BY r.indicator_id LIMIT 1;
	SELECT inserted || ' ' || revised FROM load_readings(header => false)" >/dev/null
is "$(q "SELECT current_data_version() > $v0")|$(current)" "t|f" "a load moves the data's version: the snapshot is stale"
is "$(served)" "4" "the views then compute progress (for the page, the ranking, the city's page and the lagging list)"
views_equal_live "after a correction, stale"
# An unchanged load (every row equal to the revision in force) changes nothing.
q "SELECT refresh_snapshot()" >/dev/null
q "SELECT begin_load();
	INSERT INTO reading_staging (indicator, unit, month, value, source)
	SELECT r.indicator_id, r.unit_id, to_char(r.month, 'YYYY-MM'), r.value::text, 'same'
	FROM reading_current r WHERE r.unit_id = 'beita' AND r.month = '2024-11-01' ORDER BY r.indicator_id LIMIT 3;
	SELECT * FROM load_readings(header => false)" >/dev/null
is "$(current)" "t" "a load of unchanged readings leaves the snapshot current"
views_equal_live "after an unchanged load, current"

# Its owner's statements on reading itself, not through a load: a reading
# changed in place, a revision inserted, then deleted, and a TRUNCATE
# (rolled back) each make it stale; the views then show the figures as
# they are.  (A changed load counts itself, above; an unchanged one does
# not count, above.)
one="unit_id = 'beita' AND month = '2024-11-01' AND indicator_id = (SELECT min(indicator_id) FROM reading WHERE unit_id = 'beita' AND month = '2024-11-01')"
last="$one AND revision = (SELECT max(revision) FROM reading WHERE $one)"
for sql in "UPDATE reading SET value = value + 1 WHERE $last" \
	"INSERT INTO reading (indicator_id, unit_id, month, value, revision) SELECT indicator_id, unit_id, month, value + 1, revision + 1 FROM reading WHERE $last" \
	"DELETE FROM reading WHERE $last"; do
	q "SELECT refresh_snapshot()" >/dev/null
	q "$sql" >/dev/null
	is "$(current)" "f" "the owner's '${sql%% WHERE*}' on reading makes the snapshot stale"
	views_equal_live "after the owner's '${sql%% WHERE*}'"
done
q "SELECT refresh_snapshot()" >/dev/null
is "$(psql -X -q -At -d $db -c "BEGIN" -c "TRUNCATE scorecard.reading" -c "SELECT scorecard.snapshot_is_current()" -c "ROLLBACK")" \
	"f" "the owner's TRUNCATE of reading makes the snapshot stale"
is "$(current)" "t" "... rolled back, it is current again"

# A change to the plan (a target, a target adjusted mid-year) makes it stale.
q "UPDATE plan_target SET target = 'growth >= 12%' WHERE unit_id = 'beita' AND indicator_id = (
	SELECT min(indicator_id) FROM plan_target WHERE unit_id = 'beita' AND target::text LIKE 'growth%')" >/dev/null
is "$(current)" "f" "an UPDATE of plan_target makes the snapshot stale"
views_equal_live "after a target changed, stale"
q "SELECT refresh_snapshot()" >/dev/null
views_equal_live "refreshed after the target changed"
for sql in "UPDATE indicator SET growth_decimals = growth_decimals" "UPDATE unit SET sort_order = sort_order WHERE unit_id = 'beita'" \
	"UPDATE plan_setting SET status_bands = status_bands" "DELETE FROM task WHERE false"; do
	q "SELECT refresh_snapshot()" >/dev/null
	q "$sql" >/dev/null
	is "$(current)" "f" "'$sql' makes the snapshot stale"
done

# A run of the latest month stores its rows as the snapshot, with no
# second computation; a run of another month, or as recorded earlier,
# does not.
q "CALL run_assessment(2024, '2024-10-31')" >/dev/null
is "$(current)" "f" "a run of October does not store November's snapshot"
q "CALL run_assessment(2024, '2024-11-30')" >/dev/null
rid=$(q "SELECT max(run_id) FROM assessment_run")
is "$(current)|$(q "SELECT run_id FROM snapshot_state")" "t|$rid" "a run of the latest month stores the snapshot (run $rid)"
is "$(q "SELECT count(*) FROM assessment_run_progress a JOIN progress_snapshot p USING (unit_id, indicator_id)
	WHERE a.run_id = $rid AND (a.actual IS DISTINCT FROM p.actual OR a.status IS DISTINCT FROM p.status OR a.met IS DISTINCT FROM p.met)")|$(q "SELECT count(*) FROM progress_snapshot")" \
	"0|$(q "SELECT count(*) FROM assessment_run_progress WHERE run_id = $rid")" "its rows are the run's stored progress"
is "$(q "SELECT count(*) FROM assessment_run_unit a JOIN unit_assessment_snapshot s USING (unit_id)
	WHERE a.run_id = $rid AND (a.score IS DISTINCT FROM s.score OR a.rank IS DISTINCT FROM s.rank)")" "0" \
	"its ranking is the run's stored ranking"
views_equal_live "after a run of the latest month"
is "$(q "SELECT arith_computed_at IS NOT NULL FROM snapshot_state")|$(arith_calls)" "f|1" \
	"the run's snapshot holds no arithmetic: progress_arith_latest computes it live"
is "$(q "SELECT lagging_runs_version IS NULL FROM snapshot_state")|$(lagging_calls)" "t|1" \
	"... nor a lagging list: lagging_list_latest computes it live"
is "$(q "SELECT review_computed_at IS NULL FROM snapshot_state")|$(review_calls)|$(q "SELECT count(*) FILTER (WHERE computed_at = now()) = count(*) FROM data_review_latest")" "t|1|t" \
	"... nor a data review: data_review_latest reviews live, and says so (computed_at = the reading transaction's time)"
is "$(q "SELECT refreshed FROM refresh_snapshot()")|$(q "SELECT (arith_computed_at IS NOT NULL) || ' ' || run_id || ' ' || (lagging_runs_version = runs_version()) FROM snapshot_state")|$(arith_calls)|$(lagging_calls)" \
	"t|true $rid true|0|0" "a refresh then stores the arithmetic and the lagging list only (the run's progress kept), and serves them"
is "$(q "SELECT review_computed_at > computed_at FROM snapshot_state")|$(review_calls)" "t|0" "... and the data review, after the run's snapshot"
is "$(q "SELECT count(DISTINCT computed_at) || ' ' || bool_and(computed_at = (SELECT arith_computed_at FROM snapshot_state))
	|| ' ' || bool_and(computed_at > (SELECT computed_at FROM snapshot_state)) FROM progress_arith_latest")|$(q "SELECT count(DISTINCT computed_at) || ' ' || bool_and(computed_at = (SELECT lagging_computed_at FROM snapshot_state))
	|| ' ' || bool_and(computed_at > (SELECT computed_at FROM snapshot_state)) FROM lagging_list_latest")" \
	"1 true true|1 true true" "progress_arith_latest and lagging_list_latest say when they were computed: after the run's snapshot"
views_equal_live "after the arithmetic of the run's snapshot was stored"

# The stored runs change the warning streaks the lagging list shows: a
# run of another month, a run deleted, a run's row changed in place each
# leave the snapshot current and the stored list not served (computed
# live, equal to lagging_list()); a refresh stores the list again.  (The
# last ends Beita's streaks: its rows of the list lose their months.)
streaks0=$(q "SELECT count(months) FROM lagging_list(latest_as_of()) WHERE unit_id = 'beita'")
for sql in "CALL run_assessment(2024, '2024-09-30')" "DELETE FROM assessment_run WHERE as_of = '2024-09-30'" \
	"UPDATE assessment_run_progress SET status = 'green' WHERE run_id = $rid AND unit_id = 'beita' AND status IN ('red', 'yellow')"; do
	rv=$(q "SELECT runs_version()")
	q "$sql" >/dev/null
	is "$(current)|$(q "SELECT runs_version() > $rv")|$(lagging_calls)" "t|t|1" \
		"'${sql%% WHERE*}' moves the runs' version: the snapshot stays current, the lagging list is computed live"
	views_equal_live "after '${sql%% WHERE*}'"
	is "$(q "SELECT refreshed FROM refresh_snapshot()")|$(q "SELECT run_id FROM snapshot_state")|$(lagging_calls)" "t|$rid|0" \
		"... a refresh stores the lagging list again (the run's snapshot kept)"
	views_equal_live "stored again after '${sql%% WHERE*}'"
done
is "$([ "$streaks0" -gt 0 ] && echo "had")|$(q "SELECT count(months) FROM lagging_list_latest WHERE unit_id = 'beita'")" "had|0" \
	"the run's rows changed in place ended Beita's streaks ($streaks0 before), and the stored list shows it"
# A list stored meanwhile by a refresh that saw more runs (here: its
# count set one ahead) is not replaced by one that saw fewer.
q "UPDATE snapshot_state SET lagging_runs_version = runs_version() + 1" >/dev/null
is "$(q "SELECT refreshed FROM refresh_snapshot()")|$(q "SELECT lagging_runs_version = runs_version() + 1 FROM snapshot_state")" "f|t" \
	"a refresh does not replace a stored lagging list of more runs than it saw"
q "UPDATE snapshot_state SET lagging_runs_version = NULL; SELECT refresh_snapshot()" >/dev/null
q "CALL run_assessment(2024, '2024-11-30', recorded_as_of => now() - interval '1 second')" >/dev/null
is "$(q "SELECT max(run_id) > $rid FROM assessment_run")|$(q "SELECT run_id FROM snapshot_state")" "t|$rid" \
	"a run as recorded at an earlier time does not replace the snapshot (still run $rid's)"

# A load committed while a refresh computes: the refresh stores what its
# statement saw, with that version, and the snapshot is stale afterwards.
q "SELECT refresh_snapshot()" >/dev/null
open_session loader -d $db
open_session refresher -d $db
x loader "SET search_path = scorecard, public" >/dev/null
x loader "BEGIN" >/dev/null
x loader "SELECT begin_load()" >/dev/null
x loader "INSERT INTO reading_staging (indicator, unit, month, value, source)
	SELECT r.indicator_id, r.unit_id, to_char(r.month, 'YYYY-MM'), (r.value * 2)::text, 'late'
	FROM reading_current r WHERE r.unit_id = 'beita' AND r.month = '2024-11-01' ORDER BY r.indicator_id LIMIT 1" >/dev/null
x loader "SELECT revised FROM load_readings(header => false)" >/dev/null
q "UPDATE snapshot_state SET data_version = -1" >/dev/null   # stale: the refresh computes
x refresher "SELECT refreshed FROM scorecard.refresh_snapshot()" >"$SESSDIR/r.out"
is "$(cat "$SESSDIR/r.out")" "t" "a refresh while a load is uncommitted computes (and does not wait for the load)"
is "$(current)" "t" "... and is current for what is committed"
x loader "COMMIT" >/dev/null
is "$(current)" "f" "once the load commits, the snapshot is stale"
views_equal_live "after the load committed"

# A refresh computes before it takes the snapshot's row: while its
# computation waits (here for a lock another session holds on
# plan_setting, which progress() reads), the row is free, so a run of the
# latest month could store its rows meanwhile; the refresh then stores
# what it computed.
q "UPDATE snapshot_state SET data_version = -1" >/dev/null   # stale: the refresh computes
open_session holder -d $db
open_session refresher2 -d $db
open_session other -d $db
x holder "BEGIN" >/dev/null
x holder "LOCK scorecard.plan_setting IN ACCESS EXCLUSIVE MODE" >/dev/null
send refresher2 "SELECT 'refreshed ' || refreshed FROM scorecard.refresh_snapshot()"
wait_blocked refresher2
is "$(x other "SELECT count(*) FROM (SELECT FROM scorecard.snapshot_state FOR UPDATE NOWAIT) s")" "1" \
	"while a refresh computes, the snapshot's row is free (not locked: NOWAIT takes it)"
x holder "COMMIT" >/dev/null
wait_done refresher2
is "$(grep -c '^refreshed true' "$SESSDIR/refresher2.out")|$(current)|$(q "SELECT arith_computed_at IS NOT NULL AND review_computed_at IS NOT NULL FROM snapshot_state")" "1|t|t" \
	"... and the refresh then stores what it computed, the arithmetic and the data review too"
close_sessions

# An error in the data review (here data_review replaced, in a transaction
# rolled back, by one that raises 22003) leaves the review live with a
# WARNING; the refresh stores the rest.
out=$(psql -X -q -At -d $db -c "SET search_path = scorecard, public" -c "BEGIN" \
	-c "CREATE OR REPLACE FUNCTION data_review(as_of date, recorded_as_of timestamptz DEFAULT NULL, units text[] DEFAULT NULL,
		with_children boolean DEFAULT false, from_month date DEFAULT NULL, indicators int[] DEFAULT NULL)
		RETURNS TABLE (unit_id text, unit_zh text, indicator_id int, indicator_zh text, month date,
		rule text, severity text, figure float8, compared_with float8, detail text)
		LANGUAGE plpgsql AS \$\$ BEGIN RAISE EXCEPTION 'a figure out of range' USING ERRCODE = '22003'; END \$\$" \
	-c "UPDATE snapshot_state SET data_version = -1" -c "SELECT refreshed FROM refresh_snapshot()" \
	-c "SELECT snapshot_is_current() || ' ' || (arith_computed_at IS NOT NULL) || ' ' || (review_computed_at IS NULL) FROM snapshot_state" \
	-c "ROLLBACK" 2>&1)
grep -q "WARNING:  refresh_snapshot: the data review could not be stored: a figure out of range" <<<"$out" &&
	[ "$(grep -v WARNING <<<"$out" | grep -v '^DETAIL\|^HINT' | tr '\n' ' ')" = "t true true true " ]
s=$?; ok $s "an error in the data review: a WARNING, the refresh stores the rest (current, the arithmetic), the review left live"
[ $s = 0 ] || echo "$out" | diag

# Row-level security: a county role reads its units' stored rows (its
# progress rows are those it computes live); it cannot refresh.
q "SELECT enable_unit_security(); SELECT grant_unit_access('snap_county', 'beita')" >/dev/null
q "SELECT refresh_snapshot()" >/dev/null
stored=$(as snap_county "SELECT string_agg(DISTINCT unit_id, ',') || ' ' || count(*) FROM progress_latest")
is "$stored" "beita $(q "SELECT count(*) FROM progress_snapshot WHERE unit_id = 'beita'")" \
	"county role: progress_latest from the snapshot has Beita's rows only"
is "$(as snap_county "SELECT string_agg(DISTINCT unit_id, ',') FROM unit_assessment_latest")" "beita" \
	"county role: unit_assessment_latest from the snapshot has Beita only"
d=$(q "SELECT latest_as_of()")
is "$(as snap_county "$P FROM progress_latest ORDER BY indicator_id" | md5sum)" \
	"$(as snap_county "$P FROM progress('$d') ORDER BY indicator_id" | md5sum)" \
	"county role: the stored rows are the rows progress() computes for it"
is "$(as snap_county "$L FROM lagging_list_latest" | sort | md5sum)" "$(as snap_county "$L FROM lagging_list('$d')" | sort | md5sum)" \
	"county role: lagging_list_latest of the stored rows is the list lagging_list() computes for it"
is "$(as snap_county "SELECT count(*) FROM lagging_list_latest WHERE unit_id <> 'beita'")|$(as snap_county "SELECT count(*) > 0 FROM lagging_list_latest")" \
	"0|t" "county role: its lagging list has Beita's items only, and some"
is "$(as snap_county "SELECT count(*) FROM progress_city_latest")" "0" "county role: no city rows in progress_city_latest from the snapshot"
# The stored arithmetic holds the parents' figures (parent_published,
# contribution, pull): a county role computes progress_arith_latest live
# (no ranks: it does not see every unit), and reads no row of the table.
is "$(as snap_county "$R FROM progress_arith_latest ORDER BY indicator_id" | md5sum)" \
	"$(as snap_county "$R FROM progress_arith('$d') ORDER BY indicator_id" | md5sum)" \
	"county role: progress_arith_latest is what progress_arith() computes for it"
is "$(as snap_county "SELECT count(*) > 0 AND count(rank) = 0 FROM progress_arith_latest")|$(q "SELECT count(rank) > 0 FROM progress_arith_snapshot WHERE unit_id = 'beita'")" \
	"t|t" "... its rows have no rank where the stored ones have"
is "$(as snap_county "SELECT count(*) FROM progress_arith_snapshot")|$(q "SELECT count(*) > 0 FROM progress_arith_snapshot WHERE unit_id = 'beita'")" \
	"0|t" "county role: no row of progress_arith_snapshot (policy every_unit), where Beita has stored rows"
# The stored lagging list names the departments holding targets on an
# indicator: a county role computes it live and reads no row of the table.
is "$(as snap_county "SELECT lagging_snapshot_is_served()")|$(as snap_county "SELECT count(*) FROM lagging_list_snapshot")|$(q "SELECT count(*) > 0 FROM lagging_list_snapshot WHERE unit_id = 'beita'")" \
	"f|0|t" "county role: lagging_list_latest is computed live; no row of lagging_list_snapshot (policy every_unit), where Beita has stored rows"
# The stored review compares a unit with its peers' median growth and a
# parent with its children's sum: a county role reviews live what it
# sees, and reads no row of the table.
is "$(as snap_county "SELECT review_snapshot_is_served()")|$(as snap_county "SELECT count(*) FROM data_review_snapshot")|$(q "SELECT count(*) > 0 FROM data_review_snapshot WHERE unit_id = 'beita'")" \
	"f|0|t" "county role: data_review_latest is reviewed live; no row of data_review_snapshot (policy every_unit), where Beita has stored findings"
is "$(as snap_county "$V FROM data_review_latest" | md5sum)" "$(as snap_county "$V FROM data_review('$d')" | md5sum)" \
	"county role: data_review_latest is what data_review() finds for it"
# A city role sees every unit under both policies: it is served the stored
# arithmetic, lagging list and review, which equal what the owner computes
# live.
q "SELECT grant_unit_access('snap_city', 'shaoyang')" >/dev/null
is "$(as snap_city "SELECT lagging_snapshot_is_served()")|$(as snap_city "$L FROM lagging_list_latest" | md5sum)" \
	"t|$(q "$L FROM lagging_list('$d')" | md5sum)" "city role: served the stored lagging list, the owner's lagging_list() in its order"
is "$(as snap_city "SELECT arith_snapshot_is_served()")|$(as snap_city "SELECT count(*) FROM progress_arith_latest WHERE computed_at = (SELECT arith_computed_at FROM snapshot_state)")" \
	"t|$(q "SELECT count(*) FROM progress_arith('$d')")" "city role: served the stored arithmetic, every row"
is "$(as snap_city "$R FROM progress_arith_latest ORDER BY unit_id, indicator_id" | md5sum)" \
	"$(q "$R FROM progress_arith('$d') ORDER BY unit_id, indicator_id" | md5sum)" \
	"city role: the stored arithmetic is what progress_arith() computes for the owner"
is "$(as snap_city "SELECT review_snapshot_is_served()")|$(as snap_city "$V FROM data_review_latest" | md5sum)" \
	"t|$(q "$V FROM data_review('$d')" | md5sum)" "city role: served the stored review, the owner's data_review() in its order"

# A department's targets judged on its area (judged_on 'area': gxj, on the
# city's figures) are stored as computed over every unit, as a run stores
# them: the department's role reads them as the owner computes them, where
# live, not seeing the city's readings, it judges them on nothing.
q "SELECT grant_unit_access('snap_dept', 'gxj')" >/dev/null
ndept=$(q "SELECT count(*) FROM progress('$d') WHERE unit_id = 'gxj'")
is "$ndept" "$(grep -c '^gxj,' data/department-targets-2024.csv)" "department gxj: progress() has a row for each of its targets in the demo's file"
is "$(as snap_dept "$P FROM progress_latest ORDER BY indicator_id" | md5sum)" \
	"$(q "$P FROM progress('$d') WHERE unit_id = 'gxj' ORDER BY indicator_id" | md5sum)" \
	"department role: progress_latest has its $ndept targets as the owner computes them"
is "$(as snap_dept "SELECT count(*) || ' ' || count(status) FROM progress_latest")|$(as snap_dept "SELECT count(*) || ' ' || count(status) FROM progress('$d')")" \
	"$ndept $ndept|$ndept 0" "department role: judged on the city's figures from the snapshot, on nothing live (status NULL)"
out=$(psql -X -q -At -d $db -U snap_county -v VERBOSITY=verbose -c "SELECT scorecard.refresh_snapshot()" 2>&1)
grep -q "ERROR:  42501: refresh_snapshot: role snap_county does not see every unit" <<<"$out"
ok $? "county role: refresh_snapshot() is refused (42501)"
is "$(current)" "t" "... and the snapshot is as it was"

echo "1..$n"
exit $failed
