/*
 * input_core.c
 *		Months and figures as people type them (see input_core.h).
 *
 * Pure C: no PostgreSQL headers.
 */
#include "input_core.h"

#include <errno.h>
#include <math.h>
#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "scan.h"

#define MONTH_FORMS "A month is written 2024-07, 2024-7, 2024/7, 2024.07, 2024年7月, 202407, or as a date inside it (2024-07-15)."
#define FIGURE_FORMS "A figure is a decimal number such as 1234.5, 1,234.5 or -0.25 (no hex, infinity or NaN)."

static InputStatus input_fail(InputStatus st, char *detail, size_t len, const char *fmt,...)
			__attribute__((format(printf, 4, 5)));

/* Write a detail sentence, cut at a character boundary. */
static InputStatus
input_fail(InputStatus st, char *detail, size_t len, const char *fmt,...)
{
	va_list		ap;

	va_start(ap, fmt);
	vsnprintf(detail, len, fmt, ap);
	va_end(ap);
	scan_trim_utf8(detail);
	return st;
}

/*
 * How one input character at u reads: *ascii gets its ASCII stand-in (0:
 * dropped); returns the bytes it takes.  Only the forms that mean the same
 * as an ASCII character are mapped; everything else is copied as it is.
 */
static size_t
input_char(const unsigned char *u, char *ascii)
{
	if (u[0] == 0xEF && u[1] == 0xBB && u[2] == 0xBF)
		return (*ascii = 0, 3);	/* U+FEFF byte-order mark */
	if (u[0] == 0xEF && u[1] == 0xBC && u[2] >= 0x81 && u[2] <= 0xBF)
		return (*ascii = (char) (0x21 + (u[2] - 0x81)), 3);	/* U+FF01..U+FF3F */
	if (u[0] == 0xEF && u[1] == 0xBD && u[2] >= 0x80 && u[2] <= 0x9E)
		return (*ascii = (char) (0x60 + (u[2] - 0x80)), 3);	/* U+FF40..U+FF5E */
	if (u[0] == 0xE3 && u[1] == 0x80 && u[2] == 0x80)
		return (*ascii = ' ', 3);	/* U+3000 ideographic space */
	if (u[0] == 0xC2 && u[1] == 0xA0)
		return (*ascii = ' ', 2);	/* U+00A0 no-break space */
	if (u[0] == 0xE2 && u[1] == 0x80 && u[2] == 0xAF)
		return (*ascii = ' ', 3);	/* U+202F narrow no-break space */
	if (u[0] == 0xE2 && u[1] == 0x80 && u[2] == 0x8B)
		return (*ascii = 0, 3);	/* U+200B zero-width space */
	if (u[0] == 0xE2 && u[1] == 0x88 && u[2] == 0x92)
		return (*ascii = '-', 3);	/* U+2212 minus sign */
	if (u[0] == '\t' || u[0] == '\r' || u[0] == '\n')
		return (*ascii = ' ', 1);
	*ascii = (char) u[0];
	return 1;
}

bool
input_normalise(const char *s, char *out)
{
	size_t		n = 0,
				i = 0,
				start = 0;

	if (strlen(s) >= INPUT_MAX)
		return false;
	while (s[i])
	{
		char		c;
		size_t		used = input_char((const unsigned char *) s + i, &c);

		if (c != 0)
			out[n++] = c;
		i += used;
	}
	while (n > 0 && out[n - 1] == ' ')
		n--;
	out[n] = '\0';
	while (out[start] == ' ')
		start++;
	memmove(out, out + start, n - start + 1);
	return true;
}

/* Read 1 to max ASCII digits at *p into *v; false if there is none. */
static bool
read_digits(const char **p, int max, int *v, int *count)
{
	int			n = 0;

	*v = 0;
	while (n < max && **p >= '0' && **p <= '9')
	{
		*v = *v * 10 + (**p - '0');
		(*p)++;
		n++;
	}
	if (count)
		*count = n;
	return n > 0;
}

/* Whether p starts with the UTF-8 text word; if so, step over it. */
static bool
read_word(const char **p, const char *word)
{
	size_t		n = strlen(word);

	if (strncmp(*p, word, n) != 0)
		return false;
	*p += n;
	return true;
}

static void
skip_spaces(const char **p)
{
	while (**p == ' ')
		(*p)++;
}

/* Days in a month of the proleptic Gregorian calendar. */
static int
days_in_month(int y, int m)
{
	static const int days[] = {31, 28, 31, 30, 31, 30, 31, 31, 30, 31, 30, 31};

	if (m == 2 && ((y % 4 == 0 && y % 100 != 0) || y % 400 == 0))
		return 29;
	return days[m - 1];
}

/*
 * The month and optional day after the year: -7, /07, .07 (then the same
 * separator and a day), 年7月 (then 15日 or 份), or 07 in 202407.  *day is
 * -1 when no day is written.
 */
static bool
read_month_part(const char *p, int *month, int *day)
{
	int			digits;

	*day = -1;					/* no day written */
	if (*p == '-' || *p == '/' || *p == '.')
	{
		char		sep = *p++;

		if (!read_digits(&p, 2, month, NULL))
			return false;
		if (*p == sep)
		{
			p++;
			if (!read_digits(&p, 2, day, NULL))
				return false;
		}
		return *p == '\0';
	}
	skip_spaces(&p);
	if (read_word(&p, "年"))
	{
		skip_spaces(&p);
		if (!read_digits(&p, 2, month, NULL))
			return false;
		skip_spaces(&p);
		if (!read_word(&p, "月"))
			return false;
		skip_spaces(&p);
		if (*p >= '0' && *p <= '9')
		{
			(void) read_digits(&p, 2, day, NULL);
			skip_spaces(&p);
			if (!read_word(&p, "日") && !read_word(&p, "号"))
				return false;
		}
		else
			(void) read_word(&p, "份");
		return *p == '\0';
	}
	return read_digits(&p, 2, month, &digits) && digits == 2 && *p == '\0';
}

InputStatus
input_month(const char *s, int *year, int *month, char *detail, size_t len)
{
	char		t[INPUT_MAX];
	const char *p = t;
	int			digits,
				day;

	if (!input_normalise(s, t))
		return input_fail(INPUT_SYNTAX, detail, len, "The text is longer than %d bytes. %s", INPUT_MAX - 1, MONTH_FORMS);
	if (t[0] == '\0')
		return input_fail(INPUT_EMPTY, detail, len, "The month is empty. %s", MONTH_FORMS);
	if (!read_digits(&p, 4, year, &digits) || digits != 4 || !read_month_part(p, month, &day))
		return input_fail(INPUT_SYNTAX, detail, len, "%s", MONTH_FORMS);
	if (*year < 1)
		return input_fail(INPUT_RANGE, detail, len, "Years run from 0001 to 9999.");
	if (*month < 1 || *month > 12)
		return input_fail(INPUT_RANGE, detail, len, "A month is numbered 1 to 12, not %d.", *month);
	if (day == 0 || day > days_in_month(*year, *month))
		return input_fail(INPUT_RANGE, detail, len, "%04d-%02d has days 1 to %d, not %d.",
						  *year, *month, days_in_month(*year, *month), day);
	return INPUT_OK;
}

/* Whether p starts 1 to 3 digits then groups of ",ddd"; steps over them. */
static bool
read_grouped(const char **p, char *out, size_t *n)
{
	const char *q = *p;
	int			first = 0;

	while (first < 3 && *q >= '0' && *q <= '9')
		out[(*n)++] = *q++, first++;
	if (first == 0 || *q != ',')
		return false;
	while (*q == ',')
	{
		if (!(q[1] >= '0' && q[1] <= '9' && q[2] >= '0' && q[2] <= '9' && q[3] >= '0' && q[3] <= '9'))
			return false;
		out[(*n)++] = q[1], out[(*n)++] = q[2], out[(*n)++] = q[3];
		q += 4;
	}
	*p = q;
	return true;
}

/*
 * The ASCII decimal a figure writes, without its separators, into out;
 * false if the text is not a decimal number.
 */
static bool
figure_digits(const char *t, char *out, bool *nonzero)
{
	const char *p = t;
	size_t		n = 0,
				mark;
	int			int_digits = 0,
				frac_digits = 0;

	*nonzero = false;
	if (*p == '+' || *p == '-')
		out[n++] = *p++;
	mark = n;
	if (!read_grouped(&p, out, &n))
	{
		n = mark;
		while (*p >= '0' && *p <= '9')
			out[n++] = *p++;
	}
	int_digits = (int) (n - mark);
	if (*p == '.')
	{
		out[n++] = *p++;
		while (*p >= '0' && *p <= '9')
			out[n++] = *p++, frac_digits++;
	}
	if (int_digits + frac_digits == 0)
		return false;
	for (size_t k = mark; k < n; k++)
		if (out[k] >= '1' && out[k] <= '9')
			*nonzero = true;
	if (*p == 'e' || *p == 'E')
	{
		out[n++] = *p++;
		if (*p == '+' || *p == '-')
			out[n++] = *p++;
		if (!(*p >= '0' && *p <= '9'))
			return false;
		while (*p >= '0' && *p <= '9')
			out[n++] = *p++;
	}
	out[n] = '\0';
	return *p == '\0';
}

InputStatus
input_figure(const char *s, double *value, char *detail, size_t len)
{
	char		t[INPUT_MAX];
	char		ascii[INPUT_MAX];
	bool		nonzero;
	double		v;

	if (!input_normalise(s, t))
		return input_fail(INPUT_SYNTAX, detail, len, "The text is longer than %d bytes. %s", INPUT_MAX - 1, FIGURE_FORMS);
	if (t[0] == '\0')
		return input_fail(INPUT_EMPTY, detail, len, "The figure is empty. %s", FIGURE_FORMS);
	if (!figure_digits(t, ascii, &nonzero))
		return input_fail(INPUT_SYNTAX, detail, len, "%s", FIGURE_FORMS);
	errno = 0;
	v = strtod(ascii, NULL);
	if (isinf(v) || (errno == ERANGE && fabs(v) > 1.0))
		return input_fail(INPUT_RANGE, detail, len, "The figure is beyond the range of double precision (about 1.8e308).");
	if (nonzero && (v == 0.0 || (errno == ERANGE && fabs(v) < 1.0)))
		return input_fail(INPUT_RANGE, detail, len, "The figure is too close to zero for double precision (below about 2.2e-308).");
	*value = v;
	return INPUT_OK;
}

/*
 * Bytes of the trimmed character at u (n bytes left), or 0 if not one;
 * only ASCII ones unless utf8.
 */
static size_t
staging_space(const unsigned char *u, size_t n, bool utf8)
{
	if (n >= 1 && (u[0] == ' ' || (u[0] >= '\t' && u[0] <= '\r')))
		return 1;
	if (!utf8)
		return 0;
	if (n >= 2 && u[0] == 0xC2 && u[1] == 0xA0)
		return 2;				/* U+00A0 */
	if (n < 3)
		return 0;
	if (u[0] == 0xE3 && u[1] == 0x80 && u[2] == 0x80)
		return 3;				/* U+3000 */
	if (u[0] == 0xEF && u[1] == 0xBB && u[2] == 0xBF)
		return 3;				/* U+FEFF */
	if (u[0] == 0xE2 && u[1] == 0x80 &&
		((u[2] >= 0x80 && u[2] <= 0x8D) || u[2] == 0xAF))
		return 3;				/* U+2000..U+200A, U+200B..U+200D, U+202F */
	if (u[0] == 0xE2 && u[1] == 0x81 && u[2] == 0xA0)
		return 3;				/* U+2060 */
	return 0;
}

/* Whether the len bytes before u end with a trimmed character; its size. */
static size_t
staging_space_before(const unsigned char *u, size_t len, bool utf8)
{
	for (size_t k = 1; k <= 3 && k <= len; k++)
		if (staging_space(u - k, k, utf8) == k)
			return k;
	return 0;
}

size_t
input_staging_trim(const char *s, size_t len, bool utf8, size_t *start)
{
	const unsigned char *u = (const unsigned char *) s;
	size_t		a = 0,
				b = len,
				k;

	while (a < b && (k = staging_space(u + a, b - a, utf8)) > 0)
		a += k;
	while (b > a && (k = staging_space_before(u + b, b - a, utf8)) > 0)
		b -= k;
	*start = a;
	return b - a;
}

/*
 * Whether the n bytes at t are digits, an optional point and more digits,
 * and an optional exponent, with an optional sign: the only form the
 * strict reading of a figure accepts.
 */
static bool
plain_decimal(const char *t, size_t n)
{
	const char *p = t,
			   *end = t + n;
	int			digits = 0;

	if (p < end && (*p == '+' || *p == '-'))
		p++;
	while (p < end && *p >= '0' && *p <= '9')
		p++, digits++;
	if (p < end && *p == '.')
	{
		p++;
		while (p < end && *p >= '0' && *p <= '9')
			p++, digits++;
	}
	if (digits == 0)
		return false;
	if (p < end && (*p == 'e' || *p == 'E'))
	{
		p++;
		if (p < end && (*p == '+' || *p == '-'))
			p++;
		if (!(p < end && *p >= '0' && *p <= '9'))
			return false;
		while (p < end && *p >= '0' && *p <= '9')
			p++;
	}
	return p == end;
}

bool
input_staged_figure(const char *s, size_t len, bool fallback, double *value)
{
	char		t[INPUT_MAX];
	char		detail[INPUT_DETAIL_LEN];
	size_t		start,
				n = input_staging_trim(s, len, true, &start);

	if (plain_decimal(s + start, n))
	{
		char	   *end;
		double		v;

		/* s is NUL-terminated: strtod stops at the end of the number */
		errno = 0;
		v = strtod(s + start, &end);
		/* as float8in: a subnormal reads, overflow and a zero underflow not */
		if (end == s + start + n && !isinf(v) && !(errno == ERANGE && v == 0.0))
		{
			*value = v;
			return true;
		}
	}
	/* what input_figure reads is shorter than INPUT_MAX */
	if (!fallback || n >= INPUT_MAX)
		return false;
	memcpy(t, s + start, n);
	t[n] = '\0';
	return input_figure(t, value, detail, sizeof(detail)) == INPUT_OK;
}

/* Read exactly 4 digits, '-', 1 or 2 digits at *p into y and m. */
static bool
read_year_month(const char **p, int *y, int *m)
{
	int			digits;

	if (!read_digits(p, 4, y, &digits) || digits != 4 || **p != '-')
		return false;
	(*p)++;
	return read_digits(p, 2, m, NULL);
}

bool
input_staged_month(const char *s, size_t len, bool fallback,
				   int *year, int *month, int *day)
{
	char		t[INPUT_MAX];
	char		dashed[INPUT_MAX];
	char		detail[INPUT_DETAIL_LEN];
	const char *p = dashed;
	size_t		start,
				n = input_staging_trim(s, len, true, &start);
	int			y,
				m,
				d = 1;
	bool		form;

	/* no month the loader reads is this long */
	if (n >= INPUT_MAX)
		return false;
	memcpy(t, s + start, n);
	t[n] = '\0';
	/* 2024/03 reads as 2024-03, 2024/03-15 as 2024-03-15 */
	for (size_t k = 0; k <= n; k++)
		dashed[k] = (t[k] == '/') ? '-' : t[k];
	form = read_year_month(&p, &y, &m);
	if (form && *p == '-')
	{
		p++;
		form = read_digits(&p, 2, &d, NULL);
	}
	if (form && *p == '\0' && y >= 1 && m >= 1 && m <= 12 && d >= 1 && d <= days_in_month(y, m))
	{
		*year = y, *month = m, *day = d;
		return true;
	}
	if (fallback && input_month(t, &y, &m, detail, sizeof(detail)) == INPUT_OK)
	{
		*year = y, *month = m, *day = 1;
		return true;
	}
	return false;
}
