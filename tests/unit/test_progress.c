/* util/progress.c: the line of a progress bar, with and without a total. */
#include "util/progress.h"

#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <string.h>

#include <cmocka.h>

static void lines(void **state)
{
	(void)state;
	char out[256];
	progress_format(out, sizeof out, "experts", 40000, 100000, 10, 80);
	assert_non_null(strstr(out, "40000/100000"));
	assert_non_null(strstr(out, "15 s left")); /* 10 s for 40 %: 15 more */
	assert_non_null(strstr(out, "[################"));
	assert_true(strlen(out) <= 80);
	progress_format(out, sizeof out, "experts", 100000, 100000, 75, 80);
	assert_non_null(strstr(out, "1 min 15 s")); /* done: the time it took */
	assert_null(strstr(out, "left"));
	assert_null(strstr(out, ".")); /* a full bar */
	progress_format(out, sizeof out, "search index", -1, 0, 3725, 80);
	assert_string_equal(out, "  search index  1 h 02 min");
	progress_format(out, sizeof out, "rows", 12, 0, 2, 80);
	assert_string_equal(out, "  rows 12  2 s");
}

int main(void)
{
	const struct CMUnitTest tests[] = {cmocka_unit_test(lines)};
	return cmocka_run_group_tests(tests, NULL, NULL);
}
