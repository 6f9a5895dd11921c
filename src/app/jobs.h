/* jobs.h — what the worker does for kakekomi: the table of timed jobs
 * (sessions, login failures, certificates, incident escalation, unanswered
 * questions, the outbox, self-checks, events, the registry's log, settling the
 * search index's questions) that main registers with worker_start. */
#ifndef KK_APP_JOBS_H
#define KK_APP_JOBS_H

#include "jobs/worker.h"

extern const struct worker_jobs app_jobs;

#endif
