/* moderation_api.c — complaints about experts, and an admin hiding a profile.
 * Every step is in the audit log. */
#include "app/errors.h"
#include "app/moderation.h"
#include "app/handlers.h"
#include "domain/date.h"
#include "store/audit.h"
#include "store/complaints.h"
#include "view/links.h"

void api_complaints_file(struct req *r)
{
	int64_t id;
	struct field_error why = {0};
	if (ok_or_reply(r, complaint_file(r, req_param_id(r, 0), &id, &why), &why))
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
	struct complaint c;
	struct field_error why = {0};
	if (ok_or_reply(r, complaint_resolve(r, req_param_id(r, 0), false, &c, &why), &why))
		reply_json(r, 200, complaint_json(&c));
}

static void set_hidden(struct req *r, bool hidden)
{
	struct field_error why = {0};
	int64_t id = req_param_id(r, 0);
	if (ok_or_reply(r, expert_set_hidden_by_admin(r, id, hidden, &why), &why))
		reply_json(r, 200, json_pack("{s:I,s:b}", "id", (json_int_t)id, "hidden", hidden));
}

void api_experts_hide(struct req *r)
{
	set_hidden(r, true);
}

void api_experts_unhide(struct req *r)
{
	set_hidden(r, false);
}
