/* events_ical.c — events as iCalendar feeds (RFC 5545) that a calendar app subscribes to:
 * a prefecture's (/events/{pref}.ics), a community's (/communities/{id}/events.ics), and an
 * account's own registrations behind a secret URL (/me/events/{secret}.ics, reset on
 * /me/events). Lines are built by domain/ical.c. */
#include "app/config.h"
#include "app/events.h"
#include "app/handlers.h"
#include "domain/ical.h"
#include "domain/token.h"
#include "store/communities.h"
#include "store/prefectures.h"
#include "view/i18n.h"
#include "view/links.h"

#include <string.h>

#define FEED_MAX  500
#define FEED_PAST (30 * 86400) /* events that ended in the last 30 days stay in a feed */

static void vevent(struct buf *b, struct req *r, const struct event *e, int64_t now)
{
	const char *url =
	    arena_printf(r->a, "%s%s", app_config.base_url, link_event(r->a, e->id, NULL));
	ical_raw(b, "BEGIN", "VEVENT");
	ical_raw(b, "UID", arena_printf(r->a, "event-%lld@kakekomi", (long long)e->id));
	ical_time(b, "DTSTAMP", now);
	ical_time(b, "DTSTART", e->starts_at);
	ical_time(b, "DTEND", e->ends_at);
	ical_text(b, "SUMMARY", e->title);
	const char *place = e->online ? i18n_get("ja", "events.online") : "";
	ical_text(b, "LOCATION",
	          *e->venue ? arena_printf(r->a, "%s%s%s", e->venue, *place ? " / " : "", place)
	                    : place);
	ical_text(b, "DESCRIPTION", arena_printf(r->a, "%s\n\n%s", e->description, url));
	ical_raw(b, "URL", url);
	ical_raw(b, "STATUS", strcmp(e->status, "cancelled") == 0 ? "CANCELLED" : "CONFIRMED");
	ical_raw(b, "END", "VEVENT");
}

/* The calendar named name of events ids[0..n). */
static void reply_feed(struct req *r, const char *name, const int64_t *ids, int n)
{
	struct buf b;
	buf_init(&b, r->a);
	int64_t now = db_now();
	ical_raw(&b, "BEGIN", "VCALENDAR");
	ical_raw(&b, "VERSION", "2.0");
	ical_raw(&b, "PRODID", "-//kakekomi//events//JA");
	ical_raw(&b, "CALSCALE", "GREGORIAN");
	ical_raw(&b, "METHOD", "PUBLISH");
	ical_text(&b, "X-WR-CALNAME", name);
	ical_raw(&b, "X-WR-TIMEZONE", "Asia/Tokyo");
	for (int i = 0; i < n; i++) {
		struct event e;
		if (events_get(r->db, r->a, ids[i], &e) == KK_OK)
			vevent(&b, r, &e, now);
	}
	ical_raw(&b, "END", "VCALENDAR");
	reply_text(r, 200, "text/calendar; charset=utf-8", b.p, b.len);
}

/* The events of q (every page of it, up to FEED_MAX) into ids: how many. */
static int feed_ids(struct req *r, struct event_query *q, int64_t *ids)
{
	int n = 0, total = 0;
	q->now = db_now() - FEED_PAST;
	q->limit = FEED_MAX;
	n = events_list(r->db, q, ids, NULL, &total);
	return n < 0 ? 0 : n;
}

void feed_events_prefecture(struct req *r)
{
	const struct prefecture *p = prefecture_by_code(req_param(r, 0));
	if (!p) {
		reply_error(r, 404, "not_found");
		return;
	}
	int64_t *ids = arena_alloc(r->a, sizeof *ids * FEED_MAX);
	struct event_query q = {.prefecture = p->code};
	int n = feed_ids(r, &q, ids);
	reply_feed(r, arena_printf(r->a, "kakekomi %s", p->name_ja), ids, n);
}

void feed_events_community(struct req *r)
{
	struct community c;
	int64_t id = req_param_id(r, 0);
	if (id <= 0 || communities_get(r->db, r->a, id, &c) != KK_OK) {
		reply_error(r, 404, "not_found");
		return;
	}
	int64_t *ids = arena_alloc(r->a, sizeof *ids * FEED_MAX);
	struct event_query q = {.community_id = id};
	int n = feed_ids(r, &q, ids);
	reply_feed(r, arena_printf(r->a, "kakekomi %s", c.name), ids, n);
}

void feed_events_mine(struct req *r)
{
	const char *secret = req_param(r, 0);
	int64_t owner =
	    secret && strlen(secret) == TOKEN_TEXT - 1 ? events_feed_owner(r->db, secret) : 0;
	if (owner <= 0) { /* the same 404 for any wrong secret */
		reply_error(r, 404, "not_found");
		return;
	}
	int64_t *ids = arena_alloc(r->a, sizeof *ids * FEED_MAX);
	int n = events_of_account(r->db, owner, db_now() - FEED_PAST, ids, FEED_MAX);
	reply_feed(r, i18n_get("ja", "events.my_feed_name"), ids, n < 0 ? 0 : n);
}
