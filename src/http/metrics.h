/* metrics.h — what the server counts for /metrics (app/metrics_pages.c writes them out in
 * Prometheus' text format): requests by route pattern and status, and a latency histogram
 * per route pattern. Counting takes no lock: every counter is atomic. */
#ifndef KK_HTTP_METRICS_H
#define KK_HTTP_METRICS_H

#include <stddef.h>
#include <stdint.h>

#define METRICS_BUCKETS  12
#define METRICS_STATUSES 18
/* The histogram's upper bounds in seconds, and the statuses counted one by one (the last,
 * 0, stands for any other). */
extern const double metrics_buckets[METRICS_BUCKETS];
extern const int metrics_statuses[METRICS_STATUSES];

/* Room for nroutes route patterns and one more for paths that match none. Call once before
 * serving. 0 or -1. */
int metrics_init(size_t nroutes);
/* Count an answered request: route's index in the table (-1: none matched), its status and
 * how long it took. */
void metrics_request(long route, int status, uint64_t micros);

/* What was counted for route (index; nroutes: the unmatched ones). */
struct metrics_route {
	uint64_t by_status[METRICS_STATUSES];
	uint64_t le[METRICS_BUCKETS]; /* cumulative: answered within metrics_buckets[k] */
	uint64_t count, sum_us;
};
/* A consistent enough copy of route's counters into out (each counter read once). */
void metrics_read(size_t route, struct metrics_route *out);

#endif
