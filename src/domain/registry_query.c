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
		const struct prefecture *n = prefecture_by_code(all[pref].neighbours[k]);
		if (n)
			t.neighbours |= 1ull << (n - all);
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

static bool directory_fits(const struct registry *g, const struct reg_expert *e,
                           const struct reg_query *q, size_t qlen)
{
	(void)g;
	if (e->hidden)
		return false;
	if (q->skill >= 0) {
		bool ok = false;
		for (int k = 0; k < e->nskills && !ok; k++)
			ok = e->skill[k] == q->skill && e->level[k] >= (q->min_level > 0 ? q->min_level : 1);
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
                          int8_t *tiers)
{
	if (q->skill == REG_UNKNOWN || q->role == REG_UNKNOWN || !g->all_bits)
		return 0;
	size_t qlen = q->q ? strlen(q->q) : 0;
	const uint64_t *cand = candidates(g, q);
	size_t n = 0;
	if (q->pref < 0) {
		for (size_t w = 0; w < g->words; w++)
			for (uint64_t bits = cand[w]; bits; bits &= bits - 1) {
				size_t i = w * 64 + (size_t)__builtin_ctzll(bits);
				if (i < g->n && directory_fits(g, &g->ex[i], q, qlen)) {
					ids[n] = g->ex[i].id;
					tiers[n++] = 0;
				}
			}
		return n;
	}
	/* Nearest first: a tier's experts are in id order, as the records are. */
	struct tiers t = tiers_of(q->pref);
	uint64_t near = q->near ? t.neighbours | t.block : 0;
	size_t count[4] = {0, 0, 0, 0};
	int8_t *tier_of = malloc(g->n ? g->n : 1);
	if (!tier_of)
		return 0;
	for (size_t w = 0; w < g->words; w++) {
		uint64_t in = 0;
		for (int p = 0; p < PREF_COUNT; p++)
			if ((t.same | near) & (1ull << p))
				in |= g->place_bits[p][w];
		for (uint64_t bits = cand[w] & (in | g->remote_bits[w]); bits; bits &= bits - 1) {
			size_t i = w * 64 + (size_t)__builtin_ctzll(bits);
			const struct reg_expert *e = &g->ex[i];
			if (i >= g->n || !directory_fits(g, e, q, qlen))
				continue;
			int d = (e->places & t.same)                     ? 0
			        : (e->places & t.neighbours & near)        ? 1
			        : (e->places & t.block & near)             ? 2
			        : 3; /* only remote experts are left here */
			tier_of[i] = (int8_t)d;
			count[d]++;
			ids[n++] = e->id;
		}
	}
	/* ids holds the matches in id order; spread them into their tiers, keeping that order. */
	size_t start[4] = {0, count[0], count[0] + count[1], count[0] + count[1] + count[2]};
	int64_t *sorted = malloc(sizeof *sorted * (n ? n : 1));
	if (!sorted) {
		free(tier_of);
		return 0;
	}
	for (size_t k = 0; k < n; k++) {
		const struct reg_expert *e = registry_find(g, ids[k]);
		int d = tier_of[e - g->ex];
		sorted[start[d]] = ids[k];
		tiers[start[d]++] = (int8_t)d;
	}
	memcpy(ids, sorted, sizeof *ids * n);
	free(sorted);
	free(tier_of);
	return n;
}

/* ---- matching ---- */

int registry_match(const struct registry *g, const struct match_request *rq, int pref,
                   bool on_call_only, int ring, int64_t now, struct match_candidate *out,
                   int max)
{
	if (!g->all_bits || max <= 0)
		return 0;
	int topics[MATCH_MAX_ITEMS], roles[MATCH_MAX_ITEMS];
	for (int t = 0; t < rq->ntopics; t++)
		topics[t] = registry_code_find(&g->skills, rq->topics[t]);
	for (int r = 0; r < rq->nroles; r++)
		roles[r] = registry_code_find(&g->roles, rq->roles[r]);
	struct tiers t = tiers_of(pref);
	struct match_expert m;
	int k = 0;
	for (size_t w = 0; w < g->words; w++) {
		uint64_t rel = 0; /* a topic skill or a needed role */
		for (int i = 0; i < rq->ntopics; i++)
			if (topics[i] >= 0)
				rel |= g->skill_bits[topics[i]][w];
		for (int i = 0; i < rq->nroles; i++)
			if (roles[i] >= 0)
				rel |= g->role_bits[roles[i]][w];
		for (uint64_t bits = rel & g->all_bits[w]; bits; bits &= bits - 1) {
			size_t i = w * 64 + (size_t)__builtin_ctzll(bits);
			const struct reg_expert *e = &g->ex[i];
			if (i >= g->n || !e->ethics_at || (on_call_only && !e->on_call))
				continue;
			int d = distance(&t, e->places);
			if (ring >= 0 && d != ring)
				continue;
			memset(&m, 0, offsetof(struct match_expert, skill_codes));
			m.id = e->id;
			m.distance = d;
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
			m.days_since_assigned =
			    e->last_assigned ? (int)((now - e->last_assigned) / 86400) : -1;
			m.nskills = e->nskills;
			for (int s = 0; s < e->nskills; s++) {
				m.skill_codes[s] = g->skills.code[e->skill[s]];
				m.skill_levels[s] = e->level[s];
			}
			for (int r = 0; r < g->roles.n && m.nroles < MATCH_MAX_LIST; r++)
				if (e->roles & (1ull << r))
					m.roles[m.nroles++] = g->roles.code[r];
			m.nconflicts = e->nconflicts < MATCH_MAX_LIST ? e->nconflicts : MATCH_MAX_LIST;
			for (int c = 0; c < m.nconflicts; c++)
				m.conflicts[c] = e->conflicts[e->nconflicts + c];
			k = match_consider(rq, &m, (int)i, out, k, max);
		}
	}
	return k;
}
