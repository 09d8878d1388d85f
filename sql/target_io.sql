SET search_path = scorecard, public;
SELECT 'growth >= 7%'::target;
