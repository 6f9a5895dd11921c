/* notify.h — telling people: an in-site notification, an e-mail through the
 * outbox, and a webhook event for integrations. */
#ifndef KK_APP_NOTIFY_H
#define KK_APP_NOTIFY_H

#include "store/db.h"

#include <stdint.h>

/* Notify account_id of kind (catalog notify.KIND), with a link to a local path. */
void notify(struct db *db, int64_t account_id, const char *kind, const char *link);
void notify_many(struct db *db, const int64_t *ids, int n, const char *kind, const char *link);
/* Queue a webhook event about a request, when webhooks are configured. */
void webhook_event(struct db *db, const char *event, int64_t request_id);

#endif
