/* regions.c — the regional dashboard's logic; see regions.h. */
#include "app/regions.h"
#include "app/csv.h"
#include "store/audit.h"
#include "view/i18n.h"
#include "domain/date.h"
#include "http/input.h"
#include "store/db.h"

#include <ctype.h>
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

/* The registry's figures and the regional types, kept until the registry changes: a new
 * request must not recount 100,000 experts. */
static struct {
	int64_t registry;
	struct region_figures f[PREF_COUNT];
	char type[PREF_COUNT][REGION_TYPE_TEXT];
} stock_cache = {.registry = -1};

/* The self-assessments' figures, kept until the counted assessments change. */
static struct {
	int64_t assessed;
	struct region_figures f[PREF_COUNT];
} assessed_cache = {.assessed = -1};

struct cached_map {
	int from, to;
	int64_t activity, registry, assessed;
	unsigned used; /* when it was last read, for replacing the oldest */
	struct region_figures f[PREF_COUNT];
	char type[PREF_COUNT][REGION_TYPE_TEXT];
};
#define MAP_CACHE 8
static struct cached_map map_cache[MAP_CACHE];
static unsigned map_clock;
static pthread_mutex_t map_lock = PTHREAD_MUTEX_INITIALIZER;

/* The registry's figures and types into out, from the cache or the store. */
static int stock_figures(struct db *db, int64_t registry, struct cached_map *out)
{
	pthread_mutex_lock(&map_lock);
	bool hit = stock_cache.registry == registry;
	if (hit) {
		memcpy(out->f, stock_cache.f, sizeof out->f);
		memcpy(out->type, stock_cache.type, sizeof out->type);
	}
	pthread_mutex_unlock(&map_lock);
	if (hit)
		return KK_OK;
	memset(out->f, 0, sizeof out->f);
	if (regions_stock(db, out->f) != KK_OK || regions_types(db, out->type) != KK_OK)
		return KK_ERR;
	pthread_mutex_lock(&map_lock);
	stock_cache.registry = registry;
	memcpy(stock_cache.f, out->f, sizeof out->f);
	memcpy(stock_cache.type, out->type, sizeof out->type);
	pthread_mutex_unlock(&map_lock);
	return KK_OK;
}

/* The self-assessments' figures merged into out->f, from the cache or the store. */
static int assessed_figures(struct db *db, int64_t assessed, struct cached_map *out)
{
	struct region_figures *a = malloc(sizeof *a * PREF_COUNT);
	if (!a)
		return KK_ERR;
	pthread_mutex_lock(&map_lock);
	bool hit = assessed_cache.assessed == assessed;
	if (hit)
		memcpy(a, assessed_cache.f, sizeof assessed_cache.f);
	pthread_mutex_unlock(&map_lock);
	if (!hit) {
		memset(a, 0, sizeof *a * PREF_COUNT);
		if (regions_assessed(db, a) != KK_OK) {
			free(a);
			return KK_ERR;
		}
		pthread_mutex_lock(&map_lock);
		assessed_cache.assessed = assessed;
		memcpy(assessed_cache.f, a, sizeof assessed_cache.f);
		pthread_mutex_unlock(&map_lock);
	}
	for (int p = 0; p < PREF_COUNT; p++) {
		out->f[p].value[RM_ASSESSED] = a[p].value[RM_ASSESSED];
		out->f[p].present[RM_ASSESSED] = a[p].present[RM_ASSESSED];
		memcpy(out->f[p].weak, a[p].weak, sizeof a[p].weak);
		memcpy(out->f[p].applicable, a[p].applicable, sizeof a[p].applicable);
	}
	free(a);
	return KK_OK;
}

/* The raw figures of from..to (nothing held back) into out, from the cache or the store. */
static int raw_figures(struct db *db, int from, int to, struct cached_map *out)
{
	int64_t activity, registry, assessed;
	if (regions_generations(db, &activity, &registry, &assessed) != KK_OK)
		return KK_ERR;
	pthread_mutex_lock(&map_lock);
	struct cached_map *oldest = &map_cache[0];
	for (int i = 0; i < MAP_CACHE; i++) {
		struct cached_map *c = &map_cache[i];
		if (c->used && c->from == from && c->to == to && c->activity == activity &&
		    c->registry == registry && c->assessed == assessed) {
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
	out->activity = activity;
	out->registry = registry;
	out->assessed = assessed;
	if (stock_figures(db, registry, out) != KK_OK ||
	    assessed_figures(db, assessed, out) != KK_OK ||
	    regions_flows(db, from, to, out->f) != KK_OK)
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

static void median_of(struct region_map *map, int m);

void regions_hold_back(const struct req *r, struct region_figures *f)
{
	region_suppress(f);
	if (is_admin(r))
		memset(f->suppressed, 0, sizeof f->suppressed);
}

int regions_map(struct req *r, const struct region_period *p, struct region_map *out)
{
	struct cached_map *raw = arena_alloc(r->a, sizeof *raw);
	if (raw_figures(r->db, p->from, p->to, raw) != KK_OK)
		return KK_ERR;
	out->period = *p;
	out->unsuppressed = is_admin(r);
	out->reference = NULL;
	memcpy(out->type, raw->type, sizeof out->type);
	memset(&out->median, 0, sizeof out->median);
	for (int i = 0; i < PREF_COUNT; i++)
		out->f[i] = raw->f[i];
	for (int m = 0; m < RM__N; m++)
		median_of(out, m);
	for (int i = 0; i < PREF_COUNT; i++)
		regions_hold_back(r, &out->f[i]);
	return KK_OK;
}

/* The national median of figure m over the prefectures that have it. */
static void median_of(struct region_map *map, int m)
{
	double v[PREF_COUNT];
	int n = 0;
	for (int i = 0; i < PREF_COUNT; i++)
		if (map->f[i].present[m])
			v[n++] = map->f[i].value[m];
	map->median.present[m] = n > 0;
	map->median.value[m] = region_median(v, n);
}

int regions_rates(struct req *r, struct region_map *map)
{
	double ref[PREF_COUNT];
	int n = regions_reference(r->db, r->a, ref, &map->reference);
	if (n < 0)
		return KK_ERR;
	if (n < PREF_COUNT)
		return KK_NOTFOUND;
	for (int m = 0; m < RM__N; m++) {
		if (region_metrics[m].kind != RK_COUNT)
			continue;
		for (int i = 0; i < PREF_COUNT; i++)
			map->f[i].value[m] = map->f[i].value[m] * 10000 / ref[i];
		median_of(map, m);
	}
	for (int i = 0; i < PREF_COUNT; i++)
		map->f[i].rates = true;
	map->median.rates = true;
	return KK_OK;
}

/* ---- the reference an admin uploads ---- */

/* The prefecture a cell names: its code (1 or 01 .. 47), or its name in Japanese or
 * English (any case); -1 when none. */
static int named_prefecture(const char *cell)
{
	const struct prefecture *all = prefectures_all();
	int code = atoi(cell);
	if (cell[0] && strspn(cell, "0123456789") == strlen(cell) && code >= 1 &&
	    code <= PREF_COUNT)
		return code - 1;
	for (int p = 0; all && p < PREF_COUNT; p++)
		if (strcmp(cell, all[p].name_ja) == 0 || strcasecmp(cell, all[p].name_en) == 0)
			return p;
	return -1;
}

/* A whole number above 0, thousands separators allowed ("1,234"); -1 when not. */
static int64_t count_of(const char *cell)
{
	int64_t v = 0;
	int digits = 0;
	for (const char *c = cell; *c; c++) {
		if (*c == ',' && digits)
			continue;
		if (!isdigit((unsigned char)*c) || v > INT64_MAX / 10 - 10)
			return -1;
		v = v * 10 + (*c - '0');
		digits++;
	}
	return digits && v > 0 ? v : -1;
}

static void problem(struct buf *report, struct req *r, int line, const char *key,
                    const char *const *args, int n)
{
	const char *l = arena_printf(r->a, "%d", line);
	i18n_format(report, i18n_get(r->lang, "region.ref.at"), &l, 1, NULL);
	buf_puts(report, ": ");
	i18n_format(report, i18n_get(r->lang, key), args, n, NULL);
	buf_putc(report, '\n');
}

int regions_reference_import(struct req *r, const char *data, size_t len, const char *label,
                             struct buf *report, struct field_error *why)
{
	static const struct field_spec spec = {"label", FT_TEXT, true, 1, 100, NULL};
	struct raw_value raw = {label ? RAW_STRING : RAW_ABSENT, label, label ? strlen(label) : 0,
	                        0};
	struct field_val lv;
	if (validate_field(&spec, &raw, r->a, &lv, why) < 0)
		return KK_INVALID;
	struct csv_row *first;
	if (csv_read(r->a, data, len, 4, &first, report) < 0)
		return KK_INVALID;
	const struct prefecture *all = prefectures_all();
	int64_t ref[PREF_COUNT] = {0};
	int seen[PREF_COUNT] = {0}, bad = 0;
	for (struct csv_row *row = first; row; row = row->next) {
		if (row == first && (row->nfields < 2 || count_of(row->fields[1]) < 0) &&
		    named_prefecture(row->fields[0]) < 0)
			continue; /* a header */
		const char *cell = row->fields[0];
		int p = row->nfields >= 2 ? named_prefecture(cell) : -2;
		int64_t v = row->nfields >= 2 ? count_of(row->fields[1]) : -1;
		if (p == -2) {
			problem(report, r, row->line, "region.ref.columns", NULL, 0);
		} else if (p < 0) {
			problem(report, r, row->line, "region.ref.unknown", &cell, 1);
		} else if (v < 0) {
			problem(report, r, row->line, "region.ref.value",
			        (const char *[]){all[p].name_ja}, 1);
		} else if (seen[p]) {
			const char *args[] = {all[p].name_ja, arena_printf(r->a, "%d", seen[p])};
			problem(report, r, row->line, "region.ref.again", args, 2);
		} else {
			ref[p] = v;
			seen[p] = row->line;
			continue;
		}
		bad++;
	}
	struct buf missing;
	buf_init(&missing, r->a);
	for (int p = 0; p < PREF_COUNT; p++)
		if (!seen[p])
			buf_printf(&missing, "%s%s", missing.len ? ", " : "", all[p].name_ja);
	if (missing.len) {
		const char *args[] = {missing.p};
		i18n_format(report, i18n_get(r->lang, "region.ref.missing"), args, 1, NULL);
		buf_putc(report, '\n');
		bad++;
	}
	if (bad)
		return KK_INVALID;
	if (db_begin(r->db) < 0)
		return KK_ERR;
	if (regions_set_reference(r->db, ref, lv.s) != KK_OK ||
	    audit_add(r->db, "region_reference_imported", 0, r->user->id, r->ip, lv.s) != KK_OK ||
	    db_commit(r->db) != KK_OK) {
		db_rollback(r->db);
		return KK_ERR;
	}
	return KK_OK;
}

/* ---- the monthly open data ---- */

/* y * 12 + (month - 1) of a day number. */
static int month_of(int day)
{
	char d[11];
	regions_date(day, d);
	return atoi(d) * 12 + atoi(d + 5) - 1;
}

/* The rows being built: months first..first+months-1, 47 prefectures each; the response
 * times of each row until their medians are taken. */
struct month_build {
	int first, months, last_day, last_month;
	struct region_month_row *rows;
	double **secs;
	int *nsecs, *cap;
	bool failed;
};

static int row_of(struct month_build *b, int day, int pref)
{
	if (day != b->last_day) {
		b->last_day = day;
		b->last_month = month_of(day);
	}
	int k = (b->last_month - b->first) * PREF_COUNT + pref;
	return k >= 0 && k < b->months * PREF_COUNT ? k : -1;
}

static void add_day(void *ctx, int day, int pref, int metric, double n)
{
	struct month_build *b = ctx;
	int k = row_of(b, day, pref);
	if (k >= 0 && region_metrics[metric].monthly)
		b->rows[k].f.value[metric] += n;
}

static void add_response(void *ctx, int day, int pref, double seconds)
{
	struct month_build *b = ctx;
	int k = row_of(b, day, pref);
	if (k < 0)
		return;
	if (b->nsecs[k] == b->cap[k]) {
		int cap = b->cap[k] ? 2 * b->cap[k] : 8;
		double *more = realloc(b->secs[k], sizeof *more * (size_t)cap);
		if (!more) {
			b->failed = true;
			return;
		}
		b->secs[k] = more;
		b->cap[k] = cap;
	}
	b->secs[k][b->nsecs[k]++] = seconds;
}

/* Everything the open data holds, built from the day counts (nothing held back). */
static int build_months(struct db *db, int first_day, struct month_build *b)
{
	b->first = month_of(first_day);
	b->months = month_of(regions_day(db_now())) - b->first + 1;
	if (b->months < 1)
		b->months = 1;
	size_t n = (size_t)b->months * PREF_COUNT;
	b->rows = calloc(n, sizeof *b->rows);
	b->secs = calloc(n, sizeof *b->secs);
	b->nsecs = calloc(n, sizeof *b->nsecs);
	b->cap = calloc(n, sizeof *b->cap);
	b->last_day = -1;
	if (!b->rows || !b->secs || !b->nsecs || !b->cap)
		return KK_ERR;
	for (size_t k = 0; k < n; k++) {
		int m = b->first + (int)(k / PREF_COUNT);
		snprintf(b->rows[k].month, sizeof b->rows[k].month, "%04d-%02d", m / 12 % 10000,
		         m % 12 + 1);
		b->rows[k].pref = (int)(k % PREF_COUNT);
		for (int mt = 0; mt < RM__N; mt++)
			b->rows[k].f.present[mt] =
			    region_metrics[mt].monthly && region_metrics[mt].kind == RK_COUNT;
	}
	if (regions_each_day(db, add_day, add_response, b) != KK_OK || b->failed)
		return KK_ERR;
	for (size_t k = 0; k < n; k++) {
		struct region_figures *f = &b->rows[k].f;
		f->value[RM_RESPONSES] = b->nsecs[k];
		f->present[RM_MEDIAN_FIRST_RESPONSE_S] = b->nsecs[k] > 0;
		if (b->nsecs[k])
			f->value[RM_MEDIAN_FIRST_RESPONSE_S] =
			    region_median(b->secs[k], b->nsecs[k]);
	}
	return KK_OK;
}

static void free_build(struct month_build *b)
{
	for (int k = 0; b->secs && k < b->months * PREF_COUNT; k++)
		free(b->secs[k]);
	free(b->secs);
	free(b->nsecs);
	free(b->cap);
}

/* The last build, kept until the generation changes. */
static struct {
	int64_t generation;
	int n;
	struct region_month_row *rows;
} open_cache = {-1, 0, NULL};
static pthread_mutex_t open_lock = PTHREAD_MUTEX_INITIALIZER;

int regions_open_data(struct req *r, struct region_month_row **rows)
{
	int64_t gen = regions_generation(r->db);
	if (gen < 0)
		return KK_ERR;
	pthread_mutex_lock(&open_lock);
	if (open_cache.generation != gen) {
		struct month_build b = {0};
		int first = regions_first_day(r->db, regions_day(db_now()));
		int rc = build_months(r->db, first, &b);
		free_build(&b);
		if (rc != KK_OK) {
			free(b.rows);
			pthread_mutex_unlock(&open_lock);
			return KK_ERR;
		}
		free(open_cache.rows);
		open_cache.rows = b.rows;
		open_cache.n = b.months * PREF_COUNT;
		open_cache.generation = gen;
	}
	int n = open_cache.n;
	*rows = arena_alloc(r->a, sizeof **rows * (size_t)n);
	memcpy(*rows, open_cache.rows, sizeof **rows * (size_t)n);
	pthread_mutex_unlock(&open_lock);
	for (int k = 0; k < n; k++)
		regions_hold_back(r, &(*rows)[k].f);
	return n;
}
