/* assessment_views.h — an assessment as other features show it: its JSON
 * (assessment_api.c, also in a request's JSON) and the summary a request's page
 * shows the desk and the experts on the case (assessment_pages.c). */
#ifndef KK_APP_ASSESSMENT_VIEWS_H
#define KK_APP_ASSESSMENT_VIEWS_H

#include "app/assessment.h"

#include <jansson.h>

/* The result as the API gives it: scores, gaps, first actions, benchmark. */
json_t *assessment_json(const struct assessment_view *v);
/* A card with the total, the scores per function and the gaps, first actions first. */
void assessment_summary_html(struct buf *b, struct req *r, const struct assessment_view *v);

#endif
