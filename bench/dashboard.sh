#!/usr/bin/env bash
# Dashboards (make bench-dashboard; not part of make test): one county's
# page of progress_latest served from the stored snapshot (as the plan's
# owner, and as the county's role under row-level security), against the same
# page computed live (progress() of the whole plan, as before the
# snapshot); the same for the city's page (progress_city_latest), one
# county's lagging list (lagging_list_latest), its page of
# progress_arith_latest and its findings of data_review_latest; its
# warning streaks (warning_streaks_latest, from the stored runs, never
# from the snapshot); a refresh's time; and readers at once: pgbench, for 1, 8 and 16 clients, each
# reading random county pages for DASH_SECONDS (default 10) seconds, with
# pages/s and latency percentiles.  Goals (issue 24): a page under 20 ms at
# 3,000 counties; 16 readers at least 500 pages/s.  On the generated
# province (data/province.sql) of bench-plan's databases, at DASH_SIZES
# counties (default "100 3000"), on the private server `planbench`.
#
#   make bench-dashboard
#   DASH_SIZES=100 DASH_SECONDS=5 make bench-dashboard     # a quick look
source "$(dirname "$0")/../scripts/common.sh"
source "$TOP/bench/lib.sh"

SIZES=${DASH_SIZES:-100 3000}
SECONDS_EACH=${DASH_SECONDS:-10}
REPS=${REPS:-11}

ensure_packages
build_install
bash "$TOP/scripts/pgserver.sh" start planbench
eval "$(bash "$TOP/scripts/pgserver.sh" env planbench)"

tmp=$(mktemp -d)
trap 'rm -rf "$tmp"' EXIT
# a county's page: county k of city c, both random
cat >"$tmp/page.sql" <<'SQL'
\set c random(1, :cities)
\set k random(1, 10)
SELECT * FROM scorecard.progress_latest WHERE unit_id = 'c' || lpad(:c::text, 3, '0') || 'k' || lpad(:k::text, 2, '0');
SQL

# pgbench CLIENTS: "pages/s p50 p95 p99" (latencies in ms, from the log of
# every transaction).
readers() {
	local c=$1
	rm -f "$tmp"/pgb*
	pgbench -n -M prepared -c "$c" -j "$c" -T "$SECONDS_EACH" -D cities="$cities" -f "$tmp/page.sql" \
		-l --log-prefix="$tmp/pgb" >"$tmp/out" 2>&1 || { cat "$tmp/out" >&2; return 1; }
	tps=$(awk '/^tps = / {print $3; exit}' "$tmp/out")
	# log lines: client transaction latency(us) ...
	cat "$tmp"/pgb* | awk '{print $3 / 1000}' | sort -n | awk -v t="$tps" '{a[NR] = $1}
		END {printf "%8.0f %8.2f %8.2f %8.2f\n", t, a[int(NR * 0.50) + 1], a[int(NR * 0.95) + 1], a[int(NR * 0.99) + 1]}'
}

printf '%-8s %8s %9s %12s %12s %14s %9s %14s %14s %16s %18s %10s  %s\n' counties targets "refresh s" "page ms" "county role" "live page ms" "x faster" \
	"city ms (live)" "lagging (live)" "arith (live)" "review (live)" "streaks ms" "readers: pages/s, p50/p95/p99 ms"
for n in $SIZES; do
	prepare_province "$n"
	export PGDATABASE=plan_bench_$n
	cities=$((n / 10))
	# a refresh from stale (progress, scores, assessment, arithmetic,
	# lagging list, data review), in seconds; then current
	refresh_s=$(psql -X -q -At -c "SET client_min_messages = warning" -c "UPDATE scorecard.snapshot_state SET data_version = -1" \
		-c '\timing on' -c "SELECT refreshed FROM scorecard.refresh_snapshot()" | awk '/^Time:/ {printf "%.1f", $2 / 1000}')
	targets=$(psql -X -qAt -c "SELECT count(*) FROM scorecard.progress_snapshot")
	page="SELECT * FROM progress_latest WHERE unit_id = 'c001k01'"
	stored=$(bench_ms "$page")
	# the same page read by the county's own role, under row-level
	# security (the policy on the snapshot's rows; set up in a transaction
	# rolled back after the timing)
	as_county="BEGIN; SET client_min_messages = warning; CREATE ROLE bench_dash_county;
		SELECT enable_unit_security(); SELECT grant_unit_access('bench_dash_county', 'c001k01');
		SET ROLE bench_dash_county;"
	county=$(bench_ms "$page" "$as_county")
	# the same page computed live: the snapshot made stale in a transaction
	# rolled back after the timing
	stale="BEGIN; UPDATE snapshot_state SET data_version = -1;"
	live=$(REPS=3 bench_ms "$page" "$stale")
	city="SELECT * FROM progress_city_latest"
	lagging="SELECT * FROM lagging_list_latest WHERE unit_id = 'c001k01'"
	cities_ms="$(bench_ms "$city") ($(REPS=3 bench_ms "$city" "$stale"))"
	lagging_ms="$(REPS=5 bench_ms "$lagging") ($(REPS=3 bench_ms "$lagging" "$stale"))"
	arith="SELECT * FROM progress_arith_latest WHERE unit_id = 'c001k01'"
	arith_ms="$(bench_ms "$arith") ($(REPS=1 bench_ms "$arith" "$stale"))"
	review="SELECT * FROM data_review_latest WHERE unit_id = 'c001k01'"
	review_ms="$(bench_ms "$review") ($(REPS=1 bench_ms "$review" "$stale"))"
	streaks_ms=$(bench_ms "SELECT * FROM warning_streaks_latest WHERE unit_id = 'c001k01'")
	line=$(printf '%-8d %8d %9s %12.2f %12.2f %14.1f %9.0f %14s %14s %16s %18s %10.2f ' "$n" "$targets" "$refresh_s" "$stored" "$county" "$live" \
		"$(awk -v a="$live" -v b="$stored" 'BEGIN {print a / b}')" "$cities_ms" "$lagging_ms" "$arith_ms" "$review_ms" "$streaks_ms")
	for c in 1 8 16; do
		r=$(readers "$c") || exit 1
		line+=" | $c: $(awk '{printf "%.0f/s %.1f/%.1f/%.1f", $1, $2, $3, $4}' <<<"$r")"
		[ "$c" = 16 ] && pps16=$(awk '{print $1}' <<<"$r")
	done
	echo "$line"
	awk -v n="$n" -v p="$stored" -v c="$county" -v r="$pps16" 'BEGIN {
		printf "  goals at %d counties: a page %.2f ms, as the county %.2f ms (goal < 20 ms) %s; 16 readers %.0f pages/s (goal >= 500) %s\n",
			n, p, c, (p < 20 && c < 20 ? "ok" : "MISSED"), r, (r >= 500 ? "ok" : "MISSED") }'
done
