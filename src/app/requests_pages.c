/* requests_pages.c — the help desk in the browser: a company's profile, filing
 * a request (with first-aid guidance for incidents), the list (a company's own,
 * a desk's queue, an expert's cases and offers) and a request's page, where the
 * desk assigns from ranked candidates, the expert accepts and reports, and
 * everyone writes in the thread. Forms post to the same handlers as the API. */
#include "app/desks.h"
#include "app/errors.h"
#include "app/requests.h"
#include "app/handlers.h"
#include "store/accounts.h"
#include "store/experts.h"
#include "store/prefectures.h"
#include "store/taxonomy.h"
#include "view/i18n.h"
#include "view/layout.h"
#include "view/links.h"

#include <stdlib.h>
#include <string.h>

static void msg_key(struct buf *b, struct req *r, const char *prefix, const char *value)
{
	page_msg(b, r, arena_printf(r->a, "%s.%s", prefix, value));
}

/* ---- /company ---- */

void page_company(struct req *r)
{
	struct company c;
	bool have = companies_get(r->db, r->a, r->user->id, &c) == KK_OK;
	struct buf b;
	page_start(r, &b, "company.title");
	html_lit(&b, "<section class=\"card narrow\"><h1>");
	page_msg(&b, r, "company.title");
	html_lit(&b, "</h1><p class=\"hint\">");
	page_msg(&b, r, "company.lead");
	html_lit(&b, "</p>");
	page_form_begin(&b, r, "/company", "stack");
	page_input(&b, r, "name",
	           &(struct input_opts){"text", have ? c.name : r->user->display_name,
	                                "organization", true, 100, NULL});
	page_prefecture_select(&b, r, "prefecture", have ? c.prefecture : r->user->prefecture,
	                       NULL);
	html_lit(&b, "<div class=\"field\"><label for=\"industry\">");
	page_msg(&b, r, "field.industry");
	html_lit(&b, "</label><select id=\"industry\" name=\"industry\">");
	for (char k = 'A'; k <= 'T'; k++) {
		char code[2] = {k, 0};
		html_option(&b, code, i18n_get(r->lang, arena_printf(r->a, "industry.%s", code)),
		            have ? strcmp(c.industry, code) == 0 : k == 'E');
	}
	html_lit(&b, "</select></div><div class=\"field\"><label for=\"employees\">");
	page_msg(&b, r, "field.employees");
	html_lit(&b, "</label><select id=\"employees\" name=\"employees\">");
	for (int i = 0; company_bands[i]; i++)
		html_option(&b, company_bands[i],
		            arena_printf(r->a, "%s %s", company_bands[i],
		                         i18n_get(r->lang, "company.people")),
		            have && strcmp(c.employees, company_bands[i]) == 0);
	html_lit(&b, "</select></div><div class=\"field\"><label for=\"vendors\">");
	page_msg(&b, r, "field.vendors");
	html_lit(&b, "</label><p class=\"hint\">");
	page_msg(&b, r, "company.vendors_hint");
	html_lit(&b, "</p><textarea id=\"vendors\" name=\"vendors\" rows=\"3\">");
	for (int i = 0; have && i < c.nvendors; i++) {
		html_text(&b, c.vendors[i]);
		html_lit(&b, "\n");
	}
	html_lit(&b, "</textarea></div><button type=\"submit\" class=\"primary\">");
	page_msg(&b, r, "profile.save");
	html_lit(&b, "</button></form></section>");
	page_finish(r, &b, 200);
}

/* ---- /requests/new ---- */

void page_request_new(struct req *r)
{
	struct company c;
	if (companies_get(r->db, r->a, r->user->id, &c) != KK_OK) {
		reply_redirect(r, "/company");
		return;
	}
	const struct taxonomy *tax = taxonomy();
	struct buf b;
	page_start(r, &b, "request.new");
	html_lit(&b, "<section class=\"card\"><h1>");
	page_msg(&b, r, "request.new");
	html_lit(&b, "</h1>");
	page_form_begin(&b, r, "/requests/new", "stack");
	html_lit(&b, "<fieldset class=\"field\"><legend>");
	page_msg(&b, r, "field.kind");
	html_lit(&b, "</legend>");
	bool incident = req_query(r, "kind") && strcmp(req_query(r, "kind"), "incident") == 0;
	/* From an answer in the Q&A: that expert, and the question's topic, pre-filled. */
	const char *want_topic = req_query(r, "topic");
	const char *want = req_query(r, "expert");
	struct expert chosen;
	if (want && experts_get(r->db, r->a, strtoll(want, NULL, 10), &chosen) == KK_OK &&
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
	html_lit(
	    &b,
	    "</p><textarea id=\"description\" name=\"description\" rows=\"5\" maxlength=\"4000\" "
	    "required></textarea></div><fieldset class=\"field\"><legend>");
	page_msg(&b, r, "field.topics");
	html_lit(&b, "</legend><div class=\"check-grid\">");
	for (int i = 0; tax && i < tax->nskills; i++)
		html_choice(&b, false, "topics", tax->skills[i].code,
		            want_topic && strcmp(want_topic, tax->skills[i].code) == 0,
		            page_en(r) ? tax->skills[i].name_en : tax->skills[i].name_ja);
	html_lit(&b, "</div></fieldset><fieldset class=\"field\"><legend>");
	page_msg(&b, r, "field.mode");
	html_lit(&b, "</legend>");
	html_choice(&b, true, "mode", "remote", true, i18n_get(r->lang, "mode.remote"));
	html_choice(&b, true, "mode", "onsite", false, i18n_get(r->lang, "mode.onsite"));
	html_lit(&b, "</fieldset><fieldset class=\"field\"><legend>");
	page_msg(&b, r, "field.urgency");
	html_lit(&b, "</legend>");
	static const char *const urg[] = {"low", "normal", "high"};
	for (int i = 0; i < 3; i++)
		html_choice(&b, true, "urgency", urg[i], i == 1,
		            i18n_get(r->lang, arena_printf(r->a, "urgency.%s", urg[i])));
	html_lit(&b, "</fieldset><button type=\"submit\" class=\"primary\">");
	page_msg(&b, r, "request.submit");
	html_lit(&b, "</button></form></section>");
	page_finish(r, &b, 200);
}

/* ---- /requests ---- */

void page_requests(struct req *r)
{
	const char *status = req_query(r, "status");
	status = status && *status ? status : NULL;
	enum request_scope scope = (r->user->role & ROLE_ADMIN)    ? SCOPE_ALL
	                           : (r->user->role & ROLE_DESK)   ? SCOPE_DESK
	                           : (r->user->role & ROLE_EXPERT) ? SCOPE_EXPERT
	                                                           : SCOPE_COMPANY;
	int64_t ids[200];
	int n = requests_list(r->db, scope, r->user->id, status, NULL, ids, 200);
	if (n < 0) {
		reply_error(r, 500, "internal");
		return;
	}
	struct buf b;
	page_start(r, &b, "requests.title");
	html_lit(&b, "<h1>");
	page_msg(&b, r, scope == SCOPE_DESK ? "requests.queue" : "requests.title");
	html_lit(&b, "</h1>");
	if (scope == SCOPE_COMPANY) {
		html_lit(&b, "<p class=\"actions\">");
		html_link(&b, "/requests/new?kind=incident",
		          i18n_get(r->lang, "request.incident_now"), "button primary");
		html_link(&b, "/requests/new", i18n_get(r->lang, "request.new"), "button");
		html_link(&b, "/company", i18n_get(r->lang, "company.title"), "button");
		html_lit(&b, "</p>");
	}
	html_lit(&b, "<nav class=\"tabs\">");
	static const char *const states[] = {"", "open", "offered", "assigned", "closed"};
	for (int i = 0; i < 5; i++) {
		const char *href =
		    *states[i] ? arena_printf(r->a, "/requests?status=%s", states[i]) : "/requests";
		html_link(&b, href,
		          i18n_get(r->lang, *states[i]
		                                ? arena_printf(r->a, "status.req.%s", states[i])
		                                : "directory.any"),
		          (status && strcmp(status, states[i]) == 0) || (!status && !*states[i])
		              ? "current"
		              : NULL);
	}
	html_lit(&b, "</nav>");
	if (n == 0)
		page_notice(&b, "notice", i18n_get(r->lang, "requests.none"));
	html_lit(&b, "<ul class=\"cards\">");
	for (int i = 0; i < n; i++) {
		struct request q;
		if (requests_get(r->db, r->a, ids[i], &q) != KK_OK)
			continue;
		html_lit(&b, "<li");
		html_attr_pair(&b, "class",
		               arena_printf(r->a, "card request %s %s", q.kind, q.urgency));
		html_lit(&b, "><h2>");
		html_link(
		    &b, link_request(r->a, q.id, NULL),
		    arena_printf(r->a, "#%lld %s", (long long)q.id,
		                 i18n_get(r->lang, arena_printf(r->a, "request.kind.%s", q.kind))),
		    NULL);
		html_lit(&b, "</h2><p class=\"meta\">");
		msg_key(&b, r, "status.req", q.status);
		html_lit(&b, " · ");
		msg_key(&b, r, "urgency", q.urgency);
		html_lit(&b, " · ");
		const struct prefecture *p = prefecture_by_code(q.prefecture);
		html_text(&b, p ? (page_en(r) ? p->name_en : p->name_ja) : q.prefecture);
		html_lit(&b, " · ");
		page_time(&b, q.created_at);
		html_lit(&b, "</p></li>");
	}
	html_lit(&b, "</ul>");
	page_finish(r, &b, 200);
}

/* ---- /requests/{id} ---- */

static void covers(struct buf *b, struct req *r, const struct request *q, unsigned bits)
{
	const char *names[16];
	int n = 0;
	for (int i = 0; i < q->ntopics && i < 8; i++)
		if (bits & (1u << i))
			names[n++] = q->topics[i];
	for (int j = 0; j < q->nroles && j < 8; j++)
		if (bits & (1u << (8 + j)))
			names[n++] = q->roles[j];
	for (int x = 0; x < n; x++) {
		const struct tax_skill *s = taxonomy_skill(names[x]);
		const struct tax_item *ro = taxonomy_role(names[x]);
		if (x)
			html_lit(b, ", ");
		html_text(b, s    ? (page_en(r) ? s->name_en : s->name_ja)
		             : ro ? (page_en(r) ? ro->name_en : ro->name_ja)
		                  : names[x]);
	}
}

static void candidates(struct buf *b, struct req *r, const struct request *q)
{
	struct request_matches *m = arena_alloc(r->a, sizeof *m);
	if (request_matches(r->db, r->a, q, m) != KK_OK)
		return;
	html_lit(b, "<section class=\"card\"><h2>");
	page_msg(b, r, "request.candidates");
	html_lit(b, "</h2><ol class=\"candidates\">");
	for (int i = 0; i < m->n && i < 20; i++) {
		const struct match_candidate *c = &m->cands[i];
		struct expert e;
		if (experts_get(r->db, r->a, c->id, &e) != KK_OK)
			continue;
		html_lit(b, "<li><strong>");
		html_link(b, link_expert(r->a, c->id, NULL), e.display_name, NULL);
		html_lit(b, "</strong> <span class=\"meta\">");
		buf_printf(b, "%d", c->score);
		html_lit(b, "</span><ul class=\"tags\">");
		for (int k = 0; k < c->nreasons; k++) {
			html_lit(b, "<li>");
			html_text(b, request_reason_text(r, &c->reasons[k]));
			html_lit(b, "</li>");
		}
		html_lit(b, "</ul>");
		page_form_begin(b, r, link_request(r->a, q->id, "assign"), "inline");
		html_hidden(b, "expert_ids", arena_printf(r->a, "%lld", (long long)c->id));
		html_lit(b, "<button type=\"submit\">");
		page_msg(b, r, "request.assign");
		html_lit(b, "</button></form></li>");
	}
	html_lit(b, "</ol>");
	if (m->nteams) {
		html_lit(b, "<h3>");
		page_msg(b, r, "request.teams");
		html_lit(b, "</h3><ol>");
		for (int t = 0; t < m->nteams; t++) {
			html_lit(b, "<li>");
			page_form_begin(b, r, link_request(r->a, q->id, "assign"), "inline");
			for (int k = 0; k < m->teams[t].size; k++) {
				int64_t id = m->cands[m->teams[t].members[k]].id;
				struct expert e;
				html_hidden(b, "expert_ids", arena_printf(r->a, "%lld", (long long)id));
				if (experts_get(r->db, r->a, id, &e) == KK_OK) {
					html_text(b, e.display_name);
					html_lit(b, " (");
					covers(b, r, q, m->teams[t].covers[k]);
					html_lit(b, ") ");
				}
			}
			html_lit(b, "<button type=\"submit\">");
			page_msg(b, r, "request.assign_team");
			html_lit(b, "</button></form></li>");
		}
		html_lit(b, "</ol>");
	}
	html_lit(b, "</section>");
}

/* Hours used this year against the company's free allowance. */
static void allowance(struct buf *b, struct req *r, const struct request *q)
{
	struct allowance al;
	request_allowance(r->db, q->company_id, &al);
	const char *args[] = {arena_printf(r->a, "%.1f", al.used_tenths / 10.0),
	                      arena_printf(r->a, "%d", al.free_hours)};
	html_lit(b, "<p class=\"meta allowance\">");
	page_msgf(b, r, "request.allowance", args, 2);
	html_lit(b, "</p>");
}

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
	html_lit(b, "</fieldset><button type=\"submit\">");
	page_msg(b, r, "profile.save");
	html_lit(b, "</button></form></details>");
}

static void simple_form(struct buf *b, struct req *r, int64_t id, const char *action,
                        const char *title_key, const char *button_key)
{
	html_lit(b, "<section class=\"card narrow\"><h2>");
	page_msg(b, r, title_key);
	html_lit(b, "</h2>");
	page_form_begin(b, r, link_request(r->a, id, action), "stack");
	if (strcmp(action, "close") == 0) {
		page_textarea(b, r, "report", &(struct textarea_opts){.rows = 4, .required = true});
		page_input(b, r, "hours", &(struct input_opts){"text", NULL, "off", true, 6, NULL});
	} else if (strcmp(action, "rating") == 0) {
		html_lit(b, "<fieldset class=\"field\"><legend>");
		page_msg(b, r, "field.stars");
		html_lit(b, "</legend>");
		for (int s = 5; s >= 1; s--)
			html_choice(b, true, "stars", arena_printf(r->a, "%d", s), s == 5,
			            arena_printf(r->a, "%.*s", s * 3, "★★★★★"));
		html_lit(b, "</fieldset>");
		page_textarea(b, r, "comment", &(struct textarea_opts){.rows = 3});
	} else if (strcmp(action, "transfer") == 0) {
		page_prefecture_select(b, r, "prefecture", NULL, NULL);
		page_textarea(b, r, "note", &(struct textarea_opts){.rows = 2, .required = true});
	}
	html_lit(b, "<button type=\"submit\">");
	page_msg(b, r, button_key);
	html_lit(b, "</button></form></section>");
}

void page_request(struct req *r)
{
	struct request q;
	enum access access;
	if (!request_load_or_reply(r, req_param_id(r, 0), &q, &access))
		return;
	bool incident = strcmp(q.kind, "incident") == 0;
	struct buf b;
	page_start(r, &b, "request.title");
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
		const struct tax_skill *s = taxonomy_skill(q.topics[i]);
		html_lit(&b, "<li>");
		html_text(&b, s ? (page_en(r) ? s->name_en : s->name_ja) : q.topics[i]);
		html_lit(&b, "</li>");
	}
	html_lit(&b, "</ul>");
	if (access != ACCESS_OFFER) {
		html_lit(&b, "<p class=\"bio\">");
		html_text(&b, q.description);
		html_lit(&b, "</p>");
	}
	html_lit(&b, "</section>");
	if (incident && access == ACCESS_COMPANY) {
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
	if (access == ACCESS_OFFER) {
		html_lit(&b, "<section class=\"card urgent\"><p>");
		page_msg(&b, r, "request.offer_lead");
		html_lit(&b, "</p>");
		page_button_form(&b, r,
		                 link_request(r->a, q.id, "accept"),
		                 "primary", "request.accept");
		html_lit(&b, "</section>");
		page_finish(r, &b, 200);
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
			html_link(&b, link_expert(r->a, e.id, NULL),
			          e.display_name, NULL);
			html_lit(&b, "</li>");
		}
	}
	html_lit(&b, "</ul></section>");
	if (access == ACCESS_DESK || access == ACCESS_ADMIN || access == ACCESS_COMPANY)
		allowance(&b, r, &q);
	if ((access == ACCESS_DESK || access == ACCESS_ADMIN) && strcmp(q.status, "closed") != 0) {
		desk_edit(&b, r, &q);
		candidates(&b, r, &q);
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
	page_form_begin(&b, r, link_request(r->a, q.id, "messages"),
	                "stack");
	page_textarea(
	    &b, r, "body",
	    &(struct textarea_opts){
	        .label = "request.write", .rows = 3, .maxlength = 4000, .required = true});
	html_lit(&b, "<button type=\"submit\">");
	page_msg(&b, r, "request.send");
	html_lit(&b, "</button></form></section>");
	if (access == ACCESS_EXPERT && strcmp(q.status, "closed") != 0)
		simple_form(&b, r, q.id, "close", "request.close", "request.close");
	if (access == ACCESS_COMPANY && strcmp(q.status, "closed") == 0)
		simple_form(&b, r, q.id, "rating", "request.rate", "request.rate");
	if ((access == ACCESS_DESK || access == ACCESS_ADMIN) && strcmp(q.status, "closed") != 0)
		simple_form(&b, r, q.id, "transfer", "request.transfer", "request.transfer");
	/* The timeline. */
	struct request_event ev[100];
	int ne = request_events(r->db, r->a, q.id, ev, 100);
	html_lit(&b, "<section class=\"card\"><h2>");
	page_msg(&b, r, "request.timeline");
	html_lit(&b, "</h2><ol class=\"timeline\">");
	for (int i = 0; i < ne; i++) {
		html_lit(&b, "<li><span class=\"meta\">");
		page_time(&b, ev[i].at);
		html_lit(&b, "</span> ");
		msg_key(&b, r, "event", ev[i].event);
		if (ev[i].detail && (access == ACCESS_DESK || access == ACCESS_ADMIN)) {
			html_lit(&b, " — ");
			html_text(&b, ev[i].detail);
		}
		html_lit(&b, "</li>");
	}
	html_lit(&b, "</ol></section>");
	page_finish(r, &b, 200);
}

/* ---- the forms: the logic of requests.c and desks.c, then the page to go on to ---- */

void page_company_post(struct req *r)
{
	struct company c;
	struct field_error why;
	bool created;
	if (ok_or_reply(r, company_save(r, &c, &created, &why), &why))
		reply_redirect(r, "/requests/new");
}

void page_request_new_post(struct req *r)
{
	struct request q;
	struct field_error why;
	if (ok_or_reply(r, request_file(r, &q, &why), &why))
		reply_redirect(r, link_request(r->a, q.id, NULL));
}

/* A form about request id is done: back to its page. */
static void back_to_request(struct req *r, int rc, const struct field_error *why, int64_t id)
{
	if (rc != KK_OK)
		reply_result(r, rc, why);
	else
		reply_redirect(r, link_request(r->a, id, NULL));
}

void page_request_edit_post(struct req *r)
{
	struct request q;
	struct field_error why;
	int64_t id = req_param_id(r, 0);
	back_to_request(r, request_update(r, id, &q, &why), &why, id);
}

void page_request_assign_post(struct req *r)
{
	struct request q;
	struct field_error why;
	int64_t id = req_param_id(r, 0);
	back_to_request(r, request_assign(r, id, &q, &why), &why, id);
}

void page_request_accept_post(struct req *r)
{
	struct request q;
	struct field_error why;
	int64_t id = req_param_id(r, 0);
	back_to_request(r, request_accept(r, id, &q, &why), &why, id);
}

void page_request_message_post(struct req *r)
{
	struct field_error why;
	int64_t id = req_param_id(r, 0), mid;
	back_to_request(r, request_message(r, id, &mid, &why), &why, id);
}

void page_request_close_post(struct req *r)
{
	struct request q;
	struct field_error why;
	enum access access;
	int64_t id = req_param_id(r, 0);
	back_to_request(r, request_close(r, id, &q, &access, &why), &why, id);
}

void page_request_rating_post(struct req *r)
{
	struct field_error why;
	int64_t id = req_param_id(r, 0);
	int stars;
	back_to_request(r, request_rate(r, id, &stars, &why), &why, id);
}

void page_request_transfer_post(struct req *r)
{
	struct field_error why;
	int64_t desk;
	if (ok_or_reply(r, request_transfer(r, req_param_id(r, 0), &desk, &why), &why))
		reply_redirect(r, "/requests");
}
