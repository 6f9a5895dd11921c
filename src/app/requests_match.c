/* requests_match.c — the pool of experts for a request (its topics, roles, the
 * company's vendors as conflicts, distance from its prefecture), the ranked
 * candidates and teams, and why a candidate ranks where it does, in words. */
#include "app/experts.h"
#include "app/requests.h"
#include "domain/prefecture.h"
#include "domain/text.h"
#include "view/i18n.h"

#include <stdlib.h>
#include <string.h>

/* The most experts a pool holds. */
#define MATCH_LOAD_MAX 200000

int request_pool(struct db *db, struct arena *a, const struct request *q, bool on_call_only,
                 struct request_pool *p)
{
	memset(&p->rq, 0, sizeof p->rq);
	p->rq.incident = strcmp(q->kind, "incident") == 0;
	p->rq.onsite = strcmp(q->mode, "onsite") == 0;
	for (int i = 0; i < q->ntopics && i < MATCH_MAX_ITEMS; i++)
		p->rq.topics[p->rq.ntopics++] = q->topics[i];
	for (int i = 0; i < q->nroles && i < MATCH_MAX_ITEMS; i++)
		p->rq.roles[p->rq.nroles++] = q->roles[i];
	struct company c;
	if (companies_get(db, a, q->company_id, &c) == KK_OK)
		for (int i = 0; i < c.nvendors && i < MATCH_MAX_LIST; i++)
			p->rq.vendors[p->rq.nvendors++] = text_fold(a, c.vendors[i]);
	/* Incidents without topics or roles still need responders. */
	if (p->rq.incident && p->rq.ntopics == 0 && p->rq.nroles == 0)
		p->rq.roles[p->rq.nroles++] = "responder";
	p->ex = malloc(sizeof *p->ex * MATCH_LOAD_MAX);
	const char *(*prefs)[MATCH_MAX_PREFS] = malloc(sizeof *prefs * MATCH_LOAD_MAX);
	int *nprefs = malloc(sizeof *nprefs * MATCH_LOAD_MAX);
	p->n = (p->ex && prefs && nprefs)
	           ? match_load(db, a, q->prefecture, p->rq.topics, p->rq.ntopics, p->rq.roles,
	                        p->rq.nroles, on_call_only, p->ex, prefs, nprefs, MATCH_LOAD_MAX)
	           : KK_ERR;
	const struct prefecture *target = prefecture_by_code(q->prefecture);
	for (int i = 0; i < p->n; i++) {
		p->ex[i].distance =
		    target ? prefecture_distance(target, prefs[i], nprefs[i]) : DIST_FAR;
		for (int k = 0; k < p->ex[i].nconflicts; k++)
			p->ex[i].conflicts[k] = text_fold(a, p->ex[i].conflicts[k]);
	}
	free(prefs);
	free(nprefs);
	return p->n < 0 ? KK_ERR : p->n;
}

int request_matches(struct db *db, struct arena *a, const struct request *q,
                    struct request_matches *out)
{
	struct request_pool p;
	int rc = request_pool(db, a, q, false, &p);
	if (rc >= 0) {
		out->n = match_rank(&p.rq, p.ex, p.n, out->cands, 30);
		out->nteams = match_teams(&p.rq, out->cands, out->n, 30, out->teams, 5);
	}
	free(p.ex);
	return rc < 0 ? rc : KK_OK;
}

const char *request_reason_text(struct req *r, const struct match_reason *m)
{
	const char *args[2] = {tax_label(r, m->arg ? m->arg : ""),
	                       strcmp(m->code, "rating") == 0
	                           ? arena_printf(r->a, "%d.%d", m->n / 10, m->n % 10)
	                           : arena_printf(r->a, "%d", m->n)};
	struct buf b;
	buf_init(&b, r->a);
	const char *code = strcmp(m->code, "recent") == 0 && m->n == 0 ? "recent_today" : m->code;
	i18n_format(&b, i18n_get(r->lang, arena_printf(r->a, "match.%s", code)), args, 2, NULL);
	return b.p;
}
