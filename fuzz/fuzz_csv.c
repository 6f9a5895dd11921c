/* Any uploaded file read as CSV: rows and a line-numbered report, nothing read past the
 * end; a cell written out again cannot start a formula. */
#include "app/csv.h"
#include "util/arena.h"

#include <stdint.h>
#include <string.h>

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
	struct arena *a = arena_new();
	struct buf report, out;
	buf_init(&report, a);
	buf_init(&out, a);
	struct csv_row *first;
	if (csv_read(a, (const char *)data, size, 32, &first, &report) >= 0)
		for (struct csv_row *r = first; r; r = r->next)
			for (int i = 0; i < r->nfields; i++) {
				size_t at = out.len;
				csv_cell(&out, r->fields[i], i == r->nfields - 1);
				/* quoted: the first character of the cell's text follows the quote
				 */
				if (strchr("=+-@\t\r", out.p[at + 1]) && out.p[at + 1])
					__builtin_trap();
			}
	arena_free(a);
	return 0;
}
