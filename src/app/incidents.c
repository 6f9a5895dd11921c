/* incidents.c — incident offers: an incident is offered to on-call experts ring
 * by ring (its prefecture, the neighbours, the regional block, remote experts
 * nationwide); when nobody accepts before the stored deadline the worker widens
 * it. When to widen and how far is decided in domain/escalation.c. */
#include "app/config.h"
#include "app/registry.h"
#include "app/requests.h"
#include "domain/escalation.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#define OFFERS_PER_RING 10

/* Offer the case to the best on-call experts of ring `ring` who have not been
 * offered it. Returns how many were offered. */
static int offer_ring(struct db *db, struct arena *a, const struct request *q, int ring)
{
	struct match_request rq;
	request_match_request(db, a, q, &rq);
	struct match_candidate c[OFFERS_PER_RING];
	int n = registry_rank(db, &rq, q->prefecture, true, ring, c, OFFERS_PER_RING);
	int64_t ids[OFFERS_PER_RING];
	for (int i = 0; i < n; i++) {
		offers_add(db, q->id, c[i].id, ring);
		ids[i] = c[i].id;
	}
	if (n > 0)
		request_notify(db, ids, n, "incident_offer", q->id);
	return n > 0 ? n : 0;
}

/* From ring `from` outward, offer until somebody is reached; store the deadline. */
static void widen(struct db *db, struct arena *a, const struct request *q, int from)
{
	for (int ring = from; ring <= RING_LAST; ring++) {
		int n = offer_ring(db, a, q, ring);
		char detail[48];
		snprintf(detail, sizeof detail, "ring %d: %d offered", ring, n);
		request_timeline(db, q->id, ring == from && from == 0 ? "offered" : "escalated", 0,
		                 detail);
		if (escalation_stop(ring, n)) {
			requests_set_ring(
			    db, q->id, ring,
			    escalation_deadline(ring, n, db_now(), app_config.incident_sla));
			return;
		}
	}
}

void incident_offer(struct db *db, struct arena *a, const struct request *q)
{
	widen(db, a, q, 0);
}

void incidents_escalate_due(struct db *db)
{
	int64_t ids[64];
	int n = requests_due(db, db_now(), ids, 64);
	if (n > 0 && registry_sync(db) != KK_OK)
		return;
	for (int i = 0; i < n; i++) {
		struct arena *a = arena_new();
		struct request q;
		if (db_begin(db) == KK_OK) {
			if (requests_get(db, a, ids[i], &q) == KK_OK) {
				switch (escalation_on_deadline(strcmp(q.status, "offered") == 0,
				                               q.ring)) {
				case ESC_WIDEN:
					widen(db, a, &q, q.ring + 1);
					request_notify_desk(db, q.desk_id, "incident_escalated",
					                    q.id);
					break;
				case ESC_UNANSWERED:
					requests_set_ring(db, q.id, q.ring, 0);
					request_timeline(db, q.id, "unanswered", 0, "ring 3");
					request_notify_desk(db, q.desk_id, "incident_unanswered",
					                    q.id);
					break;
				case ESC_DONE:
					requests_set_ring(db, q.id, q.ring, 0);
					break;
				}
			}
			if (db_commit(db) != KK_OK)
				db_rollback(db);
		}
		arena_free(a);
	}
}
