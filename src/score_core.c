/*
 * score_core.c
 *		Pure scoring rules of the assessment methods and grade bands.
 *
 * Pure C: no PostgreSQL headers.  Arguments are validated by the caller
 * with the score_check_* functions; the rules themselves never fail.
 */
#include "score_core.h"

#include <math.h>

/* Coefficients of the five bands, excellent first (SOE evaluation). */
static const double band_coef[SCORE_BANDS] = {1.0, 0.8, 0.6, 0.4, 0.2};

/* Whether a weight is valid: finite, not below zero. */
bool
score_check_weight(double weight)
{
	return weight >= 0.0 && isfinite(weight);
}

/* Whether a share of the weight lies in [0, 1] (NaN does not). */
bool
score_check_share(double share)
{
	return share >= 0.0 && share <= 1.0;
}

/* Whether floor and cap shares make a range: 0 <= floor <= cap < inf. */
bool
score_check_floor_cap(double floor_share, double cap_share)
{
	return floor_share >= 0.0 && isfinite(cap_share) && floor_share <= cap_share;
}

/* Direction of five standards: +1 descending, -1 ascending, 0 neither. */
int
score_banded_direction(const double standards[SCORE_BANDS])
{
	bool		desc = true,
				asc = true;

	for (int k = 0; k < SCORE_BANDS; k++)
		if (!isfinite(standards[k]))
			return 0;
	for (int k = 1; k < SCORE_BANDS; k++)
	{
		desc = desc && standards[k] < standards[k - 1];
		asc = asc && standards[k] > standards[k - 1];
	}
	return desc ? 1 : (asc ? -1 : 0);
}

/* Whether grade thresholds are finite and strictly descending. */
bool
score_check_bands(const double *thresholds, int n)
{
	for (int i = 0; i < n; i++)
	{
		if (!isfinite(thresholds[i]))
			return false;
		if (i > 0 && !(thresholds[i] < thresholds[i - 1]))
			return false;
	}
	return true;
}

/* Weight times the attainment clamped to [floor_share, cap_share]. */
double
score_proportional(double attainment, double weight,
				   double floor_share, double cap_share)
{
	return weight * fmin(fmax(attainment, floor_share), cap_share);
}

/* Proportional points of a target on the figure published to decimals. */
static double band_fraction(double x, double lo, double hi);

double
score_ratio_target(const Target *t, double thr, double actual, int decimals,
				   double weight, double floor_share, double cap_share)
{
	double		fig = target_published(actual, decimals);
	double		a = target_score_attainment(t, thr, fig);

	/*
	 * With a stretch figure (力争), meeting the committed one (确保) earns the
	 * full weight and the way on to the stretch earns up to the cap, in
	 * proportion to how far it goes: not the ratio to the committed figure.
	 */
	if ((t->flags & TARGET_STRETCH) && target_eval_met(t, thr, fig))
		a = 1.0 + (fmax(cap_share, 1.0) - 1.0) * fmin(fmax(band_fraction(fig, thr, t->hi), 0.0), 1.0);

	if (target_no_overachievement(t))
	{
		cap_share = fmin(cap_share, 1.0);
		floor_share = fmin(floor_share, cap_share);
	}
	return score_proportional(a, weight, floor_share, cap_share);
}

/* The full weight when met, miss_share of it otherwise. */
double
score_threshold(bool met, double weight, double miss_share)
{
	return met ? weight : weight * miss_share;
}

/*
 * (x - lo) / (hi - lo), computed on halves so that finite arguments far
 * apart cannot overflow the differences (halving is exact).
 */
static double
band_fraction(double x, double lo, double hi)
{
	return (x / 2 - lo / 2) / (hi / 2 - lo / 2);
}

/*
 * Banded efficacy coefficient: between band standard S_k (coefficient c_k)
 * and the next better S_{k-1}, weight x (c_k + (x - S_k) / (S_{k-1} - S_k)
 * x (c_{k-1} - c_k)).  Lower-is-better standards are handled by negating the actual and the
 * standards, which turns them into higher-is-better ones; the interpolation
 * fraction is unchanged by the negation.
 */
double
score_banded(double actual, const double standards[SCORE_BANDS], int dir,
			 double weight)
{
	double		x = dir * actual;

	if (x >= dir * standards[0])
		return weight;
	for (int k = 1; k < SCORE_BANDS; k++)
	{
		double		sk = dir * standards[k],
					sprev = dir * standards[k - 1];

		if (x >= sk)
			return weight * (band_coef[k] + band_fraction(x, sk, sprev) *
							 (band_coef[k - 1] - band_coef[k]));
	}
	return 0.0;
}

/* Statistical efficacy coefficient, out of 100, scaled to the weight. */
double
score_efficacy(double actual, double satisfactory, double disallowed,
			   double weight, bool clamped)
{
	double		r = band_fraction(actual, disallowed, satisfactory);

	if (clamped)
		r = fmin(fmax(r, 0.0), 1.0);
	return (60.0 + 40.0 * r) * (weight / 100.0);
}

/* Linear from the full weight at rank 1 to floor_share at rank n. */
double
score_rank(int64_t rank, int64_t n, double weight, double floor_share)
{
	if (n == 1)
		return weight;
	return weight * (1.0 - (double) (rank - 1) / (double) (n - 1) * (1.0 - floor_share));
}

/* Index of the first threshold the score reaches; n when none. */
int
score_grade_index(double score, const double *thresholds, int n)
{
	for (int i = 0; i < n; i++)
		if (score >= thresholds[i])
			return i;
	return n;
}

double
score_scale(double actual, double red, double goal, double red_points, double goal_points)
{
	double		s = red_points + band_fraction(actual, red, goal) * (goal_points - red_points);

	return fmin(fmax(s, 0.0), SCORE_SCALE_TOP);
}

bool
score_baseline_progress(double actual, double baseline, double goal, double *progress)
{
	if (goal == baseline)
		return false;
	*progress = band_fraction(actual, baseline, goal);
	return true;
}
