#include "domain/regions.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

const struct region_metric_def region_metrics[RM__N] = {
    [RM_EXPERTS_ACTIVE] = {"experts_active", RK_COUNT, false, false, false},
    [RM_EXPERTS_CERTIFIED] = {"experts_certified", RK_COUNT, false, false, false},
    [RM_RESPONDERS_ON_CALL] = {"responders_on_call", RK_COUNT, false, false, false},
    [RM_COMMUNITIES] = {"communities", RK_COUNT, false, false, false},
    [RM_ROLE_EVANGELIST] = {"experts_evangelist", RK_COUNT, false, false, false},
    [RM_ROLE_ADVISER] = {"experts_adviser", RK_COUNT, false, false, false},
    [RM_ROLE_TECHNICAL] = {"experts_technical", RK_COUNT, false, false, false},
    [RM_ROLE_RESPONDER] = {"experts_responder", RK_COUNT, false, false, false},
    [RM_ROLE_TRAINER] = {"experts_trainer", RK_COUNT, false, false, false},
    [RM_ASSESSED] = {"assessed_companies", RK_COUNT, false, false, false},
    [RM_WEAK_GV] = {"weak_govern_share", RK_SHARE, false, false, false},
    [RM_WEAK_ID] = {"weak_identify_share", RK_SHARE, false, false, false},
    [RM_WEAK_PR] = {"weak_protect_share", RK_SHARE, false, false, false},
    [RM_WEAK_DE] = {"weak_detect_share", RK_SHARE, false, false, false},
    [RM_WEAK_RS] = {"weak_respond_share", RK_SHARE, false, false, false},
    [RM_WEAK_RC] = {"weak_recover_share", RK_SHARE, false, false, false},
    [RM_EVENTS_HELD] = {"events_held", RK_COUNT, true, true, false},
    [RM_REQUESTS_ADVICE] = {"requests_advice", RK_COUNT, true, true, false},
    [RM_REQUESTS_INCIDENT] = {"requests_incident", RK_COUNT, true, true, false},
    [RM_INCIDENTS_WIDENED] = {"incidents_widened", RK_COUNT, true, true, false},
    [RM_REQUESTS_TRANSFERRED] = {"requests_transferred", RK_COUNT, true, true, false},
    [RM_QUESTIONS] = {"questions", RK_COUNT, true, true, false},
    [RM_QUESTIONS_UNANSWERED] = {"questions_unanswered", RK_COUNT, true, true, false},
    [RM_RESPONSES] = {"responses", RK_COUNT, true, true, false},
    [RM_MEDIAN_FIRST_RESPONSE_S] = {"median_first_response_s", RK_SECONDS, true, true, false},
    [RM_INCIDENTS_WIDENED_SHARE] = {"incidents_widened_share", RK_SHARE, true, false, false},
    [RM_REQUESTS_TRANSFERRED_SHARE] = {"requests_transferred_share", RK_SHARE, true, false, false},
    [RM_SUPPLY_PER_DEMAND] = {"supply_per_demand", RK_RATIO, true, false, true},
    [RM_RESPONDERS_PER_INCIDENT] = {"responders_per_incident", RK_RATIO, true, false, false},
};

int region_metric_by_name(const char *name)
{
	for (int m = 0; name && m < RM__N; m++)
		if (strcmp(region_metrics[m].name, name) == 0)
			return m;
	return -1;
}

static double count(const struct region_figures *f, int m)
{
	return f->present[m] ? f->value[m] : 0;
}

static void set(struct region_figures *f, int m, double num, double den, double scale)
{
	f->present[m] = den > 0;
	f->value[m] = den > 0 ? scale * num / den : 0;
}

void region_derive(struct region_figures *f)
{
	for (int m = 0; m < RM__N; m++)
		if (region_metrics[m].kind == RK_COUNT && !f->present[m]) {
			f->present[m] = true;
			f->value[m] = 0;
		}
	double requests = count(f, RM_REQUESTS_ADVICE) + count(f, RM_REQUESTS_INCIDENT);
	set(f, RM_INCIDENTS_WIDENED_SHARE, count(f, RM_INCIDENTS_WIDENED),
	    count(f, RM_REQUESTS_INCIDENT), 1);
	set(f, RM_REQUESTS_TRANSFERRED_SHARE, count(f, RM_REQUESTS_TRANSFERRED), requests, 1);
	set(f, RM_SUPPLY_PER_DEMAND, count(f, RM_EXPERTS_ACTIVE), requests + count(f, RM_QUESTIONS),
	    10);
	for (int k = 0; k < 6; k++)
		set(f, RM_WEAK_GV + k, f->weak[k], f->applicable[k], 1);
	set(f, RM_RESPONDERS_PER_INCIDENT, count(f, RM_RESPONDERS_ON_CALL),
	    count(f, RM_REQUESTS_INCIDENT), 1);
	if (count(f, RM_RESPONSES) == 0)
		f->present[RM_MEDIAN_FIRST_RESPONSE_S] = false;
}

static bool small(const struct region_figures *f, int m)
{
	return f->present[m] && f->value[m] >= 1 && f->value[m] <= 2;
}

void region_suppress(struct region_figures *f)
{
	for (int m = 0; m < RM__N; m++)
		f->suppressed[m] = region_metrics[m].kind == RK_COUNT && small(f, m);
	/* what is computed from a held-back count is held back with it */
	const struct {
		int what, from[3];
	} deps[] = {
	    {RM_INCIDENTS_WIDENED_SHARE, {RM_INCIDENTS_WIDENED, RM_REQUESTS_INCIDENT, -1}},
	    {RM_REQUESTS_TRANSFERRED_SHARE,
	     {RM_REQUESTS_TRANSFERRED, RM_REQUESTS_ADVICE, RM_REQUESTS_INCIDENT}},
	    {RM_SUPPLY_PER_DEMAND, {RM_EXPERTS_ACTIVE, RM_REQUESTS_ADVICE, RM_REQUESTS_INCIDENT}},
	    {RM_MEDIAN_FIRST_RESPONSE_S, {RM_RESPONSES, -1, -1}},
	    {RM_RESPONDERS_PER_INCIDENT, {RM_RESPONDERS_ON_CALL, RM_REQUESTS_INCIDENT, -1}},
	};
	for (size_t d = 0; d < sizeof deps / sizeof *deps; d++)
		for (int k = 0; k < 3; k++)
			if (deps[d].from[k] >= 0 && f->suppressed[deps[d].from[k]])
				f->suppressed[deps[d].what] = f->present[deps[d].what];
	for (int k = 0; k < 6; k++) /* the counts behind a share are held back as counts are */
		if ((f->weak[k] >= 1 && f->weak[k] <= 2) ||
		    (f->applicable[k] >= 1 && f->applicable[k] <= 2))
			f->suppressed[RM_WEAK_GV + k] = f->present[RM_WEAK_GV + k];
	if (f->suppressed[RM_QUESTIONS])
		f->suppressed[RM_SUPPLY_PER_DEMAND] = f->present[RM_SUPPLY_PER_DEMAND];
}

static int by_value(const void *a, const void *b)
{
	double x = *(const double *)a, y = *(const double *)b;
	return (x > y) - (x < y);
}

double region_median(double *v, int n)
{
	if (n <= 0)
		return 0;
	qsort(v, (size_t)n, sizeof *v, by_value);
	return v[(n - 1) / 2];
}

void region_breaks(double *v, int n, double breaks[4])
{
	qsort(v, (size_t)n, sizeof *v, by_value);
	for (int k = 0; k < 4; k++)
		breaks[k] = n > 0 ? v[(n * (k + 1)) / 5 < n ? (n * (k + 1)) / 5 : n - 1] : 0;
}

int region_class(double x, const double breaks[4])
{
	int c = 0;
	while (c < 4 && x > breaks[c])
		c++;
	return c;
}

/* ColorBrewer YlGnBu and PuOr (five classes), both colour-blind safe. */
const char *const region_palette_seq[5] = {"#ffffcc", "#a1dab4", "#41b6c4", "#2c7fb8", "#253494"};
const char *const region_palette_div[5] = {"#e66101", "#fdb863", "#f7f7f7", "#b2abd2", "#5e3c99"};

bool region_light_text(int c, bool diverging)
{
	return diverging ? (c == 0 || c == 4) : c >= 3;
}

const char *const community_types[COMMUNITY_TYPES + 1] = {"chamber", "municipality", "association",
                                                          "network", "vendor",       "university",
                                                          "police",  "other",        NULL};

void region_type(const char *desk_host, const int kinds[COMMUNITY_TYPES], int companies,
                 int manufacturing, char out[REGION_TYPE_TEXT])
{
	const char *type = "none";
	if (desk_host && *desk_host) {
		type = desk_host;
	} else { /* the most common type of its communities, the first listed on a tie */
		int best = -1;
		for (int t = 0; t < COMMUNITY_TYPES; t++)
			if (kinds[t] > 0 && (best < 0 || kinds[t] > kinds[best]))
				best = t;
		if (best >= 0)
			type = community_types[best];
	}
	bool industry = companies >= 10 && manufacturing * 10 >= companies * 3;
	snprintf(out, REGION_TYPE_TEXT, "%s%s", type, industry ? "+industry" : "");
}
