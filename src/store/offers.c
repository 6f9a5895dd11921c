/* offers.c — who is on a request: assignees, incident offers, and the rating. */
#include "store/requests.h"

#include <string.h>

/* ---- assignees, offers, ratings ---- */

static const char SQL_ASSIGN[] =
    "INSERT OR IGNORE INTO request_assignees(request_id, expert_id, assigned_at) VALUES (?, ?, ?)";
static const char SQL_ASSIGNEES[] = "SELECT expert_id FROM request_assignees WHERE request_id = ? "
                                    "ORDER BY assigned_at, expert_id LIMIT ?";
static const char SQL_OFFER_ADD[] =
    "INSERT OR IGNORE INTO request_offers(request_id, expert_id, ring, status, offered_at)"
    " VALUES (?, ?, ?, 'open', ?)";
static const char SQL_OFFER_STATUS[] =
    "SELECT status FROM request_offers WHERE request_id = ? AND expert_id = ?";
static const char SQL_OFFERS_OPEN[] = "SELECT expert_id FROM request_offers WHERE request_id = ? "
                                      "AND status = 'open' ORDER BY expert_id LIMIT ?";
static const char SQL_OFFER_ACCEPT[] =
    "UPDATE request_offers SET status = 'accepted' WHERE request_id = ?1 AND expert_id = ?2"
    " AND status = 'open' AND (SELECT status FROM requests WHERE id = ?1) = 'offered'";
static const char SQL_OFFERS_WITHDRAW[] =
    "UPDATE request_offers SET status = 'withdrawn' WHERE request_id = ? AND status = 'open'";
static const char SQL_RATING_GET[] = "SELECT stars, comment FROM ratings WHERE request_id = ?";
static const char SQL_RATING_ADD[] =
    "INSERT INTO ratings(request_id, stars, comment, created_at) VALUES (?, ?, ?, ?)";

int assignees_add(struct db *db, int64_t id, int64_t expert_id)
{
	sqlite3_stmt *st = db_stmt_id(db, SQL_ASSIGN, id);
	if (!st)
		return KK_ERR;
	sqlite3_bind_int64(st, 2, expert_id);
	sqlite3_bind_int64(st, 3, db_now());
	return db_exec(db, st, "assignees_add");
}

int assignees(struct db *db, int64_t id, int64_t *ids, int max)
{
	return db_ids_by(db, SQL_ASSIGNEES, id, ids, max);
}

int offers_add(struct db *db, int64_t id, int64_t expert_id, int ring)
{
	sqlite3_stmt *st = db_stmt_id(db, SQL_OFFER_ADD, id);
	if (!st)
		return KK_ERR;
	sqlite3_bind_int64(st, 2, expert_id);
	sqlite3_bind_int(st, 3, ring);
	sqlite3_bind_int64(st, 4, db_now());
	return db_exec(db, st, "offers_add");
}

const char *offers_status(struct db *db, struct arena *a, int64_t id, int64_t expert_id)
{
	sqlite3_stmt *st = db_stmt_id(db, SQL_OFFER_STATUS, id);
	if (!st)
		return NULL;
	sqlite3_bind_int64(st, 2, expert_id);
	const char *s = sqlite3_step(st) == SQLITE_ROW ? db_text_dup(a, st, 0) : NULL;
	db_done(st);
	return s;
}

int offers_open(struct db *db, int64_t id, int64_t *ids, int max)
{
	return db_ids_by(db, SQL_OFFERS_OPEN, id, ids, max);
}

int offers_accept(struct db *db, int64_t id, int64_t expert_id)
{
	sqlite3_stmt *st = db_stmt_id(db, SQL_OFFER_ACCEPT, id);
	if (!st)
		return KK_ERR;
	sqlite3_bind_int64(st, 2, expert_id);
	int rc = db_update(db, st, "offers_accept");
	return rc == KK_NOTFOUND ? KK_CONFLICT : rc;
}

int offers_withdraw_open(struct db *db, int64_t id)
{
	sqlite3_stmt *st = db_stmt_id(db, SQL_OFFERS_WITHDRAW, id);
	return st ? db_exec(db, st, "offers_withdraw_open") : KK_ERR;
}

int ratings_add(struct db *db, int64_t id, int stars, const char *comment)
{
	sqlite3_stmt *st = db_stmt_id(db, SQL_RATING_ADD, id);
	if (!st)
		return KK_ERR;
	sqlite3_bind_int(st, 2, stars);
	sqlite3_bind_text(st, 3, comment ? comment : "", -1, SQLITE_STATIC);
	sqlite3_bind_int64(st, 4, db_now());
	int rc = sqlite3_step(st);
	db_done(st);
	if (rc == SQLITE_CONSTRAINT_PRIMARYKEY)
		return KK_CONFLICT;
	return rc == SQLITE_DONE ? KK_OK : KK_ERR;
}

static const struct db_col rating_cols[] = {DB_COL(INT, rating, stars),
                                            DB_COL(TEXT, rating, comment)};
static const struct db_map rating_row = DB_MAP(rating, rating_cols);

int ratings_get(struct db *db, struct arena *a, int64_t id, struct rating *out)
{
	return db_read(db, db_stmt_id(db, SQL_RATING_GET, id), &rating_row, a, out);
}
