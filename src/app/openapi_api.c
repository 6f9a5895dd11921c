/* openapi_api.c — GET /api/v1/openapi.json: the OpenAPI 3.1 description of every
 * /api/v1 route, api/openapi.json in the tree, embedded in the binary as it is. The HTTP
 * tests validate every JSON answer against it and fail on a route it lacks. */
#include "app/handlers.h"
#include "util/embed.h"

void api_openapi(struct req *r)
{
	const struct embedded *f = embedded_find("api/openapi.json");
	if (!f) {
		reply_error(r, 500, "internal");
		return;
	}
	req_add_header(r, "Cache-Control", "public, max-age=3600");
	reply_text(r, 200, "application/json", (const char *)f->data, f->len);
}
