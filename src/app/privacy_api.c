/* privacy_api.c — a user's own data (APPI): export everything as JSON,
 * and delete the account. */
#include "app/accounts.h"
#include "app/assessment.h"
#include "app/communities.h"
#include "app/errors.h"
#include "app/experts.h"
#include "app/handlers.h"
#include "app/privacy.h"
#include "domain/date.h"
#include "domain/token.h"
#include "app/session.h"
#include "store/audit.h"
#include "store/desks.h"
#include "store/credentials.h"
#include "store/notifications.h"

/* The company profile, and every self-assessment with its answers. */
static json_t *company_export(struct req *r, const struct company *c)
{
	json_t *vendors = json_array(), *list = json_array();
	for (int i = 0; i < c->nvendors; i++)
		json_array_append_new(vendors, json_string(c->vendors[i]));
	struct assessment *as = arena_alloc(r->a, sizeof *as * 200);
	int n = assessments_of_company(r->db, r->a, c->id, as, 200);
	for (int i = 0; i < n; i++) {
		struct assessment_answer ans[ASSESSMENT_MAX_ITEMS];
		int m = assessments_answers(r->db, r->a, as[i].id, ans, ASSESSMENT_MAX_ITEMS);
		json_t *answers = json_object();
		for (int k = 0; k < m; k++)
			json_object_set_new(answers, ans[k].item, json_string(ans[k].answer));
		char at[21];
		date_format_utc(as[i].created_at, at);
		json_array_append_new(list,
		                      json_pack("{s:I,s:i,s:i,s:s,s:o}", "id", (json_int_t)as[i].id,
		                                "version", as[i].version, "total", as[i].total,
		                                "created_at", at, "answers", answers));
	}
	return json_pack("{s:s,s:s,s:s,s:s,s:o,s:b,s:o}", "name", c->name, "prefecture",
	                 c->prefecture, "industry", c->industry, "employees", c->employees,
	                 "vendors", vendors, "statistics_consent", companies_consent(r->db, c->id),
	                 "assessments", list);
}

json_t *privacy_export(struct req *r)
{
	struct account acc;
	if (accounts_by_id(r->db, r->a, r->user->id, &acc) != KK_OK)
		return NULL;
	int64_t consent = accounts_consent_at(r->db, acc.id);
	char created[21], consent_s[21] = "";
	date_format_utc(acc.created_at, created);
	if (consent)
		date_format_utc(consent, consent_s);
	json_t *j = json_pack("{s:{s:I,s:s,s:s,s:s,s:s,s:s,s:s*}}", "account", "id",
	                      (json_int_t)acc.id, "email", acc.email, "display_name",
	                      acc.display_name, "role", acc.role, "prefecture", acc.prefecture,
	                      "created_at", created, "consent_at", consent ? consent_s : NULL);
	struct expert e;
	if (experts_get(r->db, r->a, acc.id, &e) == KK_OK) {
		json_object_set_new(j, "expert", expert_json(&e, VIS_PRIVATE));
		struct cpd_activity *cpd = arena_alloc(r->a, sizeof *cpd * 1000);
		int n = cpd_list(r->db, r->a, acc.id, cpd, 1000);
		json_t *arr = json_array();
		for (int i = 0; i < n; i++)
			json_array_append_new(
			    arr, json_pack("{s:s,s:f,s:i,s:s,s:s}", "kind", cpd[i].kind, "hours",
			                   cpd[i].hours_tenths / 10.0, "points", cpd[i].points,
			                   "date", cpd[i].date, "note", cpd[i].note));
		json_object_set_new(j, "cpd", arr);
		struct community *cs = arena_alloc(r->a, sizeof *cs * 100);
		n = communities_of_expert(r->db, r->a, acc.id, cs, 100);
		arr = json_array();
		for (int i = 0; i < n; i++)
			json_array_append_new(arr, community_json(&cs[i]));
		json_object_set_new(j, "communities", arr);
	}
	struct notification *ns = arena_alloc(r->a, sizeof *ns * 200);
	int n = notifications_list(r->db, r->a, acc.id, ns, 200);
	json_t *arr = json_array();
	for (int i = 0; i < n; i++) {
		char at[21];
		date_format_utc(ns[i].created_at, at);
		json_array_append_new(arr, json_pack("{s:s,s:s,s:s}", "kind", ns[i].kind, "args",
		                                     ns[i].args, "created_at", at));
	}
	json_object_set_new(j, "notifications", arr);
	struct company c;
	if (companies_get(r->db, r->a, acc.id, &c) == KK_OK)
		json_object_set_new(j, "company", company_export(r, &c));
	return j;
}

void api_me_export(struct req *r)
{
	json_t *j = privacy_export(r);
	if (!j) {
		reply_error(r, 500, "internal");
		return;
	}
	audit_add(r->db, "data_exported", r->user->id, r->user->id, r->ip, NULL);
	req_add_header(r, "Content-Disposition", "attachment; filename=\"kakekomi-export.json\"");
	reply_json(r, 200, j);
}

int privacy_delete_account(struct req *r, const char *password, struct field_error *why)
{
	int64_t id = r->user->id;
	int rc = auth_confirm_password(r, password, "password", "account_delete_refused", why);
	if (rc != KK_OK)
		return rc;
	if (db_begin(r->db) < 0)
		return KK_ERR;
	/* Its self-assessments leave the peer figures with it; the deletion event stays in
	 * the audit log, without personal data. */
	if (assessment_forget(r, id) != KK_OK ||
	    accounts_delete(r->db, id, r->user->email) != KK_OK ||
	    audit_add(r->db, "account_deleted", id, id, NULL, NULL) != KK_OK ||
	    db_commit(r->db) != KK_OK) {
		db_rollback(r->db);
		return KK_ERR;
	}
	if (!r->user->bearer)
		req_set_cookie(r, COOKIE_SESSION, "", 0);
	return KK_OK;
}

void api_me_delete(struct req *r)
{
	static const struct field_spec spec[] = {{"password", FT_PASSWORD, true, 1, 256, NULL}};
	struct field_val v[1];
	struct field_error why = {0};
	if (!input_or_reply(r, spec, 1, v) ||
	    !ok_or_reply(r, privacy_delete_account(r, v[0].s, &why), &why))
		return;
	reply_json(r, 200, json_pack("{s:b}", "deleted", 1));
}
