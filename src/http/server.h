/* server.h — the libmicrohttpd daemon: start, serve, stop on a signal.
 *
 * The server knows HTTP, not the application: what the application brings
 * (its routes, who is asking, how an error looks) comes in a struct
 * server_app, so nothing under http/ includes app/, view/ or store/. */
#ifndef KK_SERVER_H
#define KK_SERVER_H

#include "http/req.h"

/* Serve app until SIGINT or SIGTERM, then let in-flight requests finish.
 * app must outlive the call. Returns a process exit status. */
int server_run(const struct server_app *app);
/* How many connections are open now (for /metrics). */
unsigned server_open_connections(void);

#endif
