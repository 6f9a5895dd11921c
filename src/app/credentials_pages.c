/* credentials_pages.c — certificate verification, continuing learning (CPD),
 * renewal, and the admin's certification form. */
#include "app/session.h"
#include "app/errors.h"
#include "app/events_view.h"
#include "app/communities.h"
#include "app/config.h"
#include "app/credentials.h"
#include "app/course_view.h"
#include "app/events.h"
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

/* ---- /verify ---- */

static void verify_form(struct buf *b, struct req *r, const char *number)
{
	html_lit(b, "<form method=\"get\" action=\"/verify\" class=\"inline-form\">");
	page_input(b, r, "number", &(struct input_opts){"text", number, "off", true, 40, NULL});
	page_form_end(b, r, "verify.submit", NULL);
}

/* The verification form; with `unknown`, the number typed was not found (404). */
static void render_verify_form(struct req *r, const char *number, bool unknown)
{
	struct buf b;
	page_start(r, &b, "verify.title");
	html_lit(&b, "<section class=\"card narrow\">");
	page_h1(&b, r, "verify.title");
	if (unknown)
		page_notice(&b, "error", i18n_get(r->lang, "verify.unknown"));
	html_lit(&b, "<p>");
	page_msg(&b, r, "verify.lead");
	html_lit(&b, "</p>");
	verify_form(&b, r, number);
	html_lit(&b, "</section>");
	page_finish(r, &b, unknown ? 404 : 200);
}

void page_verify_form(struct req *r)
{
	const char *number = req_query(r, "number");
	char canonical[CERT_NUMBER_TEXT];
	if (!number || !*number)
		render_verify_form(r, "", false);
	else if (token_cert_normalize(r->a, number, canonical))
		reply_redirect(r, arena_printf(r->a, "/verify/%s", canonical));
	else
		render_verify_form(r, number, true);
}

void page_verify(struct req *r)
{
	struct certificate c;
	struct expert holder;
	char canonical[CERT_NUMBER_TEXT];
	const char *typed = req_param(r, 0);
	int rc = token_cert_normalize(r->a, typed, canonical)
	             ? certificates_get(r->db, r->a, canonical, &c)
	             : KK_NOTFOUND;
	if (rc == KK_OK)
		rc = experts_get(r->db, r->a, c.expert_id, &holder);
	if (rc == KK_NOTFOUND) { /* the same answer for any unknown number, with the form */
		render_verify_form(r, typed, true);
		return;
	}
	if (!ok_or_reply(r, rc, NULL))
		return;
	struct buf b;
	page_start(r, &b, "verify.title");
	html_lit(&b, "<section class=\"card narrow\">");
	page_h1(&b, r, "verify.title");
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
	html_lit(&b, "</dl>");
	verify_form(&b, r, "");
	html_lit(&b, "</section>");
	page_finish(r, &b, 200);
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
	page_start(r, &b, "cpd.title");
	html_lit(&b, "<section class=\"card\">");
	page_h1(&b, r, "cpd.title");
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
	html_lit(&b, "</p></section>");
	if (has_profile)
		course_cpd_section(&b, r, &e);
	/* What would close the gap: the next events near them that give points. */
	int64_t soon[3];
	int ns = events_near_with_cpd(r, has_profile ? e.prefecture : r->user->prefecture, soon, 3);
	if (ns > 0) {
		page_card(&b, r, NULL, "cpd.next_events");
		event_short_list(&b, r, soon, ns, true);
		html_lit(&b, "</section>");
	}
	html_lit(&b, "<section class=\"card narrow\"><h2>");
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
	page_submit(&b, r, "cpd.add", "primary");
	html_lit(&b, "</form></section><section class=\"card\">");
	static const char *const head[] = {"field.date", "field.kind", "field.hours", "cpd.points",
	                                   "field.note", "cpd.source", NULL};
	page_table_head(&b, r, "cpd", head);
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
		if (list[i].event_id)
			html_link(&b, link_event(r->a, list[i].event_id, NULL), list[i].note, NULL);
		else
			html_text(&b, list[i].note);
		html_lit(&b, "</td><td>");
		page_msg(&b, r, list[i].event_id ? "cpd.verified" : "cpd.self_reported");
		html_lit(&b, "</td></tr>");
	}
	html_lit(&b, "</tbody></table></div></section>");
	page_finish(r, &b, status);
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
	struct field_error err = {0};
	int rc = cpd_record(r, &id, &points, &err);
	if (rc == KK_INVALID)
		render_cpd(r, 400, &err);
	else if (rc != KK_OK)
		reply_result(r, rc, &err);
	else
		reply_done(r, "/experts/me/cpd", "flash.cpd_recorded");
}

/* ---- certification ---- */

void page_admin_certify(struct req *r)
{
	static const char *const levels[] = {"basic", "advanced", NULL};
	static const struct field_spec spec[] = {{"level", FT_ENUM, true, 0, 0, levels}};
	struct field_val v[1];
	struct expert e;
	if (!expert_load_or_reply(r, req_param_id(r, 0), &e) || !input_or_reply(r, spec, 1, v))
		return;
	char expires[11], number[CERT_NUMBER_TEXT];
	struct field_error why = {0};
	if (!ok_or_reply(r, certificate_issue(r, &e, v[0].s, NULL, number, expires, &why), &why))
		return;
	reply_done(r, link_expert(r->a, e.id, NULL),
	           "flash.certified"); /* back where it was done */
}

void page_renew_post(struct req *r)
{
	struct expert e;
	if (experts_get(r->db, r->a, r->user->id, &e) != KK_OK || !e.cert.number) {
		reply_error(r, 404, "not_found");
		return;
	}
	int points = 0;
	struct field_error why = {0};
	int rc = certificate_renew(r, &e.cert, &points, &why);
	if (rc == KK_OK)
		reply_done(r, "/experts/me/cpd", "flash.renewed");
	else
		reply_result(r, rc, &why);
}

/* suspend, revoke and reinstate (the route's arg) from the admin's form on the profile page. */
void page_admin_certificate_status(struct req *r)
{
	struct certificate c;
	struct expert holder;
	struct field_error why = {0};
	if (!certificate_load_or_reply(r, req_param(r, 0), &c, &holder))
		return;
	if (ok_or_reply(r, certificate_set_status(r, &c, r->route->arg, &why), &why))
		reply_done(r, link_expert(r->a, c.expert_id, NULL), "flash.certificate_changed");
}
