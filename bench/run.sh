#!/usr/bin/env bash
# make bench: every benchmark in bench/*.sh on a private server, but those
# with targets of their own (bench-scale, bench-plan, bench-citus,
# bench-dashboard, bench-monthly, bench-floors); not part of `make test`.  It starts what it needs (the private server `bench`, as
# the postgres user when run as root; never the system's cluster), runs
# every benchmark even if one fails, and prints each ratio against its goal
# at the end.  Sizes and repetitions come from each script's variables
# (REPS, YTD_BENCH_UNITS, ASSESS_ROWS, UNITS for the report, ...).
source "$(dirname "$0")/../scripts/common.sh"

ensure_packages
build_install
bash "$TOP/scripts/pgserver.sh" start bench
eval "$(bash "$TOP/scripts/pgserver.sh" env bench)"
export PGDATABASE=postgres
psql -X -q -c "SET client_min_messages = warning" -c "DROP EXTENSION IF EXISTS scorecard CASCADE" -c "CREATE EXTENSION scorecard"
export BENCH_GOALS
BENCH_GOALS=$(mktemp)
trap 'rm -f "$BENCH_GOALS"' EXIT
say "machine: $(nproc) cores, $(free -g | awk '/Mem:/ {print $2}') GiB; medians of ${REPS:-5} runs"
failed=()
for b in "$TOP"/bench/*.sh; do
	case $(basename "$b") in run.sh | lib.sh | ab.sh | scale.sh | plan.sh | citus.sh | dashboard.sh | monthly.sh | floors.sh) continue ;; esac
	say "$(basename "$b" .sh)"
	# each on the bench server, in database postgres, whatever it left set
	(cd "$TOP" && bash "$b") || failed+=("$(basename "$b" .sh)")
done
say "goals"
cat "$BENCH_GOALS"
missed=$(grep -c -v ' ok$' "$BENCH_GOALS" || true)
echo "$(grep -c ' ok$' "$BENCH_GOALS" || true) goals met, $missed missed or not measured${failed[*]:+; failed: ${failed[*]}}"
[ ${#failed[@]} -eq 0 ]
