#include "store/notifications.h"

static const char SQL_ADD[] =
    "INSERT INTO notifications(account_id, kind, args, link, created_at) VALUES (?, ?, ?, ?, ?)";
static const char SQL_LIST[] =
    "SELECT id, kind, args, link, created_at, read_at IS NULL FROM notifications"
    " WHERE account_id = ? ORDER BY id DESC LIMIT ?";
static const char SQL_UNREAD[] =
    "SELECT count(*) FROM notifications WHERE account_id = ? AND read_at IS NULL";
static const char SQL_READ[] =
    "UPDATE notifications SET read_at = ?2 WHERE account_id = ?1 AND read_at IS NULL";

int notifications_add(struct db *db, int64_t account_id, const char *kind, const char *args,
                      const char *link)
{
	sqlite3_stmt *st = db_stmt_id(db, SQL_ADD, account_id);
	if (st) {
		sqlite3_bind_text(st, 2, kind, -1, SQLITE_STATIC);
		sqlite3_bind_text(st, 3, args ? args : "", -1, SQLITE_STATIC);
		sqlite3_bind_text(st, 4, link ? link : "", -1, SQLITE_STATIC);
		sqlite3_bind_int64(st, 5, db_now());
	}
	return db_insert(db, st, "notifications_add", NULL);
}

static const struct db_col notification_cols[] = {

    DB_COL(I64, notification, id),         DB_COL(TEXT, notification, kind),
    DB_COL(TEXT, notification, args),      DB_COL(TEXT, notification, link),
    DB_COL(I64, notification, created_at), DB_COL(INT, notification, unread)};
static const struct db_map notification_row = DB_MAP(notification, notification_cols);

int notifications_list(struct db *db, struct arena *a, int64_t account_id, struct notification *out,
                       int max)
{
	return db_read_by(db, SQL_LIST, account_id, &notification_row, a, out, max);
}

int notifications_mark_read(struct db *db, int64_t account_id)
{
	sqlite3_stmt *st = db_stmt_id(db, SQL_READ, account_id);
	if (st)
		sqlite3_bind_int64(st, 2, db_now());
	return st ? db_exec(db, st, "notifications_mark_read") : KK_ERR;
}

int notifications_unread(struct db *db, int64_t account_id)
{
	return (int)db_scalar(db_stmt_id(db, SQL_UNREAD, account_id), 0);
}
