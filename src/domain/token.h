/* token.h — secrets: session tokens, their hashes, CSRF tokens and password
 * hashes, all with libsodium.
 *
 * A session token is 32 random bytes (256 bits) sent as unpadded URL-safe
 * base64 (43 characters); the store keeps only its BLAKE2b hash. A CSRF token
 * is a keyed BLAKE2b of the client's session or anonymous token under the
 * server secret, so it needs no storage and dies with the session.
 */
#ifndef KK_TOKEN_H
#define KK_TOKEN_H

#include "util/arena.h"

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>

#define TOKEN_BYTES        32
#define TOKEN_TEXT         44 /* 43 characters + NUL */
#define TOKEN_HASH         32
#define PASSWORD_HASH_TEXT 128

int token_init(void); /* sodium_init */
void token_new(char out[TOKEN_TEXT]);
/* Hash a token text. Returns false for text that is not a well-formed token. */
bool token_hash(const char *text, unsigned char out[TOKEN_HASH]);
void token_csrf(const unsigned char secret[32], const char *token, char out[TOKEN_TEXT]);
bool token_equal(const char *a, const char *b); /* constant time for equal lengths */

/* A certificate number: "KK-" and 20 characters of Crockford base32 in groups
 * of four (100 random bits), e.g. KK-7Q2M-X9TA-0BZK-R4HD-M1PE. */
#define CERT_NUMBER_TEXT 28
/* A new random certificate number in that form. */
void token_cert_number(char out[CERT_NUMBER_TEXT]);
/* A certificate number as people type it — lower case, full-width, without hyphens or
 * with spaces, O for 0 and I or L for 1, with or without "KK" — in its one written form.
 * False when it cannot be a certificate number. */
bool token_cert_normalize(struct arena *a, const char *typed, char out[CERT_NUMBER_TEXT]);

/* Argon2id. Returns 0 on success. */
int password_hash(const char *password, char out[PASSWORD_HASH_TEXT]);
bool password_verify(const char *hash, const char *password);
/* Spend the same time as a real verification, for unknown accounts.
 * password_dummy_init makes the hash it checks against: call it once, before
 * the server's threads start (only the server logs people in). */
int password_dummy_init(void);
void password_dummy_verify(const char *password);
/* Seconds a client waits after `failures` wrong passwords for one account before it may
 * try that account again: none after 3 or fewer, then 1, 2, 4, ... seconds, at most 15
 * minutes. */
int64_t login_delay(int64_t failures);

#endif
