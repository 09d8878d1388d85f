"""The BI suite's Python side (test/suites/bi.sh): reads every view of the
plan model through psycopg2 or psqlODBC (pyodbc) and prints, per column, the
type the driver reports, per view the row count and an MD5 of its text
values (sorted by their UTF-8 bytes, joined by newlines) and of its numeric
values as exact decimals (trailing zeros dropped), as bi.sh computes them.
Usage: drivers.py psycopg2 CONNINFO VIEW...
       drivers.py odbc CONNSTRING VIEW...   (types from SQLColumns)"""
import hashlib
import sys

ODBC_TYPES = {-7: 'SQL_BIT', 4: 'SQL_INTEGER', -5: 'SQL_BIGINT', 8: 'SQL_DOUBLE', 6: 'SQL_FLOAT',
              7: 'SQL_REAL', 2: 'SQL_NUMERIC', 3: 'SQL_DECIMAL', 12: 'SQL_VARCHAR', -9: 'SQL_WVARCHAR',
              -1: 'SQL_LONGVARCHAR', -10: 'SQL_WLONGVARCHAR', 1: 'SQL_CHAR', -8: 'SQL_WCHAR',
              91: 'SQL_TYPE_DATE', 93: 'SQL_TYPE_TIMESTAMP', 9: 'SQL_DATE', 11: 'SQL_TIMESTAMP'}


def digest(values):
    """MD5 of the values sorted by UTF-8 bytes, joined by newlines."""
    data = sorted(v.encode('utf-8') for v in values)
    return hashlib.md5(b'\n'.join(data)).hexdigest()


def decimal_text(value):
    """A Decimal as PostgreSQL's trim_scale(numeric)::text writes it."""
    t = format(value.normalize(), 'f')
    return '0' if t in ('-0', '0') else t


def read(cur, view, types, text_cols, numeric_cols):
    """Print the row count and the text and numeric digests of one view; types: column -> reported type."""
    cur.execute('SELECT * FROM scorecard.' + view)
    names = [d[0] for d in cur.description]
    rows = cur.fetchall()
    pytypes = {}
    texts = []
    numbers = []
    for row in rows:
        for name, value in zip(names, row):
            if value is not None:
                pytypes.setdefault(name, type(value).__name__)
                if name in text_cols:
                    texts.append(value)
                if name in numeric_cols:
                    numbers.append(decimal_text(value))
    for name in names:
        print('col|%s|%s|%s|%s' % (view, name, types[name], pytypes.get(name, '-')))
    print('rows|%s|%d' % (view, len(rows)))
    print('text|%s|%d|%s' % (view, len(texts), digest(texts)))
    print('num|%s|%d|%s' % (view, len(numbers), digest(numbers)))


def main():
    driver, conn, views = sys.argv[1], sys.argv[2], sys.argv[3:]
    if driver == 'psycopg2':
        import psycopg2
        db = psycopg2.connect(conn)
        cur = db.cursor()
        for view in views:
            cur.execute('SELECT * FROM scorecard.%s LIMIT 0' % view)
            oids = {d.name: d.type_code for d in cur.description}
            cur.execute('SELECT oid, typname FROM pg_type WHERE oid = ANY(%s)', (list(oids.values()),))
            typname = dict(cur.fetchall())
            types = {n: typname[o] for n, o in oids.items()}
            read(cur, view, types, {n for n, t in types.items() if t == 'text'},
                 {n for n, t in types.items() if t == 'numeric'})
    else:
        import pyodbc
        db = pyodbc.connect(conn)
        cur = db.cursor()
        for view in views:
            cols = cur.columns(table=view, schema='scorecard').fetchall()
            types = {c.column_name: '%s %s' % (ODBC_TYPES.get(c.data_type, c.data_type), c.type_name) for c in cols}
            text_cols = {c.column_name for c in cols if c.type_name == 'text'}
            numeric_cols = {c.column_name for c in cols if c.type_name == 'numeric'}
            read(cur, view, types, text_cols, numeric_cols)


main()
