/* Any JSON body read through the declared field tables, as the API reads one: a field is
 * absent, valid within its limits, or named in the error; lists stay within their bounds. */
#include "http/input.h"
#include "util/arena.h"

#include <jansson.h>
#include <stdint.h>
#include <string.h>

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
	static const char *const kinds[] = {"advice", "incident", NULL};
	static const struct field_spec spec[] = {
	    {"kind", FT_ENUM, true, 0, 0, kinds},
	    {"description", FT_LINES, true, 1, 4000, NULL},
	    {"prefecture", FT_PREF, false, 0, 0, NULL},
	    {"hours", FT_INT, false, 1, 100, NULL},
	    {"on_call", FT_BOOL, false, 0, 0, NULL},
	    {"email", FT_EMAIL, false, 3, 254, NULL},
	};
	json_t *j = json_loadb((const char *)data, size, JSON_DECODE_ANY, NULL);
	if (!j)
		return 0;
	struct arena *a = arena_new();
	struct req r = {.a = a, .json = json_is_object(j) ? j : NULL};
	struct field_val v[sizeof spec / sizeof *spec];
	struct field_error err = {0};
	if (input_read(&r, spec, sizeof spec / sizeof *spec, v, &err) < 0 && !err.field)
		__builtin_trap(); /* an error always names its field */
	struct raw_value list[8];
	int n = input_list(&r, "topics", list, 8);
	if (n > 8)
		__builtin_trap();
	arena_free(a);
	json_decref(j);
	return 0;
}
