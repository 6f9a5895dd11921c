/* credentials_api.c — certificates (issue, verify, suspend, revoke, reinstate,
 * renew) and continuing learning (CPD) records. */
#include "app/errors.h"
#include "app/config.h"
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

static void today(char out[11])
{
	date_jst(db_now(), out);
}

static json_t *cert_public_json(const struct certificate *c, const char *name)
{
	return json_pack("{s:s,s:s,s:s,s:s,s:s,s:s}", "number", c->number, "name", name, "level",
	                 c->level, "status", c->status, "issued_on", c->issued_on, "expires_on",
	                 c->expires_on);
}

/* The certificate and its holder's display name, or reply 404 — the same 404
 * whatever the number looks like. */
bool certificate_load_or_reply(struct req *r, const char *number, struct certificate *c,
                               struct expert *holder)
{
	int rc = strlen(number) < 64 ? certificates_get(r->db, r->a, number, c) : KK_NOTFOUND;
	if (rc == KK_OK)
		rc = experts_get(r->db, r->a, c->expert_id, holder);
	if (rc == KK_OK)
		return true;
	reply_error(r, rc == KK_NOTFOUND ? 404 : 500, rc == KK_NOTFOUND ? "not_found" : "internal");
	return false;
}

void api_certifications_get(struct req *r)
{
	struct certificate c;
	struct expert holder;
	if (!certificate_load_or_reply(r, req_param(r, 0), &c, &holder))
		return;
	reply_json(r, 200, cert_public_json(&c, holder.display_name));
}

int certificate_issue(struct req *r, int64_t expert_id, const char *level, const char *expires_on,
                      char number[CERT_NUMBER_TEXT], char expires[11])
{
	char issued[11];
	today(issued);
	if (expires_on)
		memcpy(expires, expires_on, 11);
	else
		date_add_years(issued, 1, expires);
	token_cert_number(number);
	const char *detail = arena_printf(r->a, "%s %s until %s", number, level, expires);
	if (db_begin(r->db) < 0 ||
	    certificates_issue(r->db, number, expert_id, level, issued, expires, r->user->id) < 0 ||
	    audit_add(r->db, "certificate_issued", expert_id, r->user->id, r->ip, detail) < 0 ||
	    db_commit(r->db) < 0) {
		db_rollback(r->db);
		return -1;
	}
	return 0;
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
	today(t);
	if (v[2].present && (!date_valid(v[2].s) || strcmp(v[2].s, t) <= 0)) {
		struct field_error err = {"expires_on", "date_future", 0};
		reply_invalid(r, &err);
		return;
	}
	if (certificate_issue(r, e.id, v[1].s, v[2].present ? v[2].s : NULL, number, expires) < 0) {
		reply_error(r, 500, "internal");
		return;
	}
	reply_json(
	    r, 201,
	    json_pack("{s:s,s:s,s:s}", "number", number, "issued_on", t, "expires_on", expires));
}

/* suspend, revoke and reinstate: an admin changes the status, with a reason. */
static void change_status(struct req *r, const char *status, const char *event)
{
	static const struct field_spec spec[] = {{"reason", FT_TEXT, true, 1, 500, NULL}};
	struct certificate c;
	struct expert holder;
	struct field_val v[1];
	if (!certificate_load_or_reply(r, req_param(r, 0), &c, &holder) ||
	    !input_or_reply(r, spec, 1, v))
		return;
	if (strcmp(c.status, "revoked") == 0 ||
	    (strcmp(status, "valid") == 0 && strcmp(c.status, "suspended") != 0)) {
		reply_error(r, 409, "certificate_state");
		return;
	}
	const char *detail = arena_printf(r->a, "%s: %s", c.number, v[0].s);
	if (db_begin(r->db) < 0 || certificates_set_status(r->db, c.number, status, v[0].s) < 0 ||
	    audit_add(r->db, event, c.expert_id, r->user->id, r->ip, detail) < 0 ||
	    db_commit(r->db) < 0) {
		db_rollback(r->db);
		reply_error(r, 500, "internal");
		return;
	}
	if (!r->is_api) { /* the admin's form on the profile page */
		reply_redirect(r, link_expert(r->a, c.expert_id, NULL));
		return;
	}
	certificates_get(r->db, r->a, c.number, &c);
	reply_json(r, 200, cert_public_json(&c, holder.display_name));
}

void api_certifications_suspend(struct req *r)
{
	change_status(r, "suspended", "certificate_suspended");
}

void api_certifications_revoke(struct req *r)
{
	change_status(r, "revoked", "certificate_revoked");
}

void api_certifications_reinstate(struct req *r)
{
	change_status(r, "valid", "certificate_reinstated");
}

int cpd_points_last_year(struct req *r, int64_t expert_id)
{
	char t[11], since[11];
	today(t);
	date_add_years(t, -1, since);
	return cpd_points_since(r->db, expert_id, since);
}

/* Renewal needs enough CPD points in the last 12 months; the new expiry is one
 * year after the later of today and the current expiry. */
int certificate_renew(struct req *r, const struct certificate *c, int *points)
{
	if (strcmp(c->status, "valid") != 0 && strcmp(c->status, "expired") != 0)
		return RENEW_STATE;
	*points = cpd_points_last_year(r, c->expert_id);
	if (*points < app_config.cpd_required)
		return RENEW_POINTS;
	char t[11], expires[11];
	today(t);
	date_add_years(strcmp(c->expires_on, t) > 0 ? c->expires_on : t, 1, expires);
	const char *detail =
	    arena_printf(r->a, "%s until %s (%d points)", c->number, expires, *points);
	if (db_begin(r->db) < 0 || certificates_renew(r->db, c->number, expires) < 0 ||
	    audit_add(r->db, "certificate_renewed", c->expert_id, r->user->id, r->ip, detail) < 0 ||
	    db_commit(r->db) < 0) {
		db_rollback(r->db);
		return RENEW_ERROR;
	}
	return RENEW_OK;
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
	switch (certificate_renew(r, &c, &points)) {
	case RENEW_OK:
		certificates_get(r->db, r->a, c.number, &c);
		reply_json(r, 200, cert_public_json(&c, holder.display_name));
		return;
	case RENEW_STATE:
		reply_error(r, 409, "certificate_state");
		return;
	case RENEW_POINTS:
		reply_json(r, 409,
		           json_pack("{s:{s:s,s:s,s:i,s:i}}", "error", "code", "cpd_insufficient",
		                     "message", i18n_get(r->lang, "error.cpd_insufficient"),
		                     "points", points, "required", app_config.cpd_required));
		return;
	default:
		reply_error(r, 500, "internal");
	}
}

/* Hours: a JSON number or a form string, 0.1 to 100, kept in tenths. */
static int hours_tenths(struct req *r)
{
	double h;
	if (r->json) {
		json_t *j = json_object_get(r->json, "hours");
		if (!json_is_number(j))
			return -1;
		h = json_number_value(j);
	} else {
		const char *s = input_form_value(r, "hours");
		char *end;
		h = strtod(s, &end);
		if (!*s || *end)
			return -1;
	}
	if (!(h >= 0.1 && h <= 100))
		return -1;
	return (int)lround(h * 10);
}

int cpd_record(struct req *r, int64_t *id, int *points, struct field_error *err)
{
	static const char *const kinds[] = {"training", "event", "exercise", "teaching", NULL};
	static const struct field_spec spec[] = {
	    {"kind", FT_ENUM, true, 0, 0, kinds},
	    {"date", FT_TEXT, true, 10, 10, NULL},
	    {"note", FT_TEXT, false, 0, 200, NULL},
	};
	struct field_val v[3];
	if (input_read(r, spec, 3, v, err) < 0)
		return -1;
	int tenths = hours_tenths(r);
	if (tenths < 0) {
		*err = (struct field_error){"hours", "range", 100};
		return -1;
	}
	char t[11];
	today(t);
	if (!date_valid(v[1].s) || strcmp(v[1].s, t) > 0) {
		*err = (struct field_error){"date", "date_past", 0};
		return -1;
	}
	*points = cpd_points(v[0].s, tenths);
	if (cpd_add(r->db, r->user->id, v[0].s, tenths, *points, v[1].s, v[2].present ? v[2].s : "",
	            id) < 0) {
		*err = (struct field_error){NULL, NULL, 0};
		return -2;
	}
	return 0;
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
	struct field_error err;
	int rc = cpd_record(r, &id, &points, &err);
	if (rc == -1)
		reply_invalid(r, &err);
	else if (rc < 0)
		reply_error(r, 500, "internal");
	else
		reply_json(r, 201, json_pack("{s:I,s:i}", "id", (json_int_t)id, "points", points));
}

void api_cpd_list(struct req *r)
{
	struct cpd_activity *list = arena_alloc(r->a, sizeof *list * CPD_LIST_MAX);
	int n = cpd_list(r->db, r->a, r->user->id, list, CPD_LIST_MAX);
	json_t *arr = json_array();
	for (int i = 0; i < n; i++)
		json_array_append_new(arr, json_pack("{s:I,s:s,s:f,s:i,s:s,s:s}", "id",
		                                     (json_int_t)list[i].id, "kind", list[i].kind,
		                                     "hours", list[i].hours_tenths / 10.0, "points",
		                                     list[i].points, "date", list[i].date, "note",
		                                     list[i].note));
	int points = cpd_points_last_year(r, r->user->id);
	json_t *j = json_pack(
	    "{s:i,s:i,s:i,s:o}", "points_12_months", points, "required", app_config.cpd_required,
	    "missing", points >= app_config.cpd_required ? 0 : app_config.cpd_required - points,
	    "activities", arr);
	struct expert e;
	if (experts_get(r->db, r->a, r->user->id, &e) == KK_OK && e.cert.number)
		json_object_set_new(j, "renewal_deadline", json_string(e.cert.expires_on));
	reply_json(r, 200, j);
}
