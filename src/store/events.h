/* events.h — learning and events: the events communities, desks and admins hold,
 * the registrations with their waiting list, attendance (which grants verified
 * CPD), organisers of communities, and the secrets of private calendar feeds. */
#ifndef KK_STORE_EVENTS_H
#define KK_STORE_EVENTS_H

#include "store/db.h"
#include "util/arena.h"

#include <stdbool.h>

#define EVENT_MAX_SKILLS  8
#define EVENT_MAX_MODULES 8

struct event {
	int64_t id;
	const char *title, *kind, *audience;
	int64_t starts_at, ends_at; /* UTC seconds */
	const char *prefecture, *venue;
	int online, capacity;
	int64_t community_id, desk_id; /* 0: none */
	int cpd_points;
	const char *description, *status; /* scheduled, cancelled */
	int registered, waiting;          /* places taken; on the waiting list */
	int64_t created_by;
	const char *community_name, *desk_name; /* "" when none */
	int nskills, nmodules;
	const char *skills[EVENT_MAX_SKILLS];
	const char *modules[EVENT_MAX_MODULES]; /* the course modules a session covers */
};

/* Insert e with its skills and modules (inside the caller's transaction); *id is the new event's.
 * KK_OK or KK_ERR. */
int events_create(struct db *db, const struct event *e, int64_t *id);
/* Replace e->id's details and skills (not its holder, status or counts): KK_OK, KK_NOTFOUND,
 * KK_ERR. */
int events_update(struct db *db, const struct event *e);
/* Cancel a scheduled event: KK_OK, KK_NOTFOUND (none, or already cancelled), KK_ERR. */
int events_cancel(struct db *db, int64_t id);
/* Event id into out (arena strings): KK_OK, KK_NOTFOUND, KK_ERR. */
int events_get(struct db *db, struct arena *a, int64_t id, struct event *out);

/* A list's filters; NULL or 0 for any. near: order the caller's prefecture first, then
 * online events and its neighbours, then its block, then the rest (tier of each in tiers). */
struct event_query {
	int64_t now;          /* events not over by then */
	int64_t from, before; /* starting in [from, before); 0 for no bound */
	const char *kind, *skill, *prefecture;
	int64_t community_id;
	int min_cpd;            /* CPD points it gives, at least */
	const char *near;       /* a prefecture code, or NULL */
	const char *neighbours; /* JSON lists of codes, for near */
	const char *block;
	int limit, offset;
};
/* The ids (and tiers, when tiers is not NULL) of one page of q: how many, or KK_ERR; *total
 * is every match. */
int events_list(struct db *db, const struct event_query *q, int64_t *ids, int *tiers, int *total);

/* Events to come for companies covering one of skills (a JSON list of codes), near the
 * prefecture pref as q's near, neighbours and block say (nothing further away), nearest
 * then soonest first (at most max): how many ids, or KK_ERR. */
int events_for_skills(struct db *db, const struct event_query *q, const char *skills, int64_t *ids,
                      int max);

/* What a calendar entry shows of an event. */
struct feed_entry {
	int64_t id;
	const char *title;
	int64_t starts_at, ends_at;
	const char *venue;
	int online;
	const char *description, *status;
};
/* The entries of the events q gives (a prefecture's, a community's), soonest first, or, with
 * account_id, of that account's registrations (q->now only): at most max, how many or
 * KK_ERR. One statement, for feeds that list hundreds. */
int events_feed(struct db *db, struct arena *a, const struct event_query *q, int64_t account_id,
                struct feed_entry *out, int max);

/* One account's registration: status (registered, waitlisted, cancelled), place on the
 * waiting list (1 = next; 0 when not waiting), attended. */
struct registration {
	const char *status;
	int position, attended;
};
/* The registration of account_id for event_id into out: KK_OK, KK_NOTFOUND, KK_ERR. */
int events_registration(struct db *db, struct arena *a, int64_t event_id, int64_t account_id,
                        struct registration *out);
/* Register account_id as status (registered or waitlisted, at the end of the list), or
 * cancel (status cancelled); the event's counts follow. Inside the caller's transaction.
 * KK_OK or KK_ERR. */
int events_set_registration(struct db *db, int64_t event_id, int64_t account_id,
                            const char *status);
/* The first account on the waiting list of event_id: its id, 0 when nobody waits, KK_ERR. */
int64_t events_first_waiting(struct db *db, int64_t event_id);

struct registrant {
	int64_t account_id;
	const char *display_name, *role, *status;
	int seq, attended;
	int64_t registered_at;
};
/* Everyone registered, then the waiting list in order (at most max): how many, or KK_ERR. */
int events_registrants(struct db *db, struct arena *a, int64_t event_id, struct registrant *out,
                       int max);
/* Mark account_id's attendance of e (registered only): KK_OK, KK_NOTFOUND (not registered),
 * KK_ERR. An expert who attended gets e's CPD points as a verified activity (once) and
 * completes the course modules it covers; one unmarked loses both. Inside the caller's
 * transaction. */
int events_set_attended(struct db *db, const struct event *e, int64_t account_id, bool attended);

/* The events account_id is registered for or waiting on, not over by now, soonest first
 * (at most max): how many ids, or KK_ERR. */
int events_of_account(struct db *db, int64_t account_id, int64_t now, int64_t *ids, int max);
/* Everyone registered or waiting for event_id (at most max): how many, or KK_ERR. */
int events_people(struct db *db, int64_t event_id, int64_t *ids, int max);
/* Events starting in the day after now, not yet reminded of (at most max): how many. */
int events_due_reminders(struct db *db, int64_t now, int64_t *ids, int max);
/* Mark event id as reminded: KK_OK or KK_ERR. */
int events_mark_reminded(struct db *db, int64_t id);

/* Is account_id an organiser of community_id / an operator of desk_id? */
bool events_is_organiser(struct db *db, int64_t community_id, int64_t account_id);
bool events_is_operator(struct db *db, int64_t desk_id, int64_t account_id);
/* The organisers of community_id (at most max): how many ids, or KK_ERR. */
int events_organisers(struct db *db, int64_t community_id, int64_t *ids, int max);
/* The communities account_id organises (at most max): how many ids, or KK_ERR. */
int events_organised(struct db *db, int64_t account_id, int64_t *ids, int max);
/* Mark (or unmark) a member as an organiser of the community: KK_OK, KK_NOTFOUND (not a
 * member), KK_ERR. */
int events_set_organiser(struct db *db, int64_t community_id, int64_t expert_id, bool on);

/* The secret of account_id's calendar feed into out (arena): KK_OK, KK_NOTFOUND, KK_ERR. */
int events_feed_secret(struct db *db, struct arena *a, int64_t account_id, const char **out);
/* Set it (a new one replaces the old): KK_OK or KK_ERR. */
int events_feed_secret_set(struct db *db, int64_t account_id, const char *secret);
/* The account a secret belongs to, or 0 (none), KK_ERR. */
int64_t events_feed_owner(struct db *db, const char *secret);

#endif
