#!/usr/bin/env bash
# A bureau's own plan through scripts/import.sh: an invented city (临溪市,
# two counties, two towns of one name) from files written in GBK and in
# UTF-8 with a byte order mark, keyed by Chinese names only, targets in the
# bureau's wording; imported, imported again (nothing changes), run and
# reported; figures checked against plain SQL over the readings; then the
# listing of bad rows (suggestions, ambiguity, units of measure, months),
# with nothing imported; band sets (预警区间) of indicators and targets,
# good and bad; the templates as they are.  Runs on the test server.
set -uo pipefail
TOP=$(cd "$(dirname "$0")/../.." && pwd)
export PATH=/usr/lib/postgresql/15/bin:$PATH PGCLIENTENCODING=UTF8
source "$TOP/test/tap.sh"
db=scorecard_import
dir=$(mktemp -d)
bad=$(mktemp -d)
cleanup() {
	psql -X -q -d postgres -c "SET client_min_messages = warning" -c "DROP DATABASE IF EXISTS $db" >/dev/null
	rm -rf "$dir" "$bad"
}
trap cleanup EXIT
cleanup; dir=$(mktemp -d); bad=$(mktemp -d)
q() { psql -X -q -At -v ON_ERROR_STOP=1 -d $db -c "SET search_path = scorecard, public" -c "$1"; }
psql -X -q -d postgres -c "CREATE DATABASE $db" >/dev/null &&
psql -X -q -d $db -c "SET client_min_messages = warning" -c "CREATE EXTENSION scorecard_report CASCADE" >/dev/null
ok $? "a database with scorecard_plan"

bom() { printf '\xef\xbb\xbf'; cat; }          # UTF-8 with a byte order mark
gbk() { iconv -f UTF-8 -t GBK; }               # what Excel writes on Chinese Windows

bom > "$dir/units.csv" <<'CSV'
编码,名称,类型,上级
,临溪市,市,
,东岭县,县,临溪市
,西岭县,县,临溪市
dl-cgz,城关镇,乡镇,东岭县
xl-cgz,城关镇,乡镇,西岭县
CSV
gbk > "$dir/actions.csv" <<'CSV'
编号,名称,牵头单位
1,工业强市行动,临溪市
CSV
gbk > "$dir/indicators.csv" <<'CSV'
名称,计量单位,性质,报送,方向,行动
地区生产总值,亿元,流量,累计,越大越好,工业强市行动
新增规上工业企业,家,流量,当月,越大越好,工业强市行动
城镇化率,%,比率,当月,越大越好,
CSV
gbk > "$dir/targets.csv" <<'CSV'
指标,单位,年度,目标,权重,计分方法,备注
地区生产总值,临溪市,2024,增长7%以上,0,达标,全市目标
地区生产总值,东岭县,2024,增速不低于7%,40,完成率,
地区生产总值,西岭县,2024,增长≧6.5%,40,完成率,
新增规上工业企业,东岭县,2024,新增12家以上,30,完成率,
新增规上工业企业,西岭县,2024,≥ 10 家,30,完成率,
城镇化率,东岭县,2024,提高0.5个百分点左右,30,达标,
城镇化率,西岭县,2024,提高0.5个百分点左右,30,达标,
CSV
bom > "$dir/tasks.csv" <<'CSV'
行动,类型,名称,责任单位,年度,完成时限,状态,完成日期
工业强市行动,项目,东岭县新材料产业园,东岭县,2024,2024-12-31,推进中,
工业强市行动,任务,西岭县营商环境改革,西岭县,2024,2024年9月30日,已完成,2024-09-20
CSV
# January-June of 2023 and 2024, months and figures written as people do:
# 东岭县 GDP 1,000 a month in 2023 and 1,080 in 2024 (cumulative), 西岭县
# 800 and 840; new firms 1 and 2 a month (东岭县), 1 and 1 (西岭县);
# urbanisation 50.0 -> 50.6 (东岭县), 45.0 -> 45.3 (西岭县).
forms=(年1月 -02 /3 .04 -05-31 -6)
{
	echo "指标,单位,月份,数值"
	for y in 2023 2024; do
		for m in 1 2 3 4 5 6; do
			f=${forms[$((m - 1))]}
			mt="${y}${f}"
			if [ $y = 2023 ]; then e=1000; w=800; fe=1; fw=1; ue=50.0; uw=45.0
			else e=1080; w=840; fe=2; fw=1; ue=50.6; uw=45.3; fi
			printf '地区生产总值,东岭县,%s,"%s"\n' "$mt" $((e * m))
			printf '地区生产总值,西岭县,%s,%s\n' "$mt" $((w * m))
			printf '新增规上工业企业,东岭县,%s,%s\n' "$mt" $fe
			printf '新增规上工业企业,西岭县,%s,%s\n' "$mt" $fw
			printf '城镇化率,东岭县,%s,%s\n' "$mt" $ue
			printf '城镇化率,西岭县,%s,%s\n' "$mt" $uw
		done
	done
} | bom > "$dir/readings.csv"
sed -i 's/"\([0-9]\)\([0-9][0-9][0-9]\)"/"\1,\2"/' "$dir/readings.csv"  # 1,080 as Excel writes it
grep -q '"1,080"' "$dir/readings.csv"; ok $? "the readings file writes figures with thousands separators"
iconv -f UTF-8 -t UTF-8 "$dir/targets.csv" >/dev/null 2>&1; [ $? -ne 0 ]; ok $? "the targets file is GBK, not UTF-8"

cd "$TOP"
out=$(PGDATABASE=$db bash scripts/import.sh "$dir" 2>&1); st=$?
ok $st "the folder imports"
[ $st = 0 ] || diag <<<"$out"
grep -q 'targets.csv: GB18030' <<<"$out" && grep -q 'units.csv: UTF8' <<<"$out"
ok $? "the summary says which files were read as GB18030 (GBK) and which as UTF-8"
counts=$(sed -n 's/^ *\(units\|actions\|indicators\|targets\|tasks\|readings\) *| *\([0-9]*\) *| *\([0-9]*\) *| *\([0-9]*\)$/\1 \2 \3 \4/p' <<<"$out" | tr '\n' ';')
is "$counts" "units 5 0 0;actions 1 0 0;indicators 3 0 0;targets 7 0 0;tasks 2 0 0;readings 72 0 0;" "the summary counts every row inserted"
grep -q '7 of 7 targets have the default 1.2' <<<"$out" && grep -q 'status tolerance' <<<"$out" && grep -q 'loader bounds' <<<"$out"
ok $? "the summary says the defaults in force (score cap 1.2, tolerances, bounds)"

is "$(q "SELECT string_agg(u.name_zh || '<' || coalesce(p.name_zh, '-') || ':' || u.kind, ' ' ORDER BY u.sort_order) FROM unit u LEFT JOIN unit p ON p.unit_id = u.parent_id")" \
	"临溪市<-:city 东岭县<临溪市:county 西岭县<临溪市:county 城关镇<东岭县:township 城关镇<西岭县:township" \
	"units keep the file's hierarchy, parents named by Chinese name, kinds by Chinese word"
is "$(q "SELECT count(*) FILTER (WHERE name_en IS NULL) FROM unit")" 5 "English names are optional (NULL)"
is "$(q "SELECT string_agg(u.name_zh || ':' || i.name_zh || ':' || t.target::text || ':' || t.weight || ':' || t.scoring, ' | ' ORDER BY u.sort_order, i.indicator_id)
	FROM plan_target t JOIN unit u USING (unit_id) JOIN indicator i USING (indicator_id)")" \
	"临溪市:地区生产总值:growth >= 7%:0:threshold | 东岭县:地区生产总值:growth >= 7%:40:ratio | 东岭县:新增规上工业企业:level >= 12:30:ratio | 东岭县:城镇化率:change >= 0.5pp:30:threshold | 西岭县:地区生产总值:growth >= 6.5%:40:ratio | 西岭县:新增规上工业企业:level >= 10:30:ratio | 西岭县:城镇化率:change >= 0.5pp:30:threshold" \
	"targets in the bureau's wording are stored as the canonical targets, on the units and indicators named"
is "$(q "SELECT string_agg(status || ':' || coalesce(completed_on::text, '-') || ':' || due_date, ' ' ORDER BY task_id) FROM task")" \
	"in_progress:-:2024-12-31 done:2024-09-20:2024-09-30" "tasks: Chinese status words and dates as written"

digest="SELECT md5(string_agg(x, '|' ORDER BY x)) FROM (
	SELECT t.tableoid::regclass || t.ctid::text || t.xmin::text AS x FROM unit t UNION ALL
	SELECT t.tableoid::regclass || t.ctid::text || t.xmin::text FROM action t UNION ALL
	SELECT t.tableoid::regclass || t.ctid::text || t.xmin::text FROM indicator t UNION ALL
	SELECT t.tableoid::regclass || t.ctid::text || t.xmin::text FROM plan_target t UNION ALL
	SELECT t.tableoid::regclass || t.ctid::text || t.xmin::text FROM task t UNION ALL
	SELECT t.tableoid::regclass || t.ctid::text || t.xmin::text FROM reading t) s"
before=$(q "$digest")
out=$(PGDATABASE=$db bash scripts/import.sh "$dir" 2>&1); st=$?
counts=$(sed -n 's/^ *\(units\|actions\|indicators\|targets\|tasks\|readings\) *| *\([0-9]*\) *| *\([0-9]*\) *| *\([0-9]*\)$/\1 \2 \3 \4/p' <<<"$out" | tr '\n' ';')
[ $st = 0 ] && [ "$counts" = "units 0 0 5;actions 0 0 1;indicators 0 0 3;targets 0 0 7;tasks 0 0 2;readings 0 0 72;" ]
ok $? "importing the same files again counts every row unchanged"
is "$(q "$digest")" "$before" "importing the same files again writes no row (same ctid and xmin everywhere)"

# Runs and the report, as of June written as a bureau writes it.
q "CALL run_assessment(2024, month_end_of('2024年6月'))" >/dev/null; ok $? "the assessment runs as of month_end_of('2024年6月')"
is "$(q "SELECT as_of FROM assessment_run ORDER BY run_id DESC LIMIT 1")" 2024-06-30 "the run is as of the end of June"
html=$(q "SELECT progress_report_html(month_end_of('2024-6'), '临溪市')"); st=$?
[ $st = 0 ] && grep -q '临溪市' <<<"$html" && grep -q '地区生产总值' <<<"$html"
ok $? "the report of the city named by its Chinese name renders"

# Figures against plain SQL over the readings as loaded.
plain="WITH r AS (SELECT i.name_zh AS ind, u.name_zh AS unit, r.month, r.value FROM reading r
	JOIN indicator i USING (indicator_id) JOIN unit u USING (unit_id))
SELECT string_agg(x, ' ' ORDER BY x) FROM (
	-- cumulative GDP: the June figure of each year
	SELECT unit || ':gdp:' || round((100 * (max(value) FILTER (WHERE month = '2024-06-01')
	       / max(value) FILTER (WHERE month = '2023-06-01') - 1))::numeric, 4) AS x
	FROM r WHERE ind = '地区生产总值' GROUP BY unit
	UNION ALL -- monthly firms: the sum of January-June
	SELECT unit || ':firms:' || sum(value) FROM r WHERE ind = '新增规上工业企业' AND month >= '2024-01-01' GROUP BY unit
	UNION ALL -- rate: June less June a year before, in points
	SELECT unit || ':urban:' || round((max(value) FILTER (WHERE month = '2024-06-01')
	       - max(value) FILTER (WHERE month = '2023-06-01'))::numeric, 4)
	FROM r WHERE ind = '城镇化率' GROUP BY unit
	UNION ALL -- the city: the roll-up of its counties
	SELECT '临溪市:gdp:' || round((100 * (sum(value) FILTER (WHERE month = '2024-06-01')
	       / sum(value) FILTER (WHERE month = '2023-06-01') - 1))::numeric, 4)
	FROM r WHERE ind = '地区生产总值') s"
model="SELECT string_agg(x, ' ' ORDER BY x) FROM (
	SELECT unit_zh || ':' || CASE indicator_zh WHEN '地区生产总值' THEN 'gdp:' || round(growth::numeric, 4)
	                                         WHEN '新增规上工业企业' THEN 'firms:' || value
	                                         ELSE 'urban:' || round(actual::numeric, 4) END AS x
	FROM progress(month_end_of('2024年6月'))) s"
want=$(q "$plain"); got=$(q "$model")
[ -n "$want" ]; ok $? "plain SQL computes the figures"
is "$got" "$want" "progress() gives the growth, sums and changes plain SQL computes from the readings"
is "$(q "SELECT string_agg(unit_zh || ':' || code || ':' || met, ' ' ORDER BY convert_to(unit_zh, 'UTF8'), indicator_id) FROM progress('2024-06-30')")" \
	"东岭县:地区生产总值:true 东岭县:新增规上工业企业:true 东岭县:城镇化率:true 临溪市:地区生产总值:false 西岭县:地区生产总值:false 西岭县:新增规上工业企业:false 西岭县:城镇化率:false" \
	"met as worked by hand (东岭 8% >= 7%, 12 firms >= 12, +0.6 >= 0.5 points; 西岭 5% < 6.5%, 6 < 10, +0.3 < 0.5; the city (6,480 + 5,040) / (6,000 + 4,800) = +6.67% < 7%)"

# A year with readings but no targets refuses.
e=$(psql -X -q -At -d $db -c "\\set VERBOSITY verbose" -c "CALL scorecard.run_assessment(2023)" 2>&1)
grep -q P0002 <<<"$e"; ok $? "a run of 2023 (readings, no targets) refuses with P0002"

# Names as keys where they are unknown or ambiguous.
e=$(psql -X -q -At -d $db -c "\\set VERBOSITY verbose" -c "SELECT scorecard.progress_report_html('2024-06-30', '临溪')" 2>&1)
grep -q 22023 <<<"$e" && grep -q 'did you mean 临溪市?' <<<"$e"; ok $? "the report of an unknown name suggests the closest (22023)"
e=$(psql -X -q -At -d $db -c "SELECT scorecard.unit_key('城关镇')" 2>&1)
grep -q 'ambiguous' <<<"$e" && grep -q 'dl-cgz' <<<"$e" && grep -q 'xl-cgz' <<<"$e"; ok $? "an ambiguous name is an error naming the candidates"
e=$(psql -X -q -At -d $db -c "SELECT scorecard.month_end_of('2024年13月')" 2>&1)
grep -q 'numbered 1 to 12' <<<"$e"; ok $? "month_end_of says why a month cannot be read"

# A target changed mid-year (调整目标): a targets row with 生效日期 is a new
# version from that date; the year's row keeps the target as first set.
# 西岭县's GDP growth target goes from 6.5% to 5% from 1 April: its 5.0%
# (840 x 6 / (800 x 6) - 1) meets it at the end of June, not at the end of
# March (version 1, 6.5%).
{ iconv -f GBK -t UTF-8 "$dir/targets.csv" | sed '1s/$/,生效日期/; 2,$s/$/,/'; echo '地区生产总值,西岭县,2024,增长5%以上,,,年中调整,2024年4月1日'; } | gbk > "$dir/targets.csv.new"
mv "$dir/targets.csv.new" "$dir/targets.csv"
out=$(PGDATABASE=$db bash scripts/import.sh "$dir" 2>&1); st=$?
[ $st = 0 ] && grep -Eq '^ *target adjustments *\| *1 *\| *0 *\| *0$' <<<"$out" && grep -Eq '^ *targets *\| *0 *\| *0 *\| *7$' <<<"$out"
ok $? "a targets row with 生效日期 imports as one target adjustment, the year's targets unchanged"
[ $st = 0 ] || diag <<<"$out"
is "$(q "SELECT string_agg(as_of || ':' || target || ':v' || target_version || ':' || coalesce(target_since::text, '-') || ':' || met, ' ' ORDER BY as_of)
	FROM (SELECT * FROM progress('2024-03-31') UNION ALL SELECT * FROM progress('2024-06-30')) p
	WHERE unit_zh = '西岭县' AND indicator_zh = '地区生产总值'")" \
	"2024-03-31:growth >= 6.5%:v1:-:false 2024-06-30:growth >= 5%:v2:2024-04-01:true" \
	"progress judges the version in force: 6.5% at the end of March, 5% from 1 April"
is "$(q "SELECT string_agg(version || ':' || target || ':' || effective_from || ':' || coalesce(effective_until::text, '-') || ':' || coalesce(reason, '-'), ' ' ORDER BY version)
	FROM target_version v JOIN unit u USING (unit_id) WHERE u.name_zh = '西岭县' AND v.indicator_id = 1")" \
	"1:growth >= 6.5%:2024-01-01:2024-03-31:- 2:growth >= 5%:2024-04-01:-:年中调整" "the history keeps both versions, the note as the reason"
out=$(PGDATABASE=$db bash scripts/import.sh "$dir" 2>&1); st=$?
[ $st = 0 ] && grep -Eq '^ *target adjustments *\| *0 *\| *0 *\| *1$' <<<"$out"
ok $? "importing the adjustment again changes nothing"
q "CALL run_assessment(2024, '2024-06-30')" >/dev/null
is "$(q "SELECT p.target || ':v' || p.target_version || ':' || p.target_since FROM assessment_run_progress p
	JOIN assessment_run r USING (run_id) JOIN unit u USING (unit_id)
	WHERE r.as_of = '2024-06-30' AND u.name_zh = '西岭县' AND p.indicator_id = 1 ORDER BY r.run_id DESC LIMIT 1")" \
	"growth >= 5%:v2:2024-04-01" "a run stores the version it judged"
html=$(q "SELECT progress_report_html('2024-06-30', '西岭县')")
grep -q '调整后目标（自4月1日起；原目标：增长 ≥ 6.5%）' <<<"$html"; ok $? "the county's report prints the adjusted target and the one first set"

# Band sets (预警区间) in the indicators and targets files, as
# status_bands() takes them, stored in their canonical text.  By hand, as
# of June: the city's GDP growth (6,480 + 5,040) / (6,000 + 4,800) =
# +6.67%, published 6.7, is 0.3 behind 7%: yellow by the default 1 point,
# red by the indicator's set (green up to 0.2, red beyond); 西岭县's
# urbanisation +0.3 is 0.2 behind 0.5 points: yellow by the default, red by
# its target's own set (yellow below 40% of 0.5 = 0.2, red from 0.2 on).
is "$(q "SELECT string_agg(unit_zh || ':' || code || ':' || status, ' ' ORDER BY convert_to(unit_zh, 'UTF8'), indicator_id) FROM progress('2024-06-30') WHERE status <> 'green'")" \
	"临溪市:地区生产总值:yellow 西岭县:城镇化率:yellow" "before the band sets: the default tolerances make both yellow"
{ iconv -f GBK -t UTF-8 "$dir/indicators.csv" | sed '1s/$/,预警区间/; 2s/$/,red: shortfall>0.2; GREEN: shortfall<=0.2/; 3,$s/$/,/'; } | gbk > "$dir/indicators.csv.new"
mv "$dir/indicators.csv.new" "$dir/indicators.csv"
{ iconv -f GBK -t UTF-8 "$dir/targets.csv" | sed '1s/$/,预警区间/; /^城镇化率,西岭县/s/$/,yellow: shortfall < 40% of target; red: shortfall >= 40% of target/; /预警区间$/!{/of target$/!s/$/,/}'; } | gbk > "$dir/targets.csv.new"
mv "$dir/targets.csv.new" "$dir/targets.csv"
out=$(PGDATABASE=$db bash scripts/import.sh "$dir" 2>&1); st=$?
[ $st = 0 ] && grep -Eq '^ *indicators *\| *0 *\| *1 *\| *2$' <<<"$out" && grep -Eq '^ *targets *\| *0 *\| *1 *\| *6$' <<<"$out"
ok $? "band sets in the files update one indicator and one target"
[ $st = 0 ] || diag <<<"$out"
grep -q 'status tolerance: 4 of 7 targets have a band set of their own or their indicator.s (预警区间)' <<<"$out"
ok $? "the summary counts the targets judged by a band set of the files (the three of GDP, 西岭县's urbanisation)"
is "$(q "SELECT string_agg(coalesce(i.status_bands, '-') || ' / ' || coalesce(t.status_bands, '-'), ' | ' ORDER BY t.indicator_id)
	FROM plan_target t JOIN indicator i USING (indicator_id) JOIN unit u USING (unit_id) WHERE u.name_zh = '西岭县'")" \
	"green: shortfall <= 0.2; red: shortfall > 0.2 / - | - / - | - / yellow: shortfall < 40% of target; red: shortfall >= 40% of target" \
	"the sets are stored in their canonical text, the indicator's on the indicator, the target's on the target"
is "$(q "SELECT string_agg(unit_zh || ':' || code || ':' || status, ' ' ORDER BY convert_to(unit_zh, 'UTF8'), indicator_id) FROM progress('2024-06-30') WHERE status <> 'green'")" \
	"临溪市:地区生产总值:red 西岭县:城镇化率:red" "the sets judge: the city's 0.3 behind is red by the indicator's, 西岭县's 0.2 (40% of 0.5) red by its own"
before=$(q "$digest")
out=$(PGDATABASE=$db bash scripts/import.sh "$dir" 2>&1); st=$?
[ $st = 0 ] && grep -Eq '^ *indicators *\| *0 *\| *0 *\| *3$' <<<"$out" && grep -Eq '^ *targets *\| *0 *\| *0 *\| *7$' <<<"$out"
ok $? "importing the sets again (written otherwise than stored) changes nothing"
is "$(q "$digest")" "$before" "and writes no row"
cp "$dir"/*.csv "$bad"/
{ iconv -f GBK -t UTF-8 "$dir/indicators.csv" | sed '3s/,$/,green: shortfall <= 1; yellow: 1.5 < shortfall/'; } | gbk > "$bad/indicators.csv"
{ iconv -f GBK -t UTF-8 "$dir/targets.csv" | sed 's/yellow: shortfall < 40% of target; red: shortfall >= 40% of target/yellow: shortfall <= 5%; red: shortfall > 5%/'; } | gbk > "$bad/targets.csv"
out=$(PGDATABASE=$db bash scripts/import.sh "$bad" 2>&1); st=$?
[ $st = 1 ] && grep -q '^BAD ROWS (nothing imported)' <<<"$out"; ok $? "a folder with bad band sets exits 1, nothing imported"
grep -q '^indicators.csv | line 3 | band set (预警区间): invalid status band set: "green: shortfall <= 1; yellow: 1.5 < shortfall": No band covers 1 < shortfall <= 1.5' <<<"$out"
ok $? "a band set with a hole is listed with its file and line, the range named"
grep -q '^targets.csv | line 8 | band set (预警区间): invalid status band set: "yellow: shortfall <= 5%; red: shortfall > 5%": Expected "of target" after "%"' <<<"$out"
ok $? "a bare % is listed with its file and line"
[ "$(grep -c '^[a-z]*.csv | line' <<<"$out")" = 2 ]; ok $? "exactly the two bad rows are listed"
[ $st = 1 ] || diag <<<"$out"
is "$(q "$digest")" "$before" "nothing was written"
e=$(psql -X -q -At -d $db -c "\\set VERBOSITY verbose" -c "SELECT scorecard.begin_import()" \
	-c "INSERT INTO pg_temp.import_indicator (name_zh, status_bands) VALUES ('城镇化率', 'green: shortfall <= 1; red: shortfall >= 1')" \
	-c "SELECT scorecard.import_file_staged('indicator', 'x.csv')" -c "SELECT * FROM scorecard.load_import()" 2>&1)
grep -q '22P02' <<<"$e" && grep -q 'x.csv line 2: band set (预警区间): invalid status band set: .*The bands green and red both cover shortfall = 1' <<<"$e"
ok $? "load_import refuses a bad set with 22P02, naming the file's line and the overlap"
is "$(q "SELECT status_bands FROM indicator WHERE name_zh = '城镇化率'")" "" "and leaves the indicator as it was"

# Bad rows: every one listed with file, line and reason; nothing imported.
cp "$dir"/*.csv "$bad"/
gbk > "$bad/targets.csv" <<'CSV'
指标,单位,年度,目标,权重,计分方法
地区生产总值,东岭县,2024,增长8%以上,40,完成率
地区生产总值,东领县,2024,growth => 7%,40,完成率
新增规上工业企业,城关镇,2024,新增12个以上,30,完成率
"地区生
产总值",西岭县,2025,增长7%,40,完成率
城镇化率,西岭县,2024,增长7%,30,达标
CSV
before=$(q "$digest")
out=$(PGDATABASE=$db bash scripts/import.sh "$bad" 2>&1); st=$?
[ $st = 1 ]; ok $? "a folder with bad rows exits 1"
grep -q '^BAD ROWS (nothing imported)' <<<"$out"; ok $? "and says nothing was imported"
grep -q '^targets.csv | line 3 | unknown unit "东领县"; did you mean 东岭县?; .*"=>" is written ">="' <<<"$out"
ok $? "an unknown unit suggests the closest name; a misplaced => names the fix"
grep -q '^targets.csv | line 4 | unit "城关镇" is ambiguous: 2 units have that name, 城关镇 (id dl-cgz, under 东岭县), 城关镇 (id xl-cgz, under 西岭县).*; target "新增12个以上" is in 个, not in the indicator.s unit 家' <<<"$out"
ok $? "an ambiguous unit names the candidates; a unit of measure not the indicator's says what to write"
grep -q '^targets.csv | line 5 | unknown indicator "地区生' <<<"$out" && grep -q '^targets.csv | line 7 | .*does not fit a rate indicator' <<<"$out"
ok $? "lines count a quoted field over two lines; a measure that does not fit the indicator is named"
[ "$(grep -c '^targets.csv | line' <<<"$out")" = 4 ]; ok $? "exactly the four bad rows are listed (line 2 is good)"
is "$(q "$digest")" "$before" "nothing was written"
is "$(q "SELECT target::text FROM plan_target JOIN unit USING (unit_id) WHERE name_zh = '东岭县' AND indicator_id = 1")" "growth >= 7%" \
	"the good row of the bad folder was not applied either"

# The readings loader on its own (begin_load, load_readings) reads the
# same names and forms.
printf '%s\n' 'indicator,unit,month,value' '地区生产总值,东岭县,2024年7月,"7,560"' '新增规上工业企业,西岭县,2024.07,１' > "$dir/more.csv"
got=$(psql -X -q -At -v ON_ERROR_STOP=1 -d $db -c "SELECT scorecard.begin_load()" \
	-c "\\copy pg_temp.reading_staging (indicator, unit, month, value) FROM '$dir/more.csv' WITH (FORMAT csv, HEADER true)" \
	-c "SELECT inserted FROM scorecard.load_readings()" 2>&1 | tail -1)
is "$got" 2 "load_readings reads Chinese names, 2024年7月, 2024.07, 7,560 and a full-width digit"
is "$(q "SELECT string_agg(unit_id || ':' || value, ' ' ORDER BY value) FROM reading WHERE month = '2024-07-01'")" "西岭县:1 东岭县:7560" \
	"the loaded figures are the ones written"

# The templates import as they are, their band sets with them.
tpl=scorecard_import_tpl
psql -X -q -d postgres -c "SET client_min_messages = warning" -c "DROP DATABASE IF EXISTS $tpl" -c "CREATE DATABASE $tpl" >/dev/null &&
psql -X -q -d $tpl -c "SET client_min_messages = warning" -c "CREATE EXTENSION scorecard_report CASCADE" >/dev/null
out=$(PGDATABASE=$tpl bash scripts/import.sh templates 2>&1); st=$?
ok $st "the templates import"
[ $st = 0 ] || diag <<<"$out"
is "$(psql -X -q -At -d $tpl -c "SELECT string_agg(x, ' | ' ORDER BY x) FROM (
	SELECT 'i' || indicator_id || ':' || status_bands AS x FROM scorecard.indicator WHERE status_bands IS NOT NULL
	UNION ALL SELECT 't' || indicator_id || ':' || status_bands FROM scorecard.plan_target WHERE status_bands IS NOT NULL) s")" \
	"i1:green: shortfall <= 0.5; yellow: 0.5 < shortfall <= 1.5; red: shortfall > 1.5 | t2:yellow: shortfall <= 10% of target; red: shortfall > 10% of target" \
	"the templates' band sets (预警区间) are stored"
psql -X -q -d postgres -c "SET client_min_messages = warning" -c "DROP DATABASE IF EXISTS $tpl" >/dev/null

echo "1..$n"
exit $failed
