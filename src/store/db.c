#include "store/db.h"
#include "store/fts.h"
#include "util/log.h"
#include "util/progress.h"

#include <pthread.h>
#include <stdatomic.h>
#include <stdbool.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>

/* The statement cache starts with this many slots and doubles when three quarters are
 * used, so it never fills (about 180 statements exist). */
#define STMT_SLOTS_MIN 256

struct stmt_slot {
	const char *sql;
	int copy; /* db_stmt_copy's: several of one statement stepped at once */
	sqlite3_stmt *st;
};

struct db {
	sqlite3 *h;
	struct stmt_slot *slots; /* open addressing by the SQL text's address */
	size_t nslots, used;
	struct db *next_open; /* registry of thread connections */
};

static char *thread_path;
static pthread_mutex_t registry_lock = PTHREAD_MUTEX_INITIALIZER;
static struct db *registry;
static __thread struct db *tls_db;

static atomic_uint_fast64_t busy_retries;

uint64_t db_busy_retries(void)
{
	return atomic_load(&busy_retries);
}

/* Another connection holds the lock: wait a little longer each time (as SQLite's own busy
 * timeout does), 5 s in all, counting every wait for /metrics. */
static int busy_wait(void *ctx, int count)
{
	(void)ctx;
	static const int delays[] = {1, 2, 5, 10, 15, 20, 25, 25, 25, 50, 50, 100};
	const int n = (int)(sizeof delays / sizeof *delays);
	int waited = 0;
	for (int i = 0; i < count && i < n; i++)
		waited += delays[i];
	if (count >= n)
		waited += (count - n) * delays[n - 1];
	if (waited >= 5000)
		return 0;
	atomic_fetch_add(&busy_retries, 1);
	sqlite3_sleep(count < n ? delays[count] : delays[n - 1]);
	return 1;
}

static int tick(void *ctx)
{
	progress_step(ctx, 0);
	return 0;
}

void db_progress(struct db *db, struct progress *p)
{
	sqlite3_progress_handler(db->h, p ? 100000 : 0, p ? tick : NULL, p);
}

void db_log_error(struct db *db, const char *what)
{
	log_error("sqlite: %s: %s", what, sqlite3_errmsg(db->h));
}

static int exec_each(struct db *db, const char *sql, int (*row)(void *, int, char **, char **),
                     void *arg)
{
	char *err = NULL;
	if (sqlite3_exec(db->h, sql, row, arg, &err) != SQLITE_OK) {
		log_error("sqlite: %s", err ? err : "error");
		sqlite3_free(err);
		return KK_ERR;
	}
	return KK_OK;
}

int db_exec_sql(struct db *db, const char *sql)
{
	return exec_each(db, sql, NULL, NULL);
}

static int print_row(void *out, int n, char **values, char **names)
{
	(void)names;
	for (int i = 0; i < n; i++)
		fprintf(out, "%s%s", i ? "\t" : "", values[i] ? values[i] : "");
	fputc('\n', out);
	return 0;
}

int db_exec_print(struct db *db, const char *sql, FILE *out)
{
	return exec_each(db, sql, print_row, out);
}

/* Before SQLite starts: no memory statistics, which take a global mutex on every
 * allocation that all the server's threads would queue on. */
static void configure(void)
{
	sqlite3_config(SQLITE_CONFIG_MEMSTATUS, 0);
}

struct db *db_open(const char *path)
{
	static pthread_once_t once = PTHREAD_ONCE_INIT;
	pthread_once(&once, configure);
	struct db *db = calloc(1, sizeof *db);
	int rc = sqlite3_open_v2(
	    path, &db->h, SQLITE_OPEN_READWRITE | SQLITE_OPEN_CREATE | SQLITE_OPEN_NOMUTEX, NULL);
	if (rc != SQLITE_OK) {
		log_error("cannot open %s: %s", path,
		          db->h ? sqlite3_errmsg(db->h) : sqlite3_errstr(rc));
		sqlite3_close(db->h);
		free(db);
		return NULL;
	}
	sqlite3_extended_result_codes(db->h, 1);
	sqlite3_busy_handler(db->h, busy_wait, NULL);
	sqlite3_db_config(db->h, SQLITE_DBCONFIG_DEFENSIVE, 1, NULL);
	sqlite3_db_config(db->h, SQLITE_DBCONFIG_ENABLE_FKEY, 1, NULL);
	if (fts_register(db->h) != SQLITE_OK) {
		fprintf(stderr, "kakekomi: cannot register the search tokenizer\n");
		db_close(db);
		return NULL;
	}
	/* synchronous=FULL: in WAL mode a committed transaction survives power loss.
	 * mmap_size: reads map the file (up to SQLite's build limit, 2 GiB on Debian)
	 * instead of copying every page with pread; the operating system's cache is
	 * shared by all connections and survives writes, SQLite's own is not. */
	if (db_exec_sql(db,
	                "PRAGMA journal_mode=WAL; PRAGMA synchronous=FULL; PRAGMA foreign_keys=ON;"
	                " PRAGMA mmap_size=17179869184;") < 0) {
		db_close(db);
		return NULL;
	}
	return db;
}

void db_close(struct db *db)
{
	if (!db)
		return;
	for (size_t i = 0; i < db->nslots; i++)
		sqlite3_finalize(db->slots[i].st);
	free(db->slots);
	sqlite3_close(db->h);
	free(db);
}

sqlite3 *db_handle(struct db *db)
{
	return db->h;
}

void db_set_path(const char *path)
{
	free(thread_path);
	thread_path = strdup(path);
}

struct db *db_thread(void)
{
	if (tls_db)
		return tls_db;
	struct db *db = db_open(thread_path);
	if (!db)
		return NULL;
	pthread_mutex_lock(&registry_lock);
	db->next_open = registry;
	registry = db;
	pthread_mutex_unlock(&registry_lock);
	tls_db = db;
	return db;
}

void db_close_all(void)
{
	pthread_mutex_lock(&registry_lock);
	while (registry) {
		struct db *next = registry->next_open;
		db_close(registry);
		registry = next;
	}
	pthread_mutex_unlock(&registry_lock);
	tls_db = NULL;
}

static struct stmt_slot *slot_for(struct stmt_slot *slots, size_t n, const char *sql, int copy)
{
	size_t h = (((uintptr_t)sql >> 4) + (size_t)copy) % n;
	while (slots[h].sql && (slots[h].sql != sql || slots[h].copy != copy))
		h = (h + 1) % n;
	return &slots[h];
}

/* Twice the slots (or the first ones), every cached statement moved over. */
static int grow(struct db *db)
{
	size_t n = db->nslots ? db->nslots * 2 : STMT_SLOTS_MIN;
	struct stmt_slot *slots = calloc(n, sizeof *slots);
	if (!slots)
		return KK_ERR;
	for (size_t i = 0; i < db->nslots; i++)
		if (db->slots[i].sql)
			*slot_for(slots, n, db->slots[i].sql, db->slots[i].copy) = db->slots[i];
	free(db->slots);
	db->slots = slots;
	db->nslots = n;
	return KK_OK;
}

size_t db_stmt_count(struct db *db)
{
	return db->used;
}

sqlite3_stmt *db_stmt(struct db *db, const char *sql)
{
	return db_stmt_copy(db, sql, 0);
}

sqlite3_stmt *db_stmt_copy(struct db *db, const char *sql, int copy)
{
	if (db->used * 4 >= db->nslots * 3 && grow(db) != KK_OK) {
		db_log_error(db, "statement cache");
		return NULL;
	}
	struct stmt_slot *s = slot_for(db->slots, db->nslots, sql, copy);
	if (s->sql) {
		sqlite3_reset(s->st);
		sqlite3_clear_bindings(s->st);
		return s->st;
	}
	if (sqlite3_prepare_v3(db->h, sql, -1, SQLITE_PREPARE_PERSISTENT, &s->st, NULL) !=
	    SQLITE_OK) {
		db_log_error(db, sql);
		return NULL;
	}
	s->sql = sql;
	s->copy = copy;
	db->used++;
	return s->st;
}

void db_done(sqlite3_stmt *st)
{
	if (st)
		sqlite3_reset(st);
}

sqlite3_stmt *db_stmt_id(struct db *db, const char *sql, int64_t id)
{
	sqlite3_stmt *st = db_bind(db, sql, db_i64(id));
	return st;
}

static void id_row(sqlite3_stmt *st, struct arena *a, void *out)
{
	(void)a;
	*(int64_t *)out = sqlite3_column_int64(st, 0);
}

int db_ids(sqlite3_stmt *st, int64_t *ids, int max)
{
	return db_list(NULL, st, id_row, NULL, ids, sizeof *ids, max);
}

/* A statement with ?1 = id and ?2 = max bound, or NULL. */
static sqlite3_stmt *stmt_by(struct db *db, const char *sql, int64_t id, int max)
{
	sqlite3_stmt *st = db_bind(db, sql, db_i64(id), db_i64(max));
	return st;
}

int db_ids_by(struct db *db, const char *sql, int64_t id, int64_t *ids, int max)
{
	sqlite3_stmt *st = stmt_by(db, sql, id, max);
	return st ? db_ids(st, ids, max) : KK_ERR;
}

int db_read_by(struct db *db, const char *sql, int64_t id, const struct db_map *m, struct arena *a,
               void *out, int max)
{
	return db_read_all(db, stmt_by(db, sql, id, max), m, a, out, max);
}

int db_exec(struct db *db, sqlite3_stmt *st, const char *what)
{
	if (!st)
		return KK_ERR; /* db_stmt or db_bind failed, and said so */
	int rc = sqlite3_step(st);
	sqlite3_reset(st);
	if (rc != SQLITE_DONE) {
		db_log_error(db, what);
		return KK_ERR;
	}
	return KK_OK;
}

int db_begin(struct db *db)
{
	return db_exec_sql(db, "BEGIN IMMEDIATE");
}

int db_commit(struct db *db)
{
	return db_exec_sql(db, "COMMIT");
}

bool db_writing(struct db *db)
{
	return sqlite3_txn_state(db->h, NULL) == SQLITE_TXN_WRITE;
}

int db_read_begin(struct db *db)
{
	return sqlite3_get_autocommit(db->h) ? db_exec_sql(db, "BEGIN") : KK_OK;
}

void db_read_end(struct db *db)
{
	if (!sqlite3_get_autocommit(db->h) && sqlite3_txn_state(db->h, NULL) != SQLITE_TXN_WRITE)
		db_exec_sql(db, "COMMIT");
}

void db_rollback(struct db *db)
{
	if (!sqlite3_get_autocommit(db->h))
		db_exec_sql(db, "ROLLBACK");
}

const char *db_text(sqlite3_stmt *st, int col)
{
	const unsigned char *t = sqlite3_column_text(st, col);
	return t ? (const char *)t : "";
}

int64_t db_now(void)
{
	return (int64_t)time(NULL);
}

const char *db_text_dup(struct arena *a, sqlite3_stmt *st, int col)
{
	return sqlite3_column_type(st, col) == SQLITE_NULL ? NULL
	                                                   : arena_strdup(a, db_text(st, col));
}

int db_changed(struct db *db, int rc)
{
	if (rc != KK_OK)
		return rc;
	return sqlite3_changes(db_handle(db)) ? KK_OK : KK_NOTFOUND;
}

/* Does st return the columns m declares? */
static bool map_fits(struct db *db, sqlite3_stmt *st, const struct db_map *m)
{
	if (sqlite3_column_count(st) == m->n)
		return true;
	if (db)
		log_error("%d columns declared for %d in: %s", m->n, sqlite3_column_count(st),
		          sqlite3_sql(st));
	return false;
}

static void map_row(sqlite3_stmt *st, const struct db_map *m, struct arena *a, void *out)
{
	memset(out, 0, m->size);
	for (int i = 0; i < m->n; i++) {
		void *f = (char *)out + m->cols[i].offset;
		switch (m->cols[i].type) {
		case DB_I64:
			*(int64_t *)f = sqlite3_column_int64(st, i);
			break;
		case DB_INT:
			*(int *)f = sqlite3_column_int(st, i);
			break;
		case DB_TEXT:
			*(const char **)f = arena_strdup(a, db_text(st, i));
			break;
		case DB_TEXT_NULL:
			*(const char **)f = db_text_dup(a, st, i);
			break;
		}
	}
}

int db_read(struct db *db, sqlite3_stmt *st, const struct db_map *m, struct arena *a, void *out)
{
	if (!st)
		return KK_ERR;
	if (!map_fits(db, st, m)) {
		db_done(st);
		return KK_ERR;
	}
	int rc = sqlite3_step(st);
	if (rc == SQLITE_ROW)
		map_row(st, m, a, out);
	else if (rc != SQLITE_DONE && db)
		db_log_error(db, sqlite3_sql(st));
	db_done(st);
	return rc == SQLITE_ROW ? KK_OK : rc == SQLITE_DONE ? KK_NOTFOUND : KK_ERR;
}

/* After n rows of st were read and the last step returned rc: reset st, and n, or KK_ERR
 * (logged) when a step failed. */
static int rows_read(struct db *db, sqlite3_stmt *st, int rc, int n)
{
	db_done(st);
	if (rc == SQLITE_ROW || rc == SQLITE_DONE)
		return n;
	if (db)
		db_log_error(db, sqlite3_sql(st));
	return KK_ERR;
}

int db_read_all(struct db *db, sqlite3_stmt *st, const struct db_map *m, struct arena *a, void *out,
                int max)
{
	if (!st)
		return KK_ERR;
	if (!map_fits(db, st, m)) {
		db_done(st);
		return KK_ERR;
	}
	int n = 0, rc = SQLITE_DONE;
	while (n < max && (rc = sqlite3_step(st)) == SQLITE_ROW)
		map_row(st, m, a, (char *)out + (size_t)n++ * m->size);
	return rows_read(db, st, rc, n);
}

int db_get(struct db *db, sqlite3_stmt *st, db_row_fn *row, struct arena *a, void *out)
{
	if (!st)
		return KK_ERR;
	int rc = sqlite3_step(st);
	if (rc == SQLITE_ROW)
		row(st, a, out);
	else if (rc != SQLITE_DONE && db)
		db_log_error(db, sqlite3_sql(st));
	db_done(st);
	return rc == SQLITE_ROW ? KK_OK : rc == SQLITE_DONE ? KK_NOTFOUND : KK_ERR;
}

int db_list(struct db *db, sqlite3_stmt *st, db_row_fn *row, struct arena *a, void *out,
            size_t size, int max)
{
	if (!st)
		return KK_ERR;
	int n = 0, rc = SQLITE_DONE;
	while (n < max && (rc = sqlite3_step(st)) == SQLITE_ROW)
		row(st, a, (char *)out + (size_t)n++ * size);
	return rows_read(db, st, rc, n);
}

sqlite3_stmt *db_bind_args(struct db *db, const char *sql, const struct db_arg *args, int n)
{
	sqlite3_stmt *st = db_stmt(db, sql);
	for (int i = 0; st && i < n; i++) {
		const struct db_arg *v = &args[i];
		int rc = v->kind == DB_ARG_I64 ? sqlite3_bind_int64(st, i + 1, v->i)
		         : v->kind == DB_ARG_TEXT
		             ? sqlite3_bind_text(st, i + 1, v->p, -1, SQLITE_STATIC)
		         : v->kind == DB_ARG_BLOB
		             ? sqlite3_bind_blob(st, i + 1, v->p, v->n, SQLITE_STATIC)
		             : sqlite3_bind_null(st, i + 1);
		if (rc != SQLITE_OK) {
			db_log_error(db, sql);
			return NULL;
		}
	}
	return st;
}

int db_texts_by(struct db *db, const char *sql, int64_t id, struct arena *a, const char **out,
                int max)
{
	return db_list(db, db_stmt_id(db, sql, id), db_text_row, a, out, sizeof *out, max);
}

int db_insert_once(struct db *db, sqlite3_stmt *st, const char *what)
{
	if (!st)
		return KK_ERR;
	int rc = sqlite3_step(st);
	db_done(st);
	if (rc == SQLITE_CONSTRAINT_PRIMARYKEY || rc == SQLITE_CONSTRAINT_UNIQUE)
		return KK_CONFLICT;
	if (rc != SQLITE_DONE) {
		db_log_error(db, what);
		return KK_ERR;
	}
	return KK_OK;
}

int db_insert(struct db *db, sqlite3_stmt *st, const char *what, int64_t *id)
{
	if (!st || db_exec(db, st, what) != KK_OK)
		return KK_ERR;
	if (id)
		*id = sqlite3_last_insert_rowid(db->h);
	return KK_OK;
}

int db_update(struct db *db, sqlite3_stmt *st, const char *what)
{
	return st ? db_changed(db, db_exec(db, st, what)) : KK_ERR;
}

int64_t db_scalar(sqlite3_stmt *st, int64_t otherwise)
{
	if (!st)
		return otherwise;
	int64_t v = sqlite3_step(st) == SQLITE_ROW ? sqlite3_column_int64(st, 0) : otherwise;
	db_done(st);
	return v;
}

void db_text_row(sqlite3_stmt *st, struct arena *a, void *out)
{
	*(const char **)out = arena_strdup(a, db_text(st, 0));
}

int db_put_texts(struct db *db, const char *del_sql, const char *add_sql, int64_t id,
                 const char *const *texts, int n)
{
	sqlite3_stmt *st = db_stmt_id(db, del_sql, id);
	if (!st || db_exec(db, st, del_sql) != KK_OK)
		return KK_ERR;
	for (int i = 0; i < n; i++) {
		if (!(st = db_stmt_id(db, add_sql, id)))
			return KK_ERR;
		sqlite3_bind_text(st, 2, texts[i], -1, SQLITE_STATIC);
		if (db_exec(db, st, add_sql) != KK_OK)
			return KK_ERR;
	}
	return KK_OK;
}
