/* metrics_pages.c — GET /metrics in Prometheus' text format (version 0.0.4), for the
 * addresses --metrics-allow names (loopback by default): requests by route pattern, method
 * and status, a latency histogram per route pattern (http/metrics.c counts them), open
 * connections, database lock waits, the outbox's queue and its oldest item, how far the
 * worker is behind its earliest deadline, and the resident memory. */
#include "app/errors.h"
#include "app/handlers.h"
#include "app/jobs.h"
#include "app/routes.h"
#include "http/metrics.h"
#include "http/server.h"
#include "store/outbox.h"

#include <stdio.h>
#include <string.h>
#include <unistd.h>

/* Is ip one of the comma-separated addresses in allow? */
static bool allowed(const char *ip, const char *allow)
{
	size_t n = strlen(ip);
	for (const char *p = allow; p && *p;) {
		size_t len = strcspn(p, ",");
		if (len == n && strncmp(p, ip, n) == 0)
			return true;
		p += len + (p[len] == ',');
	}
	return false;
}

/* A label value: backslash, double quote and newline escaped. */
static void label(struct buf *b, const char *s)
{
	for (; *s; s++) {
		if (*s == '\\' || *s == '"')
			buf_putc(b, '\\');
		if (*s == '\n')
			buf_puts(b, "\\n");
		else
			buf_putc(b, *s);
	}
}

static void family(struct buf *b, const char *name, const char *type, const char *help)
{
	buf_printf(b, "# HELP %s %s\n# TYPE %s %s\n", name, help, name, type);
}

/* The labels of route k: method and pattern ("" and "unmatched" for paths of no route). */
static void route_labels(struct buf *b, size_t k)
{
	const struct route *rt = k < app_server.nroutes ? &app_server.routes[k] : NULL;
	buf_puts(b, "method=\"");
	label(b, rt ? rt->method : "");
	buf_puts(b, "\",route=\"");
	label(b, rt ? rt->pattern : "unmatched");
	buf_putc(b, '"');
}

static void requests(struct buf *b)
{
	family(b, "kakekomi_http_requests_total", "counter",
	       "Requests answered, by route pattern, method and status.");
	for (size_t k = 0; k <= app_server.nroutes; k++) {
		struct metrics_route m;
		metrics_read(k, &m);
		for (int s = 0; s < METRICS_STATUSES; s++) {
			if (!m.by_status[s])
				continue;
			buf_puts(b, "kakekomi_http_requests_total{");
			route_labels(b, k);
			if (metrics_statuses[s])
				buf_printf(b, ",status=\"%d\"} %llu\n", metrics_statuses[s],
				           (unsigned long long)m.by_status[s]);
			else
				buf_printf(b, ",status=\"other\"} %llu\n",
				           (unsigned long long)m.by_status[s]);
		}
	}
	family(b, "kakekomi_http_request_duration_seconds", "histogram",
	       "Time from the request's arrival to its answer, by route pattern.");
	for (size_t k = 0; k <= app_server.nroutes; k++) {
		struct metrics_route m;
		metrics_read(k, &m);
		if (!m.count)
			continue;
		for (int i = 0; i <= METRICS_BUCKETS; i++) {
			buf_puts(b, "kakekomi_http_request_duration_seconds_bucket{");
			route_labels(b, k);
			if (i < METRICS_BUCKETS)
				buf_printf(b, ",le=\"%g\"} %llu\n", metrics_buckets[i],
				           (unsigned long long)m.le[i]);
			else
				buf_printf(b, ",le=\"+Inf\"} %llu\n", (unsigned long long)m.count);
		}
		buf_puts(b, "kakekomi_http_request_duration_seconds_sum{");
		route_labels(b, k);
		buf_printf(b, "} %.6f\n", (double)m.sum_us / 1e6);
		buf_puts(b, "kakekomi_http_request_duration_seconds_count{");
		route_labels(b, k);
		buf_printf(b, "} %llu\n", (unsigned long long)m.count);
	}
}

/* The resident memory of this process in bytes (/proc/self/statm), or 0. */
static long long resident_bytes(void)
{
	FILE *f = fopen("/proc/self/statm", "r");
	long long size = 0, resident = 0;
	if (!f)
		return 0;
	if (fscanf(f, "%lld %lld", &size, &resident) != 2)
		resident = 0;
	fclose(f);
	return resident * sysconf(_SC_PAGESIZE);
}

void page_metrics(struct req *r)
{
	if (!allowed(r->ip, server_opts.metrics_allow)) {
		reply_error(r, 403, "forbidden");
		return;
	}
	int64_t now = db_now(), queued = 0, oldest = 0;
	if (outbox_stats(r->db, &queued, &oldest) != KK_OK) {
		reply_error(r, 500, "internal");
		return;
	}
	int64_t next = app_jobs.next_deadline ? app_jobs.next_deadline(r->db) : 0;
	struct buf b;
	buf_init(&b, r->a);
	requests(&b);
	family(&b, "kakekomi_http_open_connections", "gauge", "Connections open now.");
	buf_printf(&b, "kakekomi_http_open_connections %u\n", server_open_connections());
	family(&b, "kakekomi_db_busy_retries_total", "counter",
	       "Waits for another connection's database lock.");
	buf_printf(&b, "kakekomi_db_busy_retries_total %llu\n",
	           (unsigned long long)db_busy_retries());
	family(&b, "kakekomi_outbox_queued", "gauge", "Mail and webhooks waiting for delivery.");
	buf_printf(&b, "kakekomi_outbox_queued %lld\n", (long long)queued);
	family(&b, "kakekomi_outbox_oldest_age_seconds", "gauge",
	       "How long the oldest waiting item has waited (0 when none).");
	buf_printf(&b, "kakekomi_outbox_oldest_age_seconds %lld\n",
	           (long long)(oldest ? now - oldest : 0));
	family(&b, "kakekomi_worker_lag_seconds", "gauge",
	       "How far the worker is behind its earliest stored deadline (0 when on time).");
	buf_printf(&b, "kakekomi_worker_lag_seconds %lld\n",
	           (long long)(next && next < now ? now - next : 0));
	family(&b, "kakekomi_process_resident_memory_bytes", "gauge", "Resident memory (RSS).");
	buf_printf(&b, "kakekomi_process_resident_memory_bytes %lld\n", resident_bytes());
	reply_text(r, 200, "text/plain; version=0.0.4; charset=utf-8", b.p, b.len);
}
