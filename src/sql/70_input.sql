
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
