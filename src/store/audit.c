#include "store/audit.h"
#include "sql/audit.h"

#include <stdbool.h>

static void bind_id(sqlite3_stmt *st, int i, int64_t id)
{
	if (id)
		sqlite3_bind_int64(st, i, id);
	else
		sqlite3_bind_null(st, i);
}

int audit_add(struct db *db, const char *event, int64_t account_id, int64_t actor_id,
              const char *ip, const char *detail)
{
	sqlite3_stmt *st = db_bind(db, SQL_ADD, db_i64(db_now()), db_str(event));
	bind_id(st, 3, account_id);
	bind_id(st, 4, actor_id);
	sqlite3_bind_text(st, 5, ip, -1, SQLITE_STATIC);
	sqlite3_bind_text(st, 6, detail, -1, SQLITE_STATIC);
	int rc = sqlite3_step(st);
	db_done(st);
	if (rc != SQLITE_DONE) {
		db_log_error(db, "audit_add");
		return KK_ERR;
	}
	return KK_OK;
}

static int64_t count(sqlite3_stmt *st)
{
	int64_t n = sqlite3_step(st) == SQLITE_ROW ? sqlite3_column_int64(st, 0) : 0;
	db_done(st);
	return n;
}

int login_failure_add(struct db *db, const char *email, const char *ip)
{
	sqlite3_stmt *st = db_bind(db, SQL_FAIL_ADD, db_i64(db_now()), db_str(email), db_str(ip));
	if (!st)
		return KK_ERR;
	int rc = sqlite3_step(st);
	db_done(st);
	return rc == SQLITE_DONE ? KK_OK : KK_ERR;
}

int login_failure_counts(struct db *db, const char *email, const char *ip, int64_t since,
                         int64_t *pair, int64_t *pair_last, int64_t *by_ip)
{
	sqlite3_stmt *st = db_bind(db, SQL_FAIL_PAIR, db_str(email), db_str(ip), db_i64(since));
	bool ok = st && sqlite3_step(st) == SQLITE_ROW;
	*pair = ok ? sqlite3_column_int64(st, 0) : 0;
	*pair_last = ok ? sqlite3_column_int64(st, 1) : 0;
	db_done(st);
	st = db_bind(db, SQL_FAIL_IP, db_str(ip), db_i64(since));
	*by_ip = count(st);
	return ok && *by_ip >= 0 ? KK_OK : KK_ERR;
}

int login_failure_purge(struct db *db, int64_t before)
{
	sqlite3_stmt *st = db_bind(db, SQL_FAIL_PURGE, db_i64(before));
	if (!st)
		return KK_ERR;
	int rc = sqlite3_step(st);
	db_done(st);
	return rc == SQLITE_DONE ? KK_OK : KK_ERR;
}
