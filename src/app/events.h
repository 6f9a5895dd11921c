/* events.h — learning and events for the pages and the API: who may organise an
 * event, reading and checking its fields, creating, editing and cancelling it
 * (registrants are told), registering with a waiting list, attendance (verified
 * CPD), listing them near a prefecture, and the calendar feed secret. Results are
 * KK_* codes with *why for reply_result(). */
#ifndef KK_APP_EVENTS_H
#define KK_APP_EVENTS_H

#include "http/input.h"
#include "store/events.h"

extern const char *const event_kinds[];     /* study, seminar, exercise, ctf, course */
extern const char *const event_audiences[]; /* companies, experts, everyone */

#define EVENTS_PAGE 20

/* Event id as r may see it (every event is public), and whether r organises it (an
 * admin, its creator, an organiser of its community, an operator of its desk); or reply
 * 404. */
bool event_load_or_reply(struct req *r, int64_t id, struct event *e, bool *organiser);
/* The event of the path ({id}) when r organises it; else replies 404 or 403, false. */
bool event_organised_or_reply(struct req *r, struct event *e);
/* An admin marks (on) or unmarks a member of a community as one of its organisers, audited:
 * KK_OK, KK_NOTFOUND (not a member), KK_ERR. */
int event_set_organiser(struct req *r, int64_t community_id, int64_t expert_id, bool on);
/* The most registrants (and waiting) an organiser's list and an attendance hold. */
#define EVENT_REGISTRANTS_MAX 2000
/* The event of the path when r organises it, and its registrants (event_registrants order)
 * into *list (r's arena): how many, or -1 after replying 404, 403 or 500. */
int event_registrants_or_reply(struct req *r, struct event *e, struct registrant **list);
/* Whether r may organise e. */
bool event_organiser(struct req *r, const struct event *e);

/* Read an event's fields from the form or JSON into e (creating: also community_id and
 * desk_id, which r must organise; an admin may leave both out): KK_OK, or KK_INVALID with
 * why naming the field (end before start, a start in the past, no venue for an event that
 * is not online, an unknown skill), or KK_FORBIDDEN when r may not hold it there. */
int event_read(struct req *r, struct event *e, bool creating, struct field_error *why);
/* Create e (read by event_read), audited: KK_OK with *id, or KK_ERR. */
int event_create(struct req *r, struct event *e, int64_t *id);
/* Save changed details of e (old: as it was): KK_OK, KK_INVALID "capacity" below the places
 * taken, KK_CONFLICT "event_cancelled", KK_ERR. The waiting list moves up into new places;
 * registrants are told when the time or the place changed. */
int event_update(struct req *r, const struct event *old, struct event *e, struct field_error *why);
/* Read the fields of the request and save them over old (event_read, then event_update):
 * the same results; *e holds what was saved. */
int event_edit(struct req *r, const struct event *old, struct event *e, struct field_error *why);
/* Cancel e, audited; everyone registered or waiting is told. KK_OK, KK_CONFLICT
 * "event_cancelled", KK_ERR. */
int event_cancel(struct req *r, const struct event *e, struct field_error *why);

/* Register r for e: *status "registered" or "waitlisted" (*created false when r already
 * was). KK_CONFLICT "event_cancelled" or "event_started", KK_FORBIDDEN "audience" (an event
 * for companies or for experts only), KK_ERR. One transaction: never more places than the
 * capacity, however many register at once. */
int event_register(struct req *r, const struct event *e, const char **status, bool *created,
                   struct field_error *why);
/* Cancel r's registration; the first on the waiting list takes a freed place and is told
 * (*promoted). KK_OK, KK_NOTFOUND (not registered), KK_ERR. */
int event_unregister(struct req *r, const struct event *e, bool *promoted);
/* The organiser records who attended: exactly the account ids of the request ("account_ids":
 * a JSON array of integers, or repeated form fields; *attended how many) among the
 * registered (the others are unmarked). Experts get e's CPD points as verified activities.
 * KK_OK, KK_INVALID "account_ids" (not a list of ids: "type"; someone without a place:
 * "not_registered"), KK_CONFLICT "event_not_started" / "event_cancelled", KK_ERR. */
int event_attendance(struct req *r, const struct event *e, int *attended, struct field_error *why);

/* A list of events from r's query: ?pref= (near=1: that prefecture first, then online and
 * neighbouring events, then its block), ?month=YYYY-MM, ?from=YYYY-MM-DD (starting that day
 * or later), ?kind=, ?skill=, ?page=. */
struct event_list {
	const char *pref, *month, *from, *kind, *skill;
	bool near;
	int page, total, n;
	int64_t ids[EVENTS_PAGE];
	int tiers[EVENTS_PAGE];
};
/* Read the filters and find the page: KK_OK, KK_INVALID naming the bad filter, KK_ERR. */
int events_find(struct req *r, struct event_list *out, struct field_error *why);

/* The next events (at most max ids) near prefecture pref (the tiers of events_find) that
 * give CPD points: how many, or KK_ERR. */
int events_near_with_cpd(struct req *r, const char *pref, int64_t *ids, int max);

/* Events to come for companies near prefecture pref that cover one of skills[0..n) (the
 * skills of a self-assessment's first actions): at most max ids, or KK_ERR. */
int events_for_company(struct req *r, const char *pref, const char *const *skills, int n,
                       int64_t *ids, int max);

/* The secret of r's calendar feed, made on first use (reset: a new one): KK_OK or KK_ERR. */
int event_feed_secret(struct req *r, bool reset, const char **secret);

#endif
