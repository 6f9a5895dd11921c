/* assessments.h — the self-assessment's tables: the versioned item bank,
 * assessments with their answers, drafts under a browser token, answers in
 * progress, consent to statistics and the peer figures (a histogram of totals
 * and per-item counts per peer group) kept up to date as assessments count. */
#ifndef KK_STORE_ASSESSMENTS_H
#define KK_STORE_ASSESSMENTS_H

#include "domain/assessment.h"
#include "store/db.h"

#include <stdbool.h>

#define ASSESSMENT_MAX_ITEMS 64

/* An item of the bank, its texts in one language. */
struct assessment_item {
	const char *code, *function, *effort, *skills, *roles, *question, *why, *step;
	const char *keywords; /* Japanese words to look up in the Q&A, space-separated */
	int sort, weight;
};

struct assessment {
	int64_t id, company_id, created_at; /* company_id 0: an unclaimed draft; created_at 0 on
	                                     * create: now */
	int version, total;
	int fn[FN__N];
	const char *counted_in; /* NULL, or the peer groups its figures are in, space-separated */
};

/* One answer. */
struct assessment_answer {
	const char *item, *answer;
};

/* The newest version of the bank (0 when none). */
int assessment_version(struct db *db);
/* The items of version in their order (functions GV..RC, then sort), texts in lang ("en"
 * or else Japanese): how many, or KK_ERR. */
int assessment_items(struct db *db, struct arena *a, int version, const char *lang,
                     struct assessment_item *out, int max);

/* Store an assessment with its n answers: for company_id, or (company_id 0) as a draft
 * under draft_hash. *id is set. Run inside the caller's transaction. */
int assessments_create(struct db *db, int64_t company_id, const unsigned char *draft_hash,
                       const struct assessment *s, const struct assessment_answer *answers, int n,
                       int64_t *id);
/* Assessment id: KK_OK, KK_NOTFOUND, KK_ERR. */
int assessments_get(struct db *db, struct arena *a, int64_t id, struct assessment *out);
/* Is id an unclaimed draft under draft_hash? */
bool assessments_draft_is(struct db *db, int64_t id, const unsigned char *draft_hash);
/* The answers of id: how many, or KK_ERR. */
int assessments_answers(struct db *db, struct arena *a, int64_t id, struct assessment_answer *out,
                        int max);
/* The company's assessments, newest first: how many, or KK_ERR. */
int assessments_of_company(struct db *db, struct arena *a, int64_t company_id,
                           struct assessment *out, int max);
/* Give the drafts under draft_hash to company_id: how many, or KK_ERR. */
int assessments_claim(struct db *db, const unsigned char *draft_hash, int64_t company_id);
/* Delete drafts nobody claimed, stored before `before`, and progress older than it. */
int assessments_purge(struct db *db, int64_t before);

/* The assessment of company_id whose figures count now (0 if none), and its newest one. */
int64_t assessments_counted(struct db *db, int64_t company_id);
int64_t assessments_latest(struct db *db, int64_t company_id);
/* Add (sign 1) or take out (sign -1) assessment id's total and answers in group grp;
 * then record the groups it counts in (NULL: none). Inside the caller's transaction. */
int peer_add(struct db *db, int64_t id, const char *grp, int sign);
int assessments_set_counted(struct db *db, int64_t id, const char *groups);
/* Recompute every peer figure from the assessments counted now (after a bulk load).
 * Inside the caller's transaction. */
int peer_rebuild(struct db *db);
/* The histogram of totals in grp for version (hist[0..100]); the number of companies. */
int64_t peer_histogram(struct db *db, int version, const char *grp, int64_t hist[101]);
/* Per item in grp: how many do it (done or reviewed) and how many it applies to. */
struct peer_item {
	const char *item;
	int64_t doing, applicable;
};
/* The per-item counts of grp for version: how many, or KK_ERR. */
int peer_items_of(struct db *db, struct arena *a, int version, const char *grp,
                  struct peer_item *out, int max);

/* A company's consent to its latest assessment feeding statistics. */
int companies_consent(struct db *db, int64_t company_id);
int companies_set_consent(struct db *db, int64_t company_id, bool consent);

/* Answers in progress under a browser token (a JSON object text; NULL when none). */
const char *assessment_progress_get(struct db *db, struct arena *a, const unsigned char *hash);
int assessment_progress_put(struct db *db, const unsigned char *hash, const char *answers);
int assessment_progress_drop(struct db *db, const unsigned char *hash);

#endif
