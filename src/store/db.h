/* db.h — SQLite connections, cached prepared statements, transactions,
 * migrations and online backup. The store modules are the only code with SQL.
 *
 * Each serving thread has its own connection (db_thread()); statements are
 * prepared once per connection and cached by the address of their SQL text,
 * so each SQL string must be a static constant of a store module.
 */
#ifndef KK_DB_H
#define KK_DB_H

#include "util/arena.h"
#include "util/result.h"

#include <sqlite3.h>
#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>
#include <stdio.h>

struct db;

/* Open (creating if needed) with WAL, synchronous=FULL, foreign keys, defensive
 * mode and a busy timeout. Returns NULL after printing the reason to stderr. */
struct db *db_open(const char *path);
/* Finalize every cached statement and close; NULL is a no-op. */
void db_close(struct db *db);
/* The SQLite handle, for the store modules only. */
sqlite3 *db_handle(struct db *db);

/* Set the path used by db_thread(); close every thread connection at shutdown. */
void db_set_path(const char *path);
struct db *db_thread(void);
/* Close every thread's connection (at shutdown, when no request runs). */
void db_close_all(void);

/* The cached statement for sql (a static string), reset and with bindings cleared.
 * Call db_done() after the last step so readers do not pin the WAL. */
sqlite3_stmt *db_stmt(struct db *db, const char *sql);
/* The same, the copy-th of its cached instances (0 is db_stmt's), to step several of one
 * statement at once. */
sqlite3_stmt *db_stmt_copy(struct db *db, const char *sql, int copy);
void db_done(sqlite3_stmt *st);
/* How many statements db has prepared and cached. */
size_t db_stmt_count(struct db *db);

struct progress;
/* While p is not NULL, long statements on db redraw it (the time so far) every 100,000
 * steps of SQLite's machine; NULL stops that. */
void db_progress(struct db *db, struct progress *p);

/* How many times a connection waited for another's lock (each wait a few ms, 5 s at most
 * in all before SQLITE_BUSY), since the process started. */
uint64_t db_busy_retries(void);

/* Run sql (statements that return no rows): KK_OK, or KK_ERR after printing why. */
int db_exec_sql(struct db *db, const char *sql);

/* Run sql (any statements) and write the rows they return to out, one per line, columns
 * separated by tabs, NULL as nothing: KK_OK, or KK_ERR after printing why. */
int db_exec_print(struct db *db, const char *sql, FILE *out);

/* Write transactions take the write lock up front (BEGIN IMMEDIATE). */
int db_begin(struct db *db);
/* Whether a write transaction is open on db (its changes may yet be rolled back). */
bool db_writing(struct db *db);
/* A read transaction around several reads (one snapshot, one lock instead of one per
 * statement): db_read_begin opens it unless one is open; db_read_end commits it unless it
 * has become a write. */
int db_read_begin(struct db *db);
void db_read_end(struct db *db);
int db_commit(struct db *db);
void db_rollback(struct db *db);

/* migrate.c: apply every embedded migration up to version upto (INT_MAX: all) not yet
 * applied, each in its own transaction (one whose first line is "-- @rebuild" with foreign
 * keys off, committed only when PRAGMA foreign_key_check finds nothing): KK_OK or KK_ERR. */
int db_migrate(struct db *db, int upto);
/* The highest migration applied (0 for a new database). */
int db_schema_version(struct db *db);

/* Copy the live database to path with SQLite's online backup API: KK_OK or KK_ERR. */
int db_backup(struct db *db, const char *path);
/* Replace db's contents with the copy at from, once it passes PRAGMA integrity_check and
 * holds kakekomi's schema (the caller then migrates it): KK_OK, KK_INVALID (nothing
 * written; why on stderr) or KK_ERR. Only while no server uses db. */
int db_restore(struct db *db, const char *from);

/* The cached statement for sql with ?1 bound to id (NULL on error). */
sqlite3_stmt *db_stmt_id(struct db *db, const char *sql, int64_t id);
/* A value to bind, made by one of the typed constructors below (so a wrong type does not
 * compile): db_bind(db, SQL_X, db_i64(id), db_str(name)) binds ?1, ?2, ... in order. */
struct db_arg {
	enum { DB_ARG_NULL, DB_ARG_I64, DB_ARG_TEXT, DB_ARG_BLOB } kind;
	int64_t i;
	const void *p;
	int n; /* blob bytes */
};
static inline struct db_arg db_i64(int64_t v)
{
	return (struct db_arg){DB_ARG_I64, v, NULL, 0};
}
/* A text; NULL binds SQL NULL. The text must live until the statement has run. */
static inline struct db_arg db_str(const char *s)
{
	return (struct db_arg){s ? DB_ARG_TEXT : DB_ARG_NULL, 0, s, 0};
}
/* An id or a time where 0 means none: 0 binds SQL NULL. */
static inline struct db_arg db_i64_or_null(int64_t v)
{
	return (struct db_arg){v ? DB_ARG_I64 : DB_ARG_NULL, v, NULL, 0};
}
/* n bytes at p; NULL binds SQL NULL. */
static inline struct db_arg db_bytes(const void *p, int n)
{
	return (struct db_arg){p ? DB_ARG_BLOB : DB_ARG_NULL, 0, p, n};
}
/* The cached statement for sql with args[0..n) bound to ?1..?n (NULL on error). */
sqlite3_stmt *db_bind_args(struct db *db, const char *sql, const struct db_arg *args, int n);
#define db_bind(db, sql, ...)                                                                      \
	db_bind_args((db), (sql), (const struct db_arg[]){__VA_ARGS__},                            \
	             (int)(sizeof((const struct db_arg[]){__VA_ARGS__}) / sizeof(struct db_arg)))

/* Step st, collecting column 0 of each row into ids (at most max); then reset it.
 * Returns how many, or KK_ERR (st NULL, or a step failed). */
int db_ids(sqlite3_stmt *st, int64_t *ids, int max);

/* The ids a statement with ?1 = id and ?2 = max returns (at most max); -1 on error. */
int db_ids_by(struct db *db, const char *sql, int64_t id, int64_t *ids, int max);

/* Step a statement that returns no rows, then reset it. KK_OK, or KK_ERR after
 * logging what failed. */
int db_exec(struct db *db, sqlite3_stmt *st, const char *what);

/* rc of an UPDATE or DELETE just run: KK_NOTFOUND when it was KK_OK but touched no row. */
int db_changed(struct db *db, int rc);

/* The shapes every store module has. st may be NULL (db_stmt failed): then KK_ERR. */
/* Reads the current row of st into out; strings are copied into a. */
typedef void db_row_fn(sqlite3_stmt *st, struct arena *a, void *out);
/* The first row of st through row: KK_OK, KK_NOTFOUND (no row) or KK_ERR. Resets st. */
int db_get(struct db *db, sqlite3_stmt *st, db_row_fn *row, struct arena *a, void *out);
/* At most max rows of st through row into out[] (elements of size bytes): how many, or
 * KK_ERR. Resets st. */
int db_list(struct db *db, sqlite3_stmt *st, db_row_fn *row, struct arena *a, void *out,
            size_t size, int max);
/* A row declared once, as its columns in SELECT order: what type each is and which field of
 * the struct it fills. db_read and db_read_all check that the statement has exactly these
 * columns, so the SQL and the C cannot drift apart unnoticed. */
enum db_type {
	DB_I64,       /* int64_t */
	DB_INT,       /* int */
	DB_TEXT,      /* const char *, "" for SQL NULL */
	DB_TEXT_NULL, /* const char *, NULL for SQL NULL */
};
struct db_col {
	enum db_type type;
	size_t offset;
};
struct db_map {
	const struct db_col *cols;
	int n;
	size_t size; /* of the struct */
};
/* One column: of type DB_<type>, into the field of struct tag. */
#define DB_COL(type, tag, field)                                                                   \
	{                                                                                          \
		DB_##type, offsetof(struct tag, field)                                             \
	}
/* DB_ROW(request, (I64, company_id), (TEXT_NULL, kind), ...): the map of struct request read
 * from columns given as (type, field), in SELECT order (at most 20). */
#define DB_ROW(tag, ...)                                                                           \
	{                                                                                          \
		(const struct db_col[]){DB_EACH(tag, __VA_ARGS__)},                                \
		    (int)(sizeof((const struct db_col[]){DB_EACH(tag, __VA_ARGS__)}) /             \
		          sizeof(struct db_col)),                                                  \
		    sizeof(struct tag)                                                             \
	}
#define DB_EACH(t, ...)                                                                            \
	DB_PICK(__VA_ARGS__, DB_P20, DB_P19, DB_P18, DB_P17, DB_P16, DB_P15, DB_P14, DB_P13,       \
	        DB_P12, DB_P11, DB_P10, DB_P9, DB_P8, DB_P7, DB_P6, DB_P5, DB_P4, DB_P3, DB_P2,    \
	        DB_P1, )                                                                           \
	(t, __VA_ARGS__)
#define DB_PICK(a1, a2, a3, a4, a5, a6, a7, a8, a9, a10, a11, a12, a13, a14, a15, a16, a17, a18,   \
                a19, a20, m, ...)                                                                  \
	m
#define DB_P1(t, col)       DB_COL_OF(t, DB_UNWRAP col)
#define DB_UNWRAP(ty, f)    ty, f
#define DB_COL_OF(t, ...)   DB_COL_TF(t, __VA_ARGS__)
#define DB_COL_TF(t, ty, f) DB_COL(ty, t, f)
#define DB_P2(t, col, ...)  DB_P1(t, col), DB_P1(t, __VA_ARGS__)
#define DB_P3(t, col, ...)  DB_P1(t, col), DB_P2(t, __VA_ARGS__)
#define DB_P4(t, col, ...)  DB_P1(t, col), DB_P3(t, __VA_ARGS__)
#define DB_P5(t, col, ...)  DB_P1(t, col), DB_P4(t, __VA_ARGS__)
#define DB_P6(t, col, ...)  DB_P1(t, col), DB_P5(t, __VA_ARGS__)
#define DB_P7(t, col, ...)  DB_P1(t, col), DB_P6(t, __VA_ARGS__)
#define DB_P8(t, col, ...)  DB_P1(t, col), DB_P7(t, __VA_ARGS__)
#define DB_P9(t, col, ...)  DB_P1(t, col), DB_P8(t, __VA_ARGS__)
#define DB_P10(t, col, ...) DB_P1(t, col), DB_P9(t, __VA_ARGS__)
#define DB_P11(t, col, ...) DB_P1(t, col), DB_P10(t, __VA_ARGS__)
#define DB_P12(t, col, ...) DB_P1(t, col), DB_P11(t, __VA_ARGS__)
#define DB_P13(t, col, ...) DB_P1(t, col), DB_P12(t, __VA_ARGS__)
#define DB_P14(t, col, ...) DB_P1(t, col), DB_P13(t, __VA_ARGS__)
#define DB_P15(t, col, ...) DB_P1(t, col), DB_P14(t, __VA_ARGS__)
#define DB_P16(t, col, ...) DB_P1(t, col), DB_P15(t, __VA_ARGS__)
#define DB_P17(t, col, ...) DB_P1(t, col), DB_P16(t, __VA_ARGS__)
#define DB_P18(t, col, ...) DB_P1(t, col), DB_P17(t, __VA_ARGS__)
#define DB_P19(t, col, ...) DB_P1(t, col), DB_P18(t, __VA_ARGS__)
#define DB_P20(t, col, ...) DB_P1(t, col), DB_P19(t, __VA_ARGS__)
/* As db_get and db_list, through map m; each struct is zeroed before its columns are read. */
int db_read(struct db *db, sqlite3_stmt *st, const struct db_map *m, struct arena *a, void *out);
int db_read_all(struct db *db, sqlite3_stmt *st, const struct db_map *m, struct arena *a, void *out,
                int max);
/* The rows of sql with ?1 = id and ?2 = max through m (at most max): how many, or KK_ERR. */
int db_read_by(struct db *db, const char *sql, int64_t id, const struct db_map *m, struct arena *a,
               void *out, int max);
/* Run an INSERT; *id (when id is not NULL) is the new row's id. KK_OK or KK_ERR. */
int db_insert(struct db *db, sqlite3_stmt *st, const char *what, int64_t *id);
/* Run an INSERT of something that may exist once only: KK_OK, KK_CONFLICT when its key
 * (primary or unique) is taken, or KK_ERR. */
int db_insert_once(struct db *db, sqlite3_stmt *st, const char *what);
/* Run an UPDATE or DELETE: KK_OK, KK_NOTFOUND when it touched no row, or KK_ERR. */
int db_update(struct db *db, sqlite3_stmt *st, const char *what);
/* A db_row_fn for one text column: column 0 as a const char * copied into a. */
void db_text_row(sqlite3_stmt *st, struct arena *a, void *out);
/* The texts (column 0) of sql with ?1 = id into out[0..max), copied into a: how many, or
 * KK_ERR. */
int db_texts_by(struct db *db, const char *sql, int64_t id, struct arena *a, const char **out,
                int max);
/* Replace the texts of id: del_sql (?1 id) then add_sql (?1 id, ?2 text) for each of
 * texts[0..n). KK_OK or KK_ERR; run it inside the caller's transaction. */
int db_put_texts(struct db *db, const char *del_sql, const char *add_sql, int64_t id,
                 const char *const *texts, int n);
/* Column 0 of the first row of st as an integer, or `otherwise` (no row, or st NULL). */
int64_t db_scalar(sqlite3_stmt *st, int64_t otherwise);

/* Small helpers for the store modules. */
const char *db_text(sqlite3_stmt *st, int col); /* never NULL */
/* Column col copied into the arena, or NULL when it is SQL NULL. */
const char *db_text_dup(struct arena *a, sqlite3_stmt *st, int col);
int64_t db_now(void); /* UTC seconds */
void db_log_error(struct db *db, const char *what);

#endif
