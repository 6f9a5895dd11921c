/* route.h — the route table and its matcher.
 *
 * A route is a method, a path pattern whose segments are literal or a
 * parameter "{name}" (which text may follow in its segment: "{pref}.ics"), the handler, the roles
 * allowed (0 = anyone), and flags. Every POST/PUT/PATCH/DELETE is checked for a CSRF token unless
 * it comes with an API bearer token (see http/session.h). Matching is pure: it does not touch the
 * request or the network.
 */
#ifndef KK_ROUTE_H
#define KK_ROUTE_H

#include <stddef.h>

#define ROUTE_MAX_PARAMS 4

struct req;

enum route_flags {
	RF_PERSONAL = 1 << 0, /* response holds personal data: Cache-Control: no-store */
	RF_BARE = 1 << 1,     /* no session, language or CSRF work: health and static files */
};

struct route {
	const char *method;
	const char *pattern;
	void (*handler)(struct req *r);
	unsigned roles; /* bitmask of enum role; 0 = public */
	unsigned flags;
	/* What a handler shared by several routes reads to tell them apart (r->route->arg). */
	const char *arg;
};

struct route_param {
	const char *s; /* points into the path; not NUL-terminated */
	size_t len;
};

enum route_result { ROUTE_FOUND, ROUTE_NOT_FOUND, ROUTE_BAD_METHOD };

/* Does path match pattern? On a match fills params (at most ROUTE_MAX_PARAMS) and *nparams. */
int route_match(const char *pattern, const char *path, struct route_param *params, size_t *nparams);

/* Find the route for method and path. ROUTE_BAD_METHOD when the path matches only other
 * methods; HEAD matches GET routes. */
enum route_result route_find(const struct route *routes, size_t n, const char *method,
                             const char *path, const struct route **found,
                             struct route_param *params, size_t *nparams);

#endif
