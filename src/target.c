/*
 * target.c
 *		fmgr glue for the target type: text and binary I/O, ordering,
 *		hashing and accessors.
 */
#include "postgres.h"

#include "common/hashfn.h"
#include "fmgr.h"
#include "libpq/pqformat.h"
#include "utils/builtins.h"

#include "target_core.h"
#include "scorecard.h"

PG_MODULE_MAGIC;

StaticAssertDecl(sizeof(Target) == 24, "target is 24 bytes, as declared in SQL");

/* Raise the error that matches a failed parse or validation. */
static void
report_target_status(TargetStatus st, const char *input, const char *detail)
{
	switch (st)
	{
		case TARGET_OK:
			return;
		case TARGET_SYNTAX:
			ereport(ERROR,
					(errcode(ERRCODE_INVALID_TEXT_REPRESENTATION),
					 errmsg("invalid input syntax for type target: \"%s\"", input),
					 errdetail("%s", detail)));
			break;
		case TARGET_NONFINITE:
			ereport(ERROR,
					(errcode(ERRCODE_NUMERIC_VALUE_OUT_OF_RANGE),
					 errmsg("target threshold out of range: \"%s\"", input),
					 errdetail("%s", detail)));
			break;
		case TARGET_BOUNDS:
			ereport(ERROR,
					(errcode(ERRCODE_INVALID_PARAMETER_VALUE),
					 errmsg("target bounds are reversed: \"%s\"", input),
					 errdetail("%s", detail)));
			break;
		case TARGET_CORRUPT:
			ereport(ERROR,
					(errcode(ERRCODE_INVALID_BINARY_REPRESENTATION),
					 errmsg("invalid binary value for type target"),
					 errdetail("%s", detail)));
			break;
	}
}

PG_FUNCTION_INFO_V1(target_in);
/* Text input: parse and validate. */
Datum
target_in(PG_FUNCTION_ARGS)
{
	char	   *s = PG_GETARG_CSTRING(0);
	Target	   *t = palloc0(sizeof(Target));
	char		detail[TARGET_DETAIL_LEN];

	report_target_status(target_parse(s, t, detail, sizeof(detail)), s, detail);
	PG_RETURN_POINTER(t);
}

PG_FUNCTION_INFO_V1(target_out);
/* Text output: the canonical form. */
Datum
target_out(PG_FUNCTION_ARGS)
{
	Target	   *t = PG_GETARG_TARGET(0);
	char	   *buf = palloc(TARGET_TEXT_LEN);

	target_format(t, buf, TARGET_TEXT_LEN);
	PG_RETURN_CSTRING(buf);
}

PG_FUNCTION_INFO_V1(target_recv);
/* Binary input: the same invariants as text input. */
Datum
target_recv(PG_FUNCTION_ARGS)
{
	StringInfo	buf = (StringInfo) PG_GETARG_POINTER(0);
	Target	   *t = palloc0(sizeof(Target));
	char		detail[TARGET_DETAIL_LEN];
	char		text[TARGET_TEXT_LEN];
	TargetStatus st;

	t->measure = (uint8) pq_getmsgbyte(buf);
	t->cmp = (uint8) pq_getmsgbyte(buf);
	t->relative = (uint8) pq_getmsgbyte(buf);
	/* bit 1 of the relative byte: a stretch figure in hi (since 0.3.0) */
	if (t->relative & 2)
	{
		t->relative &= ~2;
		t->flags = TARGET_STRETCH;
	}
	t->lo = pq_getmsgfloat8(buf);
	t->hi = pq_getmsgfloat8(buf);
	st = target_validate(t, detail, sizeof(detail));
	if (st == TARGET_BOUNDS)
		target_format(t, text, sizeof(text));
	else
		strlcpy(text, "(binary value)", sizeof(text));
	report_target_status(st, text, detail);
	PG_RETURN_POINTER(t);
}

PG_FUNCTION_INFO_V1(target_send);
/*
 * Binary output: measure, comparator, relative flag (with bit 1 set when hi
 * holds a stretch figure: a 0.2.0 receiver refuses such a value rather than
 * misread it), two float8.
 */
Datum
target_send(PG_FUNCTION_ARGS)
{
	Target	   *t = PG_GETARG_TARGET(0);
	StringInfoData buf;

	pq_begintypsend(&buf);
	pq_sendbyte(&buf, t->measure);
	pq_sendbyte(&buf, t->cmp);
	pq_sendbyte(&buf, t->relative | ((t->flags & TARGET_STRETCH) ? 2 : 0));
	pq_sendfloat8(&buf, t->lo);
	pq_sendfloat8(&buf, t->hi);
	PG_RETURN_BYTEA_P(pq_endtypsend(&buf));
}

PG_FUNCTION_INFO_V1(target_cmp);
/* btree support: three-way comparison. */
Datum
target_cmp(PG_FUNCTION_ARGS)
{
	PG_RETURN_INT32(target_compare(PG_GETARG_TARGET(0), PG_GETARG_TARGET(1)));
}

/* Comparison operators, one function each as the catalog wants. */
#define TARGET_CMP_FN(name, op) \
PG_FUNCTION_INFO_V1(name); \
Datum \
name(PG_FUNCTION_ARGS) \
{ \
	PG_RETURN_BOOL(target_compare(PG_GETARG_TARGET(0), PG_GETARG_TARGET(1)) op 0); \
}

TARGET_CMP_FN(target_eq, ==)
TARGET_CMP_FN(target_ne, !=)
TARGET_CMP_FN(target_lt, <)
TARGET_CMP_FN(target_le, <=)
TARGET_CMP_FN(target_gt, >)
TARGET_CMP_FN(target_ge, >=)

PG_FUNCTION_INFO_V1(target_hash);
/* hash support: bytes of the normalised value (padding is always zero). */
Datum
target_hash(PG_FUNCTION_ARGS)
{
	return hash_any((unsigned char *) PG_GETARG_TARGET(0), sizeof(Target));
}

PG_FUNCTION_INFO_V1(target_hash_extended);
/* hash support with a seed, for hash partitioning. */
Datum
target_hash_extended(PG_FUNCTION_ARGS)
{
	return hash_any_extended((unsigned char *) PG_GETARG_TARGET(0),
							 sizeof(Target), PG_GETARG_INT64(1));
}

PG_FUNCTION_INFO_V1(target_measure);
/* The measure: level, growth, share or change. */
Datum
target_measure(PG_FUNCTION_ARGS)
{
	PG_RETURN_TEXT_P(cstring_to_text(target_measure_name(PG_GETARG_TARGET(0)->measure)));
}

PG_FUNCTION_INFO_V1(target_comparator);
/* The comparison: >=, >, <=, <, = or between. */
Datum
target_comparator(PG_FUNCTION_ARGS)
{
	PG_RETURN_TEXT_P(cstring_to_text(target_cmp_name(PG_GETARG_TARGET(0)->cmp)));
}

PG_FUNCTION_INFO_V1(target_unit);
/* The unit thresholds are written in: '' (level), '%' or 'pp'. */
Datum
target_unit(PG_FUNCTION_ARGS)
{
	PG_RETURN_TEXT_P(cstring_to_text(target_unit_name(PG_GETARG_TARGET(0)->measure)));
}

PG_FUNCTION_INFO_V1(target_threshold);
/* The threshold, or the lower bound of between; NULL for relative targets. */
Datum
target_threshold(PG_FUNCTION_ARGS)
{
	Target	   *t = PG_GETARG_TARGET(0);

	if (t->relative)
		PG_RETURN_NULL();
	PG_RETURN_FLOAT8(t->lo);
}

PG_FUNCTION_INFO_V1(target_threshold_upper);
/* The upper bound of a between target; NULL for the others. */
Datum
target_threshold_upper(PG_FUNCTION_ARGS)
{
	Target	   *t = PG_GETARG_TARGET(0);

	if (t->cmp != CMP_BETWEEN)
		PG_RETURN_NULL();
	PG_RETURN_FLOAT8(t->hi);
}

PG_FUNCTION_INFO_V1(target_stretch);
/* The stretch figure (力争) of a target; NULL for one without. */
Datum
target_stretch(PG_FUNCTION_ARGS)
{
	Target	   *t = PG_GETARG_TARGET(0);

	if (!(t->flags & TARGET_STRETCH))
		PG_RETURN_NULL();
	PG_RETURN_FLOAT8(t->hi);
}

PG_FUNCTION_INFO_V1(target_is_relative);
/* Whether the target compares with a reference given at evaluation. */
Datum
target_is_relative(PG_FUNCTION_ARGS)
{
	PG_RETURN_BOOL(PG_GETARG_TARGET(0)->relative != 0);
}

PG_FUNCTION_INFO_V1(target_higher_is_better);
/* Whether larger actual values are better (false for <= and <). */
Datum
target_higher_is_better(PG_FUNCTION_ARGS)
{
	PG_RETURN_BOOL(!target_lower_is_better(PG_GETARG_TARGET(0)));
}

/* Parse a target text as target_in does, and give the unit written after its number. */
static void
parse_with_unit(text *txt, Target *t, char *unit, char **input)
{
	char		detail[TARGET_DETAIL_LEN];

	*input = text_to_cstring(txt);
	report_target_status(target_parse_unit(*input, t, unit, TARGET_UNIT_LEN,
										   detail, sizeof(detail)),
						 *input, detail);
}

PG_FUNCTION_INFO_V1(target_unit_of_text);
/* The unit written after a target text's number: %, pp, 家, 亿元 or ''. */
Datum
target_unit_of_text(PG_FUNCTION_ARGS)
{
	Target		t;
	char		unit[TARGET_UNIT_LEN];
	char	   *input;

	parse_with_unit(PG_GETARG_TEXT_PP(0), &t, unit, &input);
	PG_RETURN_TEXT_P(cstring_to_text(unit));
}

PG_FUNCTION_INFO_V1(target_check_unit);
/*
 * target_check_unit(text, indicator_unit): true when the unit of measure
 * written in the target text is the indicator's (or none, %, pp), else a
 * check_violation saying what to write.
 */
Datum
target_check_unit(PG_FUNCTION_ARGS)
{
	Target		t;
	char		unit[TARGET_UNIT_LEN];
	char	   *input;
	char	   *ind = text_to_cstring(PG_GETARG_TEXT_PP(1));
	const char *bare = ind;

	parse_with_unit(PG_GETARG_TEXT_PP(0), &t, unit, &input);
	if (target_unit_fits(unit, ind))
		PG_RETURN_BOOL(true);
	while (*bare == ' ')
		bare++;
	if (*bare == '\0')
		ereport(ERROR,
				(errcode(ERRCODE_CHECK_VIOLATION),
				 errmsg("target \"%s\" is in %s, but the indicator has no unit of measure",
						input, unit),
				 errdetail("Write the figure with no unit, as in \"level >= 100\".")));
	if ((strncmp(unit, "万", strlen("万")) == 0 || strncmp(unit, "亿", strlen("亿")) == 0) &&
		target_unit_fits(unit + strlen("万"), bare))
		ereport(ERROR,
				(errcode(ERRCODE_CHECK_VIOLATION),
				 errmsg("target \"%s\" is in %s, not in the indicator's unit %s", input, unit, bare),
				 errdetail("Write the figure out in %s (55万%s as 550000%s), or with no unit.",
						   bare, bare, bare)));
	ereport(ERROR,
			(errcode(ERRCODE_CHECK_VIOLATION),
			 errmsg("target \"%s\" is in %s, not in the indicator's unit %s", input, unit, bare),
			 errdetail("Write the figure in %s, the indicator's unit of measure, or with no unit.",
					   bare)));
	PG_RETURN_BOOL(false);
}
