#include "store/communities.h"

static const char SQL_INSERT[] =
    "INSERT INTO communities(name, type, description, contact, created_at) VALUES (?, ?, ?, ?, ?)";
static const char SQL_ADD_PREF[] =
    "INSERT OR IGNORE INTO community_prefectures(community_id, prefecture) VALUES (?, ?)";
static const char SQL_GET[] =
    "SELECT id, name, type, description, contact,"
    " (SELECT count(*) FROM community_members m WHERE m.community_id = c.id)"
    " FROM communities c WHERE id = ?";
static const char SQL_PREFS[] =
    "SELECT prefecture FROM community_prefectures WHERE community_id = ? ORDER BY prefecture";
static const char SQL_LIST[] = "SELECT id FROM communities c WHERE (?1 IS NULL OR type = ?1)"
                               " AND (?2 IS NULL OR EXISTS (SELECT 1 FROM community_prefectures p"
                               "      WHERE p.community_id = c.id AND p.prefecture = ?2))"
                               /* North to south (JIS codes run from Hokkaido to Okinawa),
                                * then by name: not by character code. */
                               " ORDER BY (SELECT min(prefecture) FROM community_prefectures p"
                               "           WHERE p.community_id = c.id), name, id LIMIT ?3";
static const char SQL_OF_EXPERT[] =
    "SELECT community_id FROM community_members WHERE expert_id = ? ORDER BY community_id LIMIT ?";
static const char SQL_JOIN[] =
    "INSERT INTO community_members(community_id, expert_id, joined_at) VALUES (?, ?, ?)";
static const char SQL_LEAVE[] =
    "DELETE FROM community_members WHERE community_id = ? AND expert_id = ?";
static const char SQL_MEMBERS[] =
    "SELECT m.expert_id FROM community_members m JOIN experts e ON e.account_id = m.expert_id"
    " WHERE m.community_id = ? AND e.hidden = 0 ORDER BY m.joined_at, m.expert_id LIMIT ?";

int communities_create(struct db *db, const struct community *c, int64_t *id)
{
	sqlite3_stmt *st = db_stmt(db, SQL_INSERT);
	if (!st)
		return KK_ERR;
	sqlite3_bind_text(st, 1, c->name, -1, SQLITE_STATIC);
	sqlite3_bind_text(st, 2, c->type, -1, SQLITE_STATIC);
	sqlite3_bind_text(st, 3, c->description ? c->description : "", -1, SQLITE_STATIC);
	sqlite3_bind_text(st, 4, c->contact ? c->contact : "", -1, SQLITE_STATIC);
	sqlite3_bind_int64(st, 5, db_now());
	if (db_insert(db, st, "communities_create", id) != KK_OK)
		return KK_ERR;
	for (int i = 0; i < c->nprefs; i++) {
		if (!(st = db_stmt_id(db, SQL_ADD_PREF, *id)))
			return KK_ERR;
		sqlite3_bind_text(st, 2, c->prefs[i], -1, SQLITE_STATIC);
		if (db_exec(db, st, "community prefecture") != KK_OK)
			return KK_ERR;
	}
	return KK_OK;
}

static const struct db_col community_cols[] = {

    DB_COL(I64, community, id),       DB_COL(TEXT, community, name),
    DB_COL(TEXT, community, type),    DB_COL(TEXT, community, description),
    DB_COL(TEXT, community, contact), DB_COL(INT, community, members)};
static const struct db_map community_row = DB_MAP(community, community_cols);

int communities_get(struct db *db, struct arena *a, int64_t id, struct community *out)
{
	int rc = db_read(db, db_stmt_id(db, SQL_GET, id), &community_row, a, out);
	if (rc != KK_OK)
		return rc;
	out->nprefs = db_list(db, db_stmt_id(db, SQL_PREFS, id), db_text_row, a, out->prefs,
	                      sizeof *out->prefs, COMMUNITY_MAX_PREFS);
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
	sqlite3_stmt *st = db_stmt(db, SQL_LIST);
	if (!st)
		return KK_ERR;
	if (type)
		sqlite3_bind_text(st, 1, type, -1, SQLITE_STATIC);
	if (pref)
		sqlite3_bind_text(st, 2, pref, -1, SQLITE_STATIC);
	sqlite3_bind_int(st, 3, max);
	return load_ids(db, a, st, out, max);
}

int communities_of_expert(struct db *db, struct arena *a, int64_t expert_id, struct community *out,
                          int max)
{
	sqlite3_stmt *st = db_stmt_id(db, SQL_OF_EXPERT, expert_id);
	if (!st)
		return KK_ERR;
	sqlite3_bind_int(st, 2, max);
	return load_ids(db, a, st, out, max);
}

int communities_join(struct db *db, int64_t id, int64_t expert_id)
{
	sqlite3_stmt *st = db_stmt_id(db, SQL_JOIN, id);
	if (!st)
		return KK_ERR;
	sqlite3_bind_int64(st, 2, expert_id);
	sqlite3_bind_int64(st, 3, db_now());
	int rc = sqlite3_step(st);
	db_done(st);
	if (rc == SQLITE_CONSTRAINT_PRIMARYKEY)
		return KK_CONFLICT;
	return rc == SQLITE_DONE ? KK_OK : KK_ERR;
}

int communities_leave(struct db *db, int64_t id, int64_t expert_id)
{
	sqlite3_stmt *st = db_stmt_id(db, SQL_LEAVE, id);
	if (!st)
		return KK_ERR;
	sqlite3_bind_int64(st, 2, expert_id);
	return db_update(db, st, "communities_leave");
}

int communities_members(struct db *db, int64_t id, int64_t *ids, int max)
{
	return db_ids_by(db, SQL_MEMBERS, id, ids, max);
}
