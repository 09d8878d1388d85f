#!/usr/bin/env bash
# Loads and runs from several sessions at once, interleaved step by step
# (test/sessions.sh: a statement is sent, and the script waits for it to
# finish or for its backend to block on a lock; nothing waits by sleeping a
# while), under READ COMMITTED, REPEATABLE READ and SERIALIZABLE:
#   * two loads at once (COPY and load in one transaction each) never
#     deadlock and never mix: each file's rows and line numbers are its own;
#     a failed load leaves the next one (elsewhere) unharmed;
#   * a correction is never classified as unchanged: under READ COMMITTED
#     the load waits for the other and compares with its rows; under
#     REPEATABLE READ / SERIALIZABLE, whose snapshot predates the lock, it
#     refuses (0A000) and loads nothing; retried, it is a new revision;
#   * a run and a load exclude each other; a run's items, unit scores,
#     progress rows, count and digest agree with each other and with the
#     readings of one moment (checked by independent SQL);
#   * only roles that may run assessments can block one (test/suites/locks.sh
#     tries every lock a viewer can take).
# Runs on the test server (PGHOST/PGPORT), in database scorecard_conc.
set -uo pipefail
TOP=$(cd "$(dirname "$0")/../.." && pwd)
export PATH=/usr/lib/postgresql/15/bin:$PATH PGCLIENTENCODING=UTF8
source "$TOP/test/sessions.sh"
db=scorecard_conc
source "$TOP/test/tap.sh"
# A CALL of run_assessment that completed prints only its row: the run id
# and its counts (psql -At), and no error.
called() { grep -Eqx '[0-9]+(\|[0-9]+){4}' <<<"$1"; }
q() { psql -X -q -At -v ON_ERROR_STOP=1 -d $db -c "$1"; }
cleanup() {
	close_sessions
	psql -X -q -d postgres -c "SET client_min_messages = warning" -c "DROP DATABASE IF EXISTS $db" \
		-c "DROP ROLE IF EXISTS conc_nobody" >/dev/null
}
trap cleanup EXIT
psql -X -q -d postgres -c "SET client_min_messages = warning" -c "DROP DATABASE IF EXISTS $db" \
	-c "DROP ROLE IF EXISTS conc_nobody" -c "CREATE DATABASE $db" >/dev/null

# A city and two counties, one flow indicator, growth targets, Q1 readings.
psql -X -q -v ON_ERROR_STOP=1 -d $db >/dev/null <<'SQL'
SET client_min_messages = warning;
CREATE EXTENSION scorecard_plan CASCADE;
SET search_path = scorecard, public;
INSERT INTO unit (unit_id, name_zh, name_en, kind, parent_id) VALUES
	('c', '市', 'City', 'city', NULL), ('a', '甲县', 'County A', 'county', 'c'), ('b', '乙县', 'County B', 'county', 'c');
INSERT INTO indicator (indicator_id, code, name_zh, name_en, nature) VALUES (1, 'sales', '零售', 'retail sales', 'flow');
INSERT INTO plan_target (indicator_id, unit_id, year, target, weight) VALUES
	(1, 'a', 2024, 'growth >= 5%', 10), (1, 'b', 2024, 'growth >= 5%', 10);
INSERT INTO reading (indicator_id, unit_id, month, value) VALUES
	(1, 'a', '2023-01-01', 100), (1, 'a', '2023-02-01', 100), (1, 'a', '2023-03-01', 100),
	(1, 'b', '2023-01-01', 200), (1, 'b', '2023-02-01', 200), (1, 'b', '2023-03-01', 200),
	(1, 'a', '2024-01-01', 104), (1, 'a', '2024-02-01', 106), (1, 'a', '2024-03-01', 108),
	(1, 'b', '2024-01-01', 210), (1, 'b', '2024-02-01', 200), (1, 'b', '2024-03-01', 190);
SQL
ok $? "database $db: plan of two counties, twelve readings"

# The readings in force (latest revision per key) for a run of 2024 as of
# 2024-06-30, counted and digested as the run documents it, by plain SQL.
DIGEST="SELECT count(*) || ' ' || md5(count(*) || ':' || coalesce(sum(hashfloat8extended(r.value,
	hashint4extended(r.revision, hashint4extended(r.month - date '2000-01-01', hashtextextended(r.unit_id, r.indicator_id))))), 0))
	FROM scorecard.reading r
	WHERE r.revision = (SELECT max(x.revision) FROM scorecard.reading x WHERE x.indicator_id = r.indicator_id
	                    AND x.unit_id = r.unit_id AND x.month = r.month)
	  AND r.month BETWEEN '2023-01-01' AND '2024-06-30'"
RUN="SELECT readings_used || ' ' || readings_digest FROM scorecard.assessment_run WHERE as_of = '2024-06-30'"
# A run agrees with itself: each unit's score is 100 x its items' points /
# their weight (items with points), and each item's actual is the actual
# of the run's progress row for the same unit and indicator.
AGREES="SELECT bool_and(ok) FROM (
	SELECT abs(u.score - 100 * sum(i.points) / sum(i.weight) FILTER (WHERE i.points IS NOT NULL)) < 1e-9 AS ok
	FROM scorecard.assessment_run r JOIN scorecard.assessment_run_unit u USING (run_id)
	JOIN scorecard.assessment_run_item i USING (run_id, unit_id)
	WHERE r.as_of = '2024-06-30' GROUP BY u.run_id, u.unit_id, u.score
	UNION ALL
	SELECT i.actual IS NOT DISTINCT FROM p.actual
	FROM scorecard.assessment_run r JOIN scorecard.assessment_run_item i USING (run_id)
	JOIN scorecard.assessment_run_progress p USING (run_id, unit_id, indicator_id)
	WHERE r.as_of = '2024-06-30') x"
revs() { q "SELECT string_agg(revision || ':' || value, ' ' ORDER BY revision) FROM scorecard.reading
	WHERE unit_id = '$1' AND month = '$2'"; }

open_session s1 -d $db
open_session s2 -d $db
STAGE="SET search_path = scorecard, public; SELECT 'staging ' || scorecard.begin_load();"

# 1. Two loads at once, each COPY and load in one transaction (the shared
# staging table deadlocked here): the second waits for the first's lock.
x s1 "BEGIN; $STAGE
COPY reading_staging (indicator, unit, month, value) FROM stdin WITH (FORMAT csv);
sales,a,2024-04,110
sales,a,2024-05,111
sales,a,2024-06,112
\\." >/dev/null
x s2 "BEGIN; $STAGE
COPY reading_staging (indicator, unit, month, value) FROM stdin WITH (FORMAT csv);
sales,b,2024-04,180
sales,b,2024-05,185
sales,b,2024-06,186
\\." >/dev/null
is "$(x s1 "SELECT inserted, revised, unchanged FROM load_readings(header => false)")" "3|0|0" \
	"1: first load (a, Apr-Jun) in its transaction: 3 inserted"
send s2 "SELECT inserted, revised, unchanged FROM load_readings(header => false)"
wait_blocked s2
ok $? "1: second load (b, Apr-Jun) waits for the first"
x s1 "COMMIT" >/dev/null
out2=$(wait_done s2)
is "$out2" "3|0|0" "1: once the first commits, the second loads its own 3 rows (no deadlock, no mixing)"
x s2 "COMMIT" >/dev/null
is "$(q "SELECT string_agg(unit_id || to_char(month, 'MM') || '=' || value, ' ' ORDER BY unit_id, month)
	FROM scorecard.reading WHERE month BETWEEN '2024-04-01' AND '2024-06-01'")" \
	"a04=110 a05=111 a06=112 b04=180 b05=185 b06=186" "1: each file's rows, and only those, in the table"

# 2. Staged at the same time: s1's file has a bad month on its line 3, s2's
# file is good.  Lines are per file; s1's failure leaves s2's load alone.
x s1 "$STAGE
COPY reading_staging (indicator, unit, month, value) FROM stdin WITH (FORMAT csv, HEADER true);
indicator,unit,month,value
sales,a,2024-07,113
sales,a,2024-13,114
\\." >/dev/null
x s2 "$STAGE
COPY reading_staging (indicator, unit, month, value) FROM stdin WITH (FORMAT csv, HEADER true);
indicator,unit,month,value
sales,b,2024-07,187
sales,b,2024-08,189
sales,b,2024-09,oops
\\." >/dev/null
is "$(x s1 "SELECT line || ': ' || reason FROM check_readings()")" \
	'3: month "2024-13" is not a date (expected YYYY-MM or YYYY-MM-01)' "2: s1's bad row is its line 3"
is "$(x s2 "SELECT line || ': ' || reason FROM check_readings()")" \
	'4: value "oops" is not a finite number' "2: s2's bad row is its line 4 (not counting s1's rows)"
out1=$(x s1 "SELECT * FROM load_readings()")
echo "$out1" | grep -q '22P02' && echo "$out1" | grep -q 'line 3: month'
ok $? "2: s1's load refuses (22P02, line 3)"
x s2 "DELETE FROM reading_staging WHERE value = 'oops'" >/dev/null
is "$(x s2 "SELECT inserted, revised, unchanged FROM load_readings()")" "2|0|0" \
	"2: s2's load, after s1's failure, loads its 2 good rows"
is "$(x s1 "SELECT count(*) FROM reading_staging")|$(x s2 "SELECT count(*) FROM reading_staging")" "2|0" \
	"2: s1's rows stay in s1's staging for fixing; s2's is empty"

# 3. READ COMMITTED: s1 corrects a's January 104 -> 105 and has not
# committed; s2 loads 104 (the first figure: against 105 a correction).
# s2 waits, then compares with 105: a new revision, not "unchanged".
x s1 "BEGIN; $STAGE INSERT INTO reading_staging (indicator, unit, month, value) VALUES ('sales', 'a', '2024-01', '105')" >/dev/null
is "$(x s1 "SELECT inserted, revised, unchanged FROM load_readings(header => false)")" "0|1|0" "3: s1 corrects a/2024-01 to 105"
x s2 "$STAGE INSERT INTO reading_staging (indicator, unit, month, value) VALUES ('sales', 'a', '2024-01', '104')" >/dev/null
send s2 "SELECT inserted, revised, unchanged FROM load_readings(header => false)"
wait_blocked s2
ok $? "3: s2's load of 104 waits for s1"
x s1 "COMMIT" >/dev/null
is "$(wait_done s2)" "0|1|0" "3: READ COMMITTED: s2's 104 is a correction of s1's 105 (revised, not unchanged)"
is "$(revs a 2024-01-01)" "1:104 2:105 3:104" "3: a/2024-01 revisions 104, 105, 104"

# 4-5. REPEATABLE READ and SERIALIZABLE: s2's snapshot is taken, then s1
# commits a correction; s2's load of the old figure would compare with the
# stale rows and call it unchanged: it refuses and loads nothing.  Retried
# under READ COMMITTED, it is a new revision.
level_case() {
	local level=$1 month=$2 old=$3 new=$4 k=$5
	x s2 "BEGIN ISOLATION LEVEL $level; SELECT count(*) FROM scorecard.reading" >/dev/null
	x s1 "$STAGE INSERT INTO reading_staging (indicator, unit, month, value) VALUES ('sales', 'a', '$month', '$new')" >/dev/null
	is "$(x s1 "SELECT inserted, revised, unchanged FROM load_readings(header => false)")" "0|1|0" \
		"$k: s1 corrects a/$month $old -> $new and commits"
	x s2 "$STAGE INSERT INTO reading_staging (indicator, unit, month, value) VALUES ('sales', 'a', '$month', '$old')" >/dev/null
	out=$(x s2 "SELECT inserted, revised, unchanged FROM load_readings(header => false)")
	echo "$out" | grep -q "0A000.*READ COMMITTED only, not $level"
	ok $? "$k: $level: s2's load refuses (0A000) instead of comparing with its old snapshot"
	x s2 "ROLLBACK" >/dev/null
	is "$(revs a "$month-01")" "1:$old 2:$new" "$k: $level: nothing loaded by s2"
	x s2 "$STAGE INSERT INTO reading_staging (indicator, unit, month, value) VALUES ('sales', 'a', '$month', '$old')" >/dev/null
	is "$(x s2 "SELECT inserted, revised, unchanged FROM load_readings(header => false)")" "0|1|0" \
		"$k: retried under READ COMMITTED: a correction"
	is "$(revs a "$month-01")" "1:$old 2:$new 3:$old" "$k: a/$month revisions $old, $new, $old"
}
level_case "REPEATABLE READ" 2024-02 106 107 4
level_case "SERIALIZABLE" 2024-03 108 109 5

# 6. A load holds its lock; a run starts and waits for it; the load commits;
# the run reads the data with the load, all of it, in every statement.
x s2 "BEGIN; $STAGE INSERT INTO reading_staging (indicator, unit, month, value) VALUES ('sales', 'b', '2024-01', '215')" >/dev/null
is "$(x s2 "SELECT inserted, revised, unchanged FROM load_readings(header => false)")" "0|1|0" "6: s2 corrects b/2024-01 (not committed)"
send s1 "CALL run_assessment(2024, '2024-06-30')"
wait_blocked s1
ok $? "6: a run waits for the load"
x s2 "COMMIT" >/dev/null
out=$(wait_done s1)
called "$out"; ok $? "6: the run completes after the load commits"
is "$(q "$RUN")" "$(q "$DIGEST")" "6: the run's count and digest are those of the readings with the load"
is "$(q "$AGREES")" "t" "6: unit scores agree with their items, items with the progress rows"

# 7. A run in an open transaction holds its locks; a load waits for it; the
# run's rows are those of the data before the load.
before=$(q "$DIGEST")
x s1 "BEGIN; CALL run_assessment(2024, '2024-06-30')" >/dev/null
x s2 "$STAGE INSERT INTO reading_staging (indicator, unit, month, value) VALUES ('sales', 'b', '2024-02', '205')" >/dev/null
send s2 "SELECT inserted, revised, unchanged FROM load_readings(header => false)"
wait_blocked s2
ok $? "7: a load waits for a run in progress"
x s1 "COMMIT" >/dev/null
is "$(wait_done s2)" "0|1|0" "7: after the run commits, the load does (b/2024-02 -> 205)"
is "$(q "$RUN")" "$before" "7: the run's count and digest are those of the data before the load"
[ "$before" != "$(q "$DIGEST")" ]; ok $? "7: (and the data after the load differ from them)"
is "$(q "$AGREES")" "t" "7: the run's rows agree with each other"

# 8-9. A run under REPEATABLE READ / SERIALIZABLE whose snapshot is taken
# before a load commits: it computes everything from that snapshot (one
# view), its digest that of the data before the load.
run_level_case() {
	local level=$1 value=$2 k=$3
	before=$(q "$DIGEST")
	x s1 "BEGIN ISOLATION LEVEL $level; SELECT count(*) FROM scorecard.reading" >/dev/null
	x s2 "$STAGE INSERT INTO reading_staging (indicator, unit, month, value) VALUES ('sales', 'b', '2024-03', '$value')" >/dev/null
	is "$(x s2 "SELECT inserted, revised, unchanged FROM load_readings(header => false)")" "0|1|0" \
		"$k: a load commits after the $level run's snapshot"
	out=$(x s1 "CALL run_assessment(2024, '2024-06-30'); COMMIT")
	called "$out"; ok $? "$k: the $level run completes${out:+: $out}"
	is "$(q "$RUN")" "$before" "$k: $level: its count and digest are those of its snapshot"
	is "$(q "$AGREES")" "t" "$k: $level: its rows agree with each other"
}
run_level_case "REPEATABLE READ" 196 8
run_level_case "SERIALIZABLE" 197 9

# 10. Only roles that may run assessments can block a run: a role without
# any privilege takes the old advisory key, cannot name the plan lock's
# table, and take_plan_lock refuses it; runs go on.  A run-capable
# session's lock (another run) makes a run wait, up to
# scorecard.run_lock_timeout: then 55P03.
psql -X -q -d postgres -c "CREATE ROLE conc_nobody LOGIN" >/dev/null
open_session s3 -d $db -U conc_nobody
x s3 "SELECT pg_advisory_lock(20241, 1)" >/dev/null
is "$(q "SELECT count(*) FROM pg_locks WHERE locktype = 'advisory' AND classid = 20241 AND objid = 1
	AND granted AND pid = ${SESS_BACKEND[s3]}")" 1 "10: a role with no privilege holds advisory lock (20241, 1)"
out=$(x s3 "BEGIN; LOCK TABLE scorecard_lock.plan_lock IN ACCESS EXCLUSIVE MODE")
echo "$out" | grep -q '42501: permission denied for schema scorecard_lock'; ok $? "10: it cannot lock the plan lock's table (42501)"
x s3 "ROLLBACK" >/dev/null
out=$(x s3 "SELECT scorecard.take_plan_lock('run')")
echo "$out" | grep -q '42501'; ok $? "10: nor call take_plan_lock (42501)"
out=$(q "CALL scorecard.run_assessment(2024, '2024-06-30')" 2>&1)
called "$out"; ok $? "10: a run goes on while it holds its locks${out:+: $out}"
x s1 "BEGIN; SELECT scorecard.take_plan_lock('run')" >/dev/null
out=$(psql -X -q -d $db -v VERBOSITY=verbose -c "SET scorecard.run_lock_timeout = '100ms'" -c "CALL scorecard.run_assessment(2024, '2024-06-30')" 2>&1)
echo "$out" | grep -q '55P03.*another run or load is in progress'; ok $? "10: while a run-capable session holds the plan lock, a run waits, then fails (55P03)"
x s1 "ROLLBACK" >/dev/null
out=$(q "CALL scorecard.run_assessment(2024, '2024-06-30')" 2>&1)
called "$out"; ok $? "10: once released, a run succeeds"

# Nothing lost: 12 + 6 (1) + 2 (2) + 2 (3) + 2 + 2 (4, 5) + 1 + 1 (6, 7) + 2 (8, 9).
is "$(q "SELECT count(*) FROM scorecard.reading")" 30 "every row loaded is there: 30 readings"
grep -l '40P01\|deadlock' "$SESSDIR"/*.out >/dev/null; [ $? -ne 0 ]; ok $? "no session saw a deadlock"

echo "1..$n"
exit $failed
