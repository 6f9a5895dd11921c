/* requests.c — consultation requests, their timeline and their message thread. */
#include "store/requests.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

/* ---- requests ---- */

static const char SQL_REQ_ADD[] =
    "INSERT INTO requests(company_id, desk_id, prefecture, kind, description, mode, urgency, "
    "status,"
    " created_at, updated_at, assessment_id) VALUES (?, ?, ?, ?, ?, ?, ?, 'open', ?, ?, ?)";
static const char SQL_TOPICS_DEL[] = "DELETE FROM request_topics WHERE request_id = ?";
static const char SQL_ROLES_DEL[] = "DELETE FROM request_roles WHERE request_id = ?";
static const char SQL_TOPIC_ADD[] =
    "INSERT OR IGNORE INTO request_topics(request_id, skill) VALUES (?, ?)";
static const char SQL_ROLE_ADD[] =
    "INSERT OR IGNORE INTO request_roles(request_id, role) VALUES (?, ?)";
static const char SQL_REQ_GET[] =
    "SELECT company_id, coalesce(desk_id, 0), prefecture, kind, description, mode, urgency, status,"
    " ring, coalesce(sla_deadline, 0), report, coalesce(hours_tenths, 0), created_at, updated_at,"
    " coalesce(closed_at, 0), coalesce(assessment_id, 0) FROM requests WHERE id = ?";
static const char SQL_REQ_TOPICS[] =
    "SELECT skill FROM request_topics WHERE request_id = ? ORDER BY skill";
static const char SQL_REQ_ROLES[] =
    "SELECT role FROM request_roles WHERE request_id = ? ORDER BY role";
static const char SQL_REQ_URGENCY[] =
    "UPDATE requests SET urgency = ?2, updated_at = ?3 WHERE id = ?1";
static const char SQL_REQ_DESK[] = "UPDATE requests SET desk_id = ?2, updated_at = ?3,"
                                   " prefecture = coalesce((SELECT prefecture FROM desks WHERE id "
                                   "= ?2), prefecture) WHERE id = ?1";
static const char SQL_REQ_STATUS[] =
    "UPDATE requests SET status = ?2, updated_at = ?3 WHERE id = ?1";
static const char SQL_REQ_RING[] =
    "UPDATE requests SET ring = ?2, sla_deadline = ?3, updated_at = ?4 WHERE id = ?1";
static const char SQL_REQ_CLOSE[] =
    "UPDATE requests SET status = 'closed', report = ?2, hours_tenths = ?3, closed_at = ?4,"
    " updated_at = ?4, sla_deadline = NULL WHERE id = ?1 AND status <> 'closed'";

static int set_items(struct db *db, int64_t id, const struct request *r)
{
	if (db_put_texts(db, SQL_TOPICS_DEL, SQL_TOPIC_ADD, id, r->topics, r->ntopics) != KK_OK)
		return KK_ERR;
	return db_put_texts(db, SQL_ROLES_DEL, SQL_ROLE_ADD, id, r->roles, r->nroles);
}

int requests_create(struct db *db, const struct request *r, int64_t *id)
{
	sqlite3_stmt *st = db_stmt(db, SQL_REQ_ADD);
	if (!st)
		return KK_ERR;
	int64_t now = db_now();
	sqlite3_bind_int64(st, 1, r->company_id);
	if (r->desk_id > 0)
		sqlite3_bind_int64(st, 2, r->desk_id);
	sqlite3_bind_text(st, 3, r->prefecture, -1, SQLITE_STATIC);
	sqlite3_bind_text(st, 4, r->kind, -1, SQLITE_STATIC);
	sqlite3_bind_text(st, 5, r->description, -1, SQLITE_STATIC);
	sqlite3_bind_text(st, 6, r->mode, -1, SQLITE_STATIC);
	sqlite3_bind_text(st, 7, r->urgency, -1, SQLITE_STATIC);
	sqlite3_bind_int64(st, 8, now);
	sqlite3_bind_int64(st, 9, now);
	if (r->assessment_id > 0)
		sqlite3_bind_int64(st, 10, r->assessment_id);
	if (db_insert(db, st, "requests_create", id) != KK_OK)
		return KK_ERR;
	return set_items(db, *id, r);
}

static const struct db_col request_cols[] = {DB_COL(I64, request, company_id),
                                             DB_COL(I64, request, desk_id),
                                             DB_COL(TEXT_NULL, request, prefecture),
                                             DB_COL(TEXT_NULL, request, kind),
                                             DB_COL(TEXT_NULL, request, description),
                                             DB_COL(TEXT_NULL, request, mode),
                                             DB_COL(TEXT_NULL, request, urgency),
                                             DB_COL(TEXT_NULL, request, status),
                                             DB_COL(INT, request, ring),
                                             DB_COL(I64, request, sla_deadline),
                                             DB_COL(TEXT_NULL, request, report),
                                             DB_COL(INT, request, hours_tenths),
                                             DB_COL(I64, request, created_at),
                                             DB_COL(I64, request, updated_at),
                                             DB_COL(I64, request, closed_at),
                                             DB_COL(I64, request, assessment_id)};
static const struct db_map request_row = DB_MAP(request, request_cols);

int requests_get(struct db *db, struct arena *a, int64_t id, struct request *out)
{
	int rc = db_read(db, db_stmt_id(db, SQL_REQ_GET, id), &request_row, a, out);
	if (rc != KK_OK)
		return rc;
	out->id = id;
	out->ntopics = db_list(db, db_stmt_id(db, SQL_REQ_TOPICS, id), db_text_row, a, out->topics,
	                       sizeof *out->topics, REQUEST_MAX_ITEMS);
	out->nroles = db_list(db, db_stmt_id(db, SQL_REQ_ROLES, id), db_text_row, a, out->roles,
	                      sizeof *out->roles, REQUEST_MAX_ITEMS);
	return out->ntopics < 0 || out->nroles < 0 ? KK_ERR : KK_OK;
}

static int update_text(struct db *db, const char *sql, int64_t id, const char *v)
{
	sqlite3_stmt *st = db_stmt_id(db, sql, id);
	if (!st)
		return KK_ERR;
	sqlite3_bind_text(st, 2, v, -1, SQLITE_STATIC);
	sqlite3_bind_int64(st, 3, db_now());
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
	sqlite3_stmt *st = db_stmt_id(db, SQL_REQ_DESK, id);
	if (!st)
		return KK_ERR;
	sqlite3_bind_int64(st, 2, desk_id);
	sqlite3_bind_int64(st, 3, db_now());
	return db_update(db, st, "requests_set_desk");
}

int requests_set_status(struct db *db, int64_t id, const char *status)
{
	return update_text(db, SQL_REQ_STATUS, id, status);
}

int requests_set_ring(struct db *db, int64_t id, int ring, int64_t deadline)
{
	sqlite3_stmt *st = db_stmt_id(db, SQL_REQ_RING, id);
	if (!st)
		return KK_ERR;
	sqlite3_bind_int(st, 2, ring);
	if (deadline)
		sqlite3_bind_int64(st, 3, deadline);
	sqlite3_bind_int64(st, 4, db_now());
	return db_update(db, st, "requests_set_ring");
}

int requests_close(struct db *db, int64_t id, const char *report, int hours_tenths)
{
	sqlite3_stmt *st = db_stmt_id(db, SQL_REQ_CLOSE, id);
	if (!st)
		return KK_ERR;
	sqlite3_bind_text(st, 2, report, -1, SQLITE_STATIC);
	sqlite3_bind_int(st, 3, hours_tenths);
	sqlite3_bind_int64(st, 4, db_now());
	return db_update(db, st, "requests_close");
}

/* Urgency high first, then the oldest. */
#define REQ_ORDER                                                                                  \
	" ORDER BY CASE urgency WHEN 'high' THEN 0 WHEN 'normal' THEN 1 ELSE 2 END, created_at, "  \
	"id"
#define REQ_FILTER " AND (?2 IS NULL OR status = ?2) AND (?3 IS NULL OR kind = ?3)"
static const char SQL_LIST_COMPANY[] =
    "SELECT id FROM requests WHERE company_id = ?1" REQ_FILTER REQ_ORDER " LIMIT ?4";
static const char SQL_LIST_DESK[] =
    "SELECT id FROM requests WHERE desk_id IN (SELECT desk_id FROM desk_operators WHERE account_id "
    "= ?1)" REQ_FILTER REQ_ORDER " LIMIT ?4";
static const char SQL_LIST_EXPERT[] =
    "SELECT id FROM requests WHERE (id IN (SELECT request_id FROM request_assignees WHERE "
    "expert_id = ?1)"
    " OR id IN (SELECT request_id FROM request_offers WHERE expert_id = ?1 AND status = "
    "'open'))" REQ_FILTER REQ_ORDER " LIMIT ?4";
static const char SQL_LIST_ALL[] =
    "SELECT id FROM requests WHERE ?1 = ?1" REQ_FILTER REQ_ORDER " LIMIT ?4";

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

static const char SQL_DUE[] = "SELECT id FROM requests WHERE sla_deadline IS NOT NULL AND "
                              "sla_deadline <= ? ORDER BY sla_deadline LIMIT ?";
static const char SQL_HOURS[] =
    "SELECT coalesce(sum(hours_tenths), 0) FROM requests WHERE company_id = ? AND status = 'closed'"
    " AND closed_at >= ?";

int requests_due(struct db *db, int64_t now, int64_t *ids, int max)
{
	return db_ids_by(db, SQL_DUE, now, ids, max);
}

static const char SQL_NEXT[] = "SELECT coalesce(min(sla_deadline), 0) FROM requests"
                               " WHERE sla_deadline IS NOT NULL";

int64_t requests_next_deadline(struct db *db)
{
	return db_scalar(db_stmt(db, SQL_NEXT), 0);
}

int requests_hours_used(struct db *db, int64_t company_id, int64_t since)
{
	sqlite3_stmt *st = db_stmt_id(db, SQL_HOURS, company_id);
	if (st)
		sqlite3_bind_int64(st, 2, since);
	return (int)db_scalar(st, KK_ERR);
}

/* ---- timeline and messages ---- */

static const char SQL_EVENT_ADD[] =
    "INSERT INTO request_events(request_id, at, event, actor_id, detail) VALUES (?, ?, ?, ?, ?)";
static const char SQL_EVENTS[] =
    "SELECT at, event, coalesce(actor_id, 0), detail FROM request_events WHERE request_id = ?"
    " ORDER BY id LIMIT ?";
static const char SQL_MSG_ADD[] =
    "INSERT INTO request_messages(request_id, author_id, body, created_at) VALUES (?, ?, ?, ?)";
static const char SQL_MSGS[] =
    "SELECT id, coalesce(author_id, 0), body, created_at FROM request_messages WHERE request_id = ?"
    " ORDER BY id LIMIT ?";

int request_event_add(struct db *db, int64_t id, const char *event, int64_t actor_id,
                      const char *detail)
{
	sqlite3_stmt *st = db_stmt_id(db, SQL_EVENT_ADD, id);
	if (!st)
		return KK_ERR;
	sqlite3_bind_int64(st, 2, db_now());
	sqlite3_bind_text(st, 3, event, -1, SQLITE_STATIC);
	if (actor_id)
		sqlite3_bind_int64(st, 4, actor_id);
	sqlite3_bind_text(st, 5, detail, -1, SQLITE_STATIC);
	return db_exec(db, st, "request_event_add");
}

static const struct db_col event_cols[] = {

    DB_COL(I64, request_event, at), DB_COL(TEXT_NULL, request_event, event),
    DB_COL(I64, request_event, actor_id), DB_COL(TEXT_NULL, request_event, detail)};
static const struct db_map event_row = DB_MAP(request_event, event_cols);

int request_events(struct db *db, struct arena *a, int64_t id, struct request_event *out, int max)
{
	return db_read_by(db, SQL_EVENTS, id, &event_row, a, out, max);
}

int request_message_add(struct db *db, int64_t id, int64_t author_id, const char *body,
                        int64_t *mid)
{
	sqlite3_stmt *st = db_stmt_id(db, SQL_MSG_ADD, id);
	if (!st)
		return KK_ERR;
	sqlite3_bind_int64(st, 2, author_id);
	sqlite3_bind_text(st, 3, body, -1, SQLITE_STATIC);
	sqlite3_bind_int64(st, 4, db_now());
	return db_insert(db, st, "request_message_add", mid);
}

static const struct db_col message_cols[] = {

    DB_COL(I64, request_message, id), DB_COL(I64, request_message, author_id),
    DB_COL(TEXT_NULL, request_message, body), DB_COL(I64, request_message, created_at)};
static const struct db_map message_row = DB_MAP(request_message, message_cols);

int request_messages(struct db *db, struct arena *a, int64_t id, struct request_message *out,
                     int max)
{
	return db_read_by(db, SQL_MSGS, id, &message_row, a, out, max);
}
