/* communities_api.c — communities and organisations: directory, creation (admin),
 * experts joining and leaving. */
#include "app/errors.h"
#include "app/communities.h"
#include "app/handlers.h"
#include "store/audit.h"
#include "store/experts.h"
#include "store/prefectures.h"

#include <string.h>

json_t *community_json(const struct community *c)
{
	json_t *prefs = json_array();
	for (int i = 0; i < c->nprefs; i++)
		json_array_append_new(prefs, json_string(c->prefs[i]));
	return json_pack("{s:I,s:s,s:s,s:s,s:s,s:o,s:i}", "id", (json_int_t)c->id, "name", c->name,
	                 "type", c->type, "description", c->description, "contact", c->contact,
	                 "prefectures", prefs, "members", c->members);
}

void api_communities_list(struct req *r)
{
	const char *pref, *type;
	if (!community_filters_or_reply(r, &pref, &type))
		return;
	struct community *list = arena_alloc(r->a, sizeof *list * COMMUNITY_LIST_MAX);
	int n = communities_list(r->db, r->a, pref, type, list, COMMUNITY_LIST_MAX);
	if (n < 0) {
		reply_error(r, 500, "internal");
		return;
	}
	json_t *arr = json_array();
	for (int i = 0; i < n; i++)
		json_array_append_new(arr, community_json(&list[i]));
	reply_json(r, 200, json_pack("{s:i,s:o}", "total", n, "communities", arr));
}

void api_communities_get(struct req *r)
{
	struct community c;
	int64_t id = req_param_id(r, 0);
	if (id < 0 || communities_get(r->db, r->a, id, &c) != KK_OK) {
		reply_error(r, 404, "not_found");
		return;
	}
	json_t *j = community_json(&c);
	int64_t ids[200];
	int n = communities_members(r->db, id, ids, 200);
	json_t *members = json_array();
	for (int i = 0; i < n; i++) {
		struct expert e;
		if (experts_get(r->db, r->a, ids[i], &e) == KK_OK)
			json_array_append_new(members,
			                      json_pack("{s:I,s:s,s:s}", "id", (json_int_t)e.id,
			                                "display_name", e.display_name,
			                                "prefecture", e.prefecture));
	}
	json_object_set_new(j, "member_list", members);
	reply_json(r, 200, j);
}

void api_communities_create(struct req *r)
{
	int64_t id;
	struct field_error err = {0};
	if (ok_or_reply(r, community_create(r, &id, &err), &err))
		reply_json(r, 201, json_pack("{s:I}", "id", (json_int_t)id));
}

void api_communities_join(struct req *r)
{
	struct field_error why = {0};
	bool joined;
	if (ok_or_reply(r, community_join(r, req_param_id(r, 0), &joined, &why), &why))
		reply_json(r, joined ? 201 : 200, json_pack("{s:b}", "member", 1));
}

void api_communities_leave(struct req *r)
{
	int64_t id = req_param_id(r, 0);
	int rc = id > 0 ? communities_leave(r->db, id, r->user->id) : KK_NOTFOUND;
	if (ok_or_reply(r, rc, NULL))
		reply_json(r, 200, json_pack("{s:b}", "member", 0));
}
