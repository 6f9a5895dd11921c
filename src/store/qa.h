/* qa.h — questions, answers, helpful marks, reports, and full-text search
 * with the bigram tokenizer registered on every connection. */
#ifndef KK_STORE_QA_H
#define KK_STORE_QA_H

#include "store/db.h"
#include "util/arena.h"
#include "domain/qa_query.h"

#include <stdbool.h>

struct question {
	int64_t id, asker_id, best_answer_id, created_at;
	const char *title, *body, *topic, *prefecture, *industry;
	int level, answers;
	bool hidden;
};

struct answer {
	int64_t id, question_id, expert_id, created_at, confirmed_at;
	const char *body, *addendum; /* addendum NULL when none */
	int helpful;
	bool hidden;
};

struct qa_hit {
	int64_t id, created_at;
	const char *title, *snippet; /* snippet: \x01 and \x02 around the matched terms */
	double score;
	bool answered;
};

/* Insert q (asker 0 for none), now; *id is its id. KK_OK or KK_ERR. */
int questions_create(struct db *db, const struct question *q, int64_t *id);
/* Question id into out (arena strings): KK_OK, KK_NOTFOUND, KK_ERR. */
int questions_get(struct db *db, struct arena *a, int64_t id, struct question *out);
/* Mark answer_id as the best answer of question id. KK_OK, KK_NOTFOUND, KK_ERR. */
int questions_set_best(struct db *db, int64_t id, int64_t answer_id);
/* Hide or show question id. KK_OK, KK_NOTFOUND, KK_ERR. */
int questions_set_hidden(struct db *db, int64_t id, bool hidden);
/* Newest first; topic NULL for any; unanswered only when asked. Ids, at most max. */
int questions_recent(struct db *db, const char *topic, bool unanswered, int offset, int max,
                     int64_t *ids);

/* Insert an answer by expert_id to question_id, now, and count it; *id is its id. */
int answers_create(struct db *db, int64_t question_id, int64_t expert_id, const char *body,
                   int64_t *id);
/* Answer id into out (arena strings): KK_OK, KK_NOTFOUND, KK_ERR. */
int answers_get(struct db *db, struct arena *a, int64_t id, struct answer *out);
/* Visible answers of a question, oldest first. */
int answers_list(struct db *db, struct arena *a, int64_t question_id, struct answer *out, int max);
int answers_set_hidden(struct db *db, int64_t id, bool hidden);
/* The author confirms the answer today, with an update (NULL for none). */
int answers_confirm(struct db *db, int64_t id, const char *addendum);
/* KK_CONFLICT when this account already marked it; the new count in *count. */
int helpful_add(struct db *db, int64_t answer_id, int64_t account_id, int *count);
/* Has account_id marked answer_id helpful already? */
bool helpful_marked(struct db *db, int64_t answer_id, int64_t account_id);
int reports_add(struct db *db, const char *kind, int64_t post_id, int64_t reporter,
                const char *reason);

/* Bulk loading (seeding): a question with its answers (answer_at[i] their times,
 * best the index of the best one or -1), hidden until qa_bulk_show and not
 * followed up (it is history: the worker would otherwise notify experts of every
 * unanswered one); then qa_bulk_show and qa_index_optimize. */
int qa_insert_bulk(struct db *db, const struct question *q, const char *const *answers,
                   const int64_t *experts, const int64_t *answer_at, int n, int best, int64_t *id);
/* Show every question qa_insert_bulk wrote (the triggers index them), in the caller's
 * transaction. */
int qa_bulk_show(struct db *db);
/* How old a question is when the search index settles it (qa_settle). */
#define QA_SETTLE_AFTER (30 * 86400)
/* Settle at most `most` of the questions created before `before` (QA_SETTLE_AFTER ago): the
 * search index keeps the recent ones in time order and the settled in slices by topic
 * (migrations/030; questions_create and qa_insert_bulk settle an older question at once);
 * how many, or KK_ERR. In the caller's transaction: each is indexed anew. */
int qa_settle(struct db *db, int64_t before, int most);
/* Rebuild the index from the questions and answers (the view qa_docs), then
 * qa_index_optimize. */
int qa_reindex_all(struct db *db);
/* Merge the index into one segment (after a bulk load: a snippet then costs one seek per
 * term). */
int qa_index_optimize(struct db *db);
/* Merge the index's small segments (those written since the last merge, two or more on a
 * level: migrations/031), writing at most about `pages` pages: a search reads each segment.
 * KK_OK or KK_ERR. */
int qa_index_merge(struct db *db, int pages);
/* KK_OK when the index holds exactly what qa_docs shows, else KK_ERR (logged). */
int qa_index_check(struct db *db);

/* How many times this process changed what the search finds (asked, answered, best,
 * hidden): a cache of search results is stale when it changed (other processes: by its
 * age). */
int64_t qa_changes(void);

/* An index key (FTS5 rowid, the column search_key of migrations/030) ends in the id, in its
 * low ID_BITS bits (turned around). */
#define ID_BITS 24

struct qa_query {
	const char *match; /* from qa_match_query (all terms) or qa_similar_query (any) */
	bool any;          /* true for qa_similar_query's */
	const char *topic; /* NULL for any */
	int level;         /* 0 for any */
};
struct qa_results {
	struct qa_hit *hits; /* n of them, in the arena */
	int n;
	int64_t total; /* how many match: exact, or a lower bound (500) for common terms */
	bool exact;    /* false: total is a lower bound (and similar questions have none) */
};
/* Best first: relevance (BM25, titles weigh 4), plus a boost for a best answer and
 * for recency, over a bounded set of candidates; then every other match, newest first,
 * so following the pages reaches every match. At most MAX_PHRASES (32) terms count; at
 * most limit hits from offset. */
int qa_search(struct db *db, struct arena *a, const struct qa_query *q, int offset, int limit,
              struct qa_results *out);

struct post_report {
	int64_t id, post_id, reporter_id, created_at;
	const char *kind, *reason;
};
/* Reports of posts still visible, newest first. */
int reports_open(struct db *db, struct arena *a, struct post_report *out, int max);

struct reputation {
	int64_t expert_id;
	int score, answers, best;
};
/* Experts by reputation (10 per best answer, 1 per helpful mark), for a topic and a
 * home prefecture (NULL for any), at most max. */
int qa_ranking(struct db *db, const char *topic, const char *pref, struct reputation *out, int max);

struct unanswered {
	int64_t id, asker_id; /* asker 0: none (a generated question) */
	const char *topic, *prefecture;
};
/* Unanswered questions older than `before` still at follow-up stage `stage`, oldest first,
 * at most max: how many, or KK_ERR. */
int qa_unanswered(struct db *db, struct arena *a, int64_t before, int stage, struct unanswered *out,
                  int max);
int qa_set_followup(struct db *db, int64_t id, int stage);
/* Experts with the skill, of the prefecture first, ethics accepted (at most max). */
int qa_experts_for(struct db *db, const char *topic, const char *pref, int64_t *ids, int max);

#endif
