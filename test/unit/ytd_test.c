/*
 * ytd_test.c
 *		Unit tests of the year-to-date core: calendar, coverage rules,
 *		accessors, merging, and the text form's exact round trip.
 */
#include "ytd_core.h"
#include "tap.h"
#include "float_text.h"

#include <stdlib.h>

#define M(y, m) ((y) * 12 + (m) - 1)

/* A state parsed from text (NULL on failure, with the detail printed). */
static Ytd *
parse(const char *s, YtdStatus *status)
{
	YtdReading r[64];
	YtdHead		h;
	char		detail[YTD_DETAIL_LEN];
	YtdStatus	st = ytd_parse(s, &h, r, 64, detail, sizeof(detail));
	int			base,
				n;
	Ytd		   *y;

	if (status)
		*status = st;
	if (st != YTD_OK)
		return NULL;
	ytd_readings_range(r, h.nreadings, &base, &n);
	y = calloc(1, YTD_SIZE(n));
	ytd_build(y, &h, r, h.nreadings);
	return y;
}

/* The text of a state (static buffer). */
static const char *
text(const Ytd *s)
{
	static char buf[4096];

	ytd_format(s, buf, sizeof(buf));
	return buf;
}

/* Calendar conversions against known day numbers (from 2000-01-01). */
static void
test_calendar(void)
{
	int			y,
				m;
	int32_t		month;

	ok(ytd_ym_to_day(2000, 1, 1) == 0, "2000-01-01 is day 0");
	ok(ytd_ym_to_day(2024, 2, 29) == 8825, "2024-02-29 is day 8825");
	ok(ytd_ym_to_day(1999, 12, 31) == -1, "1999-12-31 is day -1");
	ytd_day_to_ym(8825, &y, &m);
	ok(y == 2024 && m == 2, "day 8825 is in 2024-02");
	ytd_day_to_ym(8826, &y, &m);
	ok(y == 2024 && m == 3, "day 8826 is in 2024-03");
	ok(ytd_day_month(ytd_ym_to_day(2023, 9, 15), &month) && month == M(2023, 9),
	   "a mid-month day counts for its month");
	ok(!ytd_day_month(ytd_ym_to_day(10000, 1, 1), &month), "year 10000 is out of range");
	ok(!ytd_day_month(ytd_ym_to_day(0, 12, 31), &month), "year 0 is out of range");
	ok(ytd_ym_to_day(1, 1, 1) == YTD_MIN_DAY && ytd_ym_to_day(9999, 12, 31) == YTD_MAX_DAY,
	   "the day range is 0001-01-01..9999-12-31");
	ok(ytd_day_month(YTD_MIN_DAY, &month) && month == M(1, 1) &&
	   ytd_day_month(YTD_MAX_DAY, &month) && month == M(9999, 12), "the range ends map to their months");
	ok(!ytd_day_month(INT32_MAX, &month) && !ytd_day_month(INT32_MIN, &month),
	   "infinite dates are out of range");
	for (int d = -800000; d <= 3000000; d += 997)
	{
		int32_t		back;

		ytd_day_to_ym(d, &y, &m);
		back = ytd_ym_to_day(y, m, 1);
		if (!(back <= d && d - back < 31) ||
			(y >= 1 && y <= 9999 && !(ytd_day_month(d, &month) && month == M(y, m))))
		{
			ok(0, "day %d maps into its month", d);
			return;
		}
	}
	ok(1, "every sampled day falls inside the month it maps to, both ways");
}

/* Flows, the January-February convention and a gap in one year. */
static void
test_flows(void)
{
	Ytd		   *s = parse("monthly{2023-01:100,2023-02:120,2023-03:130,2024-02:250,2024-03:140}", NULL);
	double		v;
	int32_t		miss[24];

	ok(ytd_value_of(s, M(2024, 3), &v) && v == 390, "ytd value 2024-03 = 250 + 140");
	ok(ytd_value_of(s, M(2023, 3), &v) && v == 350, "ytd value 2023-03 = 100 + 120 + 130");
	ok(ytd_growth_of(s, M(2024, 2), &v), "growth as of February with Jan+Feb reported together");
	ok_near(v, (250.0 / 220.0 - 1) * 100, 1e-12, "growth 2024-02 = 250/220 - 1");
	ok(!ytd_growth_of(s, M(2024, 1), &v), "no growth as of January when January is missing");
	ok(ytd_missing_months(s, M(2024, 1), false, miss) == 1 && miss[0] == M(2024, 1),
	   "missing: January 2024");
	ok(ytd_missing_months(s, M(2024, 3), false, miss) == 0, "nothing missing as of March");
	ok(!ytd_growth_of(s, M(2024, 4), &v), "no growth as of April: April missing both years");
	ok(ytd_missing_months(s, M(2024, 4), false, miss) == 2 &&
	   miss[0] == M(2023, 4) && miss[1] == M(2024, 4), "missing: April of both years, prior first");
	free(s);

	s = parse("monthly{2023-01:1,2023-03:1,2024-01:1,2024-02:1,2024-03:1}", NULL);
	ok(!ytd_growth_of(s, M(2024, 3), &v), "a February gap in one year blocks the comparison");
	ok(ytd_missing_months(s, M(2024, 3), false, miss) == 1 && miss[0] == M(2023, 2),
	   "missing: February 2023");
	ok(ytd_growth_of(s, M(2024, 1), &v) && v == 0, "January alone compares");
	free(s);
}

/* Zero and negative bases, stocks and rates, cumulative readings. */
static void
test_measures(void)
{
	Ytd		   *s = parse("monthly{2023-01:0,2024-01:5}", NULL);
	double		v;
	int32_t		miss[24];

	ok(!ytd_growth_of(s, M(2024, 1), &v), "zero base: no growth");
	ok(!ytd_pct(5, -1, &v), "negative base: no growth");
	ok(ytd_pct(-5, 4, &v) && v == -225, "negative current value: -225%%");
	free(s);

	s = parse("monthly{2023-09:1000,2024-08:1100,2024-09:1150}", NULL);
	ok(ytd_level_of(s, M(2024, 9), &v) && v == 1150, "stock level at the month");
	ok(ytd_level_growth_of(s, M(2024, 9), &v) && fabs(v - 15) < 1e-12, "stock level growth 15%%");
	ok(!ytd_level_growth_of(s, M(2024, 8), &v), "no level growth without August 2023");
	ok(ytd_missing_months(s, M(2024, 8), true, miss) == 1 && miss[0] == M(2023, 8),
	   "level missing: August 2023 only");
	free(s);

	s = parse("rate{2023-09:61.2,2024-09:61.9}", NULL);
	ok(ytd_change_of(s, M(2024, 9), &v) && fabs(v - 0.7) < 1e-12, "rate change +0.7pp");
	ok(ytd_add(s, M(2024, 9), 1.0) == YTD_RATE_ADDED, "a second rate reading is refused");
	free(s);

	s = parse("cumulative{2023-02:210,2023-03:330,2024-02:230,2024-03:360}", NULL);
	ok(ytd_value_of(s, M(2024, 3), &v) && v == 360, "cumulative value is the reading");
	ok(ytd_growth_of(s, M(2024, 2), &v) && fabs(v - (230.0 / 210 - 1) * 100) < 1e-12,
	   "cumulative growth as of February without January");
	ok(ytd_missing_months(s, M(2024, 1), false, miss) == 2, "cumulative: January missing both years");
	ok(ytd_month_value_of(s, M(2024, 3), &v) && v == 130, "cumulative month value: 360 - 230");
	ok(!ytd_month_value_of(s, M(2024, 2), &v), "no February value when it stands for January too");
	free(s);

	s = parse("monthly{2024-01:5,2024-02:7,2025-02:12}", NULL);
	ok(ytd_month_value_of(s, M(2024, 2), &v) && v == 7, "monthly month value is the reading");
	ok(!ytd_month_value_of(s, M(2025, 2), &v), "a monthly February without January has no value alone");
	ok(ytd_month_value_of(s, M(2024, 1), &v) && v == 5, "January's value");
	free(s);
}

/* Growing, merging and the in-place add. */
static void
test_merge(void)
{
	Ytd		   *a = parse("monthly{2024-01:1,2024-02:2}", NULL);
	Ytd		   *b = parse("monthly{2023-01:10,2024-02:20}", NULL);
	Ytd		   *c = parse("rate{2024-01:1}", NULL);
	Ytd		   *g;
	int			base,
				n;

	ok(ytd_merge_check(a, c, &base, &n) == YTD_KIND_MIX, "monthly and rate do not merge");
	ok(ytd_merge_check(a, b, &base, &n) == YTD_OK && base == 2023 && n == 2, "merge spans 2023-2024");
	g = calloc(1, YTD_SIZE(n));
	ytd_copy_into(g, a, base, n);
	ok(ytd_merge_into(g, b) == YTD_OK, "merge");
	ok_str(text(g), "monthly{2023-01:10,2024-01:1,2024-02:22}", "merged readings add up by month");
	ok(ytd_add(g, M(2024, 1), 1e308) == YTD_OK && ytd_add(g, M(2024, 1), 1e308) == YTD_NONFINITE,
	   "an overflowing sum is reported");
	ok(sizeof(YtdYear) * 2 + offsetof(Ytd, years) == 224, "two years take 224 bytes");
	free(a), free(b), free(c), free(g);
}

/* Text: exact round trip of awkward doubles, and malformed input. */
static void
test_text(void)
{
	const char *good[] = {
		"monthly{2023-01:0.30000000000000004,2023-02:0.3333333333333333,2023-03:5e-324,"
		"2023-04:1.7976931348623157e+308,2023-05:-0,2024-01:123456789.125,2024-02:-2.5e-10}",
		"rate@2024-02-29{2024-02:61.9}",
		"cumulative{}",
		"monthly{0001-01:1}",
		"monthly{9999-12:2}",
		"monthly{1900-01:1,2099-12:2}",
	};
	struct
	{
		const char *s;
		YtdStatus	st;
	}			bad[] = {
		{"weekly{}", YTD_SYNTAX}, {"monthly", YTD_SYNTAX}, {"monthly{2023-01:1", YTD_SYNTAX},
		{"monthly{2023-13:1}", YTD_SYNTAX}, {"monthly{2023-01:}", YTD_SYNTAX},
		{"monthly{2023-02:1,2023-01:1}", YTD_SYNTAX}, {"monthly{2023-01:1,2023-01:1}", YTD_SYNTAX},
		{"monthly@2023-02-29{}", YTD_SYNTAX}, {"monthly{2023-01:nan}", YTD_NONFINITE},
		{"monthly{0001-01:1,9999-12:2}", YTD_SPAN}, {"monthly{1900-01:1,2100-01:2}", YTD_SPAN},
		{"monthly{2023-01:1e400}", YTD_NONFINITE}, {"monthly{} x", YTD_SYNTAX},
		{"monthly{10000-01:1}", YTD_SYNTAX},
	};

	for (size_t i = 0; i < sizeof(good) / sizeof(good[0]); i++)
	{
		Ytd		   *s = parse(good[i], NULL);
		Ytd		   *t;

		ok(s != NULL, "parses: %s", good[i]);
		if (!s)
			continue;
		ok_str(text(s), good[i], "canonical text reads back the same");
		t = parse(text(s), NULL);
		ok(t && memcmp(s, t, YTD_SIZE(s->nyears)) == 0, "text round trip is bit-exact");
		free(s), free(t);
	}
	for (size_t i = 0; i < sizeof(bad) / sizeof(bad[0]); i++)
	{
		YtdStatus	st;

		ok(parse(bad[i].s, &st) == NULL && st == bad[i].st, "rejected: %s", bad[i].s);
	}
	for (int i = 0; i < 2000; i++)
	{
		double		v = ((double) rand() / RAND_MAX - 0.5) * pow(10, rand() % 40 - 20);
		char		buf[40];

		float_text(v, buf, sizeof(buf));
		if (strtod(buf, NULL) != v)
		{
			ok(0, "shortest form of %.17g reads back", v);
			return;
		}
	}
	ok(1, "2000 random doubles read back exactly from their shortest form");
}

/* Mutated text never crashes the parser; what parses reads back the same. */
static void
test_fuzz(void)
{
	const char *seed = "monthly@2024-09-30{2023-01:100,2023-02:-2.5e-3,2024-12:7}";
	const char	alphabet[] = "0123456789-:,{}@. emonthlyratecumulativ+xnaif";
	int			parsed = 0;

	srand(1);
	for (int i = 0; i < 20000; i++)
	{
		char		buf[128];
		int			n = (int) strlen(seed);
		Ytd		   *s,
				   *t;

		memcpy(buf, seed, n + 1);
		for (int k = rand() % 4; k >= 0; k--)
		{
			int			pos = rand() % n;

			if (rand() % 3 == 0)
				n = pos, buf[n] = '\0';	/* truncate */
			else
				buf[pos] = alphabet[rand() % (sizeof(alphabet) - 1)];
			if (n == 0)
				break;
		}
		s = parse(buf, NULL);
		if (!s)
			continue;
		parsed++;
		t = parse(text(s), NULL);
		if (!t || memcmp(s, t, YTD_SIZE(s->nyears)) != 0)
		{
			ok(0, "mutated text \"%s\" reads back the same", buf);
			free(s), free(t);
			return;
		}
		free(s), free(t);
	}
	ok(parsed > 0, "20000 mutated texts: no crash, %d parsed and read back the same", parsed);
}

int
main(void)
{
	test_calendar();
	test_flows();
	test_measures();
	test_merge();
	test_text();
	test_fuzz();
	return tap_done();
}
