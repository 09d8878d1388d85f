#!/usr/bin/env bash
# The browser suite alone (test/suites/report_browser.sh, also part of
# `make test`): build, install, a fresh private server, the suite.  Run it
# before every change that touches the report.  The screenshot is written to
# tmp/browser/report-2024-11.png.
source "$(dirname "$0")/common.sh"

ensure_packages
build_install
bash "$TOP/scripts/pgserver.sh" start report-browser fresh
eval "$(bash "$TOP/scripts/pgserver.sh" env report-browser)"
set +e
bash "$TOP/test/suites/report_browser.sh"
rc=$?
set -e
bash "$TOP/scripts/pgserver.sh" stop report-browser >/dev/null
exit $rc
