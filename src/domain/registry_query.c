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
	uint64_t near = q->near ? t.neighbours | t.block : 0, covered = t.same | near;
	int prefs[PREF_COUNT], np = 0;
	for (int p = 0; p < PREF_COUNT; p++)
		if (covered & (1ull << p))
			prefs[np++] = p;
	size_t count[4] = {0, 0, 0, 0};
	for (size_t w = 0; w < g->words; w++) {
		uint64_t in = g->remote_bits[w];
		for (int k = 0; k < np; k++)
			in |= g->place_bits[prefs[k]][w];
		for (uint64_t bits = cand[w] & in; bits; bits &= bits - 1) {
			size_t i = w * 64 + (size_t)__builtin_ctzll(bits);
			const struct reg_expert *e = &g->ex[i];
			if (i >= g->n || !directory_fits(g, e, q, qlen))
				continue;
			int d = (e->places & t.same)                ? 0
			        : (e->places & t.neighbours & near) ? 1
			        : (e->places & t.block & near)      ? 2
			                                            : 3; /* only remote experts are left */
			count[d]++;
			ids[n] = e->id;
			tiers[n++] = (int8_t)d;
		}
	}
	/* The matches are in id order: spread them into their tiers, keeping that order. */
	size_t start[4] = {0, count[0], count[0] + count[1], count[0] + count[1] + count[2]};
	int64_t *by_tier = malloc(sizeof *by_tier * (n ? n : 1));
	if (!by_tier)
		return 0;
	for (size_t k = 0; k < n; k++)
		by_tier[start[tiers[k]]++] = ids[k];
	memcpy(ids, by_tier, sizeof *ids * n);
	free(by_tier);
	for (int d = 0, k = 0; d < 4; d++)
		for (size_t c = 0; c < count[d]; c++)
			tiers[k++] = (int8_t)d;
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
	/* The prefectures of each distance, to read their bitmaps. */
	int tier_prefs[3][PREF_COUNT], ntier[3] = {0, 0, 0};
	for (int p = 0; p < PREF_COUNT; p++) {
		int d = distance(&t, 1ull << p);
		if (d < 3)
			tier_prefs[d][ntier[d]++] = p;
	}
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
		rel &= g->all_bits[w] & g->ethics_bits[w] & ~g->barred_bits[w];
		if (on_call_only)
			rel &= g->on_call_bits[w];
		if (!rel)
			continue;
		/* Who is where, from the bitmaps; then what match.c excludes by distance (it checks
		 * again): far needs remote work, and on site anyone not in the prefecture itself
		 * must go on site and never far. */
		uint64_t at[3];
		for (int d = 0; d < 3; d++) {
			at[d] = 0;
			for (int k2 = 0; k2 < ntier[d]; k2++)
				at[d] |= g->place_bits[tier_prefs[d][k2]][w];
		}
		uint64_t near = at[0] | at[1] | at[2];
		rel &= rq->onsite ? at[0] | (g->onsite_bits[w] & (at[1] | at[2]))
		                  : near | g->any_remote_bits[w];
		if (ring >= 0)
			rel &= ring == DIST_SAME        ? at[0]
			       : ring == DIST_NEIGHBOUR ? at[1] & ~at[0]
			       : ring == DIST_BLOCK     ? at[2] & ~(at[0] | at[1])
			                                : ~near;
		for (uint64_t bits = rel; bits; bits &= bits - 1) {
			size_t i = w * 64 + (size_t)__builtin_ctzll(bits);
			const struct reg_expert *e = &g->ex[i];
			if (i >= g->n)
				continue;
			int d = distance(&t, e->places);
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
