/* requests.c — consultation requests, their timeline and their message thread. */
#include "store/requests.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include "sql/requests.h"

/* ---- requests ---- */

static int set_items(struct db *db, int64_t id, const struct request *r)
{
	if (db_put_texts(db, SQL_TOPICS_DEL, SQL_TOPIC_ADD, id, r->topics, r->ntopics) != KK_OK)
		return KK_ERR;
	return db_put_texts(db, SQL_ROLES_DEL, SQL_ROLE_ADD, id, r->roles, r->nroles);
}

int requests_create(struct db *db, const struct request *r, int64_t *id)
{
	int64_t at = r->created_at ? r->created_at : db_now();
	sqlite3_stmt *st =
	    db_bind(db, SQL_REQ_ADD, db_i64(r->company_id), db_i64_or_null(r->desk_id),
	            db_str(r->prefecture), db_str(r->kind), db_str(r->description), db_str(r->mode),
	            db_str(r->urgency), db_i64(at), db_i64(at), db_i64_or_null(r->assessment_id));
	if (db_insert(db, st, "requests_create", id) != KK_OK)
		return KK_ERR;
	return set_items(db, *id, r);
}

static const struct db_map request_row =
    DB_ROW(request, (I64, company_id), (I64, desk_id), (TEXT_NULL, prefecture), (TEXT_NULL, kind),
           (TEXT_NULL, description), (TEXT_NULL, mode), (TEXT_NULL, urgency), (TEXT_NULL, status),
           (INT, ring), (I64, sla_deadline), (TEXT_NULL, report), (INT, hours_tenths),
           (I64, created_at), (I64, updated_at), (I64, closed_at), (I64, assessment_id));

int requests_get(struct db *db, struct arena *a, int64_t id, struct request *out)
{
	int rc = db_read(db, db_stmt_id(db, SQL_REQ_GET, id), &request_row, a, out);
	if (rc != KK_OK)
		return rc;
	out->id = id;
	out->ntopics = db_texts_by(db, SQL_REQ_TOPICS, id, a, out->topics, REQUEST_MAX_ITEMS);
	out->nroles = db_texts_by(db, SQL_REQ_ROLES, id, a, out->roles, REQUEST_MAX_ITEMS);
	return out->ntopics < 0 || out->nroles < 0 ? KK_ERR : KK_OK;
}

static int update_text(struct db *db, const char *sql, int64_t id, const char *v)
{
	sqlite3_stmt *st = db_bind(db, sql, db_i64(id), db_str(v), db_i64(db_now()));
	return db_update(db, st, sql);
}

int requests_set_items(struct db *db, int64_t id, const struct request *r)
{
	if (update_text(db, SQL_REQ_URGENCY, id, r->urgency) != KK_OK)
		return KK_ERR;
	return set_items(db, id, r);
}

int requests_set_desk(struct db *db, int64_t id, int64_t desk_id)
{
	sqlite3_stmt *st = db_bind(db, SQL_REQ_DESK, db_i64(id), db_i64(desk_id), db_i64(db_now()));
	return db_update(db, st, "requests_set_desk");
}

int requests_set_status(struct db *db, int64_t id, const char *status)
{
	return update_text(db, SQL_REQ_STATUS, id, status);
}

int requests_set_ring(struct db *db, int64_t id, int ring, int64_t deadline)
{
	sqlite3_stmt *st = db_bind(db, SQL_REQ_RING, db_i64(id), db_i64(ring));
	if (deadline)
		sqlite3_bind_int64(st, 3, deadline);
	sqlite3_bind_int64(st, 4, db_now());
	return db_update(db, st, "requests_set_ring");
}

int requests_close(struct db *db, int64_t id, const char *report, int hours_tenths)
{
	sqlite3_stmt *st = db_bind(db, SQL_REQ_CLOSE, db_i64(id), db_str(report),
	                           db_i64(hours_tenths), db_i64(db_now()));
	return db_update(db, st, "requests_close");
}

int requests_list(struct db *db, enum request_scope scope, int64_t who, const char *status,
                  const char *kind, int64_t *ids, int max)
{
	static const char *const sql[] = {SQL_LIST_COMPANY, SQL_LIST_DESK, SQL_LIST_EXPERT,
	                                  SQL_LIST_ALL};
	sqlite3_stmt *st = db_stmt_id(db, sql[scope], who);
	if (!st)
		return KK_ERR;
	if (status)
		sqlite3_bind_text(st, 2, status, -1, SQLITE_STATIC);
	if (kind)
		sqlite3_bind_text(st, 3, kind, -1, SQLITE_STATIC);
	sqlite3_bind_int(st, 4, max);
	return db_ids(st, ids, max);
}

int requests_due(struct db *db, int64_t now, int64_t *ids, int max)
{
	return db_ids_by(db, SQL_DUE, now, ids, max);
}

int64_t requests_next_deadline(struct db *db)
{
	return db_scalar(db_stmt(db, SQL_NEXT), 0);
}

int requests_hours_used(struct db *db, int64_t company_id, int64_t since)
{
	sqlite3_stmt *st = db_bind(db, SQL_HOURS, db_i64(company_id), db_i64(since));
	return (int)db_scalar(st, KK_ERR);
}

/* ---- timeline and messages ---- */

int request_event_add(struct db *db, int64_t id, const char *event, int64_t actor_id,
                      const char *detail)
{
	return request_event_at(db, id, db_now(), event, actor_id, detail);
}

int request_event_at(struct db *db, int64_t id, int64_t at, const char *event, int64_t actor_id,
                     const char *detail)
{
	return db_exec(db,
	               db_bind(db, SQL_EVENT_ADD, db_i64(id), db_i64(at), db_str(event),
	                       db_i64_or_null(actor_id), db_str(detail)),
	               "request_event_add");
}

static const struct db_map event_row =
    DB_ROW(request_event, (I64, at), (TEXT_NULL, event), (I64, actor_id), (TEXT_NULL, detail));

int request_events(struct db *db, struct arena *a, int64_t id, struct request_event *out, int max)
{
	return db_read_by(db, SQL_EVENTS, id, &event_row, a, out, max);
}

int request_message_add(struct db *db, int64_t id, int64_t author_id, const char *body,
                        int64_t *mid)
{
	sqlite3_stmt *st =
	    db_bind(db, SQL_MSG_ADD, db_i64(id), db_i64(author_id), db_str(body), db_i64(db_now()));
	return db_insert(db, st, "request_message_add", mid);
}

static const struct db_map message_row =
    DB_ROW(request_message, (I64, id), (I64, author_id), (TEXT_NULL, body), (I64, created_at));

int request_messages(struct db *db, struct arena *a, int64_t id, struct request_message *out,
                     int max)
{
	return db_read_by(db, SQL_MSGS, id, &message_row, a, out, max);
}
