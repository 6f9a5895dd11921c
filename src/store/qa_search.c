/* qa_search.c — the Q&A search over the FTS5 index (see the comment below for
 * how it keeps its work bounded at a million questions). */
#include "domain/bigram.h"
#include "store/fts.h"
#include "store/qa.h"
#include "store/qa_index.h"

#include <math.h>
#include <stdlib.h>
#include <string.h>
#include "sql/qa_search.h"

/* ---- search ----
 * The index is in four lanes, one per level, and each lane in two tiers (the key:
 * migrations/030): the questions of the last 30 days in time order, newest first, then
 * the settled ones in slices of time (about 49 days, the newest first), a slice in blocks,
 * one per topic, each newest first. So a search filtered by level reads one lane, and one
 * filtered by topic reads, in each slice, its topic's block: FTS5 skips the other blocks'
 * postings. A walk takes a lane's recent matches one by one and reads a settled slice's
 * at once, then gives them newest first (merging its blocks), and walks the lanes
 * together, always taking the newest next (struct merge). The first matches read are
 * the ones the recency boost favours, and a search reads one walk down its matches, newest
 * first, that stops after about COUNT_CAP however common its terms: it ranks (BM25 plus
 * the boosts) the CANDIDATES newest matches and, older than those but within twice the
 * time they span, up to OLDER with a term in the title (where BM25 weighs most) and as
 * many with a best answer. A settled slice is read before its matches are taken: when the
 * ranking would read one before it knows how far back it reaches, and the matches are many
 * (the sample says), a walk down their keys finds that first, so it does not rank them all.
 * How common each term is (for BM25's weights) is counted among about WINDOW of the
 * newest rows and scaled up. A topic filter is a word of the index's third column.
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

static int ascending(const void *x, const void *y)
{
	int64_t a = *(const int64_t *)x, b = *(const int64_t *)y;
	return (a > b) - (a < b);
}

/* Newest first. */
static int by_key(const void *x, const void *y)
{
	int64_t a = key_when(((const struct cand *)x)->key),
	        b = key_when(((const struct cand *)y)->key);
	return (a < b) - (a > b);
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

/* The oldest time the ranking reaches, when the `want`-th newest match is at `last` and the
 * newest at `newest`: twice the time they span before it (at least HORIZON_MIN, at most
 * HORIZON_MAX: a term never in a title does not read the whole index). */
static int64_t horizon(int64_t newest, int64_t last)
{
	int64_t span = 2 * (newest - last);
	span = span < HORIZON_MIN ? HORIZON_MIN : span > HORIZON_MAX ? HORIZON_MAX : span;
	return last - span;
}

/* Which matches a walk down them, newest first, ranks (take, for each in turn): the
 * `want` newest; then, back to their horizon, up to `older` with a term in the title and
 * as many with a best answer. done once it has them. */
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
		if (r->taken == r->want)
			r->oldest = horizon(r->newest, key_time(key));
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

static void bind_match(sqlite3_stmt *st, const void *match)
{
	sqlite3_bind_text(st, 1, match, -1, SQLITE_STATIC);
}

/* How far back the ranking reads (seconds since EPOCH): to the horizon of the `want` newest
 * matches (INT64_MIN when there are fewer), from a walk down their keys. */
static int ranking_reach(struct db *db, const char *match, const struct lanes *l, int want,
                         int64_t *reach)
{
	struct merge m;
	merge_open(&m, db, SQL_WALK, false, l, 2, bind_match, match);
	struct ranking r = {.want = want};
	for (int i; r.taken < want && (i = merge_top(&m)) >= 0;)
		take(&r, merge_next(&m, i).key, 0);
	*reach = r.taken == want ? r.oldest - EPOCH : INT64_MIN;
	return merge_close(&m, db, "qa_search reach");
}

struct ranked_args {
	const char *match;
	const double *df;
	int n;
	const struct fts_gate *gate; /* SQL_RANKED's */
};

static void bind_ranked(sqlite3_stmt *st, const void *ctx)
{
	const struct ranked_args *a = ctx;
	sqlite3_bind_text(st, 1, a->match, -1, SQLITE_STATIC);
	sqlite3_bind_blob(st, 2, a->df, (int)sizeof *a->df * a->n, SQLITE_STATIC);
	sqlite3_bind_int(st, 3, a->n);
	sqlite3_bind_pointer(st, 4, (void *)a->gate, "kk_gate", NULL);
}

/* The ranked candidates with their BM25 (df: the terms' row counts) and the count, from
 * one walk down the matches of `match` (n terms) in the lanes, newest first: it stops when
 * it has the candidates and has read more than COUNT_CAP. Into out (room for want + 2 *
 * OLDER, newest first) and *nout; *seen: the matches read; *every: whether that is all.
 * many: the newest rows hold more matches than want (the sample says). */
static int rank_walk(struct db *db, const char *match, const struct lanes *l, const double *df,
                     int n, bool many, int want, struct cand *out, int *nout, int64_t *seen,
                     bool *every)
{
	struct ranking r = {.want = want, .older = OLDER};
	/* SQL_RANKED ranks while the gate is open: until r.done, and back to the horizon once it
	 * is known (the time of the want-th). A settled slice is read before its rows are taken:
	 * when one would be read before that, with many matches, ranking_reach looks ahead. */
	struct fts_gate gate = {.since = INT64_MIN};
	bool reached = false;
	struct merge m;
	merge_open(&m, db, SQL_RANKED, true, l, 5, bind_ranked,
	           &(struct ranked_args){match, df, n, &gate});
	*nout = 0;
	*seen = 0;
	*every = true;
	for (int i;;) {
		if (!reached && r.taken == r.want) {
			gate.since = r.oldest - EPOCH;
			reached = true;
		} else if (!reached && many && merge_settled_next(&m)) {
			m.failed = ranking_reach(db, match, l, want, &gate.since) != KK_OK;
			reached = true;
		}
		if ((i = merge_top(&m)) < 0)
			break;
		if (r.done && *seen >= COUNT_CAP) {
			*every = false; /* *seen was not everything: this one is more */
			break;
		}
		(*seen)++;
		struct row row = merge_next(&m, i);
		if (take(&r, row.key, row.titled) && row.scored)
			out[(*nout)++] = (struct cand){row.key, row.score};
		gate.closed = r.done;
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

/* How many rows of the index have keys from lo to hi ending in mask's bits all 0. */
static int lane_rows(struct db *db, int64_t lo, int64_t hi, int64_t mask, int *rows)
{
	sqlite3_stmt *st = db_bind(db, SQL_LANE_ROWS, db_i64(lo), db_i64(hi), db_i64(mask));
	if (!st)
		return KK_ERR;
	*rows = sqlite3_step(st) == SQLITE_ROW ? sqlite3_column_int(st, 0) : 0;
	db_done(st);
	return KK_OK;
}

/* A lane's sample of about `each` rows: its rows from its first key to `to`, the `each`-th
 * when that is a recent question's; else the end of its settled slice (a slice's first rows
 * are of a few topics), and of those the rows whose key ends in mask's bits all 0 (the id's,
 * turned around). whole: the lane has no more. */
struct lane_sample {
	int64_t lo, to, mask;
	int each, rows;
	bool whole;
};

/* Counting a slice's rows (when fewer than `each` questions are recent) costs more than the
 * rest of a rare term's search, and the slices change slowly: a thread keeps its lanes'
 * samples for SAMPLE_TTL seconds, or until this process changes what the search finds
 * (qa_changes). A whole lane is counted anew: the search trusts that it holds no match. */
#define SAMPLE_TTL 60
/* The sizes a lane's sample has (`each`): of a search in four lanes or in one, and of
 * similar questions in four (in one lane theirs is a search's in four). */
#define SAMPLE_SIZES 3
static _Thread_local struct {
	const struct db *db;
	int64_t at, changes;
	int n;
	struct lane_sample s[SAMPLE_SIZES * LANES];
} samples;

static int lane_sample(struct db *db, int64_t lo, int64_t hi, int each, struct lane_sample *out)
{
	int64_t now = db_now(), changes = qa_changes();
	if (samples.db != db || samples.changes != changes || now - samples.at >= SAMPLE_TTL)
		samples.db = db, samples.changes = changes, samples.at = now, samples.n = 0;
	for (int i = 0; i < samples.n; i++)
		if (samples.s[i].lo == lo && samples.s[i].each == each) {
			*out = samples.s[i];
			return KK_OK;
		}
	*out = (struct lane_sample){.lo = lo, .each = each};
	sqlite3_stmt *st = db_bind(db, SQL_FLOOR, db_i64(lo), db_i64(hi), db_i64(each - 1));
	if (!st)
		return KK_ERR;
	out->whole = sqlite3_step(st) != SQLITE_ROW;
	out->to = out->whole ? hi : sqlite3_column_int64(st, 0);
	db_done(st);
	if (!out->whole && !(out->to & SETTLED)) { /* the newest, recent questions */
		out->rows = each;
		return KK_OK;
	}
	if (!out->whole)
		out->to = slice_end(out->to);
	if (lane_rows(db, lo, out->to, 0, &out->rows) != KK_OK)
		return KK_ERR;
	while (out->rows / (out->mask + 1) > each)
		out->mask = out->mask << 1 | 1;
	if (out->mask && lane_rows(db, lo, out->to, out->mask, &out->rows) != KK_OK)
		return KK_ERR;
	out->whole = (out->whole || out->to == hi) && !out->mask;
	if (!out->whole && samples.n < SAMPLE_SIZES * LANES)
		samples.s[samples.n++] = *out;
	return KK_OK;
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
		struct lane_sample ls;
		if (lane_sample(db, l->lo[i], l->hi[i], size / l->n, &ls) != KK_OK)
			return KK_ERR;
		out->size += ls.rows;
		out->whole = out->whole && ls.whole;
		sqlite3_stmt *st = db_stmt(db, SQL_TALLY);
		if (!st)
			return KK_ERR;
		sqlite3_bind_text(st, 1, tally, -1, SQLITE_STATIC);
		sqlite3_bind_int(st, 2, np);
		sqlite3_bind_int(st, 3, q->any);
		sqlite3_bind_int(st, 4, facet != NULL);
		sqlite3_bind_int64(st, 5, l->lo[i]);
		sqlite3_bind_int64(st, 6, ls.to);
		sqlite3_bind_int64(st, 7, ls.mask);
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

/* Walk the matches in the lanes newest first, leaving out the ranked ones: skip `from` of
 * the rest and put the next `n` keys into out. *seen: how many matches the walk read; *all:
 * whether that is every match (it stops once it has its keys and has read COUNT_CAP). */
static int walk(struct db *db, const char *match, const struct lanes *l, const int64_t *ranked,
                int nranked, int from, int n, int64_t *out, int *nout, int64_t *seen, bool *all)
{
	struct merge m;
	merge_open(&m, db, SQL_WALK, false, l, 2, bind_match, match);
	int skipped = 0;
	*seen = 0;
	*all = true;
	for (int i; (i = merge_top(&m)) >= 0;) {
		if (*nout == n && *seen >= COUNT_CAP) {
			*all = false; /* there is this one more at least */
			break;
		}
		(*seen)++;
		int64_t key = merge_next(&m, i).key;
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
	/* The filter word first: FTS5 reads an AND in its order, so the terms' postings are
	 * read only near its rows (kk_rank and kk_titled take the terms from the end). */
	const char *match = facet ? arena_printf(a, "%s AND %s", facet, terms) : terms;

	/* Rank the candidates; the boosts follow from the key. The same candidates on every
	 * page, so the ranked part does not move as one pages on. */
	struct cand *c = arena_alloc(a, sizeof *c * (CANDIDATES + 2 * OLDER));
	int nc = 0;
	int64_t counted = 0;
	bool all = false; /* the walk read every match */
	if (rank_walk(db, match, &lanes, df, np, smp.t[np] > CANDIDATES, CANDIDATES, c, &nc,
	              &counted, &all) != KK_OK)
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
