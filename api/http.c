/* http.c — request context helpers and every way of answering (see http.h). No handler writes
 * its own error body: problems come from edx_problem alone. */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include "api/http.h"
#include "db/districts.h"
#include "db/idempotency.h"
#include "db/query.h"
#include "src/rules/csv.h"
#include "src/rules/errors.h"
#include "src/rules/etag.h"
#include "src/rules/fields.h"
#include "src/rules/jsonx.h"
#include "src/rules/validate.h"

typedef struct {
  int code;
  int status;
  const char *slug;
  const char *title;
} problem_kind;

static const problem_kind kinds[] = {
  {EDX_EBADREQ, 400, "bad-request", "Bad request"},
  {EDX_EUNAUTH, 401, "unauthorized", "Unauthorized"},
  {EDX_EFORBIDDEN, 403, "forbidden", "Forbidden"},
  {EDX_ENOTFOUND, 404, "not-found", "Not found"},
  {EDX_EMETHOD, 405, "method-not-allowed", "Method not allowed"},
  {EDX_ECONFLICT, 409, "conflict", "Conflict"},
  {EDX_EPRECOND, 412, "precondition-failed", "Precondition failed"},
  {EDX_ETOOLARGE, 413, "payload-too-large", "Payload too large"},
  {EDX_EMEDIA, 415, "unsupported-media-type", "Unsupported media type"},
  {EDX_EINVALID, 422, "validation-failed", "Validation failed"},
  {EDX_EIDEMPOTENCY, 422, "idempotency-key-reused", "Idempotency key reused"},
  {EDX_EUNAVAIL, 503, "unavailable", "Service unavailable"},
  {EDX_EINTERNAL, 500, "internal", "Internal server error"},
};

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

const char *edx_query(const edx_ctx *ctx, const char *name)
{
  return u_map_get(ctx->req->map_url, name);
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

void edx_problem(edx_ctx *ctx, int code, const char *detail, json_t *errors)
{
  const problem_kind *k = &kinds[sizeof(kinds) / sizeof(kinds[0]) - 1];
  char type[64], retry[8];
  json_t *doc;
  char *text;
  for (size_t i = 0; i < sizeof(kinds) / sizeof(kinds[0]); i++)
    if (kinds[i].code == code)
      k = &kinds[i];
  if (!detail || !*detail)
    detail = edx_error_last();
  if (k->status == 500 || !detail || !*detail)
    detail = k->status == 500 ? "the server could not complete the request" : k->title;
  snprintf(type, sizeof(type), "urn:edudx:problem:%s", k->slug);
  doc = json_pack("{s:s,s:s,s:i,s:s,s:s}", "type", type, "title", k->title, "status", k->status,
                  "detail", detail, "instance", ctx->req->url_path);
  if (errors && json_array_size(errors) > 0)
    json_object_set(doc, "errors", errors);
  json_decref(errors);
  text = json_dumps(doc, JSON_COMPACT);
  edx_respond_bytes(ctx, k->status, "application/problem+json", text, strlen(text));
  if (k->status == 503) {
    snprintf(retry, sizeof(retry), "%d", EDX_RETRY_AFTER_S);
    edx_add_header(ctx, "Retry-After", retry);
  }
  if (k->status == 401)
    edx_add_header(ctx, "WWW-Authenticate", "Bearer realm=\"edudx\"");
  free(text);
  json_decref(doc);
}

void edx_respond_json_text(edx_ctx *ctx, int status, const char *text, size_t len)
{
  char etag[EDX_ETAG_LEN];
  /* the ETag is that of the bytes sent, so one serialisation serves both */
  edx_etag_of_bytes(etag, text, len);
  edx_add_header(ctx, "ETag", etag);
  if (status == 200 && (strcmp(ctx->req->http_verb, "GET") == 0 ||
                        strcmp(ctx->req->http_verb, "HEAD") == 0) &&
      edx_etag_matches(edx_header(ctx, "If-None-Match"), etag, 1))
    edx_respond_empty(ctx, 304);
  else
    edx_respond_bytes(ctx, status, "application/json", text, len);
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

static int wants_csv(const edx_ctx *ctx)
{
  const char *format = edx_query(ctx, "format");
  const char *accept = edx_header(ctx, "Accept");
  if (format)
    return strcmp(format, "csv") == 0;
  return accept && strstr(accept, "text/csv") != NULL;
}

void edx_respond_list(edx_ctx *ctx, const json_t *list, const char *const *csv_columns,
                      const char *csv_name)
{
  char etag[EDX_ETAG_LEN], disposition[128];
  size_t len = 0;
  char *csv;
  if (!wants_csv(ctx)) {
    edx_respond_json(ctx, 200, list);
    return;
  }
  csv = edx_csv_render(json_object_get(list, "items"), csv_columns, &len);
  if (!csv) {
    edx_problem(ctx, EDX_EINTERNAL, NULL, NULL);
    return;
  }
  edx_etag_of_bytes(etag, csv, len);
  edx_add_header(ctx, "ETag", etag);
  if (edx_etag_matches(edx_header(ctx, "If-None-Match"), etag, 1)) {
    edx_respond_empty(ctx, 304);
  } else {
    snprintf(disposition, sizeof(disposition), "attachment; filename=\"%s.csv\"", csv_name);
    edx_respond_bytes(ctx, 200, "text/csv; charset=utf-8", csv, len);
    edx_add_header(ctx, "Content-Disposition", disposition);
  }
  free(csv);
}

int edx_check_if_match(edx_ctx *ctx, const json_t *current)
{
  char etag[EDX_ETAG_LEN];
  const char *header = edx_header(ctx, "If-Match");
  if (!header)
    return 0;
  edx_etag_of_answer(etag, current);
  if (edx_etag_matches(header, etag, 0))
    return 0;
  edx_problem(ctx, EDX_EPRECOND, "the resource changed since the ETag in If-Match was issued; "
                                 "fetch it again and retry", NULL);
  return EDX_EPRECOND;
}

int edx_run_in_transaction(edx_ctx *ctx, edx_change_fn change, void *arg)
{
  edx_conn *c = edx_ctx_conn(ctx);
  int rc;
  if (!c)
    return EDX_EUNAVAIL;
  rc = edx_db_begin(c);
  if (rc == EDX_OK)
    rc = change(ctx, arg);
  if (rc != EDX_OK) {
    edx_db_rollback(c);
    if (ctx->res->status == 200 && !ctx->res->binary_body_length)
      edx_problem(ctx, rc, NULL, NULL);
    return rc;
  }
  rc = edx_db_commit(c);
  if (rc != EDX_OK) {
    /* the change's answer was already written: replace it, the change did not happen */
    edx_db_rollback(c);
    u_map_remove_from_key(ctx->res->map_header, "ETag");
    u_map_remove_from_key(ctx->res->map_header, "Location");
    edx_problem(ctx, rc, NULL, NULL);
  }
  return rc;
}

typedef struct {
  edx_create_fn create;
  const char *location_prefix;
  const char *id_field;
  const char *key;
  edx_idem_replay replay;
  json_t *created;
  char *location;
} create_run;

static int create_step(edx_ctx *ctx, void *arg)
{
  create_run *run = arg;
  char *text = NULL;
  int rc = EDX_OK;
  if (run->key) {
    rc = edx_db_idem_claim(ctx->conn, ctx->caller.token_id, ctx->req->url_path, run->key,
                           ctx->request_hash, &run->replay);
    if (rc != EDX_OK || run->replay.status)
      return rc;
  }
  rc = run->create(ctx, &run->created);
  if (rc != EDX_OK)
    return rc;
  if (asprintf(&run->location, "%s%s", run->location_prefix,
               edx_json_str(run->created, run->id_field)) < 0) {
    run->location = NULL;
    return EDX_EINTERNAL;
  }
  if (run->key) {
    text = json_dumps(run->created, EDX_JSON_OUT);
    rc = edx_db_idem_store(ctx->conn, ctx->caller.token_id, ctx->req->url_path, run->key, 201,
                           run->location, text);
    free(text);
  }
  return rc;
}

void edx_run_create(edx_ctx *ctx, edx_create_fn create, const char *location_prefix)
{
  edx_run_create_at(ctx, create, location_prefix, "id");
}

void edx_run_create_at(edx_ctx *ctx, edx_create_fn create, const char *location_prefix,
                       const char *id_field)
{
  create_run run = {create, location_prefix, id_field, edx_header(ctx, "Idempotency-Key"), {0},
                    NULL, NULL};
  if (run.key && !edx_is_idempotency_key(run.key)) {
    json_t *errors = json_array();
    edx_errors_add(errors, "Idempotency-Key", "must be 1 to 255 visible ASCII characters");
    edx_problem(ctx, EDX_EBADREQ, "the Idempotency-Key header is malformed", errors);
    return;
  }
  if (edx_run_in_transaction(ctx, create_step, &run) != EDX_OK)
    goto cleanup;
  if (run.replay.status) {
    char etag[EDX_ETAG_LEN];
    json_t *body = json_loads(run.replay.body, 0, NULL);
    edx_etag_of_answer(etag, body);
    edx_add_header(ctx, "ETag", etag);
    edx_add_header(ctx, "Idempotent-Replayed", "true");
    if (run.replay.location)
      edx_add_header(ctx, "Location", run.replay.location);
    edx_respond_bytes(ctx, run.replay.status, "application/json", run.replay.body,
                      strlen(run.replay.body));
    json_decref(body);
    goto cleanup;
  }
  edx_add_header(ctx, "Location", run.location);
  edx_respond_json(ctx, 201, run.created);
cleanup:
  edx_idem_replay_free(&run.replay);
  json_decref(run.created);
  free(run.location);
}

int edx_validate_body(edx_ctx *ctx, const void *spec_ptr, int patch, const char *what)
{
  const edx_field *spec = spec_ptr;
  json_t *errors = json_array();
  char detail[96];
  if (edx_fields_reject_unknown(ctx->body, spec, errors)) {
    snprintf(detail, sizeof(detail), "the body has fields clients cannot set on a %s", what);
    edx_problem(ctx, EDX_EBADREQ, detail, errors);
    return -1;
  }
  if (patch)
    edx_fields_check_patch(ctx->body, spec, errors);
  else
    edx_fields_check_create(ctx->body, spec, errors);
  if (json_array_size(errors) > 0) {
    snprintf(detail, sizeof(detail), "the %s has invalid fields", what);
    edx_problem(ctx, EDX_EINVALID, detail, errors);
    return -1;
  }
  json_decref(errors);
  return 0;
}

json_t *edx_load_scoped(edx_ctx *ctx, const char *param, edx_get_by_id_fn get, int for_update,
                        const char *what)
{
  const char *id = edx_path_param(&ctx->params, param);
  json_t *resource = NULL;
  char detail[64];
  int rc;
  snprintf(detail, sizeof(detail), "no %s with this id", what);
  if (!edx_is_uuid(id)) {
    edx_problem(ctx, EDX_ENOTFOUND, detail, NULL);
    return NULL;
  }
  rc = get(ctx->conn, &resource, id, for_update);
  if (rc != EDX_OK) {
    edx_problem(ctx, rc, rc == EDX_ENOTFOUND ? detail : NULL, NULL);
    return NULL;
  }
  if (!edx_caller_sees_district(&ctx->caller, edx_json_str(resource, "district_id"))) {
    json_decref(resource);
    edx_problem(ctx, EDX_EFORBIDDEN, "this token is scoped to another district", NULL);
    return NULL;
  }
  return resource;
}

void edx_finish_import(edx_ctx *ctx, json_t *row_errors, int dry_run, edx_change_fn apply,
                       void *run, size_t rows, const edx_import_counts *counts)
{
  json_t *result;
  if (json_array_size(row_errors) > 0) {
    char detail[128];
    snprintf(detail, sizeof(detail), "%zu problem(s) in the import; nothing was imported",
             json_array_size(row_errors));
    edx_problem(ctx, EDX_EINVALID, detail, json_incref(row_errors));
    return;
  }
  if (!dry_run && edx_run_in_transaction(ctx, apply, run) != EDX_OK)
    return;
  result = json_pack("{s:b,s:I,s:I,s:I,s:I}", "dry_run", dry_run, "rows", (json_int_t)rows,
                     "created", (json_int_t)counts->created, "updated",
                     (json_int_t)counts->updated, "unchanged", (json_int_t)counts->unchanged);
  edx_respond_json(ctx, 200, result);
  json_decref(result);
}

json_t *edx_load_district(edx_ctx *ctx, int for_update)
{
  const char *ref = NULL;
  edx_ref_kind kind = edx_ref_parse(edx_path_param(&ctx->params, "district"), &ref);
  json_t *district = NULL;
  int rc;
  if (kind == EDX_REF_INVALID) {
    edx_problem(ctx, EDX_ENOTFOUND, "no such district: use its id or code:<code>", NULL);
    return NULL;
  }
  rc = edx_db_district_get(ctx->conn, &district, kind, ref, for_update);
  if (rc != EDX_OK) {
    edx_problem(ctx, rc, NULL, NULL);
    return NULL;
  }
  if (!edx_caller_sees_district(&ctx->caller, edx_json_str(district, "id"))) {
    json_decref(district);
    edx_problem(ctx, EDX_EFORBIDDEN, "this token is scoped to another district", NULL);
    return NULL;
  }
  return district;
}

json_t *edx_district_brief(const json_t *district)
{
  return json_pack("{s:O,s:O,s:O}", "id", json_object_get(district, "id"), "code",
                   json_object_get(district, "code"), "name", json_object_get(district, "name"));
}

int edx_scope_district(edx_ctx *ctx, const char **district_id)
{
  const char *scope = edx_caller_district_scope(&ctx->caller);
  if (!scope)
    return 0;
  if (*district_id && strcmp(*district_id, scope) != 0) {
    edx_problem(ctx, EDX_EFORBIDDEN, "this token is scoped to another district", NULL);
    return -1;
  }
  *district_id = scope;
  return 0;
}

void edx_default_district(edx_ctx *ctx)
{
  const char *own = edx_caller_office_district(&ctx->caller);
  if (own && !json_object_get(ctx->body, "district_id"))
    json_object_set_new(ctx->body, "district_id", json_string(own));
}

int edx_office_only(edx_ctx *ctx)
{
  if (edx_caller_sees_office(&ctx->caller))
    return 0;
  edx_problem(ctx, EDX_EFORBIDDEN, "school tokens have no access to procedures and dossiers", NULL);
  return -1;
}

const char *edx_query_uuid(const edx_ctx *ctx, const char *name, json_t *errors)
{
  const char *v = edx_query(ctx, name);
  if (v && !edx_is_uuid(v))
    edx_errors_add(errors, name, "must be a UUID");
  return v;
}

const char *edx_query_timestamp(const edx_ctx *ctx, const char *name, json_t *errors)
{
  const char *v = edx_query(ctx, name);
  if (v && !edx_is_rfc3339(v))
    edx_errors_add(errors, name, "must be an RFC 3339 date-time such as 2024-05-31T08:00:00Z");
  return v;
}

const char *edx_query_bool(const edx_ctx *ctx, const char *name, json_t *errors)
{
  const char *v = edx_query(ctx, name);
  int b;
  if (v && edx_parse_bool(v, &b))
    edx_errors_add(errors, name, "must be true or false");
  return v;
}

const char *edx_query_enum(const edx_ctx *ctx, const char *name, const char *const *choices,
                           json_t *errors)
{
  const char *v = edx_query(ctx, name);
  char list[256] = "";
  if (!v)
    return NULL;
  for (int i = 0; choices[i]; i++) {
    if (strcmp(choices[i], v) == 0)
      return v;
    snprintf(list + strlen(list), sizeof(list) - strlen(list), "%s%s", i ? ", " : "", choices[i]);
  }
  edx_errors_add(errors, name, "must be one of %s", list);
  return v;
}

const char *edx_query_text(const edx_ctx *ctx, const char *name, long max_chars, json_t *errors)
{
  const char *v = edx_query(ctx, name);
  long n = v ? edx_utf8_length(v) : 0;
  if (v && (n < 1 || n > max_chars))
    edx_errors_add(errors, name, "must be 1 to %ld characters of text", max_chars);
  return v;
}

const char *edx_query_year(const edx_ctx *ctx, const char *name, int required, int *year,
                           json_t *errors)
{
  const char *v = edx_query(ctx, name);
  int y = 0;
  if ((v || required) && edx_parse_year(v, &y) != 0)
    edx_errors_add(errors, name, required ? "is required: " EDX_YEAR_RULE
                                          : "must be " EDX_YEAR_RULE);
  if (year)
    *year = y;
  return v;
}

int edx_query_year_format(edx_ctx *ctx, int *year)
{
  json_t *errors = json_array();
  edx_query_year(ctx, "year", 1, year, errors);
  edx_query_enum(ctx, "format", edx_list_formats, errors);
  return edx_query_errors(ctx, errors);
}

int edx_query_errors(edx_ctx *ctx, json_t *errors)
{
  if (ctx->query_errors) {
    json_array_extend(ctx->query_errors, errors);
    json_decref(errors);
    errors = ctx->query_errors;
    ctx->query_errors = NULL;
  }
  if (json_array_size(errors) == 0) {
    json_decref(errors);
    return 0;
  }
  edx_problem(ctx, EDX_EBADREQ, "the query string has invalid parameters", errors);
  return -1;
}
