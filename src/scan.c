/*
 * scan.c
 *		A cursor over text being parsed: detail sentences, white space and
 *		keywords.  Pure C: no PostgreSQL headers.
 */
#include "scan.h"

#include <stdarg.h>
#include <stdio.h>
#include <string.h>
#include <strings.h>

void
scan_detail(Scanner *sc, const char *fmt,...)
{
	va_list		ap;

	va_start(ap, fmt);
	vsnprintf(sc->detail, sc->len, fmt, ap);
	va_end(ap);
}

void
scan_skip_ws(Scanner *sc)
{
	while (*sc->p == ' ' || *sc->p == '\t' || *sc->p == '\n' || *sc->p == '\r')
		sc->p++;
}

bool
scan_word(Scanner *sc, const char *word)
{
	size_t		n = strlen(word);
	char		next;

	if (strncasecmp(sc->p, word, n) != 0)
		return false;
	next = sc->p[n];
	if ((next >= 'a' && next <= 'z') || (next >= 'A' && next <= 'Z') || next == '_')
		return false;
	sc->p += n;
	return true;
}
