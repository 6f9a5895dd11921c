/* registry.h — the registry held in memory: every expert's directory and matching fields,
 * kept sorted by id, with bitmaps by skill, by role, by prefecture (home or served) and for
 * nationwide remote work, so a directory query or a match reads only the experts it can
 * concern and never touches the database.
 *
 * Pure data and rules: store/registry.c reads the rows into a batch (struct reg_batch),
 * app/registry.c applies batches under its lock and answers queries. The directory's rules
 * are the ones the SQL search had (tests/http/test_registry_model.py evaluates them in SQL
 * as the reference); matching scores every relevant expert with domain/match.c.
 */
#ifndef KK_REGISTRY_H
#define KK_REGISTRY_H

#include "domain/expert.h"
#include "domain/match.h"
#include "util/arena.h"

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>

#define REG_MAX_CODES 64 /* skills, and roles, the taxonomy may have */

/* One expert, compact: codes are indexes into the registry's tables, strings malloc'd. */
struct reg_expert {
	int64_t id, ethics_at, last_assigned; /* 0: not accepted, never assigned */
	int64_t version;                      /* which load it came from (app/registry.c) */
	uint64_t serves;                      /* bit p: prefecture index p is served */
	uint64_t places;                      /* serves and the home prefecture */
	uint64_t roles;                       /* bit r: role r of the table */
	int8_t home;                          /* prefecture index, -1 unknown */
	uint8_t modes, cert, nskills, nconflicts;
	uint8_t vis[VF__MAX];
	bool remote, on_call, hidden, employer_supports, has_valid_cert;
	int hours, open_cases, ratings, stars_total;
	uint8_t skill[EXPERT_MAX_SKILLS], level[EXPERT_MAX_SKILLS]; /* in the taxonomy's order */
	char *name, *bio, *employer, *background, *languages;       /* background may be NULL */
	char **conflicts; /* nconflicts as written, then nconflicts folded (NFKC, case) */
	char *cert_s[6];  /* the latest certificate: number, level, status, issued_on, expires_on,
	                     reason (NULL when none) */
};

/* Codes of the taxonomy, in its order (the order profiles list them in). */
struct reg_codes {
	int n;
	char *code[REG_MAX_CODES];
};

struct registry {
	struct reg_codes skills, roles;
	struct reg_expert *ex; /* n of them, sorted by id */
	size_t n, cap;
	size_t words; /* of each bitmap: one bit per position in ex */
	uint64_t *skill_bits[REG_MAX_CODES], *role_bits[REG_MAX_CODES];
	uint64_t *place_bits[64], *remote_bits, *all_bits;
	/* what matching excludes by before reading a record: the code of ethics accepted, on
	 * call, remote work (nationwide or the remote mode), on-site work, a certificate
	 * suspended or revoked */
	uint64_t *ethics_bits, *on_call_bits, *any_remote_bits, *onsite_bits, *barred_bits;
	/* what bounds a score from above: a valid certificate, ratings above three stars */
	uint64_t *valid_bits, *praised_bits;
	int64_t *id_at; /* the id at each position, read without touching the records */
};

/* Experts read from the database, to apply: records sorted by id (store/registry.c fills
 * them in that order), the lists added to them by id. */
struct reg_batch {
	struct reg_expert *ex;
	size_t n, cap;
};

/* An empty registry. */
void registry_init(struct registry *g);
/* Free the records and bitmaps. The code tables stay: profiles and match reasons made
 * from the registry point into them (registry_free_codes frees them when nothing does). */
void registry_free(struct registry *g);
void registry_free_codes(struct registry *g);
/* The index of code in the table, adding it (up to REG_MAX_CODES); -1 when full. */
int registry_code(struct reg_codes *t, const char *code);
/* The index of code in the table, or -1. */
int registry_code_find(const struct reg_codes *t, const char *code);

/* A new record at the end of the batch (ids must come in increasing order). */
struct reg_expert *registry_batch_add(struct reg_batch *b, int64_t id);
/* The batch's record for id, or NULL. */
struct reg_expert *registry_batch_find(struct reg_batch *b, int64_t id);
/* Free the batch and every record still in it. */
void registry_batch_free(struct reg_batch *b);
void registry_expert_free(struct reg_expert *e);
/* The record's conflicts: add one as written and folded (copied). */
void registry_add_conflict(struct reg_expert *e, const char *name, const char *folded);

/* Replace everything with the batch (a full load); the batch is emptied. */
void registry_replace(struct registry *g, struct reg_batch *b);
/* Apply a batch for the ids changed[0..n): records in the batch replace or join the
 * registry; a changed id not in the batch (deleted) leaves it. The batch is emptied. */
void registry_apply(struct registry *g, struct reg_batch *b, const int64_t *changed, size_t n);

/* About how many bytes the registry holds (records, strings, bitmaps; not malloc's own). */
size_t registry_bytes(const struct registry *g);
/* The record of id, or NULL. */
const struct reg_expert *registry_find(const struct registry *g, int64_t id);
/* The record as a profile (strings copied into a). */
void registry_expert(const struct registry *g, const struct reg_expert *r, struct arena *a,
                     struct expert *out);

/* A directory query, its codes resolved: -1 for any. */
struct reg_query {
	int pref;         /* prefecture index, -1 */
	bool near;        /* widen to neighbours, then the regional block */
	int skill;        /* index in g->skills, -1; REG_UNKNOWN: a code the registry lacks */
	int min_level;    /* with skill; 1 when unset */
	int role;         /* index in g->roles, -1; REG_UNKNOWN */
	int mode;         /* MODE_* or 0 */
	int on_call;      /* -1 any, 0, 1 */
	int certified;    /* -1 any, 0, 1 */
	const char *q;    /* a substring (ASCII case-insensitive) of the name or, when the caller
	                     may see it, the biography; NULL or "" for any */
	int caller_level; /* enum vis_level */
};
#define REG_UNKNOWN (-2)

/* Every matching expert, not hidden, nearest first (tier 0 the prefecture, home or served;
 * 1 its neighbours and 2 its block, with near; 3 nationwide remote work), then by id.
 * ids, tiers and work (scratch) hold g->n entries at least. Returns how many. */
size_t registry_directory(const struct registry *g, const struct reg_query *q, int64_t *ids,
                          int8_t *tiers, int64_t *work);

/* Rank every relevant expert (a topic skill or a needed role, code of ethics accepted, not
 * hidden; on call only when on_call_only; at distance ring only when ring >= 0) for rq at
 * prefecture index pref, as domain/match.c scores them: the best max into out, best first.
 * Reasons name codes of the registry's tables; conflicts are read while it is held. */
int registry_match(const struct registry *g, const struct match_request *rq, int pref,
                   bool on_call_only, int ring, int64_t now, struct match_candidate *out, int max);

#endif
