#!/usr/bin/env python3
"""Run the SQL examples of the documentation and compare their results.

Usage (a server with the extensions installed, PGHOST/PGPORT/PGUSER set,
e.g. after `eval "$(bash scripts/pgserver.sh env test)"`):

    python3 test/doc_examples.py docs/reference.md [more.md ...]
    python3 test/doc_examples.py --fill docs/reference.md

It creates the database doc_examples, loads the demo plan into it
(data/plan.sql, data/generate.sql, runs at 2024-11-30 and 2024-10-31) with
search_path = scorecard, public, and runs every ```sql block of each file
as one psql session, statement by statement. A statement (ending with `;`)
followed on its last line by `-- → RESULT` must print RESULT: psql's
unaligned output, columns joined by `|`, rows by `; `, NULL as `NULL`,
or `ERROR <sqlstate>` for an error. A statement without one must not fail.
With --fill, every `-- → ?` is replaced by what the statement printed.
Exit status 1 when any example fails.
"""
import os
import re
import subprocess
import sys

TOP = os.path.dirname(os.path.dirname(os.path.abspath(__file__)))
DB = "doc_examples"
ROLES = ["analyst_beita", "analyst_city"]
ARROW = " -- → "


def psql(args, stdin=None, db="postgres"):
    return subprocess.run(["psql", "-X", "-q", "-d", db] + args, input=stdin,
                          capture_output=True, text=True, cwd=TOP)


def setup():
    sqls = ["DROP DATABASE IF EXISTS %s" % DB]
    sqls += ["DROP ROLE IF EXISTS %s" % r for r in ROLES]
    sqls += ["CREATE DATABASE %s" % DB,
             "ALTER DATABASE %s SET search_path = scorecard, public" % DB]
    args = ["-v", "ON_ERROR_STOP=1", "-c", "SET client_min_messages = warning"]
    for sql in sqls:
        args += ["-c", sql]
    r = psql(args)
    if r.returncode:
        sys.exit(r.stderr)
    r = psql(["-v", "ON_ERROR_STOP=1", "-c", "SET client_min_messages = warning",
              "-c", "CREATE EXTENSION scorecard_report CASCADE",
              "-c", "SET search_path = scorecard, public",
              "-f", "data/plan.sql", "-f", "data/generate.sql",
              "-c", "CALL run_assessment(2024)",
              "-c", "CALL run_assessment(2024, '2024-10-31')"], db=DB)
    if r.returncode:
        sys.exit(r.stderr)


def blocks(lines):
    """(first line index, [line indexes]) of each ```sql block."""
    out, cur = [], None
    for i, line in enumerate(lines):
        s = line.strip()
        if cur is None and re.match(r"^```sql\b", s):
            cur = []
        elif cur is not None and s == "```":
            out.append(cur)
            cur = None
        elif cur is not None:
            cur.append(i)
    return out


def statements(lines, idx):
    """[(text, expected or None, line index of the last line)] of a block."""
    out, buf = [], []
    for i in idx:
        line = lines[i]
        code, exp = line, None
        if ARROW in line:
            code, exp = line.split(ARROW, 1)
            exp = exp.strip()
        elif re.match(r"^\s*--", line):
            code = ""
        else:
            code = re.sub(r"\s+--\s.*$", "", line)
        if code.strip():
            buf.append(code)
        if buf and (code.rstrip().endswith(";") or exp is not None):
            out.append(("\n".join(buf), exp, i))
            buf = []
    if buf:
        out.append(("\n".join(buf), None, idx[-1]))
    return out


def run_block(stmts):
    script = ["\\set ON_ERROR_STOP 0", "\\pset null NULL", "\\pset footer off",
              "SET client_min_messages = warning;"]
    for n, (text, _, _) in enumerate(stmts):
        script += ["\\echo '@@@ %d'" % n, text,
                   "\\if :ERROR", "\\echo '@@@ERROR' :LAST_ERROR_SQLSTATE", "\\endif"]
    script.append("\\echo '@@@ end'")
    r = psql(["-A", "-t", "-F", "|"], stdin="\n".join(script) + "\n", db=DB)
    got, cur = {}, None
    for line in r.stdout.splitlines():
        m = re.match(r"^@@@ (\d+|end)$", line)
        if m:
            cur = None if m.group(1) == "end" else int(m.group(1))
            got[cur] = []
        elif line.startswith("@@@ERROR"):
            got[cur] = ["ERROR " + line.split()[1]]
        elif cur is not None:
            got[cur].append(line)
    return ["; ".join(got.get(n, ["(no output)"])) for n in range(len(stmts))], r.stderr


def main():
    args = sys.argv[1:]
    fill = "--fill" in args
    files = [a for a in args if a != "--fill"]
    setup()
    failed = checked = 0
    for path in files:
        with open(path, encoding="utf-8") as f:
            lines = f.read().split("\n")
        for idx in blocks(lines):
            stmts = statements(lines, idx)
            if not stmts:
                continue
            results, err = run_block(stmts)
            for (text, exp, last), res in zip(stmts, results):
                checked += 1
                if fill and exp == "?":
                    lines[last] = lines[last].split(ARROW, 1)[0] + ARROW + res
                    continue
                bad = (exp is not None and res != exp) or \
                      (exp is None and res.startswith("ERROR"))
                if bad:
                    failed += 1
                    print("not ok: %s:%d\n  %s\n  expected: %s\n  got:      %s"
                          % (path, last + 1, text.replace("\n", "\n  "), exp, res))
                    if res.startswith("ERROR"):
                        print("  " + err.strip().replace("\n", "\n  "))
        if fill:
            with open(path, "w", encoding="utf-8") as f:
                f.write("\n".join(lines))
    print("%d examples, %d failed" % (checked, failed))
    sys.exit(1 if failed else 0)


if __name__ == "__main__":
    main()
