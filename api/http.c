/* http.c — the request context and every way of answering (see http.h). No handler writes its
 * own error body: problems come from edx_problem alone. */
#include <poll.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include "api/encoding.h"
#include "api/http.h"
#include "src/rules/content_coding.h"
#include "src/rules/csv.h"
#include "src/rules/errors.h"
#include "src/rules/etag.h"
#include "src/rules/fields.h"
#include "src/rules/jsonx.h"
#include "src/rules/labels.h"
#include "src/rules/problems.h"

edx_conn *edx_ctx_conn(edx_ctx *ctx)
{
  int rc;
  if (ctx->conn)
    return ctx->conn;
  rc = edx_pool_acquire(ctx->app->pool, &ctx->conn);
  if (rc != EDX_OK) {
    ctx->conn = NULL;
    edx_problem(ctx, rc, NULL, NULL);
  }
  return ctx->conn;
}

int edx_client_gone(const edx_ctx *ctx)
{
  struct pollfd p = {.fd = ctx->client_fd, .events = POLLRDHUP};
  return ctx->client_fd >= 0 && poll(&p, 1, 0) > 0 &&
         (p.revents & (POLLRDHUP | POLLHUP | POLLERR)) != 0;
}

const char *edx_query(const edx_ctx *ctx, const char *name)
{
  return u_map_get(ctx->req->map_url, name);
}

void edx_query_set(edx_ctx *ctx, const char *name, const char *value)
{
  u_map_put(ctx->req->map_url, name, value);
}

const char *edx_header(const edx_ctx *ctx, const char *name)
{
  return u_map_get_case(ctx->req->map_header, name);
}

void edx_add_header(edx_ctx *ctx, const char *name, const char *value)
{
  ulfius_add_header_to_response(ctx->res, name, value);
}

void edx_respond_bytes(edx_ctx *ctx, int status, const char *content_type, const char *bytes,
                       size_t len)
{
  ulfius_set_binary_body_response(ctx->res, (unsigned int)status, (const char *)bytes, len);
  u_map_put(ctx->res->map_header, "Content-Type", content_type);
}

void edx_respond_empty(edx_ctx *ctx, int status)
{
  ulfius_set_empty_body_response(ctx->res, (unsigned int)status);
}

/* The answer varies with Accept-Language: says so (keeping what Vary lists already) and names
 * the language it is in. */
void edx_say_language(edx_ctx *ctx, edx_lang lang)
{
  const char *vary = u_map_get_case(ctx->res->map_header, "Vary");
  char merged[256];
  if (!vary || !*vary)
    snprintf(merged, sizeof(merged), "Accept-Language");
  else if (!edx_header_lists(vary, "Accept-Language"))
    snprintf(merged, sizeof(merged), "%s, Accept-Language", vary);
  else
    snprintf(merged, sizeof(merged), "%s", vary);
  u_map_remove_from_key_case(ctx->res->map_header, "Vary");
  u_map_put(ctx->res->map_header, "Vary", merged);
  u_map_put(ctx->res->map_header, "Content-Language", edx_lang_tag(lang));
}

void edx_problem(edx_ctx *ctx, int code, const char *detail, json_t *errors)
{
  const edx_problem_kind *k = edx_problem_kind_of(code);
  edx_lang lang = edx_lang_from_accept(edx_header(ctx, "Accept-Language"));
  const char *title = edx_problem_title(k, lang);
  char type[64];
  json_t *doc;
  char *text;
  if (!detail || !*detail)
    detail = edx_error_last();
  if (k->status == 500 || !detail || !*detail)
    detail = k->status == 500 ? "the server could not complete the request" : title;
  snprintf(type, sizeof(type), "urn:edudx:problem:%s", k->slug);
  doc = json_pack("{s:s,s:s,s:i,s:s,s:s}", "type", type, "title", title, "status", k->status,
                  "detail", detail, "instance", ctx->req->url_path);
  if (errors && json_array_size(errors) > 0) {
    edx_errors_localise(errors, lang);
    json_object_set(doc, "errors", errors);
  }
  json_decref(errors);
  text = json_dumps(doc, JSON_COMPACT);
  edx_respond_bytes(ctx, k->status, "application/problem+json", text, strlen(text));
  edx_say_language(ctx, lang);
  if (k->status == 503) {
    char retry[8];
    snprintf(retry, sizeof(retry), "%d", EDX_RETRY_AFTER_S);
    edx_add_header(ctx, "Retry-After", retry);
  }
  if (k->status == 401)
    edx_add_header(ctx, "WWW-Authenticate", "Bearer realm=\"edudx\"");
  free(text);
  json_decref(doc);
}

int edx_respond_tagged(edx_ctx *ctx, int status, const char *content_type, const char *body,
                       size_t len, const char *etag)
{
  if (status == 200 && (strcmp(ctx->req->http_verb, "GET") == 0 ||
                        strcmp(ctx->req->http_verb, "HEAD") == 0) &&
      edx_etag_matches_variant(edx_header(ctx, "If-None-Match"), etag, 1)) {
    char variant[EDX_ETAG_GZIP_LEN];
    edx_encoding_etag(variant, ctx->req, len, etag);
    edx_add_header(ctx, "ETag", variant);
    edx_respond_empty(ctx, 304);
    return 1;
  }
  /* the identity ETag: the dispatcher swaps it for the gzip variant's if it encodes the body */
  edx_add_header(ctx, "ETag", etag);
  edx_respond_bytes(ctx, status, content_type, body, len);
  return 0;
}

void edx_respond_json_text(edx_ctx *ctx, int status, const char *text, size_t len)
{
  char etag[EDX_ETAG_LEN];
  /* the ETag is that of the bytes sent, so one serialisation serves both */
  edx_etag_of_bytes(etag, text, len);
  edx_respond_tagged(ctx, status, "application/json", text, len, etag);
}

void edx_respond_json(edx_ctx *ctx, int status, const json_t *value)
{
  char *text = json_dumps(value, EDX_JSON_OUT);
  if (!text) {
    edx_problem(ctx, EDX_EINTERNAL, NULL, NULL);
    return;
  }
  edx_respond_json_text(ctx, status, text, strlen(text));
  free(text);
}

const char *const edx_list_formats[] = {"json", "csv", NULL};

int edx_wants_csv(const edx_ctx *ctx)
{
  const char *format = edx_query(ctx, "format");
  const char *accept = edx_header(ctx, "Accept");
  if (ctx->csv_path)
    return 1;
  if (format)
    return strcmp(format, "csv") == 0;
  return accept && strstr(accept, "text/csv") != NULL;
}

char edx_csv_sep_of(const edx_ctx *ctx)
{
  char sep = ',';
  if (edx_csv_sep_parse(edx_query(ctx, "sep"), &sep) != 0)
    sep = ','; /* refused with 400 before any answer is written */
  return sep;
}

const char *edx_csv_lang_tag(const edx_ctx *ctx)
{
  return edx_lang_tag(edx_lang_from_token(edx_query(ctx, "lang")));
}

const char **edx_csv_header_names(const edx_ctx *ctx, const char *const *columns)
{
  return edx_csv_headers(columns, edx_lang_from_token(edx_query(ctx, "lang")));
}

void edx_respond_list(edx_ctx *ctx, const json_t *list, const char *const *csv_columns,
                      const char *csv_name)
{
  char etag[EDX_ETAG_LEN];
  size_t len = 0;
  const char **headers;
  char *csv;
  if (!csv_columns || !edx_wants_csv(ctx)) {
    edx_respond_json(ctx, 200, list);
    return;
  }
  headers = edx_csv_header_names(ctx, csv_columns);
  csv = headers ? edx_csv_render_headed(json_object_get(list, "items"), csv_columns, headers,
                                        edx_csv_sep_of(ctx), &len)
                : NULL;
  free(headers);
  if (!csv) {
    edx_problem(ctx, EDX_EINTERNAL, NULL, NULL);
    return;
  }
  edx_etag_of_bytes(etag, csv, len);
  if (!edx_respond_tagged(ctx, 200, "text/csv; charset=utf-8", csv, len, etag)) {
    char disposition[128];
    snprintf(disposition, sizeof(disposition), "attachment; filename=\"%s.csv\"", csv_name);
    edx_add_header(ctx, "Content-Disposition", disposition);
  }
  free(csv);
}

void edx_answer(edx_ctx *ctx, int rc, json_t *value)
{
  if (rc == EDX_OK)
    edx_respond_json(ctx, 200, value);
  else
    edx_problem(ctx, rc, NULL, NULL);
  json_decref(value);
}

void edx_respond_json_tagged_as(edx_ctx *ctx, int status, const json_t *body,
                                const json_t *tagged)
{
  char etag[EDX_ETAG_LEN];
  char *text = json_dumps(body, EDX_JSON_OUT);
  if (!text) {
    edx_problem(ctx, EDX_EINTERNAL, NULL, NULL);
    return;
  }
  edx_etag_of_answer(etag, tagged);
  edx_respond_tagged(ctx, status, "application/json", text, strlen(text), etag);
  free(text);
}

int edx_check_if_match(edx_ctx *ctx, const json_t *current)
{
  char etag[EDX_ETAG_LEN];
  const char *header = edx_header(ctx, "If-Match");
  if (!header)
    return 0;
  edx_etag_of_answer(etag, current);
  if (edx_etag_matches_variant(header, etag, 0)) /* a client that read gzip sends its ETag */
    return 0;
  edx_problem(ctx, EDX_EPRECOND, "the resource changed since the ETag in If-Match was issued; "
                                 "fetch it again and retry", NULL);
  return EDX_EPRECOND;
}
