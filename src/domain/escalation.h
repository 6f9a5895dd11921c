/* escalation.h — when an unanswered incident offer widens, and how far. Pure:
 * the caller brings the request's state, how many experts a ring reached and
 * the clock, and stores what these decide.
 *
 * An incident is offered ring by ring: 0 its prefecture, 1 the neighbouring
 * prefectures, 2 its regional block, 3 remote experts nationwide. Offering
 * stops at the first ring that reaches somebody, with a deadline SLA seconds
 * later; when the deadline passes and nobody has accepted, the next ring is
 * offered. After the last ring the desk is told that nobody answered. */
#ifndef KK_DOMAIN_ESCALATION_H
#define KK_DOMAIN_ESCALATION_H

#include <stdbool.h>
#include <stdint.h>

#define RING_LAST 3

enum escalation_step {
	ESC_WIDEN,      /* still on offer before the last ring: offer the next ring */
	ESC_UNANSWERED, /* still on offer after the last ring: give up, tell the desk */
	ESC_DONE, /* no longer on offer (accepted, assigned, closed): just clear the deadline */
};

/* What to do when the deadline of a request at ring passes. */
enum escalation_step escalation_on_deadline(bool still_offered, int ring);

/* After offering ring to `offered` experts: stop widening here (somebody was reached,
 * or this is the last ring)? */
bool escalation_stop(int ring, int offered);

/* The deadline to store after stopping at ring with `offered` experts reached at now:
 * now + sla, or 0 (none) when the last ring reached nobody. */
int64_t escalation_deadline(int ring, int offered, int64_t now, int sla);

#endif
