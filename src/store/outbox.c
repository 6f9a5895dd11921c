#include "store/outbox.h"

static const char SQL_ADD[] =
    "INSERT INTO outbox(kind, recipient, subject, body, created_at, next_attempt_at)"
    " VALUES (?1, ?2, ?3, ?4, ?5, ?5)";
/* The columns item_row reads, in their order. */
#define ITEM_COLS                                                                                  \
	"id, kind, recipient, subject, body, attempts, created_at, coalesce(delivered_at, 0),"     \
	" last_error"
static const char SQL_DUE[] =
    "SELECT " ITEM_COLS " FROM outbox"
    " WHERE delivered_at IS NULL AND next_attempt_at <= ? ORDER BY next_attempt_at, id LIMIT ?";
static const char SQL_DONE[] =
    "UPDATE outbox SET delivered_at = ?2, attempts = attempts + 1, last_error = NULL"
    " WHERE id = ?1 AND delivered_at IS NULL";
static const char SQL_FAIL[] = "UPDATE outbox SET attempts = attempts + 1, next_attempt_at = ?2, "
                               "last_error = ?3 WHERE id = ?1";
static const char SQL_NEXT[] =
    "SELECT coalesce(min(next_attempt_at), 0) FROM outbox WHERE delivered_at IS NULL";
static const char SQL_RECENT[] = "SELECT " ITEM_COLS " FROM outbox WHERE kind = 'mail' "
                                 "ORDER BY id DESC LIMIT ?";

int outbox_add(struct db *db, const char *kind, const char *recipient, const char *subject,
               const char *body)
{
	sqlite3_stmt *st = db_stmt(db, SQL_ADD);
	if (!st)
		return KK_ERR;
	sqlite3_bind_text(st, 1, kind, -1, SQLITE_STATIC);
	sqlite3_bind_text(st, 2, recipient, -1, SQLITE_STATIC);
	sqlite3_bind_text(st, 3, subject ? subject : "", -1, SQLITE_STATIC);
	sqlite3_bind_text(st, 4, body, -1, SQLITE_STATIC);
	sqlite3_bind_int64(st, 5, db_now());
	return db_exec(db, st, "outbox_add");
}

static const struct db_col item_cols[] = {DB_COL(I64, outbox_item, id),
                                          DB_COL(TEXT, outbox_item, kind),
                                          DB_COL(TEXT, outbox_item, recipient),
                                          DB_COL(TEXT, outbox_item, subject),
                                          DB_COL(TEXT, outbox_item, body),
                                          DB_COL(INT, outbox_item, attempts),
                                          DB_COL(I64, outbox_item, created_at),
                                          DB_COL(I64, outbox_item, delivered_at),
                                          DB_COL(TEXT_NULL, outbox_item, last_error)};
static const struct db_map item_row = DB_MAP(outbox_item, item_cols);

int outbox_due(struct db *db, struct arena *a, int64_t now, struct outbox_item *out, int max)
{
	sqlite3_stmt *st = db_stmt(db, SQL_DUE);
	if (st) {
		sqlite3_bind_int64(st, 1, now);
		sqlite3_bind_int(st, 2, max);
	}
	return db_read_all(db, st, &item_row, a, out, max);
}

int outbox_delivered(struct db *db, int64_t id)
{
	sqlite3_stmt *st = db_stmt_id(db, SQL_DONE, id);
	if (!st)
		return KK_ERR;
	sqlite3_bind_int64(st, 2, db_now());
	return db_exec(db, st, "outbox_delivered");
}

int outbox_failed(struct db *db, int64_t id, int64_t next_attempt, const char *error)
{
	sqlite3_stmt *st = db_stmt_id(db, SQL_FAIL, id);
	if (!st)
		return KK_ERR;
	sqlite3_bind_int64(st, 2, next_attempt);
	sqlite3_bind_text(st, 3, error, -1, SQLITE_STATIC);
	return db_exec(db, st, "outbox_failed");
}

int64_t outbox_next(struct db *db)
{
	return db_scalar(db_stmt(db, SQL_NEXT), 0);
}

int outbox_recent(struct db *db, struct arena *a, struct outbox_item *out, int max)
{
	sqlite3_stmt *st = db_stmt(db, SQL_RECENT);
	if (st)
		sqlite3_bind_int(st, 1, max);
	return db_read_all(db, st, &item_row, a, out, max);
}
