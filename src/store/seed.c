#include "store/seed.h"
#include "sql/seed.h"

#include <stdio.h>

static const char *const SQL_COUNT[] = {
    [SEED_EXPERTS] = SQL_COUNT_EXPERTS,         [SEED_COMPANIES] = SQL_COUNT_COMPANIES,
    [SEED_ALL_EXPERTS] = SQL_COUNT_ALL_EXPERTS, [SEED_FIRST_EXPERT] = SQL_FIRST_EXPERT,
    [SEED_QUESTIONS] = SQL_COUNT_QUESTIONS,     [SEED_EVENTS] = SQL_COUNT_EVENTS,
};

static int64_t scalar(sqlite3_stmt *st)
{
	if (!st)
		return -1;
	int64_t v = sqlite3_step(st) == SQLITE_ROW ? sqlite3_column_int64(st, 0) : -1;
	db_done(st);
	return v;
}

int64_t seed_count(struct db *db, enum seed_count what)
{
	return scalar(db_stmt(db, SQL_COUNT[what]));
}

int seed_marked(struct db *db, const char *key)
{
	sqlite3_stmt *st = db_bind(db, SQL_MARKED, db_str(key));
	int64_t n = scalar(st);
	return n < 0 ? -1 : n > 0;
}

int seed_mark(struct db *db, const char *key)
{
	sqlite3_stmt *st = db_bind(db, SQL_MARK, db_str(key));
	return db_exec(db, st, "seed_mark");
}

int seed_expert_ids(struct db *db, int64_t *ids, int max)
{
	return db_ids(db_bind(db, SQL_EXPERT_IDS, db_i64(max)), ids, max);
}

int seed_companies(struct db *db, int64_t *ids, char (*prefs)[3], int max)
{
	sqlite3_stmt *st = db_bind(db, SQL_COMPANIES, db_i64(max));
	int n = 0;
	while (st && n < max && sqlite3_step(st) == SQLITE_ROW) {
		ids[n] = sqlite3_column_int64(st, 0);
		snprintf(prefs[n], 3, "%s", db_text(st, 1));
		n++;
	}
	db_done(st);
	return st ? n : KK_ERR;
}
