/*
 * float_text_ref.h
 *		The snprintf/strtod loop float_text used before Ryu (0.1.0): the
 *		reference the unit test compares with and the benchmark measures
 *		against.  Pure C.
 */
#ifndef FLOAT_TEXT_REF_H
#define FLOAT_TEXT_REF_H

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

/* Shortest %g precision that strtod reads back exactly, in 0.1.0's notation. */
static inline void
float_text_ref(double v, char *buf, size_t len)
{
	int			prec;
	int			exp10;

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

/* xorshift64: the same pseudo-random doubles on every run. */
static inline unsigned long long
float_text_rand(unsigned long long *s)
{
	*s ^= *s << 13;
	*s ^= *s >> 7;
	*s ^= *s << 17;
	return *s;
}

#endif
