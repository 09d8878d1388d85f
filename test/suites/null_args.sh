#!/usr/bin/env bash
# No argument crashes the server: every function of both extensions that
# is not STRICT (STRICT ones are never called with a NULL) is called with
# all its arguments NULL and with each argument NULL in turn, the others
# set to an ordinary value of their type; each call may return a value or
# raise an error, but the backend must survive.  The list of functions is
# read from the catalog, so a function added later is swept too.
# Runs on the test server.
set -uo pipefail
TOP=$(cd "$(dirname "$0")/../.." && pwd)
export PATH=/usr/lib/postgresql/15/bin:$PATH PGCLIENTENCODING=UTF8
source "$TOP/test/tap.sh"
db=scorecard_null_args
cleanup() { psql -X -q -d postgres -c "SET client_min_messages = warning" -c "DROP DATABASE IF EXISTS $db" >/dev/null; }
trap cleanup EXIT
cleanup
psql -X -q -d postgres -c "CREATE DATABASE $db" >/dev/null
psql -X -q -v ON_ERROR_STOP=1 -d $db -c "SET client_min_messages = warning" -c "CREATE EXTENSION scorecard_plan CASCADE" >/dev/null
ok $? "both extensions installed"

# The calls: an ordinary value per argument type, NULL in each place.
psql -X -q -At -v ON_ERROR_STOP=1 -d $db >"$TOP/tmp/null_args.sql" <<'SQL'
WITH f AS (
	SELECT p.oid, p.oid::regprocedure AS sig, p.proname, n.nspname, p.proargtypes::oid[] AS args
	FROM pg_proc p
	JOIN pg_namespace n ON n.oid = p.pronamespace
	JOIN pg_depend d ON d.classid = 'pg_proc'::regclass AND d.objid = p.oid AND d.deptype = 'e'
	JOIN pg_extension e ON e.oid = d.refobjid AND e.extname IN ('scorecard', 'scorecard_plan')
	WHERE p.prokind = 'f' AND NOT p.proisstrict AND p.prorettype <> 'trigger'::regtype
	  AND NOT 'internal'::regtype = ANY (p.proargtypes::oid[])
), v(type, val) AS (VALUES
	('double precision', '1.5'), ('integer', '1'), ('bigint', '2'), ('boolean', 'true'),
	('date', '''2024-06-30'''), ('text', '''month'''), ('timestamp with time zone', 'now()'),
	('double precision[]', '''{1,2,3,4,5}'''), ('bigint[]', '''{1,0}'''), ('text[]', '''{a,b}'''),
	('target', '''growth >= 7%'''), ('ytd', '''monthly{2024-01:1}'''), ('assessment', 'NULL')
), calls AS (
	SELECT f.sig, k AS null_at,
		pg_catalog.format('SELECT %I.%I(%s);', f.nspname, f.proname, pg_catalog.string_agg(
			CASE WHEN k = 0 OR k = i THEN 'NULL' ELSE coalesce(v.val, 'NULL') END
			|| '::' || pg_catalog.format_type(a, NULL), ', ' ORDER BY i)) AS sql
	FROM f, pg_catalog.generate_series(0, pg_catalog.cardinality(f.args)) k,
		pg_catalog.unnest(f.args) WITH ORDINALITY AS x(a, i)
	LEFT JOIN v ON v.type = pg_catalog.format_type(x.a, NULL)
	GROUP BY f.sig, f.nspname, f.proname, k
)
SELECT pg_catalog.format('\echo call %s', sql) || E'\n' || sql FROM calls ORDER BY sig::text, null_at;
SQL
calls=$(grep -c '^\\echo call' "$TOP/tmp/null_args.sql")
[ "$calls" -gt 100 ]; ok $? "$calls calls generated from the catalog"
out=$(psql -X -q -d $db -f "$TOP/tmp/null_args.sql" 2>&1)
crashed=$(echo "$out" | grep -B3 'server closed the connection unexpectedly' | grep '^call ' | sort -u)
echo "$crashed" | grep . | sed 's/^/# crashed the backend: /'
[ -z "$crashed" ] && psql -X -q -At -d $db -c "SELECT 1" >/dev/null
ok $? "no call crashed the backend"
echo "1..$n"
exit $failed
