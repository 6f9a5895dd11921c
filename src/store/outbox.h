/* outbox.h — e-mail and webhooks waiting for the worker. */
#ifndef KK_STORE_OUTBOX_H
#define KK_STORE_OUTBOX_H

#include "store/db.h"
#include "util/arena.h"

struct outbox_item {
	int64_t id, created_at, delivered_at;
	int attempts;
	const char *kind, *recipient, *subject, *body, *last_error;
};

/* Queue a message (kind "mail" or "webhook") due now. KK_OK or KK_ERR. */
int outbox_add(struct db *db, const char *kind, const char *recipient, const char *subject,
               const char *body);
/* Undelivered items due by now, oldest first (at most max). */
int outbox_due(struct db *db, struct arena *a, int64_t now, struct outbox_item *out, int max);
int outbox_delivered(struct db *db, int64_t id);
int outbox_failed(struct db *db, int64_t id, int64_t next_attempt, const char *error);
/* The earliest pending attempt, or 0. */
int64_t outbox_next(struct db *db);
/* How many items wait for delivery, and when the oldest was queued (0 when none): KK_OK or
 * KK_ERR. */
int outbox_stats(struct db *db, int64_t *queued, int64_t *oldest);
/* The newest mail items (delivered or not), for the admins' mail page. */
int outbox_recent(struct db *db, struct arena *a, struct outbox_item *out, int max);

#endif
