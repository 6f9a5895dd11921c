#include "store/outbox.h"
#include "sql/outbox.h"

#include <stdbool.h>

int outbox_add(struct db *db, const char *kind, const char *recipient, const char *subject,
               const char *body)
{
	sqlite3_stmt *st = db_bind(db, SQL_ADD, db_str(kind), db_str(recipient),
	                           db_str(subject ? subject : ""), db_str(body), db_i64(db_now()));
	return db_exec(db, st, "outbox_add");
}

static const struct db_map item_row =
    DB_ROW(outbox_item, (I64, id), (TEXT, kind), (TEXT, recipient), (TEXT, subject), (TEXT, body),
           (INT, attempts), (I64, created_at), (I64, delivered_at), (TEXT_NULL, last_error));

int outbox_due(struct db *db, struct arena *a, int64_t now, struct outbox_item *out, int max)
{
	sqlite3_stmt *st = db_bind(db, SQL_DUE, db_i64(now), db_i64(max));
	return db_read_all(db, st, &item_row, a, out, max);
}

int outbox_delivered(struct db *db, int64_t id)
{
	sqlite3_stmt *st = db_bind(db, SQL_DONE, db_i64(id), db_i64(db_now()));
	return db_exec(db, st, "outbox_delivered");
}

int outbox_failed(struct db *db, int64_t id, int64_t next_attempt, const char *error)
{
	sqlite3_stmt *st = db_bind(db, SQL_FAIL, db_i64(id), db_i64(next_attempt), db_str(error));
	return db_exec(db, st, "outbox_failed");
}

int64_t outbox_next(struct db *db)
{
	return db_scalar(db_stmt(db, SQL_NEXT), 0);
}

int outbox_stats(struct db *db, int64_t *queued, int64_t *oldest)
{
	sqlite3_stmt *st = db_stmt(db, SQL_STATS);
	bool ok = st && sqlite3_step(st) == SQLITE_ROW;
	*queued = ok ? sqlite3_column_int64(st, 0) : 0;
	*oldest = ok ? sqlite3_column_int64(st, 1) : 0;
	db_done(st);
	return ok ? KK_OK : KK_ERR;
}

int outbox_recent(struct db *db, struct arena *a, struct outbox_item *out, int max)
{
	sqlite3_stmt *st = db_bind(db, SQL_RECENT, db_i64(max));
	return db_read_all(db, st, &item_row, a, out, max);
}
