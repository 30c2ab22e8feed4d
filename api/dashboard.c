/* dashboard.c — GET /v1/districts/{district}/overview: what a landing screen would otherwise
 * read with four calls (/v1/me, the district's progress, its assessment overview and its
 * procedure metrics), by the same code, in one snapshot so the parts agree, and the counts of
 * what is late. */
#include <stdio.h>
#include "api/auth.h"
#include "api/load.h"
#include "api/progress.h"
#include "api/query.h"
#include "api/routes.h"
#include "db/assessments.h"
#include "db/procedures.h"
#include "db/query.h"
#include "src/rules/dashboard.h"
#include "src/rules/errors.h"
#include "src/rules/jsonx.h"

/* The overview's parts for year, read in the caller's snapshot, into *out. */
static int overview_doc(edx_ctx *ctx, const json_t *district, int year, json_t **out)
{
  json_t *progress = NULL, *assessments = NULL, *metrics = NULL;
  const char *id = edx_json_str(district, "id");
  int rc = edx_progress_district_answer(ctx, district, year, &progress);
  if (rc == EDX_OK)
    rc = edx_db_assessment_overview(ctx->conn, &assessments, id, year);
  if (rc == EDX_OK)
    rc = edx_db_procedure_metrics(ctx->conn, &metrics, NULL, id, year);
  if (rc == EDX_OK) {
    json_object_set_new(assessments, "district", edx_district_brief(district));
    const json_t *total = json_object_get(metrics, "total");
    *out = json_pack("{s:o,s:i,s:o,s:o,s:O,s:O,s:o}", "district", edx_district_brief(district),
                     "year", year, "me", edx_me_json(&ctx->caller), "progress",
                     edx_dashboard_progress_brief(progress), "assessments", assessments,
                     "procedure_metrics", total, "late", edx_dashboard_late(assessments, total));
  }
  json_decref(progress);
  json_decref(assessments);
  json_decref(metrics);
  return rc;
}

void edx_districts_overview(edx_ctx *ctx)
{
  json_t *errors = json_array(), *district, *doc = NULL;
  edx_period period;
  int rc;
  edx_query_period(ctx, "year", 1, &period, errors);
  if (edx_query_errors(ctx, errors) != 0 || !edx_ctx_conn(ctx) ||
      !(district = edx_load_office_district(ctx)))
    return;
  rc = edx_db_begin_snapshot(ctx->conn);
  if (rc == EDX_OK)
    rc = overview_doc(ctx, district, period.year, &doc);
  if (rc == EDX_OK)
    edx_respond_json(ctx, 200, doc);
  else
    edx_problem(ctx, rc, NULL, NULL);
  edx_db_rollback(ctx->conn);
  json_decref(district);
  json_decref(doc);
}

