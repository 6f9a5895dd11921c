/* worker.h — the background worker thread: timed jobs driven by what is in
 * the database (for now: removing expired sessions and old login failures),
 * so a restart loses nothing. */
#ifndef KK_WORKER_H
#define KK_WORKER_H

/* Start the thread; it runs every job at once and then every interval_s seconds. */
int worker_start(int interval_s);
/* Ask the thread to stop and wait for it. */
void worker_stop(void);

/* Wake the worker now (a new deadline was stored). */
void worker_poke(void);

/* One pass of every job on the calling thread's connection (also used by tests). */
void worker_run_jobs(void);

#endif
