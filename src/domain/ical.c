#include "domain/ical.h"

#include <string.h>
#include <time.h>

/* Append line[0..n) folded: at most 75 octets per physical line, a continuation line
 * starting with one space (which counts), never inside a UTF-8 sequence (§3.1). */
static void folded(struct buf *b, const char *line, size_t n)
{
	size_t used = 0;
	for (size_t i = 0; i < n;) {
		size_t len = 1; /* the octets of the character at i */
		while (i + len < n && ((unsigned char)line[i + len] & 0xC0) == 0x80)
			len++;
		if (used + len > 75) {
			buf_add(b, "\r\n ", 3);
			used = 1;
		}
		buf_add(b, line + i, len);
		used += len;
		i += len;
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
	for (const char *p = text ? text : ""; *p; p++) {
		if (*p == '\\' || *p == ';' || *p == ',') {
			buf_putc(&line, '\\');
			buf_putc(&line, *p);
		} else if (*p == '\n') {
			buf_add(&line, "\\n", 2);
		} else if (*p != '\r') {
			buf_putc(&line, *p);
		}
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
