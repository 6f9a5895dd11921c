#include "domain/ical.h"

#include <string.h>
#include <time.h>

/* Append line[0..n) folded: at most 75 octets per physical line, a continuation line
 * starting with one space (which counts), never inside a UTF-8 sequence (§3.1). Copies
 * whole runs: a feed folds hundreds of descriptions. */
static void folded(struct buf *b, const char *line, size_t n)
{
	size_t pos = 0, used = 0;
	while (pos < n) {
		size_t take = n - pos < 75 - used ? n - pos : 75 - used;
		while (pos + take < n && take > 0 && ((unsigned char)line[pos + take] & 0xC0) == 0x80)
			take--; /* do not cut a character */
		buf_add(b, line + pos, take);
		pos += take;
		if (pos < n) {
			buf_add(b, "\r\n ", 3);
			used = 1;
		}
	}
	buf_add(b, "\r\n", 2);
}

void ical_raw(struct buf *b, const char *name, const char *value)
{
	struct buf line;
	buf_init(&line, b->a);
	buf_puts(&line, name);
	buf_putc(&line, ':');
	buf_puts(&line, value);
	folded(b, line.p, line.len);
}

void ical_text(struct buf *b, const char *name, const char *text)
{
	struct buf line;
	buf_init(&line, b->a);
	buf_puts(&line, name);
	buf_putc(&line, ':');
	for (const char *p = text ? text : ""; *p;) {
		size_t run = strcspn(p, "\\;,\n\r"); /* plain text: copied as it is */
		buf_add(&line, p, run);
		p += run;
		if (*p == '\\' || *p == ';' || *p == ',') {
			buf_putc(&line, '\\');
			buf_putc(&line, *p);
		} else if (*p == '\n') {
			buf_add(&line, "\\n", 2);
		}
		if (*p)
			p++; /* a CR is dropped */
	}
	folded(b, line.p, line.len);
}

void ical_time(struct buf *b, const char *name, int64_t utc)
{
	time_t t = (time_t)utc;
	struct tm tm;
	char v[17];
	gmtime_r(&t, &tm);
	strftime(v, sizeof v, "%Y%m%dT%H%M%SZ", &tm);
	ical_raw(b, name, v);
}
