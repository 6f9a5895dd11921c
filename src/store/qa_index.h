/* qa_index.h — the Q&A search index's keys (migrations/030) and walks down its lanes,
 * newest first (store/qa_search.c searches with them). */
#ifndef KK_STORE_QA_INDEX_H
#define KK_STORE_QA_INDEX_H

#include "store/db.h"
#include "store/qa.h"

#include <stdbool.h>
#include <stdint.h>

/* The parts of an index key (migrations/030): the lane (the level - 3, from the top bit),
 * the tier, then for a recent question its `when` (below) turned around; for a settled one
 * the slice of time (seconds since EPOCH >> SLICE_BITS) turned around, the topic, and the
 * seconds in the slice with the best-answer bit and the id, turned around. */
#define LANES       4
#define LANE_SHIFT  62
#define SETTLED     (INT64_C(1) << 61)
#define RECENT_MAX  (SETTLED - 1)
#define SLICE_SHIFT 52
#define SLICE_MAX   511
#define TOPIC_SHIFT 47
#define SETTLED_MAX ((INT64_C(1) << TOPIC_SHIFT) - 1)
#define SLICE_BITS  22
#define WHEN_BITS   (ID_BITS + 1)      /* below the seconds in `when` */
#define EPOCH       INT64_C(946684800) /* 2000-01-01 */

/* The seconds since EPOCH << WHEN_BITS | the best-answer bit << ID_BITS | the id: the
 * greater, the newer (the order of the walks, across lanes, tiers and topics). */
static inline int64_t key_when(int64_t key)
{
	if (!(key & SETTLED))
		return RECENT_MAX - (key & RECENT_MAX);
	int64_t slice = SLICE_MAX - (int64_t)(((uint64_t)key >> SLICE_SHIFT) & SLICE_MAX);
	return slice << (SLICE_BITS + WHEN_BITS) | (SETTLED_MAX - (key & SETTLED_MAX));
}

/* A key's question: when it was asked (Unix time), its id, whether it has a best answer. */
static inline int64_t key_time(int64_t key)
{
	return EPOCH + (key_when(key) >> WHEN_BITS);
}

static inline int64_t key_id(int64_t key)
{
	return key_when(key) & ((INT64_C(1) << ID_BITS) - 1);
}

static inline bool key_best(int64_t key)
{
	return (key_when(key) >> ID_BITS) & 1;
}

/* The last key of the slice of a settled question's key (in its lane). */
static inline int64_t slice_end(int64_t key)
{
	return key | ((INT64_C(1) << SLICE_SHIFT) - 1);
}

/* The lanes a search reads: the one of its level, or all four; their first and last keys. */
struct lanes {
	int n;
	int64_t lo[LANES], hi[LANES];
};

/* The lanes of q's level, or all four. */
void lanes_for(const struct qa_query *q, struct lanes *l);

/* A match read: its key and when; from SQL_RANKED, whether a term is in its title and its
 * BM25, when it was ranked. */
struct row {
	int64_t key, when;
	int titled;
	bool scored;
	double score;
};

/* A lane's statement and the matches it has read and not given: a recent question's alone
 * (the recent are in time order), or a settled slice's, in key order, so in runs, one per
 * topic, each newest first (a run from head[r] to end[r]; top: the run with the newest next,
 * -1 when all are given); more: the statement is on the next row. */
#define TOPICS 32
struct lane {
	sqlite3_stmt *st;
	bool more;
	struct row *rows;
	int n, cap, runs, top, head[TOPICS], end[TOPICS];
};

/* A walk down several lanes at once, newest first: one statement per lane (its first column
 * the key; with ranked, the second and third whether a term is in the title and the BM25),
 * each read a slice at a time, when the walk needs its next row (merge_top: the lane with the
 * newest row). */
struct merge {
	struct lane lane[LANES];
	int n;
	bool ranked, failed;
};

/* One copy of sql per lane of l, bound by bind (with ctx) and with the lane's first and
 * last keys as ?lo and ?lo + 1, each on its first row. */
void merge_open(struct merge *m, struct db *db, const char *sql, bool ranked, const struct lanes *l,
                int lo, void (*bind)(sqlite3_stmt *, const void *), const void *ctx);
/* Reset every lane's statement: KK_OK, or KK_ERR (logged as what) when one failed. */
int merge_close(struct merge *m, struct db *db, const char *what);
/* Whether a lane's next row is a settled question's: the next merge_top reads its slice. */
bool merge_settled_next(const struct merge *m);
/* The lane holding the newest row, or -1 when every lane is done or one failed. */
int merge_top(struct merge *m);
/* Lane i's next row, and past it. */
struct row merge_next(struct merge *m, int i);

#endif
