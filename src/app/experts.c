#include "app/experts.h"
#include "app/errors.h"
#include "domain/date.h"
#include "store/audit.h"
#include "store/prefectures.h"
#include "store/taxonomy.h"

#include <ctype.h>
#include <stdio.h>
#include <string.h>
#include <time.h>

static int fail(struct field_error *err, const char *field, const char *code, int limit)
{
	err->field = field;
	err->code = code;
	err->limit = limit;
	return KK_INVALID;
}

static const struct field_spec scalar_fields[] = {
    {"display_name", FT_TEXT, true, 1, 50, NULL}, {"prefecture", FT_PREF, true, 0, 0, NULL},
    {"remote", FT_BOOL, false, 0, 0, NULL},       {"hours_per_week", FT_INT, false, 0, 80, NULL},
    {"on_call", FT_BOOL, false, 0, 0, NULL},      {"bio", FT_LINES, false, 0, 2000, NULL},
    {"employer", FT_TEXT, false, 0, 100, NULL},   {"employer_supports", FT_BOOL, false, 0, 0, NULL},
    {"background", FT_TEXT, false, 0, 24, NULL},  {"ethics_accepted", FT_BOOL, false, 0, 0, NULL},
};
enum {
	S_NAME,
	S_PREF,
	S_REMOTE,
	S_HOURS,
	S_ONCALL,
	S_BIO,
	S_EMPLOYER,
	S_SUPPORTS,
	S_BACKGROUND,
	S_ETHICS,
	S__MAX
};

/* A form's unchecked checkbox is absent: false. */
static bool flag(const struct field_val *v)
{
	return v->present && v->n;
}

/* Validate each item of a list field with spec; returns count or -1. */
static int list(struct req *r, const char *name, const struct field_spec *spec, const char **out,
                int max, struct field_error *err)
{
	struct raw_value raw[64];
	int n = input_list(r, name, raw, max < 64 ? max : 64);
	if (n < 0)
		return fail(err, name, "type", max);
	int k = 0;
	for (int i = 0; i < n; i++) {
		struct field_val v;
		if (validate_field(spec, &raw[i], r->a, &v, err) < 0) {
			err->field = name;
			return -1;
		}
		if (!v.present)
			continue;
		bool seen = false;
		for (int j = 0; j < k; j++)
			seen |= strcmp(out[j], v.s) == 0;
		if (!seen)
			out[k++] = v.s;
	}
	return k;
}

static bool language_tag_ok(const char *s)
{
	size_t n = strlen(s), i = 0;
	while (i < n && islower((unsigned char)s[i]))
		i++;
	if (i < 2 || i > 3)
		return false;
	if (i == n)
		return true;
	if (s[i] != '-' || n - i - 1 < 2 || n - i - 1 > 8)
		return false;
	for (i++; i < n; i++)
		if (!isalnum((unsigned char)s[i]))
			return false;
	return true;
}

static int parse_skills(struct req *r, struct expert *e, struct field_error *err)
{
	const struct taxonomy *tax = taxonomy();
	e->nskills = 0;
	if (r->json) {
		json_t *arr = json_object_get(r->json, "skills");
		if (!arr || json_is_null(arr))
			return 0;
		if (!json_is_array(arr) || json_array_size(arr) > EXPERT_MAX_SKILLS)
			return fail(err, "skills", "type", 0);
		size_t i;
		json_t *item;
		json_array_foreach(arr, i, item)
		{
			const char *code = json_string_value(json_object_get(item, "code"));
			json_t *lv = json_object_get(item, "level");
			if (!json_is_object(item) || !code)
				return fail(err, "skills", "type", 0);
			const struct tax_skill *sk = taxonomy_skill(code);
			if (!sk)
				return fail(err, "skills", "choice", 0);
			if (!json_is_integer(lv) || json_integer_value(lv) < 1 ||
			    json_integer_value(lv) > 4)
				return fail(err, "skills", "range", 4);
			for (int k = 0; k < e->nskills; k++)
				if (strcmp(e->skills[k].code, sk->code) == 0)
					return fail(err, "skills", "duplicate", 0);
			e->skills[e->nskills].code = sk->code;
			e->skills[e->nskills].level = (int)json_integer_value(lv);
			e->nskills++;
		}
		return 0;
	}
	/* The form has one select per skill, "skill.CODE", with 0 for none. */
	for (int i = 0; tax && i < tax->nskills && e->nskills < EXPERT_MAX_SKILLS; i++) {
		const char *v =
		    input_form_value(r, arena_printf(r->a, "skill.%s", tax->skills[i].code));
		if (!*v || strcmp(v, "0") == 0)
			continue;
		if (strlen(v) != 1 || v[0] < '1' || v[0] > '4')
			return fail(err, "skills", "range", 4);
		e->skills[e->nskills].code = tax->skills[i].code;
		e->skills[e->nskills].level = v[0] - '0';
		e->nskills++;
	}
	return 0;
}

static int parse_visibility(struct req *r, struct expert *e, struct field_error *err)
{
	if (r->json) {
		json_t *obj = json_object_get(r->json, "visibility");
		if (!obj || json_is_null(obj))
			return 0;
		if (!json_is_object(obj))
			return fail(err, "visibility", "type", 0);
		const char *key;
		json_t *v;
		json_object_foreach(obj, key, v)
		{
			int f = vis_field_from_name(key);
			int level = vis_level_from_name(json_string_value(v));
			if (f < 0)
				return fail(err, "visibility", "unknown_field", 0);
			if (level < 0 || !vis_allowed((enum vis_field)f, level))
				return fail(err, "visibility",
				            f == VF_CONFLICTS ? "conflicts_visible" : "choice", 0);
			e->vis[f] = level;
		}
		return 0;
	}
	for (int f = 0; f < VF__MAX; f++) {
		const char *v =
		    input_form_value(r, arena_printf(r->a, "visibility.%s", vis_field_names[f]));
		if (!*v)
			continue;
		int level = vis_level_from_name(v);
		if (level < 0 || !vis_allowed((enum vis_field)f, level))
			return fail(err, "visibility",
			            f == VF_CONFLICTS ? "conflicts_visible" : "choice", 0);
		e->vis[f] = level;
	}
	return 0;
}

/* The form's languages: separated by commas or spaces, ASCII or Japanese (、，and the
 * ideographic space), as people type them. */
static void split_languages(struct req *r, struct expert *e)
{
	struct buf b;
	buf_init(&b, r->a);
	for (const char *p = input_form_value(r, "languages"); *p;) {
		if (strncmp(p, "、", 3) == 0 || strncmp(p, "，", 3) == 0 ||
		    strncmp(p, "　", 3) == 0) {
			buf_putc(&b, ' ');
			p += 3;
		} else {
			buf_putc(&b, *p++);
		}
	}
	for (char *save = NULL, *t = strtok_r(b.p, ", \t", &save);
	     t && e->nlanguages < EXPERT_MAX_LANGUAGES; t = strtok_r(NULL, ", \t", &save))
		e->languages[e->nlanguages++] = t;
}

/* One conflict of interest per line of the form. */
static int split_conflicts(struct req *r, struct expert *e, struct field_error *err)
{
	static const struct field_spec opt = {"conflicts", FT_TEXT, false, 0, 100, NULL};
	char *lines = arena_strdup(r->a, input_form_value(r, "conflicts"));
	for (char *save = NULL, *t = strtok_r(lines, "\r\n", &save); t;
	     t = strtok_r(NULL, "\r\n", &save)) {
		struct raw_value raw = {RAW_STRING, t, strlen(t), 0};
		struct field_val cv;
		if (validate_field(&opt, &raw, r->a, &cv, err) < 0)
			return KK_INVALID;
		if (!cv.present)
			continue;
		if (e->nconflicts == EXPERT_MAX_CONFLICTS)
			return fail(err, "conflicts", "too_many", EXPERT_MAX_CONFLICTS);
		e->conflicts[e->nconflicts++] = cv.s;
	}
	return 0;
}

/* Keep the first error; go on with the other fields so a form shows everything again. */
static void keep_first(int rc, const struct field_error *got, int *first, struct field_error *err)
{
	if (rc < 0 && *first == KK_OK) {
		*first = KK_INVALID;
		*err = *got;
	}
}

static int parse_scalars(struct req *r, const struct expert *current, struct expert *e,
                         struct field_error *err)
{
	struct field_val v[S__MAX];
	int rc = KK_OK;
	for (int i = 0; i < S__MAX; i++) {
		struct raw_value raw = input_raw(r, scalar_fields[i].name);
		struct field_error got = {0};
		v[i].present = false;
		keep_first(validate_field(&scalar_fields[i], &raw, r->a, &v[i], &got), &got, &rc,
		           err);
	}
	e->display_name = v[S_NAME].present ? v[S_NAME].s : NULL;
	e->prefecture = v[S_PREF].present ? v[S_PREF].s : NULL;
	e->remote = flag(&v[S_REMOTE]);
	e->hours_per_week = v[S_HOURS].present ? (int)v[S_HOURS].n : 0;
	e->on_call = flag(&v[S_ONCALL]);
	e->bio = v[S_BIO].present ? v[S_BIO].s : "";
	e->employer = v[S_EMPLOYER].present ? v[S_EMPLOYER].s : "";
	e->employer_supports = flag(&v[S_SUPPORTS]);
	if (v[S_BACKGROUND].present) {
		const struct tax_item *bg = taxonomy_background(v[S_BACKGROUND].s);
		struct field_error got = {0};
		if (!bg)
			keep_first(fail(&got, "background", "choice", 0), &got, &rc, err);
		else
			e->background = bg->code;
	}
	if (flag(&v[S_ETHICS]))
		e->ethics_accepted_at =
		    current && current->ethics_accepted_at ? current->ethics_accepted_at : db_now();
	return rc;
}

static int parse_lists(struct req *r, struct expert *e, struct field_error *err)
{
	static const struct field_spec pref = {"serves", FT_PREF, true, 0, 0, NULL};
	static const struct field_spec code = {"roles", FT_TEXT, true, 1, 24, NULL};
	static const struct field_spec mode = {"modes", FT_TEXT, true, 1, 10, NULL};
	static const struct field_spec lang = {"languages", FT_TEXT, true, 2, 12, NULL};
	static const struct field_spec conflict = {"conflicts", FT_TEXT, true, 1, 100, NULL};
	const char *modes[4], *roles[EXPERT_MAX_ROLES];
	int rc = KK_OK, n;
	struct field_error got = {0};
	if ((n = list(r, "serves", &pref, e->serves, EXPERT_MAX_SERVES, &got)) < 0)
		keep_first(n, &got, &rc, err);
	e->nserves = n < 0 ? 0 : n;
	if ((n = list(r, "roles", &code, roles, EXPERT_MAX_ROLES, &got)) < 0)
		keep_first(n, &got, &rc, err);
	for (int i = 0; i < n; i++) {
		const struct tax_item *ro = taxonomy_role(roles[i]);
		if (ro)
			e->roles[e->nroles++] = ro->code;
		else
			keep_first(fail(&got, "roles", "choice", 0), &got, &rc, err);
	}
	if ((n = list(r, "modes", &mode, modes, 4, &got)) < 0)
		keep_first(n, &got, &rc, err);
	for (int i = 0; i < n; i++) {
		if (strcmp(modes[i], "remote") == 0)
			e->modes |= MODE_REMOTE;
		else if (strcmp(modes[i], "onsite") == 0)
			e->modes |= MODE_ONSITE;
		else
			keep_first(fail(&got, "modes", "choice", 0), &got, &rc, err);
	}
	if (r->json) {
		if ((n = list(r, "languages", &lang, e->languages, EXPERT_MAX_LANGUAGES, &got)) < 0)
			keep_first(n, &got, &rc, err);
		e->nlanguages = n < 0 ? 0 : n;
		if ((n = list(r, "conflicts", &conflict, e->conflicts, EXPERT_MAX_CONFLICTS,
		              &got)) < 0)
			keep_first(n, &got, &rc, err);
		e->nconflicts = n < 0 ? 0 : n;
	} else {
		split_languages(r, e);
		keep_first(split_conflicts(r, e, &got), &got, &rc, err);
	}
	for (int i = 0; i < e->nlanguages; i++)
		if (!language_tag_ok(e->languages[i]))
			keep_first(fail(&got, "languages", "format", 0), &got, &rc, err);
	if (e->nlanguages == 0) {
		e->languages[0] = "ja";
		e->nlanguages = 1;
	}
	return rc;
}

int expert_parse(struct req *r, const struct expert *current, struct expert *e,
                 struct field_error *err)
{
	int64_t id = e->id;
	memset(e, 0, sizeof *e);
	e->id = id;
	if (current)
		memcpy(e->vis, current->vis, sizeof e->vis);
	else
		expert_default_visibility(e->vis);
	int rc = KK_OK;
	struct field_error got = {0};
	keep_first(parse_scalars(r, current, e, &got), &got, &rc, err);
	keep_first(parse_lists(r, e, &got), &got, &rc, err);
	keep_first(parse_skills(r, e, &got), &got, &rc, err);
	keep_first(parse_visibility(r, e, &got), &got, &rc, err);
	return rc;
}

int expert_caller_level(struct req *r, int64_t id)
{
	if (!r->user)
		return VIS_PUBLIC;
	return vis_caller_level(true, (r->user->role & (ROLE_DESK | ROLE_ADMIN)) != 0,
	                        r->user->id == id);
}

static json_t *strings(const char *const *list, int n)
{
	json_t *a = json_array();
	for (int i = 0; i < n; i++)
		json_array_append_new(a, json_string(list[i]));
	return a;
}

json_t *expert_json(const struct expert *e, int level)
{
	json_t *skills = json_array();
	for (int i = 0; i < e->nskills; i++)
		json_array_append_new(skills, json_pack("{s:s,s:i}", "code", e->skills[i].code,
		                                        "level", e->skills[i].level));
	json_t *j = json_pack("{s:I,s:s,s:s,s:o,s:b,s:o,s:o}", "id", (json_int_t)e->id,
	                      "display_name", e->display_name, "prefecture", e->prefecture,
	                      "serves", strings(e->serves, e->nserves), "remote", e->remote,
	                      "skills", skills, "roles", strings(e->roles, e->nroles));
	if (e->cert.number) {
		json_t *c = json_pack("{s:s,s:s,s:s}", "status", e->cert.status, "level",
		                      e->cert.level, "expires_on", e->cert.expires_on);
		/* public, as the verification by number is: a company checks what it is shown */
		json_object_set_new(c, "number", json_string(e->cert.number));
		json_object_set_new(j, "certificate", c);
	} else {
		json_object_set_new(j, "certificate", json_null());
	}
	if (e->vis[VF_MODES] <= level) {
		const char *m[2];
		int n = 0;
		if (e->modes & MODE_REMOTE)
			m[n++] = "remote";
		if (e->modes & MODE_ONSITE)
			m[n++] = "onsite";
		json_object_set_new(j, "modes", strings(m, n));
	}
	if (e->vis[VF_HOURS] <= level)
		json_object_set_new(j, "hours_per_week", json_integer(e->hours_per_week));
	if (e->vis[VF_ON_CALL] <= level)
		json_object_set_new(j, "on_call", json_boolean(e->on_call));
	if (e->vis[VF_LANGUAGES] <= level)
		json_object_set_new(j, "languages", strings(e->languages, e->nlanguages));
	if (e->vis[VF_BIO] <= level)
		json_object_set_new(j, "bio", json_string(e->bio));
	if (e->vis[VF_EMPLOYER] <= level)
		json_object_set_new(j, "employer", json_string(e->employer));
	if (e->vis[VF_EMPLOYER_SUPPORTS] <= level)
		json_object_set_new(j, "employer_supports", json_boolean(e->employer_supports));
	if (e->vis[VF_BACKGROUND] <= level)
		json_object_set_new(j, "background",
		                    e->background ? json_string(e->background) : json_null());
	if (e->vis[VF_CONFLICTS] <= level)
		json_object_set_new(j, "conflicts", strings(e->conflicts, e->nconflicts));
	if (e->vis[VF_ETHICS] <= level) {
		json_object_set_new(j, "ethics_accepted", json_boolean(e->ethics_accepted_at != 0));
		if (e->ethics_accepted_at) {
			char d[11];
			date_jst(e->ethics_accepted_at, d);
			json_object_set_new(j, "ethics_accepted_on", json_string(d));
		}
	}
	if (level == VIS_PRIVATE) {
		json_t *vis = json_object();
		for (int f = 0; f < VF__MAX; f++)
			json_object_set_new(vis, vis_field_names[f],
			                    json_string(vis_level_names[e->vis[f]]));
		json_object_set_new(j, "visibility", vis);
		json_object_set_new(j, "hidden", json_boolean(e->hidden));
	}
	return j;
}

void expert_audit_desk_view(struct req *r, const struct expert *e, int level)
{
	if (level != VIS_DESKS)
		return;
	for (int f = 0; f < VF__MAX; f++) {
		if (e->vis[f] == VIS_DESKS) {
			audit_add(r->db, "desk_fields_viewed", e->id, r->user->id, r->ip, NULL);
			return;
		}
	}
}

int expert_visible(struct req *r, int64_t id, struct expert *e)
{
	int rc = id > 0 ? experts_get(r->db, r->a, id, e) : KK_NOTFOUND;
	if (rc == KK_OK && e->hidden &&
	    !(r->user && (r->user->id == id || (r->user->role & ROLE_ADMIN))))
		rc = KK_NOTFOUND;
	return rc;
}

bool expert_load_or_reply(struct req *r, int64_t id, struct expert *e)
{
	int rc = expert_visible(r, id, e);
	if (rc != KK_OK)
		reply_result(r, rc, NULL);
	return rc == KK_OK;
}

const char *tax_label(struct req *r, const char *code)
{
	const struct tax_skill *s = taxonomy_skill(code);
	if (s)
		return strcmp(r->lang, "en") == 0 ? s->name_en : s->name_ja;
	const struct tax_item *it = taxonomy_role(code);
	if (!it)
		it = taxonomy_background(code);
	return it ? (strcmp(r->lang, "en") == 0 ? it->name_en : it->name_ja) : code;
}
