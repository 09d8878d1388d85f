#!/usr/bin/env bash
# `make import DIR=... [ENCODING=GBK] [DB=my_plan]`: import a folder of plan
# files (scripts/import.sh) into database DB (default my_plan) on the
# private demo server (started, and the extension built, when needed), then
# store the assessment run of the latest month with readings and write the
# HTML report to tmp/report-DB-YYYY-MM.html.
source "$(dirname "$0")/common.sh"
dir=${1:?usage: make import DIR=folder [ENCODING=GBK] [DB=my_plan]}
dir=$(cd "$dir" && pwd)
enc=${2:-}
db=${3:-my_plan}
[[ $db =~ ^[a-z_][a-z0-9_]*$ ]] || { echo "import: DB must be a plain lower-case name, not \"$db\"" >&2; exit 2; }
ensure_packages
build_install
bash "$TOP/scripts/pgserver.sh" start demo >/dev/null
eval "$(bash "$TOP/scripts/pgserver.sh" env demo)"
export PGDATABASE=$db PGCLIENTENCODING=UTF8
if ! psql -X -q -At -d postgres -c "SELECT 1 FROM pg_database WHERE datname = '$db'" | grep -qx 1; then
	psql -X -q -d postgres -c "CREATE DATABASE $db" -c "ALTER DATABASE $db SET search_path = scorecard, public"
fi
psql -X -q -c "SET client_min_messages = warning" -c "CREATE EXTENSION IF NOT EXISTS scorecard_report CASCADE"
bash "$TOP/scripts/import.sh" "$dir" $enc || exit $?
# the latest year with targets and readings, and the run of its latest month
year=$(psql -X -q -At -c "SELECT max(t.year) FROM scorecard.plan_target t
	WHERE EXISTS (SELECT 1 FROM scorecard.reading r WHERE extract(year FROM r.month) = t.year)")
if [ -z "$year" ]; then
	echo "no readings in a year with targets yet: no run, no report"
	exit 0
fi
psql -X -q -v ON_ERROR_STOP=1 -c "CALL scorecard.run_assessment($year)" || exit $?
as_of=$(psql -X -q -At -c "SELECT as_of FROM scorecard.assessment_run ORDER BY run_id DESC LIMIT 1")
out=$(DB=$db bash "$TOP/scripts/report.sh" "$as_of") || exit $?
echo "assessment run of $year as of $as_of stored; the report: $out"
echo "connect: psql \"host=$PGHOST port=$PGPORT dbname=$db user=postgres\" (make demo-stop stops the server)"
