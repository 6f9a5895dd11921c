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

/* The flows of days from..to (inclusive), and the registry's figures now, into f[]
 * (present and value; nothing derived). KK_OK or KK_ERR. */
int regions_figures(struct db *db, int from, int to, struct region_figures f[PREF_COUNT]);

/* Every monthly figure (flows, responses and their median): row(ctx, "YYYY-MM", prefecture
 * index, metric, value) for each that is not 0, months oldest first. KK_OK or KK_ERR. */
int regions_monthly(struct db *db,
                    void (*row)(void *ctx, const char *month, int pref, int metric, double value),
                    void *ctx);
/* One prefecture's flows per month since day: row(ctx, "YYYY-MM", -1, metric, value). */
int regions_pref_monthly(struct db *db, const char *pref, int since,
                         void (*row)(void *ctx, const char *month, int pref, int metric,
                                     double value),
                         void *ctx);
/* The first day with any activity, or 0. */
int regions_first_day(struct db *db);

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

/* Each prefecture's regional type (domain/regions.h's rule). KK_OK or KK_ERR. */
int regions_types(struct db *db, char types[PREF_COUNT][REGION_TYPE_TEXT]);

#endif
