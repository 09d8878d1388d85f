#!/usr/bin/env bash
# Loads and runs take turns on the plan lock, which only roles that may
# load or run can take (issue 19 items 1, 7, 8; issue 24 item 6), driven
# step by step from several sessions (test/sessions.sh: nothing waits by
# sleeping; a blocked backend is one pg_stat_activity shows waiting on a
# Lock):
#   A. a viewer (USAGE on the schema, SELECT, no INSERT, no run rights)
#      holds in an open transaction every lock it can get: PREPAREd
#      DELETE, INSERT and SELECT FOR UPDATE on every table of the
#      extension, the plan lock's table by name and by oid, every SECURITY
#      DEFINER function of the extension called: a county's load and the
#      city's run (under each isolation level) complete without waiting;
#   B. 20 pairs of loads at once (half of them held at a lock and let go
#      together), each pair correcting one shared reading: no deadlock, no
#      duplicate revision, every row there; a load in a transaction that
#      has inserted already, or edited the plan, with another load
#      between: no deadlock;
#   C. a run concurrent with changes to unit_kind, unit_access,
#      target_schedule and indicator_schedule stores the state of its
#      snapshot only (the values of that state worked out by hand);
#   D. two runs at once both complete, the second after the first (of
#      the same date under REPEATABLE READ or SERIALIZABLE: 40001, then
#      the retry completes);
#   E. a run waiting longer than scorecard.run_lock_timeout fails 55P03
#      with the message, nothing stored; C-E under READ COMMITTED,
#      REPEATABLE READ and SERIALIZABLE.
# Runs on the test server (PGHOST/PGPORT), in database scorecard_locks.
set -uo pipefail
TOP=$(cd "$(dirname "$0")/../.." && pwd)
export PATH=/usr/lib/postgresql/15/bin:$PATH PGCLIENTENCODING=UTF8
source "$TOP/test/tap.sh"
# A CALL of run_assessment that completed prints only its row: the run id
# and its counts (psql -At), and no error.
called() { grep -Eqx '[0-9]+(\|[0-9]+){4}' <<<"$1"; }
source "$TOP/test/sessions.sh"
db=scorecard_locks
roles="locks_viewer locks_county locks_city"
q() { psql -X -q -At -v ON_ERROR_STOP=1 -d $db -c "$1"; }
drop_all() {
	local r
	psql -X -q -d postgres -c "SET client_min_messages = warning" -c "DROP DATABASE IF EXISTS $db" >/dev/null
	for r in $roles; do psql -X -q -d postgres -c "SET client_min_messages = warning" -c "DROP ROLE IF EXISTS $r" >/dev/null; done
}
cleanup() { close_sessions; drop_all; }
trap cleanup EXIT
drop_all
psql -X -q -d postgres -c "CREATE DATABASE $db" >/dev/null
for r in $roles; do psql -X -q -d postgres -c "CREATE ROLE $r LOGIN" >/dev/null; done

# Whether session $1 finishes what was sent without ever waiting on a lock
# (polled until done; 60 s at most).  Prints "done" or "blocked".
finishes_unblocked() {
	local name=$1 marker="@@done-$(seq_of "$1")" i=0
	while ! grep -qx -- "$marker" "$SESSDIR/$name.out"; do
		if is_blocked "$name"; then echo blocked; return; fi
		i=$((i + 1)); [ $i -gt 1200 ] && { echo "timed out"; return; }
		sleep 0.05
	done
	echo done
}

# A city c with counties a (kind county) and b (kind district: the same
# peer group, county); sales (growth targets, ratio) and jobs (rank
# scoring: the two counties ranked together); January-June of 2023 and
# 2024.  Row-level security on; the county role loads a, the city role
# sees everything and holds the run privileges of docs/security.md's recipe;
# the viewer has USAGE and SELECT only.  A first run as of 2024-06-30.
psql -X -q -v ON_ERROR_STOP=1 -d $db >/dev/null <<'SQL'
SET client_min_messages = warning;
CREATE EXTENSION scorecard_plan CASCADE;
SET search_path = scorecard, public;
INSERT INTO unit (unit_id, name_zh, name_en, kind, parent_id) VALUES
	('c', '市', 'City', 'city', NULL), ('a', '甲县', 'County A', 'county', 'c'), ('b', '乙区', 'District B', 'district', 'c');
INSERT INTO indicator (indicator_id, code, name_zh, name_en, nature) VALUES
	(1, 'sales', '零售', 'retail sales', 'flow'), (2, 'jobs', '就业', 'jobs', 'flow');
INSERT INTO plan_target (indicator_id, unit_id, year, target, weight, scoring) VALUES
	(1, 'a', 2024, 'growth >= 5%', 10, 'ratio'), (1, 'b', 2024, 'growth >= 5%', 10, 'ratio'),
	(2, 'a', 2024, 'growth >= 0%', 10, 'rank'), (2, 'b', 2024, 'growth >= 0%', 10, 'rank');
INSERT INTO reading (indicator_id, unit_id, month, value)
SELECT i, u, make_date(y, m, 1), 100 * i + (y - 2023) * (CASE u WHEN 'a' THEN 8 ELSE 3 END) + m
FROM unnest(ARRAY[1, 2]) i, unnest(ARRAY['a', 'b']) u, unnest(ARRAY[2023, 2024]) y, generate_series(1, 6) m;
SELECT enable_unit_security();
SELECT grant_unit_access('locks_county', 'a');
SELECT grant_unit_access('locks_city', 'c');
GRANT INSERT, UPDATE, DELETE ON assessment_run, assessment_run_unit, assessment_run_item, assessment_run_progress TO locks_city;
GRANT USAGE ON SEQUENCE assessment_run_run_id_seq TO locks_city;
GRANT USAGE ON SCHEMA scorecard TO locks_viewer;
GRANT SELECT ON ALL TABLES IN SCHEMA scorecard TO locks_viewer;
CALL run_assessment(2024, '2024-06-30');
SQL
ok $? "database $db: a city, two counties, 48 readings, roles viewer, county and city, a first run"

open_session viewer -d $db -U locks_viewer
open_session county -d $db -U locks_county
open_session city -d $db -U locks_city
open_session s1 -d $db
open_session s2 -d $db
open_session s3 -d $db
STAGE="SET search_path = scorecard, public; SELECT 'staging ' || scorecard.begin_load();"
RUNS="SELECT count(*) FROM scorecard.assessment_run"

# A. The viewer's transaction: every lock it can take on the extension's
# tables (ON_ERROR_ROLLBACK: a refused statement is undone alone, and the
# locks taken before it stay).
tables=$(q "SELECT string_agg(c.oid::regclass::text, ' ' ORDER BY c.oid::regclass::text) FROM pg_class c
	JOIN pg_depend d ON d.classid = 'pg_class'::regclass AND d.objid = c.oid AND d.deptype = 'e'
	JOIN pg_extension e ON e.oid = d.refobjid AND e.extname = 'scorecard_plan' WHERE c.relkind = 'r'")
definers=$(q "SELECT string_agg(p.oid::regprocedure::text, ' ') FROM pg_proc p
	JOIN pg_depend d ON d.classid = 'pg_proc'::regclass AND d.objid = p.oid AND d.deptype = 'e'
	JOIN pg_extension e ON e.oid = d.refobjid AND e.extname = 'scorecard_plan' WHERE p.prosecdef")
echo "# tables: $tables"
echo "# SECURITY DEFINER: $definers"
hostile="\\set ON_ERROR_ROLLBACK on
DEALLOCATE ALL;
BEGIN;"
k=0
for t in $tables; do
	k=$((k + 1))
	hostile="$hostile
PREPARE d$k AS DELETE FROM $t;
PREPARE i$k AS INSERT INTO $t DEFAULT VALUES;
PREPARE u$k AS SELECT 1 FROM $t FOR UPDATE;"
done
# every SECURITY DEFINER function: with 'load' and 'run' for a text
# argument, else with NULL for each argument
while IFS='|' read -r f nargs; do
	case "$f" in
	*'(text)') hostile="$hostile
SELECT ${f%(text)}('load');
SELECT ${f%(text)}('run');" ;;
	*) args=$(for ((i = 0; i < nargs; i++)); do printf '%sNULL' "$([ $i -gt 0 ] && echo ', ')"; done)
	   hostile="$hostile
SELECT ${f%%(*}($args);" ;;
	esac
done < <(q "SELECT p.oid::regprocedure, p.pronargs FROM pg_proc p
	JOIN pg_depend d ON d.classid = 'pg_proc'::regclass AND d.objid = p.oid AND d.deptype = 'e'
	JOIN pg_extension e ON e.oid = d.refobjid AND e.extname = 'scorecard_plan' WHERE p.prosecdef")
lockoid=$(q "SELECT coalesce(to_regclass('scorecard_lock.plan_lock')::oid, 0)")
hostile="$hostile
PREPARE lk AS DELETE FROM scorecard_lock.plan_lock;
LOCK TABLE scorecard_lock.plan_lock IN ACCESS EXCLUSIVE MODE;
SELECT pg_relation_size($lockoid);
SELECT 'viewer holds ' || count(*) || ' relation locks' FROM pg_locks
WHERE pid = pg_backend_pid() AND locktype = 'relation' AND granted AND mode <> 'AccessShareLock';"
out=$(x viewer "$hostile")
echo "$out" | grep -q 'viewer holds [1-9][0-9]* relation locks'
ok $? "A: the viewer holds ROW EXCLUSIVE and ROW SHARE locks on every table of the extension ($(echo "$out" | grep -o 'holds [0-9]* relation locks'))"
echo "$out" | grep 'ERROR' | sed 's/^[^:]*: *//' | sort | uniq -c | sed 's/^ */# /' | head -8
is "$(echo "$out" | grep -c 'permission denied for schema scorecard_lock')" 5 \
	"A: it cannot name the plan lock's table (permission denied for schema scorecard_lock: 4 PREPAREs and the LOCK)"
is "$(echo "$out" | grep -c '42501.*may not \(load readings\|run assessments\)')" 2 \
	"A: take_plan_lock refuses it both kinds (42501: may not load readings, may not run assessments)"
# Whether session $1, sent something, finishes without waiting; if it
# waits (for the viewer), the viewer lets go and takes its locks again.
unblocked() {
	local r
	r=$(finishes_unblocked "$1")
	echo "$r"
	if [ "$r" != done ]; then
		x viewer "ROLLBACK" >/dev/null
		wait_done "$1" >/dev/null
		x viewer "$hostile" >/dev/null
	else
		wait_done "$1" >"$SESSDIR/$1.last"
	fi
}
x county "$STAGE INSERT INTO reading_staging (indicator, unit, month, value) VALUES ('sales', 'a', '2024-07', '120')" >/dev/null
send county "SELECT inserted, revised, unchanged FROM load_readings(header => false)"
is "$(unblocked county)" done "A: the county's load completes without waiting for the viewer"
is "$(q "SELECT count(*) FROM scorecard.reading WHERE month = '2024-07-01'")" 1 "A: and loads its row"
for level in "READ COMMITTED" "REPEATABLE READ" "SERIALIZABLE"; do
	last=$(q "SELECT max(run_id) FROM scorecard.assessment_run")
	send city "BEGIN ISOLATION LEVEL $level; CALL scorecard.run_assessment(2024, '2024-06-30'); COMMIT"
	is "$(unblocked city)" done "A: the city's run under $level completes without waiting for the viewer"
	out=$(cat "$SESSDIR/city.last" 2>/dev/null)
	called "$out" && [ "$(q "SELECT count(*) FROM scorecard.assessment_run WHERE as_of = '2024-06-30' AND run_id > $last")" = 1 ]
	ok $? "A: (and stores a new run)${out:+: $out}"
	rm -f "$SESSDIR/city.last"
done
is "$(q "SELECT readings_used FROM scorecard.assessment_run WHERE as_of = '2024-06-30'")" 48 \
	"A: the run used the 48 readings of January-June (the county's July is after its as-of)"
x viewer "ROLLBACK" >/dev/null

# B. 20 pairs of loads at once.  In pair k, s1 loads a/2024-(7..9) for
# jobs, s2 the same months of b, and each also loads sales/b at month
# 2020-k+1 with its own value: one of the two is revision 1, the other
# revision 2.  A deadlock (40P01) or a duplicate revision (23505) loses
# rows.  Odd pairs are sent one after the other at once; in even pairs s3
# first holds reading in SHARE mode (as CREATE INDEX does), both loads
# wait for it and start together when it commits.
before=$(q "SELECT count(*) FROM scorecard.reading")
for k in $(seq 1 20); do
	m=$(printf '2020-%02d' $(( (k - 1) % 12 + 1 )))
	[ $k -gt 12 ] && m=$(printf '2021-%02d' $((k - 12)))
	x s1 "$STAGE INSERT INTO reading_staging (indicator, unit, month, value) VALUES
		('jobs', 'a', '2024-07', '$((1000 + k))'), ('jobs', 'a', '2024-08', '$((2000 + k))'),
		('jobs', 'a', '2024-09', '$((3000 + k))'), ('sales', 'b', '$m', '$((4000 + k))')" >/dev/null
	x s2 "$STAGE INSERT INTO reading_staging (indicator, unit, month, value) VALUES
		('jobs', 'b', '2024-07', '$((1000 + k))'), ('jobs', 'b', '2024-08', '$((2000 + k))'),
		('jobs', 'b', '2024-09', '$((3000 + k))'), ('sales', 'b', '$m', '$((5000 + k))')" >/dev/null
	[ $((k % 2)) = 0 ] && x s3 "BEGIN; LOCK TABLE scorecard.reading IN SHARE MODE" >/dev/null
	send s1 "SELECT 'pair $k: ' || inserted + revised FROM load_readings(header => false)"
	send s2 "SELECT 'pair $k: ' || inserted + revised FROM load_readings(header => false)"
	if [ $((k % 2)) = 0 ]; then
		[ "$(finishes_unblocked s1)" = blocked ] && [ "$(finishes_unblocked s2)" = blocked ] ||
			echo "pair $k: the loads did not both wait" >>"$SESSDIR/pairs.out"
		x s3 "COMMIT" >/dev/null
	fi
	wait_done s1 >>"$SESSDIR/pairs.out"
	wait_done s2 >>"$SESSDIR/pairs.out"
done
is "$(grep -c '^pair [0-9]*: 4$' "$SESSDIR/pairs.out")" 40 "B: 20 pairs of loads at once: each of the 40 loads stored its 4 rows"
grep -v '^pair [0-9]*: 4$' "$SESSDIR/pairs.out" | head -5 | sed 's/^/# /'
is "$(( $(q "SELECT count(*) FROM scorecard.reading") - before ))" 160 "B: 160 rows more in the table"
is "$(q "SELECT count(*) FROM (SELECT month FROM scorecard.reading WHERE indicator_id = 1 AND unit_id = 'b' AND month < '2022-01-01'
	GROUP BY month HAVING string_agg(revision::text, ' ' ORDER BY revision) = '1 2'
	   AND string_agg(left(value::text, 1), '' ORDER BY value) = '45') r")" 20 \
	"B: each pair's shared reading has revisions 1 and 2, one from each load"
is "$(q "SELECT string_agg(revs, ',') FROM (SELECT count(*)::text AS revs FROM scorecard.reading
	WHERE indicator_id = 2 AND month >= '2024-07-01' GROUP BY unit_id, month ORDER BY unit_id, month) r")" \
	"20,20,20,20,20,20" "B: jobs of a and b for July-September: 20 revisions each"

# A load in a transaction that has inserted already (ROW EXCLUSIVE on
# reading held), another load in between: no deadlock, both load.
x s1 "BEGIN; INSERT INTO scorecard.reading (indicator_id, unit_id, month, value) VALUES (1, 'a', '2022-01-01', 1)" >/dev/null
x s2 "BEGIN; $STAGE INSERT INTO reading_staging (indicator, unit, month, value) VALUES ('sales', 'b', '2022-02', '2')" >/dev/null
send s2 "SELECT inserted FROM load_readings(header => false)"
r2=$(finishes_unblocked s2)
x s1 "$STAGE INSERT INTO reading_staging (indicator, unit, month, value) VALUES ('sales', 'a', '2022-03', '3')" >/dev/null
send s1 "SELECT inserted FROM load_readings(header => false)"
if [ "$r2" = done ]; then
	wait_blocked s1; ok $? "B: in-transaction: the second load ran at once; the first transaction's load waits for it"
	out2=$(wait_done s2); x s2 "COMMIT" >/dev/null
else
	ok 1 "B: in-transaction: the second load ran at once ($r2)"
	out2=$(x s2 "COMMIT")
fi
out1=$(wait_done s1); x s1 "COMMIT" >/dev/null
is "$out1|$out2" "1|1" "B: in-transaction: both loads loaded their row (no deadlock)"
is "$(q "SELECT string_agg(to_char(month, 'MM') || '=' || value, ' ' ORDER BY month) FROM scorecard.reading WHERE month BETWEEN '2022-01-01' AND '2022-03-01'")" \
	"01=1 02=2 03=3" "B: in-transaction: the inserted row and both loads' rows are there"
# The same with a plan edit first (a statement on indicator, which counts
# an edit of the data's version): the other load counts its load, another
# row, so it neither waits for the edit nor deadlocks with it.
x s1 "BEGIN; UPDATE scorecard.indicator SET name_en = name_en WHERE indicator_id = 1" >/dev/null
x s2 "BEGIN; $STAGE INSERT INTO reading_staging (indicator, unit, month, value) VALUES ('sales', 'b', '2022-04', '4')" >/dev/null
send s2 "SELECT inserted FROM load_readings(header => false)"
r2=$(finishes_unblocked s2)
is "$r2" "done" "B: after a plan edit in an open transaction: another load runs at once"
[ "$r2" = done ] && { out2=$(wait_done s2); x s2 "COMMIT" >/dev/null; }
x s1 "$STAGE INSERT INTO reading_staging (indicator, unit, month, value) VALUES ('sales', 'a', '2022-05', '5')" >/dev/null
send s1 "SELECT inserted FROM load_readings(header => false)"
[ "$r2" = done ] || { out2=$(wait_done s2); x s2 "COMMIT" >/dev/null; }
out1=$(wait_done s1); x s1 "COMMIT" >/dev/null
is "$out1|$out2" "1|1" "B: after a plan edit: both loads loaded their row (no deadlock)"
# The other way round: a load beside an open plan edit runs at once; the
# edit's transaction then waits to load; the load's transaction then edits
# the plan too (counted under its plan lock, not in the row the waiting
# edit holds): no deadlock, both load.  (Statements on no rows: the
# trigger counts them, and no row lock is in the way.)
EDIT="UPDATE scorecard.indicator SET name_en = name_en WHERE false"
x s2 "BEGIN; $EDIT" >/dev/null
x s1 "BEGIN; $STAGE INSERT INTO reading_staging (indicator, unit, month, value) VALUES ('sales', 'a', '2022-06', '6')" >/dev/null
send s1 "SELECT inserted FROM load_readings(header => false)"
r1=$(finishes_unblocked s1)
is "$r1" "done" "B: a load beside a plan edit in an open transaction runs at once"
if [ "$r1" = done ]; then
	out1=$(wait_done s1)
	x s2 "$STAGE INSERT INTO reading_staging (indicator, unit, month, value) VALUES ('sales', 'b', '2022-07', '7')" >/dev/null
	send s2 "SELECT inserted FROM load_readings(header => false)"
	wait_blocked s2
	send s1 "$EDIT"
	is "$(finishes_unblocked s1)" "done" "B: the loading transaction's own plan edit then runs at once (the edit's transaction waits to load)"
	wait_done s1 >/dev/null; x s1 "COMMIT" >/dev/null
	out2=$(wait_done s2); x s2 "COMMIT" >/dev/null
	is "$out1|$out2" "1|1" "B: a load, then a plan edit: both loads loaded their row (no deadlock)"
else
	x s2 "ROLLBACK" >/dev/null; wait_done s1 >/dev/null; x s1 "ROLLBACK" >/dev/null
fi
grep -l '40P01\|deadlock\|23505' "$SESSDIR"/*.out >/dev/null; [ $? -ne 0 ]; ok $? "B: no session saw a deadlock or a duplicate key"

# C. A run reads one state.  Two windows in a run: (1) s3 holds the first
# run's row FOR UPDATE, so a run waits when it replaces that row; (2) s3
# holds unit a FOR UPDATE, so a run waits when it stores its rows (their
# foreign keys lock a).  While the run waits, s2 commits changes to the
# tables it reads.  Whatever the run read before it waited, its rows are
# those of one state: the one before the change (by hand: a and b ranked
# together in the peer group county, ranks 1 and 2; time progress
# June/12 = 0.5 for every target).
STATE="SELECT string_agg(u.unit_id || ':' || u.peer_group || ':' || u.rank, ' ' ORDER BY u.unit_id)
	|| ' tp ' || (SELECT string_agg(DISTINCT p.time_progress::text, ',') FROM scorecard.assessment_run_progress p WHERE p.run_id = r.run_id)
	|| ' items ' || (SELECT count(*) FROM scorecard.assessment_run_item i WHERE i.run_id = r.run_id)
	FROM scorecard.assessment_run r JOIN scorecard.assessment_run_unit u USING (run_id)
	WHERE r.as_of = '2024-06-30' AND u.unit_id IN ('a', 'b') GROUP BY r.run_id"
want="a:county:1 b:county:2 tp 0.5 items 4"
is "$(q "$STATE")" "$want" "C: (the stored run before: $want)"
change="BEGIN;
UPDATE scorecard.unit_kind SET peer_group = 'district' WHERE kind = 'district';
INSERT INTO scorecard.target_schedule VALUES (1, 'a', 2024, '{.1,.2,.3,.4,.5,.9,.9,.9,.9,.9,.9,1}');
INSERT INTO scorecard.indicator_schedule VALUES (1, 2024, '{.1,.2,.3,.4,.5,.8,.8,.8,.8,.8,.8,1}');
COMMIT"
undo="UPDATE scorecard.unit_kind SET peer_group = 'county' WHERE kind = 'district';
DELETE FROM scorecard.target_schedule; DELETE FROM scorecard.indicator_schedule"
for level in "READ COMMITTED" "REPEATABLE READ" "SERIALIZABLE"; do
	for w in 1 2; do
		if [ $w = 1 ]; then hold="SELECT 1 FROM scorecard.assessment_run WHERE as_of = '2024-06-30' FOR UPDATE"
		else hold="SELECT 1 FROM scorecard.unit WHERE unit_id = 'a' FOR UPDATE"; fi
		x s3 "BEGIN; $hold" >/dev/null
		send city "BEGIN ISOLATION LEVEL $level; CALL scorecard.run_assessment(2024, '2024-06-30'); COMMIT"
		wait_blocked city
		ok $? "C: $level, window $w: the city's run waits on s3's row lock"
		x s2 "$change" >/dev/null
		x s3 "ROLLBACK" >/dev/null
		out=$(wait_done city)
		called "$out"; ok $? "C: $level, window $w: the run completes${out:+: $out}"
		is "$(q "$STATE")" "$want" "C: $level, window $w: the run stored the state before the change"
		q "$undo" >/dev/null
		q "CALL scorecard.run_assessment(2024, '2024-06-30')" >/dev/null
	done
done

# The city role's access narrowed to a while its run waits in window 1:
# the run read every unit, but may no longer write b's rows: it fails
# (42501) and the earlier run stays as it was.
stored=$(q "$STATE")
x s3 "BEGIN; SELECT 1 FROM scorecard.assessment_run WHERE as_of = '2024-06-30' FOR UPDATE" >/dev/null
send city "CALL scorecard.run_assessment(2024, '2024-06-30')"
wait_blocked city
x s2 "BEGIN; DELETE FROM scorecard.unit_access WHERE role_name = 'locks_city';
	INSERT INTO scorecard.unit_access VALUES ('locks_city', 'a'); COMMIT" >/dev/null
x s3 "ROLLBACK" >/dev/null
out=$(wait_done city)
echo "$out" | grep -q '42501.*row-level security'; ok $? "C: unit_access narrowed during a run: the run fails (42501)"
is "$(q "$STATE")" "$stored" "C: and the earlier run stays"
q "DELETE FROM scorecard.unit_access WHERE role_name = 'locks_city'; INSERT INTO scorecard.unit_access VALUES ('locks_city', 'c')" >/dev/null

# D. Two runs at once: the second waits for the first, then completes.
# (Under REPEATABLE READ and SERIALIZABLE the second run's snapshot
# predates the first's commit: it replaces another as-of's run, so that
# it does not delete a row it cannot see.)
for level in "READ COMMITTED" "REPEATABLE READ" "SERIALIZABLE"; do
	d2=2024-06-30; [ "$level" = "READ COMMITTED" ] || d2=2024-05-31
	x s1 "BEGIN ISOLATION LEVEL $level; CALL scorecard.run_assessment(2024, '2024-06-30')" >/dev/null
	send s2 "BEGIN ISOLATION LEVEL $level; CALL scorecard.run_assessment(2024, '$d2'); COMMIT"
	wait_blocked s2
	ok $? "D: $level: a second run waits for the first"
	x s1 "COMMIT" >/dev/null
	out=$(wait_done s2)
	called "$out"; ok $? "D: $level: once the first commits, the second completes${out:+: $out}"
	is "$(q "SELECT count(*) FROM scorecard.assessment_run WHERE as_of IN ('2024-06-30', '$d2') AND finished_at IS NOT NULL")" \
		"$([ $d2 = 2024-06-30 ] && echo 1 || echo 2)" "D: $level: both runs stored (one per as-of date)"
done
# The same as-of date under REPEATABLE READ or SERIALIZABLE: the second
# run cannot see the first's row to replace it: 40001, to be retried.
for level in "REPEATABLE READ" "SERIALIZABLE"; do
	d2=2024-04-30; [ "$level" = "SERIALIZABLE" ] && d2=2024-03-31
	x s1 "BEGIN; CALL scorecard.run_assessment(2024, '$d2')" >/dev/null
	send s2 "BEGIN ISOLATION LEVEL $level; CALL scorecard.run_assessment(2024, '$d2')"
	wait_blocked s2
	x s1 "COMMIT" >/dev/null
	out=$(wait_done s2)
	echo "$out" | grep -q "40001.*another run as of $d2 committed after this transaction's snapshot"
	ok $? "D: $level: a second run of the same date fails with 40001 (serialization), saying why"
	x s2 "ROLLBACK" >/dev/null
	out=$(x s2 "BEGIN ISOLATION LEVEL $level; CALL scorecard.run_assessment(2024, '$d2'); COMMIT")
	called "$out"; ok $? "D: $level: retried, it completes${out:+: $out}"
done
x s1 "CALL scorecard.run_assessment(2024, '2024-06-30')" >/dev/null
x s1 "SET scorecard.run_lock_timeout = '30s'" >/dev/null
send s1 "CALL scorecard.run_assessment(2024, '2024-06-30')"
send s2 "CALL scorecard.run_assessment(2024, '2024-06-30')"
o1=$(wait_done s1); o2=$(wait_done s2)
called "$o1" && called "$o2"; ok $? "D: two runs sent at once both complete${o1:+: $o1}${o2:+: $o2}"

# E. A run that waits longer than scorecard.run_lock_timeout: 55P03 with
# the message, nothing stored, the first run untouched.
for level in "READ COMMITTED" "REPEATABLE READ" "SERIALIZABLE"; do
	runs=$(q "$RUNS")
	x s1 "BEGIN; CALL scorecard.run_assessment(2024, '2024-06-30')" >/dev/null
	t0=$(date +%s%N)
	out=$(x s2 "SET scorecard.run_lock_timeout = '500ms'; BEGIN ISOLATION LEVEL $level; CALL run_assessment(2024, '2024-05-31'); ROLLBACK; RESET scorecard.run_lock_timeout")
	ms=$(( ($(date +%s%N) - t0) / 1000000 ))
	echo "$out" | grep -q '55P03.*run_assessment: another run or load is in progress' &&
		echo "$out" | grep -q 'It waited 500ms (scorecard.run_lock_timeout)'
	ok $? "E: $level: a run waiting past scorecard.run_lock_timeout fails 55P03, another run or load is in progress (after $ms ms)"
	[ $ms -ge 500 ]; ok $? "E: $level: (it waited the 500 ms first)"
	x s1 "COMMIT" >/dev/null
	is "$(q "$RUNS")" "$runs" "E: $level: no run stored by the refused one"
done
x s1 "BEGIN; $STAGE INSERT INTO reading_staging (indicator, unit, month, value) VALUES ('sales', 'a', '2024-08', '121')" >/dev/null
x s1 "SELECT inserted FROM load_readings(header => false)" >/dev/null
out=$(x s2 "SET scorecard.run_lock_timeout = '200ms'; CALL run_assessment(2024, '2024-05-31'); RESET scorecard.run_lock_timeout")
echo "$out" | grep -q '55P03.*another run or load is in progress'; ok $? "E: a run waiting for a load past its timeout fails the same way"
out=$(x s2 "SET lock_timeout = '200ms'; $STAGE INSERT INTO reading_staging (indicator, unit, month, value) VALUES ('sales', 'a', '2024-09', '122');
	SELECT inserted FROM load_readings(header => false); RESET lock_timeout")
echo "$out" | grep -q '55P03.*load_readings: another run or load is in progress' && echo "$out" | grep -q 'It waited 200ms (lock_timeout)'
ok $? "E: a load waiting past lock_timeout fails 55P03 with the message"
x s1 "COMMIT" >/dev/null
out=$(x s2 "SET scorecard.run_lock_timeout = 'soon'; CALL run_assessment(2024, '2024-05-31'); RESET scorecard.run_lock_timeout")
echo "$out" | grep -q '22023.*scorecard.run_lock_timeout "soon" is not a duration'; ok $? "E: a setting that is not a duration: 22023"

echo "1..$n"
exit $failed
