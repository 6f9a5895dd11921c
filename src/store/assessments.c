#include "store/assessments.h"

#include <string.h>

#define HASH 32 /* SHA-256 of a browser token (domain/token.h's TOKEN_HASH) */

static const char SQL_VERSION[] = "SELECT coalesce(max(version), 0) FROM assessment_items";
static const char SQL_ITEMS[] =
    "SELECT code, function, effort, skills, roles,"
    " CASE WHEN ?2 = 'en' THEN question_en ELSE question_ja END,"
    " CASE WHEN ?2 = 'en' THEN why_en ELSE why_ja END,"
    " CASE WHEN ?2 = 'en' THEN step_en ELSE step_ja END, keywords, sort, weight"
    " FROM assessment_items WHERE version = ?1"
    " ORDER BY instr('GV ID PR DE RS RC', function), sort LIMIT ?3";
static const char SQL_CREATE[] =
    "INSERT INTO assessments(company_id, draft_hash, version, total, gv, id_, pr, de, rs, rc,"
    " created_at) VALUES (nullif(?1, 0), ?2, ?3, ?4, ?5, ?6, ?7, ?8, ?9, ?10, ?11)";
static const char SQL_ANSWER[] =
    "INSERT INTO assessment_answers(assessment_id, item, answer) VALUES (?, ?, ?)";
/* The columns assessment_row reads, in their order. */
#define ASSESSMENT_COLS                                                                            \
	"id, coalesce(company_id, 0), created_at, version, total, gv, id_, pr, de, rs, rc,"        \
	" counted_in"
static const char SQL_GET[] = "SELECT " ASSESSMENT_COLS " FROM assessments WHERE id = ?";
static const char SQL_OF_COMPANY[] = "SELECT " ASSESSMENT_COLS " FROM assessments"
                                     " WHERE company_id = ?1 ORDER BY id DESC LIMIT ?2";
static const char SQL_DRAFT_IS[] = "SELECT count(*) FROM assessments"
                                   " WHERE id = ?1 AND company_id IS NULL AND draft_hash = ?2";
static const char SQL_ANSWERS[] =
    "SELECT item, answer FROM assessment_answers WHERE assessment_id = ?1 LIMIT ?2";
static const char SQL_CLAIM[] = "UPDATE assessments SET company_id = ?2, draft_hash = NULL"
                                " WHERE draft_hash = ?1 AND company_id IS NULL";
static const char SQL_PURGE[] =
    "DELETE FROM assessments WHERE company_id IS NULL AND created_at < ?";
static const char SQL_PURGE_PROGRESS[] = "DELETE FROM assessment_progress WHERE updated_at < ?";
static const char SQL_COUNTED[] =
    "SELECT id FROM assessments WHERE company_id = ? AND counted_in IS NOT NULL";
static const char SQL_LATEST[] =
    "SELECT id FROM assessments WHERE company_id = ? ORDER BY id DESC LIMIT 1";
static const char SQL_PEER_SCORE[] =
    "INSERT INTO peer_scores(version, grp, score, n)"
    " SELECT version, ?2, total, ?3 FROM assessments WHERE id = ?1"
    " ON CONFLICT(version, grp, score) DO UPDATE SET n = n + excluded.n";
static const char SQL_PEER_ITEMS[] =
    "INSERT INTO peer_items(version, grp, item, doing, applicable)"
    " SELECT a.version, ?2, x.item, ?3 * (x.answer IN ('done', 'reviewed')),"
    " ?3 * (x.answer <> 'not_applicable')"
    " FROM assessment_answers x JOIN assessments a ON a.id = x.assessment_id"
    " WHERE x.assessment_id = ?1"
    " ON CONFLICT(version, grp, item) DO UPDATE SET doing = doing + excluded.doing,"
    " applicable = applicable + excluded.applicable";
static const char SQL_SET_COUNTED[] = "UPDATE assessments SET counted_in = ?2 WHERE id = ?1";
static const char SQL_HIST[] =
    "SELECT score, n FROM peer_scores WHERE version = ?1 AND grp = ?2 AND n > 0";
static const char SQL_PEER_ITEMS_OF[] = "SELECT item, doing, applicable FROM peer_items"
                                        " WHERE version = ?1 AND grp = ?2 LIMIT ?3";
static const char SQL_CONSENT[] = "SELECT statistics_consent FROM companies WHERE account_id = ?";
static const char SQL_SET_CONSENT[] =
    "UPDATE companies SET statistics_consent = ?2 WHERE account_id = ?1";
static const char SQL_PROGRESS_GET[] =
    "SELECT answers FROM assessment_progress WHERE token_hash = ?";
static const char SQL_PROGRESS_PUT[] =
    "INSERT INTO assessment_progress(token_hash, answers, updated_at) VALUES (?1, ?2, ?3)"
    " ON CONFLICT(token_hash) DO UPDATE SET answers = ?2, updated_at = ?3";
static const char SQL_PROGRESS_DROP[] = "DELETE FROM assessment_progress WHERE token_hash = ?";

int assessment_version(struct db *db)
{
	return (int)db_scalar(db_stmt(db, SQL_VERSION), 0);
}

static const struct db_col item_cols[] = {
    DB_COL(TEXT, assessment_item, code),     DB_COL(TEXT, assessment_item, function),
    DB_COL(TEXT, assessment_item, effort),   DB_COL(TEXT, assessment_item, skills),
    DB_COL(TEXT, assessment_item, roles),    DB_COL(TEXT, assessment_item, question),
    DB_COL(TEXT, assessment_item, why),      DB_COL(TEXT, assessment_item, step),
    DB_COL(TEXT, assessment_item, keywords), DB_COL(INT, assessment_item, sort),
    DB_COL(INT, assessment_item, weight)};
static const struct db_map item_row = DB_MAP(assessment_item, item_cols);

int assessment_items(struct db *db, struct arena *a, int version, const char *lang,
                     struct assessment_item *out, int max)
{
	sqlite3_stmt *st = db_stmt_id(db, SQL_ITEMS, version);
	if (st) {
		sqlite3_bind_text(st, 2, lang, -1, SQLITE_STATIC);
		sqlite3_bind_int(st, 3, max);
	}
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

static const struct db_col assessment_cols[] = {
    DB_COL(I64, assessment, id),         DB_COL(I64, assessment, company_id),
    DB_COL(I64, assessment, created_at), DB_COL(INT, assessment, version),
    DB_COL(INT, assessment, total),      DB_COL(INT, assessment, fn[FN_GV]),
    DB_COL(INT, assessment, fn[FN_ID]),  DB_COL(INT, assessment, fn[FN_PR]),
    DB_COL(INT, assessment, fn[FN_DE]),  DB_COL(INT, assessment, fn[FN_RS]),
    DB_COL(INT, assessment, fn[FN_RC]),  DB_COL(TEXT_NULL, assessment, counted_in)};
static const struct db_map assessment_row = DB_MAP(assessment, assessment_cols);

int assessments_get(struct db *db, struct arena *a, int64_t id, struct assessment *out)
{
	return db_read(db, db_stmt_id(db, SQL_GET, id), &assessment_row, a, out);
}

bool assessments_draft_is(struct db *db, int64_t id, const unsigned char *draft_hash)
{
	sqlite3_stmt *st = db_stmt_id(db, SQL_DRAFT_IS, id);
	if (st)
		sqlite3_bind_blob(st, 2, draft_hash, HASH, SQLITE_STATIC);
	return db_scalar(st, 0) > 0;
}

static const struct db_col answer_cols[] = {DB_COL(TEXT, assessment_answer, item),
                                            DB_COL(TEXT, assessment_answer, answer)};
static const struct db_map answer_row = DB_MAP(assessment_answer, answer_cols);

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
	sqlite3_stmt *st = db_stmt(db, SQL_CLAIM);
	if (!st)
		return KK_ERR;
	sqlite3_bind_blob(st, 1, draft_hash, HASH, SQLITE_STATIC);
	sqlite3_bind_int64(st, 2, company_id);
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

/* The groups an assessment counts in, as a JSON array for json_each. */
#define COUNTED_GROUPS "json_each('[\"' || replace(a.counted_in, ' ', '\",\"') || '\"]') g"
static const char *const SQL_REBUILD[] = {
    "DELETE FROM peer_scores",
    "DELETE FROM peer_items",
    "INSERT INTO peer_scores(version, grp, score, n)"
    " SELECT a.version, g.value, a.total, count(*) FROM assessments a, " COUNTED_GROUPS
    " WHERE a.counted_in IS NOT NULL GROUP BY 1, 2, 3",
    "INSERT INTO peer_items(version, grp, item, doing, applicable)"
    " SELECT a.version, g.value, x.item, sum(x.answer IN ('done', 'reviewed')),"
    " sum(x.answer <> 'not_applicable')"
    " FROM assessments a JOIN assessment_answers x ON x.assessment_id = a.id, " COUNTED_GROUPS
    " WHERE a.counted_in IS NOT NULL GROUP BY 1, 2, 3",
};

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

static const struct db_col peer_item_cols[] = {DB_COL(TEXT, peer_item, item),
                                               DB_COL(I64, peer_item, doing),
                                               DB_COL(I64, peer_item, applicable)};
static const struct db_map peer_item_row = DB_MAP(peer_item, peer_item_cols);

int peer_items_of(struct db *db, struct arena *a, int version, const char *grp,
                  struct peer_item *out, int max)
{
	sqlite3_stmt *st = db_stmt_id(db, SQL_PEER_ITEMS_OF, version);
	if (st) {
		sqlite3_bind_text(st, 2, grp, -1, SQLITE_STATIC);
		sqlite3_bind_int(st, 3, max);
	}
	return db_read_all(db, st, &peer_item_row, a, out, max);
}

int companies_consent(struct db *db, int64_t company_id)
{
	return (int)db_scalar(db_stmt_id(db, SQL_CONSENT, company_id), 0);
}

int companies_set_consent(struct db *db, int64_t company_id, bool consent)
{
	sqlite3_stmt *st = db_stmt_id(db, SQL_SET_CONSENT, company_id);
	if (st)
		sqlite3_bind_int(st, 2, consent);
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
	sqlite3_stmt *st = db_stmt(db, SQL_PROGRESS_PUT);
	if (!st)
		return KK_ERR;
	sqlite3_bind_blob(st, 1, hash, HASH, SQLITE_STATIC);
	sqlite3_bind_text(st, 2, answers, -1, SQLITE_STATIC);
	sqlite3_bind_int64(st, 3, db_now());
	return db_exec(db, st, "assessment_progress_put");
}

int assessment_progress_drop(struct db *db, const unsigned char *hash)
{
	sqlite3_stmt *st = db_stmt(db, SQL_PROGRESS_DROP);
	if (st)
		sqlite3_bind_blob(st, 1, hash, HASH, SQLITE_STATIC);
	return st ? db_exec(db, st, "assessment_progress_drop") : KK_ERR;
}
