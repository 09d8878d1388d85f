/*
 * float_text.c
 *		The shortest decimal text of a float8 that reads back exactly.
 *		Pure C: no PostgreSQL headers.
 */
#include "float_text.h"

#include <math.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

/*
 * Shortest decimal text that reads back to exactly v; plain notation unless
 * the exponent is far from zero, so 100 prints as 100, not 1e+02.
 */
void
float_text(double v, char *buf, size_t len)
{
	int			prec;
	int			exp10;

	if (!isfinite(v))
	{
		/* PostgreSQL's spelling; strtod reads it back */
		snprintf(buf, len, "%s", isnan(v) ? "NaN" : v > 0 ? "Infinity" : "-Infinity");
		return;
	}
	for (prec = 1; prec < 17; prec++)
	{
		snprintf(buf, len, "%.*g", prec, v);
		if (strtod(buf, NULL) == v)
			break;
	}
	snprintf(buf, len, "%.*e", prec - 1, v);
	exp10 = atoi(strchr(buf, 'e') + 1);
	if (exp10 >= -4 && exp10 < 16)
		snprintf(buf, len, "%.*f", prec - 1 - exp10 > 0 ? prec - 1 - exp10 : 0, v);
	else
		snprintf(buf, len, "%.*g", prec, v);
}
