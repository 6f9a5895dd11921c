/* The regional dashboard's rules: shares and the headline from counts, what
 * publication holds back, medians, colour classes and regional types. */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <cmocka.h>
#include <string.h>

#include "domain/regions.h"

static void counts(struct region_figures *f, int m, double v)
{
	f->present[m] = true;
	f->value[m] = v;
}

static void derived_by_hand(void **state)
{
	(void)state;
	struct region_figures f = {0};
	counts(&f, RM_EXPERTS_ACTIVE, 12);
	counts(&f, RM_REQUESTS_ADVICE, 10);
	counts(&f, RM_REQUESTS_INCIDENT, 5);
	counts(&f, RM_INCIDENTS_WIDENED, 2);
	counts(&f, RM_REQUESTS_TRANSFERRED, 3);
	counts(&f, RM_QUESTIONS, 25);
	region_derive(&f);
	assert_true(f.present[RM_INCIDENTS_WIDENED_SHARE]);
	assert_true(f.value[RM_INCIDENTS_WIDENED_SHARE] == 0.4);                /* 2 / 5 */
	assert_true(f.value[RM_REQUESTS_TRANSFERRED_SHARE] == 0.2);             /* 3 / 15 */
	assert_true(f.value[RM_SUPPLY_PER_DEMAND] == 3.0);                      /* 10 × 12 / 40 */
	assert_true(f.present[RM_COMMUNITIES] && f.value[RM_COMMUNITIES] == 0); /* absent: 0 */
	assert_false(f.present[RM_MEDIAN_FIRST_RESPONSE_S]); /* no responses, no median */
	/* Nothing asked: no share and no headline rather than a division by zero. */
	struct region_figures none = {0};
	counts(&none, RM_EXPERTS_ACTIVE, 4);
	region_derive(&none);
	assert_false(none.present[RM_SUPPLY_PER_DEMAND]);
	assert_false(none.present[RM_INCIDENTS_WIDENED_SHARE]);
	assert_false(none.present[RM_RESPONDERS_PER_INCIDENT]);
	/* Weak companies per function: 3 of 12 under 50 in Govern; Detect applies to none. */
	struct region_figures a = {0};
	a.weak[0] = 3;
	a.applicable[0] = 12;
	a.weak[1] = 1; /* one company: its share is held back */
	a.applicable[1] = 10;
	region_derive(&a);
	region_suppress(&a);
	assert_true(a.value[RM_WEAK_GV] == 0.25 && !a.suppressed[RM_WEAK_GV]);
	assert_true(a.suppressed[RM_WEAK_ID]);
	assert_false(a.present[RM_WEAK_DE]);
}

static void suppression(void **state)
{
	(void)state;
	struct region_figures f = {0};
	counts(&f, RM_EXPERTS_ACTIVE, 2);  /* held back */
	counts(&f, RM_REQUESTS_ADVICE, 0); /* 0 is published */
	counts(&f, RM_REQUESTS_INCIDENT, 7);
	counts(&f, RM_INCIDENTS_WIDENED, 1); /* held back, and its share with it */
	counts(&f, RM_QUESTIONS, 3);         /* 3 is published */
	counts(&f, RM_RESPONSES, 1);
	counts(&f, RM_MEDIAN_FIRST_RESPONSE_S, 5400);
	region_derive(&f);
	region_suppress(&f);
	assert_true(f.suppressed[RM_EXPERTS_ACTIVE]);
	assert_false(f.suppressed[RM_REQUESTS_ADVICE]);
	assert_false(f.suppressed[RM_REQUESTS_INCIDENT]);
	assert_false(f.suppressed[RM_QUESTIONS]);
	assert_true(f.suppressed[RM_INCIDENTS_WIDENED]);
	assert_true(f.suppressed[RM_INCIDENTS_WIDENED_SHARE]);
	assert_true(f.suppressed[RM_SUPPLY_PER_DEMAND]);           /* made from 2 experts */
	assert_true(f.suppressed[RM_MEDIAN_FIRST_RESPONSE_S]);     /* one response: its time */
	assert_false(f.suppressed[RM_REQUESTS_TRANSFERRED_SHARE]); /* 0 of 7 */
}

static void medians_and_classes(void **state)
{
	(void)state;
	double v[] = {5, 1, 4, 2, 3, 6};
	assert_true(region_median(v, 6) == 3); /* the lower middle one */
	double w[] = {9, 1, 5};
	assert_true(region_median(w, 3) == 5);
	assert_true(region_median(NULL, 0) == 0);
	double ten[] = {10, 9, 8, 7, 6, 5, 4, 3, 2, 1}, breaks[4];
	region_breaks(ten, 10, breaks);
	assert_true(breaks[0] == 3 && breaks[1] == 5 && breaks[2] == 7 && breaks[3] == 9);
	assert_int_equal(region_class(1, breaks), 0);
	assert_int_equal(region_class(3, breaks), 0); /* on a break: the lower class */
	assert_int_equal(region_class(4, breaks), 1);
	assert_int_equal(region_class(10, breaks), 4);
	double zeros[] = {0, 0, 0};
	region_breaks(zeros, 3, breaks);
	assert_int_equal(region_class(0, breaks), 0); /* a map of zeros stays light */
	assert_int_equal(region_metric_by_name("supply_per_demand"), RM_SUPPLY_PER_DEMAND);
	assert_int_equal(region_metric_by_name("nope"), -1);
	assert_true(region_light_text(4, false) && !region_light_text(0, false));
}

static void types(void **state)
{
	(void)state;
	char t[REGION_TYPE_TEXT];
	int none[COMMUNITY_TYPES] = {0}, some[COMMUNITY_TYPES] = {0, 2, 0, 2, 0, 0, 0, 1};
	region_type("chamber", some, 40, 5, t); /* the desk's host decides */
	assert_string_equal(t, "chamber");
	region_type(NULL, some, 40, 12, t); /* a tie: the first listed; 12 of 40 make */
	assert_string_equal(t, "municipality+industry");
	region_type(NULL, none, 9, 9, t); /* fewer than 10 companies: no industry tag */
	assert_string_equal(t, "none");
	region_type("", none, 10, 2, t);
	assert_string_equal(t, "none");
	int made[COMMUNITY_TYPES] = {0, 1, 2, 1, 0, 0, 0, 0}; /* industry associations lead */
	region_type(NULL, made, 20, 6, t);
	assert_string_equal(t, "association+industry");
}

int main(void)
{
	const struct CMUnitTest tests[] = {
	    cmocka_unit_test(derived_by_hand),
	    cmocka_unit_test(suppression),
	    cmocka_unit_test(medians_and_classes),
	    cmocka_unit_test(types),
	};
	return cmocka_run_group_tests_name("regions", tests, NULL, NULL);
}
