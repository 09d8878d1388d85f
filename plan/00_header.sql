-- scorecard_plan install script, built by concatenating plan/*.sql in order.
\echo Use "CREATE EXTENSION scorecard_plan CASCADE" to load this file. \quit
