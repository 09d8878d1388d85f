#!/usr/bin/env bash
# Run every suite from nothing: packages, build, a fresh private server,
# pg_regress, pgTAP, the C unit tests and the suites of test/suites/.
# ONLY="name ..." runs only the tests of those names, whatever their kind:
# a pg_regress file (sql/NAME.sql), a pgTAP file (test/pgtap/NAME.sql), a C
# unit program (test/unit/NAME.c) or a suite (test/suites/NAME.sh), e.g.
#     make test ONLY="ref_load hostile ytd_test"
source "$(dirname "$0")/../scripts/common.sh"

# Whether the test NAME is to run (all when ONLY is empty).
wanted() {
	[ -z "${ONLY:-}" ] && return 0
	local w
	for w in ${ONLY//,/ }; do [ "$w" = "$1" ] && return 0; done
	return 1
}
if [ -n "${ONLY:-}" ]; then
	for w in ${ONLY//,/ }; do
		[ -e "$TOP/sql/$w.sql" ] || [ -e "$TOP/test/pgtap/$w.sql" ] || [ -e "$TOP/test/unit/$w.c" ] ||
			[ -e "$TOP/test/suites/$w.sh" ] || { echo "ONLY: no test named $w (sql/, test/pgtap/, test/unit/, test/suites/)" >&2; exit 2; }
	done
fi

ensure_packages
build_install
bash "$TOP/scripts/pgserver.sh" start test fresh
eval "$(bash "$TOP/scripts/pgserver.sh" env test)"
export PGDATABASE=postgres

pass=0
fail=0
todo=0
log="$TOP/tmp/test"
mkdir -p "$log"

# pg_regress through PGXS installcheck: one test per sql/ file.
regress=""
for t in "$TOP"/sql/*.sql; do wanted "$(basename "$t" .sql)" && regress="$regress $(basename "$t" .sql)"; done
if [ -n "$regress" ]; then
say "pg_regress (make installcheck)"
set +e
make -C "$TOP" -s PG_CONFIG="$PGBIN/pg_config" REGRESS="$regress" installcheck >"$log/regress.out" 2>&1
rc=$?
set -e
cat "$log/regress.out"
p=$(grep -cE '^(test | )?[ ]*[a-z_0-9]+ +\.\.\. ok' "$log/regress.out" || true)
f=$(grep -cE '\.\.\. FAILED' "$log/regress.out" || true)
if [ "$rc" -ne 0 ] && [ "$f" -eq 0 ]; then f=1; fi
[ -f "$TOP/regression.diffs" ] && head -200 "$TOP/regression.diffs"
pass=$((pass + p)); fail=$((fail + f))
fi

# pgTAP suites, one database each so they cannot see each other's objects.
say "pgTAP (pg_prove)"
for t in "$TOP"/test/pgtap/*.sql; do
	[ -e "$t" ] || continue
	wanted "$(basename "$t" .sql)" || continue
	db="tap_$(basename "$t" .sql)"
	psql -q -c "SET client_min_messages = warning" -c "DROP DATABASE IF EXISTS $db" -c "CREATE DATABASE $db" >/dev/null
	psql -q -d "$db" -c "CREATE EXTENSION pgtap" -c "CREATE EXTENSION scorecard_report CASCADE" >/dev/null
	set +e
	pg_prove --verbose -d "$db" "$t" >"$log/$db.out" 2>&1
	set -e
	grep -E '^(not )?ok ' "$log/$db.out" | grep -v '^ok' || true
	tail -n 3 "$log/$db.out"
	p=$(grep -cE '^ok ' "$log/$db.out" || true)
	f=$(grep -cE '^not ok ' "$log/$db.out" || true)
	grep -q '^Result: PASS' "$log/$db.out" || [ "$f" -gt 0 ] || f=1
	pass=$((pass + p)); fail=$((fail + f))
done

# C unit tests of the pure computation (TAP programs), built with the
# system's pg_config: they need the server headers (Ryu) and libpgcommon.
say "C unit tests"
make -C "$TOP/test/unit" -s PG_CONFIG="$SYSPGBIN/pg_config" >"$log/unit-build.out" 2>&1 ||
	{ cat "$log/unit-build.out"; fail=$((fail + 1)); }
for u in "$TOP"/test/unit/*_test; do
	[ -x "$u" ] || continue
	wanted "$(basename "$u")" || continue
	set +e
	"$u" >"$log/$(basename "$u").out" 2>&1
	set -e
	grep -E '^not ok ' "$log/$(basename "$u").out" || true
	p=$(grep -cE '^ok ' "$log/$(basename "$u").out" || true)
	f=$(grep -cE '^not ok ' "$log/$(basename "$u").out" || true)
	echo "$(basename "$u"): $p ok, $f not ok"
	pass=$((pass + p)); fail=$((fail + f))
done

# Further suites (shell scripts printing TAP): the multi-server suite and others.
for s in "$TOP"/test/suites/*.sh; do
	[ -e "$s" ] || continue
	wanted "$(basename "$s" .sh)" || continue
	say "suite $(basename "$s" .sh)"
	set +e
	bash "$s" >"$log/$(basename "$s").out" 2>&1
	rc=$?
	set -e
	grep -E '^(not ok|#)' "$log/$(basename "$s").out" || true
	p=$(grep -cE '^ok ' "$log/$(basename "$s").out" || true)
	# TAP: a "not ok ... # TODO" is known unfinished work, not a failure
	f=$(grep -E '^not ok ' "$log/$(basename "$s").out" | grep -cv '# TODO' || true)
	if [ "$rc" -ne 0 ] && [ "$f" -eq 0 ]; then f=1; tail -20 "$log/$(basename "$s").out"; fi
	t=$(grep -cE '^not ok .*# TODO' "$log/$(basename "$s").out" || true)
	note=""; [ "$t" -eq 0 ] || note=", $t not ok as TODO"
	echo "$(basename "$s"): $p ok, $f not ok$note"
	pass=$((pass + p)); fail=$((fail + f)); todo=$((todo + t))
done

bash "$TOP/scripts/pgserver.sh" stop test >/dev/null
echo
[ "$todo" -eq 0 ] || echo "$todo known failures marked TODO (not counted)"
echo "$pass passed, $fail failed"
[ "$fail" -eq 0 ]
