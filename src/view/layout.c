#include "view/layout.h"
#include "http/input.h"
#include "domain/prefecture.h"
#include "util/embed.h"
#include "view/i18n.h"

#include <sodium.h>
#include <stdio.h>
#include <string.h>
#include <time.h>

static char static_version[17] = "0";

void layout_init(void)
{
	crypto_generichash_state st;
	unsigned char h[8];
	crypto_generichash_init(&st, NULL, 0, sizeof h);
	for (size_t i = 0; i < embedded_count; i++)
		if (strncmp(embedded_files[i].name, "static/", 7) == 0)
			crypto_generichash_update(&st, embedded_files[i].data,
			                          embedded_files[i].len);
	crypto_generichash_final(&st, h, sizeof h);
	sodium_bin2hex(static_version, sizeof static_version, h, sizeof h);
}

void page_msg(struct buf *b, struct req *r, const char *key)
{
	html_text(b, i18n_get(r->lang, key));
}

void page_msgf(struct buf *b, struct req *r, const char *key, const char *const *args, int n)
{
	i18n_format(b, i18n_get(r->lang, key), args, n, html_textn);
}

static void nav_link(struct buf *b, struct req *r, const char *href, const char *key)
{
	html_lit(b, "<li>");
	html_link(b, href, i18n_get(r->lang, key), strcmp(r->path, href) == 0 ? "current" : NULL);
	html_lit(b, "</li>");
}

static void nav(struct req *r, struct buf *b)
{
	html_lit(b, "<nav class=\"site-nav\" aria-label=\"menu\"><ul>");
	nav_link(b, r, "/", "nav.home");
	nav_link(b, r, "/experts", "nav.experts");
	nav_link(b, r, "/communities", "nav.communities");
	nav_link(b, r, "/events", "nav.events");
	nav_link(b, r, "/qa", "nav.qa");
	if (!r->user) {
		nav_link(b, r, "/login", "nav.login");
		nav_link(b, r, "/signup", "nav.signup");
	} else {
		nav_link(b, r, "/requests", "nav.requests");
		html_lit(b, "<li>");
		html_link(b, "/account", i18n_get(r->lang, "nav.account"),
		          strcmp(r->path, "/account") == 0 ? "current" : NULL);
		if (r->unread > 0) { /* unread notifications, counted in the header */
			const char *n = arena_printf(r->a, "%d", r->unread);
			struct buf label;
			buf_init(&label, r->a);
			i18n_format(&label, i18n_get(r->lang, "nav.unread"), &n, 1, NULL);
			html_lit(b, " <span class=\"badge unread\"");
			html_attr_pair(b, "aria-label", label.p);
			html_lit(b, ">");
			html_text(b, n);
			html_lit(b, "</span>");
		}
		html_lit(b, "</li>");
		if (r->user->role & ROLE_EXPERT)
			nav_link(b, r, "/experts/me/edit", "nav.profile");
		if (r->user->role & ROLE_ADMIN) { /* one entry in the header, a list when opened */
			html_lit(b, "<li class=\"admin-menu\"><details><summary");
			if (strncmp(r->path, "/admin/", 7) == 0)
				html_lit(b, " class=\"current\"");
			html_lit(b, ">");
			page_msg(b, r, "nav.admin");
			html_lit(b, "</summary><ul>");
			nav_link(b, r, "/admin/accounts", "nav.admin_accounts");
			nav_link(b, r, "/admin/complaints", "nav.admin_complaints");
			nav_link(b, r, "/admin/reports", "nav.admin_reports");
			nav_link(b, r, "/admin/import", "nav.admin_import");
			nav_link(b, r, "/admin/mail", "nav.admin_mail");
			nav_link(b, r, "/admin/reference", "nav.admin_reference");
			html_lit(b, "</ul></details></li>");
		}
		html_lit(b, "<li>");
		page_form_begin(b, r, "/logout", "inline");
		html_lit(b, "<button type=\"submit\" class=\"link\">");
		page_msg(b, r, "nav.logout");
		html_lit(b, "</button></form></li>");
	}
	html_lit(b, "</ul></nav>");
}

static void lang_switch(struct req *r, struct buf *b)
{
	page_form_begin(b, r, "/lang", "lang-switch");
	html_hidden(b, "next", r->path);
	if (strcmp(r->lang, "ja") == 0)
		html_lit(b, "<button type=\"submit\" name=\"lang\" value=\"en\" "
		            "lang=\"en\">English</button>");
	else
		html_lit(b, "<button type=\"submit\" name=\"lang\" value=\"ja\" "
		            "lang=\"ja\">日本語</button>");
	html_lit(b, "</form>");
}

/* The page frame up to <main>, titled by a catalog key or, when title_key is NULL, by text. */
static void begin(struct req *r, struct buf *b, const char *title_key, const char *text);

void layout_begin(struct req *r, struct buf *b, const char *title_key)
{
	begin(r, b, title_key, NULL);
}

void page_start_titled(struct req *r, struct buf *b, const char *title)
{
	buf_init(b, r->a);
	begin(r, b, NULL, title);
}

static void begin(struct req *r, struct buf *b, const char *title_key, const char *text)
{
	html_lit(b, "<!doctype html>\n<html");
	html_attr_pair(b, "lang", r->lang);
	html_lit(b, "><head><meta charset=\"utf-8\">"
	            "<meta name=\"viewport\" content=\"width=device-width, initial-scale=1\">"
	            "<title>");
	if (title_key)
		page_msg(b, r, title_key);
	else
		html_text(b, text);
	html_lit(b, " | ");
	page_msg(b, r, "site.name");
	html_lit(b, "</title><link rel=\"stylesheet\" href=\"/static/style.css?v=");
	html_attr(b, static_version);
	html_lit(b, "\"><link rel=\"icon\" href=\"/static/favicon.svg\" type=\"image/svg+xml\">"
	            "</head><body><header class=\"site-header\"><div class=\"wrap\">"
	            "<a class=\"brand\" href=\"/\">");
	page_msg(b, r, "site.name");
	html_lit(b, "</a>");
	nav(r, b);
	lang_switch(r, b);
	html_lit(b, "</div></header><main class=\"wrap\">");
	if (r->flash) /* what the last action did, once */
		page_notice(b, "notice flash", i18n_get(r->lang, r->flash));
}

void layout_end(struct req *r, struct buf *b)
{
	html_lit(b, "</main><footer class=\"site-footer\"><div class=\"wrap\"><p>");
	page_msg(b, r, "footer.police");
	html_lit(b, "</p><p>");
	page_msg(b, r, "footer.about");
	html_lit(b, "</p><p>");
	html_link(b, "/verify", i18n_get(r->lang, "nav.verify"), NULL);
	html_lit(b, " · ");
	html_link(b, "/ethics", i18n_get(r->lang, "nav.ethics"), NULL);
	html_lit(b, "</p></div></footer></body></html>\n");
}

void page_error(struct req *r, struct buf *b, int status, const char *message)
{
	char key[32];
	snprintf(key, sizeof key, "status.%d", status);
	layout_begin(r, b, key);
	html_lit(b, "<section class=\"error-page\"><h1>");
	page_msg(b, r, key);
	html_lit(b, "</h1><p>");
	html_text(b, message);
	html_lit(b, "</p><p>");
	html_link(b, "/", i18n_get(r->lang, "error.back_home"), NULL);
	html_lit(b, "</p></section>");
	layout_end(r, b);
}

void page_form_begin(struct buf *b, struct req *r, const char *action, const char *cls)
{
	html_lit(b, "<form method=\"post\"");
	html_attr_pair(b, "action", action);
	html_attr_if(b, "class", cls);
	html_lit(b, ">");
	html_hidden(b, "csrf", r->csrf ? r->csrf : "");
}

void page_button_form(struct buf *b, struct req *r, const char *action, const char *button_cls,
                      const char *label_key)
{
	page_form_begin(b, r, action, "inline");
	page_submit(b, r, label_key, button_cls);
	html_lit(b, "</form>");
}

static void label(struct buf *b, struct req *r, const char *name, const char *key)
{
	html_lit(b, "<label");
	html_attr_pair(b, "for", name);
	html_lit(b, ">");
	page_msg(b, r, key ? key : arena_printf(r->a, "field.%s", name));
	html_lit(b, "</label>");
}

void page_input(struct buf *b, struct req *r, const char *name, const struct input_opts *o)
{
	html_lit(b, "<div class=\"field\">");
	label(b, r, name, NULL);
	html_lit(b, "<input");
	html_attr_pair(b, "id", name);
	html_attr_pair(b, "name", name);
	html_attr_pair(b, "type", o->type);
	if (o->value)
		html_attr_pair(b, "value", o->value);
	if (o->autocomplete)
		html_attr_pair(b, "autocomplete", o->autocomplete);
	if (o->maxlength > 0)
		buf_printf(b, " maxlength=\"%d\"", o->maxlength);
	if (o->required)
		html_lit(b, " required");
	if (o->error)
		html_lit(b, " aria-invalid=\"true\"");
	html_lit(b, ">");
	if (o->error) {
		html_lit(b, "<p class=\"field-error\">");
		html_text(b, o->error);
		html_lit(b, "</p>");
	}
	html_lit(b, "</div>");
}

void page_textarea(struct buf *b, struct req *r, const char *name, const struct textarea_opts *o)
{
	html_lit(b, "<div class=\"field\">");
	label(b, r, name, o->label);
	page_field_error(b, r, o->why, name);
	html_lit(b, "<textarea");
	html_attr_pair(b, "id", name);
	html_attr_pair(b, "name", name);
	buf_printf(b, " rows=\"%d\"", o->rows);
	if (o->maxlength > 0)
		buf_printf(b, " maxlength=\"%d\"", o->maxlength);
	if (o->required)
		html_lit(b, " required");
	html_lit(b, ">");
	html_text(b, o->value ? o->value : page_typed(r, name, ""));
	html_lit(b, "</textarea></div>");
}

static void prefecture_select(struct buf *b, struct req *r, const char *name, const char *selected,
                              const char *error, bool required);

void page_prefecture_select(struct buf *b, struct req *r, const char *name, const char *selected,
                            const char *error)
{
	prefecture_select(b, r, name, selected, error, true);
}

void page_prefecture_filter(struct buf *b, struct req *r, const char *name, const char *selected)
{
	prefecture_select(b, r, name, selected, NULL, false);
}

static void prefecture_select(struct buf *b, struct req *r, const char *name, const char *selected,
                              const char *error, bool required)
{
	const struct prefecture *all = prefectures_all();
	bool en = strcmp(r->lang, "en") == 0;
	html_lit(b, "<div class=\"field\">");
	label(b, r, name, NULL);
	html_lit(b, "<select");
	html_attr_pair(b, "id", name);
	html_attr_pair(b, "name", name);
	if (required)
		html_lit(b, " required>");
	else
		html_lit(b, ">");
	html_option(b, "", i18n_get(r->lang, required ? "form.choose" : "directory.any"),
	            !selected || !*selected);
	const char *block = "";
	for (int i = 0; all && i < PREF_COUNT; i++) {
		if (strcmp(all[i].block, block) != 0) {
			if (*block)
				html_lit(b, "</optgroup>");
			html_lit(b, "<optgroup");
			html_attr_pair(b, "label", en ? all[i].block_en : all[i].block_ja);
			html_lit(b, ">");
			block = all[i].block;
		}
		html_option(b, all[i].code, en ? all[i].name_en : all[i].name_ja,
		            selected && strcmp(selected, all[i].code) == 0);
	}
	if (*block)
		html_lit(b, "</optgroup>");
	html_lit(b, "</select>");
	if (error) {
		html_lit(b, "<p class=\"field-error\">");
		html_text(b, error);
		html_lit(b, "</p>");
	}
	html_lit(b, "</div>");
}

void page_notice(struct buf *b, const char *cls, const char *text)
{
	html_lit(b, "<p role=\"status\"");
	html_attr_pair(b, "class", cls);
	html_lit(b, ">");
	html_text(b, text);
	html_lit(b, "</p>");
}

void page_time(struct buf *b, int64_t utc)
{
	time_t t = (time_t)(utc + 9 * 3600); /* JST has no daylight saving */
	struct tm tm;
	gmtime_r(&t, &tm);
	char iso[32], s[32];
	strftime(iso, sizeof iso, "%Y-%m-%dT%H:%M+09:00", &tm);
	strftime(s, sizeof s, "%Y-%m-%d %H:%M", &tm);
	html_lit(b, "<time datetime=\"");
	html_text(b, iso);
	html_lit(b, "\">");
	html_text(b, s);
	html_lit(b, "</time>");
}

void page_fact(struct buf *b, struct req *r, const char *key, const char *value)
{
	html_lit(b, "<dt>");
	page_msg(b, r, key);
	html_lit(b, "</dt><dd>");
	html_text(b, value);
	html_lit(b, "</dd>");
}

bool page_en(const struct req *r)
{
	return strcmp(r->lang, "en") == 0;
}

const char *page_pref_name(const struct req *r, const char *code)
{
	const struct prefecture *p = prefecture_by_code(code);
	return p ? (page_en(r) ? p->name_en : p->name_ja) : code;
}

void page_h1(struct buf *b, struct req *r, const char *key)
{
	html_lit(b, "<h1>");
	page_msg(b, r, key);
	html_lit(b, "</h1>");
}

void page_submit(struct buf *b, struct req *r, const char *key, const char *cls)
{
	html_lit(b, "<button type=\"submit\"");
	html_attr_if(b, "class", cls);
	html_lit(b, ">");
	page_msg(b, r, key);
	html_lit(b, "</button>");
}

void page_form_end(struct buf *b, struct req *r, const char *key, const char *cls)
{
	page_submit(b, r, key, cls);
	html_lit(b, "</form>");
}

void page_heading(struct buf *b, struct req *r, const char *title_key, const char *lead_key)
{
	page_h1(b, r, title_key);
	if (lead_key) {
		html_lit(b, "<p class=\"lead\">");
		page_msg(b, r, lead_key);
		html_lit(b, "</p>");
	}
}

void page_start(struct req *r, struct buf *b, const char *title_key)
{
	buf_init(b, r->a);
	layout_begin(r, b, title_key);
}

void page_finish(struct req *r, struct buf *b, int status)
{
	layout_end(r, b);
	reply_html(r, status, b);
}

const char *page_typed(struct req *r, const char *name, const char *stored)
{
	return r->form ? input_form_value(r, name) : stored;
}

bool page_chosen(struct req *r, const char *name, const char *value, bool stored)
{
	if (!r->form)
		return stored;
	for (struct form_field *f = r->form; f; f = f->next)
		if (strcmp(f->name, name) == 0 && strcmp(f->value.p, value) == 0)
			return true;
	return false;
}

const char *field_error_message(struct req *r, const struct field_error *e)
{
	const char *label = i18n_get(r->lang, arena_printf(r->a, "field.%s", e->field));
	const char *tmpl = i18n_get(r->lang, arena_printf(r->a, "invalid.%s", e->code));
	const char *args[2] = {label, arena_printf(r->a, "%d", e->limit)};
	struct buf b;
	buf_init(&b, r->a);
	i18n_format(&b, tmpl, args, 2, NULL);
	return b.p;
}

void page_field_error(struct buf *b, struct req *r, const struct field_error *why,
                      const char *field)
{
	if (!why || !why->field || strcmp(why->field, field) != 0)
		return;
	html_lit(b, "<p class=\"field-error\">");
	html_text(b, field_error_message(r, why));
	html_lit(b, "</p>");
}

void page_ago(struct buf *b, struct req *r, int64_t utc)
{
	int64_t ago = (int64_t)time(NULL) - utc;
	if (ago < 0 || ago >= 86400) {
		page_time(b, utc);
		return;
	}
	const char *n = arena_printf(r->a, "%lld", (long long)(ago < 3600 ? ago / 60 : ago / 3600));
	page_msgf(b, r,
	          ago < 60     ? "time.just_now"
	          : ago < 3600 ? "time.minutes_ago"
	                       : "time.hours_ago",
	          &n, 1);
}

void page_table_head(struct buf *b, struct req *r, const char *cls, const char *const *keys)
{
	html_lit(b, "<div class=\"table-scroll\" tabindex=\"0\"><table");
	html_attr_if(b, "class", cls);
	html_lit(b, "><thead><tr>");
	for (int i = 0; keys[i]; i++) {
		html_lit(b, "<th>");
		page_msg(b, r, keys[i]);
		html_lit(b, "</th>");
	}
	html_lit(b, "</tr></thead><tbody>");
}

void page_table_end(struct buf *b)
{
	html_lit(b, "</tbody></table></div>");
}

void page_card(struct buf *b, struct req *r, const char *cls, const char *title_key)
{
	html_lit(b, "<section");
	html_attr_pair(b, "class", cls ? arena_printf(r->a, "card %s", cls) : "card");
	html_lit(b, "><h2>");
	page_msg(b, r, title_key);
	html_lit(b, "</h2>");
}

void page_select_open(struct buf *b, struct req *r, const char *name, const char *label_key)
{
	html_lit(b, "<div class=\"field\"><label");
	html_attr_pair(b, "for", name);
	html_lit(b, ">");
	page_msg(b, r, label_key);
	html_lit(b, "</label><select");
	html_attr_pair(b, "id", name);
	html_attr_pair(b, "name", name);
	html_lit(b, ">");
}
