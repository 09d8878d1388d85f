/*
 * assess_agg.c
 *		fmgr glue for the assessment aggregates (assess, weighted_score,
 *		rollup), the accessors of the state and grade bands.
 *
 * Transition functions allocate the state once in the aggregate context on
 * the first row and update it in place; called outside an aggregate they
 * work on a copy, so their input is never changed.
 */
#include "postgres.h"

#include <math.h>

#include "catalog/pg_type.h"
#include "fmgr.h"
#include "utils/array.h"
#include "utils/builtins.h"

#include "assess_core.h"
#include "score_core.h"

#define PG_GETARG_ASSESSMENT(n) ((Assessment *) PG_GETARG_POINTER(n))

/* The state to update: argument 0 in place inside an aggregate, else a copy. */
static Assessment *
state_for_update(FunctionCallInfo fcinfo)
{
	MemoryContext aggctx;
	Assessment *a;

	if (AggCheckCallContext(fcinfo, &aggctx))
	{
		if (!PG_ARGISNULL(0))
			return PG_GETARG_ASSESSMENT(0);
		return MemoryContextAllocZero(aggctx, sizeof(Assessment));
	}
	a = palloc0(sizeof(Assessment));
	if (!PG_ARGISNULL(0))
		*a = *PG_GETARG_ASSESSMENT(0);
	return a;
}

/* Raise the error of a rejected row. */
static void
report_row_status(AssessStatus st, double points, bool has_weight, double weight)
{
	if (st == ASSESS_WEIGHT && !has_weight)
		ereport(ERROR,
				(errcode(ERRCODE_NULL_VALUE_NOT_ALLOWED),
				 errmsg("weight of a score item with points must not be NULL"),
				 errdetail("NULL points mark an item that does not apply; its weight may be NULL.")));
	if (st == ASSESS_WEIGHT)
		ereport(ERROR,
				(errcode(ERRCODE_INVALID_PARAMETER_VALUE),
				 errmsg("weight must be a finite number not below zero"),
				 errdetail("The weight given is %g.", weight)));
	if (st == ASSESS_OVERFLOW)
		ereport(ERROR,
				(errcode(ERRCODE_NUMERIC_VALUE_OUT_OF_RANGE),
				 errmsg("assessment sums out of range"),
				 errdetail("A sum of points, weights or adjustments, or a count of items, is too large to hold.")));
	if (st == ASSESS_ZERO_WEIGHT)
		ereport(ERROR,
				(errcode(ERRCODE_INVALID_PARAMETER_VALUE),
				 errmsg("a score item of weight 0 must have 0 points"),
				 errdetail("The points given are %g; an item without weight cannot add to the score.",
						   points)));
	if (st == ASSESS_POINTS)
		ereport(ERROR,
				(errcode(ERRCODE_INVALID_PARAMETER_VALUE),
				 errmsg("points must be a finite number not below zero"),
				 errdetail("The points given are %g; NULL points mark an item that does not apply.",
						   points)));
}

/* The kind argument of assess(points, weight, kind). */
static AssessKind
kind_arg(FunctionCallInfo fcinfo, int n)
{
	text	   *t;
	AssessKind	kind;

	if (PG_NARGS() <= n)
		return KIND_SCORE;
	if (PG_ARGISNULL(n))
		ereport(ERROR,
				(errcode(ERRCODE_NULL_VALUE_NOT_ALLOWED),
				 errmsg("assessment item kind must not be NULL")));
	t = PG_GETARG_TEXT_PP(n);
	if (!assess_kind_parse(VARDATA_ANY(t), VARSIZE_ANY_EXHDR(t), &kind))
		ereport(ERROR,
				(errcode(ERRCODE_INVALID_PARAMETER_VALUE),
				 errmsg("unknown assessment item kind: \"%s\"", text_to_cstring(t)),
				 errdetail("The kind is \"score\", \"bonus\", \"deduction\" or \"veto\".")));
	return kind;
}

PG_FUNCTION_INFO_V1(assess_trans);
/* assess(points, weight [, kind]): add one indicator row. */
Datum
assess_trans(PG_FUNCTION_ARGS)
{
	AssessKind	kind = kind_arg(fcinfo, 3);
	Assessment *a = state_for_update(fcinfo);
	bool		hp = !PG_ARGISNULL(1),
				hw = !PG_ARGISNULL(2);
	double		p = hp ? PG_GETARG_FLOAT8(1) : 0.0,
				w = hw ? PG_GETARG_FLOAT8(2) : 0.0;

	report_row_status(assess_add(a, kind, hp, p, hw, w), p, hw, w);
	PG_RETURN_POINTER(a);
}

PG_FUNCTION_INFO_V1(weighted_score_trans);
/* weighted_score(points, weight): the fast path for score items only. */
Datum
weighted_score_trans(PG_FUNCTION_ARGS)
{
	Assessment *a = state_for_update(fcinfo);
	bool		hp = !PG_ARGISNULL(1);
	double		p = hp ? PG_GETARG_FLOAT8(1) : 0.0,
				w;

	if (PG_ARGISNULL(2))
		report_row_status(assess_add(a, KIND_SCORE, hp, p, false, 0.0), p, false, 0.0);
	else
	{
		w = PG_GETARG_FLOAT8(2);
		report_row_status(assess_add_plain(a, hp, p, w), p, true, w);
	}
	PG_RETURN_POINTER(a);
}

PG_FUNCTION_INFO_V1(assess_combine);
/* Merge two states: the combine function, and rollup's transition. */
Datum
assess_combine(PG_FUNCTION_ARGS)
{
	MemoryContext aggctx;
	bool		in_agg = AggCheckCallContext(fcinfo, &aggctx) != 0;
	Assessment *a;

	if (!in_agg)
		aggctx = CurrentMemoryContext;

	if (PG_ARGISNULL(1))
	{
		if (PG_ARGISNULL(0))
			PG_RETURN_NULL();
		PG_RETURN_POINTER(PG_GETARG_ASSESSMENT(0));
	}
	if (in_agg && !PG_ARGISNULL(0))
		a = PG_GETARG_ASSESSMENT(0);
	else
	{
		a = MemoryContextAllocZero(aggctx, sizeof(Assessment));
		if (!PG_ARGISNULL(0))
			*a = *PG_GETARG_ASSESSMENT(0);
	}
	report_row_status(assess_merge(a, PG_GETARG_ASSESSMENT(1)), 0.0, true, 0.0);
	PG_RETURN_POINTER(a);
}

typedef AssessStatus (*AssessScoreFn) (const Assessment *a, double *score);

/* Raise 22003: an accessor's result is not a finite number. */
static void
result_out_of_range(const char *what)
{
	ereport(ERROR,
			(errcode(ERRCODE_NUMERIC_VALUE_OUT_OF_RANGE),
			 errmsg("assessment %s out of range", what),
			 errdetail("The result is too large to hold in a float8.")));
}

/* What a score function computes, for its error message. */
static const char *
score_name(AssessScoreFn fn)
{
	return fn == assess_geometric ? "geometric mean" : "score";
}

/* A score of the state (normalised or geometric); false if nothing applies. */
static bool
score_of(AssessScoreFn fn, const Assessment *a, double *score)
{
	AssessStatus st = fn(a, score);

	if (st == ASSESS_OVERFLOW)
		result_out_of_range(score_name(fn));
	return st == ASSESS_OK;
}

PG_FUNCTION_INFO_V1(weighted_score_final);
/* weighted_score's result: the normalised score, NULL if nothing applies. */
Datum
weighted_score_final(PG_FUNCTION_ARGS)
{
	double		s;

	if (PG_ARGISNULL(0) || !score_of(assess_normalised, PG_GETARG_ASSESSMENT(0), &s))
		PG_RETURN_NULL();
	PG_RETURN_FLOAT8(s);
}

/* A cap argument: NULL or absent means no cap; negative or NaN is an error. */
static double
cap_arg(FunctionCallInfo fcinfo, int n, const char *name)
{
	double		cap;

	if (PG_NARGS() <= n || PG_ARGISNULL(n))
		return INFINITY;
	cap = PG_GETARG_FLOAT8(n);
	if (!(cap >= 0.0))
		ereport(ERROR,
				(errcode(ERRCODE_INVALID_PARAMETER_VALUE),
				 errmsg("%s must not be negative", name),
				 errdetail("The %s given is %g.", name, cap)));
	return cap;
}

/*
 * base plus bonus minus deduction after the caps at arguments n and n + 1;
 * 22003 naming what (the total, the score) when out of range.
 */
static double
adjusted(FunctionCallInfo fcinfo, const Assessment *a, int n, double base,
		 const char *what)
{
	double		out;

	if (assess_adjust(base, assess_bonus(a, cap_arg(fcinfo, n, "bonus_cap")),
					  assess_deduction(a, cap_arg(fcinfo, n + 1, "deduction_cap")),
					  &out) != ASSESS_OK)
		result_out_of_range(what);
	return out;
}

PG_FUNCTION_INFO_V1(assessment_total);
/* Raw total: points of the applicable items plus bonus minus deduction. */
Datum
assessment_total(PG_FUNCTION_ARGS)
{
	Assessment *a;

	if (PG_ARGISNULL(0))
		PG_RETURN_NULL();
	a = PG_GETARG_ASSESSMENT(0);
	PG_RETURN_FLOAT8(adjusted(fcinfo, a, 1, a->points, "total"));
}

/*
 * A score of the state (normalised or geometric) plus the capped bonus
 * minus deduction whose caps are arguments n and n + 1; false if nothing
 * applies.  The caps are checked either way.
 */
static bool
adjusted_score(FunctionCallInfo fcinfo, AssessScoreFn fn, const Assessment *a,
			   int n, double *score)
{
	bool		has;

	(void) cap_arg(fcinfo, n, "bonus_cap");
	(void) cap_arg(fcinfo, n + 1, "deduction_cap");
	has = score_of(fn, a, score);
	if (has)
		*score = adjusted(fcinfo, a, n, *score, score_name(fn));
	return has;
}

PG_FUNCTION_INFO_V1(assessment_score);
/* Score out of 100 over the applicable weights, plus bonus minus deduction. */
Datum
assessment_score(PG_FUNCTION_ARGS)
{
	double		s;

	if (PG_ARGISNULL(0) ||
		!adjusted_score(fcinfo, assess_normalised, PG_GETARG_ASSESSMENT(0), 1, &s))
		PG_RETURN_NULL();
	PG_RETURN_FLOAT8(s);
}

PG_FUNCTION_INFO_V1(assessment_geometric);
/* Weighted geometric mean of the item shares, out of 100, plus adjustments. */
Datum
assessment_geometric(PG_FUNCTION_ARGS)
{
	double		s;

	if (PG_ARGISNULL(0) ||
		!adjusted_score(fcinfo, assess_geometric, PG_GETARG_ASSESSMENT(0), 1, &s))
		PG_RETURN_NULL();
	PG_RETURN_FLOAT8(s);
}

PG_FUNCTION_INFO_V1(assessment_bonus);
/* Bonus points after the cap. */
Datum
assessment_bonus(PG_FUNCTION_ARGS)
{
	if (PG_ARGISNULL(0))
		PG_RETURN_NULL();
	PG_RETURN_FLOAT8(assess_bonus(PG_GETARG_ASSESSMENT(0), cap_arg(fcinfo, 1, "cap")));
}

PG_FUNCTION_INFO_V1(assessment_deduction);
/* Deduction points after the cap (a positive number). */
Datum
assessment_deduction(PG_FUNCTION_ARGS)
{
	if (PG_ARGISNULL(0))
		PG_RETURN_NULL();
	PG_RETURN_FLOAT8(assess_deduction(PG_GETARG_ASSESSMENT(0), cap_arg(fcinfo, 1, "cap")));
}

/* Field accessors, one function each as the catalog wants. */
#define ASSESS_FIELD_FN(name, field, ret) \
PG_FUNCTION_INFO_V1(name); \
Datum \
name(PG_FUNCTION_ARGS) \
{ \
	ret(PG_GETARG_ASSESSMENT(0)->field); \
}

ASSESS_FIELD_FN(assessment_points, points, PG_RETURN_FLOAT8)
ASSESS_FIELD_FN(assessment_weight, weight, PG_RETURN_FLOAT8)
ASSESS_FIELD_FN(assessment_weight_all, weight_all, PG_RETURN_FLOAT8)
ASSESS_FIELD_FN(assessment_applicable, applicable, PG_RETURN_INT64)
ASSESS_FIELD_FN(assessment_missing, missing, PG_RETURN_INT64)
ASSESS_FIELD_FN(assessment_vetoes, vetoes, PG_RETURN_INT64)

PG_FUNCTION_INFO_V1(assessment_vetoed);
/* Whether a veto item applied. */
Datum
assessment_vetoed(PG_FUNCTION_ARGS)
{
	PG_RETURN_BOOL(PG_GETARG_ASSESSMENT(0)->vetoes > 0);
}

/* Grade bands read from the label and threshold arrays. */
typedef struct Bands
{
	Datum	   *labels;
	double	   *thresholds;
	int			n;				/* number of thresholds; labels has n + 1 */
} Bands;

/* Deconstruct a one-dimensional array argument without NULL elements. */
static int
array_arg(ArrayType *arr, Oid type, int16 len, bool byval, char align, Datum **elems)
{
	bool	   *nulls;
	int			n;

	if (ARR_NDIM(arr) > 1)
		ereport(ERROR,
				(errcode(ERRCODE_INVALID_PARAMETER_VALUE),
				 errmsg("grade bands must be one-dimensional arrays")));
	deconstruct_array(arr, type, len, byval, align, elems, &nulls, &n);
	for (int i = 0; i < n; i++)
		if (nulls[i])
			ereport(ERROR,
					(errcode(ERRCODE_NULL_VALUE_NOT_ALLOWED),
					 errmsg("grade bands must not contain NULL")));
	return n;
}

/* Read and check the bands given as (labels text[], thresholds float8[]). */
static void
bands_arg(ArrayType *labels, ArrayType *thresholds, Bands *b)
{
	Datum	   *th;
	int			nl = array_arg(labels, TEXTOID, -1, false, TYPALIGN_INT, &b->labels);

	b->n = array_arg(thresholds, FLOAT8OID, sizeof(float8), FLOAT8PASSBYVAL,
					 TYPALIGN_DOUBLE, &th);
	if (nl != b->n + 1)
		ereport(ERROR,
				(errcode(ERRCODE_INVALID_PARAMETER_VALUE),
				 errmsg("grade bands need one label more than thresholds, not %d labels and %d thresholds",
						nl, b->n),
				 errdetail("Labels go best first; the last label is for scores below every threshold.")));
	b->thresholds = palloc(sizeof(double) * Max(b->n, 1));
	for (int i = 0; i < b->n; i++)
		b->thresholds[i] = DatumGetFloat8(th[i]);
	if (!score_check_bands(b->thresholds, b->n))
		ereport(ERROR,
				(errcode(ERRCODE_INVALID_PARAMETER_VALUE),
				 errmsg("grade thresholds are out of order"),
				 errdetail("Thresholds must be finite and strictly descending, best band first.")));
}

/* The label of a score's band (lowest when vetoed); the caller checks NULLs. */
static Datum
grade_for(FunctionCallInfo fcinfo, int larg, bool vetoed, bool has_score, double score,
		  bool *isnull)
{
	Bands		b;

	bands_arg(PG_GETARG_ARRAYTYPE_P(larg), PG_GETARG_ARRAYTYPE_P(larg + 1), &b);
	*isnull = false;
	if (vetoed)
		return b.labels[b.n];
	if (!has_score)
	{
		*isnull = true;
		return (Datum) 0;
	}
	return b.labels[score_grade_index(score, b.thresholds, b.n)];
}

PG_FUNCTION_INFO_V1(score_grade);
/* score_grade(score, labels, thresholds): the band a score falls in. */
Datum
score_grade(PG_FUNCTION_ARGS)
{
	bool		isnull;
	Datum		d;

	if (isnan(PG_GETARG_FLOAT8(0)))
		ereport(ERROR,
				(errcode(ERRCODE_INVALID_PARAMETER_VALUE),
				 errmsg("cannot grade a NaN score")));
	d = grade_for(fcinfo, 1, false, true, PG_GETARG_FLOAT8(0), &isnull);
	PG_RETURN_DATUM(d);
}

PG_FUNCTION_INFO_V1(assessment_grade);
/*
 * assessment_grade(state, labels, thresholds, bonus_cap, deduction_cap):
 * the band of the score; the lowest band when a veto applied; NULL when no
 * item applies and none vetoed.
 */
Datum
assessment_grade(PG_FUNCTION_ARGS)
{
	Assessment *a;
	double		s = 0.0;
	bool		has,
				isnull;
	Datum		d;

	if (PG_ARGISNULL(0) || PG_ARGISNULL(1) || PG_ARGISNULL(2))
		PG_RETURN_NULL();
	a = PG_GETARG_ASSESSMENT(0);
	has = adjusted_score(fcinfo, assess_normalised, a, 3, &s);
	d = grade_for(fcinfo, 1, a->vetoes > 0, has, s, &isnull);
	if (isnull)
		PG_RETURN_NULL();
	PG_RETURN_DATUM(d);
}
