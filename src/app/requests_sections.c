/* requests_sections.c — the sections of a request's page: who the customer is, the ranked
 * candidates and teams, the free allowance, the closing report and rating. */
#include "app/experts.h"
#include "app/session.h"
#include "app/desks.h"
#include "app/errors.h"
#include "app/requests.h"
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

#include <string.h>

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
		if (x)
			html_lit(b, ", ");
		html_text(b, tax_label(r, names[x]));
	}
}

void request_candidates_html(struct buf *b, struct req *r, const struct request *q)
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
		/* Already on the case: not offered again. */
		if (request_is_assignee(r->db, q->id, c->id) ||
		    experts_get(r->db, r->a, c->id, &e) != KK_OK)
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
		page_form_end(b, r, "request.assign", NULL);
		html_lit(b, "</li>");
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
				html_hidden(b, "expert_ids",
				            arena_printf(r->a, "%lld", (long long)id));
				if (experts_get(r->db, r->a, id, &e) == KK_OK) {
					html_text(b, e.display_name);
					html_lit(b, " (");
					covers(b, r, q, m->teams[t].covers[k]);
					html_lit(b, ") ");
				}
			}
			page_form_end(b, r, "request.assign_team", NULL);
			html_lit(b, "</li>");
		}
		html_lit(b, "</ol>");
	}
	html_lit(b, "</section>");
}

/* Hours used this year against the company's free allowance. */
void request_allowance_html(struct buf *b, struct req *r, const struct request *q)
{
	struct allowance al;
	request_allowance(r->db, q->company_id, &al);
	const char *args[] = {arena_printf(r->a, "%.1f", al.used_tenths / 10.0),
	                      arena_printf(r->a, "%d", al.free_hours)};
	html_lit(b, "<p class=\"meta allowance\">");
	page_msgf(b, r, "request.allowance", args, 2);
	html_lit(b, "</p>");
}

/* Who the customer is, as much as access allows: an offered expert learns the prefecture,
 * industry and size (enough to decide, not who); the desk and the experts on the case also
 * the name and the IT vendors (conflicts of interest); the experts on the case the contact. */
void request_customer_html(struct buf *b, struct req *r, const struct request *q,
                           enum access access)
{
	struct company c;
	if (access == ACCESS_COMPANY || companies_get(r->db, r->a, q->company_id, &c) != KK_OK)
		return;
	html_lit(b, "<section class=\"card company\"><h2>");
	page_msg(b, r, "request.customer");
	html_lit(b, "</h2><dl class=\"facts\">");
	bool full = access != ACCESS_OFFER;
	if (full)
		page_fact(b, r, "field.company_name", c.name);
	page_fact(b, r, "field.prefecture", page_pref_name(r, c.prefecture));
	page_fact(b, r, "field.industry",
	          i18n_get(r->lang, arena_printf(r->a, "industry.%s", c.industry)));
	page_fact(b, r, "field.employees",
	          arena_printf(r->a, "%s %s", c.employees, i18n_get(r->lang, "company.people")));
	if (full && c.nvendors) {
		struct buf v;
		buf_init(&v, r->a);
		for (int i = 0; i < c.nvendors; i++)
			buf_printf(&v, "%s%s", i ? ", " : "", c.vendors[i]);
		page_fact(b, r, "field.vendors", v.p);
	}
	struct account acc;
	if ((access == ACCESS_EXPERT || access == ACCESS_DESK || access == ACCESS_ADMIN) &&
	    accounts_by_id(r->db, r->a, q->company_id, &acc) == KK_OK) {
		page_fact(b, r, "request.contact_person", acc.display_name);
		html_lit(b, "<dt>");
		page_msg(b, r, "field.email");
		html_lit(b, "</dt><dd>");
		html_link(b, arena_printf(r->a, "mailto:%s", acc.email), acc.email, NULL);
		html_lit(b, "</dd>");
	}
	html_lit(b, "</dl></section>");
}

/* A closed request: the expert's report and hours, and the company's rating when given. */
void request_closing_html(struct buf *b, struct req *r, const struct request *q,
                          const struct rating *rt)
{
	html_lit(b, "<section class=\"card report\"><h2>");
	page_msg(b, r, "request.report_title");
	html_lit(b, "</h2><p class=\"bio\">");
	html_text(b, q->report ? q->report : "");
	html_lit(b, "</p><p class=\"meta\">");
	const char *hours[] = {arena_printf(r->a, "%.1f", q->hours_tenths / 10.0)};
	page_msgf(b, r, "request.report_hours", hours, 1);
	html_lit(b, "</p>");
	if (rt) {
		html_lit(b, "<h3>");
		page_msg(b, r, "request.rating_given");
		html_lit(b, "</h3><p class=\"rating\">");
		html_text(b, arena_printf(r->a, "%.*s", rt->stars * 3, "★★★★★"));
		html_lit(b, "</p>");
		if (*rt->comment) {
			html_lit(b, "<p class=\"bio\">");
			html_text(b, rt->comment);
			html_lit(b, "</p>");
		}
	}
	html_lit(b, "</section>");
}
