/* course.h — the facilitator course for the pages and the API: the curriculum in the
 * caller's language, an expert's progress through it (which modules are done and how,
 * which roles it completes), the sessions that would close the gap, an admin marking a
 * module done (audited), and the rule for certification: the modules of a role the expert
 * names, and the code of ethics. */
#ifndef KK_APP_COURSE_H
#define KK_APP_COURSE_H

#include "domain/expert.h"
#include "http/input.h"
#include "store/course.h"

/* The curriculum and account_id's progress through it. */
struct course_view {
	int n;
	struct course_module m[COURSE_MAX_MODULES];
	bool done[COURSE_MAX_MODULES];
	int64_t via_event[COURSE_MAX_MODULES]; /* the session attended, 0 when marked */
};
/* Load it: KK_OK or KK_ERR. */
int course_load(struct req *r, int64_t account_id, struct course_view *v);
/* How many of role's modules are not done (0: the role's course is complete). */
int course_missing(const struct course_view *v, const char *role);
/* A module's title in r's language, by its code ("" when unknown). */
const char *course_title(struct req *r, const struct course_view *v, const char *code);
/* Whether code is a module of the curriculum. */
bool course_known(const struct course_view *v, const char *code);

/* May e be certified? The code of ethics accepted, and every module of at least one role it
 * names: KK_OK, or KK_CONFLICT "ethics_missing" / "course_incomplete". */
int course_certifiable(struct req *r, const struct expert *e, struct field_error *why);
/* The sessions to come that cover a module e still misses in one of its roles (at most
 * max): how many ids, or KK_ERR. */
int course_next_sessions(struct req *r, const struct expert *e, const struct course_view *v,
                         int64_t *ids, int max);
/* An admin marks a module done for expert_id (fields module, reason), audited: KK_OK,
 * KK_INVALID naming the field, KK_NOTFOUND (no such expert), KK_CONFLICT "module_done". */
int course_mark_done(struct req *r, int64_t expert_id, struct field_error *why);

#endif
