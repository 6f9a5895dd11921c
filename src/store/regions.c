/* regions.c — the regional dashboard's reads; see regions.h. */
#include "store/regions.h"
#include "sql/regions.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

int64_t regions_generation(struct db *db)
{
	return db_scalar(db_stmt(db, SQL_GENERATION), -1);
}

int regions_day(int64_t t)
{
	return (int)((t + 9 * 3600) / 86400);
}

/* The index of a prefecture code "01".."47", or -1. */
static int pref_index(const unsigned char *code)
{
	int i =
	    code && code[0] >= '0' && code[0] <= '9' && code[1] >= '0' && code[1] <= '9' && !code[2]
	        ? (code[0] - '0') * 10 + (code[1] - '0') - 1
	        : -1;
	return i >= 0 && i < PREF_COUNT ? i : -1;
}

static void put(struct region_figures *f, int metric, double v)
{
	f->value[metric] = v;
	f->present[metric] = true;
}

/* Step st (columns: prefecture, then one value per metric of metrics[]) into f[]. */
static int read_into(struct db *db, sqlite3_stmt *st, const int *metrics, int n,
                     struct region_figures f[PREF_COUNT])
{
	if (!st)
		return KK_ERR;
	int rc;
	while ((rc = sqlite3_step(st)) == SQLITE_ROW) {
		int p = pref_index(sqlite3_column_text(st, 0));
		for (int k = 0; p >= 0 && k < n; k++)
			put(&f[p], metrics[k], sqlite3_column_double(st, k + 1));
	}
	db_done(st);
	if (rc != SQLITE_DONE) {
		db_log_error(db, "regions");
		return KK_ERR;
	}
	return KK_OK;
}

int regions_generations(struct db *db, int64_t *activity, int64_t *registry, int64_t *assessed)
{
	sqlite3_stmt *st = db_stmt(db, SQL_GENERATIONS);
	bool ok = st && sqlite3_step(st) == SQLITE_ROW;
	*activity = ok ? sqlite3_column_int64(st, 0) : -1;
	*registry = ok ? sqlite3_column_int64(st, 1) : -1;
	*assessed = ok ? sqlite3_column_int64(st, 2) : -1;
	db_done(st);
	return ok ? KK_OK : KK_ERR;
}

int regions_flows(struct db *db, int from, int to, struct region_figures f[PREF_COUNT])
{
	sqlite3_stmt *st = db_bind(db, SQL_FLOWS, db_i64(from), db_i64(to));
	int rc = SQLITE_DONE;
	while (st && (rc = sqlite3_step(st)) == SQLITE_ROW) {
		int p = pref_index(sqlite3_column_text(st, 0));
		int m = region_metric_by_name((const char *)sqlite3_column_text(st, 1));
		if (p >= 0 && m >= 0)
			put(&f[p], m, sqlite3_column_double(st, 2));
	}
	db_done(st);
	if (!st || rc != SQLITE_DONE)
		return KK_ERR;
	static const int medians[] = {RM_RESPONSES, RM_MEDIAN_FIRST_RESPONSE_S};
	return read_into(db, db_bind(db, SQL_MEDIANS, db_i64(from), db_i64(to)), medians, 2, f);
}

int regions_assessed(struct db *db, struct region_figures f[PREF_COUNT])
{
	sqlite3_stmt *st = db_stmt(db, SQL_ASSESSED);
	int rc = SQLITE_DONE;
	while (st && (rc = sqlite3_step(st)) == SQLITE_ROW) {
		int p = pref_index(sqlite3_column_text(st, 0));
		if (p < 0)
			continue;
		put(&f[p], RM_ASSESSED, sqlite3_column_double(st, 1));
		for (int k = 0; k < 6; k++) {
			f[p].applicable[k] = sqlite3_column_double(st, 2 + 2 * k);
			f[p].weak[k] = sqlite3_column_double(st, 3 + 2 * k);
		}
	}
	db_done(st);
	return st && rc == SQLITE_DONE ? KK_OK : KK_ERR;
}

int regions_stock(struct db *db, struct region_figures f[PREF_COUNT])
{
	static const int experts[] = {RM_EXPERTS_ACTIVE, RM_EXPERTS_CERTIFIED,
	                              RM_RESPONDERS_ON_CALL};
	static const int communities[] = {RM_COMMUNITIES};
	static const int roles[] = {RM_ROLE_EVANGELIST, RM_ROLE_ADVISER, RM_ROLE_TECHNICAL,
	                            RM_ROLE_RESPONDER, RM_ROLE_TRAINER};
	if (read_into(db, db_stmt(db, SQL_EXPERTS), experts, 3, f) != KK_OK ||
	    read_into(db, db_stmt(db, SQL_ROLES), roles, 5, f) != KK_OK ||
	    read_into(db, db_stmt(db, SQL_COMMUNITIES), communities, 1, f) != KK_OK)
		return KK_ERR;
	return KK_OK;
}

int regions_pref_monthly(struct db *db, const char *pref, int since,
                         void (*row)(void *ctx, const char *month, int pref, int metric,
                                     double value),
                         void *ctx)
{
	sqlite3_stmt *st = db_bind(db, SQL_PREF_MONTHLY, db_str(pref), db_i64(since));
	int rc = SQLITE_DONE;
	while (st && (rc = sqlite3_step(st)) == SQLITE_ROW) {
		int m = region_metric_by_name((const char *)sqlite3_column_text(st, 1));
		if (m >= 0)
			row(ctx, (const char *)sqlite3_column_text(st, 0), -1, m,
			    sqlite3_column_double(st, 2));
	}
	db_done(st);
	return st && rc == SQLITE_DONE ? KK_OK : KK_ERR;
}

int regions_first_day(struct db *db, int otherwise)
{
	sqlite3_stmt *st = db_stmt(db, SQL_FIRST_DAY);
	int day = st && sqlite3_step(st) == SQLITE_ROW && sqlite3_column_type(st, 0) != SQLITE_NULL
	              ? sqlite3_column_int(st, 0)
	              : otherwise;
	db_done(st);
	return day;
}

int regions_each_day(struct db *db, void (*row)(void *ctx, int day, int pref, int metric, double n),
                     void (*response)(void *ctx, int day, int pref, double seconds), void *ctx)
{
	sqlite3_stmt *st = db_stmt(db, SQL_DAYS);
	int rc = SQLITE_DONE;
	while (st && (rc = sqlite3_step(st)) == SQLITE_ROW) {
		int p = pref_index(sqlite3_column_text(st, 0));
		int m = region_metric_by_name((const char *)sqlite3_column_text(st, 2));
		if (p >= 0 && m >= 0)
			row(ctx, sqlite3_column_int(st, 1), p, m, sqlite3_column_double(st, 3));
	}
	db_done(st);
	if (!st || rc != SQLITE_DONE)
		return KK_ERR;
	st = db_stmt(db, SQL_RESPONSES);
	while (st && (rc = sqlite3_step(st)) == SQLITE_ROW) {
		int p = pref_index(sqlite3_column_text(st, 0));
		if (p >= 0)
			response(ctx, sqlite3_column_int(st, 1), p, sqlite3_column_double(st, 2));
	}
	db_done(st);
	return st && rc == SQLITE_DONE ? KK_OK : KK_ERR;
}

static int skills(struct arena *a, sqlite3_stmt *st, struct region_skill *out, int max)
{
	if (!st)
		return KK_ERR;
	int n = 0;
	while (n < max && sqlite3_step(st) == SQLITE_ROW)
		out[n++] = (struct region_skill){db_text_dup(a, st, 0), sqlite3_column_int(st, 1)};
	db_done(st);
	return n;
}

int regions_skills_asked(struct db *db, struct arena *a, const char *pref, int since,
                         struct region_skill *out, int max)
{
	return skills(a, db_bind(db, SQL_SKILLS_ASKED, db_str(pref), db_i64(since), db_i64(max)),
	              out, max);
}

int regions_skills_offered(struct db *db, struct arena *a, const char *pref,
                           struct region_skill *out, int max)
{
	return skills(a, db_bind(db, SQL_SKILLS_OFFERED, db_str(pref)), out, max);
}

static int type_index(const unsigned char *t)
{
	for (int k = 0; t && community_types[k]; k++)
		if (strcmp((const char *)t, community_types[k]) == 0)
			return k;
	return -1;
}

int regions_types(struct db *db, char types[PREF_COUNT][REGION_TYPE_TEXT])
{
	const char *host[PREF_COUNT] = {0};
	int kinds[PREF_COUNT][COMMUNITY_TYPES] = {{0}}, companies[PREF_COUNT] = {0},
	    made[PREF_COUNT] = {0};
	sqlite3_stmt *st = db_stmt(db, SQL_DESK_HOSTS);
	while (st && sqlite3_step(st) == SQLITE_ROW) { /* the first desk of a prefecture */
		int p = pref_index(sqlite3_column_text(st, 0)),
		    t = type_index(sqlite3_column_text(st, 1));
		if (p >= 0 && t >= 0 && !host[p])
			host[p] = community_types[t];
	}
	db_done(st);
	st = db_stmt(db, SQL_COMMUNITY_TYPES);
	while (st && sqlite3_step(st) == SQLITE_ROW) {
		int p = pref_index(sqlite3_column_text(st, 0)),
		    t = type_index(sqlite3_column_text(st, 1));
		if (p >= 0 && t >= 0)
			kinds[p][t] = sqlite3_column_int(st, 2);
	}
	db_done(st);
	st = db_stmt(db, SQL_INDUSTRY_MIX);
	while (st && sqlite3_step(st) == SQLITE_ROW) {
		int p = pref_index(sqlite3_column_text(st, 0));
		if (p >= 0) {
			companies[p] = sqlite3_column_int(st, 1);
			made[p] = sqlite3_column_int(st, 2);
		}
	}
	db_done(st);
	for (int p = 0; p < PREF_COUNT; p++)
		region_type(host[p], kinds[p], companies[p], made[p], types[p]);
	return st ? KK_OK : KK_ERR;
}

int regions_reference(struct db *db, struct arena *a, double ref[PREF_COUNT], const char **label)
{
	memset(ref, 0, sizeof *ref * PREF_COUNT);
	sqlite3_stmt *st = db_stmt(db, SQL_REF_GET);
	int n = 0;
	while (st && sqlite3_step(st) == SQLITE_ROW) {
		int p = pref_index(sqlite3_column_text(st, 0));
		if (p >= 0) {
			ref[p] = sqlite3_column_double(st, 1);
			n++;
		}
	}
	db_done(st);
	if (!st)
		return KK_ERR;
	st = db_stmt(db, SQL_REF_LABEL);
	*label = st && sqlite3_step(st) == SQLITE_ROW ? db_text_dup(a, st, 0) : NULL;
	db_done(st);
	if (!*label)
		*label = "";
	return n;
}

int regions_set_reference(struct db *db, const int64_t ref[PREF_COUNT], const char *label)
{
	if (db_exec(db, db_stmt(db, SQL_REF_CLEAR), "region reference clear") != KK_OK)
		return KK_ERR;
	const struct prefecture *all = prefectures_all();
	for (int p = 0; all && p < PREF_COUNT; p++)
		if (db_exec(db, db_bind(db, SQL_REF_PUT, db_str(all[p].code), db_i64(ref[p])),
		            "region reference") != KK_OK)
			return KK_ERR;
	return db_exec(db, db_bind(db, SQL_REF_SET_LABEL, db_str(label)), "region reference label");
}
