/* moderation_pages.c — the code of ethics, complaints and their resolution, and the
 * reported Q&A posts an admin may hide. */
#include "app/session.h"
#include "app/errors.h"
#include "app/communities.h"
#include "app/config.h"
#include "app/experts.h"
#include "app/moderation.h"
#include "app/qa.h"
#include "app/handlers.h"
#include "domain/date.h"
#include "domain/token.h"
#include "store/audit.h"
#include "store/complaints.h"
#include "store/credentials.h"
#include "store/prefectures.h"
#include "view/i18n.h"
#include "view/layout.h"
#include "view/links.h"

#include <string.h>

/* ---- /ethics ---- */

void page_ethics(struct req *r)
{
	struct buf b;
	page_start(r, &b, "ethics.title");
	html_lit(&b, "<section class=\"card\">");
	page_heading(&b, r, "ethics.title", "ethics.lead");
	html_lit(&b, "<ol class=\"ethics\">");
	for (int i = 1; i <= 8; i++) {
		html_lit(&b, "<li>");
		page_msg(&b, r, arena_printf(r->a, "ethics.%d", i));
		html_lit(&b, "</li>");
	}
	html_lit(&b, "</ol></section>");
	page_finish(r, &b, 200);
}

/* ---- complaints, certification and moderation from pages ---- */

void page_complaint_post(struct req *r)
{
	int64_t expert_id = req_param_id(r, 0), id;
	struct field_error why = {0};
	int rc = complaint_file(r, expert_id, &id, &why);
	if (rc == KK_INVALID) {
		render_expert(r, 400, expert_id, &why);
		return;
	}
	if (!ok_or_reply(r, rc, &why))
		return;
	struct buf b;
	page_start(r, &b, "complaint.title");
	html_lit(&b, "<section class=\"card narrow\">");
	page_h1(&b, r, "complaint.title");
	page_notice(&b, "notice", i18n_get(r->lang, "complaint.received"));
	html_link(&b, link_expert(r->a, expert_id, NULL), i18n_get(r->lang, "complaint.back"),
	          NULL);
	html_lit(&b, "</section>");
	page_finish(r, &b, 200);
}

void page_admin_complaints(struct req *r)
{
	struct complaint list[100];
	int n = complaints_list(r->db, r->a, "open", list, 100);
	if (n < 0) {
		reply_error(r, 500, "internal");
		return;
	}
	struct buf b;
	page_start(r, &b, "admin.complaints.title");
	page_h1(&b, r, "admin.complaints.title");
	if (n == 0)
		page_notice(&b, "notice", i18n_get(r->lang, "admin.complaints.none"));
	for (int i = 0; i < n; i++) {
		struct expert e;
		bool known = experts_get(r->db, r->a, list[i].expert_id, &e) == KK_OK;
		html_lit(&b, "<section class=\"card\"><h2>");
		if (known)
			html_link(&b, link_expert(r->a, e.id, NULL), e.display_name, NULL);
		html_lit(&b, "</h2><p class=\"meta\">");
		page_time(&b, list[i].created_at);
		html_lit(&b, "</p><p class=\"bio\">");
		html_text(&b, list[i].body);
		html_lit(&b, "</p>");
		page_form_begin(&b, r, link_admin(r->a, "complaints", list[i].id, "resolve"),
		                "stack");
		html_lit(&b, "<div class=\"field\"><label>");
		page_msg(&b, r, "field.resolution");
		html_lit(
		    &b,
		    "<textarea name=\"resolution\" rows=\"2\" required></textarea></label></div>");
		html_lit(
		    &b,
		    "<label class=\"choice\"><input type=\"checkbox\" name=\"hide\" value=\"1\"> ");
		page_msg(&b, r, "admin.complaints.hide");
		html_lit(&b, "</label><button type=\"submit\" name=\"status\" value=\"upheld\">");
		page_msg(&b, r, "admin.complaints.uphold");
		html_lit(&b,
		         "</button> <button type=\"submit\" name=\"status\" value=\"dismissed\">");
		page_msg(&b, r, "admin.complaints.dismiss");
		html_lit(&b, "</button></form></section>");
	}
	page_finish(r, &b, 200);
}

void page_admin_complaint_resolve(struct req *r)
{
	struct complaint c;
	struct field_error why = {0};
	if (ok_or_reply(r, complaint_resolve(r, req_param_id(r, 0), true, &c, &why), &why))
		reply_done(r, "/admin/complaints", "flash.complaint_resolved");
}

/* Hide or show a profile from the admin's form on it. */
static void set_hidden(struct req *r, bool hidden)
{
	struct field_error why = {0};
	int64_t id = req_param_id(r, 0);
	if (ok_or_reply(r, expert_set_hidden_by_admin(r, id, hidden, &why), &why))
		reply_done(r, link_expert(r->a, id, NULL), hidden ? "flash.hidden" : "flash.shown");
}

void page_admin_expert_hide(struct req *r)
{
	set_hidden(r, true);
}

void page_admin_expert_unhide(struct req *r)
{
	set_hidden(r, false);
}

/* ---- /admin/reports ---- */

/* /admin/reports: reported posts that are still visible, each with a hide button. */
void page_admin_reports(struct req *r)
{
	struct post_report list[100];
	int n = reports_open(r->db, r->a, list, 100);
	if (n < 0) {
		reply_error(r, 500, "internal");
		return;
	}
	struct buf b;
	page_start(r, &b, "reports.title");
	page_h1(&b, r, "reports.title");
	if (n == 0)
		page_notice(&b, "notice", i18n_get(r->lang, "reports.none"));
	for (int i = 0; i < n; i++) {
		bool question = strcmp(list[i].kind, "question") == 0;
		int64_t qid = list[i].post_id;
		const char *text = "";
		if (question) {
			struct question q;
			if (questions_get(r->db, r->a, qid, &q) == KK_OK)
				text = q.title;
		} else {
			struct answer ans;
			if (answers_get(r->db, r->a, list[i].post_id, &ans) == KK_OK) {
				qid = ans.question_id;
				text = qa_teaser(r->a, ans.body, 200);
			}
		}
		html_lit(&b, "<section class=\"card\"><p class=\"meta\">");
		page_time(&b, list[i].created_at);
		html_lit(&b, " · ");
		page_msg(&b, r, question ? "reports.question" : "reports.answer");
		html_lit(&b, "</p><p>");
		html_link(&b, link_question(r->a, qid, NULL), text, NULL);
		html_lit(&b, "</p><p class=\"bio\">");
		html_text(&b, list[i].reason);
		html_lit(&b, "</p>");
		page_button_form(&b, r,
		                 arena_printf(r->a, "/admin/%s/%lld/hide",
		                              question ? "questions" : "answers",
		                              (long long)list[i].post_id),
		                 "danger", "reports.hide");
		html_lit(&b, "</section>");
	}
	page_finish(r, &b, 200);
}

/* An admin hides a post from the reports page. */
static void hide_post(struct req *r, const char *kind)
{
	struct field_error why = {0};
	if (ok_or_reply(r, qa_hide(r, kind, req_param_id(r, 0), &why), &why))
		reply_redirect(r, "/admin/reports");
}

void page_admin_question_hide(struct req *r)
{
	hide_post(r, "question");
}

void page_admin_answer_hide(struct req *r)
{
	hide_post(r, "answer");
}
