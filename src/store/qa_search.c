/* qa_search.c — the Q&A search over the FTS5 index (see the comment below for
 * how it keeps its work bounded at a million questions). */
#include "store/fts.h"
#include "store/qa.h"

#include <math.h>
#include <stdlib.h>
#include <string.h>
#include "sql/qa_search.h"

/* ---- search ----
 * The index is in recency order (newest first), so the first matches read are
 * the ones the recency boost favours, and a search reads one walk down its
 * matches, newest first, that stops after about COUNT_CAP however common its
 * terms: it ranks (BM25 plus the boosts) the CANDIDATES newest matches and,
 * older than those but within twice the time they span, up to OLDER with a
 * term in the title (where BM25 weighs most) and as many with a best answer.
 * How common each term is (for BM25's weights) is counted among the WINDOW
 * newest rows and scaled up.
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

/* The parts of an index key (FTS_ROW). */
static int64_t key_time(int64_t key)
{
	return key >> (ID_BITS + 1);
}

static int64_t key_id(int64_t key)
{
	return key & ((INT64_C(1) << ID_BITS) - 1);
}

static bool key_best(int64_t key)
{
	return (key >> ID_BITS) & 1;
}

static int by_key(const void *x, const void *y)
{
	const struct cand *a = x, *b = y;
	return (a->key < b->key) - (a->key > b->key);
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

/* Which matches a walk down them, newest first, ranks (take, called by SQL_RANKED's
 * kk_gate for each in turn): the `want` newest; then, within twice the time they span
 * (at least HORIZON_MIN, at most HORIZON_MAX: a term never in a title does not read the
 * whole index), up to `older` with a term in the title and as many with a best answer.
 * done once it has them. */
struct ranking {
	int want, older, taken, titled, best;
	int64_t newest, from; /* the first key read; the oldest key the titled and best reach */
	bool done;
};

static bool take(void *ctx, sqlite3_int64 key, int titled)
{
	struct ranking *r = ctx;
	if (r->taken < r->want) {
		if (r->taken++ == 0)
			r->newest = key;
		if (r->taken == r->want) {
			int64_t span = 2 * (key_time(r->newest) - key_time(key));
			span = span < HORIZON_MIN   ? HORIZON_MIN
			       : span > HORIZON_MAX ? HORIZON_MAX
			                            : span;
			int64_t oldest = key_time(key) - span;
			r->from = oldest > 0 ? oldest << (ID_BITS + 1) : 0;
		}
		return true;
	}
	if (r->done || (r->done = key < r->from))
		return false;
	bool wanted = false;
	if (r->titled < r->older && titled)
		r->titled++, wanted = true;
	if (r->best < r->older && key_best(key))
		r->best++, wanted = true;
	r->done = r->titled == r->older && r->best == r->older;
	return wanted;
}

/* The ranked candidates with their BM25 (df: the terms' row counts) and the count, from
 * one walk down the matches of `match` (n terms), newest first: it stops when it has the
 * candidates and has read more than COUNT_CAP. Into out (room for want + 2 * OLDER,
 * newest first) and *nout; *seen: the matches read; *every: whether that is all. */
static int rank_walk(struct db *db, const char *match, const double *df, int n, int want,
                     struct cand *out, int *nout, int64_t *seen, bool *every)
{
	struct ranking r = {.want = want, .older = OLDER};
	struct fts_gate gate = {take, &r};
	sqlite3_stmt *st = db_stmt(db, SQL_RANKED);
	if (!st)
		return KK_ERR;
	sqlite3_bind_text(st, 1, match, -1, SQLITE_STATIC);
	sqlite3_bind_blob(st, 2, df, (int)sizeof *df * n, SQLITE_STATIC);
	sqlite3_bind_int(st, 3, n);
	sqlite3_bind_pointer(st, 4, &gate, "kk_gate", NULL);
	int rc;
	*nout = 0;
	*seen = 0;
	while ((rc = sqlite3_step(st)) == SQLITE_ROW) {
		if (r.done && *seen >= COUNT_CAP)
			break; /* *seen was not everything: this one is more */
		(*seen)++;
		if (sqlite3_column_type(st, 1) != SQLITE_NULL)
			out[(*nout)++] = (struct cand){sqlite3_column_int64(st, 0),
			                               sqlite3_column_double(st, 1)};
	}
	*every = rc == SQLITE_DONE;
	db_done(st);
	if (rc != SQLITE_ROW && rc != SQLITE_DONE) {
		db_log_error(db, "qa_search ranked");
		return KK_ERR;
	}
	return KK_OK;
}

/* The filters as a phrase of the facets column ('t' and the topic in hex, 'l'
 * and the level, or the one word for both: rarer than either, so cheaper to
 * read), or NULL without filters. */
static const char *facet_word(struct arena *a, const struct qa_query *q)
{
	if (!q->topic && !q->level)
		return NULL;
	struct buf t;
	buf_init(&t, a);
	buf_putc(&t, '"');
	if (q->topic) {
		buf_putc(&t, 't');
		for (const unsigned char *c = (const unsigned char *)q->topic; *c; c++)
			buf_printf(&t, "%02X", *c);
	}
	if (q->level)
		buf_printf(&t, "l%d", q->level);
	buf_putc(&t, '"');
	return t.p;
}

/* Tally the `size` newest rows (all when there are fewer). */
static int sample(struct db *db, struct arena *a, const struct qa_query *q, const char **phrase,
                  int np, const char *facet, int size, struct sample *out)
{
	sqlite3_stmt *st = db_bind(db, SQL_FLOOR, db_i64(size - 1));
	if (!st)
		return KK_ERR;
	out->size = size;
	out->whole = sqlite3_step(st) != SQLITE_ROW;
	int64_t from = out->whole ? 0 : sqlite3_column_int64(st, 0);
	db_done(st);
	const char *tally = arena_printf(a, "{title body} : (%s)", joined(a, phrase, np, " OR "));
	if (facet)
		tally = arena_printf(a, "%s OR {facets} : %s", tally, facet);
	if (!(st = db_stmt(db, SQL_TALLY)))
		return KK_ERR;
	sqlite3_bind_text(st, 1, tally, -1, SQLITE_STATIC);
	sqlite3_bind_int(st, 2, np);
	sqlite3_bind_int(st, 3, q->any);
	sqlite3_bind_int(st, 4, facet != NULL);
	sqlite3_bind_int64(st, 5, from);
	double *t = out->t;
	memset(t, 0, sizeof *t * (size_t)(np + 2));
	int rc;
	while ((rc = sqlite3_step(st)) == SQLITE_ROW)
		if (sqlite3_column_bytes(st, 0) == (int)sizeof *t * (np + 2))
			memcpy(t, sqlite3_column_blob(st, 0), sizeof *t * (size_t)(np + 2));
	db_done(st);
	out->rows = t[np + 1];
	if (rc != SQLITE_DONE) {
		db_log_error(db, "qa_search sample");
		return KK_ERR;
	}
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

/* Walk the matches newest first, leaving out the ranked ones: skip `from` of the rest and
 * put the next `n` keys into out. *seen: how many matches the walk read; *all: whether
 * that is every match (it stops once it has its keys and has read COUNT_CAP + 1). */
static int walk(struct db *db, const char *match, const int64_t *ranked, int nranked, int from,
                int n, int64_t *out, int *nout, int64_t *seen, bool *all)
{
	int64_t need = (int64_t)nranked + from + n,
	        limit = need > COUNT_CAP ? need + 1 : COUNT_CAP + 1;
	sqlite3_stmt *st = db_bind(db, SQL_WALK, db_str(match), db_i64(limit));
	int rc = SQLITE_DONE, skipped = 0;
	*seen = 0;
	*all = true;
	while (st && (rc = sqlite3_step(st)) == SQLITE_ROW) {
		int64_t key = sqlite3_column_int64(st, 0);
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
	db_done(st);
	if (!st || (rc != SQLITE_ROW && rc != SQLITE_DONE)) {
		db_log_error(db, "qa_search walk");
		return KK_ERR;
	}
	if (*seen == limit)
		*all = false; /* stopped by the limit: more may follow */
	return KK_OK;
}

int qa_search(struct db *db, struct arena *a, const struct qa_query *q, int offset, int limit,
              struct qa_results *out)
{
	*out = (struct qa_results){arena_alloc(a, sizeof *out->hits * (size_t)limit), 0, 0, true};
	const char *phrase[MAX_PHRASES], *facet = facet_word(a, q);
	int np = split_phrases(a, q->match, phrase);
	if (!np)
		return KK_OK;
	const char *filters = facet ? arena_printf(a, " AND {facets} : %s", facet) : "";
	/* Similar questions rank by many terms and show no total: a smaller sample. */
	struct sample smp;
	double df[MAX_PHRASES];
	if (sample(db, a, q, phrase, np, facet, q->any ? WINDOW / 4 : WINDOW, &smp) != KK_OK)
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
	const char *terms =
	    arena_printf(a, "{title body} : (%s)", joined(a, phrase, np, q->any ? " OR " : " "));
	const char *match = arena_printf(a, "%s%s", terms, filters);

	/* Rank the candidates; the boosts follow from the key. The same candidates on every
	 * page, so the ranked part does not move as one pages on. */
	struct cand *c = arena_alloc(a, sizeof *c * (CANDIDATES + 2 * OLDER));
	int nc = 0;
	int64_t counted = 0;
	bool all = false; /* the walk read every match */
	if (rank_walk(db, match, df, np, CANDIDATES, c, &nc, &counted, &all) != KK_OK)
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
	/* The ranked keys in key order, to leave them out of the walk below. */
	int64_t *ranked = arena_alloc(a, sizeof *ranked * (size_t)(kept ? kept : 1));
	for (int i = 0; i < kept; i++) /* c is newest first: ranked ascending */
		ranked[i] = c[kept - 1 - i].key;
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
			if (walk(db, match, ranked, kept, rest_from, rest_n, rest, &nrest, &seen,
			         &every) != KK_OK)
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
