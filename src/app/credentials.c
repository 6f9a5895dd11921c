/* credentials.c — certificates (issue, suspend, revoke, reinstate, renew on
 * enough CPD points) and continuing learning (CPD) records. Results are KK_*
 * codes (util/result.h) with *why for reply_result(). */
#include "app/course.h"
#include "app/credentials.h"
#include "app/config.h"
#include "app/errors.h"
#include "domain/date.h"
#include "domain/expert.h"
#include "domain/token.h"
#include "http/input.h"
#include "store/audit.h"

#include <math.h>
#include <stdlib.h>
#include <string.h>

static void today(char out[11])
{
	date_jst(db_now(), out);
}

/* The certificate (its number as people type it) and its holder's display name, or reply 404 — the
 * same 404 whatever the number looks like. */
bool certificate_load_or_reply(struct req *r, const char *number, struct certificate *c,
                               struct expert *holder)
{
	char canonical[CERT_NUMBER_TEXT];
	int rc = token_cert_normalize(r->a, number, canonical)
	             ? certificates_get(r->db, r->a, canonical, c)
	             : KK_NOTFOUND;
	if (rc == KK_OK)
		rc = experts_get(r->db, r->a, c->expert_id, holder);
	if (rc == KK_OK)
		return true;
	reply_error(r, rc == KK_NOTFOUND ? 404 : 500, rc == KK_NOTFOUND ? "not_found" : "internal");
	return false;
}

int certificate_issue(struct req *r, const struct expert *e, const char *level,
                      const char *expires_on, char number[CERT_NUMBER_TEXT], char expires[11],
                      struct field_error *why)
{
	int64_t expert_id = e->id;
	int allowed = course_certifiable(r, e, why);
	if (allowed != KK_OK)
		return allowed;
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
		return KK_ERR;
	}
	return KK_OK;
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
int certificate_renew(struct req *r, const struct certificate *c, int *points,
                      struct field_error *why)
{
	if (strcmp(c->status, "valid") != 0 && strcmp(c->status, "expired") != 0) {
		*why = (struct field_error){NULL, "certificate_state", 0};
		return KK_CONFLICT;
	}
	*points = cpd_points_last_year(r, c->expert_id);
	if (*points < app_config.cpd_required) {
		*why = (struct field_error){NULL, "cpd_insufficient", 0};
		return KK_CONFLICT;
	}
	char t[11], expires[11];
	today(t);
	date_add_years(strcmp(c->expires_on, t) > 0 ? c->expires_on : t, 1, expires);
	const char *detail =
	    arena_printf(r->a, "%s until %s (%d points)", c->number, expires, *points);
	if (db_begin(r->db) < 0 || certificates_renew(r->db, c->number, expires) < 0 ||
	    audit_add(r->db, "certificate_renewed", c->expert_id, r->user->id, r->ip, detail) < 0 ||
	    db_commit(r->db) < 0) {
		db_rollback(r->db);
		return KK_ERR;
	}
	return KK_OK;
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
		return KK_INVALID;
	int tenths = hours_tenths(r);
	if (tenths < 0) {
		*err = (struct field_error){"hours", "range", 100};
		return KK_INVALID;
	}
	char t[11];
	today(t);
	if (!date_valid(v[1].s) || strcmp(v[1].s, t) > 0) {
		*err = (struct field_error){"date", "date_past", 0};
		return KK_INVALID;
	}
	*points = cpd_points(v[0].s, tenths);
	if (cpd_add(r->db, r->user->id, v[0].s, tenths, *points, v[1].s, v[2].present ? v[2].s : "",
	            id) < 0) {
		*err = (struct field_error){NULL, NULL, 0};
		return KK_ERR;
	}
	return KK_OK;
}

/* What each of an admin's actions on a certificate sets, and the audit event it writes. */
static const struct {
	const char *action, *status, *event;
} status_actions[] = {
    {"suspend", "suspended", "certificate_suspended"},
    {"revoke", "revoked", "certificate_revoked"},
    {"reinstate", "valid", "certificate_reinstated"},
};

int certificate_set_status(struct req *r, const struct certificate *c, const char *action,
                           struct field_error *why)
{
	size_t k = 0;
	while (k < sizeof status_actions / sizeof *status_actions &&
	       strcmp(status_actions[k].action, action) != 0)
		k++;
	if (k == sizeof status_actions / sizeof *status_actions)
		return KK_NOTFOUND;
	const char *status = status_actions[k].status, *event = status_actions[k].event;
	static const struct field_spec spec[] = {{"reason", FT_TEXT, true, 1, 500, NULL}};
	struct field_val v[1];
	if (input_read(r, spec, 1, v, why) < 0)
		return KK_INVALID;
	if (strcmp(c->status, "revoked") == 0 ||
	    (strcmp(status, "valid") == 0 && strcmp(c->status, "suspended") != 0)) {
		*why = (struct field_error){NULL, "certificate_state", 0};
		return KK_CONFLICT;
	}
	const char *detail = arena_printf(r->a, "%s: %s", c->number, v[0].s);
	if (db_begin(r->db) < 0 || certificates_set_status(r->db, c->number, status, v[0].s) < 0 ||
	    audit_add(r->db, event, c->expert_id, r->user->id, r->ip, detail) < 0 ||
	    db_commit(r->db) < 0) {
		db_rollback(r->db);
		return KK_ERR;
	}
	return KK_OK;
}
