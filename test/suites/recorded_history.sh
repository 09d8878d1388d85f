#!/usr/bin/env bash
# The as-recorded history cannot be rewritten by a county, and a county
# sees what concerns its units.  On the demo plan with row-level security
# on: a county role (Beita) and a city role; a stored run; the county tries
# every way to forge a reading's revision, recorded_at, source or loader
# (direct INSERT into reading and into reading_intake, a backdated load,
# record_readings called by hand); the run re-made at its stored
# recorded_as_of equals the stored one item by item.  The owner may
# backdate, and the rows say so.  The county reads only its own grants in
# unit_access and not who ran the runs or on what.  The report's lagging
# list (section 5) is exactly lagging_list's rows, for the superuser and
# under row-level security.  Runs on the test server (PGHOST/PGPORT),
# database scorecard_history.
set -uo pipefail
TOP=$(cd "$(dirname "$0")/../.." && pwd)
export PATH=/usr/lib/postgresql/15/bin:$PATH PGCLIENTENCODING=UTF8
db=scorecard_history
source "$TOP/test/tap.sh"
# as ROLE SQL: one query in $db, search_path scorecard, public; errors with their SQLSTATE
as() { psql -X -q -At -v ON_ERROR_STOP=1 -v VERBOSITY=verbose -d $db -U "$1" -c "SET search_path = scorecard, public" -c "$2" 2>&1; }
su() { as postgres "$1"; }
cleanup() {
	psql -X -q -d postgres -c "SET client_min_messages = warning" -c "DROP DATABASE IF EXISTS $db" \
		-c "DROP ROLE IF EXISTS hist_county" -c "DROP ROLE IF EXISTS hist_city" >/dev/null
}
trap cleanup EXIT
cleanup
psql -X -q -d postgres -c "CREATE DATABASE $db" -c "CREATE ROLE hist_county LOGIN" -c "CREATE ROLE hist_city LOGIN" >/dev/null

cd "$TOP"
psql -X -q -v ON_ERROR_STOP=1 -d $db -c "SET client_min_messages = warning" -c "CREATE EXTENSION scorecard_report CASCADE" \
	-c "SET search_path = scorecard, public" -f data/plan.sql -f data/generate.sql \
	-c "SELECT enable_unit_security()" \
	-c "SELECT grant_unit_access('hist_county', 'beita')" \
	-c "SELECT grant_unit_access('hist_city', 'shaoyang')" >/dev/null
ok $? "demo plan loaded; row-level security on; hist_county: beita, hist_city: shaoyang"

# --- unit_access and assessment_run: what concerns the county ---
is "$(as hist_county "SELECT string_agg(role_name || ':' || unit_id, ',' ORDER BY role_name, unit_id) FROM unit_access")" \
	"hist_county:beita" "county role: unit_access shows its own grant only"
is "$(as hist_city "SELECT string_agg(role_name || ':' || unit_id, ',' ORDER BY role_name, unit_id) FROM unit_access")" \
	"hist_city:shaoyang" "city role: unit_access shows its own grant only"
is "$(su "SELECT count(*) FROM unit_access")" 2 "the superuser sees both grants"

su "CALL run_assessment(2024, '2024-11-30')" >/dev/null
for c in run_by readings_used readings_digest data_recorded_through; do
	out=$(as hist_county "SELECT $c FROM assessment_run")
	grep -q '42501: permission denied for table assessment_run' <<<"$out"
	ok $? "county role: assessment_run.$c is not readable (42501)"
done
is "$(as hist_county "SELECT string_agg(run_id || ' ' || year || ' ' || as_of || ' ' || (finished_at IS NOT NULL), ',') FROM assessment_run")" \
	"$(su "SELECT string_agg(run_id || ' ' || year || ' ' || as_of || ' ' || (finished_at IS NOT NULL), ',') FROM assessment_run")" \
	"county role: which runs exist and when (run_id, year, as_of, finished_at) as the superuser sees them"

# --- a stored run, then every forgery the county can try ---
# The stored run (made with the default recorded_as_of) as it is now.
su "CREATE TABLE saved_run AS SELECT year, as_of, recorded_as_of, data_recorded_through, readings_used, readings_digest, level_targets
	FROM assessment_run WHERE as_of = '2024-11-30';
CREATE TABLE saved_item AS SELECT i.unit_id, i.indicator_id, i.target, i.scoring, i.weight, i.actual, i.reference, i.met, i.attainment, i.points
	FROM assessment_run_item i JOIN assessment_run r USING (run_id) WHERE r.as_of = '2024-11-30';
CREATE TABLE saved_unit AS SELECT u.unit_id, u.peer_group, u.items, u.applicable, u.weight, u.applicable_weight, u.total, u.score, u.grade, u.rank
	FROM assessment_run_unit u JOIN assessment_run r USING (run_id) WHERE r.as_of = '2024-11-30';
CREATE TABLE saved_progress AS SELECT p.unit_id, p.indicator_id, p.data_month, p.target, p.value, p.growth, p.growth_source, p.actual, p.met, p.gap, p.attainment, p.time_progress, p.status
	FROM assessment_run_progress p JOIN assessment_run r USING (run_id) WHERE r.as_of = '2024-11-30';" >/dev/null
T=$(su "SELECT recorded_as_of FROM saved_run")
[ -n "$T" ]; ok $? "the stored run records the recorded_as_of it read at ($T), not NULL"
rows_before=$(su "SELECT count(*) FROM reading")
# Beita's gdp reading for June 2024, used by the run.
june="SELECT value FROM readings() WHERE indicator_id = 1 AND unit_id = 'beita' AND month = '2024-06-01'"
v=$(su "$june")

out=$(as hist_county "INSERT INTO reading (indicator_id, unit_id, month, value, revision, recorded_at, source)
	VALUES (1, 'beita', '2024-06-01', 1234, 77, '2023-01-01', 'forged')")
grep -q '42501: permission denied for table reading' <<<"$out"
ok $? "county role: a direct INSERT into reading with revision 77, recorded_at 2023-01-01 and source 'forged' is refused (42501)"
for cols in "loaded_by) VALUES (1, 'beita', '2024-06-01', 1234, 'postgres')" \
	"xact) VALUES (1, 'beita', '2024-06-01', 1234, '1')"; do
	out=$(as hist_county "INSERT INTO reading_intake (indicator_id, unit_id, month, value, $cols")
	grep -q '42501: permission denied for table reading_intake' <<<"$out"
	ok $? "county role: reading_intake.${cols%%)*} cannot be set (42501)"
done
out=$(as hist_county "SELECT begin_load();
	INSERT INTO reading_staging (indicator, unit, month, value, source) VALUES ('1', 'beita', '2024-06', '1234', 'forged');
	SELECT * FROM load_readings(header => false, recorded_at => '2024-10-15')")
grep -q "42501: only the plan's owner may backdate a load, not role hist_county" <<<"$out"
ok $? "county role: load_readings(recorded_at => '2024-10-15') is refused (42501)"
out=$(as hist_county "BEGIN;
	INSERT INTO reading_intake (indicator_id, unit_id, month, value) VALUES (1, 'beita', '2024-06-01', 1234);
	SELECT * FROM record_readings('2024-10-15');
	COMMIT")
grep -q "42501: only the plan's owner may backdate a load, not role hist_county" <<<"$out"
ok $? "county role: record_readings('2024-10-15') called by hand is refused (42501)"
is "$(su "SELECT count(*) FROM reading")|$(su "$june")" "$rows_before|$v" "nothing was written: $rows_before readings, Beita's June gdp still $v"
for sql in "UPDATE reading SET recorded_at = '2023-01-01' WHERE unit_id = 'beita'" "DELETE FROM reading WHERE unit_id = 'beita'"; do
	out=$(as hist_county "$sql")
	grep -q '42501: permission denied for table reading' <<<"$out"; ok $? "county role: ${sql%% *} of its readings is refused (42501)"
done

# What the county may do: load corrections of months the run used.  They
# are recorded at the server's clock, after the run.
out=$(as hist_county "SELECT begin_load();
	INSERT INTO reading_staging (indicator, unit, month, value, source) VALUES
		('1', 'beita', '2024-06', '1234', 'forged'), ('1', 'beita', '2024-03', '999', 'forged');
	SELECT inserted || '|' || revised || '|' || unchanged FROM load_readings(header => false)")
is "$(tail -n 1 <<<"$out")" "0|2|0" "county role: two corrections of Beita's 2024 gdp load (new revisions)"
is "$(su "SELECT count(*) || ' ' || bool_and(loaded_by = 'hist_county' AND recorded_at = loaded_at AND recorded_at > '$T')
	FROM reading WHERE source = 'forged'")" "2 true" \
	"the county's rows: loaded_by hist_county, recorded_at = loaded_at, later than the run's recorded_as_of"

# Re-made now, the run reads the corrections (the test is not vacuous) ...
su "CALL run_assessment(2024, '2024-11-30')" >/dev/null
[ "$(su "SELECT readings_digest FROM assessment_run WHERE as_of = '2024-11-30'")" != "$(su "SELECT readings_digest FROM saved_run")" ]
ok $? "a run of the latest data has another digest than the stored run"
# ... and re-made at the stored recorded_as_of, it is the stored run.
su "CALL run_assessment(2024, '2024-11-30', '$T')" >/dev/null
is "$(su "SELECT count(*) FROM (SELECT year, as_of, recorded_as_of, data_recorded_through, readings_used, readings_digest, level_targets
	FROM assessment_run WHERE as_of = '2024-11-30' EXCEPT SELECT * FROM saved_run) x")|$(su "SELECT count(*) FROM assessment_run WHERE as_of = '2024-11-30'")" \
	"0|1" "re-made at its recorded_as_of: the same digest, readings used, data recorded through"
for t in item unit progress; do
	case $t in
	item) cols="i.unit_id, i.indicator_id, i.target, i.scoring, i.weight, i.actual, i.reference, i.met, i.attainment, i.points"; from="assessment_run_item i" ;;
	unit) cols="i.unit_id, i.peer_group, i.items, i.applicable, i.weight, i.applicable_weight, i.total, i.score, i.grade, i.rank"; from="assessment_run_unit i" ;;
	progress) cols="i.unit_id, i.indicator_id, i.data_month, i.target, i.value, i.growth, i.growth_source, i.actual, i.met, i.gap, i.attainment, i.time_progress, i.status"; from="assessment_run_progress i" ;;
	esac
	cur="SELECT $cols FROM $from JOIN assessment_run r USING (run_id) WHERE r.as_of = '2024-11-30'"
	is "$(su "SELECT (SELECT count(*) FROM ($cur EXCEPT ALL SELECT * FROM saved_$t) a) || '|' || (SELECT count(*) FROM (SELECT * FROM saved_$t EXCEPT ALL $cur) b) || '|' || (SELECT count(*) FROM saved_$t)")" \
		"0|0|$(su "SELECT count(*) FROM saved_$t")" "re-made: every row of assessment_run_$t equals the stored one (EXCEPT ALL both ways)"
done
is "$(su "SELECT score || ' ' || rank FROM assessment_run_unit u JOIN assessment_run r USING (run_id) WHERE r.as_of = '2024-11-30' AND u.unit_id = 'beita'")" \
	"$(su "SELECT score || ' ' || rank FROM saved_unit WHERE unit_id = 'beita'")" "re-made: Beita's score and rank as stored"

# --- the owner backdates, and the rows say so ---
me=$(su "SELECT current_user")
out=$(su "SELECT begin_load();
	INSERT INTO reading_staging (indicator, unit, month, value) VALUES ('1', 'beita', '2024-09', '4321');
	SELECT inserted || '|' || revised FROM load_readings(header => false, recorded_at => '2024-10-15 00:00+00')")
is "$(tail -n 1 <<<"$out")" "0|1" "the owner ($me) may backdate a load"
is "$(su "SELECT loaded_by || ' ' || (recorded_at = '2024-10-15 00:00+00') || ' ' || (loaded_at > recorded_at)
	FROM reading WHERE unit_id = 'beita' AND indicator_id = 1 AND month = '2024-09-01' AND value = 4321")" "$me true true" \
	"the backdated row: loaded_by $me, recorded_at 2024-10-15, loaded_at (the clock) later"
out=$(su "SELECT begin_load();
	INSERT INTO reading_staging (indicator, unit, month, value) VALUES ('1', 'beita', '2024-08', '4321');
	SELECT * FROM load_readings(header => false, recorded_at => now() + interval '1 day')")
grep -q '22023: recorded_at .* is in the future' <<<"$out"; ok $? "a recorded_at in the future is refused (22023), even for the owner"

# --- the report's lagging list is lagging_list's rows ---
# Section 5 of the report, rows in order: targets (status|name|unit), then
# tasks (status|name|responsible unit|lead person), taken from the HTML: of
# the whole report, or for a county role, which cannot make the whole
# report (its rankings need every county), of the section alone.
section() {
	local html="split_part(split_part(progress_report_html('2024-11-30'), '<h2>五、滞后清单</h2>', 2), '<h2>六、', 1)"
	[ "$1" = hist_county ] && html="report_lagging_html('2024-11-30', 'shaoyang')"
	as "$1" "WITH h AS (SELECT $html AS s),
	t AS (SELECT split_part(h.s, '<h3>滞后项目与任务</h3>', 1) AS tg, split_part(h.s, '<h3>滞后项目与任务</h3>', 2) AS tk FROM h)
	SELECT coalesce((SELECT string_agg(m[1] || '|' || m[2] || '|' || m[3], E'\n' ORDER BY o)
	                 FROM t, regexp_matches(t.tg, '<tr><td><span class=\"chip (red|yellow)\">[^<]*</span></td><td class=\"name\">([^<]*)</td><td>([^<]*)</td>', 'g') WITH ORDINALITY x(m, o)), '')
	    || E'\n--\n'
	    || coalesce((SELECT string_agg(m[1] || '|' || m[2] || '|' || m[3] || '|' || m[4], E'\n' ORDER BY o)
	                 FROM t, regexp_matches(t.tk, '<tr><td><span class=\"chip (red|yellow)\">[^<]*</span></td><td class=\"name\">([^<]*)</td>(?:<td>[^<]*</td>){4}<td>([^<]*)</td><td>([^<]*)</td>', 'g') WITH ORDINALITY x(m, o)), '')"
}
# The same from lagging_list (HTML-escaped by hand; '—' for no lead person).
listed() {
	as "$1" "WITH l AS (SELECT l.* FROM lagging_list('2024-11-30') WITH ORDINALITY l(kind, item_id, item_zh, unit_id, unit_zh,
		responsible_unit_id, responsible_unit_zh, lead_person, status, behind, behind_unit, months, since, o)),
	e AS (SELECT l.*, replace(replace(replace(replace(replace(x, '&', '&amp;'), '<', '&lt;'), '>', '&gt;'), '\"', '&quot;'), '''', '&#39;') AS esc, x.i
	      FROM l, unnest(ARRAY[l.item_zh, l.unit_zh, l.responsible_unit_zh, coalesce(l.lead_person, '—')]) WITH ORDINALITY x(x, i))
	SELECT coalesce((SELECT string_agg(l.status || '|' || (SELECT esc FROM e WHERE e.o = l.o AND e.i = 1) || '|' || (SELECT esc FROM e WHERE e.o = l.o AND e.i = 2), E'\n' ORDER BY l.o)
	                 FROM l WHERE l.kind = 'target'), '')
	    || E'\n--\n'
	    || coalesce((SELECT string_agg(l.status || '|' || (SELECT esc FROM e WHERE e.o = l.o AND e.i = 1) || '|' || (SELECT esc FROM e WHERE e.o = l.o AND e.i = 3)
	                                   || '|' || (SELECT esc FROM e WHERE e.o = l.o AND e.i = 4), E'\n' ORDER BY l.o)
	                 FROM l WHERE l.kind = 'task'), '')"
}
for r in postgres hist_city hist_county; do
	got=$(section $r) want=$(listed $r)
	nt=$(grep -c . <<<"${want%%--*}") nk=$(grep -c . <<<"${want##*--}")
	[ -n "$got" ] && [ "$got" = "$want" ]
	ok $? "$r: the report's lagging list is lagging_list's $nt targets and $nk tasks, in its order"
	[ "$got" = "$want" ] || diff <(echo "$got") <(echo "$want") | head -5 | sed 's/^/# /'
done
# Under row-level security the county's list is its own units' (a task of
# another unit, with its lead person, is not in its report).
is "$(as hist_county "SELECT count(*) FROM lagging_list('2024-11-30') WHERE unit_id <> 'beita'")" 0 \
	"county role: lagging_list (and so its report) has Beita's items only"
[ "$(su "SELECT count(*) FROM lagging_list('2024-11-30') WHERE kind = 'task' AND unit_id <> 'beita'")" -gt 0 ]
ok $? "(the superuser's has tasks of other units)"

# --- a load that waits for a run is recorded after it ---
# The county's transaction begins before the run and stages a correction;
# its load_readings waits for the run's locks; the run commits, the load
# goes on.  Its rows are recorded at the clock once the load holds its lock,
# so later than the run's recorded_as_of (not at the transaction's start),
# and the run re-made at it reads what the run read.
(as hist_county "BEGIN; SELECT begin_load();
	INSERT INTO reading_staging (indicator, unit, month, value, source) VALUES ('1', 'beita', '2024-09', '777', 'waited');
	SELECT pg_sleep(3); SELECT * FROM load_readings(header => false); COMMIT" >"$TOP/tmp/history_waiting_load.out" 2>&1) &
waiter=$!
sleep 1
su "BEGIN; CALL run_assessment(2024, '2024-10-31'); SELECT pg_sleep(5); COMMIT" >/dev/null
wait $waiter
grep -q '^0|1|0$' "$TOP/tmp/history_waiting_load.out"; ok $? "county role: the load that waited for the run loaded its correction"
T2=$(su "SELECT recorded_as_of FROM assessment_run WHERE as_of = '2024-10-31'")
is "$(su "SELECT (recorded_at > '$T2') || ' ' || (recorded_at > (SELECT finished_at FROM assessment_run WHERE as_of = '2024-10-31'))
	FROM reading WHERE source = 'waited'")" "true true" "its recorded_at is later than the run's recorded_as_of and its end"
d2=$(su "SELECT readings_used || ' ' || readings_digest FROM assessment_run WHERE as_of = '2024-10-31'")
su "CALL run_assessment(2024, '2024-10-31', '$T2')" >/dev/null
is "$(su "SELECT readings_used || ' ' || readings_digest FROM assessment_run WHERE as_of = '2024-10-31'")" "$d2" \
	"the run re-made at its recorded_as_of reads the same readings ($d2)"

echo "1..$n"
exit $failed
