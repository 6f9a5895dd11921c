/* embed.h — files compiled into the binary (migrations, catalogs, static).
 * Names are the paths relative to the repository root, e.g. "static/style.css".
 * Each data array has a NUL after its last byte. */
#ifndef KK_EMBED_H
#define KK_EMBED_H

#include <stddef.h>

struct embedded {
	const char *name;
	const unsigned char *data;
	size_t len;
};

extern const struct embedded embedded_files[];
extern const size_t embedded_count;

/* The file compiled in under name (e.g. "migrations/001_init.sql"), or NULL. */
const struct embedded *embedded_find(const char *name);

#endif
