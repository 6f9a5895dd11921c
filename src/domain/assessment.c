#include "domain/assessment.h"
#include "domain/prefecture.h"

#include <math.h>
#include <stdio.h>
#include <string.h>

const char *const assessment_functions[] = {"GV", "ID", "PR", "DE", "RS", "RC", NULL};
const char *const assessment_answer_codes[] = {"not_done",  "partly",         "done", "reviewed",
                                               "dont_know", "not_applicable", NULL};
static const int answer_points[] = {0, 2, 3, 4, 0, -1};

static int index_of(const char *const *list, const char *s)
{
	for (int i = 0; s && list[i]; i++)
		if (strcmp(list[i], s) == 0)
			return i;
	return -1;
}

int assessment_function_index(const char *code)
{
	return index_of(assessment_functions, code);
}

int assessment_points(const char *answer)
{
	int i = index_of(assessment_answer_codes, answer);
	return i < 0 ? -2 : answer_points[i];
}

int assessment_effort_cost(const char *effort)
{
	static const char *const efforts[] = {"low", "medium", NULL};
	int i = index_of(efforts, effort);
	return i < 0 ? 3 : i + 1;
}

/* 100 × got ÷ (4 × weights), rounded half up; -1 when nothing applies. */
static int percent(int64_t got, int64_t weights)
{
	return weights ? (int)((got * 200 + 4 * weights) / (8 * weights)) : -1;
}

void assessment_score(const struct scored_item *items, int n, struct assessment_score *out)
{
	int64_t got[FN__N] = {0}, weights[FN__N] = {0}, all_got = 0, all_w = 0;
	for (int i = 0; i < n; i++) {
		const struct scored_item *it = &items[i];
		if (it->points < 0 || it->function < 0 || it->function >= FN__N)
			continue;
		got[it->function] += (int64_t)it->weight * it->points;
		weights[it->function] += it->weight;
		all_got += (int64_t)it->weight * it->points;
		all_w += it->weight;
	}
	for (int f = 0; f < FN__N; f++)
		out->fn[f] = percent(got[f], weights[f]);
	out->total = percent(all_got, all_w);
}

double assessment_priority(int weight, int points, int cost)
{
	if (points < 0 || points >= 4 || cost <= 0)
		return 0;
	return (double)weight * (4 - points) / cost;
}

void assessment_peer_stats(const int64_t hist[101], int score, struct peer_stats *out)
{
	memset(out, 0, sizeof *out);
	double sum = 0, sumsq = 0;
	int64_t below = 0, equal = 0;
	for (int s = 0; s <= 100; s++) {
		out->n += hist[s];
		sum += (double)hist[s] * s;
		sumsq += (double)hist[s] * s * s;
		if (s < score)
			below += hist[s];
		else if (s == score)
			equal = hist[s];
	}
	if (out->n == 0)
		return;
	out->mean = sum / (double)out->n;
	double var = sumsq / (double)out->n - out->mean * out->mean;
	out->sd = var > 0 ? sqrt(var) : 0;
	out->percentile = 100.0 * ((double)below + (double)equal / 2) / (double)out->n;
	out->deviation = out->sd > 0 ? (score - out->mean) / out->sd * 10 + 50 : 50;
}

int assessment_groups(const char *industry, const char *employees, const char *prefecture,
                      char out[ASSESSMENT_GROUPS][ASSESSMENT_GROUP_TEXT])
{
	const struct prefecture *p = prefecture_by_code(prefecture);
	int n = 0;
	snprintf(out[n++], ASSESSMENT_GROUP_TEXT, "s:%s:%s", industry, employees);
	snprintf(out[n++], ASSESSMENT_GROUP_TEXT, "i:%s", industry);
	if (p)
		snprintf(out[n++], ASSESSMENT_GROUP_TEXT, "b:%s", p->block);
	snprintf(out[n++], ASSESSMENT_GROUP_TEXT, "p:%s", prefecture);
	snprintf(out[n++], ASSESSMENT_GROUP_TEXT, "all");
	return n;
}
