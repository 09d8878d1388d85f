#!/usr/bin/env bash
# A hostile database owner (mallory: not a superuser, owns the database and
# so, in PG 15, its schema public) prepares traps before a superuser
# installs the extension:
#   A. she creates schema scorecard and puts built-in look-alikes in it
#      (btrim(text), date_trunc(text, date)) and in public;
#   B. she leaves scorecard alone but plants look-alikes in public, the
#      default schema of the types extension, on every pinned search_path;
#   C. the safe recipe: the types in a schema only superusers can write;
#      she cannot add anything to the path after the install either;
#   D, E. the default install; CREATE on public granted to her later: she
#      plants look-alikes (E: generated from every name the installed SQL
#      calls) and a superuser loads the demo, runs and renders the report.
# Each trap function logs its call (as whoever runs it) and tries to make
# mallory a superuser.  Afterwards: no role but postgres has rolsuper, the
# log is empty, and each install either refused (42501) or succeeded with
# none of her code bound into it.  Runs on the test server (PGHOST/PGPORT).
set -uo pipefail
TOP=$(cd "$(dirname "$0")/../.." && pwd)
export PATH=/usr/lib/postgresql/15/bin:$PATH PGCLIENTENCODING=UTF8
source "$TOP/test/tap.sh"
sq() { psql -X -q -At -v ON_ERROR_STOP=1 -U postgres "$@"; }
cleanup() {
	for d in hostile_a hostile_b hostile_c hostile_d hostile_e hostile_f hostile_g hostile_h; do
		psql -X -q -U postgres -d postgres -c "SET client_min_messages = warning" -c "DROP DATABASE IF EXISTS $d" >/dev/null
	done
	psql -X -q -U postgres -d postgres -c "SET client_min_messages = warning" -c "DROP ROLE IF EXISTS mallory" >/dev/null
}
trap cleanup EXIT
cleanup
sq -d postgres -c "CREATE ROLE mallory LOGIN CREATEDB" || exit 1

# The traps, created by mallory in schema $1 of database $2: look-alikes of
# built-ins that the extension calls with arguments needing an implicit
# cast (so a better match wins when her schema is on the path), and exact
# signatures (which win where her schema comes before pg_catalog).
plant() {
	psql -X -q -v ON_ERROR_STOP=1 -U mallory -d "$2" <<SQL
CREATE TABLE IF NOT EXISTS public.trap_log (fn text, run_as text, at timestamptz DEFAULT clock_timestamp());
GRANT INSERT, SELECT ON public.trap_log TO PUBLIC;
CREATE FUNCTION $1.sprung(fn text) RETURNS void LANGUAGE plpgsql AS \$\$
BEGIN
	INSERT INTO public.trap_log (fn, run_as) VALUES (fn, current_user);
	BEGIN
		ALTER ROLE mallory SUPERUSER;
	EXCEPTION WHEN insufficient_privilege THEN NULL;
	END;
END \$\$;
CREATE FUNCTION $1.btrim(s text) RETURNS text LANGUAGE plpgsql AS
	\$\$ BEGIN PERFORM $1.sprung('btrim'); RETURN pg_catalog.btrim(s); END \$\$;
CREATE FUNCTION $1.date_trunc(f text, d date) RETURNS timestamp LANGUAGE plpgsql AS
	\$\$ BEGIN PERFORM $1.sprung('date_trunc'); RETURN pg_catalog.date_trunc(f, d::timestamp); END \$\$;
CREATE FUNCTION $1.abs(x float8) RETURNS float8 LANGUAGE plpgsql AS
	\$\$ BEGIN PERFORM $1.sprung('abs'); RETURN pg_catalog.abs(x); END \$\$;
CREATE FUNCTION $1.make_date(y numeric, m int, d int) RETURNS date LANGUAGE plpgsql AS
	\$\$ BEGIN PERFORM $1.sprung('make_date'); RETURN pg_catalog.make_date(y::int, m, d); END \$\$;
CREATE FUNCTION $1.num_eq_int(a numeric, b int) RETURNS boolean LANGUAGE plpgsql AS
	\$\$ BEGIN PERFORM $1.sprung('numeric = int'); RETURN a = b::numeric; END \$\$;
CREATE OPERATOR $1.= (LEFTARG = numeric, RIGHTARG = int, FUNCTION = $1.num_eq_int);
CREATE FUNCTION $1.f8_ge_int(a float8, b int) RETURNS boolean LANGUAGE plpgsql AS
	\$\$ BEGIN PERFORM $1.sprung('float8 >= int'); RETURN a >= b::float8; END \$\$;
CREATE OPERATOR $1.>= (LEFTARG = float8, RIGHTARG = int, FUNCTION = $1.f8_ge_int);
CREATE FUNCTION $1.readings(t text) RETURNS SETOF record LANGUAGE plpgsql AS
	\$\$ BEGIN PERFORM $1.sprung('readings'); END \$\$;
SQL
}
# Nothing of hers ran, and she is no superuser.
clean() {
	[ "$(sq -d "$1" -c "SELECT count(*) FROM public.trap_log")" = 0 ] &&
		[ "$(sq -d postgres -c "SELECT string_agg(rolname, ',') FROM pg_roles WHERE rolsuper")" = postgres ]
}

# Use the plan as a superuser whose own search_path has public first (when
# the install went through): readings through the loader and by INSERT
# (constraints), a run, the views.
exercise() {
	psql -X -q -At -U postgres -d "$1" -c "SET search_path = public, scorecard, scorecard_types" -f - <<'SQL'
INSERT INTO scorecard.unit (unit_id, name_zh, name_en, kind, parent_id) VALUES
	('c', '市', 'City', 'city', NULL), ('a', '甲县', 'County A', 'county', 'c');
INSERT INTO scorecard.indicator (indicator_id, code, name_zh, name_en, nature) VALUES (1, 'sales', '零售', 'retail sales', 'flow');
INSERT INTO scorecard.plan_target (indicator_id, unit_id, year, target, weight) VALUES (1, 'a', 2024, 'growth >= 7%', 10);
SELECT scorecard.begin_load();
INSERT INTO pg_temp.reading_staging (indicator, unit, month, value) VALUES
	(' sales', 'a ', '2023-01', '10'), ('sales', 'a', '2024-01', '11');
SELECT * FROM scorecard.check_readings();
SELECT * FROM scorecard.load_readings();
CALL scorecard.run_assessment(2024);
SELECT count(*) FROM scorecard.progress_latest;
SELECT count(*) FROM scorecard.unit_assessment_latest;
SELECT count(*) FROM scorecard.assessment_run_ranking;
SELECT count(*) FROM scorecard.reading_current;
INSERT INTO scorecard.reading (indicator_id, unit_id, month, value) VALUES (1, 'a', '2024-02-01', 12);
SQL
}
installed() { [ "$(sq -d "$1" -c "SELECT count(*) FROM pg_extension WHERE extname = 'scorecard_plan'")" = 1 ]; }

# A: her own schema scorecard, with traps, and traps in public.
sq -d postgres -c "CREATE DATABASE hostile_a OWNER mallory"
psql -X -q -v ON_ERROR_STOP=1 -U mallory -d hostile_a -c "CREATE SCHEMA scorecard"
plant scorecard hostile_a >/dev/null && plant public hostile_a >/dev/null
ok $? "A: mallory created schema scorecard with look-alikes of btrim, date_trunc, abs, =, >=, and the same in public"
out=$(psql -X -q -U postgres -d hostile_a -v VERBOSITY=verbose -c "CREATE EXTENSION scorecard_plan CASCADE" 2>&1)
echo "$out" | sed 's/^/# /' | head -4
echo "$out" | grep -q '42501' && echo "$out" | grep -q 'schema scorecard'
ok $? "A: the install refuses with 42501, naming schema scorecard"
[ "$(sq -d hostile_a -c "SELECT count(*) FROM pg_extension WHERE extname LIKE 'scorecard%'")" = 0 ]
ok $? "A: nothing installed (not even the types: one transaction)"
installed hostile_a && exercise hostile_a >/dev/null 2>&1
clean hostile_a
ok $? "A: none of her code ran; postgres is the only superuser"

# A2: an empty schema scorecard of hers is refused as well (she could add
# objects to it after the install).
psql -X -q -U mallory -d hostile_a -c "SET client_min_messages = warning" -c "DROP SCHEMA scorecard CASCADE" -c "CREATE SCHEMA scorecard"
out=$(psql -X -q -U postgres -d hostile_a -v VERBOSITY=verbose -c "CREATE EXTENSION scorecard SCHEMA pg_catalog" \
	-c "CREATE EXTENSION scorecard_plan" 2>&1)
echo "$out" | sed 's/^/# /' | grep -m2 'ERROR\|HINT'
echo "$out" | grep -q '42501' && echo "$out" | grep -q 'schema scorecard can be written by roles that are not superusers: mallory'
ok $? "A2: her empty schema scorecard is refused (42501, names her)"
installed hostile_a && exercise hostile_a >/dev/null 2>&1
clean hostile_a
ok $? "A2: none of her code ran"

# B: no schema scorecard, traps in public (hers: she owns the database).
sq -d postgres -c "CREATE DATABASE hostile_b OWNER mallory"
plant public hostile_b >/dev/null
ok $? "B: mallory planted look-alikes in public"
out=$(psql -X -q -U postgres -d hostile_b -v VERBOSITY=verbose -c "CREATE EXTENSION scorecard_plan CASCADE" 2>&1)
echo "$out" | sed 's/^/# /' | grep -m3 'ERROR\|HINT'
echo "$out" | grep -q '42501' && echo "$out" | grep -q 'schema public can be written by roles that are not superusers: mallory' &&
	echo "$out" | grep -q 'CREATE EXTENSION scorecard SCHEMA scorecard_types'
ok $? "B: the install refuses with 42501, naming public and mallory, with the safe recipe as hint"
[ "$(sq -d hostile_b -c "SELECT count(*) FROM pg_namespace WHERE nspname = 'scorecard'")" = 0 ]
ok $? "B: schema scorecard is gone with the failed install"
installed hostile_b && exercise hostile_b >/dev/null 2>&1
clean hostile_b
ok $? "B: none of her code ran"

# B2: a superuser takes CREATE on public away from her, but her functions
# stay: still refused.
sq -d hostile_b -c "ALTER SCHEMA public OWNER TO postgres" -c "REVOKE CREATE ON SCHEMA public FROM PUBLIC"
out=$(psql -X -q -U postgres -d hostile_b -c "CREATE EXTENSION scorecard_plan CASCADE" 2>&1)
echo "$out" | sed 's/^/# /' | grep -m1 'ERROR'
echo "$out" | grep -q 'holds functions or operators of roles that are not superusers: .*btrim'
ok $? "B2: public no longer hers but holding her functions: refused, naming them"

# C: the safe recipe, in a database she owns with her traps in public.
sq -d postgres -c "CREATE DATABASE hostile_c OWNER mallory"
plant public hostile_c >/dev/null
sq -d hostile_c -c "SET client_min_messages = warning" -c "CREATE SCHEMA scorecard_types" \
	-c "CREATE EXTENSION scorecard SCHEMA scorecard_types" -c "CREATE EXTENSION scorecard_plan"
ok $? "C: the safe recipe installs (types in scorecard_types, owned by postgres)"
[ "$(sq -d hostile_c -c "SELECT count(*) FROM pg_proc p WHERE p.pronamespace = 'scorecard'::regnamespace
	AND p.proconfig IS NOT NULL AND NOT (p.proconfig @> ARRAY['search_path=pg_catalog, scorecard, scorecard_types, pg_temp'])")" = 0 ]
ok $? "C: every pinned search_path is pg_catalog, scorecard, scorecard_types, pg_temp"
defs=$(sq -d hostile_c -c "SELECT string_agg(pg_get_constraintdef(c.oid), ' ') FROM pg_constraint c
	WHERE c.connamespace = 'scorecard'::regnamespace AND c.contype = 'c'")
! echo "$defs" | grep -q 'public\.'
ok $? "C: no constraint is bound to public's look-alikes"
exercise hostile_c >/dev/null
ok $? "C: loader, run and views used with public first on the caller's path"
[ "$(sq -d hostile_c -c "SELECT count(*) FROM scorecard.assessment_run_item WHERE points IS NOT NULL")" = 1 ]
ok $? "C: the run scored the unit (the calls above did work)"
clean hostile_c
ok $? "C: none of her code ran; postgres is the only superuser"
out=$(psql -X -q -U mallory -d hostile_c -c "CREATE FUNCTION scorecard.btrim(text) RETURNS text LANGUAGE sql AS 'SELECT 1::text'" \
	-c "CREATE FUNCTION scorecard_types.btrim(text) RETURNS text LANGUAGE sql AS 'SELECT 1::text'" 2>&1)
[ "$(echo "$out" | grep -c 'permission denied for schema')" = 2 ]
ok $? "C: after the install she cannot add anything to schema scorecard or scorecard_types"

# D: the default install (types in public, which in PG 15 only its owner
# may write); later a superuser grants CREATE on public to mallory.  Her
# look-alikes of operators that pg_catalog has only for other argument
# types (bigint || text, float8 > int) would then win over the built-ins
# wherever the extension leaves an operator unqualified on such arguments.
for d in hostile_d; do psql -X -q -U postgres -d postgres -c "SET client_min_messages = warning" -c "DROP DATABASE IF EXISTS $d" >/dev/null; done
sq -d postgres -c "CREATE DATABASE hostile_d" &&
	sq -d hostile_d -c "SET client_min_messages = warning" -c "CREATE EXTENSION scorecard_report CASCADE" &&
	sq -d hostile_d -c "GRANT CREATE ON SCHEMA public TO mallory"
ok $? "D: installed with the types in public; CREATE on public granted to mallory afterwards"
plant public hostile_d >/dev/null && psql -X -q -v ON_ERROR_STOP=1 -U mallory -d hostile_d >/dev/null <<'SQL'
CREATE FUNCTION public.int8_cat_text(a bigint, b text) RETURNS text LANGUAGE plpgsql AS
	$$ BEGIN PERFORM public.sprung('bigint || text'); RETURN a::text || b; END $$;
CREATE OPERATOR public.|| (LEFTARG = bigint, RIGHTARG = text, FUNCTION = public.int8_cat_text);
CREATE FUNCTION public.f8_gt_int(a float8, b int) RETURNS boolean LANGUAGE plpgsql AS
	$$ BEGIN PERFORM public.sprung('float8 > int'); RETURN a > b::float8; END $$;
CREATE OPERATOR public.> (LEFTARG = float8, RIGHTARG = int, FUNCTION = public.f8_gt_int);
SQL
ok $? "D: mallory planted look-alikes of ||, >, =, >= and functions in public"
exercise hostile_d >/dev/null &&
	[ "$(sq -d hostile_d -c "SET search_path = public, scorecard" -c "SELECT length(scorecard.progress_report_html('2024-01-31')) > 1000")" = t ]
ok $? "D: loader, run, views and the HTML report used"
log=$(sq -d hostile_d -c "SELECT string_agg(DISTINCT fn, ', ') FROM public.trap_log")
[ -z "$log" ] || echo "# her code ran: $log"
clean hostile_d
ok $? "D: none of her code ran; postgres is the only superuser"
psql -X -q -U postgres -d postgres -c "SET client_min_messages = warning" -c "DROP DATABASE IF EXISTS hostile_d" >/dev/null

# E: the default install (CREATE EXTENSION scorecard_report CASCADE: the plan
# model and the report); later
# a superuser grants CREATE on public to mallory.  She plants look-alikes of
# every function, aggregate and operator name the installed SQL of both
# extensions calls, generated from the installed bodies and view definitions
# with the argument types of the built-ins of those names and every type
# that casts to them implicitly (test/hostile/plant_lookalikes.sql).  Then
# the superuser loads the demo as make demo does (its database's search_path
# scorecard, public; data/demo.sql), runs an assessment and renders the HTML
# report with public first on the path: none of her look-alikes runs.
sq -d postgres -c "CREATE DATABASE hostile_e" &&
	sq -d hostile_e -c "SET client_min_messages = warning" -c "CREATE EXTENSION scorecard_report CASCADE" &&
	sq -d hostile_e -c "ALTER DATABASE hostile_e SET search_path = scorecard, public" \
		-c "GRANT CREATE ON SCHEMA public TO mallory" -c "GRANT USAGE ON SCHEMA scorecard TO mallory"
ok $? "E: the default install; CREATE on public (and USAGE on scorecard, as a county's analyst has) granted to mallory afterwards"
counts=$(psql -X -q -At -v ON_ERROR_STOP=1 -U mallory -d hostile_e -f "$TOP/test/hostile/plant_lookalikes.sql" 2>&1)
rc=$?
echo "$counts" | sed 's/^/# /'
[ $rc = 0 ] && [ "$(echo "$counts" | sed -n 's/^functions planted: //p')" -gt 500 ] &&
	[ "$(echo "$counts" | sed -n 's/^aggregates planted: //p')" -gt 20 ] &&
	[ "$(echo "$counts" | sed -n 's/^operators planted: //p')" -gt 300 ]
ok $? "E: mallory planted look-alikes generated from the installed SQL"
psql -X -q -At -U postgres -d hostile_e -c "SELECT p.oid::regprocedure::text FROM pg_proc p WHERE p.pronamespace = 'public'::regnamespace
	AND p.oid::regprocedure::text IN ('unnest(text[])', 'max(double precision[])', 'format(text,numeric)', 'array_to_string(date[],text)')
	UNION ALL SELECT o.oid::regoperator::text FROM pg_operator o WHERE o.oprnamespace = 'public'::regnamespace
	AND o.oid::regoperator::text IN ('*(double precision,integer)', '*(integer,double precision)', '*(numeric,integer)', '*(integer,numeric)')" |
	sort | tr '\n' ' ' | grep -qx '\*(double precision,integer) \*(integer,double precision) \*(integer,numeric) \*(numeric,integer) array_to_string(date\[\],text) format(text,numeric) max(double precision\[\]) unnest(text\[\]) '
ok $? "E: among them the issue's unnest(text[]), max(float8[]), format(text, numeric), array_to_string(date[], text), * of float8 and numeric with int"
out=$(cd "$TOP" && psql -X -q -v ON_ERROR_STOP=1 -U postgres -d hostile_e -f data/demo.sql 2>&1 >/dev/null)
rc=$?
sprung=$(echo "$out" | grep -c 'trap sprung')
echo "$out" | grep -m5 'ERROR\|trap' | sed 's/^/# /'
[ $rc = 0 ]
ok $? "E: the superuser loaded the demo (data/demo.sql)"
# (the suite's own queries: with only pg_catalog on the path, whatever the
# database's search_path says)
sqe() { sq -d hostile_e -c "SET search_path = pg_catalog, pg_temp" "$@"; }
as_of=$(sqe -c "SELECT max(as_of) FROM scorecard.assessment_run")
out=$(psql -X -q -At -v ON_ERROR_STOP=1 -U postgres -d hostile_e -c "SET search_path = public, scorecard" \
	-c "CALL scorecard.run_assessment(2024, date '$as_of')" \
	-c "SELECT pg_catalog.length(scorecard.progress_report_html(date '$as_of')) OPERATOR(pg_catalog.>) 10000" 2>&1)
rc=$?
sprung=$((sprung + $(echo "$out" | grep -c 'trap sprung')))
echo "$out" | grep -m5 'ERROR\|trap' | sed 's/^/# /'
[ $rc = 0 ] && [ "$(echo "$out" | tail -1)" = t ]
ok $? "E: a run and the HTML report as of $as_of, with public first on the superuser's path"
log=$(sqe -c "SELECT count(*) || ' calls: ' || coalesce(string_agg(DISTINCT fn, ', '), '') FROM public.trap_log")
[ "$log" = "0 calls: " ] || echo "# her code ran: ${log:0:600}"
# (a call in a statement that failed is rolled back from the log: the
# warnings each call raised count as well)
[ "$sprung" = 0 ] || echo "# $sprung warnings of her code running"
[ "$sprung" = 0 ] && clean hostile_e
ok $? "E: none of her look-alikes ran; postgres is the only superuser"
psql -X -q -U postgres -d postgres -c "SET client_min_messages = warning" -c "DROP DATABASE IF EXISTS hostile_e" >/dev/null

# F: the report extension over a plan model installed by the safe recipe,
# after a superuser granted CREATE on schema scorecard to mallory: its
# install guard refuses (42501, naming her) and creates nothing; once the
# grant is revoked it installs.
for d in hostile_f; do psql -X -q -U postgres -d postgres -c "SET client_min_messages = warning" -c "DROP DATABASE IF EXISTS $d" >/dev/null; done
sq -d postgres -c "CREATE DATABASE hostile_f" &&
	sq -d hostile_f -c "SET client_min_messages = warning" -c "CREATE SCHEMA scorecard_types" \
		-c "CREATE EXTENSION scorecard SCHEMA scorecard_types" -c "CREATE EXTENSION scorecard_plan" \
		-c "GRANT CREATE ON SCHEMA scorecard TO mallory"
out=$(psql -X -q -U postgres -d hostile_f -v VERBOSITY=verbose -c "\\set VERBOSITY verbose" -c "CREATE EXTENSION scorecard_report" 2>&1)
echo "$out" | grep -E 'ERROR|HINT' | sed 's/^/# /'
grep -q '42501' <<<"$out" && grep -q 'schema scorecard can be written by roles that are not superusers: mallory' <<<"$out" &&
	[ "$(sq -d hostile_f -c "SELECT count(*) FROM pg_extension WHERE extname = 'scorecard_report'") $(sq -d hostile_f -c "SELECT to_regprocedure('scorecard.progress_report_html(date,text)') IS NULL")" = "0 t" ]
ok $? "F: CREATE EXTENSION scorecard_report refuses a schema scorecard mallory may write (42501), creating nothing"
sq -d hostile_f -c "REVOKE CREATE ON SCHEMA scorecard FROM mallory" -c "SET client_min_messages = warning" -c "CREATE EXTENSION scorecard_report" \
		-c "INSERT INTO scorecard.unit (unit_id, name_zh, name_en, kind) VALUES ('c', '市', 'City', 'city')" &&
	[ "$(sq -d hostile_f -c "SELECT left(scorecard.progress_report_html('2024-01-31'), 15)")" = '<!DOCTYPE html>' ]
ok $? "F: once the grant is revoked it installs, and its pinned functions find the types in their own schema"
psql -X -q -U postgres -d postgres -c "SET client_min_messages = warning" -c "DROP DATABASE IF EXISTS hostile_f" >/dev/null

# G: the types extension alone (as a Citus worker or a database that only
# computes installs it), into public after CREATE on public was granted to
# mallory, who planted operators that an unqualified constant expression
# of the install script would match better than the built-ins (numeric /
# int for a default of 10.0 / 3, numeric * int, float8 / int): none is
# bound into the install, and calling the functions with their defaults
# runs none of them.
psql -X -q -U postgres -d postgres -c "SET client_min_messages = warning" -c "DROP DATABASE IF EXISTS hostile_g" >/dev/null
sq -d postgres -c "CREATE DATABASE hostile_g" && sq -d hostile_g -c "GRANT CREATE ON SCHEMA public TO mallory" &&
psql -X -q -v ON_ERROR_STOP=1 -U mallory -d hostile_g >/dev/null <<'SQL'
CREATE TABLE public.trap_log (fn text, run_as text);
GRANT INSERT, SELECT ON public.trap_log TO PUBLIC;
CREATE FUNCTION public.sprung(fn text) RETURNS void LANGUAGE plpgsql AS $$
BEGIN
	INSERT INTO public.trap_log VALUES (fn, current_user);
	BEGIN ALTER ROLE mallory SUPERUSER; EXCEPTION WHEN insufficient_privilege THEN NULL; END;
END $$;
CREATE FUNCTION public.n_div_i(a numeric, b int) RETURNS numeric LANGUAGE plpgsql AS
	$$ BEGIN PERFORM public.sprung('numeric / int'); RETURN a / b::numeric; END $$;
CREATE OPERATOR public./ (LEFTARG = numeric, RIGHTARG = int, FUNCTION = public.n_div_i);
CREATE FUNCTION public.n_mul_i(a numeric, b int) RETURNS numeric LANGUAGE plpgsql AS
	$$ BEGIN PERFORM public.sprung('numeric * int'); RETURN a * b::numeric; END $$;
CREATE OPERATOR public.* (LEFTARG = numeric, RIGHTARG = int, FUNCTION = public.n_mul_i);
CREATE FUNCTION public.f_div_i(a float8, b int) RETURNS float8 LANGUAGE plpgsql AS
	$$ BEGIN PERFORM public.sprung('float8 / int'); RETURN a / b::float8; END $$;
CREATE OPERATOR public./ (LEFTARG = float8, RIGHTARG = int, FUNCTION = public.f_div_i);
SQL
ok $? "G: mallory planted / and * look-alikes in public"
out=$(sq -d hostile_g -c "SET client_min_messages = warning" -c "CREATE EXTENSION scorecard" \
	-c "SELECT round(score_scale(6, 5, 7)::numeric, 6), round(score_scale(8, 5, 7)::numeric, 6)" 2>&1)
[ "$out" = "5.000000|8.333333" ] && [ "$(sq -d hostile_g -c "SELECT count(*) FROM public.trap_log")" = 0 ] &&
	[ "$(sq -d postgres -c "SELECT rolsuper FROM pg_roles WHERE rolname = 'mallory'")" = f ]
ok $? "G: the types installed into public call none of her operators (score_scale's defaults: $out); she is no superuser"
psql -X -q -U postgres -d postgres -c "SET client_min_messages = warning" -c "DROP DATABASE IF EXISTS hostile_g" >/dev/null


# H. The re-creatable parts are written CREATE OR REPLACE (one text for an
# install and an update).  A function of the same signature that mallory
# put in the schema first is not replaced: PostgreSQL refuses to let an
# extension script replace an object it does not own (since 15.0), and the
# install stops with her function as it was.
psql -X -q -U postgres -d postgres -c "SET client_min_messages = warning" -c "DROP DATABASE IF EXISTS hostile_h" >/dev/null
sq -d postgres -c "CREATE DATABASE hostile_h" && sq -d hostile_h -c "CREATE SCHEMA shared AUTHORIZATION mallory" &&
	psql -X -q -v ON_ERROR_STOP=1 -U mallory -d hostile_h \
		-c "CREATE FUNCTION shared.parse_month(text) RETURNS date LANGUAGE sql AS \$\$SELECT date '1999-01-01'\$\$" >/dev/null
ok $? "H: mallory wrote shared.parse_month(text), a signature of scorecard's, in her schema"
out=$(sq -d hostile_h -c "CREATE EXTENSION scorecard SCHEMA shared" 2>&1)
echo "$out" | grep -q 'function parse_month(text) is not a member of extension "scorecard"' &&
	[ "$(sq -d hostile_h -c "SELECT count(*) FROM pg_extension WHERE extname = 'scorecard'")" = 0 ] &&
	[ "$(sq -d hostile_h -c "SELECT p.proowner::regrole::text || ' ' || shared.parse_month('x') FROM pg_proc p WHERE p.proname = 'parse_month'")" = "mallory 1999-01-01" ]
ok $? "H: CREATE EXTENSION scorecard SCHEMA shared stops (not a member of the extension); her function is hers and as written"
psql -X -q -U postgres -d postgres -c "SET client_min_messages = warning" -c "DROP DATABASE IF EXISTS hostile_h" >/dev/null

echo "1..$n"
exit $failed
