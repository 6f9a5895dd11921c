/* Tests src/view/html.c: escaping by context. */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <cmocka.h>

#include "view/html.h"

static struct arena *a;

static int setup(void **state)
{
	(void)state;
	a = arena_new();
	return 0;
}

static int teardown(void **state)
{
	(void)state;
	arena_free(a);
	return 0;
}

static void text_escapes_markup(void **state)
{
	(void)state;
	struct buf b;
	buf_init(&b, a);
	html_text(&b, "<script>alert('x')</script> & \"q\"");
	assert_string_equal(b.p,
	                    "&lt;script&gt;alert(&#39;x&#39;)&lt;/script&gt; &amp; &quot;q&quot;");
}

static void text_keeps_japanese(void **state)
{
	(void)state;
	struct buf b;
	buf_init(&b, a);
	html_text(&b, "駆け込み寺 ＵＳＢ");
	assert_string_equal(b.p, "駆け込み寺 ＵＳＢ");
}

static void attr_pair_cannot_break_out(void **state)
{
	(void)state;
	struct buf b;
	buf_init(&b, a);
	html_attr_pair(&b, "value", "\" onmouseover=\"x");
	assert_string_equal(b.p, " value=\"&quot; onmouseover=&quot;x\"");
}

static void url_arg_percent_encodes(void **state)
{
	(void)state;
	struct buf b;
	buf_init(&b, a);
	html_url_arg(&b, "/a b?c=d&e#f\"寺");
	assert_string_equal(b.p, "%2Fa%20b%3Fc%3Dd%26e%23f%22%E5%AF%BA");
}

static void option_and_hidden_escape(void **state)
{
	(void)state;
	struct buf b;
	buf_init(&b, a);
	html_option(&b, "<v>", "<l>", true);
	html_hidden(&b, "n", "'");
	assert_string_equal(b.p, "<option value=\"&lt;v&gt;\" selected>&lt;l&gt;</option>"
	                         "<input type=\"hidden\" name=\"n\" value=\"&#39;\">");
}

static void link_escapes_href_and_text(void **state)
{
	(void)state;
	struct buf b;
	buf_init(&b, a);
	html_link(&b, "/x?a=1&b=\"2\"", "<b>", NULL);
	assert_string_equal(b.p, "<a href=\"/x?a=1&amp;b=&quot;2&quot;\">&lt;b&gt;</a>");
}

static void buf_grows_past_first_block(void **state)
{
	(void)state;
	struct buf b;
	buf_init(&b, a);
	for (int i = 0; i < 10000; i++)
		html_text(&b, "<>");
	assert_int_equal(b.len, 10000 * 8);
	assert_memory_equal(b.p + b.len - 8, "&lt;&gt;", 8);
}

int main(void)
{
	const struct CMUnitTest tests[] = {
	    cmocka_unit_test_setup_teardown(text_escapes_markup, setup, teardown),
	    cmocka_unit_test_setup_teardown(text_keeps_japanese, setup, teardown),
	    cmocka_unit_test_setup_teardown(attr_pair_cannot_break_out, setup, teardown),
	    cmocka_unit_test_setup_teardown(url_arg_percent_encodes, setup, teardown),
	    cmocka_unit_test_setup_teardown(option_and_hidden_escape, setup, teardown),
	    cmocka_unit_test_setup_teardown(link_escapes_href_and_text, setup, teardown),
	    cmocka_unit_test_setup_teardown(buf_grows_past_first_block, setup, teardown),
	};
	return cmocka_run_group_tests_name("html", tests, NULL, NULL);
}
