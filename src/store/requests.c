#include "store/requests.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

/* ---- helpers ---- */

static const char *dup(struct arena *a, sqlite3_stmt *st, int col)
{
	return sqlite3_column_type(st, col) == SQLITE_NULL ? NULL
	                                                   : arena_strdup(a, db_text(st, col));
}

static int changed(struct db *db, int rc)
{
	if (rc != KK_OK)
		return rc;
	return sqlite3_changes(db_handle(db)) ? KK_OK : KK_NOTFOUND;
}

/* ---- companies ---- */

static const char SQL_COMPANY_UPSERT[] =
    "INSERT INTO companies(account_id, name, prefecture, industry, employees, created_at, "
    "updated_at)"
    " VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?6) ON CONFLICT(account_id) DO UPDATE SET name = ?2,"
    " prefecture = ?3, industry = ?4, employees = ?5, updated_at = ?6";
static const char SQL_VENDORS_DEL[] = "DELETE FROM company_vendors WHERE company_id = ?";
static const char SQL_VENDOR_ADD[] =
    "INSERT OR IGNORE INTO company_vendors(company_id, name) VALUES (?, ?)";
static const char SQL_COMPANY_GET[] =
    "SELECT name, prefecture, industry, employees FROM companies WHERE account_id = ?";
static const char SQL_VENDORS[] =
    "SELECT name FROM company_vendors WHERE company_id = ? ORDER BY name";

int companies_save(struct db *db, const struct company *c)
{
	sqlite3_stmt *st = db_stmt_id(db, SQL_COMPANY_UPSERT, c->id);
	if (!st)
		return KK_ERR;
	sqlite3_bind_text(st, 2, c->name, -1, SQLITE_STATIC);
	sqlite3_bind_text(st, 3, c->prefecture, -1, SQLITE_STATIC);
	sqlite3_bind_text(st, 4, c->industry, -1, SQLITE_STATIC);
	sqlite3_bind_text(st, 5, c->employees, -1, SQLITE_STATIC);
	sqlite3_bind_int64(st, 6, db_now());
	if (db_exec(db, st, "companies_save") < 0)
		return KK_ERR;
	if (!(st = db_stmt_id(db, SQL_VENDORS_DEL, c->id)) || db_exec(db, st, "vendors") < 0)
		return KK_ERR;
	for (int i = 0; i < c->nvendors; i++) {
		if (!(st = db_stmt_id(db, SQL_VENDOR_ADD, c->id)))
			return KK_ERR;
		sqlite3_bind_text(st, 2, c->vendors[i], -1, SQLITE_STATIC);
		if (db_exec(db, st, "vendor") < 0)
			return KK_ERR;
	}
	return KK_OK;
}

int companies_get(struct db *db, struct arena *a, int64_t id, struct company *out)
{
	sqlite3_stmt *st = db_stmt_id(db, SQL_COMPANY_GET, id);
	if (!st)
		return KK_ERR;
	int rc = sqlite3_step(st);
	if (rc == SQLITE_ROW) {
		memset(out, 0, sizeof *out);
		out->id = id;
		out->name = dup(a, st, 0);
		out->prefecture = dup(a, st, 1);
		out->industry = dup(a, st, 2);
		out->employees = dup(a, st, 3);
	}
	db_done(st);
	if (rc != SQLITE_ROW)
		return rc == SQLITE_DONE ? KK_NOTFOUND : KK_ERR;
	if (!(st = db_stmt_id(db, SQL_VENDORS, id)))
		return KK_ERR;
	while (out->nvendors < COMPANY_MAX_VENDORS && sqlite3_step(st) == SQLITE_ROW)
		out->vendors[out->nvendors++] = dup(a, st, 0);
	db_done(st);
	return KK_OK;
}

/* ---- desks ---- */

static const char SQL_DESK_ADD[] =
    "INSERT INTO desks(prefecture, name, community_id, hours, contact, created_at)"
    " VALUES (?, ?, ?, ?, ?, ?)";
static const char SQL_DESK_GET[] = "SELECT id, prefecture, name, coalesce(community_id, 0), hours, "
                                   "contact FROM desks WHERE id = ?";
static const char SQL_DESK_LIST[] =
    "SELECT id, prefecture, name, coalesce(community_id, 0), hours, contact FROM desks"
    " ORDER BY prefecture, id LIMIT ?";
static const char SQL_DESK_FOR[] =
    "SELECT d.id FROM desks d JOIN prefectures p ON p.code = d.prefecture"
    " WHERE p.block = (SELECT block FROM prefectures WHERE code = ?1)"
    " ORDER BY d.prefecture <> ?1, d.id LIMIT 1";
static const char SQL_OPERATOR_ADD[] =
    "INSERT OR IGNORE INTO desk_operators(desk_id, account_id) VALUES (?, ?)";
static const char SQL_DESKS_OF[] =
    "SELECT desk_id FROM desk_operators WHERE account_id = ? ORDER BY desk_id LIMIT ?";
static const char SQL_OPERATORS[] =
    "SELECT account_id FROM desk_operators WHERE desk_id = ? ORDER BY account_id LIMIT ?";

int desks_create(struct db *db, const struct desk *d, int64_t *id)
{
	sqlite3_stmt *st = db_stmt(db, SQL_DESK_ADD);
	if (!st)
		return KK_ERR;
	sqlite3_bind_text(st, 1, d->prefecture, -1, SQLITE_STATIC);
	sqlite3_bind_text(st, 2, d->name, -1, SQLITE_STATIC);
	if (d->community_id > 0)
		sqlite3_bind_int64(st, 3, d->community_id);
	sqlite3_bind_text(st, 4, d->hours ? d->hours : "", -1, SQLITE_STATIC);
	sqlite3_bind_text(st, 5, d->contact ? d->contact : "", -1, SQLITE_STATIC);
	sqlite3_bind_int64(st, 6, db_now());
	if (db_exec(db, st, "desks_create") < 0)
		return KK_ERR;
	*id = sqlite3_last_insert_rowid(db_handle(db));
	return KK_OK;
}

static void desk_row(sqlite3_stmt *st, struct arena *a, struct desk *d)
{
	d->id = sqlite3_column_int64(st, 0);
	d->prefecture = dup(a, st, 1);
	d->name = dup(a, st, 2);
	d->community_id = sqlite3_column_int64(st, 3);
	d->hours = dup(a, st, 4);
	d->contact = dup(a, st, 5);
}

int desks_get(struct db *db, struct arena *a, int64_t id, struct desk *out)
{
	sqlite3_stmt *st = db_stmt_id(db, SQL_DESK_GET, id);
	if (!st)
		return KK_ERR;
	int rc = sqlite3_step(st);
	if (rc == SQLITE_ROW)
		desk_row(st, a, out);
	db_done(st);
	return rc == SQLITE_ROW ? KK_OK : rc == SQLITE_DONE ? KK_NOTFOUND : KK_ERR;
}

int desks_list(struct db *db, struct arena *a, struct desk *out, int max)
{
	sqlite3_stmt *st = db_stmt(db, SQL_DESK_LIST);
	if (!st)
		return 0;
	sqlite3_bind_int(st, 1, max);
	int n = 0;
	while (n < max && sqlite3_step(st) == SQLITE_ROW)
		desk_row(st, a, &out[n++]);
	db_done(st);
	return n;
}

int desks_for_prefecture(struct db *db, const char *pref, int64_t *desk_id)
{
	sqlite3_stmt *st = db_stmt(db, SQL_DESK_FOR);
	if (!st)
		return KK_ERR;
	sqlite3_bind_text(st, 1, pref, -1, SQLITE_STATIC);
	int n = db_ids(st, desk_id, 1);
	return n ? KK_OK : KK_NOTFOUND;
}

int desks_add_operator(struct db *db, int64_t desk_id, int64_t account_id)
{
	sqlite3_stmt *st = db_stmt_id(db, SQL_OPERATOR_ADD, desk_id);
	if (!st)
		return KK_ERR;
	sqlite3_bind_int64(st, 2, account_id);
	return db_exec(db, st, "desks_add_operator");
}

int desks_of_operator(struct db *db, int64_t account_id, int64_t *ids, int max)
{
	return db_ids_by(db, SQL_DESKS_OF, account_id, ids, max);
}

int desks_operators(struct db *db, int64_t desk_id, int64_t *ids, int max)
{
	return db_ids_by(db, SQL_OPERATORS, desk_id, ids, max);
}

/* ---- requests ---- */

static const char SQL_REQ_ADD[] =
    "INSERT INTO requests(company_id, desk_id, prefecture, kind, description, mode, urgency, "
    "status,"
    " created_at, updated_at) VALUES (?, ?, ?, ?, ?, ?, ?, 'open', ?, ?)";
static const char SQL_TOPICS_DEL[] = "DELETE FROM request_topics WHERE request_id = ?";
static const char SQL_ROLES_DEL[] = "DELETE FROM request_roles WHERE request_id = ?";
static const char SQL_TOPIC_ADD[] =
    "INSERT OR IGNORE INTO request_topics(request_id, skill) VALUES (?, ?)";
static const char SQL_ROLE_ADD[] =
    "INSERT OR IGNORE INTO request_roles(request_id, role) VALUES (?, ?)";
static const char SQL_REQ_GET[] =
    "SELECT company_id, coalesce(desk_id, 0), prefecture, kind, description, mode, urgency, status,"
    " ring, coalesce(sla_deadline, 0), report, coalesce(hours_tenths, 0), created_at, updated_at,"
    " coalesce(closed_at, 0) FROM requests WHERE id = ?";
static const char SQL_REQ_TOPICS[] =
    "SELECT skill FROM request_topics WHERE request_id = ? ORDER BY skill";
static const char SQL_REQ_ROLES[] =
    "SELECT role FROM request_roles WHERE request_id = ? ORDER BY role";
static const char SQL_REQ_URGENCY[] =
    "UPDATE requests SET urgency = ?2, updated_at = ?3 WHERE id = ?1";
static const char SQL_REQ_DESK[] =
    "UPDATE requests SET desk_id = ?2, updated_at = ?3 WHERE id = ?1";
static const char SQL_REQ_STATUS[] =
    "UPDATE requests SET status = ?2, updated_at = ?3 WHERE id = ?1";
static const char SQL_REQ_RING[] =
    "UPDATE requests SET ring = ?2, sla_deadline = ?3, updated_at = ?4 WHERE id = ?1";
static const char SQL_REQ_CLOSE[] =
    "UPDATE requests SET status = 'closed', report = ?2, hours_tenths = ?3, closed_at = ?4,"
    " updated_at = ?4, sla_deadline = NULL WHERE id = ?1 AND status <> 'closed'";

static int set_items(struct db *db, int64_t id, const struct request *r)
{
	sqlite3_stmt *st;
	if (!(st = db_stmt_id(db, SQL_TOPICS_DEL, id)) || db_exec(db, st, "topics") < 0 ||
	    !(st = db_stmt_id(db, SQL_ROLES_DEL, id)) || db_exec(db, st, "roles") < 0)
		return KK_ERR;
	for (int i = 0; i < r->ntopics; i++) {
		if (!(st = db_stmt_id(db, SQL_TOPIC_ADD, id)))
			return KK_ERR;
		sqlite3_bind_text(st, 2, r->topics[i], -1, SQLITE_STATIC);
		if (db_exec(db, st, "topic") < 0)
			return KK_ERR;
	}
	for (int i = 0; i < r->nroles; i++) {
		if (!(st = db_stmt_id(db, SQL_ROLE_ADD, id)))
			return KK_ERR;
		sqlite3_bind_text(st, 2, r->roles[i], -1, SQLITE_STATIC);
		if (db_exec(db, st, "role") < 0)
			return KK_ERR;
	}
	return KK_OK;
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
	if (db_exec(db, st, "requests_create") < 0)
		return KK_ERR;
	*id = sqlite3_last_insert_rowid(db_handle(db));
	return set_items(db, *id, r);
}

int requests_get(struct db *db, struct arena *a, int64_t id, struct request *out)
{
	sqlite3_stmt *st = db_stmt_id(db, SQL_REQ_GET, id);
	if (!st)
		return KK_ERR;
	int rc = sqlite3_step(st);
	if (rc == SQLITE_ROW) {
		memset(out, 0, sizeof *out);
		out->id = id;
		out->company_id = sqlite3_column_int64(st, 0);
		out->desk_id = sqlite3_column_int64(st, 1);
		out->prefecture = dup(a, st, 2);
		out->kind = dup(a, st, 3);
		out->description = dup(a, st, 4);
		out->mode = dup(a, st, 5);
		out->urgency = dup(a, st, 6);
		out->status = dup(a, st, 7);
		out->ring = sqlite3_column_int(st, 8);
		out->sla_deadline = sqlite3_column_int64(st, 9);
		out->report = dup(a, st, 10);
		out->hours_tenths = sqlite3_column_int(st, 11);
		out->created_at = sqlite3_column_int64(st, 12);
		out->updated_at = sqlite3_column_int64(st, 13);
		out->closed_at = sqlite3_column_int64(st, 14);
	}
	db_done(st);
	if (rc != SQLITE_ROW)
		return rc == SQLITE_DONE ? KK_NOTFOUND : KK_ERR;
	if (!(st = db_stmt_id(db, SQL_REQ_TOPICS, id)))
		return KK_ERR;
	while (out->ntopics < REQUEST_MAX_ITEMS && sqlite3_step(st) == SQLITE_ROW)
		out->topics[out->ntopics++] = dup(a, st, 0);
	db_done(st);
	if (!(st = db_stmt_id(db, SQL_REQ_ROLES, id)))
		return KK_ERR;
	while (out->nroles < REQUEST_MAX_ITEMS && sqlite3_step(st) == SQLITE_ROW)
		out->roles[out->nroles++] = dup(a, st, 0);
	db_done(st);
	return KK_OK;
}

static int update_text(struct db *db, const char *sql, int64_t id, const char *v)
{
	sqlite3_stmt *st = db_stmt_id(db, sql, id);
	if (!st)
		return KK_ERR;
	sqlite3_bind_text(st, 2, v, -1, SQLITE_STATIC);
	sqlite3_bind_int64(st, 3, db_now());
	return changed(db, db_exec(db, st, sql));
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
	return changed(db, db_exec(db, st, "requests_set_desk"));
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
	return changed(db, db_exec(db, st, "requests_set_ring"));
}

int requests_close(struct db *db, int64_t id, const char *report, int hours_tenths)
{
	sqlite3_stmt *st = db_stmt_id(db, SQL_REQ_CLOSE, id);
	if (!st)
		return KK_ERR;
	sqlite3_bind_text(st, 2, report, -1, SQLITE_STATIC);
	sqlite3_bind_int(st, 3, hours_tenths);
	sqlite3_bind_int64(st, 4, db_now());
	return changed(db, db_exec(db, st, "requests_close"));
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
		return 0;
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
	sqlite3_stmt *st = db_stmt(db, SQL_NEXT);
	if (!st)
		return 0;
	int64_t t = sqlite3_step(st) == SQLITE_ROW ? sqlite3_column_int64(st, 0) : 0;
	db_done(st);
	return t;
}

int requests_hours_used(struct db *db, int64_t company_id, int64_t since)
{
	sqlite3_stmt *st = db_stmt_id(db, SQL_HOURS, company_id);
	if (!st)
		return 0;
	sqlite3_bind_int64(st, 2, since);
	int n = sqlite3_step(st) == SQLITE_ROW ? sqlite3_column_int(st, 0) : 0;
	db_done(st);
	return n;
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

int request_events(struct db *db, struct arena *a, int64_t id, struct request_event *out, int max)
{
	sqlite3_stmt *st = db_stmt_id(db, SQL_EVENTS, id);
	if (!st)
		return 0;
	sqlite3_bind_int(st, 2, max);
	int n = 0;
	while (n < max && sqlite3_step(st) == SQLITE_ROW) {
		out[n].at = sqlite3_column_int64(st, 0);
		out[n].event = dup(a, st, 1);
		out[n].actor_id = sqlite3_column_int64(st, 2);
		out[n].detail = dup(a, st, 3);
		n++;
	}
	db_done(st);
	return n;
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
	if (db_exec(db, st, "request_message_add") < 0)
		return KK_ERR;
	*mid = sqlite3_last_insert_rowid(db_handle(db));
	return KK_OK;
}

int request_messages(struct db *db, struct arena *a, int64_t id, struct request_message *out,
                     int max)
{
	sqlite3_stmt *st = db_stmt_id(db, SQL_MSGS, id);
	if (!st)
		return 0;
	sqlite3_bind_int(st, 2, max);
	int n = 0;
	while (n < max && sqlite3_step(st) == SQLITE_ROW) {
		out[n].id = sqlite3_column_int64(st, 0);
		out[n].author_id = sqlite3_column_int64(st, 1);
		out[n].body = dup(a, st, 2);
		out[n].created_at = sqlite3_column_int64(st, 3);
		n++;
	}
	db_done(st);
	return n;
}

/* ---- assignees, offers, ratings ---- */

static const char SQL_ASSIGN[] =
    "INSERT OR IGNORE INTO request_assignees(request_id, expert_id, assigned_at) VALUES (?, ?, ?)";
static const char SQL_ASSIGNEES[] = "SELECT expert_id FROM request_assignees WHERE request_id = ? "
                                    "ORDER BY assigned_at, expert_id LIMIT ?";
static const char SQL_OFFER_ADD[] =
    "INSERT OR IGNORE INTO request_offers(request_id, expert_id, ring, status, offered_at)"
    " VALUES (?, ?, ?, 'open', ?)";
static const char SQL_OFFER_STATUS[] =
    "SELECT status FROM request_offers WHERE request_id = ? AND expert_id = ?";
static const char SQL_OFFERS_OPEN[] = "SELECT expert_id FROM request_offers WHERE request_id = ? "
                                      "AND status = 'open' ORDER BY expert_id LIMIT ?";
static const char SQL_OFFER_ACCEPT[] =
    "UPDATE request_offers SET status = 'accepted' WHERE request_id = ?1 AND expert_id = ?2"
    " AND status = 'open' AND (SELECT status FROM requests WHERE id = ?1) = 'offered'";
static const char SQL_OFFERS_WITHDRAW[] =
    "UPDATE request_offers SET status = 'withdrawn' WHERE request_id = ? AND status = 'open'";
static const char SQL_RATING_ADD[] =
    "INSERT INTO ratings(request_id, stars, comment, created_at) VALUES (?, ?, ?, ?)";

int assignees_add(struct db *db, int64_t id, int64_t expert_id)
{
	sqlite3_stmt *st = db_stmt_id(db, SQL_ASSIGN, id);
	if (!st)
		return KK_ERR;
	sqlite3_bind_int64(st, 2, expert_id);
	sqlite3_bind_int64(st, 3, db_now());
	return db_exec(db, st, "assignees_add");
}

int assignees(struct db *db, int64_t id, int64_t *ids, int max)
{
	return db_ids_by(db, SQL_ASSIGNEES, id, ids, max);
}

int offers_add(struct db *db, int64_t id, int64_t expert_id, int ring)
{
	sqlite3_stmt *st = db_stmt_id(db, SQL_OFFER_ADD, id);
	if (!st)
		return KK_ERR;
	sqlite3_bind_int64(st, 2, expert_id);
	sqlite3_bind_int(st, 3, ring);
	sqlite3_bind_int64(st, 4, db_now());
	return db_exec(db, st, "offers_add");
}

const char *offers_status(struct db *db, struct arena *a, int64_t id, int64_t expert_id)
{
	sqlite3_stmt *st = db_stmt_id(db, SQL_OFFER_STATUS, id);
	if (!st)
		return NULL;
	sqlite3_bind_int64(st, 2, expert_id);
	const char *s = sqlite3_step(st) == SQLITE_ROW ? dup(a, st, 0) : NULL;
	db_done(st);
	return s;
}

int offers_open(struct db *db, int64_t id, int64_t *ids, int max)
{
	return db_ids_by(db, SQL_OFFERS_OPEN, id, ids, max);
}

int offers_accept(struct db *db, int64_t id, int64_t expert_id)
{
	sqlite3_stmt *st = db_stmt_id(db, SQL_OFFER_ACCEPT, id);
	if (!st)
		return KK_ERR;
	sqlite3_bind_int64(st, 2, expert_id);
	int rc = changed(db, db_exec(db, st, "offers_accept"));
	return rc == KK_NOTFOUND ? KK_CONFLICT : rc;
}

int offers_withdraw_open(struct db *db, int64_t id)
{
	sqlite3_stmt *st = db_stmt_id(db, SQL_OFFERS_WITHDRAW, id);
	return st ? db_exec(db, st, "offers_withdraw_open") : KK_ERR;
}

int ratings_add(struct db *db, int64_t id, int stars, const char *comment)
{
	sqlite3_stmt *st = db_stmt_id(db, SQL_RATING_ADD, id);
	if (!st)
		return KK_ERR;
	sqlite3_bind_int(st, 2, stars);
	sqlite3_bind_text(st, 3, comment ? comment : "", -1, SQLITE_STATIC);
	sqlite3_bind_int64(st, 4, db_now());
	int rc = sqlite3_step(st);
	db_done(st);
	if (rc == SQLITE_CONSTRAINT_PRIMARYKEY)
		return KK_CONFLICT;
	return rc == SQLITE_DONE ? KK_OK : KK_ERR;
}

/* ---- bulk load for matching ---- */

/* Candidates: experts with one of the skills (?1, a JSON array) or roles (?2),
 * the nearest to prefecture ?5 first (by home prefecture: 0 the same, 1 a
 * neighbour, 2 the regional block, 3 elsewhere), at most ?4 of them. */
static const char SQL_MATCH_EXPERTS[] =
    "WITH rel(id) AS (SELECT expert_id FROM expert_skills WHERE skill IN (SELECT value FROM "
    "json_each(?1))"
    "   UNION SELECT expert_id FROM expert_roles WHERE role IN (SELECT value FROM json_each(?2))),"
    " tiers(code, tier) AS (SELECT ?5, 0"
    "   UNION ALL SELECT CASE WHEN a = ?5 THEN b ELSE a END, 1 FROM prefecture_links WHERE a = ?5 "
    "OR b = ?5"
    "   UNION ALL SELECT code, 2 FROM prefectures WHERE code <> ?5"
    "     AND block = (SELECT block FROM prefectures WHERE code = ?5)),"
    " best_tier(code, tier) AS (SELECT code, min(tier) FROM tiers GROUP BY code),"
    /* Choose first, then compute the per-expert figures for the chosen only. */
    " chosen(id, tier) AS MATERIALIZED (SELECT e.account_id, coalesce(t.tier, 3)"
    "   FROM rel JOIN experts e ON e.account_id = rel.id LEFT JOIN best_tier t ON t.code = "
    "e.prefecture"
    "   WHERE e.hidden = 0 AND e.ethics_accepted_at IS NOT NULL AND (?3 = 0 OR e.on_call = 1)"
    "   ORDER BY 2, 1 LIMIT ?4)"
    " SELECT e.account_id, e.prefecture, e.remote, e.modes, e.on_call, e.hours_per_week,"
    " (SELECT status FROM certificates c WHERE c.expert_id = e.account_id ORDER BY id DESC LIMIT "
    "1),"
    " (SELECT count(*) FROM request_assignees x JOIN requests q ON q.id = x.request_id"
    "   WHERE x.expert_id = e.account_id AND q.status <> 'closed'),"
    " (SELECT count(*) FROM ratings g JOIN request_assignees x ON x.request_id = g.request_id"
    "   WHERE x.expert_id = e.account_id),"
    " (SELECT coalesce(sum(g.stars), 0) FROM ratings g JOIN request_assignees x"
    "   ON x.request_id = g.request_id WHERE x.expert_id = e.account_id),"
    " (SELECT max(assigned_at) FROM request_assignees x WHERE x.expert_id = e.account_id)"
    " FROM chosen JOIN experts e ON e.account_id = chosen.id ORDER BY chosen.tier, chosen.id";
/* The lists of the chosen experts (?1, a JSON array of ids). */
static const char SQL_MATCH_SKILLS[] = "SELECT expert_id, skill, level FROM expert_skills WHERE "
                                       "expert_id IN (SELECT value FROM json_each(?1))";
static const char SQL_MATCH_ROLES[] =
    "SELECT expert_id, role FROM expert_roles WHERE expert_id IN (SELECT value FROM json_each(?1))";
static const char SQL_MATCH_CONFLICTS[] = "SELECT expert_id, name FROM expert_conflicts WHERE "
                                          "expert_id IN (SELECT value FROM json_each(?1))";
static const char SQL_MATCH_SERVES[] = "SELECT expert_id, prefecture FROM expert_serves WHERE "
                                       "expert_id IN (SELECT value FROM json_each(?1))";

static const char *json_codes(struct arena *a, const char *const *codes, int n)
{
	struct buf b;
	buf_init(&b, a);
	buf_putc(&b, '[');
	for (int i = 0; i < n; i++) /* taxonomy codes: ASCII letters and underscores */
		buf_printf(&b, "%s\"%s\"", i ? "," : "", codes[i]);
	buf_putc(&b, ']');
	return b.p;
}

/* The position in ex of id, by binary search over order (positions sorted by id). */
static int find(const struct match_expert *ex, const int *order, int n, int64_t id)
{
	int lo = 0, hi = n - 1;
	while (lo <= hi) {
		int mid = (lo + hi) / 2;
		int64_t v = ex[order[mid]].id;
		if (v == id)
			return order[mid];
		if (v < id)
			lo = mid + 1;
		else
			hi = mid - 1;
	}
	return -1;
}

static int by_id(const void *a, const void *b, void *ctx)
{
	const struct match_expert *ex = ctx;
	int64_t x = ex[*(const int *)a].id, y = ex[*(const int *)b].id;
	return x < y ? -1 : x > y;
}

int match_load(struct db *db, struct arena *a, const char *pref, const char *const *skills,
               int nskills, const char *const *roles, int nroles, bool on_call_only,
               struct match_expert *ex, const char *(*prefs)[MATCH_MAX_PREFS], int *nprefs, int max)
{
	sqlite3_stmt *st = db_stmt(db, SQL_MATCH_EXPERTS);
	if (!st)
		return -1;
	sqlite3_bind_text(st, 1, json_codes(a, skills, nskills), -1, SQLITE_TRANSIENT);
	sqlite3_bind_text(st, 2, json_codes(a, roles, nroles), -1, SQLITE_TRANSIENT);
	sqlite3_bind_int(st, 3, on_call_only);
	sqlite3_bind_int(st, 4, max);
	sqlite3_bind_text(st, 5, pref, -1, SQLITE_STATIC);
	int64_t now = db_now();
	int n = 0;
	while (n < max && sqlite3_step(st) == SQLITE_ROW) {
		struct match_expert *e = &ex[n];
		memset(e, 0, sizeof *e);
		e->id = sqlite3_column_int64(st, 0);
		prefs[n][0] = dup(a, st, 1);
		nprefs[n] = 1;
		int modes = sqlite3_column_int(st, 3);
		e->remote = sqlite3_column_int(st, 2) || (modes & 1);
		e->onsite = (modes & 2) != 0;
		e->on_call = sqlite3_column_int(st, 4);
		e->hours_per_week = sqlite3_column_int(st, 5);
		const char *cert = db_text(st, 6);
		e->cert = !*cert                           ? CERT_NONE
		          : strcmp(cert, "valid") == 0     ? CERT_VALID
		          : strcmp(cert, "expired") == 0   ? CERT_EXPIRED
		          : strcmp(cert, "suspended") == 0 ? CERT_SUSPENDED
		                                           : CERT_REVOKED;
		e->ethics = true;
		e->open_cases = sqlite3_column_int(st, 7);
		e->ratings = sqlite3_column_int(st, 8);
		e->stars_total = sqlite3_column_int(st, 9);
		e->days_since_assigned = sqlite3_column_type(st, 10) == SQLITE_NULL
		                             ? -1
		                             : (int)((now - sqlite3_column_int64(st, 10)) / 86400);
		n++;
	}
	db_done(st);
	/* Positions sorted by id, to find each row of the lists below. */
	int *order = arena_alloc(a, sizeof *order * (size_t)(n ? n : 1));
	for (int i = 0; i < n; i++)
		order[i] = i;
	qsort_r(order, (size_t)n, sizeof *order, by_id, ex);
	struct buf ids;
	buf_init(&ids, a);
	buf_putc(&ids, '[');
	for (int i = 0; i < n; i++)
		buf_printf(&ids, "%s%lld", i ? "," : "", (long long)ex[i].id);
	buf_putc(&ids, ']');
	static const char *const lists[] = {SQL_MATCH_SKILLS, SQL_MATCH_ROLES, SQL_MATCH_CONFLICTS,
	                                    SQL_MATCH_SERVES};
	for (int l = 0; l < 4; l++) {
		if (!(st = db_stmt(db, lists[l])))
			return -1;
		sqlite3_bind_text(st, 1, ids.p, (int)ids.len, SQLITE_STATIC);
		while (sqlite3_step(st) == SQLITE_ROW) {
			int i = find(ex, order, n, sqlite3_column_int64(st, 0));
			if (i < 0)
				continue;
			struct match_expert *e = &ex[i];
			const char *v = dup(a, st, 1);
			if (l == 0 && e->nskills < MATCH_MAX_SKILLS) {
				e->skill_codes[e->nskills] = v;
				e->skill_levels[e->nskills++] = sqlite3_column_int(st, 2);
			} else if (l == 1 && e->nroles < MATCH_MAX_LIST) {
				e->roles[e->nroles++] = v;
			} else if (l == 2 && e->nconflicts < MATCH_MAX_LIST) {
				e->conflicts[e->nconflicts++] = v;
			} else if (l == 3 && nprefs[i] < MATCH_MAX_PREFS) {
				prefs[i][nprefs[i]++] = v;
			}
		}
		db_done(st);
	}
	return n;
}
