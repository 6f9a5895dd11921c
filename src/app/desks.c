#include "app/desks.h"
#include "app/assessment.h"
#include "http/input.h"
#include "store/accounts.h"
#include "store/audit.h"

#include <string.h>

const char *const company_industries[] = {"A", "B", "C", "D", "E", "F", "G", "H", "I", "J", "K",
                                          "L", "M", "N", "O", "P", "Q", "R", "S", "T", NULL};
const char *const company_bands[] = {"1-5", "6-20", "21-50", "51-100", "101-300", "301+", NULL};

/* The vendors: a JSON array of strings, or one per line of the form. Count or -1. */
static int read_vendors(struct req *r, struct raw_value *raw)
{
	if (r->json)
		return input_list(r, "vendors", raw, COMPANY_MAX_VENDORS);
	int n = 0;
	char *lines = arena_strdup(r->a, input_form_value(r, "vendors"));
	for (char *save = NULL, *t = strtok_r(lines, "\r\n", &save); t;
	     t = strtok_r(NULL, "\r\n", &save)) {
		if (n == COMPANY_MAX_VENDORS)
			return -1;
		raw[n++] = (struct raw_value){RAW_STRING, t, strlen(t), 0};
	}
	return n;
}

int company_save(struct req *r, struct company *c, bool *created, struct field_error *why)
{
	static const struct field_spec spec[] = {
	    {"name", FT_TEXT, true, 1, 100, NULL},
	    {"prefecture", FT_PREF, true, 0, 0, NULL},
	    {"industry", FT_ENUM, true, 0, 0, company_industries},
	    {"employees", FT_ENUM, true, 0, 0, company_bands},
	    /* consent to statistics: absent leaves it as it is */
	    {"statistics_consent", FT_BOOL, false, 0, 0, NULL},
	};
	static const struct field_spec vendor = {"vendors", FT_TEXT, true, 1, 100, NULL};
	struct field_val v[5];
	if (input_read(r, spec, 5, v, why) < 0)
		return KK_INVALID;
	*c = (struct company){r->user->id, v[0].s, v[1].s, v[2].s, v[3].s, 0, {0}};
	struct raw_value raw[COMPANY_MAX_VENDORS];
	int n = read_vendors(r, raw);
	*why = (struct field_error){"vendors", "type", 0};
	if (n < 0)
		return KK_INVALID;
	for (int i = 0; i < n; i++) {
		struct field_val fv;
		if (validate_field(&vendor, &raw[i], r->a, &fv, why) < 0)
			return KK_INVALID;
		c->vendors[c->nvendors++] = fv.s;
	}
	struct company old;
	*created = companies_get(r->db, r->a, c->id, &old) != KK_OK;
	if (db_begin(r->db) < 0 || companies_save(r->db, c) < 0 || db_commit(r->db) < 0) {
		db_rollback(r->db);
		return KK_ERR;
	}
	/* the figures follow the profile: a new industry or size moves them */
	return assessment_set_consent(r, c->id, v[4].present ? (int)v[4].n : -1);
}

int desk_create(struct req *r, struct desk *d, int64_t *id, struct field_error *why)
{
	static const struct field_spec spec[] = {
	    {"prefecture", FT_PREF, true, 0, 0, NULL},
	    {"name", FT_TEXT, true, 1, 100, NULL},
	    {"community_id", FT_INT, false, 1, 2000000000, NULL},
	    {"hours", FT_TEXT, false, 0, 200, NULL},
	    {"contact", FT_TEXT, false, 0, 200, NULL},
	};
	struct field_val v[5];
	if (input_read(r, spec, 5, v, why) < 0)
		return KK_INVALID;
	*d = (struct desk){0,      v[2].present ? v[2].n : 0,  v[0].s,
	                   v[1].s, v[3].present ? v[3].s : "", v[4].present ? v[4].s : ""};
	if (db_begin(r->db) < 0)
		return KK_ERR;
	int rc = desks_create(r->db, d, id);
	if (rc == KK_OK)
		rc = audit_add(r->db, "desk_created", 0, r->user->id, r->ip, d->name);
	if (rc != KK_OK || db_commit(r->db) != KK_OK) {
		db_rollback(r->db);
		/* The one way a valid body fails: a community id that does not exist. */
		*why = (struct field_error){"community_id", "choice", 0};
		return KK_INVALID;
	}
	return KK_OK;
}

int desk_add_operator(struct req *r, int64_t id, struct desk *d, struct field_error *why)
{
	static const struct field_spec spec[] = {{"account_id", FT_INT, true, 1, 2000000000, NULL}};
	struct field_val v[1];
	struct account acc;
	if (id < 0 || desks_get(r->db, r->a, id, d) != KK_OK)
		return KK_NOTFOUND;
	if (input_read(r, spec, 1, v, why) < 0)
		return KK_INVALID;
	if (accounts_by_id(r->db, r->a, v[0].n, &acc) != KK_OK || strcmp(acc.role, "desk") != 0) {
		*why = (struct field_error){"account_id", "not_desk", 0};
		return KK_INVALID;
	}
	if (db_begin(r->db) < 0 || desks_add_operator(r->db, id, acc.id) < 0 ||
	    audit_add(r->db, "desk_operator_added", acc.id, r->user->id, r->ip, d->name) < 0 ||
	    db_commit(r->db) < 0) {
		db_rollback(r->db);
		return KK_ERR;
	}
	return KK_OK;
}
