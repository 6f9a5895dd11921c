/* expert.h — an expert's profile as plain data, and the pure rules about it:
 * who may see which field, and how learning hours become CPD points. */
#ifndef KK_EXPERT_H
#define KK_EXPERT_H

#include <stdbool.h>
#include <stdint.h>

/* Fields that carry a visibility. Display name, prefectures, skills, roles and
 * certificate status are always shown. Names are the API's field names. */
enum vis_field {
	VF_MODES,
	VF_HOURS,
	VF_ON_CALL,
	VF_LANGUAGES,
	VF_BIO,
	VF_EMPLOYER,
	VF_EMPLOYER_SUPPORTS,
	VF_BACKGROUND,
	VF_CONFLICTS,
	VF_ETHICS,
	VF_MODULES, /* the facilitator course's modules completed */
	VF__MAX
};
extern const char *const vis_field_names[VF__MAX];

enum vis_level { VIS_PUBLIC, VIS_USERS, VIS_DESKS, VIS_PRIVATE };
extern const char *const vis_level_names[4];

int vis_field_from_name(const char *name); /* -1 when unknown */
int vis_level_from_name(const char *name); /* -1 when unknown */
/* Whether a field may take a level: conflicts of interest are never hidden
 * from companies and desks, so only public or users. */
bool vis_allowed(enum vis_field f, int level);
/* The most private level a caller sees: anonymous 0, logged in 1, desk or admin 2, the expert 3. */
int vis_caller_level(bool logged_in, bool desk_or_admin, bool owner);

#define MODE_REMOTE          1
#define MODE_ONSITE          2
#define EXPERT_MAX_SERVES    47
#define EXPERT_MAX_SKILLS    32
#define EXPERT_MAX_ROLES     8
#define EXPERT_MAX_LANGUAGES 8
#define EXPERT_MAX_CONFLICTS 20

struct expert_skill {
	const char *code;
	int level;
};

struct certificate {
	const char *number, *level, *status, *issued_on, *expires_on, *reason;
	int64_t expert_id;
};

struct expert {
	int64_t id; /* the account id */
	const char *display_name, *prefecture;
	bool remote, on_call, employer_supports, hidden;
	int modes, hours_per_week;
	const char *bio, *employer, *background; /* background may be NULL */
	int64_t ethics_accepted_at;              /* 0: not accepted */
	int vis[VF__MAX];
	int nserves, nskills, nroles, nlanguages, nconflicts;
	const char *serves[EXPERT_MAX_SERVES];
	struct expert_skill skills[EXPERT_MAX_SKILLS];
	const char *roles[EXPERT_MAX_ROLES];
	const char *languages[EXPERT_MAX_LANGUAGES];
	const char *conflicts[EXPERT_MAX_CONFLICTS];
	struct certificate cert; /* the most recent certificate; number NULL when none */
	int tier;        /* search result: 0 same prefecture, 1 neighbour, 2 block, 3 remote */
	int64_t version; /* from the registry in memory: which load (0: read from the database) */
};

/* Default visibilities for a new profile. */
void expert_default_visibility(int vis[VF__MAX]);

/* CPD: points for hours (in tenths) of an activity kind. -1 for an unknown kind.
 * Rule: one point per full hour of training, event or exercise; two per hour of
 * teaching; answers and consultations give the points their feature grants. */
int cpd_points(const char *kind, int hours_tenths);

#endif
