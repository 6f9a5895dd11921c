/* moderation_api.c — complaints about experts, and an admin hiding a profile.
 * Every step is in the audit log. */
#include "app/errors.h"
#include "app/experts.h"
#include "app/handlers.h"
#include "domain/date.h"
#include "store/audit.h"
#include "store/complaints.h"
#include "view/links.h"

int complaint_file(struct req *r, int64_t *expert_id, int64_t *id)
{
	static const struct field_spec spec[] = {{"body", FT_LINES, true, 10, 4000, NULL}};
	struct field_val v[1];
	struct expert e;
	if (!expert_load_or_reply(r, req_param_id(r, 0), &e) || !input_or_reply(r, spec, 1, v))
		return -1;
	*expert_id = e.id;
	if (db_begin(r->db) < 0 || complaints_add(r->db, e.id, r->user->id, v[0].s, id) < 0 ||
	    audit_add(r->db, "complaint_filed", e.id, r->user->id, r->ip,
	              arena_printf(r->a, "complaint %lld", (long long)*id)) < 0 ||
	    db_commit(r->db) < 0) {
		db_rollback(r->db);
		reply_error(r, 500, "internal");
		return -1;
	}
	return 0;
}

void api_complaints_file(struct req *r)
{
	int64_t expert_id, id;
	if (complaint_file(r, &expert_id, &id) == 0)
		reply_json(r, 201, json_pack("{s:I}", "id", (json_int_t)id));
}

static json_t *complaint_json(const struct complaint *c)
{
	char at[21];
	date_format_utc(c->created_at, at);
	return json_pack("{s:I,s:I,s:I,s:s,s:s,s:s,s:s}", "id", (json_int_t)c->id, "expert_id",
	                 (json_int_t)c->expert_id, "filed_by", (json_int_t)c->filed_by, "body",
	                 c->body, "status", c->status, "resolution", c->resolution, "created_at",
	                 at);
}

void api_complaints_list(struct req *r)
{
	const char *status = req_query(r, "status");
	struct complaint *list = arena_alloc(r->a, sizeof *list * 200);
	int n = complaints_list(r->db, r->a, status && *status ? status : NULL, list, 200);
	json_t *arr = json_array();
	for (int i = 0; i < n; i++)
		json_array_append_new(arr, complaint_json(&list[i]));
	reply_json(r, 200, json_pack("{s:o}", "complaints", arr));
}

void api_complaints_resolve(struct req *r)
{
	static const char *const outcomes[] = {"upheld", "dismissed", NULL};
	static const struct field_spec spec[] = {
	    {"status", FT_ENUM, true, 0, 0, outcomes},
	    {"resolution", FT_LINES, true, 1, 2000, NULL},
	};
	struct field_val v[2];
	struct complaint c;
	int64_t id = req_param_id(r, 0);
	if (id < 0 || complaints_get(r->db, r->a, id, &c) != KK_OK) {
		reply_error(r, 404, "not_found");
		return;
	}
	if (!input_or_reply(r, spec, 2, v))
		return;
	int rc = KK_ERR;
	if (db_begin(r->db) == KK_OK) {
		rc = complaints_resolve(r->db, id, v[0].s, v[1].s);
		if (rc == KK_OK)
			rc = audit_add(
			    r->db, "complaint_resolved", c.expert_id, r->user->id, r->ip,
			    arena_printf(r->a, "complaint %lld %s", (long long)id, v[0].s));
		if (rc == KK_OK && db_commit(r->db) == KK_OK) {
			complaints_get(r->db, r->a, id, &c);
			reply_json(r, 200, complaint_json(&c));
			return;
		}
		db_rollback(r->db);
	}
	if (rc == KK_NOTFOUND)
		reply_error(r, 409, "complaint_closed");
	else
		reply_error(r, 500, "internal");
}

static void set_hidden(struct req *r, bool hidden)
{
	static const struct field_spec spec[] = {{"reason", FT_TEXT, true, 1, 500, NULL}};
	struct field_val v[1];
	int64_t id = req_param_id(r, 0);
	if (!input_or_reply(r, spec, 1, v))
		return;
	int rc = KK_ERR;
	if (id > 0 && db_begin(r->db) == KK_OK) {
		rc = experts_set_hidden(r->db, id, hidden, v[0].s);
		if (rc == KK_OK)
			rc = audit_add(r->db, hidden ? "expert_hidden" : "expert_shown", id,
			               r->user->id, r->ip, v[0].s);
		if (rc == KK_OK)
			rc = db_commit(r->db);
		if (rc != KK_OK)
			db_rollback(r->db);
	} else if (id <= 0) {
		rc = KK_NOTFOUND;
	}
	if (rc == KK_OK && !r->is_api) /* the admin's form on the profile page */
		reply_redirect(r, link_expert(r->a, id, NULL));
	else if (rc == KK_OK)
		reply_json(r, 200, json_pack("{s:I,s:b}", "id", (json_int_t)id, "hidden", hidden));
	else
		reply_error(r, rc == KK_NOTFOUND ? 404 : 500,
		            rc == KK_NOTFOUND ? "not_found" : "internal");
}

void api_experts_hide(struct req *r)
{
	set_hidden(r, true);
}

void api_experts_unhide(struct req *r)
{
	set_hidden(r, false);
}
