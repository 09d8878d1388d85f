# TAP output for the shell suites (test/suites/*.sh): sourced, not run.
# Each check prints "ok N - label" or "not ok N - label"; a suite ends with
#     echo "1..$n"; exit $failed
# (failed is 1 once any check failed).
n=0
failed=0
# psql shows warnings and errors only: the NOTICEs runs and loads send
# after each step (test/suites/steps.sh checks them) are not what the
# suites compare.
export PGOPTIONS="${PGOPTIONS:+$PGOPTIONS }-c client_min_messages=warning"

ok() { # ok EXIT-STATUS LABEL: the check passed when the status is 0 (ok LABEL: passed)
	[ $# -ge 2 ] || set -- 0 "$1"
	n=$((n + 1))
	if [ "$1" = 0 ]; then echo "ok $n - $2"; else echo "not ok $n - $2"; failed=1; fi
}
not_ok() { ok 1 "$1"; }
check() { ok "$@"; }
is() { # is GOT WANT LABEL: the two strings are equal (both shown when not)
	if [ "$1" = "$2" ]; then ok 0 "$3"; else ok 1 "$3"; echo "#   got: $1"; echo "#  want: $2"; fi
}
diag() { sed 's/^/# /'; }
bail() {
	echo "Bail out! $*"
	exit 1
}
