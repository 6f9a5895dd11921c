/* events_organise_pages.c — what an organiser does in the browser: the form to hold or
 * edit an event (errors beside their fields, everything typed kept), cancelling it, the
 * registrants with their attendance, and the same list as CSV. */
#include "app/course.h"
#include "app/csv.h"
#include "app/errors.h"
#include "app/events.h"
#include "app/events_view.h"
#include "app/experts.h"
#include "app/handlers.h"
#include "app/session.h"
#include "domain/date.h"
#include "store/communities.h"
#include "store/desks.h"
#include "store/taxonomy.h"
#include "view/i18n.h"
#include "view/layout.h"
#include "view/links.h"

#include <stdio.h>
#include <string.h>
#include <time.h>

/* "2026-12-10T19:00": a time as a datetime-local field holds it (Japan time). */
static const char *local_time(struct req *r, int64_t utc)
{
	if (!utc)
		return "";
	char s[26];
	date_format_jst(utc, s);
	return arena_strndup(r->a, s, 16);
}

static void text_field(struct buf *b, struct req *r, const char *name, const char *type,
                       const char *stored, bool required, int max, const struct field_error *why)
{
	page_input(b, r, name,
	           &(struct input_opts){type, page_typed(r, name, stored), "off", required, max,
	                                why && why->field && strcmp(why->field, name) == 0
	                                    ? field_error_message(r, why)
	                                    : NULL});
}

/* A community or desk that may hold the event. */
struct holder {
	int64_t id;
	const char *name;
};

/* The select of field name (labelled field.NAME): none (none_key) or one of h[0..n), the one
 * typed or else `chosen` selected, its error under it. */
static void holder_select(struct buf *b, struct req *r, const char *name, const char *none_key,
                          const struct holder *h, int n, const char *chosen,
                          const struct field_error *why)
{
	const char *typed = page_typed(r, name, chosen);
	page_select_open(b, r, name, arena_printf(r->a, "field.%s", name));
	html_option(b, "", i18n_get(r->lang, none_key), !*typed);
	for (int i = 0; i < n; i++) {
		const char *id = arena_printf(r->a, "%lld", (long long)h[i].id);
		html_option(b, id, h[i].name, strcmp(typed, id) == 0);
	}
	html_lit(b, "</select>");
	page_field_error(b, r, why, name);
	html_lit(b, "</div>");
}

/* Who holds a new event: the communities the caller organises (every one for an admin), the
 * desks they operate (every one for an admin), or, for an admin, the platform. */
static void holder_fields(struct buf *b, struct req *r, const struct field_error *why)
{
	bool admin = r->user->role & ROLE_ADMIN;
	struct community *cs = arena_alloc(r->a, sizeof *cs * 200);
	int nc = 0;
	if (admin) {
		nc = communities_list(r->db, r->a, NULL, NULL, cs, 200);
	} else {
		int64_t ids[50];
		int n = events_organised(r->db, r->user->id, ids, 50);
		for (int i = 0; i < n; i++)
			if (communities_get(r->db, r->a, ids[i], &cs[nc]) == KK_OK)
				nc++;
	}
	struct desk *ds = arena_alloc(r->a, sizeof *ds * 60);
	int nd = 0;
	if (admin) {
		nd = desks_list(r->db, r->a, ds, 60);
	} else {
		int64_t ids[10];
		int n = desks_of_operator(r->db, r->user->id, ids, 10);
		for (int i = 0; i < n; i++)
			if (desks_get(r->db, r->a, ids[i], &ds[nd]) == KK_OK)
				nd++;
	}
	if (nc <= 0 && nd <= 0 && !admin) {
		page_notice(b, "error", i18n_get(r->lang, "events.not_organiser"));
		return;
	}
	/* One who holds events for one community or desk only starts with it chosen. */
	const char *only_community =
	    !admin && nc == 1 && nd <= 0 ? arena_printf(r->a, "%lld", (long long)cs[0].id) : "";
	const char *only_desk =
	    !admin && nd == 1 && nc <= 0 ? arena_printf(r->a, "%lld", (long long)ds[0].id) : "";
	struct holder *h = arena_alloc(r->a, sizeof *h * (size_t)(nc + (nd > 0 ? nd : 0) + 1));
	for (int i = 0; i < nc; i++)
		h[i] = (struct holder){cs[i].id, cs[i].name};
	holder_select(b, r, "community_id", "events.no_community", h, nc, only_community, why);
	for (int i = 0; i < nd; i++)
		h[i] = (struct holder){ds[i].id, ds[i].name};
	if (nd > 0)
		holder_select(b, r, "desk_id", "events.no_desk", h, nd, only_desk, why);
}

/* The form of an event: e as stored (NULL for a new one), or as typed after an error. */
static void event_form(struct req *r, int status, const struct event *e,
                       const struct field_error *why)
{
	const struct taxonomy *tax = taxonomy();
	struct buf b;
	page_start(r, &b, e ? "events.edit" : "events.new");
	html_lit(&b, "<section class=\"card\">");
	page_h1(&b, r, e ? "events.edit" : "events.new");
	if (why)
		page_notice(&b, "error", field_error_message(r, why));
	page_form_begin(&b, r, e ? link_event(r->a, e->id, "edit") : "/events/new", "stack");
	if (!e)
		holder_fields(&b, r, why);
	text_field(&b, r, "title", "text", e ? e->title : NULL, true, 120, why);
	const char *kind = page_typed(r, "kind", e ? e->kind : "");
	page_select_open(&b, r, "kind", "field.event_kind");
	html_option(&b, "", i18n_get(r->lang, "events.choose"), !*kind);
	for (int k = 0; event_kinds[k]; k++)
		html_option(&b, event_kinds[k], event_kind_label(r, event_kinds[k]),
		            strcmp(kind, event_kinds[k]) == 0);
	html_lit(&b, "</select>");
	page_field_error(&b, r, why, "kind");
	html_lit(&b, "</div><fieldset class=\"field\"><legend>");
	page_msg(&b, r, "field.audience");
	html_lit(&b, "</legend>");
	page_field_error(&b, r, why, "audience");
	const char *audience = page_typed(r, "audience", e ? e->audience : "everyone");
	for (int k = 0; event_audiences[k]; k++)
		html_choice(&b, true, "audience", event_audiences[k],
		            strcmp(audience, event_audiences[k]) == 0,
		            i18n_get(r->lang,
		                     arena_printf(r->a, "events.audience.%s", event_audiences[k])));
	html_lit(&b, "</fieldset>");
	text_field(&b, r, "starts_at", "datetime-local", e ? local_time(r, e->starts_at) : NULL,
	           true, 0, why);
	text_field(&b, r, "ends_at", "datetime-local", e ? local_time(r, e->ends_at) : NULL, true,
	           0, why);
	page_prefecture_select(&b, r, "prefecture",
	                       page_typed(r, "prefecture", e ? e->prefecture : r->user->prefecture),
	                       why && why->field && strcmp(why->field, "prefecture") == 0
	                           ? field_error_message(r, why)
	                           : NULL);
	html_lit(&b, "<div class=\"field checks\">");
	html_choice(&b, false, "online", "1", page_chosen(r, "online", "1", e && e->online),
	            i18n_get(r->lang, "events.online_too"));
	html_lit(&b, "</div>");
	text_field(&b, r, "venue", "text", e ? e->venue : NULL, false, 200, why);
	text_field(&b, r, "capacity", "number", e ? arena_printf(r->a, "%d", e->capacity) : NULL,
	           true, 0, why);
	text_field(&b, r, "cpd_points", "number", e ? arena_printf(r->a, "%d", e->cpd_points) : "0",
	           false, 0, why);
	html_lit(&b, "<fieldset class=\"field\"><legend>");
	page_msg(&b, r, "field.skills");
	html_lit(&b, "</legend>");
	page_field_error(&b, r, why, "skills");
	html_lit(&b, "<div class=\"topic-grid\">");
	for (int i = 0; tax && i < tax->nskills; i++) {
		bool on = false;
		for (int k = 0; e && k < e->nskills; k++)
			on |= strcmp(e->skills[k], tax->skills[i].code) == 0;
		html_choice(&b, false, "skills", tax->skills[i].code,
		            page_chosen(r, "skills", tax->skills[i].code, on),
		            tax_label(r, tax->skills[i].code));
	}
	html_lit(&b, "</div></fieldset>");
	/* The course modules a session covers, role by role. */
	struct course_view *course = arena_alloc(r->a, sizeof *course);
	if (course_load(r, 0, course) == KK_OK && course->n > 0) {
		html_lit(&b, "<fieldset class=\"field\"><legend>");
		page_msg(&b, r, "field.modules");
		html_lit(&b, "</legend><p class=\"hint\">");
		page_msg(&b, r, "events.modules_hint");
		html_lit(&b, "</p>");
		page_field_error(&b, r, why, "modules");
		const char *role = "";
		for (int i = 0; i < course->n; i++) {
			const struct course_module *m = &course->m[i];
			if (strcmp(role, m->role) != 0) {
				if (i)
					html_lit(&b, "</div>");
				html_lit(&b, "<p class=\"group\">");
				html_text(&b, tax_label(r, m->role));
				html_lit(&b, "</p><div class=\"module-list\">");
				role = m->role;
			}
			bool on = false;
			for (int k = 0; e && k < e->nmodules; k++)
				on |= strcmp(e->modules[k], m->code) == 0;
			html_choice(&b, false, "modules", m->code,
			            page_chosen(r, "modules", m->code, on),
			            page_en(r) ? m->title_en : m->title_ja);
		}
		html_lit(&b, "</div></fieldset>");
	}
	page_textarea(
	    &b, r, "description",
	    &(struct textarea_opts){.rows = 6,
	                            .maxlength = 4000,
	                            .value = page_typed(r, "description", e ? e->description : ""),
	                            .why = why});
	page_form_end(&b, r, e ? "profile.save" : "events.create", "primary");
	html_lit(&b, "</section>");
	page_finish(r, &b, status);
}

void page_event_new(struct req *r)
{
	event_form(r, 200, NULL, NULL);
}

void page_event_new_post(struct req *r)
{
	struct event e = {0};
	struct field_error why = {0};
	int64_t id;
	int rc = event_read(r, &e, true, &why);
	if (rc == KK_INVALID || rc == KK_FORBIDDEN) {
		event_form(r, rc == KK_INVALID ? 400 : 403, NULL, &why);
		return;
	}
	if (ok_or_reply(r, rc == KK_OK ? event_create(r, &e, &id) : rc, &why))
		reply_done(r, link_event(r->a, id, NULL), "flash.event_created");
}

void page_event_edit(struct req *r)
{
	struct event e;
	if (event_organised_or_reply(r, &e))
		event_form(r, 200, &e, NULL);
}

void page_event_edit_post(struct req *r)
{
	struct event old, e = {0};
	struct field_error why = {0};
	if (!event_organised_or_reply(r, &old))
		return;
	int rc = event_edit(r, &old, &e, &why);
	if (rc == KK_INVALID) {
		event_form(r, 400, &old, &why);
		return;
	}
	if (ok_or_reply(r, rc, &why))
		reply_done(r, link_event(r->a, old.id, NULL), "flash.event_saved");
}

void page_event_cancel_post(struct req *r)
{
	struct event e;
	struct field_error why = {0};
	if (event_organised_or_reply(r, &e) && ok_or_reply(r, event_cancel(r, &e, &why), &why))
		reply_done(r, link_event(r->a, e.id, NULL), "flash.event_cancelled");
}

/* ---- the registrants ---- */

void page_event_registrants(struct req *r)
{
	struct event e;
	struct registrant *list;
	int n = event_registrants_or_reply(r, &e, &list);
	if (n < 0)
		return;
	bool started = e.starts_at <= db_now() && strcmp(e.status, "scheduled") == 0;
	struct buf b;
	page_start_titled(r, &b, e.title);
	html_lit(&b, "<h1>");
	html_text(&b, e.title);
	html_lit(&b, "</h1><p class=\"lead\">");
	event_when(&b, r, &e);
	html_lit(&b, "</p>");
	page_card(&b, r, NULL, "events.registrants");
	const char *args[] = {arena_printf(r->a, "%d", e.registered),
	                      arena_printf(r->a, "%d", e.capacity),
	                      arena_printf(r->a, "%d", e.waiting)};
	html_lit(&b, "<p>");
	page_msgf(&b, r, "events.registrant_counts", args, 3);
	html_lit(&b, "</p><p>");
	html_link(&b, link_event(r->a, e.id, "registrants.csv"), i18n_get(r->lang, "events.csv"),
	          "button");
	html_lit(&b, "</p>");
	if (started)
		page_form_begin(&b, r, link_event(r->a, e.id, "attendance"), NULL);
	else
		page_notice(&b, "notice", i18n_get(r->lang, "events.attendance_later"));
	static const char *const head[] = {"events.seq", "field.display_name", "events.status",
	                                   "events.attended_col", NULL};
	page_table_head(&b, r, NULL, head);
	for (int i = 0; i < n; i++) {
		html_lit(&b, "<tr><td class=\"num\">");
		html_int(&b, i + 1);
		html_lit(&b, "</td><td>");
		html_text(&b, list[i].display_name);
		html_lit(&b, "</td><td>");
		page_msg(&b, r, arena_printf(r->a, "events.reg.%s", list[i].status));
		html_lit(&b, "</td><td>");
		if (started && strcmp(list[i].status, "registered") == 0)
			html_choice(&b, false, "account_ids",
			            arena_printf(r->a, "%lld", (long long)list[i].account_id),
			            list[i].attended,
			            arena_printf(r->a, "%s %s", i18n_get(r->lang, "events.came"),
			                         list[i].display_name));
		else if (list[i].attended)
			page_msg(&b, r, "events.came");
		html_lit(&b, "</td></tr>");
	}
	page_table_end(&b);
	if (started)
		page_form_end(&b, r, "events.save_attendance", "primary");
	html_lit(&b, "</section><p>");
	html_link(&b, link_event(r->a, e.id, NULL), i18n_get(r->lang, "events.back_to_event"),
	          NULL);
	html_lit(&b, "</p>");
	page_finish(r, &b, 200);
}

void page_event_attendance_post(struct req *r)
{
	struct event e;
	struct field_error why = {0};
	if (!event_organised_or_reply(r, &e))
		return;
	int n;
	if (ok_or_reply(r, event_attendance(r, &e, &n, &why), &why))
		reply_done(r, link_event(r->a, e.id, "registrants"), "flash.attendance_saved");
}

void csv_event_registrants(struct req *r)
{
	struct event e;
	struct registrant *list;
	int n = event_registrants_or_reply(r, &e, &list);
	if (n < 0)
		return;
	struct buf b;
	buf_init(&b, r->a);
	csv_bom(&b);
	static const char *const head[] = {"order",  "display_name", "role",
	                                   "status", "attended",     "registered_at"};
	for (int k = 0; k < 6; k++)
		csv_cell(&b, head[k], k == 5);
	for (int i = 0; i < n; i++) {
		char at[26];
		date_format_jst(list[i].registered_at, at);
		csv_cell(&b, arena_printf(r->a, "%d", i + 1), false);
		csv_cell(&b, list[i].display_name, false);
		csv_cell(&b, list[i].role, false);
		csv_cell(&b, list[i].status, false);
		csv_cell(&b, list[i].attended ? "1" : "0", false);
		csv_cell(&b, at, true);
	}
	req_add_header(r, "Content-Disposition",
	               arena_printf(r->a, "attachment; filename=\"event-%lld-registrants.csv\"",
	                            (long long)e.id));
	reply_text(r, 200, "text/csv; charset=utf-8", b.p, b.len);
}
