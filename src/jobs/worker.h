/* worker.h — the background worker thread: a loop over a table of jobs that
 * the application registers. Each pass runs every job in order; the thread
 * then sleeps until the interval ends, the earliest stored deadline comes, or
 * somebody pokes it. Jobs are driven by what is in the database, so a restart
 * loses nothing. */
#ifndef KK_WORKER_H
#define KK_WORKER_H

#include <stdint.h>

struct db;

struct job {
	const char *name;
	/* One run over what is due at now (UTC seconds), on the worker's connection. */
	void (*run)(struct db *db, int64_t now);
};

struct worker_jobs {
	const struct job *jobs;
	int njobs;
	int interval; /* seconds between passes when nothing is due sooner */
	/* The earliest stored deadline (UTC seconds), or 0 for none; may be NULL. */
	int64_t (*next_deadline)(struct db *db);
};

/* Start the thread over w (which must outlive it); it runs every job at once. 0 or -1. */
int worker_start(const struct worker_jobs *w);
/* Ask the thread to stop and wait for it. A no-op when it is not running. */
void worker_stop(void);

/* Wake the worker now (a new deadline was stored). Safe from any thread, also inside a
 * transaction: the worker reads the database without holding its lock. */
void worker_poke(void);

/* One pass of every job of w on the calling thread's connection. */
void worker_run_jobs(const struct worker_jobs *w);

#endif
