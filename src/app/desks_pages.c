/* desks_pages.c — a company's profile (/company), which a request needs first. */
#include "app/session.h"
#include "app/desks.h"
#include "app/errors.h"
#include "app/requests.h"
#include "app/handlers.h"
#include "store/accounts.h"
#include "store/assessments.h"
#include "store/experts.h"
#include "store/prefectures.h"
#include "store/taxonomy.h"
#include "view/i18n.h"
#include "view/layout.h"
#include "view/links.h"

#include <string.h>

void page_company(struct req *r)
{
	struct company c;
	bool have = companies_get(r->db, r->a, r->user->id, &c) == KK_OK;
	struct buf b;
	page_start(r, &b, "company.title");
	html_lit(&b, "<section class=\"card narrow\">");
	page_heading(&b, r, "company.title", "company.lead");
	page_form_begin(&b, r, "/company", "stack");
	page_input(&b, r, "name",
	           &(struct input_opts){"text", have ? c.name : r->user->display_name,
	                                "organization", true, 100, NULL});
	page_prefecture_select(&b, r, "prefecture", have ? c.prefecture : r->user->prefecture,
	                       NULL);
	html_lit(&b, "<div class=\"field\"><label for=\"industry\">");
	page_msg(&b, r, "field.industry");
	html_lit(&b, "</label><select id=\"industry\" name=\"industry\" required>");
	/* Nothing pre-selected: the company must say what it does. */
	html_option(&b, "", i18n_get(r->lang, "form.choose"), !have);
	for (char k = 'A'; k <= 'T'; k++) {
		char code[2] = {k, 0};
		html_option(&b, code, i18n_get(r->lang, arena_printf(r->a, "industry.%s", code)),
		            have && strcmp(c.industry, code) == 0);
	}
	html_lit(&b, "</select></div><div class=\"field\"><label for=\"employees\">");
	page_msg(&b, r, "field.employees");
	html_lit(&b, "</label><select id=\"employees\" name=\"employees\">");
	for (int i = 0; company_bands[i]; i++)
		html_option(&b, company_bands[i],
		            arena_printf(r->a, "%s %s", company_bands[i],
		                         i18n_get(r->lang, "company.people")),
		            have && strcmp(c.employees, company_bands[i]) == 0);
	html_lit(&b, "</select></div><div class=\"field\"><label for=\"vendors\">");
	page_msg(&b, r, "field.vendors");
	html_lit(&b, "</label><p class=\"hint\">");
	page_msg(&b, r, "company.vendors_hint");
	html_lit(&b, "</p><textarea id=\"vendors\" name=\"vendors\" rows=\"3\">");
	for (int i = 0; have && i < c.nvendors; i++) {
		html_text(&b, c.vendors[i]);
		html_lit(&b, "\n");
	}
	html_lit(&b, "</textarea></div><fieldset class=\"field\"><legend>");
	page_msg(&b, r, "company.consent");
	html_lit(&b, "</legend><p class=\"hint\">");
	page_msg(&b, r, "company.consent_hint");
	html_lit(&b, "</p>");
	bool agree = have && companies_consent(r->db, c.id);
	html_choice(&b, true, "statistics_consent", "1", agree,
	            i18n_get(r->lang, "company.consent_yes"));
	html_choice(&b, true, "statistics_consent", "0", !agree,
	            i18n_get(r->lang, "company.consent_no"));
	html_lit(&b, "</fieldset>");
	page_form_end(&b, r, "profile.save", "primary");
	html_lit(&b, "</section>");
	page_finish(r, &b, 200);
}

void page_company_post(struct req *r)
{
	struct company c;
	struct field_error why = {0};
	bool created;
	if (ok_or_reply(r, company_save(r, &c, &created, &why), &why))
		reply_done(r, "/requests/new", "flash.company_saved");
}
