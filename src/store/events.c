#include "store/events.h"
#include "domain/date.h"
#include "sql/events.h"

#include <string.h>

static int put_skills(struct db *db, int64_t id, const struct event *e)
{
	return db_put_texts(db, SQL_SKILLS_DEL, SQL_SKILLS_ADD, id, e->skills, e->nskills) == KK_OK
	           ? db_put_texts(db, SQL_MODULES_DEL, SQL_MODULES_ADD, id, e->modules, e->nmodules)
	           : KK_ERR;
}

int events_create(struct db *db, const struct event *e, int64_t *id)
{
	sqlite3_stmt *st =
	    db_bind(db, SQL_INSERT, db_str(e->title), db_str(e->kind), db_str(e->audience),
	            db_i64(e->starts_at), db_i64(e->ends_at), db_str(e->prefecture),
	            db_str(e->venue ? e->venue : ""), db_i64(e->online), db_i64(e->capacity),
	            db_i64_or_null(e->community_id), db_i64_or_null(e->desk_id),
	            db_i64(e->cpd_points), db_str(e->description ? e->description : ""),
	            db_i64_or_null(e->created_by), db_i64(db_now()));
	if (db_insert(db, st, "events_create", id) != KK_OK)
		return KK_ERR;
	return put_skills(db, *id, e);
}

int events_update(struct db *db, const struct event *e)
{
	sqlite3_stmt *st = db_bind(db, SQL_UPDATE, db_i64(e->id), db_str(e->title), db_str(e->kind),
	                           db_str(e->audience), db_i64(e->starts_at), db_i64(e->ends_at),
	                           db_str(e->prefecture), db_str(e->venue ? e->venue : ""),
	                           db_i64(e->online), db_i64(e->capacity), db_i64(e->cpd_points),
	                           db_str(e->description ? e->description : ""), db_i64(db_now()));
	int rc = db_update(db, st, "events_update");
	return rc == KK_OK ? put_skills(db, e->id, e) : rc;
}

int events_cancel(struct db *db, int64_t id)
{
	return db_update(db, db_bind(db, SQL_CANCEL, db_i64(id), db_i64(db_now())),
	                 "events_cancel");
}

static const struct db_map event_row =
    DB_ROW(event, (I64, id), (TEXT, title), (TEXT, kind), (TEXT, audience), (I64, starts_at),
           (I64, ends_at), (TEXT, prefecture), (TEXT, venue), (INT, online), (INT, capacity),
           (I64, community_id), (I64, desk_id), (INT, cpd_points), (TEXT, description),
           (TEXT, status), (INT, registered), (INT, waiting), (I64, created_by),
           (TEXT, community_name), (TEXT, desk_name));

int events_get(struct db *db, struct arena *a, int64_t id, struct event *out)
{
	int rc = db_read(db, db_stmt_id(db, SQL_GET, id), &event_row, a, out);
	if (rc != KK_OK)
		return rc;
	out->nskills = db_texts_by(db, SQL_SKILLS, id, a, out->skills, EVENT_MAX_SKILLS);
	out->nmodules = db_texts_by(db, SQL_MODULES, id, a, out->modules, EVENT_MAX_MODULES);
	return out->nskills < 0 || out->nmodules < 0 ? KK_ERR : KK_OK;
}

/* The filters ?1..?8 of a list and a count, in EVENTS_WHERE's order. */
#define EVENT_FILTERS(q)                                                                           \
	db_i64((q)->now), db_i64_or_null((q)->from), db_i64_or_null((q)->before),                  \
	    db_str((q)->kind), db_str((q)->skill), db_str((q)->prefecture),                        \
	    db_i64_or_null((q)->community_id), db_i64((q)->min_cpd)

int events_list(struct db *db, const struct event_query *q, int64_t *ids, int *tiers, int *total)
{
	*total = (int)db_scalar(db_bind(db, SQL_COUNT, EVENT_FILTERS(q)), -1);
	if (*total < 0)
		return KK_ERR;
	sqlite3_stmt *st =
	    db_bind(db, SQL_LIST, EVENT_FILTERS(q), db_str(q->near),
	            db_str(q->neighbours ? q->neighbours : "[]"),
	            db_str(q->block ? q->block : "[]"), db_i64(q->limit), db_i64(q->offset));
	if (!st)
		return KK_ERR;
	int n = 0, rc;
	while (n < q->limit && (rc = sqlite3_step(st)) == SQLITE_ROW) {
		ids[n] = sqlite3_column_int64(st, 0);
		if (tiers)
			tiers[n] = sqlite3_column_int(st, 1);
		n++;
	}
	db_done(st);
	return n;
}

int events_for_skills(struct db *db, const struct event_query *q, const char *skills, int64_t *ids,
                      int max)
{
	/* Most often the prefecture alone has enough: its own index, then the wider search. */
	int n = db_ids(db_bind(db, SQL_FOR_SKILLS_HERE, db_i64(q->now), db_str(skills),
	                       db_str(q->near), db_str("[]"), db_str("[]"), db_i64(max)),
	               ids, max);
	if (n < 0 || n == max)
		return n;
	return db_ids(db_bind(db, SQL_FOR_SKILLS, db_i64(q->now), db_str(skills), db_str(q->near),
	                      db_str(q->neighbours ? q->neighbours : "[]"),
	                      db_str(q->block ? q->block : "[]"), db_i64(max)),
	              ids, max);
}

static const struct db_map feed_row =
    DB_ROW(feed_entry, (I64, id), (TEXT, title), (I64, starts_at), (I64, ends_at), (TEXT, venue),
           (INT, online), (TEXT, description), (TEXT, status));

int events_feed(struct db *db, struct arena *a, const struct event_query *q, int64_t account_id,
                struct feed_entry *out, int max)
{
	sqlite3_stmt *st = account_id ? db_bind(db, SQL_FEED_OF_ACCOUNT, db_i64(account_id),
	                                        db_i64(q->now), db_i64(max))
	                              : db_bind(db, SQL_FEED, EVENT_FILTERS(q), db_i64(max));
	return db_read_all(db, st, &feed_row, a, out, max);
}

int events_registration(struct db *db, struct arena *a, int64_t event_id, int64_t account_id,
                        struct registration *out)
{
	sqlite3_stmt *st = db_bind(db, SQL_REG_GET, db_i64(event_id), db_i64(account_id));
	if (!st)
		return KK_ERR;
	int rc = sqlite3_step(st);
	if (rc == SQLITE_ROW) {
		out->status = db_text_dup(a, st, 0);
		out->attended = sqlite3_column_int(st, 2);
	}
	db_done(st);
	if (rc != SQLITE_ROW)
		return rc == SQLITE_DONE ? KK_NOTFOUND : KK_ERR;
	out->position = 0;
	if (strcmp(out->status, "waitlisted") == 0)
		out->position = (int)db_scalar(
		    db_bind(db, SQL_REG_POSITION, db_i64(event_id), db_i64(account_id)), 0);
	return KK_OK;
}

int events_set_registration(struct db *db, int64_t event_id, int64_t account_id, const char *status)
{
	int64_t now = db_now();
	const char *sql = strcmp(status, "cancelled") == 0 ? SQL_REG_STATUS : SQL_REG_PUT;
	sqlite3_stmt *st =
	    db_bind(db, sql, db_i64(event_id), db_i64(account_id), db_str(status), db_i64(now));
	if (db_exec(db, st, "events_set_registration") != KK_OK)
		return KK_ERR;
	return db_exec(db, db_bind(db, SQL_RECOUNT, db_i64(event_id)), "events recount");
}

int64_t events_first_waiting(struct db *db, int64_t event_id)
{
	return db_scalar(db_bind(db, SQL_REG_FIRST_WAITING, db_i64(event_id)), 0);
}

static const struct db_map registrant_row =
    DB_ROW(registrant, (I64, account_id), (TEXT, display_name), (TEXT, role), (TEXT, status),
           (INT, seq), (INT, attended), (I64, registered_at));

int events_registrants(struct db *db, struct arena *a, int64_t event_id, struct registrant *out,
                       int max)
{
	return db_read_by(db, SQL_REGISTRANTS, event_id, &registrant_row, a, out, max);
}

int events_set_attended(struct db *db, const struct event *e, int64_t account_id, bool attended)
{
	int rc = db_update(db,
	                   db_bind(db, SQL_ATTEND, db_i64(e->id), db_i64(account_id),
	                           db_i64(attended), db_i64(db_now())),
	                   "events_set_attended");
	if (rc != KK_OK)
		return rc;
	if (!attended)
		return db_exec(db, db_bind(db, SQL_CPD_REVOKE, db_i64(e->id), db_i64(account_id)),
		               "events cpd revoke") == KK_OK
		           ? db_exec(
		                 db,
		                 db_bind(db, SQL_MODULES_REVOKE, db_i64(e->id), db_i64(account_id)),
		                 "events modules revoke")
		           : KK_ERR;
	if (db_exec(
	        db,
	        db_bind(db, SQL_MODULES_GRANT, db_i64(e->id), db_i64(account_id), db_i64(db_now())),
	        "events modules grant") != KK_OK)
		return KK_ERR;
	/* Hours in tenths, from the event's length; the date is the day it started in Japan. */
	int64_t tenths = (e->ends_at - e->starts_at) / 360;
	char date[11];
	date_jst(e->starts_at, date);
	return db_exec(db,
	               db_bind(db, SQL_CPD_GRANT, db_i64(e->id), db_i64(account_id),
	                       db_i64(tenths > 999 ? 999 : tenths), db_i64(e->cpd_points),
	                       db_str(date), db_str(e->title), db_i64(db_now())),
	               "events cpd grant");
}

int events_of_account(struct db *db, int64_t account_id, int64_t now, int64_t *ids, int max)
{
	return db_ids(db_bind(db, SQL_OF_ACCOUNT, db_i64(account_id), db_i64(now), db_i64(max)),
	              ids, max);
}

int events_people(struct db *db, int64_t event_id, int64_t *ids, int max)
{
	return db_ids_by(db, SQL_PEOPLE, event_id, ids, max);
}

int events_due_reminders(struct db *db, int64_t now, int64_t *ids, int max)
{
	return db_ids(db_bind(db, SQL_DUE_REMINDERS, db_i64(now), db_i64(max)), ids, max);
}

int events_mark_reminded(struct db *db, int64_t id)
{
	return db_exec(db, db_bind(db, SQL_REMINDED, db_i64(id), db_i64(db_now())),
	               "events_mark_reminded");
}

bool events_is_organiser(struct db *db, int64_t community_id, int64_t account_id)
{
	return community_id > 0 &&
	       db_scalar(db_bind(db, SQL_IS_ORGANISER, db_i64(community_id), db_i64(account_id)),
	                 0) > 0;
}

bool events_is_operator(struct db *db, int64_t desk_id, int64_t account_id)
{
	return desk_id > 0 &&
	       db_scalar(db_bind(db, SQL_IS_OPERATOR, db_i64(desk_id), db_i64(account_id)), 0) > 0;
}

int events_organisers(struct db *db, int64_t community_id, int64_t *ids, int max)
{
	return db_ids_by(db, SQL_ORGANISERS, community_id, ids, max);
}

int events_organised(struct db *db, int64_t account_id, int64_t *ids, int max)
{
	return db_ids_by(db, SQL_ORGANISED, account_id, ids, max);
}

int events_set_organiser(struct db *db, int64_t community_id, int64_t expert_id, bool on)
{
	return db_update(
	    db, db_bind(db, SQL_SET_ORGANISER, db_i64(community_id), db_i64(expert_id), db_i64(on)),
	    "events_set_organiser");
}

int events_feed_secret(struct db *db, struct arena *a, int64_t account_id, const char **out)
{
	return db_get(db, db_bind(db, SQL_SECRET_GET, db_i64(account_id)), db_text_row, a, out);
}

int events_feed_secret_set(struct db *db, int64_t account_id, const char *secret)
{
	return db_exec(
	    db, db_bind(db, SQL_SECRET_PUT, db_i64(account_id), db_str(secret), db_i64(db_now())),
	    "events_feed_secret_set");
}

int64_t events_feed_owner(struct db *db, const char *secret)
{
	return db_scalar(db_bind(db, SQL_SECRET_OWNER, db_str(secret)), 0);
}
