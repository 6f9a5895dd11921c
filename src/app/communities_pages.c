/* communities_pages.c — communities by prefecture and type; experts join and
 * leave, admins add. */
#include "app/session.h"
#include "app/errors.h"
#include "app/events_view.h"
#include "app/events.h"
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

/* ---- /communities ---- */

static bool member_of(const struct community *mine, int n, int64_t id)
{
	for (int i = 0; i < n; i++)
		if (mine[i].id == id)
			return true;
	return false;
}

/* The communities r's user belongs to, into *mine: how many (0 for anyone but an expert). */
static int my_communities(struct req *r, struct community **mine)
{
	*mine = arena_alloc(r->a, sizeof **mine * COMMUNITY_LIST_MAX);
	if (!r->user || !(r->user->role & ROLE_EXPERT))
		return 0;
	int n = communities_of_expert(r->db, r->a, r->user->id, *mine, COMMUNITY_LIST_MAX);
	return n < 0 ? 0 : n;
}

/* An expert's one button: join, or (a member) leave. */
static void membership(struct buf *b, struct req *r, int64_t id, bool member)
{
	if (member) {
		html_lit(b, "<p class=\"actions\"><span class=\"badge best\">");
		page_msg(b, r, "communities.member");
		html_lit(b, "</span> ");
		page_button_form(b, r, link_community(r->a, id, "leave"), "link",
		                 "communities.leave");
		html_lit(b, "</p>");
	} else {
		page_button_form(b, r, link_community(r->a, id, "join"), NULL, "communities.join");
	}
}

void page_communities(struct req *r)
{
	const char *pref, *type;
	if (!community_filters_or_reply(r, &pref, &type))
		return;
	struct community *list = arena_alloc(r->a, sizeof *list * COMMUNITY_LIST_MAX);
	int n = communities_list(r->db, r->a, pref, type, list, COMMUNITY_LIST_MAX);
	struct buf b;
	page_start(r, &b, "communities.title");
	page_heading(&b, r, "communities.title", "communities.lead");
	html_lit(&b, "<form method=\"get\" action=\"/communities\" class=\"filters\">");
	html_lit(&b, "<div class=\"field\"><label for=\"pref\">");
	page_msg(&b, r, "field.pref");
	html_lit(&b, "</label><select id=\"pref\" name=\"pref\">");
	html_option(&b, "", i18n_get(r->lang, "directory.any"), !pref);
	const struct prefecture *prefs = prefectures_all();
	for (int i = 0; prefs && i < PREF_COUNT; i++)
		html_option(&b, prefs[i].code, page_pref_name(r, prefs[i].code),
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
	html_lit(&b, "</select></div>");
	page_form_end(&b, r, "directory.search", NULL);
	html_lit(&b, "<ul class=\"cards\">");
	bool expert = r->user && (r->user->role & ROLE_EXPERT);
	struct community *mine;
	int nmine = my_communities(r, &mine);
	for (int i = 0; i < n; i++) {
		struct community *c = &list[i];
		html_lit(&b, "<li class=\"card\"><h2>");
		html_link(&b, link_community(r->a, c->id, NULL), c->name, NULL);
		html_lit(&b, "</h2><p class=\"meta\">");
		page_msg(&b, r, arena_printf(r->a, "community.type.%s", c->type));
		for (int k = 0; k < c->nprefs; k++) {
			html_lit(&b, " · ");
			html_text(&b, page_pref_name(r, c->prefs[k]));
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
		if (expert)
			membership(&b, r, c->id, member_of(mine, nmine, c->id));
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
		page_form_end(&b, r, "communities.create", NULL);
		html_lit(&b, "</section>");
	}
	page_finish(r, &b, 200);
}

/* /communities/{id}: what the community is, where, how to reach it, and its members whose
 * profiles are public. */
void page_communities_organiser(struct req *r)
{
	static const struct field_spec spec[] = {{"expert_id", FT_INT, true, 1, INT32_MAX, NULL},
	                                         {"on", FT_BOOL, true, 0, 0, NULL}};
	struct field_val v[2];
	int64_t id = req_param_id(r, 0);
	if (input_or_reply(r, spec, 2, v) &&
	    ok_or_reply(r, event_set_organiser(r, id, v[0].n, v[1].n != 0), NULL))
		reply_done(r, link_community(r->a, id, NULL),
		           v[1].n ? "flash.organiser_added" : "flash.organiser_removed");
}

void page_community(struct req *r)
{
	struct community c;
	int rc = communities_get(r->db, r->a, req_param_id(r, 0), &c);
	if (!ok_or_reply(r, rc, NULL))
		return;
	int64_t ids[200];
	int n = communities_members(r->db, c.id, ids, 200);
	if (n < 0) {
		reply_error(r, 500, "internal");
		return;
	}
	struct buf b;
	page_start_titled(r, &b, c.name);
	html_lit(&b, "<article class=\"card\"><h1>");
	html_text(&b, c.name);
	html_lit(&b, "</h1><p class=\"meta\">");
	page_msg(&b, r, arena_printf(r->a, "community.type.%s", c.type));
	for (int k = 0; k < c.nprefs; k++) {
		html_lit(&b, " · ");
		html_text(&b, page_pref_name(r, c.prefs[k]));
	}
	html_lit(&b, "</p>");
	if (*c.description) {
		html_lit(&b, "<p class=\"bio\">");
		html_text(&b, c.description);
		html_lit(&b, "</p>");
	}
	if (*c.contact) {
		html_lit(&b, "<dl class=\"facts\">");
		page_fact(&b, r, "field.contact", c.contact);
		html_lit(&b, "</dl>");
	}
	if (r->user && (r->user->role & ROLE_EXPERT)) {
		struct community *mine;
		int nmine = my_communities(r, &mine);
		membership(&b, r, c.id, member_of(mine, nmine, c.id));
	}
	html_lit(&b, "</article><section><h2>");
	const char *args[] = {arena_printf(r->a, "%d", c.members)};
	page_msgf(&b, r, "communities.members", args, 1);
	html_lit(&b, "</h2>");
	if (n == 0)
		page_notice(&b, "notice", i18n_get(r->lang, "communities.no_members"));
	int64_t organisers[200];
	int no = events_organisers(r->db, c.id, organisers, 200);
	bool admin = r->user && (r->user->role & ROLE_ADMIN);
	html_lit(&b, "<ul class=\"cards members\">");
	for (int i = 0; i < n; i++) {
		struct expert e;
		if (experts_get(r->db, r->a, ids[i], &e) != KK_OK) /* members: not hidden ones */
			continue;
		bool organiser = false;
		for (int k = 0; k < no; k++)
			organiser |= organisers[k] == e.id;
		html_lit(&b, "<li class=\"card\"><h3>");
		html_link(&b, link_expert(r->a, e.id, NULL), e.display_name, NULL);
		html_lit(&b, "</h3><p class=\"meta\">");
		html_text(&b, page_pref_name(r, e.prefecture));
		if (organiser) {
			html_lit(&b, " · <span class=\"badge\">");
			page_msg(&b, r, "communities.organiser");
			html_lit(&b, "</span>");
		}
		html_lit(&b, "</p>");
		if (admin) { /* an admin names the organisers, who hold the community's events */
			page_form_begin(&b, r, link_community(r->a, c.id, "organisers"), "inline");
			html_hidden(&b, "expert_id", arena_printf(r->a, "%lld", (long long)e.id));
			html_hidden(&b, "on", organiser ? "0" : "1");
			html_lit(&b, "<button type=\"submit\" class=\"small\"");
			html_attr_pair(
			    &b, "aria-label",
			    arena_printf(r->a, "%s: %s", e.display_name,
			                 i18n_get(r->lang, organiser
			                                       ? "communities.organiser_remove"
			                                       : "communities.organiser_add")));
			html_lit(&b, ">");
			page_msg(&b, r,
			         organiser ? "communities.organiser_remove"
			                   : "communities.organiser_add");
			html_lit(&b, "</button></form>");
		}
		html_lit(&b, "</li>");
	}
	html_lit(&b, "</ul></section><section class=\"card\"><h2>");
	page_msg(&b, r, "communities.events");
	html_lit(&b, "</h2>");
	int64_t evs[5];
	int total = 0;
	struct event_query q = {.now = db_now(), .community_id = c.id, .limit = 5};
	int ne = events_list(r->db, &q, evs, NULL, &total);
	if (ne <= 0)
		page_notice(&b, "notice", i18n_get(r->lang, "communities.no_events"));
	event_short_list(&b, r, evs, ne < 0 ? 0 : ne, false);
	html_lit(&b, "<p class=\"hint\">");
	page_msg(&b, r, "events.feed_hint");
	html_lit(&b, " ");
	const char *feed = link_community(r->a, c.id, "events.ics");
	html_link(&b, feed, arena_printf(r->a, "%s%s", app_config.base_url, feed), "url");
	html_lit(&b, "</p></section><p>");
	html_link(&b, "/communities", i18n_get(r->lang, "communities.all"), NULL);
	html_lit(&b, "</p>");
	page_finish(r, &b, 200);
}

void page_communities_create(struct req *r)
{
	int64_t id;
	struct field_error err = {0};
	if (ok_or_reply(r, community_create(r, &id, &err), &err))
		reply_done(r, "/communities", "flash.community_created");
}

void page_communities_join(struct req *r)
{
	struct field_error why = {0};
	bool joined;
	int rc = community_join(r, req_param_id(r, 0), &joined, &why);
	if (rc == KK_CONFLICT) /* no profile yet: make one first */
		reply_redirect(r, "/experts/me/edit");
	else if (ok_or_reply(r, rc, &why))
		reply_done(r, link_community(r->a, req_param_id(r, 0), NULL), "flash.joined");
}

void page_communities_leave(struct req *r)
{
	int64_t id = req_param_id(r, 0);
	if (id > 0)
		communities_leave(r->db, id, r->user->id);
	reply_done(r, id > 0 ? link_community(r->a, id, NULL) : "/communities", "flash.left");
}
