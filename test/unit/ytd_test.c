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
	y = calloc(1, YTD_SIZE(n, false));
	if (ytd_build(y, &h, r, h.nreadings, false) == YTD_WIDEN)
	{
		free(y);
		y = calloc(1, YTD_SIZE(n, true));
		ytd_build(y, &h, r, h.nreadings, true);
	}
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
	g = calloc(1, YTD_SIZE(n, false));
	ytd_copy_into(g, a, base, n);
	ok(ytd_merge_into(g, b) == YTD_OK, "merge");
	ok_str(text(g), "monthly{2023-01:10,2024-01:1,2024-02:22}", "merged readings add up by month");
	ok(ytd_add(g, M(2024, 1), 1e308) == YTD_OK && ytd_add(g, M(2024, 1), 1e308) == YTD_OK &&
	   strcmp(text(g), "monthly{2023-01:10,2024-01:inexact,2024-02:22}") == 0,
	   "readings too large to hold exactly make their month inexact, not an error");
	ok(YTD_SIZE(2, false) == 232 && YTD_SIZE(2, true) == 472,
	   "two years take 232 bytes (472 when wide)");
	free(a), free(b), free(c), free(g);
}

/* Text: exact round trip of awkward doubles, and malformed input. */
static void
test_text(void)
{
	const char *good[] = {
		"monthly{2023-01:0.30000000000000004,2023-02:0.3333333333333333,2023-03:5e-324,"
		"2023-04:1.7976931348623157e+308,2023-05:0,2024-01:123456789.125,2024-02:-0.00000000025}",
		"monthly{2023-01:170141183460469231730.5,2023-02:inexact,2023-03:-0.000000000000000001}",
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
		ok(t && memcmp(s, t, YTD_SIZE(s->nyears, YTD_IS_WIDE(s))) == 0, "text round trip is bit-exact");
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
		if (!t || memcmp(s, t, YTD_SIZE(s->nyears, YTD_IS_WIDE(s))) != 0)
		{
			ok(0, "mutated text \"%s\" reads back the same", buf);
			free(s), free(t);
			return;
		}
		free(s), free(t);
	}
	ok(parsed > 0, "20000 mutated texts: no crash, %d parsed and read back the same", parsed);
}

/* Exact decimal sums (issue 19): conversion, rescaling, carries, old format. */
static void
test_exact(void)
{
	ytd_i128	n;
	int			k;
	Ytd		   *a,
			   *b,
			   *g;
	double		v;
	int			why;
	char		buf[64];
	YtdV1	   *v1;
	double		cents[12] = {22699.68, 42542.87, 67756.15, 66590.47, 84300, 14519.29,
		28911.63, 76361.14, 68384.72, 93180.72, 47613.67, 23959.66};
	double		cents2[12] = {73229.54, 93311.52, 47711.3, 70675.19, 61191.81, 64827.45,
		39713.67, 26320.32, 14922.52, 30564.42, 26383.65, 132864.42};
	int			base,
				ny;

	ok(ytd_decimal(0.1, 0, &n, &k) && n == 1 && k == 1, "0.1 is 1 x 10^-1");
	ok(ytd_decimal(0.1, 4, &n, &k) && n == 1000 && k == 4, "0.1 tried at scale 4 is 1000 x 10^-4");
	ok(ytd_decimal(0.1 + 0.2, 0, &n, &k) && n == 30000000000000004 && k == 17,
	   "0.1 + 0.2 is its shortest text 0.30000000000000004");
	ok(ytd_decimal(-1234567.891, 2, &n, &k) && n == -1234567891 && k == 3, "a negative reading");
	ok(ytd_decimal(1e20, 0, &n, &k) && n == (ytd_i128) 100000000000000000 * 1000 && k == 0,
	   "1e20 is held");
	ok(!ytd_decimal(1e21, 0, &n, &k) && !ytd_decimal(1e-19, 0, &n, &k) &&
	   !ytd_decimal(NAN, 0, &n, &k), "1e21, 1e-19 and NaN are not held as decimals");
	ok(ytd_decimal(1e-18, 0, &n, &k) && n == 1 && k == 18, "1e-18 is held (18 decimals)");

	ytd_dec_text((ytd_i128) -12345, 3, buf, sizeof(buf));
	ok(strcmp(buf, "-12.345") == 0, "decimal text -12.345");
	ytd_dec_text((ytd_i128) 5, 3, buf, sizeof(buf));
	ok(strcmp(buf, "0.005") == 0, "decimal text 0.005");
	ok(ytd_dec_to_double(ytd_p10x[37] + 1, 37) == 1.0 &&
	   ytd_dec_to_double(70499999999999999, 16) == 7.0499999999999999,
	   "decimal to double rounds correctly, also above 2^53");

	/* rescaling and carries: 160-bit sums */
	{
		int32_t		c = -1;		/* -10^20 in 160 bits */
		ytd_i128	u = -ytd_p10x[20];

		ok(ytd_acc_mul10(&c, &u, 19) && c < 0, "-10^20 x 10^19 goes beyond 128 bits, negative");
		ok(!ytd_acc_fits(c, u), "and does not fit 128 bits");
	}
	a = calloc(1, YTD_SIZE(1, false));
	ytd_init(a, YTD_MONTHLY, 2024, 1, false);
	ok(ytd_add(a, M(2024, 1), 12.5) == YTD_OK && ytd_add(a, M(2024, 1), 1.5e20) == YTD_WIDEN,
	   "a narrow state (64-bit sums) asks to be widened for 1.5e20");
	g = calloc(1, YTD_SIZE(1, true));
	ytd_widen_into(g, a);
	ok(YTD_IS_WIDE(g) && ytd_add(g, M(2024, 1), 1.5e20) == YTD_OK &&
	   strcmp(text(g), "monthly{2024-01:150000000000000000012.5}") == 0, "the wide copy holds 1.5e20 + 12.5");
	free(a), free(g);
	a = calloc(1, YTD_SIZE(1, true));
	ytd_init(a, YTD_MONTHLY, 2024, 1, true);
	for (int i = 0; i < 4; i++)
		ytd_add(a, M(2024, 1), 1.5e20);
	for (int i = 0; i < 4; i++)
		ytd_add(a, M(2024, 1), -1.5e20);
	ytd_add(a, M(2024, 1), 0.001);
	ok(a->scale == 3 && ytd_value_of(a, M(2024, 1), &v) && v == 0.001,
	   "sums beyond 128 bits carry: 4 x 1.5e20 - 4 x 1.5e20 + 0.001 = 0.001 at scale 3");
	ok_str(text(a), "monthly{2024-01:0.001}", "and prints 0.001");
	free(a);

	/* order: the twelve counties of issue 19 in both orders give one state */
	a = calloc(1, YTD_SIZE(2, false));
	b = calloc(1, YTD_SIZE(2, false));
	ytd_init(a, YTD_MONTHLY, 2023, 2, false);
	ytd_init(b, YTD_MONTHLY, 2023, 2, false);
	for (int i = 0; i < 12; i++)
	{
		ytd_add(a, M(2023, 1), cents[i]);
		ytd_add(a, M(2024, 1), cents2[i]);
		ytd_add(b, M(2023, 1), cents[11 - i]);
		ytd_add(b, M(2024, 1), cents2[11 - i]);
	}
	ok(memcmp(a, b, YTD_SIZE(2, false)) == 0, "twelve counties in either order: the same bytes");
	ok_str(text(a), "monthly{2023-01:636820,2024-01:681715.81}", "exact sums 636820 and 681715.81");
	ok(ytd_growth_pub(a, M(2024, 1), 1, &v, &why) && v == 7.1,
	   "published growth at 1 decimal: exact 7.05%% rounds to 7.1");
	ok(ytd_growth_pub(a, M(2024, 1), 2, &v, &why) && v == 7.05, "at 2 decimals 7.05");
	ok(ytd_value_pub(a, M(2024, 1), 1, &v, &why) && v == 681715.8, "published value 681715.8");
	ok(ytd_value_pub(a, M(2024, 1), 0, &v, &why) && v == 681716, "published value 681716");
	free(b);

	/* rounding half away from zero, negative figures */
	ok(ytd_round_ratio(-1, 8, 2, false, &v) && v == -0.13, "-1/8 = -0.125 publishes -0.13");
	ok(ytd_round_ratio(1, 3, 3, true, &v) && v == 33.333, "1/3 = 33.333%%");
	ok(ytd_round_ratio(2, 3, 0, true, &v) && v == 67, "2/3 = 67%%");
	ok(!ytd_round_ratio(1, 0, 2, true, &v), "no ratio over 0");

	/* a non-decimal reading alone, and with others */
	b = parse("monthly{2023-01:1e-300,2024-01:5}", NULL);
	ok(ytd_value_of(b, M(2023, 1), &v) && v == 1e-300, "a lone 1e-300 keeps its double");
	ok(!ytd_growth_pub(b, M(2024, 1), 1, &v, &why) && why == 1,
	   "but a published growth on it is NULL, said to be inexact");
	ok(ytd_add(b, M(2023, 2), 2) == YTD_OK && ytd_value_of(b, M(2023, 2), &v) && v == 2 + 1e-300 &&
	   !ytd_value_pub(b, M(2023, 2), 2, &v, &why) && why == 1,
	   "with other months, the double of the sum (the same in any order), but no published value");
	ok(ytd_add(b, M(2023, 1), 1) == YTD_OK && !ytd_value_of(b, M(2023, 1), &v),
	   "adding to it makes the month inexact: no value");
	{
		int32_t		months[24];

		ok(ytd_inexact_months(b, M(2024, 1), false, months) == 1 && months[0] == M(2023, 1),
		   "and ytd_inexact_months names it");
	}
	free(b);
	b = parse("monthly{2023-01:1e-300}", NULL);
	g = parse("monthly{2023-01:2}", NULL);
	ok(ytd_merge_into(b, g) == YTD_OK && strcmp(text(b), "monthly{2023-01:inexact}") == 0,
	   "merging a decimal into a lone non-decimal month makes it inexact");
	ok(ytd_merge_into(g, b) == YTD_OK && strcmp(text(g), "monthly{2023-01:inexact}") == 0,
	   "and the other way round");
	free(b), free(g);

	/* format 1 (0.1.0, 0.2.0): float sums, read as their shortest decimals */
	v1 = calloc(1, YTD_V1_SIZE(2));
	v1->kind = YTD_MONTHLY;
	v1->nyears = 2;
	v1->base_year = 2023;
	v1->years[0].mask = 1;
	v1->years[0].v[0] = 636820.0000000001;
	v1->years[1].mask = 1;
	v1->years[1].v[0] = 681715.81;
	g = calloc(1, YTD_SIZE(2, false));
	ytd_from_v1(g, v1, false);
	ok_str(text(g), "monthly{2023-01:636820.0000000001,2024-01:681715.81}",
		   "a format-1 state reads as the decimals its text shows");
	ok(ytd_growth_of(g, M(2024, 1), &v) && v == (681715.81 / 636820.0000000001 - 1) * 100,
	   "and answers as before");
	ok(ytd_merge_check(g, a, &base, &ny) == YTD_OK && ytd_merge_into(g, a) == YTD_OK &&
	   strcmp(text(g), "monthly{2023-01:1273640.0000000001,2024-01:1363431.62}") == 0,
	   "and rolls up with a new state");
	free(v1), free(g), free(a);
}

/*
 * A random state over 2023-2024: values of dec decimals (-1: 0 to 2 at
 * random) times 10^0 to 10^(lim-1), some months without a reading.
 */
static Ytd *
random_state(unsigned *seed, YtdKind kind, double lim, int dec)
{
	Ytd		   *s = calloc(1, YTD_SIZE(2, true));

	ytd_init(s, kind, 2023, 2, false);
	for (int i = 0; i < 24; i++)
	{
		int			d = dec >= 0 ? dec : rand_r(seed) % 3;
		double		v = (double) (rand_r(seed) % 2000000 - 500000) / float_exact_p10[d] *
			pow(10.0, (double) (rand_r(seed) % (int) lim));

		if (rand_r(seed) % 5 == 0)
			continue;			/* a month without a reading */
		if (ytd_add(s, M(2023, 1) + i, v) == YTD_WIDEN)
		{
			Ytd		   *w = calloc(1, YTD_SIZE(2, true));

			ytd_widen_into(w, s);
			free(s);
			s = w;
			ytd_add(s, M(2023, 1) + i, v);
		}
	}
	return s;
}

/* The same state in the wide layout (whose figures take the general path). */
static Ytd *
wide_copy(const Ytd *s)
{
	Ytd		   *w = calloc(1, YTD_SIZE(s->nyears, true));

	if (YTD_IS_WIDE(s))
		memcpy(w, s, YTD_SIZE(s->nyears, true));
	else
		ytd_widen_into(w, s);
	return w;
}

/*
 * The fast paths (merge in place, a year's sum at once, the month cache)
 * against the general code: random states merged both ways give equal
 * bytes, and every figure equals the wide copy's.
 */
static void
test_fast_paths(void)
{
	unsigned	seed = 24;
	int			merged = 0,
				fell_back = 0,
				figures = 0,
				bad_merge = 0,
				bad_figure = 0,
				bad_month = 0;
	YtdMonthCache c = {1, 0, 0};

	for (int i = 0; i < 2000; i++)
	{
		YtdKind		kind = i % 10 == 0 ? YTD_RATE : YTD_MONTHLY;
		int			dec = i % 3 == 0 ? -1 : i % 4;
		Ytd		   *a = random_state(&seed, kind, i % 7 == 0 ? 16 : 4, dec);
		Ytd		   *b = random_state(&seed, kind, i % 7 == 0 ? 16 : 4, dec);
		size_t		size = YTD_SIZE(2, true);
		Ytd		   *f = calloc(1, size);
		Ytd		   *g = calloc(1, size);
		bool		fast;

		memcpy(f, a, YTD_SIZE(a->nyears, YTD_IS_WIDE(a)));
		memcpy(g, a, YTD_SIZE(a->nyears, YTD_IS_WIDE(a)));
		fast = ytd_merge_fast(f, b);
		if (fast)
		{
			YtdStatus	st = ytd_merge_into(g, b);

			merged++;
			if (st != YTD_OK || YTD_IS_WIDE(g) != YTD_IS_WIDE(f) ||
				memcmp(f, g, YTD_SIZE(2, YTD_IS_WIDE(f))) != 0)
				bad_merge++;
		}
		else
		{
			fell_back++;
			if (memcmp(f, a, YTD_SIZE(a->nyears, YTD_IS_WIDE(a))) != 0)
				bad_merge++;	/* all or nothing */
		}
		for (int m = M(2023, 1); m <= M(2024, 12); m++)
		{
			Ytd		   *w = wide_copy(a);
			double		x,
						y;
			bool		p,
						q;

			if (kind == YTD_RATE)
			{
				free(w);
				break;
			}
			p = ytd_value_of(a, m, &x);
			q = ytd_value_of(w, m, &y);
			if (p != q || (p && x != y))
				bad_figure++;
			p = ytd_growth_of(a, m, &x);
			q = ytd_growth_of(w, m, &y);
			if (p != q || (p && x != y))
				bad_figure++;
			p = ytd_growth_pub(a, m, 1, &x, NULL);
			q = ytd_growth_pub(w, m, 1, &y, NULL);
			if (p != q || (p && x != y))
				bad_figure++;
			p = ytd_value_pub(a, m, 2, &x, NULL);
			q = ytd_value_pub(w, m, 2, &y, NULL);
			if (p != q || (p && x != y))
				bad_figure++;
			figures += 4;
			free(w);
		}
		free(a), free(b), free(f), free(g);
	}
	ok(bad_merge == 0 && merged > 300 && fell_back > 100,
	   "merge in place equals the general merge (%d merged, %d left to it)", merged, fell_back);
	ok(bad_figure == 0, "a year summed at once gives the general path's figures (%d figures)", figures);
	/* runs of one month, then random days, then the ends of the range */
	for (int i = 0; i < 200000; i++)
	{
		int32_t		day = i < 100000 ? i / 7 - 40000 : (int32_t) (rand_r(&seed) % 3652059) - 730119;
		int32_t		m1 = -1,
					m2 = -2;

		if (ytd_day_month_cached(&c, day, &m1) != ytd_day_month(day, &m2) || m1 != m2)
			bad_month++;
	}
	for (int32_t day = YTD_MIN_DAY - 40; day <= YTD_MIN_DAY + 40; day++)
	{
		int32_t		m1 = 0,
					m2 = 0;

		if (ytd_day_month_cached(&c, day, &m1) != ytd_day_month(day, &m2) || m1 != m2)
			bad_month++;
	}
	for (int32_t day = YTD_MAX_DAY - 40; day <= YTD_MAX_DAY + 40; day++)
	{
		int32_t		m1 = 0,
					m2 = 0;

		if (ytd_day_month_cached(&c, day, &m1) != ytd_day_month(day, &m2) || m1 != m2)
			bad_month++;
	}
	ok(bad_month == 0, "the month cache gives the calendar's month for every day");

	/* a state over 2020-2026 whose readings are in 2021 and 2024 only */
	{
		Ytd		   *s = calloc(1, YTD_SIZE(7, false));
		Ytd		   *t;
		int			base = 0,
					ny = 0;

		ytd_init(s, YTD_MONTHLY, 2020, 7, false);
		ok(!ytd_held_range(s, &base, &ny), "an empty state holds no years");
		ytd_add(s, M(2021, 3), 1.5);
		ytd_add(s, M(2024, 12), 2);
		ok(ytd_held_range(s, &base, &ny) && base == 2021 && ny == 4,
		   "the years held run from the first reading's to the last's");
		t = calloc(1, YTD_SIZE(ny, false));
		ytd_init(t, YTD_MONTHLY, base, ny, false);
		ytd_copy_held(t, s);
		ok_str(text(t), "monthly{2021-03:1.5,2024-12:2}", "and copied alone, they hold the same readings");
		free(s), free(t);
	}
}

int
main(void)
{
	test_exact();
	test_calendar();
	test_flows();
	test_measures();
	test_merge();
	test_text();
	test_fuzz();
	test_fast_paths();
	return tap_done();
}
