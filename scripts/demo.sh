#!/usr/bin/env bash
# The main job on the embedded default: a private server, the demo plan
# loaded, the progress report printed.
source "$(dirname "$0")/common.sh"

AS_OF=${AS_OF:-2024-09-30}
ensure_packages
build_install
bash "$TOP/scripts/pgserver.sh" start demo
eval "$(bash "$TOP/scripts/pgserver.sh" env demo)"
export PGDATABASE=scorecard_demo PGCLIENTENCODING=UTF8
psql -X -q -d postgres -c "SET client_min_messages = warning" \
	-c "DROP DATABASE IF EXISTS scorecard_demo" -c "CREATE DATABASE scorecard_demo"
say "loading the demo plan and printing the report as of $AS_OF"
cd "$TOP"
psql -X -q -v as_of="$AS_OF" -f data/demo.sql
cat <<MSG

The demo server keeps running. Connect with:
    psql -h $PGHOST -p $PGPORT -U postgres scorecard_demo
    (then: SET search_path = scorecard, public;)
Stop it with: make demo-stop
MSG
