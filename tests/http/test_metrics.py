"""GET /metrics against a real server, read by a real parser (Debian's
python3-prometheus-client): requests by route pattern and status, the latency
histogram per route, open connections, database lock waits, the outbox's queue
and its oldest item, the worker's lag, the resident memory; and who may read it
(the addresses of --metrics-allow, loopback by default, never an outside client
behind the reverse proxy)."""

import os
import sys

from prometheus_client.parser import text_string_to_metric_families

sys.path.insert(0, os.path.join(os.path.dirname(__file__), "..", "lib"))
import kk  # noqa: E402


def scrape(client):
    r = client.get("/metrics")
    return r, {f.name: f for f in text_string_to_metric_families(r.text)} if r.status == 200 else {}


def value(family, **labels):
    return sum(s.value for s in family.samples
               if all(s.labels.get(k) == v for k, v in labels.items()))


class Metrics(kk.ServerCase):
    def test_what_it_counts(self):
        c = self.srv.client()
        for _ in range(3):
            c.get("/events/999999")  # a route, answered 404
        c.get("/no/such/page")       # no route at all
        c.get("/healthz")
        self.srv.sql("INSERT INTO outbox(kind, recipient, subject, body, created_at, next_attempt_at)"
                     " VALUES ('mail', 'a@example.jp', 's', 'b', strftime('%s', 'now') - 120,"
                     " strftime('%s', 'now') + 3600)")
        r, m = scrape(c)
        self.assertEqual(r.status, 200)
        self.assertTrue(r.header("Content-Type").startswith("text/plain; version=0.0.4"))
        req = m["kakekomi_http_requests"]  # the parser drops _total from a counter's name
        self.assertEqual(req.type, "counter")
        self.assertEqual(value(req, route="/events/{id}", method="GET", status="404"), 3)
        self.assertEqual(value(req, route="unmatched", status="404"), 1)
        self.assertGreaterEqual(value(req, route="/healthz", status="200"), 1)
        hist = m["kakekomi_http_request_duration_seconds"]
        self.assertEqual(hist.type, "histogram")
        buckets = sorted(((float(s.labels["le"]), s.value) for s in hist.samples
                          if s.name.endswith("_bucket") and s.labels["route"] == "/events/{id}"))
        counts = [v for _, v in buckets]
        self.assertEqual(counts, sorted(counts))  # cumulative
        self.assertEqual(buckets[-1], (float("inf"), 3))
        self.assertEqual([s.value for s in hist.samples if s.name.endswith("_count")
                          and s.labels["route"] == "/events/{id}"], [3])
        self.assertGreaterEqual(m["kakekomi_http_open_connections"].samples[0].value, 1)
        self.assertEqual(m["kakekomi_db_busy_retries"].type, "counter")
        queued = self.srv.sql("SELECT count(*) FROM outbox WHERE delivered_at IS NULL")[0][0]
        self.assertEqual(m["kakekomi_outbox_queued"].samples[0].value, queued)
        self.assertGreaterEqual(m["kakekomi_outbox_oldest_age_seconds"].samples[0].value, 120)
        self.assertGreaterEqual(m["kakekomi_worker_lag_seconds"].samples[0].value, 0)
        self.assertGreater(m["kakekomi_process_resident_memory_bytes"].samples[0].value, 1 << 20)


class Behind(kk.ServerCase):
    """Behind the reverse proxy the client is the forwarded one: an outside address is
    refused even though the connection comes from loopback."""
    SERVER_ARGS = ["--trust-proxy"]

    def test_an_outside_client_is_refused(self):
        r = self.srv.client().get("/metrics", headers={"X-Forwarded-For": "203.0.113.5"})
        self.assertEqual(r.status, 403)
        self.assertNotIn("kakekomi_", r.text)
        self.assertEqual(self.srv.client().get("/metrics").status, 200)


class Elsewhere(kk.ServerCase):
    SERVER_ARGS = ["--metrics-allow", "10.0.0.7,::1"]

    def test_only_the_addresses_given(self):
        r = self.srv.client().get("/metrics")  # from 127.0.0.1, which is not in the list
        self.assertEqual(r.status, 403)


if __name__ == "__main__":
    kk.main("metrics")
