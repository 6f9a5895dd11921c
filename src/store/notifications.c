#include "store/notifications.h"
#include "sql/notifications.h"

int notifications_add(struct db *db, int64_t account_id, const char *kind, const char *args,
                      const char *link)
{
	sqlite3_stmt *st =
	    db_bind(db, SQL_ADD, db_i64(account_id), db_str(kind), db_str(args ? args : ""),
	            db_str(link ? link : ""), db_i64(db_now()));
	return db_insert(db, st, "notifications_add", NULL);
}

static const struct db_map notification_row =
    DB_ROW(notification, (I64, id), (TEXT, kind), (TEXT, args), (TEXT, link), (I64, created_at),
           (INT, unread));

int notifications_list(struct db *db, struct arena *a, int64_t account_id, struct notification *out,
                       int max)
{
	return db_read_by(db, SQL_LIST, account_id, &notification_row, a, out, max);
}

int notifications_mark_read(struct db *db, int64_t account_id)
{
	sqlite3_stmt *st = db_bind(db, SQL_READ, db_i64(account_id), db_i64(db_now()));
	return st ? db_exec(db, st, "notifications_mark_read") : KK_ERR;
}

int notifications_unread(struct db *db, int64_t account_id)
{
	return (int)db_scalar(db_stmt_id(db, SQL_UNREAD, account_id), 0);
}
