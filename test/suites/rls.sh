#!/usr/bin/env bash
# Row-level security per unit, the documented recipe: on the demo plan,
# enable_unit_security(), a county role for Beita (北塔区) and a city role
# for Shaoyang (the city: every unit).  What each sees through the tables
# and every view of the schema, what the county may load, that it cannot
# make a run, and that a figure of the city is never the sum of what the
# county sees.  Runs on the test server (PGHOST/PGPORT), database
# scorecard_rls.
set -uo pipefail
TOP=$(cd "$(dirname "$0")/../.." && pwd)
export PATH=/usr/lib/postgresql/15/bin:$PATH PGCLIENTENCODING=UTF8
db=scorecard_rls
source "$TOP/test/tap.sh"
# as ROLE: a query in database $db with search_path scorecard, public
as() { psql -X -q -At -v ON_ERROR_STOP=1 -d $db -U "$1" -c "SET search_path = scorecard, public" -c "$2"; }
cleanup() {
	psql -X -q -d postgres -c "SET client_min_messages = warning" -c "DROP DATABASE IF EXISTS $db" \
		-c "DROP ROLE IF EXISTS rls_county" -c "DROP ROLE IF EXISTS rls_city" -c "DROP ROLE IF EXISTS rls_dept" >/dev/null
}
trap cleanup EXIT
cleanup
psql -X -q -d postgres -c "CREATE DATABASE $db" -c "CREATE ROLE rls_county LOGIN" -c "CREATE ROLE rls_city LOGIN" -c "CREATE ROLE rls_dept LOGIN" >/dev/null

cd "$TOP"
psql -X -q -v ON_ERROR_STOP=1 -d $db -c "SET client_min_messages = warning" -c "CREATE EXTENSION scorecard_report CASCADE" \
	-c "SET search_path = scorecard, public" -f data/plan.sql -f data/generate.sql \
	-c "CALL run_assessment(2024)" \
	-c "SELECT enable_unit_security()" \
	-c "SELECT grant_unit_access('rls_county', 'beita')" \
	-c "SELECT grant_unit_access('rls_city', 'shaoyang')" >/dev/null
ok $? "demo plan loaded and assessed; row-level security on; rls_county: beita, rls_city: shaoyang"

# The tables: the county sees Beita's rows only, the city all of them.
for t in reading plan_target assessment_run_unit assessment_run_item assessment_run_progress; do
	all=$(as postgres "SELECT count(DISTINCT unit_id) || ' units, ' || count(*) || ' rows' FROM $t")
	is "$(as rls_city "SELECT count(DISTINCT unit_id) || ' units, ' || count(*) || ' rows' FROM $t")" "$all" \
		"city role: table $t as the superuser sees it ($all)"
	beita=$(as postgres "SELECT count(*) FROM $t WHERE unit_id = 'beita'")
	is "$(as rls_county "SELECT string_agg(DISTINCT unit_id, ',') || ' ' || count(*) FROM $t")" "beita $beita" \
		"county role: table $t has Beita's $beita rows only"
done

# Every view of the schema: the county's rows are Beita's (views with a
# unit column) and the city sees what the superuser sees.
views=$(as postgres "SELECT string_agg(c.relname, ' ' ORDER BY c.relname) FROM pg_class c
	WHERE c.relnamespace = 'scorecard'::regnamespace AND c.relkind = 'v'")
echo "# views: $views"
nv=0
for v in $views; do
	nv=$((nv + 1))
	is "$(as postgres "SELECT reloptions::text FROM pg_class WHERE oid = 'scorecard.$v'::regclass")" \
		"{security_invoker=true}" "view $v runs with the invoker's rights"
	all=$(as postgres "SELECT count(*) FROM $v")
	is "$(as rls_city "SELECT count(*) FROM $v")" "$all" "city role: view $v has the superuser's $all rows"
	if [ "$(as postgres "SELECT count(*) FROM pg_attribute WHERE attrelid = 'scorecard.$v'::regclass AND attname = 'unit_id'")" = 1 ]; then
		beita=$(as postgres "SELECT count(*) FROM $v WHERE unit_id = 'beita'")
		out=$(as rls_county "SELECT count(*) FILTER (WHERE unit_id = 'beita') || ' of ' || count(*) FROM $v" 2>&1)
		case $v in
		unit_scores_latest | unit_assessment_latest)
			# Beita has a rank-scored target: its points are a rank among
			# the counties.  From the snapshot the run stored (computed
			# over every unit), the county reads Beita's stored rows, as
			# the superuser reads them; computed live, it cannot see the
			# other counties to rank among them, and the view refuses.
			is "$out" "$beita of $beita" "county role: view $v from the stored snapshot shows Beita's $beita rows, no other unit's"
			is "$(as rls_county "SELECT md5(string_agg(x::text, ',' ORDER BY x::text)) FROM $v x")" \
				"$(as postgres "SELECT md5(string_agg(x::text, ',' ORDER BY x::text)) FROM $v x WHERE unit_id = 'beita'")" \
				"county role: ... the same rows, figures and ranks as the superuser's"
			out=$(as postgres "BEGIN; UPDATE scorecard.snapshot_state SET data_version = -1;
				SET LOCAL ROLE rls_county; SELECT count(*) FROM $v; ROLLBACK" 2>&1)
			echo "$out" | grep -q 'rank scoring needs every unit of the peer group, and role rls_county does not see them all'
			ok $? "county role: view $v computed live refuses (42501) rather than rank Beita among the units it sees" ;;
		data_review_latest)
			# the rules that compare a unit with units the county does
			# not see are left out for it
			own=$(as postgres "SELECT count(*) FROM $v WHERE unit_id = 'beita' AND rule NOT IN ('peer_outlier', 'parent_vs_children')")
			is "$out" "$own of $own" "county role: view $v shows Beita's $own findings of its own readings, no peer or parent comparison, no other unit's" ;;
		*) is "$out" "$beita of $beita" "county role: view $v shows Beita's $beita rows, no other unit's" ;;
		esac
	fi
done
[ "$nv" -ge 7 ]; ok $? "all $nv views checked"

# The county sees the city's stored results for Beita: score, grade and
# rank among all twelve counties, as the run made them.
is "$(as rls_county "SELECT unit_id, round(score::numeric, 6), grade, rank FROM assessment_run_ranking" | tr '\n' ' ')" \
	"$(as postgres "SELECT unit_id, round(score::numeric, 6), grade, rank FROM assessment_run_ranking WHERE unit_id = 'beita'" | tr '\n' ' ')" \
	"county role: Beita's stored score, grade and rank (among all counties) through assessment_run_ranking"

# A county role asking for the city: no city target rows (targets are
# per unit), and never the roll-up of the counties it can see.
is "$(as rls_county "SELECT count(*) FROM progress_city_latest")" 0 "county role: no city rows in progress_city_latest"
city_fig="SELECT string_agg(s.indicator_id || '=' || coalesce(round(ytd_value(s.state, s.data_month)::numeric, 4)::text, 'NULL'), ' ' ORDER BY s.indicator_id)
	FROM indicator_state(latest_month()) s WHERE s.unit_id = 'shaoyang' AND s.rolled_up"
sup=$(as postgres "$city_fig")
county=$(as rls_county "SELECT coalesce(($city_fig), '')")
echo "# city roll-ups as the superuser sees them: ${sup:0:120}..."
echo "# ... as the county role sees them:          ${county:0:120}..."
bad=$(as postgres "SELECT count(*) FROM unnest(string_to_array('$county', ' ')) c(x)
	WHERE c.x <> '' AND split_part(c.x, '=', 2) <> 'NULL'
	  AND c.x <> ALL (string_to_array('$sup', ' '))")
[ "$bad" = 0 ] && [ -n "$county" ]
ok $? "county role: every city roll-up it gets from indicator_state is NULL or the city's true figure ($bad are the sum of what it sees)"

# Ranks among peers some of which the role cannot see: refused (rank
# scoring, above) or NULL (the rank of unit_assessment).  A department role
# (市发改委, no rank-scored target) gets its assessment without a rank.
psql -X -q -d $db -c "SELECT scorecard.grant_unit_access('rls_dept', 'fgw')" >/dev/null
# (A department has no readings of its own, so latest_month() sees none
# for it: it asks for an as-of date.)
is "$(as rls_dept "SELECT unit_id || ' rank ' || coalesce(rank::text, 'NULL') FROM unit_assessment('2024-11-30')")" "fgw rank NULL" \
	"department role: its unit_assessment row has no rank (its peers are hidden)"
[ -n "$(as postgres "SELECT rank FROM unit_assessment('2024-11-30') WHERE unit_id = 'fgw'")" ]
ok $? "(the superuser's has one)"
is "$(as rls_city "SELECT count(rank) FROM unit_assessment_latest")" "$(as postgres "SELECT count(rank) FROM unit_assessment_latest")" \
	"city role: every rank, as the superuser sees them"

# Readings are never changed in place: a loader holds INSERT, not UPDATE.
out=$(psql -X -q -At -d $db -U rls_county -c "UPDATE scorecard.reading SET value = value + 1 WHERE unit_id = 'beita'" 2>&1)
echo "$out" | grep -q 'permission denied for table reading'
ok $? "county role: UPDATE of its own readings is refused (permission denied)${out:+: $out}"
out=$(psql -X -q -At -d $db -U rls_county -v VERBOSITY=verbose -c "SELECT scorecard.take_plan_lock('run')" 2>&1)
echo "$out" | grep -q '42501.*role rls_county may not run assessments'
ok $? "county role: take_plan_lock('run') refuses (42501): it may load, not run"

# Loading: the county loads Beita's readings, not another county's.
out=$(psql -X -q -At -d $db -U rls_county -v VERBOSITY=verbose -f - 2>&1 <<'SQL'
SET search_path = scorecard, public;
SELECT begin_load();
COPY reading_staging (indicator, unit, month, value) FROM stdin WITH (FORMAT csv, HEADER true);
indicator,unit,month,value
1,beita,2024-12,10
1,wugang,2024-12,10
\.
SELECT line || ': ' || reason FROM check_readings();
SELECT * FROM load_readings();
SQL
)
echo "$out" | grep -q '^3: unit "wugang" is not one you may load (row-level security)$' &&
	echo "$out" | grep -q '22P02'
ok $? "county role: check_readings names line 3 (wugang) as not its to load; the load refuses (22P02)"
out=$(psql -X -q -At -d $db -U rls_county -f - 2>&1 <<'SQL'
SET search_path = scorecard, public;
SELECT begin_load();
INSERT INTO reading_staging (indicator, unit, month, value) VALUES ('1', 'beita', '2024-12', '10');
SELECT inserted || '|' || revised || '|' || unchanged FROM load_readings(header => false);
SQL
)
echo "$out" | grep -qx '1|0|0'; ok $? "county role: loads Beita's December reading (1 inserted)"
is "$(as postgres "SELECT count(*) FROM reading WHERE month = '2024-12-01'")" 1 "only that reading is in the table"
out=$(as rls_county "INSERT INTO reading (indicator_id, unit_id, month, value) VALUES (1, 'beita', '2024-11-01', 1)" 2>&1)
echo "$out" | grep -q 'permission denied for table reading'
ok $? "county role: a direct INSERT into reading, even for beita, is refused (loads go through load_readings)"
out=$(as rls_county "INSERT INTO reading_intake (indicator_id, unit_id, month, value) VALUES (1, 'wugang', '2024-12-01', 1)" 2>&1)
echo "$out" | grep -q 'new row violates row-level security policy for table "reading_intake"'
ok $? "county role: a row for wugang on its way in (reading_intake) is refused by the policy"

# A run by the county would assess all units from Beita's rows alone.
psql -X -q -d $db -c "GRANT INSERT, DELETE, UPDATE ON scorecard.assessment_run, scorecard.assessment_run_unit, scorecard.assessment_run_item, scorecard.assessment_run_progress TO rls_county" \
	-c "GRANT USAGE ON SEQUENCE scorecard.assessment_run_run_id_seq TO rls_county" >/dev/null
out=$(psql -X -q -d $db -U rls_county -v VERBOSITY=verbose -c "CALL scorecard.run_assessment(2024)" 2>&1)
echo "$out" | grep -q "42501.*does not see every unit's readings"
ok $? "county role, even with the run privileges: run_assessment refuses (42501)"
psql -X -q -d $db -c "GRANT INSERT, DELETE, UPDATE ON scorecard.assessment_run, scorecard.assessment_run_unit, scorecard.assessment_run_item, scorecard.assessment_run_progress TO rls_city" \
	-c "GRANT USAGE ON SEQUENCE scorecard.assessment_run_run_id_seq TO rls_city" >/dev/null
out=$(psql -X -q -At -d $db -U rls_city -c "CALL scorecard.run_assessment(2024, '2024-11-30')" 2>&1)
# it completes: its only output is its row (the run id and its counts)
grep -Eqx '[0-9]+(\|[0-9]+){4}' <<<"$out" && [ "$(as postgres "SELECT count(*) FROM assessment_run_unit WHERE peer_group = 'county'")" = 12 ]
ok $? "city role: run_assessment runs and assesses all 12 counties${out:+: $out}"

# Off again: the county role sees everything it has SELECT on.
psql -X -q -d $db -c "SELECT scorecard.disable_unit_security()" >/dev/null
is "$(as rls_county "SELECT count(DISTINCT unit_id) FROM reading")" "$(as postgres "SELECT count(DISTINCT unit_id) FROM reading")" \
	"disable_unit_security(): the policies are gone"

# Issue 19: one county's absurd or far readings break, empty or move
# nothing that others see.  Row-level security on again.
psql -X -q -d $db -c "SET client_min_messages = warning" -c "SELECT scorecard.enable_unit_security()" >/dev/null
others="unit_id IN (SELECT u.unit_id FROM unit u WHERE u.parent_id = 'shaoyang' AND u.kind <> 'department' AND u.unit_id <> 'beita')"
others_before=$(as postgres "SELECT md5(string_agg(p::text, '|' ORDER BY p.unit_id, p.indicator_id)) FROM progress('2024-11-30') p WHERE $others")
load_gdp() {  # as the county: gdp rows "month,value" ...
	{ echo "SET search_path = scorecard, public;"; echo "SELECT begin_load();"
	  for r in "$@"; do echo "INSERT INTO reading_staging (indicator, unit, month, value) VALUES ('gdp', 'beita', '${r%,*}', '${r#*,}');"; done
	  echo "SELECT inserted || '|' || revised || '|' || unchanged FROM load_readings(header => false);"
	} | psql -X -q -At -d $db -U rls_county -v VERBOSITY=verbose -f - 2>&1
}
out=$(load_gdp 2023-12,1e308 2024-09,1e308)
echo "$out" | grep -q '22P02' && echo "$out" | grep -q 'line 1: value "1e308" is beyond the bound of 1e+15 in magnitude' &&
	[ "$(as postgres "SELECT count(*) FROM reading WHERE value > 1e15")" = 0 ]
ok $? "county role: gdp 1e308 refused by the loader (22P02, the bound named), nothing loaded"
as postgres "INSERT INTO plan_setting (value_bound) VALUES (1.7976931348623157e308)" >/dev/null
echo "$(as rls_county "INSERT INTO scorecard.plan_setting (future_months) VALUES (true)" 2>&1)" | grep -q 'permission denied for table plan_setting'
ok $? "county role: may not change the plan's settings"
out=$(load_gdp 2023-12,1e308 2024-09,1e308)
echo "$out" | grep -qx '0|2|0'; ok $? "county role: with the bound raised by the owner, gdp 1e308 for 2023-12 and 2024-09 loads (2 revised)"
out=$(as postgres "SELECT count(*) FROM progress('2024-11-30'); CALL run_assessment(2024, '2024-11-30');
	SELECT length(progress_report_html('2024-11-30')) > 1000;
	SELECT count(*) FROM assessment_run_item WHERE 'Infinity' IN (abs(actual), abs(reference), abs(attainment), abs(points));
	SELECT count(*) FROM assessment_run_progress WHERE 'Infinity' IN (abs(value), abs(growth), abs(actual), abs(gap), abs(attainment))" 2>&1 | tr '\n' ' ')
echo "$out" | grep -Eq '^[0-9]+ [0-9]+(\|[0-9]+){4} t 0 0 $'
ok $? "superuser: progress(), CALL run_assessment and progress_report_html work; nothing infinite stored ($out)"
is "$(as postgres "SELECT md5(string_agg(p::text, '|' ORDER BY p.unit_id, p.indicator_id)) FROM progress('2024-11-30') p WHERE $others")" \
	"$others_before" "the other counties' progress() rows are those of before, to the last bit"
out=$(as rls_city "SELECT count(*) > 0 FROM progress('2024-11-30')" 2>&1)
is "$out" t "city role: progress() works"
latest_city=$(as rls_city "SELECT latest_as_of() || ' ' || (SELECT count(*) FROM progress_latest) || ' ' || (SELECT count(*) FROM lagging_list_latest)")
latest_county=$(as rls_county "SELECT latest_as_of() || ' ' || (SELECT count(*) FROM progress_latest)")
out=$(load_gdp 2100-12,1)
echo "$out" | grep -q 'line 1: month "2100-12" is after the current month'
ok $? "county role: a 2100-12 reading refused (after the current month)"
as postgres "UPDATE plan_setting SET future_months = true" >/dev/null
out=$(load_gdp 2100-12,1)
echo "$out" | grep -qx '1|0|0'; ok $? "county role: allowed by the owner, the 2100-12 reading loads"
is "$(as rls_city "SELECT latest_as_of() || ' ' || (SELECT count(*) FROM progress_latest) || ' ' || (SELECT count(*) FROM lagging_list_latest)")" \
	"$latest_city" "city role: latest_as_of(), progress_latest and lagging_list_latest as before ($latest_city)"
is "$(as rls_county "SELECT latest_as_of() || ' ' || (SELECT count(*) FROM progress_latest)")" \
	"$latest_county" "county role: its latest month and progress_latest as before ($latest_county)"
# latest_month() under row-level security reads each visible unit's latest
# month by index: the owner's plain max(month) over the county's units,
# bounded as the function says (not after the current month, nor December
# of the last year with targets; within a year given), NULL for a
# department (no readings).
bounds="month <= least(date_trunc('month', current_date)::date, (SELECT make_date(max(year), 12, 1) FROM plan_target))"
is "$(as rls_county "SELECT latest_month() || ' ' || latest_month(now()) || ' ' || latest_month(NULL, 2023)")|$(as rls_dept "SELECT latest_month() IS NULL")" \
	"$(as postgres "SELECT m || ' ' || m || ' ' || (SELECT max(month) FROM reading WHERE unit_id IN (SELECT units_below('beita'))
		AND month BETWEEN '2023-01-01' AND '2023-12-01') FROM (SELECT max(month) AS m FROM reading
		WHERE unit_id IN (SELECT units_below('beita')) AND $bounds) x")|t" \
	"county role: latest_month() is the latest of its units' readings, within the bounds; a department's is NULL"

# latest_reading_month() of units_seen() under row-level security probes each
# visible unit: for the county's role, the owner's plain EXISTS over the
# county's units (a year of readings, the month of 2100 loaded above, the
# years before it without one); a department sees none.
ranges="('2023-01-01'::date, '2024-01-01'::date), ('2100-12-01', '2101-01-01'), ('2099-01-01', '2100-12-01')"
probe="SELECT string_agg((latest_reading_month(a, b, NULL, units_seen()) IS NOT NULL)::text, ' ' ORDER BY a) FROM (VALUES $ranges) v(a, b)"
is "$(as rls_county "$probe")|$(as rls_dept "$probe")|$(as postgres "$probe")" \
	"$(as postgres "SELECT string_agg(EXISTS (SELECT 1 FROM reading r WHERE r.unit_id IN (SELECT units_below('beita'))
		AND r.month >= a AND r.month < b)::text, ' ' ORDER BY a) FROM (VALUES $ranges) v(a, b)")|false false false|true false true" \
	"latest_reading_month() of units_seen(): a county role's of its units' readings, none for a department, the owner's of all"

# Rows a county inserts into reading_intake itself have not been through
# check_readings: record_readings holds them to the same bounds (the owner
# first restores the defaults), refuses (23514, naming the rows) and loads
# nothing; under REPEATABLE READ it refuses to compare with a stale
# snapshot (0A000); a role whose last unit is revoked may load no more.
as postgres "DELETE FROM plan_setting" >/dev/null
before=$(as postgres "SELECT count(*) FROM reading")
out=$(as rls_county "BEGIN; INSERT INTO reading_intake (indicator_id, unit_id, month, value)
	SELECT indicator_id, 'beita', '2024-09-01', 9e299 FROM indicator WHERE code = 'gdp';
	INSERT INTO reading_intake (indicator_id, unit_id, month, value)
	SELECT indicator_id, 'beita', '2100-12-01', 1 FROM indicator WHERE code = 'gdp';
	SELECT * FROM record_readings(NULL); COMMIT;" 2>&1)
echo "$out" | grep -q 'record_readings: 2 readings break the plan.s bounds; nothing was loaded' &&
	[ "$(as postgres "SELECT count(*) FROM reading")" = "$before" ]
ok $? "county role: readings inserted into reading_intake directly keep the plan's bounds (value 9e299, month 2100-12: refused, nothing loaded)"
out=$(as rls_county "BEGIN ISOLATION LEVEL REPEATABLE READ; INSERT INTO reading_intake (indicator_id, unit_id, month, value)
	SELECT indicator_id, 'beita', '2024-09-01', 1 FROM indicator WHERE code = 'gdp';
	SELECT * FROM record_readings(NULL); COMMIT;" 2>&1)
echo "$out" | grep -q 'record_readings runs under READ COMMITTED only, not REPEATABLE READ' &&
	[ "$(as postgres "SELECT count(*) FROM reading")" = "$before" ]
ok $? "county role: record_readings called directly under REPEATABLE READ refuses, nothing loaded"
as postgres "SELECT revoke_unit_access('rls_county', 'beita')" >/dev/null
is "$(as postgres "SELECT has_any_column_privilege('rls_county', 'scorecard.reading_intake', 'INSERT')")" f \
	"revoke_unit_access: a role left with no unit loses INSERT on reading_intake (and so the load lock)"

echo "1..$n"
exit $failed
