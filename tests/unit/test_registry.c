/* Tests src/domain/registry.c and registry_query.c: records kept in id order through
 * inserts, updates and deletes, bitmaps that follow them, the directory's tiers and
 * filters, and matching over the records. */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <cmocka.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "domain/prefecture.h"
#include "domain/registry.h"

/* 31 Tottori borders 28 Hyogo and 32 to 34; 31 to 35 are one block. */
static void install(void)
{
	static struct prefecture t[PREF_COUNT];
	for (int i = 0; i < PREF_COUNT; i++) {
		snprintf(t[i].code, sizeof t[i].code, "%02d", i + 1);
		snprintf(t[i].block, sizeof t[i].block, "%s",
		         i + 1 >= 31 && i + 1 <= 35 ? "chugoku" : "other");
	}
	static const char *const tottori[] = {"28", "32", "33", "34"};
	for (int k = 0; k < 4; k++)
		snprintf(t[30].neighbours[k], 3, "%s", tottori[k]);
	t[30].nneighbours = 4;
	prefectures_set(t);
}

/* An expert at home in pref with one skill (index 0, "backup") at level. */
static struct reg_expert *add(struct reg_batch *b, int64_t id, const char *pref, int level)
{
	struct reg_expert *e = registry_batch_add(b, id);
	char name[32];
	snprintf(name, sizeof name, "Expert %lld", (long long)id);
	e->name = strdup(name);
	e->bio = strdup("");
	e->employer = strdup("");
	e->languages = strdup("ja");
	e->home = (int8_t)prefecture_index(pref);
	e->places = 1ull << e->home;
	e->ethics_at = 1;
	e->hours = 8;
	e->modes = MODE_REMOTE | MODE_ONSITE;
	e->nskills = 1;
	e->skill[0] = 0;
	e->level[0] = (uint8_t)level;
	return e;
}

static void setup_registry(struct registry *g)
{
	registry_init(g);
	registry_code(&g->skills, "backup");
	registry_code(&g->skills, "forensics");
	registry_code(&g->roles, "responder");
}

static struct reg_query any(void)
{
	return (struct reg_query){.pref = -1,
	                          .skill = -1,
	                          .role = -1,
	                          .on_call = -1,
	                          .certified = -1,
	                          .caller_level = VIS_PUBLIC};
}

static size_t run(const struct registry *g, const struct reg_query *q, int64_t *ids, int8_t *t)
{
	int64_t work[16];
	assert_true(g->n <= 16);
	return registry_directory(g, q, ids, t, work);
}

static void kept_in_id_order(void **state)
{
	(void)state;
	install();
	struct registry g;
	setup_registry(&g);
	struct reg_batch b = {0};
	add(&b, 10, "31", 2);
	add(&b, 20, "13", 2);
	registry_replace(&g, &b);
	/* 15 (between), 30 (after) and 5 (before) join; 20 is deleted; 10 changes place */
	add(&b, 5, "32", 1);
	add(&b, 10, "28", 3);
	add(&b, 15, "01", 1);
	add(&b, 30, "31", 4);
	int64_t changed[] = {30, 20, 15, 10, 5, 20};
	registry_apply(&g, &b, changed, 6);
	assert_int_equal(g.n, 4);
	int64_t want[] = {5, 10, 15, 30};
	for (size_t i = 0; i < g.n; i++)
		assert_int_equal(g.ex[i].id, want[i]);
	assert_null(registry_find(&g, 20));
	assert_int_equal(registry_find(&g, 10)->home, prefecture_index("28"));
	/* the bitmaps follow: everyone with the skill, nearest Tottori first */
	int64_t ids[8];
	int8_t t[8];
	struct reg_query q = any();
	q.skill = 0;
	assert_int_equal(run(&g, &q, ids, t), 4);
	assert_memory_equal(ids, want, sizeof want);
	q.pref = prefecture_index("31");
	q.near = true;
	assert_int_equal(run(&g, &q, ids, t), 3); /* 15 in Hokkaido, not remote: not near */
	int64_t near[] = {30, 5, 10};
	int8_t tiers[] = {0, 1, 1};
	assert_memory_equal(ids, near, sizeof near);
	assert_memory_equal(t, tiers, sizeof tiers);
	q.min_level = 3;
	assert_int_equal(run(&g, &q, ids, t), 2); /* 30 (4) and 10 (3) */
	registry_free_codes(&g); /* before registry_free, which clears the tables */
	registry_free(&g);
}

static void tiers_and_remote(void **state)
{
	(void)state;
	install();
	struct registry g;
	setup_registry(&g);
	struct reg_batch b = {0};
	/* 1 far but working remotely nationwide: tier 3; 2 in the block: tier 2; 3 serves
	 * Tottori: tier 0; 4 far and not remote: never */
	add(&b, 1, "01", 2)->remote = true;
	add(&b, 2, "35", 2);
	struct reg_expert *e = add(&b, 3, "01", 2);
	e->serves = 1ull << prefecture_index("31");
	e->places |= e->serves;
	add(&b, 4, "13", 2); /* far, not remote: never */
	registry_replace(&g, &b);
	int64_t ids[8];
	int8_t t[8];
	struct reg_query q = any();
	q.pref = prefecture_index("31");
	q.near = true;
	assert_int_equal(run(&g, &q, ids, t), 3);
	int64_t want[] = {3, 2, 1};
	int8_t tiers[] = {0, 2, 3};
	assert_memory_equal(ids, want, sizeof want);
	assert_memory_equal(t, tiers, sizeof tiers);
	q.near = false; /* without near: the prefecture itself and remote workers */
	assert_int_equal(run(&g, &q, ids, t), 2);
	assert_int_equal(ids[0], 3);
	assert_int_equal(ids[1], 1);
	registry_free_codes(&g); /* before registry_free, which clears the tables */
	registry_free(&g);
}

static void filters_respect_visibility(void **state)
{
	(void)state;
	install();
	struct registry g;
	setup_registry(&g);
	struct reg_batch b = {0};
	struct reg_expert *e = add(&b, 1, "13", 2);
	e->on_call = true;
	e->vis[VF_ON_CALL] = VIS_DESKS;
	free(e->bio);
	e->bio = strdup("Ransomware の対応");
	e->vis[VF_BIO] = VIS_USERS;
	add(&b, 2, "13", 2)->hidden = true;
	registry_replace(&g, &b);
	int64_t ids[8];
	int8_t t[8];
	struct reg_query q = any();
	assert_int_equal(run(&g, &q, ids, t), 1); /* the hidden one is never listed */
	q.on_call = 1;
	assert_int_equal(run(&g, &q, ids, t), 0); /* the public may not filter on it */
	q.caller_level = VIS_DESKS;
	assert_int_equal(run(&g, &q, ids, t), 1);
	q = any();
	q.q = "RANSOM";
	assert_int_equal(run(&g, &q, ids, t), 0); /* the bio is for signed-in users */
	q.caller_level = VIS_USERS;
	assert_int_equal(run(&g, &q, ids, t), 1); /* ASCII case does not matter */
	q.q = "expert 1";
	q.caller_level = VIS_PUBLIC;
	assert_int_equal(run(&g, &q, ids, t), 1); /* the name always */
	q.q = "%";
	assert_int_equal(run(&g, &q, ids, t), 0); /* no wildcards */
	q = any();
	q.skill = REG_UNKNOWN;
	assert_int_equal(run(&g, &q, ids, t), 0);
	registry_free_codes(&g); /* before registry_free, which clears the tables */
	registry_free(&g);
}

static void matches_every_relevant_expert(void **state)
{
	(void)state;
	install();
	struct registry g;
	setup_registry(&g);
	struct reg_batch b = {0};
	/* 6,000 experts with the skill in Tottori, one far better in Hokkaido working remotely:
	 * a pool of the nearest 5,000 would never have seen it. */
	for (int i = 1; i <= 6000; i++)
		add(&b, i, "31", 1);
	struct reg_expert *star = add(&b, 6001, "01", 4);
	star->remote = true;
	star->cert = CERT_VALID;
	registry_replace(&g, &b);
	struct match_request rq = {.ntopics = 1, .topics = {"backup"}};
	struct match_candidate out[5];
	assert_int_equal(registry_match(&g, &rq, prefecture_index("31"), false, -1, 0, out, 5), 5);
	assert_int_equal(out[0].id, 6001);
	assert_int_equal(out[1].id, 1); /* then the nearest, by id */
	/* ring 0 only: the prefecture's own */
	assert_int_equal(
	    registry_match(&g, &rq, prefecture_index("31"), false, DIST_SAME, 0, out, 5), 5);
	assert_int_equal(out[0].id, 1);
	/* on site: far never; a neighbour only when they go on site */
	struct reg_batch n = {0};
	add(&n, 7001, "32", 4)->modes = MODE_REMOTE;
	add(&n, 7002, "32", 4)->modes = MODE_ONSITE;
	int64_t joined[] = {7001, 7002};
	registry_apply(&g, &n, joined, 2);
	struct match_request onsite = rq;
	onsite.onsite = true;
	int k = registry_match(&g, &onsite, prefecture_index("31"), false, -1, 0, out, 5);
	assert_int_equal(k, 5);
	for (int i = 0; i < k; i++)
		assert_true(out[i].id != 6001 && out[i].id != 7001);
	assert_int_equal(out[0].id, 7002); /* 25 for a neighbour on site and 40 for level 4 */
	assert_int_equal(out[1].id, 1);    /* 40 in the prefecture itself and 10 for level 1 */
	assert_int_equal(
	    registry_match(&g, &onsite, prefecture_index("31"), false, DIST_NEIGHBOUR, 0, out, 5),
	    1);
	assert_int_equal(out[0].id, 7002);
	/* on call only: nobody is */
	assert_int_equal(registry_match(&g, &rq, prefecture_index("31"), true, -1, 0, out, 5), 0);
	/* conflicts, folded, exclude */
	struct reg_batch c = {0};
	struct reg_expert *x = add(&c, 6001, "01", 4);
	x->remote = true;
	registry_add_conflict(x, "ＵＴＭ Ｂ社", "utm b社");
	int64_t changed[] = {6001};
	registry_apply(&g, &c, changed, 1);
	rq.nvendors = 1;
	rq.vendors[0] = "UTM B社";
	assert_int_equal(registry_match(&g, &rq, prefecture_index("31"), false, -1, 0, out, 5), 5);
	for (int i = 0; i < 5; i++)
		assert_true(out[i].id != 6001); /* conflicted */
	assert_int_equal(out[0].id, 7001);      /* the neighbours at level 4, the lower id first */
	assert_int_equal(out[1].id, 7002);
	/* the profile as the registry holds it */
	struct arena *a = arena_new();
	struct expert e;
	registry_expert(&g, registry_find(&g, 6001), a, &e);
	assert_string_equal(e.prefecture, "01");
	assert_int_equal(e.nconflicts, 1);
	assert_string_equal(e.conflicts[0], "ＵＴＭ Ｂ社");
	assert_string_equal(e.skills[0].code, "backup");
	assert_int_equal(e.skills[0].level, 4);
	arena_free(a);
	registry_free_codes(&g); /* before registry_free, which clears the tables */
	registry_free(&g);
}

int main(void)
{
	const struct CMUnitTest tests[] = {
	    cmocka_unit_test(kept_in_id_order),
	    cmocka_unit_test(tiers_and_remote),
	    cmocka_unit_test(filters_respect_visibility),
	    cmocka_unit_test(matches_every_relevant_expert),
	};
	return cmocka_run_group_tests_name("registry", tests, NULL, NULL);
}
