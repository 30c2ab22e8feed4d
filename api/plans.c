/* plans.c — /v1/plans: a district's plan for a year with its targets. Admins manage every plan,
 * district tokens their own district's; other tokens read within their scope. */
#include <stdio.h>
#include <string.h>
#include "api/lists.h"
#include "api/load.h"
#include "api/query.h"
#include "api/routes.h"
#include "api/write.h"
#include "db/districts.h"
#include "db/indicators.h"
#include "src/rules/errors.h"
#include "src/rules/indicator_rules.h"
#include "src/rules/jsonx.h"
#include "src/rules/periods.h"
#include "src/rules/validate.h"


void edx_plans_list(edx_ctx *ctx)
{
  json_t *errors = json_array();
  edx_list_page list = {0};
  edx_list_params lp;
  edx_plan_filter f;
  int rc;
  edx_query_list(ctx, &lp, edx_plan_sort_fields, "-year", errors);
  f.district_id = edx_query_uuid(ctx, "district_id", errors);
  f.year = edx_query_period(ctx, "year", 0, NULL, errors);
  f.updated_since = edx_query_timestamp(ctx, "updated_since", errors);
  f.province = edx_query_code(ctx, "province", errors);
  if (edx_list_begin(ctx, errors, &f.district_id, &f.province, 0) != 0)
    return;
  rc = edx_db_plan_list(ctx->conn, &list, &f, &lp);
  edx_answer_list_tagged(ctx, rc, &list, edx_plan_csv_columns, "plans");
}

/* 422 for invalid targets (they need the catalogue); returns the edx code. */
static int check_targets(edx_ctx *ctx, const json_t *targets)
{
  json_t *indicators = NULL, *errors;
  int rc = edx_db_indicator_map(ctx->conn, &indicators);
  if (rc != EDX_OK) {
    edx_problem(ctx, rc, NULL, NULL);
    return rc;
  }
  errors = json_array();
  edx_plan_targets_check(targets, indicators, errors);
  json_decref(indicators);
  if (json_array_size(errors) == 0) {
    json_decref(errors);
    return EDX_OK;
  }
  edx_problem(ctx, EDX_EINVALID, "the plan's targets are invalid", errors);
  return EDX_EINVALID;
}

static int create_plan(edx_ctx *ctx, void *arg, json_t **out)
{
  return edx_db_plan_create(ctx->conn, out, &ctx->caller, ctx->body);
}

void edx_plans_create(edx_ctx *ctx)
{
  json_t *errors = json_array();
  const char *district_id;
  edx_default_district(ctx);
  if (edx_body_scope_first(ctx, "this token may not make plans for that district") != 0) {
    json_decref(errors);
    return;
  }
  if (edx_fields_reject_unknown(ctx->body, edx_plan_fields, errors)) {
    edx_problem(ctx, EDX_EBADREQ, "the body has fields clients cannot set on a plan", errors);
    return;
  }
  edx_period_member_to_year(ctx->body, "year");
  edx_fields_check_create(ctx->body, edx_plan_fields, errors);
  district_id = edx_json_str(ctx->body, "district_id");
  if (!district_id && !json_object_get(ctx->body, "district_id"))
    edx_errors_say(errors, "district_id", &EDX_MSG_REQUIRED);
  if (json_array_size(errors) > 0) {
    edx_problem(ctx, EDX_EINVALID, "the plan has invalid fields", errors);
    return;
  }
  json_decref(errors);
  if (edx_create_in_district(ctx, "this token may not make plans for that district",
                             "the plan has invalid fields") != 0)
    return;
  if (!json_object_get(ctx->body, "targets"))
    json_object_set_new(ctx->body, "targets", json_array());
  if (check_targets(ctx, json_object_get(ctx->body, "targets")) == EDX_OK)
    edx_run_create(ctx, create_plan, NULL, "/v1/plans/");
}

static json_t *load_plan(edx_ctx *ctx, int for_update)
{
  return edx_load_scoped(ctx, "plan", edx_db_plan_get, for_update, "plan");
}

void edx_plans_get(edx_ctx *ctx)
{
  edx_respond_loaded(ctx, load_plan);
}

static int may_change_plan(edx_ctx *ctx, const json_t *before)
{
  if (edx_may_manage_district(&ctx->caller, edx_json_str(before, "district_id")))
    return EDX_OK;
  edx_problem(ctx, EDX_EFORBIDDEN, "this token may not change this plan", NULL);
  return EDX_EFORBIDDEN;
}

/* New targets are checked against the catalogue. */
static int prepare_plan(edx_ctx *ctx, const json_t *before, json_t *merged)
{
  const json_t *targets = json_object_get(ctx->body, "targets");
  return targets ? check_targets(ctx, targets) : EDX_OK;
}

/* A plan's PATCH body: neither its district nor its year (400), valid values (422). */
static int check_plan_patch(edx_ctx *ctx)
{
  json_t *errors = json_array();
  const char *fixed = json_object_get(ctx->body, "district_id") ? "district_id"
                      : json_object_get(ctx->body, "year") ? "year" : NULL;
  if (edx_fields_reject_unknown(ctx->body, edx_plan_fields, errors) || fixed) {
    if (fixed)
      edx_errors_add(errors, fixed, "cannot change: make a plan for the other district or year");
    edx_problem(ctx, EDX_EBADREQ, "the body has fields clients cannot change on a plan", errors);
    return -1;
  }
  if (edx_fields_check_patch(ctx->body, edx_plan_fields, errors)) {
    edx_problem(ctx, EDX_EINVALID, "the plan has invalid fields", errors);
    return -1;
  }
  json_decref(errors);
  return 0;
}

void edx_plans_patch(edx_ctx *ctx)
{
  static const edx_patch_ops ops = {.load = load_plan, .allowed = may_change_plan,
                                    .check_body = check_plan_patch, .prepare = prepare_plan,
                                    .update = edx_db_plan_update};
  edx_run_patch(ctx, &ops);
}
