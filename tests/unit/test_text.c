/* Tests src/domain/text.c: folding text for comparisons. */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <cmocka.h>

#include "domain/text.h"

static void full_width_and_case_fold_alike(void **state)
{
	(void)state;
	struct arena *a = arena_new();
	assert_string_equal(text_fold(a, "ＵＴＭ製品Ｂ社"), text_fold(a, "utm製品b社"));
	assert_string_equal(text_fold(a, "ＵＴＭ製品Ｂ社"), "utm製品b社");
	/* Surrounding spaces go; half-width katakana become full-width. */
	assert_string_equal(text_fold(a, "  ﾄﾚﾝﾄﾞ "), "トレンド");
	assert_string_equal(text_fold(a, ""), "");
	/* Invalid UTF-8 comes back unchanged rather than half-converted. */
	assert_string_equal(text_fold(a, "\xff\xfe"), "\xff\xfe");
	arena_free(a);
}

int main(void)
{
	const struct CMUnitTest tests[] = {
	    cmocka_unit_test(full_width_and_case_fold_alike),
	};
	return cmocka_run_group_tests_name("text", tests, NULL, NULL);
}
