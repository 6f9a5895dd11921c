/* events_ical.c — events as iCalendar feeds (RFC 5545) that a calendar app subscribes to:
 * a prefecture's (/events/{pref}.ics), a community's (/communities/{id}/events.ics), and an
 * account's own registrations behind a secret URL (/me/events/{secret}.ics, reset on
 * /me/events). Lines are built by domain/ical.c. */
#include "app/config.h"
#include "app/errors.h"
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

static void vevent(struct buf *b, struct req *r, const struct feed_entry *e, int64_t now)
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

/* The calendar named name of the events q gives, or of account_id's registrations: from
 * 30 days back, at most FEED_MAX. */
static void reply_feed(struct req *r, const char *name, struct event_query *q, int64_t account_id)
{
	int64_t now = db_now();
	q->now = now - FEED_PAST;
	struct feed_entry *list = arena_alloc(r->a, sizeof *list * FEED_MAX);
	int n = events_feed(r->db, r->a, q, account_id, list, FEED_MAX);
	if (!ok_or_reply(r, n < 0 ? KK_ERR : KK_OK, NULL))
		return;
	struct buf b;
	buf_init(&b, r->a);
	ical_raw(&b, "BEGIN", "VCALENDAR");
	ical_raw(&b, "VERSION", "2.0");
	ical_raw(&b, "PRODID", "-//kakekomi//events//JA");
	ical_raw(&b, "CALSCALE", "GREGORIAN");
	ical_raw(&b, "METHOD", "PUBLISH");
	ical_text(&b, "X-WR-CALNAME", name);
	ical_raw(&b, "X-WR-TIMEZONE", "Asia/Tokyo");
	for (int i = 0; i < n; i++)
		vevent(&b, r, &list[i], now);
	ical_raw(&b, "END", "VCALENDAR");
	reply_text(r, 200, "text/calendar; charset=utf-8", b.p, b.len);
}

void feed_events_prefecture(struct req *r)
{
	const struct prefecture *p = prefecture_by_code(req_param(r, 0));
	if (!p) {
		reply_error(r, 404, "not_found");
		return;
	}
	struct event_query q = {.prefecture = p->code};
	reply_feed(r, arena_printf(r->a, "kakekomi %s", p->name_ja), &q, 0);
}

void feed_events_community(struct req *r)
{
	struct community c;
	int64_t id = req_param_id(r, 0);
	if (id <= 0 || communities_get(r->db, r->a, id, &c) != KK_OK) {
		reply_error(r, 404, "not_found");
		return;
	}
	struct event_query q = {.community_id = id};
	reply_feed(r, arena_printf(r->a, "kakekomi %s", c.name), &q, 0);
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
	struct event_query q = {0};
	reply_feed(r, i18n_get("ja", "events.my_feed_name"), &q, owner);
}
