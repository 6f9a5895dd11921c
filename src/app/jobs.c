#include "app/jobs.h"
#include "store/assessments.h"
#include "app/config.h"
#include "app/requests.h"
#include "app/notify.h"
#include "app/session.h"
#include "domain/date.h"
#include "jobs/deliver.h"
#include "store/audit.h"
#include "store/credentials.h"
#include "store/events.h"
#include "store/outbox.h"
#include "store/qa.h"
#include "store/registry.h"
#include "store/requests.h"
#include "store/sessions.h"
#include "view/links.h"

#include <stdio.h>

/* Sessions past their idle or absolute limit, and login failures older than the
 * throttling window, no longer count for anything. */
static void sessions_job(struct db *db, int64_t now)
{
	sessions_expire(db, now - SESSION_IDLE_SECONDS, now - SESSION_MAX_SECONDS);
	login_failure_purge(db, now - 24 * 3600);
}

/* Certificates expire by their stored date; holders are reminded before. */
/* Self-checks nobody claimed, and answers left half-way, go after 7 days. */
static void assessments_job(struct db *db, int64_t now)
{
	assessments_purge(db, now - 7 * 86400);
}

static void certificates_job(struct db *db, int64_t now)
{
	char today[11], until[11];
	date_jst(now, today);
	date_add_days(today, app_config.cert_remind_days, until);
	int expired = 0, reminded = 0;
	if (db_begin(db) < 0)
		return;
	/* Expire first, so nobody is reminded of a certificate that has already lapsed. */
	if (certificates_expire(db, today, &expired) < 0) {
		db_rollback(db);
		return;
	}
	int64_t ids[256];
	reminded = certificates_due_reminders(db, until, ids, 256);
	if (reminded < 0) {
		db_rollback(db);
		return;
	}
	for (int i = 0; i < reminded; i++)
		notify(db, ids[i], "cert_expiring", "/experts/me/cpd");
	if (db_commit(db) < 0) {
		db_rollback(db);
		return;
	}
	if (expired || reminded)
		fprintf(stderr, "kakekomi: %d certificate(s) expired, %d reminder(s)\n", expired,
		        reminded);
}

/* Unanswered questions: after 7 days the experts of the topic (of the region first)
 * are told; after 30 days the asker is pointed to the desk of their prefecture. */
static void questions_job(struct db *db, int64_t now)
{
	static const struct {
		int days, from, to;
	} steps[] = {{7, 0, 1}, {30, 1, 2}};
	for (int s = 0; s < 2; s++) {
		struct arena *a = arena_new();
		struct unanswered q[64];
		int n = qa_unanswered(db, a, now - (int64_t)steps[s].days * 86400, steps[s].from, q,
		                      64);
		for (int i = 0; i < n; i++) {
			if (db_begin(db) < 0)
				break;
			const char *link = link_question(a, q[i].id, NULL);
			if (s == 0) {
				int64_t experts[10];
				int k =
				    qa_experts_for(db, q[i].topic, q[i].prefecture, experts, 10);
				for (int e = 0; e < k; e++)
					notify(db, experts[e], "question_waiting", link);
			} else if (q[i].asker_id) {
				notify(db, q[i].asker_id, "question_go_to_desk", "/requests/new");
			}
			if (qa_set_followup(db, q[i].id, steps[s].to) != KK_OK ||
			    db_commit(db) != KK_OK)
				db_rollback(db);
		}
		arena_free(a);
	}
}

/* Questions 30 days old move to the settled part of the search index (store/qa.h), a
 * transaction per SETTLE_BATCH: each is indexed anew, and writers wait meanwhile. Then the
 * small segments that this and every question or answer since wrote are merged, at most
 * MERGE_PAGES pages of work (4 KiB each) a run: a search reads every segment. */
#define SETTLE_BATCH 500
#define MERGE_PAGES  2000
static void search_job(struct db *db, int64_t now)
{
	int n;
	do {
		if (db_begin(db) != KK_OK)
			return;
		n = qa_settle(db, now - QA_SETTLE_AFTER, SETTLE_BATCH);
		if (n < 0 || db_commit(db) != KK_OK) {
			db_rollback(db);
			return;
		}
	} while (n == SETTLE_BATCH);
	qa_index_merge(db, MERGE_PAGES); /* a failure is logged; the next run tries again */
}

/* The day before an event, everyone registered or waiting is reminded, once. */
static void events_job(struct db *db, int64_t now)
{
	int64_t ids[64];
	int n = events_due_reminders(db, now, ids, 64);
	struct arena *a = arena_new();
	for (int i = 0; i < n; i++) {
		int64_t people[1000];
		if (db_begin(db) < 0)
			break;
		int k = events_people(db, ids[i], people, 1000);
		if (k >= 0)
			notify_many(db, people, k, "event_reminder", link_event(a, ids[i], NULL));
		if (k < 0 || events_mark_reminded(db, ids[i]) != KK_OK || db_commit(db) != KK_OK)
			db_rollback(db);
	}
	arena_free(a);
}

static void escalation_job(struct db *db, int64_t now)
{
	(void)now;
	incidents_escalate_due(db);
}

static void outbox_job(struct db *db, int64_t now)
{
	(void)now;
	deliver_due(db);
}

/* The earlier of the next offer deadline and the next outbox retry. */
static int64_t next_deadline(struct db *db)
{
	int64_t next = requests_next_deadline(db), mail = outbox_next(db);
	if (mail && (!next || mail < next))
		next = mail;
	return next;
}

/* The registry's change log keeps its last 100,000 entries: a server process further
 * behind than that reloads the whole registry. */
static void registry_job(struct db *db, int64_t now)
{
	(void)now;
	registry_log_prune(db, 100000);
}

static const struct job jobs[] = {
    {"sessions", sessions_job},     {"certificates", certificates_job},
    {"escalation", escalation_job}, {"questions", questions_job},
    {"outbox", outbox_job},         {"assessments", assessments_job},
    {"events", events_job},         {"registry", registry_job},
    {"search", search_job},
};

const struct worker_jobs app_jobs = {
    .jobs = jobs,
    .njobs = (int)(sizeof jobs / sizeof jobs[0]),
    .interval = 300,
    .next_deadline = next_deadline,
};
