/*
 * input.c
 *		fmgr glue for reading the months and figures people type
 *		(input_core.c): parse_month, parse_figure and the reasons a text
 *		is neither, for loaders that list every bad row at once.
 */
#include "postgres.h"

#include "fmgr.h"
#include "mb/pg_wchar.h"
#include "utils/builtins.h"
#include "utils/date.h"
#include "utils/datetime.h"

#include "input_core.h"

PG_FUNCTION_INFO_V1(parse_month);
PG_FUNCTION_INFO_V1(month_error);
PG_FUNCTION_INFO_V1(parse_figure);
PG_FUNCTION_INFO_V1(figure_error);
PG_FUNCTION_INFO_V1(staged_text);
PG_FUNCTION_INFO_V1(staged_month);
PG_FUNCTION_INFO_V1(staged_figure);

/* The first day of the month a text names, or NULL when it names none. */
Datum
parse_month(PG_FUNCTION_ARGS)
{
	char	   *s = text_to_cstring(PG_GETARG_TEXT_PP(0));
	char		detail[INPUT_DETAIL_LEN];
	int			y,
				m;

	if (input_month(s, &y, &m, detail, sizeof(detail)) != INPUT_OK)
		PG_RETURN_NULL();
	PG_RETURN_DATEADT(date2j(y, m, 1) - POSTGRES_EPOCH_JDATE);
}

/* Why a text names no month (a full sentence), or NULL when it names one. */
Datum
month_error(PG_FUNCTION_ARGS)
{
	char	   *s = text_to_cstring(PG_GETARG_TEXT_PP(0));
	char		detail[INPUT_DETAIL_LEN];
	int			y,
				m;

	if (input_month(s, &y, &m, detail, sizeof(detail)) == INPUT_OK)
		PG_RETURN_NULL();
	PG_RETURN_TEXT_P(cstring_to_text(detail));
}

/* The float8 nearest to the decimal a text writes, or NULL when it writes none. */
Datum
parse_figure(PG_FUNCTION_ARGS)
{
	char	   *s = text_to_cstring(PG_GETARG_TEXT_PP(0));
	char		detail[INPUT_DETAIL_LEN];
	double		v;

	if (input_figure(s, &v, detail, sizeof(detail)) != INPUT_OK)
		PG_RETURN_NULL();
	PG_RETURN_FLOAT8(v);
}

/* Why a text is not a figure (a full sentence), or NULL when it is one. */
Datum
figure_error(PG_FUNCTION_ARGS)
{
	char	   *s = text_to_cstring(PG_GETARG_TEXT_PP(0));
	char		detail[INPUT_DETAIL_LEN];
	double		v;

	if (input_figure(s, &v, detail, sizeof(detail)) == INPUT_OK)
		PG_RETURN_NULL();
	PG_RETURN_TEXT_P(cstring_to_text(detail));
}

/*
 * A staged field trimmed as the loader trims it (input_staging_trim); the
 * argument itself when there is nothing to trim.  In a database that is not
 * UTF-8 only ASCII white space is trimmed, never part of a character.
 */
Datum
staged_text(PG_FUNCTION_ARGS)
{
	text	   *t = PG_GETARG_TEXT_PP(0);
	size_t		len = VARSIZE_ANY_EXHDR(t),
				start,
				n = input_staging_trim(VARDATA_ANY(t), len, GetDatabaseEncoding() == PG_UTF8, &start);

	if (n == len)
		PG_RETURN_TEXT_P(t);
	PG_RETURN_TEXT_P(cstring_to_text_with_len(VARDATA_ANY(t) + start, n));
}

/*
 * The loader's reading of a staged month (input_staged_month): the date it
 * names, or NULL; with fallback, the forms of parse_month too.
 */
Datum
staged_month(PG_FUNCTION_ARGS)
{
	text	   *t = PG_GETARG_TEXT_PP(0);
	bool		fallback = PG_GETARG_BOOL(1);
	int			y,
				m,
				d;

	/* read in place: input_staged_month copies what it keeps */
	if (!input_staged_month(VARDATA_ANY(t), VARSIZE_ANY_EXHDR(t), fallback, &y, &m, &d))
		PG_RETURN_NULL();
	PG_RETURN_DATEADT(date2j(y, m, d) - POSTGRES_EPOCH_JDATE);
}

/*
 * The loader's reading of a staged figure (input_staged_figure): a finite
 * float8, or NULL; with fallback, the forms of parse_figure too.
 */
Datum
staged_figure(PG_FUNCTION_ARGS)
{
	text	   *t = PG_GETARG_TEXT_PP(0);
	bool		fallback = PG_GETARG_BOOL(1);
	char	   *s = text_to_cstring(t);
	double		v;

	if (!input_staged_figure(s, VARSIZE_ANY_EXHDR(t), fallback, &v))
		PG_RETURN_NULL();
	PG_RETURN_FLOAT8(v);
}
