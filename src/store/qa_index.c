/* qa_index.c — the Q&A search index's walks down its lanes, newest first: see
 * store/qa_index.h and the comment in store/qa_search.c. */
#include "store/qa_index.h"

#include <stdlib.h>

/* What the key of a settled question shares with the others of its slice (in its lane), or
 * of its topic in the slice. */
static uint64_t key_slice(int64_t key)
{
	return (uint64_t)key >> SLICE_SHIFT;
}

static uint64_t key_block(int64_t key)
{
	return (uint64_t)key >> TOPIC_SHIFT;
}

void lanes_for(const struct qa_query *q, struct lanes *l)
{
	int first = q->level ? q->level - 1 : 0;
	l->n = q->level ? 1 : LANES;
	for (int i = 0; i < l->n; i++) {
		l->lo[i] = (int64_t)(first + i - 2) * (INT64_C(1) << LANE_SHIFT);
		l->hi[i] = l->lo[i] + ((INT64_C(1) << LANE_SHIFT) - 1);
	}
}

static void lane_step(struct merge *m, struct lane *l)
{
	int rc = sqlite3_step(l->st);
	l->more = rc == SQLITE_ROW;
	if (rc != SQLITE_ROW && rc != SQLITE_DONE)
		m->failed = true;
}

static void lane_top(struct lane *l)
{
	l->top = -1;
	for (int r = 0; r < l->runs; r++)
		if (l->head[r] < l->end[r] &&
		    (l->top < 0 || l->rows[l->head[r]].when > l->rows[l->head[l->top]].when))
			l->top = r;
}

/* Read the lane's next recent question, or its next settled slice. */
static void lane_fill(struct merge *m, struct lane *l)
{
	l->n = l->runs = 0;
	l->top = -1;
	if (!l->more)
		return;
	int64_t first = sqlite3_column_int64(l->st, 0);
	uint64_t block = UINT64_MAX;
	do {
		if (l->n == l->cap) {
			int cap = l->cap ? 2 * l->cap : 256;
			struct row *more = realloc(l->rows, sizeof *more * (size_t)cap);
			if (!more) {
				m->failed = true;
				return;
			}
			l->rows = more, l->cap = cap;
		}
		struct row *r = &l->rows[l->n];
		r->key = sqlite3_column_int64(l->st, 0);
		r->when = key_when(r->key);
		if (m->ranked) {
			r->titled = sqlite3_column_int(l->st, 1);
			r->scored = sqlite3_column_type(l->st, 2) != SQLITE_NULL;
			r->score = sqlite3_column_double(l->st, 2);
		}
		if (key_block(r->key) != block) { /* a topic's run */
			block = key_block(r->key);
			l->head[l->runs++] = l->n;
		}
		l->end[l->runs - 1] = ++l->n;
		lane_step(m, l);
	} while ((first & SETTLED) && l->more &&
	         key_slice(sqlite3_column_int64(l->st, 0)) == key_slice(first));
	lane_top(l);
}

/* One copy of sql per lane of l, bound by bind (with ctx) and with the lane's first and
 * last keys as ?lo and ?lo + 1, each on its first row. */
void merge_open(struct merge *m, struct db *db, const char *sql, bool ranked, const struct lanes *l,
                int lo, void (*bind)(sqlite3_stmt *, const void *), const void *ctx)
{
	*m = (struct merge){.n = l->n, .ranked = ranked};
	for (int i = 0; i < l->n; i++) {
		struct lane *ln = &m->lane[i];
		if (!(ln->st = db_stmt_copy(db, sql, i))) {
			m->failed = true;
			return;
		}
		bind(ln->st, ctx);
		sqlite3_bind_int64(ln->st, lo, l->lo[i]);
		sqlite3_bind_int64(ln->st, lo + 1, l->hi[i]);
		ln->top = -1;
		lane_step(m, ln);
	}
}

/* Reset every lane's statement: KK_OK, or KK_ERR (logged as what) when one failed. */
int merge_close(struct merge *m, struct db *db, const char *what)
{
	for (int i = 0; i < m->n; i++) {
		db_done(m->lane[i].st);
		free(m->lane[i].rows);
	}
	if (!m->failed)
		return KK_OK;
	db_log_error(db, what);
	return KK_ERR;
}

/* Whether a lane's next row is a settled question's: the next merge_top reads its slice. */
bool merge_settled_next(const struct merge *m)
{
	for (int i = 0; i < m->n; i++)
		if (m->lane[i].top < 0 && m->lane[i].more &&
		    (sqlite3_column_int64(m->lane[i].st, 0) & SETTLED))
			return true;
	return false;
}

/* The lane holding the newest row, or -1 when every lane is done or one failed. */
int merge_top(struct merge *m)
{
	int top = -1;
	int64_t newest = 0;
	for (int i = 0; !m->failed && i < m->n; i++) {
		struct lane *l = &m->lane[i];
		if (l->top < 0)
			lane_fill(m, l);
		if (l->top < 0)
			continue;
		int64_t when = l->rows[l->head[l->top]].when;
		if (top < 0 || when > newest)
			top = i, newest = when;
	}
	return top;
}

/* Lane i's next row, and past it. */
struct row merge_next(struct merge *m, int i)
{
	struct lane *l = &m->lane[i];
	struct row r = l->rows[l->head[l->top]++];
	lane_top(l);
	return r;
}
