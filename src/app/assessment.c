/* assessment.c — the self-assessment's logic; see assessment.h. */
#include "app/assessment.h"
#include "app/qa.h"
#include "app/requests.h"
#include "domain/prefecture.h"
#include "domain/token.h"
#include "http/input.h"
#include "store/desks.h"
#include "view/i18n.h"

#include <jansson.h>
#include <pthread.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#define COOKIE     "kk_assess"
#define DRAFT_DAYS 7

const char *assessment_token(struct req *r, bool create)
{
	const char *t = req_cookie(r, COOKIE);
	if (t && strlen(t) == TOKEN_TEXT - 1)
		return t;
	if (!create)
		return NULL;
	char *fresh = arena_alloc(r->a, TOKEN_TEXT);
	token_new(fresh);
	req_set_cookie(r, COOKIE, fresh, DRAFT_DAYS * 86400L);
	return fresh;
}

static bool token_hash_of(struct req *r, bool create, unsigned char hash[TOKEN_HASH])
{
	const char *t = assessment_token(r, create);
	return t && token_hash(t, hash);
}

int assessment_load_items(struct req *r, struct assessment_view *v)
{
	int version = assessment_version(r->db);
	v->nitems = assessment_items(r->db, r->a, version, r->lang, v->items, ASSESSMENT_MAX_ITEMS);
	v->s.version = version;
	return v->nitems > 0 ? KK_OK : KK_ERR;
}

/* The answers saved under hash as a JSON object (empty when none); the caller decrefs. */
static json_t *progress_of(struct req *r, const unsigned char *hash)
{
	const char *saved = hash ? assessment_progress_get(r->db, r->a, hash) : NULL;
	json_t *j = saved ? json_loads(saved, 0, NULL) : NULL;
	if (json_is_object(j))
		return j;
	json_decref(j);
	return json_object();
}

json_t *assessment_progress(struct req *r)
{
	unsigned char hash[TOKEN_HASH];
	return progress_of(r, token_hash_of(r, false, hash) ? hash : NULL);
}

int assessment_save_step(struct req *r, int fn, struct field_error *why)
{
	struct assessment_view *v = arena_alloc(r->a, sizeof *v);
	if (assessment_load_items(r, v) != KK_OK)
		return KK_ERR;
	unsigned char hash[TOKEN_HASH];
	if (!token_hash_of(r, true, hash))
		return KK_ERR;
	json_t *progress = progress_of(r, hash);
	for (int i = 0; i < v->nitems; i++) {
		const struct assessment_item *it = &v->items[i];
		if (assessment_function_index(it->function) != fn)
			continue;
		struct field_spec spec = {it->code, FT_ENUM, true, 0, 0, assessment_answer_codes};
		struct field_val val;
		if (input_read(r, &spec, 1, &val, why) < 0) {
			why->code = "unanswered"; /* beside the item: one answer, from the list */
			json_decref(progress);
			return KK_INVALID;
		}
		json_object_set_new(progress, it->code, json_string(val.s));
	}
	char *text = json_dumps(progress, JSON_COMPACT | JSON_SORT_KEYS);
	json_decref(progress);
	int rc = text ? assessment_progress_put(r->db, hash, text) : KK_ERR;
	free(text);
	return rc;
}

/* The peer groups of a company, widest last: size within industry, industry, block, all. */
static int company_groups(struct req *r, int64_t company_id, const char *groups[5])
{
	struct company c;
	if (companies_get(r->db, r->a, company_id, &c) != KK_OK)
		return 0;
	char(*codes)[ASSESSMENT_GROUP_TEXT] = arena_alloc(r->a, ASSESSMENT_GROUPS * sizeof *codes);
	int n = assessment_groups(c.industry, c.employees, c.prefecture, codes);
	for (int i = 0; i < n; i++)
		groups[i] = codes[i];
	return n;
}

/* Count the company's latest assessment in its peer groups if it consents, and nothing
 * else of it. Inside the caller's transaction. */
static int recount(struct req *r, int64_t company_id)
{
	int64_t counted = assessments_counted(r->db, company_id);
	int64_t latest =
	    companies_consent(r->db, company_id) ? assessments_latest(r->db, company_id) : 0;
	const char *groups[5];
	int n = latest ? company_groups(r, company_id, groups) : 0;
	struct buf all;
	buf_init(&all, r->a);
	for (int i = 0; i < n; i++)
		buf_printf(&all, "%s%s", i ? " " : "", groups[i]);
	struct assessment old;
	if (counted == latest &&
	    (!counted || (assessments_get(r->db, r->a, counted, &old) == KK_OK && old.counted_in &&
	                  strcmp(old.counted_in, all.p ? all.p : "") == 0)))
		return KK_OK; /* counted as it should be, in the groups it belongs to */
	if (counted && assessments_get(r->db, r->a, counted, &old) == KK_OK && old.counted_in) {
		char *list = arena_strdup(r->a, old.counted_in);
		for (char *save = NULL, *g = strtok_r(list, " ", &save); g;
		     g = strtok_r(NULL, " ", &save))
			if (peer_add(r->db, counted, g, -1) != KK_OK)
				return KK_ERR;
		if (assessments_set_counted(r->db, counted, NULL) != KK_OK)
			return KK_ERR;
	}
	if (!latest)
		return KK_OK;
	for (int i = 0; i < n; i++)
		if (peer_add(r->db, latest, groups[i], 1) != KK_OK)
			return KK_ERR;
	return assessments_set_counted(r->db, latest, n ? all.p : NULL);
}

static bool is_company(struct req *r)
{
	return r->user && (r->user->role & ROLE_SME);
}

int assessment_submit(struct req *r, const struct assessment_answer *answers, int n, int64_t *id,
                      struct field_error *why)
{
	struct assessment_view *v = arena_alloc(r->a, sizeof *v);
	if (assessment_load_items(r, v) != KK_OK)
		return KK_ERR;
	struct scored_item scored[ASSESSMENT_MAX_ITEMS];
	bool seen[ASSESSMENT_MAX_ITEMS] = {false};
	*why = (struct field_error){"answers", "incomplete", 0};
	for (int k = 0; k < n; k++) {
		int i = 0;
		while (i < v->nitems && strcmp(v->items[i].code, answers[k].item) != 0)
			i++;
		if (i == v->nitems) {
			why->code = "unknown_item";
			return KK_INVALID;
		}
		if (seen[i]) {
			why->code = "duplicate";
			return KK_INVALID;
		}
		int pts = assessment_points(answers[k].answer);
		if (pts == -2) {
			why->code = "answer";
			return KK_INVALID;
		}
		seen[i] = true;
		scored[i] = (struct scored_item){assessment_function_index(v->items[i].function),
		                                 v->items[i].weight, pts};
	}
	if (n != v->nitems)
		return KK_INVALID;
	struct assessment_score sc;
	assessment_score(scored, n, &sc);
	v->s.total = sc.total < 0 ? 0 : sc.total;
	memcpy(v->s.fn, sc.fn, sizeof sc.fn);
	unsigned char hash[TOKEN_HASH];
	bool company = is_company(r);
	if (!company && !token_hash_of(r, true, hash))
		return KK_ERR;
	if (db_begin(r->db) < 0 ||
	    assessments_create(r->db, company ? r->user->id : 0, company ? NULL : hash, &v->s,
	                       answers, n, id) != KK_OK ||
	    (company && recount(r, r->user->id) != KK_OK) || db_commit(r->db) < 0) {
		db_rollback(r->db);
		return KK_ERR;
	}
	return KK_OK;
}

int assessment_finish(struct req *r, int64_t *id, struct field_error *why)
{
	unsigned char hash[TOKEN_HASH];
	bool have = token_hash_of(r, false, hash);
	json_t *progress = progress_of(r, have ? hash : NULL);
	struct assessment_answer answers[ASSESSMENT_MAX_ITEMS];
	int n = 0;
	const char *key;
	json_t *val;
	json_object_foreach(progress, key, val)
	{
		if (n < ASSESSMENT_MAX_ITEMS && json_is_string(val))
			answers[n++] = (struct assessment_answer){
			    arena_strdup(r->a, key), arena_strdup(r->a, json_string_value(val))};
	}
	json_decref(progress);
	int rc = assessment_submit(r, answers, n, id, why);
	if (rc == KK_OK && have)
		assessment_progress_drop(r->db, hash);
	return rc;
}

/* Which group to compare against: the narrowest with ASSESSMENT_MIN_PEERS companies. */
static void benchmark(struct req *r, struct assessment_view *v, int total)
{
	const char *groups[5] = {"all"};
	int n = v->s.company_id ? company_groups(r, v->s.company_id, groups) : 1;
	int64_t hist[101];
	v->group = NULL;
	for (int i = 0; i < n; i++) {
		if (strncmp(groups[i], "p:", 2) == 0)
			continue; /* prefectures are for the map, not for comparing */
		if (peer_histogram(r->db, v->s.version, groups[i], hist) >= ASSESSMENT_MIN_PEERS) {
			v->group = groups[i];
			assessment_peer_stats(hist, total, &v->peers);
			break;
		}
	}
}

static void actions(struct assessment_view *v)
{
	double best[ASSESSMENT_ACTIONS];
	v->nactions = 0;
	for (int i = 0; i < v->nitems; i++) {
		double p = assessment_priority(v->items[i].weight, v->points[i],
		                               assessment_effort_cost(v->items[i].effort));
		if (p <= 0 || v->points[i] >= 3)
			continue; /* an action closes a gap: not done, partly done, or not known */
		int k = v->nactions < ASSESSMENT_ACTIONS ? v->nactions++ : ASSESSMENT_ACTIONS;
		while (k > 0 && best[k - 1] < p) {
			if (k < ASSESSMENT_ACTIONS) {
				best[k] = best[k - 1];
				v->actions[k] = v->actions[k - 1];
			}
			k--;
		}
		if (k < ASSESSMENT_ACTIONS) {
			best[k] = p;
			v->actions[k] = i;
		}
	}
}

static int load(struct req *r, int64_t id, struct assessment_view *v);

int assessment_view(struct req *r, int64_t id, struct assessment_view *v)
{
	memset(v, 0, sizeof *v);
	int rc = id > 0 ? assessments_get(r->db, r->a, id, &v->s) : KK_NOTFOUND;
	if (rc != KK_OK)
		return rc;
	unsigned char hash[TOKEN_HASH];
	bool mine = v->s.company_id
	                ? r->user && r->user->id == v->s.company_id
	                : token_hash_of(r, false, hash) && assessments_draft_is(r->db, id, hash);
	return mine ? load(r, id, v) : KK_NOTFOUND;
}

int assessment_shared(struct req *r, int64_t id, int64_t company_id, struct assessment_view *v)
{
	memset(v, 0, sizeof *v);
	int rc = id > 0 ? assessments_get(r->db, r->a, id, &v->s) : KK_NOTFOUND;
	if (rc != KK_OK)
		return rc;
	return v->s.company_id == company_id ? load(r, id, v) : KK_NOTFOUND;
}

/* The items, answers, actions and peers of assessment id (v->s loaded) into v. */
static int load(struct req *r, int64_t id, struct assessment_view *v)
{
	v->nitems =
	    assessment_items(r->db, r->a, v->s.version, r->lang, v->items, ASSESSMENT_MAX_ITEMS);
	struct assessment_answer ans[ASSESSMENT_MAX_ITEMS];
	int n = assessments_answers(r->db, r->a, id, ans, ASSESSMENT_MAX_ITEMS);
	if (v->nitems < 0 || n < 0)
		return KK_ERR;
	for (int i = 0; i < v->nitems; i++) {
		v->points[i] = -1;
		v->share[i] = -1;
		for (int k = 0; k < n; k++)
			if (strcmp(ans[k].item, v->items[i].code) == 0) {
				v->answer[i] = ans[k].answer;
				v->points[i] = assessment_points(ans[k].answer);
			}
	}
	actions(v);
	benchmark(r, v, v->s.total);
	if (v->group) {
		struct peer_item shares[ASSESSMENT_MAX_ITEMS];
		int m = peer_items_of(r->db, r->a, v->s.version, v->group, shares,
		                      ASSESSMENT_MAX_ITEMS);
		for (int k = 0; k < m; k++)
			for (int i = 0; i < v->nitems; i++)
				if (strcmp(shares[k].item, v->items[i].code) == 0 &&
				    shares[k].applicable > 0)
					v->share[i] =
					    (int)(shares[k].doing * 100 / shares[k].applicable);
	}
	return KK_OK;
}

int assessment_simulate(struct req *r, const struct assessment_view *v, const char *const *items,
                        int n, int *total, struct peer_stats *peers, struct field_error *why)
{
	struct scored_item scored[ASSESSMENT_MAX_ITEMS];
	for (int i = 0; i < v->nitems; i++)
		scored[i] = (struct scored_item){assessment_function_index(v->items[i].function),
		                                 v->items[i].weight, v->points[i]};
	for (int k = 0; k < n; k++) {
		int i = 0;
		while (i < v->nitems && strcmp(v->items[i].code, items[k]) != 0)
			i++;
		if (i == v->nitems) {
			*why = (struct field_error){"actions", "unknown_item", 0};
			return KK_INVALID;
		}
		if (scored[i].points >= 0 && scored[i].points < 3)
			scored[i].points = 3; /* done */
	}
	struct assessment_score s;
	assessment_score(scored, v->nitems, &s);
	*total = s.total;
	memset(peers, 0, sizeof *peers);
	if (v->group) {
		int64_t hist[101];
		peer_histogram(r->db, v->s.version, v->group, hist);
		assessment_peer_stats(hist, s.total, peers);
	}
	return KK_OK;
}

int assessment_set_consent(struct req *r, int64_t company_id, int consent)
{
	if (db_begin(r->db) < 0 ||
	    (consent >= 0 && companies_set_consent(r->db, company_id, consent) != KK_OK) ||
	    recount(r, company_id) != KK_OK || db_commit(r->db) < 0) {
		db_rollback(r->db);
		return KK_ERR;
	}
	return KK_OK;
}

int assessment_forget(struct req *r, int64_t company_id)
{
	if (!assessments_counted(r->db, company_id))
		return KK_OK; /* nothing of it in the figures (or not a company) */
	return companies_set_consent(r->db, company_id, false) == KK_OK ? recount(r, company_id)
	                                                                : KK_ERR;
}

void assessment_claim(struct req *r)
{
	unsigned char hash[TOKEN_HASH];
	if (!is_company(r) || !token_hash_of(r, false, hash))
		return;
	if (db_begin(r->db) < 0 || assessments_claim(r->db, hash, r->user->id) < 0 ||
	    recount(r, r->user->id) != KK_OK || db_commit(r->db) < 0)
		db_rollback(r->db);
}

/* Add each word of list (space-separated codes) to set[0..*n), once, at most max. */
static void add_codes(struct req *r, const char *list, const char **set, int *n, int max)
{
	char *copy = arena_strdup(r->a, list);
	for (char *save = NULL, *w = strtok_r(copy, " ", &save); w;
	     w = strtok_r(NULL, " ", &save)) {
		int j = 0;
		while (j < *n && strcmp(set[j], w) != 0)
			j++;
		if (j == *n && *n < max)
			set[(*n)++] = w;
	}
}

int assessment_action_skills(struct req *r, const struct assessment_view *v, const char **out,
                             int max)
{
	int n = 0;
	for (int k = 0; k < v->nactions && k < 3; k++)
		add_codes(r, v->items[v->actions[k]].skills, out, &n, max);
	return n;
}

int assessment_prefill(struct req *r, int64_t id, const char *item, struct assessment_consult *out)
{
	struct assessment_view *v = arena_alloc(r->a, sizeof *v);
	memset(out, 0, sizeof *out);
	int rc = assessment_view(r, id, v);
	if (rc != KK_OK)
		return rc;
	int picked[ASSESSMENT_ACTIONS], n = 0;
	for (int i = 0; item && i < v->nitems; i++)
		if (strcmp(v->items[i].code, item) == 0)
			picked[n++] = i;
	if (item && n == 0)
		return KK_INVALID;
	for (int k = 0; !item && k < v->nactions; k++)
		picked[n++] = v->actions[k];
	struct buf d;
	buf_init(&d, r->a);
	buf_printf(&d, "%s: %d/100\n", i18n_get(r->lang, "assess.consult_intro"), v->s.total);
	for (int k = 0; k < n; k++) {
		const struct assessment_item *it = &v->items[picked[k]];
		buf_printf(&d, "- %s\n", it->question);
		add_codes(r, it->skills, out->topics, &out->ntopics, REQUEST_MAX_ITEMS);
		add_codes(r, it->roles, out->roles, &out->nroles, REQUEST_MAX_ITEMS);
	}
	out->assessment_id = id;
	out->description = d.p;
	return KK_OK;
}

int assessment_consult(struct req *r, int64_t id, const char *item, int64_t *request_id,
                       struct field_error *why)
{
	struct assessment_consult c;
	int rc = assessment_prefill(r, id, item, &c);
	if (rc == KK_INVALID)
		*why = (struct field_error){"item", "unknown_item", 0};
	if (rc != KK_OK)
		return rc;
	struct request q = {.kind = "advice",
	                    .description = c.description,
	                    .mode = "remote",
	                    .urgency = "normal",
	                    .assessment_id = id,
	                    .ntopics = c.ntopics,
	                    .nroles = c.nroles};
	memcpy(q.topics, c.topics, sizeof q.topics);
	memcpy(q.roles, c.roles, sizeof q.roles);
	rc = request_submit(r, &q, 0, why);
	*request_id = q.id;
	return rc;
}

/* The Q&A questions about one item (answered first, at most RELATED_PER_ITEM), kept for
 * RELATED_TTL seconds per version and item: a result page would otherwise run up to six
 * searches, and what the Q&A holds on a subject changes slowly. A change to the Q&A in
 * this process empties it at once; one made by another process, within RELATED_TTL. */
#define RELATED_PER_ITEM 4
#define RELATED_TTL      600
struct related {
	int version;
	char code[8];
	int64_t at, changes; /* when, and qa_changes() then */
	int n;
	struct {
		int64_t id;
		bool answered;
		char title[512]; /* a title is at most 100 characters (app/qa.c) */
	} q[RELATED_PER_ITEM];
};
static struct related related_cache[ASSESSMENT_MAX_ITEMS];
static pthread_mutex_t related_lock = PTHREAD_MUTEX_INITIALIZER;

static void related_search(struct req *r, const struct assessment_item *it, struct related *out)
{
	char topic[32];
	snprintf(topic, sizeof topic, "%s", it->skills);
	topic[strcspn(topic, " ")] = 0;
	struct qa_results res;
	out->n = 0;
	if (qa_run_search(r, it->keywords, topic, 0, 0, &res) <= 0 &&
	    qa_run_search(r, it->keywords, NULL, 0, 0, &res) <= 0)
		return;
	for (int pass = 0; pass < 2; pass++) /* those with a best answer first */
		for (int h = 0; h < res.n && out->n < RELATED_PER_ITEM; h++)
			if (res.hits[h].answered == (pass == 0)) {
				out->q[out->n].id = res.hits[h].id;
				out->q[out->n].answered = res.hits[h].answered;
				snprintf(out->q[out->n].title, sizeof out->q[out->n].title, "%s",
				         res.hits[h].title);
				out->n++;
			}
}

static void related_of(struct req *r, int version, int index, const struct assessment_item *it,
                       struct related *out)
{
	int64_t now = db_now(), changes = qa_changes();
	struct related *slot = &related_cache[index % ASSESSMENT_MAX_ITEMS];
	pthread_mutex_lock(&related_lock);
	bool fresh = slot->version == version && strcmp(slot->code, it->code) == 0 &&
	             now - slot->at < RELATED_TTL && slot->changes == changes;
	if (fresh)
		*out = *slot;
	pthread_mutex_unlock(&related_lock);
	if (fresh)
		return;
	related_search(r, it, out);
	out->version = version;
	snprintf(out->code, sizeof out->code, "%s", it->code);
	out->at = now;
	out->changes = changes;
	pthread_mutex_lock(&related_lock);
	*slot = *out;
	pthread_mutex_unlock(&related_lock);
}

int assessment_questions(struct req *r, const struct assessment_view *v,
                         struct assessment_question *out, int max)
{
	int n = 0;
	for (int k = 0; k < v->nactions && k < 3 && n < max; k++) {
		struct related rel;
		related_of(r, v->s.version, v->actions[k], &v->items[v->actions[k]], &rel);
		/* at most two per item, each question (and title) once */
		for (int h = 0, taken = 0; h < rel.n && taken < 2 && n < max; h++) {
			int d = 0;
			while (d < n && out[d].id != rel.q[h].id &&
			       strcmp(out[d].title, rel.q[h].title) != 0)
				d++;
			if (d < n)
				continue;
			out[n++] = (struct assessment_question){rel.q[h].id,
			                                        arena_strdup(r->a, rel.q[h].title),
			                                        v->actions[k], rel.q[h].answered};
			taken++;
		}
	}
	return n;
}
