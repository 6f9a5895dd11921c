/* regions.h — the regional dashboard's arithmetic, with no I/O: which figures
 * there are, how the shares and the headline follow from the counts, what is
 * suppressed before publication, colour classes and palettes, the national
 * median, and each prefecture's regional type.
 *
 * The rules (also on /opendata and in the README):
 * - A count of 1 or 2 is suppressed in published figures (a single expert or
 *   company could be singled out); a figure computed from a suppressed count is
 *   suppressed too. 0 is published.
 * - incidents_widened_share = incidents_widened / requests_incident;
 *   requests_transferred_share = requests_transferred / (requests_advice +
 *   requests_incident); none when the denominator is 0.
 * - supply_per_demand (the headline) = 10 × experts_active ÷ (requests_advice +
 *   requests_incident + questions): active experts per ten requests and
 *   questions in the period; none when there was no demand.
 * - weak_gv .. weak_rc = the companies scoring under 50 in the function ÷ those it
 *   applies to, among the assessed (the latest assessment of each company that agreed).
 * - responders_per_incident = responders_on_call ÷ requests_incident; none without
 *   incidents.
 * - experts_<role>: the active experts who name the role (evangelist, adviser,
 *   technical, responder, trainer); an expert with two roles counts in both.
 * - median_first_response_s: the median (the lower middle one) of the seconds
 *   from filing to the first assignment or acceptance, over the requests filed in
 *   the period that had one; suppressed when 1 or 2 requests had one. */
#ifndef KK_DOMAIN_REGIONS_H
#define KK_DOMAIN_REGIONS_H

#include <stdbool.h>
#include <stdint.h>

enum region_metric {
	/* now (stock) */
	RM_EXPERTS_ACTIVE,
	RM_EXPERTS_CERTIFIED,
	RM_RESPONDERS_ON_CALL,
	RM_COMMUNITIES,
	RM_ROLE_EVANGELIST, /* active experts by role (an expert may have several) */
	RM_ROLE_ADVISER,
	RM_ROLE_TECHNICAL,
	RM_ROLE_RESPONDER,
	RM_ROLE_TRAINER,
	RM_ASSESSED, /* companies whose latest self-assessment counts (they agreed) */
	RM_WEAK_GV,  /* of those, the share under 50 in Govern .. Recover (function applies) */
	RM_WEAK_ID,
	RM_WEAK_PR,
	RM_WEAK_DE,
	RM_WEAK_RS,
	RM_WEAK_RC,
	/* in the period (flow): region_days's metrics */
	RM_EVENTS_HELD, /* supply: study groups, seminars, exercises held (started, not cancelled) */
	RM_REQUESTS_ADVICE,
	RM_REQUESTS_INCIDENT,
	RM_INCIDENTS_WIDENED,
	RM_REQUESTS_TRANSFERRED,
	RM_QUESTIONS,
	RM_QUESTIONS_UNANSWERED,
	RM_RESPONSES, /* requests with a first response */
	/* computed */
	RM_MEDIAN_FIRST_RESPONSE_S,
	RM_INCIDENTS_WIDENED_SHARE,
	RM_REQUESTS_TRANSFERRED_SHARE,
	RM_SUPPLY_PER_DEMAND,
	RM_RESPONDERS_PER_INCIDENT,
	RM__N
};

enum region_kind { RK_COUNT, RK_SECONDS, RK_SHARE, RK_RATIO };

struct region_metric_def {
	const char *name; /* the API's and the CSV's column name */
	enum region_kind kind;
	bool flow;      /* counted over a period (else: now) */
	bool monthly;   /* a column of the monthly open data */
	bool diverging; /* coloured around the national median */
};
extern const struct region_metric_def region_metrics[RM__N];

/* The metric named name, or -1. */
int region_metric_by_name(const char *name);

/* One prefecture's figures. value is meaningful when present; suppressed marks a
 * figure held back from the public (value kept for admins). */
struct region_figures {
	double value[RM__N];
	bool present[RM__N];
	bool suppressed[RM__N];
	double weak[6],
	    applicable[6]; /* per CSF function: under 50, and assessed where it applies */
	bool rates;        /* the counts are per 10,000 of a reference (the held-back marks stay) */
};

/* Fill the computed figures (shares, headline) from the counts and the median; a count
 * not present counts as 0. */
void region_derive(struct region_figures *f);
/* Mark what publication holds back, by the rules above. */
void region_suppress(struct region_figures *f);

/* The lower median of v[0..n) (reordered), or 0 when n is 0. */
double region_median(double *v, int n);
/* The four class breaks (quintiles) of v[0..n) (reordered), for five colour classes. */
void region_breaks(double *v, int n, double breaks[4]);
/* The class 0..4 of x against breaks: how many breaks x is strictly above (so a map of
 * zeros stays light). */
int region_class(double x, const double breaks[4]);
/* Five colours, light to dark (sequential) or low-high through neutral (diverging),
 * all distinct for the common kinds of colour blindness. */
extern const char *const region_palette_seq[5], *const region_palette_div[5];
/* Whether text on class c of a palette should be white (else dark ink). */
bool region_light_text(int c, bool diverging);

/* The types of community (and so of who hosts a desk), in this order: chamber of
 * commerce, municipality, industry association, community network, vendors, university or
 * school, police, other; then NULL. */
#define COMMUNITY_TYPES 8
extern const char *const community_types[COMMUNITY_TYPES + 1];

#define REGION_TYPE_TEXT 32
/* A prefecture's regional type: who hosts its desk (a community's type), else the most
 * common type among its communities (ties: the order of community_types), else "none";
 * then "+industry" when at least 10 companies are registered there and manufacturing
 * (JSIC E) is 30 % or more of them. kinds[t] counts its communities of community_types[t].
 * Written into out (REGION_TYPE_TEXT bytes). */
void region_type(const char *desk_host, const int kinds[COMMUNITY_TYPES], int companies,
                 int manufacturing, char out[REGION_TYPE_TEXT]);

#endif
