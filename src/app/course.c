/* course.c — the facilitator course: progress, the certification rule, marking. */
#include "app/course.h"
#include "store/audit.h"
#include "store/experts.h"
#include "view/layout.h"

#include <string.h>

int course_load(struct req *r, int64_t account_id, struct course_view *v)
{
	memset(v, 0, sizeof *v);
	struct completion done[COURSE_MAX_MODULES];
	v->n = course_modules(r->db, r->a, v->m, COURSE_MAX_MODULES);
	int k = v->n < 0 ? KK_ERR
	                 : course_completions(r->db, r->a, account_id, done, COURSE_MAX_MODULES);
	if (v->n < 0 || k < 0)
		return KK_ERR;
	for (int i = 0; i < v->n; i++)
		for (int j = 0; j < k; j++)
			if (strcmp(v->m[i].code, done[j].module) == 0) {
				v->done[i] = true;
				v->via_event[i] = done[j].event_id;
			}
	return KK_OK;
}

int course_missing(const struct course_view *v, const char *role)
{
	int missing = 0;
	for (int i = 0; i < v->n; i++)
		missing += strcmp(v->m[i].role, role) == 0 && !v->done[i];
	return missing;
}

const char *course_title(struct req *r, const struct course_view *v, const char *code)
{
	for (int i = 0; i < v->n; i++)
		if (strcmp(v->m[i].code, code) == 0)
			return page_en(r) ? v->m[i].title_en : v->m[i].title_ja;
	return "";
}

bool course_known(const struct course_view *v, const char *code)
{
	for (int i = 0; i < v->n; i++)
		if (strcmp(v->m[i].code, code) == 0)
			return true;
	return false;
}

int course_certifiable(struct req *r, const struct expert *e, struct field_error *why)
{
	struct course_view *v = arena_alloc(r->a, sizeof *v);
	if (course_load(r, e->id, v) != KK_OK)
		return KK_ERR;
	*why = (struct field_error){NULL, "ethics_missing", 0};
	if (!e->ethics_accepted_at)
		return KK_CONFLICT;
	for (int i = 0; i < e->nroles; i++)
		if (course_missing(v, e->roles[i]) == 0)
			return KK_OK;
	*why = (struct field_error){NULL, "course_incomplete", 0};
	return KK_CONFLICT;
}

int course_next_sessions(struct req *r, const struct expert *e, const struct course_view *v,
                         int64_t *ids, int max)
{
	struct buf list;
	buf_init(&list, r->a);
	buf_putc(&list, '[');
	int n = 0;
	for (int i = 0; i < v->n; i++) {
		bool mine = false;
		for (int k = 0; k < e->nroles; k++)
			mine |= strcmp(e->roles[k], v->m[i].role) == 0;
		if (mine && !v->done[i])
			buf_printf(&list, "%s\"%s\"", n++ ? "," : "", v->m[i].code);
	}
	buf_putc(&list, ']');
	return n ? course_sessions(r->db, list.p, db_now(), ids, max) : 0;
}

int course_mark_done(struct req *r, int64_t expert_id, struct field_error *why)
{
	static const struct field_spec spec[] = {{"module", FT_TEXT, true, 1, 24, NULL},
	                                         {"reason", FT_TEXT, true, 1, 200, NULL}};
	struct field_val f[2];
	if (input_read(r, spec, 2, f, why) < 0)
		return KK_INVALID;
	struct expert e;
	struct course_view *v = arena_alloc(r->a, sizeof *v);
	if (experts_get(r->db, r->a, expert_id, &e) != KK_OK)
		return KK_NOTFOUND;
	if (course_load(r, expert_id, v) != KK_OK)
		return KK_ERR;
	if (!course_known(v, f[0].s)) {
		*why = (struct field_error){"module", "choice", 0};
		return KK_INVALID;
	}
	if (db_begin(r->db) < 0)
		return KK_ERR;
	int rc = course_mark(r->db, expert_id, f[0].s, r->user->id, f[1].s);
	if (rc == KK_OK && audit_add(r->db, "module_marked", expert_id, r->user->id, r->ip,
	                             arena_printf(r->a, "%s: %s", f[0].s, f[1].s)) < 0)
		rc = KK_ERR;
	if (rc == KK_OK && db_commit(r->db) == KK_OK)
		return KK_OK;
	db_rollback(r->db);
	if (rc == KK_CONFLICT)
		*why = (struct field_error){NULL, "module_done", 0};
	return rc == KK_OK ? KK_ERR : rc;
}
