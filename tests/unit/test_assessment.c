/* Tests src/domain/assessment.c against figures worked out by hand: points per
 * answer, scores per function and in total with rounding, not applicable left
 * out, the priority of an action, and percentile and 偏差値 among peers. */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <cmocka.h>
#include <stdio.h>

#include "domain/assessment.h"
#include "domain/prefecture.h"
#include "domain/rng.h"

static void points_and_codes(void **state)
{
	(void)state;
	assert_int_equal(assessment_points("not_done"), 0);
	assert_int_equal(assessment_points("dont_know"), 0);
	assert_int_equal(assessment_points("partly"), 2);
	assert_int_equal(assessment_points("done"), 3);
	assert_int_equal(assessment_points("reviewed"), 4);
	assert_int_equal(assessment_points("not_applicable"), -1);
	assert_int_equal(assessment_points("yes"), -2);
	assert_int_equal(assessment_points(NULL), -2);
	assert_int_equal(assessment_function_index("RC"), FN_RC);
	assert_int_equal(assessment_function_index("XX"), -1);
	assert_int_equal(assessment_effort_cost("low"), 1);
	assert_int_equal(assessment_effort_cost("medium"), 2);
	assert_int_equal(assessment_effort_cost("high"), 3);
}

static void scores_by_hand(void **state)
{
	(void)state;
	/* GV: 3×3 + 2×2 = 13 of 4×5 = 20 → 65 (the weight-1 item does not apply).
	 * ID: 2×0 + 1×4 = 4 of 12 → 33.3 → 33. Total: 17 of 32 → 53.125 → 53. */
	const struct scored_item items[] = {
	    {FN_GV, 3, 3}, {FN_GV, 2, 2}, {FN_GV, 1, -1}, {FN_ID, 2, 0}, {FN_ID, 1, 4},
	};
	struct assessment_score s;
	assessment_score(items, 5, &s);
	assert_int_equal(s.fn[FN_GV], 65);
	assert_int_equal(s.fn[FN_ID], 33);
	assert_int_equal(s.fn[FN_PR], -1);
	assert_int_equal(s.fn[FN_RC], -1);
	assert_int_equal(s.total, 53);
}

static void rounding_half_up_and_nothing_applies(void **state)
{
	(void)state;
	/* 2×2 = 4 of 4×8 = 32 → 12.5 → 13. */
	const struct scored_item items[] = {{FN_PR, 2, 2}, {FN_PR, 3, 0}, {FN_PR, 3, 0}};
	struct assessment_score s;
	assessment_score(items, 3, &s);
	assert_int_equal(s.fn[FN_PR], 13);
	assert_int_equal(s.total, 13);
	const struct scored_item none[] = {{FN_DE, 2, -1}};
	assessment_score(none, 1, &s);
	assert_int_equal(s.total, -1);
	assert_int_equal(s.fn[FN_DE], -1);
	const struct scored_item full[] = {{FN_RS, 3, 4}, {FN_RS, 1, 4}};
	assessment_score(full, 2, &s);
	assert_int_equal(s.total, 100);
}

static void priorities(void **state)
{
	(void)state;
	assert_true(assessment_priority(3, 0, 1) == 12.0);
	assert_true(assessment_priority(2, 2, 2) == 2.0);
	assert_true(assessment_priority(3, 4, 1) == 0.0);
	assert_true(assessment_priority(3, -1, 1) == 0.0);
	assert_true(assessment_priority(1, 3, 3) > 0.33 && assessment_priority(1, 3, 3) < 0.34);
}

static void peers(void **state)
{
	(void)state;
	/* 40, 50, 50, 60: mean 50, variance (100 + 0 + 0 + 100) / 4 = 50, sd 7.0711.
	 * 60: 3 below, 1 equal → (3 + 0.5) / 4 = 87.5 %; 偏差値 10 / 7.0711 × 10 + 50 = 64.14. */
	int64_t hist[101] = {0};
	hist[40] = 1;
	hist[50] = 2;
	hist[60] = 1;
	struct peer_stats p;
	assessment_peer_stats(hist, 60, &p);
	assert_int_equal(p.n, 4);
	assert_true(p.mean > 49.999 && p.mean < 50.001);
	assert_true(p.sd > 7.0710 && p.sd < 7.0712);
	assert_true(p.percentile > 87.499 && p.percentile < 87.501);
	assert_true(p.deviation > 64.14 && p.deviation < 64.15);
	assessment_peer_stats(hist, 50, &p);
	assert_true(p.percentile > 49.999 && p.percentile < 50.001);
	assert_true(p.deviation > 49.999 && p.deviation < 50.001);
	int64_t same[101] = {0};
	same[70] = 12;
	assessment_peer_stats(same, 70, &p);
	assert_true(p.deviation == 50.0);
	int64_t empty[101] = {0};
	assessment_peer_stats(empty, 70, &p);
	assert_int_equal(p.n, 0);
	assert_true(p.percentile == 0.0);
}

/* The peer groups, narrowest first; the block only when the prefecture is known. */
static void groups(void **state)
{
	(void)state;
	char g[ASSESSMENT_GROUPS][ASSESSMENT_GROUP_TEXT];
	assert_int_equal(assessment_groups("E", "6-20", "27", g), 4); /* no table yet */
	assert_string_equal(g[0], "s:E:6-20");
	assert_string_equal(g[3], "all");
	static struct prefecture t[PREF_COUNT];
	for (int i = 0; i < PREF_COUNT; i++) {
		snprintf(t[i].code, sizeof t[i].code, "%02d", i + 1);
		snprintf(t[i].block, sizeof t[i].block, "%s",
		         i + 1 >= 25 && i + 1 <= 30 ? "kinki" : "x");
	}
	prefectures_set(t);
	assert_int_equal(assessment_groups("E", "6-20", "27", g), 5);
	const char *want[] = {"s:E:6-20", "i:E", "b:kinki", "p:27", "all"};
	for (int i = 0; i < 5; i++)
		assert_string_equal(g[i], want[i]);
}

/* Seeded data is the same on every machine, and weighted picks follow their weights. */
static void rng(void **state)
{
	(void)state;
	struct rng a = {42}, b = {42};
	for (int i = 0; i < 100; i++)
		assert_true(rng_next(&a) == rng_next(&b));
	struct rng k = {0};
	assert_true(rng_next(&k) == 0xE220A8397B1DCDAFULL); /* splitmix64's first value from 0 */
	const int weight[3] = {1, 0, 3};
	int seen[3] = {0};
	for (int i = 0; i < 40000; i++)
		seen[rng_weighted(&a, weight, 3)]++;
	assert_int_equal(seen[1], 0);
	assert_true(seen[0] > 9000 && seen[0] < 11000); /* 10000 expected */
	assert_true(seen[2] > 29000 && seen[2] < 31000);
	for (int i = 0; i < 1000; i++) {
		int x = rng_pick(&a, 7);
		assert_true(x >= 0 && x < 7);
	}
}

int main(void)
{
	const struct CMUnitTest tests[] = {
	    cmocka_unit_test(points_and_codes),
	    cmocka_unit_test(scores_by_hand),
	    cmocka_unit_test(rounding_half_up_and_nothing_applies),
	    cmocka_unit_test(priorities),
	    cmocka_unit_test(peers),
	    cmocka_unit_test(groups),
	    cmocka_unit_test(rng),
	};
	return cmocka_run_group_tests_name("assessment", tests, NULL, NULL);
}
