/* ical.h — iCalendar (RFC 5545) content lines: text escaped (backslash, semicolon,
 * comma, newline), every line folded at 75 octets without splitting a UTF-8
 * character, CRLF line ends, UTC times. Pure; the feeds are built in app/events_ical.c. */
#ifndef KK_DOMAIN_ICAL_H
#define KK_DOMAIN_ICAL_H

#include "util/arena.h"

#include <stdint.h>

/* "NAME:value" with value written as it is (a date, a UID, a URL), folded, CRLF. */
void ical_raw(struct buf *b, const char *name, const char *value);
/* "NAME:text" with text escaped as a TEXT value (§3.3.11), folded, CRLF. */
void ical_text(struct buf *b, const char *name, const char *text);
/* "NAME:20261210T100000Z" for a UTC time, CRLF. */
void ical_time(struct buf *b, const char *name, int64_t utc);

#endif
