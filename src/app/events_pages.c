/* events_pages.c — learning and events in the browser: the list near one's prefecture
 * (/events), an event's page with "register" and the organiser's tools (/events/{id}),
 * registering and cancelling, and one's own events with the private calendar address
 * (/me/events). The forms of an organiser are in events_organise_pages.c. */
#include "app/config.h"
#include "app/course.h"
#include "app/session.h"
#include "app/errors.h"
#include "app/events.h"
#include "app/events_view.h"
#include "app/experts.h"
#include "app/handlers.h"
#include "domain/date.h"
#include "store/prefectures.h"
#include "store/taxonomy.h"
#include "view/i18n.h"
#include "view/layout.h"
#include "view/links.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>

const char *event_kind_label(struct req *r, const char *kind)
{
	return i18n_get(r->lang, arena_printf(r->a, "events.kind.%s", kind));
}

void event_when(struct buf *b, struct req *r, const struct event *e)
{
	(void)r;
	page_time(b, e->starts_at);
	html_lit(b, " – ");
	char s[11], t[11];
	date_jst(e->starts_at, s);
	date_jst(e->ends_at, t);
	if (strcmp(s, t) == 0) { /* the same day: the end's time only */
		time_t end = (time_t)(e->ends_at + 9 * 3600);
		struct tm tm;
		char hm[8];
		gmtime_r(&end, &tm);
		strftime(hm, sizeof hm, "%H:%M", &tm);
		html_text(b, hm);
	} else {
		page_time(b, e->ends_at);
	}
}

/* Where: the venue and the prefecture, or online. */
const char *event_where(struct req *r, const struct event *e)
{
	const char *pref = page_pref_name(r, e->prefecture);
	const char *online = i18n_get(r->lang, "events.online");
	if (!*e->venue)
		return arena_printf(r->a, "%s（%s）", online, pref);
	return arena_printf(r->a, "%s（%s）%s%s", e->venue, pref, e->online ? " / " : "",
	                    e->online ? online : "");
}

/* Places: "残り 3 席", "満席・キャンセル待ち 2 人", "中止". */
static const char *places(struct req *r, const struct event *e)
{
	if (strcmp(e->status, "cancelled") == 0)
		return i18n_get(r->lang, "events.cancelled");
	const char *args[] = {arena_printf(r->a, "%d", e->capacity - e->registered),
	                      arena_printf(r->a, "%d", e->waiting)};
	struct buf b;
	buf_init(&b, r->a);
	i18n_format(&b,
	            i18n_get(r->lang, e->registered < e->capacity ? "events.places_left"
	                                                          : "events.full_waiting"),
	            args, 2, NULL);
	return b.p;
}

/* One event in a list: when, what, where, how many places. */
static void event_item(struct buf *b, struct req *r, const struct event *e, int tier)
{
	html_lit(b, "<li class=\"event\"><p class=\"meta\">");
	event_when(b, r, e);
	html_lit(b, " · <span class=\"kind\">");
	html_text(b, event_kind_label(r, e->kind));
	html_lit(b, "</span>");
	if (tier >= 0) {
		html_lit(b, " · ");
		page_msg(b, r, arena_printf(r->a, "events.tier.%d", tier));
	}
	html_lit(b, "</p><h3>");
	html_link(b, link_event(r->a, e->id, NULL), e->title, NULL);
	html_lit(b, "</h3><p>");
	html_text(b, event_where(r, e));
	html_lit(b, "</p><p class=\"hint\">");
	html_text(b, places(r, e));
	if (e->cpd_points > 0) {
		const char *args[] = {arena_printf(r->a, "%d", e->cpd_points)};
		html_lit(b, " · ");
		page_msgf(b, r, "events.cpd_points", args, 1);
	}
	html_lit(b, "</p></li>");
}

void event_short_list(struct buf *b, struct req *r, const int64_t *ids, int n, bool points)
{
	html_lit(b, "<ul class=\"events\">");
	for (int i = 0; i < n; i++) {
		struct event e;
		if (events_get(r->db, r->a, ids[i], &e) != KK_OK)
			continue;
		html_lit(b, "<li>");
		page_time(b, e.starts_at);
		html_lit(b, " ");
		html_link(b, link_event(r->a, e.id, NULL), e.title, NULL);
		html_lit(b, " · ");
		if (points) {
			const char *args[] = {arena_printf(r->a, "%d", e.cpd_points)};
			page_msgf(b, r, "events.cpd_points", args, 1);
		} else {
			html_text(b, page_pref_name(r, e.prefecture));
		}
		html_lit(b, "</li>");
	}
	html_lit(b, "</ul>");
}

static void filters(struct buf *b, struct req *r, const struct event_list *l)
{
	const struct taxonomy *tax = taxonomy();
	html_lit(b, "<form method=\"get\" action=\"/events\" class=\"filters\">");
	page_select_open(b, r, "pref", "field.pref");
	html_option(b, "", i18n_get(r->lang, "directory.any"), !l->pref);
	const struct prefecture *all = prefectures_all();
	for (int i = 0; all && i < PREF_COUNT; i++)
		html_option(b, all[i].code, page_en(r) ? all[i].name_en : all[i].name_ja,
		            l->pref && strcmp(l->pref, all[i].code) == 0);
	html_lit(b, "</select></div><div class=\"field checks\">");
	html_choice(b, false, "near", "1", l->near, i18n_get(r->lang, "events.near"));
	html_lit(b, "</div>");
	bool more = l->month || l->kind || l->skill;
	html_lit(b, "<details class=\"more\"");
	html_lit_if(b, more, " open");
	html_lit(b, "><summary>");
	page_msg(b, r, "events.more");
	html_lit(b, "</summary><div class=\"more-fields\">");
	page_select_open(b, r, "month", "field.month");
	html_option(b, "", i18n_get(r->lang, "directory.any"), !l->month);
	char today[11];
	date_jst(db_now(), today);
	for (int k = 0; k < 6; k++) { /* this month and the next five */
		int y = atoi(today), m = atoi(today + 5) - 1 + k;
		const char *v = arena_printf(r->a, "%04d-%02d", (y + m / 12) % 10000, m % 12 + 1);
		html_option(b, v, v, l->month && strcmp(l->month, v) == 0);
	}
	html_lit(b, "</select></div>");
	page_select_open(b, r, "kind", "field.event_kind");
	html_option(b, "", i18n_get(r->lang, "directory.any"), !l->kind);
	for (int k = 0; event_kinds[k]; k++)
		html_option(b, event_kinds[k], event_kind_label(r, event_kinds[k]),
		            l->kind && strcmp(l->kind, event_kinds[k]) == 0);
	html_lit(b, "</select></div>");
	page_select_open(b, r, "skill", "field.skill");
	html_option(b, "", i18n_get(r->lang, "directory.any"), !l->skill);
	for (int i = 0; tax && i < tax->nskills; i++)
		html_option(b, tax->skills[i].code, tax_label(r, tax->skills[i].code),
		            l->skill && strcmp(l->skill, tax->skills[i].code) == 0);
	html_lit(b, "</select></div></div></details>");
	page_form_end(b, r, "directory.search", "primary");
}

/* The link to page p of the same list. */
static const char *page_link(struct req *r, const struct event_list *l, int p)
{
	struct buf b;
	buf_init(&b, r->a);
	buf_puts(&b, "/events?");
	const char *keys[] = {"pref", "month", "from", "kind", "skill"};
	const char *vals[] = {l->pref, l->month, l->from, l->kind, l->skill};
	for (int k = 0; k < 5; k++)
		if (vals[k]) {
			buf_printf(&b, "%s=", keys[k]);
			buf_url_arg(&b, vals[k]);
			buf_putc(&b, '&');
		}
	buf_printf(&b, "near=%d&page=%d", l->near, p);
	return b.p;
}

void page_events(struct req *r)
{
	/* Someone signed in who has not chosen: events near their prefecture first. */
	if (r->user && !req_query(r, "pref") && !req_query(r, "page")) {
		reply_redirect(r,
		               arena_printf(r->a, "/events?pref=%s&near=1", r->user->prefecture));
		return;
	}
	struct event_list l;
	struct field_error why = {0};
	if (!ok_or_reply(r, events_find(r, &l, &why), &why))
		return;
	struct buf b;
	page_start(r, &b, "events.title");
	page_heading(&b, r, "events.title", "events.lead");
	if (r->user && (r->user->role & (ROLE_EXPERT | ROLE_DESK | ROLE_ADMIN))) {
		html_lit(&b, "<p class=\"actions\">");
		html_link(&b, "/events/new", i18n_get(r->lang, "events.new"), "button");
		html_link(&b, "/me/events", i18n_get(r->lang, "events.mine"), "button");
		html_lit(&b, "</p>");
	} else if (r->user) {
		html_lit(&b, "<p class=\"actions\">");
		html_link(&b, "/me/events", i18n_get(r->lang, "events.mine"), "button");
		html_lit(&b, "</p>");
	}
	filters(&b, r, &l);
	const char *args[] = {arena_printf(r->a, "%d", l.total)};
	html_lit(&b, "<p class=\"count\">");
	page_msgf(&b, r, "events.count", args, 1);
	html_lit(&b, "</p>");
	if (l.total == 0) { /* no dead end: the communities that hold them, or all of Japan */
		html_lit(&b, "<section class=\"card empty\"><p>");
		page_msg(&b, r, "events.none");
		html_lit(&b, "</p><p class=\"actions\">");
		html_link(&b, "/events?pref=", i18n_get(r->lang, "events.all_japan"), "button");
		html_link(&b, "/communities", i18n_get(r->lang, "events.communities"), "button");
		html_lit(&b, "</p></section>");
	}
	html_lit(&b, "<ul class=\"events\">");
	for (int i = 0; i < l.n; i++) {
		struct event e;
		if (events_get(r->db, r->a, l.ids[i], &e) == KK_OK)
			event_item(&b, r, &e, l.near ? l.tiers[i] : -1);
	}
	html_lit(&b, "</ul><nav class=\"pager\">");
	if (l.page > 1)
		html_link(&b, page_link(r, &l, l.page - 1), i18n_get(r->lang, "pager.prev"), NULL);
	if (l.page * EVENTS_PAGE < l.total)
		html_link(&b, page_link(r, &l, l.page + 1), i18n_get(r->lang, "pager.next"), NULL);
	html_lit(&b, "</nav>");
	if (l.pref) {
		html_lit(&b, "<p class=\"hint\">");
		page_msg(&b, r, "events.feed_hint");
		html_lit(&b, " ");
		html_link(&b, arena_printf(r->a, "/events/%s.ics", l.pref),
		          arena_printf(r->a, "%s/events/%s.ics", app_config.base_url, l.pref),
		          "url");
		html_lit(&b, "</p>");
	}
	page_finish(r, &b, 200);
}

/* The caller's part: register, the waiting list, cancel; or why not. */
static void registration_box(struct buf *b, struct req *r, const struct event *e)
{
	page_card(b, r, "register", "events.registration");
	bool over = e->starts_at <= db_now();
	if (strcmp(e->status, "cancelled") == 0) {
		page_notice(b, "error", i18n_get(r->lang, "events.was_cancelled"));
	} else if (!r->user) {
		html_lit(b, "<p>");
		html_link(b, arena_printf(r->a, "/login?next=%s", link_event(r->a, e->id, NULL)),
		          i18n_get(r->lang, "events.login_to_register"), "button primary");
		html_lit(b, "</p>");
	} else {
		struct registration reg;
		bool in = events_registration(r->db, r->a, e->id, r->user->id, &reg) == KK_OK &&
		          strcmp(reg.status, "cancelled") != 0;
		if (in && strcmp(reg.status, "registered") == 0) {
			page_notice(b, "notice",
			            i18n_get(r->lang, reg.attended ? "events.attended"
			                                           : "events.you_are_in"));
		} else if (in) {
			const char *args[] = {arena_printf(r->a, "%d", reg.position)};
			html_lit(b, "<p class=\"notice\">");
			page_msgf(b, r, "events.you_wait", args, 1);
			html_lit(b, "</p>");
		}
		if (over) {
			html_lit(b, "<p>");
			page_msg(b, r, "events.closed");
			html_lit(b, "</p>");
		} else if (in) {
			page_button_form(b, r, link_event(r->a, e->id, "unregister"), NULL,
			                 "events.unregister");
		} else {
			page_button_form(b, r, link_event(r->a, e->id, "register"), "primary",
			                 e->registered < e->capacity ? "events.register"
			                                             : "events.register_waiting");
		}
	}
	html_lit(b, "</section>");
}

void page_event(struct req *r)
{
	struct event e;
	bool organiser;
	if (!event_load_or_reply(r, req_param_id(r, 0), &e, &organiser))
		return;
	struct buf b;
	page_start_titled(r, &b, e.title);
	html_lit(&b, "<h1>");
	html_text(&b, e.title);
	html_lit(&b, "</h1><section class=\"card\"><dl class=\"facts\">");
	html_lit(&b, "<dt>");
	page_msg(&b, r, "events.when");
	html_lit(&b, "</dt><dd>");
	event_when(&b, r, &e);
	html_lit(&b, "</dd>");
	page_fact(&b, r, "field.venue", event_where(r, &e));
	page_fact(&b, r, "field.event_kind", event_kind_label(r, e.kind));
	page_fact(&b, r, "field.audience",
	          i18n_get(r->lang, arena_printf(r->a, "events.audience.%s", e.audience)));
	page_fact(&b, r, "events.held_by",
	          *e.community_name ? e.community_name
	          : *e.desk_name    ? e.desk_name
	                            : i18n_get(r->lang, "events.held_by_platform"));
	const char *cap[] = {arena_printf(r->a, "%d", e.capacity), places(r, &e)};
	struct buf capacity;
	buf_init(&capacity, r->a);
	i18n_format(&capacity, i18n_get(r->lang, "events.capacity_of"), cap, 2, NULL);
	page_fact(&b, r, "field.capacity", capacity.p);
	if (e.cpd_points > 0)
		page_fact(&b, r, "field.cpd_points", arena_printf(r->a, "%d", e.cpd_points));
	if (e.nskills > 0) {
		struct buf s;
		buf_init(&s, r->a);
		for (int i = 0; i < e.nskills; i++)
			buf_printf(&s, "%s%s", i ? "、" : "", tax_label(r, e.skills[i]));
		page_fact(&b, r, "field.skills", s.p);
	}
	struct course_view *course = arena_alloc(r->a, sizeof *course);
	if (e.nmodules > 0 && course_load(r, 0, course) == KK_OK) {
		struct buf s;
		buf_init(&s, r->a);
		for (int i = 0; i < e.nmodules; i++)
			buf_printf(&s, "%s%s", i ? "、" : "",
			           course_title(r, course, e.modules[i]));
		page_fact(&b, r, "field.modules", s.p);
	}
	html_lit(&b, "</dl>");
	if (*e.description) {
		html_lit(&b, "<div class=\"body\">");
		html_text(&b, e.description);
		html_lit(&b, "</div>");
	}
	html_lit(&b, "</section>");
	registration_box(&b, r, &e);
	if (organiser) {
		page_card(&b, r, NULL, "events.organise");
		html_lit(&b, "<p class=\"actions\">");
		html_link(&b, link_event(r->a, e.id, "registrants"),
		          i18n_get(r->lang, "events.registrants"), "button");
		if (strcmp(e.status, "scheduled") == 0)
			html_link(&b, link_event(r->a, e.id, "edit"),
			          i18n_get(r->lang, "events.edit"), "button");
		html_lit(&b, "</p>");
		if (strcmp(e.status, "scheduled") == 0 && e.starts_at > db_now())
			page_button_form(&b, r, link_event(r->a, e.id, "cancel"), "danger",
			                 "events.cancel");
		html_lit(&b, "</section>");
	}
	html_lit(&b, "<p>");
	html_link(&b, "/events", i18n_get(r->lang, "events.back"), NULL);
	html_lit(&b, "</p>");
	page_finish(r, &b, 200);
}

void page_event_register_post(struct req *r)
{
	struct event e;
	bool organiser, created;
	const char *status;
	struct field_error why = {0};
	if (!event_load_or_reply(r, req_param_id(r, 0), &e, &organiser) ||
	    !ok_or_reply(r, event_register(r, &e, &status, &created, &why), &why))
		return;
	reply_done(r, link_event(r->a, e.id, NULL),
	           strcmp(status, "registered") == 0 ? "flash.event_registered"
	                                             : "flash.event_waitlisted");
}

void page_event_unregister_post(struct req *r)
{
	struct event e;
	bool organiser, promoted;
	if (event_load_or_reply(r, req_param_id(r, 0), &e, &organiser) &&
	    ok_or_reply(r, event_unregister(r, &e, &promoted), NULL))
		reply_done(r, link_event(r->a, e.id, NULL), "flash.event_unregistered");
}

/* ---- /me/events ---- */

void page_my_events(struct req *r)
{
	int64_t ids[200];
	int n = events_of_account(r->db, r->user->id, db_now(), ids, 200);
	const char *secret = NULL;
	if (!ok_or_reply(r, n < 0 ? KK_ERR : event_feed_secret(r, false, &secret), NULL))
		return;
	struct buf b;
	page_start(r, &b, "events.mine");
	page_heading(&b, r, "events.mine", NULL);
	if (n == 0) {
		html_lit(&b, "<section class=\"card empty\"><p>");
		page_msg(&b, r, "events.mine_none");
		html_lit(&b, "</p><p>");
		html_link(&b, "/events", i18n_get(r->lang, "events.find"), "button primary");
		html_lit(&b, "</p></section>");
	}
	html_lit(&b, "<ul class=\"events\">");
	for (int i = 0; i < n; i++) {
		struct event e;
		if (events_get(r->db, r->a, ids[i], &e) == KK_OK)
			event_item(&b, r, &e, -1);
	}
	html_lit(&b, "</ul>");
	page_card(&b, r, NULL, "events.my_feed");
	html_lit(&b, "<p class=\"hint\">");
	page_msg(&b, r, "events.my_feed_hint");
	html_lit(&b, "</p><p class=\"url\"><code>");
	html_text(&b, arena_printf(r->a, "%s/me/events/%s.ics", app_config.base_url, secret));
	html_lit(&b, "</code></p>");
	page_button_form(&b, r, "/me/events/feed", NULL, "events.my_feed_reset");
	html_lit(&b, "</section>");
	page_finish(r, &b, 200);
}

void page_my_events_feed_reset(struct req *r)
{
	const char *secret;
	if (ok_or_reply(r, event_feed_secret(r, true, &secret), NULL))
		reply_done(r, "/me/events", "flash.feed_reset");
}
