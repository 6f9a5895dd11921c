#include "store/communities.h"
#include "sql/communities.h"

int communities_create(struct db *db, const struct community *c, int64_t *id)
{
	sqlite3_stmt *st = db_bind(db, SQL_INSERT, db_str(c->name), db_str(c->type),
	                           db_str(c->description ? c->description : ""),
	                           db_str(c->contact ? c->contact : ""), db_i64(db_now()));
	if (db_insert(db, st, "communities_create", id) != KK_OK)
		return KK_ERR;
	for (int i = 0; i < c->nprefs; i++)
		if (db_exec(db, db_bind(db, SQL_ADD_PREF, db_i64(*id), db_str(c->prefs[i])),
		            "community prefecture") != KK_OK)
			return KK_ERR;
	return KK_OK;
}

static const struct db_map community_row =
    DB_ROW(community, (I64, id), (TEXT, name), (TEXT, type), (TEXT, description), (TEXT, contact),
           (INT, members));

int communities_get(struct db *db, struct arena *a, int64_t id, struct community *out)
{
	int rc = db_read(db, db_stmt_id(db, SQL_GET, id), &community_row, a, out);
	if (rc != KK_OK)
		return rc;
	out->nprefs = db_texts_by(db, SQL_PREFS, id, a, out->prefs, COMMUNITY_MAX_PREFS);
	return out->nprefs < 0 ? KK_ERR : KK_OK;
}

/* Run an id query, then load each community. */
static int load_ids(struct db *db, struct arena *a, sqlite3_stmt *st, struct community *out,
                    int max)
{
	int64_t ids[256];
	int n = db_ids(st, ids, max < 256 ? max : 256);
	if (n < 0)
		return n;
	int k = 0;
	for (int i = 0; i < n; i++)
		if (communities_get(db, a, ids[i], &out[k]) == KK_OK)
			k++;
	return k;
}

int communities_list(struct db *db, struct arena *a, const char *pref, const char *type,
                     struct community *out, int max)
{
	return load_ids(db, a, db_bind(db, SQL_LIST, db_str(type), db_str(pref), db_i64(max)), out,
	                max);
}

int communities_of_expert(struct db *db, struct arena *a, int64_t expert_id, struct community *out,
                          int max)
{
	return load_ids(db, a, db_bind(db, SQL_OF_EXPERT, db_i64(expert_id), db_i64(max)), out,
	                max);
}

int communities_join(struct db *db, int64_t id, int64_t expert_id)
{
	sqlite3_stmt *st = db_bind(db, SQL_JOIN, db_i64(id), db_i64(expert_id), db_i64(db_now()));
	return db_insert_once(db, st, "communities_join");
}

int communities_leave(struct db *db, int64_t id, int64_t expert_id)
{
	return db_update(db, db_bind(db, SQL_LEAVE, db_i64(id), db_i64(expert_id)),
	                 "communities_leave");
}

int communities_members(struct db *db, int64_t id, int64_t *ids, int max)
{
	return db_ids_by(db, SQL_MEMBERS, id, ids, max);
}
