/* regions_prefecture.c — what one prefecture's page shows beside the map's figures, each
 * cached per prefecture until the generation (or the day) changes: its months (the
 * monthly charts) and the skills its companies asked for against those its experts offer. */
#include "app/regions.h"

#include <pthread.h>
#include <stdbool.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

/* ---- a prefecture's months, cached (the monthly charts read some 1,700 day rows for
 * Tokyo: 4 ms a page against 1.7 for Tottori before) ---- */

static struct {
	int64_t generation;
	int today;
	struct region_months m;
} months_cache[PREF_COUNT];
static pthread_mutex_t months_lock = PTHREAD_MUTEX_INITIALIZER;

static void month_row(void *ctx, const char *month, int pref, int metric, double value)
{
	struct region_months *t = ctx;
	(void)pref;
	for (int k = 0; k < 12; k++)
		if (strcmp(t->month[k], month) == 0 && region_metrics[metric].flow) {
			t->f[k].value[metric] += value;
			t->f[k].present[metric] = true;
		}
}

int regions_months(struct req *r, int pref, int today, struct region_months *out)
{
	int64_t gen = regions_generation(r->db);
	if (gen < 0 || pref < 0 || pref >= PREF_COUNT)
		return KK_ERR;
	pthread_mutex_lock(&months_lock);
	bool hit = months_cache[pref].generation == gen + 1 && months_cache[pref].today == today;
	if (hit)
		*out = months_cache[pref].m;
	pthread_mutex_unlock(&months_lock);
	if (hit)
		return KK_OK;
	memset(out, 0, sizeof *out);
	char date[11];
	regions_date(today, date);
	int y = atoi(date), m = atoi(date + 5) - 1;
	for (int k = 0; k < 12; k++) {
		int mm = m - 11 + k, yy = y + (mm < 0 ? -1 : 0);
		snprintf(out->month[k], sizeof out->month[k], "%04d-%02d", yy % 10000,
		         (mm + 12) % 12 + 1);
	}
	if (regions_pref_monthly(r->db, prefectures_all()[pref].code, today - 400, month_row,
	                         out) != KK_OK)
		return KK_ERR;
	pthread_mutex_lock(&months_lock);
	months_cache[pref].generation = gen + 1; /* 0: nothing cached */
	months_cache[pref].today = today;
	months_cache[pref].m = *out;
	pthread_mutex_unlock(&months_lock);
	return KK_OK;
}

/* ---- a prefecture's skills, cached ---- */

static struct {
	int64_t generation;
	int since;
	struct region_skills s;
} skills_cache[PREF_COUNT];
static pthread_mutex_t skills_lock = PTHREAD_MUTEX_INITIALIZER;

int regions_skills(struct req *r, int pref, int since, struct region_skills *out)
{
	int64_t gen = regions_generation(r->db);
	if (gen < 0 || pref < 0 || pref >= PREF_COUNT)
		return KK_ERR;
	pthread_mutex_lock(&skills_lock);
	bool hit = skills_cache[pref].generation == gen + 1 && skills_cache[pref].since == since;
	if (hit)
		*out = skills_cache[pref].s;
	pthread_mutex_unlock(&skills_lock);
	if (hit)
		return KK_OK;
	const char *code = prefectures_all()[pref].code;
	struct region_skill asked[10], offered[64];
	int na = regions_skills_asked(r->db, r->a, code, since, asked, 10);
	int no = regions_skills_offered(r->db, r->a, code, offered, 64);
	if (na < 0 || no < 0)
		return KK_ERR;
	memset(out, 0, sizeof *out);
	for (int i = 0; i < na; i++) {
		snprintf(out->skill[i].code, sizeof out->skill[i].code, "%s", asked[i].code);
		out->skill[i].asked = asked[i].n;
		for (int k = 0; k < no; k++)
			if (strcmp(offered[k].code, asked[i].code) == 0)
				out->skill[i].offered = offered[k].n;
	}
	out->n = na;
	pthread_mutex_lock(&skills_lock);
	skills_cache[pref].generation = gen + 1; /* 0: nothing cached */
	skills_cache[pref].since = since;
	skills_cache[pref].s = *out;
	pthread_mutex_unlock(&skills_lock);
	return KK_OK;
}
