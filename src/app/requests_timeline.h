/* requests_timeline.h — a request's timeline as sentences, for its page. */
#ifndef KK_APP_REQUESTS_TIMELINE_H
#define KK_APP_REQUESTS_TIMELINE_H

#include "http/req.h"
#include "store/requests.h"

/* The timeline section of q's page, each step in words in r's language; desk (an operator
 * or admin) also sees a transfer's internal note. */
void request_timeline_html(struct buf *b, struct req *r, const struct request *q, bool desk);

#endif
