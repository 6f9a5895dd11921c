/* match_pool.c — the bulk load of experts for matching (domain/match.c ranks them). */
#include "store/requests.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

/* ---- bulk load for matching ---- */

/* Candidates: experts with one of the skills (?1, a JSON array) or roles (?2),
 * the nearest to prefecture ?5 first (by home prefecture: 0 the same, 1 a
 * neighbour, 2 the regional block, 3 elsewhere), at most ?4 of them. */
static const char SQL_MATCH_EXPERTS[] =
    "WITH rel(id) AS (SELECT expert_id FROM expert_skills WHERE skill IN (SELECT value FROM "
    "json_each(?1))"
    "   UNION SELECT expert_id FROM expert_roles WHERE role IN (SELECT value FROM json_each(?2))),"
    " tiers(code, tier) AS (SELECT ?5, 0"
    "   UNION ALL SELECT CASE WHEN a = ?5 THEN b ELSE a END, 1 FROM prefecture_links WHERE a = ?5 "
    "OR b = ?5"
    "   UNION ALL SELECT code, 2 FROM prefectures WHERE code <> ?5"
    "     AND block = (SELECT block FROM prefectures WHERE code = ?5)),"
    " best_tier(code, tier) AS (SELECT code, min(tier) FROM tiers GROUP BY code),"
    /* Choose first, then compute the per-expert figures for the chosen only. */
    " chosen(id, tier) AS MATERIALIZED (SELECT e.account_id, coalesce(t.tier, 3)"
    "   FROM rel JOIN experts e ON e.account_id = rel.id LEFT JOIN best_tier t ON t.code = "
    "e.prefecture"
    "   WHERE e.hidden = 0 AND e.ethics_accepted_at IS NOT NULL AND (?3 = 0 OR e.on_call = 1)"
    "   ORDER BY 2, 1 LIMIT ?4)"
    " SELECT e.account_id, e.prefecture, e.remote, e.modes, e.on_call, e.hours_per_week,"
    " (SELECT status FROM certificates c WHERE c.expert_id = e.account_id ORDER BY id DESC LIMIT "
    "1),"
    " (SELECT count(*) FROM request_assignees x JOIN requests q ON q.id = x.request_id"
    "   WHERE x.expert_id = e.account_id AND q.status <> 'closed'),"
    " (SELECT count(*) FROM ratings g JOIN request_assignees x ON x.request_id = g.request_id"
    "   WHERE x.expert_id = e.account_id),"
    " (SELECT coalesce(sum(g.stars), 0) FROM ratings g JOIN request_assignees x"
    "   ON x.request_id = g.request_id WHERE x.expert_id = e.account_id),"
    " (SELECT max(assigned_at) FROM request_assignees x WHERE x.expert_id = e.account_id)"
    " FROM chosen JOIN experts e ON e.account_id = chosen.id ORDER BY chosen.tier, chosen.id";
/* The lists of the chosen experts (?1, a JSON array of ids). */
static const char SQL_MATCH_SKILLS[] = "SELECT expert_id, skill, level FROM expert_skills WHERE "
                                       "expert_id IN (SELECT value FROM json_each(?1))";
static const char SQL_MATCH_ROLES[] =
    "SELECT expert_id, role FROM expert_roles WHERE expert_id IN (SELECT value FROM json_each(?1))";
static const char SQL_MATCH_CONFLICTS[] = "SELECT expert_id, name FROM expert_conflicts WHERE "
                                          "expert_id IN (SELECT value FROM json_each(?1))";
static const char SQL_MATCH_SERVES[] = "SELECT expert_id, prefecture FROM expert_serves WHERE "
                                       "expert_id IN (SELECT value FROM json_each(?1))";

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
