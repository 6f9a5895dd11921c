/* qa.h — the Q&A knowledge base, shared by the API and the pages. */
#ifndef KK_APP_QA_H
#define KK_APP_QA_H

#include "http/input.h"
#include "store/experts.h"
#include "store/qa.h"

#define SEARCH_PAGE    20    /* hits per page of results */
#define SEARCH_PAGES   50000 /* pages one may ask for: every match of a million questions */
#define OUTDATED_YEARS 2     /* an answer older than this is marked outdated until confirmed */
#define TEASER_CHARS   120   /* what an archived question shows to all but premium accounts */

/* Read the question fields (title, body, topic, level) into q: KK_OK, or KK_INVALID with err
 * naming the field. */
int qa_read_question(struct req *r, struct question *q, struct field_error *err);
/* Store a question for the caller (anonymous but for prefecture and industry). */
int qa_ask(struct req *r, struct question *q, int64_t *id);
/* Question id into q, or a 404 (hidden ones too, but for admins) and false. */
bool qa_load_or_reply(struct req *r, int64_t id, struct question *q);
/* Questions older than the archive window show only a teaser, except to premium
 * members, desks, admins and the asker. */
bool qa_full_access(struct req *r, const struct question *q);
const char *qa_teaser(struct arena *a, const char *s, int chars);
bool qa_outdated(const struct answer *ans);
/* An answer as the question's page and the API show it to the caller. */
struct qa_shown {
	struct answer a; /* its body cut to a teaser when the question is archived for the caller */
	struct expert e; /* its author, when has_expert */
	bool has_expert, best, certified;
};
/* The answers of q the caller sees (all; only the best when q is archived for them, !full),
 * oldest first: how many (at most max). */
int qa_shown_answers(struct req *r, const struct question *q, bool full, struct qa_shown *out,
                     int max);
/* Answer question_id (into q) as the caller: KK_OK, KK_NOTFOUND, KK_INVALID (err), KK_FORBIDDEN
 * (err->code "ethics_required"), KK_ERR. */
int qa_answer(struct req *r, int64_t question_id, struct question *q, int64_t *id,
              struct field_error *err);
/* The asker marks the best answer: KK_OK (also when it already is), KK_FORBIDDEN (not the
 * asker), KK_NOTFOUND, KK_ERR. *question_id is the answer's question. */
int qa_best(struct req *r, int64_t answer_id, int64_t *question_id);
/* Someone else marks an answer helpful; *count is its marks now: KK_OK, KK_CONFLICT (marked
 * already), KK_FORBIDDEN (one's own), KK_NOTFOUND, KK_ERR. */
int qa_helpful(struct req *r, int64_t answer_id, int64_t *question_id, int *count);
/* The author confirms an answer, with an optional "update": KK_OK, KK_INVALID (err),
 * KK_FORBIDDEN (not the author), KK_NOTFOUND, KK_ERR. */
int qa_confirm(struct req *r, int64_t answer_id, int64_t *question_id, struct field_error *err);
bool qa_query_or_reply(struct req *r, const char **q, const char **topic, int *level, int *page);
/* Search what was typed (page 0: similar to a title, any of its words); hits in
 * the arena; how many, or KK_ERR. */
int qa_run_search(struct req *r, const char *typed, const char *topic, int level, int page,
                  struct qa_results *res);

/* Experts by Q&A reputation for the topic and prefecture of r's query string (at most max). */
int qa_ranking_query(struct req *r, struct reputation *out, int max);

/* An admin hides a question or an answer (kind "question" or "answer"; field reason), audited. */
int qa_hide(struct req *r, const char *kind, int64_t id, struct field_error *why);

#endif
