/* Tests src/http/route.c: pattern matching and method resolution; and the real
 * route table of src/app/routes.c: every route is reachable. */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <cmocka.h>
#include <string.h>

#include "app/routes.h"
#include "http/route.h"

#include <stdio.h>

static void h1(struct req *r)
{
	(void)r;
}
static void h2(struct req *r)
{
	(void)r;
}
static void h3(struct req *r)
{
	(void)r;
}

/* As in routes.c: a row names arg only where a handler is shared. */
#pragma GCC diagnostic ignored "-Wmissing-field-initializers"
static const struct route routes[] = {
    {"GET", "/", h1, 0, 0},
    {"GET", "/api/v1/experts/{id}", h2, 0, 0},
    {"PATCH", "/api/v1/experts/{id}", h3, 0, 0},
    {"POST", "/api/v1/requests/{id}/messages/{mid}", h3, 0, 0},
};

static void literal_match(void **state)
{
	(void)state;
	struct route_param p[ROUTE_MAX_PARAMS];
	size_t n = 99;
	assert_true(route_match("/", "/", p, &n));
	assert_int_equal(n, 0);
	assert_false(route_match("/a", "/ab", p, &n));
	assert_false(route_match("/ab", "/a", p, &n));
	assert_false(route_match("/a", "/a/", p, &n));
}

static void params_are_captured(void **state)
{
	(void)state;
	struct route_param p[ROUTE_MAX_PARAMS];
	size_t n = 0;
	assert_true(route_match("/r/{id}/m/{mid}", "/r/42/m/7", p, &n));
	assert_int_equal(n, 2);
	assert_int_equal(p[0].len, 2);
	assert_memory_equal(p[0].s, "42", 2);
	assert_memory_equal(p[1].s, "7", 1);
}

/* A parameter followed by text in its segment: a feed such as /events/13.ics. */
static void param_with_suffix(void **state)
{
	(void)state;
	struct route_param p[ROUTE_MAX_PARAMS];
	size_t n = 0;
	assert_true(route_match("/events/{pref}.ics", "/events/13.ics", p, &n));
	assert_int_equal(n, 1);
	assert_int_equal(p[0].len, 2);
	assert_memory_equal(p[0].s, "13", 2);
	assert_true(route_match("/c/{id}/events.ics", "/c/7/events.ics", p, &n));
	assert_false(route_match("/events/{pref}.ics", "/events/.ics", p, &n));
	assert_false(route_match("/events/{pref}.ics", "/events/13.ic", p, &n));
	assert_false(route_match("/events/{pref}.ics", "/events/13", p, &n));
	assert_false(route_match("/events/{pref}.ics", "/events/13.ics/x", p, &n));
}

static void empty_param_does_not_match(void **state)
{
	(void)state;
	struct route_param p[ROUTE_MAX_PARAMS];
	size_t n;
	assert_false(route_match("/r/{id}", "/r/", p, &n));
	assert_false(route_match("/r/{id}/x", "/r//x", p, &n));
	assert_false(route_match("/r/{id}", "/r/1/2", p, &n));
}

static void find_picks_method(void **state)
{
	(void)state;
	const struct route *rt = NULL;
	struct route_param p[ROUTE_MAX_PARAMS];
	size_t n;
	assert_int_equal(route_find(routes, 4, "GET", "/api/v1/experts/5", &rt, p, &n),
	                 ROUTE_FOUND);
	assert_ptr_equal(rt->handler, h2);
	assert_int_equal(route_find(routes, 4, "PATCH", "/api/v1/experts/5", &rt, p, &n),
	                 ROUTE_FOUND);
	assert_ptr_equal(rt->handler, h3);
}

static void wrong_method_is_405_and_unknown_is_404(void **state)
{
	(void)state;
	const struct route *rt = NULL;
	struct route_param p[ROUTE_MAX_PARAMS];
	size_t n;
	assert_int_equal(route_find(routes, 4, "DELETE", "/api/v1/experts/5", &rt, p, &n),
	                 ROUTE_BAD_METHOD);
	assert_int_equal(route_find(routes, 4, "GET", "/nope", &rt, p, &n), ROUTE_NOT_FOUND);
}

static void head_uses_get(void **state)
{
	(void)state;
	const struct route *rt = NULL;
	struct route_param p[ROUTE_MAX_PARAMS];
	size_t n;
	assert_int_equal(route_find(routes, 4, "HEAD", "/", &rt, p, &n), ROUTE_FOUND);
	assert_ptr_equal(rt->handler, h1);
}

/* A path that pattern matches, with "1" for each parameter. */
static void sample_path(const char *pattern, char *out, size_t size)
{
	size_t n = 0;
	for (const char *p = pattern; *p && n + 2 < size; p++) {
		if (*p == '{') {
			out[n++] = '1';
			p = strchr(p, '}');
		} else {
			out[n++] = *p;
		}
	}
	out[n] = '\0';
}

/* No route is shadowed by an earlier one: a path made for each route finds that route. */
static void real_table_every_route_reachable(void **state)
{
	(void)state;
	const struct route *routes_ = app_server.routes;
	size_t n = app_server.nroutes;
	assert_true(n > 100);
	for (size_t i = 0; i < n; i++) {
		char path[256];
		const struct route *rt = NULL;
		struct route_param p[ROUTE_MAX_PARAMS];
		size_t np;
		sample_path(routes_[i].pattern, path, sizeof path);
		assert_int_equal(route_find(routes_, n, routes_[i].method, path, &rt, p, &np),
		                 ROUTE_FOUND);
		if (rt != &routes_[i])
			fail_msg("%s %s is shadowed by %s %s", routes_[i].method,
			         routes_[i].pattern, rt->method, rt->pattern);
		assert_non_null(routes_[i].handler);
	}
}

/* Every state change under /api/ is an API route and every one elsewhere a page's form:
 * the two never share a handler, so no handler has to ask which it is serving. */
static void real_table_pages_and_api_apart(void **state)
{
	(void)state;
	const struct route *routes_ = app_server.routes;
	size_t n = app_server.nroutes;
	for (size_t i = 0; i < n; i++)
		for (size_t j = 0; j < n; j++) {
			bool api_i = strncmp(routes_[i].pattern, "/api/", 5) == 0;
			bool api_j = strncmp(routes_[j].pattern, "/api/", 5) == 0;
			if (api_i && !api_j && routes_[i].handler == routes_[j].handler &&
			    strcmp(routes_[j].method, "GET") != 0)
				fail_msg("%s %s and %s %s share a handler", routes_[i].method,
				         routes_[i].pattern, routes_[j].method, routes_[j].pattern);
		}
}

int main(void)
{
	const struct CMUnitTest tests[] = {
	    cmocka_unit_test(literal_match),
	    cmocka_unit_test(params_are_captured),
	    cmocka_unit_test(empty_param_does_not_match),
	    cmocka_unit_test(param_with_suffix),
	    cmocka_unit_test(find_picks_method),
	    cmocka_unit_test(wrong_method_is_405_and_unknown_is_404),
	    cmocka_unit_test(head_uses_get),
	    cmocka_unit_test(real_table_every_route_reachable),
	    cmocka_unit_test(real_table_pages_and_api_apart),
	};
	return cmocka_run_group_tests_name("route", tests, NULL, NULL);
}
