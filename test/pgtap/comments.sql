-- pgTAP: the catalog documents itself.  Every function, procedure,
-- aggregate, type, table and view of scorecard, scorecard_plan and
-- scorecard_report, and
-- every column of every view, has a COMMENT (what \df+, \d+ and BI tools'
-- metadata show).  A failure lists what lacks one, by name.
SELECT plan(6);

CREATE TEMP VIEW ext_member AS
	SELECT e.extname, d.classid, d.objid
	FROM pg_depend d
	JOIN pg_extension e ON d.refclassid = 'pg_extension'::regclass AND d.refobjid = e.oid
	WHERE d.deptype = 'e' AND e.extname IN ('scorecard', 'scorecard_plan', 'scorecard_report');

SELECT is_empty($$
	SELECT m.extname || ': ' || p.oid::regprocedure
	FROM ext_member m JOIN pg_proc p ON m.classid = 'pg_proc'::regclass AND p.oid = m.objid
	WHERE p.prokind IN ('f', 'p') AND obj_description(p.oid, 'pg_proc') IS NULL
	ORDER BY 1
$$, 'every function and procedure has a comment');

SELECT is_empty($$
	SELECT m.extname || ': ' || p.oid::regprocedure
	FROM ext_member m JOIN pg_proc p ON m.classid = 'pg_proc'::regclass AND p.oid = m.objid
	WHERE p.prokind = 'a' AND obj_description(p.oid, 'pg_proc') IS NULL
	ORDER BY 1
$$, 'every aggregate has a comment');

SELECT is_empty($$
	SELECT m.extname || ': ' || t.oid::regtype
	FROM ext_member m JOIN pg_type t ON m.classid = 'pg_type'::regclass AND t.oid = m.objid
	WHERE obj_description(t.oid, 'pg_type') IS NULL
	ORDER BY 1
$$, 'every type has a comment');

SELECT is_empty($$
	SELECT m.extname || ': ' || c.oid::regclass
	FROM ext_member m JOIN pg_class c ON m.classid = 'pg_class'::regclass AND c.oid = m.objid
	WHERE c.relkind IN ('r', 'p') AND obj_description(c.oid, 'pg_class') IS NULL
	ORDER BY 1
$$, 'every table has a comment');

SELECT is_empty($$
	SELECT m.extname || ': ' || c.oid::regclass
	FROM ext_member m JOIN pg_class c ON m.classid = 'pg_class'::regclass AND c.oid = m.objid
	WHERE c.relkind IN ('v', 'm') AND obj_description(c.oid, 'pg_class') IS NULL
	ORDER BY 1
$$, 'every view has a comment');

SELECT is_empty($$
	SELECT m.extname || ': ' || c.oid::regclass || '.' || a.attname
	FROM ext_member m JOIN pg_class c ON m.classid = 'pg_class'::regclass AND c.oid = m.objid
	JOIN pg_attribute a ON a.attrelid = c.oid AND a.attnum > 0 AND NOT a.attisdropped
	WHERE c.relkind IN ('v', 'm') AND col_description(c.oid, a.attnum) IS NULL
	ORDER BY 1
$$, 'every view column has a comment');

SELECT * FROM finish();
