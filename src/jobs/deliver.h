/* deliver.h — delivery of the outbox: e-mail over SMTP and signed webhooks,
 * both with libcurl, retried with exponential backoff. */
#ifndef KK_DELIVER_H
#define KK_DELIVER_H

#include "store/db.h"

#include <stdbool.h>

struct delivery_config {
	const char *smtp_url; /* smtp://host:port or smtps://host:port; NULL: keep mail local */
	const char *smtp_user, *smtp_password;
	const char *mail_from;
	const char *webhook_url; /* NULL: no webhooks */
	const char *webhook_secret;
	int retry_base; /* seconds before the first retry; doubles each time, at most 1 h */
};
extern struct delivery_config delivery;

/* Deliver what is due; returns how many items were attempted. */
int deliver_due(struct db *db);

/* May mail to url go without TLS? Only smtp:// to this machine (localhost, 127.x.x.x, [::1]):
 * every other server must take STARTTLS (or be smtps://), or the mail is not sent. */
bool smtp_cleartext_allowed(const char *url);

/* HMAC-SHA256 of body under secret as lower-case hex (65 bytes with the NUL). */
void webhook_signature(const char *secret, const char *body, char out[65]);

#endif
