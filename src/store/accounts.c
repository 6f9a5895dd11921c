#include "store/accounts.h"

#include <sodium.h>
#include <string.h>
#include "sql/accounts.h"

int accounts_create(struct db *db, const char *email, const char *password_hash,
                    const char *display_name, const char *role, const char *prefecture, int64_t *id)
{
	int64_t now = db_now();
	sqlite3_stmt *st =
	    db_bind(db, SQL_INSERT, db_str(email), db_str(password_hash), db_str(display_name),
	            db_str(role), db_str(prefecture), db_i64(now), db_i64(now));
	int rc = db_insert_once(db, st, "accounts_create"); /* KK_CONFLICT: the e-mail is taken */
	if (rc != KK_OK)
		return rc;
	*id = sqlite3_last_insert_rowid(db_handle(db));
	return KK_OK;
}

static const struct db_map account_row =
    DB_ROW(account, (I64, id), (TEXT, email), (TEXT, display_name), (TEXT, role),
           (TEXT, prefecture), (TEXT, password_hash), (I64, created_at));

int accounts_by_email(struct db *db, struct arena *a, const char *email, struct account *out)
{
	sqlite3_stmt *st = db_bind(db, SQL_BY_EMAIL, db_str(email));
	return db_read(db, st, &account_row, a, out);
}

int accounts_by_id(struct db *db, struct arena *a, int64_t id, struct account *out)
{
	return db_read(db, db_stmt_id(db, SQL_BY_ID, id), &account_row, a, out);
}

int accounts_set_role(struct db *db, int64_t id, const char *role)
{
	sqlite3_stmt *st = db_bind(db, SQL_SET_ROLE, db_i64(id), db_str(role));
	return db_update(db, st, "accounts_set_role");
}

int accounts_set_password(struct db *db, int64_t id, const char *password_hash)
{
	sqlite3_stmt *st =
	    db_bind(db, SQL_SET_PASSWORD, db_i64(id), db_str(password_hash), db_i64(db_now()));
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
	sqlite3_stmt *st = db_bind(db, SQL_SECRET_PUT, db_bytes(fresh, sizeof fresh));
	if (!st)
		return KK_ERR;
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
	sqlite3_stmt *st = db_bind(db, SQL_SET_CONSENT, db_i64(id), db_i64(at));
	return db_update(db, st, "accounts_set_consent");
}

int64_t accounts_consent_at(struct db *db, int64_t id)
{
	return db_scalar(db_stmt_id(db, SQL_CONSENT, id), 0);
}

int accounts_premium(struct db *db, int64_t id)
{
	return (int)db_scalar(db_stmt_id(db, SQL_PREMIUM, id), 0);
}

int accounts_set_premium(struct db *db, int64_t id, bool premium)
{
	sqlite3_stmt *st = db_bind(db, SQL_SET_PREMIUM, db_i64(id), db_i64(premium));
	return st ? db_exec(db, st, "accounts_set_premium") : KK_ERR;
}
