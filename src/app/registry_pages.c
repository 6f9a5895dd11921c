/* registry_pages.c — certificate verification, communities, continuing
 * learning, the code of ethics, complaints and the admin's registry pages. */
#include "app/errors.h"
#include "app/communities.h"
#include "app/config.h"
#include "app/experts.h"
#include "app/handlers.h"
#include "domain/date.h"
#include "domain/token.h"
#include "store/audit.h"
#include "store/complaints.h"
#include "store/credentials.h"
#include "store/prefectures.h"
#include "view/i18n.h"
#include "view/layout.h"
#include "view/links.h"

#include <string.h>

static const char *pref_name(struct req *r, const char *code)
{
	const struct prefecture *p = prefecture_by_code(code);
	return p ? (strcmp(r->lang, "en") == 0 ? p->name_en : p->name_ja) : code;
}

static void h1(struct buf *b, struct req *r, const char *key)
{
	html_lit(b, "<h1>");
	page_msg(b, r, key);
	html_lit(b, "</h1>");
}

/* ---- /verify ---- */

static void verify_form(struct buf *b, struct req *r, const char *number)
{
	html_lit(b, "<form method=\"get\" action=\"/verify\" class=\"inline-form\">");
	page_input(b, r, "number", &(struct input_opts){"text", number, "off", true, 40, NULL});
	html_lit(b, "<button type=\"submit\">");
	page_msg(b, r, "verify.submit");
	html_lit(b, "</button></form>");
}

void page_verify_form(struct req *r)
{
	const char *number = req_query(r, "number");
	if (number && *number && strlen(number) < 64 && !strchr(number, '/')) {
		reply_redirect(r, arena_printf(r->a, "/verify/%s", number));
		return;
	}
	struct buf b;
	buf_init(&b, r->a);
	layout_begin(r, &b, "verify.title");
	html_lit(&b, "<section class=\"card narrow\">");
	h1(&b, r, "verify.title");
	html_lit(&b, "<p>");
	page_msg(&b, r, "verify.lead");
	html_lit(&b, "</p>");
	verify_form(&b, r, "");
	html_lit(&b, "</section>");
	layout_end(r, &b);
	reply_html(r, 200, &b);
}

void page_verify(struct req *r)
{
	struct certificate c;
	struct expert holder;
	if (!certificate_load_or_reply(r, req_param(r, 0), &c, &holder))
		return;
	struct buf b;
	buf_init(&b, r->a);
	layout_begin(r, &b, "verify.title");
	html_lit(&b, "<section class=\"card narrow\">");
	h1(&b, r, "verify.title");
	html_lit(&b, "<p");
	html_attr_pair(&b, "class", arena_printf(r->a, "verdict cert-%s", c.status));
	html_lit(&b, ">");
	page_msg(&b, r, arena_printf(r->a, "verify.verdict.%s", c.status));
	html_lit(&b, "</p><dl class=\"facts\">");
	page_fact(&b, r, "cert.number", c.number);
	page_fact(&b, r, "cert.holder", holder.display_name);
	page_fact(&b, r, "field.level",
	          i18n_get(r->lang, arena_printf(r->a, "cert.level.%s", c.level)));
	page_fact(&b, r, "cert.valid_from", c.issued_on);
	page_fact(&b, r, "field.expires_on", c.expires_on);
	html_lit(&b, "</dl></section>");
	layout_end(r, &b);
	reply_html(r, 200, &b);
}

/* ---- /communities ---- */

void page_communities(struct req *r)
{
	const char *pref, *type;
	if (!community_filters_or_reply(r, &pref, &type))
		return;
	struct community *list = arena_alloc(r->a, sizeof *list * COMMUNITY_LIST_MAX);
	int n = communities_list(r->db, r->a, pref, type, list, COMMUNITY_LIST_MAX);
	struct buf b;
	buf_init(&b, r->a);
	layout_begin(r, &b, "communities.title");
	h1(&b, r, "communities.title");
	html_lit(&b, "<p class=\"lead\">");
	page_msg(&b, r, "communities.lead");
	html_lit(&b, "</p><form method=\"get\" action=\"/communities\" class=\"filters\">");
	html_lit(&b, "<div class=\"field\"><label for=\"pref\">");
	page_msg(&b, r, "field.pref");
	html_lit(&b, "</label><select id=\"pref\" name=\"pref\">");
	html_option(&b, "", i18n_get(r->lang, "directory.any"), !pref);
	const struct prefecture *prefs = prefectures_all();
	for (int i = 0; prefs && i < PREF_COUNT; i++)
		html_option(&b, prefs[i].code, pref_name(r, prefs[i].code),
		            pref && strcmp(pref, prefs[i].code) == 0);
	html_lit(&b, "</select></div><div class=\"field\"><label for=\"type\">");
	page_msg(&b, r, "field.type");
	html_lit(&b, "</label><select id=\"type\" name=\"type\">");
	html_option(&b, "", i18n_get(r->lang, "directory.any"), !type);
	for (int i = 0; community_types[i]; i++)
		html_option(
		    &b, community_types[i],
		    i18n_get(r->lang, arena_printf(r->a, "community.type.%s", community_types[i])),
		    type && strcmp(type, community_types[i]) == 0);
	html_lit(&b, "</select></div><button type=\"submit\">");
	page_msg(&b, r, "directory.search");
	html_lit(&b, "</button></form><ul class=\"cards\">");
	bool expert = r->user && (r->user->role & ROLE_EXPERT);
	for (int i = 0; i < n; i++) {
		struct community *c = &list[i];
		html_lit(&b, "<li class=\"card\"><h2>");
		html_text(&b, c->name);
		html_lit(&b, "</h2><p class=\"meta\">");
		page_msg(&b, r, arena_printf(r->a, "community.type.%s", c->type));
		for (int k = 0; k < c->nprefs; k++) {
			html_lit(&b, " · ");
			html_text(&b, pref_name(r, c->prefs[k]));
		}
		const char *args[] = {arena_printf(r->a, "%d", c->members)};
		html_lit(&b, " · ");
		page_msgf(&b, r, "communities.members", args, 1);
		html_lit(&b, "</p>");
		if (*c->description) {
			html_lit(&b, "<p>");
			html_text(&b, c->description);
			html_lit(&b, "</p>");
		}
		if (*c->contact) {
			html_lit(&b, "<p class=\"hint\">");
			page_msg(&b, r, "field.contact");
			html_lit(&b, ": ");
			html_text(&b, c->contact);
			html_lit(&b, "</p>");
		}
		if (expert) {
			page_button_form(
			    &b, r, link_community(r->a, c->id, "join"),
			    NULL, "communities.join");
			html_lit(&b, " ");
			page_button_form(
			    &b, r, link_community(r->a, c->id, "leave"),
			    "link", "communities.leave");
		}
		html_lit(&b, "</li>");
	}
	html_lit(&b, "</ul>");
	if (r->user && (r->user->role & ROLE_ADMIN)) {
		html_lit(&b, "<section class=\"card narrow\"><h2>");
		page_msg(&b, r, "communities.create");
		html_lit(&b, "</h2>");
		page_form_begin(&b, r, "/communities", "stack");
		page_input(&b, r, "name",
		           &(struct input_opts){"text", NULL, "off", true, 100, NULL});
		html_lit(&b, "<div class=\"field\"><label for=\"ctype\">");
		page_msg(&b, r, "field.type");
		html_lit(&b, "</label><select id=\"ctype\" name=\"type\">");
		for (int i = 0; community_types[i]; i++)
			html_option(&b, community_types[i],
			            i18n_get(r->lang, arena_printf(r->a, "community.type.%s",
			                                           community_types[i])),
			            i == 0);
		html_lit(&b, "</select></div>");
		page_prefecture_select(&b, r, "prefectures", NULL, NULL);
		page_input(&b, r, "contact",
		           &(struct input_opts){"text", NULL, "off", false, 200, NULL});
		page_textarea(&b, r, "description",
		              &(struct textarea_opts){.rows = 3, .maxlength = 2000});
		html_lit(&b, "<button type=\"submit\">");
		page_msg(&b, r, "communities.create");
		html_lit(&b, "</button></form></section>");
	}
	layout_end(r, &b);
	reply_html(r, 200, &b);
}

void page_communities_create(struct req *r)
{
	int64_t id;
	struct field_error err;
	int rc = community_create(r, &id, &err);
	if (rc == -1)
		reply_invalid(r, &err);
	else if (rc < 0)
		reply_error(r, 500, "internal");
	else
		reply_redirect(r, "/communities");
}

void page_communities_join(struct req *r)
{
	int status = community_join_status(r, req_param_id(r, 0));
	if (status == 404 || status == 500)
		reply_error(r, status, status == 404 ? "not_found" : "internal");
	else if (status == 409)
		reply_redirect(r, "/experts/me/edit");
	else
		reply_redirect(r, "/communities");
}

void page_communities_leave(struct req *r)
{
	int64_t id = req_param_id(r, 0);
	if (id > 0)
		communities_leave(r->db, id, r->user->id);
	reply_redirect(r, "/communities");
}

/* ---- /experts/me/cpd ---- */

static void render_cpd(struct req *r, int status, const struct field_error *err)
{
	struct expert e;
	bool has_profile = experts_get(r->db, r->a, r->user->id, &e) == KK_OK;
	int points = cpd_points_last_year(r, r->user->id);
	struct cpd_activity list[100];
	int n = cpd_list(r->db, r->a, r->user->id, list, 100);
	struct buf b;
	buf_init(&b, r->a);
	layout_begin(r, &b, "cpd.title");
	html_lit(&b, "<section class=\"card\">");
	h1(&b, r, "cpd.title");
	const char *args[] = {arena_printf(r->a, "%d", points),
	                      arena_printf(r->a, "%d", app_config.cpd_required)};
	html_lit(&b, "<p class=\"lead\">");
	page_msgf(&b, r, "cpd.summary", args, 2);
	html_lit(&b, "</p>");
	if (points < app_config.cpd_required) {
		const char *missing[] = {
		    arena_printf(r->a, "%d", app_config.cpd_required - points)};
		html_lit(&b, "<p>");
		page_msgf(&b, r, "cpd.missing", missing, 1);
		html_lit(&b, "</p>");
	}
	if (has_profile && e.cert.number) {
		const char *a2[] = {e.cert.expires_on};
		html_lit(&b, "<p>");
		page_msgf(&b, r, "cpd.deadline", a2, 1);
		html_lit(&b, "</p>");
		if (strcmp(e.cert.status, "valid") == 0 || strcmp(e.cert.status, "expired") == 0) {
			page_button_form(&b, r, "/experts/me/renew", NULL, "cpd.renew");
		}
	}
	html_lit(&b, "<p class=\"hint\">");
	page_msg(&b, r, "cpd.rule");
	html_lit(&b, "</p></section><section class=\"card narrow\"><h2>");
	page_msg(&b, r, "cpd.add");
	html_lit(&b, "</h2>");
	if (err)
		page_notice(&b, "error", field_error_message(r, err));
	page_form_begin(&b, r, "/experts/me/cpd", "stack");
	html_lit(&b, "<div class=\"field\"><label for=\"kind\">");
	page_msg(&b, r, "field.kind");
	html_lit(&b, "</label><select id=\"kind\" name=\"kind\">");
	static const char *const kinds[] = {"training", "event", "exercise", "teaching"};
	for (int i = 0; i < 4; i++)
		html_option(&b, kinds[i],
		            i18n_get(r->lang, arena_printf(r->a, "cpd.kind.%s", kinds[i])), i == 0);
	html_lit(&b, "</select></div>");
	char today[11];
	date_jst(db_now(), today);
	page_input(
	    &b, r, "hours",
	    &(struct input_opts){"text", input_form_value(r, "hours"), "off", true, 5, NULL});
	page_input(&b, r, "date", &(struct input_opts){"date", today, "off", true, 10, NULL});
	page_input(
	    &b, r, "note",
	    &(struct input_opts){"text", input_form_value(r, "note"), "off", false, 200, NULL});
	html_lit(&b, "<button type=\"submit\" class=\"primary\">");
	page_msg(&b, r, "cpd.add");
	html_lit(&b,
	         "</button></form></section><section class=\"card\"><div class=\"table-scroll\">"
	         "<table><thead><tr><th>");
	page_msg(&b, r, "field.date");
	html_lit(&b, "</th><th>");
	page_msg(&b, r, "field.kind");
	html_lit(&b, "</th><th>");
	page_msg(&b, r, "field.hours");
	html_lit(&b, "</th><th>");
	page_msg(&b, r, "cpd.points");
	html_lit(&b, "</th><th>");
	page_msg(&b, r, "field.note");
	html_lit(&b, "</th></tr></thead><tbody>");
	for (int i = 0; i < n; i++) {
		html_lit(&b, "<tr><td>");
		html_text(&b, list[i].date);
		html_lit(&b, "</td><td>");
		page_msg(&b, r, arena_printf(r->a, "cpd.kind.%s", list[i].kind));
		html_lit(&b, "</td><td>");
		buf_printf(&b, "%d.%d", list[i].hours_tenths / 10, list[i].hours_tenths % 10);
		html_lit(&b, "</td><td>");
		html_int(&b, list[i].points);
		html_lit(&b, "</td><td>");
		html_text(&b, list[i].note);
		html_lit(&b, "</td></tr>");
	}
	html_lit(&b, "</tbody></table></div></section>");
	layout_end(r, &b);
	reply_html(r, status, &b);
}

void page_cpd(struct req *r)
{
	render_cpd(r, 200, NULL);
}

void page_cpd_post(struct req *r)
{
	struct expert e;
	if (experts_get(r->db, r->a, r->user->id, &e) != KK_OK) {
		reply_redirect(r, "/experts/me/edit");
		return;
	}
	int64_t id;
	int points;
	struct field_error err;
	int rc = cpd_record(r, &id, &points, &err);
	if (rc == -1)
		render_cpd(r, 400, &err);
	else if (rc < 0)
		reply_error(r, 500, "internal");
	else
		reply_redirect(r, "/experts/me/cpd");
}

/* ---- /ethics ---- */

void page_ethics(struct req *r)
{
	struct buf b;
	buf_init(&b, r->a);
	layout_begin(r, &b, "ethics.title");
	html_lit(&b, "<section class=\"card\">");
	h1(&b, r, "ethics.title");
	html_lit(&b, "<p class=\"lead\">");
	page_msg(&b, r, "ethics.lead");
	html_lit(&b, "</p><ol class=\"ethics\">");
	for (int i = 1; i <= 8; i++) {
		html_lit(&b, "<li>");
		page_msg(&b, r, arena_printf(r->a, "ethics.%d", i));
		html_lit(&b, "</li>");
	}
	html_lit(&b, "</ol></section>");
	layout_end(r, &b);
	reply_html(r, 200, &b);
}

/* ---- complaints, certification and moderation from pages ---- */

void page_complaint_post(struct req *r)
{
	int64_t expert_id, id;
	if (complaint_file(r, &expert_id, &id) < 0)
		return;
	struct buf b;
	buf_init(&b, r->a);
	layout_begin(r, &b, "complaint.title");
	html_lit(&b, "<section class=\"card narrow\">");
	h1(&b, r, "complaint.title");
	page_notice(&b, "notice", i18n_get(r->lang, "complaint.received"));
	html_link(&b, link_expert(r->a, expert_id, NULL),
	          i18n_get(r->lang, "complaint.back"), NULL);
	html_lit(&b, "</section>");
	layout_end(r, &b);
	reply_html(r, 200, &b);
}

void page_admin_certify(struct req *r)
{
	static const char *const levels[] = {"basic", "advanced", NULL};
	static const struct field_spec spec[] = {{"level", FT_ENUM, true, 0, 0, levels}};
	struct field_val v[1];
	struct expert e;
	if (!expert_load_or_reply(r, req_param_id(r, 0), &e) || !input_or_reply(r, spec, 1, v))
		return;
	char expires[11], number[CERT_NUMBER_TEXT];
	if (certificate_issue(r, e.id, v[0].s, NULL, number, expires) < 0) {
		reply_error(r, 500, "internal");
		return;
	}
	reply_redirect(r, arena_printf(r->a, "/verify/%s", number));
}

void page_admin_complaints(struct req *r)
{
	struct complaint list[100];
	int n = complaints_list(r->db, r->a, "open", list, 100);
	struct buf b;
	buf_init(&b, r->a);
	layout_begin(r, &b, "admin.complaints.title");
	h1(&b, r, "admin.complaints.title");
	if (n == 0)
		page_notice(&b, "notice", i18n_get(r->lang, "admin.complaints.none"));
	for (int i = 0; i < n; i++) {
		struct expert e;
		bool known = experts_get(r->db, r->a, list[i].expert_id, &e) == KK_OK;
		html_lit(&b, "<section class=\"card\"><h2>");
		if (known)
			html_link(&b, link_expert(r->a, e.id, NULL),
			          e.display_name, NULL);
		html_lit(&b, "</h2><p class=\"meta\">");
		page_time(&b, list[i].created_at);
		html_lit(&b, "</p><p class=\"bio\">");
		html_text(&b, list[i].body);
		html_lit(&b, "</p>");
		page_form_begin(
		    &b, r,
		    link_admin(r->a, "complaints", list[i].id, "resolve"),
		    "stack");
		html_lit(&b, "<div class=\"field\"><label>");
		page_msg(&b, r, "field.resolution");
		html_lit(
		    &b,
		    "<textarea name=\"resolution\" rows=\"2\" required></textarea></label></div>");
		html_lit(
		    &b,
		    "<label class=\"choice\"><input type=\"checkbox\" name=\"hide\" value=\"1\"> ");
		page_msg(&b, r, "admin.complaints.hide");
		html_lit(&b, "</label><button type=\"submit\" name=\"status\" value=\"upheld\">");
		page_msg(&b, r, "admin.complaints.uphold");
		html_lit(&b,
		         "</button> <button type=\"submit\" name=\"status\" value=\"dismissed\">");
		page_msg(&b, r, "admin.complaints.dismiss");
		html_lit(&b, "</button></form></section>");
	}
	layout_end(r, &b);
	reply_html(r, 200, &b);
}

void page_admin_complaint_resolve(struct req *r)
{
	static const char *const outcomes[] = {"upheld", "dismissed", NULL};
	static const struct field_spec spec[] = {
	    {"status", FT_ENUM, true, 0, 0, outcomes},
	    {"resolution", FT_LINES, true, 1, 2000, NULL},
	    {"hide", FT_BOOL, false, 0, 0, NULL},
	};
	struct field_val v[3];
	struct complaint c;
	int64_t id = req_param_id(r, 0);
	if (id < 0 || complaints_get(r->db, r->a, id, &c) != KK_OK) {
		reply_error(r, 404, "not_found");
		return;
	}
	if (!input_or_reply(r, spec, 3, v))
		return;
	bool hide = v[2].present && v[2].n;
	if (db_begin(r->db) < 0 || complaints_resolve(r->db, id, v[0].s, v[1].s) != KK_OK ||
	    audit_add(r->db, "complaint_resolved", c.expert_id, r->user->id, r->ip,
	              arena_printf(r->a, "complaint %lld %s", (long long)id, v[0].s)) < 0 ||
	    (hide &&
	     (experts_set_hidden(r->db, c.expert_id, true, v[1].s) < 0 ||
	      audit_add(r->db, "expert_hidden", c.expert_id, r->user->id, r->ip, v[1].s) < 0)) ||
	    db_commit(r->db) < 0) {
		db_rollback(r->db);
		reply_error(r, 409, "complaint_closed");
		return;
	}
	reply_redirect(r, "/admin/complaints");
}

void page_renew_post(struct req *r)
{
	struct expert e;
	if (experts_get(r->db, r->a, r->user->id, &e) != KK_OK || !e.cert.number) {
		reply_error(r, 404, "not_found");
		return;
	}
	int points = 0;
	int rc = certificate_renew(r, &e.cert, &points);
	if (rc == RENEW_OK)
		reply_redirect(r, "/experts/me/cpd");
	else if (rc == RENEW_POINTS)
		reply_error(r, 409, "cpd_insufficient");
	else
		reply_error(r, rc == RENEW_STATE ? 409 : 500,
		            rc == RENEW_STATE ? "certificate_state" : "internal");
}
