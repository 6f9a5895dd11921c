/* validate.h — declared input fields and their strict validators.
 *
 * Every handler declares its fields in a table of struct field_spec. A raw
 * value (from a form or a JSON body) is either absent or checked against its
 * spec: valid UTF-8 without NUL or control characters, trimmed, normalised,
 * within its length in characters, of the right shape. The handler receives
 * only valid values; the first error names the field and a stable code.
 */
#ifndef KK_VALIDATE_H
#define KK_VALIDATE_H

#include "util/arena.h"

#include <stdbool.h>
#include <stddef.h>

enum field_type {
	FT_TEXT,     /* one line of text; NFC, trimmed */
	FT_LINES,    /* several lines; NFC, trimmed, CRLF -> LF */
	FT_EMAIL,    /* address with one @, lower-cased */
	FT_PASSWORD, /* NFKC, not trimmed */
	FT_ENUM,     /* one of choices[] */
	FT_PREF,     /* JIS X 0401 code "01".."47" */
	FT_INT,      /* integer within [min, max] */
	FT_BOOL,     /* JSON true/false, or form "1"/"on"/"true" vs "0"/"off"/"false" */
};

struct field_spec {
	const char *name;
	enum field_type type;
	bool required;
	int min, max;               /* characters for text, value for FT_INT */
	const char *const *choices; /* NULL-terminated, for FT_ENUM */
};

enum raw_kind { RAW_ABSENT, RAW_STRING, RAW_INT, RAW_BOOL, RAW_OTHER };

struct raw_value {
	enum raw_kind kind;
	const char *s; /* RAW_STRING: bytes, may contain NUL */
	size_t len;
	long long n; /* RAW_INT, RAW_BOOL */
};

struct field_val {
	bool present;
	const char *s; /* normalised, NUL-terminated, arena-owned */
	size_t len;
	long long n;
};

struct field_error {
	const char *field;
	const char
	    *code; /* required, type, utf8, control, too_short, too_long, format, choice, range */
	int limit;
};

/* Validate one value. Returns 0 and fills out, or -1 and fills err. */
int validate_field(const struct field_spec *spec, const struct raw_value *raw, struct arena *a,
                   struct field_val *out, struct field_error *err);

/* Number of characters (code points) in valid UTF-8, or -1 when invalid. */
long utf8_length(const char *s, size_t len);

#endif
