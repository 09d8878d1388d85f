#!/usr/bin/env bash
# The demo plan (data/): it loads, it is deterministic, and every one of the
# 38 city targets is evaluable once the year's readings are all in
# (readings generated through December 2024).  Runs on the test server.
set -uo pipefail
TOP=$(cd "$(dirname "$0")/../.." && pwd)
export PATH=/usr/lib/postgresql/15/bin:$PATH PGCLIENTENCODING=UTF8
source "$TOP/test/tap.sh"
dbs="scorecard_demo_a scorecard_demo_b"
cleanup() { for d in $dbs; do psql -X -q -d postgres -c "SET client_min_messages = warning" -c "DROP DATABASE IF EXISTS $d" >/dev/null; done; }
trap cleanup EXIT
cleanup
q() { psql -X -q -At -v ON_ERROR_STOP=1 -d "$1" -c "SET search_path = scorecard, public" -c "$2"; }
load() {
	psql -X -q -d postgres -c "CREATE DATABASE $1" >/dev/null &&
	psql -X -q -v ON_ERROR_STOP=1 -d "$1" -v last_month="$2" -c "SET client_min_messages = warning" \
		-c "CREATE EXTENSION scorecard_plan CASCADE" -c "SET search_path = scorecard, public" \
		-f "$TOP/data/plan.sql" -f "$TOP/data/generate.sql" >/dev/null
}
cd "$TOP"
load scorecard_demo_a 2024-11-01; ok $? "demo plan and readings to November 2024 load"
load scorecard_demo_b 2024-12-01; ok $? "demo plan and readings to December 2024 load"

[ "$(q scorecard_demo_a "SELECT count(*) FROM plan_target WHERE unit_id = 'shaoyang' AND year = 2024")" = 38 ]
ok $? "the city has the 38 targets of the plan"
[ "$(q scorecard_demo_a "SELECT count(DISTINCT unit_id) FROM plan_target JOIN unit USING (unit_id)
	WHERE weight > 0 AND unit_peer_group(kind) = 'county'")" = 12 ]
ok $? "the 12 county-level units have weighted targets"
[ "$(q scorecard_demo_a "SELECT count(*) FROM reading WHERE revision > 1")" = 2 ]
ok $? "the two corrections are loaded as second revisions"

digest="SELECT md5(string_agg(format('%s|%s|%s|%s|%s', indicator_id, unit_id, month, value, reported_growth), ',' ORDER BY 1, 2, 3))
	FROM reading WHERE revision = 1 AND month <= '2024-11-01'"
a=$(q scorecard_demo_a "$digest"); b=$(q scorecard_demo_b "$digest")
[ -n "$a" ] && [ "$a" = "$b" ]; ok $? "readings are deterministic (two loads give the same first figures up to November)"

# Quarterly and annual indicators have no 2024 figure yet in November for the annual ones.
echo "# as of 2024-11-30: $(q scorecard_demo_a "SELECT count(*) FILTER (WHERE met IS NOT NULL) || ' of ' || count(*) || ' evaluable' FROM progress_city('2024-11-30')")"
missing=$(q scorecard_demo_b "SELECT string_agg(indicator_id::text, ',') FROM progress_city('2024-12-31') WHERE met IS NULL")
[ -z "$missing" ]; ok $? "at the end of 2024 every city target is evaluable (not evaluable: ${missing:-none})"

# January-February indicators have no January reading; quarterly ones report at quarter ends.
[ "$(q scorecard_demo_a "SELECT count(*) FROM reading r JOIN indicator i USING (indicator_id)
	WHERE (i.jan_feb_combined AND extract(month FROM r.month) = 1)
	   OR (i.frequency = 'quarterly' AND extract(month FROM r.month) NOT IN (3, 6, 9, 12))
	   OR (i.frequency = 'annual' AND extract(month FROM r.month) <> 12)")" = 0 ]
ok $? "readings follow each indicator's frequency and the January-February convention"

# Some counties ahead, some behind: the scores spread over more than one grade.
[ "$(q scorecard_demo_a "SELECT count(DISTINCT grade) FROM unit_assessment('2024-11-30')")" -ge 3 ]
ok $? "county scores spread over at least three grades"

echo "1..$n"
exit $failed
