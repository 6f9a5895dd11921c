/* notify.h — telling people: an in-site notification, an e-mail through the
 * outbox, and a webhook event for integrations. */
#ifndef KK_APP_NOTIFY_H
#define KK_APP_NOTIFY_H

#include "store/accounts.h"
#include "store/db.h"

#include <stdint.h>

/* Queue a mail to acc: the catalog text key in Japanese, then in English, each followed by
 * url (absolute), under the Japanese subject_key. The caller pokes the worker. KK_OK or
 * KK_ERR. */
int mail_both_languages(struct db *db, struct arena *a, const struct account *acc,
                        const char *subject_key, const char *key, const char *url);
/* Notify account_id of kind (catalog notify.KIND), with a link to a local path. */
void notify(struct db *db, int64_t account_id, const char *kind, const char *link);
void notify_many(struct db *db, const int64_t *ids, int n, const char *kind, const char *link);
/* Queue a webhook event about a request, when webhooks are configured. */
void webhook_event(struct db *db, const char *event, int64_t request_id);

#endif
