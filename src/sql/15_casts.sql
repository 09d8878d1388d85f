-- Casts from text and varchar to target, so a target can be passed as a
-- string parameter: JDBC's setString sends varchar, and without an implicit
-- cast target_met(character varying, double precision) does not exist.
-- (PostGIS defines such casts for geometry.)  Through the type's text input,
-- so a bad string raises the same 22P02 as a bad literal.
CREATE CAST (text AS target) WITH INOUT AS IMPLICIT;
COMMENT ON CAST (text AS target) IS 'a target from its text form (implicit: string parameters, JDBC setString)';
CREATE CAST (varchar AS target) WITH INOUT AS IMPLICIT;
COMMENT ON CAST (varchar AS target) IS 'a target from its text form (implicit: string parameters, JDBC setString)';
