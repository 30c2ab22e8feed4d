/* series.c — GET /v1/districts/{district}/progress/series?from=&to=: each indicator of the
 * district's plans year by year, for trend charts, from the same builder as the district's
 * progress (one answer per year, cut down by src/rules/dashboard.c and pivoted to one row per
 * indicator), all years read in one snapshot. */
#include "api/load.h"
#include "api/progress.h"
#include "api/query.h"
#include "api/routes.h"
#include "db/query.h"
#include "src/rules/dashboard.h"
#include "src/rules/errors.h"

#define SERIES_YEARS_MAX 20

/* ?from= and ?to= (calendar or school years, as ?year= of progress), from <= to and at most
 * SERIES_YEARS_MAX years; 400 naming them and -1 otherwise. */
static int series_query(edx_ctx *ctx, int *from, int *to)
{
  json_t *errors = json_array();
  edx_period f, t;
  edx_query_period(ctx, "from", 1, &f, errors);
  edx_query_period(ctx, "to", 1, &t, errors);
  if (f.year && t.year && f.year > t.year)
    edx_errors_add(errors, "to", "must be the year of from or later");
  else if (f.year && t.year && t.year - f.year >= SERIES_YEARS_MAX)
    edx_errors_add(errors, "to", "must be less than %d years after from (at most %d years)",
                   SERIES_YEARS_MAX, SERIES_YEARS_MAX);
  *from = f.year;
  *to = t.year;
  return edx_query_errors(ctx, errors);
}

/* [{"year", "brief"}] of every year from..to, read in the caller's snapshot. */
static int series_briefs(edx_ctx *ctx, const json_t *district, int from, int to, json_t **out)
{
  json_t *answer;
  int rc = EDX_OK;
  *out = json_array();
  for (int year = from; year <= to && rc == EDX_OK; year++) {
    answer = NULL;
    rc = edx_progress_district_answer(ctx, district, year, &answer);
    if (rc == EDX_OK)
      json_array_append_new(*out, json_pack("{s:i,s:o}", "year", year, "brief",
                                            edx_dashboard_progress_brief(answer)));
    json_decref(answer);
  }
  return rc;
}

void edx_progress_series(edx_ctx *ctx)
{
  json_t *district = NULL, *briefs = NULL;
  int from, to, rc;
  if (series_query(ctx, &from, &to) != 0 || !edx_ctx_conn(ctx) ||
      !(district = edx_load_district(ctx, 0)))
    return;
  rc = edx_db_begin_snapshot(ctx->conn);
  if (rc == EDX_OK)
    rc = series_briefs(ctx, district, from, to, &briefs);
  if (rc == EDX_OK) {
    json_t *doc = edx_dashboard_series(briefs);
    json_object_set_new(doc, "district", edx_district_brief(district));
    json_object_set_new(doc, "from", json_integer(from));
    json_object_set_new(doc, "to", json_integer(to));
    edx_respond_json(ctx, 200, doc);
    json_decref(doc);
  } else
    edx_problem(ctx, rc, NULL, NULL);
  edx_db_rollback(ctx->conn);
  json_decref(district);
  json_decref(briefs);
}

