/* Mail and webhooks: when mail may go without TLS, and the webhook signature. */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <cmocka.h>
#include <string.h>

#include "jobs/deliver.h"

static void cleartext_only_on_this_machine(void **state)
{
	(void)state;
	assert_true(smtp_cleartext_allowed("smtp://localhost"));
	assert_true(smtp_cleartext_allowed("smtp://localhost:25"));
	assert_true(smtp_cleartext_allowed("smtp://127.0.0.1:1025"));
	assert_true(smtp_cleartext_allowed("SMTP://[::1]:25/"));
	assert_true(smtp_cleartext_allowed("smtp://user@127.0.0.1:25"));
	assert_false(smtp_cleartext_allowed("smtp://mail.example.jp:587"));
	assert_false(smtp_cleartext_allowed("smtp://localhost.example.jp")); /* not this machine */
	assert_false(
	    smtp_cleartext_allowed("smtp://127.0.0.1.example.jp")); /* only named like it */
	assert_false(smtp_cleartext_allowed("smtps://localhost"));  /* TLS anyway */
	assert_false(smtp_cleartext_allowed(NULL));
}

static void signature_is_hmac_sha256(void **state)
{
	(void)state;
	char sig[65];
	/* RFC 4231 test case 2 */
	webhook_signature("Jefe", "what do ya want for nothing?", sig);
	assert_string_equal(sig,
	                    "5bdcc146bf60754e6a042426089575c75a003f089d2739839dec58b964ec3843");
}

int main(void)
{
	const struct CMUnitTest tests[] = {
	    cmocka_unit_test(cleartext_only_on_this_machine),
	    cmocka_unit_test(signature_is_hmac_sha256),
	};
	return cmocka_run_group_tests_name("deliver", tests, NULL, NULL);
}
