#include "store/assessments.h"

#include <string.h>
#include "sql/assessments.h"

#define HASH 32 /* SHA-256 of a browser token (domain/token.h's TOKEN_HASH) */

int assessment_version(struct db *db)
{
	return (int)db_scalar(db_stmt(db, SQL_VERSION), 0);
}

static const struct db_map item_row = DB_ROW(
    assessment_item, (TEXT, code), (TEXT, function), (TEXT, effort), (TEXT, skills), (TEXT, roles),
    (TEXT, question), (TEXT, why), (TEXT, step), (TEXT, keywords), (INT, sort), (INT, weight));

int assessment_items(struct db *db, struct arena *a, int version, const char *lang,
                     struct assessment_item *out, int max)
{
	sqlite3_stmt *st = db_bind(db, SQL_ITEMS, db_i64(version), db_str(lang), db_i64(max));
	return db_read_all(db, st, &item_row, a, out, max);
}

int assessments_create(struct db *db, int64_t company_id, const unsigned char *draft_hash,
                       const struct assessment *s, const struct assessment_answer *answers, int n,
                       int64_t *id)
{
	sqlite3_stmt *st = db_stmt_id(db, SQL_CREATE, company_id);
	if (st) {
		if (draft_hash)
			sqlite3_bind_blob(st, 2, draft_hash, HASH, SQLITE_STATIC);
		sqlite3_bind_int(st, 3, s->version);
		sqlite3_bind_int(st, 4, s->total);
		for (int f = 0; f < FN__N; f++)
			sqlite3_bind_int(st, 5 + f, s->fn[f]);
		sqlite3_bind_int64(st, 11, s->created_at ? s->created_at : db_now());
	}
	if (db_insert(db, st, "assessments_create", id) != KK_OK)
		return KK_ERR;
	for (int i = 0; i < n; i++) {
		sqlite3_stmt *ans = db_stmt_id(db, SQL_ANSWER, *id);
		if (ans) {
			sqlite3_bind_text(ans, 2, answers[i].item, -1, SQLITE_STATIC);
			sqlite3_bind_text(ans, 3, answers[i].answer, -1, SQLITE_STATIC);
		}
		if (db_exec(db, ans, "assessment_answer") != KK_OK)
			return KK_ERR;
	}
	return KK_OK;
}

static const struct db_map assessment_row =
    DB_ROW(assessment, (I64, id), (I64, company_id), (I64, created_at), (INT, version),
           (INT, total), (INT, fn[FN_GV]), (INT, fn[FN_ID]), (INT, fn[FN_PR]), (INT, fn[FN_DE]),
           (INT, fn[FN_RS]), (INT, fn[FN_RC]), (TEXT_NULL, counted_in));

int assessments_get(struct db *db, struct arena *a, int64_t id, struct assessment *out)
{
	return db_read(db, db_stmt_id(db, SQL_GET, id), &assessment_row, a, out);
}

bool assessments_draft_is(struct db *db, int64_t id, const unsigned char *draft_hash)
{
	sqlite3_stmt *st = db_bind(db, SQL_DRAFT_IS, db_i64(id), db_bytes(draft_hash, HASH));
	return db_scalar(st, 0) > 0;
}

static const struct db_map answer_row = DB_ROW(assessment_answer, (TEXT, item), (TEXT, answer));

int assessments_answers(struct db *db, struct arena *a, int64_t id, struct assessment_answer *out,
                        int max)
{
	return db_read_by(db, SQL_ANSWERS, id, &answer_row, a, out, max);
}

int assessments_of_company(struct db *db, struct arena *a, int64_t company_id,
                           struct assessment *out, int max)
{
	return db_read_by(db, SQL_OF_COMPANY, company_id, &assessment_row, a, out, max);
}

int assessments_claim(struct db *db, const unsigned char *draft_hash, int64_t company_id)
{
	sqlite3_stmt *st = db_bind(db, SQL_CLAIM, db_bytes(draft_hash, HASH), db_i64(company_id));
	if (db_exec(db, st, "assessments_claim") != KK_OK)
		return KK_ERR;
	return sqlite3_changes(db_handle(db));
}

int assessments_purge(struct db *db, int64_t before)
{
	int rc = db_exec(db, db_stmt_id(db, SQL_PURGE, before), "assessments_purge");
	if (rc == KK_OK)
		rc = db_exec(db, db_stmt_id(db, SQL_PURGE_PROGRESS, before), "progress_purge");
	return rc;
}

int64_t assessments_counted(struct db *db, int64_t company_id)
{
	return db_scalar(db_stmt_id(db, SQL_COUNTED, company_id), 0);
}

int64_t assessments_latest(struct db *db, int64_t company_id)
{
	return db_scalar(db_stmt_id(db, SQL_LATEST, company_id), 0);
}

int peer_add(struct db *db, int64_t id, const char *grp, int sign)
{
	const char *sql[] = {SQL_PEER_SCORE, SQL_PEER_ITEMS};
	for (int i = 0; i < 2; i++) {
		sqlite3_stmt *st = db_stmt_id(db, sql[i], id);
		if (st) {
			sqlite3_bind_text(st, 2, grp, -1, SQLITE_STATIC);
			sqlite3_bind_int(st, 3, sign);
		}
		if (db_exec(db, st, "peer_add") != KK_OK)
			return KK_ERR;
	}
	return KK_OK;
}

int assessments_set_counted(struct db *db, int64_t id, const char *groups)
{
	sqlite3_stmt *st = db_stmt_id(db, SQL_SET_COUNTED, id);
	if (st && groups)
		sqlite3_bind_text(st, 2, groups, -1, SQLITE_STATIC);
	return db_exec(db, st, "assessments_set_counted");
}

static const char *const SQL_REBUILD[] = {SQL_PEER_CLEAR_SCORES, SQL_PEER_CLEAR_ITEMS,
                                          SQL_PEER_FILL_SCORES, SQL_PEER_FILL_ITEMS};

int peer_rebuild(struct db *db)
{
	for (size_t i = 0; i < sizeof SQL_REBUILD / sizeof *SQL_REBUILD; i++)
		if (db_exec(db, db_stmt(db, SQL_REBUILD[i]), "peer_rebuild") != KK_OK)
			return KK_ERR;
	return KK_OK;
}

int64_t peer_histogram(struct db *db, int version, const char *grp, int64_t hist[101])
{
	memset(hist, 0, 101 * sizeof *hist);
	sqlite3_stmt *st = db_stmt_id(db, SQL_HIST, version);
	if (!st)
		return 0;
	sqlite3_bind_text(st, 2, grp, -1, SQLITE_STATIC);
	int64_t n = 0;
	while (sqlite3_step(st) == SQLITE_ROW) {
		int s = sqlite3_column_int(st, 0);
		if (s >= 0 && s <= 100) {
			hist[s] = sqlite3_column_int64(st, 1);
			n += hist[s];
		}
	}
	db_done(st);
	return n;
}

static const struct db_map peer_item_row =
    DB_ROW(peer_item, (TEXT, item), (I64, doing), (I64, applicable));

int peer_items_of(struct db *db, struct arena *a, int version, const char *grp,
                  struct peer_item *out, int max)
{
	sqlite3_stmt *st =
	    db_bind(db, SQL_PEER_ITEMS_OF, db_i64(version), db_str(grp), db_i64(max));
	return db_read_all(db, st, &peer_item_row, a, out, max);
}

int companies_consent(struct db *db, int64_t company_id)
{
	return (int)db_scalar(db_stmt_id(db, SQL_CONSENT, company_id), 0);
}

int companies_set_consent(struct db *db, int64_t company_id, bool consent)
{
	sqlite3_stmt *st = db_bind(db, SQL_SET_CONSENT, db_i64(company_id), db_i64(consent));
	return db_update(db, st, "companies_set_consent");
}

const char *assessment_progress_get(struct db *db, struct arena *a, const unsigned char *hash)
{
	sqlite3_stmt *st = db_stmt(db, SQL_PROGRESS_GET);
	if (!st)
		return NULL;
	sqlite3_bind_blob(st, 1, hash, HASH, SQLITE_STATIC);
	const char *out = NULL;
	if (sqlite3_step(st) == SQLITE_ROW)
		out = db_text_dup(a, st, 0);
	db_done(st);
	return out;
}

int assessment_progress_put(struct db *db, const unsigned char *hash, const char *answers)
{
	sqlite3_stmt *st =
	    db_bind(db, SQL_PROGRESS_PUT, db_bytes(hash, HASH), db_str(answers), db_i64(db_now()));
	return db_exec(db, st, "assessment_progress_put");
}

int assessment_progress_drop(struct db *db, const unsigned char *hash)
{
	sqlite3_stmt *st = db_bind(db, SQL_PROGRESS_DROP, db_bytes(hash, HASH));
	return st ? db_exec(db, st, "assessment_progress_drop") : KK_ERR;
}
