/* sessions.h — login sessions, looked up by the hash of their token. */
#ifndef KK_STORE_SESSIONS_H
#define KK_STORE_SESSIONS_H

#include "store/db.h"

#include <stddef.h>
#include <stdint.h>

#define TOKEN_HASH_BYTES 32

struct session {
	int64_t id, account_id, created_at, last_seen_at;
	char kind[4];
	char flash[48]; /* a catalog key for the next page, "" when none */
};

/* A new session of kind "web" or "api" for account_id, stored by the token's hash. */
int sessions_create(struct db *db, const unsigned char hash[TOKEN_HASH_BYTES], int64_t account_id,
                    const char *kind, int64_t *id);
/* KK_NOTFOUND when no session has this hash. Timeouts are the caller's rule. */
int sessions_find(struct db *db, const unsigned char hash[TOKEN_HASH_BYTES], struct session *out);
int sessions_touch(struct db *db, int64_t id, int64_t now);
int sessions_delete(struct db *db, int64_t id);
int sessions_delete_account(struct db *db, int64_t account_id);
/* Keep a one-time message (a catalog key) for session id's next page; NULL clears it. */
int sessions_set_flash(struct db *db, int64_t id, const char *key);
/* Remove sessions idle since before idle_before or created before created_before. */
int sessions_expire(struct db *db, int64_t idle_before, int64_t created_before);

/* One-time password links. */
int resets_create(struct db *db, const unsigned char hash[TOKEN_HASH_BYTES], int64_t account_id,
                  int64_t expires_at);
/* The account of an unused, unexpired link; KK_NOTFOUND otherwise. */
int resets_find(struct db *db, const unsigned char hash[TOKEN_HASH_BYTES], int64_t now,
                int64_t *account_id);
int resets_use(struct db *db, const unsigned char hash[TOKEN_HASH_BYTES], int64_t now);

#endif
