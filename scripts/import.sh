#!/usr/bin/env bash
# Import a bureau's plan from a folder of CSV files into the database psql
# connects to (PGHOST, PGPORT, PGDATABASE, ...), everything or nothing,
# and print a summary.  Usage:
#     scripts/import.sh DIR [ENCODING]        (or: make import DIR=... [ENCODING=GBK])
# Each file's kind is told by the start of its name: units / 单位,
# actions / 行动, indicators / 指标, targets / 目标, tasks / 任务 / 清单,
# readings / 数据 (at most one readings file); other files are skipped.
# Columns come from each file's header, in Chinese or English (templates/).
# Encoding: ENCODING for every file (UTF8, GBK, GB18030) or, by default,
# per file: UTF-8 (a byte order mark is dropped) when the file is valid
# UTF-8, else GB18030, which includes GBK (what Excel writes on Chinese
# Windows).  Bad rows: every one listed with its file, line and reason, and
# nothing is imported (exit 1).  Importing the same files again changes
# nothing.
set -euo pipefail
dir=${1:?usage: scripts/import.sh DIR [ENCODING]}
forced=${2:-}
[ -d "$dir" ] || { echo "import: $dir is not a folder" >&2; exit 2; }
export PGCLIENTENCODING=UTF8
q() { psql -X -q -At -v ON_ERROR_STOP=1 "$@"; }

# The kind of a file from its name, or nothing.
kind_of() {
	case "$(basename "$1")" in
	units*|单位*) echo unit ;;
	actions*|行动*) echo action ;;
	indicators*|指标*) echo indicator ;;
	targets*|目标*) echo target ;;
	tasks*|任务*|清单*) echo task ;;
	readings*|数据*) echo reading ;;
	esac
}

script=$(mktemp)
out=$(mktemp)
trap 'rm -f "$script" "$out"' EXIT
{
	echo '\set ON_ERROR_STOP on'
	echo 'SET client_min_messages = warning;'
	echo 'BEGIN;'
	echo 'SELECT scorecard.begin_import() \g /dev/null'
} > "$script"
encodings=()
nreadings=0
# units first, then the rest in an order that lets every key resolve
for k in unit action indicator target task reading; do
	for f in "$dir"/*.csv "$dir"/*.CSV; do
		[ -f "$f" ] || continue
		[ "$(kind_of "$f")" = "$k" ] || continue
		if [ -n "$forced" ]; then
			enc=$forced
		elif iconv -f UTF-8 -t UTF-8 "$f" >/dev/null 2>&1; then
			enc=UTF8
		else
			enc=GB18030
		fi
		header=$(head -n 1 "$f" | { if [ "$enc" = UTF8 ]; then cat; else iconv -f "$enc" -t UTF-8; fi; } | tr -d '\r')
		cols=$(q -v kind="$k" -v header="$header" <<<"SELECT scorecard.import_columns(:'kind', :'header')") || exit 2
		if [ "$k" = reading ]; then
			nreadings=$((nreadings + 1))
			[ "$nreadings" -le 1 ] || { echo "import: more than one readings file in $dir (import them one at a time)" >&2; exit 2; }
			table=pg_temp.reading_staging
		else
			table=pg_temp.import_$k
		fi
		name=$(basename "$f")
		encodings+=("$name: $enc")
		# \copy takes the file name in single quotes (a quote in it doubled)
		printf "\\\\copy %s (%s) FROM '%s' WITH (FORMAT csv, HEADER true, ENCODING '%s')\n" \
			"$table" "$cols" "${f//\'/\'\'}" "$enc" >> "$script"
		printf "SELECT scorecard.import_file_staged('%s', '%s') \\\\g /dev/null\n" "$k" "${name//\'/\'\'}" >> "$script"
	done
done
[ ${#encodings[@]} -gt 0 ] || { echo "import: no plan files in $dir (units*.csv, indicators*.csv, targets*.csv, ...; see templates/)" >&2; exit 2; }
cat >> "$script" <<'SQL'
SELECT count(*) > 0 AS has_bad FROM scorecard.check_import() \gset
\if :has_bad
\echo 'BAD ROWS (nothing imported):'
\pset format unaligned
\pset fieldsep ' | '
\pset footer off
SELECT file, 'line ' || line AS line, reason FROM scorecard.check_import();
ROLLBACK;
\q
\endif
\pset format aligned
\pset footer off
\pset tuples_only off
\echo 'imported (inserted: new rows; updated: changed rows or new revisions of readings; unchanged: equal to what was stored):'
SELECT what AS "rows", inserted, updated, unchanged FROM scorecard.load_import();
COMMIT;
SQL
echo "files (encoding; a file that is not valid UTF-8 is read as GB18030, which includes GBK):"
printf '  %s\n' "${encodings[@]}"
status=0
psql -X -q -v ON_ERROR_STOP=1 -P pager=off -f "$script" > "$out" 2>&1 || status=$?
cat "$out"
if [ $status -ne 0 ] || grep -q '^BAD ROWS' "$out"; then
	exit 1
fi
psql -X -q -At -P pager=off <<'SQL'
\echo 'warnings:'
SELECT coalesce(string_agg(w, E'\n'), '  (none)') FROM (
SELECT '  indicator ' || i.name_zh || ' has no target' AS w FROM scorecard.indicator i
WHERE NOT EXISTS (SELECT 1 FROM scorecard.plan_target t WHERE t.indicator_id = i.indicator_id)
UNION ALL
SELECT '  ' || y.n || ' target(s) of ' || y.year || ' have no reading of their unit and indicator in that year'
FROM (SELECT t.year, count(*) AS n FROM scorecard.plan_target t
      WHERE NOT EXISTS (SELECT 1 FROM scorecard.reading r WHERE r.indicator_id = t.indicator_id
                        AND r.unit_id = t.unit_id AND extract(year FROM r.month) = t.year)
        AND t.judged_on = 'own'
        AND EXISTS (SELECT 1 FROM scorecard.unit_kind k JOIN scorecard.unit u ON u.kind = k.kind
                    WHERE u.unit_id = t.unit_id AND NOT EXISTS (SELECT 1 FROM scorecard.unit c WHERE c.parent_id = u.unit_id))
      GROUP BY t.year) y
UNION ALL
SELECT '  ' || count(*) || ' target(s) of weight 0 (shown, not scored)' FROM scorecard.plan_target t
WHERE t.weight = 0 HAVING count(*) > 0) s;
\echo 'defaults in force (README "Defaults"; change them in the files or in scorecard.plan_setting):'
SELECT '  score cap: a target earns at most score_cap x its weight; ' || count(*) FILTER (WHERE score_cap = 1.2) || ' of ' || count(*)
       || ' targets have the default 1.2 (120%; write 封顶 1 for none); score floor 0'
FROM scorecard.plan_target;
SELECT '  status tolerance: ' || count(t.*) FILTER (WHERE coalesce(t.status_bands, i.status_bands) IS NOT NULL) || ' of ' || count(t.*)
       || ' targets have a band set of their own or their indicator''s (预警区间); the others '
       || coalesce('the plan''s: ' || ps.status_bands, 'the defaults: yellow within 5 points of time progress (level targets of flows), 1 percentage point (growth, share, change), 5% of the threshold (other levels); red beyond')
FROM scorecard.plan_setting_in_force ps
LEFT JOIN (scorecard.plan_target t JOIN scorecard.indicator i USING (indicator_id)) ON true
GROUP BY ps.status_bands;
SELECT '  precision: values in full (rates to 2 decimals) unless an indicator''s 小数位 says otherwise; growth to 0.1% (增速小数位 1)';
SELECT '  loader bounds (scorecard.plan_setting): values within ' || value_bound || ', reported growth within ' || growth_bound
       || '%, months after this one ' || CASE WHEN future_months THEN 'accepted' ELSE 'refused' END
       || ', readings from ' || years_before_targets || ' years before the first target year'
FROM scorecard.plan_setting_in_force;
SQL
