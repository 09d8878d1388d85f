-- Demo readings, January 2023 to :last_month (default 2024-11), generated
-- inside PostgreSQL and loaded through the CSV loader's staging table.
-- Deterministic: the only "randomness" is the MD5 of the indicator, unit
-- and month, so every run, on every PostgreSQL release, gives the same
-- figures.  Invented figures with
-- plausible levels, not official statistics.
--
-- Model.  A flow's month = annual base x county share / 12 x season x
-- (1 + 2024 growth, in 2024) x (1 + noise).  Season = 1 + amp x cos(2π(m-12)/12)
-- (December peak).  County growth = city growth + the county's offset
-- (data/county-profile.csv: some ahead, some behind; the sign flips for
-- lower-is-better indicators) + a jitter.  Stocks grow smoothly from their
-- December 2023 level; rates move by a yearly change in points.
-- Reporting then follows each indicator: quarterly and annual figures are
-- cumulative January-to-month values at quarter ends / December; January-
-- February combined indicators have no January reading (February's covers
-- both); cumulative indicators report January-to-month values.  Indicators
-- 1, 2, 3 and GDP carry a reported (comparable-price) growth, 0.6 points
-- below the nominal growth of the levels, as the bureau's would be.
\if :{?last_month}
\else
\set last_month '2024-11-01'
\endif

CREATE TEMP TABLE gen_param (indicator_id int PRIMARY KEY, level text, base float8, g float8,
	amp float8, noise float8, is_int boolean, reported boolean);
-- level: county (values split by county share, summing to the city),
-- city (city only), both (per-capita or per-place values: counties and city).
-- base: 2023 annual city total (flows), December 2023 level (stocks, rates);
-- g: 2024 growth in % (flows, stocks) or change in points a year (rates).
INSERT INTO gen_param VALUES
	(1, 'county', 480, 3.8, 0.5, 0.03, false, true),
	(2, 'county', 620, 7.2, 0.15, 0.04, false, true),
	(3, 'county', 1380, 6.5, 0.1, 0.02, false, true),
	(4, 'city', 24.5, 0.4, 0, 0, false, false),
	(5, 'city', 33.0, 0.6, 0, 0, false, false),
	(6, 'city', 560, 16, 0, 0.01, false, false),
	(7, 'city', 48, 12.5, 0, 0.01, false, false),
	(8, 'county', 92, 12, 0.3, 0.3, true, false),
	(9, 'city', 100, 14, 0.2, 0.2, true, false),
	(10, 'city', 21.5, 0.7, 0, 0, false, false),
	(11, 'city', 32, 22, 0.3, 0.2, false, false),
	(12, 'city', 9, 11, 0, 0, true, false),
	(13, 'county', 1300, 6.4, 0.12, 0.02, false, false),
	(14, 'county', 1650, 6.8, 0.2, 0.05, false, false),
	(15, 'county', 52000, 8, 0.3, 0.3, false, false),
	(17, 'county', 100, 11, 0.1, 0.1, false, false),
	(18, 'county', 300, 9, 0.1, 0.1, false, false),
	(19, 'county', 580, 6, 0, 0, true, false),
	(20, 'city', 1, 0, 0, 0, true, false),
	(21, 'city', 55, 12, 0, 0, true, false),
	(22, 'city', 5, 20, 0, 0, true, false),
	(23, 'county', 525000, 5, 0, 0, true, false),
	(24, 'county', 126000, 6, 0, 0, true, false),
	(25, 'city', 19.6, 0.5, 0, 0, false, false),
	(26, 'city', 52.1, 0.6, 0, 0, false, false),
	(29, 'both', 28000, 6.3, 0.1, 0.01, false, false),
	(30, 'both', 19000, 7.2, 0.1, 0.01, false, false),
	(31, 'county', 0, 0, 0, 0, true, false),
	(32, 'city', 6, -30, 0, 0.5, true, false),
	(33, 'county', 300, -8, 0.1, 0.3, true, false),
	(34, 'city', 150, -6, 0.1, 0.3, true, false),
	(35, 'both', 24, -15, 1.0, 0.5, true, false),
	(37, 'county', 150, 0, 0, 0, true, false),
	(38, 'city', 4, 150, 0, 0, true, false),
	(101, 'county', 2631, 5.6, 0.1, 0.01, false, true),
	(102, 'both', 40000, 5.1, 0.1, 0.01, false, false);

CREATE TEMP TABLE gen_county (unit_id text PRIMARY KEY, gdp_2023 float8, growth_offset float8);
\copy gen_county FROM 'data/county-profile.csv' WITH (FORMAT csv, HEADER true)

-- A deterministic number in [-1, 1] from a text: the first 16 bits of its
-- MD5 (md5() is documented and its output fixed by RFC 1321; hashtext()'s
-- is not promised to stay the same across PostgreSQL releases).
CREATE FUNCTION pg_temp.h(x text) RETURNS float8 LANGUAGE sql IMMUTABLE AS
	$$ SELECT (('x' || substr(md5(x), 1, 4))::bit(16)::int::float8 / 65535) * 2 - 1 $$;

CREATE TEMP TABLE gen_month AS
	SELECT d::date AS month, extract(year FROM d)::int AS y, extract(month FROM d)::int AS m,
	       (extract(year FROM d)::int - 2023) * 12 + extract(month FROM d)::int - 1 AS t
	FROM generate_series('2023-01-01'::date, :'last_month'::date, '1 month') d;

-- Units of each parameter row: share of the city, growth, per-unit factor.
CREATE TEMP TABLE gen_unit AS
	SELECT p.indicator_id, c.unit_id,
	       CASE p.level WHEN 'county' THEN c.gdp_2023 / sum(c.gdp_2023) OVER (PARTITION BY p.indicator_id)
	            ELSE 0.8 + 0.2 * (pg_temp.h('f' || p.indicator_id || c.unit_id) + 1) END AS share,
	       p.g + CASE WHEN i.higher_is_better THEN 1 ELSE -1 END
	             * CASE WHEN i.nature = 'rate' THEN 0 ELSE c.growth_offset + 1.5 * pg_temp.h('g' || p.indicator_id || c.unit_id) END
	             * CASE WHEN p.indicator_id IN (29, 30, 102) THEN 0.5 ELSE 1 END AS g
	FROM gen_param p JOIN indicator i USING (indicator_id) CROSS JOIN gen_county c
	WHERE p.level IN ('county', 'both')
	UNION ALL
	SELECT p.indicator_id, 'shaoyang', 1, p.g
	FROM gen_param p WHERE p.level IN ('city', 'both');

-- The underlying monthly figures.
CREATE TEMP TABLE gen_raw AS
	SELECT i.indicator_id, u.unit_id, mo.month, mo.y, mo.m, mo.t, i.nature, i.frequency, i.reporting,
	       i.jan_feb_combined, p.is_int, p.reported,
	       CASE
	       WHEN i.indicator_id = 37 THEN   -- households with no one employed: cleared county by county
	            greatest(0, p.base * u.share * (1 - (mo.t + 1) / (22 - 2 * c.growth_offset)))
	       WHEN i.nature = 'flow' THEN
	            p.base * u.share / 12 * (1 + p.amp * cos(2 * pi() * (mo.m - 12) / 12))
	            * CASE WHEN mo.y = 2024 THEN 1 + u.g / 100 ELSE 1 END
	            * (1 + p.noise * pg_temp.h(i.indicator_id || u.unit_id || mo.month))
	       WHEN i.nature = 'stock' THEN
	            p.base * u.share * power(1 + u.g / 100, (mo.t - 11) / 12.0)
	            * (1 + 0.002 * pg_temp.h(i.indicator_id || u.unit_id || mo.month))
	       ELSE   -- rate
	            p.base + u.g * (mo.t - 11) / 12.0 + 0.05 * pg_temp.h(i.indicator_id || u.unit_id || mo.month)
	       END AS v
	FROM gen_param p JOIN indicator i USING (indicator_id)
	JOIN gen_unit u USING (indicator_id)
	LEFT JOIN gen_county c ON c.unit_id = u.unit_id
	CROSS JOIN gen_month mo;

-- Counts are whole numbers: round the running total of the year, so small
-- monthly rates still add up (0.4 a month gives 0, 1, 1, 2, ...).
-- Stocks are rounded as they are.  Imports and exports add up.
UPDATE gen_raw g SET v = x.v
FROM (SELECT indicator_id, unit_id, month,
             CASE WHEN nature = 'flow'
                  THEN round(sum(v) OVER w) - round(sum(v) OVER w - v)
                  ELSE round(v) END AS v
      FROM gen_raw WHERE is_int
      WINDOW w AS (PARTITION BY indicator_id, unit_id, y ORDER BY m)) x
WHERE g.is_int AND (g.indicator_id, g.unit_id, g.month) = (x.indicator_id, x.unit_id, x.month);
INSERT INTO gen_raw
	SELECT 16, unit_id, month, y, m, t, nature, frequency, reporting, jan_feb_combined, is_int, reported, sum(v)
	FROM gen_raw WHERE indicator_id IN (17, 18)
	GROUP BY unit_id, month, y, m, t, nature, frequency, reporting, jan_feb_combined, is_int, reported;

-- As reported: cumulative where the indicator reports so, only the months
-- the frequency publishes, January folded into February where combined.
CREATE TEMP TABLE gen_reported AS
	SELECT g.*,
	       CASE WHEN g.reporting = 'cumulative'
	            THEN sum(g.v) OVER (PARTITION BY g.indicator_id, g.unit_id, g.y ORDER BY g.m)
	            WHEN g.jan_feb_combined AND g.m = 2
	            THEN g.v + lag(g.v) OVER (PARTITION BY g.indicator_id, g.unit_id, g.y ORDER BY g.m)
	            ELSE g.v END AS reported_value
	FROM gen_raw g;
DELETE FROM gen_reported
	WHERE (frequency = 'quarterly' AND m % 3 <> 0)
	   OR (frequency = 'annual' AND m <> 12)
	   OR (jan_feb_combined AND m = 1);

SELECT begin_load();
INSERT INTO reading_staging (indicator, unit, month, value, reported_growth, source)
SELECT c.indicator_id::text, c.unit_id, to_char(c.month, 'YYYY-MM'),
       CASE WHEN c.nature = 'rate' THEN round(c.reported_value::numeric, 2)
            ELSE round(c.reported_value::numeric, 2) END::text,
       CASE WHEN c.reported AND c.y = 2024 AND c.unit_id <> 'shaoyang' THEN
            round(((c.reported_value / p.reported_value - 1) * 100 - 0.6)::numeric, 1)::text END,
       'generated demo data (not official statistics)'
FROM gen_reported c
LEFT JOIN gen_reported p ON p.indicator_id = c.indicator_id AND p.unit_id = c.unit_id
	AND p.y = c.y - 1 AND p.m = c.m
ORDER BY c.indicator_id, c.unit_id, c.month;

SELECT inserted AS "readings loaded", revised, unchanged
FROM load_readings(header => false, recorded_at => (:'last_month'::date + interval '1 month 19 days 9 hours')::timestamptz);

-- A correction a week later: the bureau revises two October figures.  The
-- first figures stay as revision 1; queries use revision 2.
INSERT INTO reading_staging (indicator, unit, month, value, reported_growth, source)
SELECT r.indicator_id::text, r.unit_id, to_char(r.month, 'YYYY-MM'),
       round((r.value * 1.01)::numeric, 2)::text, r.reported_growth::text,
       'generated demo data: corrected figure'
FROM reading r
WHERE (r.indicator_id, r.unit_id) IN ((13, 'beita'), (14, 'suining'))
  AND r.month = :'last_month'::date - interval '1 month';
SELECT inserted, revised AS "corrections loaded", unchanged
FROM load_readings(header => false, recorded_at => (:'last_month'::date + interval '1 month 26 days 9 hours')::timestamptz);
