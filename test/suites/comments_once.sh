#!/usr/bin/env bash
# Comments are written once, beside what they describe: every COMMENT the
# install scripts of both extensions run (static statements and those a DO
# block makes) is recorded by an event trigger as it is written; no object
# is commented twice, and each installed comment is the one first written
# (no later file overwrites it).  Runs on the test server.
set -uo pipefail
TOP=$(cd "$(dirname "$0")/../.." && pwd)
export PATH=/usr/lib/postgresql/15/bin:$PATH PGCLIENTENCODING=UTF8
source "$TOP/test/tap.sh"
db=scorecard_comments
cleanup() { psql -X -q -d postgres -c "SET client_min_messages = warning" -c "DROP DATABASE IF EXISTS $db" >/dev/null; }
trap cleanup EXIT
cleanup
psql -X -q -d postgres -c "CREATE DATABASE $db" >/dev/null
q() { psql -X -q -At -v ON_ERROR_STOP=1 -d $db -c "$1"; }

psql -X -q -v ON_ERROR_STOP=1 -d $db >/dev/null <<'SQL'
CREATE SCHEMA audit;
CREATE TABLE audit.comment_written (seq bigserial, classid oid, objid oid, objsubid int, txt text);
CREATE FUNCTION audit.log_comment() RETURNS event_trigger LANGUAGE plpgsql AS $$
DECLARE
	c record;
BEGIN
	FOR c IN SELECT * FROM pg_catalog.pg_event_trigger_ddl_commands() WHERE command_tag = 'COMMENT' LOOP
		INSERT INTO audit.comment_written (classid, objid, objsubid, txt)
		SELECT c.classid, c.objid, c.objsubid,
			(SELECT d.description FROM pg_catalog.pg_description d
			 WHERE d.classoid = c.classid AND d.objoid = c.objid AND d.objsubid = c.objsubid);
	END LOOP;
END $$;
CREATE EVENT TRIGGER log_comment ON ddl_command_end WHEN TAG IN ('COMMENT') EXECUTE FUNCTION audit.log_comment();
SET client_min_messages = warning;
CREATE EXTENSION scorecard_plan CASCADE;
SQL
ok $? "both extensions install with every COMMENT recorded as it is written"

[ "$(q "SELECT count(*) > 300 FROM audit.comment_written")" = t ]
ok $? "the install wrote $(q "SELECT count(*) FROM audit.comment_written") comments"

twice=$(q "SELECT pg_catalog.pg_describe_object(classid, objid, objsubid) || ': ' || count(*) || ' times'
	FROM audit.comment_written GROUP BY classid, objid, objsubid HAVING count(*) > 1 ORDER BY 1")
echo "$twice" | grep . | head -50 | sed 's/^/# commented more than once: /'
[ -z "$twice" ]
ok $? "no object is commented twice ($(echo "$twice" | grep -c .) are)"

changed=$(q "SELECT pg_catalog.pg_describe_object(w.classid, w.objid, w.objsubid)
	FROM audit.comment_written w
	WHERE w.seq = (SELECT min(seq) FROM audit.comment_written x
		WHERE (x.classid, x.objid, x.objsubid) = (w.classid, w.objid, w.objsubid))
	  AND w.txt IS DISTINCT FROM (SELECT d.description FROM pg_catalog.pg_description d
		WHERE d.classoid = w.classid AND d.objoid = w.objid AND d.objsubid = w.objsubid)
	ORDER BY 1")
echo "$changed" | grep . | head -50 | sed 's/^/# installed comment is not the one written first: /'
[ -z "$changed" ]
ok $? "each installed comment is the one written beside its object"

# The three the issue found overwritten, as written beside their views.
[ "$(q "SELECT string_agg(pg_catalog.col_description(a.attrelid, a.attnum), ' | ' ORDER BY a.attrelid::regclass::text, a.attname)
	FROM pg_attribute a WHERE (a.attrelid, a.attname) IN (('scorecard.lagging_list_latest'::regclass, 'kind'),
		('scorecard.lagging_list_latest'::regclass, 'status'), ('scorecard.progress_arith_latest'::regclass, 'time_progress'))")" = \
  "target or task | red or yellow | share of the annual target due by the data month (the schedule's, else m/12)" ]
ok $? "lagging_list_latest.kind is 'target or task', its status 'red or yellow'; progress_arith_latest.time_progress is the schedule's share"

echo "1..$n"
exit $failed
