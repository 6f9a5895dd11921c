/* notifications.h — messages for a user, shown on their account page. */
#ifndef KK_STORE_NOTIFICATIONS_H
#define KK_STORE_NOTIFICATIONS_H

#include "store/db.h"
#include "util/arena.h"

#include <stdbool.h>

struct notification {
	int64_t id, created_at;
	const char *kind, *args, *link;
	bool unread;
};

/* A new unread notification of kind for account_id (args: JSON text or NULL). KK_OK or KK_ERR. */
int notifications_add(struct db *db, int64_t account_id, const char *kind, const char *args,
                      const char *link);
/* Newest first, at most max. */
int notifications_list(struct db *db, struct arena *a, int64_t account_id, struct notification *out,
                       int max);
int notifications_mark_read(struct db *db, int64_t account_id);
/* How many of account_id's notifications are unread (0 on an error). */
int notifications_unread(struct db *db, int64_t account_id);

#endif
