/*
 * target_test.c
 *		Unit tests of the pure target code: parsing, formatting, evaluation
 *		and time progress, without a server.
 */
#include <stdlib.h>

#include "tap.h"
#include "target_core.h"

/* Parse s and return its status. */
static TargetStatus
parse(const char *s, Target *t)
{
	char		detail[TARGET_DETAIL_LEN];

	return target_parse(s, t, detail, sizeof(detail));
}

/* Canonical text of s, or the empty string on failure. */
static const char *
canon(const char *s)
{
	static char buf[TARGET_TEXT_LEN];
	Target		t;

	if (parse(s, &t) != TARGET_OK)
		return "";
	target_format(&t, buf, sizeof(buf));
	return buf;
}

/* Random double over many magnitudes. */
static double
random_double(void)
{
	double		mant = (double) rand() / RAND_MAX * 2.0 - 1.0;
	int			e = rand() % 40 - 20;

	return mant * pow(10.0, e);
}

/* Text -> target -> text -> target gives equal targets for random thresholds. */
static void
test_round_trip_random(void)
{
	int			bad = 0;

	srand(20240531);
	for (int i = 0; i < 100000; i++)
	{
		Target		a = {0},
					b;
		char		buf[TARGET_TEXT_LEN];

		a.measure = 1 + rand() % 4;
		a.cmp = 1 + rand() % 6;
		a.lo = random_double();
		a.hi = a.cmp == CMP_BETWEEN ? a.lo + fabs(random_double()) : 0.0;
		if (target_validate(&a, buf, sizeof(buf)) != TARGET_OK)
			continue;
		target_format(&a, buf, sizeof(buf));
		if (parse(buf, &b) != TARGET_OK || target_compare(&a, &b) != 0)
		{
			if (bad++ < 3)
				printf("# round trip failed for %s\n", buf);
		}
	}
	ok(bad == 0, "100000 random targets read back equal from their text");
}

/* Every input form and its canonical output. */
static void
test_forms(void)
{
	ok_str(canon("growth >= 7%"), "growth >= 7%", "growth >= 7%%");
	ok_str(canon("level>=100"), "level >= 100", "level >= 100 without spaces");
	ok_str(canon("SHARE >= 22 %"), "share >= 22%", "share, upper case, spaced unit");
	ok_str(canon("change >= 0.5pp"), "change >= 0.5pp", "change in pp");
	ok_str(canon("level = 0"), "level = 0", "level = 0");
	ok_str(canon("growth < 0%"), "growth < 0%", "growth < 0%%");
	ok_str(canon("growth between 6% and 8%"), "growth between 6% and 8%", "between");
	ok_str(canon("growth > reference"), "growth > reference", "relative");
	ok_str(canon("level \xE2\x89\xA5 5"), "level >= 5", "Unicode greater-or-equal sign");
	ok_str(canon("level >= 2.5e3"), "level >= 2500", "exponent input, plain output");
	ok_str(canon("level >= 1e20"), "level >= 1e+20", "large exponent kept");
	ok_str(canon("level >= 0.30000000000000004"), "level >= 0.30000000000000004",
		   "17 significant digits when needed");
}

/* The bureau's notation reads as its canonical form. */
static void
test_notation(void)
{
	ok_str(canon("growth >= 7\xEF\xBC\x85"), "growth >= 7%", "full-width %% (U+FF05)");
	ok_str(canon("growth >= \xEF\xBC\x97\xEF\xBC\x8E\xEF\xBC\x95%"), "growth >= 7.5%",
		   "full-width digits and full stop");
	ok_str(canon("level \xE2\xA9\xBD 10"), "level <= 10", "slanted <= (U+2A7D)");
	ok_str(canon("\xE5\xA2\x9E\xE9\x95\xBF >= 7%"), "growth >= 7%", "增长 is growth");
	ok_str(canon("\xE5\xA2\x9E\xE9\x80\x9F >= 7%"), "growth >= 7%", "增速 is growth");
	ok_str(canon("\xE6\xAF\x94\xE9\x87\x8D >= 22%"), "share >= 22%", "比重 is share");
	ok_str(canon("\xE5\x8D\xA0\xE6\xAF\x94 >= 22%"), "share >= 22%", "占比 is share");
	ok_str(canon("\xE6\x8F\x90\xE9\xAB\x98 >= 0.5\xE4\xB8\xAA\xE7\x99\xBE\xE5\x88\x86\xE7\x82\xB9"),
		   "change >= 0.5pp", "提高 ... 个百分点 is a change in pp");
	/* a fall of at least 5% is a growth of at most -5% */
	ok_str(canon("\xE4\xB8\x8B\xE9\x99\x8D >= 5%"), "growth <= -5%", "下降 >= 5%% is growth <= -5%%");
	ok_str(canon("fall < 2%"), "growth > -2%", "fall < 2%% is growth > -2%%");
	ok_str(canon("fall between 2% and 5%"), "growth between -5% and -2%", "a fall between");
	ok_str(canon("fall >= 0.5pp"), "change <= -0.5pp", "a fall in pp is a change");
	ok_str(canon("fall >= 0%"), "growth <= 0%", "no negative zero");
}

/* Malformed and out-of-range texts give the right status. */
static void
test_errors(void)
{
	Target		t;

	ok(parse("growth >= 7pp", &t) == TARGET_SYNTAX, "growth in pp is a syntax error");
	ok(parse("level >= 7%", &t) == TARGET_SYNTAX, "level in %% is a syntax error");
	ok(parse("growth >= 7", &t) == TARGET_SYNTAX, "growth without unit is a syntax error");
	ok(parse("", &t) == TARGET_SYNTAX, "empty text");
	ok(parse("growth", &t) == TARGET_SYNTAX, "measure alone");
	ok(parse("growth >=", &t) == TARGET_SYNTAX, "no threshold");
	ok(parse("growth >= 7% x", &t) == TARGET_SYNTAX, "trailing text");
	ok(parse("growth between 6% and", &t) == TARGET_SYNTAX, "between without upper bound");
	ok(parse("growth >= nan%", &t) == TARGET_NONFINITE, "NaN threshold");
	ok(parse("growth >= -inf%", &t) == TARGET_NONFINITE, "infinite threshold");
	ok(parse("level >= 1e999", &t) == TARGET_NONFINITE, "overflowing threshold");
	ok(parse("growth between 8% and 6%", &t) == TARGET_BOUNDS, "reversed bounds");
	ok(parse("level >= 1e-999", &t) == TARGET_NONFINITE, "underflowing threshold refused, as overflow is");
	ok(parse("growth >= 7e-400%", &t) == TARGET_NONFINITE, "7e-400%% refused, not read as 0%%");
	ok(parse("level >= 0e-999", &t) == TARGET_OK && t.lo == 0.0, "zero with a large negative exponent is zero");
	ok(parse("level >= 5e-324", &t) == TARGET_OK && t.lo > 0.0, "the smallest subnormal is a threshold");
}

/* Values worked out by hand. */
static void
test_eval(void)
{
	Target		t;
	double		r;

	parse("growth >= 7%", &t);
	ok_near(target_eval_gap(&t, t.lo, 5.2), -1.8, 1e-12, "5.2 against growth >= 7%% is -1.8");
	ok(!target_eval_met(&t, t.lo, 5.2), "5.2 does not meet growth >= 7%%");
	parse("growth < 0%", &t);
	ok(target_eval_met(&t, t.lo, -3.0), "-3 meets growth < 0%%");
	ok_near(target_eval_gap(&t, t.lo, -3.0), 3.0, 0, "-3 is 3 ahead of growth < 0%%");
	ok(!target_eval_attainment(&t, t.lo, -3.0, &r), "attainment undefined at zero threshold");
	parse("level = 0", &t);
	ok(target_eval_met(&t, t.lo, 0.0), "0 meets level = 0");
	parse("level >= 100", &t);
	ok(target_eval_schedule_gap(&t, t.lo, 45.2, 5.0 / 12.0, &r), "schedule gap defined");
	ok_near(r, 45.2 - 500.0 / 12.0, 1e-9, "45.2%% at end of May is 3.53 points ahead");
	ok(target_eval_status(&t, t.lo, 45.2, true, 5.0 / 12.0, false, 0) == LIGHT_GREEN,
	   "ahead of schedule is green");
	ok(target_eval_status(&t, t.lo, 38.0, true, 5.0 / 12.0, false, 0) == LIGHT_YELLOW,
	   "3.7 points behind is yellow");
	ok(target_eval_status(&t, t.lo, 30.0, true, 5.0 / 12.0, false, 0) == LIGHT_RED,
	   "11.7 points behind is red");
	ok(target_check_tolerance(0.0) && target_check_tolerance(2.5),
	   "a tolerance of zero or more is usable");
	ok(!target_check_tolerance(-1.0) && !target_check_tolerance(-0.0 - 1e-300),
	   "a negative tolerance is not");
	ok(!target_check_tolerance(NAN) && !target_check_tolerance(INFINITY),
	   "nor NaN or infinity");
}

/* Time progress on both bases. */
static void
test_progress(void)
{
	double		s;

	/* day numbers relative to 2024-01-01 = 0; 2025-01-01 = 366 */
	ok(time_progress_share(BASIS_MONTH, 2024, 1, 0, 366, 2024, 5, 151, &s), "month basis");
	ok_near(s, 5.0 / 12.0, 1e-15, "end of May is 5/12");
	ok(time_progress_share(BASIS_DAY, 2024, 1, 0, 366, 2024, 5, 151, &s), "day basis");
	ok_near(s, 152.0 / 366.0, 1e-15, "31 May 2024 is day 152 of 366");
	ok(!time_progress_share(BASIS_DAY, 2024, 1, 0, 366, 2023, 12, -1, &s),
	   "before the period is refused");
	ok(time_progress_share(BASIS_MONTH, 2024, 1, 0, 366, 2025, 3, 450, &s) && s == 1.0,
	   "after the period is clamped to 1");
}

/* Parse s and give the unit written after its number ("" on failure). */
static const char *
unit_of(const char *s)
{
	static char unit[TARGET_UNIT_LEN];
	char		detail[TARGET_DETAIL_LEN];
	Target		t;

	if (target_parse_unit(s, &t, unit, sizeof(unit), detail, sizeof(detail)) != TARGET_OK)
		return "(error)";
	return unit;
}

/* The detail of a failed parse of s ("" when it parses). */
static const char *
detail_of(const char *s)
{
	static char detail[TARGET_DETAIL_LEN];
	Target		t;

	if (target_parse(s, &t, detail, sizeof(detail)) == TARGET_OK)
		return "";
	return detail;
}

/* The bureau's wording of a target, as plans write it. */
static void
test_wording(void)
{
	Target		t;

	ok_str(canon("增长7%以上"), "growth >= 7%", "以上 is >=");
	ok_str(canon("增速不低于7%"), "growth >= 7%", "不低于 is >=");
	ok_str(canon("增长\xE2\x89\xA7" "7%"), "growth >= 7%", "U+2267 is >=");
	ok_str(canon("不少于110件"), "level >= 110", "不少于 is >=, 件 makes a level");
	ok_str(canon("新增100家以上"), "level >= 100", "新增 is a level");
	ok_str(canon("\xE2\x89\xA5 100 家"), "level >= 100", "a sign, a number and a unit");
	ok_str(canon("控制在10起以内"), "level <= 10", "控制在 ... 以内 is <=");
	ok_str(canon("不高于35"), "level <= 35", "不高于 is <=, no unit: a level");
	ok_str(canon("不超过35"), "level <= 35", "不超过 is <=");
	ok_str(canon("\xE2\x89\xA6 35"), "level <= 35", "U+2266 is <=");
	ok_str(canon("超过600家"), "level > 600", "超过 is >");
	ok_str(canon("提高0.5个百分点左右"), "change >= 0.5pp", "左右 reads as >=");
	ok_str(canon("下降5%以上"), "growth <= -5%", "a fall of at least 5%%");
	ok_str(canon("下降5%以内"), "growth >= -5%", "a fall of at most 5%%");
	ok_str(canon("增长7%"), "growth >= 7%", "no comparison: a floor");
	ok_str(canon("不低于7%"), "share >= 7%", "%% with no measure is a share");
	ok_str(canon("> 20%"), "share > 20%", "ASCII may start with a sign: a share");
	ok_str(canon("= 0"), "level = 0", "ASCII sign and plain number: a level");
	ok_str(canon("增长 6～8%"), "growth between 6% and 8%", "a range");
	ok_str(canon("增速高于经济增速"), "growth > reference", "a reference named by its growth");
	ok_str(canon("下降"), "growth < 0%", "a fall alone");
	ok_str(canon("比上年提高"), "change > 0pp", "a rise alone");
	ok_str(canon("比重持续提升"), "change > 0pp", "a share that rises");
	ok_str(canon("零就业家庭动态清零"), "level = 0", "清零 with the name before it");
	ok_str(canon("数字经济增长 15%以上"), "growth >= 15%", "the indicator's name is skipped");
	ok_str(canon("新增高新技术企业 100 家以上"), "level >= 100", "a name after 新增");
	ok_str(unit_of("新增50亿元以上"), "亿元", "the unit of measure is returned");
	ok_str(unit_of("增长7%以上"), "%", "%% is returned as %%");
	ok_str(unit_of("提高0.5个百分点"), "pp", "个百分点 is returned as pp");
	ok_str(unit_of("不高于35"), "", "no unit");
	ok(target_unit_fits("家", " 家 ") && target_unit_fits("", "家") &&
	   target_unit_fits("%", "亿元") && target_unit_fits("pp", "%"),
	   "units that fit");
	ok(!target_unit_fits("家", "件") && !target_unit_fits("万户", "户") &&
	   !target_unit_fits("家", ""), "units that do not fit");
	/* what is refused, and the fix the detail names */
	ok_str(detail_of("growth => 7%"),
		   "The comparison \"=>\" is written \">=\" (\xE2\x89\xA5), as in \"growth >= 7%\".",
		   "=> names the fix");
	ok_str(detail_of("level =< 10"),
		   "The comparison \"=<\" is written \"<=\" (\xE2\x89\xA4), as in \"level <= 10\".",
		   "=< names the fix");
	ok(parse("增长7家", &t) == TARGET_SYNTAX, "a growth in 家 is refused");
	ok(parse("超过600家以上", &t) == TARGET_SYNTAX, "two comparisons are refused");
	ok(parse("增长7%以上的", &t) == TARGET_SYNTAX, "trailing text is refused");
	ok(parse("西安县", &t) == TARGET_SYNTAX, "a name alone is refused");
	ok(parse("增加 >= 7%", &t) == TARGET_SYNTAX, "a word mistyped for a measure is no name");
	ok_str(canon("有进出口实绩企业超过 600 家"), "level > 600", "a name before a count");
	ok(parse("growth 7%", &t) == TARGET_SYNTAX, "ASCII needs its comparison");
	ok(parse("growth", &t) == TARGET_SYNTAX, "ASCII measure alone is still refused");
	ok(parse("7%", &t) == TARGET_SYNTAX, "ASCII number alone is still refused");
}

/* Committed and stretch figures (确保 / 力争). */
static void
test_stretch(void)
{
	Target		t,
				old;
	char		detail[TARGET_DETAIL_LEN];

	ok_str(canon("确保增长7%、力争8%"), "growth >= 7% stretch 8%", "确保增长7%%、力争8%%");
	ok_str(canon("growth >= 7%, stretch 8%"), "growth >= 7% stretch 8%", "ASCII with a comma");
	ok_str(canon("下降5%以上、力争下降8%"), "growth <= -5% stretch -8%", "a fall with a stretch");
	ok_str(canon("力争增长8%"), "growth >= 8%", "力争 alone: its figure");
	ok(parse("growth >= 7% stretch 6%", &t) == TARGET_BOUNDS, "a stretch short of the committed figure");
	ok(parse("level = 0 stretch 1", &t) == TARGET_SYNTAX, "no stretch for =");
	ok(parse("growth >= 7% stretch 8%", &t) == TARGET_OK && (t.flags & TARGET_STRETCH) && t.hi == 8.0,
	   "the stretch is kept in hi with TARGET_STRETCH");
	/* a 0.2.0 value (flags 0, hi 0) is still valid; hi without the flag is not */
	memset(&old, 0, sizeof(old));
	old.measure = MEASURE_GROWTH;
	old.cmp = CMP_GE;
	old.lo = 7.0;
	ok(target_validate(&old, detail, sizeof(detail)) == TARGET_OK, "a value without flags still validates");
	old.hi = 8.0;
	ok(target_validate(&old, detail, sizeof(detail)) == TARGET_CORRUPT, "hi without the stretch flag is corrupt");
	old.flags = 0x02;
	ok(target_validate(&old, detail, sizeof(detail)) == TARGET_CORRUPT, "an unknown flag is corrupt");
}

int
main(void)
{
	test_forms();
	test_notation();
	test_errors();
	test_wording();
	test_eval();
	test_progress();
	test_round_trip_random();
	test_stretch();
	return tap_done();
}
