#include "store/experts.h"
#include "store/credentials.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include "sql/experts.h"

int experts_save(struct db *db, const struct expert *e)
{
	sqlite3_stmt *st = db_stmt(db, SQL_UPSERT);
	if (!st)
		return KK_ERR;
	char langs[128] = "";
	for (int i = 0; i < e->nlanguages; i++) {
		size_t len = strlen(langs);
		snprintf(langs + len, sizeof langs - len, "%s%s", i ? "," : "", e->languages[i]);
	}
	sqlite3_bind_int64(st, 1, e->id);
	sqlite3_bind_text(st, 2, e->display_name, -1, SQLITE_STATIC);
	sqlite3_bind_text(st, 3, e->prefecture, -1, SQLITE_STATIC);
	sqlite3_bind_int(st, 4, e->remote);
	sqlite3_bind_int(st, 5, e->modes);
	sqlite3_bind_int(st, 6, e->hours_per_week);
	sqlite3_bind_int(st, 7, e->on_call);
	sqlite3_bind_text(st, 8, langs, -1, SQLITE_TRANSIENT);
	sqlite3_bind_text(st, 9, e->bio ? e->bio : "", -1, SQLITE_STATIC);
	sqlite3_bind_text(st, 10, e->employer ? e->employer : "", -1, SQLITE_STATIC);
	sqlite3_bind_int(st, 11, e->employer_supports);
	if (e->background)
		sqlite3_bind_text(st, 12, e->background, -1, SQLITE_STATIC);
	if (e->ethics_accepted_at)
		sqlite3_bind_int64(st, 13, e->ethics_accepted_at);
	for (int f = 0; f < VF__MAX; f++)
		sqlite3_bind_int(st, 14 + f, e->vis[f]);
	sqlite3_bind_int64(st, 14 + VF__MAX, db_now());
	if (db_exec(db, st, "experts_save") < 0)
		return KK_ERR;
	if (db_put_texts(db, SQL_DEL_SERVES, SQL_ADD_SERVE, e->id, e->serves, e->nserves) !=
	        KK_OK ||
	    db_put_texts(db, SQL_DEL_ROLES, SQL_ADD_ROLE, e->id, e->roles, e->nroles) != KK_OK ||
	    db_put_texts(db, SQL_DEL_CONFLICTS, SQL_ADD_CONFLICT, e->id, e->conflicts,
	                 e->nconflicts) != KK_OK)
		return KK_ERR;
	if (!(st = db_stmt_id(db, SQL_DEL_SKILLS, e->id)) || db_exec(db, st, "skills") != KK_OK)
		return KK_ERR;
	for (int i = 0; i < e->nskills; i++) {
		if (!(st = db_stmt_id(db, SQL_ADD_SKILL, e->id)))
			return KK_ERR;
		sqlite3_bind_text(st, 2, e->skills[i].code, -1, SQLITE_STATIC);
		sqlite3_bind_int(st, 3, e->skills[i].level);
		if (db_exec(db, st, "skill") != KK_OK)
			return KK_ERR;
	}
	return KK_OK;
}

static const char *dup(struct arena *a, sqlite3_stmt *st, int col)
{
	return arena_strdup(a, db_text(st, col));
}

static void skill_row(sqlite3_stmt *st, struct arena *a, void *row)
{
	struct expert_skill *k = row;
	k->code = dup(a, st, 0);
	k->level = sqlite3_column_int(st, 1);
}

static void split_languages(struct arena *a, const char *csv, struct expert *e)
{
	char *copy = arena_strdup(a, csv);
	e->nlanguages = 0;
	for (char *save = NULL, *t = strtok_r(copy, ",", &save);
	     t && e->nlanguages < EXPERT_MAX_LANGUAGES; t = strtok_r(NULL, ",", &save))
		e->languages[e->nlanguages++] = t;
}

static void expert_row(sqlite3_stmt *st, struct arena *a, void *row)
{
	struct expert *e = row;
	memset(e, 0, sizeof *e);
	e->display_name = dup(a, st, 0);
	e->prefecture = dup(a, st, 1);
	e->remote = sqlite3_column_int(st, 2);
	e->modes = sqlite3_column_int(st, 3);
	e->hours_per_week = sqlite3_column_int(st, 4);
	e->on_call = sqlite3_column_int(st, 5);
	split_languages(a, db_text(st, 6), e);
	e->bio = dup(a, st, 7);
	e->employer = dup(a, st, 8);
	e->employer_supports = sqlite3_column_int(st, 9);
	e->background = db_text_dup(a, st, 10);
	e->ethics_accepted_at = sqlite3_column_int64(st, 11);
	e->hidden = sqlite3_column_int(st, 12);
	for (int f = 0; f < VF__MAX; f++)
		e->vis[f] = sqlite3_column_int(st, 13 + f);
}

int experts_get(struct db *db, struct arena *a, int64_t id, struct expert *e)
{
	int rc = db_get(db, db_stmt_id(db, SQL_GET, id), expert_row, a, e);
	if (rc != KK_OK)
		return rc;
	e->id = id;
	e->nserves = db_texts_by(db, SQL_GET_SERVES, id, a, e->serves, EXPERT_MAX_SERVES);
	e->nroles = db_texts_by(db, SQL_GET_ROLES, id, a, e->roles, EXPERT_MAX_ROLES);
	e->nconflicts =
	    db_texts_by(db, SQL_GET_CONFLICTS, id, a, e->conflicts, EXPERT_MAX_CONFLICTS);
	if (e->nserves < 0 || e->nroles < 0 || e->nconflicts < 0)
		return KK_ERR;
	e->nskills = db_list(db, db_stmt_id(db, SQL_GET_SKILLS, id), skill_row, a, e->skills,
	                     sizeof *e->skills, EXPERT_MAX_SKILLS);
	if (e->nskills < 0)
		return KK_ERR;
	rc = db_read(db, db_stmt_id(db, SQL_LATEST_CERT, id), &certificate_row, a, &e->cert);
	return rc == KK_ERR ? KK_ERR : KK_OK; /* KK_NOTFOUND: no certificate, cert.number NULL */
}

int experts_set_hidden(struct db *db, int64_t id, bool hidden, const char *reason)
{
	sqlite3_stmt *st = db_bind(db, SQL_SET_HIDDEN, db_i64(hidden), db_str(reason),
	                           db_i64(db_now()), db_i64(id));
	return db_update(db, st, "experts_set_hidden");
}

int experts_ids_after(struct db *db, int64_t after, int64_t *ids, int max)
{
	return db_ids_by(db, SQL_IDS_AFTER, after, ids, max);
}
