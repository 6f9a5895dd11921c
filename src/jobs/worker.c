#include "jobs/worker.h"
#include "store/db.h"

#include <errno.h>
#include <pthread.h>
#include <signal.h>
#include <stdbool.h>
#include <stdio.h>
#include <time.h>

static pthread_t thread;
static pthread_mutex_t lock = PTHREAD_MUTEX_INITIALIZER;
static pthread_cond_t wake = PTHREAD_COND_INITIALIZER;
static bool stopping, running, poked;
static const struct worker_jobs *work;

void worker_run_jobs(const struct worker_jobs *w)
{
	struct db *db = db_thread();
	if (!db)
		return;
	int64_t now = db_now();
	for (int i = 0; i < w->njobs; i++)
		w->jobs[i].run(db, now);
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
	int64_t now = db_now(), next = db && work->next_deadline ? work->next_deadline(db) : 0;
	if (next && next - now < work->interval)
		return next > now ? next - now : 1; /* never spin on a stuck deadline */
	return work->interval;
}

static void *loop(void *arg)
{
	(void)arg;
	for (;;) {
		worker_run_jobs(work);
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

int worker_start(const struct worker_jobs *w)
{
	work = w;
	stopping = false;
	/* The thread starts with every signal blocked (it inherits this mask), so a
	 * SIGTERM is always taken by the server's sigwait and never by this thread,
	 * where its default action would end the process before it stops cleanly. */
	sigset_t all, old;
	sigfillset(&all);
	pthread_sigmask(SIG_BLOCK, &all, &old);
	int rc = pthread_create(&thread, NULL, loop, NULL);
	pthread_sigmask(SIG_SETMASK, &old, NULL);
	if (rc != 0) {
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
