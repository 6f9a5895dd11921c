/* qa_api.c — the Q&A knowledge base: asking, answering, best answers, helpful
 * marks, reports and hiding, search with highlighted snippets, similar
 * questions, and the archive rule. */
#include "app/errors.h"
#include "app/config.h"
#include "app/handlers.h"
#include "app/notify.h"
#include "app/qa.h"
#include "domain/date.h"
#include "store/accounts.h"
#include "store/audit.h"
#include "store/credentials.h"
#include "store/experts.h"
#include "store/requests.h"
#include "store/taxonomy.h"
#include "view/html.h"
#include "view/i18n.h"
#include "view/layout.h"
#include "view/links.h"

#include <stdlib.h>
#include <string.h>

void api_questions_create(struct req *r)
{
	struct question q;
	struct field_error err = {0};
	int64_t id;
	if (qa_read_question(r, &q, &err) < 0) {
		reply_invalid(r, &err);
		return;
	}
	if (qa_ask(r, &q, &id) < 0)
		reply_error(r, 500, "internal");
	else
		reply_json(r, 201, json_pack("{s:I}", "id", (json_int_t)id));
}

static json_t *time_json(int64_t t)
{
	char s[21];
	date_format_utc(t, s);
	return json_string(s);
}

void api_answers_confirm(struct req *r)
{
	int64_t qid = 0;
	struct field_error err = {0};
	if (ok_or_reply(r, qa_confirm(r, req_param_id(r, 0), &qid, &err), &err))
		reply_json(r, 200,
		           json_pack("{s:I,s:b}", "question_id", (json_int_t)qid, "confirmed", 1));
}

static void question_reply(struct req *r)
{
	struct question q;
	if (!qa_load_or_reply(r, req_param_id(r, 0), &q))
		return;
	bool full = qa_full_access(r, &q);
	json_t *j = json_pack("{s:I,s:s,s:s,s:i,s:s*,s:s*,s:o,s:b}", "id", (json_int_t)q.id,
	                      "title", q.title, "topic", q.topic, "level", q.level, "prefecture",
	                      q.prefecture, "industry", q.industry, "created_at",
	                      time_json(q.created_at), "archived", !full);
	json_object_set_new(j, "best_answer_id",
	                    q.best_answer_id ? json_integer(q.best_answer_id) : json_null());
	struct qa_shown *ans = arena_alloc(r->a, sizeof *ans * 100);
	int n = qa_shown_answers(r, &q, full, ans, 100);
	json_t *arr = json_array();
	for (int i = 0; i < n; i++) {
		const struct answer *an = &ans[i].a;
		json_t *a =
		    json_pack("{s:I,s:s,s:i,s:b,s:o,s:b}", "id", (json_int_t)an->id, "body",
		              an->body, "helpful", an->helpful, "best", ans[i].best, "created_at",
		              time_json(an->created_at), "outdated", qa_outdated(an));
		if (full && an->addendum)
			json_object_set_new(a, "update", json_string(an->addendum));
		if (an->confirmed_at)
			json_object_set_new(a, "confirmed_at", time_json(an->confirmed_at));
		if (ans[i].has_expert)
			json_object_set_new(a, "expert",
			                    json_pack("{s:I,s:s,s:b}", "id",
			                              (json_int_t)ans[i].e.id, "display_name",
			                              ans[i].e.display_name, "certified",
			                              ans[i].certified));
		json_array_append_new(arr, a);
	}
	json_object_set_new(j, "body",
	                    json_string(full ? q.body : qa_teaser(r->a, q.body, TEASER_CHARS)));
	json_object_set_new(j, "answers", arr);
	reply_json(r, 200, j);
}

void api_questions_get(struct req *r)
{
	db_read_begin(r->db); /* the question, its answers and the registry's log: one snapshot */
	question_reply(r);
	db_read_end(r->db);
}

void api_questions_answer(struct req *r)
{
	struct question q;
	struct field_error err = {0};
	int64_t id;
	if (ok_or_reply(r, qa_answer(r, req_param_id(r, 0), &q, &id, &err), &err))
		reply_json(r, 201, json_pack("{s:I}", "id", (json_int_t)id));
}

void api_answers_best(struct req *r)
{
	int64_t qid = 0;
	if (ok_or_reply(r, qa_best(r, req_param_id(r, 0), &qid), NULL))
		reply_json(r, 200,
		           json_pack("{s:I,s:I}", "question_id", (json_int_t)qid, "best_answer_id",
		                     (json_int_t)req_param_id(r, 0)));
}

void api_answers_helpful(struct req *r)
{
	int64_t qid = 0;
	int count = 0;
	static const struct field_error already = {NULL, "already_marked", 0};
	if (ok_or_reply(r, qa_helpful(r, req_param_id(r, 0), &qid, &count), &already))
		reply_json(r, 200, json_pack("{s:i}", "helpful", count));
}

static void hide(struct req *r, const char *kind)
{
	struct field_error why = {0};
	int64_t id = req_param_id(r, 0);
	if (ok_or_reply(r, qa_hide(r, kind, id, &why), &why))
		reply_json(r, 200, json_pack("{s:I,s:b}", "id", (json_int_t)id, "hidden", 1));
}

void api_questions_hide(struct req *r)
{
	hide(r, "question");
}

void api_answers_hide(struct req *r)
{
	hide(r, "answer");
}

static void report(struct req *r, const char *kind)
{
	static const struct field_spec spec[] = {{"reason", FT_LINES, true, 1, 1000, NULL}};
	struct field_val v[1];
	int64_t id = req_param_id(r, 0);
	if (!input_or_reply(r, spec, 1, v))
		return;
	if (id <= 0 || reports_add(r->db, kind, id, r->user->id, v[0].s) != KK_OK) {
		reply_error(r, 404, "not_found");
		return;
	}
	audit_add(r->db, "post_reported", 0, r->user->id, r->ip,
	          arena_printf(r->a, "%s %lld", kind, (long long)id));
	reply_json(r, 201, json_pack("{s:b}", "reported", 1));
}

void api_questions_report(struct req *r)
{
	report(r, "question");
}

void api_answers_report(struct req *r)
{
	report(r, "answer");
}

void api_search(struct req *r)
{
	const char *q, *topic;
	int level, page;
	if (!qa_query_or_reply(r, &q, &topic, &level, &page))
		return;
	struct qa_results res;
	int n = qa_run_search(r, q, topic, level, page, &res);
	if (n < 0) {
		reply_error(r, 500, "internal");
		return;
	}
	json_t *arr = json_array();
	for (int i = 0; i < n; i++) {
		struct buf snip;
		buf_init(&snip, r->a);
		const struct qa_hit *h = &res.hits[i];
		html_marked(&snip, h->snippet);
		json_array_append_new(arr, json_pack("{s:I,s:s,s:s,s:f,s:b}", "question_id",
		                                     (json_int_t)h->id, "title", h->title,
		                                     "snippet", snip.p, "score", h->score,
		                                     "answered", h->answered));
	}
	reply_json(r, 200,
	           json_pack("{s:I,s:b,s:i,s:o}", "total", (json_int_t)res.total, "total_exact",
	                     res.exact, "page", page, "hits", arr));
}

void api_questions_similar(struct req *r)
{
	const char *title = req_query(r, "title");
	if (title && utf8_length(title, strlen(title)) < 0)
		title = NULL;
	struct qa_results res;
	int n = qa_run_search(r, title && utf8_length(title, strlen(title)) <= 200 ? title : NULL,
	                      NULL, 0, 0, &res);
	json_t *arr = json_array();
	for (int i = 0; i < n && i < 5; i++)
		json_array_append_new(
		    arr, json_pack("{s:I,s:s,s:b}", "id", (json_int_t)res.hits[i].id, "title",
		                   res.hits[i].title, "answered", res.hits[i].answered));
	reply_json(r, 200, json_pack("{s:o}", "questions", arr));
}

void api_accounts_premium(struct req *r)
{
	static const struct field_spec spec[] = {{"premium", FT_BOOL, true, 0, 0, NULL}};
	struct field_val v[1];
	int64_t id = req_param_id(r, 0);
	if (!input_or_reply(r, spec, 1, v))
		return;
	int rc = id > 0 ? accounts_set_premium(r->db, id, v[0].n) : KK_NOTFOUND;
	if (rc == KK_OK)
		audit_add(r->db, v[0].n ? "premium_given" : "premium_taken", id, r->user->id, r->ip,
		          NULL);
	if (rc == KK_OK)
		reply_json(r, 200,
		           json_pack("{s:I,s:b}", "id", (json_int_t)id, "premium", (int)v[0].n));
	else
		reply_error(r, rc == KK_NOTFOUND ? 404 : 500,
		            rc == KK_NOTFOUND ? "not_found" : "internal");
}

void api_experts_ranking(struct req *r)
{
	struct reputation list[50];
	int n = qa_ranking_query(r, list, 50);
	json_t *arr = json_array();
	for (int i = 0; i < n; i++) {
		struct expert e;
		if (experts_get(r->db, r->a, list[i].expert_id, &e) != KK_OK)
			continue;
		json_array_append_new(
		    arr, json_pack("{s:I,s:s,s:s,s:i,s:i,s:i,s:b}", "id", (json_int_t)e.id,
		                   "display_name", e.display_name, "prefecture", e.prefecture,
		                   "reputation", list[i].score, "answers", list[i].answers,
		                   "best_answers", list[i].best, "certified",
		                   e.cert.status && strcmp(e.cert.status, "valid") == 0));
	}
	reply_json(r, 200, json_pack("{s:o}", "experts", arr));
}
