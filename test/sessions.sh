# Concurrent psql sessions for the suites (sourced, not run): each session is
# a psql reading from a FIFO, so a script can send it statements one at a
# time, wait for them to finish, or wait until its backend is blocked on a
# lock.  Synchronisation is by state (statement done: a marker in the
# output; blocked: pg_stat_activity says it waits on a Lock), never by
# sleeping for a while and hoping.
#
#   open_session s1 [psql options]     # PG* variables say where
#   x s1 "SELECT 1"                    # run, wait, print its output
#   send s1 "SELECT pg_sleep(1)"       # run without waiting
#   wait_blocked s1                    # until s1's backend waits on a lock
#   wait_done s1                       # until what send sent has finished
#   close_sessions                     # at the end (also on EXIT)

SESSDIR=$(mktemp -d /tmp/scorecard-sessions.XXXXXX)
SESSIONS=()
declare -A SESS_FD SESS_PID SESS_BACKEND
# Counters live in files: x and wait_done also run in $(...) subshells.
seq_of() { cat "$SESSDIR/$1.seq"; }
seen_of() { cat "$SESSDIR/$1.seen"; }

# Start a session named $1; the rest are psql options.
open_session() {
	local name=$1 fd
	shift
	mkfifo "$SESSDIR/$name.in"
	psql -X -q -At -v ON_ERROR_STOP=0 -v VERBOSITY=verbose "$@" <"$SESSDIR/$name.in" >"$SESSDIR/$name.out" 2>&1 &
	SESS_PID[$name]=$!
	exec {fd}>"$SESSDIR/$name.in"
	SESS_FD[$name]=$fd
	echo 0 >"$SESSDIR/$name.seq"
	echo 0 >"$SESSDIR/$name.seen"
	SESSIONS+=("$name")
	SESS_BACKEND[$name]=$(x "$name" "SELECT pg_backend_pid()")
	# warnings and errors only: the NOTICEs runs and loads send after each
	# step are not what the suites compare
	x "$name" "SET client_min_messages = warning" >/dev/null
}

# Send SQL to session $1 without waiting; a marker follows it.
send() {
	local name=$1 sql=$2 k
	k=$(($(seq_of "$name") + 1))
	echo $k >"$SESSDIR/$name.seq"
	# the ";" ends a statement sent without one: psql runs a backslash
	# command at once, before a statement still in its buffer (not after
	# COPY data: psql 15 stops reading after a lone ";" there)
	if [ "${sql##*$'\n'}" = '\.' ]; then
		printf '%s\n\\echo @@done-%s\n' "$sql" "$k" >&"${SESS_FD[$name]}"
	else
		printf '%s\n;\n\\echo @@done-%s\n' "$sql" "$k" >&"${SESS_FD[$name]}"
	fi
}

# Wait until session $1 has finished what was sent; print its output since
# the last wait (the marker removed).  Gives up after 60 s (an error line).
wait_done() {
	local name=$1 marker="@@done-$(seq_of "$1")" i=0
	while ! grep -qx -- "$marker" "$SESSDIR/$name.out"; do
		i=$((i + 1))
		if [ $i -gt 1200 ]; then echo "ERROR: session $name timed out"; return 1; fi
		sleep 0.05
	done
	sed -n "$(($(seen_of "$name") + 1)),\$p" "$SESSDIR/$name.out" | sed "/^$marker\$/,\$d" | grep -v '^@@done-'
	grep -nx -- "$marker" "$SESSDIR/$name.out" | cut -d: -f1 >"$SESSDIR/$name.seen"
}

# Run SQL in session $1 and print its output.
x() {
	send "$1" "$2"
	wait_done "$1"
}

# Wait until session $1's backend is blocked on a heavyweight lock.
wait_blocked() {
	local name=$1 i=0
	while [ "$(psql -X -At -c "SELECT count(*) FROM pg_stat_activity
		WHERE pid = ${SESS_BACKEND[$name]} AND wait_event_type = 'Lock'")" != 1 ]; do
		i=$((i + 1))
		if [ $i -gt 1200 ]; then echo "ERROR: session $name never blocked"; return 1; fi
		sleep 0.05
	done
}

# Whether session $1's backend is blocked on a lock right now.
is_blocked() {
	[ "$(psql -X -At -c "SELECT count(*) FROM pg_stat_activity
		WHERE pid = ${SESS_BACKEND[$1]} AND wait_event_type = 'Lock'")" = 1 ]
}

# End every session.
close_sessions() {
	local name
	for name in "${SESSIONS[@]}"; do
		printf '\\q\n' >&"${SESS_FD[$name]}" 2>/dev/null
		eval "exec ${SESS_FD[$name]}>&-" 2>/dev/null
		wait "${SESS_PID[$name]}" 2>/dev/null
	done
	SESSIONS=()
	rm -rf "$SESSDIR"
}
