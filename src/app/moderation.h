/* moderation.h — complaints about experts and an admin hiding a profile,
 * every step audited. Results are KK_* codes with *why for reply_result(). */
#ifndef KK_APP_MODERATION_H
#define KK_APP_MODERATION_H

#include "http/req.h"
#include "store/complaints.h"

/* File a complaint (field body) about expert_id as r's user; *id is the complaint's. */
int complaint_file(struct req *r, int64_t expert_id, int64_t *id, struct field_error *why);
/* An admin upholds or dismisses complaint id (fields status, resolution; with_hide: also the
 * form's hide box, which hides the profile). c is the complaint as it now is. KK_CONFLICT
 * "complaint_closed" when it was resolved already. */
int complaint_resolve(struct req *r, int64_t id, bool with_hide, struct complaint *c,
                      struct field_error *why);
/* An admin hides or shows expert_id's profile (field reason). */
int expert_set_hidden_by_admin(struct req *r, int64_t expert_id, bool hidden,
                               struct field_error *why);

#endif
