/* fts.c — what SQLite's FTS5 needs from kakekomi on every connection: the
 * "kakekomi" tokenizer (bigrams of Japanese, words of Latin text: domain/bigram.c)
 * and the ranking functions kk_df and kk_rank that the Q&A search calls. */
#include "store/fts.h"
#include "domain/bigram.h"

#include <math.h>
#include <stdbool.h>
#include <string.h>

struct fts_ctx {
	void *ctx;
	int (*token)(void *, int, const char *, int, int, int);
};

static int fts_emit(void *c, const char *tok, int len, int start, int end, bool colocated)
{
	struct fts_ctx *f = c;
	return f->token(f->ctx, colocated ? FTS5_TOKEN_COLOCATED : 0, tok, len, start, end);
}

static int tok_create(void *user, const char **argv, int argc, Fts5Tokenizer **out)
{
	(void)user, (void)argv, (void)argc;
	static int dummy;
	*out = (Fts5Tokenizer *)&dummy;
	return SQLITE_OK;
}

static void tok_delete(Fts5Tokenizer *t)
{
	(void)t;
}

static int tok_tokenize(Fts5Tokenizer *t, void *ctx, int flags, const char *text, int len,
                        int (*token)(void *, int, const char *, int, int, int))
{
	(void)t;
	struct fts_ctx f = {ctx, token};
	return bigram_tokenize(text, len, (flags & FTS5_TOKENIZE_QUERY) != 0, fts_emit, &f);
}

/* ---- ranking functions (FTS5 auxiliary functions) ---- */

#define MAX_PHRASES 32

/* kk_df(qa_fts, n, any, nfacets) over the rows of a query whose first n phrases
 * are the search terms and the next nfacets its filters: how many rows hold each
 * term, how many match the search (all n terms, or any with `any`, and every
 * filter), and the index's row count, as n + 2 doubles. Every row returns the
 * tally so far; the last row's is the answer. */
static void kk_df(const Fts5ExtensionApi *api, Fts5Context *fts, sqlite3_context *ctx, int nval,
                  sqlite3_value **val)
{
	int n = nval == 3 ? sqlite3_value_int(val[0]) : 0;
	int any = nval == 3 ? sqlite3_value_int(val[1]) : 0;
	int nf = nval == 3 ? sqlite3_value_int(val[2]) : -1;
	if (n < 1 || n > MAX_PHRASES || nf < 0 || n + nf > api->xPhraseCount(fts)) {
		sqlite3_result_error(ctx, "kk_df: bad arguments", -1);
		return;
	}
	size_t size = sizeof(double) * (size_t)(n + 2);
	double *t = api->xGetAuxdata(fts, 0);
	if (!t) {
		sqlite3_int64 rows = 0;
		if (!(t = sqlite3_malloc64(size)) ||
		    api->xSetAuxdata(fts, t, sqlite3_free) != SQLITE_OK) {
			sqlite3_result_error_nomem(ctx);
			return;
		}
		memset(t, 0, size);
		api->xRowCount(fts, &rows);
		t[n + 1] = (double)rows;
	}
	int terms = 0, filters = 0;
	for (int p = 0; p < n + nf; p++) {
		Fts5PhraseIter it;
		int col, off;
		api->xPhraseFirst(fts, p, &it, &col, &off);
		if (col >= 0 && p < n)
			t[p]++, terms++;
		else if (col >= 0)
			filters++;
	}
	if ((any ? terms > 0 : terms == n) && filters == nf)
		t[n]++;
	sqlite3_result_blob(ctx, t, (int)size, SQLITE_TRANSIENT);
}

struct bm25 {
	double avgdl, idf[MAX_PHRASES];
};

/* kk_rank(qa_fts, dfs): BM25 (k1 1.2, b 0.75; a title counts 4 times, the text
 * once, the filter words not at all) over the last n phrases of the query (the filter
 * words come first: FTS5 reads an AND in its order, and they are the narrower), where
 * dfs holds n doubles: how many rows hold each phrase (estimated by the caller,
 * see qa_search), so the inverse document frequencies cost nothing per query. */
static void kk_rank(const Fts5ExtensionApi *api, Fts5Context *fts, sqlite3_context *ctx, int nval,
                    sqlite3_value **val)
{
	const double k1 = 1.2, b = 0.75, weight[] = {4.0, 1.0};
	int n = nval == 1 ? sqlite3_value_bytes(val[0]) / (int)sizeof(double) : 0;
	if (n < 1 || n > MAX_PHRASES || n > api->xPhraseCount(fts)) {
		sqlite3_result_error(ctx, "kk_rank: bad arguments", -1);
		return;
	}
	struct bm25 *m = api->xGetAuxdata(fts, 0);
	if (!m) {
		sqlite3_int64 rows = 0, tokens = 0;
		if (!(m = sqlite3_malloc64(sizeof *m)) ||
		    api->xSetAuxdata(fts, m, sqlite3_free) != SQLITE_OK) {
			sqlite3_result_error_nomem(ctx);
			return;
		}
		api->xRowCount(fts, &rows);
		api->xColumnTotalSize(fts, -1, &tokens);
		m->avgdl = rows > 0 && tokens > 0 ? (double)tokens / (double)rows : 1.0;
		const unsigned char *blob = sqlite3_value_blob(val[0]);
		for (int p = 0; p < n; p++) {
			double df;
			memcpy(&df, blob + p * sizeof df, sizeof df);
			/* Lucene's form: never negative, however common the term. */
			m->idf[p] = log(1.0 + ((double)rows - df + 0.5) / (df + 0.5));
		}
	}
	double tf[MAX_PHRASES] = {0};
	int ninst = 0, dl = 0, first = api->xPhraseCount(fts) - n;
	api->xInstCount(fts, &ninst);
	for (int i = 0; i < ninst; i++) {
		int p, col, off;
		if (api->xInst(fts, i, &p, &col, &off) == SQLITE_OK && p >= first && col < 2)
			tf[p - first] += weight[col];
	}
	api->xColumnSize(fts, -1, &dl);
	double norm = k1 * (1.0 - b + b * (double)dl / m->avgdl), score = 0;
	for (int p = 0; p < n; p++)
		score += m->idf[p] * tf[p] * (k1 + 1.0) / (tf[p] + norm);
	sqlite3_result_double(ctx, score);
}

/* kk_titled(qa_fts, n): 1 when one of the last n phrases of the query (see kk_rank) is in
 * the row's title, else 0. */
static void kk_titled(const Fts5ExtensionApi *api, Fts5Context *fts, sqlite3_context *ctx, int nval,
                      sqlite3_value **val)
{
	int n = nval == 1 ? sqlite3_value_int(val[0]) : 0;
	if (n < 1 || n > api->xPhraseCount(fts)) {
		sqlite3_result_error(ctx, "kk_titled: bad arguments", -1);
		return;
	}
	int titled = 0;
	for (int p = api->xPhraseCount(fts) - n; p < api->xPhraseCount(fts) && !titled; p++) {
		Fts5PhraseIter it;
		int col, off;
		api->xPhraseFirst(fts, p, &it, &col, &off); /* instances come in column order */
		titled = col == 0;
	}
	sqlite3_result_int(ctx, titled);
}

static void kk_gate(sqlite3_context *ctx, int nval, sqlite3_value **val)
{
	const struct fts_gate *g = nval == 2 ? sqlite3_value_pointer(val[0], "kk_gate") : NULL;
	if (!g) {
		sqlite3_result_error(ctx, "kk_gate: bad arguments", -1);
		return;
	}
	sqlite3_result_int(ctx, !g->closed && sqlite3_value_int64(val[1]) >= g->since);
}

int fts_register(sqlite3 *h)
{
	fts5_api *api = NULL;
	sqlite3_stmt *st;
	if (sqlite3_prepare_v2(h, "SELECT fts5(?1)", -1, &st, NULL) != SQLITE_OK)
		return SQLITE_ERROR;
	sqlite3_bind_pointer(st, 1, (void *)&api, "fts5_api_ptr", NULL);
	sqlite3_step(st);
	sqlite3_finalize(st);
	if (!api)
		return SQLITE_ERROR;
	static fts5_tokenizer tok = {tok_create, tok_delete, tok_tokenize};
	int rc = api->xCreateTokenizer(api, "kakekomi", NULL, &tok, NULL);
	if (rc == SQLITE_OK)
		rc = api->xCreateFunction(api, "kk_df", NULL, kk_df, NULL);
	if (rc == SQLITE_OK)
		rc = api->xCreateFunction(api, "kk_rank", NULL, kk_rank, NULL);
	if (rc == SQLITE_OK)
		rc = api->xCreateFunction(api, "kk_titled", NULL, kk_titled, NULL);
	if (rc == SQLITE_OK)
		rc = sqlite3_create_function(h, "kk_gate", 2, SQLITE_UTF8 | SQLITE_DIRECTONLY, NULL,
		                             kk_gate, NULL, NULL);
	return rc;
}
