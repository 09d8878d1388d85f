#!/usr/bin/env bash
# make bench: every benchmark in bench/*.sh on a private server, but those
# with targets of their own (bench-scale, bench-plan, bench-citus); not part
# of `make test`.
source "$(dirname "$0")/../scripts/common.sh"

ensure_packages
build_install
bash "$TOP/scripts/pgserver.sh" start bench
eval "$(bash "$TOP/scripts/pgserver.sh" env bench)"
export PGDATABASE=postgres
psql -X -q -c "DROP EXTENSION IF EXISTS scorecard CASCADE" -c "CREATE EXTENSION scorecard"
say "machine: $(nproc) cores, $(free -g | awk '/Mem:/ {print $2}') GiB; medians of ${REPS:-5} runs"
for b in "$TOP"/bench/*.sh; do
	case $(basename "$b") in run.sh | lib.sh | scale.sh | plan.sh | citus.sh) continue ;; esac
	say "$(basename "$b" .sh)"
	bash "$b"
done
