/* api_requests.c — companies, desks and consultation requests: filing, the
 * desk's queue, matching, assignment, incident offers with escalation by
 * rings, messages, closing and rating. */
#include "app/errors.h"
#include "app/config.h"
#include "app/desks.h"
#include "app/handlers.h"
#include "domain/date.h"
#include "domain/text.h"
#include "jobs/worker.h"
#include "store/accounts.h"
#include "store/audit.h"
#include "store/experts.h"
#include "app/notify.h"
#include "store/prefectures.h"
#include "store/taxonomy.h"
#include "view/i18n.h"
#include "view/links.h"

#include <math.h>
#include <stdlib.h>
#include <string.h>

#define MATCH_LOAD_MAX  200000
#define OFFERS_PER_RING 10
#define LIST_MAX        200

static const char *const kinds[] = {"advice", "incident", NULL};
static const char *const modes[] = {"remote", "onsite", NULL};
static const char *const urgencies[] = {"low", "normal", "high", NULL};
static const char *const bands[] = {"1-5", "6-20", "21-50", "51-100", "101-300", "301+", NULL};

/* Every step goes on the request's timeline and, when configured, to the webhook. */
static int timeline(struct db *db, int64_t id, const char *event, int64_t actor, const char *detail)
{
	int rc = request_event_add(db, id, event, actor, detail);
	if (rc == KK_OK)
		webhook_event(db, event, id);
	return rc;
}

/* A form from the pages (not the API): go to the request's page instead of JSON. */
static bool page_done(struct req *r, const char *path)
{
	if (r->is_api)
		return false;
	reply_redirect(r, path);
	return true;
}

static const char *request_path(struct req *r, int64_t id)
{
	return link_request(r->a, id, NULL);
}

/* ---- companies ---- */

static json_t *company_json(const struct company *c)
{
	json_t *v = json_array();
	for (int i = 0; i < c->nvendors; i++)
		json_array_append_new(v, json_string(c->vendors[i]));
	return json_pack("{s:I,s:s,s:s,s:s,s:s,s:o}", "id", (json_int_t)c->id, "name", c->name,
	                 "prefecture", c->prefecture, "industry", c->industry, "employees",
	                 c->employees, "vendors", v);
}

void api_companies_put_me(struct req *r)
{
	static const char *const industries[] = {"A", "B", "C", "D", "E", "F", "G",
	                                         "H", "I", "J", "K", "L", "M", "N",
	                                         "O", "P", "Q", "R", "S", "T", NULL};
	static const struct field_spec spec[] = {
	    {"name", FT_TEXT, true, 1, 100, NULL},
	    {"prefecture", FT_PREF, true, 0, 0, NULL},
	    {"industry", FT_ENUM, true, 0, 0, industries},
	    {"employees", FT_ENUM, true, 0, 0, bands},
	};
	static const struct field_spec vendor = {"vendors", FT_TEXT, true, 1, 100, NULL};
	struct field_val v[4];
	if (!input_or_reply(r, spec, 4, v))
		return;
	struct company c = {r->user->id, v[0].s, v[1].s, v[2].s, v[3].s, 0, {0}};
	struct raw_value raw[COMPANY_MAX_VENDORS];
	int n = 0;
	if (r->json) {
		n = input_list(r, "vendors", raw, COMPANY_MAX_VENDORS);
	} else { /* the form: one vendor per line */
		char *lines = arena_strdup(r->a, input_form_value(r, "vendors"));
		for (char *save = NULL, *t = strtok_r(lines, "\r\n", &save); t;
		     t = strtok_r(NULL, "\r\n", &save)) {
			if (n == COMPANY_MAX_VENDORS) {
				n = -1;
				break;
			}
			raw[n++] = (struct raw_value){RAW_STRING, t, strlen(t), 0};
		}
	}
	struct field_error err = {"vendors", "type", 0};
	if (n < 0) {
		reply_invalid(r, &err);
		return;
	}
	for (int i = 0; i < n; i++) {
		struct field_val fv;
		if (validate_field(&vendor, &raw[i], r->a, &fv, &err) < 0) {
			reply_invalid(r, &err);
			return;
		}
		c.vendors[c.nvendors++] = fv.s;
	}
	struct company old;
	bool existed = companies_get(r->db, r->a, c.id, &old) == KK_OK;
	if (db_begin(r->db) < 0 || companies_save(r->db, &c) < 0 || db_commit(r->db) < 0) {
		db_rollback(r->db);
		reply_error(r, 500, "internal");
		return;
	}
	if (!page_done(r, "/requests/new"))
		reply_json(r, existed ? 200 : 201, company_json(&c));
}

void api_companies_get_me(struct req *r)
{
	struct company c;
	int rc = companies_get(r->db, r->a, r->user->id, &c);
	if (rc != KK_OK)
		reply_error(r, rc == KK_NOTFOUND ? 404 : 500,
		            rc == KK_NOTFOUND ? "not_found" : "internal");
	else
		reply_json(r, 200, company_json(&c));
}

/* ---- desks ---- */

static json_t *desk_json(struct req *r, const struct desk *d)
{
	int64_t ops[50];
	int n = desks_operators(r->db, d->id, ops, 50);
	json_t *o = json_array();
	for (int i = 0; i < n; i++)
		json_array_append_new(o, json_integer(ops[i]));
	json_t *j = json_pack("{s:I,s:s,s:s,s:s,s:s,s:o}", "id", (json_int_t)d->id, "prefecture",
	                      d->prefecture, "name", d->name, "hours", d->hours, "contact",
	                      d->contact, "operators", o);
	json_object_set_new(j, "community_id",
	                    d->community_id ? json_integer(d->community_id) : json_null());
	return j;
}

void api_desks_create(struct req *r)
{
	static const struct field_spec spec[] = {
	    {"prefecture", FT_PREF, true, 0, 0, NULL},
	    {"name", FT_TEXT, true, 1, 100, NULL},
	    {"community_id", FT_INT, false, 1, 2000000000, NULL},
	    {"hours", FT_TEXT, false, 0, 200, NULL},
	    {"contact", FT_TEXT, false, 0, 200, NULL},
	};
	struct field_val v[5];
	if (!input_or_reply(r, spec, 5, v))
		return;
	struct desk d = {0,      v[2].present ? v[2].n : 0,  v[0].s,
	                 v[1].s, v[3].present ? v[3].s : "", v[4].present ? v[4].s : ""};
	int64_t id;
	if (db_begin(r->db) < 0) {
		reply_error(r, 500, "internal");
		return;
	}
	int rc = desks_create(r->db, &d, &id);
	if (rc == KK_OK)
		rc = audit_add(r->db, "desk_created", 0, r->user->id, r->ip, d.name);
	if (rc != KK_OK || db_commit(r->db) != KK_OK) {
		db_rollback(r->db);
		/* The one way a valid body fails: a community id that does not exist. */
		struct field_error err = {"community_id", "choice", 0};
		reply_invalid(r, &err);
		return;
	}
	reply_json(r, 201, json_pack("{s:I}", "id", (json_int_t)id));
}

void api_desks_list(struct req *r)
{
	struct desk *list = arena_alloc(r->a, sizeof *list * 500);
	int n = desks_list(r->db, r->a, list, 500);
	json_t *arr = json_array();
	for (int i = 0; i < n; i++)
		json_array_append_new(arr, desk_json(r, &list[i]));
	reply_json(r, 200, json_pack("{s:o}", "desks", arr));
}

void api_desks_add_operator(struct req *r)
{
	static const struct field_spec spec[] = {{"account_id", FT_INT, true, 1, 2000000000, NULL}};
	struct field_val v[1];
	struct desk d;
	struct account acc;
	int64_t id = req_param_id(r, 0);
	if (id < 0 || desks_get(r->db, r->a, id, &d) != KK_OK) {
		reply_error(r, 404, "not_found");
		return;
	}
	if (!input_or_reply(r, spec, 1, v))
		return;
	if (accounts_by_id(r->db, r->a, v[0].n, &acc) != KK_OK || strcmp(acc.role, "desk") != 0) {
		struct field_error err = {"account_id", "not_desk", 0};
		reply_invalid(r, &err);
		return;
	}
	if (db_begin(r->db) < 0 || desks_add_operator(r->db, id, acc.id) < 0 ||
	    audit_add(r->db, "desk_operator_added", acc.id, r->user->id, r->ip, d.name) < 0 ||
	    db_commit(r->db) < 0) {
		db_rollback(r->db);
		reply_error(r, 500, "internal");
		return;
	}
	reply_json(r, 200, desk_json(r, &d));
}

/* ---- access ---- */

static bool is_operator(struct req *r, int64_t desk_id)
{
	int64_t desks[20];
	int n = desks_of_operator(r->db, r->user->id, desks, 20);
	for (int i = 0; i < n; i++)
		if (desks[i] == desk_id)
			return true;
	return false;
}

static bool is_assignee(struct db *db, int64_t id, int64_t expert_id)
{
	int64_t ids[16];
	int n = assignees(db, id, ids, 16);
	for (int i = 0; i < n; i++)
		if (ids[i] == expert_id)
			return true;
	return false;
}

bool request_load_or_reply(struct req *r, int64_t id, struct request *q, enum access *access)
{
	*access = ACCESS_NONE;
	if (id > 0 && requests_get(r->db, r->a, id, q) == KK_OK) {
		if (r->user->role & ROLE_ADMIN)
			*access = ACCESS_ADMIN;
		else if (q->company_id == r->user->id)
			*access = ACCESS_COMPANY;
		else if ((r->user->role & ROLE_DESK) && q->desk_id && is_operator(r, q->desk_id))
			*access = ACCESS_DESK;
		else if (r->user->role & ROLE_EXPERT) {
			if (is_assignee(r->db, id, r->user->id))
				*access = ACCESS_EXPERT;
			else {
				const char *offer = offers_status(r->db, r->a, id, r->user->id);
				if (offer && strcmp(offer, "open") == 0)
					*access = ACCESS_OFFER;
			}
		}
	}
	if (*access == ACCESS_NONE) {
		reply_error(r, 404, "not_found");
		return false;
	}
	if (strcmp(q->kind, "incident") == 0 && strcmp(r->method, "GET") == 0)
		audit_add(r->db, "incident_viewed", q->company_id, r->user->id, r->ip,
		          arena_printf(r->a, "request %lld", (long long)id));
	return true;
}

/* ---- JSON ---- */

static json_t *strings(const char *const *list, int n)
{
	json_t *a = json_array();
	for (int i = 0; i < n; i++)
		json_array_append_new(a, json_string(list[i]));
	return a;
}

static json_t *time_json(int64_t t)
{
	char s[21];
	if (!t)
		return json_null();
	date_format_utc(t, s);
	return json_string(s);
}

static json_t *guidance_json(struct req *r)
{
	json_t *g = json_array();
	for (int i = 1; i <= 7; i++)
		json_array_append_new(
		    g, json_string(i18n_get(r->lang, arena_printf(r->a, "guidance.%d", i))));
	return g;
}

/* The year's used hours against the free allowance (Japan's calendar year). */
json_t *request_allowance_json(struct req *r, int64_t company_id)
{
	char today[11], jan1[11];
	date_jst(db_now(), today);
	memcpy(jan1, today, 5);
	memcpy(jan1 + 5, "01-01", 6);
	/* 1 January 00:00 in Japan is 31 December 15:00 UTC. */
	int64_t since = db_now() - (int64_t)date_diff_days(jan1, today) * 86400 -
	                ((db_now() + 9 * 3600) % 86400);
	int used = requests_hours_used(r->db, company_id, since);
	return json_pack("{s:f,s:i}", "used_hours", used / 10.0, "free_hours",
	                 app_config.allowance_hours);
}

static json_t *request_json(struct req *r, const struct request *q, enum access access)
{
	json_t *j = json_pack("{s:I,s:s,s:s,s:s,s:s,s:o,s:o,s:s,s:o}", "id", (json_int_t)q->id,
	                      "kind", q->kind, "status", q->status, "mode", q->mode, "urgency",
	                      q->urgency, "topics", strings(q->topics, q->ntopics), "roles",
	                      strings(q->roles, q->nroles), "prefecture", q->prefecture,
	                      "created_at", time_json(q->created_at));
	struct company c;
	bool has_company = companies_get(r->db, r->a, q->company_id, &c) == KK_OK;
	if (access == ACCESS_OFFER) { /* enough to decide, no more */
		if (has_company)
			json_object_set_new(j, "company",
			                    json_pack("{s:s,s:s}", "industry", c.industry,
			                              "employees", c.employees));
		return j;
	}
	json_object_set_new(j, "description", json_string(q->description));
	json_object_set_new(j, "desk_id", q->desk_id ? json_integer(q->desk_id) : json_null());
	json_object_set_new(j, "ring", json_integer(q->ring));
	if (has_company)
		json_object_set_new(j, "company",
		                    json_pack("{s:I,s:s,s:s,s:s}", "id", (json_int_t)c.id, "name",
		                              c.name, "industry", c.industry, "employees",
		                              c.employees));
	int64_t ids[16];
	int n = assignees(r->db, q->id, ids, 16);
	json_t *as = json_array();
	for (int i = 0; i < n; i++) {
		struct expert e;
		if (experts_get(r->db, r->a, ids[i], &e) == KK_OK)
			json_array_append_new(as,
			                      json_pack("{s:I,s:s}", "expert_id", (json_int_t)e.id,
			                                "display_name", e.display_name));
	}
	json_object_set_new(j, "assignees", as);
	struct request_event ev[100];
	n = request_events(r->db, r->a, q->id, ev, 100);
	json_t *tl = json_array();
	for (int i = 0; i < n; i++) {
		json_t *e = json_pack("{s:o,s:s}", "at", time_json(ev[i].at), "event", ev[i].event);
		if (ev[i].detail)
			json_object_set_new(e, "detail", json_string(ev[i].detail));
		json_array_append_new(tl, e);
	}
	json_object_set_new(j, "timeline", tl);
	struct request_message msgs[200];
	n = request_messages(r->db, r->a, q->id, msgs, 200);
	json_t *ms = json_array();
	for (int i = 0; i < n; i++)
		json_array_append_new(ms,
		                      json_pack("{s:I,s:I,s:s,s:o}", "id", (json_int_t)msgs[i].id,
		                                "author_id", (json_int_t)msgs[i].author_id, "body",
		                                msgs[i].body, "at", time_json(msgs[i].created_at)));
	json_object_set_new(j, "messages", ms);
	if (q->report) {
		json_object_set_new(j, "report", json_string(q->report));
		json_object_set_new(j, "hours", json_real(q->hours_tenths / 10.0));
	}
	if (strcmp(q->kind, "incident") == 0 && access == ACCESS_COMPANY)
		json_object_set_new(j, "guidance", guidance_json(r));
	if (access == ACCESS_COMPANY || access == ACCESS_DESK || access == ACCESS_ADMIN)
		json_object_set_new(j, "allowance", request_allowance_json(r, q->company_id));
	return j;
}

/* ---- matching ---- */

static int distance(const struct prefecture *target, const char *const *prefs, int n)
{
	int best = DIST_FAR;
	for (int i = 0; i < n; i++) {
		const struct prefecture *p = prefecture_by_code(prefs[i]);
		if (!p)
			continue;
		if (strcmp(p->code, target->code) == 0)
			return DIST_SAME;
		for (int k = 0; k < target->nneighbours; k++)
			if (strcmp(target->neighbours[k], p->code) == 0 && best > DIST_NEIGHBOUR)
				best = DIST_NEIGHBOUR;
		if (strcmp(p->block, target->block) == 0 && best > DIST_BLOCK)
			best = DIST_BLOCK;
	}
	return best;
}

struct pool {
	struct match_request rq;
	struct match_expert *ex;
	int n;
};

/* Load the experts who could help with q, with distances, and the company's vendors. */
static int load_pool(struct db *db, struct arena *a, const struct request *q, bool on_call_only,
                     struct pool *p)
{
	memset(&p->rq, 0, sizeof p->rq);
	p->rq.incident = strcmp(q->kind, "incident") == 0;
	p->rq.onsite = strcmp(q->mode, "onsite") == 0;
	for (int i = 0; i < q->ntopics && i < MATCH_MAX_ITEMS; i++)
		p->rq.topics[p->rq.ntopics++] = q->topics[i];
	for (int i = 0; i < q->nroles && i < MATCH_MAX_ITEMS; i++)
		p->rq.roles[p->rq.nroles++] = q->roles[i];
	struct company c;
	if (companies_get(db, a, q->company_id, &c) == KK_OK)
		for (int i = 0; i < c.nvendors && i < MATCH_MAX_LIST; i++)
			p->rq.vendors[p->rq.nvendors++] = text_fold(a, c.vendors[i]);
	/* Incidents without topics or roles still need responders. */
	if (p->rq.incident && p->rq.ntopics == 0 && p->rq.nroles == 0)
		p->rq.roles[p->rq.nroles++] = "responder";
	p->ex = malloc(sizeof *p->ex * MATCH_LOAD_MAX);
	const char *(*prefs)[MATCH_MAX_PREFS] = malloc(sizeof *prefs * MATCH_LOAD_MAX);
	int *nprefs = malloc(sizeof *nprefs * MATCH_LOAD_MAX);
	p->n = (p->ex && prefs && nprefs)
	           ? match_load(db, a, q->prefecture, p->rq.topics, p->rq.ntopics, p->rq.roles,
	                        p->rq.nroles, on_call_only, p->ex, prefs, nprefs, MATCH_LOAD_MAX)
	           : -1;
	const struct prefecture *target = prefecture_by_code(q->prefecture);
	for (int i = 0; i < p->n; i++) {
		p->ex[i].distance = target ? distance(target, prefs[i], nprefs[i]) : DIST_FAR;
		for (int k = 0; k < p->ex[i].nconflicts; k++)
			p->ex[i].conflicts[k] = text_fold(a, p->ex[i].conflicts[k]);
	}
	free(prefs);
	free(nprefs);
	return p->n;
}

static json_t *reasons_json(struct req *r, const struct match_candidate *c)
{
	json_t *arr = json_array();
	for (int i = 0; i < c->nreasons; i++) {
		const struct match_reason *m = &c->reasons[i];
		const char *arg = m->arg ? m->arg : "";
		const struct tax_skill *s = m->arg ? taxonomy_skill(m->arg) : NULL;
		const struct tax_item *ro = m->arg ? taxonomy_role(m->arg) : NULL;
		bool en = strcmp(r->lang, "en") == 0;
		if (s)
			arg = en ? s->name_en : s->name_ja;
		else if (ro)
			arg = en ? ro->name_en : ro->name_ja;
		const char *args[2] = {arg, strcmp(m->code, "rating") == 0
		                                ? arena_printf(r->a, "%d.%d", m->n / 10, m->n % 10)
		                                : arena_printf(r->a, "%d", m->n)};
		struct buf b;
		buf_init(&b, r->a);
		const char *code =
		    strcmp(m->code, "recent") == 0 && m->n == 0 ? "recent_today" : m->code;
		i18n_format(&b, i18n_get(r->lang, arena_printf(r->a, "match.%s", code)), args, 2,
		            NULL);
		json_array_append_new(arr, json_string(b.p));
	}
	return arr;
}

static json_t *covers_json(const struct request *q, unsigned bits)
{
	json_t *arr = json_array();
	for (int i = 0; i < q->ntopics && i < 8; i++)
		if (bits & (1u << i))
			json_array_append_new(arr, json_string(q->topics[i]));
	for (int j = 0; j < q->nroles && j < 8; j++)
		if (bits & (1u << (8 + j)))
			json_array_append_new(arr, json_string(q->roles[j]));
	return arr;
}

json_t *request_matches_json(struct req *r, const struct request *q)
{
	struct pool p;
	if (load_pool(r->db, r->a, q, false, &p) < 0) {
		free(p.ex);
		return NULL;
	}
	struct match_candidate cands[30];
	int n = match_rank(&p.rq, p.ex, p.n, cands, 30);
	free(p.ex);
	struct match_team teams[5];
	int nt = match_teams(&p.rq, cands, n, 30, teams, 5);
	json_t *cj = json_array();
	for (int i = 0; i < n && i < 20; i++)
		json_array_append_new(
		    cj, json_pack("{s:I,s:i,s:o,s:o}", "expert_id", (json_int_t)cands[i].id,
		                  "score", cands[i].score, "reasons", reasons_json(r, &cands[i]),
		                  "covers", covers_json(q, cands[i].covers)));
	json_t *tj = json_array();
	for (int t = 0; t < nt; t++) {
		json_t *members = json_array();
		for (int m = 0; m < teams[t].size; m++)
			json_array_append_new(
			    members, json_pack("{s:I,s:o}", "expert_id",
			                       (json_int_t)cands[teams[t].members[m]].id, "covers",
			                       covers_json(q, teams[t].covers[m])));
		json_array_append_new(
		    tj, json_pack("{s:o,s:i}", "members", members, "score", teams[t].score));
	}
	return json_pack("{s:o,s:o}", "candidates", cj, "teams", tj);
}

void api_requests_matches(struct req *r)
{
	struct request q;
	enum access access;
	if (!request_load_or_reply(r, req_param_id(r, 0), &q, &access))
		return;
	if (access != ACCESS_DESK && access != ACCESS_ADMIN) {
		reply_error(r, 404, "not_found");
		return;
	}
	json_t *j = request_matches_json(r, &q);
	if (j)
		reply_json(r, 200, j);
	else
		reply_error(r, 500, "internal");
}

/* ---- incident offers ---- */

static const char *request_link(struct arena *a, int64_t request_id)
{
	return link_request(a, request_id, NULL);
}

static void notify_all(struct db *db, const int64_t *ids, int n, const char *kind,
                       int64_t request_id)
{
	struct arena *a = arena_new();
	notify_many(db, ids, n, kind, request_link(a, request_id));
	arena_free(a);
}

static void notify_desk(struct db *db, int64_t desk_id, const char *kind, int64_t request_id)
{
	int64_t ops[50];
	int n = desk_id ? desks_operators(db, desk_id, ops, 50) : 0;
	notify_all(db, ops, n, kind, request_id);
}

/* Offer the case to the on-call experts of ring `ring` (0 prefecture, 1 neighbours,
 * 2 regional block, 3 remote nationwide). Returns how many were offered. */
static int offer_ring(struct db *db, struct arena *a, const struct request *q, int ring)
{
	struct pool p;
	if (load_pool(db, a, q, true, &p) < 0) {
		free(p.ex);
		return 0;
	}
	int k = 0;
	for (int i = 0; i < p.n; i++) /* keep this ring's experts only */
		if (p.ex[i].distance == ring || (ring == 3 && p.ex[i].distance == DIST_FAR))
			p.ex[k++] = p.ex[i];
	struct match_candidate c[OFFERS_PER_RING];
	int n = match_rank(&p.rq, p.ex, k, c, OFFERS_PER_RING);
	free(p.ex);
	int64_t ids[OFFERS_PER_RING];
	for (int i = 0; i < n; i++) {
		offers_add(db, q->id, c[i].id, ring);
		ids[i] = c[i].id;
	}
	notify_all(db, ids, n, "incident_offer", q->id);
	return n;
}

/* From ring `from` outward, offer until someone is offered; set the deadline. */
static void widen(struct db *db, struct arena *a, const struct request *q, int from)
{
	for (int ring = from; ring <= 3; ring++) {
		int n = offer_ring(db, a, q, ring);
		char detail[48];
		snprintf(detail, sizeof detail, "ring %d: %d offered", ring, n);
		timeline(db, q->id, ring == from && from == 0 ? "offered" : "escalated", 0, detail);
		if (n > 0 || ring == 3) {
			requests_set_ring(db, q->id, ring,
			                  ring < 3 || n > 0 ? db_now() + app_config.incident_sla
			                                    : 0);
			if (ring == 3 && n == 0)
				requests_set_ring(db, q->id, 3, 0);
			return;
		}
	}
}

void incidents_escalate_due(struct db *db)
{
	int64_t ids[64];
	int n = requests_due(db, db_now(), ids, 64);
	for (int i = 0; i < n; i++) {
		struct arena *a = arena_new();
		struct request q;
		if (db_begin(db) == KK_OK) {
			if (requests_get(db, a, ids[i], &q) == KK_OK) {
				if (strcmp(q.status, "offered") != 0 || q.ring >= 3) {
					requests_set_ring(db, q.id, q.ring, 0);
					if (strcmp(q.status, "offered") == 0) {
						timeline(db, q.id, "unanswered", 0, "ring 3");
						notify_desk(db, q.desk_id, "incident_unanswered",
						            q.id);
					}
				} else {
					widen(db, a, &q, q.ring + 1);
					notify_desk(db, q.desk_id, "incident_escalated", q.id);
				}
			}
			if (db_commit(db) != KK_OK)
				db_rollback(db);
		}
		arena_free(a);
	}
}

/* ---- requests ---- */

void api_requests_create(struct req *r)
{
	static const struct field_spec spec[] = {
	    {"kind", FT_ENUM, true, 0, 0, kinds},
	    {"description", FT_LINES, true, 1, 4000, NULL},
	    {"mode", FT_ENUM, false, 0, 0, modes},
	    {"urgency", FT_ENUM, false, 0, 0, urgencies},
	};
	struct field_val v[4];
	struct company c;
	if (!input_or_reply(r, spec, 4, v))
		return;
	if (companies_get(r->db, r->a, r->user->id, &c) != KK_OK) {
		reply_error(r, 409, "company_missing");
		return;
	}
	struct request q = {0};
	q.company_id = c.id;
	q.prefecture = c.prefecture;
	q.kind = v[0].s;
	q.description = v[1].s;
	q.mode = v[2].present ? v[2].s : "remote";
	bool incident = strcmp(q.kind, "incident") == 0;
	q.urgency = v[3].present ? v[3].s : incident ? "high" : "normal";
	static const struct field_spec code = {"topics", FT_TEXT, true, 1, 24, NULL};
	const char *names[2] = {"topics", "roles"};
	for (int l = 0; l < 2; l++) {
		struct raw_value raw[REQUEST_MAX_ITEMS];
		int n = input_list(r, names[l], raw, REQUEST_MAX_ITEMS);
		struct field_error err = {names[l], "type", 0};
		if (n < 0) {
			reply_invalid(r, &err);
			return;
		}
		for (int i = 0; i < n; i++) {
			struct field_val fv;
			if (validate_field(&code, &raw[i], r->a, &fv, &err) < 0 ||
			    (l == 0 ? !taxonomy_skill(fv.s) : !taxonomy_role(fv.s))) {
				err = (struct field_error){names[l], "choice", 0};
				reply_invalid(r, &err);
				return;
			}
			if (l == 0)
				q.topics[q.ntopics++] = fv.s;
			else
				q.roles[q.nroles++] = fv.s;
		}
	}
	if (desks_for_prefecture(r->db, q.prefecture, &q.desk_id) == KK_ERR) {
		reply_error(r, 500, "internal");
		return;
	}
	int64_t id;
	if (db_begin(r->db) < 0 || requests_create(r->db, &q, &id) < 0) {
		db_rollback(r->db);
		reply_error(r, 500, "internal");
		return;
	}
	q.id = id;
	timeline(r->db, id, "filed", r->user->id, q.kind);
	/* Asked for a particular expert (from the Q&A): the desk sees it first thing. */
	struct raw_value want = input_raw(r, "expert_id");
	int64_t want_id = want.kind == RAW_INT      ? want.n
	                  : want.kind == RAW_STRING ? strtoll(want.s, NULL, 10)
	                                            : 0;
	struct expert chosen;
	if (want_id > 0 && experts_get(r->db, r->a, want_id, &chosen) == KK_OK && !chosen.hidden)
		timeline(r->db, id, "expert_requested", r->user->id,
		         arena_printf(r->a, "expert %lld %s", (long long)chosen.id,
		                      chosen.display_name));
	timeline(r->db, id, "routed", 0,
	         q.desk_id ? arena_printf(r->a, "desk %lld", (long long)q.desk_id) : "no desk");
	notify_desk(r->db, q.desk_id, incident ? "incident_filed" : "request_filed", id);
	if (incident) {
		requests_set_status(r->db, id, "offered");
		widen(r->db, r->a, &q, 0);
	}
	audit_add(r->db, "request_filed", r->user->id, r->user->id, r->ip,
	          arena_printf(r->a, "request %lld %s", (long long)id, q.kind));
	if (db_commit(r->db) < 0) {
		db_rollback(r->db);
		reply_error(r, 500, "internal");
		return;
	}
	if (incident)
		worker_poke();
	if (page_done(r, request_path(r, id)))
		return;
	json_t *j = json_pack("{s:I,s:o}", "id", (json_int_t)id, "desk_id",
	                      q.desk_id ? json_integer(q.desk_id) : json_null());
	if (incident)
		json_object_set_new(j, "guidance", guidance_json(r));
	reply_json(r, 201, j);
}

void api_requests_get(struct req *r)
{
	struct request q;
	enum access access;
	if (request_load_or_reply(r, req_param_id(r, 0), &q, &access))
		reply_json(r, 200, request_json(r, &q, access));
}

void api_requests_list(struct req *r)
{
	const char *status = req_query(r, "status"), *kind = req_query(r, "kind");
	status = status && *status ? status : NULL;
	kind = kind && *kind ? kind : NULL;
	enum request_scope scope = (r->user->role & ROLE_ADMIN)    ? SCOPE_ALL
	                           : (r->user->role & ROLE_DESK)   ? SCOPE_DESK
	                           : (r->user->role & ROLE_EXPERT) ? SCOPE_EXPERT
	                                                           : SCOPE_COMPANY;
	int64_t ids[LIST_MAX];
	int n = requests_list(r->db, scope, r->user->id, status, kind, ids, LIST_MAX);
	json_t *arr = json_array();
	for (int i = 0; i < n; i++) {
		struct request q;
		if (requests_get(r->db, r->a, ids[i], &q) != KK_OK)
			continue;
		enum access access = scope == SCOPE_EXPERT && !is_assignee(r->db, q.id, r->user->id)
		                         ? ACCESS_OFFER
		                         : ACCESS_DESK;
		json_t *j = json_pack(
		    "{s:I,s:s,s:s,s:s,s:s,s:o,s:o}", "id", (json_int_t)q.id, "kind", q.kind,
		    "status", q.status, "urgency", q.urgency, "prefecture", q.prefecture, "topics",
		    strings(q.topics, q.ntopics), "created_at", time_json(q.created_at));
		if (access != ACCESS_OFFER)
			json_object_set_new(j, "description", json_string(q.description));
		json_array_append_new(arr, j);
	}
	reply_json(r, 200, json_pack("{s:o}", "requests", arr));
}

/* Desk or admin only: the company and experts get 404 too. */
static bool desk_load_or_reply(struct req *r, struct request *q)
{
	enum access access;
	if (!request_load_or_reply(r, req_param_id(r, 0), q, &access))
		return false;
	if (access == ACCESS_DESK || access == ACCESS_ADMIN)
		return true;
	reply_error(r, 404, "not_found");
	return false;
}

static bool finish(struct req *r, int rc)
{
	if (rc == KK_OK && db_commit(r->db) == KK_OK)
		return true;
	db_rollback(r->db);
	reply_error(r, 500, "internal");
	return false;
}

/* finish, then send a form back to the request's page and an API caller the
 * request as it now is, as `access` sees it. */
static void finish_and_show(struct req *r, int rc, struct request *q, enum access access)
{
	if (finish(r, rc) && !page_done(r, request_path(r, q->id))) {
		requests_get(r->db, r->a, q->id, q);
		reply_json(r, 200, request_json(r, q, access));
	}
}

void api_requests_patch(struct req *r)
{
	static const struct field_spec spec[] = {{"urgency", FT_ENUM, false, 0, 0, urgencies}};
	static const struct field_spec code = {"topics", FT_TEXT, true, 1, 24, NULL};
	struct request q;
	struct field_val v[1];
	if (!desk_load_or_reply(r, &q) || !input_or_reply(r, spec, 1, v))
		return;
	if (v[0].present)
		q.urgency = v[0].s;
	const char *names[2] = {"topics", "roles"};
	for (int l = 0; l < 2; l++) {
		struct raw_value raw[REQUEST_MAX_ITEMS];
		struct field_error err = {names[l], "type", 0};
		if (input_raw(r, names[l]).kind == RAW_ABSENT)
			continue;
		int n = input_list(r, names[l], raw, REQUEST_MAX_ITEMS);
		if (n < 0) {
			reply_invalid(r, &err);
			return;
		}
		int *count = l == 0 ? &q.ntopics : &q.nroles;
		*count = 0;
		for (int i = 0; i < n; i++) {
			struct field_val fv;
			if (validate_field(&code, &raw[i], r->a, &fv, &err) < 0 ||
			    (l == 0 ? !taxonomy_skill(fv.s) : !taxonomy_role(fv.s))) {
				err = (struct field_error){names[l], "choice", 0};
				reply_invalid(r, &err);
				return;
			}
			(l == 0 ? q.topics : q.roles)[(*count)++] = fv.s;
		}
	}
	if (db_begin(r->db) < 0) {
		reply_error(r, 500, "internal");
		return;
	}
	int rc = requests_set_items(r->db, q.id, &q);
	if (rc == KK_OK)
		rc = timeline(r->db, q.id, "updated", r->user->id, NULL);
	finish_and_show(r, rc, &q, ACCESS_DESK);
}

void api_requests_transfer(struct req *r)
{
	static const struct field_spec spec[] = {{"prefecture", FT_PREF, true, 0, 0, NULL},
	                                         {"note", FT_LINES, true, 1, 2000, NULL}};
	struct request q;
	struct field_val v[2];
	if (!desk_load_or_reply(r, &q) || !input_or_reply(r, spec, 2, v))
		return;
	int64_t desk;
	if (desks_for_prefecture(r->db, v[0].s, &desk) != KK_OK) {
		struct field_error err = {"prefecture", "no_desk", 0};
		reply_invalid(r, &err);
		return;
	}
	if (db_begin(r->db) < 0) {
		reply_error(r, 500, "internal");
		return;
	}
	int rc = requests_set_desk(r->db, q.id, desk);
	if (rc == KK_OK)
		rc = timeline(r->db, q.id, "transferred", r->user->id,
		              arena_printf(r->a, "desk %lld: %s", (long long)desk, v[1].s));
	if (rc == KK_OK)
		notify_desk(r->db, desk, "request_transferred", q.id);
	if (finish(r, rc) && !page_done(r, "/requests"))
		reply_json(
		    r, 200,
		    json_pack("{s:I,s:I}", "id", (json_int_t)q.id, "desk_id", (json_int_t)desk));
}

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
		rc = timeline(r->db, q->id, event, r->user->id, who.p);
	if (rc == KK_OK) {
		notify_all(r->db, ids, n, "request_assigned", q->id);
		notify_all(r->db, &q->company_id, 1, "request_matched", q->id);
	}
	return rc;
}

void api_requests_assign(struct req *r)
{
	struct request q;
	if (!desk_load_or_reply(r, &q))
		return;
	json_t *arr = r->json ? json_incref(json_object_get(r->json, "expert_ids")) : json_array();
	if (!r->json) { /* the form: one expert_ids field per chosen expert */
		struct raw_value raw[5];
		int k = input_list(r, "expert_ids", raw, 5);
		for (int i = 0; i < k; i++)
			json_array_append_new(arr, json_integer(strtoll(raw[i].s, NULL, 10)));
	}
	struct field_error err = {"expert_ids", "type", 0};
	size_t n = json_is_array(arr) ? json_array_size(arr) : 0;
	if (n == 0 || n > 4) {
		json_decref(arr);
		err.code = n ? "too_many" : "required";
		err.limit = 4;
		reply_invalid(r, &err);
		return;
	}
	int64_t ids[4];
	for (size_t i = 0; i < n; i++) {
		json_t *v = json_array_get(arr, i);
		struct expert e;
		if (!json_is_integer(v) ||
		    experts_get(r->db, r->a, json_integer_value(v), &e) != KK_OK || e.hidden ||
		    !e.ethics_accepted_at) {
			json_decref(arr);
			err.code = "not_expert";
			reply_invalid(r, &err);
			return;
		}
		ids[i] = e.id;
	}
	json_decref(arr);
	if (strcmp(q.status, "closed") == 0) {
		reply_error(r, 409, "request_closed");
		return;
	}
	if (db_begin(r->db) < 0) {
		reply_error(r, 500, "internal");
		return;
	}
	finish_and_show(r, assign(r, &q, ids, (int)n, "assigned"), &q, ACCESS_DESK);
}

void api_requests_accept(struct req *r)
{
	struct request q;
	int64_t id = req_param_id(r, 0);
	if (!(r->user->role & ROLE_EXPERT) || id < 0 ||
	    requests_get(r->db, r->a, id, &q) != KK_OK) {
		reply_error(r, 404, "not_found");
		return;
	}
	const char *offer = offers_status(r->db, r->a, id, r->user->id);
	if (!offer) {
		reply_error(r, 404, "not_found");
		return;
	}
	if (db_begin(r->db) < 0) {
		reply_error(r, 500, "internal");
		return;
	}
	int rc = offers_accept(r->db, id, r->user->id);
	if (rc == KK_CONFLICT) {
		db_rollback(r->db);
		reply_error(r, 409, "offer_taken");
		return;
	}
	int64_t me = r->user->id;
	if (rc == KK_OK)
		rc = assign(r, &q, &me, 1, "accepted");
	if (rc == KK_OK)
		notify_desk(r->db, q.desk_id, "incident_accepted", q.id);
	finish_and_show(r, rc, &q, ACCESS_EXPERT);
}

void api_requests_message(struct req *r)
{
	static const struct field_spec spec[] = {{"body", FT_LINES, true, 1, 4000, NULL}};
	struct request q;
	enum access access;
	struct field_val v[1];
	if (!request_load_or_reply(r, req_param_id(r, 0), &q, &access) ||
	    !input_or_reply(r, spec, 1, v))
		return;
	if (access == ACCESS_OFFER) {
		reply_error(r, 404, "not_found");
		return;
	}
	int64_t mid;
	if (db_begin(r->db) < 0) {
		reply_error(r, 500, "internal");
		return;
	}
	int rc = request_message_add(r->db, q.id, r->user->id, v[0].s, &mid);
	if (rc == KK_OK) {
		/* Everyone else in the thread hears of it. */
		int64_t others[64];
		int n = 0;
		if (q.company_id != r->user->id)
			others[n++] = q.company_id;
		int64_t ids[16];
		int k = assignees(r->db, q.id, ids, 16);
		for (int i = 0; i < k; i++)
			if (ids[i] != r->user->id)
				others[n++] = ids[i];
		int64_t ops[32];
		k = q.desk_id ? desks_operators(r->db, q.desk_id, ops, 32) : 0;
		for (int i = 0; i < k; i++)
			if (ops[i] != r->user->id)
				others[n++] = ops[i];
		notify_all(r->db, others, n, "request_message", q.id);
	}
	if (finish(r, rc) && !page_done(r, request_path(r, q.id)))
		reply_json(r, 201, json_pack("{s:I}", "id", (json_int_t)mid));
}

void api_requests_close(struct req *r)
{
	static const struct field_spec spec[] = {{"report", FT_LINES, true, 1, 8000, NULL}};
	struct request q;
	enum access access;
	struct field_val v[1];
	if (!request_load_or_reply(r, req_param_id(r, 0), &q, &access))
		return;
	if (access != ACCESS_EXPERT) {
		reply_error(r, access == ACCESS_OFFER ? 404 : 403,
		            access == ACCESS_OFFER ? "not_found" : "forbidden");
		return;
	}
	if (!input_or_reply(r, spec, 1, v))
		return;
	json_t *h = r->json ? json_object_get(r->json, "hours") : NULL;
	double hours = json_is_number(h) ? json_number_value(h) : -1;
	if (!r->json) {
		const char *s = input_form_value(r, "hours");
		char *end;
		hours = *s ? strtod(s, &end) : -1;
		if (*s && *end)
			hours = -1;
	}
	if (!(hours >= 0 && hours <= 1000)) {
		struct field_error err = {"hours", "range", 1000};
		reply_invalid(r, &err);
		return;
	}
	if (db_begin(r->db) < 0) {
		reply_error(r, 500, "internal");
		return;
	}
	int rc = requests_close(r->db, q.id, v[0].s, (int)lround(hours * 10));
	if (rc == KK_NOTFOUND) {
		db_rollback(r->db);
		reply_error(r, 409, "request_closed");
		return;
	}
	if (rc == KK_OK)
		rc = timeline(r->db, q.id, "closed", r->user->id,
		              arena_printf(r->a, "%.1f h", hours));
	if (rc == KK_OK) {
		notify_all(r->db, &q.company_id, 1, "request_closed", q.id);
		notify_desk(r->db, q.desk_id, "request_closed", q.id);
	}
	finish_and_show(r, rc, &q, access);
}

void api_requests_rating(struct req *r)
{
	static const struct field_spec spec[] = {{"stars", FT_INT, true, 1, 5, NULL},
	                                         {"comment", FT_LINES, false, 0, 2000, NULL}};
	struct request q;
	enum access access;
	struct field_val v[2];
	if (!request_load_or_reply(r, req_param_id(r, 0), &q, &access))
		return;
	if (access != ACCESS_COMPANY) {
		reply_error(r, 403, "forbidden");
		return;
	}
	if (!input_or_reply(r, spec, 2, v))
		return;
	if (strcmp(q.status, "closed") != 0) {
		reply_error(r, 409, "request_open");
		return;
	}
	if (db_begin(r->db) < 0) {
		reply_error(r, 500, "internal");
		return;
	}
	int rc = ratings_add(r->db, q.id, (int)v[0].n, v[1].present ? v[1].s : "");
	if (rc == KK_CONFLICT) {
		db_rollback(r->db);
		reply_error(r, 409, "already_rated");
		return;
	}
	if (rc == KK_OK)
		rc = timeline(r->db, q.id, "rated", r->user->id,
		              arena_printf(r->a, "%lld", (long long)v[0].n));
	if (finish(r, rc) && !page_done(r, request_path(r, q.id)))
		reply_json(r, 201,
		           json_pack("{s:I,s:I}", "request_id", (json_int_t)q.id, "stars",
		                     (json_int_t)v[0].n));
}
