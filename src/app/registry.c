/* registry.c — the registry each server process holds in memory (domain/registry.h) and
 * keeps current: before a directory query or a match it reads the bounds of the change log
 * (one indexed read); when experts changed since it last looked, it reloads only those (or
 * everything, when the log was pruned past its place or most experts changed). Several
 * processes on one database each follow the log. Inside a write transaction it answers
 * from what it has: rows read there might yet be rolled back.
 *
 * Readers share a read lock; one thread at a time reads the database for a refresh, then
 * swaps the change in under the write lock. Directory results are cached per query for the
 * log position they were computed at (--search-cache entries). */
#include "app/registry.h"
#include "domain/prefecture.h"
#include "store/registry.h"

#include <pthread.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

static pthread_rwlock_t lock = PTHREAD_RWLOCK_INITIALIZER;
static pthread_mutex_t loader = PTHREAD_MUTEX_INITIALIZER;
static struct registry model;
static bool loaded;
static int64_t seen;   /* the last seq of the log applied */
static int64_t stamps; /* each load's records get the next: a version never reused */

/* Mark a batch's records as coming from a new load (the JSON fragments of their profiles,
 * kept by version, are made again). */
static void stamp(struct reg_batch *b)
{
	int64_t version = ++stamps;
	for (size_t i = 0; i < b->n; i++)
		b->ex[i].version = version;
}

/* A full load into g (its codes, then every expert). */
static int load_all(struct db *db, struct registry *g)
{
	struct arena *a = arena_new();
	struct reg_batch b = {0};
	registry_init(g);
	/* The codes carry over (and only grow): what was made from the old registry points
	 * into them. */
	g->skills = model.skills;
	g->roles = model.roles;
	int rc = registry_read_codes(db, g);
	if (rc == KK_OK)
		rc = registry_read(db, g, NULL, 0, a, &b);
	stamp(&b);
	if (rc == KK_OK)
		registry_replace(g, &b);
	registry_batch_free(&b);
	arena_free(a);
	return rc;
}

static int full_reload(struct db *db, int64_t last)
{
	struct registry fresh;
	if (load_all(db, &fresh) != KK_OK) {
		registry_free(&fresh);
		return KK_ERR;
	}
	pthread_rwlock_wrlock(&lock);
	struct registry old = model;
	model = fresh;
	seen = last;
	loaded = true;
	pthread_rwlock_unlock(&lock);
	registry_free(&old);
	return KK_OK;
}

/* Reload the experts logged in (seen, last]. Called with the loader mutex held. */
static int catch_up(struct db *db, int64_t last)
{
	int64_t *ids;
	int n = registry_log_changed(db, seen, last, &ids);
	if (n < 0)
		return KK_ERR;
	if ((size_t)n > model.n / 4 + 64) { /* most of it: one pass over each table is cheaper */
		free(ids);
		return full_reload(db, last);
	}
	struct arena *a = arena_new();
	struct reg_batch b = {0};
	/* New codes join the tables; the tables only grow, and readers hold indexes into them. */
	pthread_rwlock_rdlock(&lock);
	struct registry codes = model;
	pthread_rwlock_unlock(&lock);
	int rc = registry_read(db, &codes, ids, (size_t)n, a, &b);
	stamp(&b);
	pthread_rwlock_wrlock(&lock);
	model.skills = codes.skills;
	model.roles = codes.roles;
	if (rc == KK_OK) {
		registry_apply(&model, &b, ids, (size_t)n);
		seen = last;
	}
	pthread_rwlock_unlock(&lock);
	registry_batch_free(&b);
	arena_free(a);
	free(ids);
	return rc;
}

int registry_sync(struct db *db)
{
	pthread_rwlock_rdlock(&lock);
	bool have = loaded;
	int64_t at = seen;
	pthread_rwlock_unlock(&lock);
	if (have && db_writing(db))
		return KK_OK;
	int64_t first, last;
	if (registry_log_bounds(db, &first, &last) != KK_OK)
		return have ? KK_OK : KK_ERR;
	if (have && last == at)
		return KK_OK;
	pthread_mutex_lock(&loader);
	int rc = KK_OK;
	if (!loaded || (first > seen + 1 && last > 0) || last < seen)
		rc = full_reload(db, last); /* first load, log pruned past us, or a restored copy */
	else if (last != seen)
		rc = catch_up(db, last);
	pthread_mutex_unlock(&loader);
	return loaded ? KK_OK : rc;
}

/* ---- the directory ---- */

struct cached {
	char *key;
	int64_t seq, used;
	size_t n;
	int64_t *ids;
	int8_t *tiers;
};

static pthread_mutex_t cache_lock = PTHREAD_MUTEX_INITIALIZER;
static struct cached *cache;
static int cache_size = 64;
static int64_t cache_clock;

void registry_search_cache(int entries)
{
	cache_size = entries;
}

static char *query_key(const struct expert_query *q)
{
	char *key = NULL;
	if (asprintf(&key, "%s|%d|%s|%d|%s|%d|%d|%d|%s|%d", q->pref ? q->pref : "", q->near,
	             q->skill ? q->skill : "", q->skill ? (q->min_level > 0 ? q->min_level : 1) : 0,
	             q->role ? q->role : "", q->mode, q->on_call, q->certified, q->q ? q->q : "",
	             q->caller_level) < 0)
		return NULL;
	return key;
}

static void page_out(const struct cached *c, const struct expert_query *q, int64_t *ids, int *tiers,
                     int *n, int64_t *total)
{
	*total = (int64_t)c->n;
	*n = 0;
	for (size_t i = (size_t)q->offset; i < c->n && *n < q->limit; i++) {
		ids[*n] = c->ids[i];
		tiers[*n] = c->tiers[i];
		(*n)++;
	}
}

static int index_of(const struct reg_codes *t, const char *code)
{
	if (!code)
		return -1;
	int i = registry_code_find(t, code);
	return i >= 0 ? i : REG_UNKNOWN;
}

/* Each thread's scratch for a query, as large as the registry: no allocation per query
 * (it goes with the thread). */
struct scratch {
	int64_t *ids, *work;
	int8_t *tiers;
	size_t cap;
};
static pthread_key_t scratch_key;
static pthread_once_t scratch_once = PTHREAD_ONCE_INIT;

static void scratch_free(void *p)
{
	struct scratch *sc = p;
	free(sc->ids);
	free(sc->work);
	free(sc->tiers);
	free(sc);
}

static void scratch_init(void)
{
	pthread_key_create(&scratch_key, scratch_free);
}

static struct scratch *scratch(size_t need)
{
	pthread_once(&scratch_once, scratch_init);
	struct scratch *sc = pthread_getspecific(scratch_key);
	if (!sc && ((sc = calloc(1, sizeof *sc)) == NULL || pthread_setspecific(scratch_key, sc))) {
		free(sc);
		return NULL;
	}
	if (sc->cap >= need)
		return sc;
	size_t want = need + need / 4 + 64;
	int64_t *ids = realloc(sc->ids, sizeof *ids * want);
	if (ids)
		sc->ids = ids;
	int64_t *work = ids ? realloc(sc->work, sizeof *work * want) : NULL;
	if (work)
		sc->work = work;
	int8_t *tiers = work ? realloc(sc->tiers, want) : NULL;
	if (!tiers)
		return NULL;
	sc->tiers = tiers;
	sc->cap = want;
	return sc;
}

/* Run q on the model (read-locked by the caller) into c: its results in the thread's
 * scratch (keep() copies them to cache them). */
static int evaluate(const struct expert_query *q, struct cached *c)
{
	struct reg_query rq = {
	    .pref = q->pref ? prefecture_index(q->pref) : -1,
	    .near = q->near,
	    .skill = index_of(&model.skills, q->skill),
	    .min_level = q->min_level,
	    .role = index_of(&model.roles, q->role),
	    .mode = q->mode,
	    .on_call = q->on_call,
	    .certified = q->certified,
	    .q = q->q,
	    .caller_level = q->caller_level,
	};
	struct scratch *sc = scratch(model.n + 1);
	if (!sc)
		return KK_ERR;
	c->n = registry_directory(&model, &rq, sc->ids, sc->tiers, sc->work);
	c->ids = sc->ids;
	c->tiers = sc->tiers;
	return KK_OK;
}

/* A copy of c's results of its own, to keep (NULL when out of memory). */
static bool keep(struct cached *c)
{
	int64_t *ids = malloc(sizeof *ids * (c->n ? c->n : 1));
	int8_t *tiers = malloc(c->n ? c->n : 1);
	if (!ids || !tiers) {
		free(ids);
		free(tiers);
		return false;
	}
	memcpy(ids, c->ids, sizeof *ids * c->n);
	memcpy(tiers, c->tiers, c->n);
	c->ids = ids;
	c->tiers = tiers;
	return true;
}

int registry_search(struct db *db, const struct expert_query *q, int64_t *ids, int *tiers, int *n,
                    int64_t *total)
{
	if (registry_sync(db) != KK_OK)
		return KK_ERR;
	char *key = cache_size > 0 ? query_key(q) : NULL;
	pthread_rwlock_rdlock(&lock);
	int64_t seq = seen;
	if (key) {
		pthread_mutex_lock(&cache_lock);
		for (int i = 0; cache && i < cache_size; i++) {
			if (cache[i].key && cache[i].seq == seq && strcmp(cache[i].key, key) == 0) {
				cache[i].used = ++cache_clock;
				page_out(&cache[i], q, ids, tiers, n, total);
				pthread_mutex_unlock(&cache_lock);
				pthread_rwlock_unlock(&lock);
				free(key);
				return KK_OK;
			}
		}
		pthread_mutex_unlock(&cache_lock);
	}
	struct cached fresh = {key, seq, 0, 0, NULL, NULL};
	int rc = evaluate(q, &fresh);
	pthread_rwlock_unlock(&lock);
	if (rc == KK_OK)
		page_out(&fresh, q, ids, tiers, n, total);
	if (rc != KK_OK || !key || !keep(&fresh)) {
		free(key);
		return rc;
	}
	/* Keep it in place of the least recently used entry. */
	pthread_mutex_lock(&cache_lock);
	if (!cache)
		cache = calloc((size_t)cache_size, sizeof *cache);
	if (!cache) {
		pthread_mutex_unlock(&cache_lock);
		free(key);
		free(fresh.ids);
		free(fresh.tiers);
		return KK_OK;
	}
	int victim = 0;
	for (int i = 1; i < cache_size; i++)
		if (cache[i].used < cache[victim].used)
			victim = i;
	struct cached old = cache[victim];
	fresh.used = ++cache_clock;
	cache[victim] = fresh;
	pthread_mutex_unlock(&cache_lock);
	free(old.key);
	free(old.ids);
	free(old.tiers);
	return KK_OK;
}

int registry_get(struct db *db, struct arena *a, int64_t id, struct expert *out)
{
	if (registry_sync(db) != KK_OK)
		return KK_ERR;
	return registry_get_held(a, id, out);
}

int registry_get_held(struct arena *a, int64_t id, struct expert *out)
{
	pthread_rwlock_rdlock(&lock);
	const struct reg_expert *r = registry_find(&model, id);
	if (r)
		registry_expert(&model, r, a, out);
	pthread_rwlock_unlock(&lock);
	return r ? KK_OK : KK_NOTFOUND;
}

int registry_rank(struct db *db, const struct match_request *rq, const char *pref,
                  bool on_call_only, int ring, struct match_candidate *out, int max)
{
	if (registry_sync(db) != KK_OK)
		return KK_ERR;
	int at = prefecture_index(pref);
	pthread_rwlock_rdlock(&lock);
	int n = registry_match(&model, rq, at, on_call_only, ring, db_now(), out, max);
	pthread_rwlock_unlock(&lock);
	return n;
}

size_t registry_size(size_t *bytes)
{
	pthread_rwlock_rdlock(&lock);
	size_t n = model.n;
	if (bytes)
		*bytes = registry_bytes(&model);
	pthread_rwlock_unlock(&lock);
	return n;
}
