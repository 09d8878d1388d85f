/*
 * scan_test.c
 *		Unit tests of the shared scanner: UTF-8-safe truncation of details.
 */
#include "tap.h"
#include "scan.h"

int
main(void)
{
	char		a[] = "abc\xe4\xb8";
	char		b[] = "abc\xe4\xb8\xad";
	char		c[] = "\xe4";
	char		d[] = "ab\xf0\x9f\x98";
	char		e[] = "ab\xf0\x9f\x98\x80";
	char		buf[48];
	Scanner		sc = {"\xe5\xa2\x9e\xe9\x95\xbf\xe7\x8e\x87\xe5\xa2\x9e\xe9\x95\xbf\xe7\x8e\x87"
		"\xe5\xa2\x9e\xe9\x95\xbf\xe7\x8e\x87\xe5\xa2\x9e\xe9\x95\xbf\xe7\x8e\x87"
	"\xe5\xa2\x9e\xe9\x95\xbf", NULL, 0};

	scan_trim_utf8(a);
	ok_str(a, "abc", "a cut 3-byte character is dropped");
	scan_trim_utf8(b);
	ok(strlen(b) == 6, "a whole 3-byte character stays");
	scan_trim_utf8(c);
	ok(strlen(c) == 0, "a lone lead byte is dropped");
	scan_trim_utf8(d);
	ok_str(d, "ab", "a cut 4-byte character is dropped");
	scan_trim_utf8(e);
	ok(strlen(e) == 6, "a whole 4-byte character stays");
	scan_excerpt(&sc, buf, sizeof(buf));
	ok(strlen(buf) == 39, "an excerpt of Chinese text stops at 13 whole characters (39 bytes)");
	return tap_done();
}
