/*
 * float_text.h
 *		The shortest decimal text of a float8 that reads back exactly, shared
 *		by the text forms of every type.  Pure C: no PostgreSQL headers.
 */
#ifndef FLOAT_TEXT_H
#define FLOAT_TEXT_H

#include <stddef.h>

/* Longest text float_text writes, with its terminator. */
#define FLOAT_TEXT_LEN 32

/* Write a decimal text of v that strtod reads back to exactly v: the digits
 * float8out prints (Ryu), in plain notation from 1e-4 to below 1e16. */
extern void float_text(double v, char *buf, size_t len);

/* 10^0 .. 10^22: the powers of ten a double holds exactly. */
#define FLOAT_EXACT_P10_MAX 22
extern const double float_exact_p10[FLOAT_EXACT_P10_MAX + 1];

#endif
