/*
 * score.c
 *		fmgr glue for the scoring methods: proportional, threshold, banded
 *		and statistical efficacy coefficient, and rank scoring.
 *
 * Each function returns the points an indicator earns out of its weight.
 * A NULL or NaN actual gives NULL points; bad parameters raise errors.  The
 * last argument of the functions that take an actual value is the published
 * precision (decimals, NULL: full): they score the figure as published.
 */
#include "postgres.h"

#include <math.h>

#include "catalog/pg_type.h"
#include "fmgr.h"
#include "utils/array.h"

#include "score_core.h"
#include "scorecard.h"

/* Whether any of the first n arguments is NULL (the functions are not strict). */
static bool
any_null(FunctionCallInfo fcinfo, int n)
{
	for (int i = 0; i < n; i++)
		if (PG_ARGISNULL(i))
			return true;
	return false;
}

/* Argument n as a weight, or an error. */
static double
weight_arg(FunctionCallInfo fcinfo, int n)
{
	double		w = PG_GETARG_FLOAT8(n);

	if (!score_check_weight(w))
		ereport(ERROR,
				(errcode(ERRCODE_INVALID_PARAMETER_VALUE),
				 errmsg("weight must be a finite number not below zero"),
				 errdetail("The weight given is %g.", w)));
	return w;
}

/* Argument n as a share of the weight in [0, 1], or an error. */
static double
share_arg(FunctionCallInfo fcinfo, int n, const char *name)
{
	double		s = PG_GETARG_FLOAT8(n);

	if (!score_check_share(s))
		ereport(ERROR,
				(errcode(ERRCODE_INVALID_PARAMETER_VALUE),
				 errmsg("%s must be between 0 and 1", name),
				 errdetail("The %s given is %g.", name, s)));
	return s;
}

/* Floor and cap shares at arguments n and n + 1, or an error. */
static void
floor_cap_args(FunctionCallInfo fcinfo, int n, double *floor_share, double *cap_share)
{
	*floor_share = PG_GETARG_FLOAT8(n);
	*cap_share = PG_GETARG_FLOAT8(n + 1);
	if (!score_check_floor_cap(*floor_share, *cap_share))
		ereport(ERROR,
				(errcode(ERRCODE_INVALID_PARAMETER_VALUE),
				 errmsg("floor_share %g and cap_share %g are not a valid range",
						*floor_share, *cap_share),
				 errdetail("The floor must be at least 0 and the cap finite and not below the floor.")));
}

/* A target argument that is not relative (scoring has no reference). */
static Target *
absolute_target_arg(FunctionCallInfo fcinfo, const char *fn, const char *instead)
{
	Target	   *t = PG_GETARG_TARGET(0);

	if (t->relative)
		ereport(ERROR,
				(errcode(ERRCODE_INVALID_PARAMETER_VALUE),
				 errmsg("%s does not take relative targets", fn),
				 errdetail("A relative target needs a reference value to be evaluated."),
				 errhint("Use %s instead.", instead)));
	return t;
}

/* Target (not relative), actual and weight: the first arguments of score_ratio and score_threshold. */
static Target *
target_actual_weight_args(FunctionCallInfo fcinfo, const char *fn, const char *instead,
						  double *actual, double *w)
{
	Target	   *t = absolute_target_arg(fcinfo, fn, instead);

	*actual = PG_GETARG_FLOAT8(1);
	*w = weight_arg(fcinfo, 2);
	return t;
}

/*
 * Points as the function's result: 22003 rather than Infinity when they
 * leave the float8 range (a weight near its limit times the cap, or an
 * unclamped efficacy score of an actual far beyond the standards).
 */
static Datum
points_result(double points)
{
	if (!isfinite(points))
		ereport(ERROR,
				(errcode(ERRCODE_NUMERIC_VALUE_OUT_OF_RANGE),
				 errmsg("points out of range"),
				 errdetail("The points scored leave the float8 range; weights and actuals that large are not plan figures.")));
	return Float8GetDatum(points);
}

PG_FUNCTION_INFO_V1(score_proportional_fn);
/* score_proportional(attainment, weight, floor_share, cap_share). */
Datum
score_proportional_fn(PG_FUNCTION_ARGS)
{
	double		att = PG_GETARG_FLOAT8(0);
	double		w = weight_arg(fcinfo, 1);
	double		lo,
				hi;

	floor_cap_args(fcinfo, 2, &lo, &hi);
	if (isnan(att))
		PG_RETURN_NULL();
	return points_result(score_proportional(att, w, lo, hi));
}

PG_FUNCTION_INFO_V1(score_ratio_fn);
/*
 * score_ratio(target, actual, weight, floor_share, cap_share, decimals):
 * proportional points from the scoring attainment (see score_ratio_target).
 */
Datum
score_ratio_fn(PG_FUNCTION_ARGS)
{
	Target	   *t;
	double		actual,
				w,
				lo,
				hi;
	int			decimals;

	if (any_null(fcinfo, 5))
		PG_RETURN_NULL();
	t = target_actual_weight_args(fcinfo, "score_ratio",
								  "score_proportional(target_attainment(t, actual, reference), weight)",
								  &actual, &w);
	floor_cap_args(fcinfo, 3, &lo, &hi);
	decimals = decimals_arg(fcinfo, 5);
	if (isnan(actual))
		PG_RETURN_NULL();
	return points_result(score_ratio_target(t, t->lo, actual, decimals, w, lo, hi));
}

PG_FUNCTION_INFO_V1(score_threshold_fn);
/* score_met(met, weight, miss_share): threshold scoring from a met flag. */
Datum
score_threshold_fn(PG_FUNCTION_ARGS)
{
	bool		met = PG_GETARG_BOOL(0);
	double		w = weight_arg(fcinfo, 1);

	return points_result(score_threshold(met, w, share_arg(fcinfo, 2, "miss_share")));
}

PG_FUNCTION_INFO_V1(score_threshold_target_fn);
/* score_threshold(target, actual, weight, miss_share, decimals). */
Datum
score_threshold_target_fn(PG_FUNCTION_ARGS)
{
	Target	   *t;
	double		actual,
				w,
				miss;
	int			decimals;

	if (any_null(fcinfo, 4))
		PG_RETURN_NULL();
	t = target_actual_weight_args(fcinfo, "score_threshold",
								  "score_met(target_met(t, actual, reference), weight)",
								  &actual, &w);
	miss = share_arg(fcinfo, 3, "miss_share");
	decimals = decimals_arg(fcinfo, 4);
	if (isnan(actual))
		PG_RETURN_NULL();
	return points_result(score_threshold(target_met_at(t, t->lo, actual, decimals), w, miss));
}

/* The five standard values of a float8[] argument, or an error. */
static void
standards_arg(ArrayType *arr, double standards[SCORE_BANDS])
{
	Datum	   *elems;
	bool	   *nulls;
	int			n;

	if (ARR_NDIM(arr) > 1)
		ereport(ERROR,
				(errcode(ERRCODE_INVALID_PARAMETER_VALUE),
				 errmsg("standard values must be a one-dimensional array")));
	deconstruct_array(arr, FLOAT8OID, sizeof(float8), FLOAT8PASSBYVAL,
					  TYPALIGN_DOUBLE, &elems, &nulls, &n);
	if (n != SCORE_BANDS)
		ereport(ERROR,
				(errcode(ERRCODE_INVALID_PARAMETER_VALUE),
				 errmsg("banded scoring needs 5 standard values, not %d", n),
				 errdetail("The standards are excellent, good, average, low and poor, best first.")));
	for (int k = 0; k < SCORE_BANDS; k++)
	{
		if (nulls[k])
			ereport(ERROR,
					(errcode(ERRCODE_NULL_VALUE_NOT_ALLOWED),
					 errmsg("standard values must not be NULL")));
		standards[k] = DatumGetFloat8(elems[k]);
	}
}

PG_FUNCTION_INFO_V1(score_banded_fn);
/* score_banded(actual, standards[5], weight, decimals): SOE efficacy coefficient. */
Datum
score_banded_fn(PG_FUNCTION_ARGS)
{
	double		actual;
	double		s[SCORE_BANDS];
	double		w;
	int			dir;

	if (any_null(fcinfo, 3))
		PG_RETURN_NULL();
	actual = target_published(PG_GETARG_FLOAT8(0), decimals_arg(fcinfo, 3));
	standards_arg(PG_GETARG_ARRAYTYPE_P(1), s);
	w = weight_arg(fcinfo, 2);
	dir = score_banded_direction(s);
	if (dir == 0)
		ereport(ERROR,
				(errcode(ERRCODE_INVALID_PARAMETER_VALUE),
				 errmsg("standard values {%g,%g,%g,%g,%g} are not strictly monotonic",
						s[0], s[1], s[2], s[3], s[4]),
				 errdetail("Standards go from excellent to poor: strictly descending when higher is better, strictly ascending when lower is better, all finite.")));
	if (isnan(actual))
		PG_RETURN_NULL();
	return points_result(score_banded(actual, s, dir, w));
}

PG_FUNCTION_INFO_V1(score_efficacy_fn);
/* score_efficacy(actual, satisfactory, disallowed, weight, clamped, decimals). */
Datum
score_efficacy_fn(PG_FUNCTION_ARGS)
{
	double		actual,
				sat,
				dis,
				w;

	if (any_null(fcinfo, 5))
		PG_RETURN_NULL();
	actual = target_published(PG_GETARG_FLOAT8(0), decimals_arg(fcinfo, 5));
	sat = PG_GETARG_FLOAT8(1);
	dis = PG_GETARG_FLOAT8(2);
	w = weight_arg(fcinfo, 3);

	if (!isfinite(sat) || !isfinite(dis) || sat == dis)
		ereport(ERROR,
				(errcode(ERRCODE_INVALID_PARAMETER_VALUE),
				 errmsg("satisfactory value %g and disallowed value %g must be finite and differ",
						sat, dis),
				 errdetail("The efficacy coefficient divides by their difference.")));
	if (isnan(actual))
		PG_RETURN_NULL();
	return points_result(score_efficacy(actual, sat, dis, w, PG_GETARG_BOOL(4)));
}

PG_FUNCTION_INFO_V1(score_rank_fn);
/* score_rank(rank, n, weight, floor_share): linear from rank 1 to rank n. */
Datum
score_rank_fn(PG_FUNCTION_ARGS)
{
	int64		rank = PG_GETARG_INT64(0);
	int64		n = PG_GETARG_INT64(1);
	double		w = weight_arg(fcinfo, 2);
	double		fl = share_arg(fcinfo, 3, "floor_share");

	if (n < 1)
		ereport(ERROR,
				(errcode(ERRCODE_INVALID_PARAMETER_VALUE),
				 errmsg("number of peers must be at least 1, not " INT64_FORMAT, n)));
	if (rank < 1 || rank > n)
		ereport(ERROR,
				(errcode(ERRCODE_NUMERIC_VALUE_OUT_OF_RANGE),
				 errmsg("rank " INT64_FORMAT " is outside 1.." INT64_FORMAT, rank, n),
				 errdetail("A rank among n peers runs from 1 (best) to n.")));
	return points_result(score_rank(rank, n, w, fl));
}

PG_FUNCTION_INFO_V1(score_scale_fn);
/*
 * score_scale(actual, red, goal, weight, decimals, red_points, goal_points):
 * weight x (the 0-10 scale score of the figure published to decimals) / 10.
 */
Datum
score_scale_fn(PG_FUNCTION_ARGS)
{
	double		actual,
				red,
				goal,
				w,
				rp,
				gp;

	if (any_null(fcinfo, 4) || PG_ARGISNULL(5) || PG_ARGISNULL(6))
		PG_RETURN_NULL();
	actual = target_published(PG_GETARG_FLOAT8(0), decimals_arg(fcinfo, 4));
	red = PG_GETARG_FLOAT8(1);
	goal = PG_GETARG_FLOAT8(2);
	w = weight_arg(fcinfo, 3);
	rp = PG_GETARG_FLOAT8(5);
	gp = PG_GETARG_FLOAT8(6);
	if (!isfinite(red) || !isfinite(goal) || red == goal)
		ereport(ERROR,
				(errcode(ERRCODE_INVALID_PARAMETER_VALUE),
				 errmsg("red threshold %g and goal %g must be finite and differ", red, goal),
				 errdetail("The scale runs from the red threshold to the goal.")));
	if (!(rp >= 0.0 && rp < gp && gp <= SCORE_SCALE_TOP))
		ereport(ERROR,
				(errcode(ERRCODE_INVALID_PARAMETER_VALUE),
				 errmsg("red points %g and goal points %g must satisfy 0 <= red points < goal points <= 10", rp, gp),
				 errdetail("The goal scores more than the red threshold on the 0-10 scale.")));
	if (isnan(actual))
		PG_RETURN_NULL();
	PG_RETURN_FLOAT8(w * score_scale(actual, red, goal, rp, gp) / SCORE_SCALE_TOP);
}

/* The baseline progress of arguments 0-2 (figure published to decimals), or false. */
static bool
baseline_progress_args(FunctionCallInfo fcinfo, int decimals_argno, double *progress)
{
	double		actual = target_published(PG_GETARG_FLOAT8(0), decimals_arg(fcinfo, decimals_argno));
	double		baseline = PG_GETARG_FLOAT8(1);
	double		goal = PG_GETARG_FLOAT8(2);

	if (!isfinite(baseline) || !isfinite(goal))
		ereport(ERROR,
				(errcode(ERRCODE_INVALID_PARAMETER_VALUE),
				 errmsg("baseline %g and goal %g must be finite", baseline, goal)));
	return isfinite(actual) &&
		score_baseline_progress(actual, baseline, goal, progress) && isfinite(*progress);
}

PG_FUNCTION_INFO_V1(baseline_progress_fn);
/*
 * baseline_progress(actual, baseline, goal, decimals): (actual - baseline) /
 * (goal - baseline); NULL when the goal equals the baseline.
 */
Datum
baseline_progress_fn(PG_FUNCTION_ARGS)
{
	double		p;

	if (any_null(fcinfo, 3) || !baseline_progress_args(fcinfo, 3, &p))
		PG_RETURN_NULL();
	PG_RETURN_FLOAT8(p);
}

PG_FUNCTION_INFO_V1(score_baseline_fn);
/*
 * score_baseline(actual, baseline, goal, weight, floor_share, cap_share,
 * decimals): weight x baseline progress clamped to [floor_share, cap_share].
 */
Datum
score_baseline_fn(PG_FUNCTION_ARGS)
{
	double		p,
				w,
				fl,
				cap;

	if (any_null(fcinfo, 6))
		PG_RETURN_NULL();
	w = weight_arg(fcinfo, 3);
	floor_cap_args(fcinfo, 4, &fl, &cap);
	if (!baseline_progress_args(fcinfo, 6, &p))
		PG_RETURN_NULL();
	PG_RETURN_FLOAT8(w * fmin(fmax(p, fl), cap));
}
