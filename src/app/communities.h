/* communities.h — communities for the pages and the API. */
#ifndef KK_APP_COMMUNITIES_H
#define KK_APP_COMMUNITIES_H

#include "domain/regions.h" /* community_types */
#include "http/input.h"
#include "store/communities.h"

#define COMMUNITY_LIST_MAX 200

/* The community as the API shows it. */
json_t *community_json(const struct community *c);
/* pref and type from the query string (NULL when absent); 400 and false when bad. */
bool community_filters_or_reply(struct req *r, const char **pref, const char **type);
/* An admin creates a community (fields name, type, description, contact, prefectures),
 * audited: KK_OK, KK_INVALID (err names the field), KK_ERR. */
int community_create(struct req *r, int64_t *id, struct field_error *err);
/* The caller joins community id: KK_OK (*joined false when a member already), KK_NOTFOUND,
 * KK_CONFLICT "profile_missing" (no expert profile yet), KK_ERR. */
int community_join(struct req *r, int64_t id, bool *joined, struct field_error *why);

#endif
