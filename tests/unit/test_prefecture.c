/* Tests src/domain/prefecture.c: the table and the distance of experts' prefectures. */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <cmocka.h>
#include <stdio.h>
#include <string.h>

#include "domain/match.h"
#include "domain/prefecture.h"

/* A table with the real facts the tests use: 31 Tottori borders 28 Hyogo (Kinki), 32 Shimane,
 * 33 Okayama and 34 Hiroshima; 31 to 35 are the Chugoku block. */
static void install(void)
{
	static struct prefecture t[PREF_COUNT];
	for (int i = 0; i < PREF_COUNT; i++) {
		snprintf(t[i].code, sizeof t[i].code, "%02d", i + 1);
		snprintf(t[i].block, sizeof t[i].block, "%s",
		         i + 1 >= 31 && i + 1 <= 35   ? "chugoku"
		         : i + 1 >= 25 && i + 1 <= 30 ? "kinki"
		                                      : "other");
	}
	static const char *const tottori[] = {"28", "32", "33", "34"};
	for (int k = 0; k < 4; k++)
		snprintf(t[30].neighbours[k], 3, "%s", tottori[k]);
	t[30].nneighbours = 4;
	prefectures_set(t);
}

static int distance(const char *target, const char *const *prefs, int n)
{
	return prefecture_distance(prefecture_by_code(target), prefs, n);
}

static void by_code(void **state)
{
	(void)state;
	assert_string_equal(prefecture_by_code("31")->code, "31");
	assert_string_equal(prefecture_by_code("01")->code, "01");
	assert_string_equal(prefecture_by_code("47")->code, "47");
	assert_null(prefecture_by_code("48"));
	assert_null(prefecture_by_code("00"));
	assert_null(prefecture_by_code("3"));
	assert_null(prefecture_by_code("311"));
	assert_null(prefecture_by_code(NULL));
	assert_int_equal(prefecture_index("01"), 0);
	assert_int_equal(prefecture_index("47"), 46);
	assert_int_equal(prefecture_index("48"), -1);
	assert_int_equal(prefecture_index(NULL), -1);
}

static void nearest_of_the_served_prefectures(void **state)
{
	(void)state;
	const char *same[] = {"13", "31"}, *neighbour[] = {"33"}, *across_blocks[] = {"28"},
	           *block[] = {"35"}, *far[] = {"13", "01"}, *unknown[] = {"99", "xx"};
	assert_int_equal(distance("31", same, 2), DIST_SAME);
	assert_int_equal(distance("31", neighbour, 1), DIST_NEIGHBOUR);
	/* Hyogo is a neighbour of Tottori though in another block. */
	assert_int_equal(distance("31", across_blocks, 1), DIST_NEIGHBOUR);
	assert_int_equal(distance("31", block, 1), DIST_BLOCK);
	assert_int_equal(distance("31", far, 2), DIST_FAR);
	assert_int_equal(distance("31", unknown, 2), DIST_FAR);
	assert_int_equal(distance("31", NULL, 0), DIST_FAR);
	/* The nearest wins whatever the order. */
	const char *mixed[] = {"35", "13", "32"};
	assert_int_equal(distance("31", mixed, 3), DIST_NEIGHBOUR);
}

int main(void)
{
	install();
	const struct CMUnitTest tests[] = {
	    cmocka_unit_test(by_code),
	    cmocka_unit_test(nearest_of_the_served_prefectures),
	};
	return cmocka_run_group_tests_name("prefecture", tests, NULL, NULL);
}
