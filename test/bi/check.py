"""The BI suite's checks (test/suites/bi.sh): compares what each driver
reported (drivers.py, ViewTypes.java output) with the catalog and with the
text digests psql computed, prints TAP lines from number START and the type
table.  Usage: check.py START REFERENCE DRIVER=FILE..."""
import sys

# What each driver must report for each PostgreSQL type a BI view may have:
# (reported type, value type).
EXPECTED = {
    'psycopg2': {'boolean': ('bool', 'bool'), 'integer': ('int4', 'int'), 'bigint': ('int8', 'int'),
                 'double precision': ('float8', 'float'), 'numeric': ('numeric', 'Decimal'),
                 'text': ('text', 'str'), 'date': ('date', 'date'),
                 'timestamp with time zone': ('timestamptz', 'datetime')},
    'pgjdbc': {'boolean': ('bool BIT', 'java.lang.Boolean'), 'integer': ('int4 INTEGER', 'java.lang.Integer'),
               'bigint': ('int8 BIGINT', 'java.lang.Long'), 'double precision': ('float8 DOUBLE', 'java.lang.Double'),
               'numeric': ('numeric NUMERIC', 'java.math.BigDecimal'), 'text': ('text VARCHAR', 'java.lang.String'),
               'date': ('date DATE', 'java.sql.Date'),
               'timestamp with time zone': ('timestamptz TIMESTAMP', 'java.sql.Timestamp')},
    'psqlodbc': {'boolean': ('SQL_BIT bool', 'bool'), 'integer': ('SQL_INTEGER int4', 'int'),
                 'bigint': ('SQL_BIGINT int8', 'int'), 'double precision': ('SQL_FLOAT float8', 'float'),
                 'numeric': ('SQL_NUMERIC numeric', 'Decimal'), 'text': ('SQL_WVARCHAR text', 'str'),
                 'date': ('SQL_TYPE_DATE date', 'date'),
                 'timestamp with time zone': ('SQL_TYPE_TIMESTAMP timestamptz', 'datetime')},
}


def parse(path):
    """cols: (view, column) -> (reported, value type); rows, text, num: view -> ..."""
    cols, rows, text, num = {}, {}, {}, {}
    for line in open(path, encoding='utf-8'):
        f = line.rstrip('\n').split('|')
        if f[0] == 'col':
            if len(f) == 6:     # JDBC: type name, Types name, class
                cols[(f[1], f[2])] = ('%s %s' % (f[3], f[4]), f[5])
            else:
                cols[(f[1], f[2])] = (f[3], f[4])
        elif f[0] == 'rows':
            rows[f[1]] = f[2]
        elif f[0] == 'text':
            text[f[1]] = (f[2], f[3])
        elif f[0] == 'num':
            num[f[1]] = (f[2], f[3])
    return cols, rows, text, num


def main():
    n = int(sys.argv[1])
    ref_cols, ref_rows, ref_text, ref_num = {}, {}, {}, {}
    for line in open(sys.argv[2], encoding='utf-8'):
        f = line.rstrip('\n').split('|')
        if f[0] == 'col':
            ref_cols[(f[1], f[2])] = f[3]
        elif f[0] == 'rows':
            ref_rows[f[1]] = f[2]
        elif f[0] == 'text':
            ref_text[f[1]] = (f[2], f[3])
        elif f[0] == 'num':
            ref_num[f[1]] = (f[2], f[3])
    views = sorted(ref_rows)
    table = {}
    failed = 0

    def ok(cond, what, detail=()):
        nonlocal n, failed
        n += 1
        print('%s %d - %s' % ('ok' if cond else 'not ok', n, what))
        for d in detail:
            print('#   ' + d)
        failed |= not cond

    standard = set(EXPECTED['psycopg2'])
    odd = ['%s.%s: %s' % (v, c, t) for (v, c), t in sorted(ref_cols.items()) if t not in standard]
    ok(not odd, 'every column of the %d views has a standard type (%d columns)' % (len(views), len(ref_cols)), odd)
    for arg in sys.argv[3:]:
        driver, path = arg.split('=', 1)
        cols, rows, text, num = parse(path)
        exp = EXPECTED[driver]
        bad = []
        for key, pgtype in sorted(ref_cols.items()):
            got = cols.get(key)
            want = exp.get(pgtype)
            table.setdefault(pgtype, {})[driver] = got if got else ('missing', '-')
            if got is None or want is None or got[0] != want[0] or got[1] not in (want[1], '-'):
                bad.append('%s.%s (%s): got %s, want %s' % (key[0], key[1], pgtype, got, want))
        ok(not bad, '%s reports the expected type for every column' % driver, bad[:10])
        bad = ['%s: %s rows, want %s' % (v, rows.get(v), ref_rows[v]) for v in views if rows.get(v) != ref_rows[v]]
        bad += ['%s: text %s, want %s' % (v, text.get(v), ref_text[v]) for v in views if text.get(v) != ref_text[v]]
        ntext = sum(int(ref_text[v][0]) for v in views)
        ok(not bad, '%s reads every row, and every text value (%d, Chinese included) arrives intact' % (driver, ntext), bad)
        bad = ['%s: numeric %s, want %s' % (v, num.get(v), ref_num[v]) for v in views if num.get(v) != ref_num[v]]
        nnum = sum(int(ref_num[v][0]) for v in views)
        ok(not bad and nnum > 0, '%s reads every numeric value (%d) as the exact decimal psql shows' % (driver, nnum), bad)
    drivers = [a.split('=', 1)[0] for a in sys.argv[3:]]
    print('# %-26s %-4s %s' % ('PostgreSQL type', 'cols', ' | '.join('%-36s' % d for d in drivers)))
    for pgtype in sorted(table):
        count = sum(1 for t in ref_cols.values() if t == pgtype)
        cells = ['%-36s' % ('%s -> %s' % table[pgtype][d] if d in table[pgtype] else '') for d in drivers]
        print('# %-26s %-4d %s' % (pgtype, count, ' | '.join(cells)))
    print('%d' % n, file=sys.stderr)
    sys.exit(1 if failed else 0)


main()
