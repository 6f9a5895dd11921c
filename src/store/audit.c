#include "store/audit.h"

static const char SQL_ADD[] =
    "INSERT INTO audit_log(at, event, account_id, actor_id, ip, detail) VALUES (?, ?, ?, ?, ?, ?)";
static const char SQL_FAIL_ADD[] = "INSERT INTO login_failures(at, email, ip) VALUES (?, ?, ?)";
static const char SQL_FAIL_EMAIL[] =
    "SELECT count(*) FROM login_failures WHERE email = ? AND at >= ?";
static const char SQL_FAIL_IP[] = "SELECT count(*) FROM login_failures WHERE ip = ? AND at >= ?";
static const char SQL_FAIL_PURGE[] = "DELETE FROM login_failures WHERE at < ?";

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
	sqlite3_stmt *st = db_stmt(db, SQL_ADD);
	if (!st)
		return KK_ERR;
	sqlite3_bind_int64(st, 1, db_now());
	sqlite3_bind_text(st, 2, event, -1, SQLITE_STATIC);
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
	sqlite3_stmt *st = db_stmt(db, SQL_FAIL_ADD);
	if (!st)
		return KK_ERR;
	sqlite3_bind_int64(st, 1, db_now());
	sqlite3_bind_text(st, 2, email, -1, SQLITE_STATIC);
	sqlite3_bind_text(st, 3, ip, -1, SQLITE_STATIC);
	int rc = sqlite3_step(st);
	db_done(st);
	return rc == SQLITE_DONE ? KK_OK : KK_ERR;
}

int login_failure_counts(struct db *db, const char *email, const char *ip, int64_t since,
                         int64_t *by_email, int64_t *by_ip)
{
	sqlite3_stmt *st = db_stmt(db, SQL_FAIL_EMAIL);
	if (!st)
		return KK_ERR;
	sqlite3_bind_text(st, 1, email, -1, SQLITE_STATIC);
	sqlite3_bind_int64(st, 2, since);
	*by_email = count(st);
	st = db_stmt(db, SQL_FAIL_IP);
	if (!st)
		return KK_ERR;
	sqlite3_bind_text(st, 1, ip, -1, SQLITE_STATIC);
	sqlite3_bind_int64(st, 2, since);
	*by_ip = count(st);
	return KK_OK;
}

int login_failure_purge(struct db *db, int64_t before)
{
	sqlite3_stmt *st = db_stmt(db, SQL_FAIL_PURGE);
	if (!st)
		return KK_ERR;
	sqlite3_bind_int64(st, 1, before);
	int rc = sqlite3_step(st);
	db_done(st);
	return rc == SQLITE_DONE ? KK_OK : KK_ERR;
}
