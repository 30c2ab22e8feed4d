/* auth.c — Bearer token authentication (see auth.h): the token cache first, the database on a
 * miss; the caller as /v1/me shows it. */
#include <string.h>
#include <strings.h>
#include "api/auth.h"
#include "db/tokens.h"
#include "src/rules/errors.h"
#include "src/runtime/metrics.h"
#include "src/runtime/secret.h"

int edx_auth_authenticate(edx_ctx *ctx)
{
  const char *header = edx_header(ctx, "Authorization");
  char hash[EDX_SHA256_HEX];
  unsigned long generation;
  edx_conn *c;
  int rc;
  if (!header) {
    edx_problem(ctx, EDX_EUNAUTH, "this endpoint needs a token: Authorization: Bearer <token>",
                NULL);
    return -1;
  }
  if (strncasecmp(header, "Bearer ", 7) != 0 || !edx_secret_looks_valid(header + 7)) {
    edx_problem(ctx, EDX_EUNAUTH, "the Authorization header must be 'Bearer <token>' with an "
                                  "edudx token", NULL);
    return -1;
  }
  edx_sha256_hex(hash, header + 7, strlen(header + 7));
  if (edx_token_cache_get(ctx->app->tokens, hash, &ctx->caller, &generation)) {
    edx_metrics_token_check(1);
    return 0;
  }
  edx_metrics_token_check(0);
  if (!(c = edx_ctx_conn(ctx)))
    return -1;
  rc = edx_db_token_authenticate(c, hash, &ctx->caller);
  if (rc == EDX_ENOTFOUND) {
    edx_problem(ctx, EDX_EUNAUTH, "the token is unknown, expired or revoked", NULL);
    return -1;
  }
  if (rc != EDX_OK) {
    edx_problem(ctx, rc, NULL, NULL);
    return -1;
  }
  edx_token_cache_put(ctx->app->tokens, hash, &ctx->caller, generation);
  return 0;
}

json_t *edx_me_json(const edx_caller *c)
{
  json_t *me = json_object();
  json_object_set_new(me, "token_id", json_string(c->token_id));
  json_object_set_new(me, "role", json_string(edx_role_name(c->role)));
  json_object_set_new(me, "district_id", c->district_id[0] ? json_string(c->district_id)
                                                           : json_null());
  json_object_set_new(me, "school_id", c->school_id[0] ? json_string(c->school_id) : json_null());
  json_object_set_new(me, "province_code", c->province_code[0] ? json_string(c->province_code)
                                                               : json_null());
  json_object_set_new(me, "label", c->label[0] ? json_string(c->label) : json_null());
  json_object_set_new(me, "expires_at", c->expires_at[0] ? json_string(c->expires_at)
                                                         : json_null());
  return me;
}
