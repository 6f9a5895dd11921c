/* experts_api.c — the registry's JSON API: taxonomy, expert profiles, directory search. */
#include "app/experts_csv.h"
#include "app/course_view.h"
#include "app/errors.h"
#include "app/experts.h"
#include "app/handlers.h"
#include "app/registry.h"
#include "store/audit.h"
#include "store/prefectures.h"
#include "store/taxonomy.h"

#include <pthread.h>
#include <stdlib.h>
#include <string.h>

static pthread_once_t tax_once = PTHREAD_ONCE_INIT;
static char *tax_json;

static json_t *items_json(const struct tax_item *items, int n)
{
	json_t *a = json_array();
	for (int i = 0; i < n; i++)
		json_array_append_new(a,
		                      json_pack("{s:s,s:s,s:s}", "code", items[i].code, "name_ja",
		                                items[i].name_ja, "name_en", items[i].name_en));
	return a;
}

static void build_taxonomy(void)
{
	const struct taxonomy *t = taxonomy();
	if (!t)
		return;
	json_t *skills = json_array();
	for (int i = 0; i < t->nskills; i++) {
		const struct tax_skill *s = &t->skills[i];
		json_t *levels = json_array(), *levels_en = json_array();
		for (int l = 0; l < 4; l++) {
			json_array_append_new(levels, json_string(s->level_ja[l]));
			json_array_append_new(levels_en, json_string(s->level_en[l]));
		}
		json_array_append_new(skills, json_pack("{s:s,s:s,s:s,s:s,s:o,s:o}", "code",
		                                        s->code, "group", s->group, "name_ja",
		                                        s->name_ja, "name_en", s->name_en, "levels",
		                                        levels, "levels_en", levels_en));
	}
	json_t *j =
	    json_pack("{s:o,s:o,s:o,s:o}", "skills", skills, "groups",
	              items_json(t->groups, t->ngroups), "roles", items_json(t->roles, t->nroles),
	              "backgrounds", items_json(t->backgrounds, t->nbackgrounds));
	tax_json = json_dumps(j, JSON_COMPACT);
	json_decref(j);
}

void api_taxonomy(struct req *r)
{
	pthread_once(&tax_once, build_taxonomy);
	if (!tax_json) {
		reply_error(r, 500, "internal");
		return;
	}
	req_add_header(r, "Cache-Control", "public, max-age=3600");
	reply_text(r, 200, "application/json", tax_json, strlen(tax_json));
}

void api_experts_put_me(struct req *r)
{
	struct expert current, e = {.id = r->user->id};
	int found = experts_get(r->db, r->a, r->user->id, &current);
	if (found == KK_ERR) {
		reply_error(r, 500, "internal");
		return;
	}
	struct field_error err = {0};
	if (expert_parse(r, found == KK_OK ? &current : NULL, &e, &err) < 0) {
		reply_invalid(r, &err);
		return;
	}
	if (db_begin(r->db) < 0 || experts_save(r->db, &e) < 0 || db_commit(r->db) < 0) {
		db_rollback(r->db);
		reply_error(r, 500, "internal");
		return;
	}
	reply_json(r, found == KK_OK ? 200 : 201, json_pack("{s:I}", "id", (json_int_t)e.id));
}

void api_experts_get(struct req *r)
{
	struct expert e;
	if (!expert_load_or_reply(r, req_param_id(r, 0), &e))
		return;
	int level = expert_caller_level(r, e.id);
	expert_audit_desk_view(r, &e, level);
	json_t *j = expert_json(&e, level);
	json_t *course = e.vis[VF_MODULES] <= level ? course_json(r, e.id, &e) : NULL;
	if (course)
		json_object_set_new(j, "course", course);
	reply_json(r, 200, j);
}

static const char *const tier_names[] = {"same", "neighbour", "block", "remote"};

/* Parse the directory's query string; replies 400 and returns false on a bad value. */
bool expert_query_or_reply(struct req *r, struct expert_query *q, int *page)
{
	memset(q, 0, sizeof *q);
	q->on_call = q->certified = -1;
	q->limit = DIRECTORY_PAGE;
	struct field_error err = {0};
	const char *v;
	if ((v = req_query(r, "pref")) && *v) {
		if (!prefecture_by_code(v))
			err = (struct field_error){"pref", "choice", 0};
		q->pref = v;
	}
	v = req_query(r, "near");
	q->near = v && (strcmp(v, "1") == 0 || strcmp(v, "true") == 0);
	if ((v = req_query(r, "skill")) && *v) {
		if (!taxonomy_skill(v))
			err = (struct field_error){"skill", "choice", 0};
		q->skill = v;
	}
	if ((v = req_query(r, "min_level")) && *v) {
		q->min_level = atoi(v);
		if (strlen(v) != 1 || q->min_level < 1 || q->min_level > 4)
			err = (struct field_error){"min_level", "range", 4};
	}
	if ((v = req_query(r, "role")) && *v) {
		if (!taxonomy_role(v))
			err = (struct field_error){"role", "choice", 0};
		q->role = v;
	}
	if ((v = req_query(r, "mode")) && *v) {
		q->mode = strcmp(v, "remote") == 0   ? MODE_REMOTE
		          : strcmp(v, "onsite") == 0 ? MODE_ONSITE
		                                     : 0;
		if (!q->mode)
			err = (struct field_error){"mode", "choice", 0};
	}
	static const char *const names[2] = {"on_call", "certified"};
	int *flags[2] = {&q->on_call, &q->certified};
	for (int i = 0; i < 2; i++) {
		if ((v = req_query(r, names[i])) && *v) {
			*flags[i] = strcmp(v, "1") == 0 || strcmp(v, "true") == 0    ? 1
			            : strcmp(v, "0") == 0 || strcmp(v, "false") == 0 ? 0
			                                                             : -2;
			if (*flags[i] == -2)
				err = (struct field_error){names[i], "type", 0};
		}
	}
	if ((v = req_query(r, "q")) && *v) {
		long chars = utf8_length(v, strlen(v));
		if (chars < 0)
			err = (struct field_error){"q", "utf8", 0};
		else if (chars > 100)
			err = (struct field_error){"q", "too_long", 100};
		q->q = v;
	}
	*page = 1;
	if ((v = req_query(r, "page")) && *v) {
		char *end;
		long p = strtol(v, &end, 10);
		if (*end || p < 1 || p > 10000)
			err = (struct field_error){"page", "range", 10000};
		else
			*page = (int)p;
	}
	q->offset = (*page - 1) * DIRECTORY_PAGE;
	/* Filters on fields with a visibility use what the caller may see of anyone. */
	q->caller_level = !r->user                                     ? VIS_PUBLIC
	                  : (r->user->role & (ROLE_DESK | ROLE_ADMIN)) ? VIS_DESKS
	                                                               : VIS_USERS;
	if (err.field) {
		reply_invalid(r, &err);
		return false;
	}
	return true;
}

/* Run the query on the registry in memory; ids, tiers and the total. In lists, desk-only
 * fields are never shown (so nothing there needs auditing): the profile page shows them. */
int expert_directory(struct req *r, const struct expert_query *q, struct expert **out,
                     int64_t *total)
{
	int64_t ids[DIRECTORY_PAGE];
	int tiers[DIRECTORY_PAGE], n = 0;
	if (registry_search(r->db, q, ids, tiers, &n, total) < 0)
		return -1;
	*out = arena_alloc(r->a, sizeof **out * DIRECTORY_PAGE);
	int k = 0;
	for (int i = 0; i < n; i++) {
		if (registry_get_held(r->a, ids[i], &(*out)[k]) == KK_OK) {
			(*out)[k].tier = tiers[i];
			k++;
		}
	}
	return k;
}

bool expert_directory_or_reply(struct req *r, struct directory *d)
{
	if (!expert_query_or_reply(r, &d->q, &d->page))
		return false;
	d->n = expert_directory(r, &d->q, &d->list, &d->total);
	if (d->n < 0)
		reply_error(r, 500, "internal");
	return d->n >= 0;
}

/* Each listed expert's JSON, kept per expert, level and registry version: a page of the
 * directory is put together from these instead of building and printing every profile
 * again. A slot holds one; a changed profile has a new version and is made again. */
#define FRAGMENTS 8192
struct fragment {
	int64_t id, version;
	int level;
	char *json;
};
static struct fragment fragments[FRAGMENTS];
static pthread_mutex_t fragments_lock = PTHREAD_MUTEX_INITIALIZER;

static const char *expert_fragment(struct req *r, const struct expert *e, int level)
{
	struct fragment *f = &fragments[(size_t)(e->id * 2 + level) % FRAGMENTS];
	const char *out = NULL;
	pthread_mutex_lock(&fragments_lock);
	if (e->version && f->json && f->id == e->id && f->version == e->version &&
	    f->level == level)
		out = arena_strdup(r->a, f->json);
	pthread_mutex_unlock(&fragments_lock);
	if (out)
		return out;
	json_t *j = expert_json(e, level);
	char *s = j ? json_dumps(j, JSON_COMPACT) : NULL;
	json_decref(j);
	if (!s)
		return NULL;
	out = arena_strdup(r->a, s);
	if (!e->version) {
		free(s);
		return out;
	}
	pthread_mutex_lock(&fragments_lock);
	free(f->json);
	*f = (struct fragment){e->id, e->version, level, s};
	pthread_mutex_unlock(&fragments_lock);
	return out;
}

void api_experts_list(struct req *r)
{
	struct directory d;
	if (!expert_directory_or_reply(r, &d))
		return;
	struct buf b;
	buf_init(&b, r->a);
	buf_printf(&b, "{\"total\":%lld,\"page\":%d,\"per_page\":%d,\"experts\":[",
	           (long long)d.total, d.page, DIRECTORY_PAGE);
	for (int i = 0; i < d.n; i++) {
		int level = expert_caller_level(r, d.list[i].id);
		const char *j =
		    expert_fragment(r, &d.list[i], level < VIS_USERS ? level : VIS_USERS);
		if (!j) {
			reply_error(r, 500, "internal");
			return;
		}
		size_t len = strlen(j);
		if (i)
			buf_putc(&b, ',');
		if (d.q.pref) /* the object, then its distance before the closing brace */
			buf_printf(&b, "%.*s,\"distance\":\"%s\"}", (int)(len - 1), j,
			           tier_names[d.list[i].tier]);
		else
			buf_puts(&b, j);
	}
	buf_puts(&b, "]}");
	reply_text(r, 200, "application/json", b.p, b.len);
}

void api_experts_csv(struct req *r)
{
	struct buf out;
	buf_init(&out, r->a);
	if (experts_csv_export(r->db, &out) != KK_OK) {
		reply_error(r, 500, "internal");
		return;
	}
	audit_add(r->db, "experts_exported", 0, r->user->id, r->ip, NULL);
	req_add_header(r, "Content-Disposition", "attachment; filename=\"kakekomi-experts.csv\"");
	reply_text(r, 200, "text/csv; charset=utf-8", out.p, out.len);
}
