/* regions_view.h — how the regional pages write figures (regions_pages.c),
 * shared with the prefecture and open data pages (regions_detail_pages.c). */
#ifndef KK_APP_REGIONS_VIEW_H
#define KK_APP_REGIONS_VIEW_H

#include "domain/regions.h"
#include "http/req.h"

/* A figure's name in r's language. */
const char *region_label(struct req *r, int m);
/* A value of figure m as people read it: a count (one decimal when a rate), hours, a
 * percentage, a ratio. */
const char *region_value_text(struct req *r, int m, double v, bool rate);
/* A figure of f: its value, "—" when there is none, "＊" when it is held back. */
const char *region_shown(struct req *r, const struct region_figures *f, int m);
/* A regional type in words (商工会議所型 + 製造業中心). */
const char *region_type_words(struct req *r, const char *type);

#endif
