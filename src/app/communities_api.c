/* communities_api.c — communities and organisations: directory, creation (admin),
 * experts joining and leaving. */
#include "app/errors.h"
#include "app/communities.h"
#include "app/handlers.h"
#include "store/audit.h"
#include "store/experts.h"
#include "store/prefectures.h"

#include <string.h>

const char *const community_types[] = {"chamber",    "municipality", "network", "vendor",
                                       "university", "police",       "other",   NULL};

json_t *community_json(const struct community *c)
{
	json_t *prefs = json_array();
	for (int i = 0; i < c->nprefs; i++)
		json_array_append_new(prefs, json_string(c->prefs[i]));
	return json_pack("{s:I,s:s,s:s,s:s,s:s,s:o,s:i}", "id", (json_int_t)c->id, "name", c->name,
	                 "type", c->type, "description", c->description, "contact", c->contact,
	                 "prefectures", prefs, "members", c->members);
}

bool community_filters_or_reply(struct req *r, const char **pref, const char **type)
{
	*pref = req_query(r, "pref");
	*type = req_query(r, "type");
	if (*pref && !**pref)
		*pref = NULL;
	if (*type && !**type)
		*type = NULL;
	struct field_error err = {0};
	if (*pref && !prefecture_by_code(*pref))
		err = (struct field_error){"pref", "choice", 0};
	if (*type) {
		const char *const *t = community_types;
		while (*t && strcmp(*t, *type) != 0)
			t++;
		if (!*t)
			err = (struct field_error){"type", "choice", 0};
	}
	if (err.field) {
		reply_invalid(r, &err);
		return false;
	}
	return true;
}

void api_communities_list(struct req *r)
{
	const char *pref, *type;
	if (!community_filters_or_reply(r, &pref, &type))
		return;
	struct community *list = arena_alloc(r->a, sizeof *list * COMMUNITY_LIST_MAX);
	int n = communities_list(r->db, r->a, pref, type, list, COMMUNITY_LIST_MAX);
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

int community_create(struct req *r, int64_t *id, struct field_error *err)
{
	static const struct field_spec spec[] = {
	    {"name", FT_TEXT, true, 1, 100, NULL},
	    {"type", FT_ENUM, true, 0, 0, community_types},
	    {"description", FT_LINES, false, 0, 2000, NULL},
	    {"contact", FT_TEXT, false, 0, 200, NULL},
	};
	static const struct field_spec pref = {"prefectures", FT_PREF, true, 0, 0, NULL};
	struct field_val v[4];
	if (input_read(r, spec, 4, v, err) < 0)
		return -1;
	struct raw_value raw[COMMUNITY_MAX_PREFS];
	struct community c = {
	    0, v[0].s, v[1].s, v[2].present ? v[2].s : "", v[3].present ? v[3].s : "", 0, 0, {0}};
	int n = input_list(r, "prefectures", raw, COMMUNITY_MAX_PREFS);
	if (n <= 0) {
		*err = (struct field_error){"prefectures", n < 0 ? "type" : "required", 0};
		return -1;
	}
	for (int i = 0; i < n; i++) {
		struct field_val pv;
		if (validate_field(&pref, &raw[i], r->a, &pv, err) < 0)
			return -1;
		c.prefs[c.nprefs++] = pv.s;
	}
	if (db_begin(r->db) < 0 || communities_create(r->db, &c, id) < 0 ||
	    audit_add(r->db, "community_created", 0, r->user->id, r->ip, c.name) < 0 ||
	    db_commit(r->db) < 0) {
		db_rollback(r->db);
		return -2;
	}
	return 0;
}

void api_communities_create(struct req *r)
{
	int64_t id;
	struct field_error err;
	int rc = community_create(r, &id, &err);
	if (rc == -1)
		reply_invalid(r, &err);
	else if (rc < 0)
		reply_error(r, 500, "internal");
	else
		reply_json(r, 201, json_pack("{s:I}", "id", (json_int_t)id));
}

/* The caller joins (an expert with a profile). Returns the HTTP status. */
int community_join_status(struct req *r, int64_t id)
{
	struct community c;
	struct expert e;
	if (id < 0 || communities_get(r->db, r->a, id, &c) != KK_OK)
		return 404;
	if (experts_get(r->db, r->a, r->user->id, &e) != KK_OK)
		return 409;
	int rc = communities_join(r->db, id, r->user->id);
	return rc == KK_OK ? 201 : rc == KK_CONFLICT ? 200 : 500;
}

void api_communities_join(struct req *r)
{
	int status = community_join_status(r, req_param_id(r, 0));
	if (status == 404)
		reply_error(r, 404, "not_found");
	else if (status == 409)
		reply_error(r, 409, "profile_missing");
	else if (status == 500)
		reply_error(r, 500, "internal");
	else
		reply_json(r, status, json_pack("{s:b}", "member", 1));
}

void api_communities_leave(struct req *r)
{
	int64_t id = req_param_id(r, 0);
	int rc = id > 0 ? communities_leave(r->db, id, r->user->id) : KK_NOTFOUND;
	if (rc == KK_OK)
		reply_json(r, 200, json_pack("{s:b}", "member", 0));
	else
		reply_error(r, rc == KK_NOTFOUND ? 404 : 500,
		            rc == KK_NOTFOUND ? "not_found" : "internal");
}
