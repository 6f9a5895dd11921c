/* seed_activity.c — generated history for the regional dashboard: requests by
 * the generated companies over the past years (so, like them, more in Tokyo,
 * Osaka and Aichi), an incident in four, topics from the taxonomy, a first
 * response after hours that are longer where there are few companies (and so
 * few people), incidents widened beyond small prefectures more often, a few
 * transferred to a neighbour's desk. Reproducible: the same years on the same
 * database give the same history. The aggregates follow by themselves (the
 * triggers of migration 019). */
#include "app/seed.h"
#include "domain/prefecture.h"
#include "domain/rng.h"
#include "store/desks.h"
#include "store/requests.h"
#include "store/seed.h"
#include "store/taxonomy.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#define MAX_COMPANIES 200000
#define PER_YEAR      3000 /* requests a year at least; a fifth of the companies when more */

struct activity {
	struct rng g;
	int64_t now, span;
	int n;
	int64_t *ids;
	char (*prefs)[3];
	int per_pref[PREF_COUNT];
	int64_t desk[PREF_COUNT];
};

static const char *const texts[] = {
    "取引先を装ったメールの添付ファイルを開いてしまった。",
    "社内のパソコンの更新が止まっている。何から始めればよいか。",
    "ホームページの問い合わせフォームに不審な書き込みが続いている。",
    "退職した社員のアカウントが残っているか確認したい。",
    "バックアップの取り方と戻し方を見直したい。",
    "取引先からセキュリティ対策の報告を求められた。"};

static int one_request(struct db *db, struct arena *a, int64_t k, void *ctx)
{
	(void)k;
	struct activity *s = ctx;
	const struct taxonomy *tax = taxonomy();
	int c = rng_pick(&s->g, s->n);
	const char *pref = s->prefs[c];
	int p = atoi(pref) - 1;
	bool small = s->per_pref[p] * PREF_COUNT < s->n * 6 / 10; /* under 60 % of the average */
	struct request q = {0};
	q.company_id = s->ids[c];
	q.desk_id = s->desk[p];
	q.prefecture = pref;
	q.kind = rng_pick(&s->g, 4) == 0 ? "incident" : "advice";
	q.description = texts[rng_pick(&s->g, (int)(sizeof texts / sizeof *texts))];
	q.mode = rng_pick(&s->g, 3) ? "remote" : "onsite";
	q.urgency = strcmp(q.kind, "incident") == 0 ? "high" : "normal";
	q.created_at = s->now - rng_pick(&s->g, (int)s->span) - 3600;
	int ntopics = 1 + rng_pick(&s->g, 2);
	for (int t = 0; tax && t < ntopics; t++)
		q.topics[q.ntopics++] = tax->skills[rng_pick(&s->g, tax->nskills)].code;
	if (q.ntopics == 2 && strcmp(q.topics[0], q.topics[1]) == 0)
		q.ntopics = 1;
	int64_t id;
	if (requests_create(db, &q, &id) != KK_OK ||
	    request_event_at(db, id, q.created_at, "filed", q.company_id, q.kind) != KK_OK)
		return KK_ERR;
	/* A first response after hours; slower where few can help. */
	int64_t after = (1 + rng_pick(&s->g, 36)) * 3600L * (small ? 3 : 1) + rng_pick(&s->g, 3600);
	if (rng_pick(&s->g, 100) < (small ? 70 : 90) && q.created_at + after < s->now &&
	    request_event_at(db, id, q.created_at + after,
	                     rng_pick(&s->g, 2) ? "assigned" : "accepted", 0,
	                     arena_printf(a, "seed %lld", (long long)id)) != KK_OK)
		return KK_ERR;
	if (strcmp(q.kind, "incident") == 0 && rng_pick(&s->g, 100) < (small ? 60 : 15) &&
	    requests_set_ring(db, id, 1 + rng_pick(&s->g, 2), 0) != KK_OK)
		return KK_ERR;
	/* A few go to a neighbour's desk. */
	const struct prefecture *here = prefecture_by_code(pref);
	if (here && here->nneighbours && rng_pick(&s->g, 100) < 4) {
		int to = atoi(here->neighbours[rng_pick(&s->g, here->nneighbours)]) - 1;
		if (s->desk[to] && requests_set_desk(db, id, s->desk[to]) != KK_OK)
			return KK_ERR;
	}
	return requests_set_status(db, id,
	                           q.created_at < s->now - 30 * 86400L ? "closed" : "assigned");
}

int seed_activity(struct db *db, int years)
{
	struct activity *s = calloc(1, sizeof *s);
	if (!s)
		return KK_ERR;
	s->ids = malloc(sizeof *s->ids * MAX_COMPANIES);
	s->prefs = malloc(sizeof *s->prefs * MAX_COMPANIES);
	int rc = s->ids && s->prefs && prefectures_all() ? KK_OK : KK_ERR;
	if (rc == KK_OK)
		rc = (s->n = seed_companies(db, s->ids, s->prefs, MAX_COMPANIES)) > 0 ? KK_OK
		                                                                      : KK_ERR;
	if (rc == KK_ERR)
		fprintf(stderr, "seed: --activity needs companies: seed --assessments N first\n");
	for (int i = 0; rc == KK_OK && i < s->n; i++) {
		int p = atoi(s->prefs[i]) - 1;
		if (p >= 0 && p < PREF_COUNT)
			s->per_pref[p]++;
	}
	for (int p = 0; rc == KK_OK && p < PREF_COUNT; p++)
		if (desks_for_prefecture(db, prefectures_all()[p].code, &s->desk[p]) == KK_ERR)
			rc = KK_ERR;
	s->g.state = 20190318u * 19 + (uint64_t)years;
	s->now = db_now();
	s->span = (int64_t)years * 365 * 86400;
	if (rc == KK_OK)
		rc = seed_batches(db, years * (s->n / 5 > PER_YEAR ? s->n / 5 : PER_YEAR), 1000, 0,
		                  "requests", one_request, s);
	free(s->ids);
	free(s->prefs);
	free(s);
	return rc;
}
