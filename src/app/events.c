/* events.c — learning and events: access, the fields of an event, its life (create, edit,
 * cancel), registrations with a waiting list, attendance and the list near a prefecture.
 * events_api.c renders JSON, events_pages.c HTML, events_ical.c the calendar feeds. */
#include "app/events.h"
#include "app/errors.h"
#include "app/notify.h"
#include "domain/date.h"
#include "domain/token.h"
#include "store/audit.h"
#include "store/communities.h"
#include "store/course.h"
#include "store/desks.h"
#include "store/prefectures.h"
#include "store/taxonomy.h"
#include "view/links.h"

#include <limits.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

const char *const event_kinds[] = {"study", "seminar", "exercise", "ctf", "course", NULL};
const char *const event_audiences[] = {"companies", "experts", "everyone", NULL};

static int invalid(struct field_error *why, const char *field, const char *code)
{
	*why = (struct field_error){field, code, 0};
	return KK_INVALID;
}

static int conflict(struct field_error *why, const char *code)
{
	*why = (struct field_error){NULL, code, 0};
	return KK_CONFLICT;
}

static bool is_admin(const struct req *r)
{
	return r->user && (r->user->role & ROLE_ADMIN);
}

bool event_organiser(struct req *r, const struct event *e)
{
	if (!r->user)
		return false;
	int64_t me = r->user->id;
	return is_admin(r) || (e->created_by && e->created_by == me) ||
	       events_is_organiser(r->db, e->community_id, me) ||
	       events_is_operator(r->db, e->desk_id, me);
}

bool event_organised_or_reply(struct req *r, struct event *e)
{
	bool organiser;
	if (!event_load_or_reply(r, req_param_id(r, 0), e, &organiser))
		return false;
	if (!organiser)
		reply_result(r, KK_FORBIDDEN, NULL);
	return organiser;
}

int event_registrants_or_reply(struct req *r, struct event *e, struct registrant **list)
{
	if (!event_organised_or_reply(r, e))
		return -1;
	*list = arena_alloc(r->a, sizeof **list * EVENT_REGISTRANTS_MAX);
	int n = events_registrants(r->db, r->a, e->id, *list, EVENT_REGISTRANTS_MAX);
	return ok_or_reply(r, n < 0 ? KK_ERR : KK_OK, NULL) ? n : -1;
}

bool event_load_or_reply(struct req *r, int64_t id, struct event *e, bool *organiser)
{
	if (id <= 0 || events_get(r->db, r->a, id, e) != KK_OK) {
		reply_error(r, 404, "not_found");
		return false;
	}
	*organiser = event_organiser(r, e);
	return true;
}

/* The codes of list field name (at most max) into out[0..*n), each one of codes[0..ncodes)
 * (codes NULL: of the taxonomy's skills). */
static int read_codes(struct req *r, const char *name, int max, const char *const *codes,
                      int ncodes, const char **out, int *n, struct field_error *why)
{
	const struct field_spec code = {name, FT_TEXT, true, 1, 24, NULL};
	struct raw_value
	    raw[EVENT_MAX_SKILLS > EVENT_MAX_MODULES ? EVENT_MAX_SKILLS : EVENT_MAX_MODULES];
	*n = 0;
	if (input_raw(r, name).kind == RAW_ABSENT)
		return KK_OK;
	int got = input_list(r, name, raw, max);
	if (got < 0)
		return invalid(why, name, "too_many");
	for (int i = 0; i < got; i++) {
		struct field_val fv;
		bool known = false;
		if (validate_field(&code, &raw[i], r->a, &fv, why) < 0)
			return invalid(why, name, "choice");
		for (int k = 0; codes && k < ncodes && !known; k++)
			known = strcmp(codes[k], fv.s) == 0;
		if (codes ? !known : !taxonomy_skill(fv.s))
			return invalid(why, name, "choice");
		out[(*n)++] = fv.s;
	}
	return KK_OK;
}

/* The skills an event covers (taxonomy codes) and the course modules a session covers. */
static int read_skills_and_modules(struct req *r, struct event *e, struct field_error *why)
{
	struct course_module all[COURSE_MAX_MODULES];
	const char *codes[COURSE_MAX_MODULES];
	int m = course_modules(r->db, r->a, all, COURSE_MAX_MODULES);
	if (m < 0)
		return KK_ERR;
	for (int k = 0; k < m; k++)
		codes[k] = all[k].code;
	if (read_codes(r, "skills", EVENT_MAX_SKILLS, NULL, 0, e->skills, &e->nskills, why) !=
	    KK_OK)
		return KK_INVALID;
	return read_codes(r, "modules", EVENT_MAX_MODULES, codes, m, e->modules, &e->nmodules, why);
}

/* Who holds a new event: a community r organises, a desk r operates, or (an admin) the
 * platform itself. */
static int read_holder(struct req *r, struct event *e, const struct field_val *community,
                       const struct field_val *desk, struct field_error *why)
{
	e->community_id = community->present ? community->n : 0;
	e->desk_id = desk->present ? desk->n : 0;
	struct community c;
	struct desk d;
	if (e->community_id && communities_get(r->db, r->a, e->community_id, &c) != KK_OK)
		return invalid(why, "community_id", "choice");
	if (e->desk_id && desks_get(r->db, r->a, e->desk_id, &d) != KK_OK)
		return invalid(why, "desk_id", "choice");
	if (is_admin(r) || events_is_organiser(r->db, e->community_id, r->user->id) ||
	    events_is_operator(r->db, e->desk_id, r->user->id))
		return KK_OK;
	*why = (struct field_error){e->community_id ? "community_id" : "desk_id", "organiser", 0};
	return KK_FORBIDDEN;
}

int event_read(struct req *r, struct event *e, bool creating, struct field_error *why)
{
	static const struct field_spec spec[] = {
	    {"title", FT_TEXT, true, 1, 120, NULL},
	    {"kind", FT_ENUM, true, 0, 0, event_kinds},
	    {"audience", FT_ENUM, true, 0, 0, event_audiences},
	    {"starts_at", FT_TEXT, true, 1, 32, NULL},
	    {"ends_at", FT_TEXT, true, 1, 32, NULL},
	    {"prefecture", FT_PREF, true, 0, 0, NULL},
	    {"venue", FT_TEXT, false, 0, 200, NULL},
	    {"online", FT_BOOL, false, 0, 0, NULL},
	    {"capacity", FT_INT, true, 1, 10000, NULL},
	    {"cpd_points", FT_INT, false, 0, 40, NULL},
	    {"description", FT_LINES, false, 0, 4000, NULL},
	    {"community_id", FT_INT, false, 1, INT_MAX, NULL},
	    {"desk_id", FT_INT, false, 1, INT_MAX, NULL},
	};
	struct field_val v[13];
	if (input_read(r, spec, 13, v, why) < 0)
		return KK_INVALID;
	e->title = v[0].s;
	e->kind = v[1].s;
	e->audience = v[2].s;
	if (!date_parse_time(v[3].s, &e->starts_at))
		return invalid(why, "starts_at", "format");
	if (!date_parse_time(v[4].s, &e->ends_at))
		return invalid(why, "ends_at", "format");
	if (creating && e->starts_at < db_now())
		return invalid(why, "starts_at", "future");
	if (e->ends_at <= e->starts_at)
		return invalid(why, "ends_at", "after_start");
	if (e->ends_at - e->starts_at > 7 * 86400)
		return invalid(why, "ends_at", "too_long_event");
	e->prefecture = v[5].s;
	e->venue = v[6].present ? v[6].s : "";
	e->online = v[7].present && v[7].n;
	if (!e->online && !*e->venue)
		return invalid(why, "venue", "required");
	e->capacity = (int)v[8].n;
	e->cpd_points = v[9].present ? (int)v[9].n : 0;
	e->description = v[10].present ? v[10].s : "";
	int rc = read_skills_and_modules(r, e, why);
	if (rc != KK_OK)
		return rc;
	return creating ? read_holder(r, e, &v[11], &v[12], why) : KK_OK;
}

/* Commit when rc is KK_OK, else roll back; rc, or KK_ERR when the commit failed. */
static int finish(struct db *db, int rc)
{
	if (rc == KK_OK && db_commit(db) == KK_OK)
		return KK_OK;
	db_rollback(db);
	return rc == KK_OK ? KK_ERR : rc;
}

int event_set_organiser(struct req *r, int64_t community_id, int64_t expert_id, bool on)
{
	if (db_begin(r->db) < 0)
		return KK_ERR;
	int rc = events_set_organiser(r->db, community_id, expert_id, on);
	if (rc == KK_OK &&
	    audit_add(r->db, on ? "organiser_added" : "organiser_removed", expert_id, r->user->id,
	              r->ip, arena_printf(r->a, "community %lld", (long long)community_id)) < 0)
		rc = KK_ERR;
	return finish(r->db, rc);
}

int event_create(struct req *r, struct event *e, int64_t *id)
{
	e->created_by = r->user->id;
	if (db_begin(r->db) < 0)
		return KK_ERR;
	int rc = events_create(r->db, e, id);
	if (rc == KK_OK)
		rc = audit_add(r->db, "event_created", 0, r->user->id, r->ip, e->title) < 0 ? KK_ERR
		                                                                            : KK_OK;
	return finish(r->db, rc);
}

/* Tell everyone registered or waiting for event id of kind (catalog notify.KIND). */
static void tell_all(struct req *r, int64_t id, const char *kind)
{
	int64_t people[1000];
	int n = events_people(r->db, id, people, 1000);
	notify_many(r->db, people, n < 0 ? 0 : n, kind, link_event(r->a, id, NULL));
}

/* Fill free places from the waiting list, in order, telling each one moved up. */
static int move_up(struct req *r, const struct event *e, int places)
{
	for (int k = 0; k < places; k++) {
		int64_t next = events_first_waiting(r->db, e->id);
		if (next < 0)
			return KK_ERR;
		if (next == 0)
			break;
		if (events_set_registration(r->db, e->id, next, "registered") != KK_OK)
			return KK_ERR;
		notify(r->db, next, "event_promoted", link_event(r->a, e->id, NULL));
	}
	return KK_OK;
}

int event_update(struct req *r, const struct event *old, struct event *e, struct field_error *why)
{
	if (strcmp(old->status, "scheduled") != 0)
		return conflict(why, "event_cancelled");
	if (db_begin(r->db) < 0)
		return KK_ERR;
	struct event now;
	int rc = events_get(r->db, r->a, old->id, &now); /* the places taken as of this moment */
	if (rc == KK_OK && e->capacity < now.registered) {
		*why = (struct field_error){"capacity", "below_registered", now.registered};
		rc = KK_INVALID;
	}
	e->id = old->id;
	if (rc == KK_OK)
		rc = events_update(r->db, e);
	if (rc == KK_OK)
		rc = move_up(r, e, e->capacity - now.registered);
	bool moved = e->starts_at != old->starts_at || e->ends_at != old->ends_at ||
	             strcmp(e->prefecture, old->prefecture) != 0 ||
	             strcmp(e->venue, old->venue) != 0 || e->online != old->online;
	if (rc == KK_OK && moved)
		tell_all(r, e->id, "event_changed");
	if (rc == KK_OK && audit_add(r->db, "event_changed", 0, r->user->id, r->ip, e->title) < 0)
		rc = KK_ERR;
	return finish(r->db, rc);
}

int event_edit(struct req *r, const struct event *old, struct event *e, struct field_error *why)
{
	int rc = event_read(r, e, false, why);
	return rc == KK_OK ? event_update(r, old, e, why) : rc;
}

int event_cancel(struct req *r, const struct event *e, struct field_error *why)
{
	if (db_begin(r->db) < 0)
		return KK_ERR;
	int rc = events_cancel(r->db, e->id);
	if (rc == KK_NOTFOUND) {
		db_rollback(r->db);
		return conflict(why, "event_cancelled");
	}
	if (rc == KK_OK)
		tell_all(r, e->id, "event_cancelled");
	if (rc == KK_OK && audit_add(r->db, "event_cancelled", 0, r->user->id, r->ip, e->title) < 0)
		rc = KK_ERR;
	return finish(r->db, rc);
}

/* May r's account come to an event for this audience? */
static bool in_audience(const struct req *r, const char *audience)
{
	if (strcmp(audience, "companies") == 0)
		return r->user->role & (ROLE_SME | ROLE_DESK | ROLE_ADMIN);
	if (strcmp(audience, "experts") == 0)
		return r->user->role & (ROLE_EXPERT | ROLE_DESK | ROLE_ADMIN);
	return true;
}

int event_register(struct req *r, const struct event *e, const char **status, bool *created,
                   struct field_error *why)
{
	if (!in_audience(r, e->audience)) {
		*why = (struct field_error){NULL, "audience", 0};
		return KK_FORBIDDEN;
	}
	if (db_begin(r->db) < 0) /* BEGIN IMMEDIATE: one registration at a time */
		return KK_ERR;
	struct event now;
	struct registration reg;
	int rc = events_get(r->db, r->a, e->id, &now);
	if (rc == KK_OK && strcmp(now.status, "scheduled") != 0)
		rc = conflict(why, "event_cancelled");
	else if (rc == KK_OK && now.starts_at <= db_now())
		rc = conflict(why, "event_started");
	int had = rc == KK_OK ? events_registration(r->db, r->a, e->id, r->user->id, &reg) : KK_ERR;
	*created = had == KK_NOTFOUND || (had == KK_OK && strcmp(reg.status, "cancelled") == 0);
	if (rc == KK_OK && !*created) {
		*status = reg.status; /* already in: nothing changes */
		db_rollback(r->db);
		return had == KK_OK ? KK_OK : KK_ERR;
	}
	if (rc == KK_OK) {
		*status = now.registered < now.capacity ? "registered" : "waitlisted";
		rc = events_set_registration(r->db, e->id, r->user->id, *status);
	}
	return finish(r->db, rc);
}

int event_unregister(struct req *r, const struct event *e, bool *promoted)
{
	*promoted = false;
	if (db_begin(r->db) < 0)
		return KK_ERR;
	struct registration reg;
	int rc = events_registration(r->db, r->a, e->id, r->user->id, &reg);
	if (rc == KK_OK && strcmp(reg.status, "cancelled") == 0)
		rc = KK_NOTFOUND;
	if (rc == KK_OK)
		rc = events_set_registration(r->db, e->id, r->user->id, "cancelled");
	if (rc == KK_OK && strcmp(reg.status, "registered") == 0 &&
	    strcmp(e->status, "scheduled") == 0 && e->starts_at > db_now()) {
		int64_t next = events_first_waiting(r->db, e->id);
		*promoted = next > 0;
		rc = next < 0 ? KK_ERR : move_up(r, e, 1);
	}
	return finish(r->db, rc);
}

/* The account ids of an attendance: a JSON array of integers, or repeated form fields
 * "account_ids". How many (at most max), or -1 when they are not that. */
static int attendance_ids(struct req *r, int64_t *ids, int max)
{
	if (r->json) {
		json_t *arr = json_object_get(r->json, "account_ids");
		if (!json_is_array(arr) || (int)json_array_size(arr) > max)
			return -1;
		size_t i;
		json_t *v;
		json_array_foreach(arr, i, v)
		{
			if (!json_is_integer(v) || json_integer_value(v) <= 0)
				return -1;
			ids[i] = json_integer_value(v);
		}
		return (int)json_array_size(arr);
	}
	struct raw_value *raw = arena_alloc(r->a, sizeof *raw * (size_t)max);
	int n = input_list(r, "account_ids", raw, max);
	for (int i = 0; i < n; i++) {
		char *end;
		ids[i] = raw[i].kind == RAW_STRING ? strtoll(raw[i].s, &end, 10) : 0;
		if (ids[i] <= 0 || *end)
			return -1;
	}
	return n;
}

int event_attendance(struct req *r, const struct event *e, int *attended, struct field_error *why)
{
	int64_t *ids = arena_alloc(r->a, sizeof *ids * EVENT_REGISTRANTS_MAX);
	int n = *attended = attendance_ids(r, ids, EVENT_REGISTRANTS_MAX);
	if (n < 0)
		return invalid(why, "account_ids", "type");
	if (strcmp(e->status, "scheduled") != 0)
		return conflict(why, "event_cancelled");
	if (e->starts_at > db_now())
		return conflict(why, "event_not_started");
	struct registrant *all = arena_alloc(r->a, sizeof *all * EVENT_REGISTRANTS_MAX);
	if (db_begin(r->db) < 0)
		return KK_ERR;
	int m = events_registrants(r->db, r->a, e->id, all, EVENT_REGISTRANTS_MAX),
	    rc = m < 0 ? KK_ERR : KK_OK;
	for (int i = 0; rc == KK_OK && i < n; i++) { /* every one listed must hold a place */
		bool known = false;
		for (int k = 0; k < m && !known; k++)
			known =
			    all[k].account_id == ids[i] && strcmp(all[k].status, "registered") == 0;
		if (!known)
			rc = invalid(why, "account_ids", "not_registered");
	}
	for (int k = 0; rc == KK_OK && k < m; k++) {
		if (strcmp(all[k].status, "registered") != 0)
			continue;
		bool came = false;
		for (int i = 0; i < n && !came; i++)
			came = ids[i] == all[k].account_id;
		if (came != (all[k].attended != 0))
			rc = events_set_attended(r->db, e, all[k].account_id, came);
	}
	if (rc == KK_OK &&
	    audit_add(r->db, "event_attendance", 0, r->user->id, r->ip,
	              arena_printf(r->a, "event %lld: %d attended", (long long)e->id, n)) < 0)
		rc = KK_ERR;
	return finish(r->db, rc);
}

/* The codes of p's neighbours, and of the rest of its block, as JSON lists. */
static void near_lists(struct req *r, const struct prefecture *p, const char **neighbours,
                       const char **block)
{
	struct buf nb, bl;
	buf_init(&nb, r->a);
	buf_init(&bl, r->a);
	buf_putc(&nb, '[');
	buf_putc(&bl, '[');
	for (int k = 0; k < p->nneighbours; k++)
		buf_printf(&nb, "%s\"%s\"", k ? "," : "", p->neighbours[k]);
	const struct prefecture *all = prefectures_all();
	int nb_count = 0;
	for (int i = 0; i < PREF_COUNT; i++)
		if (strcmp(all[i].block, p->block) == 0 && strcmp(all[i].code, p->code) != 0)
			buf_printf(&bl, "%s\"%s\"", nb_count++ ? "," : "", all[i].code);
	buf_putc(&nb, ']');
	buf_putc(&bl, ']');
	*neighbours = nb.p;
	*block = bl.p;
}

int events_find(struct req *r, struct event_list *out, struct field_error *why)
{
	memset(out, 0, sizeof *out);
	out->pref = req_query(r, "pref");
	out->month = req_query(r, "month");
	out->kind = req_query(r, "kind");
	out->skill = req_query(r, "skill");
	const char *near = req_query(r, "near"), *page = req_query(r, "page");
	out->near = near && strcmp(near, "1") == 0;
	out->pref = out->pref && *out->pref ? out->pref : NULL;
	out->month = out->month && *out->month ? out->month : NULL;
	out->kind = out->kind && *out->kind ? out->kind : NULL;
	out->skill = out->skill && *out->skill ? out->skill : NULL;
	const struct prefecture *p = out->pref ? prefecture_by_code(out->pref) : NULL;
	if (out->pref && !p)
		return invalid(why, "pref", "choice");
	bool kind_ok = !out->kind;
	for (int k = 0; event_kinds[k] && !kind_ok; k++)
		kind_ok = strcmp(event_kinds[k], out->kind) == 0;
	if (!kind_ok)
		return invalid(why, "kind", "choice");
	if (out->skill && !taxonomy_skill(out->skill))
		return invalid(why, "skill", "choice");
	struct event_query q = {
	    .now = db_now(), .kind = out->kind, .skill = out->skill, .limit = EVENTS_PAGE};
	if (out->month) {
		char first[11], next[11];
		int64_t from, before;
		snprintf(first, sizeof first, "%.7s-01", out->month);
		if (strlen(out->month) != 7 || !date_valid(first))
			return invalid(why, "month", "format");
		date_add_days(first, 32, next);
		memcpy(next + 8, "01", 3);
		date_parse_time(arena_printf(r->a, "%sT00:00", first), &from);
		date_parse_time(arena_printf(r->a, "%sT00:00", next), &before);
		q.from = from;
		q.before = before;
	}
	const char *from = req_query(r, "from"); /* YYYY-MM-DD: starting on that day or later */
	if (from && *from) {
		int64_t t;
		if (!date_valid(from) || !date_parse_time(arena_printf(r->a, "%sT00:00", from), &t))
			return invalid(why, "from", "format");
		out->from = from;
		if (t > q.from)
			q.from = t;
	}
	out->page = page ? atoi(page) : 1;
	if (out->page < 1 || out->page > 1000)
		return invalid(why, "page", "range");
	q.offset = (out->page - 1) * EVENTS_PAGE;
	if (p && out->near) {
		q.near = p->code;
		near_lists(r, p, &q.neighbours, &q.block);
	} else {
		q.prefecture = out->pref;
	}
	out->n = events_list(r->db, &q, out->ids, out->tiers, &out->total);
	return out->n < 0 ? KK_ERR : KK_OK;
}

int events_near_with_cpd(struct req *r, const char *pref, int64_t *ids, int max)
{
	const struct prefecture *p = prefecture_by_code(pref);
	struct event_query q = {.now = db_now(), .min_cpd = 1, .limit = max};
	int total;
	if (p) {
		q.near = p->code;
		near_lists(r, p, &q.neighbours, &q.block);
	}
	return events_list(r->db, &q, ids, NULL, &total);
}

int events_for_company(struct req *r, const char *pref, const char *const *skills, int n,
                       int64_t *ids, int max)
{
	const struct prefecture *p = prefecture_by_code(pref);
	if (!p || n == 0)
		return 0;
	struct event_query q = {.now = db_now(), .near = p->code};
	near_lists(r, p, &q.neighbours, &q.block);
	struct buf list;
	buf_init(&list, r->a);
	buf_putc(&list, '[');
	for (int i = 0; i < n; i++)
		buf_printf(&list, "%s\"%s\"", i ? "," : "", skills[i]);
	buf_putc(&list, ']');
	return events_for_skills(r->db, &q, list.p, ids, max);
}

int event_feed_secret(struct req *r, bool reset, const char **secret)
{
	if (!reset && events_feed_secret(r->db, r->a, r->user->id, secret) == KK_OK)
		return KK_OK;
	char *fresh = arena_alloc(r->a, TOKEN_TEXT);
	token_new(fresh);
	*secret = fresh;
	int rc = events_feed_secret_set(r->db, r->user->id, fresh);
	if (rc == KK_OK && reset)
		audit_add(r->db, "calendar_feed_reset", r->user->id, r->user->id, r->ip, "");
	return rc;
}
