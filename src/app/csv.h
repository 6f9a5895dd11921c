/* csv.h — CSV as spreadsheets open it: UTF-8 with a byte-order mark (Excel reads
 * Japanese right), CRLF, every cell quoted with its quotes doubled (libcsv's
 * csv_write). A cell a spreadsheet would run as a formula — one starting with
 * =, +, -, @, a tab or a carriage return — is written with an apostrophe in
 * front, and csv_unguard() takes it off again when such a file comes back. */
#ifndef KK_APP_CSV_H
#define KK_APP_CSV_H

#include "util/arena.h"

#include <stdbool.h>

/* The byte-order mark, first thing in a file. */
void csv_bom(struct buf *b);
/* One cell, then "," or, when last, CRLF. */
void csv_cell(struct buf *b, const char *s, bool last);
/* A cell read back: without the apostrophe csv_cell put in front of a formula. */
const char *csv_unguard(const char *s);

#endif
