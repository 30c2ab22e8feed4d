/* data_values.c — GET /v1/dataValueSets: a district's, a province's or a school's figures for a
 * period as DHIS2's dataValueSets JSON (idScheme CODE), or as IHE ADX XML with
 * Accept: application/adx+xml or ?format=adx, so that a province loads them into a DHIS2-shaped
 * receiver without a mapping of its own. The figures are the rows of src/rules/figures.h, read
 * per district by api/figures.c; scope as for the progress answers. */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>
#include "api/figures.h"
#include "api/query.h"
#include "api/routes.h"
#include "api/submissions.h"
#include "db/figures.h"
#include "db/indicators.h"
#include "db/query.h"
#include "src/rules/data_values.h"
#include "src/rules/errors.h"
#include "src/rules/fields.h"
#include "src/rules/figures.h"
#include "src/rules/jsonx.h"
#include "src/rules/validate.h"

#define ADX_TYPE "application/adx+xml"

/* What a request asks for. */
typedef struct {
  edx_period period;
  const char *org_unit, *submission;
  int period_given, children, adx;
  edx_time_bound since;
} values_query;

/* Reads the query; 400 naming every bad parameter. Returns 0, or -1 after answering. */
static int read_query(edx_ctx *ctx, values_query *q)
{
  static const char *const formats[] = {"json", "adx", NULL};
  json_t *errors = json_array();
  const char *period = edx_query(ctx, "period"), *since = edx_query(ctx, "lastUpdated");
  const char *children = edx_query_bool(ctx, "children", errors);
  const char *format = edx_query_enum(ctx, "format", formats, errors);
  const char *accept = edx_header(ctx, "Accept");
  memset(q, 0, sizeof(*q));
  q->submission = edx_query_uuid(ctx, "submission", errors);
  q->period_given = period != NULL;
  if (period ? edx_data_values_period_parse(period, &q->period) != 0
             : !edx_query(ctx, "submission"))
    edx_errors_add(errors, "period", "required: %s", EDX_DATA_VALUES_PERIOD_RULE);
  q->org_unit = edx_query_code(ctx, "orgUnit", errors);
  if (!edx_query(ctx, "orgUnit") && !edx_query(ctx, "submission"))
    edx_errors_add(errors, "orgUnit", "required: the code of a district, a province or a school");
  if (since && edx_time_bound_parse(since, 0, &q->since) != 0)
    edx_errors_add(errors, "lastUpdated", "%s", EDX_TIME_BOUND_RULE);
  q->children = children && strcmp(children, "true") == 0;
  if (q->children && edx_query(ctx, "submission"))
    edx_errors_add(errors, "children", "a period report freezes its district's figures, not its "
                                       "schools' values: leave children out with submission");
  q->adx = format ? strcmp(format, "adx") == 0 : accept && strstr(accept, ADX_TYPE) != NULL;
  return edx_query_errors(ctx, errors);
}

/* The districts the org unit covers, after checking the caller may see them: 403 for a unit
 * outside the token's scope, 404 naming orgUnit for a code that names nothing. *school is the
 * school's code when the unit is a school. Returns 0, or -1 after answering. */
static int unit_districts(edx_ctx *ctx, const values_query *q, json_t **districts,
                          const char **school)
{
  json_t *unit = NULL, *errors;
  const char *kind, *district_id, *scope = edx_caller_province_scope(&ctx->caller);
  int rc = edx_db_figures_org_unit(ctx->conn, &unit, q->org_unit), seen;
  *school = NULL;
  if (rc == EDX_ENOTFOUND) {
    errors = json_array();
    edx_errors_add(errors, "orgUnit", "no district, province or school has this code");
    edx_problem(ctx, rc, "no org unit with this code", errors);
    return -1;
  }
  if (rc != EDX_OK)
    goto failed;
  kind = edx_json_str(unit, "kind");
  district_id = edx_json_str(unit, "district_id");
  seen = strcmp(kind, "province") == 0
           ? edx_caller_unscoped(&ctx->caller) || (scope && strcmp(scope, q->org_unit) == 0)
           : edx_caller_sees_district(&ctx->caller, district_id);
  if (!seen) {
    json_decref(unit);
    edx_problem(ctx, EDX_EFORBIDDEN, "this token may not see this org unit", NULL);
    return -1;
  }
  if (strcmp(kind, "school") == 0)
    *school = q->org_unit;
  rc = strcmp(kind, "province") == 0
         ? edx_db_figures_districts(ctx->conn, districts, NULL, q->org_unit, NULL)
         : edx_db_figures_districts(ctx->conn, districts, district_id, NULL, NULL);
  json_decref(unit);
  if (rc == EDX_OK)
    return 0;
failed:
  edx_problem(ctx, rc, NULL, NULL);
  return -1;
}

/* Only the rows of the school coded school. A new array. */
static json_t *rows_of_school(const json_t *rows, const char *school)
{
  json_t *out = json_array(), *row;
  size_t i;
  json_array_foreach(rows, i, row)
  {
    const char *unit = edx_json_str(row, "org_unit");
    if (unit && strcmp(unit, school) == 0 &&
        strcmp(edx_json_str(row, "org_unit_level"), "school") == 0)
      json_array_append(out, row);
  }
  return out;
}

/* Answers the rows as DHIS2 JSON or as ADX; complete: the time a period report was submitted
 * (DHIS2's completeDate), or NULL. */
static void respond(edx_ctx *ctx, const values_query *q, const json_t *rows, const char *complete)
{
  if (q->adx) {
    char exported[32];
    time_t now = time(NULL);
    struct tm utc;
    size_t len = 0;
    char *text;
    gmtime_r(&now, &utc);
    strftime(exported, sizeof(exported), "%Y-%m-%dT%H:%M:%SZ", &utc);
    if (!(text = edx_adx_document(rows, exported, &len))) {
      edx_problem(ctx, EDX_EINTERNAL, "out of memory writing ADX", NULL);
      return;
    }
    edx_respond_bytes(ctx, 200, ADX_TYPE, text, len);
    free(text);
    return;
  }
  json_t *doc = json_pack("{s:s,s:o}", "dataSet", EDX_EXCHANGE_DATA_SET, "dataValues",
                          edx_dhis2_data_values(rows));
  if (doc && complete)
    json_object_set_new(doc, "completeDate", json_string(complete));
  edx_respond_json(ctx, 200, doc);
  json_decref(doc);
}

/* The figures a period report froze: the district rows of its progress answer, computed with
 * the indicator definitions it froze, under the period asked (else the report's own). orgUnit,
 * when given, must be the report's district (400 naming it). Answers; returns nothing. */
static void respond_submission(edx_ctx *ctx, const values_query *q)
{
  json_t *meta = NULL, *frozen = NULL, *by_code = json_object(), *own = NULL, *rows = json_array();
  json_t *answer, *indicator, *row, *errors;
  const char *district;
  edx_period period = q->period;
  size_t i;
  if (edx_submission_frozen_doc(ctx, q->submission, &meta, &frozen) != 0)
    goto cleanup;
  answer = json_object_get(frozen, "progress");
  district = edx_json_str(json_object_get(answer, "district"), "code");
  if (q->org_unit && (!district || strcmp(q->org_unit, district) != 0)) {
    errors = json_array();
    edx_errors_add(errors, "orgUnit", "the period report holds the figures of district %s only",
                   district ? district : "?");
    edx_problem(ctx, EDX_EBADREQ, "the query string has invalid parameters", errors);
    goto cleanup;
  }
  if (!q->period_given &&
      edx_data_values_period_parse(edx_json_str(meta, "period"), &period) != 0) {
    edx_problem(ctx, EDX_EINTERNAL, "the period report's period cannot be read", NULL);
    goto cleanup;
  }
  json_array_foreach(json_object_get(frozen, "indicators"), i, indicator)
    if (edx_json_str(indicator, "code"))
      json_object_set(by_code, edx_json_str(indicator, "code"), indicator);
  if (edx_figures_updated_since(answer, &q->since))
    own = edx_figures_district_rows(answer, by_code);
  json_array_foreach(own, i, row)
    if (edx_figures_row_in_period(row, &period))
      json_array_append(rows, row);
  respond(ctx, q, rows, edx_json_str(meta, "submitted_at"));
cleanup:
  json_decref(meta);
  json_decref(frozen);
  json_decref(by_code);
  json_decref(own);
  json_decref(rows);
}

void edx_data_values_get(edx_ctx *ctx)
{
  json_t *districts = NULL, *indicators = NULL, *rows = json_array(), *district, *own = NULL;
  const char *school = NULL;
  values_query q;
  size_t i;
  int rc;
  if (read_query(ctx, &q) != 0)
    goto cleanup;
  if (edx_caller_school_scope(&ctx->caller)) {
    edx_problem(ctx, EDX_EFORBIDDEN, "data value sets serve admin, district and reader tokens; "
                                     "a school token reads its school's scorecard", NULL);
    goto cleanup;
  }
  if (!edx_ctx_conn(ctx))
    goto cleanup;
  if (q.submission) {
    respond_submission(ctx, &q);
    goto cleanup;
  }
  if ((rc = edx_db_begin_snapshot(ctx->conn)) != EDX_OK) {
    edx_problem(ctx, rc, NULL, NULL);
    goto cleanup;
  }
  if (unit_districts(ctx, &q, &districts, &school) != 0)
    goto cleanup;
  rc = edx_db_indicator_map(ctx->conn, &indicators);
  json_array_foreach(districts, i, district)
    if (rc == EDX_OK)
      rc = edx_figures_of_district(ctx, district, indicators, &q.period, q.children || school,
                                   &q.since, rows);
  if (rc != EDX_OK) {
    edx_problem(ctx, rc, NULL, NULL);
    goto cleanup;
  }
  if (school)
    own = rows_of_school(rows, school);
  respond(ctx, &q, own ? own : rows, NULL);
cleanup:
  if (ctx->conn)
    edx_db_rollback(ctx->conn);
  json_decref(districts);
  json_decref(indicators);
  json_decref(rows);
  json_decref(own);
}
