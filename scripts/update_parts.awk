# Print the statements of install parts (plan/*.sql, src/sql/*.sql) that an
# update script runs again, so that an updated database gets the objects a
# fresh install creates from the same text (README "Versions and upgrades"):
#   CREATE FUNCTION/PROCEDURE/AGGREGATE/VIEW/TRIGGER  as CREATE OR REPLACE
#   CREATE TYPE/OPERATOR/CAST/OPERATOR CLASS          only when new (skipped
#                                                     when it exists: 42710)
#   CREATE TABLE, SEQUENCE, [UNIQUE] INDEX            only when no relation
#                                                     of that name exists (a
#                                                     new table comes whole)
#   COMMENT, GRANT, REVOKE, DO, ALTER FUNCTION/...,   as they stand (each
#   SELECT pg_extension_config_dump(...)              is idempotent)
# Changes of existing tables and rows (ALTER TABLE, INSERT, UPDATE,
# DELETE) are skipped: they are the update's hand-written part.  Any other
# statement stops the build, so that a new kind of statement is classified
# here before an update script silently leaves it out.
# Usage: LC_ALL=C awk -f scripts/update_parts.awk FILE...
# Statements end at a semicolon outside quotes, comments, dollar quotes and
# SQL-standard bodies (BEGIN ATOMIC ... END), as psql splits them.

function reset() {
	buf = ""; has_code = 0; code_start = 0; nwords = 0; atomic = 0; start_line = FNR
	delete head
}

# The statement in buf is complete: classify it and print it (or not).
function finish(   code, w1, w2, w3, w4, x, kind, stmt) {
	if (!has_code) { reset(); return }
	code = substr(buf, code_start)
	w1 = head[1]; w2 = head[2]; w3 = head[3]; w4 = head[4]
	x = 0
	if (w1 == "CREATE" && w2 == "OR" && w3 == "REPLACE") { w2 = head[4]; w3 = head[5]; x = 1 }
	if (w1 == "CREATE" && (w2 == "FUNCTION" || w2 == "PROCEDURE" || w2 == "AGGREGATE" || w2 == "VIEW" || w2 == "TRIGGER")) {
		if (!x) sub(/^CREATE[ \t\n]+/, "CREATE OR REPLACE ", code)
		kind = "replace"
	} else if (w1 == "CREATE" && (w2 == "TYPE" || w2 == "OPERATOR" || w2 == "CAST")) {
		if (index(code, "$ddl$") || index(code, "$update$")) fail("a dollar tag $ddl$ or $update$ in the statement")
		sub(/;[ \t\n]*$/, "", code)
		code = "DO $update$ BEGIN EXECUTE $ddl$" code "$ddl$;\n" \
		       "EXCEPTION WHEN duplicate_object OR duplicate_function THEN NULL;  -- it exists: kept\nEND $update$;"
		kind = "if new"
	} else if (w1 == "CREATE" && (w2 == "INDEX" || w2 == "TABLE" || w2 == "SEQUENCE" || (w2 == "UNIQUE" && w3 == "INDEX"))) {
		code = if_no_relation(code)
		kind = "if new"
	} else if (w1 == "COMMENT" || w1 == "GRANT" || w1 == "REVOKE" || w1 == "DO" ||
	           (w1 == "ALTER" && (w2 == "FUNCTION" || w2 == "PROCEDURE" || w2 == "ROUTINE" || w2 == "AGGREGATE" || w2 == "VIEW")) ||
	           (w1 == "SELECT" && index(code, "pg_extension_config_dump("))) {
		kind = "again"
	} else if ((w1 == "ALTER" && (w2 == "TABLE" || w2 == "SEQUENCE")) || w1 == "INSERT" || w1 == "UPDATE" || w1 == "DELETE") {
		kind = "hand-written"
	} else {
		fail("statement " w1 " " w2 " " w3 " is not classified (scripts/update_parts.awk)")
	}
	if (kind != "hand-written") {
		if (!printed_file) { printf "\n-- from %s\n", FILENAME; printed_file = 1 }
		print code
	}
	reset()
}

# CREATE TABLE/SEQUENCE/INDEX name ...: run only when no relation of that
# name exists in the extension's schema (the script's current schema;
# quietly, where IF NOT EXISTS would print a notice for every
# table of every update).
function if_no_relation(code,   name) {
	if (head[3] == "IF" || head[4] == "IF") return code  # IF NOT EXISTS already
	if (!match(code, /^CREATE[ \t\n]+(UNIQUE[ \t\n]+)?(TABLE|SEQUENCE|INDEX)[ \t\n]+[A-Za-z_][A-Za-z0-9_]*[ \t\n(]/))
		fail("CREATE TABLE, SEQUENCE or INDEX without a plain name (scripts/update_parts.awk)")
	name = substr(code, 1, RLENGTH - 1)
	sub(/^.*[ \t\n]/, "", name)
	if (toupper(name) == "ON" || toupper(name) == "CONCURRENTLY")
		fail("an index without a name would be created again by every update: name it")
	if (index(code, "$ddl$") || index(code, "$update$")) fail("a dollar tag $ddl$ or $update$ in the statement")
	sub(/;[ \t\n]*$/, "", code)
	return "DO $update$ BEGIN IF pg_catalog.to_regclass(pg_catalog.quote_ident(pg_catalog.current_schema()) OPERATOR(pg_catalog.||) '." name "') IS NULL\nTHEN EXECUTE $ddl$" code "$ddl$;\n" \
	       "END IF; END $update$;  -- new only"
}

function fail(msg) {
	printf "%s:%d: %s\n", FILENAME, start_line, msg > "/dev/stderr"
	failed = 1
	exit 1
}

# A word outside quotes: the first five name the statement; BEGIN/CASE/END
# count the depth of a SQL-standard routine body.
function word(w) {
	w = toupper(w)
	if (nwords < 5) head[++nwords] = w
	if (head[1] == "CREATE" && (head[2] == "FUNCTION" || head[2] == "PROCEDURE" ||
	    (head[2] == "OR" && (head[4] == "FUNCTION" || head[4] == "PROCEDURE")))) {
		if (w == "BEGIN" && nwords > 2) atomic++
		else if (w == "CASE" && atomic > 0) atomic++
		else if (w == "END" && atomic > 0) atomic--
	}
}

BEGIN { reset(); failed = 0 }
FNR == 1 { if (NR > 1 && has_code) fail("statement without a semicolon at the end of the previous file"); reset(); printed_file = 0; in_dollar = ""; in_sq = 0; in_dq = 0; in_bc = 0 }

{
	line = $0
	# psql meta-commands (\echo ... \quit) between statements
	if (!has_code && !in_dollar && !in_bc && line ~ /^\\/) next
	n = length(line); i = 1; seg = 1
	while (i <= n) {
		c = substr(line, i, 1)
		if (in_dollar != "") {
			if (c == "$" && substr(line, i, length(in_dollar)) == in_dollar) { i += length(in_dollar); in_dollar = ""; continue }
			i++; continue
		}
		if (in_sq) { if (c == "'") in_sq = 0; i++; continue }
		if (in_dq) { if (c == "\"") in_dq = 0; i++; continue }
		if (in_bc) {
			if (substr(line, i, 2) == "*/") { in_bc--; i += 2; continue }
			if (substr(line, i, 2) == "/*") { in_bc++; i += 2; continue }
			i++; continue
		}
		if (substr(line, i, 2) == "--") break
		if (substr(line, i, 2) == "/*") { in_bc = 1; i += 2; continue }
		if (c ~ /[ \t\r]/) { i++; continue }
		if (!has_code) { has_code = 1; code_start = length(buf) + (i - seg) + 1; start_line = FNR }
		if (c == "'") { in_sq = 1; i++; continue }
		if (c == "\"") { in_dq = 1; i++; continue }
		if (c == "$" && match(substr(line, i), /^\$([A-Za-z_][A-Za-z0-9_]*)?\$/)) {
			in_dollar = substr(line, i, RLENGTH); i += RLENGTH; continue
		}
		if (c ~ /[A-Za-z_]/) {
			match(substr(line, i), /^[A-Za-z_][A-Za-z0-9_$]*/)
			word(substr(line, i, RLENGTH)); i += RLENGTH; continue
		}
		if (c == ";" && atomic == 0) {
			buf = buf substr(line, seg, i - seg + 1)
			finish()
			i++; seg = i
			continue
		}
		i++
	}
	buf = buf substr(line, seg) "\n"
	if (!has_code && buf ~ /^[ \t\n]*$/) buf = ""
}

END {
	if (failed) exit 1
	if (has_code) fail("statement without a semicolon at the end")
}
