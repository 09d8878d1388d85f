/*
 * scorecard.h
 *		Declarations shared by the fmgr glue files.
 */
#ifndef SCORECARD_H
#define SCORECARD_H

#include "fmgr.h"
#include "band_core.h"
#include "target_core.h"

#define PG_GETARG_TARGET(n) ((Target *) PG_GETARG_POINTER(n))

/* Argument n as a published precision; TARGET_FULL_PRECISION if absent or NULL. */
extern int	decimals_arg(FunctionCallInfo fcinfo, int n);

/*
 * The target, threshold and actual of an evaluation call (refarg: the
 * reference argument); false when the result is NULL.
 */
extern bool target_call_args(FunctionCallInfo fcinfo, int refarg, Target **t,
							 double *thr, double *actual);

/* Argument n as a band set; false if NULL.  An invalid set raises 22023. */
extern bool bands_arg(FunctionCallInfo fcinfo, int n, BandSet *bands);

#endif
