-- Comments on the view columns the plan model's files leave without one
-- (test/pgtap/comments.sql checks that every column has one).  A column
-- name means the same in every view, so those columns are commented from
-- one list; the few whose meaning depends on the view are listed per view,
-- and the as_of of every *_latest view is latest_as_of().
-- A column commented beside its view keeps that comment: this file never
-- overwrites one (test/suites/comments_once.sh).


DO $$
DECLARE
	c record;
BEGIN
	FOR c IN
		WITH per_name(col, txt) AS (VALUES
			('indicator_id', 'indicator id (scorecard.indicator)'),
			('code', 'indicator code'),
			('action_id', 'action id (scorecard.action)'),
			('action_zh', 'action name (Chinese)'),
			('indicator_zh', 'indicator name (Chinese)'),
			('indicator_en', 'indicator name (English)'),
			('measure_unit', 'unit of measure of the indicator''s values (亿元, %, ...)'),
			('nature', 'flow, stock, rate or task'),
			('unit_id', 'unit id (scorecard.unit)'),
			('unit_zh', 'unit name (Chinese)'),
			('unit_kind', 'kind of unit: city, district, county_city, county, department'),
			('peer_group', 'the group the unit is ranked in: county, department or city'),
			('year', 'plan year'),
			('as_of', 'as-of date of the figures'),
			-- the published figures as exact decimals (figure_numeric), for BI tools
			('value_num', 'value at the indicator''s decimals, an exact decimal (BI tools)'),
			('growth_num', 'growth at the indicator''s growth_decimals, an exact decimal (BI tools)'),
			('change_num', 'change_pp at the indicator''s decimals (2 when unset), an exact decimal (BI tools)'),
			('actual_num', 'the published figure (published_figure: actual_published at decimals), an exact decimal (BI tools)'),
			('gap_num', 'gap at the precision the target is judged at (decimals), an exact decimal (BI tools)'),
			('points_num', 'points at 2 decimals, an exact decimal (BI tools)'),
			('total_num', 'total at 2 decimals, an exact decimal (BI tools)'),
			('score_num', 'score at 2 decimals, an exact decimal (BI tools)'),
			('data_month', 'month the figures reach (first day); NULL without data'),
			('target', 'the target, as text (growth >= 7%)'),
			('weight', 'weight of the target in the assessment'),
			('value', 'year-to-date value (flows), level (stocks and rates) or count'),
			('prior', 'the same figure a year before'),
			('computed_growth', 'year-on-year growth computed from the readings, %'),
			('reported_growth', 'year-on-year growth as the bureau published it, %'),
			('growth', 'growth shown: reported if published, else computed, %'),
			('growth_source', 'which growth is shown: reported or computed'),
			('change_pp', 'change of a rate from a year before, percentage points'),
			('actual', 'the figure the target is judged on, in the target''s unit'),
			('reference', 'the reference indicator''s growth (relative targets), else NULL'),
			('met', 'whether the target is met'),
			('gap', 'signed gap to the target in its unit, positive = ahead'),
			('attainment', 'attainment ratio (完成率), 1 = on target; NULL where undefined'),
			('time_progress', 'share of the year elapsed at the as-of date (序时进度)'),
			('schedule_gap', 'points of an annual level target ahead of time progress (flows), else NULL'),
			('status', 'green, yellow or red; NULL without data'),
			('note', 'what keeps a figure from being computed, if anything'),
			('scoring', 'scoring method: ratio, threshold, efficacy, banded or rank'),
			('points', 'points earned by the target (NULL: not applicable)'),
			('items', 'number of weighted targets'),
			('applicable', 'number of targets with points'),
			('applicable_weight', 'weight of the targets with points'),
			('total', 'raw total: points plus bonus minus deduction'),
			('score', 'score: 100 x points / applicable weight'),
			('grade', 'grade (优秀, 良好, 合格, 不合格)'),
			('rank', 'rank among the unit''s peers, 1 = best'),
			('run_id', 'assessment run id (scorecard.assessment_run)'),
			('finished_at', 'when the assessment run finished'),
			('month', 'month of the reading (first day)'),
			('revision', 'revision number of the reading, 1 = first published'),
			('recorded_at', 'when this revision was recorded'),
			('source', 'where the figure comes from'),
			('task_id', 'task id (scorecard.task)'),
			('kind', 'project, task or policy'),
			('name_zh', 'task name (Chinese)'),
			('responsible_unit_id', 'unit responsible for the task'),
			('responsible_unit_zh', 'name of the unit responsible (Chinese)'),
			('lead_person', 'person in charge'),
			('section', 'section of the plan the task belongs to'),
			('due_date', 'date the task is due'),
			('completed_on', 'date the task was completed'),
			('planned_investment', 'planned investment (projects)'),
			('completed_investment', 'investment completed so far (projects)'),
			('investment_completion', 'completed / planned investment'),
			('ahead_of_schedule', 'investment completion minus time progress'),
			('overdue', 'whether the task is past due and not done'),
			('days_overdue', 'days past the due date (not done)'),
			('computed_at', 'when the figures were computed: the time the stored rows were (the snapshot''s; the arithmetic''s, the lagging list''s and the data review''s, which a refresh may store later), or the reading transaction''s when computed live')
		), per_view(view, col, txt) AS (VALUES
			('reading_current', 'value', 'the reading''s value (monthly, or cumulative January to month)'),
			('reading_current', 'revision', 'revision in force (the latest)'),
			('task_progress_latest', 'status', 'not_started, in_progress, done or suspended'),
			('task_progress_latest', 'time_progress', 'share of the task''s time from start to due date elapsed at the as-of date'),
			('assessment_run_ranking', 'as_of', 'as-of date of the run')
		), per_kind(suffix, col, txt) AS (VALUES
			('_latest', 'as_of', 'last day of the latest month with readings (latest_as_of())')
		)
		SELECT cl.relname, a.attname, coalesce(v.txt, k.txt, n.txt) AS txt
		FROM pg_catalog.pg_class cl
		JOIN pg_catalog.pg_attribute a ON a.attrelid = cl.oid AND a.attnum > 0 AND NOT a.attisdropped
		LEFT JOIN per_view v ON v.view = cl.relname AND v.col = a.attname
		LEFT JOIN per_kind k ON pg_catalog.right(cl.relname, pg_catalog.length(k.suffix)) = k.suffix AND k.col = a.attname
		LEFT JOIN per_name n ON n.col = a.attname
		WHERE cl.relnamespace = 'scorecard'::pg_catalog.regnamespace AND cl.relkind = 'v'
			AND coalesce(v.txt, k.txt, n.txt) IS NOT NULL
			AND pg_catalog.col_description(cl.oid, a.attnum::int) IS NULL
	LOOP
		EXECUTE pg_catalog.format('COMMENT ON COLUMN scorecard.%I.%I IS %L', c.relname, c.attname, c.txt);
	END LOOP;
END $$;
