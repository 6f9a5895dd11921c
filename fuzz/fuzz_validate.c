/* Any bytes as a field of every declared type: validate_field answers with a value
 * that is valid UTF-8 within its limits, or a named error; it never reads past the end. */
#include "http/validate.h"
#include "util/arena.h"

#include <stdint.h>
#include <string.h>

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
	static const char *const choices[] = {"advice", "incident", NULL};
	static const struct field_spec specs[] = {
	    {"t", FT_TEXT, true, 1, 100, NULL},  {"l", FT_LINES, false, 0, 4000, NULL},
	    {"e", FT_EMAIL, true, 3, 254, NULL}, {"p", FT_PASSWORD, true, 8, 256, NULL},
	    {"c", FT_ENUM, true, 0, 0, choices}, {"r", FT_PREF, true, 0, 0, NULL},
	    {"i", FT_INT, true, 1, 1000, NULL},  {"b", FT_BOOL, false, 0, 0, NULL},
	};
	struct arena *a = arena_new();
	struct raw_value raw = {RAW_STRING, (const char *)data, size, 0};
	for (size_t i = 0; i < sizeof specs / sizeof *specs; i++) {
		struct field_val v;
		struct field_error err;
		if (validate_field(&specs[i], &raw, a, &v, &err) == 0 && v.s &&
		    utf8_length(v.s, strlen(v.s)) < 0)
			__builtin_trap(); /* a value that passed must be valid UTF-8 */
	}
	arena_free(a);
	return 0;
}
