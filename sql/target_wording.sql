-- The bureau's wording of a target (README "The bureau's notation"): every
-- wording reads as the canonical target written by hand beside it, and the
-- canonical text reads back equal (text -> target -> text -> target).
SET search_path = scorecard, public;

CREATE TABLE wording (input text, expect text);
INSERT INTO wording VALUES
	-- >= in words, signs and suffixes
	('增长7%以上', 'growth >= 7%'),
	('增长7%及以上', 'growth >= 7%'),
	('不低于7%', 'share >= 7%'),
	('增速不低于7%', 'growth >= 7%'),
	('增长≧7%', 'growth >= 7%'),
	('增长 ≥ 7%', 'growth >= 7%'),
	('增长达到7%', 'growth >= 7%'),
	('新增100家以上', 'level >= 100'),
	('不少于110件', 'level >= 110'),
	('≥ 100 家', 'level >= 100'),
	('达到6个', 'level >= 6'),
	('新增1家', 'level >= 1'),
	('比重22%以上', 'share >= 22%'),
	('占比不低于22%', 'share >= 22%'),
	-- <= in words, signs and suffixes
	('控制在10起以内', 'level <= 10'),
	('控制在10起', 'level <= 10'),
	('10起以内', 'level <= 10'),
	('10起以下', 'level <= 10'),
	('不高于35', 'level <= 35'),
	('不超过35', 'level <= 35'),
	('≦ 35', 'level <= 35'),
	('增长不超过5%', 'growth <= 5%'),
	-- > and <
	('超过600家', 'level > 600'),
	('高于600家', 'level > 600'),
	('比重超过20%', 'share > 20%'),
	('低于5起', 'level < 5'),
	('少于5起', 'level < 5'),
	-- 左右 (about) reads as >= the stated figure
	('提高0.5个百分点左右', 'change >= 0.5pp'),
	('增长7%左右', 'growth >= 7%'),
	-- no comparison: the plan's figure is a floor
	('增长7%', 'growth >= 7%'),
	('增长 3.6%', 'growth >= 3.6%'),
	('提高0.5个百分点', 'change >= 0.5pp'),
	-- a fall is a negative growth (or change)
	('下降5%以上', 'growth <= -5%'),
	('下降5%', 'growth <= -5%'),
	('下降5%以内', 'growth >= -5%'),
	('下降0.5个百分点以上', 'change <= -0.5pp'),
	('比重下降1个百分点', 'change <= -1pp'),
	-- a measure alone: rises or falls
	('下降', 'growth < 0%'),
	('同比下降', 'growth < 0%'),
	('增长', 'growth > 0%'),
	('比上年提高', 'change > 0pp'),
	('持续提升', 'change > 0pp'),
	('比重持续提升', 'change > 0pp'),
	-- none at all
	('清零', 'level = 0'),
	('动态清零', 'level = 0'),
	('杜绝', 'level = 0'),
	('= 0 起', 'level = 0'),
	-- ranges
	('增长6%～8%', 'growth between 6% and 8%'),
	('增长 6～8%', 'growth between 6% and 8%'),
	('增长6%至8%', 'growth between 6% and 8%'),
	('6～8家', 'level between 6 and 8'),
	-- a reference named by its growth
	('增速高于经济增速', 'growth > reference'),
	('增速不低于城镇居民人均可支配收入增速', 'growth >= reference'),
	-- units of measure after the number
	('新增50亿元以上', 'level >= 50'),
	('新增500万元以上', 'level >= 500'),
	('不少于8000万美元', 'level >= 8000'),
	('10项以上', 'level >= 10'),
	-- full-width forms mixed in
	('增长７．５％以上', 'growth >= 7.5%'),
	('新增１００家以上', 'level >= 100'),
	-- the other words of the README table
	('增长不小于7%', 'growth >= 7%'),
	('不多于35', 'level <= 35'),
	('不大于35', 'level <= 35'),
	('多于600家', 'level > 600'),
	('大于600家', 'level > 600'),
	('小于5起', 'level < 5'),
	('≥ 22%', 'share >= 22%'),
	('> 20%', 'share > 20%'),
	('增长6%到8%', 'growth between 6% and 8%'),
	('增长6%~8%', 'growth between 6% and 8%'),
	('较上年提高0.5个百分点', 'change >= 0.5pp'),
	('全年新增100家以上', 'level >= 100');
SELECT input, input::target AS canonical,
       input::target = expect::target AS as_written_by_hand,
       input::target::text::target = input::target AS round_trip,
       target_unit_of_text(input) AS unit
FROM wording;
SELECT count(*) AS wordings, count(*) FILTER (WHERE input::target = expect::target
       AND input::target::text::target = input::target) AS read_as_expected FROM wording;

-- The main targets of the 2024 plan (seed/shaoyang-eight-actions-2024.md,
-- section 一) as the plan words them, the indicator's name included, read
-- as targets-2024.md gives them.
CREATE TABLE plan_wording (input text, expect text);
INSERT INTO plan_wording VALUES
	('第一产业增加值增长 3.6%', 'growth >= 3.6%'),
	('规模工业增加值增长 7%', 'growth >= 7%'),
	('数字经济增长 15%以上', 'growth >= 15%'),
	('全社会研发经费投入增长 12%以上', 'growth >= 12%'),
	('新增高新技术企业 100 家以上', 'level >= 100'),
	('新增高价值发明专利 110 件以上', 'level >= 110'),
	('高新技术产业增加值占地区生产总值比重 22%以上', 'share >= 22%'),
	('技术合同成交额增长 20%以上', 'growth >= 20%'),
	('突破关键核心技术 10 项以上', 'level >= 10'),
	('社会消费品零售总额增长 7%', 'growth >= 7%'),
	('外资增长 10%', 'growth >= 10%'),
	('有进出口实绩企业超过 600 家', 'level > 600'),
	('新增百亿企业 1 家', 'level >= 1'),
	('专精特新中小企业 60 家以上', 'level >= 60'),
	('制造业单项冠军企业 6 家以上', 'level >= 6'),
	('企业达到 133000 户', 'level >= 133000'),
	('中心城区地区生产总值占全市比重超过 20%', 'share > 20%'),
	('城镇化率提高 0.5 个百分点左右', 'change >= 0.5pp'),
	('达到 6 个', 'level >= 6'),
	('城乡居民收入增速高于经济增速', 'growth > reference'),
	('农村居民收入增速高于城镇居民收入增速', 'growth > reference'),
	('杜绝重特大事故', 'level = 0'),
	('一般事故起数持续下降', 'growth < 0%'),
	('重污染天气同比下降', 'growth < 0%'),
	('零就业家庭动态清零', 'level = 0');
SELECT input, expect, input::target = expect::target AS as_expected FROM plan_wording;

-- Misplaced comparison signs: the detail names the fix.
SELECT 'growth => 7%'::target;
\echo :LAST_ERROR_SQLSTATE
SELECT 'level =< 10'::target;
\echo :LAST_ERROR_SQLSTATE
SELECT '增长≥=7%'::target;
\echo :LAST_ERROR_SQLSTATE
SELECT 'growth > = 7%'::target;
\echo :LAST_ERROR_SQLSTATE
SELECT 'level == 0'::target;
\echo :LAST_ERROR_SQLSTATE
SELECT 'level != 0'::target;
\echo :LAST_ERROR_SQLSTATE
-- A unit of measure belongs to a level; the comparison is written once;
-- a range takes no comparison; text after the target is refused.
SELECT '增长7家'::target;
\echo :LAST_ERROR_SQLSTATE
SELECT '新增100%以上'::target;
\echo :LAST_ERROR_SQLSTATE
SELECT '超过600家以上'::target;
\echo :LAST_ERROR_SQLSTATE
SELECT '增长不低于6%～8%'::target;
\echo :LAST_ERROR_SQLSTATE
SELECT '增长6%～8家'::target;
\echo :LAST_ERROR_SQLSTATE
SELECT '增长7%以上的'::target;
\echo :LAST_ERROR_SQLSTATE
SELECT '增长很快'::target;
\echo :LAST_ERROR_SQLSTATE
SELECT '新增'::target;
\echo :LAST_ERROR_SQLSTATE
SELECT '西安县'::target;
\echo :LAST_ERROR_SQLSTATE
-- ASCII text keeps its grammar: a measure word needs a comparison.
SELECT 'growth 7%'::target;
\echo :LAST_ERROR_SQLSTATE

-- The unit of measure is checked, not stored: against the indicator's.
SELECT target_check_unit('新增100家以上', '家') AS same_unit,
       target_check_unit('新增100家以上', ' 家 ') AS spaces_ignored,
       target_check_unit('增长7%以上', '亿元') AS growth_in_percent,
       target_check_unit('提高0.5个百分点', '%') AS change_in_pp,
       target_check_unit('不高于35', '起') AS no_unit;
SELECT target_check_unit('新增100家以上', '件');
\echo :LAST_ERROR_SQLSTATE
SELECT target_check_unit('实有经营主体达 55 万户', '户');
\echo :LAST_ERROR_SQLSTATE
SELECT target_check_unit('新增100家以上', '');
\echo :LAST_ERROR_SQLSTATE
SELECT target_unit_of_text('growth >= 7x');
\echo :LAST_ERROR_SQLSTATE
SELECT target_unit_of_text('growth >= 7%') AS percent, target_unit_of_text('level >= 7') AS none,
       target_unit_of_text('增长 6～8%') AS range, target_unit_of_text('下降') AS bare;

-- Every target text the report prints reads back as the same target: the
-- demo plan's targets (data/plan.sql) through report_target_zh, with their
-- indicator's unit of measure and reference, and the unit it prints fits
-- the indicator's.
SET client_min_messages = warning;
CREATE EXTENSION IF NOT EXISTS scorecard_plan;
TRUNCATE action, unit, indicator, plan_target, reading, task, assessment_run CASCADE;
\set ECHO none
\set QUIET on
\i data/plan.sql
\set QUIET off
\set ECHO all
RESET client_min_messages;
CREATE TEMP VIEW printed AS
	SELECT p.target, i.measure_unit,
	       report_target_zh(p.target, i.measure_unit, r.name_zh) AS zh
	FROM plan_target p JOIN indicator i USING (indicator_id)
	LEFT JOIN indicator r ON r.indicator_id = p.reference_indicator_id;
SELECT count(*) AS targets, count(*) FILTER (WHERE zh::target = target) AS read_back_equal,
       count(*) FILTER (WHERE target_check_unit(zh, measure_unit)) AS unit_fits
FROM printed;
SELECT DISTINCT zh, zh::target AS read_back, target FROM printed ORDER BY target, zh;
-- The forms the report prints for targets the demo has not.
SELECT t, u, report_target_zh(t, u) AS zh, report_target_zh(t, u)::target = t AS read_back_equal
FROM (VALUES ('growth between 6% and 8%'::target, '亿元'), ('level between 6 and 8', '家'),
	('change between 0.5pp and 1pp', '%'), ('share between 20% and 25%', '%'),
	('growth <= 5%', '亿元'), ('growth < 5%', '亿元'), ('growth <= -5%', '亿元'),
	('level <= 10', '起'), ('level < 10', '起'), ('level >= 100', ''), ('level = 0', ''),
	('change <= -0.5pp', '%'), ('growth >= reference', '元'), ('growth < reference', '元'),
	('growth <= reference', '元'), ('share <= 30%', '%')) v(t, u);
