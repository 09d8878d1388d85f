/*
 * schedule_core.h
 *		Interim schedules: time progress that is not linear.  A schedule is
 *		12 cumulative shares of the annual target, one per calendar month
 *		(a project plan with 30% by June has 0.3 in its sixth place; last
 *		year's seasonal shape has C_m / A); a month may have no share.
 *
 * Pure C: src/schedule.c (schedule_fixed_months) and src/progress.c (the
 * share at a date, status and gap against it) are the fmgr glue.
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
	SCHEDULE_RANGE,				/* a share that is not a number from 0 to 1 */
	SCHEDULE_FIXED				/* fixed months that cannot make a schedule */
} ScheduleStatus;

/*
 * Check n shares (has[i] false: no share that month); on failure fill
 * detail with a full sentence.
 */
extern ScheduleStatus schedule_check(const double *share, const bool *has, int n,
									 char *detail, size_t len);

/* The share due by the end of month (1..12); false where it has none. */
extern bool schedule_share(const double *share, const bool *has, int month, double *out);

/*
 * The 12 cumulative shares of an annual figure whose fixed months (1..12,
 * each once) have the given amounts and whose other months share the rest
 * evenly.  The figures are taken as the decimals their shortest texts show
 * and added exactly: the rest is divided down to the figures' last decimal
 * and the units left over go one each to the last free months, so the
 * twelve months add up to the annual figure exactly and share 12 is 1.
 * The annual figure must be positive, the fixed amounts not negative and
 * not above it; with all 12 months fixed they must add up to it.  Figures
 * with more than 15 decimals or of 1e15 or more are refused.
 */
extern ScheduleStatus schedule_fixed_months(double annual, const int *months,
											const double *amounts, int n,
											double share[SCHEDULE_MONTHS],
											char *detail, size_t len);

#endif
