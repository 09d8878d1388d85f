/*
 * bands.c
 *		fmgr glue for status band sets: a band set argument read and
 *		checked, status_bands (canonical text) and status_band (the light
 *		of a shortfall).  The rules are in band_core.c.
 */
#include "postgres.h"

#include <math.h>

#include "fmgr.h"
#include "utils/builtins.h"

#include "scorecard.h"

/*
 * Argument n as a band set: false when it is NULL (the default bands);
 * an invalid set raises 22023 with the core's sentence as detail.
 */
bool
bands_arg(FunctionCallInfo fcinfo, int n, BandSet *bands)
{
	char	   *s;
	char		detail[BAND_DETAIL_LEN];

	if (PG_ARGISNULL(n))
		return false;
	s = text_to_cstring(PG_GETARG_TEXT_PP(n));
	if (!band_set_parse(s, bands, detail, sizeof(detail)))
		ereport(ERROR,
				(errcode(ERRCODE_INVALID_PARAMETER_VALUE),
				 errmsg("invalid status band set: \"%s\"", s),
				 errdetail("%s", detail),
				 errhint("Write each light's shortfalls, e.g. \"green: shortfall <= 1; yellow: 1 < shortfall <= 3; red: shortfall > 3\".")));
	pfree(s);
	return true;
}

PG_FUNCTION_INFO_V1(status_bands_fn);
/* status_bands(text): the canonical text of a valid band set. */
Datum
status_bands_fn(PG_FUNCTION_ARGS)
{
	BandSet		bands;
	char		buf[BAND_TEXT_LEN];

	bands_arg(fcinfo, 0, &bands);
	band_set_format(&bands, buf, sizeof(buf));
	PG_RETURN_TEXT_P(cstring_to_text(buf));
}

/* The light of a shortfall (checked not below 0) in a band set in its unit. */
static Datum
band_light(const BandSet *bands, double shortfall)
{
	if (!(shortfall >= 0.0))
		ereport(ERROR,
				(errcode(ERRCODE_INVALID_PARAMETER_VALUE),
				 errmsg("a shortfall must be a number not below zero, not %g", shortfall),
				 errdetail("The shortfall is how far a target not met is behind; being met or ahead is green.")));
	PG_RETURN_TEXT_P(cstring_to_text(traffic_light_name(band_set_light(bands, shortfall))));
}

PG_FUNCTION_INFO_V1(status_band_fn);
/* status_band(bands, shortfall): the light of a shortfall in a band set. */
Datum
status_band_fn(PG_FUNCTION_ARGS)
{
	BandSet		bands;

	bands_arg(fcinfo, 0, &bands);
	if (bands.percent)
		ereport(ERROR,
				(errcode(ERRCODE_INVALID_PARAMETER_VALUE),
				 errmsg("a band set in percent of the target needs the target's threshold"),
				 errdetail("The bounds of \"%s\" are percentages of a threshold, and none was given.",
						   text_to_cstring(PG_GETARG_TEXT_PP(0))),
				 errhint("Call status_band(bands, shortfall, threshold).")));
	return band_light(&bands, PG_GETARG_FLOAT8(1));
}

PG_FUNCTION_INFO_V1(status_band_threshold_fn);
/*
 * status_band(bands, shortfall, threshold): the light of a shortfall in a
 * band set whose bounds in percent of the target are taken of |threshold|.
 */
Datum
status_band_threshold_fn(PG_FUNCTION_ARGS)
{
	BandSet		bands,
				scaled;
	double		threshold = PG_GETARG_FLOAT8(2);

	bands_arg(fcinfo, 0, &bands);
	if (isnan(threshold) || isinf(threshold))
		ereport(ERROR,
				(errcode(ERRCODE_INVALID_PARAMETER_VALUE),
				 errmsg("a threshold must be a finite number, not %g", threshold),
				 errdetail("The bounds of a band set in percent of the target are percentages of the threshold's absolute value.")));
	band_set_scaled(&bands, fabs(threshold), &scaled);
	return band_light(&scaled, PG_GETARG_FLOAT8(1));
}
