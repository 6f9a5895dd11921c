/* experts_pages.c — the expert directory, a profile page, and the expert's own
 * profile form. */
#include "app/errors.h"
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

static const char *skill_name(struct req *r, const char *code)
{
	const struct tax_skill *s = taxonomy_skill(code);
	return s ? (page_en(r) ? s->name_en : s->name_ja) : code;
}

static const char *item_name(struct req *r, const struct tax_item *it, const char *code)
{
	return it ? (page_en(r) ? it->name_en : it->name_ja) : code;
}

/* A <select name=...> from value/label pairs; the first pair may be the "any" choice. */
static void select_open(struct buf *b, struct req *r, const char *name, const char *label_key)
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
		html_text(b, skill_name(r, e->skills[i].code));
		buf_printf(b, " Lv%d", e->skills[i].level);
		html_lit(b, "</li>");
	}
	for (int i = 0; i < e->nroles; i++) {
		html_lit(b, "<li class=\"role\">");
		html_text(b, item_name(r, taxonomy_role(e->roles[i]), e->roles[i]));
		html_lit(b, "</li>");
	}
	html_lit(b, "</ul>");
}

static void directory_form(struct buf *b, struct req *r, const struct expert_query *q)
{
	const struct taxonomy *tax = taxonomy();
	const struct prefecture *prefs = prefectures_all();
	html_lit(b, "<form method=\"get\" action=\"/experts\" class=\"filters\">");
	select_open(b, r, "pref", "field.pref");
	html_option(b, "", i18n_get(r->lang, "directory.any"), !q->pref);
	for (int i = 0; prefs && i < PREF_COUNT; i++)
		html_option(b, prefs[i].code, page_en(r) ? prefs[i].name_en : prefs[i].name_ja,
		            q->pref && strcmp(q->pref, prefs[i].code) == 0);
	html_lit(b, "</select></div>");
	select_open(b, r, "skill", "field.skill");
	html_option(b, "", i18n_get(r->lang, "directory.any"), !q->skill);
	for (int i = 0; tax && i < tax->nskills; i++)
		html_option(b, tax->skills[i].code,
		            page_en(r) ? tax->skills[i].name_en : tax->skills[i].name_ja,
		            q->skill && strcmp(q->skill, tax->skills[i].code) == 0);
	html_lit(b, "</select></div>");
	select_open(b, r, "min_level", "field.min_level");
	for (int l = 1; l <= 4; l++) {
		char v[2] = {(char)('0' + l), 0};
		html_option(b, v, arena_printf(r->a, "Lv%d+", l), q->min_level == l);
	}
	html_lit(b, "</select></div>");
	select_open(b, r, "role", "field.role");
	html_option(b, "", i18n_get(r->lang, "directory.any"), !q->role);
	for (int i = 0; tax && i < tax->nroles; i++)
		html_option(b, tax->roles[i].code, item_name(r, &tax->roles[i], NULL),
		            q->role && strcmp(q->role, tax->roles[i].code) == 0);
	html_lit(b, "</select></div>");
	page_input(b, r, "q", &(struct input_opts){"search", q->q, NULL, false, 100, NULL});
	html_lit(b, "<div class=\"field checks\">");
	html_choice(b, false, "near", "1", q->near, i18n_get(r->lang, "directory.near"));
	html_choice(b, false, "on_call", "1", q->on_call == 1, i18n_get(r->lang, "field.on_call"));
	html_choice(b, false, "certified", "1", q->certified == 1,
	            i18n_get(r->lang, "directory.certified"));
	html_lit(b, "</div><button type=\"submit\" class=\"primary\">");
	page_msg(b, r, "directory.search");
	html_lit(b, "</button></form>");
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
	struct expert_query q;
	int page;
	struct expert *list;
	int64_t total;
	int n = expert_directory_or_reply(r, &q, &page, &list, &total);
	if (n < 0)
		return;
	struct buf b;
	page_start(r, &b, "directory.title");
	html_lit(&b, "<h1>");
	page_msg(&b, r, "directory.title");
	html_lit(&b, "</h1><p class=\"lead\">");
	page_msg(&b, r, "directory.lead");
	html_lit(&b, "</p>");
	directory_form(&b, r, &q);
	const char *args[] = {arena_printf(r->a, "%lld", (long long)total)};
	html_lit(&b, "<p class=\"count\">");
	page_msgf(&b, r, "directory.count", args, 1);
	html_lit(&b, "</p><ul class=\"cards\">");
	for (int i = 0; i < n; i++) {
		const struct expert *e = &list[i];
		html_lit(&b, "<li class=\"card expert\"><h2>");
		html_link(&b, link_expert(r->a, e->id, NULL),
		          e->display_name, NULL);
		html_lit(&b, "</h2><p class=\"meta\">");
		html_text(&b, page_pref_name(r, e->prefecture));
		if (q.pref) {
			html_lit(&b, " · ");
			page_msg(&b, r, arena_printf(r->a, "distance.%d", e->tier));
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
	if (page > 1)
		html_link(&b, page_link(r, page - 1), i18n_get(r->lang, "pager.prev"), NULL);
	if ((int64_t)page * DIRECTORY_PAGE < total)
		html_link(&b, page_link(r, page + 1), i18n_get(r->lang, "pager.next"), NULL);
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

void page_expert(struct req *r)
{
	struct expert e;
	if (!expert_load_or_reply(r, req_param_id(r, 0), &e))
		return;
	int level = expert_caller_level(r, e.id);
	expert_audit_desk_view(r, &e, level);
	struct buf b;
	page_start(r, &b, "profile.title");
	html_lit(&b, "<section class=\"card\"><h1>");
	html_text(&b, e.display_name);
	html_lit(&b, "</h1><p class=\"meta\">");
	html_text(&b, page_pref_name(r, e.prefecture));
	html_lit(&b, " ");
	cert_badge(&b, r, &e);
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
		page_fact(&b, r, "field.background",
		          item_name(r, taxonomy_background(e.background), e.background));
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
	if (e.cert.number && level >= VIS_DESKS) {
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
	if (r->user && r->user->id == e.id) {
		html_lit(&b, "<p>");
		html_link(&b, "/experts/me/edit", i18n_get(r->lang, "profile.edit"), "button");
		html_lit(&b, "</p>");
	} else if (r->user) {
		html_lit(&b, "<details class=\"card\"><summary>");
		page_msg(&b, r, "complaint.title");
		html_lit(&b, "</summary><p class=\"hint\">");
		page_msg(&b, r, "complaint.lead");
		html_lit(&b, "</p>");
		page_form_begin(&b, r,
		                link_expert(r->a, e.id, "complaints"),
		                "stack");
		page_textarea(
		    &b, r, "body",
		    &(struct textarea_opts){
		        .label = "complaint.body", .rows = 4, .maxlength = 4000, .required = true});
		html_lit(&b, "<button type=\"submit\">");
		page_msg(&b, r, "complaint.submit");
		html_lit(&b, "</button></form></details>");
	}
	if (r->user && (r->user->role & ROLE_ADMIN)) {
		html_lit(&b, "<section class=\"card admin\"><h2>");
		page_msg(&b, r, "admin.expert.title");
		html_lit(&b, "</h2>");
		page_form_begin(&b, r,
		                link_admin(r->a, "experts", e.id, "certify"),
		                "inline");
		html_lit(&b, "<select name=\"level\" aria-label=\"level\">");
		html_option(&b, "basic", i18n_get(r->lang, "cert.level.basic"), true);
		html_option(&b, "advanced", i18n_get(r->lang, "cert.level.advanced"), false);
		html_lit(&b, "</select> <button type=\"submit\">");
		page_msg(&b, r, "admin.expert.certify");
		html_lit(&b, "</button></form>");
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
	page_finish(r, &b, 200);
}

/* ---- the expert's own profile form ---- */

static void vis_select(struct buf *b, struct req *r, enum vis_field f, int current)
{
	html_lit(b, "<select class=\"vis\"");
	html_attr_pair(b, "name", arena_printf(r->a, "visibility.%s", vis_field_names[f]));
	html_attr_pair(b, "aria-label", i18n_get(r->lang, "field.visibility"));
	html_lit(b, ">");
	for (int l = 0; l < 4; l++)
		if (vis_allowed(f, l))
			html_option(
			    b, vis_level_names[l],
			    i18n_get(r->lang, arena_printf(r->a, "vis.%s", vis_level_names[l])),
			    current == l);
	html_lit(b, "</select>");
}

/* A labelled row: the control, then its visibility select when it has one. */
static void row_begin(struct buf *b, struct req *r, const char *name, const struct field_error *err)
{
	html_lit(b, "<div class=\"field\"><label");
	html_attr_pair(b, "for", name);
	html_lit(b, ">");
	page_msg(b, r, arena_printf(r->a, "field.%s", name));
	html_lit(b, "</label>");
	if (err && err->field && strcmp(err->field, name) == 0) {
		html_lit(b, "<p class=\"field-error\">");
		html_text(b, field_error_message(r, err));
		html_lit(b, "</p>");
	}
}

/* Languages as the form takes them back: "ja, en". */
static const char *languages_value(struct req *r, const struct expert *e)
{
	struct buf b;
	buf_init(&b, r->a);
	for (int i = 0; i < e->nlanguages; i++)
		buf_printf(&b, "%s%s", i ? ", " : "", e->languages[i]);
	return page_typed(r, "languages", b.p);
}

static void render_form(struct req *r, int status, const struct expert *e,
                        const struct field_error *err)
{
	const struct taxonomy *tax = taxonomy();
	const struct prefecture *prefs = prefectures_all();
	struct buf b;
	page_start(r, &b, "profile.edit");
	html_lit(&b, "<section class=\"card\"><h1>");
	page_msg(&b, r, "profile.edit");
	html_lit(&b, "</h1><p class=\"lead\">");
	page_msg(&b, r, "profile.edit_lead");
	html_lit(&b, "</p>");
	if (err)
		page_notice(&b, "error", field_error_message(r, err));
	page_form_begin(&b, r, "/experts/me/edit", "stack profile-form");

	page_input(&b, r, "display_name",
	           &(struct input_opts){"text", e->display_name, "nickname", true, 50,
	                                err && strcmp(err->field, "display_name") == 0
	                                    ? field_error_message(r, err)
	                                    : NULL});
	page_prefecture_select(&b, r, "prefecture", e->prefecture,
	                       err && strcmp(err->field, "prefecture") == 0
	                           ? field_error_message(r, err)
	                           : NULL);

	html_lit(&b, "<fieldset class=\"field\"><legend>");
	page_msg(&b, r, "field.serves");
	html_lit(&b, "</legend><div class=\"check-grid\">");
	for (int i = 0; prefs && i < PREF_COUNT; i++) {
		bool on = false;
		for (int k = 0; k < e->nserves; k++)
			on |= strcmp(e->serves[k], prefs[i].code) == 0;
		html_choice(&b, false, "serves", prefs[i].code, on,
		            page_en(r) ? prefs[i].name_en : prefs[i].name_ja);
	}
	html_lit(&b, "</div>");
	html_choice(&b, false, "remote", "1", e->remote, i18n_get(r->lang, "field.remote"));
	html_lit(&b, "</fieldset><fieldset class=\"field\"><legend>");
	page_msg(&b, r, "field.skills");
	html_lit(&b, "</legend><p class=\"hint\">");
	page_msg(&b, r, "profile.skills_hint");
	html_lit(&b, "</p><div class=\"skill-grid\">");
	for (int i = 0; tax && i < tax->nskills; i++) {
		const struct tax_skill *s = &tax->skills[i];
		int level = 0;
		for (int k = 0; k < e->nskills; k++)
			if (strcmp(e->skills[k].code, s->code) == 0)
				level = e->skills[k].level;
		const char *name = arena_printf(r->a, "skill.%s", s->code);
		html_lit(&b, "<label class=\"skill\"><span>");
		html_text(&b, page_en(r) ? s->name_en : s->name_ja);
		html_lit(&b, "</span><select");
		html_attr_pair(&b, "name", name);
		html_lit(&b, ">");
		html_option(&b, "0", "—", level == 0);
		for (int l = 1; l <= 4; l++) {
			char v[2] = {(char)('0' + l), 0};
			html_option(&b, v,
			            arena_printf(r->a, "Lv%d %s", l,
			                         page_en(r) ? s->level_en[l - 1] : s->level_ja[l - 1]),
			            level == l);
		}
		html_lit(&b, "</select></label>");
	}
	html_lit(&b, "</div></fieldset><fieldset class=\"field\"><legend>");
	page_msg(&b, r, "field.roles");
	html_lit(&b, "</legend>");
	for (int i = 0; tax && i < tax->nroles; i++) {
		bool on = false;
		for (int k = 0; k < e->nroles; k++)
			on |= strcmp(e->roles[k], tax->roles[i].code) == 0;
		html_choice(&b, false, "roles", tax->roles[i].code, on,
		            item_name(r, &tax->roles[i], NULL));
	}
	html_lit(&b, "</fieldset>");

	row_begin(&b, r, "modes", err);
	html_choice(&b, false, "modes", "remote", e->modes & MODE_REMOTE,
	            i18n_get(r->lang, "mode.remote"));
	html_choice(&b, false, "modes", "onsite", e->modes & MODE_ONSITE,
	            i18n_get(r->lang, "mode.onsite"));
	vis_select(&b, r, VF_MODES, e->vis[VF_MODES]);
	html_lit(&b, "</div>");
	row_begin(&b, r, "hours_per_week", err);
	html_lit(&b,
	         "<input type=\"number\" id=\"hours_per_week\" name=\"hours_per_week\" min=\"0\" "
	         "max=\"80\"");
	html_attr_pair(&b, "value",
	               page_typed(r, "hours_per_week", arena_printf(r->a, "%d", e->hours_per_week)));
	html_lit(&b, ">");
	vis_select(&b, r, VF_HOURS, e->vis[VF_HOURS]);
	html_lit(&b, "</div>");
	row_begin(&b, r, "on_call", err);
	html_choice(&b, false, "on_call", "1", e->on_call,
	            i18n_get(r->lang, "profile.on_call_yes"));
	vis_select(&b, r, VF_ON_CALL, e->vis[VF_ON_CALL]);
	html_lit(&b, "</div>");
	row_begin(&b, r, "languages", err);
	html_lit(&b, "<input type=\"text\" id=\"languages\" name=\"languages\" maxlength=\"60\"");
	html_attr_pair(&b, "value", languages_value(r, e));
	html_lit(&b, ">");
	vis_select(&b, r, VF_LANGUAGES, e->vis[VF_LANGUAGES]);
	html_lit(&b, "</div>");
	row_begin(&b, r, "bio", err);
	html_lit(&b, "<textarea id=\"bio\" name=\"bio\" rows=\"5\" maxlength=\"2000\">");
	html_text(&b, e->bio);
	html_lit(&b, "</textarea>");
	vis_select(&b, r, VF_BIO, e->vis[VF_BIO]);
	html_lit(&b, "</div>");
	row_begin(&b, r, "employer", err);
	html_lit(&b, "<input type=\"text\" id=\"employer\" name=\"employer\" maxlength=\"100\"");
	html_attr_pair(&b, "value", e->employer);
	html_lit(&b, ">");
	vis_select(&b, r, VF_EMPLOYER, e->vis[VF_EMPLOYER]);
	html_choice(&b, false, "employer_supports", "1", e->employer_supports,
	            i18n_get(r->lang, "field.employer_supports"));
	vis_select(&b, r, VF_EMPLOYER_SUPPORTS, e->vis[VF_EMPLOYER_SUPPORTS]);
	html_lit(&b, "</div>");
	row_begin(&b, r, "background", err);
	html_lit(&b, "<select id=\"background\" name=\"background\">");
	html_option(&b, "", "—", !e->background);
	for (int i = 0; tax && i < tax->nbackgrounds; i++)
		html_option(&b, tax->backgrounds[i].code, item_name(r, &tax->backgrounds[i], NULL),
		            e->background && strcmp(e->background, tax->backgrounds[i].code) == 0);
	html_lit(&b, "</select>");
	vis_select(&b, r, VF_BACKGROUND, e->vis[VF_BACKGROUND]);
	html_lit(&b, "</div>");
	row_begin(&b, r, "conflicts", err);
	html_lit(&b, "<p class=\"hint\">");
	page_msg(&b, r, "profile.conflicts_hint");
	html_lit(&b, "</p><textarea id=\"conflicts\" name=\"conflicts\" rows=\"3\">");
	for (int i = 0; i < e->nconflicts; i++) {
		html_text(&b, e->conflicts[i]);
		html_lit(&b, "\n");
	}
	html_lit(&b, "</textarea>");
	vis_select(&b, r, VF_CONFLICTS, e->vis[VF_CONFLICTS]);
	html_lit(&b, "</div>");
	row_begin(&b, r, "ethics_accepted", err);
	html_lit(&b, "<p class=\"hint\">");
	page_msg(&b, r, "profile.ethics_hint");
	html_lit(&b, " ");
	html_link(&b, "/ethics", i18n_get(r->lang, "ethics.title"), NULL);
	html_lit(&b, "</p>");
	html_choice(&b, false, "ethics_accepted", "1", e->ethics_accepted_at != 0,
	            i18n_get(r->lang, "profile.ethics_accept"));
	vis_select(&b, r, VF_ETHICS, e->vis[VF_ETHICS]);
	html_lit(&b, "</div><button type=\"submit\" class=\"primary\">");
	page_msg(&b, r, "profile.save");
	html_lit(&b, "</button></form></section>");
	page_finish(r, &b, status);
}

void page_profile_edit(struct req *r)
{
	struct expert e;
	int rc = experts_get(r->db, r->a, r->user->id, &e);
	if (rc == KK_ERR) {
		reply_error(r, 500, "internal");
		return;
	}
	if (rc == KK_NOTFOUND) {
		memset(&e, 0, sizeof e);
		e.id = r->user->id;
		e.display_name = r->user->display_name;
		e.prefecture = r->user->prefecture;
		e.bio = e.employer = "";
		e.languages[0] = "ja";
		e.nlanguages = 1;
		e.modes = MODE_REMOTE;
		expert_default_visibility(e.vis);
	}
	render_form(r, 200, &e, NULL);
}

void page_profile_edit_post(struct req *r)
{
	struct expert current, e = {.id = r->user->id};
	int found = experts_get(r->db, r->a, r->user->id, &current);
	struct field_error err;
	if (expert_parse(r, found == KK_OK ? &current : NULL, &e, &err) < 0) {
		/* Show the form again with what was typed. */
		e.id = r->user->id;
		if (!e.display_name)
			e.display_name = input_form_value(r, "display_name");
		if (!e.prefecture)
			e.prefecture = input_form_value(r, "prefecture");
		if (!e.bio)
			e.bio = input_form_value(r, "bio");
		if (!e.employer)
			e.employer = input_form_value(r, "employer");
		render_form(r, 400, &e, &err);
		return;
	}
	if (db_begin(r->db) < 0 || experts_save(r->db, &e) < 0 || db_commit(r->db) < 0) {
		db_rollback(r->db);
		reply_error(r, 500, "internal");
		return;
	}
	reply_redirect(r, link_expert(r->a, e.id, NULL));
}
