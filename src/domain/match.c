#include "domain/match.h"

#include <string.h>
#include <strings.h>

/* Points. Skills weigh most; distance matters more on site than remote. */
enum {
	P_SKILL_PER_LEVEL = 10,
	P_ROLE = 15,
	P_ON_CALL = 20,
	P_CERT = 15,
	P_RATING_PER_STAR = 5,
	P_BUSY = 5,  /* per open case */
	P_FULL = 25, /* at or over capacity */
	P_RECENT_WEEK = 6,
	P_RECENT_MONTH = 2,
};
static const int remote_distance[4] = {20, 15, 10, 5};
static const int onsite_distance[4] = {40, 25, 10, 0};
static const char *const distance_codes[4] = {"same_pref", "neighbour", "block", "far"};

static void reason(struct match_candidate *c, const char *code, const char *arg, int n)
{
	if (c->nreasons < MATCH_MAX_REASONS)
		c->reasons[c->nreasons++] = (struct match_reason){code, arg, n};
}

static bool has_role(const struct match_expert *e, const char *role)
{
	for (int i = 0; i < e->nroles; i++)
		if (strcmp(e->roles[i], role) == 0)
			return true;
	return false;
}

static bool conflicted(const struct match_request *rq, const struct match_expert *e)
{
	for (int i = 0; i < rq->nvendors; i++)
		for (int j = 0; j < e->nconflicts; j++)
			if (strcasecmp(rq->vendors[i], e->conflicts[j]) == 0)
				return true;
	return false;
}

int match_bound(const struct match_request *rq, int distance, int topics, int roles, bool on_call,
                bool certified, bool praised)
{
	return (rq->onsite ? onsite_distance : remote_distance)[distance] +
	       P_SKILL_PER_LEVEL * 4 * topics + P_ROLE * roles +
	       (rq->incident && on_call ? P_ON_CALL : 0) + (certified ? P_CERT : 0) +
	       (praised ? (50 - 30) * P_RATING_PER_STAR / 10 : 0); /* five stars at most */
}

unsigned match_needed(const struct match_request *rq)
{
	unsigned bits = 0;
	for (int i = 0; i < rq->ntopics && i < 8; i++)
		bits |= 1u << i;
	for (int j = 0; j < rq->nroles && j < 8; j++)
		bits |= 1u << (8 + j);
	return bits;
}

/* Score one expert; false when excluded. */
static bool score(const struct match_request *rq, const struct match_expert *e,
                  struct match_candidate *c)
{
	if (!e->ethics || e->hidden || e->cert == CERT_SUSPENDED || e->cert == CERT_REVOKED ||
	    conflicted(rq, e))
		return false;
	if (e->distance == DIST_FAR && (rq->onsite || !e->remote))
		return false;
	if (rq->onsite && !e->onsite && e->distance != DIST_SAME)
		return false;
	memset(c, 0, sizeof *c);
	c->id = e->id;
	int relevant = 0;
	reason(c, distance_codes[e->distance], NULL, 0);
	c->score += (rq->onsite ? onsite_distance : remote_distance)[e->distance];
	for (int t = 0; t < rq->ntopics; t++) {
		for (int k = 0; k < e->nskills; k++) {
			if (strcmp(e->skill_codes[k], rq->topics[t]) != 0)
				continue;
			c->score += P_SKILL_PER_LEVEL * e->skill_levels[k];
			reason(c, "skill", rq->topics[t], e->skill_levels[k]);
			if (e->skill_levels[k] >= 2)
				c->covers |= 1u << t;
			relevant++;
		}
	}
	for (int r = 0; r < rq->nroles; r++) {
		if (has_role(e, rq->roles[r])) {
			c->score += P_ROLE;
			reason(c, "role", rq->roles[r], 0);
			c->covers |= 1u << (8 + r);
			relevant++;
		}
	}
	if (relevant == 0 && (rq->ntopics || rq->nroles))
		return false;
	if (rq->incident && e->on_call) {
		c->score += P_ON_CALL;
		if (e->on_call_shown)
			reason(c, "on_call", NULL, 0);
	}
	if (e->cert == CERT_VALID) {
		c->score += P_CERT;
		reason(c, "certified", NULL, 0);
	}
	if (e->ratings > 0) {
		/* Average stars, in tenths, around the middle mark of 3. */
		int avg10 = e->stars_total * 10 / e->ratings;
		c->score += (avg10 - 30) * P_RATING_PER_STAR / 10;
		reason(c, "rating", NULL, avg10);
	}
	int capacity = e->hours_per_week >= 4 ? e->hours_per_week / 4 : 1;
	if (e->open_cases >= capacity) { /* the capacity comes from the hours */
		c->score -= P_FULL;
		if (e->hours_shown)
			reason(c, "full", NULL, e->open_cases);
	} else if (e->open_cases > 0) {
		c->score -= P_BUSY * e->open_cases;
		if (e->hours_shown)
			reason(c, "load", NULL, e->open_cases);
	}
	if (e->days_since_assigned >= 0 && e->days_since_assigned < 7) {
		c->score -= P_RECENT_WEEK;
		reason(c, "recent", NULL, e->days_since_assigned);
	} else if (e->days_since_assigned >= 7 && e->days_since_assigned < 30) {
		c->score -= P_RECENT_MONTH;
		reason(c, "recent", NULL, e->days_since_assigned);
	}
	return true;
}

static int by_score(const void *a, const void *b)
{
	const struct match_candidate *x = a, *y = b;
	if (x->score != y->score)
		return y->score - x->score;
	return x->id < y->id ? -1 : x->id > y->id;
}

int match_consider(const struct match_request *rq, const struct match_expert *e, int index,
                   struct match_candidate *out, int k, int max)
{
	/* Keep the best max in out, in order, as the experts stream past. */
	struct match_candidate c;
	if (max <= 0 || !score(rq, e, &c))
		return k;
	c.index = index;
	if (k == max && by_score(&c, &out[k - 1]) >= 0)
		return k;
	int pos = k < max ? k : max - 1;
	while (pos > 0 && by_score(&c, &out[pos - 1]) < 0)
		pos--;
	int last = k < max ? k : max - 1;
	memmove(&out[pos + 1], &out[pos], sizeof c * (size_t)(last - pos));
	out[pos] = c;
	return k < max ? k + 1 : k;
}

int match_rank(const struct match_request *rq, const struct match_expert *ex, int n,
               struct match_candidate *out, int max)
{
	int k = 0;
	for (int i = 0; i < n; i++)
		k = match_consider(rq, &ex[i], i, out, k, max);
	return k;
}

static int popcount(unsigned v)
{
	return __builtin_popcount(v);
}

struct team_search {
	const struct match_candidate *c;
	int pool;
	unsigned need;
	int size;
	struct match_team *out;
	int max, n;
};

static int cmp_team(const struct match_team *a, const struct match_team *b)
{
	if (a->size != b->size)
		return a->size - b->size;
	if (a->score != b->score)
		return b->score - a->score;
	for (int i = 0; i < a->size; i++)
		if (a->members[i] != b->members[i])
			return a->members[i] - b->members[i];
	return 0;
}

/* Keep the best `max` teams found so far, in order (insertion into a short list). */
static void keep(struct team_search *s, const struct match_team *t)
{
	int pos = s->n;
	while (pos > 0 && cmp_team(t, &s->out[pos - 1]) < 0)
		pos--;
	if (pos >= s->max)
		return;
	int last = s->n < s->max ? s->n : s->max - 1;
	memmove(&s->out[pos + 1], &s->out[pos], sizeof *t * (size_t)(last - pos));
	s->out[pos] = *t;
	if (s->n < s->max)
		s->n++;
}

static void combine(struct team_search *s, struct match_team *t, int depth, int start,
                    unsigned have)
{
	if (depth == s->size) {
		if ((have & s->need) != s->need)
			return;
		/* Each member must bring something the others do not: smallest teams only. */
		for (int i = 0; i < depth; i++) {
			unsigned others = 0;
			for (int j = 0; j < depth; j++)
				if (j != i)
					others |= s->c[t->members[j]].covers;
			if ((others & s->need) == s->need)
				return;
		}
		t->size = depth;
		t->score = 0;
		for (int i = 0; i < depth; i++) {
			t->score += s->c[t->members[i]].score;
			t->covers[i] = s->c[t->members[i]].covers & s->need;
		}
		keep(s, t);
		return;
	}
	for (int i = start; i < s->pool; i++) {
		unsigned add = s->c[i].covers & s->need & ~have;
		if (!add)
			continue; /* brings nothing new */
		t->members[depth] = i;
		combine(s, t, depth + 1, i + 1, have | add);
	}
}

int match_teams(const struct match_request *rq, const struct match_candidate *cands, int n,
                int pool, struct match_team *out, int max)
{
	unsigned need = match_needed(rq);
	if (popcount(need) < 2 || max <= 0)
		return 0;
	for (int i = 0; i < n; i++)
		if ((cands[i].covers & need) == need)
			return 0; /* someone covers it all alone */
	struct team_search s = {cands, pool < n ? pool : n, need, 0, out, max, 0};
	struct match_team t;
	for (s.size = 2; s.size <= MATCH_TEAM_MAX && s.n == 0; s.size++) {
		memset(&t, 0, sizeof t);
		combine(&s, &t, 0, 0, 0);
	}
	return s.n;
}
