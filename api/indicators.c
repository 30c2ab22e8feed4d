/* indicators.c — /v1/indicators: the catalogue every token may read and admins maintain. An
 * indicator's source, value type and aggregation must fit together (src/indicator_rules.c). */
#include <string.h>
#include "api/routes.h"
#include "db/indicators.h"
#include "src/rules/errors.h"
#include "src/rules/indicator_rules.h"
#include "src/rules/jsonx.h"
#include "src/rules/school_rules.h"

static const char *const csv_columns[] = {"code", "name_vi", "name_en", "category", "source",
                                          "value_type", "aggregation", "levels", "measure",
                                          "created_at", "updated_at", NULL};

void edx_indicators_list(edx_ctx *ctx)
{
  json_t *errors = json_array(), *list = NULL;
  edx_list_params lp;
  edx_indicator_filter f;
  edx_conn *c;
  int rc;
  edx_list_params_parse(&lp, edx_query(ctx, "limit"), edx_query(ctx, "offset"),
                        edx_query(ctx, "sort"), edx_indicator_sort_fields, "code", errors);
  f.source = edx_query_enum(ctx, "source", edx_indicator_sources, errors);
  f.level = edx_query_enum(ctx, "level", edx_school_levels, errors);
  f.updated_since = edx_query_timestamp(ctx, "updated_since", errors);
  edx_query_enum(ctx, "format", edx_list_formats, errors);
  if (edx_query_errors(ctx, errors) != 0 || !(c = edx_ctx_conn(ctx)))
    return;
  rc = edx_db_indicator_list(c, &list, &f, &lp);
  if (rc == EDX_OK)
    edx_respond_list(ctx, list, csv_columns, "indicators");
  else
    edx_problem(ctx, rc, NULL, NULL);
  json_decref(list);
}

/* Validates a complete indicator (create, or merged patch): 422 on any problem. */
static int check_indicator(edx_ctx *ctx, const json_t *ind)
{
  json_t *errors = json_array();
  if (edx_fields_check_create(ind, edx_indicator_fields, errors) == 0)
    edx_indicator_coherence(ind, errors);
  if (json_array_size(errors) == 0) {
    json_decref(errors);
    return EDX_OK;
  }
  edx_problem(ctx, EDX_EINVALID, "the indicator is invalid", errors);
  return EDX_EINVALID;
}

static int create_indicator(edx_ctx *ctx, json_t **out)
{
  return edx_db_indicator_create(ctx->conn, out, &ctx->caller, ctx->body);
}

void edx_indicators_create(edx_ctx *ctx)
{
  json_t *errors = json_array();
  if (edx_fields_reject_unknown(ctx->body, edx_indicator_fields, errors)) {
    edx_problem(ctx, EDX_EBADREQ, "the body has fields clients cannot set on an indicator", errors);
    return;
  }
  json_decref(errors);
  if (!edx_may_manage_catalogue(&ctx->caller)) {
    edx_problem(ctx, EDX_EFORBIDDEN, "only admin tokens may add indicators", NULL);
    return;
  }
  if (!json_object_get(ctx->body, "levels"))
    json_object_set_new(ctx->body, "levels", json_array());
  if (check_indicator(ctx, ctx->body) == EDX_OK)
    edx_run_create_at(ctx, create_indicator, "/v1/indicators/", "code");
}

void edx_indicators_get(edx_ctx *ctx)
{
  json_t *ind = NULL;
  edx_conn *c = edx_ctx_conn(ctx);
  int rc;
  if (!c)
    return;
  rc = edx_db_indicator_get(c, &ind, edx_path_param(&ctx->params, "indicator"), 0);
  if (rc == EDX_OK)
    edx_respond_json(ctx, 200, ind);
  else
    edx_problem(ctx, rc, NULL, NULL);
  json_decref(ind);
}

static int patch_indicator(edx_ctx *ctx, void *arg)
{
  json_t *before = NULL, *merged = NULL, *after = NULL;
  int rc = edx_db_indicator_get(ctx->conn, &before, edx_path_param(&ctx->params, "indicator"), 1);
  if (rc != EDX_OK || (rc = edx_check_if_match(ctx, before)) != EDX_OK)
    goto cleanup;
  merged = json_deep_copy(before);
  edx_json_merge_patch(merged, ctx->body);
  if (!json_object_get(merged, "levels"))
    json_object_set_new(merged, "levels", json_array());
  if ((rc = check_indicator(ctx, merged)) != EDX_OK)
    goto cleanup;
  rc = edx_db_indicator_update(ctx->conn, &after, &ctx->caller, before, merged);
  if (rc == EDX_OK)
    edx_respond_json(ctx, 200, after);
cleanup:
  json_decref(before);
  json_decref(merged);
  json_decref(after);
  return rc;
}

void edx_indicators_patch(edx_ctx *ctx)
{
  json_t *errors = json_array();
  if (edx_fields_reject_unknown(ctx->body, edx_indicator_fields, errors) ||
      json_object_get(ctx->body, "code")) {
    if (json_array_size(errors) == 0)
      edx_errors_add(errors, "code", "is read-only: the code names the indicator");
    edx_problem(ctx, EDX_EBADREQ, "the body has fields clients cannot change on an indicator",
                errors);
    return;
  }
  if (edx_fields_check_patch(ctx->body, edx_indicator_fields, errors)) {
    edx_problem(ctx, EDX_EINVALID, "the indicator is invalid", errors);
    return;
  }
  json_decref(errors);
  if (!edx_may_manage_catalogue(&ctx->caller)) {
    edx_problem(ctx, EDX_EFORBIDDEN, "only admin tokens may change indicators", NULL);
    return;
  }
  edx_run_in_transaction(ctx, patch_indicator, NULL);
}
