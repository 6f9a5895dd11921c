#include "store/sessions.h"

#include <stdio.h>
#include <string.h>
#include "sql/sessions.h"

int sessions_create(struct db *db, const unsigned char hash[TOKEN_HASH_BYTES], int64_t account_id,
                    const char *kind, int64_t *id)
{
	sqlite3_stmt *st = db_stmt(db, SQL_INSERT);
	if (!st)
		return KK_ERR;
	int64_t now = db_now();
	sqlite3_bind_blob(st, 1, hash, TOKEN_HASH_BYTES, SQLITE_STATIC);
	sqlite3_bind_int64(st, 2, account_id);
	sqlite3_bind_text(st, 3, kind, -1, SQLITE_STATIC);
	sqlite3_bind_int64(st, 4, now);
	sqlite3_bind_int64(st, 5, now);
	return db_insert(db, st, "sessions_create", id);
}

static void session_row(sqlite3_stmt *st, struct arena *a, void *row)
{
	(void)a;
	struct session *out = row;
	out->id = sqlite3_column_int64(st, 0);
	out->account_id = sqlite3_column_int64(st, 1);
	snprintf(out->kind, sizeof out->kind, "%s", db_text(st, 2));
	out->created_at = sqlite3_column_int64(st, 3);
	out->last_seen_at = sqlite3_column_int64(st, 4);
	snprintf(out->flash, sizeof out->flash, "%s", db_text(st, 5));
}

int sessions_find(struct db *db, const unsigned char hash[TOKEN_HASH_BYTES], struct session *out)
{
	sqlite3_stmt *st = db_bind(db, SQL_FIND, db_bytes(hash, TOKEN_HASH_BYTES));
	return db_get(db, st, session_row, NULL, out);
}

int sessions_touch(struct db *db, int64_t id, int64_t now)
{
	sqlite3_stmt *st = db_bind(db, SQL_TOUCH, db_i64(id), db_i64(now));
	return st ? db_exec(db, st, "sessions_touch") : KK_ERR;
}

int sessions_set_flash(struct db *db, int64_t id, const char *key)
{
	sqlite3_stmt *st = db_stmt_id(db, SQL_FLASH, id);
	if (st && key)
		sqlite3_bind_text(st, 2, key, -1, SQLITE_STATIC);
	return st ? db_exec(db, st, "sessions_set_flash") : KK_ERR;
}

int sessions_delete(struct db *db, int64_t id)
{
	sqlite3_stmt *st = db_stmt_id(db, SQL_DELETE, id);
	return st ? db_exec(db, st, "sessions_delete") : KK_ERR;
}

int sessions_delete_account(struct db *db, int64_t account_id)
{
	sqlite3_stmt *st = db_stmt_id(db, SQL_DELETE_ACCOUNT, account_id);
	return st ? db_exec(db, st, "sessions_delete_account") : KK_ERR;
}

int sessions_expire(struct db *db, int64_t idle_before, int64_t created_before)
{
	sqlite3_stmt *st = db_bind(db, SQL_EXPIRE, db_i64(idle_before), db_i64(created_before));
	return db_exec(db, st, "sessions_expire");
}

int resets_create(struct db *db, const unsigned char hash[TOKEN_HASH_BYTES], int64_t account_id,
                  int64_t expires_at)
{
	sqlite3_stmt *st = db_bind(db, SQL_RESET_ADD, db_bytes(hash, TOKEN_HASH_BYTES),
	                           db_i64(account_id), db_i64(db_now()), db_i64(expires_at));
	return db_exec(db, st, "resets_create");
}

int resets_find(struct db *db, const unsigned char hash[TOKEN_HASH_BYTES], int64_t now,
                int64_t *account_id)
{
	sqlite3_stmt *st =
	    db_bind(db, SQL_RESET_FIND, db_bytes(hash, TOKEN_HASH_BYTES), db_i64(now));
	int n = db_ids(st, account_id, 1);
	return n < 0 ? KK_ERR : n ? KK_OK : KK_NOTFOUND;
}

int resets_use(struct db *db, const unsigned char hash[TOKEN_HASH_BYTES], int64_t now)
{
	sqlite3_stmt *st =
	    db_bind(db, SQL_RESET_USE, db_bytes(hash, TOKEN_HASH_BYTES), db_i64(now));
	return db_update(db, st, "resets_use");
}
