/* assessment_pages.c — the self-assessment as pages: one screen per function
 * with progress, the result (radar, table, first actions, peers, what-if) and
 * the company's history. The logic is in assessment.c. */
#include "app/assessment_views.h"
#include "app/errors.h"
#include "app/events_view.h"
#include "app/events.h"
#include "app/handlers.h"
#include "app/session.h"
#include "http/input.h"
#include "view/i18n.h"
#include "store/desks.h"
#include "store/taxonomy.h"
#include "view/layout.h"
#include "view/links.h"

#include <math.h>
#include <stdlib.h>
#include <string.h>

static const char *fn_name(struct req *r, int f)
{
	return i18n_get(r->lang, arena_printf(r->a, "assess.fn.%s", assessment_functions[f]));
}

/* Catalog text key with {0}.. filled, as plain text (escaped where it is written). */
static const char *msgf_text(struct req *r, const char *key, const char *const *args, int n)
{
	struct buf b;
	buf_init(&b, r->a);
	i18n_format(&b, i18n_get(r->lang, key), args, n, NULL);
	return b.p;
}

static int step_of(const char *s)
{
	int step = s ? atoi(s) : 0;
	return step < 0 || step >= FN__N ? 0 : step;
}

/* Screen `step`: the items of one function, answered as saved or as typed. */
static void render_step(struct req *r, int status, int step, const struct field_error *why)
{
	struct assessment_view *v = arena_alloc(r->a, sizeof *v);
	if (!ok_or_reply(r, assessment_load_items(r, v), NULL))
		return;
	json_t *progress = assessment_progress(r);
	struct buf b;
	page_start(r, &b, "assess.title");
	html_lit(&b, "<section class=\"card\">");
	page_heading(&b, r, "assess.title", step == 0 ? "assess.lead" : NULL);
	const char *args[] = {arena_printf(r->a, "%d", step + 1), arena_printf(r->a, "%d", FN__N),
	                      fn_name(r, step)};
	html_lit(&b, "<p class=\"count\">");
	page_msgf(&b, r, "assess.progress", args, 3);
	buf_printf(&b, "</p><progress max=\"%d\" value=\"%d\"></progress>", FN__N, step + 1);
	if (why)
		page_notice(&b, "error", field_error_message(r, why));
	page_form_begin(&b, r, "/assessment", "stack");
	html_hidden(&b, "step", arena_printf(r->a, "%d", step));
	for (int i = 0; i < v->nitems; i++) {
		const struct assessment_item *it = &v->items[i];
		if (assessment_function_index(it->function) != step)
			continue;
		html_lit(&b, "<fieldset class=\"field\"><legend>");
		html_text(&b, it->question);
		html_lit(&b, "</legend><p class=\"hint\">");
		html_text(&b, it->why);
		html_lit(&b, "</p>");
		page_field_error(&b, r, why, it->code);
		const char *chosen =
		    page_typed(r, it->code, json_string_value(json_object_get(progress, it->code)));
		for (int k = 0; assessment_answer_codes[k]; k++)
			html_choice(&b, true, it->code, assessment_answer_codes[k],
			            chosen && strcmp(chosen, assessment_answer_codes[k]) == 0,
			            i18n_get(r->lang, arena_printf(r->a, "assess.answer.%s",
			                                           assessment_answer_codes[k])));
		html_lit(&b, "</fieldset>");
	}
	page_form_end(&b, r, step + 1 < FN__N ? "assess.next" : "assess.finish", "primary");
	if (step > 0)
		html_link(&b, arena_printf(r->a, "/assessment?step=%d", step - 1),
		          i18n_get(r->lang, "pager.prev"), NULL);
	html_lit(&b, "</section>");
	json_decref(progress);
	page_finish(r, &b, status);
}

void page_assessment(struct req *r)
{
	render_step(r, 200, step_of(req_query(r, "step")), NULL);
}

void page_assessment_post(struct req *r)
{
	int step = step_of(input_form_value(r, "step"));
	struct field_error why = {0};
	int rc = assessment_save_step(r, step, &why);
	if (rc == KK_INVALID) {
		render_step(r, 400, step, &why);
		return;
	}
	if (!ok_or_reply(r, rc, &why))
		return;
	if (step + 1 < FN__N) {
		reply_redirect(r, arena_printf(r->a, "/assessment?step=%d", step + 1));
		return;
	}
	int64_t id;
	rc = assessment_finish(r, &id, &why);
	if (rc == KK_INVALID) /* an earlier screen was skipped: back to the first */
		render_step(r, 400, 0, &why);
	else if (ok_or_reply(r, rc, &why))
		reply_redirect(r, arena_printf(r->a, "/assessments/%lld", (long long)id));
}

/* The six scores as a radar: rings at 25, 50, 75 and 100, an axis per function. */
static void radar(struct buf *b, struct req *r, const int fn[FN__N])
{
	const double cx = 160, cy = 150, rad = 100;
	html_lit(
	    b,
	    "<svg class=\"radar\" viewBox=\"0 0 320 300\" role=\"img\" aria-labelledby=\"radar-t\">"
	    "<title id=\"radar-t\">");
	page_msg(b, r, "assess.radar");
	html_lit(b, "</title>");
	for (int ring = 1; ring <= 4; ring++) {
		html_lit(b, "<polygon class=\"ring\" points=\"");
		for (int f = 0; f < FN__N; f++) {
			double a = -M_PI / 2 + f * 2 * M_PI / FN__N;
			buf_printf(b, "%.1f,%.1f ", cx + rad * ring / 4 * cos(a),
			           cy + rad * ring / 4 * sin(a));
		}
		html_lit(b, "\"/>");
	}
	html_lit(b, "<polygon class=\"score\" points=\"");
	for (int f = 0; f < FN__N; f++) {
		double a = -M_PI / 2 + f * 2 * M_PI / FN__N, s = fn[f] < 0 ? 0 : fn[f] / 100.0;
		buf_printf(b, "%.1f,%.1f ", cx + rad * s * cos(a), cy + rad * s * sin(a));
	}
	html_lit(b, "\"/>");
	for (int f = 0; f < FN__N; f++) {
		double a = -M_PI / 2 + f * 2 * M_PI / FN__N;
		buf_printf(b, "<text x=\"%.1f\" y=\"%.1f\" text-anchor=\"middle\">",
		           cx + (rad + 28) * cos(a), cy + (rad + 22) * sin(a) + 5);
		html_text(b, fn_name(r, f));
		html_lit(b, "</text>");
	}
	html_lit(b, "</svg>");
}

static void score_table(struct buf *b, struct req *r, const struct assessment *s)
{
	static const char *const head[] = {"assess.function", "assess.score", NULL};
	page_table_head(b, r, NULL, head);
	for (int f = 0; f < FN__N; f++) {
		html_lit(b, "<tr><td>");
		html_text(b, fn_name(r, f));
		html_lit(b, "</td><td>");
		if (s->fn[f] < 0)
			page_msg(b, r, "assess.answer.not_applicable");
		else
			html_int(b, s->fn[f]);
		html_lit(b, "</td></tr>");
	}
	html_lit(b, "</tbody></table></div>");
}

static void peers_line(struct buf *b, struct req *r, const struct assessment_view *v, int total,
                       const struct peer_stats *p)
{
	html_lit(b, "<p class=\"peers\">");
	if (!v->group) {
		page_msg(b, r, "assess.peers_none");
	} else {
		const char *kind = v->group[0] == 's'   ? "size"
		                   : v->group[0] == 'i' ? "industry"
		                   : v->group[0] == 'b' ? "block"
		                                        : "all";
		const char *args[] = {
		    i18n_get(r->lang, arena_printf(r->a, "assess.group.%s", kind)),
		    arena_printf(r->a, "%lld", (long long)p->n), arena_printf(r->a, "%d", total),
		    arena_printf(r->a, "%.0f", p->percentile),
		    arena_printf(r->a, "%.1f", p->deviation)};
		page_msgf(b, r, "assess.peers", args, 5);
	}
	html_lit(b, "</p>");
}

/* Every item not done, partly done or not known, with the answer given, folded. */
static void gaps_list(struct buf *b, struct req *r, const struct assessment_view *v)
{
	html_lit(b, "<details class=\"gaps\"><summary>");
	page_msg(b, r, "assess.gaps");
	html_lit(b, "</summary><ul>");
	for (int i = 0; i < v->nitems; i++) {
		if (v->points[i] < 0 || v->points[i] >= 3)
			continue;
		html_lit(b, "<li>");
		html_text(b, v->items[i].question);
		html_lit(b, " — ");
		page_msg(b, r, arena_printf(r->a, "assess.answer.%s", v->answer[i]));
		html_lit(b, "</li>");
	}
	html_lit(b, "</ul></details>");
}

void assessment_summary_html(struct buf *b, struct req *r, const struct assessment_view *v)
{
	html_lit(b, "<section class=\"card shared-assessment\"><h2>");
	page_msg(b, r, "request.assessment");
	html_lit(b, "</h2><p class=\"total\">");
	const char *args[] = {arena_printf(r->a, "%d", v->s.total)};
	page_msgf(b, r, "assess.total", args, 1);
	html_lit(b, " ");
	page_time(b, v->s.created_at);
	html_lit(b, "</p>");
	score_table(b, r, &v->s);
	html_lit(b, "<h3>");
	page_msg(b, r, "assess.actions");
	html_lit(b, "</h3><ol class=\"actions-list\">");
	for (int k = 0; k < v->nactions; k++) {
		html_lit(b, "<li>");
		html_text(b, v->items[v->actions[k]].question);
		html_lit(b, "</li>");
	}
	html_lit(b, "</ol>");
	gaps_list(b, r, v);
	html_lit(b, "</section>");
}

/* Past answers in the Q&A about the first actions. */
static void related(struct buf *b, struct req *r, const struct assessment_view *v)
{
	struct assessment_question qs[6];
	int n = assessment_questions(r, v, qs, 6);
	if (n <= 0)
		return;
	html_lit(b, "<section class=\"card related\"><h2>");
	page_msg(b, r, "assess.related");
	html_lit(b, "</h2><ul class=\"similar\">");
	for (int i = 0; i < n; i++) {
		html_lit(b, "<li>");
		html_link(b, arena_printf(r->a, "/questions/%lld", (long long)qs[i].id),
		          qs[i].title, NULL);
		if (qs[i].answered) { /* it has a best answer */
			html_lit(b, " <span class=\"badge best\">");
			page_msg(b, r, "qa.mark.best");
			html_lit(b, "</span>");
		}
		html_lit(b, "</li>");
	}
	html_lit(b, "</ul></section>");
}

/* Study groups and seminars near the company that cover what its first actions need. */
static void nearby_events(struct buf *b, struct req *r, const struct assessment_view *v)
{
	const char *skills[12], *known[12];
	int n = assessment_action_skills(r, v, skills, 12), k = 0;
	for (int i = 0; i < n; i++)
		if (taxonomy_skill(skills[i]))
			known[k++] = skills[i];
	struct company c;
	const char *pref =
	    v->s.company_id && companies_get(r->db, r->a, v->s.company_id, &c) == KK_OK
	        ? c.prefecture
	    : r->user ? r->user->prefecture
	              : NULL;
	int64_t ids[3];
	int m = pref ? events_for_company(r, pref, known, k, ids, 3) : 0;
	if (m <= 0)
		return;
	html_lit(b, "<section class=\"card no-print\"><h2>");
	page_msg(b, r, "assess.events");
	html_lit(b, "</h2>");
	event_short_list(b, r, ids, m, false);
	html_lit(b, "</section>");
}

static void render_result(struct req *r, const struct assessment_view *v, int simulated,
                          const struct peer_stats *sim_peers)
{
	struct buf b;
	page_start(r, &b, "assess.result");
	html_lit(&b, "<section class=\"card\">");
	page_h1(&b, r, "assess.result");
	const char *args[] = {arena_printf(r->a, "%d", v->s.total)};
	html_lit(&b, "<p class=\"total\">");
	page_msgf(&b, r, "assess.total", args, 1);
	html_lit(&b, "</p>");
	peers_line(&b, r, v, v->s.total, &v->peers);
	if (!v->s.company_id) {
		html_lit(&b, "<p class=\"notice\">");
		page_msg(&b, r, "assess.draft");
		html_lit(&b, " ");
		html_link(&b, "/signup", i18n_get(r->lang, "nav.signup"), NULL);
		html_lit(&b, "</p>");
	}
	radar(&b, r, v->s.fn);
	score_table(&b, r, &v->s);
	html_lit(&b, "</section><section class=\"card\"><h2>");
	page_msg(&b, r, "assess.actions");
	html_lit(&b, "</h2><ol class=\"actions-list\">");
	const char *consult = arena_printf(r->a, "/assessments/%lld/consult", (long long)v->s.id);
	for (int k = 0; k < v->nactions; k++) {
		const struct assessment_item *it = &v->items[v->actions[k]];
		html_lit(&b, "<li><strong>");
		html_text(&b, it->question);
		html_lit(&b, "</strong><br>");
		page_msg(&b, r, "assess.first_step");
		html_lit(&b, " ");
		html_text(&b, it->step);
		if (v->s.company_id) {
			page_form_begin(&b, r, consult, "inline");
			html_hidden(&b, "item", it->code);
			page_form_end(&b, r, "assess.consult_one", "small");
		}
		html_lit(&b, "</li>");
	}
	html_lit(&b, "</ol>");
	gaps_list(&b, r, v);
	if (v->s.company_id) {
		page_form_begin(&b, r, consult, NULL);
		page_form_end(&b, r, "assess.consult", "primary");
	}
	html_lit(&b, "</section>");
	related(&b, r, v);
	nearby_events(&b, r, v);
	html_lit(&b, "<section class=\"card whatif no-print\"><h2>");
	page_msg(&b, r, "assess.whatif");
	html_lit(&b, "</h2>");
	if (simulated >= 0) {
		const char *sargs[] = {arena_printf(r->a, "%d", v->s.total),
		                       arena_printf(r->a, "%d", simulated)};
		html_lit(&b, "<p class=\"notice\">");
		page_msgf(&b, r, "assess.whatif_result", sargs, 2);
		html_lit(&b, "</p>");
		if (v->group)
			peers_line(&b, r, v, simulated, sim_peers);
	}
	page_form_begin(&b, r, arena_printf(r->a, "/assessments/%lld/simulate", (long long)v->s.id),
	                "stack");
	html_lit(&b, "<fieldset class=\"field sentences\"><legend>");
	page_msg(&b, r, "assess.whatif_pick");
	html_lit(&b, "</legend>");
	for (int i = 0; i < v->nitems; i++) {
		if (v->points[i] < 0 || v->points[i] >= 3)
			continue;
		const char *label = v->items[i].question;
		if (v->share[i] >= 0) {
			const char *pargs[] = {arena_printf(r->a, "%d", v->share[i])};
			label = arena_printf(r->a, "%s (%s)", label,
			                     msgf_text(r, "assess.peers_doing", pargs, 1));
		}
		html_choice(&b, false, "actions", v->items[i].code,
		            page_chosen(r, "actions", v->items[i].code, false), label);
	}
	html_lit(&b, "</fieldset>");
	page_form_end(&b, r, "assess.simulate", NULL);
	html_lit(&b, "</section><p class=\"hint no-print\">");
	page_msg(&b, r, "assess.print_hint");
	html_lit(&b, "</p><p class=\"no-print\">");
	html_link(&b, "/assessments", i18n_get(r->lang, "assess.history"), NULL);
	html_lit(&b, " · ");
	html_link(&b, "/assessment", i18n_get(r->lang, "assess.again"), NULL);
	html_lit(&b, "</p>");
	page_finish(r, &b, 200);
}

void page_assessment_result(struct req *r)
{
	struct assessment_view *v = arena_alloc(r->a, sizeof *v);
	if (ok_or_reply(r, assessment_view(r, req_param_id(r, 0), v), NULL))
		render_result(r, v, -1, NULL);
}

void page_assessment_simulate(struct req *r)
{
	struct assessment_view *v = arena_alloc(r->a, sizeof *v);
	if (!ok_or_reply(r, assessment_view(r, req_param_id(r, 0), v), NULL))
		return;
	struct raw_value raw[ASSESSMENT_MAX_ITEMS];
	int n = input_list(r, "actions", raw, ASSESSMENT_MAX_ITEMS);
	const char *items[ASSESSMENT_MAX_ITEMS];
	for (int i = 0; i < n; i++)
		items[i] = arena_strndup(r->a, raw[i].s, raw[i].len);
	struct field_error why = {"actions", "type", 0};
	int total;
	struct peer_stats peers;
	if (n >= 0 &&
	    ok_or_reply(r, assessment_simulate(r, v, items, n, &total, &peers, &why), &why))
		render_result(r, v, total, &peers);
	else if (n < 0)
		reply_invalid(r, &why);
}

/* The functions whose score rose from before to now, with how much. */
static void improved(struct buf *b, struct req *r, const struct assessment *before,
                     const struct assessment *now)
{
	int shown = 0;
	for (int f = 0; f < FN__N; f++) {
		if (before->fn[f] < 0 || now->fn[f] <= before->fn[f])
			continue;
		if (shown++ == 0) {
			html_lit(b, "<h2>");
			page_msg(b, r, "assess.improved");
			html_lit(b, "</h2><ul class=\"improved\">");
		}
		html_lit(b, "<li>");
		html_text(b, fn_name(r, f));
		buf_printf(b, " %d → %d (+%d)", before->fn[f], now->fn[f],
		           now->fn[f] - before->fn[f]);
		html_lit(b, "</li>");
	}
	if (shown)
		html_lit(b, "</ul>");
	else
		page_notice(b, "notice", i18n_get(r->lang, "assess.nothing_improved"));
}

void page_assessments(struct req *r)
{
	struct assessment list[50];
	int n = assessments_of_company(r->db, r->a, r->user->id, list, 50);
	if (n < 0) {
		reply_error(r, 500, "internal");
		return;
	}
	struct buf b;
	page_start(r, &b, "assess.history");
	page_heading(&b, r, "assess.history", NULL);
	html_lit(&b, "<p class=\"actions\">");
	html_link(&b, "/assessment", i18n_get(r->lang, "assess.start"), "button primary");
	html_lit(&b, "</p>");
	if (n == 0)
		page_notice(&b, "notice", i18n_get(r->lang, "assess.none"));
	if (n > 1) { /* the total over time, oldest on the left */
		html_lit(&b, "<svg class=\"trend\" viewBox=\"0 0 320 120\" role=\"img\" "
		             "aria-labelledby=\"trend-t\"><title id=\"trend-t\">");
		page_msg(&b, r, "assess.trend");
		html_lit(&b, "</title>");
		for (int y = 0; y <= 100; y += 50) /* the scale: 0, 50 and 100 points */
			buf_printf(&b,
			           "<line class=\"grid\" x1=\"30\" x2=\"315\" y1=\"%d\" y2=\"%d\"/>"
			           "<text x=\"24\" y=\"%d\" text-anchor=\"end\">%d</text>",
			           110 - y, 110 - y, 114 - y, y);
		html_lit(&b, "<polyline points=\"");
		for (int i = n - 1; i >= 0; i--)
			buf_printf(&b, "%.1f,%d ", 40 + 270.0 * (n - 1 - i) / (n - 1),
			           110 - list[i].total);
		html_lit(&b, "\"/>");
		for (int i = n - 1; i >= 0; i--)
			buf_printf(&b, "<circle cx=\"%.1f\" cy=\"%d\" r=\"3\"/>",
			           40 + 270.0 * (n - 1 - i) / (n - 1), 110 - list[i].total);
		html_lit(&b, "</svg>");
		const char *args[] = {arena_printf(r->a, "%+d", list[0].total - list[1].total)};
		html_lit(&b, "<p>");
		page_msgf(&b, r, "assess.since_last", args, 1);
		html_lit(&b, "</p>");
		improved(&b, r, &list[1], &list[0]);
	}
	html_lit(&b, "<ul class=\"cards\">");
	for (int i = 0; i < n; i++) {
		html_lit(&b, "<li class=\"card\">");
		const char *args[] = {arena_printf(r->a, "%d", list[i].total)};
		html_link(&b, arena_printf(r->a, "/assessments/%lld", (long long)list[i].id),
		          msgf_text(r, "assess.total", args, 1), NULL);
		html_lit(&b, " ");
		page_time(&b, list[i].created_at);
		html_lit(&b, "</li>");
	}
	html_lit(&b, "</ul>");
	page_finish(r, &b, 200);
}

/* "Consult about this" (the whole result, or one item): the request form, pre-filled. */
void page_assessment_consult(struct req *r)
{
	struct assessment_view *v = arena_alloc(r->a, sizeof *v);
	if (!ok_or_reply(r, assessment_view(r, req_param_id(r, 0), v), NULL))
		return;
	const char *item = input_form_value(r, "item");
	item = *item ? item : NULL;
	int i = 0;
	while (item && i < v->nitems && strcmp(v->items[i].code, item) != 0)
		i++;
	if (item && i == v->nitems) {
		reply_invalid(r, &(struct field_error){"item", "unknown_item", 0});
		return;
	}
	reply_redirect(r, arena_printf(r->a, "/requests/new?kind=advice&assessment=%lld%s%s",
	                               (long long)v->s.id, item ? "&item=" : "",
	                               item ? v->items[i].code : ""));
}
