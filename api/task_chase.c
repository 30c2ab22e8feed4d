/* task_chase.c — what the district office chases (issue 16): GET
 * /v1/districts/{district}/tasks/overview (its tasks' assignments counted, the overdue ones with
 * days late, schools ranked by share done) and GET /v1/districts/{district}/reminders (one list of
 * what is due or late: tasks, self-assessments, missing reports, overdue dossiers). Admins, readers
 * and the district's own tokens; school tokens 403. Both read the clock (Vietnam's date). */
#include <time.h>
#include "api/load.h"
#include "api/query.h"
#include "api/routes.h"
#include "db/task_chase.h"
#include "src/rules/errors.h"
#include "src/rules/jsonx.h"
#include "src/rules/periods.h"
#include "src/rules/task_chase.h"

/* ?year= (required, either period form) and the district for the office's eyes: the district
 * (the caller owns it) or NULL after answering. */
static json_t *load(edx_ctx *ctx, int *year, long *within_days)
{
  json_t *errors = json_array();
  edx_period period = {0};
  edx_query_period(ctx, "year", 1, &period, errors);
  *year = period.year;
  if (within_days)
    *within_days = edx_query_long(ctx, "within_days", 0, 366, 14, errors);
  if (edx_query_errors(ctx, errors) != 0 || !edx_ctx_conn(ctx))
    return NULL;
  return edx_load_office_district(ctx);
}

void edx_tasks_overview(edx_ctx *ctx)
{
  json_t *district, *doc = NULL;
  int year, rc;
  if (!(district = load(ctx, &year, NULL)))
    return;
  rc = edx_db_task_overview(ctx->conn, &doc, edx_json_str(district, "id"), year);
  if (rc == EDX_OK) {
    json_object_set_new(doc, "district", edx_district_brief(district));
    edx_set_days_late(json_object_get(doc, "overdue"), (long long)time(NULL));
    edx_rank_schools_done(json_object_get(doc, "schools"));
  }
  json_decref(district);
  edx_answer(ctx, rc, doc);
}

void edx_districts_reminders(edx_ctx *ctx)
{
  json_t *district, *doc = NULL;
  long within_days = 14;
  int year, rc;
  if (!(district = load(ctx, &year, &within_days)))
    return;
  rc = edx_db_reminders(ctx->conn, &doc, edx_json_str(district, "id"), year, (int)within_days);
  if (rc == EDX_OK) {
    json_t *counts = edx_reminders_finish(json_object_get(doc, "items"), (long long)time(NULL));
    json_object_set_new(doc, "district", edx_district_brief(district));
    json_object_set_new(doc, "year", json_integer(year));
    json_object_set_new(doc, "within_days", json_integer(within_days));
    json_object_set_new(doc, "counts", counts);
  }
  json_decref(district);
  edx_answer(ctx, rc, doc);
}
