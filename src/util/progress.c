#include "util/progress.h"

#include <stdio.h>
#include <string.h>
#include <time.h>
#include <unistd.h>

double progress_seconds(void)
{
	struct timespec ts;
	clock_gettime(CLOCK_MONOTONIC, &ts);
	return (double)ts.tv_sec + (double)ts.tv_nsec / 1e9;
}

/* "1 h 02 min", "3 min 05 s", "12 s". */
static void duration(char *out, size_t n, double s)
{
	long t = (long)(s + 0.5);
	if (t >= 3600)
		snprintf(out, n, "%ld h %02ld min", t / 3600, t / 60 % 60);
	else if (t >= 60)
		snprintf(out, n, "%ld min %02ld s", t / 60, t % 60);
	else
		snprintf(out, n, "%ld s", t);
}

void progress_format(char *out, size_t n, const char *what, long done, long total, double elapsed,
                     int columns)
{
	char time_text[32];
	if (total <= 0) {
		duration(time_text, sizeof time_text, elapsed);
		if (done < 0)
			snprintf(out, n, "  %s  %s", what, time_text);
		else
			snprintf(out, n, "  %s %ld  %s", what, done, time_text);
		return;
	}
	if (done > total)
		done = total;
	if (done > 0 && done < total) {
		duration(time_text, sizeof time_text,
		         elapsed * (double)(total - done) / (double)done);
		strncat(time_text, " left", sizeof time_text - strlen(time_text) - 1);
	} else {
		duration(time_text, sizeof time_text, elapsed);
	}
	char counts[64];
	snprintf(counts, sizeof counts, "%ld/%ld", done, total);
	int fixed =
	    2 + (int)strlen(what) + 2 + 2 + 1 + (int)strlen(counts) + 2 + (int)strlen(time_text);
	int bar = columns - fixed;
	if (bar > 40)
		bar = 40;
	if (bar < 10)
		bar = 10;
	char cells[41];
	int full = (int)((double)bar * (double)done / (double)total);
	for (int i = 0; i < bar; i++)
		cells[i] = i < full ? '#' : '.';
	cells[bar] = '\0';
	snprintf(out, n, "  %s [%s] %s  %s", what, cells, counts, time_text);
}

static void draw(struct progress *p)
{
	char line[256];
	progress_format(line, sizeof line, p->what, p->done, p->total, progress_seconds() - p->t0,
	                80);
	fprintf(stderr, "\r%s\033[K", line);
	fflush(stderr);
	p->drawn = progress_seconds();
}

static bool enabled;

void progress_enable(void)
{
	enabled = true;
}

void progress_start(struct progress *p, const char *what, long total)
{
	*p = (struct progress){what,
	                       total,
	                       total > 0 ? 0 : -1,
	                       progress_seconds(),
	                       0,
	                       enabled && isatty(STDERR_FILENO) == 1};
	if (p->tty)
		draw(p);
}

void progress_step(struct progress *p, long done)
{
	p->done = p->total > 0 ? done : -1;
	if (p->tty && progress_seconds() - p->drawn >= 0.1)
		draw(p);
}

void progress_end(struct progress *p)
{
	if (!p->tty)
		return;
	draw(p);
	fputc('\n', stderr);
}
