/* requests.h — consultation requests (requests.c) with their timeline and
 * messages, their assignees, offers and rating (offers.c), and the bulk load
 * of experts for matching (match_pool.c). Companies and desks: desks.h. */
#ifndef KK_STORE_REQUESTS_H
#define KK_STORE_REQUESTS_H

#include "domain/match.h"
#include "store/db.h"
#include "store/desks.h"
#include "util/arena.h"

#define REQUEST_MAX_ITEMS 8

struct request {
	int64_t id, company_id, desk_id, sla_deadline, created_at, updated_at, closed_at;
	int64_t assessment_id; /* the self-assessment the company shared with it, or 0 */
	const char *prefecture, *kind, *description, *mode, *urgency, *status, *report;
	int ring, hours_tenths, ntopics, nroles;
	const char *topics[REQUEST_MAX_ITEMS];
	const char *roles[REQUEST_MAX_ITEMS];
};

struct request_event {
	int64_t at, actor_id;
	const char *event, *detail;
};

struct request_message {
	int64_t id, author_id, created_at;
	const char *body;
};

/* Insert r with its topics and roles, status "open", at r->created_at (0: now); *id is its
 * id. KK_OK or KK_ERR. */
int requests_create(struct db *db, const struct request *r, int64_t *id);
/* Request id with its topics and roles into out (arena strings): KK_OK, KK_NOTFOUND, KK_ERR. */
int requests_get(struct db *db, struct arena *a, int64_t id, struct request *out);
/* Replace the topics, roles and urgency of request id with r's. KK_OK or KK_ERR. */
int requests_set_items(struct db *db, int64_t id,
                       const struct request *r); /* topics, roles, urgency */
/* Hand request id to desk_id; the request now belongs to that desk's prefecture. */
int requests_set_desk(struct db *db, int64_t id, int64_t desk_id);
int requests_set_status(struct db *db, int64_t id, const char *status);
int requests_set_ring(struct db *db, int64_t id, int ring, int64_t deadline); /* deadline 0: none */
int requests_close(struct db *db, int64_t id, const char *report, int hours_tenths);

enum request_scope { SCOPE_COMPANY, SCOPE_DESK, SCOPE_EXPERT, SCOPE_ALL };
/* Ids: a company's own, a desk's queue, an expert's (assigned or offered), or all;
 * status and kind NULL for any; most urgent, then oldest, first. */
int requests_list(struct db *db, enum request_scope scope, int64_t who, const char *status,
                  const char *kind, int64_t *ids, int max);
/* Requests whose escalation deadline has passed. */
int requests_due(struct db *db, int64_t now, int64_t *ids, int max);
/* The earliest escalation deadline, or 0 when none. */
int64_t requests_next_deadline(struct db *db);
/* Hours (tenths) of closed requests of a company since a time. */
int requests_hours_used(struct db *db, int64_t company_id, int64_t since);

/* A step on request id's timeline, now (actor 0: the system; detail may be NULL). */
int request_event_add(struct db *db, int64_t id, const char *event, int64_t actor_id,
                      const char *detail);
/* The same at time at (seeded history). */
int request_event_at(struct db *db, int64_t id, int64_t at, const char *event, int64_t actor_id,
                     const char *detail);
/* Request id's timeline, oldest first, at most max: how many, or KK_ERR. */
int request_events(struct db *db, struct arena *a, int64_t id, struct request_event *out, int max);
/* A message by author_id in request id's thread, now; *mid is its id. KK_OK or KK_ERR. */
int request_message_add(struct db *db, int64_t id, int64_t author_id, const char *body,
                        int64_t *mid);
/* Request id's thread, oldest first, at most max: how many, or KK_ERR. */
int request_messages(struct db *db, struct arena *a, int64_t id, struct request_message *out,
                     int max);

/* Assign expert_id to request id (once). KK_OK or KK_ERR. */
int assignees_add(struct db *db, int64_t id, int64_t expert_id);
/* The experts assigned to request id, at most max: how many, or KK_ERR. */
int assignees(struct db *db, int64_t id, int64_t *ids, int max);
/* Offer request id to expert_id at ring, now (once). KK_OK or KK_ERR. */
int offers_add(struct db *db, int64_t id, int64_t expert_id, int ring);
/* The offer's status ("open", "accepted", "withdrawn") or NULL. */
const char *offers_status(struct db *db, struct arena *a, int64_t id, int64_t expert_id);
int offers_open(struct db *db, int64_t id, int64_t *ids, int max);
/* Accept expert's open offer if the request is still on offer: KK_OK, or KK_CONFLICT. */
int offers_accept(struct db *db, int64_t id, int64_t expert_id);
int offers_withdraw_open(struct db *db, int64_t id);

struct rating {
	int stars; /* 1 to 5 */
	const char *comment;
};
/* The company's rating of request id: KK_OK, KK_NOTFOUND (not rated yet), KK_ERR. */
int ratings_get(struct db *db, struct arena *a, int64_t id, struct rating *out);
/* KK_CONFLICT when the request was rated already. */
int ratings_add(struct db *db, int64_t id, int stars, const char *comment);

#endif
