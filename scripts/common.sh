# Shared helpers for the scripts: package set-up, build, private servers.
# Sourced, not run.

set -euo pipefail
TOP=$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)
SYSPGBIN=/usr/lib/postgresql/15/bin

say() { printf '== %s\n' "$*"; }

# Debian packages the build and the suites need.
PACKAGES="postgresql-15 postgresql-contrib postgresql-server-dev-15 postgresql-15-pgtap \
postgresql-15-cron libtap-parser-sourcehandler-pgtap-perl make gcc locales"

# Install what is missing (only possible as root; otherwise say what to install).
ensure_packages() {
	local missing=()
	for p in $PACKAGES; do
		dpkg-query -W -f='${Status}' "$p" 2>/dev/null | grep -q 'install ok installed' || missing+=("$p")
	done
	[ ${#missing[@]} -eq 0 ] && return 0
	if [ "$(id -u)" -ne 0 ]; then
		echo "missing packages: ${missing[*]} (install them as root)" >&2
		exit 1
	fi
	say "installing ${missing[*]}"
	export DEBIAN_FRONTEND=noninteractive
	apt-get update -qq >/dev/null
	apt-get install -y -qq --no-install-recommends "${missing[@]}" >/dev/null
}

# A private copy of the PostgreSQL 15 tree for this checkout: PostgreSQL finds
# its share and lib folders relative to its binaries, so the extension is
# installed here and never into the system's tree, and two checkouts (or a
# checkout and an installed package) cannot load each other's build.
# Files the system tree gains later (Citus, say) are copied in; none is
# overwritten in place, so a running server never sees a library change
# (but after a minor upgrade of the system's PostgreSQL, the whole tree is
# copied anew: below).
prepare_tree() {
	# A tree copied before the system's PostgreSQL was upgraded (a new minor
	# release, by ensure_packages) is copied again: its older server would
	# not load a library built against the new one (Citus: "undefined
	# symbol").  A server started from the old tree must be restarted
	# (bash scripts/pgserver.sh stop NAME): its new backends load the new
	# libraries.
	if [ -x "$INST/usr/lib/postgresql/15/bin/postgres" ] &&
		[ "$("$INST/usr/lib/postgresql/15/bin/postgres" --version)" != "$("$SYSPGBIN/postgres" --version)" ]; then
		rm -rf "$INST/usr/lib/postgresql/15" "$INST/usr/share/postgresql/15"
	fi
	mkdir -p "$INST/usr/lib/postgresql" "$INST/usr/share/postgresql"
	cp -an /usr/lib/postgresql/15 "$INST/usr/lib/postgresql/"
	cp -an /usr/share/postgresql/15 "$INST/usr/share/postgresql/"
}

# Build warning-free and install into the private tree.
build_install() {
	say "building and installing the extension"
	prepare_tree
	make -C "$TOP" -s PG_CONFIG="$SYSPGBIN/pg_config" all >/dev/null
	make -C "$TOP" -s PG_CONFIG="$SYSPGBIN/pg_config" DESTDIR="$INST" install >/dev/null
}

# The user the private servers run as (PostgreSQL refuses root).
PGRUNAS=postgres
if [ "$(id -u)" -ne 0 ]; then PGRUNAS=$(id -un); fi

run_as_pg() {
	if [ "$(id -u)" -eq 0 ]; then
		runuser -u "$PGRUNAS" -- "$@"
	else
		"$@"
	fi
}

# Folder of a named private server: in the checkout when the server's user can
# reach it and the socket path fits, else under /tmp.
server_dir() {
	local name=$1
	local d="$TOP/.pg/$name"
	mkdir -p "$TOP/.pg"
	if [ "$(id -u)" -eq 0 ] && ! runuser -u "$PGRUNAS" -- test -x "$TOP/.pg"; then
		d="/tmp/scorecard-$(echo "$TOP" | md5sum | cut -c1-8)/$name"
	fi
	if [ ${#d} -gt 80 ]; then d="/tmp/scorecard-$(echo "$TOP" | md5sum | cut -c1-8)/$name"; fi
	echo "$d"
}

# The private tree (see prepare_tree) and its binaries first on the PATH.
INST=$(server_dir inst)
PGBIN=$INST/usr/lib/postgresql/15/bin
export PATH="$PGBIN:$PATH"

# Port of a named private server.
server_port() {
	case $1 in
	test) echo 55431 ;;
	demo) echo 55432 ;;
	shard1) echo 55433 ;;
	shard2) echo 55434 ;;
	bench) echo 55435 ;;
	coord) echo 55436 ;;
	scale) echo 55437 ;;
	cron) echo 55438 ;;
	*) echo $((55440 + $(echo "$1" | cksum | cut -d' ' -f1) % 50)) ;;
	esac
}
