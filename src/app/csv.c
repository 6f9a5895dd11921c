#include "app/csv.h"

#include <csv.h>
#include <stdio.h>
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

struct reading {
	struct arena *a;
	struct csv_row *first, *last, *cur;
	int line, rows, max;
};

static void on_field(void *s, size_t len, void *data)
{
	struct reading *rd = data;
	if (!rd->cur) {
		rd->cur = arena_alloc(rd->a, sizeof *rd->cur);
		rd->cur->line = rd->line;
		rd->cur->fields = arena_alloc(rd->a, sizeof *rd->cur->fields * (size_t)rd->max);
	}
	if (rd->cur->nfields < rd->max)
		rd->cur->fields[rd->cur->nfields++] =
		    (char *)csv_unguard(arena_strndup(rd->a, s ? s : "", s ? len : 0));
}

static void on_row(int term, void *data)
{
	(void)term;
	struct reading *rd = data;
	if (!rd->cur)
		return;
	if (rd->last)
		rd->last->next = rd->cur;
	else
		rd->first = rd->cur;
	rd->last = rd->cur;
	rd->cur = NULL;
	rd->rows++;
}

int csv_read(struct arena *a, const char *data, size_t len, int max_fields, struct csv_row **first,
             struct buf *report)
{
	struct reading rd = {.a = a, .line = 1, .max = max_fields};
	struct csv_parser p;
	if (csv_init(&p, CSV_STRICT | CSV_APPEND_NULL | CSV_STRICT_FINI) != 0)
		return -1;
	if (len >= 3 && memcmp(data, "\xEF\xBB\xBF", 3) == 0) {
		data += 3;
		len -= 3;
	}
	/* Fed line by line, so that each row knows the line it starts on. */
	size_t off = 0;
	bool bad = false;
	while (off < len && !bad) {
		const char *nl = memchr(data + off, '\n', len - off);
		size_t n = nl ? (size_t)(nl - (data + off)) + 1 : len - off;
		bad = csv_parse(&p, data + off, n, on_field, on_row, &rd) != n;
		off += n;
		rd.line++;
	}
	if (!bad)
		bad = csv_fini(&p, on_field, on_row, &rd) != 0;
	if (bad)
		buf_printf(report, "line %d: %s\n", rd.line - 1, csv_strerror(csv_error(&p)));
	csv_free(&p);
	*first = rd.first;
	return bad ? -1 : rd.rows;
}
