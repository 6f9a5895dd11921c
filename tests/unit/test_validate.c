/* Tests src/http/validate.c: declared fields and their validators. */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <cmocka.h>
#include <string.h>

#include "http/validate.h"

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

static struct raw_value str(const char *s)
{
	struct raw_value v = {RAW_STRING, s, strlen(s), 0};
	return v;
}

static const char *code_of(const struct field_spec *spec, struct raw_value raw)
{
	struct field_val out;
	struct field_error err = {0};
	if (validate_field(spec, &raw, a, &out, &err) == 0)
		return "ok";
	assert_string_equal(err.field, spec->name);
	return err.code;
}

static const struct field_spec name = {"display_name", FT_TEXT, true, 1, 5, NULL};

static void text_is_counted_in_characters(void **state)
{
	(void)state;
	assert_string_equal(code_of(&name, str("山田花子様")), "ok"); /* 5 chars, 15 bytes */
	assert_string_equal(code_of(&name, str("山田花子様方")), "too_long");
	assert_string_equal(code_of(&name, str("abcde")), "ok");
}

static void text_is_trimmed_including_ideographic_space(void **state)
{
	(void)state;
	struct field_val out;
	struct field_error err;
	struct raw_value raw = str("\xe3\x80\x80 山田 \t");
	assert_int_equal(validate_field(&name, &raw, a, &out, &err), 0);
	assert_string_equal(out.s, "山田");
	assert_string_equal(code_of(&name, str("   ")), "required");
}

static void invalid_utf8_and_nul_are_refused(void **state)
{
	(void)state;
	assert_string_equal(code_of(&name, str("\xff\xfe")), "utf8");
	assert_string_equal(code_of(&name, str("a\xe3\x80")), "utf8");
	struct raw_value nul = {RAW_STRING, "a\0b", 3, 0};
	assert_string_equal(code_of(&name, nul), "control");
	assert_string_equal(code_of(&name, str("a\x1b[0m")), "control");
	assert_string_equal(code_of(&name, str("a\nb")), "control");
}

static void lines_keep_newlines_and_fold_crlf(void **state)
{
	(void)state;
	static const struct field_spec body = {"body", FT_LINES, true, 1, 100, NULL};
	struct field_val out;
	struct field_error err;
	struct raw_value raw = str("one\r\ntwo\n");
	assert_int_equal(validate_field(&body, &raw, a, &out, &err), 0);
	assert_string_equal(out.s, "one\ntwo");
}

static void absent_optional_and_required(void **state)
{
	(void)state;
	static const struct field_spec opt = {"bio", FT_TEXT, false, 0, 10, NULL};
	struct raw_value none = {RAW_ABSENT, NULL, 0, 0};
	assert_string_equal(code_of(&opt, none), "ok");
	assert_string_equal(code_of(&name, none), "required");
}

static void email_is_lowercased_and_checked(void **state)
{
	(void)state;
	static const struct field_spec email = {"email", FT_EMAIL, true, 3, 254, NULL};
	struct field_val out;
	struct field_error err;
	struct raw_value raw = str(" Hanako@Example.JP ");
	assert_int_equal(validate_field(&email, &raw, a, &out, &err), 0);
	assert_string_equal(out.s, "hanako@example.jp");
	assert_string_equal(code_of(&email, str("no-at.example")), "format");
	assert_string_equal(code_of(&email, str("a@b@c.jp")), "format");
	assert_string_equal(code_of(&email, str("a@nodot")), "format");
	assert_string_equal(code_of(&email, str("a b@c.jp")), "format");
}

static void password_length_in_characters_and_nfkc(void **state)
{
	(void)state;
	static const struct field_spec pw = {"password", FT_PASSWORD, true, 8, 256, NULL};
	assert_string_equal(code_of(&pw, str("1234567")), "too_short");
	assert_string_equal(code_of(&pw, str("すべてひらがな８")), "ok");
	struct field_val out;
	struct field_error err;
	struct raw_value raw = str("ｐａｓｓｗｏｒｄ");
	assert_int_equal(validate_field(&pw, &raw, a, &out, &err), 0);
	assert_string_equal(out.s, "password");
	char big[258];
	memset(big, 'x', 257);
	big[257] = '\0';
	assert_string_equal(code_of(&pw, str(big)), "too_long");
}

static void enum_and_prefecture(void **state)
{
	(void)state;
	static const char *const roles[] = {"sme", "expert", NULL};
	static const struct field_spec role = {"role", FT_ENUM, true, 0, 0, roles};
	static const struct field_spec pref = {"prefecture", FT_PREF, true, 0, 0, NULL};
	assert_string_equal(code_of(&role, str("expert")), "ok");
	assert_string_equal(code_of(&role, str("admin")), "choice");
	assert_string_equal(code_of(&pref, str("01")), "ok");
	assert_string_equal(code_of(&pref, str("47")), "ok");
	assert_string_equal(code_of(&pref, str("48")), "choice");
	assert_string_equal(code_of(&pref, str("00")), "choice");
	assert_string_equal(code_of(&pref, str("1")), "choice");
}

static void ints_and_bools(void **state)
{
	(void)state;
	static const struct field_spec hours = {"hours", FT_INT, true, 0, 80, NULL};
	static const struct field_spec flag = {"on_call", FT_BOOL, true, 0, 0, NULL};
	struct raw_value i = {RAW_INT, NULL, 0, 81};
	assert_string_equal(code_of(&hours, i), "range");
	assert_string_equal(code_of(&hours, str("12")), "ok");
	assert_string_equal(code_of(&hours, str("12x")), "type");
	struct raw_value b = {RAW_BOOL, NULL, 0, 1};
	assert_string_equal(code_of(&flag, b), "ok");
	assert_string_equal(code_of(&flag, str("maybe")), "type");
	assert_string_equal(code_of(&name, b), "type");
}

int main(void)
{
	const struct CMUnitTest tests[] = {
	    cmocka_unit_test_setup_teardown(text_is_counted_in_characters, setup, teardown),
	    cmocka_unit_test_setup_teardown(text_is_trimmed_including_ideographic_space, setup,
	                                    teardown),
	    cmocka_unit_test_setup_teardown(invalid_utf8_and_nul_are_refused, setup, teardown),
	    cmocka_unit_test_setup_teardown(lines_keep_newlines_and_fold_crlf, setup, teardown),
	    cmocka_unit_test_setup_teardown(absent_optional_and_required, setup, teardown),
	    cmocka_unit_test_setup_teardown(email_is_lowercased_and_checked, setup, teardown),
	    cmocka_unit_test_setup_teardown(password_length_in_characters_and_nfkc, setup,
	                                    teardown),
	    cmocka_unit_test_setup_teardown(enum_and_prefecture, setup, teardown),
	    cmocka_unit_test_setup_teardown(ints_and_bools, setup, teardown),
	};
	return cmocka_run_group_tests_name("validate", tests, NULL, NULL);
}
