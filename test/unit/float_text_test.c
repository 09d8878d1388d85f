/*
 * float_text_test.c
 *		float_text (Ryu, common/shortest_dec.h) against the 0.1.0
 *		snprintf/strtod loop: the same text below 2^53, and an exact round
 *		trip everywhere.
 */
#include <math.h>
#include <stdint.h>

#include "float_text.h"
#include "tap.h"
#include "../../bench/float_text_ref.h"

/* Hand-checked texts: plain notation from 1e-4 to below 1e16, else e-notation. */
static void
test_examples(void)
{
	static const struct
	{
		double		v;
		const char *text;
	}			ex[] = {
		{0, "0"}, {-0.0, "-0"}, {100, "100"}, {45.2, "45.2"}, {-7, "-7"},
		{0.1 + 0.2, "0.30000000000000004"}, {0.0001, "0.0001"}, {1e-5, "1e-05"},
		{1e15, "1000000000000000"}, {1e16, "1e+16"}, {1.5e16, "1.5e+16"},
		{12345678901234.5, "12345678901234.5"}, {9007199254740993.0, "9007199254740992"},
		{1.7976931348623157e308, "1.7976931348623157e+308"}, {5e-324, "5e-324"},
		{-2.5e-7, "-2.5e-07"}, {123456789012345680.0, "1.2345678901234568e+17"},
	};
	char		buf[FLOAT_TEXT_LEN];

	for (size_t i = 0; i < sizeof(ex) / sizeof(ex[0]); i++)
	{
		float_text(ex[i].v, buf, sizeof(buf));
		ok_str(buf, ex[i].text, "float_text(%.17g)", ex[i].v);
	}
}

/* Significant digits of a decimal text (no sign, point, exponent or leading zeros). */
static int
sig_digits(const char *t)
{
	int			n = 0,
				zeros = 0;

	for (; *t && *t != 'e'; t++)
	{
		if (*t == '0')
			zeros += n > 0;		/* inner or trailing zeros count once passed */
		else if (*t >= '1' && *t <= '9')
		{
			n += zeros + 1;
			zeros = 0;
		}
	}
	return n > 0 ? n : 1;
}

/* One pseudo-random finite double of four kinds (any bits, decimals, scaled). */
static double
random_double(unsigned long long *s, long i)
{
	unsigned long long u = float_text_rand(s);
	double		v;

	switch (i % 4)
	{
		case 0:
			memcpy(&v, &u, sizeof(v));
			break;
		case 1:
			v = (double) (int64_t) (u % 2000000001) / 1000.0 - 1e6;
			break;
		case 2:
			v = ldexp((double) (u >> 11), (int) (float_text_rand(s) % 200) - 150);
			break;
		default:
			v = (double) (u % 100000) * pow(10, (int) (float_text_rand(s) % 40) - 20);
			break;
	}
	return v;
}

/*
 * Two million doubles: every text reads back to the same double (sign of
 * zero included); below 2^53 it is the loop's text; above, only values on a
 * rounding boundary may differ (Ryu, like float8out, gives more digits).
 */
static void
test_random(void)
{
	unsigned long long s = 88172645463325252ULL;
	char		a[FLOAT_TEXT_LEN];
	char		b[FLOAT_TEXT_LEN];
	long		n = 0,
				bad = 0,
				differ_small = 0,
				differ_big = 0,
				shorter = 0;

	for (long i = 0; i < 2000000; i++)
	{
		double		v = random_double(&s, i);
		double		back;

		if (!isfinite(v))
			continue;
		n++;
		float_text(v, a, sizeof(a));
		float_text_ref(v, b, sizeof(b));
		back = strtod(a, NULL);
		if (back != v || signbit(back) != signbit(v))
		{
			if (bad++ < 3)
				printf("# %.17g -> %s\n", v, a);
		}
		if (strcmp(a, b) != 0)
		{
			if (fabs(v) < 9007199254740992.0)
			{
				if (differ_small++ < 3)
					printf("# %.17g: %s, loop %s\n", v, a, b);
			}
			else
				differ_big++;
			if (sig_digits(a) < sig_digits(b))
				shorter++;
		}
	}
	ok(bad == 0, "%ld random doubles read back exactly (%ld do not)", n, bad);
	ok(differ_small == 0, "below 2^53 the text is the loop's (%ld differ)", differ_small);
	ok(shorter == 0, "where they differ (%ld above 2^53) Ryu never has fewer digits than the loop", differ_big);
}

int
main(void)
{
	test_examples();
	test_random();
	return tap_done();
}
