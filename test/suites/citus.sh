#!/usr/bin/env bash
# Citus suite (TAP): a Citus 13.2.2 coordinator and two workers on this
# machine (Unix sockets), built and installed once by test/citus/build.sh.
#
# - Every aggregate of the extension, listed from the catalog, grouped by the
#   distribution column (the whole aggregate runs on the workers) and grouped
#   by something else (partial states: worker_partial_agg on the workers,
#   coord_combine_agg on the coordinator), each equal to the same query over a
#   local copy of all the rows (the single-server answer).
# - States stored in a distributed table and rolled up across shards.
# - The plan model (scorecard_plan): reading distributed by unit, the other
#   tables reference tables; progress, the city's progress and the unit
#   assessment equal to one server's (a database without Citus).
# - An update of a cluster from 0.2.0 as docs/distributed.md says, in a
#   database of its own: versions, the shards' index and triggers, the
#   snapshot going stale, progress, a load and a run as one server's.
#
#   bash test/suites/citus.sh
#
# CITUS_BREAK makes it fail on purpose, to see that the checks can:
#   worker_extension  drop the extension on one worker (after set-up)
#   combine           remove the combine function of ytd_growth(date, float8, date)
# CITUS_KEEP=1 leaves the three servers running (scripts/pgserver.sh stop NAME).
source "$(dirname "$0")/../../scripts/common.sh"
set +e

BREAK=${CITUS_BREAK:-}
AS_OF=2024-06-30
SHARDS=8

SINGLE=scorecard_single

source "$TOP/test/citus/cluster.sh"
CITUS_DB=postgres
servers="citus_coord citus_w1 citus_w2"
stop_servers() { citus_cluster_stop $servers; }
[ -n "${CITUS_KEEP:-}" ] || trap stop_servers EXIT

source "$TOP/test/tap.sh"

# ---------------------------------------------------------------- Citus

# Build and install Citus once (a few minutes on a fresh machine).
bash "$TOP/test/citus/build.sh" > >(diag) 2>&1 || bail "cannot build or install Citus (test/citus/build.sh)"

# Three fresh servers, each preloading citus, each with the citus extension.
citus_cluster_start fresh $servers || bail "cannot start the Citus cluster"
version=$(on citus_coord -c "SELECT citus_version()")
workers=$(on citus_coord -c "SELECT count(*) FROM citus_get_active_worker_nodes()")
[ "$workers" = 2 ] && [[ $version == "Citus 13.2.2 "* ]]
check $? "a Citus 13.2.2 coordinator with 2 active workers (${version%% on *}, $workers workers)"

# The extensions, created on the coordinator: Citus creates them on the workers.
# The types in public, as a cluster that computes with them has them (each -c
# its own transaction: CREATE EXTENSION scorecard_plan leaves a scorecard
# made before where it is).
on citus_coord -c "SET client_min_messages = warning" -c "CREATE EXTENSION scorecard SCHEMA public" \
	-c "CREATE EXTENSION scorecard_plan" ||
	bail "CREATE EXTENSION scorecard_plan on the coordinator"
want_ext=$(on citus_coord -c "SELECT string_agg(extname || ' ' || extversion, ', ' ORDER BY extname)
	FROM pg_extension WHERE extname LIKE 'scorecard%'")
for s in citus_w1 citus_w2; do
	got_ext=$(on "$s" -c "SELECT string_agg(extname || ' ' || extversion, ', ' ORDER BY extname)
		FROM pg_extension WHERE extname LIKE 'scorecard%'")
	[ -n "$want_ext" ] && [ "$got_ext" = "$want_ext" ]
	check $? "$s has the coordinator's extensions ($got_ext)"
done

# ---------------------------------------------------------------- data

# readings: 100 units x 8 indicators x 24 months x 3 enterprises = 57,600
# rows, about 1% of the values and 5% of the points NULL; some groups have
# no value for a month (indicator 3 of every tenth unit in March 2023,
# indicator 8 in February 2023) or no points at all (indicator 6, unit 50,
# indicator 5 of every 25th unit), so that some answers are NULL.  kind: the ytd
# kind of the indicator (monthly or cumulative readings); akind: the
# assessment row kind (mostly score, some bonus, deduction and veto rows).
# rates: 20 rate series, one reading a month, each month's reading from
# another unit, so that every series spans the shards.
# readings_all, rates_all: the same rows in local tables (one server).
COLUMNS_DDL="unit int NOT NULL, indicator int NOT NULL, period date NOT NULL, value float8,
	kind text NOT NULL, points float8, weight float8, akind text NOT NULL"
RATES_DDL="unit int NOT NULL, series int NOT NULL, period date NOT NULL, value float8"
on citus_coord >/dev/null <<SQL || bail "data set-up"
SET client_min_messages = warning;
CREATE TABLE readings_all ($COLUMNS_DDL);
CREATE TABLE rates_all ($RATES_DDL);
SELECT setseed(0.42);
INSERT INTO readings_all
SELECT u, i, make_date(2023 + (m - 1) / 12, (m - 1) % 12 + 1, 1),
	CASE WHEN random() < 0.01 OR (i = 3 AND u % 10 = 0 AND m = 3) OR (i = 8 AND m = 2) THEN NULL
		ELSE round(((100 + 10 * i + 20 * random()) * (1 + 0.05 * ((m - 1) / 12) + 0.01 * (u % 7)))::numeric, 2)::float8 END,
	CASE WHEN i % 2 = 0 THEN 'monthly' ELSE 'cumulative' END,
	CASE WHEN random() < 0.05 OR i = 6 OR u = 50 OR (i = 5 AND u % 25 = 0) THEN NULL
		ELSE round((random() * 10)::numeric, 1)::float8 END,
	5 + i,
	CASE (u + i + m + e) % 10 WHEN 0 THEN 'bonus' WHEN 1 THEN 'deduction'
		WHEN 2 THEN CASE WHEN random() < 0.01 THEN 'veto' ELSE 'score' END ELSE 'score' END
FROM generate_series(1, 100) u, generate_series(1, 8) i, generate_series(1, 24) m,
	generate_series(1, 3) e;
INSERT INTO rates_all
SELECT (s * 7 + m * 13) % 100 + 1, s, make_date(2023 + (m - 1) / 12, (m - 1) % 12 + 1, 1),
	CASE WHEN random() < 0.02 THEN NULL ELSE round((random() * 100)::numeric, 1)::float8 END
FROM generate_series(1, 20) s, generate_series(1, 24) m;
CREATE TABLE readings ($COLUMNS_DDL);
CREATE TABLE rates ($RATES_DDL);
SELECT create_distributed_table('readings', 'unit', shard_count => $SHARDS);
SELECT create_distributed_table('rates', 'unit', colocate_with => 'readings');
INSERT INTO readings SELECT * FROM readings_all;
INSERT INTO rates SELECT * FROM rates_all;
ANALYZE readings_all;
ANALYZE rates_all;
SQL

# Rows of a distributed table per node, counted in its shards: "citus_w1:N citus_w2:M".
rows_per_node() {
	on citus_coord -c "SELECT string_agg(n, ' ' ORDER BY n) FROM (
		SELECT substring(nodename FROM '([^/]+)/sock\$') || ':' || sum(result::bigint) AS n
		FROM run_command_on_shards('$1', 'SELECT count(*) FROM %s') r
		JOIN pg_dist_shard_placement p USING (shardid) WHERE result::bigint > 0 GROUP BY nodename) q"
}

# Every worker holds some of the rows; together all of them.
per_node=$(rows_per_node readings)
total=$(on citus_coord -c "SELECT count(*) FROM readings")
want_total=$(on citus_coord -c "SELECT count(*) FROM readings_all")
[ "$total" = "$want_total" ] && [ "$(wc -w <<<"$per_node")" = 2 ]
check $? "readings: $total rows in $SHARDS shards on the 2 workers ($per_node)"

# States stored in a distributed table (per unit and indicator, computed on
# the workers), and the same states over the local copy.
on citus_coord >/dev/null <<SQL || bail "stored states"
SET client_min_messages = warning;
CREATE TABLE states (unit int NOT NULL, indicator int NOT NULL, ys ytd, sa assessment);
SELECT create_distributed_table('states', 'unit', colocate_with => 'readings');
INSERT INTO states SELECT unit, indicator, ytd_agg(period, value), assess(points, weight, akind)
	FROM readings GROUP BY unit, indicator;
CREATE TABLE states_all AS SELECT unit, indicator, ytd_agg(period, value) AS ys,
	assess(points, weight, akind) AS sa FROM readings_all GROUP BY unit, indicator;
SQL

if [ "$BREAK" = combine ]; then
	on citus_coord -c "UPDATE pg_aggregate SET aggcombinefn = 0
		WHERE aggfnoid = 'ytd_growth(date, float8, date)'::regprocedure" >/dev/null
	echo "# BREAK: ytd_growth(date, float8, date) has no combine function on the coordinator"
fi
if [ "$BREAK" = worker_extension ]; then
	on citus_w2 -c "SET citus.enable_ddl_propagation = off" -c "DROP EXTENSION scorecard CASCADE" 2>&1 | diag
	echo "# BREAK: extension scorecard dropped on citus_w2"
fi

# ---------------------------------------------------------------- checks

# Results of a query on the coordinator (as GOT) compared with the
# single-server answer (WANT): the same keys, and v (float8[]) equal element
# by element: floats to a relative 1e-9, NULL exactly where NULL.
# same_results LABEL GOT_SQL WANT_SQL KEYCOLS
same_results() {
	local label=$1 got=$2 want=$3 keys=$4 out ng nw nj nd nv nnull
	out=$(on citus_coord <<SQL 2>&1
CREATE TEMP TABLE got AS $got;
CREATE TEMP TABLE want AS $want;
SELECT (SELECT count(*) FROM got), (SELECT count(*) FROM want),
	(SELECT count(*) FROM got FULL JOIN want USING ($keys)),
	(SELECT count(*) FROM got g FULL JOIN want w USING ($keys)
		WHERE g.v IS NULL OR w.v IS NULL OR cardinality(g.v) <> cardinality(w.v)
			OR EXISTS (SELECT FROM unnest(g.v, w.v) x(a, b)
				WHERE a IS DISTINCT FROM b
					AND NOT coalesce(abs(a - b) <= 1e-9 * greatest(abs(a), abs(b)), false))),
	(SELECT count(x) FROM want, unnest(v) x),
	(SELECT count(*) - count(x) FROM want, unnest(v) x);
SQL
	)
	IFS='|' read -r ng nw nj nd nv nnull <<<"$out"
	if [ "$ng" = "$nw" ] && [ "$nj" = "$nw" ] && [ "$nd" = 0 ] && [ "${nv:-0}" -gt 0 ] 2>/dev/null; then
		ok "$label: $nw groups equal the single-server answer ($nv values, $nnull NULL)"
	else
		not_ok "$label: equal to the single-server answer"
		if [[ $out == *ERROR* ]]; then
			echo "$out" | head -20 | diag
		else
			echo "got $ng rows, want $nw, joined $nj, differing $nd" | diag
		fi
	fi
}

# EXPLAIN VERBOSE of a query on the coordinator.
explain() {
	on citus_coord -c "EXPLAIN (VERBOSE, COSTS OFF) $1" 2>&1
}

# The verdict on a plan: ok with the worker query, or not ok with the plan.
# plan_verdict STATUS LABEL PLAN WORKER-QUERY
plan_verdict() {
	if [ "$1" -eq 0 ]; then
		ok "$2"
		echo "Query: $4" | cut -c1-300 | diag
	else
		not_ok "$2"
		echo "$3" | diag
	fi
}

# The worker query of a Citus plan (the Task's "Query:" line).
worker_query() { grep -m1 'Query: ' <<<"$1" | sed 's/^ *Query: //'; }

# The coordinator's part of a Citus plan: the lines above the Custom Scan.
coordinator_part() { sed '/Custom Scan (Citus/,$d' <<<"$1"; }

# The aggregates of the extension (regprocedure text, schema-qualified).
aggregates=$(on citus_coord -c "SET search_path = pg_catalog" -c "
	SELECT p.oid::regprocedure::text FROM pg_proc p
	JOIN pg_depend d ON d.classid = 'pg_proc'::regclass AND d.objid = p.oid AND d.deptype = 'e'
	JOIN pg_extension e ON e.oid = d.refobjid AND e.extname = 'scorecard'
	WHERE p.prokind = 'a' ORDER BY 1")

# One check per aggregate: the table, the grouping by the distribution column,
# the grouping by something else, the call, and v (float8[]) with %A for the call.
A="date '$AS_OF'"
YTD_V="ARRAY[ytd_value(%A, $A), ytd_prior(%A, $A), ytd_growth(%A, $A)]"
CUM_V="ARRAY[ytd_value(%A, $A), ytd_prior(%A, $A), ytd_growth(%A, $A), ytd_month_value(%A, $A)]"
ASSESS_V="ARRAY[assessment_score(%A), assessment_points(%A), assessment_weight(%A), assessment_weight_all(%A),"
ASSESS_V+=" assessment_geometric(%A), assessment_applicable(%A)::float8]"
ASSESS3_V="ARRAY[assessment_score(%A, 5, 10), assessment_total(%A), assessment_bonus(%A, 5),"
ASSESS3_V+=" assessment_deduction(%A, 10), assessment_vetoes(%A)::float8, assessment_missing(%A)::float8]"
declare -A SPEC=(
	["public.ytd_agg(date,double precision)"]="readings|unit, indicator|indicator|ytd_agg(period, value)|$YTD_V"
	["public.ytd_agg(date,double precision,text)"]="readings|unit, indicator|indicator|ytd_agg(period, value, kind)|$CUM_V"
	["public.ytd_cumulative_agg(date,double precision)"]="readings|unit, indicator|indicator|ytd_cumulative_agg(period, value)|$CUM_V"
	["public.ytd_rate_agg(date,double precision)"]="rates|unit, series|series|ytd_rate_agg(period, value)|ARRAY[ytd_level(%A, $A), ytd_change(%A, $A), ytd_month_value(%A, $A)]"
	["public.rollup(public.ytd)"]="states|unit, indicator|indicator|rollup(ys)|$YTD_V"
	["public.ytd_growth(date,double precision,date)"]="readings|unit, indicator|indicator|ytd_growth(period, value, $A)|ARRAY[%A]"
	["public.ytd_value(date,double precision,date)"]="readings|unit, indicator|indicator|ytd_value(period, value, $A)|ARRAY[%A]"
	["public.assess(double precision,double precision)"]="readings|unit|indicator|assess(points, weight)|$ASSESS_V"
	["public.assess(double precision,double precision,text)"]="readings|unit|indicator|assess(points, weight, akind)|$ASSESS3_V"
	["public.rollup(public.assessment)"]="states|unit, indicator|indicator|rollup(sa)|$ASSESS3_V"
	["public.weighted_score(double precision,double precision)"]="readings|unit|indicator|weighted_score(points, weight)|ARRAY[%A]"
	["public.share_growing(double precision)"]="readings|unit|indicator|share_growing(points - 5)|ARRAY[%A]"
)

missing=""
while read -r sig; do
	[ -n "${SPEC[$sig]:-}" ] || missing="$missing $sig"
done <<<"$aggregates"
nagg=$(wc -l <<<"$aggregates")
[ -n "$aggregates" ] && [ -z "$missing" ]
check $? "each of the $nagg aggregates of the extension has a Citus check${missing:+ (none for:$missing)}"

# Grouped by the distribution column: the worker query computes the whole
# aggregate and groups; the coordinator only collects.
# pushdown_check SIG
pushdown_check() {
	local sig=$1 tab g other call v q plan wq name
	IFS='|' read -r tab g other call v <<<"${SPEC[$sig]}"
	name=${sig%%(*}
	q="SELECT $g, ${v//%A/$call} AS v FROM $tab GROUP BY $g"
	plan=$(explain "$q")
	wq=$(worker_query "$plan")
	grep -q 'GROUP BY' <<<"$wq" && grep -qF "$name(" <<<"$wq" && ! grep -q worker_partial_agg <<<"$wq" &&
		! coordinator_part "$plan" | grep -qE 'Aggregate|coord_combine_agg' &&
		grep -q 'Custom Scan (Citus' <<<"$plan"
	plan_verdict $? "$sig by $g: the whole aggregate runs on the workers" "$plan" "$wq"
	same_results "$sig by $g" "$q" "SELECT $g, ${v//%A/$call} AS v FROM ${tab}_all GROUP BY $g" "$g"
}

# Grouped by something else: worker_partial_agg on the workers,
# coord_combine_agg on the coordinator.
# partial_check SIG
partial_check() {
	local sig=$1 tab g other call v q plan wq
	IFS='|' read -r tab g other call v <<<"${SPEC[$sig]}"
	q="SELECT $other, ${v//%A/$call} AS v FROM $tab GROUP BY $other"
	plan=$(explain "$q")
	wq=$(worker_query "$plan")
	grep -qF "worker_partial_agg('$sig'::regprocedure" <<<"$wq" &&
		coordinator_part "$plan" | grep -q 'coord_combine_agg('
	plan_verdict $? "$sig by $other: partial states (worker_partial_agg, coord_combine_agg)" "$plan" "$wq"
	same_results "$sig by $other" "$q" "SELECT $other, ${v//%A/$call} AS v FROM ${tab}_all GROUP BY $other" "$other"
}

while read -r sig; do
	[ -n "${SPEC[$sig]:-}" ] || continue
	pushdown_check "$sig"
	partial_check "$sig"
done <<<"$aggregates"

# The stored states rolled up across shards equal the aggregates over all the
# rows of each indicator (computed directly, on one server).
same_results "rollup of stored ytd states per indicator = ytd_agg over all its rows" \
	"SELECT indicator, ${YTD_V//%A/rollup(ys)} AS v FROM states GROUP BY indicator" \
	"SELECT indicator, ${YTD_V//%A/ytd_agg(period, value)} AS v FROM readings_all GROUP BY indicator" indicator
same_results "rollup of stored assessment states per indicator = assess over all its rows" \
	"SELECT indicator, ${ASSESS3_V//%A/rollup(sa)} AS v FROM states GROUP BY indicator" \
	"SELECT indicator, ${ASSESS3_V//%A/assess(points, weight, akind)} AS v FROM readings_all GROUP BY indicator" indicator
same_results "rollup of stored states of all units and indicators = the aggregates over all rows" \
	"SELECT 1 AS k, ${YTD_V//%A/rollup(ys)} || ${ASSESS3_V//%A/rollup(sa)} AS v FROM states" \
	"SELECT 1 AS k, ${YTD_V//%A/ytd_agg(period, value)} || ${ASSESS3_V//%A/assess(points, weight, akind)} AS v FROM readings_all" k

# The two-level form: ytd states per unit and indicator (by the distribution
# column, inside the worker query), rolled up per indicator through partial
# states; equal to ytd_agg over all the rows of each indicator.
q="SELECT indicator, ${YTD_V//%A/rollup(s)} AS v FROM (SELECT unit, indicator, ytd_agg(period, value) AS s
	FROM readings GROUP BY unit, indicator) per_unit GROUP BY indicator"
plan=$(explain "$q")
wq=$(worker_query "$plan")
grep -qF "worker_partial_agg('public.rollup(public.ytd)'::regprocedure" <<<"$wq" &&
	grep -qF "public.ytd_agg(" <<<"$wq" && coordinator_part "$plan" | grep -q 'coord_combine_agg('
plan_verdict $? "two-level: ytd_agg per unit inside the worker query, rollup per indicator through partial states" \
	"$plan" "$wq"
same_results "two-level: rollup of per-unit ytd states per indicator = ytd_agg over all its rows" "$q" \
	"SELECT indicator, ${YTD_V//%A/ytd_agg(period, value)} AS v FROM readings_all GROUP BY indicator" indicator

# ---------------------------------------------------------------- plan model

# The plan model on Citus: reading distributed by unit_id; the plan's other
# tables reference tables, in foreign-key order; the assessment runs, the
# dashboards' snapshot and its data version, the plan lock
# (scorecard_lock.plan_lock: loads and runs take it on the coordinator) and
# reading_intake (rows on their way into reading, never committed) stay
# local tables of the coordinator (Citus cannot add
# them to its metadata: it would drop and re-create the extension's views
# over them).  Citus needs citus.enable_local_reference_table_foreign_keys =
# off: otherwise create_reference_table fails on the workers' own copies of
# the extension's tables.
plan_tables=$(on citus_coord -c "
	WITH RECURSIVE t AS (
		SELECT c.oid, c.relname FROM pg_class c
		JOIN pg_depend d ON d.classid = 'pg_class'::regclass AND d.objid = c.oid AND d.deptype = 'e'
		JOIN pg_extension e ON e.oid = d.refobjid AND e.extname = 'scorecard_plan'
		WHERE c.relkind = 'r' AND c.relnamespace = 'scorecard'::regnamespace
		  AND c.relname NOT IN ('reading', 'reading_intake', 'plan_data_version', 'run_change') AND c.relname NOT LIKE 'assessment_run%'
		  AND c.relname NOT LIKE '%snapshot%'
	), fk AS (
		SELECT conrelid AS child, confrelid AS parent FROM pg_constraint
		WHERE contype = 'f' AND conrelid <> confrelid
	), depth (oid, d) AS (
		SELECT oid, 0 FROM t
		UNION ALL
		SELECT fk.child, depth.d + 1 FROM depth JOIN fk ON fk.parent = depth.oid JOIN t ON t.oid = fk.child
		WHERE depth.d < 20
	)
	SELECT t.relname FROM t JOIN depth USING (oid) GROUP BY t.relname ORDER BY max(d), 1")

# What Citus refuses without the settings (shown, not counted: it is Citus's
# behaviour, not the extension's).  A table with a trigger needs
# citus.enable_unsafe_triggers: plan_target has one, which fills in the
# indicator's nature (for the target-fits-indicator key) when an insert
# omits it; it fires on the shards, where indicator is a reference table.
triggers=$(on citus_coord -c "SELECT string_agg(tgrelid::regclass || '.' || tgname, ' ' ORDER BY 1) FROM pg_trigger
	WHERE tgrelid::regclass::text LIKE 'scorecard.%' AND NOT tgisinternal")
ntrig=$(wc -w <<<"$triggers")
{
	first=$(head -1 <<<"$plan_tables")
	echo "create_reference_table('scorecard.$first') without citus.enable_local_reference_table_foreign_keys = off:"
	on citus_coord -c "BEGIN" -c "SELECT create_reference_table('scorecard.$first')" -c "ROLLBACK" 2>&1 | grep -E 'ERROR|CONTEXT'
	echo "triggers on the plan's tables: ${triggers:-none}"
} | diag

out=$( {
	echo "SET citus.enable_local_reference_table_foreign_keys = off;"
	[ "$ntrig" = 0 ] || echo "SET citus.enable_unsafe_triggers = on;"
	for t in $plan_tables; do echo "SELECT create_reference_table('scorecard.$t');"; done
	echo "SELECT create_distributed_table('scorecard.reading', 'unit_id', shard_count => $SHARDS);"
} | on citus_coord 2>&1)
check $? "plan model: reading distributed by unit_id, $(wc -w <<<"$plan_tables") reference tables ($(echo $plan_tables | tr ' ' ','))"
[ -n "$out" ] && echo "$out" | diag

kinds=$(on citus_coord -c "SELECT string_agg(logicalrelid::text || '=' || partmethod::text, ' ' ORDER BY logicalrelid::text)
	FROM pg_dist_partition WHERE logicalrelid::text LIKE 'scorecard.%'")
want_kinds=$(for t in $plan_tables reading; do
	if [ "$t" = reading ]; then echo "scorecard.$t=h"; else echo "scorecard.$t=n"; fi
done | sort | tr '\n' ' ' | sed 's/ $//')
[ "$kinds" = "$want_kinds" ]
check $? "plan model: Citus metadata lists reading as hash-distributed, the others as reference tables"
[ "$kinds" = "$want_kinds" ] || { echo "got:  $kinds"; echo "want: $want_kinds"; } | diag

# The same plan and readings on Citus and in a database without Citus.
on citus_coord -c "SET client_min_messages = warning" -c "DROP DATABASE IF EXISTS $SINGLE" \
	-c "CREATE DATABASE $SINGLE" >/dev/null || bail "cannot create $SINGLE"
CITUS_DB=$SINGLE on citus_coord -c "SET client_min_messages = warning" -c "CREATE EXTENSION scorecard SCHEMA public" \
	-c "CREATE EXTENSION scorecard_plan" ||
	bail "CREATE EXTENSION in $SINGLE"
load_demo() { # load_demo DATABASE
	(cd "$TOP" && CITUS_DB=$1 on citus_coord -v last_month=2024-11-01 -c "SET client_min_messages = error" \
		-c "SET search_path = scorecard, public" -f data/plan.sql -f data/generate.sql) 2>&1 |
		grep -E 'ERROR|WARNING|FATAL'
	return "${PIPESTATUS[0]}"
}
load_demo postgres | diag
check "${PIPESTATUS[0]}" "plan model: the demo plan and its readings load on Citus (load_readings)"
load_demo "$SINGLE" | diag || bail "cannot load the demo in $SINGLE"

nread=$(on citus_coord -c "SELECT count(*) FROM scorecard.reading")
nread1=$(CITUS_DB=$SINGLE on citus_coord -c "SELECT count(*) FROM scorecard.reading")
per_node=$(rows_per_node scorecard.reading)
[ "$nread" = "$nread1" ] && [ "${nread:-0}" -gt 0 ] && [ "$(wc -w <<<"$per_node")" = 2 ]
check $? "plan model: the $nread readings (one server: $nread1) are in shards on the 2 workers ($per_node)"

# A function of the plan model on Citus and on one server: the same rows,
# by KEYS; float8 columns to a relative 1e-9, the others exactly.
# same_rows LABEL QUERY KEYS
same_rows() {
	local label=$1 q=$2 keys=$3 tab floats others cmp out ng nw nj nd nv
	tab="plan_$((n + 1))"
	out=$(on citus_coord -c "SET search_path = scorecard, public" \
		-c "CREATE TABLE public.got_$tab AS $q" -c "CREATE TABLE public.want_$tab (LIKE public.got_$tab)" 2>&1) ||
		{ not_ok "$label on Citus"; echo "$out" | diag; return; }
	CITUS_DB=$SINGLE on citus_coord -c "SET search_path = scorecard, public" -c "COPY ($q) TO STDOUT" |
		on citus_coord -c "COPY want_$tab FROM STDIN" || { not_ok "$label on one server"; return; }
	floats=$(on citus_coord -c "SELECT string_agg(attname, ' ' ORDER BY attnum) FROM pg_attribute
		WHERE attrelid = 'got_$tab'::regclass AND attnum > 0 AND atttypid = 'float8'::regtype")
	others=$(on citus_coord -c "SELECT string_agg(format('g.%I IS DISTINCT FROM w.%I', attname, attname), ' OR ')
		FROM pg_attribute WHERE attrelid = 'got_$tab'::regclass AND attnum > 0
		AND atttypid <> 'float8'::regtype AND NOT attisdropped")
	cmp="$others"
	for f in $floats; do
		cmp="$cmp OR (g.$f IS DISTINCT FROM w.$f AND NOT coalesce(abs(g.$f - w.$f) <= 1e-9 * greatest(abs(g.$f), abs(w.$f)), false))"
	done
	IFS='|' read -r ng nw nj nd nv <<<"$(on citus_coord -c "
		SELECT (SELECT count(*) FROM got_$tab), (SELECT count(*) FROM want_$tab),
			(SELECT count(*) FROM got_$tab FULL JOIN want_$tab USING ($keys)),
			(SELECT count(*) FROM got_$tab g FULL JOIN want_$tab w USING ($keys) WHERE $cmp),
			(SELECT count(*) FROM want_$tab w WHERE ${4:-true})")"
	if [ "$ng" = "$nw" ] && [ "$nj" = "$nw" ] && [ "$nd" = 0 ] && [ "${nv:-0}" -gt 0 ] 2>/dev/null; then
		ok "$label: $nw rows equal one server's ($nv with ${5:-values})"
	else
		not_ok "$label: equal to one server's"
		echo "got $ng rows, want $nw, joined $nj, differing $nd, with values $nv" | diag
	fi
}

PLAN_AS_OF=2024-11-30
same_rows "plan model: progress('$PLAN_AS_OF')" "SELECT * FROM progress('$PLAN_AS_OF')" \
	"indicator_id, unit_id" "w.met IS NOT NULL" "a judged target"
same_rows "plan model: progress_city('$PLAN_AS_OF'), the city roll-up" "SELECT * FROM progress_city('$PLAN_AS_OF')" \
	"indicator_id" "w.met IS NOT NULL" "a judged target"
same_rows "plan model: unit_assessment('$PLAN_AS_OF')" "SELECT * FROM unit_assessment('$PLAN_AS_OF')" \
	"unit_id" "w.score IS NOT NULL" "a score"
# (every column but computed_at, when each server computed it)
same_rows "plan model: progress_latest" "SELECT indicator_id, unit_id, target, value, growth, actual, actual_published, met, gap,
	attainment, time_progress, schedule_gap, status, note, value_num, growth_num, actual_num, gap_num FROM progress_latest" \
	"indicator_id, unit_id" "w.met IS NOT NULL" "a judged target"

# A run, materialised on Citus (the run tables are local tables of the
# coordinator), ranks like one server's.
run_sql="CALL scorecard.run_assessment(2024, date '$PLAN_AS_OF')"
on citus_coord -c "$run_sql" && CITUS_DB=$SINGLE on citus_coord -c "$run_sql"
check $? "plan model: run_assessment(2024) runs on Citus"
same_rows "plan model: the run's units" "SELECT unit_id, peer_group, items, applicable, weight, total,
	score, grade, rank FROM assessment_run_unit" "unit_id" "w.rank IS NOT NULL" "a rank"

# The bureau's arithmetic (progress_arith) on Citus: as one server computes
# it, every column (published figures, ranks and their change, the
# parent's figures, reported growths and their notes); then with readings
# of 2022 (two-year growths, which read the states of a year earlier) and
# as recorded before them; and from the snapshot (progress_arith_latest).
same_rows "plan model: progress_arith('$PLAN_AS_OF')" "SELECT * FROM progress_arith('$PLAN_AS_OF')" \
	"indicator_id, unit_id" "w.rank_prior IS NOT NULL AND w.growth_change IS NOT NULL" "a rank change and a growth change"
y2022="INSERT INTO scorecard.reading (indicator_id, unit_id, month, value, reported_growth, revision, source)
	SELECT indicator_id, unit_id, (month - interval '1 year')::date, round((value * 0.92)::numeric, 2)::float8,
	       reported_growth, 1, 'citus: 2022'
	FROM scorecard.reading_current WHERE month < '2024-01-01'"
on citus_coord -c "$y2022" && CITUS_DB=$SINGLE on citus_coord -c "$y2022"
check $? "plan model: readings of 2022 inserted on Citus and on one server"
same_rows "plan model: progress_arith('$PLAN_AS_OF') with 2022" "SELECT * FROM progress_arith('$PLAN_AS_OF')" \
	"indicator_id, unit_id" "w.two_year_growth IS NOT NULL AND w.growth_source = 'computed'" "a computed two-year growth"
same_rows "plan model: progress_arith('$PLAN_AS_OF') as recorded before 2022's" \
	"SELECT * FROM progress_arith('$PLAN_AS_OF', (SELECT max(recorded_at) FROM reading WHERE source <> 'citus: 2022'))" \
	"indicator_id, unit_id" "w.rank_prior IS NOT NULL" "a rank change"
arith=$(on citus_coord -c "SET client_min_messages = warning" -c "SELECT refreshed FROM scorecard.refresh_snapshot()" \
	-c "SELECT (arith_computed_at IS NOT NULL) || ' ' || scorecard.arith_snapshot_is_served() FROM scorecard.snapshot_state" 2>&1 | tr '\n' ' ')
[ "$arith" = "t true true " ]
check $? "plan model: refresh_snapshot() stores the arithmetic on Citus (refreshed, stored, served: $arith)"
# (every column but computed_at, when each server computed it; the
# one-server side is live)
same_rows "plan model: progress_arith_latest" "SELECT indicator_id, unit_id, published, rank, rank_prior, rank_change,
	parent_published, gap_to_parent, contribution, pull, growth_change, two_year_growth, required_growth, status,
	growth_note, growth_num, gap_num FROM progress_arith_latest" \
	"indicator_id, unit_id" "w.two_year_growth IS NOT NULL" "a two-year growth"
review=$(on citus_coord -c "SELECT (review_computed_at IS NOT NULL) || ' ' || scorecard.review_snapshot_is_served() FROM scorecard.snapshot_state" 2>&1 | tr '\n' ' ')
[ "$review" = "true true " ]
check $? "plan model: the refresh stores the data review on Citus (stored, served: $review)"
same_rows "plan model: data_review_latest" "SELECT as_of, unit_id, indicator_id, month, rule, severity, figure, compared_with, detail
	FROM data_review_latest" "unit_id, indicator_id, month, rule" "w.figure IS NOT NULL" "a figure"

# The foreign keys hold on the shards: a reading (distributed) or a target
# (reference) of an unknown unit is refused with 23503.
fk_errors=0
for sql in "INSERT INTO scorecard.reading (indicator_id, unit_id, month, value) VALUES (1, 'nowhere', '2024-01-01', 1)" \
	"INSERT INTO scorecard.plan_target (indicator_id, unit_id, year, target) VALUES (1, 'nowhere', 2024, 'level >= 1')"; do
	err=$(on citus_coord -c "\set VERBOSITY verbose" -c "$sql" 2>&1)
	grep -q 'ERROR:  23503: .*violates foreign key constraint' <<<"$err" && fk_errors=$((fk_errors + 1))
	grep -m1 ERROR <<<"$err" | diag
done
[ "$fk_errors" = 2 ]
check $? "plan model: the foreign keys hold on Citus (a reading and a target of an unknown unit: 23503)"

# Readings stay unchangeable on Citus: a role granted SELECT and INSERT
# (what a loader gets) cannot update them, and nothing changes.
digest="SELECT md5(string_agg(r::text, ',' ORDER BY r::text)) FROM scorecard.reading r"
before=$(on citus_coord -c "$digest")
on citus_coord -c "SET client_min_messages = warning" -c "CREATE ROLE citus_loader LOGIN" \
	-c "GRANT USAGE ON SCHEMA scorecard TO citus_loader" \
	-c "GRANT SELECT, INSERT ON scorecard.reading TO citus_loader" >/dev/null
err=$(psql -X -q -At -h "$(sock citus_coord)" -p "$(server_port citus_coord)" -U citus_loader -d postgres \
	-c "\set VERBOSITY verbose" -c "UPDATE scorecard.reading SET value = value + 1" 2>&1)
after=$(on citus_coord -c "$digest")
grep -q 'ERROR:  42501: permission denied for table reading' <<<"$err" && [ -n "$before" ] && [ "$before" = "$after" ]
check $? "plan model: a loader's UPDATE of the distributed readings raises 42501 and changes nothing"
grep -m1 ERROR <<<"$err" | diag

# ---------------------------------------------------------------- update

# An update of the plan model on the cluster.  The plan model as 0.2.0's
# install script made it (versions/, placed in the private tree as
# test/suites/upgrade.sh does; not installed by make install), distributed
# as above, with the upgrade suite's small plan (a run stored), then
# ALTER EXTENSION scorecard_plan UPDATE on the coordinator, which Citus
# runs on the workers too (docs/distributed.md says what to set and what
# to do after it).  One server goes through the same steps, in $SINGLE.
sharedir=$(on citus_coord -c "SELECT setting FROM pg_config WHERE name = 'SHAREDIR'")
frozen=""
case "$sharedir" in
/usr/*) for _ in $(seq 15); do n=$((n + 1)); echo "ok $n - # SKIP the server's tree is the system's ($sharedir)"; done ;;
*)
	for x in scorecard scorecard_plan; do
		[ -e "$sharedir/extension/$x--0.2.0.sql" ] || {
			cp "$TOP/versions/$x--0.2.0.sql.frozen" "$sharedir/extension/$x--0.2.0.sql"
			frozen+=" $sharedir/extension/$x--0.2.0.sql"; }
	done
	# a database of its own on the cluster (the first holds the shards
	# of the tables dropped above until Citus cleans them up), and the
	# plan model of 0.2.0 in it and in $SINGLE
	UPD=scorecard_update
	for s in citus_coord citus_w1 citus_w2; do
		on "$s" -c "SET client_min_messages = warning" -c "DROP DATABASE IF EXISTS $UPD WITH (FORCE)" -c "CREATE DATABASE $UPD"
		CITUS_DB=$UPD on "$s" -c "SET client_min_messages = warning" -c "CREATE EXTENSION citus"
	done 2>&1 | diag
	export CITUS_DB=$UPD
	on citus_coord -c "SELECT citus_set_coordinator_host('$(sock citus_coord)', $(server_port citus_coord))" >/dev/null
	for w in citus_w1 citus_w2; do on citus_coord -c "SELECT citus_add_node('$(sock "$w")', $(server_port "$w"))" >/dev/null; done
	make_v020() { # make_v020 DATABASE
		CITUS_DB=$1 on citus_coord -c "SET client_min_messages = warning" -c "DROP EXTENSION IF EXISTS scorecard_plan CASCADE" \
			-c "DROP SCHEMA IF EXISTS scorecard_lock CASCADE" -c "CREATE EXTENSION IF NOT EXISTS scorecard VERSION '0.2.0' SCHEMA public" \
			-c "CREATE EXTENSION scorecard_plan VERSION '0.2.0'"
	}
	make_v020 $UPD 2>&1 | diag
	ok_v020=${PIPESTATUS[0]}
	make_v020 "$SINGLE" 2>&1 | diag
	v020_tables=$(on citus_coord -c "
		SELECT string_agg(c.relname, ' ' ORDER BY c.relname) FROM pg_class c
		JOIN pg_depend d ON d.classid = 'pg_class'::regclass AND d.objid = c.oid AND d.deptype = 'e'
		JOIN pg_extension e ON e.oid = d.refobjid AND e.extname = 'scorecard_plan'
		WHERE c.relkind = 'r' AND c.relnamespace = 'scorecard'::regnamespace")
	# 0.2.0's tables in the order found above (this version's), those it had
	v020_ref=""
	for t in $plan_tables; do [[ " $v020_tables " == *" $t "* ]] && v020_ref+=" $t"; done
	out=$( {
		echo "SET citus.enable_local_reference_table_foreign_keys = off;"
		echo "SET citus.enable_unsafe_triggers = on;"
		for t in $v020_ref; do echo "SELECT create_reference_table('scorecard.$t');"; done
		echo "SELECT create_distributed_table('scorecard.reading', 'unit_id', shard_count => $SHARDS);"
	} | on citus_coord 2>&1)
	[ "$ok_v020" = 0 ] && [ "$(on citus_coord -c "SELECT extversion FROM pg_extension WHERE extname = 'scorecard_plan'")" = 0.2.0 ]
	check $? "update: the types and the plan model of 0.2.0 install on the cluster, reading distributed, $(wc -w <<<"$v020_ref") reference tables"
	[ -n "$out" ] && echo "$out" | diag
	for db in $UPD "$SINGLE"; do
		CITUS_DB=$db on citus_coord -c "SET client_min_messages = warning" -f "$TOP/test/upgrade/plan-0.1.0.sql" 2>&1 |
			grep -E 'ERROR|FATAL' | diag
	done
	nread=$(on citus_coord -c "SELECT count(*) FROM scorecard.reading")
	[ "$nread" = "$(CITUS_DB=$SINGLE on citus_coord -c "SELECT count(*) FROM scorecard.reading")" ] && [ "$nread" -gt 0 ] &&
		[ "$(wc -w <<<"$(rows_per_node scorecard.reading)")" = 2 ]
	check $? "update: the small plan's $nread readings (and its run) on 0.2.0, in shards on the 2 workers"

	# the update, as docs/distributed.md says: the types (Citus updates
	# the workers' too), then the plan model on the workers first (their
	# functions, which the coordinator's triggers run on the shards), then
	# the coordinator, then the tables new in this version made reference
	# tables as in a fresh install
	out=$(on citus_coord -c "SET client_min_messages = warning" -c "ALTER EXTENSION scorecard UPDATE" 2>&1)
	got_v=$(for s in citus_coord citus_w1 citus_w2; do on "$s" -c "SELECT extversion FROM pg_extension WHERE extname = 'scorecard'"; done | sort -u)
	[ "$got_v" = "$(cat "$TOP/VERSION")" ]
	check $? "update: ALTER EXTENSION scorecard UPDATE on the coordinator: the types at $got_v on every node"
	[ -n "$out" ] && echo "$out" | diag
	out=$(on citus_coord -c "SELECT string_agg(success::text, ' ' ORDER BY nodename)
		FROM run_command_on_workers(\$\$SET citus.enable_ddl_propagation TO off; ALTER EXTENSION scorecard_plan UPDATE\$\$)" 2>&1)
	got_v=$(for s in citus_w1 citus_w2; do on "$s" -c "SELECT extversion FROM pg_extension WHERE extname = 'scorecard_plan'"; done | sort -u)
	[ "$out" = "true true" ] && [ "$got_v" = "$(cat "$TOP/VERSION")" ]
	check $? "update: ALTER EXTENSION scorecard_plan UPDATE on each worker first (workers at $got_v)"
	out=$(on citus_coord -c "SET client_min_messages = warning" -c "SET citus.enable_unsafe_triggers = on" \
		-c "SET citus.enable_local_reference_table_foreign_keys = off" -c "ALTER EXTENSION scorecard_plan UPDATE" 2>&1)
	check $? "update: ALTER EXTENSION scorecard_plan UPDATE on the coordinator (0.2.0 -> $(cat "$TOP/VERSION"))"
	[ -n "$out" ] && echo "$out" | diag
	new_ref=""
	for t in $plan_tables; do [[ " $v020_ref " == *" $t "* ]] || new_ref+=" $t"; done
	out=$( {
		echo "SET citus.enable_local_reference_table_foreign_keys = off;"
		echo "SET citus.enable_unsafe_triggers = on;"
		for t in $new_ref; do echo "SELECT create_reference_table('scorecard.$t');"; done
	} | on citus_coord 2>&1)
	check $? "update: the tables new in this version made reference tables ($(echo $new_ref | tr ' ' ','))"
	[ -n "$out" ] && echo "$out" | diag
	CITUS_DB=$SINGLE on citus_coord -c "SET client_min_messages = warning" -c "ALTER EXTENSION scorecard_plan UPDATE" 2>&1 | diag
	want_v=$(cat "$TOP/VERSION")
	got_v=$(for s in citus_coord citus_w1 citus_w2; do on "$s" -c "SELECT extversion FROM pg_extension WHERE extname = 'scorecard_plan'"; done | sort -u | tr '\n' ' ')
	[ "$got_v" = "$want_v " ]
	check $? "update: every node has scorecard_plan $want_v (got: $got_v)"
	# the index 0.3.0 adds (reading_month) on every shard of reading
	nshards=$(on citus_coord -c "SELECT count(*) FROM pg_dist_shard WHERE logicalrelid = 'scorecard.reading'::regclass")
	nidx=$(for s in citus_w1 citus_w2; do on "$s" -c "SET citus.show_shards_for_app_name_prefixes = '*'" \
		-c "SELECT count(*) FROM pg_indexes WHERE schemaname = 'scorecard'
		AND tablename ~ '^reading_[0-9]+$' AND indexname ~ '^reading_month_[0-9]+$'"; done | awk '{t += $1} END {print t + 0}')
	[ "$nidx" = "$nshards" ] && [ "$nshards" -gt 0 ]
	check $? "update: the index reading_month is on each of reading's $nshards shards (found on $nidx)"
	# the triggers of the shards, as a fresh install's (database postgres,
	# above): each table's and trigger's name without the shard id, with
	# how many shards on the workers have it.  Triggers on TRUNCATE alone
	# apart: Citus creates none on the shards of a table that has them
	# already, and a TRUNCATE fires the coordinator's (checked below).
	shard_triggers() {
		for s in citus_w1 citus_w2; do CITUS_DB=$1 on "$s" -c "SET citus.show_shards_for_app_name_prefixes = '*'" -c "
			SELECT regexp_replace(c.relname, '_[0-9]+$', '') || ' ' || regexp_replace(t.tgname, '_[0-9]+$', '')
			FROM pg_trigger t JOIN pg_class c ON c.oid = t.tgrelid
			WHERE c.relnamespace = 'scorecard'::regnamespace AND NOT t.tgisinternal AND c.relname ~ '_[0-9]+$'
			  AND t.tgtype & (4 | 8 | 16) <> 0"
		done | sort | uniq -c | awk '{print $2 "." $3 "=" $1}' | tr '\n' ' '
	}
	got_tr=$(shard_triggers $UPD)
	want_tr=$(shard_triggers postgres)
	[ "$got_tr" = "$want_tr" ] && [ -n "$want_tr" ]
	check $? "update: the shards have a fresh install's triggers ($got_tr)"
	[ "$got_tr" = "$want_tr" ] || echo "fresh install: $want_tr" | diag
	# what those triggers are for: a statement on a plan table, on the
	# coordinator, makes the dashboards' snapshot stale; so does a TRUNCATE
	stale=$(on citus_coord -c "SET client_min_messages = warning" -c "SELECT scorecard.refresh_snapshot()" \
		-c "UPDATE scorecard.plan_target SET weight = weight WHERE unit_id = 'a' AND indicator_id = 1" \
		-c "SELECT scorecard.snapshot_is_current()" | tail -n 1)
	truncated=$(on citus_coord -c "SET client_min_messages = warning" -c "SELECT scorecard.refresh_snapshot()" \
		-c "BEGIN" -c "TRUNCATE scorecard.target_schedule" -c "SELECT 'current ' || scorecard.snapshot_is_current()" \
		-c "ROLLBACK" 2>&1 | sed -n 's/^current //p; /ERROR/p')
	# and counts on the coordinator only: the workers' copies of the
	# version do not move (their shards' triggers do nothing)
	worker_versions() { for s in citus_w1 citus_w2; do on "$s" -c "SELECT sum(version) FROM scorecard.plan_data_version"; done | tr '\n' ' '; }
	before_w=$(worker_versions)
	on citus_coord -c "UPDATE scorecard.plan_target SET weight = weight WHERE unit_id = 'a' AND indicator_id = 1" \
		-c "UPDATE scorecard.reading SET value = value WHERE unit_id = 'a' AND month = '2024-01-01'" >/dev/null
	after_w=$(worker_versions)
	[ -n "$before_w" ] && [ "$before_w" = "$after_w" ]
	check $? "update: an edit of a plan table and of reading leaves the workers' versions as they were ($before_w-> $after_w)"
	[ "$stale|$truncated" = "f|false" ]
	check $? "update: an UPDATE and a TRUNCATE of a plan table make the snapshot stale (current after them: $stale, $truncated)"
	# the arithmetic is stored with it where reading is distributed, and
	# served as one server computes it
	arith=$(on citus_coord -c "SET client_min_messages = warning" -c "SELECT refreshed FROM scorecard.refresh_snapshot()" \
		-c "SELECT scorecard.snapshot_is_current() || ' ' || (arith_computed_at IS NOT NULL) || ' ' || scorecard.arith_snapshot_is_served() FROM scorecard.snapshot_state" 2>&1 | tr '\n' ' ')
	[ "$arith" = "t true true true " ]
	check $? "update: refresh_snapshot() refreshes, with the arithmetic (refreshed, current, stored, served: $arith)"
	same_rows "update: progress('2024-06-30') after the update" "SELECT * FROM progress('2024-06-30')" \
		"indicator_id, unit_id" "w.met IS NOT NULL" "a judged target"
	# a load and a run after the update, on both
	load="SELECT scorecard.begin_load(); INSERT INTO reading_staging (indicator, unit, month, value, source)
		SELECT r.indicator_id, r.unit_id, to_char(r.month, 'YYYY-MM'), (r.value * 1.1)::text, 'after the update'
		FROM scorecard.reading_current r WHERE r.month = '2024-06-01' ORDER BY 1, 2;
		SELECT inserted || ' ' || revised || ' ' || unchanged FROM scorecard.load_readings(header => false);"
	got_load=$(on citus_coord -c "SET client_min_messages = error" -c "SET search_path = scorecard, public" -c "$load" 2>&1 | tail -n 1)
	want_load=$(CITUS_DB=$SINGLE on citus_coord -c "SET client_min_messages = error" -c "SET search_path = scorecard, public" -c "$load" 2>&1 | tail -n 1)
	[ "$got_load" = "$want_load" ] && [[ $got_load == "0 "[1-9]* ]]
	check $? "update: a correction loads after the update as on one server (inserted, revised, unchanged: $got_load; one server: $want_load)"
	run_sql="CALL scorecard.run_assessment(2024, date '2024-06-30')"
	on citus_coord -c "$run_sql" >/dev/null && CITUS_DB=$SINGLE on citus_coord -c "$run_sql" >/dev/null
	check $? "update: run_assessment(2024) runs on the updated cluster"
	same_rows "update: the run's units after the update and the correction" "SELECT u.unit_id, u.peer_group, u.items,
		u.applicable, u.weight, u.total, u.score, u.grade, u.rank FROM scorecard.assessment_run_unit u
		JOIN scorecard.assessment_run r USING (run_id) WHERE r.run_id = (SELECT max(run_id) FROM scorecard.assessment_run)" \
		"unit_id" "w.rank IS NOT NULL" "a rank"
	[ -z "$frozen" ] || rm -f $frozen
	export CITUS_DB=postgres
	;;
esac

echo "1..$n"
[ "$failed" -eq 0 ]
