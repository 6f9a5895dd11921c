/* Tests src/http/input.c: declared fields read from a form or a JSON body alike. */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <cmocka.h>
#include <string.h>

#include "http/input.h"

static struct req r;

/* A form as the server's parser leaves it: the last field first. */
static void form(const char *const *pairs, int n)
{
	memset(&r, 0, sizeof r);
	r.a = arena_new();
	for (int i = 0; i < n; i++) {
		struct form_field *f = arena_alloc(r.a, sizeof *f);
		f->name = pairs[2 * i];
		buf_init(&f->value, r.a);
		buf_puts(&f->value, pairs[2 * i + 1]);
		f->next = r.form;
		r.form = f;
	}
}

static void body(const char *json)
{
	memset(&r, 0, sizeof r);
	r.a = arena_new();
	r.json = json_loads(json, 0, NULL);
	assert_non_null(r.json);
}

static void done(void)
{
	json_decref(r.json);
	arena_free(r.a);
}

static const struct field_spec spec[] = {
    {"name", FT_TEXT, true, 1, 10, NULL},
    {"stars", FT_INT, false, 1, 5, NULL},
};

static void form_and_json_read_alike(void **state)
{
	(void)state;
	struct field_val v[2];
	struct field_error err;
	const char *f[] = {"name", "  山田  ", "stars", "4"};
	form(f, 2);
	assert_int_equal(input_read(&r, spec, 2, v, &err), 0);
	assert_string_equal(v[0].s, "山田");
	assert_int_equal(v[1].n, 4);
	done();
	body("{\"name\":\"山田\",\"stars\":4}");
	assert_int_equal(input_read(&r, spec, 2, v, &err), 0);
	assert_string_equal(v[0].s, "山田");
	assert_int_equal(v[1].n, 4);
	done();
}

static void the_first_bad_field_is_named(void **state)
{
	(void)state;
	struct field_val v[2];
	struct field_error err;
	body("{\"stars\":9}");
	assert_int_equal(input_read(&r, spec, 2, v, &err), -1);
	assert_string_equal(err.field, "name");
	assert_string_equal(err.code, "required");
	done();
	body("{\"name\":\"x\",\"stars\":9}");
	assert_int_equal(input_read(&r, spec, 2, v, &err), -1);
	assert_string_equal(err.field, "stars");
	assert_string_equal(err.code, "range");
	done();
	/* A JSON value of the wrong type is refused, not converted. */
	body("{\"name\":[\"x\"]}");
	assert_int_equal(input_read(&r, spec, 2, v, &err), -1);
	assert_string_equal(err.field, "name");
	done();
}

static void raw_values(void **state)
{
	(void)state;
	body("{\"a\":\"s\",\"b\":3,\"c\":true,\"d\":null,\"e\":{}}");
	assert_int_equal(input_raw(&r, "a").kind, RAW_STRING);
	assert_int_equal(input_raw(&r, "b").kind, RAW_INT);
	assert_int_equal(input_raw(&r, "b").n, 3);
	assert_int_equal(input_raw(&r, "c").kind, RAW_BOOL);
	assert_int_equal(input_raw(&r, "d").kind, RAW_ABSENT);
	assert_int_equal(input_raw(&r, "e").kind, RAW_OTHER);
	assert_int_equal(input_raw(&r, "zz").kind, RAW_ABSENT);
	done();
	const char *f[] = {"a", "1"};
	form(f, 1);
	assert_string_equal(input_form_value(&r, "a"), "1");
	assert_string_equal(input_form_value(&r, "b"), "");
	done();
}

static void lists_keep_their_order(void **state)
{
	(void)state;
	struct raw_value out[3];
	const char *f[] = {"t", "web", "x", "y", "t", "", "t", "cloud"};
	form(f, 4);
	assert_int_equal(input_list(&r, "t", out, 3), 2); /* empty values are skipped */
	assert_memory_equal(out[0].s, "web", 3);
	assert_memory_equal(out[1].s, "cloud", 5);
	done();
	const char *g[] = {"t", "1", "t", "2", "t", "3", "t", "4"};
	form(g, 4);
	assert_int_equal(input_list(&r, "t", out, 3), -1); /* more than max */
	done();
	body("{\"t\":[\"web\",\"cloud\"]}");
	assert_int_equal(input_list(&r, "t", out, 3), 2);
	assert_memory_equal(out[1].s, "cloud", 5);
	done();
	body("{\"t\":[\"web\",3]}");
	assert_int_equal(input_list(&r, "t", out, 3), -1); /* not all strings */
	done();
	body("{\"u\":1}");
	assert_int_equal(input_list(&r, "t", out, 3), 0); /* absent: empty */
	done();
}

int main(void)
{
	const struct CMUnitTest tests[] = {
	    cmocka_unit_test(form_and_json_read_alike),
	    cmocka_unit_test(the_first_bad_field_is_named),
	    cmocka_unit_test(raw_values),
	    cmocka_unit_test(lists_keep_their_order),
	};
	return cmocka_run_group_tests_name("input", tests, NULL, NULL);
}
