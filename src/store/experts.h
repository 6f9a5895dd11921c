/* experts.h — expert profiles, their certificates, CPD records, and search. */
#ifndef KK_STORE_EXPERTS_H
#define KK_STORE_EXPERTS_H

#include "domain/expert.h"
#include "store/db.h"
#include "util/arena.h"

/* Create or replace the profile e->id with its lists; call inside a transaction. */
int experts_save(struct db *db, const struct expert *e);
/* KK_NOTFOUND when there is no profile. Strings live in arena a. */
int experts_get(struct db *db, struct arena *a, int64_t id, struct expert *out);
int experts_set_hidden(struct db *db, int64_t id, bool hidden, const char *reason);

/* A directory query (app/registry.c runs it on the registry in memory). */
struct expert_query {
	const char *pref;  /* "01".."47" or NULL */
	bool near;         /* widen to neighbours, then the regional block */
	const char *skill; /* NULL for any */
	int min_level;     /* with skill; 1 when unset */
	const char *role;
	int mode;         /* MODE_* or 0 */
	int on_call;      /* -1 any, 0, 1 */
	int certified;    /* -1 any, 0, 1 */
	const char *q;    /* words in the name or (if visible) the biography */
	int caller_level; /* enum vis_level the caller may see, for filters on such fields */
	int offset, limit;
};

/* Up to max expert ids greater than after, in order (for exports). */
int experts_ids_after(struct db *db, int64_t after, int64_t *ids, int max);

#endif
