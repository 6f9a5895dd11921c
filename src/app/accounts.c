#include "app/accounts.h"
#include "app/config.h"
#include "app/notify.h"
#include "domain/token.h"
#include "app/session.h"
#include "jobs/worker.h"
#include "store/audit.h"
#include "store/sessions.h"

#include <string.h>

static const char *const signup_roles[] = {"sme", "expert", NULL};
static const char *const all_roles[] = {"sme", "expert", "desk", "admin", NULL};

const struct field_spec signup_fields[SU__MAX] = {
    [SU_EMAIL] = {"email", FT_EMAIL, true, 3, 254, NULL},
    [SU_PASSWORD] = {"password", FT_PASSWORD, true, 8, 256, NULL},
    [SU_NAME] = {"display_name", FT_TEXT, true, 1, 50, NULL},
    [SU_ROLE] = {"role", FT_ENUM, true, 0, 0, signup_roles},
    [SU_PREF] = {"prefecture", FT_PREF, true, 0, 0, NULL},
    [SU_CONSENT] = {"consent", FT_BOOL, false, 0, 0, NULL},
};

const struct field_spec login_fields[LI__MAX] = {
    [LI_EMAIL] = {"email", FT_EMAIL, true, 3, 254, NULL},
    [LI_PASSWORD] = {"password", FT_PASSWORD, true, 1, 256, NULL},
};

const struct field_spec password_fields[PW__MAX] = {
    [PW_CURRENT] = {"current_password", FT_PASSWORD, true, 1, 256, NULL},
    [PW_NEW] = {"new_password", FT_PASSWORD, true, 8, 256, NULL},
};

const struct field_spec role_fields[RO__MAX] = {
    [RO_ROLE] = {"role", FT_ENUM, true, 0, 0, all_roles},
};

int auth_create_account(struct db *db, const char *email, const char *password,
                        const char *display_name, const char *role, const char *prefecture,
                        int64_t *id)
{
	char hash[PASSWORD_HASH_TEXT];
	if (password_hash(password, hash) != 0)
		return KK_ERR;
	if (db_begin(db) < 0)
		return KK_ERR;
	int rc = accounts_create(db, email, hash, display_name, role, prefecture, id);
	if (rc == KK_OK)
		rc = audit_add(db, "account_created", *id, 0, NULL, role);
	if (rc == KK_OK && db_commit(db) == KK_OK)
		return KK_OK;
	db_rollback(db);
	return rc == KK_OK ? KK_ERR : rc;
}

int auth_signup(struct req *r, const struct field_val v[SU__MAX], struct account *out)
{
	int64_t id;
	int rc = auth_create_account(r->db, v[SU_EMAIL].s, v[SU_PASSWORD].s, v[SU_NAME].s,
	                             v[SU_ROLE].s, v[SU_PREF].s, &id);
	if (rc != KK_OK)
		return rc;
	/* Consent to the purpose of use (the sign-up form requires it; the API records it when
	 * sent). */
	if (v[SU_CONSENT].present && v[SU_CONSENT].n)
		accounts_set_consent(r->db, id, db_now());
	return accounts_by_id(r->db, r->a, id, out);
}

/* The throttle for a password tried for email from r's client: LOGIN_OK to go on, or
 * LOGIN_THROTTLED with the Retry-After header set and the refusal audited. */
static enum login_result throttle(struct req *r, const char *email)
{
	int64_t pair, last, by_ip, now = db_now();
	if (login_failure_counts(r->db, email, r->ip, now - LOGIN_WINDOW_SECONDS, &pair, &last,
	                         &by_ip) != KK_OK)
		return LOGIN_ERROR;
	int64_t wait =
	    by_ip >= LOGIN_MAX_FAILURES ? LOGIN_WINDOW_SECONDS : last + login_delay(pair) - now;
	if (wait <= 0)
		return LOGIN_OK;
	req_add_header(r, "Retry-After", arena_printf(r->a, "%lld", (long long)wait));
	audit_add(r->db, "login_throttled", 0, 0, r->ip, email);
	return LOGIN_THROTTLED;
}

/* A wrong password for email from r's client: recorded for the throttle, audited as what. */
static enum login_result failed(struct req *r, const char *email, int64_t account_id,
                                const char *what)
{
	if (db_begin(r->db) < 0)
		return LOGIN_ERROR;
	if (login_failure_add(r->db, email, r->ip) != KK_OK ||
	    audit_add(r->db, what, account_id, 0, r->ip, email) != KK_OK || db_commit(r->db) < 0) {
		db_rollback(r->db);
		return LOGIN_ERROR;
	}
	return LOGIN_BAD;
}

enum login_result auth_login(struct req *r, const char *email, const char *password,
                             struct account *out)
{
	enum login_result t = throttle(r, email);
	if (t != LOGIN_OK)
		return t;
	int found = accounts_by_email(r->db, r->a, email, out);
	if (found == KK_ERR)
		return LOGIN_ERROR;
	bool ok;
	if (found == KK_OK) {
		ok = password_verify(out->password_hash, password);
	} else {
		password_dummy_verify(password);
		ok = false;
	}
	if (!ok)
		return failed(r, email, found == KK_OK ? out->id : 0, "login_failed");
	return audit_add(r->db, "login_ok", out->id, out->id, r->ip, NULL) == KK_OK ? LOGIN_OK
	                                                                            : LOGIN_ERROR;
}

int auth_confirm_password(struct req *r, const char *password, const char *field, const char *what,
                          struct field_error *why)
{
	struct account acc;
	if (accounts_by_id(r->db, r->a, r->user->id, &acc) != KK_OK)
		return KK_ERR;
	enum login_result t = throttle(r, acc.email);
	if (t == LOGIN_THROTTLED)
		return KK_THROTTLED;
	if (t != LOGIN_OK)
		return KK_ERR;
	if (password && password_verify(acc.password_hash, password))
		return KK_OK;
	if (failed(r, acc.email, acc.id, what) != LOGIN_BAD)
		return KK_ERR;
	*why = (struct field_error){field, "wrong", 0};
	return KK_INVALID;
}

int auth_change_password(struct req *r, const char *current, const char *new_password,
                         struct field_error *why)
{
	int rc =
	    auth_confirm_password(r, current, "current_password", "password_change_failed", why);
	if (rc != KK_OK)
		return rc;
	struct account acc = {.id = r->user->id};
	char hash[PASSWORD_HASH_TEXT];
	if (password_hash(new_password, hash) != 0 || db_begin(r->db) < 0)
		return KK_ERR;
	if (accounts_set_password(r->db, acc.id, hash) != KK_OK ||
	    sessions_delete_account(r->db, acc.id) != KK_OK ||
	    audit_add(r->db, "password_changed", acc.id, acc.id, r->ip, NULL) != KK_OK ||
	    db_commit(r->db) != KK_OK) {
		db_rollback(r->db);
		return KK_ERR;
	}
	return KK_OK;
}

int auth_set_role(struct req *r, int64_t id, struct account *acc, struct field_error *why)
{
	struct field_val v[RO__MAX];
	int rc = id > 0 ? accounts_by_id(r->db, r->a, id, acc) : KK_NOTFOUND;
	if (rc != KK_OK)
		return rc;
	if (input_read(r, role_fields, RO__MAX, v, why) < 0)
		return KK_INVALID;
	const char *role = v[RO_ROLE].s;
	if (db_begin(r->db) < 0)
		return KK_ERR;
	const char *detail = arena_printf(r->a, "%s->%s", acc->role, role);
	if (accounts_set_role(r->db, id, role) != KK_OK ||
	    audit_add(r->db, "role_changed", id, r->user->id, r->ip, detail) != KK_OK ||
	    db_commit(r->db) != KK_OK) {
		db_rollback(r->db);
		return KK_ERR;
	}
	acc->role = role;
	return KK_OK;
}

int reset_link_create(struct db *db, int64_t account_id, char token[TOKEN_TEXT])
{
	unsigned char h[TOKEN_HASH];
	token_new(token);
	token_hash(token, h);
	return resets_create(db, h, account_id, db_now() + RESET_SECONDS);
}

int auth_send_reset_link(struct req *r, int64_t id, struct account *acc)
{
	int rc = id > 0 ? accounts_by_id(r->db, r->a, id, acc) : KK_NOTFOUND;
	if (rc != KK_OK)
		return rc;
	char token[TOKEN_TEXT];
	if (db_begin(r->db) < 0)
		return KK_ERR;
	if ((rc = reset_link_create(r->db, id, token)) == KK_OK)
		rc = mail_both_languages(
		    r->db, r->a, acc, "reset.title", "mail.reset_link",
		    arena_printf(r->a, "%s/reset/%s", app_config.base_url, token));
	if (rc == KK_OK)
		rc = audit_add(r->db, "reset_link_sent", id, r->user->id, r->ip, NULL);
	if (rc != KK_OK || db_commit(r->db) != KK_OK) {
		db_rollback(r->db);
		return KK_ERR;
	}
	worker_poke();
	return KK_OK;
}
