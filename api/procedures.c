/* procedures.c — /v1/procedures: the administrative procedures a district office offers, and
 * the metrics of their dossiers (/v1/procedures/{id}/metrics, and per district at
 * /v1/districts/{district}/procedure-metrics). Admins manage every district's, district tokens
 * their own; readers read; school tokens have no business here. */
#include <stdio.h>
#include <string.h>
#include "api/lists.h"
#include "api/load.h"
#include "api/query.h"
#include "api/routes.h"
#include "api/write.h"
#include "db/districts.h"
#include "db/procedures.h"
#include "src/rules/dossier_rules.h"
#include "src/rules/errors.h"
#include "src/rules/figure_csv.h"
#include "src/rules/jsonx.h"
#include "src/rules/validate.h"


void edx_procedures_list(edx_ctx *ctx)
{
  json_t *errors = json_array();
  edx_list_page list = {0};
  edx_list_params lp;
  edx_procedure_filter f;
  int rc;
  edx_query_list(ctx, &lp, edx_procedure_sort_fields, "name", errors);
  f.district_id = edx_query_uuid(ctx, "district_id", errors);
  f.online_mode = edx_query_enum(ctx, "online_mode", edx_online_modes, errors);
  f.active = edx_query_bool(ctx, "active", errors);
  f.q = edx_query_text(ctx, "q", 200, errors);
  f.updated_since = edx_query_timestamp(ctx, "updated_since", errors);
  f.province = edx_query_code(ctx, "province", errors);
  if (edx_list_begin(ctx, errors, &f.district_id, &f.province, 1) != 0)
    return;
  rc = edx_db_procedure_list(ctx->conn, &list, &f, &lp);
  edx_answer_list_tagged(ctx, rc, &list, edx_procedure_csv_columns, "procedures");
}

static int create_procedure(edx_ctx *ctx, void *arg, json_t **out)
{
  return edx_db_procedure_create(ctx->conn, out, &ctx->caller, ctx->body);
}

void edx_procedures_create(edx_ctx *ctx)
{
  edx_default_district(ctx);
  if (edx_body_scope_first(ctx, "this token may not add procedures to that district") != 0 ||
      edx_validate_body(ctx, edx_procedure_fields, 0, "procedure") != 0 ||
      edx_create_in_district(ctx, "this token may not add procedures to that district",
                             "the procedure has invalid fields") != 0)
    return;
  edx_run_create(ctx, create_procedure, NULL, "/v1/procedures/");
}

static json_t *load_procedure(edx_ctx *ctx, int for_update)
{
  return edx_load_scoped(ctx, "procedure", edx_db_procedure_get, for_update, "procedure");
}

void edx_procedures_get(edx_ctx *ctx)
{
  if (edx_office_only(ctx) == 0)
    edx_respond_loaded(ctx, load_procedure);
}

static int check_procedure_patch(edx_ctx *ctx)
{
  if (json_object_get(ctx->body, "district_id")) {
    json_t *errors = json_array();
    edx_errors_add(errors, "district_id", "cannot change: a procedure belongs to its district");
    edx_problem(ctx, EDX_EBADREQ, "the body has fields clients cannot change", errors);
    return -1;
  }
  return edx_validate_body(ctx, edx_procedure_fields, 1, "procedure");
}

void edx_procedures_patch(edx_ctx *ctx)
{
  static const edx_patch_ops ops = {.load = load_procedure, .district_data = "procedures",
                                    .check_body = check_procedure_patch,
                                    .update = edx_db_procedure_update};
  if (edx_office_only(ctx) == 0)
    edx_run_patch(ctx, &ops);
}

void edx_procedures_metrics(edx_ctx *ctx)
{
  json_t *p, *metrics = NULL;
  int year;
  int rc;
  if (edx_query_year_format(ctx, &year) != 0 || edx_office_only(ctx) != 0 || !edx_ctx_conn(ctx) ||
      !(p = load_procedure(ctx, 0)))
    return;
  rc = edx_db_procedure_metrics(ctx->conn, &metrics, edx_json_str(p, "id"), NULL, year);
  edx_answer(ctx, rc, metrics);
  json_decref(p);
}

void edx_procedures_district_metrics(edx_ctx *ctx)
{
  json_t *district = NULL, *metrics = NULL, *rows, *m, *wrapper;
  int year;
  size_t i;
  int rc;
  if (edx_query_year_format(ctx, &year) != 0 || edx_office_only(ctx) != 0 || !edx_ctx_conn(ctx) ||
      !(district = edx_load_district(ctx, 0)))
    return;
  rc = edx_db_procedure_metrics(ctx->conn, &metrics, NULL, edx_json_str(district, "id"),
                                year);
  if (rc != EDX_OK) {
    edx_problem(ctx, rc, NULL, NULL);
    goto cleanup;
  }
  json_object_set_new(metrics, "district", edx_district_brief(district));
  if (!edx_wants_csv(ctx)) {
    edx_respond_json(ctx, 200, metrics);
    goto cleanup;
  }
  rows = json_array(); /* CSV: one row per procedure, its code and name beside its figures */
  json_array_foreach(json_object_get(metrics, "procedures"), i, m) {
    json_t *row = json_deep_copy(m);
    json_object_update(row, json_object_get(m, "procedure"));
    json_array_append_new(rows, row);
  }
  wrapper = json_pack("{s:o}", "items", rows);
  edx_respond_list(ctx, wrapper, edx_procedure_metrics_csv_columns, "procedure-metrics");
  json_decref(wrapper);
cleanup:
  json_decref(district);
  json_decref(metrics);
}
