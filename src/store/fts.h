/* fts.h — the FTS5 tokenizer and ranking functions, registered on each connection. */
#ifndef KK_STORE_FTS_H
#define KK_STORE_FTS_H

#include <sqlite3.h>

/* At most this many phrases of a query count in kk_df and kk_rank. */
#define MAX_PHRASES 32

/* Register the "kakekomi" tokenizer and the kk_df / kk_rank auxiliary functions on h.
 * SQLITE_OK or an SQLite error code. */
int fts_register(sqlite3 *h);

#endif
