/* indicators.c — /v1/indicators: the catalogue every token may read and admins maintain. An
 * indicator's source, value type and aggregation must fit together (src/indicator_rules.c). */
#include <string.h>
#include "api/lists.h"
#include "api/load.h"
#include "api/query.h"
#include "api/routes.h"
#include "api/write.h"
#include "db/indicators.h"
#include "src/rules/errors.h"
#include "src/rules/indicator_rules.h"
#include "src/rules/school_rules.h"


void edx_indicators_list(edx_ctx *ctx)
{
  json_t *errors = json_array();
  edx_list_page list = {0};
  edx_list_params lp;
  edx_indicator_filter f;
  edx_conn *c;
  int rc;
  edx_query_list(ctx, &lp, edx_indicator_sort_fields, "code", errors);
  f.source = edx_query_enum(ctx, "source", edx_indicator_sources, errors);
  f.level = edx_query_enum(ctx, "level", edx_school_levels, errors);
  f.updated_since = edx_query_timestamp(ctx, "updated_since", errors);
  if (edx_query_list_end(ctx, errors) != 0 || !(c = edx_ctx_conn(ctx)))
    return;
  rc = edx_db_indicator_list(c, &list, &f, &lp);
  edx_answer_list_tagged(ctx, rc, &list, edx_indicator_csv_columns, "indicators");
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

static int create_indicator(edx_ctx *ctx, void *arg, json_t **out)
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
  edx_indicator_defaults(ctx->body);
  if (check_indicator(ctx, ctx->body) == EDX_OK)
    edx_run_create_at(ctx, create_indicator, NULL, "/v1/indicators/", "code");
}

/* The indicator the path names; sends 404 and returns NULL when there is none. */
static json_t *load_indicator(edx_ctx *ctx, int for_update)
{
  json_t *ind = NULL;
  int rc = edx_db_indicator_get(ctx->conn, &ind, edx_path_param(&ctx->params, "indicator"),
                                for_update);
  if (rc != EDX_OK)
    edx_problem(ctx, rc, NULL, NULL);
  return rc == EDX_OK ? ind : NULL;
}

void edx_indicators_get(edx_ctx *ctx)
{
  edx_respond_loaded(ctx, load_indicator);
}

/* The merged indicator as stored: levels an array, the whole definition coherent. */
static int prepare_indicator(edx_ctx *ctx, const json_t *before, json_t *merged)
{
  if (!json_object_get(merged, "levels"))
    json_object_set_new(merged, "levels", json_array());
  return check_indicator(ctx, merged);
}

/* An indicator's PATCH body: not its code (400), valid values (422). */
static int check_indicator_patch(edx_ctx *ctx)
{
  json_t *errors = json_array();
  if (edx_fields_reject_unknown(ctx->body, edx_indicator_fields, errors) ||
      json_object_get(ctx->body, "code")) {
    if (json_array_size(errors) == 0)
      edx_errors_add(errors, "code", "is read-only: the code names the indicator");
    edx_problem(ctx, EDX_EBADREQ, "the body has fields clients cannot change on an indicator",
                errors);
    return -1;
  }
  if (edx_fields_check_patch(ctx->body, edx_indicator_fields, errors)) {
    edx_problem(ctx, EDX_EINVALID, "the indicator is invalid", errors);
    return -1;
  }
  json_decref(errors);
  return 0;
}

void edx_indicators_patch(edx_ctx *ctx)
{
  static const edx_patch_ops ops = {.load = load_indicator, .check_body = check_indicator_patch,
                                    .prepare = prepare_indicator,
                                    .update = edx_db_indicator_update};
  if (!edx_may_manage_catalogue(&ctx->caller)) {
    edx_problem(ctx, EDX_EFORBIDDEN, "only admin tokens may change indicators", NULL);
    return;
  }
  edx_run_patch(ctx, &ops);
}
