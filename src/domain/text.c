#include "domain/text.h"

#include <stdlib.h>
#include <string.h>
#include <utf8proc.h>

const char *text_fold(struct arena *a, const char *s)
{
	utf8proc_uint8_t *out = NULL;
	utf8proc_ssize_t n = utf8proc_map((const utf8proc_uint8_t *)s, 0, &out,
	                                  UTF8PROC_NULLTERM | UTF8PROC_STABLE | UTF8PROC_COMPOSE |
	                                      UTF8PROC_COMPAT | UTF8PROC_CASEFOLD);
	if (n < 0)
		return s;
	const char *p = (const char *)out;
	while (*p == ' ')
		p++;
	size_t len = strlen(p);
	while (len && p[len - 1] == ' ')
		len--;
	char *copy = arena_strndup(a, p, len);
	free(out);
	return copy;
}
