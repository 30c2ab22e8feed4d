/* progress.c — how far districts are from their plan's targets, computed on request from live
 * data: GET /v1/districts/{district}/progress, GET /v1/progress (every district the token sees
 * plus a total) and GET /v1/schools/{school}/scorecard, as JSON or CSV, with an ETag over the
 * answer. A fixed number of queries whatever the number of schools (db/progress.c); the
 * arithmetic is src/progress_rules.c, the assembly src/progress_build.c (one district, with
 * details) and src/progress_all.c (every district, from the counts kept on write). */
#include <pthread.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include "api/load.h"
#include "api/query.h"
#include "api/routes.h"
#include "db/indicators.h"
#include "db/procedures.h"
#include "db/progress.h"
#include "db/query.h"
#include "db/reports.h"
#include "src/rules/errors.h"
#include "src/rules/etag.h"
#include "src/rules/jsonx.h"
#include "src/rules/progress_all.h"
#include "src/rules/progress_build.h"
#include "src/runtime/response_cache.h"

static const char *const district_csv[] = {"code", "name_vi", "name_en", "source", "target",
                                           "comparator", "actual", "numerator", "denominator",
                                           "status", "gap", "expected", "reported", "missing",
                                           "below", NULL};
static const char *const all_csv[] = {"district_code", "district_name", "code", "target",
                                      "comparator", "actual", "numerator", "denominator",
                                      "status", "gap", "expected", "reported", NULL};
static const char *const scorecard_csv[] = {"code", "name_vi", "name_en", "target", "comparator",
                                            "value", "status", NULL};

/* Answers a progress document as JSON, or its CSV rows. */
static void respond(edx_ctx *ctx, json_t *doc, json_t *csv_rows, const char *const *columns,
                    const char *name)
{
  json_t *wrapper;
  if (!edx_wants_csv(ctx)) {
    edx_respond_json(ctx, 200, doc);
    return;
  }
  wrapper = json_pack("{s:O}", "items", csv_rows);
  edx_respond_list(ctx, wrapper, columns, name);
  json_decref(wrapper);
}

/* Only one all-districts answer is built at a time: it is heavy, and whoever waits finds it in
 * the cache afterwards. */
static pthread_mutex_t build_all = PTHREAD_MUTEX_INITIALIZER;

/* The cache key of an answer: what it is, for whom, and the database snapshot it reads. */
static void cache_key(char *out, size_t len, const char *what, const char *scope, int year,
                      const json_t *office, edx_ctx *ctx)
{
  snprintf(out, len, "%s|%s|%d|%s|%s", what, scope ? scope : "*", year,
           edx_wants_csv(ctx) ? "csv" : "json",
           json_string_value(json_object_get(office, "fingerprint")));
}

/* Answers from the cache when it holds key; returns 1 then. */
static int serve_cached(edx_ctx *ctx, const char *key)
{
  edx_cached c;
  if (!edx_cache_get(key, &c))
    return 0;
  edx_add_header(ctx, "ETag", c.etag);
  if (edx_etag_matches(edx_header(ctx, "If-None-Match"), c.etag, 1)) {
    edx_respond_empty(ctx, 304);
  } else {
    edx_respond_bytes(ctx, 200, c.content_type, c.body, c.len);
    if (c.disposition[0])
      edx_add_header(ctx, "Content-Disposition", c.disposition);
  }
  edx_cached_free(&c);
  return 1;
}

/* Keeps a 200 answer just sent under key. */
static void remember(edx_ctx *ctx, const char *key)
{
  const char *type = u_map_get(ctx->res->map_header, "Content-Type");
  const char *etag = u_map_get(ctx->res->map_header, "ETag");
  const char *disposition = u_map_get(ctx->res->map_header, "Content-Disposition");
  edx_cached c;
  if (ctx->res->status != 200 || !type || !etag)
    return;
  memset(&c, 0, sizeof(c));
  c.body = (char *)ctx->res->binary_body;
  c.len = ctx->res->binary_body_length;
  snprintf(c.content_type, sizeof(c.content_type), "%s", type);
  snprintf(c.etag, sizeof(c.etag), "%s", etag);
  snprintf(c.disposition, sizeof(c.disposition), "%s", disposition ? disposition : "");
  edx_cache_put(key, &c);
}

/* Loads the catalogue, plan and counts of one district, with every breakdown. */
static int load_district_inputs(edx_ctx *ctx, const char *district_id, int year,
                                json_t **indicators, json_t **plans, json_t **index)
{
  json_t *stats = NULL;
  int rc = edx_db_indicator_map(ctx->conn, indicators);
  if (rc == EDX_OK)
    rc = edx_db_progress_plans(ctx->conn, plans, district_id, year);
  if (rc == EDX_OK)
    rc = edx_db_progress_stats(ctx->conn, &stats, district_id, year);
  if (rc == EDX_OK) {
    json_t *dossier_stats = NULL;
    rc = edx_db_progress_dossier_stats(ctx->conn, &dossier_stats, district_id, year);
    json_array_extend(stats, dossier_stats);
    json_decref(dossier_stats);
  }
  if (rc == EDX_OK)
    *index = edx_progress_index(stats);
  json_decref(stats);
  return rc;
}

static json_t *plan_summary(const json_t *plan)
{
  return json_pack("{s:O,s:O,s:O}", "id", json_object_get(plan, "id"), "title",
                   json_object_get(plan, "title"), "document_ref",
                   json_object_get(plan, "document_ref"));
}

void edx_progress_district(edx_ctx *ctx)
{
  json_t *district = NULL, *plans = NULL, *index = NULL, *office = NULL, *doc = NULL, *rows;
  json_t *entries, *summary, *e, *indicators = NULL;
  const char *id = NULL;
  char key[512];
  int year, rc;
  size_t i;
  if (edx_query_year_format(ctx, &year) != 0 || !edx_ctx_conn(ctx))
    return;
  rc = edx_db_begin_snapshot(ctx->conn);
  if (rc == EDX_OK && !(district = edx_load_district(ctx, 0)))
    goto cleanup; /* answered: 404 or 403 */
  id = rc == EDX_OK ? edx_json_str(district, "id") : NULL;
  if (rc == EDX_OK)
    rc = edx_db_progress_office(ctx->conn, &office, id, year);
  if (rc == EDX_OK) {
    cache_key(key, sizeof(key), "district", id, year, office, ctx);
    if (serve_cached(ctx, key))
      goto cleanup;
    rc = load_district_inputs(ctx, id, year, &indicators, &plans, &index);
  }
  if (rc == EDX_OK && json_array_size(plans) == 0) {
    edx_error_set("district '%s' has no plan for %d", edx_json_str(district, "code"), year);
    rc = EDX_ENOTFOUND;
  }
  if (rc != EDX_OK) {
    edx_problem(ctx, rc, NULL, NULL);
    goto cleanup;
  }
  entries = edx_progress_entries(json_array_get(plans, 0), indicators, index,
                                 json_object_get(office, "values"), &summary);
  doc = json_pack("{s:O,s:i,s:o,s:O,s:o,s:o}", "district", district, "year", year, "plan",
                  plan_summary(json_array_get(plans, 0)), "as_of",
                  json_object_get(office, "as_of"), "indicators", entries, "summary", summary);
  rows = json_array();
  json_array_foreach(entries, i, e) {
    json_t *row = json_deep_copy(e);
    json_object_set_new(row, "missing", json_integer(json_array_size(json_object_get(e, "missing"))));
    json_object_set_new(row, "below", json_integer(json_array_size(json_object_get(e, "below"))));
    json_array_append_new(rows, row);
  }
  respond(ctx, doc, rows, district_csv, "progress");
  remember(ctx, key);
  json_decref(rows);
cleanup:
  if (ctx->conn)
    edx_db_rollback(ctx->conn);
  json_decref(indicators);
  json_decref(district);
  json_decref(plans);
  json_decref(index);
  json_decref(office);
  json_decref(doc);
}

/* Builds and sends the all-districts answer: every visible district's plan targets with their
 * counts as rows, written straight as JSON text (or CSV rows), and keeps it under key. */
static int send_all(edx_ctx *ctx, const char *scope, int year, const json_t *office,
                    const char *key)
{
  edx_target_rows targets = {NULL, 0, NULL};
  json_t *indicators = NULL, *csv_rows = edx_wants_csv(ctx) ? json_array() : NULL;
  edx_progress_inputs in;
  char *text = NULL;
  size_t len = 0;
  int rc = edx_db_indicator_map(ctx->conn, &indicators);
  if (rc == EDX_OK)
    rc = edx_db_progress_targets(ctx->conn, &targets, scope, year);
  if (rc != EDX_OK)
    goto cleanup;
  in = (edx_progress_inputs){indicators, json_object_get(office, "values"), year,
                             edx_json_str(office, "as_of")};
  text = edx_progress_all_text(targets.rows, targets.n, &in, csv_rows, &len);
  if (!text) {
    rc = EDX_EINTERNAL;
    goto cleanup;
  }
  if (csv_rows)
    respond(ctx, NULL, csv_rows, all_csv, "progress");
  else
    edx_respond_json_text(ctx, 200, text, len);
  remember(ctx, key);
cleanup:
  free(text);
  edx_db_progress_targets_free(&targets);
  json_decref(indicators);
  json_decref(csv_rows);
  return rc;
}

void edx_progress_all(edx_ctx *ctx)
{
  json_t *office = NULL;
  const char *scope = edx_caller_district_scope(&ctx->caller);
  char key[512];
  int year, rc;
  if (edx_query_year_format(ctx, &year) != 0 || !edx_ctx_conn(ctx))
    return;
  rc = edx_db_begin_snapshot(ctx->conn);
  if (rc == EDX_OK)
    rc = edx_db_progress_office(ctx->conn, &office, scope, year);
  if (rc != EDX_OK) {
    edx_problem(ctx, rc, NULL, NULL);
    goto cleanup;
  }
  cache_key(key, sizeof(key), "all", scope, year, office, ctx);
  if (serve_cached(ctx, key))
    goto cleanup;
  pthread_mutex_lock(&build_all);
  if (!serve_cached(ctx, key) && (rc = send_all(ctx, scope, year, office, key)) != EDX_OK)
    edx_problem(ctx, rc, NULL, NULL);
  pthread_mutex_unlock(&build_all);
cleanup:
  edx_db_rollback(ctx->conn);
  json_decref(office);
}

void edx_progress_scorecard(edx_ctx *ctx)
{
  json_t *school = NULL, *plans = NULL, *office = NULL, *report = NULL, *doc, *entries, *summary;
  json_t *indicators = NULL;
  const char *district;
  int year, rc;
  if (edx_query_year_format(ctx, &year) != 0 || !edx_ctx_conn(ctx) ||
      !(school = edx_load_school(ctx, 0)))
    return;
  district = edx_json_str(school, "district_id");
  rc = edx_db_progress_plans(ctx->conn, &plans, district, year);
  if (rc == EDX_OK && json_array_size(plans) == 0) {
    edx_error_set("the school's district has no plan for %d", year);
    rc = EDX_ENOTFOUND;
  }
  if (rc == EDX_OK)
    rc = edx_db_indicator_map(ctx->conn, &indicators);
  if (rc == EDX_OK)
    rc = edx_db_report_get(ctx->conn, &report, edx_json_str(school, "id"), district, year);
  if (rc == EDX_OK)
    rc = edx_db_progress_office(ctx->conn, &office, district, year);
  if (rc != EDX_OK) {
    edx_problem(ctx, rc, NULL, NULL);
    goto cleanup;
  }
  entries = edx_scorecard_entries(json_array_get(plans, 0), indicators,
                                  edx_json_str(school, "level"), report, &summary);
  doc = json_pack("{s:O,s:i,s:o,s:O,s:o,s:o}", "school", school, "year", year, "plan",
                  plan_summary(json_array_get(plans, 0)), "as_of", json_object_get(office, "as_of"),
                  "indicators", entries, "summary", summary);
  respond(ctx, doc, entries, scorecard_csv, "scorecard");
  json_decref(doc);
cleanup:
  json_decref(indicators);
  json_decref(school);
  json_decref(plans);
  json_decref(office);
  json_decref(report);
}
