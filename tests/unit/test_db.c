/* Tests src/store/db.c: the statement cache grows past its first slots. */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <cmocka.h>
#include <stdio.h>

#include "store/db.h"

#define N 1000 /* statements, four times the first slots */

/* Each statement is static text at its own address, as the store's are. */
static char sql[N][32];

static void cache_grows_and_keeps_every_statement(void **state)
{
	(void)state;
	struct db *db = db_open(":memory:");
	assert_non_null(db);
	for (int i = 0; i < N; i++)
		snprintf(sql[i], sizeof sql[i], "SELECT %d", i);
	sqlite3_stmt *first[N];
	for (int i = 0; i < N; i++) {
		first[i] = db_stmt(db, sql[i]);
		assert_non_null(first[i]);
	}
	assert_int_equal(db_stmt_count(db), N);
	/* Asked again, each is the cached one, and still answers its own query. */
	for (int i = 0; i < N; i++) {
		sqlite3_stmt *st = db_stmt(db, sql[i]);
		assert_ptr_equal(st, first[i]);
		assert_int_equal(sqlite3_step(st), SQLITE_ROW);
		assert_int_equal(sqlite3_column_int(st, 0), i);
		db_done(st);
	}
	assert_int_equal(db_stmt_count(db), N);
	/* A statement that does not prepare is not cached. */
	assert_null(db_stmt(db, "SELEC nothing"));
	assert_int_equal(db_stmt_count(db), N);
	db_close(db);
}

int main(void)
{
	const struct CMUnitTest tests[] = {
	    cmocka_unit_test(cache_grows_and_keeps_every_statement),
	};
	return cmocka_run_group_tests_name("db", tests, NULL, NULL);
}
