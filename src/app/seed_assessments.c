/* seed_assessments.c — generated companies with a self-assessment each, for the
 * demo and the benchmarks: more companies where Japan has more small businesses,
 * industries in the proportions of the economic census (roughly), scores that
 * vary by industry and size, seven in ten agreeing to statistics. Reproducible:
 * the same n on the same database gives the same data. */
#include "app/seed.h"
#include "domain/assessment.h"
#include "domain/prefecture.h"
#include "domain/rng.h"
#include "store/accounts.h"
#include "store/assessments.h"
#include "store/desks.h"
#include "store/seed.h"

#include <stdio.h>
#include <string.h>

/* Small and medium enterprises per prefecture, in thousands (rounded, from the
 * 2016 economic census as the SME white paper reports it), "01".."47". */
static const int sme_thousands[PREF_COUNT] = {146, 41,  40,  60,  34, 41, 66, 86, 65, 71,  170, 129,
                                              413, 199, 83,  36,  43, 30, 33, 82, 74, 126, 207, 57,
                                              38,  86,  271, 147, 35, 38, 17, 25, 54, 84,  40,  27,
                                              34,  46,  26,  137, 25, 43, 53, 38, 36, 55,  45};

/* JSIC major groups A..T: how common each is among small businesses (per mille,
 * roughly), and how far along its companies tend to be (0..100). */
static const int industry_share[20] = {5, 1,  1,  0,   120, 100, 10, 15, 30, 220,
                                       5, 90, 40, 130, 100, 30,  60, 5,  38, 0};
static const int industry_maturity[20] = {30, 35, 35, 60, 45, 40, 75, 75, 45, 40,
                                          80, 40, 60, 35, 40, 60, 55, 55, 45, 50};
static const char *const industries[20] = {"A", "B", "C", "D", "E", "F", "G", "H", "I", "J",
                                           "K", "L", "M", "N", "O", "P", "Q", "R", "S", "T"};
static const char *const bands[6] = {"1-5", "6-20", "21-50", "51-100", "101-300", "301+"};
static const int band_share[6] = {55, 25, 11, 5, 3, 1};

static const char *const trade_names[] = {"製作所", "商店", "工業", "建設",   "運輸",
                                          "食堂",   "印刷", "電機", "不動産", "薬局"};

/* One answer for a company whose maturity is m (0..100). */
static const char *answer_for(struct rng *g, int m)
{
	int x = rng_pick(g, 100);
	if (x < 3)
		return "not_applicable";
	if (x < 10)
		return "dont_know";
	x = rng_pick(g, 100);
	return x < m / 3               ? "reviewed"
	       : x < m                 ? "done"
	       : x < m + (100 - m) / 2 ? "partly"
	                               : "not_done";
}

/* The bank of the newest version, read once per run. */
struct bank {
	int version, n;
	struct assessment_item items[ASSESSMENT_MAX_ITEMS];
};

/* An assessment of company c at maturity m, taken at `at`; counted in c's groups when
 * counted (the caller rebuilds the figures). */
static int assess(struct db *db, struct rng *g, const struct bank *b, const struct company *c,
                  int m, int64_t at, bool counted)
{
	struct assessment_answer answers[ASSESSMENT_MAX_ITEMS];
	struct scored_item scored[ASSESSMENT_MAX_ITEMS];
	for (int k = 0; k < b->n; k++) {
		answers[k] = (struct assessment_answer){b->items[k].code, answer_for(g, m)};
		scored[k] =
		    (struct scored_item){assessment_function_index(b->items[k].function),
		                         b->items[k].weight, assessment_points(answers[k].answer)};
	}
	struct assessment_score sc;
	assessment_score(scored, b->n, &sc);
	struct assessment s = {.version = b->version, .total = sc.total, .created_at = at};
	memcpy(s.fn, sc.fn, sizeof s.fn);
	int64_t aid;
	if (assessments_create(db, c->id, NULL, &s, answers, b->n, &aid) != KK_OK)
		return KK_ERR;
	if (!counted)
		return KK_OK;
	char groups[ASSESSMENT_GROUPS][ASSESSMENT_GROUP_TEXT];
	int n = assessment_groups(c->industry, c->employees, c->prefecture, groups);
	char all[ASSESSMENT_GROUPS * ASSESSMENT_GROUP_TEXT] = "";
	for (int k = 0; k < n; k++)
		snprintf(all + strlen(all), sizeof all - strlen(all), "%s%s", k ? " " : "",
		         groups[k]);
	return assessments_set_counted(db, aid, all);
}

/* Company number i: its account (it cannot log in), profile, consent and assessment. */
static int make_company(struct db *db, struct arena *a, struct rng *g, int64_t i,
                        const struct bank *b)
{
	const struct prefecture *prefs = prefectures_all();
	int p = rng_weighted(g, sme_thousands, PREF_COUNT);
	int ind = rng_weighted(g, industry_share, 20), band = rng_weighted(g, band_share, 6);
	char email[64];
	snprintf(email, sizeof email, "seed-co-%lld@kakekomi.example", (long long)i);
	const char *name = arena_printf(a, "株式会社%s%s %lld", prefs[p].name_ja,
	                                trade_names[rng_pick(g, 10)], (long long)i);
	int64_t id;
	if (accounts_create(db, email, "!", name, "sme", prefs[p].code, &id) != KK_OK)
		return KK_ERR;
	struct company c = {id, name, prefs[p].code, industries[ind], bands[band], 0, {0}};
	bool consent = rng_pick(g, 10) < 7;
	if (companies_save(db, &c) != KK_OK || companies_set_consent(db, id, consent) != KK_OK)
		return KK_ERR;
	/* Bigger companies are further along; each company varies around its industry. */
	int m = industry_maturity[ind] + band * 5 + rng_pick(g, 31) - 15;
	m = m < 5 ? 5 : m > 95 ? 95 : m;
	/* taken some time in the last year */
	int64_t at = db_now() - (int64_t)rng_pick(g, 365) * 86400 - rng_pick(g, 86400);
	return assess(db, g, b, &c, m, at, consent);
}

static int load_bank(struct db *db, struct arena *a, struct bank *b)
{
	b->version = assessment_version(db);
	b->n = b->version > 0
	           ? assessment_items(db, a, b->version, "ja", b->items, ASSESSMENT_MAX_ITEMS)
	           : -1;
	return b->n > 0 ? KK_OK : KK_ERR;
}

static int rebuild(struct db *db)
{
	if (db_begin(db) < 0)
		return KK_ERR;
	int rc = peer_rebuild(db);
	rc = rc == KK_OK ? db_commit(db) : rc;
	if (rc != KK_OK)
		db_rollback(db);
	return rc;
}

int seed_company_history(struct db *db, int64_t company_id)
{
	struct arena *a = arena_new();
	struct bank *b = arena_alloc(a, sizeof *b);
	struct company c;
	struct rng g = {20190318u * 17};
	int rc = load_bank(db, a, b) == KK_OK && companies_get(db, a, company_id, &c) == KK_OK
	             ? KK_OK
	             : KK_ERR;
	if (rc == KK_OK && db_begin(db) == KK_OK) {
		/* half a year ago, and last week after some work */
		rc = assess(db, &g, b, &c, 35, db_now() - 180 * 86400, false);
		if (rc == KK_OK)
			rc = assess(db, &g, b, &c, 60, db_now() - 7 * 86400, true);
		if (rc == KK_OK)
			rc = companies_set_consent(db, company_id, true);
		rc = rc == KK_OK ? db_commit(db) : rc;
		if (rc != KK_OK)
			db_rollback(db);
	}
	arena_free(a);
	return rc == KK_OK ? rebuild(db) : rc;
}

/* What every generated company needs: the bank and the sequence. */
struct company_seed {
	struct bank *bank;
	struct rng g;
};

static int one_company(struct db *db, struct arena *a, int64_t i, void *ctx)
{
	struct company_seed *cs = ctx;
	return make_company(db, a, &cs->g, i, cs->bank);
}

int seed_assessments(struct db *db, int n)
{
	int64_t start = seed_count(db, SEED_COMPANIES);
	struct arena *a = arena_new();
	struct company_seed cs = {arena_alloc(a, sizeof *cs.bank),
	                          {20190318u * 13 + (uint64_t)start}};
	int rc = start >= 0 && prefectures_all() ? load_bank(db, a, cs.bank) : KK_ERR;
	if (rc == KK_OK)
		rc = seed_batches(db, n, 2000, start, "companies", one_company, &cs);
	arena_free(a);
	/* The peer figures, once, from what is counted now. */
	return rc == KK_OK ? rebuild(db) : rc;
}
