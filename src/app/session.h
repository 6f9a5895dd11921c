/* session.h — who is asking: sessions from cookie or bearer token, the
 * anonymous token, the CSRF token, the language, login and logout. */
#ifndef KK_SESSION_H
#define KK_SESSION_H

#include "http/req.h"
#include "store/accounts.h"

#define SESSION_IDLE_SECONDS (24 * 3600)
#define SESSION_MAX_SECONDS  (7 * 24 * 3600)
#define COOKIE_SESSION       "kk_session"
#define COOKIE_ANON          "kk_anon"
#define COOKIE_LANG          "kk_lang"

/* Load the server secret once, before serving. */
int session_init(struct db *db);

/* Fill r->user, r->lang, r->client_token and r->csrf from the request. */
void session_resolve(struct req *r);

/* For a state-changing request: true when it is a bearer API call, or carries the
 * right CSRF token (form field "csrf", or header X-CSRF-Token for scripts). */
bool session_csrf_ok(struct req *r);

/* Start a session for an account: "web" sets the cookie, "api" returns the token. */
const char *session_start(struct req *r, const struct account *acc, const char *kind);
/* End the caller's session (cookie or bearer). */
void session_end(struct req *r);

/* Leave a one-time message for the next page, then send the browser to location. */
void reply_done(struct req *r, const char *location, const char *flash_key);
/* Leave a one-time message (a catalog key, "flash.*") for the next page the caller opens in
 * the browser; nothing for API calls. */
void session_flash(struct req *r, const char *key);

#endif
