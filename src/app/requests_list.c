/* requests_list.c — /requests: a company's own requests, an expert's cases and offers,
 * and a desk's queue with the customer, who is on it and the time left before an
 * unanswered incident widens, searched and ordered as the desk chooses. */
#include "app/desks.h"
#include "app/handlers.h"
#include "app/requests.h"
#include "store/experts.h"
#include "view/i18n.h"
#include "view/layout.h"
#include "view/links.h"

#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

/* ---- /requests ---- */

/* What a desk needs in its queue: the customer, who is on it, and the time left before an
 * unanswered incident widens. */
static void queue_details(struct buf *b, struct req *r, const struct request *q,
                          const struct company *c)
{
	html_lit(b, "<p class=\"meta queue\">");
	if (c) {
		html_text(b, c->name);
		html_lit(b, " · ");
		html_text(b, i18n_get(r->lang, arena_printf(r->a, "industry.%s", c->industry)));
		html_lit(b, " · ");
	}
	int64_t ids[16];
	int n = assignees(r->db, q->id, ids, 16);
	struct expert e;
	if (n > 0 && experts_get(r->db, r->a, ids[0], &e) == KK_OK) {
		const char *args[] = {e.display_name, arena_printf(r->a, "%d", n - 1)};
		page_msgf(b, r, n > 1 ? "event.people" : "event.person", args, 2);
	} else {
		page_msg(b, r, "queue.nobody");
	}
	if (q->sla_deadline && strcmp(q->status, "offered") == 0) {
		int64_t left = q->sla_deadline - db_now();
		const char *m =
		    arena_printf(r->a, "%lld", (long long)(left > 0 ? (left + 59) / 60 : 0));
		html_lit(b, " · <strong>");
		page_msgf(b, r, left > 0 ? "queue.sla_left" : "queue.sla_due", &m, 1);
		html_lit(b, "</strong>");
	}
	html_lit(b, "</p>");
}

/* The desk's search and order: text in the company's name, the description or "#id". */
struct queue_item {
	struct request q;
	struct company c;
	bool has_company;
};

static bool queue_match(const struct queue_item *it, const char *text)
{
	if (!text || !*text)
		return true;
	char id[24];
	snprintf(id, sizeof id, "#%lld", (long long)it->q.id);
	return strstr(it->q.description, text) || (it->has_company && strstr(it->c.name, text)) ||
	       strcmp(id, text) == 0 || (text[0] != '#' && strcmp(id + 1, text) == 0);
}

static int by_newest(const void *a, const void *b)
{
	const struct queue_item *x = a, *y = b;
	return (x->q.created_at < y->q.created_at) - (x->q.created_at > y->q.created_at);
}

static int by_oldest(const void *a, const void *b)
{
	return by_newest(b, a);
}

/* The nearest SLA deadline first; none last, then the oldest. */
static int by_deadline(const void *a, const void *b)
{
	const struct queue_item *x = a, *y = b;
	int64_t dx = x->q.sla_deadline ? x->q.sla_deadline : INT64_MAX,
	        dy = y->q.sla_deadline ? y->q.sla_deadline : INT64_MAX;
	return dx != dy ? (dx > dy) - (dx < dy) : by_oldest(a, b);
}

/* The orders a desk may choose, by their name in the query string; the first is the
 * store's own (most urgent, then oldest), so it needs no sorting. */
static const struct {
	const char *name;
	int (*cmp)(const void *, const void *);
} queue_orders[] = {{"urgent", NULL}, {"sla", by_deadline}, {"old", by_oldest}, {"new", by_newest}};
#define NORDERS (int)(sizeof queue_orders / sizeof *queue_orders)

static void queue_tools(struct buf *b, struct req *r, const char *status, const char *text,
                        int order)
{
	html_lit(b, "<form method=\"get\" action=\"/requests\" class=\"inline-form\" "
	            "role=\"search\">");
	if (status)
		html_hidden(b, "status", status);
	html_lit(b, "<div class=\"field\"><label for=\"q\">");
	page_msg(b, r, "queue.search");
	html_lit(b, "</label><input type=\"search\" id=\"q\" name=\"q\" maxlength=\"200\"");
	html_attr_pair(b, "value", text ? text : "");
	html_lit(b, "></div><div class=\"field\"><label for=\"sort\">");
	page_msg(b, r, "queue.sort");
	html_lit(b, "</label><select id=\"sort\" name=\"sort\">");
	for (int i = 0; i < NORDERS; i++)
		html_option(
		    b, queue_orders[i].name,
		    i18n_get(r->lang, arena_printf(r->a, "queue.sort.%s", queue_orders[i].name)),
		    order == i);
	html_lit(b, "</select></div>");
	page_form_end(b, r, "directory.search", NULL);
}

void page_requests(struct req *r)
{
	const char *status = req_query(r, "status"), *text = req_query(r, "q"),
	           *sort = req_query(r, "sort");
	status = status && *status ? status : NULL;
	int order = 0; /* an unknown order is the first */
	for (int i = 1; sort && i < NORDERS; i++)
		if (strcmp(sort, queue_orders[i].name) == 0)
			order = i;
	enum request_scope scope = (r->user->role & ROLE_ADMIN)    ? SCOPE_ALL
	                           : (r->user->role & ROLE_DESK)   ? SCOPE_DESK
	                           : (r->user->role & ROLE_EXPERT) ? SCOPE_EXPERT
	                                                           : SCOPE_COMPANY;
	bool queue = scope == SCOPE_DESK || scope == SCOPE_ALL;
	int64_t ids[200];
	int n = requests_list(r->db, scope, r->user->id, status, NULL, ids, 200);
	if (n < 0) {
		reply_error(r, 500, "internal");
		return;
	}
	struct queue_item *items = arena_alloc(r->a, sizeof *items * (size_t)(n ? n : 1));
	int shown = 0;
	for (int i = 0; i < n; i++) {
		struct queue_item *it = &items[shown];
		if (requests_get(r->db, r->a, ids[i], &it->q) != KK_OK)
			continue;
		it->has_company =
		    queue && companies_get(r->db, r->a, it->q.company_id, &it->c) == KK_OK;
		if (!queue || queue_match(it, text))
			shown++;
	}
	if (queue && queue_orders[order].cmp)
		qsort(items, (size_t)shown, sizeof *items, queue_orders[order].cmp);
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
		                                : "requests.all"),
		          (status && strcmp(status, states[i]) == 0) || (!status && !*states[i])
		              ? "current"
		              : NULL);
	}
	html_lit(&b, "</nav>");
	if (queue)
		queue_tools(&b, r, status, text, order);
	if (shown == 0)
		page_notice(&b, "notice", i18n_get(r->lang, "requests.none"));
	html_lit(&b, "<ul class=\"cards\">");
	for (int i = 0; i < shown; i++) {
		const struct request *q = &items[i].q;
		html_lit(&b, "<li");
		html_attr_pair(&b, "class",
		               arena_printf(r->a, "card request %s %s", q->kind, q->urgency));
		html_lit(&b, "><h2>");
		html_link(
		    &b, link_request(r->a, q->id, NULL),
		    arena_printf(r->a, "#%lld %s", (long long)q->id,
		                 i18n_get(r->lang, arena_printf(r->a, "request.kind.%s", q->kind))),
		    NULL);
		html_lit(&b, "</h2><p class=\"meta\">");
		page_msg(&b, r, arena_printf(r->a, "status.req.%s", q->status));
		html_lit(&b, " · ");
		page_msg(&b, r, arena_printf(r->a, "urgency.%s", q->urgency));
		html_lit(&b, " · ");
		html_text(&b, page_pref_name(r, q->prefecture));
		html_lit(&b, " · ");
		page_ago(&b, r, q->created_at);
		html_lit(&b, "</p>");
		if (queue)
			queue_details(&b, r, q, items[i].has_company ? &items[i].c : NULL);
		html_lit(&b, "</li>");
	}
	html_lit(&b, "</ul>");
	page_finish(r, &b, 200);
}
