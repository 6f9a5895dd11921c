/* course.h — the facilitator course: its curriculum (modules per expert role), who
 * completed which module and how, and the sessions to come that cover some modules.
 * Which events cover which modules is the event's (store/events.h). */
#ifndef KK_STORE_COURSE_H
#define KK_STORE_COURSE_H

#include "store/db.h"
#include "util/arena.h"

#define COURSE_MAX_MODULES 40

struct course_module {
	const char *code, *role;
	int position;
	const char *title_ja, *title_en, *summary_ja, *summary_en;
};
/* Every module, role by role in the roles' order (at most max): how many, or KK_ERR. */
int course_modules(struct db *db, struct arena *a, struct course_module *out, int max);

/* A completed module: through event_id's session, or marked by an admin (marked_by) for a
 * reason. */
struct completion {
	const char *module;
	int64_t event_id, marked_by;
	const char *reason;
	int64_t completed_at;
};
/* account_id's completed modules (at most max): how many, or KK_ERR. */
int course_completions(struct db *db, struct arena *a, int64_t account_id, struct completion *out,
                       int max);
/* An admin (by) marks module completed for account_id: KK_OK, KK_CONFLICT when it already
 * is, KK_ERR. */
int course_mark(struct db *db, int64_t account_id, const char *module, int64_t by,
                const char *reason);
/* The ids of sessions still to come that cover one of modules (a JSON list of codes), soonest
 * first (at most max): how many, or KK_ERR. */
int course_sessions(struct db *db, const char *modules, int64_t now, int64_t *ids, int max);

#endif
