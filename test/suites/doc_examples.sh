#!/usr/bin/env bash
# The documentation's SQL examples run and print what the documents say
# (test/doc_examples.py: every ```sql block of README.md,
# docs/reference.md and docs/plan-model.md on a fresh copy of the demo
# plan; a statement with "-- → RESULT" must print RESULT).  Runs on the
# test server.
set -uo pipefail
TOP=$(cd "$(dirname "$0")/../.." && pwd)
export PATH=/usr/lib/postgresql/15/bin:$PATH PGCLIENTENCODING=UTF8
source "$TOP/test/tap.sh"
out=$(python3 "$TOP/test/doc_examples.py" "$TOP/README.md" "$TOP/docs/reference.md" "$TOP/docs/plan-model.md" 2>&1)
rc=$?
echo "$out" | grep -v ' ok$' | tail -40 | sed 's/^/# /'
ok $rc "the examples of README.md, docs/reference.md and docs/plan-model.md print what they say ($(echo "$out" | tail -1))"
echo "1..$n"
exit $failed
