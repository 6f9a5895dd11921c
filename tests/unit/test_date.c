/* Tests src/domain/date.c: Japan calendar dates, the Japan year, UTC text. */
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

static void japan_year_start(void **state)
{
	(void)state;
	/* 2026-01-01 00:00 in Japan is 2025-12-31T15:00:00Z (1767193200). */
	assert_int_equal(date_jst_year_start(1795953600), 1767193200); /* 2026-11-29 noon UTC */
	assert_int_equal(date_jst_year_start(1767193200), 1767193200); /* the first second */
	/* One second before is still 2025 in Japan. */
	assert_int_equal(date_jst_year_start(1767193199), 1735657200);
}

static void utc_text(void **state)
{
	(void)state;
	char out[21];
	date_format_utc(1767193200, out);
	assert_string_equal(out, "2025-12-31T15:00:00Z");
}

/* Times as an event's form and the API give them: Japan time without a zone, Z, offsets. */
static void times(void **state)
{
	(void)state;
	int64_t t;
	char out[26];
	assert_true(date_parse_time("2026-12-10T19:00", &t)); /* Japan time */
	assert_int_equal(t, 1796896800);
	date_format_jst(t, out);
	assert_string_equal(out, "2026-12-10T19:00:00+09:00");
	assert_true(date_parse_time("2026-12-10T10:00:00Z", &t));
	assert_int_equal(t, 1796896800);
	assert_true(date_parse_time("2026-12-10T05:00:00-05:00", &t));
	assert_int_equal(t, 1796896800);
	assert_true(date_parse_time("2026-12-10 19:00:30+09:00", &t));
	assert_int_equal(t, 1796896830);
	static const char *const bad[] = {"",
	                                  "2026-12-10",
	                                  "2026-12-10T24:00",
	                                  "2026-02-30T10:00",
	                                  "2026-12-10T10:60",
	                                  "2026-12-10T10:00+9",
	                                  "2026-12-10T10:00:00Zx",
	                                  "2026-12-10T1:00",
	                                  "10:00 2026-12-10",
	                                  "2026-12-10T10:00+15:00",
	                                  "2026-12-10T10:00:5"};
	for (size_t k = 0; k < sizeof bad / sizeof *bad; k++)
		assert_false(date_parse_time(bad[k], &t));
}

int main(void)
{
	const struct CMUnitTest tests[] = {
	    cmocka_unit_test(valid_dates),       cmocka_unit_test(adding),
	    cmocka_unit_test(japan_date_of_utc), cmocka_unit_test(japan_year_start),
	    cmocka_unit_test(utc_text),          cmocka_unit_test(times),
	};
	return cmocka_run_group_tests_name("date", tests, NULL, NULL);
}
