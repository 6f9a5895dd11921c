#include "domain/escalation.h"

enum escalation_step escalation_on_deadline(bool still_offered, int ring)
{
	if (!still_offered)
		return ESC_DONE;
	return ring >= RING_LAST ? ESC_UNANSWERED : ESC_WIDEN;
}

bool escalation_stop(int ring, int offered)
{
	return offered > 0 || ring >= RING_LAST;
}

int64_t escalation_deadline(int ring, int offered, int64_t now, int sla)
{
	return ring < RING_LAST || offered > 0 ? now + sla : 0;
}
