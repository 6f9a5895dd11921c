/* conf.c: the configuration file's lines, comments, blanks and bad lines. */
#include "domain/conf.h"

#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdio.h>
#include <string.h>

#include <cmocka.h>

struct seen {
	char text[512];
	int n;
};

static int collect(void *ctx, int line, const char *key, const char *value)
{
	struct seen *s = ctx;
	size_t used = strlen(s->text);
	snprintf(s->text + used, sizeof s->text - used, "%d:%s=%s;", line, key, value);
	s->n++;
	return 0;
}

static void settings(void **state)
{
	(void)state;
	char text[] = "# kakekomi\n\nlisten = 127.0.0.1:9000\r\n  threads=4\nbase_url = "
	              "https://a.example/x?y=1\n\tsmtp_user =\n";
	struct seen s = {{0}, 0};
	assert_int_equal(conf_parse(text, collect, &s), 0);
	assert_string_equal(s.text, "3:listen=127.0.0.1:9000;4:threads=4;"
	                            "5:base_url=https://a.example/x?y=1;6:smtp_user=;");
}

static void bad_lines(void **state)
{
	(void)state;
	char no_eq[] = "listen = x\nthreads 4\n";
	char no_key[] = "\n\n = 4\n";
	struct seen s = {{0}, 0};
	assert_int_equal(conf_parse(no_eq, collect, &s), -2);
	assert_int_equal(conf_parse(no_key, collect, &s), -3);
	char empty[] = "";
	assert_int_equal(conf_parse(empty, collect, &s), 0);
}

static int refuse(void *ctx, int line, const char *key, const char *value)
{
	(void)ctx;
	(void)value;
	return strcmp(key, "bad") == 0 ? 100 + line : 0;
}

/* What the callback returns stops the parse and is returned. */
static void stopped(void **state)
{
	(void)state;
	char text[] = "a = 1\nbad = 2\nnever = 3\n";
	assert_int_equal(conf_parse(text, refuse, NULL), 102);
}

int main(void)
{
	const struct CMUnitTest tests[] = {cmocka_unit_test(settings), cmocka_unit_test(bad_lines),
	                                   cmocka_unit_test(stopped)};
	return cmocka_run_group_tests(tests, NULL, NULL);
}
