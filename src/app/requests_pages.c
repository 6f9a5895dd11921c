/* requests_pages.c — the help desk in the browser: a company's profile, filing
 * a request (with first-aid guidance for incidents), the list (a company's own,
 * a desk's queue, an expert's cases and offers) and a request's page, where the
 * desk assigns from ranked candidates, the expert accepts and reports, and
 * everyone writes in the thread. Forms post to the same handlers as the API. */
#include "app/experts.h"
#include "app/session.h"
#include "app/desks.h"
#include "app/errors.h"
#include "app/requests.h"
#include "app/assessment_views.h"
#include "app/requests_sections.h"
#include "app/requests_timeline.h"
#include "app/handlers.h"
#include "store/accounts.h"
#include "store/experts.h"
#include "store/prefectures.h"
#include "store/taxonomy.h"
#include "view/i18n.h"
#include "view/layout.h"
#include "view/links.h"

#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

static void msg_key(struct buf *b, struct req *r, const char *prefix, const char *value)
{
	page_msg(b, r, arena_printf(r->a, "%s.%s", prefix, value));
}

/* ---- /requests/new ---- */

/* Share the self-assessment the form came from (ticked unless the company unticked it),
 * and the roles its gaps need, which the desk can change. */
static void assessment_share_field(struct buf *b, struct req *r,
                                   const struct assessment_consult *gap)
{
	html_lit(b, "<fieldset class=\"field sentences\"><legend>");
	page_msg(b, r, "request.assessment");
	html_lit(b, "</legend>");
	const char *id = arena_printf(r->a, "%lld", (long long)gap->assessment_id);
	html_choice(b, false, "assessment_id", id, page_chosen(r, "assessment_id", id, true),
	            i18n_get(r->lang, "request.assessment_share"));
	if (gap->nroles > 0) {
		html_lit(b, "<p class=\"hint\">");
		page_msg(b, r, "request.assessment_roles");
		for (int i = 0; i < gap->nroles; i++) {
			html_text(b, i ? " / " : " ");
			html_text(b, tax_label(r, gap->roles[i]));
			html_hidden(b, "roles", gap->roles[i]);
		}
		html_lit(b, "</p>");
	}
	html_lit(b, "</fieldset>");
}

/* The form to file a request; after a bad POST (why) with everything as it was typed. */
static void render_request_form(struct req *r, int status, const struct field_error *why)
{
	const struct taxonomy *tax = taxonomy();
	struct buf b;
	page_start(r, &b, "request.new");
	html_lit(&b, "<section class=\"card\">");
	page_h1(&b, r, "request.new");
	if (why)
		page_notice(&b, "error", field_error_message(r, why));
	page_form_begin(&b, r, "/requests/new", "stack");
	html_lit(&b, "<fieldset class=\"field\"><legend>");
	page_msg(&b, r, "field.kind");
	html_lit(&b, "</legend>");
	page_field_error(&b, r, why, "kind");
	const char *kind = page_typed(r, "kind", req_query(r, "kind"));
	bool incident = kind && strcmp(kind, "incident") == 0;
	/* From an answer in the Q&A: that expert, and the question's topic, pre-filled. */
	const char *want_topic = req_query(r, "topic");
	/* From a self-assessment: its gaps described, the topics and roles they need. */
	const char *from = page_typed(r, "assessment_id", req_query(r, "assessment"));
	struct assessment_consult gap = {0};
	if (from && *from)
		assessment_prefill(r, strtoll(from, NULL, 10), req_query(r, "item"), &gap);
	const char *want = page_typed(r, "expert_id", req_query(r, "expert"));
	struct expert chosen;
	if (want && *want && experts_get(r->db, r->a, strtoll(want, NULL, 10), &chosen) == KK_OK &&
	    !chosen.hidden) {
		const char *args[] = {chosen.display_name};
		html_lit(&b, "<p class=\"notice\">");
		page_msgf(&b, r, "request.with_expert", args, 1);
		html_lit(&b, "</p>");
		html_hidden(&b, "expert_id", arena_printf(r->a, "%lld", (long long)chosen.id));
	}
	html_choice(&b, true, "kind", "incident", incident,
	            i18n_get(r->lang, "request.kind.incident_long"));
	html_choice(&b, true, "kind", "advice", !incident,
	            i18n_get(r->lang, "request.kind.advice_long"));
	html_lit(&b, "</fieldset><div class=\"field\"><label for=\"description\">");
	page_msg(&b, r, "field.description");
	html_lit(&b, "</label><p class=\"hint\">");
	page_msg(&b, r, "request.description_hint");
	html_lit(&b, "</p>");
	page_field_error(&b, r, why, "description");
	html_lit(&b, "<textarea id=\"description\" name=\"description\" rows=\"5\" "
	             "maxlength=\"4000\" required>");
	html_text(&b, page_typed(r, "description", gap.description ? gap.description : ""));
	html_lit(&b, "</textarea></div><fieldset class=\"field\"><legend>");
	page_msg(&b, r, "field.topics");
	html_lit(&b, "</legend>");
	page_field_error(&b, r, why, "topics");
	/* 28 topics, grouped so an owner on a phone can find theirs, in full words. */
	for (int g = 0; tax && g < tax->ngroups; g++) {
		html_lit(&b, "<div class=\"topic-group\"><p class=\"group\">");
		html_text(&b, page_en(r) ? tax->groups[g].name_en : tax->groups[g].name_ja);
		html_lit(&b, "</p><div class=\"topic-grid\">");
		for (int i = 0; i < tax->nskills; i++) {
			const struct tax_skill *k = &tax->skills[i];
			if (strcmp(k->group, tax->groups[g].code) != 0)
				continue;
			bool needed = want_topic && strcmp(want_topic, k->code) == 0;
			for (int t = 0; t < gap.ntopics; t++)
				needed = needed || strcmp(gap.topics[t], k->code) == 0;
			html_choice(&b, false, "topics", k->code,
			            page_chosen(r, "topics", k->code, needed),
			            tax_label(r, k->code));
		}
		html_lit(&b, "</div></div>");
	}
	html_lit(&b, "</fieldset><fieldset class=\"field\"><legend>");
	page_msg(&b, r, "field.mode");
	html_lit(&b, "</legend>");
	const char *mode = page_typed(r, "mode", "remote");
	html_choice(&b, true, "mode", "remote", strcmp(mode, "onsite") != 0,
	            i18n_get(r->lang, "mode.remote"));
	html_choice(&b, true, "mode", "onsite", strcmp(mode, "onsite") == 0,
	            i18n_get(r->lang, "mode.onsite"));
	html_lit(&b, "</fieldset><fieldset class=\"field\"><legend>");
	page_msg(&b, r, "field.urgency");
	html_lit(&b, "</legend>");
	/* An incident is urgent unless the company says otherwise. */
	const char *urgency = page_typed(r, "urgency", incident ? "high" : "normal");
	static const char *const urg[] = {"low", "normal", "high"};
	for (int i = 0; i < 3; i++)
		html_choice(&b, true, "urgency", urg[i], strcmp(urgency, urg[i]) == 0,
		            i18n_get(r->lang, arena_printf(r->a, "urgency.%s", urg[i])));
	html_lit(&b, "</fieldset>");
	if (gap.assessment_id)
		assessment_share_field(&b, r, &gap);
	page_form_end(&b, r, "request.submit", "primary");
	html_lit(&b, "</section>");
	page_finish(r, &b, status);
}

void page_request_new(struct req *r)
{
	struct company c;
	if (companies_get(r->db, r->a, r->user->id, &c) != KK_OK)
		reply_redirect(r, "/company");
	else
		render_request_form(r, 200, NULL);
}

/* ---- /requests/{id} ---- */

/* The desk adds the roles it needs and sets the urgency. */
static void desk_edit(struct buf *b, struct req *r, const struct request *q)
{
	const struct taxonomy *tax = taxonomy();
	html_lit(b, "<details class=\"card\"><summary>");
	page_msg(b, r, "request.edit");
	html_lit(b, "</summary>");
	page_form_begin(b, r, link_request(r->a, q->id, "edit"), "stack");
	html_lit(b, "<fieldset class=\"field\"><legend>");
	page_msg(b, r, "field.roles");
	html_lit(b, "</legend>");
	for (int i = 0; tax && i < tax->nroles; i++) {
		bool on = false;
		for (int k = 0; k < q->nroles; k++)
			on |= strcmp(q->roles[k], tax->roles[i].code) == 0;
		html_choice(b, false, "roles", tax->roles[i].code, on,
		            page_en(r) ? tax->roles[i].name_en : tax->roles[i].name_ja);
	}
	html_lit(b, "</fieldset><fieldset class=\"field\"><legend>");
	page_msg(b, r, "field.urgency");
	html_lit(b, "</legend>");
	static const char *const urg[] = {"low", "normal", "high"};
	for (int i = 0; i < 3; i++)
		html_choice(b, true, "urgency", urg[i], strcmp(q->urgency, urg[i]) == 0,
		            i18n_get(r->lang, arena_printf(r->a, "urgency.%s", urg[i])));
	html_lit(b, "</fieldset>");
	page_form_end(b, r, "profile.save", NULL);
	html_lit(b, "</details>");
}

static void simple_form(struct buf *b, struct req *r, int64_t id, const char *action,
                        const char *title_key, const char *button_key,
                        const struct field_error *why)
{
	html_lit(b, "<section class=\"card narrow\"><h2>");
	page_msg(b, r, title_key);
	html_lit(b, "</h2>");
	page_form_begin(b, r, link_request(r->a, id, action), "stack");
	if (strcmp(action, "close") == 0) {
		page_textarea(b, r, "report",
		              &(struct textarea_opts){.rows = 4, .required = true, .why = why});
		page_input(
		    b, r, "hours",
		    &(struct input_opts){"text", page_typed(r, "hours", NULL), "off", true, 6,
		                         why && why->field && strcmp(why->field, "hours") == 0
		                             ? field_error_message(r, why)
		                             : NULL});
	} else if (strcmp(action, "rating") == 0) {
		html_lit(b, "<fieldset class=\"field\"><legend>");
		page_msg(b, r, "field.stars");
		html_lit(b, "</legend>");
		page_field_error(b, r, why, "stars");
		const char *stars = page_typed(r, "stars", "5");
		for (int s = 5; s >= 1; s--) {
			const char *v = arena_printf(r->a, "%d", s);
			html_choice(b, true, "stars", v, strcmp(stars, v) == 0,
			            arena_printf(r->a, "%.*s", s * 3, "★★★★★"));
		}
		html_lit(b, "</fieldset>");
		page_textarea(b, r, "comment", &(struct textarea_opts){.rows = 3, .why = why});
	} else if (strcmp(action, "transfer") == 0) {
		page_prefecture_select(b, r, "prefecture", page_typed(r, "prefecture", NULL),
		                       why && why->field && strcmp(why->field, "prefecture") == 0
		                           ? field_error_message(r, why)
		                           : NULL);
		page_textarea(b, r, "note",
		              &(struct textarea_opts){.rows = 2, .required = true, .why = why});
	}
	html_lit(b, "<button type=\"submit\">");
	page_msg(b, r, button_key);
	html_lit(b, "</button></form></section>");
}

/* The request's page; after a form on it failed (why), with the form as typed and the reason
 * beside its field, or what changed meanwhile at the top. */
static void render_request(struct req *r, int status, int64_t id, const struct field_error *why)
{
	struct request q;
	enum access access;
	if (!request_load_or_reply(r, id, &q, &access))
		return;
	bool incident = strcmp(q.kind, "incident") == 0;
	struct buf b;
	page_start(r, &b, "request.title");
	if (why)
		page_notice(&b, "error",
		            why->field
		                ? field_error_message(r, why)
		                : i18n_get(r->lang, arena_printf(r->a, "error.%s", why->code)));
	html_lit(&b, "<section class=\"card\"><h1>");
	buf_printf(&b, "#%lld ", (long long)q.id);
	msg_key(&b, r, "request.kind", q.kind);
	html_lit(&b, "</h1><p class=\"meta\"><span class=\"status\">");
	msg_key(&b, r, "status.req", q.status);
	html_lit(&b, "</span> · ");
	msg_key(&b, r, "urgency", q.urgency);
	html_lit(&b, " · ");
	msg_key(&b, r, "mode", q.mode);
	html_lit(&b, "</p><ul class=\"tags\">");
	for (int i = 0; i < q.ntopics; i++) {
		html_lit(&b, "<li>");
		html_text(&b, tax_label(r, q.topics[i]));
		html_lit(&b, "</li>");
	}
	html_lit(&b, "</ul>");
	if (access != ACCESS_OFFER) {
		html_lit(&b, "<p class=\"bio\">");
		html_text(&b, q.description);
		html_lit(&b, "</p>");
	}
	html_lit(&b, "</section>");
	bool closed = strcmp(q.status, "closed") == 0;
	if (incident && access == ACCESS_COMPANY && !closed) { /* first aid while it is open */
		html_lit(&b, "<section class=\"card urgent guidance\"><h2>");
		page_msg(&b, r, "guidance.title");
		html_lit(&b, "</h2><ol>");
		for (int i = 1; i <= 7; i++) {
			html_lit(&b, "<li>");
			page_msg(&b, r, arena_printf(r->a, "guidance.%d", i));
			html_lit(&b, "</li>");
		}
		html_lit(&b, "</ol></section>");
	}
	request_customer_html(&b, r, &q, access);
	if (access == ACCESS_OFFER) {
		html_lit(&b, "<section class=\"card urgent\"><p>");
		page_msg(&b, r, "request.offer_lead");
		html_lit(&b, "</p>");
		page_button_form(&b, r, link_request(r->a, q.id, "accept"), "primary",
		                 "request.accept");
		html_lit(&b, "</section>");
		page_finish(r, &b, status);
		return;
	}
	int64_t as[16];
	int na = assignees(r->db, q.id, as, 16);
	html_lit(&b, "<section class=\"card\"><h2>");
	page_msg(&b, r, "request.assignees");
	html_lit(&b, "</h2><ul>");
	if (na <= 0) { /* assignees() is -1 on a store error: show the list as empty */
		html_lit(&b, "<li>");
		page_msg(&b, r, "request.nobody_yet");
		html_lit(&b, "</li>");
	}
	for (int i = 0; i < na; i++) {
		struct expert e;
		if (experts_get(r->db, r->a, as[i], &e) == KK_OK) {
			html_lit(&b, "<li class=\"assignee\">");
			html_link(&b, link_expert(r->a, e.id, NULL), e.display_name, NULL);
			html_lit(&b, "</li>");
		}
	}
	html_lit(&b, "</ul></section>");
	struct assessment_view *shared = arena_alloc(r->a, sizeof *shared);
	if (q.assessment_id && request_sees_assessment(access) &&
	    assessment_shared(r, q.assessment_id, q.company_id, shared) == KK_OK)
		assessment_summary_html(&b, r, shared);
	if (access == ACCESS_DESK || access == ACCESS_ADMIN || access == ACCESS_COMPANY)
		request_allowance_html(&b, r, &q);
	if ((access == ACCESS_DESK || access == ACCESS_ADMIN) && !closed) {
		desk_edit(&b, r, &q);
		request_candidates_html(&b, r, &q);
	}
	/* The thread. */
	struct request_message msgs[200];
	int nm = request_messages(r->db, r->a, q.id, msgs, 200);
	html_lit(&b, "<section class=\"card\"><h2>");
	page_msg(&b, r, "request.messages");
	html_lit(&b, "</h2><ul class=\"thread\">");
	for (int i = 0; i < nm; i++) {
		struct account au;
		html_lit(&b, "<li><p class=\"meta\">");
		if (accounts_by_id(r->db, r->a, msgs[i].author_id, &au) == KK_OK)
			html_text(&b, au.display_name);
		html_lit(&b, " · ");
		page_time(&b, msgs[i].created_at);
		html_lit(&b, "</p><p class=\"bio\">");
		html_text(&b, msgs[i].body);
		html_lit(&b, "</p></li>");
	}
	html_lit(&b, "</ul>");
	page_form_begin(&b, r, link_request(r->a, q.id, "messages"), "stack");
	const struct textarea_opts to = {
	    .label = "request.write", .rows = 3, .maxlength = 4000, .required = true, .why = why};
	page_textarea(&b, r, "body", &to);
	page_form_end(&b, r, "request.send", NULL);
	html_lit(&b, "</section>");
	if (access == ACCESS_EXPERT && !closed)
		simple_form(&b, r, q.id, "close", "request.close", "request.close", why);
	struct rating rating;
	bool rated = ratings_get(r->db, r->a, q.id, &rating) == KK_OK;
	if (closed)
		request_closing_html(&b, r, &q, rated ? &rating : NULL);
	if (access == ACCESS_COMPANY && closed && !rated)
		simple_form(&b, r, q.id, "rating", "request.rate", "request.rate", why);
	if ((access == ACCESS_DESK || access == ACCESS_ADMIN) && !closed)
		simple_form(&b, r, q.id, "transfer", "request.transfer", "request.transfer", why);
	/* The timeline. */
	request_timeline_html(&b, r, &q, request_sees_notes(access));
	page_finish(r, &b, status);
}

void page_request(struct req *r)
{
	render_request(r, 200, req_param_id(r, 0), NULL);
}

/* ---- the forms: the logic of requests.c and desks.c, then the page to go on to ---- */

void page_request_new_post(struct req *r)
{
	struct request q;
	struct field_error why = {0};
	int rc = request_file(r, &q, &why);
	if (rc == KK_INVALID)
		render_request_form(r, 400, &why);
	else if (ok_or_reply(r, rc, &why))
		reply_done(r, link_request(r->a, q.id, NULL), "flash.request_filed");
}

/* A form about request id is done: back to its page. */
static void back_to_request(struct req *r, int rc, const struct field_error *why, int64_t id,
                            const char *flash_key)
{
	if (rc == KK_OK)
		reply_done(r, link_request(r->a, id, NULL), flash_key);
	else if (rc == KK_INVALID || rc == KK_CONFLICT) /* the page again, as typed, with why */
		render_request(r, rc == KK_INVALID ? 400 : 409, id, why);
	else
		reply_result(r, rc, why);
}

void page_request_message_post(struct req *r)
{
	struct field_error why = {0};
	int64_t id = req_param_id(r, 0), mid;
	back_to_request(r, request_message(r, id, &mid, &why), &why, id, "flash.message_sent");
}

/* edit, assign, accept and close: the route's arg names the action and its flash. */
void page_request_act_post(struct req *r)
{
	struct request q;
	struct field_error why = {0};
	enum access access;
	int64_t id = req_param_id(r, 0);
	back_to_request(r, request_act(r, r->route->arg, id, &q, &access, &why), &why, id,
	                arena_printf(r->a, "flash.request_%s", r->route->arg));
}

void page_request_rating_post(struct req *r)
{
	struct field_error why = {0};
	int64_t id = req_param_id(r, 0);
	int stars;
	back_to_request(r, request_rate(r, id, &stars, &why), &why, id, "flash.rated");
}

void page_request_transfer_post(struct req *r)
{
	struct field_error why = {0};
	int64_t id = req_param_id(r, 0), desk;
	int rc = request_transfer(r, id, &desk, &why);
	if (rc == KK_INVALID)
		render_request(r, 400, id, &why);
	else if (ok_or_reply(r, rc, &why))
		reply_done(r, "/requests", "flash.transferred");
}
