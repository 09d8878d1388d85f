-- Values of every type of scorecard, stored in tables: the same statements
-- made the 0.1.0 fixtures (test/upgrade/make_fixtures.sh, 0.1.0 library)
-- and fill the tables of test/suites/upgrade.sh (current library).  The
-- types must be on the search_path.
CREATE TABLE fx_target (id int PRIMARY KEY, v target);
INSERT INTO fx_target VALUES
	(1, 'growth >= 7%'), (2, 'level >= 100'), (3, 'share >= 22%'), (4, 'change >= 0.5pp'),
	(5, 'level = 0'), (6, 'growth < 0%'), (7, 'growth between 6% and 8%'), (8, 'growth > reference'),
	(9, 'level <= 35.5'), (10, 'level > 0.1'), (11, 'level >= 0.30000000000000004'),
	(12, 'change <= -1.25pp'), (13, 'level >= 12345678901234.5'), (14, 'share between 1e-5% and 2.5%');

CREATE TABLE fx_ytd (id int PRIMARY KEY, v ytd);
-- 1: monthly flow, January to March of two years (550.5 against 500.5)
INSERT INTO fx_ytd SELECT 1, ytd_agg(p, v) FROM (VALUES ('2023-01-01'::date, 100::float8),
	('2023-02-01', 150), ('2023-03-01', 250.5), ('2024-01-01', 110), ('2024-02-01', 160),
	('2024-03-01', 280.5)) r(p, v);
-- 2: cumulative ("1-N月") readings, January and February reported together
INSERT INTO fx_ytd SELECT 2, ytd_cumulative_agg(p, v) FROM (VALUES ('2023-02-01'::date, 200::float8),
	('2023-03-01', 320), ('2024-02-01', 220), ('2024-03-01', 352)) r(p, v);
-- 3: a rate (percent levels compared in points)
INSERT INTO fx_ytd SELECT 3, ytd_rate_agg(p, v) FROM (VALUES ('2023-06-01'::date, 60.1::float8),
	('2024-06-01', 61.9)) r(p, v);
-- 4: a value that is not a short decimal, and a gap (no 2024-02)
INSERT INTO fx_ytd SELECT 4, ytd_agg(p, v) FROM (VALUES ('2023-01-01'::date, 0.1::float8 + 0.2),
	('2023-02-01', 1e-300), ('2024-01-01', 1.7976931348623157e308)) r(p, v);
-- 5: a stock read from text, with the one-step aggregates' as-of date
INSERT INTO fx_ytd VALUES (5, 'rate@2024-09-30{2023-09:60.5,2024-09:61.9}');

CREATE TABLE fx_assessment (id int PRIMARY KEY, v assessment);
-- 1: 15 of 20, 30 of 30, a not-applicable 50, a bonus of 3 and a deduction of 1
INSERT INTO fx_assessment SELECT 1, assess(p, w, k) FROM (VALUES (15::float8, 20::float8, 'score'),
	(30, 30, 'score'), (NULL, 50, 'score'), (3, 0, 'bonus'), (1, 0, 'deduction')) r(p, w, k);
-- 2: 80 of 100 and a veto that applies
INSERT INTO fx_assessment SELECT 2, assess(p, w, k) FROM (VALUES (80::float8, 100::float8, 'score'),
	(1, 0, 'veto')) r(p, w, k);
-- 3: one item scored 0 (geometric mean 0)
INSERT INTO fx_assessment SELECT 3, assess(p, w) FROM (VALUES (0::float8, 40::float8), (60, 60)) r(p, w);
