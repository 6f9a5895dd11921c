#include "app/session.h"
#include "app/assessment.h"
#include "domain/token.h"
#include "store/notifications.h"
#include "store/sessions.h"
#include "view/i18n.h"

#include <string.h>

static unsigned char secret[32];

int session_init(struct db *db)
{
	return settings_secret(db, secret);
}

static void set_csrf(struct req *r, const char *base)
{
	char *csrf = arena_alloc(r->a, TOKEN_TEXT);
	token_csrf(secret, base, csrf);
	r->client_token = base;
	r->csrf = csrf;
}

/* The caller as the handlers see it: acc, in session session_id. */
static struct user *user_of(struct req *r, const struct account *acc, int64_t session_id)
{
	struct user *u = arena_alloc(r->a, sizeof *u);
	u->id = acc->id;
	u->email = acc->email;
	u->display_name = acc->display_name;
	u->role_name = acc->role;
	u->role = role_from_name(acc->role);
	u->prefecture = acc->prefecture;
	u->session_id = session_id;
	return u;
}

/* Look the token up; apply the idle and absolute timeouts; load the account. */
static struct user *lookup(struct req *r, const char *token, const char *kind)
{
	unsigned char h[TOKEN_HASH];
	struct session s;
	if (!token_hash(token, h) || sessions_find(r->db, h, &s) != KK_OK || strcmp(s.kind, kind))
		return NULL;
	int64_t now = db_now();
	if (now - s.last_seen_at > SESSION_IDLE_SECONDS ||
	    now - s.created_at > SESSION_MAX_SECONDS) {
		sessions_delete(r->db, s.id);
		return NULL;
	}
	struct account acc;
	if (accounts_by_id(r->db, r->a, s.account_id, &acc) != KK_OK)
		return NULL;
	/* Record activity at most once a minute so reads stay reads. */
	if (now - s.last_seen_at >= 60)
		sessions_touch(r->db, s.id, now);
	struct user *u = user_of(r, &acc, s.id);
	/* Pages count unread notifications in the header. */
	if (!r->is_api && strcmp(r->method, "GET") == 0)
		r->unread = notifications_unread(r->db, acc.id);
	/* A message left by the last action shows on the next page a person opens. */
	if (s.flash[0] && !r->is_api && strcmp(r->method, "GET") == 0 &&
	    sessions_set_flash(r->db, s.id, NULL) == KK_OK)
		r->flash = arena_strdup(r->a, s.flash);
	return u;
}

void session_resolve(struct req *r)
{
	const char *lang = i18n_lang(req_cookie(r, COOKIE_LANG));
	if (!lang && r->is_api)
		lang = i18n_lang(req_header(r, "Accept-Language"));
	r->lang = lang ? lang : "ja";

	const char *auth = req_header(r, "Authorization");
	if (auth && strncmp(auth, "Bearer ", 7) == 0) {
		r->user = lookup(r, auth + 7, "api");
		if (r->user)
			r->user->bearer = true;
		return;
	}
	const char *cookie = req_cookie(r, COOKIE_SESSION);
	if (cookie && (r->user = lookup(r, cookie, "web"))) {
		set_csrf(r, cookie);
		return;
	}
	if (cookie)
		req_set_cookie(r, COOKIE_SESSION, "", 0);
	if (r->is_api)
		return; /* API clients without a session need no anonymous token */
	const char *anon = req_cookie(r, COOKIE_ANON);
	unsigned char h[TOKEN_HASH];
	if (!anon || !token_hash(anon, h)) {
		char *t = arena_alloc(r->a, TOKEN_TEXT);
		token_new(t);
		req_set_cookie(r, COOKIE_ANON, t, -1);
		anon = t;
	}
	set_csrf(r, anon);
}

bool session_csrf_ok(struct req *r)
{
	/* Bearer calls carry no ambient authority; anonymous API calls must be JSON,
	 * which a cross-site form cannot send. */
	if (r->is_api && (!r->user || r->user->bearer))
		return true;
	if (!r->csrf)
		return false;
	const char *sent = NULL;
	for (struct form_field *f = r->form; f; f = f->next)
		if (strcmp(f->name, "csrf") == 0)
			sent = f->value.p;
	if (!sent)
		sent = req_header(r, "X-CSRF-Token");
	/* A new anonymous cookie was just minted: nothing sent can match it. */
	return sent && token_equal(sent, r->csrf);
}

const char *session_start(struct req *r, const struct account *acc, const char *kind)
{
	char *token = arena_alloc(r->a, TOKEN_TEXT);
	unsigned char h[TOKEN_HASH];
	int64_t id;
	token_new(token);
	token_hash(token, h);
	if (sessions_create(r->db, h, acc->id, kind, &id) != KK_OK)
		return NULL;
	if (strcmp(kind, "web") == 0) {
		req_set_cookie(r, COOKIE_SESSION, token, SESSION_MAX_SECONDS);
		set_csrf(r, token);
		r->user = user_of(r, acc, id); /* logged in from here on, for this request too */
		assessment_claim(
		    r); /* a self-check taken before logging in becomes the company's */
	}
	return token;
}

void session_end(struct req *r)
{
	if (!r->user)
		return;
	sessions_delete(r->db, r->user->session_id);
	if (!r->user->bearer)
		req_set_cookie(r, COOKIE_SESSION, "", 0);
}

void session_flash(struct req *r, const char *key)
{
	if (r->user && !r->user->bearer)
		sessions_set_flash(r->db, r->user->session_id, key);
}

void reply_done(struct req *r, const char *location, const char *flash_key)
{
	session_flash(r, flash_key);
	reply_redirect(r, location);
}
