/* reply.c — request accessors and the replies every handler ends with. */
#include "http/req.h"

#include <microhttpd.h>
#include <stdlib.h>
#include <string.h>

int role_from_name(const char *name)
{
	static const struct {
		const char *name;
		int role;
	} roles[] = {
	    {"sme", ROLE_SME}, {"expert", ROLE_EXPERT}, {"desk", ROLE_DESK}, {"admin", ROLE_ADMIN}};
	for (size_t i = 0; name && i < sizeof roles / sizeof *roles; i++)
		if (strcmp(roles[i].name, name) == 0)
			return roles[i].role;
	return 0;
}

const char *req_query(struct req *r, const char *name)
{
	return MHD_lookup_connection_value(r->conn, MHD_GET_ARGUMENT_KIND, name);
}

const char *req_header(struct req *r, const char *name)
{
	return MHD_lookup_connection_value(r->conn, MHD_HEADER_KIND, name);
}

const char *req_cookie(struct req *r, const char *name)
{
	return MHD_lookup_connection_value(r->conn, MHD_COOKIE_KIND, name);
}

const char *req_param(struct req *r, size_t i)
{
	if (i >= r->nparams)
		return "";
	return arena_strndup(r->a, r->params[i].s, r->params[i].len);
}

int64_t req_param_id(struct req *r, size_t i)
{
	const char *s = req_param(r, i);
	if (!*s || strlen(s) > 18 || strspn(s, "0123456789") != strlen(s) || s[0] == '0')
		return -1;
	return strtoll(s, NULL, 10);
}

void req_add_header(struct req *r, const char *name, const char *value)
{
	if (r->nheaders < (int)(sizeof r->headers / sizeof *r->headers)) {
		r->headers[r->nheaders].name = name;
		r->headers[r->nheaders].value = value;
		r->nheaders++;
	}
}

/* Cookie values are our own tokens or language codes: never user text. */
void req_set_cookie(struct req *r, const char *name, const char *value, long max_age)
{
	struct buf b;
	buf_init(&b, r->a);
	buf_printf(&b, "%s=%s; Path=/; HttpOnly; SameSite=Lax", name, value);
	if (max_age >= 0)
		buf_printf(&b, "; Max-Age=%ld", max_age);
	if (server_opts.secure_cookies)
		buf_puts(&b, "; Secure");
	req_add_header(r, "Set-Cookie", b.p);
}

static void reply_raw(struct req *r, int status, const char *type, const char *body, size_t len)
{
	if (r->replied)
		return;
	r->replied = true;
	r->status = status;
	r->out_type = type;
	r->out_body = r->is_head ? "" : body;
	r->out_len = r->is_head ? 0 : len;
}

void reply_html(struct req *r, int status, struct buf *body)
{
	reply_raw(r, status, "text/html; charset=utf-8", body->p, body->len);
}

void reply_text(struct req *r, int status, const char *content_type, const char *body, size_t len)
{
	reply_raw(r, status, content_type, body, len);
}

void reply_json(struct req *r, int status, json_t *body)
{
	char *s = json_dumps(body, JSON_COMPACT);
	json_decref(body);
	if (!s) {
		reply_raw(r, 500, "application/json", "{}", 2);
		return;
	}
	char *copy = arena_strdup(r->a, s);
	free(s);
	reply_raw(r, status, "application/json", copy, strlen(copy));
}

void reply_redirect(struct req *r, const char *location)
{
	/* Only local paths: "/x" but never "//host" or "/\host". */
	if (!location || location[0] != '/' || location[1] == '/' || location[1] == '\\')
		location = "/";
	for (const unsigned char *p = (const unsigned char *)location; *p; p++)
		if (*p < 0x20 || *p == 0x7f)
			location = "/";
	req_add_header(r, "Location", arena_strdup(r->a, location));
	reply_raw(r, 303, "text/plain; charset=utf-8", "", 0);
}

void reply_error(struct req *r, int status, const char *code)
{
	if (r->app)
		r->app->error(r, status, code);
	/* Before there is an application, or when its renderer could not reply. */
	reply_raw(r, status, "text/plain; charset=utf-8", code, strlen(code));
}
