/*
 * float_text.c
 *		The shortest decimal text of a float8 that reads back exactly.
 *		Pure C: no PostgreSQL headers beyond common/shortest_dec.h, the Ryu
 *		that float8out uses (in the server, and in libpgcommon for the unit
 *		tests and the fuzzer).
 */
#include "float_text.h"

#include <math.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "common/shortest_dec.h"

const double float_exact_p10[FLOAT_EXACT_P10_MAX + 1] = {
	1e0, 1e1, 1e2, 1e3, 1e4, 1e5, 1e6, 1e7, 1e8, 1e9, 1e10, 1e11, 1e12,
	1e13, 1e14, 1e15, 1e16, 1e17, 1e18, 1e19, 1e20, 1e21, 1e22
};

/*
 * Split Ryu's text of a finite, non-negative value (fixed "123.45",
 * "0.0015", "100" or scientific "1.5e+16") into its significant digits,
 * without trailing zeros, and the decimal exponent of the first one;
 * returns the number of digits.
 */
static int
split_decimal(const char *r, char *digits, int *exp10)
{
	const char *e = strchr(r, 'e');
	const char *p;
	int			n = 0;
	int			lead = 0;		/* zeros before the first significant digit */
	int			point = -1;		/* characters before the decimal point, zeros included */

	for (p = r; *p && p != e; p++)
	{
		if (*p == '.')
			point = n + lead;
		else if (*p == '0' && n == 0)
			lead++;
		else
			digits[n++] = *p;
	}
	if (point < 0)
		point = n + lead;
	if (n == 0)
	{
		strcpy(digits, "0");
		*exp10 = 0;
		return 1;
	}
	while (n > 1 && digits[n - 1] == '0')
		n--;
	digits[n] = '\0';
	*exp10 = e ? atoi(e + 1) : point - lead - 1;
	return n;
}

/*
 * Decimal text that reads back to exactly v, with the digits float8out
 * prints (Ryu: the shortest, but for values above 2^53 on a rounding
 * boundary).  Plain notation unless the exponent is below -4, or above 15
 * and beyond the last digit, as printf's %g gives: 100 prints as 100, not
 * 1e+02.
 */
void
float_text(double v, char *buf, size_t len)
{
	char		r[DOUBLE_SHORTEST_DECIMAL_LEN];
	char		digits[DOUBLE_SHORTEST_DECIMAL_LEN];
	const char *sign;
	int			n;
	int			exp10;

	if (!isfinite(v))
	{
		/* PostgreSQL's spelling; strtod reads it back */
		snprintf(buf, len, "%s", isnan(v) ? "NaN" : v > 0 ? "Infinity" : "-Infinity");
		return;
	}
	double_to_shortest_decimal_buf(v, r);
	sign = r[0] == '-' ? "-" : "";
	n = split_decimal(r + (r[0] == '-'), digits, &exp10);
	if (exp10 < -4 || (exp10 >= 16 && exp10 >= n))
		snprintf(buf, len, "%s%c%s%.*s%c%c%02d", sign, digits[0], n > 1 ? "." : "",
				 n - 1, digits + 1, 'e', exp10 < 0 ? '-' : '+', abs(exp10));
	else if (exp10 < 0)
		snprintf(buf, len, "%s0.%.*s%s", sign, -exp10 - 1, "0000", digits);
	else if (n <= exp10 + 1)
		snprintf(buf, len, "%s%s%.*s", sign, digits, exp10 + 1 - n, "0000000000000000");
	else
		snprintf(buf, len, "%s%.*s.%s", sign, exp10 + 1, digits, digits + exp10 + 1);
}
