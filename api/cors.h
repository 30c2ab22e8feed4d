/* cors.h — cross-origin access for browser front-ends: an allow-list of origins (echoed back,
 * never "*"), Vary: Origin, and OPTIONS preflight answered without a token. */
#ifndef EDX_API_CORS_H
#define EDX_API_CORS_H
#include "api/http.h"

/* Adds Vary: Origin, and the Access-Control-* headers when the request's Origin is allowed. */
void edx_cors_headers(edx_ctx *ctx);
/* Answers OPTIONS for a path whose methods are listed in allow ("GET, POST, OPTIONS"): 204 with
 * the preflight headers, or 403 when the Origin is not on the allow-list. */
void edx_cors_preflight(edx_ctx *ctx, const char *allow);
/* Splits a comma-separated list of origins into a NULL-terminated array (caller frees with
 * edx_cors_free). */
char **edx_cors_parse(const char *list);
void edx_cors_free(char **origins);
#endif
