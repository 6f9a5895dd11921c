/* course_pages.c — the facilitator course on pages and in the API: an expert's progress on
 * their profile (as far as they let the viewer see it) with the admin's form to mark a
 * module done, the progress and the sessions that would close it on the CPD page, and the
 * curriculum as JSON. */
#include "app/course.h"
#include "app/course_view.h"
#include "app/errors.h"
#include "app/events_view.h"
#include "app/experts.h"
#include "app/handlers.h"
#include "app/session.h"
#include "store/events.h"
#include "view/i18n.h"
#include "view/layout.h"
#include "view/links.h"

#include <string.h>

/* The modules of role: done ✓ (and how) or still to take. */
static void role_modules(struct buf *b, struct req *r, const struct course_view *v,
                         const char *role)
{
	html_lit(b, "<ul class=\"modules\">");
	for (int i = 0; i < v->n; i++) {
		if (strcmp(v->m[i].role, role) != 0)
			continue;
		if (v->done[i])
			html_lit(b, "<li class=\"done\">");
		else
			html_lit(b, "<li>");
		page_msg(b, r, v->done[i] ? "course.done" : "course.todo");
		html_lit(b, " ");
		html_text(b, page_en(r) ? v->m[i].title_en : v->m[i].title_ja);
		if (v->done[i] && v->via_event[i]) {
			html_lit(b, " (");
			html_link(b, link_event(r->a, v->via_event[i], NULL),
			          i18n_get(r->lang, "course.via_event"), NULL);
			html_lit(b, ")");
		} else if (v->done[i]) {
			html_lit(b, " (");
			page_msg(b, r, "course.via_admin");
			html_lit(b, ")");
		}
		html_lit(b, "</li>");
	}
	html_lit(b, "</ul>");
}

void course_profile_section(struct buf *b, struct req *r, const struct expert *e, int level)
{
	bool admin = r->user && (r->user->role & ROLE_ADMIN);
	if (e->vis[VF_MODULES] > level && !admin)
		return;
	struct course_view *v = arena_alloc(r->a, sizeof *v);
	if (course_load(r, e->id, v) != KK_OK || e->nroles == 0)
		return;
	page_card(b, r, NULL, "course.title");
	int missing = 0;
	for (int k = 0; k < e->nroles; k++) {
		int m = course_missing(v, e->roles[k]);
		missing += m;
		html_lit(b, "<h3>");
		html_text(b, tax_label(r, e->roles[k]));
		html_lit(b, " ");
		page_msg(b, r, m ? "course.role_open" : "course.role_done");
		html_lit(b, "</h3>");
		role_modules(b, r, v, e->roles[k]);
	}
	if (admin && missing > 0) { /* an admin marks a module done, with a reason */
		page_form_begin(b, r, link_admin(r->a, "experts", e->id, "modules"), "inline-form");
		html_lit(b, "<div class=\"field\"><select name=\"module\"");
		html_attr_pair(b, "aria-label", i18n_get(r->lang, "field.module"));
		html_lit(b, ">");
		for (int i = 0; i < v->n; i++) { /* the modules of its roles still to take */
			bool mine = false;
			for (int k = 0; k < e->nroles; k++)
				mine |= strcmp(e->roles[k], v->m[i].role) == 0;
			if (mine && !v->done[i])
				html_option(b, v->m[i].code,
				            page_en(r) ? v->m[i].title_en : v->m[i].title_ja,
				            false);
		}
		html_lit(b,
		         "</select></div><div class=\"field\"><input type=\"text\" name=\"reason\" "
		         "required maxlength=\"200\"");
		html_attr_pair(b, "placeholder", i18n_get(r->lang, "field.reason"));
		html_attr_pair(b, "aria-label", i18n_get(r->lang, "field.reason"));
		html_lit(b, "></div><button type=\"submit\">");
		page_msg(b, r, "course.mark");
		html_lit(b, "</button></form>");
	}
	html_lit(b, "</section>");
}

void course_cpd_section(struct buf *b, struct req *r, const struct expert *e)
{
	struct course_view *v = arena_alloc(r->a, sizeof *v);
	if (course_load(r, e->id, v) != KK_OK)
		return;
	page_card(b, r, NULL, "course.title");
	html_lit(b, "<p class=\"hint\">");
	page_msg(b, r, "course.rule");
	html_lit(b, "</p>");
	if (e->nroles == 0)
		page_notice(b, "notice", i18n_get(r->lang, "course.no_roles"));
	for (int k = 0; k < e->nroles; k++) {
		html_lit(b, "<h3>");
		html_text(b, tax_label(r, e->roles[k]));
		html_lit(b, " ");
		page_msg(b, r,
		         course_missing(v, e->roles[k]) ? "course.role_open" : "course.role_done");
		html_lit(b, "</h3>");
		role_modules(b, r, v, e->roles[k]);
	}
	int64_t ids[5];
	int n = course_next_sessions(r, e, v, ids, 5);
	if (n > 0) {
		html_lit(b, "<h3>");
		page_msg(b, r, "course.next_sessions");
		html_lit(b, "</h3>");
		event_short_list(b, r, ids, n, false);
	}
	html_lit(b, "</section>");
}

json_t *course_json(struct req *r, int64_t account_id, const struct expert *e)
{
	struct course_view *v = arena_alloc(r->a, sizeof *v);
	if (course_load(r, account_id, v) != KK_OK)
		return NULL;
	json_t *done = json_array(), *roles = json_array();
	for (int i = 0; i < v->n; i++)
		if (v->done[i])
			json_array_append_new(
			    done, json_pack("{s:s,s:o}", "module", v->m[i].code, "event_id",
			                    v->via_event[i] ? json_integer(v->via_event[i])
			                                    : json_null()));
	for (int k = 0; e && k < e->nroles; k++) {
		json_t *missing = json_array();
		for (int i = 0; i < v->n; i++)
			if (strcmp(v->m[i].role, e->roles[k]) == 0 && !v->done[i])
				json_array_append_new(missing, json_string(v->m[i].code));
		json_array_append_new(roles,
		                      json_pack("{s:s,s:b,s:o}", "role", e->roles[k], "complete",
		                                json_array_size(missing) == 0, "missing", missing));
	}
	return json_pack("{s:o,s:o}", "done", done, "roles", roles);
}

void api_course(struct req *r)
{
	struct course_view *v = arena_alloc(r->a, sizeof *v);
	if (!ok_or_reply(r, course_load(r, 0, v), NULL))
		return;
	json_t *arr = json_array();
	for (int i = 0; i < v->n; i++)
		json_array_append_new(
		    arr, json_pack("{s:s,s:s,s:i,s:s,s:s}", "code", v->m[i].code, "role",
		                   v->m[i].role, "position", v->m[i].position, "title",
		                   page_en(r) ? v->m[i].title_en : v->m[i].title_ja, "summary",
		                   page_en(r) ? v->m[i].summary_en : v->m[i].summary_ja));
	reply_json(r, 200, json_pack("{s:o}", "modules", arr));
}

void api_experts_module_mark(struct req *r)
{
	struct field_error why = {0};
	if (ok_or_reply(r, course_mark_done(r, req_param_id(r, 0), &why), &why))
		reply_json(r, 201, json_pack("{s:b}", "done", 1));
}

void page_admin_module_post(struct req *r)
{
	struct field_error why = {0};
	int64_t id = req_param_id(r, 0);
	int rc = course_mark_done(r, id, &why);
	if (rc == KK_INVALID) {
		render_expert(r, 400, id, &why);
		return;
	}
	if (ok_or_reply(r, rc, &why))
		reply_done(r, link_expert(r->a, id, NULL), "flash.module_marked");
}
