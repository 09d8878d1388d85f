#!/usr/bin/env bash
# The main job on the embedded default: a private server, the 2024 plan and
# its generated readings loaded into the reference schema, assessment runs
# (the latest month and the one before), the terminal report printed and the
# HTML report written to tmp/report-YYYY-MM.html.
source "$(dirname "$0")/common.sh"

ensure_packages
build_install
# Listening on 127.0.0.1 too (a port free at start), for BI tools.
PGSERVER_TCP=1 bash "$TOP/scripts/pgserver.sh" start demo
eval "$(bash "$TOP/scripts/pgserver.sh" env demo)"
if [ "$(psql -X -At -d postgres -c 'SHOW listen_addresses')" != 127.0.0.1 ]; then
	# started before it listened on TCP: restart it
	bash "$TOP/scripts/pgserver.sh" stop demo >/dev/null
	PGSERVER_TCP=1 bash "$TOP/scripts/pgserver.sh" start demo
	eval "$(bash "$TOP/scripts/pgserver.sh" env demo)"
fi
export PGDATABASE=scorecard_demo PGCLIENTENCODING=UTF8
psql -X -q -d postgres -c "SET client_min_messages = warning" \
	-c "DROP DATABASE IF EXISTS scorecard_demo" -c "CREATE DATABASE scorecard_demo" \
	-c "ALTER DATABASE scorecard_demo SET search_path = scorecard, public"
say "loading the 2024 plan and its readings, running the assessment"
cd "$TOP"
psql -X -q -P pager=off ${LAST_MONTH:+-v last_month="$LAST_MONTH"} -f data/demo.sql
say "the HTML report (scorecard.progress_report_html), open it in a browser:"
bash "$TOP/scripts/report.sh"
cat <<MSG

The demo server keeps running, on 127.0.0.1 port $PGPORT (local connections
are trusted: a demo, not a deployment; search_path is scorecard, public).
Connect with:
    psql:  psql "host=127.0.0.1 port=$PGPORT dbname=scorecard_demo user=postgres"
    ODBC:  Driver={PostgreSQL Unicode};Server=127.0.0.1;Port=$PGPORT;Database=scorecard_demo;Uid=postgres;Pwd=;
           BoolsAsChar=0;TextAsLongVarchar=0;MaxVarcharSize=4000   (one string: the two lines joined)
    JDBC:  jdbc:postgresql://127.0.0.1:$PGPORT/scorecard_demo?user=postgres
    (then: SELECT * FROM progress_city_latest; SELECT * FROM unit_assessment_latest;
     the views are in schema scorecard; docs/bi.md has the driver settings)
Stop it with: make demo-stop
MSG
