/* http/metrics.c: requests counted by route and status, latency into cumulative buckets. */
#include "http/metrics.h"

#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>

#include <cmocka.h>

static int status_index(int status)
{
	int s = 0;
	while (metrics_statuses[s] && metrics_statuses[s] != status)
		s++;
	return s;
}

static void counted(void **state)
{
	(void)state;
	assert_int_equal(metrics_init(2), 0);
	metrics_request(0, 200, 1500);    /* 1.5 ms */
	metrics_request(0, 404, 3000000); /* 3 s */
	metrics_request(0, 200, 9000000); /* 9 s: above every bucket */
	metrics_request(-1, 500, 10);     /* no route */
	metrics_request(7, 418, 10);      /* past the table: counted with no route, as "other" */
	struct metrics_route m;
	metrics_read(0, &m);
	assert_int_equal(m.count, 3);
	assert_int_equal(m.by_status[status_index(200)], 2);
	assert_int_equal(m.by_status[status_index(404)], 1);
	assert_int_equal(m.le[0], 0);                   /* within 1 ms */
	assert_int_equal(m.le[1], 1);                   /* within 2.5 ms */
	assert_int_equal(m.le[METRICS_BUCKETS - 2], 1); /* within 2.5 s */
	assert_int_equal(m.le[METRICS_BUCKETS - 1], 2); /* within 5 s; the 9 s one only in count */
	assert_int_equal(m.sum_us, 12001500);
	metrics_read(2, &m);
	assert_int_equal(m.count, 2);
	assert_int_equal(m.by_status[status_index(500)], 1);
	assert_int_equal(m.by_status[METRICS_STATUSES - 1], 1); /* 418: other */
	metrics_read(1, &m);
	assert_int_equal(m.count, 0);
}

int main(void)
{
	const struct CMUnitTest tests[] = {cmocka_unit_test(counted)};
	return cmocka_run_group_tests(tests, NULL, NULL);
}
