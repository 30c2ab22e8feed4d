/* scorecards.c — GET /v1/districts/{district}/scorecards?year=: every active school's scorecard
 * in one answer, each as GET /v1/schools/{school}/scorecard gives it (the same document,
 * edx_progress_scorecard_doc), from one statement for all the schools' cells, in one snapshot;
 * whole (not paged: a district has tens of schools), JSON or CSV. */
#include "api/load.h"
#include "api/progress.h"
#include "api/query.h"
#include "api/routes.h"
#include "db/indicators.h"
#include "db/progress.h"
#include "db/query.h"
#include "src/rules/errors.h"
#include "src/rules/figure_csv.h"
#include "src/rules/jsonx.h"

/* The scorecards' inputs for year, read in the caller's snapshot: the plan (404 when none), the
 * catalogue, every active school with its cells, and the district's as_of. */
static int scorecard_inputs(edx_ctx *ctx, const json_t *district, int year, json_t **plans,
                            json_t **indicators, json_t **schools, json_t **office)
{
  const char *id = edx_json_str(district, "id");
  int rc = edx_db_progress_plans(ctx->conn, plans, id, year);
  if (rc == EDX_OK && json_array_size(*plans) == 0) {
    edx_error_set("district '%s' has no plan for %d", edx_json_str(district, "code"), year);
    rc = EDX_ENOTFOUND;
  }
  if (rc == EDX_OK)
    rc = edx_db_indicator_map(ctx->conn, indicators);
  if (rc == EDX_OK)
    rc = edx_db_progress_scorecards(ctx->conn, schools, id, year);
  if (rc == EDX_OK)
    rc = edx_db_progress_office(ctx->conn, office, id, year);
  return rc;
}

/* The CSV rows of the scorecards: one per school and indicator. */
static json_t *scorecards_rows(const json_t *items)
{
  json_t *rows = json_array(), *card, *entry, *row;
  size_t i, j;
  json_array_foreach(items, i, card) {
    const json_t *school = json_object_get(card, "school");
    json_array_foreach(json_object_get(card, "indicators"), j, entry) {
      row = json_deep_copy(entry);
      json_object_set(row, "school_code", json_object_get(school, "code"));
      json_object_set(row, "school_name", json_object_get(school, "name"));
      json_array_append_new(rows, row);
    }
  }
  return json_pack("{s:o}", "items", rows);
}

static void send_scorecards(edx_ctx *ctx, const json_t *district, int year, const json_t *plan,
                            const json_t *indicators, const json_t *schools, const json_t *office)
{
  json_t *items = json_array(), *s, *doc;
  size_t i;
  json_array_foreach(schools, i, s)
    json_array_append_new(items, edx_progress_scorecard_doc(json_object_get(s, "school"), year,
                                                            plan, indicators,
                                                            json_object_get(s, "cells"),
                                                            json_object_get(office, "as_of")));
  if (edx_wants_csv(ctx)) {
    doc = scorecards_rows(items);
    edx_respond_list(ctx, doc, edx_scorecards_csv_columns, "scorecards");
  } else {
    doc = json_pack("{s:o,s:i,s:I,s:O}", "district", edx_district_brief(district), "year", year,
                    "total", (json_int_t)json_array_size(items), "items", items);
    edx_respond_json(ctx, 200, doc);
  }
  json_decref(doc);
  json_decref(items);
}

void edx_progress_scorecards(edx_ctx *ctx)
{
  json_t *district, *plans = NULL, *indicators = NULL, *schools = NULL, *office = NULL;
  edx_period period;
  int rc;
  if (edx_query_period_format(ctx, &period) != 0 || !edx_ctx_conn(ctx) ||
      !(district = edx_load_office_district(ctx)))
    return;
  rc = edx_db_begin_snapshot(ctx->conn);
  if (rc == EDX_OK)
    rc = scorecard_inputs(ctx, district, period.year, &plans, &indicators, &schools, &office);
  if (rc == EDX_OK)
    send_scorecards(ctx, district, period.year, json_array_get(plans, 0), indicators, schools,
                    office);
  else
    edx_problem(ctx, rc, NULL, NULL);
  edx_db_rollback(ctx->conn);
  json_decref(district);
  json_decref(plans);
  json_decref(indicators);
  json_decref(schools);
  json_decref(office);
}
