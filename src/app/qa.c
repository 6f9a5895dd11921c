/* qa.c — the Q&A knowledge base: asking (anonymous but for prefecture and
 * industry), answering, best answers and helpful marks (reputation and CPD
 * points), confirming an old answer, the archive rule, search and the expert
 * ranking. qa_api.c renders JSON, qa_pages.c HTML. */
#include "app/qa.h"
#include "app/registry.h"
#include "app/config.h"
#include "app/errors.h"
#include "app/notify.h"
#include "domain/date.h"
#include "store/accounts.h"
#include "store/audit.h"
#include "store/credentials.h"
#include "store/desks.h"
#include "store/experts.h"
#include "store/taxonomy.h"
#include "view/links.h"

#include <stdlib.h>
#include <string.h>

static const struct field_spec ask_fields[] = {
    {"title", FT_TEXT, true, 5, 100, NULL},
    {"body", FT_LINES, true, 10, 4000, NULL},
    {"topic", FT_TEXT, true, 1, 24, NULL},
    {"level", FT_INT, true, 1, 4, NULL},
};

/* Read the question fields; 0 or -1 with err. */
int qa_read_question(struct req *r, struct question *q, struct field_error *err)
{
	struct field_val v[4];
	if (input_read(r, ask_fields, 4, v, err) < 0)
		return KK_INVALID;
	if (!taxonomy_skill(v[2].s)) {
		*err = (struct field_error){"topic", "choice", 0};
		return KK_INVALID;
	}
	memset(q, 0, sizeof *q);
	q->title = v[0].s;
	q->body = v[1].s;
	q->topic = v[2].s;
	q->level = (int)v[3].n;
	return KK_OK;
}

int qa_ask(struct req *r, struct question *q, int64_t *id)
{
	/* The asker stays anonymous: only a prefecture and an industry are kept with it. */
	q->asker_id = r->user->id;
	q->prefecture = r->user->prefecture;
	struct company c;
	if (companies_get(r->db, r->a, r->user->id, &c) == KK_OK)
		q->industry = c.industry;
	if (db_begin(r->db) < 0 || questions_create(r->db, q, id) < 0 || db_commit(r->db) < 0) {
		db_rollback(r->db);
		return -1;
	}
	return 0;
}

/* May the caller read everything of question q (not only its teaser)? */
bool qa_full_access(struct req *r, const struct question *q)
{
	if (db_now() - q->created_at <= (int64_t)app_config.archive_days * 86400)
		return true;
	if (!r->user)
		return false;
	if ((r->user->role & (ROLE_ADMIN | ROLE_DESK)) || r->user->id == q->asker_id)
		return true;
	return accounts_premium(r->db, r->user->id);
}

/* The question; KK_NOTFOUND also when hidden, but for admins. */
static int qa_load(struct req *r, int64_t id, struct question *q)
{
	int rc = id > 0 ? questions_get(r->db, r->a, id, q) : KK_NOTFOUND;
	if (rc == KK_OK && q->hidden && !(r->user && (r->user->role & ROLE_ADMIN)))
		rc = KK_NOTFOUND;
	return rc;
}

bool qa_load_or_reply(struct req *r, int64_t id, struct question *q)
{
	return ok_or_reply(r, qa_load(r, id, q), NULL);
}

/* The first n characters of s. */
const char *qa_teaser(struct arena *a, const char *s, int n)
{
	const unsigned char *p = (const unsigned char *)s;
	int chars = 0;
	while (*p && chars < n) {
		p++;
		while ((*p & 0xC0) == 0x80)
			p++;
		chars++;
	}
	return *p ? arena_printf(a, "%.*s…", (int)(p - (const unsigned char *)s), s) : s;
}

int qa_shown_answers(struct req *r, const struct question *q, bool full, struct qa_shown *out,
                     int max)
{
	struct answer *all = arena_alloc(r->a, sizeof *all * (size_t)max);
	int n = answers_list(r->db, r->a, q->id, all, max), k = 0;
	bool held = n > 0 && registry_sync(r->db) == KK_OK; /* the authors, from memory */
	for (int i = 0; i < n; i++) {
		struct qa_shown *s = &out[k];
		s->best = all[i].id == q->best_answer_id;
		if (!full && !s->best)
			continue;
		s->a = all[i];
		if (!full)
			s->a.body = qa_teaser(r->a, all[i].body, TEASER_CHARS);
		s->has_expert = held && registry_get_held(r->a, all[i].expert_id, &s->e) == KK_OK;
		s->certified =
		    s->has_expert && s->e.cert.status && strcmp(s->e.cert.status, "valid") == 0;
		k++;
	}
	return k;
}

/* Older than two years and not confirmed since then. */
bool qa_outdated(const struct answer *ans)
{
	int64_t last = ans->confirmed_at > ans->created_at ? ans->confirmed_at : ans->created_at;
	return db_now() - last > (int64_t)OUTDATED_YEARS * 365 * 86400;
}

int qa_confirm(struct req *r, int64_t answer_id, int64_t *question_id, struct field_error *err)
{
	static const struct field_spec spec[] = {{"update", FT_LINES, false, 0, 4000, NULL}};
	struct field_val v[1];
	struct answer ans;
	if (answer_id <= 0 || answers_get(r->db, r->a, answer_id, &ans) != KK_OK || ans.hidden)
		return KK_NOTFOUND;
	*question_id = ans.question_id;
	if (ans.expert_id != r->user->id)
		return KK_FORBIDDEN;
	if (input_read(r, spec, 1, v, err) < 0)
		return KK_INVALID;
	if (db_begin(r->db) < 0 ||
	    answers_confirm(r->db, answer_id, v[0].present ? v[0].s : NULL) != KK_OK ||
	    db_commit(r->db) < 0) {
		db_rollback(r->db);
		return KK_ERR;
	}
	return KK_OK;
}

int qa_answer(struct req *r, int64_t question_id, struct question *q, int64_t *id,
              struct field_error *err)
{
	static const struct field_spec spec[] = {{"body", FT_LINES, true, 10, 8000, NULL}};
	struct field_val v[1];
	struct expert e;
	int rc = qa_load(r, question_id, q);
	if (rc != KK_OK)
		return rc;
	if (experts_get(r->db, r->a, r->user->id, &e) != KK_OK || !e.ethics_accepted_at ||
	    e.hidden) {
		*err = (struct field_error){NULL, "ethics_required", 0};
		return KK_FORBIDDEN;
	}
	if (input_read(r, spec, 1, v, err) < 0)
		return KK_INVALID;
	if (db_begin(r->db) < 0 || answers_create(r->db, q->id, e.id, v[0].s, id) < 0) {
		db_rollback(r->db);
		return KK_ERR;
	}
	if (q->asker_id)
		notify(r->db, q->asker_id, "question_answered", link_question(r->a, q->id, NULL));
	if (db_commit(r->db) < 0) {
		db_rollback(r->db);
		return KK_ERR;
	}
	return KK_OK;
}

/* CPD for answers: a best answer is worth 2 points, and every 5th helpful mark 1. */
static void answer_points(struct req *r, int64_t expert_id, int points, const char *note)
{
	char today[11];
	int64_t id;
	date_jst(db_now(), today);
	cpd_add(r->db, expert_id, "answer", 0, points, today, note, &id);
}

int qa_best(struct req *r, int64_t answer_id, int64_t *question_id)
{
	struct answer ans;
	struct question q;
	if (answer_id <= 0 || answers_get(r->db, r->a, answer_id, &ans) != KK_OK || ans.hidden ||
	    questions_get(r->db, r->a, ans.question_id, &q) != KK_OK || q.hidden)
		return KK_NOTFOUND;
	*question_id = q.id;
	if (q.asker_id != r->user->id)
		return KK_FORBIDDEN;
	if (q.best_answer_id == answer_id)
		return KK_OK;
	if (db_begin(r->db) < 0 || questions_set_best(r->db, q.id, answer_id) != KK_OK) {
		db_rollback(r->db);
		return KK_ERR;
	}
	/* points once per question, and none for answering one's own */
	if (!q.best_answer_id && ans.expert_id && ans.expert_id != q.asker_id)
		answer_points(r, ans.expert_id, 2,
		              arena_printf(r->a, "best answer, question %lld", (long long)q.id));
	if (ans.expert_id)
		notify(r->db, ans.expert_id, "answer_best", link_question(r->a, q.id, NULL));
	if (db_commit(r->db) < 0) {
		db_rollback(r->db);
		return KK_ERR;
	}
	return KK_OK;
}

int qa_helpful(struct req *r, int64_t answer_id, int64_t *question_id, int *count)
{
	struct answer ans;
	struct question q;
	if (answer_id <= 0 || answers_get(r->db, r->a, answer_id, &ans) != KK_OK || ans.hidden ||
	    questions_get(r->db, r->a, ans.question_id, &q) != KK_OK || q.hidden)
		return KK_NOTFOUND;
	*question_id = q.id;
	if (ans.expert_id == r->user->id)
		return KK_FORBIDDEN; /* not one's own */
	if (db_begin(r->db) < 0)
		return KK_ERR;
	int rc = helpful_add(r->db, answer_id, r->user->id, count);
	if (rc == KK_CONFLICT) {
		db_rollback(r->db);
		return KK_CONFLICT;
	}
	if (rc == KK_OK && ans.expert_id && ans.expert_id != q.asker_id && *count % 5 == 0)
		answer_points(r, ans.expert_id, 1,
		              arena_printf(r->a, "%d helpful marks, answer %lld", *count,
		                           (long long)answer_id));
	if (rc != KK_OK || db_commit(r->db) < 0) {
		db_rollback(r->db);
		return KK_ERR;
	}
	return KK_OK;
}

/* Is the snippet (its marks \x01 \x02 and the "…" at its ends aside) a piece of the
 * question's own text, not of an answer? */
static bool from_question(struct arena *a, const char *snippet, const char *body)
{
	char *plain = arena_strdup(a, snippet ? snippet : "");
	size_t n = 0;
	for (const char *c = plain; *c; c++)
		if (*c != '\x01' && *c != '\x02')
			plain[n++] = *c;
	plain[n] = '\0';
	static const char ellipsis[] = "…";
	const size_t el = sizeof ellipsis - 1;
	char *start = plain;
	if (strncmp(start, ellipsis, el) == 0)
		start += el;
	n = strlen(start);
	if (n >= el && strcmp(start + n - el, ellipsis) == 0)
		start[n - el] = '\0';
	return *start && strstr(body, start) != NULL;
}

int qa_run_search(struct req *r, const char *typed, const char *topic, int level, int page,
                  struct qa_results *res)
{
	*res = (struct qa_results){NULL, 0, 0, true};
	struct qa_query q = {.any = page == 0, .topic = topic, .level = level};
	q.match = !typed  ? NULL
	          : q.any ? qa_similar_query(r->a, typed)
	                  : qa_match_query(r->a, typed);
	if (page == 0)
		page = 1;
	if (!q.match)
		return 0; /* nothing searchable: no results, never an error */
	if (qa_search(r->db, r->a, &q, (page - 1) * SEARCH_PAGE, SEARCH_PAGE, res) != KK_OK)
		return -1;
	/* The archive rule holds for snippets too: for a question the caller may not read in
	 * full, a snippet from the question's own text, or else its start; never the answers'
	 * words. */
	for (int i = 0; i < res->n; i++) {
		struct question qn;
		if (questions_get(r->db, r->a, res->hits[i].id, &qn) != KK_OK)
			res->hits[i].snippet = "";
		else if (!qa_full_access(r, &qn) &&
		         !from_question(r->a, res->hits[i].snippet, qn.body))
			res->hits[i].snippet = qa_teaser(r->a, qn.body, TEASER_CHARS);
	}
	return res->n;
}

/* Query string: q, topic, level, page. Replies 400 and returns false when bad. */
bool qa_query_or_reply(struct req *r, const char **q, const char **topic, int *level, int *page)
{
	*q = req_query(r, "q");
	*topic = req_query(r, "topic");
	const char *lv = req_query(r, "level"), *pg = req_query(r, "page");
	*topic = *topic && **topic ? *topic : NULL;
	*level = lv && *lv ? atoi(lv) : 0;
	*page = pg && *pg ? atoi(pg) : 1;
	struct field_error err = {0};
	if (*q && (utf8_length(*q, strlen(*q)) < 0))
		err = (struct field_error){"q", "utf8", 0};
	else if (*q && utf8_length(*q, strlen(*q)) > 200)
		err = (struct field_error){"q", "too_long", 200};
	else if (*topic && !taxonomy_skill(*topic))
		err = (struct field_error){"topic", "choice", 0};
	else if (*level < 0 || *level > 4)
		err = (struct field_error){"level", "range", 4};
	else if (*page < 1 || *page > SEARCH_PAGES)
		err = (struct field_error){"page", "range", SEARCH_PAGES};
	if (err.field) {
		reply_invalid(r, &err);
		return false;
	}
	return true;
}

/* Experts by reputation in the Q&A: topic and prefecture from the query string. */
int qa_ranking_query(struct req *r, struct reputation *out, int max)
{
	const char *topic = req_query(r, "topic"), *pref = req_query(r, "pref");
	topic = topic && taxonomy_skill(topic) ? topic : NULL;
	pref = pref && *pref ? pref : NULL;
	return qa_ranking(r->db, topic, pref, out, max);
}

int qa_hide(struct req *r, const char *kind, int64_t id, struct field_error *why)
{
	static const struct field_spec spec[] = {{"reason", FT_TEXT, false, 0, 500, NULL}};
	struct field_val v[1];
	if (input_read(r, spec, 1, v, why) < 0)
		return KK_INVALID;
	bool question = strcmp(kind, "question") == 0;
	if (id <= 0)
		return KK_NOTFOUND;
	if (db_begin(r->db) != KK_OK)
		return KK_ERR;
	int rc =
	    question ? questions_set_hidden(r->db, id, true) : answers_set_hidden(r->db, id, true);
	if (rc == KK_OK)
		rc = audit_add(r->db, question ? "question_hidden" : "answer_hidden", 0,
		               r->user->id, r->ip,
		               arena_printf(r->a, "%s %lld: %s", kind, (long long)id,
		                            v[0].present ? v[0].s : ""));
	if (rc == KK_OK && (rc = db_commit(r->db)) == KK_OK)
		return KK_OK;
	db_rollback(r->db);
	return rc == KK_NOTFOUND ? KK_NOTFOUND : KK_ERR;
}
