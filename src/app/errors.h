/* errors.h — how a failure reaches the user: one place that turns an error
 * code or a field error into the HTTP status and the body (an HTML page for a
 * browser, {"error":{...}} for the API), in the caller's language. */
#ifndef KK_APP_ERRORS_H
#define KK_APP_ERRORS_H

#include "http/req.h"
#include "util/result.h"

/* The server's error hook: an error page (HTML) or {"error":{code,message}} (API) with status;
 * the message is the catalog's "error.CODE". */
void app_error_reply(struct req *r, int status, const char *code);

/* The reply for a failed result rc (util/result.h): KK_INVALID 400 naming why's field,
 * KK_NOTFOUND 404, KK_FORBIDDEN 403 ("forbidden", or why->code when set), KK_CONFLICT 409
 * with why->code, anything else 500. why may be NULL unless rc is KK_INVALID or KK_CONFLICT. */
void reply_result(struct req *r, int rc, const struct field_error *why);

/* True when rc is KK_OK; else replies as reply_result does and returns false, so a handler
 * reads `if (ok_or_reply(r, action(...), &why)) reply_json(...);`. */
bool ok_or_reply(struct req *r, int rc, const struct field_error *why);

/* 400 naming the field, in the caller's language. */
void reply_invalid(struct req *r, const struct field_error *e);

/* As input_read, but on error replies 400 naming the field and returns false. */
bool input_or_reply(struct req *r, const struct field_spec *spec, size_t n, struct field_val *out);

#endif
