#include "store/course.h"
#include "sql/course.h"

static const struct db_map module_row =
    DB_ROW(course_module, (TEXT, code), (TEXT, role), (INT, position), (TEXT, title_ja),
           (TEXT, title_en), (TEXT, summary_ja), (TEXT, summary_en));

int course_modules(struct db *db, struct arena *a, struct course_module *out, int max)
{
	return db_read_all(db, db_bind(db, SQL_MODULES, db_i64(max)), &module_row, a, out, max);
}

static const struct db_map completion_row =
    DB_ROW(completion, (TEXT, module), (I64, event_id), (I64, marked_by), (TEXT, reason),
           (I64, completed_at));

int course_completions(struct db *db, struct arena *a, int64_t account_id, struct completion *out,
                       int max)
{
	return db_read_by(db, SQL_COMPLETIONS, account_id, &completion_row, a, out, max);
}

int course_mark(struct db *db, int64_t account_id, const char *module, int64_t by,
                const char *reason)
{
	return db_insert_once(db,
	                      db_bind(db, SQL_MARK, db_i64(account_id), db_str(module), db_i64(by),
	                              db_str(reason), db_i64(db_now())),
	                      "course_mark");
}

int course_sessions(struct db *db, const char *modules, int64_t now, int64_t *ids, int max)
{
	return db_ids(db_bind(db, SQL_SESSIONS, db_str(modules), db_i64(now), db_i64(max)), ids,
	              max);
}
