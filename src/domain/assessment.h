/* assessment.h — the self-assessment's arithmetic, with no I/O: what an answer
 * is worth, the scores per function and in total, which gap to close first,
 * and where a score stands among peers.
 *
 * The rule (also in the README): an answer is worth points out of 4 —
 * not_done 0, dont_know 0 (a gap: find out), partly 2, done 3, reviewed 4;
 * not_applicable leaves the item out. A score is 100 × Σ weight × points ÷
 * (4 × Σ weight) over the items that apply, rounded half up; per function
 * (NIST CSF 2.0: GV ID PR DE RS RC) and over all items for the total. An
 * action's priority is weight × (4 − points) ÷ effort (low 1, medium 2, high 3). */
#ifndef KK_DOMAIN_ASSESSMENT_H
#define KK_DOMAIN_ASSESSMENT_H

#include <stdint.h>

enum { FN_GV, FN_ID, FN_PR, FN_DE, FN_RS, FN_RC, FN__N };

/* "GV" .. "RC", then NULL. */
extern const char *const assessment_functions[];
/* not_done, partly, done, reviewed, dont_know, not_applicable, then NULL. */
extern const char *const assessment_answer_codes[];

/* The index of a function code, or -1. */
int assessment_function_index(const char *code);
/* Points of an answer code (0..4), -1 for not_applicable, -2 for an unknown code. */
int assessment_points(const char *answer);
/* Effort's divisor: low 1, medium 2, high 3 (unknown: 3). */
int assessment_effort_cost(const char *effort);

/* One answered item, as the score needs it. points -1: not applicable. */
struct scored_item {
	int function, weight, points;
};
/* Scores 0..100; -1 where no item applies. */
struct assessment_score {
	int total;
	int fn[FN__N];
};
/* The scores of n answered items. */
void assessment_score(const struct scored_item *items, int n, struct assessment_score *out);
/* weight × (4 − points) ÷ cost; 0 when not applicable or already at 4. */
double assessment_priority(int weight, int points, int cost);

#define ASSESSMENT_GROUPS     5
#define ASSESSMENT_GROUP_TEXT 32
/* The peer groups a company's figures count in, narrowest first, as codes: "s:<industry>:<size>",
 * "i:<industry>", "b:<regional block>" (when the prefecture is known), "p:<prefecture>", "all".
 * Written into out; how many (4 or 5). */
int assessment_groups(const char *industry, const char *employees, const char *prefecture,
                      char out[ASSESSMENT_GROUPS][ASSESSMENT_GROUP_TEXT]);

/* Where score stands in a histogram of peers' totals (hist[s] companies scored s, s 0..100):
 * n, mean, population sd, percentile (share below plus half of the equal, 0..100) and
 * 偏差値 (score − mean) ÷ sd × 10 + 50 (50 when sd is 0). All 0 when n is 0. */
struct peer_stats {
	int64_t n;
	double mean, sd, percentile, deviation;
};
/* Fill out for score against hist, as described above. */
void assessment_peer_stats(const int64_t hist[101], int score, struct peer_stats *out);

#endif
