/* Any text written into a page: no markup comes out of it. */
#include "util/arena.h"
#include "view/html.h"

#include <stdint.h>
#include <string.h>

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
	struct arena *a = arena_new();
	char *s = arena_strndup(a, (const char *)data, size);
	struct buf b;
	buf_init(&b, a);
	html_text(&b, s);
	html_attr(&b, s);
	if (memchr(b.p, '<', b.len) || memchr(b.p, '>', b.len) || memchr(b.p, '"', b.len))
		__builtin_trap();
	html_marked(&b, s);
	arena_free(a);
	return 0;
}
