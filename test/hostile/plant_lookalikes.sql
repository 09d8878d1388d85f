-- Run by mallory (test/suites/hostile.sh, case E) after the plan is
-- installed: look-alikes, in schema public, of every function, aggregate and
-- operator name that the installed SQL of scorecard, scorecard_plan and
-- scorecard_report calls.  The names come from the installed text (pg_get_functiondef of
-- every member function that is not C, pg_get_viewdef of every member view);
-- the argument types from the built-ins of those names (pg_catalog, the
-- types' schema, scorecard): each parameter becomes its own type and every
-- type of the list below that casts to it implicitly (all of the list for a
-- polymorphic parameter), so each look-alike matches some call better than
-- the built-in that call would otherwise use, or as well.  A combination is
-- planted only where the built-in accepts it (a probe query resolves the
-- call and gives its result type); each look-alike calls public.sprung (log, try
-- ALTER ROLE mallory SUPERUSER) and then the built-in.  Prints the counts.
\set ON_ERROR_STOP on
SET client_min_messages = warning;
-- her own code must not meet her look-alikes
SET search_path = pg_catalog, pg_temp;
CREATE TABLE IF NOT EXISTS public.trap_log (fn text, run_as text, at timestamptz DEFAULT clock_timestamp());
GRANT INSERT, SELECT ON public.trap_log TO PUBLIC;
CREATE OR REPLACE FUNCTION public.sprung(fn text) RETURNS void LANGUAGE plpgsql AS $$
BEGIN
	RAISE WARNING 'trap sprung: %', fn;
	INSERT INTO public.trap_log (fn, run_as) VALUES (fn, current_user);
	BEGIN
		ALTER ROLE mallory SUPERUSER;
	EXCEPTION WHEN insufficient_privilege THEN NULL;
	END;
END $$;

CREATE TEMP TABLE plant_count (what text, n int);
DO $plant$
DECLARE
	types_schema text := (SELECT n.nspname FROM pg_extension e JOIN pg_namespace n ON n.oid = e.extnamespace
	                      WHERE e.extname = 'scorecard');
	-- the plausible exact types of an argument
	plausible text[] := ARRAY['text', 'text[]', 'varchar', 'name', 'smallint', 'int', 'int[]', 'bigint', 'bigint[]',
		'numeric', 'numeric[]', 'real', 'float8', 'float8[]', 'date', 'date[]', 'timestamp', 'timestamptz',
		'interval', 'boolean', 'boolean[]', 'jsonb', 'regclass', 'oid'];
	src text;
	fnames text[];
	opnames text[];
	b record;
	cand text[];
	combos text[];
	combo text;
	args text[];
	i int;
	k int;
	ret text;
	probe text;
	nfun int := 0;
	nagg int := 0;
	nop int := 0;
	seq int := 0;
	lim int;
BEGIN
	-- the scorecard types (and arrays) where she can name them
	IF has_schema_privilege(types_schema, 'USAGE') THEN
		plausible := plausible || ARRAY[
			format('%I.target', types_schema), format('%I.ytd', types_schema), format('%I.assessment', types_schema),
			format('%I.target[]', types_schema), format('%I.ytd[]', types_schema)];
	END IF;
	plausible := ARRAY(SELECT format_type(x::regtype, NULL) FROM unnest(plausible) x);

	-- the installed SQL of both extensions
	SELECT string_agg(t, E'\n') INTO src FROM (
		SELECT pg_get_functiondef(p.oid) AS t
		FROM pg_proc p JOIN pg_depend d ON d.classid = 'pg_proc'::regclass AND d.objid = p.oid AND d.deptype = 'e'
		JOIN pg_extension e ON e.oid = d.refobjid AND e.extname IN ('scorecard', 'scorecard_plan', 'scorecard_report')
		JOIN pg_language l ON l.oid = p.prolang
		WHERE l.lanname <> 'c' AND p.prokind IN ('f', 'p')
		UNION ALL
		SELECT pg_get_viewdef(c.oid)
		FROM pg_class c JOIN pg_depend d ON d.classid = 'pg_class'::regclass AND d.objid = c.oid AND d.deptype = 'e'
		JOIN pg_extension e ON e.oid = d.refobjid AND e.extname IN ('scorecard', 'scorecard_plan', 'scorecard_report')
		WHERE c.relkind IN ('v', 'm')) s;

	-- called names: a word before "(" that names a function somewhere
	SELECT array_agg(DISTINCT m[1] ORDER BY m[1]) INTO fnames
	FROM regexp_matches(lower(src), '([a-z_][a-z0-9_$]*)\s*\(', 'g') m
	WHERE EXISTS (SELECT 1 FROM pg_proc q WHERE q.proname = m[1]
	              AND q.pronamespace IN ('pg_catalog'::regnamespace, types_schema::regnamespace, 'scorecard'::regnamespace));
	-- operators: runs of operator characters that name an operator
	SELECT array_agg(DISTINCT m[1] ORDER BY m[1]) INTO opnames
	FROM regexp_matches(src, '([-+*/<>=~!@#%^&|?]+)', 'g') m
	WHERE EXISTS (SELECT 1 FROM pg_operator o WHERE o.oprname = m[1]);
	INSERT INTO plant_count VALUES ('names of functions called', cardinality(fnames)),
		('names of operators used', cardinality(opnames));

	-- every built-in (function, aggregate) of a called name; then every
	-- operator of a used name
	FOR b IN
		SELECT q.oid, q.proname AS name, q.pronamespace::regnamespace::text AS nsp, q.prokind AS kind,
		       q.proretset AS retset, q.provariadic <> 0 AS variadic,
		       ARRAY(SELECT format_type(a, NULL) FROM unnest(q.proargtypes::oid[]) a) AS argt,
		       ARRAY(SELECT a FROM unnest(q.proargtypes::oid[]) a) AS argo,
		       NULL::text AS opname
		FROM pg_proc q
		WHERE q.proname = ANY (fnames) AND q.prokind IN ('f', 'a') AND q.pronargs BETWEEN 1 AND 4
		  AND q.pronamespace IN ('pg_catalog'::regnamespace, types_schema::regnamespace, 'scorecard'::regnamespace)
		UNION ALL
		SELECT o.oid, o.oprname, o.oprnamespace::regnamespace::text, 'o', false, false,
		       ARRAY(SELECT format_type(a, NULL) FROM unnest(ARRAY[o.oprleft, o.oprright]) a WHERE a <> 0),
		       ARRAY(SELECT a FROM unnest(ARRAY[o.oprleft, o.oprright]) a WHERE a <> 0),
		       CASE WHEN o.oprleft = 0 THEN 'prefix' ELSE 'infix' END
		FROM pg_operator o
		WHERE o.oprname = ANY (opnames)
		  AND o.oprnamespace IN ('pg_catalog'::regnamespace, types_schema::regnamespace, 'scorecard'::regnamespace)
		ORDER BY 2, 1
	LOOP
		-- candidate types per parameter
		combos := ARRAY[''];
		FOR i IN 1 .. cardinality(b.argo) LOOP
			SELECT array_agg(DISTINCT t ORDER BY t) INTO cand FROM (
				SELECT b.argt[i] AS t
				WHERE b.argo[i] NOT IN (SELECT oid FROM pg_type WHERE typtype = 'p')
				UNION
				SELECT x FROM unnest(plausible) x
				WHERE (SELECT typtype FROM pg_type WHERE oid = b.argo[i]) = 'p'
				   OR EXISTS (SELECT 1 FROM pg_cast c
				              WHERE c.castsource = x::regtype AND c.casttarget = b.argo[i] AND c.castcontext = 'i')
				   OR (b.variadic AND i = cardinality(b.argo)
				       AND EXISTS (SELECT 1 FROM pg_type e WHERE e.oid = b.argo[i] AND e.typelem = x::regtype))) s;
			IF cand IS NULL THEN
				combos := '{}';
				EXIT;
			END IF;
			-- at most 1,000 combinations a built-in (the first in the types' order)
			SELECT array_agg(x) INTO combos FROM (
				SELECT CASE WHEN c = '' THEN t ELSE c || ',' || t END AS x
				FROM unnest(combos) WITH ORDINALITY c(c, ci), unnest(cand) WITH ORDINALITY t(t, ti)
				ORDER BY ci, ti LIMIT 1000) s;
		END LOOP;
		lim := 0;
		FOREACH combo IN ARRAY coalesce(combos, '{}') LOOP
			EXIT WHEN lim >= 400;
			args := string_to_array(combo, ',');
			-- the same signature as the built-in itself ties, and the built-in wins
			CONTINUE WHEN args = b.argt;
			-- does the built-in accept these types, and what does it return?
			probe := CASE WHEN b.kind = 'o' AND b.opname = 'prefix'
			                   THEN format('OPERATOR(%I.%s) NULL::%s', b.nsp, b.name, args[1])
			              WHEN b.kind = 'o'
			                   THEN format('NULL::%s OPERATOR(%I.%s) NULL::%s', args[1], b.nsp, b.name, args[2])
			              ELSE format('%I.%I(%s)', b.nsp, b.name,
			                          (SELECT string_agg('NULL::' || a, ', ') FROM unnest(args) a)) END;
			-- (a view, made and rolled back: the call is resolved, not run)
			ret := NULL;
			BEGIN
				EXECUTE 'CREATE TEMP VIEW plant_probe AS SELECT ' || probe || ' AS r';
				SELECT format_type(a.atttypid, NULL) INTO ret FROM pg_attribute a
				WHERE a.attrelid = 'pg_temp.plant_probe'::regclass AND a.attname = 'r';
				RAISE EXCEPTION 'probed';
			EXCEPTION WHEN OTHERS THEN
				NULL;
			END;
			CONTINUE WHEN ret IS NULL;
			CONTINUE WHEN ret IN ('record', 'unknown');
			seq := seq + 1;
			lim := lim + 1;
			BEGIN
				IF b.kind = 'a' THEN
					EXECUTE format($f$CREATE FUNCTION public.trap_sf_%s(s %s, %s) RETURNS %s LANGUAGE plpgsql AS $b$
						BEGIN PERFORM public.sprung(%L); RETURN s; END $b$$f$,
						seq, ret, (SELECT string_agg(a, ', ') FROM unnest(args) a), ret,
						format('aggregate %s(%s)', b.name, combo));
					EXECUTE format('CREATE AGGREGATE public.%I(%s) (SFUNC = public.trap_sf_%s, STYPE = %s)',
						b.name, array_to_string(args, ', '), seq, ret);
					nagg := nagg + 1;
				ELSIF b.kind = 'o' THEN
					EXECUTE format($f$CREATE FUNCTION public.trap_op_%s(%s) RETURNS %s LANGUAGE plpgsql AS $b$
						BEGIN PERFORM public.sprung(%L); RETURN %s; END $b$$f$,
						seq, array_to_string(args, ', '), ret, format('operator %s(%s)', b.name, combo),
						CASE WHEN b.opname = 'prefix' THEN format('OPERATOR(%I.%s) $1', b.nsp, b.name)
						     ELSE format('$1 OPERATOR(%I.%s) $2', b.nsp, b.name) END);
					EXECUTE format('CREATE OPERATOR public.%s (%s FUNCTION = public.trap_op_%s)',
						b.name,
						CASE WHEN b.opname = 'prefix' THEN format('RIGHTARG = %s,', args[1])
						     ELSE format('LEFTARG = %s, RIGHTARG = %s,', args[1], args[2]) END, seq);
					nop := nop + 1;
				ELSE
					EXECUTE format($f$CREATE FUNCTION public.%I(%s) RETURNS %s%s LANGUAGE plpgsql AS $b$
						BEGIN PERFORM public.sprung(%L); %s; END $b$$f$,
						b.name, array_to_string(args, ', '), CASE WHEN b.retset THEN 'SETOF ' ELSE '' END, ret,
						format('%s(%s)', b.name, combo),
						CASE WHEN b.retset THEN format('RETURN QUERY SELECT %I.%I(%s)', b.nsp, b.name,
						                               (SELECT string_agg('$' || g, ', ') FROM generate_series(1, cardinality(args)) g))
						     ELSE format('RETURN %I.%I(%s)', b.nsp, b.name,
						                 (SELECT string_agg('$' || g, ', ') FROM generate_series(1, cardinality(args)) g)) END);
					nfun := nfun + 1;
				END IF;
			EXCEPTION WHEN duplicate_function OR duplicate_object OR insufficient_privilege OR invalid_function_definition
			               OR invalid_object_definition OR wrong_object_type OR datatype_mismatch THEN
				NULL;
			END;
		END LOOP;
	END LOOP;
	INSERT INTO plant_count VALUES ('functions planted', nfun), ('aggregates planted', nagg), ('operators planted', nop);
END $plant$;
SELECT what || ': ' || n FROM plant_count;
