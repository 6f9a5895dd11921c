#include "app/moderation.h"
#include "app/experts.h"
#include "http/input.h"
#include "store/audit.h"

int complaint_file(struct req *r, int64_t expert_id, int64_t *id, struct field_error *why)
{
	static const struct field_spec spec[] = {{"body", FT_LINES, true, 10, 4000, NULL}};
	struct field_val v[1];
	struct expert e;
	int rc = expert_visible(r, expert_id, &e);
	if (rc != KK_OK)
		return rc;
	if (input_read(r, spec, 1, v, why) < 0)
		return KK_INVALID;
	if (db_begin(r->db) < 0 || complaints_add(r->db, e.id, r->user->id, v[0].s, id) < 0 ||
	    audit_add(r->db, "complaint_filed", e.id, r->user->id, r->ip,
	              arena_printf(r->a, "complaint %lld", (long long)*id)) < 0 ||
	    db_commit(r->db) < 0) {
		db_rollback(r->db);
		return KK_ERR;
	}
	return KK_OK;
}

int complaint_resolve(struct req *r, int64_t id, bool with_hide, struct complaint *c,
                      struct field_error *why)
{
	static const char *const outcomes[] = {"upheld", "dismissed", NULL};
	static const struct field_spec spec[] = {
	    {"status", FT_ENUM, true, 0, 0, outcomes},
	    {"resolution", FT_LINES, true, 1, 2000, NULL},
	    {"hide", FT_BOOL, false, 0, 0, NULL},
	};
	struct field_val v[3];
	if (id < 0 || complaints_get(r->db, r->a, id, c) != KK_OK)
		return KK_NOTFOUND;
	if (input_read(r, spec, with_hide ? 3 : 2, v, why) < 0)
		return KK_INVALID;
	bool hide = with_hide && v[2].present && v[2].n;
	if (db_begin(r->db) < 0)
		return KK_ERR;
	int rc = complaints_resolve(r->db, id, v[0].s, v[1].s);
	if (rc == KK_OK)
		rc = audit_add(r->db, "complaint_resolved", c->expert_id, r->user->id, r->ip,
		               arena_printf(r->a, "complaint %lld %s", (long long)id, v[0].s));
	if (rc == KK_OK && hide)
		rc = experts_set_hidden(r->db, c->expert_id, true, v[1].s);
	if (rc == KK_OK && hide)
		rc = audit_add(r->db, "expert_hidden", c->expert_id, r->user->id, r->ip, v[1].s);
	if (rc == KK_OK && (rc = db_commit(r->db)) == KK_OK)
		return complaints_get(r->db, r->a, id, c);
	db_rollback(r->db);
	if (rc != KK_NOTFOUND)
		return KK_ERR;
	*why = (struct field_error){NULL, "complaint_closed", 0};
	return KK_CONFLICT;
}

int expert_set_hidden_by_admin(struct req *r, int64_t expert_id, bool hidden,
                               struct field_error *why)
{
	static const struct field_spec spec[] = {{"reason", FT_TEXT, true, 1, 500, NULL}};
	struct field_val v[1];
	if (input_read(r, spec, 1, v, why) < 0)
		return KK_INVALID;
	if (expert_id <= 0)
		return KK_NOTFOUND;
	if (db_begin(r->db) < 0)
		return KK_ERR;
	int rc = experts_set_hidden(r->db, expert_id, hidden, v[0].s);
	if (rc == KK_OK)
		rc = audit_add(r->db, hidden ? "expert_hidden" : "expert_shown", expert_id,
		               r->user->id, r->ip, v[0].s);
	if (rc == KK_OK && (rc = db_commit(r->db)) == KK_OK)
		return KK_OK;
	db_rollback(r->db);
	return rc == KK_NOTFOUND ? KK_NOTFOUND : KK_ERR;
}
