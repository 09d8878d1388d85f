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
	scan_trim_utf8(sc->detail);
}

/*
 * Truncated text must stay valid UTF-8: error details travel to clients
 * whose encoding (GBK, say) needs a conversion that fails on broken bytes.
 */
void
scan_trim_utf8(char *s)
{
	size_t		n = strlen(s);
	size_t		start = n;
	size_t		need;
	unsigned char lead;

	/* find the start of the last character (at most 4 bytes back) */
	while (start > 0 && n - start < 4 && ((unsigned char) s[start - 1] & 0xC0) == 0x80)
		start--;
	if (start == 0)
		return;
	lead = (unsigned char) s[start - 1];
	if (lead < 0x80)
		return;
	need = lead >= 0xF0 ? 4 : lead >= 0xE0 ? 3 : lead >= 0xC0 ? 2 : 1;
	if (n - (start - 1) < need)
		s[start - 1] = '\0';
}

const char *
scan_excerpt(const Scanner *sc, char *buf, size_t len)
{
	snprintf(buf, len < 41 ? len : 41, "%s", sc->p);
	scan_trim_utf8(buf);
	return buf;
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
