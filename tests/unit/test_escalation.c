/* Tests src/domain/escalation.c: when an incident offer widens, on a fake clock. */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <cmocka.h>

#include "domain/escalation.h"

#define SLA 1800

static void on_deadline(void **state)
{
	(void)state;
	for (int ring = 0; ring < RING_LAST; ring++)
		assert_int_equal(escalation_on_deadline(true, ring), ESC_WIDEN);
	assert_int_equal(escalation_on_deadline(true, RING_LAST), ESC_UNANSWERED);
	/* Accepted or assigned meanwhile: nothing more, at any ring. */
	for (int ring = 0; ring <= RING_LAST; ring++)
		assert_int_equal(escalation_on_deadline(false, ring), ESC_DONE);
}

static void stop_at_the_first_ring_that_reaches_somebody(void **state)
{
	(void)state;
	assert_false(escalation_stop(0, 0));
	assert_true(escalation_stop(0, 3));
	assert_false(escalation_stop(2, 0));
	assert_true(escalation_stop(RING_LAST, 0)); /* nowhere further to go */
	assert_int_equal(escalation_deadline(1, 2, 1000, SLA), 1000 + SLA);
	assert_int_equal(escalation_deadline(RING_LAST, 1, 1000, SLA), 1000 + SLA);
	assert_int_equal(escalation_deadline(RING_LAST, 0, 1000, SLA), 0);
}

/* Offer from ring `from` outward as the server does, reaching reach[ring] experts per ring;
 * returns the ring it stopped at and sets *deadline. */
static int widen(const int *reach, int from, int64_t now, int64_t *deadline)
{
	for (int ring = from; ring <= RING_LAST; ring++)
		if (escalation_stop(ring, reach[ring])) {
			*deadline = escalation_deadline(ring, reach[ring], now, SLA);
			return ring;
		}
	return -1;
}

static void an_incident_nobody_answers_on_a_fake_clock(void **state)
{
	(void)state;
	/* Nobody on call in the prefecture, two neighbours, nobody in the block, five remote. */
	const int reach[RING_LAST + 1] = {0, 2, 0, 5};
	int64_t now = 1000000, deadline = -1;
	int ring = widen(reach, 0, now, &deadline);
	assert_int_equal(ring, 1);
	assert_int_equal(deadline, now + SLA);
	/* Nobody accepts: at the deadline the next rings are tried. */
	now = deadline;
	assert_int_equal(escalation_on_deadline(true, ring), ESC_WIDEN);
	ring = widen(reach, ring + 1, now, &deadline);
	assert_int_equal(ring, 3);
	assert_int_equal(deadline, now + SLA);
	/* Still nobody: the last ring gives up, and the desk is told. */
	now = deadline;
	assert_int_equal(escalation_on_deadline(true, ring), ESC_UNANSWERED);
}

static void an_incident_with_nobody_anywhere(void **state)
{
	(void)state;
	const int reach[RING_LAST + 1] = {0, 0, 0, 0};
	int64_t deadline = -1;
	assert_int_equal(widen(reach, 0, 5000, &deadline), RING_LAST);
	assert_int_equal(deadline, 0); /* no deadline: nothing left to wait for */
}

int main(void)
{
	const struct CMUnitTest tests[] = {
	    cmocka_unit_test(on_deadline),
	    cmocka_unit_test(stop_at_the_first_ring_that_reaches_somebody),
	    cmocka_unit_test(an_incident_nobody_answers_on_a_fake_clock),
	    cmocka_unit_test(an_incident_with_nobody_anywhere),
	};
	return cmocka_run_group_tests_name("escalation", tests, NULL, NULL);
}
