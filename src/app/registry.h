/* registry.h — the registry in memory, kept current from the change log: the directory's
 * queries, profiles for its lists, and matching read it instead of the database. */
#ifndef KK_APP_REGISTRY_H
#define KK_APP_REGISTRY_H

#include "domain/registry.h"
#include "store/db.h"
#include "store/experts.h"

/* Catch up with the change log (the first call loads everything): KK_OK or KK_ERR. */
int registry_sync(struct db *db);
/* Directory results are cached per query and log position: at most entries (0: none). */
void registry_search_cache(int entries);
/* Ids of the experts q finds (the page q->offset, q->limit), nearest first, and the total. */
int registry_search(struct db *db, const struct expert_query *q, int64_t *ids, int *tiers, int *n,
                    int64_t *total);
/* The profile of id as the registry holds it (strings in a): KK_OK or KK_NOTFOUND.
 * registry_get catches up first; registry_get_held answers from what is held (after a
 * registry_sync or registry_search of the same request, so a page reads the log once). */
int registry_get(struct db *db, struct arena *a, int64_t id, struct expert *out);
int registry_get_held(struct arena *a, int64_t id, struct expert *out);
/* The best max candidates for rq at prefecture pref (see registry_match): how many. */
int registry_rank(struct db *db, const struct match_request *rq, const char *pref,
                  bool on_call_only, int ring, struct match_candidate *out, int max);
/* How many experts it holds; *bytes (when not NULL): about how much memory. */
size_t registry_size(size_t *bytes);

#endif
