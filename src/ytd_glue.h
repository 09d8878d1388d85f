/*
 * ytd_glue.h
 *		The fmgr glue shared by the ytd type's I/O (ytd_io.c), aggregates
 *		(ytd_agg.c) and accessors (ytd_access.c, arith.c), defined in
 *		ytd_glue.c: stored values, allocation and error reporting.
 */
#ifndef YTD_GLUE_H
#define YTD_GLUE_H

#include "fmgr.h"
#include "utils/date.h"
#include "ytd_core.h"

/* A stored value, detoasted and, if in format 1 (0.1.0, 0.2.0), converted. */
#define PG_GETARG_YTD(n) ytd_current((struct varlena *) PG_DETOAST_DATUM(PG_GETARG_DATUM(n)))

extern Ytd *ytd_current(struct varlena *v);

/* Raise the error that matches a status; input names the offending value. */
extern void ytd_report(YtdStatus st, const char *input, const char *detail);

/* The month number of a date (periods, as-of dates), or an error. */
extern int32 ytd_date_month(DateADT d);

/* A new state of nyears years from base in the current memory context. */
extern Ytd *ytd_alloc(YtdKind kind, int base, int nyears, bool wide);

/* The wide copy of a narrow state (for sums beyond 64 bits). */
extern Ytd *ytd_widen(const Ytd *s);

/* Refuse a rate where an accessor sums months (fn names the accessor). */
extern void ytd_need_flow(const Ytd *s, const char *fn);

#endif
