/* cors.c — CORS allow-list and preflight (see cors.h). */
#include <stdlib.h>
#include <string.h>
#include "api/cors.h"
#include "src/rules/errors.h"

static int origin_allowed(const edx_ctx *ctx, const char *origin)
{
  for (char **o = ctx->app->cors_origins; origin && o && *o; o++)
    if (strcmp(*o, origin) == 0)
      return 1;
  return 0;
}

void edx_cors_headers(edx_ctx *ctx)
{
  const char *origin = edx_header(ctx, "Origin");
  edx_add_header(ctx, "Vary", "Origin");
  if (!origin_allowed(ctx, origin))
    return;
  edx_add_header(ctx, "Access-Control-Allow-Origin", origin);
  edx_add_header(ctx, "Access-Control-Expose-Headers",
                 "ETag, Location, Retry-After, Allow, Idempotent-Replayed, Content-Disposition, "
                 "Link");
}

void edx_cors_preflight(edx_ctx *ctx, const char *allow)
{
  const char *origin = edx_header(ctx, "Origin");
  edx_add_header(ctx, "Allow", allow);
  if (origin && !origin_allowed(ctx, origin)) {
    edx_problem(ctx, EDX_EFORBIDDEN, "this origin is not allowed to call the API", NULL);
    return;
  }
  if (origin) {
    edx_add_header(ctx, "Access-Control-Allow-Methods", allow);
    edx_add_header(ctx, "Access-Control-Allow-Headers",
                   "Authorization, Content-Type, If-Match, If-None-Match, Idempotency-Key, Accept");
    edx_add_header(ctx, "Access-Control-Max-Age", "600");
  }
  edx_respond_empty(ctx, 204);
}

char **edx_cors_parse(const char *list)
{
  char *copy = strdup(list ? list : "");
  char *save = NULL;
  size_t n = 0;
  char **out = calloc(strlen(copy) / 2 + 2, sizeof(char *));
  for (char *tok = strtok_r(copy, ", ", &save); out && tok; tok = strtok_r(NULL, ", ", &save))
    out[n++] = strdup(tok);
  free(copy);
  return out;
}

void edx_cors_free(char **origins)
{
  for (char **o = origins; o && *o; o++)
    free(*o);
  free(origins);
}
