/*
 * float_text_bench.c
 *		Micro-benchmark: float_text (Ryu) against the 0.1.0 snprintf/strtod
 *		loop (float_text_ref.h), in ns per call, on three kinds of doubles:
 *		short decimals (45.2), plan figures with three decimals, and full
 *		17-digit doubles (0.1 + 0.2, random bits).  Median of 7 rounds.
 *		Run with `make bench-float`.
 */
#include <math.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>

#include "float_text.h"
#include "float_text_ref.h"

#define N 200000
#define ROUNDS 7

static double values[N];
static volatile char sink;

/* Fill values with one kind of double. */
static void
fill(int kind)
{
	unsigned long long s = 88172645463325252ULL;

	for (int i = 0; i < N; i++)
	{
		unsigned long long u = float_text_rand(&s);

		if (kind == 0)
			values[i] = (double) (u % 1000) / 10.0;		/* 45.2 */
		else if (kind == 1)
			values[i] = (double) (u % 100000000) / 1000.0;	/* 12345.678 */
		else
		{
			do
				memcpy(&values[i], &u, sizeof(double));
			while (!isfinite(values[i]) && (u = float_text_rand(&s)));
		}
	}
}

/* Nanoseconds per call of f over values. */
static double
time_one(void (*f) (double, char *, size_t))
{
	char		buf[FLOAT_TEXT_LEN];
	struct timespec a,
				b;

	clock_gettime(CLOCK_MONOTONIC, &a);
	for (int i = 0; i < N; i++)
	{
		f(values[i], buf, sizeof(buf));
		sink = buf[0];
	}
	clock_gettime(CLOCK_MONOTONIC, &b);
	return ((b.tv_sec - a.tv_sec) * 1e9 + (b.tv_nsec - a.tv_nsec)) / N;
}

static int
cmp_double(const void *a, const void *b)
{
	double		x = *(const double *) a,
				y = *(const double *) b;

	return (x > y) - (x < y);
}

int
main(void)
{
	static const char *kinds[] = {"short decimals (45.2)", "3 decimals (12345.678)", "17 digits (random bits)"};

	printf("%-26s %12s %12s %8s\n", "values", "loop ns", "Ryu ns", "speed-up");
	for (int k = 0; k < 3; k++)
	{
		double		loop[ROUNDS],
					ryu[ROUNDS];

		fill(k);
		for (int r = 0; r < ROUNDS; r++)
		{
			loop[r] = time_one(float_text_ref);
			ryu[r] = time_one(float_text);
		}
		qsort(loop, ROUNDS, sizeof(double), cmp_double);
		qsort(ryu, ROUNDS, sizeof(double), cmp_double);
		printf("%-26s %12.1f %12.1f %7.1fx\n", kinds[k], loop[ROUNDS / 2], ryu[ROUNDS / 2],
			   loop[ROUNDS / 2] / ryu[ROUNDS / 2]);
	}
	return 0;
}
