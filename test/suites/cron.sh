#!/usr/bin/env bash
# Scheduled assessment runs with pg_cron: a private server named `cron`
# (pg_cron preloaded, cron.database_name = 'postgres'), the demo plan loaded
# in database postgres, run_assessment scheduled every minute (pg_cron 1.4
# has no seconds syntax), a run recorded by the job within 90 s, and a
# second job in the same minute waits its turn and succeeds too; a run
# while another session holds the plan lock waits scorecard.run_lock_timeout,
# then is refused.  A third job stores the HTML report (scorecard_report)
# in a table.
# The job runs with pg_cron's default search_path, without scorecard.
set -uo pipefail
TOP=$(cd "$(dirname "$0")/../.." && pwd)
export PATH=/usr/lib/postgresql/15/bin:$PATH PGCLIENTENCODING=UTF8
source "$TOP/test/tap.sh"

bash "$TOP/scripts/pgserver.sh" start cron fresh >/dev/null
eval "$(bash "$TOP/scripts/pgserver.sh" env cron)"
export PGDATABASE=postgres
# The private server listens on a socket only: pg_cron must run its jobs in
# background workers rather than connect over TCP to localhost.
psql -X -q -c "ALTER SYSTEM SET cron.use_background_workers = on" &&
	bash "$TOP/scripts/pgserver.sh" stop cron >/dev/null &&
	bash "$TOP/scripts/pgserver.sh" start cron >/dev/null
ok $? "private server 'cron' started (pg_cron in background workers)"
trap 'close_sessions 2>/dev/null; bash "$TOP/scripts/pgserver.sh" stop cron >/dev/null' EXIT
q() { psql -X -q -At -v ON_ERROR_STOP=1 -c "SET search_path = scorecard, public" -c "$1"; }

cd "$TOP"
psql -X -q -v ON_ERROR_STOP=1 -c "SET client_min_messages = warning" -c "CREATE EXTENSION pg_cron" \
	-c "CREATE EXTENSION scorecard_report CASCADE" -c "SET search_path = scorecard, public" \
	-f data/plan.sql -f data/generate.sql >/dev/null
ok $? "pg_cron and scorecard created, demo plan loaded"

job=$(q "SELECT cron.schedule('scorecard-assessment', '* * * * *', 'CALL scorecard.run_assessment(2024)')")
ok $? "run_assessment scheduled every minute (job $job)"
# A second job in the same minute (as of October): it waits its turn.
job2=$(q "SELECT cron.schedule('scorecard-assessment-october', '* * * * *', 'CALL scorecard.run_assessment(2024, ''2024-10-31'')')")
ok $? "a second run scheduled in the same minute (job $job2)"
rjob=$(q "CREATE TABLE public.monthly_report (made_at timestamptz, html text);
	SELECT cron.schedule('scorecard-report', '* * * * *',
	                     'INSERT INTO public.monthly_report SELECT now(), scorecard.progress_report_html(''2024-11-30'')')")
ok $? "the report scheduled every minute too (job $rjob)"

runs=0
for _ in $(seq 1 240); do
	runs=$(q "SELECT count(DISTINCT jobid) FROM cron.job_run_details WHERE jobid IN ($job, $job2) AND status IN ('succeeded', 'failed')")
	[ "${runs:-0}" -ge 2 ] && break
	sleep 1
done
q "SELECT cron.unschedule($job2)" >/dev/null
q "SELECT format('# job %s: %s %s', jobid, status, return_message) FROM cron.job_run_details WHERE jobid IN ($job, $job2)"
[ "$(q "SELECT count(DISTINCT jobid) FROM cron.job_run_details WHERE jobid IN ($job, $job2) AND status = 'succeeded'")" = 2 ] &&
	[ "$(q "SELECT count(*) FROM cron.job_run_details WHERE jobid IN ($job, $job2) AND status = 'failed'")" = 0 ]
ok $? "both runs of the same minute succeeded, none failed"
q "DELETE FROM assessment_run WHERE as_of = '2024-10-31'" >/dev/null
runs=$(q "SELECT count(*) FROM assessment_run WHERE finished_at IS NOT NULL")
[ "${runs:-0}" -ge 1 ]; ok $? "a run was recorded by the scheduled job"
q "SELECT format('# run %s: year %s as of %s, %s readings, finished %s', run_id, year, as_of, readings_used, finished_at) FROM assessment_run"
[ "$(q "SELECT count(*) FROM cron.job_run_details WHERE jobid = $job AND status = 'succeeded'")" -ge 1 ]
ok $? "cron.job_run_details shows a succeeded run"
[ "$(q "SELECT count(*) FROM assessment_run_unit WHERE peer_group = 'county'")" = 12 ]; ok $? "the run holds the 12 counties' assessment"

reports=0
for _ in $(seq 1 75); do
	reports=$(q "SELECT count(*) FROM public.monthly_report")
	[ "${reports:-0}" -ge 1 ] && break
	sleep 1
done
[ "$(q "SELECT left(html, 15) || ' ' || (strpos(html, '六、主要指标累计增速走势') > 0) FROM public.monthly_report LIMIT 1")" = "<!DOCTYPE html> true" ]
ok $? "the scheduled job stored the whole HTML report"
q "SELECT cron.unschedule($rjob)" >/dev/null

q "SELECT cron.unschedule($job)" >/dev/null
ok $? "job unscheduled"
sleep 1   # a run started just before unscheduling finishes

# Overlap: another session holds the run lock; run_assessment refuses (55P03).
source "$TOP/test/sessions.sh"
open_session holder
x holder "BEGIN; SELECT scorecard.take_plan_lock('run')" >/dev/null
out=$(psql -X -q -v ON_ERROR_STOP=1 -v VERBOSITY=verbose -c "\set VERBOSITY verbose" -c "SET scorecard.run_lock_timeout = '1s'" -c "CALL scorecard.run_assessment(2024)" 2>&1)
rc=$?
echo "$out" | sed 's/^/# /' | head -3
[ $rc -ne 0 ] && echo "$out" | grep -q '55P03' && echo "$out" | grep -q 'another run or load is in progress'
ok $? "a run while another session holds the plan lock waits 1 s (scorecard.run_lock_timeout), then is refused with 55P03"
x holder "ROLLBACK" >/dev/null
close_sessions
q "CALL scorecard.run_assessment(2024)" >/dev/null && [ "$(q "SELECT count(*) FROM assessment_run")" = 1 ]
ok $? "once the lock is released, a run succeeds (still one run)"

echo "1..$n"
exit $failed
