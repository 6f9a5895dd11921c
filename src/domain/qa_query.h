/* qa_query.h — what a user typed, turned into an FTS5 query for the Q&A
 * search. Pure: the same bigram tokenizer as the index decides what counts. */
#ifndef KK_DOMAIN_QA_QUERY_H
#define KK_DOMAIN_QA_QUERY_H

#include "util/arena.h"

/* Build an FTS5 query from what a user typed: every term and "quoted phrase"
 * becomes a quoted string (so FTS5's operators are plain text), terms that hold
 * nothing searchable are dropped; all must match. A term ending in a word of Latin
 * letters or digits (two or more) matches it as a prefix too: "utf" * finds UTF8 and
 * UTF-16. NULL when nothing is left. */
const char *qa_match_query(struct arena *a, const char *typed);

/* For similar questions: any of the title's tokens (OR, at most 32), so overlap ranks.
 * NULL when the title holds nothing searchable. */
const char *qa_similar_query(struct arena *a, const char *title);

#endif
