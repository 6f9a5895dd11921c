#include "store/qa.h"

#include <math.h>
#include <stdlib.h>
#include <string.h>

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
/* The columns answer_row reads, in its order. */
#define ANSWER_COLS                                                                                \
	"id, question_id, coalesce(expert_id, 0), body, helpful, hidden, created_at,"              \
	" coalesce(confirmed_at, 0), addendum"
static const char SQL_A_GET[] = "SELECT " ANSWER_COLS " FROM answers WHERE id = ?";
static const char SQL_A_LIST[] = "SELECT " ANSWER_COLS " FROM answers"
                                 " WHERE question_id = ? AND hidden = 0 ORDER BY id LIMIT ?";
static const char SQL_A_CONFIRM[] =
    "UPDATE answers SET confirmed_at = ?2, addendum = coalesce(?3, addendum) WHERE id = ?1";
static const char SQL_A_HIDE[] = "UPDATE answers SET hidden = ?2 WHERE id = ?1";
static const char SQL_HELPFUL[] =
    "INSERT INTO helpful_marks(answer_id, account_id, created_at) VALUES (?, ?, ?)";
static const char SQL_HELPFUL_MARKED[] =
    "SELECT count(*) FROM helpful_marks WHERE answer_id = ?1 AND account_id = ?2";
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

static const struct db_col question_cols[] = {

    DB_COL(I64, question, asker_id),       DB_COL(TEXT_NULL, question, title),
    DB_COL(TEXT_NULL, question, body),     DB_COL(TEXT_NULL, question, topic),
    DB_COL(INT, question, level),          DB_COL(TEXT_NULL, question, prefecture),
    DB_COL(TEXT_NULL, question, industry), DB_COL(I64, question, best_answer_id),
    DB_COL(INT, question, answers),        DB_COL(INT, question, hidden),
    DB_COL(I64, question, created_at)};
static const struct db_map question_row = DB_MAP(question, question_cols);

int questions_get(struct db *db, struct arena *a, int64_t id, struct question *out)
{
	int rc = db_read(db, db_stmt_id(db, SQL_Q_GET, id), &question_row, a, out);
	if (rc == KK_OK)
		out->id = id;
	return rc;
}

static int set_int(struct db *db, const char *sql, int64_t id, int64_t v)
{
	sqlite3_stmt *st = db_stmt_id(db, sql, id);
	if (!st)
		return KK_ERR;
	sqlite3_bind_int64(st, 2, v);
	return db_update(db, st, sql);
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
		return KK_ERR;
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
	if (db_insert(db, st, "answers_create", id) != KK_OK)
		return KK_ERR;
	if (!(st = db_stmt_id(db, SQL_A_COUNT, question_id)) ||
	    db_exec(db, st, "answers count") < 0)
		return KK_ERR;
	return qa_index(db, question_id);
}

static const struct db_col answer_cols[] = {DB_COL(I64, answer, id),
                                            DB_COL(I64, answer, question_id),
                                            DB_COL(I64, answer, expert_id),
                                            DB_COL(TEXT_NULL, answer, body),
                                            DB_COL(INT, answer, helpful),
                                            DB_COL(INT, answer, hidden),
                                            DB_COL(I64, answer, created_at),
                                            DB_COL(I64, answer, confirmed_at),
                                            DB_COL(TEXT_NULL, answer, addendum)};
static const struct db_map answer_row = DB_MAP(answer, answer_cols);

int answers_get(struct db *db, struct arena *a, int64_t id, struct answer *out)
{
	return db_read(db, db_stmt_id(db, SQL_A_GET, id), &answer_row, a, out);
}

int answers_list(struct db *db, struct arena *a, int64_t question_id, struct answer *out, int max)
{
	return db_read_by(db, SQL_A_LIST, question_id, &answer_row, a, out, max);
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
	*count = (int)db_scalar(db_stmt_id(db, SQL_HELPFUL_COUNT, answer_id), -1);
	return *count < 0 ? KK_ERR : KK_OK;
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

/* Index rows rewritten by this process (qa_changes). */
static _Atomic int64_t index_changes;

int64_t qa_changes(void)
{
	return index_changes;
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
	index_changes++;
	return KK_OK;
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

static const struct db_col reputation_cols[] = {

    DB_COL(I64, reputation, expert_id), DB_COL(INT, reputation, score),
    DB_COL(INT, reputation, answers), DB_COL(INT, reputation, best)};
static const struct db_map reputation_row = DB_MAP(reputation, reputation_cols);

int qa_ranking(struct db *db, const char *topic, const char *pref, struct reputation *out, int max)
{
	sqlite3_stmt *st = db_stmt(db, SQL_RANKING);
	if (st && topic)
		sqlite3_bind_text(st, 1, topic, -1, SQLITE_STATIC);
	if (st && pref)
		sqlite3_bind_text(st, 2, pref, -1, SQLITE_STATIC);
	if (st)
		sqlite3_bind_int(st, 3, max);
	return db_read_all(db, st, &reputation_row, NULL, out, max);
}

static const struct db_col unanswered_cols[] = {

    DB_COL(I64, unanswered, id), DB_COL(TEXT_NULL, unanswered, topic),
    DB_COL(TEXT_NULL, unanswered, prefecture), DB_COL(I64, unanswered, asker_id)};
static const struct db_map unanswered_row = DB_MAP(unanswered, unanswered_cols);

int qa_unanswered(struct db *db, struct arena *a, int64_t before, int stage, struct unanswered *out,
                  int max)
{
	sqlite3_stmt *st = db_stmt_id(db, SQL_UNANSWERED, before);
	if (st) {
		sqlite3_bind_int(st, 2, stage);
		sqlite3_bind_int(st, 3, max);
	}
	return db_read_all(db, st, &unanswered_row, a, out, max);
}

int qa_set_followup(struct db *db, int64_t id, int stage)
{
	return set_int(db, SQL_FOLLOWUP, id, stage);
}

int qa_experts_for(struct db *db, const char *topic, const char *pref, int64_t *ids, int max)
{
	sqlite3_stmt *st = db_stmt(db, SQL_EXPERTS_FOR);
	if (!st)
		return KK_ERR;
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

static const struct db_col report_cols[] = {

    DB_COL(I64, post_report, id),           DB_COL(TEXT_NULL, post_report, kind),
    DB_COL(I64, post_report, post_id),      DB_COL(I64, post_report, reporter_id),
    DB_COL(TEXT_NULL, post_report, reason), DB_COL(I64, post_report, created_at)};
static const struct db_map report_row = DB_MAP(post_report, report_cols);

int reports_open(struct db *db, struct arena *a, struct post_report *out, int max)
{
	sqlite3_stmt *st = db_stmt(db, SQL_REPORTS);
	if (st)
		sqlite3_bind_int(st, 1, max);
	return db_read_all(db, st, &report_row, a, out, max);
}

bool helpful_marked(struct db *db, int64_t answer_id, int64_t account_id)
{
	sqlite3_stmt *st = db_stmt_id(db, SQL_HELPFUL_MARKED, answer_id);
	if (st)
		sqlite3_bind_int64(st, 2, account_id);
	return db_scalar(st, 0) > 0;
}
