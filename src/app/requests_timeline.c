/* requests_timeline.c — a request's timeline in words. The store keeps each
 * step as an event code and a terse detail ("desk 26", "expert 5,9",
 * "ring 1: 2 offered"); people read sentences: 大阪 駆け込み寺に振り分け,
 * 山田 花子さんほか 1 名を担当に決定, 隣接県の専門家 2 名に打診. */
#include "app/requests_timeline.h"
#include "store/experts.h"
#include "view/i18n.h"
#include "view/layout.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

static const char *word(struct req *r, const char *key)
{
	return i18n_get(r->lang, key);
}

static const char *fmt(struct req *r, const char *key, const char *const *args, int n)
{
	struct buf b;
	buf_init(&b, r->a);
	i18n_format(&b, word(r, key), args, n, NULL);
	return b.p;
}

static const char *desk_name(struct req *r, int64_t id)
{
	struct desk d;
	return desks_get(r->db, r->a, id, &d) == KK_OK ? d.name : word(r, "event.a_desk");
}

/* "expert 5,9,12" as "山田 花子さんほか 2 名". */
static const char *people(struct req *r, const char *ids)
{
	int n = 0;
	const char *first = NULL;
	for (const char *p = ids; p && *p; n++) {
		struct expert e;
		int64_t id = strtoll(p, NULL, 10);
		if (!first && id > 0 && experts_get(r->db, r->a, id, &e) == KK_OK)
			first = e.display_name;
		p = strchr(p, ',');
		p = p ? p + 1 : NULL;
	}
	if (!first)
		return word(r, "event.an_expert");
	const char *args[] = {first, arena_printf(r->a, "%d", n - 1)};
	return fmt(r, n > 1 ? "event.people" : "event.person", args, 2);
}

/* One step as a sentence; internal notes of a transfer only for the desk. */
static const char *sentence(struct req *r, const struct request_event *ev, bool desk)
{
	const char *d = ev->detail ? ev->detail : "";
	long long id = 0;
	int ring = 0, n = 0;
	if (strcmp(ev->event, "filed") == 0) {
		const char *args[] = {word(r, arena_printf(r->a, "event.kind.%s", d))};
		return fmt(r, "event.filed_as", args, 1);
	}
	if (strcmp(ev->event, "routed") == 0) {
		if (sscanf(d, "desk %lld", &id) != 1)
			return word(r, "event.routed_none");
		const char *args[] = {desk_name(r, id)};
		return fmt(r, "event.routed_to", args, 1);
	}
	if ((strcmp(ev->event, "offered") == 0 || strcmp(ev->event, "escalated") == 0) &&
	    sscanf(d, "ring %d: %d offered", &ring, &n) == 2 && ring >= 0 && ring <= 3) {
		const char *args[] = {word(r, arena_printf(r->a, "distance.%d", ring)),
		                      arena_printf(r->a, "%d", n)};
		return fmt(r, n ? "event.offered_ring" : "event.offered_none", args, 2);
	}
	if ((strcmp(ev->event, "assigned") == 0 || strcmp(ev->event, "accepted") == 0) &&
	    strncmp(d, "expert ", 7) == 0) {
		const char *args[] = {people(r, d + 7)};
		return fmt(r,
		           strcmp(ev->event, "assigned") == 0 ? "event.assigned_to"
		                                              : "event.accepted_by",
		           args, 1);
	}
	if (strcmp(ev->event, "expert_requested") == 0 && sscanf(d, "expert %lld", &id) == 1) {
		const char *args[] = {people(r, arena_printf(r->a, "%lld", id))};
		return fmt(r, "event.requested", args, 1);
	}
	if (strcmp(ev->event, "transferred") == 0 && sscanf(d, "desk %lld", &id) == 1) {
		const char *note = strchr(d, ':');
		const char *args[] = {desk_name(r, id)};
		const char *s = fmt(r, "event.transferred_to", args, 1);
		return desk && note ? arena_printf(r->a, "%s — %s", s, note + 2) : s;
	}
	if (strcmp(ev->event, "closed") == 0 && *d) {
		const char *args[] = {arena_printf(r->a, "%.*s", (int)strcspn(d, " "), d)};
		return fmt(r, "event.closed_hours", args, 1);
	}
	if (strcmp(ev->event, "rated") == 0 && (n = atoi(d)) >= 1 && n <= 5) {
		const char *args[] = {arena_printf(r->a, "%.*s", n * 3, "★★★★★")};
		return fmt(r, "event.rated_stars", args, 1);
	}
	return word(r, arena_printf(r->a, "event.%s", ev->event));
}

void request_timeline_html(struct buf *b, struct req *r, const struct request *q, bool desk)
{
	struct request_event ev[100];
	int n = request_events(r->db, r->a, q->id, ev, 100);
	html_lit(b, "<section class=\"card\"><h2>");
	page_msg(b, r, "request.timeline");
	html_lit(b, "</h2><ol class=\"timeline\">");
	for (int i = 0; i < n; i++) {
		html_lit(b, "<li><span class=\"meta\">");
		page_time(b, ev[i].at);
		html_lit(b, "</span> ");
		html_text(b, sentence(r, &ev[i], desk));
		html_lit(b, "</li>");
	}
	html_lit(b, "</ol></section>");
}
