#include "jobs/worker.h"
#include "app/config.h"
#include "app/desks.h"
#include "app/notify.h"
#include "jobs/deliver.h"
#include "domain/date.h"
#include "http/session.h"
#include "store/credentials.h"
#include "store/notifications.h"
#include "store/outbox.h"
#include "store/qa.h"
#include "store/requests.h"
#include "store/audit.h"
#include "store/sessions.h"

#include <errno.h>
#include <pthread.h>
#include <stdbool.h>
#include <stdio.h>
#include <time.h>

static pthread_t thread;
static pthread_mutex_t lock = PTHREAD_MUTEX_INITIALIZER;
static pthread_cond_t wake = PTHREAD_COND_INITIALIZER;
static bool stopping, running, poked;
static int interval;

/* Certificates expire by their stored date; holders are reminded before. */
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
		int64_t ids[64], askers[64];
		const char *topics[64], *prefs[64];
		int n = qa_unanswered(db, a, now - (int64_t)steps[s].days * 86400, steps[s].from,
		                      ids, topics, prefs, askers, 64);
		for (int i = 0; i < n; i++) {
			if (db_begin(db) < 0)
				break;
			const char *link = arena_printf(a, "/qa/%lld", (long long)ids[i]);
			if (s == 0) {
				int64_t experts[10];
				int k = qa_experts_for(db, topics[i], prefs[i], experts, 10);
				for (int e = 0; e < k; e++)
					notify(db, experts[e], "question_waiting", link);
			} else if (askers[i]) {
				notify(db, askers[i], "question_go_to_desk", "/requests/new");
			}
			if (qa_set_followup(db, ids[i], steps[s].to) != KK_OK ||
			    db_commit(db) != KK_OK)
				db_rollback(db);
		}
		arena_free(a);
	}
}

void worker_run_jobs(void)
{
	struct db *db = db_thread();
	if (!db)
		return;
	int64_t now = db_now();
	sessions_expire(db, now - SESSION_IDLE_SECONDS, now - SESSION_MAX_SECONDS);
	/* Failures older than the throttling window no longer count for anything. */
	login_failure_purge(db, now - 24 * 3600);
	certificates_job(db, now);
	incidents_escalate_due(db);
	questions_job(db, now);
	deliver_due(db);
}

void worker_poke(void)
{
	pthread_mutex_lock(&lock);
	poked = true;
	pthread_cond_signal(&wake);
	pthread_mutex_unlock(&lock);
}

/* Seconds until the interval ends or the next stored deadline, whichever is first. */
static int64_t next_wait(void)
{
	struct db *db = db_thread();
	int64_t now = db_now(), next = db ? requests_next_deadline(db) : 0;
	int64_t mail = db ? outbox_next(db) : 0;
	if (mail && (!next || mail < next))
		next = mail;
	if (next && next - now < interval)
		return next > now ? next - now : 1; /* never spin on a stuck deadline */
	return interval;
}

static void *loop(void *arg)
{
	(void)arg;
	for (;;) {
		worker_run_jobs();
		/* The database is read without the lock held, so a request thread that pokes
		 * from inside a transaction never waits on it; a poke or a stop that comes
		 * while the jobs run is seen below (the flags), not lost. */
		int64_t wait = next_wait();
		struct timespec until;
		clock_gettime(CLOCK_REALTIME, &until);
		until.tv_sec += wait;
		pthread_mutex_lock(&lock);
		while (!stopping && !poked)
			if (pthread_cond_timedwait(&wake, &lock, &until) == ETIMEDOUT)
				break;
		poked = false;
		bool stop = stopping;
		pthread_mutex_unlock(&lock);
		if (stop)
			break;
	}
	return NULL;
}

int worker_start(int interval_s)
{
	interval = interval_s;
	stopping = false;
	if (pthread_create(&thread, NULL, loop, NULL) != 0) {
		fprintf(stderr, "kakekomi: cannot start the worker thread\n");
		return -1;
	}
	running = true;
	return 0;
}

void worker_stop(void)
{
	if (!running)
		return;
	pthread_mutex_lock(&lock);
	stopping = true;
	pthread_cond_signal(&wake);
	pthread_mutex_unlock(&lock);
	pthread_join(thread, NULL);
	running = false;
}
