/* regions_detail_pages.c — one prefecture's page (/map/{code}: its figures
 * against the national median, its months, the skills asked for against those
 * offered, its neighbours, desk and communities) and the open data's page
 * (/opendata: the files, the data dictionary, the licence). */
#include "app/errors.h"
#include "app/events_view.h"
#include "app/experts.h"
#include "app/handlers.h"
#include "app/regions.h"
#include "app/regions_view.h"
#include "http/input.h"
#include "store/communities.h"
#include "store/desks.h"
#include "store/events.h"
#include "view/i18n.h"
#include "view/layout.h"
#include "view/links.h"

#include <math.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

/* What a chart draws: the sum of one or two flows (the second -1 when none), named by key. */
struct series {
	const char *key, *class;
	int m[2];
};
static const struct series requests_s = {"region.trend_requests",
                                         "req",
                                         {RM_REQUESTS_ADVICE, RM_REQUESTS_INCIDENT}},
                           questions_s = {"region.trend_questions", "qa", {RM_QUESTIONS, -1}},
                           incidents_s = {"region.trend_incidents",
                                          "req",
                                          {RM_REQUESTS_INCIDENT, -1}},
                           widened_s = {"region.trend_widened", "qa", {RM_INCIDENTS_WIDENED, -1}};

/* The month's value of s as shown: none when any part is held back, so a sum never gives
 * away what the open data holds back. */
static bool value_of(const struct region_figures *f, const struct series *s, double *v)
{
	*v = 0;
	for (int k = 0; k < 2 && s->m[k] >= 0; k++) {
		if (f->suppressed[s->m[k]])
			return false;
		*v += f->value[s->m[k]];
	}
	return true;
}

/* Two series as bars side by side per month, on one scale, with their key. */
static void bars(struct buf *b, struct req *r, const struct region_months *t, const char *id,
                 const char *title, const struct series *s[2])
{
	double top = 1, v[2][12];
	bool shown[2][12];
	for (int k = 0; k < 12; k++)
		for (int j = 0; j < 2; j++) {
			shown[j][k] = value_of(&t->f[k], s[j], &v[j][k]);
			top = fmax(top, shown[j][k] ? v[j][k] : 0);
		}
	html_lit(b, "<h3>");
	page_msg(b, r, title);
	buf_printf(b,
	           "</h3><svg class=\"trend bars\" viewBox=\"0 0 360 150\" role=\"img\" "
	           "aria-labelledby=\"%s\"><title id=\"%s\">",
	           id, id);
	page_msg(b, r, title);
	html_lit(b, "</title>");
	for (int k = 0; k < 12; k++) {
		for (int j = 0; j < 2; j++) {
			double h = shown[j][k] ? 100 * v[j][k] / top : 0;
			buf_printf(
			    b,
			    "<rect class=\"%s\" x=\"%d\" y=\"%.1f\" width=\"11\" height=\"%.1f\"/>",
			    s[j]->class, 8 + 11 * j + k * 29, 120 - h, h);
		}
		buf_printf(b, "<text x=\"%d\" y=\"135\" text-anchor=\"middle\">%d</text>",
		           19 + k * 29, atoi(t->month[k] + 5));
	}
	html_lit(b, "</svg><p class=\"hint\">");
	for (int j = 0; j < 2; j++) {
		buf_printf(b, "%s<span class=\"key %s\"></span>", j ? " " : "", s[j]->class);
		page_msg(b, r, s[j]->key);
	}
	html_lit(b, "</p>");
}

/* The last twelve months: requests and questions, incidents and those widened beyond the
 * prefecture, as charts and as one table. */
static void trend(struct buf *b, struct req *r, const char *pref, int today)
{
	struct region_months t;
	if (regions_months(r, atoi(pref) - 1, today, &t) != KK_OK)
		memset(&t, 0, sizeof t);
	for (int k = 0; k < 12; k++) { /* held back as the open data is */
		for (int mt = 0; mt < RM__N; mt++)
			if (region_metrics[mt].flow && region_metrics[mt].kind == RK_COUNT)
				t.f[k].present[mt] = true;
		regions_hold_back(r, &t.f[k]);
	}
	const struct series *demand[2] = {&requests_s, &questions_s},
	                    *incidents[2] = {&incidents_s, &widened_s},
	                    *cols[4] = {&requests_s, &questions_s, &incidents_s, &widened_s};
	bars(b, r, &t, "trend-demand", "region.trend_demand", demand);
	bars(b, r, &t, "trend-incidents", "region.trend_incident_chart", incidents);
	static const char *const head[] = {"region.month",           "region.trend_requests",
	                                   "region.trend_questions", "region.trend_incidents",
	                                   "region.trend_widened",   NULL};
	page_table_head(b, r, NULL, head);
	for (int k = 11; k >= 0; k--) {
		html_lit(b, "<tr><td>");
		html_text(b, t.month[k]);
		for (int c = 0; c < 4; c++) {
			double v;
			html_lit(b, "</td><td class=\"num\">");
			html_text(b, value_of(&t.f[k], cols[c], &v)
			                 ? region_value_text(r, RM_REQUESTS_ADVICE, v, false)
			                 : "＊");
		}
		html_lit(b, "</td></tr>");
	}
	html_lit(b, "</tbody></table></div>");
}

/* The skills asked for in the last year against the experts who offer them. */
static void skill_gaps(struct buf *b, struct req *r, const char *pref, int today)
{
	struct region_skills sk;
	bool have = regions_skills(r, atoi(pref) - 1, today - 365, &sk) == KK_OK;
	page_card(b, r, NULL, "region.gaps");
	if (!have || sk.n == 0) {
		page_notice(b, "notice", i18n_get(r->lang, "region.gaps_none"));
		html_lit(b, "</section>");
		return;
	}
	static const char *const head[] = {"region.skill", "region.asked", "region.offered", NULL};
	page_table_head(b, r, NULL, head);
	for (int i = 0; i < sk.n; i++) {
		struct region_figures f = {0};
		f.present[RM_REQUESTS_ADVICE] = f.present[RM_EXPERTS_ACTIVE] = true;
		f.value[RM_REQUESTS_ADVICE] = sk.skill[i].asked;
		f.value[RM_EXPERTS_ACTIVE] = sk.skill[i].offered;
		regions_hold_back(r, &f);
		html_lit(b, "<tr");
		html_lit_if(b, sk.skill[i].offered < sk.skill[i].asked, " class=\"short\"");
		html_lit(b, "><td>");
		html_text(b, tax_label(r, sk.skill[i].code));
		html_lit(b, "</td><td class=\"num\">");
		html_text(b, region_shown(r, &f, RM_REQUESTS_ADVICE));
		html_lit(b, "</td><td class=\"num\">");
		html_text(b, region_shown(r, &f, RM_EXPERTS_ACTIVE));
		html_lit(b, "</td></tr>");
	}
	html_lit(b, "</tbody></table></div></section>");
}

/* The next events held in the prefecture, and the way to every one nearby. */
static void upcoming(struct buf *b, struct req *r, const struct prefecture *p)
{
	int64_t ids[5];
	int total = 0;
	struct event_query q = {.now = db_now(), .prefecture = p->code, .limit = 5};
	int n = events_list(r->db, &q, ids, NULL, &total);
	page_card(b, r, NULL, "region.events");
	if (n <= 0)
		page_notice(b, "notice", i18n_get(r->lang, "region.events_none"));
	event_short_list(b, r, ids, n < 0 ? 0 : n, false);
	html_lit(b, "<p>");
	html_link(b, arena_printf(r->a, "/events?pref=%s&near=1", p->code),
	          i18n_get(r->lang, "region.events_all"), NULL);
	html_lit(b, "</p></section>");
}

/* Its neighbours, its desk and the communities that serve it. */
static void around(struct buf *b, struct req *r, const struct prefecture *p)
{
	page_card(b, r, NULL, "region.neighbours");
	html_lit(b, "<ul class=\"tags\">");
	for (int k = 0; k < p->nneighbours; k++) {
		html_lit(b, "<li>");
		html_link(b, arena_printf(r->a, "/map/%s", p->neighbours[k]),
		          page_pref_name(r, p->neighbours[k]), NULL);
		html_lit(b, "</li>");
	}
	html_lit(b, "</ul><h2>");
	page_msg(b, r, "region.desk");
	html_lit(b, "</h2>");
	int64_t desk_id;
	struct desk d;
	if (desks_for_prefecture(r->db, p->code, &desk_id) == KK_OK &&
	    desks_get(r->db, r->a, desk_id, &d) == KK_OK) {
		html_lit(b, "<p>");
		html_text(b, d.name);
		html_lit(b, " · ");
		html_text(b, d.hours);
		html_lit(b, "</p>");
	} else {
		page_notice(b, "notice", i18n_get(r->lang, "region.no_desk"));
	}
	html_lit(b, "<h2>");
	page_msg(b, r, "region.communities");
	html_lit(b, "</h2><ul>");
	struct community cs[20];
	int n = communities_list(r->db, r->a, p->code, NULL, cs, 20);
	for (int i = 0; i < n; i++) {
		html_lit(b, "<li>");
		html_link(b, arena_printf(r->a, "/communities/%lld", (long long)cs[i].id),
		          cs[i].name, NULL);
		html_lit(b, "</li>");
	}
	html_lit(b, "</ul></section>");
}

void page_map_prefecture(struct req *r)
{
	const char *code = req_param(r, 0);
	const struct prefecture *p = code ? prefecture_by_code(code) : NULL;
	if (!p) {
		reply_result(r, KK_NOTFOUND, NULL);
		return;
	}
	struct region_period period;
	struct field_error why = {0};
	struct region_map *map = arena_alloc(r->a, sizeof *map);
	if (!ok_or_reply(r, regions_period(r, &period, &why), &why) ||
	    !ok_or_reply(r, regions_map(r, &period, map), NULL))
		return;
	int i = atoi(p->code) - 1;
	struct buf b;
	page_start_titled(r, &b, page_en(r) ? p->name_en : p->name_ja);
	html_lit(&b, "<h1>");
	html_text(&b, page_en(r) ? p->name_en : p->name_ja);
	html_lit(&b, "</h1><p class=\"lead\">");
	html_text(&b, region_type_words(r, map->type[i]));
	html_lit(&b, "</p><p>");
	html_link(&b, "/map", i18n_get(r->lang, "region.back"), NULL);
	html_lit(&b, "</p>");
	page_card(&b, r, NULL, "region.against_median");
	static const char *const head[] = {"region.metric", "region.here", "region.median", NULL};
	page_table_head(&b, r, NULL, head);
	for (int m = 0; m < RM__N; m++) {
		html_lit(&b, "<tr><td>");
		html_text(&b, region_label(r, m));
		html_lit(&b, "</td><td class=\"num\">");
		html_text(&b, region_shown(r, &map->f[i], m));
		html_lit(&b, "</td><td class=\"num\">");
		html_text(&b, region_shown(r, &map->median, m));
		html_lit(&b, "</td></tr>");
	}
	html_lit(&b, "</tbody></table></div></section><section class=\"card\"><h2>");
	page_msg(&b, r, "region.trend");
	html_lit(&b, "</h2>");
	trend(&b, r, p->code, period.to);
	html_lit(&b, "</section>");
	skill_gaps(&b, r, p->code, period.to);
	upcoming(&b, r, p);
	around(&b, r, p);
	page_finish(r, &b, 200);
}

/* ---- /opendata ---- */

void page_opendata(struct req *r)
{
	struct buf b;
	page_start(r, &b, "region.opendata");
	page_heading(&b, r, "region.opendata", "region.opendata_lead");
	html_lit(&b, "<p class=\"actions\">");
	html_link(&b, "/opendata/prefectures-monthly.csv", "prefectures-monthly.csv", "button");
	html_link(&b, "/opendata/prefectures-monthly.json", "prefectures-monthly.json", "button");
	html_lit(&b, "</p>");
	page_card(&b, r, NULL, "region.dictionary");
	static const char *const cols[] = {"region.column", "region.unit", "region.rule", NULL};
	page_table_head(&b, r, NULL, cols);
	static const char *const head[] = {"month", "prefecture", "name_ja", "name_en"};
	for (int c = 0; c < 4; c++) {
		html_lit(&b, "<tr><td><code>");
		html_text(&b, head[c]);
		html_lit(&b, "</code></td><td>");
		page_msg(&b, r, "region.unit.text");
		html_lit(&b, "</td><td>");
		page_msg(&b, r, arena_printf(r->a, "region.col.%s", head[c]));
		html_lit(&b, "</td></tr>");
	}
	for (int m = 0; m < RM__N; m++) {
		html_lit(&b, "<tr><td><code>");
		html_text(&b, region_metrics[m].name);
		html_lit(&b, "</code>");
		if (!region_metrics[m].monthly) {
			html_lit(&b, " ");
			page_msg(&b, r, "region.api_only");
		}
		html_lit(&b, "</td><td>");
		page_msg(&b, r, arena_printf(r->a, "region.unit.%d", (int)region_metrics[m].kind));
		html_lit(&b, "</td><td>");
		html_text(&b, region_label(r, m));
		html_lit(&b, ": ");
		page_msg(&b, r, arena_printf(r->a, "region.rule.%s", region_metrics[m].name));
		html_lit(&b, "</td></tr>");
	}
	html_lit(&b, "<tr><td><code>suppressed</code></td><td>");
	page_msg(&b, r, "region.unit.text");
	html_lit(&b, "</td><td>");
	page_msg(&b, r, "region.col.suppressed");
	html_lit(&b, "</td></tr></tbody></table></div></section><section class=\"card\"><h2>");
	page_msg(&b, r, "region.licence");
	html_lit(&b, "</h2><p>");
	page_msg(&b, r, "region.licence_text");
	html_lit(&b, "</p></section>");
	page_finish(r, &b, 200);
}

/* ---- /admin/reference: the reference count per prefecture ---- */

static void render_reference(struct req *r, int status, const char *done, const char *report,
                             const struct field_error *why)
{
	double ref[PREF_COUNT];
	const char *label = "";
	int n = regions_reference(r->db, r->a, ref, &label);
	struct buf b;
	page_start(r, &b, "region.ref.title");
	page_heading(&b, r, "region.ref.title", "region.ref.lead");
	if (done)
		page_notice(&b, "notice", done);
	if (report) {
		html_lit(&b, "<section class=\"card urgent\"><p>");
		page_msg(&b, r, "region.ref.rejected");
		html_lit(&b, "</p><pre class=\"report\">");
		html_text(&b, report);
		html_lit(&b, "</pre></section>");
	}
	html_lit(&b, "<section class=\"card\"><form method=\"post\" action=\"/admin/reference\" "
	             "enctype=\"multipart/form-data\" class=\"stack\">");
	html_hidden(&b, "csrf", r->csrf ? r->csrf : "");
	page_input(&b, r, "label",
	           &(struct input_opts){"text", page_typed(r, "label", label), "off", true, 100,
	                                why ? field_error_message(r, why) : NULL});
	html_lit(&b, "<div class=\"field\"><label for=\"file\">");
	page_msg(&b, r, "region.ref.file");
	html_lit(&b, "</label><p class=\"hint\">");
	page_msg(&b, r, "region.ref.file_hint");
	html_lit(&b, "</p><input type=\"file\" id=\"file\" name=\"file\" accept=\".csv,text/csv\" "
	             "required></div>");
	page_submit(&b, r, "region.ref.submit", "primary");
	html_lit(&b, "</form></section>");
	if (n == PREF_COUNT) {
		const struct prefecture *all = prefectures_all();
		html_lit(&b, "<section class=\"card\"><h2>");
		html_text(&b, label);
		html_lit(&b, "</h2><p>");
		html_link(&b, "/map?per=reference", i18n_get(r->lang, "region.ref.see"), NULL);
		html_lit(&b, "</p><div class=\"table-scroll\" tabindex=\"0\"><table><tbody>");
		for (int p = 0; p < PREF_COUNT; p++) {
			html_lit(&b, "<tr><td>");
			html_text(&b, page_en(r) ? all[p].name_en : all[p].name_ja);
			html_lit(&b, "</td><td class=\"num\">");
			html_int(&b, (long long)ref[p]);
			html_lit(&b, "</td></tr>");
		}
		html_lit(&b, "</tbody></table></div></section>");
	}
	page_finish(r, &b, status);
}

void page_admin_reference(struct req *r)
{
	render_reference(r, 200, NULL, NULL, NULL);
}

void page_admin_reference_post(struct req *r)
{
	const char *data = NULL;
	size_t len = 0;
	for (struct form_field *f = r->form; f; f = f->next)
		if (strcmp(f->name, "file") == 0) {
			data = f->value.p;
			len = f->value.len;
		}
	struct field_error why = {0};
	struct buf report;
	buf_init(&report, r->a);
	if (!data || !len) {
		why = (struct field_error){"file", "required", 0};
		render_reference(r, 400, NULL, field_error_message(r, &why), NULL);
		return;
	}
	int rc =
	    regions_reference_import(r, data, len, input_form_value(r, "label"), &report, &why);
	if (rc == KK_INVALID)
		render_reference(r, 400, NULL, why.field ? NULL : report.p,
		                 why.field ? &why : NULL);
	else if (ok_or_reply(r, rc, NULL))
		render_reference(r, 200, i18n_get(r->lang, "region.ref.done"), NULL, NULL);
}
