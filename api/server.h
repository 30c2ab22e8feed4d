/* server.h — the HTTP server's life: libmicrohttpd's thread pool under ulfius, bound to the
 * configured address, with connection timeouts and limits; graceful stop (stop accepting, let
 * in-flight requests finish, then close). */
#ifndef EDX_API_SERVER_H
#define EDX_API_SERVER_H
#include <stddef.h>
#include "api/http.h"

typedef struct edx_server edx_server;

/* Starts serving app (ulfius's process-wide state with it: one server per process). Returns 0,
 * or -1 with a one-line message in err. */
int edx_server_start(edx_server **out, edx_app *app, char *err, size_t errlen);
/* Stops accepting new connections, waits up to drain_s seconds for in-flight requests to end,
 * then stops the server and frees it (and ulfius's process-wide state). NULL-safe. */
void edx_server_shutdown(edx_server *server, int drain_s);
#endif
