/* Tests src/domain/token.c: tokens, their hashes, CSRF tokens, passwords. */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <cmocka.h>
#include <string.h>

#include "domain/token.h"

static int init(void **state)
{
	(void)state;
	return token_init();
}

static void tokens_are_long_and_distinct(void **state)
{
	(void)state;
	char a[TOKEN_TEXT], b[TOKEN_TEXT];
	token_new(a);
	token_new(b);
	assert_int_equal(strlen(a), 43); /* 256 bits, base64url without padding */
	assert_string_not_equal(a, b);
	assert_int_equal(
	    strspn(a, "ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789-_"), 43);
}

static void hash_is_stable_and_rejects_junk(void **state)
{
	(void)state;
	char t[TOKEN_TEXT];
	unsigned char h1[TOKEN_HASH], h2[TOKEN_HASH];
	token_new(t);
	assert_true(token_hash(t, h1));
	assert_true(token_hash(t, h2));
	assert_memory_equal(h1, h2, TOKEN_HASH);
	assert_false(token_hash("short", h1));
	assert_false(token_hash("!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!", h1));
	assert_false(token_hash("", h1));
}

static void csrf_depends_on_secret_and_token(void **state)
{
	(void)state;
	unsigned char k1[32] = {1}, k2[32] = {2};
	char c1[TOKEN_TEXT], c2[TOKEN_TEXT], c3[TOKEN_TEXT], c4[TOKEN_TEXT];
	token_csrf(k1, "session-a", c1);
	token_csrf(k1, "session-a", c2);
	token_csrf(k2, "session-a", c3);
	token_csrf(k1, "session-b", c4);
	assert_string_equal(c1, c2);
	assert_string_not_equal(c1, c3);
	assert_string_not_equal(c1, c4);
}

static void equal_is_exact(void **state)
{
	(void)state;
	assert_true(token_equal("abc", "abc"));
	assert_false(token_equal("abc", "abd"));
	assert_false(token_equal("abc", "abcd"));
	assert_false(token_equal("", ""));
}

static void password_hash_verifies(void **state)
{
	(void)state;
	char h[PASSWORD_HASH_TEXT];
	assert_int_equal(password_hash("correct horse", h), 0);
	assert_true(strncmp(h, "$argon2id$", 10) == 0);
	assert_true(password_verify(h, "correct horse"));
	assert_false(password_verify(h, "correct horsE"));
}

static void certificate_numbers_as_people_type_them(void **state)
{
	(void)state;
	struct arena *a = arena_new();
	char out[CERT_NUMBER_TEXT];
	const char *forms[] = {
	    "KK-7Q2M-X9TA-0BZK-R4HD-M1PE",                            /* as printed */
	    "kk-7q2m-x9ta-0bzk-r4hd-m1pe",                            /* lower case */
	    "KK7Q2MX9TA0BZKR4HDM1PE",                                 /* no hyphens */
	    "7Q2M X9TA 0BZK R4HD M1PE",                               /* spaces, without KK */
	    "ＫＫ－７Ｑ２Ｍ－Ｘ９ＴＡ－０ＢＺＫ－Ｒ４ＨＤ－Ｍ１ＰＥ", /* full width */
	    " KK-7Q2M-X9TA-OBZK-R4HD-MIPE ", /* O for 0 and I for 1, around spaces */
	};
	for (size_t i = 0; i < sizeof forms / sizeof *forms; i++) {
		assert_true(token_cert_normalize(a, forms[i], out));
		assert_string_equal(out, "KK-7Q2M-X9TA-0BZK-R4HD-M1PE");
	}
	/* Too short, too long, a letter outside the alphabet (U), nothing. */
	assert_false(token_cert_normalize(a, "KK-7Q2M-X9TA", out));
	assert_false(token_cert_normalize(a, "KK-7Q2M-X9TA-0BZK-R4HD-M1PE-AAAA", out));
	assert_false(token_cert_normalize(a, "KK-7Q2M-X9TA-0BZK-R4HD-M1PU", out));
	assert_false(token_cert_normalize(a, "", out));
	assert_false(token_cert_normalize(a, NULL, out));
	/* A number made by token_cert_number is its own written form. */
	char made[CERT_NUMBER_TEXT];
	token_cert_number(made);
	assert_true(token_cert_normalize(a, made, out));
	assert_string_equal(out, made);
	arena_free(a);
}

/* Wrong passwords from one client for one account: free at first, then doubling, capped. */
static void login_delays_grow(void **state)
{
	(void)state;
	assert_int_equal(login_delay(0), 0);
	assert_int_equal(login_delay(3), 0);
	assert_int_equal(login_delay(4), 1);
	assert_int_equal(login_delay(5), 2);
	assert_int_equal(login_delay(6), 4);
	assert_int_equal(login_delay(13), 512);
	assert_int_equal(login_delay(14), 900); /* 1024 s, capped at 15 minutes */
	assert_int_equal(login_delay(1000), 900);
}

int main(void)
{
	const struct CMUnitTest tests[] = {
	    cmocka_unit_test(tokens_are_long_and_distinct),
	    cmocka_unit_test(hash_is_stable_and_rejects_junk),
	    cmocka_unit_test(csrf_depends_on_secret_and_token),
	    cmocka_unit_test(equal_is_exact),
	    cmocka_unit_test(password_hash_verifies),
	    cmocka_unit_test(certificate_numbers_as_people_type_them),
	    cmocka_unit_test(login_delays_grow),
	};
	return cmocka_run_group_tests_name("token", tests, init, NULL);
}
