/* seed.h — demo and benchmark data, generated reproducibly. */
#ifndef KK_APP_SEED_H
#define KK_APP_SEED_H

#include "store/db.h"

#include <stdbool.h>

#include <stdbool.h>

/* The demo accounts (printed), 300 experts over all 47 prefectures and 30
 * communities. Idempotent: a second run adds nothing. */
int seed_demo(struct db *db);

/* n generated experts (accounts that cannot log in) from a fixed seed: the same
 * n gives the same data. Experts are numbered after those already seeded. */
int seed_experts(struct db *db, int n);

/* n generated questions with up to three answers each, reproducibly, spread over
 * three years, shown and indexed together at the end (one transaction); then
 * seed_reindex(db, false). */
int seed_questions(struct db *db, int n);
/* The search index after a bulk load, in one transaction with a progress bar: merged
 * into one segment; with rebuild, first built again from the questions and answers. */
int seed_reindex(struct db *db, bool rebuild);

/* make(db, a, start + k, ctx) for k in 0..n-1, batch of them per transaction, each batch
 * with a fresh arena; a progress bar on a terminal (util/progress.h). */
int seed_batches(struct db *db, int n, int batch, int64_t start, const char *what,
                 int (*make)(struct db *, struct arena *, int64_t, void *), void *ctx);

/* n generated companies, each with a self-assessment (seed_assessments.c), reproducibly;
 * then the peer figures are rebuilt once. */
int seed_assessments(struct db *db, int n);
/* years of requests by the generated companies, with first responses, widened incidents
 * and transfers, reproducibly (seed_activity.c): KK_ERR when there are no companies. */
int seed_activity(struct db *db, int years);
/* n generated events over the past year and the next, with registrations by the generated
 * experts and, for those past, attendance (seed_events.c), reproducibly. */
int seed_events(struct db *db, int n);
/* The demo's events in Osaka held by desk_id (see seed_events.c). */
int seed_demo_events(struct db *db, int64_t desk_id, int64_t desk_account, int64_t company,
                     int64_t expert);
/* Two assessments of company_id, half a year apart, the latest counted (the demo's history). */
int seed_company_history(struct db *db, int64_t company_id);

#endif
