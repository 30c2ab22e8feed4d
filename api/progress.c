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
#include "api/kept_answer.h"
#include "api/load.h"
#include "api/progress.h"
#include "api/query.h"
#include "api/routes.h"
#include "db/indicators.h"
#include "db/progress.h"
#include "db/query.h"
#include "src/rules/csv.h"
#include "src/rules/errors.h"
#include "src/rules/fields.h"
#include "src/rules/figure_csv.h"
#include "src/rules/jsonx.h"
#include "src/rules/progress_all.h"
#include "src/rules/progress_build.h"
#include "src/runtime/secret.h"

/* Keeps a progress answer written as text (taken over), or, when csv_rows is not NULL, its CSV
 * rows, under key and answers with it from the cache. */
static int keep_and_respond(edx_ctx *ctx, const char *key, char *text, size_t len,
                            const json_t *csv_rows, const char *const *columns)
{
  const edx_cached *kept = NULL;
  int rc;
  if (csv_rows) {
    const char **headers = edx_csv_header_names(ctx, columns);
    free(text);
    text = headers ? edx_csv_render_headed(csv_rows, columns, headers, edx_csv_sep_of(ctx), &len)
                   : NULL;
    free(headers);
    if (!text) {
      edx_error_set("out of memory writing CSV");
      return EDX_EINTERNAL;
    }
  }
  rc = edx_keep_answer(key, text, len, csv_rows ? "text/csv; charset=utf-8" : "application/json",
                       csv_rows ? "attachment; filename=\"progress.csv\"" : NULL, &kept);
  if (rc == EDX_OK)
    edx_respond_kept(ctx, kept);
  return rc;
}

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

/* The cache key of an answer: what it is, for whom, and the database snapshot it reads (the
 * snapshot's text hashed: with many transactions in progress it is long, and a key cut short
 * could name two snapshots). */
static void cache_key(char *out, size_t len, const char *what, const char *scope, int year,
                      const char *fingerprint, edx_ctx *ctx)
{
  char hash[EDX_SHA256_HEX];
  edx_sha256_hex(hash, fingerprint ? fingerprint : "", fingerprint ? strlen(fingerprint) : 0);
  char form[16] = "json"; /* JSON, or the CSV's separator and header language */
  if (edx_wants_csv(ctx))
    snprintf(form, sizeof(form), "csv%c%s", edx_csv_sep_of(ctx), edx_csv_lang_tag(ctx));
  snprintf(out, len, "%s|%s|%d|%s|%s", what, scope ? scope : "*", year, form, hash);
}

/* ?year= (a calendar or school year: both name the plan year) and ?format=; 400 and -1 when
 * either is bad. */
static int query_plan_year(edx_ctx *ctx, int *year)
{
  edx_period period;
  int rc = edx_query_period_format(ctx, &period);
  *year = period.year;
  return rc;
}

static const char *fingerprint_of(const json_t *office)
{
  return json_string_value(json_object_get(office, "fingerprint"));
}

/* Answers from the cache when it holds key; returns 1 then. */
static int serve_cached(edx_ctx *ctx, const char *key)
{
  const edx_cached *kept = edx_cache_get(key);
  if (kept)
    edx_respond_kept(ctx, kept);
  return kept != NULL;
}

/* A year without a plan, on every answer of one district (its progress, a school's scorecard):
 * EDX_ENOPLAN, with who has no plan (e.g. "district '452'") and the year as the message. */
static int no_plan(const char *who, const char *code, int year)
{
  edx_error_set("%s '%s' has no plan for %d", who, code, year);
  return EDX_ENOPLAN;
}

/* Answers rc's problem; a year without a plan is the 404 urn:edudx:problem:no-plan, naming the
 * year as its field. */
static void progress_problem(edx_ctx *ctx, int rc, int year)
{
  json_t *errors = NULL;
  if (rc == EDX_ENOPLAN) {
    errors = json_array();
    edx_errors_add(errors, "year", "no plan for %d", year);
  }
  edx_problem(ctx, rc, NULL, errors);
}

/* Loads the catalogue, plan and counts of one district, with every breakdown. */
static int load_district_inputs(edx_ctx *ctx, const char *district_id, int year,
                                json_t **indicators, json_t **plans, json_t **index)
{
  json_t *stats = NULL, *procedure_stats = NULL;
  int rc = edx_db_indicator_map(ctx->conn, indicators);
  if (rc == EDX_OK)
    rc = edx_db_progress_plans(ctx->conn, plans, district_id, year);
  if (rc == EDX_OK)
    rc = edx_db_progress_stats(ctx->conn, &stats, district_id, year);
  if (rc == EDX_OK)
    rc = edx_db_progress_procedure_stats(ctx->conn, &procedure_stats, district_id, year);
  if (rc == EDX_OK) {
    json_array_extend(stats, procedure_stats);
    *index = edx_progress_index(stats);
  }
  json_decref(stats);
  json_decref(procedure_stats);
  return rc;
}

/* Writes and sends one district's answer (JSON text, or its CSV rows) and keeps it under key. */
static int send_district(edx_ctx *ctx, const json_t *district, int year, const json_t *office,
                         const char *key)
{
  json_t *indicators = NULL, *plans = NULL, *index = NULL;
  json_t *csv_rows = edx_wants_csv(ctx) ? json_array() : NULL;
  const char *id = edx_json_str(district, "id");
  char *text = NULL;
  size_t len = 0;
  int rc = load_district_inputs(ctx, id, year, &indicators, &plans, &index);
  if (rc == EDX_OK && json_array_size(plans) == 0)
    rc = no_plan("district", edx_json_str(district, "code"), year);
  if (rc == EDX_OK) {
    edx_district_inputs in = {district, year, json_array_get(plans, 0),
                              edx_json_str(office, "as_of"), indicators, index,
                              json_object_get(office, "values")};
    if (!(text = edx_progress_district_text(&in, csv_rows, &len)))
      rc = EDX_EINTERNAL;
  }
  if (rc == EDX_OK) {
    rc = keep_and_respond(ctx, key, text, len, csv_rows, edx_progress_district_csv_columns);
    text = NULL;
  }
  free(text);
  json_decref(csv_rows);
  json_decref(indicators);
  json_decref(plans);
  json_decref(index);
  return rc;
}

int edx_progress_district_answer(edx_ctx *ctx, const json_t *district, int year, json_t **out)
{
  json_t *indicators = NULL, *plans = NULL, *index = NULL, *office = NULL;
  const char *id = edx_json_str(district, "id");
  json_error_t err;
  char *text = NULL;
  size_t len = 0;
  int rc = edx_db_progress_office(ctx->conn, &office, id, year);
  *out = NULL;
  if (rc == EDX_OK)
    rc = load_district_inputs(ctx, id, year, &indicators, &plans, &index);
  if (rc == EDX_OK && json_array_size(plans) > 0) {
    edx_district_inputs in = {district, year, json_array_get(plans, 0),
                              edx_json_str(office, "as_of"), indicators, index,
                              json_object_get(office, "values")};
    text = edx_progress_district_text(&in, NULL, &len);
    if (!text || !(*out = json_loadb(text, len, 0, &err))) {
      edx_error_set("out of memory writing progress");
      rc = EDX_EINTERNAL;
    }
  }
  free(text);
  json_decref(indicators);
  json_decref(plans);
  json_decref(index);
  json_decref(office);
  return rc;
}

/* Reads the district the path names and its office inputs (with the snapshot's fingerprint)
 * and makes the answer's cache key; 0, or -1 after answering (404, 403 or the error). */
static int district_key(edx_ctx *ctx, int year, json_t **district, json_t **office, char *key,
                        size_t len)
{
  int rc;
  if (!(*district = edx_load_district(ctx, 0)))
    return -1; /* answered: 404 or 403 */
  rc = edx_db_progress_office(ctx->conn, office, edx_json_str(*district, "id"), year);
  if (rc != EDX_OK) {
    edx_problem(ctx, rc, NULL, NULL);
    return -1;
  }
  cache_key(key, len, "district", edx_json_str(*district, "id"), year, fingerprint_of(*office),
            ctx);
  return 0;
}

/* A kept answer is found with two statements outside any transaction, the district (who may
 * see it) and the snapshot: the fingerprint is the statement's snapshot, so an equal one means
 * the same data. Only a miss reads the inputs, in one REPEATABLE READ snapshot, and builds. */
void edx_progress_district(edx_ctx *ctx)
{
  json_t *district = NULL, *office = NULL;
  char key[512], *fingerprint = NULL;
  int year, rc;
  if (query_plan_year(ctx, &year) != 0 || !edx_ctx_conn(ctx) ||
      !(district = edx_load_district(ctx, 0)))
    goto cleanup; /* answered */
  if ((rc = edx_db_snapshot_fingerprint(ctx->conn, &fingerprint)) == EDX_OK) {
    cache_key(key, sizeof(key), "district", edx_json_str(district, "id"), year, fingerprint, ctx);
    if (serve_cached(ctx, key))
      goto cleanup;
  }
  json_decref(district);
  district = NULL;
  if (rc == EDX_OK)
    rc = edx_db_begin_snapshot(ctx->conn);
  if (rc != EDX_OK)
    edx_problem(ctx, rc, NULL, NULL);
  else if (district_key(ctx, year, &district, &office, key, sizeof(key)) == 0 &&
           !serve_cached(ctx, key) && (rc = send_district(ctx, district, year, office, key)))
    progress_problem(ctx, rc, year);
cleanup:
  if (ctx->conn)
    edx_db_rollback(ctx->conn);
  json_decref(district);
  json_decref(office);
  free(fingerprint);
}

/* Builds and sends the all-districts answer: every visible district's plan targets with their
 * counts as rows, written straight as JSON text (or CSV rows), and keeps it under key. */
static int send_all(edx_ctx *ctx, const edx_progress_scope *scope, int year, const json_t *office,
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
  rc = keep_and_respond(ctx, key, text, len, csv_rows, edx_progress_all_csv_columns);
  text = NULL;
cleanup:
  free(text);
  edx_db_progress_targets_free(&targets);
  json_decref(indicators);
  json_decref(csv_rows);
  return rc;
}

#define PROGRESS_DISTRICTS_MAX 100

/* The districts an all-districts answer covers, as a uuid[] literal into ids: district_id= (one
 * or more, repeated or comma-separated), else a district-scoped caller's district, else NULL
 * (every district, or a province's: see edx_scope_province). 400 naming district_id when one is
 * not a UUID or there are more than PROGRESS_DISTRICTS_MAX, 403 when one is not the caller's to
 * see. Returns 0, or -1 after answering. */
static int progress_districts(edx_ctx *ctx, json_t *errors, char *ids, size_t len,
                              const char **out)
{
  const char *given = edx_query(ctx, "district_id"), *own = edx_caller_district_scope(&ctx->caller);
  char copy[PROGRESS_DISTRICTS_MAX * EDX_UUID_SIZE + 1], *save = NULL, *id;
  size_t used = 0;
  int n = 0, bad = 0, hidden = 0;
  ids[0] = '\0';
  *out = NULL;
  given = given ? given : own;
  if (!given)
    return 0;
  bad = strlen(given) >= sizeof(copy);
  snprintf(copy, sizeof(copy), "%s", given);
  for (id = strtok_r(copy, ",", &save); id && !bad; id = strtok_r(NULL, ",", &save), n++) {
    bad = !edx_is_uuid(id) || n == PROGRESS_DISTRICTS_MAX;
    hidden |= !edx_caller_sees_district(&ctx->caller, id);
    used += (size_t)snprintf(ids + used, len - used, "%s%s", n ? "," : "{", id);
  }
  if (bad || n == 0) {
    edx_errors_add(errors, "district_id", "must be 1 to %d district ids (repeated or "
                                          "comma-separated)", PROGRESS_DISTRICTS_MAX);
    return 0;
  }
  snprintf(ids + used, len - used, "}");
  if (hidden) {
    json_decref(errors);
    edx_problem(ctx, EDX_EFORBIDDEN, "this token may not see one of these districts", NULL);
    return -1;
  }
  *out = ids;
  return 0;
}

void edx_progress_all(edx_ctx *ctx)
{
  json_t *office = NULL, *errors = json_array();
  char *fingerprint = NULL;
  char key[4096], ids[PROGRESS_DISTRICTS_MAX * EDX_UUID_SIZE + 3], which[sizeof(ids) + 40];
  edx_progress_scope scope = {NULL, edx_query_code(ctx, "province", errors)};
  edx_period period;
  int year, rc;
  edx_query_period(ctx, "year", 1, &period, errors);
  year = period.year;
  edx_query_format(ctx, errors);
  if (progress_districts(ctx, errors, ids, sizeof(ids), &scope.district_ids) != 0 ||
      edx_query_errors(ctx, errors) != 0 || edx_scope_province(ctx, &scope.province) != 0 ||
      !edx_ctx_conn(ctx))
    return;
  snprintf(which, sizeof(which), "%s|%s", scope.district_ids ? scope.district_ids : "*",
           scope.province ? scope.province : "*");
  /* found by the snapshot alone, outside a transaction; built inside one snapshot (see
   * edx_progress_district) */
  rc = edx_db_snapshot_fingerprint(ctx->conn, &fingerprint);
  if (rc == EDX_OK) {
    cache_key(key, sizeof(key), "all", which, year, fingerprint, ctx);
    if (serve_cached(ctx, key))
      goto cleanup;
    rc = edx_db_begin_snapshot(ctx->conn);
  }
  if (rc == EDX_OK)
    rc = edx_db_progress_office_scoped(ctx->conn, &office, &scope, year);
  if (rc != EDX_OK) {
    edx_problem(ctx, rc, NULL, NULL);
    goto cleanup;
  }
  cache_key(key, sizeof(key), "all", which, year, fingerprint_of(office), ctx);
  if (serve_cached(ctx, key))
    goto cleanup;
  pthread_mutex_lock(&build_all);
  if (!serve_cached(ctx, key) && (rc = send_all(ctx, &scope, year, office, key)) != EDX_OK)
    edx_problem(ctx, rc, NULL, NULL);
  pthread_mutex_unlock(&build_all);
cleanup:
  edx_db_rollback(ctx->conn);
  json_decref(office);
  free(fingerprint);
}

static json_t *plan_summary(const json_t *plan)
{
  return json_pack("{s:O,s:O,s:O}", "id", json_object_get(plan, "id"), "title",
                   json_object_get(plan, "title"), "document_ref",
                   json_object_get(plan, "document_ref"));
}

json_t *edx_progress_scorecard_doc(const json_t *school, int year, const json_t *plan,
                                   const json_t *indicators, const json_t *cells,
                                   const json_t *as_of)
{
  json_t *summary, *entries = edx_scorecard_entries(plan, indicators, cells, &summary);
  return json_pack("{s:O,s:i,s:o,s:O,s:o,s:o}", "school", school, "year", year, "plan",
                   plan_summary(plan), "as_of", as_of ? as_of : json_null(), "indicators", entries,
                   "summary", summary);
}

void edx_progress_scorecard(edx_ctx *ctx)
{
  json_t *school = NULL, *plans = NULL, *office = NULL, *cells = NULL, *doc, *indicators = NULL;
  const char *district;
  int year, rc;
  if (query_plan_year(ctx, &year) != 0 || !edx_ctx_conn(ctx) ||
      !(school = edx_load_school(ctx, 0)))
    return;
  district = edx_json_str(school, "district_id");
  rc = edx_db_progress_plans(ctx->conn, &plans, district, year);
  if (rc == EDX_OK && json_array_size(plans) == 0)
    rc = no_plan("the district of school", edx_json_str(school, "code"), year);
  if (rc == EDX_OK)
    rc = edx_db_indicator_map(ctx->conn, &indicators);
  if (rc == EDX_OK)
    rc = edx_db_progress_scorecard(ctx->conn, &cells, edx_json_str(school, "id"), year);
  if (rc == EDX_OK)
    rc = edx_db_progress_office(ctx->conn, &office, district, year);
  if (rc != EDX_OK) {
    progress_problem(ctx, rc, year);
    goto cleanup;
  }
  doc = edx_progress_scorecard_doc(school, year, json_array_get(plans, 0), indicators, cells,
                                   json_object_get(office, "as_of"));
  respond(ctx, doc, json_object_get(doc, "indicators"), edx_scorecard_csv_columns, "scorecard");
  json_decref(doc);
cleanup:
  json_decref(indicators);
  json_decref(school);
  json_decref(plans);
  json_decref(office);
  json_decref(cells);
}
