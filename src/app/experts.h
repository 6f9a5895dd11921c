/* experts.h — expert profiles for the pages and the API: reading a profile
 * from a form or JSON, deciding what a caller may see, and rendering JSON. */
#ifndef KK_APP_EXPERTS_H
#define KK_APP_EXPERTS_H

#include "domain/expert.h"
#include "http/input.h"
#include "store/experts.h"

/* Read and check a whole profile from the request (JSON body or form) into e.
 * e->id must be set; current (may be NULL) supplies the ethics date and the
 * visibilities not given. KK_OK, or KK_INVALID with err naming the first bad field; then
 * e still holds every field that was valid (the others empty), to show the form again. */
int expert_parse(struct req *r, const struct expert *current, struct expert *e,
                 struct field_error *err);

/* The most private visibility level this caller may see of expert id. */
int expert_caller_level(struct req *r, int64_t id);

/* The profile as JSON with only the fields visible at level. */
json_t *expert_json(const struct expert *e, int level);

/* Record in the audit log that a desk operator or admin saw desk-only fields. */
void expert_audit_desk_view(struct req *r, const struct expert *e, int level);

/* Shared by the directory page and the API (api_experts.c). */
/* Expert id as r's user may see it: KK_NOTFOUND for a hidden profile but to its owner and
 * admins. */
int expert_visible(struct req *r, int64_t id, struct expert *e);
/* expert_visible, replying 404 (or 500) itself and returning false when it fails. */
bool expert_load_or_reply(struct req *r, int64_t id, struct expert *e);
bool expert_query_or_reply(struct req *r, struct expert_query *q, int *page);
int expert_directory(struct req *r, const struct expert_query *q, struct expert **out,
                     int64_t *total);
#define DIRECTORY_PAGE 20
/* One page of the directory as asked for in r's query. */
struct directory {
	struct expert_query q;
	int page;
	struct expert *list;
	int n;
	int64_t total;
};
/* Both of the above into d; replies itself on error and returns false. */
bool expert_directory_or_reply(struct req *r, struct directory *d);

/* A skill, role or background by its taxonomy code, in r's language; the code itself when
 * unknown. */
const char *tax_label(struct req *r, const char *code);

#endif
