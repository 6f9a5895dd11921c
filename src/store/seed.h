/* seed.h — what generating demo and benchmark data needs to read and mark
 * (app/seed.c writes through the other store modules). */
#ifndef KK_STORE_SEED_H
#define KK_STORE_SEED_H

#include "store/db.h"

enum seed_count {
	SEED_EXPERTS,      /* generated experts (seed-N@kakekomi.example) */
	SEED_ALL_EXPERTS,  /* every expert profile */
	SEED_FIRST_EXPERT, /* the smallest expert account id, 0 when none */
	SEED_QUESTIONS,    /* every question */
	SEED_COMPANIES,    /* generated companies (seed-co-N@kakekomi.example) */
	SEED_EVENTS,       /* every event */
};
/* The count asked for, or -1 on error. */
int64_t seed_count(struct db *db, enum seed_count what);

/* The generated companies (ids and prefecture codes), at most max: how many, or KK_ERR. */
int seed_companies(struct db *db, int64_t *ids, char (*prefs)[3], int max);

/* The generated experts' account ids, at most max: how many, or KK_ERR. */
int seed_expert_ids(struct db *db, int64_t *ids, int max);

/* 1 when a seeding step named key is recorded as done, 0 when not, -1 on error. */
int seed_marked(struct db *db, const char *key);
/* Record the step named key as done (idempotent). KK_OK or KK_ERR. */
int seed_mark(struct db *db, const char *key);

#endif
