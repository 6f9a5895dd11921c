/* communities.h — communities for the pages and the API. */
#ifndef KK_APP_COMMUNITIES_H
#define KK_APP_COMMUNITIES_H

#include "http/input.h"
#include "store/communities.h"

#define COMMUNITY_LIST_MAX 200

extern const char *const community_types[]; /* NULL-terminated */

/* The community as the API shows it. */
json_t *community_json(const struct community *c);
/* pref and type from the query string (NULL when absent); 400 and false when bad. */
bool community_filters_or_reply(struct req *r, const char **pref, const char **type);
/* Create from the request: 0, -1 (err names the field) or -2. */
int community_create(struct req *r, int64_t *id, struct field_error *err);
/* The caller joins: 201 joined, 200 already a member, 404, 409 no profile, 500. */
int community_join_status(struct req *r, int64_t id);

#endif
