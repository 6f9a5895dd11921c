#include "store/accounts.h"

#include <sodium.h>
#include <string.h>

static const char SQL_INSERT[] =
    "INSERT INTO accounts(email, password_hash, display_name, role, prefecture, created_at,"
    " password_changed_at) VALUES (?, ?, ?, ?, ?, ?, ?)";
/* The columns account_row reads, in its order. */
#define ACCOUNT_COLS "id, email, display_name, role, prefecture, password_hash, created_at"
static const char SQL_BY_EMAIL[] = "SELECT " ACCOUNT_COLS " FROM accounts WHERE email = ?";
static const char SQL_BY_ID[] = "SELECT " ACCOUNT_COLS " FROM accounts WHERE id = ?";
static const char SQL_SET_ROLE[] = "UPDATE accounts SET role = ?2 WHERE id = ?1";
static const char SQL_SET_PASSWORD[] =
    "UPDATE accounts SET password_hash = ?2, password_changed_at = ?3 WHERE id = ?1";
/* ?1 a LIKE pattern over e-mail and name ('' for all), ?2 a role ('' for any). */
#define ACCOUNT_MATCH                                                                              \
	" WHERE (?1 = '' OR email LIKE ?1 ESCAPE '\\' OR display_name LIKE ?1 ESCAPE '\\')"        \
	" AND (?2 = '' OR role = ?2)"
static const char SQL_LIST[] =
    "SELECT " ACCOUNT_COLS " FROM accounts" ACCOUNT_MATCH " ORDER BY id DESC LIMIT ?3 OFFSET ?4";
static const char SQL_COUNT[] = "SELECT count(*) FROM accounts" ACCOUNT_MATCH;
static const char SQL_DELETE[] = "DELETE FROM accounts WHERE id = ?";
static const char SQL_SCRUB_AUDIT[] =
    "UPDATE audit_log SET ip = NULL, detail = NULL WHERE account_id = ?1 OR actor_id = ?1";
static const char SQL_SCRUB_FAILURES[] = "DELETE FROM login_failures WHERE email = ?";
static const char SQL_SET_CONSENT[] = "UPDATE accounts SET consent_at = ?2 WHERE id = ?1";
static const char SQL_CONSENT[] = "SELECT coalesce(consent_at, 0) FROM accounts WHERE id = ?";
static const char SQL_SECRET_GET[] = "SELECT value FROM settings WHERE key = 'secret'";
static const char SQL_SECRET_PUT[] =
    "INSERT INTO settings(key, value) VALUES ('secret', ?) ON CONFLICT(key) DO NOTHING";

int accounts_create(struct db *db, const char *email, const char *password_hash,
                    const char *display_name, const char *role, const char *prefecture, int64_t *id)
{
	sqlite3_stmt *st = db_stmt(db, SQL_INSERT);
	if (!st)
		return KK_ERR;
	int64_t now = db_now();
	sqlite3_bind_text(st, 1, email, -1, SQLITE_STATIC);
	sqlite3_bind_text(st, 2, password_hash, -1, SQLITE_STATIC);
	sqlite3_bind_text(st, 3, display_name, -1, SQLITE_STATIC);
	sqlite3_bind_text(st, 4, role, -1, SQLITE_STATIC);
	sqlite3_bind_text(st, 5, prefecture, -1, SQLITE_STATIC);
	sqlite3_bind_int64(st, 6, now);
	sqlite3_bind_int64(st, 7, now);
	int rc = sqlite3_step(st);
	db_done(st);
	if (rc == SQLITE_CONSTRAINT_UNIQUE)
		return KK_CONFLICT; /* the e-mail is taken */
	if (rc != SQLITE_DONE) {
		db_log_error(db, "accounts_create");
		return KK_ERR;
	}
	*id = sqlite3_last_insert_rowid(db_handle(db));
	return KK_OK;
}

static const struct db_col account_cols[] = {DB_COL(I64, account, id),
                                             DB_COL(TEXT, account, email),
                                             DB_COL(TEXT, account, display_name),
                                             DB_COL(TEXT, account, role),
                                             DB_COL(TEXT, account, prefecture),
                                             DB_COL(TEXT, account, password_hash),
                                             DB_COL(I64, account, created_at)};
static const struct db_map account_row = DB_MAP(account, account_cols);

int accounts_by_email(struct db *db, struct arena *a, const char *email, struct account *out)
{
	sqlite3_stmt *st = db_stmt(db, SQL_BY_EMAIL);
	if (st)
		sqlite3_bind_text(st, 1, email, -1, SQLITE_STATIC);
	return db_read(db, st, &account_row, a, out);
}

int accounts_by_id(struct db *db, struct arena *a, int64_t id, struct account *out)
{
	return db_read(db, db_stmt_id(db, SQL_BY_ID, id), &account_row, a, out);
}

int accounts_set_role(struct db *db, int64_t id, const char *role)
{
	sqlite3_stmt *st = db_stmt_id(db, SQL_SET_ROLE, id);
	if (st)
		sqlite3_bind_text(st, 2, role, -1, SQLITE_STATIC);
	return db_update(db, st, "accounts_set_role");
}

int accounts_set_password(struct db *db, int64_t id, const char *password_hash)
{
	sqlite3_stmt *st = db_stmt_id(db, SQL_SET_PASSWORD, id);
	if (st) {
		sqlite3_bind_text(st, 2, password_hash, -1, SQLITE_STATIC);
		sqlite3_bind_int64(st, 3, db_now());
	}
	return db_update(db, st, "accounts_set_password");
}

/* Bind the filter: text anywhere in the e-mail or name (LIKE's own characters taken
 * literally), and the role. */
static sqlite3_stmt *filtered(struct db *db, struct arena *a, const char *sql, const char *text,
                              const char *role)
{
	sqlite3_stmt *st = db_stmt(db, sql);
	if (!st)
		return NULL;
	const char *pattern = "";
	if (text && *text) {
		char *p = arena_alloc(a, strlen(text) * 2 + 3), *o = p;
		*o++ = '%';
		for (const char *c = text; *c; c++) {
			if (*c == '%' || *c == '_' || *c == '\\')
				*o++ = '\\';
			*o++ = *c;
		}
		*o++ = '%';
		*o = 0;
		pattern = p;
	}
	sqlite3_bind_text(st, 1, pattern, -1, SQLITE_TRANSIENT);
	sqlite3_bind_text(st, 2, role ? role : "", -1, SQLITE_TRANSIENT);
	return st;
}

int accounts_list(struct db *db, struct arena *a, const char *text, const char *role, int offset,
                  int limit, struct account *out)
{
	sqlite3_stmt *st = filtered(db, a, SQL_LIST, text, role);
	if (st) {
		sqlite3_bind_int(st, 3, limit);
		sqlite3_bind_int(st, 4, offset);
	}
	return db_read_all(db, st, &account_row, a, out, limit);
}

int64_t accounts_count(struct db *db, struct arena *a, const char *text, const char *role)
{
	return db_scalar(filtered(db, a, SQL_COUNT, text, role), 0);
}

int settings_secret(struct db *db, unsigned char out[32])
{
	unsigned char fresh[32];
	randombytes_buf(fresh, sizeof fresh);
	sqlite3_stmt *st = db_stmt(db, SQL_SECRET_PUT);
	if (!st)
		return KK_ERR;
	sqlite3_bind_blob(st, 1, fresh, sizeof fresh, SQLITE_STATIC);
	int rc = sqlite3_step(st);
	db_done(st);
	if (rc != SQLITE_DONE)
		return KK_ERR;
	st = db_stmt(db, SQL_SECRET_GET);
	if (!st)
		return KK_ERR;
	rc = KK_ERR;
	if (sqlite3_step(st) == SQLITE_ROW && sqlite3_column_bytes(st, 0) == 32) {
		memcpy(out, sqlite3_column_blob(st, 0), 32);
		rc = KK_OK;
	}
	db_done(st);
	sodium_memzero(fresh, sizeof fresh);
	return rc;
}

int accounts_delete(struct db *db, int64_t id, const char *email)
{
	sqlite3_stmt *st = db_stmt_id(db, SQL_SCRUB_AUDIT, id);
	if (!st || db_exec(db, st, "scrub audit") != KK_OK)
		return KK_ERR;
	if (!(st = db_stmt(db, SQL_SCRUB_FAILURES)))
		return KK_ERR;
	sqlite3_bind_text(st, 1, email, -1, SQLITE_STATIC);
	if (db_exec(db, st, "scrub login failures") != KK_OK)
		return KK_ERR;
	return db_update(db, db_stmt_id(db, SQL_DELETE, id), "accounts_delete");
}

int accounts_set_consent(struct db *db, int64_t id, int64_t at)
{
	sqlite3_stmt *st = db_stmt_id(db, SQL_SET_CONSENT, id);
	if (st)
		sqlite3_bind_int64(st, 2, at);
	return db_update(db, st, "accounts_set_consent");
}

int64_t accounts_consent_at(struct db *db, int64_t id)
{
	return db_scalar(db_stmt_id(db, SQL_CONSENT, id), 0);
}

static const char SQL_PREMIUM[] = "SELECT premium FROM accounts WHERE id = ?";
static const char SQL_SET_PREMIUM[] = "UPDATE accounts SET premium = ?2 WHERE id = ?1";

int accounts_premium(struct db *db, int64_t id)
{
	return (int)db_scalar(db_stmt_id(db, SQL_PREMIUM, id), 0);
}

int accounts_set_premium(struct db *db, int64_t id, bool premium)
{
	sqlite3_stmt *st = db_stmt_id(db, SQL_SET_PREMIUM, id);
	if (st)
		sqlite3_bind_int(st, 2, premium);
	return st ? db_exec(db, st, "accounts_set_premium") : KK_ERR;
}
