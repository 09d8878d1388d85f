#!/usr/bin/env bash
# The Debian package: dpkg-buildpackage builds postgresql-15-scorecard from a
# copy of the checkout (debian/, pg_buildext); the package is installed into
# the SYSTEM tree, a private server started from the system's binaries runs
# the regression tests against it (PGXS installcheck with the system's
# pg_config), and the package is removed again.  Needs root (apt, dpkg).
set -uo pipefail
source "$(dirname "$0")/../../scripts/common.sh"
set +e
source "$TOP/test/tap.sh"
pkg=postgresql-15-scorecard
ver=$(cat "$TOP/VERSION")
if [ "$(id -u)" -ne 0 ]; then echo "1..0 # SKIP installing a package needs root"; exit 0; fi
# The system tree is the machine's: checkouts testing at the same time take
# turns here (a lock held until this script exits), rather than install and
# remove the package under each other.
exec 9>/tmp/scorecard-package-suite.lock
flock 9

# Build tools (CI starts from a fresh machine).
PACKAGES="build-essential debhelper dpkg-dev fakeroot postgresql-server-dev-all python3" ensure_packages

# The version is written once (VERSION); the package metadata must agree.
[ "$(dpkg-parsechangelog -l "$TOP/debian/changelog" -S Version)" = "$ver" ]
ok $? "debian/changelog is at $ver (VERSION)"
[ "$(/usr/bin/python3 -c 'import json,sys; m=json.load(open(sys.argv[1])); print(" ".join({m["version"]} | {p["version"] for p in m["provides"].values()}))' "$TOP/META.json")" = "$ver" ]
ok $? "META.json and its three extensions are at $ver"
[ "$(make -s -C "$TOP" PG_CONFIG="$SYSPGBIN/pg_config" scorecard.control scorecard_plan.control scorecard_report.control >/dev/null &&
	grep -h default_version "$TOP/scorecard.control" "$TOP/scorecard_plan.control" "$TOP/scorecard_report.control" | sort -u)" = "default_version = '$ver'" ]
ok $? "the three control files say default_version = '$ver'"

# Build from a copy of the checkout's files (tracked and new, not ignored ones).
build=$(mktemp -d /tmp/scorecard-deb.XXXXXX)
sdir=$(server_dir rel-pkg)
cleanup() {
	[ -f "$sdir/data/PG_VERSION" ] && run_as_pg "$SYSPGBIN/pg_ctl" -D "$sdir/data" -m immediate stop >/dev/null 2>&1
	rm -rf "$sdir"
	if dpkg-query -W -f='${Status}' $pkg 2>/dev/null | grep -q 'install ok installed'; then
		apt-get -o DPkg::Lock::Timeout=300 remove -y -qq $pkg >/dev/null 2>&1
	fi
	rm -rf "$build"
}
trap cleanup EXIT
mkdir "$build/scorecard"
(cd "$TOP" && git ls-files -co --exclude-standard | tar -T - -c) | tar -x -C "$build/scorecard"
(cd "$build/scorecard" && dpkg-buildpackage -us -uc >"$build/build.log" 2>&1)
ok $? "dpkg-buildpackage -us -uc"
deb="$build/${pkg}_${ver}_$(dpkg --print-architecture).deb"
[ -f "$deb" ]; ok $? "it built $(basename "$deb")"
echo "# $(basename "$deb"): $(stat -c %s "$deb") bytes, $(dpkg-deb -f "$deb" Installed-Size) KiB installed"
! grep -E 'warning:' "$build/build.log" | grep -v 'dpkg-' | sed 's/^/# /' | grep -q .
ok $? "the build is warning-free"
dpkg-deb -c "$deb" | awk '{print $6}' | sed 's|^\./|/|' >"$build/files"
want="/usr/lib/postgresql/15/lib/scorecard.so"
for f in "$TOP"/versions/*.sql "$TOP"/versions/*.control $(ls "$TOP"/versions/*.sql.in 2>/dev/null | sed 's/\.in$//') scorecard--$ver.sql scorecard_plan--$ver.sql scorecard_report--$ver.sql scorecard.control scorecard_plan.control scorecard_report.control; do
	want="$want /usr/share/postgresql/15/extension/$(basename "$f")"
done
missing=""
for f in $want; do grep -qx "$f" "$build/files" || missing="$missing $f"; done
[ -z "$missing" ]; ok $? "the package holds the library, the three control files and install scripts and versions/ ($(echo $want | wc -w) files)${missing:+; missing:$missing}"
! grep -qxE '/usr/share/postgresql/15/extension/(scorecard--0\.[12]\.0|scorecard_plan--0\.2\.0)\.sql' "$build/files"
ok $? "the package does not ship the frozen 0.1.0 and 0.2.0 install scripts (a new database installs only the current version)"

# Into the system tree (nothing else of scorecard may be there).
apt-get -o DPkg::Lock::Timeout=300 install -y -qq "$deb" >"$build/install.log" 2>&1
ok $? "the package installs into the system tree"
[ "$(dpkg-query -W -f='${Version}' $pkg)" = "$ver" ] && [ -f /usr/share/postgresql/15/extension/scorecard.control ]
ok $? "dpkg knows $pkg $ver; the control file is in /usr/share/postgresql/15/extension"

# A private server from the system's binaries (it reads the system's share and lib).
mkdir -p "$sdir/sock"
chown -R "$PGRUNAS" "$sdir" "$(dirname "$sdir")" 2>/dev/null
port=$(server_port rel-pkg)
run_as_pg "$SYSPGBIN/initdb" -D "$sdir/data" -U postgres --auth=trust -E UTF8 --locale=C.UTF-8 >"$build/initdb.log" 2>&1 &&
	printf "listen_addresses = ''\nport = $port\nunix_socket_directories = '$sdir/sock'\nfsync = off\nlc_messages = 'C'\n" >>"$sdir/data/postgresql.conf" &&
	run_as_pg "$SYSPGBIN/pg_ctl" -D "$sdir/data" -l "$sdir/server.log" -w start >/dev/null
ok $? "a server from $SYSPGBIN starts"
export PGHOST=$sdir/sock PGPORT=$port PGUSER=postgres
[ "$(psql -X -At -d postgres -c "SELECT setting FROM pg_config WHERE name = 'PKGLIBDIR'")" = /usr/lib/postgresql/15/lib ] &&
	[ "$(psql -X -At -d postgres -c "SELECT default_version FROM pg_available_extensions WHERE name = 'scorecard'")" = "$ver" ]
ok $? "it loads extensions from the system tree, where scorecard $ver is available"

# The regression tests (sql/, expected/) against the installed package.
make -C "$build/scorecard" PG_CONFIG="$SYSPGBIN/pg_config" installcheck >"$build/installcheck.log" 2>&1
rc=$?
[ $rc = 0 ] || grep -E '\.\.\. ' "$build/installcheck.log" | sed 's/^/# /'
tests=$(grep -cE '\.\.\. ok|^ok ' "$build/installcheck.log")
[ $rc = 0 ] && grep -q 'All [0-9]* tests passed' "$build/installcheck.log"
ok $? "installcheck against the package: $(grep -o 'All [0-9]* tests passed' "$build/installcheck.log" || echo "$tests passed, some failed")"
[ $rc = 0 ] || head -100 "$build/scorecard/regression.diffs" 2>/dev/null | sed 's/^/# /'

run_as_pg "$SYSPGBIN/pg_ctl" -D "$sdir/data" -m fast stop >/dev/null 2>&1

# The autopkgtest (pg_buildext installcheck on a pg_virtualenv cluster).
(cd "$build/scorecard" && sh debian/tests/installcheck) >"$build/autopkgtest.log" 2>&1 &&
	grep -q 'All [0-9]* tests passed' "$build/autopkgtest.log"
ok $? "the autopkgtest debian/tests/installcheck passes against the package" ||
	{ grep -E '\.\.\. |ERROR|error|FATAL' "$build/autopkgtest.log" | head -40 | sed 's/^/# /'; }

apt-get -o DPkg::Lock::Timeout=300 remove -y -qq $pkg >/dev/null 2>&1 &&
	! dpkg-query -W -f='${Status}' $pkg 2>/dev/null | grep -q 'install ok installed' &&
	[ ! -e /usr/lib/postgresql/15/lib/scorecard.so ] && [ ! -e /usr/share/postgresql/15/extension/scorecard.control ]
ok $? "the package removes cleanly: no scorecard file left in the system tree"

echo "1..$n"
exit $failed
