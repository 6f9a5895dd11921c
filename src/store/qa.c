#include "store/qa.h"
#include "domain/bigram.h"

#include <math.h>
#include <stdlib.h>
#include <string.h>

/* ---- the FTS5 tokenizer ---- */

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
 * once, the filter words not at all) over the first n phrases of the query, where
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
	int ninst = 0, dl = 0;
	api->xInstCount(fts, &ninst);
	for (int i = 0; i < ninst; i++) {
		int p, col, off;
		if (api->xInst(fts, i, &p, &col, &off) == SQLITE_OK && p < n && col < 2)
			tf[p] += weight[col];
	}
	api->xColumnSize(fts, -1, &dl);
	double norm = k1 * (1.0 - b + b * (double)dl / m->avgdl), score = 0;
	for (int p = 0; p < n; p++)
		score += m->idf[p] * tf[p] * (k1 + 1.0) / (tf[p] + norm);
	sqlite3_result_double(ctx, score);
}

int qa_register_tokenizer(sqlite3 *h)
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
	return rc;
}

/* ---- questions and answers ---- */

static const char SQL_Q_ADD[] =
    "INSERT INTO questions(asker_id, title, body, topic, level, prefecture, industry, created_at)"
    " VALUES (?, ?, ?, ?, ?, ?, ?, ?)";
static const char SQL_Q_GET[] =
    "SELECT coalesce(asker_id, 0), title, body, topic, level, prefecture, industry,"
    " coalesce(best_answer_id, 0), answers, hidden, created_at FROM questions WHERE id = ?";
static const char SQL_Q_BEST[] = "UPDATE questions SET best_answer_id = ?2 WHERE id = ?1";
static const char SQL_Q_HIDE[] = "UPDATE questions SET hidden = ?2 WHERE id = ?1";
static const char SQL_Q_RECENT[] =
    "SELECT id FROM questions WHERE hidden = 0 AND (?1 IS NULL OR topic = ?1)"
    " AND (?2 = 0 OR answers = 0) ORDER BY created_at DESC, id DESC LIMIT ?3 OFFSET ?4";
static const char SQL_A_ADD[] =
    "INSERT INTO answers(question_id, expert_id, body, created_at) VALUES (?, ?, ?, ?)";
static const char SQL_A_COUNT[] =
    "UPDATE questions SET answers = (SELECT count(*) FROM answers WHERE question_id = ?1"
    " AND hidden = 0) WHERE id = ?1";
static const char SQL_A_GET[] =
    "SELECT question_id, coalesce(expert_id, 0), body, helpful, hidden, created_at,"
    " coalesce(confirmed_at, 0), addendum FROM answers WHERE id = ?";
static const char SQL_A_LIST[] =
    "SELECT id, coalesce(expert_id, 0), body, helpful, hidden, created_at,"
    " coalesce(confirmed_at, 0), addendum FROM answers"
    " WHERE question_id = ? AND hidden = 0 ORDER BY id LIMIT ?";
static const char SQL_A_CONFIRM[] =
    "UPDATE answers SET confirmed_at = ?2, addendum = coalesce(?3, addendum) WHERE id = ?1";
static const char SQL_A_HIDE[] = "UPDATE answers SET hidden = ?2 WHERE id = ?1";
static const char SQL_HELPFUL[] =
    "INSERT INTO helpful_marks(answer_id, account_id, created_at) VALUES (?, ?, ?)";
static const char SQL_HELPFUL_COUNT[] =
    "UPDATE answers SET helpful = helpful + 1 WHERE id = ? RETURNING helpful";
static const char SQL_REPORT[] = "INSERT INTO post_reports(kind, post_id, reporter_id, reason, "
                                 "created_at) VALUES (?, ?, ?, ?, ?)";
/* Bulk questions are history: their follow-up (7 and 30 days) is done. */
static const char SQL_BULK_Q[] =
    "INSERT INTO questions(asker_id, title, body, topic, level, prefecture, industry, created_at,"
    " answers, followup) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, 2)";
static const char SQL_BULK_A[] =
    "INSERT INTO answers(question_id, expert_id, body, created_at, helpful) VALUES (?, ?, ?, ?, ?)";
static const char SQL_FTS_CLEAR[] = "DELETE FROM qa_fts";
/* After a bulk build: one segment, so looking up a row (a snippet) costs one seek
 * per term instead of one per segment (1 ms to 0.1 ms at a million rows). */
static const char SQL_FTS_OPTIMIZE[] = "INSERT INTO qa_fts(qa_fts) VALUES ('optimize')";
/* The index row of a visible question (migrations/015): its key (newer first;
 * bit ID_BITS says it has a best answer, the bits below are its id), its title,
 * its text followed by its visible answers, and its filter words ('t' and the
 * topic in hex, 'l' and the level, both as one word, 'b1' with a best answer). */
#define ID_BITS 30
#define FTS_ROW                                                                                    \
	"INSERT INTO qa_fts(rowid, title, body, facets)"                                           \
	" SELECT (q.created_at << 31) | ((q.best_answer_id IS NOT NULL) << 30) | q.id, q.title,"   \
	" q.body || coalesce(char(10) || (SELECT group_concat(a.body ||"                           \
	"   coalesce(char(10) || a.addendum, ''), char(10)) FROM answers a"                        \
	"   WHERE a.question_id = q.id AND a.hidden = 0), ''),"                                    \
	" 't' || hex(q.topic) || ' l' || q.level || ' t' || hex(q.topic) || 'l' || q.level ||"     \
	" ' b' || (q.best_answer_id IS NOT NULL)"                                                  \
	" FROM questions q WHERE q.hidden = 0"
static const char SQL_FTS_ALL[] = FTS_ROW;
static const char SQL_FTS_ADD[] = FTS_ROW " AND q.id = ?";
/* ?2: 0 or 1 << ID_BITS, the two keys the question may have been indexed under. */
static const char SQL_FTS_DEL[] =
    "DELETE FROM qa_fts WHERE rowid = (SELECT (created_at << 31) | ?2 | id FROM questions"
    " WHERE id = ?1)";
/* Searching (see qa_search): the key of the ?-th newest row; tallies over
 * the rows from there; the candidates. */
static const char SQL_FLOOR[] = "SELECT id FROM qa_fts_docsize ORDER BY id DESC LIMIT 1 OFFSET ?";
static const char SQL_TALLY[] =
    "SELECT kk_df(qa_fts, ?2, ?3, ?4) FROM qa_fts WHERE qa_fts MATCH ?1 AND rowid >= ?5";
static const char SQL_NEWEST[] = "SELECT rowid, kk_rank(qa_fts, ?2) FROM qa_fts"
                                 " WHERE qa_fts MATCH ?1 ORDER BY rowid DESC LIMIT ?3";
/* Within a range in ascending order: FTS5 (3.40) read in descending order does
 * not stop at a lower bound on rowid when nothing matches (44 ms against 0.3). */
static const char SQL_RANGE[] =
    "SELECT rowid, kk_rank(qa_fts, ?2) FROM qa_fts"
    " WHERE qa_fts MATCH ?1 AND rowid >= ?4 AND rowid < ?5 ORDER BY rowid LIMIT ?3";
static const char SQL_HIT[] =
    "SELECT title, created_at, answers > 0 FROM questions WHERE id = ? AND hidden = 0";
static const char SQL_SNIPPET[] =
    "SELECT snippet(qa_fts, -1, char(1), char(2), '…', 24) FROM qa_fts"
    " WHERE qa_fts MATCH ?1 AND rowid = ?2";

static const char *text(struct arena *a, sqlite3_stmt *st, int col)
{
	return sqlite3_column_type(st, col) == SQLITE_NULL ? NULL
	                                                   : arena_strdup(a, db_text(st, col));
}

/* ?1 to ?7 of SQL_Q_ADD and SQL_BULK_Q: asker (NULL for none), title, body,
 * topic, level, prefecture, industry. */
static void bind_question(sqlite3_stmt *st, const struct question *q)
{
	if (q->asker_id)
		sqlite3_bind_int64(st, 1, q->asker_id);
	sqlite3_bind_text(st, 2, q->title, -1, SQLITE_STATIC);
	sqlite3_bind_text(st, 3, q->body, -1, SQLITE_STATIC);
	sqlite3_bind_text(st, 4, q->topic, -1, SQLITE_STATIC);
	sqlite3_bind_int(st, 5, q->level);
	sqlite3_bind_text(st, 6, q->prefecture, -1, SQLITE_STATIC);
	sqlite3_bind_text(st, 7, q->industry, -1, SQLITE_STATIC);
}

int questions_create(struct db *db, const struct question *q, int64_t *id)
{
	sqlite3_stmt *st = db_stmt(db, SQL_Q_ADD);
	if (!st)
		return KK_ERR;
	bind_question(st, q);
	sqlite3_bind_int64(st, 8, q->created_at ? q->created_at : db_now());
	if (db_exec(db, st, "questions_create") < 0)
		return KK_ERR;
	*id = sqlite3_last_insert_rowid(db_handle(db));
	return qa_index(db, *id);
}

int questions_get(struct db *db, struct arena *a, int64_t id, struct question *out)
{
	sqlite3_stmt *st = db_stmt_id(db, SQL_Q_GET, id);
	if (!st)
		return KK_ERR;
	int rc = sqlite3_step(st);
	if (rc == SQLITE_ROW) {
		out->id = id;
		out->asker_id = sqlite3_column_int64(st, 0);
		out->title = text(a, st, 1);
		out->body = text(a, st, 2);
		out->topic = text(a, st, 3);
		out->level = sqlite3_column_int(st, 4);
		out->prefecture = text(a, st, 5);
		out->industry = text(a, st, 6);
		out->best_answer_id = sqlite3_column_int64(st, 7);
		out->answers = sqlite3_column_int(st, 8);
		out->hidden = sqlite3_column_int(st, 9);
		out->created_at = sqlite3_column_int64(st, 10);
	}
	db_done(st);
	return rc == SQLITE_ROW ? KK_OK : rc == SQLITE_DONE ? KK_NOTFOUND : KK_ERR;
}

static int set_int(struct db *db, const char *sql, int64_t id, int64_t v)
{
	sqlite3_stmt *st = db_stmt_id(db, sql, id);
	if (!st)
		return KK_ERR;
	sqlite3_bind_int64(st, 2, v);
	if (db_exec(db, st, sql) < 0)
		return KK_ERR;
	return sqlite3_changes(db_handle(db)) ? KK_OK : KK_NOTFOUND;
}

int questions_set_best(struct db *db, int64_t id, int64_t answer_id)
{
	int rc = set_int(db, SQL_Q_BEST, id, answer_id);
	return rc == KK_OK ? qa_index(db, id) : rc; /* a best answer moves it in the index */
}

int questions_set_hidden(struct db *db, int64_t id, bool hidden)
{
	int rc = set_int(db, SQL_Q_HIDE, id, hidden);
	return rc == KK_OK ? qa_index(db, id) : rc;
}

int questions_recent(struct db *db, const char *topic, bool unanswered, int offset, int max,
                     int64_t *ids)
{
	sqlite3_stmt *st = db_stmt(db, SQL_Q_RECENT);
	if (!st)
		return 0;
	if (topic)
		sqlite3_bind_text(st, 1, topic, -1, SQLITE_STATIC);
	sqlite3_bind_int(st, 2, unanswered);
	sqlite3_bind_int(st, 3, max);
	sqlite3_bind_int(st, 4, offset);
	return db_ids(st, ids, max);
}

int answers_create(struct db *db, int64_t question_id, int64_t expert_id, const char *body,
                   int64_t *id)
{
	sqlite3_stmt *st = db_stmt_id(db, SQL_A_ADD, question_id);
	if (!st)
		return KK_ERR;
	sqlite3_bind_int64(st, 2, expert_id);
	sqlite3_bind_text(st, 3, body, -1, SQLITE_STATIC);
	sqlite3_bind_int64(st, 4, db_now());
	if (db_exec(db, st, "answers_create") < 0)
		return KK_ERR;
	*id = sqlite3_last_insert_rowid(db_handle(db));
	if (!(st = db_stmt_id(db, SQL_A_COUNT, question_id)) ||
	    db_exec(db, st, "answers count") < 0)
		return KK_ERR;
	return qa_index(db, question_id);
}

static void answer_row(sqlite3_stmt *st, struct arena *a, struct answer *out, int first)
{
	out->expert_id = sqlite3_column_int64(st, first);
	out->body = text(a, st, first + 1);
	out->helpful = sqlite3_column_int(st, first + 2);
	out->hidden = sqlite3_column_int(st, first + 3);
	out->created_at = sqlite3_column_int64(st, first + 4);
	out->confirmed_at = sqlite3_column_int64(st, first + 5);
	out->addendum = text(a, st, first + 6);
}

int answers_get(struct db *db, struct arena *a, int64_t id, struct answer *out)
{
	sqlite3_stmt *st = db_stmt_id(db, SQL_A_GET, id);
	if (!st)
		return KK_ERR;
	int rc = sqlite3_step(st);
	if (rc == SQLITE_ROW) {
		out->id = id;
		out->question_id = sqlite3_column_int64(st, 0);
		answer_row(st, a, out, 1);
	}
	db_done(st);
	return rc == SQLITE_ROW ? KK_OK : rc == SQLITE_DONE ? KK_NOTFOUND : KK_ERR;
}

int answers_list(struct db *db, struct arena *a, int64_t question_id, struct answer *out, int max)
{
	sqlite3_stmt *st = db_stmt_id(db, SQL_A_LIST, question_id);
	if (!st)
		return 0;
	sqlite3_bind_int(st, 2, max);
	int n = 0;
	while (n < max && sqlite3_step(st) == SQLITE_ROW) {
		out[n].id = sqlite3_column_int64(st, 0);
		out[n].question_id = question_id;
		answer_row(st, a, &out[n], 1);
		n++;
	}
	db_done(st);
	return n;
}

int answers_set_hidden(struct db *db, int64_t id, bool hidden)
{
	struct answer ans;
	struct arena *a = arena_new();
	int rc = answers_get(db, a, id, &ans);
	arena_free(a);
	if (rc != KK_OK)
		return rc;
	sqlite3_stmt *st;
	if ((rc = set_int(db, SQL_A_HIDE, id, hidden)) != KK_OK ||
	    !(st = db_stmt_id(db, SQL_A_COUNT, ans.question_id)) ||
	    db_exec(db, st, "answers count") < 0)
		return rc == KK_OK ? KK_ERR : rc;
	return qa_index(db, ans.question_id);
}

int helpful_add(struct db *db, int64_t answer_id, int64_t account_id, int *count)
{
	sqlite3_stmt *st = db_stmt_id(db, SQL_HELPFUL, answer_id);
	if (!st)
		return KK_ERR;
	sqlite3_bind_int64(st, 2, account_id);
	sqlite3_bind_int64(st, 3, db_now());
	int rc = sqlite3_step(st);
	db_done(st);
	if (rc == SQLITE_CONSTRAINT_PRIMARYKEY)
		return KK_CONFLICT;
	if (rc != SQLITE_DONE)
		return KK_ERR;
	if (!(st = db_stmt_id(db, SQL_HELPFUL_COUNT, answer_id)))
		return KK_ERR;
	*count = sqlite3_step(st) == SQLITE_ROW ? sqlite3_column_int(st, 0) : 0;
	db_done(st);
	return KK_OK;
}

int reports_add(struct db *db, const char *kind, int64_t post_id, int64_t reporter,
                const char *reason)
{
	sqlite3_stmt *st = db_stmt(db, SQL_REPORT);
	if (!st)
		return KK_ERR;
	sqlite3_bind_text(st, 1, kind, -1, SQLITE_STATIC);
	sqlite3_bind_int64(st, 2, post_id);
	sqlite3_bind_int64(st, 3, reporter);
	sqlite3_bind_text(st, 4, reason, -1, SQLITE_STATIC);
	sqlite3_bind_int64(st, 5, db_now());
	return db_exec(db, st, "reports_add");
}

int qa_index(struct db *db, int64_t question_id)
{
	if (question_id <= 0 || question_id >= (INT64_C(1) << ID_BITS))
		return KK_ERR; /* the key keeps the id in its low ID_BITS bits */
	sqlite3_stmt *st;
	for (int best = 0; best < 2; best++) {
		if (!(st = db_stmt_id(db, SQL_FTS_DEL, question_id)))
			return KK_ERR;
		sqlite3_bind_int64(st, 2, (int64_t)best << ID_BITS);
		if (db_exec(db, st, "qa_fts delete") < 0)
			return KK_ERR;
	}
	if (!(st = db_stmt_id(db, SQL_FTS_ADD, question_id)) ||
	    db_exec(db, st, "qa_fts insert") < 0)
		return KK_ERR;
	return KK_OK;
}

/* ---- search ----
 * The index is in recency order (newest first), so the first matches read are
 * the ones the recency boost favours, and a search stops after a few hundred
 * however common its terms: it ranks (BM25 plus the boosts) the CANDIDATES
 * newest matches and, older than those but within twice the time they span,
 * up to as many with a term in the title (where BM25 weighs most) and as many
 * with a best answer. How common each term is (for BM25's weights) is counted
 * among the WINDOW newest rows and scaled up; so is the total, unless the
 * newest candidates are all the matches (then it is exact). No search counts
 * all its matches: for common terms that is what takes a second. */
#define WINDOW       5000
#define CANDIDATES   300
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

/* x to two significant digits: an estimate says no more than it knows. */
static int64_t round2(double x)
{
	double unit = 1;
	while (x >= 100 * unit)
		unit *= 10;
	return (int64_t)(floor(x / unit + 0.5) * unit);
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

/* Append matches with their BM25, at most `want`: the newest (from == before
 * == 0), or the oldest with keys in [from, before); returns how many. */
static int candidates(struct db *db, const char *match, const double *df, int n, int want,
                      int64_t from, int64_t before, struct cand *out, int *nout)
{
	sqlite3_stmt *st = db_stmt(db, before ? SQL_RANGE : SQL_NEWEST);
	if (!st)
		return -1;
	sqlite3_bind_text(st, 1, match, -1, SQLITE_STATIC);
	sqlite3_bind_blob(st, 2, df, (int)sizeof *df * n, SQLITE_STATIC);
	sqlite3_bind_int(st, 3, want);
	if (before) {
		sqlite3_bind_int64(st, 4, from);
		sqlite3_bind_int64(st, 5, before);
	}
	int got = 0, rc;
	while ((rc = sqlite3_step(st)) == SQLITE_ROW) {
		out[*nout].key = sqlite3_column_int64(st, 0);
		out[*nout].score = sqlite3_column_double(st, 1);
		(*nout)++, got++;
	}
	db_done(st);
	if (rc != SQLITE_DONE) {
		db_log_error(db, "qa_search candidates");
		return -1;
	}
	return got;
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
	sqlite3_stmt *st = db_stmt(db, SQL_FLOOR);
	if (!st)
		return KK_ERR;
	sqlite3_bind_int(st, 1, size - 1);
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
	const char *any = joined(a, phrase, np, " OR ");
	const char *terms =
	    arena_printf(a, "{title body} : (%s)", q->any ? any : joined(a, phrase, np, " "));
	const char *match = arena_printf(a, "%s%s", terms, filters);
	const char *titled = arena_printf(a, "%s AND {title} : (%s)%s", terms, any, filters);
	const char *best = arena_printf(a, "%s AND {facets} : \"b1\"%s", terms, filters);

	/* Rank the candidates; the boosts follow from the key. */
	int want = offset + limit + 100 > CANDIDATES ? offset + limit + 100 : CANDIDATES, nc = 0;
	struct cand *c = arena_alloc(a, sizeof *c * (size_t)want * 3);
	int got = candidates(db, match, df, np, want, 0, 0, c, &nc);
	if (got == want) {
		/* More match: reach further back for the strongest, over twice the time
		 * the newest spanned (at least HORIZON_MIN, at most HORIZON_MAX), so a
		 * term that is never in a title does not read the whole index. */
		int64_t last = c[nc - 1].key, span = 2 * (key_time(c[0].key) - key_time(last));
		span = span < HORIZON_MIN ? HORIZON_MIN : span > HORIZON_MAX ? HORIZON_MAX : span;
		int64_t from = (key_time(last) - span) << (ID_BITS + 1);
		if (from < 0)
			from = 0;
		if ((got = candidates(db, titled, df, np, want, from, last, c, &nc)) >= 0)
			got = candidates(db, best, df, np, want, from, last, c, &nc);
	}
	if (got < 0)
		return KK_ERR;
	/* The total: exact when the newest candidates are all the matches (or the
	 * sample was the index); else scaled up from the sample. */
	if (!q->any) {
		out->exact = smp.whole || nc < want;
		out->total = smp.whole   ? (int64_t)smp.t[np]
		             : nc < want ? nc
		                         : round2(scaled(smp.t[np], &smp));
		if (out->total < nc)
			out->total = nc;
	}
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
	qsort(c, (size_t)kept, sizeof *c, by_score);

	for (int i = offset; i < kept && out->n < limit; i++) {
		int64_t id = key_id(c[i].key);
		sqlite3_stmt *st = db_stmt_id(db, SQL_HIT, id);
		if (!st)
			return KK_ERR;
		if (sqlite3_step(st) != SQLITE_ROW) {
			db_done(st);
			continue; /* hidden since the index was read */
		}
		struct qa_hit *h = &out->hits[out->n++];
		h->id = id;
		h->title = text(a, st, 0);
		h->created_at = sqlite3_column_int64(st, 1);
		h->answered = sqlite3_column_int(st, 2);
		h->score = c[i].score;
		db_done(st);
		if (!(st = db_stmt(db, SQL_SNIPPET)))
			return KK_ERR;
		sqlite3_bind_text(st, 1, terms, -1, SQLITE_STATIC);
		sqlite3_bind_int64(st, 2, c[i].key);
		h->snippet = sqlite3_step(st) == SQLITE_ROW ? text(a, st, 0) : NULL;
		db_done(st);
		if (!h->snippet)
			h->snippet = "";
	}
	return KK_OK;
}

static int count_token(void *ctx, const char *tok, int len, int start, int end, bool colocated)
{
	(void)tok, (void)len, (void)start, (void)end, (void)colocated;
	(*(int *)ctx)++;
	return 0;
}

/* Append term as an FTS5 string: "..." with any " doubled; skip it when empty. */
static void add_term(struct buf *b, const char *term, size_t len)
{
	int tokens = 0;
	bigram_tokenize(term, (int)len, true, count_token, &tokens);
	if (!tokens)
		return;
	if (b->len)
		buf_putc(b, ' ');
	buf_putc(b, '"');
	for (size_t i = 0; i < len; i++) {
		if (term[i] == '"')
			buf_putc(b, '"');
		buf_putc(b, term[i]);
	}
	buf_putc(b, '"');
}

const char *qa_match_query(struct arena *a, const char *typed)
{
	struct buf b;
	buf_init(&b, a);
	const char *p = typed;
	while (*p) {
		if (*p == ' ' || *p == '\t' || *p == '\n' || *p == '\r') {
			p++;
		} else if (strncmp(p, "\xe3\x80\x80", 3) == 0) { /* U+3000 ideographic space */
			p += 3;
		} else if (*p == '"') { /* a phrase, to the closing quote or the end */
			const char *end = strchr(p + 1, '"');
			size_t len = end ? (size_t)(end - p - 1) : strlen(p + 1);
			add_term(&b, p + 1, len);
			p += len + 1 + (end != NULL);
		} else {
			const char *start = p;
			while (*p && *p != ' ' && *p != '\t' && *p != '\n' && *p != '\r' &&
			       strncmp(p, "\xe3\x80\x80", 3) != 0)
				p++;
			add_term(&b, start, (size_t)(p - start));
		}
	}
	return b.len ? b.p : NULL;
}

struct or_ctx {
	struct buf *b;
	int n;
};

static int or_token(void *ctx, const char *tok, int len, int start, int end, bool colocated)
{
	(void)start, (void)end, (void)colocated;
	struct or_ctx *c = ctx;
	if (c->n++ >= 32)
		return 0; /* enough for a title */
	if (c->b->len)
		buf_puts(c->b, " OR ");
	buf_putc(c->b, '"');
	for (int i = 0; i < len; i++) {
		if (tok[i] == '"')
			buf_putc(c->b, '"');
		buf_putc(c->b, tok[i]);
	}
	buf_putc(c->b, '"');
	return 0;
}

const char *qa_similar_query(struct arena *a, const char *title)
{
	struct buf b;
	buf_init(&b, a);
	struct or_ctx c = {&b, 0};
	bigram_tokenize(title, (int)strlen(title), true, or_token, &c);
	return b.len ? b.p : NULL;
}

static const char SQL_PREMIUM[] = "SELECT premium FROM accounts WHERE id = ?";
static const char SQL_SET_PREMIUM[] = "UPDATE accounts SET premium = ?2 WHERE id = ?1";

int accounts_premium(struct db *db, int64_t id)
{
	sqlite3_stmt *st = db_stmt_id(db, SQL_PREMIUM, id);
	if (!st)
		return 0;
	int v = sqlite3_step(st) == SQLITE_ROW ? sqlite3_column_int(st, 0) : 0;
	db_done(st);
	return v;
}

int accounts_set_premium(struct db *db, int64_t id, bool premium)
{
	return set_int(db, SQL_SET_PREMIUM, id, premium);
}

int qa_insert_bulk(struct db *db, const struct question *q, const char *const *answers,
                   const int64_t *experts, const int64_t *answer_at, int n, int best, int64_t *id)
{
	sqlite3_stmt *st = db_stmt(db, SQL_BULK_Q);
	if (!st)
		return KK_ERR;
	bind_question(st, q);
	sqlite3_bind_int64(st, 8, q->created_at);
	sqlite3_bind_int(st, 9, n);
	if (db_exec(db, st, "qa_insert_bulk") < 0)
		return KK_ERR;
	*id = sqlite3_last_insert_rowid(db_handle(db));
	for (int i = 0; i < n; i++) {
		if (!(st = db_stmt_id(db, SQL_BULK_A, *id)))
			return KK_ERR;
		if (experts[i])
			sqlite3_bind_int64(st, 2, experts[i]);
		sqlite3_bind_text(st, 3, answers[i], -1, SQLITE_STATIC);
		sqlite3_bind_int64(st, 4, answer_at[i]);
		sqlite3_bind_int(st, 5, (int)(answer_at[i] % 7));
		if (db_exec(db, st, "qa_insert_bulk answer") < 0)
			return KK_ERR;
		if (i == best &&
		    set_int(db, SQL_Q_BEST, *id, sqlite3_last_insert_rowid(db_handle(db))) < 0)
			return KK_ERR;
	}
	return KK_OK;
}

int qa_reindex_all(struct db *db)
{
	sqlite3_stmt *st;
	if (!(st = db_stmt(db, SQL_FTS_CLEAR)) || db_exec(db, st, "qa_fts clear") < 0 ||
	    !(st = db_stmt(db, SQL_FTS_ALL)) || db_exec(db, st, "qa_fts all") < 0 ||
	    !(st = db_stmt(db, SQL_FTS_OPTIMIZE)) || db_exec(db, st, "qa_fts optimize") < 0)
		return KK_ERR;
	return KK_OK;
}

static const char SQL_RANKING[] =
    "SELECT a.expert_id, sum(CASE WHEN q.best_answer_id = a.id THEN 10 ELSE 0 END) + "
    "sum(a.helpful),"
    " count(*), sum(q.best_answer_id = a.id)"
    " FROM answers a JOIN questions q ON q.id = a.question_id"
    " JOIN experts e ON e.account_id = a.expert_id"
    " WHERE a.hidden = 0 AND q.hidden = 0 AND e.hidden = 0"
    " AND (?1 IS NULL OR q.topic = ?1) AND (?2 IS NULL OR e.prefecture = ?2)"
    " GROUP BY a.expert_id ORDER BY 2 DESC, 1 LIMIT ?3";
static const char SQL_UNANSWERED[] =
    "SELECT id, topic, prefecture, coalesce(asker_id, 0) FROM questions WHERE hidden = 0"
    " AND answers = 0 AND followup = ?2 AND created_at < ?1 ORDER BY created_at LIMIT ?3";
static const char SQL_FOLLOWUP[] = "UPDATE questions SET followup = ?2 WHERE id = ?1";
static const char SQL_EXPERTS_FOR[] =
    "SELECT e.account_id FROM expert_skills k JOIN experts e ON e.account_id = k.expert_id"
    " WHERE k.skill = ?1 AND e.hidden = 0 AND e.ethics_accepted_at IS NOT NULL"
    " ORDER BY e.prefecture <> coalesce(?2, ''), k.level DESC, e.account_id LIMIT ?3";

int qa_ranking(struct db *db, const char *topic, const char *pref, struct reputation *out, int max)
{
	sqlite3_stmt *st = db_stmt(db, SQL_RANKING);
	if (!st)
		return 0;
	if (topic)
		sqlite3_bind_text(st, 1, topic, -1, SQLITE_STATIC);
	if (pref)
		sqlite3_bind_text(st, 2, pref, -1, SQLITE_STATIC);
	sqlite3_bind_int(st, 3, max);
	int n = 0;
	while (n < max && sqlite3_step(st) == SQLITE_ROW) {
		out[n].expert_id = sqlite3_column_int64(st, 0);
		out[n].score = sqlite3_column_int(st, 1);
		out[n].answers = sqlite3_column_int(st, 2);
		out[n].best = sqlite3_column_int(st, 3);
		n++;
	}
	db_done(st);
	return n;
}

int qa_unanswered(struct db *db, struct arena *a, int64_t before, int stage, int64_t *ids,
                  const char **topics, const char **prefs, int64_t *askers, int max)
{
	sqlite3_stmt *st = db_stmt_id(db, SQL_UNANSWERED, before);
	if (!st)
		return 0;
	sqlite3_bind_int(st, 2, stage);
	sqlite3_bind_int(st, 3, max);
	int n = 0;
	while (n < max && sqlite3_step(st) == SQLITE_ROW) {
		ids[n] = sqlite3_column_int64(st, 0);
		topics[n] = text(a, st, 1);
		prefs[n] = text(a, st, 2);
		askers[n] = sqlite3_column_int64(st, 3);
		n++;
	}
	db_done(st);
	return n;
}

int qa_set_followup(struct db *db, int64_t id, int stage)
{
	return set_int(db, SQL_FOLLOWUP, id, stage);
}

int qa_experts_for(struct db *db, const char *topic, const char *pref, int64_t *ids, int max)
{
	sqlite3_stmt *st = db_stmt(db, SQL_EXPERTS_FOR);
	if (!st)
		return 0;
	sqlite3_bind_text(st, 1, topic, -1, SQLITE_STATIC);
	sqlite3_bind_text(st, 2, pref, -1, SQLITE_STATIC);
	sqlite3_bind_int(st, 3, max);
	return db_ids(st, ids, max);
}

int answers_confirm(struct db *db, int64_t id, const char *addendum)
{
	sqlite3_stmt *st = db_stmt_id(db, SQL_A_CONFIRM, id);
	if (!st)
		return KK_ERR;
	sqlite3_bind_int64(st, 2, db_now());
	sqlite3_bind_text(st, 3, addendum, -1, SQLITE_STATIC);
	if (db_exec(db, st, "answers_confirm") < 0)
		return KK_ERR;
	int rc = sqlite3_changes(db_handle(db)) ? KK_OK : KK_NOTFOUND;
	if (rc != KK_OK)
		return rc;
	struct arena *a = arena_new();
	struct answer ans;
	rc = answers_get(db, a, id, &ans);
	arena_free(a);
	return rc == KK_OK ? qa_index(db, ans.question_id) : rc;
}

static const char SQL_REPORTS[] =
    "SELECT r.id, r.kind, r.post_id, coalesce(r.reporter_id, 0), r.reason, r.created_at"
    " FROM post_reports r WHERE (r.kind = 'question' AND EXISTS (SELECT 1 FROM questions q"
    "   WHERE q.id = r.post_id AND q.hidden = 0))"
    " OR (r.kind = 'answer' AND EXISTS (SELECT 1 FROM answers a WHERE a.id = r.post_id"
    "   AND a.hidden = 0)) ORDER BY r.id DESC LIMIT ?";

int reports_open(struct db *db, struct arena *a, struct post_report *out, int max)
{
	sqlite3_stmt *st = db_stmt(db, SQL_REPORTS);
	if (!st)
		return 0;
	sqlite3_bind_int(st, 1, max);
	int n = 0;
	while (n < max && sqlite3_step(st) == SQLITE_ROW) {
		out[n].id = sqlite3_column_int64(st, 0);
		out[n].kind = text(a, st, 1);
		out[n].post_id = sqlite3_column_int64(st, 2);
		out[n].reporter_id = sqlite3_column_int64(st, 3);
		out[n].reason = text(a, st, 4);
		out[n].created_at = sqlite3_column_int64(st, 5);
		n++;
	}
	db_done(st);
	return n;
}
