/* routes.h — kakekomi as the server sees it: the route table and the hooks
 * (database, who is asking, CSRF, error replies) that main passes to server_run. */
#ifndef KK_APP_ROUTES_H
#define KK_APP_ROUTES_H

#include "http/req.h"

extern const struct server_app app_server;

#endif
