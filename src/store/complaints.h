/* complaints.h — complaints about experts, reviewed by an admin. */
#ifndef KK_STORE_COMPLAINTS_H
#define KK_STORE_COMPLAINTS_H

#include "store/db.h"
#include "util/arena.h"

struct complaint {
	int64_t id, expert_id, filed_by, created_at;
	const char *body, *status, *resolution;
};

/* A new open complaint about expert_id by filed_by; *id is its id. KK_OK or KK_ERR. */
int complaints_add(struct db *db, int64_t expert_id, int64_t filed_by, const char *body,
                   int64_t *id);
/* status NULL for all; newest first. */
int complaints_list(struct db *db, struct arena *a, const char *status, struct complaint *out,
                    int max);
int complaints_get(struct db *db, struct arena *a, int64_t id, struct complaint *out);
int complaints_resolve(struct db *db, int64_t id, const char *status, const char *resolution);

#endif
