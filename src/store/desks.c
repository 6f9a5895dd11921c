/* desks.c — companies (with their IT vendors) and help desks (with their operators). */
#include "store/desks.h"

#include <stdio.h>
#include <string.h>
#include "sql/desks.h"

/* ---- companies ---- */

int companies_save(struct db *db, const struct company *c)
{
	sqlite3_stmt *st =
	    db_bind(db, SQL_COMPANY_UPSERT, db_i64(c->id), db_str(c->name), db_str(c->prefecture),
	            db_str(c->industry), db_str(c->employees), db_i64(db_now()));
	if (db_insert(db, st, "companies_save", NULL) != KK_OK)
		return KK_ERR;
	return db_put_texts(db, SQL_VENDORS_DEL, SQL_VENDOR_ADD, c->id, c->vendors, c->nvendors);
}

static const struct db_map company_row = DB_ROW(company, (TEXT_NULL, name), (TEXT_NULL, prefecture),
                                                (TEXT_NULL, industry), (TEXT_NULL, employees));

int companies_get(struct db *db, struct arena *a, int64_t id, struct company *out)
{
	int rc = db_read(db, db_stmt_id(db, SQL_COMPANY_GET, id), &company_row, a, out);
	if (rc != KK_OK)
		return rc;
	out->id = id;
	out->nvendors = db_texts_by(db, SQL_VENDORS, id, a, out->vendors, COMPANY_MAX_VENDORS);
	return out->nvendors < 0 ? KK_ERR : KK_OK;
}

/* ---- desks ---- */

int desks_create(struct db *db, const struct desk *d, int64_t *id)
{
	sqlite3_stmt *st = db_bind(db, SQL_DESK_ADD, db_str(d->prefecture), db_str(d->name),
	                           db_i64_or_null(d->community_id > 0 ? d->community_id : 0),
	                           db_str(d->hours ? d->hours : ""),
	                           db_str(d->contact ? d->contact : ""), db_i64(db_now()));
	return db_insert(db, st, "desks_create", id);
}

static const struct db_map desk_row =
    DB_ROW(desk, (I64, id), (TEXT_NULL, prefecture), (TEXT_NULL, name), (I64, community_id),
           (TEXT_NULL, hours), (TEXT_NULL, contact));

int desks_get(struct db *db, struct arena *a, int64_t id, struct desk *out)
{
	return db_read(db, db_stmt_id(db, SQL_DESK_GET, id), &desk_row, a, out);
}

int desks_list(struct db *db, struct arena *a, struct desk *out, int max)
{
	return db_read_all(db, db_bind(db, SQL_DESK_LIST, db_i64(max)), &desk_row, a, out, max);
}

int desks_for_prefecture(struct db *db, const char *pref, int64_t *desk_id)
{
	int n = db_ids(db_bind(db, SQL_DESK_FOR, db_str(pref)), desk_id, 1);
	return n < 0 ? KK_ERR : n ? KK_OK : KK_NOTFOUND;
}

int desks_add_operator(struct db *db, int64_t desk_id, int64_t account_id)
{
	return db_exec(db, db_bind(db, SQL_OPERATOR_ADD, db_i64(desk_id), db_i64(account_id)),
	               "desks_add_operator");
}

int desks_of_operator(struct db *db, int64_t account_id, int64_t *ids, int max)
{
	return db_ids_by(db, SQL_DESKS_OF, account_id, ids, max);
}

int desks_operators(struct db *db, int64_t desk_id, int64_t *ids, int max)
{
	return db_ids_by(db, SQL_OPERATORS, desk_id, ids, max);
}
