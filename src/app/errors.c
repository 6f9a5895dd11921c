#include "app/errors.h"
#include "http/input.h"
#include "view/i18n.h"
#include "view/layout.h"

void app_error_reply(struct req *r, int status, const char *code)
{
	const char *msg = i18n_get(r->lang, arena_printf(r->a, "error.%s", code));
	if (!r->is_api) {
		struct buf b;
		buf_init(&b, r->a);
		page_error(r, &b, status, msg);
		reply_html(r, status, &b);
		return;
	}
	json_t *j = json_pack("{s:{s:s,s:s}}", "error", "code", code, "message", msg);
	reply_json(r, status, j);
}

void reply_invalid(struct req *r, const struct field_error *e)
{
	const char *msg = field_error_message(r, e);
	if (!r->is_api) {
		struct buf b;
		buf_init(&b, r->a);
		page_error(r, &b, 400, msg);
		reply_html(r, 400, &b);
		return;
	}
	json_t *j = json_pack("{s:{s:s,s:s,s:s,s:s}}", "error", "code", "invalid", "field",
	                      e->field, "reason", e->code, "message", msg);
	reply_json(r, 400, j);
}

bool input_or_reply(struct req *r, const struct field_spec *spec, size_t n, struct field_val *out)
{
	struct field_error err = {0};
	if (input_read(r, spec, n, out, &err) == 0)
		return true;
	reply_invalid(r, &err);
	return false;
}

void reply_result(struct req *r, int rc, const struct field_error *why)
{
	switch (rc) {
	case KK_INVALID:
		reply_invalid(r, why);
		return;
	case KK_NOTFOUND:
		reply_error(r, 404, "not_found");
		return;
	case KK_FORBIDDEN:
		reply_error(r, 403, why && why->code ? why->code : "forbidden");
		return;
	case KK_CONFLICT:
		reply_error(r, 409, why->code);
		return;
	case KK_THROTTLED:
		reply_error(r, 429, "throttled");
		return;
	default:
		reply_error(r, 500, "internal");
	}
}

bool ok_or_reply(struct req *r, int rc, const struct field_error *why)
{
	if (rc != KK_OK)
		reply_result(r, rc, why);
	return rc == KK_OK;
}
