/* progress.h — a progress bar for long command-line work (seeding, importing, rebuilding
 * the search index) on stderr, drawn only when stderr is a terminal: the counts, a bar
 * and the time left, redrawn at most ten times a second. Quiet otherwise, so logs and
 * pipes get no control characters. */
#ifndef KK_UTIL_PROGRESS_H
#define KK_UTIL_PROGRESS_H

#include <stdbool.h>
#include <stddef.h>

struct progress {
	const char *what;
	long total, done;
	double t0, drawn; /* seconds (monotonic) */
	bool tty;
};

/* The monotonic clock in seconds (for timing a step). */
double progress_seconds(void);

/* Let bars be drawn (a command run by hand; never the server, whose stderr is its log). */
void progress_enable(void);
/* Begin: what is counted ("experts"), how many in all (0: unknown, then only the count and
 * the time so far). */
void progress_start(struct progress *p, const char *what, long total);
/* done of the total are finished. */
void progress_step(struct progress *p, long done);
/* Finish the line (a newline, on a terminal). */
void progress_end(struct progress *p);

/* The line itself, for a width of columns: "  experts [#####.....] 40000/100000  12 s left"
 * (with total 0: "  experts 40000  3 s"; and done < 0 too: "  experts  3 s"). Pure; out
 * holds n bytes. */
void progress_format(char *out, size_t n, const char *what, long done, long total, double elapsed,
                     int columns);

#endif
