#include "store/complaints.h"

static const char SQL_ADD[] =
    "INSERT INTO complaints(expert_id, filed_by, body, created_at) VALUES (?, ?, ?, ?)";
static const char SQL_LIST[] =
    "SELECT id, expert_id, coalesce(filed_by, 0), created_at, body, status, coalesce(resolution, "
    "'')"
    " FROM complaints WHERE ?1 IS NULL OR status = ?1 ORDER BY id DESC LIMIT ?2";
static const char SQL_GET[] = "SELECT id, expert_id, coalesce(filed_by, 0), created_at, body, "
                              "status, coalesce(resolution, '')"
                              " FROM complaints WHERE id = ?";
static const char SQL_RESOLVE[] = "UPDATE complaints SET status = ?, resolution = ?, resolved_at = "
                                  "? WHERE id = ? AND status = 'open'";

int complaints_add(struct db *db, int64_t expert_id, int64_t filed_by, const char *body,
                   int64_t *id)
{
	sqlite3_stmt *st = db_stmt_id(db, SQL_ADD, expert_id);
	if (!st)
		return KK_ERR;
	sqlite3_bind_int64(st, 2, filed_by);
	sqlite3_bind_text(st, 3, body, -1, SQLITE_STATIC);
	sqlite3_bind_int64(st, 4, db_now());
	int rc = sqlite3_step(st);
	db_done(st);
	if (rc != SQLITE_DONE)
		return KK_ERR;
	*id = sqlite3_last_insert_rowid(db_handle(db));
	return KK_OK;
}

static void row(sqlite3_stmt *st, struct arena *a, struct complaint *c)
{
	c->id = sqlite3_column_int64(st, 0);
	c->expert_id = sqlite3_column_int64(st, 1);
	c->filed_by = sqlite3_column_int64(st, 2);
	c->created_at = sqlite3_column_int64(st, 3);
	c->body = arena_strdup(a, db_text(st, 4));
	c->status = arena_strdup(a, db_text(st, 5));
	c->resolution = arena_strdup(a, db_text(st, 6));
}

int complaints_list(struct db *db, struct arena *a, const char *status, struct complaint *out,
                    int max)
{
	sqlite3_stmt *st = db_stmt(db, SQL_LIST);
	if (!st)
		return 0;
	if (status)
		sqlite3_bind_text(st, 1, status, -1, SQLITE_STATIC);
	sqlite3_bind_int(st, 2, max);
	int n = 0;
	while (n < max && sqlite3_step(st) == SQLITE_ROW)
		row(st, a, &out[n++]);
	db_done(st);
	return n;
}

int complaints_get(struct db *db, struct arena *a, int64_t id, struct complaint *out)
{
	sqlite3_stmt *st = db_stmt_id(db, SQL_GET, id);
	if (!st)
		return KK_ERR;
	int rc = sqlite3_step(st);
	if (rc == SQLITE_ROW)
		row(st, a, out);
	db_done(st);
	return rc == SQLITE_ROW ? KK_OK : rc == SQLITE_DONE ? KK_NOTFOUND : KK_ERR;
}

int complaints_resolve(struct db *db, int64_t id, const char *status, const char *resolution)
{
	sqlite3_stmt *st = db_stmt(db, SQL_RESOLVE);
	if (!st)
		return KK_ERR;
	sqlite3_bind_text(st, 1, status, -1, SQLITE_STATIC);
	sqlite3_bind_text(st, 2, resolution, -1, SQLITE_STATIC);
	sqlite3_bind_int64(st, 3, db_now());
	sqlite3_bind_int64(st, 4, id);
	int rc = sqlite3_step(st);
	db_done(st);
	if (rc != SQLITE_DONE)
		return KK_ERR;
	return sqlite3_changes(db_handle(db)) ? KK_OK : KK_NOTFOUND;
}
