/* events_api.c — learning and events as JSON: the list near a prefecture, an event,
 * creating, editing and cancelling it, registering and cancelling a registration,
 * the registrants and their attendance (the organiser), organisers of communities. */
#include "app/errors.h"
#include "app/events.h"
#include "app/handlers.h"
#include "domain/date.h"
#include "store/audit.h"

#include <stdlib.h>
#include <string.h>

static json_t *event_json(const struct event *e)
{
	char starts[26], ends[26];
	date_format_jst(e->starts_at, starts);
	date_format_jst(e->ends_at, ends);
	json_t *skills = json_array(), *modules = json_array();
	for (int i = 0; i < e->nskills; i++)
		json_array_append_new(skills, json_string(e->skills[i]));
	for (int i = 0; i < e->nmodules; i++)
		json_array_append_new(modules, json_string(e->modules[i]));
	int left = e->capacity - e->registered;
	return json_pack(
	    "{s:I,s:s,s:s,s:s,s:s,s:s,s:s,s:s,s:b,s:i,s:i,s:i,s:i,s:o,s:s?,s:o,s:s?,s:"
	    "i,s:s,s:o,s:o,s:s}",
	    "id", (json_int_t)e->id, "title", e->title, "kind", e->kind, "audience", e->audience,
	    "starts_at", starts, "ends_at", ends, "prefecture", e->prefecture, "venue", e->venue,
	    "online", e->online, "capacity", e->capacity, "registered", e->registered, "waiting",
	    e->waiting, "places_left", left > 0 ? left : 0, "community_id",
	    e->community_id ? json_integer(e->community_id) : json_null(), "community",
	    *e->community_name ? e->community_name : NULL, "desk_id",
	    e->desk_id ? json_integer(e->desk_id) : json_null(), "desk",
	    *e->desk_name ? e->desk_name : NULL, "cpd_points", e->cpd_points, "description",
	    e->description, "skills", skills, "modules", modules, "status", e->status);
}

void api_events_list(struct req *r)
{
	struct event_list l;
	struct field_error why = {0};
	if (!ok_or_reply(r, events_find(r, &l, &why), &why))
		return;
	json_t *arr = json_array();
	for (int i = 0; i < l.n; i++) {
		struct event e;
		if (events_get(r->db, r->a, l.ids[i], &e) == KK_OK) {
			json_t *j = event_json(&e);
			if (l.near)
				json_object_set_new(j, "tier", json_integer(l.tiers[i]));
			json_array_append_new(arr, j);
		}
	}
	reply_json(r, 200,
	           json_pack("{s:i,s:i,s:i,s:o}", "total", l.total, "page", l.page, "per_page",
	                     EVENTS_PAGE, "events", arr));
}

void api_events_get(struct req *r)
{
	struct event e;
	bool organiser;
	if (!event_load_or_reply(r, req_param_id(r, 0), &e, &organiser))
		return;
	json_t *j = event_json(&e);
	struct registration reg;
	if (r->user && events_registration(r->db, r->a, e.id, r->user->id, &reg) == KK_OK)
		json_object_set_new(j, "registration",
		                    json_pack("{s:s,s:i,s:b}", "status", reg.status, "position",
		                              reg.position, "attended", reg.attended));
	json_object_set_new(j, "organiser", json_boolean(organiser));
	reply_json(r, 200, j);
}

void api_events_create(struct req *r)
{
	struct event e = {0};
	struct field_error why = {0};
	int64_t id;
	int rc = event_read(r, &e, true, &why);
	if (rc == KK_OK)
		rc = event_create(r, &e, &id);
	if (ok_or_reply(r, rc, &why))
		reply_json(r, 201, json_pack("{s:I}", "id", (json_int_t)id));
}

void api_events_update(struct req *r)
{
	struct event old, e = {0};
	struct field_error why = {0};
	if (!event_organised_or_reply(r, &old))
		return;
	if (ok_or_reply(r, event_edit(r, &old, &e, &why), &why) &&
	    events_get(r->db, r->a, old.id, &e) == KK_OK)
		reply_json(r, 200, event_json(&e));
}

void api_events_cancel(struct req *r)
{
	struct event e;
	struct field_error why = {0};
	if (event_organised_or_reply(r, &e) && ok_or_reply(r, event_cancel(r, &e, &why), &why))
		reply_json(r, 200, json_pack("{s:s}", "status", "cancelled"));
}

void api_events_register(struct req *r)
{
	struct event e;
	bool organiser, created;
	const char *status;
	struct field_error why = {0};
	if (event_load_or_reply(r, req_param_id(r, 0), &e, &organiser) &&
	    ok_or_reply(r, event_register(r, &e, &status, &created, &why), &why))
		reply_json(r, created ? 201 : 200, json_pack("{s:s}", "status", status));
}

void api_events_unregister(struct req *r)
{
	struct event e;
	bool organiser, promoted;
	if (event_load_or_reply(r, req_param_id(r, 0), &e, &organiser) &&
	    ok_or_reply(r, event_unregister(r, &e, &promoted), NULL))
		reply_json(
		    r, 200,
		    json_pack("{s:s,s:b}", "status", "cancelled", "waiting_list_moved", promoted));
}

void api_events_registrants(struct req *r)
{
	struct event e;
	struct registrant *list;
	int n = event_registrants_or_reply(r, &e, &list);
	if (n < 0)
		return;
	json_t *arr = json_array();
	for (int i = 0; i < n; i++) {
		char at[21];
		date_format_utc(list[i].registered_at, at);
		json_array_append_new(arr, json_pack("{s:I,s:s,s:s,s:s,s:b,s:s}", "account_id",
		                                     (json_int_t)list[i].account_id, "display_name",
		                                     list[i].display_name, "role", list[i].role,
		                                     "status", list[i].status, "attended",
		                                     list[i].attended, "registered_at", at));
	}
	reply_json(r, 200, json_pack("{s:i,s:o}", "total", n, "registrations", arr));
}

void api_events_attendance(struct req *r)
{
	struct event e;
	struct field_error why = {0};
	if (!event_organised_or_reply(r, &e))
		return;
	int n;
	if (ok_or_reply(r, event_attendance(r, &e, &n, &why), &why))
		reply_json(r, 200, json_pack("{s:i}", "attended", n));
}

/* An admin marks (POST) or unmarks (DELETE .../organisers/{expert}) an organiser. */
static void set_organiser(struct req *r, int64_t expert, bool on)
{
	int64_t community = req_param_id(r, 0);
	if (expert <= 0) {
		reply_invalid(r, &(struct field_error){"expert_id", "required", 0});
		return;
	}
	if (ok_or_reply(r, event_set_organiser(r, community, expert, on), NULL))
		reply_json(
		    r, 200,
		    json_pack("{s:I,s:b}", "expert_id", (json_int_t)expert, "organiser", on));
}

void api_communities_organiser_add(struct req *r)
{
	static const struct field_spec spec[] = {{"expert_id", FT_INT, true, 1, INT32_MAX, NULL}};
	struct field_val v[1];
	if (input_or_reply(r, spec, 1, v))
		set_organiser(r, v[0].n, true);
}

void api_communities_organiser_remove(struct req *r)
{
	set_organiser(r, req_param_id(r, 1), false);
}
