#include "domain/token.h"
#include "domain/text.h"

#include <sodium.h>
#include <string.h>

_Static_assert(crypto_pwhash_STRBYTES <= PASSWORD_HASH_TEXT, "password hash buffer");

static char dummy_hash[crypto_pwhash_STRBYTES];

int token_init(void)
{
	return sodium_init() < 0 ? -1 : 0;
}

int password_dummy_init(void)
{
	return password_hash("kakekomi-dummy-password", dummy_hash);
}

static void encode(const unsigned char *bin, size_t n, char out[TOKEN_TEXT])
{
	sodium_bin2base64(out, TOKEN_TEXT, bin, n, sodium_base64_VARIANT_URLSAFE_NO_PADDING);
}

void token_new(char out[TOKEN_TEXT])
{
	unsigned char raw[TOKEN_BYTES];
	randombytes_buf(raw, sizeof raw);
	encode(raw, sizeof raw, out);
	sodium_memzero(raw, sizeof raw);
}

bool token_hash(const char *text, unsigned char out[TOKEN_HASH])
{
	unsigned char raw[TOKEN_BYTES];
	size_t n = 0;
	size_t len = strlen(text);
	if (len != TOKEN_TEXT - 1 ||
	    sodium_base642bin(raw, sizeof raw, text, len, NULL, &n, NULL,
	                      sodium_base64_VARIANT_URLSAFE_NO_PADDING) != 0 ||
	    n != TOKEN_BYTES)
		return false;
	crypto_generichash(out, TOKEN_HASH, raw, sizeof raw, NULL, 0);
	return true;
}

void token_csrf(const unsigned char secret[32], const char *token, char out[TOKEN_TEXT])
{
	unsigned char mac[32];
	crypto_generichash_state st;
	crypto_generichash_init(&st, secret, 32, sizeof mac);
	crypto_generichash_update(&st, (const unsigned char *)"csrf:", 5);
	crypto_generichash_update(&st, (const unsigned char *)token, strlen(token));
	crypto_generichash_final(&st, mac, sizeof mac);
	encode(mac, sizeof mac, out);
}

void token_cert_number(char out[CERT_NUMBER_TEXT])
{
	static const char alphabet[] = "0123456789ABCDEFGHJKMNPQRSTVWXYZ";
	char *p = out;
	memcpy(p, "KK", 2);
	p += 2;
	for (int i = 0; i < 20; i++) {
		if (i % 4 == 0)
			*p++ = '-';
		*p++ = alphabet[randombytes_uniform(32)];
	}
	*p = '\0';
}

bool token_cert_normalize(struct arena *a, const char *typed, char out[CERT_NUMBER_TEXT])
{
	char digits[24];
	int n = 0;
	/* NFKC with case folding: full-width ＫＫ－７Ｑ… becomes kk-7q… */
	for (const char *p = text_fold(a, typed ? typed : ""); *p; p++) {
		char c = *p;
		if (c >= 'a' && c <= 'z')
			c = (char)(c - 'a' + 'A');
		if (c == 'O') /* read aloud or typed by hand, as Crockford's base 32 allows */
			c = '0';
		else if (c == 'I' || c == 'L')
			c = '1';
		if ((c >= '0' && c <= '9') || (c >= 'A' && c <= 'Z')) {
			if (n == (int)sizeof digits)
				return false;
			digits[n++] = c;
		}
	}
	int start = n == 22 && digits[0] == 'K' && digits[1] == 'K' ? 2 : 0;
	if (n - start != 20)
		return false;
	static const char alphabet[] = "0123456789ABCDEFGHJKMNPQRSTVWXYZ";
	char *o = out;
	memcpy(o, "KK", 2);
	o += 2;
	for (int i = 0; i < 20; i++) {
		if (!strchr(alphabet, digits[start + i]))
			return false;
		if (i % 4 == 0)
			*o++ = '-';
		*o++ = digits[start + i];
	}
	*o = '\0';
	return true;
}

bool token_equal(const char *a, const char *b)
{
	size_t la = strlen(a), lb = strlen(b);
	if (la != lb || la == 0)
		return false;
	return sodium_memcmp(a, b, la) == 0;
}

int password_hash(const char *password, char out[PASSWORD_HASH_TEXT])
{
	return crypto_pwhash_str_alg(
	    out, password, strlen(password), crypto_pwhash_OPSLIMIT_INTERACTIVE,
	    crypto_pwhash_MEMLIMIT_INTERACTIVE, crypto_pwhash_ALG_ARGON2ID13);
}

bool password_verify(const char *hash, const char *password)
{
	return crypto_pwhash_str_verify(hash, password, strlen(password)) == 0;
}

void password_dummy_verify(const char *password)
{
	if (crypto_pwhash_str_verify(dummy_hash, password, strlen(password)) == 0)
		return; /* nobody's password is the dummy's; the time spent is the point */
}

int64_t login_delay(int64_t failures)
{
	if (failures <= 3)
		return 0;
	int64_t d = 1;
	for (int64_t k = 4; k < failures && d < 15 * 60; k++)
		d *= 2;
	return d < 15 * 60 ? d : 15 * 60;
}
