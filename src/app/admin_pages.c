/* admin_pages.c — /admin/accounts: an administrator lists accounts and
 * gives roles (desk and admin are given only here or on the command line). */
#include "store/audit.h"
#include "http/input.h"
#include "app/experts_csv.h"
#include "app/errors.h"
#include "app/accounts.h"
#include "app/handlers.h"
#include "app/session.h"
#include "jobs/deliver.h"
#include "store/outbox.h"
#include "view/i18n.h"
#include "view/layout.h"
#include "view/links.h"

#include <stdlib.h>
#include <string.h>

#define PAGE_SIZE 50

static const char *const roles[] = {"sme", "expert", "desk", "admin"};

/* The list's address with its search kept, on page (0: none). */
static const char *accounts_href(struct req *r, const char *text, const char *role, int page)
{
	struct buf h;
	buf_init(&h, r->a);
	buf_puts(&h, "/admin/accounts?q=");
	html_url_arg(&h, text);
	buf_puts(&h, "&role=");
	html_url_arg(&h, role);
	if (page)
		buf_printf(&h, "&page=%d", page);
	return h.p;
}

static void account_card(struct buf *b, struct req *r, const struct account *acc, const char *back)
{
	html_lit(b, "<li class=\"card account\"><h2>");
	html_text(b, acc->display_name);
	html_lit(b, "</h2><p class=\"meta\">#");
	html_int(b, acc->id);
	html_lit(b, " · ");
	html_text(b, acc->email);
	if (strcmp(acc->password_hash, "!") == 0) { /* imported: no password until a link */
		html_lit(b, " · <span class=\"badge open\">");
		page_msg(b, r, "admin.accounts.no_password");
		html_lit(b, "</span>");
	}
	html_lit(b, "</p><div class=\"actions\">");
	page_form_begin(b, r, link_admin(r->a, "accounts", acc->id, "role"), "inline");
	html_hidden(b, "back", back);
	html_lit(b, "<select name=\"role\"");
	html_attr_pair(
	    b, "aria-label",
	    arena_printf(r->a, "%s: %s", i18n_get(r->lang, "field.role"), acc->display_name));
	html_lit(b, ">");
	for (int k = 0; k < 4; k++)
		html_option(b, roles[k], i18n_get(r->lang, arena_printf(r->a, "role.%s", roles[k])),
		            strcmp(acc->role, roles[k]) == 0);
	html_lit(b, "</select> ");
	page_form_end(b, r, "admin.accounts.save", NULL);
	page_form_begin(b, r, link_admin(r->a, "accounts", acc->id, "reset-link"), "inline");
	html_hidden(b, "back", back);
	page_form_end(b, r, "admin.accounts.send_reset", NULL);
	html_lit(b, "</div></li>");
}

void page_admin_accounts(struct req *r)
{
	const char *pg = req_query(r, "page"), *text = req_query(r, "q"),
	           *role = req_query(r, "role");
	int page = pg ? atoi(pg) : 1;
	if (page < 1 || page > 100000)
		page = 1;
	text = text ? text : "";
	bool known = false; /* one of roles[], else any */
	for (int k = 0; role && k < 4; k++)
		known |= strcmp(role, roles[k]) == 0;
	role = known ? role : "";
	struct account *list = arena_alloc(r->a, sizeof *list * PAGE_SIZE);
	int n = accounts_list(r->db, r->a, text, role, (page - 1) * PAGE_SIZE, PAGE_SIZE, list);
	int64_t total = accounts_count(r->db, r->a, text, role);
	if (n < 0 || total < 0) {
		reply_error(r, 500, "internal");
		return;
	}
	const char *back = accounts_href(r, text, role, page);

	struct buf b;
	page_start(r, &b, "admin.accounts.title");
	page_h1(&b, r, "admin.accounts.title");
	html_lit(&b, "<form method=\"get\" action=\"/admin/accounts\" class=\"inline-form\" "
	             "role=\"search\"><div class=\"field\"><label for=\"q\">");
	page_msg(&b, r, "admin.accounts.search");
	html_lit(&b, "</label><input type=\"search\" id=\"q\" name=\"q\" maxlength=\"254\"");
	html_attr_pair(&b, "value", text);
	html_lit(&b, "></div><div class=\"field\"><label for=\"role\">");
	page_msg(&b, r, "field.role");
	html_lit(&b, "</label><select id=\"role\" name=\"role\">");
	html_option(&b, "", i18n_get(r->lang, "admin.accounts.any_role"), !*role);
	for (int k = 0; k < 4; k++)
		html_option(&b, roles[k],
		            i18n_get(r->lang, arena_printf(r->a, "role.%s", roles[k])),
		            strcmp(role, roles[k]) == 0);
	html_lit(&b, "</select></div>");
	page_form_end(&b, r, "directory.search", NULL);
	const char *args[] = {arena_printf(r->a, "%lld", (long long)total)};
	html_lit(&b, "<p class=\"count\">");
	page_msgf(&b, r, "admin.accounts.total", args, 1);
	html_lit(&b, "</p>");
	if (n == 0)
		page_notice(&b, "notice", i18n_get(r->lang, "admin.accounts.none"));
	html_lit(&b, "<ul class=\"cards accounts\">");
	for (int i = 0; i < n; i++)
		account_card(&b, r, &list[i], back);
	html_lit(&b, "</ul><nav class=\"pager\">");
	if (page > 1)
		html_link(&b, accounts_href(r, text, role, page - 1),
		          i18n_get(r->lang, "pager.prev"), NULL);
	if ((int64_t)page * PAGE_SIZE < total)
		html_link(&b, accounts_href(r, text, role, page + 1),
		          i18n_get(r->lang, "pager.next"), NULL);
	html_lit(&b, "</nav>");
	page_finish(r, &b, 200);
}

/* Back to the list as the admin left it (only a path of this page). */
static const char *back_to_list(struct req *r)
{
	const char *back = input_form_value(r, "back");
	return strncmp(back, "/admin/accounts?", 16) == 0 && !strpbrk(back, "\r\n")
	           ? back
	           : "/admin/accounts";
}

void page_admin_role_post(struct req *r)
{
	struct account acc;
	struct field_error why = {0};
	if (ok_or_reply(r, auth_set_role(r, req_param_id(r, 0), &acc, &why), &why))
		reply_done(r, back_to_list(r), "flash.role_changed");
}

void page_admin_reset_link_post(struct req *r)
{
	struct account acc;
	if (ok_or_reply(r, auth_send_reset_link(r, req_param_id(r, 0), &acc), NULL))
		reply_done(r, back_to_list(r), "flash.reset_sent");
}

/* /admin/mail: the mail kakekomi sent or holds (without a mail server, the demo
 * keeps every message here). */
void page_admin_mail(struct req *r)
{
	struct outbox_item list[100];
	int n = outbox_recent(r->db, r->a, list, 100);
	struct buf b;
	page_start(r, &b, "admin.mail.title");
	page_h1(&b, r, "admin.mail.title");
	html_lit(&b, "<p>");
	page_msg(&b, r, delivery.smtp_url ? "admin.mail.smtp" : "admin.mail.local");
	html_lit(&b, "</p>");
	for (int i = 0; i < n; i++) {
		html_lit(&b, "<article class=\"card mail\"><p class=\"meta\">");
		page_time(&b, list[i].created_at);
		html_lit(&b, " · ");
		html_text(&b, list[i].recipient);
		html_lit(&b, " · ");
		page_msg(&b, r,
		         !delivery.smtp_url     ? "admin.mail.kept"
		         : list[i].delivered_at ? "admin.mail.sent"
		                                : "admin.mail.pending");
		if (list[i].last_error) {
			html_lit(&b, " (");
			html_text(&b, list[i].last_error);
			html_lit(&b, ")");
		}
		html_lit(&b, "</p><h2>");
		html_text(&b, list[i].subject);
		html_lit(&b, "</h2><pre class=\"mail-body\">");
		html_text(&b, list[i].body);
		html_lit(&b, "</pre></article>");
	}
	page_finish(r, &b, 200);
}

static void render_import(struct req *r, int status, const char *notice, const char *report)
{
	struct buf b;
	page_start(r, &b, "import.title");
	html_lit(&b, "<section class=\"card\">");
	page_heading(&b, r, "import.title", "import.lead");
	html_lit(&b, "<p>");
	html_link(&b, "/api/v1/experts.csv", i18n_get(r->lang, "import.export"), "button");
	html_lit(&b, "</p>");
	if (notice)
		page_notice(&b, "notice", notice);
	if (report) {
		page_notice(&b, "error", i18n_get(r->lang, "import.failed"));
		html_lit(&b, "<pre class=\"report\">");
		html_text(&b, report);
		html_lit(&b, "</pre>");
	}
	html_lit(&b,
	         "<form method=\"post\" action=\"/admin/import\" enctype=\"multipart/form-data\" "
	         "class=\"stack\">");
	html_hidden(&b, "csrf", r->csrf ? r->csrf : "");
	html_lit(&b, "<div class=\"field\"><label for=\"file\">");
	page_msg(&b, r, "import.file");
	html_lit(&b,
	         "</label><input type=\"file\" id=\"file\" name=\"file\" accept=\".csv,text/csv\" "
	         "required></div>");
	page_submit(&b, r, "import.submit", "primary");
	html_lit(&b, "</form></section>");
	page_finish(r, &b, status);
}

void page_admin_import(struct req *r)
{
	render_import(r, 200, NULL, NULL);
}

void page_admin_import_post(struct req *r)
{
	const char *data = NULL;
	size_t len = 0;
	for (struct form_field *f = r->form; f; f = f->next) {
		if (strcmp(f->name, "file") == 0) {
			data = f->value.p;
			len = f->value.len;
		}
	}
	if (!data || len == 0) {
		struct field_error err = {"file", "required", 0};
		render_import(r, 400, NULL, field_error_message(r, &err));
		return;
	}
	struct buf report;
	buf_init(&report, r->a);
	int n = experts_csv_import(r->db, r->a, data, len, r->lang, &report);
	if (n < 0) {
		render_import(r, 400, NULL, report.p);
		return;
	}
	audit_add(r->db, "experts_imported", 0, r->user->id, r->ip, arena_printf(r->a, "%d", n));
	const char *args[] = {arena_printf(r->a, "%d", n)};
	struct buf msg;
	buf_init(&msg, r->a);
	i18n_format(&msg, i18n_get(r->lang, "import.done"), args, 1, NULL);
	render_import(r, 200, msg.p, NULL);
}
