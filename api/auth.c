/* auth.c — Bearer token authentication (see auth.h): the token cache first, the database on a
 * miss; the caller as /v1/me shows it; and signed download links (?dl=, made by
 * POST /v1/download-links), for GET of a CSV answer without a header. */
#include <stdlib.h>
#include <string.h>
#include <strings.h>
#include <time.h>
#include "api/auth.h"
#include "api/routes.h"
#include "db/tokens.h"
#include "src/rules/download_link.h"
#include "src/rules/errors.h"
#include "src/runtime/metrics.h"
#include "src/runtime/secret.h"

/* 1 when the request's URL carries the signature sig of the link's token and expiry, keyed
 * with the server's link secret and digest (the token's stored digest): edx_link_key. */
static int link_signed(const edx_ctx *ctx, const char *token_id, long long expires,
                       const char *digest, const char *sig)
{
  char *plain = edx_dl_unsigned_url(ctx->req->http_url), *msg = NULL;
  int ok = 0;
  if (plain && (msg = edx_dl_message(plain, token_id, expires))) {
    char want[EDX_HMAC_B64_LEN];
    edx_link_sign(want, ctx->app->link_secret, ctx->app->link_secret_len, digest, msg);
    ok = edx_dl_same(want, sig);
  }
  free(plain);
  free(msg);
  return ok;
}

/* The link's token as the caller, when the link is intact, unexpired and its token still
 * valid, and the request a GET of a CSV answer; 0, or -1 after answering 401. */
static int authenticate_link(edx_ctx *ctx, const char *dl)
{
  char token_id[EDX_UUID_SIZE], sig[EDX_DL_SIG_LEN], digest[EDX_SHA256_HEX];
  long long expires = 0, now = (long long)time(NULL);
  const char *why = NULL;
  int rc;
  if (!edx_route_serves_csv(ctx->route) || (strcmp(ctx->req->http_verb, "GET") != 0 &&
                                            strcmp(ctx->req->http_verb, "HEAD") != 0)) {
    edx_problem(ctx, EDX_EUNAUTH, "a download link serves only GET of a CSV answer (a list, "
                                  "progress, procedure metrics or an export); this request needs "
                                  "Authorization: Bearer <token>", NULL);
    return -1;
  }
  if (edx_dl_parse(dl, token_id, &expires, sig) != 0 ||
      expires > now + EDX_DL_TTL_SECONDS + 60)
    why = "the download link is malformed or was altered";
  else if (expires < now)
    why = "the download link has expired; ask for a new one";
  if (!why && !edx_ctx_conn(ctx))
    return -1;
  rc = why ? EDX_OK : edx_db_token_link_digest(ctx->conn, token_id, digest);
  if (!why && rc == EDX_ENOTFOUND)
    why = "the token that made the download link is unknown, expired or revoked";
  else if (!why && rc == EDX_OK && !link_signed(ctx, token_id, expires, digest, sig))
    why = "the download link is malformed or was altered";
  if (!why && rc == EDX_OK)
    rc = edx_db_token_authenticate(ctx->conn, digest, &ctx->caller);
  if (!why && rc == EDX_ENOTFOUND)
    why = "the token that made the download link is unknown, expired or revoked";
  if (why || rc != EDX_OK) {
    edx_problem(ctx, why ? EDX_EUNAUTH : rc, why, NULL);
    return -1;
  }
  ctx->via_link = 1;
  return 0;
}

int edx_auth_authenticate(edx_ctx *ctx)
{
  const char *header = edx_header(ctx, "Authorization");
  const char *dl = edx_query(ctx, "dl");
  char hash[EDX_SHA256_HEX];
  unsigned long generation;
  edx_conn *c;
  int rc;
  if (!header && dl)
    return authenticate_link(ctx, dl);
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
