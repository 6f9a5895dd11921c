/* links.h — every local URL of an object, built in one place, for pages, mail
 * and notifications alike. Each returns arena memory; sub is NULL for the
 * object's own page or an action's path segment ("assign", "messages"). */
#ifndef KK_LINKS_H
#define KK_LINKS_H

#include "util/arena.h"

#include <stdint.h>

/* /requests/ID[/SUB] */
const char *link_request(struct arena *a, int64_t id, const char *sub);
/* /qa/ID[/SUB] */
const char *link_question(struct arena *a, int64_t id, const char *sub);
/* /qa/answers/ID/SUB */
const char *link_answer(struct arena *a, int64_t id, const char *sub);
/* /experts/ID[/SUB] */
const char *link_expert(struct arena *a, int64_t id, const char *sub);
/* /communities/ID[/SUB] */
const char *link_community(struct arena *a, int64_t id, const char *sub);
/* /events/ID[/SUB] */
const char *link_event(struct arena *a, int64_t id, const char *sub);
/* /admin/KIND/ID/SUB (KIND: accounts, experts, complaints) */
const char *link_admin(struct arena *a, const char *kind, int64_t id, const char *sub);

#endif
