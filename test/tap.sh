# TAP output for the shell suites (test/suites/*.sh): sourced, not run.
# ok/not_ok number the checks; the suite ends with: echo "1..$n"; [ "$failed" -eq 0 ]
n=0
failed=0
ok() { n=$((n + 1)); echo "ok $n - $1"; }
not_ok() { n=$((n + 1)); failed=$((failed + 1)); echo "not ok $n - $1"; }
diag() { sed 's/^/# /'; }
check() { # check CONDITION-EXIT-STATUS LABEL
	if [ "$1" -eq 0 ]; then ok "$2"; else not_ok "$2"; fi
}
bail() {
	echo "Bail out! $*"
	exit 1
}
