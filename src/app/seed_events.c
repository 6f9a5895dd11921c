/* seed_events.c — generated study groups, seminars, exercises, CTFs and course sessions
 * over the past year and the next, more where more people are (Tokyo, Osaka, Aichi), held
 * by a community of the prefecture when there is one, with registrations by the generated
 * experts (a waiting list where they outnumber the places) and, for those past, attendance
 * and so verified CPD. Reproducible: the same n on the same database gives the same events. */
#include "app/seed.h"
#include "domain/prefecture.h"
#include "domain/rng.h"
#include "store/communities.h"
#include "store/course.h"
#include "store/events.h"
#include "store/seed.h"
#include "store/taxonomy.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#define MAX_EXPERTS 200000

struct events_seed {
	struct rng g;
	int64_t now, *experts;
	int nexperts;
	int64_t community[PREF_COUNT]; /* one serving each prefecture, 0 when none */
	struct course_module modules[COURSE_MAX_MODULES];
	int nmodules;
	int weight[PREF_COUNT];
};

static const struct {
	const char *kind, *audience, *name;
	int weight, hours, cpd;
} kinds[] = {
    {"study", "everyone", "セキュリティ勉強会", 5, 2, 2},
    {"seminar", "companies", "中小企業のための情報セキュリティセミナー", 3, 2, 0},
    {"exercise", "experts", "インシデント対応演習", 2, 3, 4},
    {"ctf", "experts", "CTF 入門", 1, 4, 3},
    {"course", "experts", "ファシリテーター講座", 1, 6, 6},
};
#define NKINDS (int)(sizeof kinds / sizeof *kinds)

static const char *const venues[] = {"市民会館 会議室", "商工会議所 ホール", "駅前貸会議室",
                                     "産業支援センター 研修室"};

static int one_event(struct db *db, struct arena *a, int64_t k, void *ctx)
{
	struct events_seed *s = ctx;
	const struct prefecture *p = &prefectures_all()[rng_weighted(&s->g, s->weight, PREF_COUNT)];
	int w[NKINDS];
	for (int i = 0; i < NKINDS; i++)
		w[i] = kinds[i].weight;
	int kind = rng_weighted(&s->g, w, NKINDS);
	const struct taxonomy *tax = taxonomy();
	struct event e = {0};
	e.kind = kinds[kind].kind;
	e.audience = kinds[kind].audience;
	e.title = arena_printf(a, "%s %s 第%lld回", p->name_ja, kinds[kind].name, (long long)k + 1);
	/* An evening start in Japan time, within a year either side of now. */
	int64_t day = (s->now + 9 * 3600) / 86400 - 365 + rng_pick(&s->g, 730);
	e.starts_at = day * 86400 + (18 + rng_pick(&s->g, 2)) * 3600 - 9 * 3600;
	e.ends_at = e.starts_at + kinds[kind].hours * 3600;
	e.prefecture = p->code;
	e.online = rng_pick(&s->g, 4) == 0;
	e.venue = e.online && rng_pick(&s->g, 2)
	              ? ""
	              : arena_printf(a, "%s%s", p->name_ja, venues[rng_pick(&s->g, 4)]);
	e.capacity = 10 + rng_pick(&s->g, 40);
	e.cpd_points = kinds[kind].cpd;
	e.community_id = s->community[atoi(p->code) - 1];
	e.description = "最近の被害事例と、明日からできる対策を一緒に確認します。";
	e.skills[e.nskills++] = tax->skills[rng_pick(&s->g, tax->nskills)].code;
	/* A course session covers the modules of one role. */
	if (strcmp(e.kind, "course") == 0 && s->nmodules > 0) {
		const char *role = s->modules[rng_pick(&s->g, s->nmodules)].role;
		for (int i = 0; i < s->nmodules && e.nmodules < EVENT_MAX_MODULES; i++)
			if (strcmp(s->modules[i].role, role) == 0)
				e.modules[e.nmodules++] = s->modules[i].code;
	}
	int64_t id;
	if (events_create(db, &e, &id) != KK_OK)
		return KK_ERR;
	e.id = id;
	/* Registrations: sometimes more than the places, so there is a waiting list. */
	int people = s->nexperts > 0 ? rng_pick(&s->g, e.capacity + 10) : 0;
	bool past = e.starts_at < s->now;
	for (int i = 0; i < people; i++) {
		int64_t who = s->experts[rng_pick(&s->g, s->nexperts)];
		struct registration had;
		if (events_registration(db, a, id, who, &had) == KK_OK)
			continue;
		const char *status = i < e.capacity ? "registered" : "waitlisted";
		if (events_set_registration(db, id, who, status) != KK_OK)
			return KK_ERR;
		if (past && i < e.capacity && rng_pick(&s->g, 5) != 0 &&
		    events_set_attended(db, &e, who, true) != KK_OK)
			return KK_ERR;
	}
	return KK_OK;
}

/* The demo's own events in Osaka, where the demo accounts are: one coming up that is full
 * with a waiting list (the company holds a place), one with places left, one past that the
 * demo expert attended (so their CPD page shows verified points), and two sessions of the
 * trainer's course: the first attended (two modules done), the second to come (the last). */
int seed_demo_events(struct db *db, int64_t desk_id, int64_t desk_account, int64_t company,
                     int64_t expert)
{
	struct arena *a = arena_new();
	int64_t today = (db_now() + 9 * 3600) / 86400 * 86400 - 9 * 3600; /* 00:00 in Japan */
	struct event ev[5] = {
	    {.title = "中小企業のためのランサムウェア対策セミナー",
	     .kind = "seminar",
	     .audience = "everyone",
	     .starts_at = today + 7 * 86400 + 14 * 3600,
	     .capacity = 3},
	    {.title = "大阪セキュリティ勉強会 バックアップ編",
	     .kind = "study",
	     .audience = "everyone",
	     .starts_at = today + 3 * 86400 + 19 * 3600,
	     .capacity = 30,
	     .cpd_points = 2},
	    {.title = "インシデント対応演習 大阪",
	     .kind = "exercise",
	     .audience = "experts",
	     .starts_at = today - 10 * 86400 + 13 * 3600,
	     .capacity = 20,
	     .cpd_points = 4},
	    {.title = "ファシリテーター講座 講師編 第1回",
	     .kind = "course",
	     .audience = "experts",
	     .starts_at = today - 20 * 86400 + 13 * 3600,
	     .capacity = 20,
	     .cpd_points = 6,
	     .nmodules = 2,
	     .modules = {"tr_teach", "tr_exercise"}},
	    {.title = "ファシリテーター講座 講師編 第2回",
	     .kind = "course",
	     .audience = "experts",
	     .starts_at = today + 14 * 86400 + 13 * 3600,
	     .capacity = 20,
	     .cpd_points = 6,
	     .nmodules = 1,
	     .modules = {"tr_feedback"}},
	};
	int rc = KK_OK;
	int64_t ids[5];
	for (int i = 0; i < 5 && rc == KK_OK; i++) {
		ev[i].ends_at = ev[i].starts_at + 3 * 3600;
		ev[i].prefecture = "27";
		ev[i].venue = "大阪商工会議所 会議室";
		ev[i].desk_id = desk_id;
		ev[i].created_by = desk_account;
		ev[i].description = "最近の被害事例と、明日からできる対策を一緒に確認します。";
		static const char *const skill[] = {"ransomware", "backup", "incident_response",
		                                    "awareness", "awareness"};
		ev[i].skills[ev[i].nskills++] = skill[i];
		rc = events_create(db, &ev[i], &ids[i]);
		ev[i].id = ids[i];
	}
	int64_t others[8];
	int n = rc == KK_OK ? seed_expert_ids(db, others, 8) : KK_ERR;
	/* The seminar: the company and four experts for three places. */
	const int64_t seminar[] = {company, n > 0 ? others[0] : 0, n > 1 ? others[1] : 0,
	                           n > 2 ? others[2] : 0, n > 3 ? others[3] : 0};
	for (int i = 0; rc == KK_OK && i < 5; i++)
		if (seminar[i])
			rc = events_set_registration(db, ids[0], seminar[i],
			                             i < 3 ? "registered" : "waitlisted");
	for (int i = 4; rc == KK_OK && i < n; i++)
		rc = events_set_registration(db, ids[1], others[i], "registered");
	if (rc == KK_OK)
		rc = events_set_registration(db, ids[2], expert, "registered");
	if (rc == KK_OK)
		rc = events_set_attended(db, &ev[2], expert, true);
	if (rc == KK_OK) /* the first course session, attended: two of the trainer's modules */
		rc = events_set_registration(db, ids[3], expert, "registered");
	if (rc == KK_OK)
		rc = events_set_attended(db, &ev[3], expert, true);
	arena_free(a);
	return rc;
}

int seed_events(struct db *db, int n)
{
	struct events_seed *s = calloc(1, sizeof *s);
	if (!s || !prefectures_all() || !taxonomy()) {
		free(s);
		return KK_ERR;
	}
	struct arena *a = arena_new();
	for (int p = 0; p < PREF_COUNT; p++) {
		const char *code = prefectures_all()[p].code;
		struct community c[1];
		s->community[p] = communities_list(db, a, code, NULL, c, 1) == 1 ? c[0].id : 0;
		s->weight[p] = strcmp(code, "13") == 0                              ? 12
		               : strcmp(code, "27") == 0                            ? 7
		               : strcmp(code, "23") == 0                            ? 5
		               : strcmp(code, "14") == 0 || strcmp(code, "40") == 0 ? 3
		                                                                    : 1;
	}
	s->nmodules = course_modules(db, a, s->modules, COURSE_MAX_MODULES);
	s->now = db_now();
	s->experts = malloc(sizeof *s->experts * MAX_EXPERTS);
	s->nexperts = s->experts ? seed_expert_ids(db, s->experts, MAX_EXPERTS) : KK_ERR;
	int64_t start = seed_count(db, SEED_EVENTS);
	s->g.state = 20190318u * 31 + (uint64_t)start;
	int rc = start < 0 || s->nexperts < 0 || s->nmodules < 0
	             ? KK_ERR
	             : seed_batches(db, n, 200, start, "events", one_event, s);
	arena_free(a);
	free(s->experts);
	free(s);
	return rc;
}
