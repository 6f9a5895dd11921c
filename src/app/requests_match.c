/* requests_match.c — what a request asks of experts (its topics, roles, the company's
 * vendors as conflicts), the ranked candidates and teams from the registry in memory
 * (app/registry.c), and why a candidate ranks where it does, in words. */
#include "app/experts.h"
#include "app/registry.h"
#include "app/requests.h"
#include "domain/text.h"
#include "view/i18n.h"

#include <string.h>

void request_match_request(struct db *db, struct arena *a, const struct request *q,
                           struct match_request *rq)
{
	memset(rq, 0, sizeof *rq);
	rq->incident = strcmp(q->kind, "incident") == 0;
	rq->onsite = strcmp(q->mode, "onsite") == 0;
	for (int i = 0; i < q->ntopics && i < MATCH_MAX_ITEMS; i++)
		rq->topics[rq->ntopics++] = q->topics[i];
	for (int i = 0; i < q->nroles && i < MATCH_MAX_ITEMS; i++)
		rq->roles[rq->nroles++] = q->roles[i];
	struct company c;
	if (companies_get(db, a, q->company_id, &c) == KK_OK)
		for (int i = 0; i < c.nvendors && i < MATCH_MAX_LIST; i++)
			rq->vendors[rq->nvendors++] = text_fold(a, c.vendors[i]);
	/* Incidents without topics or roles still need responders. */
	if (rq->incident && rq->ntopics == 0 && rq->nroles == 0)
		rq->roles[rq->nroles++] = "responder";
}

int request_matches(struct db *db, struct arena *a, const struct request *q,
                    struct request_matches *out)
{
	struct match_request rq;
	request_match_request(db, a, q, &rq);
	/* Every relevant expert of the registry in memory is scored. */
	out->n = registry_rank(db, &rq, q->prefecture, false, -1, out->cands, 30);
	if (out->n < 0)
		return KK_ERR;
	out->nteams = match_teams(&rq, out->cands, out->n, 30, out->teams, 5);
	return KK_OK;
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
