#include "store/complaints.h"
#include "sql/complaints.h"

int complaints_add(struct db *db, int64_t expert_id, int64_t filed_by, const char *body,
                   int64_t *id)
{
	sqlite3_stmt *st = db_bind(db, SQL_ADD, db_i64(expert_id), db_i64(filed_by), db_str(body),
	                           db_i64(db_now()));
	return db_insert(db, st, "complaints_add", id);
}

static const struct db_map complaint_row =
    DB_ROW(complaint, (I64, id), (I64, expert_id), (I64, filed_by), (I64, created_at), (TEXT, body),
           (TEXT, status), (TEXT, resolution));

int complaints_list(struct db *db, struct arena *a, const char *status, struct complaint *out,
                    int max)
{
	sqlite3_stmt *st = db_stmt(db, SQL_LIST);
	if (st && status)
		sqlite3_bind_text(st, 1, status, -1, SQLITE_STATIC);
	if (st)
		sqlite3_bind_int(st, 2, max);
	return db_read_all(db, st, &complaint_row, a, out, max);
}

int complaints_get(struct db *db, struct arena *a, int64_t id, struct complaint *out)
{
	return db_read(db, db_stmt_id(db, SQL_GET, id), &complaint_row, a, out);
}

int complaints_resolve(struct db *db, int64_t id, const char *status, const char *resolution)
{
	sqlite3_stmt *st = db_bind(db, SQL_RESOLVE, db_i64(id), db_str(status), db_str(resolution),
	                           db_i64(db_now()));
	return db_update(db, st, "complaints_resolve");
}
