/* arena.h — a per-request memory pool.
 *
 * Everything a request allocates comes from its arena and is released in one
 * place (arena_free) when the request completes. Allocation never fails: on
 * out-of-memory the process aborts, as there is no sane recovery mid-request.
 */
#ifndef KK_ARENA_H
#define KK_ARENA_H

#include <stdarg.h>
#include <stddef.h>

struct arena;

/* A new empty arena; aborts when out of memory, like every allocation here. */
struct arena *arena_new(void);
/* Free the arena and all it holds; NULL is a no-op. */
void arena_free(struct arena *a);
void *arena_alloc(struct arena *a, size_t n);                  /* zeroed, 16-byte aligned */
char *arena_strndup(struct arena *a, const char *s, size_t n); /* NUL-terminated copy */
char *arena_strdup(struct arena *a, const char *s);
char *arena_printf(struct arena *a, const char *fmt, ...) __attribute__((format(printf, 2, 3)));

/* Growable byte buffer whose storage lives in an arena. Always NUL-terminated. */
struct buf {
	struct arena *a;
	char *p;
	size_t len, cap;
};

/* An empty buffer ("") in a. */
void buf_init(struct buf *b, struct arena *a);
void buf_add(struct buf *b, const char *s, size_t n);
void buf_puts(struct buf *b, const char *s);
void buf_putc(struct buf *b, char c);
void buf_printf(struct buf *b, const char *fmt, ...) __attribute__((format(printf, 2, 3)));
/* s percent-encoded for a URL query value or path segment (RFC 3986 unreserved kept). */
void buf_url_arg(struct buf *b, const char *s);

#endif
