/* registry_query.c — the directory's queries and matching on the in-memory registry. Both
 * start from the bitmaps (a skill, a role, the prefectures a tier covers) and read only the
 * records those name. */
#include "domain/prefecture.h"
#include "domain/registry.h"

#include <stdlib.h>
#include <string.h>

/* The prefectures of each distance from pref: itself, its neighbours, the rest of its
 * block (as bits of prefecture indexes). */
struct tiers {
	uint64_t same, neighbours, block;
};

static struct tiers tiers_of(int pref)
{
	struct tiers t = {0, 0, 0};
	const struct prefecture *all = prefectures_all();
	if (!all || pref < 0 || pref >= PREF_COUNT)
		return t;
	t.same = 1ull << pref;
	for (int k = 0; k < all[pref].nneighbours; k++) {
		int n = prefecture_index(all[pref].neighbours[k]);
		if (n >= 0)
			t.neighbours |= 1ull << n;
	}
	for (int p = 0; p < PREF_COUNT; p++)
		if (p != pref && strcmp(all[p].block, all[pref].block) == 0)
			t.block |= 1ull << p;
	return t;
}

/* The nearest tier of the prefectures in places: DIST_SAME, DIST_NEIGHBOUR, DIST_BLOCK or
 * DIST_FAR (as prefecture_distance counts it). */
static int distance(const struct tiers *t, uint64_t places)
{
	return (places & t->same)         ? DIST_SAME
	       : (places & t->neighbours) ? DIST_NEIGHBOUR
	       : (places & t->block)      ? DIST_BLOCK
	                                  : DIST_FAR;
}

/* The prefectures of tiers 0 (pref itself), 1 (its neighbours) and 2 (the rest of its block;
 * 1 and 2 only when near), to OR their bitmaps a word at a time. */
struct tier_lists {
	int pref[3][PREF_COUNT], n[3];
};

static void tier_lists(const struct tiers *t, bool near, struct tier_lists *l)
{
	memset(l->n, 0, sizeof l->n);
	for (int p = 0; p < PREF_COUNT; p++) {
		int d = distance(t, 1ull << p);
		if (d == DIST_SAME || (near && d < DIST_FAR))
			l->pref[d][l->n[d]++] = p;
	}
}

/* at[d]: who in word w has a home or served prefecture of tier d. */
static void places_at(const struct registry *g, const struct tier_lists *l, size_t w,
                      uint64_t at[3])
{
	for (int d = 0; d < 3; d++) {
		at[d] = 0;
		for (int k = 0; k < l->n[d]; k++)
			at[d] |= g->place_bits[l->pref[d][k]][w];
	}
}

/* The tier of bit b by those words: 0, 1, 2, or 3 (DIST_FAR) in none. */
static int tier_at(const uint64_t at[3], int b)
{
	return (at[0] >> b & 1)   ? DIST_SAME
	       : (at[1] >> b & 1) ? DIST_NEIGHBOUR
	       : (at[2] >> b & 1) ? DIST_BLOCK
	                          : DIST_FAR;
}

/* ASCII case-insensitive substring, as SQLite's LIKE '%q%' matches (other bytes exactly). */
static bool contains(const char *hay, const char *needle, size_t nlen)
{
	if (!hay)
		return false;
	for (; *hay; hay++) {
		size_t i = 0;
		while (i < nlen && hay[i]) {
			unsigned char a = (unsigned char)hay[i], b = (unsigned char)needle[i];
			if (a >= 'A' && a <= 'Z')
				a += 32;
			if (b >= 'A' && b <= 'Z')
				b += 32;
			if (a != b)
				break;
			i++;
		}
		if (i == nlen)
			return true;
	}
	return false;
}

static bool directory_fits(const struct reg_expert *e, const struct reg_query *q, size_t qlen)
{
	if (e->hidden)
		return false;
	if (q->skill >= 0) {
		bool ok = false;
		for (int k = 0; k < e->nskills && !ok; k++)
			ok = e->skill[k] == q->skill &&
			     e->level[k] >= (q->min_level > 0 ? q->min_level : 1);
		if (!ok)
			return false;
	}
	if (q->role >= 0 && !(e->roles & (1ull << q->role)))
		return false;
	if (q->mode && (!(e->modes & q->mode) || e->vis[VF_MODES] > q->caller_level))
		return false;
	if (q->on_call >= 0 &&
	    ((int)e->on_call != q->on_call || e->vis[VF_ON_CALL] > q->caller_level))
		return false;
	if (q->certified >= 0 && (int)e->has_valid_cert != q->certified)
		return false;
	if (qlen && !contains(e->name, q->q, qlen) &&
	    !(e->vis[VF_BIO] <= q->caller_level && contains(e->bio, q->q, qlen)))
		return false;
	return true;
}

/* Words of the candidates: the skill's bitmap, or every visible expert. */
static const uint64_t *candidates(const struct registry *g, const struct reg_query *q)
{
	return q->skill >= 0 ? g->skill_bits[q->skill] : g->all_bits;
}

size_t registry_directory(const struct registry *g, const struct reg_query *q, int64_t *ids,
                          int8_t *tiers, int64_t *work)
{
	if (q->skill == REG_UNKNOWN || q->role == REG_UNKNOWN || !g->all_bits)
		return 0;
	size_t qlen = q->q ? strlen(q->q) : 0;
	/* The bitmaps answer for visibility, the skill (at any level), the role and where;
	 * a record is read only for what they do not hold. */
	bool read = (q->skill >= 0 && q->min_level > 1) || q->mode || q->on_call >= 0 ||
	            q->certified >= 0 || qlen;
	const uint64_t *cand = candidates(g, q),
	               *role = q->role >= 0 ? g->role_bits[q->role] : NULL;
	struct tiers t = tiers_of(q->pref);
	struct tier_lists lists;
	tier_lists(&t, q->near, &lists);
	size_t count[4] = {0, 0, 0, 0}, n = 0;
	for (size_t w = 0; w < g->words; w++) {
		uint64_t bits = cand[w] & (role ? role[w] : ~0ull), at[3] = {0, 0, 0};
		if (q->pref >= 0) {
			places_at(g, &lists, w, at);
			bits &= at[0] | at[1] | at[2] | g->remote_bits[w];
		}
		for (; bits; bits &= bits - 1) {
			int b = __builtin_ctzll(bits);
			size_t i = w * 64 + (size_t)b;
			if (i >= g->n || (read && !directory_fits(&g->ex[i], q, qlen)))
				continue;
			/* nearest first: the prefecture, its neighbours, its block, then remote
			 * only */
			int d = q->pref < 0 ? 0 : tier_at(at, b);
			count[d]++;
			ids[n] = g->id_at[i];
			tiers[n++] = (int8_t)d;
		}
	}
	/* The matches are in id order: spread them into their tiers, keeping that order. */
	size_t start[4] = {0, count[0], count[0] + count[1], count[0] + count[1] + count[2]};
	for (size_t k = 0; k < n; k++)
		work[start[tiers[k]]++] = ids[k];
	memcpy(ids, work, sizeof *ids * n);
	for (int d = 0, k = 0; d < 4; d++)
		for (size_t c = 0; c < count[d]; c++)
			tiers[k++] = (int8_t)d;
	return n;
}

/* ---- matching ---- */

/* One match: the request, its codes, where the experts are, the best so far. */
struct scan {
	const struct registry *g;
	const struct match_request *rq;
	int topics[MATCH_MAX_ITEMS], roles[MATCH_MAX_ITEMS];
	struct tiers t;
	struct tier_lists lists;
	bool on_call_only;
	int ring;
	int64_t now;
	struct match_candidate *out;
	int k, max;
};

/* The experts of word w matching could consider (a topic skill or a needed role, ethics,
 * not hidden or barred, on call when asked), with what match.c excludes by distance (it
 * checks again): far needs remote work, and on site anyone not in the prefecture itself
 * must go on site and never far. at[d]: who is at distance d, from the bitmaps. */
static uint64_t eligible(const struct scan *s, size_t w, uint64_t at[3])
{
	const struct registry *g = s->g;
	uint64_t rel = 0;
	for (int i = 0; i < s->rq->ntopics; i++)
		if (s->topics[i] >= 0)
			rel |= g->skill_bits[s->topics[i]][w];
	for (int i = 0; i < s->rq->nroles; i++)
		if (s->roles[i] >= 0)
			rel |= g->role_bits[s->roles[i]][w];
	rel &= g->all_bits[w] & g->ethics_bits[w] & ~g->barred_bits[w];
	if (s->on_call_only)
		rel &= g->on_call_bits[w];
	if (!rel)
		return 0;
	places_at(g, &s->lists, w, at);
	uint64_t near = at[0] | at[1] | at[2];
	rel &= s->rq->onsite ? at[0] | (g->onsite_bits[w] & (at[1] | at[2]))
	                     : near | g->any_remote_bits[w];
	if (s->ring >= 0)
		rel &= s->ring == DIST_SAME        ? at[0]
		       : s->ring == DIST_NEIGHBOUR ? at[1] & ~at[0]
		       : s->ring == DIST_BLOCK     ? at[2] & ~(at[0] | at[1])
		                                   : ~near;
	return rel;
}

/* Who in word w has every requested skill and role. */
static uint64_t covering(const struct scan *s, size_t w)
{
	uint64_t all = ~0ull;
	for (int i = 0; i < s->rq->ntopics; i++)
		all &= s->topics[i] >= 0 ? s->g->skill_bits[s->topics[i]][w] : 0;
	for (int i = 0; i < s->rq->nroles; i++)
		all &= s->roles[i] >= 0 ? s->g->role_bits[s->roles[i]][w] : 0;
	return all;
}

/* The most bit b of word w could score, from the bitmaps alone (match_bound). */
static int bound(const struct scan *s, size_t w, int b, const uint64_t at[3])
{
	int topics = 0, roles = 0;
	for (int i = 0; i < s->rq->ntopics; i++)
		topics += s->topics[i] >= 0 && (s->g->skill_bits[s->topics[i]][w] >> b & 1);
	for (int i = 0; i < s->rq->nroles; i++)
		roles += s->roles[i] >= 0 && (s->g->role_bits[s->roles[i]][w] >> b & 1);
	const struct registry *g = s->g;
	return match_bound(s->rq, tier_at(at, b), topics, roles, g->on_call_bits[w] >> b & 1,
	                   g->valid_bits[w] >> b & 1, g->praised_bits[w] >> b & 1);
}

/* Score the expert at position i (its record read now) and keep it among the best. */
static void consider(struct scan *s, size_t i)
{
	const struct registry *g = s->g;
	const struct reg_expert *e = &g->ex[i];
	struct match_expert m;
	memset(&m, 0, offsetof(struct match_expert, skill_codes));
	m.id = e->id;
	m.distance = distance(&s->t, e->places);
	m.remote = e->remote || (e->modes & MODE_REMOTE);
	m.onsite = (e->modes & MODE_ONSITE) != 0;
	m.on_call = e->on_call;
	/* what a desk may read of the expert: reasons say nothing of a private field */
	m.on_call_shown = e->vis[VF_ON_CALL] <= VIS_DESKS;
	m.hours_shown = e->vis[VF_HOURS] <= VIS_DESKS;
	m.ethics = true;
	m.cert = e->cert;
	m.hours_per_week = e->hours;
	m.open_cases = e->open_cases;
	m.ratings = e->ratings;
	m.stars_total = e->stars_total;
	m.days_since_assigned = e->last_assigned ? (int)((s->now - e->last_assigned) / 86400) : -1;
	m.nskills = e->nskills;
	for (int k = 0; k < e->nskills; k++) {
		m.skill_codes[k] = g->skills.code[e->skill[k]];
		m.skill_levels[k] = e->level[k];
	}
	for (int r = 0; r < g->roles.n && m.nroles < MATCH_MAX_LIST; r++)
		if (e->roles & (1ull << r))
			m.roles[m.nroles++] = g->roles.code[r];
	m.nconflicts = e->nconflicts < MATCH_MAX_LIST ? e->nconflicts : MATCH_MAX_LIST;
	for (int c = 0; c < m.nconflicts; c++)
		m.conflicts[c] = e->conflicts[e->nconflicts + c];
	s->k = match_consider(s->rq, &m, (int)i, s->out, s->k, s->max);
}

int registry_match(const struct registry *g, const struct match_request *rq, int pref,
                   bool on_call_only, int ring, int64_t now, struct match_candidate *out, int max)
{
	if (!g->all_bits || max <= 0)
		return 0;
	struct scan s = {.g = g,
	                 .rq = rq,
	                 .t = tiers_of(pref),
	                 .on_call_only = on_call_only,
	                 .ring = ring,
	                 .now = now,
	                 .out = out,
	                 .max = max};
	for (int i = 0; i < rq->ntopics; i++)
		s.topics[i] = registry_code_find(&g->skills, rq->topics[i]);
	for (int i = 0; i < rq->nroles; i++)
		s.roles[i] = registry_code_find(&g->roles, rq->roles[i]);
	tier_lists(&s.t, true, &s.lists);
	/* Those who have everything asked first, so the best so far is high early; then the
	 * rest, each read only when the most it could score (from the bitmaps) reaches the
	 * last of the best so far. */
	for (int pass = 0; pass < 2; pass++) {
		for (size_t w = 0; w < g->words; w++) {
			uint64_t at[3];
			uint64_t rel = eligible(&s, w, at);
			if (!rel)
				continue;
			uint64_t full = covering(&s, w);
			rel &= pass == 0 ? full : ~full;
			for (uint64_t bits = rel; bits; bits &= bits - 1) {
				int b = __builtin_ctzll(bits);
				size_t i = w * 64 + (size_t)b;
				if (i >= g->n)
					continue;
				if (s.k == max && bound(&s, w, b, at) < out[max - 1].score)
					continue;
				consider(&s, i);
			}
		}
	}
	return s.k;
}
