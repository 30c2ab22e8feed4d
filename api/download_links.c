/* download_links.c — POST /v1/download-links: a short-lived signed link for a browser, which can
 * follow a link but cannot send a Bearer header. The link is the path asked for with
 * `dl=<token id>.<expires>.<signature>` added; the signature is an HMAC of the method, the path
 * and query, the token id and the expiry (EDX_DL_TTL_SECONDS ahead), keyed with the server's
 * link secret and the stored digest of the token that asked (edx_link_key). GET of the link
 * without a header answers as that token would, until it expires or the token is revoked
 * (api/auth.c checks it). Nothing is stored. */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>
#include "api/routes.h"
#include "api/write.h"
#include "src/rules/download_link.h"
#include "src/rules/errors.h"
#include "src/rules/fields.h"
#include "src/rules/jsonx.h"
#include "src/runtime/secret.h"

static const edx_field link_fields[] = {
  {.name = "path", .kind = EDX_FIELD_STRING, .required = 1, .min = 1, .max = EDX_DL_PATH_MAX},
  {NULL},
};

/* 422 naming path when a link cannot be made for it; 0 when it can. */
static int check_path(edx_ctx *ctx, const char *path)
{
  const char *why = edx_dl_path_problem(path);
  json_t *errors;
  if (!why && !edx_route_serves_csv(edx_route_get(path)))
    why = "must be the path of a GET that answers CSV: a list, a progress answer, procedure "
          "metrics or an export";
  if (!why)
    return 0;
  errors = json_array();
  edx_errors_add(errors, "path", "%s", why);
  edx_problem(ctx, EDX_EINVALID, "no download link can be made for this path", errors);
  return -1;
}

/* The link's URL: path with dl added (malloc'ed), signed for the caller's token, whose stored
 * digest is digest, under the server's link secret. */
static char *signed_url(const edx_app *app, const char *path, const char *token_id,
                        const char *digest, long long expires)
{
  char *plain = edx_dl_unsigned_url(path), *msg = NULL, *url = NULL;
  if (plain && (msg = edx_dl_message(plain, token_id, expires))) {
    char sig[EDX_HMAC_B64_LEN];
    edx_link_sign(sig, app->link_secret, app->link_secret_len, digest, msg);
    if (asprintf(&url, "%s%cdl=%s.%lld.%s", path, strchr(path, '?') ? '&' : '?', token_id,
                 expires, sig) < 0)
      url = NULL;
  }
  free(plain);
  free(msg);
  return url;
}

void edx_download_links_create(edx_ctx *ctx)
{
  const char *header = edx_header(ctx, "Authorization"), *path;
  char digest[EDX_SHA256_HEX], expires_at[32];
  time_t expires = time(NULL) + EDX_DL_TTL_SECONDS;
  struct tm tm;
  char *url;
  if (edx_validate_body(ctx, link_fields, 0, "download link") != 0 ||
      check_path(ctx, path = edx_json_str(ctx->body, "path")) != 0)
    return;
  if (!header || ctx->via_link || !ctx->caller.token_id[0]) { /* a link makes no link */
    edx_problem(ctx, EDX_EFORBIDDEN, "a download link is made with a token's Authorization "
                                     "header", NULL);
    return;
  }
  edx_sha256_hex(digest, header + 7, strlen(header + 7)); /* the token's stored digest */
  if (!(url = signed_url(ctx->app, path, ctx->caller.token_id, digest, (long long)expires))) {
    edx_problem(ctx, EDX_EINTERNAL, NULL, NULL);
    return;
  }
  gmtime_r(&expires, &tm);
  strftime(expires_at, sizeof(expires_at), "%Y-%m-%dT%H:%M:%SZ", &tm);
  json_t *answer = json_pack("{s:s, s:s}", "url", url, "expires_at", expires_at);
  edx_respond_json(ctx, 200, answer);
  json_decref(answer);
  free(url);
}
