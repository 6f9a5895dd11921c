/* regions_api.c — the regional figures as JSON, and the monthly open data as
 * CSV and JSON. The logic is in regions.c. */
#include "app/csv.h"
#include "app/errors.h"
#include "app/handlers.h"
#include "app/regions.h"
#include "domain/prefecture.h"

#include <math.h>
#include <stdio.h>
#include <string.h>

/* A figure as JSON: counts and seconds whole, shares and ratios to 3 decimals; null when
 * there is none or it is held back. */
static json_t *figure_json(const struct region_figures *f, int m)
{
	if (!f->present[m] || f->suppressed[m])
		return json_null();
	enum region_kind k = region_metrics[m].kind;
	if (k == RK_COUNT || k == RK_SECONDS)
		return json_integer((json_int_t)llround(f->value[m]));
	return json_real(round(f->value[m] * 1000) / 1000);
}

/* {"name": value, ...} of the metrics wanted (all, or the monthly ones), and the names held
 * back into *held. */
static json_t *figures_json(const struct region_figures *f, bool monthly_only, json_t **held)
{
	json_t *j = json_object();
	*held = json_array();
	for (int m = 0; m < RM__N; m++) {
		if (monthly_only && !region_metrics[m].monthly)
			continue;
		json_object_set_new(j, region_metrics[m].name, figure_json(f, m));
		if (f->present[m] && f->suppressed[m])
			json_array_append_new(*held, json_string(region_metrics[m].name));
	}
	return j;
}

void api_regions(struct req *r)
{
	struct region_period p;
	struct field_error why = {0};
	struct region_map *m = arena_alloc(r->a, sizeof *m);
	if (!ok_or_reply(r, regions_period(r, &p, &why), &why) ||
	    !ok_or_reply(r, regions_map(r, &p, m), NULL))
		return;
	const struct prefecture *all = prefectures_all();
	json_t *prefs = json_array(), *held;
	for (int i = 0; i < PREF_COUNT; i++) {
		json_t *metrics = figures_json(&m->f[i], false, &held);
		json_array_append_new(
		    prefs, json_pack("{s:s,s:s,s:s,s:s,s:o,s:o}", "code", all[i].code, "name_ja",
		                     all[i].name_ja, "name_en", all[i].name_en, "type", m->type[i],
		                     "metrics", metrics, "suppressed", held));
	}
	json_t *median = figures_json(&m->median, false, &held);
	json_decref(held);
	char from[11], to[11];
	regions_date(p.from, from);
	regions_date(p.to, to);
	reply_json(r, 200,
	           json_pack("{s:s,s:s,s:b,s:o,s:o}", "from", from, "to", to, "unsuppressed",
	                     m->unsuppressed, "national_median", median, "prefectures", prefs));
}

/* The open data's rows, or -1 after replying with the error. */
static int open_rows_or_reply(struct req *r, struct region_month_row **rows)
{
	int n = regions_open_data(r, rows);
	return ok_or_reply(r, n < 0 ? n : KK_OK, NULL) ? n : -1;
}

void api_opendata_json(struct req *r)
{
	struct region_month_row *rows;
	int n = open_rows_or_reply(r, &rows);
	if (n < 0)
		return;
	const struct prefecture *all = prefectures_all();
	json_t *arr = json_array(), *held;
	for (int k = 0; k < n; k++) {
		json_t *metrics = figures_json(&rows[k].f, true, &held);
		json_array_append_new(arr, json_pack("{s:s,s:s,s:o,s:o}", "month", rows[k].month,
		                                     "prefecture", all[rows[k].pref].code,
		                                     "metrics", metrics, "suppressed", held));
	}
	reply_json(r, 200,
	           json_pack("{s:s,s:s,s:o}", "licence", "CC BY 4.0", "dictionary", "/opendata",
	                     "rows", arr));
}

void api_opendata_csv(struct req *r)
{
	struct region_month_row *rows;
	int n = open_rows_or_reply(r, &rows);
	if (n < 0)
		return;
	const struct prefecture *all = prefectures_all();
	struct buf out;
	buf_init(&out, r->a);
	csv_bom(&out);
	static const char *const head[] = {"month", "prefecture", "name_ja", "name_en"};
	for (int c = 0; c < 4; c++)
		csv_cell(&out, head[c], false);
	for (int m = 0; m < RM__N; m++)
		if (region_metrics[m].monthly)
			csv_cell(&out, region_metrics[m].name, false);
	csv_cell(&out, "suppressed", true);
	for (int k = 0; k < n; k++) {
		const struct prefecture *p = &all[rows[k].pref];
		const struct region_figures *f = &rows[k].f;
		const char *row[] = {rows[k].month, p->code, p->name_ja, p->name_en};
		for (int c = 0; c < 4; c++)
			csv_cell(&out, row[c], false);
		struct buf held;
		buf_init(&held, r->a);
		for (int m = 0; m < RM__N; m++) {
			if (!region_metrics[m].monthly)
				continue;
			bool shown = f->present[m] && !f->suppressed[m];
			csv_cell(&out, shown ? arena_printf(r->a, "%.0f", f->value[m]) : "", false);
			if (f->present[m] && f->suppressed[m])
				buf_printf(&held, "%s%s", held.len ? " " : "",
				           region_metrics[m].name);
		}
		csv_cell(&out, held.p, true);
	}
	req_add_header(r, "Content-Disposition",
	               "attachment; filename=\"kakekomi-prefectures-monthly.csv\"");
	reply_text(r, 200, "text/csv; charset=utf-8", out.p, out.len);
}
