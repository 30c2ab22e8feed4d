/* server.h — the HTTP server's life: libmicrohttpd's pool of poll() threads, bound to the
 * configured address, answering through edudx's own pipeline (exchange.h, dispatch.h) with the
 * work that may wait on a pool of workers (workers.h), deadlines and a connection limit
 * (connections.h); graceful stop (stop accepting, close idle connections, let in-flight
 * requests finish, then close). */
#ifndef EDX_API_SERVER_H
#define EDX_API_SERVER_H
#include <stddef.h>
#include "api/http.h"

/* libmicrohttpd's threads: they read and write sockets and answer what needs no database; the
 * configured --threads are the workers that do the rest. */
#define EDX_IO_THREADS 2
/* Seconds for the rest of a request head once its request line is in, and for a body's first
 * bytes (then one more second per EDX_BODY_BYTES_PER_SECOND received). */
#define EDX_HEAD_DEADLINE_S 10
#define EDX_BODY_DEADLINE_S 10
#define EDX_BODY_BYTES_PER_SECOND 16384
/* A connection's first request head is screened (admission.h) to fit in libmicrohttpd's 64 KiB
 * of connection memory with room to spare: a request line of at most 16 KiB (414 beyond), a
 * head of at most 32 KiB (431 beyond) with at most 100 header fields (431 beyond). */
#define EDX_LINE_MAX 16384
#define EDX_HEAD_MAX 32768
#define EDX_FIELDS_MAX 100
/* Seconds a connection beyond the limit has to send the head that gets its 503. */
#define EDX_OVER_LIMIT_DEADLINE_S 5

typedef struct edx_server edx_server;

/* Starts serving app (ulfius's process-wide state with it: one server per process). Returns 0,
 * or -1 with a one-line message in err. */
int edx_server_start(edx_server **out, edx_app *app, char *err, size_t errlen);
/* Stops accepting new connections and closes idle ones, waits up to drain_s seconds for
 * in-flight requests to end, then stops the server and frees it (and ulfius's process-wide
 * state). NULL-safe. */
void edx_server_shutdown(edx_server *server, int drain_s);
#endif
