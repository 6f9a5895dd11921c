#include "store/seed.h"

static const char *const SQL_COUNT[] = {
    [SEED_EXPERTS] =
        "SELECT count(*) FROM accounts WHERE email GLOB 'seed-[0-9]*@kakekomi.example'",
    [SEED_COMPANIES] =
        "SELECT count(*) FROM accounts WHERE email GLOB 'seed-co-*@kakekomi.example'",
    [SEED_ALL_EXPERTS] = "SELECT count(*) FROM experts",
    [SEED_FIRST_EXPERT] = "SELECT coalesce(min(account_id), 0) FROM experts",
    [SEED_QUESTIONS] = "SELECT count(*) FROM questions",
};
static const char SQL_MARK[] = "INSERT INTO settings(key, value) VALUES (?, 1)"
                               " ON CONFLICT(key) DO NOTHING";
static const char SQL_MARKED[] = "SELECT count(*) FROM settings WHERE key = ?";

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
	sqlite3_stmt *st = db_stmt(db, SQL_MARKED);
	if (st)
		sqlite3_bind_text(st, 1, key, -1, SQLITE_STATIC);
	int64_t n = scalar(st);
	return n < 0 ? -1 : n > 0;
}

int seed_mark(struct db *db, const char *key)
{
	sqlite3_stmt *st = db_stmt(db, SQL_MARK);
	if (!st)
		return KK_ERR;
	sqlite3_bind_text(st, 1, key, -1, SQLITE_STATIC);
	return db_exec(db, st, "seed_mark");
}
