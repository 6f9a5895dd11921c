/* Tests src/http/route.c: pattern matching and method resolution. */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <cmocka.h>
#include <string.h>

#include "http/route.h"

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

int main(void)
{
	const struct CMUnitTest tests[] = {
	    cmocka_unit_test(literal_match),
	    cmocka_unit_test(params_are_captured),
	    cmocka_unit_test(empty_param_does_not_match),
	    cmocka_unit_test(find_picks_method),
	    cmocka_unit_test(wrong_method_is_405_and_unknown_is_404),
	    cmocka_unit_test(head_uses_get),
	};
	return cmocka_run_group_tests_name("route", tests, NULL, NULL);
}
