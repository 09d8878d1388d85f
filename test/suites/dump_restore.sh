#!/usr/bin/env bash
# pg_dump -Fc and pg_restore of a database with the demo plan loaded and an
# assessment run: the reference tables' rows (extension configuration
# tables) come back, and the assessment recomputed after the restore and the
# stored run are the same as before.  Runs on the test server (PGHOST/PGPORT).
set -uo pipefail
TOP=$(cd "$(dirname "$0")/../.." && pwd)
export PATH=/usr/lib/postgresql/15/bin:$PATH PGCLIENTENCODING=UTF8
src=scorecard_dump_src dst=scorecard_dump_dst
dumpfile=$(mktemp /tmp/scorecard-dump.XXXXXX)
source "$TOP/test/tap.sh"
q() { psql -X -q -At -v ON_ERROR_STOP=1 -d "$1" -c "SET search_path = scorecard, public" -c "$2"; }
cleanup() {
	psql -X -q -d postgres -c "SET client_min_messages = warning" -c "DROP DATABASE IF EXISTS $src" -c "DROP DATABASE IF EXISTS $dst" >/dev/null
	rm -f "$dumpfile" "$dumpfile.err"
}
trap cleanup EXIT
cleanup
psql -X -q -d postgres -c "CREATE DATABASE $src" -c "CREATE DATABASE $dst" >/dev/null

cd "$TOP"
psql -X -q -v ON_ERROR_STOP=1 -d $src -c "SET client_min_messages = warning" -c "CREATE EXTENSION scorecard_report CASCADE" \
	-c "SET search_path = scorecard, public" -f data/plan.sql -f data/generate.sql \
	-c "CALL run_assessment(2024)" >/dev/null
ok $? "demo plan loaded and assessed in $src"

pg_dump -Fc -d $src -f "$dumpfile" 2>"$dumpfile.err"   # warns that unit and indicator reference themselves: harmless
ok $? "pg_dump -Fc"
pg_restore --exit-on-error -d $dst "$dumpfile"
ok $? "pg_restore into a new database"

counts="SELECT string_agg(format('%s=%s', t, n), ' ' ORDER BY t) FROM (
	SELECT 'action' t, count(*) n FROM action UNION ALL SELECT 'unit', count(*) FROM unit
	UNION ALL SELECT 'indicator', count(*) FROM indicator UNION ALL SELECT 'plan_target', count(*) FROM plan_target
	UNION ALL SELECT 'reading', count(*) FROM reading UNION ALL SELECT 'task', count(*) FROM task
	UNION ALL SELECT 'assessment_run', count(*) FROM assessment_run
	UNION ALL SELECT 'assessment_run_unit', count(*) FROM assessment_run_unit) x"
a=$(q $src "$counts"); b=$(q $dst "$counts")
echo "# $a"
[ -n "$a" ] && [ "$a" = "$b" ]; ok $? "every reference table has the same rows after the restore"

readings="SELECT md5(string_agg(format('%s|%s|%s|%s|%s|%s|%s', indicator_id, unit_id, month, value,
	reported_growth, revision, recorded_at), ',' ORDER BY indicator_id, unit_id, month, revision)) FROM reading"
a=$(q $src "$readings"); b=$(q $dst "$readings")
[ -n "$a" ] && [ "$a" = "$b" ]; ok $? "readings with their revisions and recorded times are identical"

assess="SELECT string_agg(format('%s:%s:%s:%s', unit_id, round(score::numeric, 6), grade, rank), ' ' ORDER BY rank, unit_id)
	FROM unit_assessment(latest_month())"
a=$(q $src "$assess"); b=$(q $dst "$assess")
echo "# $a"
[ -n "$a" ] && [ "$a" = "$b" ]; ok $? "the assessment recomputed after the restore is the same"

stored="SELECT string_agg(format('%s:%s:%s:%s', unit_id, round(score::numeric, 6), grade, rank), ' ' ORDER BY rank, unit_id)
	FROM assessment_run_unit"
b=$(q $dst "$stored")
[ -n "$b" ] && [ "$b" = "$a" ]; ok $? "the restored assessment run equals the recomputed assessment"

progress="SELECT md5(string_agg(format('%s', p), ',' ORDER BY unit_id, indicator_id)) FROM progress(latest_month()) p"
a=$(q $src "$progress"); b=$(q $dst "$progress")
[ -n "$a" ] && [ "$a" = "$b" ]; ok $? "the progress report is the same"

# The report extension comes back with the plan model, and its document is the same.
html="SELECT md5(progress_report_html(latest_month()))"
a=$(q $src "$html"); b=$(q $dst "$html")
[ "$(q $dst "SELECT extversion FROM pg_extension WHERE extname = 'scorecard_report'")" = "$(cat VERSION)" ] &&
	[ -n "$a" ] && [ "$a" = "$b" ]
ok $? "scorecard_report is restored and the HTML report is the same"

q $dst "CALL run_assessment(2024)" && [ "$(q $dst "SELECT count(*) FROM assessment_run")" = 1 ]
ok $? "run_assessment after the restore replaces the restored run (still one)"

echo "1..$n"
exit $failed
