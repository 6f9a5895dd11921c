/* registry.c — the reads of the in-memory registry (domain/registry.h): its change log and
 * the experts' rows, in bulk, into a batch. */
#include "store/registry.h"
#include "domain/prefecture.h"
#include "domain/text.h"

#include <stdlib.h>
#include <string.h>
#include "sql/registry.h"

int registry_log_bounds(struct db *db, int64_t *first, int64_t *last)
{
	sqlite3_stmt *st = db_stmt(db, SQL_LOG_BOUNDS);
	bool ok = st && sqlite3_step(st) == SQLITE_ROW;
	*first = ok ? sqlite3_column_int64(st, 0) : 0;
	*last = ok ? sqlite3_column_int64(st, 1) : 0;
	db_done(st);
	return ok ? KK_OK : KK_ERR;
}

int registry_log_changed(struct db *db, int64_t after, int64_t upto, int64_t **ids)
{
	sqlite3_stmt *st = db_bind(db, SQL_LOG_CHANGED, db_i64(after), db_i64(upto));
	size_t n = 0, cap = 0;
	int rc = SQLITE_DONE;
	*ids = NULL;
	while (st && (rc = sqlite3_step(st)) == SQLITE_ROW) {
		if (n == cap) {
			cap = cap ? cap * 2 : 64;
			int64_t *more = realloc(*ids, sizeof **ids * cap);
			if (!more)
				break;
			*ids = more;
		}
		(*ids)[n++] = sqlite3_column_int64(st, 0);
	}
	db_done(st);
	if (!st || rc != SQLITE_DONE) {
		free(*ids);
		*ids = NULL;
		return KK_ERR;
	}
	return (int)n;
}

int registry_log_prune(struct db *db, int64_t keep)
{
	return db_exec(db, db_bind(db, SQL_LOG_PRUNE, db_i64(keep)), "registry_log_prune");
}

static int read_codes(struct db *db, const char *sql, struct reg_codes *t)
{
	sqlite3_stmt *st = db_stmt(db, sql);
	int rc = SQLITE_DONE;
	while (st && (rc = sqlite3_step(st)) == SQLITE_ROW)
		registry_code(t, db_text(st, 0));
	db_done(st);
	return st && rc == SQLITE_DONE ? KK_OK : KK_ERR;
}

int registry_read_codes(struct db *db, struct registry *g)
{
	return read_codes(db, SQL_SKILL_CODES, &g->skills) == KK_OK &&
	               read_codes(db, SQL_ROLE_CODES, &g->roles) == KK_OK
	           ? KK_OK
	           : KK_ERR;
}

static char *text_copy(sqlite3_stmt *st, int col)
{
	return strdup(db_text(st, col));
}

static void expert_row(struct reg_expert *e, sqlite3_stmt *st)
{
	e->name = text_copy(st, 1);
	e->home = (int8_t)prefecture_index(db_text(st, 2));
	if (e->home >= 0)
		e->places |= 1ull << e->home;
	e->remote = sqlite3_column_int(st, 3);
	e->modes = (uint8_t)sqlite3_column_int(st, 4);
	e->hours = sqlite3_column_int(st, 5);
	e->on_call = sqlite3_column_int(st, 6);
	e->languages = text_copy(st, 7);
	e->bio = text_copy(st, 8);
	e->employer = text_copy(st, 9);
	e->employer_supports = sqlite3_column_int(st, 10);
	e->background = sqlite3_column_type(st, 11) == SQLITE_NULL ? NULL : text_copy(st, 11);
	e->ethics_at = sqlite3_column_int64(st, 12);
	e->hidden = sqlite3_column_int(st, 13);
	for (int f = 0; f < VF__MAX; f++)
		e->vis[f] = (uint8_t)sqlite3_column_int(st, 14 + f);
}

/* What a list's row adds to its expert's record. */
enum list { L_SKILLS, L_ROLES, L_SERVES, L_CONFLICTS, L_CERTS, L_CASES, L__MAX };

static void list_row(struct registry *g, struct reg_expert *e, enum list l, sqlite3_stmt *st,
                     struct arena *a)
{
	switch (l) {
	case L_SKILLS: {
		int k = registry_code(&g->skills, db_text(st, 1));
		if (k >= 0 && e->nskills < EXPERT_MAX_SKILLS) {
			e->skill[e->nskills] = (uint8_t)k;
			e->level[e->nskills++] = (uint8_t)sqlite3_column_int(st, 2);
		}
		break;
	}
	case L_ROLES: {
		int k = registry_code(&g->roles, db_text(st, 1));
		if (k >= 0)
			e->roles |= 1ull << k;
		break;
	}
	case L_SERVES: {
		int p = prefecture_index(db_text(st, 1));
		if (p >= 0) {
			e->serves |= 1ull << p;
			e->places |= 1ull << p;
		}
		break;
	}
	case L_CONFLICTS: {
		const char *name = db_text(st, 1);
		registry_add_conflict(e, name, text_fold(a, name));
		break;
	}
	case L_CERTS: {
		for (int i = 0; i < 6; i++) {
			free(e->cert_s[i]);
			e->cert_s[i] = text_copy(st, 1 + i);
		}
		const char *s = e->cert_s[2];
		e->cert = strcmp(s, "valid") == 0       ? CERT_VALID
		          : strcmp(s, "expired") == 0   ? CERT_EXPIRED
		          : strcmp(s, "suspended") == 0 ? CERT_SUSPENDED
		                                        : CERT_REVOKED;
		e->has_valid_cert = sqlite3_column_int(st, 7);
		break;
	}
	case L_CASES:
		e->open_cases = sqlite3_column_int(st, 1);
		e->ratings = sqlite3_column_int(st, 2);
		e->stars_total = sqlite3_column_int(st, 3);
		e->last_assigned = sqlite3_column_int64(st, 4);
		break;
	default:
		break;
	}
}

static sqlite3_stmt *stmt(struct db *db, const char *all, const char *some, const char *ids)
{
	return ids ? db_bind(db, some, db_str(ids)) : db_stmt(db, all);
}

int registry_read(struct db *db, struct registry *g, const int64_t *list, size_t n, struct arena *a,
                  struct reg_batch *b)
{
	const char *ids = NULL; /* the *_SOME statements take the ids as a JSON array */
	if (list) {
		struct buf json;
		buf_init(&json, a);
		buf_putc(&json, '[');
		for (size_t i = 0; i < n; i++)
			buf_printf(&json, "%s%lld", i ? "," : "", (long long)list[i]);
		buf_putc(&json, ']');
		ids = json.p;
	}
	sqlite3_stmt *st = stmt(db, SQL_EXPERTS_ALL, SQL_EXPERTS_SOME, ids);
	int rc = SQLITE_DONE;
	while (st && (rc = sqlite3_step(st)) == SQLITE_ROW) {
		struct reg_expert *e = registry_batch_add(b, sqlite3_column_int64(st, 0));
		if (e)
			expert_row(e, st);
	}
	db_done(st);
	if (!st || rc != SQLITE_DONE)
		return KK_ERR;
	static const char *const sql[L__MAX][2] = {
	    {SQL_SKILLS_ALL, SQL_SKILLS_SOME}, {SQL_ROLES_ALL, SQL_ROLES_SOME},
	    {SQL_SERVES_ALL, SQL_SERVES_SOME}, {SQL_CONFLICTS_ALL, SQL_CONFLICTS_SOME},
	    {SQL_CERTS_ALL, SQL_CERTS_SOME},   {SQL_CASES_ALL, SQL_CASES_SOME}};
	for (int l = 0; l < L__MAX; l++) {
		st = stmt(db, sql[l][0], sql[l][1], ids);
		struct reg_expert *e = NULL;
		while (st && (rc = sqlite3_step(st)) == SQLITE_ROW) {
			int64_t id = sqlite3_column_int64(st, 0);
			if (!e || e->id != id)
				e = registry_batch_find(b, id);
			if (e)
				list_row(g, e, (enum list)l, st, a);
		}
		db_done(st);
		if (!st || rc != SQLITE_DONE)
			return KK_ERR;
	}
	return KK_OK;
}
