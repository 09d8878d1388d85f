#!/usr/bin/env bash
# Build and install Citus 13.2.2 (the last release for PostgreSQL 15) from the
# vendored release source and patch, once: when the PostgreSQL tree already
# holds Citus at that version this costs nothing.  Then copy it into this
# checkout's private tree (prepare_tree).
#
#   bash test/citus/build.sh
#
# The source is in the shared folder beside the checkout ($TOP/../shared/vendor,
# or CITUS_VENDOR).  As root it installs the build packages and installs into
# the system tree (/usr/lib/postgresql/15, /usr/share/postgresql/15); as
# another user into the private tree only.  The build folder is outside the
# checkout (/var/tmp/citus-VERSION-build); nothing of Citus is committed.
source "$(dirname "$0")/../../scripts/common.sh"

CITUS_VERSION=13.2.2
CITUS_EXTVERSION=13.2-1
CITUS_SHA256=dd2453caec20a830e5e63f1def5c5a98cb6f57ae510407cdcd800916fcdab430
VENDOR=${CITUS_VENDOR:-$TOP/../shared/vendor}
TARBALL=$VENDOR/citus-$CITUS_VERSION.tar.gz
PATCH=$VENDOR/citus-$CITUS_VERSION-pg15.20.patch
BUILD=/var/tmp/citus-$CITUS_VERSION-build
# The build packages (patch is not on a minimal Debian 12 either).
CITUS_DEPS="liblz4-dev libzstd-dev libkrb5-dev libselinux1-dev libxslt1-dev libpam0g-dev \
libreadline-dev libssl-dev patch"

# Where to install: the system tree as root, else the private tree.
DEST=
[ "$(id -u)" -eq 0 ] || DEST=$INST

# True when the tree under $1 has Citus at this version: the control file's
# default version and the library's own version string.
citus_installed() {
	local root=$1
	local control=$root/usr/share/postgresql/15/extension/citus.control
	local lib=$root/usr/lib/postgresql/15/lib/citus.so
	[ -f "$control" ] && [ -f "$lib" ] &&
		grep -q "^default_version = '$CITUS_EXTVERSION'" "$control" &&
		grep -aq "Citus $CITUS_VERSION " "$lib"
}

# The Debian packages Citus's configure needs (root only).
install_deps() {
	local missing=() p
	for p in $CITUS_DEPS; do
		dpkg-query -W -f='${Status}' "$p" 2>/dev/null | grep -q 'install ok installed' || missing+=("$p")
	done
	[ ${#missing[@]} -eq 0 ] && return 0
	say "installing ${missing[*]}"
	export DEBIAN_FRONTEND=noninteractive
	# Wait for another apt-get on this machine rather than fail.
	local apt=(apt-get -o DPkg::Lock::Timeout=600)
	"${apt[@]}" update -qq >/dev/null
	"${apt[@]}" install -y -qq --no-install-recommends "${missing[@]}" >/dev/null
}

# Unpack, patch, configure, build and install (about 5 minutes on 2 cores).
build_citus() {
	[ -f "$TARBALL" ] && [ -f "$PATCH" ] || {
		echo "citus: $TARBALL or $PATCH not found (set CITUS_VENDOR)" >&2
		exit 1
	}
	echo "$CITUS_SHA256  $TARBALL" | sha256sum -c --quiet - || {
		echo "citus: $TARBALL is not the Citus $CITUS_VERSION release" >&2
		exit 1
	}
	say "building Citus $CITUS_VERSION in $BUILD (about 5 minutes)"
	rm -rf "$BUILD"
	mkdir -p "$BUILD"
	tar xzf "$TARBALL" -C "$BUILD"
	local src=$BUILD/citus-$CITUS_VERSION
	patch -s -d "$src" -p1 <"$PATCH"
	(
		cd "$src"
		./configure -q --without-libcurl PG_CONFIG="$SYSPGBIN/pg_config" >"$BUILD/configure.log" 2>&1 ||
			{ tail -30 "$BUILD/configure.log" >&2; exit 1; }
		make -s -j2 >"$BUILD/make.log" 2>&1 || { tail -30 "$BUILD/make.log" >&2; exit 1; }
		make -s install ${DEST:+DESTDIR="$DEST"} >"$BUILD/install.log" 2>&1 ||
			{ tail -30 "$BUILD/install.log" >&2; exit 1; }
	)
	citus_installed "${DEST:-}" || { echo "citus: installed, but the version check fails" >&2; exit 1; }
	say "Citus $CITUS_VERSION installed into ${DEST:-the system tree}"
}

# One build at a time on this machine (several checkouts may ask at once).
mkdir -p /var/tmp 2>/dev/null || true
exec 9>>"/var/tmp/citus-$CITUS_VERSION.lock"
chmod a+rw "/var/tmp/citus-$CITUS_VERSION.lock" 2>/dev/null || true
flock 9
if ! citus_installed "${DEST:-}"; then
	ensure_packages
	[ "$(id -u)" -eq 0 ] && install_deps
	build_citus
fi
exec 9>&-
prepare_tree
citus_installed "$INST" || {
	echo "citus: the private tree $INST has another Citus; remove it (rm -rf $INST) and rerun" >&2
	exit 1
}
