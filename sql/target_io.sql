-- The target type: every input form, canonical output, round trips, errors.
SET search_path = scorecard, public;

-- Every form of the brief, with odd spacing and case; the canonical text
-- is the second column, and it must read back to an equal value.
CREATE TABLE forms (input text);
INSERT INTO forms VALUES
	('growth >= 7%'), ('level >= 100'), ('share >= 22%'), ('change >= 0.5pp'),
	('level = 0'), ('growth < 0%'), ('growth between 6% and 8%'),
	('growth > reference'), ('change > 0pp'), ('level > 600'), ('share > 20%'),
	('GROWTH>=7 %'), ('  Level   >=   1e2  '), ('change >= .5PP'),
	('growth BETWEEN 6 % AND 8%'), ('growth ≥ 3.6%'), ('level ≤ 5'),
	('growth >= -2.5%'), ('level >= +550000'), ('growth <= reference'),
	('level between 7 and 7'), ('level >= 0.1'), ('level >= 123456789012345678');
SELECT input, input::target AS canonical,
       input::target::text::target = input::target AS round_trip,
       target_measure(input::target) AS measure,
       target_comparator(input::target) AS cmp,
       target_threshold(input::target) AS threshold,
       target_threshold_upper(input::target) AS upper,
       target_unit(input::target) AS unit,
       target_is_relative(input::target) AS relative,
       target_higher_is_better(input::target) AS higher_better
FROM forms;

-- Equality ignores spelling; ordering is by measure, comparator, threshold.
SELECT 'growth>=7%'::target = 'GROWTH >= 7.0 %'::target AS same,
       'growth >= 7%'::target <> 'growth > 7%'::target AS differ,
       'level >= 0'::target = 'level >= -0'::target AS negative_zero;
SELECT DISTINCT t FROM (VALUES ('growth >= 7%'::target), ('growth>=7.00%'),
	('level >= 100'), ('level>=1e2'), ('growth between 6% and 8%')) v(t) ORDER BY t;
-- Hash and sort paths agree on the groups.
SET enable_hashagg = on;
SELECT t, count(*) FROM (VALUES ('growth >= 7%'::target), ('growth>=7.00%'),
	('level >= 100'), ('level>=1e2'), ('level >= 100')) v(t) GROUP BY t ORDER BY t;
SET enable_hashagg = off;
SELECT t, count(*) FROM (VALUES ('growth >= 7%'::target), ('growth>=7.00%'),
	('level >= 100'), ('level>=1e2'), ('level >= 100')) v(t) GROUP BY t ORDER BY t;
RESET enable_hashagg;
-- Hash values of equal targets are equal.
SELECT target_hash('growth >= 7%') = target_hash('growth>=7.0%') AS hash_equal;

-- A unique constraint (btree) rejects a duplicate written another way.
CREATE TABLE plan (t target UNIQUE);
INSERT INTO plan VALUES ('growth >= 7%');
INSERT INTO plan VALUES ('Growth >= 7.0%');
\echo :LAST_ERROR_SQLSTATE
SELECT count(*) FROM plan;

-- Binary files go to this server's data directory: checkouts testing at
-- the same time each have their own server, and never share a file.
SELECT current_setting('data_directory') || '/scorecard_target_io.bin' AS binfile \gset
-- Binary round trip: COPY BINARY out and back in gives equal values.
CREATE TABLE bin_src AS SELECT input::target AS t FROM forms;
COPY bin_src TO :'binfile' WITH (FORMAT binary);
CREATE TABLE bin_dst (t target);
COPY bin_dst FROM :'binfile' WITH (FORMAT binary);
SELECT (SELECT count(*) FROM bin_dst) AS n,
       (SELECT array_agg(t ORDER BY t) FROM bin_src) =
       (SELECT array_agg(t ORDER BY t) FROM bin_dst) AS same_values;
-- target_send lays out measure, comparator, flag, then two float8.
SELECT target_send('growth between 6% and 8%');

-- Binary receive checks what text input checks: craft payloads as bytea,
-- write them as binary COPY, and read them back as targets.
CREATE TABLE payload (b bytea);
CREATE TABLE recv_dst (t target);
CREATE FUNCTION try_recv(p bytea) RETURNS void LANGUAGE plpgsql AS $$
BEGIN
	TRUNCATE payload;
	INSERT INTO payload VALUES (p);
	EXECUTE format('COPY payload TO %L WITH (FORMAT binary)', current_setting('data_directory') || '/scorecard_target_payload.bin');
	EXECUTE format('COPY recv_dst FROM %L WITH (FORMAT binary)', current_setting('data_directory') || '/scorecard_target_payload.bin');
END $$;
-- (errors without their context line, which names this server's file)
\set SHOW_CONTEXT never
SELECT try_recv(decode('02010040200000000000000000000000000000', 'hex'));   -- growth >= 8%: fine
SELECT try_recv(decode('01060040200000000000004018000000000000', 'hex'));   -- between 8 and 6
\echo :LAST_ERROR_SQLSTATE
SELECT try_recv(decode('0101007ff80000000000000000000000000000', 'hex'));   -- NaN threshold
\echo :LAST_ERROR_SQLSTATE
SELECT try_recv(decode('09010040200000000000000000000000000000', 'hex'));   -- measure 9
\echo :LAST_ERROR_SQLSTATE
SELECT try_recv(decode('01010140200000000000000000000000000000', 'hex'));   -- relative with a threshold
\echo :LAST_ERROR_SQLSTATE
SELECT try_recv(decode('010100', 'hex'));                       -- truncated
\echo :LAST_ERROR_SQLSTATE
SELECT try_recv(decode('0201004020000000000000000000000000000000', 'hex')); -- trailing byte
\echo :LAST_ERROR_SQLSTATE
\set SHOW_CONTEXT errors
SELECT t FROM recv_dst;

-- Malformed text: 22P02 with a detail saying what was expected.
SELECT 'growth >= 7pp'::target;
\echo :LAST_ERROR_SQLSTATE
SELECT 'level >= 100%'::target;
\echo :LAST_ERROR_SQLSTATE
SELECT 'change >= 0.5%'::target;
\echo :LAST_ERROR_SQLSTATE
SELECT 'growth >= 7'::target;
\echo :LAST_ERROR_SQLSTATE
SELECT 'growht >= 7%'::target;
\echo :LAST_ERROR_SQLSTATE
SELECT 'growth => 7%'::target;
\echo :LAST_ERROR_SQLSTATE
SELECT 'growth >= %'::target;
\echo :LAST_ERROR_SQLSTATE
SELECT 'growth >= 7% and more'::target;
\echo :LAST_ERROR_SQLSTATE
SELECT 'growth between 6% 8%'::target;
\echo :LAST_ERROR_SQLSTATE
SELECT 'growth between reference and 8%'::target;
\echo :LAST_ERROR_SQLSTATE
SELECT ''::target;
\echo :LAST_ERROR_SQLSTATE
SELECT 'levels >= 1'::target;
\echo :LAST_ERROR_SQLSTATE
SELECT 'level >= 1,5'::target;
\echo :LAST_ERROR_SQLSTATE
-- Non-finite thresholds: 22003.
SELECT 'growth >= NaN%'::target;
\echo :LAST_ERROR_SQLSTATE
SELECT 'level <= -Infinity'::target;
\echo :LAST_ERROR_SQLSTATE
SELECT 'level >= 1e400'::target;
\echo :LAST_ERROR_SQLSTATE
-- Reversed bounds: 22023.
SELECT 'growth between 8% and 6%'::target;
\echo :LAST_ERROR_SQLSTATE
-- Nothing was stored by the failed statements.
SELECT count(*) FROM plan;
-- Details quote at most 40 bytes of the rest, cut between characters:
-- 13 whole Chinese characters (39 bytes), never a broken one.
SELECT 'growth >= 7% 增长率增长率增长率增长率增长率增长率增长率'::target;
\echo :LAST_ERROR_SQLSTATE
