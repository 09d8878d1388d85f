/*
 * schedule_core.h
 *		Interim schedules: time progress that is not linear.  A schedule is
 *		12 cumulative shares of the annual target, one per calendar month
 *		(a project plan with 30% by June has 0.3 in its sixth place; last
 *		year's seasonal shape has C_m / A); a month may have no share.
 *
 * Pure C: src/schedule.c is the fmgr glue.
 */
#ifndef SCHEDULE_CORE_H
#define SCHEDULE_CORE_H

#include <stdbool.h>
#include <stddef.h>

#define SCHEDULE_MONTHS 12
#define SCHEDULE_DETAIL_LEN 160

typedef enum ScheduleStatus
{
	SCHEDULE_OK = 0,
	SCHEDULE_LENGTH,			/* not 12 shares */
	SCHEDULE_RANGE				/* a share that is not a number from 0 to 1 */
} ScheduleStatus;

/*
 * Check n shares (has[i] false: no share that month); on failure fill
 * detail with a full sentence.
 */
extern ScheduleStatus schedule_check(const double *share, const bool *has, int n,
									 char *detail, size_t len);

/* The share due by the end of month (1..12); false where it has none. */
extern bool schedule_share(const double *share, const bool *has, int month, double *out);

#endif
