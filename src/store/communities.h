/* communities.h — communities and organisations, where they are active, and
 * their expert members. */
#ifndef KK_STORE_COMMUNITIES_H
#define KK_STORE_COMMUNITIES_H

#include "store/db.h"
#include "util/arena.h"

#define COMMUNITY_MAX_PREFS 47

struct community {
	int64_t id;
	const char *name, *type, *description, *contact;
	int nprefs, members;
	const char *prefs[COMMUNITY_MAX_PREFS];
};

/* Insert c; *id is the new community's. KK_OK or KK_ERR. */
int communities_create(struct db *db, const struct community *c, int64_t *id);
/* Community id into out (arena strings): KK_OK, KK_NOTFOUND, KK_ERR. */
int communities_get(struct db *db, struct arena *a, int64_t id, struct community *out);
/* Filtered by prefecture and type (NULL for any), north to south then by name; at most max. */
int communities_list(struct db *db, struct arena *a, const char *pref, const char *type,
                     struct community *out, int max);
/* Communities an expert belongs to. */
int communities_of_expert(struct db *db, struct arena *a, int64_t expert_id, struct community *out,
                          int max);
/* KK_OK, or KK_CONFLICT when already a member. */
int communities_join(struct db *db, int64_t id, int64_t expert_id);
/* KK_OK, or KK_NOTFOUND when not a member. */
int communities_leave(struct db *db, int64_t id, int64_t expert_id);
/* Member expert ids (at most max). */
int communities_members(struct db *db, int64_t id, int64_t *ids, int max);

#endif
