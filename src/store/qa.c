#include "store/qa.h"

#include <math.h>
#include <stdlib.h>
#include <string.h>
#include "sql/qa.h"

/* ---- questions and answers ---- */

/* Changes to what the search finds made by this process (qa_changes); the index itself
 * follows by triggers (migrations/028, 030). */
static _Atomic int64_t index_changes;

int64_t qa_changes(void)
{
	return index_changes;
}

/* rc, counting a change when it succeeded. */
static int changed(int rc)
{
	if (rc == KK_OK)
		index_changes++;
	return rc;
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
	sqlite3_bind_int64(st, 9, db_now() - QA_SETTLE_AFTER);
	if (db_exec(db, st, "questions_create") < 0)
		return KK_ERR;
	*id = sqlite3_last_insert_rowid(db_handle(db));
	if (*id >= (INT64_C(1) << ID_BITS))
		return KK_ERR; /* the index key keeps the id in its low ID_BITS bits */
	return changed(KK_OK);
}

static const struct db_map question_row =
    DB_ROW(question, (I64, asker_id), (TEXT_NULL, title), (TEXT_NULL, body), (TEXT_NULL, topic),
           (INT, level), (TEXT_NULL, prefecture), (TEXT_NULL, industry), (I64, best_answer_id),
           (INT, answers), (INT, hidden), (I64, created_at));

int questions_get(struct db *db, struct arena *a, int64_t id, struct question *out)
{
	int rc = db_read(db, db_stmt_id(db, SQL_Q_GET, id), &question_row, a, out);
	if (rc == KK_OK)
		out->id = id;
	return rc;
}

static int set_int(struct db *db, const char *sql, int64_t id, int64_t v)
{
	sqlite3_stmt *st = db_bind(db, sql, db_i64(id), db_i64(v));
	return db_update(db, st, sql);
}

int questions_set_best(struct db *db, int64_t id, int64_t answer_id)
{
	return changed(set_int(db, SQL_Q_BEST, id, answer_id)); /* it moves in the index */
}

int questions_set_hidden(struct db *db, int64_t id, bool hidden)
{
	return changed(set_int(db, SQL_Q_HIDE, id, hidden));
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
	sqlite3_stmt *st = db_bind(db, SQL_A_ADD, db_i64(question_id), db_i64(expert_id),
	                           db_str(body), db_i64(db_now()));
	if (db_insert(db, st, "answers_create", id) != KK_OK)
		return KK_ERR;
	if (!(st = db_stmt_id(db, SQL_A_COUNT, question_id)) ||
	    db_exec(db, st, "answers count") < 0)
		return KK_ERR;
	return changed(KK_OK);
}

static const struct db_map answer_row = DB_ROW(
    answer, (I64, id), (I64, question_id), (I64, expert_id), (TEXT_NULL, body), (INT, helpful),
    (INT, hidden), (I64, created_at), (I64, confirmed_at), (TEXT_NULL, addendum));

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
	return changed(KK_OK);
}

int helpful_add(struct db *db, int64_t answer_id, int64_t account_id, int *count)
{
	sqlite3_stmt *st =
	    db_bind(db, SQL_HELPFUL, db_i64(answer_id), db_i64(account_id), db_i64(db_now()));
	int rc = db_insert_once(db, st, "helpful_add");
	if (rc != KK_OK)
		return rc;
	*count = (int)db_scalar(db_stmt_id(db, SQL_HELPFUL_COUNT, answer_id), -1);
	return *count < 0 ? KK_ERR : KK_OK;
}

int reports_add(struct db *db, const char *kind, int64_t post_id, int64_t reporter,
                const char *reason)
{
	sqlite3_stmt *st = db_bind(db, SQL_REPORT, db_str(kind), db_i64(post_id), db_i64(reporter),
	                           db_str(reason), db_i64(db_now()));
	return db_exec(db, st, "reports_add");
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
	sqlite3_bind_int64(st, 10, db_now() - QA_SETTLE_AFTER);
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

int qa_bulk_show(struct db *db)
{
	sqlite3_stmt *ids = db_stmt(db, SQL_BULK_ORDER);
	int rc = ids ? SQLITE_ROW : SQLITE_ERROR;
	while (rc == SQLITE_ROW && (rc = sqlite3_step(ids)) == SQLITE_ROW)
		if (db_exec(db, db_stmt_id(db, SQL_BULK_SHOW, sqlite3_column_int64(ids, 0)),
		            "qa_bulk_show") < 0)
			rc = SQLITE_ERROR;
	db_done(ids);
	return rc == SQLITE_DONE ? KK_OK : KK_ERR;
}

int qa_settle(struct db *db, int64_t before, int most)
{
	sqlite3_stmt *st = db_bind(db, SQL_Q_SETTLE, db_i64(before), db_i64(most));
	if (db_exec(db, st, "qa_settle") != KK_OK)
		return KK_ERR;
	int n = sqlite3_changes(db_handle(db));
	if (n)
		changed(KK_OK);
	return n;
}

int qa_reindex_all(struct db *db)
{
	if (db_exec_sql(db, SQL_FTS_REBUILD) != KK_OK)
		return KK_ERR;
	return qa_index_optimize(db);
}

int qa_index_merge(struct db *db, int pages)
{
	return db_exec(db, db_bind(db, SQL_FTS_MERGE, db_i64(pages)), "qa_index_merge");
}

int qa_index_optimize(struct db *db)
{
	return db_exec_sql(db, SQL_FTS_OPTIMIZE);
}

int qa_index_check(struct db *db)
{
	return db_exec_sql(db, SQL_FTS_CHECK);
}

static const struct db_map reputation_row =
    DB_ROW(reputation, (I64, expert_id), (INT, score), (INT, answers), (INT, best));

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

static const struct db_map unanswered_row =
    DB_ROW(unanswered, (I64, id), (TEXT_NULL, topic), (TEXT_NULL, prefecture), (I64, asker_id));

int qa_unanswered(struct db *db, struct arena *a, int64_t before, int stage, struct unanswered *out,
                  int max)
{
	sqlite3_stmt *st = db_bind(db, SQL_UNANSWERED, db_i64(before), db_i64(stage), db_i64(max));
	return db_read_all(db, st, &unanswered_row, a, out, max);
}

int qa_set_followup(struct db *db, int64_t id, int stage)
{
	return set_int(db, SQL_FOLLOWUP, id, stage);
}

int qa_experts_for(struct db *db, const char *topic, const char *pref, int64_t *ids, int max)
{
	sqlite3_stmt *st = db_bind(db, SQL_EXPERTS_FOR, db_str(topic), db_str(pref), db_i64(max));
	return db_ids(st, ids, max);
}

int answers_confirm(struct db *db, int64_t id, const char *addendum)
{
	sqlite3_stmt *st =
	    db_bind(db, SQL_A_CONFIRM, db_i64(id), db_i64(db_now()), db_str(addendum));
	if (db_exec(db, st, "answers_confirm") < 0)
		return KK_ERR;
	int rc = sqlite3_changes(db_handle(db)) ? KK_OK : KK_NOTFOUND;
	return changed(rc);
}

static const struct db_map report_row =
    DB_ROW(post_report, (I64, id), (TEXT_NULL, kind), (I64, post_id), (I64, reporter_id),
           (TEXT_NULL, reason), (I64, created_at));

int reports_open(struct db *db, struct arena *a, struct post_report *out, int max)
{
	sqlite3_stmt *st = db_bind(db, SQL_REPORTS, db_i64(max));
	return db_read_all(db, st, &report_row, a, out, max);
}

bool helpful_marked(struct db *db, int64_t answer_id, int64_t account_id)
{
	sqlite3_stmt *st = db_bind(db, SQL_HELPFUL_MARKED, db_i64(answer_id), db_i64(account_id));
	return db_scalar(st, 0) > 0;
}
