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
