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

int
main(void)
{
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
	return tap_done();
}
