/* desks.c — companies (with their IT vendors) and help desks (with their operators). */
#include "store/desks.h"

#include <stdio.h>
#include <string.h>

/* ---- companies ---- */

static const char SQL_COMPANY_UPSERT[] =
    "INSERT INTO companies(account_id, name, prefecture, industry, employees, created_at, "
    "updated_at)"
    " VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?6) ON CONFLICT(account_id) DO UPDATE SET name = ?2,"
    " prefecture = ?3, industry = ?4, employees = ?5, updated_at = ?6";
static const char SQL_VENDORS_DEL[] = "DELETE FROM company_vendors WHERE company_id = ?";
static const char SQL_VENDOR_ADD[] =
    "INSERT OR IGNORE INTO company_vendors(company_id, name) VALUES (?, ?)";
static const char SQL_COMPANY_GET[] =
    "SELECT name, prefecture, industry, employees FROM companies WHERE account_id = ?";
static const char SQL_VENDORS[] =
    "SELECT name FROM company_vendors WHERE company_id = ? ORDER BY name";

int companies_save(struct db *db, const struct company *c)
{
	sqlite3_stmt *st = db_stmt_id(db, SQL_COMPANY_UPSERT, c->id);
	if (!st)
		return KK_ERR;
	sqlite3_bind_text(st, 2, c->name, -1, SQLITE_STATIC);
	sqlite3_bind_text(st, 3, c->prefecture, -1, SQLITE_STATIC);
	sqlite3_bind_text(st, 4, c->industry, -1, SQLITE_STATIC);
	sqlite3_bind_text(st, 5, c->employees, -1, SQLITE_STATIC);
	sqlite3_bind_int64(st, 6, db_now());
	if (db_insert(db, st, "companies_save", NULL) != KK_OK)
		return KK_ERR;
	return db_put_texts(db, SQL_VENDORS_DEL, SQL_VENDOR_ADD, c->id, c->vendors, c->nvendors);
}

static const struct db_col company_cols[] = {

    DB_COL(TEXT_NULL, company, name), DB_COL(TEXT_NULL, company, prefecture),
    DB_COL(TEXT_NULL, company, industry), DB_COL(TEXT_NULL, company, employees)};
static const struct db_map company_row = DB_MAP(company, company_cols);

int companies_get(struct db *db, struct arena *a, int64_t id, struct company *out)
{
	int rc = db_read(db, db_stmt_id(db, SQL_COMPANY_GET, id), &company_row, a, out);
	if (rc != KK_OK)
		return rc;
	out->id = id;
	out->nvendors = db_list(db, db_stmt_id(db, SQL_VENDORS, id), db_text_row, a, out->vendors,
	                        sizeof *out->vendors, COMPANY_MAX_VENDORS);
	return out->nvendors < 0 ? KK_ERR : KK_OK;
}

/* ---- desks ---- */

static const char SQL_DESK_ADD[] =
    "INSERT INTO desks(prefecture, name, community_id, hours, contact, created_at)"
    " VALUES (?, ?, ?, ?, ?, ?)";
static const char SQL_DESK_GET[] = "SELECT id, prefecture, name, coalesce(community_id, 0), hours, "
                                   "contact FROM desks WHERE id = ?";
static const char SQL_DESK_LIST[] =
    "SELECT id, prefecture, name, coalesce(community_id, 0), hours, contact FROM desks"
    " ORDER BY prefecture, id LIMIT ?";
static const char SQL_DESK_FOR[] =
    "SELECT d.id FROM desks d JOIN prefectures p ON p.code = d.prefecture"
    " WHERE p.block = (SELECT block FROM prefectures WHERE code = ?1)"
    " ORDER BY d.prefecture <> ?1, d.id LIMIT 1";
static const char SQL_OPERATOR_ADD[] =
    "INSERT OR IGNORE INTO desk_operators(desk_id, account_id) VALUES (?, ?)";
static const char SQL_DESKS_OF[] =
    "SELECT desk_id FROM desk_operators WHERE account_id = ? ORDER BY desk_id LIMIT ?";
static const char SQL_OPERATORS[] =
    "SELECT account_id FROM desk_operators WHERE desk_id = ? ORDER BY account_id LIMIT ?";

int desks_create(struct db *db, const struct desk *d, int64_t *id)
{
	sqlite3_stmt *st = db_stmt(db, SQL_DESK_ADD);
	if (!st)
		return KK_ERR;
	sqlite3_bind_text(st, 1, d->prefecture, -1, SQLITE_STATIC);
	sqlite3_bind_text(st, 2, d->name, -1, SQLITE_STATIC);
	if (d->community_id > 0)
		sqlite3_bind_int64(st, 3, d->community_id);
	sqlite3_bind_text(st, 4, d->hours ? d->hours : "", -1, SQLITE_STATIC);
	sqlite3_bind_text(st, 5, d->contact ? d->contact : "", -1, SQLITE_STATIC);
	sqlite3_bind_int64(st, 6, db_now());
	return db_insert(db, st, "desks_create", id);
}

static const struct db_col desk_cols[] = {

    DB_COL(I64, desk, id),          DB_COL(TEXT_NULL, desk, prefecture),
    DB_COL(TEXT_NULL, desk, name),  DB_COL(I64, desk, community_id),
    DB_COL(TEXT_NULL, desk, hours), DB_COL(TEXT_NULL, desk, contact)};
static const struct db_map desk_row = DB_MAP(desk, desk_cols);

int desks_get(struct db *db, struct arena *a, int64_t id, struct desk *out)
{
	return db_read(db, db_stmt_id(db, SQL_DESK_GET, id), &desk_row, a, out);
}

int desks_list(struct db *db, struct arena *a, struct desk *out, int max)
{
	sqlite3_stmt *st = db_stmt(db, SQL_DESK_LIST);
	if (st)
		sqlite3_bind_int(st, 1, max);
	return db_read_all(db, st, &desk_row, a, out, max);
}

int desks_for_prefecture(struct db *db, const char *pref, int64_t *desk_id)
{
	sqlite3_stmt *st = db_stmt(db, SQL_DESK_FOR);
	if (!st)
		return KK_ERR;
	sqlite3_bind_text(st, 1, pref, -1, SQLITE_STATIC);
	int n = db_ids(st, desk_id, 1);
	return n < 0 ? KK_ERR : n ? KK_OK : KK_NOTFOUND;
}

int desks_add_operator(struct db *db, int64_t desk_id, int64_t account_id)
{
	sqlite3_stmt *st = db_stmt_id(db, SQL_OPERATOR_ADD, desk_id);
	if (!st)
		return KK_ERR;
	sqlite3_bind_int64(st, 2, account_id);
	return db_exec(db, st, "desks_add_operator");
}

int desks_of_operator(struct db *db, int64_t account_id, int64_t *ids, int max)
{
	return db_ids_by(db, SQL_DESKS_OF, account_id, ids, max);
}

int desks_operators(struct db *db, int64_t desk_id, int64_t *ids, int max)
{
	return db_ids_by(db, SQL_OPERATORS, desk_id, ids, max);
}
