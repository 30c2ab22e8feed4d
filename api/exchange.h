/* exchange.h — one HTTP request and its answer, between libmicrohttpd and the pipeline
 * (dispatch.h): the request as ulfius structures (what the handlers read), its body read piece
 * by piece within the route's limit, and the answer handed to libmicrohttpd without a copy. The
 * server (server.c) drives it from libmicrohttpd's callbacks. */
#ifndef EDX_API_EXCHANGE_H
#define EDX_API_EXCHANGE_H
#include <microhttpd.h>
#include "api/http.h"

typedef struct edx_exchange edx_exchange;

/* A request whose request line named uri (the path with its query string). NULL when out of
 * memory. */
edx_exchange *edx_exchange_new(const char *uri);
void edx_exchange_free(edx_exchange *x);

/* The head is in: reads the headers, query parameters and the client's address from
 * connection (method and version are the request line's), then decides what it can from them (dispatch.h); over_limit: the connection came
 * beyond the connection limit (503). Returns 1 when the answer is decided, 0 when the body is to
 * be read. */
int edx_exchange_head(edx_exchange *x, edx_app *app, struct MHD_Connection *connection,
                      const char *method, const char *version, int over_limit);
/* len more bytes of the body. Returns 0 when they were kept, 1 when the answer is decided (the
 * body passed the route's limit: 413, answered when the body ends) and they were not. */
int edx_exchange_body(edx_exchange *x, const char *data, size_t len);
/* Whether edx_exchange_head was called. */
int edx_exchange_has_head(const edx_exchange *x);
/* The whole request is in (or the answer is decided): runs the handler if it has not answered,
 * finishes the answer and queues it on connection. */
enum MHD_Result edx_exchange_answer(edx_exchange *x, struct MHD_Connection *connection);
#endif
