-- Casts from text and varchar to target: a target passed as a string
-- parameter (JDBC setString sends varchar) resolves the target functions.
SELECT target_met('growth >= 7%'::varchar, 7.5) AS met_from_varchar,
       target_gap('growth >= 7%'::text, 5.5) AS gap_from_text;
SELECT 'level >= 100'::varchar::target = 'level >= 100'::target AS same_value;
PREPARE met(varchar, float8) AS SELECT target_met($1, $2);
EXECUTE met('level <= 10', 3);
EXECUTE met('share between 20% and 25%', 26);
-- A bad string is refused as a bad literal is.
EXECUTE met('growth >= 7pp', 1);
SELECT 'nonsense'::text::target;
-- A text column compared with a target column.
CREATE TEMP TABLE goals (t target, s text);
INSERT INTO goals VALUES ('growth >= 7%', 'growth >= 7%'), ('level >= 1', 'level >= 2');
SELECT s, t = s AS equal FROM goals ORDER BY s;
DEALLOCATE met;
