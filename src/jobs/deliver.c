#include "jobs/deliver.h"
#include "store/outbox.h"

#include <curl/curl.h>
#include <sodium.h>
#include <stdio.h>
#include <string.h>
#include <strings.h>
#include <time.h>

struct delivery_config delivery = {NULL, NULL, NULL, "kakekomi@localhost", NULL, NULL, 30};

void webhook_signature(const char *secret, const char *body, char out[65])
{
	unsigned char mac[crypto_auth_hmacsha256_BYTES];
	crypto_auth_hmacsha256_state st;
	crypto_auth_hmacsha256_init(&st, (const unsigned char *)secret, strlen(secret));
	crypto_auth_hmacsha256_update(&st, (const unsigned char *)body, strlen(body));
	crypto_auth_hmacsha256_final(&st, mac);
	sodium_bin2hex(out, 65, mac, sizeof mac);
}

struct upload {
	struct buf *msg;
	size_t off;
};

static size_t read_msg(char *ptr, size_t size, size_t nmemb, void *data)
{
	struct upload *u = data;
	size_t n = size * nmemb, left = u->msg->len - u->off;
	if (n > left)
		n = left;
	memcpy(ptr, u->msg->p + u->off, n);
	u->off += n;
	return n;
}

static size_t discard(char *ptr, size_t size, size_t nmemb, void *data)
{
	(void)ptr, (void)data;
	return size * nmemb;
}

/* RFC 5322 message: UTF-8 text, the subject as an encoded word. */
static void compose(struct buf *m, const struct outbox_item *it)
{
	char date[64], subject[1024];
	time_t now = time(NULL);
	struct tm tm;
	gmtime_r(&now, &tm);
	strftime(date, sizeof date, "%a, %d %b %Y %H:%M:%S +0000", &tm);
	sodium_bin2base64(subject, sizeof subject, (const unsigned char *)it->subject,
	                  strlen(it->subject) < 700 ? strlen(it->subject) : 700,
	                  sodium_base64_VARIANT_ORIGINAL);
	buf_printf(
	    m,
	    "From: kakekomi <%s>\r\nTo: <%s>\r\nSubject: =?UTF-8?B?%s?=\r\nDate: %s\r\n"
	    "Message-ID: <outbox-%lld-%lld@kakekomi>\r\nMIME-Version: 1.0\r\n"
	    "Content-Type: text/plain; charset=UTF-8\r\nContent-Transfer-Encoding: 8bit\r\n\r\n",
	    delivery.mail_from, it->recipient, subject, date, (long long)it->id,
	    (long long)it->created_at);
	/* Lines that are a lone "." are SMTP's end of data: libcurl escapes them. */
	for (const char *p = it->body; *p; p++) {
		if (*p == '\n' && (p == it->body || p[-1] != '\r'))
			buf_putc(m, '\r');
		buf_putc(m, *p);
	}
	buf_puts(m, "\r\n");
}

static int send_mail(const struct outbox_item *it, struct arena *a, char *err, size_t errlen)
{
	struct buf msg;
	buf_init(&msg, a);
	compose(&msg, it);
	CURL *c = curl_easy_init();
	if (!c)
		return -1;
	struct curl_slist *rcpt = curl_slist_append(NULL, it->recipient);
	struct upload u = {&msg, 0};
	char from[300];
	snprintf(from, sizeof from, "<%s>", delivery.mail_from);
	curl_easy_setopt(c, CURLOPT_URL, delivery.smtp_url);
	curl_easy_setopt(c, CURLOPT_MAIL_FROM, from);
	curl_easy_setopt(c, CURLOPT_MAIL_RCPT, rcpt);
	curl_easy_setopt(c, CURLOPT_READFUNCTION, read_msg);
	curl_easy_setopt(c, CURLOPT_READDATA, &u);
	curl_easy_setopt(c, CURLOPT_UPLOAD, 1L);
	curl_easy_setopt(c, CURLOPT_CONNECTTIMEOUT, 10L);
	curl_easy_setopt(c, CURLOPT_TIMEOUT, 60L);
	curl_easy_setopt(c, CURLOPT_NOSIGNAL, 1L);
	/* TLS or nothing, but on this machine: a password or a message never crosses a network
	 * in the clear because a server did not offer STARTTLS. */
	curl_easy_setopt(c, CURLOPT_USE_SSL,
	                 smtp_cleartext_allowed(delivery.smtp_url) ? (long)CURLUSESSL_TRY
	                                                           : (long)CURLUSESSL_ALL);
	if (delivery.smtp_user) {
		curl_easy_setopt(c, CURLOPT_USERNAME, delivery.smtp_user);
		curl_easy_setopt(c, CURLOPT_PASSWORD,
		                 delivery.smtp_password ? delivery.smtp_password : "");
	}
	CURLcode rc = curl_easy_perform(c);
	if (rc != CURLE_OK)
		snprintf(err, errlen, "%s", curl_easy_strerror(rc));
	curl_slist_free_all(rcpt);
	curl_easy_cleanup(c);
	return rc == CURLE_OK ? 0 : -1;
}

static int send_webhook(const struct outbox_item *it, char *err, size_t errlen)
{
	char sig[65], h_sig[100], h_id[64];
	webhook_signature(delivery.webhook_secret ? delivery.webhook_secret : "", it->body, sig);
	snprintf(h_sig, sizeof h_sig, "X-Kakekomi-Signature: sha256=%s", sig);
	snprintf(h_id, sizeof h_id, "X-Kakekomi-Delivery: %lld", (long long)it->id);
	CURL *c = curl_easy_init();
	if (!c)
		return -1;
	struct curl_slist *h = curl_slist_append(NULL, "Content-Type: application/json");
	h = curl_slist_append(h, h_sig);
	h = curl_slist_append(h, h_id);
	curl_easy_setopt(c, CURLOPT_URL, it->recipient);
	curl_easy_setopt(c, CURLOPT_HTTPHEADER, h);
	curl_easy_setopt(c, CURLOPT_POSTFIELDS, it->body);
	curl_easy_setopt(c, CURLOPT_WRITEFUNCTION, discard);
	curl_easy_setopt(c, CURLOPT_CONNECTTIMEOUT, 10L);
	curl_easy_setopt(c, CURLOPT_TIMEOUT, 30L);
	curl_easy_setopt(c, CURLOPT_NOSIGNAL, 1L);
	curl_easy_setopt(c, CURLOPT_PROTOCOLS_STR, "http,https");
	CURLcode rc = curl_easy_perform(c);
	long status = 0;
	curl_easy_getinfo(c, CURLINFO_RESPONSE_CODE, &status);
	curl_slist_free_all(h);
	curl_easy_cleanup(c);
	if (rc != CURLE_OK) {
		snprintf(err, errlen, "%s", curl_easy_strerror(rc));
		return -1;
	}
	if (status < 200 || status > 299) {
		snprintf(err, errlen, "HTTP %ld", status);
		return -1;
	}
	return 0;
}

int deliver_due(struct db *db)
{
	struct arena *a = arena_new();
	struct outbox_item items[32];
	int64_t now = db_now();
	int n = outbox_due(db, a, now, items, 32);
	for (int i = 0; i < n; i++) {
		char err[256] = "";
		int rc;
		if (strcmp(items[i].kind, "mail") == 0)
			/* Without a mail server the mail stays here, for the admins' mail page. */
			rc = delivery.smtp_url ? send_mail(&items[i], a, err, sizeof err) : 0;
		else
			rc = send_webhook(&items[i], err, sizeof err);
		if (rc == 0) {
			outbox_delivered(db, items[i].id);
		} else {
			int shift = items[i].attempts < 10 ? items[i].attempts : 10;
			int64_t delay = (int64_t)delivery.retry_base << shift;
			outbox_failed(db, items[i].id, now + (delay < 3600 ? delay : 3600), err);
		}
	}
	arena_free(a);
	return n;
}

bool smtp_cleartext_allowed(const char *url)
{
	if (!url || strncasecmp(url, "smtp://", 7) != 0)
		return false;
	const char *host = url + 7;
	const char *at = strchr(host, '@'); /* smtp://user@host */
	const char *slash = strchr(host, '/');
	if (at && (!slash || at < slash))
		host = at + 1;
	size_t n = host[0] == '[' ? strcspn(host, "]") + 1 : strcspn(host, ":/");
	if ((n == 9 && strncasecmp(host, "localhost", 9) == 0) ||
	    (n == 5 && strncmp(host, "[::1]", 5) == 0))
		return true;
	/* an IPv4 address of the loopback network, 127.0.0.0/8 */
	return n > 4 && strncmp(host, "127.", 4) == 0 && strspn(host, "0123456789.") == n;
}
