#include "store/complaints.h"

/* The columns complaint_row reads, in its order. */
#define COMPLAINT_COLS                                                                             \
	"id, expert_id, coalesce(filed_by, 0), created_at, body, status, coalesce(resolution, '')"

static const char SQL_ADD[] =
    "INSERT INTO complaints(expert_id, filed_by, body, created_at) VALUES (?, ?, ?, ?)";
static const char SQL_LIST[] = "SELECT " COMPLAINT_COLS " FROM complaints"
                               " WHERE ?1 IS NULL OR status = ?1 ORDER BY id DESC LIMIT ?2";
static const char SQL_GET[] = "SELECT " COMPLAINT_COLS " FROM complaints WHERE id = ?";
static const char SQL_RESOLVE[] = "UPDATE complaints SET status = ?2, resolution = ?3,"
                                  " resolved_at = ?4 WHERE id = ?1 AND status = 'open'";

int complaints_add(struct db *db, int64_t expert_id, int64_t filed_by, const char *body,
                   int64_t *id)
{
	sqlite3_stmt *st = db_stmt_id(db, SQL_ADD, expert_id);
	if (st) {
		sqlite3_bind_int64(st, 2, filed_by);
		sqlite3_bind_text(st, 3, body, -1, SQLITE_STATIC);
		sqlite3_bind_int64(st, 4, db_now());
	}
	return db_insert(db, st, "complaints_add", id);
}

static const struct db_col complaint_cols[] = {

    DB_COL(I64, complaint, id),         DB_COL(I64, complaint, expert_id),
    DB_COL(I64, complaint, filed_by),   DB_COL(I64, complaint, created_at),
    DB_COL(TEXT, complaint, body),      DB_COL(TEXT, complaint, status),
    DB_COL(TEXT, complaint, resolution)};
static const struct db_map complaint_row = DB_MAP(complaint, complaint_cols);

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
	sqlite3_stmt *st = db_stmt_id(db, SQL_RESOLVE, id);
	if (st) {
		sqlite3_bind_text(st, 2, status, -1, SQLITE_STATIC);
		sqlite3_bind_text(st, 3, resolution, -1, SQLITE_STATIC);
		sqlite3_bind_int64(st, 4, db_now());
	}
	return db_update(db, st, "complaints_resolve");
}
