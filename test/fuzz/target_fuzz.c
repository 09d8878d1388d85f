/*
 * target_fuzz.c
 *		libFuzzer target for the target parser: any input either fails with
 *		a detail or parses to a valid target whose canonical text reads back
 *		equal, and target_parse_unit reads the same.  Build and run with
 *		`make fuzz`.
 */
#include <stdlib.h>
#include <string.h>

#include "target_core.h"

int			LLVMFuzzerTestOneInput(const unsigned char *data, size_t size);

/* One fuzz input: parse, and check the round trip of what parses. */
int
LLVMFuzzerTestOneInput(const unsigned char *data, size_t size)
{
	char	   *s = malloc(size + 1);
	char		detail[TARGET_DETAIL_LEN];
	char		detail2[TARGET_DETAIL_LEN];
	char		text[TARGET_TEXT_LEN];
	char		unit[TARGET_UNIT_LEN];
	Target		a,
				b,
				c;
	TargetStatus st;

	memcpy(s, data, size);
	s[size] = '\0';
	/* target_parse_unit reads exactly what target_parse reads */
	st = target_parse(s, &a, detail, sizeof(detail));
	if (target_parse_unit(s, &c, unit, sizeof(unit), detail2, sizeof(detail2)) != st ||
		(st == TARGET_OK && target_compare(&a, &c) != 0) ||
		(st != TARGET_OK && strcmp(detail, detail2) != 0))
		abort();
	if (st == TARGET_OK)
	{
		target_format(&a, text, sizeof(text));
		if (target_parse(text, &b, detail, sizeof(detail)) != TARGET_OK ||
			target_compare(&a, &b) != 0)
			abort();
	}
	else if (detail[0] == '\0')
		abort();
	free(s);
	return 0;
}
