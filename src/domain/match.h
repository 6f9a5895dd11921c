/* match.h — explainable matching of experts (and teams of experts) to a
 * consultation request. Pure: plain structs in, ranked candidates out; the
 * caller loads the data and turns reasons into words.
 *
 * Every candidate carries its score and the reasons that made it, so a desk
 * operator can see why someone is proposed. The same input always gives the
 * same output (ties are broken by expert id).
 */
#ifndef KK_MATCH_H
#define KK_MATCH_H

#include <stdbool.h>
#include <stdint.h>

#define MATCH_MAX_ITEMS   8 /* topics or roles in a request */
#define MATCH_MAX_SKILLS  32
#define MATCH_MAX_LIST    20
#define MATCH_MAX_REASONS 16
#define MATCH_TEAM_MAX    4

enum match_distance { DIST_SAME, DIST_NEIGHBOUR, DIST_BLOCK, DIST_FAR };
enum match_cert { CERT_NONE, CERT_VALID, CERT_EXPIRED, CERT_SUSPENDED, CERT_REVOKED };

struct match_expert {
	int64_t id;
	int distance; /* enum match_distance: nearest of home and served prefectures */
	bool remote;  /* takes remote work (nationwide remote, or the remote mode) */
	bool onsite;  /* takes on-site work */
	bool on_call;
	bool on_call_shown,
	    hours_shown; /* may the desk read them? (reasons only; the score uses both) */
	bool ethics;     /* code of ethics accepted */
	bool hidden;
	int cert; /* enum match_cert of the latest certificate */
	int hours_per_week;
	int open_cases; /* requests assigned and not closed */
	int ratings, stars_total;
	int days_since_assigned; /* -1: never assigned */
	int nskills, nroles, nconflicts;
	const char *skill_codes[MATCH_MAX_SKILLS];
	int skill_levels[MATCH_MAX_SKILLS];
	const char *roles[MATCH_MAX_LIST];
	const char *conflicts[MATCH_MAX_LIST]; /* normalised (NFKC, lower case) */
};

struct match_request {
	bool incident, onsite;
	int ntopics, nroles, nvendors;
	const char *topics[MATCH_MAX_ITEMS]; /* skill codes */
	const char *roles[MATCH_MAX_ITEMS];
	const char *vendors[MATCH_MAX_LIST]; /* normalised like conflicts */
};

/* Why a candidate scores what it scores. code names a catalog message
 * (match.CODE); arg and n fill it in (a skill or role code, a number). */
struct match_reason {
	const char *code;
	const char *arg;
	int n;
};

struct match_candidate {
	int64_t id;
	int index; /* into the experts array */
	int score;
	unsigned covers; /* bit i: topic i (level 2 or more); bit 8+j: role j */
	int nreasons;
	struct match_reason reasons[MATCH_MAX_REASONS];
};

struct match_team {
	int size, score;
	int members[MATCH_TEAM_MAX];     /* indexes into the candidates array */
	unsigned covers[MATCH_TEAM_MAX]; /* what each member brings */
};

/* Score every eligible expert; write the best max into out, best first.
 * Returns how many were written. Excluded, whatever their score: no ethics,
 * certificate suspended or revoked, hidden, a conflict of interest with one of
 * the company's vendors, far away without remote work (or far away for on-site
 * help), or nothing the request asks for. */
int match_rank(const struct match_request *rq, const struct match_expert *ex, int n,
               struct match_candidate *out, int max);

/* One expert as they stream past: scored (index recorded) and, when among the best max,
 * put at its place in out[0..k), which keeps the best first. Returns the new k. */
int match_consider(const struct match_request *rq, const struct match_expert *e, int index,
                   struct match_candidate *out, int k, int max);

/* The most an expert at distance, with `topics` of the request's skills and `roles` of
 * its roles, on call or not, with a valid certificate or not, rated above three stars on
 * average or not, could score (skills at level 4, no penalty): who cannot reach the last
 * of the best so far need not be scored. */
int match_bound(const struct match_request *rq, int distance, int topics, int roles, bool on_call,
                bool certified, bool praised);

/* The bits a request needs covered (its topics and roles). */
unsigned match_needed(const struct match_request *rq);

/* When no single candidate covers everything: the smallest teams (2 to 4
 * people) drawn from the first `pool` candidates that together cover it,
 * best first (size, then total score, then ids). Returns how many. */
int match_teams(const struct match_request *rq, const struct match_candidate *cands, int n,
                int pool, struct match_team *out, int max);

#endif
