#!/usr/bin/env bash
# Start or stop a private PostgreSQL 15 server: pgserver.sh start|stop|env NAME [fresh]
# With PGSERVER_TCP=1, start also listens on 127.0.0.1, on the first port
# from the server's usual one that is free at start (two checkouts' demo
# servers do not collide); env then reports that port.
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

# Whether nothing listens on 127.0.0.1:PORT now.
tcp_port_free() {
	python3 -c 'import socket,sys
s = socket.socket()
try:
    s.bind(("127.0.0.1", int(sys.argv[1])))
except OSError:
    sys.exit(1)' "$1"
}

# The port a running server uses (postmaster.pid line 4), else the usual one.
running_port() {
	if [ -f "$dir/data/postmaster.pid" ]; then sed -n 4p "$dir/data/postmaster.pid"; else echo "$port"; fi
}

# Start listening on 127.0.0.1 too, on a port free at start.
start_tcp() {
	local p=$port tries=0
	while [ $tries -lt 40 ]; do
		if tcp_port_free "$p" && run_as_pg pg_ctl -D "$dir/data" -l "$dir/server.log" -w -t 60 \
			-o "-c listen_addresses=127.0.0.1 -p $p" start >/dev/null; then
			return 0
		fi
		p=$((p + 1)); tries=$((tries + 1))
	done
	cat "$dir/server.log"; exit 1
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
		if [ "${PGSERVER_TCP:-}" = 1 ]; then
			start_tcp
		else
			run_as_pg pg_ctl -D "$dir/data" -l "$dir/server.log" -w -t 60 start >/dev/null ||
				{ cat "$dir/server.log"; exit 1; }
		fi
	fi
	;;
stop)
	if [ -f "$dir/data/PG_VERSION" ]; then
		run_as_pg pg_ctl -D "$dir/data" -m fast stop >/dev/null 2>&1 || true
		say "server '$name' stopped"
	fi
	;;
env)
	echo "export PGHOST=$dir/sock PGPORT=$(running_port) PGUSER=postgres"
	;;
esac
