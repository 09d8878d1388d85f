-- ytd_io: text and binary forms of the ytd state, exact round trips, bad input.
SET search_path = scorecard, public;
\set SHOW_CONTEXT never

-- Canonical text: kind, optional as-of date, readings in month order.
SELECT ' monthly { 2023-01 : 100 , 2023-02:250.5 } '::ytd AS spaced,
	'cumulative{}'::ytd AS empty,
	'rate@2024-09-30{2024-09:61.9}'::ytd AS with_as_of,
	'monthly{0001-01:1}'::ytd IS NOT NULL AND 'monthly{9999-12:2}'::ytd IS NOT NULL AS extreme_years;

-- Readings are the decimals their shortest text shows, summed exactly:
-- 0.1 + 0.2 is 0.3, -0 is 0; 1/3 and a value that needs 17 digits keep
-- them; the smallest subnormal and the largest double (not held as
-- decimals) alone in their months keep their doubles.
CREATE TABLE states (name text, s ytd);
INSERT INTO states
SELECT 'floats', ytd_agg(p, v) FROM (VALUES
	('2023-01-01'::date, 0.1::float8), ('2023-01-01', 0.2),
	('2023-02-01', 1.0 / 3), ('2023-03-01', '4.9e-324'),
	('2023-04-01', '1.7976931348623157e308'), ('2023-05-01', '-0'),
	('2023-06-01', 0.30000000000000004), ('2024-01-01', 123456789.125),
	('2024-02-01', '-2.5e-10')) r(p, v);
INSERT INTO states VALUES ('one-step-state', 'monthly@2024-02-29{2023-02:3,2024-02:1}'),
	('empty', 'rate{}'), ('cumulative', 'cumulative{2023-02:1.5,2025-12:2.25}');
SELECT name, s FROM states ORDER BY name;

-- Text round trip: the text reads back to the same bytes (ytd_send carries
-- every float8 bit) and the same text.
SELECT name, ytd_send(s::text::ytd) = ytd_send(s) AS same_bytes,
	s::text::ytd::text = s::text AS same_text
FROM states ORDER BY name;

-- Binary round trip through COPY (FORMAT binary), which calls ytd_recv.
-- recv() writes bytes as a bytea column and reads them back as a ytd
-- column: both binary forms are the length-prefixed bytes of the value.
CREATE TABLE bin_b (b bytea);
CREATE TABLE bin_s (s ytd);
CREATE FUNCTION pg_temp.recv(b bytea) RETURNS ytd LANGUAGE plpgsql AS $$
DECLARE
	r ytd;
BEGIN
	DELETE FROM bin_b;
	DELETE FROM bin_s;
	INSERT INTO bin_b VALUES (b);
	EXECUTE format('COPY bin_b TO %L WITH (FORMAT binary)', current_setting('data_directory') || '/scorecard_ytd_io_regress.bin');
	EXECUTE format('COPY bin_s FROM %L WITH (FORMAT binary)', current_setting('data_directory') || '/scorecard_ytd_io_regress.bin');
	SELECT s INTO r FROM bin_s;
	RETURN r;
END $$;
SELECT name, ytd_send(pg_temp.recv(ytd_send(s))) = ytd_send(s) AS same_bytes,
	pg_temp.recv(ytd_send(s))::text = s::text AS same_text
FROM states ORDER BY name;
-- Binary layout (format 2, flag 2): kind, flags, as-of day, count, scale,
-- then per month its number, 0 (an exact decimal) and the 160-bit sum.
SELECT ytd_send('monthly{2000-01:1}');

-- Malformed text: each with its SQLSTATE.
SELECT 'weekly{}'::ytd;
\echo :LAST_ERROR_SQLSTATE
SELECT 'monthly'::ytd;
\echo :LAST_ERROR_SQLSTATE
SELECT 'monthly{2023-01:1'::ytd;
\echo :LAST_ERROR_SQLSTATE
SELECT 'monthly{2023-13:1}'::ytd;
\echo :LAST_ERROR_SQLSTATE
SELECT 'monthly{2023-01 1}'::ytd;
\echo :LAST_ERROR_SQLSTATE
SELECT 'monthly{2023-01:}'::ytd;
\echo :LAST_ERROR_SQLSTATE
SELECT 'monthly{2023-02:1,2023-01:2}'::ytd;
\echo :LAST_ERROR_SQLSTATE
SELECT 'monthly{2023-01:1,2023-01:2}'::ytd;
\echo :LAST_ERROR_SQLSTATE
SELECT 'monthly{2023-01:1} extra'::ytd;
\echo :LAST_ERROR_SQLSTATE
SELECT 'monthly@2023-02-30{}'::ytd;
\echo :LAST_ERROR_SQLSTATE
SELECT 'monthly{0000-01:1}'::ytd;
\echo :LAST_ERROR_SQLSTATE
SELECT 'monthly{2023-01:nan}'::ytd;
\echo :LAST_ERROR_SQLSTATE
SELECT 'monthly{2023-01:-inf}'::ytd;
\echo :LAST_ERROR_SQLSTATE
SELECT 'monthly{2023-01:1e999}'::ytd;
\echo :LAST_ERROR_SQLSTATE

-- Bad binary: truncated (the reading cut, the header cut), wrong kind,
-- unknown flag, a trailing byte, months out of order (the second month's
-- high byte zeroed: month 213 after 24276), a count larger than the
-- message, a non-finite reading.  Layout: kind 1, flags 1, as-of 4,
-- count 4, scale 1, then a reading: month 4, what 1 and 20 bytes of an
-- exact sum (0) or 8 of a float8 (1).
SELECT pg_temp.recv(substr(ytd_send('monthly{2023-01:1}'), 1, 15));
\echo :LAST_ERROR_SQLSTATE
SELECT pg_temp.recv(substr(ytd_send('monthly{2023-01:1}'), 1, 3));
\echo :LAST_ERROR_SQLSTATE
SELECT pg_temp.recv(set_byte(ytd_send('monthly{2023-01:1}'), 0, 9));
\echo :LAST_ERROR_SQLSTATE
SELECT pg_temp.recv(set_byte(ytd_send('monthly{2023-01:1}'), 1, 128));
\echo :LAST_ERROR_SQLSTATE
SELECT pg_temp.recv(ytd_send('monthly{2023-01:1}') || '\x00'::bytea);
\echo :LAST_ERROR_SQLSTATE
SELECT pg_temp.recv(set_byte(ytd_send('monthly{2023-01:1,2023-02:2}'), 38, 0));
\echo :LAST_ERROR_SQLSTATE
SELECT pg_temp.recv(set_byte(ytd_send('monthly{2023-01:1}'), 9, 2));
\echo :LAST_ERROR_SQLSTATE
SELECT pg_temp.recv(overlay(ytd_send('monthly{2023-01:1e-300}') placing float8send('infinity') from 17));
\echo :LAST_ERROR_SQLSTATE

-- Format 1, as 0.1.0 and 0.2.0 sent it (kind, flags, as-of, count, then
-- (month, float8) pairs), still reads: 2000-01 = 1 and 2000-02 = 0.1 + 0.2
-- summed in float8 (0.30000000000000004, read as that decimal).
SELECT pg_temp.recv('\x0100000000000000000200005dc03ff000000000000000005dc13fd3333333333334'::bytea);
-- and 1e-300 alone keeps its double (format 2, what 1).
SELECT ytd_send('monthly{2000-01:1e-300}'), pg_temp.recv(ytd_send('monthly{2000-01:1e-300}'));
