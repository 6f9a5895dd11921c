/* desks.h — companies (with their IT vendors, for conflicts of interest) and
 * help desks per prefecture with their operators. */
#ifndef KK_STORE_DESKS_H
#define KK_STORE_DESKS_H

#include "store/db.h"
#include "util/arena.h"

#define COMPANY_MAX_VENDORS 20

struct company {
	int64_t id;
	const char *name, *prefecture, *industry, *employees;
	int nvendors;
	const char *vendors[COMPANY_MAX_VENDORS];
};

struct desk {
	int64_t id, community_id;
	const char *prefecture, *name, *hours, *contact;
};

/* Insert or replace company c->id (an sme account) with its vendors. KK_OK or KK_ERR. */
int companies_save(struct db *db, const struct company *c);
/* Company id into out (arena strings): KK_OK, KK_NOTFOUND, KK_ERR. */
int companies_get(struct db *db, struct arena *a, int64_t id, struct company *out);

/* Insert d; *id is the new desk's. KK_ERR also for a community id that does not exist. */
int desks_create(struct db *db, const struct desk *d, int64_t *id);
/* Desk id into out (arena strings): KK_OK, KK_NOTFOUND, KK_ERR. */
int desks_get(struct db *db, struct arena *a, int64_t id, struct desk *out);
/* Every desk by prefecture, at most max: how many, or KK_ERR. */
int desks_list(struct db *db, struct arena *a, struct desk *out, int max);
/* The desk for a prefecture: its own, else one of its regional block; KK_NOTFOUND if none. */
int desks_for_prefecture(struct db *db, const char *pref, int64_t *desk_id);
int desks_add_operator(struct db *db, int64_t desk_id, int64_t account_id);
/* Desks an operator works at (at most max). */
int desks_of_operator(struct db *db, int64_t account_id, int64_t *ids, int max);
int desks_operators(struct db *db, int64_t desk_id, int64_t *ids, int max);

#endif
