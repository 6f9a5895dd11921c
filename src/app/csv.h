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

/* A row read, with the line it starts on (1 is the first). */
struct csv_row {
	int line, nfields;
	char **fields; /* unguarded, NUL-terminated, in the arena */
	struct csv_row *next;
};
/* Read data (UTF-8, a leading byte-order mark skipped; at most max_fields cells a row are
 * kept) into *first: how many rows, or -1 with what is wrong and on which line in report. */
int csv_read(struct arena *a, const char *data, size_t len, int max_fields, struct csv_row **first,
             struct buf *report);

#endif
