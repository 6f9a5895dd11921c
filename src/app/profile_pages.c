/* profile_pages.c — an expert's own profile form (/experts/me/edit): every field
 * with its visibility; a bad value brings it back as typed. */
#include "app/session.h"
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

#include <string.h>

static void vis_select(struct buf *b, struct req *r, enum vis_field f, int current)
{
	html_lit(b, "<select class=\"vis\"");
	html_attr_pair(b, "name", arena_printf(r->a, "visibility.%s", vis_field_names[f]));
	/* Each select its own name: "経歴の公開範囲", not ten selects all named 公開範囲. */
	const char *field = i18n_get(r->lang, arena_printf(r->a, "field.%s", vis_field_names[f]));
	struct buf label;
	buf_init(&label, r->a);
	i18n_format(&label, i18n_get(r->lang, "visibility.label"), &field, 1, NULL);
	html_attr_pair(b, "aria-label", label.p);
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
	html_lit(&b, "<section class=\"card\">");
	page_heading(&b, r, "profile.edit", "profile.edit_lead");
	if (err)
		page_notice(&b, "error", field_error_message(r, err));
	page_form_begin(&b, r, "/experts/me/edit", "stack profile-form");

	page_input(&b, r, "display_name",
	           &(struct input_opts){"text", e->display_name, "nickname", true, 50,
	                                err && strcmp(err->field, "display_name") == 0
	                                    ? field_error_message(r, err)
	                                    : NULL});
	page_prefecture_select(
	    &b, r, "prefecture", e->prefecture,
	    err && strcmp(err->field, "prefecture") == 0 ? field_error_message(r, err) : NULL);

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
		html_text(&b, tax_label(r, s->code));
		html_lit(&b, "</span><select");
		html_attr_pair(&b, "name", name);
		html_lit(&b, ">");
		html_option(&b, "0", "—", level == 0);
		for (int l = 1; l <= 4; l++) {
			char v[2] = {(char)('0' + l), 0};
			html_option(
			    &b, v,
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
		            tax_label(r, tax->roles[i].code));
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
	html_attr_pair(
	    &b, "value",
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
		html_option(&b, tax->backgrounds[i].code, tax_label(r, tax->backgrounds[i].code),
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
	html_lit(&b, "</div>");
	row_begin(&b, r, "modules", err);
	html_lit(&b, "<p class=\"hint\">");
	page_msg(&b, r, "profile.modules_hint");
	html_lit(&b, "</p>");
	vis_select(&b, r, VF_MODULES, e->vis[VF_MODULES]);
	html_lit(&b, "</div>");
	page_form_end(&b, r, "profile.save", "primary");
	html_lit(&b, "</section>");
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
	struct field_error err = {0};
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
	reply_done(r, link_expert(r->a, e.id, NULL), "flash.profile_saved");
}
