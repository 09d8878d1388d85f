-- scorecard install script, built by concatenating src/sql/*.sql in order.
\echo Use "CREATE EXTENSION scorecard" to load this file. \quit

