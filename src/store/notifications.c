#include "store/notifications.h"

static const char SQL_ADD[] =
    "INSERT INTO notifications(account_id, kind, args, link, created_at) VALUES (?, ?, ?, ?, ?)";
static const char SQL_LIST[] =
    "SELECT id, kind, args, link, created_at, read_at IS NULL FROM notifications"
    " WHERE account_id = ? ORDER BY id DESC LIMIT ?";
static const char SQL_READ[] =
    "UPDATE notifications SET read_at = ? WHERE account_id = ? AND read_at IS NULL";

int notifications_add(struct db *db, int64_t account_id, const char *kind, const char *args,
                      const char *link)
{
	sqlite3_stmt *st = db_stmt_id(db, SQL_ADD, account_id);
	if (!st)
		return KK_ERR;
	sqlite3_bind_text(st, 2, kind, -1, SQLITE_STATIC);
	sqlite3_bind_text(st, 3, args ? args : "", -1, SQLITE_STATIC);
	sqlite3_bind_text(st, 4, link ? link : "", -1, SQLITE_STATIC);
	sqlite3_bind_int64(st, 5, db_now());
	int rc = sqlite3_step(st);
	db_done(st);
	return rc == SQLITE_DONE ? KK_OK : KK_ERR;
}

int notifications_list(struct db *db, struct arena *a, int64_t account_id, struct notification *out,
                       int max)
{
	sqlite3_stmt *st = db_stmt_id(db, SQL_LIST, account_id);
	if (!st)
		return 0;
	sqlite3_bind_int(st, 2, max);
	int n = 0;
	while (n < max && sqlite3_step(st) == SQLITE_ROW) {
		out[n].id = sqlite3_column_int64(st, 0);
		out[n].kind = arena_strdup(a, db_text(st, 1));
		out[n].args = arena_strdup(a, db_text(st, 2));
		out[n].link = arena_strdup(a, db_text(st, 3));
		out[n].created_at = sqlite3_column_int64(st, 4);
		out[n].unread = sqlite3_column_int(st, 5);
		n++;
	}
	db_done(st);
	return n;
}

int notifications_mark_read(struct db *db, int64_t account_id)
{
	sqlite3_stmt *st = db_stmt(db, SQL_READ);
	if (!st)
		return KK_ERR;
	sqlite3_bind_int64(st, 1, db_now());
	sqlite3_bind_int64(st, 2, account_id);
	int rc = sqlite3_step(st);
	db_done(st);
	return rc == SQLITE_DONE ? KK_OK : KK_ERR;
}
