#include "app/csv.h"

#include <csv.h>
#include <string.h>

void csv_bom(struct buf *b)
{
	buf_puts(b, "\xEF\xBB\xBF");
}

static bool formula_like(const char *s)
{
	return s[0] && strchr("=+-@\t\r", s[0]);
}

void csv_cell(struct buf *b, const char *s, bool last)
{
	if (formula_like(s))
		s = arena_printf(b->a, "'%s", s);
	size_t n = strlen(s);
	char *tmp = arena_alloc(b->a, 2 * n + 3);
	size_t w = csv_write(tmp, 2 * n + 3, s, n); /* always quoted, quotes doubled */
	buf_add(b, tmp, w);
	buf_puts(b, last ? "\r\n" : ",");
}

const char *csv_unguard(const char *s)
{
	return s[0] == '\'' && formula_like(s + 1) ? s + 1 : s;
}
