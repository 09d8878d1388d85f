/*
 * schedule_core.c
 *		Interim schedules: checking the 12 cumulative shares and reading the
 *		share due at a month.  Pure C: no PostgreSQL headers.
 */
#include "schedule_core.h"

#include "float_text.h"

#include <math.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#define FIXED_MAX_DECIMALS 15

ScheduleStatus
schedule_check(const double *share, const bool *has, int n, char *detail, size_t len)
{
	if (n != SCHEDULE_MONTHS)
	{
		snprintf(detail, len, "A schedule has one cumulative share per month, 12 in all, not %d.", n);
		return SCHEDULE_LENGTH;
	}
	for (int i = 0; i < n; i++)
	{
		if (has[i] && !(share[i] >= 0.0 && share[i] <= 1.0))
		{
			snprintf(detail, len,
					 "The share of month %d is %g; shares are fractions of the annual target from 0 to 1 (30%% by June is 0.3).",
					 i + 1, share[i]);
			return SCHEDULE_RANGE;
		}
	}
	return SCHEDULE_OK;
}

bool
schedule_share(const double *share, const bool *has, int month, double *out)
{
	if (month < 1 || month > SCHEDULE_MONTHS || !has[month - 1])
		return false;
	*out = share[month - 1];
	return true;
}

/*
 * The decimal the shortest text of v shows, as digits x 10^-scale with
 * scale <= FIXED_MAX_DECIMALS; false when it needs more decimals or is
 * 1e15 or more (out of what schedules are made of).
 */
static bool
decimal_of(double v, long long *digits, int *scale)
{
	char		buf[FLOAT_TEXT_LEN];
	char	   *e,
			   *dot;
	long long	n = 0;
	int			exp10 = 0,
				frac = 0;

	if (!isfinite(v) || fabs(v) >= 1e15)
		return false;
	float_text(v, buf, sizeof(buf));
	if ((e = strpbrk(buf, "eE")) != NULL)
	{
		exp10 = atoi(e + 1);
		*e = '\0';
	}
	dot = strchr(buf, '.');
	for (char *p = buf; *p; p++)
	{
		if (*p < '0' || *p > '9')
			continue;
		n = n * 10 + (*p - '0');
		if (dot && p > dot)
			frac++;
	}
	frac -= exp10;
	while (frac < 0)
		n *= 10, frac++;
	if (frac > FIXED_MAX_DECIMALS)
		return false;
	*digits = v < 0 ? -n : n;
	*scale = frac;
	return true;
}

/* x x 10^k for k >= 0, in 128 bits. */
static __int128
scale_up(long long x, int k)
{
	__int128	r = x;

	while (k-- > 0)
		r *= 10;
	return r;
}

ScheduleStatus
schedule_fixed_months(double annual, const int *months, const double *amounts, int n,
					  double share[SCHEDULE_MONTHS], char *detail, size_t len)
{
	long long	digits[SCHEDULE_MONTHS + 1];
	int			scale[SCHEDULE_MONTHS + 1],
				dmax = 0,
				free_months = SCHEDULE_MONTHS - n,
				seen_free = 0;
	bool		fixed[SCHEDULE_MONTHS] = {false};
	__int128	units[SCHEDULE_MONTHS] = {0},
				total,
				rest,
				each,
				left,
				cum = 0;

	if (n > SCHEDULE_MONTHS)
		return snprintf(detail, len, "A year has 12 months; %d are fixed.", n), SCHEDULE_FIXED;
	if (!(annual > 0.0) || !decimal_of(annual, &digits[n], &scale[n]))
		return snprintf(detail, len, "The annual figure must be a positive number below 1e15 with at most %d decimals, not %g.",
						FIXED_MAX_DECIMALS, annual), SCHEDULE_FIXED;
	dmax = scale[n];
	for (int i = 0; i < n; i++)
	{
		if (months[i] < 1 || months[i] > SCHEDULE_MONTHS || fixed[months[i] - 1])
			return snprintf(detail, len, "Fixed months are numbered 1 to 12, each once; %d is not.", months[i]), SCHEDULE_FIXED;
		fixed[months[i] - 1] = true;
		if (!(amounts[i] >= 0.0) || !decimal_of(amounts[i], &digits[i], &scale[i]))
			return snprintf(detail, len, "The amount of month %d must be a number from 0 below 1e15 with at most %d decimals, not %g.",
							months[i], FIXED_MAX_DECIMALS, amounts[i]), SCHEDULE_FIXED;
		if (scale[i] > dmax)
			dmax = scale[i];
	}
	total = scale_up(digits[n], dmax - scale[n]);
	rest = total;
	for (int i = 0; i < n; i++)
	{
		units[months[i] - 1] = scale_up(digits[i], dmax - scale[i]);
		rest -= units[months[i] - 1];
	}
	if (rest < 0 || (free_months == 0 && rest != 0))
		return snprintf(detail, len, "The fixed months add up to %g, %s the annual figure %g.",
						annual - (double) rest / pow(10.0, dmax), rest < 0 ? "more than" : "not", annual), SCHEDULE_FIXED;
	if (free_months > 0)
	{
		each = rest / free_months;
		left = rest - each * free_months;
		for (int m = 0; m < SCHEDULE_MONTHS; m++)
			if (!fixed[m])
				units[m] = each + (++seen_free > free_months - left ? 1 : 0);
	}
	for (int m = 0; m < SCHEDULE_MONTHS; m++)
	{
		cum += units[m];
		share[m] = (double) cum / (double) total;
	}
	share[SCHEDULE_MONTHS - 1] = 1.0;
	return SCHEDULE_OK;
}
