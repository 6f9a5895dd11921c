/* requests.h — consultation requests: who may see and do what, filing, the
 * desk's changes, transfer, matching and assignment, accepting an offer,
 * messages, closing and rating. The logic of the feature; requests_api.c turns
 * its results into JSON and requests_pages.c into HTML.
 *
 * Every action reads its declared fields from the request (a form or a JSON
 * body), checks the caller's access to the object, writes in one transaction,
 * and returns KK_OK or a KK_* code (util/result.h) with *why naming the field
 * (KK_INVALID) or the conflict (KK_CONFLICT: why->code) for reply_result(). */
#ifndef KK_APP_REQUESTS_H
#define KK_APP_REQUESTS_H

#include "domain/match.h"
#include "http/req.h"
#include "store/requests.h"

enum access {
	ACCESS_NONE,
	ACCESS_OFFER,   /* an expert who was offered the case: what is needed to decide */
	ACCESS_EXPERT,  /* an assigned expert */
	ACCESS_COMPANY, /* the company that filed it */
	ACCESS_DESK,    /* an operator of the request's desk */
	ACCESS_ADMIN,
};

extern const char *const request_kinds[], *const request_modes[], *const request_urgencies[];

/* Load request id and what r's user may do with it: KK_OK, or KK_NOTFOUND (never a
 * 403) for a request the caller may not see. Views of incidents (GET) are audited. */
int request_access(struct req *r, int64_t id, struct request *q, enum access *access);
/* request_access as one straight line: on KK_NOTFOUND replies 404 and returns false. */
bool request_load_or_reply(struct req *r, int64_t id, struct request *q, enum access *access);
/* Does access see the self-assessment shared with a request? The company, its desk and
 * the experts on the case; not an offered expert, nor an admin (who sees aggregates). */
bool request_sees_assessment(enum access access);
/* Does access read the desks' own notes (a transfer's reason)? Only desks and admins. */
bool request_sees_notes(enum access access);
/* An event's detail as access may read it: a transfer's note cut off for all but the desks. */
const char *request_event_detail(struct arena *a, const struct request_event *ev,
                                 enum access access);
/* Is expert_id assigned to request id? */
bool request_is_assignee(struct db *db, int64_t id, int64_t expert_id);

/* Ranked candidates (at most 30) and teams (at most 5) for q, for a desk. */
struct request_matches {
	struct match_candidate cands[30];
	int n;
	struct match_team teams[5];
	int nteams;
};
/* Rank the pool for q into out: KK_OK or KK_ERR. */
int request_matches(struct db *db, struct arena *a, const struct request *q,
                    struct request_matches *out);
/* A match reason in r's language ("セキュリティ診断 レベル 3", "2 km"...). */
const char *request_reason_text(struct req *r, const struct match_reason *m);

/* This Japan year's hours of closed requests against the free allowance. */
struct allowance {
	int used_tenths, free_hours;
};
/* Fill out for company_id: KK_OK, or KK_ERR (then used_tenths is 0). */
int request_allowance(struct db *db, int64_t company_id, struct allowance *out);

/* File a request for r's company (fields kind, description, mode, urgency, topics, roles,
 * expert_id, assessment_id); an incident is offered at once. q is filled, q->id set. KK_CONFLICT
 * "company_missing" when the company has no profile yet. */
int request_file(struct req *r, struct request *q, struct field_error *why);
/* File q as r's company (kind, description, mode, urgency, topics, roles and
 * assessment_id set by the caller; want_id an expert asked for, or 0): routed to the
 * company's desk, an incident offered at once. KK_INVALID "assessment_id" when it is
 * not the company's own. */
int request_submit(struct req *r, struct request *q, int64_t want_id, struct field_error *why);
/* The desk sets urgency, topics and roles (fields absent stay). q: the request as now. */
int request_update(struct req *r, int64_t id, struct request *q, struct field_error *why);
/* The desk hands the request to the desk of another prefecture (fields prefecture, note). */
int request_transfer(struct req *r, int64_t id, int64_t *desk_id, struct field_error *why);
/* The desk assigns one to four experts (field expert_ids). q: the request as now. */
int request_assign(struct req *r, int64_t id, struct request *q, struct field_error *why);
/* An offered expert takes the case; KK_CONFLICT "offer_taken" when someone was first. */
int request_accept(struct req *r, int64_t id, struct request *q, struct field_error *why);
/* Anyone on the case writes in its thread (field body); everyone else is told. */
int request_message(struct req *r, int64_t id, int64_t *message_id, struct field_error *why);
/* The assigned expert closes with a report and hours (fields report, hours). */
int request_close(struct req *r, int64_t id, struct request *q, enum access *access,
                  struct field_error *why);
/* One of the four actions that leave request id changed, by name (a route's arg): "edit"
 * (request_update), "assign", "accept" or "close"; *access: how the caller sees q after it.
 * KK_NOTFOUND for another name. */
int request_act(struct req *r, const char *action, int64_t id, struct request *q,
                enum access *access, struct field_error *why);
/* The company rates a closed request once (fields stars, comment). */
int request_rate(struct req *r, int64_t id, int *stars, struct field_error *why);

/* For incidents.c: a step on the request's timeline (and the webhook); telling people
 * about request_id; its desk's operators. */
int request_timeline(struct db *db, int64_t id, const char *event, int64_t actor,
                     const char *detail);
void request_notify(struct db *db, const int64_t *ids, int n, const char *kind, int64_t request_id);
void request_notify_desk(struct db *db, int64_t desk_id, const char *kind, int64_t request_id);

/* The match request q makes: its topics, roles (a responder for an incident without
 * either), on site or not, and the company's vendors folded for conflicts. */
void request_match_request(struct db *db, struct arena *a, const struct request *q,
                           struct match_request *rq);

/* incidents.c: offer a new incident from ring 0 outward (inside the caller's transaction). */
void incident_offer(struct db *db, struct arena *a, const struct request *q);
/* Widen every incident whose offer deadline has passed (the worker's job). */
void incidents_escalate_due(struct db *db);

/* Whether r's user may file a request: a company, or a visitor (who is asked to log in). */
bool request_can_file(const struct req *r);

#endif
