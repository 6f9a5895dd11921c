#include "view/links.h"

static const char *link(struct arena *a, const char *base, int64_t id, const char *sub)
{
	return sub ? arena_printf(a, "%s/%lld/%s", base, (long long)id, sub)
	           : arena_printf(a, "%s/%lld", base, (long long)id);
}

const char *link_request(struct arena *a, int64_t id, const char *sub)
{
	return link(a, "/requests", id, sub);
}

const char *link_question(struct arena *a, int64_t id, const char *sub)
{
	return link(a, "/qa", id, sub);
}

const char *link_answer(struct arena *a, int64_t id, const char *sub)
{
	return link(a, "/qa/answers", id, sub);
}

const char *link_expert(struct arena *a, int64_t id, const char *sub)
{
	return link(a, "/experts", id, sub);
}

const char *link_community(struct arena *a, int64_t id, const char *sub)
{
	return link(a, "/communities", id, sub);
}

const char *link_event(struct arena *a, int64_t id, const char *sub)
{
	return link(a, "/events", id, sub);
}

const char *link_admin(struct arena *a, const char *kind, int64_t id, const char *sub)
{
	return link(a, arena_printf(a, "/admin/%s", kind), id, sub);
}
