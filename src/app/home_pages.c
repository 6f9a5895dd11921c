/* home_pages.c — the home page, the health check and the static files. */
#include "app/handlers.h"
#include "app/requests.h"
#include "util/embed.h"
#include "view/i18n.h"
#include "view/layout.h"

#include <string.h>

static void card(struct buf *b, struct req *r, const char *who)
{
	html_lit(b, "<section class=\"card\"><h2>");
	page_msg(b, r, arena_printf(r->a, "home.%s.title", who));
	html_lit(b, "</h2><ul class=\"points\">");
	for (int i = 1; i <= 3; i++) {
		html_lit(b, "<li>");
		page_msg(b, r, arena_printf(r->a, "home.%s.point%d", who, i));
		html_lit(b, "</li>");
	}
	html_lit(b, "</ul>");
	if (!r->user) {
		const char *href = arena_printf(r->a, "/signup?role=%s", who);
		html_link(b, href, i18n_get(r->lang, arena_printf(r->a, "home.%s.cta", who)),
		          "button primary");
	}
	html_lit(b, "</section>");
}

/* A card with a title, a sentence and a button to href (keys home.<what>.title, .text, .cta). */
static void link_card(struct buf *b, struct req *r, const char *what, const char *href)
{
	page_card(b, r, NULL, arena_printf(r->a, "home.%s.title", what));
	html_lit(b, "<p>");
	page_msg(b, r, arena_printf(r->a, "home.%s.text", what));
	html_lit(b, "</p>");
	html_link(b, href, i18n_get(r->lang, arena_printf(r->a, "home.%s.cta", what)), "button");
	html_lit(b, "</section>");
}

void page_home(struct req *r)
{
	struct buf b;
	page_start(r, &b, "home.title");
	if (req_query(r, "deleted"))
		page_notice(&b, "notice", i18n_get(r->lang, "home.deleted"));
	html_lit(&b, "<section class=\"hero\">");
	page_heading(&b, r, "home.headline", "home.lead");
	if (r->user) {
		const char *args[] = {r->user->display_name};
		html_lit(&b, "<p class=\"hello\">");
		page_msgf(&b, r, "home.hello", args, 1);
		html_lit(&b, "</p>");
	}
	/* Someone in trouble sees this first, on a phone without scrolling. */
	html_lit(&b, "</section>");
	page_card(&b, r, "urgent", "home.incident.title");
	html_lit(&b, "<p>");
	page_msg(&b, r, "home.incident.text");
	/* One tap to help: file an incident (the desk and on-call experts are told at once),
	 * or call the police consultation line. */
	html_lit(&b, "</p><p class=\"actions\">");
	if (request_can_file(r)) { /* a company, or a visitor who will log in as one */
		html_link(&b, "/requests/new?kind=incident",
		          i18n_get(r->lang, "home.incident.file"), "button primary");
		html_lit(&b, " ");
	}
	html_link(&b, "tel:%239110", i18n_get(r->lang, "home.incident.call"), "button");
	html_lit(&b, "</p></section><div class=\"grid two\">");
	card(&b, r, "sme");
	card(&b, r, "expert");
	/* Where a company stands, and where in Japan help is missing. */
	html_lit(&b, "</div><div class=\"grid two\">");
	link_card(&b, r, "check", "/assessment");
	link_card(&b, r, "map", "/map");
	html_lit(&b, "</div>");
	page_finish(r, &b, 200);
}

void page_healthz(struct req *r)
{
	static const char ok[] = "ok\n";
	reply_text(r, 200, "text/plain; charset=utf-8", ok, sizeof ok - 1);
}

static const char *content_type(const char *name)
{
	static const struct {
		const char *ext, *type;
	} types[] = {{".css", "text/css; charset=utf-8"},
	             {".js", "text/javascript; charset=utf-8"},
	             {".svg", "image/svg+xml"},
	             {".png", "image/png"},
	             {".txt", "text/plain; charset=utf-8"}};
	const char *dot = strrchr(name, '.');
	for (size_t i = 0; dot && i < sizeof types / sizeof *types; i++)
		if (strcmp(dot, types[i].ext) == 0)
			return types[i].type;
	return "application/octet-stream";
}

void page_static(struct req *r)
{
	const char *name = req_param(r, 0);
	const struct embedded *f = embedded_find(arena_printf(r->a, "static/%s", name));
	if (!f) {
		reply_error(r, 404, "not_found");
		return;
	}
	/* Links carry ?v=<hash of the static files>, so a day of caching is safe. */
	req_add_header(r, "Cache-Control", "public, max-age=86400");
	reply_text(r, 200, content_type(name), (const char *)f->data, f->len);
}
