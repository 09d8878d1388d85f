/*
 * score_core.h
 *		Pure scoring rules: the points an indicator earns out of its weight
 *		under each assessment method, and grade bands.
 *
 * Nothing here depends on PostgreSQL; src/score.c is the fmgr glue, which
 * validates arguments with the score_check_* functions before computing.
 */
#ifndef SCORE_CORE_H
#define SCORE_CORE_H

#include <stdbool.h>
#include <stdint.h>

#include "target_core.h"

/* Number of standard values of the banded efficacy coefficient method. */
#define SCORE_BANDS 5

/* A weight is a finite number not below zero. */
extern bool score_check_weight(double weight);

/* A share (of the weight) is a finite number in [0, 1]. */
extern bool score_check_share(double share);

/* Floor and cap shares: finite, 0 <= floor <= cap. */
extern bool score_check_floor_cap(double floor_share, double cap_share);

/*
 * Direction of the five standard values, best (excellent) first: +1 when
 * strictly descending (higher is better), -1 when strictly ascending (lower
 * is better), 0 when not strictly monotonic or not all finite.
 */
extern int	score_banded_direction(const double standards[SCORE_BANDS]);

/* Grade thresholds: all finite and strictly descending, best band first. */
extern bool score_check_bands(const double *thresholds, int n);

/* Proportional: weight x attainment clamped to [floor_share, cap_share]. */
extern double score_proportional(double attainment, double weight,
								 double floor_share, double cap_share);

/*
 * Proportional scoring of a target: weight x target_score_attainment of the
 * figure published to decimals, clamped to [floor_share, cap_share]; for
 * between and = targets the cap is at most 1 (no over-achievement).  A
 * target with a stretch figure, once met, scores the full weight plus
 * (cap_share - 1) x weight times the share of the way from the committed
 * figure to the stretch.  Met never scores below missed, and points never
 * fall as the figure improves.
 */
extern double score_ratio_target(const Target *t, double thr, double actual,
								 int decimals, double weight,
								 double floor_share, double cap_share);

/* Threshold: the full weight when met, miss_share of it otherwise. */
extern double score_threshold(bool met, double weight, double miss_share);

/*
 * Banded efficacy coefficient (SOE 功效系数法) for standards whose direction
 * score_banded_direction reported as dir (+1 or -1).
 */
extern double score_banded(double actual, const double standards[SCORE_BANDS],
						   int dir, double weight);

/*
 * Statistical efficacy coefficient: 60 + 40 x (actual - disallowed) /
 * (satisfactory - disallowed), scaled to the weight (out of 100), the ratio
 * clamped to [0, 1] when clamped is true.  satisfactory != disallowed.
 */
extern double score_efficacy(double actual, double satisfactory,
							 double disallowed, double weight, bool clamped);

/* Rank scoring: rank 1 of n earns weight, rank n floor_share x weight. */
extern double score_rank(int64_t rank, int64_t n, double weight, double floor_share);

/*
 * The top of the 0-10 scale, and where its red threshold and goal sit by
 * default: the yellow band is the scale's middle third.
 */
#define SCORE_SCALE_TOP 10.0
#define SCORE_SCALE_RED (10.0 / 3.0)
#define SCORE_SCALE_GOAL (20.0 / 3.0)

/*
 * 0-10 scale: the red threshold scores red_points and the goal goal_points
 * (0 <= red_points < goal_points <= 10), linear between them and beyond,
 * clamped to [0, 10]; lower-is-better when the goal is below the red
 * threshold.  red != goal.
 */
extern double score_scale(double actual, double red, double goal,
						  double red_points, double goal_points);

/*
 * Baseline progress: (actual - baseline) / (goal - baseline), the share of
 * the way from the baseline to the goal covered (1 = at the goal; negative
 * = worse than the baseline), for higher- and lower-is-better goals alike;
 * false when the goal equals the baseline.
 */
extern bool score_baseline_progress(double actual, double baseline, double goal,
									double *progress);

/* Index of the grade band a score falls in: first i with score >= thr[i], else n. */
extern int	score_grade_index(double score, const double *thresholds, int n);

#endif
