/* calendars.c — /v1/calendars/vn/{year}: the days off and the Saturdays worked in exchange that
 * dossier due dates count against. Every token reads it; admins replace a year's days, and the
 * open dossiers whose due dates were counted from the calendar move with it (calendar_rules.h). */
#include <stdio.h>
#include <string.h>
#include "api/http.h"
#include "api/routes.h"
#include "api/write.h"
#include "db/calendars.h"
#include "src/rules/calendar_rules.h"
#include "src/rules/errors.h"
#include "src/rules/validate.h"

/* The path's year, when the path names Vietnam's calendar; else the problem is sent, -1. */
static int calendar_year(edx_ctx *ctx, int *year)
{
  json_t *errors;
  if (strcmp(edx_path_param(&ctx->params, "country"), "vn") != 0) {
    edx_problem(ctx, EDX_ENOTFOUND, "no calendar for this country: there is one, vn", NULL);
    return -1;
  }
  if (edx_parse_year(edx_path_param(&ctx->params, "year"), year) == 0)
    return 0;
  errors = json_array();
  edx_errors_add(errors, "year", "must be " EDX_YEAR_RULE);
  edx_problem(ctx, EDX_EBADREQ, "the calendar's year is invalid", errors);
  return -1;
}

void edx_calendars_get(edx_ctx *ctx)
{
  json_t *calendar = NULL;
  int year;
  int rc;
  if (calendar_year(ctx, &year) != 0 || !edx_ctx_conn(ctx))
    return;
  rc = edx_db_calendar_year(ctx->conn, &calendar, year);
  edx_answer(ctx, rc, calendar);
}

/* Replaces the year's days and moves the due dates that follow them. */
static int replace_calendar(edx_ctx *ctx, void *arg)
{
  const int *year = arg;
  json_t *before = NULL, *after = NULL, *dues = NULL, *changes = NULL, *calendar = NULL;
  long moved = 0;
  int rc = edx_db_calendar_map(ctx->conn, &before);
  if (rc == EDX_OK)
    rc = edx_db_calendar_replace(ctx->conn, &ctx->caller, *year,
                                 json_object_get(ctx->body, "days"));
  if (rc == EDX_OK)
    rc = edx_db_calendar_map(ctx->conn, &after);
  if (rc == EDX_OK)
    rc = edx_db_open_dossier_dues(ctx->conn, &dues, *year);
  if (rc == EDX_OK && json_array_size(changes = edx_calendar_rescheduled(dues, before, after)))
    rc = edx_db_dossier_dues_set(ctx->conn, changes, &moved);
  if (rc == EDX_OK)
    rc = edx_db_calendar_year(ctx->conn, &calendar, *year);
  if (rc == EDX_OK) {
    json_object_set_new(calendar, "dossiers_rescheduled", json_integer(moved));
    edx_respond_json(ctx, 200, calendar);
  }
  json_decref(before);
  json_decref(after);
  json_decref(dues);
  json_decref(changes);
  json_decref(calendar);
  return rc;
}

void edx_calendars_put(edx_ctx *ctx)
{
  json_t *errors;
  int year;
  if (calendar_year(ctx, &year) != 0)
    return;
  if (!edx_may_manage_catalogue(&ctx->caller)) {
    edx_problem(ctx, EDX_EFORBIDDEN, "only admin tokens may change the calendar", NULL);
    return;
  }
  errors = json_array();
  if (edx_calendar_check(ctx->body, year, errors) > 0) {
    edx_problem(ctx, EDX_EINVALID, "the calendar is invalid; nothing was changed", errors);
    return;
  }
  json_decref(errors);
  edx_run_in_transaction(ctx, replace_calendar, &year);
}
