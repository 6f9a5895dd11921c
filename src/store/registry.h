/* registry.h — the database side of the in-memory registry (domain/registry.h): the log of
 * which experts changed (migration 027 keeps it by triggers) and the bulk reads. */
#ifndef KK_STORE_REGISTRY_H
#define KK_STORE_REGISTRY_H

#include "domain/registry.h"
#include "store/db.h"

/* The first and last seq of the change log (0 and 0 when it is empty). */
int registry_log_bounds(struct db *db, int64_t *first, int64_t *last);
/* The experts logged with after < seq <= upto, each once, into *ids (malloc'd; free it):
 * how many, or KK_ERR. */
int registry_log_changed(struct db *db, int64_t after, int64_t upto, int64_t **ids);
/* Keep only the last `keep` entries of the log. */
int registry_log_prune(struct db *db, int64_t keep);
/* The taxonomy's skill and role codes, in its order, into g's tables. */
int registry_read_codes(struct db *db, struct registry *g);
/* Every expert (ids NULL) or those of ids[0..n), with their lists, into b (in id order);
 * folded conflicts are made in a. KK_OK or KK_ERR. */
int registry_read(struct db *db, struct registry *g, const int64_t *ids, size_t n, struct arena *a,
                  struct reg_batch *b);

#endif
