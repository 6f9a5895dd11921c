#include "http/input.h"

#include <string.h>

static struct raw_value raw_of(struct req *r, const char *name)
{
	struct raw_value v = {RAW_ABSENT, NULL, 0, 0};
	if (r->json) {
		json_t *j = json_object_get(r->json, name);
		if (!j || json_is_null(j))
			return v;
		if (json_is_string(j)) {
			v.kind = RAW_STRING;
			v.s = json_string_value(j);
			v.len = json_string_length(j);
		} else if (json_is_integer(j)) {
			v.kind = RAW_INT;
			v.n = json_integer_value(j);
		} else if (json_is_boolean(j)) {
			v.kind = RAW_BOOL;
			v.n = json_is_true(j);
		} else {
			v.kind = RAW_OTHER;
		}
		return v;
	}
	for (struct form_field *f = r->form; f; f = f->next) {
		if (strcmp(f->name, name) == 0) {
			v.kind = RAW_STRING;
			v.s = f->value.p;
			v.len = f->value.len;
			break;
		}
	}
	return v;
}

int input_read(struct req *r, const struct field_spec *spec, size_t n, struct field_val *out,
               struct field_error *err)
{
	for (size_t i = 0; i < n; i++) {
		struct raw_value raw = raw_of(r, spec[i].name);
		if (validate_field(&spec[i], &raw, r->a, &out[i], err) < 0)
			return -1;
	}
	return 0;
}

bool input_or_reply(struct req *r, const struct field_spec *spec, size_t n, struct field_val *out)
{
	struct field_error err;
	if (input_read(r, spec, n, out, &err) == 0)
		return true;
	reply_invalid(r, &err);
	return false;
}

const char *input_form_value(struct req *r, const char *name)
{
	for (struct form_field *f = r->form; f; f = f->next)
		if (strcmp(f->name, name) == 0)
			return f->value.p;
	return "";
}
