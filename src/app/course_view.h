/* course_view.h — the facilitator course as parts of other pages (course_pages.c). */
#ifndef KK_APP_COURSE_VIEW_H
#define KK_APP_COURSE_VIEW_H

#include "domain/expert.h"
#include "http/req.h"

/* On e's profile, seen at level: its roles and their modules, done or not (when e lets the
 * viewer see them; always for an admin, with the form to mark one done). */
void course_profile_section(struct buf *b, struct req *r, const struct expert *e, int level);
/* On e's CPD page: each role's modules, the rule for certification, the next sessions. */
void course_cpd_section(struct buf *b, struct req *r, const struct expert *e);
/* The progress of account_id (e's roles, when e is not NULL) as JSON: {"done":[{"module",
 * "event_id"}],"roles":[{"role","complete","missing"}]}, or NULL on a storage error. */
json_t *course_json(struct req *r, int64_t account_id, const struct expert *e);

#endif
