#include "http/validate.h"

#include <ctype.h>
#include <stdlib.h>
#include <string.h>
#include <utf8proc.h>

long utf8_length(const char *s, size_t len)
{
	long n = 0;
	utf8proc_int32_t cp;
	while (len > 0) {
		utf8proc_ssize_t k =
		    utf8proc_iterate((const utf8proc_uint8_t *)s, (utf8proc_ssize_t)len, &cp);
		if (k <= 0)
			return -1;
		s += k;
		len -= (size_t)k;
		n++;
	}
	return n;
}

static int fail(struct field_error *err, const struct field_spec *spec, const char *code, int limit)
{
	err->field = spec->name;
	err->code = code;
	err->limit = limit;
	return -1;
}

/* An empty value: an error when the field is required, else the field is absent. */
static int empty(struct field_error *err, const struct field_spec *spec, struct field_val *out)
{
	if (spec->required)
		return fail(err, spec, "required", 0);
	out->present = false;
	return 0;
}

/* Refuse NUL, C0 controls (but tab and, when allowed, newlines), DEL and C1 controls. */
static bool has_control(const char *s, size_t len, bool lines)
{
	utf8proc_int32_t cp;
	while (len > 0) {
		utf8proc_ssize_t k =
		    utf8proc_iterate((const utf8proc_uint8_t *)s, (utf8proc_ssize_t)len, &cp);
		if (cp == '\n' || cp == '\r') {
			if (!lines)
				return true;
		} else if ((cp < 0x20 && cp != '\t') || (cp >= 0x7f && cp < 0xa0)) {
			return true;
		}
		s += k;
		len -= (size_t)k;
	}
	return false;
}

static bool is_space_at(const char *s, size_t len, size_t *w)
{
	if (len >= 1 && (s[0] == ' ' || s[0] == '\t' || s[0] == '\n' || s[0] == '\r')) {
		*w = 1;
		return true;
	}
	if (len >= 3 && memcmp(s, "\xe3\x80\x80", 3) == 0) { /* U+3000 ideographic space */
		*w = 3;
		return true;
	}
	return false;
}

static void trim(const char **s, size_t *len)
{
	size_t w;
	while (*len > 0 && is_space_at(*s, *len, &w)) {
		*s += w;
		*len -= w;
	}
	while (*len > 0) {
		const char *e = *s + *len;
		if (e[-1] == ' ' || e[-1] == '\t' || e[-1] == '\n' || e[-1] == '\r')
			*len -= 1;
		else if (*len >= 3 && memcmp(e - 3, "\xe3\x80\x80", 3) == 0)
			*len -= 3;
		else
			break;
	}
}

/* Normalise with utf8proc into the arena. */
static char *normalise(struct arena *a, const char *s, size_t len, utf8proc_option_t opt,
                       size_t *outlen)
{
	utf8proc_uint8_t *dst = NULL;
	utf8proc_ssize_t n = utf8proc_map((const utf8proc_uint8_t *)s, (utf8proc_ssize_t)len, &dst,
	                                  opt | UTF8PROC_STABLE);
	if (n < 0)
		return NULL;
	char *p = arena_strndup(a, (const char *)dst, (size_t)n);
	free(dst);
	*outlen = (size_t)n;
	return p;
}

static bool email_ok(const char *s, size_t len)
{
	const char *at = memchr(s, '@', len);
	if (!at || at == s || at == s + len - 1 || memchr(at + 1, '@', (size_t)(s + len - at - 1)))
		return false;
	const char *dot = memchr(at + 1, '.', (size_t)(s + len - at - 1));
	if (!dot || dot == at + 1 || dot == s + len - 1)
		return false;
	for (size_t i = 0; i < len; i++)
		if (s[i] == ' ' || s[i] == '\t' || s[i] == '<' || s[i] == '>' || s[i] == ',' ||
		    s[i] == ';' || s[i] == '"')
			return false;
	return true;
}

static int validate_text(const struct field_spec *spec, const struct raw_value *raw,
                         struct arena *a, struct field_val *out, struct field_error *err)
{
	const char *s = raw->s;
	size_t len = raw->len;
	if (memchr(s, '\0', len))
		return fail(err, spec, "control", 0);
	if (utf8_length(s, len) < 0)
		return fail(err, spec, "utf8", 0);
	bool lines = spec->type == FT_LINES;
	if (has_control(s, len, lines))
		return fail(err, spec, "control", 0);
	if (spec->type != FT_PASSWORD)
		trim(&s, &len);
	if (len == 0)
		return empty(err, spec, out);
	utf8proc_option_t opt =
	    spec->type == FT_PASSWORD ? UTF8PROC_COMPOSE | UTF8PROC_COMPAT : UTF8PROC_COMPOSE;
	if (lines)
		opt |= UTF8PROC_NLF2LF;
	size_t nlen;
	char *norm = normalise(a, s, len, opt, &nlen);
	if (!norm)
		return fail(err, spec, "utf8", 0);
	long chars = utf8_length(norm, nlen);
	if (spec->min > 0 && chars < spec->min)
		return fail(err, spec, "too_short", spec->min);
	if (spec->max > 0 && chars > spec->max)
		return fail(err, spec, "too_long", spec->max);
	if (spec->type == FT_EMAIL) {
		for (size_t i = 0; i < nlen; i++)
			norm[i] = (char)tolower((unsigned char)norm[i]);
		if (!email_ok(norm, nlen))
			return fail(err, spec, "format", 0);
	}
	if (spec->type == FT_ENUM) {
		const char *const *c = spec->choices;
		while (*c && strcmp(*c, norm) != 0)
			c++;
		if (!*c)
			return fail(err, spec, "choice", 0);
	}
	if (spec->type == FT_PREF) {
		int code = (nlen == 2 && isdigit((unsigned char)norm[0]) &&
		            isdigit((unsigned char)norm[1]))
		               ? (norm[0] - '0') * 10 + (norm[1] - '0')
		               : 0;
		if (code < 1 || code > 47)
			return fail(err, spec, "choice", 0);
	}
	out->present = true;
	out->s = norm;
	out->len = nlen;
	return 0;
}

static int validate_int(const struct field_spec *spec, const struct raw_value *raw,
                        struct field_val *out, struct field_error *err)
{
	long long v;
	if (raw->kind == RAW_INT) {
		v = raw->n;
	} else if (raw->kind == RAW_STRING) {
		char tmp[24];
		size_t len = raw->len;
		const char *s = raw->s;
		trim(&s, &len);
		if (len == 0)
			return empty(err, spec, out);
		if (len >= sizeof tmp || memchr(s, '\0', len))
			return fail(err, spec, "type", 0);
		memcpy(tmp, s, len);
		tmp[len] = '\0';
		char *end;
		v = strtoll(tmp, &end, 10);
		if (*end || end == tmp)
			return fail(err, spec, "type", 0);
	} else {
		return fail(err, spec, "type", 0);
	}
	if (v < spec->min || v > spec->max)
		return fail(err, spec, "range", spec->max);
	out->present = true;
	out->n = v;
	return 0;
}

static int validate_bool(const struct field_spec *spec, const struct raw_value *raw,
                         struct field_val *out, struct field_error *err)
{
	if (raw->kind == RAW_BOOL) {
		out->n = raw->n;
	} else if (raw->kind == RAW_STRING) {
		static const char *const yes[] = {"1", "on", "true", "yes"};
		static const char *const no[] = {"0", "off", "false", "no"};
		out->n = -1;
		for (size_t i = 0; i < 4; i++) {
			if (raw->len == strlen(yes[i]) && memcmp(raw->s, yes[i], raw->len) == 0)
				out->n = 1;
			if (raw->len == strlen(no[i]) && memcmp(raw->s, no[i], raw->len) == 0)
				out->n = 0;
		}
		if (out->n < 0)
			return fail(err, spec, "type", 0);
	} else {
		return fail(err, spec, "type", 0);
	}
	out->present = true;
	return 0;
}

int validate_field(const struct field_spec *spec, const struct raw_value *raw, struct arena *a,
                   struct field_val *out, struct field_error *err)
{
	memset(out, 0, sizeof *out);
	if (raw->kind == RAW_ABSENT)
		return empty(err, spec, out);
	switch (spec->type) {
	case FT_INT:
		return validate_int(spec, raw, out, err);
	case FT_BOOL:
		return validate_bool(spec, raw, out, err);
	default:
		if (raw->kind != RAW_STRING)
			return fail(err, spec, "type", 0);
		return validate_text(spec, raw, a, out, err);
	}
}
