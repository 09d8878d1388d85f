# A Citus cluster of private servers on this machine (Unix sockets): the
# Citus suite and the Citus benchmark use it.  Sourced after common.sh, not
# run.  Citus itself is installed by test/citus/build.sh.

# Socket folder of a named private server.
sock() { echo "$(server_dir "$1")/sock"; }

# psql on a named server (database $CITUS_DB, default postgres), unaligned,
# stopping at the first error.
on() {
	local name=$1
	shift
	psql -X -q -At -v ON_ERROR_STOP=1 -h "$(sock "$name")" -p "$(server_port "$name")" \
		-U postgres -d "${CITUS_DB:-postgres}" "$@"
}

# Start the coordinator and the workers, each preloading citus and with the
# citus extension, and register them (idempotent: a running cluster is kept
# unless FRESH is "fresh").
# citus_cluster_start FRESH COORD WORKER...
citus_cluster_start() {
	local fresh=$1 coord=$2 s w
	shift 2
	for s in "$coord" "$@"; do
		bash "$TOP/scripts/pgserver.sh" start "$s" $fresh >/dev/null || return 1
		if [ "$(on "$s" -c "SHOW shared_preload_libraries")" != citus ]; then
			on "$s" -c "ALTER SYSTEM SET shared_preload_libraries = 'citus'" || return 1
			bash "$TOP/scripts/pgserver.sh" stop "$s" >/dev/null
			bash "$TOP/scripts/pgserver.sh" start "$s" >/dev/null || return 1
		fi
		on "$s" -c "SET client_min_messages = warning" -c "CREATE EXTENSION IF NOT EXISTS citus" || return 1
	done
	on "$coord" -c "SELECT citus_set_coordinator_host('$(sock "$coord")', $(server_port "$coord"))" >/dev/null ||
		return 1
	for w in "$@"; do
		on "$coord" -c "SELECT citus_add_node('$(sock "$w")', $(server_port "$w"))
			WHERE NOT EXISTS (SELECT FROM pg_dist_node WHERE nodename = '$(sock "$w")')" >/dev/null || return 1
	done
}

# Stop the named servers.
citus_cluster_stop() {
	local s
	for s in "$@"; do bash "$TOP/scripts/pgserver.sh" stop "$s" >/dev/null 2>&1; done
}
