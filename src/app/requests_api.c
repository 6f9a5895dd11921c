/* requests_api.c — companies, desks and consultation requests as JSON
 * (/api/v1/companies, /api/v1/desks, /api/v1/requests). Thin: the logic and
 * the access rules are in requests.c and desks.c. */
#include "app/desks.h"
#include "app/errors.h"
#include "app/handlers.h"
#include "app/requests.h"
#include "app/assessment_views.h"
#include "domain/date.h"
#include "store/experts.h"
#include "view/i18n.h"

#include <string.h>

#define LIST_MAX 200

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

/* ---- companies ---- */

static json_t *company_json(struct req *r, const struct company *c)
{
	return json_pack("{s:I,s:s,s:s,s:s,s:s,s:o,s:b}", "id", (json_int_t)c->id, "name", c->name,
	                 "prefecture", c->prefecture, "industry", c->industry, "employees",
	                 c->employees, "vendors", strings(c->vendors, c->nvendors),
	                 "statistics_consent", companies_consent(r->db, c->id));
}

void api_companies_put_me(struct req *r)
{
	struct company c;
	struct field_error why = {0};
	bool created;
	if (ok_or_reply(r, company_save(r, &c, &created, &why), &why))
		reply_json(r, created ? 201 : 200, company_json(r, &c));
}

void api_companies_get_me(struct req *r)
{
	struct company c;
	if (ok_or_reply(r, companies_get(r->db, r->a, r->user->id, &c), NULL))
		reply_json(r, 200, company_json(r, &c));
}

/* ---- desks ---- */

static json_t *desk_json(struct req *r, const struct desk *d)
{
	json_t *j =
	    json_pack("{s:I,s:s,s:s,s:s,s:s}", "id", (json_int_t)d->id, "prefecture", d->prefecture,
	              "name", d->name, "hours", d->hours, "contact", d->contact);
	json_object_set_new(j, "community_id",
	                    d->community_id ? json_integer(d->community_id) : json_null());
	if (r->user && (r->user->role & ROLE_ADMIN)) { /* who staffs a desk: admins only */
		int64_t ops[50];
		int n = desks_operators(r->db, d->id, ops, 50);
		json_t *o = json_array();
		for (int i = 0; i < n; i++)
			json_array_append_new(o, json_integer(ops[i]));
		json_object_set_new(j, "operators", o);
	}
	return j;
}

void api_desks_create(struct req *r)
{
	struct desk d;
	struct field_error why = {0};
	int64_t id;
	if (ok_or_reply(r, desk_create(r, &d, &id, &why), &why))
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
	struct desk d;
	struct field_error why = {0};
	if (ok_or_reply(r, desk_add_operator(r, req_param_id(r, 0), &d, &why), &why))
		reply_json(r, 200, desk_json(r, &d));
}

/* ---- requests ---- */

static json_t *guidance_json(struct req *r)
{
	json_t *g = json_array();
	for (int i = 1; i <= 7; i++)
		json_array_append_new(
		    g, json_string(i18n_get(r->lang, arena_printf(r->a, "guidance.%d", i))));
	return g;
}

static json_t *allowance_json(struct req *r, int64_t company_id)
{
	struct allowance al;
	request_allowance(r->db, company_id, &al);
	return json_pack("{s:f,s:i}", "used_hours", al.used_tenths / 10.0, "free_hours",
	                 al.free_hours);
}

static json_t *assignees_json(struct req *r, int64_t id)
{
	int64_t ids[16];
	int n = assignees(r->db, id, ids, 16);
	json_t *as = json_array();
	for (int i = 0; i < n; i++) {
		struct expert e;
		if (experts_get(r->db, r->a, ids[i], &e) == KK_OK)
			json_array_append_new(as,
			                      json_pack("{s:I,s:s}", "expert_id", (json_int_t)e.id,
			                                "display_name", e.display_name));
	}
	return as;
}

static json_t *timeline_json(struct req *r, int64_t id, enum access access)
{
	struct request_event ev[100];
	int n = request_events(r->db, r->a, id, ev, 100);
	json_t *tl = json_array();
	for (int i = 0; i < n; i++) {
		json_t *e = json_pack("{s:o,s:s}", "at", time_json(ev[i].at), "event", ev[i].event);
		const char *detail = request_event_detail(r->a, &ev[i], access);
		if (detail)
			json_object_set_new(e, "detail", json_string(detail));
		json_array_append_new(tl, e);
	}
	return tl;
}

static json_t *messages_json(struct req *r, int64_t id)
{
	struct request_message msgs[200];
	int n = request_messages(r->db, r->a, id, msgs, 200);
	json_t *ms = json_array();
	for (int i = 0; i < n; i++)
		json_array_append_new(ms,
		                      json_pack("{s:I,s:I,s:s,s:o}", "id", (json_int_t)msgs[i].id,
		                                "author_id", (json_int_t)msgs[i].author_id, "body",
		                                msgs[i].body, "at", time_json(msgs[i].created_at)));
	return ms;
}

/* The request as `access` may see it: an offered expert gets enough to decide. */
static json_t *request_json(struct req *r, const struct request *q, enum access access)
{
	json_t *j = json_pack("{s:I,s:s,s:s,s:s,s:s,s:o,s:o,s:s,s:o}", "id", (json_int_t)q->id,
	                      "kind", q->kind, "status", q->status, "mode", q->mode, "urgency",
	                      q->urgency, "topics", strings(q->topics, q->ntopics), "roles",
	                      strings(q->roles, q->nroles), "prefecture", q->prefecture,
	                      "created_at", time_json(q->created_at));
	struct company c;
	bool has_company = companies_get(r->db, r->a, q->company_id, &c) == KK_OK;
	if (access == ACCESS_OFFER) {
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
	json_object_set_new(j, "assignees", assignees_json(r, q->id));
	json_object_set_new(j, "timeline", timeline_json(r, q->id, access));
	json_object_set_new(j, "messages", messages_json(r, q->id));
	if (q->report) {
		json_object_set_new(j, "report", json_string(q->report));
		json_object_set_new(j, "hours", json_real(q->hours_tenths / 10.0));
	}
	struct assessment_view *shared = arena_alloc(r->a, sizeof *shared);
	if (q->assessment_id && request_sees_assessment(access) &&
	    assessment_shared(r, q->assessment_id, q->company_id, shared) == KK_OK)
		json_object_set_new(j, "assessment", assessment_json(shared));
	if (strcmp(q->kind, "incident") == 0 && access == ACCESS_COMPANY)
		json_object_set_new(j, "guidance", guidance_json(r));
	if (access == ACCESS_COMPANY || access == ACCESS_DESK || access == ACCESS_ADMIN)
		json_object_set_new(j, "allowance", allowance_json(r, q->company_id));
	return j;
}

/* A result, or the request as it now is, as `access` sees it. */
static void reply_request(struct req *r, int rc, const struct field_error *why,
                          const struct request *q, enum access access)
{
	if (rc != KK_OK)
		reply_result(r, rc, why);
	else
		reply_json(r, 200, request_json(r, q, access));
}

void api_requests_create(struct req *r)
{
	struct request q;
	struct field_error why = {0};
	int rc = request_file(r, &q, &why);
	if (rc != KK_OK) {
		reply_result(r, rc, &why);
		return;
	}
	json_t *j = json_pack("{s:I,s:o}", "id", (json_int_t)q.id, "desk_id",
	                      q.desk_id ? json_integer(q.desk_id) : json_null());
	if (strcmp(q.kind, "incident") == 0)
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
		bool offered_only =
		    scope == SCOPE_EXPERT && !request_is_assignee(r->db, q.id, r->user->id);
		json_t *j = json_pack(
		    "{s:I,s:s,s:s,s:s,s:s,s:o,s:o}", "id", (json_int_t)q.id, "kind", q.kind,
		    "status", q.status, "urgency", q.urgency, "prefecture", q.prefecture, "topics",
		    strings(q.topics, q.ntopics), "created_at", time_json(q.created_at));
		if (!offered_only)
			json_object_set_new(j, "description", json_string(q.description));
		json_array_append_new(arr, j);
	}
	reply_json(r, 200, json_pack("{s:o}", "requests", arr));
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

static json_t *matches_json(struct req *r, const struct request *q, const struct request_matches *m)
{
	json_t *cj = json_array();
	for (int i = 0; i < m->n && i < 20; i++) {
		const struct match_candidate *c = &m->cands[i];
		json_t *why = json_array();
		for (int k = 0; k < c->nreasons; k++)
			json_array_append_new(why,
			                      json_string(request_reason_text(r, &c->reasons[k])));
		json_array_append_new(cj, json_pack("{s:I,s:i,s:o,s:o}", "expert_id",
		                                    (json_int_t)c->id, "score", c->score, "reasons",
		                                    why, "covers", covers_json(q, c->covers)));
	}
	json_t *tj = json_array();
	for (int t = 0; t < m->nteams; t++) {
		json_t *members = json_array();
		for (int k = 0; k < m->teams[t].size; k++)
			json_array_append_new(
			    members, json_pack("{s:I,s:o}", "expert_id",
			                       (json_int_t)m->cands[m->teams[t].members[k]].id,
			                       "covers", covers_json(q, m->teams[t].covers[k])));
		json_array_append_new(
		    tj, json_pack("{s:o,s:i}", "members", members, "score", m->teams[t].score));
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
	struct request_matches *m = arena_alloc(r->a, sizeof *m);
	if (ok_or_reply(r, request_matches(r->db, r->a, &q, m), NULL))
		reply_json(r, 200, matches_json(r, &q, m));
}

void api_requests_transfer(struct req *r)
{
	struct field_error why = {0};
	int64_t id = req_param_id(r, 0), desk;
	if (ok_or_reply(r, request_transfer(r, id, &desk, &why), &why))
		reply_json(
		    r, 200,
		    json_pack("{s:I,s:I}", "id", (json_int_t)id, "desk_id", (json_int_t)desk));
}

void api_requests_message(struct req *r)
{
	struct field_error why = {0};
	int64_t mid;
	if (ok_or_reply(r, request_message(r, req_param_id(r, 0), &mid, &why), &why))
		reply_json(r, 201, json_pack("{s:I}", "id", (json_int_t)mid));
}

/* edit (PATCH), assign, accept and close: the route's arg names the action. */
void api_requests_act(struct req *r)
{
	struct request q;
	struct field_error why = {0};
	enum access access;
	int rc = request_act(r, r->route->arg, req_param_id(r, 0), &q, &access, &why);
	reply_request(r, rc, &why, &q, access);
}

void api_requests_rating(struct req *r)
{
	struct field_error why = {0};
	int64_t id = req_param_id(r, 0);
	int stars;
	if (ok_or_reply(r, request_rate(r, id, &stars, &why), &why))
		reply_json(r, 201,
		           json_pack("{s:I,s:I}", "request_id", (json_int_t)id, "stars",
		                     (json_int_t)stars));
}
