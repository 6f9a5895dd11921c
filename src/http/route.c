#include "http/route.h"

#include <stdbool.h>
#include <string.h>

int route_match(const char *pattern, const char *path, struct route_param *params, size_t *nparams)
{
	size_t np = 0;
	const char *p = pattern, *s = path;
	while (*p && *s) {
		if (*p == '{') {
			const char *close = strchr(p, '}');
			if (!close)
				return 0;
			const char *end = strchr(s, '/');
			size_t len = end ? (size_t)(end - s) : strlen(s);
			/* Text after the parameter in the same segment ("{pref}.ics") ends it. */
			size_t lit = strcspn(close + 1, "/{");
			if (lit) {
				if (len <= lit || strncmp(s + len - lit, close + 1, lit) != 0)
					return 0;
				len -= lit;
			}
			if (len == 0 || np >= ROUTE_MAX_PARAMS)
				return 0;
			params[np].s = s;
			params[np].len = len;
			np++;
			p = close + 1;
			s += len;
			continue;
		}
		if (*p != *s)
			return 0;
		p++;
		s++;
	}
	if (*p || *s)
		return 0;
	*nparams = np;
	return 1;
}

enum route_result route_find(const struct route *routes, size_t n, const char *method,
                             const char *path, const struct route **found,
                             struct route_param *params, size_t *nparams)
{
	bool path_seen = false;
	bool head = strcmp(method, "HEAD") == 0;
	for (size_t i = 0; i < n; i++) {
		if (!route_match(routes[i].pattern, path, params, nparams))
			continue;
		if (strcmp(routes[i].method, method) == 0 ||
		    (head && strcmp(routes[i].method, "GET") == 0)) {
			*found = &routes[i];
			return ROUTE_FOUND;
		}
		path_seen = true;
	}
	return path_seen ? ROUTE_BAD_METHOD : ROUTE_NOT_FOUND;
}
