/* fts.h — the FTS5 tokenizer and ranking functions, registered on each connection. */
#ifndef KK_STORE_FTS_H
#define KK_STORE_FTS_H

#include <sqlite3.h>
#include <stdbool.h>
#include <stdint.h>

/* At most this many phrases of a query count in kk_df and kk_rank. */
#define MAX_PHRASES 32

/* kk_gate(?, t) in a statement, with a pointer to a struct fts_gate bound as "kk_gate"
 * (sqlite3_bind_pointer): true while it is open and t is no less than its `since`, read for
 * each row as the statement reads it. In a CASE, it spares the work of a column for the rows
 * the caller needs it no more for. */
struct fts_gate {
	bool closed;
	int64_t since;
};

/* Register the "kakekomi" tokenizer and the kk_df, kk_rank and kk_titled auxiliary
 * functions and the kk_gate function on h.
 * SQLITE_OK or an SQLite error code. */
int fts_register(sqlite3 *h);

#endif
