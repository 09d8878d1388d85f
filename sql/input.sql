-- Months and figures as people type them (parse_month, parse_figure and
-- their *_error twins).  Expected values are the forms' plain meaning:
-- July 2024 whatever the spelling; 1,234.5 is 1234.5.
SET client_encoding = 'UTF8';
SET DateStyle = 'ISO';
SELECT s, parse_month(s), month_error(s) IS NULL AS readable
FROM unnest(ARRAY['2024-7', '2024-07', '2024/7', '2024.07', '2024年7月', '2024年7月份',
	'2024-07-15', '2024年7月15日', '202407', '２０２４年７月', E'\uFEFF2024-07']) s;
-- what is not a month, with the reason a loader shows
SELECT s, parse_month(s), month_error(s)
FROM unnest(ARRAY['', '2024', '2024-13', '2023-02-29', 'July']) s;
SELECT s, parse_figure(s), figure_error(s) IS NULL AS readable
FROM unnest(ARRAY['1234.5', '1,234.5', '１，２３４．５', '-0.25', E' 12\u00A0', '1.5e3']) s;
SELECT s, parse_figure(s), figure_error(s)
FROM unnest(ARRAY['0x10', 'Infinity', 'NaN', '1,23', '2e308', '7e-400', '']) s;
-- NULL in, NULL out (STRICT)
SELECT parse_month(NULL) IS NULL AND parse_figure(NULL) IS NULL AS strict;
-- the float8 read is the one float8's own input gives for the same decimal
SELECT count(*) FILTER (WHERE parse_figure(to_char(g, 'FM9,999,999.000')) = (g::numeric(12,3))::float8) AS same, count(*)
FROM generate_series(-5000.5, 5000.5, 0.125) g;
-- The loader's reading of a staged field (staged_text, staged_month,
-- staged_figure), against the rules written another way: PostgreSQL's
-- btrim with the set of characters, its float8 and date input.
-- staged_text trims what btrim trims with the loader's set, for every
-- pair of characters of the set and of a few others around "x y" (the
-- vertical tab is E'\x0b': E'\v' is the letter v in PostgreSQL).
WITH c(ch) AS (
	SELECT unnest(ARRAY[E' ', E'\t', E'\r', E'\n', E'\x0b', E'\f', E'\u00a0', E'\u202f', E'\u3000', E'\ufeff',
		E'\u200b', E'\u200c', E'\u200d', E'\u2060', E'\u2000', E'\u2005', E'\u200a',
		E'\u200e', E'\u2010', E'\u00ad', 'a', 'v', '１', '年', E'\u2028'])
), s(s) AS (
	SELECT a.ch || b.ch || 'x y' || b.ch || a.ch FROM c a, c b
)
SELECT count(*) FILTER (WHERE staged_text(s) = btrim(s, E' \t\r\n\x0b\f\u00a0\u202f\u3000\ufeff\u200b\u200c\u200d\u2060\u2000\u2001\u2002\u2003\u2004\u2005\u2006\u2007\u2008\u2009\u200a')) AS same,
	count(*)
FROM s;
-- a plain decimal reads as float8's input reads it (digits, a point, an
-- exponent; subnormal magnitudes included)
SELECT count(*) FILTER (WHERE staged_figure(s, false) = s::float8 AND staged_figure(s, true) = s::float8) AS same, count(*)
FROM (SELECT to_char(g, 'FM99990.000') || e AS s
      FROM generate_series(-500.5, 500.5, 0.25) g, unnest(ARRAY['', 'e3', 'E-2', 'e+300', 'e-310']) e) x;
-- the forms a staged figure reads, and what it does not
SELECT s, staged_figure(s, false) AS plain, staged_figure(s, true) AS with_fallback
FROM unnest(ARRAY[' 1e3 ', '.5', '5.', E'\u3000-0.25\u00a0', '1,234.5', '１２.５', E'\u22123',
	'1e400', '-1e400', '1e-400', '0e-400', '0x10', 'inf', 'NaN', '', '1 234', '1e', '-', '.',
	convert_from('\xb6fec1e3'::bytea, 'LATIN1')]) s;
-- 300 digits read (10^299, as float8 reads it); 310 are beyond float8; 1,000 bytes of junk read as nothing
SELECT staged_figure('1' || repeat('0', 299), true) = ('1' || repeat('0', 299))::float8 AS long_reads,
	staged_figure('1' || repeat('0', 309), true) IS NULL AS longer_is_beyond,
	staged_figure(repeat('x', 1000), true) IS NULL AS junk, staged_month(repeat('2', 1000), true) IS NULL AS junk_month;
-- a staged month: the first day of a month written 2024-03 or 2024/3, the
-- day of a date, then (with the fallback) what parse_month reads
SELECT s, staged_month(s, false) AS plain, staged_month(s, true) AS with_fallback
FROM unnest(ARRAY['2024-3', E' 2024/03\u3000', '2024-03-15', '2024/3/5', '2024/03-15', '2024-02-29', '2023-02-29',
	'2024-13', '0000-05', '2024-00', '2024-003', '2024年7月', '2024年7月15日', '2024.07', '202407',
	'２０２４-０３', '', '2024-03x', convert_from('\xb6fec1e3c4ea'::bytea, 'LATIN1')]) s;
-- every day of 2024 written as a date reads as that date, and each month
-- as its first day
SELECT count(*) FILTER (WHERE staged_month(to_char(d, 'YYYY-MM-DD'), false) = d::date
                          AND staged_month(to_char(d, 'YYYY/FMMM'), true) = date_trunc('month', d)::date) AS same, count(*)
FROM generate_series('2024-01-01'::timestamp, '2024-12-31', '1 day') d;
-- NULL in, NULL out (STRICT)
SELECT staged_text(NULL) IS NULL AND staged_month(NULL, true) IS NULL AND staged_figure(NULL, true) IS NULL
	AND staged_figure('1', NULL) IS NULL AS strict;
