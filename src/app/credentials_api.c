/* credentials_api.c — certificates (issue, verify, suspend, revoke, reinstate,
 * renew) and continuing learning (CPD) records. */
#include "app/course_view.h"
#include "app/errors.h"
#include "app/config.h"
#include "app/credentials.h"
#include "app/experts.h"
#include "app/handlers.h"
#include "domain/date.h"
#include "domain/token.h"
#include "store/audit.h"
#include "store/credentials.h"
#include "view/i18n.h"
#include "view/links.h"

#include <math.h>
#include <stdlib.h>
#include <string.h>

#define CPD_LIST_MAX 200

static json_t *cert_public_json(const struct certificate *c, const char *name)
{
	return json_pack("{s:s,s:s,s:s,s:s,s:s,s:s}", "number", c->number, "name", name, "level",
	                 c->level, "status", c->status, "issued_on", c->issued_on, "expires_on",
	                 c->expires_on);
}

void api_certifications_get(struct req *r)
{
	struct certificate c;
	struct expert holder;
	if (!certificate_load_or_reply(r, req_param(r, 0), &c, &holder))
		return;
	reply_json(r, 200, cert_public_json(&c, holder.display_name));
}

void api_certifications_issue(struct req *r)
{
	static const char *const levels[] = {"basic", "advanced", NULL};
	static const struct field_spec spec[] = {
	    {"expert_id", FT_INT, true, 1, 2000000000, NULL},
	    {"level", FT_ENUM, true, 0, 0, levels},
	    {"expires_on", FT_TEXT, false, 10, 10, NULL},
	};
	struct field_val v[3];
	if (!input_or_reply(r, spec, 3, v))
		return;
	struct expert e;
	if (experts_get(r->db, r->a, v[0].n, &e) != KK_OK) {
		struct field_error err = {"expert_id", "not_expert", 0};
		reply_invalid(r, &err);
		return;
	}
	char t[11], expires[11], number[CERT_NUMBER_TEXT];
	date_jst(db_now(), t);
	if (v[2].present && (!date_valid(v[2].s) || strcmp(v[2].s, t) <= 0)) {
		struct field_error err = {"expires_on", "date_future", 0};
		reply_invalid(r, &err);
		return;
	}
	struct field_error why = {0};
	if (!ok_or_reply(r,
	                 certificate_issue(r, &e, v[1].s, v[2].present ? v[2].s : NULL, number,
	                                   expires, &why),
	                 &why))
		return;
	reply_json(
	    r, 201,
	    json_pack("{s:s,s:s,s:s}", "number", number, "issued_on", t, "expires_on", expires));
}

/* suspend, revoke and reinstate (the route's arg): an admin changes the status, with a reason. */
void api_certifications_status(struct req *r)
{
	struct certificate c;
	struct expert holder;
	struct field_error why = {0};
	if (!certificate_load_or_reply(r, req_param(r, 0), &c, &holder))
		return;
	int rc = certificate_set_status(r, &c, r->route->arg, &why);
	if (rc != KK_OK) {
		reply_result(r, rc, &why);
		return;
	}
	certificates_get(r->db, r->a, c.number, &c);
	reply_json(r, 200, cert_public_json(&c, holder.display_name));
}

/* By the holder or an admin. */
void api_certifications_renew(struct req *r)
{
	struct certificate c;
	struct expert holder;
	if (!certificate_load_or_reply(r, req_param(r, 0), &c, &holder))
		return;
	if (r->user->id != c.expert_id && !(r->user->role & ROLE_ADMIN)) {
		reply_error(r, 404, "not_found");
		return;
	}
	int points = 0;
	struct field_error why = {0};
	int rc = certificate_renew(r, &c, &points, &why);
	if (rc == KK_CONFLICT && strcmp(why.code, "cpd_insufficient") == 0) {
		reply_json(r, 409,
		           json_pack("{s:{s:s,s:s,s:i,s:i}}", "error", "code", "cpd_insufficient",
		                     "message", i18n_get(r->lang, "error.cpd_insufficient"),
		                     "points", points, "required", app_config.cpd_required));
	} else if (rc != KK_OK) {
		reply_result(r, rc, &why);
	} else {
		certificates_get(r->db, r->a, c.number, &c);
		reply_json(r, 200, cert_public_json(&c, holder.display_name));
	}
}

void api_cpd_add(struct req *r)
{
	struct expert e;
	if (experts_get(r->db, r->a, r->user->id, &e) != KK_OK) {
		reply_error(r, 409, "profile_missing");
		return;
	}
	int64_t id;
	int points;
	struct field_error err = {0};
	if (ok_or_reply(r, cpd_record(r, &id, &points, &err), &err))
		reply_json(r, 201, json_pack("{s:I,s:i}", "id", (json_int_t)id, "points", points));
}

void api_cpd_list(struct req *r)
{
	struct cpd_activity *list = arena_alloc(r->a, sizeof *list * CPD_LIST_MAX);
	int n = cpd_list(r->db, r->a, r->user->id, list, CPD_LIST_MAX);
	json_t *arr = json_array();
	for (int i = 0; i < n; i++)
		json_array_append_new(
		    arr,
		    json_pack("{s:I,s:s,s:f,s:i,s:s,s:s,s:b,s:o}", "id", (json_int_t)list[i].id,
		              "kind", list[i].kind, "hours", list[i].hours_tenths / 10.0, "points",
		              list[i].points, "date", list[i].date, "note", list[i].note,
		              "verified", list[i].event_id != 0, "event_id",
		              list[i].event_id ? json_integer(list[i].event_id) : json_null()));
	int points = cpd_points_last_year(r, r->user->id);
	json_t *j = json_pack(
	    "{s:i,s:i,s:i,s:o}", "points_12_months", points, "required", app_config.cpd_required,
	    "missing", points >= app_config.cpd_required ? 0 : app_config.cpd_required - points,
	    "activities", arr);
	struct expert e;
	bool profile = experts_get(r->db, r->a, r->user->id, &e) == KK_OK;
	if (profile && e.cert.number)
		json_object_set_new(j, "renewal_deadline", json_string(e.cert.expires_on));
	json_t *course = course_json(r, r->user->id, profile ? &e : NULL);
	if (course)
		json_object_set_new(j, "course", course);
	reply_json(r, 200, j);
}
