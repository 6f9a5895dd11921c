/* Tests src/domain/match.c on small hand-made fixtures. */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <cmocka.h>
#include <string.h>

#include "domain/match.h"

/* A competent, available expert; tests change one thing at a time. */
static struct match_expert expert(int64_t id, int distance)
{
	struct match_expert e;
	memset(&e, 0, sizeof e);
	e.id = id;
	e.distance = distance;
	e.remote = e.onsite = e.ethics = true;
	e.on_call_shown = e.hours_shown = true; /* fields the desk may read */
	e.cert = CERT_NONE;
	e.hours_per_week = 8;
	e.days_since_assigned = -1;
	e.nskills = 1;
	e.skill_codes[0] = "incident_response";
	e.skill_levels[0] = 3;
	return e;
}

static struct match_request request(bool onsite)
{
	struct match_request rq;
	memset(&rq, 0, sizeof rq);
	rq.onsite = onsite;
	rq.ntopics = 1;
	rq.topics[0] = "incident_response";
	return rq;
}

static int64_t ids[8];

static int rank(const struct match_request *rq, const struct match_expert *ex, int n)
{
	struct match_candidate out[8];
	int k = match_rank(rq, ex, n, out, 8);
	for (int i = 0; i < k; i++)
		ids[i] = out[i].id;
	return k;
}

static void nearest_first(void **state)
{
	(void)state;
	struct match_expert ex[] = {expert(1, DIST_FAR), expert(2, DIST_BLOCK),
	                            expert(3, DIST_SAME), expert(4, DIST_NEIGHBOUR)};
	struct match_request rq = request(false);
	assert_int_equal(rank(&rq, ex, 4), 4);
	int64_t want[] = {3, 4, 2, 1};
	assert_memory_equal(ids, want, sizeof want);
}

static void onsite_weighs_distance_and_excludes_far(void **state)
{
	(void)state;
	/* Remote: a level-4 neighbour beats a level-3 local; on site the local wins. */
	struct match_expert ex[] = {expert(1, DIST_SAME), expert(2, DIST_NEIGHBOUR),
	                            expert(3, DIST_FAR)};
	ex[1].skill_levels[0] = 4;
	struct match_request remote = request(false), onsite = request(true);
	assert_int_equal(rank(&remote, ex, 3), 3);
	assert_int_equal(ids[0], 2);
	assert_int_equal(rank(&onsite, ex, 3), 2);
	assert_int_equal(ids[0], 1);
	/* Far away without remote work: never proposed. */
	ex[2].remote = false;
	assert_int_equal(rank(&remote, ex, 3), 2);
}

static void skill_levels_order(void **state)
{
	(void)state;
	struct match_expert ex[] = {expert(1, DIST_SAME), expert(2, DIST_SAME),
	                            expert(3, DIST_SAME)};
	ex[0].skill_levels[0] = 1;
	ex[1].skill_levels[0] = 4;
	ex[2].skill_codes[0] = "web"; /* nothing asked for: not a candidate */
	struct match_request rq = request(false);
	assert_int_equal(rank(&rq, ex, 3), 2);
	assert_int_equal(ids[0], 2);
	assert_int_equal(ids[1], 1);
}

static void load_and_fairness_spread_work(void **state)
{
	(void)state;
	struct match_expert ex[] = {expert(1, DIST_SAME), expert(2, DIST_SAME),
	                            expert(3, DIST_SAME)};
	ex[0].open_cases = 2;          /* capacity 8/4 = 2: full */
	ex[1].days_since_assigned = 1; /* just had a case */
	struct match_request rq = request(false);
	assert_int_equal(rank(&rq, ex, 3), 3);
	int64_t want[] = {3, 2, 1};
	assert_memory_equal(ids, want, sizeof want);
}

static void exclusions(void **state)
{
	(void)state;
	struct match_expert ex[] = {expert(1, DIST_SAME), expert(2, DIST_SAME),
	                            expert(3, DIST_SAME), expert(4, DIST_SAME),
	                            expert(5, DIST_SAME), expert(6, DIST_SAME)};
	ex[0].ethics = false;
	ex[1].cert = CERT_SUSPENDED;
	ex[2].cert = CERT_REVOKED;
	ex[3].hidden = true;
	ex[4].nconflicts = 1;
	ex[4].conflicts[0] = "utm b社";
	struct match_request rq = request(false);
	rq.nvendors = 1;
	rq.vendors[0] = "UTM B社";
	assert_int_equal(rank(&rq, ex, 6), 1);
	assert_int_equal(ids[0], 6);
}

static void certificate_and_on_call_count_with_reasons(void **state)
{
	(void)state;
	struct match_expert ex[] = {expert(1, DIST_SAME), expert(2, DIST_SAME)};
	ex[1].cert = CERT_VALID;
	ex[1].on_call = true;
	struct match_request rq = request(false);
	rq.incident = true;
	struct match_candidate out[2];
	assert_int_equal(match_rank(&rq, ex, 2, out, 2), 2);
	assert_int_equal(out[0].id, 2);
	bool cert = false, on_call = false, skill = false, same = false;
	for (int i = 0; i < out[0].nreasons; i++) {
		cert |= strcmp(out[0].reasons[i].code, "certified") == 0;
		on_call |= strcmp(out[0].reasons[i].code, "on_call") == 0;
		same |= strcmp(out[0].reasons[i].code, "same_pref") == 0;
		skill |= strcmp(out[0].reasons[i].code, "skill") == 0 &&
		         strcmp(out[0].reasons[i].arg, "incident_response") == 0 &&
		         out[0].reasons[i].n == 3;
	}
	assert_true(cert && on_call && skill && same);
}

/* A field the expert keeps private weighs in the ranking but is never given as a reason. */
static void private_fields_give_no_reasons(void **state)
{
	(void)state;
	struct match_expert ex[] = {expert(1, DIST_SAME), expert(2, DIST_SAME)};
	for (int i = 0; i < 2; i++) {
		ex[i].on_call = true;
		ex[i].open_cases = 2; /* full at 8 hours a week */
	}
	ex[1].on_call_shown = ex[1].hours_shown = false;
	struct match_request rq = request(false);
	rq.incident = true;
	struct match_candidate out[2];
	assert_int_equal(match_rank(&rq, ex, 2, out, 2), 2);
	assert_int_equal(out[0].score, out[1].score); /* the same weight */
	for (int k = 0; k < 2; k++) {
		bool said = false;
		for (int i = 0; i < out[k].nreasons; i++)
			said |= strcmp(out[k].reasons[i].code, "on_call") == 0 ||
			        strcmp(out[k].reasons[i].code, "full") == 0;
		assert_true(said == (out[k].id == 1));
	}
}

static void deterministic(void **state)
{
	(void)state;
	struct match_expert ex[] = {expert(9, DIST_SAME), expert(3, DIST_SAME),
	                            expert(5, DIST_SAME)};
	struct match_request rq = request(false);
	int64_t first[3];
	rank(&rq, ex, 3);
	memcpy(first, ids, sizeof first);
	int64_t want[] = {3, 5, 9}; /* equal scores: by id */
	assert_memory_equal(first, want, sizeof want);
	struct match_expert rev[] = {ex[2], ex[1], ex[0]};
	rank(&rq, rev, 3);
	assert_memory_equal(ids, want, sizeof want);
}

static void top_max_only(void **state)
{
	(void)state;
	struct match_expert ex[20];
	for (int i = 0; i < 20; i++) {
		ex[i] = expert(100 + i, DIST_SAME);
		ex[i].skill_levels[0] = 1 + i % 4;
	}
	struct match_request rq = request(false);
	struct match_candidate out[3];
	assert_int_equal(match_rank(&rq, ex, 20, out, 3), 3);
	int64_t want[] = {103, 107, 111}; /* the level-4 experts, by id */
	for (int i = 0; i < 3; i++)
		assert_int_equal(out[i].id, want[i]);
}

static void teams_cover_what_nobody_has_alone(void **state)
{
	(void)state;
	/* Needs: incident response (level 2+), the adviser role, and forensics. */
	struct match_request rq = request(false);
	rq.ntopics = 2;
	rq.topics[1] = "forensics";
	rq.nroles = 1;
	rq.roles[0] = "adviser";
	struct match_expert ex[] = {expert(1, DIST_SAME), expert(2, DIST_SAME),
	                            expert(3, DIST_SAME), expert(4, DIST_SAME)};
	ex[1].skill_codes[0] = "forensics";
	ex[2].skill_codes[0] = "governance";
	ex[2].nroles = 1;
	ex[2].roles[0] = "adviser";
	ex[3].nskills = 2; /* forensics and the adviser role together */
	ex[3].skill_codes[0] = "forensics";
	ex[3].skill_codes[1] = "governance";
	ex[3].skill_levels[1] = 2;
	ex[3].nroles = 1;
	ex[3].roles[0] = "adviser";
	struct match_candidate c[8];
	int n = match_rank(&rq, ex, 4, c, 8);
	assert_int_equal(n, 4);
	struct match_team t[5];
	int k = match_teams(&rq, c, n, 8, t, 5);
	assert_true(k >= 1);
	/* The smallest team is two people: expert 1 with expert 4. */
	assert_int_equal(t[0].size, 2);
	int64_t a = c[t[0].members[0]].id, b = c[t[0].members[1]].id;
	assert_true((a == 1 && b == 4) || (a == 4 && b == 1));
	for (int i = 0; i < k; i++)
		assert_int_equal(t[i].size, 2);
	/* Someone who covers everything alone: no teams. */
	ex[0].nroles = 1;
	ex[0].roles[0] = "adviser";
	ex[0].nskills = 2;
	ex[0].skill_codes[1] = "forensics";
	ex[0].skill_levels[1] = 3;
	n = match_rank(&rq, ex, 4, c, 8);
	assert_int_equal(match_teams(&rq, c, n, 8, t, 5), 0);
}

/* No expert scores above match_bound of their distance and what they have of the request. */
static void bound_is_never_below_the_score(void **state)
{
	(void)state;
	unsigned seed = 7;
	for (int round = 0; round < 2000; round++) {
		seed = seed * 1103515245u + 12345u;
		struct match_request rq = request(seed & 1);
		rq.incident = (seed >> 1) & 1;
		rq.nroles = 1;
		rq.roles[0] = "responder";
		struct match_expert e = expert(1, (int)((seed >> 2) % 4));
		e.skill_levels[0] = 1 + (int)((seed >> 4) % 4);
		e.nroles = (seed >> 6) & 1;
		e.roles[0] = "responder";
		e.on_call = (seed >> 7) & 1;
		e.cert = (seed >> 8) & 1 ? CERT_VALID : CERT_NONE;
		e.ratings = (int)((seed >> 9) % 3);
		e.stars_total = e.ratings * (1 + (int)((seed >> 11) % 5));
		struct match_candidate c[1];
		if (match_rank(&rq, &e, 1, c, 1) == 1)
			assert_true(c[0].score <=
			            match_bound(&rq, e.distance, 1, e.nroles, e.on_call,
			                        e.cert == CERT_VALID,
			                        e.ratings && e.stars_total * 10 / e.ratings > 30));
	}
}

int main(void)
{
	const struct CMUnitTest tests[] = {
	    cmocka_unit_test(nearest_first),
	    cmocka_unit_test(onsite_weighs_distance_and_excludes_far),
	    cmocka_unit_test(skill_levels_order),
	    cmocka_unit_test(load_and_fairness_spread_work),
	    cmocka_unit_test(exclusions),
	    cmocka_unit_test(certificate_and_on_call_count_with_reasons),
	    cmocka_unit_test(private_fields_give_no_reasons),
	    cmocka_unit_test(deterministic),
	    cmocka_unit_test(top_max_only),
	    cmocka_unit_test(teams_cover_what_nobody_has_alone),
	    cmocka_unit_test(bound_is_never_below_the_score),
	};
	return cmocka_run_group_tests_name("match", tests, NULL, NULL);
}
