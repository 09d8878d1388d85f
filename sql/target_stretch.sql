-- Committed and stretch figures (确保 / 力争, issue 21 item 7): met at the
-- committed figure; proportional scoring gives the full weight there and
-- rewards the way on to the stretch up to the cap.  Worked by hand.
SET extra_float_digits = 0;
-- every form reads as the same target, and prints and reads back
SELECT t AS written, t::target AS target, target_stretch(t::target) AS stretch,
       t::target::text::target = t::target AS round_trip
FROM unnest(ARRAY['growth >= 7% stretch 8%', 'growth >= 7%, stretch 8%', '确保增长7%、力争8%',
	'确保增长7%以上，力争增长8%', '增长7%，力争8%', '下降5%以上、力争下降8%',
	'确保新增100家、力争120家', 'level <= 10 stretch 8', '控制在10起以内，力争8起以内']) t;
-- a target marked 力争 alone is read as its figure
SELECT '力争增长8%'::target, target_stretch('力争增长8%') IS NULL AS no_stretch;
-- the stretch must lie beyond the committed figure, with a comparison that
-- has a direction, in the same measure and unit
SELECT 'growth >= 7% stretch 6%'::target;
SELECT 'level <= 10 stretch 12'::target;
SELECT 'growth between 6% and 8% stretch 9%'::target;
SELECT 'level = 0 stretch 1'::target;
SELECT 'growth > reference stretch 8%'::target;
SELECT '确保增长7%、力争下降8%'::target;
SELECT 'growth >= 7% stretch 8'::target;
SELECT '确保增长7%以上、力争8%以内'::target;
-- a stretch is part of the value: equality, order, hash
SELECT 'growth >= 7% stretch 8%'::target = 'growth >= 7%'::target AS same,
       'growth >= 7%'::target < 'growth >= 7% stretch 8%'::target AS sorts_after,
       (SELECT count(DISTINCT t) FROM unnest(ARRAY['growth >= 7%', 'growth >= 7% stretch 8%',
           '确保增长7%、力争8%']::target[]) t) AS distinct_values;
-- binary: the relative byte carries bit 1 for a stretch (02 01 02, then
-- the two float8: 7 and 8); without one it is 02 01 00 ... 0; COPY BINARY
-- out and back in gives equal values
SELECT encode(target_send('growth >= 7% stretch 8%'), 'hex') AS sent,
       encode(target_send('growth >= 7%'), 'hex') AS sent_plain;
CREATE TEMP TABLE st_src (t target);
CREATE TEMP TABLE st_dst (t target);
INSERT INTO st_src VALUES ('growth >= 7% stretch 8%'), ('level <= 10 stretch 8'), ('growth >= 7%');
SELECT current_setting('data_directory') || '/scorecard_stretch.bin' AS binfile \gset
COPY st_src TO :'binfile' WITH (FORMAT binary);
COPY st_dst FROM :'binfile' WITH (FORMAT binary);
SELECT count(*) AS rows, count(*) FILTER (WHERE t IN (SELECT t FROM st_src)) AS equal FROM st_dst;
-- met, gap and attainment are on the committed figure
SELECT target_met('growth >= 7% stretch 8%', 7.2) AS met, target_gap('growth >= 7% stretch 8%', 7.2) AS gap,
       round(target_attainment('growth >= 7% stretch 8%', 6.3)::numeric, 6) AS attainment;
-- proportional scoring, weight 10, cap 1.2: 6 is 6/7 x 10 = 8.571429; 7
-- (committed) 10; 7.5 halfway to the stretch 10 x (1 + 0.2 x 0.5) = 11; 8
-- and beyond 12.  Without the stretch 7.5 would be 7.5/7 x 10 = 10.714286.
SELECT a, round(score_ratio('growth >= 7% stretch 8%', a, 10, 0, 1.2)::numeric, 6) AS points,
       round(score_ratio('growth >= 7%', a, 10, 0, 1.2)::numeric, 6) AS without
FROM unnest(ARRAY[6, 7, 7.5, 8, 9]::float8[]) a;
-- lower is better: accidents, committed 10, stretch 8, cap 1.2: 9 is
-- halfway, 10 x 1.1 = 11; 12 is 10/12 x 10 = 8.333333
SELECT a, round(score_ratio('level <= 10 stretch 8', a, 10, 0, 1.2)::numeric, 6) AS points
FROM unnest(ARRAY[12, 10, 9, 8, 5]::float8[]) a;
-- prorated with the target: level >= 100 stretch 120 at 6/12 is 50 stretch 60
SELECT target_prorated('level >= 100 stretch 120', 0.5);
-- the report prints a stretch in Chinese, and the print reads back
SET client_min_messages = warning;
CREATE EXTENSION IF NOT EXISTS scorecard_plan;
RESET client_min_messages;
SELECT t::target AS target, scorecard.report_target_zh(t::target, '家') AS printed,
       scorecard.report_target_zh(t::target, '家')::target = t::target AS reads_back
FROM unnest(ARRAY['growth >= 7% stretch 8%', 'growth <= -5% stretch -8%', 'level >= 100 stretch 120',
	'level <= 10 stretch 8', 'change >= 0.5pp stretch 0.8pp']) t;
