/* server.h — the libmicrohttpd daemon: start, serve, stop on a signal. */
#ifndef KK_SERVER_H
#define KK_SERVER_H

#include "http/req.h"

/* The application's route table (app/routes.c). */
extern const struct route app_routes[];
extern const size_t app_nroutes;

/* Serve until SIGINT or SIGTERM, then let in-flight requests finish.
 * Returns a process exit status. */
int server_run(void);

/* Format "2026-01-02T03:04:05Z" for t (UTC). */
void format_utc(int64_t t, char out[21]);

#endif
