/* accounts.h — accounts and the server's settings (secret key). */
#ifndef KK_STORE_ACCOUNTS_H
#define KK_STORE_ACCOUNTS_H

#include "store/db.h"
#include "util/arena.h"

#include <stdbool.h>
#include <stdint.h>

struct account {
	int64_t id;
	const char *email, *display_name, *role, *prefecture, *password_hash;
	int64_t created_at;
};

/* Insert; KK_CONFLICT when the e-mail is taken. Strings are copied by SQLite. */
int accounts_create(struct db *db, const char *email, const char *password_hash,
                    const char *display_name, const char *role, const char *prefecture,
                    int64_t *id);
/* Fill *out with strings in arena a; KK_NOTFOUND when absent. */
int accounts_by_email(struct db *db, struct arena *a, const char *email, struct account *out);
int accounts_by_id(struct db *db, struct arena *a, int64_t id, struct account *out);
int accounts_set_role(struct db *db, int64_t id, const char *role);
int accounts_set_password(struct db *db, int64_t id, const char *password_hash);
/* Up to limit accounts from offset, newest first, whose e-mail or name contains text and
 * whose role is role (either NULL or "" for any): how many were filled, or KK_ERR. */
int accounts_list(struct db *db, struct arena *a, const char *text, const char *role, int offset,
                  int limit, struct account *out);
/* How many accounts accounts_list would find over all pages. */
int64_t accounts_count(struct db *db, struct arena *a, const char *text, const char *role);

/* Delete the account (profile, sessions and the rest follow by cascade); strip
 * personal data (IP, detail) from its audit entries and its login failures. */
int accounts_delete(struct db *db, int64_t id, const char *email);
int accounts_set_consent(struct db *db, int64_t id, int64_t at);
int64_t accounts_consent_at(struct db *db, int64_t id);

/* The 32-byte server secret, created on first use. */
int settings_secret(struct db *db, unsigned char out[32]);

/* 1 when the account is premium (sees archived answers), 0 when not or on error. */
int accounts_premium(struct db *db, int64_t id);
/* Set or clear premium. KK_OK or KK_ERR. */
int accounts_set_premium(struct db *db, int64_t id, bool premium);

#endif
