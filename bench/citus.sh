#!/usr/bin/env bash
# Citus benchmark (make bench-citus; not part of make test): the scale
# benchmark's progress and assessment queries on a three-node Citus cluster
# (a coordinator and two workers, private servers on this machine) beside
# one server, over the same readings (30 indicators x UNITS units x 25
# enterprises x 24 months; 5.04 million with the default 280 units).  Checks
# that the cluster's answers equal the server's (floats to a relative 1e-9,
# NULLs in the same places), then prints the median seconds of REPS rounds
# (default 3, after a warm-up round) and the ratio cluster / one server.
#
#   make bench-citus                          # or: bash bench/citus.sh
#   CITUS_BENCH_UNITS=2800 make bench-citus   # the scale benchmark's 50.4 million
#
# All four servers share this machine's cores: on one machine the ratio says
# what the distribution costs, not what more machines would gain.  The
# servers keep running (and their tables are kept for the next run); stop
# them with: bash bench/citus.sh stop
source "$(dirname "$0")/../scripts/common.sh"
source "$TOP/test/citus/cluster.sh"

REPS=${REPS:-3}
INDS=30
UNITS=${CITUS_BENCH_UNITS:-280}
ENTS=25
MONTHS=24
SHARDS=8
ROWS=$((INDS * UNITS * ENTS * MONTHS))
T=bench_readings_${UNITS}u
COORD=cbench_coord
WORKERS="cbench_w1 cbench_w2"
ONE=cbench_one

if [ "${1:-}" = stop ]; then
	citus_cluster_stop $COORD $WORKERS $ONE
	exit 0
fi

# ------------------------------------------------------------ set-up

ensure_packages
build_install
bash "$TOP/test/citus/build.sh"
citus_cluster_start "" $COORD $WORKERS
bash "$TOP/scripts/pgserver.sh" start $ONE
for s in $COORD $WORKERS $ONE; do
	on "$s" -c "ALTER SYSTEM SET work_mem = '1GB'" -c "SELECT pg_reload_conf()" >/dev/null
done
on $COORD -c "SET client_min_messages = warning" -c "CREATE EXTENSION IF NOT EXISTS scorecard"
on $ONE -c "SET client_min_messages = warning" -c "CREATE EXTENSION IF NOT EXISTS scorecard"

# ------------------------------------------------------------ data

GENERATE="SELECT i, u, e, make_date(2023 + m / 12, m % 12 + 1, 1),
	CASE WHEN (i + u + e + m) % 101 = 0 THEN NULL
		ELSE ((i * 31 + u * 17 + e * 13 + m * 7) % 1000) * (1 + 0.05 * (m / 12)) + 0.5 END
FROM generate_series(0, $MONTHS - 1) m, generate_series(1, $ENTS) e,
	generate_series(1, $UNITS) u, generate_series(1, $INDS) i"
COLS="indicator int4, unit int4, enterprise int4, period date, value float8"

rows_in() { # rows_in SERVER
	if [ "$(on "$1" -c "SELECT to_regclass('$T') IS NOT NULL")" = t ]; then
		on "$1" -c "SELECT count(*) FROM $T"
	else
		echo 0
	fi
}
if [ "$(rows_in $ONE)" != "$ROWS" ]; then
	say "generating $ROWS readings on one server"
	on $ONE -c "DROP TABLE IF EXISTS $T" -c "CREATE UNLOGGED TABLE $T ($COLS)" \
		-c "INSERT INTO $T $GENERATE" -c "VACUUM (FREEZE, ANALYZE) $T"
fi
if [ "$(rows_in $COORD)" != "$ROWS" ]; then
	say "generating $ROWS readings on the cluster ($SHARDS shards by unit)"
	t0=$(date +%s)
	on $COORD -c "SET client_min_messages = warning" -c "DROP TABLE IF EXISTS $T" \
		-c "CREATE UNLOGGED TABLE $T ($COLS)" \
		-c "SELECT create_distributed_table('$T', 'unit', shard_count => $SHARDS)" >/dev/null
	on $COORD -c "INSERT INTO $T $GENERATE" -c "VACUUM (FREEZE, ANALYZE) $T"
	say "generated in $(($(date +%s) - t0)) s"
fi

# ------------------------------------------------------------ queries

AS_OF="date '2024-09-30'"
LABELS=("progress: ytd_growth(period, value, as_of) by indicator, unit"
	"progress: ytd_growth(ytd_agg(period, value), as_of) by indicator, unit"
	"baseline: sum(value) by indicator, unit"
	"progress: ytd_growth(period, value, as_of) by indicator"
	"progress: ytd_growth(rollup(s), as_of) of states per unit, by indicator"
	"baseline: sum(value) by indicator"
	"assessment: weighted_score(value, indicator) by unit"
	"baseline: sum(value) by unit")
KEYS=("indicator, unit" "indicator, unit" "indicator, unit" "indicator" "indicator" "indicator" "unit" "unit")
SQLS=("SELECT indicator, unit, ytd_growth(period, value, $AS_OF) AS v FROM $T GROUP BY indicator, unit"
	"SELECT indicator, unit, ytd_growth(ytd_agg(period, value), $AS_OF) AS v FROM $T GROUP BY indicator, unit"
	"SELECT indicator, unit, sum(value) AS v FROM $T GROUP BY indicator, unit"
	"SELECT indicator, ytd_growth(period, value, $AS_OF) AS v FROM $T GROUP BY indicator"
	"SELECT indicator, ytd_growth(rollup(s), $AS_OF) AS v
		FROM (SELECT indicator, unit, ytd_agg(period, value) AS s FROM $T GROUP BY indicator, unit) q GROUP BY indicator"
	"SELECT indicator, sum(value) AS v FROM $T GROUP BY indicator"
	"SELECT unit, weighted_score(value, indicator) AS v FROM $T GROUP BY unit"
	"SELECT unit, sum(value) AS v FROM $T GROUP BY unit")

# ------------------------------------------------------------ correctness

say "checking the cluster's answers against one server's"
bad=0
for i in "${!SQLS[@]}"; do
	on $COORD -c "SET client_min_messages = warning" -c "DROP TABLE IF EXISTS bench_got, bench_want" \
		-c "CREATE TABLE bench_got AS ${SQLS[$i]}" -c "CREATE TABLE bench_want (LIKE bench_got)"
	on $ONE -c "COPY (${SQLS[$i]}) TO STDOUT" | on $COORD -c "COPY bench_want FROM STDIN"
	IFS='|' read -r ng nw nd nnull <<<"$(on $COORD -c "
		SELECT (SELECT count(*) FROM bench_got), (SELECT count(*) FROM bench_want),
			(SELECT count(*) FROM bench_got g FULL JOIN bench_want w USING (${KEYS[$i]})
				WHERE g.v IS DISTINCT FROM w.v
					AND NOT coalesce(abs(g.v - w.v) <= 1e-9 * greatest(abs(g.v), abs(w.v)), false)),
			(SELECT count(*) FROM bench_want WHERE v IS NULL)")"
	printf '%-72s %7s groups, %s NULL, %s differ\n' "${LABELS[$i]}" "$nw" "$nnull" "$nd"
	[ "$ng" = "$nw" ] && [ "$nd" = 0 ] && [ "$nw" -gt 0 ] || bad=1
done
on $COORD -c "DROP TABLE bench_got, bench_want"
if [ "$bad" -ne 0 ]; then
	echo "the cluster's answers differ from one server's" >&2
	exit 1
fi

# ------------------------------------------------------------ timing

# Round R on SERVER: every query once, in one session.  Prints "R query ms".
# Results go to /dev/null (the time includes sending them to psql).
round() { # round SERVER R
	{
		echo '\timing on'
		echo '\o /dev/null'
		for i in "${!SQLS[@]}"; do
			echo "\\echo Q $i"
			echo "${SQLS[$i]};"
		done
	} | on "$1" 2>&1 | awk -v r="$2" '/^Q / {q = $2} /^Time:/ {print r, q, $2}'
}
median() { sort -g | awk '{a[NR]=$1} END {if (NR==0) print "NaN"; else if (NR%2) print a[(NR+1)/2]; else print (a[NR/2]+a[NR/2+1])/2}'; }

# The rounds alternate between one server and the cluster, so that a burst
# of other work on the machine falls on both alike; round 0 warms the caches.
say "timing ($REPS rounds after a warm-up round)"
load_before=$(cut -d' ' -f1-3 /proc/loadavg)
t_one=""
t_cit=""
for r in $(seq 0 "$REPS"); do
	o=$(round $ONE "$r")
	c=$(round $COORD "$r")
	if [ "$r" -gt 0 ]; then
		t_one+="$o"$'\n'
		t_cit+="$c"$'\n'
	fi
done
load_after=$(cut -d' ' -f1-3 /proc/loadavg)

# Parallel workers one server's plan asks for (0 when it has no Gather).
planned_workers() {
	on $ONE -c "EXPLAIN $1" | grep -oE 'Workers Planned: [0-9]+' | head -1 | grep -oE '[0-9]+$' || echo 0
}
cat <<HEAD

machine: $(nproc) cores ($(grep -m1 'model name' /proc/cpuinfo | cut -d: -f2 | sed 's/^ *//')), $(free -g | awk '/Mem:/ {print $2}') GiB RAM
$(on $ONE -c "SELECT version()" | cut -d, -f1), $(on $COORD -c "SELECT citus_version()" | cut -d' ' -f1-2); $ROWS readings
($INDS indicators x $UNITS units x $ENTS enterprises x $MONTHS months); work_mem 1GB
one server: max_parallel_workers_per_gather = $(on $ONE -c "SHOW max_parallel_workers_per_gather") (workers: what its plan asks for);
cluster: a coordinator and 2 workers on the same machine, $SHARDS shards by unit
medians of $REPS rounds after one warm-up round; ratio: the median of each round's cluster / one server
load average (1, 5, 15 min) before the timing: $load_before; after: $load_after

query                                                                  workers  one s  cluster s  cluster/one
HEAD
for i in "${!SQLS[@]}"; do
	a=$(awk -v q="$i" '$2 == q {print $3}' <<<"$t_one" | median)
	b=$(awk -v q="$i" '$2 == q {print $3}' <<<"$t_cit" | median)
	x=$(join <(awk -v q="$i" '$2 == q {print $1, $3}' <<<"$t_one" | sort) \
		<(awk -v q="$i" '$2 == q {print $1, $3}' <<<"$t_cit" | sort) | awk '{print $3 / $2}' | median)
	awk -v l="${LABELS[$i]}" -v w="$(planned_workers "${SQLS[$i]}")" -v a="$a" -v b="$b" -v x="$x" 'BEGIN {
		printf "%-72s %2d %7.2f %9.2f %10.2fx\n", l, w, a / 1000, b / 1000, x }'
done
