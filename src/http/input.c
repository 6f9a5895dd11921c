#include "http/input.h"

#include <string.h>

struct raw_value input_raw(struct req *r, const char *name)
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
		struct raw_value raw = input_raw(r, spec[i].name);
		if (validate_field(&spec[i], &raw, r->a, &out[i], err) < 0)
			return -1;
	}
	return 0;
}

const char *input_form_value(struct req *r, const char *name)
{
	for (struct form_field *f = r->form; f; f = f->next)
		if (strcmp(f->name, name) == 0)
			return f->value.p;
	return "";
}

int input_list(struct req *r, const char *name, struct raw_value *out, int max)
{
	int n = 0;
	if (r->json) {
		json_t *arr = json_object_get(r->json, name);
		if (!arr || json_is_null(arr))
			return 0;
		if (!json_is_array(arr) || (int)json_array_size(arr) > max)
			return -1;
		size_t i;
		json_t *v;
		json_array_foreach(arr, i, v)
		{
			if (!json_is_string(v))
				return -1;
			out[n].kind = RAW_STRING;
			out[n].s = json_string_value(v);
			out[n].len = json_string_length(v);
			n++;
		}
		return n;
	}
	/* The form parser prepends, so walk to collect in reverse, then flip. */
	for (struct form_field *f = r->form; f; f = f->next) {
		if (strcmp(f->name, name) != 0 || f->value.len == 0)
			continue;
		if (n == max)
			return -1;
		out[n].kind = RAW_STRING;
		out[n].s = f->value.p;
		out[n].len = f->value.len;
		n++;
	}
	for (int i = 0; i < n / 2; i++) {
		struct raw_value t = out[i];
		out[i] = out[n - 1 - i];
		out[n - 1 - i] = t;
	}
	return n;
}
