#include "store/credentials.h"

static const char SQL_ISSUE[] =
    "INSERT INTO certificates(number, expert_id, level, issued_on, expires_on, status, issued_by,"
    " updated_at) VALUES (?, ?, ?, ?, ?, 'valid', ?, ?)";
static const char SQL_GET[] = "SELECT " CERTIFICATE_COLS " FROM certificates WHERE number = ?";
static const char SQL_STATUS[] =
    "UPDATE certificates SET status = ?, status_reason = ?, updated_at = ? WHERE number = ?";
static const char SQL_RENEW[] =
    "UPDATE certificates SET status = 'valid', status_reason = NULL, expires_on = ?,"
    " reminded_at = NULL, updated_at = ? WHERE number = ?";
static const char SQL_EXPIRE[] =
    "UPDATE certificates SET status = 'expired', updated_at = ? WHERE status = 'valid'"
    " AND expires_on < ?";
static const char SQL_DUE[] =
    "UPDATE certificates SET reminded_at = ? WHERE id IN (SELECT id FROM certificates"
    " WHERE status = 'valid' AND expires_on <= ? AND reminded_at IS NULL LIMIT 256)"
    " RETURNING expert_id";
static const char SQL_CPD_ADD[] =
    "INSERT INTO cpd_activities(expert_id, kind, hours_tenths, points, date, note, created_at)"
    " VALUES (?, ?, ?, ?, ?, ?, ?)";
static const char SQL_CPD_LIST[] =
    "SELECT id, kind, date, note, hours_tenths, points FROM cpd_activities WHERE expert_id = ?"
    " ORDER BY date DESC, id DESC LIMIT ?";
static const char SQL_CPD_SUM[] =
    "SELECT coalesce(sum(points), 0) FROM cpd_activities WHERE expert_id = ? AND date >= ?";

int certificates_issue(struct db *db, const char *number, int64_t expert_id, const char *level,
                       const char *issued_on, const char *expires_on, int64_t issued_by)
{
	sqlite3_stmt *st = db_stmt(db, SQL_ISSUE);
	if (!st)
		return KK_ERR;
	sqlite3_bind_text(st, 1, number, -1, SQLITE_STATIC);
	sqlite3_bind_int64(st, 2, expert_id);
	sqlite3_bind_text(st, 3, level, -1, SQLITE_STATIC);
	sqlite3_bind_text(st, 4, issued_on, -1, SQLITE_STATIC);
	sqlite3_bind_text(st, 5, expires_on, -1, SQLITE_STATIC);
	sqlite3_bind_int64(st, 6, issued_by);
	sqlite3_bind_int64(st, 7, db_now());
	return db_exec(db, st, "certificates_issue");
}

static const struct db_col certificate_cols[] = {

    DB_COL(TEXT, certificate, number),     DB_COL(TEXT, certificate, level),
    DB_COL(TEXT, certificate, status),     DB_COL(TEXT, certificate, issued_on),
    DB_COL(TEXT, certificate, expires_on), DB_COL(TEXT, certificate, reason),
    DB_COL(I64, certificate, expert_id)};
const struct db_map certificate_row = DB_MAP(certificate, certificate_cols);

int certificates_get(struct db *db, struct arena *a, const char *number, struct certificate *out)
{
	sqlite3_stmt *st = db_stmt(db, SQL_GET);
	if (st)
		sqlite3_bind_text(st, 1, number, -1, SQLITE_STATIC);
	return db_read(db, st, &certificate_row, a, out);
}

int certificates_set_status(struct db *db, const char *number, const char *status,
                            const char *reason)
{
	sqlite3_stmt *st = db_stmt(db, SQL_STATUS);
	if (!st)
		return KK_ERR;
	sqlite3_bind_text(st, 1, status, -1, SQLITE_STATIC);
	sqlite3_bind_text(st, 2, reason, -1, SQLITE_STATIC);
	sqlite3_bind_int64(st, 3, db_now());
	sqlite3_bind_text(st, 4, number, -1, SQLITE_STATIC);
	return db_update(db, st, "certificates_set_status");
}

int certificates_renew(struct db *db, const char *number, const char *expires_on)
{
	sqlite3_stmt *st = db_stmt(db, SQL_RENEW);
	if (!st)
		return KK_ERR;
	sqlite3_bind_text(st, 1, expires_on, -1, SQLITE_STATIC);
	sqlite3_bind_int64(st, 2, db_now());
	sqlite3_bind_text(st, 3, number, -1, SQLITE_STATIC);
	return db_update(db, st, "certificates_renew");
}

int certificates_expire(struct db *db, const char *today, int *changed)
{
	sqlite3_stmt *st = db_stmt(db, SQL_EXPIRE);
	if (!st)
		return KK_ERR;
	sqlite3_bind_int64(st, 1, db_now());
	sqlite3_bind_text(st, 2, today, -1, SQLITE_STATIC);
	if (db_exec(db, st, "certificates_expire") < 0)
		return KK_ERR;
	*changed = sqlite3_changes(db_handle(db));
	return KK_OK;
}

int certificates_due_reminders(struct db *db, const char *until, int64_t *ids, int max)
{
	sqlite3_stmt *st = db_stmt(db, SQL_DUE);
	if (!st)
		return KK_ERR;
	sqlite3_bind_int64(st, 1, db_now());
	sqlite3_bind_text(st, 2, until, -1, SQLITE_STATIC);
	int n = 0;
	while (sqlite3_step(st) == SQLITE_ROW)
		if (n < max)
			ids[n++] = sqlite3_column_int64(st, 0);
	db_done(st);
	return n;
}

int cpd_add(struct db *db, int64_t expert_id, const char *kind, int hours_tenths, int points,
            const char *date, const char *note, int64_t *id)
{
	sqlite3_stmt *st = db_stmt_id(db, SQL_CPD_ADD, expert_id);
	if (!st)
		return KK_ERR;
	sqlite3_bind_text(st, 2, kind, -1, SQLITE_STATIC);
	sqlite3_bind_int(st, 3, hours_tenths);
	sqlite3_bind_int(st, 4, points);
	sqlite3_bind_text(st, 5, date, -1, SQLITE_STATIC);
	sqlite3_bind_text(st, 6, note ? note : "", -1, SQLITE_STATIC);
	sqlite3_bind_int64(st, 7, db_now());
	return db_insert(db, st, "cpd_add", id);
}

static const struct db_col cpd_cols[] = {

    DB_COL(I64, cpd_activity, id),           DB_COL(TEXT, cpd_activity, kind),
    DB_COL(TEXT, cpd_activity, date),        DB_COL(TEXT, cpd_activity, note),
    DB_COL(INT, cpd_activity, hours_tenths), DB_COL(INT, cpd_activity, points)};
static const struct db_map cpd_row = DB_MAP(cpd_activity, cpd_cols);

int cpd_list(struct db *db, struct arena *a, int64_t expert_id, struct cpd_activity *out, int max)
{
	return db_read_by(db, SQL_CPD_LIST, expert_id, &cpd_row, a, out, max);
}

int cpd_points_since(struct db *db, int64_t expert_id, const char *since)
{
	sqlite3_stmt *st = db_stmt_id(db, SQL_CPD_SUM, expert_id);
	if (st)
		sqlite3_bind_text(st, 2, since, -1, SQLITE_STATIC);
	return (int)db_scalar(st, 0);
}
