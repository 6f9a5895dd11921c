/* qa_pages.c — the Q&A in the browser: recent and unanswered questions by
 * topic, a question with its answers, asking (with similar questions shown
 * first: live by a small script, or on a preview step without it), search. */
#include "app/experts.h"
#include "app/session.h"
#include "app/errors.h"
#include "app/handlers.h"
#include "app/requests.h"
#include "app/qa.h"
#include "store/experts.h"
#include "store/prefectures.h"
#include "store/taxonomy.h"
#include "view/i18n.h"
#include "view/layout.h"
#include "view/links.h"

#include <stdlib.h>
#include <string.h>

#define LIST 30

static void search_box(struct buf *b, struct req *r, const char *q)
{
	const struct taxonomy *tax = taxonomy();
	const char *topic = req_query(r, "topic"), *level = req_query(r, "level");
	html_lit(
	    b, "<form method=\"get\" action=\"/qa/search\" class=\"inline-form\" role=\"search\">");
	page_input(b, r, "q", &(struct input_opts){"search", q, "off", false, 200, NULL});
	html_lit(b, "<div class=\"field\"><label for=\"search-topic\">");
	page_msg(b, r, "field.topic");
	html_lit(b, "</label><select id=\"search-topic\" name=\"topic\">");
	html_option(b, "", i18n_get(r->lang, "directory.any"), !topic || !*topic);
	for (int i = 0; tax && i < tax->nskills; i++)
		html_option(b, tax->skills[i].code,
		            page_en(r) ? tax->skills[i].name_en : tax->skills[i].name_ja,
		            topic && strcmp(topic, tax->skills[i].code) == 0);
	html_lit(b, "</select></div><div class=\"field\"><label for=\"search-level\">");
	page_msg(b, r, "field.level");
	html_lit(b, "</label><select id=\"search-level\" name=\"level\">");
	html_option(b, "", i18n_get(r->lang, "directory.any"), !level || !*level);
	for (int l = 1; l <= 4; l++)
		html_option(b, arena_printf(r->a, "%d", l),
		            i18n_get(r->lang, arena_printf(r->a, "qa.level.%d", l)),
		            level && atoi(level) == l);
	html_lit(b, "</select></div>");
	page_form_end(b, r, "directory.search", NULL);
}

/* Topic, level, whether and how it is answered, and when it was asked. */
static void question_meta(struct buf *b, struct req *r, const struct question *q)
{
	html_lit(b, "<p class=\"meta\">");
	const char *mark = q->best_answer_id ? "best" : q->answers > 0 ? "answered" : "open";
	html_lit(b, "<span class=\"badge ");
	html_text(b, mark);
	html_lit(b, "\">");
	page_msg(b, r, arena_printf(r->a, "qa.mark.%s", mark));
	html_lit(b, "</span> ");
	html_text(b, tax_label(r, q->topic));
	html_lit(b, " · ");
	page_msg(b, r, arena_printf(r->a, "qa.level.%d", q->level));
	html_lit(b, " · ");
	const char *args[] = {arena_printf(r->a, "%d", q->answers)};
	page_msgf(b, r, "qa.answers_n", args, 1);
	html_lit(b, " · ");
	page_time(b, q->created_at);
	html_lit(b, "</p>");
}

static void question_item(struct buf *b, struct req *r, int64_t id)
{
	struct question q;
	if (questions_get(r->db, r->a, id, &q) != KK_OK)
		return;
	html_lit(b, "<li class=\"card question\"><h2>");
	html_link(b, link_question(r->a, id, NULL), q.title, NULL);
	html_lit(b, "</h2>");
	question_meta(b, r, &q);
	html_lit(b, "</li>");
}

void page_qa(struct req *r)
{
	const char *topic = req_query(r, "topic");
	topic = topic && taxonomy_skill(topic) ? topic : NULL;
	bool unanswered = req_query(r, "unanswered") != NULL;
	int64_t ids[LIST];
	int n = questions_recent(r->db, topic, unanswered, 0, LIST, ids);
	struct buf b;
	page_start(r, &b, "qa.title");
	page_heading(&b, r, "qa.title", "qa.lead");
	search_box(&b, r, "");
	html_lit(&b, "<p class=\"actions\">");
	html_link(&b, "/qa/ask", i18n_get(r->lang, "qa.ask"), "button primary");
	html_link(&b, "/experts/ranking", i18n_get(r->lang, "ranking.title"), "button");
	html_lit(&b, "</p><nav class=\"tabs\">");
	const char *in_topic = topic ? arena_printf(r->a, "topic=%s", topic) : NULL; /* a code */
	html_link(&b, in_topic ? arena_printf(r->a, "/qa?%s", in_topic) : "/qa",
	          i18n_get(r->lang, "qa.recent"), !unanswered ? "current" : NULL);
	html_link(
	    &b, in_topic ? arena_printf(r->a, "/qa?unanswered=1&%s", in_topic) : "/qa?unanswered=1",
	    i18n_get(r->lang, "qa.unanswered"), unanswered ? "current" : NULL);
	html_lit(&b, "</nav><ul class=\"cards\">");
	for (int i = 0; i < n; i++)
		question_item(&b, r, ids[i]);
	html_lit(&b, "</ul>");
	if (n == 0)
		page_notice(&b, "notice", i18n_get(r->lang, "qa.none_listed"));
	page_finish(r, &b, 200);
}

/* A question with its answers; after a bad answer (why), with the answer as typed. */
static void render_question(struct req *r, int status, const struct question *qp,
                            const struct field_error *why)
{
	const struct question q = *qp;
	bool full = qa_full_access(r, &q);
	struct buf b;
	page_start_titled(r, &b, q.title); /* each question its own title */
	if (why)
		page_notice(&b, "error", field_error_message(r, why));
	html_lit(&b, "<article class=\"card question\"><h1>");
	html_text(&b, q.title);
	html_lit(&b, "</h1><p class=\"meta\">");
	html_text(&b, tax_label(r, q.topic));
	html_lit(&b, " · ");
	page_msg(&b, r, arena_printf(r->a, "qa.level.%d", q.level));
	const struct prefecture *p = q.prefecture ? prefecture_by_code(q.prefecture) : NULL;
	if (p) {
		html_lit(&b, " · ");
		html_text(&b, page_en(r) ? p->name_en : p->name_ja);
	}
	if (q.industry) {
		html_lit(&b, " · ");
		page_msg(&b, r, arena_printf(r->a, "industry.%s", q.industry));
	}
	html_lit(&b, " · ");
	page_time(&b, q.created_at);
	html_lit(&b, "</p><p class=\"bio\">");
	html_text(&b, full ? q.body : qa_teaser(r->a, q.body, TEASER_CHARS));
	html_lit(&b, "</p></article>");
	if (!full) { /* what is held back, and how to read it all */
		html_lit(&b, "<section class=\"notice paywall\"><p>");
		page_msg(&b, r, "qa.archived");
		html_lit(&b, "</p><p>");
		page_msg(&b, r, "qa.premium_how");
		if (request_can_file(r)) {
			html_lit(&b, "</p><p class=\"actions\">");
			html_link(
			    &b, r->user ? "/requests/new" : "/signup",
			    i18n_get(r->lang, r->user ? "qa.premium_ask" : "qa.premium_signup"),
			    "button");
		}
		html_lit(&b, "</p></section>");
	}
	struct qa_shown *shown = arena_alloc(r->a, sizeof *shown * 100);
	int n = qa_shown_answers(r, &q, full, shown, 100);
	html_lit(&b, "<section><h2>");
	const char *args[] = {arena_printf(r->a, "%d", q.answers)};
	page_msgf(&b, r, "qa.answers_n", args, 1);
	html_lit(&b, "</h2>");
	for (int i = 0; i < n; i++) {
		const struct answer *an = &shown[i].a;
		const struct expert *e = &shown[i].e;
		bool best = shown[i].best, has = shown[i].has_expert;
		html_lit(&b, "<article class=\"card answer");
		if (best)
			html_lit(&b, " best");
		html_lit(&b, "\"><p class=\"meta\">");
		if (best) {
			html_lit(&b, "<span class=\"badge cert-valid\">");
			page_msg(&b, r, "qa.best");
			html_lit(&b, "</span> ");
		}
		if (has) {
			html_link(&b, link_expert(r->a, e->id, NULL), e->display_name, NULL);
			if (shown[i].certified) {
				html_lit(&b, " <span class=\"badge cert-valid\">");
				page_msg(&b, r, arena_printf(r->a, "cert.level.%s", e->cert.level));
				html_lit(&b, "</span>");
			}
		}
		html_lit(&b, " · ");
		page_time(&b, an->created_at);
		html_lit(&b, "</p>");
		if (qa_outdated(an))
			page_notice(&b, "error", i18n_get(r->lang, "qa.outdated"));
		html_lit(&b, "<p class=\"bio\">");
		html_text(&b, an->body);
		html_lit(&b, "</p>");
		if (full && an->addendum) {
			html_lit(&b, "<div class=\"update\"><p class=\"meta\">");
			page_msg(&b, r, "qa.update");
			html_lit(&b, " · ");
			page_time(&b, an->confirmed_at);
			html_lit(&b, "</p><p class=\"bio\">");
			html_text(&b, an->addendum);
			html_lit(&b, "</p></div>");
		}
		if (r->user && r->user->id == an->expert_id) {
			html_lit(&b, "<details><summary>");
			page_msg(&b, r, "qa.confirm");
			html_lit(&b, "</summary>");
			page_form_begin(&b, r, link_answer(r->a, an->id, "confirm"), "stack");
			html_lit(&b, "<div class=\"field\"><label>");
			page_msg(&b, r, "qa.update");
			html_lit(&b, "<textarea name=\"update\" rows=\"3\" "
			             "maxlength=\"4000\"></textarea></label></div>"
			             "<button type=\"submit\">");
			page_msg(&b, r, "qa.confirm_submit");
			html_lit(&b, "</button></form></details>");
		}
		html_lit(&b, "<p class=\"actions\">");
		const char *h[] = {arena_printf(r->a, "%d", an->helpful)};
		html_lit(&b, "<span class=\"meta\">");
		page_msgf(&b, r, "qa.helpful_n", h, 1);
		html_lit(&b, "</span>");
		if (r->user && r->user->id != an->expert_id) {
			/* Marked already: shown as done, not offered again. */
			if (helpful_marked(r->db, an->id, r->user->id)) {
				html_lit(&b, " <span class=\"done\">");
				page_msg(&b, r, "qa.marked_helpful");
				html_lit(&b, "</span>");
			} else {
				page_button_form(&b, r, link_answer(r->a, an->id, "helpful"),
				                 "link", "qa.mark_helpful");
			}
		}
		if (r->user && r->user->id == q.asker_id && !best) {
			page_button_form(&b, r, link_answer(r->a, an->id, "best"), NULL,
			                 "qa.choose_best");
		}
		if (r->user && (r->user->role & ROLE_SME) && has) {
			/* One step from a helpful answer to a consultation with its expert. */
			html_link(&b,
			          arena_printf(r->a, "/requests/new?expert=%lld&topic=%s",
			                       (long long)e->id, q.topic),
			          i18n_get(r->lang, "qa.consult"), "button");
		}
		html_lit(&b, "</p></article>");
	}
	html_lit(&b, "</section>");
	if (r->user && (r->user->role & ROLE_EXPERT)) {
		html_lit(&b, "<section class=\"card\"><h2>");
		page_msg(&b, r, "qa.answer");
		html_lit(&b, "</h2>");
		page_form_begin(&b, r, link_question(r->a, q.id, "answers"), "stack");
		const struct textarea_opts to = {.label = "qa.answer_body",
		                                 .rows = 6,
		                                 .maxlength = 8000,
		                                 .required = true,
		                                 .why = why};
		page_textarea(&b, r, "body", &to);
		page_form_end(&b, r, "qa.post_answer", "primary");
		html_lit(&b, "</section>");
	}
	page_finish(r, &b, status);
}

void page_qa_question(struct req *r)
{
	struct question q;
	db_read_begin(r->db); /* the question, its answers and the registry's log: one snapshot */
	if (qa_load_or_reply(r, req_param_id(r, 0), &q))
		render_question(r, 200, &q, NULL);
	db_read_end(r->db);
}

static void ask_form(struct req *r, int status, const char *error, const struct question *draft,
                     int64_t *similar, int nsimilar)
{
	const struct taxonomy *tax = taxonomy();
	struct buf b;
	page_start(r, &b, "qa.ask");
	html_lit(&b, "<section class=\"card\">");
	page_heading(&b, r, "qa.ask", "qa.ask_lead");
	if (error)
		page_notice(&b, "error", error);
	if (nsimilar >= 0) {
		html_lit(&b, "<div class=\"similar\"><h2>");
		page_msg(&b, r, "qa.similar");
		html_lit(&b, "</h2><ul>");
		for (int i = 0; i < nsimilar; i++)
			question_item(&b, r, similar[i]);
		if (nsimilar == 0) {
			html_lit(&b, "<li>");
			page_msg(&b, r, "qa.no_similar");
			html_lit(&b, "</li>");
		}
		html_lit(&b, "</ul></div>");
	}
	page_form_begin(&b, r, "/qa/ask", "stack ask-form");
	page_input(
	    &b, r, "title",
	    &(struct input_opts){"text", draft ? draft->title : NULL, "off", true, 100, NULL});
	html_lit(&b, "<ul id=\"similar-live\" class=\"similar\" aria-live=\"polite\"></ul>");
	page_textarea(&b, r, "body",
	              &(struct textarea_opts){.rows = 6,
	                                      .maxlength = 4000,
	                                      .required = true,
	                                      .value = draft ? draft->body : NULL});
	html_lit(&b, "<div class=\"field\"><label for=\"topic\">");
	page_msg(&b, r, "field.topic");
	html_lit(&b, "</label><select id=\"topic\" name=\"topic\">");
	for (int i = 0; tax && i < tax->nskills; i++)
		html_option(&b, tax->skills[i].code,
		            page_en(r) ? tax->skills[i].name_en : tax->skills[i].name_ja,
		            draft && draft->topic &&
		                strcmp(draft->topic, tax->skills[i].code) == 0);
	html_lit(&b, "</select></div><div class=\"field\"><label for=\"level\">");
	page_msg(&b, r, "field.level");
	html_lit(&b, "</label><select id=\"level\" name=\"level\">");
	for (int l = 1; l <= 4; l++)
		html_option(&b, arena_printf(r->a, "%d", l),
		            i18n_get(r->lang, arena_printf(r->a, "qa.level.%d", l)),
		            draft ? draft->level == l : l == 1);
	html_lit(&b, "</select></div>");
	if (nsimilar >= 0) {
		html_hidden(&b, "confirm", "1");
		html_lit(&b, "<button type=\"submit\" class=\"primary\">");
		page_msg(&b, r, "qa.post");
	} else {
		html_lit(&b, "<button type=\"submit\" class=\"primary\">");
		page_msg(&b, r, "qa.preview");
	}
	html_lit(&b, "</button></form></section><script src=\"/static/qa.js\" defer></script>");
	page_finish(r, &b, status);
}

void page_qa_ask(struct req *r)
{
	ask_form(r, 200, NULL, NULL, NULL, -1);
}

void page_qa_ask_post(struct req *r)
{
	struct question q;
	struct field_error err = {0};
	if (qa_read_question(r, &q, &err) < 0) {
		q.title = input_form_value(r, "title");
		q.body = input_form_value(r, "body");
		q.topic = input_form_value(r, "topic");
		q.level = 1;
		ask_form(r, 400, field_error_message(r, &err), &q, NULL, -1);
		return;
	}
	if (!*input_form_value(r, "confirm")) {
		/* The preview step: similar questions first, then confirm. */
		struct qa_results res;
		int64_t ids[5];
		int n = qa_run_search(r, q.title, NULL, 0, 0, &res);
		for (int i = 0; i < n && i < 5; i++)
			ids[i] = res.hits[i].id;
		ask_form(r, 200, NULL, &q, ids, n < 0 ? 0 : n < 5 ? n : 5);
		return;
	}
	int64_t id;
	if (qa_ask(r, &q, &id) < 0)
		reply_error(r, 500, "internal");
	else
		reply_done(r, link_question(r->a, id, NULL), "flash.question_posted");
}

void page_qa_search(struct req *r)
{
	const char *q, *topic;
	int level, page;
	if (!qa_query_or_reply(r, &q, &topic, &level, &page))
		return;
	if (!q || !*q) { /* no words: the topic's questions, newest first */
		struct buf to;
		buf_init(&to, r->a);
		buf_puts(&to, "/qa");
		if (topic) {
			buf_puts(&to, "?topic=");
			html_url_arg(&to, topic);
		}
		reply_redirect(r, to.p);
		return;
	}
	struct qa_results res;
	int n = qa_run_search(r, q, topic, level, page, &res);
	struct buf b;
	page_start(r, &b, "qa.search");
	page_h1(&b, r, "qa.search");
	search_box(&b, r, q ? q : "");
	const char *args[] = {arena_printf(r->a, "%lld", (long long)res.total)};
	html_lit(&b, "<p class=\"count\">");
	page_msgf(&b, r, res.exact ? "qa.hits" : "qa.hits_at_least", args, 1);
	html_lit(&b, "</p>");
	if (q && *q && res.total == 0) { /* no dead end: ask it, or go to the desk */
		html_lit(&b, "<section class=\"card empty\"><p>");
		page_msg(&b, r, "qa.none_found");
		html_lit(&b, "</p><p class=\"actions\">");
		html_link(&b, "/qa/ask", i18n_get(r->lang, "qa.ask_it"), "button primary");
		if (request_can_file(r)) {
			html_lit(&b, " ");
			html_link(&b, "/requests/new", i18n_get(r->lang, "qa.ask_desk"), "button");
		}
		html_lit(&b, "</p></section>");
	}
	html_lit(&b, "<ul class=\"cards hits\">");
	for (int i = 0; i < n; i++) {
		html_lit(&b, "<li class=\"card\"><h2>");
		html_link(&b, link_question(r->a, res.hits[i].id, NULL), res.hits[i].title, NULL);
		html_lit(&b, "</h2>");
		struct question hit;
		if (questions_get(r->db, r->a, res.hits[i].id, &hit) == KK_OK)
			question_meta(&b, r, &hit);
		html_lit(&b, "<p class=\"snippet\">");
		html_marked(&b, res.hits[i].snippet);
		html_lit(&b, "</p></li>");
	}
	html_lit(&b, "</ul><nav class=\"pager\">");
	for (int step = -1; step <= 1; step += 2) {
		int to = page + step;
		/* a lower bound: there is more, as far as one may page */
		if (to < 1 || to > SEARCH_PAGES ||
		    ((int64_t)(to - 1) * SEARCH_PAGE >= res.total &&
		     (res.exact || n < SEARCH_PAGE)))
			continue;
		struct buf href;
		buf_init(&href, r->a);
		buf_puts(&href, "/qa/search?q=");
		html_url_arg(&href, q ? q : "");
		buf_puts(&href, "&topic=");
		html_url_arg(&href, topic ? topic : "");
		buf_printf(&href, "&level=%d&page=%d", level, to);
		html_link(&b, href.p, i18n_get(r->lang, step < 0 ? "pager.prev" : "pager.next"),
		          NULL);
	}
	html_lit(&b, "</nav>");
	page_finish(r, &b, 200);
}

/* Back to the question, also when the mark was there already; else the error. */
static void done(struct req *r, int rc, int64_t qid)
{
	if (rc == KK_OK || rc == KK_CONFLICT)
		reply_redirect(r, link_question(r->a, qid, NULL));
	else
		reply_result(r, rc, NULL);
}

void page_qa_answer_post(struct req *r)
{
	struct question q;
	struct field_error err = {0};
	int64_t id;
	int rc = qa_answer(r, req_param_id(r, 0), &q, &id, &err);
	if (rc == KK_INVALID)
		render_question(r, 400, &q, &err);
	else if (ok_or_reply(r, rc, &err))
		reply_done(r, link_question(r->a, q.id, NULL), "flash.answer_posted");
}

void page_qa_best_post(struct req *r)
{
	int64_t qid = 0;
	int rc = qa_best(r, req_param_id(r, 0), &qid); /* before qid is read */
	done(r, rc, qid);
}

void page_qa_helpful_post(struct req *r)
{
	int64_t qid = 0;
	int count;
	int rc = qa_helpful(r, req_param_id(r, 0), &qid, &count); /* before qid is read */
	done(r, rc, qid);
}

void page_qa_confirm_post(struct req *r)
{
	int64_t qid = 0;
	struct field_error err = {0};
	int rc = qa_confirm(r, req_param_id(r, 0), &qid, &err);
	if (rc == KK_INVALID)
		reply_invalid(r, &err);
	else
		done(r, rc, qid);
}

void page_experts_ranking(struct req *r)
{
	struct reputation list[50];
	int n = qa_ranking_query(r, list, 50);
	const struct taxonomy *tax = taxonomy();
	const char *topic = req_query(r, "topic");
	bool en = strcmp(r->lang, "en") == 0;
	struct buf b;
	page_start(r, &b, "ranking.title");
	page_heading(&b, r, "ranking.title", "ranking.rule");
	html_lit(&b, "<form method=\"get\" action=\"/experts/ranking\" class=\"inline-form\">"
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
	page_form_end(&b, r, "directory.search", NULL);
	html_lit(&b, "<ol class=\"ranking\">");
	for (int i = 0; i < n; i++) {
		struct expert e;
		if (experts_get(r->db, r->a, list[i].expert_id, &e) != KK_OK)
			continue;
		html_lit(&b, "<li>");
		html_link(&b, link_expert(r->a, e.id, NULL), e.display_name, NULL);
		const char *args[] = {arena_printf(r->a, "%d", list[i].score),
		                      arena_printf(r->a, "%d", list[i].best),
		                      arena_printf(r->a, "%d", list[i].answers)};
		html_lit(&b, " <span class=\"meta\">");
		page_msgf(&b, r, "ranking.line", args, 3);
		html_lit(&b, "</span></li>");
	}
	html_lit(&b, "</ol>");
	page_finish(r, &b, 200);
}
