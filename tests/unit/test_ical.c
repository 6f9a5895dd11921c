/* ical.c: escaping of TEXT values and folding at 75 octets without splitting UTF-8. */
#include "domain/ical.h"

#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <string.h>

#include <cmocka.h>

static void escaped(void **state)
{
	(void)state;
	struct arena *a = arena_new();
	struct buf b;
	buf_init(&b, a);
	ical_text(&b, "SUMMARY", "a,b;c\\d\r\ne");
	assert_string_equal(b.p, "SUMMARY:a\\,b\\;c\\\\d\\ne\r\n");
	buf_init(&b, a);
	ical_time(&b, "DTSTART", 1796896800);
	assert_string_equal(b.p, "DTSTART:20261210T100000Z\r\n");
	arena_free(a);
}

/* Every physical line at most 75 octets, continuation lines start with a space, and
 * unfolding (removing CRLF + space) gives the line back; no UTF-8 character is cut. */
static void folded(void **state)
{
	(void)state;
	struct arena *a = arena_new();
	struct buf b, text;
	buf_init(&b, a);
	buf_init(&text, a);
	for (int i = 0; i < 60; i++) /* 1-, 3- and 4-octet characters, out of step */
		buf_puts(&text, i % 7 == 0 ? "x" : i % 5 == 0 ? "😀" : "勉");
	ical_text(&b, "DESCRIPTION", text.p);
	struct buf back;
	buf_init(&back, a);
	const char *p = b.p;
	int lines = 0;
	while (*p) {
		const char *end = strstr(p, "\r\n");
		assert_non_null(end);
		assert_true(end - p <= 75);
		if (lines > 0) {
			assert_int_equal(*p, ' ');
			p++;
		}
		assert_true(((unsigned char)*p & 0xC0) != 0x80); /* starts on a character */
		buf_add(&back, p, (size_t)(end - p));
		p = end + 2;
		lines++;
	}
	assert_true(lines > 2);
	assert_string_equal(back.p, arena_printf(a, "DESCRIPTION:%s", text.p));
	arena_free(a);
}

int main(void)
{
	const struct CMUnitTest tests[] = {cmocka_unit_test(escaped), cmocka_unit_test(folded)};
	return cmocka_run_group_tests(tests, NULL, NULL);
}
