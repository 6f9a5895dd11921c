/* accounts_pages.c — sign-up, login, logout, the account page and password
 * change, and the language switch: the browser side of accounts. */
#include "store/sessions.h"
#include "app/errors.h"
#include "app/accounts.h"
#include "app/privacy.h"
#include "domain/token.h"
#include "store/notifications.h"
#include "app/handlers.h"
#include "app/session.h"
#include "store/audit.h"
#include "store/prefectures.h"
#include "view/i18n.h"
#include "view/layout.h"
#include "view/links.h"

#include <string.h>

/* The error message for field name, when err names it. */
static const char *err_for(struct req *r, const struct field_error *err, const char *name)
{
	if (!err || !err->field || strcmp(err->field, name) != 0)
		return NULL;
	return field_error_message(r, err);
}

static void render_signup(struct req *r, int status, const struct field_error *err,
                          const char *message)
{
	struct buf b;
	page_start(r, &b, "signup.title");
	html_lit(&b, "<section class=\"card narrow\">");
	page_heading(&b, r, "signup.title", "signup.lead");
	if (message)
		page_notice(&b, "error", message);
	page_form_begin(&b, r, "/signup", "stack");
	const char *role = input_form_value(r, "role");
	if (!*role)
		role = req_query(r, "role") ? req_query(r, "role") : "sme";
	html_lit(&b, "<fieldset class=\"field\"><legend>");
	page_msg(&b, r, "field.role");
	html_lit(&b, "</legend>");
	static const char *const roles[] = {"sme", "expert"};
	for (int i = 0; i < 2; i++) {
		html_choice(&b, true, "role", roles[i], strcmp(role, roles[i]) == 0,
		            i18n_get(r->lang, arena_printf(r->a, "role.%s.signup", roles[i])));
	}
	const char *rerr = err_for(r, err, "role");
	if (rerr) {
		html_lit(&b, "<p class=\"field-error\">");
		html_text(&b, rerr);
		html_lit(&b, "</p>");
	}
	html_lit(&b, "</fieldset>");
	page_input(&b, r, "display_name",
	           &(struct input_opts){"text", input_form_value(r, "display_name"), "nickname",
	                                true, 50, err_for(r, err, "display_name")});
	page_input(&b, r, "email",
	           &(struct input_opts){"email", input_form_value(r, "email"), "email", true, 254,
	                                err_for(r, err, "email")});
	page_input(&b, r, "password",
	           &(struct input_opts){"password", NULL, "new-password", true, 256,
	                                err_for(r, err, "password")});
	html_lit(&b, "<p class=\"hint\">");
	page_msg(&b, r, "signup.password_hint");
	html_lit(&b, "</p>");
	page_prefecture_select(&b, r, "prefecture", input_form_value(r, "prefecture"),
	                       err_for(r, err, "prefecture"));
	html_lit(&b, "<div class=\"field consent\"><p class=\"hint\">");
	page_msg(&b, r, "signup.purpose");
	html_lit(&b, "</p><label class=\"choice\"><input type=\"checkbox\" name=\"consent\" "
	             "value=\"1\" required");
	if (*input_form_value(r, "consent"))
		html_lit(&b, " checked");
	html_lit(&b, "> ");
	page_msg(&b, r, "signup.consent");
	html_lit(&b, "</label>");
	const char *cerr = err_for(r, err, "consent");
	if (cerr) {
		html_lit(&b, "<p class=\"field-error\">");
		html_text(&b, cerr);
		html_lit(&b, "</p>");
	}
	html_lit(&b, "</div>");
	page_form_end(&b, r, "signup.submit", "primary");
	html_lit(&b, "<p>");
	page_msg(&b, r, "signup.have_account");
	html_lit(&b, " ");
	html_link(&b, "/login", i18n_get(r->lang, "nav.login"), NULL);
	html_lit(&b, "</p></section>");
	page_finish(r, &b, status);
}

void page_signup(struct req *r)
{
	if (r->user) {
		reply_redirect(r, "/account");
		return;
	}
	render_signup(r, 200, NULL, NULL);
}

void page_signup_post(struct req *r)
{
	struct field_val v[SU__MAX];
	struct field_error err = {0};
	if (input_read(r, signup_fields, SU__MAX, v, &err) < 0) {
		render_signup(r, 400, &err, field_error_message(r, &err));
		return;
	}
	if (!v[SU_CONSENT].present || !v[SU_CONSENT].n) {
		struct field_error need = {"consent", "required", 0};
		render_signup(r, 400, &need, field_error_message(r, &need));
		return;
	}
	struct account acc;
	int rc = auth_signup(r, v, &acc);
	if (rc == KK_CONFLICT) {
		struct field_error dup = {"email", "taken", 0};
		render_signup(r, 409, &dup, field_error_message(r, &dup));
		return;
	}
	if (rc != KK_OK || !session_start(r, &acc, "web")) {
		reply_error(r, 500, "internal");
		return;
	}
	/* What to do first: a company its profile (requests need it), an expert its profile. */
	if (strcmp(acc.role, "expert") == 0)
		reply_done(r, "/experts/me/edit", "flash.welcome_expert");
	else
		reply_done(r, "/company", "flash.welcome_sme");
}

/* Only local paths are followed after login. */
static const char *safe_next(const char *next)
{
	if (!next || next[0] != '/' || next[1] == '/' || next[1] == '\\' || strchr(next, '\r') ||
	    strchr(next, '\n'))
		return "/account";
	return next;
}

static void render_login(struct req *r, int status, const char *message)
{
	struct buf b;
	page_start(r, &b, "login.title");
	html_lit(&b, "<section class=\"card narrow\">");
	page_h1(&b, r, "login.title");
	if (message)
		page_notice(&b, "error", message);
	page_form_begin(&b, r, "/login", "stack");
	const char *next = input_form_value(r, "next");
	html_hidden(&b, "next", safe_next(*next ? next : req_query(r, "next")));
	page_input(&b, r, "email",
	           &(struct input_opts){"email", input_form_value(r, "email"), "username", true,
	                                254, NULL});
	page_input(&b, r, "password",
	           &(struct input_opts){"password", NULL, "current-password", true, 256, NULL});
	page_form_end(&b, r, "login.submit", "primary");
	html_lit(&b, "<p>");
	page_msg(&b, r, "login.no_account");
	html_lit(&b, " ");
	html_link(&b, "/signup", i18n_get(r->lang, "nav.signup"), NULL);
	html_lit(&b, "</p></section>");
	page_finish(r, &b, status);
}

void page_login(struct req *r)
{
	if (r->user) {
		reply_redirect(r, "/account");
		return;
	}
	render_login(r, 200, NULL);
}

void page_login_post(struct req *r)
{
	struct field_val v[LI__MAX];
	struct field_error err = {0};
	if (input_read(r, login_fields, LI__MAX, v, &err) < 0) {
		render_login(r, 400, field_error_message(r, &err));
		return;
	}
	struct account acc;
	switch (auth_login(r, v[LI_EMAIL].s, v[LI_PASSWORD].s, &acc)) {
	case LOGIN_OK:
		if (r->user)
			session_end(r);
		if (!session_start(r, &acc, "web")) {
			reply_error(r, 500, "internal");
			return;
		}
		reply_redirect(r, safe_next(input_form_value(r, "next")));
		return;
	case LOGIN_BAD:
		render_login(r, 401, i18n_get(r->lang, "login.failed"));
		return;
	case LOGIN_THROTTLED:
		render_login(r, 429, i18n_get(r->lang, "error.throttled"));
		return;
	default:
		reply_error(r, 500, "internal");
	}
}

void page_logout_post(struct req *r)
{
	if (r->user) {
		audit_add(r->db, "logout", r->user->id, r->user->id, r->ip, NULL);
		session_end(r);
	}
	reply_redirect(r, "/");
}

static void account_notifications(struct buf *b, struct req *r)
{
	struct notification list[20];
	int n = notifications_list(r->db, r->a, r->user->id, list, 20);
	if (n <= 0)
		return; /* none (or none readable): the account page goes on without them */
	html_lit(b, "<section class=\"card\"><h2>");
	page_msg(b, r, "notifications.title");
	html_lit(b, "</h2><ul class=\"notifications\">");
	for (int i = 0; i < n; i++) {
		html_lit(b, "<li");
		if (list[i].unread)
			html_lit(b, " class=\"unread\"");
		html_lit(b, "><span class=\"meta\">");
		page_time(b, list[i].created_at);
		html_lit(b, "</span> ");
		const char *text = i18n_get(r->lang, arena_printf(r->a, "notify.%s", list[i].kind));
		if (*list[i].link)
			html_link(b, list[i].link, text, NULL);
		else
			html_text(b, text);
		html_lit(b, "</li>");
	}
	html_lit(b, "</ul></section>");
	notifications_mark_read(r->db, r->user->id);
}

static void account_privacy(struct buf *b, struct req *r, const char *error)
{
	html_lit(b, "<section class=\"card narrow\"><h2>");
	page_msg(b, r, "privacy.title");
	html_lit(b, "</h2><p>");
	page_msg(b, r, "privacy.export_lead");
	html_lit(b, "</p><p>");
	html_link(b, "/account/export", i18n_get(r->lang, "privacy.export"), "button");
	html_lit(b, "</p><h3>");
	page_msg(b, r, "privacy.delete_title");
	html_lit(b, "</h3><p>");
	page_msg(b, r, "privacy.delete_lead");
	html_lit(b, "</p>");
	if (error)
		page_notice(b, "error", error);
	page_form_begin(b, r, "/account/delete", "stack");
	page_input(b, r, "confirm_password",
	           &(struct input_opts){"password", NULL, "current-password", true, 256, NULL});
	page_form_end(b, r, "privacy.delete", "danger");
	html_lit(b, "</section>");
}

static void render_account(struct req *r, int status, const char *notice, const char *error,
                           const struct field_error *err)
{
	struct buf b;
	page_start(r, &b, "account.title");
	const struct prefecture *p = prefecture_by_code(r->user->prefecture);
	bool en = strcmp(r->lang, "en") == 0;
	html_lit(&b, "<section class=\"card\">");
	page_h1(&b, r, "account.title");
	if (notice)
		page_notice(&b, "notice", notice);
	html_lit(&b, "<dl class=\"facts\"><dt>");
	page_msg(&b, r, "field.display_name");
	html_lit(&b, "</dt><dd>");
	html_text(&b, r->user->display_name);
	html_lit(&b, "</dd><dt>");
	page_msg(&b, r, "field.email");
	html_lit(&b, "</dt><dd>");
	html_text(&b, r->user->email);
	html_lit(&b, "</dd><dt>");
	page_msg(&b, r, "field.role");
	html_lit(&b, "</dt><dd>");
	page_msg(&b, r, arena_printf(r->a, "role.%s", r->user->role_name));
	html_lit(&b, "</dd><dt>");
	page_msg(&b, r, "field.prefecture");
	html_lit(&b, "</dt><dd>");
	html_text(&b, p ? (en ? p->name_en : p->name_ja) : r->user->prefecture);
	html_lit(&b, "</dd></dl>");
	if (r->user->role & ROLE_EXPERT) {
		html_lit(&b, "<p class=\"actions\">");
		html_link(&b, "/experts/me/edit", i18n_get(r->lang, "profile.edit"), "button");
		html_lit(&b, " ");
		html_link(&b, link_expert(r->a, r->user->id, NULL),
		          i18n_get(r->lang, "profile.view"), "button");
		html_lit(&b, " ");
		html_link(&b, "/experts/me/cpd", i18n_get(r->lang, "cpd.title"), "button");
		html_lit(&b, "</p>");
	}
	html_lit(&b, "</section>");
	account_notifications(&b, r);
	html_lit(&b, "<section class=\"card narrow\"><h2>");
	page_msg(&b, r, "password.title");
	html_lit(&b, "</h2>");
	if (error)
		page_notice(&b, "error", error);
	page_form_begin(&b, r, "/account/password", "stack");
	page_input(&b, r, "current_password",
	           &(struct input_opts){"password", NULL, "current-password", true, 256,
	                                err && strcmp(err->field, "current_password") == 0 ? error
	                                                                                   : NULL});
	page_input(
	    &b, r, "new_password",
	    &(struct input_opts){"password", NULL, "new-password", true, 256,
	                         err && strcmp(err->field, "new_password") == 0 ? error : NULL});
	html_lit(&b, "<p class=\"hint\">");
	page_msg(&b, r, "signup.password_hint");
	html_lit(&b, "</p>");
	page_form_end(&b, r, "password.submit", NULL);
	html_lit(&b, "</section>");
	account_privacy(&b, r, err && strcmp(err->field, "confirm_password") == 0 ? error : NULL);
	page_finish(r, &b, status);
}

void page_account(struct req *r)
{
	const char *done = req_query(r, "password");
	render_account(r, 200, done ? i18n_get(r->lang, "password.changed") : NULL, NULL, NULL);
}

void page_password_post(struct req *r)
{
	struct field_val v[PW__MAX];
	struct field_error err = {0};
	if (input_read(r, password_fields, PW__MAX, v, &err) < 0) {
		render_account(r, 400, NULL, field_error_message(r, &err), &err);
		return;
	}
	struct account acc = {.id = r->user->id};
	int rc = auth_change_password(r, v[PW_CURRENT].s, v[PW_NEW].s, &err);
	if (rc == KK_INVALID)
		render_account(r, 400, NULL, field_error_message(r, &err), &err);
	else if (rc == KK_THROTTLED)
		render_account(r, 429, NULL, i18n_get(r->lang, "error.throttled"), NULL);
	else if (rc != KK_OK ||
	         !session_start(r, &acc, "web")) /* a fresh session for this browser */
		reply_error(r, 500, "internal");
	else
		reply_redirect(r, "/account?password=changed");
}

void page_lang_post(struct req *r)
{
	const char *lang = i18n_lang(input_form_value(r, "lang"));
	if (lang)
		req_set_cookie(r, COOKIE_LANG, lang, 365L * 24 * 3600);
	const char *next = input_form_value(r, "next");
	reply_redirect(r, *next ? next : "/");
}

void page_account_delete(struct req *r)
{
	static const struct field_spec spec[] = {
	    {"confirm_password", FT_PASSWORD, true, 1, 256, NULL}};
	struct field_val v[1];
	struct field_error err = {0};
	int rc = input_read(r, spec, 1, v, &err) < 0 ? KK_INVALID
	                                             : privacy_delete_account(r, v[0].s, &err);
	if (rc == KK_INVALID) {
		err.field = "confirm_password"; /* the page's name for it */
		render_account(r, 400, NULL, field_error_message(r, &err), &err);
	} else if (rc == KK_THROTTLED) {
		render_account(r, 429, NULL, i18n_get(r->lang, "error.throttled"), NULL);
	} else if (ok_or_reply(r, rc, &err)) {
		reply_redirect(r, "/?deleted=1");
	}
}

/* The account behind a valid link, or reply 404 and return false. */
static bool reset_or_reply(struct req *r, unsigned char h[TOKEN_HASH], int64_t *account_id)
{
	const char *token = req_param(r, 0);
	if (token_hash(token, h) && resets_find(r->db, h, db_now(), account_id) == KK_OK)
		return true;
	reply_error(r, 404, "reset_invalid");
	return false;
}

static void render_reset(struct req *r, int status, const char *error)
{
	struct buf b;
	page_start(r, &b, "reset.title");
	html_lit(&b, "<section class=\"card narrow\">");
	page_h1(&b, r, "reset.title");
	page_form_begin(&b, r, arena_printf(r->a, "/reset/%s", req_param(r, 0)), "stack");
	page_input(&b, r, "new_password", /* the reason beside the field */
	           &(struct input_opts){"password", NULL, "new-password", true, 256, error});
	html_lit(&b, "<p class=\"hint\">");
	page_msg(&b, r, "signup.password_hint");
	html_lit(&b, "</p>");
	page_form_end(&b, r, "reset.submit", "primary");
	html_lit(&b, "</section>");
	page_finish(r, &b, status);
}

void page_reset(struct req *r)
{
	unsigned char h[TOKEN_HASH];
	int64_t account_id;
	if (reset_or_reply(r, h, &account_id))
		render_reset(r, 200, NULL);
}

void page_reset_post(struct req *r)
{
	static const struct field_spec spec[] = {{"new_password", FT_PASSWORD, true, 8, 256, NULL}};
	unsigned char h[TOKEN_HASH];
	int64_t account_id;
	struct field_val v[1];
	struct field_error err = {0};
	if (!reset_or_reply(r, h, &account_id))
		return;
	if (input_read(r, spec, 1, v, &err) < 0) {
		render_reset(r, 400, field_error_message(r, &err));
		return;
	}
	char hash[PASSWORD_HASH_TEXT];
	struct account acc;
	if (password_hash(v[0].s, hash) != 0 || db_begin(r->db) < 0) {
		reply_error(r, 500, "internal");
		return;
	}
	if (resets_use(r->db, h, db_now()) != KK_OK ||
	    accounts_set_password(r->db, account_id, hash) != KK_OK ||
	    sessions_delete_account(r->db, account_id) != KK_OK ||
	    audit_add(r->db, "password_reset", account_id, account_id, r->ip, NULL) != KK_OK ||
	    db_commit(r->db) != KK_OK) {
		db_rollback(r->db);
		reply_error(r, 404, "reset_invalid");
		return;
	}
	if (accounts_by_id(r->db, r->a, account_id, &acc) == KK_OK && session_start(r, &acc, "web"))
		reply_done(r, strcmp(acc.role, "expert") == 0 ? "/experts/me/edit" : "/account",
		           "flash.password_set");
	else
		reply_redirect(r, "/login");
}
