/* regions_pages.c — the regional dashboard as pages: /map (a tile map of the 47
 * prefectures drawn on the server, coloured by one figure, with the same figures
 * as a table), /map/{code} (one prefecture against the national median, its
 * months, the skills asked for against those offered, its neighbours, desk and
 * communities) and /opendata (the data dictionary and the files). The logic is
 * in regions.c. */
#include "app/errors.h"
#include "app/handlers.h"
#include "app/regions.h"
#include "app/regions_view.h"
#include "view/i18n.h"
#include "view/layout.h"

#include <math.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#define TILE 50 /* a tile's cell in the SVG, gap included */

const char *region_label(struct req *r, int m)
{
	return i18n_get(r->lang, arena_printf(r->a, "region.m.%s", region_metrics[m].name));
}

/* A value of metric m as people read it: a count, hours, a percentage, a ratio. */
const char *region_value_text(struct req *r, int m, double v, bool rate)
{
	switch (region_metrics[m].kind) {
	case RK_COUNT:
		return arena_printf(r->a, rate ? "%.1f" : "%.0f", v);
	case RK_SECONDS:
		return arena_printf(r->a, "%.1f h", v / 3600);
	case RK_SHARE:
		return arena_printf(r->a, "%.0f%%", v * 100);
	case RK_RATIO:
		return arena_printf(r->a, "%.1f", v);
	default:
		return arena_printf(r->a, "%.1f", v);
	}
}

/* A figure: its value, "—" when there is none, "＊" when it is held back. */
const char *region_shown(struct req *r, const struct region_figures *f, int m)
{
	return !f->present[m]     ? "—"
	       : f->suppressed[m] ? "＊"
	                          : region_value_text(r, m, f->value[m], f->rates);
}

/* The prefecture's name as a tile holds it: 東京, 神奈川, 北海道; Tokyo, Kanaga. */
static const char *tile_name(struct req *r, const struct prefecture *p)
{
	if (page_en(r))
		return arena_printf(r->a, "%.6s", p->name_en);
	size_t n = strlen(p->name_ja);
	static const char *const suffixes[] = {"県", "府", "都"};
	for (int k = 0; k < 3; k++)
		if (n > 3 && strcmp(p->name_ja + n - 3, suffixes[k]) == 0)
			return arena_strndup(r->a, p->name_ja, n - 3);
	return p->name_ja;
}

/* What the map and the table are asked for: ?metric=, ?sort=, ?type=. */
struct map_view {
	int metric, sort;
	const char *type; /* NULL for every type */
	bool diverging, rates;
	double breaks[4];
};

/* Whether a prefecture of type (such as "chamber+industry") is shown: every one when no
 * type is chosen; "industry" picks those tagged "+industry", any other its host. */
static bool type_shown(const struct map_view *v, const char *type)
{
	if (!v->type)
		return true;
	if (strcmp(v->type, "industry") == 0)
		return strstr(type, "+industry") != NULL;
	size_t n = strlen(v->type);
	return strncmp(type, v->type, n) == 0 && (type[n] == '\0' || type[n] == '+');
}

static bool has_value(const struct region_figures *f, int m)
{
	return f->present[m] && !f->suppressed[m];
}

/* The colour class breaks: quintiles of the shown figures; a diverging metric is classed
 * around the national median (below it the first two classes, above it the last two). */
static void classes(const struct region_map *map, struct map_view *v)
{
	double vals[PREF_COUNT];
	int n = 0;
	for (int i = 0; i < PREF_COUNT; i++)
		if (has_value(&map->f[i], v->metric))
			vals[n++] = map->f[i].value[v->metric];
	region_breaks(vals, n, v->breaks);
	if (v->diverging && map->median.present[v->metric]) {
		double mid = map->median.value[v->metric];
		v->breaks[0] = mid / 2;
		v->breaks[1] = mid * 0.9;
		v->breaks[2] = mid * 1.1;
		v->breaks[3] = mid * 2;
	}
}

static void tile_map(struct buf *b, struct req *r, const struct region_map *map,
                     const struct map_view *v)
{
	const struct prefecture *all = prefectures_all();
	buf_printf(b,
	           "<svg class=\"tilemap\" viewBox=\"0 0 %d %d\" role=\"group\" "
	           "aria-labelledby=\"map-t\"><title id=\"map-t\">",
	           12 * TILE, 12 * TILE);
	html_text(b, region_label(r, v->metric));
	html_lit(b, "</title>");
	const char *const *palette = v->diverging ? region_palette_div : region_palette_seq;
	for (int i = 0; i < PREF_COUNT; i++) {
		const struct prefecture *p = &all[i];
		const struct region_figures *f = &map->f[i];
		bool value = has_value(f, v->metric);
		int c = value ? region_class(f->value[v->metric], v->breaks) : -1;
		int x = p->tile_col * TILE, y = p->tile_row * TILE;
		html_lit(b, "<a");
		html_attr_pair(b, "href", arena_printf(r->a, "/map/%s", p->code));
		html_attr_pair(b, "aria-label",
		               arena_printf(r->a, "%s: %s", page_en(r) ? p->name_en : p->name_ja,
		                            region_shown(r, f, v->metric)));
		html_lit(b, "><rect");
		html_attr_pair(b, "class", type_shown(v, map->type[i]) ? "tile" : "tile dim");
		buf_printf(b,
		           " x=\"%d\" y=\"%d\" width=\"%d\" height=\"%d\" rx=\"4\" fill=\"%s\"/>",
		           x + 2, y + 2, TILE - 4, TILE - 4, c >= 0 ? palette[c] : "#d8dde6");
		bool light = c >= 0 && region_light_text(c, v->diverging);
		buf_printf(b, "<text x=\"%d\" y=\"%d\" class=\"name%s%s\">", x + TILE / 2, y + 21,
		           page_en(r) ? " latin" : "", light ? " light" : "");
		html_text(b, tile_name(r, p));
		buf_printf(b, "</text><text x=\"%d\" y=\"%d\" class=\"%s\">", x + TILE / 2, y + 39,
		           light ? "value light" : "value");
		html_text(b, region_shown(r, f, v->metric));
		html_lit(b, "</text></a>");
	}
	html_lit(b, "</svg>");
}

static void legend(struct buf *b, struct req *r, const struct map_view *v)
{
	const char *const *palette = v->diverging ? region_palette_div : region_palette_seq;
	html_lit(b, "<ul class=\"legend\">");
	/* Whole counts read as whole ranges: a class above 0 up to 3 is "1 – 3". */
	bool whole = region_metrics[v->metric].kind == RK_COUNT && !v->rates;
	for (int c = 0; c < 5; c++) {
		double lo = v->breaks[c == 0 ? 0 : c - 1], hi = v->breaks[c < 4 ? c : 3];
		if (c > 0 && c < 4 && lo == hi)
			continue; /* no value can fall in it */
		buf_printf(b,
		           "<li><svg class=\"swatch\" viewBox=\"0 0 1 1\" aria-hidden=\"true\">"
		           "<rect width=\"1\" height=\"1\" fill=\"%s\"/></svg>",
		           palette[c]);
		if (c == 0)
			html_lit(b, "≤ ");
		else if (c == 4)
			html_lit(b, "> ");
		if (c > 0 && c < 4 && whole)
			lo = floor(lo) + 1;
		html_text(b, region_value_text(r, v->metric, c == 0 ? hi : lo, v->rates));
		if (c > 0 && c < 4 && lo < hi) {
			html_lit(b, " – ");
			html_text(b, region_value_text(r, v->metric, hi, v->rates));
		}
		html_lit(b, "</li>");
	}
	html_lit(b, "<li><svg class=\"swatch\" viewBox=\"0 0 1 1\" aria-hidden=\"true\"><rect "
	            "width=\"1\" height=\"1\" fill=\"#d8dde6\"/></svg>");
	page_msg(b, r, "region.legend_none");
	html_lit(b, "</li></ul>");
}

/* The controls: which figure, which period, which type; a GET form that works without
 * script. */
static void controls(struct buf *b, struct req *r, const struct region_map *map,
                     const struct map_view *v, const char *reference)
{
	html_lit(b, "<form method=\"get\" action=\"/map\" class=\"filters\"><div class=\"field\">"
	            "<label for=\"metric\">");
	page_msg(b, r, "region.metric");
	html_lit(b, "</label><select id=\"metric\" name=\"metric\">");
	for (int m = 0; m < RM__N; m++)
		html_option(b, region_metrics[m].name, region_label(r, m), m == v->metric);
	html_lit(b, "</select></div><div class=\"field\"><label for=\"period\">");
	page_msg(b, r, "region.period");
	html_lit(b, "</label><select id=\"period\" name=\"period\">");
	char today[11];
	regions_date(map->period.to, today);
	const char *years[] = {arena_printf(r->a, "%.4s", today),
	                       arena_printf(r->a, "%d", atoi(today) - 1)};
	static const char *const spans[] = {"30", "90", "365"};
	for (int k = 0; k < 3; k++)
		html_option(b, spans[k],
		            i18n_get(r->lang, arena_printf(r->a, "region.period.%s", spans[k])),
		            strcmp(map->period.code, spans[k]) == 0);
	for (int k = 0; k < 2; k++)
		html_option(b, years[k], years[k], strcmp(map->period.code, years[k]) == 0);
	html_lit(b, "</select></div><div class=\"field\"><label for=\"type\">");
	page_msg(b, r, "region.type");
	html_lit(b, "</label><select id=\"type\" name=\"type\">");
	html_option(b, "", i18n_get(r->lang, "region.type.any"), !v->type);
	for (int k = 0; community_types[k]; k++)
		html_option(
		    b, community_types[k],
		    i18n_get(r->lang, arena_printf(r->a, "region.type.%s", community_types[k])),
		    v->type && strcmp(v->type, community_types[k]) == 0);
	html_option(b, "none", i18n_get(r->lang, "region.type.none"),
	            v->type && strcmp(v->type, "none") == 0);
	html_option(b, "industry", i18n_get(r->lang, "region.type.industry"),
	            v->type && strcmp(v->type, "industry") == 0);
	html_lit(b, "</select></div>");
	if (reference) { /* an admin uploaded one: rates per 10,000 of it */
		const char *args[] = {reference};
		struct buf label;
		buf_init(&label, r->a);
		i18n_format(&label, i18n_get(r->lang, "region.per_choice"), args, 1, NULL);
		html_lit(b, "<div class=\"checks\">");
		html_choice(b, false, "per", "reference", v->rates, label.p);
		html_lit(b, "</div>");
	}
	page_submit(b, r, "region.show", NULL);
	html_lit(b, "</form>");
}

/* The type as words: 商工会議所 ＋ 製造業. */
const char *region_type_words(struct req *r, const char *type)
{
	size_t n = strcspn(type, "+");
	const char *base = i18n_get(r->lang, arena_printf(r->a, "region.type.%.*s", (int)n, type));
	return type[n]
	           ? arena_printf(r->a, "%s + %s", base, i18n_get(r->lang, "region.type.industry"))
	           : base;
}

static const int table_metrics[] = {
    RM_EXPERTS_ACTIVE,       RM_EXPERTS_CERTIFIED,       RM_REQUESTS_ADVICE,  RM_REQUESTS_INCIDENT,
    RM_QUESTIONS_UNANSWERED, RM_MEDIAN_FIRST_RESPONSE_S, RM_SUPPLY_PER_DEMAND};
#define TABLE_METRICS (int)(sizeof table_metrics / sizeof *table_metrics)

/* Highest first; what has no figure last; then by code. ctx: the map and the metric. */
struct sorting {
	const struct region_map *map;
	int metric;
};
static int by_figure(const void *a, const void *b, void *ctx)
{
	const struct sorting *s = ctx;
	int i = *(const int *)a, j = *(const int *)b, m = s->metric;
	const struct region_figures *f = &s->map->f[i], *g = &s->map->f[j];
	bool x = has_value(f, m), y = has_value(g, m);
	if (x != y)
		return x ? -1 : 1;
	if (x && f->value[m] != g->value[m])
		return f->value[m] > g->value[m] ? -1 : 1;
	return i - j;
}

static void figures_table(struct buf *b, struct req *r, const struct region_map *map,
                          const struct map_view *v)
{
	int order[PREF_COUNT], shown = 0;
	for (int i = 0; i < PREF_COUNT; i++) {
		order[i] = i;
		shown += type_shown(v, map->type[i]);
	}
	if (shown == 0) {
		page_notice(b, "notice", i18n_get(r->lang, "region.type_nobody"));
		return;
	}
	struct sorting how = {map, v->sort};
	if (v->sort >= 0)
		qsort_r(order, PREF_COUNT, sizeof *order, by_figure, &how);
	const char *base =
	    arena_printf(r->a, "/map?metric=%s&period=%s%s%s%s", region_metrics[v->metric].name,
	                 map->period.code, v->type ? "&type=" : "", v->type ? v->type : "",
	                 v->rates ? "&per=reference" : "");
	html_lit(
	    b,
	    "<div class=\"table-scroll\" tabindex=\"0\"><table class=\"figures\"><thead><tr><th>");
	html_link(b, base, i18n_get(r->lang, "region.prefecture"), NULL);
	html_lit(b, "</th><th>");
	page_msg(b, r, "region.type");
	html_lit(b, "</th>");
	int cols[TABLE_METRICS + 1], ncols = 0;
	bool listed = false; /* the figure on the map is a column, the first when not listed */
	for (int k = 0; k < TABLE_METRICS; k++)
		listed |= table_metrics[k] == v->metric;
	if (!listed)
		cols[ncols++] = v->metric;
	for (int k = 0; k < TABLE_METRICS; k++)
		cols[ncols++] = table_metrics[k];
	for (int k = 0; k < ncols; k++) {
		html_lit(b, "<th>");
		html_link(b, arena_printf(r->a, "%s&sort=%s", base, region_metrics[cols[k]].name),
		          region_label(r, cols[k]), v->sort == cols[k] ? "current" : NULL);
		html_lit(b, "</th>");
	}
	html_lit(b, "</tr></thead><tbody>");
	const struct prefecture *all = prefectures_all();
	for (int k = 0; k < PREF_COUNT; k++) {
		int i = order[k];
		if (!type_shown(v, map->type[i]))
			continue;
		html_lit(b, "<tr><td>");
		html_link(b, arena_printf(r->a, "/map/%s", all[i].code),
		          page_en(r) ? all[i].name_en : all[i].name_ja, NULL);
		html_lit(b, "</td><td>");
		html_text(b, region_type_words(r, map->type[i]));
		html_lit(b, "</td>");
		for (int c = 0; c < ncols; c++) {
			html_lit(b, "<td class=\"num\">");
			html_text(b, region_shown(r, &map->f[i], cols[c]));
			html_lit(b, "</td>");
		}
		html_lit(b, "</tr>");
	}
	html_lit(b, "</tbody></table></div>");
}

void page_map(struct req *r)
{
	struct region_period p;
	struct field_error why = {0};
	struct region_map *map = arena_alloc(r->a, sizeof *map);
	struct map_view v = {.metric = region_metric_by_name(req_query(r, "metric")),
	                     .sort = region_metric_by_name(req_query(r, "sort")),
	                     .type = req_query(r, "type")};
	if (v.metric < 0)
		v.metric = RM_SUPPLY_PER_DEMAND;
	if (v.type && !*v.type)
		v.type = NULL;
	int known = 0;
	while (v.type && community_types[known] && strcmp(community_types[known], v.type) != 0)
		known++;
	if (v.type && !community_types[known] && strcmp(v.type, "none") != 0 &&
	    strcmp(v.type, "industry") != 0) {
		reply_invalid(r, &(struct field_error){"type", "choice", 0});
		return;
	}
	v.diverging = region_metrics[v.metric].diverging;
	if (!ok_or_reply(r, regions_period(r, &p, &why), &why) ||
	    !ok_or_reply(r, regions_map(r, &p, map), NULL))
		return;
	/* Per 10,000 of the reference an admin uploaded, when asked and there is one. */
	const char *per = req_query(r, "per");
	int rates = per && strcmp(per, "reference") == 0 ? regions_rates(r, map) : KK_NOTFOUND;
	if (rates == KK_ERR) {
		reply_result(r, rates, NULL);
		return;
	}
	v.rates = rates == KK_OK;
	classes(map, &v);
	struct buf b;
	page_start(r, &b, "region.title");
	page_heading(&b, r, "region.title", "region.lead");
	double ref[PREF_COUNT];
	const char *reference = NULL;
	controls(&b, r, map, &v,
	         regions_reference(r->db, r->a, ref, &reference) == PREF_COUNT ? reference : NULL);
	html_lit(&b, "<section class=\"card map\"><h2>");
	html_text(&b, region_label(r, v.metric));
	html_lit(&b, "</h2><p class=\"hint\">");
	page_msg(&b, r, arena_printf(r->a, "region.rule.%s", region_metrics[v.metric].name));
	if (v.rates && region_metrics[v.metric].kind == RK_COUNT) {
		const char *args[] = {map->reference};
		html_lit(&b, " ");
		page_msgf(&b, r, "region.per_reference", args, 1);
	}
	html_lit(&b, "</p>");
	tile_map(&b, r, map, &v);
	legend(&b, r, &v);
	if (!map->unsuppressed) {
		html_lit(&b, "<p class=\"hint\">");
		page_msg(&b, r, "region.suppressed_note");
		html_lit(&b, "</p>");
	}
	html_lit(&b, "</section><section class=\"card\"><h2>");
	page_msg(&b, r, "region.table");
	html_lit(&b, "</h2>");
	figures_table(&b, r, map, &v);
	html_lit(&b, "<p class=\"hint\">");
	page_msg(&b, r, "region.type_rule");
	html_lit(&b, "</p><p>");
	html_link(&b, "/opendata", i18n_get(r->lang, "region.opendata"), NULL);
	html_lit(&b, "</p></section>");
	page_finish(r, &b, 200);
}
