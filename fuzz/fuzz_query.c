/* Any typed search: the tokenizer and the query builder make an FTS5 query (or none)
 * without reading past the input. */
#include "domain/bigram.h"
#include "domain/qa_query.h"
#include "util/arena.h"

#include <stdbool.h>
#include <stdint.h>
#include <string.h>

static int count(void *ctx, const char *token, int len, int start, int end, bool flags)
{
	(void)token, (void)start, (void)end, (void)flags;
	*(int *)ctx += len;
	return 0;
}

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
	struct arena *a = arena_new();
	char *typed = arena_strndup(a, (const char *)data, size);
	int n = 0;
	bigram_tokenize(typed, (int)strlen(typed), true, count, &n);
	bigram_tokenize(typed, (int)strlen(typed), false, count, &n);
	qa_match_query(a, typed);
	qa_similar_query(a, typed);
	arena_free(a);
	return 0;
}
