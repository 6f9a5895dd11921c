/* fts.h — the FTS5 tokenizer and ranking functions, registered on each connection. */
#ifndef KK_STORE_FTS_H
#define KK_STORE_FTS_H

#include <sqlite3.h>
#include <stdbool.h>

/* At most this many phrases of a query count in kk_df and kk_rank. */
#define MAX_PHRASES 32

/* kk_gate(?, rowid, titled) in a statement, with a pointer to this bound as "kk_gate"
 * (sqlite3_bind_pointer): want(ctx, rowid, titled) for each row the statement reads, in
 * its order. In a CASE, it spares the work of a column for the rows that do not need it. */
struct fts_gate {
	bool (*want)(void *ctx, sqlite3_int64 rowid, int titled);
	void *ctx;
};

/* Register the "kakekomi" tokenizer and the kk_df, kk_rank and kk_titled auxiliary
 * functions and the kk_gate function on h.
 * SQLITE_OK or an SQLite error code. */
int fts_register(sqlite3 *h);

#endif
