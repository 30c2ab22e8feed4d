/* plans.c — /v1/plans: a district's plan for a year with its targets. Admins manage every plan,
 * district tokens their own district's; other tokens read within their scope. */
#include <stdio.h>
#include <string.h>
#include "api/routes.h"
#include "db/districts.h"
#include "db/indicators.h"
#include "src/rules/errors.h"
#include "src/rules/indicator_rules.h"
#include "src/rules/jsonx.h"
#include "src/rules/validate.h"

static const char *const csv_columns[] = {"id", "district_id", "year", "title", "document_ref",
                                          "targets", "created_at", "updated_at", NULL};

void edx_plans_list(edx_ctx *ctx)
{
  json_t *errors = json_array(), *list = NULL;
  edx_list_params lp;
  edx_plan_filter f;
  edx_conn *c;
  int rc;
  edx_list_params_parse(&lp, edx_query(ctx, "limit"), edx_query(ctx, "offset"),
                        edx_query(ctx, "sort"), edx_plan_sort_fields, "-year", errors);
  f.district_id = edx_query_uuid(ctx, "district_id", errors);
  f.year = edx_query_year(ctx, "year", 0, NULL, errors);
  f.updated_since = edx_query_timestamp(ctx, "updated_since", errors);
  edx_query_enum(ctx, "format", edx_list_formats, errors);
  if (edx_query_errors(ctx, errors) != 0)
    return;
  if (edx_scope_district(ctx, &f.district_id) != 0)
    return;
  if (!(c = edx_ctx_conn(ctx)))
    return;
  rc = edx_db_plan_list(c, &list, &f, &lp);
  if (rc == EDX_OK)
    edx_respond_list(ctx, list, csv_columns, "plans");
  else
    edx_problem(ctx, rc, NULL, NULL);
  json_decref(list);
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

static int create_plan(edx_ctx *ctx, json_t **out)
{
  return edx_db_plan_create(ctx->conn, out, &ctx->caller, ctx->body);
}

void edx_plans_create(edx_ctx *ctx)
{
  json_t *errors = json_array(), *district = NULL;
  const char *district_id;
  int rc;
  edx_default_district(ctx);
  if (edx_fields_reject_unknown(ctx->body, edx_plan_fields, errors)) {
    edx_problem(ctx, EDX_EBADREQ, "the body has fields clients cannot set on a plan", errors);
    return;
  }
  edx_fields_check_create(ctx->body, edx_plan_fields, errors);
  district_id = edx_json_str(ctx->body, "district_id");
  if (!district_id && !json_object_get(ctx->body, "district_id"))
    edx_errors_add(errors, "district_id", "is required");
  if (json_array_size(errors) > 0) {
    edx_problem(ctx, EDX_EINVALID, "the plan has invalid fields", errors);
    return;
  }
  json_decref(errors);
  if (!edx_may_manage_district(&ctx->caller, district_id)) {
    edx_problem(ctx, EDX_EFORBIDDEN, "this token may not make plans for that district", NULL);
    return;
  }
  if (!edx_ctx_conn(ctx))
    return;
  rc = edx_db_district_get(ctx->conn, &district, EDX_REF_ID, district_id, 0);
  json_decref(district);
  if (rc != EDX_OK) {
    errors = json_array();
    edx_errors_add(errors, "district_id", "no district with this id");
    edx_problem(ctx, rc == EDX_ENOTFOUND ? EDX_EINVALID : rc, "the plan has invalid fields",
                rc == EDX_ENOTFOUND ? errors : (json_decref(errors), NULL));
    return;
  }
  if (!json_object_get(ctx->body, "targets"))
    json_object_set_new(ctx->body, "targets", json_array());
  if (check_targets(ctx, json_object_get(ctx->body, "targets")) == EDX_OK)
    edx_run_create(ctx, create_plan, "/v1/plans/");
}

static json_t *load_plan(edx_ctx *ctx, int for_update)
{
  return edx_load_scoped(ctx, "plan", edx_db_plan_get, for_update, "plan");
}

void edx_plans_get(edx_ctx *ctx)
{
  json_t *plan;
  if (!edx_ctx_conn(ctx) || !(plan = load_plan(ctx, 0)))
    return;
  edx_respond_json(ctx, 200, plan);
  json_decref(plan);
}

static int patch_plan(edx_ctx *ctx, void *arg)
{
  json_t *before = load_plan(ctx, 1), *merged = NULL, *after = NULL;
  int rc = EDX_EFORBIDDEN;
  if (!before)
    return EDX_ENOTFOUND;
  if (!edx_may_manage_district(&ctx->caller, edx_json_str(before, "district_id"))) {
    edx_problem(ctx, EDX_EFORBIDDEN, "this token may not change this plan", NULL);
    goto cleanup;
  }
  if ((rc = edx_check_if_match(ctx, before)) != EDX_OK)
    goto cleanup;
  if (json_object_get(ctx->body, "targets") &&
      (rc = check_targets(ctx, json_object_get(ctx->body, "targets"))) != EDX_OK)
    goto cleanup;
  merged = json_deep_copy(before);
  json_object_set(merged, "targets", json_object_get(ctx->body, "targets")
                                       ? json_object_get(ctx->body, "targets")
                                       : json_object_get(before, "targets"));
  if (json_object_get(ctx->body, "title"))
    json_object_set(merged, "title", json_object_get(ctx->body, "title"));
  if (json_object_get(ctx->body, "document_ref"))
    json_object_set(merged, "document_ref", json_object_get(ctx->body, "document_ref"));
  rc = edx_db_plan_update(ctx->conn, &after, &ctx->caller, before, merged);
  if (rc == EDX_OK)
    edx_respond_json(ctx, 200, after);
cleanup:
  json_decref(before);
  json_decref(merged);
  json_decref(after);
  return rc;
}

void edx_plans_patch(edx_ctx *ctx)
{
  json_t *errors = json_array();
  const char *fixed = json_object_get(ctx->body, "district_id") ? "district_id"
                      : json_object_get(ctx->body, "year") ? "year" : NULL;
  if (edx_fields_reject_unknown(ctx->body, edx_plan_fields, errors) || fixed) {
    if (fixed)
      edx_errors_add(errors, fixed, "cannot change: make a plan for the other district or year");
    edx_problem(ctx, EDX_EBADREQ, "the body has fields clients cannot change on a plan", errors);
    return;
  }
  if (edx_fields_check_patch(ctx->body, edx_plan_fields, errors)) {
    edx_problem(ctx, EDX_EINVALID, "the plan has invalid fields", errors);
    return;
  }
  json_decref(errors);
  edx_run_in_transaction(ctx, patch_plan, NULL);
}
