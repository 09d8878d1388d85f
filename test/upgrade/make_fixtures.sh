#!/usr/bin/env bash
# Made the 0.1.0 fixtures in test/upgrade/fixtures-0.1.0/ once, from the
# 0.1.0 library (commit 409344b), not part of `make test`:
#   git worktree add /tmp/sc-010 409344b; build and install it into a private
#   copy of the PostgreSQL tree; start a server on it; then, with PGHOST and
#   PGPORT naming that server:  bash test/upgrade/make_fixtures.sh
# Writes, for each of target, ytd and assessment, the values of values.sql as
# COPY text, COPY binary (send/recv) and the tuples' bytes on disk
# (pageinspect), and the answers of answers.sql.
set -euo pipefail
here=$(cd "$(dirname "$0")" && pwd)
out=$here/fixtures-0.1.0
mkdir -p "$out"
db=scorecard_fixtures
psql -X -q -d postgres -c "DROP DATABASE IF EXISTS $db" -c "CREATE DATABASE $db"
psql -X -q -v ON_ERROR_STOP=1 -d $db -c "CREATE EXTENSION scorecard" -c "CREATE EXTENSION pageinspect" \
	-c "SET search_path = public, scorecard" -f "$here/values.sql"
for t in target ytd assessment; do
	psql -X -q -v ON_ERROR_STOP=1 -d $db -c "SET search_path = public, scorecard" \
		-c "\\copy (SELECT * FROM fx_$t ORDER BY id) TO '$out/$t.txt'" \
		-c "\\copy (SELECT * FROM fx_$t ORDER BY id) TO '$out/$t.bin' (FORMAT binary)" \
		-c "\\copy (SELECT lp, encode(t_data, 'hex') FROM heap_page_items(get_raw_page('fx_$t', 0)) ORDER BY lp) TO '$out/$t.disk'"
done
psql -X -q -At -v ON_ERROR_STOP=1 -d $db -c "SET search_path = public, scorecard" -f "$here/answers.sql" >"$out/answers.txt"
psql -X -q -At -d $db -c "SELECT extversion FROM pg_extension WHERE extname = 'scorecard'" >"$out/VERSION"
psql -X -q -d postgres -c "DROP DATABASE $db"
