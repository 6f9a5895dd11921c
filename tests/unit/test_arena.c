/* Tests src/util/arena.c: the per-request arena and its growable buffer. */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <cmocka.h>
#include <string.h>

#include "util/arena.h"

static void allocations_are_zeroed_and_aligned(void **state)
{
	(void)state;
	struct arena *a = arena_new();
	for (size_t n = 1; n < 70000; n = n * 3 + 1) {
		unsigned char *p = arena_alloc(a, n);
		assert_int_equal((uintptr_t)p % 16, 0);
		for (size_t i = 0; i < n; i++)
			assert_int_equal(p[i], 0);
		memset(p, 0xab, n);
	}
	/* A large one-off block does not take the place of the current one. */
	char *small1 = arena_alloc(a, 8), *big = arena_alloc(a, 100000),
	     *small2 = arena_alloc(a, 8);
	assert_non_null(big);
	assert_int_equal(small2 - small1, 16);
	arena_free(a);
	arena_free(NULL); /* a no-op */
}

static void strings(void **state)
{
	(void)state;
	struct arena *a = arena_new();
	assert_string_equal(arena_strdup(a, "駆け込み寺"), "駆け込み寺");
	assert_string_equal(arena_strndup(a, "abcdef", 3), "abc");
	assert_string_equal(arena_printf(a, "%s/%lld", "/requests", 42LL), "/requests/42");
	char *long_text = arena_printf(a, "%05000d", 7);
	assert_int_equal(strlen(long_text), 5000);
	arena_free(a);
}

static void buffers_grow_and_stay_terminated(void **state)
{
	(void)state;
	struct arena *a = arena_new();
	struct buf b;
	buf_init(&b, a);
	assert_string_equal(b.p, "");
	for (int i = 0; i < 10000; i++)
		buf_putc(&b, 'x');
	buf_puts(&b, "end");
	buf_printf(&b, "%d", 12);
	buf_add(&b, "\0z", 2);
	assert_int_equal(b.len, 10007);
	assert_memory_equal(b.p + 10000, "end12\0z", 7);
	assert_int_equal(b.p[b.len], '\0');
	arena_free(a);
}

static void url_arguments(void **state)
{
	(void)state;
	struct arena *a = arena_new();
	struct buf b;
	buf_init(&b, a);
	buf_url_arg(&b, "/requests/1?x=a b&c");
	assert_string_equal(b.p, "%2Frequests%2F1%3Fx%3Da%20b%26c");
	buf_init(&b, a);
	buf_url_arg(&b, "詐欺-_.~");
	assert_string_equal(b.p, "%E8%A9%90%E6%AC%BA-_.~");
	arena_free(a);
}

int main(void)
{
	const struct CMUnitTest tests[] = {
	    cmocka_unit_test(allocations_are_zeroed_and_aligned),
	    cmocka_unit_test(strings),
	    cmocka_unit_test(buffers_grow_and_stay_terminated),
	    cmocka_unit_test(url_arguments),
	};
	return cmocka_run_group_tests_name("arena", tests, NULL, NULL);
}
