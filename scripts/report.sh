#!/usr/bin/env bash
# Write the HTML progress report (scorecard.progress_report_html) of a plan
# at an as-of month to tmp/report-[DB-]YYYY-MM[-AREA].html and print its path.
#   bash scripts/report.sh [AS_OF]     AS_OF: a month or date as people write
#                                      it (2024-06-30, 2024年6月, 2024-6);
#                                      default: the latest stored run
#   DB=my_plan AREA=北河县 bash scripts/report.sh ...
# DB: a database on the demo server (default: the demo's, scorecard_demo,
# loaded by scripts/demo.sh when it is not); AREA: the unit reported, by
# id or Chinese name (default: the top of the plan).
source "$(dirname "$0")/common.sh"

as_of=${1:-${AS_OF:-}}
db=${DB:-scorecard_demo}
area=${AREA:-}
eval "$(bash "$TOP/scripts/pgserver.sh" env demo)"
export PGDATABASE=$db PGCLIENTENCODING=UTF8
if [ "$db" = scorecard_demo ]; then
	loaded() {
		psql -X -q -At -c "SELECT count(*) > 0 FROM scorecard.unit WHERE kind = 'city'" 2>/dev/null | grep -qx t
	}
	if ! loaded; then
		say "the demo database is not loaded: running make demo first"
		bash "$TOP/scripts/demo.sh" >/dev/null
	fi
fi
# the as-of date: the month's last day as the plan reads a month (22007
# saying how to write one), else the latest run
if [ -n "$as_of" ]; then
	as_of=$(psql -X -q -At -v ON_ERROR_STOP=1 -v m="$as_of" <<<"SELECT scorecard.month_end_of(:'m')") || exit 2
else
	as_of=$(psql -X -q -At -v ON_ERROR_STOP=1 -c "SELECT as_of FROM scorecard.assessment_run ORDER BY as_of DESC LIMIT 1") || exit 2
	[ -n "$as_of" ] || { echo "report: no run is stored in $db; give AS_OF (a month such as 2024-06)" >&2; exit 2; }
fi
mkdir -p "$TOP/tmp"
name="report"
[ "$db" = scorecard_demo ] || name="$name-$db"
name="$name-${as_of:0:7}"
[ -z "$area" ] || name="$name-$area"
out="$TOP/tmp/$name.html"
psql -X -q -At -v ON_ERROR_STOP=1 -v as_of="$as_of" -v area="$area" -o "$out.part" \
	<<<"SELECT scorecard.progress_report_html(:'as_of'::date, nullif(:'area', ''))" || { rm -f "$out.part"; exit 1; }
mv "$out.part" "$out"
echo "$out"
