/*
 * input_test.c
 *		Unit tests of reading typed months and figures (input_core.c).
 */
#include "tap.h"
#include "input_core.h"

/* A month text reads as year-month ym (e.g. 202407), or fails with st. */
static void
month_is(const char *s, int ym, InputStatus st)
{
	int			y = 0,
				m = 0;
	char		detail[INPUT_DETAIL_LEN] = "";
	InputStatus got = input_month(s, &y, &m, detail, sizeof(detail));

	if (st == INPUT_OK)
		ok(got == INPUT_OK && y * 100 + m == ym, "month \"%s\" is %d (got %d, %04d-%02d; %s)", s, ym, got, y, m, detail);
	else
		ok(got == st && detail[0] != '\0', "month \"%s\" fails with status %d (got %d: %s)", s, st, got, detail);
}

/* A figure text reads as exactly want, or fails with st. */
static void
figure_is(const char *s, double want, InputStatus st)
{
	double		v = -12345.678;
	char		detail[INPUT_DETAIL_LEN] = "";
	InputStatus got = input_figure(s, &v, detail, sizeof(detail));

	if (st == INPUT_OK)
		ok(got == INPUT_OK && v == want, "figure \"%s\" is %.17g (got %d, %.17g; %s)", s, want, got, v, detail);
	else
		ok(got == st && detail[0] != '\0', "figure \"%s\" fails with status %d (got %d: %s)", s, st, got, detail);
}

/* A staged month reads as the date ymd (e.g. 20240315), or not (ymd 0). */
static void
staged_month_is(const char *s, bool fallback, int ymd)
{
	int			y = 0,
				m = 0,
				d = 0;
	bool		got = input_staged_month(s, strlen(s), fallback, &y, &m, &d);

	if (ymd != 0)
		ok(got && y * 10000 + m * 100 + d == ymd, "staged month \"%s\" (fallback %d) is %d (got %d, %04d-%02d-%02d)",
		   s, fallback, ymd, got, y, m, d);
	else
		ok(!got, "staged month \"%s\" (fallback %d) does not read (got %d, %04d-%02d-%02d)", s, fallback, got, y, m, d);
}

/* A staged figure reads as exactly want, or not (readable false). */
static void
staged_figure_is(const char *s, bool fallback, bool readable, double want)
{
	double		v = -12345.678;
	bool		got = input_staged_figure(s, strlen(s), fallback, &v);

	if (readable)
		ok(got && v == want, "staged figure \"%s\" (fallback %d) is %.17g (got %d, %.17g)", s, fallback, want, got, v);
	else
		ok(!got, "staged figure \"%s\" (fallback %d) does not read (got %d, %.17g)", s, fallback, got, v);
}

/* What is left of s after the loader's trim. */
static void
trimmed_is(const char *s, const char *want)
{
	size_t		start,
				n = input_staging_trim(s, strlen(s), true, &start);

	ok(n == strlen(want) && memcmp(s + start, want, n) == 0, "%zu bytes trim to the %zu of \"%s\" (got %zu bytes from %zu)",
	   strlen(s), strlen(want), want, n, start);
}

int
main(void)
{
	char		longdigits[400];
	char		longjunk[1000];
	char		out[INPUT_MAX];

	/* the month forms of issue 21 item 4 */
	month_is("2024-7", 202407, INPUT_OK);
	month_is("2024-07", 202407, INPUT_OK);
	month_is("2024/7", 202407, INPUT_OK);
	month_is("2024.07", 202407, INPUT_OK);
	month_is("2024年7月", 202407, INPUT_OK);
	month_is("2024 年 7 月份", 202407, INPUT_OK);
	month_is("2024年7月15日", 202407, INPUT_OK);
	month_is("2024-07-15", 202407, INPUT_OK);
	month_is("2024/7/31", 202407, INPUT_OK);
	month_is("202407", 202407, INPUT_OK);
	month_is("２０２４年１２月", 202412, INPUT_OK);	/* full-width digits */
	month_is("\xEF\xBB\xBF 2024-03\t", 202403, INPUT_OK);	/* BOM, space, tab */
	month_is("2024-02-29", 202402, INPUT_OK);
	/* what is not a month */
	month_is("", 0, INPUT_EMPTY);
	month_is("   ", 0, INPUT_EMPTY);
	month_is("2024", 0, INPUT_SYNTAX);
	month_is("24-07", 0, INPUT_SYNTAX);
	month_is("2024-07/15", 0, INPUT_SYNTAX);	/* mixed separators */
	month_is("2024-007", 0, INPUT_SYNTAX);
	month_is("July 2024", 0, INPUT_SYNTAX);
	month_is("2024年7", 0, INPUT_SYNTAX);
	month_is("2024-13", 0, INPUT_RANGE);
	month_is("2024-00", 0, INPUT_RANGE);
	month_is("2023-02-29", 0, INPUT_RANGE);	/* not a leap year */
	month_is("2024-06-31", 0, INPUT_RANGE);
	month_is("2024-06-00", 0, INPUT_RANGE);
	month_is("0000-01", 0, INPUT_RANGE);

	/* figures: plain, grouped, full-width, signs */
	figure_is("1234.5", 1234.5, INPUT_OK);
	figure_is("1,234.5", 1234.5, INPUT_OK);
	figure_is("1,234,567", 1234567, INPUT_OK);
	figure_is("１，２３４．５", 1234.5, INPUT_OK);
	figure_is("-0.25", -0.25, INPUT_OK);
	figure_is("－0.25", -0.25, INPUT_OK);
	figure_is("+7", 7, INPUT_OK);
	figure_is(".5", 0.5, INPUT_OK);
	figure_is("5.", 5, INPUT_OK);
	figure_is(" 12\xC2\xA0", 12, INPUT_OK);	/* no-break space */
	figure_is("1.5e3", 1500, INPUT_OK);
	figure_is("0", 0, INPUT_OK);
	figure_is("0.1", 0.1, INPUT_OK);	/* the float8 nearest to 0.1 */
	figure_is("1.7976931348623157e308", 1.7976931348623157e308, INPUT_OK);
	/* what is not a figure */
	figure_is("", 0, INPUT_EMPTY);
	figure_is("0x10", 0, INPUT_SYNTAX);
	figure_is("Infinity", 0, INPUT_SYNTAX);
	figure_is("NaN", 0, INPUT_SYNTAX);
	figure_is("1,23", 0, INPUT_SYNTAX);	/* a group of two digits */
	figure_is("1234,567", 0, INPUT_SYNTAX);	/* four digits before a separator */
	figure_is("1,234,56", 0, INPUT_SYNTAX);
	figure_is("1.2.3", 0, INPUT_SYNTAX);
	figure_is("12%", 0, INPUT_SYNTAX);
	figure_is("1e", 0, INPUT_SYNTAX);
	figure_is("-", 0, INPUT_SYNTAX);
	figure_is(".", 0, INPUT_SYNTAX);
	figure_is("1 234", 0, INPUT_SYNTAX);
	figure_is("2e308", 0, INPUT_RANGE);
	figure_is("-1e400", 0, INPUT_RANGE);
	figure_is("7e-400", 0, INPUT_RANGE);
	figure_is("0e-400", 0, INPUT_OK);	/* zero written with an exponent is zero */

	/* normalising */
	ok(input_normalise("\xEF\xBB\xBF\xE3\x80\x80\xEF\xBD\x81" "b\xE2\x80\x8B\xE2\x88\x92" "1 ", out) && strcmp(out, "ab-1") == 0,
	   "BOM, ideographic space, full-width a, zero-width space and minus sign read as \"ab-1\" (got \"%s\")", out);
	ok(input_normalise("隆回县", out) && strcmp(out, "隆回县") == 0, "Chinese text is copied as it is");

	/* the loader's trim: each character of its set, on both ends */
	trimmed_is(" \t\r\n\v\fgdp\f\v\n\r\t ", "gdp");
	trimmed_is("\xC2\xA0" "gdp" "\xE2\x80\xAF", "gdp");	/* U+00A0, U+202F */
	trimmed_is("\xE3\x80\x80\xEF\xBB\xBF" "gdp" "\xE2\x80\x8B\xE2\x80\x8C\xE2\x80\x8D", "gdp");	/* U+3000, BOM; U+200B..D */
	trimmed_is("\xE2\x81\xA0\xE2\x80\x80" "gdp" "\xE2\x80\x8A", "gdp");	/* U+2060, U+2000; U+200A */
	trimmed_is("g d\xC2\xA0p", "g d\xC2\xA0p");	/* inside, nothing goes */
	trimmed_is("\xE2\x80\x8E" "gdp", "\xE2\x80\x8E" "gdp");	/* U+200E (a mark, not a space) stays */
	trimmed_is("\xE2\x80\x90", "\xE2\x80\x90");	/* U+2010 hyphen stays */
	trimmed_is("\xEF\xBC\x91", "\xEF\xBC\x91");	/* a full-width 1 stays */
	trimmed_is("", "");
	trimmed_is(" \xE3\x80\x80 ", "");
	trimmed_is("\xC2", "\xC2");		/* a cut sequence: copied, never read past */
	trimmed_is("\xE2\x80", "\xE2\x80");
	{
		/* another encoding: only ASCII white space goes (EF BB is a character of EUC-CN) */
		const char *euc = " \xEF\xBB\xBF\xA1\xC2\xA0\xA1 ";
		size_t		start,
					n = input_staging_trim(euc, strlen(euc), false, &start);

		ok(start == 1 && n == 7, "outside UTF-8 only the ASCII spaces are trimmed (got %zu bytes from %zu)", n, start);
	}

	/* staged months: the plain forms, exact dates, then parse_month's */
	staged_month_is("2024-3", false, 20240301);
	staged_month_is("2024-03", false, 20240301);
	staged_month_is(" 2024/03\xE3\x80\x80", false, 20240301);
	staged_month_is("2024-03-15", false, 20240315);	/* the day is kept */
	staged_month_is("2024/3/5", false, 20240305);
	staged_month_is("2024/03-15", false, 20240315);	/* '/' reads as '-' */
	staged_month_is("2024-02-29", false, 20240229);
	staged_month_is("2023-02-29", false, 0);	/* not a day of the calendar */
	staged_month_is("2023-02-29", true, 0);
	staged_month_is("2024-13", false, 0);
	staged_month_is("2024-13", true, 0);
	staged_month_is("0000-05", true, 0);	/* no year 0 */
	staged_month_is("2024-00", true, 0);
	staged_month_is("2024-03-00", true, 0);
	staged_month_is("2024-003", true, 0);
	staged_month_is("20240-03", true, 0);
	staged_month_is("2024年7月", false, 0);	/* only with the fallback */
	staged_month_is("2024年7月", true, 20240701);
	staged_month_is("2024年7月15日", true, 20240701);	/* parse_month: the first day */
	staged_month_is("2024.07", true, 20240701);
	staged_month_is("202407", true, 20240701);
	staged_month_is("\xEF\xBC\x92\xEF\xBC\x90\xEF\xBC\x92\xEF\xBC\x94-\xEF\xBC\x90\xEF\xBC\x93", false, 0);	/* full-width */
	staged_month_is("\xEF\xBC\x92\xEF\xBC\x90\xEF\xBC\x92\xEF\xBC\x94-\xEF\xBC\x90\xEF\xBC\x93", true, 20240301);
	staged_month_is("", true, 0);
	staged_month_is(" \t ", true, 0);
	staged_month_is("2024-03x", true, 0);
	staged_month_is("\xB6\xFE\xC1\xE3\xB6\xFE\xCB\xC4\xC4\xEA", true, 0);	/* 二零二四年 in GBK bytes */

	/* staged figures: the plain decimal as float8in reads it, then parse_figure's */
	staged_figure_is("12", false, true, 12);
	staged_figure_is(" -0.25\xC2\xA0", false, true, -0.25);
	staged_figure_is(".5", false, true, 0.5);
	staged_figure_is("5.", false, true, 5);
	staged_figure_is("+1e3", false, true, 1000);
	staged_figure_is("0.1", false, true, 0.1);
	staged_figure_is("1.7976931348623157e308", false, true, 1.7976931348623157e308);
	staged_figure_is("1e-310", false, true, 1e-310);	/* subnormal: float8in reads it */
	staged_figure_is("1e-310", true, true, 1e-310);
	staged_figure_is("0e-400", false, true, 0);
	staged_figure_is("1e400", false, false, 0);
	staged_figure_is("1e400", true, false, 0);
	staged_figure_is("-1e400", true, false, 0);
	staged_figure_is("1e-400", true, false, 0);	/* a nonzero underflow to zero */
	staged_figure_is("0x10", true, false, 0);
	staged_figure_is("inf", true, false, 0);
	staged_figure_is("Infinity", true, false, 0);
	staged_figure_is("NaN", true, false, 0);
	staged_figure_is("", true, false, 0);
	staged_figure_is("\xE3\x80\x80", true, false, 0);
	staged_figure_is("1 234", true, false, 0);
	staged_figure_is("1e", true, false, 0);
	staged_figure_is("-", true, false, 0);
	staged_figure_is(".", true, false, 0);
	staged_figure_is("1,234.5", false, false, 0);	/* only with the fallback */
	staged_figure_is("1,234.5", true, true, 1234.5);
	staged_figure_is("\xEF\xBC\x91\xEF\xBC\x92\xEF\xBC\x8E\xEF\xBC\x95", false, false, 0);	/* full-width 12.5 */
	staged_figure_is("\xEF\xBC\x91\xEF\xBC\x92\xEF\xBC\x8E\xEF\xBC\x95", true, true, 12.5);
	staged_figure_is("\xE2\x88\x92" "3", true, true, -3);	/* U+2212 minus */
	staged_figure_is("\xB6\xFE\xC1\xE3", true, false, 0);	/* GBK bytes */
	/* a 300-digit decimal reads (float8in has no length limit): 10^299 */
	longdigits[0] = '1';
	memset(longdigits + 1, '0', 299);
	longdigits[300] = '\0';
	staged_figure_is(longdigits, true, true, 1e299);
	/* a 309-digit one is beyond float8 */
	memset(longdigits + 1, '0', 309);
	longdigits[310] = '\0';
	staged_figure_is(longdigits, true, false, 0);
	/* 999 bytes of junk: nothing reads, nothing overflows */
	memset(longjunk, 'x', sizeof(longjunk) - 1);
	longjunk[sizeof(longjunk) - 1] = '\0';
	staged_figure_is(longjunk, true, false, 0);
	staged_month_is(longjunk, true, 0);
	longjunk[0] = '1', longjunk[1] = ',';
	staged_figure_is(longjunk, true, false, 0);
	return tap_done();
}
