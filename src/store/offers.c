/* offers.c — who is on a request: assignees, incident offers, and the rating. */
#include "store/requests.h"

#include <string.h>
#include "sql/offers.h"

/* ---- assignees, offers, ratings ---- */

int assignees_add(struct db *db, int64_t id, int64_t expert_id)
{
	sqlite3_stmt *st = db_bind(db, SQL_ASSIGN, db_i64(id), db_i64(expert_id), db_i64(db_now()));
	return db_exec(db, st, "assignees_add");
}

int assignees(struct db *db, int64_t id, int64_t *ids, int max)
{
	return db_ids_by(db, SQL_ASSIGNEES, id, ids, max);
}

int offers_add(struct db *db, int64_t id, int64_t expert_id, int ring)
{
	sqlite3_stmt *st = db_bind(db, SQL_OFFER_ADD, db_i64(id), db_i64(expert_id), db_i64(ring),
	                           db_i64(db_now()));
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
	sqlite3_stmt *st = db_bind(db, SQL_OFFER_ACCEPT, db_i64(id), db_i64(expert_id));
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
	sqlite3_stmt *st = db_bind(db, SQL_RATING_ADD, db_i64(id), db_i64(stars),
	                           db_str(comment ? comment : ""), db_i64(db_now()));
	return db_insert_once(db, st, "ratings_add");
}

static const struct db_map rating_row = DB_ROW(rating, (INT, stars), (TEXT, comment));

int ratings_get(struct db *db, struct arena *a, int64_t id, struct rating *out)
{
	return db_read(db, db_stmt_id(db, SQL_RATING_GET, id), &rating_row, a, out);
}
