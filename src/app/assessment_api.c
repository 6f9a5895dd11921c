/* assessment_api.c — the self-assessment as JSON: the items, storing an
 * assessment, the company's history, one result with its benchmark, and the
 * what-if. The logic is in assessment.c. */
#include "app/assessment_views.h"
#include "app/errors.h"
#include "app/handlers.h"
#include "http/input.h"

#include <string.h>

static json_t *words(const char *list)
{
	json_t *arr = json_array();
	char copy[256];
	snprintf(copy, sizeof copy, "%s", list);
	for (char *save = NULL, *w = strtok_r(copy, " ", &save); w; w = strtok_r(NULL, " ", &save))
		json_array_append_new(arr, json_string(w));
	return arr;
}

static json_t *codes(const char *const *list)
{
	json_t *arr = json_array();
	for (int i = 0; list[i]; i++)
		json_array_append_new(arr, json_string(list[i]));
	return arr;
}

void api_assessment_items(struct req *r)
{
	struct assessment_view *v = arena_alloc(r->a, sizeof *v);
	if (!ok_or_reply(r, assessment_load_items(r, v), NULL))
		return;
	json_t *arr = json_array();
	for (int i = 0; i < v->nitems; i++) {
		const struct assessment_item *it = &v->items[i];
		json_array_append_new(
		    arr, json_pack("{s:s,s:s,s:s,s:s,s:s,s:s,s:i,s:o,s:o,s:o}", "id", it->code,
		                   "function", it->function, "question", it->question, "why",
		                   it->why, "first_step", it->step, "effort", it->effort, "weight",
		                   it->weight, "skills", words(it->skills), "roles",
		                   words(it->roles), "answers", codes(assessment_answer_codes)));
	}
	reply_json(r, 200, json_pack("{s:i,s:o}", "version", v->s.version, "items", arr));
}

static json_t *functions_json(const int fn[FN__N])
{
	json_t *j = json_object();
	for (int f = 0; f < FN__N; f++)
		json_object_set_new(j, assessment_functions[f],
		                    fn[f] < 0 ? json_null() : json_integer(fn[f]));
	return j;
}

static json_t *benchmark_json(const struct assessment_view *v)
{
	if (!v->group)
		return json_null();
	return json_pack("{s:s,s:I,s:f,s:f,s:f,s:f}", "group", v->group, "size",
	                 (json_int_t)v->peers.n, "mean", v->peers.mean, "sd", v->peers.sd,
	                 "percentile", v->peers.percentile, "deviation", v->peers.deviation);
}

json_t *assessment_json(const struct assessment_view *v)
{
	json_t *acts = json_array(), *gaps = json_array();
	for (int k = 0; k < v->nactions; k++) {
		const struct assessment_item *it = &v->items[v->actions[k]];
		json_array_append_new(acts, json_pack("{s:s,s:s,s:s,s:s}", "item", it->code,
		                                      "question", it->question, "first_step",
		                                      it->step, "effort", it->effort));
	}
	for (int i = 0; i < v->nitems; i++)
		if (v->points[i] >= 0 && v->points[i] < 3) {
			json_t *g = json_pack("{s:s,s:s}", "item", v->items[i].code, "answer",
			                      v->answer[i] ? v->answer[i] : "");
			if (v->share[i] >= 0)
				json_object_set_new(g, "peers_doing_percent",
				                    json_integer(v->share[i]));
			json_array_append_new(gaps, g);
		}
	return json_pack("{s:I,s:i,s:i,s:o,s:o,s:o,s:o,s:I}", "id", (json_int_t)v->s.id, "version",
	                 v->s.version, "total", v->s.total, "functions", functions_json(v->s.fn),
	                 "actions", acts, "gaps", gaps, "benchmark", benchmark_json(v),
	                 "created_at", (json_int_t)v->s.created_at);
}

void api_assessments_create(struct req *r)
{
	json_t *list = json_object_get(r->json, "answers");
	struct field_error why = {"answers", "type", 0};
	if (!json_is_array(list) || json_array_size(list) > ASSESSMENT_MAX_ITEMS) {
		reply_invalid(r, &why);
		return;
	}
	struct assessment_answer answers[ASSESSMENT_MAX_ITEMS];
	int n = 0;
	size_t i;
	json_t *el;
	json_array_foreach(list, i, el)
	{
		const char *item = json_string_value(json_object_get(el, "item"));
		const char *answer = json_string_value(json_object_get(el, "answer"));
		if (!item || !answer) {
			reply_invalid(r, &why);
			return;
		}
		answers[n++] = (struct assessment_answer){item, answer};
	}
	int64_t id;
	if (!ok_or_reply(r, assessment_submit(r, answers, n, &id, &why), &why))
		return;
	struct assessment_view *v = arena_alloc(r->a, sizeof *v);
	if (ok_or_reply(r, assessment_view(r, id, v), NULL))
		reply_json(r, 201, assessment_json(v));
}

void api_assessments_list(struct req *r)
{
	struct assessment list[100];
	int n = assessments_of_company(r->db, r->a, r->user->id, list, 100);
	if (n < 0) {
		reply_error(r, 500, "internal");
		return;
	}
	json_t *arr = json_array();
	for (int i = 0; i < n; i++)
		json_array_append_new(arr, json_pack("{s:I,s:i,s:i,s:o,s:I}", "id",
		                                     (json_int_t)list[i].id, "version",
		                                     list[i].version, "total", list[i].total,
		                                     "functions", functions_json(list[i].fn),
		                                     "created_at", (json_int_t)list[i].created_at));
	reply_json(r, 200, json_pack("{s:o}", "assessments", arr));
}

void api_assessments_get(struct req *r)
{
	struct assessment_view *v = arena_alloc(r->a, sizeof *v);
	if (ok_or_reply(r, assessment_view(r, req_param_id(r, 0), v), NULL))
		reply_json(r, 200, assessment_json(v));
}

void api_assessments_simulate(struct req *r)
{
	struct assessment_view *v = arena_alloc(r->a, sizeof *v);
	if (!ok_or_reply(r, assessment_view(r, req_param_id(r, 0), v), NULL))
		return;
	json_t *list = json_object_get(r->json, "actions");
	struct field_error why = {"actions", "type", 0};
	const char *items[ASSESSMENT_MAX_ITEMS];
	int n = 0;
	size_t i;
	json_t *el;
	if (!json_is_array(list) || json_array_size(list) > ASSESSMENT_MAX_ITEMS) {
		reply_invalid(r, &why);
		return;
	}
	json_array_foreach(list, i, el)
	{
		if (!json_is_string(el)) {
			reply_invalid(r, &why);
			return;
		}
		items[n++] = json_string_value(el);
	}
	int total;
	struct peer_stats peers;
	if (ok_or_reply(r, assessment_simulate(r, v, items, n, &total, &peers, &why), &why))
		reply_json(r, 200,
		           json_pack("{s:i,s:i,s:o}", "from", v->s.total, "total", total,
		                     "percentile",
		                     v->group ? json_real(peers.percentile) : json_null()));
}

void api_assessments_consult(struct req *r)
{
	static const struct field_spec spec[] = {{"item", FT_TEXT, false, 1, 16, NULL}};
	struct field_val item;
	struct field_error why = {0};
	int64_t id;
	if (input_read(r, spec, 1, &item, &why) != 0)
		reply_invalid(r, &why);
	else if (ok_or_reply(r,
	                     assessment_consult(r, req_param_id(r, 0), item.present ? item.s : NULL,
	                                        &id, &why),
	                     &why))
		reply_json(r, 201, json_pack("{s:I}", "id", (json_int_t)id));
}
