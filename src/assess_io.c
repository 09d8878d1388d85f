/*
 * assess_io.c
 *		fmgr glue for the assessment state type: text and binary I/O.
 *
 * Text input and binary receive check the same invariants
 * (assess_validate); text output reads back bit-exactly.
 */
#include "postgres.h"

#include "fmgr.h"
#include "libpq/pqformat.h"

#include "assess_core.h"

StaticAssertDecl(sizeof(Assessment) == 80, "assessment is 80 bytes, as declared in SQL");

#define PG_GETARG_ASSESSMENT(n) ((Assessment *) PG_GETARG_POINTER(n))

PG_FUNCTION_INFO_V1(assessment_in);
/* Text input: parse and validate. */
Datum
assessment_in(PG_FUNCTION_ARGS)
{
	char	   *s = PG_GETARG_CSTRING(0);
	Assessment *a = palloc0(sizeof(Assessment));
	char		detail[ASSESS_DETAIL_LEN];

	if (assess_parse(s, a, detail, sizeof(detail)) != ASSESS_OK)
		ereport(ERROR,
				(errcode(ERRCODE_INVALID_TEXT_REPRESENTATION),
				 errmsg("invalid input syntax for type assessment: \"%s\"", s),
				 errdetail("%s", detail)));
	PG_RETURN_POINTER(a);
}

PG_FUNCTION_INFO_V1(assessment_out);
/* Text output: every field by name, doubles in shortest exact form. */
Datum
assessment_out(PG_FUNCTION_ARGS)
{
	char	   *buf = palloc(ASSESS_TEXT_LEN);

	assess_format(PG_GETARG_ASSESSMENT(0), buf, ASSESS_TEXT_LEN);
	PG_RETURN_CSTRING(buf);
}

PG_FUNCTION_INFO_V1(assessment_recv);
/* Binary input: six float8 then four int8, validated like text input. */
Datum
assessment_recv(PG_FUNCTION_ARGS)
{
	StringInfo	buf = (StringInfo) PG_GETARG_POINTER(0);
	Assessment *a = palloc0(sizeof(Assessment));
	char		detail[ASSESS_DETAIL_LEN];

	a->points = pq_getmsgfloat8(buf);
	a->weight = pq_getmsgfloat8(buf);
	a->weight_all = pq_getmsgfloat8(buf);
	a->bonus = pq_getmsgfloat8(buf);
	a->deduction = pq_getmsgfloat8(buf);
	a->log_sum = pq_getmsgfloat8(buf);
	a->applicable = pq_getmsgint64(buf);
	a->missing = pq_getmsgint64(buf);
	a->vetoes = pq_getmsgint64(buf);
	a->zeros = pq_getmsgint64(buf);
	if (assess_validate(a, detail, sizeof(detail)) != ASSESS_OK)
		ereport(ERROR,
				(errcode(ERRCODE_INVALID_BINARY_REPRESENTATION),
				 errmsg("invalid binary value for type assessment"),
				 errdetail("%s", detail)));
	PG_RETURN_POINTER(a);
}

PG_FUNCTION_INFO_V1(assessment_send);
/* Binary output: the fields in declaration order. */
Datum
assessment_send(PG_FUNCTION_ARGS)
{
	Assessment *a = PG_GETARG_ASSESSMENT(0);
	StringInfoData buf;

	pq_begintypsend(&buf);
	pq_sendfloat8(&buf, a->points);
	pq_sendfloat8(&buf, a->weight);
	pq_sendfloat8(&buf, a->weight_all);
	pq_sendfloat8(&buf, a->bonus);
	pq_sendfloat8(&buf, a->deduction);
	pq_sendfloat8(&buf, a->log_sum);
	pq_sendint64(&buf, a->applicable);
	pq_sendint64(&buf, a->missing);
	pq_sendint64(&buf, a->vetoes);
	pq_sendint64(&buf, a->zeros);
	PG_RETURN_BYTEA_P(pq_endtypsend(&buf));
}
