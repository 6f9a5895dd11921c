#include "app/errors.h"
#include "view/layout.h"
#include "app/csv.h"
#include "app/experts_csv.h"
#include "util/progress.h"
#include "app/accounts.h"
#include "app/experts.h"
#include "domain/date.h"
#include "store/experts.h"
#include "store/taxonomy.h"
#include "view/i18n.h"

#include <csv.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>

enum col {
	C_EMAIL,
	C_NAME,
	C_PREF,
	C_SERVES,
	C_REMOTE,
	C_SKILLS,
	C_ROLES,
	C_MODES,
	C_HOURS,
	C_ONCALL,
	C_LANGS,
	C_BIO,
	C_EMPLOYER,
	C_SUPPORTS,
	C_BACKGROUND,
	C_CONFLICTS,
	C_ETHICS,
	C_VISIBILITY,
	C_HIDDEN,
	C__MAX
};

static const char *const columns[C__MAX] = {"email",
                                            "display_name",
                                            "prefecture",
                                            "serves",
                                            "remote",
                                            "skills",
                                            "roles",
                                            "modes",
                                            "hours_per_week",
                                            "on_call",
                                            "languages",
                                            "bio",
                                            "employer",
                                            "employer_supports",
                                            "background",
                                            "conflicts",
                                            "ethics_accepted_on",
                                            "visibility",
                                            "hidden"};

/* ---- export ---- */

static const char *list(struct arena *a, const char *const *items, int n, const char *sep)
{
	struct buf b;
	buf_init(&b, a);
	for (int i = 0; i < n; i++) {
		if (i)
			buf_puts(&b, sep);
		buf_puts(&b, items[i]);
	}
	return b.p;
}

static void export_row(struct buf *out, struct arena *a, const struct account *acc,
                       const struct expert *e)
{
	const char *v[C__MAX];
	bool hide[VF__MAX];
	for (int f = 0; f < VF__MAX; f++)
		hide[f] = e->vis[f] == VIS_PRIVATE;
	struct buf skills, vis;
	buf_init(&skills, a);
	for (int i = 0; i < e->nskills; i++)
		buf_printf(&skills, "%s%s:%d", i ? " " : "", e->skills[i].code, e->skills[i].level);
	buf_init(&vis, a);
	for (int f = 0; f < VF__MAX; f++)
		buf_printf(&vis, "%s%s=%s", f ? " " : "", vis_field_names[f],
		           vis_level_names[e->vis[f]]);
	char ethics[11] = "";
	if (e->ethics_accepted_at)
		date_jst(e->ethics_accepted_at, ethics);
	const char *modes = (e->modes & MODE_REMOTE) && (e->modes & MODE_ONSITE) ? "remote onsite"
	                    : (e->modes & MODE_REMOTE)                           ? "remote"
	                    : (e->modes & MODE_ONSITE)                           ? "onsite"
	                                                                         : "";
	v[C_EMAIL] = acc->email;
	v[C_NAME] = e->display_name;
	v[C_PREF] = e->prefecture;
	v[C_SERVES] = list(a, e->serves, e->nserves, " ");
	v[C_REMOTE] = e->remote ? "1" : "0";
	v[C_SKILLS] = skills.p;
	v[C_ROLES] = list(a, e->roles, e->nroles, " ");
	v[C_MODES] = hide[VF_MODES] ? "" : modes;
	v[C_HOURS] = hide[VF_HOURS] ? "" : arena_printf(a, "%d", e->hours_per_week);
	v[C_ONCALL] = hide[VF_ON_CALL] ? "" : e->on_call ? "1" : "0";
	v[C_LANGS] = hide[VF_LANGUAGES] ? "" : list(a, e->languages, e->nlanguages, " ");
	v[C_BIO] = hide[VF_BIO] ? "" : e->bio;
	v[C_EMPLOYER] = hide[VF_EMPLOYER] ? "" : e->employer;
	v[C_SUPPORTS] = hide[VF_EMPLOYER_SUPPORTS] ? "" : e->employer_supports ? "1" : "0";
	v[C_BACKGROUND] = hide[VF_BACKGROUND] || !e->background ? "" : e->background;
	v[C_CONFLICTS] = list(a, e->conflicts, e->nconflicts, "; ");
	v[C_ETHICS] = hide[VF_ETHICS] ? "" : arena_strdup(a, ethics);
	v[C_VISIBILITY] = vis.p;
	v[C_HIDDEN] = e->hidden ? "1" : "0";
	for (int c = 0; c < C__MAX; c++)
		csv_cell(out, v[c], c == C__MAX - 1);
}

int experts_csv_export(struct db *db, struct buf *out)
{
	csv_bom(out);
	for (int c = 0; c < C__MAX; c++)
		csv_cell(out, columns[c], c == C__MAX - 1);
	int64_t ids[500], after = 0;
	int n;
	while ((n = experts_ids_after(db, after, ids, 500)) > 0) {
		for (int i = 0; i < n; i++) {
			/* A scratch arena per row keeps a 100,000-row export small. */
			struct arena *row = arena_new();
			struct account acc;
			struct expert e;
			if (accounts_by_id(db, row, ids[i], &acc) == KK_OK &&
			    experts_get(db, row, ids[i], &e) == KK_OK) {
				struct buf line;
				buf_init(&line, row);
				export_row(&line, row, &acc, &e);
				buf_add(out, line.p, line.len);
			}
			arena_free(row);
		}
		after = ids[n - 1];
	}
	return n < 0 ? KK_ERR : KK_OK;
}

/* ---- import ---- */

static json_t *words(struct arena *a, const char *s, const char *seps)
{
	json_t *arr = json_array();
	char *copy = arena_strdup(a, s);
	for (char *save = NULL, *t = strtok_r(copy, seps, &save); t;
	     t = strtok_r(NULL, seps, &save)) {
		while (*t == ' ')
			t++;
		size_t n = strlen(t);
		while (n && t[n - 1] == ' ')
			t[--n] = '\0';
		if (*t)
			json_array_append_new(arr, json_string(t));
	}
	return arr;
}

static void set_flag(json_t *o, const char *key, const char *v)
{
	if (!*v)
		return;
	if (strcmp(v, "1") == 0 || strcmp(v, "0") == 0)
		json_object_set_new(o, key, json_boolean(v[0] == '1'));
	else
		json_object_set_new(o, key, json_string(v)); /* the validator names it */
}

/* The row as the API's JSON body, so the same rules check both. */
static json_t *row_json(struct arena *a, char **v, struct field_error *err)
{
	json_t *o = json_object();
	json_object_set_new(o, "display_name", json_string(v[C_NAME]));
	json_object_set_new(o, "prefecture", json_string(v[C_PREF]));
	json_object_set_new(o, "serves", words(a, v[C_SERVES], " "));
	set_flag(o, "remote", v[C_REMOTE]);
	json_t *skills = json_array();
	json_t *items = words(a, v[C_SKILLS], " ");
	size_t i;
	json_t *it;
	json_array_foreach(items, i, it)
	{
		const char *s = json_string_value(it), *colon = strchr(s, ':');
		char *end;
		long level = colon ? strtol(colon + 1, &end, 10) : 0;
		if (!colon || *end || colon == s) {
			*err = (struct field_error){"skills", "format", 0};
			json_decref(items);
			json_decref(skills);
			json_decref(o);
			return NULL;
		}
		json_array_append_new(skills,
		                      json_pack("{s:s%,s:I}", "code", s, (size_t)(colon - s),
		                                "level", (json_int_t)level));
	}
	json_decref(items);
	json_object_set_new(o, "skills", skills);
	json_object_set_new(o, "roles", words(a, v[C_ROLES], " "));
	json_object_set_new(o, "modes", words(a, v[C_MODES], " "));
	if (*v[C_HOURS]) {
		char *end;
		long h = strtol(v[C_HOURS], &end, 10);
		json_object_set_new(o, "hours_per_week",
		                    *end ? json_string(v[C_HOURS]) : json_integer(h));
	}
	set_flag(o, "on_call", v[C_ONCALL]);
	json_object_set_new(o, "languages", words(a, v[C_LANGS], " "));
	json_object_set_new(o, "bio", json_string(v[C_BIO]));
	json_object_set_new(o, "employer", json_string(v[C_EMPLOYER]));
	set_flag(o, "employer_supports", v[C_SUPPORTS]);
	if (*v[C_BACKGROUND])
		json_object_set_new(o, "background", json_string(v[C_BACKGROUND]));
	json_object_set_new(o, "conflicts", words(a, v[C_CONFLICTS], ";"));
	json_object_set_new(o, "ethics_accepted", json_boolean(*v[C_ETHICS] != 0));
	json_t *vis = json_object();
	json_t *pairs = words(a, v[C_VISIBILITY], " ");
	json_array_foreach(pairs, i, it)
	{
		const char *s = json_string_value(it), *eq = strchr(s, '=');
		if (!eq) {
			*err = (struct field_error){"visibility", "format", 0};
			json_decref(pairs);
			json_decref(vis);
			json_decref(o);
			return NULL;
		}
		json_object_set_new(vis, arena_strndup(a, s, (size_t)(eq - s)),
		                    json_string(eq + 1));
	}
	json_decref(pairs);
	json_object_set_new(o, "visibility", vis);
	return o;
}

struct checked {
	const char *email;
	struct expert e;
	bool hidden;
	int line;
};

static void bad_row(struct buf *report, struct req *fake, int line, const struct field_error *err)
{
	buf_printf(report, "line %d: %s: %s\n", line, err->field, field_error_message(fake, err));
}

int experts_csv_import(struct db *db, struct arena *a, const char *data, size_t len,
                       const char *lang, struct buf *report)
{
	struct req fake = {.a = a, .lang = lang};
	struct csv_row *header;
	int rows = csv_read(a, data, len, C__MAX + 8, &header, report);
	if (rows < 0)
		return -1;
	if (!header || header->nfields != C__MAX) {
		buf_printf(report, "line 1: the header must be the %d columns:", C__MAX);
		for (int c = 0; c < C__MAX; c++)
			buf_printf(report, " %s", columns[c]);
		buf_putc(report, '\n');
		return -1;
	}
	for (int c = 0; c < C__MAX; c++) {
		if (strcmp(header->fields[c], columns[c]) != 0) {
			buf_printf(report, "line 1: column %d must be %s, not %s\n", c + 1,
			           columns[c], header->fields[c]);
			return -1;
		}
	}
	int nrows = rows - 1, bad = 0, k = 0;
	struct checked *ok = arena_alloc(a, sizeof *ok * (size_t)(nrows > 0 ? nrows : 1));
	struct progress bar;
	progress_start(&bar, "rows checked", nrows);
	long seen = 0;
	for (struct csv_row *r = header->next; r; r = r->next) {
		struct field_error err = {0};
		progress_step(&bar, ++seen);
		if (r->nfields != C__MAX) {
			buf_printf(report, "line %d: %d columns instead of %d\n", r->line,
			           r->nfields, C__MAX);
			bad++;
			continue;
		}
		struct raw_value raw = {RAW_STRING, r->fields[C_EMAIL], strlen(r->fields[C_EMAIL]),
		                        0};
		struct field_val email;
		struct account existing;
		if (validate_field(&signup_fields[SU_EMAIL], &raw, a, &email, &err) < 0) {
			bad_row(report, &fake, r->line, &err);
			bad++;
			continue;
		}
		bool dup = accounts_by_email(db, a, email.s, &existing) == KK_OK;
		for (int j = 0; j < k; j++)
			dup |= strcmp(ok[j].email, email.s) == 0;
		if (dup) {
			err = (struct field_error){"email", "taken", 0};
			bad_row(report, &fake, r->line, &err);
			bad++;
			continue;
		}
		json_t *body = row_json(a, r->fields, &err);
		if (!body) {
			bad_row(report, &fake, r->line, &err);
			bad++;
			continue;
		}
		fake.json = body;
		struct checked *c = &ok[k];
		c->e.id = 0;
		int rc = expert_parse(&fake, NULL, &c->e, &err);
		json_decref(body);
		fake.json = NULL;
		if (rc < 0) {
			bad_row(report, &fake, r->line, &err);
			bad++;
			continue;
		}
		if (*r->fields[C_ETHICS]) {
			if (!date_valid(r->fields[C_ETHICS])) {
				err = (struct field_error){"ethics_accepted_on", "format", 0};
				bad_row(report, &fake, r->line, &err);
				bad++;
				continue;
			}
			struct tm tm = {0};
			sscanf(r->fields[C_ETHICS], "%d-%d-%d", &tm.tm_year, &tm.tm_mon,
			       &tm.tm_mday);
			tm.tm_year -= 1900;
			tm.tm_mon -= 1;
			tm.tm_hour = 3; /* noon in Japan */
			c->e.ethics_accepted_at = (int64_t)timegm(&tm);
		}
		c->email = email.s;
		c->hidden = strcmp(r->fields[C_HIDDEN], "1") == 0;
		c->line = r->line;
		k++;
	}
	progress_end(&bar);
	if (bad)
		return -1;
	if (db_begin(db) < 0)
		return -1;
	for (int i = 0; i < k; i++) {
		int64_t id;
		if (accounts_create(db, ok[i].email, "!", ok[i].e.display_name, "expert",
		                    ok[i].e.prefecture, &id) != KK_OK) {
			buf_printf(report, "line %d: cannot be written\n", ok[i].line);
			db_rollback(db);
			return -1;
		}
		ok[i].e.id = id;
		if (experts_save(db, &ok[i].e) != KK_OK ||
		    (ok[i].hidden && experts_set_hidden(db, id, true, "import") != KK_OK)) {
			buf_printf(report, "line %d: cannot be written\n", ok[i].line);
			db_rollback(db);
			return -1;
		}
	}
	if (db_commit(db) < 0) {
		db_rollback(db);
		return -1;
	}
	return k;
}
