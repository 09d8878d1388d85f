-- A canonical description of everything the two extensions own, one line
-- per fact, sorted: a database updated from 0.1.0 must print the same lines
-- as a fresh install of the current version (test/suites/upgrade.sh diffs
-- them).  Types and plan in schema scorecard in both.
WITH ext AS (
	SELECT oid, extname FROM pg_extension WHERE extname IN ('scorecard', 'scorecard_plan')
), mem AS (
	SELECT e.extname, d.classid, d.objid, pg_describe_object(d.classid, d.objid, 0) AS obj
	FROM pg_depend d JOIN ext e ON d.refclassid = 'pg_extension'::regclass AND d.refobjid = e.oid
	WHERE d.deptype = 'e'
), facts AS (
	-- the extensions themselves
	SELECT e.extname AS ext, 'extension' AS obj,
	       format('version=%s relocatable=%s schema=%s config=%s condition=%s', x.extversion,
	              x.extrelocatable, x.extnamespace::regnamespace,
	              (SELECT array_agg(c::regclass::text ORDER BY c::regclass::text) FROM unnest(x.extconfig) c),
	              x.extcondition) AS fact
	FROM ext e JOIN pg_extension x ON x.oid = e.oid
	UNION ALL
	-- membership, and every member's comment and owner-independent ACL
	SELECT m.extname, m.obj, 'member; comment=' || coalesce(obj_description(m.objid, m.classid::regclass::text), '<none>')
	FROM mem m
	UNION ALL
	-- functions, procedures, aggregates: their full definition
	SELECT m.extname, m.obj, CASE WHEN p.prokind = 'a' THEN
		format('aggregate trans=%s combine=%s final=%s serial=%s deserial=%s stype=%s init=%s parallel=%s',
		       a.aggtransfn::regprocedure, a.aggcombinefn, a.aggfinalfn, a.aggserialfn, a.aggdeserialfn,
		       a.aggtranstype::regtype, a.agginitval, p.proparallel)
		ELSE pg_get_functiondef(p.oid) || format(' acl=%s', p.proacl) END
	FROM mem m JOIN pg_proc p ON m.classid = 'pg_proc'::regclass AND p.oid = m.objid
	LEFT JOIN pg_aggregate a ON a.aggfnoid = p.oid
	UNION ALL
	-- types: the functions and storage that define the on-disk form
	SELECT m.extname, m.obj, format('type len=%s byval=%s align=%s storage=%s in=%s out=%s recv=%s send=%s',
		t.typlen, t.typbyval, t.typalign, t.typstorage, t.typinput, t.typoutput, t.typreceive, t.typsend)
	FROM mem m JOIN pg_type t ON m.classid = 'pg_type'::regclass AND t.oid = m.objid
	UNION ALL
	-- operators, casts
	SELECT m.extname, m.obj, format('operator code=%s commutator=%s negator=%s restrict=%s join=%s',
		o.oprcode, o.oprcom::regoperator, o.oprnegate::regoperator, o.oprrest, o.oprjoin)
	FROM mem m JOIN pg_operator o ON m.classid = 'pg_operator'::regclass AND o.oid = m.objid
	UNION ALL
	SELECT m.extname, m.obj, format('cast func=%s context=%s method=%s', c.castfunc::regprocedure, c.castcontext, c.castmethod)
	FROM mem m JOIN pg_cast c ON m.classid = 'pg_cast'::regclass AND c.oid = m.objid
	UNION ALL
	-- relations: kind, view text, columns, constraints, indexes, triggers, column comments
	SELECT m.extname, m.obj, format('relation kind=%s options=%s acl=%s', c.relkind, c.reloptions, c.relacl)
		|| coalesce(' view=' || pg_get_viewdef(c.oid), '')
	FROM mem m JOIN pg_class c ON m.classid = 'pg_class'::regclass AND c.oid = m.objid
	UNION ALL
	SELECT m.extname, m.obj, format('column %s %s notnull=%s default=%s identity=%s comment=%s', a.attnum, a.attname,
		format_type(a.atttypid, a.atttypmod), a.attnotnull, pg_get_expr(ad.adbin, ad.adrelid), a.attidentity,
		coalesce(col_description(a.attrelid, a.attnum), '<none>'))
	FROM mem m JOIN pg_attribute a ON m.classid = 'pg_class'::regclass AND a.attrelid = m.objid
		AND a.attnum > 0 AND NOT a.attisdropped
	LEFT JOIN pg_attrdef ad ON ad.adrelid = a.attrelid AND ad.adnum = a.attnum
	UNION ALL
	SELECT m.extname, m.obj, format('constraint %s %s', co.conname, pg_get_constraintdef(co.oid))
	FROM mem m JOIN pg_constraint co ON m.classid = 'pg_class'::regclass AND co.conrelid = m.objid
	UNION ALL
	SELECT m.extname, m.obj, 'index ' || pg_get_indexdef(i.indexrelid)
	FROM mem m JOIN pg_index i ON m.classid = 'pg_class'::regclass AND i.indrelid = m.objid
	UNION ALL
	SELECT m.extname, m.obj, 'trigger ' || pg_get_triggerdef(tg.oid)
	FROM mem m JOIN pg_trigger tg ON m.classid = 'pg_class'::regclass AND tg.tgrelid = m.objid AND NOT tg.tgisinternal
	UNION ALL
	SELECT m.extname, m.obj, format('sequence type=%s start=%s inc=%s min=%s max=%s cache=%s cycle=%s owned_by=%s',
		s.seqtypid::regtype, s.seqstart, s.seqincrement, s.seqmin, s.seqmax, s.seqcache, s.seqcycle,
		(SELECT pg_describe_object(d.refclassid, d.refobjid, d.refobjsubid) FROM pg_depend d
		 WHERE d.classid = 'pg_class'::regclass AND d.objid = s.seqrelid AND d.deptype = 'a'))
	FROM mem m JOIN pg_sequence s ON m.classid = 'pg_class'::regclass AND s.seqrelid = m.objid
)
SELECT ext || ' | ' || obj || ' | ' || replace(fact, E'\n', E'\n\t') FROM facts ORDER BY 1;
