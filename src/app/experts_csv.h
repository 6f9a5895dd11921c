/* experts_csv.h — the expert directory as CSV (UTF-8 with a byte-order mark,
 * so Excel reads Japanese), and all-or-nothing import of such a file.
 * Columns are listed in README.md. */
#ifndef KK_APP_EXPERTS_CSV_H
#define KK_APP_EXPERTS_CSV_H

#include "store/db.h"
#include "util/arena.h"

/* Every expert as an admin may see them: fields marked private are left empty. */
int experts_csv_export(struct db *db, struct buf *out);

/* Check every row; when all are valid, create every account and profile in one
 * transaction and return how many, else write nothing, append one line per bad
 * row ("line N: field: message") to report in lang, and return -1. The new
 * accounts have no password until they use a link from `user reset-link`. */
int experts_csv_import(struct db *db, struct arena *a, const char *data, size_t len,
                       const char *lang, struct buf *report);

#endif
