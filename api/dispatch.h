/* dispatch.h — the request pipeline, driven by the server (exchange.c) in steps as the request
 * arrives: from the head alone, the route (404, 405 with Allow, CORS preflight), the token (401),
 * what a reader may not do (403) and the declared body size (413), so that no body is read for a
 * request that is refused; then, with the body, JSON bodies (415, 400), query parameters (400)
 * and the handler; last the common headers, gzip content coding (encoding.h), metrics and the
 * access log. */
#ifndef EDX_API_DISPATCH_H
#define EDX_API_DISPATCH_H
#include <ulfius.h>
#include "api/http.h"

/* Sets ctx up for one request (req and res stay the caller's). */
void edx_dispatch_begin(edx_ctx *ctx, edx_app *app, const struct _u_request *req,
                        struct _u_response *res);
/* The head is in: finds the route, and answers what needs neither token nor database: 404, 405
 * with Allow, the CORS preflight. Returns 1 when it answered, 0 when a route matched. */
int edx_dispatch_route(edx_ctx *ctx);
/* Whether the matched route's work may wait (for the database): such work is not run on the
 * threads that move bytes (server.c). */
int edx_dispatch_waits(const edx_ctx *ctx);
/* The head of a matched route (declared_length: Content-Length, or -1 when none was sent): the
 * token (401), a reader writing (403), the declared length (413). Returns 1 when the request is
 * answered already, or 0 when its body is to be read, up to *limit bytes. The database
 * connection a token check took is given back: a slow upload holds none. */
int edx_dispatch_head(edx_ctx *ctx, long long declared_length, size_t *limit);
/* The body grew past limit bytes: answers 413. */
void edx_dispatch_too_large(edx_ctx *ctx, size_t limit);
/* The body is in (req->binary_body): runs the route's handler. */
void edx_dispatch_body(edx_ctx *ctx);
/* The answer is complete: common headers, content coding, metrics and the access log; gives
 * back what the request held. */
void edx_dispatch_end(edx_ctx *ctx);
#endif
