/* registry.c — the in-memory registry's records, batches and bitmaps; the queries on it
 * are in registry_query.c. */
#include "domain/registry.h"
#include "domain/prefecture.h"

#include <stdlib.h>
#include <string.h>

void registry_init(struct registry *g)
{
	memset(g, 0, sizeof *g);
}

void registry_expert_free(struct reg_expert *e)
{
	free(e->name);
	free(e->bio);
	free(e->employer);
	free(e->background);
	free(e->languages);
	for (int i = 0; i < 2 * e->nconflicts; i++)
		free(e->conflicts[i]);
	free(e->conflicts);
	for (int i = 0; i < 6; i++)
		free(e->cert_s[i]);
	memset(e, 0, sizeof *e);
}

#define NBITMAPS (2 * REG_MAX_CODES + 64 + 9)

/* Every bitmap of g, once: the addresses of their pointers into all[NBITMAPS]. */
static void bitmaps(struct registry *g, uint64_t **all[NBITMAPS])
{
	int k = 0;
	for (int i = 0; i < REG_MAX_CODES; i++) {
		all[k++] = &g->skill_bits[i];
		all[k++] = &g->role_bits[i];
	}
	for (int i = 0; i < 64; i++)
		all[k++] = &g->place_bits[i];
	uint64_t **flags[] = {&g->remote_bits,  &g->all_bits,        &g->ethics_bits,
	                      &g->on_call_bits, &g->any_remote_bits, &g->onsite_bits,
	                      &g->barred_bits,  &g->valid_bits,      &g->praised_bits};
	_Static_assert(sizeof flags / sizeof *flags == NBITMAPS - 2 * REG_MAX_CODES - 64,
	               "NBITMAPS counts every flag bitmap");
	for (size_t i = 0; i < sizeof flags / sizeof *flags; i++)
		all[k++] = flags[i];
}

static void free_bits(struct registry *g)
{
	uint64_t **all[NBITMAPS];
	bitmaps(g, all);
	for (int i = 0; i < NBITMAPS; i++) {
		free(*all[i]);
		*all[i] = NULL;
	}
	free(g->id_at);
	g->id_at = NULL;
	g->words = 0;
}

void registry_free(struct registry *g)
{
	for (size_t i = 0; i < g->n; i++)
		registry_expert_free(&g->ex[i]);
	free(g->ex);
	free_bits(g);
	memset(g, 0, sizeof *g);
}

void registry_free_codes(struct registry *g)
{
	for (int i = 0; i < g->skills.n; i++)
		free(g->skills.code[i]);
	for (int i = 0; i < g->roles.n; i++)
		free(g->roles.code[i]);
	g->skills.n = g->roles.n = 0;
}

int registry_code_find(const struct reg_codes *t, const char *code)
{
	for (int i = 0; code && i < t->n; i++)
		if (strcmp(t->code[i], code) == 0)
			return i;
	return -1;
}

int registry_code(struct reg_codes *t, const char *code)
{
	int i = registry_code_find(t, code);
	if (i >= 0 || t->n == REG_MAX_CODES)
		return i;
	t->code[t->n] = strdup(code);
	return t->code[t->n] ? t->n++ : -1;
}

/* ---- batches ---- */

struct reg_expert *registry_batch_add(struct reg_batch *b, int64_t id)
{
	if (b->n == b->cap) {
		size_t cap = b->cap ? b->cap * 2 : 64;
		struct reg_expert *ex = realloc(b->ex, sizeof *ex * cap);
		if (!ex)
			return NULL;
		b->ex = ex;
		b->cap = cap;
	}
	struct reg_expert *e = &b->ex[b->n++];
	memset(e, 0, sizeof *e);
	e->id = id;
	e->home = -1;
	return e;
}

static struct reg_expert *find_in(struct reg_expert *ex, size_t n, int64_t id, size_t *pos)
{
	size_t lo = 0, hi = n;
	while (lo < hi) {
		size_t mid = lo + (hi - lo) / 2;
		if (ex[mid].id < id)
			lo = mid + 1;
		else
			hi = mid;
	}
	if (pos)
		*pos = lo;
	return lo < n && ex[lo].id == id ? &ex[lo] : NULL;
}

struct reg_expert *registry_batch_find(struct reg_batch *b, int64_t id)
{
	return find_in(b->ex, b->n, id, NULL);
}

void registry_batch_free(struct reg_batch *b)
{
	for (size_t i = 0; i < b->n; i++)
		registry_expert_free(&b->ex[i]);
	free(b->ex);
	memset(b, 0, sizeof *b);
}

void registry_add_conflict(struct reg_expert *e, const char *name, const char *folded)
{
	if (e->nconflicts >= EXPERT_MAX_CONFLICTS)
		return;
	char **c = malloc(sizeof *c * 2 * (size_t)(e->nconflicts + 1));
	if (!c)
		return;
	int n = e->nconflicts;
	for (int i = 0; i < n; i++) {
		c[i] = e->conflicts[i];
		c[n + 1 + i] = e->conflicts[n + i];
	}
	c[n] = strdup(name);
	c[2 * n + 1] = strdup(folded);
	free(e->conflicts);
	e->conflicts = c;
	e->nconflicts++;
}

/* ---- bitmaps: one bit per position in g->ex ---- */

static void set_bit(uint64_t *bits, size_t i, bool on)
{
	if (on)
		bits[i / 64] |= 1ull << (i % 64);
	else
		bits[i / 64] &= ~(1ull << (i % 64));
}

/* Every bitmap the record at position i is in: set (on) or cleared. */
static void mark(struct registry *g, size_t i, bool on)
{
	const struct reg_expert *e = &g->ex[i];
	if (!g->all_bits)
		return;
	if (on)
		g->id_at[i] = e->id;
	set_bit(g->all_bits, i, on && !e->hidden);
	if (e->hidden && on)
		return;
	for (int k = 0; k < e->nskills; k++)
		set_bit(g->skill_bits[e->skill[k]], i, on);
	for (int r = 0; r < g->roles.n; r++)
		if (e->roles & (1ull << r))
			set_bit(g->role_bits[r], i, on);
	for (int p = 0; p < 64; p++)
		if (e->places & (1ull << p))
			set_bit(g->place_bits[p], i, on);
	set_bit(g->remote_bits, i, on && e->remote);
	set_bit(g->ethics_bits, i, on && e->ethics_at);
	set_bit(g->on_call_bits, i, on && e->on_call);
	set_bit(g->any_remote_bits, i, on && (e->remote || (e->modes & MODE_REMOTE)));
	set_bit(g->onsite_bits, i, on && (e->modes & MODE_ONSITE));
	set_bit(g->barred_bits, i, on && (e->cert == CERT_SUSPENDED || e->cert == CERT_REVOKED));
	set_bit(g->valid_bits, i, on && e->cert == CERT_VALID);
	set_bit(g->praised_bits, i, on && e->ratings > 0 && e->stars_total * 10 / e->ratings > 30);
}

/* Rebuild every bitmap for positions 0..n (after the order changed). */
static int rebuild(struct registry *g)
{
	free_bits(g);
	g->words = (g->n + 64) / 64;
	uint64_t **all[NBITMAPS];
	bitmaps(g, all);
	for (int i = 0; i < NBITMAPS; i++)
		if (!(*all[i] = calloc(g->words, sizeof(uint64_t))))
			return -1;
	if (!(g->id_at = calloc(g->words * 64, sizeof *g->id_at)))
		return -1;
	for (size_t i = 0; i < g->n; i++)
		mark(g, i, true);
	return 0;
}

void registry_replace(struct registry *g, struct reg_batch *b)
{
	for (size_t i = 0; i < g->n; i++)
		registry_expert_free(&g->ex[i]);
	free(g->ex);
	g->ex = b->ex;
	g->n = b->n;
	g->cap = b->cap;
	memset(b, 0, sizeof *b);
	rebuild(g);
}

static int by_id(const void *a, const void *b)
{
	int64_t x = *(const int64_t *)a, y = *(const int64_t *)b;
	return x < y ? -1 : x > y;
}

void registry_apply(struct registry *g, struct reg_batch *b, const int64_t *changed, size_t n)
{
	bool reordered = false;
	int64_t *ids = malloc(sizeof *ids * (n ? n : 1));
	if (!ids)
		return;
	memcpy(ids, changed, sizeof *ids * n);
	qsort(ids, n, sizeof *ids, by_id);
	for (size_t k = 0; k < n; k++) {
		if (k && ids[k] == ids[k - 1])
			continue;
		size_t pos;
		struct reg_expert *old = find_in(g->ex, g->n, ids[k], &pos);
		struct reg_expert *fresh = registry_batch_find(b, ids[k]);
		if (old && fresh) { /* in place: the same position, its bits redone */
			mark(g, pos, false);
			registry_expert_free(old);
			*old = *fresh;
			memset(fresh, 0, sizeof *fresh);
			fresh->id = -1; /* taken */
			mark(g, pos, true);
		} else if (old) { /* deleted */
			registry_expert_free(old);
			memmove(&g->ex[pos], &g->ex[pos + 1], sizeof *old * (g->n - pos - 1));
			g->n--;
			reordered = true;
		} else if (fresh) { /* new: at its place in id order */
			if (g->n == g->cap) {
				size_t cap = g->cap ? g->cap * 2 : 256;
				struct reg_expert *ex = realloc(g->ex, sizeof *ex * cap);
				if (!ex)
					continue;
				g->ex = ex;
				g->cap = cap;
			}
			memmove(&g->ex[pos + 1], &g->ex[pos], sizeof *g->ex * (g->n - pos));
			g->ex[pos] = *fresh;
			memset(fresh, 0, sizeof *fresh);
			fresh->id = -1;
			g->n++;
			if (pos + 1 == g->n && pos / 64 < g->words && g->all_bits)
				mark(g, pos, true); /* appended within the bitmaps: no move */
			else
				reordered = true;
		}
	}
	free(ids);
	if (reordered)
		rebuild(g);
	registry_batch_free(b);
}

static size_t str_bytes(const char *s)
{
	return s ? strlen(s) + 1 : 0;
}

size_t registry_bytes(const struct registry *g)
{
	size_t n = sizeof *g->ex * g->cap + sizeof(uint64_t) * g->words * NBITMAPS;
	for (size_t i = 0; i < g->n; i++) {
		const struct reg_expert *e = &g->ex[i];
		n += str_bytes(e->name) + str_bytes(e->bio) + str_bytes(e->employer) +
		     str_bytes(e->background) + str_bytes(e->languages);
		for (int k = 0; k < 2 * e->nconflicts; k++)
			n += sizeof(char *) + str_bytes(e->conflicts[k]);
		for (int k = 0; k < 6; k++)
			n += str_bytes(e->cert_s[k]);
	}
	return n;
}

const struct reg_expert *registry_find(const struct registry *g, int64_t id)
{
	return find_in(g->ex, g->n, id, NULL);
}

static const char *dup_or_null(struct arena *a, const char *s)
{
	return s ? arena_strdup(a, s) : NULL;
}

void registry_expert(const struct registry *g, const struct reg_expert *r, struct arena *a,
                     struct expert *e)
{
	const struct prefecture *all = prefectures_all();
	memset(e, 0, sizeof *e);
	e->id = r->id;
	e->version = r->version;
	e->display_name = arena_strdup(a, r->name);
	e->prefecture = all && r->home >= 0 ? all[r->home].code : "";
	e->remote = r->remote;
	e->on_call = r->on_call;
	e->employer_supports = r->employer_supports;
	e->hidden = r->hidden;
	e->modes = r->modes;
	e->hours_per_week = r->hours;
	e->bio = arena_strdup(a, r->bio);
	e->employer = arena_strdup(a, r->employer);
	e->background = dup_or_null(a, r->background);
	e->ethics_accepted_at = r->ethics_at;
	for (int f = 0; f < VF__MAX; f++)
		e->vis[f] = r->vis[f];
	for (int p = 0; all && p < PREF_COUNT; p++)
		if (r->serves & (1ull << p))
			e->serves[e->nserves++] = all[p].code;
	for (int k = 0; k < r->nskills; k++)
		e->skills[e->nskills++] =
		    (struct expert_skill){g->skills.code[r->skill[k]], r->level[k]};
	for (int k = 0; k < g->roles.n && e->nroles < EXPERT_MAX_ROLES; k++)
		if (r->roles & (1ull << k))
			e->roles[e->nroles++] = g->roles.code[k];
	char *langs = arena_strdup(a, r->languages ? r->languages : "");
	for (char *save = NULL, *t = strtok_r(langs, ",", &save);
	     t && e->nlanguages < EXPERT_MAX_LANGUAGES; t = strtok_r(NULL, ",", &save))
		e->languages[e->nlanguages++] = t;
	for (int k = 0; k < r->nconflicts; k++)
		e->conflicts[e->nconflicts++] = arena_strdup(a, r->conflicts[k]);
	if (r->cert_s[0]) {
		e->cert.number = arena_strdup(a, r->cert_s[0]);
		e->cert.level = arena_strdup(a, r->cert_s[1]);
		e->cert.status = arena_strdup(a, r->cert_s[2]);
		e->cert.issued_on = arena_strdup(a, r->cert_s[3]);
		e->cert.expires_on = arena_strdup(a, r->cert_s[4]);
		e->cert.reason = arena_strdup(a, r->cert_s[5] ? r->cert_s[5] : "");
		e->cert.expert_id = r->id;
	}
}
