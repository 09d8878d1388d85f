# Benchmark helpers, sourced by bench/*.sh (run by `make bench`).
# Each query runs REPS times (default 5) after one warm-up; medians are
# reported, and ratios against a baseline measured in the same run.

REPS=${REPS:-5}

# Median wall time in ms of a query run REPS times: bench_ms "SQL" [settings SQL]
# Timing starts after the settings (psql times each statement of a line).
# count(q), not count(*): with no reference to its columns the planner
# replaces the subquery's unused aggregate outputs by NULL and skips them.
bench_ms() {
	local sql=$1 pre=${2:-}
	local f
	f=$(mktemp)
	{
		echo "SET search_path = scorecard, public; $pre"
		echo '\timing on'
		for _ in $(seq 0 "$REPS"); do echo "SELECT count(q) FROM ($sql) q;"; done
	} | psql -X -q -v ON_ERROR_STOP=1 2>&1 | grep -E '^Time:' | tail -n +2 | awk '{print $2}' >"$f"
	sort -n "$f" | awk '{a[NR]=$1} END {if (NR==0) print "NaN"; else if (NR%2) print a[(NR+1)/2]; else print (a[NR/2]+a[NR/2+1])/2}'
	rm -f "$f"
}

# Print one result line: label, median ms, ratio to a baseline median.
bench_line() {
	local label=$1 ms=$2 base=$3
	awk -v l="$label" -v m="$ms" -v b="$base" 'BEGIN {printf "%-48s %10.1f ms  %6.2fx\n", l, m, m/b}'
}

# Median of the numbers on standard input (one per word).
median() {
	tr ' ' '\n' | grep . | sort -n | awk '{a[NR]=$1} END {print (NR%2) ? a[(NR+1)/2] : (a[NR/2]+a[NR/2+1])/2}'
}

# Median ms of the statements psql's \timing reported in file $2 after
# the lines "@$1" or "@$1 N" (a script's \echo before each statement).
timed_median() {
	awk -v k="@$1" '$1 == k { f = 1; next } f && /^Time:/ { print $2; f = 0 }' "$2" | median
}

# The database plan_bench_N of the generated province with N counties (10 to
# a city; data/province.sql), on the server in the environment: kept
# between runs, generated again when the install script of the plan model
# or of the report changes (their md5 is the database's comment).  For
# bench-plan and bench-dashboard; needs TOP and say (scripts/common.sh).
prepare_province() {
	local n=$1 db=plan_bench_$1 have md5 v
	v=$(cat "$TOP/VERSION")
	md5=$(cat "$TOP/scorecard_plan--$v.sql" "$TOP/scorecard_report--$v.sql" | md5sum | cut -c1-32)
	have=$(psql -X -qAt -d postgres -c "SELECT shobj_description(oid, 'pg_database') FROM pg_database WHERE datname = '$db'")
	[ "$have" = "$md5" ] && return 0
	say "generating $n counties (data/province.sql)"
	psql -X -q -d postgres -c "SET client_min_messages = warning" -c "DROP DATABASE IF EXISTS $db" -c "CREATE DATABASE $db"
	(cd "$TOP" && psql -X -q -v ON_ERROR_STOP=1 -d "$db" -v cities=$((n / 10)) -v counties=10 \
		-c "SET client_min_messages = warning" -c "CREATE EXTENSION scorecard_report CASCADE" \
		-c "SET search_path = scorecard, public" -f data/province.sql -c "VACUUM ANALYZE")
	psql -X -q -d postgres -c "COMMENT ON DATABASE $db IS '$md5'"
}

# Set AS_OF, SETTINGS and BARE of the provinces' benchmarks (bench-plan,
# bench-floors), one definition for both: the as-of date, the settings of
# every query, and the baseline, the bare ytd_agg grouping of the readings
# a run of AS_OF reads.
plan_bench_defaults() {
	AS_OF=2024-11-30
	SETTINGS="SET work_mem = '64MB'; SET jit = off; SET max_parallel_workers_per_gather = 2;"
	BARE="SELECT indicator_id, unit_id, ytd_agg(month, value) AS s FROM reading
	WHERE month BETWEEN '2023-01-01' AND '${AS_OF:0:7}-01' GROUP BY 1, 2"
}

# Judge a ratio against its goal and print one line, e.g.
#   bench_goal "ytd_growth / sum()" 1.08 "<=" 1.10
#   ytd_growth / sum(): 1.08 (goal <= 1.10) ok
# The line is also appended to $BENCH_GOALS when set (make bench prints
# them all at the end); a missed goal does not stop the run.
bench_goal() {
	local label=$1 ratio=$2 op=$3 goal=$4 line
	line=$(awk -v l="$label" -v r="$ratio" -v o="$op" -v g="$goal" 'BEGIN {
		if (r != r + 0 || r == "nan" || r == "inf") { printf "%s: %s (goal %s %.2f) not measured", l, r, o, g; exit }
		met = (o == "<=") ? (r + 0 <= g + 0) : (r + 0 >= g + 0)
		printf "%s: %.2f (goal %s %.2f) %s", l, r, o, g, met ? "ok" : "MISSED"
	}')
	echo "$line"
	if [ -n "${BENCH_GOALS:-}" ]; then echo "$line" >>"$BENCH_GOALS"; fi
}
