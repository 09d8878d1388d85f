#!/usr/bin/env bash
# Two definitions of some functions compared on one query, for a change
# smaller than a whole benchmark's noise:
#     bash bench/ab.sh DB "QUERY" A.sql B.sql [ROUNDS]
# A.sql and B.sql hold the definitions (CREATE OR REPLACE FUNCTION ...,
# ALTER FUNCTION ... SET ...; an empty file keeps those installed). Each
# round runs A, then B, each in its own session: the file in a
# transaction, the query once to warm up, then timed, then ROLLBACK.
# Both transactions first create the same pg_temp function: queries in a
# transaction that has changed the catalogs run slower (progress_arith at
# 1,000 counties: 1.12x after creating a pg_temp function, 1.17x after
# re-creating progress_of_states as installed; 0.96x after only taking a
# transaction id), so an empty file against definitions would favour the
# empty side.
# Prints the medians over ROUNDS (default 5) of the wall time and of the
# backend's CPU time (utime + stime from /proc: the server must run on
# this machine), and B's ratio to A for each. The CPU time is the steadier
# on a shared machine; it counts the backend only, so SETTINGS (default:
# search_path scorecard, public as the plan's SQL files expect, work_mem
# 64MB, JIT off, no parallel workers) keeps the query serial.
# QUERY is one SELECT without a trailing semicolon (it is timed as
# SELECT count(q) FROM (QUERY) q); QUERY_B, when set, is the query B
# times instead (two queries compared, e.g. the report against
# progress(), with empty definition files). Uses the server in the environment
# (PGHOST, PGPORT), e.g.
#     eval "$(bash scripts/pgserver.sh env planbench)"
# Not part of `make bench` (it needs its arguments).
set -euo pipefail
source "$(dirname "$0")/lib.sh"
[ $# -ge 4 ] || { sed -n '2,4p' "$0" >&2; exit 2; }
db=$1 query=$2 a_sql=$3 b_sql=$4 rounds=${5:-5}
query_b=${QUERY_B:-$query}
[ "$rounds" -ge 1 ] 2>/dev/null || { echo "ab.sh: ROUNDS must be a positive number" >&2; exit 2; }
settings=${SETTINGS:-"SET search_path = scorecard, public; SET work_mem = '64MB'; SET jit = off; SET max_parallel_workers_per_gather = 0;"}
for f in "$a_sql" "$b_sql"; do [ -r "$f" ] || { echo "ab.sh: cannot read $f" >&2; exit 2; }; done

# One timing of query $2 after the definitions in $1: "wall_ms cpu_ms".
one() {
	{
		echo "SET client_min_messages = warning; $settings"
		echo "SELECT pg_backend_pid() AS pid \\gset"
		echo "\\setenv AB_PID :pid"
		echo "BEGIN;"
		# a change to the catalogs on both sides, whatever the files hold
		echo "CREATE FUNCTION pg_temp.ab_same_on_both_sides() RETURNS int LANGUAGE sql AS 'SELECT 1';"
		echo "\\i '$1'"
		echo "SELECT count(q) FROM ($2) q;"
		# the backend's own /proc entry: a server on this machine, in this
		# PID namespace (its comm is postgres), else no @cpu line
		echo "\\! grep -qx postgres /proc/\$AB_PID/comm && awk '{print \"@cpu0\", \$14 + \$15}' /proc/\$AB_PID/stat"
		echo "\\timing on"
		echo "SELECT count(q) FROM ($2) q;"
		echo "\\timing off"
		echo "\\! awk '{print \"@cpu1\", \$14 + \$15}' /proc/\$AB_PID/stat"
		echo "ROLLBACK;"
	} | psql -X -q -At -v ON_ERROR_STOP=1 -d "$db" 2>&1 |
		awk -v hz="$(getconf CLK_TCK)" '/^@cpu0/ {c0 = $2} /^@cpu1/ {c1 = $2} /^Time:/ {t = $2}
			/^(ERROR|FATAL|DETAIL|HINT|LINE|psql:)/ {print > "/dev/stderr"; bad = 1}
			END {
				if (bad || t == "") exit 1
				if (c0 == "" || c1 == "") {print "ab.sh: no CPU time: the backend is not in this machine'"'"'s /proc" > "/dev/stderr"; exit 1}
				printf "%s %.0f\n", t, (c1 - c0) * 1000 / hz
			}'
}

wall_a="" wall_b="" cpu_a="" cpu_b=""
for _ in $(seq 1 "$rounds"); do
	read -r w c < <(one "$a_sql" "$query") || { echo "ab.sh: A failed" >&2; exit 1; }
	wall_a+=" $w" cpu_a+=" $c"
	read -r w c < <(one "$b_sql" "$query_b") || { echo "ab.sh: B failed" >&2; exit 1; }
	wall_b+=" $w" cpu_b+=" $c"
done
awk -v wa="$(echo "$wall_a" | median)" -v wb="$(echo "$wall_b" | median)" \
	-v ca="$(echo "$cpu_a" | median)" -v cb="$(echo "$cpu_b" | median)" -v n="$rounds" 'BEGIN {
	printf "medians of %d      %12s %12s %8s\n", n, "A", "B", "B/A"
	printf "wall ms            %12.1f %12.1f %8.3f\n", wa, wb, wb / wa
	printf "backend CPU ms     %12.0f %12.0f %8.3f\n", ca, cb, (ca > 0) ? cb / ca : 0
}'
