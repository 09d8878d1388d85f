#!/usr/bin/env bash
# Write the HTML progress report (scorecard.progress_report_html) of the demo
# plan at an as-of month to tmp/report-YYYY-MM.html and print its path.
#   bash scripts/report.sh [YYYY-MM-DD]   (default: the latest stored run)
# Uses the demo server and database; loads them (scripts/demo.sh) if the
# server is not running or the database has no plan.
source "$(dirname "$0")/common.sh"

as_of=${1:-${AS_OF:-}}
if [ -n "$as_of" ] && ! [[ $as_of =~ ^[0-9]{4}-[0-9]{2}-[0-9]{2}$ ]]; then
	echo "report: AS_OF must be a date YYYY-MM-DD, not \"$as_of\"" >&2
	exit 2
fi
eval "$(bash "$TOP/scripts/pgserver.sh" env demo)"
export PGDATABASE=scorecard_demo PGCLIENTENCODING=UTF8
loaded() {
	psql -X -q -At -d scorecard_demo -c "SELECT count(*) > 0 FROM scorecard.unit WHERE kind = 'city'" 2>/dev/null | grep -qx t
}
if ! loaded; then
	say "the demo database is not loaded: running make demo first"
	bash "$TOP/scripts/demo.sh" >/dev/null
fi
if [ -z "$as_of" ]; then
	as_of=$(psql -X -q -At -c "SELECT as_of FROM scorecard.assessment_run ORDER BY as_of DESC LIMIT 1")
fi
mkdir -p "$TOP/tmp"
out="$TOP/tmp/report-${as_of:0:7}.html"
psql -X -q -At -v ON_ERROR_STOP=1 -v as_of="$as_of" -o "$out.part" \
	-c "SELECT scorecard.progress_report_html('$as_of'::date)"
mv "$out.part" "$out"
echo "$out"
