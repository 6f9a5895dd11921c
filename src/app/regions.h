/* regions.h — the regional dashboard: a period's figures per prefecture (held
 * back by domain/regions.h's rule unless the caller is an admin), the national
 * median, each prefecture's type, and the monthly open data. Figures come from
 * the aggregates the database keeps (store/regions.h) and are cached per
 * period until anything they are made of changes. Results follow util/result.h. */
#ifndef KK_APP_REGIONS_H
#define KK_APP_REGIONS_H

#include "domain/regions.h"
#include "http/req.h"
#include "store/regions.h"

/* Days from..to (inclusive, Japan time), and the code it was chosen by: "30", "90", "365"
 * (the days up to today), a year "2025", or "" for ?from=&to= dates. */
struct region_period {
	int from, to;
	char code[8];
};
/* The period of r's query: ?period=30|90|365|YYYY or ?from=YYYY-MM-DD&to=YYYY-MM-DD (at
 * most 10 years), the last 365 days when neither. KK_INVALID naming the field. */
int regions_period(struct req *r, struct region_period *p, struct field_error *why);
/* "YYYY-MM-DD" of a day number into out[11]. */
void regions_date(int day, char out[11]);

struct region_map {
	struct region_period period;
	struct region_figures f[PREF_COUNT];
	struct region_figures median; /* of each figure over the prefectures that have it */
	char type[PREF_COUNT][REGION_TYPE_TEXT];
	bool unsuppressed;     /* an admin: nothing held back */
	const char *reference; /* with regions_rates(): what the counts are per 10,000 of */
};
/* Mark in f what r may not see: counts of 1-2 and what is made of them (domain/regions.h's
 * rule), nothing for an admin. Every figure shown or published goes through here. */
void regions_hold_back(const struct req *r, struct region_figures *f);
/* The figures of period p as r may see them into out. KK_OK or KK_ERR. */
int regions_map(struct req *r, const struct region_period *p, struct region_map *out);

/* A prefecture's skills: those its companies asked for since day `since` (most asked first,
 * at most 10) and how many of its active experts offer each, cached per prefecture until
 * the generation changes. */
struct region_skills {
	int n;
	struct {
		char code[32];
		int asked, offered;
	} skill[10];
};
/* The skills of pref (index) into out: KK_OK or KK_ERR. */
int regions_skills(struct req *r, int pref, int since, struct region_skills *out);
/* Turn the counts of map into rates per 10,000 of the uploaded reference (the national
 * median with them): KK_OK, or KK_NOTFOUND when no reference was uploaded, KK_ERR. */
int regions_rates(struct req *r, struct region_map *map);
/* A prefecture's flows per month, the twelve months up to day today's (oldest first), as
 * counted (held back by the caller), cached per prefecture until the generation or the day
 * changes. */
struct region_months {
	char month[12][16]; /* YYYY-MM */
	struct region_figures f[12];
};
/* The months of pref (index) into out: KK_OK or KK_ERR. */
int regions_months(struct req *r, int pref, int today, struct region_months *out);
/* An admin replaces the reference from a CSV (a row per prefecture: its code, Japanese or
 * English name, then a whole number above 0; a header row may come first) and a label, all
 * or nothing, audited: KK_OK, or KK_INVALID with what is wrong, line by line, in report
 * (a "label" error in why). */
int regions_reference_import(struct req *r, const char *data, size_t len, const char *label,
                             struct buf *report, struct field_error *why);

/* The open data: one row per month (oldest first, up to this month) and prefecture, a value
 * per monthly metric (domain region_metrics[].monthly), held back as r may see. */
struct region_month_row {
	char month[16]; /* YYYY-MM */
	int pref;
	struct region_figures f;
};
/* The rows into *rows (in r's arena): how many, or KK_ERR. */
int regions_open_data(struct req *r, struct region_month_row **rows);

#endif
