#!/usr/bin/env bash
# Multi-server suite (TAP): a coordinator and two shards on this machine,
# readings partitioned by unit over postgres_fdw foreign tables on the shards.
# Every check compares a distributed query with the same query over a local
# copy of all the rows on the coordinator (the single-server answer).
#
#   bash test/suites/multiserver.sh
#
# MULTISERVER_FDW_EXTENSIONS (default scorecard) is the foreign servers'
# `extensions` option; set it empty to see the pushdown checks fail.
source "$(dirname "$0")/../../scripts/common.sh"
set +e

FDW_EXTENSIONS=${MULTISERVER_FDW_EXTENSIONS-scorecard}
AS_OF=2024-06-30
NPART=4

servers="coord shard1 shard2"
stop_servers() {
	for s in $servers; do bash "$TOP/scripts/pgserver.sh" stop "$s" >/dev/null 2>&1; done
}
trap stop_servers EXIT

sock() { echo "$(server_dir "$1")/sock"; }

# psql on a named server, unaligned, stopping at the first error.
on() {
	local name=$1
	shift
	psql -X -q -At -v ON_ERROR_STOP=1 -h "$(sock "$name")" -p "$(server_port "$name")" \
		-U postgres -d postgres "$@"
}

source "$TOP/test/tap.sh"

# ---------------------------------------------------------------- set-up

for s in $servers; do
	bash "$TOP/scripts/pgserver.sh" start "$s" fresh >/dev/null || bail "cannot start server $s"
done

# Remote tables: partitions 1 and 3 on shard1, 2 and 4 on shard2.
shard_of() { if [ $(($1 % 2)) -eq 1 ]; then echo shard1; else echo shard2; fi; }
COLUMNS_DDL="unit int NOT NULL, indicator int NOT NULL, period date NOT NULL,
	value float8, goal public.target NOT NULL, points float8, weight float8"
for s in shard1 shard2; do
	on "$s" -c "CREATE EXTENSION scorecard" >/dev/null || bail "CREATE EXTENSION on $s"
done
for p in $(seq 1 $NPART); do
	on "$(shard_of "$p")" -c "CREATE TABLE readings_p$p ($COLUMNS_DDL)" || bail "remote table $p"
done

# Coordinator: foreign servers with and without the extensions option, the
# partitioned tables over them, and the local copy of all rows.
# Units 1..100 (a province's counties), in four ranges of 25.
{
	cat <<SQL
CREATE EXTENSION scorecard;
CREATE EXTENSION postgres_fdw;
CREATE TABLE readings_all ($COLUMNS_DDL);
CREATE TABLE readings ($COLUMNS_DDL) PARTITION BY RANGE (unit);
CREATE TABLE readings_plain ($COLUMNS_DDL) PARTITION BY RANGE (unit);
SQL
	for s in shard1 shard2; do
		ext=""
		[ -n "$FDW_EXTENSIONS" ] && ext=", extensions '$FDW_EXTENSIONS'"
		cat <<SQL
CREATE SERVER $s FOREIGN DATA WRAPPER postgres_fdw
	OPTIONS (host '$(sock "$s")', port '$(server_port "$s")', dbname 'postgres',
		batch_size '1000', fetch_size '10000'$ext);
CREATE SERVER ${s}_plain FOREIGN DATA WRAPPER postgres_fdw
	OPTIONS (host '$(sock "$s")', port '$(server_port "$s")', dbname 'postgres',
		fetch_size '10000');
CREATE USER MAPPING FOR postgres SERVER $s OPTIONS (user 'postgres');
CREATE USER MAPPING FOR postgres SERVER ${s}_plain OPTIONS (user 'postgres');
SQL
	done
	for p in $(seq 1 $NPART); do
		lo=$(((p - 1) * 25 + 1))
		hi=$((p * 25 + 1))
		cat <<SQL
CREATE FOREIGN TABLE readings_p$p PARTITION OF readings FOR VALUES FROM ($lo) TO ($hi)
	SERVER $(shard_of "$p") OPTIONS (table_name 'readings_p$p');
CREATE FOREIGN TABLE readings_plain_p$p PARTITION OF readings_plain FOR VALUES FROM ($lo) TO ($hi)
	SERVER $(shard_of "$p")_plain OPTIONS (table_name 'readings_p$p');
SQL
	done
	# 100 units x 8 indicators x 24 months x 5 enterprises = 96,000 readings;
	# about 1% of the values NULL (not reported); 2024 grows on 2023.
	cat <<SQL
SELECT setseed(0.42);
INSERT INTO readings_all
SELECT u, i, make_date(2023 + (m - 1) / 12, (m - 1) % 12 + 1, 1),
	CASE WHEN random() < 0.01 THEN NULL
		ELSE round(((100 + 10 * i + 20 * random()) * (1 + 0.05 * ((m - 1) / 12) + 0.01 * (u % 7)))::numeric, 2)::float8 END,
	CASE i % 4 WHEN 0 THEN 'level >= 150' WHEN 1 THEN 'level <= 125'
		WHEN 2 THEN 'level between 130 and 160' ELSE 'level > 140' END::public.target,
	CASE WHEN random() < 0.05 THEN NULL ELSE round((random() * 10)::numeric, 1)::float8 END,
	5 + i
FROM generate_series(1, 100) u, generate_series(1, 8) i, generate_series(1, 24) m,
	generate_series(1, 5) e;
INSERT INTO readings SELECT * FROM readings_all;
ANALYZE readings_all;
SQL
	for p in $(seq 1 $NPART); do echo "ANALYZE readings_p$p;"; done
} | on coord >/dev/null || bail "coordinator set-up"

for s in shard1 shard2; do on "$s" -c "ANALYZE" || bail "ANALYZE on $s"; done
rows=$(on coord -c "SELECT count(*) FROM readings")
want_rows=$(on coord -c "SELECT count(*) FROM readings_all")
[ "$rows" = "$want_rows" ] && [ "$rows" -gt 0 ]
check $? "the shards hold the $want_rows rows of the local copy (got $rows)"

# Settings of every distributed query.
SETTINGS="SET enable_partitionwise_aggregate = on; SET enable_partitionwise_join = on;"

# ---------------------------------------------------------------- checks

# Results of a query into a table on the coordinator, compared with the
# single-server answer: same keys, and equal values (float8, relative 1e-9;
# NULL only where NULL).
# same_results LABEL GOT_SQL WANT_SQL KEYCOLS [GOT_SETTINGS [WANT_SETTINGS]]
same_results() {
	local label=$1 got=$2 want=$3 keys=$4 out
	out=$(on coord <<SQL 2>&1
$SETTINGS
${5:-}
CREATE TEMP TABLE got AS $got;
${6:-}
CREATE TEMP TABLE want AS $want;
SELECT (SELECT count(*) FROM got), (SELECT count(*) FROM want),
	(SELECT count(*) FROM want WHERE v IS NOT NULL),
	(SELECT count(*) FROM got FULL JOIN want USING ($keys)),
	(SELECT count(*) FROM got g FULL JOIN want w USING ($keys)
		WHERE g.v IS DISTINCT FROM w.v
			AND NOT coalesce(abs(g.v - w.v) <= 1e-9 * greatest(1, abs(w.v)), false));
SQL
	)
	local ng nw nnn nj nd
	IFS='|' read -r ng nw nnn nj nd <<<"$out"
	if [ "$ng" = "$nw" ] && [ "$nj" = "$nw" ] && [ "$nd" = 0 ] && [ "${nnn:-0}" -gt 0 ] 2>/dev/null; then
		ok "$label: $nw groups equal the single-server answer"
	else
		not_ok "$label: equal to the single-server answer"
		echo "got $ng rows, want $nw ($nnn not null), joined $nj, differing $nd" | diag
		echo "$out" | diag
	fi
}

# EXPLAIN VERBOSE of a query on the coordinator.
explain() {
	on coord -c "$SETTINGS" -c "EXPLAIN (VERBOSE, COSTS OFF) $1" 2>&1
}

# Grouped by the partition key: each partition's Remote SQL computes the
# expression (its text matching PATTERN) and groups; the result equals the
# single-server one.  pushdown_check LABEL GROUPCOLS EXPR PATTERN
pushdown_check() {
	local label=$1 g=$2 e=$3 pat=$4 plan nrem
	local q="SELECT $g, ($e)::float8 AS v FROM readings GROUP BY $g"
	plan=$(explain "$q")
	nrem=$(grep 'Remote SQL:' <<<"$plan" | grep 'GROUP BY' | grep -cF "$pat")
	if [ "$nrem" -eq "$NPART" ]; then
		ok "pushdown: $label (Remote SQL of all $NPART partitions computes $pat and groups)"
		grep -m1 'Remote SQL:' <<<"$plan" | sed 's/^ *//' | diag
	else
		not_ok "pushdown: $label ($nrem of $NPART Remote SQL compute $pat and group)"
		echo "$plan" | diag
	fi
	same_results "pushdown: $label" "$q" \
		"SELECT $g, ($e)::float8 AS v FROM readings_all GROUP BY $g" "$g"
}

# The state itself pushed down: each shard aggregates into STATEAGG, the
# state comes back over postgres_fdw in its text form, and the coordinator
# applies ACCESSOR (with %S for the state) to it.
# pushdown_state_check LABEL GROUPCOLS STATEAGG ACCESSOR PATTERN
pushdown_state_check() {
	local label=$1 g=$2 agg=$3 acc=$4 pat=$5 plan nrem nacc
	local q="SELECT $g, (${acc//%S/s})::float8 AS v FROM (SELECT $g, $agg AS s FROM readings GROUP BY $g) q"
	plan=$(explain "$q")
	nrem=$(grep 'Remote SQL:' <<<"$plan" | grep 'GROUP BY' | grep -cF "$pat")
	nacc=$(grep -c 'Remote SQL:.*scorecard\.[a-z_]*(scorecard\.' <<<"$plan")
	if [ "$nrem" -eq "$NPART" ] && [ "$nacc" -eq 0 ]; then
		ok "pushdown: $label (Remote SQL of all $NPART partitions returns the $pat state)"
		grep -m1 'Remote SQL:' <<<"$plan" | sed 's/^ *//' | diag
	else
		not_ok "pushdown: $label ($nrem of $NPART Remote SQL return the $pat state)"
		echo "$plan" | diag
	fi
	same_results "pushdown: $label" "$q" \
		"SELECT $g, (${acc//%S/$agg})::float8 AS v FROM readings_all GROUP BY $g" "$g"
}

# Grouped by something else: the coordinator runs Partial Aggregate per
# partition (over rows fetched from the shards) and Finalize Aggregate,
# through the combine function.  combine_check LABEL GROUPCOLS EXPR
combine_check() {
	local label=$1 g=$2 e=$3 plan
	local q="SELECT $g, ($e)::float8 AS v FROM readings GROUP BY $g"
	plan=$(explain "$q")
	if grep -q 'Finalize .*Aggregate' <<<"$plan" &&
		[ "$(grep -c 'Partial .*Aggregate' <<<"$plan")" -eq "$NPART" ]; then
		ok "combine: $label (Finalize Aggregate over $NPART Partial Aggregates)"
	else
		not_ok "combine: $label (no Finalize over $NPART Partial Aggregates)"
		echo "$plan" | diag
	fi
	same_results "combine: $label" "$q" \
		"SELECT $g, ($e)::float8 AS v FROM readings_all GROUP BY $g" "$g"
}

# Parallel workers on one server: Gather over Partial Aggregate gives the
# serial answer.  parallel_check LABEL GROUPCOLS EXPR
PARALLEL="SET parallel_setup_cost = 0; SET parallel_tuple_cost = 0;
	SET min_parallel_table_scan_size = 0; SET max_parallel_workers_per_gather = 2;"
parallel_check() {
	local label=$1 g=$2 e=$3 plan
	local q="SELECT $g, ($e)::float8 AS v FROM readings_all GROUP BY $g"
	plan=$(on coord -c "$PARALLEL" -c "EXPLAIN (COSTS OFF) $q" 2>&1)
	if grep -q 'Finalize .*Aggregate' <<<"$plan" && grep -q 'Partial .*Aggregate' <<<"$plan" &&
		grep -q 'Gather' <<<"$plan"; then
		ok "parallel: $label (Finalize Aggregate over Gather of Partial Aggregate)"
	else
		not_ok "parallel: $label (no parallel partial aggregation)"
		echo "$plan" | diag
	fi
	same_results "parallel: $label against the serial plan" "$q" "$q" "$g" \
		"$PARALLEL" "SET max_parallel_workers_per_gather = 0;"
}

# Partial states shipped between servers by hand: each shard table computes
# partial states grouped by GROUPCOLS, they travel as text (COPY), the
# coordinator reads them back as STATETYPE and merges them with rollup();
# ACCESSOR (with %S for the state) of the merged states equals ACCESSOR of
# the state over all rows.  (Citus does the same through worker_partial_agg
# and coord_combine_agg: test/suites/citus.sh runs it.)
# With INNER, each shard first computes states per INNER and GROUPCOLS and
# merges them with rollup() (states stored per unit, rolled up per shard).
# shipped_check LABEL GROUPCOLS STATEAGG STATETYPE ACCESSOR [INNER]
shipped_check() {
	local label=$1 g=$2 agg=$3 typ=$4 acc=$5 inner=${6:-} p bad=0 tab shardq
	tab="partials_$((n + 1))"
	on coord -c "CREATE TABLE $tab AS SELECT $g, NULL::text AS s FROM readings_all LIMIT 0" || bad=1
	for p in $(seq 1 $NPART); do
		if [ -n "$inner" ]; then
			shardq="SELECT $g, public.rollup(s)::text FROM (SELECT $inner, $g, $agg AS s
				FROM readings_p$p GROUP BY $inner, $g) per_$inner GROUP BY $g"
		else
			shardq="SELECT $g, ($agg)::text FROM readings_p$p GROUP BY $g"
		fi
		on "$(shard_of "$p")" -c "COPY ($shardq) TO STDOUT" |
			on coord -c "COPY $tab FROM STDIN" || bad=1
	done
	local nparts nexact
	IFS='|' read -r nparts nexact <<<"$(on coord -c \
		"SELECT count(*), count(*) FILTER (WHERE s::public.$typ::text = s) FROM $tab")"
	if [ "$bad" -eq 0 ] && [ "${nparts:-0}" -gt 0 ] && [ "$nparts" = "$nexact" ]; then
		ok "shipped states: $label ($nparts partial states shipped as text from $NPART shard tables read back exactly)"
	else
		not_ok "shipped states: $label (partial states: $nparts, reading back exactly: $nexact)"
	fi
	same_results "shipped states: $label, merged with rollup()" \
		"SELECT $g, (${acc//%S/public.rollup(s::public.$typ)})::float8 AS v FROM $tab GROUP BY $g" \
		"SELECT $g, (${acc//%S/$agg})::float8 AS v FROM readings_all GROUP BY $g" "$g"
}

# The same with the states shipped in binary (send on the shard, receive on
# the coordinator).
# shipped_binary_check LABEL GROUPCOLS STATEAGG STATETYPE ACCESSOR
shipped_binary_check() {
	local label=$1 g=$2 agg=$3 typ=$4 acc=$5 p bad=0 tab nparts
	tab="partials_$((n + 1))"
	on coord -c "CREATE TABLE $tab AS SELECT $g, NULL::public.$typ AS s FROM readings_all LIMIT 0" || bad=1
	for p in $(seq 1 $NPART); do
		on "$(shard_of "$p")" -c "COPY (SELECT $g, $agg FROM readings_p$p GROUP BY $g) TO STDOUT (FORMAT binary)" |
			on coord -c "COPY $tab FROM STDIN (FORMAT binary)" || bad=1
	done
	nparts=$(on coord -c "SELECT count(*) FROM $tab")
	if [ "$bad" -eq 0 ] && [ "${nparts:-0}" -gt 0 ]; then
		ok "shipped states: $label ($nparts partial states shipped in binary from $NPART shard tables)"
	else
		not_ok "shipped states: $label (binary partial states: $nparts)"
	fi
	same_results "shipped states: $label, merged with rollup()" \
		"SELECT $g, (${acc//%S/public.rollup(s)})::float8 AS v FROM $tab GROUP BY $g" \
		"SELECT $g, (${acc//%S/$agg})::float8 AS v FROM readings_all GROUP BY $g" "$g"
}

# The negative control: through the servers without the extensions option,
# no Remote SQL groups or calls the extension; the answer is still right.
# control_check LABEL GROUPCOLS EXPR
control_check() {
	local label=$1 g=$2 e=$3 plan
	local q="SELECT $g, ($e)::float8 AS v FROM readings_plain GROUP BY $g"
	plan=$(explain "$q")
	if [ "$(grep -c 'Remote SQL:' <<<"$plan")" -eq "$NPART" ] &&
		! grep 'Remote SQL:' <<<"$plan" | grep -qE 'GROUP BY|scorecard\.'; then
		ok "control: $label is not pushed down without the extensions option"
		grep -m1 'Remote SQL:' <<<"$plan" | sed 's/^ *//' | diag
	else
		not_ok "control: $label pushed down without the extensions option"
		echo "$plan" | diag
	fi
	same_results "control: $label" "$q" \
		"SELECT $g, ($e)::float8 AS v FROM readings_all GROUP BY $g" "$g"
}

# ---------------------------------------------------------------- the suite

MET="count(*) FILTER (WHERE public.target_met(goal, value))"
GAP="sum(public.target_gap(goal, value))"

GROWTH="public.ytd_growth(period, value, date '$AS_OF')"
GROWTH2="public.ytd_growth(public.ytd_agg(period, value), date '$AS_OF')"
VALUE2="public.ytd_value(public.ytd_agg(period, value), date '$AS_OF')"
WSCORE="public.weighted_score(points, weight)"
# The bureau's arithmetic on a state: required growth, projection, month
# growth, change since last month; share of units growing (here: readings
# above 130 count as growing).
STATE="public.ytd_agg(period, value)"
REQUIRED="public.ytd_required_growth($STATE, date '$AS_OF', 'growth >= 7%'::public.target)"
PROJECTED="public.ytd_projected_growth($STATE, date '$AS_OF')"
MGROWTH="public.ytd_month_growth($STATE, date '$AS_OF')"
GCHANGE="public.ytd_growth_change($STATE, date '$AS_OF')"
SHARE="public.share_growing(value - 130)"
ASCORE="public.assessment_score(public.assess(points, weight))"

# Grouped by the partition key: pushed down to the shards.
pushdown_check "targets met per unit" "unit" "$MET" "public.target_met("
pushdown_check "summed gap per unit and indicator" "unit, indicator" "$GAP" "public.target_gap("
pushdown_check "one-step ytd_growth per unit and indicator" "unit, indicator" "$GROWTH" "public.ytd_growth("
pushdown_check "ytd_growth of ytd_agg per unit and indicator" "unit, indicator" "$GROWTH2" "public.ytd_agg("
pushdown_check "ytd_value of ytd_agg per unit" "unit" "$VALUE2" "public.ytd_agg("
pushdown_check "weighted_score per unit" "unit" "$WSCORE" "public.weighted_score("
pushdown_check "assessment_score of assess per unit" "unit" "$ASCORE" "public.assess("
pushdown_state_check "ytd states per unit and indicator read by ytd_growth on the coordinator" \
	"unit, indicator" "public.ytd_agg(period, value)" "public.ytd_growth(%S, date '$AS_OF')" \
	"public.ytd_agg("
pushdown_check "ytd_required_growth of ytd_agg per unit and indicator" "unit, indicator" "$REQUIRED" \
	"public.ytd_required_growth("
pushdown_check "ytd_projected_growth of ytd_agg per unit and indicator" "unit, indicator" "$PROJECTED" \
	"public.ytd_projected_growth("
pushdown_check "ytd_month_growth of ytd_agg per unit and indicator" "unit, indicator" "$MGROWTH" \
	"public.ytd_month_growth("
pushdown_check "ytd_growth_change of ytd_agg per unit and indicator" "unit, indicator" "$GCHANGE" \
	"public.ytd_growth_change("
pushdown_check "share_growing per unit" "unit" "$SHARE" "public.share_growing("
pushdown_state_check "ytd states per unit and indicator, contribution to the indicator's total (window rollup) on the coordinator" \
	"unit, indicator" "$STATE" \
	"public.ytd_contribution(%S, public.rollup(%S) OVER (PARTITION BY indicator), date '$AS_OF')" \
	"public.ytd_agg("
pushdown_state_check "ytd states per unit and indicator, pull on the indicator's total (window rollup) on the coordinator" \
	"unit, indicator" "$STATE" \
	"public.ytd_pull(%S, public.rollup(%S) OVER (PARTITION BY indicator), date '$AS_OF')" \
	"public.ytd_agg("
pushdown_state_check "assessment states per unit read by assessment_score on the coordinator" \
	"unit" "public.assess(points, weight)" "public.assessment_score(%S)" "public.assess("

# Grouped by something else: Partial Aggregate per partition on the
# coordinator, Finalize through the combine functions.
combine_check "summed gap per indicator" "indicator" "$GAP"
combine_check "one-step ytd_growth per indicator" "indicator" "$GROWTH"
combine_check "ytd_value of ytd_agg per indicator" "indicator" "$VALUE2"
combine_check "weighted_score per indicator" "indicator" "$WSCORE"
combine_check "share_growing per indicator" "indicator" "$SHARE"
combine_check "assessment_score of assess per indicator" "indicator" "$ASCORE"

# Parallel workers on one server.
parallel_check "summed gap per indicator" "indicator" "$GAP"
parallel_check "one-step ytd_growth per indicator" "indicator" "$GROWTH"
parallel_check "weighted_score per indicator" "indicator" "$WSCORE"
parallel_check "share_growing per indicator" "indicator" "$SHARE"

# Partial states per shard table, shipped as text or binary, merged by rollup().
shipped_check "ytd_growth per indicator" "indicator" "public.ytd_agg(period, value)" ytd \
	"public.ytd_growth(%S, date '$AS_OF')"
shipped_check "ytd_value per indicator" "indicator" "public.ytd_agg(period, value)" ytd \
	"public.ytd_value(%S, date '$AS_OF')"
shipped_check "assessment_score per indicator" "indicator" "public.assess(points, weight)" assessment \
	"public.assessment_score(%S)"
shipped_check "assessment_points per unit" "unit" "public.assess(points, weight)" assessment \
	"public.assessment_points(%S)"
shipped_check "ytd_growth per indicator, two-level (states per unit, rollup per shard)" "indicator" \
	"public.ytd_agg(period, value)" ytd "public.ytd_growth(%S, date '$AS_OF')" unit
shipped_check "assessment_score per indicator, two-level (states per unit, rollup per shard)" "indicator" \
	"public.assess(points, weight)" assessment "public.assessment_score(%S)" unit
shipped_binary_check "ytd_growth per indicator, binary states" "indicator" \
	"public.ytd_agg(period, value)" ytd "public.ytd_growth(%S, date '$AS_OF')"
shipped_binary_check "assessment_score per indicator, binary states" "indicator" \
	"public.assess(points, weight)" assessment "public.assessment_score(%S)"

# The negative control.
control_check "targets met per unit" "unit" "$MET"
control_check "one-step ytd_growth per unit and indicator" "unit, indicator" "$GROWTH"
control_check "weighted_score per unit" "unit" "$WSCORE"

echo "1..$n"
[ "$failed" -eq 0 ]
