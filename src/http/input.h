/* input.h — read a request's declared fields from its form or JSON body. */
#ifndef KK_INPUT_H
#define KK_INPUT_H

#include "http/req.h"

/* Validate every field of spec[0..n) into out[]. Returns 0, or -1 with *err set
 * for the first bad field. Nothing is written anywhere on error. */
int input_read(struct req *r, const struct field_spec *spec, size_t n, struct field_val *out,
               struct field_error *err);

/* The raw form value of name (for re-displaying a form), or "". */
const char *input_form_value(struct req *r, const char *name);

/* Raw value of name in the form or the JSON object (absent, string, int, bool, other). */
struct raw_value input_raw(struct req *r, const char *name);

/* Values of a list field: a JSON array of strings, or a repeated form field.
 * Returns how many (at most max) were put in out, or -1 when the field is not a
 * list of strings (or has more than max items). */
int input_list(struct req *r, const char *name, struct raw_value *out, int max);

#endif
