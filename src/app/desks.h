/* desks.h — help desks and consultation requests, shared by the API, the
 * pages and the worker (incident escalation). */
#ifndef KK_APP_DESKS_H
#define KK_APP_DESKS_H

#include "http/input.h"
#include "store/requests.h"

enum access {
	ACCESS_NONE,
	ACCESS_OFFER,   /* an expert who was offered the case: what is needed to decide */
	ACCESS_EXPERT,  /* an assigned expert */
	ACCESS_COMPANY, /* the company that filed it */
	ACCESS_DESK,    /* an operator of the request's desk */
	ACCESS_ADMIN,
};

/* Load request id and what the caller may do with it; 404 (never 403) for a
 * request the caller may not see. Views of incidents are audited. */
bool request_load_or_reply(struct req *r, int64_t id, struct request *q, enum access *access);

/* Ranked candidates and teams for q: {"candidates":[...],"teams":[...]}, or NULL. */
json_t *request_matches_json(struct req *r, const struct request *q);

/* {"used_hours","free_hours"}: this year's closed hours against the free allowance. */
json_t *request_allowance_json(struct req *r, int64_t company_id);

/* Widen every incident whose offer deadline has passed (the worker's job). */
void incidents_escalate_due(struct db *db);

#endif
