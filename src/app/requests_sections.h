/* requests_sections.h — the sections of a request's page (requests_pages.c). */
#ifndef KK_APP_REQUESTS_SECTIONS_H
#define KK_APP_REQUESTS_SECTIONS_H

#include "app/requests.h"

/* The company as access allows: an offered expert its prefecture, industry and size; the desk
 * and the experts on the case also its name and IT vendors; those on the case the contact. */
void request_customer_html(struct buf *b, struct req *r, const struct request *q,
                           enum access access);
/* Ranked candidates and teams, each with a button to assign (experts on the case left out). */
void request_candidates_html(struct buf *b, struct req *r, const struct request *q);
/* Hours used this year against the company's free allowance. */
void request_allowance_html(struct buf *b, struct req *r, const struct request *q);
/* The expert's report and hours, and the company's rating when given (rt may be NULL). */
void request_closing_html(struct buf *b, struct req *r, const struct request *q,
                          const struct rating *rt);

#endif
