#!/usr/bin/env bash
# The monthly report: the terminal report of the demo (data/demo.sql) fits 120
# columns with Chinese labels and names, and progress_report_html() gives one
# self-contained, well-formed, escaped HTML document whose figures agree with
# plain-SQL formulas over the readings.  Runs on the test server.
set -uo pipefail
TOP=$(cd "$(dirname "$0")/../.." && pwd)
export PATH=/usr/lib/postgresql/15/bin:$PATH PGCLIENTENCODING=UTF8
PY=/usr/bin/python3
source "$TOP/test/tap.sh"
db=scorecard_report_t
out="$TOP/tmp/test/report"
mkdir -p "$out"
cleanup() { psql -X -q -d postgres -c "SET client_min_messages = warning" -c "DROP DATABASE IF EXISTS $db" >/dev/null; }
trap cleanup EXIT
cleanup
q() { psql -X -q -At -v ON_ERROR_STOP=1 -d $db -c "SET search_path = scorecard, public" -c "$1"; }
cd "$TOP"

# --- the terminal report: the demo itself, run on a fresh database ---
psql -X -q -d postgres -c "CREATE DATABASE $db" >/dev/null
psql -X -q -P pager=off -v ON_ERROR_STOP=1 -v last_month=2024-11-01 -d $db -f data/demo.sql >"$out/terminal.txt" 2>"$out/terminal.err"
ok $? "data/demo.sql runs (terminal report in tmp/test/report/terminal.txt)"

# Display width: East Asian wide and fullwidth characters take two columns.
width=$($PY - "$out/terminal.txt" <<'PY'
import sys, unicodedata
w = lambda s: sum(2 if unicodedata.east_asian_width(c) in "WF" else 1 for c in s)
lines = open(sys.argv[1], encoding="utf-8").read().split("\n")
print(max(w(l) for l in lines))
PY
)
[ -n "$width" ] && [ "$width" -le 120 ]; ok $? "every line of the terminal report fits 120 display columns (widest: $width)"
# The check itself counts a CJK character as two columns.
[ "$($PY -c "import unicodedata; print(sum(2 if unicodedata.east_asian_width(c) in 'WF' else 1 for c in '邵阳市 ab（'))")" = 11 ]
ok $? "the width check counts CJK characters (and fullwidth punctuation) as two columns"
# Characters of ambiguous width (≥, ≤, ↑, ·) take two columns in some CJK terminals: none are used.
$PY -c "import sys, unicodedata; sys.exit(any(unicodedata.east_asian_width(c) == 'A' for c in open(sys.argv[1], encoding='utf-8').read()))" "$out/terminal.txt"
ok $? "no character of ambiguous width in the terminal report"

# Chinese labels, no English status or yes/no words, no indicator numbers.
! grep -qwE 'yes|no|green|yellow|red|act|src|met|status|true|false|t|f|points|days|overdue|pp' "$out/terminal.txt"
ok $? "no English labels (yes/no, t/f, green/yellow/red, act, src, met, status, points, days) in the terminal report"
grep -qE '\| 是 +\| 绿' "$out/terminal.txt" && grep -qE '\| 否 +\| 红' "$out/terminal.txt"
ok $? "met and status read 是/否 and 红/黄/绿"
# The county ranking lists the unmet targets of 北塔区 by name: the names of
# its weighted targets not met, from plain SQL over the stored run.
names=$(q "SELECT string_agg(i.name_zh, '、' ORDER BY i.indicator_id)
	FROM assessment_run r JOIN assessment_run_item ai USING (run_id) JOIN indicator i USING (indicator_id)
	WHERE r.as_of = '2024-11-30' AND ai.unit_id = 'beita' AND NOT ai.met")
flat=$(tr -d '\n' <"$out/terminal.txt" | sed 's/ *| *|\.//g; s/ *|\.//g')
[ -n "$names" ] && grep -qF "北塔区" <<<"$flat" && grep -qF "${names:0:20}" <<<"$flat"
ok $? "the county ranking names the unmet targets (北塔区: ${names:0:24}...)"
! grep -E '未达标' -A 40 "$out/terminal.txt" | grep -qE '\| [0-9]+(,[0-9]+)+ *$'
ok $? "no lists of indicator numbers in the rankings"

# --- the HTML report ---
q "SELECT progress_report_html('2024-11-15')" >"$out/report.html"
ok $? "progress_report_html('2024-11-15') runs"
$PY - "$out/report.html" <<'PY'
import sys
from html.parser import HTMLParser
VOID = {"meta", "br", "circle", "path", "line", "rect", "img", "input", "hr"}
class P(HTMLParser):
    def __init__(s):
        super().__init__(); s.stack = []; s.bad = []; s.external = []
    def handle_starttag(s, t, a):
        for k, v in a:
            if k in ("src", "href") or (v and ("url(" in v or "http" in v)):
                s.external.append((t, k, v))
        if t in ("script", "link", "img", "iframe", "object"):
            s.external.append((t, None, None))
        if t not in VOID: s.stack.append(t)
    def handle_startendtag(s, t, a): pass
    def handle_endtag(s, t):
        if t in VOID: return
        if not s.stack or s.stack[-1] != t: s.bad.append(t); return
        s.stack.pop()
doc = open(sys.argv[1], encoding="utf-8").read()
p = P(); p.feed(doc)
css = doc[doc.index("<style>"):doc.index("</style>")]
problems = p.bad + p.stack + [str(e) for e in p.external]
if "@import" in css or "url(" in css or "http" in css: problems.append("css fetches")
if not doc.startswith("<!DOCTYPE html>"): problems.append("no doctype")
print("\n".join("# " + x for x in problems))
sys.exit(1 if problems else 0)
PY
ok $? "the HTML is well formed and self-contained (no script, link, img, src, href, url(), @import)"
# The city's child kinds, named from unit_kind in the order of its children.
kinds=$(q "SELECT string_agg(name_zh, '、' ORDER BY first) FROM (SELECT k.name_zh, min(u.sort_order) AS first
	FROM unit u JOIN unit_kind k USING (kind) WHERE u.parent_id = 'shaoyang' AND NOT k.is_department GROUP BY k.name_zh) x")
miss=""
for s in 一、全市主要目标完成情况 "二、各${kinds}主要指标完成情况" 三、考核排名 "四、各${kinds}对全市增长的贡献" 五、滞后清单 六、主要指标累计增速走势 "<h3>${kinds}</h3>" "<h3>市直部门</h3>"; do
	grep -qF "$s" "$out/report.html" || miss="$miss $s"
done
[ "$kinds" = "区、县级市、县" ] && [ -z "$miss" ]; ok $? "the six sections are there, their child units named from unit_kind ($kinds; missing:${miss:- none})"
# Every county name, every main indicator name appear; no unit or indicator id does.
miss=$(q "SELECT string_agg(name_zh, ',') FROM unit WHERE kind <> 'department' AND parent_id = 'shaoyang'
	AND strpos(\$x\$$(tr -d '\n' <"$out/report.html" | sed 's/\$x\$//g')\$x\$, '<th class=\"unit\">' || name_zh || '</th>') = 0")
[ -z "$miss" ]; ok $? "the matrix rows are the county names (missing: ${miss:-none})"

# Progress bar of 新增高价值发明专利 (a monthly flow, level >= 110, reported by
# the city): the year's readings summed in plain SQL over the threshold.
want=$(q "SELECT round((sum(value) / 110)::numeric, 4) FROM reading_current
	WHERE indicator_id = 9 AND unit_id = 'shaoyang' AND month BETWEEN '2024-01-01' AND '2024-11-01'")
grep -qF "data-indicator=\"9\" data-status=\"" "$out/report.html" &&
	grep -oE '<tr data-indicator="9"[^<]*(<[^<]*){0,30}' "$out/report.html" | grep -qF "data-fill=\"$want\""
ok $? "the bar of 新增高价值发明专利 is filled to the plain-SQL share of its target ($want)"
grep -oE '<tr data-indicator="9"[^<]*(<[^<]*){0,30}' "$out/report.html" | grep -qF 'data-mark="0.9167"'
ok $? "its time-progress mark is at 11/12"

# Contribution and pull of 社会消费品零售总额 (monthly readings): plain SQL
# over the readings of January..November of both years.
IFS='|' read -r c p g <<<"$(q "WITH v AS (
		SELECT unit_id, sum(value) FILTER (WHERE month >= '2024-01-01') AS cur,
		       sum(value) FILTER (WHERE month < '2024-01-01') AS pri
		FROM reading_current WHERE indicator_id = 13
		  AND unit_id IN (SELECT unit_id FROM unit WHERE parent_id = 'shaoyang' AND kind <> 'department')
		  AND (month BETWEEN '2024-01-01' AND '2024-11-01' OR month BETWEEN '2023-01-01' AND '2023-11-01')
		GROUP BY unit_id)
	SELECT round((100 * (cur - pri) / (SELECT sum(cur) - sum(pri) FROM v))::numeric, 6),
	       round((100 * (cur - pri) / (SELECT sum(pri) FROM v))::numeric, 6),
	       round((100 * ((SELECT sum(cur) FROM v) / (SELECT sum(pri) FROM v) - 1))::numeric, 6)
	FROM v WHERE unit_id = 'shaodong'")"
got=$(q "SELECT round(contribution::numeric, 6) || ' ' || round(pull::numeric, 6) FROM report_contribution('2024-11-30', 'shaoyang')
	WHERE indicator_id = 13 AND unit_id = 'shaodong'")
[ -n "$c" ] && [ "$got" = "$c $p" ]; ok $? "邵东市's contribution and pull to retail sales match plain SQL ($c%, $p points)"
sums=$(q "SELECT round(sum(contribution)::numeric, 6) || ' ' || round(sum(pull)::numeric, 6)
	FROM report_contribution('2024-11-30', 'shaoyang') WHERE indicator_id = 13")
[ "$sums" = "100.000000 $g" ]; ok $? "contributions add up to 100 and pulls to the city's growth ($sums vs $g)"
# The report shows them at one decimal (contribution) and two (pull).
row=$(grep -oE '<table class="contrib">.*' "$out/report.html" | grep -oE '<tr><th class="unit">邵东市</th>.*' | sed 's#</tr>.*##')
c1=$(q "SELECT round($c, 1)"); p2=$(q "SELECT round($p, 2)")
grep -qF ">$c1</td><td class=\"num\">$p2</td>" <<<"$row"
ok $? "the contribution table shows them as published ($c1, $p2)"

# Rank change: against the stored run of October (plain SQL over its scores).
q "SELECT unit_id, rank FROM report_ranking('2024-11-30', 'shaoyang', 'county') ORDER BY unit_id" >"$out/rank_now"
exp=$(q "SELECT string_agg(unit_id || '|' || rk, ',' ORDER BY unit_id) FROM (
	SELECT u.unit_id, rank() OVER (ORDER BY u.score DESC) AS rk FROM assessment_run r JOIN assessment_run_unit u USING (run_id)
	WHERE r.as_of = '2024-10-31' AND u.peer_group = 'county') x")
gotp=$(q "SELECT string_agg(unit_id || '|' || prior_rank, ',' ORDER BY unit_id) FROM report_ranking('2024-11-30', 'shaoyang', 'county')")
[ -n "$exp" ] && [ "$exp" = "$gotp" ]; ok $? "previous ranks are the October run's ranks by score"
grep -qF '较上月：与上月考核运行（2024-10-31）' "$out/report.html"; ok $? "the report says the ranks are compared with the stored October run"
# Without the October run, no rank change: the ranking published a month
# before is the stored run; one nobody published is not computed unasked.
norun=$(psql -X -q -At -d $db -c "SET search_path = scorecard, public" -c "BEGIN" \
	-c "DELETE FROM assessment_run WHERE as_of = '2024-10-31'" \
	-c "SELECT count(prior_rank) FROM report_ranking('2024-11-30', 'shaoyang', 'county')" \
	-c "SELECT position('上月未存考核结果，不比较名次' IN progress_report_html('2024-11-30'))" -c "ROLLBACK")
[ "$(sed -n 1p <<<"$norun")" = 0 ] && [ "$(sed -n 2p <<<"$norun")" -gt 0 ]
ok $? "without the October run the report compares no ranks and says so ($(tr '\n' ' ' <<<"$norun"))"
# Asked with the previous month's scores, report_ranking ranks on them: the
# ranks of unit_assessment() at October's end.
exp=$(q "SELECT string_agg(unit_id || '|' || rank, ',' ORDER BY unit_id) FROM unit_assessment('2024-10-31')
	WHERE peer_group = 'county' AND unit_id IN (SELECT unit_id FROM unit WHERE parent_id = 'shaoyang')")
got=$(psql -X -q -At -d $db -c "SET search_path = scorecard, public" -c "BEGIN" \
	-c "DELETE FROM assessment_run WHERE as_of = '2024-10-31'" \
	-c "SELECT string_agg(unit_id || '|' || prior_rank, ',' ORDER BY unit_id) FROM report_ranking('2024-11-30', 'shaoyang', 'county',
	        prev_scores => ARRAY(SELECT s FROM unit_scores('2024-10-31') s))" -c "ROLLBACK")
[ -n "$exp" ] && [ "$exp" = "$got" ]; ok $? "given October's scores, the previous ranks are unit_assessment()'s at October's end"

# One computation: the report computes the states and progress once, with
# or without the runs of the month and of the month before (function call
# counts of the transaction, track_functions), the dashboards' snapshot
# made stale; with it current (a run of the month stored it), it reads
# progress from it and computes the states only.
calls() {
	psql -X -q -At -d $db -c "SET search_path = scorecard, public" -c "SET track_functions = 'all'" -c "BEGIN" -c "$1" \
		-c "SELECT octet_length(progress_report_html('2024-11-30')) > 0" \
		-c "SELECT string_agg(funcname || '=' || calls, ' ' ORDER BY funcname) FROM pg_stat_xact_user_functions
		    WHERE schemaname = 'scorecard' AND funcname IN ('indicator_state', 'progress_of_states', 'unit_scores_of', 'progress')" \
		-c "ROLLBACK" | tail -n 1
}
stale="UPDATE snapshot_state SET data_version = -1"
stored=$(calls "SELECT snapshot_is_current()")
[ "$stored" = "indicator_state=1" ]; ok $? "with the snapshot current, one indicator_state and no progress computation ($stored)"
with=$(calls "$stale")
[ "$with" = "indicator_state=1 progress_of_states=1" ]; ok $? "with the runs stored, one indicator_state and one progress computation ($with)"
without=$(calls "$stale; DELETE FROM assessment_run")
[ "$without" = "indicator_state=1 progress_of_states=1 unit_scores_of=2" ]
ok $? "without runs, the same, and the scores of each ranking's peers ($without)"
moved=$(q "SELECT string_agg(unit_zh || CASE WHEN prior_rank > rank THEN '↑' || (prior_rank - rank) ELSE '↓' || (rank - prior_rank) END, ',')
	FROM report_ranking('2024-11-30', 'shaoyang', 'department') WHERE prior_rank <> rank")
ok=0
for m in ${moved//,/ }; do
	name=${m%[↑↓]*}; arrow=${m#"$name"}
	grep -qE "<td class=\"name\">$name</td>.{0,200}<span class=\"(up|down)\">$arrow</span>" "$out/report.html" || { ok=1; echo "# $m not shown"; }
done
[ -n "$moved" ]; ok $((ok + $?)) "departments that moved show their change (${moved:-none})"

# Lagging list: the red and yellow targets of the city and its units (the
# rows of lagging_list, test/suites/recorded_history.sh) and the tasks
# behind, counted in plain SQL.
nt=$(grep -oE '<h3>落后指标</h3>.*<h3>滞后项目与任务</h3>' "$out/report.html" | grep -oE '<tr><td><span class="chip' | wc -l)
et=$(q "SELECT count(*) FROM progress('2024-11-30') WHERE status IN ('red', 'yellow')")
[ "$nt" = "$et" ]; ok $? "the lagging list has the $et targets of the city and its units in red or yellow ($nt)"
# A county's report lists its own red and yellow targets (and those of any
# unit below it), none of the city's or its neighbours'.
q "SELECT progress_report_html('2024-11-30', 'beita')" >"$out/report_beita.html"
nb=$(grep -oE '<h3>落后指标</h3>.*<h3>滞后项目与任务</h3>' "$out/report_beita.html" | grep -oE '<tr><td><span class="chip' | wc -l)
eb=$(q "WITH RECURSIVE below(unit_id) AS (SELECT 'beita'::text UNION SELECT u.unit_id FROM unit u JOIN below b ON u.parent_id = b.unit_id)
	SELECT count(*) FROM progress('2024-11-30') WHERE status IN ('red', 'yellow') AND unit_id IN (SELECT unit_id FROM below)")
[ "$eb" -gt 0 ] && [ "$nb" = "$eb" ]; ok $? "北塔区's report lists its $eb targets in red or yellow ($nb)"
nk=$(grep -oE '<h3>滞后项目与任务</h3>.*<h2>六、' "$out/report.html" | grep -oE '<tr><td><span class="chip' | wc -l)
ek=$(q "SELECT count(*) FROM task WHERE year = 2024 AND status <> 'done'
	AND (due_date < '2024-11-30' OR completed_investment / planned_investment <
	     least(1, ('2024-11-30'::date - coalesce(start_date, '2024-01-01') + 1)::numeric / (due_date - coalesce(start_date, '2024-01-01') + 1)))")
[ "$nk" = "$ek" ]; ok $? "the lagging list has the $ek tasks overdue or behind their schedule ($nk)"
# Section 7, the data review of the month: the findings of the whole
# review (data_review over every unit) of the city and its units in
# November, one row each.
nr=$(grep -oE '<h2>七、数据审核</h2>.*' "$out/report.html" | grep -oE '<tr><td><span class="chip' | wc -l)
er=$(q "SELECT count(*) FROM data_review('2024-11-30') f JOIN unit u USING (unit_id)
	WHERE f.month = '2024-11-01' AND (u.unit_id = 'shaoyang' OR u.parent_id = 'shaoyang')")
[ "$nr" = "$er" ] && [ "$er" -gt 0 ]; ok $? "the data review section lists the $er findings of the city and its units in November ($nr)"
# Below it, the findings of the year's earlier months, January to October
# 2024: the review's findings of 2023 are not of this year (the note
# counted them too: 29 where the year has 27).
np=$(grep -oE '本年此前各月另有 [0-9]+ 条' "$out/report.html" | grep -oE '[0-9]+')
ep=$(q "SELECT count(*) FROM data_review('2024-11-30') f JOIN unit u USING (unit_id)
	WHERE f.month >= '2024-01-01' AND f.month < '2024-11-01' AND (u.unit_id = 'shaoyang' OR u.parent_id = 'shaoyang')")
ey=$(q "SELECT count(*) FROM data_review('2024-11-30') f JOIN unit u USING (unit_id)
	WHERE f.month < '2024-01-01' AND (u.unit_id = 'shaoyang' OR u.parent_id = 'shaoyang')")
[ "$np" = "$ep" ] && [ "$ey" -gt 0 ]; ok $? "the note counts the $ep findings of January to October 2024, not the $ey of 2023 ($np)"
lead=$(q "SELECT lead_person FROM task WHERE status <> 'done' AND due_date < '2024-11-30' ORDER BY due_date, task_id LIMIT 1")
grep -oE '<h3>滞后项目与任务</h3>.*' "$out/report.html" | grep -qF "<td>$lead</td>"
ok $? "overdue tasks show their lead person ($lead)"

# Charts: one per main indicator with a growth target; the last point of
# 规模工业增加值 is the growth shown in the targets table.
nc=$(grep -oE '<figure class="chart"' "$out/report.html" | wc -l)
ec=$(q "SELECT count(*) FROM report_main_indicators('2024-11-30', 'shaoyang') WHERE target_measure(city_target) = 'growth'")
[ "$nc" = "$ec" ] && [ "$nc" -gt 0 ]; ok $? "one growth chart per main indicator with a growth target ($nc)"
g2=$(q "SELECT round(growth::numeric, 1) FROM progress_city('2024-11-30') WHERE indicator_id = 2")
grep -oE '<figure class="chart" data-indicator="2">.*' "$out/report.html" | sed 's#</figure>.*##' | grep -qF "<text class=\"last\"" &&
	grep -oE '<figure class="chart" data-indicator="2">.*' "$out/report.html" | sed 's#</figure>.*##' | grep -qE "text-anchor=\"middle\">$g2</text></svg>"
ok $? "the chart of 规模工业增加值 ends at the growth of the targets table ($g2%)"
# Monthly growth of retail sales in March, from the readings in plain SQL.
gm=$(q "SELECT round((100 * (sum(value) FILTER (WHERE month >= '2024-01-01') / sum(value) FILTER (WHERE month < '2024-01-01') - 1))::numeric, 6)
	FROM reading_current WHERE indicator_id = 13 AND unit_id IN (SELECT unit_id FROM unit WHERE parent_id = 'shaoyang' AND kind <> 'department')
	AND (month BETWEEN '2024-01-01' AND '2024-03-01' OR month BETWEEN '2023-01-01' AND '2023-03-01')")
gs=$(q "SELECT round(growth::numeric, 6) FROM report_growth_series('2024-11-30', 'shaoyang') WHERE indicator_id = 13 AND month = 3")
[ -n "$gm" ] && [ "$gm" = "$gs" ]; ok $? "the chart's March point of retail sales is the plain-SQL growth of January-March ($gm)"

# Escaping: a unit and an indicator named with markup come out as text.
q "UPDATE unit SET name_zh = '双清区<script>alert(\"x\")</script>&''' WHERE unit_id = 'shuangqing';
   UPDATE indicator SET name_zh = '<b>社零</b>' WHERE indicator_id = 13;
   UPDATE task SET lead_person = '<i>张</i>' WHERE task_id = (SELECT task_id FROM task WHERE status <> 'done' AND due_date < '2024-11-30' ORDER BY task_id LIMIT 1)" >/dev/null
q "SELECT progress_report_html('2024-11-30')" >"$out/escaped.html"
! grep -qE '<script|<b>社零|<i>张' "$out/escaped.html" &&
	grep -qF '双清区&lt;script&gt;alert(&quot;x&quot;)&lt;/script&gt;&amp;&#39;' "$out/escaped.html" &&
	grep -qF '&lt;b&gt;社零&lt;/b&gt;' "$out/escaped.html" && grep -qF '&lt;i&gt;张&lt;/i&gt;' "$out/escaped.html"
ok $? "names with markup are escaped in every section"

# Errors a user can cause.
e=$(psql -X -q -At -d $db -v VERBOSITY=verbose -c "\\set VERBOSITY verbose" -c "SELECT scorecard.progress_report_html(NULL)" 2>&1)
grep -q '22004' <<<"$e"; ok $? "a NULL as-of date raises 22004"
e=$(psql -X -q -At -d $db -c "\\set VERBOSITY verbose" -c "SELECT scorecard.progress_report_html('2024-11-30', 'nowhere')" 2>&1)
grep -q '22023' <<<"$e" && grep -q 'unknown unit "nowhere"' <<<"$e"; ok $? "an unknown unit raises 22023 and names it"
e=$(psql -X -q -At -d $db -c "\\set VERBOSITY verbose" -c "SELECT scorecard.progress_report_html('2024-11-30', 'fgw')" 2>&1)
grep -q '22023' <<<"$e" && grep -q "'fgw' is not an area unit" <<<"$e"; ok $? "a department raises 22023 and names it"
e=$(psql -X -q -At -d $db -c "\\set VERBOSITY verbose" -c "SELECT scorecard.progress_report_html('infinity')" 2>&1)
grep -q '22008' <<<"$e"; ok $? "an infinite as-of date raises 22008"
# January: no previous month, no rank change; the report still renders.
q "SELECT progress_report_html('2024-01-31')" >"$out/january.html" && grep -qF '一、全市主要目标完成情况' "$out/january.html" &&
	! grep -qF '较上月：与' "$out/january.html"
ok $? "a January report renders, without a rank change"

# The ranking is the stored run of the month when there is one, else computed.
grep -qF '名次：本月考核运行（2024-11-30）' "$out/report.html"; ok $? "the report says the ranking is the stored November run"
! tr '\n' ' ' <"$out/report.html" | sed 's#<style>.*</style>##; s#<[^>]*>##g' | grep -qE '#[0-9]'; ok $? "no internal run id (#13) anywhere in the report's text"
stored=$(q "SELECT string_agg(u.unit_id || '|' || u.rank || '|' || round(u.score::numeric, 6), ',' ORDER BY u.unit_id)
	FROM assessment_run r JOIN assessment_run_unit u USING (run_id) WHERE r.as_of = '2024-11-30' AND u.peer_group = 'county'")
rk() { q "SELECT string_agg(unit_id || '|' || rank || '|' || round(score::numeric, 6), ',' ORDER BY unit_id)
	FROM report_ranking('2024-11-30', 'shaoyang', 'county')"; }
[ -n "$stored" ] && [ "$(rk)" = "$stored" ]; ok $? "the county ranking is the stored run's"
q "DELETE FROM assessment_run WHERE as_of = '2024-11-30'" >/dev/null
live=$(rk)
[ "$live" = "$stored" ]; ok $? "without the stored run it is computed, and the same"
q "SELECT progress_report_html('2024-11-30')" | grep -qF '名次：按本月数据计算'; ok $? "and the report says it is computed"

# Published precision: figures follow the indicator's decimals and
# growth_decimals (retail sales set here to 3 and 2).
q "UPDATE indicator SET decimals = 3, growth_decimals = 2 WHERE indicator_id = 13" >/dev/null
cnty="unit_id IN (SELECT unit_id FROM unit WHERE parent_id = 'shaoyang' AND kind <> 'department')"
y3=$(q "SELECT round(sum(value)::numeric, 3) FROM reading_current WHERE indicator_id = 13 AND $cnty
	AND month BETWEEN '2024-01-01' AND '2024-11-01'")
g2=$(q "SELECT round((100 * (sum(value) FILTER (WHERE month >= '2024-01-01') / sum(value) FILTER (WHERE month < '2024-01-01') - 1))::numeric, 2)
	FROM reading_current WHERE indicator_id = 13 AND $cnty
	AND (month BETWEEN '2024-01-01' AND '2024-11-01' OR month BETWEEN '2023-01-01' AND '2023-11-01')")
q "SELECT progress_report_html('2024-11-30')" | grep -qF "<td class=\"num\">$y3 亿元</td><td class=\"num\">$g2%</td>"
ok $? "with decimals columns, retail sales show as $y3 亿元 and $g2%"

# A year without targets (2023 in the demo) still gives the whole document.
q "SELECT progress_report_html('2023-06-30')" >"$out/noplan.html" && grep -qF '本年没有目标' "$out/noplan.html" &&
	grep -qF '六、主要指标累计增速走势' "$out/noplan.html" && grep -qF '</html>' "$out/noplan.html"
ok $? "a report of a year without targets renders and says so"

# Where rounding decides: retail sales' city target set to "增长 > its
# published growth" (one decimal) is not met as published; the report
# says so with the rule and the figure to three decimals (plain SQL).
q "UPDATE indicator SET decimals = NULL, growth_decimals = 1 WHERE indicator_id = 13" >/dev/null
IFS='|' read -r g1 g3 <<<"$(q "WITH v AS (SELECT sum(value) FILTER (WHERE month >= '2024-01-01') / sum(value) FILTER (WHERE month < '2024-01-01') AS r
	FROM reading_current WHERE indicator_id = 13 AND $cnty
	AND (month BETWEEN '2024-01-01' AND '2024-11-01' OR month BETWEEN '2023-01-01' AND '2023-11-01'))
	SELECT round((100 * (r - 1))::numeric, 1), round((100 * (r - 1))::numeric, 3) FROM v")"
q "UPDATE plan_target SET target = 'growth > $g1%' WHERE indicator_id = 13 AND unit_id = 'shaoyang' AND year = 2024" >/dev/null
q "SELECT progress_report_html('2024-11-30')" >"$out/rounding.html"
row=$(grep -oE '<tr data-indicator="13"[^<]*(<[^<]*){0,40}' "$out/rounding.html")
t1=$(q "SELECT $g1::float8::numeric")   # the target as its words print it (7.0 -> 7)
grep -qF "按“增长 &gt; $t1%”判定：发布数$g1%（未修约 $g3%）未达到目标" <<<"$row"
ok $? "a growth of $g1% against 增长 > $g1% shows the rule and the unrounded $g3%"

# --- any level: the generated province reports on its cities ---
pdb=scorecard_report_province
psql -X -q -d postgres -c "SET client_min_messages = warning" -c "DROP DATABASE IF EXISTS $pdb" -c "CREATE DATABASE $pdb" >/dev/null
psql -X -q -v ON_ERROR_STOP=1 -d $pdb -c "SET client_min_messages = warning" -c "CREATE EXTENSION scorecard_report CASCADE" \
	-c "SET search_path = scorecard, public" -f data/province.sql >/dev/null
ok $? "the generated province loads (3 cities of 4 counties)"
pq() { psql -X -q -At -v ON_ERROR_STOP=1 -d $pdb -c "SET search_path = scorecard, public" -c "$1"; }
pq "SELECT progress_report_html('2024-11-30', 'p')" >"$out/province.html"
ok $? "progress_report_html('2024-11-30', 'p') reports on the province"
miss=""
for s in 一、全省主要目标完成情况 二、各市主要指标完成情况 四、各市对全省增长的贡献 '<h3>市</h3>' '<h3>省直部门</h3>' '<th class="unit">全省目标</th>'; do
	grep -qF "$s" "$out/province.html" || miss="$miss $s"
done
[ -z "$miss" ]; ok $? "its sections name the province and its cities from unit_kind (missing:${miss:- none})"
# The matrix: each city's growth of indicator 1 (a monthly flow) is the
# growth of the sum of its counties' readings, January to November.
want=$(pq "SELECT string_agg(city || '=' || round((100 * (cur / pri - 1))::numeric, 1) || '%', ' ' ORDER BY city) FROM (
	SELECT u.parent_id AS city, sum(r.value) FILTER (WHERE r.month >= '2024-01-01') AS cur,
	       sum(r.value) FILTER (WHERE r.month < '2024-01-01') AS pri
	FROM reading_current r JOIN unit u USING (unit_id)
	WHERE r.indicator_id = 1 AND u.kind = 'county'
	  AND (r.month BETWEEN '2024-01-01' AND '2024-11-01' OR r.month BETWEEN '2023-01-01' AND '2023-11-01')
	GROUP BY u.parent_id) v")
got=$(grep -oE '<td class="cell [a-z]+" data-unit="c[0-9]+" data-indicator="1" [^>]*>[^<]*' "$out/province.html" |
	sed -E 's/.*data-unit="([^"]+)".*>([^<]*)$/\1=\2/' | sort | tr '\n' ' ' | sed 's/ $//')
[ -n "$want" ] && [ "$got" = "$want" ]; ok $? "the matrix's rows are the cities, their growth of indicator 1 as in plain SQL ($want)"
# Contribution of each city to the province's growth of indicator 1:
# (city - city a year before) / (province - province a year before).
want=$(pq "WITH v AS (SELECT u.parent_id AS city, sum(r.value) FILTER (WHERE r.month >= '2024-01-01') AS cur,
		sum(r.value) FILTER (WHERE r.month < '2024-01-01') AS pri
	FROM reading_current r JOIN unit u USING (unit_id)
	WHERE r.indicator_id = 1 AND u.kind = 'county'
	  AND (r.month BETWEEN '2024-01-01' AND '2024-11-01' OR r.month BETWEEN '2023-01-01' AND '2023-11-01')
	GROUP BY u.parent_id)
	SELECT string_agg(city || '=' || round((100 * (cur - pri) / (SELECT sum(cur) - sum(pri) FROM v))::numeric, 6), ' ' ORDER BY city) FROM v")
got=$(pq "SELECT string_agg(unit_id || '=' || round(contribution::numeric, 6), ' ' ORDER BY unit_id)
	FROM report_contribution('2024-11-30', 'p') WHERE indicator_id = 1")
[ -n "$want" ] && [ "$got" = "$want" ]; ok $? "the cities' contributions to the province's growth are plain SQL's ($want)"
# The ranking: the three cities, ranked by their scores (best first), and
# the two provincial departments in their own table.
rows=$(grep -oE '<table class="rank" data-peers="city">.*' "$out/province.html" | sed 's#</table>.*##' |
	grep -oE '<tr data-unit="[^"]+"><td class="n">[0-9]+</td><td class="name">[^<]*</td><td class="num">[0-9.]+' |
	sed -E 's/<tr data-unit="([^"]+)"><td class="n">([0-9]+)<.*<td class="num">([0-9.]+)$/\1 \2 \3/')
order=$(awk '{print $1}' <<<"$rows" | tr '\n' ' ')
byscore=$(sort -k3,3 -gr <<<"$rows" | awk '{print $1}' | tr '\n' ' ')
ranks=$(awk '{print $2}' <<<"$rows" | tr '\n' ' ')
cities=$(pq "SELECT count(*) FROM unit WHERE kind = 'city' AND parent_id = 'p'")
[ "$(wc -l <<<"$rows")" = "$cities" ] && [ "$order" = "$byscore" ] && [ "$ranks" = "1 2 3 " ]
ok $? "the cities are ranked 1 to $cities by score ($order)"
deps=$(grep -oE '<table class="rank" data-peers="department">.*' "$out/province.html" | sed 's#</table>.*##' | grep -oE 'data-unit="pd[12]"' | wc -l)
[ "$deps" = 2 ]; ok $? "the provincial departments have their own ranking ($deps)"
# A city of the province reports on its counties.
pq "SELECT progress_report_html('2024-11-30', 'c002')" >"$out/province-c002.html" &&
	[ "$(grep -oE '<th class="unit">第2市第[0-9]+县</th>' "$out/province-c002.html" | sort -u | wc -l)" = 4 ] &&
	grep -qF '二、各县主要指标完成情况' "$out/province-c002.html"
ok $? "a city of the province reports on its 4 counties"
psql -X -q -d postgres -c "SET client_min_messages = warning" -c "DROP DATABASE IF EXISTS $pdb" >/dev/null

# --- the terminal report, as it is read (issue 22) ---
t="$out/terminal.txt"
! grep -qE 'begin_load|reading_staging|readings loaded|corrections loaded|\([0-9]+ rows?\)' "$t"
ok $? "no bare psql result set (the loader's answers, row counts) in the terminal report"
! grep -qE '[^ ]\.\||\|\.[^ ]|\.$' "$t"
ok $? "no cell is broken by psql's wrapping (no .| or |. markers): names stay whole"
! grep -qE '(growth|level|share|change|reference) *(>|<|=|between)' "$t" && grep -qF '增长 >= 3.6%' "$t"
ok $? "every target is in Chinese words (the 倒排 table too)"
! grep -qE ' ）|（ ' "$t"; ok $? "no stray space inside brackets (截至 2024-11-30）)"
! grep -qF '| 责任人 |' "$t" && grep -qF '责任单位（责任人）' "$t"
ok $? "the lead person is beside the responsible unit, not in a column of its own, mostly empty"
# A share judged at two decimals prints at two (中心城区…比重: the city's
# reading of September, in plain SQL), not 20.0% against > 20%.
sh=$(q "SELECT round(value::numeric, 2) FROM reading_current WHERE indicator_id = 25 AND unit_id = 'shaoyang' ORDER BY month DESC LIMIT 1" 2>/dev/null)
grep -E '^ 中心城区地区生产总值占全市比重' "$t" | grep -qF "| ${sh}% " && ! grep -E '^ 中心城区' "$t" | grep -qF '20.0%'
ok $? "the city's share against > 20% prints as judged (${sh}%), not rounded to 20.0%"
grep -oE '<tr data-indicator="25"[^<]*(<[^<]*){0,12}' "$out/report.html" | grep -qF "<td class=\"num\">${sh}%</td>"
ok $? "and so in the HTML report"
# Retail sales' growth, 7.0% as published against >= 7%: the note gives the
# figure unrounded (plain SQL over the counties' readings).
g3=$(q "WITH v AS (SELECT sum(value) FILTER (WHERE month >= '2024-01-01') / sum(value) FILTER (WHERE month < '2024-01-01') AS r
	FROM reading_current WHERE indicator_id = 13 AND unit_id IN (SELECT unit_id FROM unit WHERE parent_id = 'shaoyang' AND kind <> 'department')
	AND (month BETWEEN '2024-01-01' AND '2024-11-01' OR month BETWEEN '2023-01-01' AND '2023-11-01'))
	SELECT round((100 * (r - 1))::numeric, 3) FROM v" 2>/dev/null)
grep -qF "注：社会消费品零售总额按「增长 >= 7%」判定：发布数 7.0%（未修约 ${g3}%）达到目标。" "$t"
ok $? "where rounding decides, a note gives the rule and the unrounded figure (${g3}%)"

# Chinese numerals for any number (the action numbers): by hand.
is "$(q "SELECT string_agg(report_numeral_zh(n), ' ' ORDER BY o) FROM unnest(ARRAY[1, 10, 11, 19, 20, 21, 99, 100, 101,
	110, 111, 1001, 1010, 10001, 100000, 100010, 100000001, 0]) WITH ORDINALITY x(n, o)")" \
	"一 十 十一 十九 二十 二十一 九十九 一百 一百零一 一百一十 一百一十一 一千零一 一千零一十 一万零一 十万 十万零一十 一亿零一 零" \
	"report_numeral_zh: 一, 十, 十一, 二十, 一百零一, 一百一十, 一千零一十, 一万零一, 十万, 一亿零一"

# More than ten actions: each of the city's targets under an action of its
# own (38 in the demo).  The table has one row per target the KPI box
# counts (plain SQL: the city's targets of the year), and the actions are
# numbered 一, 二, ... in order (the numerals computed here in Python).
q "INSERT INTO action (action_id, name_zh, name_en)
	SELECT 100 + t.indicator_id, '行动' || t.indicator_id, 'action ' || t.indicator_id
	FROM plan_target t WHERE t.unit_id = 'shaoyang' AND t.year = 2024;
	UPDATE indicator i SET action_id = 100 + i.indicator_id
	WHERE i.indicator_id IN (SELECT t.indicator_id FROM plan_target t WHERE t.unit_id = 'shaoyang' AND t.year = 2024)" >/dev/null
want=$(q "SELECT count(*) FROM plan_target WHERE unit_id = 'shaoyang' AND year = 2024")
q "SELECT progress_report_html('2024-11-30')" >"$out/actions.html"
got=$($PY - "$out/actions.html" <<'PY'
import re, sys
h = open(sys.argv[1], encoding="utf-8").read()
table = re.search(r'<table class="targets">.*?</table>', h, re.S).group(0)
kpi = re.search(r'<div class="kpi"><b>(\d+)</b>全市目标', h).group(1)
labels = re.findall(r'<tr class="action"><td colspan="8">([^、<]*)、', table)
d = "一二三四五六七八九"
zh = lambda n: (("" if n // 10 == 1 else d[n // 10 - 1]) + "十" if n >= 10 else "") + (d[n % 10 - 1] if n % 10 else "")
print(kpi, len(re.findall(r'<tr data-indicator=', table)), len(labels), labels == [zh(i) for i in range(1, len(labels) + 1)])
PY
)
is "$got" "$want $want $want True" "$want actions: the KPI box, the table's rows and its action headings all count the city's $want targets; the actions numbered 一, 二, ... in order"

# Band sets in force: a target judged by a set other than the default
# tolerances carries a mark 注N beside its status, and the notes below the
# table give the set in words.  By hand, at the end of November: 新增高新技术
# 企业 (level >= 100, 72, 3 points behind 11/12 of the year) with its own
# set 'yellow up to 2% of target' is red (3 > 2); 固定资产投资 (growth >= 7%,
# 6.6, 0.4 behind) and 出口额 (growth >= 10%, 9, 1 behind) under their
# indicators' set 'green up to 0.5, yellow to 1.5' are green and yellow.
# One note per set in words, numbered in the table's order (action 2 before
# action 3); the other rows carry no mark.
q "UPDATE plan_target SET status_bands = 'yellow: shortfall <= 2% of target; red: shortfall > 2% of target' WHERE indicator_id = 8 AND unit_id = 'shaoyang';
	UPDATE indicator SET status_bands = 'green: shortfall <= 0.5; yellow: 0.5 < shortfall <= 1.5; red: shortfall > 1.5' WHERE indicator_id IN (14, 18)" >/dev/null
q "SELECT progress_report_html('2024-11-30')" >"$out/bands.html"
got=$($PY - "$out/bands.html" <<'PY'
import re, sys
h = open(sys.argv[1], encoding="utf-8").read()
table = re.search(r'<table class="targets">.*?</table>', h, re.S).group(0)
rows = re.findall(r'<tr data-indicator="(\d+)" data-status="(\w+)">(.*?)</tr>', table, re.S)
marks = ["%s:%s:%s" % (i, st, m.group(1)) for i, st, r in rows for m in [re.search(r'<sup class="bref">(注\d)</sup>', r)] if m]
notes = re.findall(r'<p class="bandnote"><sup class="bref">(注\d)</sup>(.*?)</p>', h, re.S)
print(" ".join(marks))
for k, t in notes:
    print(k, re.sub(r'<[^>]+>', '', t))
PY
)
is "$got" "8:red:注1 14:green:注2 18:yellow:注2
注1 黄：落后不超过目标值的 2%；红：落后超过目标值的 2%。（新增高新技术企业）
注2 绿：落后不超过 0.5 个百分点；黄：落后超过 0.5 个百分点、不超过 1.5 个百分点；红：落后超过 1.5 个百分点。（固定资产投资、出口额）" \
	"the marks on the three targets judged by band sets, their lights worked by hand, and the two sets in words below the table"
q "UPDATE plan_target SET status_bands = NULL; UPDATE indicator SET status_bands = NULL" >/dev/null
q "SELECT progress_report_html('2024-11-30')" >"$out/nobands.html"
! grep -q '<sup class="bref"\|<p class="bandnote"\|class="bandnotes"' "$out/nobands.html"; ok $? "without band sets: no mark and no notes"

# Bidirectional controls (U+202A-U+202E, U+2066-U+2069) in a name are shown
# as visible escapes, never passed raw into the HTML.
q "UPDATE unit SET name_zh = name_zh || U&'\202E' || '03.9' || U&'\2066' WHERE unit_id = 'beita';
	UPDATE indicator SET name_zh = U&'\202A\202B\202C\202D' || name_zh || U&'\2067\2068\2069' WHERE indicator_id = 13" >/dev/null
q "SELECT progress_report_html('2024-11-30')" >"$out/bidi.html"
$PY - "$out/bidi.html" <<'PY'
import re, sys
h = open(sys.argv[1], encoding="utf-8").read()
raw = re.findall("[\u202a-\u202e\u2066-\u2069]", h)
shown = set(re.findall(r"\[U\+(202[A-E]|206[6-9])\]", h))
sys.exit(0 if not raw and len(shown) == 9 and "北塔区[U+202E]03.9[U+2066]" in h else 1)
PY
ok $? "no bidirectional control reaches the HTML raw; all nine show as [U+202A] ... [U+2069] (北塔区[U+202E]03.9[U+2066])"

# The report's data review section catches an overflow in an exception
# block (a subtransaction), which no parallel query allows: the report and
# the section are PARALLEL UNSAFE, so a query forced into parallel mode
# still gets the whole report, not "cannot start subtransactions during a
# parallel operation".
got=$(psql -X -q -At -d $db -c "SET search_path = scorecard, public" -c "SET force_parallel_mode = on" \
	-c "SELECT position('七、数据审核' IN progress_report_html('2024-11-30')) > 0" \
	-c "SELECT report_review_html('2024-11-30', unit_id) IS NOT NULL FROM unit WHERE parent_id IS NULL" 2>&1)
is "$got" "t
t" "under force_parallel_mode the report and its review section are made (both PARALLEL UNSAFE)"

# No JIT in the report (its sections read a unit and its children): with
# every query's cost over the JIT thresholds (jit_above_cost = 0),
# auto_explain shows a JIT compilation for the calling statement only, as
# for a call of md5() in its place.
# jit_plans SQL: the statements auto_explain logged, and those compiled.
jit_plans() {
	psql -X -q -At -d $db -c "SET search_path = scorecard, public" -c "SET jit = on" -c "SET jit_above_cost = 0" \
		-c "LOAD 'auto_explain'" -c "SET auto_explain.log_min_duration = 0" \
		-c "SET auto_explain.log_nested_statements = on" -c "SET auto_explain.log_level = notice" \
		-c "SET client_min_messages = notice" -c "$1" 2>&1 |
		awk '/^Query Text:/ {n++} /^JIT:/ {j++} END {print n + 0, j + 0}'
}
read -r _ outside <<<"$(jit_plans "SELECT octet_length(md5('x')) > 0")"
if [ "$outside" -gt 0 ]; then
	read -r logged inside <<<"$(jit_plans "SELECT octet_length(progress_report_html('2024-11-30')) > 0")"
	[ "$logged" -gt 10 ] && [ "$inside" = "$outside" ]
	ok $? "at jit = on the report compiles none of its $logged statements ($inside compiled: the calling one)"
else
	ok 0 "# SKIP no JIT compilation seen here (no llvmjit, or no auto_explain): the report's jit = off is not tried"
fi

echo "1..$n"
exit $failed
