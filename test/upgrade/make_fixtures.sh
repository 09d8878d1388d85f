#!/usr/bin/env bash
# Made the 0.1.0 fixtures in test/upgrade/fixtures-0.1.0/ once, from the
# 0.1.0 library (commit 409344b), not part of `make test`:
#   git worktree add /tmp/sc-010 409344b; build and install it into a private
#   copy of the PostgreSQL tree; start a server on it; then, with PGHOST and
#   PGPORT naming that server:  bash test/upgrade/make_fixtures.sh
# Writes, for each of target, ytd and assessment, the values of values.sql as
# COPY text, COPY binary (send/recv) and the tuples' bytes on disk
# (pageinspect), and the answers of answers.sql.
# The 0.2.0 fixtures were made the same way from release 0.2.0 (commit
# c6b13ce) with `bash test/upgrade/make_fixtures.sh 0.2.0`, which also
# writes the ytd values of values-0.2.0.sql (table fx_ytd_sum) and their
# answers (ytd_sum.answers).
set -euo pipefail
here=$(cd "$(dirname "$0")" && pwd)
ver=${1:-0.1.0}
out=$here/fixtures-$ver
mkdir -p "$out"
db=scorecard_fixtures
psql -X -q -d postgres -c "DROP DATABASE IF EXISTS $db" -c "CREATE DATABASE $db"
psql -X -q -v ON_ERROR_STOP=1 -d $db -c "CREATE EXTENSION scorecard" -c "CREATE EXTENSION pageinspect" \
	-c "SET search_path = public, scorecard" -f "$here/values.sql"
tables="target ytd assessment"
if [ "$ver" != 0.1.0 ]; then
	psql -X -q -v ON_ERROR_STOP=1 -d $db -c "SET search_path = public, scorecard" -f "$here/values-$ver.sql"
	tables="$tables ytd_sum"
	psql -X -q -At -v ON_ERROR_STOP=1 -d $db -c "SET search_path = public, scorecard" -c "SET extra_float_digits = 1" \
		-c "SELECT id, ytd_value(v, '2023-01-31'), ytd_value(v, '2024-01-31'), ytd_growth(v, '2024-01-31'),
			ytd_value(v, '2023-03-31'), ytd_growth(v, '2024-03-31'), ytd_month_value(v, '2024-03-31')
			FROM fx_ytd_sum ORDER BY id" >"$out/ytd_sum.answers"
fi
for t in $tables; do
	psql -X -q -v ON_ERROR_STOP=1 -d $db -c "SET search_path = public, scorecard" \
		-c "\\copy (SELECT * FROM fx_$t ORDER BY id) TO '$out/$t.txt'" \
		-c "\\copy (SELECT * FROM fx_$t ORDER BY id) TO '$out/$t.bin' (FORMAT binary)" \
		-c "\\copy (SELECT lp, encode(t_data, 'hex') FROM heap_page_items(get_raw_page('fx_$t', 0)) ORDER BY lp) TO '$out/$t.disk'"
done
psql -X -q -At -v ON_ERROR_STOP=1 -d $db -c "SET search_path = public, scorecard" -f "$here/answers.sql" >"$out/answers.txt"
psql -X -q -At -d $db -c "SELECT extversion FROM pg_extension WHERE extname = 'scorecard'" >"$out/VERSION"
psql -X -q -d postgres -c "DROP DATABASE $db"
