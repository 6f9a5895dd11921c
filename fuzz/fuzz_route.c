/* Any request path against route patterns: the parameters found are inside the path. */
#include "http/route.h"
#include "util/arena.h"

#include <stdint.h>
#include <string.h>

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
	static const char *const patterns[] = {
	    "/",           "/requests/{id}", "/qa/answers/{id}/best",
	    "/map/{code}", "/static/{file}", "/api/v1/assessments/{id}/simulate"};
	struct arena *a = arena_new();
	char *path = arena_strndup(a, (const char *)data, size);
	for (size_t i = 0; i < sizeof patterns / sizeof *patterns; i++) {
		struct route_param params[8];
		size_t n = 8;
		route_match(patterns[i], path, params, &n);
	}
	arena_free(a);
	return 0;
}
