/* Tests src/domain/date.c: Japan calendar dates. */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <cmocka.h>

#include "domain/date.h"

static void valid_dates(void **state)
{
	(void)state;
	assert_true(date_valid("2026-11-26"));
	assert_true(date_valid("2028-02-29"));
	assert_false(date_valid("2027-02-29"));
	assert_false(date_valid("2026-02-30"));
	assert_false(date_valid("2026-13-01"));
	assert_false(date_valid("2026-1-01"));
	assert_false(date_valid("2026-01-01x"));
	assert_false(date_valid("1999-12-31"));
	assert_false(date_valid(""));
	assert_false(date_valid(NULL));
}

static void adding(void **state)
{
	(void)state;
	char out[11];
	date_add_days("2026-12-31", 1, out);
	assert_string_equal(out, "2027-01-01");
	date_add_days("2026-03-01", -1, out);
	assert_string_equal(out, "2026-02-28");
	date_add_years("2026-11-26", 1, out);
	assert_string_equal(out, "2027-11-26");
	date_add_years("2028-02-29", 1, out);
	assert_string_equal(out, "2029-03-01");
	assert_int_equal(date_diff_days("2026-11-26", "2027-11-26"), 365);
}

static void japan_date_of_utc(void **state)
{
	(void)state;
	char out[11];
	date_jst(1795616400, out); /* 2026-11-25T14:20:00Z is 23:20 in Japan */
	assert_string_equal(out, "2026-11-25");
	date_jst(1795621200, out); /* 15:40Z is 00:40 the next day in Japan */
	assert_string_equal(out, "2026-11-26");
}

int main(void)
{
	const struct CMUnitTest tests[] = {
	    cmocka_unit_test(valid_dates),
	    cmocka_unit_test(adding),
	    cmocka_unit_test(japan_date_of_utc),
	};
	return cmocka_run_group_tests_name("date", tests, NULL, NULL);
}
