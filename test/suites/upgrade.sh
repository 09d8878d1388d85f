#!/usr/bin/env bash
# Versions and upgrades (docs/development.md "Versions and upgrades"), on the test server
# (PGHOST/PGPORT) with the current library:
#  - values written by the 0.1.0 library (test/upgrade/fixtures-0.1.0: COPY
#    binary and text, tuple bytes on disk) read back, and the current
#    library writes the same bytes;
#  - a database made with the frozen 0.1.0 install script (as after a
#    package upgrade) holding values of every type, a plan with readings,
#    revisions and an assessment run goes through
#      ALTER EXTENSION scorecard UPDATE;
#      CREATE EXTENSION scorecard_plan VERSION '0.1.0'; ALTER EXTENSION scorecard_plan UPDATE;
#    and every stored value, every plan function and every answer of
#    test/upgrade/answers.sql is what it was (the answers also what the
#    0.1.0 library gave);
#  - the updated catalog equals a fresh install's (test/upgrade/snapshot.sql).
set -uo pipefail
TOP=$(cd "$(dirname "$0")/../.." && pwd)
export PATH=/usr/lib/postgresql/15/bin:$PATH PGCLIENTENCODING=UTF8
U=$TOP/test/upgrade
FX=$U/fixtures-0.1.0
tmp=$(mktemp -d /tmp/scorecard-upgrade.XXXXXX)
chmod 755 "$tmp"
dbs="sc_upg_v020 sc_upg_fixture sc_upg_old sc_upg_fresh sc_upg_empty sc_upg_restore sc_upg_planted sc_upg_rerun sc_upg_fresh2 sc_upg_same"
dbs="$dbs sc_upg_sec02 sc_upg_sec03"
source "$TOP/test/tap.sh"
q() { local d=$1; shift; psql -X -q -At -v ON_ERROR_STOP=1 -d "$d" -c "SET search_path = public, scorecard" "$@"; }
cleanup() {
	for d in $dbs; do psql -X -q -d postgres -c "SET client_min_messages = warning" -c "DROP DATABASE IF EXISTS $d" >/dev/null; done
	psql -X -q -d postgres -c "SET client_min_messages = warning" -c "DROP ROLE IF EXISTS sc_upg_planter" \
		-c "DROP ROLE IF EXISTS sc_upg_county" >/dev/null
	[ -z "${rerun_files:-}" ] || rm -f $rerun_files
	[ -z "${frozen_file:-}" ] || rm -f $frozen_file
	rm -rf "$tmp"
}
trap cleanup EXIT
cleanup
mkdir -p "$tmp"
for d in $dbs; do psql -X -q -d postgres -c "CREATE DATABASE $d" >/dev/null; done
# The frozen 0.1.0 install script is not installed by make install or the
# package (docs/development.md "Versions and upgrades"): put it into the server's private
# tree for this suite only, as a 0.1.0 installation had it.
sharedir=$(psql -X -At -d postgres -c "SELECT setting FROM pg_config WHERE name = 'SHAREDIR'")
case "$sharedir" in
/usr/*) ;;
*) [ -e "$sharedir/extension/scorecard--0.1.0.sql" ] ||
	{ frozen_file="$sharedir/extension/scorecard--0.1.0.sql"; cp "$TOP/versions/scorecard--0.1.0.sql.frozen" "$frozen_file"; } ;;
esac

[ "$(cat "$FX/VERSION")" = 0.1.0 ]; ok $? "the fixtures were written by scorecard 0.1.0"
# The frozen script is what 0.1.0's Makefile built (cat src/sql/*.sql at 409344b).
if git -C "$TOP" cat-file -e 409344b 2>/dev/null; then
	cmp -s "$TOP/versions/scorecard--0.1.0.sql.frozen" <(for p in $(git -C "$TOP" ls-tree --name-only 409344b src/sql/ | sort); do
		git -C "$TOP" show "409344b:$p"; done)
	ok $? "versions/scorecard--0.1.0.sql.frozen is byte for byte the 0.1.0 build (commit 409344b)"
else
	n=$((n + 1)); echo "ok $n - # SKIP commit 409344b not in this clone"
fi

# The frozen 0.2.0 scripts are what 0.2.0's Makefile built (cat src/sql/*.sql
# and plan/*.sql at c6b13ce, the 0.2.0 release).
if git -C "$TOP" cat-file -e c6b13ce 2>/dev/null; then
	for x in scorecard:src/sql scorecard_plan:plan; do
		cmp -s "$TOP/versions/${x%%:*}--0.2.0.sql.frozen" <(for p in $(git -C "$TOP" ls-tree --name-only c6b13ce "${x#*:}/" | sort); do
			git -C "$TOP" show "c6b13ce:$p"; done)
		ok $? "versions/${x%%:*}--0.2.0.sql.frozen is byte for byte the 0.2.0 build (commit c6b13ce)"
	done
else
	for i in 1 2; do n=$((n + 1)); echo "ok $n - # SKIP commit c6b13ce not in this clone"; done
fi

# --- 1. Values written by the 0.1.0 library -------------------------------
f=sc_upg_fixture
q $f -c "CREATE EXTENSION scorecard" -c "CREATE EXTENSION pageinspect" >/dev/null
for t in target ytd assessment; do
	q $f -c "CREATE TABLE bin_$t (id int PRIMARY KEY, v $t)" -c "CREATE TABLE txt_$t (id int PRIMARY KEY, v $t)" \
		-c "\\copy bin_$t FROM '$FX/$t.bin' (FORMAT binary)" -c "\\copy txt_$t FROM '$FX/$t.txt'" >/dev/null
	ok $? "COPY FROM the 0.1.0 binary and text fixtures of $t"
	q $f -c "\\copy (SELECT * FROM bin_$t ORDER BY id) TO '$tmp/$t.txt'"
	cmp -s "$tmp/$t.txt" "$FX/$t.txt"; ok $? "$t values received in binary print as 0.1.0 printed them ($(wc -l <"$FX/$t.txt") values)"
	[ "$(q $f -c "SELECT count(*) FROM bin_$t b JOIN txt_$t t USING (id) WHERE b.v::text = t.v::text")" = "$(wc -l <"$FX/$t.txt")" ]
	ok $? "$t: the binary and the text fixtures give the same values"
done
# The same statements with the current library: the same bytes on disk for
# target and assessment; ytd values are written in format 2 (issue 19:
# exact decimal sums, flag 2), and the bytes 0.1.0 stored still read.
q $f -f "$U/values.sql" >/dev/null
for t in target ytd assessment; do
	q $f -c "\\copy (SELECT lp, encode(t_data, 'hex') FROM heap_page_items(get_raw_page('fx_$t', 0)) ORDER BY lp) TO '$tmp/$t.disk'"
	[ $t = ytd ] && continue
	cmp -s "$tmp/$t.disk" "$FX/$t.disk"; ok $? "$t: the current library stores the bytes 0.1.0 stored (on-disk format unchanged)"
done
# The stored bytes of a tuple (id int4, v ytd) as a ytd: the value after the
# id, with a 1-byte varlena header or, 8-aligned, a 4-byte one, made a ytd
# by byteasend (a copy of the payload).
q $f -c "CREATE FUNCTION public.bytes_ytd(bytea) RETURNS ytd LANGUAGE internal IMMUTABLE STRICT AS 'byteasend'" >/dev/null
disk_ytd() { # disk_ytd FILE: "id|text|flags" of each stored ytd
	q $f -c "CREATE TEMP TABLE d (lp int, hex text)" -c "\\copy d FROM '$1'" -c "
	SELECT id, public.bytes_ytd(v)::text, get_byte(v, 1) FROM (
		SELECT get_byte(b, 0) AS id, CASE WHEN get_byte(b, 4) & 1 = 1 THEN substr(b, 6, (get_byte(b, 4) >> 1) - 1)
		       ELSE substr(b, 13, (((get_byte(b, 8) | (get_byte(b, 9) << 8)) | (get_byte(b, 10) << 16)) >> 2) - 4) END AS v
		FROM (SELECT lp, decode(hex, 'hex') AS b FROM d) x) y ORDER BY id"
}
disk_ytd "$FX/ytd.disk" >"$tmp/ytd.disk.old"
[ "$(cut -d'|' -f1,2 "$tmp/ytd.disk.old" | tr '|' '\t')" = "$(cat "$FX/ytd.txt")" ] && ! grep -qv '|[01]$' "$tmp/ytd.disk.old"
ok $? "ytd: the bytes 0.1.0 stored (format 1) read and print as 0.1.0 printed them"
disk_ytd "$tmp/ytd.disk" >"$tmp/ytd.disk.new"
[ "$(cut -d'|' -f1,2 "$tmp/ytd.disk.new")" = "$(cut -d'|' -f1,2 "$tmp/ytd.disk.old")" ] && ! grep -qv '|[23]$' "$tmp/ytd.disk.new"
ok $? "ytd: the current library writes format 2 (flag 2) with the same values"
# Values checked against figures computed by hand or by plain SQL.
chk() { [ "$(q $f -c "SELECT $1")" = t ]; ok $? "0.1.0 binary value: $2"; }
chk "(SELECT v = 'growth >= 7%' AND target_threshold(v) = 7 FROM bin_target WHERE id = 1)" "target 1 is growth >= 7%"
chk "(SELECT target_threshold(v) = 0.1::float8 + 0.2::float8 FROM bin_target WHERE id = 11)" "a threshold of 0.1 + 0.2 keeps every bit"
chk "(SELECT (target_threshold(v), target_threshold_upper(v)) = (1e-5::float8, 2.5::float8) FROM bin_target WHERE id = 14)" "a range keeps both bounds"
chk "(SELECT abs(ytd_growth(v, '2024-03-31') - 100 * (550.5 / 500.5 - 1)) < 1e-9 FROM bin_ytd WHERE id = 1)" "monthly ytd growth = 550.5 / 500.5 - 1"
chk "(SELECT abs(ytd_growth(v, '2024-03-31') - 10) < 1e-9 AND ytd_month_value(v, '2024-03-31') = 132 FROM bin_ytd WHERE id = 2)" "cumulative ytd: 352 / 320 = +10%, March alone 352 - 220"
chk "(SELECT abs(ytd_change(v, '2024-09-30') - 1.4) < 1e-9 FROM bin_ytd WHERE id = 5)" "rate 60.5 -> 61.9 = +1.4 points"
chk "(SELECT ytd_value(v, '2023-01-31') = 0.1::float8 + 0.2::float8 FROM bin_ytd WHERE id = 4)" "a reading of 0.1 + 0.2 keeps every bit"
chk "(SELECT ytd_value(v, '2024-01-31') = 1.7976931348623157e308 FROM bin_ytd WHERE id = 4)" "the largest double survives"
chk "(SELECT assessment_score(v) = 100 * 45 / 50.0 + 3 - 1 AND abs(assessment_geometric(v) - (100 * power(0.75, 0.4) + 2)) < 1e-9 FROM bin_assessment WHERE id = 1)" "score 100 x 45/50 + 3 - 1 = 92, geometric 100 x 0.75^0.4 + 2"
chk "(SELECT assessment_vetoed(v) AND assessment_grade(v) = '不合格' AND assessment_score(v) = 80 FROM bin_assessment WHERE id = 2)" "a veto: 80 points, lowest grade"

# --- 1b. Values written by the 0.2.0 library ------------------------------
# (test/upgrade/fixtures-0.2.0, release 0.2.0: ytd in format 1, and the
# states of values-0.2.0.sql whose float sums depended on the order.)
FX2=$U/fixtures-0.2.0
[ "$(cat "$FX2/VERSION")" = 0.2.0 ]; ok $? "the 0.2.0 fixtures were written by scorecard 0.2.0"
for t in target ytd assessment ytd_sum; do
	tt=${t%_sum}
	q $f -c "CREATE TABLE bin2_$t (id int PRIMARY KEY, v $tt)" -c "CREATE TABLE txt2_$t (id int PRIMARY KEY, v $tt)" \
		-c "\\copy bin2_$t FROM '$FX2/$t.bin' (FORMAT binary)" -c "\\copy txt2_$t FROM '$FX2/$t.txt'" >/dev/null
	ok $? "COPY FROM the 0.2.0 binary and text fixtures of $t"
	# ytd prints exact decimals now ("-2.5e-07" is "-0.00000025", "-0" is "0"):
	# the same kind, as-of and, month by month, the same number
	q $f -c "CREATE TABLE fx2_$t (id int, t text)" -c "\\copy fx2_$t FROM '$FX2/$t.txt'" >/dev/null
	[ "$(q $f -c "WITH a AS (SELECT id, v::text AS t FROM bin2_$t), b AS (SELECT id, t FROM fx2_$t),
		ma AS (SELECT id, m[1] AS mo, m[2]::numeric AS x FROM a, regexp_matches(t, '(\d{4}-\d\d):([^,}]+)', 'g') m),
		mb AS (SELECT id, m[1] AS mo, m[2]::numeric AS x FROM b, regexp_matches(t, '(\d{4}-\d\d):([^,}]+)', 'g') m)
		SELECT (SELECT count(*) FROM a FULL JOIN b USING (id) WHERE split_part(a.t, '{', 1) IS DISTINCT FROM split_part(b.t, '{', 1))
		     + (SELECT count(*) FROM ma FULL JOIN mb USING (id, mo) WHERE ma.x IS DISTINCT FROM mb.x)")" = 0 ]
	ok $? "$t values received in binary print as 0.2.0 printed them ($(wc -l <"$FX2/$t.txt") values; ytd: the same numbers)"
	[ "$(q $f -c "SELECT count(*) FROM bin2_$t b JOIN txt2_$t t USING (id) WHERE b.v::text = t.v::text")" = "$(wc -l <"$FX2/$t.txt")" ]
	ok $? "$t: the binary and the text fixtures of 0.2.0 give the same values"
done
for t in ytd ytd_sum; do
	disk_ytd "$FX2/$t.disk" >"$tmp/$t.disk2"
	[ "$(cut -d'|' -f1,2 "$tmp/$t.disk2" | tr '|' '\t')" = "$(q $f -c "\\copy (SELECT * FROM txt2_$t ORDER BY id) TO STDOUT")" ] &&
		! grep -qv '|[01]$' "$tmp/$t.disk2"
	ok $? "$t: the bytes 0.2.0 stored (format 1) read as 0.2.0's text fixture reads"
done
# 0.2.0's answers on its states, where they were exact: the float sums are
# read as the decimals they show, so every answer is the same double.
q $f -c "SET extra_float_digits = 1" -c "SELECT id, ytd_value(v, '2023-01-31'), ytd_value(v, '2024-01-31'), ytd_growth(v, '2024-01-31'),
	ytd_value(v, '2023-03-31'), ytd_growth(v, '2024-03-31'), ytd_month_value(v, '2024-03-31')
	FROM bin2_ytd_sum ORDER BY id" >"$tmp/ytd_sum.answers"
cmp -s "$tmp/ytd_sum.answers" "$FX2/ytd_sum.answers"; ok $? "the 0.2.0 states answer as 0.2.0 did ($(wc -l <"$FX2/ytd_sum.answers") rows)"
chk2() { [ "$(q $f -c "SELECT $1")" = t ]; ok $? "0.2.0 value: $2"; }
chk2 "(SELECT rollup(v)::text = 'monthly{2023-01:84300.01,2024-01:61191.835}' FROM (SELECT v FROM bin2_ytd_sum WHERE id = 3
	UNION ALL SELECT 'monthly{2023-01:0.01,2024-01:0.025}') x)" "a 0.2.0 state rolls up with a new one: 84300 + 0.01, 61191.81 + 0.025"
chk2 "(SELECT rollup(v)::text = 'monthly{2023-01:84300.01,2024-01:61191.835}' FROM (SELECT 'monthly{2023-01:0.01,2024-01:0.025}'::ytd v
	UNION ALL SELECT v FROM txt2_ytd_sum WHERE id = 3) x)" "and the other way round"
# the bytes 0.2.0 stored, merged as they are (format 1 in memory) by the
# combine function called directly, on either side
both=$(q $f -c "CREATE TEMP TABLE d (lp int, hex text)" -c "\\copy d FROM '$FX2/ytd_sum.disk'" -c "
	SELECT ytd_combine(o, 'monthly{2023-01:0.01,2024-01:0.025}')::text || ' ' || ytd_combine('monthly{2023-01:0.01,2024-01:0.025}', o)::text
	FROM (SELECT public.bytes_ytd(substr(b, 13, (((get_byte(b, 8) | (get_byte(b, 9) << 8)) | (get_byte(b, 10) << 16)) >> 2) - 4)) AS o
	      FROM (SELECT decode(hex, 'hex') AS b FROM d WHERE lp = 3) x) y")
[ "$both" = "monthly{2023-01:84300.01,2024-01:61191.835} monthly{2023-01:84300.01,2024-01:61191.835}" ]
ok $? "ytd_combine merges the bytes 0.2.0 stored with a new state, either side"
chk2 "(SELECT ytd_growth(v, '2024-01-31', 1) = 7.1 AND ytd_growth(v, '2024-01-31', 2) = 7.05 FROM bin2_ytd_sum WHERE id = 2)" \
	"the city summed in 0.2.0 (636820 + 681715.81) publishes 7.05% exactly: 7.1 at one decimal"
chk2 "(SELECT ytd_growth(v, '2024-01-31', 4) = round(100 * (681715.81 / 636820.0000000001 - 1), 4)::float8 FROM bin2_ytd_sum WHERE id = 1)" \
	"the same city summed in the other order in 0.2.0 (636820.0000000001) publishes its exact growth"
chk2 "(SELECT ytd_value(v, '2024-01-31', 1) IS NULL AND ytd_value(v, '2024-01-31') = 1e-300 AND ytd_value(v, '2023-01-31', 1) = 0.6
	AND ytd_inexact(v, '2024-01-31') = '{2024-01-01}' FROM bin2_ytd_sum WHERE id = 5)" \
	"1e-300 (not a decimal held) has no published figure, and ytd_inexact names its month"

# --- 2. A 0.1.0 database updated ------------------------------------------
o=sc_upg_old
q $o -c "CREATE EXTENSION scorecard VERSION '0.1.0'" -f "$U/values.sql" -f "$U/plan-0.1.0.sql" >/dev/null
ok $? "the frozen 0.1.0 script installs with the current library, values and a plan with a run stored"
[ "$(q $o -c "SELECT extversion || ' ' || extnamespace::regnamespace || ' ' || extrelocatable FROM pg_extension WHERE extname = 'scorecard'")" = "0.1.0 scorecard false" ]
ok $? "it is scorecard 0.1.0 in schema scorecard, not relocatable"
# What a database holds and what its functions answer, before and after.
# Every row of the 0.1.0 tables, through the columns 0.1.0 had (an update
# may add columns; their values are checked on their own below).
tables="action unit indicator plan_target reading task assessment_run assessment_run_unit assessment_run_item assessment_run_progress"
declare -A cols
for t in $tables; do
	cols[$t]=$(q $o -c "SELECT string_agg('x.' || quote_ident(attname), ', ' ORDER BY attnum) FROM pg_attribute
		WHERE attrelid = 'scorecard.$t'::regclass AND attnum > 0 AND NOT attisdropped")
done
state() {
	q $o -c "SELECT 'fx_target', id, v::text FROM fx_target UNION ALL SELECT 'fx_ytd', id, v::text FROM fx_ytd
		UNION ALL SELECT 'fx_assessment', id, v::text FROM fx_assessment ORDER BY 1, 2"
	for t in $tables; do
		q $o -c "SELECT '$t', ROW(${cols[$t]})::text FROM scorecard.$t x ORDER BY 2"
	done
}
calls() {
	local o=${1:-$o}
	q $o -c "SELECT 'progress', indicator_id, unit_id, value, growth, actual, met, gap, attainment, status FROM scorecard.progress('2024-06-01') ORDER BY 2, 3" \
		-c "SELECT 'progress_city', indicator_id, value, growth, actual, met, status FROM scorecard.progress_city('2024-06-01') ORDER BY 2" \
		-c "SELECT 'unit_scores', unit_id, indicator_id, actual, met, attainment, points FROM scorecard.unit_scores('2024-06-01') ORDER BY 2, 3" \
		-c "SELECT 'unit_assessment', unit_id, score, grade, rank FROM scorecard.unit_assessment('2024-06-01') ORDER BY 2" \
		-c "SELECT 'task_progress', task_id, investment_completion, overdue FROM scorecard.task_progress('2024-06-30') ORDER BY 2" \
		-c "SELECT 'readings', indicator_id, unit_id, month, value, revision FROM scorecard.readings() ORDER BY 2, 3, 4" \
		-c "SELECT 'readings as recorded', indicator_id, unit_id, month, value, revision FROM scorecard.readings('2024-07-15') ORDER BY 2, 3, 4" \
		-c "SELECT 'latest_month', scorecard.latest_month()"
}
state >"$tmp/state.before"; calls >"$tmp/calls.before"
q $o -f "$U/answers.sql" >"$tmp/answers.before"

# Hand-worked figures of the stored run (before the update).
[ "$(q $o -c "SELECT abs(actual - 8.2) < 1e-9 FROM assessment_run_item WHERE unit_id = 'a' AND indicator_id = 1")" = t ]
ok $? "stored run: county a's retail growth is 129 x 1.082 / 129 - 1 = 8.2%"
[ "$(q $o -c "SELECT abs(actual - 100 * (30 * 1.051 * 5.3 + 36.5) / (30 * 6.45) + 100) < 1e-9 FROM assessment_run_item WHERE unit_id = 'b' AND indicator_id = 1")" = t ]
ok $? "stored run: county b's growth uses the corrected June figure (revision 2: 36.5)"

q $o -c "ALTER EXTENSION scorecard UPDATE" 2>"$tmp/update.err" >/dev/null
ok $? "ALTER EXTENSION scorecard UPDATE"
grep -q 'WARNING:  the plan model (schema scorecard) is now outside extension scorecard' "$tmp/update.err"
ok $? "the update warns that the plan model must be adopted, and says how"
[ "$(q $o -c "SELECT extversion || ' ' || extrelocatable FROM pg_extension WHERE extname = 'scorecard'")" = "$(cat "$TOP/VERSION") true" ]
ok $? "scorecard is at $(cat "$TOP/VERSION") and relocatable; its types stay in schema scorecard"
[ "$(q $o -c "SELECT count(*) FROM pg_depend d JOIN pg_extension e ON e.oid = d.refobjid AND e.extname = 'scorecard'
	WHERE d.deptype = 'e' AND d.classid = 'pg_class'::regclass")" = 0 ]
ok $? "no table, view or sequence belongs to scorecard any more"
state >"$tmp/state.mid"
cmp -s "$tmp/state.before" "$tmp/state.mid"; ok $? "every stored value reads back after the scorecard update"

out=$(q $o -c "CREATE EXTENSION scorecard_plan VERSION '0.1.0'" -c "ALTER EXTENSION scorecard_plan UPDATE" 2>&1)
ok $? "CREATE EXTENSION scorecard_plan VERSION '0.1.0' adopts the plan model; ALTER EXTENSION scorecard_plan UPDATE"
[ "$(q $o -c "SELECT string_agg(extname || ' ' || extversion, ', ' ORDER BY extname) FROM pg_extension WHERE extname LIKE 'scorecard%'")" = "scorecard $(cat "$TOP/VERSION"), scorecard_plan $(cat "$TOP/VERSION")" ]
ok $? "both extensions at $(cat "$TOP/VERSION")"
# 0.1.0 scored level targets of flows against the whole year's target
# (county a's 3 accidents against a budget of 10: attainment 10 / 3, where
# the time-prorated budget at June would give 5 / 3).
[ "$(q $o -c "SELECT string_agg(level_targets, ' ') FROM scorecard.assessment_run")" = full_year ] &&
	[ "$(q $o -c "SELECT round(attainment::numeric, 9) FROM scorecard.assessment_run_item WHERE unit_id = 'a' AND indicator_id = 3")" = "$(q $o -c "SELECT round(10 / 3.0, 9)")" ] &&
	[ "$(q $o -c "SELECT count(*) FROM scorecard.plan_target t JOIN scorecard.indicator i USING (indicator_id) WHERE t.indicator_nature = i.nature")" = 7 ]
ok $? "the 0.1.0 run is recorded as scored against full-year level targets (attainment 10 / 3), each target carries its indicator's nature"
state >"$tmp/state.after"; calls >"$tmp/calls.after"
q $o -f "$U/answers.sql" >"$tmp/answers.after"
cmp -s "$tmp/state.before" "$tmp/state.after"; ok $? "every stored value reads back: $(wc -l <"$tmp/state.after") rows (values, plan tables, readings with revisions, runs)"
# The same plan in a fresh install of this version: the updated database
# answers as it does (where this version computes differently from 0.1.0,
# by design, both answer the new way).
same=sc_upg_same
q $same -c "CREATE SCHEMA scorecard" -c "CREATE EXTENSION scorecard SCHEMA scorecard" -c "CREATE EXTENSION scorecard_plan" \
	-f "$U/plan-0.1.0.sql" >/dev/null
calls $same >"$tmp/calls.same"
diff "$tmp/calls.after" "$tmp/calls.same" | sed 's/^/# /'
cmp -s "$tmp/calls.after" "$tmp/calls.same"
ok $? "the plan functions answer as in a fresh install with the same plan ($(wc -l <"$tmp/calls.after") rows; $(diff "$tmp/calls.before" "$tmp/calls.after" | grep -c '^>') differ from 0.1.0's)"
diff "$tmp/answers.before" "$tmp/answers.after" | sed 's/^/# /'
cmp -s "$tmp/answers.before" "$tmp/answers.after"; ok $? "every function of answers.sql answers as before the update ($(wc -l <"$tmp/answers.after") calls)"
# but the roll-up of ytd values 1 and 4 (issue 19): 100 + 0.30000000000000004
# is the exact decimal now, and months with a reading not held as a decimal
# (1e-300, 1.8e308) beside another are inexact, where 0.1.0 added float8s.
diff <(grep -v '^ytd rollup|' "$FX/answers.txt") <(grep -v '^ytd rollup|' "$tmp/answers.after") | sed 's/^/# /'
cmp -s <(grep -v '^ytd rollup|' "$FX/answers.txt") <(grep -v '^ytd rollup|' "$tmp/answers.after") &&
	grep -qx 'ytd rollup|monthly{2023-01:100.30000000000000004,2023-02:inexact,2023-03:250.5,2024-01:inexact,2024-02:160,2024-03:280.5}' "$tmp/answers.after"
ok $? "and as the 0.1.0 library answered (the roll-up of 100 and 0.1 + 0.2: exact now)"
q $o -c "CALL scorecard.run_assessment(2024, '2024-06-30')" >/dev/null &&
	[ "$(q $o -c "SELECT string_agg(format('%s:%s:%s', unit_id, round(score::numeric, 9), rank), ' ' ORDER BY unit_id) FROM scorecard.assessment_run_unit")" = \
	  "$(grep -E '^(a|b)\|' <(q $o -c "SELECT unit_id, round(score::numeric, 9), rank FROM scorecard.unit_assessment('2024-06-01')") | tr '|' ':' | paste -sd' ')" ]
ok $? "run_assessment after the update replaces the run with the same scores"
[ "$(q $o -c "SELECT count(*) FILTER (WHERE judged_on = 'own') || '/' || count(*) FROM scorecard.plan_target")" = 7/7 ] &&
	[ "$(q $o -c "SELECT string_agg(u.unit_id || ':' || u.kind || ':' || k.level, ' ' ORDER BY u.unit_id) FROM scorecard.unit u JOIN scorecard.unit_kind k USING (kind)")" = "a:county:4 b:county:4 sy:city:3" ]
ok $? "0.1.0 targets are judged on the unit's own figure (judged_on own); units' kinds are the predefined ones (city 3, county 4)"
# The 0.2.0 loader on the updated data: county a's June retail sales (20 x 1.15 x 1.082
# in 0.1.0's readings) corrected to 30 is revision 2, county b's (revision 2: 36.5) is
# unchanged; the same file again changes nothing.
load="SELECT scorecard.begin_load(); INSERT INTO pg_temp.reading_staging (indicator, unit, month, value)
	VALUES ('retail', 'a', '2024-06', '30'), ('retail', 'b', '2024-06', '36.5');
	SELECT inserted, revised, unchanged FROM scorecard.load_readings()"
[ "$(q $o -c "$load" | tail -1)" = "0|1|1" ] && [ "$(q $o -c "$load" | tail -1)" = "0|0|2" ] &&
	[ "$(q $o -c "SELECT value || ' ' || revision FROM scorecard.readings() WHERE indicator_id = 1 AND unit_id = 'a' AND month = '2024-06-01'")" = "30 2" ]
ok $? "after the update, load_readings makes a correction revision 2 and skips unchanged figures"

# --- 3. The updated catalog is a fresh install's ----------------------------
n2=sc_upg_fresh
psql -X -q -v ON_ERROR_STOP=1 -d $n2 -c "CREATE SCHEMA scorecard" -c "CREATE EXTENSION scorecard SCHEMA scorecard" \
	-c "CREATE EXTENSION scorecard_plan" >/dev/null
psql -X -q -At -d $n2 -f "$U/snapshot.sql" >"$tmp/catalog.fresh"
psql -X -q -At -d $o -f "$U/snapshot.sql" >"$tmp/catalog.updated"
diff "$tmp/catalog.updated" "$tmp/catalog.fresh" | head -40 | sed 's/^/# /'
cmp -s "$tmp/catalog.updated" "$tmp/catalog.fresh"
ok $? "the updated extensions equal a fresh install: $(grep -c ' | member' "$tmp/catalog.fresh") objects, every definition, column, constraint, comment"

# The rows a fresh install puts into its tables (the predefined unit kinds)
# are in the updated database too (new tables come empty from the install
# parts; their rows are the hand-written part's).  Of the one-row tables
# that change with use (the data's version and the snapshot's state: the
# updated database has loaded and run since), the row itself.
member_rows() {
	for t in $(q $1 -c "SELECT c.relname FROM pg_class c JOIN pg_depend d ON d.objid = c.oid AND d.deptype = 'e'
		JOIN pg_extension e ON e.oid = d.refobjid AND e.extname = 'scorecard_plan' WHERE c.relkind = 'r' AND c.relnamespace = 'scorecard'::regnamespace ORDER BY 1"); do
		case $t in
		plan_data_version) q $1 -c "SELECT '$t', x.counter FROM scorecard.$t x" ;;
		snapshot_state) q $1 -c "SELECT '$t', x.only_row FROM scorecard.$t x" ;;
		*) q $1 -c "SELECT '$t', x::text FROM scorecard.$t x" ;;
		esac
	done | LC_ALL=C sort
}
member_rows $n2 >"$tmp/rows.fresh"; member_rows $o >"$tmp/rows.updated"
LC_ALL=C comm -23 "$tmp/rows.fresh" "$tmp/rows.updated" | sed 's/^/# missing: /'
[ -s "$tmp/rows.fresh" ] && [ -z "$(LC_ALL=C comm -23 "$tmp/rows.fresh" "$tmp/rows.updated")" ]
ok $? "the $(wc -l <"$tmp/rows.fresh") rows a fresh install puts in its tables are in the updated database"

# --- 4. Errors and dump/restore ---------------------------------------------
e=sc_upg_empty
err=$(psql -X -q -v ON_ERROR_STOP=1 -v VERBOSITY=verbose -d $e -c "\\set VERBOSITY verbose" -c "CREATE EXTENSION scorecard" \
	-c "CREATE EXTENSION scorecard_plan VERSION '0.1.0'" 2>&1)
echo "$err" | grep -q 'ERROR:  55000: there is no plan model of scorecard 0.1.0 to adopt' &&
	[ "$(q $e -c "SELECT count(*) FROM pg_namespace WHERE nspname = 'scorecard'")" = 0 ]
ok $? "adopting where there is nothing to adopt: 55000, nothing created"
# The update runs the install guard first: a relation a role that is not a
# superuser put into schema scorecard stops it (42501), nothing changed.
h=sc_upg_planted
psql -X -q -d postgres -c "CREATE ROLE sc_upg_planter" >/dev/null
q $h -c "CREATE EXTENSION scorecard VERSION '0.1.0'" -c "CREATE TABLE scorecard.planted ()" \
	-c "ALTER TABLE scorecard.planted OWNER TO sc_upg_planter" -c "SET client_min_messages = error" \
	-c "ALTER EXTENSION scorecard UPDATE" -c "CREATE EXTENSION scorecard_plan VERSION '0.1.0'" >/dev/null
err=$(psql -X -q -d $h -c "\set VERBOSITY verbose" -c "ALTER EXTENSION scorecard_plan UPDATE" 2>&1)
echo "$err" | grep -q 'ERROR:  42501: schema scorecard already holds objects: relation planted' &&
	[ "$(q $h -c "SELECT extversion FROM pg_extension WHERE extname = 'scorecard_plan'")" = 0.1.0 ] &&
	[ "$(q $h -c "SELECT count(*) FROM pg_trigger WHERE tgname = 'reading_no_update'")" = 1 ]
ok $? "the update runs the install guard: a relation owned by a role that is not a superuser in schema scorecard stops it (42501), nothing changed"
o2=sc_upg_restore
q $o2 -c "CREATE EXTENSION scorecard VERSION '0.1.0'" -f "$U/plan-0.1.0.sql" >/dev/null
err=$(psql -X -q -d $o2 -c "\\set VERBOSITY verbose" -c "CREATE EXTENSION scorecard_plan VERSION '0.1.0'" 2>&1)
echo "$err" | grep -q 'ERROR:  55000: the plan model still belongs to extension scorecard'
ok $? "adopting before the scorecard update: 55000 with the hint to update first"
psql -X -q -d postgres -c "DROP DATABASE $o2" -c "CREATE DATABASE $o2" >/dev/null
pg_dump -d $o 2>/dev/null | psql -X -q -v ON_ERROR_STOP=1 -d $o2 >/dev/null 2>&1
ok $? "pg_dump of the updated database restores"
[ "$(q $o -c "SELECT count(*) FROM scorecard.reading")" = "$(q $o2 -c "SELECT count(*) FROM scorecard.reading")" ] &&
	[ "$(q $o -c "SELECT md5(string_agg(x::text, ',' ORDER BY x::text)) FROM scorecard.assessment_run_item x")" = \
	  "$(q $o2 -c "SELECT md5(string_agg(x::text, ',' ORDER BY x::text)) FROM scorecard.assessment_run_item x")" ] &&
	[ "$(q $o -c "SELECT md5(string_agg(v::text, ',' ORDER BY id)) FROM fx_ytd")" = "$(q $o2 -c "SELECT md5(string_agg(v::text, ',' ORDER BY id)) FROM fx_ytd")" ]
ok $? "the restored database has the readings, the run and the stored states"

# --- 4b. A 0.2.0 database updated ------------------------------------------
# The frozen 0.2.0 install scripts (placed like 0.1.0's: not installed) with
# the types in schema scorecard, values of every type and the small plan
# with its run; both extensions updated: every row reads back through the
# columns 0.2.0 had, and the catalog is a fresh install's.
v2=sc_upg_v020
case "$sharedir" in
/usr/*) for i in 1 2 3 4 5 6 7 8 9; do n=$((n + 1)); echo "ok $n - # SKIP the server's tree is the system's ($sharedir)"; done ;;
*)
	for x in scorecard scorecard_plan; do
		[ -e "$sharedir/extension/$x--0.2.0.sql" ] ||
			{ cp "$TOP/versions/$x--0.2.0.sql.frozen" "$sharedir/extension/$x--0.2.0.sql"; frozen_file="${frozen_file:-} $sharedir/extension/$x--0.2.0.sql"; }
	done
	q $v2 -c "SET client_min_messages = warning" -c "CREATE SCHEMA scorecard" -c "CREATE EXTENSION scorecard VERSION '0.2.0' SCHEMA scorecard" \
		-c "CREATE EXTENSION scorecard_plan VERSION '0.2.0'" -f "$U/values.sql" -f "$U/plan-0.1.0.sql" >/dev/null
	[ "$(q $v2 -c "SELECT string_agg(extname || ' ' || extversion, ', ' ORDER BY extname) FROM pg_extension WHERE extname LIKE 'scorecard%'")" = "scorecard 0.2.0, scorecard_plan 0.2.0" ]
	ok $? "the frozen 0.2.0 scripts install with the current library, values and a plan with a run stored"
	state02() {
		q $v2 -c "SELECT 'fx_target', id, v::text FROM fx_target UNION ALL SELECT 'fx_ytd', id, v::text FROM fx_ytd
			UNION ALL SELECT 'fx_assessment', id, v::text FROM fx_assessment ORDER BY 1, 2"
		for t in $(q $v2 -c "SELECT c.relname FROM pg_class c JOIN pg_depend d ON d.objid = c.oid AND d.deptype = 'e'
			JOIN pg_extension e ON e.oid = d.refobjid AND e.extname = 'scorecard_plan' WHERE c.relkind = 'r' AND c.relnamespace = 'scorecard'::regnamespace ORDER BY 1"); do
			[ -n "${cols02[$t]:-}" ] || continue	# a table new in this version: no 0.2.0 rows
			q $v2 -c "SELECT '$t', ROW(${cols02[$t]})::text FROM scorecard.$t x ORDER BY 2"
		done
	}
	declare -A cols02
	for t in $(q $v2 -c "SELECT c.relname FROM pg_class c JOIN pg_depend d ON d.objid = c.oid AND d.deptype = 'e'
		JOIN pg_extension e ON e.oid = d.refobjid AND e.extname = 'scorecard_plan' WHERE c.relkind = 'r' AND c.relnamespace = 'scorecard'::regnamespace ORDER BY 1"); do
		cols02[$t]=$(q $v2 -c "SELECT string_agg('x.' || quote_ident(attname), ', ' ORDER BY attnum) FROM pg_attribute
			WHERE attrelid = 'scorecard.$t'::regclass AND attnum > 0 AND NOT attisdropped")
	done
	state02 >"$tmp/state02.before"
	q $v2 -c "SET client_min_messages = warning" -c "ALTER EXTENSION scorecard UPDATE" -c "ALTER EXTENSION scorecard_plan UPDATE" >"$tmp/update02.out" 2>&1
	ok $? "ALTER EXTENSION scorecard UPDATE; ALTER EXTENSION scorecard_plan UPDATE (0.2.0 -> $(cat "$TOP/VERSION"))"
	sed 's/^/# /' "$tmp/update02.out"
	state02 >"$tmp/state02.after"
	diff "$tmp/state02.before" "$tmp/state02.after" | head -20 | sed 's/^/# /'
	cmp -s "$tmp/state02.before" "$tmp/state02.after"
	ok $? "every stored 0.2.0 row reads back through the columns 0.2.0 had ($(wc -l <"$tmp/state02.after") rows)"
	psql -X -q -At -d $v2 -f "$U/snapshot.sql" >"$tmp/catalog.v020"
	diff "$tmp/catalog.v020" "$tmp/catalog.fresh" | head -40 | sed 's/^/# /'
	cmp -s "$tmp/catalog.v020" "$tmp/catalog.fresh"
	ok $? "the extensions updated from 0.2.0 equal a fresh install ($(grep -c ' | member' "$tmp/catalog.fresh") objects)"
	# run_assessment's signature changed in 0.3.0 (INOUT run id and
	# counts): the privileges an administrator set on the old one are the
	# new one's after the update (a REVOKE from PUBLIC is not undone).
	v2acl=sc_upg_v020_acl
	psql -X -q -d postgres -c "SET client_min_messages = warning" -c "DROP DATABASE IF EXISTS $v2acl" -c "CREATE DATABASE $v2acl" \
		-c "DROP ROLE IF EXISTS sc_upg_runner" -c "CREATE ROLE sc_upg_runner" >/dev/null
	q $v2acl -c "SET client_min_messages = warning" -c "CREATE EXTENSION scorecard VERSION '0.2.0'" \
		-c "CREATE EXTENSION scorecard_plan VERSION '0.2.0'" \
		-c "REVOKE EXECUTE ON PROCEDURE scorecard.run_assessment(int, date, timestamptz, boolean) FROM PUBLIC" \
		-c "GRANT EXECUTE ON PROCEDURE scorecard.run_assessment(int, date, timestamptz, boolean) TO sc_upg_runner" \
		-c "ALTER EXTENSION scorecard UPDATE" -c "ALTER EXTENSION scorecard_plan UPDATE" >/dev/null 2>&1
	is "$(q $v2acl -c "SELECT pronargs || ' ' || has_function_privilege('sc_upg_runner', p.oid, 'EXECUTE')
		|| ' ' || has_function_privilege('public', p.oid, 'EXECUTE') FROM pg_proc p WHERE p.proname = 'run_assessment'")" "9 true false" \
		"0.2.0 -> 0.3.0: run_assessment has its new signature (9 arguments) with the privileges set on the old one"
	psql -X -q -d postgres -c "SET client_min_messages = warning" -c "DROP DATABASE IF EXISTS $v2acl" -c "DROP ROLE IF EXISTS sc_upg_runner" >/dev/null
	# 0.3.0 keys a run's items to its progress rows.  An item of 0.2.0
	# without one (its progress row deleted) is kept: the update warns,
	# names the run, and adds the key NOT VALID (new items are checked).
	v2o=sc_upg_v020_orphan
	psql -X -q -d postgres -c "SET client_min_messages = warning" -c "DROP DATABASE IF EXISTS $v2o" -c "CREATE DATABASE $v2o" >/dev/null
	q $v2o -c "SET client_min_messages = warning" -c "CREATE SCHEMA scorecard" -c "CREATE EXTENSION scorecard VERSION '0.2.0' SCHEMA scorecard" \
		-c "CREATE EXTENSION scorecard_plan VERSION '0.2.0'" -f "$U/plan-0.1.0.sql" >/dev/null
	orphan=$(q $v2o -c "DELETE FROM scorecard.assessment_run_progress p USING scorecard.assessment_run_item i
		WHERE (p.run_id, p.unit_id, p.indicator_id) = (i.run_id, i.unit_id, i.indicator_id)
		  AND (i.unit_id, i.indicator_id) = (SELECT min(unit_id), min(indicator_id) FROM scorecard.assessment_run_item)
		RETURNING p.run_id || ':' || p.unit_id || ':' || p.indicator_id")
	items=$(q $v2o -c "SELECT count(*) FROM scorecard.assessment_run_item")
	out=$(q $v2o -c "ALTER EXTENSION scorecard UPDATE" -c "ALTER EXTENSION scorecard_plan UPDATE" 2>&1)
	echo "$out" | grep -q "WARNING:  scorecard_plan 0.3.0: items of runs ${orphan%%:*} have no progress row" &&
		[ "$(q $v2o -c "SELECT count(*) || ' ' || (SELECT convalidated FROM pg_constraint WHERE conname = 'assessment_run_item_is_of_a_progress_row')
			FROM scorecard.assessment_run_item")" = "$items false" ]
	ok $? "0.2.0 -> 0.3.0 with an item without its progress row ($orphan): a WARNING names its run, all $items items kept, the key NOT VALID"
	# (the kept item deleted and inserted again: refused, as a new item)
	err=$(q $v2o -c "DELETE FROM scorecard.assessment_run_item WHERE run_id || ':' || unit_id || ':' || indicator_id = '$orphan';
		INSERT INTO scorecard.assessment_run_item (run_id, unit_id, indicator_id, target, scoring, weight)
		SELECT run_id, '$(echo "$orphan" | cut -d: -f2)', $(echo "$orphan" | cut -d: -f3), '>= 1', 'ratio', 1 FROM scorecard.assessment_run LIMIT 1" 2>&1)
	echo "$err" | grep -q 'violates foreign key constraint "assessment_run_item_is_of_a_progress_row"'
	ok $? "... and a new item without its progress row is refused (23503)${err:+: $err}"
	psql -X -q -d postgres -c "SET client_min_messages = warning" -c "DROP DATABASE IF EXISTS $v2o" >/dev/null
	# 0.2.0 had the HTML report in the plan model; from 0.3.0 it is the
	# extension scorecard_report: the update removes it, CREATE EXTENSION
	# scorecard_report brings it back (README, "Versions and upgrades").
	[ "$(q $v2 -c "SELECT to_regprocedure('scorecard.progress_report_html(date,text)') IS NULL AND to_regprocedure('scorecard.report_css()') IS NULL
		AND to_regprocedure('scorecard.report_target_zh(scorecard.target,text,text)') IS NOT NULL")" = t ]
	ok $? "after the update the plan model has no HTML report (progress_report_html, report_css) and keeps its label helpers"
	q $v2 -c "SET client_min_messages = warning" -c "CREATE EXTENSION scorecard_report" >/dev/null &&
		[ "$(q $v2 -c "SELECT left(scorecard.progress_report_html('2024-11-30'), 15) || ' ' || (SELECT extversion FROM pg_extension WHERE extname = 'scorecard_report')")" = "<!DOCTYPE html> $(cat "$TOP/VERSION")" ]
	ok $? "CREATE EXTENSION scorecard_report brings progress_report_html back"
	;;
esac

# --- 5. The current version's update onto itself -------------------------
# What the Makefile adds to every update script from the install parts
# (make rerun-scripts: to VERSION-rerun, nothing hand-written) must leave a
# database as a fresh install of the same version leaves it: its rows,
# row-level security's policies, a role's privileges on the views, a REVOKE
# on a function and a user's view over a plan view; with the types in their
# own schema (the safe recipe), as the next version's update will meet them.
ver=$(cat "$TOP/VERSION")
sharedir=$(psql -X -At -d postgres -c "SELECT setting FROM pg_config WHERE name = 'SHAREDIR'")
case "$sharedir" in
/usr/*) # the system's tree (the package suite's server): install nothing there
	for i in 1 2 3 4 5; do n=$((n + 1)); echo "ok $n - # SKIP the server's tree is the system's ($sharedir)"; done ;;
*)
	make -s -C "$TOP" rerun-scripts >/dev/null
	rerun_files="$sharedir/extension/scorecard--$ver--$ver-rerun.sql $sharedir/extension/scorecard_plan--$ver--$ver-rerun.sql"
	cp "$TOP/tmp/rerun/scorecard--$ver--$ver-rerun.sql" "$TOP/tmp/rerun/scorecard_plan--$ver--$ver-rerun.sql" "$sharedir/extension/"
	psql -X -q -d postgres -c "CREATE ROLE sc_upg_county" >/dev/null
	r=sc_upg_rerun f2=sc_upg_fresh2
	for d in $r $f2; do
		q $d -c "SET client_min_messages = warning" -c "CREATE SCHEMA scorecard_types" \
			-c "CREATE EXTENSION scorecard SCHEMA scorecard_types" -c "CREATE EXTENSION scorecard_plan" \
			-f "$U/plan-0.1.0.sql" -c "SELECT scorecard.enable_unit_security()" \
			-c "SELECT scorecard.grant_unit_access('sc_upg_county', 'a')" \
			-c "REVOKE EXECUTE ON FUNCTION scorecard.grant_unit_access(regrole, text) FROM PUBLIC" \
			-c "CREATE VIEW public.county_scores WITH (security_invoker = true) AS SELECT unit_id, score FROM scorecard.unit_assessment_latest" \
			-c "GRANT SELECT ON public.county_scores TO sc_upg_county" >/dev/null
	done
	rows() {
		for t in $(q $r -c "SELECT c.relname FROM pg_class c JOIN pg_depend d ON d.objid = c.oid AND d.deptype = 'e'
			JOIN pg_extension e ON e.oid = d.refobjid AND e.extname = 'scorecard_plan' WHERE c.relkind = 'r' AND c.relnamespace = 'scorecard'::regnamespace ORDER BY 1"); do
			q $r -c "SELECT '$t', x::text FROM scorecard.$t x ORDER BY 2"
		done
		q $r -c "SELECT tablename, policyname, qual, with_check FROM pg_policies ORDER BY 1, 2"
		psql -X -q -At -d $r -c "SET ROLE sc_upg_county" -c "SELECT unit_id, count(*) FROM scorecard.reading GROUP BY 1" \
			-c "SELECT unit_id, round(score::numeric, 9) FROM public.county_scores ORDER BY 1"
	}
	# a routine of scorecard the re-creatable parts do not create (as when
	# a signature changes): only a hand-written DROP removes it, and the
	# catalog comparison must name it until one does
	q $r -c "CREATE FUNCTION scorecard_types.target_gone(scorecard_types.target) RETURNS int LANGUAGE sql AS 'SELECT 1'" \
		-c "ALTER EXTENSION scorecard ADD FUNCTION scorecard_types.target_gone(scorecard_types.target)" >/dev/null
	rows >"$tmp/rerun.before"
	q $r -c "SET client_min_messages = warning" -c "ALTER EXTENSION scorecard UPDATE TO '$ver-rerun'" \
		-c "ALTER EXTENSION scorecard_plan UPDATE TO '$ver-rerun'" >"$tmp/rerun.out" 2>&1
	ok $? "ALTER EXTENSION ... UPDATE TO '$ver-rerun' (the install parts again) with the types in schema scorecard_types"
	sed 's/^/# /' "$tmp/rerun.out"
	psql -X -q -At -d $f2 -f "$U/snapshot.sql" >"$tmp/catalog.fresh2"
	psql -X -q -At -d $r -f "$U/snapshot.sql" | sed "s/version=$ver-rerun /version=$ver /" >"$tmp/catalog.rerun"
	diff "$tmp/catalog.rerun" "$tmp/catalog.fresh2" | grep '^[<>]' >"$tmp/catalog.left"
	grep -q 'target_gone' "$tmp/catalog.left" && ! grep -q '^>' "$tmp/catalog.left"
	ok $? "the catalog comparison names the routine the update left behind and nothing missing ($(wc -l <"$tmp/catalog.left") lines)"
	# what the hand-written part of the update that drops it would run
	q $r -c "ALTER EXTENSION scorecard DROP FUNCTION scorecard_types.target_gone(scorecard_types.target)" \
		-c "DROP FUNCTION scorecard_types.target_gone(scorecard_types.target)" >/dev/null
	rows >"$tmp/rerun.after"
	cmp -s "$tmp/rerun.before" "$tmp/rerun.after" && grep -q '^a|' "$tmp/rerun.after" && ! grep -q '^b|' "$tmp/rerun.after"
	ok $? "every row, the policies, and what the county role sees (county a only, through a user's view too) are as before ($(wc -l <"$tmp/rerun.after") lines)"
	cmp -s "$tmp/rerun.before" "$tmp/rerun.after" || diff "$tmp/rerun.before" "$tmp/rerun.after" | head -20 | sed 's/^/# /'
	psql -X -q -At -d $r -f "$U/snapshot.sql" | sed "s/version=$ver-rerun /version=$ver /" >"$tmp/catalog.rerun"
	diff "$tmp/catalog.rerun" "$tmp/catalog.fresh2" | head -40 | sed 's/^/# /'
	cmp -s "$tmp/catalog.rerun" "$tmp/catalog.fresh2"
	ok $? "and the catalog is the fresh install's, privileges granted and revoked included ($(grep -c ' | member' "$tmp/catalog.fresh2") objects)"
	[ "$(q $r -c "SELECT has_function_privilege('sc_upg_county', 'scorecard.grant_unit_access(regrole, text)', 'EXECUTE')::text
		|| has_table_privilege('sc_upg_county', 'scorecard.progress_latest', 'SELECT')::text")" = falsetrue ]
	ok $? "the county role still may not call grant_unit_access (revoked) and may read progress_latest (granted)"
	;;
esac

# --- 4c. A 0.2.0 database with the types in public ----------------------
# 0.2.0's CASCADE left scorecard in public, on every pinned search_path; an
# update leaves it there.  The documented move (ALTER EXTENSION scorecard
# SET SCHEMA scorecard before the updates) takes public off every path, and
# the catalog is then a fresh install's (which CASCADE puts in scorecard).
v2p=sc_upg_v020pub
dbs="$dbs $v2p"
case "$sharedir" in
/usr/*) for i in 1 2; do n=$((n + 1)); echo "ok $n - # SKIP the server's tree is the system's ($sharedir)"; done ;;
*)
	psql -X -q -d postgres -c "SET client_min_messages = warning" -c "DROP DATABASE IF EXISTS $v2p" -c "CREATE DATABASE $v2p" >/dev/null
	q $v2p -c "SET client_min_messages = warning" -c "CREATE EXTENSION scorecard VERSION '0.2.0'" \
		-c "CREATE EXTENSION scorecard_plan VERSION '0.2.0'" -f "$U/plan-0.1.0.sql" >/dev/null &&
		[ "$(q $v2p -c "SELECT count(*) FROM pg_proc WHERE pronamespace = 'scorecard'::regnamespace
			AND array_to_string(proconfig, ' ') LIKE '%search_path=pg_catalog, scorecard, public, pg_temp%'")" -gt 50 ]
	ok $? "0.2.0 with the types in public: public on the plan functions' pinned paths"
	q $v2p -c "SET client_min_messages = warning" -c "ALTER EXTENSION scorecard SET SCHEMA scorecard" \
		-c "ALTER EXTENSION scorecard UPDATE" -c "ALTER EXTENSION scorecard_plan UPDATE" >/dev/null &&
		[ "$(q $v2p -c "SELECT count(*) FROM pg_proc WHERE array_to_string(proconfig, ' ') LIKE '%public%'")" = 0 ] &&
		psql -X -q -At -d $v2p -f "$U/snapshot.sql" >"$tmp/catalog.v020pub" && cmp -s "$tmp/catalog.v020pub" "$tmp/catalog.fresh"
	ok $? "ALTER EXTENSION scorecard SET SCHEMA scorecard, then both updates: no pinned path names public; the catalog is a fresh install's"
	diff "$tmp/catalog.v020pub" "$tmp/catalog.fresh" | head -20 | sed 's/^/# /'
	;;
esac

# --- 6. A 0.2.0 database with row-level security and a county, updated ---
# 0.2.0's grant_unit_access gave INSERT on reading and SELECT on all of
# assessment_run; the update gives what this version's gives (INSERT on
# reading_intake's figure columns, some columns of assessment_run), and the
# policies its enable_unit_security() makes (reading_intake, unit_access):
# as a fresh install with the same calls.  (SELECT on a table new in this
# version is not compared: the update creates it after its hand-written
# part, so a role granted units before does not get it.)
case "$sharedir" in
/usr/*) n=$((n + 1)); echo "ok $n - # SKIP the server's tree is the system's ($sharedir)" ;;
*)
	for x in scorecard scorecard_plan; do
		[ -e "$sharedir/extension/$x--0.2.0.sql" ] ||
			{ cp "$TOP/versions/$x--0.2.0.sql.frozen" "$sharedir/extension/$x--0.2.0.sql"; frozen_file="${frozen_file:-} $sharedir/extension/$x--0.2.0.sql"; }
	done
	[ "$(q postgres -c "SELECT count(*) FROM pg_roles WHERE rolname = 'sc_upg_county'")" = 1 ] ||
		psql -X -q -d postgres -c "CREATE ROLE sc_upg_county" >/dev/null
	security() {
		q $1 -c "SELECT c.relname || ' rls=' || c.relrowsecurity || ' ' || coalesce((SELECT string_agg(a.privilege_type, ',' ORDER BY a.privilege_type)
			FROM aclexplode(c.relacl) a WHERE a.grantee = 'sc_upg_county'::regrole), '') FROM pg_class c
			WHERE c.relnamespace = 'scorecard'::regnamespace AND c.relkind = 'r'
			  AND c.relname IN ('reading', 'reading_intake', 'assessment_run', 'unit_access', 'plan_target') ORDER BY 1" \
			-c "SELECT a.attrelid::regclass || '.' || a.attname || ' ' || x.privilege_type FROM pg_attribute a, aclexplode(a.attacl) x
			WHERE a.attrelid IN (SELECT oid FROM pg_class WHERE relnamespace = 'scorecard'::regnamespace) AND x.grantee = 'sc_upg_county'::regrole ORDER BY 1" \
			-c "SELECT tablename || ' ' || policyname || ' ' || cmd || ' ' || coalesce(qual, '') || ' ' || coalesce(with_check, '')
			FROM pg_policies WHERE schemaname = 'scorecard' ORDER BY 1"
	}
	q sc_upg_sec02 -c "SET client_min_messages = warning" -c "CREATE EXTENSION scorecard VERSION '0.2.0'" \
		-c "CREATE EXTENSION scorecard_plan VERSION '0.2.0'" -f "$U/plan-0.1.0.sql" -c "SELECT scorecard.enable_unit_security()" \
		-c "SELECT scorecard.grant_unit_access('sc_upg_county', 'a')" >/dev/null &&
		q sc_upg_sec02 -c "SET client_min_messages = warning" -c "ALTER EXTENSION scorecard UPDATE" -c "ALTER EXTENSION scorecard_plan UPDATE" >/dev/null
	q sc_upg_sec03 -c "SET client_min_messages = warning" -c "CREATE EXTENSION scorecard_plan CASCADE" \
		-f "$U/plan-0.1.0.sql" -c "SELECT scorecard.enable_unit_security()" \
		-c "SELECT scorecard.grant_unit_access('sc_upg_county', 'a')" >/dev/null
	security sc_upg_sec02 >"$tmp/security.v020"
	security sc_upg_sec03 >"$tmp/security.fresh"
	diff "$tmp/security.v020" "$tmp/security.fresh" | head -20 | sed 's/^/# /'
	cmp -s "$tmp/security.v020" "$tmp/security.fresh" && grep -q '^reading_intake rls=true SELECT$' "$tmp/security.fresh" &&
		grep -q '^reading rls=true SELECT$' "$tmp/security.fresh"
	ok $? "0.2.0 with row-level security and a county role, updated: the county's privileges and the policies are a fresh install's ($(wc -l <"$tmp/security.fresh") lines)"
	;;
esac

echo "# 0.1.0 -> $(cat "$TOP/VERSION"): $(wc -l <"$tmp/state.after") stored rows, $(wc -l <"$tmp/calls.after") plan-function rows as a fresh install's and $(wc -l <"$tmp/answers.after") function answers as before; $(grep -c ' | member' "$tmp/catalog.fresh") objects as a fresh install"
echo "1..$n"
exit $failed
