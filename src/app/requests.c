#include "app/experts.h"
#include "app/requests.h"
#include "app/registry.h"
#include "app/config.h"
#include "app/errors.h"
#include "app/notify.h"
#include "domain/date.h"
#include "http/input.h"
#include "jobs/worker.h"
#include "store/assessments.h"
#include "store/audit.h"
#include "store/experts.h"
#include "store/taxonomy.h"
#include "view/links.h"

#include <limits.h>
#include <math.h>
#include <stdlib.h>
#include <string.h>

const char *const request_kinds[] = {"advice", "incident", NULL};
const char *const request_modes[] = {"remote", "onsite", NULL};
const char *const request_urgencies[] = {"low", "normal", "high", NULL};

/* ---- telling people ---- */

/* Every step goes on the request's timeline and, when configured, to the webhook. */
int request_timeline(struct db *db, int64_t id, const char *event, int64_t actor,
                     const char *detail)
{
	int rc = request_event_add(db, id, event, actor, detail);
	if (rc == KK_OK)
		webhook_event(db, event, id);
	return rc;
}

void request_notify(struct db *db, const int64_t *ids, int n, const char *kind, int64_t request_id)
{
	struct arena *a = arena_new();
	notify_many(db, ids, n, kind, link_request(a, request_id, NULL));
	arena_free(a);
}

void request_notify_desk(struct db *db, int64_t desk_id, const char *kind, int64_t request_id)
{
	int64_t ops[50];
	int n = desk_id ? desks_operators(db, desk_id, ops, 50) : 0;
	request_notify(db, ops, n < 0 ? 0 : n, kind, request_id);
}

/* ---- access ---- */

static bool contains(const int64_t *ids, int n, int64_t id)
{
	for (int i = 0; i < n; i++)
		if (ids[i] == id)
			return true;
	return false;
}

bool request_is_assignee(struct db *db, int64_t id, int64_t expert_id)
{
	int64_t ids[16];
	return contains(ids, assignees(db, id, ids, 16), expert_id);
}

static bool is_operator(struct req *r, int64_t desk_id)
{
	int64_t desks[20];
	return contains(desks, desks_of_operator(r->db, r->user->id, desks, 20), desk_id);
}

static enum access access_of(struct req *r, const struct request *q)
{
	if (r->user->role & ROLE_ADMIN)
		return ACCESS_ADMIN;
	if (q->company_id == r->user->id)
		return ACCESS_COMPANY;
	if ((r->user->role & ROLE_DESK) && q->desk_id && is_operator(r, q->desk_id))
		return ACCESS_DESK;
	if (!(r->user->role & ROLE_EXPERT))
		return ACCESS_NONE;
	if (request_is_assignee(r->db, q->id, r->user->id))
		return ACCESS_EXPERT;
	const char *offer = offers_status(r->db, r->a, q->id, r->user->id);
	return offer && strcmp(offer, "open") == 0 ? ACCESS_OFFER : ACCESS_NONE;
}

int request_access(struct req *r, int64_t id, struct request *q, enum access *access)
{
	*access = ACCESS_NONE;
	if (id > 0 && requests_get(r->db, r->a, id, q) == KK_OK)
		*access = access_of(r, q);
	if (*access == ACCESS_NONE)
		return KK_NOTFOUND;
	if (strcmp(q->kind, "incident") == 0 && strcmp(r->method, "GET") == 0)
		audit_add(r->db, "incident_viewed", q->company_id, r->user->id, r->ip,
		          arena_printf(r->a, "request %lld", (long long)id));
	return KK_OK;
}

bool request_sees_assessment(enum access access)
{
	return access == ACCESS_COMPANY || access == ACCESS_DESK || access == ACCESS_EXPERT;
}

bool request_sees_notes(enum access access)
{
	return access == ACCESS_DESK || access == ACCESS_ADMIN;
}

const char *request_event_detail(struct arena *a, const struct request_event *ev,
                                 enum access access)
{
	const char *note = ev->detail ? strchr(ev->detail, ':') : NULL;
	if (!note || request_sees_notes(access) || strcmp(ev->event, "transferred") != 0)
		return ev->detail;
	return arena_strndup(a, ev->detail, (size_t)(note - ev->detail)); /* "desk N" */
}

bool request_load_or_reply(struct req *r, int64_t id, struct request *q, enum access *access)
{
	if (request_access(r, id, q, access) == KK_OK)
		return true;
	/* An expert whose offer another expert took learns that, not that it never existed. */
	const char *offer = (r->user->role & ROLE_EXPERT) && id > 0
	                        ? offers_status(r->db, r->a, id, r->user->id)
	                        : NULL;
	if (offer && strcmp(offer, "withdrawn") == 0)
		reply_result(r, KK_CONFLICT, &(struct field_error){NULL, "offer_taken", 0});
	else
		reply_error(r, 404, "not_found");
	return false;
}

/* Desk or admin only: the company and experts are told it does not exist. */
static int desk_access(struct req *r, int64_t id, struct request *q)
{
	enum access access;
	int rc = request_access(r, id, q, &access);
	if (rc == KK_OK && access != ACCESS_DESK && access != ACCESS_ADMIN)
		rc = KK_NOTFOUND;
	return rc;
}

int request_allowance(struct db *db, int64_t company_id, struct allowance *out)
{
	int used = requests_hours_used(db, company_id, date_jst_year_start(db_now()));
	out->used_tenths = used < 0 ? 0 : used;
	out->free_hours = app_config.allowance_hours;
	return used < 0 ? KK_ERR : KK_OK;
}

/* ---- actions ---- */

/* Commit what rc says succeeded; roll back otherwise. Returns rc, or KK_ERR when the
 * commit failed. */
static int finish(struct db *db, int rc)
{
	if (rc == KK_OK && db_commit(db) == KK_OK)
		return KK_OK;
	db_rollback(db);
	return rc == KK_OK ? KK_ERR : rc;
}

/* finish(), then q as it now is. */
static int finish_reload(struct req *r, int rc, struct request *q)
{
	if ((rc = finish(r->db, rc)) == KK_OK)
		rc = requests_get(r->db, r->a, q->id, q);
	return rc;
}

static int invalid(struct field_error *why, const char *field, const char *code, int limit)
{
	*why = (struct field_error){field, code, limit};
	return KK_INVALID;
}

static int conflict(struct field_error *why, const char *code)
{
	*why = (struct field_error){NULL, code, 0};
	return KK_CONFLICT;
}

/* Topics and roles (taxonomy codes) into q; an absent list is left as it is when
 * `keep_absent`, else emptied. */
static int read_items(struct req *r, struct request *q, bool keep_absent, struct field_error *why)
{
	static const struct field_spec code = {"topics", FT_TEXT, true, 1, 24, NULL};
	static const char *const names[2] = {"topics", "roles"};
	for (int l = 0; l < 2; l++) {
		if (keep_absent && input_raw(r, names[l]).kind == RAW_ABSENT)
			continue;
		struct raw_value raw[REQUEST_MAX_ITEMS];
		int n = input_list(r, names[l], raw, REQUEST_MAX_ITEMS);
		if (n < 0)
			return invalid(why, names[l], "type", 0);
		int *count = l == 0 ? &q->ntopics : &q->nroles;
		*count = 0;
		for (int i = 0; i < n; i++) {
			struct field_val fv;
			if (validate_field(&code, &raw[i], r->a, &fv, why) < 0 ||
			    (l == 0 ? !taxonomy_skill(fv.s) : !taxonomy_role(fv.s)))
				return invalid(why, names[l], "choice", 0);
			(l == 0 ? q->topics : q->roles)[(*count)++] = fv.s;
		}
	}
	return KK_OK;
}

static int read_fields(struct req *r, const struct field_spec *spec, size_t n, struct field_val *v,
                       struct field_error *why)
{
	return input_read(r, spec, n, v, why) == 0 ? KK_OK : KK_INVALID;
}

int request_file(struct req *r, struct request *q, struct field_error *why)
{
	static const struct field_spec spec[] = {
	    {"kind", FT_ENUM, true, 0, 0, request_kinds},
	    {"description", FT_LINES, true, 1, 4000, NULL},
	    {"mode", FT_ENUM, false, 0, 0, request_modes},
	    {"urgency", FT_ENUM, false, 0, 0, request_urgencies},
	    {"assessment_id", FT_INT, false, 1, INT_MAX, NULL},
	};
	struct field_val v[5];
	int rc = read_fields(r, spec, 5, v, why);
	if (rc != KK_OK)
		return rc;
	*q = (struct request){0};
	q->kind = v[0].s;
	q->description = v[1].s;
	q->mode = v[2].present ? v[2].s : "remote";
	q->urgency = v[3].present ? v[3].s : strcmp(q->kind, "incident") == 0 ? "high" : "normal";
	q->assessment_id = v[4].present ? v[4].n : 0;
	if ((rc = read_items(r, q, false, why)) != KK_OK)
		return rc;
	/* Asked for a particular expert (from the Q&A): the desk sees it first thing. */
	struct raw_value want = input_raw(r, "expert_id");
	int64_t want_id = want.kind == RAW_INT      ? want.n
	                  : want.kind == RAW_STRING ? strtoll(want.s, NULL, 10)
	                                            : 0;
	return request_submit(r, q, want_id, why);
}

int request_submit(struct req *r, struct request *q, int64_t want_id, struct field_error *why)
{
	struct company c;
	if (companies_get(r->db, r->a, r->user->id, &c) != KK_OK)
		return conflict(why, "company_missing");
	q->company_id = c.id;
	q->prefecture = c.prefecture;
	bool incident = strcmp(q->kind, "incident") == 0;
	/* Only the company's own assessment can be shared with its request. */
	struct assessment shared;
	if (q->assessment_id && (assessments_get(r->db, r->a, q->assessment_id, &shared) != KK_OK ||
	                         shared.company_id != c.id))
		return invalid(why, "assessment_id", "choice", 0);
	if (desks_for_prefecture(r->db, q->prefecture, &q->desk_id) == KK_ERR)
		return KK_ERR;
	/* An incident is offered inside the transaction, from the registry as it is then. */
	if (incident && registry_sync(r->db) != KK_OK)
		return KK_ERR;
	if (db_begin(r->db) < 0)
		return KK_ERR;
	int rc = requests_create(r->db, q, &q->id);
	if (rc != KK_OK)
		return finish(r->db, rc);
	int64_t id = q->id;
	request_timeline(r->db, id, "filed", r->user->id, q->kind);
	struct expert chosen;
	if (want_id > 0 && experts_get(r->db, r->a, want_id, &chosen) == KK_OK && !chosen.hidden)
		request_timeline(r->db, id, "expert_requested", r->user->id,
		                 arena_printf(r->a, "expert %lld %s", (long long)chosen.id,
		                              chosen.display_name));
	if (q->assessment_id)
		request_timeline(
		    r->db, id, "assessment_shared", r->user->id,
		    arena_printf(r->a, "assessment %lld", (long long)q->assessment_id));
	request_timeline(r->db, id, "routed", 0,
	                 q->desk_id ? arena_printf(r->a, "desk %lld", (long long)q->desk_id)
	                            : "no desk");
	request_notify_desk(r->db, q->desk_id, incident ? "incident_filed" : "request_filed", id);
	if (incident) {
		requests_set_status(r->db, id, "offered");
		incident_offer(r->db, r->a, q);
	}
	audit_add(r->db, "request_filed", r->user->id, r->user->id, r->ip,
	          arena_printf(r->a, "request %lld %s", (long long)id, q->kind));
	if ((rc = finish(r->db, KK_OK)) == KK_OK && incident)
		worker_poke();
	return rc;
}

int request_update(struct req *r, int64_t id, struct request *q, struct field_error *why)
{
	static const struct field_spec spec[] = {
	    {"urgency", FT_ENUM, false, 0, 0, request_urgencies}};
	struct field_val v[1];
	int rc = desk_access(r, id, q);
	if (rc == KK_OK)
		rc = read_fields(r, spec, 1, v, why);
	if (rc == KK_OK && v[0].present)
		q->urgency = v[0].s;
	if (rc == KK_OK)
		rc = read_items(r, q, true, why);
	if (rc != KK_OK)
		return rc;
	if (db_begin(r->db) < 0)
		return KK_ERR;
	rc = requests_set_items(r->db, q->id, q);
	if (rc == KK_OK)
		rc = request_timeline(r->db, q->id, "updated", r->user->id, NULL);
	return finish_reload(r, rc, q);
}

int request_transfer(struct req *r, int64_t id, int64_t *desk_id, struct field_error *why)
{
	static const struct field_spec spec[] = {{"prefecture", FT_PREF, true, 0, 0, NULL},
	                                         {"note", FT_LINES, true, 1, 2000, NULL}};
	struct request q;
	struct field_val v[2];
	int rc = desk_access(r, id, &q);
	if (rc == KK_OK)
		rc = read_fields(r, spec, 2, v, why);
	if (rc != KK_OK)
		return rc;
	if (desks_for_prefecture(r->db, v[0].s, desk_id) != KK_OK)
		return invalid(why, "prefecture", "no_desk", 0);
	if (*desk_id == q.desk_id) /* that prefecture is served by this very desk */
		return invalid(why, "prefecture", "same_desk", 0);
	if (db_begin(r->db) < 0)
		return KK_ERR;
	rc = requests_set_desk(r->db, q.id, *desk_id);
	if (rc == KK_OK)
		rc = request_timeline(
		    r->db, q.id, "transferred", r->user->id,
		    arena_printf(r->a, "desk %lld: %s", (long long)*desk_id, v[1].s));
	if (rc == KK_OK) {
		request_notify_desk(r->db, *desk_id, "request_transferred", q.id);
		request_notify(r->db, &q.company_id, 1, "request_moved", q.id);
	}
	return finish(r->db, rc);
}

/* Assign ids to q, close its offers and deadline, tell everyone (in the caller's
 * transaction). */
static int assign(struct req *r, const struct request *q, const int64_t *ids, int n,
                  const char *event)
{
	int rc = KK_OK;
	for (int i = 0; i < n && rc == KK_OK; i++)
		rc = assignees_add(r->db, q->id, ids[i]);
	if (rc == KK_OK)
		rc = requests_set_status(r->db, q->id, "assigned");
	if (rc == KK_OK)
		rc = offers_withdraw_open(r->db, q->id);
	if (rc == KK_OK)
		rc = requests_set_ring(r->db, q->id, q->ring, 0);
	struct buf who;
	buf_init(&who, r->a);
	for (int i = 0; i < n; i++)
		buf_printf(&who, "%s%lld", i ? "," : "expert ", (long long)ids[i]);
	if (rc == KK_OK)
		rc = request_timeline(r->db, q->id, event, r->user->id, who.p);
	if (rc == KK_OK) {
		request_notify(r->db, ids, n, "request_assigned", q->id);
		request_notify(r->db, &q->company_id, 1, "request_matched", q->id);
	}
	return rc;
}

/* The expert_ids of a JSON body (an array of integers) or a form (one field each). */
static int read_expert_ids(struct req *r, int64_t *ids, struct field_error *why)
{
	struct raw_value raw[5];
	int n = input_list(r, "expert_ids", raw, 5);
	if (n < 0 && r->json && json_is_array(json_object_get(r->json, "expert_ids"))) {
		json_t *arr = json_object_get(r->json, "expert_ids"), *v;
		size_t i;
		n = (int)json_array_size(arr);
		json_array_foreach(arr, i, v)
		{
			if (i < 5)
				raw[i] = json_is_integer(v)
				             ? (struct raw_value){RAW_INT, NULL, 0,
				                                  json_integer_value(v)}
				             : (struct raw_value){RAW_OTHER, NULL, 0, 0};
		}
	}
	if (n <= 0 || n > 4)
		return invalid(why, "expert_ids", n > 4 ? "too_many" : "required", 4);
	for (int i = 0; i < n; i++) {
		struct expert e;
		int64_t id = raw[i].kind == RAW_INT                  ? raw[i].n
		             : raw[i].kind == RAW_STRING && !r->json ? strtoll(raw[i].s, NULL, 10)
		                                                     : -1;
		if (id <= 0 || experts_get(r->db, r->a, id, &e) != KK_OK || e.hidden ||
		    !e.ethics_accepted_at)
			return invalid(why, "expert_ids", "not_expert", 0);
		ids[i] = e.id;
	}
	return n;
}

int request_assign(struct req *r, int64_t id, struct request *q, struct field_error *why)
{
	int64_t ids[4];
	int rc = desk_access(r, id, q);
	if (rc != KK_OK)
		return rc;
	int n = read_expert_ids(r, ids, why);
	if (n < 0)
		return n;
	if (strcmp(q->status, "closed") == 0)
		return conflict(why, "request_closed");
	if (db_begin(r->db) < 0)
		return KK_ERR;
	if ((rc = finish(r->db, assign(r, q, ids, n, "assigned"))) == KK_OK)
		rc = requests_get(r->db, r->a, q->id, q);
	return rc;
}

int request_accept(struct req *r, int64_t id, struct request *q, struct field_error *why)
{
	if (!(r->user->role & ROLE_EXPERT) || id < 0 || requests_get(r->db, r->a, id, q) != KK_OK ||
	    !offers_status(r->db, r->a, id, r->user->id))
		return KK_NOTFOUND;
	if (db_begin(r->db) < 0)
		return KK_ERR;
	int rc = offers_accept(r->db, id, r->user->id);
	if (rc == KK_CONFLICT) {
		db_rollback(r->db);
		return conflict(why, "offer_taken");
	}
	int64_t me = r->user->id;
	if (rc == KK_OK)
		rc = assign(r, q, &me, 1, "accepted");
	if (rc == KK_OK)
		request_notify_desk(r->db, q->desk_id, "incident_accepted", q->id);
	return finish_reload(r, rc, q);
}

int request_message(struct req *r, int64_t id, int64_t *message_id, struct field_error *why)
{
	static const struct field_spec spec[] = {{"body", FT_LINES, true, 1, 4000, NULL}};
	struct request q;
	enum access access;
	struct field_val v[1];
	int rc = request_access(r, id, &q, &access);
	if (rc == KK_OK && access == ACCESS_OFFER)
		rc = KK_NOTFOUND;
	if (rc == KK_OK)
		rc = read_fields(r, spec, 1, v, why);
	if (rc != KK_OK)
		return rc;
	if (db_begin(r->db) < 0)
		return KK_ERR;
	rc = request_message_add(r->db, q.id, r->user->id, v[0].s, message_id);
	if (rc == KK_OK) {
		/* Everyone else in the thread hears of it. */
		int64_t others[64], ids[16], ops[32];
		int n = 0;
		if (q.company_id != r->user->id)
			others[n++] = q.company_id;
		int k = assignees(r->db, q.id, ids, 16);
		for (int i = 0; i < k; i++)
			if (ids[i] != r->user->id)
				others[n++] = ids[i];
		k = q.desk_id ? desks_operators(r->db, q.desk_id, ops, 32) : 0;
		for (int i = 0; i < k; i++)
			if (ops[i] != r->user->id)
				others[n++] = ops[i];
		request_notify(r->db, others, n, "request_message", q.id);
	}
	return finish(r->db, rc);
}

/* Hours from a JSON number or a form's decimal text; -1 when absent or not a number. */
static double read_hours(struct req *r)
{
	if (r->json) {
		json_t *h = json_object_get(r->json, "hours");
		return json_is_number(h) ? json_number_value(h) : -1;
	}
	const char *s = input_form_value(r, "hours");
	char *end;
	double hours = *s ? strtod(s, &end) : -1;
	return *s && *end ? -1 : hours;
}

int request_close(struct req *r, int64_t id, struct request *q, enum access *access,
                  struct field_error *why)
{
	static const struct field_spec spec[] = {{"report", FT_LINES, true, 1, 8000, NULL}};
	struct field_val v[1];
	int rc = request_access(r, id, q, access);
	if (rc != KK_OK)
		return rc;
	if (*access != ACCESS_EXPERT)
		return *access == ACCESS_OFFER ? KK_NOTFOUND : KK_FORBIDDEN;
	if ((rc = read_fields(r, spec, 1, v, why)) != KK_OK)
		return rc;
	double hours = read_hours(r);
	if (!(hours >= 0 && hours <= 1000))
		return invalid(why, "hours", "range", 1000);
	if (db_begin(r->db) < 0)
		return KK_ERR;
	rc = requests_close(r->db, q->id, v[0].s, (int)lround(hours * 10));
	if (rc == KK_NOTFOUND) {
		db_rollback(r->db);
		return conflict(why, "request_closed");
	}
	if (rc == KK_OK)
		rc = request_timeline(r->db, q->id, "closed", r->user->id,
		                      arena_printf(r->a, "%.1f h", hours));
	if (rc == KK_OK) {
		request_notify(r->db, &q->company_id, 1, "request_closed", q->id);
		request_notify_desk(r->db, q->desk_id, "request_closed", q->id);
	}
	return finish_reload(r, rc, q);
}

int request_rate(struct req *r, int64_t id, int *stars, struct field_error *why)
{
	static const struct field_spec spec[] = {{"stars", FT_INT, true, 1, 5, NULL},
	                                         {"comment", FT_LINES, false, 0, 2000, NULL}};
	struct request q;
	enum access access;
	struct field_val v[2];
	int rc = request_access(r, id, &q, &access);
	if (rc != KK_OK)
		return rc;
	if (access != ACCESS_COMPANY)
		return KK_FORBIDDEN;
	if ((rc = read_fields(r, spec, 2, v, why)) != KK_OK)
		return rc;
	if (strcmp(q.status, "closed") != 0)
		return conflict(why, "request_open");
	if (db_begin(r->db) < 0)
		return KK_ERR;
	rc = ratings_add(r->db, q.id, (int)v[0].n, v[1].present ? v[1].s : "");
	if (rc == KK_CONFLICT) {
		db_rollback(r->db);
		return conflict(why, "already_rated");
	}
	*stars = (int)v[0].n;
	if (rc == KK_OK)
		rc = request_timeline(r->db, q.id, "rated", r->user->id,
		                      arena_printf(r->a, "%d", *stars));
	return finish(r->db, rc);
}

bool request_can_file(const struct req *r)
{
	return !r->user || (r->user->role & ROLE_SME);
}

int request_act(struct req *r, const char *action, int64_t id, struct request *q,
                enum access *access, struct field_error *why)
{
	*access = ACCESS_DESK;
	if (strcmp(action, "edit") == 0)
		return request_update(r, id, q, why);
	if (strcmp(action, "assign") == 0)
		return request_assign(r, id, q, why);
	if (strcmp(action, "close") == 0)
		return request_close(r, id, q, access, why);
	*access = ACCESS_EXPERT;
	return strcmp(action, "accept") == 0 ? request_accept(r, id, q, why) : KK_NOTFOUND;
}
