/* req.h — one HTTP request as the handlers see it, and the replies.
 *
 * Everything a request allocates lives in r->a and is freed in one place when
 * libmicrohttpd reports the request complete. Handlers read validated input
 * (input.h), call the store and the view, and end with exactly one reply_*().
 */
#ifndef KK_REQ_H
#define KK_REQ_H

#include "http/route.h"
#include "http/validate.h"
#include "util/arena.h"

#include <jansson.h>
#include <stdbool.h>
#include <stdint.h>

#define BODY_MAX (1024 * 1024)
/* The most fields a form may have: more is refused (413) before anything else runs. */
#define FORM_FIELDS_MAX 500

enum role {
	ROLE_SME = 1 << 0,
	ROLE_EXPERT = 1 << 1,
	ROLE_DESK = 1 << 2,
	ROLE_ADMIN = 1 << 3,
};
#define ROLES_ANY (ROLE_SME | ROLE_EXPERT | ROLE_DESK | ROLE_ADMIN)

int role_from_name(const char *name); /* 0 when unknown */

struct user {
	int64_t id;
	const char *email, *display_name, *role_name, *prefecture;
	int role;
	int64_t session_id;
	bool bearer; /* authenticated by Authorization: Bearer (API) rather than cookie */
};

struct form_field {
	const char *name;
	struct buf value;
	struct form_field *next;
};

struct header {
	const char *name, *value;
};

struct MHD_Connection;
struct MHD_PostProcessor;
struct db;
struct req;

/* What the application brings to the server (see http/server.h). Every hook is required. */
struct server_app {
	const struct route *routes;
	size_t nroutes;
	/* The calling thread's database connection, or NULL when it cannot be opened. */
	struct db *(*db)(void);
	/* Before any routed handler but RF_BARE ones: fill r->user, r->lang, r->client_token,
	 * r->csrf. */
	void (*identify)(struct req *r);
	/* For a state-changing request: may it proceed (CSRF token, or a bearer API call)? */
	bool (*csrf_ok)(struct req *r);
	/* Render the error reply for status and code (an HTML page or a JSON body) with
	 * reply_html / reply_json. */
	void (*error)(struct req *r, int status, const char *code);
};

struct req {
	struct MHD_Connection *conn;
	const struct server_app *app;
	struct arena *a;
	struct db *db;
	const char *method, *path, *ip;
	bool is_api, is_head, is_post;
	const char *lang; /* "ja" or "en" */
	struct user *user;
	const char *client_token; /* session token or anonymous token behind the CSRF token */
	const char *csrf;         /* the CSRF token forms must carry */
	const char *flash;        /* a catalog key to show once on this page, or NULL */
	int unread;               /* the user's unread notifications, for the page's header */
	const struct route *route;
	struct route_param params[ROUTE_MAX_PARAMS];
	size_t nparams;

	/* body */
	size_t body_len;
	bool body_too_large; /* over BODY_MAX, or a form of over FORM_FIELDS_MAX fields */
	int nform;           /* fields of the form so far */
	struct buf body;
	struct MHD_PostProcessor *pp;
	struct form_field *form;
	json_t *json;

	/* reply, queued by the server once the handler returns */
	int status;
	const char *out_body, *out_type;
	size_t out_len;
	bool replied, no_store;
	struct header headers[12];
	int nheaders;
	uint64_t t0_us;
	char id[33]; /* the request's id: X-Request-Id of the answer, in its log lines */
};

/* Query-string value, or NULL. */
const char *req_query(struct req *r, const char *name);
/* Request header, or NULL. */
const char *req_header(struct req *r, const char *name);
const char *req_cookie(struct req *r, const char *name);
/* Route parameter i as an arena string; as a positive integer id or -1. */
const char *req_param(struct req *r, size_t i);
int64_t req_param_id(struct req *r, size_t i);

/* Add a response header (at most 12; name and value must outlive the request). */
void req_add_header(struct req *r, const char *name, const char *value);
/* Cookie: HttpOnly, SameSite=Lax, Path=/, Secure when configured. max_age < 0: session cookie;
 * 0: delete. */
void req_set_cookie(struct req *r, const char *name, const char *value, long max_age);

/* Replies. Each ends the request; the body is arena memory. */
void reply_html(struct req *r, int status, struct buf *body);
void reply_text(struct req *r, int status, const char *content_type, const char *body, size_t len);
void reply_json(struct req *r, int status, json_t *body); /* steals the reference */
void reply_redirect(struct req *r, const char *location); /* 303 See Other, local paths only */
/* An error reply with status: the application's page (HTML) or {"error":{code,message}} (API),
 * through r->app->error; plain text when there is no application yet. */
void reply_error(struct req *r, int status, const char *code);

/* Server options, set once before serving. */
struct server_options {
	const char *listen;
	int threads;
	bool secure_cookies;
	bool trust_proxy;
	const char *metrics_allow; /* addresses /metrics answers, comma-separated */
};
extern struct server_options server_opts;

#endif
