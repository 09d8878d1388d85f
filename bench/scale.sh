#!/usr/bin/env bash
# Scale benchmark (make bench-scale; not part of make test or make bench):
# 50.4 million readings (30 indicators x 2,800 units x 25 enterprises x 24
# months) in an UNLOGGED table on the private `scale` server; the progress
# queries (ytd_growth per indicator and unit, and per indicator for the
# whole area) and the assessment query (weighted_score per unit), serial
# and with 2 parallel workers, against built-in sum() over the same
# grouping.  Prints median seconds of REPS rounds
# (default 3, after a warm-up round), rows per second, the ratio to sum(), the
# backend's peak resident memory (VmHWM), and the HashAggregate memory at
# 10.1M and 50.4M rows (the per-group states must not grow with rows).
#
#   make bench-scale                    # or: bash bench/scale.sh
#   SCALE_UNITS=280 make bench-scale    # a tenth of the rows, for a quick look
#
# The library is preloaded (shared_preload_libraries), so the server keeps
# the build it started with even if another checkout installs over it; with
# SCORECARD_INSTALL_LOCK=/path the install and start run under flock(1).
source "$(dirname "$0")/../scripts/common.sh"

REPS=${REPS:-3}
INDS=30
UNITS=${SCALE_UNITS:-2800}
ENTS=25
MONTHS=24
ROWS=$((INDS * UNITS * ENTS * MONTHS))
T=public.scale_readings_${UNITS}u  # one table per size: a quick run keeps the big one

# ------------------------------------------------------------ set-up

setup() {
	ensure_packages
	build_install
	bash "$TOP/scripts/pgserver.sh" start scale
	eval "$(bash "$TOP/scripts/pgserver.sh" env scale)"
	psql -X -q -d postgres -c "ALTER SYSTEM SET shared_preload_libraries = 'pg_cron', 'scorecard'" \
		-c "ALTER SYSTEM SET work_mem = '1GB'" -c "ALTER SYSTEM SET max_parallel_workers_per_gather = 2"
	bash "$TOP/scripts/pgserver.sh" stop scale >/dev/null
	bash "$TOP/scripts/pgserver.sh" start scale
	psql -X -q -d postgres -c "SET client_min_messages = warning" \
		-c "DROP EXTENSION IF EXISTS scorecard CASCADE" -c "CREATE EXTENSION scorecard"
}

if [ "${1:-}" = --setup ]; then
	setup
	exit 0
elif [ -n "${SCORECARD_INSTALL_LOCK:-}" ]; then
	flock "$SCORECARD_INSTALL_LOCK" bash "$0" --setup
else
	setup
fi
eval "$(bash "$TOP/scripts/pgserver.sh" env scale)"
export PGDATABASE=postgres

# ------------------------------------------------------------ data

have=0
if [ "$(psql -X -At -c "SELECT to_regclass('$T') IS NOT NULL")" = t ]; then
	have=$(psql -X -At -c "SELECT count(*) FROM $T")
fi
if [ "$have" != "$ROWS" ]; then
	say "generating $ROWS readings"
	t0=$(date +%s)
	psql -X -q -v ON_ERROR_STOP=1 <<SQL
DROP TABLE IF EXISTS $T;
CREATE UNLOGGED TABLE $T (indicator int4, unit int4, enterprise int4, period date, value float8);
INSERT INTO $T
SELECT i, u, e, make_date(2023 + m / 12, m % 12 + 1, 1),
	CASE WHEN (i + u + e + m) % 101 = 0 THEN NULL
		ELSE ((i * 31 + u * 17 + e * 13 + m * 7) % 1000) * (1 + 0.05 * (m / 12)) + 0.5 END
FROM generate_series(0, $MONTHS - 1) m, generate_series(1, $ENTS) e,
	generate_series(1, $UNITS) u, generate_series(1, $INDS) i;
VACUUM (FREEZE, ANALYZE) $T;
SQL
	say "generated in $(($(date +%s) - t0)) s"
fi

SERIAL="SET max_parallel_workers_per_gather = 0;"
PARALLEL="SET max_parallel_workers_per_gather = 2;"
AS_OF="date '2024-09-30'"

Q_SUM_IU="SELECT indicator, unit, sum(value) AS v FROM $T GROUP BY indicator, unit"
Q_PROGRESS="SELECT indicator, unit, ytd_growth(period, value, $AS_OF) AS v FROM $T GROUP BY indicator, unit"
Q_PROGRESS2="SELECT indicator, unit, ytd_growth(ytd_agg(period, value), $AS_OF) AS v FROM $T GROUP BY indicator, unit"
Q_PROGRESS_SQL="SELECT indicator, unit,
	(sum(value) FILTER (WHERE period >= '2024-01-01' AND period < '2024-10-01')
	/ NULLIF(sum(value) FILTER (WHERE period >= '2023-01-01' AND period < '2023-10-01'), 0) - 1) * 100 AS v
	FROM $T GROUP BY indicator, unit"
Q_SUM_I="SELECT indicator, sum(value) AS v FROM $T GROUP BY indicator"
Q_CITY="SELECT indicator, ytd_growth(period, value, $AS_OF) AS v FROM $T GROUP BY indicator"
Q_SUM_U="SELECT unit, sum(value) AS v FROM $T GROUP BY unit"
Q_ASSESS="SELECT unit, weighted_score(value, indicator) AS v FROM $T GROUP BY unit"
Q_ASSESS_SQL="SELECT unit, 100 * sum(value) / sum(indicator) FILTER (WHERE value IS NOT NULL) AS v
	FROM $T GROUP BY unit"

# ------------------------------------------------------------ correctness

# The aggregates agree with their plain-SQL formulas (on a slice of units,
# to save time) before any timing means anything.
say "checking results against the plain-SQL formulas (units <= 100)"
bad=$(psql -X -At -v ON_ERROR_STOP=1 -c "SET search_path = scorecard, public; $SERIAL" -c "
	SELECT (SELECT count(*) FROM (${Q_PROGRESS/ GROUP BY/ WHERE unit <= 100 GROUP BY}) a
		FULL JOIN (${Q_PROGRESS_SQL/ GROUP BY/ WHERE unit <= 100 GROUP BY}) b USING (indicator, unit)
		WHERE a.v IS NULL OR b.v IS NULL OR abs(a.v - b.v) > 1e-9 * greatest(1, abs(b.v)))
	+ (SELECT count(*) FROM (${Q_ASSESS/ GROUP BY/ WHERE unit <= 100 GROUP BY}) a
		FULL JOIN (${Q_ASSESS_SQL/ GROUP BY/ WHERE unit <= 100 GROUP BY}) b USING (unit)
		WHERE a.v IS NULL OR b.v IS NULL OR abs(a.v - b.v) > 1e-9 * greatest(1, abs(b.v)))" |
	tail -1)
if [ "$bad" != 0 ]; then
	echo "the aggregates differ from the formulas on $bad groups" >&2
	exit 1
fi

# ------------------------------------------------------------ timing

# HashAggregate "Memory Usage" (kB, the leader's) of a query, from EXPLAIN ANALYZE.
agg_mem() {
	psql -X -At -c "SET search_path = scorecard, public; $SERIAL" \
		-c "EXPLAIN (ANALYZE, TIMING OFF, COSTS OFF) $1" |
		grep -oE 'Memory Usage: [0-9]+kB' | head -1 | grep -oE '[0-9]+'
}

# Rounds: every query once per round, in one session, so that a burst of
# other load on the machine falls on all the queries of a round alike.
# Round 0 warms the cache; rounds 1..REPS are timed.  Each query runs as
#   SELECT count(v) FROM (query) q
# (count(v) keeps the aggregate from being optimised away).
LABELS=()
NGROUPS=()
BASE=()
SQLS=()
add_query() { # label groups baseline-index sql
	LABELS+=("$1")
	NGROUPS+=("$2")
	BASE+=("$3")
	SQLS+=("$4")
}
groups_iu=$((INDS * UNITS))
add_query "sum(value) by indicator, unit" "$groups_iu" 0 "$Q_SUM_IU"
add_query "ytd_growth(period, value, as_of)" "$groups_iu" 0 "$Q_PROGRESS"
add_query "ytd_growth(ytd_agg(period, value), as_of)" "$groups_iu" 0 "$Q_PROGRESS2"
add_query "plain SQL: sum() FILTER / sum() FILTER" "$groups_iu" 0 "$Q_PROGRESS_SQL"
add_query "sum(value) by unit" "$UNITS" 4 "$Q_SUM_U"
add_query "weighted_score(value, indicator)" "$UNITS" 4 "$Q_ASSESS"
add_query "plain SQL: 100 * sum() / sum() FILTER" "$UNITS" 4 "$Q_ASSESS_SQL"
add_query "sum(value) by indicator" "$INDS" 7 "$Q_SUM_I"
add_query "ytd_growth(period, value, as_of) by indicator" "$INDS" 7 "$Q_CITY"

# Prints "round query ms" for the timed rounds.
rounds() {
	local pre=$1 r i
	{
		echo "SET search_path = scorecard, public; $pre"
		echo '\timing on'
		for r in $(seq 0 "$REPS"); do
			for i in "${!SQLS[@]}"; do
				echo "\\echo R $r $i"
				echo "SELECT count(v) FROM (${SQLS[$i]}) q;"
			done
		done
	} | psql -X -q -At -v ON_ERROR_STOP=1 |
		awk '/^R / {r = $2; q = $3} /^Time:/ {if (r > 0) print r, q, $2}'
}

# Peak resident memory (VmHWM, kB) of a fresh backend that runs the query once.
hwm() {
	psql -X -q -At -v ON_ERROR_STOP=1 -c "SET search_path = scorecard, public; $2" \
		-c "SELECT count(v) FROM ($1) q" \
		-c "SELECT (regexp_match(pg_read_file('/proc/self/status'), 'VmHWM:\s+(\d+)'))[1]" | tail -1
}

# Workers the plan asks for (0 when it has no Gather).
planned_workers() {
	psql -X -At -c "SET search_path = scorecard, public; $2" -c "EXPLAIN $1" |
		grep -oE 'Workers Planned: [0-9]+' | head -1 | grep -oE '[0-9]+$' || echo 0
}

median() { sort -g | awk '{a[NR]=$1} END {if (NR==0) print "NaN"; else if (NR%2) print a[(NR+1)/2]; else print (a[NR/2]+a[NR/2+1])/2}'; }

cat <<HEAD
machine: $(nproc) cores ($(grep -m1 'model name' /proc/cpuinfo | cut -d: -f2 | sed 's/^ *//')), $(free -g | awk '/Mem:/ {print $2}') GiB RAM
$(psql -X -At -c "SELECT version()" | cut -d, -f1); table $(psql -X -At -c "SELECT pg_size_pretty(pg_table_size('$T'))"), $ROWS readings; work_mem 1GB; shared_buffers $(psql -X -At -c "SHOW shared_buffers")
VmHWM of an idle backend: $(psql -X -At -c "SELECT (regexp_match(pg_read_file('/proc/self/status'), 'VmHWM:\s+(\d+)'))[1]::int / 1024") MB
medians of $REPS rounds after one warm-up round; x sum() is the median of each round's ratio
to sum() with the same grouping and workers; VmHWM is the backend's peak resident memory
(it counts the shared buffers the backend touched)

query                                            workers groups  median s  Mrows/s  x sum()  VmHWM MB
HEAD
for w in 0 2; do
	pre="SET max_parallel_workers_per_gather = $w;"
	times=$(rounds "$pre")
	for i in "${!SQLS[@]}"; do
		ms=$(awk -v q="$i" '$2 == q {print $3}' <<<"$times" | median)
		ratio=$(awk -v q="$i" -v b="${BASE[$i]}" '$2 == q {t[$1] = $3} $2 == b {s[$1] = $3}
			END {for (r in t) print t[r] / s[r]}' <<<"$times" | median)
		awk -v l="${LABELS[$i]}" -v w="$(planned_workers "${SQLS[$i]}" "$pre")" -v g="${NGROUPS[$i]}" \
			-v m="$ms" -v x="$ratio" -v h="$(hwm "${SQLS[$i]}" "$pre")" -v r="$ROWS" 'BEGIN {
			printf "%-48s %2d %7d %8.2f %9.2f %7.2fx %8.0f\n", l, w, g, m / 1000, r / (m / 1000) / 1e6, x, h / 1024 }'
	done
done

# State memory: the same groups over a fifth of the rows and over all rows.
echo
echo "HashAggregate memory (EXPLAIN ANALYZE, serial): enterprises 1-5 ($((ROWS / 5)) rows) / all ($ROWS rows)"
for q in "sum(value) by indicator, unit|$Q_SUM_IU|$groups_iu" \
	"ytd_growth by indicator, unit|$Q_PROGRESS|$groups_iu" \
	"sum(value) by unit|$Q_SUM_U|$UNITS" \
	"weighted_score by unit|$Q_ASSESS|$UNITS"; do
	IFS='|' read -r label sql groups <<<"$q"
	small=$(agg_mem "${sql/ GROUP BY/ WHERE enterprise <= 5 GROUP BY}")
	all=$(agg_mem "$sql")
	awk -v l="$label" -v s="${small:-0}" -v a="${all:-0}" -v g="$groups" 'BEGIN {
		printf "%-32s %8d kB / %8d kB  (%.0f bytes per group)\n", l, s, a, a * 1024 / g }'
done
