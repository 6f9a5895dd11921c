/* accounts.h — account rules shared by the pages and the API: the declared
 * sign-up, login and password fields, and sign-up, login (with throttling),
 * password change and role change, each audited. */
#ifndef KK_APP_ACCOUNTS_H
#define KK_APP_ACCOUNTS_H

#include "http/input.h"
#include "store/accounts.h"

/* Wrong passwords count for a window: a client (address) with LOGIN_MAX_FAILURES of them
 * for any accounts waits until the window passes; a client that got one account's password
 * wrong waits a growing delay (domain/token.h's login_delay) before trying that account
 * again. A client that has not failed is never held back, so nobody can lock an owner out. */
#define LOGIN_WINDOW_SECONDS (15 * 60)
#define LOGIN_MAX_FAILURES   10

enum { SU_EMAIL, SU_PASSWORD, SU_NAME, SU_ROLE, SU_PREF, SU_CONSENT, SU__MAX };
extern const struct field_spec signup_fields[SU__MAX];
enum { LI_EMAIL, LI_PASSWORD, LI__MAX };
extern const struct field_spec login_fields[LI__MAX];
enum { PW_CURRENT, PW_NEW, PW__MAX };
extern const struct field_spec password_fields[PW__MAX];
enum { RO_ROLE, RO__MAX };
extern const struct field_spec role_fields[RO__MAX];

/* Create an sme or expert account. KK_OK, KK_CONFLICT (e-mail taken) or KK_ERR. */
int auth_signup(struct req *r, const struct field_val v[SU__MAX], struct account *out);

enum login_result { LOGIN_OK, LOGIN_BAD, LOGIN_THROTTLED, LOGIN_ERROR };
/* Same answer and about the same time for an unknown e-mail and a wrong password. */
enum login_result auth_login(struct req *r, const char *email, const char *password,
                             struct account *out);

/* Is password the caller's own password (before a change or a deletion)? Throttled as a
 * login is, per client and per (account, client): KK_OK; KK_INVALID naming field (the
 * failure recorded and audited as `what`); KK_THROTTLED (a Retry-After header is set);
 * KK_ERR. */
int auth_confirm_password(struct req *r, const char *password, const char *field, const char *what,
                          struct field_error *why);
/* Check the current password, store the new one, end every session of the account: KK_OK,
 * KK_INVALID (why: current_password is wrong; audited), KK_THROTTLED, KK_ERR. */
int auth_change_password(struct req *r, const char *current, const char *new_password,
                         struct field_error *why);

/* Admin gives account id the role of the field role, audited; acc is the account as it now
 * is. KK_OK, KK_NOTFOUND (checked first), KK_INVALID (why) or KK_ERR. */
int auth_set_role(struct req *r, int64_t id, struct account *acc, struct field_error *why);

/* Create an account from the command line (any role). */
int auth_create_account(struct db *db, const char *email, const char *password,
                        const char *display_name, const char *role, const char *prefecture,
                        int64_t *id);

/* Seconds a one-time password link stays valid. */
#define RESET_SECONDS (7 * 24 * 3600)
/* Make a one-time link token for account_id (the admin's page and `kakekomi user reset-link`).
 * KK_OK with token filled, or KK_ERR. */
int reset_link_create(struct db *db, int64_t account_id, char token[44]);

/* An admin mails account id a one-time link to set its password (an imported expert has
 * none), audited; acc is the account. KK_OK, KK_NOTFOUND or KK_ERR. */
int auth_send_reset_link(struct req *r, int64_t id, struct account *acc);

#endif
