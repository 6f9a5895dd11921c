/* events_view.h — how an event reads on a page, shared by events_pages.c and
 * events_organise_pages.c. */
#ifndef KK_APP_EVENTS_VIEW_H
#define KK_APP_EVENTS_VIEW_H

#include "http/req.h"
#include "store/events.h"

/* The kind in words: 勉強会, Study group. */
const char *event_kind_label(struct req *r, const char *kind);
/* When, in Japan time: the start, then the end (its time only on the same day). */
void event_when(struct buf *b, struct req *r, const struct event *e);
/* Where: the venue and its prefecture, and/or online. */
const char *event_where(struct req *r, const struct event *e);

/* Events ids[0..n) as a short list: when, the title linking to the event, then where (its
 * prefecture) or, with points, the CPD points it gives. */
void event_short_list(struct buf *b, struct req *r, const int64_t *ids, int n, bool points);

#endif
