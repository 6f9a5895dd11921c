/* bulk_pages.c — bulk data for admins (CSV export and import of experts) and
 * the one-time password links imported experts use to log in. */
#include "app/errors.h"
#include "app/experts_csv.h"
#include "app/handlers.h"
#include "domain/token.h"
#include "http/input.h"
#include "app/session.h"
#include "store/accounts.h"
#include "store/audit.h"
#include "store/sessions.h"
#include "view/i18n.h"
#include "view/layout.h"

#include <string.h>

#define RESET_SECONDS (7 * 24 * 3600)

void api_experts_csv(struct req *r)
{
	struct buf out;
	buf_init(&out, r->a);
	if (experts_csv_export(r->db, &out) != KK_OK) {
		reply_error(r, 500, "internal");
		return;
	}
	audit_add(r->db, "experts_exported", 0, r->user->id, r->ip, NULL);
	req_add_header(r, "Content-Disposition", "attachment; filename=\"kakekomi-experts.csv\"");
	reply_text(r, 200, "text/csv; charset=utf-8", out.p, out.len);
}

static void render_import(struct req *r, int status, const char *notice, const char *report)
{
	struct buf b;
	buf_init(&b, r->a);
	layout_begin(r, &b, "import.title");
	html_lit(&b, "<section class=\"card\"><h1>");
	page_msg(&b, r, "import.title");
	html_lit(&b, "</h1><p>");
	page_msg(&b, r, "import.lead");
	html_lit(&b, "</p><p>");
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
	         "required></div><button type=\"submit\" class=\"primary\">");
	page_msg(&b, r, "import.submit");
	html_lit(&b, "</button></form></section>");
	layout_end(r, &b);
	reply_html(r, status, &b);
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

int reset_link_create(struct db *db, int64_t account_id, char token[TOKEN_TEXT])
{
	unsigned char h[TOKEN_HASH];
	token_new(token);
	token_hash(token, h);
	return resets_create(db, h, account_id, db_now() + RESET_SECONDS);
}

/* The account behind a valid link, or reply 404 and return false. */
static bool reset_or_reply(struct req *r, unsigned char h[TOKEN_HASH], int64_t *account_id)
{
	const char *token = req_param(r, 0);
	if (token_hash(token, h) && resets_find(r->db, h, db_now(), account_id) == KK_OK)
		return true;
	reply_error(r, 404, "reset_invalid");
	return false;
}

static void render_reset(struct req *r, int status, const char *error)
{
	struct buf b;
	buf_init(&b, r->a);
	layout_begin(r, &b, "reset.title");
	html_lit(&b, "<section class=\"card narrow\"><h1>");
	page_msg(&b, r, "reset.title");
	html_lit(&b, "</h1>");
	if (error)
		page_notice(&b, "error", error);
	page_form_begin(&b, r, arena_printf(r->a, "/reset/%s", req_param(r, 0)), "stack");
	page_input(&b, r, "new_password",
	           &(struct input_opts){"password", NULL, "new-password", true, 256, NULL});
	html_lit(&b, "<p class=\"hint\">");
	page_msg(&b, r, "signup.password_hint");
	html_lit(&b, "</p><button type=\"submit\" class=\"primary\">");
	page_msg(&b, r, "reset.submit");
	html_lit(&b, "</button></form></section>");
	layout_end(r, &b);
	reply_html(r, status, &b);
}

void page_reset(struct req *r)
{
	unsigned char h[TOKEN_HASH];
	int64_t account_id;
	if (reset_or_reply(r, h, &account_id))
		render_reset(r, 200, NULL);
}

void page_reset_post(struct req *r)
{
	static const struct field_spec spec[] = {{"new_password", FT_PASSWORD, true, 8, 256, NULL}};
	unsigned char h[TOKEN_HASH];
	int64_t account_id;
	struct field_val v[1];
	struct field_error err;
	if (!reset_or_reply(r, h, &account_id))
		return;
	if (input_read(r, spec, 1, v, &err) < 0) {
		render_reset(r, 400, field_error_message(r, &err));
		return;
	}
	char hash[PASSWORD_HASH_TEXT];
	struct account acc;
	if (password_hash(v[0].s, hash) != 0 || db_begin(r->db) < 0) {
		reply_error(r, 500, "internal");
		return;
	}
	if (resets_use(r->db, h, db_now()) != KK_OK ||
	    accounts_set_password(r->db, account_id, hash) != KK_OK ||
	    sessions_delete_account(r->db, account_id) != KK_OK ||
	    audit_add(r->db, "password_reset", account_id, account_id, r->ip, NULL) != KK_OK ||
	    db_commit(r->db) != KK_OK) {
		db_rollback(r->db);
		reply_error(r, 404, "reset_invalid");
		return;
	}
	if (accounts_by_id(r->db, r->a, account_id, &acc) == KK_OK && session_start(r, &acc, "web"))
		reply_redirect(r, "/account");
	else
		reply_redirect(r, "/login");
}
