#!/usr/bin/env bash
# Start or stop a private PostgreSQL 15 server: pgserver.sh start|stop|env NAME [fresh]
source "$(dirname "$0")/common.sh"

cmd=${1:?start|stop|env}
name=${2:-test}
fresh=${3:-}
dir=$(server_dir "$name")
port=$(server_port "$name")

# Create the cluster folder owned by the server's user.
init_cluster() {
	mkdir -p "$dir"
	[ "$(id -u)" -eq 0 ] && chown "$PGRUNAS" "$dir" "$(dirname "$dir")" 2>/dev/null || true
	run_as_pg initdb -D "$dir/data" -U postgres --auth=trust -E UTF8 \
		--locale=C.UTF-8 >"$dir/initdb.log" 2>&1 || { cat "$dir/initdb.log"; exit 1; }
	mkdir -p "$dir/sock"
	[ "$(id -u)" -eq 0 ] && chown "$PGRUNAS" "$dir/sock"
	cat >>"$dir/data/postgresql.conf" <<CONF
listen_addresses = ''
port = $port
unix_socket_directories = '$dir/sock'
shared_preload_libraries = 'pg_cron'
cron.database_name = 'postgres'
max_worker_processes = 16
max_parallel_workers = 8
max_parallel_workers_per_gather = 2
fsync = off
synchronous_commit = off
full_page_writes = off
lc_messages = 'C'
CONF
}

# Close inherited descriptors above stderr, so the server never keeps a
# caller's lock file (flock) or pipe open.
close_inherited_fds() {
	local fd
	for fd in $(ls /proc/$$/fd); do
		[ "$fd" -gt 2 ] && eval "exec $fd>&-" 2>/dev/null || true
	done
}

case $cmd in
start)
	close_inherited_fds
	if [ -n "$fresh" ] && [ -d "$dir" ]; then
		run_as_pg pg_ctl -D "$dir/data" stop -m immediate >/dev/null 2>&1 || true
		rm -rf "$dir"
	fi
	[ -f "$dir/data/PG_VERSION" ] || init_cluster
	if ! run_as_pg pg_ctl -D "$dir/data" status >/dev/null 2>&1; then
		run_as_pg pg_ctl -D "$dir/data" -l "$dir/server.log" -w -t 60 start >/dev/null ||
			{ cat "$dir/server.log"; exit 1; }
	fi
	;;
stop)
	if [ -f "$dir/data/PG_VERSION" ]; then
		run_as_pg pg_ctl -D "$dir/data" -m fast stop >/dev/null 2>&1 || true
		say "server '$name' stopped"
	fi
	;;
env)
	echo "export PGHOST=$dir/sock PGPORT=$port PGUSER=postgres"
	;;
esac
