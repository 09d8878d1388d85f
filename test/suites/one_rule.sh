#!/usr/bin/env bash
# One definition per rule, checked where two places must agree, on the demo
# plan with the counties' targets of one indicator scored by rank (one
# county's weight there 0) and ties made by the published precision:
#   - the rank and the published figure: unit_ranks, progress_arith (with
#     and without digits) and rank scoring (unit_scores) against a plain-SQL
#     rank (1 + the peers with a better published figure, no window);
#   - the columns of progress(), progress_arith() and unit_assessment_of()
#     are written out by name, in the order of their result type.
# Runs on the test server.
set -uo pipefail
TOP=$(cd "$(dirname "$0")/../.." && pwd)
export PATH=/usr/lib/postgresql/15/bin:$PATH PGCLIENTENCODING=UTF8
source "$TOP/test/tap.sh"
db=scorecard_one_rule
AS_OF=2024-11-30
cleanup() { psql -X -q -d postgres -c "SET client_min_messages = warning" -c "DROP DATABASE IF EXISTS $db" >/dev/null; }
trap cleanup EXIT
cleanup
q() { psql -X -q -At -v ON_ERROR_STOP=1 -d $db -c "SET search_path = scorecard, public" -c "$1"; }
cd "$TOP"
psql -X -q -d postgres -c "CREATE DATABASE $db" >/dev/null &&
	psql -X -q -v ON_ERROR_STOP=1 -d $db -v last_month=2024-11-01 -c "SET client_min_messages = warning" \
		-c "CREATE EXTENSION scorecard_plan CASCADE" -c "SET search_path = scorecard, public" \
		-f data/plan.sql -f data/generate.sql >/dev/null
ok $? "demo plan and readings to November 2024 load"

# The counties' targets of the first indicator with county targets are
# scored by rank; one county's weight there is 0 (it is ranked, not scored).
# Every reading of the second such indicator is rounded to one decimal, so
# that figures published at no decimals tie.
q "CREATE TABLE ranked_indicator AS
	SELECT min(t.indicator_id) AS indicator_id FROM plan_target t JOIN unit u USING (unit_id)
	WHERE t.year = 2024 AND u.kind = 'county';
UPDATE plan_target t SET scoring = 'rank', score_floor = 0.5, weight = CASE WHEN t.unit_id = (
	SELECT min(u.unit_id) FROM unit u WHERE u.kind = 'county') THEN 0 ELSE t.weight END
FROM unit u WHERE u.unit_id = t.unit_id AND u.kind = 'county' AND t.year = 2024
  AND t.indicator_id = (SELECT indicator_id FROM ranked_indicator);
UPDATE indicator SET decimals = 0 WHERE indicator_id = (SELECT indicator_id FROM ranked_indicator);" >/dev/null
ok $? "rank scoring on one indicator, one county weighted 0"

# Plain SQL: the published figure of each row (the actual as published at
# its precision, or the actual at 1 decimal for digits => 1) and its rank:
# 1 + the peers (same parent, same peer group) with a better figure.
q "CREATE TABLE plain AS
WITH p AS (
	SELECT p.indicator_id, p.unit_id, u.parent_id, k.peer_group, i.higher_is_better,
	       CASE WHEN p.decimals IS NULL THEN p.actual_published::numeric
	            ELSE round(p.actual_published::numeric, p.decimals) END AS pub,
	       round(p.actual::numeric, 1) AS pub1
	FROM progress('$AS_OF') p JOIN unit u USING (unit_id) JOIN unit_kind k ON k.kind = u.kind
	JOIN indicator i ON i.indicator_id = p.indicator_id
)
SELECT p.indicator_id, p.unit_id, p.pub, p.pub1,
       CASE WHEN p.pub IS NOT NULL THEN 1 + (SELECT count(*) FROM p q
            WHERE q.indicator_id = p.indicator_id AND q.parent_id IS NOT DISTINCT FROM p.parent_id
              AND q.peer_group IS NOT DISTINCT FROM p.peer_group
              AND CASE WHEN p.higher_is_better THEN q.pub > p.pub ELSE q.pub < p.pub END) END::int AS rank,
       CASE WHEN p.pub1 IS NOT NULL THEN 1 + (SELECT count(*) FROM p q
            WHERE q.indicator_id = p.indicator_id AND q.parent_id IS NOT DISTINCT FROM p.parent_id
              AND q.peer_group IS NOT DISTINCT FROM p.peer_group
              AND CASE WHEN p.higher_is_better THEN q.pub1 > p.pub1 ELSE q.pub1 < p.pub1 END) END::int AS rank1,
       (SELECT count(q.pub) FROM p q WHERE q.indicator_id = p.indicator_id
          AND q.parent_id IS NOT DISTINCT FROM p.parent_id AND q.peer_group IS NOT DISTINCT FROM p.peer_group)::int AS peers
FROM p" >/dev/null
ok $? "plain-SQL ranks computed"

# progress() reads indicator_state()'s rows in place (progress_of_states
# given NULL); the report and progress_arith pass them as an array
# (indicator_state_rows): both give the same rows in the same order, in
# January, February, mid-year, October and November, as recorded now and
# between the demo's two loads (2024-12-20, and 2024-12-27 with two
# revised October figures, data/generate.sql), where the revisions are
# not yet in force.
cases="FROM unnest('{2024-01-31,2024-02-29,2024-06-30,2024-10-31,2024-11-30}'::date[]) d
	CROSS JOIN unnest(ARRAY[NULL, '2024-12-23 12:00']::timestamptz[]) r"
is "$(q "SELECT coalesce(string_agg(d || ' @ ' || coalesce(r::text, 'now'), ', '), 'none') $cases
	WHERE ARRAY(SELECT p FROM progress(d, r) p)::text
	      IS DISTINCT FROM ARRAY(SELECT p FROM progress_of_states(d, indicator_state_rows(d, r), r) p)::text")" "none" \
	"progress() equals progress_of_states() of the states as an array, at 5 dates x 2 recorded_as_of"
is "$(q "SELECT min(n) > 0 FROM (SELECT (SELECT count(*) FROM progress(d, r) p WHERE p.value IS NOT NULL) AS n $cases) x")" "t" \
	"each of those cases has figures to compare"
is "$(q "SELECT string_agg(d::text, ',' ORDER BY d) FROM unnest('{2024-01-31,2024-02-29,2024-06-30,2024-10-31,2024-11-30}'::date[]) d
	WHERE ARRAY(SELECT p FROM progress(d) p)::text
	      IS DISTINCT FROM ARRAY(SELECT p FROM progress(d, '2024-12-23 12:00') p)::text")" "2024-10-31,2024-11-30" \
	"the revised October figures make the two recorded_as_of differ from October on"
# progress_of_states(..., below): progress()'s rows of that unit and the
# units under it, in its order: a county, the city, a department, as
# recorded now and before the revisions, and with a target of the county
# judged on its parent's figure (judged_on 'area', states_below: the
# city's subtree then).
sub_cases="FROM unnest('{2024-06-30,2024-11-30}'::date[]) d
	CROSS JOIN unnest(ARRAY[NULL, '2024-12-23 12:00']::timestamptz[]) r
	CROSS JOIN unnest(ARRAY['beita', 'shaoyang', (SELECT min(u.unit_id) FROM unit u JOIN unit_kind k USING (kind) WHERE k.is_department)]) b"
sub_differ="SELECT coalesce(string_agg(d || ' @ ' || coalesce(r::text, 'now') || ' below ' || b, ', '), 'none') $sub_cases
	WHERE ARRAY(SELECT p FROM progress(d, r) p WHERE p.unit_id IN (SELECT units_below(b)))::text
	      IS DISTINCT FROM ARRAY(SELECT p FROM progress_of_states(d, NULL, r, b) p)::text"
is "$(q "$sub_differ")" "none" "progress_of_states() below a county, the city and a department: progress()'s rows of them"
is "$(q "SELECT min(n) > 0 FROM (SELECT (SELECT count(*) FROM progress_of_states(d, NULL, r, b) p WHERE p.value IS NOT NULL) AS n $sub_cases) x")" "t" \
	"each of those cases has figures to compare"
is "$(psql -X -q -At -v ON_ERROR_STOP=1 -d $db -c "SET search_path = scorecard, public" -c "BEGIN" \
	-c "UPDATE plan_target SET judged_on = 'area' WHERE unit_id = 'beita' AND year = 2024
	    AND indicator_id = (SELECT min(t.indicator_id) FROM plan_target t WHERE t.unit_id = 'beita' AND t.year = 2024)" \
	-c "SELECT states_below('beita', 2024) || ': ' || ($sub_differ)" -c "ROLLBACK" | grep ':')" "shaoyang: none" \
	"a county's target judged on the city's figure: its states are the city's subtree's, and the rows are progress()'s"
is "$(q "SELECT count(*) > 0 FROM plain pl JOIN plain q USING (indicator_id, rank)
	WHERE pl.unit_id < q.unit_id AND pl.pub = q.pub AND pl.indicator_id = (SELECT indicator_id FROM ranked_indicator)")" t \
	"the ranked indicator has ties at its published precision"

# A disagreement of two sources, as a count of rows (0: they agree).
differ() { q "SELECT count(*) FROM (($1) EXCEPT ($2)) d"; }
is "$(differ "SELECT indicator_id, unit_id, published, rank, peers FROM unit_ranks('$AS_OF')" \
	"SELECT indicator_id, unit_id, pub, rank, peers FROM plain")" 0 "unit_ranks: the plain-SQL rank on the published figure"
is "$(differ "SELECT indicator_id, unit_id, pub, rank, peers FROM plain" \
	"SELECT indicator_id, unit_id, published, rank, peers FROM unit_ranks('$AS_OF')")" 0 "... and no plain-SQL rank is missing"
is "$(differ "SELECT indicator_id, unit_id, published, rank, peers FROM progress_arith('$AS_OF')" \
	"SELECT indicator_id, unit_id, pub, rank, peers FROM plain")" 0 "progress_arith: the same rank, peers and published figure"
is "$(differ "SELECT indicator_id, unit_id, published, rank, peers FROM progress_arith('$AS_OF', digits => 1)" \
	"SELECT indicator_id, unit_id, pub1, rank1, peers FROM plain")" 0 "progress_arith(digits => 1): the rank on the actual at 1 decimal"
is "$(differ "SELECT indicator_id, unit_id, published, rank FROM unit_ranks('$AS_OF', digits => 1)" \
	"SELECT indicator_id, unit_id, pub1, rank1 FROM plain")" 0 "unit_ranks(digits => 1): the same"
# Rank scoring: score_rank of the plain rank among all the peers with a
# figure (the county weighted 0 among them), for each weighted target.
is "$(q "SELECT count(*) FROM unit_scores('$AS_OF') s
	JOIN plan_target t ON t.indicator_id = s.indicator_id AND t.unit_id = s.unit_id AND t.year = 2024
	JOIN plain pl ON pl.indicator_id = s.indicator_id AND pl.unit_id = s.unit_id
	WHERE t.scoring = 'rank'
	  AND s.points IS DISTINCT FROM score_rank(pl.rank, pl.peers, t.weight, t.score_floor)")" 0 \
	"rank scoring: score_rank of the same rank among the same peers"
is "$(q "SELECT count(*) FROM unit_scores('$AS_OF') s JOIN plan_target t
	ON t.indicator_id = s.indicator_id AND t.unit_id = s.unit_id AND t.year = 2024
	WHERE t.scoring = 'rank' AND s.points IS NOT NULL AND t.indicator_id = (SELECT indicator_id FROM ranked_indicator)")" \
	"$(q "SELECT count(*) - 1 FROM unit u WHERE u.kind = 'county'")" "every county weighted on the ranked indicator is scored (the one weighted 0 is not)"

# The ranking's unmet targets (未达标指标) are one rule: the scored targets
# not met (a level target of a flow against its time-prorated target), the
# same computed from the month's scores as read from its stored run.
ranking="SELECT string_agg(unit_id || ':' || rank || ':' || coalesce(unmet, '-'), ' ' ORDER BY unit_id)
	FROM report_ranking('$AS_OF', (SELECT unit_id FROM unit WHERE parent_id IS NULL), 'county')"
computed=$(q "$ranking")
q "CALL run_assessment(2024, '$AS_OF')" >/dev/null
is "$(q "$ranking")" "$computed" "report_ranking: ranks and unmet targets from the stored run equal those computed"
is "$(q "SELECT count(*) FROM report_ranking('$AS_OF', (SELECT unit_id FROM unit WHERE parent_id IS NULL), 'county') WHERE source LIKE '本月考核运行%'")" \
	"$(q "SELECT count(*) FROM unit u JOIN unit_kind k USING (kind) WHERE k.peer_group = 'county' AND u.parent_id = (SELECT unit_id FROM unit WHERE parent_id IS NULL)")" \
	"... the second from the run"

# The latest month with readings of a year (a run's default as-of month),
# from reading_month's end over any revision, is the plain-SQL latest
# month of the readings in force then (readings()) in that year, not
# after the current month nor the month of recorded_as_of: for 2023 and
# 2024, as recorded now, between the demo's two loads and before both.
is "$(q "SELECT coalesce(string_agg(y || ' @ ' || coalesce(r::text, 'now'), ', '), 'none')
	FROM unnest(ARRAY[2023, 2024]) y
	CROSS JOIN unnest(ARRAY[NULL, '2024-12-23 12:00', '2024-12-01']::timestamptz[]) r
	WHERE latest_month(r, y) IS DISTINCT FROM (
		SELECT max(x.month) FROM readings(r, make_date(y, 1, 1), make_date(y, 12, 1)) x
		WHERE x.month <= date_trunc('month', CURRENT_DATE)::date
		  AND (r IS NULL OR x.month <= date_trunc('month', r)::date))")" "none" \
	"latest_month(recorded_as_of, year): the plain-SQL latest month of the readings in force, 2 years x 3 recorded_as_of"
is "$(q "SELECT latest_month(NULL, 2023) || ' ' || latest_month(NULL, 2024) || ' ' || coalesce(latest_month('2024-12-01', 2024)::text, 'none')")" \
	"2023-12-01 2024-11-01 none" "... December 2023, November 2024, and none before the first load"
# A reading of a month recorded before that month began (a future month
# then, allowed by plan_setting.future_months, or backdated by the owner):
# as recorded at a time before the month, it is not the latest month, nor
# a run's default month, where the current month's cap alone let it in.
is "$(psql -X -q -At -v ON_ERROR_STOP=1 -d $db -c "SET search_path = scorecard, public" -c "BEGIN" \
	-c "INSERT INTO reading (indicator_id, unit_id, month, value, recorded_at)
	    SELECT r.indicator_id, r.unit_id, '2024-12-01', r.value, '2024-11-15' FROM reading r
	    WHERE r.month = '2024-11-01' ORDER BY r.indicator_id, r.unit_id LIMIT 1" \
	-c "SELECT coalesce(latest_month('2024-11-20', 2024)::text, 'none') || ' ' || latest_month('2024-12-25', 2024)" \
	-c "ROLLBACK")" "none 2024-12-01" \
	"a December reading recorded on 2024-11-15: not the latest month as recorded on 2024-11-20 (none then), the latest as recorded on 2024-12-25"

# warning_streaks and lagging_list_of below a unit (a county's report
# reads them so): the rows of the whole of them whose unit is that unit or
# under it, in their order; with October's run stored too (streaks of two
# months).
q "CALL run_assessment(2024, '2024-10-31')" >/dev/null
below_cases="FROM unnest(ARRAY['beita', 'shaoyang', (SELECT min(u.unit_id) FROM unit u JOIN unit_kind k USING (kind) WHERE k.is_department)]) b"
# (the whole list numbered in its order first: warning_streaks inlines, and
# a semi-join on its rows would not keep their order)
is "$(q "WITH whole AS MATERIALIZED (SELECT w, pg_catalog.row_number() OVER () AS o FROM warning_streaks('$AS_OF') w)
	SELECT coalesce(string_agg(b, ', '), 'none') $below_cases
	WHERE ARRAY(SELECT x.w FROM whole x WHERE (x.w).unit_id IN (SELECT units_below(b)) ORDER BY x.o)::text
	      IS DISTINCT FROM ARRAY(SELECT w FROM warning_streaks('$AS_OF', b) w)::text")" "none" \
	"warning_streaks() below a county, the city and a department: the whole list's rows of them, in order"
is "$(q "SELECT coalesce(string_agg(b, ', '), 'none') $below_cases
	WHERE ARRAY(SELECT l FROM lagging_list_of('$AS_OF', ARRAY(SELECT p FROM progress('$AS_OF') p)) l
	            WHERE l.unit_id IN (SELECT units_below(b)))::text
	      IS DISTINCT FROM ARRAY(SELECT l FROM lagging_list_of('$AS_OF', ARRAY(SELECT p FROM progress('$AS_OF') p), below => b) l)::text")" "none" \
	"lagging_list_of() below a county, the city and a department: the whole list's rows of them, in order"
is "$(q "SELECT (SELECT count(*) FROM warning_streaks('$AS_OF', 'beita') WHERE months = 2) > 0
	AND (SELECT count(*) FROM lagging_list_of('$AS_OF', ARRAY(SELECT p FROM progress('$AS_OF') p), below => 'beita') WHERE kind = 'target') > 0
	AND (SELECT count(*) FROM lagging_list_of('$AS_OF', ARRAY(SELECT p FROM progress('$AS_OF') p)) WHERE kind = 'task') > 0")" "t" \
	"... the county has streaks of two months and lagging targets, the whole list lagging tasks"

# Which targets are judged against time progress (序时进度) is one rule,
# indicator_prorated: progress() (status, schedule gap) and unit_scores_of
# (the prorated target scored against) both call it, and it gives the hand
# table (flows and task counts, unless reported annually).
for f in 'progress_of_states(date,indicator_state_row[],timestamptz,text)' 'unit_scores_of(progress_row[],boolean)'; do
	is "$(q "SELECT pg_get_functiondef('$f'::regprocedure) LIKE '%indicator_prorated(%'
		AND pg_get_functiondef('$f'::regprocedure) NOT LIKE '%''flow'', ''task''%'")" t \
		"$f judges prorated targets by indicator_prorated, with no copy of its rule"
done
is "$(q "SELECT string_agg(n || '/' || f || '=' || indicator_prorated(n, f), ' ' ORDER BY n, f)
	FROM unnest(ARRAY['flow', 'task', 'stock', 'rate']) n, unnest(ARRAY['monthly', 'quarterly', 'annual']) f")" \
	"flow/annual=false flow/monthly=true flow/quarterly=true rate/annual=false rate/monthly=false rate/quarterly=false stock/annual=false stock/monthly=false stock/quarterly=false task/annual=false task/monthly=true task/quarterly=true" \
	"indicator_prorated: flows and task counts reported monthly or quarterly, nothing else"

# The readings in force (the latest revision recorded by recorded_as_of)
# are one rule, readings(); indicator_state, data_review and
# readings_digest (a run's) write it out in their own queries (their plans
# read only the rows they need): the NOT EXISTS of a later revision is the
# same text in all four, the outer reading's alias aside, and each reads
# the outer reading only if recorded by recorded_as_of.
in_force() {
	q "SELECT replace(regexp_replace(substring(d FROM 'NOT EXISTS \\(\\s*(SELECT 1 FROM reading n\\s.*?n\\.recorded_at <= recorded_as_of\\))\\)'),
		'\\s+', ' ', 'g'), '$2.', 'r.')
		|| CASE WHEN position('(recorded_as_of IS NULL OR $2.recorded_at <= recorded_as_of)' IN d) > 0
		        THEN ' and the reading recorded by recorded_as_of' ELSE ' (no outer recorded_as_of filter)' END
		FROM pg_get_functiondef('$1'::regprocedure) d"
}
rule=$(in_force 'readings(timestamptz,date,date,text[])' r)
is "$([ -n "$rule" ] && [ "$rule" = "$(in_force 'indicator_state(date,timestamptz,text)' r)" ] && echo same)" same \
	"indicator_state writes out readings()' rule of the readings in force as it is"
is "$([ -n "$rule" ] && [ "$rule" = "$(in_force 'data_review(date,timestamptz,text[],boolean,date,int[])' x)" ] && echo same)" same \
	"data_review writes out readings()' rule of the readings in force as it is"
is "$([ -n "$rule" ] && [ "$rule" = "$(in_force 'readings_digest(timestamptz,date,date,int)' r)" ] && echo same)" same \
	"readings_digest (a run's) writes out readings()' rule of the readings in force as it is"

# reading_current is readings(NULL) as a plain view (a filter on it reaches
# the table's indexes): the same rows, with the demo's two revised October
# figures in force, and their first revisions not.
is "$(q "SELECT (SELECT count(*) FROM (SELECT * FROM reading_current EXCEPT ALL
	SELECT indicator_id, unit_id, month, value, reported_growth, revision, recorded_at, source FROM readings(NULL)) x)
	|| ' ' || (SELECT count(*) FROM (SELECT indicator_id, unit_id, month, value, reported_growth, revision, recorded_at, source
	FROM readings(NULL) EXCEPT ALL SELECT * FROM reading_current) x)
	|| ' ' || (SELECT count(*) FROM reading_current WHERE revision > 1)
	|| ' ' || (SELECT count(*) FROM reading_current c JOIN reading r USING (indicator_id, unit_id, month) WHERE r.revision > c.revision)")" \
	"0 0 2 0" "reading_current equals readings(NULL): no row of either missing from the other, the 2 revisions in force, none superseded"

# Columns by name: the output names of the final SELECT (its AS aliases)
# are the result type's attributes, in order.
# aliases FUNCTION FIRST LAST: the AS names between the lines starting FIRST and LAST.
aliases() {
	q "SELECT string_agg(m[1], ',') FROM regexp_matches(
		substring(pg_get_functiondef('$1'::regprocedure) FROM '$2(.*)$3'), ' AS ([a-z_]+)\M', 'g') m"
}
attrs() { q "SELECT string_agg(attname, ',' ORDER BY attnum) FROM pg_attribute WHERE attrelid = '$1'::regclass AND attnum > 0"; }
# names FUNCTION FIRST LAST TYPE-NAMES: the aliases are TYPE-NAMES (and some).
names() { local got; got=$(aliases "$1" "$2" "$3"); [ -n "$got" ] || got="(no aliases found)"; is "$got" "$4" "$5"; }
names 'progress_of_states(date,indicator_state_row[],timestamptz,text)' '-- the columns of progress_row' 'FROM published p' "$(attrs progress_row)" \
	"progress_of_states() (progress()'s body): its columns named as progress_row's, in order"
names 'progress_arith(date,timestamptz,int,float8,float8)' 'SELECT w.indicator_id' 'FROM with_reported w' \
	"$(attrs progress_arith_row)" "progress_arith(): its columns named as progress_arith_row's, in order"
names 'unit_assessment_of(unit_score_row[])' 'SELECT a.unit_id' 'FROM a JOIN unit' \
	"$(attrs unit_assessment_row)" "unit_assessment_of(): its columns named as unit_assessment_row's, in order"

# The stored lagging list is lagging_list_of()'s rows with their position,
# served by lagging_list_latest with as_of and computed_at: one list of
# columns, in order.
outs=$(q "SELECT string_agg(u.n, ',' ORDER BY u.i) FROM pg_proc p,
	unnest(p.proargnames, p.proargmodes) WITH ORDINALITY u(n, m, i)
	WHERE p.oid = 'lagging_list_of(date,progress_row[],timestamptz,text)'::regprocedure AND u.m = 't'")
is "$(attrs lagging_list_snapshot)|$(attrs lagging_list_latest)" "$outs,position|as_of,$outs,computed_at" \
	"lagging_list_snapshot and lagging_list_latest: lagging_list_of()'s columns, in order"
# So is the stored data review: data_review()'s rows with their position.
outs=$(q "SELECT string_agg(u.n, ',' ORDER BY u.i) FROM pg_proc p,
	unnest(p.proargnames, p.proargmodes) WITH ORDINALITY u(n, m, i)
	WHERE p.oid = 'data_review(date,timestamptz,text[],boolean,date,int[])'::regprocedure AND u.m = 't'")
is "$(attrs data_review_snapshot)|$(attrs data_review_latest)" "$outs,position|as_of,$outs,computed_at" \
	"data_review_snapshot and data_review_latest: data_review()'s columns, in order"

echo "1..$n"
exit $failed
