/*
 * schedule_core.c
 *		Interim schedules: checking the 12 cumulative shares and reading the
 *		share due at a month.  Pure C: no PostgreSQL headers.
 */
#include "schedule_core.h"

#include <math.h>
#include <stdio.h>

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
