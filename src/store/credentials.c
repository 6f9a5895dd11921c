#include "store/credentials.h"
#include "sql/credentials.h"

int certificates_issue(struct db *db, const char *number, int64_t expert_id, const char *level,
                       const char *issued_on, const char *expires_on, int64_t issued_by)
{
	sqlite3_stmt *st =
	    db_bind(db, SQL_ISSUE, db_str(number), db_i64(expert_id), db_str(level),
	            db_str(issued_on), db_str(expires_on), db_i64(issued_by), db_i64(db_now()));
	return db_exec(db, st, "certificates_issue");
}

const struct db_map certificate_row =
    DB_ROW(certificate, (TEXT, number), (TEXT, level), (TEXT, status), (TEXT, issued_on),
           (TEXT, expires_on), (TEXT, reason), (I64, expert_id));

int certificates_get(struct db *db, struct arena *a, const char *number, struct certificate *out)
{
	sqlite3_stmt *st = db_bind(db, SQL_GET, db_str(number));
	return db_read(db, st, &certificate_row, a, out);
}

int certificates_set_status(struct db *db, const char *number, const char *status,
                            const char *reason)
{
	sqlite3_stmt *st = db_bind(db, SQL_STATUS, db_str(status), db_str(reason), db_i64(db_now()),
	                           db_str(number));
	return db_update(db, st, "certificates_set_status");
}

int certificates_renew(struct db *db, const char *number, const char *expires_on)
{
	sqlite3_stmt *st =
	    db_bind(db, SQL_RENEW, db_str(expires_on), db_i64(db_now()), db_str(number));
	return db_update(db, st, "certificates_renew");
}

int certificates_expire(struct db *db, const char *today, int *changed)
{
	sqlite3_stmt *st = db_bind(db, SQL_EXPIRE, db_i64(db_now()), db_str(today));
	if (db_exec(db, st, "certificates_expire") < 0)
		return KK_ERR;
	*changed = sqlite3_changes(db_handle(db));
	return KK_OK;
}

int certificates_due_reminders(struct db *db, const char *until, int64_t *ids, int max)
{
	sqlite3_stmt *st = db_bind(db, SQL_DUE, db_i64(db_now()), db_str(until));
	if (!st)
		return KK_ERR;
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
	sqlite3_stmt *st =
	    db_bind(db, SQL_CPD_ADD, db_i64(expert_id), db_str(kind), db_i64(hours_tenths),
	            db_i64(points), db_str(date), db_str(note ? note : ""), db_i64(db_now()));
	return db_insert(db, st, "cpd_add", id);
}

static const struct db_map cpd_row =
    DB_ROW(cpd_activity, (I64, id), (TEXT, kind), (TEXT, date), (TEXT, note), (INT, hours_tenths),
           (INT, points), (I64, event_id));

int cpd_list(struct db *db, struct arena *a, int64_t expert_id, struct cpd_activity *out, int max)
{
	return db_read_by(db, SQL_CPD_LIST, expert_id, &cpd_row, a, out, max);
}

int cpd_points_since(struct db *db, int64_t expert_id, const char *since)
{
	sqlite3_stmt *st = db_bind(db, SQL_CPD_SUM, db_i64(expert_id), db_str(since));
	return (int)db_scalar(st, 0);
}
