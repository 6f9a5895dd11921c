/* Tests src/domain/expert.c: who sees which field, and CPD points. */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <cmocka.h>

#include "domain/expert.h"

static void caller_levels(void **state)
{
	(void)state;
	assert_int_equal(vis_caller_level(false, false, false), VIS_PUBLIC);
	assert_int_equal(vis_caller_level(true, false, false), VIS_USERS);
	assert_int_equal(vis_caller_level(true, true, false), VIS_DESKS);
	assert_int_equal(vis_caller_level(true, false, true), VIS_PRIVATE);
	assert_int_equal(vis_caller_level(true, true, true), VIS_PRIVATE);
}

static void conflicts_stay_visible_to_companies_and_desks(void **state)
{
	(void)state;
	assert_true(vis_allowed(VF_CONFLICTS, VIS_PUBLIC));
	assert_true(vis_allowed(VF_CONFLICTS, VIS_USERS));
	assert_false(vis_allowed(VF_CONFLICTS, VIS_DESKS));
	assert_false(vis_allowed(VF_CONFLICTS, VIS_PRIVATE));
	assert_true(vis_allowed(VF_EMPLOYER, VIS_PRIVATE));
	assert_false(vis_allowed(VF_BIO, 4));
	assert_false(vis_allowed(VF_BIO, -1));
}

static void names_round_trip(void **state)
{
	(void)state;
	for (int f = 0; f < VF__MAX; f++)
		assert_int_equal(vis_field_from_name(vis_field_names[f]), f);
	for (int l = 0; l < 4; l++)
		assert_int_equal(vis_level_from_name(vis_level_names[l]), l);
	assert_int_equal(vis_field_from_name("display_name"), -1);
	assert_int_equal(vis_level_from_name("friends"), -1);
	assert_int_equal(vis_level_from_name(NULL), -1);
}

static void defaults_are_allowed(void **state)
{
	(void)state;
	int vis[VF__MAX];
	expert_default_visibility(vis);
	for (int f = 0; f < VF__MAX; f++)
		assert_true(vis_allowed((enum vis_field)f, vis[f]));
	assert_int_equal(vis[VF_EMPLOYER], VIS_DESKS);
}

static void cpd_rule(void **state)
{
	(void)state;
	assert_int_equal(cpd_points("training", 25), 2); /* 2.5 h -> 2 points */
	assert_int_equal(cpd_points("event", 9), 0);
	assert_int_equal(cpd_points("exercise", 80), 8);
	assert_int_equal(cpd_points("teaching", 15), 3); /* 1.5 h taught -> 3 points */
	assert_int_equal(cpd_points("nap", 10), -1);
	assert_int_equal(cpd_points("training", -1), -1);
}

int main(void)
{
	const struct CMUnitTest tests[] = {
	    cmocka_unit_test(caller_levels),
	    cmocka_unit_test(conflicts_stay_visible_to_companies_and_desks),
	    cmocka_unit_test(names_round_trip),
	    cmocka_unit_test(defaults_are_allowed),
	    cmocka_unit_test(cpd_rule),
	};
	return cmocka_run_group_tests_name("expert", tests, NULL, NULL);
}
