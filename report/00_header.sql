-- scorecard_report install script, built by concatenating report/*.sql in order.
\echo Use "CREATE EXTENSION scorecard_report CASCADE" to load this file. \quit
