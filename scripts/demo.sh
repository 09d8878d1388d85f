#!/usr/bin/env bash
# The main job on the embedded default: a private server, the 2024 plan and
# its generated readings loaded into the reference schema, assessment runs
# (the latest month and the one before), the terminal report printed and the
# HTML report written to tmp/report-YYYY-MM.html.
source "$(dirname "$0")/common.sh"

ensure_packages
build_install
bash "$TOP/scripts/pgserver.sh" start demo
eval "$(bash "$TOP/scripts/pgserver.sh" env demo)"
export PGDATABASE=scorecard_demo PGCLIENTENCODING=UTF8
psql -X -q -d postgres -c "SET client_min_messages = warning" \
	-c "DROP DATABASE IF EXISTS scorecard_demo" -c "CREATE DATABASE scorecard_demo"
say "loading the 2024 plan and its readings, running the assessment"
cd "$TOP"
psql -X -q -P pager=off ${LAST_MONTH:+-v last_month="$LAST_MONTH"} -f data/demo.sql
say "the HTML report (scorecard.progress_report_html), open it in a browser:"
bash "$TOP/scripts/report.sh"
cat <<MSG

The demo server keeps running. Connect with:
    psql -h $PGHOST -p $PGPORT -U postgres scorecard_demo
    (then: SET search_path = scorecard, public;
     SELECT * FROM progress_city_latest; SELECT * FROM unit_assessment_latest;)
Stop it with: make demo-stop
MSG
