/* Tests src/view/i18n.c and the catalogs: English is complete. */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <cmocka.h>
#include <string.h>

#include "view/html.h"
#include "view/i18n.h"

static int init(void **state)
{
	(void)state;
	return i18n_init();
}

static void catalogs_have_the_same_keys(void **state)
{
	(void)state;
	assert_true(i18n_count("ja") > 50);
	assert_int_equal(i18n_count("ja"), i18n_count("en"));
	for (int i = 0; i < i18n_count("ja"); i++)
		assert_string_equal(i18n_key_at("ja", i), i18n_key_at("en", i));
}

static void japanese_is_default(void **state)
{
	(void)state;
	assert_string_equal(i18n_get("ja", "nav.login"), "ログイン");
	assert_string_equal(i18n_get("en", "nav.login"), "Log in");
	assert_string_equal(i18n_get("fr", "nav.login"), "ログイン");
	assert_string_equal(i18n_get("en", "no.such.key"), "no.such.key");
	assert_string_equal(i18n_lang("en-US,en;q=0.9"), "en");
	assert_null(i18n_lang("fr"));
}

static void format_escapes_arguments(void **state)
{
	(void)state;
	struct arena *a = arena_new();
	struct buf b;
	buf_init(&b, a);
	const char *args[] = {"<b>", "5"};
	i18n_format(&b, "{0} is {1} & {0}", args, 2, html_textn);
	assert_string_equal(b.p, "&lt;b&gt; is 5 &amp; &lt;b&gt;");
	arena_free(a);
}

int main(void)
{
	const struct CMUnitTest tests[] = {
	    cmocka_unit_test(catalogs_have_the_same_keys),
	    cmocka_unit_test(japanese_is_default),
	    cmocka_unit_test(format_escapes_arguments),
	};
	return cmocka_run_group_tests_name("i18n", tests, init, NULL);
}
