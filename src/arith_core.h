/*
 * arith_core.h
 *		The bureau's arithmetic (贡献率, 拉动, 倒排, average growth over several
 *		years, the month's own growth, the change since the previous month):
 *		pure formulas on numbers, and their application to ytd states.
 *
 * Nothing here depends on PostgreSQL; src/arith.c is the fmgr glue.  Every
 * function returns false where the SQL result is NULL (a zero or negative
 * base, a total that did not change, months missing); growths are in %,
 * pulls and changes in percentage points.
 */
#ifndef ARITH_CORE_H
#define ARITH_CORE_H

#include <stdbool.h>

#include "target_core.h"
#include "ytd_core.h"

/* Contribution (%) of a part's change to its total's change. */
extern bool arith_contribution(double part, double part_prior, double total,
							   double total_prior, double *pct);

/* Pull (pp) of a part's change on its total's growth. */
extern bool arith_pull(double part, double part_prior, double total_prior, double *pp);

/* Pull (pp) from comparable-price growth: base-period share x the part's growth. */
extern bool arith_pull_comparable(double part_base, double total_base,
								  double part_growth, double *pp);

/*
 * Growth (%) the remaining months need so that the year reaches goal, with
 * last year's annual total annual, last year's year-to-date ytd_prior and
 * this year's ytd: (goal - ytd) / (annual - ytd_prior) - 1.  False when
 * nothing of last year remains (December) or the rest was not positive.
 */
extern bool arith_required_growth(double annual, double ytd_prior, double ytd,
								  double goal, double *pct);

/* Year-end value at the year-to-date pace: ytd + (annual - ytd_prior) x ytd / ytd_prior. */
extern bool arith_projection(double annual, double ytd_prior, double ytd, double *p);

/* Average yearly growth (%) over years years: (cur / base)^(1/years) - 1. */
extern bool arith_avg_growth(double cur, double base, int years, double *pct);

/* The annual value a target asks for: annual x (1 + g) or the level. */
extern bool arith_goal(const Target *t, double annual, double *goal);

/*
 * Share of units growing (增长面): of counted units with a growth, the %
 * whose growth is above zero; false when none was counted.
 */
static inline bool
arith_is_growing(double growth)
{
	return growth > 0.0;
}
extern bool arith_share_growing(int64_t counted, int64_t growing, double *pct);

/* The same on a flow's ytd state as of month (a month number). */
extern bool ytd_contribution_of(const Ytd *part, const Ytd *total, int32_t month, double *pct);
extern bool ytd_pull_of(const Ytd *part, const Ytd *total, int32_t month, double *pp);
extern bool ytd_annual_prior_of(const Ytd *s, int32_t month, double *v);
extern bool ytd_required_growth_of(const Ytd *s, int32_t month, double goal, double *pct);
extern bool ytd_projection_of(const Ytd *s, int32_t month, double *p);
extern bool ytd_projected_growth_of(const Ytd *s, int32_t month, double *pct);

/* Required growth toward a growth or level target (false for others). */
extern bool ytd_required_growth_for(const Ytd *s, int32_t month, const Target *t, double *pct);

/*
 * Whether the projection meets a target: a growth target on the projected
 * growth, a level target on the projected value; false for other targets.
 */
extern bool ytd_projection_met_of(const Ytd *s, int32_t month, const Target *t, bool *met);
extern bool ytd_avg_growth_of(const Ytd *s, int32_t month, int years, double *pct);
extern bool ytd_month_growth_of(const Ytd *s, int32_t month, double *pct);
extern bool ytd_growth_change_of(const Ytd *s, int32_t month, double *pp);

/*
 * Last year's seasonal shape: share[m] = C_(m+1) / A for the year before
 * month's year; has[m] false where C_(m+1) is not known or the share is
 * outside 0..1 (negative months).  False when the annual total is not known
 * or not positive.
 */
extern bool ytd_seasonal_shape(const Ytd *s, int32_t month, double share[12], bool has[12]);

#endif
