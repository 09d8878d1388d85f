#!/usr/bin/env bash
# Long calls say what they do (issue 24 item 5): run_assessment and
# load_readings send a NOTICE after each step with its counts and time
# (shown at client_min_messages = notice), and name the step they are in
# as the session's application_name, which another session reads in
# pg_stat_activity while they run (restored when the call returns).
# On the demo plan.  Runs on the test server.
set -uo pipefail
TOP=$(cd "$(dirname "$0")/../.." && pwd)
export PATH=/usr/lib/postgresql/15/bin:$PATH PGCLIENTENCODING=UTF8
source "$TOP/test/tap.sh"
db=scorecard_steps
cleanup() { close_sessions 2>/dev/null; psql -X -q -d postgres -c "SET client_min_messages = warning" -c "DROP DATABASE IF EXISTS $db" >/dev/null; }
trap cleanup EXIT
psql -X -q -d postgres -c "SET client_min_messages = warning" -c "DROP DATABASE IF EXISTS $db" >/dev/null
q() { psql -X -q -At -v ON_ERROR_STOP=1 -d $db -c "SET search_path = scorecard, public" -c "$1"; }
cd "$TOP"
psql -X -q -d postgres -c "CREATE DATABASE $db" >/dev/null &&
	psql -X -q -v ON_ERROR_STOP=1 -d $db -v last_month=2024-11-01 -c "SET client_min_messages = warning" \
		-c "CREATE EXTENSION scorecard_plan CASCADE" -c "SET search_path = scorecard, public" \
		-f data/plan.sql -f data/generate.sql >/dev/null
ok $? "demo plan and readings to November 2024 load"

# A run's NOTICEs: the lock, what it computed (counts equal to what it
# stored), where it stored it; the session's application_name is back.
out=$(psql -X -q -At -d $db -c "SET client_min_messages = notice" -c "CALL scorecard.run_assessment(2024, '2024-11-30')" \
	-c "SHOW application_name" 2>&1)
echo "$out" | sed 's/^/# /'
rid=$(q "SELECT max(run_id) FROM assessment_run")
want=$(q "SELECT format('as of 2024-11-30, %s readings, %s targets, %s scores, %s units computed',
	r.readings_used, (SELECT count(*) FROM assessment_run_progress p WHERE p.run_id = r.run_id),
	(SELECT count(*) FROM assessment_run_item i WHERE i.run_id = r.run_id),
	(SELECT count(*) FROM assessment_run_unit u WHERE u.run_id = r.run_id)) FROM assessment_run r WHERE r.run_id = $rid")
grep -Eq "^NOTICE:  scorecard run 2024: plan lock taken \([0-9]+ ms\)$" <<<"$out"
ok $? "a run says when it holds the plan lock, with the time it took"
grep -Fq "NOTICE:  scorecard run 2024: $want (" <<<"$out"
ok $? "a run says what it computed, with the counts it stored ($want)"
grep -Eq "^NOTICE:  scorecard run 2024: stored as run $rid \([0-9]+ ms\)$" <<<"$out"
ok $? "a run says which run it stored ($rid)"
[ "$(tail -1 <<<"$out")" = psql ]
ok $? "the session's application_name is psql again after the call"

# While a run waits for the plan lock, another session reads what it does.
source "$TOP/test/sessions.sh"
export PGDATABASE=$db
open_session holder
open_session runner
x holder "BEGIN" >/dev/null
x holder "SELECT scorecard.take_plan_lock('run')" >/dev/null
send runner "CALL scorecard.run_assessment(2024, '2024-11-30')"
wait_blocked runner
is "$(q "SELECT application_name FROM pg_stat_activity WHERE pid = ${SESS_BACKEND[runner]}")" \
	"scorecard run 2024: waiting for the plan lock" "another session sees the run waiting for the plan lock (pg_stat_activity)"
x holder "COMMIT" >/dev/null
wait_done runner
is "$(x runner "SHOW application_name")" psql "the waiting run finished; its session's application_name is back"

# A load's NOTICEs: the check, then what it wrote.
out=$(psql -X -q -At -d $db -c "SET client_min_messages = notice" -c "SET search_path = scorecard, public" \
	-c "SELECT begin_load()" \
	-c "INSERT INTO reading_staging (indicator, unit, month, value) VALUES ('2', 'beita', '2024-11', '999'), ('2', 'beita', '2022-01', '5')" \
	-c "SELECT * FROM load_readings(header => false)" 2>&1)
echo "$out" | sed 's/^/# /'
grep -Eq "^NOTICE:  scorecard load: staged rows checked \([0-9]+ ms\)$" <<<"$out" &&
	grep -Eq "^NOTICE:  scorecard load: 1 inserted, 1 revised, 0 unchanged \([0-9]+ ms\)$" <<<"$out"
ok $? "a load says it checked the rows, then what it wrote (1 inserted, 1 revised)"

echo "1..$n"
exit $failed
