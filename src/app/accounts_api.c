/* accounts_api.c — the JSON API for accounts, sessions and the caller. */
#include "app/errors.h"
#include "view/layout.h"
#include "app/accounts.h"
#include "app/handlers.h"
#include "app/session.h"
#include "store/audit.h"

static json_t *account_json(const struct account *a)
{
	return json_pack("{s:I,s:s,s:s,s:s,s:s}", "id", (json_int_t)a->id, "email", a->email,
	                 "display_name", a->display_name, "role", a->role, "prefecture",
	                 a->prefecture);
}

void api_accounts_create(struct req *r)
{
	struct field_val v[SU__MAX];
	if (!input_or_reply(r, signup_fields, SU__MAX, v))
		return;
	struct account acc;
	int rc = auth_signup(r, v, &acc);
	if (rc == KK_CONFLICT) {
		struct field_error dup = {"email", "taken", 0};
		json_t *j = json_pack("{s:{s:s,s:s,s:s}}", "error", "code", "conflict", "field",
		                      "email", "message", field_error_message(r, &dup));
		reply_json(r, 409, j);
		return;
	}
	if (rc != KK_OK) {
		reply_error(r, 500, "internal");
		return;
	}
	reply_json(r, 201, json_pack("{s:I}", "id", (json_int_t)acc.id));
}

void api_session_create(struct req *r)
{
	struct field_val v[LI__MAX];
	if (!input_or_reply(r, login_fields, LI__MAX, v))
		return;
	struct account acc;
	switch (auth_login(r, v[LI_EMAIL].s, v[LI_PASSWORD].s, &acc)) {
	case LOGIN_OK: {
		const char *token = session_start(r, &acc, "api");
		if (!token) {
			reply_error(r, 500, "internal");
			return;
		}
		reply_json(r, 200,
		           json_pack("{s:s,s:I}", "token", token, "expires_in",
		                     (json_int_t)SESSION_MAX_SECONDS));
		return;
	}
	case LOGIN_BAD:
		reply_error(r, 401, "login_failed");
		return;
	case LOGIN_THROTTLED:
		reply_error(r, 429, "throttled");
		return;
	default:
		reply_error(r, 500, "internal");
	}
}

void api_session_delete(struct req *r)
{
	audit_add(r->db, "logout", r->user->id, r->user->id, r->ip, NULL);
	session_end(r);
	reply_json(r, 200, json_pack("{s:b}", "ok", 1));
}

void api_me(struct req *r)
{
	struct account a = {r->user->id,
	                    r->user->email,
	                    r->user->display_name,
	                    r->user->role_name,
	                    r->user->prefecture,
	                    NULL,
	                    0};
	reply_json(r, 200, account_json(&a));
}

void api_me_password(struct req *r)
{
	struct field_val v[PW__MAX];
	if (!input_or_reply(r, password_fields, PW__MAX, v))
		return;
	struct field_error why = {0};
	if (ok_or_reply(r, auth_change_password(r, v[PW_CURRENT].s, v[PW_NEW].s, &why), &why))
		reply_json(r, 200, json_pack("{s:b}", "ok", 1));
}

void api_accounts_set_role(struct req *r)
{
	struct account acc;
	struct field_error why = {0};
	if (ok_or_reply(r, auth_set_role(r, req_param_id(r, 0), &acc, &why), &why))
		reply_json(r, 200, account_json(&acc));
}
