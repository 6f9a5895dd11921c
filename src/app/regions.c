/* regions.c — the regional dashboard's logic; see regions.h. */
#include "app/regions.h"
#include "domain/date.h"
#include "http/input.h"
#include "store/db.h"

#include <pthread.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#define DAY_2000 10957 /* the day number of 2000-01-01 */

static int day_of(const char *date)
{
	return DAY_2000 + date_diff_days("2000-01-01", date);
}

void regions_date(int day, char out[11])
{
	date_add_days("2000-01-01", day - DAY_2000, out);
}

static bool digits(const char *s, size_t n)
{
	for (size_t i = 0; i < n; i++)
		if (s[i] < '0' || s[i] > '9')
			return false;
	return strlen(s) == n;
}

int regions_period(struct req *r, struct region_period *p, struct field_error *why)
{
	const char *code = req_query(r, "period"), *from = req_query(r, "from"),
	           *to = req_query(r, "to");
	int today = regions_day(db_now());
	memset(p, 0, sizeof *p);
	if (from && *from) {
		if (!date_valid(from) || !to || !date_valid(to) || day_of(to) < day_of(from) ||
		    day_of(to) - day_of(from) > 3660) {
			*why = (struct field_error){date_valid(from) ? "to" : "from", "format", 0};
			return KK_INVALID;
		}
		p->from = day_of(from);
		p->to = day_of(to);
		return KK_OK;
	}
	if (!code || !*code)
		code = "365";
	if (strcmp(code, "30") == 0 || strcmp(code, "90") == 0 || strcmp(code, "365") == 0) {
		p->from = today - atoi(code) + 1;
		p->to = today;
	} else if (digits(code, 4) && atoi(code) >= 2000 && atoi(code) <= 2100) {
		char first[11], last[11];
		snprintf(first, sizeof first, "%s-01-01", code);
		snprintf(last, sizeof last, "%s-12-31", code);
		p->from = day_of(first);
		p->to = day_of(last);
	} else {
		*why = (struct field_error){"period", "choice", 0};
		return KK_INVALID;
	}
	snprintf(p->code, sizeof p->code, "%s", code);
	return KK_OK;
}

/* ---- the map, cached per period and generation ---- */

struct cached_map {
	int from, to;
	int64_t generation;
	unsigned used; /* when it was last read, for replacing the oldest */
	struct region_figures f[PREF_COUNT];
	char type[PREF_COUNT][REGION_TYPE_TEXT];
};
#define MAP_CACHE 8
static struct cached_map map_cache[MAP_CACHE];
static unsigned map_clock;
static pthread_mutex_t map_lock = PTHREAD_MUTEX_INITIALIZER;

/* The raw figures of from..to (nothing held back) into out, from the cache or the store. */
static int raw_figures(struct db *db, int from, int to, struct cached_map *out)
{
	int64_t gen = regions_generation(db);
	if (gen < 0)
		return KK_ERR;
	pthread_mutex_lock(&map_lock);
	struct cached_map *oldest = &map_cache[0];
	for (int i = 0; i < MAP_CACHE; i++) {
		struct cached_map *c = &map_cache[i];
		if (c->used && c->from == from && c->to == to && c->generation == gen) {
			c->used = ++map_clock;
			*out = *c;
			pthread_mutex_unlock(&map_lock);
			return KK_OK;
		}
		if (c->used < oldest->used)
			oldest = c;
	}
	pthread_mutex_unlock(&map_lock);
	out->from = from;
	out->to = to;
	out->generation = gen;
	if (regions_figures(db, from, to, out->f) != KK_OK || regions_types(db, out->type) != KK_OK)
		return KK_ERR;
	for (int p = 0; p < PREF_COUNT; p++)
		region_derive(&out->f[p]);
	pthread_mutex_lock(&map_lock);
	out->used = ++map_clock;
	*oldest = *out;
	pthread_mutex_unlock(&map_lock);
	return KK_OK;
}

static bool is_admin(const struct req *r)
{
	return r->user && (r->user->role & ROLE_ADMIN);
}

int regions_map(struct req *r, const struct region_period *p, struct region_map *out)
{
	struct cached_map *raw = arena_alloc(r->a, sizeof *raw);
	if (raw_figures(r->db, p->from, p->to, raw) != KK_OK)
		return KK_ERR;
	out->period = *p;
	out->unsuppressed = is_admin(r);
	memcpy(out->type, raw->type, sizeof out->type);
	memset(&out->median, 0, sizeof out->median);
	for (int m = 0; m < RM__N; m++) {
		double v[PREF_COUNT];
		int n = 0;
		for (int i = 0; i < PREF_COUNT; i++)
			if (raw->f[i].present[m])
				v[n++] = raw->f[i].value[m];
		out->median.present[m] = n > 0;
		out->median.value[m] = region_median(v, n);
	}
	for (int i = 0; i < PREF_COUNT; i++) {
		out->f[i] = raw->f[i];
		region_suppress(&out->f[i]);
		if (out->unsuppressed)
			memset(out->f[i].suppressed, 0, sizeof out->f[i].suppressed);
	}
	return KK_OK;
}

/* ---- the monthly open data ---- */

struct month_build {
	struct arena *a;
	struct region_month_row *rows;
	int n, cap;
	char first[8];
};

static void first_month(void *ctx, const char *month, int pref, int metric, double value)
{
	struct month_build *b = ctx;
	(void)pref, (void)metric, (void)value;
	if (!b->first[0] || strcmp(month, b->first) < 0)
		snprintf(b->first, sizeof b->first, "%s", month);
}

/* The row of month and pref (rows run month by month, prefectures in order). */
static struct region_figures *cell(struct month_build *b, const char *month, int pref)
{
	int y0 = atoi(b->first), m0 = atoi(b->first + 5), y = atoi(month), m = atoi(month + 5);
	int k = ((y - y0) * 12 + (m - m0)) * PREF_COUNT + pref;
	return k >= 0 && k < b->n ? &b->rows[k].f : NULL;
}

static void put_month(void *ctx, const char *month, int pref, int metric, double value)
{
	struct region_figures *f = cell(ctx, month, pref);
	if (f) {
		f->value[metric] = value;
		f->present[metric] = true;
	}
}

int regions_open_data(struct req *r, struct region_month_row **rows)
{
	struct month_build b = {r->a, NULL, 0, 0, ""};
	if (regions_monthly(r->db, first_month, &b) != KK_OK)
		return KK_ERR;
	char now[11];
	date_jst(db_now(), now);
	if (!b.first[0])
		snprintf(b.first, sizeof b.first, "%.7s", now);
	int months = (atoi(now) - atoi(b.first)) * 12 + (atoi(now + 5) - atoi(b.first + 5)) + 1;
	b.n = months * PREF_COUNT;
	b.rows = arena_alloc(r->a, sizeof *b.rows * (size_t)b.n);
	for (int k = 0; k < b.n; k++) {
		int y = atoi(b.first), m = atoi(b.first + 5) - 1 + k / PREF_COUNT;
		snprintf(b.rows[k].month, sizeof b.rows[k].month, "%04d-%02d", y + m / 12,
		         m % 12 + 1);
		b.rows[k].pref = k % PREF_COUNT;
	}
	if (regions_monthly(r->db, put_month, &b) != KK_OK)
		return KK_ERR;
	bool admin = is_admin(r);
	for (int k = 0; k < b.n; k++) {
		struct region_figures *f = &b.rows[k].f;
		for (int m = 0; m < RM__N; m++)
			if (region_metrics[m].monthly && region_metrics[m].kind == RK_COUNT &&
			    !f->present[m]) {
				f->present[m] = true; /* a month without any is 0 */
				f->value[m] = 0;
			}
		region_suppress(f);
		if (admin)
			memset(f->suppressed, 0, sizeof f->suppressed);
	}
	*rows = b.rows;
	return b.n;
}
