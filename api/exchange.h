/* exchange.h — one HTTP request and its answer, between libmicrohttpd and the pipeline
 * (dispatch.h): the request as ulfius structures (what the handlers read), its body read piece
 * by piece within the route's limit, and the answer handed to libmicrohttpd without a copy.
 * libmicrohttpd's threads (server.c) drive it; the steps that may wait for the database run as
 * a job on the workers (workers.h) while libmicrohttpd holds the connection suspended. */
#ifndef EDX_API_EXCHANGE_H
#define EDX_API_EXCHANGE_H
#include <microhttpd.h>
#include "api/http.h"
#include "api/workers.h"
#include "src/rules/head_screen.h"

typedef struct edx_exchange edx_exchange;

/* A request whose request line named uri (the path with its query string), on connection. later:
 * NULL for a connection's first request (its head was screened before libmicrohttpd read it,
 * admission.h), else the limits its head is judged by, by the same rule, once libmicrohttpd
 * has read it. NULL when out of memory. */
edx_exchange *edx_exchange_new(const char *uri, struct MHD_Connection *connection,
                               const edx_head_limits *later);
void edx_exchange_free(edx_exchange *x);

/* libmicrohttpd's access handler for this exchange: reads the head (method and version are the
 * request line's; over_limit: the connection came beyond the connection limit, a 503), the body
 * in pieces, and queues the answer once it is made. Work that may wait is handed to workers and
 * the connection suspended until it is done. body_kept is set to the body bytes kept by this
 * call (0 once the body passed its limit: they are read past). */
enum MHD_Result edx_exchange_step(edx_exchange *x, edx_app *app, edx_workers *workers,
                                  const char *method, const char *version, int over_limit,
                                  const char *upload, size_t *upload_size, size_t *body_kept);
/* Whether the exchange is past its head and waits for (more of) its body. */
int edx_exchange_in_body(const edx_exchange *x);
#endif
