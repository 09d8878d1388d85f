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

/* Skip ASCII white space. */
extern void scan_skip_ws(Scanner *sc);

/* Consume a case-insensitive keyword that is not followed by a letter. */
extern bool scan_word(Scanner *sc, const char *word);

#endif
