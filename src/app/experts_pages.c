/* experts_pages.c — the expert directory, a profile page, and the expert's own
 * profile form. */
#include "app/errors.h"
#include "domain/match.h"
#include "domain/prefecture.h"
#include "app/course.h"
#include "app/course_view.h"
#include "app/experts.h"
#include "app/handlers.h"
#include "domain/date.h"
#include "store/audit.h"
#include "store/communities.h"
#include "store/prefectures.h"
#include "store/taxonomy.h"
#include "view/i18n.h"
#include "view/layout.h"
#include "view/links.h"

#include <stdlib.h>
#include <string.h>

static void cert_badge(struct buf *b, struct req *r, const struct expert *e)
{
	if (!e->cert.number)
		return;
	html_lit(b, "<span");
	html_attr_pair(b, "class", arena_printf(r->a, "badge cert-%s", e->cert.status));
	html_lit(b, ">");
	page_msg(b, r, arena_printf(r->a, "cert.level.%s", e->cert.level));
	html_lit(b, " ");
	page_msg(b, r, arena_printf(r->a, "cert.status.%s", e->cert.status));
	html_lit(b, "</span>");
}

static void skill_list(struct buf *b, struct req *r, const struct expert *e)
{
	html_lit(b, "<ul class=\"tags\">");
	for (int i = 0; i < e->nskills; i++) {
		html_lit(b, "<li>");
		html_text(b, tax_label(r, e->skills[i].code));
		buf_printf(b, " Lv%d", e->skills[i].level);
		html_lit(b, "</li>");
	}
	for (int i = 0; i < e->nroles; i++) {
		html_lit(b, "<li class=\"role\">");
		html_text(b, tax_label(r, e->roles[i]));
		html_lit(b, "</li>");
	}
	html_lit(b, "</ul>");
}

static void directory_form(struct buf *b, struct req *r, const struct expert_query *q)
{
	const struct taxonomy *tax = taxonomy();
	const struct prefecture *prefs = prefectures_all();
	html_lit(b, "<form method=\"get\" action=\"/experts\" class=\"filters\">");
	page_select_open(b, r, "pref", "field.pref");
	html_option(b, "", i18n_get(r->lang, "directory.any"), !q->pref);
	for (int i = 0; prefs && i < PREF_COUNT; i++)
		html_option(b, prefs[i].code, page_en(r) ? prefs[i].name_en : prefs[i].name_ja,
		            q->pref && strcmp(q->pref, prefs[i].code) == 0);
	html_lit(b, "</select></div>");
	page_input(b, r, "q", &(struct input_opts){"search", q->q, NULL, false, 100, NULL});
	html_lit(b, "<div class=\"field checks\">");
	html_choice(b, false, "near", "1", q->near, i18n_get(r->lang, "directory.near"));
	html_lit(b, "</div>");
	/* The rest folded, so that on a phone the results start on the first screen; open when
	 * one of them is in use. */
	bool more = q->skill || q->role || q->min_level > 1 || q->on_call == 1 || q->certified == 1;
	html_lit(b, "<details class=\"more\"");
	if (more)
		html_lit(b, " open");
	html_lit(b, "><summary>");
	page_msg(b, r, "directory.more");
	html_lit(b, "</summary><div class=\"more-fields\">");
	page_select_open(b, r, "skill", "field.skill");
	html_option(b, "", i18n_get(r->lang, "directory.any"), !q->skill);
	for (int i = 0; tax && i < tax->nskills; i++)
		html_option(b, tax->skills[i].code,
		            page_en(r) ? tax->skills[i].name_en : tax->skills[i].name_ja,
		            q->skill && strcmp(q->skill, tax->skills[i].code) == 0);
	html_lit(b, "</select></div>");
	page_select_open(b, r, "min_level", "field.min_level");
	for (int l = 1; l <= 4; l++) {
		char v[2] = {(char)('0' + l), 0};
		html_option(b, v, arena_printf(r->a, "Lv%d+", l), q->min_level == l);
	}
	html_lit(b, "</select></div>");
	page_select_open(b, r, "role", "field.expert_role");
	html_option(b, "", i18n_get(r->lang, "directory.any"), !q->role);
	for (int i = 0; tax && i < tax->nroles; i++)
		html_option(b, tax->roles[i].code, tax_label(r, tax->roles[i].code),
		            q->role && strcmp(q->role, tax->roles[i].code) == 0);
	html_lit(b, "</select></div><div class=\"field checks\">");
	html_choice(b, false, "on_call", "1", q->on_call == 1, i18n_get(r->lang, "field.on_call"));
	html_choice(b, false, "certified", "1", q->certified == 1,
	            i18n_get(r->lang, "directory.certified"));
	html_lit(b, "</div></div></details>");
	page_form_end(b, r, "directory.search", "primary");
}

/* How near the searched prefecture the expert works. The tier comes from the nearest of the
 * home and the served prefectures; when a served one made it, say so rather than put
 * "in the prefecture" beside another prefecture's name. */
static void distance_label(struct buf *b, struct req *r, const struct expert_query *q,
                           const struct expert *e)
{
	const struct prefecture *target = prefecture_by_code(q->pref);
	const char *home[1] = {e->prefecture};
	int home_tier = target ? prefecture_distance(target, home, 1) : e->tier;
	if (home_tier == e->tier || e->tier == DIST_FAR) {
		page_msg(b, r, arena_printf(r->a, "distance.%d", e->tier));
	} else if (e->tier == DIST_SAME) {
		const char *args[] = {page_pref_name(r, q->pref)};
		page_msgf(b, r, "distance.serves_here", args, 1);
	} else {
		page_msg(b, r, "distance.serves_near");
	}
}

/* The current query string with a different page number. */
static const char *page_link(struct req *r, int page)
{
	static const char *const keys[] = {"pref", "near",    "skill",     "min_level", "role",
	                                   "mode", "on_call", "certified", "q"};
	struct buf b;
	buf_init(&b, r->a);
	buf_puts(&b, "/experts?");
	for (size_t i = 0; i < sizeof keys / sizeof *keys; i++) {
		const char *v = req_query(r, keys[i]);
		if (v && *v) {
			buf_printf(&b, "%s=", keys[i]);
			html_url_arg(&b, v);
			buf_putc(&b, '&');
		}
	}
	buf_printf(&b, "page=%d", page);
	return b.p;
}

void page_experts(struct req *r)
{
	struct directory d;
	if (!expert_directory_or_reply(r, &d))
		return;
	struct buf b;
	page_start(r, &b, "directory.title");
	page_heading(&b, r, "directory.title", "directory.lead");
	directory_form(&b, r, &d.q);
	const char *args[] = {arena_printf(r->a, "%lld", (long long)d.total)};
	html_lit(&b, "<p class=\"count\">");
	page_msgf(&b, r, "directory.count", args, 1);
	html_lit(&b, "</p><ul class=\"cards\">");
	for (int i = 0; i < d.n; i++) {
		const struct expert *e = &d.list[i];
		html_lit(&b, "<li class=\"card expert\"><h2>");
		html_link(&b, link_expert(r->a, e->id, NULL), e->display_name, NULL);
		html_lit(&b, "</h2><p class=\"meta\">");
		html_text(&b, page_pref_name(r, e->prefecture));
		if (d.q.pref) {
			html_lit(&b, " · ");
			distance_label(&b, r, &d.q, e);
		}
		if (e->remote) {
			html_lit(&b, " · ");
			page_msg(&b, r, "field.remote");
		}
		html_lit(&b, " ");
		cert_badge(&b, r, e);
		html_lit(&b, "</p>");
		skill_list(&b, r, e);
		html_lit(&b, "</li>");
	}
	html_lit(&b, "</ul><nav class=\"pager\">");
	if (d.page > 1)
		html_link(&b, page_link(r, d.page - 1), i18n_get(r->lang, "pager.prev"), NULL);
	if ((int64_t)d.page * DIRECTORY_PAGE < d.total)
		html_link(&b, page_link(r, d.page + 1), i18n_get(r->lang, "pager.next"), NULL);
	html_lit(&b, "</nav>");
	page_finish(r, &b, 200);
}

static const char *yes_no(struct req *r, bool v)
{
	return i18n_get(r->lang, v ? "common.yes" : "common.no");
}

static const char *joined(struct req *r, const char *const *items, int n)
{
	struct buf b;
	buf_init(&b, r->a);
	for (int i = 0; i < n; i++) {
		if (i)
			buf_puts(&b, "、");
		buf_puts(&b, items[i]);
	}
	return b.p;
}

/* A one-line admin form: a required reason and a button. */
static void admin_reason_form(struct buf *b, struct req *r, const char *action, const char *key)
{
	page_form_begin(b, r, action, "inline-form");
	html_lit(b, "<div class=\"field\"><input type=\"text\" name=\"reason\" required "
	            "maxlength=\"500\"");
	html_attr_pair(b, "placeholder", i18n_get(r->lang, "field.reason"));
	html_attr_pair(b, "aria-label", i18n_get(r->lang, "field.reason"));
	html_lit(b, "></div><button type=\"submit\">");
	page_msg(b, r, key);
	html_lit(b, "</button></form>");
}

void render_expert(struct req *r, int status, int64_t id, const struct field_error *why)
{
	struct expert e;
	if (!expert_load_or_reply(r, id, &e))
		return;
	int level = expert_caller_level(r, e.id);
	expert_audit_desk_view(r, &e, level);
	struct buf b;
	page_start(r, &b, "profile.title");
	if (why)
		page_notice(&b, "error", field_error_message(r, why));
	html_lit(&b, "<section class=\"card\"><h1>");
	html_text(&b, e.display_name);
	html_lit(&b, "</h1><p class=\"meta\">");
	html_text(&b, page_pref_name(r, e.prefecture));
	html_lit(&b, " ");
	cert_badge(&b, r, &e);
	if (e.cert.number) { /* anyone can check this certificate, by its number */
		html_lit(&b, " ");
		html_link(&b, arena_printf(r->a, "/verify/%s", e.cert.number),
		          i18n_get(r->lang, "nav.verify"), "verify-link");
	}
	html_lit(&b, "</p>");
	if (e.hidden)
		page_notice(&b, "error", i18n_get(r->lang, "profile.hidden"));
	skill_list(&b, r, &e);
	if (e.vis[VF_BIO] <= level && *e.bio) {
		html_lit(&b, "<p class=\"bio\">");
		html_text(&b, e.bio);
		html_lit(&b, "</p>");
	}
	html_lit(&b, "<dl class=\"facts\">");
	const char *serves[EXPERT_MAX_SERVES];
	for (int i = 0; i < e.nserves; i++)
		serves[i] = page_pref_name(r, e.serves[i]);
	if (e.nserves)
		page_fact(&b, r, "field.serves", joined(r, serves, e.nserves));
	page_fact(&b, r, "field.remote", yes_no(r, e.remote));
	if (e.vis[VF_MODES] <= level) {
		const char *m[2];
		int n = 0;
		if (e.modes & MODE_REMOTE)
			m[n++] = i18n_get(r->lang, "mode.remote");
		if (e.modes & MODE_ONSITE)
			m[n++] = i18n_get(r->lang, "mode.onsite");
		page_fact(&b, r, "field.modes", joined(r, m, n));
	}
	if (e.vis[VF_HOURS] <= level)
		page_fact(&b, r, "field.hours_per_week",
		          arena_printf(r->a, "%d h", e.hours_per_week));
	if (e.vis[VF_ON_CALL] <= level)
		page_fact(&b, r, "field.on_call", yes_no(r, e.on_call));
	if (e.vis[VF_LANGUAGES] <= level)
		page_fact(&b, r, "field.languages", joined(r, e.languages, e.nlanguages));
	if (e.vis[VF_EMPLOYER] <= level && *e.employer)
		page_fact(&b, r, "field.employer", e.employer);
	if (e.vis[VF_EMPLOYER_SUPPORTS] <= level)
		page_fact(&b, r, "field.employer_supports", yes_no(r, e.employer_supports));
	if (e.vis[VF_BACKGROUND] <= level && e.background)
		page_fact(&b, r, "field.background", tax_label(r, e.background));
	if (e.vis[VF_CONFLICTS] <= level)
		page_fact(&b, r, "field.conflicts",
		          e.nconflicts ? joined(r, e.conflicts, e.nconflicts)
		                       : i18n_get(r->lang, "profile.no_conflicts"));
	if (e.vis[VF_ETHICS] <= level) {
		char d[11] = "";
		if (e.ethics_accepted_at)
			date_jst(e.ethics_accepted_at, d);
		page_fact(&b, r, "field.ethics_accepted",
		          e.ethics_accepted_at ? d : i18n_get(r->lang, "common.no"));
	}
	if (e.cert.number) {
		html_lit(&b, "<dt>");
		page_msg(&b, r, "cert.number");
		html_lit(&b, "</dt><dd>");
		html_link(&b, arena_printf(r->a, "/verify/%s", e.cert.number), e.cert.number, NULL);
		html_lit(&b, "</dd>");
	}
	html_lit(&b, "</dl>");
	struct community cs[20];
	int nc = communities_of_expert(r->db, r->a, e.id, cs, 20);
	if (nc) {
		html_lit(&b, "<h2>");
		page_msg(&b, r, "nav.communities");
		html_lit(&b, "</h2><ul>");
		for (int i = 0; i < nc; i++) {
			html_lit(&b, "<li>");
			html_text(&b, cs[i].name);
			html_lit(&b, "</li>");
		}
		html_lit(&b, "</ul>");
	}
	html_lit(&b, "</section>");
	course_profile_section(&b, r, &e, level);
	if (r->user && r->user->id == e.id) {
		html_lit(&b, "<p>");
		html_link(&b, "/experts/me/edit", i18n_get(r->lang, "profile.edit"), "button");
		html_lit(&b, "</p>");
	} else if (r->user) {
		if (why) /* the complaint came back: keep it in sight */
			html_lit(&b, "<details class=\"card\" open><summary>");
		else
			html_lit(&b, "<details class=\"card\"><summary>");
		page_msg(&b, r, "complaint.title");
		html_lit(&b, "</summary><p class=\"hint\">");
		page_msg(&b, r, "complaint.lead");
		html_lit(&b, "</p>");
		page_form_begin(&b, r, link_expert(r->a, e.id, "complaints"), "stack");
		const struct textarea_opts to = {.label = "complaint.body",
		                                 .rows = 4,
		                                 .maxlength = 4000,
		                                 .required = true,
		                                 .why = why};
		page_textarea(&b, r, "body", &to);
		page_form_end(&b, r, "complaint.submit", NULL);
		html_lit(&b, "</details>");
	}
	if (r->user && (r->user->role & ROLE_ADMIN)) {
		html_lit(&b, "<section class=\"card admin\"><h2>");
		page_msg(&b, r, "admin.expert.title");
		html_lit(&b, "</h2>");
		/* Certification is offered once it is possible: the ethics and a role's course. */
		struct field_error not_yet = {0};
		if (course_certifiable(r, &e, &not_yet) == KK_OK) {
			page_form_begin(&b, r, link_admin(r->a, "experts", e.id, "certify"),
			                "inline");
			html_lit(&b, "<select name=\"level\" aria-label=\"level\">");
			html_option(&b, "basic", i18n_get(r->lang, "cert.level.basic"), true);
			html_option(&b, "advanced", i18n_get(r->lang, "cert.level.advanced"),
			            false);
			html_lit(&b, "</select> ");
			page_form_end(&b, r, "admin.expert.certify", NULL);
		} else if (not_yet.code) {
			page_notice(
			    &b, "notice",
			    i18n_get(r->lang, arena_printf(r->a, "error.%s", not_yet.code)));
		}
		if (e.cert.number && strcmp(e.cert.status, "revoked") != 0) {
			static const char *const actions[] = {"suspend", "revoke", "reinstate"};
			for (int i = 0; i < 3; i++)
				admin_reason_form(
				    &b, r,
				    arena_printf(r->a, "/admin/certificates/%s/%s", e.cert.number,
				                 actions[i]),
				    arena_printf(r->a, "admin.expert.%s", actions[i]));
		}
		admin_reason_form(&b, r,
		                  link_admin(r->a, "experts", e.id, e.hidden ? "unhide" : "hide"),
		                  e.hidden ? "admin.expert.unhide" : "admin.expert.hide");
		html_lit(&b, "</section>");
	}
	page_finish(r, &b, status);
}

void page_expert(struct req *r)
{
	render_expert(r, 200, req_param_id(r, 0), NULL);
}
