
-- Months and figures as people type them in a bureau's files (the loader
-- reads every staged month and value through these).  Each returns NULL
-- for text it cannot read; the *_error twin says why, so a loader lists
-- every bad row with its reason instead of stopping at the first.

CREATE OR REPLACE FUNCTION parse_month(text) RETURNS date
	AS 'MODULE_PATHNAME' LANGUAGE C IMMUTABLE STRICT PARALLEL SAFE;
COMMENT ON FUNCTION parse_month(text) IS 'first day of the month a text names (2024-07, 2024-7, 2024/7, 2024.07, 2024年7月, 202407, or a date inside the month; full-width digits read); NULL when it names none';

CREATE OR REPLACE FUNCTION month_error(text) RETURNS text
	AS 'MODULE_PATHNAME' LANGUAGE C IMMUTABLE STRICT PARALLEL SAFE;
COMMENT ON FUNCTION month_error(text) IS 'why parse_month cannot read a text (a sentence naming the forms it reads), or NULL when it can';

CREATE OR REPLACE FUNCTION parse_figure(text) RETURNS float8
	AS 'MODULE_PATHNAME' LANGUAGE C IMMUTABLE STRICT PARALLEL SAFE;
COMMENT ON FUNCTION parse_figure(text) IS 'the decimal number a text writes (1234.5, 1,234.5, -0.25, full-width digits; never hex, infinity or NaN) as the nearest float8; NULL when it writes none or one beyond float8';

CREATE OR REPLACE FUNCTION figure_error(text) RETURNS text
	AS 'MODULE_PATHNAME' LANGUAGE C IMMUTABLE STRICT PARALLEL SAFE;
COMMENT ON FUNCTION figure_error(text) IS 'why parse_figure cannot read a text (a sentence), or NULL when it can';

-- The loader's reading of a staged field (scorecard_plan's staged_readings
-- and staging_trim, staging_month, staging_float), one definition in C: the field
-- trimmed of white space, no-break and zero-width spaces and the BOM, then
-- the plain forms (2024-03, 2024/3, a date 2024-03-15; a decimal number
-- with an optional exponent) and, when fallback is true, what parse_month
-- and parse_figure read.  NULL for what does not read.
CREATE OR REPLACE FUNCTION staged_text(text) RETURNS text
	AS 'MODULE_PATHNAME' LANGUAGE C IMMUTABLE STRICT PARALLEL SAFE;
COMMENT ON FUNCTION staged_text(text) IS 'a staged field trimmed as the loader trims it: of ASCII white space, no-break spaces (U+00A0, U+202F), the ideographic space, the BOM, zero-width spaces and joiners (U+200B..U+200D, U+2060) and U+2000..U+200A';

CREATE OR REPLACE FUNCTION staged_month(text, fallback boolean) RETURNS date
	AS 'MODULE_PATHNAME' LANGUAGE C IMMUTABLE STRICT PARALLEL SAFE;
COMMENT ON FUNCTION staged_month(text, boolean) IS 'a staged month as the loader reads it: trimmed, 2024-03 or 2024/3 (its first day) or a date 2024-03-15 (that day), then with fallback the forms of parse_month; NULL when none reads';

CREATE OR REPLACE FUNCTION staged_figure(text, fallback boolean) RETURNS float8
	AS 'MODULE_PATHNAME' LANGUAGE C IMMUTABLE STRICT PARALLEL SAFE;
COMMENT ON FUNCTION staged_figure(text, boolean) IS 'a staged figure as the loader reads it: trimmed, a decimal number with an optional exponent (finite float8), then with fallback the forms of parse_figure; NULL when none reads';
