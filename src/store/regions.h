/* regions.h — what the regional dashboard reads: the per-day counts that
 * triggers keep (migration 019), the registry's figures now, the first
 * responses' medians, the monthly series, the skills asked for against those
 * offered, and what each prefecture's type is made of. A prefecture is its
 * index, JIS code − 1. */
#ifndef KK_STORE_REGIONS_H
#define KK_STORE_REGIONS_H

#include "domain/prefecture.h"
#include "domain/regions.h"
#include "store/db.h"

/* Changes whenever anything the map shows may have changed (in any process). */
int64_t regions_generation(struct db *db);
/* The day number (days since 1970-01-01, Japan time) of UTC time t. */
int regions_day(int64_t t);

/* The generations of the activity (requests, questions, responses), the registry (experts,
 * certificates, communities, desks, companies) and the counted self-assessments. */
int regions_generations(struct db *db, int64_t *activity, int64_t *registry, int64_t *assessed);
/* The flows of days from..to (inclusive) with the first responses and their median into
 * f[] (present and value; nothing derived), leaving the registry's figures. KK_OK or KK_ERR. */
int regions_flows(struct db *db, int from, int to, struct region_figures f[PREF_COUNT]);
/* The self-assessments that count, per prefecture: RM_ASSESSED and, per CSF function, the
 * companies under 50 and those it applies to (weak[], applicable[]) into f[]. */
int regions_assessed(struct db *db, struct region_figures f[PREF_COUNT]);
/* The registry's figures now (experts active, certified, on call; communities) into f[]. */
int regions_stock(struct db *db, struct region_figures f[PREF_COUNT]);

/* Every day's counts, day by day: row(ctx, day, prefecture index, metric, n) for each that
 * is not 0; then every first response: response(ctx, day, prefecture index, seconds).
 * KK_OK or KK_ERR. */
int regions_each_day(struct db *db, void (*row)(void *ctx, int day, int pref, int metric, double n),
                     void (*response)(void *ctx, int day, int pref, double seconds), void *ctx);
/* The first day with any activity, or `otherwise` when there is none. */
int regions_first_day(struct db *db, int otherwise);
/* One prefecture's flows per month since day: row(ctx, "YYYY-MM", -1, metric, value). */
int regions_pref_monthly(struct db *db, const char *pref, int since,
                         void (*row)(void *ctx, const char *month, int pref, int metric,
                                     double value),
                         void *ctx);

/* A skill and how many requests asked for it, or experts offer it. */
struct region_skill {
	const char *code;
	int n;
};
/* The skills pref's requests asked for since day (most asked first, at most max) and the
 * skills its active experts offer (at most max_offered): counts, or KK_ERR. */
int regions_skills_asked(struct db *db, struct arena *a, const char *pref, int since,
                         struct region_skill *out, int max);
int regions_skills_offered(struct db *db, struct arena *a, const char *pref,
                           struct region_skill *out, int max);

/* The uploaded reference count per prefecture into ref[] (0 where none) and its label (in
 * a; "" when none): how many prefectures have one, or KK_ERR. */
int regions_reference(struct db *db, struct arena *a, double ref[PREF_COUNT], const char **label);
/* Replace the reference with ref[] (every value > 0) and label, inside the caller's
 * transaction. KK_OK or KK_ERR. */
int regions_set_reference(struct db *db, const int64_t ref[PREF_COUNT], const char *label);

/* Each prefecture's regional type (domain/regions.h's rule). KK_OK or KK_ERR. */
int regions_types(struct db *db, char types[PREF_COUNT][REGION_TYPE_TEXT]);

#endif
