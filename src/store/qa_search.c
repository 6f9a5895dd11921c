/* qa_search.c — the Q&A search over the FTS5 index (see the comment below for
 * how it keeps its work bounded at a million questions). */
#include "domain/bigram.h"
#include "store/fts.h"
#include "store/qa.h"

#include <math.h>
#include <stdlib.h>
#include <string.h>
#include "sql/qa_search.h"

/* ---- search ----
 * The index is in four lanes, one per level, each in recency order (newest first: see
 * FTS_ROW), so a search filtered by level reads one lane and the others read the four
 * together, always taking the newest row next (struct merge). The first matches read are
 * the ones the recency boost favours, and a search reads one walk down its matches, newest
 * first, that stops after about COUNT_CAP however common its terms: it ranks (BM25 plus
 * the boosts) the CANDIDATES newest matches and, older than those but within twice the
 * time they span, up to OLDER with a term in the title (where BM25 weighs most) and as
 * many with a best answer. How common each term is (for BM25's weights) is counted among
 * the WINDOW newest rows and scaled up. A topic filter is a word of the index's third
 * column: within a lane, a topic's rows are scattered, so FTS5 reads past the others.
 *
 * Nothing is lost by paging: the ranked candidates come first, then every other
 * match, newest first (a walk down the index from the newest row, leaving out the
 * ranked ones). The total is exact up to COUNT_CAP matches (the same walk counts
 * them); beyond, it is a lower bound: COUNT_CAP, or as many as a deep page read. */
/* OLDER: the candidates older than the newest with a term in the title; as many with a best
 * answer. */
#define WINDOW       5000
#define CANDIDATES   300
#define OLDER        100
#define COUNT_CAP    500 /* matches counted exactly; more: "at least" */
#define AGE_PER_YEAR 0.5 /* a year older costs this much */
#define BEST_BOOST   1.0 /* a best answer gains this much (two years) */
#define YEAR         31536000.0
#define HORIZON_MIN  86400
#define HORIZON_MAX  (2 * 31536000) /* the best answer's boost in years of age */

struct cand {
	int64_t key;
	double score;
};

/* The parts of an index key (FTS_ROW, migrations/029): the lane, then the time since
 * EPOCH, the best-answer bit and the id, turned around. */
#define LANES      4
#define LANE_SHIFT 61
#define AGE_MAX    ((INT64_C(1) << LANE_SHIFT) - 1)
#define EPOCH      INT64_C(946684800) /* 2000-01-01 */

/* The key without its lane: the smaller, the newer. */
static int64_t key_age(int64_t key)
{
	return key & AGE_MAX;
}

static int64_t key_time(int64_t key)
{
	return EPOCH + ((AGE_MAX - key_age(key)) >> (ID_BITS + 1));
}

static int64_t key_id(int64_t key)
{
	return (AGE_MAX - key_age(key)) & ((INT64_C(1) << ID_BITS) - 1);
}

static bool key_best(int64_t key)
{
	return ((AGE_MAX - key_age(key)) >> ID_BITS) & 1;
}

static int ascending(const void *x, const void *y)
{
	int64_t a = *(const int64_t *)x, b = *(const int64_t *)y;
	return (a > b) - (a < b);
}

/* Newest first. */
static int by_key(const void *x, const void *y)
{
	int64_t a = key_age(((const struct cand *)x)->key),
	        b = key_age(((const struct cand *)y)->key);
	return (a > b) - (a < b);
}

static int by_score(const void *x, const void *y)
{
	const struct cand *a = x, *b = y;
	if (a->score != b->score)
		return (a->score < b->score) - (a->score > b->score);
	return by_key(x, y);
}

/* The quoted phrases of a query from qa_match_query or qa_similar_query (at most
 * MAX_PHRASES); returns how many. */
static int split_phrases(struct arena *a, const char *match, const char **out)
{
	int n = 0;
	for (const char *p = match; n < MAX_PHRASES && (p = strchr(p, '"'));) {
		const char *start = p++;
		while (*p && (*p != '"' || p[1] == '"'))
			p += *p == '"' ? 2 : 1;
		if (!*p)
			break;
		p++;
		if (strncmp(p, " *", 2) == 0) /* a prefix (qa_match_query: Latin letters, digits) */
			p += 2;
		out[n++] = arena_strndup(a, start, (size_t)(p - start));
	}
	return n;
}

static const char *joined(struct arena *a, const char *const *parts, int n, const char *sep)
{
	struct buf b;
	buf_init(&b, a);
	for (int i = 0; i < n; i++) {
		if (i)
			buf_puts(&b, sep);
		buf_puts(&b, parts[i]);
	}
	return b.p;
}

/* The newest rows, tallied by kk_df: t[i] rows holding phrase i, t[n] rows
 * matching the search; the index's rows; the sample's size, or whole when it
 * is the index. */
struct sample {
	double t[MAX_PHRASES + 2], rows;
	int size;
	bool whole;
};

/* How many rows of the index hold what `sampled` counted in the sample: exact
 * when the sample is the index; scaled up (at least half a row: what the
 * sample misses is rare, not absent), else. */
static double scaled(double sampled, const struct sample *s)
{
	if (s->whole)
		return sampled;
	return (sampled > 0.5 ? sampled : 0.5) * s->rows / s->size;
}

/* Which matches a walk down them, newest first, ranks (take, for each in turn): the
 * `want` newest; then, within twice the time they span (at least HORIZON_MIN, at most
 * HORIZON_MAX: a term never in a title does not read the whole index), up to `older`
 * with a term in the title and as many with a best answer. done once it has them. */
struct ranking {
	int want, older, taken, titled, best;
	int64_t newest, oldest; /* the first time read; the oldest the titled and best reach */
	bool done;
};

static bool take(struct ranking *r, int64_t key, int titled)
{
	if (r->taken < r->want) {
		if (r->taken++ == 0)
			r->newest = key_time(key);
		if (r->taken == r->want) {
			int64_t span = 2 * (r->newest - key_time(key));
			span = span < HORIZON_MIN   ? HORIZON_MIN
			       : span > HORIZON_MAX ? HORIZON_MAX
			                            : span;
			r->oldest = key_time(key) - span;
		}
		return true;
	}
	if (r->done || (r->done = key_time(key) < r->oldest))
		return false;
	bool wanted = false;
	if (r->titled < r->older && titled)
		r->titled++, wanted = true;
	if (r->best < r->older && key_best(key))
		r->best++, wanted = true;
	r->done = r->titled == r->older && r->best == r->older;
	return wanted;
}

/* The lanes a search reads: the one of its level, or all four; their first and last keys. */
struct lanes {
	int n;
	int64_t lo[LANES], hi[LANES];
};

static void lanes_for(const struct qa_query *q, struct lanes *l)
{
	int first = q->level ? q->level - 1 : 0;
	l->n = q->level ? 1 : LANES;
	for (int i = 0; i < l->n; i++) {
		l->lo[i] = (int64_t)(first + i) << LANE_SHIFT;
		l->hi[i] = l->lo[i] | AGE_MAX;
	}
}

/* A walk down several lanes at once, newest first: one statement per lane (its first
 * column the key), each on its next row; merge_top is the lane with the newest. */
struct merge {
	sqlite3_stmt *st[LANES];
	bool live[LANES];
	int n;
	bool failed;
};

static void merge_step(struct merge *m, int i)
{
	int rc = sqlite3_step(m->st[i]);
	m->live[i] = rc == SQLITE_ROW;
	if (rc != SQLITE_ROW && rc != SQLITE_DONE)
		m->failed = true;
}

/* One copy of sql per lane of l, bound by bind (with ctx) and with the lane's first and
 * last keys as ?lo and ?lo + 1, each on its first row. */
static void merge_open(struct merge *m, struct db *db, const char *sql, const struct lanes *l,
                       int lo, void (*bind)(sqlite3_stmt *, const void *), const void *ctx)
{
	*m = (struct merge){.n = l->n};
	for (int i = 0; i < l->n; i++) {
		if (!(m->st[i] = db_stmt_copy(db, sql, i))) {
			m->failed = true;
			return;
		}
		bind(m->st[i], ctx);
		sqlite3_bind_int64(m->st[i], lo, l->lo[i]);
		sqlite3_bind_int64(m->st[i], lo + 1, l->hi[i]);
		merge_step(m, i);
	}
}

/* Reset every lane's statement: KK_OK, or KK_ERR (logged as what) when one failed. */
static int merge_close(struct merge *m, struct db *db, const char *what)
{
	for (int i = 0; i < m->n; i++)
		db_done(m->st[i]);
	if (!m->failed)
		return KK_OK;
	db_log_error(db, what);
	return KK_ERR;
}

/* The lane holding the newest row, or -1 when every lane is done or one failed. */
static int merge_top(const struct merge *m)
{
	int top = -1;
	int64_t best = 0;
	for (int i = 0; !m->failed && i < m->n; i++) {
		if (!m->live[i])
			continue;
		int64_t age = key_age(sqlite3_column_int64(m->st[i], 0));
		if (top < 0 || age < best)
			top = i, best = age;
	}
	return top;
}

struct ranked_args {
	const char *match;
	const double *df;
	int n;
	const bool *done; /* SQL_RANKED's gate */
};

static void bind_ranked(sqlite3_stmt *st, const void *ctx)
{
	const struct ranked_args *a = ctx;
	sqlite3_bind_text(st, 1, a->match, -1, SQLITE_STATIC);
	sqlite3_bind_blob(st, 2, a->df, (int)sizeof *a->df * a->n, SQLITE_STATIC);
	sqlite3_bind_int(st, 3, a->n);
	sqlite3_bind_pointer(st, 4, (void *)a->done, "kk_gate", NULL);
}

/* The ranked candidates with their BM25 (df: the terms' row counts) and the count, from
 * one walk down the matches of `match` (n terms) in the lanes, newest first: it stops when
 * it has the candidates and has read more than COUNT_CAP. Into out (room for want + 2 *
 * OLDER, newest first) and *nout; *seen: the matches read; *every: whether that is all. */
static int rank_walk(struct db *db, const char *match, const struct lanes *l, const double *df,
                     int n, int want, struct cand *out, int *nout, int64_t *seen, bool *every)
{
	struct ranking r = {.want = want, .older = OLDER};
	/* SQL_RANKED ranks until r.done. A lane's row is read before the newer rows of the other
	 * lanes, so it ranks a few more than take keeps. */
	struct merge m;
	merge_open(&m, db, SQL_RANKED, l, 5, bind_ranked,
	           &(struct ranked_args){match, df, n, &r.done});
	*nout = 0;
	*seen = 0;
	*every = true;
	for (int i; (i = merge_top(&m)) >= 0; merge_step(&m, i)) {
		if (r.done && *seen >= COUNT_CAP) {
			*every = false; /* *seen was not everything: this one is more */
			break;
		}
		(*seen)++;
		sqlite3_stmt *st = m.st[i];
		int64_t key = sqlite3_column_int64(st, 0);
		if (take(&r, key, sqlite3_column_int(st, 1)) &&
		    sqlite3_column_type(st, 2) != SQLITE_NULL)
			out[(*nout)++] = (struct cand){key, sqlite3_column_double(st, 2)};
	}
	return merge_close(&m, db, "qa_search ranked");
}

/* The topic filter as a facet word of the index's third column (BIGRAM_FACET, 't' and the
 * topic in hex, or with 'l' and the level the one word for both: rarer, so cheaper to
 * read), or NULL without one (the level is a lane of the index). No term a person types
 * finds a facet word, so the terms need no column filter. */
static const char *facet_word(struct arena *a, const struct qa_query *q)
{
	if (!q->topic)
		return NULL;
	struct buf t;
	buf_init(&t, a);
	buf_printf(&t, "\"%ct", BIGRAM_FACET);
	for (const unsigned char *c = (const unsigned char *)q->topic; *c; c++)
		buf_printf(&t, "%02X", *c);
	if (q->level)
		buf_printf(&t, "l%d", q->level);
	buf_putc(&t, '"');
	return t.p;
}

/* Tally the `size` newest rows of the lanes (size / lanes of each; all of a lane with
 * fewer). */
static int sample(struct db *db, struct arena *a, const struct qa_query *q, const struct lanes *l,
                  const char **phrase, int np, const char *facet, int size, struct sample *out)
{
	const char *tally = arena_printf(a, "(%s)", joined(a, phrase, np, " OR "));
	if (facet)
		tally = arena_printf(a, "%s OR %s", tally, facet);
	double *t = out->t, lane[MAX_PHRASES + 2];
	memset(t, 0, sizeof *t * (size_t)(np + 2));
	out->size = 0;
	out->whole = true;
	for (int i = 0; i < l->n; i++) {
		int each = size / l->n;
		sqlite3_stmt *st =
		    db_bind(db, SQL_FLOOR, db_i64(l->lo[i]), db_i64(l->hi[i]), db_i64(each - 1));
		if (!st)
			return KK_ERR;
		bool whole = sqlite3_step(st) != SQLITE_ROW;
		int64_t to = whole ? l->hi[i] : sqlite3_column_int64(st, 0);
		db_done(st);
		if (whole) { /* the lane has fewer rows */
			if (!(st = db_bind(db, SQL_LANE_ROWS, db_i64(l->lo[i]), db_i64(l->hi[i]))))
				return KK_ERR;
			each = sqlite3_step(st) == SQLITE_ROW ? sqlite3_column_int(st, 0) : 0;
			db_done(st);
		}
		out->size += each;
		out->whole = out->whole && whole;
		if (!(st = db_stmt(db, SQL_TALLY)))
			return KK_ERR;
		sqlite3_bind_text(st, 1, tally, -1, SQLITE_STATIC);
		sqlite3_bind_int(st, 2, np);
		sqlite3_bind_int(st, 3, q->any);
		sqlite3_bind_int(st, 4, facet != NULL);
		sqlite3_bind_int64(st, 5, l->lo[i]);
		sqlite3_bind_int64(st, 6, to);
		memset(lane, 0, sizeof lane);
		int rc;
		while ((rc = sqlite3_step(st)) == SQLITE_ROW)
			if (sqlite3_column_bytes(st, 0) == (int)sizeof *t * (np + 2))
				memcpy(lane, sqlite3_column_blob(st, 0),
				       sizeof *t * (size_t)(np + 2));
		db_done(st);
		if (rc != SQLITE_DONE) {
			db_log_error(db, "qa_search sample");
			return KK_ERR;
		}
		for (int k = 0; k <= np; k++)
			t[k] += lane[k];
		if (lane[np + 1] > 0)
			t[np + 1] = lane[np + 1]; /* the index's rows */
	}
	out->rows = t[np + 1];
	if (out->size < 1)
		out->size = 1;
	return KK_OK;
}

/* Similar questions (any term): the terms in more than one row in COMMON of the
 * index (bigrams such as について) are kept out, so the candidates are the rows
 * that share a telling term; when all are common, the three rarest stay. */
#define COMMON 10
static int telling(const char **phrase, double *df, int np, double rows)
{
	int kept = 0;
	for (int i = 0; i < np; i++)
		if (df[i] > 0 && df[i] * COMMON <= rows)
			phrase[kept] = phrase[i], df[kept++] = df[i];
	if (kept)
		return kept;
	for (int i = 0; i < np; i++) /* sort by df, rarest first */
		for (int j = i + 1; j < np; j++)
			if (df[j] < df[i]) {
				double d = df[i];
				const char *p = phrase[i];
				df[i] = df[j], phrase[i] = phrase[j];
				df[j] = d, phrase[j] = p;
			}
	while (kept < np && kept < 3 && df[kept] > 0)
		kept++;
	return kept;
}

static bool is_ranked(const int64_t *ranked, int n, int64_t key)
{
	int lo = 0, hi = n - 1;
	while (lo <= hi) {
		int mid = (lo + hi) / 2;
		if (ranked[mid] == key)
			return true;
		if (ranked[mid] < key)
			lo = mid + 1;
		else
			hi = mid - 1;
	}
	return false;
}

static void bind_match(sqlite3_stmt *st, const void *match)
{
	sqlite3_bind_text(st, 1, match, -1, SQLITE_STATIC);
}

/* Walk the matches in the lanes newest first, leaving out the ranked ones: skip `from` of
 * the rest and put the next `n` keys into out. *seen: how many matches the walk read; *all:
 * whether that is every match (it stops once it has its keys and has read COUNT_CAP). */
static int walk(struct db *db, const char *match, const struct lanes *l, const int64_t *ranked,
                int nranked, int from, int n, int64_t *out, int *nout, int64_t *seen, bool *all)
{
	struct merge m;
	merge_open(&m, db, SQL_WALK, l, 2, bind_match, match);
	int skipped = 0;
	*seen = 0;
	*all = true;
	for (int i; (i = merge_top(&m)) >= 0; merge_step(&m, i)) {
		int64_t key = sqlite3_column_int64(m.st[i], 0);
		if (*nout == n && *seen >= COUNT_CAP) {
			*all = false; /* there is this one more at least */
			break;
		}
		(*seen)++;
		if (*nout == n || is_ranked(ranked, nranked, key))
			continue;
		if (skipped < from)
			skipped++;
		else
			out[(*nout)++] = key;
	}
	return merge_close(&m, db, "qa_search walk");
}

int qa_search(struct db *db, struct arena *a, const struct qa_query *q, int offset, int limit,
              struct qa_results *out)
{
	*out = (struct qa_results){arena_alloc(a, sizeof *out->hits * (size_t)limit), 0, 0, true};
	const char *phrase[MAX_PHRASES], *facet = facet_word(a, q);
	int np = split_phrases(a, q->match, phrase);
	if (!np)
		return KK_OK;
	const char *filters = facet ? arena_printf(a, " AND %s", facet) : "";
	struct lanes lanes;
	lanes_for(q, &lanes);
	/* Similar questions rank by many terms and show no total: a smaller sample. */
	struct sample smp;
	double df[MAX_PHRASES];
	if (sample(db, a, q, &lanes, phrase, np, facet, q->any ? WINDOW / 4 : WINDOW, &smp) !=
	    KK_OK)
		return KK_ERR;
	if (smp.whole && smp.t[np] == 0)
		return KK_OK; /* the sample was the index, and nothing matched */
	for (int i = 0; i < np; i++)
		df[i] = scaled(smp.t[i], &smp);
	if (q->any) { /* similar questions: no total is shown */
		out->exact = false;
		/* On a small index every row is a candidate anyway: keep all terms. */
		if (!smp.whole && !(np = telling(phrase, df, np, smp.rows)))
			return KK_OK; /* no term is in the index */
	}
	const char *terms = arena_printf(a, "(%s)", joined(a, phrase, np, q->any ? " OR " : " "));
	const char *match = arena_printf(a, "%s%s", terms, filters);

	/* Rank the candidates; the boosts follow from the key. The same candidates on every
	 * page, so the ranked part does not move as one pages on. */
	struct cand *c = arena_alloc(a, sizeof *c * (CANDIDATES + 2 * OLDER));
	int nc = 0;
	int64_t counted = 0;
	bool all = false; /* the walk read every match */
	if (rank_walk(db, match, &lanes, df, np, CANDIDATES, c, &nc, &counted, &all) != KK_OK)
		return KK_ERR;
	qsort(c, (size_t)nc, sizeof *c, by_key);
	int64_t now = db_now();
	int kept = 0;
	for (int i = 0; i < nc; i++) {
		if (kept && c[kept - 1].key == c[i].key)
			continue;
		c[kept] = c[i];
		c[kept].score += AGE_PER_YEAR * (double)(key_time(c[i].key) - now) / YEAR +
		                 BEST_BOOST * key_best(c[i].key);
		kept++;
	}
	/* The ranked keys in order, to leave them out of the walk below. */
	int64_t *ranked = arena_alloc(a, sizeof *ranked * (size_t)(kept ? kept : 1));
	for (int i = 0; i < kept; i++)
		ranked[i] = c[i].key;
	qsort(ranked, (size_t)kept, sizeof *ranked, ascending);
	qsort(c, (size_t)kept, sizeof *c, by_score);
	/* What lies past the ranked part: every other match, newest first. */
	int first_rest = offset > kept ? offset : kept; /* the page's first place past them */
	int rest_from = first_rest - kept;
	int rest_n = offset + limit > first_rest ? offset + limit - first_rest : 0;
	int64_t *rest = arena_alloc(a, sizeof *rest * (size_t)(rest_n ? rest_n : 1));
	int nrest = 0;
	if (!q->any) {
		/* Exact up to COUNT_CAP, or when a walk read them all; else "at least". */
		out->exact = all;
		out->total = all ? counted : COUNT_CAP;
		if (rest_n) {
			int64_t seen = 0;
			bool every = false;
			if (walk(db, match, &lanes, ranked, kept, rest_from, rest_n, rest, &nrest,
			         &seen, &every) != KK_OK)
				return KK_ERR;
			if (!all && every) { /* a deep page's walk read them all */
				out->exact = true;
				out->total = seen;
			} else if (!all && seen > out->total) { /* it read more than the cap */
				out->total = seen;
			}
		}
		if (out->total < kept)
			out->total = kept;
	}

	for (int i = offset; out->n < limit && i < offset + limit; i++) {
		int64_t key;
		double score = 0;
		if (i < kept) {
			key = c[i].key;
			score = c[i].score;
		} else if (i - first_rest < nrest) {
			key = rest[i - first_rest];
		} else {
			break;
		}
		int64_t id = key_id(key);
		sqlite3_stmt *st = db_stmt_id(db, SQL_HIT, id);
		if (!st)
			return KK_ERR;
		if (sqlite3_step(st) != SQLITE_ROW) {
			db_done(st);
			continue; /* hidden since the index was read */
		}
		struct qa_hit *h = &out->hits[out->n++];
		h->id = id;
		h->title = db_text_dup(a, st, 0);
		h->created_at = sqlite3_column_int64(st, 1);
		h->answered = sqlite3_column_int(st, 2);
		h->score = score;
		db_done(st);
		if (!(st = db_stmt(db, SQL_SNIPPET)))
			return KK_ERR;
		sqlite3_bind_text(st, 1, terms, -1, SQLITE_STATIC);
		sqlite3_bind_int64(st, 2, key);
		h->snippet = sqlite3_step(st) == SQLITE_ROW ? db_text_dup(a, st, 0) : NULL;
		db_done(st);
		if (!h->snippet)
			h->snippet = "";
	}
	return KK_OK;
}
