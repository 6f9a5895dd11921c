/* match_pool.c — the bulk load of experts for matching (domain/match.c ranks them). */
#include "store/requests.h"
#include "domain/expert.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include "sql/match_pool.h"

/* ---- bulk load for matching ---- */

static const char *json_codes(struct arena *a, const char *const *codes, int n)
{
	struct buf b;
	buf_init(&b, a);
	buf_putc(&b, '[');
	for (int i = 0; i < n; i++) /* taxonomy codes: ASCII letters and underscores */
		buf_printf(&b, "%s\"%s\"", i ? "," : "", codes[i]);
	buf_putc(&b, ']');
	return b.p;
}

/* The position in ex of id, by binary search over order (positions sorted by id). */
static int find(const struct match_expert *ex, const int *order, int n, int64_t id)
{
	int lo = 0, hi = n - 1;
	while (lo <= hi) {
		int mid = (lo + hi) / 2;
		int64_t v = ex[order[mid]].id;
		if (v == id)
			return order[mid];
		if (v < id)
			lo = mid + 1;
		else
			hi = mid - 1;
	}
	return -1;
}

static int by_id(const void *a, const void *b, void *ctx)
{
	const struct match_expert *ex = ctx;
	int64_t x = ex[*(const int *)a].id, y = ex[*(const int *)b].id;
	return x < y ? -1 : x > y;
}

int match_load(struct db *db, struct arena *a, const char *pref, const char *const *skills,
               int nskills, const char *const *roles, int nroles, bool on_call_only,
               struct match_expert *ex, const char *(*prefs)[MATCH_MAX_PREFS], int *nprefs, int max)
{
	sqlite3_stmt *st = db_stmt(db, SQL_MATCH_EXPERTS);
	if (!st)
		return -1;
	sqlite3_bind_text(st, 1, json_codes(a, skills, nskills), -1, SQLITE_TRANSIENT);
	sqlite3_bind_text(st, 2, json_codes(a, roles, nroles), -1, SQLITE_TRANSIENT);
	sqlite3_bind_int(st, 3, on_call_only);
	sqlite3_bind_int(st, 4, max);
	sqlite3_bind_text(st, 5, pref, -1, SQLITE_STATIC);
	int64_t now = db_now();
	int n = 0;
	while (n < max && sqlite3_step(st) == SQLITE_ROW) {
		struct match_expert *e = &ex[n];
		memset(e, 0, sizeof *e);
		e->id = sqlite3_column_int64(st, 0);
		prefs[n][0] = db_text_dup(a, st, 1);
		nprefs[n] = 1;
		int modes = sqlite3_column_int(st, 3);
		e->remote = sqlite3_column_int(st, 2) || (modes & 1);
		e->onsite = (modes & 2) != 0;
		e->on_call = sqlite3_column_int(st, 4);
		e->hours_per_week = sqlite3_column_int(st, 5);
		const char *cert = db_text(st, 6);
		e->cert = !*cert                           ? CERT_NONE
		          : strcmp(cert, "valid") == 0     ? CERT_VALID
		          : strcmp(cert, "expired") == 0   ? CERT_EXPIRED
		          : strcmp(cert, "suspended") == 0 ? CERT_SUSPENDED
		                                           : CERT_REVOKED;
		e->ethics = true;
		e->open_cases = sqlite3_column_int(st, 7);
		e->ratings = sqlite3_column_int(st, 8);
		e->stars_total = sqlite3_column_int(st, 9);
		/* what a desk may read of the expert: reasons say nothing of a private field */
		e->on_call_shown = sqlite3_column_int(st, 11) <= VIS_DESKS;
		e->hours_shown = sqlite3_column_int(st, 12) <= VIS_DESKS;
		e->days_since_assigned = sqlite3_column_type(st, 10) == SQLITE_NULL
		                             ? -1
		                             : (int)((now - sqlite3_column_int64(st, 10)) / 86400);
		n++;
	}
	db_done(st);
	/* Positions sorted by id, to find each row of the lists below. */
	int *order = arena_alloc(a, sizeof *order * (size_t)(n ? n : 1));
	for (int i = 0; i < n; i++)
		order[i] = i;
	qsort_r(order, (size_t)n, sizeof *order, by_id, ex);
	struct buf ids;
	buf_init(&ids, a);
	buf_putc(&ids, '[');
	for (int i = 0; i < n; i++)
		buf_printf(&ids, "%s%lld", i ? "," : "", (long long)ex[i].id);
	buf_putc(&ids, ']');
	static const char *const lists[] = {SQL_MATCH_SKILLS, SQL_MATCH_ROLES, SQL_MATCH_CONFLICTS,
	                                    SQL_MATCH_SERVES};
	for (int l = 0; l < 4; l++) {
		if (!(st = db_stmt(db, lists[l])))
			return -1;
		sqlite3_bind_text(st, 1, ids.p, (int)ids.len, SQLITE_STATIC);
		while (sqlite3_step(st) == SQLITE_ROW) {
			int i = find(ex, order, n, sqlite3_column_int64(st, 0));
			if (i < 0)
				continue;
			struct match_expert *e = &ex[i];
			const char *v = db_text_dup(a, st, 1);
			if (l == 0 && e->nskills < MATCH_MAX_SKILLS) {
				e->skill_codes[e->nskills] = v;
				e->skill_levels[e->nskills++] = sqlite3_column_int(st, 2);
			} else if (l == 1 && e->nroles < MATCH_MAX_LIST) {
				e->roles[e->nroles++] = v;
			} else if (l == 2 && e->nconflicts < MATCH_MAX_LIST) {
				e->conflicts[e->nconflicts++] = v;
			} else if (l == 3 && nprefs[i] < MATCH_MAX_PREFS) {
				prefs[i][nprefs[i]++] = v;
			}
		}
		db_done(st);
	}
	return n;
}
