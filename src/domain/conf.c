#include "domain/conf.h"

#include <string.h>

/* s without the blanks (space, tab, CR) at either end; s is changed. */
static char *trim(char *s)
{
	while (*s == ' ' || *s == '\t')
		s++;
	size_t n = strlen(s);
	while (n > 0 && (s[n - 1] == ' ' || s[n - 1] == '\t' || s[n - 1] == '\r'))
		s[--n] = '\0';
	return s;
}

int conf_parse(char *text, conf_fn *fn, void *ctx)
{
	int line = 0;
	for (char *p = text; p && *p;) {
		char *end = strchr(p, '\n');
		if (end)
			*end = '\0';
		line++;
		char *s = trim(p);
		p = end ? end + 1 : NULL;
		if (!*s || *s == '#')
			continue;
		char *eq = strchr(s, '=');
		if (!eq)
			return -line;
		*eq = '\0';
		char *key = trim(s), *value = trim(eq + 1);
		if (!*key)
			return -line;
		int rc = fn(ctx, line, key, value);
		if (rc)
			return rc;
	}
	return 0;
}
