/* communities.c — communities and organisations: filters, creation by an admin
 * (audited), experts joining. communities_api.c renders JSON, communities_pages.c HTML. */
#include "app/communities.h"
#include "app/errors.h"
#include "store/audit.h"
#include "store/experts.h"
#include "store/prefectures.h"

#include <string.h>

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
		return KK_INVALID;
	struct raw_value raw[COMMUNITY_MAX_PREFS];
	struct community c = {
	    0, v[0].s, v[1].s, v[2].present ? v[2].s : "", v[3].present ? v[3].s : "", 0, 0, {0}};
	int n = input_list(r, "prefectures", raw, COMMUNITY_MAX_PREFS);
	if (n <= 0) {
		*err = (struct field_error){"prefectures", n < 0 ? "type" : "required", 0};
		return KK_INVALID;
	}
	for (int i = 0; i < n; i++) {
		struct field_val pv;
		if (validate_field(&pref, &raw[i], r->a, &pv, err) < 0)
			return KK_INVALID;
		c.prefs[c.nprefs++] = pv.s;
	}
	if (db_begin(r->db) < 0 || communities_create(r->db, &c, id) < 0 ||
	    audit_add(r->db, "community_created", 0, r->user->id, r->ip, c.name) < 0 ||
	    db_commit(r->db) < 0) {
		db_rollback(r->db);
		return KK_ERR;
	}
	return KK_OK;
}

int community_join(struct req *r, int64_t id, bool *joined, struct field_error *why)
{
	struct community c;
	struct expert e;
	if (id < 0 || communities_get(r->db, r->a, id, &c) != KK_OK)
		return KK_NOTFOUND;
	if (experts_get(r->db, r->a, r->user->id, &e) != KK_OK) {
		*why = (struct field_error){NULL, "profile_missing", 0};
		return KK_CONFLICT;
	}
	int rc = communities_join(r->db, id, r->user->id);
	*joined = rc == KK_OK;
	return rc == KK_CONFLICT ? KK_OK : rc; /* already a member: nothing to do */
}
