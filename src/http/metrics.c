#include "http/metrics.h"

#include <stdatomic.h>
#include <stdlib.h>

const double metrics_buckets[METRICS_BUCKETS] = {0.001, 0.0025, 0.005, 0.01, 0.025, 0.05,
                                                 0.1,   0.25,   0.5,   1,    2.5,   5};
const int metrics_statuses[METRICS_STATUSES] = {200, 201, 204, 301, 303, 304, 400, 401, 403,
                                                404, 405, 409, 413, 415, 429, 500, 503, 0};

struct counters {
	atomic_uint_fast64_t by_status[METRICS_STATUSES];
	atomic_uint_fast64_t bucket[METRICS_BUCKETS]; /* within (bucket k-1, bucket k] */
	atomic_uint_fast64_t count, sum_us;
};

static struct counters *routes;
static size_t nroutes;

int metrics_init(size_t n)
{
	routes = calloc(n + 1, sizeof *routes);
	nroutes = n;
	return routes ? 0 : -1;
}

void metrics_request(long route, int status, uint64_t micros)
{
	if (!routes)
		return;
	struct counters *c =
	    &routes[route >= 0 && (size_t)route < nroutes ? (size_t)route : nroutes];
	int s = 0;
	while (metrics_statuses[s] && metrics_statuses[s] != status)
		s++;
	atomic_fetch_add_explicit(&c->by_status[s], 1, memory_order_relaxed);
	double seconds = (double)micros / 1e6;
	int k = 0;
	while (k < METRICS_BUCKETS && seconds > metrics_buckets[k])
		k++;
	if (k < METRICS_BUCKETS)
		atomic_fetch_add_explicit(&c->bucket[k], 1, memory_order_relaxed);
	atomic_fetch_add_explicit(&c->sum_us, micros, memory_order_relaxed);
	atomic_fetch_add_explicit(&c->count, 1, memory_order_relaxed);
}

void metrics_read(size_t route, struct metrics_route *out)
{
	const struct counters *c = &routes[route <= nroutes ? route : nroutes];
	uint64_t running = 0;
	for (int s = 0; s < METRICS_STATUSES; s++)
		out->by_status[s] = atomic_load_explicit(&c->by_status[s], memory_order_relaxed);
	for (int k = 0; k < METRICS_BUCKETS; k++) {
		running += atomic_load_explicit(&c->bucket[k], memory_order_relaxed);
		out->le[k] = running;
	}
	out->sum_us = atomic_load_explicit(&c->sum_us, memory_order_relaxed);
	out->count = atomic_load_explicit(&c->count, memory_order_relaxed);
	if (out->count < running) /* counted between the reads: keep le <= count */
		out->count = running;
}
