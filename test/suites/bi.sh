#!/usr/bin/env bash
# BI connections (docs/bi.md): a private server listening on
# 127.0.0.1 on a port free at start (as `make demo`'s), the demo plan loaded;
# every view of the plan model read through psycopg2, pgJDBC and psqlODBC
# (Debian's packages): each column's type as the driver reports it, every
# row, and every text value (Chinese) byte for byte as psql reads it; the
# type table printed.  JDBC's setString for a target parameter: refused by
# 0.1.0 (no cast from varchar), accepted after the update.
set -uo pipefail
source "$(dirname "$0")/../../scripts/common.sh"
set +e
export PGCLIENTENCODING=UTF8
source "$TOP/test/tap.sh"

PACKAGES="python3-psycopg2 libpostgresql-jdbc-java odbc-postgresql unixodbc python3-pyodbc default-jdk-headless" ensure_packages
name=rel-bi
tmp=$(mktemp -d /tmp/scorecard-bi.XXXXXX)
chmod 755 "$tmp"
frozen="$INST/usr/share/postgresql/15/extension/scorecard--0.1.0.sql"
frozen_placed=""
cleanup() {
	bash "$TOP/scripts/pgserver.sh" stop $name >/dev/null 2>&1; rm -rf "$(server_dir $name)"
	[ -n "${KEEP_TMP:-}" ] || rm -rf "$tmp"
	[ -z "$frozen_placed" ] || rm -f "$frozen"
}
trap cleanup EXIT
PGSERVER_TCP=1 bash "$TOP/scripts/pgserver.sh" start $name fresh
eval "$(bash "$TOP/scripts/pgserver.sh" env $name)"
port=$PGPORT
[ "$(psql -X -At -h 127.0.0.1 -p "$port" -d postgres -c 'SHOW listen_addresses')" = 127.0.0.1 ]
ok $? "the server listens on 127.0.0.1:$port (the first port from $(server_port $name) free at start)"

# A second server asking for the same port gets the next free one.
PGSERVER_TCP=1 bash "$TOP/scripts/pgserver.sh" start ${name}2 fresh >/dev/null 2>&1 &&
	port2=$(eval "$(bash "$TOP/scripts/pgserver.sh" env ${name}2)"; echo "$PGPORT")
bash "$TOP/scripts/pgserver.sh" stop ${name}2 >/dev/null 2>&1; rm -rf "$(server_dir ${name}2)"
[ -n "${port2:-}" ] && [ "$port2" != "$port" ] || [ "$(server_port ${name}2)" != "$(server_port $name)" ]
ok $? "two servers on TCP do not collide ($port and ${port2:-none})"

db=scorecard_bi
psql -X -q -d postgres -c "CREATE DATABASE $db" -c "ALTER DATABASE $db SET search_path = scorecard, public" >/dev/null
(cd "$TOP" && psql -X -q -v ON_ERROR_STOP=1 -d $db -c "SET client_min_messages = warning" \
	-c "CREATE EXTENSION scorecard_plan CASCADE" -c "SET search_path = scorecard, public" \
	-f data/plan.sql -f data/generate.sql -c "CALL run_assessment(2024)" >/dev/null)
ok $? "demo plan loaded and assessed"

# The reference, read by psql: columns and types from the catalog, rows,
# and an MD5 of each view's text values sorted by their bytes.
views=$(psql -X -At -d $db -c "SELECT c.relname FROM pg_class c
	JOIN pg_depend d ON d.classid = 'pg_class'::regclass AND d.objid = c.oid AND d.deptype = 'e'
	JOIN pg_extension e ON e.oid = d.refobjid AND e.extname = 'scorecard_plan'
	WHERE c.relkind = 'v' ORDER BY 1")
for v in $views; do
	psql -X -At -d $db -c "SELECT 'col|$v|' || attname || '|' || format_type(atttypid, atttypmod) FROM pg_attribute
		WHERE attrelid = 'scorecard.$v'::regclass AND attnum > 0 AND NOT attisdropped ORDER BY attnum"
	psql -X -At -d $db -c "SELECT 'rows|$v|' || count(*) FROM scorecard.$v"
	tcols=$(psql -X -At -d $db -c "SELECT string_agg(quote_ident(attname), ', ') FROM pg_attribute
		WHERE attrelid = 'scorecard.$v'::regclass AND attnum > 0 AND atttypid = 'text'::regtype")
	psql -X -At -d $db -c "SELECT 'text|$v|' || count(t) || '|' || md5(coalesce(string_agg(t, E'\n' ORDER BY convert_to(t, 'UTF8')), ''))
		FROM (SELECT unnest(ARRAY[${tcols:-NULL::text}]) t FROM scorecard.$v) s WHERE t IS NOT NULL"
	# numeric values as exact decimals (trailing zeros dropped): what a
	# driver must deliver without loss
	ncols=$(psql -X -At -d $db -c "SELECT string_agg('trim_scale(' || quote_ident(attname) || ')::text', ', ') FROM pg_attribute
		WHERE attrelid = 'scorecard.$v'::regclass AND attnum > 0 AND atttypid = 'numeric'::regtype")
	psql -X -At -d $db -c "SELECT 'num|$v|' || count(t) || '|' || md5(coalesce(string_agg(t, E'\n' ORDER BY convert_to(t, 'UTF8')), ''))
		FROM (SELECT unnest(ARRAY[${ncols:-NULL::text}]) t FROM scorecard.$v) s WHERE t IS NOT NULL"
done >"$tmp/reference"
nviews=$(echo $views | wc -w)
[ "$nviews" -ge 7 ] && grep -q '邵阳' <(psql -X -At -d $db -c "SELECT unit_zh FROM scorecard.unit_assessment_latest UNION ALL SELECT indicator_zh FROM scorecard.progress_city_latest")
ok $? "$nviews views to read; the demo's text is Chinese (邵阳...)"

# psycopg2
/usr/bin/python3 "$TOP/test/bi/drivers.py" psycopg2 "host=127.0.0.1 port=$port dbname=$db user=postgres" $views >"$tmp/psycopg2" 2>"$tmp/psycopg2.err"
ok $? "psycopg2 reads every view over TCP"
# psqlODBC, Unicode driver, with the settings of docs/bi.md
odbc="Driver={PostgreSQL Unicode};Server=127.0.0.1;Port=$port;Database=$db;Uid=postgres;Pwd=;BoolsAsChar=0;TextAsLongVarchar=0;MaxVarcharSize=4000"
/usr/bin/python3 "$TOP/test/bi/drivers.py" odbc "$odbc" $views >"$tmp/psqlodbc" 2>"$tmp/psqlodbc.err"
ok $? "psqlODBC (PostgreSQL Unicode) reads every view"
# pgJDBC
mkdir -p "$tmp/java"
javac -d "$tmp/java" "$TOP/test/bi/ViewTypes.java" 2>"$tmp/javac.err"
ok $? "javac ViewTypes.java"
jdbc="jdbc:postgresql://127.0.0.1:$port/$db?user=postgres"
java -cp "$tmp/java:/usr/share/java/postgresql.jar" ViewTypes "$jdbc" views $views >"$tmp/pgjdbc" 2>"$tmp/pgjdbc.err"
ok $? "pgJDBC $(unzip -p /usr/share/java/postgresql.jar META-INF/MANIFEST.MF 2>/dev/null | sed -n 's/^Implementation-Version: //p' | tr -d '\r') reads every view"
for d in psycopg2 psqlodbc pgjdbc; do [ -s "$tmp/$d.err" ] && sed 's/^/# /' "$tmp/$d.err" | head -5; done

/usr/bin/python3 "$TOP/test/bi/check.py" "$n" "$tmp/reference" psycopg2="$tmp/psycopg2" pgjdbc="$tmp/pgjdbc" psqlodbc="$tmp/psqlodbc" 2>"$tmp/check.n"
[ $? = 0 ] || failed=1
n=$(tail -1 "$tmp/check.n")

# psqlODBC's defaults: why docs/bi.md asks for BoolsAsChar=0 and TextAsLongVarchar=0.
/usr/bin/python3 "$TOP/test/bi/drivers.py" odbc "Driver={PostgreSQL Unicode};Server=127.0.0.1;Port=$port;Database=$db;Uid=postgres;Pwd=" \
	unit_scores_latest >"$tmp/odbc-defaults" 2>&1
grep -q '^col|unit_scores_latest|met|SQL_VARCHAR bool|str$' "$tmp/odbc-defaults" &&
	grep -q '^col|unit_scores_latest|unit_zh|SQL_WLONGVARCHAR text|str$' "$tmp/odbc-defaults"
ok $? "psqlODBC defaults describe booleans as strings ('1'/'0') and text as long varchar (memo): the settings matter"

# JDBC setString for a target parameter: 0.1.0 had no cast, 0.2.0 has.
# The frozen 0.1.0 install script is not installed (docs/development.md "Versions and
# upgrades"): placed in the private tree for this check only.
[ -e "$frozen" ] || { cp "$TOP/versions/scorecard--0.1.0.sql.frozen" "$frozen" && frozen_placed=1; }
psql -X -q -d postgres -c "CREATE DATABASE ${db}_old" >/dev/null
psql -X -q -d ${db}_old -c "CREATE EXTENSION scorecard VERSION '0.1.0'" -c "ALTER DATABASE ${db}_old SET search_path = scorecard, public" >/dev/null
out=$(java -cp "$tmp/java:/usr/share/java/postgresql.jar" ViewTypes "jdbc:postgresql://127.0.0.1:$port/${db}_old?user=postgres" setstring)
echo "# 0.1.0: $out"
[ "$(psql -X -At -d ${db}_old -c "SELECT extversion FROM pg_extension WHERE extname = 'scorecard'")" = 0.1.0 ] &&
	echo "$out" | grep -q '^setstring|error|42883|ERROR: function target_met(character varying, double precision) does not exist'
ok $? "0.1.0: setString for a target fails (42883, no target_met(character varying, ...))"
psql -X -q -d ${db}_old -c "ALTER EXTENSION scorecard UPDATE" >/dev/null 2>&1
out=$(java -cp "$tmp/java:/usr/share/java/postgresql.jar" ViewTypes "jdbc:postgresql://127.0.0.1:$port/${db}_old?user=postgres" setstring)
echo "# $(cat "$TOP/VERSION"): $out"
[ "$out" = "setstring|ok|true|-1.5" ]
ok $? "after the update (casts from text and varchar): target_met('growth >= 7%', 7.5) is true, target_gap(.., 5.5) is -1.5"

echo "1..$n"
exit $failed
