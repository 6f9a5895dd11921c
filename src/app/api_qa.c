/* api_qa.c — the Q&A knowledge base: asking, answering, best answers, helpful
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

#define SEARCH_PAGE    20
#define OUTDATED_YEARS 2
#define TEASER_CHARS   120

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
		return -1;
	if (!taxonomy_skill(v[2].s)) {
		*err = (struct field_error){"topic", "choice", 0};
		return -1;
	}
	memset(q, 0, sizeof *q);
	q->title = v[0].s;
	q->body = v[1].s;
	q->topic = v[2].s;
	q->level = (int)v[3].n;
	return 0;
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

void api_questions_create(struct req *r)
{
	struct question q;
	struct field_error err;
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

/* The question, or 404 (also when hidden, but for admins). */
bool qa_load_or_reply(struct req *r, int64_t id, struct question *q)
{
	int rc = id > 0 ? questions_get(r->db, r->a, id, q) : KK_NOTFOUND;
	if (rc == KK_OK && q->hidden && !(r->user && (r->user->role & ROLE_ADMIN)))
		rc = KK_NOTFOUND;
	if (rc == KK_OK)
		return true;
	reply_error(r, rc == KK_NOTFOUND ? 404 : 500, rc == KK_NOTFOUND ? "not_found" : "internal");
	return false;
}

static json_t *time_json(int64_t t)
{
	char s[21];
	date_format_utc(t, s);
	return json_string(s);
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

static void status_reply(struct req *r, int status, const char *ok_key, json_t *ok);

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
		return 404;
	*question_id = ans.question_id;
	if (ans.expert_id != r->user->id)
		return 403;
	if (input_read(r, spec, 1, v, err) < 0)
		return 400;
	if (db_begin(r->db) < 0 ||
	    answers_confirm(r->db, answer_id, v[0].present ? v[0].s : NULL) != KK_OK ||
	    db_commit(r->db) < 0) {
		db_rollback(r->db);
		return 500;
	}
	return 200;
}

void api_answers_confirm(struct req *r)
{
	int64_t qid = 0;
	struct field_error err;
	int status = qa_confirm(r, req_param_id(r, 0), &qid, &err);
	if (status == 400)
		reply_invalid(r, &err);
	else
		status_reply(
		    r, status, "conflict",
		    json_pack("{s:I,s:b}", "question_id", (json_int_t)qid, "confirmed", 1));
}

void api_questions_get(struct req *r)
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
	struct answer *ans = arena_alloc(r->a, sizeof *ans * 100);
	int n = answers_list(r->db, r->a, q.id, ans, 100);
	json_t *arr = json_array();
	for (int i = 0; i < n; i++) {
		bool best = ans[i].id == q.best_answer_id;
		if (!full && !best)
			continue;
		struct expert e;
		bool has = experts_get(r->db, r->a, ans[i].expert_id, &e) == KK_OK;
		json_t *a =
		    json_pack("{s:I,s:s,s:i,s:b,s:o,s:b}", "id", (json_int_t)ans[i].id, "body",
		              full ? ans[i].body : qa_teaser(r->a, ans[i].body, TEASER_CHARS),
		              "helpful", ans[i].helpful, "best", best, "created_at",
		              time_json(ans[i].created_at), "outdated", qa_outdated(&ans[i]));
		if (full && ans[i].addendum)
			json_object_set_new(a, "update", json_string(ans[i].addendum));
		if (ans[i].confirmed_at)
			json_object_set_new(a, "confirmed_at", time_json(ans[i].confirmed_at));
		if (has)
			json_object_set_new(
			    a, "expert",
			    json_pack("{s:I,s:s,s:b}", "id", (json_int_t)e.id, "display_name",
			              e.display_name, "certified",
			              e.cert.status && strcmp(e.cert.status, "valid") == 0));
		json_array_append_new(arr, a);
	}
	json_object_set_new(j, "body",
	                    json_string(full ? q.body : qa_teaser(r->a, q.body, TEASER_CHARS)));
	json_object_set_new(j, "answers", arr);
	reply_json(r, 200, j);
}

int qa_answer(struct req *r, const struct question *q, int64_t *id, struct field_error *err)
{
	static const struct field_spec spec[] = {{"body", FT_LINES, true, 10, 8000, NULL}};
	struct field_val v[1];
	struct expert e;
	if (experts_get(r->db, r->a, r->user->id, &e) != KK_OK || !e.ethics_accepted_at || e.hidden)
		return 403;
	if (input_read(r, spec, 1, v, err) < 0)
		return 400;
	if (db_begin(r->db) < 0 || answers_create(r->db, q->id, e.id, v[0].s, id) < 0) {
		db_rollback(r->db);
		return 500;
	}
	if (q->asker_id)
		notify(r->db, q->asker_id, "question_answered",
		       link_question(r->a, q->id, NULL));
	if (db_commit(r->db) < 0) {
		db_rollback(r->db);
		return 500;
	}
	return 201;
}

void api_questions_answer(struct req *r)
{
	struct question q;
	struct field_error err;
	int64_t id;
	if (!qa_load_or_reply(r, req_param_id(r, 0), &q))
		return;
	int status = qa_answer(r, &q, &id, &err);
	if (status == 201)
		reply_json(r, 201, json_pack("{s:I}", "id", (json_int_t)id));
	else if (status == 400)
		reply_invalid(r, &err);
	else
		reply_error(r, status, status == 403 ? "ethics_required" : "internal");
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
		return 404;
	*question_id = q.id;
	if (q.asker_id != r->user->id)
		return 403;
	if (q.best_answer_id == answer_id)
		return 200;
	if (db_begin(r->db) < 0 || questions_set_best(r->db, q.id, answer_id) != KK_OK) {
		db_rollback(r->db);
		return 500;
	}
	if (!q.best_answer_id && ans.expert_id) /* points once per question */
		answer_points(r, ans.expert_id, 2,
		              arena_printf(r->a, "best answer, question %lld", (long long)q.id));
	if (ans.expert_id)
		notify(r->db, ans.expert_id, "answer_best",
		       link_question(r->a, q.id, NULL));
	if (db_commit(r->db) < 0) {
		db_rollback(r->db);
		return 500;
	}
	return 200;
}

static void status_reply(struct req *r, int status, const char *ok_key, json_t *ok)
{
	if (status == 200 || status == 201) {
		reply_json(r, status, ok);
		return;
	}
	json_decref(ok);
	reply_error(r, status,
	            status == 404   ? "not_found"
	            : status == 403 ? "forbidden"
	            : status == 409 ? ok_key
	                            : "internal");
}

void api_answers_best(struct req *r)
{
	int64_t qid = 0;
	int status = qa_best(r, req_param_id(r, 0), &qid);
	status_reply(r, status, "conflict",
	             json_pack("{s:I,s:I}", "question_id", (json_int_t)qid, "best_answer_id",
	                       (json_int_t)req_param_id(r, 0)));
}

int qa_helpful(struct req *r, int64_t answer_id, int64_t *question_id, int *count)
{
	struct answer ans;
	struct question q;
	if (answer_id <= 0 || answers_get(r->db, r->a, answer_id, &ans) != KK_OK || ans.hidden ||
	    questions_get(r->db, r->a, ans.question_id, &q) != KK_OK || q.hidden)
		return 404;
	*question_id = q.id;
	if (ans.expert_id == r->user->id)
		return 403; /* not one's own */
	if (db_begin(r->db) < 0)
		return 500;
	int rc = helpful_add(r->db, answer_id, r->user->id, count);
	if (rc == KK_CONFLICT) {
		db_rollback(r->db);
		return 409;
	}
	if (rc == KK_OK && ans.expert_id && *count % 5 == 0)
		answer_points(r, ans.expert_id, 1,
		              arena_printf(r->a, "%d helpful marks, answer %lld", *count,
		                           (long long)answer_id));
	if (rc != KK_OK || db_commit(r->db) < 0) {
		db_rollback(r->db);
		return 500;
	}
	return 200;
}

void api_answers_helpful(struct req *r)
{
	int64_t qid = 0;
	int count = 0;
	int status = qa_helpful(r, req_param_id(r, 0), &qid, &count);
	status_reply(r, status, "already_marked", json_pack("{s:i}", "helpful", count));
}

static void hide(struct req *r, const char *kind)
{
	static const struct field_spec spec[] = {{"reason", FT_TEXT, false, 0, 500, NULL}};
	struct field_val v[1];
	if (!input_or_reply(r, spec, 1, v))
		return;
	int64_t id = req_param_id(r, 0);
	bool question = strcmp(kind, "question") == 0;
	int rc = KK_NOTFOUND;
	if (id > 0 && db_begin(r->db) == KK_OK) {
		rc = question ? questions_set_hidden(r->db, id, true)
		              : answers_set_hidden(r->db, id, true);
		if (rc == KK_OK)
			rc = audit_add(r->db, question ? "question_hidden" : "answer_hidden", 0,
			               r->user->id, r->ip,
			               arena_printf(r->a, "%s %lld: %s", kind, (long long)id,
			                            v[0].present ? v[0].s : ""));
		if (rc == KK_OK)
			rc = db_commit(r->db);
		if (rc != KK_OK)
			db_rollback(r->db);
	}
	if (rc == KK_OK && !r->is_api) /* the admins' reports page */
		reply_redirect(r, "/admin/reports");
	else if (rc == KK_OK)
		reply_json(r, 200, json_pack("{s:I,s:b}", "id", (json_int_t)id, "hidden", 1));
	else
		reply_error(r, rc == KK_NOTFOUND ? 404 : 500,
		            rc == KK_NOTFOUND ? "not_found" : "internal");
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
	return qa_search(r->db, r->a, &q, (page - 1) * SEARCH_PAGE, SEARCH_PAGE, res) == KK_OK
	           ? res->n
	           : -1;
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
	else if (*page < 1 || *page > 500)
		err = (struct field_error){"page", "range", 500};
	if (err.field) {
		reply_invalid(r, &err);
		return false;
	}
	return true;
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

/* Experts by reputation in the Q&A: topic and prefecture from the query string. */
static int ranking(struct req *r, struct reputation *out, int max)
{
	const char *topic = req_query(r, "topic"), *pref = req_query(r, "pref");
	topic = topic && taxonomy_skill(topic) ? topic : NULL;
	pref = pref && *pref ? pref : NULL;
	return qa_ranking(r->db, topic, pref, out, max);
}

void api_experts_ranking(struct req *r)
{
	struct reputation list[50];
	int n = ranking(r, list, 50);
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

void page_experts_ranking(struct req *r)
{
	struct reputation list[50];
	int n = ranking(r, list, 50);
	const struct taxonomy *tax = taxonomy();
	const char *topic = req_query(r, "topic");
	bool en = strcmp(r->lang, "en") == 0;
	struct buf b;
	buf_init(&b, r->a);
	layout_begin(r, &b, "ranking.title");
	html_lit(&b, "<h1>");
	page_msg(&b, r, "ranking.title");
	html_lit(&b, "</h1><p class=\"hint\">");
	page_msg(&b, r, "ranking.rule");
	html_lit(&b, "</p><form method=\"get\" action=\"/experts/ranking\" class=\"inline-form\">"
	             "<div class=\"field\"><label for=\"topic\">");
	page_msg(&b, r, "field.topic");
	html_lit(&b, "</label><select id=\"topic\" name=\"topic\">");
	html_option(&b, "", i18n_get(r->lang, "directory.any"), !topic || !*topic);
	for (int i = 0; tax && i < tax->nskills; i++)
		html_option(&b, tax->skills[i].code,
		            en ? tax->skills[i].name_en : tax->skills[i].name_ja,
		            topic && strcmp(topic, tax->skills[i].code) == 0);
	html_lit(&b, "</select></div>");
	page_prefecture_filter(&b, r, "pref", req_query(r, "pref"));
	html_lit(&b, "<button type=\"submit\">");
	page_msg(&b, r, "directory.search");
	html_lit(&b, "</button></form><ol class=\"ranking\">");
	for (int i = 0; i < n; i++) {
		struct expert e;
		if (experts_get(r->db, r->a, list[i].expert_id, &e) != KK_OK)
			continue;
		html_lit(&b, "<li>");
		html_link(&b, link_expert(r->a, e.id, NULL), e.display_name,
		          NULL);
		const char *args[] = {arena_printf(r->a, "%d", list[i].score),
		                      arena_printf(r->a, "%d", list[i].best),
		                      arena_printf(r->a, "%d", list[i].answers)};
		html_lit(&b, " <span class=\"meta\">");
		page_msgf(&b, r, "ranking.line", args, 3);
		html_lit(&b, "</span></li>");
	}
	html_lit(&b, "</ol>");
	layout_end(r, &b);
	reply_html(r, 200, &b);
}
