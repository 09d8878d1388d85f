/*
 * scan.h
 *		A cursor over text being parsed, shared by the text forms of the
 *		types (target, ytd).  Pure C: no PostgreSQL headers.
 */
#ifndef SCAN_H
#define SCAN_H

#include <stdbool.h>
#include <stddef.h>

typedef struct Scanner
{
	const char *p;				/* next character to read */
	char	   *detail;			/* where a failure's detail sentence goes */
	size_t		len;			/* size of detail */
} Scanner;

/* Write a failure's detail sentence. */
extern void scan_detail(Scanner *sc, const char *fmt,...)
			__attribute__((format(printf, 2, 3)));

/* Drop an incomplete UTF-8 sequence from the end of s (after truncation). */
extern void scan_trim_utf8(char *s);

/* Up to 40 bytes of the unread text, cut at a character boundary. */
extern const char *scan_excerpt(const Scanner *sc, char *buf, size_t len);

/* Skip ASCII white space. */
extern void scan_skip_ws(Scanner *sc);

/* Consume a case-insensitive keyword that is not followed by a letter. */
extern bool scan_word(Scanner *sc, const char *word);

#endif
