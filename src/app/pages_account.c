/* pages_account.c — sign-up, login, logout, the account page and password
 * change, and the language switch: the browser side of accounts. */
#include "app/auth.h"
#include "app/handlers.h"
#include "http/session.h"
#include "store/audit.h"
#include "store/prefectures.h"
#include "view/i18n.h"
#include "view/layout.h"

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
	buf_init(&b, r->a);
	layout_begin(r, &b, "signup.title");
	html_lit(&b, "<section class=\"card narrow\"><h1>");
	page_msg(&b, r, "signup.title");
	html_lit(&b, "</h1><p>");
	page_msg(&b, r, "signup.lead");
	html_lit(&b, "</p>");
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
		html_lit(&b, "<label class=\"choice\"><input type=\"radio\" name=\"role\"");
		html_attr_pair(&b, "value", roles[i]);
		if (strcmp(role, roles[i]) == 0)
			html_lit(&b, " checked");
		html_lit(&b, "> ");
		page_msg(&b, r, arena_printf(r->a, "role.%s.signup", roles[i]));
		html_lit(&b, "</label>");
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
	html_lit(&b, "<button type=\"submit\" class=\"primary\">");
	page_msg(&b, r, "signup.submit");
	html_lit(&b, "</button></form><p>");
	page_msg(&b, r, "signup.have_account");
	html_lit(&b, " ");
	html_link(&b, "/login", i18n_get(r->lang, "nav.login"), NULL);
	html_lit(&b, "</p></section>");
	layout_end(r, &b);
	reply_html(r, status, &b);
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
	struct field_error err;
	if (input_read(r, signup_fields, SU__MAX, v, &err) < 0) {
		render_signup(r, 400, &err, field_error_message(r, &err));
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
	reply_redirect(r, "/account?welcome=1");
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
	buf_init(&b, r->a);
	layout_begin(r, &b, "login.title");
	html_lit(&b, "<section class=\"card narrow\"><h1>");
	page_msg(&b, r, "login.title");
	html_lit(&b, "</h1>");
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
	html_lit(&b, "<button type=\"submit\" class=\"primary\">");
	page_msg(&b, r, "login.submit");
	html_lit(&b, "</button></form><p>");
	page_msg(&b, r, "login.no_account");
	html_lit(&b, " ");
	html_link(&b, "/signup", i18n_get(r->lang, "nav.signup"), NULL);
	html_lit(&b, "</p></section>");
	layout_end(r, &b);
	reply_html(r, status, &b);
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
	struct field_error err;
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

static void render_account(struct req *r, int status, const char *notice, const char *error,
                           const struct field_error *err)
{
	struct buf b;
	buf_init(&b, r->a);
	layout_begin(r, &b, "account.title");
	const struct prefecture *p = prefecture_by_code(r->user->prefecture);
	bool en = strcmp(r->lang, "en") == 0;
	html_lit(&b, "<section class=\"card\"><h1>");
	page_msg(&b, r, "account.title");
	html_lit(&b, "</h1>");
	if (notice)
		page_notice(&b, "notice", notice);
	if (req_query(r, "welcome"))
		page_notice(&b, "notice", i18n_get(r->lang, "account.welcome"));
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
	html_lit(&b, "</dd></dl></section><section class=\"card narrow\"><h2>");
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
	html_lit(&b, "</p><button type=\"submit\">");
	page_msg(&b, r, "password.submit");
	html_lit(&b, "</button></form></section>");
	layout_end(r, &b);
	reply_html(r, status, &b);
}

void page_account(struct req *r)
{
	const char *done = req_query(r, "password");
	render_account(r, 200, done ? i18n_get(r->lang, "password.changed") : NULL, NULL, NULL);
}

void page_password_post(struct req *r)
{
	struct field_val v[PW__MAX];
	struct field_error err;
	if (input_read(r, password_fields, PW__MAX, v, &err) < 0) {
		render_account(r, 400, NULL, field_error_message(r, &err), &err);
		return;
	}
	struct account acc = {.id = r->user->id};
	switch (auth_change_password(r, v[PW_CURRENT].s, v[PW_NEW].s)) {
	case PASSWORD_OK:
		/* Every old session is gone; this browser gets a fresh one. */
		if (!session_start(r, &acc, "web")) {
			reply_error(r, 500, "internal");
			return;
		}
		reply_redirect(r, "/account?password=changed");
		return;
	case PASSWORD_WRONG: {
		struct field_error wrong = {"current_password", "wrong", 0};
		render_account(r, 400, NULL, field_error_message(r, &wrong), &wrong);
		return;
	}
	default:
		reply_error(r, 500, "internal");
	}
}

void page_lang_post(struct req *r)
{
	const char *lang = i18n_lang(input_form_value(r, "lang"));
	if (lang)
		req_set_cookie(r, COOKIE_LANG, lang, 365L * 24 * 3600);
	const char *next = input_form_value(r, "next");
	reply_redirect(r, *next ? next : "/");
}
