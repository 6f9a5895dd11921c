/* migrate.c — the database's schema and copies: the embedded migrations applied in
 * order, each in its own transaction (a table rebuild with foreign keys off and checked
 * before it commits), and the online backup. */
#include "store/db.h"
#include "util/embed.h"
#include "util/progress.h"

#include <stdbool.h>
#include <stdio.h>
#include <string.h>

int db_schema_version(struct db *db)
{
	sqlite3_stmt *st;
	int v = 0;
	if (sqlite3_prepare_v2(db_handle(db), "SELECT max(version) FROM schema_migrations", -1, &st,
	                       NULL) != SQLITE_OK)
		return 0;
	if (sqlite3_step(st) == SQLITE_ROW)
		v = sqlite3_column_int(st, 0);
	sqlite3_finalize(st);
	return v;
}

/* Whether no row breaks a foreign key (PRAGMA foreign_key_check finds none). */
static bool foreign_keys_hold(struct db *db)
{
	sqlite3_stmt *st;
	if (sqlite3_prepare_v2(db_handle(db), "PRAGMA foreign_key_check", -1, &st, NULL) !=
	    SQLITE_OK)
		return false;
	int rc = sqlite3_step(st);
	if (rc == SQLITE_ROW)
		fprintf(stderr, "kakekomi: a row of %s breaks a foreign key\n",
		        (const char *)sqlite3_column_text(st, 0));
	sqlite3_finalize(st);
	return rc == SQLITE_DONE;
}

/* The first line of a migration that rebuilds a table. */
#define REBUILD "-- @rebuild"

/* Apply migration m as version `want` in one transaction (nothing when another process
 * applied it while we waited for the lock), saying so when `loud`; with `rebuild`, every
 * foreign key must hold before it commits. KK_OK or KK_ERR. */
static int migrate_one(struct db *db, const struct embedded *m, int want, bool loud, bool rebuild)
{
	if (db_begin(db) < 0)
		return KK_ERR;
	if (db_schema_version(db) >= want) {
		db_rollback(db);
		return KK_OK;
	}
	/* Upgrading a database in use can take minutes (015 rebuilds the search
	 * index): say what is happening. A new database is made quietly. */
	if (loud)
		fprintf(stderr, "kakekomi: applying %s\n", m->name);
	struct progress bar;
	if (loud) /* 015 rebuilds the search index: minutes at a million questions */
		progress_start(&bar, m->name, 0);
	db_progress(db, loud ? &bar : NULL);
	bool failed =
	    db_exec_sql(db, (const char *)m->data) < 0 || (rebuild && !foreign_keys_hold(db));
	db_progress(db, NULL);
	if (loud)
		progress_end(&bar);
	if (failed) {
		fprintf(stderr, "kakekomi: migration %s failed\n", m->name);
		db_rollback(db);
		return KK_ERR;
	}
	sqlite3_stmt *st;
	sqlite3_prepare_v2(
	    db_handle(db),
	    "INSERT INTO schema_migrations(version, name, applied_at) VALUES (?,?,?)", -1, &st,
	    NULL);
	sqlite3_bind_int(st, 1, want);
	sqlite3_bind_text(st, 2, m->name, -1, SQLITE_STATIC);
	sqlite3_bind_int64(st, 3, db_now());
	int rc = sqlite3_step(st);
	sqlite3_finalize(st);
	if (rc != SQLITE_DONE || db_commit(db) < 0) {
		db_rollback(db);
		return KK_ERR;
	}
	return KK_OK;
}

/* Migrations are the embedded files migrations/NNN_name.sql, applied in order. */
int db_migrate(struct db *db, int upto)
{
	if (db_exec_sql(
	        db,
	        "CREATE TABLE IF NOT EXISTS schema_migrations ("
	        " version INTEGER PRIMARY KEY, name TEXT NOT NULL, applied_at INTEGER NOT NULL)") <
	    0)
		return KK_ERR;
	int current = db_schema_version(db);
	for (int want = 1; want <= upto; want++) {
		const struct embedded *m = NULL;
		char prefix[32];
		snprintf(prefix, sizeof prefix, "migrations/%03d_", want);
		for (size_t i = 0; i < embedded_count; i++)
			if (strncmp(embedded_files[i].name, prefix, strlen(prefix)) == 0)
				m = &embedded_files[i];
		if (!m)
			break;
		if (want <= current)
			continue;
		/* A migration that rebuilds a table (SQLite's twelve steps for a change ALTER
		 * TABLE cannot make, such as a CHECK) says so on its first line: foreign keys
		 * are off while it runs, or dropping the old table would cascade into every
		 * row that refers to it, and must all hold again before it commits. */
		bool rebuild = strncmp((const char *)m->data, REBUILD, strlen(REBUILD)) == 0;
		if (rebuild && db_exec_sql(db, "PRAGMA foreign_keys=OFF") < 0)
			return KK_ERR;
		int rc = migrate_one(db, m, want, current > 0, rebuild);
		if (rebuild && db_exec_sql(db, "PRAGMA foreign_keys=ON") < 0)
			return KK_ERR;
		if (rc != KK_OK)
			return rc;
	}
	return KK_OK;
}

/* Copy every page of src's main database over dst's, in steps so a busy server is never
 * locked out for long. KK_OK, or KK_ERR after saying why. */
static int copy(sqlite3 *dst, sqlite3 *src, const char *what)
{
	sqlite3_backup *b = sqlite3_backup_init(dst, "main", src, "main");
	if (!b) {
		fprintf(stderr, "kakekomi: %s: %s\n", what, sqlite3_errmsg(dst));
		return KK_ERR;
	}
	int rc;
	do {
		rc = sqlite3_backup_step(b, 256);
		if (rc == SQLITE_BUSY || rc == SQLITE_LOCKED)
			sqlite3_sleep(20);
	} while (rc == SQLITE_OK || rc == SQLITE_BUSY || rc == SQLITE_LOCKED);
	sqlite3_backup_finish(b);
	if (rc != SQLITE_DONE)
		fprintf(stderr, "kakekomi: %s: %s\n", what, sqlite3_errmsg(dst));
	return rc == SQLITE_DONE ? KK_OK : KK_ERR;
}

int db_backup(struct db *db, const char *path)
{
	sqlite3 *dst;
	if (sqlite3_open(path, &dst) != SQLITE_OK) {
		fprintf(stderr, "kakekomi: cannot open %s: %s\n", path, sqlite3_errmsg(dst));
		sqlite3_close(dst);
		return KK_ERR;
	}
	int rc = copy(dst, db_handle(db), "backup");
	sqlite3_close(dst);
	return rc;
}

/* The first row's first column of sql on h as text into out (empty when none). */
static void text_of(sqlite3 *h, const char *sql, char *out, size_t n)
{
	sqlite3_stmt *st;
	out[0] = '\0';
	if (sqlite3_prepare_v2(h, sql, -1, &st, NULL) != SQLITE_OK)
		return;
	if (sqlite3_step(st) == SQLITE_ROW && sqlite3_column_text(st, 0))
		snprintf(out, n, "%s", (const char *)sqlite3_column_text(st, 0));
	sqlite3_finalize(st);
}

int db_restore(struct db *db, const char *from)
{
	sqlite3 *src;
	if (sqlite3_open_v2(from, &src, SQLITE_OPEN_READONLY, NULL) != SQLITE_OK) {
		fprintf(stderr, "kakekomi: cannot open %s: %s\n", from, sqlite3_errmsg(src));
		sqlite3_close(src);
		return KK_INVALID;
	}
	char check[64], version[16];
	text_of(src, "PRAGMA integrity_check", check, sizeof check);
	text_of(src, "SELECT max(version) FROM schema_migrations", version, sizeof version);
	int rc = KK_OK;
	if (strcmp(check, "ok") != 0) {
		fprintf(stderr, "kakekomi: %s fails its integrity check (%s): nothing restored\n",
		        from, *check ? check : "not a database");
		rc = KK_INVALID;
	} else if (!*version) {
		fprintf(stderr, "kakekomi: %s is not a kakekomi database: nothing restored\n",
		        from);
		rc = KK_INVALID;
	}
	if (rc == KK_OK)
		rc = copy(db_handle(db), src, "restore");
	sqlite3_close(src);
	return rc;
}
